/*
 * spawner.c: Z, the jail's spawner, the one process that forks jailed
 * commands (the process tree: sysjail_priv.h).
 *
 * Z confines itself once, in a fixed order, each step needing the one
 * before:
 *	1. descriptors: all but 0-2 closed (and its three private sockets)
 *	2. setsid(): no controlling terminal shared with the host
 *	3. parent-death signal: Z dies with S (once running, Z kills the
 *	   jail's cgroup when S dies, so that no jailed process outlives the
 *	   keeper and the supervisor together)
 *	4. cgroup namespace, once S has moved it into the jail's cgroup
 *	5. capability bounding set (needs CAP_SETPCAP), rlimits; every other
 *	   capability dropped but CAP_SYS_ADMIN, which lets it take steps 7
 *	   and 8 without no_new_privs, so that set-user-ID programs work in
 *	   the jail; Z and N drop it before any command exists
 *	6. no_new_privs, only with allow.setuid=0
 *	7. Landlock
 *	8. seccomp filter; S takes the listener with pidfd_getfd(2), so Z never
 *	   makes a notified call before S can answer it
 * and then forks C and, on S's request, each command of jexec(1): all of
 * them share its Landlock domain, filter and namespaces.  A child takes its
 * user's credentials (read back and checked), the home directory and clean
 * environment of -l, and executes.  A failure before the command runs goes
 * to the caller on the error pipe (caller.c); S learns of every child's
 * start and end on their socket (wire.h).
 */
#include <sys/file.h>
#include <sys/ioctl.h>
#include <sys/prctl.h>
#include <sys/signalfd.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/wait.h>

#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <poll.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "sysjail_priv.h"

/*
 * Z, when S has died or closed its end: the whole jail dies with it,
 * through cgroup.kill of the jail's cgroup (Linux 5.14), opened before Z
 * confined itself, which kills every process of the cgroup, Z included,
 * even those the keeper cannot reach because it died too.  When the jail
 * ends normally nothing but Z is left in it.  Without cgroup.kill Z dies
 * alone, as before.
 */
static void __attribute__((noreturn))
zorphan(int killfd, int status)
{
	if (killfd != -1)
		(void)write(killfd, "1", 1);
	_exit(status);
}


static void
defaultsignals(void)
{
	sigset_t	 all;
	int		 s;

	for (s = 1; s < NSIG; s++)
		signal(s, SIG_DFL);	/* errors for KILL/STOP: harmless */
	sigemptyset(&all);
	sigprocmask(SIG_SETMASK, &all, NULL);
}

static char **
loginenv(const struct sj_user *u)
{
	static char	*env[6];
	static char	 home[4096 + 8], shell[4096 + 8], user[256 + 8],
			 term[256 + 8];
	const char	*t = getenv("TERM");
	int		 n = 0;

	snprintf(home, sizeof(home), "HOME=%s", u->dir);
	snprintf(shell, sizeof(shell), "SHELL=%s",
	    *u->shell ? u->shell : "/bin/sh");
	snprintf(user, sizeof(user), "USER=%s", u->name);
	env[n++] = home;
	env[n++] = shell;
	env[n++] = user;
	env[n++] = "PATH=/sbin:/bin:/usr/sbin:/usr/bin:/usr/local/sbin:"
	    "/usr/local/bin";
	if (t != NULL) {
		snprintf(term, sizeof(term), "TERM=%s", t);
		env[n++] = term;
	}
	env[n] = NULL;
	return env;
}

/* What the spawner runs: the jail's command, or one of jexec's. */
struct zspec {
	char *const	*argv;
	char *const	*envp;
	const struct sj_user *user;	/* NULL: stay root */
	int		 login;
	int		 search;	/* execvp(3), as jexec(8) */
	int		 fd[3];		/* new standard streams, or -1 */
};

/* A child of Z: its own session, the user's credentials, execute. */
static void __attribute__((noreturn))
zchild(const struct zspec *z, int errw)
{
	const struct sj_user	*u = z->user;
	char *const		*envp = z->envp;
	uid_t			 r, e, s;
	gid_t			 rg, eg, sg;
	int			 i, t[3];

	/* A persistent jail started without a command (sysjail_start()). */
	if (z->argv[0] == NULL)
		_exit(0);
	defaultsignals();
	/* Above 2 first, so that no descriptor is overwritten before use. */
	for (i = 0; i < 3; i++)
		if (z->fd[i] != -1 && ((t[i] = fcntl(z->fd[i], F_DUPFD, 3)) ==
		    -1 || dup2(t[i], i) == -1))
			sj_setup_fail(errw, SJ_ST_SETSID);
	sj_close_except(3, &errw, 1);
	if (setsid() == -1)
		sj_setup_fail(errw, SJ_ST_SETSID);
	/* A terminal of the jail's own (relay.c): the session's. */
	if (isatty(0))
		(void)ioctl(0, TIOCSCTTY, 0);
	if (prctl(PR_SET_PDEATHSIG, SIGKILL, 0, 0, 0) == -1)
		_exit(127);
	if (u != NULL && u->set) {
		if (setgroups((size_t)u->ngroups, u->groups) == -1 ||
		    setresgid(u->gid, u->gid, u->gid) == -1 ||
		    setresuid(u->uid, u->uid, u->uid) == -1)
			sj_setup_fail(errw, SJ_ST_CREDS);
		if (getresuid(&r, &e, &s) == -1 || getresgid(&rg, &eg, &sg) ==
		    -1 || r != u->uid || e != u->uid || s != u->uid ||
		    rg != u->gid || eg != u->gid || sg != u->gid) {
			errno = EPERM;
			sj_setup_fail(errw, SJ_ST_CREDS);
		}
	}
	if (z->login && u != NULL) {
		if (chdir(u->dir) == -1)
			sj_setup_fail(errw, SJ_ST_HOME);
		envp = loginenv(u);
	}
	if (z->search) {
		/* execvpe(3) searches our own PATH: make it the command's. */
		for (i = 0; envp[i] != NULL &&
		    strncmp(envp[i], "PATH=", 5) != 0; i++)
			continue;
		if (envp[i] != NULL)
			(void)setenv("PATH", envp[i] + 5, 1);
		else
			(void)unsetenv("PATH");
		execvpe(z->argv[0], z->argv, envp);
	} else
		execve(z->argv[0], z->argv, envp);
	sj_setup_fail(errw, SJ_ST_EXEC);
}

/*
 * A copy of the NULL-terminated vector v, on the heap; NULL if none.  With
 * only, the strings that begin with it alone: a clean environment's
 * command needs TERM of the caller's and nothing else, which must then
 * not stay in the memory of the nursery, whose procfs the jail sees
 * (atk17).
 */
static char **
dupvec(char *const v[], const char *only)
{
	char	**c;
	size_t	 n, i, k;

	for (n = 0; v != NULL && v[n] != NULL; n++)
		continue;
	if ((c = calloc(n + 1, sizeof(*c))) == NULL)
		return NULL;
	for (i = k = 0; i < n; i++)
		if ((only == NULL || strncmp(v[i], only, strlen(only)) == 0) &&
		    (c[k++] = strdup(v[i])) == NULL)
			return NULL;
	return c;
}

/*
 * Z's command line, seen in the jail's procfs, is its own name rather than
 * the host's command line it inherited: the argument area of the process
 * (fields 48 and 49 of /proc/self/stat) is overwritten in place.  So is
 * the environment area (fields 50 and 51), which N, whose /proc the jail
 * sees, inherits: a command started with a clean environment (-l) must
 * not find the caller's in /proc/N/environ (atk16).
 */
static void
zname(int procfd)
{
	static const char	 name[] = "sysjail-spawn";
	char			 buf[2048], *p;
	unsigned long		 start = 0, end = 0, estart = 0, eend = 0;
	ssize_t			 n;
	int			 fd, i;

	if ((fd = openat(procfd, "self/stat", O_RDONLY | O_CLOEXEC)) == -1)
		return;
	n = read(fd, buf, sizeof(buf) - 1);
	close(fd);
	if (n <= 0)
		return;
	buf[n] = '\0';
	if ((p = strrchr(buf, ')')) == NULL)
		return;
	/* Field 3 follows the comm; 48 and 49 are 45 and 46 fields on. */
	for (i = 3, p += 2; i < 48 && p != NULL; i++)
		if ((p = strchr(p, ' ')) != NULL)
			p++;
	if (p == NULL || sscanf(p, "%lu %lu %lu %lu", &start, &end, &estart,
	    &eend) != 4 || end <= start || end - start < sizeof(name))
		return;
	if (eend > estart)
		memset((void *)estart, 0, eend - estart);
	memset((void *)start, 0, end - start);
	memcpy((void *)start, name, sizeof(name));
	(void)prctl(PR_SET_NAME, name, 0, 0, 0);
}

/*
 * The nursery N.  Z itself forks nothing that runs jailed code: every
 * jailed process would share Z's Landlock domain, and jailed root, which
 * keeps CAP_SYS_PTRACE, could then write Z's memory (/proc/Z/mem) and
 * speak to S in Z's name.  Z's one child N instead enters a domain of its
 * own nested in Z's (landlock_restrict_self(2) again: the same rules, the
 * same scopes), and forks every jailed command, the jail's and each of
 * jexec's, with CLONE_PARENT, so that they are Z's children, share one
 * domain (N's: they see, signal and debug one another as before) and
 * reach Z neither by ptrace(2), process_vm_writev(2) nor /proc/Z (the
 * kernel requires the tracer's domain to be the tracee's or an ancestor),
 * nor, with the signal scope (ABI 6), by a signal: Z vanishes from the
 * jail's procfs (hidepid=ptraceable).  N is inside and so untrusted: Z
 * keeps only what it can check itself (a pidfd N returns must name Z's
 * own child, waitid(2)), waits for it a bounded time, and S checks Z's
 * word again (jexecd.c).
 *
 * Z asks N with one message: a sequence number, then the request (S's
 * struct sj_execreq, or struct sj_sockreq, or FIRST for the jail's own
 * command, which N has in memory from the fork), with the standard
 * streams and the write end of the command's error pipe.  N answers with
 * a struct sj_zmsg whose id is that number.
 */
#define SJ_N_FIRST	0x534a4e31	/* "SJN1": the jail's own command */
#define SJ_N_WAIT_MS	2000		/* N answers this fast, or not at all */
#define SJ_N_EXEC_MS	10000		/* a command executes this fast */

static char	 nbuf[sizeof(uint32_t) + sizeof(struct sj_execreq) +
		    SJ_EXEC_MAXDATA];

static void
zsend(int fd, const struct sj_zmsg *m, const int *fds, int n)
{
	(void)sj_sendfds(fd, m, sizeof(*m), fds, n);
}

/* N: forks a command as Z's child; its pidfd goes to Z. */
static void
nspawn(int nfd, const struct zspec *z, int errw, struct sj_zmsg *m)
{
	pid_t	 pid;
	int	 pidfd = -1;

	/* clone3 is refused in the jail; CLONE_PARENT: Z's child. */
	pid = (pid_t)syscall(SYS_clone, CLONE_PARENT | CLONE_PIDFD, 0,
	    &pidfd, 0, 0);
	if (pid == 0)
		zchild(z, errw);
	if (pid == -1) {
		m->type = SJ_Z_FAILED;
		m->stage = SJ_ST_FORK;
		m->value = errno;
		zsend(nfd, m, NULL, 0);
		return;
	}
	m->type = SJ_Z_STARTED;
	m->pid = pid;
	zsend(nfd, m, &pidfd, 1);
	close(pidfd);
}

/* N: a socket (or pair) in the jail's domain, for S (zsocket()). */
static void
nsocket(int nfd, const struct sj_sockreq *q, struct sj_zmsg *m)
{
	int	 fd[2] = { -1, -1 }, n = 0;

	m->type = SJ_Z_SOCKET;
	if (q->pair) {
		if (socketpair(q->domain, q->type | SOCK_CLOEXEC, q->protocol,
		    fd) == 0)
			n = 2;
	} else if ((fd[0] = socket(q->domain, q->type | SOCK_CLOEXEC,
	    q->protocol)) != -1)
		n = 1;
	m->value = n == 0 ? errno : 0;
	zsend(nfd, m, fd, n);
	if (fd[0] != -1)
		close(fd[0]);
	if (fd[1] != -1)
		close(fd[1]);
}

/* Unpacks n NUL-ended strings from *p (within end) into a new vector. */
static char **
strings(const char **p, const char *end, uint32_t n)
{
	char	**v;
	uint32_t i;

	if (n > SJ_EXEC_MAXDATA || (v = calloc(n + 1, sizeof(*v))) == NULL)
		return NULL;
	for (i = 0; i < n; i++) {
		const char	*z = memchr(*p, '\0', (size_t)(end - *p));

		if (z == NULL) {
			free(v);
			return NULL;
		}
		v[i] = (char *)*p;
		*p = z + 1;
	}
	return v;
}

/* N: one of jexec's commands, fds its streams and error pipe. */
static void
nexec(int nfd, const char *buf, size_t n, const int *fds, struct sj_zmsg *m)
{
	const struct sj_execreq *q = (const struct sj_execreq *)buf;
	struct sj_user	 user;
	struct zspec	 z;
	const char	*p, *end;
	char		**argv = NULL, **envp = NULL, **who = NULL;
	gid_t		 groups[SJ_EXEC_MAXGROUPS];
	int		 i;

	if (n < sizeof(*q) || q->magic != SJ_EXEC_MAGIC ||
	    q->datalen != n - sizeof(*q) || q->ngroups < 0 ||
	    q->ngroups > SJ_EXEC_MAXGROUPS || q->nargv == 0 ||
	    fds[2] == -1 || fds[3] == -1)
		goto bad;
	p = q->data;
	end = q->data + q->datalen;
	if ((argv = strings(&p, end, q->nargv)) == NULL ||
	    (envp = strings(&p, end, q->nenv)) == NULL ||
	    (who = strings(&p, end, 3)) == NULL)
		goto bad;
	memset(&user, 0, sizeof(user));
	user.set = q->setcreds;
	user.uid = q->uid;
	user.gid = q->gid;
	for (i = 0; i < q->ngroups; i++)
		groups[i] = q->groups[i];
	user.groups = groups;
	user.ngroups = q->ngroups;
	user.name = who[0];
	user.dir = who[1];
	user.shell = who[2];
	z.argv = argv;
	z.envp = envp;
	z.user = &user;
	z.login = q->login && q->setcreds;
	z.search = 1;
	memcpy(z.fd, fds, sizeof(z.fd));
	nspawn(nfd, &z, fds[3], m);
	goto out;
bad:
	m->type = SJ_Z_FAILED;
	m->stage = SJ_ST_EXEC;
	m->value = EINVAL;
	zsend(nfd, m, NULL, 0);
out:
	free(argv);
	free(envp);
	free(who);
}

/*
 * N, Z's one child of its own: enters the nested domain and serves Z's
 * requests until Z goes.  Never returns.
 */
static void __attribute__((noreturn))
nursery(int nfd, pid_t zpid, const struct zspec *first, int devfs)
{
	struct sj_zmsg	 m;
	sigset_t	 none;
	uint32_t	 seq, magic;
	ssize_t		 n;
	size_t		 len;
	int		 fds[4], i;

	sj_close_except(3, &nfd, 1);
	/*
	 * A session and group of N's own: jailed root can take N over (it
	 * is in the jail's domain), and "my own group" must not then be Z's.
	 */
	(void)setsid();
	sigemptyset(&none);
	sigprocmask(SIG_SETMASK, &none, NULL);
	if (prctl(PR_SET_PDEATHSIG, SIGKILL, 0, 0, 0) == -1 ||
	    getppid() != zpid)
		_exit(127);
	(void)prctl(PR_SET_NAME, "sysjail-nurse", 0, 0, 0);
	/* Z's domain is then an ancestor of every jailed process's. */
	if (sj_confine_landlock(devfs) == -1 || sj_confine_dropadmin() == -1)
		_exit(127);		/* Z reads the end: no command */
	for (;;) {
		n = sj_recvfds(nfd, nbuf, sizeof(nbuf), fds, 4, 0);
		if (n == -1 && (errno == EINTR || errno == EAGAIN))
			continue;
		if (n < (ssize_t)(2 * sizeof(uint32_t)))
			_exit(0);	/* Z is gone */
		memcpy(&seq, nbuf, sizeof(seq));
		memcpy(&magic, nbuf + sizeof(seq), sizeof(magic));
		len = (size_t)n - sizeof(seq);
		memset(&m, 0, sizeof(m));
		m.id = seq;
		if (magic == SJ_N_FIRST && fds[0] != -1)
			nspawn(nfd, first, fds[0], &m);
		else if (magic == SJ_SOCK_MAGIC &&
		    len == sizeof(struct sj_sockreq)) {
			struct sj_sockreq	 q;

			memcpy(&q, nbuf + sizeof(seq), sizeof(q));
			nsocket(nfd, &q, &m);
		} else
			nexec(nfd, nbuf + sizeof(seq), len, fds, &m);
		for (i = 0; i < 4; i++)
			if (fds[i] != -1)
				close(fds[i]);
	}
}

/* Z's state. */
struct zstate {
	pid_t		 sup;		/* S */
	pid_t		 nurse;		/* N, 0 once gone */
	int		 zfd;		/* to S */
	int		 nfd;		/* to N, -1 once N is gone */
	int		 killfd;	/* the jail's cgroup.kill, or -1 */
	uint32_t	 seq;
	int		 nkids;		/* children but N */
	pid_t		 pids[SJ_MAXSESS + 1];	/* S's sessions; last: C */
	uint32_t	 ids[SJ_MAXSESS + 1];
};

/* Waits up to ms for fd to be readable: 1, or 0 on timeout. */
static int
zwait(int fd, int ms)
{
	struct pollfd	 p;
	int		 r;

	p.fd = fd;
	p.events = POLLIN;
	while ((r = poll(&p, 1, ms)) == -1 && errno == EINTR)
		continue;
	return r > 0;
}

/* Closes what a message N sent brought along. */
static void
closefds(int *fds, int n)
{
	int	 i;

	for (i = 0; i < n; i++)
		if (fds[i] != -1) {
			close(fds[i]);
			fds[i] = -1;
		}
}

/*
 * Z: one request to N, and its answer in *m with up to 2 descriptors in
 * rfds.  Answers to earlier requests (late, or N's inventions) are
 * dropped.  Returns 0, or -1 if N is gone or silent for SJ_N_WAIT_MS.
 */
static int
zask(struct zstate *zs, const void *req, size_t len, const int *fds, int n,
    struct sj_zmsg *m, int *rfds)
{
	uint32_t	 seq = ++zs->seq;

	rfds[0] = rfds[1] = -1;
	if (zs->nfd == -1 || len > sizeof(nbuf) - sizeof(seq))
		return -1;
	memcpy(nbuf, &seq, sizeof(seq));
	memcpy(nbuf + sizeof(seq), req, len);
	if (sj_sendfds(zs->nfd, nbuf, sizeof(seq) + len, fds, n) !=
	    (ssize_t)(sizeof(seq) + len))
		return -1;
	for (;;) {
		if (!zwait(zs->nfd, SJ_N_WAIT_MS))
			return -1;
		if (sj_recvfds(zs->nfd, m, sizeof(*m), rfds, 2,
		    MSG_DONTWAIT) != sizeof(*m)) {
			closefds(rfds, 2);
			return -1;
		}
		if (m->id == seq)
			return 0;
		closefds(rfds, 2);
	}
}

/*
 * Z: N starts a command.  A pidfd N returns is kept only if it names a
 * child of Z's (waitid(2) answers only for one's own children), one of
 * the jail's processes whatever N claims; then the command's error pipe
 * tells whether it executed.  Returns 0 with *pidfd and *pid, or -1 with
 * the failure in *f.  A child that failed is left for the reaping loop.
 */
static int
zstart(struct zstate *zs, const void *req, size_t len, const int *fds,
    int n, int *pidfd, pid_t *pid, struct sj_fail *f)
{
	struct sj_zmsg	 m;
	siginfo_t	 si;
	int		 ep[2], all[4], rfds[2], i;
	ssize_t		 r;

	*pidfd = -1;
	f->stage = SJ_ST_FORK;
	f->err = EAGAIN;
	if (pipe2(ep, O_CLOEXEC) == -1) {
		f->err = errno;
		return -1;
	}
	for (i = 0; i < n; i++)
		all[i] = fds[i];
	all[n] = ep[1];
	r = zask(zs, req, len, all, n + 1, &m, rfds);
	close(ep[1]);
	if (r == -1 || m.type != SJ_Z_STARTED) {
		closefds(rfds, 2);
		close(ep[0]);
		if (r == 0 && m.type == SJ_Z_FAILED) {
			f->stage = m.stage;
			f->err = m.value;
		}
		return -1;
	}
	closefds(rfds + 1, 1);
	memset(&si, 0, sizeof(si));
	if (rfds[0] == -1 || m.pid <= 0 || m.pid == zs->nurse ||
	    waitid(P_PIDFD, (id_t)rfds[0], &si, WEXITED | WNOHANG |
	    WNOWAIT) == -1 ||
	    waitid(P_PID, (id_t)m.pid, &si, WEXITED | WNOHANG | WNOWAIT) ==
	    -1) {
		closefds(rfds, 1);
		close(ep[0]);
		f->err = EPROTO;
		return -1;
	}
	*pidfd = rfds[0];
	*pid = m.pid;
	zs->nkids++;		/* Z's child either way */
	r = 0;
	if (zwait(ep[0], SJ_N_EXEC_MS))
		while ((r = read(ep[0], f, sizeof(*f))) == -1 &&
		    errno == EINTR)
			continue;
	close(ep[0]);
	if (r != sizeof(*f))
		return 0;	/* executed (or slow): the pipe closed */
	close(*pidfd);
	*pidfd = -1;
	return -1;
}

/* Z: a socket for S, made by N in the jail's domain. */
static void
zsocket(struct zstate *zs, const struct sj_sockreq *q)
{
	struct sj_zmsg	 m;
	int		 rfds[2];

	if (zask(zs, q, sizeof(*q), NULL, 0, &m, rfds) == -1 ||
	    m.type != SJ_Z_SOCKET) {
		closefds(rfds, 2);
		memset(&m, 0, sizeof(m));
		m.value = EAGAIN;
	}
	m.type = SJ_Z_SOCKET;
	m.id = 0;
	m.nkids = zs->nkids;
	zsend(zs->zfd, &m, rfds, rfds[0] == -1 ? 0 : rfds[1] == -1 ? 1 : 2);
	closefds(rfds, 2);
}

/* Z: one request of S's, for jexec or a socket. */
static void
zrequest(struct zstate *zs)
{
	static char	 buf[sizeof(struct sj_execreq) + SJ_EXEC_MAXDATA];
	struct sj_execreq *q = (struct sj_execreq *)buf;
	struct sj_zmsg	 m;
	struct sj_fail	 f;
	ssize_t		 n;
	int		 fds[3] = { -1, -1, -1 }, pidfd, i;
	pid_t		 pid;

	if ((n = sj_recvfds(zs->zfd, buf, sizeof(buf), fds, 3, 0)) <= 0) {
		if (n == 0 || (errno != EINTR && errno != EAGAIN))
			zorphan(zs->killfd, 0);	/* S is gone, or ends it */
		return;
	}
	if ((size_t)n == sizeof(struct sj_sockreq) &&
	    ((struct sj_sockreq *)buf)->magic == SJ_SOCK_MAGIC) {
		closefds(fds, 3);
		zsocket(zs, (struct sj_sockreq *)buf);
		return;
	}
	memset(&m, 0, sizeof(m));
	m.type = SJ_Z_FAILED;
	m.stage = SJ_ST_EXEC;
	m.value = EINVAL;
	if ((size_t)n >= sizeof(*q))
		m.id = q->id;
	if ((size_t)n < sizeof(*q) || q->magic != SJ_EXEC_MAGIC ||
	    fds[2] == -1 || fds[0] == -1 || fds[1] == -1)
		goto out;
	if (zstart(zs, buf, (size_t)n, fds, 3, &pidfd, &pid, &f) == -1) {
		m.stage = f.stage;
		m.value = f.err;
		goto out;
	}
	for (i = 0; i < SJ_MAXSESS && zs->pids[i] != 0; i++)
		continue;
	if (i < SJ_MAXSESS) {
		zs->pids[i] = pid;
		zs->ids[i] = q->id;
	}
	m.type = SJ_Z_STARTED;
	m.pid = pid;
	m.nkids = zs->nkids;
	zsend(zs->zfd, &m, &pidfd, 1);
	close(pidfd);
	m.type = 0;
out:
	if (m.type == SJ_Z_FAILED) {
		m.nkids = zs->nkids;
		zsend(zs->zfd, &m, NULL, 0);
	}
	closefds(fds, 3);
}

/* Z: reaps its children and tells S of each but N. */
static void
zreap(struct zstate *zs)
{
	struct sj_zmsg	 m;
	pid_t		 pid;
	int		 st, i;

	while ((pid = waitpid(-1, &st, WNOHANG)) > 0) {
		/*
		 * A child that made us its tracer (PTRACE_TRACEME) reports
		 * its stops to us: it has not ended.  It stays stopped, as
		 * under a parent that does not trace.
		 */
		if (WIFSTOPPED(st))
			continue;
		if (pid == zs->nurse) {
			zs->nurse = 0;	/* no more commands: jexec fails */
			if (zs->nfd != -1)
				close(zs->nfd);
			zs->nfd = -1;
			continue;
		}
		if (zs->nkids > 0)
			zs->nkids--;
		memset(&m, 0, sizeof(m));
		m.type = SJ_Z_EXITED;
		m.pid = pid;
		m.value = st;
		m.nkids = zs->nkids;
		m.id = UINT32_MAX;	/* none of S's: never the jail's */
		for (i = 0; i <= SJ_MAXSESS; i++)
			if (zs->pids[i] == pid) {
				m.id = zs->ids[i];
				zs->pids[i] = 0;
				break;
			}
		zsend(zs->zfd, &m, NULL, 0);
	}
}

/*
 * Z, the jail's spawner: it confines itself once, as every jailed process
 * is confined, and then has its nursery N fork the jail's command and,
 * later, the commands of jexec(1), in a Landlock domain nested in its own
 * (see nursery()).  All of them share that domain, one seccomp filter and
 * listener, and the jail's namespaces: a jexec'd process is a jailed
 * process like any other.  Z answers to S only; the supervisor answers
 * ESRCH to every jailed call that names Z or N.  Never returns.
 */
void
sj_spawner(struct sysjail *sj, pid_t sup, int procfd, int errw, int syncfd,
    int zfd, char *const argv[], char *const envp[])
{
	struct zstate	 zs;
	struct sj_zmsg	 m;
	struct sj_fail	 f;
	struct zspec	 z;
	struct pollfd	 pfd[3];
	sigset_t	 chld;
	pid_t		 pid;
	uint32_t	 first = SJ_N_FIRST;
	char		 ack, **args, **envs;
	int		 lfd, sfd, pidfd, keep[4], killfd, np[2];

	defaultsignals();
	/*
	 * The command's arguments and environment may lie in the areas
	 * zname() clears: copies, which are our environment from now on.
	 */
	if ((args = dupvec(argv, NULL)) == NULL || (envs = dupvec(envp,
	    (sj->flags & SYSJAIL_LOGIN) ? "TERM=" : NULL)) == NULL)
		sj_setup_fail(errw, SJ_ST_FORK);
	environ = envs;
	zname(procfd);
	killfd = openat(sj->cgfd, "cgroup.kill", O_WRONLY | O_CLOEXEC);
	keep[0] = errw;
	keep[1] = syncfd;
	keep[2] = zfd;
	keep[3] = killfd;
	sj_close_except(3, keep, killfd == -1 ? 3 : 4);
	if (setsid() == -1)
		sj_setup_fail(errw, SJ_ST_SETSID);
	if (prctl(PR_SET_PDEATHSIG, SIGKILL, 0, 0, 0) == -1 ||
	    getppid() != sup)
		_exit(127);
	/*
	 * Once the supervisor has moved us into the jail's cgroup, a cgroup
	 * namespace rooted there: the kernel refuses to migrate a process
	 * out of its namespace's root, so even jailed root with the host's
	 * cgroupfs in reach cannot leave the network programs behind.
	 */
	if (read(syncfd, &ack, 1) != 1)
		_exit(127);
	if (unshare(CLONE_NEWCGROUP) == -1)
		sj_setup_fail(errw, SJ_ST_CGROUP);
	/*
	 * CAP_SYS_ADMIN, out of the bounding set, stays effective until N
	 * and Z have their Landlock domains and the filter is on: that,
	 * not no_new_privs, is what lets them confine themselves.  So
	 * set-user-ID programs and file capabilities work in the jail as in
	 * a FreeBSD jail, up to what the bounding set lets jailed root have;
	 * allow.setuid=0 sets no_new_privs, and they grant nothing.
	 */
	if (sj_confine_caps(1) == -1 || sj_confine_rlimits() == -1)
		sj_setup_fail(errw, SJ_ST_CAPS);
	if ((sj->flags & SYSJAIL_NOSETUID) &&
	    prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) == -1)
		sj_setup_fail(errw, SJ_ST_NNP);
	/*
	 * Not dumpable: where Landlock is missing (and jailed root has no
	 * CAP_SYS_PTRACE, confine.c), the kernel's ptrace access check then
	 * refuses Z to every jailed process, root included.
	 */
	if (prctl(PR_SET_DUMPABLE, 0, 0, 0, 0) == -1)
		sj_setup_fail(errw, SJ_ST_CAPS);
	if (sj_confine_landlock(sj->ro.devfs) == -1)
		sj_setup_fail(errw, SJ_ST_LANDLOCK);
	if ((lfd = sj_confine_filter(&sj->filter)) == -1)
		sj_setup_fail(errw, SJ_ST_FILTER);
	/* Only write(2), read(2) and close(2) from here: none is notified. */
	if (write(syncfd, &lfd, sizeof(lfd)) != sizeof(lfd) ||
	    read(syncfd, &ack, 1) != 1)
		_exit(127);
	close(lfd);
	close(syncfd);

	/* The jail's own command, which N has from this memory. */
	z.argv = args;
	z.envp = envs;
	z.user = &sj->user;
	z.login = (sj->flags & SYSJAIL_LOGIN) != 0;
	z.search = 0;
	z.fd[0] = z.fd[1] = z.fd[2] = -1;
	memset(&zs, 0, sizeof(zs));
	zs.sup = sup;
	zs.zfd = zfd;
	zs.killfd = killfd;
	zs.nfd = -1;
	if (socketpair(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0, np) == -1)
		sj_setup_fail(errw, SJ_ST_FORK);
	pid = getpid();
	if ((zs.nurse = fork()) == -1)
		sj_setup_fail(errw, SJ_ST_FORK);
	if (zs.nurse == 0) {
		close(np[0]);
		nursery(np[1], pid, &z, sj->ro.devfs);
	}
	close(np[1]);
	zs.nfd = np[0];
	if (sj_confine_dropadmin() == -1)
		sj_setup_fail(errw, SJ_ST_CAPS);

	sigemptyset(&chld);
	sigaddset(&chld, SIGCHLD);
	sigaddset(&chld, SIGSUPDIED);
	sigprocmask(SIG_BLOCK, &chld, NULL);
	if ((sfd = signalfd(-1, &chld, SFD_CLOEXEC | SFD_NONBLOCK)) == -1)
		sj_setup_fail(errw, SJ_ST_FORK);
	/*
	 * From now on S's death is a signal Z reads, not its own SIGKILL: Z
	 * then kills the jail's cgroup (zorphan()).  Checked again after the
	 * change, since S may have died before it.
	 */
	if (prctl(PR_SET_PDEATHSIG, SIGSUPDIED, 0, 0, 0) == -1 ||
	    getppid() != sup)
		zorphan(killfd, 1);

	/* The jail's own command: its failure goes to sysjail_start(). */
	memset(&m, 0, sizeof(m));
	if (zstart(&zs, &first, sizeof(first), NULL, 0, &pidfd, &pid,
	    &f) == -1) {
		(void)write(errw, &f, sizeof(f));
		m.type = SJ_Z_FAILED;
		m.stage = f.stage;
		m.value = f.err;
		zsend(zfd, &m, NULL, 0);
		_exit(127);
	}
	close(errw);
	zs.pids[SJ_MAXSESS] = pid;
	zs.ids[SJ_MAXSESS] = 0;
	m.type = SJ_Z_STARTED;
	m.pid = pid;
	m.value = zs.nurse;	/* N, machinery like Z (jexecd.c) */
	m.nkids = zs.nkids;
	zsend(zfd, &m, &pidfd, 1);
	close(pidfd);

	pfd[0].fd = zfd;
	pfd[0].events = POLLIN;
	pfd[1].fd = sfd;
	pfd[1].events = POLLIN;
	pfd[2].events = POLLIN;
	for (;;) {
		pfd[2].fd = zs.nfd;
		if (poll(pfd, 3, -1) == -1) {
			if (errno == EINTR)
				continue;
			_exit(1);
		}
		if (pfd[0].revents & (POLLIN | POLLHUP | POLLERR))
			zrequest(&zs);
		if (pfd[2].fd != -1 && pfd[2].revents) {
			/* Unasked: dropped; N's end: N is gone. */
			int	 rfds[2];
			ssize_t	 n;

			n = sj_recvfds(zs.nfd, &m, sizeof(m), rfds, 2,
			    MSG_DONTWAIT);
			if (n == 0 || (n == -1 && errno != EAGAIN &&
			    errno != EINTR)) {
				close(zs.nfd);
				zs.nfd = -1;
			}
			closefds(rfds, 2);
		}
		if (pfd[1].revents & POLLIN) {
			struct signalfd_siginfo	 si;

			while (read(sfd, &si, sizeof(si)) == sizeof(si))
				if (si.ssi_signo == SIGSUPDIED &&
				    getppid() != sup)
					zorphan(killfd, 1);
		}
		/* Every round: a wait for N may have taken the signal. */
		zreap(&zs);
	}
}
