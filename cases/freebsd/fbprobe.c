/*
 * fbprobe: one probe per statement of FreeBSD's jail security model, for
 * cases/freebsd.  Static, so that it runs in any jail root; it is run
 * both inside a jail and outside, where the host must answer differently.
 *
 *	fbprobe check [argument ...]
 *
 * Each probe prints one line, "check RESULT", where RESULT is OK (or
 * what was observed) or the symbolic errno of the call that failed, and
 * exits 0; a usage error exits 2.  No probe changes anything outside the
 * process, its own files or a namespace the caller made for it: what a
 * probe would set is the value already there, or the call is one whose
 * arguments make the host refuse it after the privilege check.  The
 * probes that would change a network, mount, UTS or IPC namespace refuse
 * to run outside a jail unless unshare(1) gave them a namespace of their
 * own (exit 3), and the reboot probes never run outside a jail.
 */
#include <sys/ioctl.h>
#include <sys/ipc.h>
#include <sys/mount.h>
#include <sys/prctl.h>
#include <sys/reboot.h>
#include <sys/resource.h>
#include <sys/shm.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/sysmacros.h>
#include <sys/time.h>
#include <sys/types.h>
#include <sys/utsname.h>
#include <sys/io.h>

#include <arpa/inet.h>
#include <linux/fs.h>
#include <linux/netlink.h>
#include <linux/reboot.h>
#include <net/if.h>
#include <net/route.h>
#include <netinet/in.h>

#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static const char	*check;

static void
result(int rc)
{
	if (rc == -1)
		printf("%s %s\n", check, strerrorname_np(errno));
	else
		printf("%s OK\n", check);
}

static void __attribute__((noreturn))
usage(void)
{
	fprintf(stderr, "usage: fbprobe check [argument ...]\n");
	exit(2);
}

/* A seccomp filter in filter mode: the probe runs in a jail. */
static int
jailed(void)
{
	return prctl(PR_GET_SECCOMP, 0, 0, 0, 0) == 2;
}

/* Exits 3 unless jailed. */
static void
jailed_only(void)
{
	if (!jailed()) {
		printf("%s REFUSED: not in a jail\n", check);
		exit(3);
	}
}

/*
 * Exits 3 unless jailed, or in a namespace ns other than its parent's,
 * as unshare(1) makes it.
 */
static void
private_ns(const char *ns)
{
	char	 p[64], self[64], parent[64];
	ssize_t	 n, m;

	if (jailed())
		return;
	snprintf(p, sizeof(p), "/proc/self/ns/%s", ns);
	n = readlink(p, self, sizeof(self));
	snprintf(p, sizeof(p), "/proc/%d/ns/%s", (int)getppid(), ns);
	m = readlink(p, parent, sizeof(parent));
	if (n <= 0 || m <= 0 || (n == m && memcmp(self, parent, n) == 0)) {
		printf("%s REFUSED: not in a namespace of its own\n", check);
		exit(3);
	}
}

static in_addr_t
addr(const char *s)
{
	struct in_addr	 in;

	if (inet_pton(AF_INET, s, &in) != 1)
		usage();
	return in.s_addr;
}

/* Sets lo's flags, or adds IFF_UP: a namespace of the caller's own. */
static int
ifflags(int up)
{
	struct ifreq	 ifr;
	int		 s, rc;

	if ((s = socket(AF_INET, SOCK_DGRAM, 0)) == -1)
		return -1;
	memset(&ifr, 0, sizeof(ifr));
	strcpy(ifr.ifr_name, "lo");
	if ((rc = ioctl(s, SIOCGIFFLAGS, &ifr)) == 0) {
		if (up)
			ifr.ifr_flags |= IFF_UP;
		rc = ioctl(s, SIOCSIFFLAGS, &ifr);
	}
	close(s);
	return rc;
}

static int
ifaddr(void)
{
	struct ifreq		 ifr;
	struct sockaddr_in	*sin = (struct sockaddr_in *)&ifr.ifr_addr;
	int			 s, rc;

	if ((s = socket(AF_INET, SOCK_DGRAM, 0)) == -1)
		return -1;
	memset(&ifr, 0, sizeof(ifr));
	strcpy(ifr.ifr_name, "lo");
	sin->sin_family = AF_INET;
	sin->sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	rc = ioctl(s, SIOCSIFADDR, &ifr);
	close(s);
	return rc;
}

static int
route(void)
{
	struct rtentry		 rt;
	struct sockaddr_in	*dst = (struct sockaddr_in *)&rt.rt_dst;
	struct sockaddr_in	*mask = (struct sockaddr_in *)&rt.rt_genmask;
	char			 dev[] = "lo";
	int			 s, rc;

	(void)ifflags(1);	/* a fresh namespace's lo is down */
	if ((s = socket(AF_INET, SOCK_DGRAM, 0)) == -1)
		return -1;
	memset(&rt, 0, sizeof(rt));
	dst->sin_family = AF_INET;
	dst->sin_addr.s_addr = addr("198.51.100.0");
	mask->sin_family = AF_INET;
	mask->sin_addr.s_addr = addr("255.255.255.0");
	rt.rt_flags = RTF_UP;
	rt.rt_dev = dev;
	rc = ioctl(s, SIOCADDRT, &rt);
	close(s);
	return rc;
}

static int
sock(int family, int type, int proto)
{
	int	 s;

	if ((s = socket(family, type, proto)) == -1)
		return -1;
	close(s);
	return 0;
}

static void
printaddr(const char *what, int s, int peer)
{
	struct sockaddr_in	 sin;
	socklen_t		 len = sizeof(sin);
	int			 rc;

	rc = peer ? getpeername(s, (struct sockaddr *)&sin, &len) :
	    getsockname(s, (struct sockaddr *)&sin, &len);
	if (rc == -1)
		printf("%s %s %s\n", check, what, strerrorname_np(errno));
	else
		printf("%s %s %s\n", check, what, inet_ntoa(sin.sin_addr));
}

/* Binds a TCP socket; prints the address it got, or the errno. */
static void
bindto(const char *a, int port)
{
	struct sockaddr_in	 sin;
	int			 s;

	if ((s = socket(AF_INET, SOCK_STREAM, 0)) == -1) {
		result(-1);
		return;
	}
	memset(&sin, 0, sizeof(sin));
	sin.sin_family = AF_INET;
	sin.sin_addr.s_addr = addr(a);
	sin.sin_port = htons(port);
	if (bind(s, (struct sockaddr *)&sin, sizeof(sin)) == -1)
		result(-1);
	else
		printaddr("bound", s, 0);
	close(s);
}

/* A listener on 127.0.0.1 and a client connecting to it. */
static void
loopback(void)
{
	struct sockaddr_in	 sin;
	socklen_t		 len = sizeof(sin);
	int			 l, c;

	l = socket(AF_INET, SOCK_STREAM, 0);
	c = socket(AF_INET, SOCK_STREAM, 0);
	memset(&sin, 0, sizeof(sin));
	sin.sin_family = AF_INET;
	sin.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	if (l == -1 || c == -1 ||
	    bind(l, (struct sockaddr *)&sin, sizeof(sin)) == -1 ||
	    listen(l, 1) == -1 ||
	    getsockname(l, (struct sockaddr *)&sin, &len) == -1) {
		result(-1);
		return;
	}
	printaddr("listener", l, 0);
	sin.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	if (connect(c, (struct sockaddr *)&sin, sizeof(sin)) == -1) {
		result(-1);
		return;
	}
	printaddr("client", c, 0);
	printaddr("peer", c, 1);
}

/* A datagram from an unbound socket to 127.0.0.1: source and name. */
static void
udp(void)
{
	struct sockaddr_in	 sin, from;
	socklen_t		 len = sizeof(sin);
	char			 b;
	int			 r, s;

	r = socket(AF_INET, SOCK_DGRAM, 0);
	s = socket(AF_INET, SOCK_DGRAM, 0);
	memset(&sin, 0, sizeof(sin));
	sin.sin_family = AF_INET;
	sin.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	if (r == -1 || s == -1 ||
	    bind(r, (struct sockaddr *)&sin, sizeof(sin)) == -1 ||
	    getsockname(r, (struct sockaddr *)&sin, &len) == -1) {
		result(-1);
		return;
	}
	sin.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	if (sendto(s, "x", 1, 0, (struct sockaddr *)&sin, sizeof(sin)) != 1) {
		result(-1);
		return;
	}
	len = sizeof(from);
	if (recvfrom(r, &b, 1, 0, (struct sockaddr *)&from, &len) != 1) {
		result(-1);
		return;
	}
	printf("%s from %s\n", check, inet_ntoa(from.sin_addr));
	printaddr("local", s, 0);
}

/* Sets and clears the immutable flag of a file of the caller's. */
static int
immutable(const char *path)
{
	int	 fd, flags, rc;

	if ((fd = open(path, O_RDONLY)) == -1)
		return -1;
	if ((rc = ioctl(fd, FS_IOC_GETFLAGS, &flags)) == 0) {
		flags |= FS_IMMUTABLE_FL;
		if ((rc = ioctl(fd, FS_IOC_SETFLAGS, &flags)) == 0) {
			flags &= ~FS_IMMUTABLE_FL;
			(void)ioctl(fd, FS_IOC_SETFLAGS, &flags);
		}
	}
	close(fd);
	return rc;
}

/* Waits for SIGUSR1 after writing "ready" to a file; prints si_code. */
static void
sigwait_code(const char *ready)
{
	siginfo_t	 si;
	sigset_t	 set;
	FILE		*fp;

	sigemptyset(&set);
	sigaddset(&set, SIGUSR1);
	sigprocmask(SIG_BLOCK, &set, NULL);
	if ((fp = fopen(ready, "w")) == NULL) {
		result(-1);
		return;
	}
	fprintf(fp, "%d\n", (int)getpid());
	fclose(fp);
	if (sigwaitinfo(&set, &si) == -1) {
		result(-1);
		return;
	}
	printf("%s %s\n", check, si.si_code == SI_USER ? "SI_USER" :
	    si.si_code == SI_QUEUE ? "SI_QUEUE" :
	    si.si_code == SI_TKILL ? "SI_TKILL" : "other");
}

int
main(int argc, char *argv[])
{
	struct utsname	 u;
	const char	*a1;
	int		 id;

	if (argc < 2)
		usage();
	check = argv[1];
	a1 = argc > 2 ? argv[2] : NULL;
	setvbuf(stdout, NULL, _IOLBF, 0);

	if (strcmp(check, "modload") == 0)
		/* The host, with the privilege, rejects the descriptor. */
		result(syscall(SYS_finit_module, -1, "", 0));
	else if (strcmp(check, "modunload") == 0)
		result(syscall(SYS_delete_module, "fbprobe_no_such_module",
		    O_NONBLOCK));
	else if (strcmp(check, "guard") == 0 && a1 != NULL) {
		private_ns(a1);
		result(0);
	} else if (strcmp(check, "guard-jail") == 0) {
		jailed_only();
		result(0);
	} else if (strcmp(check, "kexec") == 0)
		/* Flags no kernel knows: the host says EINVAL. */
		result(syscall(SYS_kexec_load, 0UL, 0UL, NULL, 0xdead0000UL));
	else if (strcmp(check, "bpf") == 0)
		/* No attribute: the host says EINVAL or EFAULT. */
		result(syscall(SYS_bpf, 5 /* BPF_PROG_LOAD */, NULL, 0));
	else if (strcmp(check, "ioperm") == 0)
		result(ioperm(0x80, 1, 1));
	else if (strcmp(check, "ifflags") == 0) {
		private_ns("net");
		result(ifflags(0));
	} else if (strcmp(check, "ifaddr") == 0) {
		private_ns("net");
		result(ifaddr());
	} else if (strcmp(check, "route") == 0) {
		private_ns("net");
		result(route());
	} else if (strcmp(check, "mount") == 0 && a1 != NULL) {
		int rc;

		private_ns("mnt");
		rc = mount("fbprobe", a1, "tmpfs", 0, "size=4k");

		result(rc);
		if (rc == 0)
			(void)umount2(a1, 0);
	} else if (strcmp(check, "umount") == 0 && a1 != NULL)
		result(umount2(a1, 0));
	else if (strcmp(check, "mknod-c") == 0 && a1 != NULL)
		result(mknod(a1, S_IFCHR | 0600, makedev(1, 3)));
	else if (strcmp(check, "mknod-b") == 0 && a1 != NULL)
		result(mknod(a1, S_IFBLK | 0600, makedev(7, 0)));
	else if (strcmp(check, "mknod-p") == 0 && a1 != NULL)
		result(mknod(a1, S_IFIFO | 0600, 0));
	else if (strcmp(check, "raw") == 0)
		result(sock(AF_INET, SOCK_RAW, IPPROTO_ICMP));
	else if (strcmp(check, "packet") == 0)
		result(sock(AF_PACKET, SOCK_RAW, 0));
	else if (strcmp(check, "netlink") == 0)
		result(sock(AF_NETLINK, SOCK_RAW, NETLINK_ROUTE));
	else if (strcmp(check, "inet") == 0)
		result(sock(AF_INET, SOCK_STREAM, 0));
	else if (strcmp(check, "inet6") == 0)
		result(sock(AF_INET6, SOCK_STREAM, 0));
	else if (strcmp(check, "unix") == 0)
		result(sock(AF_UNIX, SOCK_STREAM, 0));
	else if (strcmp(check, "settime") == 0)
		/* Both NULL: checked for the privilege, then nothing. */
		result(syscall(SYS_settimeofday, NULL, NULL));
	else if (strcmp(check, "setdomainname") == 0) {
		private_ns("uts");
		if (uname(&u) == -1)
			result(-1);
		else
			result(setdomainname(u.domainname,
			    strlen(u.domainname)));
	} else if (strcmp(check, "openw") == 0 && a1 != NULL) {
		int fd = open(a1, O_WRONLY);

		result(fd);
		if (fd != -1)
			close(fd);
	} else if (strcmp(check, "open") == 0 && a1 != NULL) {
		int fd = open(a1, O_RDONLY);

		result(fd);
		if (fd != -1)
			close(fd);
	} else if (strcmp(check, "immutable") == 0 && a1 != NULL)
		result(immutable(a1));
	else if (strcmp(check, "capbset") == 0 && a1 != NULL) {
		int rc = prctl(PR_CAPBSET_READ, atoi(a1), 0, 0, 0);

		if (rc == -1)
			result(-1);
		else
			printf("%s %d\n", check, rc);
	} else if (strcmp(check, "reboot-cad") == 0) {
		/* Never on the host, where it would change ctrl-alt-del. */
		jailed_only();
		result(reboot(LINUX_REBOOT_CMD_CAD_OFF));
	} else if (strcmp(check, "reboot-poweroff") == 0) {
		/* Never on the host; in a jail, the jail ends. */
		jailed_only();
		result(reboot(LINUX_REBOOT_CMD_POWER_OFF));
		pause();
	} else if (strcmp(check, "kill") == 0 && argc == 4)
		result(kill(atoi(a1), atoi(argv[3])));
	else if (strcmp(check, "getpriority") == 0 && a1 != NULL) {
		errno = 0;
		if (getpriority(PRIO_PROCESS, atoi(a1)) == -1 && errno != 0)
			result(-1);
		else
			result(0);
	} else if (strcmp(check, "chroot") == 0 && a1 != NULL)
		result(chroot(a1));
	else if (strcmp(check, "chown") == 0 && argc == 4)
		result(chown(a1, atoi(argv[3]), atoi(argv[3])));
	else if (strcmp(check, "chmod") == 0 && argc == 4)
		result(chmod(a1, strtol(argv[3], NULL, 8)));
	else if (strcmp(check, "unlink") == 0 && a1 != NULL)
		result(unlink(a1));
	else if (strcmp(check, "setids") == 0 && a1 != NULL) {
		gid_t g;

		id = atoi(a1);
		g = id;
		if (setgroups(1, &g) == -1 || setgid(id) == -1 ||
		    setuid(id) == -1)
			result(-1);
		else
			printf("%s uid=%d gid=%d\n", check, (int)getuid(),
			    (int)getgid());
	} else if (strcmp(check, "sethostname") == 0 && a1 != NULL) {
		private_ns("uts");
		if (sethostname(a1, strlen(a1)) == -1)
			result(-1);
		else if (uname(&u) == -1)
			result(-1);
		else
			printf("%s %s\n", check, u.nodename);
	} else if (strcmp(check, "shmget") == 0) {
		int shm;

		private_ns("ipc");
		shm = shmget(IPC_PRIVATE, 4096, IPC_CREAT | 0600);

		result(shm);
		if (shm != -1)
			(void)shmctl(shm, IPC_RMID, NULL);
	} else if (strcmp(check, "bind") == 0 && argc == 4)
		bindto(a1, atoi(argv[3]));
	else if (strcmp(check, "loopback") == 0)
		loopback();
	else if (strcmp(check, "udp") == 0)
		udp();
	else if (strcmp(check, "sigwait") == 0 && a1 != NULL)
		sigwait_code(a1);
	else if (strcmp(check, "sleep") == 0 && a1 != NULL)
		sleep(atoi(a1));
	else
		usage();
	return 0;
}
