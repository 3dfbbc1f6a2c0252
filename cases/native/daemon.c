/*
 * daemon: a process that double-forks and calls setsid(2) stays in the jail
 * (SPEC sections 1 and 7): still confined, and still reached by kill(-1).
 */
#include <sys/wait.h>

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "fixture.h"

static int	 report = -1;

static void
urg(int sig)
{
	(void)sig;
	(void)write(report, "got\n", 4);
	_exit(0);
}

int
main(void)
{
	pid_t	 outside = (pid_t)envnum("SJ_OUTSIDE"), a;
	char	 buf[64], *nl;
	ssize_t	 n;
	int	 p[2], st;
	FILE	*f;

	if (pipe(p) == -1)
		return 1;
	if ((a = fork()) == 0) {
		if (fork() != 0)
			_exit(0);
		/* The daemon: its own session, its parent gone. */
		close(p[0]);
		report = p[1];
		setsid();
		signal(SIGURG, urg);
		alarm(20);		/* never outlive a failed run */
		usleep(200000);		/* until the first child is reaped */
		snprintf(buf, sizeof(buf), "%s\n", kill(outside, 0) == 0 ?
		    "OK" : errname(errno));
		(void)write(report, buf, strlen(buf));
		for (;;)
			pause();
	}
	close(p[1]);
	waitpid(a, &st, 0);
	if ((f = fdopen(p[0], "r")) == NULL || fgets(buf, sizeof(buf), f) ==
	    NULL)
		return 1;
	if ((nl = strchr(buf, '\n')) != NULL)
		*nl = '\0';
	say("daemon-outside", buf);
	check("broadcast", kill(-1, SIGURG));
	n = fgets(buf, sizeof(buf), f) != NULL && strncmp(buf, "got", 3) == 0;
	say("daemon-killed", n ? "yes" : "no");
	return 0;
}
