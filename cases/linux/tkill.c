/*
 * tkill: the thread-directed signals tkill(2) and tgkill(2) (SPEC section 1).
 */
#include <sys/syscall.h>
#include <sys/wait.h>

#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <unistd.h>

#include "fixture.h"

static volatile sig_atomic_t	 got;
static volatile pid_t		 peer;

static void
urg(int sig)
{
	(void)sig;
	got = 1;
}

static void *
thread(void *arg)
{
	int	 i;

	(void)arg;
	peer = xgettid();
	for (i = 0; !got && i < 5000; i++)	/* at most 5 s */
		usleep(1000);
	return NULL;
}

static long
xtkill(pid_t tid, int sig)
{
	return syscall(SYS_tkill, tid, sig);
}

static long
xtgkill(pid_t tgid, pid_t tid, int sig)
{
	return syscall(SYS_tgkill, tgid, tid, sig);
}

int
main(void)
{
	pthread_t	 t;
	pid_t		 outside = (pid_t)envnum("SJ_OUTSIDE"), c;
	int		 st, i;

	check("outside", (int)xtkill(outside, 0));
	check("parent", (int)xtkill(getppid(), 0));
	check("self", (int)xtkill(xgettid(), 0));
	check("tgkill-outside", (int)xtgkill(outside, outside, 0));
	check("tgkill-parent", (int)xtgkill(getppid(), getppid(), 0));
	check("tgkill-self", (int)xtgkill(getpid(), xgettid(), 0));
	check("tgkill-mismatch", (int)xtgkill(getpid(), outside, 0));

	signal(SIGURG, urg);
	pthread_create(&t, NULL, thread, NULL);
	for (i = 0; peer == 0 && i < 5000; i++)
		usleep(1000);
	check("thread", (int)xtkill(peer, SIGURG));
	pthread_join(t, NULL);
	say("thread-got", got ? "yes" : "no");

	if ((c = fork()) == 0) {
		for (;;)
			pause();
	}
	if (xtgkill(c, c, SIGTERM) == -1)
		check("tgkill-child", -1);
	else
		say("tgkill-child", waitpid(c, &st, 0) == c &&
		    WIFSIGNALED(st) && WTERMSIG(st) == SIGTERM ? "OK" : "no");
	return 0;
}
