/*
 * fuzz_capget.c: capget(2)'s header, as a jailed process passes it (h_process.c:
 * sj_capget_words()).
 *
 * Input: the header (version, pid).  Properties: the three versions the
 * kernel knows give 1 or 2 data structures, every other version 0 (the
 * handler then writes the preferred version back and never reads a pid);
 * the size never exceeds the two structures the handler has room for.
 */
#include <linux/capability.h>

#include "sysjail_priv.h"
#include "fuzz.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct __user_cap_header_struct	 h;
	size_t				 n;

	if (size < sizeof(h))
		return 0;
	memcpy(&h, data, sizeof(h));
	n = sj_capget_words(h.version);
	switch (h.version) {
	case _LINUX_CAPABILITY_VERSION_1:
		FUZZ_CHECK(n == 1);
		break;
	case _LINUX_CAPABILITY_VERSION_2:
	case _LINUX_CAPABILITY_VERSION_3:
		FUZZ_CHECK(n == 2);
		break;
	default:
		FUZZ_CHECK(n == 0);
	}
	FUZZ_CHECK(n * sizeof(struct __user_cap_data_struct) <=
	    2 * sizeof(struct __user_cap_data_struct));
	return 0;
}
