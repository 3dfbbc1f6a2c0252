/*
 * fuzz_param.c: sysjail(1)'s -a param[=value] operand (src/tools/sysjail.c's
 * param(), the file included whole with main() renamed and errx(3) made to
 * return here instead of exiting).
 *
 * Input: the operand.  Properties: it is accepted iff it names a known
 * parameter (with or without "allow."), with no value or 0, 1, true or
 * false; an accepted one changes its own flag only, to what the value
 * says (set_hostname being the inverse of SYSJAIL_NOHOSTNAME); a refused
 * one changes nothing.
 */
#include <err.h>
#include <setjmp.h>
#include <stdarg.h>

static jmp_buf	 fuzz_jmp;

static void __attribute__((noreturn))
fuzz_errx(int eval, const char *fmt, ...)
{
	(void)eval;
	(void)fmt;
	longjmp(fuzz_jmp, 1);
}

#define errx	fuzz_errx
#define main	sysjail_main
#include "../src/tools/sysjail.c"
#undef main
#undef errx
#include "../src/tools/tool.c"		/* what sysjail_main() calls */

#include "fuzz.h"

static const struct {
	const char	*name;
	unsigned int	 flag;
	int		 inverse;
} known[] = {
	{ "set_hostname", SYSJAIL_NOHOSTNAME, 1 },
	{ "sysvipc", SYSJAIL_ALLOW_SYSVIPC, 0 },
	{ "mount.procfs", SYSJAIL_MOUNT_PROCFS, 0 },
	{ "raw_sockets", SYSJAIL_ALLOW_RAW_SOCKETS, 0 },
};

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct fuzz_in		 in = { data, size };
	volatile unsigned int	 flags, got;
	char			*arg, *eq, *name;
	size_t			 i;
	int			 on = -1;
	volatile int		 refused = 0;

	flags = fuzz_u32(&in);
	arg = fuzz_str(&in);
	got = flags;
	if (setjmp(fuzz_jmp) == 0)
		got = param(arg, flags);
	else
		refused = 1;
	name = arg;
	if ((eq = strchr(arg, '=')) != NULL) {
		*eq = '\0';
		if (strcmp(eq + 1, "1") == 0 || strcmp(eq + 1, "true") == 0)
			on = 1;
		else if (strcmp(eq + 1, "0") == 0 ||
		    strcmp(eq + 1, "false") == 0)
			on = 0;
	} else
		on = 1;
	if (strncmp(name, "allow.", 6) == 0 && name[6] != '\0')
		name += 6;
	for (i = 0; i < sizeof(known) / sizeof(known[0]); i++)
		if (strcmp(known[i].name, name) == 0)
			break;
	/*
	 * Parameters this harness does not know (another may have been
	 * added to sysjail.c) are only checked to change at most one flag.
	 */
	if (on == -1)
		FUZZ_CHECK(refused);
	else if (i < sizeof(known) / sizeof(known[0])) {
		FUZZ_CHECK(!refused);
		FUZZ_CHECK((got & ~known[i].flag) == (flags & ~known[i].flag));
		FUZZ_CHECK(((got & known[i].flag) != 0) ==
		    (on != known[i].inverse));
	} else if (!refused)
		FUZZ_CHECK(__builtin_popcount(got ^ flags) <= 1);
	if (refused)
		FUZZ_CHECK(got == flags);
	free(arg);
	return 0;
}
