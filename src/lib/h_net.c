/*
 * h_net.c: bind(2), directly and through the i386 socketcall(2) multiplexer.
 *
 * FreeBSD's prison_local_ip4/ip6: the wildcard and loopback addresses become
 * the jail's first address of that family, the jail's own addresses are
 * used as given, and any other address does not exist (EADDRNOTAVAIL).
 *
 * Race-free: the sockaddr (and socketcall's argument block) are copied once;
 * the supervisor takes its own duplicate of the jailed socket with
 * pidfd_getfd(2) and binds that, with the copy.  Nothing the jailed process
 * changes afterwards is ever read.
 */
#include <linux/capability.h>
#include <netinet/in.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/un.h>

#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "sysjail_priv.h"
#include "supervisor.h"

#define SIN6_MINLEN	24	/* SIN6_LEN_RFC2133: the kernel's minimum */

/* The jail's first address of a family (the one J stands for), or NULL. */
const struct sj_addr *
sj_first_addr(const struct sysjail *sj, int family)
{
	int	 i;

	for (i = 0; i < sj->naddrs; i++)
		if (sj->addrs[i].family == family)
			return &sj->addrs[i];
	return NULL;
}

static int
has4(const struct sysjail *sj, struct in_addr a)
{
	int	 i;

	for (i = 0; i < sj->naddrs; i++)
		if (sj->addrs[i].family == AF_INET &&
		    sj->addrs[i].v4.s_addr == a.s_addr)
			return 1;
	return 0;
}

static int
has6(const struct sysjail *sj, const struct in6_addr *a)
{
	int	 i;

	for (i = 0; i < sj->naddrs; i++)
		if (sj->addrs[i].family == AF_INET6 &&
		    memcmp(&sj->addrs[i].v6, a, sizeof(*a)) == 0)
			return 1;
	return 0;
}

/* The IPv4 rule: 0 with *a rewritten as needed, or an errno. */
static int
rule4(const struct sysjail *sj, struct in_addr *a)
{
	const struct sj_addr	*j = sj_first_addr(sj, AF_INET);

	if (j == NULL)
		return EADDRNOTAVAIL;
	if (has4(sj, *a))
		return 0;
	if (a->s_addr == htonl(INADDR_ANY) ||
	    (ntohl(a->s_addr) >> 24) == IN_LOOPBACKNET) {
		*a = j->v4;
		return 0;
	}
	return EADDRNOTAVAIL;
}

/*
 * Judges a bind address for a socket of the given domain and rewrites it in
 * place.  Returns 0, or the errno the jail answers.  An address the kernel
 * itself would refuse (short, or of the wrong family) is left alone for the
 * kernel to refuse on the supervisor's copy.  Pure: unit-tested.
 */
int
sj_bind_policy(const struct sysjail *sj, int domain,
    struct sockaddr_storage *ss, socklen_t len)
{
	struct sockaddr_in	*sin = (struct sockaddr_in *)ss;
	struct sockaddr_in6	*sin6 = (struct sockaddr_in6 *)ss;
	const struct sj_addr	*j6;
	struct in_addr		 a4;
	int			 e;

	switch (domain) {
	case AF_INET:
		if (len < sizeof(*sin))
			return 0;
		if (sin->sin_family == AF_UNSPEC &&
		    sin->sin_addr.s_addr == htonl(INADDR_ANY))
			sin->sin_family = AF_INET;	/* the kernel's compat */
		if (sin->sin_family != AF_INET)
			return 0;
		return rule4(sj, &sin->sin_addr);
	case AF_INET6:
		if (len < SIN6_MINLEN || sin6->sin6_family != AF_INET6)
			return 0;
		if (IN6_IS_ADDR_V4MAPPED(&sin6->sin6_addr)) {
			memcpy(&a4, &sin6->sin6_addr.s6_addr[12], 4);
			if ((e = rule4(sj, &a4)) == 0)
				memcpy(&sin6->sin6_addr.s6_addr[12], &a4, 4);
			return e;
		}
		if (has6(sj, &sin6->sin6_addr))
			return 0;
		if (!IN6_IS_ADDR_UNSPECIFIED(&sin6->sin6_addr) &&
		    !IN6_IS_ADDR_LOOPBACK(&sin6->sin6_addr))
			return EADDRNOTAVAIL;
		if ((j6 = sj_first_addr(sj, AF_INET6)) != NULL) {
			sin6->sin6_addr = j6->v6;
			return 0;
		}
		/* No IPv6 address: the wildcard means J, mapped. */
		a4.s_addr = htonl(INADDR_ANY);
		if (IN6_IS_ADDR_UNSPECIFIED(&sin6->sin6_addr) &&
		    rule4(sj, &a4) == 0) {
			memset(&sin6->sin6_addr, 0, sizeof(sin6->sin6_addr));
			sin6->sin6_addr.s6_addr[10] = 0xff;
			sin6->sin6_addr.s6_addr[11] = 0xff;
			memcpy(&sin6->sin6_addr.s6_addr[12], &a4, 4);
			return 0;
		}
		return EADDRNOTAVAIL;
	default:
		return EAFNOSUPPORT;
	}
}

static int
portof(int domain, const struct sockaddr_storage *ss)
{
	if (domain == AF_INET)
		return ntohs(((const struct sockaddr_in *)ss)->sin_port);
	return ntohs(((const struct sockaddr_in6 *)ss)->sin6_port);
}

static int
unprivileged_port_start(struct sj_sup *s)
{
	char	 buf[32];
	ssize_t	 n;
	int	 fd;

	fd = openat(s->procfd, "sys/net/ipv4/ip_unprivileged_port_start",
	    O_RDONLY | O_CLOEXEC);
	if (fd == -1)
		return 1024;
	n = read(fd, buf, sizeof(buf) - 1);
	close(fd);
	if (n <= 0)
		return 1024;
	buf[n] = '\0';
	return atoi(buf);
}

/*
 * Binds a pathname AF_UNIX socket as the caller would: from its working
 * directory, with its file system identity, groups and umask, so that the
 * socket file is created and permission-checked as the kernel would for
 * the caller, and in a Landlock domain with the jail's rules (confine.c),
 * so that the path is resolved with no wider view than the caller's: a
 * working directory moved out of the root by an outside process leads
 * nowhere (EACCES), as the caller's own open(2) there would.  All of it
 * happens in a helper (sj_helper_run()), whose credentials, directory,
 * umask, domain and descriptor table are its own: the supervisor's are
 * never changed, and the helper holds none of its descriptors but the
 * socket and the directory, and the caller's capabilities only.  What
 * the helper cannot take is a Landlock domain the caller made for itself
 * inside the jail, and /proc/self in the path names the helper.
 */
struct bindjob {
	int			 cwd;
	int			 sfd;
	int			 devfs;
	const struct sj_cred	*me;
	const struct sockaddr	*sa;
	socklen_t		 len;
	int			 err;
};

static int
bindhelper(void *arg)
{
	struct bindjob	*j = arg;
	int		 keep[2];

	j->err = 0;
	/*
	 * None of the supervisor's descriptors: a path through
	 * /proc/self/fd would reach them (the registry, the host's /proc).
	 * The domain first (it needs CAP_SYS_ADMIN), then the caller's ids
	 * and effective capabilities, no more.
	 */
	keep[0] = j->sfd;
	keep[1] = j->cwd;
	sj_close_except(0, keep, 2);
	if (sj_confine_landlock(j->devfs) == -1 || fchdir(j->cwd) == -1 ||
	    sj_become(j->me) == -1) {
		j->err = errno;
		return 1;
	}
	syscall(SYS_setfsgid, j->me->gid[3]);
	syscall(SYS_setfsuid, j->me->uid[3]);
	umask(j->me->umask);
	if (bind(j->sfd, j->sa, j->len) == -1)
		j->err = errno;
	return 0;
}

static int
bind_as(struct sj_call *c, const struct sj_cred *me, int sfd,
    const struct sockaddr_storage *ss, socklen_t len)
{
	struct bindjob	 j;
	char		 path[64];
	int		 r;

	snprintf(path, sizeof(path), "%u/cwd", c->req->pid);
	if ((j.cwd = openat(c->sup->procfd, path, O_PATH | O_DIRECTORY |
	    O_CLOEXEC)) == -1 || sj_valid(c) == -1) {
		if (j.cwd != -1)
			close(j.cwd);
		return -1;
	}
	j.sfd = sfd;
	j.devfs = c->sup->sj->ro.devfs;
	j.me = me;
	j.sa = (const struct sockaddr *)ss;
	j.len = len;
	j.err = EIO;
	r = sj_helper_run(bindhelper, &j);
	close(j.cwd);
	if (r == -1)
		return -1;
	errno = j.err;
	return j.err == 0 ? 0 : -1;
}

static void
dobind(struct sj_call *c, int fd, uint64_t uaddr, int64_t ulen)
{
	struct sockaddr_storage	 ss;
	struct sj_cred		 me;
	struct sockaddr_un	*sun = (struct sockaddr_un *)&ss;
	socklen_t		 olen = sizeof(int);
	int			 sfd = -1, domain, e, port;

	/*
	 * The kernel's order: the descriptor, then the address.  The caller's
	 * identity is read only where it decides (a privileged port, a path).
	 */
	if ((sfd = sj_caller_fd(c, NULL, fd)) == -1)
		return;
	/* ENOTSOCK for a descriptor that is not a socket, as bind(2). */
	if (getsockopt(sfd, SOL_SOCKET, SO_DOMAIN, &domain, &olen) == -1) {
		sj_refuse(c, errno);
		goto out;
	}
	if (ulen < 0 || ulen > (int64_t)sizeof(ss)) {
		sj_refuse(c, EINVAL);
		goto out;
	}
	memset(&ss, 0, sizeof(ss));
	if (sj_peek(c, uaddr, &ss, (size_t)ulen) == -1) {
		if (errno == EFAULT)
			sj_refuse(c, EFAULT);
		goto out;
	}
	switch (domain) {
	case AF_INET:
	case AF_INET6:
		if ((e = sj_bind_policy(c->sup->sj, domain, &ss,
		    (socklen_t)ulen)) != 0) {
			sj_refuse(c, e);
			goto out;
		}
		port = ulen >= 4 ? portof(domain, &ss) : 0;
		if (port != 0 && port < unprivileged_port_start(c->sup)) {
			if (sj_caller_cred(c, &me) == -1)
				goto out;
			if (!(me.capeff & (1ULL << CAP_NET_BIND_SERVICE))) {
				sj_refuse(c, EACCES);
				goto out;
			}
		}
		e = bind(sfd, (struct sockaddr *)&ss, (socklen_t)ulen);
		break;
	case AF_UNIX:
		if ((size_t)ulen > offsetof(struct sockaddr_un, sun_path) &&
		    sun->sun_path[0] != '\0') {
			if (sj_caller_cred(c, &me) == -1)
				goto out;
			e = bind_as(c, &me, sfd, &ss, (socklen_t)ulen);
		} else	/* abstract or unnamed: no file system involved */
			e = bind(sfd, (struct sockaddr *)&ss, (socklen_t)ulen);
		if (e == -1 && c->gone)
			goto out;
		break;
	default:
		sj_refuse(c, EAFNOSUPPORT);
		goto out;
	}
	if (e == -1)
		sj_refuse(c, errno);
	else
		sj_answer(c, 0);
out:
	close(sfd);
}

void
sj_h_bind(struct sj_call *c)
{
	dobind(c, (int32_t)c->args[0], c->args[1], (int32_t)c->args[2]);
}

static void	dosocket(struct sj_call *, int, int, int);

/* Binds a new raw socket to the jail's first address of its family. */
static int
rawbind(const struct sysjail *sj, int fd, int domain)
{
	const struct sj_addr	*j = sj_first_addr(sj, domain);
	struct sockaddr_in6	 sin6;
	struct sockaddr_in	 sin;

	if (j == NULL) {
		errno = EAFNOSUPPORT;
		return -1;
	}
	if (domain == AF_INET) {
		memset(&sin, 0, sizeof(sin));
		sin.sin_family = AF_INET;
		sin.sin_addr = j->v4;
		return bind(fd, (struct sockaddr *)&sin, sizeof(sin));
	}
	memset(&sin6, 0, sizeof(sin6));
	sin6.sin6_family = AF_INET6;
	sin6.sin6_addr = j->v6;
	return bind(fd, (struct sockaddr *)&sin6, sizeof(sin6));
}

/* socket(2) of a raw socket, in a jail that allows them: registers. */
void
sj_h_socket(struct sj_call *c)
{
	dosocket(c, (int32_t)c->args[0], (int32_t)c->args[1],
	    (int32_t)c->args[2]);
}

/*
 * socket(2) through socketcall: the family lives in memory, so the
 * supervisor judges its copy as the filter judges the direct call's
 * register, creates the socket itself and installs it with ADDFD|SEND.
 * The socket is then owned by the supervisor's identity (fstat(2) shows
 * root as its owner); sysjail(3) says so.
 */
static void
dosocket(struct sj_call *c, int domain, int type, int protocol)
{
	struct sj_cred	 me;
	int		 e, fd, kind = type & 0xf, raw, pair[2];

	switch (domain) {
	case AF_UNIX:
		break;
	case AF_INET:
	case AF_INET6:
		if (sj_first_addr(c->sup->sj, domain) != NULL)
			break;
		/* FALLTHROUGH */
	default:
		sj_refuse(c, EAFNOSUPPORT);
		return;
	}
	if (sj_caller_cred(c, &me) == -1)
		return;
	raw = (kind == SOCK_RAW || kind == SOCK_PACKET) && domain != AF_UNIX;
	if (raw && !(c->sup->sj->flags & SYSJAIL_ALLOW_RAW_SOCKETS) &&
	    !(me.capeff & (1ULL << CAP_NET_RAW))) {
		sj_refuse(c, EPERM);	/* the caller's privilege, not ours */
		return;
	}
	/* Allowed raw sockets are jailed root's, as FreeBSD's are. */
	if (raw && (c->sup->sj->flags & SYSJAIL_ALLOW_RAW_SOCKETS) &&
	    (me.uid[1] != 0 || kind != SOCK_RAW)) {
		sj_refuse(c, EPERM);
		return;
	}
	/*
	 * The jail's spawner makes it, a jailed process: the socket then
	 * belongs to the jail's cgroup (netbpf.c's programs) and Landlock
	 * domain (abstract AF_UNIX scoping), as the caller's own would.
	 */
	if (!raw && sj_exec_socket(c->sup, domain, type, protocol, pair, 0) ==
	    0) {
		fd = pair[0];
		goto made;
	}
	if (!raw && errno != ENXIO) {
		sj_refuse(c, errno);
		return;
	}
	/*
	 * A raw socket (which the spawner may not make), or no spawner: the
	 * supervisor makes it from inside the jail's cgroup, then goes home.
	 * Without that, a socket made here would escape netbpf.c.
	 */
	if (sj_cgroup_enter(c->sup->sj->cgfd, 0) == -1) {
		sj_refuse(c, errno);
		return;
	}
	fd = socket(domain, type, protocol);
	e = errno;
	if (write(c->sup->cghome, "0\n", 2) != 2) {
		/* Stuck in the jail's cgroup: fail closed. */
		sj_teardown(c->sup->procfd, c->sup->self);
		_exit(1);
	}
	if (fd == -1) {
		sj_refuse(c, e);
		return;
	}
made:
	/* A raw socket sends from, and receives for, the jail's address. */
	if (raw && rawbind(c->sup->sj, fd, domain) == -1) {
		sj_refuse(c, errno);
		close(fd);
		return;
	}
	if (sj_addfd(c, fd, (type & SOCK_CLOEXEC) ? O_CLOEXEC : 0) == -1 &&
	    !c->gone)
		sj_refuse(c, errno);
	close(fd);
}

/*
 * socketpair(2) through socketcall: judged on the supervisor's copy as the
 * filter judges the direct call (AF_UNIX; the jail's IP families get the
 * kernel's EOPNOTSUPP; no other family exists, so that no module is loaded
 * for one), made by the jail's spawner, installed in the caller, and the
 * two numbers written to the caller's array, which is checked writable
 * first, as the kernel does before it installs anything.
 */
static void
dosocketpair(struct sj_call *c, int domain, int type, int protocol,
    uint32_t sv)
{
	int32_t		 n[2] = { -1, -1 };
	int		 fds[2], i, r = 0;
	unsigned int	 fl = (type & SOCK_CLOEXEC) ? O_CLOEXEC : 0;

	if (domain != AF_UNIX) {
		sj_refuse(c, (domain == AF_INET || domain == AF_INET6) &&
		    sj_first_addr(c->sup->sj, domain) != NULL ? EOPNOTSUPP :
		    EAFNOSUPPORT);
		return;
	}
	if (sj_poke(c, sv, n, sizeof(n)) == -1) {
		if (!c->gone)
			sj_refuse(c, EFAULT);
		return;
	}
	if (sj_exec_socket(c->sup, domain, type, protocol, fds, 1) == -1) {
		sj_refuse(c, errno == ENXIO ? ENOBUFS : errno);
		return;
	}
	for (i = 0; i < 2 && r == 0; i++) {
		struct seccomp_notif_addfd	 a;

		memset(&a, 0, sizeof(a));
		a.id = c->req->id;
		a.srcfd = (uint32_t)fds[i];
		a.newfd_flags = fl;
		if ((n[i] = ioctl(c->sup->listener, SECCOMP_IOCTL_NOTIF_ADDFD,
		    &a)) == -1) {
			if (errno == ENOENT)
				c->gone = 1;
			r = -1;
		}
	}
	close(fds[0]);
	close(fds[1]);
	if (r == -1) {
		if (!c->gone)
			sj_refuse(c, errno);
		return;
	}
	if (sj_poke(c, sv, n, sizeof(n)) == -1) {
		if (!c->gone)
			sj_refuse(c, EFAULT);
		return;
	}
	sj_answer(c, 0);
}

/*
 * The size of socketcall(2)'s argument block for the calls the supervisor
 * handles: 3 or 4 32-bit words, or 0 for any other call.
 */
size_t
sj_socketcall_nargs(int call)
{
	switch (call) {
	case SYS_LISTEN:
		return 2;
	case SYS_SOCKET:
	case SYS_BIND:
		return 3;
	case SYS_SOCKETPAIR:
		return 4;
	default:
		return 0;
	}
}

/*
 * Decodes the copy of socketcall's argument block (len bytes at block)
 * into the direct call's arguments: int arguments sign-extended, the
 * address of bind and the array of socketpair zero-extended, the rest 0.
 * Returns the number of arguments, or -1 (a call not handled, or too short
 * a block).  Pure: fuzzed (fuzz/fuzz_socketcall.c).
 */
int
sj_socketcall_decode(int call, const void *block, size_t len,
    uint64_t out[6])
{
	uint32_t	 a[4];
	size_t		 n = sj_socketcall_nargs(call), i;

	if (n == 0 || len < n * sizeof(a[0]))
		return -1;
	memcpy(a, block, n * sizeof(a[0]));
	memset(out, 0, 6 * sizeof(out[0]));
	for (i = 0; i < n; i++)
		out[i] = (uint64_t)(int64_t)(int32_t)a[i];
	if (call == SYS_BIND)
		out[1] = a[1];
	else if (call == SYS_SOCKETPAIR)
		out[3] = a[3];
	return (int)n;
}

/*
 * socketcall(2): the call number is a register (the filter notifies only
 * SYS_SOCKET, SYS_SOCKETPAIR, SYS_BIND and SYS_LISTEN), the arguments an
 * array of 32-bit words in memory, read once.
 */
static void	dolisten(struct sj_call *, int, int);

void
sj_h_socketcall(struct sj_call *c)
{
	uint32_t	 a[4];
	uint64_t	 v[6];
	int		 call = (int32_t)c->args[0];
	size_t		 n;

	if ((n = sj_socketcall_nargs(call)) == 0) {
		sj_refuse(c, EINVAL);
		return;
	}
	if (sj_peek(c, c->args[1], a, n * sizeof(a[0])) == -1) {
		if (errno == EFAULT)
			sj_refuse(c, EFAULT);
		return;
	}
	(void)sj_socketcall_decode(call, a, n * sizeof(a[0]), v);
	if (call == SYS_SOCKET)
		dosocket(c, (int)v[0], (int)v[1], (int)v[2]);
	else if (call == SYS_SOCKETPAIR)
		dosocketpair(c, (int)v[0], (int)v[1], (int)v[2],
		    (uint32_t)v[3]);
	else if (call == SYS_LISTEN)
		dolisten(c, (int)v[0], (int)v[1]);
	else
		dobind(c, (int)v[0], v[1], (int64_t)v[2]);
}

/*
 * listen(2).  The kernel would make a socket that was never bound listen on
 * the wildcard, every host address; FreeBSD binds it to the jail's
 * address.  So do we: the supervisor binds its duplicate of the socket to
 * J of the socket's family (J6 for IPv6; port 0, the kernel's choice), and
 * the kernel decides on its own state whether that happens: a socket that
 * is bound already refuses (EINVAL) and stays as it is.  (getsockname
 * cannot tell: netbpf.c shows an autobound wildcard as J.)  Then the
 * supervisor listens on it itself.  Nothing depends on the caller's
 * memory; a bind or connect of another thread in between makes the bind
 * or the listen fail as it would.
 */
void
sj_h_listen(struct sj_call *c)
{
	dolisten(c, (int32_t)c->args[0], (int32_t)c->args[1]);
}

/*
 * An AF_UNIX socket takes, at listen(2), the identity its clients will
 * see (SO_PEERCRED, SO_PEERPIDFD) from whoever calls it: performed by
 * the supervisor, a jailed user's listener would show host clients root
 * and the supervisor's pid.  So the listen runs in a helper that holds
 * nothing but the socket and has taken the caller's ids, groups and
 * capabilities: clients see the caller's uid and gids, and the pid of a
 * helper that has exited.
 */
struct listenjob {
	int			 sfd;
	int			 backlog;
	const struct sj_cred	*me;
	int			 err;
};

static int
listenhelper(void *arg)
{
	struct listenjob	*j = arg;

	sj_close_except(0, &j->sfd, 1);
	if (sj_become(j->me) == -1 || listen(j->sfd, j->backlog) == -1)
		j->err = errno;
	else
		j->err = 0;
	return 0;
}

static void
listen_as(struct sj_call *c, const struct sj_cred *me, int sfd, int backlog)
{
	struct listenjob	 j = { sfd, backlog, me, EIO };

	if (sj_helper_run(listenhelper, &j) == -1)
		sj_refuse(c, errno);
	else if (j.err != 0)
		sj_refuse(c, j.err);
	else
		sj_answer(c, 0);
}

/* listen(2) directly or through socketcall, on the supervisor's duplicate. */
static void
dolisten(struct sj_call *c, int fd, int backlog)
{
	struct sockaddr_storage	 ss;
	struct sj_cred		 me;
	struct stat		 sb;
	socklen_t		 len = sizeof(int);
	int			 sfd, domain, type;

	if ((sfd = sj_caller_fd(c, &me, fd)) == -1)
		return;
	if (fstat(sfd, &sb) == -1 || !S_ISSOCK(sb.st_mode)) {
		sj_refuse(c, ENOTSOCK);
		goto out;
	}
	if (getsockopt(sfd, SOL_SOCKET, SO_DOMAIN, &domain, &len) == -1) {
		sj_refuse(c, errno);
		goto out;
	}
	len = sizeof(int);
	if ((domain == AF_INET || domain == AF_INET6) &&
	    getsockopt(sfd, SOL_SOCKET, SO_TYPE, &type, &len) == 0 &&
	    type == SOCK_STREAM) {
		memset(&ss, 0, sizeof(ss));
		ss.ss_family = (sa_family_t)domain;
		len = domain == AF_INET ? sizeof(struct sockaddr_in) :
		    sizeof(struct sockaddr_in6);
		if (sj_bind_policy(c->sup->sj, domain, &ss, len) != 0) {
			sj_refuse(c, EADDRNOTAVAIL);	/* fail closed */
			goto out;
		}
		if (bind(sfd, (struct sockaddr *)&ss, len) == -1 &&
		    errno != EINVAL) {
			sj_refuse(c, errno);
			goto out;
		}
	}
	if (domain == AF_UNIX)
		listen_as(c, &me, sfd, backlog);
	else if (listen(sfd, backlog) == -1)
		sj_refuse(c, errno);
	else
		sj_answer(c, 0);
out:
	close(sfd);
}

/*
 * setsockopt(2) of the options that choose a source address or interface
 * beyond the jail's (the filter notifies only their option numbers):
 * IP_FREEBIND, IP_TRANSPARENT, IPV6_FREEBIND, IPV6_TRANSPARENT,
 * SO_BINDTODEVICE, SO_BINDTOIFINDEX are refused with EPERM, as FreeBSD
 * refuses IP_BINDANY and SO_SETFIB in a jail.  The same numbers at other
 * levels are other options: the kernel performs them (a decision on
 * registers alone).
 */
void
sj_h_sockopt(struct sj_call *c)
{
	int	 level = (int32_t)c->args[1], name = (int32_t)c->args[2];

	if ((level == SOL_IP && (name == IP_FREEBIND ||
	    name == IP_TRANSPARENT)) ||
	    (level == SOL_IPV6 && (name == IPV6_FREEBIND ||
	    name == IPV6_TRANSPARENT)) ||
	    (level == SOL_SOCKET && (name == SO_BINDTODEVICE ||
	    name == SO_BINDTOIFINDEX)))
		sj_refuse(c, EPERM);
	else if (level == SOL_SOCKET && name == SO_PASSPIDFD)
		sj_refuse(c, ENOPROTOOPT);
	else
		sj_continue(c);
}

/*
 * The process of a socket's peer, if it is a member of the jail: 1 and a
 * pidfd of it in *pfd, 0 if the peer is outside, has exited or is not
 * known, -1 on a system error.  The supervisor asks the kernel for the
 * pidfd itself (SO_PEERPIDFD), so the judgement is on the process the
 * socket records, not on a number: its pid read from the pidfd, the
 * membership of that pid, then the pidfd read again: if it still names
 * that pid, the process lived throughout and the membership was its own.
 */
static int
peermember(struct sj_sup *s, int sfd, int *pfd)
{
	struct sj_proc	 t;
	socklen_t	 len = sizeof(*pfd);
	char		 path[64], buf[512], *p;
	pid_t		 pid[2];
	ssize_t		 n;
	int		 i, f, r;

	*pfd = -1;
	if (getsockopt(sfd, SOL_SOCKET, SO_PEERPIDFD, pfd, &len) == -1) {
		*pfd = -1;
		return errno == ENODATA || errno == ESRCH ||
		    errno == ENOPROTOOPT || errno == ENOTCONN ? 0 : -1;
	}
	for (i = 0; i < 2; i++) {
		pid[i] = 0;
		snprintf(path, sizeof(path), "self/fdinfo/%d", *pfd);
		if ((f = openat(s->procfd, path, O_RDONLY | O_CLOEXEC)) ==
		    -1)
			break;
		n = read(f, buf, sizeof(buf) - 1);
		close(f);
		buf[n > 0 ? n : 0] = '\0';
		if ((p = strstr(buf, "\nPid:")) != NULL)
			pid[i] = (pid_t)strtol(p + 5, NULL, 10);
		if (i == 0) {
			if (pid[0] <= 0)
				break;
			if ((r = sj_member(s, pid[0], &t)) == 1)
				sj_proc_close(&t);
			if (r != 1)
				break;
		}
	}
	if (i == 2 && pid[1] == pid[0])
		return 1;
	close(*pfd);
	*pfd = -1;
	return 0;
}

/*
 * getsockopt(2) SO_PEERCRED and SO_PEERPIDFD at SOL_SOCKET: what the
 * kernel would answer, unless the peer is a process outside the jail,
 * which does not exist for the jail: SO_PEERPIDFD fails with ENODATA (the
 * kernel's answer for a peer it has no process for) and SO_PEERCRED
 * gives pid 0, with the peer's uid and gid, which authentication over the
 * socket needs and which name no process.  Performed by the supervisor on
 * its duplicate of the caller's socket; the lengths are read once.
 */
void
sj_h_peer(struct sj_call *c)
{
	struct seccomp_notif_addfd	 a;
	struct sj_cred			 me;
	struct ucred			 uc;
	socklen_t			 ulen = sizeof(uc);
	int32_t				 len;
	int				 sfd, pfd = -1, in, fd;

	if ((int32_t)c->args[1] != SOL_SOCKET) {
		sj_continue(c);		/* decided on registers alone */
		return;
	}
	if (sj_peek(c, c->args[4], &len, sizeof(len)) == -1) {
		if (!c->gone)
			sj_refuse(c, EFAULT);
		return;
	}
	if (len < 0) {
		sj_refuse(c, EINVAL);
		return;
	}
	if ((sfd = sj_caller_fd(c, &me, (int32_t)c->args[0])) == -1)
		return;
	if ((int32_t)c->args[2] == SO_PEERCRED) {
		if (getsockopt(sfd, SOL_SOCKET, SO_PEERCRED, &uc, &ulen) ==
		    -1) {
			sj_refuse(c, errno);
			goto out;
		}
		if (uc.pid != 0 && (in = peermember(c->sup, sfd, &pfd)) != 1) {
			if (in == -1 && errno != EOPNOTSUPP) {
				sj_refuse(c, errno);
				goto out;
			}
			uc.pid = 0;
		}
		if (pfd != -1)
			close(pfd);
		if ((size_t)len > sizeof(uc))
			len = sizeof(uc);
		if (sj_poke(c, c->args[3], &uc, (size_t)len) == -1 ||
		    sj_poke(c, c->args[4], &len, sizeof(len)) == -1) {
			if (!c->gone)
				sj_refuse(c, EFAULT);
		} else
			sj_answer(c, 0);
		goto out;
	}
	/* SO_PEERPIDFD */
	if ((in = peermember(c->sup, sfd, &pfd)) == -1) {
		sj_refuse(c, errno);
		goto out;
	}
	if (in == 0) {
		sj_refuse(c, ENODATA);
		goto out;
	}
	if ((size_t)len > sizeof(int))
		len = sizeof(int);
	memset(&a, 0, sizeof(a));
	a.id = c->req->id;
	a.srcfd = (uint32_t)pfd;
	a.newfd_flags = O_CLOEXEC;
	if ((fd = ioctl(c->sup->listener, SECCOMP_IOCTL_NOTIF_ADDFD, &a)) ==
	    -1) {
		if (errno == ENOENT)
			c->gone = 1;
		else
			sj_refuse(c, errno);
	} else if (sj_poke(c, c->args[3], &fd, (size_t)len) == -1 ||
	    sj_poke(c, c->args[4], &len, sizeof(len)) == -1) {
		if (!c->gone)
			sj_refuse(c, EFAULT);
	} else
		sj_answer(c, 0);
	close(pfd);
out:
	close(sfd);
}
