/*
 * fuzz_param.c: the allow parameters of src/tools/tool.c: sysjail(1)'s
 * -a param[=value] operand (tool_param()) and jail(1)'s jail.conf(5)
 * spelling of the same names (tool_param_index() without bare names).
 *
 * Input: flags, then the operand.  Properties, against known[] below, an
 * expectation list kept apart from tool.c's table on purpose (a check
 * that re-read the table it tests could not catch a wrong row): the table
 * holds exactly known[]'s rows; the operand is accepted iff it names a
 * known parameter (with or without "allow."), with no value or 0, 1, true
 * or false; an accepted one changes its own flag only, to what the value
 * says (set_hostname being the inverse of SYSJAIL_NOHOSTNAME), and reads
 * back so through tool_param_value(); a refused one changes nothing and
 * leaves a message, of one line if the operand is; the jail.conf
 * spelling is the shown name, nothing else.  A parameter added to
 * tool.c must be added here.
 */
#include "sysjail.h"
#include "tool.h"

#include "fuzz.h"

static const struct {
	const char	*name;
	const char	*shown;
	unsigned int	 flag;
	int		 inverse;
} known[] = {
	{ "set_hostname", "allow.set_hostname", SYSJAIL_NOHOSTNAME, 1 },
	{ "sysvipc", "allow.sysvipc", SYSJAIL_ALLOW_SYSVIPC, 0 },
	{ "mount.procfs", "mount.procfs", SYSJAIL_MOUNT_PROCFS, 0 },
	{ "raw_sockets", "allow.raw_sockets", SYSJAIL_ALLOW_RAW_SOCKETS, 0 },
	{ "mount.devfs", "mount.devfs", SYSJAIL_NODEVFS, 1 },
	{ "ptys", "allow.ptys", SYSJAIL_NOPTYS, 1 },
	{ "setuid", "allow.setuid", SYSJAIL_NOSETUID, 1 },
	{ "persist", "persist", SYSJAIL_PERSIST, 0 },
};
#define NKNOWN	(sizeof(known) / sizeof(known[0]))

/* The table is known[], row for row (once: it is constant). */
static void
table(void)
{
	static int	 done;
	size_t		 i;

	if (done)
		return;
	for (i = 0; i < NKNOWN; i++) {
		FUZZ_CHECK(tool_params[i].name != NULL);
		FUZZ_CHECK(strcmp(tool_params[i].name, known[i].name) == 0);
		FUZZ_CHECK(strcmp(tool_params[i].shown, known[i].shown) == 0);
		FUZZ_CHECK(tool_params[i].flag == known[i].flag);
		FUZZ_CHECK(tool_params[i].inverse == known[i].inverse);
	}
	FUZZ_CHECK(tool_params[NKNOWN].name == NULL);
	done = 1;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct fuzz_in	 in = { data, size };
	unsigned int	 flags, got;
	char		*arg, *eq, *name, msg[256];
	size_t		 i, k;
	int		 on = -1, refused, conf, nl;

	table();
	flags = fuzz_u32(&in);
	arg = fuzz_str(&in);
	nl = strchr(arg, '\n') != NULL;
	got = flags;
	msg[0] = '\0';
	refused = tool_param(arg, &got, msg, sizeof(msg)) == -1;
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
	/* jail.conf's spelling: a known shown name. */
	conf = tool_param_index(name, strlen(name), 0);
	for (k = 0; k < NKNOWN; k++)
		if (strcmp(name, known[k].shown) == 0)
			break;
	FUZZ_CHECK(conf == (k < NKNOWN ? (int)k : -1));
	if (strncmp(name, "allow.", 6) == 0 && name[6] != '\0')
		name += 6;
	for (i = 0; i < NKNOWN; i++)
		if (strcmp(known[i].name, name) == 0)
			break;
	if (on == -1 || i == NKNOWN)
		FUZZ_CHECK(refused);
	else {
		FUZZ_CHECK(!refused);
		FUZZ_CHECK((got & ~known[i].flag) == (flags & ~known[i].flag));
		FUZZ_CHECK(((got & known[i].flag) != 0) ==
		    (on != known[i].inverse));
		FUZZ_CHECK(tool_param_value(got, i) == on);
	}
	if (refused) {
		FUZZ_CHECK(got == flags);
		FUZZ_CHECK(msg[0] != '\0');
		FUZZ_CHECK(nl || strchr(msg, '\n') == NULL);
	}
	free(arg);
	return 0;
}
