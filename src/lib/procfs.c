/*
 * procfs.c: what the kernel says of processes and mounts, read through
 * /proc, and the pidfd calls.  Every reader here is pure parsing of a file
 * below a directory descriptor the caller holds (a /proc/PID directory
 * stays bound to its one process), so the membership rules of member.c
 * decide what the descriptor is; nothing here decides anything.
 */
#include <sys/ioctl.h>
#include <sys/syscall.h>

#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "sysjail_priv.h"

int
sj_pidfd_open(pid_t pid, unsigned int flags)
{
	return (int)syscall(SYS_pidfd_open, pid, flags);
}

int
sj_pidfd_getfd(int pidfd, int fd)
{
	return (int)syscall(SYS_pidfd_getfd, pidfd, fd, 0);
}

int
sj_pidfd_signal(int pidfd, int sig, siginfo_t *info, unsigned int flags)
{
	return (int)syscall(SYS_pidfd_send_signal, pidfd, sig, info, flags);
}

/*
 * PIDFD_GET_INFO (Linux 6.13): what mask asks of the pidfd's process, in
 * *in.  -1 with errno ESRCH once the process is reaped, ENOTTY or EINVAL
 * where the kernel lacks the ioctl.
 */
int
sj_pidfd_info(int pidfd, uint64_t mask, struct sj_pidfd_info *in)
{
	memset(in, 0, sizeof(*in));
	in->mask = mask;
	return ioctl(pidfd, SJ_PIDFD_GET_INFO, in) == -1 ? -1 : 0;
}

/* Reads a small /proc file below dirfd into buf, NUL-terminated. */
ssize_t
sj_proc_read(int dirfd, const char *path, char *buf, size_t size)
{
	ssize_t	 n, len = 0;
	int	 fd, save;

	if ((fd = openat(dirfd, path, O_RDONLY | O_CLOEXEC)) == -1)
		return -1;
	while ((size_t)len < size - 1) {
		n = read(fd, buf + len, size - 1 - len);
		if (n == -1 && errno == EINTR)
			continue;
		if (n == -1) {
			save = errno;
			close(fd);
			errno = save;
			return -1;
		}
		if (n == 0)
			break;
		len += n;
	}
	close(fd);
	buf[len] = '\0';
	return len;
}

static int
ids(const char *p, unsigned long *v, int n)
{
	char	*end;
	int	 i;

	for (i = 0; i < n; i++) {
		errno = 0;
		v[i] = strtoul(p, &end, 10);
		if (end == p || errno)
			return -1;
		p = end;
	}
	return 0;
}

/* Parses PATH (a status file) below dirfd. */
int
sj_cred_read(int dirfd, const char *path, struct sj_cred *cr)
{
	char		 buf[8192], *line, *next, *end;
	unsigned long	 v[4];
	int		 i, seen = 0;

	if (sj_proc_read(dirfd, path, buf, sizeof(buf)) == -1)
		return -1;
	memset(cr, 0, sizeof(*cr));
	for (line = buf; line && *line; line = next) {
		if ((next = strchr(line, '\n')) != NULL)
			*next++ = '\0';
		if (strncmp(line, "Tgid:", 5) == 0) {
			if (ids(line + 5, v, 1) == -1)
				goto bad;
			cr->tgid = (pid_t)v[0];
			seen |= 1;
		} else if (strncmp(line, "Uid:", 4) == 0) {
			if (ids(line + 4, v, 4) == -1)
				goto bad;
			for (i = 0; i < 4; i++)
				cr->uid[i] = (uid_t)v[i];
			seen |= 2;
		} else if (strncmp(line, "Gid:", 4) == 0) {
			if (ids(line + 4, v, 4) == -1)
				goto bad;
			for (i = 0; i < 4; i++)
				cr->gid[i] = (gid_t)v[i];
			seen |= 4;
		} else if (strncmp(line, "Groups:", 7) == 0) {
			line += 7;
			while (*line) {
				while (isspace((unsigned char)*line))
					line++;
				if (*line == '\0')
					break;
				if (cr->ngroups == SJ_MAXGROUPS ||
				    ids(line, v, 1) == -1)
					goto bad;
				cr->groups[cr->ngroups++] = (gid_t)v[0];
				while (*line && !isspace((unsigned char)*line))
					line++;
			}
		} else if (strncmp(line, "CapEff:", 7) == 0) {
			cr->capeff = strtoull(line + 7, &end, 16);
			seen |= 8;
		} else if (strncmp(line, "Umask:", 6) == 0)
			cr->umask = (mode_t)strtoul(line + 6, &end, 8);
	}
	if (seen == 15)
		return 0;
bad:
	errno = EPROTO;
	return -1;
}

/* Parses the stat file of the process dirfd is bound to. */
int
sj_pstat_read(int dirfd, struct sj_pstat *st)
{
	char	 buf[1024], *p;
	long	 v[4];

	if (sj_proc_read(dirfd, "stat", buf, sizeof(buf)) == -1)
		return -1;
	/* "pid (comm) S ppid pgrp session ...": comm may hold anything. */
	if ((p = strrchr(buf, ')')) == NULL ||
	    sscanf(buf, "%ld", &v[0]) != 1 ||
	    sscanf(p + 1, " %c %ld %ld %ld", &st->state, &v[1], &v[2],
	    &v[3]) != 4) {
		errno = EPROTO;
		return -1;
	}
	st->pid = (pid_t)v[0];
	st->ppid = (pid_t)v[1];
	st->pgrp = (pid_t)v[2];
	st->session = (pid_t)v[3];
	return 0;
}

/*
 * Appends the children of every thread of the process held by dirfd to
 * *v (of *n used, *cap allocated).  A process that has gone has none.
 * Returns 0, or -1 with errno (ENOMEM).
 */
int
sj_proc_children(int dirfd, pid_t **v, size_t *n, size_t *cap)
{
	char		 path[300], buf[8192], *p, *end;
	struct dirent	*de;
	DIR		*dir;
	long		 c;
	int		 fd;

	if ((fd = openat(dirfd, "task", O_RDONLY | O_DIRECTORY |
	    O_CLOEXEC)) == -1 || (dir = fdopendir(fd)) == NULL) {
		if (fd != -1)
			close(fd);
		return 0;	/* gone: it has no children to visit */
	}
	while ((de = readdir(dir)) != NULL) {
		if (!isdigit((unsigned char)de->d_name[0]))
			continue;
		snprintf(path, sizeof(path), "task/%s/children", de->d_name);
		if (sj_proc_read(dirfd, path, buf, sizeof(buf)) == -1)
			continue;
		for (p = buf; *p; p = end) {
			c = strtol(p, &end, 10);
			if (end == p)
				break;
			if (*n == *cap) {
				pid_t	*nv;

				*cap = *cap ? *cap * 2 : 64;
				if ((nv = realloc(*v, *cap * sizeof(**v))) ==
				    NULL) {
					closedir(dir);
					return -1;
				}
				*v = nv;
			}
			(*v)[(*n)++] = (pid_t)c;
		}
	}
	closedir(dir);
	return 0;
}

/* Decodes mountinfo's octal escapes (\040 for a space) in place. */
static void
unescape(char *s)
{
	char	*d = s;

	while (*s) {
		if (s[0] == '\\' && s[1] >= '0' && s[1] <= '3' &&
		    s[2] >= '0' && s[2] <= '7' && s[3] >= '0' && s[3] <= '7') {
			*d++ = (char)((s[1] - '0') * 64 + (s[2] - '0') * 8 +
			    (s[3] - '0'));
			s += 4;
		} else
			*d++ = *s++;
	}
	*d = '\0';
}

/*
 * Calls fn on every mount of the calling process's namespace, in
 * /proc/self/mountinfo's order, with the mount point unescaped; stops when
 * fn returns non-zero and returns that.  Returns 0 at the end, or -1 with
 * errno if mountinfo cannot be read.
 */
int
sj_mounts(int (*fn)(const struct sj_mount *, void *), void *arg)
{
	char		 line[8192], mnt[4096], type[64], opts[1024], *p;
	struct sj_mount	 m;
	FILE		*f;
	int		 r = 0;

	if ((f = fopen("/proc/self/mountinfo", "re")) == NULL)
		return -1;
	while (r == 0 && fgets(line, sizeof(line), f) != NULL) {
		/* id parent dev root MOUNT opts [tags] - TYPE source SUPER */
		opts[0] = '\0';
		if ((p = strstr(line, " - ")) == NULL ||
		    sscanf(line, "%*s %*s %*s %*s %4095s", mnt) != 1 ||
		    sscanf(p + 3, "%63s %*s %1023s", type, opts) < 1)
			continue;
		unescape(mnt);
		m.path = mnt;
		m.type = type;
		m.opts = opts;
		r = fn(&m, arg);
	}
	fclose(f);
	return r;
}

/* 1 if the comma-separated list opts holds word. */
int
sj_mount_opt(const struct sj_mount *m, const char *word)
{
	size_t	 n = strlen(word);
	const char *p;

	for (p = m->opts; (p = strstr(p, word)) != NULL; p += n)
		if ((p == m->opts || p[-1] == ',') &&
		    (p[n] == ',' || p[n] == '\0'))
			return 1;
	return 0;
}
