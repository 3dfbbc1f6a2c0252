/*
 * threadsig: signals between the threads of one process, as glibc uses
 * them (SPEC section 1).  glibc's set*id functions, in a process of more
 * than one thread, send SIGSETXID to every other thread with tgkill(2) and
 * wait until each has changed its own identity; pthread_cancel(3) sends
 * SIGCANCEL the same way.  Both handlers ignore a signal whose si_code is
 * not SI_TKILL from their own process, so anything but the kernel's own
 * delivery makes the caller wait forever: a check that has not returned
 * after a few seconds prints "hung".
 */
#include <sys/syscall.h>
#include <sys/types.h>

#include <errno.h>
#include <grp.h>
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
static volatile sig_atomic_t	 stop, got, gotcode, gotpid, gotval;

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

/* Waits for the handler on the idle thread; its si_code, as a word. */
static const char *
code(void)
{
	int	 i;

	for (i = 0; !got && i < 5000; i++)
		usleep(1000);
	if (!got)
		return "none";
	switch (gotcode) {
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
	return 0;
}
