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
 *	5. capability bounding set (needs CAP_SETPCAP), rlimits
 *	6. no_new_privs (required to install a filter without privilege)
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

/* Closes every descriptor from 3 up except those in keep[0..n-1]. */
static void
closeexcept(const int *keep, int n)
{
	int	 k[4], i, j, t, lo = 3;

	for (i = 0; i < n && i < 4; i++)
		k[i] = keep[i];
	for (i = 0; i < n; i++)		/* sort the few */
		for (j = i + 1; j < n; j++)
			if (k[j] < k[i]) {
				t = k[i];
				k[i] = k[j];
				k[j] = t;
			}
	for (i = 0; i < n; i++) {
		if (k[i] < lo)
			continue;
		if (k[i] > lo)
			syscall(SYS_close_range, lo, k[i] - 1, 0);
		lo = k[i] + 1;
	}
	syscall(SYS_close_range, lo, ~0U, 0);
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

	defaultsignals();
	/* Above 2 first, so that no descriptor is overwritten before use. */
	for (i = 0; i < 3; i++)
		if (z->fd[i] != -1 && ((t[i] = fcntl(z->fd[i], F_DUPFD, 3)) ==
		    -1 || dup2(t[i], i) == -1))
			sj_setup_fail(errw, SJ_ST_SETSID);
	closeexcept(&errw, 1);
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
 * Starts a child of Z.  Returns its pid and a pidfd of it in *pidfd, or -1
 * with the child's failure in *f (the child is then reaped).
 */
static pid_t
zspawn(const struct zspec *z, int *pidfd, struct sj_fail *f)
{
	pid_t	 pid;
	int	 ep[2], st;
	ssize_t	 n;

	*pidfd = -1;
	if (pipe2(ep, O_CLOEXEC) == -1) {
		f->stage = SJ_ST_FORK;
		f->err = errno;
		return -1;
	}
	/* fork(2) with a pidfd: clone3 is refused in the jail. */
	pid = (pid_t)syscall(SYS_clone, CLONE_PIDFD | SIGCHLD, 0, pidfd, 0, 0);
	if (pid == 0) {
		close(ep[0]);
		zchild(z, ep[1]);
	}
	close(ep[1]);
	if (pid == -1) {
		f->stage = SJ_ST_FORK;
		f->err = errno;
		close(ep[0]);
		return -1;
	}
	while ((n = read(ep[0], f, sizeof(*f))) == -1 && errno == EINTR)
		continue;
	close(ep[0]);
	if (n != sizeof(*f))
		return pid;		/* executed: the pipe closed */
	close(*pidfd);
	*pidfd = -1;
	while (waitpid(pid, &st, 0) == -1 && errno == EINTR)
		continue;
	return -1;
}

static void
zsend(int zfd, const struct sj_zmsg *m, int fd)
{
	(void)sj_sendfds(zfd, m, sizeof(*m), &fd, fd != -1);
}

/*
 * Z makes a socket for S, for an i386 socketcall(SYS_SOCKET) whose
 * arguments S read and judged: made here, it is a jailed process's socket,
 * in the jail's cgroup and Landlock domain, as one made by the caller
 * itself would be (an abstract AF_UNIX listener made by S would be outside
 * the domain, and the jail's own processes could not reach it).
 */
static void
zsocket(int zfd, const struct sj_sockreq *q, int nkids)
{
	struct sj_zmsg	 m;
	int		 fd[2];

	memset(&m, 0, sizeof(m));
	m.type = SJ_Z_SOCKET;
	m.nkids = nkids;
	if (q->pair) {
		if (socketpair(q->domain, q->type | SOCK_CLOEXEC, q->protocol,
		    fd) == -1) {
			m.value = errno;
			(void)sj_sendfds(zfd, &m, sizeof(m), NULL, 0);
			return;
		}
		(void)sj_sendfds(zfd, &m, sizeof(m), fd, 2);
		close(fd[0]);
		close(fd[1]);
		return;
	}
	fd[0] = socket(q->domain, q->type | SOCK_CLOEXEC, q->protocol);
	m.value = fd[0] == -1 ? errno : 0;
	zsend(zfd, &m, fd[0]);
	if (fd[0] != -1)
		close(fd[0]);
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

/* Z: one request of S's, for jexec. */
static void
zrequest(int zfd, int killfd, int *nkids, pid_t *pids, uint32_t *ids)
{
	static char	 buf[sizeof(struct sj_execreq) + SJ_EXEC_MAXDATA];
	struct sj_execreq *q = (struct sj_execreq *)buf;
	struct sj_zmsg	 m;
	struct sj_user	 user;
	struct sj_fail	 f;
	struct zspec	 z;
	const char	*p, *end;
	char		**argv = NULL, **envp = NULL, **who = NULL;
	gid_t		 groups[SJ_EXEC_MAXGROUPS];
	ssize_t		 n;
	int		 fds[3] = { -1, -1, -1 }, pidfd, i;
	pid_t		 pid;

	if ((n = sj_recvfds(zfd, buf, sizeof(buf), fds, 3, 0)) <= 0) {
		if (n == 0 || (errno != EINTR && errno != EAGAIN))
			zorphan(killfd, 0);	/* S is gone, or ends the jail */
		return;
	}
	if ((size_t)n == sizeof(struct sj_sockreq) &&
	    ((struct sj_sockreq *)buf)->magic == SJ_SOCK_MAGIC) {
		zsocket(zfd, (struct sj_sockreq *)buf, *nkids);
		for (i = 0; i < 3; i++)
			if (fds[i] != -1)
				close(fds[i]);
		return;
	}
	memset(&m, 0, sizeof(m));
	m.type = SJ_Z_FAILED;
	m.stage = SJ_ST_EXEC;
	m.value = EINVAL;
	if ((size_t)n < sizeof(*q) || q->magic != SJ_EXEC_MAGIC ||
	    q->datalen != (size_t)n - sizeof(*q) || q->ngroups < 0 ||
	    q->ngroups > SJ_EXEC_MAXGROUPS || q->nargv == 0 || fds[2] == -1)
		goto out;
	m.id = q->id;
	p = q->data;
	end = q->data + q->datalen;
	if ((argv = strings(&p, end, q->nargv)) == NULL ||
	    (envp = strings(&p, end, q->nenv)) == NULL ||
	    (who = strings(&p, end, 3)) == NULL)
		goto out;
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
	memcpy(z.fd, fds, sizeof(fds));
	if ((pid = zspawn(&z, &pidfd, &f)) == -1) {
		m.stage = f.stage;
		m.value = f.err;
		goto out;
	}
	for (i = 0; i < SJ_MAXSESS && pids[i] != 0; i++)
		continue;
	if (i < SJ_MAXSESS) {
		pids[i] = pid;
		ids[i] = q->id;
	}
	(*nkids)++;
	m.type = SJ_Z_STARTED;
	m.pid = pid;
	m.nkids = *nkids;
	zsend(zfd, &m, pidfd);
	close(pidfd);
	m.type = 0;
out:
	if (m.type == SJ_Z_FAILED) {
		m.nkids = *nkids;
		zsend(zfd, &m, -1);
	}
	for (i = 0; i < 3; i++)
		if (fds[i] != -1)
			close(fds[i]);
	free(argv);
	free(envp);
	free(who);
}

/*
 * Z's command line, seen in the jail's procfs, is its own name rather than
 * the host's command line it inherited: the argument area of the process
 * (fields 48 and 49 of /proc/self/stat) is overwritten in place.
 */
static void
zname(int procfd)
{
	static const char	 name[] = "sysjail-spawn";
	char			 buf[2048], *p;
	unsigned long		 start = 0, end = 0;
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
	if (p == NULL || sscanf(p, "%lu %lu", &start, &end) != 2 ||
	    end <= start || end - start < sizeof(name))
		return;
	memset((void *)start, 0, end - start);
	memcpy((void *)start, name, sizeof(name));
	(void)prctl(PR_SET_NAME, name, 0, 0, 0);
}

/*
 * Z, the jail's spawner: it confines itself once, as every jailed process
 * is confined, and then forks the jail's command and, later, the commands
 * of jexec(1).  All of them so share one Landlock domain, one seccomp
 * filter and listener, and the jail's namespaces: a jexec'd process is a
 * jailed process like any other.  Z answers to S only; the supervisor
 * answers ESRCH to every jailed call that names Z.  Never returns.
 */
void
sj_spawner(struct sysjail *sj, pid_t sup, int procfd, int errw, int syncfd,
    int zfd, char *const argv[], char *const envp[])
{
	struct sj_zmsg	 m;
	struct sj_fail	 f;
	struct zspec	 z;
	struct pollfd	 pfd[2];
	sigset_t	 chld;
	pid_t		 pids[SJ_MAXSESS + 1], pid;
	uint32_t	 ids[SJ_MAXSESS + 1];
	char		 ack, **args;
	int		 lfd, sfd, pidfd, nkids = 0, st, i, keep[4], killfd;

	defaultsignals();
	/* The command's arguments may lie in the area zname() clears. */
	for (i = 0; argv[i] != NULL; i++)
		continue;
	if ((args = calloc((size_t)i + 1, sizeof(*args))) == NULL)
		sj_setup_fail(errw, SJ_ST_FORK);
	for (i = 0; argv[i] != NULL; i++)
		if ((args[i] = strdup(argv[i])) == NULL)
			sj_setup_fail(errw, SJ_ST_FORK);
	zname(procfd);
	killfd = openat(sj->cgfd, "cgroup.kill", O_WRONLY | O_CLOEXEC);
	keep[0] = errw;
	keep[1] = syncfd;
	keep[2] = zfd;
	keep[3] = killfd;
	closeexcept(keep, killfd == -1 ? 3 : 4);
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
	if (sj_confine_caps() == -1 || sj_confine_rlimits() == -1)
		sj_setup_fail(errw, SJ_ST_CAPS);
	if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) == -1)
		sj_setup_fail(errw, SJ_ST_NNP);
	if (sj_confine_landlock() == -1)
		sj_setup_fail(errw, SJ_ST_LANDLOCK);
	if ((lfd = sj_confine_filter(&sj->filter)) == -1)
		sj_setup_fail(errw, SJ_ST_FILTER);
	/* Only write(2), read(2) and close(2) from here: none is notified. */
	if (write(syncfd, &lfd, sizeof(lfd)) != sizeof(lfd) ||
	    read(syncfd, &ack, 1) != 1)
		_exit(127);
	close(lfd);
	close(syncfd);
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
	z.argv = args;
	z.envp = envp;
	z.user = &sj->user;
	z.login = (sj->flags & SYSJAIL_LOGIN) != 0;
	z.search = 0;
	z.fd[0] = z.fd[1] = z.fd[2] = -1;
	memset(&m, 0, sizeof(m));
	if ((pid = zspawn(&z, &pidfd, &f)) == -1) {
		(void)write(errw, &f, sizeof(f));
		m.type = SJ_Z_FAILED;
		m.stage = f.stage;
		m.value = f.err;
		zsend(zfd, &m, -1);
		_exit(127);
	}
	close(errw);
	memset(pids, 0, sizeof(pids));
	pids[SJ_MAXSESS] = pid;
	ids[SJ_MAXSESS] = 0;
	nkids = 1;
	m.type = SJ_Z_STARTED;
	m.pid = pid;
	m.nkids = nkids;
	zsend(zfd, &m, pidfd);
	close(pidfd);

	pfd[0].fd = zfd;
	pfd[0].events = POLLIN;
	pfd[1].fd = sfd;
	pfd[1].events = POLLIN;
	for (;;) {
		if (poll(pfd, 2, -1) == -1) {
			if (errno == EINTR)
				continue;
			_exit(1);
		}
		if (pfd[0].revents & (POLLIN | POLLHUP | POLLERR))
			zrequest(zfd, killfd, &nkids, pids, ids);
		if (!(pfd[1].revents & POLLIN))
			continue;
		{
			struct signalfd_siginfo	 si;

			while (read(sfd, &si, sizeof(si)) == sizeof(si))
				if (si.ssi_signo == SIGSUPDIED &&
				    getppid() != sup)
					zorphan(killfd, 1);
		}
		while ((pid = waitpid(-1, &st, WNOHANG)) > 0) {
			nkids--;
			memset(&m, 0, sizeof(m));
			m.type = SJ_Z_EXITED;
			m.pid = pid;
			m.value = st;
			m.nkids = nkids;
			m.id = UINT32_MAX;	/* none of S's: never the jail's */
			for (i = 0; i <= SJ_MAXSESS; i++)
				if (pids[i] == pid) {
					m.id = ids[i];
					pids[i] = 0;
					break;
				}
			zsend(zfd, &m, -1);
		}
	}
}
