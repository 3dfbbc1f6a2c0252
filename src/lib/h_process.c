/*
 * h_process.c: the system calls other than signals that name a process, a
 * process group or a user: ptrace, process_vm_readv/writev, kcmp, the
 * sched_* family, get/setpriority, ioprio_get/set, prlimit64, getpgid,
 * getsid, migrate_pages, move_pages, get_robust_list, capget (SPEC
 * section 1).
 *
 * The pid is a register.  A target outside the jail does not exist: ESRCH.
 * The caller itself (pid 0, its own thread id or its own process id)
 * cannot be reaped while it waits here, so the kernel performs the call
 * (CONTINUE) with exact semantics.  Another target is judged, then:
 *
 *  - ptrace, process_vm_readv/writev, kcmp, migrate_pages, move_pages and
 *    get_robust_list read or trace a process: the kernel performs them
 *    (CONTINUE), and although it resolves the pid again, the Landlock
 *    domain's ptrace check decides atomically at the moment of access: a
 *    process outside the jail, should the number have been recycled in
 *    between, is refused by the kernel.
 *  - prlimit64, the sched_* calls, get/setpriority and ioprio_get/set with
 *    a process, getpgid and getsid have no such check: the supervisor
 *    performs them itself on a target held so that its number cannot be
 *    recycled (a setter), or keeps a getter's answer only if the target
 *    outlived it (proxy.c).  Memory arguments are read once into the
 *    supervisor's copy, results written back.
 *
 * The owner of a descriptor's signals (fcntl F_SETOWN, F_SETOWN_EX, and
 * the FIOSETOWN and SIOCSPGRP ioctls) must be inside the jail: ESRCH.
 *
 * PRIO_USER and IOPRIO_WHO_USER would reach every process of a uid on the
 * host: the supervisor performs them on the jail's processes of that uid.
 */
#include <sys/ptrace.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>

#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <stdint.h>
#include <stdio.h>
#include <linux/capability.h>
#include <linux/ioprio.h>
#include <string.h>
#include <unistd.h>

#include "sysjail_priv.h"
#include "supervisor.h"

#define WHO_PROCESS	1	/* IOPRIO_WHO_* */
#define WHO_PGRP	2
#define WHO_USER	3

/* 1 if pid is the caller, a process of the jail or one of its threads. */
static int
inside(struct sj_call *c, const struct sj_cred *me, pid_t pid)
{
	struct sj_proc	 t;
	int		 r;

	if (pid == me->tgid || pid == (pid_t)c->req->pid)
		return 1;
	if ((r = sj_member(c->sup, pid, &t)) == 1)
		sj_proc_close(&t);
	return r == 1;
}

/* pid 0 means the caller; a negative pid is the kernel's own error. */
static void
bypid(struct sj_call *c, pid_t pid)
{
	struct sj_cred	 me;

	/* Itself (0, or its own thread ID): no need to look anything up. */
	if (pid <= 0 || pid == (pid_t)c->req->pid) {
		sj_continue(c);
		return;
	}
	/*
	 * Membership by cgroup (member.c) finds the caller's own process a
	 * member like any other: its identity need not be read.
	 */
	if (c->sup->cgid != 0)
		me.tgid = 0;
	else if (sj_caller_cred(c, &me) == -1)
		return;
	if (inside(c, &me, pid))
		sj_continue(c);
	else
		sj_refuse(c, ESRCH);
}

/* A memory argument: read once into the supervisor's copy. */
static int
argin(struct sj_call *c, uint64_t addr, void *buf, size_t len)
{
	if (sj_peek(c, addr, buf, len) == -1) {
		if (!c->gone)
			sj_refuse(c, EFAULT);
		return -1;
	}
	return 0;
}

/* A result: written back, or EFAULT as the kernel's copy-out would give. */
static void
argout(struct sj_call *c, uint64_t addr, const void *buf, size_t len,
    long ret)
{
	if (len > 0 && sj_poke(c, addr, buf, len) == -1) {
		if (!c->gone)
			sj_refuse(c, EFAULT);
	} else
		sj_answer(c, ret);
}

/* The size of the kernel's cpu mask, as sched_getaffinity(2) copies it. */
static long
cpumasksize(void)
{
	static long	 size;
	unsigned char	 m[SJ_PX_DATA];

	if (size <= 0)
		size = syscall(SYS_sched_getaffinity, 0, 8192, m);
	return size;
}

#define SCHED_ATTR_V0	48	/* SCHED_ATTR_SIZE_VER0 */
#define PAGE		4096	/* the kernel's bound on a sched_attr */

/*
 * The call name, by an x86_64 or i386 caller, aimed at pid, which is not
 * the caller: performed by the supervisor on the member pid names (see
 * proxy.c and the top of this file).  name is a call sj_h_pid() receives,
 * or prlimit64, getpriority, setpriority, ioprio_get, ioprio_set (whose
 * "which" is a process).
 */
static void
proxied(struct sj_call *c, const struct sj_cred *me, pid_t pid,
    const char *name)
{
	struct sj_proc		 t;
	struct sj_shared	*sh;
	unsigned char		*d;
	const struct sj_cred	*as = NULL;
	unsigned int		 flags = 0;
	uint64_t		 out = 0;
	size_t			 outlen = 0, n;
	long			 a[6] = { pid, 0, 0, 0, 0, 0 }, nr = -1;
	uint32_t		 size;
	int			 fd, r, e;

	if ((r = sj_member(c->sup, pid, &t)) != 1) {
		sj_refuse(c, r == -1 ? errno : ESRCH);
		return;
	}
	/* The directory, opened after the pidfd and checked against it. */
	fd = sj_proc_dir(c->sup, &t) == -1 ? -1 : sj_task_open(&t, pid);
	sj_proc_close(&t);
	if (fd == -1) {
		sj_refuse(c, ESRCH);
		return;
	}
	if ((sh = sj_shared_map()) == NULL) {
		sj_refuse(c, errno);
		close(fd);
		return;
	}
	d = sh->data;
	memset(d, 0, sizeof(sh->data));
	if (strcmp(name, "getpgid") == 0)
		nr = SYS_getpgid;
	else if (strcmp(name, "getsid") == 0)
		nr = SYS_getsid;
	else if (strcmp(name, "sched_getscheduler") == 0)
		nr = SYS_sched_getscheduler;
	else if (strcmp(name, "sched_getparam") == 0) {
		nr = SYS_sched_getparam;
		a[1] = c->args[1] ? (long)d : 0;
		out = c->args[1];
		outlen = sizeof(int);
	} else if (strcmp(name, "sched_setparam") == 0 ||
	    strcmp(name, "sched_setscheduler") == 0) {
		int	 pi = strcmp(name, "sched_setparam") == 0 ? 1 : 2;

		nr = pi == 1 ? SYS_sched_setparam : SYS_sched_setscheduler;
		a[1] = (int32_t)c->args[1];
		if (c->args[pi] != 0 && argin(c, c->args[pi], d,
		    sizeof(int)) == -1)
			goto out;
		a[pi] = c->args[pi] ? (long)d : 0;
		flags = SJ_PX_PIN;
		as = me;
	} else if (strcmp(name, "sched_setaffinity") == 0) {
		nr = SYS_sched_setaffinity;
		n = c->args[1] < (uint64_t)cpumasksize() ? (size_t)c->args[1] :
		    (size_t)cpumasksize();
		if (n > sizeof(sh->data))
			n = sizeof(sh->data);
		if (n > 0 && argin(c, c->args[2], d, n) == -1)
			goto out;
		a[1] = (long)n;
		a[2] = (long)d;
		flags = SJ_PX_PIN;
		as = me;
	} else if (strcmp(name, "sched_getaffinity") == 0) {
		uint64_t	 len = c->args[1];

		nr = SYS_sched_getaffinity;
		if (c->abi == SJ_ABI_I386) {
			/* compat: a multiple of 4 bytes */
			if (len & 3) {
				sj_refuse(c, EINVAL);
				goto out;
			}
			len = (uint64_t)cpumasksize() <= len ?
			    (uint64_t)cpumasksize() : (len + 7) & ~7ULL;
		} else if (len > 8192)
			len = 8192 + (len & 7);
		a[1] = (long)len;
		a[2] = (long)d;
		out = c->args[2];
	} else if (strcmp(name, "sched_rr_get_interval") == 0 ||
	    strcmp(name, "sched_rr_get_interval_time64") == 0) {
		nr = SYS_sched_rr_get_interval;
		a[1] = (long)d;
		out = c->args[1];
		outlen = 16;
	} else if (strcmp(name, "sched_setattr") == 0) {
		nr = SYS_sched_setattr;
		a[2] = (long)(uint32_t)c->args[2];
		if (c->args[1] != 0) {
			if (argin(c, c->args[1], &size, sizeof(size)) == -1)
				goto out;
			n = size == 0 ? SCHED_ATTR_V0 : size;
			if (n < SCHED_ATTR_V0 || n > PAGE)
				memcpy(d, &size, sizeof(size));
			else if (argin(c, c->args[1], d, n) == -1)
				goto out;
			a[1] = (long)d;
		}
		flags = SJ_PX_PIN;
		as = me;
	} else if (strcmp(name, "sched_getattr") == 0) {
		nr = SYS_sched_getattr;
		a[1] = c->args[1] ? (long)d : 0;
		a[2] = (long)(uint32_t)c->args[2];
		a[3] = (long)(uint32_t)c->args[3];
		out = c->args[1];
	} else if (strcmp(name, "prlimit64") == 0) {
		nr = SYS_prlimit64;
		a[1] = (int32_t)c->args[1];
		if (c->args[2] != 0) {
			if (argin(c, c->args[2], d, 16) == -1)
				goto out;
			a[2] = (long)d;
			flags = SJ_PX_PIN;
		}
		if (c->args[3] != 0) {
			a[3] = (long)(d + 16);
			out = c->args[3];
			outlen = 16;
		}
		as = me;		/* the kernel checks the caller's ids */
	} else if (strcmp(name, "getpriority") == 0 ||
	    strcmp(name, "ioprio_get") == 0) {
		nr = name[0] == 'g' ? SYS_getpriority : SYS_ioprio_get;
		a[0] = (int32_t)c->args[0];
		a[1] = pid;
	} else if (strcmp(name, "setpriority") == 0 ||
	    strcmp(name, "ioprio_set") == 0) {
		nr = name[0] == 's' ? SYS_setpriority : SYS_ioprio_set;
		a[0] = (int32_t)c->args[0];
		a[1] = pid;
		a[2] = (int32_t)c->args[2];
		flags = SJ_PX_PIN;
		as = me;
	}
	if (nr == -1) {
		sj_refuse(c, ENOSYS);	/* a call this file does not know */
		goto out;
	}
	if (sj_proxy(fd, pid, flags, as, sh, nr, a) == -1) {
		sj_refuse(c, errno);
		goto out;
	}
	if (sh->ret == -1 && sh->err != 0) {
		e = sh->err;
		/* sched_setattr tells the size it knows on E2BIG. */
		if (e == E2BIG && nr == SYS_sched_setattr && c->args[1] != 0)
			(void)sj_poke(c, c->args[1], d, sizeof(uint32_t));
		if (!c->gone)
			sj_refuse(c, e);
		goto out;
	}
	if (out == 0) {
		sj_answer(c, sh->ret);
		goto out;
	}
	if (nr == SYS_sched_getaffinity) {
		outlen = (size_t)sh->ret;
		if (outlen > c->args[1])
			outlen = (size_t)c->args[1];
		argout(c, out, d, outlen, (long)outlen);
	} else if (nr == SYS_sched_getattr) {
		memcpy(&size, d, sizeof(size));
		outlen = size < (uint32_t)c->args[2] ? size :
		    (uint32_t)c->args[2];
		argout(c, out, d, outlen, sh->ret);
	} else if (nr == SYS_sched_rr_get_interval && c->abi == SJ_ABI_I386 &&
	    strcmp(name, "sched_rr_get_interval") == 0) {
		int64_t	 ts[2];
		int32_t	 ts32[2];

		memcpy(ts, d, sizeof(ts));	/* 32-bit time_t */
		ts32[0] = (int32_t)ts[0];
		ts32[1] = (int32_t)ts[1];
		argout(c, out, ts32, sizeof(ts32), sh->ret);
	} else if (nr == SYS_prlimit64)
		argout(c, out, d + 16, outlen, sh->ret);
	else
		argout(c, out, d, outlen, sh->ret);
out:
	sj_shared_unmap(sh);
	close(fd);
}

/* Is name answered by the Landlock domain's ptrace check? (See the top.) */
static int
tracecheck(const char *name)
{
	static const char *const v[] = { "ptrace", "process_vm_readv",
	    "process_vm_writev", "migrate_pages", "move_pages",
	    "get_robust_list", NULL };
	int	 i;

	for (i = 0; v[i] != NULL; i++)
		if (strcmp(name, v[i]) == 0)
			return 1;
	return 0;
}

/*
 * A call naming the process pid: the caller's own is the kernel's, another
 * is judged, then the kernel's (tracecheck()) or performed (proxied()).
 */
static void
onpid(struct sj_call *c, pid_t pid, const char *name)
{
	struct sj_cred	 me;

	if (name == NULL) {
		sj_refuse(c, ENOSYS);
		return;
	}
	/* Itself (0, or its own thread ID): no need to look anything up. */
	if (pid <= 0 || pid == (pid_t)c->req->pid) {
		sj_continue(c);
		return;
	}
	if (sj_caller_cred(c, &me) == -1)
		return;
	if (pid == me.tgid)
		sj_continue(c);	/* its own process: cannot be reaped now */
	else if (tracecheck(name))
		bypid(c, pid);
	else
		proxied(c, &me, pid, name);
}

void
sj_h_pid(struct sj_call *c)
{
	onpid(c, (int32_t)c->args[0], sj_syscall_name(c->abi,
	    (int)c->req->data.nr));
}

void
sj_h_ptrace(struct sj_call *c)
{
	if ((int32_t)c->args[0] == PTRACE_TRACEME)
		sj_continue(c);		/* names no other process */
	else
		bypid(c, (int32_t)c->args[1]);
}

/*
 * prlimit64(2).  Jailed root keeps CAP_SYS_RESOURCE so that it may raise
 * its limits, as FreeBSD allows; but raising RLIMIT_NICE or RLIMIT_RTPRIO
 * would let it lower nice values or take a realtime class, which FreeBSD
 * refuses to jailed root.  The command starts with both at 0 and may not
 * set them; reading them stays allowed.
 */
void
sj_h_prlimit(struct sj_call *c)
{
	int	 res = (int32_t)c->args[1];

	if ((res == RLIMIT_NICE || res == RLIMIT_RTPRIO) && c->args[2] != 0)
		sj_refuse(c, EPERM);
	else
		onpid(c, (int32_t)c->args[0], "prlimit64");
}

void
sj_h_kcmp(struct sj_call *c)
{
	struct sj_cred	 me;
	pid_t		 a = (int32_t)c->args[0], b = (int32_t)c->args[1];

	if (sj_caller_cred(c, &me) == -1)
		return;
	if ((a <= 0 || inside(c, &me, a)) && (b <= 0 || inside(c, &me, b)))
		sj_continue(c);
	else
		sj_refuse(c, ESRCH);
}

/*
 * The number of data structures capget(2) fills for a header's version: 1
 * or 2, or 0 for a version the kernel does not know.  Pure: fuzzed.
 */
size_t
sj_capget_words(uint32_t version)
{
	switch (version) {
	case _LINUX_CAPABILITY_VERSION_1:
		return 1;
	case _LINUX_CAPABILITY_VERSION_2:
	case _LINUX_CAPABILITY_VERSION_3:
		return 2;
	default:
		return 0;
	}
}

/*
 * capget(2) names its process in memory, in the header, so the supervisor
 * reads the header once, judges the pid, performs capget itself on its own
 * copy (reading capabilities needs no privilege) and writes the result to
 * the caller: the kernel never reads the header again.  A directory of the
 * target, opened before the membership check, is read again after capget:
 * if the process was reaped in between, its number may have named another
 * process during capget, and the answer is ESRCH instead of what was read.
 */
void
sj_h_capget(struct sj_call *c)
{
	struct __user_cap_header_struct	 h;
	struct __user_cap_data_struct	 d[2];
	struct sj_cred			 me;
	struct sj_pstat			 st;
	char				 name[16];
	size_t				 n;
	pid_t				 pid;
	int				 dfd;

	if (sj_peek(c, c->args[0], &h, sizeof(h)) == -1) {
		if (!c->gone)
			sj_refuse(c, EFAULT);
		return;
	}
	if ((n = sj_capget_words(h.version)) == 0) {
		/* The kernel names the version it prefers. */
		h.version = _LINUX_CAPABILITY_VERSION_3;
		if (sj_poke(c, c->args[0], &h.version, sizeof(h.version)) ==
		    -1) {
			if (!c->gone)
				sj_refuse(c, EFAULT);
		} else if (c->args[1] == 0)
			sj_answer(c, 0);
		else
			sj_refuse(c, EINVAL);
		return;
	}
	if (c->args[1] == 0) {
		sj_answer(c, 0);	/* a probe of the version */
		return;
	}
	if ((pid = h.pid) < 0) {
		sj_refuse(c, EINVAL);
		return;
	}
	if (pid == 0)
		pid = (pid_t)c->req->pid;	/* the calling thread */
	snprintf(name, sizeof(name), "%d", (int)pid);
	if ((dfd = openat(c->sup->procfd, name, O_RDONLY | O_DIRECTORY |
	    O_CLOEXEC)) == -1) {
		sj_refuse(c, ESRCH);
		return;
	}
	if (sj_caller_cred(c, &me) == -1)
		goto out;
	if (!inside(c, &me, pid)) {
		sj_refuse(c, ESRCH);
		goto out;
	}
	h.pid = pid;
	memset(d, 0, sizeof(d));
	if (syscall(SYS_capget, &h, d) == -1 || sj_pstat_read(dfd, &st) == -1)
		sj_refuse(c, ESRCH);
	else if (sj_poke(c, c->args[1], d, n * sizeof(d[0])) == -1) {
		if (!c->gone)
			sj_refuse(c, EFAULT);
	} else
		sj_answer(c, 0);
out:
	close(dfd);
}

struct pgrpfind {
	pid_t	 pgrp;
	int	 found;
};

static int
pgrpone(struct sj_sup *s, struct sj_proc *t, void *arg)
{
	struct pgrpfind	*f = arg;

	(void)s;
	if (t->st.pgrp == f->pgrp)
		f->found = 1;
	return f->found;
}

/* Does a process of the jail belong to process group pgrp? */
int
sj_jailpgrp(struct sj_sup *s, pid_t pgrp)
{
	struct pgrpfind	 f = { pgrp, 0 };

	return sj_members(s, pgrpone, &f) >= 0 && f.found;
}

/* The jail's processes whose real uid is uid, one operation each. */
struct byuser {
	struct sj_call		*c;
	const struct sj_cred	*me;
	uid_t			 uid;
	pid_t			 pgrp;		/* > 0: the group's, not uid's */
	int			 set;		/* set, or get */
	int			 io;		/* ioprio, or nice */
	long			 value;		/* to set */
	long			 result;
	int			 found;
	int			 err;
};

static int
ioprio_best(int a, int b)
{
	int	 def = IOPRIO_PRIO_VALUE(IOPRIO_CLASS_BE, 4);

	if (IOPRIO_PRIO_CLASS(a) == IOPRIO_CLASS_NONE)
		a = def;
	if (IOPRIO_PRIO_CLASS(b) == IOPRIO_CLASS_NONE)
		b = def;
	return a < b ? a : b;
}

/*
 * Performs nr(a0, t's pid, a2), a setter, on the held member t, holding it
 * meanwhile (proxy.c), with the supervisor's credentials: the callers
 * made the kernel's permission checks on the caller's.  Returns the
 * call's result, or -1 with errno.
 */
static long
onheld(struct sj_proc *t, long nr, long a0, long a2)
{
	struct sj_shared	*sh;
	long			 a[6] = { a0, t->pid, a2, 0, 0, 0 }, r = -1;
	int			 fd, e;

	if ((fd = sj_task_open(t, t->pid)) == -1)
		return -1;
	if ((sh = sj_shared_map()) == NULL) {
		e = errno;
		close(fd);
		errno = e;
		return -1;
	}
	if (sj_proxy(fd, t->pid, SJ_PX_PIN, NULL, sh, nr, a) == 0) {
		r = sh->ret;
		e = sh->err;
	} else
		e = errno;
	sj_shared_unmap(sh);
	close(fd);
	errno = e;
	return r;
}

static int
userone(struct sj_sup *s, struct sj_proc *t, void *arg)
{
	struct byuser	*u = arg;
	struct sj_cred	 tc;
	long		 v;
	int		 capnice;

	(void)s;
	if (sj_cred_read(t->dirfd, "status", &tc) == -1)
		return 0;
	if (u->pgrp > 0) {
		struct sj_pstat	 st;

		if (sj_pstat_read(t->dirfd, &st) == -1 || st.pgrp != u->pgrp)
			return 0;
	} else if (tc.uid[0] != u->uid)
		return 0;
	capnice = (u->me->capeff & (1ULL << CAP_SYS_NICE)) != 0;
	if (!u->set) {
		errno = 0;
		v = u->io ? syscall(SYS_ioprio_get, WHO_PROCESS, t->pid) :
		    syscall(SYS_getpriority, PRIO_PROCESS, t->pid);
		/* Still the process we held: the value is its own. */
		if (v == -1 || sj_cred_read(t->dirfd, "status", &tc) == -1)
			return 0;
		if (!u->found)
			u->result = v;
		else if (u->io)
			u->result = ioprio_best((int)u->result, (int)v);
		else if (v > u->result)
			u->result = v;	/* the kernel's 20 - nice: highest */
		u->found = 1;
		return 0;
	}
	u->found = 1;
	if (u->io) {
		/* The kernel's set_task_ioprio() permission. */
		if (tc.uid[0] != u->me->uid[1] && tc.uid[0] != u->me->uid[0] &&
		    !capnice)
			u->err = EPERM;
		else if (onheld(t, SYS_ioprio_set, WHO_PROCESS, u->value) ==
		    -1)
			u->err = errno;
		return u->err != 0;
	}
	/* The kernel's set_one_prio(): the first failure sticks. */
	errno = 0;
	v = syscall(SYS_getpriority, PRIO_PROCESS, t->pid);
	if (tc.uid[0] != u->me->uid[1] && tc.uid[1] != u->me->uid[1] &&
	    !capnice)
		u->err = EPERM;
	else if (v != -1 && u->value < 20 - v && !capnice)
		u->err = EACCES;	/* lowering nice: FreeBSD's EACCES */
	else if (onheld(t, SYS_setpriority, PRIO_PROCESS, u->value) == -1) {
		if (u->err == 0)
			u->err = errno;
	}
	return 0;
}

/*
 * PRIO_USER and PRIO_PGRP (who > 0): performed member by member, each
 * held meanwhile, as the kernel walks the user's or the group's tasks; a
 * group or user number the kernel looked up itself could name an outside
 * one by then.
 */
static void
foruser(struct sj_call *c, int io, int set, uid_t who, pid_t pgrp,
    long value)
{
	struct sj_cred	 me;
	struct byuser	 u;

	if (sj_caller_cred(c, &me) == -1)
		return;
	memset(&u, 0, sizeof(u));
	u.c = c;
	u.me = &me;
	u.uid = who ? who : me.uid[0];
	u.pgrp = pgrp;
	u.set = set;
	u.io = io;
	u.value = value;
	if (sj_members(c->sup, userone, &u) == -1)
		sj_refuse(c, errno);
	else if (!u.found)
		sj_refuse(c, ESRCH);
	else if (u.err)
		sj_refuse(c, u.err);
	else
		sj_answer(c, set ? 0 : u.result);
}

/*
 * What the kernel checks of a setter before it looks anything up: nice
 * values clamped, an I/O priority's class and the caller's capability.
 * 0, or -1 with the call answered.
 */
static int
setcheck(struct sj_call *c, int io, int set, long *value)
{
	if (set && !io)		/* the kernel clamps nice values */
		*value = *value < -20 ? -20 : *value > 19 ? 19 : *value;
	if (io && set) {
		/* The kernel's ioprio_check_cap(), before any lookup. */
		struct sj_cred	 me;
		long		 v = *value;
		int		 cls = IOPRIO_PRIO_CLASS(v);

		if (sj_caller_cred(c, &me) == -1)
			return -1;
		if (cls == IOPRIO_CLASS_RT && !(me.capeff &
		    ((1ULL << CAP_SYS_NICE) | (1ULL << CAP_SYS_ADMIN)))) {
			sj_refuse(c, EPERM);
			return -1;
		}
		if (cls > IOPRIO_CLASS_IDLE || (cls != IOPRIO_CLASS_NONE &&
		    IOPRIO_PRIO_DATA(v) >= 8) ||
		    (cls == IOPRIO_CLASS_NONE && v != 0)) {
			sj_refuse(c, EINVAL);
			return -1;
		}
	}
	return 0;
}

static void
prio(struct sj_call *c, int io, int set)
{
	int	 which = (int32_t)c->args[0];
	pid_t	 who = (int32_t)c->args[1];
	long	 value = (int32_t)c->args[2];

	if ((!io && which == PRIO_PROCESS) || (io && which == WHO_PROCESS))
		onpid(c, who, io ? (set ? "ioprio_set" : "ioprio_get") :
		    (set ? "setpriority" : "getpriority"));
	else if ((!io && which == PRIO_PGRP) || (io && which == WHO_PGRP)) {
		/* 0: the caller's own group, which it keeps while blocked. */
		if (who == 0)
			sj_continue(c);
		else if (who < 0 || !sj_jailpgrp(c->sup, who))
			sj_refuse(c, ESRCH);
		else if (setcheck(c, io, set, &value) == 0)
			foruser(c, io, set, 0, who, value);
	} else if ((!io && which == PRIO_USER) || (io && which == WHO_USER)) {
		if (setcheck(c, io, set, &value) == 0)
			foruser(c, io, set, (uid_t)who, 0, value);
	} else
		sj_continue(c);		/* the kernel's EINVAL */
}



void
sj_h_getpriority(struct sj_call *c)
{
	prio(c, 0, 0);
}

void
sj_h_setpriority(struct sj_call *c)
{
	prio(c, 0, 1);
}

void
sj_h_ioprio_get(struct sj_call *c)
{
	prio(c, 1, 0);
}

void
sj_h_ioprio_set(struct sj_call *c)
{
	prio(c, 1, 1);
}

/*
 * The owner of a descriptor's signals (F_SETOWN and its kin): the process,
 * or with a negative value the process group, that SIGIO and SIGURG of the
 * descriptor go to.  FreeBSD answers ESRCH for a process or group outside
 * the jail; so does the jail, whatever the kernel would later let through.
 * Returns 1 if v (a pid, or -pgid) names the caller, the jail's processes,
 * or nobody (0), else 0.
 */
static int
ownerinside(struct sj_call *c, const struct sj_cred *me, int64_t v)
{
	if (v == 0)
		return 1;
	if (v > 0)
		return v <= INT32_MAX && inside(c, me, (pid_t)v);
	return v >= -INT32_MAX && sj_jailpgrp(c->sup, (pid_t)-v);
}

/*
 * Performs fcntl(fd, cmd, arg) with the credentials of the caller me, in a
 * child of the supervisor: the owner of a descriptor records the real and
 * effective uid of whoever sets it, and the kernel checks them for every
 * signal it sends, so that a jailed user may not signal another user's
 * processes through a descriptor the supervisor set.  Returns 0, or an
 * errno value.
 */
static int
ascaller(const struct sj_cred *me, int fd, int cmd, const void *arg)
{
	pid_t	 pid;
	int	 st;

	if ((pid = fork()) == -1)
		return errno;
	if (pid == 0) {
		if (setgroups(0, NULL) == -1 ||
		    setresgid(me->gid[0], me->gid[1], me->gid[1]) == -1 ||
		    setresuid(me->uid[0], me->uid[1], me->uid[1]) == -1)
			_exit(EPERM);
		_exit(fcntl(fd, cmd, arg) == -1 ? errno : 0);
	}
	while (waitpid(pid, &st, __WALL) == -1)
		if (errno != EINTR)
			return EIO;
	return WIFEXITED(st) ? WEXITSTATUS(st) : EIO;
}

/*
 * A pid (or -pgid) read from the caller's memory: judged on the copy, then
 * set by the supervisor itself on the caller's descriptor (taken with
 * pidfd_getfd), never by letting the kernel read the memory again.  The
 * process named, or a process of the group named, is pinned by its /proc
 * directory opened before the check and read again after the call: if it
 * was reaped in between, its number may have named another process, and
 * the owner is cleared again and the answer is ESRCH.
 */
static void
setowner(struct sj_call *c, const struct sj_cred *me, int sfd, int cmd,
    const void *arg, int64_t v)
{
	struct sj_pstat	 st;
	char		 name[16];
	int		 dfd = -1, e;

	if (v > 0) {
		snprintf(name, sizeof(name), "%lld", (long long)v);
		if ((dfd = openat(c->sup->procfd, name, O_RDONLY |
		    O_DIRECTORY | O_CLOEXEC)) == -1) {
			sj_refuse(c, ESRCH);
			return;
		}
	}
	if (!ownerinside(c, me, v))
		sj_refuse(c, ESRCH);
	else if ((e = ascaller(me, sfd, cmd, arg)) != 0)
		sj_refuse(c, e);
	else if ((dfd != -1 && sj_pstat_read(dfd, &st) == -1) ||
	    (v < 0 && !sj_jailpgrp(c->sup, (pid_t)-v))) {
		(void)ascaller(me, sfd, F_SETOWN, (const void *)0);
		sj_refuse(c, ESRCH);
	} else
		sj_answer(c, 0);
	if (dfd != -1)
		close(dfd);
}

/* fcntl(fd, F_SETOWN_EX, &owner): the owner is in memory, read once. */
static void
setownex(struct sj_call *c)
{
	struct f_owner_ex	 o;
	struct sj_cred		 me;
	int64_t			 v;
	int			 sfd;

	if (sj_peek(c, c->args[2], &o, sizeof(o)) == -1) {
		if (!c->gone)
			sj_refuse(c, EFAULT);
		return;
	}
	switch (o.type) {
	case F_OWNER_TID:
	case F_OWNER_PID:
		v = o.pid;
		break;
	case F_OWNER_PGRP:
		v = -(int64_t)o.pid;
		break;
	default:
		sj_refuse(c, EINVAL);
		return;
	}
	if (o.pid < 0) {
		sj_refuse(c, EINVAL);
		return;
	}
	if ((sfd = sj_caller_fd(c, &me, (int32_t)c->args[0])) == -1)
		return;
	setowner(c, &me, sfd, F_SETOWN_EX, &o, v);
	close(sfd);
}

/*
 * fcntl(fd, F_SETOWN, v): v is a register, so the kernel performs the call
 * (CONTINUE) once v is judged, with the caller's credentials and Landlock
 * domain; that domain's signal scope refuses any signal to a process
 * outside the jail should the pid have been recycled in between.
 */
void
sj_h_fsetown(struct sj_call *c)
{
	struct sj_cred	 me;

	if ((int32_t)c->args[1] != F_SETOWN) {
		setownex(c);
		return;
	}
	if ((int32_t)c->args[2] == INT32_MIN) {
		sj_refuse(c, EINVAL);	/* a group with no positive number */
		return;
	}
	if (sj_caller_cred(c, &me) == -1)
		return;
	if (ownerinside(c, &me, (int32_t)c->args[2]))
		sj_continue(c);
	else
		sj_refuse(c, ESRCH);
}

/*
 * ioctl(fd, FIOSETOWN or SIOCSPGRP, &v): sockets' own way of setting the
 * owner, the same as F_SETOWN with v, which is in memory: read once, and
 * set by the supervisor as F_SETOWN.  Only sockets know these commands: on
 * any other descriptor the answer is the kernel's, ENOTTY.
 */
void
sj_h_iosetown(struct sj_call *c)
{
	struct stat	 sb;
	struct sj_cred	 me;
	int32_t		 v;
	int		 sfd;

	if (sj_peek(c, c->args[2], &v, sizeof(v)) == -1) {
		if (!c->gone)
			sj_refuse(c, EFAULT);
		return;
	}
	if (v == INT32_MIN) {
		sj_refuse(c, EINVAL);
		return;
	}
	/* Not a socket: no owner is set; ENOTTY, as the kernel answers. */
	if ((sfd = sj_caller_fd(c, &me, (int32_t)c->args[0])) == -1)
		return;
	if (fstat(sfd, &sb) == -1 || !S_ISSOCK(sb.st_mode))
		sj_refuse(c, ENOTTY);
	else
		setowner(c, &me, sfd, F_SETOWN, (const void *)(intptr_t)v, v);
	close(sfd);
}
