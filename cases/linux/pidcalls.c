/*
 * pidcalls: the Linux calls that read, trace or limit another process
 * (SPEC section 1): prlimit64, ptrace, process_vm_readv, kcmp, ioprio_get,
 * get_robust_list, move_pages, capget, pidfd_getfd.
 */
#include <sys/ptrace.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <sys/wait.h>

#include <errno.h>
#include <linux/capability.h>
#include <linux/ioprio.h>
#include <linux/kcmp.h>
#include <signal.h>
#include <stdio.h>
#include <unistd.h>

#include "fixture.h"

static char	 probe[16];

static int
capget(pid_t pid)
{
	struct __user_cap_header_struct	 h = { _LINUX_CAPABILITY_VERSION_3, 0 };
	struct __user_cap_data_struct	 d[2];

	h.pid = pid;
	return (int)syscall(SYS_capget, &h, d);
}

/* pidfd_getfd of the process's standard input; -1 with errno if no
 * pidfd of it can be had at all. */
static int
getfd(pid_t pid)
{
	int	 pfd, fd, e;

	if ((pfd = (int)syscall(SYS_pidfd_open, pid, 0)) == -1)
		return -1;
	fd = (int)syscall(SYS_pidfd_getfd, pfd, 0, 0);
	e = errno;
	close(pfd);
	if (fd != -1)
		close(fd);
	errno = e;
	return fd == -1 ? -1 : 0;
}

static void
calls(const char *what, pid_t pid)
{
	struct iovec	 l = { probe, sizeof(probe) }, r = { probe, 1 };
	struct rlimit	 rl;
	char		 name[64];
	void		*head;
	size_t		 len;
	int		 status, prio;

#define NAME(s)	(snprintf(name, sizeof(name), "%s-%s", (s), what), name)
	check(NAME("prlimit"), (int)syscall(SYS_prlimit64, pid, RLIMIT_NOFILE,
	    NULL, &rl));
	check(NAME("ioprio"), (int)syscall(SYS_ioprio_get, IOPRIO_WHO_PROCESS,
	    pid));
	check(NAME("robust"), (int)syscall(SYS_get_robust_list, pid, &head,
	    &len));
	check(NAME("kcmp"), (int)syscall(SYS_kcmp, getpid(), pid, KCMP_VM, 0,
	    0));
	check(NAME("move-pages"), (int)syscall(SYS_move_pages, pid, 0, NULL,
	    NULL, &status, 0));
	check(NAME("vm-read"), (int)syscall(SYS_process_vm_readv, pid, &l, 1,
	    &r, 1, 0));
	/* Into the same address: unmapped in a process that is not a fork
	 * of ours, so the host's answer is EFAULT and nothing is written. */
	check(NAME("vm-write"), (int)syscall(SYS_process_vm_writev, pid, &l, 1,
	    &r, 1, 0));
	check(NAME("migrate"), (int)syscall(SYS_migrate_pages, pid, 0, NULL,
	    NULL));
	prio = (int)syscall(SYS_ioprio_get, IOPRIO_WHO_PROCESS, pid);
	check(NAME("ioprio-set"), (int)syscall(SYS_ioprio_set,
	    IOPRIO_WHO_PROCESS, pid, prio < 0 ? 0 : prio));
	/* SEIZE stops nothing; the tracee is released when we exit. */
	check(NAME("capget"), capget(pid));
	check(NAME("getfd"), getfd(pid));
	/* SEIZE stops nothing; the tracee is released when we exit. */
	check(NAME("ptrace"), (int)ptrace(PTRACE_SEIZE, pid, 0, 0));
#undef NAME
}

/* The calls' own errors, and the caller itself. */
static void
own(void)
{
	struct __user_cap_header_struct	 h = { 0x12345678, 0 };
	struct __user_cap_data_struct	 d[2];
	int				 pfd;

	check("capget-self", capget(0));
	check("capget-badversion", (int)syscall(SYS_capget, &h, d));
	say("capget-version", h.version == _LINUX_CAPABILITY_VERSION_3 ?
	    "yes" : "no");
	check("capget-fault", (int)syscall(SYS_capget, (void *)8, d));
	check("capget-negative", capget(-5));
	check("getfd-self", getfd(getpid()));
	check("getfd-badfd", (int)syscall(SYS_pidfd_getfd, 999, 0, 0));
	check("getfd-notpidfd", (int)syscall(SYS_pidfd_getfd, 1, 0, 0));
	pfd = (int)syscall(SYS_pidfd_open, getpid(), 0);
	check("getfd-flags", (int)syscall(SYS_pidfd_getfd, pfd, 0, 1));
	close(pfd);
}

int
main(void)
{
	pid_t	 c;
	int	 st;

	own();
	calls("outside", (pid_t)envnum("SJ_OUTSIDE"));
	calls("parent", getppid());	/* jailed: the supervisor */
	if ((c = fork()) == 0) {
		for (;;)
			pause();
	}
	calls("child", c);
	kill(c, SIGKILL);
	waitpid(c, &st, 0);
	return 0;
}
