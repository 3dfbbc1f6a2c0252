/*
 * peercred: what a socket says of its peer (SPEC section 1: processes
 * outside the jail do not exist).  The harness listens on a pathname
 * socket in the jail's tree (SJ_HOSTUNIX), from outside; the fixture
 * connects and asks SO_PEERCRED and SO_PEERPIDFD.  Jailed, the outside
 * peer has no pid (0, as FreeBSD's jails see a process of another
 * prison) and no pidfd (ENODATA); bare, its pid and a pidfd.  A peer
 * inside (a socket pair of our own) answers with our own pid everywhere.
 */
#include <sys/socket.h>
#include <sys/un.h>

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "fixture.h"

#ifndef SO_PEERPIDFD
#define SO_PEERPIDFD	77		/* Linux 6.5 */
#endif

static void
peer(const char *name, int fd, int pidfd_too)
{
	struct ucred	 uc;
	socklen_t	 len = sizeof(uc);
	int		 pfd = -1;
	char		 what[64];

	snprintf(what, sizeof(what), "%s-pid", name);
	if (getsockopt(fd, SOL_SOCKET, SO_PEERCRED, &uc, &len) == -1)
		say(what, errname(errno));
	else
		say(what, uc.pid == 0 ? "hidden" : uc.pid == getpid() ?
		    "self" : "shown");
	if (!pidfd_too)
		return;
	snprintf(what, sizeof(what), "%s-pidfd", name);
	len = sizeof(pfd);
	if (getsockopt(fd, SOL_SOCKET, SO_PEERPIDFD, &pfd, &len) == -1) {
		if (errno == ENOPROTOOPT)
			skip(what, "this kernel has no SO_PEERPIDFD (6.5)");
		else
			say(what, errname(errno));
		return;
	}
	say(what, "OK");
	close(pfd);
}

int
main(void)
{
	struct sockaddr_un	 sun;
	const char		*path = envstr("SJ_HOSTUNIX");
	int			 s, sv[2];

	if (socketpair(AF_UNIX, SOCK_STREAM, 0, sv) == 0) {
		peer("peer-own", sv[0], 0);
		close(sv[0]);
		close(sv[1]);
	}
	memset(&sun, 0, sizeof(sun));
	sun.sun_family = AF_UNIX;
	snprintf(sun.sun_path, sizeof(sun.sun_path), "%s", path);
	if ((s = socket(AF_UNIX, SOCK_STREAM, 0)) == -1 ||
	    connect(s, (struct sockaddr *)&sun, sizeof(sun)) == -1) {
		say("peer-outside", errname(errno));
		return 0;
	}
	say("peer-outside", "OK");
	peer("peer-outside", s, 1);
	close(s);
	return 0;
}
