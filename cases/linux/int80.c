/*
 * int80: the i386 ABI reached with `int $0x80`, from 64-bit code in the
 * x86_64 build (SPEC section 6): the same answers as the native calls,
 * including the i386-only olduname and oldolduname.
 */
#include <string.h>

#include "fixture.h"
#include "int80.h"

static char	 uts[6 * 65];		/* static: below 4 GiB */

static const char *
named(const char *n, size_t max)
{
	return strncmp(n, envstr("SJ_HOSTNAME"), max) == 0 ? "jail" : "host";
}

int
main(void)
{
	check("kill-outside", (int)INT80(nr32_kill, envnum("SJ_OUTSIDE"), 0,
	    0));
	check("kill-self", (int)INT80(nr32_kill, INT80(nr32_getpid, 0, 0, 0),
	    0, 0));
	if (INT80(nr32_uname, uts, 0, 0) == -1)
		check("uname", -1);
	else
		say("uname", named(uts + 65, 64));
	if (INT80(nr32_olduname, uts, 0, 0) == -1)
		check("olduname", -1);
	else
		say("olduname", named(uts + 65, 64));
	if (INT80(nr32_oldolduname, uts, 0, 0) == -1)
		check("oldolduname", -1);
	else
		say("oldolduname", named(uts + 9, 8));
	return 0;
}
