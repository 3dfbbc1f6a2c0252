/*
 * caller.c: sysjail_start(), in the caller's own process (the process
 * tree: sysjail_priv.h).  It allocates the jail's id, starts the keeper W
 * with a double fork, and waits on the error pipe, which every later setup
 * stage of W, S, Z and C writes a failure to (sj_setup_fail()) and which a
 * successful start closes; after a failure it removes every trace of the
 * jail before returning.
 */
#include <sys/file.h>
#include <sys/socket.h>
#include <sys/wait.h>

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "sysjail_priv.h"

/* What the setup stages are called in messages (caller.c and attach.c). */
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
	[SJ_ST_EXECSOCK] = "jexec's socket in the registry",
};

const char *
sj_stage_name(int stage)
{
	if (stage > 0 && stage < (int)(sizeof(stages) / sizeof(stages[0])) &&
	    stages[stage] != NULL)
		return stages[stage];
	return "setup";
}

/* A setup stage failed: tell the caller on the error pipe, and exit. */
void
sj_setup_fail(int errw, int stage)
{
	struct sj_fail	 f = { stage, errno };

	(void)write(errw, &f, sizeof(f));
	_exit(127);
}


static char *const nocommand[] = { NULL };


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

	/* Before W and S were made, the lock is still ours alone. */
	if (sj->lockfd != -1) {
		sj_registry_remove(sj->dbfd, sj->jid, sj->name, sj->lockfd);
		close(sj->lockfd);
		sj->lockfd = -1;
		sj->jid = -1;
		return;
	}
	sj_registry_file(name, sizeof(name), sj->jid, SJ_REG_LOCK);
	if ((fd = openat(sj->dbfd, name, O_RDONLY | O_CLOEXEC)) != -1) {
		if (flock(fd, LOCK_EX) == 0)
			sj_registry_remove(sj->dbfd, sj->jid, sj->name, fd);
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
	int		 ctl[2], errp[2], st, save, jfd[3];
	ssize_t		 n;

	if (sj->started_ok)
		return sj_err(sj, EBUSY, "the jail is already started");
	if (geteuid() != 0)
		return sj_errx(sj, EPERM, "%s a jail needs root",
		    sj->attached ? "entering" : "starting");
	if (sj->attached)
		return sj_attach_start(sj, argv, envp);
	if (sj->path == NULL)
		return sj_err(sj, EINVAL, "no root directory");
	/* A persistent jail may start empty: N's first child just exits. */
	if ((argv == NULL || argv[0] == NULL) &&
	    !(sj->flags & SYSJAIL_PERSIST))
		return sj_err(sj, EINVAL, "no command");
	if (argv == NULL)
		argv = nocommand;
	if ((sj->flags & SYSJAIL_LOGIN) && sj->username == NULL)
		return sj_err(sj, EINVAL, "a clean environment needs a user");
	if (sj->hostname == NULL) {
		if (gethostname(host, sizeof(host)) == -1)
			return sj_err(sj, errno, "gethostname");
		host[sizeof(host) - 1] = '\0';
		if ((sj->hostname = strdup(host)) == NULL)
			return sj_err(sj, errno, "strdup");
	}
	/*
	 * The root, held from here (the supervisor changes root through
	 * it): the path has no link, and must still have none.
	 */
	if (sj->rootfd != -1)
		close(sj->rootfd);
	if ((sj->rootfd = sj_root_reopen(sj->path, -1)) == -1)
		return sj_err(sj, errno, "%s: changed since it was given",
		    sj->path);
	sj_root_mark(sj->rootfd, sj->path);
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
		return sj_err(sj, errno, "%s", sj_registry_dir(sj));
	if (sj_registry_create(sj, sj->dbfd) == -1 && errno != EEXIST) {
		/* The last jail removed the directory under us: once more. */
		close(sj->dbfd);
		if ((sj->dbfd = sj_registry_dirfd(sj->dbdir)) == -1)
			return sj_err(sj, errno, "%s", sj_registry_dir(sj));
		if (sj_registry_create(sj, sj->dbfd) == -1 && errno != EEXIST)
			return sj_err(sj, errno, "allocating a jail id");
	}
	if (sj->jid == -1)
		return sj_errx(sj, EEXIST, "%s: a jail of that name is "
		    "running", sj->name);
	sj->started = time(NULL);
	/* What the command gets for its standard streams (relay.c). */
	if (sj_relay_open(&sj->relay, jfd, -1) == -1) {
		save = errno;
		goto fail;
	}
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
		sj_relay_child(&sj->relay, jfd);
		switch (fork()) {
		case -1:
			sj_setup_fail(errp[1], SJ_ST_FORK);
		case 0:
			sj_keeper(sj, ctl[1], errp[1], argv, envp);
		default:
			_exit(0);
		}
	}
	close(ctl[1]);
	close(errp[1]);
	sj_relay_handed(&sj->relay);
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
		sj_relay_close(&sj->relay);
		undo(sj);
		if (f.stage == SJ_ST_EXEC)
			return sj_err(sj, f.err, "execv: %s", argv[0]);
		if (f.stage == SJ_ST_HOME) {
			sj_err(sj, 0, "no home directory");
			errno = f.err;
			return -1;
		}
		return sj_err(sj, f.err, "%s", sj_stage_name(f.stage));
	}
	while ((n = recv(sj->ctlfd, &m, sizeof(m), 0)) == -1 && errno == EINTR)
		continue;
	if (n != sizeof(m) || m.type != SJ_MSG_STARTED) {
		close(sj->ctlfd);
		sj->ctlfd = -1;
		undo(sj);
		sj_relay_close(&sj->relay);
		return sj_err(sj, ECHILD, "the supervisor died");
	}
	sj->cmdpid = m.value;
	sj->started_ok = 1;	/* the setters refuse from now on */
	return 0;
fail:
	sj_relay_handed(&sj->relay);
	sj_relay_close(&sj->relay);
	undo(sj);
	return sj_err(sj, save, "starting the jail");
}
