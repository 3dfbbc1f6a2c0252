/*
 * bind: bind(2) of IPv4, IPv6 and AF_UNIX sockets (SPEC section 3).
 * Each check prints how the bound address relates to the jail (J, any,
 * loopback, hostaddr, other) or the errno.
 */
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>

#include <arpa/inet.h>
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "fixture.h"

#define PRIVPORT	1019	/* reserved, and unlikely to be in use */

static void
bind4(const char *name, const char *addr, int port)
{
	struct sockaddr_in	 sin;
	socklen_t		 len = sizeof(sin);
	int			 s;

	if (addr == NULL || *addr == '\0') {
		skip(name, "the host has no such address");
		return;
	}
	memset(&sin, 0, sizeof(sin));
	sin.sin_family = AF_INET;
	sin.sin_port = htons(port);
	inet_pton(AF_INET, addr, &sin.sin_addr);
	if ((s = socket(AF_INET, SOCK_STREAM, 0)) == -1) {
		check(name, -1);
		return;
	}
	if (bind(s, (struct sockaddr *)&sin, sizeof(sin)) == -1)
		check(name, -1);
	else if (getsockname(s, (struct sockaddr *)&sin, &len) == -1)
		check(name, -1);
	else
		say(name, port ? "OK" : class4(sin.sin_addr));
	close(s);
}

static void
bind6(const char *name, const char *addr)
{
	struct sockaddr_in6	 sin6;
	socklen_t		 len = sizeof(sin6);
	int			 s;

	memset(&sin6, 0, sizeof(sin6));
	sin6.sin6_family = AF_INET6;
	inet_pton(AF_INET6, addr, &sin6.sin6_addr);
	if ((s = socket(AF_INET6, SOCK_STREAM, 0)) == -1) {
		check(name, -1);
		return;
	}
	if (bind(s, (struct sockaddr *)&sin6, sizeof(sin6)) == -1 ||
	    getsockname(s, (struct sockaddr *)&sin6, &len) == -1)
		check(name, -1);
	else
		say(name, class6(&sin6.sin6_addr));
	close(s);
}

static void
bindunix(void)
{
	struct sockaddr_un	 sun;
	struct stat		 sb;
	int			 s;

	memset(&sun, 0, sizeof(sun));
	sun.sun_family = AF_UNIX;
	/* Relative to the fixture's directory: the jail's root when jailed. */
	snprintf(sun.sun_path, sizeof(sun.sun_path), "tmp/bind.%d",
	    (int)getpid());
	if ((s = socket(AF_UNIX, SOCK_STREAM, 0)) == -1 ||
	    bind(s, (struct sockaddr *)&sun, sizeof(sun)) == -1)
		check("unix", -1);
	else if (stat(sun.sun_path, &sb) == -1)
		check("unix", -1);
	else
		say("unix", !S_ISSOCK(sb.st_mode) ? "not-a-socket" :
		    sb.st_uid != geteuid() ? "wrong-owner" : "OK");
	unlink(sun.sun_path);
	close(s);

	memset(&sun, 0, sizeof(sun));
	sun.sun_family = AF_UNIX;
	snprintf(sun.sun_path + 1, sizeof(sun.sun_path) - 1, "sjtest.%d",
	    (int)getpid());
	if ((s = socket(AF_UNIX, SOCK_STREAM, 0)) == -1)
		check("unix-abstract", -1);
	else
		check("unix-abstract", bind(s, (struct sockaddr *)&sun,
		    sizeof(sa_family_t) + 1 + strlen(sun.sun_path + 1)));
	close(s);
}

int
main(void)
{
	bind4("any", "0.0.0.0", 0);
	bind4("loopback", "127.0.0.1", 0);
	bind4("loopback-net", "127.9.9.9", 0);
	bind4("jail", envstr("SJ_JAILADDR"), 0);
	bind4("elsewhere", envstr("SJ_HOSTADDR"), 0);
	bind4("privport", "0.0.0.0", PRIVPORT);
	bind6("v6any", "::");
	bind6("v6loopback", "::1");
	bindunix();
	return 0;
}
