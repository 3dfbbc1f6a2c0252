/*
 * sjload: load and fault drivers for atf/load_test and atf/fault_test.  A
 * static, non-PIE program run inside a jail (and bare, to show the host's
 * different answers).  Each mode prints one line of counts and exits 0 if
 * every answer was the one a jailed process must get, 1 otherwise.
 *
 *	sjload calls NPROC NCALLS OUTSIDE [block]
 *		NPROC processes, each in a session of its own, make NCALLS
 *		intercepted calls whose right answer depends on the caller:
 *		getsid(self) and getpgid(self) are its own pid, kill(self, 0)
 *		is 0 and kill(OUTSIDE, 0) is ESRCH (4:3:2:1).  ENOSYS counts
 *		as lost, any other answer as wrong; the workers that have
 *		not reported when no call was answered for 10 s, as hung.
 *		With block, one more process is blocked in connect(2) to a
 *		listener of the jail's whose backlog is full, and one is
 *		stopped (SIGSTOP) while it makes intercepted calls.
 *	sjload forks N		forks N sleeping children; prints how many
 *	sjload bomb SECONDS	a fork bomb for SECONDS; counts EAGAIN
 *	sjload refuse OUTSIDE ADDR LOG
 *		three processes try refused operations forever: signal
 *		OUTSIDE, bind 0.0.0.0 (must become ADDR); every wrong answer
 *		is appended to LOG
 *	sjload midcall ROUNDS	victims with 8 threads each in capget, kill and
 *		getsid are SIGKILLed at random moments while a witness checks
 *		its own answers
 *	sjload nofile [no32]	a full descriptor table, then calls the
 *		supervisor answers with a descriptor: EMFILE; no32 leaves out
 *		the i386 socketcall, for a host without IA-32 emulation
 */
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/wait.h>

#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <linux/capability.h>
#include <netinet/in.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#define HANG_MS		10000		/* a worker without progress: hung */

static volatile long	*progress;	/* each worker's calls, shared */

static long long
now_us(void)
{
	struct timespec	 ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000000 + ts.tv_nsec / 1000;
}

static void
usage(void)
{
	fprintf(stderr, "usage: sjload calls nproc ncalls outside [block]\n"
	    "       sjload forks n | bomb seconds | midcall rounds | nofile [no32]\n"
	    "       sjload refuse outside addr log\n");
	exit(2);
}

/* One worker of `calls': its counts, as a line on fd. */
static void __attribute__((noreturn))
worker(int fd, long ncalls, pid_t outside, volatile long *done)
{
	long long	 t, dt, max = 0;
	long		 i, ok = 0, wrong = 0, lost = 0;
	pid_t		 me = getpid();
	char		 line[128];
	long		 r;
	int		 n;

	if (setsid() == -1)
		_exit(3);
	for (i = 0; i < ncalls; i++) {
		t = now_us();
		errno = 0;
		switch (i % 10) {
		case 0: case 1: case 2: case 3:
			r = kill(me, 0);
			n = r == 0;
			break;
		case 4: case 5: case 6:
			r = getsid(me);
			n = r == me;
			break;
		case 7: case 8:
			r = getpgid(me);
			n = r == me;
			break;
		default:
			r = kill(outside, 0);
			n = r == -1 && errno == ESRCH;
			break;
		}
		dt = now_us() - t;
		if (done != NULL)
			*done = i + 1;
		if (dt > max)
			max = dt;
		if (n)
			ok++;
		else if (r == -1 && errno == ENOSYS)
			lost++;
		else
			wrong++;
	}
	n = snprintf(line, sizeof(line), "%ld %ld %ld %lld\n", ok, wrong, lost,
	    max);
	(void)write(fd, line, (size_t)n);
	_exit(0);
}

/*
 * A process blocked in connect(2): a listener of the jail's with a full
 * backlog, which never accepts.  Writes 'C' on fd if connect returns.
 */
static pid_t
blocker(int fd)
{
	struct sockaddr_in	 a;
	struct pollfd		 p;
	socklen_t		 len = sizeof(a);
	pid_t			 pid;
	int			 l, s, i;

	if ((pid = fork()) != 0)
		return pid;
	memset(&a, 0, sizeof(a));
	a.sin_family = AF_INET;
	a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);	/* the jail's */
	if ((l = socket(AF_INET, SOCK_STREAM, 0)) == -1 ||
	    bind(l, (struct sockaddr *)&a, sizeof(a)) == -1 ||
	    listen(l, 0) == -1 ||
	    getsockname(l, (struct sockaddr *)&a, &len) == -1)
		_exit(3);
	/* Fill the accept queue: until a connection stays in progress. */
	for (i = 0; i < 64; i++) {
		if ((s = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0)) ==
		    -1)
			_exit(3);
		if (connect(s, (struct sockaddr *)&a, sizeof(a)) == 0)
			continue;
		if (errno != EINPROGRESS)
			_exit(3);
		p.fd = s;
		p.events = POLLOUT;
		if (poll(&p, 1, 300) == 0)
			break;
	}
	if ((s = socket(AF_INET, SOCK_STREAM, 0)) == -1)
		_exit(3);
	(void)connect(s, (struct sockaddr *)&a, sizeof(a));
	(void)write(fd, "C", 1);
	_exit(0);
}

static int
calls(int argc, char *argv[])
{
	char		 buf[4096], *p, *nl;
	long		 nproc, ncalls, ok = 0, wrong = 0, lost = 0, o, w, l;
	long long	 max = 0, m, deadline, total, last = -1;
	pid_t		*pids, outside, bpid = 0, spid = 0;
	struct pollfd	 pfd;
	size_t		 have = 0;
	ssize_t		 n;
	int		 fds[2], bfd[2], i, done = 0, blocked = 0, stopped = 0;
	int		 st, block;

	if (argc < 5)
		usage();
	nproc = atol(argv[2]);
	ncalls = atol(argv[3]);
	outside = (pid_t)atol(argv[4]);
	block = argc > 5 && strcmp(argv[5], "block") == 0;
	if (nproc <= 0 || ncalls <= 0 || outside <= 0 ||
	    (pids = calloc((size_t)nproc, sizeof(*pids))) == NULL)
		usage();
	if (pipe(fds) == -1 || pipe(bfd) == -1 || (progress = mmap(NULL,
	    (size_t)nproc * sizeof(*progress), PROT_READ | PROT_WRITE,
	    MAP_SHARED | MAP_ANONYMOUS, -1, 0)) == MAP_FAILED)
		return 3;
	if (block) {
		bpid = blocker(bfd[1]);
		/* A process stopped in the middle of its intercepted calls. */
		if ((spid = fork()) == 0) {
			close(fds[0]);
			close(fds[1]);
			worker(bfd[1], 1L << 40, outside, NULL);
		}
		usleep(300000);
		(void)kill(spid, SIGSTOP);
		if (waitpid(spid, &st, WUNTRACED) == spid && WIFSTOPPED(st))
			stopped = 1;
	}
	close(bfd[1]);
	for (i = 0; i < nproc; i++) {
		if ((pids[i] = fork()) == -1)
			return 3;
		if (pids[i] == 0) {
			close(fds[0]);
			worker(fds[1], ncalls, outside, &progress[i]);
		}
	}
	close(fds[1]);
	/* Hung: no worker has moved for HANG_MS. */
	deadline = now_us() / 1000 + HANG_MS;
	pfd.fd = fds[0];
	pfd.events = POLLIN;
	while (done < nproc) {
		for (i = 0, total = 0; i < nproc; i++)
			total += progress[i];
		if (total != last) {
			last = total;
			deadline = now_us() / 1000 + HANG_MS;
		}
		m = deadline - now_us() / 1000;
		if (m <= 0)
			break;
		if ((i = poll(&pfd, 1, m > 1000 ? 1000 : (int)m)) == 0)
			continue;
		if (i < 0 || (n = read(fds[0], buf + have, sizeof(buf) - 1 -
		    have)) <= 0)
			break;
		have += (size_t)n;
		buf[have] = '\0';
		for (p = buf; (nl = strchr(p, '\n')) != NULL; p = nl + 1) {
			if (sscanf(p, "%ld %ld %ld %lld", &o, &w, &l, &m) !=
			    4)
				continue;
			ok += o;
			wrong += w;
			lost += l;
			if (m > max)
				max = m;
			done++;
		}
		have = strlen(p);
		memmove(buf, p, have);
	}
	if (block) {
		/* Still blocked, still stopped, after all that. */
		pfd.fd = bfd[0];
		blocked = poll(&pfd, 1, 0) == 0 &&
		    waitpid(bpid, &st, WNOHANG) == 0;
		(void)kill(bpid, SIGKILL);
		(void)kill(spid, SIGKILL);
		(void)waitpid(bpid, &st, 0);
		(void)waitpid(spid, &st, 0);
	}
	for (i = 0; i < nproc; i++)
		(void)kill(pids[i], SIGKILL);
	while (wait(&st) > 0)
		continue;
	printf("procs=%ld calls=%ld ok=%ld wrong=%ld lost=%ld hung=%ld "
	    "maxlat_ms=%lld", nproc, nproc * ncalls, ok, wrong, lost,
	    nproc - done, (max + 999) / 1000);
	if (block)
		printf(" blocked=%d stopped=%d", blocked, stopped);
	printf("\n");
	return wrong || lost || done < nproc || (block && (!blocked ||
	    !stopped));
}

/* forks N: N children that sleep; how many could be made. */
static int
forks(int argc, char *argv[])
{
	long	 n, i, made = 0;
	pid_t	*pid;
	int	 err = 0, st;

	if (argc < 3 || (n = atol(argv[2])) <= 0 ||
	    (pid = calloc((size_t)n, sizeof(*pid))) == NULL)
		usage();
	for (i = 0; i < n; i++) {
		if ((pid[i] = fork()) == 0) {
			pause();
			_exit(0);
		}
		if (pid[i] == -1) {
			err = errno;
			break;
		}
		made++;
	}
	printf("forked=%ld%s%s\n", made, err ? " error=" : "",
	    err == EAGAIN ? "EAGAIN" : err ? strerror(err) : "");
	for (i = 0; i < made; i++)
		(void)kill(pid[i], SIGKILL);
	while (wait(&st) > 0)
		continue;
	return 0;
}

/*
 * bomb SECONDS: every process forks as fast as it can, its children too,
 * until the time is up.  The first EAGAIN of each process, and any other
 * failure, is reported on a pipe; the first process counts.
 */
static int
bomb(int argc, char *argv[])
{
	long long	 end;
	long		 eagain = 0, other = 0;
	pid_t		 pid;
	char		 c, said = 0;
	int		 fds[2], st;

	if (argc < 3 || atol(argv[2]) <= 0)
		usage();
	end = now_us() + atol(argv[2]) * 1000000LL;
	if (pipe(fds) == -1)
		return 3;
	if ((pid = fork()) == 0) {
		close(fds[0]);
		while (now_us() < end) {
			if ((pid = fork()) == 0) {
				said = 0;
				continue;
			}
			if (pid == -1 && !said) {
				c = errno == EAGAIN ? 'E' : 'X';
				(void)write(fds[1], &c, 1);
				said = 1;
			}
		}
		_exit(0);
	}
	close(fds[1]);
	/* EOF once every bomber has ended. */
	while (read(fds[0], &c, 1) == 1) {
		if (c == 'E')
			eagain++;
		else
			other++;
	}
	(void)waitpid(pid, &st, 0);
	printf("eagain=%ld other=%ld\n", eagain, other);
	return eagain == 0 || other != 0;
}

static void
note(int fd, const char *what, long r, int err)
{
	char	 line[160];
	int	 n;

	n = snprintf(line, sizeof(line), "%d %s %s r=%ld %s\n", (int)getpid(),
	    err == ENOSYS ? "closed" : "BAD", what, r, strerror(err));
	(void)write(fd, line, (size_t)n);
}

/* refuse OUTSIDE ADDR LOG: refused operations, forever. */
static int
refuse(int argc, char *argv[])
{
	struct sockaddr_in	 a, got;
	struct in_addr		 want;
	socklen_t		 len;
	pid_t			 outside, me;
	long			 r;
	int			 fd, s, closed = 0, said = 0;
	char			 line[64];

	if (argc < 5 || (outside = (pid_t)atol(argv[2])) <= 0 ||
	    inet_pton(AF_INET, argv[3], &want) != 1)
		usage();
	if ((fd = open(argv[4], O_WRONLY | O_APPEND | O_CREAT, 0644)) == -1)
		return 3;
	(void)fork();
	(void)fork();			/* four processes */
	me = getpid();
	for (;;) {
		errno = 0;
		if ((r = kill(outside, SIGUSR1)) != -1 || errno != ESRCH) {
			if (r != -1 || !closed)
				note(fd, "kill", r, r == -1 ? errno : 0);
			closed |= r == -1 && errno == ENOSYS;
		}
		if ((r = syscall(SYS_pidfd_open, outside, 0)) != -1 ||
		    errno != ESRCH) {
			if (r != -1 || errno != ENOSYS)
				note(fd, "pidfd_open", r, r == -1 ? errno : 0);
			if (r != -1) {
				syscall(SYS_pidfd_send_signal, (int)r, SIGUSR1,
				    NULL, 0);
				close((int)r);
			}
		}
		if ((r = getsid(me)) != getsid(0) && (r != -1 || errno != ENOSYS))
			note(fd, "getsid", r, r == -1 ? errno : 0);
		if ((s = socket(AF_INET, SOCK_DGRAM, 0)) == -1)
			continue;
		memset(&a, 0, sizeof(a));
		a.sin_family = AF_INET;		/* 0.0.0.0:0 */
		len = sizeof(got);
		if ((r = bind(s, (struct sockaddr *)&a, sizeof(a))) == 0) {
			if (getsockname(s, (struct sockaddr *)&got, &len) ==
			    -1 || got.sin_addr.s_addr != want.s_addr)
				note(fd, "bind 0.0.0.0 kept", 0, 0);
		} else if (errno != ENOSYS)
			note(fd, "bind", r, errno);
		close(s);
		if (!said) {
			/* One whole round made: the harness waits for it. */
			r = snprintf(line, sizeof(line), "%d alive\n",
			    (int)me);
			(void)write(fd, line, (size_t)r);
			said = 1;
		}
	}
}

/* The witness and victims of midcall. */
static volatile int	 spin = 1;

static void *
victim(void *arg)
{
	struct __user_cap_header_struct	 h;
	struct __user_cap_data_struct	 d[2];
	pid_t				 me = getpid();

	(void)arg;
	for (;;) {
		h.version = _LINUX_CAPABILITY_VERSION_3;
		h.pid = me;
		(void)syscall(SYS_capget, &h, d);
		(void)kill(me, 0);
		(void)getsid(me);
	}
	return NULL;
}

static int
midcall(int argc, char *argv[])
{
	struct timespec	 ts;
	long		 rounds, r, ok = 0, bad = 0, o, b;
	pthread_t	 t;
	pid_t		 w, v, me;
	int		 up[2], res[2], i, st;
	char		 c;

	if (argc < 3 || (rounds = atol(argv[2])) <= 0)
		usage();
	if (pipe(up) == -1 || pipe(res) == -1)
		return 3;
	if ((w = fork()) == 0) {
		/* The witness: its own answers, until its pipe closes. */
		close(up[1]);
		close(res[0]);
		fcntl(up[0], F_SETFL, O_NONBLOCK);
		me = getpid();
		for (i = 0;; i++) {
			if (getsid(me) == getsid(0) && kill(me, 0) == 0)
				ok++;
			else
				bad++;
			if (i % 256 == 0 && read(up[0], &c, 1) == 0)
				break;
		}
		dprintf(res[1], "%ld %ld\n", ok, bad);
		_exit(0);
	}
	close(up[0]);
	close(res[1]);
	srand((unsigned)getpid());
	for (r = 0; r < rounds; r++) {
		if ((v = fork()) == 0) {
			for (i = 0; i < 7; i++)
				(void)pthread_create(&t, NULL, victim, NULL);
			victim(NULL);
		}
		ts.tv_sec = 0;
		ts.tv_nsec = (rand() % 20000) * 1000L;
		nanosleep(&ts, NULL);
		(void)kill(v, SIGKILL);
		(void)waitpid(v, &st, 0);
	}
	close(up[1]);
	o = b = -1;
	{
		FILE	*f = fdopen(res[0], "r");

		if (f == NULL || fscanf(f, "%ld %ld", &o, &b) != 2)
			o = b = -1;
	}
	(void)waitpid(w, &st, 0);
	printf("rounds=%ld witness_ok=%ld witness_wrong=%ld\n", rounds, o, b);
	return o <= 0 || b != 0;
}

/* i386 socketcall(SYS_SOCKET) through int $0x80: arguments below 4 GiB. */
static unsigned int	 sockargs[3] = { AF_INET, SOCK_DGRAM, 0 };

static long
socketcall32(void)
{
	long	 r;

	__asm__ volatile ("int $0x80" : "=a"(r) : "a"(102L), "b"(1L),
	    "c"((long)(unsigned long)sockargs) : "memory", "r8", "r9", "r10",
	    "r11");
	return r;
}

static const char *
ename(long r)
{
	static char	 buf[32];

	if (r >= 0)
		return "ok";
	if (r == -EMFILE)
		return "EMFILE";
	snprintf(buf, sizeof(buf), "errno%ld", -r);
	return buf;
}

/* nofile: a full table, then pidfd_open, pidfd_getfd, socketcall. */
static int
nofile(int with32)
{
	struct rlimit	 rl = { 16, 16 };
	long		 a, b, c, d;
	int		 fd, last = -1, pfd;

	if (setrlimit(RLIMIT_NOFILE, &rl) == -1)
		return 3;
	while ((fd = dup(1)) != -1)
		last = fd;
	if (errno != EMFILE || last == -1)
		return 3;
	close(last);
	if ((pfd = (int)syscall(SYS_pidfd_open, getpid(), 0)) == -1)
		return 3;		/* the table is full again */
	a = syscall(SYS_pidfd_open, getpid(), 0) == -1 ? -errno : 0;
	b = syscall(SYS_pidfd_getfd, pfd, 1, 0) == -1 ? -errno : 0;
	c = with32 ? socketcall32() : -EMFILE;
	if (c >= 0)
		close((int)c);
	close(pfd);
	close(last - 1);		/* room again */
	d = syscall(SYS_pidfd_open, getpid(), 0);
	d = d == -1 ? -errno : 0;
	printf("pidfd_open=%s pidfd_getfd=%s socketcall=%s after=%s\n",
	    ename(a), ename(b), with32 ? ename(c) : "n/a", ename(d));
	return a != -EMFILE || b != -EMFILE || c != -EMFILE || d != 0;
}

int
main(int argc, char *argv[])
{
	setvbuf(stdout, NULL, _IOLBF, 0);
	if (argc < 2)
		usage();
	if (strcmp(argv[1], "calls") == 0)
		return calls(argc, argv);
	if (strcmp(argv[1], "forks") == 0)
		return forks(argc, argv);
	if (strcmp(argv[1], "bomb") == 0)
		return bomb(argc, argv);
	if (strcmp(argv[1], "refuse") == 0)
		return refuse(argc, argv);
	if (strcmp(argv[1], "midcall") == 0)
		return midcall(argc, argv);
	if (strcmp(argv[1], "nofile") == 0)
		return nofile(argc < 3 || strcmp(argv[2], "no32") != 0);
	usage();
	return 2;
}
