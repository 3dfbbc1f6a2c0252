/*
 * hproc.c: kill(2), tkill(2) and tgkill(2), FreeBSD's prison_check on Linux.
 *
 * A target outside the jail does not exist for a jailed process: ESRCH.
 * Inside, the caller gets the host's answer.  Every decision here is taken
 * on register values and on /proc state read through descriptors bound to
 * one process (proc.c), and the signal is delivered by the supervisor
 * through a pidfd, which never reaches a recycled pid.  Because the
 * supervisor sends it, the receiver sees si_code SI_QUEUE with the jailed
 * sender's pid and uid (the kernel reserves SI_USER to the real sender).
 *
 * The one exception is a signal to the caller's own process: its pid cannot
 * be recycled while the caller waits in this call, so the kernel is allowed
 * to perform it (CONTINUE), with exact semantics.  That decision reads no
 * memory.
 */
#include <linux/capability.h>
#include <sys/syscall.h>

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "sysjail_priv.h"

#define KSIG_MAX	64	/* the kernel's _NSIG */

static int
validsig(int sig)
{
	return sig >= 0 && sig <= KSIG_MAX;
}

/* The kernel's check_kill_permission(), on identities read from /proc. */
static int
maysignal(const struct sj_cred *me, pid_t mysess, const struct sj_cred *t,
    pid_t tsess, int sig)
{
	if (me->tgid == t->tgid)
		return 1;
	if (me->uid[1] == t->uid[2] || me->uid[1] == t->uid[0] ||
	    me->uid[0] == t->uid[2] || me->uid[0] == t->uid[0])
		return 1;
	if (me->capeff & (1ULL << CAP_KILL))
		return 1;
	return sig == SIGCONT && mysess == tsess;
}

static pid_t
session_of(struct sj_sup *s, pid_t pid)
{
	struct sj_pstat	 st;
	char		 name[32];
	int		 d;

	snprintf(name, sizeof(name), "%d", (int)pid);
	if ((d = openat(s->procfd, name, O_RDONLY | O_DIRECTORY |
	    O_CLOEXEC)) == -1)
		return -1;
	if (sj_pstat_read(d, &st) == -1)
		st.session = -1;
	close(d);
	return st.session;
}

/*
 * Sends sig to the held process t (tid 0) or to its thread tid.  Returns 0
 * or -1 with errno.
 */
static int
deliver(struct sj_sup *s, const struct sj_cred *me, struct sj_proc *t,
    pid_t tid, int sig)
{
	siginfo_t	 si;
	char		 path[64];
	int		 fd, r, save;

	if (sig == 0)
		return 0;
	memset(&si, 0, sizeof(si));
	si.si_signo = sig;
	si.si_code = SI_QUEUE;
	si.si_pid = me->tgid;
	si.si_uid = me->uid[0];
	if (tid == 0)
		return sj_pidfd_signal(t->pidfd, sig, &si, 0);
	if (!s->pidfd_thread) {
		/*
		 * Before Linux 6.9 no pidfd names a thread: the tgid/tid pair
		 * narrows the target, and the Landlock scope (6.12) is the
		 * backstop.  Documented in sysjail(3).
		 */
		return (int)syscall(SYS_rt_tgsigqueueinfo, t->pid, tid, sig,
		    &si);
	}
	/* Open first, then check the thread belongs to t: see proc.c. */
	if ((fd = sj_pidfd_open(tid, PIDFD_THREAD)) == -1)
		return -1;
	snprintf(path, sizeof(path), "task/%d", (int)tid);
	if (faccessat(t->dirfd, path, F_OK, 0) == -1) {
		close(fd);
		errno = ESRCH;
		return -1;
	}
	r = sj_pidfd_signal(fd, sig, &si, PIDFD_SIGNAL_THREAD);
	save = errno;
	close(fd);
	errno = save;
	return r;
}

/* Permission and delivery for one held member; returns 0 or an errno. */
static int
signal_one(struct sj_sup *s, const struct sj_cred *me, pid_t mysess,
    struct sj_proc *t, pid_t tid, int sig)
{
	struct sj_cred	 tc;

	if (sj_cred_read(t->dirfd, "status", &tc) == -1)
		return ESRCH;
	if (!maysignal(me, mysess, &tc, t->st.session, sig))
		return EPERM;
	return deliver(s, me, t, tid, sig) == -1 ? errno : 0;
}

struct bcast {
	const struct sj_cred	*me;
	pid_t			 mysess;
	pid_t			 pgrp;		/* 0: every process */
	int			 sig;
	int			 found;
	int			 sent;
	int			 err;
};

static int
bcast_one(struct sj_sup *s, struct sj_proc *t, void *arg)
{
	struct bcast	*b = arg;
	int		 e;

	if (b->pgrp == 0 && t->pid == b->me->tgid)
		return 0;		/* kill(-1) spares the caller */
	if (b->pgrp != 0 && t->st.pgrp != b->pgrp)
		return 0;
	b->found++;
	if ((e = signal_one(s, b->me, b->mysess, t, 0, b->sig)) == 0)
		b->sent++;
	else
		b->err = e;
	return 0;
}

/* kill(-1, sig) and kill(-pgrp, sig), inside the jail only. */
static void
broadcast(struct sj_call *c, const struct sj_cred *me, pid_t pgrp, int sig)
{
	struct bcast	 b;

	memset(&b, 0, sizeof(b));
	b.me = me;
	b.mysess = sig == SIGCONT ? session_of(c->sup, me->tgid) : -1;
	b.pgrp = pgrp;
	b.sig = sig;
	if (!validsig(sig)) {
		sj_refuse(c, EINVAL);
		return;
	}
	if (sj_members(c->sup, bcast_one, &b) == -1) {
		sj_refuse(c, errno);
		return;
	}
	if (b.found == 0)
		sj_refuse(c, ESRCH);
	else if (pgrp == 0)
		/* As the kernel: a refusal by one process is no error. */
		sj_answer(c, 0);
	else if (b.sent > 0)
		sj_answer(c, 0);
	else
		sj_refuse(c, b.err);
}

/* A process (pid > 0) or one of its threads (tid > 0). */
static void
target(struct sj_call *c, const struct sj_cred *me, pid_t pid, pid_t tid,
    int sig)
{
	struct sj_proc	 t;
	pid_t		 mysess;
	char		 path[64];
	int		 e, r;

	r = sj_member(c->sup, pid, &t);
	if (r == -1) {
		sj_refuse(c, errno);
		return;
	}
	if (r == 0) {
		sj_refuse(c, ESRCH);	/* outside: it does not exist */
		return;
	}
	if (tid != 0) {
		snprintf(path, sizeof(path), "task/%d", (int)tid);
		if (faccessat(t.dirfd, path, F_OK, 0) == -1) {
			sj_proc_close(&t);
			sj_refuse(c, ESRCH);
			return;
		}
	}
	if (!validsig(sig)) {
		sj_proc_close(&t);
		sj_refuse(c, EINVAL);
		return;
	}
	mysess = sig == SIGCONT ? session_of(c->sup, me->tgid) : -1;
	e = signal_one(c->sup, me, mysess, &t, tid, sig);
	sj_proc_close(&t);
	if (e)
		sj_refuse(c, e);
	else
		sj_answer(c, 0);
}

void
sj_h_kill(struct sj_call *c)
{
	struct sj_cred	 me;
	pid_t		 pid = (int32_t)c->args[0];
	int		 sig = (int32_t)c->args[1];

	if (sj_caller_cred(c, &me) == -1)
		return;
	if (pid == me.tgid && validsig(sig))
		sj_continue(c);		/* own process: pinned, no memory read */
	else if (pid > 0)
		target(c, &me, pid, 0, sig);
	else if (pid == -1)
		broadcast(c, &me, 0, sig);
	else if (pid == INT_MIN)
		sj_refuse(c, ESRCH);
	else if (pid == 0)
		/* The filter lets kill(0) through; keep the same answer. */
		sj_continue(c);
	else
		broadcast(c, &me, -pid, sig);
}

void
sj_h_tkill(struct sj_call *c)
{
	struct sj_cred	 me;
	pid_t		 tid = (int32_t)c->args[0];
	int		 sig = (int32_t)c->args[1];

	if (tid <= 0) {
		sj_refuse(c, EINVAL);
		return;
	}
	if (sj_caller_cred(c, &me) == -1)
		return;
	if (tid == (pid_t)c->req->pid && validsig(sig))
		sj_continue(c);		/* the calling thread itself */
	else
		target(c, &me, tid, tid, sig);
}

void
sj_h_tgkill(struct sj_call *c)
{
	struct sj_cred	 me;
	struct sj_proc	 t;
	pid_t		 tgid = (int32_t)c->args[0];
	pid_t		 tid = (int32_t)c->args[1];
	int		 sig = (int32_t)c->args[2];

	if (tgid <= 0 || tid <= 0) {
		sj_refuse(c, EINVAL);
		return;
	}
	if (sj_caller_cred(c, &me) == -1)
		return;
	if (tgid == me.tgid && tid == (pid_t)c->req->pid && validsig(sig)) {
		sj_continue(c);		/* the calling thread itself */
		return;
	}
	/* tgid must name a thread group leader of the jail. */
	if (sj_member(c->sup, tgid, &t) != 1 || t.pid != tgid) {
		if (t.dirfd >= 0)
			sj_proc_close(&t);
		sj_refuse(c, ESRCH);
		return;
	}
	sj_proc_close(&t);
	target(c, &me, tgid, tid, sig);
}
