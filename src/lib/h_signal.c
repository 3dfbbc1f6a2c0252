/*
 * h_signal.c: the signal family (kill, tkill, tgkill, rt_sigqueueinfo,
 * rt_tgsigqueueinfo, pidfd_open, pidfd_send_signal): FreeBSD's prison_check
 * on Linux.
 *
 * A target outside the jail does not exist for a jailed process: ESRCH.
 * Inside, the caller gets the host's answer.  Every decision here is taken
 * on register values and on /proc state read through descriptors bound to
 * one process (member.c).
 *
 * A signal to the caller's own process, or to a thread of its own thread
 * group named by tgkill or rt_tgsigqueueinfo, is the kernel's (CONTINUE),
 * with exact semantics (see owngroup()).  So is, from Linux 6.12, a signal
 * to another process or a process group of the jail, where the Landlock
 * signal scope refuses any target outside the jail at delivery (see
 * inscope()).  None of these decisions reads memory.
 *
 * Otherwise (before 6.12; kill(-1), emulated member by member; a siginfo
 * the supervisor had to read; pidfd_send_signal, whose descriptor number
 * the caller can point elsewhere after the check, at the spawner, which
 * shares the jail's Landlock domain) the supervisor delivers through a pidfd,
 * which never reaches a recycled pid, and the receiver sees si_code
 * SI_QUEUE with the jailed sender's pid and uid (the kernel reserves
 * SI_USER and SI_TKILL to the real sender), or the caller's own queued
 * siginfo.
 */
#include <linux/capability.h>
#include <sys/syscall.h>

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "sysjail_priv.h"
#include "supervisor.h"

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
 * Sends sig to the held process t (tid 0) or to its thread tid, with the
 * caller's queued siginfo q if it gave one.  Returns 0 or -1 with errno.
 */
static int
deliver(struct sj_sup *s, const struct sj_cred *me, struct sj_proc *t,
    pid_t tid, int sig, const siginfo_t *q)
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
	if (q != NULL) {
		si = *q;
		si.si_signo = sig;
	}
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
	/* Open first, then check the thread belongs to t: see member.c. */
	if ((fd = sj_pidfd_open(tid, PIDFD_THREAD)) == -1)
		return -1;
	snprintf(path, sizeof(path), "task/%d", (int)tid);
	if (sj_proc_dir(s, t) == -1 ||
	    faccessat(t->dirfd, path, F_OK, 0) == -1) {
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
    struct sj_proc *t, pid_t tid, int sig, const siginfo_t *q)
{
	struct sj_cred	 tc;

	/* Jailed root (CAP_KILL) needs no look at the target's identity. */
	if (t->pid != me->tgid && !(me->capeff & (1ULL << CAP_KILL))) {
		if (sj_proc_dir(s, t) == -1 ||
		    sj_cred_read(t->dirfd, "status", &tc) == -1)
			return ESRCH;
		if (!maysignal(me, mysess, &tc, t->st.session, sig))
			return EPERM;
	}
	return deliver(s, me, t, tid, sig, q) == -1 ? errno : 0;
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
	if ((e = signal_one(s, b->me, b->mysess, t, 0, b->sig, NULL)) == 0)
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

/*
 * With the Landlock signal scope (sj_landlock_sigscope()), a signal to a
 * process held as a member of the jail is performed by the kernel itself
 * (CONTINUE), so that it arrives exactly as on the host: si_code SI_USER or
 * SI_TKILL, or the caller's own siginfo, with the kernel's own permission
 * check on the caller's credentials.  The decision rests on registers and
 * on the membership of the process the pid named, never on the caller's
 * memory.  The kernel resolves the pid again; if the member was reaped and
 * its pid recycled meanwhile, a process outside the jail is not in the
 * jail's Landlock domain and the kernel refuses the signal (EPERM) at
 * delivery, atomically, and a process inside gets what any recycled pid
 * gets on the host.  Without the scope the supervisor delivers through a
 * pidfd (deliver()).  Returns 1 if answered, 0 if pid is no member of the
 * jail (or names a thread where leader asks for a thread group).  known,
 * if not 0, is the caller's process (see sj_member_from()).
 */
static int
inscope(struct sj_call *c, pid_t known, pid_t pid, int leader)
{
	struct sj_proc	 t;
	int		 r;

	if (!c->sup->sigscope || pid <= 0)
		return 0;
	if ((r = sj_member_from(c->sup, pid, &t, known)) == -1) {
		sj_refuse(c, errno);
		return 1;
	}
	if (r == 0)
		return 0;
	r = !leader || t.pid == pid;
	sj_proc_close(&t);
	if (r)
		sj_continue(c);
	return r;
}

/*
 * A process (pid > 0) or one of its threads (tid > 0).  For tgkill and
 * rt_tgsigqueueinfo pid must name the thread group itself, not a thread.
 */
static void
target(struct sj_call *c, const struct sj_cred *me, pid_t pid, pid_t tid,
    int leader, int sig, const siginfo_t *q)
{
	struct sj_proc	 t;
	pid_t		 mysess;
	char		 path[64];
	int		 e, r;

	r = sj_member_from(c->sup, pid, &t, me->tgid);
	if (r == -1) {
		sj_refuse(c, errno);
		return;
	}
	if (r == 0 || (leader && t.pid != pid)) {
		if (r == 1)
			sj_proc_close(&t);
		sj_refuse(c, ESRCH);	/* outside: it does not exist */
		return;
	}
	if (tid != 0) {
		snprintf(path, sizeof(path), "task/%d", (int)tid);
		if (sj_proc_dir(c->sup, &t) == -1 ||
		    faccessat(t.dirfd, path, F_OK, 0) == -1) {
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
	if (c->sup->sigscope && q == NULL) {
		sj_proc_close(&t);
		sj_continue(c);		/* see inscope() */
		return;
	}
	mysess = sig == SIGCONT ? session_of(c->sup, me->tgid) : -1;
	e = signal_one(c->sup, me, mysess, &t, tid, sig, q);
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

	/*
	 * The caller's own thread id names its own process: it cannot be
	 * recycled while the caller waits here, so the kernel may act (and
	 * nothing needs reading, which keeps raise() and kill(getpid()) at
	 * one round trip).
	 */
	if (pid == (pid_t)c->req->pid && validsig(sig)) {
		sj_continue(c);
		return;
	}
	/*
	 * A process of the jail, with the signal scope: the kernel's, and
	 * the caller's identity is not needed (its own process is one of
	 * the jail's).  Anything else is judged below.
	 */
	if (pid > 0 && validsig(sig) && c->sup->cgid != 0 &&
	    inscope(c, 0, pid, 0))
		return;
	if (sj_caller_cred(c, &me) == -1)
		return;
	if (pid == me.tgid && validsig(sig))
		sj_continue(c);		/* own process: pinned, no memory read */
	else if (pid > 0)
		target(c, &me, pid, 0, 0, sig, NULL);
	else if (pid == -1)
		broadcast(c, &me, 0, sig);
	else if (pid == INT_MIN)
		sj_refuse(c, ESRCH);
	else if (pid == 0)
		/* The filter lets kill(0) through; keep the same answer. */
		sj_continue(c);
	else if (c->sup->sigscope && -pid != c->sup->spawner &&
	    sj_jailpgrp(c->sup, -pid))
		/*
		 * A group of the jail: every process of it is in a session of
		 * the jail, so the kernel's kill(-pgrp) reaches the jail only,
		 * and a number recycled meanwhile meets the signal scope as in
		 * inscope().  The spawner's own group (the spawner is in the
		 * domain but not the jail's to signal) stays emulated.
		 */
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
	if (tid == (pid_t)c->req->pid && validsig(sig)) {
		sj_continue(c);		/* the calling thread itself */
		return;
	}
	if (sj_caller_cred(c, &me) == -1)
		return;
	target(c, &me, tid, tid, 0, sig, NULL);
}

/*
 * tgkill(2) and rt_tgsigqueueinfo(2) to a thread of the caller's own thread
 * group are the kernel's: it delivers them with their exact siginfo
 * (SI_TKILL and the caller's pid for tgkill), which glibc's SIGSETXID
 * (set*id in a threaded process) and SIGCANCEL (pthread_cancel) handlers
 * insist on.  The decision rests on the register tgid and on the caller's
 * own thread group id, read from its /proc entry and confirmed by ID_VALID
 * (so it is the caller's); that id cannot change while the caller waits
 * here.  The kernel then looks the tid up and refuses it unless it is a
 * thread of that group, atomically: whatever the tid names by then, only a
 * thread of the caller's process can receive the signal.  No memory of the
 * caller is read (rt_tgsigqueueinfo's siginfo is read by the kernel alone).
 * Returns 1 if answered (CONTINUE), -1 if the caller is gone, and 0 with
 * *me filled in for any other target.
 */
static int
owngroup(struct sj_call *c, pid_t tgid, struct sj_cred *me)
{
	pid_t	 own;

	/* The group alone first: PIDFD_GET_INFO tells it at less cost. */
	if (c->sup->cgid != 0) {
		if ((own = sj_caller_tgid(c)) == -1)
			return -1;
		if (tgid == own) {
			sj_continue(c);
			return 1;
		}
	}
	if (sj_caller_cred(c, me) == -1)
		return -1;
	if (tgid != me->tgid)
		return 0;
	sj_continue(c);
	return 1;
}

void
sj_h_tgkill(struct sj_call *c)
{
	struct sj_cred	 me;
	pid_t		 tgid = (int32_t)c->args[0];
	pid_t		 tid = (int32_t)c->args[1];
	int		 sig = (int32_t)c->args[2];

	if (tgid <= 0 || tid <= 0) {
		sj_refuse(c, EINVAL);
		return;
	}
	if (owngroup(c, tgid, &me) != 0)
		return;
	target(c, &me, tgid, tid, 1, sig, NULL);
}

/*
 * The caller's siginfo, copied once.  An i386 caller passes the compat
 * layout, whose queued fields (pid, uid, value) sit 4 bytes earlier and
 * are 32 bits wide.  Returns 0, or -1 (answered, or the caller is gone).
 */
static int
peekinfo(struct sj_call *c, uint64_t addr, siginfo_t *si)
{
	unsigned char	 raw[SJ_SIGINFO_SIZE];

	if (sj_peek(c, addr, raw, sizeof(raw)) == -1) {
		if (errno == EFAULT)
			sj_refuse(c, EFAULT);
		return -1;
	}
	sj_siginfo_decode(c->abi, raw, si);
	return 0;
}

/* Decodes the copy of a caller's siginfo.  Pure: fuzzed. */
void
sj_siginfo_decode(enum sj_abi abi, const unsigned char raw[SJ_SIGINFO_SIZE],
    siginfo_t *si)
{
	int32_t		 w[6];

	memset(si, 0, sizeof(*si));
	if (abi == SJ_ABI_X86_64) {
		memcpy(si, raw, sizeof(*si) < SJ_SIGINFO_SIZE ? sizeof(*si) :
		    SJ_SIGINFO_SIZE);
		return;
	}
	memcpy(w, raw, sizeof(w));
	si->si_signo = w[0];
	si->si_errno = w[1];
	si->si_code = w[2];
	si->si_pid = w[3];
	si->si_uid = (uid_t)w[4];
	si->si_value.sival_int = w[5];
}

/* Only the sender itself may claim a kernel or kill()/tgkill() origin. */
static int
forged(const siginfo_t *si)
{
	return si->si_code >= 0 || si->si_code == SI_TKILL;
}

void
sj_h_sigqueue(struct sj_call *c)
{
	struct sj_cred	 me;
	siginfo_t	 si;
	pid_t		 pid = (int32_t)c->args[0];
	int		 sig = (int32_t)c->args[1];

	if (sj_caller_cred(c, &me) == -1)
		return;
	if (pid == me.tgid) {
		sj_continue(c);		/* own process; the info is not judged */
		return;
	}
	if (inscope(c, me.tgid, pid, 0))
		return;			/* before any read of the siginfo */
	if (peekinfo(c, c->args[2], &si) == -1)
		return;
	if (forged(&si))
		sj_refuse(c, EPERM);
	else if (pid <= 0)
		sj_refuse(c, ESRCH);
	else
		target(c, &me, pid, 0, 0, sig, &si);
}

void
sj_h_tgsigqueue(struct sj_call *c)
{
	struct sj_cred	 me;
	siginfo_t	 si;
	pid_t		 tgid = (int32_t)c->args[0];
	pid_t		 tid = (int32_t)c->args[1];
	int		 sig = (int32_t)c->args[2];

	if (owngroup(c, tgid, &me) != 0)
		return;
	if (tid > 0 && inscope(c, me.tgid, tgid, 1))
		return;			/* before any read of the siginfo */
	if (peekinfo(c, c->args[3], &si) == -1)
		return;
	if (tgid <= 0 || tid <= 0) {
		sj_refuse(c, EINVAL);
		return;
	}
	if (forged(&si)) {
		sj_refuse(c, EPERM);
		return;
	}
	target(c, &me, tgid, tid, 1, sig, &si);
}

/*
 * pidfd_open(2): a pidfd of a jailed process, opened by the supervisor on
 * the process it verified and installed in the caller with ADDFD.  Opening
 * a pidfd needs no privilege, on the host as in the jail.
 */
void
sj_h_pidfd_open(struct sj_call *c)
{
	struct sj_proc	 t;
	char		 path[64];
	pid_t		 pid = (int32_t)c->args[0];
	unsigned int	 flags = (uint32_t)c->args[1];
	int		 fd, r;

	if ((flags & ~(PIDFD_NONBLOCK | PIDFD_THREAD)) || pid <= 0 ||
	    ((flags & PIDFD_THREAD) && !c->sup->pidfd_thread)) {
		sj_refuse(c, EINVAL);
		return;
	}
	if ((r = sj_member(c->sup, pid, &t)) != 1) {
		sj_refuse(c, r == -1 ? errno : ESRCH);
		return;
	}
	if (flags & PIDFD_THREAD) {
		/* Open, then check it is still t's thread: see deliver(). */
		fd = sj_pidfd_open(pid, flags);
		snprintf(path, sizeof(path), "task/%d", (int)pid);
		if (fd != -1 && (sj_proc_dir(c->sup, &t) == -1 ||
		    faccessat(t.dirfd, path, F_OK, 0) == -1)) {
			close(fd);
			fd = -1;
			errno = ESRCH;
		}
	} else if (t.pid != pid) {
		fd = -1;
		errno = EINVAL;		/* not a thread group leader */
	} else {
		/* The member's pidfd: see sj_proc_take(). */
		fd = sj_proc_take(&t);
		if (fd != -1 && (flags & PIDFD_NONBLOCK) &&
		    fcntl(fd, F_SETFL, O_NONBLOCK) == -1) {
			close(fd);
			fd = -1;
		}
	}
	sj_proc_close(&t);
	if (fd == -1) {
		sj_refuse(c, errno);
		return;
	}
	if (sj_addfd(c, fd, O_CLOEXEC) == -1 && !c->gone)
		sj_refuse(c, errno);
	close(fd);
}

/*
 * The pid a pidfd refers to (-1: its process has exited), or with dirok a
 * /proc/PID directory descriptor; 0 for any other descriptor.
 */
static pid_t
pidfd_pid(struct sj_sup *s, int fd, int dirok)
{
	struct sj_pstat	 st;
	char		 path[64], buf[1024], *p;
	ssize_t		 n;
	int		 f;

	snprintf(path, sizeof(path), "self/fdinfo/%d", fd);
	if ((f = openat(s->procfd, path, O_RDONLY | O_CLOEXEC)) == -1)
		return 0;
	n = read(f, buf, sizeof(buf) - 1);
	close(f);
	buf[n > 0 ? n : 0] = '\0';
	if ((p = strstr(buf, "\nPid:")) != NULL)
		return (pid_t)strtol(p + 5, NULL, 10);	/* -1: exited */
	if (dirok && sj_pstat_read(fd, &st) == 0)
		return st.pid;
	return 0;
}

/*
 * pidfd_send_signal(2): the supervisor judges the process the caller's
 * descriptor refers to and signals through its own duplicate of that very
 * descriptor, so a recycled pid is never reached.
 */
void
sj_h_pidfd_send_signal(struct sj_call *c)
{
	struct sj_cred	 me, tc;
	struct sj_proc	 t;
	siginfo_t	 si, *q = NULL;
	unsigned int	 flags = (uint32_t)c->args[3];
	pid_t		 pid;
	int		 sfd, sig = (int32_t)c->args[1], r;

	if (flags & ~(PIDFD_SIGNAL_THREAD | PIDFD_SIGNAL_THREAD_GROUP |
	    PIDFD_SIGNAL_PROCESS_GROUP)) {
		sj_refuse(c, EINVAL);
		return;
	}
	if ((sfd = sj_caller_fd(c, &me, (int32_t)c->args[0])) == -1)
		return;
	if ((pid = pidfd_pid(c->sup, sfd, 1)) == 0) {
		sj_refuse(c, EBADF);	/* neither a pidfd nor /proc/PID */
		goto out;
	}
	if (c->args[2] != 0) {
		if (peekinfo(c, c->args[2], &si) == -1)
			goto out;
		if (si.si_signo != sig) {
			sj_refuse(c, EINVAL);
			goto out;
		}
		if (forged(&si)) {
			sj_refuse(c, EPERM);
			goto out;
		}
		q = &si;
	}
	if (pid < 0 || (r = sj_member(c->sup, pid, &t)) != 1) {
		sj_refuse(c, ESRCH);
		goto out;
	}
	/*
	 * Never CONTINUE here: the descriptor number is the caller's state,
	 * and another thread can put the spawner's /proc directory at it
	 * after the check; the spawner shares the jail's Landlock domain, so
	 * the signal scope would not stop that.  The signal goes through our
	 * own duplicate, sfd, judged above.
	 */
	if (!validsig(sig))
		r = EINVAL;
	else if (sj_proc_dir(c->sup, &t) == -1 ||
	    sj_cred_read(t.dirfd, "status", &tc) == -1)
		r = ESRCH;
	else if (!maysignal(&me, sig == SIGCONT ? session_of(c->sup,
	    me.tgid) : -1, &tc, t.st.session, sig))
		r = EPERM;
	else if (sig == 0)
		r = 0;
	else {
		if (q == NULL) {
			memset(&si, 0, sizeof(si));
			si.si_signo = sig;
			si.si_code = SI_QUEUE;
			si.si_pid = me.tgid;
			si.si_uid = me.uid[0];
			q = &si;
		}
		r = sj_pidfd_signal(sfd, sig, q, flags) == -1 ? errno : 0;
	}
	sj_proc_close(&t);
	if (r)
		sj_refuse(c, r);
	else
		sj_answer(c, 0);
out:
	close(sfd);
}

/*
 * pidfd_getfd(2) takes a descriptor of another process's: the pidfd named
 * must refer to the caller or to a process of the jail, else ESRCH.  The
 * kernel then performs the call (CONTINUE), with the caller's credentials
 * and its own ptrace access check.  Another thread of the caller could put
 * a different pidfd at that number between this decision and the kernel's;
 * but a jailed process can only hold pidfds of the jail's processes
 * (pidfd_open is the supervisor's), and the Landlock domain fails the
 * kernel's access check for every process outside the jail, atomically,
 * whatever the number names by then.
 */
void
sj_h_pidfd_getfd(struct sj_call *c)
{
	struct sj_cred	 me;
	struct sj_proc	 t;
	pid_t		 pid;
	int		 sfd, r;

	if ((uint32_t)c->args[2] != 0) {
		sj_refuse(c, EINVAL);
		return;
	}
	if ((sfd = sj_caller_fd(c, &me, (int32_t)c->args[0])) == -1)
		return;
	pid = pidfd_pid(c->sup, sfd, 0);
	close(sfd);
	if (pid == 0)
		sj_refuse(c, EBADF);	/* no pidfd */
	else if (pid < 0)
		sj_refuse(c, ESRCH);	/* its process has exited */
	else if (pid == me.tgid)
		sj_continue(c);
	else if ((r = sj_member(c->sup, pid, &t)) == 1) {
		sj_proc_close(&t);
		sj_continue(c);
	} else
		sj_refuse(c, ESRCH);
}
