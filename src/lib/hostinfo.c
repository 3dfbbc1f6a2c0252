/*
 * hostinfo.c: what this host's kernel offers of the mechanisms a jail is
 * built from, probed the way the jail uses them, for sysjail -V and for
 * administrators deciding whether to trust a host.  Each entry says
 * whether a jail can start without the mechanism and, if it can, what the
 * jail then lacks.  Probes that could change the caller (installing a
 * seccomp filter, executing `int $0x80`) run in a child process.
 */
#include <sys/ioctl.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <sys/utsname.h>
#include <sys/wait.h>

#include <linux/bpf.h>
#include <linux/filter.h>
#include <linux/seccomp.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "sysjail.h"
#include "sysjail_priv.h"
#include "compat.h"

/* The child's findings, one bit each, as its exit status. */
#define P_LISTENER	0x01	/* a filter with a user-notification listener */
#define P_KILLABLE	0x02	/* SECCOMP_FILTER_FLAG_WAIT_KILLABLE_RECV */
#define P_ADDFD		0x04	/* SECCOMP_IOCTL_NOTIF_ADDFD */
#define P_SYNCWAKE	0x08	/* SECCOMP_USER_NOTIF_FD_SYNC_WAKE_UP */
#define P_FAILED	0x80	/* the probe itself could not run */

/*
 * In a child: installs an allow-everything filter with a listener, as the
 * jail does, and asks the listener what it can do.
 */
static int
seccompprobe(void)
{
	struct sock_filter	 allow = BPF_STMT(BPF_RET | BPF_K,
	    SECCOMP_RET_ALLOW);
	struct sock_fprog	 prog = { 1, &allow };
	struct seccomp_notif_addfd addfd;
	pid_t			 pid;
	int			 st, fd, r = 0;

	if ((pid = fork()) == -1)
		return P_FAILED;
	if (pid == 0) {
		if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) == -1)
			_exit(P_FAILED);
		fd = (int)syscall(SYS_seccomp, SECCOMP_SET_MODE_FILTER,
		    SECCOMP_FILTER_FLAG_NEW_LISTENER |
		    SECCOMP_FILTER_FLAG_WAIT_KILLABLE_RECV, &prog);
		if (fd != -1)
			r |= P_LISTENER | P_KILLABLE;
		else if ((fd = (int)syscall(SYS_seccomp,
		    SECCOMP_SET_MODE_FILTER, SECCOMP_FILTER_FLAG_NEW_LISTENER,
		    &prog)) != -1)
			r |= P_LISTENER;
		else
			_exit(r);
		/* No such notification: ENOENT where the ioctl exists. */
		memset(&addfd, 0, sizeof(addfd));
		addfd.id = 1;
		addfd.srcfd = 0;
		if (ioctl(fd, SECCOMP_IOCTL_NOTIF_ADDFD, &addfd) == -1 &&
		    errno == ENOENT)
			r |= P_ADDFD;
		if (ioctl(fd, SECCOMP_IOCTL_NOTIF_SET_FLAGS,
		    SECCOMP_USER_NOTIF_FD_SYNC_WAKE_UP, 0) == 0)
			r |= P_SYNCWAKE;
		_exit(r);
	}
	while (waitpid(pid, &st, 0) == -1)
		if (errno != EINTR)
			return P_FAILED;
	return WIFEXITED(st) ? WEXITSTATUS(st) : P_FAILED;
}

/*
 * Does the kernel take `int $0x80` from 64-bit code, that is, is IA-32
 * emulation on?  Without it the instruction faults (SIGSEGV) in the child.
 * The same switch decides whether i386 programs run at all.
 */
static int
ia32probe(void)
{
	const struct rlimit nocore = { 0, 0 };
	pid_t	 pid;
	int	 st;
	long	 r;

	if ((pid = fork()) == -1)
		return -1;
	if (pid == 0) {
		/* The fault is the answer: no core file in the caller's
		 * directory (the suite's limit allows one). */
		setrlimit(RLIMIT_CORE, &nocore);
		signal(SIGSEGV, SIG_DFL);
		__asm__ volatile ("int $0x80" : "=a"(r) : "a"(20L) :
		    "memory", "rcx", "r8", "r9", "r10", "r11");
		_exit(r > 0 ? 0 : 1);	/* 20: i386 getpid */
	}
	while (waitpid(pid, &st, 0) == -1)
		if (errno != EINTR)
			return -1;
	return WIFEXITED(st) && WEXITSTATUS(st) == 0;
}

/* Can a cgroup program of this type and attach type be loaded? */
static int
bpfprobe(enum bpf_prog_type type, unsigned int attach)
{
	struct bpf_insn	 insns[2] = {
		{ .code = BPF_ALU64 | BPF_MOV | BPF_K, .dst_reg = 0, .imm = 1 },
		{ .code = BPF_JMP | BPF_EXIT },
	};
	union bpf_attr	 a;
	int		 fd;

	memset(&a, 0, sizeof(a));
	a.prog_type = type;
	a.expected_attach_type = attach;
	a.insns = (uint64_t)(uintptr_t)insns;
	a.insn_cnt = 2;
	a.license = (uint64_t)(uintptr_t)"BSD";
	if ((fd = (int)syscall(SYS_bpf, BPF_PROG_LOAD, &a, sizeof(a))) == -1)
		return 0;
	close(fd);
	return 1;
}

static int
add(struct sysjail_hostcap **v, size_t *n, const char *name, int have,
    int required, const char *cost, const char *fmt, ...)
	__attribute__((format(printf, 7, 8)));

static int
add(struct sysjail_hostcap **v, size_t *n, const char *name, int have,
    int required, const char *cost, const char *fmt, ...)
{
	struct sysjail_hostcap	*c;
	va_list			 ap;

	if ((c = reallocarray(*v, *n + 1, sizeof(**v))) == NULL)
		return -1;
	*v = c;
	c += (*n)++;
	memset(c, 0, sizeof(*c));
	c->name = name;
	c->have = have;
	c->required = required;
	c->cost = cost;
	va_start(ap, fmt);
	vsnprintf(c->state, sizeof(c->state), fmt, ap);
	va_end(ap);
	return 0;
}

int
sysjail_hostinfo(struct sysjail_hostcap **vp, size_t *np)
{
	struct sysjail_hostcap	*v = NULL;
	struct utsname		 u;
	char			*cg2, *v1;
	size_t			 n = 0;
	int			 sc, ll, ia, pfd, fd, major = 0, minor = 0, ok;

	uname(&u);
	sscanf(u.release, "%d.%d", &major, &minor);
	ok = major > 5 || (major == 5 && minor >= 19);
	sc = seccompprobe();
	ll = sj_landlock_abi();
	ia = ia32probe();
	if (add(&v, &n, "kernel", ok, 1, "Linux 5.19 or later is required",
	    "%s %s", u.sysname, u.release) == -1 ||
	    add(&v, &n, "seccomp-listener", !(sc & P_FAILED) &&
	    (sc & P_LISTENER), 1, "no jail can start: the supervisor answers "
	    "through it", "%s", sc & P_LISTENER ? "yes" : "no") == -1 ||
	    add(&v, &n, "seccomp-addfd", (sc & P_ADDFD) != 0, 1,
	    "no jail can start: descriptors made for a jail are installed "
	    "with it", "%s", sc & P_ADDFD ? "yes" : "no") == -1 ||
	    add(&v, &n, "seccomp-wait-killable", (sc & P_KILLABLE) != 0, 0,
	    "a signal that interrupts a call the supervisor is performing "
	    "can make the program retry it", "%s",
	    sc & P_KILLABLE ? "yes" : "no") == -1 ||
	    add(&v, &n, "seccomp-sync-wakeup", (sc & P_SYNCWAKE) != 0, 0,
	    "intercepted calls are slower (no same-CPU hand-off, Linux 6.6)",
	    "%s", sc & P_SYNCWAKE ? "yes" : "no") == -1)
		goto fail;

	pfd = sj_pidfd_open(getpid(), 0);
	fd = pfd == -1 ? -1 : sj_pidfd_getfd(pfd, pfd);
	if (add(&v, &n, "pidfd-getfd", fd != -1, 1, "no jail can start: the "
	    "supervisor performs calls on the jail's own descriptors", "%s",
	    fd != -1 ? "yes" : "no") == -1)
		goto fail;
	if (fd != -1)
		close(fd);
	if (pfd != -1)
		close(pfd);

	if (add(&v, &n, "landlock", ll >= 1, 0, "no file-system backstop "
	    "under chroot(2), and ptrace and /proc isolation rest on the "
	    "supervisor alone", ll ? "ABI %d" : "no", ll) == -1 ||
	    add(&v, &n, "landlock-ioctl-dev", ll >= 5, 0, "device ioctls "
	    "are limited by the filter alone (Landlock ABI 5, Linux 6.10)",
	    "%s", ll >= 5 ? "yes" : "no") == -1 ||
	    add(&v, &n, "landlock-scopes", ll >= 6, 0, "signals out of the "
	    "jail are stopped by the supervisor alone, and connections to "
	    "the host's abstract AF_UNIX names are not stopped at all "
	    "(Landlock ABI 6, Linux 6.12)", "%s",
	    ll >= 6 ? "yes" : "no") == -1)
		goto fail;

	if (add(&v, &n, "ia32-emulation", ia == 1, 0, "i386 programs and "
	    "int $0x80 do not run on this host at all; the jail still "
	    "filters the i386 ABI", "%s", ia == 1 ? "yes" : ia == 0 ? "no" :
	    "unknown") == -1)
		goto fail;

	cg2 = sj_cgroup_v2root();
	v1 = sj_cgroup_v1pids();
	ok = add(&v, &n, "cgroup2", cg2 != NULL, 1, "no jail can start: its "
	    "network rules are cgroup programs", "%s", cg2 ? cg2 :
	    "not mounted");
	if (ok == 0 && cg2 != NULL && sj_cgroup_v2has(cg2, "pids"))
		ok = add(&v, &n, "pids-controller", 1, 0, "", "cgroup v2");
	else if (ok == 0 && v1 != NULL)
		ok = add(&v, &n, "pids-controller", 1, 0, "",
		    "cgroup v1 at %s", v1);
	else if (ok == 0)
		ok = add(&v, &n, "pids-controller", 0, 0, "no process limit "
		    "(maxproc): a jail's processes can multiply without bound, "
		    "and setting maxproc fails", "no");
	free(cg2);
	free(v1);
	if (ok == -1)
		goto fail;
	if (add(&v, &n, "cgroup-sock-addr", bpfprobe(
	    BPF_PROG_TYPE_CGROUP_SOCK_ADDR, BPF_CGROUP_INET4_CONNECT), 1,
	    "no jail can start: addresses are enforced by these programs",
	    "%s", bpfprobe(BPF_PROG_TYPE_CGROUP_SOCK_ADDR,
	    BPF_CGROUP_INET4_CONNECT) ? "yes" : "no") == -1 ||
	    add(&v, &n, "cgroup-skb-egress", bpfprobe(
	    BPF_PROG_TYPE_CGROUP_SKB, BPF_CGROUP_INET_EGRESS), 0,
	    "allow.raw_sockets cannot be given", "%s",
	    bpfprobe(BPF_PROG_TYPE_CGROUP_SKB, BPF_CGROUP_INET_EGRESS) ?
	    "yes" : "no") == -1 ||
	    add(&v, &n, "cgroup-unix-hooks", bpfprobe(
	    BPF_PROG_TYPE_CGROUP_SOCK_ADDR, SJ_BPF_CGROUP_UNIX_CONNECT), 0,
	    "abstract AF_UNIX names cannot be rewritten per jail (Linux 6.7)",
	    "%s", bpfprobe(BPF_PROG_TYPE_CGROUP_SOCK_ADDR,
	    SJ_BPF_CGROUP_UNIX_CONNECT) ? "yes" : "no") == -1)
		goto fail;
	*vp = v;
	*np = n;
	return 0;
fail:
	free(v);
	return -1;
}
