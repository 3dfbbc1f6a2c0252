/*
 * keeper.c: W, the keeper (the process tree: sysjail_priv.h).
 *
 * W is a child subreaper whose only job is fail-closed teardown: if S dies
 * for any reason, even SIGKILL, the jail's processes are reparented to W,
 * which kills them all.  Until then nothing refused can happen: the filter's
 * decided calls stay decided, and once S's listener is closed every
 * notified call fails with ENOSYS without being performed.  W also makes
 * the jail's cgroups before anything jailed runs and removes them, and the
 * jail's record, when the jail is empty.
 */
#include <sys/prctl.h>
#include <sys/wait.h>

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <unistd.h>

#include "sysjail_priv.h"

/* W: keep S, and tear the jail down if S dies.  Never returns. */
void
sj_keeper(struct sysjail *sj, int ctlfd, int errw, char *const argv[],
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
		sj_setup_fail(errw, SJ_ST_FORK);
	if ((procfd = open("/proc", O_RDONLY | O_DIRECTORY | O_CLOEXEC)) == -1)
		sj_setup_fail(errw, SJ_ST_PROC);
	sj->keeper = getpid();
	/* The kernel's network rules, in place before anything jailed runs. */
	if ((sj->cgfd = sj_cgroup_create(sj, &sj->cgparent)) == -1)
		sj_setup_fail(errw, SJ_ST_CGROUP);
	/* The process limit, and the record says what it is. */
	if (sj_cgroup_pids(sj) == -1) {
		sig = errno;
		sj_cgroup_remove(sj);
		errno = sig;
		sj_setup_fail(errw, SJ_ST_PIDS);
	}
	if ((s = fork()) == -1) {
		sig = errno;
		sj_cgroup_pids_remove(sj);
		sj_cgroup_remove(sj);
		errno = sig;
		sj_setup_fail(errw, SJ_ST_FORK);
	}
	if (s == 0) {
		close(procfd);
		for (sig = 1; sig < NSIG; sig++)
			signal(sig, SIG_DFL);
		signal(SIGINT, SIG_IGN);
		signal(SIGHUP, SIG_IGN);
		signal(SIGPIPE, SIG_IGN);
		sj_supervisor(sj, ctlfd, errw, argv, envp);
	}
	close(errw);
	close(ctlfd);
	if (sj->relay.pts != -1)	/* S's, to make the jail's /dev/pts */
		close(sj->relay.pts);
	if (sj->rootfd != -1)		/* S's, to change root through */
		close(sj->rootfd);
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
			sj_cgroup_kill(sj->cgfd);
			sj_teardown(procfd, getpid());
		}
	}
	sj_cgroup_pids_remove(sj);
	sj_cgroup_remove(sj);
	sj_registry_remove(sj->dbfd, sj->jid, sj->name, sj->lockfd);
	close(sj->lockfd);
	sj_registry_rmdir(sj->dbfd, sj->dbdir);
	_exit(0);
}
