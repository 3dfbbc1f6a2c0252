/*
 * confine_test: the kernel backstops, checked against the running kernel
 * without any supervisor: what still holds if the supervisor is wrong or
 * gone.  Each case confines a forked child and reports by exit status.
 */
#include <sys/prctl.h>
#include <sys/ptrace.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>

#include <atf-c.h>
#include <errno.h>
#include <fcntl.h>
#include <linux/capability.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "sysjail_priv.h"

/* Runs fn in a child; returns its exit status (255 if it did not exit). */
static int
inchild(int (*fn)(void))
{
	pid_t	 p;
	int	 st;

	if ((p = fork()) == 0)
		_exit(fn());
	ATF_REQUIRE(p > 0);
	ATF_REQUIRE(waitpid(p, &st, 0) == p);
	return WIFEXITED(st) ? WEXITSTATUS(st) : 255;
}

static int
scoped_signal(void)
{
	pid_t	 c;

	if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) == -1 ||
	    sj_confine_landlock(0) == -1)
		return 10;
	if (kill(getppid(), 0) != -1 || errno != EPERM)
		return 11;		/* the parent is outside the domain */
	if ((c = fork()) == 0) {
		pause();
		_exit(0);
	}
	if (kill(c, SIGKILL) == -1)
		return 12;		/* a child is inside it */
	waitpid(c, NULL, 0);
	return 0;
}

ATF_TC_WITHOUT_HEAD(landlock_signal_scope);
ATF_TC_BODY(landlock_signal_scope, tc)
{
	if (sj_landlock_abi() < 6)
		atf_tc_skip("Landlock ABI %d: no signal scoping before 6 "
		    "(Linux 6.12)", sj_landlock_abi());
	ATF_CHECK_EQ(inchild(scoped_signal), 0);
}

static int
scoped_ptrace(void)
{
	if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) == -1 ||
	    sj_confine_landlock(0) == -1)
		return 10;
	if (ptrace(PTRACE_SEIZE, getppid(), 0, 0) != -1 || errno != EPERM)
		return 11;
	return 0;
}

ATF_TC_WITHOUT_HEAD(landlock_ptrace);
ATF_TC_BODY(landlock_ptrace, tc)
{
	if (sj_landlock_abi() < 1)
		atf_tc_skip("the kernel has no Landlock");
	ATF_CHECK_EQ(inchild(scoped_ptrace), 0);
}

static int
bounded(void)
{
	if (sj_confine_caps(0) == -1)
		return 10;
	if (prctl(PR_CAPBSET_READ, CAP_SYS_ADMIN, 0, 0, 0) != 0 ||
	    prctl(PR_CAPBSET_READ, CAP_SYS_MODULE, 0, 0, 0) != 0 ||
	    prctl(PR_CAPBSET_READ, CAP_SYS_NICE, 0, 0, 0) != 0)
		return 11;
	if (prctl(PR_CAPBSET_READ, CAP_CHOWN, 0, 0, 0) != 1)
		return 12;
	/* CAP_SYS_PTRACE stays exactly where Landlock confines it. */
	if (prctl(PR_CAPBSET_READ, CAP_SYS_PTRACE, 0, 0, 0) !=
	    (sj_landlock_abi() > 0))
		return 14;
	/* What the filter misses meets the kernel's own EPERM. */
	if (sethostname("x", 1) != -1 || errno != EPERM)
		return 13;
	return 0;
}

/*
 * The Landlock file system backstop: a descriptor that leads outside the
 * root (as a chroot escape would) reaches nothing there, while the root's
 * own files, links and renames across its directories keep working.  With
 * confine 0 the same steps show the escape that chroot alone leaves open.
 */
static int
fsbackstop(int confine)
{
	int	 out, fd;

	if (mkdir("root", 0755) == -1 || mkdir("root/a", 0755) == -1 ||
	    mkdir("root/b", 0755) == -1 ||
	    (fd = open("outside", O_WRONLY | O_CREAT, 0600)) == -1)
		return 10;
	close(fd);
	if ((out = open(".", O_RDONLY | O_DIRECTORY)) == -1 ||
	    chroot("root") == -1 || chdir("/") == -1)
		return 11;
	if (confine && (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) == -1 ||
	    sj_confine_landlock(0) == -1))
		return 12;
	fd = openat(out, "outside", O_RDONLY);
	if (confine && (fd != -1 || errno != EACCES))
		return 13;		/* outside the root: refused */
	if (!confine && fd == -1)
		return 14;		/* chroot alone lets it through */
	if ((fd = open("/a/f", O_WRONLY | O_CREAT, 0600)) == -1)
		return 15;
	close(fd);
	if (link("/a/f", "/b/g") == -1 || rename("/b/g", "/a/h") == -1)
		return 16;		/* REFER inside the root */
	return 0;
}

static int
fsconfined(void)
{
	return fsbackstop(1);
}

static int
fsbare(void)
{
	return fsbackstop(0);
}

ATF_TC(landlock_fs_backstop);
ATF_TC_HEAD(landlock_fs_backstop, tc)
{
	atf_tc_set_md_var(tc, "require.user", "root");
}
ATF_TC_BODY(landlock_fs_backstop, tc)
{
	if (sj_landlock_abi() < 2)
		atf_tc_skip("Landlock ABI 2 or later is needed");
	ATF_CHECK_EQ(inchild(fsbare), 0);
	ATF_REQUIRE(system("rm -rf root outside") == 0);
	ATF_CHECK_EQ(inchild(fsconfined), 0);
}

ATF_TC(caps_bounded);
ATF_TC_HEAD(caps_bounded, tc)
{
	atf_tc_set_md_var(tc, "require.user", "root");
}
ATF_TC_BODY(caps_bounded, tc)
{
	ATF_CHECK_EQ(inchild(bounded), 0);
}

/*
 * The real filter in the real kernel, its listener closed at once: the
 * supervisor is "gone".  Decided calls keep their answers, and every call
 * that needed the supervisor fails with ENOSYS without being performed.
 */
static int
listenerless(void)
{
	struct sj_filter	 f;
	int			 fd;

	if (sj_filter_build(&f, 0) == -1 ||
	    prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) == -1 ||
	    (fd = sj_confine_filter(&f)) == -1)
		return 10;
	close(fd);
	if (kill(getppid(), 0) != -1 || errno != ENOSYS)
		return 11;		/* notified: never performed */
	if (sethostname("x", 1) != -1 || errno != ENOSYS)
		return 12;
	if (syscall(SYS_getpid | 0x40000000) != -1 || errno != ENOSYS)
		return 13;		/* x32 */
	if (syscall(SYS_io_uring_setup, 1, NULL) != -1 || errno != ENOSYS)
		return 14;
	if (chroot("/") != -1 || errno != EPERM)
		return 15;
	if (kill(0, 0) != 0)
		return 16;		/* kill(0) is the filter's own */
	if (kill(getpid(), 0) != -1 || errno != ENOSYS)
		return 18;		/* even to oneself: nobody answers */
	if (getppid() <= 0)
		return 17;		/* allowed calls still work */
	return 0;
}

ATF_TC_WITHOUT_HEAD(fail_closed_filter);
ATF_TC_BODY(fail_closed_filter, tc)
{
	ATF_CHECK_EQ(inchild(listenerless), 0);
}

ATF_TP_ADD_TCS(tp)
{
	ATF_TP_ADD_TC(tp, landlock_signal_scope);
	ATF_TP_ADD_TC(tp, landlock_ptrace);
	ATF_TP_ADD_TC(tp, caps_bounded);
	ATF_TP_ADD_TC(tp, landlock_fs_backstop);
	ATF_TP_ADD_TC(tp, fail_closed_filter);
	return atf_no_error();
}
