/*
 * sendrace: the CVE-2007-4305 attack against connect(2), sendto(2) and
 * sendmsg(2)'s msg_name.  A sibling thread flips the destination between
 * the jail's own receiver (on J) and a service of the host's on 127.0.0.1
 * while the main thread sends datagrams in a loop.  The jail's rules run
 * in the kernel on the kernel's own copy of the address, so no datagram
 * can reach the host's service; bare, half of them do.  The harness counts
 * what the host's service received (host-datagrams).
 */
#include <sys/socket.h>

#include <arpa/inet.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "fixture.h"

#define ROUNDS	100000

static struct sockaddr_in	 to;
static atomic_int		 stop;
static struct in_addr		 jail, lo;
static in_port_t		 jport, hport;

static void *
flipper(void *arg)
{
	volatile struct sockaddr_in	*a = &to;

	(void)arg;
	while (!atomic_load(&stop)) {
		a->sin_addr.s_addr = jail.s_addr;
		a->sin_port = jport;
		a->sin_addr.s_addr = lo.s_addr;
		a->sin_port = hport;
	}
	return NULL;
}

int
main(int argc, char *argv[])
{
	struct sockaddr_in	 me;
	struct msghdr		 mh;
	struct iovec		 iov;
	pthread_t		 t;
	socklen_t		 len = sizeof(me);
	long			 rounds = argc > 1 ? atol(argv[1]) : ROUNDS, i;
	long			 got = 0;
	char			 c = 'x', buf[16];
	int			 r, s;

	inet_pton(AF_INET, envstr("SJ_JAILADDR"), &jail);
	inet_pton(AF_INET, "127.0.0.1", &lo);
	hport = htons((in_port_t)envnum("SJ_HOSTUDP"));
	/* The jail's own receiver, on J. */
	memset(&me, 0, sizeof(me));
	me.sin_family = AF_INET;
	me.sin_addr = jail;
	if ((r = socket(AF_INET, SOCK_DGRAM | SOCK_NONBLOCK, 0)) == -1 ||
	    bind(r, (struct sockaddr *)&me, sizeof(me)) == -1 ||
	    getsockname(r, (struct sockaddr *)&me, &len) == -1) {
		check("receiver", -1);
		return 0;
	}
	jport = me.sin_port;
	to.sin_family = AF_INET;
	to.sin_addr = jail;
	to.sin_port = jport;
	if ((s = socket(AF_INET, SOCK_DGRAM, 0)) == -1) {
		check("sender", -1);
		return 0;
	}
	pthread_create(&t, NULL, flipper, NULL);
	for (i = 0; i < rounds; i++)
		(void)sendto(s, &c, 1, 0, (struct sockaddr *)&to, sizeof(to));
	memset(&mh, 0, sizeof(mh));
	iov.iov_base = &c;
	iov.iov_len = 1;
	mh.msg_iov = &iov;
	mh.msg_iovlen = 1;
	mh.msg_name = &to;
	mh.msg_namelen = sizeof(to);
	for (i = 0; i < rounds; i++)
		(void)sendmsg(s, &mh, 0);
	for (i = 0; i < rounds; i++)
		if (connect(s, (struct sockaddr *)&to, sizeof(to)) == 0)
			(void)send(s, &c, 1, 0);
	atomic_store(&stop, 1);
	pthread_join(t, NULL);
	while (recv(r, buf, sizeof(buf), 0) > 0)
		got++;
	say("own-received", got > 0 ? "yes" : "no");
	return 0;
}
