/*
 * spawner.c: starting a jail.  The process tree is
 *
 *	caller - keeper (W) - supervisor (S) - spawner (Z) - command (C) ...
 *	                                                  - jexec'd ...
 *
 * W is a child subreaper whose only job is fail-closed teardown: if S dies
 * for any reason, even SIGKILL, the jail's processes are reparented to W,
 * which kills them all.  Until then nothing refused can happen: the filter's
 * decided calls stay decided, and once S's listener is closed every
 * notified call fails with ENOSYS without being performed.
 *
 * S is a child subreaper too, so that every jailed process, daemons
 * included, descends from it (the membership rule of member.c).  It owns the
 * only copy of the seccomp listener, lives in a UTS namespace and a mount
 * namespace the jail shares (the kernel's interfaces read-only, the jail's
 * own procfs, the registry hidden: confine.c), and is chrooted to the
 * jail's root after opening /proc and the registry.
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
 * environment of -l, and executes.  The caller learns of any failure
 * through an error pipe that a successful execve closes, and removes every
 * trace of the jail before returning.
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

#define SIGKEEPERDIED	SIGUSR1		/* S's parent-death signal */
#define SIGSUPDIED	SIGUSR2		/* Z's, once it is running */

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

static const char *const stages[] = {
	[SJ_ST_SETSID] = "setsid",
	[SJ_ST_CHDIR] = "chdir",
	[SJ_ST_CREDS] = "setting credentials",
	[SJ_ST_HOME] = "no home directory",
	[SJ_ST_NNP] = "no_new_privs",
	[SJ_ST_CAPS] = "capability bounding set",
	[SJ_ST_LANDLOCK] = "landlock",
	[SJ_ST_FILTER] = "seccomp filter",
	[SJ_ST_LISTENER] = "seccomp listener",
	[SJ_ST_EXEC] = "execv",
	[SJ_ST_UTS] = "UTS namespace",
	[SJ_ST_CHROOT] = "chroot",
	[SJ_ST_FORK] = "fork",
	[SJ_ST_PROC] = "/proc",
	[SJ_ST_CGROUP] = "cgroup v2 network rules",
	[SJ_ST_ROFS] = "read-only kernel interfaces",
	[SJ_ST_PIDS] = "process limit (cgroup pids controller)",
	[SJ_ST_DB] = "writing the jail's record",
};

static void __attribute__((noreturn))
fail(int errw, int stage)
{
	struct sj_fail	 f = { stage, errno };

	(void)write(errw, &f, sizeof(f));
	_exit(127);
}

/* Kills every process of the jail's cgroup, where the kernel can. */
static void
killcg(int cgfd)
{
	int	 fd;

	if ((fd = openat(cgfd, "cgroup.kill", O_WRONLY | O_CLOEXEC)) == -1)
		return;
	(void)write(fd, "1", 1);
	close(fd);
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
			fail(errw, SJ_ST_SETSID);
	closeexcept(&errw, 1);
	if (setsid() == -1)
		fail(errw, SJ_ST_SETSID);
	if (prctl(PR_SET_PDEATHSIG, SIGKILL, 0, 0, 0) == -1)
		_exit(127);
	if (u != NULL && u->set) {
		if (setgroups((size_t)u->ngroups, u->groups) == -1 ||
		    setresgid(u->gid, u->gid, u->gid) == -1 ||
		    setresuid(u->uid, u->uid, u->uid) == -1)
			fail(errw, SJ_ST_CREDS);
		if (getresuid(&r, &e, &s) == -1 || getresgid(&rg, &eg, &sg) ==
		    -1 || r != u->uid || e != u->uid || s != u->uid ||
		    rg != u->gid || eg != u->gid || sg != u->gid) {
			errno = EPERM;
			fail(errw, SJ_ST_CREDS);
		}
	}
	if (z->login && u != NULL) {
		if (chdir(u->dir) == -1)
			fail(errw, SJ_ST_HOME);
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
	fail(errw, SJ_ST_EXEC);
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
static void __attribute__((noreturn))
spawner(struct sysjail *sj, pid_t sup, int procfd, int errw, int syncfd,
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
		fail(errw, SJ_ST_FORK);
	for (i = 0; argv[i] != NULL; i++)
		if ((args[i] = strdup(argv[i])) == NULL)
			fail(errw, SJ_ST_FORK);
	zname(procfd);
	killfd = openat(sj->cgfd, "cgroup.kill", O_WRONLY | O_CLOEXEC);
	keep[0] = errw;
	keep[1] = syncfd;
	keep[2] = zfd;
	keep[3] = killfd;
	closeexcept(keep, killfd == -1 ? 3 : 4);
	if (setsid() == -1)
		fail(errw, SJ_ST_SETSID);
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
		fail(errw, SJ_ST_CGROUP);
	if (sj_confine_caps() == -1 || sj_confine_rlimits() == -1)
		fail(errw, SJ_ST_CAPS);
	if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) == -1)
		fail(errw, SJ_ST_NNP);
	if (sj_confine_landlock() == -1)
		fail(errw, SJ_ST_LANDLOCK);
	if ((lfd = sj_confine_filter(&sj->filter)) == -1)
		fail(errw, SJ_ST_FILTER);
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
		fail(errw, SJ_ST_FORK);
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

/* S: set up, start C, then supervise.  Never returns. */
static void __attribute__((noreturn))
supervisor(struct sysjail *sj, int ctlfd, int errw, char *const argv[],
    char *const envp[])
{
	struct sj_sup	 s;
	struct sj_msg	 m;
	sigset_t	 set;
	pid_t		 keeper = getppid(), c;
	int		 sp[2], zp[2], fdnum, st, fd, zpidfd;

	memset(&s, 0, sizeof(s));
	s.sj = sj;
	s.self = getpid();
	s.ctlfd = ctlfd;
	s.dbfd = sj->dbfd;
	s.lockfd = sj->lockfd;
	s.cmdfd = s.listener = s.zfd = s.execfd = -1;
	/*
	 * A process group of its own: one kill(-pgrp) cannot take the keeper
	 * and the supervisor down together, which would leave nobody to end
	 * the jail (it would stay confined, every notified call ENOSYS).
	 */
	if (prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0) == -1 ||
	    setpgid(0, 0) == -1)
		fail(errw, SJ_ST_FORK);
	sigemptyset(&set);
	sigaddset(&set, SIGCHLD);
	sigaddset(&set, SIGKEEPERDIED);
	sigaddset(&set, SIGTERM);	/* end the jail: see sj_stop() */
	sigprocmask(SIG_BLOCK, &set, NULL);
	if ((s.sigfd = signalfd(-1, &set, SFD_CLOEXEC | SFD_NONBLOCK)) == -1)
		fail(errw, SJ_ST_FORK);
	if (prctl(PR_SET_PDEATHSIG, SIGKEEPERDIED, 0, 0, 0) == -1 ||
	    getppid() != keeper)
		_exit(1);
	if (unshare(CLONE_NEWUTS) == -1)
		fail(errw, SJ_ST_UTS);
	if (sethostname(sj->hostname, strlen(sj->hostname)) == -1)
		fail(errw, SJ_ST_UTS);
	if ((s.procfd = open("/proc", O_RDONLY | O_DIRECTORY | O_CLOEXEC)) ==
	    -1)
		fail(errw, SJ_ST_PROC);
	if ((s.cghome = sj_netbpf_home()) == -1)
		fail(errw, SJ_ST_CGROUP);
	/* jexec's door, in the registry, before the registry is hidden. */
	s.execfd = sj_exec_listen(&s);
	if (sj_rofs_find(sj->path, (int)sj->flags, sj_registry_dir(sj),
	    &sj->ro) == -1 || sj_rofs_apply(sj->path, &sj->ro) == -1)
		fail(errw, SJ_ST_ROFS);
	/*
	 * Before chroot: the log socket is outside the root, and is never
	 * looked up by path again (log.c), which would find the jail's.
	 */
	sj_log_open(&s);
	sj_stats_open(&s);
	if (chroot(sj->path) == -1 || chdir("/") == -1)
		fail(errw, SJ_ST_CHROOT);
	if ((fd = sj_pidfd_open(s.self, PIDFD_THREAD)) != -1) {
		s.pidfd_thread = 1;
		close(fd);
	}
	s.sigscope = sj_landlock_sigscope();
	if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sp) == -1 ||
	    socketpair(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0, zp) == -1)
		fail(errw, SJ_ST_FORK);
	if ((c = fork()) == -1)
		fail(errw, SJ_ST_FORK);
	if (c == 0) {
		close(sp[0]);
		close(zp[0]);
		spawner(sj, s.self, s.procfd, errw, sp[1], zp[1], argv, envp);
	}
	close(sp[1]);
	close(zp[1]);
	s.spawner = c;
	s.zfd = zp[0];
	/* Into the jail's cgroup before it can create a single socket. */
	if (sj_netbpf_enter(sj->cgfd, c) == -1 || (sj->pidsfd != -1 &&
	    sj_netbpf_enter(sj->pidsfd, c) == -1) ||
	    write(sp[0], "m", 1) != 1) {
		kill(c, SIGKILL);
		fail(errw, SJ_ST_CGROUP);
	}
	/* Z cannot be reaped before S waits for it: the pidfd is its own. */
	if ((zpidfd = sj_pidfd_open(c, 0)) == -1 ||
	    read(sp[0], &fdnum, sizeof(fdnum)) != sizeof(fdnum)) {
		/* Z failed and told the caller why; wait for it and leave. */
		close(errw);
		waitpid(c, &st, 0);
		_exit(1);
	}
	if ((s.listener = sj_pidfd_getfd(zpidfd, fdnum)) == -1) {
		kill(c, SIGKILL);
		fail(errw, SJ_ST_LISTENER);
	}
	close(zpidfd);
	/* Same-CPU hand-off for the jailed task (Linux 6.6); optional. */
	(void)ioctl(s.listener, SECCOMP_IOCTL_NOTIF_SET_FLAGS,
	    SECCOMP_USER_NOTIF_FD_SYNC_WAKE_UP, 0);
	if (write(sp[0], "g", 1) != 1) {
		kill(c, SIGKILL);
		_exit(1);
	}
	close(sp[0]);
	/*
	 * Z starts the command and names it, with a pidfd; a command that
	 * could not start has told the caller why on the error pipe.  The
	 * command may already make calls meanwhile: they wait for us.
	 */
	if (sj_exec_first(&s) == -1) {
		kill(c, SIGKILL);
		waitpid(c, &st, 0);
		_exit(1);
	}
	/*
	 * A jail without its record (the database full, say) would be
	 * invisible to jls: its start fails instead, and the keeper ends
	 * what has already started.  The caller still waits on the error
	 * pipe, which only now closes.
	 */
	if (sj_registry_write(&s) == -1) {
		kill(c, SIGKILL);
		fail(errw, SJ_ST_DB);
	}
	close(errw);
	m.type = SJ_MSG_STARTED;
	m.value = s.cmd;
	(void)send(ctlfd, &m, sizeof(m), MSG_NOSIGNAL);
	sj_supervise(&s);
}

/* W: keep S, and tear the jail down if S dies.  Never returns. */
static void __attribute__((noreturn))
keeper(struct sysjail *sj, int ctlfd, int errw, char *const argv[],
    char *const envp[])
{
	pid_t	 s, r;
	int	 st, procfd, sig;

	for (sig = 1; sig < NSIG; sig++)
		if (sig != SIGCHLD)
			signal(sig, SIG_IGN);
	/* No terminal, no working directory pinning the caller's mounts. */
	if (setsid() == -1 || prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0) == -1 ||
	    chdir("/") == -1)
		fail(errw, SJ_ST_FORK);
	if ((procfd = open("/proc", O_RDONLY | O_DIRECTORY | O_CLOEXEC)) == -1)
		fail(errw, SJ_ST_PROC);
	sj->keeper = getpid();
	/* The kernel's network rules, in place before anything jailed runs. */
	if ((sj->cgfd = sj_netbpf_create(sj, &sj->cgparent)) == -1)
		fail(errw, SJ_ST_CGROUP);
	/* The process limit, and the record says what it is. */
	if (sj_netbpf_pids(sj) == -1) {
		sig = errno;
		sj_netbpf_remove(sj);
		errno = sig;
		fail(errw, SJ_ST_PIDS);
	}
	if ((s = fork()) == -1) {
		sig = errno;
		sj_netbpf_pids_remove(sj);
		sj_netbpf_remove(sj);
		errno = sig;
		fail(errw, SJ_ST_FORK);
	}
	if (s == 0) {
		close(procfd);
		for (sig = 1; sig < NSIG; sig++)
			signal(sig, SIG_DFL);
		signal(SIGINT, SIG_IGN);
		signal(SIGHUP, SIG_IGN);
		signal(SIGPIPE, SIG_IGN);
		supervisor(sj, ctlfd, errw, argv, envp);
	}
	close(errw);
	close(ctlfd);
	for (;;) {
		r = waitpid(-1, &st, __WALL);
		if (r == -1 && errno == EINTR)
			continue;
		if (r == -1)
			break;		/* ECHILD: the jail is empty */
		if (r == s) {
			/*
			 * S is gone, whatever its status: nothing jailed may
			 * outlive it.  A process the spawner never counted
			 * (made with CLONE_PARENT, say) would otherwise run on
			 * with no record and no supervisor: the jail's cgroup
			 * is killed (Linux 5.14), and every descendant of ours
			 * with it on any kernel.
			 */
			killcg(sj->cgfd);
			sj_teardown(procfd, getpid());
		}
	}
	sj_netbpf_pids_remove(sj);
	sj_netbpf_remove(sj);
	sj_registry_remove(sj->dbfd, sj->jid, sj->lockfd);
	close(sj->lockfd);
	sj_registry_rmdir(sj->dbfd, sj->dbdir);
	_exit(0);
}

static char *
joinargs(char *const argv[])
{
	size_t	 n = 1;
	char	*s;
	int	 i;

	for (i = 0; argv[i] != NULL; i++)
		n += strlen(argv[i]) + 1;
	if ((s = calloc(1, n)) == NULL)
		return NULL;
	for (i = 0; argv[i] != NULL; i++) {
		if (i)
			strcat(s, " ");
		strcat(s, argv[i]);
	}
	return s;
}

/* After a failed start: wait for W and S to let go, and remove the record. */
static void
undo(struct sysjail *sj)
{
	char	 name[32];
	int	 fd;

	snprintf(name, sizeof(name), "%d.lock", sj->jid);
	if ((fd = openat(sj->dbfd, name, O_RDONLY | O_CLOEXEC)) != -1) {
		if (flock(fd, LOCK_EX) == 0)
			sj_registry_remove(sj->dbfd, sj->jid, fd);
		close(fd);
	}
	sj->jid = -1;
}

int
sysjail_start(struct sysjail *sj, char *const argv[], char *const envp[])
{
	struct sj_fail	 f;
	struct sj_msg	 m;
	char		 host[65];
	pid_t		 i;
	unsigned int	 fam;
	int		 ctl[2], errp[2], st, save;
	ssize_t		 n;

	if (sj->started_ok)
		return sj_err(sj, EBUSY, "the jail is already started");
	if (sj->attached)
		return sj_attach_start(sj, argv, envp);
	if (sj->path == NULL)
		return sj_err(sj, EINVAL, "no root directory");
	if (argv == NULL || argv[0] == NULL)
		return sj_err(sj, EINVAL, "no command");
	if ((sj->flags & SYSJAIL_LOGIN) && sj->username == NULL)
		return sj_err(sj, EINVAL, "a clean environment needs a user");
	if (sj->hostname == NULL) {
		if (gethostname(host, sizeof(host)) == -1)
			return sj_err(sj, errno, "gethostname");
		host[sizeof(host) - 1] = '\0';
		if ((sj->hostname = strdup(host)) == NULL)
			return sj_err(sj, errno, "strdup");
	}
	if (sj_user_lookup(sj) == -1)
		return -1;
	sj_filter_free(&sj->filter);
	fam = 0;
	for (n = 0; n < sj->naddrs; n++)
		fam |= sj->addrs[n].family == AF_INET ? SJ_HAS4 : SJ_HAS6;
	if (!(sj->flags & SYSJAIL_ALLOW_RAW_SOCKETS))
		fam |= SJ_NORAW;
	sj_filter_free(&sj->plain);
	if (sj_filter_build(&sj->plain, sj->flags | fam) == -1 ||
	    sj_filter_build(&sj->filter, sj->flags | fam |
	    (sj->logwhat & SYSJAIL_LOG_REFUSED ? SJ_AUDIT : 0)) == -1)
		return sj_err(sj, errno, "building the seccomp filter");
	free(sj->cmdline);
	if ((sj->cmdline = joinargs(argv)) == NULL)
		return sj_err(sj, errno, "malloc");
	if (sj->dbfd == -1 && (sj->dbfd = sj_registry_dirfd(sj->dbdir)) == -1)
		return sj_err(sj, errno, "%s", sj->dbdir ? sj->dbdir :
		    "/run/sysjail");
	if (sj_registry_create(sj, sj->dbfd) == -1) {
		/* The last jail removed the directory under us: once more. */
		close(sj->dbfd);
		if ((sj->dbfd = sj_registry_dirfd(sj->dbdir)) == -1 ||
		    sj_registry_create(sj, sj->dbfd) == -1)
			return sj_err(sj, errno, "allocating a jail id");
	}
	sj->started = time(NULL);
	if (socketpair(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0, ctl) == -1) {
		save = errno;
		goto fail;
	}
	if (pipe2(errp, O_CLOEXEC) == -1) {
		save = errno;
		close(ctl[0]);
		close(ctl[1]);
		goto fail;
	}
	/* Double fork: W is nobody's child, so the caller never reaps it. */
	if ((i = fork()) == -1) {
		save = errno;
		close(ctl[0]);
		close(ctl[1]);
		close(errp[0]);
		close(errp[1]);
		goto fail;
	}
	if (i == 0) {
		close(ctl[0]);
		close(errp[0]);
		switch (fork()) {
		case -1:
			fail(errp[1], SJ_ST_FORK);
		case 0:
			keeper(sj, ctl[1], errp[1], argv, envp);
		default:
			_exit(0);
		}
	}
	close(ctl[1]);
	close(errp[1]);
	close(sj->lockfd);
	sj->lockfd = -1;
	while (waitpid(i, &st, 0) == -1 && errno == EINTR)
		continue;
	while ((n = read(errp[0], &f, sizeof(f))) == -1 && errno == EINTR)
		continue;
	close(errp[0]);
	sj->ctlfd = ctl[0];
	if (n == sizeof(f)) {
		close(sj->ctlfd);
		sj->ctlfd = -1;
		undo(sj);
		if (f.stage == SJ_ST_EXEC)
			return sj_err(sj, f.err, "execv: %s", argv[0]);
		if (f.stage == SJ_ST_HOME) {
			sj_err(sj, 0, "no home directory");
			errno = f.err;
			return -1;
		}
		return sj_err(sj, f.err, "%s",
		    f.stage > 0 && f.stage < (int)(sizeof(stages) /
		    sizeof(stages[0])) && stages[f.stage] ? stages[f.stage] :
		    "setup");
	}
	while ((n = recv(sj->ctlfd, &m, sizeof(m), 0)) == -1 && errno == EINTR)
		continue;
	if (n != sizeof(m) || m.type != SJ_MSG_STARTED) {
		close(sj->ctlfd);
		sj->ctlfd = -1;
		undo(sj);
		return sj_err(sj, ECHILD, "the supervisor died");
	}
	sj->cmdpid = m.value;
	sj->started_ok = 1;	/* the setters refuse from now on */
	return 0;
fail:
	undo(sj);
	return sj_err(sj, save, "starting the jail");
}
