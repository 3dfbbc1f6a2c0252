/*
 * fuzz_sjls.c: sjls(1)'s operands and the quoting of what a jail chose (its
 * hostname, set by jailed root) in sjls's name=value and JSON forms
 * (src/tools/sjls.c, included whole, its main() renamed).
 *
 * Input: an operand, then a hostname, NUL-separated.  Properties: a
 * decimal operand matches by JID only, anything else by hostname only;
 * the JSON string of the hostname is one quoted token with no raw control
 * character and every quote escaped; the name=value form is one token (no
 * unquoted blank, quote or newline).
 */
#include <stdio.h>

#define main	sjls_main
#include "../src/tools/sjls.c"
#undef main

#include "fuzz.h"

static char *
capture(void (*fn)(const char *), const char *v)
{
	static char	*buf;
	size_t		 len;
	FILE		*save = stdout;

	free(buf);
	if ((stdout = open_memstream(&buf, &len)) == NULL)
		abort();
	fn(v);
	fclose(stdout);
	stdout = save;
	return buf;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct fuzz_in		 in = { data, size };
	struct sysjail_info	 ji;
	char			*op, *host, *out, *end, *p;
	long			 jid;
	int			 quoted;

	op = fuzz_str(&in);
	host = fuzz_str(&in);
	memset(&ji, 0, sizeof(ji));
	ji.jid = 42;
	ji.hostname = host;
	jid = strtol(op, &end, 10);
	if (*op != '\0' && *end == '\0')
		FUZZ_CHECK(matches(&ji, op) == (jid == 42));
	else
		FUZZ_CHECK(matches(&ji, op) == (strcmp(op, host) == 0));

	out = capture(jsonstr, host);
	FUZZ_CHECK(out[0] == '"' && strlen(out) >= 2 &&
	    out[strlen(out) - 1] == '"');
	for (p = out + 1; p < out + strlen(out) - 1; p++) {
		FUZZ_CHECK((unsigned char)*p >= 0x20);
		if (*p == '\\') {
			p++;	/* an escape: the next one is taken */
			continue;
		}
		FUZZ_CHECK(*p != '"');
	}
	out = capture(nvval, host);
	quoted = out[0] == '"';
	if (!quoted)
		FUZZ_CHECK(*out != '\0' && strpbrk(out, " \t\n\"'\\$`") ==
		    NULL);
	else
		for (p = out + 1; *p != '\0' && p[1] != '\0'; p++) {
			if (*p == '\\') {
				p++;
				continue;
			}
			FUZZ_CHECK(*p != '"' && *p != '$' && *p != '`');
		}
	free(op);
	free(host);
	return 0;
}
