/*
 * argrace: CVE-2007-4305 against every argument the supervisor reads from
 * the caller's memory (SPEC sections 1 to 3).  For each one, a sibling
 * thread flips a 32-bit word of the argument between a harmless and a
 * forbidden value while the main thread makes the call ROUNDS times.  A
 * supervisor that judged one value and let the kernel read the other
 * would sometimes perform the forbidden call; sysjail decides and performs
 * each of these calls on its own single copy, so no round may show a
 * forbidden effect.  Bare, the forbidden value is simply used: "escaped".
 *
 *	capget-race	the header's pid: 0 (the caller) or SJ_OUTSIDE.
 *			Forbidden effect: an answer holding capabilities
 *			other than the caller's (whose effective set first
 *			loses CAP_SYS_NICE, so that bare root differs from
 *			the outside process too).
 *	sigqueue-race	rt_sigqueueinfo's siginfo, to a jailed child:
 *	tgsigqueue-race	si_code SI_QUEUE or SI_USER (a forged kill()).
 *			The kernel refuses the forgery itself, on every
 *			path (a supervisor's pidfd_send_signal too), so no
 *			race can deliver it: bare holds too.  What a jail
 *			can break is the rest: forbidden effect, a siginfo
 *			the caller did not write arrives (not SI_QUEUE, not
 *			its pid, not its value: one a supervisor made up or
 *			tore), or none at all ("refused": every call was
 *			refused, so nothing raced).
 *	hostname-race	sethostname's buffer: two 8-byte names differing in
 *			every byte, stored whole as one aligned word.
 *			Forbidden effect: the host's name changes (the
 *			harness's host-hostname), or after a call the
 *			jail's name is one never written (a copy made in
 *			pieces, or read again after it was judged).
 *	scbind-race	socketcall(SYS_BIND)'s argument block, its address
 *			word: a sockaddr of J or of 127.0.0.1.  Forbidden
 *			effect: a socket bound to a loopback address not J.
 *	scsocket-race	socketcall(SYS_SOCKET)'s block, its family word:
 *			AF_INET or AF_NETLINK.  Forbidden effect: a netlink
 *			socket.
 *	unix-race	a pathname AF_UNIX bind, the first 4 bytes of the
 *			path: "tmp/" or "/tmp", so "tmp//NAME" or
 *			"/tmp/NAME" (NAME from SJ_UNIXNAME).  In a jail
 *			both name the root's tmp; forbidden effect: a
 *			socket file that is not in the root's tmp, i.e.
 *			in a /tmp that is not the root's (the host's,
 *			bare).  The fixture sees the first half (the
 *			socket is missing from the root's tmp); the
 *			harness the second (unix-host: a socket NAME in
 *			its own /tmp, where an escape from a jail lands).
 *
 * The first four are argrace's, the last three sockrace's (this source
 * built with -DNETRACES).  The direct bind's sockaddr is bindrace's;
 * sendto/sendmsg/connect destinations are decided by cgroup programs on
 * the kernel's copy (sendrace).  socketcall(SYS_SOCKETPAIR) has no
 * forbidden outcome to race for: only AF_UNIX pairs exist, jailed or not.
 * socketcall goes through int $0x80 from the x86_64 build.
 */
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/utsname.h>
#include <sys/wait.h>
#include <time.h>

#include <arpa/inet.h>
#include <errno.h>
#include <linux/capability.h>
#include <linux/net.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/un.h>
#include <unistd.h>

#include "fixture.h"
#include "int80.h"

#ifndef ROUNDS
#define ROUNDS	100000
#endif

struct flip {
	volatile uint32_t	*word;
	uint32_t		 a, b;
	volatile uint64_t	*word64;	/* instead of word, if set */
	uint64_t		 a64, b64;
	pthread_t		 t;
};

static atomic_int	 stop, started;
static long		 rounds = ROUNDS;
static struct timespec	 t0;

static void *
flipper(void *arg)
{
	struct flip	*f = arg;

	atomic_store(&started, 1);
	if (f->word64 != NULL) {
		while (!atomic_load_explicit(&stop, memory_order_relaxed)) {
			*f->word64 = f->a64;
			*f->word64 = f->b64;
		}
		*f->word64 = f->a64;
		return NULL;
	}
	while (!atomic_load_explicit(&stop, memory_order_relaxed)) {
		*f->word = f->a;
		*f->word = f->b;
	}
	*f->word = f->a;
	return NULL;
}

static void
flipgo(struct flip *f)
{
	clock_gettime(CLOCK_MONOTONIC, &t0);
	atomic_store(&stop, 0);
	atomic_store(&started, 0);
	if (pthread_create(&f->t, NULL, flipper, f) != 0) {
		fprintf(stderr, "argrace: no thread\n");
		exit(1);
	}
	while (!atomic_load(&started))
		sched_yield();
}

static void
flipstart(struct flip *f, void *word, uint32_t a, uint32_t b)
{
	f->word64 = NULL;
	f->word = word;
	f->a = a;
	f->b = b;
	*f->word = a;
	flipgo(f);
}

#ifndef NETRACES
/* The same, for an aligned 64-bit word, stored whole each time. */
static void
flipstart64(struct flip *f, void *word, uint64_t a, uint64_t b)
{
	f->word64 = word;
	f->a64 = a;
	f->b64 = b;
	*f->word64 = a;
	flipgo(f);
}
#endif

static void
flipstop(struct flip *f)
{
	atomic_store(&stop, 1);
	pthread_join(f->t, NULL);
}

static void
result(const char *name, long rounds, long escaped, long ok, long refused)
{
	struct timespec	 t1;

	clock_gettime(CLOCK_MONOTONIC, &t1);
	fprintf(stderr, "%s: %ld rounds, %ld escaped, %ld performed, "
	    "%ld refused, %.1f s\n", name, rounds, escaped, ok, refused,
	    (double)(t1.tv_sec - t0.tv_sec) + (t1.tv_nsec - t0.tv_nsec) / 1e9);
	/*
	 * held: the race ran (some calls performed) and no round showed the
	 * forbidden effect; refused: every call was refused, so nothing was
	 * raced at all, which no row expects of a working jail.
	 */
	say(name, escaped ? "escaped" : ok == 0 && refused == rounds ?
	    "refused" : ok + refused == rounds ? "held" : "failed");
}

#ifndef NETRACES
/* --- capget: the header's pid ------------------------------------------- */
static struct __user_cap_header_struct	 caph;

static void
capgetrace(pid_t outside)
{
	struct __user_cap_data_struct	 own[2], d[2];
	struct flip			 f;
	long				 i, esc = 0, ok = 0, no = 0;

	caph.version = _LINUX_CAPABILITY_VERSION_3;
	caph.pid = 0;
	if (syscall(SYS_capget, &caph, own) == -1) {
		check("capget-race", -1);
		return;
	}
	own[0].effective &= ~(1U << CAP_SYS_NICE);
	if (syscall(SYS_capset, &caph, own) == -1 ||
	    syscall(SYS_capget, &caph, own) == -1) {
		check("capget-race", -1);
		return;
	}
	flipstart(&f, &caph.pid, 0, (uint32_t)outside);
	for (i = 0; i < rounds; i++) {
		memset(d, 0, sizeof(d));
		if (syscall(SYS_capget, &caph, d) == -1) {
			no += errno == ESRCH;
			continue;
		}
		ok++;
		if (memcmp(d, own, sizeof(d)) != 0)
			esc++;
	}
	flipstop(&f);
	caph.pid = 0;
	result("capget-race", rounds, esc, ok, no);
}

/* --- rt_sigqueueinfo, rt_tgsigqueueinfo: the siginfo ---------------------- */
static siginfo_t	 qinfo;

#define QCOOKIE	0x51a7c0de

/*
 * Is si the siginfo the sender wrote: its queued code, its own pid (the
 * receiver's parent), its value?  One that is not was forged, made up by
 * someone else (a supervisor sending its own siginfo, or none, which the
 * kernel turns into SI_USER from the supervisor), or torn.
 */
static int
genuine(const siginfo_t *si)
{
	return si->si_code == SI_QUEUE && si->si_pid == getppid() &&
	    si->si_value.sival_int == QCOOKIE;
}

/* The receiver: counts forged siginfos, reports on its pipe at SIGTERM. */
static void
receiver(int w)
{
	sigset_t	 set;
	siginfo_t	 si;
	long		 got = 0, forged = 0;
	char		 rep[64];
	int		 sig;

	sigemptyset(&set);
	sigaddset(&set, SIGRTMIN);
	sigaddset(&set, SIGTERM);
	for (;;) {
		if ((sig = sigwaitinfo(&set, &si)) == -1)
			continue;
		if (sig == SIGTERM)
			break;
		got++;
		if (!genuine(&si))
			forged++;
	}
	/* Whatever is still queued counts too. */
	sigdelset(&set, SIGTERM);
	{
		struct timespec	 z = { 0, 0 };

		while (sigtimedwait(&set, &si, &z) > 0) {
			got++;
			if (!genuine(&si))
				forged++;
		}
	}
	snprintf(rep, sizeof(rep), "%ld %ld\n", got, forged);
	(void)write(w, rep, strlen(rep));
	_exit(0);
}

static void
sigqueuerace(const char *name, int tg)
{
	struct flip	 f;
	sigset_t	 set;
	char		 rep[64];
	long		 i, ok = 0, no = 0, got = -1, forged = -1;
	ssize_t		 n;
	pid_t		 c;
	int		 p[2], st;

	sigemptyset(&set);
	sigaddset(&set, SIGRTMIN);
	sigaddset(&set, SIGTERM);
	sigprocmask(SIG_BLOCK, &set, NULL);
	if (pipe(p) == -1 || (c = fork()) == -1) {
		check(name, -1);
		return;
	}
	if (c == 0) {
		close(p[0]);
		receiver(p[1]);
	}
	close(p[1]);
	memset(&qinfo, 0, sizeof(qinfo));
	qinfo.si_signo = SIGRTMIN;
	qinfo.si_code = SI_QUEUE;
	qinfo.si_pid = getpid();
	qinfo.si_uid = getuid();
	qinfo.si_value.sival_int = QCOOKIE;
	flipstart(&f, &qinfo.si_code, (uint32_t)SI_QUEUE, (uint32_t)SI_USER);
	for (i = 0; i < rounds; i++) {
		long	 r;

		if (tg)
			r = syscall(SYS_rt_tgsigqueueinfo, c, c, SIGRTMIN,
			    &qinfo);
		else
			r = syscall(SYS_rt_sigqueueinfo, c, SIGRTMIN, &qinfo);
		if (r == 0)
			ok++;
		else if (errno == EPERM)
			no++;		/* judged forged */
		else if (errno == EAGAIN) {
			no++;		/* the queue is full: let it drain */
			sched_yield();
		}
	}
	flipstop(&f);
	kill(c, SIGTERM);
	if ((n = read(p[0], rep, sizeof(rep) - 1)) > 0) {
		rep[n] = '\0';
		sscanf(rep, "%ld %ld", &got, &forged);
	}
	close(p[0]);
	waitpid(c, &st, 0);
	sigprocmask(SIG_UNBLOCK, &set, NULL);
	fprintf(stderr, "%s: %ld received by the child, %ld forged\n", name,
	    got, forged);
	if (got <= 0)
		ok = 0;			/* nothing arrived: the race did not run */
	result(name, rounds, forged != 0, ok, no);
}

/* --- sethostname: the name --------------------------------------------- */
static uint64_t	 hname[2];

static void
hostnamerace(void)
{
	struct utsname	 u;
	struct flip	 f;
	uint64_t	 a, b;
	long		 i, ok = 0, no = 0, bad = 0;
	int		 e = 0;

	/*
	 * The whole name is one aligned word, stored whole: every byte
	 * differs between the two, so a copy made in more than one read
	 * (or read again after it was judged) shows as a name the caller
	 * never wrote, in the jail's own name after the call.
	 */
	memcpy(&a, "sjrace-a", 8);
	memcpy(&b, "SJRACE-B", 8);
	flipstart64(&f, &hname[0], a, b);
	for (i = 0; i < rounds; i++) {
		if (sethostname((char *)hname, 8) == 0) {
			ok++;
			if (uname(&u) == 0 && strcmp(u.nodename,
			    "sjrace-a") != 0 && strcmp(u.nodename,
			    "SJRACE-B") != 0) {
				if (bad++ == 0)
					fprintf(stderr, "hostname-race: "
					    "named %s\n", u.nodename);
			}
		} else {
			e = errno;
			no++;
			if (i > 0 && no == i + 1)
				break;	/* refused before reading: once is enough */
		}
	}
	flipstop(&f);
	if (ok == 0) {
		errno = e;
		check("hostname-race", -1);
		return;
	}
	uname(&u);
	fprintf(stderr, "hostname-race: %ld renames, %ld to a name never "
	    "written, now %s\n", ok, bad, u.nodename);
	say("hostname-race", bad ? "escaped" : "OK");
}

#else
/* --- socketcall(SYS_BIND): the block's address word ---------------------- */
static struct sockaddr_in	 sinj, sinlo;	/* static: below 4 GiB */
static uint32_t			 block[4];

static void
scbindrace(void)
{
	struct sockaddr_in	 got;
	struct flip		 f;
	socklen_t		 len;
	long			 i, esc = 0, ok = 0, no = 0;
	int			 s;

	if (!int80ok("scbind-race"))
		return;

	sinj.sin_family = sinlo.sin_family = AF_INET;
	inet_pton(AF_INET, envstr("SJ_JAILADDR"), &sinj.sin_addr);
	inet_pton(AF_INET, "127.0.0.1", &sinlo.sin_addr);
	block[2] = sizeof(sinj);
	flipstart(&f, &block[1], (uint32_t)(uintptr_t)&sinj,
	    (uint32_t)(uintptr_t)&sinlo);
	for (i = 0; i < rounds; i++) {
		/* The direct call: the filter lets AF_INET through. */
		if ((s = (int)syscall(SYS_socket, AF_INET, SOCK_DGRAM, 0)) ==
		    -1)
			continue;
		block[0] = (uint32_t)s;
		len = sizeof(got);
		if (INT80(nr32_socketcall, SYS_BIND, block, 0) == -1 ||
		    getsockname(s, (struct sockaddr *)&got, &len) == -1)
			no++;
		else {
			ok++;
			if (got.sin_addr.s_addr != sinj.sin_addr.s_addr)
				esc++;
		}
		close(s);
	}
	flipstop(&f);
	result("scbind-race", rounds, esc, ok, no);
}

/* --- socketcall(SYS_SOCKET): the block's family word --------------------- */
static void
scsocketrace(void)
{
	struct flip	 f;
	socklen_t	 len;
	long		 i, esc = 0, ok = 0, no = 0;
	int		 s, dom;

	if (!int80ok("scsocket-race"))
		return;

	block[1] = SOCK_DGRAM;
	block[2] = 0;
	flipstart(&f, &block[0], AF_INET, AF_NETLINK);
	for (i = 0; i < rounds; i++) {
		if ((s = (int)INT80(nr32_socketcall, SYS_SOCKET, block, 0)) ==
		    -1) {
			no++;
			continue;
		}
		ok++;
		len = sizeof(dom);
		if (getsockopt(s, SOL_SOCKET, SO_DOMAIN, &dom, &len) == -1 ||
		    dom != AF_INET)
			esc++;
		close(s);
	}
	flipstop(&f);
	result("scsocket-race", rounds, esc, ok, no);
}

/* --- bind of a pathname AF_UNIX socket: the path --------------------------- */
static struct sockaddr_un	 sun;

static void
unixrace(void)
{
	struct stat	 root, host, sb;
	struct flip	 f;
	const char	*name = getenv("SJ_UNIXNAME");
	char		 rest[64], in[80], out[80];
	uint32_t	 a, b;
	long		 i, esc = 0, ok = 0, no = 0;
	int		 s, diff;

	/* The harness names the socket, to look for it in its own /tmp. */
	if (name != NULL && *name != '\0' && strchr(name, '/') == NULL)
		snprintf(rest, sizeof(rest), "/%.40s", name);
	else
		snprintf(rest, sizeof(rest), "/sjas-%d", (int)getpid());
	snprintf(in, sizeof(in), "tmp%s", rest);
	snprintf(out, sizeof(out), "/tmp%s", rest);
	sun.sun_family = AF_UNIX;
	snprintf(sun.sun_path, sizeof(sun.sun_path), "tmp/%s", rest);
	memcpy(&a, "tmp/", 4);
	memcpy(&b, "/tmp", 4);
	/* Are the root's tmp and /tmp the same directory? (jailed: yes) */
	diff = stat("tmp", &root) == -1 || stat("/tmp", &host) == -1 ||
	    root.st_dev != host.st_dev || root.st_ino != host.st_ino;
	unlink(in);
	flipstart(&f, sun.sun_path, a, b);
	for (i = 0; i < rounds; i++) {
		if ((s = socket(AF_UNIX, SOCK_STREAM, 0)) == -1)
			continue;
		if (bind(s, (struct sockaddr *)&sun, sizeof(sun)) == -1)
			no++;
		else {
			ok++;
			/*
			 * Whichever spelling was bound, the socket must be in
			 * the root's tmp; one that is not went elsewhere (a
			 * /tmp that is not the root's).  That /tmp is out of
			 * a jail's sight: the harness looks there itself
			 * (the unix-host row), and removes what it finds.
			 */
			if (lstat(in, &sb) == -1 || !S_ISSOCK(sb.st_mode) ||
			    (diff && lstat(out, &sb) == 0))
				esc++;
		}
		close(s);
		unlink(in);
	}
	flipstop(&f);
	if (diff && name == NULL)
		unlink(out);		/* a run by hand: nobody else will */
	result("unix-race", rounds, esc, ok, no);
}

/*
 * Built twice from this source: argrace with the process and host races,
 * sockrace (-DNETRACES) with the network ones, so that each run stays
 * well within sjtest's time limit.  SJ_ROUNDS overrides the number of
 * rounds for a quick look; the catalogue's runs use ROUNDS.
 */
#endif

int
main(void)
{
	const char	*r = getenv("SJ_ROUNDS");

	if (r != NULL && atol(r) > 0)
		rounds = atol(r);
#ifdef NETRACES
	scbindrace();
	scsocketrace();
	unixrace();
#else
	capgetrace((pid_t)envnum("SJ_OUTSIDE"));
	sigqueuerace("sigqueue-race", 0);
	sigqueuerace("tgsigqueue-race", 1);
	hostnamerace();
#endif
	return 0;
}
