/*
 * wire.h: every message between the jail's processes (the process tree:
 * sysjail_priv.h), in one place.
 *
 *	caller <-> S	control socket: struct sj_msg
 *	jexec  <-> S	N.sock in the registry: struct sj_execreq, answered
 *			with struct sj_msg
 *	S      <-> Z	their socket: struct sj_execreq and struct
 *			sj_sockreq from S, struct sj_zmsg from Z
 *	W, S, Z, C -> caller
 *			the error pipe: struct sj_fail, one enum sj_stage
 *
 * Every peer is one of the jail's own processes or root's jexec; the
 * supervisor still checks every length and magic it receives.
 */
#ifndef SJ_WIRE_H
#define SJ_WIRE_H

#include <stdint.h>

/* Messages on the control socket between the caller and S. */
struct sj_msg {
	int	type;
	int	value;
};
#define SJ_MSG_STARTED	1	/* S -> caller: value is the command's pid */
#define SJ_MSG_EXITED	2	/* S -> caller: value is its wait status */
#define SJ_MSG_SIGNAL	3	/* caller -> S: pass signal value on */
#define SJ_MSG_DETACH	4	/* caller -> S: the caller goes away */
#define SJ_MSG_FAILED	5	/* S -> jexec: value is stage << 16 | errno */

/*
 * S -> jexec, first on every session S accepts: which jail S serves, so
 * that a client never sends its command, environment and streams to a
 * supervisor its record did not lead it to (the record, and the socket in
 * the registry, may have been replaced by a jail that sees the registry):
 * the JID, the registry directory S's jail is registered in (its device
 * and inode, and the path it was given), and the jail's root, which
 * jexec -U then searches for the user: path holds the root, then the
 * registry's path, each NUL-terminated.
 */
#define SJ_HELLO_MAGIC		0x534a4831	/* "SJH1" */
#define SJ_HELLO_MAXPATH	4096		/* each path, its NUL included */
struct sj_hello {
	uint32_t	 magic;
	int32_t		 jid;
	uint64_t	 regdev;
	uint64_t	 regino;
	char		 path[];
};

/*
 * A command to run in a running jail (jexec): from the client to S, and
 * from S to the spawner Z, as one SOCK_SEQPACKET message with the client's
 * descriptors 0, 1 and 2 attached.  data holds the argv strings, the
 * environment strings, and the user's name, home and shell, each ended by
 * a NUL.
 */
#define SJ_EXEC_MAGIC		0x534a5831	/* "SJX1" */
#define SJ_EXEC_MAXGROUPS	64
#define SJ_EXEC_MAXDATA		(64 * 1024)
#define SJ_MAXSESS		32	/* jexec sessions at once */
struct sj_execreq {
	uint32_t	 magic;
	uint32_t	 id;		/* S's session number, set by S */
	int32_t		 setcreds;
	uint32_t	 uid;
	uint32_t	 gid;
	int32_t		 ngroups;
	uint32_t	 groups[SJ_EXEC_MAXGROUPS];
	int32_t		 login;		/* clean environment, home directory */
	uint32_t	 nargv;
	uint32_t	 nenv;
	uint32_t	 datalen;
	char		 data[];
};

/* From S to Z: make a socket in the jail (socketcall's SYS_SOCKET). */
#define SJ_SOCK_MAGIC		0x534a5331	/* "SJS1" */
struct sj_sockreq {
	uint32_t	 magic;
	int32_t		 domain;
	int32_t		 type;
	int32_t		 protocol;
	int32_t		 pair;		/* socketpair(2): two descriptors */
};

/* From Z to S on their socket. */
struct sj_zmsg {
	int32_t		 type;
	uint32_t	 id;		/* 0: the jail's own command */
	int32_t		 pid;
	int32_t		 value;		/* FAILED: errno; EXITED: wait status;
					   the first STARTED: the nursery */
	int32_t		 stage;		/* FAILED: SJ_ST_* */
	int32_t		 nkids;		/* Z's children left */
};
#define SJ_Z_STARTED	1		/* a pidfd of the command attached */
#define SJ_Z_FAILED	2
#define SJ_Z_EXITED	3
#define SJ_Z_SOCKET	4		/* the socket attached, or value errno */

/* Setup failures reported by C on the error pipe before it execs. */
struct sj_fail {
	int	stage;
	int	err;
};
enum sj_stage {
	SJ_ST_SETSID = 1,
	SJ_ST_CHDIR,
	SJ_ST_CREDS,
	SJ_ST_HOME,
	SJ_ST_NNP,
	SJ_ST_CAPS,
	SJ_ST_LANDLOCK,
	SJ_ST_FILTER,
	SJ_ST_LISTENER,
	SJ_ST_EXEC,
	SJ_ST_UTS,
	SJ_ST_CHROOT,
	SJ_ST_FORK,
	SJ_ST_PROC,
	SJ_ST_CGROUP,
	SJ_ST_ROFS,
	SJ_ST_PIDS,
	SJ_ST_DB,
	SJ_ST_EXECSOCK
};

#endif /* SJ_WIRE_H */
