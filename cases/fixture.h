/*
 * fixture.h: what every case fixture shares.  A fixture is a small static
 * program named after the system call it checks, built for every ABI from
 * one source.  It prints one line per check, "check token", where token is
 * OK, an errno name (ESRCH), or a word the catalogue names; sjtest(1)
 * compares those lines with the catalogue's expectation for the mode it ran
 * the fixture in.  Fixtures never link atf (there is no 32-bit atf-c).
 *
 * The harness passes its context in the environment:
 *	SJ_OUTSIDE	pid of a process outside the jail (its own group leader)
 *	SJ_JAILADDR	the jail's IPv4 address, J
 *	SJ_HOSTADDR	an IPv4 address of the host that is not J (may be empty)
 *	SJ_HOSTNAME	the jail's hostname
 *	SJ_HOSTPORT	a TCP service of the host's on 127.0.0.1
 *	SJ_JAILADDR6	the jail's IPv6 address, J6, for fixtures named *6
 *	SJ_HOSTADDR6	an IPv6 address of the host that is not J6
 *	SJ_HOST6PORT	a TCP service of the host's on ::1
 *	SJTEST_WITHOUT	capabilities to treat as missing on this host, e.g.
 *			"ia32" (see sjtest(1))
 *
 * A check that needs something the host may lack prints "check SKIP why",
 * the rest of the line saying what is missing; sjtest(1) then reports the
 * row as skipped with that reason, never as failed.
 */
#ifndef FIXTURE_H
#define FIXTURE_H

#include <netinet/in.h>

void		 check(const char *, int);	/* OK, or errno's name */
void		 say(const char *, const char *);
void		 skip(const char *, const char *);
int		 without(const char *);
const char	*errname(int);
long		 envnum(const char *);
const char	*envstr(const char *);
const char	*class4(struct in_addr);
const char	*class6(const struct in6_addr *);
pid_t		 xgettid(void);

#endif
