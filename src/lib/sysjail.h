/*
 * sysjail.h: the public interface of libsysjail.
 *
 * A jail is an opaque handle with a short life cycle:
 *
 *	sj = sysjail_create();
 *	sysjail_set_name(sj, "www");
 *	sysjail_set_path(sj, "/jails/www");
 *	sysjail_set_hostname(sj, "www.example.org");
 *	sysjail_add_addr(sj, "192.0.2.10");
 *	sysjail_set_user(sj, "www", SYSJAIL_USER_JAIL);
 *	if (sysjail_start(sj, argv, environ) == -1)
 *		errx(1, "%s", sysjail_errmsg(sj));
 *	sysjail_wait(sj, &status);
 *	sysjail_free(sj);
 *
 * Every function returns -1 (or NULL) with errno set on failure, and
 * sysjail_errmsg() then describes the failure in one line.  The library
 * never prints and never exits.
 */
#ifndef SYSJAIL_H
#define SYSJAIL_H

#include <sys/types.h>

#include <stddef.h>

#define SYSJAIL_VERSION		"0.1"
#define SYSJAIL_DBDIR		"/run/sysjail"	/* the default registry */

/* Where sysjail_set_user() looks the user up. */
#define SYSJAIL_USER_HOST	0	/* jail(1) -u: the host's database */
#define SYSJAIL_USER_JAIL	1	/* jail(1) -U: the jail's /etc/passwd */

/* Flags for sysjail_set_flags(). */
#define SYSJAIL_LOGIN		0x01	/* jail(1) -l: clean environment */
#define SYSJAIL_NOHOSTNAME	0x02	/* sethostname(2) refused in the jail */
#define SYSJAIL_ALLOW_SYSVIPC	0x04	/* SysV IPC and POSIX message queues */
#define SYSJAIL_MOUNT_PROCFS	0x08	/* a procfs of the jail's own at /proc */
#define SYSJAIL_ALLOW_RAW_SOCKETS 0x10	/* jailed root's raw sockets, on J only */
#define SYSJAIL_NODEVFS		0x20	/* no device file system: no devices */
#define SYSJAIL_NOPTYS		0x40	/* a devfs without ptmx and pts */
#define SYSJAIL_NOSETUID	0x80	/* set-user-ID bits grant nothing */
#define SYSJAIL_PERSIST		0x100	/* stays without processes until ended */

/* What sysjail_set_log() reports, and where. */
#define SYSJAIL_LOG_REFUSED	0x01	/* every refused call: the audit trail */
#define SYSJAIL_LOG_CALLS	0x02	/* every call the supervisor answers */
#define SYSJAIL_LOG_SYSLOG	0x04	/* to syslog(3), not to the descriptor */

/* The longest jail name sysjail_set_name() takes, in bytes. */
#define SYSJAIL_NAMEMAX		240

/* The default of sysjail_set_maxproc(): processes and threads at once. */
#define SYSJAIL_MAXPROC		1024

struct sysjail;

/* One running jail, as sysjail_list() reads it from the jail records. */
struct sysjail_info {
	int		 jid;
	char		*path;
	char		*hostname;
	char		*ip4;		/* comma-separated, or NULL */
	char		*ip6;		/* comma-separated, or NULL */
	char		*command;
	pid_t		 supervisor;
	pid_t		 spawner;	/* forks the jail's commands */
	pid_t		 nursery;	/* for it, inside the jail's domain */
	pid_t		 pid;		/* the jail's command */
	long long	 started;	/* seconds since the epoch */
	unsigned int	 flags;		/* SYSJAIL_* */
	unsigned int	 maxproc;	/* the process limit; 0: none */
	char		*name;		/* the jail's name; its JID if none */
};

/* A supervisor's counters for one system call (sysjail_callstats()). */
struct sysjail_callstat {
	const char	*abi;		/* "x86_64" or "i386" */
	const char	*name;		/* the system call */
	int		 nr;		/* its number in that ABI */
	unsigned long long calls;	/* answered by the supervisor */
	unsigned long long refused;	/* of which refused */
};

/* One kernel mechanism a jail is built from, as sysjail_hostinfo() found it. */
struct sysjail_hostcap {
	const char	*name;		/* "landlock", "ia32-emulation", ... */
	char		 state[96];	/* what this host has: "yes", "ABI 7" */
	int		 have;		/* 1 if the host has it */
	int		 required;	/* 1 if no jail starts without it */
	const char	*cost;		/* what a jail lacks without it */
};

struct sysjail	*sysjail_create(void);
int		 sysjail_set_name(struct sysjail *, const char *);
int		 sysjail_set_path(struct sysjail *, const char *);
int		 sysjail_set_hostname(struct sysjail *, const char *);
int		 sysjail_add_addr(struct sysjail *, const char *);
int		 sysjail_set_user(struct sysjail *, const char *, int);
int		 sysjail_set_flags(struct sysjail *, unsigned int);
int		 sysjail_set_dbdir(struct sysjail *, const char *);
int		 sysjail_set_log(struct sysjail *, int, unsigned int);
int		 sysjail_set_maxproc(struct sysjail *, unsigned int);
int		 sysjail_attach(struct sysjail *, int);
int		 sysjail_start(struct sysjail *, char *const [], char *const []);
int		 sysjail_jid(const struct sysjail *);
pid_t		 sysjail_pid(const struct sysjail *);
int		 sysjail_kill(struct sysjail *, int);
int		 sysjail_wait(struct sysjail *, int *);
const char	*sysjail_errmsg(const struct sysjail *);
void		 sysjail_free(struct sysjail *);
int		 sysjail_list(const char *, struct sysjail_info **, size_t *);
int		 sysjail_procs(const struct sysjail_info *, pid_t **, size_t *);
int		 sysjail_callstats(const char *, int, struct sysjail_callstat **,
		    size_t *);
long long	 sysjail_netdrops(const struct sysjail_info *);
void		 sysjail_list_free(struct sysjail_info *, size_t);
int		 sysjail_reclaim(const char *);
int		 sysjail_hostinfo(struct sysjail_hostcap **, size_t *);

#endif /* !SYSJAIL_H */
