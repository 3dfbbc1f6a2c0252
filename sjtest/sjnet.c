/*
 * sjnet: a small network probe for the tests of IPv6 jails, which sjtest's
 * IPv4 fixtures do not cover.  Each form prints one line.
 *
 *	sjnet bind ADDR			bound to ADDR' (or: failed ERRNO)
 *	sjnet listen ADDR FILE		writes the port to FILE, accepts one
 *					connection: peer ADDR'
 *	sjnet connect ADDR PORT		connected from SRC to DST
 *	sjnet udp ADDR PORT		a datagram from an unbound socket:
 *					sent (or: failed ERRNO)
 *	sjnet recv ADDR FILE		writes the port to FILE, receives one
 *					datagram: from SRC
 *	sjnet ping ADDR			an ICMP echo on a raw socket: reply
 *					from SRC, no reply, or failed ERRNO
 *	sjnet spoof SRC DST		an ICMP echo with a header of its own
 *					(IPPROTO_RAW) from SRC: sent
 *
 * ADDR is numeric, IPv4 or IPv6 (IPv4-mapped too); a TCP service's peer
 * and a datagram's source are what the kernel reports.
 */
#include <sys/socket.h>

#include <arpa/inet.h>
#include <err.h>
#include <errno.h>
#include <netinet/in.h>
#include <netinet/ip.h>
#include <netinet/ip_icmp.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static socklen_t
parse(const char *s, int port, struct sockaddr_storage *ss)
{
	struct sockaddr_in	*sin = (struct sockaddr_in *)ss;
	struct sockaddr_in6	*sin6 = (struct sockaddr_in6 *)ss;

	memset(ss, 0, sizeof(*ss));
	if (inet_pton(AF_INET, s, &sin->sin_addr) == 1) {
		sin->sin_family = AF_INET;
		sin->sin_port = htons((uint16_t)port);
		return sizeof(*sin);
	}
	if (inet_pton(AF_INET6, s, &sin6->sin6_addr) == 1) {
		sin6->sin6_family = AF_INET6;
		sin6->sin6_port = htons((uint16_t)port);
		return sizeof(*sin6);
	}
	errx(2, "%s: not a numeric address", s);
}

static const char *
show(const struct sockaddr_storage *ss)
{
	static char	 buf[INET6_ADDRSTRLEN];

	if (ss->ss_family == AF_INET)
		return inet_ntop(AF_INET, &((const struct sockaddr_in *)ss)->
		    sin_addr, buf, sizeof(buf));
	return inet_ntop(AF_INET6, &((const struct sockaddr_in6 *)ss)->
	    sin6_addr, buf, sizeof(buf));
}

static int
port(const struct sockaddr_storage *ss)
{
	if (ss->ss_family == AF_INET)
		return ntohs(((const struct sockaddr_in *)ss)->sin_port);
	return ntohs(((const struct sockaddr_in6 *)ss)->sin6_port);
}

static void
failed(void)
{
	printf("failed %s\n", strerrorname_np(errno));
	exit(0);
}

/* Binds a socket of type to ADDR, port 0; the port goes to file. */
static int
bound(const char *addr, int type, const char *file)
{
	struct sockaddr_storage	 ss;
	socklen_t		 len = parse(addr, 0, &ss);
	FILE			*f;
	int			 s;

	if ((s = socket(ss.ss_family, type, 0)) == -1 ||
	    bind(s, (struct sockaddr *)&ss, len) == -1)
		failed();
	len = sizeof(ss);
	if (getsockname(s, (struct sockaddr *)&ss, &len) == -1)
		failed();
	if (file != NULL) {
		if ((f = fopen(file, "w")) == NULL)
			err(2, "%s", file);
		fprintf(f, "%d\n", port(&ss));
		fclose(f);
	} else
		printf("bound to %s\n", show(&ss));
	return s;
}

static uint16_t
cksum(const void *p, size_t n)
{
	const uint16_t	*w = p;
	uint32_t	 sum = 0;

	for (; n > 1; n -= 2)
		sum += *w++;
	if (n)
		sum += *(const uint8_t *)w;
	while (sum >> 16)
		sum = (sum & 0xffff) + (sum >> 16);
	return (uint16_t)~sum;
}

/* ICMP echo through a raw socket; waits a second for the reply. */
static void
ping(const char *addr)
{
	struct sockaddr_in	 to, from;
	struct icmphdr		 h;
	struct pollfd		 pfd;
	socklen_t		 len;
	unsigned char		 buf[1500];
	struct iphdr		*ip = (struct iphdr *)buf;
	struct icmphdr		*r;
	ssize_t			 n;
	int			 s;

	memset(&to, 0, sizeof(to));
	to.sin_family = AF_INET;
	if (inet_pton(AF_INET, addr, &to.sin_addr) != 1)
		errx(2, "%s: not an IPv4 address", addr);
	if ((s = socket(AF_INET, SOCK_RAW, IPPROTO_ICMP)) == -1)
		failed();
	memset(&h, 0, sizeof(h));
	h.type = ICMP_ECHO;
	h.un.echo.id = htons((uint16_t)getpid());
	h.un.echo.sequence = htons(1);
	h.checksum = cksum(&h, sizeof(h));
	if (sendto(s, &h, sizeof(h), 0, (struct sockaddr *)&to,
	    sizeof(to)) == -1)
		failed();
	pfd.fd = s;
	pfd.events = POLLIN;
	while (poll(&pfd, 1, 1000) == 1) {
		len = sizeof(from);
		if ((n = recvfrom(s, buf, sizeof(buf), 0,
		    (struct sockaddr *)&from, &len)) < (ssize_t)sizeof(*ip))
			continue;
		r = (struct icmphdr *)(buf + ip->ihl * 4);
		if (n < ip->ihl * 4 + (ssize_t)sizeof(*r) ||
		    r->type != ICMP_ECHOREPLY || r->un.echo.id != h.un.echo.id)
			continue;
		printf("reply from %s\n", inet_ntoa(from.sin_addr));
		return;
	}
	printf("no reply\n");
}

/* An ICMP echo in a header of our own, from src to dst. */
static void
spoof(const char *src, const char *dst)
{
	struct {
		struct iphdr	 ip;
		struct icmphdr	 icmp;
	}			 pk;
	struct sockaddr_in	 to;
	int			 s;

	memset(&pk, 0, sizeof(pk));
	memset(&to, 0, sizeof(to));
	to.sin_family = AF_INET;
	if (inet_pton(AF_INET, src, &pk.ip.saddr) != 1 ||
	    inet_pton(AF_INET, dst, &pk.ip.daddr) != 1)
		errx(2, "not IPv4 addresses");
	to.sin_addr.s_addr = pk.ip.daddr;
	pk.ip.version = 4;
	pk.ip.ihl = 5;
	pk.ip.ttl = 64;
	pk.ip.protocol = IPPROTO_ICMP;
	pk.ip.tot_len = htons(sizeof(pk));
	pk.icmp.type = ICMP_ECHO;
	pk.icmp.un.echo.id = htons((uint16_t)getpid());
	pk.icmp.checksum = cksum(&pk.icmp, sizeof(pk.icmp));
	if ((s = socket(AF_INET, SOCK_RAW, IPPROTO_RAW)) == -1)
		failed();
	if (sendto(s, &pk, sizeof(pk), 0, (struct sockaddr *)&to,
	    sizeof(to)) == -1)
		failed();
	printf("sent\n");
}

int
main(int argc, char *argv[])
{
	struct sockaddr_storage	 ss, me;
	socklen_t		 len, mlen = sizeof(me);
	char			 c = 'x';
	int			 s, a;

	if (argc < 3) {
		fprintf(stderr, "usage: sjnet bind|listen|connect|udp|recv|"
		    "ping|spoof address [port | file | address]\n");
		return 2;
	}
	if (strcmp(argv[1], "ping") == 0) {
		ping(argv[2]);
	} else if (strcmp(argv[1], "spoof") == 0 && argc == 4) {
		spoof(argv[2], argv[3]);
	} else if (strcmp(argv[1], "bind") == 0) {
		close(bound(argv[2], SOCK_STREAM, NULL));
	} else if (strcmp(argv[1], "listen") == 0 && argc == 4) {
		s = bound(argv[2], SOCK_STREAM, argv[3]);
		if (listen(s, 1) == -1)
			failed();
		len = sizeof(ss);
		if ((a = accept(s, (struct sockaddr *)&ss, &len)) == -1)
			failed();
		printf("peer %s\n", show(&ss));
	} else if (strcmp(argv[1], "recv") == 0 && argc == 4) {
		s = bound(argv[2], SOCK_DGRAM, argv[3]);
		len = sizeof(ss);
		if (recvfrom(s, &c, 1, 0, (struct sockaddr *)&ss, &len) == -1)
			failed();
		printf("from %s\n", show(&ss));
	} else if ((strcmp(argv[1], "connect") == 0 ||
	    strcmp(argv[1], "udp") == 0) && argc == 4) {
		len = parse(argv[2], atoi(argv[3]), &ss);
		if ((s = socket(ss.ss_family, argv[1][0] == 'c' ? SOCK_STREAM :
		    SOCK_DGRAM, 0)) == -1)
			failed();
		if (argv[1][0] == 'u') {
			if (sendto(s, &c, 1, 0, (struct sockaddr *)&ss, len) ==
			    -1)
				failed();
			printf("sent\n");
			return 0;
		}
		if (connect(s, (struct sockaddr *)&ss, len) == -1)
			failed();
		if (getsockname(s, (struct sockaddr *)&me, &mlen) == -1)
			failed();
		printf("connected from %s", show(&me));
		len = sizeof(ss);
		getpeername(s, (struct sockaddr *)&ss, &len);
		printf(" to %s\n", show(&ss));
	} else {
		fprintf(stderr, "sjnet: %s: unknown form\n", argv[1]);
		return 2;
	}
	return 0;
}
