/*
 * bench_work: the measured loops of bench/compare.sh, one per mode, each
 * timing itself and printing one number, nanoseconds per iteration, as the
 * last line of its standard output.  Every loop first runs a tenth of its
 * count untimed, to warm up.  The program is the same under every runner
 * of the comparison (bare, sysjail, PRoot, Firejail, bubblewrap, chroot),
 * so that only the runner differs; it judges nothing.
 *
 *	allowed N	getppid(2), a call sysjail's filter allows
 *	kill N		kill(child, 0) on a child of the caller, a call
 *			sysjail's supervisor answers (membership check)
 *	bind N		socket(2) + bind(2) to 0.0.0.0 port 0 + close(2);
 *			sysjail's supervisor performs the bind itself
 *	uname N		uname(2), answered by the kernel from the jail's UTS
 *			name space
 *	tcp N		N one-byte request/response exchanges over one TCP
 *			connection between two processes
 *	tcpconn N	N connections, each a connect(2), a one-byte request,
 *			its response and close(2)
 *	repeat N cmd ...
 *			runs cmd N times one after the other (fork, execve,
 *			wait), its standard output /dev/null, and prints the
 *			mean and the median time of one run; fails if a run
 *			fails
 *
 * The TCP server binds 127.0.0.1 port 0 and the client connects to
 * 127.0.0.1 and the server's port: in a jail, both are the jail's address.
 *
 * usage: bench_work mode N [cmd ...]
 */
#include <sys/socket.h>
#include <sys/utsname.h>
#include <sys/wait.h>

#include <netinet/in.h>
#include <netinet/tcp.h>
#include <arpa/inet.h>

#include <err.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#define MAXREPEAT	10000
#define WARMUP_NS	1e8	/* at most 0.1 s of untimed calls */
#define BUDGET_NS	1e9	/* and 1 s of timed ones */

extern char	**environ;

static double
ns(const struct timespec *a, const struct timespec *b)
{
	return (double)(b->tv_sec - a->tv_sec) * 1e9 +
	    (double)(b->tv_nsec - a->tv_nsec);
}

static void
now(struct timespec *t)
{
	clock_gettime(CLOCK_MONOTONIC, t);
}

static void
waitfor(pid_t pid, const char *what)
{
	int	 st;

	while (waitpid(pid, &st, 0) == -1)
		if (errno != EINTR)
			err(1, "waitpid");
	if (!WIFEXITED(st) || WEXITSTATUS(st) != 0)
		errx(1, "%s failed (wait status %#x)", what, st);
}

/*
 * Runs op up to n times, timed, after up to n / 10 untimed calls; both
 * phases also end at a time budget, so that a runner that makes a call
 * a hundred times slower (PRoot stops on every one) still ends in seconds.
 * Returns the nanoseconds per call actually made.
 */
static double
loop(void (*op)(void), long n)
{
	struct timespec	 a, b;
	long		 i;

	now(&a);
	for (i = 0; i < n / 10; i++) {
		op();
		if (i % 64 == 63) {
			now(&b);
			if (ns(&a, &b) > WARMUP_NS)
				break;
		}
	}
	now(&a);
	for (i = 0; i < n; ) {
		op();
		if (++i % 64 == 0) {
			now(&b);
			if (ns(&a, &b) > BUDGET_NS)
				break;
		}
	}
	now(&b);
	return ns(&a, &b) / (double)i;
}

static void
op_allowed(void)
{
	if (getppid() == -1)
		abort();
}

static void
op_uname(void)
{
	struct utsname	 u;

	if (uname(&u) == -1)
		err(1, "uname");
}

static pid_t	 target;

static void
op_kill(void)
{
	if (kill(target, 0) == -1)
		err(1, "kill");
}

/* The target is a child that waits for its pipe to close. */
static double
killl(long n)
{
	double	 v;
	int	 p[2];
	char	 c;

	if (pipe(p) == -1)
		err(1, "pipe");
	if ((target = fork()) == -1)
		err(1, "fork");
	if (target == 0) {
		close(p[1]);
		while (read(p[0], &c, 1) == -1 && errno == EINTR)
			continue;
		_exit(0);
	}
	close(p[0]);
	v = loop(op_kill, n);
	close(p[1]);
	waitfor(target, "the kill target");
	return v;
}

static void
op_bind(void)
{
	struct sockaddr_in	 sin;
	int			 s;

	memset(&sin, 0, sizeof(sin));
	sin.sin_family = AF_INET;
	sin.sin_addr.s_addr = htonl(INADDR_ANY);
	if ((s = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0)) == -1)
		err(1, "socket");
	if (bind(s, (struct sockaddr *)&sin, sizeof(sin)) == -1)
		err(1, "bind");
	close(s);
}

static void
xfer(int s, char *c, int send)
{
	ssize_t	 r;

	do
		r = send ? write(s, c, 1) : read(s, c, 1);
	while (r == -1 && errno == EINTR);
	if (r != 1)
		errx(1, "tcp: short %s", send ? "write" : "read");
}

static void
nodelay(int s)
{
	int	 one = 1;

	if (setsockopt(s, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one)) == -1)
		err(1, "TCP_NODELAY");
}

/*
 * The server: answers every byte with a byte; one connection for "tcp",
 * one connection per exchange for "tcpconn", until the client has gone
 * ("tcp") or has sent 'q' ("tcpconn").
 */
static void __attribute__((noreturn))
server(int ls, int perconn)
{
	ssize_t	 r;
	char	 c = 0;
	int	 s;

	for (;;) {
		if ((s = accept(ls, NULL, NULL)) == -1) {
			if (errno == EINTR)
				continue;
			_exit(1);
		}
		nodelay(s);
		while ((r = read(s, &c, 1)) == 1 || (r == -1 &&
		    errno == EINTR)) {
			if (r == 1 && write(s, &c, 1) != 1)
				_exit(1);
			if (perconn && r == 1)
				break;
		}
		close(s);
		if (!perconn || c == 'q')
			_exit(0);
	}
}

static struct sockaddr_in	 peer;
static int			 conn = -1;

static int
dial(void)
{
	int	 s;

	if ((s = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0)) == -1)
		err(1, "socket");
	if (connect(s, (const struct sockaddr *)&peer, sizeof(peer)) == -1)
		err(1, "connect");
	nodelay(s);
	return s;
}

static void
op_tcp(void)
{
	char	 c = 'r';

	xfer(conn, &c, 1);
	xfer(conn, &c, 0);
}

static void
op_tcpconn(void)
{
	conn = dial();
	op_tcp();
	close(conn);
}

static double
tcpl(long n, int perconn)
{
	socklen_t	 len = sizeof(peer);
	double		 v;
	pid_t		 pid;
	char		 c = 'q';
	int		 ls;

	memset(&peer, 0, sizeof(peer));
	peer.sin_family = AF_INET;
	peer.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	if ((ls = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0)) == -1)
		err(1, "socket");
	if (bind(ls, (struct sockaddr *)&peer, sizeof(peer)) == -1 ||
	    listen(ls, 64) == -1 ||
	    getsockname(ls, (struct sockaddr *)&peer, &len) == -1)
		err(1, "tcp: listening socket");
	/* The client connects to 127.0.0.1, whatever the server got. */
	peer.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	if ((pid = fork()) == -1)
		err(1, "fork");
	if (pid == 0)
		server(ls, perconn);
	close(ls);
	if (perconn) {
		v = loop(op_tcpconn, n);
		conn = dial();		/* the last exchange ends the server */
		xfer(conn, &c, 1);
		xfer(conn, &c, 0);
	} else {
		conn = dial();
		v = loop(op_tcp, n);
	}
	close(conn);
	waitfor(pid, "the tcp server");
	return v;
}

static int
cmp(const void *a, const void *b)
{
	double	 x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

static void
repeat(long n, char *argv[])
{
	struct timespec	 a, b;
	static double	 t[MAXREPEAT];
	double		 sum = 0, med;
	pid_t		 pid;
	long		 i;
	int		 devnull;

	if (n > MAXREPEAT)
		errx(1, "repeat: at most %d runs", MAXREPEAT);
	if ((devnull = open("/dev/null", O_WRONLY | O_CLOEXEC)) == -1)
		err(1, "/dev/null");
	for (i = 0; i < n; i++) {
		now(&a);
		if ((pid = fork()) == -1)
			err(1, "fork");
		if (pid == 0) {
			/* Only the result line goes to standard output. */
			if (dup2(devnull, 1) == -1)
				_exit(127);
			execvp(argv[0], argv);
			_exit(127);
		}
		waitfor(pid, argv[0]);
		now(&b);
		t[i] = ns(&a, &b);
		sum += t[i];
	}
	close(devnull);
	qsort(t, (size_t)n, sizeof(t[0]), cmp);
	med = n % 2 ? t[n / 2] : (t[n / 2 - 1] + t[n / 2]) / 2;
	printf("%.0f %.0f\n", sum / (double)n, med);
}

int
main(int argc, char *argv[])
{
	const char	*mode;
	char		*end;
	double		 v;
	long		 n;

	if (argc < 3)
		goto usage;
	mode = argv[1];
	n = strtol(argv[2], &end, 10);
	if (*end != '\0' || n < 1 || n > 1000000000)
		errx(1, "N: 1 to 1000000000");
	signal(SIGPIPE, SIG_IGN);
	if (strcmp(mode, "repeat") == 0 && argc > 3) {
		repeat(n, argv + 3);
		return fflush(stdout) == EOF;
	}
	if (argc != 3)
		goto usage;
	if (strcmp(mode, "allowed") == 0)
		v = loop(op_allowed, n);
	else if (strcmp(mode, "kill") == 0)
		v = killl(n);
	else if (strcmp(mode, "bind") == 0)
		v = loop(op_bind, n);
	else if (strcmp(mode, "uname") == 0)
		v = loop(op_uname, n);
	else if (strcmp(mode, "tcp") == 0)
		v = tcpl(n, 0);
	else if (strcmp(mode, "tcpconn") == 0)
		v = tcpl(n, 1);
	else
		goto usage;
	printf("%.1f\n", v);
	return fflush(stdout) == EOF;
usage:
	fprintf(stderr, "usage: bench_work allowed|kill|bind|uname|tcp|"
	    "tcpconn N\n       bench_work repeat N cmd ...\n");
	return 1;
}
