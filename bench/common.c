/*
 * common.c: running a measuring child bare or jailed, and reading its result.
 */
#include <sys/wait.h>

#include <err.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "sysjail.h"
#include "common.h"

extern char	**environ;

/* Parses the options; the caller has set the defaults in *o. */
void
bench_opts(struct bench_opts *o, int argc, char *argv[], const char *optstr,
    const char *usage)
{
	char	*end;
	int	 ch;

	while ((ch = getopt(argc, argv, optstr)) != -1) {
		switch (ch) {
		case 'a':
			o->extra = 1;
			break;
		case 'p':
			o->pin = 1;
			break;
		case 'n':
			o->calls = strtol(optarg, &end, 10);
			if (*end != '\0' || o->calls < 1 || o->calls > 1000000000)
				errx(1, "-n: 1 to 1000000000 calls");
			break;
		case 'r':
			o->rounds = (int)strtol(optarg, &end, 10);
			if (*end != '\0' || o->rounds < 1 ||
			    o->rounds > BENCH_MAXROUNDS)
				errx(1, "-r: 1 to %d rounds", BENCH_MAXROUNDS);
			break;
		default:
			fprintf(stderr, "usage: %s\n", usage);
			exit(1);
		}
	}
	if (optind != argc) {
		fprintf(stderr, "usage: %s\n", usage);
		exit(1);
	}
}

/*
 * Pins the calling process to CPU 0.  Affinity is inherited across fork and
 * execve, so every process started afterwards, the jail's keeper, supervisor
 * and command included, shares that one CPU.
 */
void
bench_pin(void)
{
	cpu_set_t	 set;

	CPU_ZERO(&set);
	CPU_SET(0, &set);
	if (sched_setaffinity(0, sizeof(set), &set) == -1)
		err(1, "sched_setaffinity");
}

/* The running binary: the jail's root is "/", so the path holds inside. */
char *
bench_self(void)
{
	static char	 path[PATH_MAX];
	ssize_t		 n;

	if ((n = readlink("/proc/self/exe", path, sizeof(path) - 1)) == -1)
		err(1, "/proc/self/exe");
	path[n] = '\0';
	return path;
}

double
bench_ns(const struct timespec *a, const struct timespec *b)
{
	return (double)(b->tv_sec - a->tv_sec) * 1e9 +
	    (double)(b->tv_nsec - a->tv_nsec);
}

/* The child's side: one line, ns per call. */
void
bench_report(double ns)
{
	if (printf("%.3f\n", ns) < 0 || fflush(stdout) == EOF)
		_exit(1);
}

/*
 * Reads the child's line from fd; -1 if there is none.  The end of the line,
 * not end of file, ends the read: a jail's keeper and supervisor hold the
 * write end as their standard output until the jail is gone.
 */
double
bench_result(int fd)
{
	char	 buf[128], *end;
	size_t	 len = 0;
	ssize_t	 n;
	double	 v;

	while (len < sizeof(buf) - 1 && memchr(buf, '\n', len) == NULL) {
		n = read(fd, buf + len, sizeof(buf) - 1 - len);
		if (n == -1 && errno == EINTR)
			continue;
		if (n <= 0)
			break;
		len += (size_t)n;
	}
	buf[len] = '\0';
	v = strtod(buf, &end);
	if (end == buf || *end != '\n' || v <= 0)
		return -1;
	return v;
}

static void
checkstatus(const char *what, int st, double v)
{
	if (!WIFEXITED(st) || WEXITSTATUS(st) != 0 || v < 0)
		errx(1, "%s run failed (wait status %#x)", what, st);
}

/* Runs argv in a plain child and returns its result. */
double
bench_bare(char *const argv[])
{
	pid_t	 pid;
	double	 v;
	int	 p[2], st;

	fflush(stdout);
	if (pipe2(p, O_CLOEXEC) == -1)
		err(1, "pipe");
	if ((pid = fork()) == -1)
		err(1, "fork");
	if (pid == 0) {
		/* dup2 clears close-on-exec on the copy. */
		if (dup2(p[1], 1) == -1)
			_exit(127);
		execve(argv[0], argv, environ);
		_exit(127);
	}
	close(p[1]);
	v = bench_result(p[0]);
	close(p[0]);
	while (waitpid(pid, &st, 0) == -1)
		if (errno != EINTR)
			err(1, "waitpid");
	checkstatus("bare", st, v);
	return v;
}

/*
 * Runs argv in a fresh jail rooted at "/" and returns its result.  The jailed
 * command keeps only descriptors 0 to 2, so the result comes back on its
 * standard output: a pipe, put in place of ours while the jail starts.
 */
double
bench_jailed(char *const argv[])
{
	struct sysjail	*sj;
	double		 v;
	int		 p[2], saved, st;

	fflush(stdout);
	if (pipe2(p, O_CLOEXEC) == -1)
		err(1, "pipe");
	if ((saved = fcntl(1, F_DUPFD_CLOEXEC, 3)) == -1)
		err(1, "dup");
	if (dup2(p[1], 1) == -1)
		err(1, "dup2");
	close(p[1]);
	if ((sj = sysjail_create()) == NULL)
		err(1, "sysjail_create");
	if (sysjail_set_path(sj, "/") == -1 ||
	    sysjail_set_hostname(sj, "bench") == -1 ||
	    sysjail_add_addr(sj, "127.0.1.1") == -1 ||
	    sysjail_start(sj, argv, environ) == -1) {
		dup2(saved, 1);
		errx(1, "jail: %s", sysjail_errmsg(sj));
	}
	if (dup2(saved, 1) == -1)
		err(1, "dup2");
	close(saved);
	v = bench_result(p[0]);
	close(p[0]);
	if (sysjail_wait(sj, &st) == -1)
		errx(1, "jail: %s", sysjail_errmsg(sj));
	sysjail_free(sj);
	checkstatus("jailed", st, v);
	return v;
}

static int
cmp(const void *a, const void *b)
{
	double	 x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

double
bench_median(const double *v, int n)
{
	double	 s[BENCH_MAXROUNDS];

	memcpy(s, v, (size_t)n * sizeof(*s));
	qsort(s, (size_t)n, sizeof(*s), cmp);
	return n % 2 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
}

void
bench_range(const double *v, int n, double *lo, double *hi)
{
	int	 i;

	*lo = *hi = v[0];
	for (i = 1; i < n; i++) {
		if (v[i] < *lo)
			*lo = v[i];
		if (v[i] > *hi)
			*hi = v[i];
	}
}
