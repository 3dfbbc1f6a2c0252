/*
 * fuzz_bind_policy.c: bind(2)'s address, as a jailed process passes it
 * (h_net.c: sj_bind_policy(), after dobind()'s length check).
 *
 * Input: the jail's addresses (a count, then a family byte and 16 bytes
 * each), the socket's domain, the length register, then the sockaddr
 * bytes.  Properties: the answer is 0, EADDRNOTAVAIL or EAFNOSUPPORT; an
 * accepted address of the socket's family is one of the jail's (or, for
 * IPv6 without an IPv6 address, the jail's IPv4 address mapped); the
 * wildcard and loopback become the jail's first address; nothing beyond
 * the length is touched; the port is never changed; the same input gives
 * the same answer.
 */
#include <sys/socket.h>

#include <arpa/inet.h>
#include <errno.h>

#include "sysjail_priv.h"
#include "fuzz.h"

static const struct sj_addr *
first(const struct sysjail *sj, int family)
{
	int	 i;

	for (i = 0; i < sj->naddrs; i++)
		if (sj->addrs[i].family == family)
			return &sj->addrs[i];
	return NULL;
}

static int
has(const struct sysjail *sj, int family, const void *a)
{
	int	 i;

	for (i = 0; i < sj->naddrs; i++)
		if (sj->addrs[i].family == family && memcmp(&sj->addrs[i].v6,
		    a, family == AF_INET ? 4 : 16) == 0)
			return 1;
	return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct fuzz_in		 in = { data, size };
	struct sysjail		 sj;
	struct sockaddr_storage	 ss, orig, again;
	struct sockaddr_in	*sin = (struct sockaddr_in *)&ss;
	struct sockaddr_in6	*sin6 = (struct sockaddr_in6 *)&ss;
	const struct sj_addr	*j;
	struct in_addr		 a4;
	int			 i, n, domain, e, e2;
	int64_t			 ulen;

	memset(&sj, 0, sizeof(sj));
	n = fuzz_u8(&in) % (SJ_MAXADDR + 1);
	for (i = 0; i < n; i++) {
		sj.addrs[i].family = fuzz_u8(&in) & 1 ? AF_INET6 : AF_INET;
		fuzz_bytes(&in, &sj.addrs[i].v6, 16);
		if (sj.addrs[i].family == AF_INET)
			memset((char *)&sj.addrs[i].v6 + 4, 0, 12);
		/* What sysjail_add_addr() refuses is no jail's address. */
		if (sj.addrs[i].family == AF_INET ?
		    sj.addrs[i].v4.s_addr == htonl(INADDR_ANY) ||
		    sj.addrs[i].v4.s_addr == htonl(INADDR_BROADCAST) :
		    IN6_IS_ADDR_UNSPECIFIED(&sj.addrs[i].v6) ||
		    IN6_IS_ADDR_V4MAPPED(&sj.addrs[i].v6))
			return 0;
	}
	sj.naddrs = n;
	switch (fuzz_u8(&in) % 4) {
	case 0:
		domain = AF_INET;
		break;
	case 1:
		domain = AF_INET6;
		break;
	case 2:
		domain = AF_UNIX;
		break;
	default:
		domain = (int)fuzz_u32(&in);
	}
	/* dobind(): the length register, then a copy of that many bytes. */
	ulen = (int32_t)fuzz_u32(&in);
	if (ulen < 0 || ulen > (int64_t)sizeof(ss))
		ulen = in.n < sizeof(ss) ? (int64_t)in.n : (int64_t)sizeof(ss);
	memset(&ss, 0, sizeof(ss));
	fuzz_bytes(&in, &ss, (size_t)ulen);
	orig = ss;

	e = sj_bind_policy(&sj, domain, &ss, (socklen_t)ulen);
	FUZZ_CHECK(e == 0 || e == EADDRNOTAVAIL || e == EAFNOSUPPORT);
	if (domain != AF_INET && domain != AF_INET6) {
		FUZZ_CHECK(e == EAFNOSUPPORT);
		FUZZ_CHECK(memcmp(&ss, &orig, sizeof(ss)) == 0);
		return 0;
	}
	FUZZ_CHECK(e != EAFNOSUPPORT);
	/* Only the family (AF_UNSPEC to AF_INET) and the address change. */
	FUZZ_CHECK(memcmp((char *)&ss + ulen, (char *)&orig + ulen,
	    sizeof(ss) - (size_t)ulen) == 0);
	if (e != 0)
		goto again;
	if (domain == AF_INET && ulen >= (int64_t)sizeof(*sin) &&
	    sin->sin_family == AF_INET) {
		FUZZ_CHECK(sin->sin_port ==
		    ((struct sockaddr_in *)&orig)->sin_port);
		FUZZ_CHECK(has(&sj, AF_INET, &sin->sin_addr));
		a4 = ((struct sockaddr_in *)&orig)->sin_addr;
		if (!has(&sj, AF_INET, &a4)) {
			j = first(&sj, AF_INET);
			FUZZ_CHECK(j != NULL &&
			    sin->sin_addr.s_addr == j->v4.s_addr);
			FUZZ_CHECK(a4.s_addr == htonl(INADDR_ANY) ||
			    (ntohl(a4.s_addr) >> 24) == IN_LOOPBACKNET);
		} else
			FUZZ_CHECK(sin->sin_addr.s_addr == a4.s_addr);
	} else if (domain == AF_INET && ulen >= (int64_t)sizeof(*sin))
		FUZZ_CHECK(memcmp(&ss, &orig, sizeof(ss)) == 0);
	if (domain == AF_INET6 && ulen >= 24 &&
	    sin6->sin6_family == AF_INET6) {
		FUZZ_CHECK(sin6->sin6_port ==
		    ((struct sockaddr_in6 *)&orig)->sin6_port);
		FUZZ_CHECK(sin6->sin6_scope_id ==
		    ((struct sockaddr_in6 *)&orig)->sin6_scope_id ||
		    ulen < (int64_t)sizeof(*sin6));
		if (IN6_IS_ADDR_V4MAPPED(&sin6->sin6_addr))
			FUZZ_CHECK(has(&sj, AF_INET,
			    &sin6->sin6_addr.s6_addr[12]));
		else
			FUZZ_CHECK(has(&sj, AF_INET6, &sin6->sin6_addr));
	}
again:
	/* Deterministic, and the rewritten address stands as it is. */
	again = orig;
	e2 = sj_bind_policy(&sj, domain, &again, (socklen_t)ulen);
	FUZZ_CHECK(e2 == e && memcmp(&again, &ss, sizeof(ss)) == 0);
	if (e == 0) {
		again = ss;
		FUZZ_CHECK(sj_bind_policy(&sj, domain, &again,
		    (socklen_t)ulen) == 0);
		FUZZ_CHECK(memcmp(&again, &ss, sizeof(ss)) == 0);
	}
	return 0;
}
