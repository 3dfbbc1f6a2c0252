/*
 * socketcall: bind through the i386 socketcall(2) multiplexer, whose
 * arguments live in memory (SPEC sections 3 and 6): each sub-call gets the
 * answer of its direct system call.  Reached with int $0x80 from the x86_64
 * build, natively from the i386 one.
 */
#include <sys/socket.h>

#include <arpa/inet.h>
#include <linux/net.h>
#include <string.h>
#include <unistd.h>

#include "fixture.h"
#include "int80.h"

static struct sockaddr_in	 sin;	/* static: below 4 GiB */
static unsigned int		 args[3];

static void
bindcall(const char *name, const char *addr)
{
	socklen_t	 len = sizeof(sin);
	int		 s;

	if (*addr == '\0') {
		skip(name, "the host has no address but the jail's");
		return;
	}
	if (!int80ok(name))
		return;
	if ((s = socket(AF_INET, SOCK_DGRAM, 0)) == -1) {
		check(name, -1);
		return;
	}
	memset(&sin, 0, sizeof(sin));
	sin.sin_family = AF_INET;
	inet_pton(AF_INET, addr, &sin.sin_addr);
	args[0] = (unsigned int)s;
	args[1] = (unsigned int)(unsigned long)&sin;
	args[2] = sizeof(sin);
	if (INT80(nr32_socketcall, SYS_BIND, args, 0) == -1 ||
	    getsockname(s, (struct sockaddr *)&sin, &len) == -1)
		check(name, -1);
	else
		say(name, class4(sin.sin_addr));
	close(s);
}

/*
 * SYS_LISTEN on a TCP socket never bound: where does it listen?  Jailed,
 * getsockname() shows J whatever the kernel did, so the listener is also
 * tried through another host address: it must not accept there.
 */
static void
listencall(void)
{
	struct sockaddr_in	 to;
	socklen_t		 len = sizeof(sin);
	int			 s, t, r;

	if (!int80ok("listen")) {
		skip("listen-elsewhere", INT80_MISSING);
		return;
	}
	if ((s = socket(AF_INET, SOCK_STREAM, 0)) == -1) {
		check("listen", -1);
		return;
	}
	args[0] = (unsigned int)s;
	args[1] = 1;
	memset(&sin, 0, sizeof(sin));
	if (INT80(nr32_socketcall, SYS_LISTEN, args, 0) == -1 ||
	    getsockname(s, (struct sockaddr *)&sin, &len) == -1)
		check("listen", -1);
	else {
		say("listen", class4(sin.sin_addr));
		memset(&to, 0, sizeof(to));
		to.sin_family = AF_INET;
		to.sin_port = sin.sin_port;
		if (inet_pton(AF_INET, envstr("SJ_HOSTADDR"), &to.sin_addr) !=
		    1)
			skip("listen-elsewhere", "the host has no address "
			    "but the jail's");
		else if ((t = socket(AF_INET, SOCK_STREAM, 0)) == -1)
			check("listen-elsewhere", -1);
		else {
			r = connect(t, (struct sockaddr *)&to, sizeof(to));
			check("listen-elsewhere", r);
			close(t);
		}
	}
	close(s);
}

int
main(void)
{
	bindcall("any", "0.0.0.0");
	bindcall("loopback", "127.0.0.1");
	bindcall("elsewhere", envstr("SJ_HOSTADDR"));
	/* A bad argument block: the kernel's EFAULT, jailed or not. */
	CHECK80("efault", INT80(nr32_socketcall, SYS_BIND, 16, 0));
	listencall();
	return 0;
}
