/*
 * bench_allowed: what a jail costs a system call it allows.
 *
 * getppid(2) has no row in the policy, so the jail's filter allows it
 * without loading an argument, and the kernel's seccomp action cache then
 * answers it without running the filter at all: jailed, it should cost what
 * it costs bare.  The binary measures both sides by re-executing itself as
 * "--child N", once in a plain child and once in a jail started through
 * libsysjail, round after round.  The order alternates between rounds so
 * that a slow drift of the machine weighs on both sides alike.
 *
 * -a adds a third side: a bare child under a one-instruction filter that
 * allows everything.  Its calls take the kernel's seccomp entry path and hit
 * the action cache exactly as jailed ones do, with nothing of sysjail
 * around them, which tells what any filter costs from what the jail adds.
 *
 * usage: bench_allowed [-ap] [-n calls] [-r rounds]
 */
#include <sys/prctl.h>
#include <sys/syscall.h>

#include <linux/filter.h>
#include <linux/seccomp.h>

#include <err.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "common.h"

#define TARGET		1.02

static void
allowall(void)
{
	struct sock_filter	 insn = BPF_STMT(BPF_RET | BPF_K,
	    SECCOMP_RET_ALLOW);
	struct sock_fprog	 prog = { 1, &insn };

	if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) == -1 ||
	    syscall(SYS_seccomp, SECCOMP_SET_MODE_FILTER, 0, &prog) == -1)
		err(1, "seccomp");
}

/*
 * The measuring child: N calls timed, after a tenth of that to warm up;
 * "--child N filter" first installs the allow-everything filter.
 */
static int
child(int argc, char *argv[])
{
	struct timespec	 a, b;
	volatile pid_t	 sink;
	long		 i, n;

	if (argc < 3 || argc > 4 || (n = strtol(argv[2], NULL, 10)) < 1 ||
	    (argc == 4 && strcmp(argv[3], "filter") != 0))
		errx(1, "--child: bad arguments");
	if (argc == 4)
		allowall();
	for (i = 0; i < n / 10; i++)
		sink = getppid();
	clock_gettime(CLOCK_MONOTONIC, &a);
	for (i = 0; i < n; i++)
		sink = getppid();
	clock_gettime(CLOCK_MONOTONIC, &b);
	(void)sink;
	bench_report(bench_ns(&a, &b) / (double)n);
	return 0;
}

int
main(int argc, char *argv[])
{
	struct bench_opts	 o = { 0, 7, 2000000, 0 };
	double			 bare[BENCH_MAXROUNDS], jail[BENCH_MAXROUNDS];
	double			 filt[BENCH_MAXROUNDS], ratio[BENCH_MAXROUNDS];
	double			 mb, mj, mf, blo, bhi, jlo, jhi, rlo, rhi;
	char			 nbuf[32], *cargv[4], *fargv[5];
	int			 r;

	if (argc > 1 && strcmp(argv[1], "--child") == 0)
		return child(argc, argv);
	bench_opts(&o, argc, argv, "apn:r:",
	    "bench_allowed [-ap] [-n calls] [-r rounds]");
	if (o.pin)
		bench_pin();
	snprintf(nbuf, sizeof(nbuf), "%ld", o.calls);
	cargv[0] = bench_self();
	cargv[1] = "--child";
	cargv[2] = nbuf;
	cargv[3] = NULL;
	memcpy(fargv, cargv, sizeof(cargv));
	fargv[3] = "filter";
	fargv[4] = NULL;

	for (r = 0; r < o.rounds; r++) {
		if (r % 2 == 0) {
			bare[r] = bench_bare(cargv);
			jail[r] = bench_jailed(cargv);
			if (o.extra)
				filt[r] = bench_bare(fargv);
		} else {
			if (o.extra)
				filt[r] = bench_bare(fargv);
			jail[r] = bench_jailed(cargv);
			bare[r] = bench_bare(cargv);
		}
		ratio[r] = jail[r] / bare[r];
	}

	mb = bench_median(bare, o.rounds);
	mj = bench_median(jail, o.rounds);
	bench_range(bare, o.rounds, &blo, &bhi);
	bench_range(jail, o.rounds, &jlo, &jhi);
	bench_range(ratio, o.rounds, &rlo, &rhi);
	printf("bench_allowed: %d rounds x %ld calls, %s\n", o.rounds,
	    o.calls, o.pin ? "pinned to CPU 0" : "unpinned");
	printf("allowed getppid: bare %.1f ns, jailed %.1f ns, ratio %.3f "
	    "(target <= %.2f)\n", mb, mj, mj / mb, TARGET);
	printf("  spread: bare %.1f-%.1f ns, jailed %.1f-%.1f ns, "
	    "per-round ratio %.3f-%.3f (median %.3f)\n", blo, bhi, jlo, jhi,
	    rlo, rhi, bench_median(ratio, o.rounds));
	if (o.extra) {
		mf = bench_median(filt, o.rounds);
		bench_range(filt, o.rounds, &blo, &bhi);
		printf("attribution: bare under a 1-instruction allow-all "
		    "filter: %.1f ns (%.1f-%.1f), ratio to bare %.3f\n", mf,
		    blo, bhi, mf / mb);
	}
	return 0;
}
