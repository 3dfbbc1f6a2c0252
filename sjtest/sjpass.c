/*
 * sjpass: descriptor smuggling between two jails (adversarial_test:
 * smuggle; FreeBSD's CVE-2025-15576).  A directory descriptor sent over a
 * pathname AF_UNIX socket lets the receiver look names up from it, never
 * meeting its own root, so a chroot alone does not hold it.
 *
 *	sjpass send SOCKET DIR	connects to SOCKET and sends an O_PATH
 *				descriptor of DIR
 *	sjpass recv SOCKET FILE	listens on SOCKET, takes one descriptor,
 *				and tries to read FILE beneath it: openat,
 *				and fchdir then open, then fchmodat FILE to
 *				0640 (which Landlock does not govern); one
 *				"check token" line each, as the fixtures print
 *	sjpass sendrw SOCKET FILE  sends a read-write descriptor of FILE
 *	sjpass recvrw SOCKET	takes one descriptor and uses the file it
 *				names: read, write, fchmod (to 0604) and
 *				fchown (to 0:0)
 */
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static void
say(const char *check, int r)
{
	const char	*n = strerrorname_np(errno);

	printf("%s %s\n", check, r >= 0 ? "OK" : n ? n : "error");
	fflush(stdout);
}

static int
usock(const char *path, struct sockaddr_un *sun)
{
	memset(sun, 0, sizeof(*sun));
	sun->sun_family = AF_UNIX;
	if (strlen(path) >= sizeof(sun->sun_path)) {
		fprintf(stderr, "sjpass: %s: too long\n", path);
		exit(2);
	}
	strcpy(sun->sun_path, path);
	return socket(AF_UNIX, SOCK_STREAM, 0);
}

static int
sendfd(const char *path, const char *dir, int rw)
{
	struct sockaddr_un	 sun;
	struct msghdr		 m;
	struct cmsghdr		*c;
	struct iovec		 iov;
	char			 cb[CMSG_SPACE(sizeof(int))], x = 'x';
	int			 s, fd;

	if ((fd = rw ? open(dir, O_RDWR) :
	    open(dir, O_PATH | O_DIRECTORY)) == -1 ||
	    (s = usock(path, &sun)) == -1 ||
	    connect(s, (struct sockaddr *)&sun, sizeof(sun)) == -1) {
		perror("sjpass send");
		return 1;
	}
	memset(&m, 0, sizeof(m));
	memset(cb, 0, sizeof(cb));
	iov.iov_base = &x;
	iov.iov_len = 1;
	m.msg_iov = &iov;
	m.msg_iovlen = 1;
	m.msg_control = cb;
	m.msg_controllen = sizeof(cb);
	c = CMSG_FIRSTHDR(&m);
	c->cmsg_level = SOL_SOCKET;
	c->cmsg_type = SCM_RIGHTS;
	c->cmsg_len = CMSG_LEN(sizeof(int));
	memcpy(CMSG_DATA(c), &fd, sizeof(int));
	say("sent", (int)sendmsg(s, &m, 0));
	return 0;
}

/* Listens on path and takes one descriptor: -1 if none came. */
static int
takefd(const char *path)
{
	struct sockaddr_un	 sun;
	struct msghdr		 m;
	struct cmsghdr		*c;
	struct iovec		 iov;
	char			 cb[CMSG_SPACE(sizeof(int))], x;
	int			 s, a, fd = -1;

	if ((s = usock(path, &sun)) == -1 ||
	    bind(s, (struct sockaddr *)&sun, sizeof(sun)) == -1 ||
	    listen(s, 1) == -1 || (a = accept(s, NULL, NULL)) == -1) {
		perror("sjpass recv");
		return 1;
	}
	memset(&m, 0, sizeof(m));
	iov.iov_base = &x;
	iov.iov_len = 1;
	m.msg_iov = &iov;
	m.msg_iovlen = 1;
	m.msg_control = cb;
	m.msg_controllen = sizeof(cb);
	if (recvmsg(a, &m, 0) == 1 && (c = CMSG_FIRSTHDR(&m)) != NULL &&
	    c->cmsg_type == SCM_RIGHTS)
		memcpy(&fd, CMSG_DATA(c), sizeof(int));
	say("received", fd);
	unlink(path);
	return fd;
}

static int
recvfd(const char *path, const char *file)
{
	char	buf[64];
	int	fd, f;

	fd = takefd(path);
	f = openat(fd, file, O_RDONLY);
	say("openat", f >= 0 && read(f, buf, sizeof(buf)) >= 0 ? 0 : -1);
	if (fchdir(fd) == 0) {
		f = open(file, O_RDONLY);
		say("fchdir-open", f >= 0 && read(f, buf, sizeof(buf)) >= 0 ?
		    0 : -1);
	} else
		say("fchdir-open", -1);
	say("fchmodat", fchmodat(fd, file, 0640, 0));
	return 0;
}

static int
recvrw(const char *path)
{
	char	buf[64];
	int	fd;

	fd = takefd(path);
	say("read", (int)pread(fd, buf, sizeof(buf), 0));
	say("write", (int)pwrite(fd, "jailed\n", 7, 0));
	say("fchmod", fchmod(fd, 0604));
	say("fchown", fchown(fd, 0, 0));
	return 0;
}

int
main(int argc, char *argv[])
{
	if (argc == 4 && strcmp(argv[1], "send") == 0)
		return sendfd(argv[2], argv[3], 0);
	if (argc == 4 && strcmp(argv[1], "sendrw") == 0)
		return sendfd(argv[2], argv[3], 1);
	if (argc == 4 && strcmp(argv[1], "recv") == 0)
		return recvfd(argv[2], argv[3]);
	if (argc == 3 && strcmp(argv[1], "recvrw") == 0)
		return recvrw(argv[2]);
	fprintf(stderr, "usage: sjpass send|sendrw socket path\n"
	    "       sjpass recv socket path\n       sjpass recvrw socket\n");
	return 2;
}
