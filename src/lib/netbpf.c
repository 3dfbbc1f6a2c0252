/*
 * netbpf.c: the jail's network rules decided by the kernel itself, on its
 * own copy of every address and on the packets themselves, with cgroup v2
 * programs (FreeBSD's prison_remote_ip4 and source-address selection):
 *
 *	connect(2), sendto/sendmsg/sendmmsg: a destination of 0.0.0.0 or in
 *	127.0.0.0/8 (:: or ::1, and their IPv4-mapped forms) becomes the
 *	jail's first address of the family, J (J6); the jail's own addresses
 *	stay; an unbound socket is bound to J (J6) on connect, and a
 *	datagram's source, whether none or one chosen by a control message
 *	(IP_PKTINFO, IPV6_PKTINFO), is a jail address or becomes J (J6);
 *	getsockname(2): a socket the kernel autobound to the wildcard (an
 *	unbound UDP socket's first datagram) shows J (J6);
 *	every packet the jail sends or receives (the backstop, see
 *	packetprog()): a source that is not a jail address, a packet to a
 *	host-only loopback address that is not a reply on a connection the
 *	other side opened, and a packet arriving for a destination that is
 *	not a jail address, are dropped and counted (sj_netbpf_drops()).
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

/*
 * The programs have more branches than can be counted by hand: they are
 * written with labels, resolved when the program is complete.  A program
 * takes fresh labels from NFIXED up for the blocks it repeats.
 */
#define NLABEL	160
#define NFIXED	16
struct bprog {
	struct bpf_insn	 i[1024];
	int		 n;
	int		 at[NLABEL];		/* a label's instruction */
	int		 jump[512], to[512];	/* jumps to patch */
	int		 njump;
	int		 next;			/* the next fresh label */
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
fresh(struct bprog *a)
{
	if (a->next < NFIXED)
		a->next = NFIXED;
	if (a->next == NLABEL) {
		a->bad = 1;
		return NLABEL - 1;
	}
	return a->next++;
}

static int
resolve(struct bprog *a)
{
	int	 k;

	for (k = 0; k < a->njump; k++)
		a->i[a->jump[k]].off = (short)(a->at[a->to[k]] - a->jump[k] - 1);
	return a->bad ? -1 : 0;
}

static void
bprog_init(struct bprog *a)
{
	memset(a, 0, sizeof(*a));
	a->next = NFIXED;
}

#define OFF6(f, k)	((short)(offsetof(struct bpf_sock_addr, f) + 4 * (k)))
#define JA()		I(BPF_JMP | BPF_JA, 0, 0, 0, 0)
#define LDB(d, s, o)	I(BPF_LDX | BPF_MEM | BPF_B, d, s, o, 0)
#define LDDW(d, s, o)	I(BPF_LDX | BPF_MEM | BPF_DW, d, s, o, 0)
#define LSHI(d, k)	I(BPF_ALU64 | BPF_LSH | BPF_K, d, 0, 0, k)
#define ADDR(d, s)	I(BPF_ALU64 | BPF_ADD | BPF_X, d, s, 0, 0)
#define JEQ(d, k, o)	I(BPF_JMP | BPF_JEQ | BPF_K, d, 0, o, k)

/* Jumps to yes if the 32-bit register r holds one of the jail's IPv4
 * addresses. */
static void
isjail4(struct bprog *a, const struct sysjail *sj, int r, int yes)
{
	int	 i;

	for (i = 0; i < sj->naddrs; i++)
		if (sj->addrs[i].family == AF_INET)
			jump(a, JEQ32(r, (int32_t)sj->addrs[i].v4.s_addr, 0),
			    yes);
}

/* Jumps to yes if the four words at off from register base are w. */
static void
is6(struct bprog *a, int base, short off, const uint32_t w[4], int yes)
{
	int	 k, no = fresh(a);

	for (k = 0; k < 4; k++) {
		ins(a, LDW(2, base, (short)(off + 4 * k)));
		jump(a, JNE32(2, (int32_t)w[k], 0), no);
	}
	jump(a, JA(), yes);
	label(a, no);
}

/* Jumps to yes if the four words at off from base are a jail IPv6 address. */
static void
isjail6(struct bprog *a, const struct sysjail *sj, int base, short off,
    int yes)
{
	uint32_t	 w[4];
	int		 i;

	for (i = 0; i < sj->naddrs; i++)
		if (sj->addrs[i].family == AF_INET6) {
			memcpy(w, &sj->addrs[i].v6, sizeof(w));
			is6(a, base, off, w, yes);
		}
}

/* Stores four words (network order, as in memory) at off of ctx (r6). */
static void
set6(struct bprog *a, short off, const uint32_t w[4])
{
	int	 k;

	for (k = 0; k < 4; k++) {
		ins(a, MOVI(7, (int32_t)w[k]));
		ins(a, STXW(6, (short)(off + 4 * k), 7));
	}
}

/*
 * The IPv4 destination rule on the word at off of ctx (r6): a jail
 * address stays, 0.0.0.0 and 127.0.0.0/8 become J (FreeBSD's
 * prison_remote_ip4, and Linux's "0.0.0.0 is this host").
 */
static void
dest4(struct bprog *a, const struct sysjail *sj, short off, uint32_t j)
{
	int	 keep = fresh(a), toj = fresh(a);

	ins(a, LDW(2, 6, off));
	isjail4(a, sj, 2, keep);
	jump(a, JEQ32(2, 0, 0), toj);
	ins(a, ANDI(2, 0xff));			/* first octet */
	jump(a, JNE32(2, 127, 0), keep);
	label(a, toj);
	ins(a, MOVI(7, (int32_t)j));
	ins(a, STXW(6, off, 7));
	label(a, keep);
}

/* bpf_bind() of the socket (ctx in r6) to the sockaddr at fp-32, len. */
static void
bindstack(struct bprog *a, int len)
{
	ins(a, MOVR(1, 6));
	ins(a, MOVR(2, 10));
	ins(a, ADDI(2, -32));
	ins(a, MOVI(3, len));
	ins(a, CALL(BPF_FUNC_bind));		/* fails if bound */
}

static void
bind4(struct bprog *a, uint32_t j)
{
	ins(a, STW(10, -32, AF_INET));		/* sockaddr_in J:0 */
	ins(a, STW(10, -28, (int32_t)j));
	ins(a, STDW(10, -24, 0));
	bindstack(a, 16);
}

static void
bind6(struct bprog *a, const uint32_t w[4])
{
	int	 k;

	ins(a, STW(10, -32, AF_INET6));		/* family, port 0 */
	ins(a, STW(10, -28, 0));		/* flowinfo */
	for (k = 0; k < 4; k++)
		ins(a, STW(10, (short)(-24 + 4 * k), (int32_t)w[k]));
	ins(a, STW(10, -8, 0));			/* scope id */
	bindstack(a, 28);
}

static void
allow(struct bprog *a)
{
	ins(a, MOVI(0, 1));
	ins(a, EXIT());
}

static void
refuse(struct bprog *a)
{
	ins(a, MOVI(0, 0));			/* EPERM */
	ins(a, EXIT());
}

enum { L_OUT, L_MAPPED, L_NATIVE, L_ZERO, L_DENY };

/*
 * The IPv4 programs.  In a jail without IPv4 they refuse everything: an
 * IPv6 socket's datagram to an IPv4-mapped address takes the IPv4 path
 * before the IPv6 program runs.
 *
 *	connect: the destination rule (dest4), and an unbound socket is bound
 *	to J (port 0, the kernel's choice);
 *	sendmsg: the destination rule, and a source that is not a jail
 *	address (none, or one chosen with IP_PKTINFO or IP_SENDSRCADDR-like
 *	control messages, which the kernel has applied by now) becomes J;
 *	getsockname: an autobound socket's wildcard shows as J.
 */
static void
prog4(struct bprog *a, const struct sysjail *sj, enum bpf_attach_type at)
{
	const struct sj_addr	*j = sj_first_addr(sj, AF_INET);

	if (j == NULL) {
		refuse(a);
		return;
	}
	ins(a, MOVR(6, 1));
	switch (at) {
	case BPF_CGROUP_INET4_CONNECT:
		dest4(a, sj, OFF(user_ip4), j->v4.s_addr);
		bind4(a, j->v4.s_addr);
		break;
	case BPF_CGROUP_UDP4_SENDMSG:
		dest4(a, sj, OFF(user_ip4), j->v4.s_addr);
		ins(a, LDW(2, 6, OFF(msg_src_ip4)));
		isjail4(a, sj, 2, L_OUT);
		ins(a, MOVI(7, (int32_t)j->v4.s_addr));
		ins(a, STXW(6, OFF(msg_src_ip4), 7));
		break;
	default:	/* getsockname */
		ins(a, LDW(2, 6, OFF(user_ip4)));
		jump(a, JNE32(2, 0, 0), L_OUT);
		ins(a, MOVI(7, (int32_t)j->v4.s_addr));
		ins(a, STXW(6, OFF(user_ip4), 7));
		break;
	}
	label(a, L_OUT);
	allow(a);
}

/*
 * The IPv6 programs, J6 the jail's first IPv6 address:
 *
 *	connect: :: and ::1 become J6 (the kernel would make :: loopback
 *	after the program ran); an IPv4-mapped destination follows the IPv4
 *	rule (::ffff:0.0.0.0 and ::ffff:127.0.0.0/8 become ::ffff:J) and the
 *	socket is bound to ::ffff:J, or it is refused (EPERM) in a jail
 *	without IPv4; any other destination is bound to J6;
 *	sendmsg: the same destinations; a source that is not a jail address
 *	(none, or one IPV6_PKTINFO chose) becomes J6;
 *	getsockname: :: shows as J6, ::ffff:0.0.0.0 as ::ffff:J.
 */
static void
prog6(struct bprog *a, const struct sysjail *sj, enum bpf_attach_type at)
{
	const struct sj_addr	*j = sj_first_addr(sj, AF_INET), *j6;
	uint32_t		 w[4], m4[4] = { 0, 0, 0, 0 }, z[4];
	int			 has4 = j != NULL;

	if ((j6 = sj_first_addr(sj, AF_INET6)) == NULL) {
		refuse(a);
		return;
	}
	memcpy(w, &j6->v6, sizeof(w));
	memset(z, 0, sizeof(z));
	m4[2] = htonl(0xffff);
	m4[3] = has4 ? j->v4.s_addr : 0;

	ins(a, MOVR(6, 1));
	if (at == BPF_CGROUP_INET6_GETSOCKNAME) {
		is6(a, 6, OFF6(user_ip6, 0), z, L_ZERO);
		if (has4) {
			z[2] = htonl(0xffff);
			is6(a, 6, OFF6(user_ip6, 0), z, L_MAPPED);
		}
		jump(a, JA(), L_OUT);
		label(a, L_ZERO);
		set6(a, OFF6(user_ip6, 0), w);
		jump(a, JA(), L_OUT);
		if (has4) {
			label(a, L_MAPPED);
			set6(a, OFF6(user_ip6, 0), m4);
		}
		label(a, L_OUT);
		allow(a);
		return;
	}
	/* Classify the destination. */
	ins(a, LDW(2, 6, OFF6(user_ip6, 0)));
	jump(a, JNE32(2, 0, 0), L_NATIVE);
	ins(a, LDW(2, 6, OFF6(user_ip6, 1)));
	jump(a, JNE32(2, 0, 0), L_NATIVE);
	ins(a, LDW(2, 6, OFF6(user_ip6, 2)));
	jump(a, JEQ32(2, (int32_t)htonl(0xffff), 0), L_MAPPED);
	jump(a, JNE32(2, 0, 0), L_NATIVE);
	ins(a, LDW(2, 6, OFF6(user_ip6, 3)));
	jump(a, JEQ32(2, 0, 0), L_ZERO);
	jump(a, JNE32(2, (int32_t)htonl(1), 0), L_NATIVE);
	label(a, L_ZERO);
	set6(a, OFF6(user_ip6, 0), w);		/* :: and ::1 -> J6 */
	label(a, L_NATIVE);
	if (at == BPF_CGROUP_INET6_CONNECT)
		bind6(a, w);
	else {
		isjail6(a, sj, 6, OFF6(msg_src_ip6, 0), L_OUT);
		set6(a, OFF6(msg_src_ip6, 0), w);
	}
	jump(a, JA(), L_OUT);
	label(a, L_MAPPED);
	if (!has4)
		refuse(a);			/* no IPv4 in this jail */
	else {
		dest4(a, sj, OFF6(user_ip6, 3), j->v4.s_addr);
		if (at == BPF_CGROUP_INET6_CONNECT)
			bind6(a, m4);
		else
			set6(a, OFF6(msg_src_ip6, 0), m4);
	}
	label(a, L_OUT);
	allow(a);
}

static int
loadattach(int cg, struct bprog *a, enum bpf_prog_type pt,
    enum bpf_attach_type at)
{
	int	 p, r;

	if (resolve(a) == -1) {
		errno = E2BIG;
		return -1;
	}
	if ((p = loadtype(a->i, (size_t)a->n, pt, at)) == -1)
		return -1;
	r = attach(cg, p, at);
	close(p);
	return r;
}

/* The address programs of both families. */
static int
programs(int cg, const struct sysjail *sj)
{
	static const enum bpf_attach_type v4[] = { BPF_CGROUP_INET4_CONNECT,
	    BPF_CGROUP_UDP4_SENDMSG, BPF_CGROUP_INET4_GETSOCKNAME };
	static const enum bpf_attach_type v6[] = { BPF_CGROUP_INET6_CONNECT,
	    BPF_CGROUP_UDP6_SENDMSG, BPF_CGROUP_INET6_GETSOCKNAME };
	struct bprog	 a;
	size_t		 k;

	/* getsockname programs may only allow: none for a family the jail
	 * lacks, whose sockets do not exist. */
	for (k = 0; k < sizeof(v4) / sizeof(v4[0]); k++) {
		if (v4[k] == BPF_CGROUP_INET4_GETSOCKNAME &&
		    sj_first_addr(sj, AF_INET) == NULL)
			continue;
		bprog_init(&a);
		prog4(&a, sj, v4[k]);
		if (loadattach(cg, &a, BPF_PROG_TYPE_CGROUP_SOCK_ADDR,
		    v4[k]) == -1)
			return -1;
	}
	for (k = 0; k < sizeof(v6) / sizeof(v6[0]); k++) {
		if (v6[k] == BPF_CGROUP_INET6_GETSOCKNAME &&
		    sj_first_addr(sj, AF_INET6) == NULL)
			continue;
		bprog_init(&a);
		prog6(&a, sj, v6[k]);
		if (loadattach(cg, &a, BPF_PROG_TYPE_CGROUP_SOCK_ADDR,
		    v6[k]) == -1)
			return -1;
	}
	return 0;
}

/*
 * The backstop, for every jail: packet programs of the jail's cgroup,
 * which decide on the packet itself, after the sender can change nothing,
 * whatever socket, option, control message or header made it.
 *
 * Egress drops every packet whose source is not one of the jail's
 * addresses, and every packet to a host-only loopback address (127.0.0.0/8
 * or ::1 but for the jail's own) unless it belongs to a TCP connection
 * the other side opened: a jail's active open starts with a SYN without
 * ACK, which is dropped, so that none ever reaches a host loopback
 * service, while its answers to host clients connecting from 127.0.0.1
 * pass.  A raw socket's packets to host loopback are all dropped.
 *
 * Ingress drops every packet, arriving at a socket of the jail, whose
 * destination is not a jail address: a socket the kernel bound to the
 * wildcard (an unbound UDP socket's first datagram) hears only J.
 *
 * Each drop is counted in the first word of a map (sj_netbpf_drops()).
 */
enum { E_ALLOW, E_DROP, E_V4, E_V6, E_LO, E_RET0 };

/* skb_load_bytes(ctx, r2, fp+to, n), r2 set by the caller; drops the
 * packet if that fails. */
static void
loadbytes(struct bprog *a, short to, int n)
{
	ins(a, MOVR(1, 6));
	ins(a, MOVR(3, 10));
	ins(a, ADDI(3, to));
	ins(a, MOVI(4, n));
	ins(a, CALL(BPF_FUNC_skb_load_bytes));
	jump(a, I(BPF_JMP | BPF_JNE | BPF_K, 0, 0, 0, 0), E_DROP);
}

/*
 * A packet to host loopback, its header at fp-48, r7 the header's length
 * and r8 the protocol: a raw socket's is dropped; a TCP segment passes
 * unless it is a SYN without ACK (an active open); anything else is
 * dropped.
 */
static void
loopback(struct bprog *a)
{
	int	 notraw = fresh(a);

	label(a, E_LO);
	ins(a, LDDW(1, 6, (short)offsetof(struct __sk_buff, sk)));
	jump(a, JEQ(1, 0, 0), notraw);
	ins(a, CALL(BPF_FUNC_sk_fullsock));
	jump(a, JEQ(0, 0, 0), notraw);
	ins(a, LDW(2, 0, (short)offsetof(struct bpf_sock, type)));
	jump(a, JEQ32(2, SOCK_RAW, 0), E_DROP);
	label(a, notraw);
	jump(a, JNE32(8, IPPROTO_TCP, 0), E_DROP);
	ins(a, MOVR(2, 7));
	ins(a, ADDI(2, 13));			/* the TCP flags */
	loadbytes(a, -56, 1);
	ins(a, LDB(2, 10, -56));
	ins(a, ANDI(2, 0x12));			/* SYN | ACK */
	jump(a, JEQ32(2, 0x02, 0), E_DROP);
	jump(a, JA(), E_ALLOW);
}

/* Counts the drop in the map's word 0, and drops. */
static void
counter(struct bprog *a, int map)
{
	label(a, E_DROP);
	ins(a, STW(10, -56, 0));
	ins(a, I(BPF_LD | BPF_DW | BPF_IMM, 1, BPF_PSEUDO_MAP_FD, 0, map));
	ins(a, I(0, 0, 0, 0, 0));
	ins(a, MOVR(2, 10));
	ins(a, ADDI(2, -56));
	ins(a, CALL(BPF_FUNC_map_lookup_elem));
	jump(a, JEQ(0, 0, 0), E_RET0);
	ins(a, MOVI(1, 1));
	ins(a, I(BPF_STX | BPF_ATOMIC | BPF_DW, 0, 1, 0, BPF_ADD));
	label(a, E_RET0);
	refuse(a);
}

static void
packetprog(struct bprog *a, const struct sysjail *sj, int map, int egress)
{
	uint32_t	 one[4] = { 0, 0, 0, 0 };
	int		 has4 = sj_first_addr(sj, AF_INET) != NULL;
	int		 has6 = sj_first_addr(sj, AF_INET6) != NULL;
	int		 l;

	one[3] = htonl(1);
	ins(a, MOVR(6, 1));
	ins(a, LDW(2, 6, (short)offsetof(struct __sk_buff, protocol)));
	jump(a, JEQ32(2, (int32_t)htons(ETH_P_IP), 0), E_V4);
	jump(a, JEQ32(2, (int32_t)htons(ETH_P_IPV6), 0), E_V6);
	jump(a, JA(), E_ALLOW);

	/* The verifier refuses unreachable code: no block for a family
	 * the jail lacks, whose packets are all dropped. */
	label(a, E_V4);
	if (!has4)
		jump(a, JA(), E_DROP);
	else {
		ins(a, MOVI(2, 0));
		loadbytes(a, -48, 20);
		if (egress) {
			l = fresh(a);
			ins(a, LDW(2, 10, -48 + 12));	/* source */
			isjail4(a, sj, 2, l);
			jump(a, JA(), E_DROP);
			label(a, l);
		}
		ins(a, LDW(2, 10, -48 + 16));		/* destination */
		isjail4(a, sj, 2, E_ALLOW);
		if (!egress)
			jump(a, JA(), E_DROP);
		else {
			ins(a, ANDI(2, 0xff));
			jump(a, JNE32(2, 127, 0), E_ALLOW);
			ins(a, LDB(8, 10, -48 + 9));	/* protocol */
			ins(a, LDB(7, 10, -48));	/* header length */
			ins(a, ANDI(7, 0xf));
			ins(a, LSHI(7, 2));
			jump(a, JA(), E_LO);
		}
	}
	label(a, E_V6);
	if (!has6)
		jump(a, JA(), E_DROP);
	else {
		ins(a, MOVI(2, 0));
		loadbytes(a, -48, 40);
		if (egress) {
			l = fresh(a);
			isjail6(a, sj, 10, -48 + 8, l);	/* source */
			jump(a, JA(), E_DROP);
			label(a, l);
		}
		isjail6(a, sj, 10, -48 + 24, E_ALLOW);	/* destination */
		if (!egress)
			jump(a, JA(), E_DROP);
		else {
			l = fresh(a);
			is6(a, 10, -48 + 24, one, l);
			jump(a, JA(), E_ALLOW);
			label(a, l);
			ins(a, LDB(8, 10, -48 + 6));	/* next header */
			ins(a, MOVI(7, 40));
			jump(a, JA(), E_LO);
		}
	}
	if (egress && (has4 || has6))
		loopback(a);
	label(a, E_ALLOW);
	allow(a);
	counter(a, map);
}

static int
packetprogs(int cg, const struct sysjail *sj)
{
	union bpf_attr	 m;
	struct bprog	 a;
	int		 map, r;

	memset(&m, 0, sizeof(m));
	m.map_type = BPF_MAP_TYPE_ARRAY;
	m.key_size = 4;
	m.value_size = 8;
	m.max_entries = 1;
	if ((map = bpf(BPF_MAP_CREATE, &m)) == -1)
		return -1;
	bprog_init(&a);
	packetprog(&a, sj, map, 1);
	r = loadattach(cg, &a, BPF_PROG_TYPE_CGROUP_SKB,
	    BPF_CGROUP_INET_EGRESS);
	if (r == 0) {
		bprog_init(&a);
		packetprog(&a, sj, map, 0);
		r = loadattach(cg, &a, BPF_PROG_TYPE_CGROUP_SKB,
		    BPF_CGROUP_INET_INGRESS);
	}
	close(map);
	return r;
}

/*
 * The number of packets the backstop of the jail whose cgroup cg is has
 * dropped, found through the cgroup's egress program: -1 with errno if
 * it cannot be read (no such program, or not privileged).
 */
long long
sj_netbpf_drops(int cg)
{
	struct bpf_prog_info	 info;
	union bpf_attr		 a;
	uint64_t		 v = 0;
	uint32_t		 ids[4], mid, key = 0;
	int			 pfd, mfd, save;

	memset(&a, 0, sizeof(a));
	a.query.target_fd = (uint32_t)cg;
	a.query.attach_type = BPF_CGROUP_INET_EGRESS;
	a.query.prog_ids = (uint64_t)(uintptr_t)ids;
	a.query.prog_cnt = 4;
	if (bpf(BPF_PROG_QUERY, &a) == -1)
		return -1;
	if (a.query.prog_cnt == 0) {
		errno = ENOENT;
		return -1;
	}
	memset(&a, 0, sizeof(a));
	a.prog_id = ids[0];
	if ((pfd = bpf(BPF_PROG_GET_FD_BY_ID, &a)) == -1)
		return -1;
	memset(&info, 0, sizeof(info));
	info.nr_map_ids = 1;
	info.map_ids = (uint64_t)(uintptr_t)&mid;
	memset(&a, 0, sizeof(a));
	a.info.bpf_fd = (uint32_t)pfd;
	a.info.info_len = sizeof(info);
	a.info.info = (uint64_t)(uintptr_t)&info;
	if (bpf(BPF_OBJ_GET_INFO_BY_FD, &a) == -1 || info.nr_map_ids < 1) {
		save = errno;
		close(pfd);
		errno = info.nr_map_ids < 1 ? ENOENT : save;
		return -1;
	}
	close(pfd);
	memset(&a, 0, sizeof(a));
	a.map_id = mid;
	if ((mfd = bpf(BPF_MAP_GET_FD_BY_ID, &a)) == -1)
		return -1;
	memset(&a, 0, sizeof(a));
	a.map_fd = (uint32_t)mfd;
	a.key = (uint64_t)(uintptr_t)&key;
	a.value = (uint64_t)(uintptr_t)&v;
	if (bpf(BPF_MAP_LOOKUP_ELEM, &a) == -1) {
		save = errno;
		close(mfd);
		errno = save;
		return -1;
	}
	close(mfd);
	return (long long)v;
}

/*
 * The packets the backstop of jail ji has dropped (sjls(1)): found through
 * the cgroup v2 of the jail's command.  -1 with errno if that cannot be
 * read (the jail has ended, or the caller is not privileged).
 */
long long
sysjail_netdrops(const struct sysjail_info *ji)
{
	char		 line[4096], path[8192], *root;
	FILE		*f;
	long long	 n = -1;
	int		 cg = -1;

	snprintf(path, sizeof(path), "/proc/%d/cgroup", (int)ji->pid);
	if ((f = fopen(path, "r")) == NULL)
		return -1;
	while (fgets(line, sizeof(line), f) != NULL) {
		if (strncmp(line, "0::/sysjail/", 12) != 0)
			continue;
		line[strcspn(line, "\n")] = '\0';
		if ((root = sj_cgroup_v2root()) == NULL)
			break;
		snprintf(path, sizeof(path), "%s%s", root, line + 3);
		free(root);
		cg = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
		break;
	}
	fclose(f);
	if (cg == -1) {
		errno = ESRCH;
		return -1;
	}
	n = sj_netbpf_drops(cg);
	close(cg);
	return n;
}

/*
 * Attaches the jail's network programs to its cgroup v2 cg (cgroup.c made
 * it, before anything jailed runs).  Returns 0, or -1 with errno.
 */
int
sj_netbpf_attach(int cg, const struct sysjail *sj)
{
	if (programs(cg, sj) == -1 || packetprogs(cg, sj) == -1)
		return -1;
	return 0;
}
