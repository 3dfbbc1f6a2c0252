/*
 * connect: connections and datagrams to loopback (SPEC section 3).  In a
 * jail, 127.0.0.0/8 means the jail's address J: the host's loopback
 * services are unreachable, the jail's own are reached at J, and an
 * unbound socket speaks from J.  The kernel decides, on its own copy of the
 * address (cgroup socket-address programs), for every ABI alike.
 */
#include <sys/socket.h>

#include <arpa/inet.h>
#include <string.h>
#include <unistd.h>

#include "fixture.h"

static int
tcp(const char *addr, int port, struct sockaddr_in *local,
    struct sockaddr_in *peer)
{
	struct sockaddr_in	 sin;
	socklen_t		 len = sizeof(sin);
	int			 s, r;

	memset(&sin, 0, sizeof(sin));
	sin.sin_family = AF_INET;
	sin.sin_port = htons(port);
	inet_pton(AF_INET, addr, &sin.sin_addr);
	if ((s = socket(AF_INET, SOCK_STREAM, 0)) == -1)
		return -1;
	r = connect(s, (struct sockaddr *)&sin, sizeof(sin));
	if (r == 0 && local != NULL) {
		getsockname(s, (struct sockaddr *)local, &len);
		len = sizeof(*peer);
		getpeername(s, (struct sockaddr *)peer, &len);
	}
	close(s);
	return r;
}

int
main(void)
{
	struct sockaddr_in	 sin, local, peer;
	socklen_t		 len = sizeof(sin);
	char			 b;
	int			 l, u, v;

	check("host-service", tcp("127.0.0.1", (int)envnum("SJ_HOSTPORT"),
	    NULL, NULL));

	/* A service of our own, bound to the wildcard. */
	memset(&sin, 0, sizeof(sin));
	sin.sin_family = AF_INET;
	if ((l = socket(AF_INET, SOCK_STREAM, 0)) == -1 ||
	    bind(l, (struct sockaddr *)&sin, sizeof(sin)) == -1 ||
	    listen(l, 4) == -1 ||
	    getsockname(l, (struct sockaddr *)&sin, &len) == -1)
		return 1;
	check("own-service", tcp("127.0.0.1", ntohs(sin.sin_port), &local,
	    &peer));
	say("own-peer", class4(peer.sin_addr));
	say("own-source", class4(local.sin_addr));
	close(l);

	/* A datagram to loopback, from an unbound socket. */
	memset(&sin, 0, sizeof(sin));
	sin.sin_family = AF_INET;
	len = sizeof(sin);
	if ((u = socket(AF_INET, SOCK_DGRAM, 0)) == -1 ||
	    bind(u, (struct sockaddr *)&sin, sizeof(sin)) == -1 ||
	    getsockname(u, (struct sockaddr *)&sin, &len) == -1 ||
	    (v = socket(AF_INET, SOCK_DGRAM, 0)) == -1)
		return 1;
	inet_pton(AF_INET, "127.0.0.1", &sin.sin_addr);
	check("datagram", (int)sendto(v, "x", 1, 0, (struct sockaddr *)&sin,
	    sizeof(sin)));
	len = sizeof(sin);
	if (recvfrom(u, &b, 1, 0, (struct sockaddr *)&sin, &len) == 1)
		say("datagram-source", class4(sin.sin_addr));
	else
		check("datagram-source", -1);
	return 0;
}
