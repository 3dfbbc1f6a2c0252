/*
 * devfs: the jail's devices (issue 16, item 5).  A jail has a /dev of its
 * own whatever its root, as FreeBSD's devfs with the jail ruleset: the
 * harmless character devices, its own pseudo-terminals, and nothing of the
 * host's.  Bare, /dev is the host's.  A device node anywhere else in the
 * jail's tree (the harness makes one, a twin of /dev/null, in tmp/) cannot
 * be opened jailed: every other mount of the jail is nodev.
 */
#include <sys/stat.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "fixture.h"

/* Device nodes every Linux host has in its /dev and no jail may see. */
static const char *const hostdevs[] = {
	"/dev/console", "/dev/kmsg", "/dev/mem", "/dev/userfaultfd",
	"/dev/loop-control", "/dev/tty0", "/dev/ttyS0", "/dev/vda",
	"/dev/sda", "/dev/nvme0n1", "/dev/cpu_dma_latency", NULL
};

static int
wr(const char *path)
{
	int	 fd;

	if ((fd = open(path, O_WRONLY | O_CLOEXEC)) == -1)
		return -1;
	if (write(fd, "x", 1) != 1) {
		close(fd);
		return -1;
	}
	close(fd);
	return 0;
}

int
main(void)
{
	struct stat	 sb;
	const char	*node = envstr("SJ_DEVNODE");
	char		 name[64], c;
	int		 i, m, s, any = 0, fd;

	for (i = 0; hostdevs[i] != NULL; i++)
		if (lstat(hostdevs[i], &sb) == 0)
			any = 1;
	say("host-devices", any ? "yes" : "no");
	check("null", wr("/dev/null"));
	check("full", wr("/dev/full"));
	fd = open("/dev/urandom", O_RDONLY | O_CLOEXEC);
	check("urandom", fd == -1 || read(fd, &c, 1) != 1 ? -1 : 0);
	if (fd != -1)
		close(fd);
	/* A pseudo-terminal, and its name found again. */
	m = posix_openpt(O_RDWR | O_NOCTTY | O_CLOEXEC);
	s = -1;
	if (m != -1 && grantpt(m) == 0 && unlockpt(m) == 0 &&
	    ptsname_r(m, name, sizeof(name)) == 0)
		s = open(name, O_RDWR | O_NOCTTY | O_CLOEXEC);
	check("pty", s == -1 ? -1 : 0);
	say("pty-name", s != -1 && ttyname(s) != NULL &&
	    strcmp(ttyname(s), name) == 0 ? "yes" : "no");
	if (node == NULL || *node == '\0')
		skip("node-elsewhere", "the harness's tree is on a nodev mount");
	else
		check("node-elsewhere", wr(node));
	return 0;
}
