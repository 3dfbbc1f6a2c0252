/*
 * setown: the owner of a descriptor's signals (issue 16, item 9).  SIGIO
 * and SIGURG of a descriptor go to its owner, set by fcntl F_SETOWN (a
 * register), F_SETOWN_EX (a structure in memory) or the sockets' ioctls
 * FIOSETOWN and SIOCSPGRP (an int in memory).  An owner outside the jail,
 * a process or a process group, does not exist there: ESRCH, as FreeBSD
 * answers.  Bare, Linux sets any owner (it checks only when it signals).
 * Owners inside the jail (the caller, a child, the child's group) keep
 * working, and the owner read back is the one set.
 */
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <sys/wait.h>

#include <fcntl.h>
#include <signal.h>
#include <unistd.h>

#include "fixture.h"

static int
ex(int fd, int type, pid_t pid)
{
	struct f_owner_ex	 o;

	o.type = type;
	o.pid = pid;
	return fcntl(fd, F_SETOWN_EX, &o);
}

static int
io(int fd, unsigned long cmd, int v)
{
	return ioctl(fd, cmd, &v);
}

int
main(void)
{
	struct f_owner_ex	 got;
	pid_t			 out = (pid_t)envnum("SJ_OUTSIDE"), kid;
	int			 sv[2], p[2], lf;
	char			 c;

	if (socketpair(AF_UNIX, SOCK_STREAM, 0, sv) == -1 || pipe(p) == -1)
		return 1;
	/* Outside the jail: a process and its group. */
	check("fsetown-outside", fcntl(sv[0], F_SETOWN, out));
	check("fsetown-outside-group", fcntl(sv[0], F_SETOWN, -out));
	check("fsetownex-outside", ex(sv[0], F_OWNER_PID, out));
	check("fsetownex-outside-group", ex(sv[0], F_OWNER_PGRP, out));
	check("fiosetown-outside", io(sv[0], FIOSETOWN, out));
	check("siocspgrp-outside", io(sv[0], SIOCSPGRP, -out));
	say("owner-outside", fcntl(sv[0], F_GETOWN) == out ||
	    fcntl(sv[0], F_GETOWN) == -out ? "yes" : "no");
	/* Inside: the caller, a child and the child's own group. */
	if ((kid = fork()) == 0) {
		(void)setpgid(0, 0);
		(void)read(p[0], &c, 1);
		_exit(0);
	}
	(void)setpgid(kid, kid);
	check("fsetown-self", fcntl(sv[0], F_SETOWN, getpid()));
	check("fiosetown-child", io(sv[0], FIOSETOWN, kid));
	say("fiosetown-child-owner", fcntl(sv[0], F_GETOWN) == kid ?
	    "yes" : "no");
	check("siocspgrp-child-group", io(sv[0], SIOCSPGRP, -kid));
	check("fsetownex-child", ex(sv[0], F_OWNER_PID, kid));
	say("fsetownex-child-owner", fcntl(sv[0], F_GETOWN_EX, &got) == 0 &&
	    got.type == F_OWNER_PID && got.pid == kid ? "yes" : "no");
	check("fiosetown-pipe", io(p[1], FIOSETOWN, kid));
	/* A read lease on a file of our own: EINVAL jailed (no leases). */
	if ((lf = open("tmp/sjlease", O_RDONLY | O_CREAT, 0600)) == -1)
		check("lease", -1);
	else {
		check("lease", fcntl(lf, F_SETLEASE, F_RDLCK));
		(void)fcntl(lf, F_SETLEASE, F_UNLCK);
		close(lf);
		(void)unlink("tmp/sjlease");
	}
	(void)write(p[1], "x", 1);
	(void)waitpid(kid, NULL, 0);
	return 0;
}
