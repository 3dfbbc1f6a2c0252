/*
 * fuzz.h: what every libFuzzer harness of fuzz/ shares.
 *
 * A harness takes the fuzzer's bytes as what a jailed process, a file or
 * an operator hands the code, and checks properties of the answer, not
 * only that nothing crashed: a property that fails is reported with
 * FUZZ_CHECK, which aborts, and libFuzzer keeps the input.
 */
#ifndef FUZZ_H
#define FUZZ_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

#define FUZZ_CHECK(cond) do {						\
	if (!(cond)) {							\
		fprintf(stderr, "%s:%d: property failed: %s\n",		\
		    __FILE__, __LINE__, #cond);				\
		abort();						\
	}								\
} while (0)

/* The fuzzer's bytes, consumed from the front. */
struct fuzz_in {
	const uint8_t	*p;
	size_t		 n;
};

static inline uint8_t
fuzz_u8(struct fuzz_in *in)
{
	uint8_t	 v = 0;

	if (in->n > 0) {
		v = *in->p++;
		in->n--;
	}
	return v;
}

static inline uint32_t
fuzz_u32(struct fuzz_in *in)
{
	uint32_t v = 0;
	int	 i;

	for (i = 0; i < 4; i++)
		v |= (uint32_t)fuzz_u8(in) << (8 * i);
	return v;
}

/* Up to max bytes into buf; returns how many. */
static inline size_t
fuzz_bytes(struct fuzz_in *in, void *buf, size_t max)
{
	size_t	 n = in->n < max ? in->n : max;

	memcpy(buf, in->p, n);
	in->p += n;
	in->n -= n;
	return n;
}

/*
 * A NUL-terminated string of the bytes up to the next NUL (or the end),
 * malloc'ed; the NUL is consumed.
 */
static inline char *
fuzz_str(struct fuzz_in *in)
{
	const uint8_t	*z = memchr(in->p, '\0', in->n);
	size_t		 n = z != NULL ? (size_t)(z - in->p) : in->n;
	char		*s;

	if ((s = malloc(n + 1)) == NULL)
		abort();
	memcpy(s, in->p, n);
	s[n] = '\0';
	in->p += n;
	in->n -= n;
	if (z != NULL) {
		in->p++;
		in->n--;
	}
	return s;
}

/* The number of open descriptors: a harness checks it leaks none. */
int	fuzz_nfds(void);

#endif /* !FUZZ_H */
