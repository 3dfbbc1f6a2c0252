/*
 * supervisor.h: the supervisor's (S's) state and the parts of the library
 * that work inside it: the notification being answered (notif.c), the
 * jail's membership (member.c), the proxied calls (proxy.c), the counters
 * and log (log.c), the spawner's and jexec's link (jexecd.c), and the
 * handlers (policy-handlers.h, generated).  Included, after
 * sysjail_priv.h, by the files that run in S.
 */
#ifndef SJ_SUPERVISOR_H
#define SJ_SUPERVISOR_H

#include <sys/socket.h>

/* supervisor.c */
#define SJ_GRACE_MS	3000	/* from TERM to KILL when a jail is ended */
#define SJ_DRAIN_MS	3000	/* for a killed cgroup to empty */
#define SJ_REC_MS	100	/* the record rewritten at most this often */
void	sj_supervise(struct sj_sup *) __attribute__((noreturn));
void	sj_record_changed(struct sj_sup *);
void	sj_stop(struct sj_sup *);

/* jexecd.c: the spawner and jexec, on the supervisor's side */
struct pollfd;
int	sj_exec_listen(struct sj_sup *);
int	sj_exec_first(struct sj_sup *);
void	sj_exec_zinput(struct sj_sup *);
void	sj_exec_input(struct sj_sup *, int);
void	sj_exec_accept(struct sj_sup *);
int	sj_exec_pollfds(struct sj_sup *, struct pollfd *, int *);
int	sj_exec_empty(struct sj_sup *);
void	sj_exec_end(struct sj_sup *);
int	sj_exec_socket(struct sj_sup *, int, int, int, int *, int);

/*
 * A jailed process held so that its pid cannot be recycled under us.  The
 * pidfd is always there; dirfd and st (but st.pid) only once sj_proc_dir()
 * has opened the directory, which sj_members() has done for its callback.
 */
struct sj_proc {
	pid_t		 pid;
	int		 dirfd;		/* /proc/PID, bound to this process; -1 */
	int		 pidfd;		/* sj_proc_take() to keep it */
	int		 cached;	/* pidfd is member.c's, not ours */
	struct sj_pstat	 st;
};

struct sj_sup {
	struct sysjail	*sj;
	pid_t		 self;
	int		 listener;
	int		 ctlfd;
	int		 sigfd;
	int		 procfd;	/* the host's /proc, opened before chroot */
	int		 dbfd;		/* the registry, opened before chroot */
	int		 lockfd;	/* the jail's registry lock */
	int		 cghome;	/* cgroup.procs of the supervisor's own */
	pid_t		 cmd;
	int		 cmdfd;		/* pidfd of the command */
	int		 cmddone;
	int		 detached;
	int		 pidfd_thread;	/* the kernel has PIDFD_THREAD (6.9) */
	int		 sigscope;	/* the domain scopes signals (6.12) */
	uint64_t	 cgid;		/* the jail's cgroup id, which
					   PIDFD_GET_INFO reports (6.13);
					   0: membership walks /proc */
	int		 stopping;	/* ending the jail: TERM sent */
	long long	 killat;	/* then KILL, at this CLOCK_MONOTONIC ms */
	int		 recdirty;	/* the record lags behind (h_host.c) */
	long long	 recwritten;	/* when it was last written, ms */
	uint8_t		 handler[SJ_NABI][SJ_MAXNR];
	struct sj_stats	*stats;		/* N.stats, mapped shared; or NULL */
	/* Log lines (log.c). */
	int		 logsock;	/* syslog, connected before chroot; -1 */
	int		 logdir;	/* O_PATH: the log socket's directory */
	char		 logname[108];	/* the socket's name in it */
	long long	 logstamp;	/* CLOCK_MONOTONIC ms of the last refill */
	unsigned int	 logtokens;	/* lines that may be written now */
	unsigned long long logdropped;	/* lines dropped since one written */
	/* The spawner Z and jexec (jexecd.c). */
	pid_t		 spawner;	/* 0 once it is gone */
	pid_t		 nursery;	/* its child N that forks (spawner.c) */
	int		 zfd;		/* socket to Z, or -1 */
	int		 znkids;	/* Z's children, as it last said */
	int		 zpending;	/* requests Z has not answered */
	int		 execfd;	/* listening socket N.sock, or -1 */
	uint32_t	 nextid;
	struct sj_session {
		int		 fd;	/* -1: free */
		uint32_t	 id;
		pid_t		 pid;	/* 0 until started */
		int		 pidfd;
		int		 done;
	}		 sess[SJ_MAXSESS];
};

/* One notification being answered. */
struct sj_call {
	struct sj_sup			*sup;
	struct seccomp_notif		*req;
	struct seccomp_notif_resp	*resp;
	enum sj_abi			 abi;
	uint64_t			 args[6];
	int				 gone;	/* the caller vanished */
	int				 sent;	/* answered by ADDFD|SEND */
};

/* notif.c: the jailed process's memory and the notification's life */
int	sj_valid(struct sj_call *);
int	sj_peek(struct sj_call *, uint64_t, void *, size_t);
int	sj_poke(struct sj_call *, uint64_t, const void *, size_t);
int	sj_addfd(struct sj_call *, int, unsigned int);
void	sj_answer(struct sj_call *, int64_t);
void	sj_refuse(struct sj_call *, int);
void	sj_continue(struct sj_call *);

/* member.c: who belongs to the jail, walking its processes, ending them */
int	sj_caller_cred(struct sj_call *, struct sj_cred *);
int	sj_member(struct sj_sup *, pid_t, struct sj_proc *);
int	sj_member_from(struct sj_sup *, pid_t, struct sj_proc *, pid_t);
void	sj_member_probe(struct sj_sup *, int);
int	sj_proc_dir(struct sj_sup *, struct sj_proc *);
int	sj_proc_take(struct sj_proc *);
pid_t	sj_caller_tgid(struct sj_call *);
void	sj_proc_close(struct sj_proc *);
int	sj_members(struct sj_sup *, int (*)(struct sj_sup *, struct sj_proc *,
	    void *), void *);
int	sj_caller_pidfd(struct sj_call *, pid_t);
int	sj_caller_fd(struct sj_call *, struct sj_cred *, int);
pid_t	sj_pidfd_child(struct sj_sup *, int, pid_t);

/* proxy.c: calls naming another process, performed on a held target */
#define SJ_PX_DATA	8256	/* a cpu mask of 65536 bits, a page, or less */
struct sj_shared {			/* shared between S and its helper */
	long		 ret;
	int		 err;
	unsigned char	 data[SJ_PX_DATA] __attribute__((aligned(8)));
};
#define SJ_PX_PIN	0x1		/* hold the target: the call changes it */
struct sj_shared *sj_shared_map(void);
void	sj_shared_unmap(struct sj_shared *);
int	sj_task_open(const struct sj_proc *, pid_t);
int	sj_helper_run(int (*)(void *), void *);
int	sj_become(const struct sj_cred *);
int	sj_proxy(int, pid_t, unsigned int, const struct sj_cred *,
	    struct sj_shared *, long, const long [6]);

/* log.c: counters and log lines */
void	sj_stats_open(struct sj_sup *);
void	sj_log_open(struct sj_sup *);
void	sj_stats_count(struct sj_sup *, int, int, int);
void	sj_log_call(struct sj_sup *, const struct sj_call *, int, int);

/* The handlers, one file per family, are declared in policy-handlers.h. */
int	sj_jailpgrp(struct sj_sup *, pid_t);			/* h_process.c */

#endif /* !SJ_SUPERVISOR_H */
