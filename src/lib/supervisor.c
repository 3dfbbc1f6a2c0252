/*
 * supervisor.c: S, the supervisor (the process tree: sysjail_priv.h): its
 * set-up, sj_supervisor() at the end of the file, and its loop.
 *
 * One process, one thread, one poll(2) over three descriptors: the seccomp
 * listener (a jailed call waits for an answer), a signalfd (children to
 * reap; the keeper died), and the control socket from the caller (signals
 * to pass on).  Each notification is received into zeroed memory,
 * dispatched on (architecture, number) to the handler the policy table
 * names, and answered; a notification whose task has gone is dropped.
 * The jail ends when the supervisor has no child left: being a subreaper,
 * it is the ancestor of every jailed process.
 */
#include <sys/ioctl.h>
#include <sys/prctl.h>
#include <sys/signalfd.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/wait.h>

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <sched.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "sysjail_priv.h"
#include "supervisor.h"

#ifdef __SANITIZE_ADDRESS__	/* configure --enable-sanitizers */
#include <sanitizer/lsan_interface.h>
#endif

static void
tables(struct sj_sup *s)
{
	const struct sj_rule	*r;
	size_t			 i, n;
	int			 abi;

	for (abi = 0; abi < SJ_NABI; abi++) {
		r = sj_rules(abi, &n);
		for (i = 0; i < n; i++)
			if (r[i].act == SJ_ACT_NOTIFY && r[i].nr >= 0 &&
			    r[i].nr < SJ_MAXNR)
				s->handler[abi][r[i].nr] = r[i].handler;
	}
}

static void
dispatch(struct sj_sup *s, struct seccomp_notif *req,
    struct seccomp_notif_resp *resp)
{
	struct sj_call	 c;
	uint32_t	 plain;
	int		 abi, i, h = SJ_H_NONE;

	memset(&c, 0, sizeof(c));
	c.sup = s;
	c.req = req;
	c.resp = resp;
	resp->id = req->id;
	sj_refuse(&c, ENOSYS);		/* unless a handler says otherwise */
	abi = sj_abi_of_arch(req->data.arch);
	if (abi >= 0 && req->data.nr >= 0 && req->data.nr < SJ_MAXNR)
		h = s->handler[abi][req->data.nr];
	if (s->sj->filter.audit) {
		/*
		 * Refusals come here too: the plain program gives the answer
		 * the kernel would have given, and only a call it refers to
		 * the supervisor reaches a handler.
		 */
		plain = sj_filter_run(&s->sj->plain, &req->data);
		if ((plain & SECCOMP_RET_ACTION_FULL) == SECCOMP_RET_ERRNO) {
			sj_refuse(&c, (int)(plain & SECCOMP_RET_DATA));
			h = SJ_H_NONE;
		} else if ((plain & SECCOMP_RET_ACTION_FULL) !=
		    SECCOMP_RET_USER_NOTIF)
			h = SJ_H_NONE;	/* cannot happen: ENOSYS */
	}
	if (h != SJ_H_NONE && h < SJ_NHANDLER && sj_handlers[h] != NULL) {
		c.abi = abi;
		for (i = 0; i < 6; i++)
			c.args[i] = abi == SJ_ABI_I386 ?
			    (uint32_t)req->data.args[i] : req->data.args[i];
		sj_handlers[h](&c);
	}
	if (c.gone)
		return;
	sj_stats_count(s, abi, req->data.nr, resp->error != 0 &&
	    !(resp->flags & SECCOMP_USER_NOTIF_FLAG_CONTINUE));
	sj_log_call(s, &c, abi, req->data.nr);
	if (!c.sent)
		(void)ioctl(s->listener, SECCOMP_IOCTL_NOTIF_SEND, resp);
}

/* Reaps what has ended; returns 1 once the jail is empty. */
static int
reap(struct sj_sup *s)
{
	struct sj_msg	 m;
	pid_t		 r;
	int		 st;

	for (;;) {
		r = waitpid(-1, &st, WNOHANG | __WALL);
		if (r == 0)
			return 0;
		if (r == -1)
			return errno == ECHILD;
		if (WIFSTOPPED(st))
			continue;	/* a tracee of ours (spawner.c zreap) */
		if (r == s->spawner) {
			/* Z is gone (killed): the jail lives on without
			 * jexec; its children came to us. */
			s->spawner = 0;
			if (s->zfd != -1) {
				close(s->zfd);
				s->zfd = -1;
			}
			continue;
		}
		if (r == s->cmd && !s->cmddone) {
			s->cmddone = 1;
			close(s->cmdfd);
			s->cmdfd = -1;
			m.type = SJ_MSG_EXITED;
			m.value = st;
			if (s->ctlfd != -1)
				(void)send(s->ctlfd, &m, sizeof(m),
				    MSG_NOSIGNAL);
		}
	}
}

static void
control(struct sj_sup *s)
{
	struct sj_msg	 m;
	ssize_t		 n;

	n = recv(s->ctlfd, &m, sizeof(m), MSG_DONTWAIT);
	if (n == -1 && (errno == EINTR || errno == EAGAIN))
		return;
	if (n != sizeof(m)) {
		/*
		 * The caller is gone without detaching (jail(1) killed): the
		 * command dies with it, as FreeBSD's jail(8), which is the
		 * command.  Daemons it started live on in the jail.
		 */
		if (!s->detached && !s->cmddone)
			sj_pidfd_signal(s->cmdfd, SIGKILL, NULL, 0);
		close(s->ctlfd);
		s->ctlfd = -1;
		return;
	}
	if (m.type == SJ_MSG_DETACH)
		s->detached = 1;
	else if (m.type == SJ_MSG_SIGNAL && !s->cmddone && m.value > 0 &&
	    m.value < NSIG)
		sj_pidfd_signal(s->cmdfd, m.value, NULL, 0);
}

/*
 * The jail's record after a rename: written at once after a quiet spell,
 * at most every SJ_REC_MS in a burst of renames (the main loop writes the
 * last one), so that a loop of sethostname(2) does not spend its time
 * rewriting a file.
 */
void
sj_record_changed(struct sj_sup *s)
{
	long long	 now = sj_now_ms();

	s->recdirty = 1;
	if (now - s->recwritten < SJ_REC_MS)
		return;
	(void)sj_registry_write(s);
	s->recdirty = 0;
	s->recwritten = now;
}

static int
term_one(struct sj_sup *s, struct sj_proc *t, void *arg)
{
	(void)s;
	(void)arg;
	sj_pidfd_signal(t->pidfd, SIGTERM, NULL, 0);
	return 0;
}

/*
 * Ends the jail: TERM to every jailed process now, KILL to what is left
 * after SJ_GRACE_MS (see the loop).  Asked by SIGTERM to the supervisor
 * and by reboot(2) inside.
 */
void
sj_stop(struct sj_sup *s)
{
	if (s->stopping)
		return;
	s->stopping = 1;
	s->killat = sj_now_ms() + SJ_GRACE_MS;
	(void)sj_members(s, term_one, NULL);
}

/*
 * Whether an empty jail ends: always, but a persistent one only when it is
 * being ended (jail -r) or has lost its spawner (no jexec could enter it).
 */
static int
over(const struct sj_sup *s, int empty)
{
	return empty && (!(s->sj->flags & SYSJAIL_PERSIST) || s->stopping ||
	    s->spawner == 0);
}

static void __attribute__((noreturn))
finish(struct sj_sup *s)
{
	sj_exec_end(s);
	sj_registry_remove(s->dbfd, s->sj->jid, s->sj->name, s->lockfd);
	/* The keeper tries too, and may have come first. */
	sj_registry_rmdir(s->dbfd, s->sj->dbdir);
#ifdef __SANITIZE_ADDRESS__
	/*
	 * _exit() skips LeakSanitizer's check at exit: run it here, where it
	 * can (it reads /proc/self, which the jail's root may lack).  A leak
	 * makes the supervisor exit non-zero, which fails the jail.
	 */
	if (access("/proc/self/maps", R_OK) == 0)
		__lsan_do_leak_check();
#endif
	_exit(0);
}

void
sj_supervise(struct sj_sup *s)
{
	struct seccomp_notif_sizes	 sz;
	struct seccomp_notif		*req;
	struct seccomp_notif_resp	*resp;
	struct signalfd_siginfo		 si;
	struct pollfd			 pfd[3 + 2 + SJ_MAXSESS];
	int				 which[2 + SJ_MAXSESS];
	int				 hup = 0, timeout, nx, i, zheard;

	tables(s);
	if (syscall(SYS_seccomp, SECCOMP_GET_NOTIF_SIZES, 0, &sz) == -1)
		memset(&sz, 0, sizeof(sz));
	req = calloc(1, sz.seccomp_notif > sizeof(*req) ? sz.seccomp_notif :
	    sizeof(*req));
	resp = calloc(1, sz.seccomp_notif_resp > sizeof(*resp) ?
	    sz.seccomp_notif_resp : sizeof(*resp));
	if (req == NULL || resp == NULL) {
		/* Fail closed: without memory nothing can be answered. */
		sj_teardown(s->procfd, s->self);
		finish(s);
	}
	for (;;) {
		pfd[0].fd = hup ? -1 : s->listener;
		pfd[0].events = POLLIN;
		pfd[1].fd = s->sigfd;
		pfd[1].events = POLLIN;
		pfd[2].fd = s->ctlfd;
		pfd[2].events = POLLIN;
		nx = sj_exec_pollfds(s, pfd + 3, which);
		timeout = -1;
		if (s->stopping) {
			timeout = (int)(s->killat - sj_now_ms());
			if (timeout <= 0) {
				sj_teardown(s->procfd, s->self);
				reap(s);
				finish(s);
			}
		}
		if (s->recdirty) {
			long long	 left;

			sj_record_changed(s);
			left = s->recwritten + SJ_REC_MS - sj_now_ms();
			if (s->recdirty && (timeout < 0 || timeout > left))
				timeout = left > 0 ? (int)left : 0;
		}
		if (poll(pfd, (nfds_t)(3 + nx), timeout) == -1) {
			if (errno == EINTR)
				continue;
			sj_teardown(s->procfd, s->self);
			finish(s);
		}
		if (pfd[0].revents & POLLIN) {
			memset(req, 0, sz.seccomp_notif > sizeof(*req) ?
			    sz.seccomp_notif : sizeof(*req));
			if (ioctl(s->listener, SECCOMP_IOCTL_NOTIF_RECV,
			    req) == 0)
				dispatch(s, req, resp);
		} else if (pfd[0].revents & (POLLHUP | POLLERR)) {
			hup = 1;	/* no filtered task is left */
		}
		if (pfd[1].revents & POLLIN) {
			while (read(s->sigfd, &si, sizeof(si)) == sizeof(si)) {
				if (si.ssi_signo == SIGUSR1) {
					/* The keeper died: nobody would
					 * clean up after us.  End the jail,
					 * and remove its cgroups, which only
					 * an empty (reaped) jail lets go.
					 * The cgroup first, at once: killed
					 * before the walk is done, we would
					 * leave the rest running. */
					sj_cgroup_kill(s->sj->cgfd);
					sj_teardown(s->procfd, s->self);
					while (waitpid(-1, &i, __WALL) > 0 ||
					    errno == EINTR)
						continue;
					/*
					 * The orphans are init's to reap:
					 * a cgroup that outlasts the wait
					 * stays, with the record, for the
					 * next start to reclaim.
					 */
					if (sj_cgroup_drain(s->sj->cgfd,
					    SJ_DRAIN_MS) == -1)
						_exit(1);
					sj_cgroup_pids_remove(s->sj);
					sj_cgroup_remove(s->sj);
					finish(s);
				}
				if (si.ssi_signo == SIGTERM)
					sj_stop(s);
			}
			i = reap(s);
			if (over(s, i || sj_exec_empty(s)))
				finish(s);
		}
		if (pfd[2].revents & (POLLIN | POLLHUP | POLLERR))
			control(s);
		zheard = 0;
		for (i = 0; i < nx; i++) {
			if (!(pfd[3 + i].revents & (POLLIN | POLLHUP | POLLERR)))
				continue;
			if (which[i] == -2) {
				sj_exec_zinput(s);
				zheard = 1;
			} else if (which[i] == -1)
				sj_exec_accept(s);
			else
				sj_exec_input(s, which[i]);
		}
		/* Only news from Z can empty the jail here (off the hot path
		 * of notifications: the check reads /proc). */
		if (zheard && over(s, sj_exec_empty(s)))
			finish(s);
	}
}

/* S: set up, start C, then supervise.  Never returns. */
void
sj_supervisor(struct sysjail *sj, int ctlfd, int errw, char *const argv[],
    char *const envp[])
{
	struct sj_sup	 s;
	struct sj_msg	 m;
	sigset_t	 set;
	pid_t		 keeper = getppid(), c;
	int		 sp[2], zp[2], fdnum, st, fd, zpidfd;
	char		**hide;
	size_t		 nhide;

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
	 * Not dumpable: once in the jail's root, a core file of ours would
	 * land where jailed root reads it (a relative core_pattern), with
	 * what jexec's callers sent us.  Z, forked from us, is so too.
	 */
	if (prctl(PR_SET_DUMPABLE, 0, 0, 0, 0) == -1 ||
	    prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0) == -1 ||
	    setpgid(0, 0) == -1)
		sj_setup_fail(errw, SJ_ST_FORK);
	sigemptyset(&set);
	sigaddset(&set, SIGCHLD);
	sigaddset(&set, SIGKEEPERDIED);
	sigaddset(&set, SIGTERM);	/* end the jail: see sj_stop() */
	sigprocmask(SIG_BLOCK, &set, NULL);
	if ((s.sigfd = signalfd(-1, &set, SFD_CLOEXEC | SFD_NONBLOCK)) == -1)
		sj_setup_fail(errw, SJ_ST_FORK);
	if (prctl(PR_SET_PDEATHSIG, SIGKEEPERDIED, 0, 0, 0) == -1 ||
	    getppid() != keeper)
		_exit(1);
	if (unshare(CLONE_NEWUTS) == -1)
		sj_setup_fail(errw, SJ_ST_UTS);
	if (sethostname(sj->hostname, strlen(sj->hostname)) == -1)
		sj_setup_fail(errw, SJ_ST_UTS);
	if ((s.procfd = open("/proc", O_RDONLY | O_DIRECTORY | O_CLOEXEC)) ==
	    -1)
		sj_setup_fail(errw, SJ_ST_PROC);
	if ((s.cghome = sj_cgroup_home()) == -1)
		sj_setup_fail(errw, SJ_ST_CGROUP);
	/*
	 * jexec's door, in the registry, before the registry is hidden; a
	 * jail without it would leave its name to whoever binds it.
	 */
	if ((s.execfd = sj_exec_listen(&s)) == -1)
		sj_setup_fail(errw, SJ_ST_EXECSOCK);
	/*
	 * Every registry is hidden from the jail: its own, the default one,
	 * and those of every jail living now (a jail rooted at / would
	 * otherwise read, remove or plant records in them).
	 */
	if ((hide = sj_cgroup_registries(sj->cgparent, &nhide)) == NULL ||
	    (hide = reallocarray(hide, nhide + 3, sizeof(*hide))) == NULL)
		sj_setup_fail(errw, SJ_ST_ROFS);
	hide[nhide] = (char *)sj_registry_dir(sj);
	hide[nhide + 1] = SYSJAIL_DBDIR;
	hide[nhide + 2] = NULL;
	if (sj_rofs_find(sj->path, (int)sj->flags, hide, &sj->ro) == -1)
		sj_setup_fail(errw, SJ_ST_ROFS);
	while (nhide > 0)
		free(hide[--nhide]);
	free(hide);
	/* The command's terminal's devpts, if any, is the jail's (relay.c). */
	sj->ro.pts = sj->relay.pts;
	if (sj_rofs_apply(sj->path, &sj->rootfd, &sj->ro) == -1)
		sj_setup_fail(errw, SJ_ST_ROFS);
	if (sj->relay.pts != -1)
		close(sj->relay.pts);
	sj->relay.pts = sj->ro.pts = -1;
	/*
	 * Before chroot: the log socket is outside the root, and is never
	 * looked up by path again (log.c), which would find the jail's.
	 */
	sj_log_open(&s);
	sj_stats_open(&s);
	if (fchdir(sj->rootfd) == -1 || chroot(".") == -1 || chdir("/") == -1)
		sj_setup_fail(errw, SJ_ST_CHROOT);
	close(sj->rootfd);
	sj->rootfd = -1;
	if ((fd = sj_pidfd_open(s.self, PIDFD_THREAD)) != -1) {
		s.pidfd_thread = 1;
		close(fd);
	}
	s.sigscope = sj_landlock_sigscope();
	if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sp) == -1 ||
	    socketpair(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0, zp) == -1)
		sj_setup_fail(errw, SJ_ST_FORK);
	if ((c = fork()) == -1)
		sj_setup_fail(errw, SJ_ST_FORK);
	if (c == 0) {
		close(sp[0]);
		close(zp[0]);
		sj_spawner(sj, s.self, s.procfd, errw, sp[1], zp[1], argv, envp);
	}
	close(sp[1]);
	close(zp[1]);
	s.spawner = c;
	s.zfd = zp[0];
	/* Into the jail's cgroup before it can create a single socket. */
	if (sj_cgroup_enter(sj->cgfd, c) == -1 || (sj->pidsfd != -1 &&
	    sj_cgroup_enter(sj->pidsfd, c) == -1) ||
	    write(sp[0], "m", 1) != 1) {
		kill(c, SIGKILL);
		sj_setup_fail(errw, SJ_ST_CGROUP);
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
		sj_setup_fail(errw, SJ_ST_LISTENER);
	}
	/* Z is in the jail's cgroup: membership by cgroup, if the kernel can. */
	sj_member_probe(&s, zpidfd);
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
		sj_setup_fail(errw, SJ_ST_DB);
	}
	close(errw);
	m.type = SJ_MSG_STARTED;
	m.value = s.cmd;
	(void)send(ctlfd, &m, sizeof(m), MSG_NOSIGNAL);
	sj_supervise(&s);
}
