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
 * and for IPv6, with J6 the jail's first IPv6 address:
 *
 *	connect(2) of an AF_INET6 socket: ::1 becomes J6, and an unbound
 *	socket is bound to J6; an IPv4-mapped destination is judged as IPv4
 *	(127.0.0.0/8 becomes J, the source is ::ffff:J), and refused (EPERM)
 *	in a jail without IPv4;
 *	sendto/sendmsg of a UDP datagram likewise, the source J6 or ::ffff:J.
 *
 * Nothing is notified: a connect or a send costs no round trip, and no
 * thread can change the address after the decision, because the program
 * runs on the address the kernel has already copied.  The programs are
 * attached to a cgroup the jail's command is moved into before it executes;
 * a socket stays under the programs of the cgroup it was created in.
 */
#include <sys/stat.h>
#include <sys/syscall.h>

#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <linux/bpf.h>
#include <linux/if_ether.h>
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
#define JNE32(d, k, o)	I(BPF_JMP32 | BPF_JNE | BPF_K, d, 0, o, k)
#define JEQ32(d, k, o)	I(BPF_JMP32 | BPF_JEQ | BPF_K, d, 0, o, k)
#define ORR(d, s)	I(BPF_ALU64 | BPF_OR | BPF_X, d, s, 0, 0)
#define CALL(f)		I(BPF_JMP | BPF_CALL, 0, 0, 0, f)
#define EXIT()		I(BPF_JMP | BPF_EXIT, 0, 0, 0, 0)

static int
bpf(int cmd, union bpf_attr *a)
{
	return (int)syscall(SYS_bpf, cmd, a, sizeof(*a));
}

static int
loadtype(const struct bpf_insn *p, size_t n, enum bpf_prog_type pt,
    enum bpf_attach_type at)
{
	union bpf_attr	 a;

	memset(&a, 0, sizeof(a));
	a.prog_type = pt;
	a.expected_attach_type = at;
	a.insns = (uint64_t)(uintptr_t)p;
	a.insn_cnt = (uint32_t)n;
	a.license = (uint64_t)(uintptr_t)"BSD";
	return bpf(BPF_PROG_LOAD, &a);
}

static int
load(const struct bpf_insn *p, size_t n, enum bpf_attach_type at)
{
	return loadtype(p, n, BPF_PROG_TYPE_CGROUP_SOCK_ADDR, at);
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

/*
 * The IPv6 programs have more branches than can be counted by hand: they
 * are written with labels, resolved when the program is complete.
 */
#define NLABEL	64
struct bprog {
	struct bpf_insn	 i[512];
	int		 n;
	int		 at[NLABEL];		/* a label's instruction */
	int		 jump[160], to[160];	/* jumps to patch */
	int		 njump;
	int		 bad;
};

static void
ins(struct bprog *a, struct bpf_insn x)
{
	if (a->n == (int)(sizeof(a->i) / sizeof(a->i[0]))) {
		a->bad = 1;
		return;
	}
	a->i[a->n++] = x;
}

/* A conditional or unconditional jump to a label. */
static void
jump(struct bprog *a, struct bpf_insn x, int label)
{
	if (a->njump == (int)(sizeof(a->jump) / sizeof(a->jump[0]))) {
		a->bad = 1;
		return;
	}
	a->jump[a->njump] = a->n;
	a->to[a->njump++] = label;
	ins(a, x);
}

static void
label(struct bprog *a, int l)
{
	a->at[l] = a->n;
}

static int
resolve(struct bprog *a)
{
	int	 k;

	for (k = 0; k < a->njump; k++)
		a->i[a->jump[k]].off = (short)(a->at[a->to[k]] - a->jump[k] - 1);
	return a->bad ? -1 : 0;
}

#define OFF6(f, k)	((short)(offsetof(struct bpf_sock_addr, f) + 4 * (k)))
#define JA()		I(BPF_JMP | BPF_JA, 0, 0, 0, 0)

/* Stores four words (network order, as in memory) at f[0..3] of ctx. */
static void
set6(struct bprog *a, short off0, const uint32_t w[4])
{
	int	 k;

	for (k = 0; k < 4; k++) {
		ins(a, MOVI(7, (int32_t)w[k]));
		ins(a, STXW(6, (short)(off0 + 4 * k), 7));
	}
}

/* bpf_bind() of the socket to w:0, a sockaddr_in6 on the stack. */
static void
bind6(struct bprog *a, const uint32_t w[4])
{
	int	 k;

	ins(a, STW(10, -32, AF_INET6));		/* family, port 0 */
	ins(a, STW(10, -28, 0));		/* flowinfo */
	for (k = 0; k < 4; k++)
		ins(a, STW(10, (short)(-24 + 4 * k), (int32_t)w[k]));
	ins(a, STW(10, -8, 0));			/* scope id */
	ins(a, MOVR(1, 6));
	ins(a, MOVR(2, 10));
	ins(a, ADDI(2, -32));
	ins(a, MOVI(3, 28));
	ins(a, CALL(BPF_FUNC_bind));		/* fails if bound */
}

enum { L_NATIVE, L_MAPPED, L_MAPSRC, L_OUT, L_DENY };

/* A datagram's source, if its sender chose none, becomes w; then L_OUT. */
static void
source6(struct bprog *a, const uint32_t w[4])
{
	int	 k;

	ins(a, LDW(2, 6, OFF6(msg_src_ip6, 0)));
	for (k = 1; k < 4; k++) {
		ins(a, LDW(3, 6, OFF6(msg_src_ip6, k)));
		ins(a, ORR(2, 3));
	}
	jump(a, I(BPF_JMP | BPF_JNE | BPF_K, 2, 0, 0, 0), L_OUT);
	set6(a, OFF6(msg_src_ip6, 0), w);
	jump(a, JA(), L_OUT);
}

/*
 * Classifies the destination user_ip6: ::1 is rewritten to J6 and goes on
 * at L_NATIVE with every other IPv6 address; an IPv4-mapped one jumps to
 * L_MAPPED.
 */
static void
classify(struct bprog *a, const uint32_t j6[4])
{
	ins(a, MOVR(6, 1));
	ins(a, LDW(2, 6, OFF6(user_ip6, 0)));
	jump(a, JNE32(2, 0, 0), L_NATIVE);
	ins(a, LDW(2, 6, OFF6(user_ip6, 1)));
	jump(a, JNE32(2, 0, 0), L_NATIVE);
	ins(a, LDW(2, 6, OFF6(user_ip6, 2)));
	jump(a, JEQ32(2, (int32_t)htonl(0xffff), 0), L_MAPPED);
	jump(a, JNE32(2, 0, 0), L_NATIVE);
	ins(a, LDW(2, 6, OFF6(user_ip6, 3)));
	jump(a, JNE32(2, (int32_t)htonl(1), 0), L_NATIVE);
	set6(a, OFF6(user_ip6, 0), j6);		/* ::1 -> J6 */
	label(a, L_NATIVE);
}

/* An IPv4-mapped destination in 127.0.0.0/8 becomes ::ffff:J. */
static void
mapped(struct bprog *a, int has4, uint32_t j4, int next)
{
	label(a, L_MAPPED);
	if (!has4) {
		jump(a, JA(), L_DENY);		/* no IPv4 in this jail */
		return;
	}
	ins(a, LDW(2, 6, OFF6(user_ip6, 3)));
	ins(a, ANDI(2, 0xff));
	jump(a, JNE32(2, 127, 0), next);
	ins(a, MOVI(7, (int32_t)j4));
	ins(a, STXW(6, OFF6(user_ip6, 3), 7));
	label(a, next);
}

/* Loads both IPv6 programs for J6 (and J, if the jail has IPv4). */
static int
programs6(int cg, const struct in6_addr *j6a, int has4, uint32_t j4)
{
	struct bprog	 c, m;
	uint32_t	 j6[4], m4[4] = { 0, 0, 0, 0 };
	int		 p, r;

	memcpy(j6, j6a, sizeof(j6));
	m4[2] = htonl(0xffff);
	m4[3] = j4;

	memset(&c, 0, sizeof(c));
	classify(&c, j6);
	bind6(&c, j6);				/* source J6 */
	jump(&c, JA(), L_OUT);
	mapped(&c, has4, j4, L_MAPSRC);
	if (has4) {
		bind6(&c, m4);			/* source ::ffff:J */
		jump(&c, JA(), L_OUT);
	} else {
		/* The verifier refuses unreachable code: only here. */
		label(&c, L_DENY);
		ins(&c, MOVI(0, 0));		/* refused: EPERM */
		ins(&c, EXIT());
	}
	label(&c, L_OUT);
	ins(&c, MOVI(0, 1));
	ins(&c, EXIT());

	memset(&m, 0, sizeof(m));
	classify(&m, j6);
	/* The source, if the sender chose none: J6. */
	source6(&m, j6);
	mapped(&m, has4, j4, L_MAPSRC);
	if (has4) {
		source6(&m, m4);
	} else {
		label(&m, L_DENY);
		ins(&m, MOVI(0, 0));
		ins(&m, EXIT());
	}
	label(&m, L_OUT);
	ins(&m, MOVI(0, 1));
	ins(&m, EXIT());

	if (resolve(&c) == -1 || resolve(&m) == -1) {
		errno = E2BIG;
		return -1;
	}
	if ((p = load(c.i, (size_t)c.n, BPF_CGROUP_INET6_CONNECT)) == -1)
		return -1;
	r = attach(cg, p, BPF_CGROUP_INET6_CONNECT);
	close(p);
	if (r == -1)
		return -1;
	if ((p = load(m.i, (size_t)m.n, BPF_CGROUP_UDP6_SENDMSG)) == -1)
		return -1;
	r = attach(cg, p, BPF_CGROUP_UDP6_SENDMSG);
	close(p);
	return r;
}

/*
 * For a jail that allows raw sockets, which can write any packet: an egress
 * program of the jail's cgroup drops every packet whose source is not one
 * of the jail's addresses, or whose destination is the host's loopback
 * (127.0.0.0/8 or ::1, but for the jail's own addresses), whatever socket
 * sent it and whatever header it wrote.  The kernel decides on the packet
 * itself, after the sender can change nothing.
 */
enum { E_ALLOW, E_DROP, E_V4, E_V6, E_SRC4, E_SRC6, E_NEXT };

static int
egress(int cg, const struct sysjail *sj)
{
	struct bprog	 e;
	uint32_t	 w[4];
	int		 i, k, next = E_NEXT, p, r, has4 = 0, has6 = 0;

	memset(&e, 0, sizeof(e));
	ins(&e, MOVR(6, 1));
	ins(&e, LDW(2, 6, (short)offsetof(struct __sk_buff, protocol)));
	jump(&e, JEQ32(2, (int32_t)htons(ETH_P_IP), 0), E_V4);
	jump(&e, JEQ32(2, (int32_t)htons(ETH_P_IPV6), 0), E_V6);
	jump(&e, JA(), E_ALLOW);

	for (i = 0; i < sj->naddrs; i++)
		if (sj->addrs[i].family == AF_INET)
			has4 = 1;
		else
			has6 = 1;
	/* The verifier refuses unreachable code: no block for a family the
	 * jail lacks, whose packets are all dropped. */
	label(&e, E_V4);
	if (!has4)
		jump(&e, JA(), E_DROP);
	else {
	/* IPv4: the addresses are bytes 12-19 of the header. */
	ins(&e, MOVR(1, 6));
	ins(&e, MOVI(2, 12));
	ins(&e, MOVR(3, 10));
	ins(&e, ADDI(3, -8));
	ins(&e, MOVI(4, 8));
	ins(&e, CALL(BPF_FUNC_skb_load_bytes));
	jump(&e, I(BPF_JMP | BPF_JNE | BPF_K, 0, 0, 0, 0), E_DROP);
	ins(&e, LDW(2, 10, -8));		/* source */
	ins(&e, LDW(3, 10, -4));		/* destination */
	for (i = 0; i < sj->naddrs; i++)
		if (sj->addrs[i].family == AF_INET)
			jump(&e, JEQ32(2, (int32_t)sj->addrs[i].v4.s_addr, 0),
			    E_SRC4);
	jump(&e, JA(), E_DROP);
	label(&e, E_SRC4);
	for (i = 0; i < sj->naddrs; i++)
		if (sj->addrs[i].family == AF_INET)
			jump(&e, JEQ32(3, (int32_t)sj->addrs[i].v4.s_addr, 0),
			    E_ALLOW);
	ins(&e, ANDI(3, 0xff));
	jump(&e, JEQ32(3, 127, 0), E_DROP);
	jump(&e, JA(), E_ALLOW);

	}
	label(&e, E_V6);
	if (!has6)
		jump(&e, JA(), E_DROP);
	else {
	/* IPv6: bytes 8-39. */
	ins(&e, MOVR(1, 6));
	ins(&e, MOVI(2, 8));
	ins(&e, MOVR(3, 10));
	ins(&e, ADDI(3, -32));
	ins(&e, MOVI(4, 32));
	ins(&e, CALL(BPF_FUNC_skb_load_bytes));
	jump(&e, I(BPF_JMP | BPF_JNE | BPF_K, 0, 0, 0, 0), E_DROP);
	for (i = 0; i < sj->naddrs; i++) {
		if (sj->addrs[i].family != AF_INET6)
			continue;
		if (next >= NLABEL - 1) {
			errno = E2BIG;
			return -1;
		}
		memcpy(w, &sj->addrs[i].v6, sizeof(w));
		for (k = 0; k < 4; k++) {
			ins(&e, LDW(2, 10, (short)(-32 + 4 * k)));
			jump(&e, JNE32(2, (int32_t)w[k], 0), next);
		}
		jump(&e, JA(), E_SRC6);
		label(&e, next++);
	}
	jump(&e, JA(), E_DROP);
	label(&e, E_SRC6);
	ins(&e, LDW(2, 10, -16));		/* the destination: ::1? */
	jump(&e, JNE32(2, 0, 0), E_ALLOW);
	ins(&e, LDW(2, 10, -12));
	jump(&e, JNE32(2, 0, 0), E_ALLOW);
	ins(&e, LDW(2, 10, -8));
	jump(&e, JNE32(2, 0, 0), E_ALLOW);
	ins(&e, LDW(2, 10, -4));
	jump(&e, JEQ32(2, (int32_t)htonl(1), 0), E_DROP);
	}

	label(&e, E_ALLOW);
	ins(&e, MOVI(0, 1));
	ins(&e, EXIT());
	label(&e, E_DROP);
	ins(&e, MOVI(0, 0));
	ins(&e, EXIT());
	if (resolve(&e) == -1) {
		errno = E2BIG;
		return -1;
	}
	if ((p = loadtype(e.i, (size_t)e.n, BPF_PROG_TYPE_CGROUP_SKB,
	    BPF_CGROUP_INET_EGRESS)) == -1)
		return -1;
	r = attach(cg, p, BPF_CGROUP_INET_EGRESS);
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
 * Makes the directory name in sysjail/ below the hierarchy root rfd, and
 * returns a descriptor of sysjail/.  The last jail to end removes sysjail/:
 * it may vanish before name is in it (ENOENT from the removed directory),
 * and then we start again.
 */
static int
jaildir(int rfd, const char *name)
{
	int	 i, pfd, save;

	for (i = 0; i < 8; i++) {
		if (mkdirat(rfd, "sysjail", 0755) == -1 && errno != EEXIST)
			return -1;
		if ((pfd = openat(rfd, "sysjail", O_RDONLY | O_DIRECTORY |
		    O_CLOEXEC)) == -1) {
			if (errno == ENOENT)
				continue;
			return -1;
		}
		if (mkdirat(pfd, name, 0755) == 0)
			return pfd;
		save = errno;
		close(pfd);
		errno = save;
		if (errno != ENOENT)
			return -1;
	}
	return -1;
}

/*
 * Makes the jail's cgroup in sysjail/ below rfd, named JID.KEEPER: JIDs
 * are unique within one registry only, jails of two registries (sysjail
 * -j) share the hierarchy, and so do keepers of different PID namespaces,
 * whose pids may be the same: a name in use gets a suffix, .1 to .99.
 * The name made is left in name; returns a descriptor of sysjail/.
 */
static int
jailcg(int rfd, const struct sysjail *sj, char *name, size_t size)
{
	int	 k, pfd;

	for (k = 0; k < 100; k++) {
		if (k == 0)
			snprintf(name, size, "%d.%d", sj->jid, (int)getpid());
		else
			snprintf(name, size, "%d.%d.%d", sj->jid,
			    (int)getpid(), k);
		if ((pfd = jaildir(rfd, name)) != -1 || errno != EEXIST)
			return pfd;
	}
	return -1;
}

/*
 * Creates the jail's cgroup, sysjail/JID.KEEPER below the cgroup v2 root
 * (KEEPER: the calling keeper's pid; see jailcg()), with the programs
 * attached.  Returns a directory descriptor of it, and of its parent in
 * *parent (to remove it at the end), or -1 with errno.
 */
int
sj_netbpf_create(struct sysjail *sj, int *parent)
{
	const struct sj_addr	*j = NULL, *j6 = NULL;
	char			*root, *name = sj->cgname;
	int			 i, rfd, pfd, cg;

	for (i = 0; i < sj->naddrs; i++) {
		if (sj->addrs[i].family == AF_INET && j == NULL)
			j = &sj->addrs[i];
		if (sj->addrs[i].family == AF_INET6 && j6 == NULL)
			j6 = &sj->addrs[i];
	}
	if ((root = cgroup2()) == NULL)
		return -1;
	rfd = open(root, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	free(root);
	if (rfd == -1)
		return -1;
	pfd = jailcg(rfd, sj, sj->cgname, sizeof(sj->cgname));
	close(rfd);
	if (pfd == -1)
		return -1;
	if ((cg = openat(pfd, name, O_RDONLY | O_DIRECTORY | O_CLOEXEC)) ==
	    -1) {
		unlinkat(pfd, name, AT_REMOVEDIR);
		close(pfd);
		return -1;
	}
	/* Without an address of a family, its sockets do not exist: no
	 * rule for it. */
	if ((j != NULL && programs(cg, j->v4.s_addr) == -1) ||
	    (j6 != NULL && programs6(cg, &j6->v6, j != NULL,
	    j ? j->v4.s_addr : 0) == -1) ||
	    ((sj->flags & SYSJAIL_ALLOW_RAW_SOCKETS) && egress(cg, sj) == -1)) {
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
sj_netbpf_remove(const struct sysjail *sj)
{
	char	*root;
	int	 rfd;

	unlinkat(sj->cgparent, sj->cgname, AT_REMOVEDIR);
	if ((root = cgroup2()) == NULL)
		return;
	if ((rfd = open(root, O_RDONLY | O_DIRECTORY | O_CLOEXEC)) != -1) {
		unlinkat(rfd, "sysjail", AT_REMOVEDIR);	/* fails if in use */
		close(rfd);
	}
	free(root);
}

/*
 * The process limit: pids.max of a cgroup of the jail's.  With the pids
 * controller on the cgroup v2 hierarchy, the jail's cgroup above holds it
 * (enabled in the root's and sysjail/'s cgroup.subtree_control if it is
 * not yet); on a host that binds pids to a cgroup v1 hierarchy instead
 * (the hybrid layout), a cgroup sysjail/JID.KEEPER there, into which the
 * supervisor moves the spawner with the v2 one.  Fork and clone beyond the
 * limit fail with EAGAIN.
 */

/* Does the space-separated list in file (below dfd) hold word? */
static int
hasword(int dfd, const char *file, const char *word)
{
	char	 buf[1024], *p, *save;
	ssize_t	 n;
	int	 fd;

	if ((fd = openat(dfd, file, O_RDONLY | O_CLOEXEC)) == -1)
		return 0;
	n = read(fd, buf, sizeof(buf) - 1);
	close(fd);
	if (n <= 0)
		return 0;
	buf[n] = '\0';
	for (p = strtok_r(buf, " \n", &save); p != NULL;
	    p = strtok_r(NULL, " \n", &save))
		if (strcmp(p, word) == 0)
			return 1;
	return 0;
}

static int
putfile(int dfd, const char *file, const char *s)
{
	ssize_t	 n;
	int	 fd, save;

	if ((fd = openat(dfd, file, O_WRONLY | O_CLOEXEC)) == -1)
		return -1;
	n = write(fd, s, strlen(s));
	save = errno;
	close(fd);
	errno = save;
	return n == (ssize_t)strlen(s) ? 0 : -1;
}

/* Where a cgroup v1 hierarchy with the pids controller is mounted. */
static char *
pidsv1(void)
{
	char	 line[4096], mnt[4096], type[64], opts[1024], *p, *o, *save;
	FILE	*f;

	if ((f = fopen("/proc/self/mountinfo", "r")) == NULL)
		return NULL;
	while (fgets(line, sizeof(line), f) != NULL) {
		if ((p = strstr(line, " - ")) == NULL ||
		    sscanf(line, "%*s %*s %*s %*s %4095s", mnt) != 1 ||
		    sscanf(p + 3, "%63s %*s %1023s", type, opts) != 2 ||
		    strcmp(type, "cgroup") != 0)
			continue;
		for (o = strtok_r(opts, ",", &save); o != NULL;
		    o = strtok_r(NULL, ",", &save))
			if (strcmp(o, "pids") == 0) {
				fclose(f);
				return strdup(mnt);
			}
	}
	fclose(f);
	errno = ENOENT;
	return NULL;
}

/*
 * Sets the jail's process limit (sj->maxproc) on the cgroup made by
 * sj_netbpf_create(), before anything jailed runs.  Without a pids
 * controller, a limit the caller set fails (ENOTSUP) and the default is
 * dropped (sj->maxproc becomes 0, as the record then says).  Returns 0 or
 * -1 with errno, having made nothing that needs removing.
 */
int
sj_netbpf_pids(struct sysjail *sj)
{
	char	 max[32], *root, *name = sj->pidsname;
	int	 rfd, pfd, cg, save;

	if (sj->maxproc == 0)
		return 0;
	snprintf(max, sizeof(max), "%u\n", sj->maxproc);
	/* cgroup v2: the jail's own cgroup, if the controller is there. */
	if (!hasword(sj->cgparent, "cgroup.controllers", "pids") &&
	    (root = cgroup2()) != NULL) {
		if ((rfd = open(root, O_RDONLY | O_DIRECTORY | O_CLOEXEC)) !=
		    -1) {
			if (hasword(rfd, "cgroup.controllers", "pids"))
				(void)putfile(rfd, "cgroup.subtree_control",
				    "+pids");
			close(rfd);
		}
		free(root);
	}
	if (hasword(sj->cgparent, "cgroup.controllers", "pids")) {
		if (!hasword(sj->cgparent, "cgroup.subtree_control", "pids") &&
		    putfile(sj->cgparent, "cgroup.subtree_control", "+pids") ==
		    -1)
			return -1;
		return putfile(sj->cgfd, "pids.max", max);
	}
	/* A cgroup v1 hierarchy with the pids controller. */
	if ((root = pidsv1()) == NULL) {
		if (sj->maxproc_set) {
			errno = ENOTSUP;
			return -1;
		}
		sj->maxproc = 0;	/* the default: run without */
		return 0;
	}
	rfd = open(root, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	free(root);
	if (rfd == -1)
		return -1;
	pfd = jailcg(rfd, sj, sj->pidsname, sizeof(sj->pidsname));
	close(rfd);
	if (pfd == -1)
		return -1;
	if ((cg = openat(pfd, name, O_RDONLY | O_DIRECTORY | O_CLOEXEC)) ==
	    -1 || putfile(cg, "pids.max", max) == -1) {
		save = errno;
		if (cg != -1)
			close(cg);
		unlinkat(pfd, name, AT_REMOVEDIR);
		close(pfd);
		errno = save;
		return -1;
	}
	sj->pidsfd = cg;
	sj->pidsparent = pfd;
	return 0;
}

/* Removes the cgroup v1 pids cgroup of sj_netbpf_pids(), if any. */
void
sj_netbpf_pids_remove(struct sysjail *sj)
{
	char	*root;
	int	 rfd;

	if (sj->pidsparent == -1)
		return;
	unlinkat(sj->pidsparent, sj->pidsname, AT_REMOVEDIR);
	if ((root = pidsv1()) == NULL)
		return;
	if ((rfd = open(root, O_RDONLY | O_DIRECTORY | O_CLOEXEC)) != -1) {
		unlinkat(rfd, "sysjail", AT_REMOVEDIR);	/* fails if in use */
		close(rfd);
	}
	free(root);
}

/* For the host report (hostinfo.c): the hierarchies found as above. */
char *
sj_netbpf_v2root(void)
{
	return cgroup2();
}

char *
sj_netbpf_v1pids(void)
{
	return pidsv1();
}

int
sj_netbpf_v2has(const char *root, const char *controller)
{
	int	 rfd, r;

	if ((rfd = open(root, O_RDONLY | O_DIRECTORY | O_CLOEXEC)) == -1)
		return 0;
	r = hasword(rfd, "cgroup.controllers", controller);
	close(rfd);
	return r;
}
