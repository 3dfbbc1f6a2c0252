/*
 * pidcalls: the Linux calls that read, trace or limit another process
 * (SPEC section 1): prlimit64, ptrace, process_vm_readv, kcmp, ioprio_get,
 * get_robust_list, move_pages.
 */
#include <sys/ptrace.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <sys/wait.h>

#include <linux/ioprio.h>
#include <linux/kcmp.h>
#include <signal.h>
#include <stdio.h>
#include <unistd.h>

#include "fixture.h"

static char	 probe[16];

static void
calls(const char *what, pid_t pid)
{
	struct iovec	 l = { probe, sizeof(probe) }, r = { probe, 1 };
	struct rlimit	 rl;
	char		 name[64];
	void		*head;
	size_t		 len;
	int		 status;

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
	/* SEIZE stops nothing; the tracee is released when we exit. */
	check(NAME("ptrace"), (int)ptrace(PTRACE_SEIZE, pid, 0, 0));
#undef NAME
}

int
main(void)
{
	pid_t	 c;
	int	 st;

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
