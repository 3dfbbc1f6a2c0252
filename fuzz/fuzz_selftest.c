/*
 * fuzz_selftest.c: shows that the fuzzing finds what it should.  Built
 * with -DFUZZ_PLANT it has a planted heap overflow behind the input "BUG",
 * which atf/fuzz_test requires libFuzzer and ASan to report; without it,
 * it is harmless.
 */
#include "fuzz.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char	*p;

	if ((p = malloc(4)) == NULL)
		abort();
	memset(p, 0, 4);
	if (size >= 3 && data[0] == 'B' && data[1] == 'U' && data[2] == 'G') {
#ifdef FUZZ_PLANT
		p[4] = 1;	/* the planted bug: one byte past the end */
#endif
	}
	free(p);
	return 0;
}
