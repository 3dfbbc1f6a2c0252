/*
 * kill: kill(2) with every pid form (SPEC section 1).
 */
#include <sys/wait.h>

#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <unistd.h>

#include "fixture.h"

static void
urg(int sig)
{
	(void)sig;
	_exit(7);
}

static pid_t
sleeper(int ownpgrp, int urgexit)
{
	pid_t	 p;

	if ((p = fork()) == 0) {
		if (ownpgrp)
			setpgid(0, 0);
		if (urgexit) {
			sigset_t	 set;

			signal(SIGURG, urg);
			sigemptyset(&set);
			sigaddset(&set, SIGURG);
			sigprocmask(SIG_UNBLOCK, &set, NULL);
		}
		for (;;)
			pause();
	}
	return p;
}

static const char *
died(pid_t p, int sig, int code)
{
	int	 st;

	if (waitpid(p, &st, 0) != p)
		return errname(errno);
	if (sig && WIFSIGNALED(st) && WTERMSIG(st) == sig)
		return "OK";
	if (!sig && WIFEXITED(st) && WEXITSTATUS(st) == code)
		return "yes";
	return "no";
}

int
main(void)
{
	pid_t	 outside = (pid_t)envnum("SJ_OUTSIDE"), c;
	sigset_t set;

	/* Alone first: nothing else of ours exists yet. */
	check("alone", kill(-1, 0));
	check("outside", kill(outside, 0));
	check("outside-group", kill(-outside, 0));
	check("parent", kill(getppid(), 0));
	check("self", kill(getpid(), 0));
	check("own-group", kill(0, 0));

	c = sleeper(0, 0);
	if (kill(c, SIGTERM) == -1)
		check("child", -1);
	else
		say("child", died(c, SIGTERM, 0));

	c = sleeper(1, 0);
	usleep(100000);			/* let it become a group leader */
	if (kill(-c, SIGTERM) == -1)
		check("child-group", -1);
	else
		say("child-group", died(c, SIGTERM, 0));

	/* SIGURG: its default action is to be ignored, wherever it lands. */
	sigemptyset(&set);
	sigaddset(&set, SIGURG);
	sigprocmask(SIG_BLOCK, &set, NULL);
	c = sleeper(0, 1);
	sigprocmask(SIG_UNBLOCK, &set, NULL);
	usleep(100000);			/* let it install its handler */
	check("broadcast", kill(-1, SIGURG));
	say("broadcast-child", died(c, 0, 7));
	return 0;
}
