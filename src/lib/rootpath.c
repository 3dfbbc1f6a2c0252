/*
 * rootpath.c: the jail's root, found as the kernel would find it, but
 * never inside another jail's tree.
 *
 * Jailed root owns every directory of its tree.  An administrator who puts
 * one jail's tree inside another's (jail B at R/srv/b, jail A at R) would
 * otherwise give B whatever root A's links choose (A replaces srv/b by a
 * link to /, and B's start follows it), and A could move the directory a
 * process of B works in out of B's root, from where ".." climbs to the
 * host's / (atk17).  So every jail's root directory carries an extended
 * attribute no jail can set or remove (trusted.sysjail.root, set by
 * sj_root_mark()), and the walk below, which follows links as the kernel
 * does, refuses a root beneath a marked directory (EXDEV) and any link met
 * beneath one (ELOOP).  The root is then held by a descriptor
 * opened component by component, and the supervisor changes its root
 * through that descriptor, never by the path again, which a jail could
 * change meanwhile.  The host's / is never marked: a jail rooted at / owns
 * every directory of the host, as on FreeBSD.
 */
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/xattr.h>

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <linux/openat2.h>

#include "sysjail_priv.h"

#define ROOTMARK	"trusted.sysjail.root"
#define MAXLINKS	40	/* as the kernel's */

static int
marked(int fd)
{
	char	 c;

	return fgetxattr(fd, ROOTMARK, &c, 1) >= 0;
}

/*
 * The jail root path names, opened: a directory descriptor, and its
 * canonical path in canon (PATH_MAX bytes); or -1 with errno (EXDEV: it
 * lies beneath another jail's root; ELOOP: a link beneath one, or too
 * many).
 */
int
sj_root_open(const char *path, char *canon)
{
	char	 rest[PATH_MAX], link[PATH_MAX], tmp[PATH_MAX], *c, *next;
	size_t	 depth = 0, treedepth = 0, cl;
	int	 fd, nfd, links = 0, intree = 0, save;
	ssize_t	 n;
	struct stat sb;

	if (path == NULL || *path != '/' || strlen(path) >= sizeof(rest)) {
		errno = EINVAL;
		return -1;
	}
	strcpy(rest, path);
	strcpy(canon, "/");
	if ((fd = open("/", O_RDONLY | O_DIRECTORY | O_CLOEXEC)) == -1)
		return -1;
	for (c = rest; c != NULL; c = next) {
		while (*c == '/')
			c++;
		if (*c == '\0')
			break;
		if ((next = strchr(c, '/')) != NULL)
			*next++ = '\0';
		if (strcmp(c, ".") == 0)
			continue;
		if (strcmp(c, "..") == 0) {
			if (depth == 0)
				continue;	/* /.. is / */
			nfd = openat(fd, "..", O_RDONLY | O_DIRECTORY |
			    O_CLOEXEC);
			if (nfd == -1)
				goto fail;
			close(fd);
			fd = nfd;
			*strrchr(canon, '/') = '\0';
			if (*canon == '\0')
				strcpy(canon, "/");
			if (--depth < treedepth)
				intree = 0;	/* back out of that tree */
			continue;
		}
		if (fstatat(fd, c, &sb, AT_SYMLINK_NOFOLLOW) == -1)
			goto fail;
		if (S_ISLNK(sb.st_mode)) {
			if (intree || ++links > MAXLINKS) {
				errno = ELOOP;
				goto fail;
			}
			if ((n = readlinkat(fd, c, link, sizeof(link) - 1)) <= 0)
				goto fail;
			link[n] = '\0';
			/* The link's text, then what was left after it. */
			if (snprintf(tmp, sizeof(tmp), "%s/%s", link,
			    next != NULL ? next : "") >= (int)sizeof(tmp)) {
				errno = ENAMETOOLONG;
				goto fail;
			}
			strcpy(rest, tmp);
			next = rest;
			if (*link == '/') {
				close(fd);
				if ((fd = open("/", O_RDONLY | O_DIRECTORY |
				    O_CLOEXEC)) == -1)
					return -1;
				strcpy(canon, "/");
				depth = 0;
				intree = 0;
			}
			continue;
		}
		if ((nfd = openat(fd, c, O_RDONLY | O_DIRECTORY | O_NOFOLLOW |
		    O_CLOEXEC)) == -1)
			goto fail;
		close(fd);
		fd = nfd;
		cl = strlen(canon);
		if (cl + 1 + strlen(c) >= PATH_MAX) {
			errno = ENAMETOOLONG;
			goto fail;
		}
		snprintf(canon + cl, PATH_MAX - cl, "%s%s", cl > 1 ? "/" : "",
		    c);
		depth++;
		/* Beneath another jail's root: no link from here on. */
		if (!intree && next != NULL && *next != '\0' && marked(fd)) {
			intree = 1;
			treedepth = depth;
		}
	}
	if (intree) {
		errno = EXDEV;	/* the root lies in that tree */
		goto fail;
	}
	return fd;
fail:
	save = errno;
	close(fd);
	errno = save;
	return -1;
}

/*
 * The directory canon (a path sj_root_open() made: no link) opened again,
 * no link followed on the way: if was is a descriptor, only if it is the
 * same directory (EXDEV otherwise: something was swapped meanwhile).
 */
int
sj_root_reopen(const char *canon, int was)
{
	struct open_how	 how;
	struct stat	 a, b;
	int		 fd;

	memset(&how, 0, sizeof(how));
	how.flags = O_RDONLY | O_DIRECTORY | O_CLOEXEC;
	how.resolve = RESOLVE_NO_SYMLINKS | RESOLVE_NO_MAGICLINKS;
	if ((fd = (int)syscall(SYS_openat2, AT_FDCWD, canon, &how,
	    sizeof(how))) == -1)
		return -1;
	if (was != -1 && (fstat(was, &a) == -1 || fstat(fd, &b) == -1 ||
	    a.st_dev != b.st_dev || a.st_ino != b.st_ino)) {
		close(fd);
		errno = EXDEV;
		return -1;
	}
	return fd;
}

/* Marks the directory fd as a jail's root (not /); best effort. */
void
sj_root_mark(int fd, const char *canon)
{
	if (strcmp(canon, "/") != 0 && !marked(fd))
		(void)fsetxattr(fd, ROOTMARK, "1", 1, 0);
}
