/*
 * tool.c: what the jail tools share: signals passed on to the jailed
 * command, the command's status as the tool's, and jail-controlled text
 * made safe to print.
 */
#include <sys/wait.h>

#include <err.h>
#include <errno.h>
#include <signal.h>
#include <stdlib.h>
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

/*
 * s, made safe for a terminal: every byte that is not printable ASCII
 * (control bytes, DEL, bytes above 0x7f) as a backslash and three octal
 * digits, and a backslash doubled, as vis(3) does with VIS_OCTAL.  For
 * text a jail controls (its host name, its path, its command), which must
 * not move the cursor, clear the screen or forge a row.  The caller frees
 * the result; no memory is fatal.
 */
char *
tool_vis(const char *s)
{
	const unsigned char	*p;
	char			*v, *q;

	if ((v = malloc(strlen(s) * 4 + 1)) == NULL)
		err(1, NULL);
	for (p = (const unsigned char *)s, q = v; *p != '\0'; p++) {
		if (*p == '\\') {
			*q++ = '\\';
			*q++ = '\\';
		} else if (*p < 0x20 || *p >= 0x7f) {
			*q++ = '\\';
			*q++ = '0' + (*p >> 6);
			*q++ = '0' + ((*p >> 3) & 7);
			*q++ = '0' + (*p & 7);
		} else
			*q++ = (char)*p;
	}
	*q = '\0';
	return v;
}
