/*
 * pidfd: pidfd_open(2) and pidfd_send_signal(2) (SPEC section 1).  Opening
 * a pidfd needs no privilege on the host; in a jail an outside process does
 * not exist.
 */
#include <sys/syscall.h>
#include <sys/wait.h>

#include <fcntl.h>
#include <signal.h>
#include <unistd.h>

#include "fixture.h"

#ifndef SYS_pidfd_open
#define SYS_pidfd_open		434
#endif
#ifndef SYS_pidfd_send_signal
#define SYS_pidfd_send_signal	424
#endif

static long
pidfd_open(pid_t pid, unsigned int flags)
{
	return syscall(SYS_pidfd_open, pid, flags);
}

static long
pidfd_signal(int fd, int sig)
{
	return syscall(SYS_pidfd_send_signal, fd, sig, NULL, 0);
}

int
main(void)
{
	pid_t	 outside = (pid_t)envnum("SJ_OUTSIDE"), c;
	long	 fd;
	int	 st;

	check("open-outside", (int)pidfd_open(outside, 0));
	check("open-parent", (int)pidfd_open(getppid(), 0));
	check("open-badflags", (int)pidfd_open(getpid(), 0x1234));
	fd = pidfd_open(getpid(), 0);
	check("open-self", (int)fd);
	say("open-cloexec", fd >= 0 && (fcntl((int)fd, F_GETFD) & FD_CLOEXEC) ?
	    "yes" : "no");
	check("send-self", (int)pidfd_signal((int)fd, 0));
	check("send-badfd", (int)pidfd_signal(-1, 0));
	check("send-notpidfd", (int)pidfd_signal(1, 0));

	if ((c = fork()) == 0) {
		for (;;)
			pause();
	}
	fd = pidfd_open(c, 0);
	check("open-child", (int)fd);
	if (pidfd_signal((int)fd, SIGTERM) == -1)
		check("send-child", -1);
	else
		say("send-child", waitpid(c, &st, 0) == c && WIFSIGNALED(st) &&
		    WTERMSIG(st) == SIGTERM ? "OK" : "no");
	check("send-reaped", (int)pidfd_signal((int)fd, 0));
	return 0;
}
