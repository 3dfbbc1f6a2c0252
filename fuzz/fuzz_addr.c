/*
 * fuzz_addr.c: the operands that configure a jail (handle.c:
 * sysjail_add_addr(), sysjail_set_hostname()), as jail(1) and sysjail(1)
 * pass them from the command line.
 *
 * Input: NUL-separated strings, each an address (or, after a byte
 * 'h', a hostname).  Properties: an address is accepted iff inet_pton(3)
 * takes it and it is new; at most SJ_MAXADDR are kept, all distinct; what
 * is kept is what inet_pton gave; the wildcard and broadcast addresses
 * (which would make bind(2) of the wildcard host-wide) are refused, as
 * FreeBSD's jail(2) refuses them; a hostname is accepted iff it has at
 * most 64 bytes, and then kept as given; a refusal leaves a message.
 * Then the jail's first address is what bind(2) of the wildcard becomes.
 */
#include <sys/socket.h>

#include <arpa/inet.h>
#include <errno.h>

#include "sysjail_priv.h"
#include "fuzz.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct fuzz_in		 in = { data, size };
	struct sysjail		*sj;
	struct sockaddr_storage	 ss;
	struct sockaddr_in	*sin = (struct sockaddr_in *)&ss;
	unsigned char		 want[16];
	char			*s;
	int			 fam, before, r, i, k, dup;

	if ((sj = sysjail_create()) == NULL)
		abort();
	while (in.n > 0) {
		if (in.p[0] == 'h') {
			in.p++;
			in.n--;
			s = fuzz_str(&in);
			r = sysjail_set_hostname(sj, s);
			if (strlen(s) > 64)
				FUZZ_CHECK(r == -1 && errno == EINVAL &&
				    sj->errmsg[0] != '\0');
			else
				FUZZ_CHECK(r == 0 &&
				    strcmp(sj->hostname, s) == 0);
			free(s);
			continue;
		}
		s = fuzz_str(&in);
		before = sj->naddrs;
		memset(want, 0, sizeof(want));
		if (inet_pton(AF_INET, s, want) == 1)
			fam = AF_INET;
		else if (inet_pton(AF_INET6, s, want) == 1)
			fam = AF_INET6;
		else
			fam = 0;
		for (dup = 0, i = 0; fam != 0 && i < before; i++)
			if (sj->addrs[i].family == fam && memcmp(&sj->addrs[i].v6,
			    want, fam == AF_INET ? 4 : 16) == 0)
				dup = 1;
		sj->errmsg[0] = '\0';
		r = sysjail_add_addr(sj, s);
		if (fam == 0 || (fam == AF_INET && (memcmp(want,
		    "\0\0\0\0", 4) == 0 || memcmp(want, "\377\377\377\377",
		    4) == 0)) || (fam == AF_INET6 && (memcmp(want,
		    "\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0", 16) == 0 ||
		    memcmp(want, "\0\0\0\0\0\0\0\0\0\0\377\377", 12) == 0)))
			FUZZ_CHECK(r == -1 && errno == EINVAL);
		else if (dup)
			FUZZ_CHECK(r == -1 && errno == EEXIST);
		else if (before == SJ_MAXADDR)
			FUZZ_CHECK(r == -1 && errno == ENOSPC);
		else {
			FUZZ_CHECK(r == 0 && sj->naddrs == before + 1);
			FUZZ_CHECK(sj->addrs[before].family == fam &&
			    memcmp(&sj->addrs[before].v6, want,
			    fam == AF_INET ? 4 : 16) == 0);
		}
		if (r == -1)
			FUZZ_CHECK(sj->naddrs == before &&
			    sj->errmsg[0] != '\0');
		free(s);
	}
	FUZZ_CHECK(sj->naddrs >= 0 && sj->naddrs <= SJ_MAXADDR);
	for (i = 0; i < sj->naddrs; i++)
		for (k = i + 1; k < sj->naddrs; k++)
			FUZZ_CHECK(sj->addrs[i].family != sj->addrs[k].family ||
			    memcmp(&sj->addrs[i].v6, &sj->addrs[k].v6,
			    sj->addrs[i].family == AF_INET ? 4 : 16) != 0);
	/* bind(2) to 0.0.0.0 means the first IPv4 address given. */
	memset(&ss, 0, sizeof(ss));
	sin->sin_family = AF_INET;
	r = sj_bind_policy(sj, AF_INET, &ss, sizeof(*sin));
	for (i = 0; i < sj->naddrs && sj->addrs[i].family != AF_INET; i++)
		continue;
	if (i == sj->naddrs)
		FUZZ_CHECK(r == EADDRNOTAVAIL);
	else
		FUZZ_CHECK(r == 0 &&
		    sin->sin_addr.s_addr == sj->addrs[i].v4.s_addr);
	sysjail_free(sj);
	return 0;
}
