/*
 * socket: the address families a jail has (SPEC section 3): AF_UNIX, and
 * AF_INET or AF_INET6 only with an address of that family (jail(1) gives
 * one IPv4 address); every other family does not exist.  Raw sockets need
 * a privilege jailed root does not have.  i386 programs reach socket(2)
 * through socketcall(2), judged on the supervisor's copy.
 */
#include <sys/socket.h>

#include <fcntl.h>
#include <linux/netlink.h>
#include <netinet/in.h>
#include <unistd.h>

#include "fixture.h"

#ifndef AF_PACKET
#define AF_PACKET	17
#endif

static void
try(const char *name, int domain, int type, int protocol)
{
	int	 s = socket(domain, type, protocol);

	check(name, s);
	if (s != -1)
		close(s);
}

int
main(void)
{
	int	 s;

	try("unix", AF_UNIX, SOCK_STREAM, 0);
	try("inet", AF_INET, SOCK_DGRAM, 0);
	try("inet6", AF_INET6, SOCK_DGRAM, 0);
	try("netlink", AF_NETLINK, SOCK_RAW, NETLINK_ROUTE);
	try("packet", AF_PACKET, SOCK_DGRAM, 0);
	try("raw", AF_INET, SOCK_RAW, IPPROTO_ICMP);
	s = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
	{
		int	 sv[2];

		char	 c = 0;

		check("socketpair-unix", socketpair(AF_UNIX, SOCK_STREAM |
		    SOCK_CLOEXEC, 0, sv));
		say("socketpair-works", write(sv[0], "p", 1) == 1 &&
		    read(sv[1], &c, 1) == 1 && c == 'p' &&
		    (fcntl(sv[1], F_GETFD) & FD_CLOEXEC) ? "yes" : "no");
		check("socketpair-inet", socketpair(AF_INET, SOCK_STREAM, 0,
		    sv));
		check("socketpair-netlink", socketpair(AF_NETLINK, SOCK_RAW,
		    0, sv));
	}
	say("flags", s != -1 && (fcntl(s, F_GETFD) & FD_CLOEXEC) &&
	    (fcntl(s, F_GETFL) & O_NONBLOCK) ? "yes" : "no");
	return 0;
}
