/*
 * sysjail_priv.h: libsysjail's private header, shared by every file of the
 * library and by its unit tests.  Nothing here is installed.
 *
 * A running jail is these processes, each in a file of its own:
 *
 *	caller - keeper (W) - supervisor (S) - spawner (Z) - nursery (N)
 *	   \                                              - command (C) ...
 *	    relay (R)                                     - jexec'd ...
 *
 *	caller.c	sysjail_start() in the caller: the jail's id, then W by
 *			a double fork; waits on the error pipe
 *	keeper.c	W: makes the jail's cgroups, then S; if S dies for any
 *			reason it kills everything left, and removes the
 *			cgroups and the record
 *	supervisor.c	S: UTS and mount namespaces, chroot, owns the only
 *			seccomp listener; answers every notified call
 *			(dispatch to the h_*.c handlers) and jexec (jexecd.c)
 *	spawner.c	Z: confines itself once (capabilities, Landlock,
 *			filter); its child N, in a nested Landlock domain,
 *			starts C and each jexec'd command as Z's children,
 *			out of reach of Z
 *	relay.c		R: files and devices of the caller's, relayed to
 *			and from the jail through pipes
 *	attach.c	jexec's side: asks a running jail's S for a command
 *	rootpath.c	the jail's root, never found beneath another jail's
 *
 * A jailed call travels: the filter (filter.c, built from policy.tbl)
 * decides it in the kernel or notifies S; S receives it (supervisor.c),
 * dispatches on (architecture, number) to the handler policy.tbl names,
 * which reads the caller's memory and answers, refuses or lets the kernel
 * continue (notif.c), deciding membership with member.c.  The messages
 * between the processes are in wire.h; S's own state, and what only the
 * files that run in S use, in supervisor.h.
 */
#ifndef SYSJAIL_PRIV_H
#define SYSJAIL_PRIV_H

#include <sys/ioctl.h>
#include <sys/types.h>

#include <linux/filter.h>
#include <linux/seccomp.h>
#include <netinet/in.h>
#include <signal.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <termios.h>
#include <time.h>

#include "compat.h"
#include "sysjail.h"
#include "wire.h"

/* Constants the policy table names that no libc header gives. */
#define SJ_CLONE_NEW_MASK	0x7e020080	/* every CLONE_NEW* flag */
#define SYSLOG_ACTION_SIZE_BUFFER 10
#define SJ_IOPRIO_WHO_USER	3		/* IOPRIO_WHO_USER */
#ifndef SYS_SOCKET				/* socketcall(2) call numbers */
#define SYS_SOCKET		1
#define SYS_BIND		2
#define SYS_LISTEN		4
#define SYS_SOCKETPAIR		8
#endif

/*
 * Filter-building flags beyond the public SYSJAIL_* ones: what the jail's
 * configuration, not an option, decides.
 */
#define SJ_HAS4			0x10000		/* the jail has an IPv4 address */
#define SJ_HAS6			0x20000		/* the jail has an IPv6 address */
#define SJ_AUDIT		0x40000		/* refusals go to the supervisor */
#define SJ_NORAW		0x80000		/* raw sockets not allowed */

/* ABIs, the index of every per-ABI table. */
enum sj_abi {
	SJ_ABI_X86_64,
	SJ_ABI_I386,
	SJ_NABI
};

/* The filter's answer for a rule. */
enum sj_act {
	SJ_ACT_ALLOW,
	SJ_ACT_ERRNO,
	SJ_ACT_NOTIFY,
	SJ_ACT_KILL
};

/* Argument tests of a rule. */
enum sj_op {
	SJ_OP_NONE,
	SJ_OP_EQ,		/* arg == value */
	SJ_OP_NE,		/* arg != value */
	SJ_OP_ANY,		/* arg & mask != 0 */
	SJ_OP_MEQ		/* (arg & mask) == value */
};

/*
 * Supervisor handlers (enum sj_handler, SJ_H_NAME for policy.tbl's
 * notify:NAME), their prototypes, the dispatch table and the log's
 * argument kinds: generated from policy.tbl by gen-policy.awk.
 */
#include "policy-handlers.h"

struct sj_rule {
	int		 nr;
	const char	*name;
	enum sj_act	 act;
	int		 err;		/* SJ_ACT_ERRNO */
	enum sj_handler	 handler;	/* SJ_ACT_NOTIFY */
	int		 arg;		/* -1: unconditional */
	int		 width;		/* 32 or 64 */
	enum sj_op	 op;
	uint64_t	 value;
	uint64_t	 mask;
	unsigned int	 unless;	/* SYSJAIL_ALLOW_* that disables it */
};

extern const struct sj_rule	sj_rules_x86_64[];
extern const size_t		sj_nrules_x86_64;
extern const struct sj_rule	sj_rules_i386[];
extern const size_t		sj_nrules_i386;

/* policy.c */
#define SJ_MAXNR	1024		/* above every real number on both ABIs */
const struct sj_rule	*sj_rules(enum sj_abi, size_t *);
uint32_t		 sj_audit_arch(enum sj_abi);
int			 sj_abi_of_arch(uint32_t);
const char		*sj_abi_name(enum sj_abi);
const char		*sj_syscall_name(enum sj_abi, int);

/* filter.c: build and simulate the seccomp program */
struct sj_filter {
	struct sock_filter	*insns;
	size_t			 len;
	size_t			 cap;
	int			 audit;	/* refusals referred (SJ_AUDIT) */
};
int		 sj_filter_build(struct sj_filter *, unsigned int);
void		 sj_filter_free(struct sj_filter *);
uint32_t	 sj_filter_run(const struct sj_filter *,
		    const struct seccomp_data *);

/* relay.c: the jail's standard streams, relayed by the caller */
#define SJ_RELAY_MAXCHAN	5
struct sj_chan {
	int		 from, to;	/* read from, write to */
	int		 peek;		/* a file's: the pipe's read end, to
					   rewind; -1 for the others */
	int		 eof;
	size_t		 len, off;	/* bytes buffered, and where */
	off_t		 taken;		/* read from the file in all */
	char		 buf[4096];
};
struct sj_relay {
	int		 active;
	int		 made[3];	/* the jail's ends, until handed over */
	int		 master;	/* the pseudo-terminal's, or -1 */
	int		 pts;		/* its devpts, unattached: the jail's
					   to be (sj_rofs_apply()), or -1 */
	int		 sync;		/* socket to R, the pipes' relay */
	int		 tty;		/* the caller's terminal it copies */
	int		 raw;		/* the caller's terminal is raw */
	struct termios	 saved;		/* and was so before */
	struct winsize	 ws;
	int		 n;
	struct sj_chan	 c[SJ_RELAY_MAXCHAN];
};
int	sj_relay_open(struct sj_relay *, int [3], int);
void	sj_relay_child(struct sj_relay *, const int [3]);
void	sj_relay_handed(struct sj_relay *);
int	sj_relay_wait(struct sj_relay *, int);
void	sj_relay_drain(struct sj_relay *);
void	sj_relay_close(struct sj_relay *);

/* The jail's configuration, fixed at sysjail_start(). */
#define SJ_MAXADDR	16
struct sj_addr {
	int		 family;	/* AF_INET or AF_INET6 */
	union {
		struct in_addr	 v4;
		struct in6_addr	 v6;
	};
};

struct sj_user {
	int		 set;
	uid_t		 uid;
	gid_t		 gid;
	gid_t		*groups;
	int		 ngroups;
	char		*name;
	char		*dir;
	char		*shell;
};

/* Pseudo-filesystem paths made read-only in the jail (confine.c). */
enum sj_rokind {
	SJ_RO_REMOUNT,			/* a mount point: remount read-only */
	SJ_RO_BIND,			/* bind onto itself, then read-only */
	SJ_RO_PROCFS,			/* a procfs of the jail's own */
	SJ_RO_HIDE,			/* covered by an empty directory */
	SJ_RO_DEVFS,			/* a /dev of the jail's own */
	SJ_RO_DEVFS_PTYS		/* the same, with ptmx and pts */
};
struct sj_romount {
	char		*path;		/* relative to the jail's root */
	enum sj_rokind	 kind;
};
struct sj_rolist {
	struct sj_romount *v;
	size_t		 n;
	int		 devfs;		/* sj_rofs_apply() mounted a /dev */
	int		 pts;		/* a devpts for its pts (relay.c), or -1 */
};

/*
 * The handle.  Its fields in the order of their lives: the configuration,
 * which the setters write and sysjail_start() fixes; what sysjail_start()
 * makes in the caller before it forks, which W, S and Z inherit; what the
 * jail's processes write in their own copies, which the caller never
 * reads back; and the caller's view of the running jail.
 */
struct sysjail {
	/* The configuration (the sysjail_set_*() setters). */
	char		*name;		/* sysjail_set_name(), or NULL: the JID */
	char		*path;		/* realpath of the root */
	char		*hostname;
	struct sj_addr	 addrs[SJ_MAXADDR];
	int		 naddrs;
	char		*username;
	int		 userwhere;	/* SYSJAIL_USER_* */
	unsigned int	 flags;		/* SYSJAIL_* */
	char		*dbdir;
	unsigned int	 maxproc;	/* pids.max; 0: no limit */
	int		 maxproc_set;	/* set by sysjail_set_maxproc() */
	int		 logfd;		/* sysjail_set_log(), or -1 */
	unsigned int	 logwhat;	/* SYSJAIL_LOG_* */
	int		 attached;	/* sysjail_attach()'s JID, or 0 */
	pid_t		 attachsup;	/* and its supervisor, by its record */

	/* Made by sysjail_start() in the caller; W, S and Z inherit it. */
	struct sj_user	 user;		/* the user, looked up */
	int		 dbfd;		/* the registry directory */
	int		 rootfd;	/* the jail's root (rootpath.c) */
	int		 jid;
	int		 lockfd;	/* registry lock, held by W and S */
	char		*cmdline;	/* for the record */
	time_t		 started;
	struct sj_filter filter;	/* as installed */
	struct sj_filter plain;		/* without SJ_AUDIT: the answers */

	/* Written by W (its pid, the cgroups) and S (the mounts), in copies. */
	pid_t		 keeper;	/* W, for the record */
	int		 cgfd;		/* the jail's cgroup (cgroup.c) */
	int		 cgparent;	/* the directory holding it */
	char		 cgname[48];	/* its name there, JID.KEEPER[.N] */
	int		 pidsfd;	/* cgroup v1 pids: the jail's, or -1 */
	int		 pidsparent;	/* and its sysjail/ directory */
	char		 pidsname[48];	/* and its name there */
	struct sj_rolist ro;		/* made read-only for the jail */

	/* The caller's view of the running jail. */
	int		 started_ok;
	pid_t		 cmdpid;	/* C, as reported by S */
	int		 ctlfd;		/* socket to S */
	int		 waited;
	int		 status;
	struct sj_relay	 relay;		/* C's standard streams (relay.c) */
	char		 errmsg[256];
};

/* handle.c */
int	sj_err(struct sysjail *, int, const char *, ...)
	    __attribute__((format(printf, 3, 4)));
long long sj_now_ms(void);	/* CLOCK_MONOTONIC, in milliseconds */
int	sj_errx(struct sysjail *, int, const char *, ...)
	    __attribute__((format(printf, 3, 4)));

/* user.c */
int	sj_user_lookup(struct sysjail *);
void	sj_user_free(struct sj_user *);

/* registry.c: the jails' records, N.lock, N.stats, N.sock in one directory */
#define SJ_MAXJID	65535
enum sj_regfile {
	SJ_REG_RECORD, SJ_REG_LOCK, SJ_REG_STATS, SJ_REG_SOCK, SJ_REG_NEWREC,
	SJ_REG_NEWLOCK
};
const char *sj_registry_file(char *, size_t, int, enum sj_regfile);
struct sj_sup;
const char *sj_registry_dir(const struct sysjail *);
int	sj_registry_dirfd(const char *);
int	sj_registry_create(struct sysjail *, int);
int	sj_registry_write(struct sj_sup *);
void	sj_registry_remove(int, int, const char *, int);
void	sj_registry_rmdir(int, const char *);

/* The jail's counters, the file N.stats in the registry (log.c). */
struct sj_stats {
	char		 magic[8];	/* "SJSTAT01" */
	uint32_t	 nabi;
	uint32_t	 maxnr;
	uint64_t	 calls[SJ_NABI][SJ_MAXNR];	/* referred */
	uint64_t	 refused[SJ_NABI][SJ_MAXNR];
};

/* confine.c */
uint64_t sj_keepcaps(void);
int	sj_newfs(const char *, const char *const *, unsigned int);
int	sj_beneath(int, const char *, int);

/* rootpath.c */
int	sj_root_open(const char *, char *);
int	sj_root_reopen(const char *, int);
void	sj_root_mark(int, const char *);
int	sj_devpts(void);
int	sj_confine_caps(int);
int	sj_confine_dropadmin(void);
int	sj_confine_rlimits(void);
int	sj_landlock_abi(void);
int	sj_landlock_sigscope(void);
int	sj_confine_landlock(int);
int	sj_confine_filter(const struct sj_filter *);
int	sj_rofs_find(const char *, int, char *const *, struct sj_rolist *);
int	sj_rofs_apply(const char *, int *, struct sj_rolist *);
void	sj_rofs_free(struct sj_rolist *);

/* cgroup.c: the jail's cgroups */
int	sj_cgroup_create(struct sysjail *, int *);
int	sj_cgroup_enter(int, pid_t);
void	sj_cgroup_kill(int);
int	sj_cgroup_home(void);
void	sj_cgroup_remove(const struct sysjail *);
int	sj_cgroup_pids(struct sysjail *);
void	sj_cgroup_pids_remove(struct sysjail *);
char	*sj_cgroup_v2root(void);
char	*sj_cgroup_v1pids(void);
int	sj_cgroup_v2has(const char *, const char *);
uint64_t sj_cgroup_id(int);
int	sj_cgroup_reclaim(const char *, const char *, int);
int	sj_cgroup_drain(int, int);
int	sj_cgroup_others(int, pid_t, pid_t);
char	**sj_cgroup_registries(int, size_t *);

/* netbpf.c: the network programs attached to the jail's cgroup */
int	sj_netbpf_attach(int, const struct sysjail *);
long long sj_netbpf_drops(int);

/* The processes of a jail: each function never returns. */
#define SIGKEEPERDIED	SIGUSR1		/* S's parent-death signal */
#define SIGSUPDIED	SIGUSR2		/* Z's, once it is running */
void	sj_teardown(int, pid_t);	/* W and S end what is left: member.c */
const char *sj_stage_name(int);					/* caller.c */
void	sj_setup_fail(int, int) __attribute__((noreturn));	/* caller.c */
void	sj_keeper(struct sysjail *, int, int, char *const [],
	    char *const []) __attribute__((noreturn));		/* keeper.c */
void	sj_supervisor(struct sysjail *, int, int, char *const [],
	    char *const []) __attribute__((noreturn));	/* supervisor.c */
void	sj_spawner(struct sysjail *, pid_t, int, int, int, int,
	    char *const [], char *const []) __attribute__((noreturn));
								/* spawner.c */

/* fdpass.c: messages with descriptors, and closing all but some */
ssize_t	sj_sendfds(int, const void *, size_t, const int *, int);
ssize_t	sj_recvfds(int, void *, size_t, int *, int, int);
void	sj_close_except(int, const int *, int);

/* attach.c: jexec's side */
int	sj_attach_start(struct sysjail *, char *const [], char *const []);

/* ---- the supervisor (S) ------------------------------------------------ */

#define SJ_MAXGROUPS	256

/* What /proc/PID/status says of a task's identity. */
struct sj_cred {
	pid_t		 tgid;
	uid_t		 uid[4];	/* real, effective, saved, fs */
	gid_t		 gid[4];
	int		 ngroups;
	gid_t		 groups[SJ_MAXGROUPS];
	uint64_t	 capeff;
	mode_t		 umask;
};

/* What /proc/PID/stat says of a process's place in the tree. */
struct sj_pstat {
	pid_t		 pid;
	pid_t		 ppid;
	pid_t		 pgrp;
	pid_t		 session;
	char		 state;
};

/* procfs.c: /proc's readers, the mount table, the pidfd calls */
struct sj_mount {
	const char	*path;		/* the mount point, unescaped */
	const char	*type;		/* the filesystem type */
	const char	*opts;		/* its super options */
};
ssize_t	sj_proc_read(int, const char *, char *, size_t);
int	sj_cred_read(int, const char *, struct sj_cred *);
int	sj_pstat_read(int, struct sj_pstat *);
int	sj_proc_children(int, pid_t **, size_t *, size_t *);
int	sj_mounts(int (*)(const struct sj_mount *, void *), void *);
int	sj_mount_opt(const struct sj_mount *, const char *);
int	sj_pidfd_open(pid_t, unsigned int);
int	sj_pidfd_getfd(int, int);
int	sj_pidfd_signal(int, int, siginfo_t *, unsigned int);
int	sj_pidfd_info(int, uint64_t, struct sj_pidfd_info *);

/*
 * Pure decoders of what a jailed process or a file hands the supervisor,
 * split from their handlers so that fuzz/ can drive them without a live
 * process.
 */
#define SJ_SIGINFO_SIZE	128	/* the siginfo a caller passes */
int	sj_bind_policy(const struct sysjail *, int, struct sockaddr_storage *,
	    socklen_t);					/* h_net.c */
const struct sj_addr *sj_first_addr(const struct sysjail *, int); /* h_net.c */
size_t	sj_socketcall_nargs(int);			/* h_net.c */
int	sj_socketcall_decode(int, const void *, size_t, uint64_t [6]);
size_t	sj_capget_words(uint32_t);			/* h_process.c */
void	sj_siginfo_decode(enum sj_abi, const unsigned char [SJ_SIGINFO_SIZE],
	    siginfo_t *);				/* h_signal.c */
int	sj_record_parse(FILE *, int, struct sysjail_info *);	/* registry.c */
int	sj_user_parse(struct sysjail *, FILE *, FILE *);	/* user.c */

#endif /* !SYSJAIL_PRIV_H */
