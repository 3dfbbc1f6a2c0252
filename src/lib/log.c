/*
 * log.c: what the supervisor tells the administrator.
 *
 * Counters.  The supervisor counts, per ABI and system call, the calls
 * referred to it and those it refused, in the jail's stats file N.stats in
 * the registry, which it maps shared: sjls(1) reads the live numbers from
 * it while the jail runs.  The file lives in the registry directory, which
 * no jail can see (confine.c), and goes with the record.
 *
 * Log lines.  With sysjail_set_log(), it writes one line per refused call
 * (SYSJAIL_LOG_REFUSED: the audit trail), or per referred call
 * (SYSJAIL_LOG_CALLS: debugging), to a descriptor or to syslog(3):
 *
 *	sysjail[JID]: pid PID ABI NAME(ARGS) = ANSWER
 *
 * The arguments are the registers, decoded by kind (signals, families,
 * process IDs); memory is never read again for a log line.  With
 * SYSJAIL_LOG_REFUSED the filter refers even the refusals it could decide
 * itself (SJ_AUDIT), so that the trail is complete; the supervisor gives
 * them the answer the plain filter would have given.
 *
 * The jail controls how many lines it causes: at most SJ_LOG_RATE a
 * second are written, after a burst of SJ_LOG_BURST (a token bucket per
 * jail), and the next line written after some were dropped is preceded by
 * one saying how many.  The counters count every call.
 *
 * Syslog.  Not syslog(3): glibc reconnects to /dev/log by path whenever a
 * send fails, and after chroot that path is the jail's, so a jail binding
 * its own /dev/log would receive the audit trail.  sj_log_open() resolves
 * the host's socket and connects a datagram socket to it before chroot;
 * the lines (RFC 3164: <PRI>TIMESTAMP sysjail[PID]: ...) go to that
 * socket without waiting.  If the logger was restarted, the socket is
 * connected again by its name in the directory held open since, from a
 * working directory set to that descriptor: never by a path from the
 * jail's root.  With no logger at the start, there is none to reconnect
 * to, and syslog lines are lost.
 */
#include <sys/mman.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <syslog.h>
#include <time.h>
#include <unistd.h>

#include "sysjail_priv.h"
#include "supervisor.h"

#define SJ_LOG_RATE	100	/* lines a second, once the burst is spent */
#define SJ_LOG_BURST	200

static const char magic[8] = "SJSTAT01";

/*
 * Run by the supervisor before chroot: the rate limit's bucket, and for
 * syslog the host's log socket, resolved (/dev/log is often a link) and
 * connected now, with its directory held for a reconnection.
 */
void
sj_log_open(struct sj_sup *s)
{
	char	*rp, *slash;
	struct sockaddr_un	 sun;

	s->logsock = s->logdir = -1;
	s->logtokens = SJ_LOG_BURST;
	s->logstamp = sj_now_ms();
	s->logdropped = 0;
	if (!(s->sj->logwhat & SYSJAIL_LOG_SYSLOG))
		return;
	tzset();	/* the host's zone: the jail's /etc/localtime never */
	if ((rp = realpath(_PATH_LOG, NULL)) == NULL)
		return;
	slash = strrchr(rp, '/');
	memset(&sun, 0, sizeof(sun));
	sun.sun_family = AF_UNIX;
	if (slash != NULL && strlen(rp) < sizeof(sun.sun_path) &&
	    strlen(slash + 1) < sizeof(s->logname)) {
		memcpy(sun.sun_path, rp, strlen(rp));
		strcpy(s->logname, slash + 1);
		*slash = '\0';
		s->logdir = open(slash == rp ? "/" : rp, O_PATH | O_DIRECTORY |
		    O_CLOEXEC);
		s->logsock = socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
		if (s->logsock != -1 && connect(s->logsock,
		    (struct sockaddr *)&sun, sizeof(sun)) == -1) {
			close(s->logsock);
			s->logsock = -1;
		}
	}
	free(rp);
}

/*
 * The log socket again, by its name in the held directory (see above):
 * the working directory is that directory for the connect, then the
 * jail's root again.  The supervisor has one thread.
 */
static void
relog(struct sj_sup *s)
{
	struct sockaddr_un	 sun;

	if (s->logsock != -1)
		close(s->logsock);
	s->logsock = -1;
	if (s->logdir == -1 ||
	    (s->logsock = socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0)) == -1)
		return;
	memset(&sun, 0, sizeof(sun));
	sun.sun_family = AF_UNIX;
	memcpy(sun.sun_path, s->logname, strlen(s->logname));
	if (fchdir(s->logdir) == -1 || connect(s->logsock,
	    (struct sockaddr *)&sun, sizeof(sun)) == -1) {
		close(s->logsock);
		s->logsock = -1;
	}
	(void)chdir("/");
}

/* One RFC 3164 line to the log socket; never waits. */
static void
sendlog(struct sj_sup *s, int pri, const char *msg)
{
	char		 line[640], when[32];
	struct tm	 tm;
	time_t		 t = time(NULL);
	int		 n;

	if (s->logsock == -1 && s->logdir == -1)
		return;
	localtime_r(&t, &tm);
	strftime(when, sizeof(when), "%b %e %H:%M:%S", &tm);
	n = snprintf(line, sizeof(line), "<%d>%s sysjail[%d]: %s",
	    LOG_AUTHPRIV | pri, when, (int)s->self, msg);
	if (n < 0)
		return;
	if ((size_t)n >= sizeof(line))
		n = sizeof(line) - 1;
	if (s->logsock != -1 && send(s->logsock, line, (size_t)n,
	    MSG_DONTWAIT | MSG_NOSIGNAL) != -1)
		return;
	if (s->logsock != -1 && errno != ECONNREFUSED && errno != ENOTCONN &&
	    errno != ECONNRESET)
		return;		/* EAGAIN: the logger is behind; dropped */
	relog(s);
	if (s->logsock != -1)
		(void)send(s->logsock, line, (size_t)n, MSG_DONTWAIT |
		    MSG_NOSIGNAL);
}

/* One line, body without the "sysjail[JID]: " of the descriptor form. */
static void
emit(struct sj_sup *s, int pri, const char *body)
{
	char	 line[600];
	int	 n;

	if (s->sj->logwhat & SYSJAIL_LOG_SYSLOG) {
		snprintf(line, sizeof(line), "jail %d: %s", s->sj->jid, body);
		sendlog(s, pri, line);
	} else if (s->sj->logfd != -1) {
		n = snprintf(line, sizeof(line), "sysjail[%d]: %s\n",
		    s->sj->jid, body);
		if (n < 0)
			return;
		if ((size_t)n >= sizeof(line)) {
			n = sizeof(line) - 1;
			line[n - 1] = '\n';
		}
		(void)write(s->sj->logfd, line, (size_t)n);
	}
}

/*
 * May a line be written now?  The bucket refills at SJ_LOG_RATE tokens a
 * second up to SJ_LOG_BURST; a line takes one.  When one may be written
 * after some were dropped, a line first says how many.
 */
static int
ratelimit(struct sj_sup *s)
{
	long long	 now = sj_now_ms(), add;
	char		 msg[64];

	add = (now - s->logstamp) * SJ_LOG_RATE / 1000;
	if (add > 0) {
		s->logstamp += add * 1000 / SJ_LOG_RATE;
		if (add >= SJ_LOG_BURST - (long long)s->logtokens) {
			s->logtokens = SJ_LOG_BURST;
			s->logstamp = now;
		} else
			s->logtokens += (unsigned int)add;
	}
	if (s->logtokens == 0) {
		s->logdropped++;
		return 0;
	}
	s->logtokens--;
	if (s->logdropped > 0) {
		snprintf(msg, sizeof(msg), "%llu lines dropped (more than %d "
		    "a second)", s->logdropped, SJ_LOG_RATE);
		emit(s, LOG_WARNING, msg);
		s->logdropped = 0;
	}
	return 1;
}

/*
 * Creates and maps the jail's stats file; run by the supervisor.  A jail
 * without counters still runs: s->stats stays NULL.
 */
void
sj_stats_open(struct sj_sup *s)
{
	char	 name[32];
	void	*p;
	int	 fd;

	s->stats = NULL;
	sj_registry_file(name, sizeof(name), s->sj->jid, SJ_REG_STATS);
	(void)unlinkat(s->dbfd, name, 0);	/* a dead jail's */
	if ((fd = openat(s->dbfd, name, O_RDWR | O_CREAT | O_EXCL |
	    O_CLOEXEC | O_NOFOLLOW, 0600)) == -1)
		return;
	/* Blocks allocated now: a store into a hole of a full file system
	 * would be SIGBUS, and the supervisor's death. */
	if (posix_fallocate(fd, 0, sizeof(struct sj_stats)) == 0 &&
	    (p = mmap(NULL, sizeof(struct sj_stats), PROT_READ | PROT_WRITE,
	    MAP_SHARED, fd, 0)) != MAP_FAILED) {
		s->stats = p;
		memcpy(s->stats->magic, magic, sizeof(magic));
		s->stats->nabi = SJ_NABI;
		s->stats->maxnr = SJ_MAXNR;
	}
	close(fd);
}

/* Counts one answered call. */
void
sj_stats_count(struct sj_sup *s, int abi, int nr, int refused)
{
	if (s->stats == NULL || abi < 0 || abi >= SJ_NABI || nr < 0 ||
	    nr >= SJ_MAXNR)
		return;
	__atomic_add_fetch(&s->stats->calls[abi][nr], 1, __ATOMIC_RELAXED);
	if (refused)
		__atomic_add_fetch(&s->stats->refused[abi][nr], 1,
		    __ATOMIC_RELAXED);
}

static size_t
arg(char *b, size_t size, char kind, uint64_t v, enum sj_abi abi)
{
	const char	*n;
	int64_t		 sv = abi == SJ_ABI_I386 ? (int32_t)v : (int64_t)v;

	switch (kind) {
	case 'd':
		return (size_t)snprintf(b, size, "%lld", (long long)sv);
	case 'u':
		return (size_t)snprintf(b, size, "%llu", (unsigned long long)v);
	case 's':
		if (v > 0 && v < NSIG && (n = sigabbrev_np((int)v)) != NULL)
			return (size_t)snprintf(b, size, "SIG%s", n);
		return (size_t)snprintf(b, size, "%lld", (long long)sv);
	case 'f':
		switch (v) {
		case AF_UNIX:
			return (size_t)snprintf(b, size, "AF_UNIX");
		case AF_INET:
			return (size_t)snprintf(b, size, "AF_INET");
		case AF_INET6:
			return (size_t)snprintf(b, size, "AF_INET6");
		case AF_NETLINK:
			return (size_t)snprintf(b, size, "AF_NETLINK");
		case AF_PACKET:
			return (size_t)snprintf(b, size, "AF_PACKET");
		}
		return (size_t)snprintf(b, size, "%llu", (unsigned long long)v);
	default:
		return (size_t)snprintf(b, size, "%#llx", (unsigned long long)v);
	}
}

/* Writes the line for one answered call, if it is to be logged. */
void
sj_log_call(struct sj_sup *s, const struct sj_call *c, int abi, int nr)
{
	const struct seccomp_notif	*q = c->req;
	const struct seccomp_notif_resp	*r = c->resp;
	const struct sysjail		*sj = s->sj;
	const char			*name, *kinds = "xxxxxx", *e;
	char				 line[512], *body;
	size_t				 n, i;
	uint64_t			 v;

	if (!(sj->logwhat & SYSJAIL_LOG_CALLS) &&
	    !((sj->logwhat & SYSJAIL_LOG_REFUSED) && r->error != 0 &&
	    !(r->flags & SECCOMP_USER_NOTIF_FLAG_CONTINUE)))
		return;
	if (abi < 0 || (name = sj_syscall_name(abi, nr)) == NULL)
		name = "?";
	for (i = 0; sj_argkinds[i].name != NULL; i++)	/* policy.tbl's args */
		if (strcmp(sj_argkinds[i].name, name) == 0) {
			kinds = sj_argkinds[i].kinds;
			break;
		}
	n = (size_t)snprintf(line, sizeof(line), "sysjail[%d]: ", sj->jid);
	body = line + n;
	n += (size_t)snprintf(line + n, sizeof(line) - n, "pid %u %s ",
	    (unsigned)q->pid, abi >= 0 ? sj_abi_name(abi) : "?");
	if (strcmp(name, "?") == 0)
		n += (size_t)snprintf(line + n, sizeof(line) - n, "%d(", nr);
	else
		n += (size_t)snprintf(line + n, sizeof(line) - n, "%s(", name);
	for (i = 0; kinds[i] != '\0' && i < 6 && n < sizeof(line); i++) {
		v = abi == SJ_ABI_I386 ? (uint32_t)q->data.args[i] :
		    q->data.args[i];
		if (i > 0)
			n += (size_t)snprintf(line + n, sizeof(line) - n, ", ");
		if (n < sizeof(line))
			n += arg(line + n, sizeof(line) - n, kinds[i], v,
			    (enum sj_abi)abi);
	}
	if (n >= sizeof(line))
		n = sizeof(line) - 1;
	if (r->flags & SECCOMP_USER_NOTIF_FLAG_CONTINUE)
		snprintf(line + n, sizeof(line) - n, ") = (the kernel's)");
	else if (r->error != 0) {
		if ((e = strerrorname_np(-r->error)) == NULL)
			e = "?";
		snprintf(line + n, sizeof(line) - n, ") = -1 %s", e);
	} else
		snprintf(line + n, sizeof(line) - n, ") = %lld",
		    (long long)r->val);
	if (ratelimit(s))
		emit(s, r->error ? LOG_NOTICE : LOG_DEBUG, body);
}
