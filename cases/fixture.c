/*
 * fixture.c: output and context helpers for the case fixtures.
 */
#include <sys/syscall.h>

#include <arpa/inet.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "fixture.h"

/*
 * sjtest(1) probes whether the kernel runs a fixture's ABI by executing it
 * with SJ_PROBE set: the fixture must then do nothing at all.
 */
static void __attribute__((constructor))
probe(void)
{
	if (getenv("SJ_PROBE") != NULL)
		_exit(0);
}

const char *
errname(int e)
{
	static char	 buf[32];
	const char	*n = strerrorname_np(e);

	if (n != NULL)
		return n;
	snprintf(buf, sizeof(buf), "E%d", e);
	return buf;
}

/* r is a system call's result: 0 or more is OK, -1 reports errno. */
void
check(const char *name, int r)
{
	say(name, r >= 0 ? "OK" : errname(errno));
}

void
say(const char *name, const char *token)
{
	printf("%s %s\n", name, token);
	fflush(stdout);
}

/* The check cannot run on this host: why says what is missing. */
void
skip(const char *name, const char *why)
{
	printf("%s SKIP %s\n", name, why);
	fflush(stdout);
}

const char *
envstr(const char *name)
{
	const char	*v = getenv(name);

	return v ? v : "";
}

long
envnum(const char *name)
{
	const char	*v = getenv(name);

	if (v == NULL || *v == '\0') {
		fprintf(stderr, "fixture: %s is not set\n", name);
		exit(2);
	}
	return strtol(v, NULL, 10);
}

/* How an IPv4 address relates to the jail: J, any, loopback, hostaddr, other. */
const char *
class4(struct in_addr a)
{
	struct in_addr	 j, h;

	if (inet_pton(AF_INET, envstr("SJ_JAILADDR"), &j) == 1 &&
	    a.s_addr == j.s_addr)
		return "J";
	if (a.s_addr == htonl(INADDR_ANY))
		return "any";
	if ((ntohl(a.s_addr) >> 24) == 127)
		return "loopback";
	if (inet_pton(AF_INET, envstr("SJ_HOSTADDR"), &h) == 1 &&
	    a.s_addr == h.s_addr)
		return "hostaddr";
	return "other";
}

const char *
class6(const struct in6_addr *a)
{
	struct in6_addr	 j, h;
	struct in_addr	 a4;

	if (IN6_IS_ADDR_V4MAPPED(a)) {
		memcpy(&a4, &a->s6_addr[12], 4);
		return class4(a4);
	}
	if (inet_pton(AF_INET6, envstr("SJ_JAILADDR6"), &j) == 1 &&
	    IN6_ARE_ADDR_EQUAL(a, &j))
		return "J6";
	if (inet_pton(AF_INET6, envstr("SJ_HOSTADDR6"), &h) == 1 &&
	    IN6_ARE_ADDR_EQUAL(a, &h))
		return "hostaddr";
	if (IN6_IS_ADDR_UNSPECIFIED(a))
		return "any";
	if (IN6_IS_ADDR_LOOPBACK(a))
		return "loopback";
	return "other";
}

pid_t
xgettid(void)
{
	return (pid_t)syscall(SYS_gettid);
}
