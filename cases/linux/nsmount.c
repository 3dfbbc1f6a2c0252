/*
 * nsmount: new namespaces and the new mount API, really attempted (A13,
 * A14), where priv only asks with arguments that fail.  clone3(2) keeps
 * its flags in memory, out of the filter's reach, so the jail answers it
 * ENOSYS and C libraries fall back to clone(2), whose flags are in a
 * register the filter judges (on the 32 bits the kernel uses).  The mount
 * API makes and attaches a tmpfs, clones a tree, changes its attributes
 * and picks a superblock.  Jailed, all refused; bare, root succeeds, inside
 * sjtest's private mount namespace, and undoes what it did.
 */
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>

#include <errno.h>
#include <fcntl.h>
#include <linux/mount.h>
#include <linux/sched.h>
#include <pthread.h>
#include <sched.h>
#include <signal.h>
#include <stdint.h>
#include <string.h>
#include <unistd.h>

#include "fixture.h"

#define MNT	"tmp/nsmount"

/* A child made with these flags, which exits at once. */
static int
cloned(unsigned long flags)
{
	long	 r;
	int	 st;

	r = syscall(SYS_clone, flags | SIGCHLD, 0, 0, 0, 0);
	if (r == 0)
		_exit(0);
	if (r > 0)
		waitpid((pid_t)r, &st, 0);
	return (int)r;
}

static int
cloned3(uint64_t flags)
{
	struct clone_args	 ca;
	long			 r;
	int			 st;

	memset(&ca, 0, sizeof(ca));
	ca.flags = flags;
	ca.exit_signal = SIGCHLD;
	r = syscall(SYS_clone3, &ca, sizeof(ca));
	if (r == 0)
		_exit(0);
	if (r > 0)
		waitpid((pid_t)r, &st, 0);
	return (int)r;
}

/* unshare(2) in a child, which reports its errno as its exit status. */
static int
unshared(unsigned long flags)
{
	pid_t	 p;
	int	 st;

	if ((p = fork()) == 0)
		_exit(syscall(SYS_unshare, flags) == 0 ? 0 : errno);
	if (p == -1 || waitpid(p, &st, 0) != p || !WIFEXITED(st))
		return -1;
	errno = WEXITSTATUS(st);
	return errno ? -1 : 0;
}

static void *
nothing(void *arg)
{
	return arg;
}

static unsigned long
high(unsigned long f)
{
#if defined(__x86_64__)
	return f | (uint64_t)1 << 32;
#else
	return f;
#endif
}

int
main(void)
{
	struct mount_attr	 ma;
	pthread_t		 t;
	int			 fs, m, tree, r;

	check("clone3", cloned3(0));
	check("clone3-newuser", cloned3(CLONE_NEWUSER));
	check("clone3-newns", cloned3(CLONE_NEWNS));
	/* glibc makes threads with clone3 and falls back on ENOSYS. */
	check("thread", -(pthread_create(&t, NULL, nothing, NULL) != 0));
	pthread_join(t, NULL);
	check("clone-newuser", cloned(CLONE_NEWUSER));
	check("clone-newuser-newns", cloned(CLONE_NEWUSER | CLONE_NEWNS));
	check("clone-newnet", cloned(CLONE_NEWNET));
	check("clone-newpid", cloned(CLONE_NEWPID));
	check("clone-newipc", cloned(CLONE_NEWIPC));
	check("clone-newcgroup", cloned(CLONE_NEWCGROUP));
	check("clone-newuser-high", cloned(high(CLONE_NEWUSER)));
	check("unshare-newuser", unshared(CLONE_NEWUSER));
	check("unshare-newns", unshared(CLONE_NEWNS));
	check("unshare-newtime", unshared(CLONE_NEWTIME));

	/* The new mount API, for real. */
	fs = (int)syscall(SYS_fsopen, "tmpfs", FSOPEN_CLOEXEC);
	check("fsopen-tmpfs", fs);
	if (fs >= 0)
		(void)syscall(SYS_fsconfig, fs, FSCONFIG_CMD_CREATE, NULL,
		    NULL, 0);
	m = (int)syscall(SYS_fsmount, fs, FSMOUNT_CLOEXEC, 0);
	check("fsmount", m);
	mkdir(MNT, 0755);
	r = (int)syscall(SYS_move_mount, m, "", AT_FDCWD, MNT,
	    MOVE_MOUNT_F_EMPTY_PATH);
	check("move_mount", r);
	if (r == 0)
		umount2(MNT, MNT_DETACH);
	rmdir(MNT);
	tree = (int)syscall(SYS_open_tree, AT_FDCWD, "tmp", OPEN_TREE_CLONE |
	    OPEN_TREE_CLOEXEC);
	check("open_tree", tree);
	memset(&ma, 0, sizeof(ma));
	ma.attr_set = MOUNT_ATTR_RDONLY;
	check("mount_setattr", (int)syscall(SYS_mount_setattr, tree, "",
	    AT_EMPTY_PATH, &ma, sizeof(ma)));
	r = (int)syscall(SYS_fspick, AT_FDCWD, "proc", FSPICK_CLOEXEC);
	check("fspick", r);
	if (r >= 0)
		close(r);
	if (tree >= 0)
		close(tree);
	if (m >= 0)
		close(m);
	if (fs >= 0)
		close(fs);
	return 0;
}
