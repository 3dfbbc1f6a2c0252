/*
 * int80: the i386 ABI reached with `int $0x80`, from 64-bit code in the
 * x86_64 build (SPEC section 6): the same answers as the native calls,
 * including the i386-only olduname and oldolduname, and for the calls of
 * SPEC section 1 that name an outside process.
 */
#include <sys/resource.h>

#include <linux/capability.h>
#include <string.h>
#include <unistd.h>

#include "fixture.h"
#include "int80.h"

static char	 uts[6 * 65];		/* static: below 4 GiB */
static struct __user_cap_header_struct	caph;
static struct __user_cap_data_struct	capd[2];
static struct rlimit			rl[2];

/* The section 1 calls that name a process, aimed at an outside one. */
static void
outside(long pid)
{
	long	 fd;

	check("tkill-outside", (int)INT80(nr32_tkill, pid, 0, 0));
	check("tgkill-outside", (int)INT80(nr32_tgkill, pid, pid, 0));
	check("getpgid-outside", (int)(INT80(nr32_getpgid, pid, 0, 0) < 0 ?
	    -1 : 0));
	check("getsid-outside", (int)(INT80(nr32_getsid, pid, 0, 0) < 0 ?
	    -1 : 0));
	check("getpriority-outside", (int)(INT80(nr32_getpriority,
	    PRIO_PROCESS, pid, 0) < 0 ? -1 : 0));
	caph.version = _LINUX_CAPABILITY_VERSION_3;
	caph.pid = (int)pid;
	check("capget-outside", (int)INT80(nr32_capget, &caph, capd, 0));
	fd = INT80(nr32_pidfd_open, pid, 0, 0);
	check("pidfd-outside", fd < 0 ? -1 : 0);
	if (fd >= 0)
		close((int)fd);
	check("prlimit-outside", (int)INT80_4(nr32_prlimit64, pid,
	    RLIMIT_NOFILE, 0, rl));
	/* SEIZE stops nothing; the tracee is released when we exit. */
	check("ptrace-outside", (int)INT80_4(nr32_ptrace, 0x4206, pid, 0,
	    0));
}

static const char *
named(const char *n, size_t max)
{
	return strncmp(n, envstr("SJ_HOSTNAME"), max) == 0 ? "jail" : "host";
}

/* Every check of this fixture, for a host without the gate. */
static const char *const checks[] = {
	"kill-outside", "kill-self", "tkill-outside", "tgkill-outside",
	"getpgid-outside", "getsid-outside", "getpriority-outside",
	"capget-outside", "pidfd-outside", "prlimit-outside",
	"ptrace-outside", "uname", "olduname", "oldolduname"
};

int
main(void)
{
	size_t	 i;

	if (!int80ok(NULL)) {
		for (i = 0; i < sizeof(checks) / sizeof(checks[0]); i++)
			skip(checks[i], INT80_MISSING);
		return 0;
	}
	check("kill-outside", (int)INT80(nr32_kill, envnum("SJ_OUTSIDE"), 0,
	    0));
	check("kill-self", (int)INT80(nr32_kill, INT80(nr32_getpid, 0, 0, 0),
	    0, 0));
	outside(envnum("SJ_OUTSIDE"));
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
