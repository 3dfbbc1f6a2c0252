/*
 * priv: the privileged operations that jailed root may not perform (SPEC
 * section 4), and some it may.  Every call uses arguments that make a
 * permitted call fail harmlessly (a bad descriptor, an empty path, NULL,
 * invalid flags), so that a bare run as root changes nothing: the jail's
 * answer (EPERM, ENOSYS) differs from the host's (EBADF, EFAULT, EINVAL,
 * ENOENT...).  The only calls that succeed bare touch the fixture itself
 * or its temporary root.  i386-only forms go through int $0x80.
 */
#include <sys/ioctl.h>
#include <sys/ipc.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/sysmacros.h>
#include <sys/timex.h>
#include <sys/wait.h>

#include <fcntl.h>
#include <linux/filter.h>
#include <linux/seccomp.h>
#include <sched.h>
#include <signal.h>
#include <stdint.h>
#include <time.h>
#include <unistd.h>

#include "fixture.h"
#include "int80.h"

#define SC(name, ...)	check(name, (int)syscall(__VA_ARGS__))

static void
node(const char *name, const char *path, mode_t type, int at)
{
	long	 r;

#ifdef SYS_mknod
	if (!at)
		r = syscall(SYS_mknod, path, type | 0600, makedev(1, 3));
	else
#endif
		r = syscall(SYS_mknodat, AT_FDCWD, path, type | 0600,
		    makedev(1, 3));
	check(name, (int)r);
	unlink(path);
}

int
main(void)
{
	struct timex	 tx = { 0 };
	struct rlimit	 rl;
	int		 p[2], st;
	long		 r;
	char		 c = 'x';

	/* Mounts and the root directory. */
	SC("mount", SYS_mount, NULL, NULL, NULL, 0, NULL);
	SC("umount2", SYS_umount2, "", 0);
	CHECK80("umount-i386", INT80(nr32_umount, "", 0, 0));
	SC("pivot_root", SYS_pivot_root, "", "");
	SC("chroot", SYS_chroot, "");
	SC("fsopen", SYS_fsopen, "", 0);
	SC("fsconfig", SYS_fsconfig, -1, 0, NULL, NULL, 0);
	SC("fsmount", SYS_fsmount, -1, 0, 0);
	SC("fspick", SYS_fspick, -1, "", 0);
	SC("move_mount", SYS_move_mount, -1, "", -1, "", 0);
	SC("open_tree", SYS_open_tree, -1, "", 0);
	SC("mount_setattr", SYS_mount_setattr, -1, "", 0, NULL, 0);
	SC("swapon", SYS_swapon, "", 0);
	SC("swapoff", SYS_swapoff, "");
	/* Kernels and modules. */
	SC("kexec_load", SYS_kexec_load, 0, 0, NULL, 0xffff0000UL);
#ifdef SYS_kexec_file_load
	SC("kexec_file_load", SYS_kexec_file_load, -1, -1, 0, NULL, 0xffffUL);
#else
	skip("kexec_file_load", "no such call in this ABI");
#endif
	SC("init_module", SYS_init_module, NULL, 0, "");
	SC("finit_module", SYS_finit_module, -1, "", 0);
	SC("delete_module", SYS_delete_module, "", O_NONBLOCK);
	/* The clock: nothing set, only the permission asked. */
	SC("settimeofday", SYS_settimeofday, NULL, NULL);
	SC("clock_settime", SYS_clock_settime, CLOCK_REALTIME, NULL);
#ifdef SYS_clock_settime64
	SC("clock_settime64", SYS_clock_settime64, CLOCK_REALTIME, NULL);
#else
	SC("clock_settime64", SYS_clock_settime, CLOCK_REALTIME, NULL);
#endif
	CHECK80("stime-i386", INT80(nr32_stime, 0, 0, 0));
	tx.modes = ADJ_TICK;
	tx.tick = 1;			/* out of range: EINVAL if permitted */
	check("adjtimex", adjtimex(&tx));
	tx.modes = 0;
	check("adjtimex-read", adjtimex(&tx));
	/* Accounting, quotas, the kernel log, I/O ports. */
	SC("acct", SYS_acct, "");
	SC("quotactl", SYS_quotactl, 0, NULL, 0, NULL);
	SC("quotactl_fd", SYS_quotactl_fd, -1, 0, 0, NULL);
	SC("syslog", SYS_syslog, 99, NULL, 0);
	SC("syslog-size", SYS_syslog, 10, NULL, 0);
	SC("iopl", SYS_iopl, 0);
	SC("ioperm", SYS_ioperm, 0, 0, 0);
	/* Tracing and introspection of the kernel. */
	SC("bpf", SYS_bpf, -1, NULL, 0);
	SC("perf_event_open", SYS_perf_event_open, NULL, 0, -1, -1, 0);
	SC("lookup_dcookie", SYS_lookup_dcookie, 0, NULL, 0);
	SC("open_by_handle_at", SYS_open_by_handle_at, -1, NULL, 0);
	SC("name_to_handle_at", SYS_name_to_handle_at, -1, "", NULL, NULL, 0);
	/* Namespaces. */
	SC("unshare", SYS_unshare, CLONE_NEWUTS);
	SC("unshare-files", SYS_unshare, CLONE_FILES);
	SC("setns", SYS_setns, -1, 0);
	r = syscall(SYS_clone, CLONE_NEWUTS | SIGCHLD, 0, 0, 0, 0);
	if (r == 0)
		_exit(0);
	if (r > 0)
		waitpid((pid_t)r, &st, 0);
	check("clone-newuts", (int)r);
	/* Keys, fanotify, userfaultfd. */
	SC("keyctl", SYS_keyctl, 9999, 0, 0, 0, 0);
	SC("add_key", SYS_add_key, NULL, NULL, NULL, 0, 0);
	SC("request_key", SYS_request_key, NULL, NULL, NULL, 0);
	SC("fanotify_init", SYS_fanotify_init, 0xffffffffU, 0);
	SC("userfaultfd", SYS_userfaultfd, 0xffff);
	/* Device nodes refused; FIFOs, sockets and files allowed. */
	node("mknod-char", "tmp/priv-c", S_IFCHR, 0);
	node("mknod-block", "tmp/priv-b", S_IFBLK, 0);
	node("mknod-fifo", "tmp/priv-f", S_IFIFO, 0);
	node("mknod-socket", "tmp/priv-s", S_IFSOCK, 0);
	node("mknod-file", "tmp/priv-r", S_IFREG, 0);
	node("mknodat-char", "tmp/priv-c2", S_IFCHR, 1);
	/* Terminal injection, judged on the 32 bits the kernel uses. */
	if (pipe(p) == -1)
		return 1;
	SC("tiocsti", SYS_ioctl, p[0], TIOCSTI, &c);
	SC("tiocsti-high", SYS_ioctl, p[0],
	    (unsigned long)(sizeof(long) > 4 ? (uint64_t)1 << 32 : 0) |
	    TIOCSTI, &c);
	SC("tioclinux", SYS_ioctl, p[0], TIOCLINUX, &c);
	SC("prctl-set-mm", SYS_prctl, PR_SET_MM, 0xffff, 0, 0, 0);
	/*
	 * A PR_SET_MM form any process may use bare (Linux 3.18, with
	 * CONFIG_CHECKPOINT_RESTORE): it only writes the size of struct
	 * prctl_mm_map to the caller's own memory.  The filter's PR_SET_MM
	 * row is all that refuses it in the jail.
	 */
	{
		unsigned int	 mmsize = 0;

		SC("prctl-mm-map-size", SYS_prctl, PR_SET_MM,
		    PR_SET_MM_MAP_SIZE, &mmsize, 0, 0);
	}
	SC("vhangup", SYS_vhangup);
	/* Interposition bypasses: ENOSYS, so that libraries fall back. */
	SC("io_uring_setup", SYS_io_uring_setup, 1, NULL);
	SC("io_uring_enter", SYS_io_uring_enter, -1, 0, 0, 0, NULL, 0);
	SC("io_uring_register", SYS_io_uring_register, -1, 0, NULL, 0);
	SC("clone3", SYS_clone3, NULL, 0);
	/* SysV IPC and POSIX message queues: ENOSYS unless allowed. */
	SC("shmget", SYS_shmget, IPC_PRIVATE, 0, 0);
	SC("shmat", SYS_shmat, -1, NULL, 0);
	SC("msgctl", SYS_msgctl, -1, IPC_STAT, NULL);
	SC("semget", SYS_semget, IPC_PRIVATE, -1, 0);
	SC("mq_open", SYS_mq_open, NULL, 0, 0, NULL);
	SC("mq_unlink", SYS_mq_unlink, "");
	/* The rest, each in a form that fails harmlessly on the host. */
	SC("msgget", SYS_msgget, 0x5a17e57, 0);		/* ENOENT: no queue */
	SC("msgsnd", SYS_msgsnd, -1, NULL, 0, 0);
	SC("msgrcv", SYS_msgrcv, -1, NULL, 0, 0, 0);
	SC("semctl", SYS_semctl, -1, 0, IPC_STAT, NULL);
#ifdef SYS_semop
	SC("semop", SYS_semop, -1, NULL, 1);
#else
	SC("semop", SYS_ipc, 1 /* SEMOP */, -1, 1, 0, NULL);	/* i386 */
#endif
	SC("shmctl", SYS_shmctl, -1, IPC_STAT, NULL);
	SC("shmdt", SYS_shmdt, NULL);
	SC("mq_timedsend", SYS_mq_timedsend, -1, "", 0, 0, NULL);
	SC("mq_timedreceive", SYS_mq_timedreceive, -1, NULL, 0, NULL, NULL);
	SC("mq_notify", SYS_mq_notify, -1, NULL);
	SC("mq_getsetattr", SYS_mq_getsetattr, -1, NULL, NULL);
	/* The 64-bit time variants i386 has, under one name for both ABIs. */
#ifdef SYS_semtimedop_time64
	SC("semtimedop", SYS_semtimedop_time64, -1, NULL, 1, NULL);
#else
	SC("semtimedop", SYS_semtimedop, -1, NULL, 1, NULL);
#endif
#ifdef SYS_mq_timedsend_time64
	SC("mq_timedsend64", SYS_mq_timedsend_time64, -1, "", 0, 0, NULL);
	SC("mq_timedreceive64", SYS_mq_timedreceive_time64, -1, NULL, 0, NULL,
	    NULL);
#else
	SC("mq_timedsend64", SYS_mq_timedsend, -1, "", 0, 0, NULL);
	SC("mq_timedreceive64", SYS_mq_timedreceive, -1, NULL, 0, NULL, NULL);
#endif
	/* i386 ipc(2), SHMGET with version bits the kernel masks off. */
	CHECK80("ipc-versioned", INT80(nr32_ipc, 0x10000 | 23, IPC_PRIVATE,
	    0));
	/* The kernel's own answer for a bad magic: reboot is never run. */
	SC("reboot-badmagic", SYS_reboot, 0, 0, 0, NULL);

	/* What jailed root keeps: identity, its own files, its limits. */
	check("setresuid-same", setresuid(getuid(), getuid(), getuid()));
	if ((st = open("tmp/priv-owned", O_CREAT | O_WRONLY, 0644)) != -1)
		close(st);
	check("chown-inside", chown("tmp/priv-owned", 1, 1));
	check("chmod-inside", chmod("tmp/priv-owned", 0600));
	unlink("tmp/priv-owned");
	getrlimit(RLIMIT_NOFILE, &rl);
	rl.rlim_cur = rl.rlim_max;
	check("rlimit-raise", setrlimit(RLIMIT_NOFILE, &rl));

	/*
	 * Nested interposition, last: a filter of our own, which touches
	 * only this process.  A second listener cannot join the jail's
	 * chain, and a stacked filter cannot undo the jail's decisions.
	 */
	{
		struct sock_filter	 allow[] = {
			BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW),
		};
		struct sock_fprog	 prog = { 1, allow };

		prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0);
		r = syscall(SYS_seccomp, SECCOMP_SET_MODE_FILTER,
		    SECCOMP_FILTER_FLAG_NEW_LISTENER, &prog);
		check("nested-listener", (int)r);
		if (r >= 0)
			close((int)r);
		SC("nested-filter", SYS_seccomp, SECCOMP_SET_MODE_FILTER, 0,
		    &prog);
		check("nested-kill-outside", kill((pid_t)envnum("SJ_OUTSIDE"),
		    0));
	}
	return 0;
}
