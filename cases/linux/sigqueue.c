/*
 * sigqueue: rt_sigqueueinfo(2) and rt_tgsigqueueinfo(2), signals that carry
 * a siginfo from the sender's memory (SPEC section 1).
 */
#include <sys/syscall.h>
#include <sys/wait.h>

#include <signal.h>
#include <string.h>
#include <unistd.h>

#include "fixture.h"

static volatile sig_atomic_t	 value;

static void
got(int sig, siginfo_t *si, void *ctx)
{
	(void)sig;
	(void)ctx;
	value = si->si_value.sival_int;
}

static void
exit9(int sig)
{
	(void)sig;
	_exit(9);
}

static long
queue(pid_t pid, int sig, int code, int val)
{
	siginfo_t	 si;

	memset(&si, 0, sizeof(si));
	si.si_signo = sig;
	si.si_code = code;
	si.si_pid = getpid();
	si.si_uid = getuid();
	si.si_value.sival_int = val;
	return syscall(SYS_rt_sigqueueinfo, pid, sig, &si);
}

static long
tgqueue(pid_t tgid, pid_t tid, int sig, int val)
{
	siginfo_t	 si;

	memset(&si, 0, sizeof(si));
	si.si_signo = sig;
	si.si_code = SI_QUEUE;
	si.si_pid = getpid();
	si.si_uid = getuid();
	si.si_value.sival_int = val;
	return syscall(SYS_rt_tgsigqueueinfo, tgid, tid, sig, &si);
}

int
main(void)
{
	struct sigaction	 sa;
	sigset_t		 set;
	pid_t			 outside = (pid_t)envnum("SJ_OUTSIDE"), c;
	int			 st;

	check("outside", (int)queue(outside, 0, SI_QUEUE, 0));
	check("parent", (int)queue(getppid(), 0, SI_QUEUE, 0));
	check("forged", (int)queue(outside, 0, SI_USER, 0));
	check("tg-outside", (int)tgqueue(outside, outside, 0, 0));

	memset(&sa, 0, sizeof(sa));
	sa.sa_sigaction = got;
	sa.sa_flags = SA_SIGINFO;
	sigaction(SIGURG, &sa, NULL);
	check("self", (int)queue(getpid(), SIGURG, SI_QUEUE, 41));
	say("self-value", value == 41 ? "yes" : "no");
	check("tg-self", (int)tgqueue(getpid(), xgettid(), SIGURG, 42));
	say("tg-self-value", value == 42 ? "yes" : "no");

	sigemptyset(&set);
	sigaddset(&set, SIGURG);
	sigprocmask(SIG_BLOCK, &set, NULL);
	if ((c = fork()) == 0) {
		signal(SIGURG, exit9);
		sigprocmask(SIG_UNBLOCK, &set, NULL);
		for (;;)
			pause();
	}
	sigprocmask(SIG_UNBLOCK, &set, NULL);
	usleep(100000);
	check("child", (int)queue(c, SIGURG, SI_QUEUE, 7));
	say("child-got", waitpid(c, &st, 0) == c && WIFEXITED(st) &&
	    WEXITSTATUS(st) == 9 ? "yes" : "no");
	return 0;
}
