/*
 * files: the jail's root is the only file system there is (SPEC section 5):
 * chroot(2) and file handles refused, ".." stops at the root for paths and
 * for descriptors passed between jailed processes, and the classic escape
 * from a nested chroot does not lead out.
 *
 * The sjtest root holds no /etc; the host has /etc/hostname (or at least
 * /etc), which is what "outside" means here.
 */
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <sys/wait.h>

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "fixture.h"

static int
outside(void)
{
	struct stat	 sb;

	return stat("/etc", &sb) == 0;
}

/* Sends descriptor fd over s. */
static int
sendfd(int s, int fd)
{
	union {
		struct cmsghdr	 h;
		char		 b[CMSG_SPACE(sizeof(int))];
	}		 u;
	struct msghdr	 m;
	struct iovec	 iov;
	char		 c = 'f';

	memset(&m, 0, sizeof(m));
	memset(&u, 0, sizeof(u));
	iov.iov_base = &c;
	iov.iov_len = 1;
	m.msg_iov = &iov;
	m.msg_iovlen = 1;
	m.msg_control = u.b;
	m.msg_controllen = sizeof(u.b);
	CMSG_FIRSTHDR(&m)->cmsg_level = SOL_SOCKET;
	CMSG_FIRSTHDR(&m)->cmsg_type = SCM_RIGHTS;
	CMSG_FIRSTHDR(&m)->cmsg_len = CMSG_LEN(sizeof(int));
	memcpy(CMSG_DATA(CMSG_FIRSTHDR(&m)), &fd, sizeof(int));
	return sendmsg(s, &m, 0) == 1 ? 0 : -1;
}

static int
recvfd(int s)
{
	union {
		struct cmsghdr	 h;
		char		 b[CMSG_SPACE(sizeof(int))];
	}		 u;
	struct msghdr	 m;
	struct iovec	 iov;
	char		 c;
	int		 fd = -1;

	memset(&m, 0, sizeof(m));
	iov.iov_base = &c;
	iov.iov_len = 1;
	m.msg_iov = &iov;
	m.msg_iovlen = 1;
	m.msg_control = u.b;
	m.msg_controllen = sizeof(u.b);
	if (recvmsg(s, &m, 0) != 1 || CMSG_FIRSTHDR(&m) == NULL)
		return -1;
	memcpy(&fd, CMSG_DATA(CMSG_FIRSTHDR(&m)), sizeof(int));
	return fd;
}

/*
 * A descriptor of "/" opened by a child and passed to us: can "../.."
 * through it reach outside?
 */
static int
passed(void)
{
	int	 sv[2], fd, r, st;
	pid_t	 c;

	if (socketpair(AF_UNIX, SOCK_STREAM, 0, sv) == -1)
		return -1;
	if ((c = fork()) == 0) {
		fd = open("/", O_RDONLY | O_DIRECTORY);
		_exit(fd == -1 || sendfd(sv[1], fd) == -1);
	}
	fd = recvfd(sv[0]);
	waitpid(c, &st, 0);
	if (fd == -1)
		return -1;
	r = openat(fd, "../../../../etc", O_RDONLY | O_DIRECTORY);
	if (r != -1)
		close(r);
	close(fd);
	return r == -1 ? -1 : 0;
}

/*
 * The classic escape: chroot into a subdirectory while keeping a working
 * directory above it, climb, and chroot to where the climb ends.  In a
 * child, so that a bare run's own root is not changed for the checks
 * that follow.  The directory is made relative to the working directory,
 * the root of the sjtest tree in every mode.
 */
static const char *
escape(void)
{
	pid_t	 c;
	int	 st, i;

	if ((c = fork()) == 0) {
		(void)mkdir("tmp/sjesc", 0700);	/* in the root: cwd */
		if (chroot("tmp/sjesc") == -1) {
			/* Refused: climb all the same, from where we are. */
			if (outside())
				_exit(3);		/* never confined */
			for (i = 0; i < 64; i++)
				(void)chdir("..");
			_exit(outside() ? 1 : 2);
		}
		for (i = 0; i < 64; i++)
			(void)chdir("..");
		(void)chroot(".");
		_exit(outside() ? 1 : 0);
	}
	if (waitpid(c, &st, 0) != c || !WIFEXITED(st))
		return "error";
	(void)rmdir("tmp/sjesc");
	switch (WEXITSTATUS(st)) {
	case 0:
		return "held";
	case 1:
		return "escaped";
	case 2:
		return "refused";	/* and the climb stayed inside */
	default:
		return "host";
	}
}

/*
 * The escape through a directory moved from under us: we hold a directory
 * inside the root and ask the harness's mover, outside, to move it out of
 * the root; climbing from it with ".." no longer meets the root on the way.
 * chroot(2) alone lets that through; the jail's Landlock rules do not.
 */
static int
moved(int *dp)
{
	const char	*fifo = envstr("SJ_MOVER");
	struct stat	 sb;
	int		 d, f, i, r;

	if (fifo == NULL) {
		errno = ENXIO;
		return -1;
	}
	if ((mkdir("tmp/sjmove", 0700) == -1 && errno != EEXIST) ||
	    (mkdir("tmp/sjmove/in", 0700) == -1 && errno != EEXIST) ||
	    (d = open("tmp/sjmove/in", O_RDONLY | O_DIRECTORY)) == -1)
		return -1;
	if ((f = open(fifo, O_WRONLY)) == -1 || write(f, "m", 1) != 1)
		return -1;
	close(f);
	for (i = 0; i < 100 && stat("tmp/sjmove", &sb) == 0; i++)
		usleep(20000);
	if (i == 100) {
		errno = ETIMEDOUT;
		return -1;
	}
	r = openat(d, "../../../../../../../../etc", O_RDONLY | O_DIRECTORY);
	if (r != -1)
		close(r);
	*dp = d;
	return r == -1 ? -1 : 0;
}

/*
 * The same directory, moved out of the root, as the working directory of
 * a bind(2) of a pathname socket one level up: the socket file would land
 * beside it, outside the root (issue 16 item 3).  Bare, it does, in the
 * harness's root.moved.
 */
static int
movedbind(int d)
{
	struct sockaddr_un	 sun;
	int			 here, s, r;

	if (d == -1) {
		errno = ENXIO;
		return -1;
	}
	memset(&sun, 0, sizeof(sun));
	sun.sun_family = AF_UNIX;
	strcpy(sun.sun_path, "../bound.sock");
	if ((here = open(".", O_PATH | O_DIRECTORY)) == -1)
		return -1;
	if ((s = socket(AF_UNIX, SOCK_STREAM, 0)) == -1 || fchdir(d) == -1) {
		close(here);
		return -1;
	}
	r = bind(s, (struct sockaddr *)&sun, sizeof(sun));
	(void)fchdir(here);
	close(here);
	close(s);
	return r;
}

int
main(void)
{
	struct {
		struct file_handle	 h;
		unsigned char		 b[128];
	}		 fh;
	int		 mnt, fd, d = -1;

	say("outside", outside() ? "yes" : "no");
	check("chroot", chroot("/"));
	check("dotdot", access("/../../../../etc", F_OK));
	/* A symbolic link resolves in the jail's root too. */
	(void)unlink("tmp/sjlink");
	if (symlink("/../../../../etc", "tmp/sjlink") == -1)
		check("symlink", -1);
	else {
		check("symlink", access("tmp/sjlink", F_OK));
		(void)unlink("tmp/sjlink");
	}
	check("passed-fd", passed());
	say("escape", escape());
	check("moved-dir", moved(&d));
	check("moved-bind", movedbind(d));
	if (d != -1)
		close(d);
	fh.h.handle_bytes = sizeof(fh.b);
	check("name-to-handle", name_to_handle_at(AT_FDCWD, "/", &fh.h, &mnt,
	    0));
	if ((fd = open("/", O_RDONLY | O_DIRECTORY)) == -1)
		check("open-by-handle", -1);
	else {
		/* A real handle from the host when it could be had; the
		 * jail's refusal needs none. */
		int	 r = open_by_handle_at(fd, &fh.h, O_RDONLY);

		check("open-by-handle", r);
		if (r != -1)
			close(r);
		close(fd);
	}
	return 0;
}
