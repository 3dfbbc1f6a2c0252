/*
 * prlrace: pid recycling against the calls that change another process
 * and that no Landlock check covers (SPEC section 1): prlimit64(2),
 * setpriority(2), sched_setscheduler(2).
 *
 * killrace's race, for these calls: a sibling thread aims them without
 * pause at the pid of the latest jailed child (RLIMIT_NOFILE 77, nice 7,
 * SCHED_BATCH, in turn); the main thread forks the child, names its pid
 * to the harness's recycler (an outside process that takes each freed pid
 * with clone3's set_tid), checks that the calls reach the live child
 * ("reached"), kills and reaps it, and leaves the thread aiming at the
 * freed number, soon the recycler's, for AIM more calls.  Each recycled
 * process checks its own limit, nice value and class before it exits;
 * the harness reports whether any was changed (recycled-changed).  In a
 * jail none may be; bare, root's are.
 *
 * Also: SO_PEERPIDFD of an own socketpair (a member: a pidfd), and
 * SO_PASSPIDFD (refused in a jail, which would otherwise receive pidfds of
 * outside senders).
 */
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/wait.h>

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <sched.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "fixture.h"

#define ITERATIONS	20000
#define AIM		200
#define MAGIC		77
#define TAKE_MS		50

static long
ms(void)
{
	struct timespec	 ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static atomic_int	 target, stop;
static atomic_long	 after, calls;
static atomic_int	 reaped;

static void
aim(pid_t t, unsigned int k)
{
	struct rlimit		 rl = { MAGIC, MAGIC };
	struct sched_param	 sp = { 0 };

	switch (k % 3) {
	case 0:
		(void)syscall(SYS_prlimit64, t, RLIMIT_NOFILE, &rl, NULL);
		break;
	case 1:
		(void)setpriority(PRIO_PROCESS, (id_t)t, 7);
		break;
	default:
		(void)sched_setscheduler(t, SCHED_BATCH, &sp);
	}
}

static void *
aimer(void *arg)
{
	unsigned int	 k = 0;
	pid_t		 t;

	(void)arg;
	while (!atomic_load(&stop)) {
		if ((t = (pid_t)atomic_load(&target)) <= 0)
			continue;
		aim(t, k++);
		atomic_fetch_add(&calls, 1);
		if (atomic_load(&reaped))
			atomic_fetch_add(&after, 1);
	}
	return NULL;
}

/* Have all three calls reached the live child c? */
static int
changed(pid_t c)
{
	struct rlimit	 rl;

	errno = 0;
	return syscall(SYS_prlimit64, c, RLIMIT_NOFILE, NULL, &rl) == 0 &&
	    rl.rlim_cur == MAGIC && getpriority(PRIO_PROCESS, (id_t)c) == 7 &&
	    sched_getscheduler(c) == SCHED_BATCH;
}

static void
peer(void)
{
	socklen_t	 len = sizeof(int);
	int		 sv[2], fd = -1, one = 1;

	if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sv) == -1) {
		say("peerpidfd-own", errname(errno));
		return;
	}
	if (getsockopt(sv[0], SOL_SOCKET, 77 /* SO_PEERPIDFD */, &fd,
	    &len) == -1)
		say("peerpidfd-own", errname(errno));
	else
		say("peerpidfd-own", fd >= 0 && len == sizeof(int) &&
		    fcntl(fd, F_GETFD) != -1 ? "OK" : "garbled");
	if (setsockopt(sv[0], SOL_SOCKET, 76 /* SO_PASSPIDFD */, &one,
	    sizeof(one)) == -1)
		say("passpidfd", errname(errno));
	else
		say("passpidfd", "OK");
	close(sv[0]);
	close(sv[1]);
	if (fd >= 0)
		close(fd);
}

int
main(void)
{
	const char	*fifo = envstr("SJ_RECYCLE");
	pthread_t	 th;
	int32_t		 pid;
	pid_t		 c;
	long		 rounds = 0, reached = 0, total = 0, n, t0;
	int		 fd, i;

	peer();
	if (*fifo == '\0' || (fd = open(fifo, O_WRONLY | O_CLOEXEC)) == -1) {
		say("reached", "norecycler");
		return 0;
	}
	if (pthread_create(&th, NULL, aimer, NULL) != 0) {
		say("reached", "nothread");
		return 0;
	}
	while (total < ITERATIONS) {
		if ((c = fork()) == -1)
			break;
		if (c == 0)
			for (;;)
				pause();
		rounds++;
		pid = (int32_t)c;
		if (write(fd, &pid, sizeof(pid)) != sizeof(pid))
			break;
		atomic_store(&after, 0);
		atomic_store(&reaped, 0);
		n = atomic_load(&calls);
		atomic_store(&target, (int)c);
		/* Every call once on the live child, then until it shows. */
		for (i = 0; i < 100000 && (atomic_load(&calls) < n + 4 ||
		    !changed(c)); i++)
			sched_yield();
		if (changed(c))
			reached++;
		kill(c, SIGKILL);
		waitpid(c, NULL, 0);
		atomic_store(&reaped, 1);
		/*
		 * The number is free now, and soon the recycler's: AIM calls
		 * once it is (bare, kill(0) sees it taken), or once TAKE_MS
		 * have passed (in a jail the recycler's process does not
		 * exist), so that a loaded machine's slow recycler still
		 * meets the calls bare.
		 */
		t0 = ms();
		while (kill(c, 0) == -1 && ms() - t0 < TAKE_MS)
			sched_yield();
		atomic_store(&after, 0);
		while (atomic_load(&after) < AIM)
			sched_yield();
		total += atomic_load(&after);
		atomic_store(&target, 0);
	}
	atomic_store(&stop, 1);
	pthread_join(th, NULL);
	close(fd);
	fprintf(stderr, "prlrace: %ld rounds, %ld calls after the reap\n",
	    rounds, total);
	say("reached", reached == rounds ? "yes" : "no");
	say("aimed", total >= ITERATIONS ? "yes" : "no");
	return 0;
}
