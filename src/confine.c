/*
 * confine.c: the kernel's own backstops, applied by the command to itself
 * before it executes: the capability bounding set, no_new_privs, Landlock
 * and the seccomp filter.  Each of these holds even if the supervisor
 * answers wrongly or is gone.  None of them prints; each returns -1 with
 * errno on failure and the caller reports the stage.
 */
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/syscall.h>

#include <errno.h>
#include <linux/capability.h>
#include <string.h>
#include <unistd.h>

#include "sysjail_priv.h"

/*
 * What jailed root keeps, and why (FreeBSD's jailed root may do these):
 * owning and moving its own files (CHOWN, DAC_OVERRIDE, FOWNER, FSETID),
 * signalling the jail's processes of other users (KILL; the supervisor still
 * confines it), changing identity (SETGID, SETUID, SETPCAP to drop more),
 * binding reserved ports on its own address (NET_BIND_SERVICE), locking
 * memory and raising limits (IPC_LOCK, SYS_RESOURCE), leases, audit
 * messages, and file capabilities that no_new_privs keeps from taking
 * effect anyway (LEASE, AUDIT_WRITE, SETFCAP).  Everything else (SYS_ADMIN,
 * SYS_TIME, SYS_MODULE, SYS_RAWIO, NET_ADMIN, NET_RAW, SYS_NICE, MKNOD,
 * DAC_READ_SEARCH, SYS_CHROOT, SYS_PTRACE, SYS_BOOT, ...) is gone, so a call
 * the filter misses still meets the kernel's EPERM.
 */
#define KEEP(c)		(1ULL << (c))
static const uint64_t keepcaps = KEEP(CAP_CHOWN) | KEEP(CAP_DAC_OVERRIDE) |
    KEEP(CAP_FOWNER) | KEEP(CAP_FSETID) | KEEP(CAP_KILL) | KEEP(CAP_SETGID) |
    KEEP(CAP_SETUID) | KEEP(CAP_SETPCAP) | KEEP(CAP_NET_BIND_SERVICE) |
    KEEP(CAP_IPC_LOCK) | KEEP(CAP_SYS_RESOURCE) | KEEP(CAP_LEASE) |
    KEEP(CAP_AUDIT_WRITE) | KEEP(CAP_SETFCAP);

uint64_t
sj_keepcaps(void)
{
	return keepcaps;
}

/*
 * Drops from the bounding set, the ambient and inheritable sets, and the
 * permitted and effective sets every capability jailed root does not keep.
 * Must run while still root (dropping from the bounding set needs SETPCAP).
 */
int
sj_confine_caps(void)
{
	struct __user_cap_header_struct	 h;
	struct __user_cap_data_struct	 d[2];
	int				 c;

	for (c = 0; c < 64; c++) {
		if (prctl(PR_CAPBSET_READ, c, 0, 0, 0) == -1)
			break;		/* past the kernel's last capability */
		if (!(keepcaps & KEEP(c)) &&
		    prctl(PR_CAPBSET_DROP, c, 0, 0, 0) == -1)
			return -1;
	}
	if (prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_CLEAR_ALL, 0, 0, 0) == -1 &&
	    errno != EINVAL)
		return -1;
	memset(&h, 0, sizeof(h));
	h.version = _LINUX_CAPABILITY_VERSION_3;
	if (syscall(SYS_capget, &h, d) == -1)
		return -1;
	d[0].effective &= (uint32_t)keepcaps;
	d[0].permitted &= (uint32_t)keepcaps;
	d[1].effective &= (uint32_t)(keepcaps >> 32);
	d[1].permitted &= (uint32_t)(keepcaps >> 32);
	d[0].inheritable = d[1].inheritable = 0;
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
 * A Landlock domain for the jail.  Any domain confines ptrace(2),
 * process_vm_readv(2) and /proc/PID/mem to processes inside it (ABI 1); the
 * ruleset refuses creating device nodes anywhere; and from ABI 6 (Linux
 * 6.12) signals and abstract AF_UNIX connections cannot leave the domain.
 * A kernel without Landlock is not an error: the supervisor's answers and
 * the dropped capabilities still hold there.
 */
int
sj_confine_landlock(void)
{
	struct sj_landlock_ruleset_attr	 a;
	size_t				 size;
	int				 abi, fd, r;

	if ((abi = sj_landlock_abi()) == 0)
		return 0;
	memset(&a, 0, sizeof(a));
	a.handled_access_fs = SJ_LL_ACCESS_FS_MAKE_CHAR |
	    SJ_LL_ACCESS_FS_MAKE_BLOCK;
	size = offsetof(struct sj_landlock_ruleset_attr, handled_access_net);
	if (abi >= 6) {
		a.scoped = SJ_LL_SCOPE_SIGNAL |
		    SJ_LL_SCOPE_ABSTRACT_UNIX_SOCKET;
		size = sizeof(a);
	}
	if ((fd = (int)syscall(SYS_landlock_create_ruleset, &a, size, 0)) ==
	    -1)
		return -1;
	r = (int)syscall(SYS_landlock_restrict_self, fd, 0);
	close(fd);
	return r;
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
