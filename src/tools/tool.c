/*
 * tool.c: what jail(1), sysjail(1) and jexec(1) share: signals passed on to
 * the jailed command, and the command's status as the tool's.
 */
#include <sys/wait.h>

#include <err.h>
#include <errno.h>
#include <signal.h>
#include <string.h>

#include "sysjail.h"
#include "tool.h"

static struct sysjail	*passto;

static void
pass(int sig)
{
	int	 save = errno;

	(void)sysjail_kill(passto, sig);
	errno = save;
}

/* From now on SIGINT, SIGTERM and SIGHUP go on to sj's command. */
void
tool_pass_signals(struct sysjail *sj)
{
	struct sigaction	 sa;

	passto = sj;
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = pass;
	sa.sa_flags = SA_RESTART;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
}

/* Waits for sj's command: its exit status, or 128 plus its signal. */
int
tool_wait(struct sysjail *sj)
{
	int	 status;

	if (sysjail_wait(sj, &status) == -1)
		errx(1, "%s", sysjail_errmsg(sj));
	if (WIFSIGNALED(status))
		return 128 + WTERMSIG(status);
	return WEXITSTATUS(status);
}
