/*
 * sjbind: bind a TCP socket to ADDR (port 0) and say where it landed.  A
 * static program for the demonstration root: jailed, 0.0.0.0 and 127.0.0.1
 * land on the jail's address and other addresses do not exist.
 */
#include <sys/socket.h>

#include <arpa/inet.h>
#include <err.h>
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

int
main(int argc, char *argv[])
{
	struct sockaddr_in	 sin;
	socklen_t		 len = sizeof(sin);
	char			 got[INET_ADDRSTRLEN];
	int			 i, s;

	if (argc < 2) {
		fprintf(stderr, "usage: sjbind address ...\n");
		return 1;
	}
	for (i = 1; i < argc; i++) {
		memset(&sin, 0, sizeof(sin));
		sin.sin_family = AF_INET;
		if (inet_pton(AF_INET, argv[i], &sin.sin_addr) != 1)
			errx(1, "%s: not an IPv4 address", argv[i]);
		if ((s = socket(AF_INET, SOCK_STREAM, 0)) == -1)
			err(1, "socket");
		if (bind(s, (struct sockaddr *)&sin, sizeof(sin)) == -1) {
			printf("bind(%s) failed: %s\n", argv[i],
			    strerrorname_np(errno));
		} else {
			getsockname(s, (struct sockaddr *)&sin, &len);
			inet_ntop(AF_INET, &sin.sin_addr, got, sizeof(got));
			printf("bind(%s) -> bound to %s:%d\n", argv[i], got,
			    ntohs(sin.sin_port));
		}
		close(s);
	}
	return 0;
}
