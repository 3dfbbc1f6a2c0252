/*
 * fuzz_siginfo.c: the siginfo of rt_sigqueueinfo(2) and
 * rt_tgsigqueueinfo(2), as a jailed process passes it, in either ABI
 * (h_signal.c: sj_siginfo_decode()).
 *
 * Input: an ABI byte, then the 128 bytes of the caller's siginfo.
 * Properties: x86_64 gets the bytes as they are; i386 gets the compat
 * layout's six 32-bit words in their fields (pid and uid at offsets 12 and
 * 16, not the native 16 and 20) and nothing else set, so a forged pid or
 * code cannot come from bytes the i386 layout does not have.
 */
#include <signal.h>

#include "sysjail_priv.h"
#include "fuzz.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	unsigned char	 raw[SJ_SIGINFO_SIZE], back[sizeof(siginfo_t)];
	siginfo_t	 si, z;
	enum sj_abi	 abi;
	int32_t		 w[6];

	if (size < 1 + sizeof(raw))
		return 0;
	abi = data[0] & 1 ? SJ_ABI_I386 : SJ_ABI_X86_64;
	memcpy(raw, data + 1, sizeof(raw));
	memset(&si, 0x5a, sizeof(si));
	sj_siginfo_decode(abi, raw, &si);
	if (abi == SJ_ABI_X86_64) {
		memcpy(back, &si, sizeof(back));
		FUZZ_CHECK(memcmp(back, raw, sizeof(raw) < sizeof(back) ?
		    sizeof(raw) : sizeof(back)) == 0);
		return 0;
	}
	memcpy(w, raw, sizeof(w));
	FUZZ_CHECK(si.si_signo == w[0] && si.si_errno == w[1] &&
	    si.si_code == w[2] && si.si_pid == w[3] &&
	    si.si_uid == (uid_t)w[4] && si.si_value.sival_int == w[5]);
	/* Nothing else: the rest is as zeroed. */
	memset(&z, 0, sizeof(z));
	z.si_signo = w[0];
	z.si_errno = w[1];
	z.si_code = w[2];
	z.si_pid = w[3];
	z.si_uid = (uid_t)w[4];
	z.si_value.sival_int = w[5];
	FUZZ_CHECK(memcmp(&z, &si, sizeof(si)) == 0);
	return 0;
}
