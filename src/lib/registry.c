/*
 * registry.c: the jail records under /run/sysjail (or sysjail_set_dbdir()).
 *
 * A jail owns files named after its JID: N.lock, on which its keeper and
 * supervisor hold an exclusive flock(2) for as long as either lives; N, its
 * record of name=value lines, always replaced whole by rename(2); and
 * N.stats, its supervisor's live counters (log.c).  A lock
 * file nobody holds belongs to a dead jail: it and its record are stale and
 * reclaimed by the next allocation, and never shown as a live jail.
 *
 * Allocation cannot race: a lock file is created and locked under a private
 * name and only then linked to N.lock, so no N.lock ever exists unlocked
 * while its jail lives.
 *
 * Another jail may see a registry (a jail rooted at / sees every registry
 * but its own): nothing here follows a symbolic link.  Files are created
 * with O_CREAT | O_EXCL (which never follows one) and renamed into place,
 * and opened with O_NOFOLLOW.
 */
#include <sys/file.h>
#include <sys/stat.h>

#include <arpa/inet.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "sysjail_priv.h"
#include "supervisor.h"

#define MADE		".made"		/* the directory is sysjail's own */

/*
 * The registry's files of jail N: every name is made here.
 *	N	the record (sj_registry_write(), read by sysjail_list())
 *	N.lock	held by the jail's keeper and supervisor for its whole life
 *	N.stats	the counters (log.c), N.sock jexec's door (jexecd.c)
 *	.rec.N	the record being written, renamed over N
 *	.new.P	a lock being linked to N.lock by process P
 */
const char *
sj_registry_file(char *buf, size_t size, int jid, enum sj_regfile f)
{
	static const char *const fmt[] = {
		[SJ_REG_RECORD] = "%d", [SJ_REG_LOCK] = "%d.lock",
		[SJ_REG_STATS] = "%d.stats", [SJ_REG_SOCK] = "%d.sock",
		[SJ_REG_NEWREC] = ".rec.%d", [SJ_REG_NEWLOCK] = ".new.%d"
	};

	snprintf(buf, size, fmt[f], jid);
	return buf;
}

/* The registry directory of a jail. */
const char *
sj_registry_dir(const struct sysjail *sj)
{
	return sj->dbdir != NULL ? sj->dbdir : SYSJAIL_DBDIR;
}

/*
 * Opens (creating it 0700 if needed) the registry directory.  The last
 * jail to end removes it (sj_registry_rmdir()) if a jail created it, as
 * the file .made in it says: it may vanish meanwhile.  A directory the user
 * made (sysjail -j DIR) is never removed.
 * A symbolic link in its place (planted by a jail that sees the directory's
 * parent) is refused with ELOOP, and a directory that is not ours or that
 * others may write with EPERM: the registry's files are trusted.
 */
int
sj_registry_dirfd(const char *dir)
{
	struct stat	 sb;
	int		 fd = -1, i, made = 0, m;

	if (dir == NULL)
		dir = SYSJAIL_DBDIR;
	for (i = 0; fd == -1 && i < 8; i++) {
		made = mkdir(dir, 0700) == 0;
		if (!made && errno != EEXIST)
			return -1;
		fd = open(dir, O_RDONLY | O_DIRECTORY | O_NOFOLLOW |
		    O_CLOEXEC);
		if (fd == -1 && errno != ENOENT)
			return -1;
	}
	if (fd != -1 && (fstat(fd, &sb) == -1 || sb.st_uid != geteuid() ||
	    (sb.st_mode & 022) != 0)) {
		close(fd);
		errno = EPERM;
		return -1;
	}
	/*
	 * Ours to remove once empty: see sj_registry_rmdir().  Readable by
	 * everyone, as jls(8) lists a FreeBSD host's jails to every user;
	 * only the locks and the statistics stay root's.
	 */
	if (fd != -1 && made)
		(void)fchmod(fd, 0755);
	if (fd != -1 && made && (m = openat(fd, MADE, O_WRONLY | O_CREAT |
	    O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600)) != -1)
		close(m);
	return fd;
}

/* Removes N.lock, N and N.stats if nobody holds N.lock; 1 if it did. */
/* Is the cgroup name n own, or own and a suffix ".N"? */
static int
ours(const char *n, const char *own)
{
	size_t	 k = strlen(own);

	return strncmp(n, own, k) == 0 && (n[k] == '\0' || n[k] == '.');
}

/*
 * A jail whose lock nobody holds has lost its keeper and supervisor;
 * whatever they left running (all of them killed at once leave the jailed
 * processes to init) is killed, and the cgroups removed, from the names
 * its record gives.  The record is read without following a link and
 * only its cgroup lines are used (cgroup.c checks the names, and that
 * each cgroup was made for the lock file lockfd).  Returns -1 if the
 * record names a cgroup of another jail's (it is not this jail's to
 * reclaim: planted, or left by a lock that was replaced), or one that is
 * not gone yet (the record stays for the next sweep).
 */
static int
stalecgroups(int dfd, int jid, const char *rec, int lockfd)
{
	char	 line[256], v2[256] = "", v1[256] = "", own[32];
	FILE	*f;
	long	 keeper = 0;
	int	 fd;

	if ((fd = openat(dfd, rec, O_RDONLY | O_NOFOLLOW | O_CLOEXEC)) == -1)
		return 0;
	if ((f = fdopen(fd, "r")) == NULL) {
		close(fd);
		return 0;
	}
	while (fgets(line, sizeof(line), f) != NULL) {
		line[strcspn(line, "\n")] = '\0';
		if (strncmp(line, "cgroup=", 7) == 0)
			snprintf(v2, sizeof(v2), "%s", line + 7);
		else if (strncmp(line, "pidscgroup=", 11) == 0)
			snprintf(v1, sizeof(v1), "%s", line + 11);
		else if (strncmp(line, "keeper=", 7) == 0)
			keeper = strtol(line + 7, NULL, 10);
	}
	fclose(f);
	/*
	 * Only the jail's own cgroups, JID.KEEPER[.N] (cgroup.c's jailcg()):
	 * a record planted in a registry a jail rooted at / can see names no
	 * cgroup but of its own JID, and cgroup.c then reclaims only the
	 * cgroups marked with this very lock file.  (Not whether the keeper
	 * lives: a killed keeper stays a zombie where nothing reaps orphans.)
	 */
	snprintf(own, sizeof(own), "%d.%ld", jid, keeper);
	if (keeper <= 0)
		return 0;
	return sj_cgroup_reclaim(ours(v2, own) ? v2 : NULL, ours(v1, own) ?
	    v1 : NULL, lockfd);
}

static int
reclaim(int dfd, int jid)
{
	struct stat	 a, b;
	char		 lock[32], rec[32], stats[32], sock[32];
	int		 fd, r = 0;

	sj_registry_file(lock, sizeof(lock), jid, SJ_REG_LOCK);
	sj_registry_file(rec, sizeof(rec), jid, SJ_REG_RECORD);
	sj_registry_file(stats, sizeof(stats), jid, SJ_REG_STATS);
	sj_registry_file(sock, sizeof(sock), jid, SJ_REG_SOCK);
	if ((fd = openat(dfd, lock, O_RDONLY | O_NOFOLLOW | O_CLOEXEC)) == -1)
		return errno == ENOENT;
	if (flock(fd, LOCK_EX | LOCK_NB) == 0 && fstat(fd, &a) == 0 &&
	    fstatat(dfd, lock, &b, 0) == 0 && a.st_ino == b.st_ino &&
	    stalecgroups(dfd, jid, rec, fd) == 0) {
		unlinkat(dfd, rec, 0);
		unlinkat(dfd, stats, 0);
		unlinkat(dfd, sock, 0);
		unlinkat(dfd, lock, 0);
		r = 1;
	}
	close(fd);
	return r;
}

/*
 * Every dead jail of the registry reclaimed, not only the JIDs probed:
 * how many, or -1 with errno.
 */
static int
sweep(int dfd)
{
	struct dirent	*e;
	DIR		*d;
	char		*end;
	long		 jid;
	int		 fd, n = 0;

	/* A description of its own: dfd's offset is not moved. */
	if ((fd = openat(dfd, ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC)) == -1)
		return -1;
	if ((d = fdopendir(fd)) == NULL) {
		close(fd);
		return -1;
	}
	while ((e = readdir(d)) != NULL) {
		jid = strtol(e->d_name, &end, 10);
		if (jid > 0 && jid <= SJ_MAXJID && strcmp(end, ".lock") == 0 &&
		    reclaim(dfd, (int)jid))
			n++;
	}
	closedir(d);
	return n;
}

/*
 * sysjail_reclaim(): what a start does first, on demand.  A jail whose
 * keeper, supervisor and spawner were all killed at once has nothing left
 * to end it: its processes are killed through its cgroups, which are
 * removed with its record.  Returns how many jails were reclaimed, or -1
 * with errno.  A registry that does not exist has none; one a jail made
 * is removed once empty, as at a jail's end.
 */
int
sysjail_reclaim(const char *dir)
{
	struct stat	 sb;
	int		 dfd, n, save;

	if (dir == NULL)
		dir = SYSJAIL_DBDIR;
	if (lstat(dir, &sb) == -1)
		return errno == ENOENT ? 0 : -1;
	if ((dfd = sj_registry_dirfd(dir)) == -1)
		return -1;
	n = sweep(dfd);
	save = errno;
	if (n > 0)
		sj_registry_rmdir(dfd, dir);
	close(dfd);
	errno = save;
	return n;
}

/*
 * The file that holds a jail's name (one not made of digits: a numeric
 * name is the JID's, and N.lock holds it): NAME.name, a second link to
 * the jail's N.lock, so that it lives, and is held, as long as the lock.
 * A name has no '.' (sysjail_set_name()): no other file of the registry
 * can take the name.
 */
static const char *
namefile(char *buf, size_t size, const char *name)
{
	snprintf(buf, size, "%s.name", name);
	return buf;
}

static int
numeric(const char *name)
{
	return name != NULL && strspn(name, "0123456789") == strlen(name);
}

/*
 * Links the lock tmp (locked, not yet any jail's) to name's file: 0, or -1
 * with errno (EEXIST: a live jail has the name).  Two jails that want one
 * name cannot both have it: linkat(2) makes one of them fail.  A name file
 * whose lock nobody holds belongs to a dead jail: it is removed under that
 * lock, and only while the name still links to it, as reclaim() does, so
 * that a name just taken anew is never removed.
 */
static int
claimname(int dfd, const char *tmp, const char *name)
{
	struct stat	 a, b;
	char		 file[SYSJAIL_NAMEMAX + 8];
	int		 fd, i, stale;

	namefile(file, sizeof(file), name);
	for (i = 0; i < 8; i++) {
		if (linkat(dfd, tmp, dfd, file, 0) == 0)
			return 0;
		if (errno != EEXIST)
			return -1;
		if ((fd = openat(dfd, file, O_RDONLY | O_NOFOLLOW |
		    O_CLOEXEC)) == -1) {
			if (errno == ENOENT)
				continue;	/* gone meanwhile: again */
			return -1;
		}
		stale = flock(fd, LOCK_EX | LOCK_NB) == 0;
		if (stale && fstat(fd, &a) == 0 && fstatat(dfd, file, &b,
		    AT_SYMLINK_NOFOLLOW) == 0 && a.st_ino == b.st_ino &&
		    a.st_dev == b.st_dev)
			(void)unlinkat(dfd, file, 0);
		close(fd);
		if (!stale)
			break;
	}
	errno = EEXIST;
	return -1;
}

/*
 * Allocates a JID for sj and leaves its lock held on sj->lockfd: the lowest
 * free one, or the one a numeric name names; a jail with a name takes it
 * first.  Returns 0 or -1 with errno (EEXIST: the name, or the JID a
 * numeric name asks for, belongs to a live jail; EAGAIN: no JID is free).
 */
int
sj_registry_create(struct sysjail *sj, int dfd)
{
	char	 tmp[64], lock[32], file[SYSJAIL_NAMEMAX + 8];
	int	 fd, jid, first = 1, last = SJ_MAXJID, save, named = 0;

	sj_registry_file(tmp, sizeof(tmp), (int)getpid(), SJ_REG_NEWLOCK);
	unlinkat(dfd, tmp, 0);
	if ((fd = openat(dfd, tmp, O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC,
	    0600)) == -1)
		return -1;	/* ENOENT: the directory was just removed */
	if (flock(fd, LOCK_EX) == -1)
		goto fail;
	(void)sweep(dfd);
	if (numeric(sj->name))
		first = last = atoi(sj->name);
	else if (sj->name != NULL) {
		if (claimname(dfd, tmp, sj->name) == -1)
			goto fail;
		named = 1;
	}
	for (jid = first; jid <= last; jid++) {
		sj_registry_file(lock, sizeof(lock), jid, SJ_REG_LOCK);
		if (linkat(dfd, tmp, dfd, lock, 0) == 0)
			break;
		if (errno != EEXIST)
			goto fail;
		if (reclaim(dfd, jid) && linkat(dfd, tmp, dfd, lock, 0) == 0)
			break;
	}
	if (jid > last) {
		errno = first == last ? EEXIST : EAGAIN;
		goto fail;
	}
	unlinkat(dfd, tmp, 0);
	sj->jid = jid;
	sj->lockfd = fd;
	return 0;
fail:
	save = errno;
	/* Ours while we hold the lock: nobody can have replaced it. */
	if (named)
		unlinkat(dfd, namefile(file, sizeof(file), sj->name), 0);
	unlinkat(dfd, tmp, 0);
	close(fd);
	errno = save;
	return -1;
}

/*
 * A string field of the record, on one line: a newline in it (jailed root
 * may put one in the hostname) would start a field of its own.
 */
static void
putfield(FILE *f, const char *name, const char *v)
{
	fprintf(f, "%s=", name);
	for (; v != NULL && *v != '\0'; v++)
		fputc(*v == '\n' ? '?' : *v, f);
	fputc('\n', f);
}

/* Writes the jail's record, whole, from the supervisor's view of it. */
int
sj_registry_write(struct sj_sup *s)
{
	const struct sysjail	*sj = s->sj;
	char			 tmp[64], rec[32], a[INET6_ADDRSTRLEN];
	FILE			*f;
	int			 fd, i, n;

	sj_registry_file(tmp, sizeof(tmp), sj->jid, SJ_REG_NEWREC);
	sj_registry_file(rec, sizeof(rec), sj->jid, SJ_REG_RECORD);
	/*
	 * Created, never opened: whatever is at .rec.N (a symbolic link
	 * planted by a jail that can see this registry, to a file of the
	 * host's) is removed, not followed, and a name that reappears in
	 * between makes the write fail rather than go through it.
	 */
	(void)unlinkat(s->dbfd, tmp, 0);
	if ((fd = openat(s->dbfd, tmp, O_WRONLY | O_CREAT | O_EXCL |
	    O_NOFOLLOW | O_CLOEXEC, 0600)) == -1)
		return -1;
	(void)fchmod(fd, 0644);		/* jls for every user */
	if ((f = fdopen(fd, "w")) == NULL) {
		close(fd);
		return -1;
	}
	fprintf(f, "jid=%d\n", sj->jid);
	if (sj->name != NULL)
		putfield(f, "name", sj->name);
	else
		fprintf(f, "name=%d\n", sj->jid);
	putfield(f, "path", sj->path);
	putfield(f, "hostname", sj->hostname);
	for (n = 0, i = 0; i < sj->naddrs; i++) {
		if (sj->addrs[i].family != AF_INET)
			continue;
		inet_ntop(AF_INET, &sj->addrs[i].v4, a, sizeof(a));
		fprintf(f, "%s%s", n++ ? "," : "ip4=", a);
	}
	if (n)
		fputc('\n', f);
	for (n = 0, i = 0; i < sj->naddrs; i++) {
		if (sj->addrs[i].family != AF_INET6)
			continue;
		inet_ntop(AF_INET6, &sj->addrs[i].v6, a, sizeof(a));
		fprintf(f, "%s%s", n++ ? "," : "ip6=", a);
	}
	if (n)
		fputc('\n', f);
	putfield(f, "command", sj->cmdline);
	fprintf(f, "keeper=%d\nsupervisor=%d\nspawner=%d\npid=%d\n"
	    "started=%lld\nflags=%#x\n", (int)sj->keeper, (int)s->self,
	    (int)s->spawner, (int)s->cmd, (long long)sj->started, sj->flags);
	fprintf(f, "maxproc=%u\n", sj->maxproc);
	/* For reclaim(), should the jail's machinery die all at once. */
	fprintf(f, "cgroup=%s\npidscgroup=%s\n", sj->cgname,
	    sj->pidsparent != -1 ? sj->pidsname : "");
	if (s->nursery > 0)
		fprintf(f, "nursery=%d\n", (int)s->nursery);
	if (fclose(f) == EOF ||
	    renameat(s->dbfd, tmp, s->dbfd, rec) == -1) {
		unlinkat(s->dbfd, tmp, 0);
		return -1;
	}
	return 0;
}

/*
 * Removes a jail's record and lock file, if N.lock is still the file locked
 * on lockfd: the JID may already belong to a new jail; and its name's file,
 * likewise only if it is still a link to that lock.
 */
void
sj_registry_remove(int dfd, int jid, const char *jname, int lockfd)
{
	struct stat	 a, b;
	char		 name[SYSJAIL_NAMEMAX + 8];

	if (fstat(lockfd, &a) == -1)
		return;
	if (jname != NULL && !numeric(jname) && fstatat(dfd,
	    namefile(name, sizeof(name), jname), &b, AT_SYMLINK_NOFOLLOW) ==
	    0 && a.st_ino == b.st_ino && a.st_dev == b.st_dev)
		unlinkat(dfd, name, 0);
	sj_registry_file(name, sizeof(name), jid, SJ_REG_LOCK);
	if (fstatat(dfd, name, &b, 0) == -1 ||
	    a.st_ino != b.st_ino || a.st_dev != b.st_dev)
		return;
	unlinkat(dfd, sj_registry_file(name, sizeof(name), jid,
	    SJ_REG_RECORD), 0);
	unlinkat(dfd, sj_registry_file(name, sizeof(name), jid, SJ_REG_STATS),
	    0);
	unlinkat(dfd, sj_registry_file(name, sizeof(name), jid, SJ_REG_SOCK),
	    0);
	unlinkat(dfd, sj_registry_file(name, sizeof(name), jid, SJ_REG_LOCK),
	    0);
}

/*
 * Removes the registry directory dfd, at dir, if a jail made it (.made is
 * in it) and no jail is left in it.  The mark goes first, so that rmdir(2)
 * finds the directory empty; it comes back if another jail's files are
 * there (rmdir fails), and if the path no longer names dfd nothing is
 * removed.
 */
void
sj_registry_rmdir(int dfd, const char *dir)
{
	struct stat	 a, b;
	int		 m;

	if (dir == NULL)
		dir = SYSJAIL_DBDIR;
	if (fstatat(dfd, MADE, &a, AT_SYMLINK_NOFOLLOW) == -1 ||
	    !S_ISREG(a.st_mode) || fstat(dfd, &a) == -1 ||
	    lstat(dir, &b) == -1 || a.st_ino != b.st_ino ||
	    a.st_dev != b.st_dev || unlinkat(dfd, MADE, 0) == -1)
		return;
	if (rmdir(dir) == -1 && (m = openat(dfd, MADE, O_WRONLY | O_CREAT |
	    O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600)) != -1)
		close(m);
}

static int	readrec(int, int, struct sysjail_info *);

/* Is the jail jid, whose lock file is name (below dfd), alive? */
static int
alive(int dfd, const char *name, int jid)
{
	struct sysjail_info	*ji;
	int			 fd, r;

	if ((fd = openat(dfd, name, O_RDONLY | O_NOFOLLOW |
	    O_CLOEXEC)) == -1) {
		/*
		 * A user who may not open the lock (jls for everyone): the
		 * record's supervisor still runs.  A display only: a pid
		 * reused since may show a jail that has ended.
		 */
		if (errno != EACCES || (ji = calloc(1, sizeof(*ji))) == NULL)
			return 0;
		r = readrec(dfd, jid, ji) == 0 && ji->supervisor > 0 &&
		    (kill(ji->supervisor, 0) == 0 || errno == EPERM);
		sysjail_list_free(ji, 1);
		return r;
	}
	/* Its keeper and supervisor hold it exclusively while they live. */
	r = flock(fd, LOCK_SH | LOCK_NB) == -1 && errno == EWOULDBLOCK;
	close(fd);
	return r;
}

static int
readrec(int dfd, int jid, struct sysjail_info *ji)
{
	char	 name[32];
	FILE	*f;
	int	 fd, r;

	sj_registry_file(name, sizeof(name), jid, SJ_REG_RECORD);
	if ((fd = openat(dfd, name, O_RDONLY | O_NOFOLLOW |
	    O_CLOEXEC)) == -1)
		return -1;
	if ((f = fdopen(fd, "r")) == NULL) {
		close(fd);
		return -1;
	}
	r = sj_record_parse(f, jid, ji);
	fclose(f);
	return r;
}

/* A string field of a record: the first one counts. */
static void
field(char **dst, const char *v)
{
	if (*dst == NULL)
		*dst = strdup(v);
}

/*
 * Parses a jail's record, as sj_registry_write() wrote it, into ji.
 * Returns 0, or -1 (ji freed) if it lacks a field every record has.
 * Pure but for stdio: fuzzed (fuzz/fuzz_record.c).
 */
int
sj_record_parse(FILE *f, int jid, struct sysjail_info *ji)
{
	char	*line = NULL, *v;
	size_t	 size = 0;

	memset(ji, 0, sizeof(*ji));
	ji->jid = jid;
	/* Whole lines, however long: a long command is one field. */
	while (getline(&line, &size, f) != -1) {
		line[strcspn(line, "\n")] = '\0';
		if ((v = strchr(line, '=')) == NULL)
			continue;
		*v++ = '\0';
		if (strcmp(line, "name") == 0)
			field(&ji->name, v);
		else if (strcmp(line, "path") == 0)
			field(&ji->path, v);
		else if (strcmp(line, "hostname") == 0)
			field(&ji->hostname, v);
		else if (strcmp(line, "ip4") == 0)
			field(&ji->ip4, v);
		else if (strcmp(line, "ip6") == 0)
			field(&ji->ip6, v);
		else if (strcmp(line, "command") == 0)
			field(&ji->command, v);
		else if (strcmp(line, "supervisor") == 0)
			ji->supervisor = (pid_t)atoi(v);
		else if (strcmp(line, "spawner") == 0)
			ji->spawner = (pid_t)atoi(v);
		else if (strcmp(line, "nursery") == 0)
			ji->nursery = (pid_t)atoi(v);
		else if (strcmp(line, "pid") == 0)
			ji->pid = (pid_t)atoi(v);
		else if (strcmp(line, "started") == 0)
			ji->started = atoll(v);
		else if (strcmp(line, "flags") == 0)
			ji->flags = (unsigned int)strtoul(v, NULL, 0);
		else if (strcmp(line, "maxproc") == 0)
			ji->maxproc = (unsigned int)strtoul(v, NULL, 10);
	}
	free(line);
	/* A record from before names: the jail is named by its JID. */
	if (ji->name == NULL && asprintf(&ji->name, "%d", jid) == -1)
		ji->name = NULL;
	if (ji->path == NULL || ji->hostname == NULL || ji->command == NULL ||
	    ji->name == NULL) {
		/* Damaged.  ji is not an array of its own: free its fields. */
		free(ji->name);
		free(ji->path);
		free(ji->hostname);
		free(ji->ip4);
		free(ji->ip6);
		free(ji->command);
		memset(ji, 0, sizeof(*ji));
		return -1;
	}
	return 0;
}

static int
newest_first(const void *a, const void *b)
{
	const struct sysjail_info	*x = a, *y = b;

	if (x->started != y->started)
		return x->started < y->started ? 1 : -1;
	return y->jid - x->jid;
}

/*
 * The live jails recorded in dir (NULL: /run/sysjail), newest first.  A
 * record whose lock nobody holds belongs to a dead jail and is not listed.
 * No directory means no jail.  Returns 0, or -1 with errno.
 */
int
sysjail_list(const char *dir, struct sysjail_info **v, size_t *n)
{
	struct sysjail_info	*list = NULL, *nl;
	struct dirent		*de;
	size_t			 len = 0;
	DIR			*d;
	char			*end;
	long			 jid;
	int			 dfd;

	*v = NULL;
	*n = 0;
	if ((dfd = open(dir ? dir : SYSJAIL_DBDIR, O_RDONLY | O_DIRECTORY |
	    O_CLOEXEC)) == -1)
		return errno == ENOENT ? 0 : -1;
	if ((d = fdopendir(dfd)) == NULL) {
		close(dfd);
		return -1;
	}
	while ((de = readdir(d)) != NULL) {
		jid = strtol(de->d_name, &end, 10);
		if (end == de->d_name || strcmp(end, ".lock") != 0 ||
		    jid < 1 || jid > SJ_MAXJID || !alive(dfd, de->d_name,
		    (int)jid))
			continue;
		if ((nl = realloc(list, (len + 1) * sizeof(*nl))) == NULL) {
			sysjail_list_free(list, len);
			closedir(d);
			return -1;
		}
		list = nl;
		if (readrec(dfd, (int)jid, &list[len]) == 0)
			len++;
	}
	closedir(d);
	if (len > 1)
		qsort(list, len, sizeof(*list), newest_first);
	*v = list;
	*n = len;
	return 0;
}

void
sysjail_list_free(struct sysjail_info *v, size_t n)
{
	size_t	 i;

	for (i = 0; v != NULL && i < n; i++) {
		free(v[i].name);
		free(v[i].path);
		free(v[i].hostname);
		free(v[i].ip4);
		free(v[i].ip6);
		free(v[i].command);
	}
	free(v);
}
