/*
 * fuzz_sjls.c: sjls(1)'s operands and the quoting of what a jail chose (its
 * hostname, set by jailed root) in sjls's name=value and JSON forms
 * (src/tools/tool.c's tool_matches(), tool_nvval() and tool_jsonstr(),
 * which sjls calls; tool.c is linked, not included).
 *
 * Input: an operand, then a hostname, NUL-separated.  Properties: a
 * decimal operand matches by JID only, anything else by hostname only;
 * the JSON string of the hostname is one quoted token with no raw control
 * character and every quote escaped; the name=value form has no control
 * byte and is either bare, of [A-Za-z0-9_./:,@%+=-] only, or one
 * single-quoted shell word (a ' inside only as '\'').
 */
#include "sysjail.h"
#include "tool.h"

#include "fuzz.h"

/* What fn writes of v. */
static char *
capture(void (*fn)(FILE *, const char *), const char *v)
{
	static char	*buf;
	size_t		 len;
	FILE		*f;

	free(buf);
	if ((f = open_memstream(&buf, &len)) == NULL)
		abort();
	fn(f, v);
	fclose(f);
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
	ji.name = "www";
	jid = strtol(op, &end, 10);
	if (*op != '\0' && *end == '\0')
		FUZZ_CHECK(tool_matches(&ji, op) == (jid == 42));
	else
		FUZZ_CHECK(tool_matches(&ji, op) == (strcmp(op, host) == 0 ||
		    strcmp(op, "www") == 0));

	out = capture(tool_jsonstr, host);
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
	out = capture(tool_nvval, host);
	for (p = out; *p != '\0'; p++)
		FUZZ_CHECK((unsigned char)*p >= 0x20 &&
		    (unsigned char)*p < 0x7f);
	quoted = out[0] == '\'';
	if (!quoted)
		FUZZ_CHECK(strspn(out, "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
		    "abcdefghijklmnopqrstuvwxyz0123456789_./:,@%+=-") ==
		    strlen(out));
	else {
		FUZZ_CHECK(strlen(out) >= 2 && out[strlen(out) - 1] == '\'');
		/* Inside: a ' closes, and must be followed by \'' . */
		for (p = out + 1; p < out + strlen(out) - 1; p++)
			if (*p == '\'') {
				FUZZ_CHECK(strncmp(p, "'\\''", 4) == 0);
				p += 3;
			}
	}
	free(op);
	free(host);
	return 0;
}
