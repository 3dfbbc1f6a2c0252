/*
 * fuzz_socketcall.c: the i386 socketcall(2) argument block, as a jailed
 * process passes it (h_net.c: sj_socketcall_nargs(), sj_socketcall_decode()).
 *
 * Input: the call number register, then the block.  Properties: only
 * SYS_LISTEN (2 words), SYS_SOCKET, SYS_BIND (3) and SYS_SOCKETPAIR (4)
 * are decoded; a
 * short block is refused; int arguments are the words sign-extended,
 * bind's address and socketpair's array zero-extended (an i386 pointer
 * never reaches above 4 GiB), unused arguments are 0; encoding the
 * arguments again gives the block back.
 */
#include <sys/socket.h>

#include "sysjail_priv.h"
#include "fuzz.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct fuzz_in	 in = { data, size };
	uint64_t	 out[6];
	uint32_t	 w[4];
	size_t		 want, i;
	int		 call, n;

	call = (int32_t)fuzz_u32(&in);
	want = sj_socketcall_nargs(call);
	memset(out, 0xa5, sizeof(out));
	n = sj_socketcall_decode(call, in.p, in.n, out);
	if (call == SYS_LISTEN)
		FUZZ_CHECK(want == 2);
	else if (call == SYS_SOCKET || call == SYS_BIND)
		FUZZ_CHECK(want == 3);
	else if (call == SYS_SOCKETPAIR)
		FUZZ_CHECK(want == 4);
	else
		FUZZ_CHECK(want == 0);
	if (want == 0 || in.n < want * 4) {
		FUZZ_CHECK(n == -1);
		return 0;
	}
	FUZZ_CHECK(n == (int)want);
	memcpy(w, in.p, want * 4);
	for (i = 0; i < want; i++) {
		if ((call == SYS_BIND && i == 1) ||
		    (call == SYS_SOCKETPAIR && i == 3))
			FUZZ_CHECK(out[i] == w[i]);
		else
			FUZZ_CHECK((int64_t)out[i] == (int32_t)w[i]);
		FUZZ_CHECK((uint32_t)out[i] == w[i]);
	}
	for (; i < 6; i++)
		FUZZ_CHECK(out[i] == 0);
	return 0;
}
