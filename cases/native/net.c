/*
 * net: the rest of SPEC section 3: sendmsg and sendmmsg to loopback, a
 * connected UDP socket's peer, the local address of an accepted
 * connection, the host's abstract AF_UNIX listener, and the ioctls that
 * change interfaces and routes.  The ioctls name an interface that does
 * not exist, so that the host, where they are permitted, answers ENODEV
 * and nothing changes.  Last, the network holes of issue 15: zero
 * destinations, IP_PKTINFO, unbound sockets that send or listen, and the
 * options that choose a source.
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
#include <netinet/in.h>
#include <poll.h>
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

/*
 * The network holes of issue 15, IPv4 (the jail's J = SJ_JAILADDR; the
 * host's services on 127.0.0.1: TCP SJ_HOSTPORT, UDP SJ_HOSTUDP, whose
 * datagrams sjtest counts as host-datagrams; SJ_HOSTADDR another host
 * address).
 */
static void
sin4(struct sockaddr_in *sin, const char *a, in_port_t port)
{
	memset(sin, 0, sizeof(*sin));
	sin->sin_family = AF_INET;
	sin->sin_port = port;
	inet_pton(AF_INET, a, &sin->sin_addr);
}

/* Connects a TCP socket to sin, waiting a second at most. */
static int
tcpto(const struct sockaddr_in *sin)
{
	struct pollfd	 p;
	socklen_t	 len = sizeof(int);
	int		 s, e = 0;

	if ((s = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0)) == -1)
		return -1;
	if (connect(s, (const struct sockaddr *)sin, sizeof(*sin)) == -1) {
		if (errno != EINPROGRESS) {
			e = errno;
			goto out;
		}
		p.fd = s;
		p.events = POLLOUT;
		if (poll(&p, 1, 1000) != 1)
			e = ETIMEDOUT;
		else
			getsockopt(s, SOL_SOCKET, SO_ERROR, &e, &len);
	}
out:
	close(s);
	errno = e;
	return e ? -1 : 0;
}

/* sendmsg of one byte to sin with an IP_PKTINFO whose source is src. */
static int
pktinfo(int s, const struct sockaddr_in *sin, const char *src)
{
	union {
		struct cmsghdr	 h;
		char		 b[CMSG_SPACE(sizeof(struct in_pktinfo))];
	} u;
	struct in_pktinfo	 pi;
	struct msghdr		 mh;
	struct iovec		 iov;
	struct cmsghdr		*cm;

	memset(&u, 0, sizeof(u));
	memset(&pi, 0, sizeof(pi));
	inet_pton(AF_INET, src, &pi.ipi_spec_dst);
	memset(&mh, 0, sizeof(mh));
	iov.iov_base = "p";
	iov.iov_len = 1;
	mh.msg_iov = &iov;
	mh.msg_iovlen = 1;
	mh.msg_name = (void *)sin;
	mh.msg_namelen = sin != NULL ? sizeof(*sin) : 0;
	mh.msg_control = u.b;
	mh.msg_controllen = sizeof(u.b);
	cm = CMSG_FIRSTHDR(&mh);
	cm->cmsg_level = IPPROTO_IP;
	cm->cmsg_type = IP_PKTINFO;
	cm->cmsg_len = CMSG_LEN(sizeof(pi));
	memcpy(CMSG_DATA(cm), &pi, sizeof(pi));
	return sendmsg(s, &mh, 0) == 1 ? 0 : -1;
}

static void
holes(void)
{
	struct sockaddr_in	 host, hudp, to, me;
	struct mmsghdr		 mm;
	struct msghdr		 mh;
	struct iovec		 iov;
	socklen_t		 len;
	in_port_t		 port;
	int			 u, s, l, one = 1;
	char			 b;

	sin4(&host, "0.0.0.0", htons((in_port_t)envnum("SJ_HOSTPORT")));
	sin4(&hudp, "0.0.0.0", htons((in_port_t)envnum("SJ_HOSTUDP")));
	/* A zero destination is the jail's own address. */
	check("zero-tcp", tcpto(&host));
	if ((s = socket(AF_INET, SOCK_DGRAM, 0)) != -1) {
		check("zero-udp", sendto(s, "z", 1, 0,
		    (struct sockaddr *)&hudp, sizeof(hudp)) == 1 ? 0 : -1);
		/* IP_PKTINFO chooses 127.0.0.1, and the zero destination
		 * would follow it to the host's service. */
		check("pktinfo-zero", pktinfo(s, &hudp, "127.0.0.1"));
		memset(&mh, 0, sizeof(mh));
		iov.iov_base = "m";
		iov.iov_len = 1;
		mh.msg_iov = &iov;
		mh.msg_iovlen = 1;
		mh.msg_name = &hudp;
		mh.msg_namelen = sizeof(hudp);
		memset(&mm, 0, sizeof(mm));
		mm.msg_hdr = mh;
		check("zero-sendmmsg", sendmmsg(s, &mm, 1, 0) == 1 ? 0 : -1);
		close(s);
	}

	/* IP_PKTINFO forging the source, to a receiver of our own. */
	if ((u = receiver(&port)) != -1 &&
	    (s = socket(AF_INET, SOCK_DGRAM, 0)) != -1) {
		sin4(&to, "127.0.0.1", port);
		check("pktinfo-send", pktinfo(s, &to, envstr("SJ_HOSTADDR")));
		usleep(10000);
		source("pktinfo-source", u);
		/* connected, then sent with the control message */
		if (connect(s, (struct sockaddr *)&to, sizeof(to)) == 0 &&
		    pktinfo(s, NULL, envstr("SJ_HOSTADDR")) == 0) {
			usleep(10000);
			source("pktinfo-connected", u);
		} else
			check("pktinfo-connected", -1);
		close(s);
		close(u);
	}

	/* An unbound UDP socket, after its first datagram. */
	if ((u = receiver(&port)) != -1 &&
	    (s = socket(AF_INET, SOCK_DGRAM | SOCK_NONBLOCK, 0)) != -1) {
		sin4(&to, "127.0.0.1", port);
		len = sizeof(me);
		if (sendto(s, "a", 1, 0, (struct sockaddr *)&to,
		    sizeof(to)) != 1 ||
		    getsockname(s, (struct sockaddr *)&me, &len) == -1)
			check("autobind", -1);
		else
			say("autobind", class4(me.sin_addr));
		/* Reached through another host address? */
		sin4(&to, envstr("SJ_HOSTADDR"), me.sin_port);
		(void)sendto(u, "b", 1, 0, (struct sockaddr *)&to, sizeof(to));
		usleep(10000);
		check("autobind-elsewhere", recv(s, &b, 1, 0) == 1 ? 0 : -1);
		close(s);
		close(u);
	}

	/* listen(2) on a socket never bound. */
	if ((l = socket(AF_INET, SOCK_STREAM, 0)) != -1 &&
	    listen(l, 4) == 0) {
		len = sizeof(me);
		getsockname(l, (struct sockaddr *)&me, &len);
		say("listen-unbound", class4(me.sin_addr));
		sin4(&to, envstr("SJ_HOSTADDR"), me.sin_port);
		check("listen-elsewhere", tcpto(&to));
	} else
		check("listen-unbound", -1);
	if (l != -1)
		close(l);

	/* The options that choose a source or an interface. */
	if ((s = socket(AF_INET, SOCK_DGRAM, 0)) != -1) {
		check("freebind", setsockopt(s, IPPROTO_IP, IP_FREEBIND, &one,
		    sizeof(one)));
		check("transparent", setsockopt(s, IPPROTO_IP,
		    IP_TRANSPARENT, &one, sizeof(one)));
		check("bindtodevice", setsockopt(s, SOL_SOCKET,
		    SO_BINDTODEVICE, "lo", 3));
		check("reuseport", setsockopt(s, SOL_SOCKET, SO_REUSEPORT,
		    &one, sizeof(one)));
		close(s);
	}
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
	holes();
	return 0;
}
