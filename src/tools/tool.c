/*
 * tool.c: what the jail tools share: signals passed on to the jailed
 * command, the command's status as the tool's, the -J jid file,
 * jail-controlled text made safe to print, the operands that name a
 * jail, and the allow parameters.  Its parsers and quoting take untrusted
 * bytes: fuzz/fuzz_param.c and fuzz/fuzz_sjls.c link this file.
 */
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>

#include <err.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <linux/openat2.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "sysjail.h"
#include "tool.h"

static struct sysjail	*passto;

static void
pass(int sig)
{
	int	 save = errno;

	(void)sysjail_kill(passto, sig);
	errno = save;
}

/* From now on SIGINT, SIGTERM and SIGHUP go on to sj's command. */
void
tool_pass_signals(struct sysjail *sj)
{
	struct sigaction	 sa;

	passto = sj;
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = pass;
	sa.sa_flags = SA_RESTART;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
}

static volatile sig_atomic_t	expired;

static void
expire(int sig)
{
	int	 save = errno;

	(void)sig;
	expired = 1;
	(void)sysjail_kill(passto, SIGKILL);
	errno = save;
}

/*
 * tool_wait(), but sj's command is killed once secs seconds have passed
 * (0: never), and *killed says whether it was.
 */
int
tool_wait_bounded(struct sysjail *sj, unsigned int secs, int *killed)
{
	struct sigaction	 sa, old;
	int			 status;

	passto = sj;
	expired = 0;
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = expire;
	sa.sa_flags = SA_RESTART;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGALRM, &sa, &old);
	alarm(secs);
	status = tool_wait(sj);
	alarm(0);
	sigaction(SIGALRM, &old, NULL);
	*killed = expired;
	return status;
}

/* Waits for sj's command: its exit status, or 128 plus its signal. */
int
tool_wait(struct sysjail *sj)
{
	int	 status;

	if (sysjail_wait(sj, &status) == -1)
		errx(1, "%s", sysjail_errmsg(sj));
	if (WIFSIGNALED(status))
		return 128 + WTERMSIG(status);
	return WEXITSTATUS(status);
}

/*
 * s, made safe for a terminal: every byte that is not printable ASCII
 * (control bytes, DEL, bytes above 0x7f) as a backslash and three octal
 * digits, and a backslash doubled, as vis(3) does with VIS_OCTAL.  For
 * text a jail controls (its host name, its path, its command), which must
 * not move the cursor, clear the screen or forge a row.  The caller frees
 * the result; no memory is fatal.
 */
char *
tool_vis(const char *s)
{
	const unsigned char	*p;
	char			*v, *q;

	if ((v = malloc(strlen(s) * 4 + 1)) == NULL)
		err(1, NULL);
	for (p = (const unsigned char *)s, q = v; *p != '\0'; p++) {
		if (*p == '\\') {
			*q++ = '\\';
			*q++ = '\\';
		} else if (*p < 0x20 || *p >= 0x7f) {
			*q++ = '\\';
			*q++ = '0' + (*p >> 6);
			*q++ = '0' + ((*p >> 3) & 7);
			*q++ = '0' + (*p & 7);
		} else
			*q++ = (char)*p;
	}
	*q = '\0';
	return v;
}

/*
 * The value v for a name=value form: control bytes escaped (tool_vis),
 * then, unless it is made of [A-Za-z0-9_./:,@%+=-] only, in single quotes
 * with each ' written '\'', so that no byte of it means anything to a
 * shell: the jail chooses its host name and command.
 */
void
tool_nvval(FILE *f, const char *v)
{
	const char	*p;
	char		*e = tool_vis(v);

	if (strspn(e, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
	    "0123456789_./:,@%+=-") == strlen(e)) {
		fputs(e, f);
		free(e);
		return;
	}
	putc('\'', f);
	for (p = e; *p; p++) {
		if (*p == '\'')
			fputs("'\\''", f);
		else
			putc(*p, f);
	}
	putc('\'', f);
	free(e);
}

/*
 * v as one JSON string of ASCII alone: quotes, backslashes, control
 * bytes and every byte from 0x80 up escaped, each byte as the code point
 * of its value (\u00XX), so that no C1 control (a jail's host name holds
 * what jailed root puts there) reaches a terminal and no byte that is not
 * UTF-8 makes the output invalid JSON.
 */
void
tool_jsonstr(FILE *f, const char *v)
{
	const unsigned char	*p;

	putc('"', f);
	for (p = (const unsigned char *)v; *p; p++) {
		if (*p == '"' || *p == '\\')
			fprintf(f, "\\%c", *p);
		else if (*p < 0x20 || *p >= 0x7f)
			fprintf(f, "\\u%04x", *p);
		else
			putc(*p, f);
	}
	putc('"', f);
}

/*
 * Does jail ji match operand a: a decimal operand its JID, anything else
 * its name or its host name?
 */
int
tool_matches(const struct sysjail_info *ji, const char *a)
{
	char	*end;
	long	 jid = strtol(a, &end, 10);

	if (*a != '\0' && *end == '\0')
		return jid == ji->jid;
	return (ji->name != NULL && strcmp(a, ji->name) == 0) ||
	    strcmp(a, ji->hostname) == 0;
}

/*
 * The registry the tools read: $SYSJAIL_DBDIR, as sysjail -j made it, if
 * set to an absolute path; else NULL, the default one.  Exits with a
 * message naming the variable for any other value.
 */
const char *
tool_dbdir(void)
{
	const char	*d = getenv("SYSJAIL_DBDIR");

	if (d == NULL || *d == '\0')
		return NULL;
	if (*d != '/')
		errx(1, "SYSJAIL_DBDIR: %s: not an absolute path", d);
	return d;
}

/*
 * The jail that operand a names, as FreeBSD's jls -j, jexec and jail -r
 * take one: its JID (digits), or its name.  The index in v, or -1.
 */
int
tool_jail(const struct sysjail_info *v, size_t n, const char *a)
{
	size_t	 i;
	int	 num = *a != '\0' && strspn(a, "0123456789") == strlen(a);

	for (i = 0; i < n; i++)
		if (num ? strtol(a, NULL, 10) == v[i].jid :
		    strcmp(a, v[i].name) == 0)
			return (int)i;
	return -1;
}

/*
 * The boolean parameters.  sysjail(1) -a takes name, or "allow." and
 * name; jail(1)'s jail.conf(5) parameters, and sjls(1), spell them as
 * shown, FreeBSD's names.
 */
const struct tool_param	tool_params[] = {
	{ "set_hostname", "allow.set_hostname", SYSJAIL_NOHOSTNAME, 1 },
	{ "sysvipc", "allow.sysvipc", SYSJAIL_ALLOW_SYSVIPC, 0 },
	{ "mount.procfs", "mount.procfs", SYSJAIL_MOUNT_PROCFS, 0 },
	{ "raw_sockets", "allow.raw_sockets", SYSJAIL_ALLOW_RAW_SOCKETS, 0 },
	{ "mount.devfs", "mount.devfs", SYSJAIL_NODEVFS, 1 },
	{ "ptys", "allow.ptys", SYSJAIL_NOPTYS, 1 },
	{ "setuid", "allow.setuid", SYSJAIL_NOSETUID, 1 },
	{ "persist", "persist", SYSJAIL_PERSIST, 0 },
	{ NULL, NULL, 0, 0 }
};

/*
 * The index in tool_params of the parameter the first n bytes of s name:
 * with bare, its name, or "allow." and its name; without, as shown (the
 * jail.conf(5) spelling); -1 if none.
 */
int
tool_param_index(const char *s, size_t n, int bare)
{
	int	 i;

	if (!bare) {
		for (i = 0; tool_params[i].name != NULL; i++)
			if (strlen(tool_params[i].shown) == n &&
			    strncmp(tool_params[i].shown, s, n) == 0)
				return i;
		return -1;
	}
	if (n > 6 && strncmp(s, "allow.", 6) == 0) {
		s += 6;
		n -= 6;
	}
	for (i = 0; tool_params[i].name != NULL; i++)
		if (strlen(tool_params[i].name) == n &&
		    strncmp(tool_params[i].name, s, n) == 0)
			return i;
	return -1;
}

/*
 * sysjail(1)'s -a param[=value]: the parameter named (see
 * tool_param_index), with no value or 0, 1, true or false, set in *flags.
 * Returns 0, or -1 with *flags unchanged and a one-line message in err.
 */
int
tool_param(const char *arg, unsigned int *flags, char *err, size_t errlen)
{
	const char	*eq = strchr(arg, '=');
	size_t		 n = eq ? (size_t)(eq - arg) : strlen(arg), len;
	int		 on = 1, i;

	/* The name first: an unknown parameter is unknown, whatever its value. */
	if ((i = tool_param_index(arg, n, 1)) == -1) {
		if (n > 6 && strncmp(arg, "allow.", 6) == 0) {
			arg += 6;	/* named without it, as before */
			n -= 6;
		}
		snprintf(err, errlen, "%.*s: unknown parameter (", (int)n,
		    arg);
		for (i = 0; tool_params[i].name != NULL; i++) {
			len = strlen(err);
			snprintf(err + len, errlen - len, "%s%s", i ? ", " : "",
			    tool_params[i].name);
		}
		len = strlen(err);
		snprintf(err + len, errlen - len, ")");
		return -1;
	}
	if (eq != NULL) {
		if (strcmp(eq + 1, "1") == 0 || strcmp(eq + 1, "true") == 0)
			on = 1;
		else if (strcmp(eq + 1, "0") == 0 ||
		    strcmp(eq + 1, "false") == 0)
			on = 0;
		else {
			snprintf(err, errlen, "%s: the value must be 0 or 1",
			    arg);
			return -1;
		}
	}
	if (on != tool_params[i].inverse)
		*flags |= tool_params[i].flag;
	else
		*flags &= ~tool_params[i].flag;
	return 0;
}

/* Whether flags allow what tool_params[i] names. */
int
tool_param_value(unsigned int flags, size_t i)
{
	return ((flags & tool_params[i].flag) != 0) != tool_params[i].inverse;
}

/* Is the directory fd the root rs, or beneath it?  1, 0; -1 on error. */
static int
beneath(int fd, const struct stat *rs)
{
	struct stat	 sb, up;
	int		 d, i, r = 0;

	if ((d = openat(fd, ".", O_PATH | O_DIRECTORY | O_CLOEXEC)) == -1)
		return -1;
	for (i = 0; i < 256; i++) {
		if (fstat(d, &sb) == -1) {
			r = -1;
			break;
		}
		if (sb.st_dev == rs->st_dev && sb.st_ino == rs->st_ino) {
			r = 1;
			break;
		}
		if (fstatat(d, "..", &up, 0) == -1) {
			r = -1;
			break;
		}
		if (up.st_dev == sb.st_dev && up.st_ino == sb.st_ino)
			break;		/* the top */
		fd = openat(d, "..", O_PATH | O_DIRECTORY | O_CLOEXEC);
		close(d);
		if ((d = fd) == -1)
			return -1;
	}
	close(d);
	return r;
}

/* openat2(2) of path below dfd with how's resolve; the descriptor or -1. */
static int
open2(int dfd, const char *path, int flags, mode_t mode, uint64_t resolve)
{
	struct open_how	 how;

	memset(&how, 0, sizeof(how));
	how.flags = (unsigned int)flags;
	how.mode = (flags & O_CREAT) ? mode : 0;
	how.resolve = resolve;
	return (int)syscall(SYS_openat2, dfd, *path != '\0' ? path : ".",
	    &how, sizeof(how));
}

/*
 * Opens path, a file the caller names for a tool's own output (-J, -A),
 * never through a link the jail rooted at root planted in its tree (a
 * directory replaced by a link to the host's /etc, say).  path is walked
 * from / one component at a time, as the kernel would, links followed,
 * until the walk reaches the jail's tree (by device and inode, whatever
 * names led there): from the root itself the rest is resolved as the jail
 * would resolve it (openat2 RESOLVE_IN_ROOT), from a directory beneath it
 * without leaving that directory (RESOLVE_BENEATH).  A path that never
 * enters the tree is opened as the host sees it.  The descriptor, or -1.
 */
int
tool_open_in(const char *root, const char *path, int flags, mode_t mode)
{
	struct stat	 rs, top, sb;
	char		 buf[PATH_MAX * 2], link[PATH_MAX], *c, *rest;
	size_t		 k;
	ssize_t		 n;
	int		 cur, next, links = 0, last, in, save;

	if (root == NULL || stat(root, &rs) == -1 || stat("/", &top) == -1 ||
	    (rs.st_dev == top.st_dev && rs.st_ino == top.st_ino))
		return open(path, flags, mode);
	if (path[0] == '/')
		k = (size_t)snprintf(buf, sizeof(buf), "%s", path);
	else {
		if (getcwd(buf, PATH_MAX) == NULL)
			return -1;
		k = strlen(buf);
		k += (size_t)snprintf(buf + k, sizeof(buf) - k, "/%s", path);
	}
	if (k >= sizeof(buf)) {
		errno = ENAMETOOLONG;
		return -1;
	}
	if ((cur = open("/", O_PATH | O_DIRECTORY | O_CLOEXEC)) == -1)
		return -1;
	rest = buf;
	for (;;) {
		if ((in = beneath(cur, &rs)) == -1)
			goto fail;
		while (*rest == '/')
			rest++;
		if (in) {
			fstat(cur, &sb);
			next = open2(cur, rest, flags, mode,
			    (sb.st_dev == rs.st_dev && sb.st_ino == rs.st_ino ?
			    RESOLVE_IN_ROOT : RESOLVE_BENEATH) |
			    RESOLVE_NO_MAGICLINKS);
			save = errno;
			close(cur);
			errno = save;
			return next;
		}
		if (*rest == '\0') {		/* path names a directory */
			next = openat(cur, ".", flags, mode);
			break;
		}
		c = rest;
		if ((rest = strchr(c, '/')) != NULL)
			*rest++ = '\0';
		else
			rest = c + strlen(c);
		last = *rest == '\0';
		if (fstatat(cur, c, &sb, AT_SYMLINK_NOFOLLOW) == 0 &&
		    S_ISLNK(sb.st_mode) && !(last && (flags & O_NOFOLLOW))) {
			if (++links > 40 || (n = readlinkat(cur, c, link,
			    sizeof(link) - 1)) <= 0) {
				errno = ELOOP;
				goto fail;
			}
			link[n] = '\0';
			k = strlen(rest);
			if ((size_t)n + 1 + k >= sizeof(buf)) {
				errno = ENAMETOOLONG;
				goto fail;
			}
			memmove(buf + n + 1, rest, k + 1);
			memcpy(buf, link, (size_t)n);
			buf[n] = '/';
			rest = buf;
			if (link[0] == '/') {
				close(cur);
				if ((cur = open("/", O_PATH | O_DIRECTORY |
				    O_CLOEXEC)) == -1)
					return -1;
			}
			continue;
		}
		if (last) {
			next = openat(cur, c, flags, mode);
			break;
		}
		next = openat(cur, c, O_PATH | O_DIRECTORY | O_NOFOLLOW |
		    O_CLOEXEC);
		if (next == -1)
			goto fail;
		close(cur);
		cur = next;
	}
	save = errno;
	close(cur);
	errno = save;
	return next;
fail:
	save = errno;
	close(cur);
	errno = save;
	return -1;
}

/*
 * -J jid_file.  The file is often inside the jail's tree, whose links the
 * jail plants: its directory is opened once, before the jail starts, and
 * everything after is relative to that descriptor, so that a directory
 * swapped for a link later leads nowhere.  The record goes to a new
 * temporary name (O_CREAT | O_EXCL, which never follows a link), renamed
 * over jid_file when complete: a link planted at jid_file is replaced,
 * never written through.  At the end the file is removed only if the name
 * is still the file written.  Failures to create it are fatal.  Its
 * directory, in the tree of the jail rooted at root, is found as the jail
 * would find it (tool_open_in()), before the jail starts and after the
 * last one there could have planted links.
 */
void
tool_jidfile_open(struct tool_jidfile *jf, const char *path, const char *root)
{
	const char	*slash = strrchr(path, '/');
	char		*dir;
	int		 i;

	memset(jf, 0, sizeof(*jf));
	jf->path = path;
	jf->dfd = jf->fd = -1;
	jf->name = slash ? slash + 1 : path;
	if (*jf->name == '\0' || strcmp(jf->name, ".") == 0 ||
	    strcmp(jf->name, "..") == 0)
		errx(1, "Could not create JidFile: %s", path);
	if (slash == NULL)
		dir = strdup(".");
	else if (slash == path)
		dir = strdup("/");
	else
		dir = strndup(path, (size_t)(slash - path));
	if (dir == NULL)
		err(1, NULL);
	jf->dfd = tool_open_in(root, dir, O_PATH | O_DIRECTORY | O_CLOEXEC, 0);
	free(dir);
	if (jf->dfd == -1)
		errx(1, "Could not create JidFile: %s", path);
	for (i = 0; i < 100 && jf->fd == -1; i++) {
		free(jf->tmp);
		if (asprintf(&jf->tmp, ".%s.%d.%d", jf->name, (int)getpid(),
		    i) == -1)
			err(1, NULL);
		jf->fd = openat(jf->dfd, jf->tmp, O_WRONLY | O_CREAT | O_EXCL |
		    O_NOFOLLOW | O_NOCTTY | O_CLOEXEC, 0666);
		if (jf->fd == -1 && errno != EEXIST)
			break;
	}
	if (jf->fd == -1)
		errx(1, "Could not create JidFile: %s", path);
}

/* The record, then the rename that makes it jid_file. */
void
tool_jidfile_write(struct tool_jidfile *jf, const char *record)
{
	size_t	 n = strlen(record);

	if (jf->fd == -1)
		return;
	if (write(jf->fd, record, n) != (ssize_t)n ||
	    renameat(jf->dfd, jf->tmp, jf->dfd, jf->name) == -1) {
		warn("Could not write JidFile: %s", jf->path);
		(void)unlinkat(jf->dfd, jf->tmp, 0);
		tool_jidfile_close(jf, 0);
		return;
	}
	free(jf->tmp);
	jf->tmp = NULL;
}

/*
 * Closes the jid file; with remove, removes it: the temporary name if it
 * was never renamed, else jid_file if that name is still our file (not
 * followed if it is a link).
 */
void
tool_jidfile_close(struct tool_jidfile *jf, int remove)
{
	struct stat	 mine, now;

	if (jf->fd == -1)
		return;
	if (remove && jf->tmp != NULL)
		(void)unlinkat(jf->dfd, jf->tmp, 0);
	else if (remove && fstat(jf->fd, &mine) == 0 &&
	    fstatat(jf->dfd, jf->name, &now, AT_SYMLINK_NOFOLLOW) == 0 &&
	    mine.st_dev == now.st_dev && mine.st_ino == now.st_ino)
		(void)unlinkat(jf->dfd, jf->name, 0);
	close(jf->fd);
	close(jf->dfd);
	free(jf->tmp);
	jf->tmp = NULL;
	jf->fd = jf->dfd = -1;
}
