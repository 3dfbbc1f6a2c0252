/*
 * handle.c: the opaque handle and its life cycle.
 */
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>

#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "sysjail_priv.h"

/* Records a one-line message, sets errno to err, and returns -1. */
int
sj_err(struct sysjail *sj, int err, const char *fmt, ...)
{
	va_list	 ap;
	size_t	 n;

	va_start(ap, fmt);
	vsnprintf(sj->errmsg, sizeof(sj->errmsg), fmt, ap);
	va_end(ap);
	n = strlen(sj->errmsg);
	if (err && n + 3 < sizeof(sj->errmsg) &&
	    strstr(sj->errmsg, "no such user") == NULL)
		snprintf(sj->errmsg + n, sizeof(sj->errmsg) - n, ": %s",
		    strerror(err));
	errno = err;
	return -1;
}

/* Like sj_err(), for a message that says it all: no strerror() after. */
int
sj_errx(struct sysjail *sj, int err, const char *fmt, ...)
{
	va_list	 ap;

	va_start(ap, fmt);
	vsnprintf(sj->errmsg, sizeof(sj->errmsg), fmt, ap);
	va_end(ap);
	errno = err;
	return -1;
}

struct sysjail *
sysjail_create(void)
{
	struct sysjail	*sj;

	if ((sj = calloc(1, sizeof(*sj))) == NULL)
		return NULL;
	sj->lockfd = sj->ctlfd = sj->dbfd = sj->logfd = sj->rootfd = -1;
	sj->cgfd = sj->cgparent = sj->pidsfd = sj->pidsparent = -1;
	sj->maxproc = SYSJAIL_MAXPROC;
	sj->jid = -1;
	sj->cmdpid = -1;
	sj->relay.master = sj->relay.pts = -1;
	return sj;
}

static int
busy(struct sysjail *sj)
{
	if (sj->started_ok)
		return sj_err(sj, EBUSY, "the jail is already started");
	return 0;
}

static int
setstr(struct sysjail *sj, char **dst, const char *s)
{
	char	*n;

	if (busy(sj) == -1)
		return -1;
	if (s == NULL)
		return sj_err(sj, EINVAL, "missing argument");
	if ((n = strdup(s)) == NULL)
		return sj_err(sj, errno, "strdup");
	free(*dst);
	*dst = n;
	return 0;
}

static int
isdir(const char *path)
{
	struct stat	 sb;

	if (stat(path, &sb) == -1)
		return -1;
	if (!S_ISDIR(sb.st_mode)) {
		errno = ENOTDIR;
		return -1;
	}
	return access(path, X_OK);
}

/*
 * The jail's name, as FreeBSD's name parameter: what jls(1), jexec(1) and
 * jail -r know it by, unique among the running jails of its registry
 * (sysjail_start() fails with EEXIST otherwise).  Without one a jail is
 * named by its JID.  A name has no '.' (FreeBSD's separator of nested
 * jails), '/' or control byte, and is at most SYSJAIL_NAMEMAX bytes; a
 * name made of digits is the JID the jail must get (1 to 65535, no
 * leading zero), as FreeBSD refuses a numeric name other than the JID.
 */
int
sysjail_set_name(struct sysjail *sj, const char *name)
{
	const unsigned char	*p;
	size_t			 n;
	long			 v;

	if (busy(sj) == -1)
		return -1;
	if (name == NULL || *name == '\0')
		return sj_errx(sj, EINVAL, "a jail's name cannot be empty");
	if ((n = strlen(name)) > SYSJAIL_NAMEMAX)
		return sj_errx(sj, EINVAL, "a jail's name is at most %d bytes",
		    SYSJAIL_NAMEMAX);
	for (p = (const unsigned char *)name; *p != '\0'; p++)
		if (*p < 0x20 || *p == 0x7f || *p == '.' || *p == '/')
			return sj_errx(sj, EINVAL, "not a jail's name: it has "
			    "a '.', a '/' or a control character");
	if (strcmp(name, "*") == 0)
		return sj_errx(sj, EINVAL, "*: not a jail's name (it means "
		    "every jail)");
	if (strspn(name, "0123456789") == n) {
		v = n <= 5 ? strtol(name, NULL, 10) : 0;
		if (name[0] == '0' || v < 1 || v > SJ_MAXJID)
			return sj_errx(sj, EINVAL, "%s: a numeric name must be "
			    "a JID (1 to %d)", name, SJ_MAXJID);
	}
	return setstr(sj, &sj->name, name);
}

/* The root directory; resolved to its real path now, as jail(8) does. */
int
sysjail_set_path(struct sysjail *sj, const char *path)
{
	char	 real[PATH_MAX], abs[PATH_MAX], cwd[PATH_MAX];
	int	 fd;

	if (busy(sj) == -1)
		return -1;
	if (path == NULL || *path == '\0')
		return sj_err(sj, ENOENT, "realpath: %s", path ? path : "");
	if (realpath(path, real) == NULL)
		return sj_err(sj, errno, "realpath: %s", path);
	if (isdir(real) == -1)
		return sj_err(sj, errno, "chdir: %s", real);
	/* Again, never through a link in another jail's tree (rootpath.c). */
	if (*path == '/')
		snprintf(abs, sizeof(abs), "%s", path);
	else if (getcwd(cwd, sizeof(cwd)) == NULL ||
	    snprintf(abs, sizeof(abs), "%s/%s", cwd, path) >= (int)sizeof(abs))
		return sj_err(sj, ENAMETOOLONG, "%s", path);
	if ((fd = sj_root_open(abs, real)) == -1) {
		if (errno == ELOOP)
			return sj_errx(sj, ELOOP, "%s: a link inside the tree "
			    "of a jail, or too many links", path);
		if (errno == EXDEV)
			return sj_errx(sj, EXDEV, "%s: inside the tree of "
			    "another jail, which owns its directories", path);
		return sj_err(sj, errno, "%s", path);
	}
	close(fd);
	return setstr(sj, &sj->path, real);
}

int
sysjail_set_hostname(struct sysjail *sj, const char *name)
{
	if (name != NULL && strlen(name) > 64)
		return sj_err(sj, EINVAL, "%s: hostname too long", name);
	return setstr(sj, &sj->hostname, name);
}

/* An IPv4 or IPv6 literal; the first of each family is rewritten to. */
int
sysjail_add_addr(struct sysjail *sj, const char *s)
{
	struct sj_addr	 a;
	int		 i;

	if (busy(sj) == -1)
		return -1;
	memset(&a, 0, sizeof(a));
	if (s != NULL && inet_pton(AF_INET, s, &a.v4) == 1)
		a.family = AF_INET;
	else if (s != NULL && inet_pton(AF_INET6, s, &a.v6) == 1)
		a.family = AF_INET6;
	else
		return sj_err(sj, EINVAL, "Could not make sense of ip-number: %s",
		    s ? s : "");
	/*
	 * As FreeBSD's jail(2): the wildcard is no jail's address; nor is an
	 * IPv4-mapped IPv6 one, which would name an IPv4 address outside the
	 * jail's list.
	 */
	if ((a.family == AF_INET && (a.v4.s_addr == htonl(INADDR_ANY) ||
	    a.v4.s_addr == htonl(INADDR_BROADCAST))) ||
	    (a.family == AF_INET6 && (IN6_IS_ADDR_UNSPECIFIED(&a.v6) ||
	    IN6_IS_ADDR_V4MAPPED(&a.v6))))
		return sj_errx(sj, EINVAL, "%s: not a jail's address", s);
	for (i = 0; i < sj->naddrs; i++)
		if (sj->addrs[i].family == a.family &&
		    memcmp(&sj->addrs[i].v6, &a.v6, a.family == AF_INET ?
		    sizeof(a.v4) : sizeof(a.v6)) == 0)
			return sj_errx(sj, EEXIST, "%s: given twice", s);
	if (sj->naddrs == SJ_MAXADDR)
		return sj_err(sj, ENOSPC, "%s: more than %d addresses", s,
		    SJ_MAXADDR);
	sj->addrs[sj->naddrs++] = a;
	return 0;
}

int
sysjail_set_user(struct sysjail *sj, const char *name, int where)
{
	if (where != SYSJAIL_USER_HOST && where != SYSJAIL_USER_JAIL)
		return sj_err(sj, EINVAL, "bad user database %d", where);
	if (setstr(sj, &sj->username, name) == -1)
		return -1;
	sj->userwhere = where;
	return 0;
}

int
sysjail_set_flags(struct sysjail *sj, unsigned int flags)
{
	if (busy(sj) == -1)
		return -1;
	if (flags & ~(SYSJAIL_LOGIN | SYSJAIL_NOHOSTNAME |
	    SYSJAIL_ALLOW_SYSVIPC | SYSJAIL_MOUNT_PROCFS |
	    SYSJAIL_ALLOW_RAW_SOCKETS | SYSJAIL_NODEVFS | SYSJAIL_NOPTYS |
	    SYSJAIL_NOSETUID | SYSJAIL_PERSIST))
		return sj_err(sj, EINVAL, "unknown flags %#x", flags);
	sj->flags = flags;
	return 0;
}

/*
 * Log lines from the supervisor (log.c) to a duplicate of fd, or to
 * syslog(3) with SYSJAIL_LOG_SYSLOG.
 */
int
sysjail_set_log(struct sysjail *sj, int fd, unsigned int what)
{
	int	 nfd = -1;

	if (busy(sj) == -1)
		return -1;
	if (what & ~(SYSJAIL_LOG_REFUSED | SYSJAIL_LOG_CALLS |
	    SYSJAIL_LOG_SYSLOG))
		return sj_err(sj, EINVAL, "unknown log flags %#x", what);
	if (what != 0 && !(what & SYSJAIL_LOG_SYSLOG) &&
	    (nfd = fcntl(fd, F_DUPFD_CLOEXEC, 3)) == -1)
		return sj_err(sj, errno, "log descriptor %d", fd);
	if (sj->logfd != -1)
		close(sj->logfd);
	sj->logfd = nfd;
	sj->logwhat = what;
	return 0;
}

/*
 * The most processes and threads the jail may hold at once (the pids
 * controller of its cgroup); 0: no limit.  Set so, a limit the host
 * cannot enforce makes sysjail_start() fail; the default is then dropped.
 */
int
sysjail_set_maxproc(struct sysjail *sj, unsigned int n)
{
	if (busy(sj) == -1)
		return -1;
	if (n > INT_MAX)
		return sj_err(sj, EINVAL, "maxproc %u: too large", n);
	sj->maxproc = n;
	sj->maxproc_set = 1;
	return 0;
}

int
sysjail_set_dbdir(struct sysjail *sj, const char *dir)
{
	return setstr(sj, &sj->dbdir, dir);
}

int
sysjail_jid(const struct sysjail *sj)
{
	return sj->jid;
}

pid_t
sysjail_pid(const struct sysjail *sj)
{
	return sj->cmdpid;
}

const char *
sysjail_errmsg(const struct sysjail *sj)
{
	return sj->errmsg;
}

/* Passes a signal on to the command (async-signal-safe). */
int
sysjail_kill(struct sysjail *sj, int sig)
{
	struct sj_msg	 m = { SJ_MSG_SIGNAL, sig };

	if (sj->ctlfd == -1 || sj->waited) {
		errno = ESRCH;
		return -1;
	}
	if (send(sj->ctlfd, &m, sizeof(m), MSG_NOSIGNAL) != sizeof(m))
		return -1;
	return 0;
}

/*
 * Waits for the command to end and stores its wait status.  The jail, and
 * its supervisor, live on while other jailed processes do.
 */
int
sysjail_wait(struct sysjail *sj, int *status)
{
	struct sj_msg	 m;
	ssize_t		 n;

	if (sj->waited) {
		*status = sj->status;
		return 0;
	}
	if (sj->ctlfd == -1)
		return sj_err(sj, ECHILD, "no command was started");
	for (;;) {
		if (sj->relay.active && sj_relay_wait(&sj->relay, sj->ctlfd) ==
		    -1)
		{
			n = errno;
			sj_relay_close(&sj->relay);
			return sj_err(sj, (int)n, "relaying the standard "
			    "streams");
		}
		n = recv(sj->ctlfd, &m, sizeof(m), 0);
		if (n == -1 && errno == EINTR)
			continue;
		if (n != sizeof(m)) {
			sj_relay_close(&sj->relay);
			return sj_err(sj, ECHILD, "the supervisor died");
		}
		if (m.type == SJ_MSG_EXITED)
			break;
	}
	sj_relay_drain(&sj->relay);
	sj->waited = 1;
	sj->status = *status = m.value;
	return 0;
}

void
sysjail_free(struct sysjail *sj)
{
	struct sj_msg	 m = { SJ_MSG_DETACH, 0 };

	if (sj == NULL)
		return;
	sj_relay_close(&sj->relay);
	if (sj->ctlfd != -1) {
		if (!sj->waited)
			(void)send(sj->ctlfd, &m, sizeof(m), MSG_NOSIGNAL);
		close(sj->ctlfd);
	}
	if (sj->dbfd != -1)
		close(sj->dbfd);
	if (sj->rootfd != -1)
		close(sj->rootfd);
	if (sj->lockfd != -1)
		close(sj->lockfd);
	sj_filter_free(&sj->filter);
	sj_filter_free(&sj->plain);
	if (sj->logfd != -1)
		close(sj->logfd);
	sj_rofs_free(&sj->ro);
	sj_user_free(&sj->user);
	free(sj->name);
	free(sj->path);
	free(sj->hostname);
	free(sj->username);
	free(sj->dbdir);
	free(sj->cmdline);
	free(sj);
}

/* Now, on CLOCK_MONOTONIC, in milliseconds: for deadlines and rates. */
long long
sj_now_ms(void)
{
	struct timespec	 ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}
