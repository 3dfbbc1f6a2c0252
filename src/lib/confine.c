/*
 * confine.c: the kernel's own backstops, applied by the command to itself
 * before it executes: the capability bounding set, Landlock and the
 * seccomp filter (and no_new_privs where set-user-ID programs grant
 * nothing).  Each of these holds even if the supervisor
 * answers wrongly or is gone.  None of them prints; each returns -1 with
 * errno on failure and the caller reports the stage.
 */
#include <sys/mount.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/sysmacros.h>

#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <linux/capability.h>
#include <linux/openat2.h>
#include <string.h>
#include <unistd.h>

#include "sysjail_priv.h"

/*
 * What jailed root keeps, and why (FreeBSD's jailed root may do these):
 * owning and moving its own files (CHOWN, DAC_OVERRIDE, FOWNER, FSETID),
 * signalling the jail's processes of other users (KILL; the supervisor still
 * confines it), changing identity (SETGID, SETUID, SETPCAP to drop more),
 * binding reserved ports on its own address (NET_BIND_SERVICE), locking
 * memory and raising limits (IPC_LOCK, SYS_RESOURCE), audit messages
 * (AUDIT_WRITE), and file capabilities, which grant nothing beyond this
 * set (SETFCAP).  Not LEASE: a lease on a file it does not own
 * would stall the host's opens of it (the filter refuses F_SETLEASE
 * anyway).  Everything else (SYS_ADMIN,
 * SYS_TIME, SYS_MODULE, SYS_RAWIO, NET_ADMIN, NET_RAW, SYS_NICE, MKNOD,
 * DAC_READ_SEARCH, SYS_CHROOT, SYS_BOOT, ...) is gone, so a call
 * the filter misses still meets the kernel's EPERM.
 */
#define KEEP(c)		(1ULL << (c))
static const uint64_t keepcaps = KEEP(CAP_CHOWN) | KEEP(CAP_DAC_OVERRIDE) |
    KEEP(CAP_FOWNER) | KEEP(CAP_FSETID) | KEEP(CAP_KILL) | KEEP(CAP_SETGID) |
    KEEP(CAP_SETUID) | KEEP(CAP_SETPCAP) | KEEP(CAP_NET_BIND_SERVICE) |
    KEEP(CAP_IPC_LOCK) | KEEP(CAP_SYS_RESOURCE) | KEEP(CAP_AUDIT_WRITE) |
    KEEP(CAP_SETFCAP);

/*
 * SYS_PTRACE stays only under Landlock, whose domain confines every ptrace
 * access check (ptrace, process_vm_*, kcmp, /proc/PID) to the jail's own
 * processes: jailed root may then debug, and see in its procfs, the jail's
 * processes of other users, as FreeBSD's jailed root may.
 */
uint64_t
sj_keepcaps(void)
{
	return keepcaps | (sj_landlock_abi() > 0 ? KEEP(CAP_SYS_PTRACE) : 0);
}

/* What sj_confine_caps() left, CAP_SYS_ADMIN apart: for dropadmin. */
static uint64_t kept;

/*
 * Drops from the bounding set, the ambient and inheritable sets, and the
 * permitted and effective sets every capability jailed root does not keep.
 * Must run while still root (dropping from the bounding set needs SETPCAP).
 * With admin, CAP_SYS_ADMIN stays permitted and effective, though gone
 * from the bounding set, so that no program executed can have it: the
 * spawner installs its Landlock domain and filter with it, without
 * no_new_privs, and drops it (sj_confine_dropadmin()) before any jailed
 * command exists.
 */
int
sj_confine_caps(int admin)
{
	struct __user_cap_header_struct	 h;
	struct __user_cap_data_struct	 d[2];
	uint64_t			 keep = sj_keepcaps();
	int				 c;

	for (c = 0; c < 64; c++) {
		if (prctl(PR_CAPBSET_READ, c, 0, 0, 0) == -1)
			break;		/* past the kernel's last capability */
		if (!(keep & KEEP(c)) &&
		    prctl(PR_CAPBSET_DROP, c, 0, 0, 0) == -1)
			return -1;
	}
	if (prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_CLEAR_ALL, 0, 0, 0) == -1 &&
	    errno != EINVAL)
		return -1;
	if (admin)
		keep |= KEEP(CAP_SYS_ADMIN);
	memset(&h, 0, sizeof(h));
	h.version = _LINUX_CAPABILITY_VERSION_3;
	if (syscall(SYS_capget, &h, d) == -1)
		return -1;
	d[0].effective &= (uint32_t)keep;
	kept = ((uint64_t)d[1].permitted << 32 | d[0].permitted) & keep &
	    ~KEEP(CAP_SYS_ADMIN);
	d[0].permitted &= (uint32_t)keep;
	d[1].effective &= (uint32_t)(keep >> 32);
	d[1].permitted &= (uint32_t)(keep >> 32);
	d[0].inheritable = d[1].inheritable = 0;
	return (int)syscall(SYS_capset, &h, d);
}

/*
 * After sj_confine_caps(1): the permitted and effective sets become what
 * that left, CAP_SYS_ADMIN gone for good.  capset(2) alone (the
 * filter is in place by then, and it notifies capget(2)).
 */
int
sj_confine_dropadmin(void)
{
	struct __user_cap_header_struct	 h;
	struct __user_cap_data_struct	 d[2];
	uint64_t			 keep = kept;

	memset(&h, 0, sizeof(h));
	memset(d, 0, sizeof(d));
	h.version = _LINUX_CAPABILITY_VERSION_3;
	d[0].effective = d[0].permitted = (uint32_t)keep;
	d[1].effective = d[1].permitted = (uint32_t)(keep >> 32);
	return (int)syscall(SYS_capset, &h, d);
}

/*
 * No priority beyond what FreeBSD gives jailed root: RLIMIT_NICE and
 * RLIMIT_RTPRIO at 0, so that without CAP_SYS_NICE the kernel refuses a
 * lower nice value (EACCES) and a realtime class (EPERM).  The filter and
 * the prlimit64 handler keep them there.
 */
int
sj_confine_rlimits(void)
{
	struct rlimit	 zero = { 0, 0 };

	if (setrlimit(RLIMIT_NICE, &zero) == -1 ||
	    setrlimit(RLIMIT_RTPRIO, &zero) == -1)
		return -1;
	return 0;
}

/* The running kernel's Landlock ABI, 0 if it has none. */
int
sj_landlock_abi(void)
{
	int	 abi;

	abi = (int)syscall(SYS_landlock_create_ruleset, NULL, 0,
	    LANDLOCK_CREATE_RULESET_VERSION);
	return abi < 0 ? 0 : abi;
}

/*
 * Does the jail's domain scope signals (ABI 6, Linux 6.12)?  Then the
 * kernel refuses, at delivery, every signal from a jailed process to a
 * process outside the domain, whatever a pid names by then.
 */
int
sj_landlock_sigscope(void)
{
	return sj_landlock_abi() >= 6;
}

/*
 * A Landlock domain for the jail, entered by the spawner once it is in the
 * jail's root (so "/" is the jail's root).  Any domain confines ptrace(2),
 * process_vm_readv(2) and /proc/PID to processes inside it (ABI 1).  Its
 * file system rules are the backstop under chroot(2): every access right
 * the kernel knows is handled, and all of them but creating device nodes
 * are granted beneath the jail's root, so that nothing outside the root
 * can be read, written, executed or linked to even if a descriptor or a
 * path ever led there.  Handling REFER (ABI 2) keeps links and renames
 * across directories working inside.  Device ioctls (ABI 5, Linux 6.10)
 * are granted only beneath the jail's own /dev when devfs says it has one,
 * else nowhere (every other mount of the jail is nodev anyway,
 * sj_rofs_apply()); descriptors opened before, such as the jail's
 * terminal, keep theirs.  From ABI 6
 * (Linux 6.12) signals and abstract AF_UNIX connections cannot leave the
 * domain either.  A kernel without Landlock is not an error: the
 * supervisor's answers and the dropped capabilities still hold there.
 */
static int
llrule(int fd, const char *path, uint64_t access)
{
	struct sj_landlock_path_beneath_attr	 pb;
	int					 r, save;

	memset(&pb, 0, sizeof(pb));
	pb.allowed_access = access;
	if ((pb.parent_fd = open(path, O_PATH | O_DIRECTORY | O_NOFOLLOW |
	    O_CLOEXEC)) == -1)
		return -1;
	r = (int)syscall(SYS_landlock_add_rule, fd, SJ_LL_RULE_PATH_BENEATH,
	    &pb, 0);
	save = errno;
	close(pb.parent_fd);
	errno = save;
	return r;
}

int
sj_confine_landlock(int devfs)
{
	struct sj_landlock_ruleset_attr		 a;
	uint64_t				 all;
	size_t					 size;
	int					 abi, fd, r, save;

	if ((abi = sj_landlock_abi()) == 0)
		return 0;
	memset(&a, 0, sizeof(a));
	a.handled_access_fs = SJ_LL_ACCESS_FS_ABI1;
	if (abi >= 2)
		a.handled_access_fs |= SJ_LL_ACCESS_FS_REFER;
	if (abi >= 3)
		a.handled_access_fs |= SJ_LL_ACCESS_FS_TRUNCATE;
	if (abi >= 5)
		a.handled_access_fs |= SJ_LL_ACCESS_FS_IOCTL_DEV;
	size = offsetof(struct sj_landlock_ruleset_attr, handled_access_net);
	if (sj_landlock_sigscope()) {
		a.scoped = SJ_LL_SCOPE_SIGNAL |
		    SJ_LL_SCOPE_ABSTRACT_UNIX_SOCKET;
		size = sizeof(a);
	}
	if ((fd = (int)syscall(SYS_landlock_create_ruleset, &a, size, 0)) ==
	    -1)
		return -1;
	all = a.handled_access_fs &
	    ~(SJ_LL_ACCESS_FS_MAKE_CHAR | SJ_LL_ACCESS_FS_MAKE_BLOCK);
	if (llrule(fd, "/", all & ~SJ_LL_ACCESS_FS_IOCTL_DEV) == -1 ||
	    (devfs && (all & SJ_LL_ACCESS_FS_IOCTL_DEV) &&
	    llrule(fd, "/dev", all) == -1))
		goto fail;
	r = (int)syscall(SYS_landlock_restrict_self, fd, 0);
	save = errno;
	close(fd);
	errno = save;
	return r;
fail:
	save = errno;
	close(fd);
	errno = save;
	return -1;
}

/*
 * Installs the filter and returns the new listener.  WAIT_KILLABLE_RECV
 * (Linux 5.19) holds non-fatal signals back once the supervisor has taken a
 * notification, so that a call it performed is never retried by a restart.
 */
int
sj_confine_filter(const struct sj_filter *f)
{
	struct sock_fprog	 prog;
	int			 fd;

	prog.len = (unsigned short)f->len;
	prog.filter = f->insns;
	fd = (int)syscall(SYS_seccomp, SECCOMP_SET_MODE_FILTER,
	    SECCOMP_FILTER_FLAG_NEW_LISTENER |
	    SECCOMP_FILTER_FLAG_WAIT_KILLABLE_RECV, &prog);
	if (fd == -1 && errno == EINVAL)
		fd = (int)syscall(SYS_seccomp, SECCOMP_SET_MODE_FILTER,
		    SECCOMP_FILTER_FLAG_NEW_LISTENER, &prog);
	return fd;
}

/*
 * The kernel's own interfaces under the jail's root are read-only for the
 * jail.  A root of "/" (or an administrator's mount of /sys or /proc below
 * the root) would otherwise let jailed root, which keeps CAP_DAC_OVERRIDE,
 * write sysctls (kernel.core_pattern runs a program as host root),
 * /proc/sysrq-trigger, or the cgroup files that hold it under netbpf.c's
 * programs.  The command makes them read-only in a mount namespace of its
 * own; mount(2) and umount(2) are refused to it, so it cannot undo that.
 */
static const char *const pseudofs[] = {
	"sysfs", "cgroup", "cgroup2", "debugfs", "tracefs", "securityfs",
	"bpf", "configfs", "pstore", "efivarfs", "fusectl", "binfmt_misc",
	NULL
};

/* The writable parts of a procfs that reach beyond the jail. */
static const char *const procparts[] = {
	"/sys", "/sysrq-trigger", "/irq", "/bus", "/fs", "/acpi", NULL
};

static int
addro(struct sj_rolist *l, const char *path, enum sj_rokind kind)
{
	struct sj_romount	*n;

	if ((n = realloc(l->v, (l->n + 1) * sizeof(*n))) == NULL)
		return -1;
	l->v = n;
	if ((l->v[l->n].path = strdup(path)) == NULL)
		return -1;
	l->v[l->n].kind = kind;
	l->n++;
	return 0;
}

/* A procfs at rel: the jail's own, then its writable parts read-only. */
static int
addproc(struct sj_rolist *l, const char *rel)
{
	char	 sub[4200];
	int	 i;

	if (addro(l, rel, SJ_RO_PROCFS) == -1)
		return -1;
	for (i = 0; procparts[i] != NULL; i++) {
		snprintf(sub, sizeof(sub), "%s%s", strcmp(rel, "/") ? rel : "",
		    procparts[i]);
		if (addro(l, sub, SJ_RO_BIND) == -1)
			return -1;
	}
	return 0;
}

/*
 * A procfs reachable in the jail is replaced, in the command's mount
 * namespace, by a procfs of its own mounted with hidepid=ptraceable (Linux
 * 5.8): /proc/PID exists only for processes the reader may ptrace(2).  The
 * Landlock domain (ABI 1) refuses ptrace access to every process outside
 * it, so a jailed process sees exactly the jail's processes (those of its
 * own uid, or all of them for jailed root, which keeps CAP_SYS_PTRACE for
 * this when Landlock is there); /proc/PID of the supervisor, of the host
 * and of other jails is ENOENT, and absent from listings.  Without Landlock
 * the same mount would show the host's processes of the reader's uid, so an
 * empty read-only directory takes the procfs's place instead.
 */
static const char *const procopts[] = { "hidepid", "ptraceable", NULL };

/* An empty tmpfs's options, mode octal. */
#define emptyopts(mode)	((const char *const []){ "mode", #mode, NULL })

struct findctx {
	const char	*root;
	size_t		 rl;
	struct sj_rolist *l;
	int		 haveproc;
};

/* One mount of the host's table: is it a pseudo-filesystem in the root? */
static int
findone(const struct sj_mount *m, void *arg)
{
	struct findctx	*x = arg;
	char		 rel[4096];
	int		 i;

	if (strcmp(x->root, "/") == 0)
		snprintf(rel, sizeof(rel), "%s", m->path);
	else if (strncmp(m->path, x->root, x->rl) == 0 &&
	    (m->path[x->rl] == '/' || m->path[x->rl] == '\0'))
		snprintf(rel, sizeof(rel), "%s", m->path[x->rl] ?
		    m->path + x->rl : "/");
	else
		return 0;
	if (strcmp(m->type, "proc") == 0) {
		if (strcmp(rel, "/proc") == 0)
			x->haveproc = 1;
		return addproc(x->l, rel) == -1 ? -1 : 0;
	}
	for (i = 0; pseudofs[i] != NULL; i++)
		if (strcmp(m->type, pseudofs[i]) == 0)
			return addro(x->l, rel, SJ_RO_REMOUNT) == -1 ? -1 : 0;
	return 0;
}

/*
 * Finds, in the host's view, the pseudo-filesystem mounts reachable from
 * root, as paths relative to it.  With SYSJAIL_MOUNT_PROCFS in flags, the
 * jail gets a procfs at /proc even where none is mounted.  Each registry
 * of hide (NULL-terminated), a directory whose real path lies under root,
 * is covered by an empty one: jailed root, which keeps CAP_DAC_OVERRIDE,
 * can neither read nor change any jail's record.  Unless SYSJAIL_NODEVFS
 * is in flags,
 * the jail's /dev is a device file system of its own (devfs()).  Run
 * before chroot.
 */
int
sj_rofs_find(const char *root, int flags, char *const *hide,
    struct sj_rolist *l)
{
	struct findctx	 x = { root, strlen(root), l, 0 };
	char		 rel[4096];
	const char	*p;
	size_t		 rl = x.rl, i;

	memset(l, 0, sizeof(*l));
	if (sj_mounts(findone, &x) != 0)
		return -1;
	if ((flags & SYSJAIL_MOUNT_PROCFS) && !x.haveproc &&
	    addproc(l, "/proc") == -1)
		return -1;
	for (; hide != NULL && *hide != NULL; hide++) {
		if (realpath(*hide, rel) == NULL)
			continue;
		if (strcmp(root, "/") == 0)
			p = rel;
		else if (strncmp(rel, root, rl) == 0 && rel[rl] == '/')
			p = rel + rl;
		else
			continue;	/* not in the tree: nothing to hide */
		for (i = 0; i < l->n; i++)	/* named twice: once is enough */
			if (l->v[i].kind == SJ_RO_HIDE &&
			    strcmp(l->v[i].path, p) == 0)
				break;
		if (i == l->n && addro(l, p, SJ_RO_HIDE) == -1)
			return -1;
	}
	/* Last: whatever the host mounts below /dev, the jail's covers it. */
	if (!(flags & SYSJAIL_NODEVFS) && addro(l, "/dev",
	    flags & SYSJAIL_NOPTYS ? SJ_RO_DEVFS : SJ_RO_DEVFS_PTYS) == -1)
		return -1;
	return 0;
}

/* 1 if entry i lies below a procfs that an earlier entry replaces. */
static int
underproc(const struct sj_rolist *l, size_t i)
{
	size_t	 j, n;

	for (j = 0; j < i; j++) {
		if (l->v[j].kind != SJ_RO_PROCFS)
			continue;
		n = strlen(l->v[j].path);
		if (strncmp(l->v[i].path, l->v[j].path, n) == 0 &&
		    (l->v[i].path[n] == '/' || strcmp(l->v[j].path, "/") == 0))
			return 1;
	}
	return 0;
}

/*
 * An O_PATH descriptor of rel under dfd, no link of any kind followed: the
 * jail plants links in its tree (a /proc that leads, through a procfs's
 * self/root, to the host's /).  inroot: rel is absolute within the root
 * dfd (RESOLVE_IN_ROOT); else rel must stay beneath dfd.
 */
int
sj_beneath(int dfd, const char *rel, int inroot)
{
	struct open_how	 how;

	memset(&how, 0, sizeof(how));
	how.flags = O_PATH | O_CLOEXEC;	/* a link at the end: ELOOP */
	how.resolve = RESOLVE_NO_SYMLINKS | RESOLVE_NO_MAGICLINKS |
	    (inroot ? RESOLVE_IN_ROOT : RESOLVE_BENEATH);
	return (int)syscall(SYS_openat2, dfd, rel, &how, sizeof(how));
}

/*
 * A new mount of fstype with the options opts (name, value, ..., NULL),
 * not yet attached: its descriptor, or -1.
 */
int
sj_newfs(const char *fstype, const char *const *opts, unsigned int attr)
{
	int	 fs, m = -1;

	if ((fs = fsopen(fstype, FSOPEN_CLOEXEC)) == -1)
		return -1;
	for (; opts != NULL && *opts != NULL; opts += 2)
		if (fsconfig(fs, FSCONFIG_SET_STRING, opts[0], opts[1], 0) ==
		    -1)
			goto out;
	if (fsconfig(fs, FSCONFIG_CMD_CREATE, NULL, NULL, 0) != -1)
		m = fsmount(fs, FSMOUNT_CLOEXEC, attr);
out:
	close(fs);
	return m;
}

/* Attaches the mount m on the place t, both descriptors. */
static int
attach(int m, int t)
{
	return move_mount(m, "", t, "", MOVE_MOUNT_F_EMPTY_PATH |
	    MOVE_MOUNT_T_EMPTY_PATH);
}

/*
 * The writable parts of the procfs just mounted, m, made read-only: each
 * found beneath m itself (never by a path from the root, which the jail
 * could lead elsewhere), cloned, the clone made read-only and attached
 * over it.  A part this kernel lacks is skipped.
 */
static int
procro(int m)
{
	struct mount_attr	 ma;
	int			 i, t, c, r;

	memset(&ma, 0, sizeof(ma));
	ma.attr_set = MOUNT_ATTR_RDONLY | MOUNT_ATTR_NOSUID |
	    MOUNT_ATTR_NODEV | MOUNT_ATTR_NOEXEC;
	for (i = 0; procparts[i] != NULL; i++) {
		if ((t = sj_beneath(m, procparts[i] + 1, 0)) == -1) {
			if (errno == ENOENT)
				continue;
			return -1;
		}
		c = open_tree(t, "", OPEN_TREE_CLONE | OPEN_TREE_CLOEXEC |
		    AT_EMPTY_PATH);
		r = c == -1 || mount_setattr(c, "", AT_EMPTY_PATH, &ma,
		    sizeof(ma)) == -1 || attach(c, t) == -1 ? -1 : 0;
		if (c != -1)
			close(c);
		close(t);
		if (r == -1)
			return -1;
	}
	return 0;
}

/*
 * The jail's /dev, as FreeBSD's devfs with the jail ruleset gives every
 * jail whatever its root: a tmpfs of the jail's own on which the
 * supervisor makes the harmless character devices below, the links to
 * the process's own descriptors, an empty /dev/shm (POSIX shared memory,
 * a tmpfs of its own, so that no name is shared with the host or another
 * jail; a tenth of the memory at most, which the jail's processes cannot
 * free by dying while the jail lives) and, with ptys, a devpts instance of
 * the jail's own on /dev/pts with /dev/ptmx leading to it: the jail's
 * pseudo-terminals, and no one else's, 128 at most (all instances but the
 * host's share kernel.pty.max less kernel.pty.reserve: one jail must not
 * take them all).  Jailed root may add files (a syslogd's /dev/log) but,
 * without CAP_MKNOD and under Landlock, no device.  Every other mount of
 * the jail is made nodev first (sj_rofs_apply()), so a device node
 * anywhere else, the host's /dev of a jail rooted at / included, cannot
 * be opened: as on FreeBSD, a device exists in a jail only in its devfs.
 * t is the place, the jail's /dev; m the new mount, found beneath itself.
 */
static const struct {
	const char	*name;
	unsigned int	 major, minor;
} devnodes[] = {
	{ "null", 1, 3 }, { "zero", 1, 5 }, { "full", 1, 7 },
	{ "random", 1, 8 }, { "urandom", 1, 9 }, { "tty", 5, 0 }
};
static const char *const devlinks[][2] = {
	{ "fd", "/proc/self/fd" }, { "stdin", "/proc/self/fd/0" },
	{ "stdout", "/proc/self/fd/1" }, { "stderr", "/proc/self/fd/2" }
};
static const char *const devopts[] = { "mode", "755", "size", "1m",
	"nr_inodes", "1024", NULL };
static const char *const shmopts[] = { "mode", "1777", "size", "10%",
	"nr_inodes", "65536", NULL };
static const char *const ptsopts[] = { "ptmxmode", "0666", "mode", "0620",
	"gid", "5", "max", "128", NULL };

/*
 * A devpts instance as a jail's /dev/pts has it, not yet attached: made
 * by the relay (relay.c) when the command's terminal is to be the jail's
 * own, else by devfs().
 */
int
sj_devpts(void)
{
	return sj_newfs("devpts", ptsopts, MOUNT_ATTR_NOSUID |
	    MOUNT_ATTR_NOEXEC);
}

/* A directory d in m with the mount n on it (or a new one of fstype). */
static int
devsub(int m, const char *d, int n, const char *fstype,
    const char *const *opts, unsigned int attr)
{
	int	 t, r, own = n == -1;

	if (mkdirat(m, d, 0755) == -1 || (t = sj_beneath(m, d, 0)) == -1)
		return -1;
	if (own)
		n = sj_newfs(fstype, opts, attr);
	r = n == -1 || attach(n, t) == -1 ? -1 : 0;
	if (own && n != -1)
		close(n);
	close(t);
	return r;
}

static int
devfs(int t, int ptys, int pts)
{
	size_t	 i;
	int	 m, r = -1;

	if ((m = sj_newfs("tmpfs", devopts, MOUNT_ATTR_NOSUID |
	    MOUNT_ATTR_NOEXEC)) == -1)
		return -1;
	if (attach(m, t) == -1)
		goto out;
	for (i = 0; i < sizeof(devnodes) / sizeof(devnodes[0]); i++)
		if (mknodat(m, devnodes[i].name, S_IFCHR | 0666,
		    makedev(devnodes[i].major, devnodes[i].minor)) == -1 ||
		    fchmodat(m, devnodes[i].name, 0666, 0) == -1)
			goto out;
	for (i = 0; i < sizeof(devlinks) / sizeof(devlinks[0]); i++)
		if (symlinkat(devlinks[i][1], m, devlinks[i][0]) == -1)
			goto out;
	if (devsub(m, "shm", -1, "tmpfs", shmopts, MOUNT_ATTR_NOSUID |
	    MOUNT_ATTR_NODEV) == -1)
		goto out;
	if (ptys && (devsub(m, "pts", pts, "devpts", ptsopts,
	    MOUNT_ATTR_NOSUID | MOUNT_ATTR_NOEXEC) == -1 ||
	    symlinkat("pts/ptmx", m, "ptmx") == -1))
		goto out;
	r = 0;
out:
	close(m);
	return r;
}

/*
 * Run by the supervisor before it changes root, so that the jail inherits
 * the result: in a new mount namespace whose mounts are all private (no
 * mount made here reaches the host's namespace, nor one of the host's
 * reaches here), makes every mount under root nodev, every listed path
 * read-only, covers each procfs with the jail's own, hides the jail
 * database and gives the jail its /dev (devfs()).  The jail cannot undo
 * any of it: mount(2) and umount(2) are refused to it.
 *
 * Every place is opened beneath the root without following a link
 * (sj_beneath()), and every mount made on that descriptor with the new mount
 * API: a link the jail planted (a /proc leading out of its tree) makes the
 * start fail (ELOOP) rather than a mount land on a host directory, and the
 * read-only parts of a new procfs are found in that very mount.
 */
int
sj_rofs_apply(const char *root, int *rootfd, struct sj_rolist *l)
{
	struct mount_attr	 ma, nodev;
	const unsigned int	 pattr = MOUNT_ATTR_NOSUID | MOUNT_ATTR_NODEV |
	    MOUNT_ATTR_NOEXEC;
	size_t			 i;
	int			 ll = sj_landlock_abi() > 0, rfd, t, m = -1;
	int			 r = -1;

	if (unshare(CLONE_NEWNS) == -1 ||
	    mount(NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL) == -1)
		return -1;
	/*
	 * The root again, in the new namespace (a descriptor from before
	 * names the old one's mounts), by a path with no link, and only if
	 * it is still the directory held: from here on root goes by it.
	 */
	if ((rfd = sj_root_reopen(root, *rootfd)) == -1)
		return -1;
	close(*rootfd);
	*rootfd = rfd;
	if ((rfd = openat(*rootfd, ".", O_PATH | O_DIRECTORY | O_CLOEXEC)) ==
	    -1)
		return -1;
	/*
	 * No device anywhere but in the jail's own /dev (devfs()): every
	 * mount of the namespace, those beneath the root among them.
	 */
	memset(&nodev, 0, sizeof(nodev));
	nodev.attr_set = MOUNT_ATTR_NODEV;
	if (mount_setattr(AT_FDCWD, "/", AT_RECURSIVE, &nodev,
	    sizeof(nodev)) == -1)
		goto out;
	memset(&ma, 0, sizeof(ma));
	ma.attr_set = MOUNT_ATTR_RDONLY | pattr;
	for (i = 0; i < l->n; i++, m = -1) {
		if (l->v[i].kind == SJ_RO_BIND)
			continue;	/* a procfs's part: procro() */
		if (l->v[i].kind == SJ_RO_REMOUNT && underproc(l, i))
			continue;	/* covered by the new procfs */
		if ((t = sj_beneath(rfd, l->v[i].path, 1)) == -1) {
			if (errno == ENOENT && l->v[i].kind != SJ_RO_PROCFS)
				continue;
			r = -1;
			goto out;
		}
		switch (l->v[i].kind) {
		case SJ_RO_PROCFS:
			m = ll ? sj_newfs("proc", procopts, pattr) :
			    sj_newfs("tmpfs", emptyopts(555), pattr |
			    MOUNT_ATTR_RDONLY);
			r = m == -1 || attach(m, t) == -1 ||
			    (ll && procro(m) == -1) ? -1 : 0;
			break;
		case SJ_RO_HIDE:
			m = sj_newfs("tmpfs", emptyopts(000), pattr |
			    MOUNT_ATTR_RDONLY);
			r = m == -1 || attach(m, t) == -1 ? -1 : 0;
			break;
		case SJ_RO_DEVFS:
		case SJ_RO_DEVFS_PTYS:
			r = devfs(t, l->v[i].kind == SJ_RO_DEVFS_PTYS,
			    l->pts);
			l->devfs = r == 0;
			break;
		default:
			r = mount_setattr(t, "", AT_EMPTY_PATH, &ma,
			    sizeof(ma));
			break;
		}
		if (m != -1)
			close(m);
		close(t);
		if (r == -1)
			goto out;
	}
	r = 0;
out:
	close(rfd);
	return r;
}

void
sj_rofs_free(struct sj_rolist *l)
{
	size_t	 i;

	for (i = 0; i < l->n; i++)
		free(l->v[i].path);
	free(l->v);
	memset(l, 0, sizeof(*l));
}
