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
 *
 * ADDR is numeric, IPv4 or IPv6 (IPv4-mapped too); a TCP service's peer
 * and a datagram's source are what the kernel reports.
 */
#include <sys/socket.h>

#include <arpa/inet.h>
#include <err.h>
#include <errno.h>
#include <netinet/in.h>
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

int
main(int argc, char *argv[])
{
	struct sockaddr_storage	 ss, me;
	socklen_t		 len, mlen = sizeof(me);
	char			 c = 'x';
	int			 s, a;

	if (argc < 3) {
		fprintf(stderr, "usage: sjnet bind|listen|connect|udp|recv "
		    "address [port | file]\n");
		return 2;
	}
	if (strcmp(argv[1], "bind") == 0) {
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
