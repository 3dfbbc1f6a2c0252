/*
 * killpg: signals to a process group outside the jail (A15), by every
 * route that names a group: killpg(3) (kill(2) of -pgrp), the same through
 * the i386 gate, joining the outside group with setpgid(2), and SIGIO
 * ownership: fcntl(2) F_SETOWN and F_SETOWN_EX naming the outside process
 * or its group, so that the kernel itself sends SIGURG (F_SETSIG) there
 * when data arrives on a pipe.  The harness counts the SIGURGs the outside
 * process receives (outside-signalled).  The same route aimed at the
 * fixture's own group shows that the mechanism works.
 */
#include <sys/wait.h>

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdatomic.h>
#include <unistd.h>

#include "fixture.h"
#include "int80.h"

static volatile sig_atomic_t	 urgs;

static void
onurg(int sig)
{
	(void)sig;
	urgs++;
}

/* A pipe whose reader's SIGIO goes, as SIGURG, to the owner set by how. */
static int
sigio(const char *name, int how, pid_t who)
{
	struct f_owner_ex	 ex;
	int			 p[2], r;

	if (pipe(p) == -1)
		return -1;
	if (how == F_SETOWN_EX) {
		ex.type = who < 0 ? F_OWNER_PGRP : F_OWNER_PID;
		ex.pid = who < 0 ? -who : who;
		r = fcntl(p[0], F_SETOWN_EX, &ex);
	} else
		r = fcntl(p[0], F_SETOWN, who);
	check(name, r);
	if (r == 0 && fcntl(p[0], F_SETSIG, SIGURG) == 0 &&
	    fcntl(p[0], F_SETFL, O_ASYNC) == 0)
		(void)write(p[1], "x", 1);
	close(p[0]);
	close(p[1]);
	return r;
}

int
main(void)
{
	pid_t	 outside = (pid_t)envnum("SJ_OUTSIDE");

	check("killpg-outside", killpg(outside, 0));
	CHECK80("killpg-int80", INT80(nr32_kill, -outside, 0, 0));
	check("setpgid-join", setpgid(0, outside));
	sigio("setown-pgrp", F_SETOWN, -outside);
	sigio("setown-pid", F_SETOWN, outside);
	sigio("setown-ex-pgrp", F_SETOWN_EX, -outside);
	sigio("setown-ex-pid", F_SETOWN_EX, outside);
	/* The route works: our own group gets its SIGURG. */
	signal(SIGURG, onurg);
	sigio("setown-own", F_SETOWN, -getpgrp());
	usleep(10000);
	say("own-sigio", urgs > 0 ? "yes" : "no");
	return 0;
}
