/*
 * procfs: what a procfs in the jail's root shows (SPEC section 1).
 *
 * sjtest(1) mounts a procfs at the root's /proc, in a mount namespace of
 * its own, as an administrator would.  A jail replaces it with a view of
 * the jail's processes alone; a bare run sees the host's.
 */
#include <sys/stat.h>
#include <sys/wait.h>

#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "fixture.h"

static int
there(pid_t pid)
{
	char		 path[64];
	struct stat	 sb;

	snprintf(path, sizeof(path), "/proc/%d", (int)pid);
	return stat(path, &sb);
}

/* The parent of pid, as its /proc/PID/stat says; -1 with errno if unseen. */
static pid_t
parentof(pid_t pid)
{
	char	 path[64], buf[1024], *p;
	FILE	*f;
	long	 pp;

	snprintf(path, sizeof(path), "/proc/%d/stat", (int)pid);
	if ((f = fopen(path, "r")) == NULL)
		return -1;
	p = fgets(buf, sizeof(buf), f);
	fclose(f);
	if (p == NULL || (p = strrchr(buf, ')')) == NULL ||
	    sscanf(p + 1, " %*c %ld", &pp) != 1) {
		errno = EPROTO;
		return -1;
	}
	return (pid_t)pp;
}

/*
 * "jail" if /proc lists only this process, its parent, its child and its
 * parent's other children, "host" if it lists anything else, "none" if it
 * lists nothing at all.  In a jail the parent is the jail's spawner (out
 * of the jail's reach and not listed) and its other child the nursery
 * that started us; on the host the parent is the harness, and init and
 * the rest are listed.
 */
static const char *
listing(pid_t child)
{
	struct dirent	*d;
	DIR		*dir;
	pid_t		 p;
	int		 seen = 0, other = 0;

	if ((dir = opendir("/proc")) == NULL)
		return errname(errno);
	for (errno = 0; (d = readdir(dir)) != NULL; errno = 0) {
		if (!isdigit((unsigned char)d->d_name[0]))
			continue;
		p = (pid_t)atoi(d->d_name);
		/* Ourselves, our child, and the other children of our
		 * parent (in a jail the spawner's: its nursery). */
		if (p == getpid() || p == child || p == getppid() ||
		    parentof(p) == getppid())
			seen++;
		else
			other++;
	}
	if (errno != 0)
		return errname(errno);
	closedir(dir);
	return other ? "host" : seen ? "jail" : "none";
}

int
main(void)
{
	pid_t	 outside = (pid_t)envnum("SJ_OUTSIDE"), c, gp;
	int	 st;

	check("self", there(getpid()));
	check("outside", there(outside));
	check("parent", there(getppid()));
	/* In a jail, the parent's parent is the supervisor. */
	if ((gp = parentof(getppid())) == -1)
		check("grandparent", -1);
	else
		check("grandparent", there(gp));
	check("init", there(1));
	if ((c = fork()) == 0) {
		pause();
		_exit(0);
	}
	check("child", there(c));
	say("listing", listing(c));
	kill(c, SIGKILL);
	waitpid(c, &st, 0);
	return 0;
}
