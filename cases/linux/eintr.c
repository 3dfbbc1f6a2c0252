/*
 * eintr: system calls the host never interrupts, under a stream of
 * signals (SPEC section 1; issue 21).  A timer raises SIGALRM every 50
 * microseconds, caught by a handler installed without SA_RESTART, while
 * the process calls, round after round, system calls the jail refers to
 * its supervisor (all of them fail or return at once on the host).  For
 * each call the check says whether any of its ROUNDS calls failed with
 * EINTR ("some") or none did ("none"), and "signals" that the stream
 * really ran.
 *
 * The kernel gives up a notification whose caller is interrupted before
 * the supervisor has received it (the wait is interruptible until then,
 * even with SECCOMP_FILTER_FLAG_WAIT_KILLABLE_RECV), and the call returns
 * EINTR to a handler without SA_RESTART: jailed, the rows record that
 * residue; jail(1) CAVEATS gives its rate.  With SJ_EINTR_RATE set the
 * fixture also prints the counts.
 */
#include <sys/resource.h>
#include <sys/syscall.h>
#include <sys/time.h>

#include <errno.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <linux/capability.h>

#include "fixture.h"

#define ROUNDS		2000
#define PERIOD_US	50

static volatile long	 signals;

static void
tick(int sig)
{
	(void)sig;
	signals++;
}

/* One notified call; returns -1 with errno, or something else. */
static long
call(int k)
{
	struct __user_cap_header_struct	 h;
	struct __user_cap_data_struct	 d[2];
	struct sched_param		 sp;
	struct rlimit			 rl;

	switch (k) {
	case 0:
		return kill(getpid(), 0);
	case 1:
		return syscall(SYS_tgkill, getpid(), xgettid(), 0);
	case 2:
		return getpgid(1);
	case 3:
		return getsid(1);
	case 4:
		return sched_getparam(1, &sp);
	case 5:
		errno = 0;
		if (getpriority(PRIO_PROCESS, 1) == -1 && errno != 0)
			return -1;
		return 0;
	case 6:
		return prlimit(1, RLIMIT_NOFILE, NULL, &rl);
	default:
		h.version = _LINUX_CAPABILITY_VERSION_3;
		h.pid = 1;
		return syscall(SYS_capget, &h, d);
	}
}

static const char *const names[] = {
	"kill", "tgkill", "getpgid", "getsid", "sched_getparam",
	"getpriority", "prlimit", "capget"
};
#define NCALLS	(sizeof(names) / sizeof(names[0]))

int
main(void)
{
	struct sigaction sa;
	struct itimerval it;
	long		 n[NCALLS];
	size_t		 k;
	int		 i;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = tick;		/* no SA_RESTART */
	sigaction(SIGALRM, &sa, NULL);
	memset(&it, 0, sizeof(it));
	it.it_interval.tv_usec = it.it_value.tv_usec = PERIOD_US;
	memset(n, 0, sizeof(n));
	setitimer(ITIMER_REAL, &it, NULL);
	for (i = 0; i < ROUNDS; i++)
		for (k = 0; k < NCALLS; k++)
			if (call((int)k) == -1 && errno == EINTR)
				n[k]++;
	memset(&it, 0, sizeof(it));
	setitimer(ITIMER_REAL, &it, NULL);
	for (k = 0; k < NCALLS; k++) {
		if (getenv("SJ_EINTR_RATE") != NULL)
			printf("# %s %ld of %d\n", names[k], n[k], ROUNDS);
		say(names[k], n[k] ? "some" : "none");
	}
	say("signals", signals > ROUNDS / 10 ? "yes" : "no");
	return 0;
}
