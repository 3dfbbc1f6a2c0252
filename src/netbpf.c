/*
 * netbpf.c: the jail's network rules decided by the kernel itself, on its
 * own copy of every address, with cgroup v2 socket-address programs (FreeBSD's
 * prison_remote_ip4 and source-address selection):
 *
 *	connect(2) of an AF_INET socket: a destination in 127.0.0.0/8 becomes
 *	J, and an unbound socket is bound to J (port 0, the kernel's choice);
 *	sendto/sendmsg of a UDP datagram: a destination in 127.0.0.0/8
 *	becomes J, and the source is J unless the sender chose one.
 *
 * Nothing is notified: a connect or a send costs no round trip, and no
 * thread can change the address after the decision, because the program
 * runs on the address the kernel has already copied.  The programs are
 * attached to a cgroup the jail's command is moved into before it executes;
 * a socket stays under the programs of the cgroup it was created in.
 */
#include <sys/stat.h>
#include <sys/syscall.h>

#include <errno.h>
#include <fcntl.h>
#include <linux/bpf.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "sysjail_priv.h"

#define OFF(f)		((short)offsetof(struct bpf_sock_addr, f))
#define I(c, d, s, o, k) ((struct bpf_insn){ (c), (d), (s), (o), (k) })
#define MOVR(d, s)	I(BPF_ALU64 | BPF_MOV | BPF_X, d, s, 0, 0)
#define MOVI(d, k)	I(BPF_ALU64 | BPF_MOV | BPF_K, d, 0, 0, k)
#define ANDI(d, k)	I(BPF_ALU64 | BPF_AND | BPF_K, d, 0, 0, k)
#define ADDI(d, k)	I(BPF_ALU64 | BPF_ADD | BPF_K, d, 0, 0, k)
#define LDW(d, s, o)	I(BPF_LDX | BPF_MEM | BPF_W, d, s, o, 0)
#define STXW(d, o, s)	I(BPF_STX | BPF_MEM | BPF_W, d, s, o, 0)
#define STW(d, o, k)	I(BPF_ST | BPF_MEM | BPF_W, d, 0, o, k)
#define STDW(d, o, k)	I(BPF_ST | BPF_MEM | BPF_DW, d, 0, o, k)
#define JNE(d, k, o)	I(BPF_JMP | BPF_JNE | BPF_K, d, 0, o, k)
#define CALL(f)		I(BPF_JMP | BPF_CALL, 0, 0, 0, f)
#define EXIT()		I(BPF_JMP | BPF_EXIT, 0, 0, 0, 0)

static int
bpf(int cmd, union bpf_attr *a)
{
	return (int)syscall(SYS_bpf, cmd, a, sizeof(*a));
}

static int
load(const struct bpf_insn *p, size_t n, enum bpf_attach_type at)
{
	union bpf_attr	 a;

	memset(&a, 0, sizeof(a));
	a.prog_type = BPF_PROG_TYPE_CGROUP_SOCK_ADDR;
	a.expected_attach_type = at;
	a.insns = (uint64_t)(uintptr_t)p;
	a.insn_cnt = (uint32_t)n;
	a.license = (uint64_t)(uintptr_t)"BSD";
	return bpf(BPF_PROG_LOAD, &a);
}

static int
attach(int cg, int prog, enum bpf_attach_type at)
{
	union bpf_attr	 a;

	memset(&a, 0, sizeof(a));
	a.target_fd = (uint32_t)cg;
	a.attach_bpf_fd = (uint32_t)prog;
	a.attach_type = at;
	a.attach_flags = BPF_F_ALLOW_MULTI;
	return bpf(BPF_PROG_ATTACH, &a);
}

/* Loads both programs for J (network byte order) and attaches them. */
static int
programs(int cg, uint32_t j)
{
	const int32_t	 J = (int32_t)j;	/* the same four bytes */
	const struct bpf_insn connect4[] = {
		MOVR(6, 1),				/* r6 = ctx */
		LDW(2, 6, OFF(user_ip4)),
		ANDI(2, 0xff),				/* first octet */
		JNE(2, 127, 2),
		MOVI(7, J),
		STXW(6, OFF(user_ip4), 7),		/* 127/8 -> J */
		STW(10, -16, AF_INET),			/* sockaddr_in J:0 */
		STW(10, -12, J),
		STDW(10, -8, 0),
		MOVR(1, 6),
		MOVR(2, 10),
		ADDI(2, -16),
		MOVI(3, 16),
		CALL(BPF_FUNC_bind),			/* fails if bound */
		MOVI(0, 1),				/* allow */
		EXIT(),
	};
	const struct bpf_insn sendmsg4[] = {
		MOVR(6, 1),
		LDW(2, 6, OFF(user_ip4)),
		ANDI(2, 0xff),
		JNE(2, 127, 2),
		MOVI(7, J),
		STXW(6, OFF(user_ip4), 7),		/* 127/8 -> J */
		LDW(2, 6, OFF(msg_src_ip4)),
		JNE(2, 0, 2),
		MOVI(7, J),
		STXW(6, OFF(msg_src_ip4), 7),		/* source J */
		MOVI(0, 1),
		EXIT(),
	};
	int	 p, r;

	if ((p = load(connect4, sizeof(connect4) / sizeof(connect4[0]),
	    BPF_CGROUP_INET4_CONNECT)) == -1)
		return -1;
	r = attach(cg, p, BPF_CGROUP_INET4_CONNECT);
	close(p);
	if (r == -1)
		return -1;
	if ((p = load(sendmsg4, sizeof(sendmsg4) / sizeof(sendmsg4[0]),
	    BPF_CGROUP_UDP4_SENDMSG)) == -1)
		return -1;
	r = attach(cg, p, BPF_CGROUP_UDP4_SENDMSG);
	close(p);
	return r;
}

/* Where the cgroup v2 hierarchy is mounted, or NULL. */
static char *
cgroup2(void)
{
	char	 line[4096], mnt[4096], *p;
	FILE	*f;

	if ((f = fopen("/proc/self/mountinfo", "r")) == NULL)
		return NULL;
	while (fgets(line, sizeof(line), f) != NULL) {
		/* id parent dev root MOUNT opts [tags] - TYPE src opts */
		if ((p = strstr(line, " - cgroup2 ")) == NULL ||
		    sscanf(line, "%*s %*s %*s %*s %4095s", mnt) != 1)
			continue;
		fclose(f);
		return strdup(mnt);
	}
	fclose(f);
	errno = ENOENT;
	return NULL;
}

/*
 * Creates the jail's cgroup, sysjail/JID below the cgroup v2 root, with
 * the programs attached.  Returns a directory descriptor of it, and of its
 * parent in *parent (to remove it at the end), or -1 with errno.
 */
int
sj_netbpf_create(const struct sysjail *sj, int *parent)
{
	const struct sj_addr	*j = NULL;
	char			*root, name[32];
	int			 i, rfd, pfd, cg;

	for (i = 0; i < sj->naddrs && j == NULL; i++)
		if (sj->addrs[i].family == AF_INET)
			j = &sj->addrs[i];
	if ((root = cgroup2()) == NULL)
		return -1;
	rfd = open(root, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	free(root);
	if (rfd == -1)
		return -1;
	/* The last jail to end removes sysjail/: it may vanish meanwhile. */
	for (i = 0, pfd = -1; pfd == -1 && i < 8; i++) {
		if (mkdirat(rfd, "sysjail", 0755) == -1 && errno != EEXIST)
			break;
		pfd = openat(rfd, "sysjail", O_RDONLY | O_DIRECTORY |
		    O_CLOEXEC);
	}
	close(rfd);
	if (pfd == -1)
		return -1;
	snprintf(name, sizeof(name), "%d", sj->jid);
	unlinkat(pfd, name, AT_REMOVEDIR);	/* a dead jail's, if empty */
	if (mkdirat(pfd, name, 0755) == -1 ||
	    (cg = openat(pfd, name, O_RDONLY | O_DIRECTORY | O_CLOEXEC)) ==
	    -1) {
		close(pfd);
		return -1;
	}
	/* Without an IPv4 address AF_INET sockets do not exist: no rule. */
	if (j != NULL && programs(cg, j->v4.s_addr) == -1) {
		i = errno;
		close(cg);
		unlinkat(pfd, name, AT_REMOVEDIR);
		close(pfd);
		errno = i;
		return -1;
	}
	*parent = pfd;
	return cg;
}

/*
 * A descriptor for writing into the cgroup.procs of the caller's own cgroup
 * v2, so that it can go back there after a stay in the jail's (see
 * hnet.c's socket creation).  -1 with errno if there is none.
 */
int
sj_netbpf_home(void)
{
	char	 line[4096], path[8192], *root;
	FILE	*f;
	int	 fd = -1;

	if ((f = fopen("/proc/self/cgroup", "r")) == NULL)
		return -1;
	while (fgets(line, sizeof(line), f) != NULL) {
		if (strncmp(line, "0::", 3) != 0)
			continue;
		line[strcspn(line, "\n")] = '\0';
		if ((root = cgroup2()) == NULL)
			break;
		snprintf(path, sizeof(path), "%s%s/cgroup.procs", root,
		    line + 3);
		free(root);
		fd = open(path, O_WRONLY | O_CLOEXEC);
		break;
	}
	fclose(f);
	return fd;
}

/* Moves process pid (0: the caller) into the cgroup held by cg. */
int
sj_netbpf_enter(int cg, pid_t pid)
{
	char	 buf[32];
	int	 fd, n, r;

	if ((fd = openat(cg, "cgroup.procs", O_WRONLY | O_CLOEXEC)) == -1)
		return -1;
	n = snprintf(buf, sizeof(buf), "%d\n", (int)pid);
	r = write(fd, buf, (size_t)n) == n ? 0 : -1;
	close(fd);
	return r;
}

/*
 * Removes the jail's cgroup once it is empty, and sysjail/ itself if no
 * other jail has one: nothing is left on the host.
 */
void
sj_netbpf_remove(int parent, int jid)
{
	char	 name[32], *root;
	int	 rfd;

	snprintf(name, sizeof(name), "%d", jid);
	unlinkat(parent, name, AT_REMOVEDIR);
	if ((root = cgroup2()) == NULL)
		return;
	if ((rfd = open(root, O_RDONLY | O_DIRECTORY | O_CLOEXEC)) != -1) {
		unlinkat(rfd, "sysjail", AT_REMOVEDIR);	/* fails if in use */
		close(rfd);
	}
	free(root);
}
