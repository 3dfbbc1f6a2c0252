/*
 * user.c: the user a jailed command runs as.
 *
 * SYSJAIL_USER_HOST looks the name up in the host's databases (jail(1) -u);
 * SYSJAIL_USER_JAIL in the jail's own /etc/passwd and /etc/group (jail(1)
 * -U), which are opened with RESOLVE_IN_ROOT so that no symbolic link in the
 * jail can point the lookup at a host file, and read only if they are
 * regular files of at most USERFILE_MAX bytes, read once into memory, so
 * that a FIFO, a device or an endless file planted by the jail cannot hang
 * the lookup.  Both happen before anything is started, so an unknown user
 * leaves nothing behind.
 */
#include <sys/stat.h>
#include <sys/syscall.h>

#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <linux/openat2.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "sysjail_priv.h"

#define USERFILE_MAX	(1024 * 1024)	/* bytes of a jail's passwd or group */

void
sj_user_free(struct sj_user *u)
{
	free(u->groups);
	free(u->name);
	free(u->dir);
	free(u->shell);
	memset(u, 0, sizeof(*u));
}

static int
setuser(struct sj_user *u, const char *name, uid_t uid, gid_t gid,
    const char *dir, const char *shell)
{
	u->uid = uid;
	u->gid = gid;
	u->name = strdup(name);
	u->dir = strdup(dir);
	u->shell = strdup(shell);
	if (u->name == NULL || u->dir == NULL || u->shell == NULL)
		return -1;
	u->set = 1;
	return 0;
}

static int
addgroup(struct sj_user *u, gid_t g)
{
	gid_t	*n;
	int	 i;

	for (i = 0; i < u->ngroups; i++)
		if (u->groups[i] == g)
			return 0;
	if (u->ngroups == SJ_MAXGROUPS) {
		errno = E2BIG;
		return -1;
	}
	if ((n = realloc(u->groups, (u->ngroups + 1) * sizeof(*n))) == NULL)
		return -1;
	u->groups = n;
	u->groups[u->ngroups++] = g;
	return 0;
}

static int
host(struct sysjail *sj)
{
	struct passwd	*pw;
	gid_t		 g[SJ_MAXGROUPS];
	int		 i, n = SJ_MAXGROUPS;

	errno = 0;
	if ((pw = getpwnam(sj->username)) == NULL) {
		if (errno)
			return sj_err(sj, errno, "getpwnam: %s", sj->username);
		return sj_err(sj, ENOENT, "%s: no such user", sj->username);
	}
	if (setuser(&sj->user, pw->pw_name, pw->pw_uid, pw->pw_gid,
	    pw->pw_dir, pw->pw_shell) == -1)
		return sj_err(sj, errno, "%s", sj->username);
	if (getgrouplist(pw->pw_name, pw->pw_gid, g, &n) == -1)
		return sj_err(sj, E2BIG, "getgrouplist: %s", sj->username);
	for (i = 0; i < n; i++)
		if (addgroup(&sj->user, g[i]) == -1)
			return sj_err(sj, errno, "getgrouplist: %s",
			    sj->username);
	return 0;
}

/*
 * A jail's passwd or group file, as a stream over a private copy: NULL
 * with errno ENOENT if absent, EINVAL if not a regular file (opened
 * O_NONBLOCK, so a FIFO's open never waits for a writer), EFBIG if larger
 * than USERFILE_MAX, even while it grows.
 */
static FILE *
jailfile(int root, const char *path)
{
	struct open_how	 how;
	struct stat	 st;
	FILE		*f = NULL;
	char		*buf;
	ssize_t		 r;
	size_t		 n = 0;
	int		 fd, e;

	memset(&how, 0, sizeof(how));
	how.flags = O_RDONLY | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK | O_NOCTTY;
	how.resolve = RESOLVE_IN_ROOT | RESOLVE_NO_MAGICLINKS;
	if ((fd = (int)syscall(SYS_openat2, root, path, &how,
	    sizeof(how))) == -1)
		return NULL;
	if (fstat(fd, &st) == -1) {
		e = errno;
		goto out;
	}
	if (!S_ISREG(st.st_mode)) {
		e = EINVAL;
		goto out;
	}
	if (st.st_size > USERFILE_MAX) {
		e = EFBIG;
		goto out;
	}
	if ((buf = malloc(USERFILE_MAX + 1)) == NULL) {
		e = errno;
		goto out;
	}
	while (n <= USERFILE_MAX && (r = read(fd, buf + n,
	    USERFILE_MAX + 1 - n)) != 0) {
		if (r == -1 && errno == EINTR)
			continue;
		if (r == -1)
			break;
		n += (size_t)r;
	}
	e = r == -1 ? errno : n > USERFILE_MAX ? EFBIG : 0;
	/* A stream that owns its buffer: "w+" of at least one byte. */
	if (e == 0 && (f = fmemopen(NULL, n + 1, "w+")) != NULL &&
	    (fwrite(buf, 1, n, f) != n || fseek(f, 0, SEEK_SET) == -1)) {
		e = errno ? errno : EIO;
		fclose(f);
		f = NULL;
	} else if (e == 0 && f == NULL)
		e = errno;
	free(buf);
out:
	close(fd);
	errno = e;
	return f;
}

/* Splits a colon-separated line into at most n fields. */
static int
fields(char *line, char **f, int n)
{
	int	 i = 0;

	line[strcspn(line, "\n")] = '\0';
	f[i++] = line;
	while (i < n && (line = strchr(line, ':')) != NULL) {
		*line++ = '\0';
		f[i++] = line;
	}
	return i;
}

/* The message for a jail file that jailfile() refused. */
static int
refused(struct sysjail *sj, int e, const char *file)
{
	if (e == EINVAL)
		return sj_errx(sj, e, "%s%s: not a regular file", sj->path,
		    file);
	return sj_err(sj, e, "%s%s", sj->path, file);
}

static int
jail(struct sysjail *sj)
{
	FILE		*pw, *gr;
	int		 root, r;

	if ((root = open(sj->path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)) == -1)
		return sj_err(sj, errno, "%s", sj->path);
	if ((pw = jailfile(root, "/etc/passwd")) == NULL) {
		r = errno;
		close(root);
		if (r == ENOENT)
			return sj_err(sj, ENOENT, "%s: no such user",
			    sj->username);
		return refused(sj, r, "/etc/passwd");
	}
	if ((gr = jailfile(root, "/etc/group")) == NULL && errno != ENOENT) {
		/* Fail closed: a planted group file hides no group. */
		r = errno;
		close(root);
		fclose(pw);
		return refused(sj, r, "/etc/group");
	}
	close(root);
	r = sj_user_parse(sj, pw, gr);
	fclose(pw);
	if (gr != NULL)
		fclose(gr);
	return r;
}

/*
 * Looks sj->username up in a jail's passwd and group files (gr may be
 * NULL) into sj->user.  Returns 0 or -1 (message set).  Pure but for
 * stdio: fuzzed (fuzz/fuzz_user.c).
 */
int
sj_user_parse(struct sysjail *sj, FILE *pw, FILE *gr)
{
	char		 line[4096], *f[7], *m, *last;
	int		 found = 0;

	while (!found && fgets(line, sizeof(line), pw) != NULL) {
		if (fields(line, f, 7) != 7 || strcmp(f[0], sj->username))
			continue;
		found = 1;
		if (setuser(&sj->user, f[0], (uid_t)strtoul(f[2], NULL, 10),
		    (gid_t)strtoul(f[3], NULL, 10), f[5], f[6]) == -1 ||
		    addgroup(&sj->user, sj->user.gid) == -1)
			return sj_err(sj, errno, "%s", sj->username);
	}
	if (!found)
		return sj_err(sj, ENOENT, "%s: no such user", sj->username);
	while (gr != NULL && fgets(line, sizeof(line), gr) != NULL) {
		if (fields(line, f, 4) != 4)
			continue;
		for (m = strtok_r(f[3], ",", &last); m != NULL;
		    m = strtok_r(NULL, ",", &last))
			if (strcmp(m, sj->username) == 0 &&
			    addgroup(&sj->user,
			    (gid_t)strtoul(f[2], NULL, 10)) == -1)
				return sj_err(sj, errno, "%s", sj->username);
	}
	return 0;
}

/* Resolves sj->username into sj->user.  Returns 0 or -1 (message set). */
int
sj_user_lookup(struct sysjail *sj)
{
	sj_user_free(&sj->user);
	if (sj->username == NULL)
		return 0;
	if (sj->userwhere == SYSJAIL_USER_JAIL)
		return jail(sj);
	return host(sj);
}
