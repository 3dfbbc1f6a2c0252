/*
 * killrace: pid recycling (SPEC section 1) at 100,000 iterations.
 *
 * pidrace's race, scaled: a sibling thread aims signals without pause at
 * the pid of the latest jailed child, rotating kill(2), tgkill(2),
 * rt_sigqueueinfo(2) and pidfd_open(2) + pidfd_send_signal(2), all with
 * SIGUSR2.  The main thread forks the child, names its pid to the
 * harness's recycler (an outside process that takes each freed pid with
 * clone3's set_tid), reaps the child once a signal has killed it, and
 * leaves the thread aiming at the freed number, soon the recycler's,
 * for AIM more calls before the next round.  An iteration is one such
 * call made after the reap; the run makes at least ITERATIONS of them
 * ("aimed").  In a jail none may reach a recycled process
 * (recycled-signalled); bare, root's do.
 */
#include <sys/syscall.h>
#include <sys/wait.h>

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "fixture.h"

#define ITERATIONS	100000
#define AIM		1000

static atomic_int	 target, stop;
static atomic_long	 after;		/* calls made since the reap */
static atomic_int	 reaped;

static void
aim(pid_t t, unsigned int k)
{
	siginfo_t	 si;
	int		 fd;

	switch (k % 4) {
	case 0:
		(void)kill(t, SIGUSR2);
		break;
	case 1:
		(void)syscall(SYS_tgkill, t, t, SIGUSR2);
		break;
	case 2:
		memset(&si, 0, sizeof(si));
		si.si_signo = SIGUSR2;
		si.si_code = SI_QUEUE;
		si.si_pid = getpid();
		si.si_uid = getuid();
		(void)syscall(SYS_rt_sigqueueinfo, t, SIGUSR2, &si);
		break;
	default:
		if ((fd = (int)syscall(SYS_pidfd_open, t, 0)) >= 0) {
			(void)syscall(SYS_pidfd_send_signal, fd, SIGUSR2,
			    NULL, 0);
			close(fd);
		}
	}
}

static void *
signaller(void *arg)
{
	unsigned int	 k = 0;
	pid_t		 t;

	(void)arg;
	while (!atomic_load(&stop)) {
		if ((t = (pid_t)atomic_load(&target)) <= 0)
			continue;
		aim(t, k++);
		if (atomic_load(&reaped))
			atomic_fetch_add(&after, 1);
	}
	return NULL;
}

int
main(void)
{
	const char	*fifo = envstr("SJ_RECYCLE");
	pthread_t	 th;
	sigset_t	 set;
	int32_t		 pid;
	pid_t		 c;
	long		 rounds = 0, reached = 0, total = 0;
	int		 fd, st;

	if (*fifo == '\0' || (fd = open(fifo, O_WRONLY | O_CLOEXEC)) == -1) {
		say("delivered", "norecycler");
		return 0;
	}
	sigemptyset(&set);
	sigaddset(&set, SIGUSR2);
	sigprocmask(SIG_BLOCK, &set, NULL);
	if (pthread_create(&th, NULL, signaller, NULL) != 0) {
		say("delivered", "nothread");
		return 0;
	}
	while (total < ITERATIONS) {
		if ((c = fork()) == -1)
			break;
		if (c == 0) {
			sigprocmask(SIG_UNBLOCK, &set, NULL);
			for (;;)
				pause();
		}
		rounds++;
		pid = (int32_t)c;
		if (write(fd, &pid, sizeof(pid)) != sizeof(pid))
			break;
		atomic_store(&after, 0);
		atomic_store(&reaped, 0);
		atomic_store(&target, (int)c);
		if (waitpid(c, &st, 0) == c && WIFSIGNALED(st) &&
		    WTERMSIG(st) == SIGUSR2)
			reached++;
		atomic_store(&reaped, 1);
		/* The number is free now, and soon the recycler's. */
		while (atomic_load(&after) < AIM)
			sched_yield();
		total += atomic_load(&after);
		atomic_store(&target, 0);
	}
	atomic_store(&stop, 1);
	pthread_join(th, NULL);
	close(fd);
	fprintf(stderr, "killrace: %ld rounds, %ld calls after the reap\n",
	    rounds, total);
	say("delivered", reached == rounds ? "yes" : "no");
	say("aimed", total >= ITERATIONS ? "yes" : "no");
	return 0;
}
