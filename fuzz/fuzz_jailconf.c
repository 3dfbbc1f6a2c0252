/*
 * fuzz_jailconf.c: jail(1)'s jail.conf(5) parser (src/tools/jailconf.c,
 * linked), on a configuration file's bytes.
 *
 * Input: the file.  Properties: a refused file's message is one line,
 * "fuzz.conf:LINE:COL: what", with LINE and COL inside the input; the
 * same bytes give the same answer twice; every jail of an accepted file
 * either resolves (parameters named, no variable among them, every value
 * a string) or is refused with a message of the same form; .include is
 * refused (the harness reads no file); nothing leaks (LeakSanitizer).
 */
#include <errno.h>

#include "jailconf.h"

#include "fuzz.h"

/* Is msg "fuzz.conf:LINE:COL: ...", the place inside data? */
static int
placed(const char *msg, const uint8_t *data, size_t size)
{
	unsigned long	 line, col, lines = 1, i;
	char		*e;

	if (strncmp(msg, "fuzz.conf:", 10) != 0)
		return strcmp(msg, strerror(ENOMEM)) == 0;
	line = strtoul(msg + 10, &e, 10);
	if (e == msg + 10 || *e != ':')
		return 0;
	col = strtoul(e + 1, &e, 10);
	if (*e != ':' || e[1] != ' ' || line == 0 || col == 0)
		return 0;
	for (i = 0; i < size; i++)
		lines += data[i] == '\n';
	return line <= lines && col <= size + 1 &&
	    strchr(msg, '\n') == NULL;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct jailconf	 jc, again;
	struct jc_jail	 j;
	size_t		 i, k, v;
	int		 r, r2;

	jailconf_init(&jc);
	jc.noinclude = 1;
	r = jailconf_parse_buf(&jc, "fuzz.conf", (const char *)data, size);
	jailconf_init(&again);
	again.noinclude = 1;
	r2 = jailconf_parse_buf(&again, "fuzz.conf", (const char *)data,
	    size);
	FUZZ_CHECK(r == r2 && strcmp(jc.err, again.err) == 0);
	FUZZ_CHECK(jc.nb == again.nb);
	jailconf_free(&again);
	if (r == -1) {
		FUZZ_CHECK(placed(jc.err, data, size));
		jailconf_free(&jc);
		return 0;
	}
	for (i = 0; i < jc.nb; i++) {
		FUZZ_CHECK(jc.b[i].name != NULL && jc.b[i].name[0] != '\0');
		if (jailconf_resolve(&jc, jc.b[i].name, &j) == -1) {
			FUZZ_CHECK(placed(jc.err, data, size));
			continue;
		}
		for (k = 0; k < j.np; k++) {
			FUZZ_CHECK(j.p[k].name[0] != '\0' &&
			    j.p[k].name[0] != '$');
			FUZZ_CHECK(j.p[k].hasval || j.p[k].n == 0);
			for (v = 0; v < j.p[k].n; v++)
				FUZZ_CHECK(j.p[k].v[v] != NULL);
		}
		jailconf_jail_free(&j);
	}
	jailconf_free(&jc);
	return 0;
}
