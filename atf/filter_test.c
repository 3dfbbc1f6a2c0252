/*
 * filter_test: the seccomp program and the bind rule, by simulation.  No
 * kernel, no root: every decision is computed by sj_filter_run() on a
 * struct seccomp_data, exactly as the kernel would see it.
 */
#include <sys/ioctl.h>
#include <sys/socket.h>

#include <arpa/inet.h>
#include <atf-c.h>
#include <errno.h>
#include <linux/audit.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sysjail_priv.h"

int	sj_bind_policy(const struct sysjail *, int, struct sockaddr_storage *,
	    socklen_t);

#define NR32_KILL	37	/* i386 kill: the table must not hold 62 */

static struct sj_filter	 F;

static void
build(unsigned int allow)
{
	sj_filter_free(&F);
	ATF_REQUIRE_MSG(sj_filter_build(&F, allow) == 0, "build: %s",
	    strerror(errno));
}

static uint32_t
decide(uint32_t arch, int nr, uint64_t a0, uint64_t a1, uint64_t a2)
{
	struct seccomp_data	 d;

	memset(&d, 0, sizeof(d));
	d.arch = arch;
	d.nr = nr;
	d.args[0] = a0;
	d.args[1] = a1;
	d.args[2] = a2;
	return sj_filter_run(&F, &d);
}

static int
nrof(enum sj_abi abi, const char *name)
{
	const struct sj_rule	*r;
	size_t			 i, n;

	r = sj_rules(abi, &n);
	for (i = 0; i < n; i++)
		if (strcmp(r[i].name, name) == 0)
			return r[i].nr;
	return -1;
}

ATF_TC_WITHOUT_HEAD(x32);
ATF_TC_BODY(x32, tc)
{
	int	 nr[] = { 0, 39, 62, 200, 435 };
	size_t	 i;

	build(0);
	for (i = 0; i < sizeof(nr) / sizeof(nr[0]); i++)
		ATF_CHECK_EQ_MSG(decide(AUDIT_ARCH_X86_64,
		    0x40000000 | nr[i], 0, 0, 0),
		    SECCOMP_RET_ERRNO | ENOSYS, "x32 nr %d", nr[i]);
}

ATF_TC_WITHOUT_HEAD(unknown_arch);
ATF_TC_BODY(unknown_arch, tc)
{
	uint32_t arch[] = { AUDIT_ARCH_AARCH64, AUDIT_ARCH_ARM,
	    AUDIT_ARCH_PPC64LE, AUDIT_ARCH_S390X, 0, 0xffffffff };
	size_t	 i;

	build(0);
	for (i = 0; i < sizeof(arch) / sizeof(arch[0]); i++)
		ATF_CHECK_EQ_MSG(decide(arch[i], 39, 0, 0, 0),
		    SECCOMP_RET_KILL_PROCESS, "arch %#x", arch[i]);
}

ATF_TC_WITHOUT_HEAD(allowed_without_arguments);
ATF_TC_BODY(allowed_without_arguments, tc)
{
	int	 nr;

	build(0);
	/* getpid, read, write on both ABIs: allowed, whatever the args. */
	ATF_CHECK_EQ(decide(AUDIT_ARCH_X86_64, 39, ~0ULL, 1, 2),
	    SECCOMP_RET_ALLOW);
	ATF_CHECK_EQ(decide(AUDIT_ARCH_I386, 20, ~0ULL, 1, 2),
	    SECCOMP_RET_ALLOW);
	for (nr = 0; nr < 3; nr++)
		ATF_CHECK_EQ(decide(AUDIT_ARCH_X86_64, nr, 5, 6, 7),
		    SECCOMP_RET_ALLOW);
	/* No allowed group ever loads an argument: the action cache. */
	ATF_CHECK(F.insns[0].k == offsetof(struct seccomp_data, arch));
}

ATF_TC_WITHOUT_HEAD(kill_both_abis);
ATF_TC_BODY(kill_both_abis, tc)
{
	int	 k64 = nrof(SJ_ABI_X86_64, "kill");
	int	 k32 = nrof(SJ_ABI_I386, "kill");

	build(0);
	ATF_REQUIRE(k64 == 62 && k32 == NR32_KILL);
	ATF_CHECK_EQ(decide(AUDIT_ARCH_X86_64, k64, 1234, 0, 0),
	    SECCOMP_RET_USER_NOTIF);
	ATF_CHECK_EQ(decide(AUDIT_ARCH_I386, k32, 1234, 0, 0),
	    SECCOMP_RET_USER_NOTIF);
	/* kill(0): the caller's own group, decided by the filter. */
	ATF_CHECK_EQ(decide(AUDIT_ARCH_X86_64, k64, 0, 15, 0),
	    SECCOMP_RET_ALLOW);
	/* pid_t is 32 bits: garbage above them does not make it 0 or not. */
	ATF_CHECK_EQ(decide(AUDIT_ARCH_X86_64, k64, 1ULL << 32, 15, 0),
	    SECCOMP_RET_ALLOW);
	ATF_CHECK_EQ(decide(AUDIT_ARCH_X86_64, k64, (1ULL << 32) | 5, 15, 0),
	    SECCOMP_RET_USER_NOTIF);
	/* The same number means something else on the other ABI. */
	ATF_CHECK_EQ(decide(AUDIT_ARCH_I386, k64, 1234, 0, 0),
	    SECCOMP_RET_ALLOW);
}

ATF_TC_WITHOUT_HEAD(ioctl_width);
ATF_TC_BODY(ioctl_width, tc)
{
	int	 io64 = nrof(SJ_ABI_X86_64, "ioctl");
	int	 io32 = nrof(SJ_ABI_I386, "ioctl");

	build(0);
	ATF_CHECK_EQ(decide(AUDIT_ARCH_X86_64, io64, 0, TIOCSTI, 0),
	    SECCOMP_RET_ERRNO | EPERM);
	ATF_CHECK_EQ(decide(AUDIT_ARCH_X86_64, io64, 0,
	    0xdeadbeef00000000ULL | TIOCSTI, 0), SECCOMP_RET_ERRNO | EPERM);
	ATF_CHECK_EQ(decide(AUDIT_ARCH_I386, io32, 0, TIOCSTI, 0),
	    SECCOMP_RET_ERRNO | EPERM);
	ATF_CHECK_EQ(decide(AUDIT_ARCH_X86_64, io64, 0, TIOCGWINSZ, 0),
	    SECCOMP_RET_ALLOW);
}

ATF_TC_WITHOUT_HEAD(socketcall_subcalls);
ATF_TC_BODY(socketcall_subcalls, tc)
{
	int	 sc = nrof(SJ_ABI_I386, "socketcall");

	build(0);
	ATF_REQUIRE(sc > 0);
	ATF_CHECK_EQ(nrof(SJ_ABI_X86_64, "socketcall"), -1);
	ATF_CHECK_EQ(decide(AUDIT_ARCH_I386, sc, SYS_BIND, 0, 0),
	    SECCOMP_RET_USER_NOTIF);
	ATF_CHECK_EQ(decide(AUDIT_ARCH_I386, sc, SYS_SOCKET, 0, 0),
	    SECCOMP_RET_USER_NOTIF);
	/* SYS_SOCKETPAIR's family is in memory too: the supervisor's. */
	ATF_CHECK_EQ(decide(AUDIT_ARCH_I386, sc, 8 /* SYS_SOCKETPAIR */, 0, 0),
	    SECCOMP_RET_USER_NOTIF);
	/* Connections and sends are the kernel's, under the cgroup
	 * programs (netbpf.c): never referred. */
	ATF_CHECK_EQ(decide(AUDIT_ARCH_I386, sc, 3 /* SYS_CONNECT */, 0, 0),
	    SECCOMP_RET_ALLOW);
	ATF_CHECK_EQ(decide(AUDIT_ARCH_I386, sc, 11 /* SYS_SENDTO */, 0, 0),
	    SECCOMP_RET_ALLOW);
	/* The call number is an int: high bits do not hide SYS_BIND. */
	ATF_CHECK_EQ(decide(AUDIT_ARCH_I386, sc, SYS_BIND, 0, 0),
	    SECCOMP_RET_USER_NOTIF);
	ATF_CHECK_EQ(decide(AUDIT_ARCH_I386, nrof(SJ_ABI_I386, "bind"), 3, 0,
	    0), SECCOMP_RET_USER_NOTIF);
}

ATF_TC_WITHOUT_HEAD(sysvipc_flag);
ATF_TC_BODY(sysvipc_flag, tc)
{
	int	 shm = nrof(SJ_ABI_X86_64, "shmget");
	int	 ipc = nrof(SJ_ABI_I386, "ipc");

	build(0);
	ATF_CHECK_EQ(decide(AUDIT_ARCH_X86_64, shm, 0, 0, 0),
	    SECCOMP_RET_ERRNO | ENOSYS);
	ATF_CHECK_EQ(decide(AUDIT_ARCH_I386, ipc, 0x10017, 0, 0),
	    SECCOMP_RET_ERRNO | ENOSYS);
	build(SYSJAIL_ALLOW_SYSVIPC);
	ATF_CHECK_EQ(decide(AUDIT_ARCH_X86_64, shm, 0, 0, 0),
	    SECCOMP_RET_ALLOW);
	ATF_CHECK_EQ(decide(AUDIT_ARCH_I386, ipc, 0x10017, 0, 0),
	    SECCOMP_RET_ALLOW);
}

ATF_TC_WITHOUT_HEAD(privileged_denied);
ATF_TC_BODY(privileged_denied, tc)
{
	const char *eperm[] = { "mount", "umount2", "chroot", "pivot_root",
	    "init_module", "settimeofday", "setdomainname", "setns", "bpf" };
	const char *enosys[] = { "io_uring_setup", "io_uring_enter",
	    "io_uring_register", "clone3" };
	size_t	 i;
	int	 abi;

	build(0);
	for (abi = 0; abi < SJ_NABI; abi++) {
		for (i = 0; i < sizeof(eperm) / sizeof(eperm[0]); i++)
			ATF_CHECK_EQ_MSG(decide(sj_audit_arch(abi),
			    nrof(abi, eperm[i]), 0, 0, 0),
			    SECCOMP_RET_ERRNO | EPERM, "%s %s",
			    sj_abi_name(abi), eperm[i]);
		for (i = 0; i < sizeof(enosys) / sizeof(enosys[0]); i++)
			ATF_CHECK_EQ_MSG(decide(sj_audit_arch(abi),
			    nrof(abi, enosys[i]), 0, 0, 0),
			    SECCOMP_RET_ERRNO | ENOSYS, "%s %s",
			    sj_abi_name(abi), enosys[i]);
	}
	/* Namespace flags in clone's first argument; plain fork allowed. */
	ATF_CHECK_EQ(decide(AUDIT_ARCH_X86_64, nrof(SJ_ABI_X86_64, "clone"),
	    0x10000000 /* CLONE_NEWUSER */, 0, 0), SECCOMP_RET_ERRNO | EPERM);
	ATF_CHECK_EQ(decide(AUDIT_ARCH_X86_64, nrof(SJ_ABI_X86_64, "clone"),
	    17 /* SIGCHLD */, 0, 0), SECCOMP_RET_ALLOW);
	/* prctl: PR_SET_MM refused, the rest allowed. */
	ATF_CHECK_EQ(decide(AUDIT_ARCH_X86_64, nrof(SJ_ABI_X86_64, "prctl"),
	    35 /* PR_SET_MM */, 0, 0), SECCOMP_RET_ERRNO | EPERM);
	ATF_CHECK_EQ(decide(AUDIT_ARCH_I386, nrof(SJ_ABI_I386, "prctl"),
	    35, 0, 0), SECCOMP_RET_ERRNO | EPERM);
	ATF_CHECK_EQ(decide(AUDIT_ARCH_X86_64, nrof(SJ_ABI_X86_64, "prctl"),
	    15 /* PR_SET_NAME */, 0, 0), SECCOMP_RET_ALLOW);
	/* syslog: only the size of the buffer may be asked. */
	ATF_CHECK_EQ(decide(AUDIT_ARCH_X86_64, nrof(SJ_ABI_X86_64, "syslog"),
	    3, 0, 0), SECCOMP_RET_ERRNO | EPERM);
	ATF_CHECK_EQ(decide(AUDIT_ARCH_X86_64, nrof(SJ_ABI_X86_64, "syslog"),
	    10, 0, 0), SECCOMP_RET_ALLOW);
	/* mknod: devices refused, FIFOs allowed. */
	ATF_CHECK_EQ(decide(AUDIT_ARCH_X86_64, nrof(SJ_ABI_X86_64, "mknod"),
	    0, 0020644, 0), SECCOMP_RET_ERRNO | EPERM);
	ATF_CHECK_EQ(decide(AUDIT_ARCH_X86_64, nrof(SJ_ABI_X86_64, "mknod"),
	    0, 0010644, 0), SECCOMP_RET_ALLOW);
}

ATF_TC_WITHOUT_HEAD(socket_families);
ATF_TC_BODY(socket_families, tc)
{
	int	 so = nrof(SJ_ABI_X86_64, "socket");
	int	 sc = nrof(SJ_ABI_I386, "socketcall");

	build(SJ_HAS4);
	ATF_CHECK_EQ(decide(AUDIT_ARCH_X86_64, so, AF_UNIX, 0, 0),
	    SECCOMP_RET_ALLOW);
	ATF_CHECK_EQ(decide(AUDIT_ARCH_X86_64, so, AF_INET, 0, 0),
	    SECCOMP_RET_ALLOW);
	ATF_CHECK_EQ(decide(AUDIT_ARCH_X86_64, so, AF_INET6, 0, 0),
	    SECCOMP_RET_ERRNO | EAFNOSUPPORT);
	ATF_CHECK_EQ(decide(AUDIT_ARCH_X86_64, so, AF_NETLINK, 0, 0),
	    SECCOMP_RET_ERRNO | EAFNOSUPPORT);
	/* The family is an int: high garbage does not change it. */
	ATF_CHECK_EQ(decide(AUDIT_ARCH_X86_64, so, (1ULL << 32) | AF_NETLINK,
	    0, 0), SECCOMP_RET_ERRNO | EAFNOSUPPORT);
	ATF_CHECK_EQ(decide(AUDIT_ARCH_I386, sc, SYS_SOCKET, 0, 0),
	    SECCOMP_RET_USER_NOTIF);
	build(SJ_HAS6);
	ATF_CHECK_EQ(decide(AUDIT_ARCH_X86_64, so, AF_INET, 0, 0),
	    SECCOMP_RET_ERRNO | EAFNOSUPPORT);
	ATF_CHECK_EQ(decide(AUDIT_ARCH_X86_64, so, AF_INET6, 0, 0),
	    SECCOMP_RET_ALLOW);
}

/*
 * Every row of policy.tbl with an action for an ABI is in its table (the
 * "handler" and "args" lines are not rows).
 */
ATF_TC_WITHOUT_HEAD(table_complete);
ATF_TC_BODY(table_complete, tc)
{
	char	 line[512], name[64], act[2][64];
	FILE	*f;
	int	 abi, rows = 0;

	if ((f = fopen(POLICY_TBL, "r")) == NULL)
		atf_tc_skip("%s: %s", POLICY_TBL, strerror(errno));
	while (fgets(line, sizeof(line), f) != NULL) {
		if (line[0] == '#' || sscanf(line, "%63s %63s %63s", name,
		    act[0], act[1]) != 3 || strcmp(name, "handler") == 0 ||
		    strcmp(name, "args") == 0)
			continue;
		rows++;
		for (abi = 0; abi < SJ_NABI; abi++)
			if (strcmp(act[abi], "-") != 0 && nrof(abi, name) >= 0)
				break;
		ATF_CHECK_MSG(abi < SJ_NABI || (strcmp(act[0], "-") == 0 &&
		    strcmp(act[1], "-") == 0),
		    "%s: a number in no ABI's header (a misspelt name?)", name);
	}
	fclose(f);
	ATF_CHECK(rows > 50);
}

/*
 * Default deny: every number the table does not name is ENOSYS on both
 * ABIs, from the filter itself (USER_NOTIF with SJ_AUDIT, so that it is
 * logged); every named call the table allows outright is allowed whatever
 * its arguments.  Calls 451 on (cachestat, ...: newer than the headers the
 * table was first written for) and numbers no kernel has are refused.
 */
ATF_TC_WITHOUT_HEAD(default_deny);
ATF_TC_BODY(default_deny, tc)
{
	const struct sj_rule	*r;
	size_t			 i, n;
	int			 abi, nr, named, outright, allowed = 0;
	int			 high[] = { 451, 458, 469, 470, 999, 1023, 1024,
				    4096, 0x3fffffff };

	build(0);
	for (abi = 0; abi < SJ_NABI; abi++) {
		r = sj_rules(abi, &n);
		for (nr = 0; nr < SJ_MAXNR; nr++) {
			named = outright = 0;
			for (i = 0; i < n; i++)
				if (r[i].nr == nr) {
					if (!named)
						outright = r[i].act ==
						    SJ_ACT_ALLOW && r[i].arg < 0;
					named = 1;
				}
			if (!named)
				ATF_CHECK_EQ_MSG(decide(sj_audit_arch(abi), nr,
				    1, 2, 3), SECCOMP_RET_ERRNO | ENOSYS,
				    "%s %d: not named, not refused",
				    sj_abi_name(abi), nr);
			else if (outright) {
				allowed++;
				ATF_CHECK_EQ_MSG(decide(sj_audit_arch(abi), nr,
				    ~0ULL, 0, 1ULL << 40), SECCOMP_RET_ALLOW,
				    "%s %s: allowed outright, refused",
				    sj_abi_name(abi), sj_syscall_name(abi, nr));
			}
		}
		for (i = 0; i < sizeof(high) / sizeof(high[0]); i++)
			ATF_CHECK_EQ_MSG(decide(sj_audit_arch(abi), high[i],
			    0, 0, 0), SECCOMP_RET_ERRNO | ENOSYS, "%s %d",
			    sj_abi_name(abi), high[i]);
	}
	ATF_CHECK_MSG(allowed > 300, "%d calls allowed outright", allowed);
	/* Everyday calls stay open: read, write, openat, mmap, getpid. */
	ATF_CHECK_EQ(decide(AUDIT_ARCH_X86_64, nrof(SJ_ABI_X86_64, "openat"),
	    0, 0, 0), SECCOMP_RET_ALLOW);
	ATF_CHECK_EQ(decide(AUDIT_ARCH_I386, nrof(SJ_ABI_I386, "mmap2"),
	    0, 0, 0), SECCOMP_RET_ALLOW);
	/* With SJ_AUDIT the refusal is referred, to be logged. */
	build(SJ_AUDIT);
	ATF_CHECK_EQ(decide(AUDIT_ARCH_X86_64, 451, 0, 0, 0),
	    SECCOMP_RET_USER_NOTIF);
	ATF_CHECK_EQ(decide(AUDIT_ARCH_I386, 999, 0, 0, 0),
	    SECCOMP_RET_USER_NOTIF);
	ATF_CHECK_EQ(decide(AUDIT_ARCH_X86_64, nrof(SJ_ABI_X86_64, "read"),
	    0, 0, 0), SECCOMP_RET_ALLOW);
}

/*
 * The number of every rule is the one its ABI's header gives, read here as
 * text, and a name the header lacks has no rule: no number leaks from
 * another ABI's header (the x86_64 __NR_semop, 65, is i386's getpgrp).
 */
static int
headernr(const char *abi, const char *name, int *found)
{
	static const char *const dirs[] = {
		"/usr/include/x86_64-linux-gnu/asm", "/usr/include/asm"
	};
	char	 path[256], line[256], want[96];
	size_t	 i;
	FILE	*f = NULL;
	int	 nr = -1;

	*found = 0;
	for (i = 0; f == NULL && i < sizeof(dirs) / sizeof(dirs[0]); i++) {
		snprintf(path, sizeof(path), "%s/unistd_%s.h", dirs[i],
		    strcmp(abi, "i386") == 0 ? "32" : "64");
		f = fopen(path, "r");
	}
	if (f == NULL)
		return -1;
	*found = 1;
	snprintf(want, sizeof(want), "#define __NR_%s ", name);
	while (fgets(line, sizeof(line), f) != NULL)
		if (strncmp(line, want, strlen(want)) == 0) {
			nr = atoi(line + strlen(want));
			break;
		}
	fclose(f);
	return nr;
}

ATF_TC_WITHOUT_HEAD(numbers_from_abi_header);
ATF_TC_BODY(numbers_from_abi_header, tc)
{
	const struct sj_rule	*r;
	size_t			 i, n;
	int			 abi, want, found, checked = 0;

	for (abi = 0; abi < SJ_NABI; abi++) {
		r = sj_rules(abi, &n);
		for (i = 0; i < n; i++) {
			want = headernr(sj_abi_name(abi), r[i].name, &found);
			if (!found)
				atf_tc_skip("no asm/unistd_*.h found as text");
			ATF_CHECK_MSG(r[i].nr == want, "%s %s: rule number %d, "
			    "header %d", sj_abi_name(abi), r[i].name, r[i].nr,
			    want);
			checked++;
		}
	}
	ATF_CHECK_EQ(nrof(SJ_ABI_I386, "semop"), -1);
	ATF_CHECK(checked > 100);
}

/* Every notified rule reaches a function, and every handler is reached. */
ATF_TC_WITHOUT_HEAD(notify_has_handler);
ATF_TC_BODY(notify_has_handler, tc)
{
	const struct sj_rule	*r;
	size_t			 i, n;
	int			 abi, h, used[SJ_NHANDLER] = { 0 };

	for (abi = 0; abi < SJ_NABI; abi++) {
		r = sj_rules(abi, &n);
		for (i = 0; i < n; i++) {
			if (r[i].act != SJ_ACT_NOTIFY)
				continue;
			ATF_CHECK_MSG(r[i].handler != SJ_H_NONE &&
			    r[i].handler < SJ_NHANDLER &&
			    sj_handlers[r[i].handler] != NULL, "%s",
			    r[i].name);
			if (r[i].handler < SJ_NHANDLER)
				used[r[i].handler] = 1;
		}
	}
	ATF_CHECK(sj_handlers[SJ_H_NONE] == NULL);
	for (h = SJ_H_NONE + 1; h < SJ_NHANDLER; h++)
		ATF_CHECK_MSG(sj_handlers[h] != NULL && used[h],
		    "handler %d: no function, or no rule", h);
	ATF_CHECK(SJ_NHANDLER > 20 && SJ_NHANDLER <= 255);
	ATF_CHECK(sj_handlers[SJ_H_KILL] == sj_h_kill);
	ATF_CHECK(sj_handlers[SJ_H_SOCKOPT] == sj_h_sockopt);
}

/*
 * The log's argument kinds name calls of the table, in the letters the
 * log knows, at most six each; kill's shows a pid and a signal.
 */
ATF_TC_WITHOUT_HEAD(args_kinds);
ATF_TC_BODY(args_kinds, tc)
{
	const struct sj_argkinds	*a;
	int				 abi, named, found = 0;

	for (a = sj_argkinds; a->name != NULL; a++) {
		named = 0;
		for (abi = 0; abi < SJ_NABI; abi++)
			if (nrof(abi, a->name) >= 0)
				named = 1;
		ATF_CHECK_MSG(named, "args %s: no row names it", a->name);
		ATF_CHECK_MSG(strlen(a->kinds) >= 1 && strlen(a->kinds) <= 6 &&
		    strspn(a->kinds, "duxpsf") == strlen(a->kinds),
		    "args %s: kinds %s", a->name, a->kinds);
		if (strcmp(a->name, "kill") == 0) {
			ATF_CHECK_STREQ(a->kinds, "ds");
			found = 1;
		}
	}
	ATF_CHECK(found);
	ATF_CHECK(a - sj_argkinds > 50);
}

static struct sysjail *
jail4(const char *a, const char *b, const char *c)
{
	struct sysjail	*sj = sysjail_create();

	ATF_REQUIRE(sj != NULL);
	if (a)
		ATF_REQUIRE(sysjail_add_addr(sj, a) == 0);
	if (b)
		ATF_REQUIRE(sysjail_add_addr(sj, b) == 0);
	if (c)
		ATF_REQUIRE(sysjail_add_addr(sj, c) == 0);
	return sj;
}

static const char *
bind4(struct sysjail *sj, int family, const char *addr)
{
	static char		 out[64];
	struct sockaddr_storage	 ss;
	struct sockaddr_in	*sin = (struct sockaddr_in *)&ss;
	int			 e;

	memset(&ss, 0, sizeof(ss));
	sin->sin_family = family;
	inet_pton(AF_INET, addr, &sin->sin_addr);
	if ((e = sj_bind_policy(sj, AF_INET, &ss, sizeof(*sin))) != 0)
		return strerrorname_np(e);
	inet_ntop(AF_INET, &sin->sin_addr, out, sizeof(out));
	return out;
}

static const char *
bind6(struct sysjail *sj, const char *addr)
{
	static char		 out[64];
	struct sockaddr_storage	 ss;
	struct sockaddr_in6	*sin6 = (struct sockaddr_in6 *)&ss;
	int			 e;

	memset(&ss, 0, sizeof(ss));
	sin6->sin6_family = AF_INET6;
	inet_pton(AF_INET6, addr, &sin6->sin6_addr);
	if ((e = sj_bind_policy(sj, AF_INET6, &ss, sizeof(*sin6))) != 0)
		return strerrorname_np(e);
	inet_ntop(AF_INET6, &sin6->sin6_addr, out, sizeof(out));
	return out;
}

ATF_TC_WITHOUT_HEAD(bind_rule);
ATF_TC_BODY(bind_rule, tc)
{
	struct sysjail	*sj = jail4("192.0.2.10", "192.0.2.11", NULL);

	ATF_CHECK_STREQ(bind4(sj, AF_INET, "0.0.0.0"), "192.0.2.10");
	ATF_CHECK_STREQ(bind4(sj, AF_UNSPEC, "0.0.0.0"), "192.0.2.10");
	ATF_CHECK_STREQ(bind4(sj, AF_INET, "127.0.0.1"), "192.0.2.10");
	ATF_CHECK_STREQ(bind4(sj, AF_INET, "127.255.0.9"), "192.0.2.10");
	ATF_CHECK_STREQ(bind4(sj, AF_INET, "192.0.2.10"), "192.0.2.10");
	ATF_CHECK_STREQ(bind4(sj, AF_INET, "192.0.2.11"), "192.0.2.11");
	ATF_CHECK_STREQ(bind4(sj, AF_INET, "192.0.2.12"), "EADDRNOTAVAIL");
	ATF_CHECK_STREQ(bind4(sj, AF_INET, "10.0.0.1"), "EADDRNOTAVAIL");
	/* The wrong family is left for the kernel to refuse. */
	ATF_CHECK_STREQ(bind4(sj, AF_INET6, "10.0.0.1"), "10.0.0.1");
	ATF_CHECK_STREQ(bind6(sj, "::"), "::ffff:192.0.2.10");
	ATF_CHECK_STREQ(bind6(sj, "::ffff:127.0.0.1"), "::ffff:192.0.2.10");
	ATF_CHECK_STREQ(bind6(sj, "::1"), "EADDRNOTAVAIL");
	ATF_CHECK_STREQ(bind6(sj, "2001:db8::1"), "EADDRNOTAVAIL");
	sysjail_free(sj);

	sj = jail4("2001:db8::10", "2001:db8::11", NULL);
	ATF_CHECK_STREQ(bind6(sj, "::"), "2001:db8::10");
	ATF_CHECK_STREQ(bind6(sj, "::1"), "2001:db8::10");
	ATF_CHECK_STREQ(bind6(sj, "2001:db8::11"), "2001:db8::11");
	ATF_CHECK_STREQ(bind6(sj, "2001:db8::12"), "EADDRNOTAVAIL");
	ATF_CHECK_STREQ(bind4(sj, AF_INET, "0.0.0.0"), "EADDRNOTAVAIL");
	sysjail_free(sj);
}

ATF_TP_ADD_TCS(tp)
{
	ATF_TP_ADD_TC(tp, x32);
	ATF_TP_ADD_TC(tp, unknown_arch);
	ATF_TP_ADD_TC(tp, allowed_without_arguments);
	ATF_TP_ADD_TC(tp, kill_both_abis);
	ATF_TP_ADD_TC(tp, ioctl_width);
	ATF_TP_ADD_TC(tp, socketcall_subcalls);
	ATF_TP_ADD_TC(tp, sysvipc_flag);
	ATF_TP_ADD_TC(tp, privileged_denied);
	ATF_TP_ADD_TC(tp, socket_families);
	ATF_TP_ADD_TC(tp, table_complete);
	ATF_TP_ADD_TC(tp, default_deny);
	ATF_TP_ADD_TC(tp, numbers_from_abi_header);
	ATF_TP_ADD_TC(tp, notify_has_handler);
	ATF_TP_ADD_TC(tp, args_kinds);
	ATF_TP_ADD_TC(tp, bind_rule);
	return atf_no_error();
}
