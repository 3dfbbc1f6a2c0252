/*
 * without.c: the SJTEST_WITHOUT switch, shared by the fixtures and
 * sjtest(1): capabilities the suite treats as missing on this host.
 */
#include <stdlib.h>
#include <string.h>

int	without(const char *);

/*
 * Is the capability named in SJTEST_WITHOUT (words separated by commas or
 * blanks)?  The suite then behaves as on a host without it.
 */
int
without(const char *what)
{
	const char	*w = getenv("SJTEST_WITHOUT"), *e;
	size_t		 n = strlen(what);

	for (; w != NULL && *w != '\0'; w = e) {
		w += strspn(w, ", \t");
		e = w + strcspn(w, ", \t");
		if ((size_t)(e - w) == n && strncmp(w, what, n) == 0)
			return 1;
	}
	return 0;
}
