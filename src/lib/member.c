/*
 * member.c: processes, their identities, and jail membership.
 *
 * Membership.  A process belongs to the jail if and only if it descends from
 * the supervisor.  The supervisor is a child subreaper whose only children
 * are the jail's, so the property is fixed for a process's whole life: fork
 * keeps children in the jail, and an orphan is reparented to the nearest
 * subreaper, which for a jailed process is inside the jail or the supervisor
 * itself; an outside process can never become a descendant.
 *
 * Pids are recycled, so every step of the walk up the tree holds what it
 * read: the directory /proc/PID opened with openat() stays bound to that one
 * process (reads through it fail once the process is reaped), and a pidfd
 * opened while that directory still reads is known to name the same process.
 * A parent's directory is accepted only if, after opening it, the child still
 * names that pid as its parent: the parent was then alive throughout, so the
 * number could not have been reused in between.  Signals are delivered
 * through the pidfd, which never reaches a recycled pid.
 *
 * The same set, with fewer steps (Linux 6.13): the jail's processes are
 * exactly its cgroup v2 (cgroup.c), of which the supervisor is not one, and
 * PIDFD_GET_INFO reports the cgroup of a pidfd's process.  A pidfd is opened
 * on the number first and asked second, so the answer is about the process
 * it holds, whatever the number names by then; a process reaped meanwhile
 * answers ESRCH.  The spawner is in the cgroup but is the jail's machinery:
 * it is told apart by its pid, which cannot be recycled while the
 * supervisor, its parent, has not reaped it.  The supervisor checks once
 * that the kernel reports the spawner's cgroup as the jail's
 * (sj_member_probe()); where it does not, membership walks /proc as above.
 */
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>

#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "sysjail_priv.h"
#include "supervisor.h"

#define MAXDEPTH	1024	/* deeper trees are answered "not a member" */
#define MAXRETRY	8

/* The identity of the notifying task, read while it is known to wait. */
int
sj_caller_cred(struct sj_call *c, struct sj_cred *cr)
{
	char	 path[64];

	snprintf(path, sizeof(path), "%u/status", c->req->pid);
	if (sj_cred_read(c->sup->procfd, path, cr) == -1 || sj_valid(c) == -1)
		return -1;
	return 0;
}

/*
 * The thread group of the notifying task, confirmed with ID_VALID: with
 * PIDFD_GET_INFO, one ioctl on a pidfd of the task; else from its status.
 * -1 if the caller is gone.
 */
pid_t
sj_caller_tgid(struct sj_call *c)
{
	struct sj_pidfd_info	 in;
	struct sj_cred		 cr;
	int			 fd, r;

	if (c->sup->cgid != 0 &&
	    (fd = sj_pidfd_open(c->req->pid, PIDFD_THREAD)) != -1) {
		r = sj_pidfd_info(fd, SJ_PIDFD_INFO_PID, &in);
		close(fd);
		/* Still waiting: the task the pidfd held was the caller. */
		if (r == 0 && in.tgid != 0)
			return sj_valid(c) == -1 ? -1 : (pid_t)in.tgid;
	}
	if (sj_caller_cred(c, &cr) == -1)
		return -1;
	return cr.tgid;
}

static int
procdir(int procfd, pid_t pid)
{
	char	 name[32];

	snprintf(name, sizeof(name), "%d", (int)pid);
	return openat(procfd, name, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
}

void
sj_proc_close(struct sj_proc *p)
{
	if (p->dirfd >= 0)
		close(p->dirfd);
	if (p->pidfd >= 0 && !p->cached)
		close(p->pidfd);
	p->dirfd = p->pidfd = -1;
	p->cached = 0;
}

/*
 * The held process's pidfd, the caller's to keep and close; or -1 with
 * errno.  A cached one stays the cache's: the caller gets a pidfd of its
 * own, opened on the number and accepted only if the cached pidfd's process
 * is still unreaped after the open (so the number still named it).
 */
int
sj_proc_take(struct sj_proc *p)
{
	struct sj_pidfd_info	 in;
	int			 fd = p->pidfd;

	if (fd >= 0 && p->cached) {
		if ((fd = sj_pidfd_open(p->pid, 0)) != -1 &&
		    sj_pidfd_info(p->pidfd, SJ_PIDFD_INFO_PID, &in) == -1) {
			close(fd);
			fd = -1;
			errno = ESRCH;
		}
	}
	p->pidfd = -1;
	p->cached = 0;
	return fd;
}

/*
 * Walks up from the process held by dirfd (whose stat is *st) to the
 * supervisor, or to known, a process known to be inside and unable to go
 * away meanwhile (the caller, blocked in the very call being judged).
 * Returns 1 if it descends from either, 0 if not, and -1 (ESRCH) if the
 * tree changed under the walk too often to tell.
 */
static int
descends(struct sj_sup *s, int dirfd, const struct sj_pstat *st, pid_t known)
{
	struct sj_pstat	 cur, again, up;
	int		 d, pd, depth;

	cur = *st;
	if ((d = dup(dirfd)) == -1)
		return -1;
	for (depth = 0; depth < MAXDEPTH; depth++) {
		if (cur.ppid == s->self || (known > 0 && cur.ppid == known)) {
			close(d);
			return 1;
		}
		if (cur.ppid <= 1 || cur.pid == s->self) {
			close(d);
			return 0;
		}
		pd = procdir(s->procfd, cur.ppid);
		/* The child still names that parent: pd is its parent. */
		if (sj_pstat_read(d, &again) == -1 || again.ppid != cur.ppid ||
		    pd == -1 || sj_pstat_read(pd, &up) == -1) {
			if (pd != -1)
				close(pd);
			close(d);
			errno = ESRCH;
			return -1;
		}
		close(d);
		d = pd;
		cur = up;
	}
	close(d);
	return 0;
}

/*
 * Is pid (any task id) in this jail?  Returns 1 and fills *p (the process
 * held: its thread group leader) if it is, 0 if it is not or does not exist,
 * -1 on a system error.  known, if not 0, is a process known to be inside
 * that cannot go away during the call (see descends()).
 */
int
sj_member(struct sj_sup *s, pid_t pid, struct sj_proc *p)
{
	return sj_member_from(s, pid, p, 0);
}

/*
 * The supervisor, the spawner and its nursery are the jail's machinery:
 * outside.  (The nursery is in the jail's Landlock domain, spawner.c: the
 * kernel would let jailed root reach it, we do not.  Both are in the
 * jail's cgroup, so membership by cgroup needs this test as much as the
 * walk does; a number recycled after the nursery's end would be taken as
 * outside, the side that fails closed.)
 */
static int
machinery(const struct sj_sup *s, pid_t pid)
{
	return pid == s->self || (s->spawner != 0 && pid == s->spawner) ||
	    (s->nursery > 0 && pid == s->nursery);
}

/* Is the process pidfd holds in the jail's cgroup?  1, 0, or -1. */
static int
incgroup(const struct sj_sup *s, int pidfd, struct sj_pidfd_info *in)
{
	if (sj_pidfd_info(pidfd, SJ_PIDFD_INFO_CGROUPID, in) == -1)
		return errno == ESRCH ? 0 : -1;
	return (in->mask & SJ_PIDFD_INFO_CGROUPID) && in->cgroupid == s->cgid;
}

/*
 * The pidfds of the members last asked about, by pid, so that a member
 * named again costs one ioctl instead of pidfd_open and close.  A cached
 * pidfd still answers PIDFD_GET_INFO only while its process is unreaped,
 * and a number is not given to another process before its process is
 * reaped: a pidfd that answers is the pid's own.  One that answers ESRCH
 * is dropped and the number opened afresh.  The supervisor's alone (it is
 * the only process of a jail that asks); its children never use it.
 */
#define PIDCACHE	64
static struct {
	pid_t	 pid;		/* 0: free */
	int	 fd;
} pidcache[PIDCACHE];

static void
uncache(int slot)
{
	if (pidcache[slot].pid != 0)
		close(pidcache[slot].fd);
	pidcache[slot].pid = 0;
	pidcache[slot].fd = -1;
}

/*
 * The cached way: 1 (a member, *p holds the cached pidfd), 0 (not a
 * member), -1 (an error), or 2 (no usable cache entry: ask afresh).
 */
static int
cachedmember(struct sj_sup *s, pid_t pid, struct sj_proc *p,
    struct sj_pidfd_info *in)
{
	int	 slot = (int)((unsigned int)pid % PIDCACHE);

	if (pidcache[slot].pid != pid)
		return 2;
	if (sj_pidfd_info(pidcache[slot].fd, SJ_PIDFD_INFO_CGROUPID, in) ==
	    -1) {
		if (errno != ESRCH)
			return -1;
		uncache(slot);		/* reaped: the number may be another's */
		return 2;
	}
	if (!(in->mask & SJ_PIDFD_INFO_CGROUPID) || in->cgroupid != s->cgid)
		return 0;
	p->pid = pid;
	p->pidfd = pidcache[slot].fd;
	p->cached = 1;
	return 1;
}

/* Keeps the member's pidfd in the cache, which then owns it. */
static void
cache(struct sj_proc *p)
{
	int	 slot = (int)((unsigned int)p->pid % PIDCACHE);

	uncache(slot);
	pidcache[slot].pid = p->pid;
	pidcache[slot].fd = p->pidfd;
	p->cached = 1;
}

/* sj_member_from() with PIDFD_GET_INFO; see the top of this file. */
static int
fastmember(struct sj_sup *s, pid_t pid, struct sj_proc *p)
{
	struct sj_pidfd_info	 in;
	int			 fd, r, save;

	if ((r = cachedmember(s, pid, p, &in)) != 2) {
		if (r == 1) {
			p->st.pid = pid;
			p->st.ppid = (pid_t)in.ppid;
		}
		return r;
	}
	if ((p->pidfd = sj_pidfd_open(pid, 0)) == -1) {
		if (errno == ESRCH)
			return 0;
		/* Not a leader: EINVAL, or ENOENT since Linux 6.9. */
		if (errno != EINVAL && errno != ENOENT)
			return -1;
		/* A thread's id: its process, opened while the thread lives. */
		if ((fd = sj_pidfd_open(pid, PIDFD_THREAD)) == -1)
			return errno == ESRCH ? 0 : -1;
		if ((r = incgroup(s, fd, &in)) != 1 || in.tgid == 0 ||
		    machinery(s, (pid_t)in.tgid)) {
			save = errno;
			close(fd);
			errno = save;
			return r == -1 ? -1 : 0;
		}
		pid = (pid_t)in.tgid;
		p->pidfd = sj_pidfd_open(pid, 0);
		/*
		 * A leader is reaped only after its last thread is released:
		 * the thread not yet released, the number named the leader.
		 */
		r = sj_pidfd_info(fd, SJ_PIDFD_INFO_PID, &in);
		close(fd);
		if (p->pidfd == -1 || r == -1) {
			sj_proc_close(p);
			return 0;
		}
	}
	p->pid = pid;
	if ((r = incgroup(s, p->pidfd, &in)) != 1) {
		save = errno;
		sj_proc_close(p);
		errno = save;
		return r;
	}
	p->st.pid = pid;
	p->st.ppid = (pid_t)in.ppid;
	cache(p);
	return 1;
}

/*
 * The directory of a held process (and its stat in p->st), opened if
 * sj_member() did not: a pidfd, unlike the directory, does not say which
 * process a number names, so the directory is opened after the pidfd and
 * accepted only if the pidfd's process was not reaped by then.  Returns the
 * descriptor, or -1 with errno ESRCH.
 */
int
sj_proc_dir(struct sj_sup *s, struct sj_proc *p)
{
	struct sj_pidfd_info	 in;

	if (p->dirfd >= 0)
		return p->dirfd;
	if ((p->dirfd = procdir(s->procfd, p->pid)) == -1 ||
	    sj_pidfd_info(p->pidfd, SJ_PIDFD_INFO_PID, &in) == -1 ||
	    sj_pstat_read(p->dirfd, &p->st) == -1 || p->st.pid != p->pid) {
		if (p->dirfd != -1)
			close(p->dirfd);
		p->dirfd = -1;
		errno = ESRCH;
		return -1;
	}
	return p->dirfd;
}

/*
 * Called once the spawner is in the jail's cgroup, with its pidfd: the
 * cgroup way of sj_member() is taken if the kernel reports the spawner's
 * cgroup, and reports it as the jail's.
 */
void
sj_member_probe(struct sj_sup *s, int zpidfd)
{
	struct sj_pidfd_info	 in;
	uint64_t		 id;

	s->cgid = 0;
	if ((id = sj_cgroup_id(s->sj->cgfd)) == 0 ||
	    sj_pidfd_info(zpidfd, SJ_PIDFD_INFO_CGROUPID, &in) == -1 ||
	    !(in.mask & SJ_PIDFD_INFO_CGROUPID) || in.cgroupid != id)
		return;
	s->cgid = id;
}

int
sj_member_from(struct sj_sup *s, pid_t pid, struct sj_proc *p, pid_t known)
{
	struct sj_cred	 cr;
	int		 try, r;

	p->dirfd = p->pidfd = -1;
	p->cached = 0;
	if (pid <= 0 || machinery(s, pid))
		return 0;
	if (s->cgid != 0)
		return fastmember(s, pid, p);
	for (try = 0; try < MAXRETRY; try++) {
		sj_proc_close(p);
		if ((p->dirfd = procdir(s->procfd, pid)) == -1)
			return 0;
		p->pid = pid;
		/* Succeeds only for a thread group leader. */
		if ((p->pidfd = sj_pidfd_open(pid, 0)) == -1) {
			if (errno == ESRCH)
				continue;
			/* Not a leader: EINVAL, or ENOENT since Linux 6.9. */
			if (errno != EINVAL && errno != ENOENT) {
				sj_proc_close(p);
				return -1;
			}
			/* A thread's id: hold its process instead. */
			if (sj_cred_read(p->dirfd, "status", &cr) == -1)
				continue;
			close(p->dirfd);
			if ((p->dirfd = procdir(s->procfd, cr.tgid)) == -1)
				return 0;
			p->pid = cr.tgid;
			if ((p->pidfd = sj_pidfd_open(p->pid, 0)) == -1)
				continue;
		}
		/* Still readable after pidfd_open: both name one process. */
		if (sj_pstat_read(p->dirfd, &p->st) == -1)
			continue;
		if ((r = descends(s, p->dirfd, &p->st, known)) == 1)
			return 1;
		if (r == 0)
			break;
	}
	sj_proc_close(p);
	return 0;
}

/*
 * Calls fn on every process of the jail, each held as by sj_member() with
 * its directory open (sj_proc_dir()); stops
 * early if fn returns non-zero and returns that.  A process forked while the
 * walk runs may be missed: the kernel's own kill(-1) is atomic, this is not.
 */
int
sj_members(struct sj_sup *s, int (*fn)(struct sj_sup *, struct sj_proc *,
    void *), void *arg)
{
	struct sj_proc	 p;
	pid_t		*todo = NULL, *seen = NULL;
	size_t		 ntodo = 0, ctodo = 0, nseen = 0, cseen = 0, i;
	int		 self, r = 0;

	if ((self = procdir(s->procfd, s->self)) == -1)
		return -1;
	r = sj_proc_children(self, &todo, &ntodo, &ctodo);
	close(self);
	while (r == 0 && ntodo > 0) {
		pid_t	 pid = todo[--ntodo];

		for (i = 0; i < nseen && seen[i] != pid; i++)
			continue;
		if (i < nseen)
			continue;
		if (nseen == cseen) {
			pid_t	*nv;

			cseen = cseen ? cseen * 2 : 64;
			if ((nv = realloc(seen, cseen * sizeof(*nv))) == NULL) {
				r = -1;
				break;
			}
			seen = nv;
		}
		seen[nseen++] = pid;
		if ((s->spawner != 0 && pid == s->spawner) ||
		    (s->nursery > 0 && pid == s->nursery)) {
			/* Not a member itself: its children are. */
			if ((self = procdir(s->procfd, pid)) != -1) {
				r = sj_proc_children(self, &todo, &ntodo, &ctodo);
				close(self);
			}
			continue;
		}
		if (sj_member(s, pid, &p) != 1)
			continue;
		if (sj_proc_dir(s, &p) == -1) {
			sj_proc_close(&p);
			continue;	/* reaped meanwhile */
		}
		if (sj_proc_children(p.dirfd, &todo, &ntodo, &ctodo) == -1)
			r = -1;
		else
			r = fn(s, &p, arg);
		sj_proc_close(&p);
	}
	free(todo);
	free(seen);
	return r;
}

/*
 * A pidfd for the notifying task, so that pidfd_getfd() reads the very
 * descriptor table it uses.  With PIDFD_THREAD (Linux 6.9) that is the
 * thread's own; before, the thread group leader's, which the threads of a
 * pthread program share.  Checked against the notification afterwards.
 */
int
sj_caller_pidfd(struct sj_call *c, pid_t tgid)
{
	int	 fd;

	if (c->sup->pidfd_thread)
		fd = sj_pidfd_open(c->req->pid, PIDFD_THREAD);
	else
		fd = sj_pidfd_open(tgid, 0);
	if (fd == -1)
		return -1;
	if (sj_valid(c) == -1) {
		close(fd);
		errno = ESRCH;
		return -1;
	}
	return fd;
}

/*
 * Pidfds of the threads that last asked for a descriptor to be taken
 * (PIDFD_THREAD, Linux 6.9), by thread id, so that a thread's next bind or
 * setsockopt costs no pidfd_open and close.  A cached pidfd is used only
 * if the notification is still valid afterwards (see sj_caller_fd()).
 */
#define TIDCACHE	16
static struct {
	pid_t	 tid;		/* 0: free */
	int	 fd;
} tidcache[TIDCACHE];

/*
 * A duplicate of the caller's descriptor fd, taken through a pidfd of the
 * caller, and the caller's credentials in *me unless me is NULL.  Returns
 * it, or -1: the call is then answered (EBADF, or the error of
 * pidfd_getfd) unless the caller is gone.
 *
 * With a cached pidfd of the calling thread: if pidfd_getfd succeeds, the
 * pidfd's task was unreaped then, so the thread id was still its own; the
 * notification still valid afterwards, the caller held that id since it
 * made the call; both were the same task.  A cached pidfd whose task is
 * gone (ESRCH) is dropped and the thread opened afresh.
 */
int
sj_caller_fd(struct sj_call *c, struct sj_cred *me, int fd)
{
	pid_t	 tid = (pid_t)c->req->pid, tgid = 0;
	int	 pfd, sfd, e, slot;

	if (me != NULL) {
		if (sj_caller_cred(c, me) == -1)
			return -1;
		tgid = me->tgid;
	} else if (!c->sup->pidfd_thread && (tgid = sj_caller_tgid(c)) == -1)
		return -1;
	slot = (int)((unsigned int)tid % TIDCACHE);
	if (c->sup->pidfd_thread && tidcache[slot].tid == tid) {
		sfd = sj_pidfd_getfd(tidcache[slot].fd, fd);
		e = errno;
		if (sfd != -1 || e != ESRCH) {
			if (sj_valid(c) == -1) {
				if (sfd != -1)
					close(sfd);
				return -1;
			}
			if (sfd == -1)
				sj_refuse(c, e);
			return sfd;
		}
		close(tidcache[slot].fd);	/* its thread is gone */
		tidcache[slot].tid = 0;
	}
	if ((pfd = sj_caller_pidfd(c, tgid)) == -1)
		return -1;
	sfd = sj_pidfd_getfd(pfd, fd);
	e = errno;
	if (c->sup->pidfd_thread) {
		if (tidcache[slot].tid != 0)
			close(tidcache[slot].fd);
		tidcache[slot].tid = tid;
		tidcache[slot].fd = pfd;
	} else
		close(pfd);
	if (sfd == -1)
		sj_refuse(c, e);
	return sfd;
}

/*
 * Does the pidfd fd, received from a process the supervisor does not
 * trust (the spawner), name a live process of the jail whose parent is
 * parent?  Decided on our own state: the pid the kernel gives for the
 * descriptor (its fdinfo, read through our /proc), the membership of the
 * process that pid names (held by sj_member()), and the pid again
 * afterwards, so that the two are one process (a pid names one live
 * process at a time).  Returns that pid; -1 for the pidfd of a process
 * that has exited and been reaped, which no signal can reach any more
 * (a command that ends at once); 0 for anything else: a process outside
 * the jail or of another parent, one in no pid namespace of ours, a
 * thread's pidfd (PIDFD_THREAD), any other descriptor.  On 0 the
 * descriptor must be closed and never signalled.
 */
pid_t
sj_pidfd_child(struct sj_sup *s, int fd, pid_t parent)
{
	struct sj_proc	 t;
	char		 path[64], buf[1024], *p;
	pid_t		 pid = 0, again;
	int		 fl, r, i;

	if (fd < 0 || parent <= 0 || (fl = fcntl(fd, F_GETFL)) == -1 ||
	    (fl & O_EXCL))		/* PIDFD_THREAD */
		return 0;
	/* Only a pidfd answers pidfd_send_signal(2): ESRCH once reaped. */
	if (sj_pidfd_signal(fd, 0, NULL, 0) == -1 && errno != ESRCH)
		return 0;
	snprintf(path, sizeof(path), "self/fdinfo/%d", fd);
	for (i = 0; i < 2; i++) {
		if (sj_proc_read(s->procfd, path, buf, sizeof(buf)) == -1 ||
		    (p = strstr(buf, "\nPid:")) == NULL)
			return 0;
		again = (pid_t)strtol(p + 5, NULL, 10);
		if (again == -1)
			return -1;	/* reaped: unreachable for good */
		if (again <= 0 || (i == 1 && again != pid))
			return 0;	/* not in our pid namespace */
		if (i == 1)
			break;
		pid = again;
		if ((r = sj_member(s, pid, &t)) != 1)
			return 0;
		r = t.pid == pid && t.st.ppid == parent;
		sj_proc_close(&t);
		if (!r)
			return 0;
	}
	return pid;
}

/* Sends SIGKILL to every child of self; returns how many it found. */
static int
killchildren(int procfd, pid_t self)
{
	struct sj_pstat	 st;
	struct dirent	*de;
	DIR		*dir;
	char		 path[64];
	pid_t		*v = NULL;
	size_t		 nv = 0, cap = 0, i;
	int		 fd, d, n = 0;

	snprintf(path, sizeof(path), "%d/task/%d/children", (int)self,
	    (int)self);
	if (faccessat(procfd, path, R_OK, 0) == 0 &&
	    (d = procdir(procfd, self)) != -1) {
		if (sj_proc_children(d, &v, &nv, &cap) == -1)
			nv = 0;		/* ENOMEM: the next round tries again */
		close(d);
		for (i = 0; i < nv; i++)
			kill(v[i], SIGKILL);
		free(v);
		return (int)nv;
	}
	/* No children file (CONFIG_PROC_CHILDREN off): scan /proc. */
	if ((fd = openat(procfd, ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC)) ==
	    -1 || (dir = fdopendir(fd)) == NULL)
		return 0;
	while ((de = readdir(dir)) != NULL) {
		if (!isdigit((unsigned char)de->d_name[0]) ||
		    (d = openat(procfd, de->d_name, O_RDONLY | O_DIRECTORY |
		    O_CLOEXEC)) == -1)
			continue;
		if (sj_pstat_read(d, &st) == 0 && st.ppid == self) {
			kill(st.pid, SIGKILL);
			n++;
		}
		close(d);
	}
	closedir(dir);
	return n;
}

/*
 * Kills every descendant of the calling process and reaps them.  Its
 * children cannot be recycled before it reaps them, so signalling them by
 * pid is safe; grandchildren are reparented to it (it is a subreaper) and
 * meet the same fate on the next round.
 */
void
sj_teardown(int procfd, pid_t self)
{
	for (;;) {
		killchildren(procfd, self);
		if (waitpid(-1, NULL, __WALL) == -1 && errno == ECHILD)
			break;
	}
}
