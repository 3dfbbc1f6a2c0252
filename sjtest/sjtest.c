/*
 * sjtest(1): run the conformance catalogue against sysjail(1) and the jail(1)
 * beside it.
 *
 * For every (fixture, ABI, mode) it builds a throw-away root holding the
 * static fixture, starts a process outside the jail for the fixture to aim
 * at, runs the fixture jailed or bare, as root or as an ordinary user, and
 * compares each line it prints with the catalogue.  Bare runs happen in a
 * private UTS namespace, so that no case can rename the host.  Each root
 * has a procfs at /proc, as an administrator might mount one; sjtest works
 * in a mount namespace of its own, so the host never sees that mount.
 * Everything made is removed afterwards, also on SIGINT, SIGTERM and
 * SIGHUP.
 */
#include <sys/file.h>
#include <sys/mount.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <sys/syscall.h>
#include <sys/sysmacros.h>
#include <sys/types.h>
#include <sys/un.h>
#include <sys/utsname.h>
#include <sys/wait.h>

#include <arpa/inet.h>
#include <linux/sched.h>
#include <netinet/in.h>
#include <err.h>
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <grp.h>
#include <limits.h>
#include <net/if.h>
#include <poll.h>
#include <pwd.h>
#include <sched.h>
#include <signal.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

#include "sysjail.h"	/* SYSJAIL_DBDIR */

#ifndef SYSJAIL_PATH
#define SYSJAIL_PATH	"/usr/local/bin/sysjail"
#endif
#ifndef CASES_DIR
#define CASES_DIR	"/usr/local/libexec/sysjail/cases"
#endif
#ifndef CATALOGUE
#define CATALOGUE	"/usr/local/share/sysjail/catalogue"
#endif

int	without(const char *);		/* cases/without.c */

#define JAILADDR	"127.0.1.1"
#define JAILHOST	"sjtest.jail"
#define DBDIR		SYSJAIL_DBDIR
#define TIMEOUT		120	/* seconds for one fixture */
#define NOBODY		65534

enum mode { JAILED_ROOT, JAILED_USER, BARE_ROOT, BARE_USER, NMODE };
static const char *const modes[NMODE] = {
	"jailed-root", "jailed-user", "bare-root", "bare-user"
};
enum abi { X86_64, I386, NABI };
static const char *const abis[NABI] = { "x86_64", "i386" };
static const char *const suffix[NABI] = { "", ".i386" };

struct row {
	char	*fixture;
	char	*check;
	char	*expect[NMODE];
	char	*why;
};

static struct row	*rows;
static size_t		 nrows;
static const char	*sysjailpath = SYSJAIL_PATH;
static char		 jailpath[PATH_MAX];
static const char	*casesdir = CASES_DIR;
static const char	*catalogue = CATALOGUE;
static int		 tap, verbose;
static unsigned int	 tapn;

/* What the signal handler must clean up. */
static char		 rootdir[PATH_MAX];
static volatile pid_t	 runpid, targetpid, recyclerpid, moverpid;

static void __attribute__((noreturn))
usage(void)
{
	fprintf(stderr, "usage: sjtest [-lv] [-a abi] [-c catalogue] "
	    "[-m mode] [-o format] [-p path] [-s path] [-t test]\n"
	    "              [test[:check] ...]\n");
	exit(2);
}

static int
rmone(const char *p, const struct stat *sb, int flag, struct FTW *ftw)
{
	(void)sb;
	(void)flag;
	(void)ftw;
	return remove(p) == -1 && errno != ENOENT ? -1 : 0;
}

static void
cleanup(void)
{
	if (runpid > 0)
		kill(runpid, SIGKILL);
	if (targetpid > 0) {
		kill(targetpid, SIGKILL);
		waitpid(targetpid, NULL, 0);
		targetpid = 0;
	}
	if (recyclerpid > 0) {
		kill(-recyclerpid, SIGKILL);
		waitpid(recyclerpid, NULL, 0);
		recyclerpid = 0;
	}
	if (moverpid > 0) {
		kill(moverpid, SIGKILL);
		waitpid(moverpid, NULL, 0);
		moverpid = 0;
	}
	if (rootdir[0] != '\0') {
		char	 proc[PATH_MAX + 8];

		snprintf(proc, sizeof(proc), "%s/proc", rootdir);
		(void)umount2(proc, MNT_DETACH);
		nftw(rootdir, rmone, 16, FTW_DEPTH | FTW_PHYS | FTW_MOUNT);
		snprintf(proc, sizeof(proc), "%s.moved", rootdir);
		nftw(proc, rmone, 16, FTW_DEPTH | FTW_PHYS | FTW_MOUNT);
		rootdir[0] = '\0';
	}
}

static void
onsignal(int sig)
{
	cleanup();
	signal(sig, SIG_DFL);
	raise(sig);
}

static char *
xstrdup(const char *s)
{
	char	*p;

	if ((p = strdup(s)) == NULL)
		err(2, NULL);
	return p;
}

static void
load(void)
{
	FILE	*f;
	char	 line[1024], *w[6], *p, *why;
	int	 n, lineno = 0;

	if ((f = fopen(catalogue, "r")) == NULL)
		err(2, "%s", catalogue);
	while (fgets(line, sizeof(line), f) != NULL) {
		lineno++;
		line[strcspn(line, "\n")] = '\0';
		if ((p = strchr(line, '#')) != NULL)
			*p = '\0';
		why = NULL;
		if ((p = strstr(line, "why:")) != NULL) {
			*p = '\0';
			why = p + 4 + strspn(p + 4, " \t");
		}
		for (n = 0, p = strtok(line, " \t"); p != NULL && n < 6;
		    p = strtok(NULL, " \t"))
			w[n++] = p;
		if (n == 0)
			continue;
		if (n != 6 || p != NULL)
			errx(2, "%s:%d: want fixture, check and four "
			    "expectations", catalogue, lineno);
		if ((rows = reallocarray(rows, nrows + 1, sizeof(*rows))) ==
		    NULL)
			err(2, NULL);
		rows[nrows].fixture = xstrdup(w[0]);
		rows[nrows].check = xstrdup(w[1]);
		for (n = 0; n < NMODE; n++)
			rows[nrows].expect[n] = xstrdup(w[2 + n]);
		rows[nrows].why = why ? xstrdup(why) : NULL;
		nrows++;
	}
	fclose(f);
}

/* The fixture's binary for an ABI, or NULL if it was not built. */
static char *
fixture(const char *name, enum abi abi)
{
	static char	 path[PATH_MAX];
	const char	*sub[] = { "native/", "linux/", "" };
	size_t		 i;

	for (i = 0; i < sizeof(sub) / sizeof(sub[0]); i++) {
		snprintf(path, sizeof(path), "%s/%s%s%s", casesdir, sub[i],
		    name, suffix[abi]);
		if (access(path, X_OK) == 0)
			return path;
	}
	return NULL;
}

static void
copyfile(const char *from, const char *to)
{
	char	 buf[65536];
	ssize_t	 n;
	int	 in, out;

	if ((in = open(from, O_RDONLY | O_CLOEXEC)) == -1)
		err(2, "%s", from);
	if ((out = open(to, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0755)) ==
	    -1)
		err(2, "%s", to);
	while ((n = read(in, buf, sizeof(buf))) > 0)
		if (write(out, buf, (size_t)n) != n)
			err(2, "%s", to);
	if (n == -1 || close(out) == -1)
		err(2, "%s", to);
	close(in);
}

/*
 * sjtest's own network: a network namespace whose loopback interface also
 * carries an IPv4 and an IPv6 address "of the host's" other than loopback
 * (for the "elsewhere" checks) and J6, the address IPv6 jails get.  The
 * runs need nothing of the host's network, and change none of it.
 */
#define HOSTADDR	"192.0.2.77"
#define JAILADDR6	"fd00::1"
#define HOSTADDR6	"fd00::3"

struct sj_in6_ifreq {		/* <linux/ipv6.h>'s in6_ifreq */
	struct in6_addr	 addr;
	uint32_t	 prefixlen;
	int		 ifindex;
};

static void
privatenet(void)
{
	struct sj_in6_ifreq	 r6;
	struct sockaddr_in	*sin;
	struct ifreq		 ifr;
	const char		*v6[] = { JAILADDR6, HOSTADDR6 };
	size_t			 i;
	int			 s, s6;

	if (unshare(CLONE_NEWNET) == -1)
		err(2, "a private network namespace");
	if ((s = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0)) == -1 ||
	    (s6 = socket(AF_INET6, SOCK_DGRAM | SOCK_CLOEXEC, 0)) == -1)
		err(2, "socket");
	memset(&ifr, 0, sizeof(ifr));
	strcpy(ifr.ifr_name, "lo");
	if (ioctl(s, SIOCGIFFLAGS, &ifr) == -1)
		err(2, "lo");
	ifr.ifr_flags |= IFF_UP | IFF_RUNNING;
	if (ioctl(s, SIOCSIFFLAGS, &ifr) == -1)
		err(2, "lo up");
	memset(&ifr, 0, sizeof(ifr));
	strcpy(ifr.ifr_name, "lo:1");
	sin = (struct sockaddr_in *)&ifr.ifr_addr;
	sin->sin_family = AF_INET;
	inet_pton(AF_INET, HOSTADDR, &sin->sin_addr);
	if (ioctl(s, SIOCSIFADDR, &ifr) == -1)
		err(2, "%s on lo", HOSTADDR);
	for (i = 0; i < sizeof(v6) / sizeof(v6[0]); i++) {
		memset(&r6, 0, sizeof(r6));
		inet_pton(AF_INET6, v6[i], &r6.addr);
		r6.prefixlen = 128;
		r6.ifindex = (int)if_nametoindex("lo");
		if (ioctl(s6, SIOCSIFADDR, &r6) == -1)
			err(2, "%s on lo", v6[i]);
	}
	close(s);
	close(s6);
}

/*
 * The process outside the jail: its own process group, counting SIGURG on
 * a pipe.  Returns its pid; *urgfd reads one byte per SIGURG.
 */
static int	urgw = -1;

static void
urgcount(int sig)
{
	(void)write(urgw, sig == SIGURG ? "u" : "s", 1);
}

static pid_t
outside(int *urgfd)
{
	struct sigaction sa;
	int		 p[2];
	pid_t		 pid;
	char		 c;

	if (pipe2(p, O_CLOEXEC) == -1)
		err(2, "pipe");
	if ((pid = fork()) == -1)
		err(2, "fork");
	if (pid == 0) {
		close(p[0]);
		urgw = p[1];
		setpgid(0, 0);
		/*
		 * Each handler runs with every signal blocked: two pending
		 * signals are otherwise both delivered at once, the later
		 * handler running first, and urgsync()'s "s" would overtake
		 * the SIGURG it must follow.
		 */
		memset(&sa, 0, sizeof(sa));
		sa.sa_handler = urgcount;
		sigfillset(&sa.sa_mask);
		sigaction(SIGURG, &sa, NULL);
		sigaction(SIGRTMIN, &sa, NULL);	/* synchronise: urgsync() */
		signal(SIGINT, SIG_IGN);
		(void)write(urgw, "r", 1);	/* ready */
		for (;;)
			pause();
	}
	close(p[1]);
	if (read(p[0], &c, 1) != 1)
		errx(2, "the outside process did not start");
	fcntl(p[0], F_SETFL, O_NONBLOCK);
	*urgfd = p[0];
	return pid;
}

/*
 * The SIGURGs the outside process has received.  A signal sent during the
 * run is pending by the time the run is over, but its handler may not have
 * run yet: a real-time signal, which Linux delivers after every pending
 * standard one, is answered with "s" once they have all been counted.
 */
static int
urgsync(pid_t pid, int urgfd)
{
	struct pollfd	 pfd = { .fd = urgfd, .events = POLLIN };
	time_t		 end = time(NULL) + 5;
	int		 n = 0;
	char		 c;

	if (kill(pid, SIGRTMIN) == -1)
		end = 0;	/* gone: count what it wrote */
	for (;;) {
		while (read(urgfd, &c, 1) == 1) {
			if (c == 's')
				return n;
			n += c == 'u';
		}
		if (time(NULL) >= end)
			return n;
		(void)poll(&pfd, 1, 100);
	}
}

/*
 * A service of the host's on loopback (127.0.0.1 or ::1), which no jail
 * may reach: bound to port 0, its port goes to the fixtures in env.  A
 * stream socket listens; a datagram socket counts what it receives.
 */
static int
hostsocket(int family, int type, const char *env)
{
	struct sockaddr_storage	 ss;
	struct sockaddr_in	*sin = (struct sockaddr_in *)&ss;
	struct sockaddr_in6	*sin6 = (struct sockaddr_in6 *)&ss;
	socklen_t		 len = sizeof(ss);
	char			 port[16];
	int			 s;

	memset(&ss, 0, sizeof(ss));
	ss.ss_family = (sa_family_t)family;
	if (family == AF_INET)
		sin->sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	else
		sin6->sin6_addr = in6addr_loopback;
	if ((s = socket(family, type | SOCK_CLOEXEC | (type == SOCK_DGRAM ?
	    SOCK_NONBLOCK : 0), 0)) == -1 ||
	    bind(s, (struct sockaddr *)&ss, family == AF_INET ? sizeof(*sin) :
	    sizeof(*sin6)) == -1 ||
	    (type == SOCK_STREAM && listen(s, 16) == -1) ||
	    getsockname(s, (struct sockaddr *)&ss, &len) == -1)
		err(2, "a service of the host's for %s", env);
	snprintf(port, sizeof(port), "%d", ntohs(family == AF_INET ?
	    sin->sin_port : sin6->sin6_port));
	setenv(env, port, 1);
	return s;
}

/*
 * The recycler, for fixtures with a "recycled" row: an outside process (its
 * own process group) that reads pids from the FIFO root/tmp/.sjrecycle and
 * takes each one as soon as it is free, with clone3(2)'s set_tid.  Each
 * process it makes lives 20 ms, then exits 3 if its RLIMIT_NOFILE, nice
 * value or scheduling class is no longer the recycler's; on SIGTERM the
 * recycler waits for them and writes "taken signalled changed" on *repfd:
 * how many pids it took, how many of its processes a signal killed, and
 * how many another process changed.
 */
#define RECYCLE	"/tmp/.sjrecycle"

static volatile sig_atomic_t	 recstop;

static void
recterm(int sig)
{
	(void)sig;
	recstop = 1;
}

static pid_t
takepid(pid_t want)
{
	struct clone_args	 ca;
	struct rlimit		 rl0, rl;
	pid_t			 tid = want, p;
	struct timespec		 t0, t1;
	int			 nice0, pol0;

	memset(&ca, 0, sizeof(ca));
	ca.exit_signal = SIGCHLD;
	ca.set_tid = (uint64_t)(uintptr_t)&tid;
	ca.set_tid_size = 1;
	getrlimit(RLIMIT_NOFILE, &rl0);
	errno = 0;
	nice0 = getpriority(PRIO_PROCESS, 0);
	pol0 = sched_getscheduler(0);
	clock_gettime(CLOCK_MONOTONIC, &t0);
	for (;;) {
		p = (pid_t)syscall(SYS_clone3, &ca, sizeof(ca));
		if (p == 0) {
			struct timespec	 ts = { 0, 20000000 };

			nanosleep(&ts, NULL);
			getrlimit(RLIMIT_NOFILE, &rl);
			_exit(rl.rlim_cur != rl0.rlim_cur ||
			    getpriority(PRIO_PROCESS, 0) != nice0 ||
			    sched_getscheduler(0) != pol0 ? 3 : 0);
		}
		if (p > 0 || errno != EEXIST)
			return p;
		clock_gettime(CLOCK_MONOTONIC, &t1);
		if (t1.tv_sec - t0.tv_sec > 1)
			return -1;
	}
}

static pid_t
recycler(int *repfd)
{
	struct sigaction sa;
	struct pollfd	 pfd;
	char		 path[PATH_MAX + 32], rep[64];
	int32_t		 want;
	int		 p[2], fd, st, taken = 0, hit = 0, changed = 0;
	pid_t		 pid;

	snprintf(path, sizeof(path), "%s" RECYCLE, rootdir);
	if (mkfifo(path, 0666) == -1 || chmod(path, 0666) == -1)
		err(2, "%s", path);
	if (pipe2(p, O_CLOEXEC) == -1)
		err(2, "pipe");
	if ((pid = fork()) == -1)
		err(2, "fork");
	if (pid > 0) {
		close(p[1]);
		*repfd = p[0];
		return pid;
	}
	close(p[0]);
	setpgid(0, 0);
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = recterm;
	sigaction(SIGTERM, &sa, NULL);
	signal(SIGINT, SIG_IGN);
	/* O_RDWR: the open never waits, and the FIFO never reads EOF. */
	if ((fd = open(path, O_RDWR | O_CLOEXEC)) == -1)
		_exit(2);
	pfd.fd = fd;
	pfd.events = POLLIN;
	while (!recstop) {
		if (poll(&pfd, 1, 100) != 1)
			continue;
		if (read(fd, &want, sizeof(want)) != sizeof(want))
			continue;
		if (takepid((pid_t)want) > 0)
			taken++;
	}
	while ((pid = wait(&st)) > 0 || errno == EINTR)
		if (pid > 0 && WIFSIGNALED(st))
			hit++;
		else if (pid > 0 && WIFEXITED(st) && WEXITSTATUS(st) == 3)
			changed++;
	snprintf(rep, sizeof(rep), "%d %d %d\n", taken, hit, changed);
	(void)write(p[1], rep, strlen(rep));
	_exit(0);
}

/* Stops the recycler; *taken, *hit and *changed as it reports them. */
static void
recycled(int repfd, int *taken, int *hit, int *changed)
{
	char	 rep[64];
	ssize_t	 n;

	*taken = *hit = *changed = -1;
	kill(recyclerpid, SIGTERM);
	if ((n = read(repfd, rep, sizeof(rep) - 1)) > 0) {
		rep[n] = '\0';
		if (sscanf(rep, "%d %d %d", taken, hit, changed) != 3)
			*taken = *hit = *changed = -1;
	}
	close(repfd);
	waitpid(recyclerpid, NULL, 0);
	recyclerpid = 0;
}

/*
 * The mover, for fixtures with a "moved-dir" row: an outside process that,
 * for each byte read from the FIFO root/tmp/.sjmove, moves the directory
 * root/tmp/sjmove out of the root, to root.moved: the outside accomplice
 * of the classic escape from a chroot through a directory moved from under
 * a process.  root.moved is removed with the root.
 */
#define MOVE	"/tmp/.sjmove"

/* A twin of /dev/null in the tree, for the devfs fixture (devfs.c). */
#define DEVNODE	"/tmp/.sjnull"

static pid_t
mover(void)
{
	char	 fifo[PATH_MAX + 32], from[PATH_MAX + 32], to[PATH_MAX + 32];
	char	 c;
	int	 fd;
	pid_t	 pid;

	snprintf(fifo, sizeof(fifo), "%s" MOVE, rootdir);
	snprintf(from, sizeof(from), "%s/tmp/sjmove", rootdir);
	snprintf(to, sizeof(to), "%s.moved", rootdir);
	if (mkfifo(fifo, 0666) == -1 || chmod(fifo, 0666) == -1)
		err(2, "%s", fifo);
	if ((pid = fork()) == -1)
		err(2, "fork");
	if (pid > 0)
		return pid;
	signal(SIGINT, SIG_IGN);
	if ((fd = open(fifo, O_RDWR | O_CLOEXEC)) == -1)
		_exit(2);
	while (read(fd, &c, 1) == 1)
		(void)rename(from, to);
	_exit(0);
}

/* 1 if the catalogue has the harness's check for fixture fix. */
static int
hascheck(const char *fix, const char *check)
{
	size_t	 i;

	for (i = 0; i < nrows; i++)
		if (strcmp(rows[i].fixture, fix) == 0 &&
		    strcmp(rows[i].check, check) == 0)
			return 1;
	return 0;
}


/*
 * An abstract AF_UNIX listener of the host's, as an X server or a D-Bus
 * daemon would have one; its name goes to the fixtures as SJ_HOSTABSTRACT.
 */
static int
hostabstract(void)
{
	struct sockaddr_un	 sun;
	char			 name[64];
	int			 s;

	snprintf(name, sizeof(name), "sjtest-host-%d", (int)getpid());
	memset(&sun, 0, sizeof(sun));
	sun.sun_family = AF_UNIX;
	memcpy(sun.sun_path + 1, name, strlen(name));
	if ((s = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0)) == -1 ||
	    bind(s, (struct sockaddr *)&sun, (socklen_t)(offsetof(struct
	    sockaddr_un, sun_path) + 1 + strlen(name))) == -1 ||
	    listen(s, 16) == -1)
		err(2, "an abstract socket of the host's");
	setenv("SJ_HOSTABSTRACT", name, 1);
	return s;
}

/*
 * A pathname listener of the host's in the root's tmp, for fixtures with
 * a "peer-outside" row: a process outside the jail at the other end of
 * an AF_UNIX connection the jail makes (the socket file is removed with
 * the root).
 */
#define PEERSOCK	"/tmp/.sjpeer"

static int
hostunix(void)
{
	struct sockaddr_un	 sun;
	int			 s;

	memset(&sun, 0, sizeof(sun));
	sun.sun_family = AF_UNIX;
	if ((size_t)snprintf(sun.sun_path, sizeof(sun.sun_path), "%s"
	    PEERSOCK, rootdir) >= sizeof(sun.sun_path))
		errx(2, "%s: path too long", rootdir);
	if ((s = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0)) == -1 ||
	    bind(s, (struct sockaddr *)&sun, sizeof(sun)) == -1 ||
	    chmod(sun.sun_path, 0666) == -1 || listen(s, 16) == -1)
		err(2, "a pathname socket of the host's");
	setenv("SJ_HOSTUNIX", PEERSOCK + 1, 1);
	return s;
}

/*
 * The name of the socket unix-race binds (as "tmp//NAME" and "/tmp/NAME"):
 * unique to this run, from the root's mkdtemp(3) suffix, so that runs side
 * by side do not see each other's.  In a jail both spellings must land in
 * the root's tmp; one that escaped lands in this process's /tmp, out of the
 * jail's sight, where unixfound() looks.
 */
static const char *
unixname(void)
{
	static char	 name[64];
	const char	*dot = strrchr(rootdir, '.');

	snprintf(name, sizeof(name), "sjas-%d-%s", (int)getpid(),
	    dot != NULL ? dot + 1 : "x");
	return name;
}

/* Is there a file NAME in /tmp (1, removed) or not (0)?  -1: unknown. */
static int
unixfound(void)
{
	struct stat	 sb;
	char		 path[128];
	const char	*name = getenv("SJ_UNIXNAME");

	if (name == NULL)
		return -1;
	snprintf(path, sizeof(path), "/tmp/%s", name);
	if (lstat(path, &sb) == -1)
		return errno == ENOENT ? 0 : -1;
	if (unlink(path) == -1)
		warn("%s", path);
	return 1;
}

/* Waits for jail JID's lock to be free: the whole jail has ended. */
static int
jailgone(int jid)
{
	char	 path[64];
	int	 fd, i;

	snprintf(path, sizeof(path), DBDIR "/%d.lock", jid);
	for (i = 0; i < 100; i++) {
		if ((fd = open(path, O_RDONLY | O_CLOEXEC)) == -1)
			return 1;
		if (flock(fd, LOCK_SH | LOCK_NB) == 0) {
			close(fd);
			return 1;
		}
		close(fd);
		usleep(100000);
	}
	return 0;
}

/*
 * The shared terminal, for fixtures with a "tty-injected" row: a
 * pseudo-terminal whose slave becomes the fixture's standard input, as a
 * host's shell shares its terminal with what it runs, and whose master
 * sjtest holds.  The slave echoes and is raw, so a byte injected into its
 * input (TIOCSTI) can be read back both at the master and at the slave.
 */
static int	ttymaster = -1, ttyslave = -1;

static void
sharedtty(void)
{
	struct termios	 t;
	char		*name;

	if ((ttymaster = posix_openpt(O_RDWR | O_NOCTTY | O_CLOEXEC)) == -1 ||
	    grantpt(ttymaster) == -1 || unlockpt(ttymaster) == -1 ||
	    (name = ptsname(ttymaster)) == NULL ||
	    (ttyslave = open(name, O_RDWR | O_NOCTTY | O_CLOEXEC)) == -1 ||
	    tcgetattr(ttyslave, &t) == -1)
		err(2, "a pseudo-terminal");
	cfmakeraw(&t);
	t.c_lflag |= ECHO;
	t.c_cc[VMIN] = 0;
	t.c_cc[VTIME] = 0;
	if (tcsetattr(ttyslave, TCSANOW, &t) == -1)
		err(2, "a pseudo-terminal");
}

/* Bytes that reached the shared terminal (master or slave); closes it. */
static int
ttyinjected(void)
{
	char	 buf[256];
	ssize_t	 r;
	int	 n = 0;

	fcntl(ttymaster, F_SETFL, O_NONBLOCK);
	fcntl(ttyslave, F_SETFL, O_NONBLOCK);
	while ((r = read(ttymaster, buf, sizeof(buf))) > 0)
		n += (int)r;
	while ((r = read(ttyslave, buf, sizeof(buf))) > 0)
		n += (int)r;
	close(ttymaster);
	close(ttyslave);
	ttymaster = ttyslave = -1;
	return n;
}

/* A fixture named *6 is an IPv6 fixture. */
static int
is6(const char *fix)
{
	size_t	 n = strlen(fix);

	return n > 0 && fix[n - 1] == '6';
}

/*
 * jail(1): the program named jail in the directory of the sysjail(1) under
 * test, as both are installed side by side.
 */
static void
findjail(void)
{
	static char	 abspath[PATH_MAX];
	const char	*slash;

	/* The runs chdir into their roots: relative paths would break. */
	if (realpath(sysjailpath, abspath) == NULL)
		err(2, "%s", sysjailpath);
	sysjailpath = abspath;
	slash = strrchr(sysjailpath, '/');
	if ((size_t)snprintf(jailpath, sizeof(jailpath), "%.*sjail",
	    slash ? (int)(slash - sysjailpath + 1) : 0, sysjailpath) >=
	    sizeof(jailpath))
		errx(2, "%s: path too long", sysjailpath);
	if (access(sysjailpath, X_OK) == -1)
		err(2, "%s", sysjailpath);
	if (access(jailpath, X_OK) == -1)
		err(2, "%s: jail(1) is not beside sysjail(1)", jailpath);
}

/*
 * -s path: the sjtest(1) whose fixtures run in the jails, or the directory
 * holding them.  Beside a built sjtest they are in ../cases of its build
 * tree; beside an installed one, in ../libexec/sysjail/cases.
 */
static const char *
findcases(const char *path)
{
	static char	 dir[PATH_MAX];
	char		 up1[PATH_MAX];
	const char	*up[] = { "../cases", "../libexec/sysjail/cases" };
	struct stat	 sb;
	const char	*slash;
	size_t		 i;

	if (stat(path, &sb) == -1)
		err(2, "%s", path);
	if (S_ISDIR(sb.st_mode)) {
		if (realpath(path, dir) == NULL)
			err(2, "%s", path);
		return dir;
	}
	slash = strrchr(path, '/');
	for (i = 0; i < sizeof(up) / sizeof(up[0]); i++) {
		snprintf(up1, sizeof(up1), "%.*s%s",
		    slash ? (int)(slash - path + 1) : 0, path, up[i]);
		if (stat(up1, &sb) == 0 && S_ISDIR(sb.st_mode) &&
		    realpath(up1, dir) != NULL)
			return dir;
	}
	errx(2, "%s: no fixtures beside it (../cases or "
	    "../libexec/sysjail/cases)", path);
}

/*
 * Runs one fixture in one mode; its output goes to *out (malloc'd).
 * Returns its exit status, or -1 on timeout.
 */
static int
run(const char *fix, enum abi abi, enum mode m, char **out, int *jid)
{
	char		 prog[PATH_MAX], pidbuf[32], *buf = NULL;
	char		*argv[16];
	struct pollfd	 pfd;
	size_t		 len = 0, cap = 0;
	ssize_t		 n;
	time_t		 end = time(NULL) + TIMEOUT;
	int		 p[2], st, i = 0;
	pid_t		 pid;

	snprintf(prog, sizeof(prog), "/%s%s", fix, suffix[abi]);
	snprintf(pidbuf, sizeof(pidbuf), "%d", (int)targetpid);
	setenv("SJ_OUTSIDE", pidbuf, 1);
	setenv("SJ_JAILADDR", JAILADDR, 1);
	setenv("SJ_HOSTADDR", HOSTADDR, 1);
	setenv("SJ_JAILADDR6", JAILADDR6, 1);
	setenv("SJ_HOSTADDR6", HOSTADDR6, 1);
	setenv("SJ_HOSTNAME", JAILHOST, 1);
	if (m == JAILED_ROOT || m == JAILED_USER) {
		setenv("SJ_RECYCLE", RECYCLE, 1);
		setenv("SJ_MOVER", MOVE, 1);
	} else {
		char	 fifo[PATH_MAX + 32];

		snprintf(fifo, sizeof(fifo), "%s" RECYCLE, rootdir);
		setenv("SJ_RECYCLE", fifo, 1);
		snprintf(fifo, sizeof(fifo), "%s" MOVE, rootdir);
		setenv("SJ_MOVER", fifo, 1);
	}
	if ((m == JAILED_ROOT || m == JAILED_USER) && is6(fix)) {
		/* An IPv6 fixture: sysjail, beside jail(1), with J and J6. */
		argv[i++] = (char *)sysjailpath;
		argv[i++] = "-i";
		argv[i++] = "-4";
		argv[i++] = JAILADDR;
		argv[i++] = "-6";
		argv[i++] = JAILADDR6;
		if (m == JAILED_USER) {
			argv[i++] = "-u";
			argv[i++] = "nobody";
		}
		argv[i++] = rootdir;
		argv[i++] = JAILHOST;
		argv[i++] = prog;
	} else if (m == JAILED_ROOT || m == JAILED_USER) {
		argv[i++] = (char *)jailpath;
		argv[i++] = "-i";
		if (m == JAILED_USER) {
			argv[i++] = "-u";
			argv[i++] = "nobody";
		}
		argv[i++] = rootdir;
		argv[i++] = JAILHOST;
		argv[i++] = JAILADDR;
		argv[i++] = prog;
	} else {
		static char	 bare[PATH_MAX];

		if ((size_t)snprintf(bare, sizeof(bare), "%s%s", rootdir,
		    prog) >= sizeof(bare))
			errx(2, "%s: path too long", rootdir);
		argv[i++] = bare;
	}
	argv[i] = NULL;
	if (pipe2(p, O_CLOEXEC) == -1)
		err(2, "pipe");
	if ((pid = fork()) == -1)
		err(2, "fork");
	if (pid == 0) {
		dup2(p[1], 1);
		dup2(p[1], 2);
		if (chdir(rootdir) == -1)
			err(2, "%s", rootdir);
		if (m == BARE_ROOT || m == BARE_USER) {
			/* No terminal to hang up or type into, no host name
			 * to change: a bare case can only touch itself. */
			if (setsid() == -1 || unshare(CLONE_NEWUTS) == -1)
				err(2, "isolating a bare run");
		}
		if (ttyslave != -1)
			dup2(ttyslave, 0);
		if (m == BARE_USER && (setgroups(0, NULL) == -1 ||
		    setgid(NOBODY) == -1 || setuid(NOBODY) == -1))
			err(2, "setuid");
		execv(argv[0], argv);
		err(2, "%s", argv[0]);
	}
	runpid = pid;
	close(p[1]);
	pfd.fd = p[0];
	pfd.events = POLLIN;
	for (;;) {
		if (poll(&pfd, 1, 1000) == -1 && errno != EINTR)
			err(2, "poll");
		if (time(NULL) > end) {
			kill(pid, SIGKILL);
			break;
		}
		if (!(pfd.revents & (POLLIN | POLLHUP)))
			continue;
		if (len + 4096 > cap) {
			cap = cap ? cap * 2 : 8192;
			if ((buf = realloc(buf, cap)) == NULL)
				err(2, NULL);
		}
		if ((n = read(p[0], buf + len, cap - len - 1)) <= 0)
			break;
		len += (size_t)n;
	}
	close(p[0]);
	waitpid(pid, &st, 0);
	runpid = 0;
	if (buf == NULL && (buf = malloc(1)) == NULL)
		err(2, NULL);
	buf[len] = '\0';
	*out = buf;
	*jid = 0;
	if (m == JAILED_ROOT || m == JAILED_USER)
		*jid = atoi(buf);	/* -i printed it first */
	return time(NULL) > end ? -1 : st;
}

static const char *
observed(const char *out, const char *check, char *tok, size_t size)
{
	const char	*l;
	size_t		 n = strlen(check);

	for (l = out; l && *l; l = strchr(l, '\n') ? strchr(l, '\n') + 1 :
	    NULL) {
		if (strncmp(l, check, n) == 0 && l[n] == ' ') {
			snprintf(tok, size, "%.*s", (int)strcspn(l + n + 1,
			    " \n"), l + n + 1);
			return tok;
		}
	}
	return NULL;
}

/*
 * The reason a fixture gave for not making a check on this host: the rest
 * of its line "check SKIP why", or NULL if the check was made.
 */
static const char *
skipped(const char *out, const char *check, char *buf, size_t size)
{
	const char	*l, *w;
	size_t		 n = strlen(check);

	for (l = out; l && *l; l = strchr(l, '\n') ? strchr(l, '\n') + 1 :
	    NULL) {
		if (strncmp(l, check, n) != 0 || strncmp(l + n, " SKIP", 5) != 0)
			continue;
		w = l + n + 5;
		w += strspn(w, " ");
		snprintf(buf, size, "%.*s", (int)strcspn(w, "\n"), w);
		if (*buf == '\0')
			snprintf(buf, size, "not possible on this host");
		return buf;
	}
	return NULL;
}

/* The reason of the last skip, for the closing line of a -t or row run. */
static char	 skipreason[256];

enum verdict { FAILED, PASSED, SKIPPED };

static enum verdict
report(const char *fix, enum abi abi, enum mode m, const char *check,
    const char *want, const char *got, const char *why, const char *skip)
{
	int	 ok = got != NULL && strcmp(want, got) == 0;

	if (skip != NULL) {
		snprintf(skipreason, sizeof(skipreason), "%s", skip);
		if (tap)
			printf("ok %u - %s %s %s %s # SKIP %s\n", ++tapn, fix,
			    abis[abi], modes[m], check, skip);
		else
			printf("%-10s %-6s %-11s %-18s skipped: %s\n", fix,
			    abis[abi], modes[m], check, skip);
		return SKIPPED;
	}
	if (tap)
		printf("%s %u - %s %s %s %s: expected %s, observed %s\n",
		    ok ? "ok" : "not ok", ++tapn, fix, abis[abi], modes[m],
		    check, want, got ? got : "nothing");
	else
		printf("%-10s %-6s %-11s %-18s expected %-13s observed %-13s "
		    "%s\n", fix, abis[abi], modes[m], check, want,
		    got ? got : "nothing", ok ? "ok" : "FAIL");
	if (verbose && why)
		printf("    why: %s\n", why);
	return ok ? PASSED : FAILED;
}

/*
 * The operands: a fixture, or fixture:check for one of its rows.  With none,
 * everything is selected.
 */
static char	**selfix, **selcheck;
static int	  nsel;

static void
select_operands(int argc, char *argv[])
{
	size_t	 i;
	char	*colon;
	int	 k;

	if ((selfix = calloc(argc + 1, sizeof(*selfix))) == NULL ||
	    (selcheck = calloc(argc + 1, sizeof(*selcheck))) == NULL)
		err(2, NULL);
	for (k = 0; k < argc; k++) {
		selfix[k] = xstrdup(argv[k]);
		if ((colon = strchr(selfix[k], ':')) != NULL) {
			*colon = '\0';
			selcheck[k] = colon + 1;
		}
		for (i = 0; i < nrows; i++)
			if (strcmp(rows[i].fixture, selfix[k]) == 0 &&
			    (selcheck[k] == NULL ||
			    strcmp(rows[i].check, selcheck[k]) == 0))
				break;
		if (i == nrows)
			errx(2, "%s: no such test in %s", argv[k], catalogue);
	}
	nsel = argc;
}

/* Is the row (fix, check) selected?  check NULL: any row of fix. */
static int
selected(const char *fix, const char *check)
{
	int	 k;

	if (nsel == 0)
		return 1;
	for (k = 0; k < nsel; k++)
		if (strcmp(selfix[k], fix) == 0 && (check == NULL ||
		    selcheck[k] == NULL || strcmp(selcheck[k], check) == 0))
			return 1;
	return 0;
}

/* One fixture, one ABI, one mode: returns 0 pass, 1 fail, 3 skip. */
static int
one(const char *fix, enum abi abi, enum mode m)
{
	struct statvfs	 vfs;
	char		 host0[256], host1[256], tok[64], path[PATH_MAX];
	char		 why[256];
	char		*out, *bin, *tmpdir;
	const char	*got, *skip;
	size_t		 i;
	int		 st, jid, urgfd, svc, svc6, udp, abs, fails = 0, n = 0;
	int		 made = 0, skips = 0;
	int		 ndg = 0, inj = 0;
	int		 repfd = -1, taken = -1, hit = -1, changed = -1, peer;
	int		 unixhost = -1;
	char		 c;

	if ((bin = fixture(fix, abi)) == NULL) {
		snprintf(skipreason, sizeof(skipreason), "no fixture %s for %s",
		    fix, abis[abi]);
		return 1;
	}
	if ((tmpdir = getenv("TMPDIR")) == NULL || *tmpdir == '\0')
		tmpdir = "/tmp";
	if (strlen(tmpdir) > 256)
		errx(2, "%s: TMPDIR too long", tmpdir);
	snprintf(rootdir, sizeof(rootdir), "%s/sjtest.XXXXXX", tmpdir);
	if (mkdtemp(rootdir) == NULL)
		err(2, "mkdtemp");
	chmod(rootdir, 0755);
	snprintf(path, sizeof(path), "%.300s/tmp", rootdir);
	if (mkdir(path, 01777) == -1 || chmod(path, 01777) == -1)
		err(2, "%s", path);
	snprintf(path, sizeof(path), "%.300s/%.100s%s", rootdir, fix,
	    suffix[abi]);
	copyfile(bin, path);
	/* The place of the jail's own /dev, and a device node elsewhere. */
	snprintf(path, sizeof(path), "%.300s/dev", rootdir);
	if (mkdir(path, 0755) == -1)
		err(2, "%s", path);
	unsetenv("SJ_DEVNODE");
	if (hascheck(fix, "node-elsewhere") && statvfs(rootdir, &vfs) == 0 &&
	    !(vfs.f_flag & ST_NODEV)) {
		snprintf(path, sizeof(path), "%.300s" DEVNODE, rootdir);
		if (mknod(path, S_IFCHR | 0666, makedev(1, 3)) == -1 ||
		    chmod(path, 0666) == -1)
			err(2, "%s", path);
		setenv("SJ_DEVNODE", DEVNODE + 1, 1);
	}
	snprintf(path, sizeof(path), "%.300s/proc", rootdir);
	if (mkdir(path, 0555) == -1 || mount("proc", path, "proc", MS_NOSUID |
	    MS_NODEV | MS_NOEXEC, NULL) == -1)
		err(2, "a procfs at %s", path);
	if (hascheck(fix, "recycled"))
		recyclerpid = recycler(&repfd);
	if (hascheck(fix, "moved-dir"))
		moverpid = mover();
	if (hascheck(fix, "tty-injected"))
		sharedtty();
	unsetenv("SJ_UNIXNAME");
	if (hascheck(fix, "unix-host"))
		setenv("SJ_UNIXNAME", unixname(), 1);
	targetpid = outside(&urgfd);
	svc = hostsocket(AF_INET, SOCK_STREAM, "SJ_HOSTPORT");
	svc6 = hostsocket(AF_INET6, SOCK_STREAM, "SJ_HOST6PORT");
	udp = hostsocket(AF_INET, SOCK_DGRAM, "SJ_HOSTUDP");
	abs = hostabstract();
	unsetenv("SJ_HOSTUNIX");
	peer = hascheck(fix, "peer-outside") ? hostunix() : -1;
	gethostname(host0, sizeof(host0));
	st = run(fix, abi, m, &out, &jid);
	close(svc);
	close(svc6);
	close(abs);
	if (peer != -1)
		close(peer);
	while (recv(udp, &c, 1, 0) >= 0)
		ndg++;
	close(udp);
	if (recyclerpid > 0)
		recycled(repfd, &taken, &hit, &changed);
	gethostname(host1, sizeof(host1));
	if (getenv("SJ_UNIXNAME") != NULL)
		unixhost = unixfound();
	if (ttymaster != -1)
		inj = ttyinjected();
	if (jid > 0 && !jailgone(jid)) {
		printf("%s %s %s: jail %d still running after its command\n",
		    fix, abis[abi], modes[m], jid);
		fails++;
	}
	n = urgsync(targetpid, urgfd);
	close(urgfd);
	cleanup();
	if (verbose || st != 0)
		printf("--- %s %s %s: %s%s", fix, abis[abi], modes[m],
		    st == -1 ? "timed out\n" : st ? "exit status not 0\n" :
		    "output\n", out);
	for (i = 0; i < nrows; i++) {
		if (strcmp(rows[i].fixture, fix) != 0 ||
		    !selected(fix, rows[i].check))
			continue;
		if (strcmp(rows[i].check, "outside-signalled") == 0)
			got = n ? "yes" : "no";
		else if (strcmp(rows[i].check, "host-datagrams") == 0)
			got = ndg ? "yes" : "no";
		else if (strcmp(rows[i].check, "recycled") == 0)
			got = taken > 0 ? "yes" : "no";
		else if (strcmp(rows[i].check, "recycled-signalled") == 0)
			got = hit < 0 ? NULL : hit ? "yes" : "no";
		else if (strcmp(rows[i].check, "recycled-changed") == 0)
			got = changed < 0 ? NULL : changed ? "yes" : "no";
		else if (strcmp(rows[i].check, "host-hostname") == 0)
			got = strcmp(host0, host1) == 0 ? "same" : "changed";
		else if (strcmp(rows[i].check, "tty-injected") == 0)
			got = inj ? "yes" : "no";
		else if (strcmp(rows[i].check, "unix-host") == 0)
			got = unixhost < 0 ? NULL : unixhost ? "yes" : "no";
		else
			got = observed(out, rows[i].check, tok, sizeof(tok));
		skip = skipped(out, rows[i].check, why, sizeof(why));
		switch (report(fix, abi, m, rows[i].check, rows[i].expect[m],
		    got, rows[i].why, skip)) {
		case FAILED:
			fails++;
			break;
		case PASSED:
			made++;
			break;
		case SKIPPED:
			skips++;
			break;
		}
	}
	free(out);
	if (fails || st != 0)
		return 1;
	return made == 0 && skips > 0 ? 3 : 0;
}

/* The fixtures named in the catalogue, each once, in catalogue order. */
static size_t
fixtures(const char **v)
{
	size_t	 i, j, n = 0;

	for (i = 0; i < nrows; i++) {
		for (j = 0; j < n && strcmp(v[j], rows[i].fixture); j++)
			continue;
		if (j == n)
			v[n++] = rows[i].fixture;
	}
	return n;
}

/*
 * Does the kernel run this ABI's programs?  The fixture is executed with
 * SJ_PROBE set, which makes it exit before main(); it runs in a private UTS
 * namespace all the same, in case it does not.
 */
static int
runs(const char *bin)
{
	pid_t	 pid;
	int	 st, fd;

	if ((pid = fork()) == 0) {
		if ((fd = open("/dev/null", O_RDWR)) != -1) {
			dup2(fd, 1);
			dup2(fd, 2);
		}
		if (unshare(CLONE_NEWUTS) == -1)
			_exit(126);
		setenv("SJ_PROBE", "1", 1);
		execl(bin, bin, (char *)NULL);
		_exit(126);
	}
	return waitpid(pid, &st, 0) == pid && WIFEXITED(st) &&
	    WEXITSTATUS(st) != 126;
}

/* Did this build make fixtures for abi at all? */
static int
built(enum abi abi)
{
	size_t	 i;

	for (i = 0; i < nrows; i++)
		if (fixture(rows[i].fixture, abi) != NULL)
			return 1;
	return 0;
}

/*
 * Can fix run for abi here?  0: yes; 3: no, for the reason in skipreason
 * (the host or the build lacks the ABI); 1: its fixture is missing from a
 * build that has the ABI, which is a failure.
 */
static int
runnable(const char *fix, enum abi abi)
{
	const char	*bin = fixture(fix, abi), *why;

	if (bin == NULL && built(abi)) {
		printf("%-10s %-6s FAIL: no fixture %s%s in %s\n", fix,
		    abis[abi], fix, suffix[abi], casesdir);
		return 1;
	}
	if (bin == NULL)
		why = "this build has no i386 fixtures (no gcc -m32 at "
		    "configure time)";
	else if (abi == I386 && without("ia32"))
		why = "no IA-32 emulation on this host (SJTEST_WITHOUT=ia32)";
	else if (abi == I386 && !runs(bin))
		why = "no IA-32 emulation on this host (the kernel does not "
		    "run i386 programs)";
	else
		return 0;
	snprintf(skipreason, sizeof(skipreason), "%s", why);
	return 3;
}

int
main(int argc, char *argv[])
{
	const char	*only = NULL, *fixv[256], *abiarg = NULL, *modearg = NULL;
	struct utsname	 uts0, uts1;
	struct sigaction sa;
	size_t		 nfix, i;
	int		 ch, list = 0, a, m, r, pass = 0, fail = 0, skip = 0;

	while ((ch = getopt(argc, argv, "a:c:lm:o:p:s:t:v")) != -1) {
		switch (ch) {
		case 'a':
			abiarg = optarg;
			break;
		case 'c':
			catalogue = optarg;
			break;
		case 'l':
			list = 1;
			break;
		case 'm':
			modearg = optarg;
			break;
		case 'o':
			if (strcmp(optarg, "tap") == 0)
				tap = 1;
			else if (strcmp(optarg, "text") != 0)
				usage();
			break;
		case 'p':
			sysjailpath = optarg;
			break;
		case 's':
			casesdir = findcases(optarg);
			break;
		case 't':
			only = optarg;
			break;
		case 'v':
			verbose = 1;
			break;
		default:
			usage();
		}
	}
	argc -= optind;
	argv += optind;
	if (abiarg && strcmp(abiarg, "x86_64") && strcmp(abiarg, "i386"))
		errx(2, "%s: unknown ABI (x86_64, i386)", abiarg);
	for (m = 0; modearg && m < NMODE && strcmp(modearg, modes[m]); m++)
		continue;
	if (modearg && m == NMODE)
		errx(2, "%s: unknown mode (jailed-root, jailed-user, "
		    "bare-root, bare-user)", modearg);
	/* Lines, not blocks: the runs fork, and the output may be a pipe. */
	setvbuf(stdout, NULL, _IOLBF, 0);
	load();
	nfix = fixtures(fixv);
	select_operands(only ? 0 : argc, argv);
	if (list) {
		for (i = 0; i < nrows; i++)
			for (a = 0; a < NABI; a++)
				for (m = 0; m < NMODE; m++)
					printf("%s:%s %s %s\n", rows[i].fixture,
					    rows[i].check, abis[a], modes[m]);
		return 0;
	}
	findjail();

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = onsignal;
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
	if (geteuid() != 0)
		errx(2, "must run as root: jails are made by root");
	/* The roots' procfs mounts stay in a mount namespace of our own. */
	if (unshare(CLONE_NEWNS) == -1 ||
	    mount(NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL) == -1)
		err(2, "a private mount namespace");
	privatenet();

	if (only != NULL) {
		/* -t: run one fixture inside a jail and show what it saw. */
		a = abiarg && strcmp(abiarg, "i386") == 0 ? I386 : X86_64;
		if (fixture(only, a) == NULL)
			errx(2, "%s: no such fixture for %s", only, abis[a]);
		verbose = 1;
		if ((r = runnable(only, a)) == 0)
			r = one(only, a, modearg ? m : JAILED_ROOT);
		if (r == 3)
			printf("sjtest: %s %s skipped: %s\n", only, abis[a],
			    skipreason);
		return r;
	}
	uname(&uts0);
	for (i = 0; i < nfix; i++) {
		if (!selected(fixv[i], NULL))
			continue;
		for (a = 0; a < NABI; a++) {
			if (abiarg && strcmp(abiarg, abis[a]))
				continue;
			if ((r = runnable(fixv[i], a)) == 3) {
				printf("%s%-10s %-6s skipped: %s\n",
				    tap ? "# " : "", fixv[i], abis[a],
				    skipreason);
				skip++;
				continue;
			} else if (r != 0) {
				fail++;
				continue;
			}
			for (m = 0; m < NMODE; m++) {
				if (modearg && strcmp(modearg, modes[m]))
					continue;
				r = one(fixv[i], a, m);
				if (r == 0)
					pass++;
				else if (r == 3)
					skip++;
				else
					fail++;
			}
		}
	}
	uname(&uts1);
	if (strcmp(uts0.nodename, uts1.nodename) != 0 ||
	    strcmp(uts0.domainname, uts1.domainname) != 0) {
		printf("sjtest: the host's identity changed during the run: "
		    "%s.%s -> %s.%s\n", uts0.nodename, uts0.domainname,
		    uts1.nodename, uts1.domainname);
		fail++;
	}
	if (tap)
		printf("1..%u\n", tapn);
	if (fail == 0 && pass == 0 && skip > 0)
		printf("sjtest: skipped: %s\n", skipreason);
	printf("sjtest: %d passed, %d failed, %d skipped\n", pass, fail, skip);
	return fail ? 1 : pass == 0 && skip > 0 ? 3 : 0;
}
