/*
 * cgroup.c: the jail's cgroups.  Every jail has a cgroup v2 of its own,
 * sysjail/JID.KEEPER.N below the v2 root, which the keeper makes before
 * anything jailed runs and removes at the end: the spawner is moved into
 * it and confined to it by a cgroup namespace, so the jail's processes are
 * exactly that cgroup's, and the network programs (netbpf.c) attached to
 * it govern every socket the jail creates.  The process limit uses the
 * pids controller, of cgroup v2 where it is enabled and of a cgroup v1
 * hierarchy otherwise (hybrid hosts).
 */
#include <sys/stat.h>
#include <sys/xattr.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "sysjail_priv.h"

static int
iscgroup2(const struct sj_mount *m, void *arg)
{
	char	**mnt = arg;

	if (strcmp(m->type, "cgroup2") != 0)
		return 0;
	*mnt = strdup(m->path);
	return 1;
}

/* Where the cgroup v2 hierarchy is mounted, or NULL. */
static char *
cgroup2(void)
{
	char	*mnt = NULL;

	if (sj_mounts(iscgroup2, &mnt) == 1)
		return mnt;
	errno = ENOENT;
	return NULL;
}

/*
 * Whose a jail cgroup is: the trusted extended attribute MARK of each holds
 * the device and inode of the jail's lock file (registry.c), "DEV:INO".
 * No jail can set it (cgroupfs is read-only in a jail, and trusted.*
 * needs CAP_SYS_ADMIN), nor make an unlocked file with the inode of a lock
 * a live jail holds: a dead jail's cgroups are reclaimed only when the
 * lock nobody holds is the one they were made for, whatever a record
 * planted in a registry a jail can see says (sj_cgroup_reclaim()).
 */
#define MARK	"trusted.sysjail.lock"
#define REGMARK	"trusted.sysjail.registry"

static void
marklock(char *buf, size_t size, dev_t dev, ino_t ino)
{
	snprintf(buf, size, "%llu:%llu", (unsigned long long)dev,
	    (unsigned long long)ino);
}

/*
 * Marks cgroup cg as the jail's, if its lock is known (best effort), and
 * names its registry, which every jail started while it lives hides
 * (sj_cgroup_registries()).  No jail can set a trusted.* attribute.
 */
static void
mark(int cg, const struct sysjail *sj)
{
	struct stat	 sb;
	char		 v[64], reg[PATH_MAX];

	if (realpath(sj_registry_dir(sj), reg) != NULL)
		(void)fsetxattr(cg, REGMARK, reg, strlen(reg), 0);
	if (sj->lockfd == -1 || fstat(sj->lockfd, &sb) == -1)
		return;
	marklock(v, sizeof(v), sb.st_dev, sb.st_ino);
	(void)fsetxattr(cg, MARK, v, strlen(v), 0);
}

/*
 * The registries of the jails that live now, as their cgroups in sysjail/
 * (the directory parent) name them: an array of n paths, NULL-terminated,
 * the caller's to free with each string; NULL on error.
 */
char **
sj_cgroup_registries(int parent, size_t *n)
{
	struct dirent	*e;
	DIR		*d;
	char		**v = NULL, **nv, reg[PATH_MAX];
	ssize_t		 len;
	size_t		 cap = 0;
	int		 dfd, cg;

	*n = 0;
	if ((dfd = openat(parent, ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC)) ==
	    -1 || (d = fdopendir(dfd)) == NULL) {
		if (dfd != -1)
			close(dfd);
		return NULL;
	}
	while ((e = readdir(d)) != NULL) {
		if (e->d_name[0] == '.' || e->d_type != DT_DIR)
			continue;
		if ((cg = openat(parent, e->d_name, O_RDONLY | O_DIRECTORY |
		    O_CLOEXEC)) == -1)
			continue;
		len = fgetxattr(cg, REGMARK, reg, sizeof(reg) - 1);
		close(cg);
		if (len <= 0)
			continue;
		reg[len] = '\0';
		if (*n + 1 >= cap) {
			cap = cap ? cap * 2 : 8;
			if ((nv = realloc(v, cap * sizeof(*v))) == NULL)
				goto fail;
			v = nv;
		}
		if ((v[*n] = strdup(reg)) == NULL)
			goto fail;
		v[++*n] = NULL;
	}
	closedir(d);
	if (v == NULL && (v = calloc(1, sizeof(*v))) == NULL)
		return NULL;
	return v;
fail:
	closedir(d);
	while (v != NULL && *n > 0)
		free(v[--*n]);
	free(v);
	return NULL;
}

/*
 * Makes the directory name in sysjail/ below the hierarchy root rfd, and
 * returns a descriptor of sysjail/.  The last jail to end removes sysjail/:
 * it may vanish before name is in it (ENOENT from the removed directory),
 * and then we start again.
 */
static int
jaildir(int rfd, const char *name)
{
	int	 i, pfd, save;

	for (i = 0; i < 8; i++) {
		if (mkdirat(rfd, "sysjail", 0755) == -1 && errno != EEXIST)
			return -1;
		if ((pfd = openat(rfd, "sysjail", O_RDONLY | O_DIRECTORY |
		    O_CLOEXEC)) == -1) {
			if (errno == ENOENT)
				continue;
			return -1;
		}
		if (mkdirat(pfd, name, 0755) == 0)
			return pfd;
		save = errno;
		close(pfd);
		errno = save;
		if (errno != ENOENT)
			return -1;
	}
	return -1;
}

/*
 * Makes the jail's cgroup in sysjail/ below rfd, named JID.KEEPER: JIDs
 * are unique within one registry only, jails of two registries (sysjail
 * -j) share the hierarchy, and so do keepers of different PID namespaces,
 * whose pids may be the same: a name in use gets a suffix, .1 to .99.
 * The name made is left in name; returns a descriptor of sysjail/.
 */
static int
jailcg(int rfd, const struct sysjail *sj, char *name, size_t size)
{
	int	 k, pfd;

	for (k = 0; k < 100; k++) {
		if (k == 0)
			snprintf(name, size, "%d.%d", sj->jid, (int)getpid());
		else
			snprintf(name, size, "%d.%d.%d", sj->jid,
			    (int)getpid(), k);
		if ((pfd = jaildir(rfd, name)) != -1 || errno != EEXIST)
			return pfd;
	}
	return -1;
}

/*
 * Creates the jail's cgroup, sysjail/JID.KEEPER below the cgroup v2 root
 * (KEEPER: the calling keeper's pid; see jailcg()), with the programs
 * attached.  Returns a directory descriptor of it, and of its parent in
 * *parent (to remove it at the end), or -1 with errno.
 */
int
sj_cgroup_create(struct sysjail *sj, int *parent)
{
	char			*root, *name = sj->cgname;
	int			 i, rfd, pfd, cg;

	if ((root = cgroup2()) == NULL)
		return -1;
	rfd = open(root, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	free(root);
	if (rfd == -1)
		return -1;
	pfd = jailcg(rfd, sj, sj->cgname, sizeof(sj->cgname));
	close(rfd);
	if (pfd == -1)
		return -1;
	if ((cg = openat(pfd, name, O_RDONLY | O_DIRECTORY | O_CLOEXEC)) ==
	    -1) {
		unlinkat(pfd, name, AT_REMOVEDIR);
		close(pfd);
		return -1;
	}
	mark(cg, sj);
	if (sj_netbpf_attach(cg, sj) == -1) {
		i = errno;
		close(cg);
		unlinkat(pfd, name, AT_REMOVEDIR);
		close(pfd);
		errno = i;
		return -1;
	}
	*parent = pfd;
	return cg;
}

/*
 * A descriptor for writing into the cgroup.procs of the caller's own cgroup
 * v2, so that it can go back there after a stay in the jail's (see
 * h_net.c's socket creation).  -1 with errno if there is none.
 */
int
sj_cgroup_home(void)
{
	char	 line[4096], path[8192], *root;
	FILE	*f;
	int	 fd = -1;

	if ((f = fopen("/proc/self/cgroup", "r")) == NULL)
		return -1;
	while (fgets(line, sizeof(line), f) != NULL) {
		if (strncmp(line, "0::", 3) != 0)
			continue;
		line[strcspn(line, "\n")] = '\0';
		if ((root = cgroup2()) == NULL)
			break;
		snprintf(path, sizeof(path), "%s%s/cgroup.procs", root,
		    line + 3);
		free(root);
		fd = open(path, O_WRONLY | O_CLOEXEC);
		break;
	}
	fclose(f);
	return fd;
}

/* Moves process pid (0: the caller) into the cgroup held by cg. */
int
sj_cgroup_enter(int cg, pid_t pid)
{
	char	 buf[32];
	int	 fd, n, r;

	if ((fd = openat(cg, "cgroup.procs", O_WRONLY | O_CLOEXEC)) == -1)
		return -1;
	n = snprintf(buf, sizeof(buf), "%d\n", (int)pid);
	r = write(fd, buf, (size_t)n) == n ? 0 : -1;
	close(fd);
	return r;
}

/*
 * Removes the jail's cgroup once it is empty, and sysjail/ itself if no
 * other jail has one: nothing is left on the host.
 */
void
sj_cgroup_remove(const struct sysjail *sj)
{
	char	*root;
	int	 rfd;

	unlinkat(sj->cgparent, sj->cgname, AT_REMOVEDIR);
	if ((root = cgroup2()) == NULL)
		return;
	if ((rfd = open(root, O_RDONLY | O_DIRECTORY | O_CLOEXEC)) != -1) {
		unlinkat(rfd, "sysjail", AT_REMOVEDIR);	/* fails if in use */
		close(rfd);
	}
	free(root);
}

/*
 * The process limit: pids.max of a cgroup of the jail's.  With the pids
 * controller on the cgroup v2 hierarchy, the jail's cgroup above holds it
 * (enabled in the root's and sysjail/'s cgroup.subtree_control if it is
 * not yet); on a host that binds pids to a cgroup v1 hierarchy instead
 * (the hybrid layout), a cgroup sysjail/JID.KEEPER there, into which the
 * supervisor moves the spawner with the v2 one.  Fork and clone beyond the
 * limit fail with EAGAIN.
 */

/* Does the space-separated list in file (below dfd) hold word? */
static int
hasword(int dfd, const char *file, const char *word)
{
	char	 buf[1024], *p, *save;
	ssize_t	 n;
	int	 fd;

	if ((fd = openat(dfd, file, O_RDONLY | O_CLOEXEC)) == -1)
		return 0;
	n = read(fd, buf, sizeof(buf) - 1);
	close(fd);
	if (n <= 0)
		return 0;
	buf[n] = '\0';
	for (p = strtok_r(buf, " \n", &save); p != NULL;
	    p = strtok_r(NULL, " \n", &save))
		if (strcmp(p, word) == 0)
			return 1;
	return 0;
}

static int
putfile(int dfd, const char *file, const char *s)
{
	ssize_t	 n;
	int	 fd, save;

	if ((fd = openat(dfd, file, O_WRONLY | O_CLOEXEC)) == -1)
		return -1;
	n = write(fd, s, strlen(s));
	save = errno;
	close(fd);
	errno = save;
	return n == (ssize_t)strlen(s) ? 0 : -1;
}

static int
ispidsv1(const struct sj_mount *m, void *arg)
{
	char	**mnt = arg;

	if (strcmp(m->type, "cgroup") != 0 || !sj_mount_opt(m, "pids"))
		return 0;
	*mnt = strdup(m->path);
	return 1;
}

/* Where a cgroup v1 hierarchy with the pids controller is mounted. */
static char *
pidsv1(void)
{
	char	*mnt = NULL;

	if (sj_mounts(ispidsv1, &mnt) == 1)
		return mnt;
	errno = ENOENT;
	return NULL;
}

/*
 * Sets the jail's process limit (sj->maxproc) on the cgroup made by
 * sj_cgroup_create(), before anything jailed runs.  Without a pids
 * controller, a limit the caller set fails (ENOTSUP) and the default is
 * dropped (sj->maxproc becomes 0, as the record then says).  Returns 0 or
 * -1 with errno, having made nothing that needs removing.
 */
int
sj_cgroup_pids(struct sysjail *sj)
{
	char	 max[32], *root, *name = sj->pidsname;
	int	 rfd, pfd, cg, save;

	if (sj->maxproc == 0)
		return 0;
	snprintf(max, sizeof(max), "%u\n", sj->maxproc);
	/* cgroup v2: the jail's own cgroup, if the controller is there. */
	if (!hasword(sj->cgparent, "cgroup.controllers", "pids") &&
	    (root = cgroup2()) != NULL) {
		if ((rfd = open(root, O_RDONLY | O_DIRECTORY | O_CLOEXEC)) !=
		    -1) {
			if (hasword(rfd, "cgroup.controllers", "pids"))
				(void)putfile(rfd, "cgroup.subtree_control",
				    "+pids");
			close(rfd);
		}
		free(root);
	}
	if (hasword(sj->cgparent, "cgroup.controllers", "pids")) {
		if (!hasword(sj->cgparent, "cgroup.subtree_control", "pids") &&
		    putfile(sj->cgparent, "cgroup.subtree_control", "+pids") ==
		    -1)
			return -1;
		return putfile(sj->cgfd, "pids.max", max);
	}
	/* A cgroup v1 hierarchy with the pids controller. */
	if ((root = pidsv1()) == NULL) {
		if (sj->maxproc_set) {
			errno = ENOTSUP;
			return -1;
		}
		sj->maxproc = 0;	/* the default: run without */
		return 0;
	}
	rfd = open(root, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	free(root);
	if (rfd == -1)
		return -1;
	pfd = jailcg(rfd, sj, sj->pidsname, sizeof(sj->pidsname));
	close(rfd);
	if (pfd == -1)
		return -1;
	if ((cg = openat(pfd, name, O_RDONLY | O_DIRECTORY | O_CLOEXEC)) ==
	    -1 || putfile(cg, "pids.max", max) == -1) {
		save = errno;
		if (cg != -1)
			close(cg);
		unlinkat(pfd, name, AT_REMOVEDIR);
		close(pfd);
		errno = save;
		return -1;
	}
	mark(cg, sj);
	sj->pidsfd = cg;
	sj->pidsparent = pfd;
	return 0;
}

/* Removes the cgroup v1 pids cgroup of sj_cgroup_pids(), if any. */
void
sj_cgroup_pids_remove(struct sysjail *sj)
{
	char	*root;
	int	 rfd;

	if (sj->pidsparent == -1)
		return;
	unlinkat(sj->pidsparent, sj->pidsname, AT_REMOVEDIR);
	if ((root = pidsv1()) == NULL)
		return;
	if ((rfd = open(root, O_RDONLY | O_DIRECTORY | O_CLOEXEC)) != -1) {
		unlinkat(rfd, "sysjail", AT_REMOVEDIR);	/* fails if in use */
		close(rfd);
	}
	free(root);
}

/*
 * The id of the cgroup v2 held by cg, as PIDFD_GET_INFO reports a process's
 * (the kernfs node id, which the file handle carries), or 0 if it cannot be
 * told.  member.c checks it against the spawner's before relying on it.
 */
uint64_t
sj_cgroup_id(int cg)
{
	union {
		struct file_handle	 fh;
		char			 buf[sizeof(struct file_handle) + 64];
	} u;
	uint64_t	 id;
	int		 mnt;

	memset(&u, 0, sizeof(u));
	u.fh.handle_bytes = 64;
	if (name_to_handle_at(cg, "", &u.fh, &mnt, AT_EMPTY_PATH) == -1 ||
	    u.fh.handle_bytes != sizeof(id))
		return 0;
	memcpy(&id, u.fh.f_handle, sizeof(id));
	return id;
}

/* For the host report (hostinfo.c): the hierarchies found as above. */
char *
sj_cgroup_v2root(void)
{
	return cgroup2();
}

char *
sj_cgroup_v1pids(void)
{
	return pidsv1();
}

int
sj_cgroup_v2has(const char *root, const char *controller)
{
	int	 rfd, r;

	if ((rfd = open(root, O_RDONLY | O_DIRECTORY | O_CLOEXEC)) == -1)
		return 0;
	r = hasword(rfd, "cgroup.controllers", controller);
	close(rfd);
	return r;
}

/*
 * Kills every process of the jail's cgroup at once, new forks included,
 * where the kernel can (cgroup.kill, Linux 5.14).
 */
void
sj_cgroup_kill(int cgfd)
{
	int	 fd;

	if ((fd = openat(cgfd, "cgroup.kill", O_WRONLY | O_CLOEXEC)) == -1)
		return;
	(void)write(fd, "1", 1);
	close(fd);
}

/*
 * Does the cgroup below dfd list a process other than a and b (0: none
 * is excepted)?  1, 0, or -1 if unreadable.
 */
int
sj_cgroup_others(int dfd, pid_t a, pid_t b)
{
	char	 buf[32];
	FILE	*f;
	long	 pid;
	int	 fd, r = 0;

	if ((fd = openat(dfd, "cgroup.procs", O_RDONLY | O_CLOEXEC)) == -1)
		return -1;
	if ((f = fdopen(fd, "r")) == NULL) {
		close(fd);
		return -1;
	}
	while (r == 0 && fgets(buf, sizeof(buf), f) != NULL) {
		pid = strtol(buf, NULL, 10);
		r = pid != (long)a && pid != (long)b;
	}
	if (ferror(f))
		r = -1;
	fclose(f);
	return r;
}

/* Does the cgroup below dfd list no process?  1, 0, or -1 if unreadable. */
static int
procs_empty(int dfd)
{
	int	 r = sj_cgroup_others(dfd, 0, 0);

	return r == -1 ? -1 : !r;
}

/*
 * Waits up to ms for the cgroup cg, killed, to list no process (those its
 * killer is not the parent of end when the kernel has them reaped): 0, or
 * -1 if some are still there.
 */
int
sj_cgroup_drain(int cg, int ms)
{
	int	 i;

	for (i = 0; i < ms / 10; i++) {
		if (procs_empty(cg) != 0)
			return 0;
		usleep(10000);
	}
	return procs_empty(cg) != 0 ? 0 : -1;
}

/*
 * One cgroup, root/sysjail/name, of a jail whose machinery is gone: its
 * processes killed by cgroup.kill (v2), then, once it lists none, the
 * cgroup removed; bounded, a second at most.  Every jailed process
 * is in both the v2 cgroup and the v1 pids one, if any: the v2 kill empties
 * both, and no process is ever killed by a pid read from a list, which
 * could name a stranger by then.  Only a cgroup marked with the lock
 * (mark()): -1 if the cgroup is there but another lock's, or is still
 * there (its processes not yet gone: the next sweep tries again), else 0.
 */
static int
reclaimone(char *root, const char *name, const char *lock)
{
	char	 v[64];
	ssize_t	 n;
	int	 rfd, pfd, cg, r = 0;

	if (root == NULL)
		return 0;
	rfd = open(root, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	free(root);
	if (rfd == -1)
		return 0;
	pfd = openat(rfd, "sysjail", O_RDONLY | O_DIRECTORY | O_NOFOLLOW |
	    O_CLOEXEC);
	close(rfd);
	if (pfd == -1)
		return 0;
	if ((cg = openat(pfd, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW |
	    O_CLOEXEC)) != -1) {
		n = fgetxattr(cg, MARK, v, sizeof(v) - 1);
		if (n <= 0 || (size_t)n != strlen(lock) ||
		    memcmp(v, lock, (size_t)n) != 0) {
			close(cg);
			close(pfd);
			return -1;
		}
		sj_cgroup_kill(cg);
		(void)sj_cgroup_drain(cg, 1000);
		close(cg);
		if (unlinkat(pfd, name, AT_REMOVEDIR) == -1 && errno != ENOENT)
			r = -1;
	}
	close(pfd);
	return r;
}

/*
 * The cgroups a dead jail's record names (registry.c reclaims the record
 * once nobody holds its lock, the file lockfd): v2 and v1 pids names, as
 * jailcg() makes them, digits and dots only, each reclaimed only if it
 * was made for that lock.  Returns -1 if a cgroup named is another
 * jail's (the record is not to be trusted, nor removed) or could not be
 * removed yet (the record stays for the next sweep), else 0.
 */
int
sj_cgroup_reclaim(const char *v2name, const char *v1name, int lockfd)
{
	struct stat	 sb;
	char		 lock[64];
	int		 r = 0;

	if (fstat(lockfd, &sb) == -1)
		return -1;
	marklock(lock, sizeof(lock), sb.st_dev, sb.st_ino);
	if (v2name != NULL && *v2name != '\0' &&
	    strspn(v2name, "0123456789.") == strlen(v2name) &&
	    reclaimone(cgroup2(), v2name, lock) == -1)
		r = -1;
	if (v1name != NULL && *v1name != '\0' &&
	    strspn(v1name, "0123456789.") == strlen(v1name) &&
	    reclaimone(pidsv1(), v1name, lock) == -1)
		r = -1;
	return r;
}
