/*
 * net6: SPEC section 3 for IPv6.  A fixture whose name ends in 6 runs in a
 * jail given an IPv4 and an IPv6 address (sysjail -4 J -6 J6), in sjtest's
 * own network namespace, where J6 and the host's other IPv6 address exist:
 * :: and ::1 mean J6 for bind, connect and datagrams, another address is
 * not available, the host's service on ::1 is unreachable, and an
 * IPv4-mapped loopback destination is judged as IPv4 (it becomes J).
 */
#include <sys/socket.h>

#include <netinet/in.h>
#include <arpa/inet.h>
#include <errno.h>
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

/* Connects a TCP6 socket, bound first to from if not NULL, to a:port. */
static int
tcp6from(const char *from, const char *a, in_port_t port)
{
	struct sockaddr_in6	 sin6;
	int			 s, r;

	if ((s = socket(AF_INET6, SOCK_STREAM, 0)) == -1)
		return -1;
	if (from != NULL) {
		addr6(&sin6, from, 0);
		if (bind(s, (struct sockaddr *)&sin6, sizeof(sin6)) == -1) {
			close(s);
			return -1;
		}
	}
	addr6(&sin6, a, port);
	r = connect(s, (struct sockaddr *)&sin6, sizeof(sin6));
	close(s);
	return r;
}

/*
 * The IPv6 holes of issue 15: :: and ::ffff:0.0.0.0 as destinations (the
 * host's services on ::1 and 127.0.0.1), a mapped datagram to the host's
 * UDP service (host-datagrams), IPV6_PKTINFO choosing the source, and
 * listen on an unbound socket.
 */
static void
holes6(void)
{
	union {
		struct cmsghdr	 h;
		char		 b[CMSG_SPACE(sizeof(struct in6_pktinfo))];
	} u;
	struct in6_pktinfo	 pi;
	struct sockaddr_in6	 sin6, me;
	struct msghdr		 mh;
	struct iovec		 iov;
	struct cmsghdr		*cm;
	socklen_t		 len;
	in_port_t		 h6 = htons((in_port_t)envnum("SJ_HOST6PORT"));
	in_port_t		 h4 = htons((in_port_t)envnum("SJ_HOSTPORT"));
	int			 s, r, one = 1;
	char			 b;

	check("zero-tcp", tcp6from(NULL, "::", h6));
	check("mapped-zero", tcp6from(NULL, "::ffff:0.0.0.0", h4));
	check("mapped-bound-zero", tcp6from("::ffff:0.0.0.0", "::", h4));
	if ((s = socket(AF_INET6, SOCK_DGRAM, 0)) != -1) {
		addr6(&sin6, "::ffff:127.0.0.1",
		    htons((in_port_t)envnum("SJ_HOSTUDP")));
		check("mapped-udp", sendto(s, "m", 1, 0,
		    (struct sockaddr *)&sin6, sizeof(sin6)) == 1 ? 0 : -1);
		close(s);
	}

	/* IPV6_PKTINFO choosing the host's other address as the source. */
	addr6(&me, envstr("SJ_JAILADDR6"), 0);
	len = sizeof(me);
	if ((r = socket(AF_INET6, SOCK_DGRAM | SOCK_NONBLOCK, 0)) != -1 &&
	    bind(r, (struct sockaddr *)&me, sizeof(me)) == 0 &&
	    getsockname(r, (struct sockaddr *)&me, &len) == 0 &&
	    (s = socket(AF_INET6, SOCK_DGRAM, 0)) != -1) {
		memset(&u, 0, sizeof(u));
		memset(&pi, 0, sizeof(pi));
		inet_pton(AF_INET6, envstr("SJ_HOSTADDR6"), &pi.ipi6_addr);
		memset(&mh, 0, sizeof(mh));
		iov.iov_base = "p";
		iov.iov_len = 1;
		mh.msg_iov = &iov;
		mh.msg_iovlen = 1;
		mh.msg_name = &me;
		mh.msg_namelen = sizeof(me);
		mh.msg_control = u.b;
		mh.msg_controllen = sizeof(u.b);
		cm = CMSG_FIRSTHDR(&mh);
		cm->cmsg_level = IPPROTO_IPV6;
		cm->cmsg_type = IPV6_PKTINFO;
		cm->cmsg_len = CMSG_LEN(sizeof(pi));
		memcpy(CMSG_DATA(cm), &pi, sizeof(pi));
		check("pktinfo-send", sendmsg(s, &mh, 0) == 1 ? 0 : -1);
		usleep(10000);
		len = sizeof(sin6);
		if (recvfrom(r, &b, 1, 0, (struct sockaddr *)&sin6, &len) == 1)
			say("pktinfo-source", class6(&sin6.sin6_addr));
		else
			check("pktinfo-source", -1);
		check("freebind", setsockopt(s, IPPROTO_IPV6, IPV6_FREEBIND,
		    &one, sizeof(one)));
		close(s);
	}

	/* listen(2) on a socket never bound. */
	if ((s = socket(AF_INET6, SOCK_STREAM, 0)) != -1 &&
	    listen(s, 4) == 0) {
		len = sizeof(me);
		getsockname(s, (struct sockaddr *)&me, &len);
		say("listen-unbound", class6(&me.sin6_addr));
		check("listen-elsewhere", tcp6from(NULL,
		    envstr("SJ_HOSTADDR6"), me.sin6_port));
		close(s);
	} else
		check("listen-unbound", -1);
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
	holes6();
	return 0;
}
