/*
 * nested: a second seccomp listener, installed by the jailed process for
 * bind(2) and kill(2), that answers every call CONTINUE itself (A03).  The
 * kernel lets the most recent listener decide, so a jail whose own listener
 * could be shadowed would let the kernel bind 0.0.0.0 and signal outside
 * processes unjudged.  The kernel refuses a new listener below one that
 * already exists (EBUSY), so in a jail the calls still meet the jail's
 * supervisor: J, ESRCH.  Bare, the listener is made, answers, and the
 * calls are performed as asked.
 */
#include <sys/ioctl.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/syscall.h>

#include <arpa/inet.h>
#include <linux/audit.h>
#include <linux/filter.h>
#include <linux/seccomp.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stddef.h>
#include <string.h>
#include <unistd.h>

#include "fixture.h"

#if defined(__x86_64__)
#define ARCH	AUDIT_ARCH_X86_64
#else
#define ARCH	AUDIT_ARCH_I386
#endif

static atomic_int	 answered, stop;

static void *
answer(void *arg)
{
	struct seccomp_notif		 req;
	struct seccomp_notif_resp	 resp;
	struct pollfd			 pfd;

	pfd.fd = *(int *)arg;
	pfd.events = POLLIN;
	while (!atomic_load(&stop)) {
		if (poll(&pfd, 1, 50) != 1)
			continue;
		memset(&req, 0, sizeof(req));
		if (ioctl(pfd.fd, SECCOMP_IOCTL_NOTIF_RECV, &req) == -1)
			continue;
		memset(&resp, 0, sizeof(resp));
		resp.id = req.id;
		resp.flags = SECCOMP_USER_NOTIF_FLAG_CONTINUE;
		if (ioctl(pfd.fd, SECCOMP_IOCTL_NOTIF_SEND, &resp) == 0)
			atomic_fetch_add(&answered, 1);
	}
	return NULL;
}

int
main(void)
{
	struct sock_filter	 f[] = {
		BPF_STMT(BPF_LD | BPF_W | BPF_ABS,
		    offsetof(struct seccomp_data, arch)),
		BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, ARCH, 1, 0),
		BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW),
		BPF_STMT(BPF_LD | BPF_W | BPF_ABS,
		    offsetof(struct seccomp_data, nr)),
		BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, SYS_bind, 2, 0),
		BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, SYS_kill, 1, 0),
		BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW),
		BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_USER_NOTIF),
	};
	struct sock_fprog	 prog = { sizeof(f) / sizeof(f[0]), f };
	struct sockaddr_in	 sin;
	socklen_t		 len = sizeof(sin);
	pthread_t		 t;
	int			 lfd, s, th = 0;

	prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0);
	lfd = (int)syscall(SYS_seccomp, SECCOMP_SET_MODE_FILTER,
	    SECCOMP_FILTER_FLAG_NEW_LISTENER, &prog);
	check("listener", lfd);
	if (lfd >= 0 && pthread_create(&t, NULL, answer, &lfd) == 0)
		th = 1;
	memset(&sin, 0, sizeof(sin));
	sin.sin_family = AF_INET;
	if ((s = socket(AF_INET, SOCK_DGRAM, 0)) == -1 ||
	    syscall(SYS_bind, s, &sin, sizeof(sin)) == -1 ||
	    getsockname(s, (struct sockaddr *)&sin, &len) == -1)
		check("bind-any", -1);
	else
		say("bind-any", class4(sin.sin_addr));
	check("kill-outside", (int)syscall(SYS_kill,
	    (pid_t)envnum("SJ_OUTSIDE"), SIGURG));
	if (th) {
		atomic_store(&stop, 1);
		pthread_join(t, NULL);
	}
	say("answered", atomic_load(&answered) > 0 ? "yes" : "no");
	return 0;
}
