/*
 * reach: the jail's own machinery as a target (A16).  The keeper, the
 * supervisor (which holds the seccomp listener) and the jail(1) process
 * are outside the jail; they were forked just before this fixture, so
 * their pids lie a little below its own.  The fixture aims every call that
 * reaches into another process at each pid of a window below its own and
 * at its parent (jailed, the spawner) and the parent's parent when procfs
 * shows it (jailed root: the supervisor): signal 0, pidfd_open,
 * process_vm_readv, kcmp, capget, getsid, /proc/<pid>, and ptrace (which
 * attaches, so it is aimed only at processes of the parent's session, or
 * at those whose session cannot be read).  A probe's token is "held" when
 * every one of these pids was ESRCH (for procfs: absent), "reached"
 * otherwise.  Jailed, nothing outside exists; bare, the parent answers.
 *
 * Then the path no supervisor sees: open(2) of /proc/<parent>/mem for
 * writing, decided by the kernel alone (spawner-mem: "reached" if it
 * opens; jailed, the spawner must be out of reach: its Landlock domain is
 * an ancestor of the jail's, so hidepid=ptraceable hides it).  And the
 * mechanism itself, in every mode: a child of ours in our own domain
 * opens our mem (same-domain, reached wherever the host lets a process
 * write its parent's memory), one that entered a nested Landlock domain
 * first cannot (nested-domain, held), as no jailed process can reach the
 * spawner.
 */
#include <sys/prctl.h>
#include <sys/ptrace.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <sys/wait.h>

#include <errno.h>
#include <fcntl.h>
#include <linux/capability.h>
#include <linux/kcmp.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "fixture.h"

#define WINDOW	256

enum { KILL0, PIDFD, VMREAD, KCMP, CAPGET, GETSID, PROCFS, PTRACE, NPROBE };
static const char *const names[NPROBE] = {
	"kill", "pidfd-open", "vm-read", "kcmp", "capget", "getsid",
	"procfs", "ptrace"
};
static int	reached[NPROBE];
static char	buf[8];

/* Did a call on another process find it?  Only ESRCH says it did not. */
static void
mark(int i, long r)
{
	if (r >= 0 || errno != ESRCH)
		reached[i] = 1;
}

static void
probe(pid_t p, pid_t sid, int inside)
{
	struct __user_cap_header_struct	 h = { _LINUX_CAPABILITY_VERSION_3, 0 };
	struct __user_cap_data_struct	 d[2];
	struct iovec			 l = { buf, 1 }, r = { buf, 1 };
	struct stat			 sb;
	char				 path[32];
	long				 v;
	pid_t				 s;

	mark(KILL0, kill(p, 0));
	mark(PIDFD, v = syscall(SYS_pidfd_open, p, 0));
	if (v >= 0)
		close((int)v);
	mark(VMREAD, syscall(SYS_process_vm_readv, p, &l, 1, &r, 1, 0));
	mark(KCMP, syscall(SYS_kcmp, getpid(), p, KCMP_VM, 0, 0));
	h.pid = p;
	mark(CAPGET, syscall(SYS_capget, &h, d));
	mark(GETSID, s = getsid(p));
	/* The parent, jailed, is the jail's own spawner: root sees it. */
	snprintf(path, sizeof(path), "proc/%d", (int)p);
	if (!inside && stat(path, &sb) == 0)
		reached[PROCFS] = 1;
	/* SEIZE stops nothing; the tracee is released when we exit. */
	if (s == -1 || s == sid)
		mark(PTRACE, ptrace(PTRACE_SEIZE, p, 0, 0));
}

/* The parent of p as procfs shows it, or 0. */
static pid_t
parentof(pid_t p)
{
	char	 path[32];
	FILE	*f;
	int	 pp = 0;

	snprintf(path, sizeof(path), "proc/%d/stat", (int)p);
	if ((f = fopen(path, "r")) == NULL)
		return 0;
	if (fscanf(f, "%*d (%*[^)]) %*c %d", &pp) != 1)
		pp = 0;
	fclose(f);
	return (pid_t)pp;
}

/* Can a process open /proc/<p>/mem for writing? */
static const char *
memopen(pid_t p)
{
	char	 path[32];
	int	 fd;

	snprintf(path, sizeof(path), "proc/%d/mem", (int)p);
	if ((fd = open(path, O_RDWR | O_CLOEXEC)) == -1)
		return "held";
	close(fd);
	return "reached";
}

#define LL_MAKE_BLOCK	(1ULL << 11)	/* LANDLOCK_ACCESS_FS_MAKE_BLOCK */

/*
 * A child that (nested) enters a Landlock domain of its own, then tries
 * our mem; its verdict is its exit status: 0 reached, 1 held, 2 no
 * Landlock.
 */
static const char *
childmem(int nested)
{
	unsigned long long	 attr = LL_MAKE_BLOCK;
	pid_t			 me = getpid(), c;
	long			 fd;
	int			 st;

	if ((c = fork()) == -1)
		return "fork-failed";
	if (c == 0) {
		if (nested) {
			if ((fd = syscall(SYS_landlock_create_ruleset, &attr,
			    sizeof(attr), 0)) == -1)
				_exit(2);
			if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) == -1 ||
			    syscall(SYS_landlock_restrict_self, (int)fd, 0) ==
			    -1)
				_exit(3);
		}
		_exit(memopen(me)[0] == 'r' ? 0 : 1);
	}
	if (waitpid(c, &st, 0) == -1 || !WIFEXITED(st))
		return "lost";
	switch (WEXITSTATUS(st)) {
	case 0:
		return "reached";
	case 1:
		return "held";
	case 2:
		return NULL;
	default:
		return "restrict-failed";
	}
}

int
main(void)
{
	const char	*t;

	pid_t	 self = getpid(), pp = getppid(), gp, sid, p;
	int	 i;

	sid = getsid(pp);
	gp = parentof(pp);
	probe(pp, sid, 1);
	if (gp > 0)
		probe(gp, sid, 0);
	/*
	 * A sibling, jailed, is of the jail's own domain: the spawner's
	 * nursery, which forks every jailed command (spawner.c), is one.
	 */
	for (p = self - 1; p > 1 && p >= self - WINDOW; p--)
		if (p != pp && p != gp && parentof(p) != pp)
			probe(p, sid, 0);
	for (i = 0; i < NPROBE; i++)
		say(names[i], reached[i] ? "reached" : "held");
	say("spawner-mem", memopen(pp));
	say("same-domain", childmem(0));
	if ((t = childmem(1)) == NULL)
		skip("nested-domain", "no Landlock in this kernel");
	else
		say("nested-domain", t);
	return 0;
}
