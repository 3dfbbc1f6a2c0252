/*
 * info.c: what the listing tools read about a running jail besides its
 * record: its processes, and its supervisor's live counters.
 */
#include <sys/mman.h>
#include <sys/stat.h>

#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "sysjail_priv.h"

static int
bypid(const void *a, const void *b)
{
	pid_t	 x = *(const pid_t *)a, y = *(const pid_t *)b;

	return (x > y) - (x < y);
}

/* Appends the children of every thread of process p to q. */
static int
children(pid_t p, pid_t **q, size_t *len, size_t *cap)
{
	char	 path[32];
	int	 d, r;

	snprintf(path, sizeof(path), "/proc/%d", (int)p);
	if ((d = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)) == -1)
		return 0;	/* gone meanwhile */
	r = sj_proc_children(d, q, len, cap);
	close(d);
	return r;
}

/*
 * The descendants of the supervisor, walked down through the kernel's
 * children lists: as many reads as the jail has processes, not as the host
 * has.  Returns 0, 1 if the kernel keeps no children lists
 * (CONFIG_PROC_CHILDREN), or -1 with errno.
 */
static int
walk(const struct sysjail_info *ji, pid_t **v, size_t *n)
{
	pid_t	*q = NULL, *out;
	size_t	 len = 0, cap = 0, i, nout;
	char	 path[64];

	snprintf(path, sizeof(path), "/proc/%d/task/%d/children",
	    (int)getpid(), (int)getpid());
	if (access(path, R_OK) == -1)
		return 1;
	if (children(ji->supervisor, &q, &len, &cap) == -1)
		goto fail;
	/* The queue grows behind i as each process's children are added. */
	for (i = 0; i < len; i++)
		if (children(q[i], &q, &len, &cap) == -1)
			goto fail;
	if ((out = calloc(len ? len : 1, sizeof(*out))) == NULL)
		goto fail;
	for (i = nout = 0; i < len; i++)
		if (q[i] != ji->spawner && q[i] != ji->nursery)
			out[nout++] = q[i];
	free(q);
	qsort(out, nout, sizeof(*out), bypid);
	*v = out;
	*n = nout;
	return 0;
fail:
	free(q);
	errno = ENOMEM;
	return -1;
}

/*
 * The processes of a jail, ascending: the descendants of its supervisor
 * but its spawner and nursery, from the kernel's children lists or, where there are
 * none, from one pass over /proc.  Returns 0, or -1 with errno.
 */
int
sysjail_procs(const struct sysjail_info *ji, pid_t **v, size_t *n)
{
	struct sj_pstat	 st;
	struct dirent	*de;
	DIR		*d;
	pid_t		*pid = NULL, *ppid = NULL, *out = NULL, *np;
	size_t		 len = 0, cap = 0, nout = 0, i, j;
	int		 fd, changed;
	char		*in = NULL;

	*v = NULL;
	*n = 0;
	if ((fd = walk(ji, v, n)) != 1)
		return fd;
	if ((d = opendir("/proc")) == NULL)
		return -1;
	while ((de = readdir(d)) != NULL) {
		if (!isdigit((unsigned char)de->d_name[0]))
			continue;
		if ((fd = openat(dirfd(d), de->d_name, O_RDONLY |
		    O_DIRECTORY | O_CLOEXEC)) == -1)
			continue;
		if (sj_pstat_read(fd, &st) == 0) {
			if (len == cap) {
				cap = cap ? cap * 2 : 256;
				if ((np = realloc(pid, cap * sizeof(*np))) ==
				    NULL)
					goto fail;
				pid = np;
				if ((np = realloc(ppid, cap * sizeof(*np))) ==
				    NULL)
					goto fail;
				ppid = np;
			}
			pid[len] = st.pid;
			ppid[len] = st.ppid;
			len++;
		}
		close(fd);
	}
	closedir(d);
	d = NULL;
	/* Mark descendants until nothing changes: the tree is shallow. */
	if ((in = calloc(len ? len : 1, 1)) == NULL ||
	    (out = calloc(len ? len : 1, sizeof(*out))) == NULL)
		goto fail;
	do {
		changed = 0;
		for (i = 0; i < len; i++) {
			if (in[i])
				continue;
			if (ppid[i] == ji->supervisor)
				in[i] = changed = 1;
			else
				for (j = 0; j < len; j++)
					if (in[j] && pid[j] == ppid[i]) {
						in[i] = changed = 1;
						break;
					}
		}
	} while (changed);
	for (i = 0; i < len; i++)
		if (in[i] && pid[i] != ji->spawner && pid[i] != ji->nursery)
			out[nout++] = pid[i];
	qsort(out, nout, sizeof(*out), bypid);
	free(pid);
	free(ppid);
	free(in);
	*v = out;
	*n = nout;
	return 0;
fail:
	if (d != NULL)
		closedir(d);
	free(pid);
	free(ppid);
	free(in);
	free(out);
	errno = ENOMEM;
	return -1;
}

/*
 * The supervisor's counters for jail jid in dir (NULL: /run/sysjail): one
 * entry per ABI and system call that it answered at least once.  Returns
 * 0, or -1 with errno (ENOENT: the jail keeps no counters).
 */
int
sysjail_callstats(const char *dir, int jid, struct sysjail_callstat **v,
    size_t *n)
{
	const struct sj_stats	*s;
	struct sysjail_callstat	*out = NULL, *no;
	struct stat		 sb;
	const char		*name;
	char			 path[4096], file[32];
	size_t			 len = 0;
	int			 fd, abi, nr, save;

	*v = NULL;
	*n = 0;
	snprintf(path, sizeof(path), "%s/%s", dir ? dir : SYSJAIL_DBDIR,
	    sj_registry_file(file, sizeof(file), jid, SJ_REG_STATS));
	if ((fd = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW)) == -1)
		return -1;
	if (fstat(fd, &sb) == -1 || !S_ISREG(sb.st_mode) ||
	    sb.st_size != (off_t)sizeof(*s)) {
		close(fd);
		errno = EPROTO;
		return -1;
	}
	s = mmap(NULL, sizeof(*s), PROT_READ, MAP_SHARED, fd, 0);
	close(fd);
	if (s == MAP_FAILED)
		return -1;
	if (memcmp(s->magic, "SJSTAT01", 8) != 0 || s->nabi != SJ_NABI ||
	    s->maxnr != SJ_MAXNR) {
		munmap((void *)s, sizeof(*s));
		errno = EPROTO;
		return -1;
	}
	for (abi = 0; abi < SJ_NABI; abi++)
		for (nr = 0; nr < SJ_MAXNR; nr++) {
			if (s->calls[abi][nr] == 0)
				continue;
			if ((no = realloc(out, (len + 1) * sizeof(*no))) ==
			    NULL) {
				save = errno;
				free(out);
				munmap((void *)s, sizeof(*s));
				errno = save;
				return -1;
			}
			out = no;
			name = sj_syscall_name(abi, nr);
			out[len].abi = sj_abi_name(abi);
			out[len].name = name ? name : "?";
			out[len].nr = nr;
			out[len].calls = __atomic_load_n(&s->calls[abi][nr],
			    __ATOMIC_RELAXED);
			out[len].refused = __atomic_load_n(
			    &s->refused[abi][nr], __ATOMIC_RELAXED);
			len++;
		}
	munmap((void *)s, sizeof(*s));
	*v = out;
	*n = len;
	return 0;
}
