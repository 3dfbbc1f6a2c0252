/*
 * bench_notify: the round trip of an intercepted call through sysjail's
 * supervisor, against a minimal responder written here.
 *
 * The calls, each of which the jail's filter sends to the supervisor:
 *	kill(self, 0)		the fastest handler: CONTINUE on registers;
 *	kill(child, 0)		the membership path: is the target the jail's?
 *	sched_getaffinity(child), getpgid(child), prlimit64(child, NOFILE,
 *	NULL, &old)		the same question, for the calls that name a
 *				process (h_process.c);
 *	bind(0.0.0.0:0)		a socket(2), bind(2) and close(2) loop: the
 *				supervisor takes the caller's descriptor and
 *				binds it itself.
 * The minimal responder is the least any supervisor can do: a child
 * installs a filter that notifies that one call and allows everything else,
 * hands the listener over, and executes the same measuring code as the
 * jailed side; this process answers poll -> RECV -> SEND(CONTINUE), the
 * loop shape sysjail's supervisor has, with no work in between (so for
 * bind the kernel binds: the minimal responder plus a bare bind).  Both
 * sides set SYNC_WAKE_UP when the kernel has it, as sysjail does.
 *
 * -a adds a third responder, the minimal one plus what sysjail's fastest
 * handler does in the kernel (reading /proc/<tid>/status and checking the
 * notification id), to tell the cost of that read from the rest.
 *
 * usage: bench_notify [-ap] [-n calls] [-r rounds]
 */
#include <sys/ioctl.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/wait.h>

#include <linux/audit.h>
#include <linux/filter.h>
#include <linux/seccomp.h>
#include <netinet/in.h>

#include <err.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <sched.h>
#include <signal.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "common.h"

#ifndef __x86_64__
#error "bench_notify filters the x86_64 system call numbers"
#endif

#include "compat.h"	/* constants Debian 12's headers predate */

#define TARGET		1.2

enum mode { SELF, MEMBER, AFFINITY, GETPGID, PRLIMIT, BIND, NMODE };
enum resp { MINIMAL, STATUS, SYSJAIL };

static const struct {
	const char	*name;		/* the child's argument */
	const char	*call;		/* as printed */
	long		 nr;		/* the call the minimal filter notifies */
} modes[NMODE] = {
	{ "self", "kill(self,0)", SYS_kill },
	{ "member", "kill(child,0)", SYS_kill },
	{ "affinity", "sched_getaffinity(child)", SYS_sched_getaffinity },
	{ "getpgid", "getpgid(child)", SYS_getpgid },
	{ "prlimit", "prlimit(child)", SYS_prlimit64 },
	{ "bind", "bind(0.0.0.0:0)", SYS_bind },
};

static int	 syncwake = -1;		/* the kernel took SYNC_WAKE_UP */

/* ---- the measuring child ------------------------------------------------ */

/* One call of mode m on pid; 0 if it gave the expected answer. */
static int
call(enum mode m, pid_t pid)
{
	struct sockaddr_in	 sin;
	struct rlimit		 rl;
	cpu_set_t		 set;
	int			 s, r;

	switch (m) {
	case SELF:
	case MEMBER:
		return kill(pid, 0);
	case AFFINITY:
		return sched_getaffinity(pid, sizeof(set), &set);
	case GETPGID:
		return getpgid(pid) == -1;
	case PRLIMIT:
		return prlimit(pid, RLIMIT_NOFILE, NULL, &rl);
	case BIND:
		memset(&sin, 0, sizeof(sin));
		sin.sin_family = AF_INET;
		sin.sin_addr.s_addr = htonl(INADDR_ANY);
		if ((s = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0)) == -1)
			return -1;
		r = bind(s, (struct sockaddr *)&sin, sizeof(sin));
		close(s);
		return r;
	default:
		return -1;
	}
}

static double
loop(enum mode m, pid_t pid, long n)
{
	struct timespec	 a, b;
	long		 i, bad = 0;

	for (i = 0; i < n / 10; i++)
		bad += call(m, pid) != 0;
	clock_gettime(CLOCK_MONOTONIC, &a);
	for (i = 0; i < n; i++)
		bad += call(m, pid) != 0;
	clock_gettime(CLOCK_MONOTONIC, &b);
	if (bad)
		errx(1, "%s on %d failed %ld times", modes[m].call, (int)pid,
		    bad);
	return bench_ns(&a, &b) / (double)n;
}

/*
 * The pid is read once, outside the loop: getpid(2) is a system call of its
 * own, and what is measured is the call.  For a call on a child the target
 * waits for its pipe to close, so it is alive throughout.
 */
static int
child(int argc, char *argv[])
{
	enum mode	 m;
	pid_t		 pid;
	double		 ns;
	long		 n;
	int		 p[2], st;
	char		 c;

	if (argc != 4 || (n = strtol(argv[3], NULL, 10)) < 1)
		errx(1, "--child: bad arguments");
	for (m = 0; m < NMODE && strcmp(argv[2], modes[m].name) != 0; m++)
		continue;
	if (m == NMODE)
		errx(1, "--child: bad mode %s", argv[2]);
	if (m == SELF || m == BIND) {
		bench_report(loop(m, getpid(), n));
		return 0;
	}
	if (pipe(p) == -1)
		err(1, "pipe");
	if ((pid = fork()) == -1)
		err(1, "fork");
	if (pid == 0) {
		close(p[1]);
		while (read(p[0], &c, 1) == -1 && errno == EINTR)
			continue;
		_exit(0);
	}
	close(p[0]);
	ns = loop(m, pid, n);
	close(p[1]);
	while (waitpid(pid, &st, 0) == -1)
		if (errno != EINTR)
			err(1, "waitpid");
	bench_report(ns);
	return 0;
}

/* ---- the minimal responder ---------------------------------------------- */

static int
sendfd(int sock, int fd)
{
	union {
		struct cmsghdr	 h;
		char		 buf[CMSG_SPACE(sizeof(int))];
	} u;
	struct cmsghdr	*cm;
	struct msghdr	 m;
	struct iovec	 iov;
	char		 c = 'l';

	memset(&u, 0, sizeof(u));
	memset(&m, 0, sizeof(m));
	iov.iov_base = &c;
	iov.iov_len = 1;
	m.msg_iov = &iov;
	m.msg_iovlen = 1;
	m.msg_control = u.buf;
	m.msg_controllen = sizeof(u.buf);
	cm = CMSG_FIRSTHDR(&m);
	cm->cmsg_level = SOL_SOCKET;
	cm->cmsg_type = SCM_RIGHTS;
	cm->cmsg_len = CMSG_LEN(sizeof(int));
	memcpy(CMSG_DATA(cm), &fd, sizeof(int));
	return sendmsg(sock, &m, 0) == 1 ? 0 : -1;
}

static int
recvfd(int sock)
{
	union {
		struct cmsghdr	 h;
		char		 buf[CMSG_SPACE(sizeof(int))];
	} u;
	struct cmsghdr	*cm;
	struct msghdr	 m;
	struct iovec	 iov;
	char		 c;
	int		 fd;

	memset(&m, 0, sizeof(m));
	iov.iov_base = &c;
	iov.iov_len = 1;
	m.msg_iov = &iov;
	m.msg_iovlen = 1;
	m.msg_control = u.buf;
	m.msg_controllen = sizeof(u.buf);
	if (recvmsg(sock, &m, MSG_CMSG_CLOEXEC) != 1)
		return -1;
	if ((cm = CMSG_FIRSTHDR(&m)) == NULL || cm->cmsg_level != SOL_SOCKET ||
	    cm->cmsg_type != SCM_RIGHTS ||
	    cm->cmsg_len != CMSG_LEN(sizeof(int)))
		return -1;
	memcpy(&fd, CMSG_DATA(cm), sizeof(int));
	return fd;
}

/*
 * The child of the minimal side: confine itself with a filter that notifies
 * the call nr only, hand the listener over, wait for the go-ahead, and execute
 * the measuring child.  The flags are the jail's, so that only the responder
 * differs.  sendmsg(2) and read(2) are not notified: nothing here waits for
 * an answer that nobody can give yet.
 */
static void __attribute__((noreturn))
confined(int sock, long nr, char *const argv[])
{
	struct sock_filter	 insns[] = {
		BPF_STMT(BPF_LD | BPF_W | BPF_ABS,
		    offsetof(struct seccomp_data, arch)),
		BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, AUDIT_ARCH_X86_64, 1, 0),
		BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW),
		BPF_STMT(BPF_LD | BPF_W | BPF_ABS,
		    offsetof(struct seccomp_data, nr)),
		BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, (uint32_t)nr, 0, 1),
		BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_USER_NOTIF),
		BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW),
	};
	struct sock_fprog	 prog;
	char			 c;
	int			 fd;

	prog.len = sizeof(insns) / sizeof(insns[0]);
	prog.filter = insns;
	if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) == -1)
		_exit(127);
	fd = (int)syscall(SYS_seccomp, SECCOMP_SET_MODE_FILTER,
	    SECCOMP_FILTER_FLAG_NEW_LISTENER |
	    SECCOMP_FILTER_FLAG_WAIT_KILLABLE_RECV, &prog);
	if (fd == -1 && errno == EINVAL)	/* before Linux 5.19 */
		fd = (int)syscall(SYS_seccomp, SECCOMP_SET_MODE_FILTER,
		    SECCOMP_FILTER_FLAG_NEW_LISTENER, &prog);
	if (fd == -1 || sendfd(sock, fd) == -1 || read(sock, &c, 1) != 1)
		_exit(127);
	close(fd);
	close(sock);
	execv(argv[0], argv);
	_exit(127);
}

/* What sysjail's fastest handler asks of the kernel, minus its parsing. */
static void
statuswork(int procfd, int lfd, const struct seccomp_notif *req)
{
	char		 path[32], buf[8192];
	uint64_t	 id = req->id;
	ssize_t		 n;
	int		 fd;

	snprintf(path, sizeof(path), "%u/status", req->pid);
	if ((fd = openat(procfd, path, O_RDONLY | O_CLOEXEC)) == -1)
		return;
	while ((n = read(fd, buf, sizeof(buf))) > 0)
		continue;
	close(fd);
	(void)ioctl(lfd, SECCOMP_IOCTL_NOTIF_ID_VALID, &id);
}

/* Answers CONTINUE to everything until no task uses the filter. */
static void
respond(int lfd, int procfd)
{
	static struct seccomp_notif		*req;
	static struct seccomp_notif_resp	*resp;
	static size_t				 reqsz, respsz;
	struct seccomp_notif_sizes		 sz;
	struct pollfd				 pfd;

	if (req == NULL) {
		if (syscall(SYS_seccomp, SECCOMP_GET_NOTIF_SIZES, 0, &sz) == -1)
			err(1, "SECCOMP_GET_NOTIF_SIZES");
		/* The kernel's structures may have grown past our headers. */
		reqsz = sz.seccomp_notif > sizeof(*req) ? sz.seccomp_notif :
		    sizeof(*req);
		respsz = sz.seccomp_notif_resp > sizeof(*resp) ?
		    sz.seccomp_notif_resp : sizeof(*resp);
		if ((req = calloc(1, reqsz)) == NULL ||
		    (resp = calloc(1, respsz)) == NULL)
			err(1, "calloc");
	}
	pfd.fd = lfd;
	pfd.events = POLLIN;
	for (;;) {
		if (poll(&pfd, 1, -1) == -1) {
			if (errno == EINTR)
				continue;
			err(1, "poll");
		}
		if (pfd.revents & POLLIN) {
			memset(req, 0, reqsz);
			if (ioctl(lfd, SECCOMP_IOCTL_NOTIF_RECV, req) == -1)
				continue;	/* the caller went away */
			if (procfd != -1)
				statuswork(procfd, lfd, req);
			memset(resp, 0, respsz);
			resp->id = req->id;
			resp->flags = SECCOMP_USER_NOTIF_FLAG_CONTINUE;
			(void)ioctl(lfd, SECCOMP_IOCTL_NOTIF_SEND, resp);
		} else if (pfd.revents & (POLLHUP | POLLERR))
			return;		/* every filtered task has exited */
	}
}

/* Runs argv under the minimal responder and returns its result. */
static double
minimal(long nr, char *const argv[], int procfd)
{
	pid_t	 pid;
	double	 v;
	int	 sv[2], p[2], lfd, st;

	fflush(stdout);
	if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sv) == -1 ||
	    pipe2(p, O_CLOEXEC) == -1)
		err(1, "socketpair");
	if ((pid = fork()) == -1)
		err(1, "fork");
	if (pid == 0) {
		close(sv[0]);
		close(p[0]);
		if (dup2(p[1], 1) == -1)
			_exit(127);
		confined(sv[1], nr, argv);
	}
	close(sv[1]);
	close(p[1]);
	if ((lfd = recvfd(sv[0])) == -1)
		errx(1, "minimal: no listener from the child");
	/* Same-CPU hand-off (Linux 6.6); optional, as in sysjail. */
	syncwake = ioctl(lfd, SECCOMP_IOCTL_NOTIF_SET_FLAGS,
	    SECCOMP_USER_NOTIF_FD_SYNC_WAKE_UP, 0) == 0;
	if (write(sv[0], "g", 1) != 1)
		err(1, "minimal: go-ahead");
	close(sv[0]);
	respond(lfd, procfd);
	close(lfd);
	v = bench_result(p[0]);
	close(p[0]);
	while (waitpid(pid, &st, 0) == -1)
		if (errno != EINTR)
			err(1, "waitpid");
	if (!WIFEXITED(st) || WEXITSTATUS(st) != 0 || v < 0)
		errx(1, "minimal run failed (wait status %#x)", st);
	return v;
}

/* ---- rounds ------------------------------------------------------------- */

struct series {
	enum mode	 mode;
	enum resp	 resp;
	double		 us[BENCH_MAXROUNDS];
};

static void
line(const char *call, const struct series *m, const struct series *j,
    int n, double target)
{
	double	 ratio[BENCH_MAXROUNDS], mm, mj, mlo, mhi, jlo, jhi, rlo, rhi;
	int	 i;

	for (i = 0; i < n; i++)
		ratio[i] = j->us[i] / m->us[i];
	mm = bench_median(m->us, n);
	mj = bench_median(j->us, n);
	bench_range(m->us, n, &mlo, &mhi);
	bench_range(j->us, n, &jlo, &jhi);
	bench_range(ratio, n, &rlo, &rhi);
	printf("intercepted %s: minimal responder %.2f us, sysjail %.2f us, "
	    "ratio %.3f (target <= %.1f)\n", call, mm, mj, mj / mm, target);
	printf("  spread: minimal %.2f-%.2f us, sysjail %.2f-%.2f us, "
	    "per-round ratio %.3f-%.3f (median %.3f)\n", mlo, mhi, jlo, jhi,
	    rlo, rhi, bench_median(ratio, n));
}

int
main(int argc, char *argv[])
{
	struct bench_opts	 o = { 0, 7, 20000, 0 };
	struct series		 s[2 * NMODE + 1];
	char			 nbuf[32], *cargv[NMODE][5];
	double			 lo, hi;
	int			 procfd, r, i, k, ns;

	if (argc > 1 && strcmp(argv[1], "--child") == 0)
		return child(argc, argv);
	bench_opts(&o, argc, argv, "apn:r:",
	    "bench_notify [-ap] [-n calls] [-r rounds]");
	if (o.pin)
		bench_pin();
	if ((procfd = open("/proc", O_RDONLY | O_DIRECTORY | O_CLOEXEC)) == -1)
		err(1, "/proc");
	snprintf(nbuf, sizeof(nbuf), "%ld", o.calls);
	memset(s, 0, sizeof(s));
	for (i = 0; i < NMODE; i++) {
		cargv[i][0] = bench_self();
		cargv[i][1] = "--child";
		cargv[i][2] = (char *)modes[i].name;
		cargv[i][3] = nbuf;
		cargv[i][4] = NULL;
		s[2 * i].mode = s[2 * i + 1].mode = i;
		s[2 * i].resp = MINIMAL;
		s[2 * i + 1].resp = SYSJAIL;
	}
	s[2 * NMODE].mode = SELF;
	s[2 * NMODE].resp = STATUS;
	ns = o.extra ? 2 * NMODE + 1 : 2 * NMODE;

	for (r = 0; r < o.rounds; r++) {
		for (i = 0; i < ns; i++) {
			/* Every other round backwards: drift weighs alike. */
			k = r % 2 ? ns - 1 - i : i;
			switch (s[k].resp) {
			case MINIMAL:
				s[k].us[r] = minimal(modes[s[k].mode].nr,
				    cargv[s[k].mode], -1);
				break;
			case STATUS:
				s[k].us[r] = minimal(modes[s[k].mode].nr,
				    cargv[s[k].mode], procfd);
				break;
			case SYSJAIL:
				s[k].us[r] = bench_jailed(cargv[s[k].mode]);
				break;
			}
			s[k].us[r] /= 1000;
		}
	}

	printf("bench_notify: %d rounds x %ld calls, %s, SYNC_WAKE_UP %s\n",
	    o.rounds, o.calls, o.pin ? "pinned to CPU 0" : "unpinned",
	    syncwake ? "on" : "refused by the kernel");
	for (i = 0; i < NMODE; i++)
		line(modes[i].call, &s[2 * i], &s[2 * i + 1], o.rounds, TARGET);
	if (o.extra) {
		bench_range(s[2 * NMODE].us, o.rounds, &lo, &hi);
		printf("attribution: minimal responder + /proc/<tid>/status "
		    "read + ID_VALID, kill(self,0): %.2f us (%.2f-%.2f), "
		    "ratio to minimal %.3f\n",
		    bench_median(s[2 * NMODE].us, o.rounds), lo, hi,
		    bench_median(s[2 * NMODE].us, o.rounds) /
		    bench_median(s[0].us, o.rounds));
	}
	close(procfd);
	return 0;
}
