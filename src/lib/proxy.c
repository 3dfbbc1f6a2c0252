/*
 * proxy.c: a call naming another process of the jail, performed by the
 * supervisor on a target that cannot be recycled meanwhile.
 *
 * Letting the kernel perform such a call (CONTINUE) after judging its pid
 * is a check followed by a second lookup: if the target is reaped in
 * between and an outside process takes its number, the kernel acts on
 * that process.  Landlock covers the calls that read or trace a process
 * (the ptrace access check); it has no hook for prlimit64, the sched_*
 * family or the priority calls.  So the supervisor performs them itself,
 * by pid, at a moment when the pid is known to name the member it judged:
 *
 *  - A call that changes the target (a setter) runs in a short-lived child
 *    H of the supervisor, which first attaches to the target task with
 *    PTRACE_SEIZE (which neither stops nor signals it).  A traced task
 *    that exits stays a zombie until its tracer waits for it, so from then
 *    on its number cannot be freed.  H then reads the target's /proc task
 *    directory, opened before the membership was established: if it still
 *    reads, the task was alive from before the check until after the
 *    attach, so the attach took that very task.  H performs the call, with
 *    the caller's credentials, and exits; the kernel detaches the target
 *    (and hands a zombie back to its parent) as H exits.
 *
 *  - A call that only reads (a getter) does no harm if it reads the wrong
 *    process: it is performed first, and the answer is kept only if the
 *    task directory still reads afterwards, else ESRCH.
 *
 * Credentials: the kernel checks the caller's against the target's for
 * some of these calls (prlimit64, the setters); H takes the caller's
 * uids, gids, groups and effective capabilities before the call, so that
 * the kernel's own check decides.  A getter the kernel does not check
 * runs in the supervisor itself, with no child.
 *
 * A target that is already traced (by a jailed debugger) cannot be held:
 * a setter aimed at it from another process is refused with EPERM.
 */
#include <sys/prctl.h>
#include <sys/ptrace.h>
#include <sys/syscall.h>
#include <sys/wait.h>

#include <errno.h>
#include <fcntl.h>
#include <linux/capability.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "sysjail_priv.h"
#include "supervisor.h"

/* H's exit statuses. */
#define PX_DONE		0
#define PX_NOPIN	10	/* PTRACE_SEIZE failed: already traced */
#define PX_GONE		11	/* the task was reaped before the attach */
#define PX_CRED		12	/* could not take the caller's credentials */

/*
 * The buffer a call's arguments and results live in: the supervisor is
 * one thread, answering one call at a time, and H shares its memory.
 */
static struct sj_shared	 shared;

struct sj_shared *
sj_shared_map(void)
{
	return &shared;
}

void
sj_shared_unmap(struct sj_shared *sh)
{
	(void)sh;
}

/*
 * The task tid of the held process t: a directory bound to that one task,
 * or -1 (ESRCH) if tid is not, or no longer, one of t's threads.
 */
int
sj_task_open(const struct sj_proc *t, pid_t tid)
{
	char	 path[32];
	int	 fd;

	snprintf(path, sizeof(path), "task/%d", (int)tid);
	if ((fd = openat(t->dirfd, path, O_RDONLY | O_DIRECTORY |
	    O_CLOEXEC)) == -1)
		errno = ESRCH;
	return fd;
}

/*
 * Takes the credentials me (ids, groups, effective capabilities); only in
 * a helper (sj_helper_run()).  Returns 0 or -1.
 */
int
sj_become(const struct sj_cred *me)
{
	struct __user_cap_header_struct	 h;
	struct __user_cap_data_struct	 d[2];

	/* Raw calls: H shares the supervisor's memory, and libc's state. */
	if (syscall(SYS_prctl, PR_SET_KEEPCAPS, 1, 0, 0, 0) == -1 ||
	    syscall(SYS_setgroups, (size_t)me->ngroups, me->groups) == -1 ||
	    syscall(SYS_setresgid, me->gid[0], me->gid[1], me->gid[2]) ==
	    -1 ||
	    syscall(SYS_setresuid, me->uid[0], me->uid[1], me->uid[2]) == -1)
		return -1;
	memset(&h, 0, sizeof(h));
	memset(d, 0, sizeof(d));
	h.version = _LINUX_CAPABILITY_VERSION_3;
	d[0].effective = d[0].permitted = (uint32_t)me->capeff;
	d[1].effective = d[1].permitted = (uint32_t)(me->capeff >> 32);
	return (int)syscall(SYS_capset, &h, d);
}

/* Is the task taskfd is bound to still unreaped? */
static int
alive(int taskfd)
{
	struct sj_pstat	 st;

	return sj_pstat_read(taskfd, &st) == 0;
}

/* What H is asked to do. */
struct job {
	int			 taskfd;
	pid_t			 tid;
	unsigned int		 flags;
	const struct sj_cred	*as;
	struct sj_shared	*sh;
	long			 nr;
	const long		*a;
};

/*
 * H: a child sharing the supervisor's memory (CLONE_VM), the supervisor
 * suspended until it exits (CLONE_VFORK): no copy of the supervisor's
 * address space, which under load costs milliseconds.  Its exit status
 * says how far it got.
 */
static int
helper(void *arg)
{
	struct job	*j = arg;

	if ((j->flags & SJ_PX_PIN) &&
	    syscall(SYS_ptrace, PTRACE_SEIZE, j->tid, 0, 0) == -1)
		return errno == ESRCH ? PX_GONE : PX_NOPIN;
	if (!alive(j->taskfd))
		return PX_GONE;
	if (j->as != NULL && sj_become(j->as) == -1)
		return PX_CRED;
	errno = 0;
	j->sh->ret = syscall(j->nr, j->a[0], j->a[1], j->a[2], j->a[3],
	    j->a[4], j->a[5]);
	j->sh->err = errno;
	return PX_DONE;
}

#define HSTACK	65536
static unsigned char	 hstack[HSTACK] __attribute__((aligned(16)));

/*
 * Runs fn(arg) in a helper H as above (CLONE_VM | CLONE_VFORK: no copy
 * of the supervisor, which waits) and returns H's exit status, or -1 with
 * errno if it could not run or did not exit.  H has credentials, a working
 * directory, a umask and a Landlock domain of its own: what it changes of
 * those never reaches the supervisor.  fn uses raw calls or
 * async-signal-safe ones only.
 */
int
sj_helper_run(int (*fn)(void *), void *arg)
{
	pid_t	 pid;
	int	 st, save = errno;

	if ((pid = clone(fn, hstack + HSTACK, CLONE_VM | CLONE_VFORK | SIGCHLD,
	    arg)) == -1)
		return -1;
	while (waitpid(pid, &st, __WALL) == -1)
		if (errno != EINTR)
			return -1;
	if (!WIFEXITED(st)) {
		errno = EIO;
		return -1;
	}
	errno = save;
	return WEXITSTATUS(st);
}

/*
 * Performs system call nr (x86_64 number) with arguments a, which name the
 * task tid held by taskfd (see above), and leaves its result in sh->ret and
 * sh->err.  SJ_PX_PIN holds the target first (a setter); as, if not NULL,
 * are the credentials to perform it with.  Returns 0, or -1 with errno
 * ESRCH (the target is gone), EPERM (it cannot be held) or a system error;
 * the call was then not performed on anyone else.
 */
int
sj_proxy(int taskfd, pid_t tid, unsigned int flags, const struct sj_cred *as,
    struct sj_shared *sh, long nr, const long a[6])
{
	struct job	 j = { taskfd, tid, flags, as, sh, nr, a };
	int		 st;

	sh->ret = -1;
	sh->err = 0;
	if (!(flags & SJ_PX_PIN) && as == NULL) {
		errno = 0;
		sh->ret = syscall(nr, a[0], a[1], a[2], a[3], a[4], a[5]);
		sh->err = errno;
	} else {
		if ((st = sj_helper_run(helper, &j)) == -1)
			return -1;
		switch (st) {
		case PX_DONE:
			break;
		case PX_GONE:
			errno = ESRCH;
			return -1;
		default:		/* PX_NOPIN, PX_CRED */
			errno = EPERM;
			return -1;
		}
		if (flags & SJ_PX_PIN)
			return 0;	/* performed while held */
	}
	/* A getter: its answer is the target's if the target outlived it. */
	if (!alive(taskfd)) {
		errno = ESRCH;
		return -1;
	}
	return 0;
}
