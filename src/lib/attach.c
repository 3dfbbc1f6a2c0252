/*
 * attach.c: running a command in a jail that is already running, as
 * jexec(1) does: sysjail_attach() names the jail, sysjail_start() asks its
 * supervisor, through N.sock in the registry, to have the jail's spawner
 * start the command, and sysjail_kill() and sysjail_wait() then work as for
 * a jail's own command.
 */
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <sys/un.h>

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <linux/magic.h>

#include "sysjail_priv.h"

/*
 * Makes the handle refer to the running jail jid of its registry: its
 * description comes from the jail's record, and sysjail_start() runs a
 * command in that jail instead of making a new one.
 */
int
sysjail_attach(struct sysjail *sj, int jid)
{
	struct sysjail_info	*v;
	size_t			 n, i;
	int			 r = -1;

	if (sj->started_ok)
		return sj_err(sj, EBUSY, "the jail is already started");
	if (sysjail_list(sj->dbdir, &v, &n) == -1)
		return sj_err(sj, errno, "%s", sj_registry_dir(sj));
	for (i = 0; i < n; i++)
		if (v[i].jid == jid)
			break;
	if (jid <= 0 || i == n)
		sj_errx(sj, ESRCH, "%d: no such jail", jid);
	else if (sysjail_set_path(sj, v[i].path) == 0 &&
	    sysjail_set_hostname(sj, v[i].hostname) == 0) {
		sj->attached = jid;
		sj->attachsup = v[i].supervisor;
		r = 0;
	}
	sysjail_list_free(v, n);
	return r;
}

/*
 * Is the process that made the listener fd is connected to still alive?
 * The supervisor is, for as long as its socket accepts; a jailed
 * listener's identity is that of a helper that has exited (h_net.c), so
 * a record rewritten to name it still does not pass.  Decided on a pidfd
 * of the peer (SO_PEERPIDFD, Linux 6.5), else on its pid.
 */
static int
peer_alive(int fd)
{
	struct ucred	 uc;
	socklen_t	 len = sizeof(int);
	int		 pfd = -1, r;

	if (getsockopt(fd, SOL_SOCKET, SO_PEERPIDFD, &pfd, &len) == 0 &&
	    pfd >= 0) {
		r = sj_pidfd_signal(pfd, 0, NULL, 0) == 0;
		close(pfd);
		return r;
	}
	len = sizeof(uc);
	return getsockopt(fd, SOL_SOCKET, SO_PEERCRED, &uc, &len) == 0 &&
	    uc.pid > 0 && kill(uc.pid, 0) == 0;
}

static int
put(char *buf, size_t *len, const char *s)
{
	size_t	 n = strlen(s) + 1;

	if (*len + n > SJ_EXEC_MAXDATA)
		return -1;
	memcpy(buf + *len, s, n);
	*len += n;
	return 0;
}

/*
 * Connects to the supervisor of the attached jail: the descriptor, or -1
 * with the error set.  Nothing is sent before the listener is known to be
 * the live supervisor its record names, and that supervisor has said it
 * serves this very JID of this very registry (struct sj_hello): a record
 * and socket that a jail seeing the registry replaced would otherwise lead
 * the command, its environment and the caller's streams into another
 * jail.  The jail's root is then the one its supervisor gives.
 */
static int
attach_connect(struct sysjail *sj)
{
	static char		 buf[sizeof(struct sj_hello) + 2 * SJ_HELLO_MAXPATH + 1];
	struct sj_hello		*h = (struct sj_hello *)buf;
	struct sockaddr_un	 sun;
	struct stat		 sb;
	struct ucred		 uc;
	struct sj_msg		 m;
	socklen_t		 ulen;
	const char		*reg = sj_registry_dir(sj);
	char			 sock[32];
	ssize_t			 n;
	size_t			 pl;
	int			 fd, i, dfd;

	/*
	 * The registry, never through a link at its name (a jail rooted at
	 * / may put one where /run/sysjail was), and the socket reached
	 * through that very directory.
	 */
	if ((dfd = open(reg, O_RDONLY | O_DIRECTORY | O_NOFOLLOW |
	    O_CLOEXEC)) == -1 || fstat(dfd, &sb) == -1) {
		i = errno;
		if (dfd != -1)
			close(dfd);
		return sj_err(sj, i, "%s", reg);
	}
	memset(&sun, 0, sizeof(sun));
	sun.sun_family = AF_UNIX;
	snprintf(sun.sun_path, sizeof(sun.sun_path), "/proc/self/fd/%d/%s",
	    dfd, sj_registry_file(sock, sizeof(sock), sj->attached,
	    SJ_REG_SOCK));
	if ((fd = socket(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0)) == -1) {
		i = errno;
		close(dfd);
		return sj_err(sj, i, "socket");
	}
	i = connect(fd, (struct sockaddr *)&sun, sizeof(sun)) == -1 ? errno : 0;
	close(dfd);
	if (i != 0) {
		close(fd);
		if (i == ENOENT || i == ECONNREFUSED)
			return sj_errx(sj, ESRCH, "%d: no such jail",
			    sj->attached);
		return sj_err(sj, i, "%s/%s", reg, sock);
	}
	ulen = sizeof(uc);
	if (getsockopt(fd, SOL_SOCKET, SO_PEERCRED, &uc, &ulen) == -1 ||
	    uc.pid != sj->attachsup || uc.uid != 0 || !peer_alive(fd)) {
		close(fd);
		return sj_errx(sj, EPERM, "%d: its socket is not its "
		    "supervisor's", sj->attached);
	}
	memset(buf, 0, sizeof(buf));
	while ((n = recv(fd, buf, sizeof(buf) - 1, 0)) == -1 && errno == EINTR)
		continue;
	if (n == (ssize_t)sizeof(m)) {
		memcpy(&m, buf, sizeof(m));
		close(fd);
		if (m.type == SJ_MSG_FAILED && (m.value & 0xffff) != 0)
			return sj_err(sj, m.value & 0xffff, "%d: refused",
			    sj->attached);
		return sj_errx(sj, ESRCH, "%d: the jail ended", sj->attached);
	}
	/*
	 * S's registry is this directory, and was given to S by this name:
	 * a registry a jail moved here (a jail rooted at / sees others) is
	 * another path's.
	 */
	pl = n > (ssize_t)sizeof(*h) ? strlen(h->path) + 1 : 0;
	if (n < (ssize_t)sizeof(*h) + 4 || h->magic != SJ_HELLO_MAGIC ||
	    h->jid != sj->attached || h->regdev != (uint64_t)sb.st_dev ||
	    h->regino != (uint64_t)sb.st_ino ||
	    sizeof(*h) + pl >= (size_t)n ||
	    strlen(h->path + pl) + 1 + pl + sizeof(*h) != (size_t)n ||
	    strcmp(h->path + pl, reg) != 0) {
		close(fd);
		return sj_errx(sj, EPERM, "%d: its socket is another jail's",
		    sj->attached);
	}
	if (strcmp(h->path, sj->path) != 0 &&
	    sysjail_set_path(sj, h->path) == -1) {
		close(fd);
		return -1;
	}
	return fd;
}

/*
 * The jail's own devpts, where a terminal for the command is made
 * (relay.c), found in the root of its supervisor, which fd is connected
 * to: an O_PATH descriptor, or -1 if the jail has none (the relay then
 * makes one that is mounted nowhere).  The pid is the supervisor's while
 * its pidfd says it lives (peer_alive()), so /proc/PID was its.  Beneath
 * that root nothing is followed, and only a devpts that is not the host's
 * is taken: jailed root can neither mount nor move a mount point.
 */
static int
jailpts(const struct sysjail *sj, int fd)
{
	struct statfs	 fs;
	struct stat	 a, b;
	char		 p[64];
	int		 root, d;

	snprintf(p, sizeof(p), "/proc/%d/root", (int)sj->attachsup);
	if ((root = open(p, O_PATH | O_DIRECTORY | O_CLOEXEC)) == -1)
		return -1;
	if (!peer_alive(fd)) {
		close(root);
		return -1;
	}
	d = sj_beneath(root, "dev/pts", 1);
	close(root);
	if (d == -1)
		return -1;
	if (fstatfs(d, &fs) == -1 || fs.f_type != DEVPTS_SUPER_MAGIC ||
	    fstat(d, &a) == -1 || !S_ISDIR(a.st_mode) ||
	    (stat("/dev/pts", &b) == 0 &&
	    a.st_dev == b.st_dev)) {
		close(d);
		return -1;
	}
	return d;
}

/* sysjail_start() of an attached handle. */
int
sj_attach_start(struct sysjail *sj, char *const argv[], char *const envp[])
{
	static char		 buf[sizeof(struct sj_execreq) + SJ_EXEC_MAXDATA];
	struct sj_execreq	*q = (struct sj_execreq *)buf;
	const struct sj_user	*u = &sj->user;
	struct sj_msg		 m;
	size_t			 len = 0;
	ssize_t			 n;
	int			 fd, i, fds[3], pts;

	if (argv == NULL || argv[0] == NULL)
		return sj_err(sj, EINVAL, "no command");
	if ((sj->flags & SYSJAIL_LOGIN) && sj->username == NULL)
		return sj_err(sj, EINVAL, "a clean environment needs a user");
	if ((fd = attach_connect(sj)) == -1)
		return -1;
	/* From here, every failure closes fd. */
	if (sj_user_lookup(sj) == -1)
		goto fail;
	memset(q, 0, sizeof(*q));
	q->magic = SJ_EXEC_MAGIC;
	if (u->set) {
		if (u->ngroups > SJ_EXEC_MAXGROUPS) {
			sj_err(sj, E2BIG, "%s: in too many groups", u->name);
			goto fail;
		}
		q->setcreds = 1;
		q->uid = u->uid;
		q->gid = u->gid;
		q->ngroups = u->ngroups;
		for (i = 0; i < u->ngroups; i++)
			q->groups[i] = u->groups[i];
	}
	q->login = (sj->flags & SYSJAIL_LOGIN) != 0;
	for (i = 0; argv[i] != NULL; i++, q->nargv++)
		if (put(q->data, &len, argv[i]) == -1) {
			sj_err(sj, E2BIG, "the command is too long");
			goto fail;
		}
	/* A clean environment keeps TERM alone: send no more. */
	for (i = 0; envp != NULL && envp[i] != NULL; i++) {
		if (q->login && strncmp(envp[i], "TERM=", 5) != 0)
			continue;
		q->nenv++;
		if (put(q->data, &len, envp[i]) == -1) {
			sj_err(sj, E2BIG, "the environment is too long");
			goto fail;
		}
	}
	if (put(q->data, &len, u->set ? u->name : "") == -1 ||
	    put(q->data, &len, u->set ? u->dir : "") == -1 ||
	    put(q->data, &len, u->set ? u->shell : "") == -1) {
		sj_err(sj, E2BIG, "the environment is too long");
		goto fail;
	}
	q->datalen = (uint32_t)len;

	/* What the command gets for its standard streams (relay.c). */
	pts = jailpts(sj, fd);
	i = sj_relay_open(&sj->relay, fds, pts);
	if (pts != -1)
		close(pts);
	if (i == -1) {
		i = errno;
		close(fd);
		return sj_err(sj, i, "standard streams");
	}
	if (sj_sendfds(fd, buf, sizeof(*q) + len, fds, 3) !=
	    (ssize_t)(sizeof(*q) + len)) {
		i = errno;
		close(fd);
		sj_relay_handed(&sj->relay);
		sj_relay_close(&sj->relay);
		return sj_err(sj, i, "asking jail %d", sj->attached);
	}
	sj_relay_handed(&sj->relay);
	while ((n = recv(fd, &m, sizeof(m), 0)) == -1 && errno == EINTR)
		continue;
	if (n != sizeof(m) || (m.type != SJ_MSG_STARTED &&
	    m.type != SJ_MSG_FAILED)) {
		close(fd);
		sj_relay_close(&sj->relay);
		return sj_errx(sj, ESRCH, "%d: the jail ended", sj->attached);
	}
	if (m.type == SJ_MSG_FAILED) {
		int	 stage = m.value >> 16, err = m.value & 0xffff;

		close(fd);
		sj_relay_close(&sj->relay);
		if (stage == SJ_ST_EXEC)
			return sj_err(sj, err, "execvp: %s", argv[0]);
		if (stage == SJ_ST_HOME) {
			sj_err(sj, 0, "no home directory");
			errno = err;
			return -1;
		}
		if (err == ESRCH)
			return sj_errx(sj, ESRCH, "%d: the jail is ending",
			    sj->attached);
		return sj_err(sj, err, "%s", sj_stage_name(stage));
	}
	sj->ctlfd = fd;
	sj->cmdpid = m.value;
	sj->jid = sj->attached;
	sj->started_ok = 1;
	return 0;
fail:
	close(fd);
	return -1;
}
