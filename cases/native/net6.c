/*
 * net6: SPEC section 3 for IPv6.  A fixture whose name ends in 6 runs in a
 * jail given an IPv4 and an IPv6 address (sysjail -4 J -6 J6), in sjtest's
 * own network namespace, where J6 and the host's other IPv6 address exist:
 * :: and ::1 mean J6 for bind, connect and datagrams, another address is
 * not available, the host's service on ::1 is unreachable, and an
 * IPv4-mapped loopback destination is judged as IPv4 (it becomes J).
 */
#include <sys/socket.h>

#include <arpa/inet.h>
#include <string.h>
#include <unistd.h>

#include "fixture.h"

static void
addr6(struct sockaddr_in6 *sin6, const char *a, in_port_t port)
{
	memset(sin6, 0, sizeof(*sin6));
	sin6->sin6_family = AF_INET6;
	sin6->sin6_port = port;
	inet_pton(AF_INET6, a, &sin6->sin6_addr);
}

/* Binds a TCP socket to a, port 0; says where it landed. */
static void
bind6(const char *what, const char *a)
{
	struct sockaddr_in6	 sin6;
	socklen_t		 len = sizeof(sin6);
	int			 s;

	addr6(&sin6, a, 0);
	if ((s = socket(AF_INET6, SOCK_STREAM, 0)) == -1 ||
	    bind(s, (struct sockaddr *)&sin6, sizeof(sin6)) == -1 ||
	    getsockname(s, (struct sockaddr *)&sin6, &len) == -1)
		check(what, -1);
	else
		say(what, class6(&sin6.sin6_addr));
	if (s != -1)
		close(s);
}

/* Connects to a:port; the peer's class in *peer. */
static int
connect6(const char *a, in_port_t port, const char **peer)
{
	struct sockaddr_in6	 sin6;
	socklen_t		 len = sizeof(sin6);
	int			 s, r;

	addr6(&sin6, a, port);
	if ((s = socket(AF_INET6, SOCK_STREAM, 0)) == -1)
		return -1;
	r = connect(s, (struct sockaddr *)&sin6, sizeof(sin6));
	if (r == 0 && peer != NULL &&
	    getpeername(s, (struct sockaddr *)&sin6, &len) == 0)
		*peer = class6(&sin6.sin6_addr);
	close(s);
	return r;
}

int
main(void)
{
	struct sockaddr_in6	 sin6;
	struct sockaddr_in	 sin;
	socklen_t		 len;
	const char		*peer = "none";
	char			 b;
	int			 l, l4, u, v;

	bind6("any", "::");
	bind6("loopback", "::1");
	bind6("jail", envstr("SJ_JAILADDR6"));
	bind6("elsewhere", envstr("SJ_HOSTADDR6"));
	check("host-service", connect6("::1",
	    htons((in_port_t)envnum("SJ_HOST6PORT")), NULL));

	/* A service of our own on ::, reached through ::1. */
	addr6(&sin6, "::", 0);
	len = sizeof(sin6);
	if ((l = socket(AF_INET6, SOCK_STREAM, 0)) == -1 ||
	    bind(l, (struct sockaddr *)&sin6, sizeof(sin6)) == -1 ||
	    listen(l, 4) == -1 ||
	    getsockname(l, (struct sockaddr *)&sin6, &len) == -1)
		return 1;
	check("own-service", connect6("::1", sin6.sin6_port, &peer));
	say("own-peer", peer);
	close(l);

	/* An IPv4 service of ours, reached through ::ffff:127.0.0.1. */
	memset(&sin, 0, sizeof(sin));
	sin.sin_family = AF_INET;
	len = sizeof(sin);
	if ((l4 = socket(AF_INET, SOCK_STREAM, 0)) == -1 ||
	    bind(l4, (struct sockaddr *)&sin, sizeof(sin)) == -1 ||
	    listen(l4, 4) == -1 ||
	    getsockname(l4, (struct sockaddr *)&sin, &len) == -1)
		return 1;
	peer = "none";
	check("mapped", connect6("::ffff:127.0.0.1", sin.sin_port, &peer));
	say("mapped-peer", peer);
	close(l4);

	/* A datagram to ::1 from an unbound socket. */
	addr6(&sin6, "::", 0);
	len = sizeof(sin6);
	if ((u = socket(AF_INET6, SOCK_DGRAM, 0)) == -1 ||
	    bind(u, (struct sockaddr *)&sin6, sizeof(sin6)) == -1 ||
	    getsockname(u, (struct sockaddr *)&sin6, &len) == -1 ||
	    (v = socket(AF_INET6, SOCK_DGRAM, 0)) == -1)
		return 1;
	addr6(&sin6, "::1", sin6.sin6_port);
	check("datagram", (int)sendto(v, "x", 1, 0, (struct sockaddr *)&sin6,
	    sizeof(sin6)) == 1 ? 0 : -1);
	len = sizeof(sin6);
	if (recvfrom(u, &b, 1, MSG_DONTWAIT, (struct sockaddr *)&sin6,
	    &len) == 1)
		say("datagram-source", class6(&sin6.sin6_addr));
	else
		check("datagram-source", -1);
	return 0;
}
