/*
 * pidrace: a pid recycled while it is being signalled (SPEC section 1).
 *
 * One thread signals the latest child with SIGUSR2 without pause, while the
 * main thread forks a child, names its pid to the harness's recycler (an
 * outside process, through the FIFO SJ_RECYCLE), and reaps it once the
 * signal has killed it.  The recycler takes the freed pid at once with
 * clone3(2)'s set_tid, so the signalling thread, still aiming at the old
 * number, now aims at an outside process.  On the host that process
 * receives the signal; in a jail a kill(2) that was checked while the child
 * lived must never reach it, however the decision and the delivery
 * straddle the reap.  The harness reports whether the recycler really took
 * pids (recycled) and whether any of its processes was signalled
 * (recycled-signalled).
 */
#include <sys/wait.h>

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "fixture.h"

#define ROUNDS	300

static atomic_int	 target, stop;

static void *
signaller(void *arg)
{
	pid_t	 t;

	(void)arg;
	while (!atomic_load(&stop))
		if ((t = (pid_t)atomic_load(&target)) > 0)
			(void)kill(t, SIGUSR2);
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
	int		 fd, i, st, reached = 0;

	if (fifo == NULL || (fd = open(fifo, O_WRONLY | O_CLOEXEC)) == -1) {
		say("delivered", "norecycler");
		return 0;
	}
	/* Only the children take SIGUSR2: this process never dies of it. */
	sigemptyset(&set);
	sigaddset(&set, SIGUSR2);
	sigprocmask(SIG_BLOCK, &set, NULL);
	if (pthread_create(&th, NULL, signaller, NULL) != 0) {
		say("delivered", "nothread");
		return 0;
	}
	for (i = 0; i < ROUNDS; i++) {
		if ((c = fork()) == -1)
			break;
		if (c == 0) {
			sigprocmask(SIG_UNBLOCK, &set, NULL);
			for (;;)
				pause();
		}
		pid = (int32_t)c;
		if (write(fd, &pid, sizeof(pid)) != sizeof(pid))
			break;
		atomic_store(&target, (int)c);
		if (waitpid(c, &st, 0) == c && WIFSIGNALED(st) &&
		    WTERMSIG(st) == SIGUSR2)
			reached++;
		/* The number is free now, and soon the recycler's; the
		 * signaller keeps aiming at it for a while. */
		usleep(2000);
	}
	atomic_store(&stop, 1);
	pthread_join(th, NULL);
	close(fd);
	say("delivered", reached == ROUNDS ? "yes" : "no");
	return 0;
}
