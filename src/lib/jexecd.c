/*
 * jexecd.c: the supervisor's side of the spawner Z and of jexec(1).
 *
 * Z (spawner.c) is the one process that forks jailed commands: the jail's
 * own, and each of jexec's, which so are confined exactly alike.  S talks
 * to Z over a SOCK_SEQPACKET pair; Z names each command it starts with a
 * pidfd, and each one that ends with its wait status and the number of its
 * children left.
 *
 * jexec reaches S through N.sock in the registry, bound before the
 * registry is hidden from the jail and reachable only by root (the
 * directory is 0700; S also checks the peer's credentials, and refuses a
 * peer that belongs to any jail: one rooted at / sees other registries).  A session is
 * one connection: the request (struct sj_execreq, with the client's
 * descriptors 0-2), then STARTED or FAILED, then EXITED; the client may
 * send SIGNAL meanwhile, and a client that goes away takes its command
 * with it (SIGKILL), as jail(1) does.
 *
 * The jail ends when its last process has: when Z has no child left, no
 * request is pending, and S has no child but Z.
 */
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <sys/wait.h>

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "sysjail_priv.h"
#include "supervisor.h"

/*
 * The listening socket N.sock in the registry, or -1 (no jexec).  It is
 * bound through the registry's descriptor, not its path, so that no link
 * planted in the path is followed, and made 0600 by the umask in force
 * while it is created (chmod(2) would follow a link put in its place).
 */
int
sj_exec_listen(struct sj_sup *s)
{
	struct sockaddr_un	 sun;
	char			 name[32];
	mode_t			 old;
	int			 fd, i, r;

	for (i = 0; i < SJ_MAXSESS; i++)
		s->sess[i].fd = s->sess[i].pidfd = -1;
	sj_registry_file(name, sizeof(name), s->sj->jid, SJ_REG_SOCK);
	memset(&sun, 0, sizeof(sun));
	sun.sun_family = AF_UNIX;
	if ((size_t)snprintf(sun.sun_path, sizeof(sun.sun_path),
	    "/proc/self/fd/%d/%s", s->dbfd, name) >= sizeof(sun.sun_path))
		return -1;
	(void)unlinkat(s->dbfd, name, 0);	/* a dead jail's */
	if ((fd = socket(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC |
	    SOCK_NONBLOCK, 0)) == -1)
		return -1;
	old = umask(0177);
	r = bind(fd, (struct sockaddr *)&sun, sizeof(sun));
	(void)umask(old);
	if (r == -1 || listen(fd, 8) == -1) {
		close(fd);
		return -1;
	}
	return fd;
}

/* One message from Z, with the pidfd it may carry in *pidfd. */
static int
zrecv(struct sj_sup *s, struct sj_zmsg *m, int *pidfd)
{
	if (sj_recvfds(s->zfd, m, sizeof(*m), pidfd, 1, 0) != sizeof(*m)) {
		if (*pidfd != -1)
			close(*pidfd);
		*pidfd = -1;
		return -1;
	}
	return 0;
}

/*
 * What Z says is bounded before it is used: Z is a jailed process, and
 * although no other jailed process can reach it (its Landlock domain is
 * an ancestor of theirs, spawner.c), the supervisor does not rely on
 * that.  A count is never negative, a stage is one of ours, a wait
 * status is one the kernel could give.
 */
static void
zbound(struct sj_zmsg *m)
{
	if (m->nkids < 0)
		m->nkids = 0;
	if (m->stage < SJ_ST_SETSID || m->stage > SJ_ST_DB)
		m->stage = SJ_ST_FORK;
	if (m->type == SJ_Z_EXITED && ((m->value & ~0xffff) != 0 ||
	    (!WIFEXITED(m->value) && !WIFSIGNALED(m->value))))
		m->value = W_EXITCODE(127, 0);
}

/*
 * A pidfd from Z is kept only if it names Z's own child, a live process
 * of the jail (or one already reaped, which no signal reaches): anything
 * else, the pidfd of an outside process above all, is closed unused.
 * Returns the pid to report (Z's word only for a reaped one), or 0.
 */
static pid_t
zpidfd(struct sj_sup *s, int *pidfd, pid_t said)
{
	pid_t	 pid;

	if (*pidfd == -1)
		return 0;
	if ((pid = sj_pidfd_child(s, *pidfd, s->spawner)) == 0) {
		close(*pidfd);
		*pidfd = -1;
		return 0;
	}
	return pid > 0 ? pid : said > 0 ? said : 0;
}

/*
 * The jail's own command, as Z names it: 0, or -1 if it could not start
 * (the caller has its reason from the error pipe).
 */
int
sj_exec_first(struct sj_sup *s)
{
	struct sj_zmsg	 m;
	int		 pidfd;

	if (zrecv(s, &m, &pidfd) == -1 || m.type != SJ_Z_STARTED ||
	    (m.pid = zpidfd(s, &pidfd, m.pid)) == 0) {
		if (pidfd != -1)
			close(pidfd);
		return -1;
	}
	zbound(&m);
	s->cmd = m.pid;
	s->cmdfd = pidfd;
	s->nursery = m.value > 0 && m.value != m.pid ? m.value : 0;
	s->znkids = m.nkids;
	return 0;
}

static void
tell(int fd, int type, int value)
{
	struct sj_msg	 m = { type, value };

	(void)send(fd, &m, sizeof(m), MSG_NOSIGNAL);
}

static void
endsession(struct sj_session *e)
{
	if (e->pidfd != -1) {
		if (!e->done)	/* its client is gone: so is the command */
			(void)sj_pidfd_signal(e->pidfd, SIGKILL, NULL, 0);
		close(e->pidfd);
	}
	if (e->fd != -1)
		close(e->fd);
	memset(e, 0, sizeof(*e));
	e->fd = e->pidfd = -1;
}

static struct sj_session *
byid(struct sj_sup *s, uint32_t id)
{
	int	 i;

	if (id == 0)		/* a session not yet asked for, or none */
		return NULL;
	for (i = 0; i < SJ_MAXSESS; i++)
		if (s->sess[i].fd != -1 && s->sess[i].id == id)
			return &s->sess[i];
	return NULL;
}

static void	zhandle(struct sj_sup *, const struct sj_zmsg *, int);

/* Z has something to say. */
void
sj_exec_zinput(struct sj_sup *s)
{
	struct sj_zmsg		 m;
	int			 pidfd;

	if (zrecv(s, &m, &pidfd) == -1) {
		close(s->zfd);		/* Z is gone: reap() will see it */
		s->zfd = -1;
		return;
	}
	zhandle(s, &m, pidfd);
}

/* Is fd a socket of this domain, type and (if not 0) protocol? */
static int
issock(int fd, int domain, int type, int protocol)
{
	struct stat	 sb;
	socklen_t	 len;
	int		 v[3], i;
	static const int opt[3] = { SO_DOMAIN, SO_TYPE, SO_PROTOCOL };

	if (fstat(fd, &sb) == -1 || !S_ISSOCK(sb.st_mode))
		return 0;
	for (i = 0; i < 3; i++) {
		len = sizeof(v[i]);
		if (getsockopt(fd, SOL_SOCKET, opt[i], &v[i], &len) == -1)
			return 0;
	}
	return v[0] == domain && v[1] == (type & 0xf) &&
	    (protocol == 0 || v[2] == protocol);
}

/*
 * A socket (or, with pair, a socket pair) made by Z in the jail (see
 * zsocket() in spawner.c), in fds: 0, or -1 with errno.  Messages about
 * commands that arrive before the answer are handled on the way.
 */
int
sj_exec_socket(struct sj_sup *s, int domain, int type, int protocol,
    int *fds, int pair)
{
	struct sj_sockreq	 q;
	struct sj_zmsg		 m;
	int			 n = pair ? 2 : 1, pidfd;

	if (s->zfd == -1) {
		errno = ENXIO;
		return -1;
	}
	memset(&q, 0, sizeof(q));
	q.magic = SJ_SOCK_MAGIC;
	q.domain = domain;
	q.type = type;
	q.protocol = protocol;
	q.pair = pair;
	if (sj_sendfds(s->zfd, &q, sizeof(q), NULL, 0) != sizeof(q)) {
		errno = ENXIO;
		return -1;
	}
	for (;;) {
		fds[0] = fds[n - 1] = -1;
		if (sj_recvfds(s->zfd, &m, sizeof(m), fds, n, 0) !=
		    sizeof(m)) {
			close(s->zfd);
			s->zfd = -1;
			errno = ENXIO;
			return -1;
		}
		if (m.type == SJ_Z_SOCKET)
			break;
		/* A message about a command: at most a pidfd came. */
		pidfd = fds[0];
		if (n == 2 && fds[1] != -1)
			close(fds[1]);
		zhandle(s, &m, pidfd);
	}
	zbound(&m);
	s->znkids = m.nkids;
	if (fds[0] == -1 || (pair && fds[1] == -1)) {
		if (fds[0] != -1)
			close(fds[0]);
		errno = m.value > 0 && m.value < 4096 ? m.value : EIO;
		return -1;
	}
	/* Only sockets of the kind asked for reach the caller. */
	if (!issock(fds[0], domain, type, protocol) ||
	    (pair && !issock(fds[1], domain, type, protocol))) {
		close(fds[0]);
		if (pair)
			close(fds[1]);
		errno = EIO;
		return -1;
	}
	return 0;
}

static void
zhandle(struct sj_sup *s, const struct sj_zmsg *mp, int pidfd)
{
	struct sj_session	*e;
	struct sj_zmsg		 m = *mp;

	zbound(&m);
	s->znkids = m.nkids;
	if ((m.type == SJ_Z_STARTED || m.type == SJ_Z_FAILED) &&
	    s->zpending > 0)
		s->zpending--;
	if (m.id == 0 && m.type == SJ_Z_EXITED) {
		/* The jail's own command. */
		if (!s->cmddone) {
			s->cmddone = 1;
			close(s->cmdfd);
			s->cmdfd = -1;
			if (s->ctlfd != -1)
				tell(s->ctlfd, SJ_MSG_EXITED, m.value);
		}
		return;
	}
	e = byid(s, m.id);
	switch (m.type) {
	case SJ_Z_STARTED:
		/* Never signal or keep a pidfd before it is judged. */
		m.pid = zpidfd(s, &pidfd, m.pid);
		if (e == NULL) {	/* asked for, then abandoned */
			if (pidfd != -1) {
				(void)sj_pidfd_signal(pidfd, SIGKILL, NULL, 0);
				close(pidfd);
			}
			return;
		}
		if (e->pidfd != -1 || e->pid != 0) {
			/* A second STARTED for a session: ignored, not
			 * leaked. */
			if (pidfd != -1)
				close(pidfd);
			return;
		}
		if (pidfd == -1) {
			tell(e->fd, SJ_MSG_FAILED, (SJ_ST_FORK << 16) | EPROTO);
			e->done = 1;
			endsession(e);
			return;
		}
		e->pid = m.pid;
		e->pidfd = pidfd;
		tell(e->fd, SJ_MSG_STARTED, m.pid);
		return;
	case SJ_Z_FAILED:
		if (e != NULL) {
			tell(e->fd, SJ_MSG_FAILED, (m.stage << 16) |
			    (m.value & 0xffff));
			e->done = 1;
			endsession(e);
		}
		break;
	case SJ_Z_EXITED:
		if (e != NULL) {
			e->done = 1;
			tell(e->fd, SJ_MSG_EXITED, m.value);
			endsession(e);
		}
		break;
	}
	if (pidfd != -1)
		close(pidfd);
}

/* Sends a request on to Z, with the client's three descriptors. */
static int
forward(struct sj_sup *s, const void *buf, size_t len, const int *fds)
{
	return sj_sendfds(s->zfd, buf, len, fds, 3) == (ssize_t)len ? 0 : -1;
}

/* The first message of a session: the request. */
static void
request(struct sj_sup *s, struct sj_session *e)
{
	static char	 buf[sizeof(struct sj_execreq) + SJ_EXEC_MAXDATA];
	struct sj_execreq *q = (struct sj_execreq *)buf;
	ssize_t		 n;
	int		 fds[3] = { -1, -1, -1 }, i;

	n = sj_recvfds(e->fd, buf, sizeof(buf), fds, 3, MSG_DONTWAIT);
	if (n < (ssize_t)sizeof(*q) || q->magic != SJ_EXEC_MAGIC ||
	    q->datalen != (size_t)n - sizeof(*q) || fds[2] == -1 ||
	    s->zfd == -1 || s->stopping) {
		tell(e->fd, SJ_MSG_FAILED, (SJ_ST_FORK << 16) |
		    (s->zfd == -1 || s->stopping ? ESRCH : EINVAL));
		e->done = 1;
		endsession(e);
	} else {
		if (++s->nextid == 0)
			s->nextid = 1;
		q->id = e->id = s->nextid;
		if (forward(s, buf, (size_t)n, fds) == -1) {
			tell(e->fd, SJ_MSG_FAILED, (SJ_ST_FORK << 16) | EIO);
			e->done = 1;
			endsession(e);
		} else
			s->zpending++;
	}
	for (i = 0; i < 3; i++)
		if (fds[i] != -1)
			close(fds[i]);
}

/* A session's client speaks: the request, a signal, or goes away. */
void
sj_exec_input(struct sj_sup *s, int i)
{
	struct sj_session	*e = &s->sess[i];
	struct sj_msg		 m;
	ssize_t			 n;

	if (e->id == 0) {
		request(s, e);
		return;
	}
	n = recv(e->fd, &m, sizeof(m), MSG_DONTWAIT);
	if (n == -1 && (errno == EINTR || errno == EAGAIN))
		return;
	if (n != sizeof(m)) {
		endsession(e);		/* the client is gone */
		return;
	}
	if (m.type == SJ_MSG_SIGNAL && e->pidfd != -1 && m.value > 0 &&
	    m.value < NSIG)
		(void)sj_pidfd_signal(e->pidfd, m.value, NULL, 0);
}

/*
 * Does the peer of a jexec connection belong to a jail, any jail?  Decided
 * on the process that connected, through a pidfd of it: the kernel's
 * (SO_PEERPIDFD, Linux 6.5), else one opened from SO_PEERCRED's pid, which
 * may name another process if the peer has ended.  Every jail's processes
 * are in a cgroup sysjail/JID.KEEPER of the v2 hierarchy (netbpf.c); the
 * peer's cgroup is read through its /proc directory, opened before and
 * checked after against the pidfd, so that a recycled pid cannot answer
 * for it.  Returns 0 for a peer outside every jail, 1 otherwise (a jailed
 * peer, or one that cannot be judged: fail closed).
 */
static int
peerjailed(struct sj_sup *s, int fd)
{
	struct ucred	 cr;
	socklen_t	 len;
	FILE		*f = NULL;
	char		 line[512], *p;
	pid_t		 pid = -1;
	int		 pfd = -1, dfd = -1, cfd, jailed = 1, seen = 0;

	len = sizeof(pfd);
	if (getsockopt(fd, SOL_SOCKET, SO_PEERPIDFD, &pfd, &len) == -1) {
		len = sizeof(cr);
		if (getsockopt(fd, SOL_SOCKET, SO_PEERCRED, &cr, &len) == -1 ||
		    (pfd = sj_pidfd_open(cr.pid, 0)) == -1)
			return 1;
	}
	/*
	 * The pidfd's process, as our /proc numbers it: through s->procfd,
	 * opened before the chroot (a path would resolve in the jail's root).
	 */
	snprintf(line, sizeof(line), "self/fdinfo/%d", pfd);
	if ((cfd = openat(s->procfd, line, O_RDONLY | O_CLOEXEC)) == -1)
		goto out;
	if ((f = fdopen(cfd, "r")) == NULL) {
		close(cfd);
		goto out;
	}
	while (fgets(line, sizeof(line), f) != NULL)
		if (strncmp(line, "Pid:", 4) == 0)
			pid = (pid_t)strtol(line + 4, NULL, 10);
	fclose(f);
	f = NULL;
	if (pid <= 0)
		goto out;	/* ended, or in no pid namespace of ours */
	snprintf(line, sizeof(line), "%d", (int)pid);
	if ((dfd = openat(s->procfd, line, O_RDONLY | O_DIRECTORY |
	    O_CLOEXEC)) == -1 ||
	    (cfd = openat(dfd, "cgroup", O_RDONLY | O_CLOEXEC)) == -1 ||
	    (f = fdopen(cfd, "r")) == NULL)
		goto out;
	jailed = 0;
	while (fgets(line, sizeof(line), f) != NULL) {
		/* hierarchy-ID:controllers:path */
		if ((p = strchr(line, ':')) == NULL ||
		    (p = strchr(p + 1, ':')) == NULL)
			continue;
		seen = 1;
		if (strncmp(p + 1, "/sysjail/", 9) == 0)
			jailed = 1;
	}
	/* The directory read is the pidfd's process's only if it lives. */
	if (!seen || sj_pidfd_signal(pfd, 0, NULL, 0) == -1)
		jailed = 1;
out:
	if (f != NULL)
		fclose(f);
	if (dfd != -1)
		close(dfd);
	close(pfd);
	return jailed;
}

/* Tells a new client which jail this is (struct sj_hello): 0 or -1. */
static int
hello(struct sj_sup *s, int fd)
{
	static char		 buf[sizeof(struct sj_hello) + 2 * SJ_HELLO_MAXPATH];
	struct sj_hello		*h = (struct sj_hello *)buf;
	struct stat		 sb;
	const char		*reg = sj_registry_dir(s->sj);
	size_t			 n = strlen(s->sj->path) + 1, r = strlen(reg) + 1;

	if (n > SJ_HELLO_MAXPATH || r > SJ_HELLO_MAXPATH ||
	    fstat(s->dbfd, &sb) == -1)
		return -1;
	h->magic = SJ_HELLO_MAGIC;
	h->jid = s->sj->jid;
	h->regdev = (uint64_t)sb.st_dev;
	h->regino = (uint64_t)sb.st_ino;
	memcpy(h->path, s->sj->path, n);
	memcpy(h->path + n, reg, r);
	return send(fd, buf, sizeof(*h) + n + r, MSG_NOSIGNAL |
	    MSG_DONTWAIT) == (ssize_t)(sizeof(*h) + n + r) ? 0 : -1;
}

/*
 * A new session, from root outside every jail only: a jail that sees this
 * registry (one rooted at /, whose own registry is elsewhere) may connect,
 * as root even, but must not run commands in another jail.
 */
void
sj_exec_accept(struct sj_sup *s)
{
	struct ucred	 cr;
	socklen_t	 len = sizeof(cr);
	int		 fd, i, err = 0;

	if ((fd = accept4(s->execfd, NULL, NULL, SOCK_CLOEXEC)) == -1)
		return;
	for (i = 0; i < SJ_MAXSESS && s->sess[i].fd != -1; i++)
		continue;
	if (i == SJ_MAXSESS)
		err = EAGAIN;
	else if (getsockopt(fd, SOL_SOCKET, SO_PEERCRED, &cr, &len) == -1 ||
	    cr.uid != 0 || peerjailed(s, fd))
		err = EPERM;
	if (err != 0) {
		tell(fd, SJ_MSG_FAILED, (SJ_ST_FORK << 16) | err);
		close(fd);
		return;
	}
	if (hello(s, fd) == -1) {
		close(fd);
		return;
	}
	memset(&s->sess[i], 0, sizeof(s->sess[i]));
	s->sess[i].fd = fd;
	s->sess[i].pidfd = -1;
}

/* Adds the descriptors to poll; returns how many. */
int
sj_exec_pollfds(struct sj_sup *s, struct pollfd *p, int *which)
{
	int	 n = 0, i;

	p[n].fd = s->zfd;
	p[n].events = POLLIN;
	which[n++] = -2;
	p[n].fd = s->stopping ? -1 : s->execfd;
	p[n].events = POLLIN;
	which[n++] = -1;
	for (i = 0; i < SJ_MAXSESS; i++)
		if (s->sess[i].fd != -1) {
			p[n].fd = s->sess[i].fd;
			p[n].events = POLLIN;
			which[n++] = i;
		}
	return n;
}

/*
 * Is the jail empty?  Z has no child and nothing pending, S has no child
 * but Z, and the jail's cgroup holds nothing but Z and N: every jailed
 * process has ended.  The cgroup counts a command's sibling made with
 * CLONE_PARENT, Z's child that Z never counted (its exit even lowers Z's
 * count: atk14); with N unknown it cannot be told apart, and is not read.
 */
int
sj_exec_empty(struct sj_sup *s)
{
	char	 name[32];
	pid_t	*v = NULL;
	size_t	 n = 0, cap = 0, i;
	int	 d, r;

	if (s->spawner == 0 || s->znkids > 0 || s->zpending > 0)
		return 0;
	snprintf(name, sizeof(name), "%d", (int)s->self);
	if ((d = openat(s->procfd, name, O_RDONLY | O_DIRECTORY |
	    O_CLOEXEC)) == -1)
		return 0;
	r = sj_proc_children(d, &v, &n, &cap) == 0;
	close(d);
	for (i = 0; r && i < n; i++)
		if (v[i] != s->spawner)
			r = 0;
	free(v);
	return r && (s->nursery == 0 ||
	    sj_cgroup_others(s->sj->cgfd, s->spawner, s->nursery) == 0);
}

/* Ends Z and every session, before the jail's end. */
void
sj_exec_end(struct sj_sup *s)
{
	int	 i;

	for (i = 0; i < SJ_MAXSESS; i++)
		if (s->sess[i].fd != -1)
			endsession(&s->sess[i]);
	if (s->execfd != -1) {
		close(s->execfd);
		s->execfd = -1;
	}
	if (s->zfd != -1) {
		close(s->zfd);		/* Z reads the end and exits */
		s->zfd = -1;
	}
	if (s->spawner != 0) {
		kill(s->spawner, SIGKILL);	/* our child: not recycled */
		while (waitpid(s->spawner, NULL, __WALL) == -1 &&
		    errno == EINTR)
			continue;
		s->spawner = 0;
	}
}
