/*
 * threadsig: signals between the threads of one process, as glibc uses
 * them (SPEC section 1).  glibc's set*id functions, in a process of more
 * than one thread, send SIGSETXID to every other thread with tgkill(2) and
 * wait until each has changed its own identity; pthread_cancel(3) sends
 * SIGCANCEL the same way.  Both handlers ignore a signal whose si_code is
 * not SI_TKILL from their own process, so anything but the kernel's own
 * delivery makes the caller wait forever: a check that has not returned
 * after a few seconds prints "hung".  Then the same question between two
 * processes: what a child's handler sees of each signal call its parent
 * makes (si_code as a word, and whether si_pid and si_uid are the
 * parent's).
 */
#include <sys/syscall.h>
#include <sys/types.h>
#include <sys/wait.h>

#include <errno.h>
#include <grp.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "fixture.h"

#define HANG_S	5		/* a check that takes longer has hung */

static const char *volatile	 current;
static volatile pid_t		 peer;
static volatile sig_atomic_t	 stop, got, gotcode, gotpid, gotuid, gotval;

/* A check that never returns: say so, and end (nothing else can run). */
static void
hung(int sig)
{
	(void)sig;
	if (current != NULL)
		say(current, "hung");
	fflush(stdout);
	_exit(0);
}

static void
start(const char *name)
{
	current = name;
	alarm(HANG_S);
}

static void
done(void)
{
	alarm(0);
	current = NULL;
}

static void *
idle(void *arg)
{
	(void)arg;
	peer = xgettid();
	while (!stop)
		usleep(1000);
	return NULL;
}

static void *
dosetuid(void *arg)
{
	*(int *)arg = setuid(getuid()) == -1 ? errno : 0;
	return NULL;
}

static void *
dosetgroups(void *arg)
{
	gid_t	 g[64];
	int	 n;

	if ((n = getgroups(64, g)) == -1 || setgroups((size_t)n, g) == -1)
		*(int *)arg = errno;
	else
		*(int *)arg = 0;
	return NULL;
}

static void *
sleeper(void *arg)
{
	(void)arg;
	for (;;)
		sleep(1);
	return NULL;
}

static void
info(int sig, siginfo_t *si, void *uc)
{
	(void)sig;
	(void)uc;
	gotcode = si->si_code;
	gotpid = si->si_pid;
	gotuid = (sig_atomic_t)si->si_uid;
	gotval = si->si_value.sival_int;
	got = 1;
}

/*
 * Runs fn on a thread of its own while the idle thread exists; fn leaves
 * its errno, or 0, in its argument.
 */
static void
onthread(const char *name, void *(*fn)(void *))
{
	pthread_t	 t;
	int		 r = 0;

	start(name);
	pthread_create(&t, NULL, fn, &r);
	pthread_join(t, NULL);
	done();
	errno = r;
	check(name, r ? -1 : 0);
}

static const char *
codeword(int c)
{
	switch (c) {
	case SI_TKILL:
		return "tkill";
	case SI_USER:
		return "user";
	case SI_QUEUE:
		return "queue";
	default:
		return "other";
	}
}

/* Waits for the handler on the idle thread; its si_code, as a word. */
static const char *
code(void)
{
	int	 i;

	for (i = 0; !got && i < 5000; i++)
		usleep(1000);
	return got ? codeword(gotcode) : "none";
}

/*
 * The child: reports on w the siginfo of each SIGUSR1 its handler takes,
 * until SIGTERM.  SIGUSR1 is blocked but in sigsuspend(2).
 */
static void __attribute__((noreturn))
child(int w)
{
	sigset_t	 wait;
	int		 rep[3];

	sigemptyset(&wait);
	signal(SIGTERM, SIG_DFL);
	for (;;) {
		got = 0;
		while (!got)
			sigsuspend(&wait);
		rep[0] = gotcode;
		rep[1] = gotpid;
		rep[2] = gotuid;
		(void)write(w, rep, sizeof(rep));
	}
}

/* One signal call to the child (r its result): what the child saw. */
static void
tochild(const char *name, long r, int rfd)
{
	struct pollfd	 p;
	char		 n[64];
	int		 rep[3];

	check(name, (int)r);
	snprintf(n, sizeof(n), "%s-code", name);
	p.fd = rfd;
	p.events = POLLIN;
	if (r == -1 || poll(&p, 1, 5000) != 1 ||
	    read(rfd, rep, sizeof(rep)) != sizeof(rep)) {
		say(n, "none");
		return;
	}
	say(n, codeword(rep[0]));
	snprintf(n, sizeof(n), "%s-from", name);
	say(n, rep[1] == getpid() && rep[2] == (int)getuid() ? "yes" : "no");
}

/*
 * Between processes: each signal call a parent makes to its child (in a
 * group of its own), and what the child's handler sees of it.
 */
static void
processes(void)
{
	sigset_t	 set, old;
	siginfo_t	 si;
	pid_t		 c;
	int		 p[2], pfd, st;

	sigemptyset(&set);
	sigaddset(&set, SIGUSR1);
	sigaddset(&set, SIGTERM);
	sigprocmask(SIG_BLOCK, &set, &old);
	if (pipe(p) == -1 || (c = fork()) == -1) {
		check("kill-child", -1);
		return;
	}
	if (c == 0) {
		setpgid(0, 0);
		close(p[0]);
		child(p[1]);
	}
	setpgid(c, c);
	close(p[1]);
	sigprocmask(SIG_SETMASK, &old, NULL);
	tochild("kill-child", kill(c, SIGUSR1), p[0]);
	tochild("tkill-child", syscall(SYS_tkill, c, SIGUSR1), p[0]);
	tochild("tgkill-child", syscall(SYS_tgkill, c, c, SIGUSR1), p[0]);
	memset(&si, 0, sizeof(si));
	si.si_signo = SIGUSR1;
	si.si_code = SI_QUEUE;
	si.si_pid = getpid();
	si.si_uid = getuid();
	tochild("queue-child", syscall(SYS_rt_sigqueueinfo, c, SIGUSR1, &si),
	    p[0]);
	if ((pfd = (int)syscall(SYS_pidfd_open, c, 0)) == -1)
		check("pidfd-child", -1);
	else {
		tochild("pidfd-child", syscall(SYS_pidfd_send_signal, pfd,
		    SIGUSR1, NULL, 0), p[0]);
		close(pfd);
	}
	tochild("pgrp-child", killpg(c, SIGUSR1), p[0]);
	kill(c, SIGTERM);
	waitpid(c, &st, 0);
	close(p[0]);
}

int
main(void)
{
	struct sigaction sa;
	siginfo_t	 si;
	pthread_t	 t, s;
	void		*ret;
	int		 i;

	signal(SIGALRM, hung);
	pthread_create(&t, NULL, idle, NULL);
	for (i = 0; peer == 0 && i < 5000; i++)
		usleep(1000);

	onthread("setuid", dosetuid);
	onthread("setgroups", dosetgroups);

	start("cancel");
	pthread_create(&s, NULL, sleeper, NULL);
	usleep(10000);
	pthread_cancel(s);
	pthread_join(s, &ret);
	done();
	say("cancel", ret == PTHREAD_CANCELED ? "yes" : "no");

	/* What a sender-checking handler on a sibling thread sees. */
	memset(&sa, 0, sizeof(sa));
	sa.sa_sigaction = info;
	sa.sa_flags = SA_SIGINFO;
	sigaction(SIGUSR1, &sa, NULL);

	got = 0;
	check("tgkill", (int)syscall(SYS_tgkill, getpid(), peer, SIGUSR1));
	say("tgkill-code", code());
	say("tgkill-pid", got && gotpid == getpid() ? "yes" : "no");

	got = 0;
	memset(&si, 0, sizeof(si));
	si.si_signo = SIGUSR1;
	si.si_code = SI_QUEUE;
	si.si_pid = getpid();
	si.si_uid = getuid();
	si.si_value.sival_int = 42;
	check("tgsigqueue", (int)syscall(SYS_rt_tgsigqueueinfo, getpid(),
	    peer, SIGUSR1, &si));
	say("tgsigqueue-code", code());
	say("tgsigqueue-value", got && gotval == 42 ? "yes" : "no");

	got = 0;
	check("tkill", (int)syscall(SYS_tkill, peer, SIGUSR1));
	say("tkill-code", code());

	stop = 1;
	pthread_join(t, NULL);

	processes();
	return 0;
}
