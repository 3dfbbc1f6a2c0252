/*
 * compat.h: kernel interface constants that Debian 12's headers (Linux 6.1)
 * predate.  Each carries the kernel version that added it; the running
 * kernel's support is always probed at run time, never assumed.
 */
#ifndef SJ_COMPAT_H
#define SJ_COMPAT_H

#include <fcntl.h>
#include <linux/ioctl.h>
#include <linux/seccomp.h>
#include <linux/types.h>
#include <sys/syscall.h>

/* seccomp user notification */
#ifndef SECCOMP_IOCTL_NOTIF_SET_FLAGS		/* Linux 6.6 */
#define SECCOMP_IOCTL_NOTIF_SET_FLAGS	SECCOMP_IOW(4, __u64)
#endif
#ifndef SECCOMP_USER_NOTIF_FD_SYNC_WAKE_UP	/* Linux 6.6 */
#define SECCOMP_USER_NOTIF_FD_SYNC_WAKE_UP	(1UL << 0)
#endif

/* sockets: options that choose a source address or interface */
#ifndef IPV6_TRANSPARENT			/* Linux 2.6.37 */
#define IPV6_TRANSPARENT		75
#endif
#ifndef IPV6_FREEBIND				/* Linux 4.15 */
#define IPV6_FREEBIND			78
#endif
#ifndef SO_BINDTOIFINDEX			/* Linux 5.0 */
#define SO_BINDTOIFINDEX		62
#endif

/* pidfds */
#ifndef SO_PEERPIDFD				/* Linux 6.5 */
#define SO_PEERPIDFD			77
#endif
#ifndef SO_PASSPIDFD				/* Linux 6.5 */
#define SO_PASSPIDFD			76
#endif
#ifndef PIDFD_THREAD				/* Linux 6.9 */
#define PIDFD_THREAD			O_EXCL
#endif
#ifndef PIDFD_SIGNAL_THREAD			/* Linux 6.9 */
#define PIDFD_SIGNAL_THREAD		(1UL << 0)
#endif
#ifndef PIDFD_SIGNAL_THREAD_GROUP		/* Linux 6.9 */
#define PIDFD_SIGNAL_THREAD_GROUP	(1UL << 1)
#endif
#ifndef PIDFD_SIGNAL_PROCESS_GROUP		/* Linux 6.9 */
#define PIDFD_SIGNAL_PROCESS_GROUP	(1UL << 2)
#endif
#ifndef PIDFD_NONBLOCK				/* Linux 5.10 */
#define PIDFD_NONBLOCK			O_NONBLOCK
#endif
#ifndef SYS_pidfd_open				/* Linux 5.3 */
#define SYS_pidfd_open			434
#endif
#ifndef SYS_pidfd_getfd				/* Linux 5.6 */
#define SYS_pidfd_getfd			438
#endif
#ifndef SYS_pidfd_send_signal			/* Linux 5.1 */
#define SYS_pidfd_send_signal		424
#endif

/*
 * PIDFD_GET_INFO (Linux 6.13): what a pidfd's process is, in one ioctl on
 * the pidfd; a reaped process answers ESRCH.  The structure as of 6.13
 * (PIDFD_INFO_SIZE_VER0, 64 bytes); the kernel takes the size from the
 * request number, so later, longer versions of it are not needed here.
 */
struct sj_pidfd_info {
	__u64	mask;
	__u64	cgroupid;
	__u32	pid;
	__u32	tgid;
	__u32	ppid;
	__u32	ruid;
	__u32	rgid;
	__u32	euid;
	__u32	egid;
	__u32	suid;
	__u32	sgid;
	__u32	fsuid;
	__u32	fsgid;
	__u32	spare0;
};
#define SJ_PIDFD_GET_INFO	_IOWR(0xFF, 11, struct sj_pidfd_info)
#define SJ_PIDFD_INFO_PID	(1ULL << 0)	/* Linux 6.13 */
#define SJ_PIDFD_INFO_CREDS	(1ULL << 1)	/* Linux 6.13 */
#define SJ_PIDFD_INFO_CGROUPID	(1ULL << 2)	/* Linux 6.13 */

/* cgroup socket-address hooks for AF_UNIX (Linux 6.7) */
#define SJ_BPF_CGROUP_UNIX_CONNECT	49

/* Landlock */
#ifndef SYS_landlock_create_ruleset		/* Linux 5.13 */
#define SYS_landlock_create_ruleset	444
#define SYS_landlock_add_rule		445
#define SYS_landlock_restrict_self	446
#endif
#ifndef LANDLOCK_CREATE_RULESET_VERSION	/* Linux 5.13 */
#define LANDLOCK_CREATE_RULESET_VERSION	(1U << 0)
#endif
#define SJ_LL_ACCESS_FS_ABI1		((1ULL << 13) - 1) /* ABI 1, Linux 5.13 */
#define SJ_LL_ACCESS_FS_MAKE_CHAR	(1ULL << 6)	/* ABI 1, Linux 5.13 */
#define SJ_LL_ACCESS_FS_MAKE_BLOCK	(1ULL << 11)	/* ABI 1, Linux 5.13 */
#define SJ_LL_ACCESS_FS_REFER		(1ULL << 13)	/* ABI 2, Linux 5.19 */
#define SJ_LL_ACCESS_FS_TRUNCATE	(1ULL << 14)	/* ABI 3, Linux 6.2 */
#define SJ_LL_ACCESS_FS_IOCTL_DEV	(1ULL << 15)	/* ABI 5, Linux 6.10 */
#define SJ_LL_RULE_PATH_BENEATH		1		/* ABI 1, Linux 5.13 */
#define SJ_LL_SCOPE_ABSTRACT_UNIX_SOCKET (1ULL << 0)	/* ABI 6, Linux 6.12 */
#define SJ_LL_SCOPE_SIGNAL		(1ULL << 1)	/* ABI 6, Linux 6.12 */

/*
 * The ruleset attribute as of ABI 6.  The kernel accepts a shorter size from
 * older callers, so the size passed is chosen from the probed ABI.
 */
struct sj_landlock_ruleset_attr {
	__u64	handled_access_fs;
	__u64	handled_access_net;	/* ABI 4, Linux 6.7 */
	__u64	scoped;			/* ABI 6, Linux 6.12 */
};

struct sj_landlock_path_beneath_attr {
	__u64	allowed_access;
	__s32	parent_fd;
} __attribute__((packed));

/* x32 system calls carry this bit on the x86_64 architecture. */
#ifndef __X32_SYSCALL_BIT
#define __X32_SYSCALL_BIT		0x40000000
#endif

#endif /* !SJ_COMPAT_H */
