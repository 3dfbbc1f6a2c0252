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
 */
#include <sys/mman.h>
#include <sys/socket.h>
#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <syslog.h>
#include <unistd.h>

#include "sysjail_priv.h"

static const char magic[8] = "SJSTAT01";

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
	snprintf(name, sizeof(name), "%d.stats", s->sj->jid);
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

/* How each argument of a call is shown; unlisted calls show hex. */
struct sig {
	const char	*name;
	const char	*kinds;	/* d: signed, u: unsigned, x: hex, p: pointer,
				   s: signal, f: address family */
};
static const struct sig sigs[] = {
	{ "kill", "ds" }, { "tkill", "ds" }, { "tgkill", "dds" },
	{ "rt_sigqueueinfo", "dsp" }, { "rt_tgsigqueueinfo", "ddsp" },
	{ "pidfd_open", "dx" }, { "pidfd_send_signal", "dspx" },
	{ "pidfd_getfd", "ddx" }, { "ptrace", "ddpp" },
	{ "process_vm_readv", "dpupux" }, { "process_vm_writev", "dpupux" },
	{ "kcmp", "dddxx" }, { "capget", "pp" }, { "capset", "pp" },
	{ "getpriority", "dd" }, { "setpriority", "ddd" },
	{ "ioprio_get", "dd" }, { "ioprio_set", "ddx" },
	{ "prlimit64", "ddpp" }, { "setrlimit", "dp" },
	{ "getpgid", "d" }, { "getsid", "d" }, { "setpgid", "dd" },
	{ "sched_setaffinity", "dup" }, { "sched_getaffinity", "dup" },
	{ "sched_setparam", "dp" }, { "sched_getparam", "dp" },
	{ "sched_setscheduler", "ddp" }, { "sched_getscheduler", "d" },
	{ "sched_setattr", "dpx" }, { "sched_getattr", "dpux" },
	{ "sched_rr_get_interval", "dp" }, { "migrate_pages", "dupp" },
	{ "move_pages", "dupppx" }, { "get_robust_list", "dpp" },
	{ "sethostname", "pu" }, { "setdomainname", "pu" },
	{ "reboot", "xxxp" }, { "socket", "fxd" }, { "socketpair", "fxdp" },
	{ "bind", "dpu" }, { "connect", "dpu" }, { "socketcall", "dp" },
	{ "mount", "pppxp" }, { "umount2", "px" }, { "chroot", "p" },
	{ "unshare", "x" }, { "setns", "dx" }, { "clone", "xpppp" },
	{ "ioctl", "dxp" }, { "mknod", "pxx" }, { "mknodat", "dpxx" },
	{ "init_module", "pup" }, { "finit_module", "dpx" },
	{ "delete_module", "px" }, { "settimeofday", "pp" },
	{ "clock_settime", "dp" }, { "prctl", "dxxxx" },
	{ NULL, NULL }
};

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
	for (i = 0; sigs[i].name != NULL; i++)
		if (strcmp(sigs[i].name, name) == 0) {
			kinds = sigs[i].kinds;
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
	if (sj->logwhat & SYSJAIL_LOG_SYSLOG)
		syslog(LOG_AUTHPRIV | (r->error ? LOG_NOTICE : LOG_DEBUG),
		    "jail %d: %s", sj->jid, body);
	else if (sj->logfd != -1) {
		n = strlen(line);
		line[n++] = '\n';
		(void)write(sj->logfd, line, n);
	}
}
