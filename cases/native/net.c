/*
 * net: the rest of SPEC section 3: sendmsg and sendmmsg to loopback, a
 * connected UDP socket's peer, the local address of an accepted
 * connection, the host's abstract AF_UNIX listener, and the ioctls that
 * change interfaces and routes.  The ioctls name an interface that does
 * not exist, so that the host, where they are permitted, answers ENODEV
 * and nothing changes.
 */
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <sys/un.h>

#include <arpa/inet.h>
#include <errno.h>
#include <stdio.h>
#include <stddef.h>
#include <net/if.h>
#include <net/route.h>
#include <string.h>
#include <unistd.h>

#include "fixture.h"

#define NOIF	"sjtest-none0"

/* A UDP receiver on the wildcard; its port in *port. */
static int
receiver(in_port_t *port)
{
	struct sockaddr_in	 sin;
	socklen_t		 len = sizeof(sin);
	int			 u;

	memset(&sin, 0, sizeof(sin));
	sin.sin_family = AF_INET;
	if ((u = socket(AF_INET, SOCK_DGRAM, 0)) == -1 ||
	    bind(u, (struct sockaddr *)&sin, sizeof(sin)) == -1 ||
	    getsockname(u, (struct sockaddr *)&sin, &len) == -1)
		return -1;
	*port = sin.sin_port;
	return u;
}

/* Where the next datagram on u came from. */
static void
source(const char *what, int u)
{
	struct sockaddr_in	 from;
	socklen_t		 len = sizeof(from);
	char			 b[4];

	if (recvfrom(u, b, sizeof(b), MSG_DONTWAIT, (struct sockaddr *)&from,
	    &len) < 0)
		check(what, -1);
	else
		say(what, class4(from.sin_addr));
}


static void
datagrams(void)
{
	struct sockaddr_in	 to, peer;
	struct mmsghdr		 mm[2];
	struct msghdr		 mh;
	struct iovec		 iov;
	socklen_t		 len = sizeof(peer);
	in_port_t		 port;
	int			 u, s;

	if ((u = receiver(&port)) == -1 ||
	    (s = socket(AF_INET, SOCK_DGRAM, 0)) == -1) {
		check("sendmsg", -1);
		return;
	}
	memset(&to, 0, sizeof(to));
	to.sin_family = AF_INET;
	to.sin_port = port;
	inet_pton(AF_INET, "127.0.0.1", &to.sin_addr);
	memset(&mh, 0, sizeof(mh));
	iov.iov_base = "m";
	iov.iov_len = 1;
	mh.msg_iov = &iov;
	mh.msg_iovlen = 1;
	mh.msg_name = &to;
	mh.msg_namelen = sizeof(to);
	check("sendmsg", sendmsg(s, &mh, 0) == 1 ? 0 : -1);
	usleep(10000);
	source("sendmsg-source", u);
	memset(mm, 0, sizeof(mm));
	mm[0].msg_hdr = mh;
	mm[1].msg_hdr = mh;
	check("sendmmsg", sendmmsg(s, mm, 2, 0) == 2 ? 0 : -1);
	usleep(10000);
	source("sendmmsg-source", u);
	/* A connected UDP socket: its peer is where it sends. */
	close(s);
	if ((s = socket(AF_INET, SOCK_DGRAM, 0)) == -1 ||
	    connect(s, (struct sockaddr *)&to, sizeof(to)) == -1 ||
	    getpeername(s, (struct sockaddr *)&peer, &len) == -1)
		check("udp-peer", -1);
	else
		say("udp-peer", class4(peer.sin_addr));
	close(s);
	close(u);
}

/* A connection accepted by a service on the wildcard: its own address. */
static void
accepted(void)
{
	struct sockaddr_in	 sin, me;
	socklen_t		 len = sizeof(sin);
	int			 l, c, a;

	memset(&sin, 0, sizeof(sin));
	sin.sin_family = AF_INET;
	if ((l = socket(AF_INET, SOCK_STREAM, 0)) == -1 ||
	    bind(l, (struct sockaddr *)&sin, sizeof(sin)) == -1 ||
	    listen(l, 1) == -1 ||
	    getsockname(l, (struct sockaddr *)&sin, &len) == -1 ||
	    (c = socket(AF_INET, SOCK_STREAM, 0)) == -1) {
		check("accepted", -1);
		return;
	}
	inet_pton(AF_INET, "127.0.0.1", &sin.sin_addr);
	if (connect(c, (struct sockaddr *)&sin, sizeof(sin)) == -1 ||
	    (a = accept(l, NULL, NULL)) == -1) {
		check("accepted", -1);
		return;
	}
	len = sizeof(me);
	getsockname(a, (struct sockaddr *)&me, &len);
	say("accepted", class4(me.sin_addr));
	close(a);
	close(c);
	close(l);
}

/* Connects to the abstract socket name; with own, listens there first. */
static int
abstract(const char *name, int own)
{
	struct sockaddr_un	 sun;
	socklen_t		 len;
	int			 s, r, l = -1;

	if (*name == '\0') {
		errno = ENXIO;
		return -1;
	}
	memset(&sun, 0, sizeof(sun));
	sun.sun_family = AF_UNIX;
	strncpy(sun.sun_path + 1, name, sizeof(sun.sun_path) - 2);
	len = (socklen_t)(offsetof(struct sockaddr_un, sun_path) + 1 +
	    strlen(name));
	if (own && ((l = socket(AF_UNIX, SOCK_STREAM, 0)) == -1 ||
	    bind(l, (struct sockaddr *)&sun, len) == -1 || listen(l, 1) == -1))
		return -1;
	if ((s = socket(AF_UNIX, SOCK_STREAM, 0)) == -1)
		return -1;
	r = connect(s, (struct sockaddr *)&sun, len);
	close(s);
	if (l != -1)
		close(l);
	return r;
}

static void
ioctls(void)
{
	struct ifreq	 ifr;
	struct rtentry	 rt;
	struct sockaddr_in *sin;
	int		 s;

	if ((s = socket(AF_INET, SOCK_DGRAM, 0)) == -1) {
		check("ifflags", -1);
		return;
	}
	memset(&ifr, 0, sizeof(ifr));
	strncpy(ifr.ifr_name, NOIF, IFNAMSIZ - 1);
	ifr.ifr_flags = IFF_UP;
	check("ifflags", ioctl(s, SIOCSIFFLAGS, &ifr));
	sin = (struct sockaddr_in *)&ifr.ifr_addr;
	sin->sin_family = AF_INET;
	inet_pton(AF_INET, "192.0.2.250", &sin->sin_addr);
	check("ifaddr", ioctl(s, SIOCSIFADDR, &ifr));
	memset(&rt, 0, sizeof(rt));
	sin = (struct sockaddr_in *)&rt.rt_dst;
	sin->sin_family = AF_INET;
	inet_pton(AF_INET, "198.51.100.0", &sin->sin_addr);
	sin = (struct sockaddr_in *)&rt.rt_genmask;
	sin->sin_family = AF_INET;
	inet_pton(AF_INET, "255.255.255.0", &sin->sin_addr);
	rt.rt_flags = RTF_UP;
	rt.rt_dev = NOIF;
	check("addroute", ioctl(s, SIOCADDRT, &rt));
	close(s);
}

int
main(void)
{
	char	 own[64];

	datagrams();
	accepted();
	check("abstract-host", abstract(envstr("SJ_HOSTABSTRACT"), 0));
	snprintf(own, sizeof(own), "sjtest-own-%d", (int)getpid());
	check("abstract-own", abstract(own, 1));
	ioctls();
	return 0;
}
