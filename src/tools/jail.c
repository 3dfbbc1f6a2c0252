/*
 * jail(1): imprison a command, as FreeBSD 6.x jail(8); and the modern
 * forms of FreeBSD's jail(8): -c from parameters on the command line or
 * from jail.conf(5) (jailconf.c), -r, -e.
 */
#include <sys/syscall.h>
#include <sys/wait.h>

#include <err.h>
#include <errno.h>
#include <limits.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "jailconf.h"
#include "sysjail.h"
#include "tool.h"

extern char	**environ;

static struct sysjail	*jail;

static int	jremove(const char *, struct jailconf *);

static void __attribute__((noreturn))
usage(void)
{
	(void)fprintf(stderr, "%s%s\n",
	    "usage: jail [-i] [-J jid_file] [-l -u username | -U username]",
	    " path hostname ip-number command ...");
	exit(1);
}

static int	ismodern(int, char *[]);
static int	modern(int, char *[]);

int
main(int argc, char *argv[])
{
	const char		*jidfile = NULL, *username = NULL;
	struct tool_jidfile	 jf = { .fd = -1 };
	int			 ch, iflag = 0, lflag = 0, uflag = 0, Uflag = 0;
	int			 status;

	if (ismodern(argc, argv))
		return modern(argc, argv);

	while ((ch = getopt(argc, argv, "+ilu:U:J:")) != -1) {
		switch (ch) {
		case 'i':
			iflag = 1;
			break;
		case 'J':
			jidfile = optarg;
			break;
		case 'l':
			lflag = 1;
			break;
		case 'u':
			username = optarg;
			uflag = 1;
			break;
		case 'U':
			username = optarg;
			Uflag = 1;
			break;
		default:
			usage();
		}
	}
	argc -= optind;
	argv += optind;
	if (argc < 4 || (uflag && Uflag) || (lflag && username == NULL))
		usage();

	if ((jail = sysjail_create()) == NULL)
		err(1, "sysjail_create");
	if (tool_dbdir() != NULL && sysjail_set_dbdir(jail, tool_dbdir()) == -1)
		errx(1, "%s", sysjail_errmsg(jail));
	if (sysjail_set_path(jail, argv[0]) == -1 ||
	    sysjail_set_hostname(jail, argv[1]) == -1)
		errx(1, "%s", sysjail_errmsg(jail));
	if (strchr(argv[2], ':') != NULL ||
	    sysjail_add_addr(jail, argv[2]) == -1)
		errx(1, "Could not make sense of ip-number: %s", argv[2]);
	if (username != NULL && sysjail_set_user(jail, username,
	    uflag ? SYSJAIL_USER_HOST : SYSJAIL_USER_JAIL) == -1)
		errx(1, "%s", sysjail_errmsg(jail));
	if (lflag && sysjail_set_flags(jail, SYSJAIL_LOGIN) == -1)
		errx(1, "%s", sysjail_errmsg(jail));
	if (jidfile != NULL)
		tool_jidfile_open(&jf, jidfile, argv[0]);

	if (sysjail_start(jail, argv + 3, environ) == -1) {
		tool_jidfile_close(&jf, 1);
		errx(1, "%s", sysjail_errmsg(jail));
	}
	tool_pass_signals(jail);
	if (iflag) {
		printf("%d\n", sysjail_jid(jail));
		fflush(stdout);
	}
	if (jidfile != NULL) {
		char	*rp = realpath(argv[0], NULL), *rec;

		if (asprintf(&rec, "%d\t%s\t%s\t%s\t%s\n", sysjail_jid(jail),
		    rp != NULL ? rp : argv[0], argv[1], argv[2], argv[3]) == -1)
			err(1, NULL);
		tool_jidfile_write(&jf, rec);
		free(rec);
		free(rp);
	}
	status = tool_wait(jail);
	tool_jidfile_close(&jf, 1);	/* the command has ended */
	sysjail_free(jail);
	return status;
}

/* ---- the modern forms: jail -c, -r, -e -------------------------------- */

#define DEFAULT_CONF	"/etc/jail.conf"
#define STOP_WAIT_MS	30000	/* the supervisor's grace, and some */
#define STOP_TIMEOUT	60	/* exec.stop's bound without exec.timeout, s */

static void __attribute__((noreturn))
modern_usage(void)
{
	(void)fprintf(stderr, "%s%s\n%s%s\n%s%s\n%s\n%s\n",
	    "usage: jail [-i] [-J jid_file] [-l -u username | -U username]",
	    " path hostname ip-number command ...",
	    "       jail [-il] [-u username | -U username]",
	    " -c param=value ... [command=command ...]",
	    "       jail [-il] [-u username | -U username] [-f conf_file]",
	    " -c [jail ...]",
	    "       jail [-f conf_file] -r [* | jail ...]",
	    "       jail [-f conf_file] -e separator");
	exit(1);
}

/*
 * Is this a modern command line: -c, -r, -e or -f among the options
 * before the first operand?  The FreeBSD 6 form has none of them.
 */
static int
ismodern(int argc, char *argv[])
{
	const char	*o;
	int		 i;

	for (i = 1; i < argc && argv[i][0] == '-' && argv[i][1] != '\0';
	    i++) {
		if (strcmp(argv[i], "--") == 0)
			break;
		for (o = argv[i] + 1; *o != '\0'; o++) {
			if (strchr("cref", *o) != NULL)
				return 1;
			if (strchr("JuU", *o) != NULL) {
				/* The rest, or the next word, is its value. */
				if (o[1] == '\0')
					i++;
				break;
			}
		}
	}
	return 0;
}

/* FreeBSD jail(8) parameters that no Linux mechanism gives a meaning. */
static const char *const nomeaning[] = {
	"vnet", "vnet.interface", "enforce_statfs", "securelevel",
	"devfs_ruleset", "allow.chflags", "allow.quotas", "allow.socket_af",
	"allow.mlock", "allow.reserved_ports", "allow.read_msgbuf",
	"allow.unprivileged_proc_debug", "allow.suser", "allow.nfsd",
	"allow.vmm", "allow.extattr", "allow.adjtime", "allow.settime",
	"allow.routing", "allow.mount", "allow.mount.devfs",
	"allow.mount.fdescfs", "allow.mount.fusefs", "allow.mount.linprocfs",
	"allow.mount.linsysfs", "allow.mount.nullfs", "allow.mount.tmpfs",
	"allow.mount.zfs", "osrelease", "osreldate", "host.domainname",
	"host.hostuuid", "host.hostid", "cpuset.id", "linux",
	"linux.osname", "linux.osrelease", "linux.oss_version",
	"ip4.saddrsel", "ip6.saddrsel", "mount.fdescfs",
	"zfs.mount_snapshot", "exec.fib", "exec.created", "exec.prepare",
	"exec.release", NULL
};

/* FreeBSD jail(8) parameters that sysjail does not have yet. */
static const char *const notyet[] = {
	"jid", "ip4", "ip6", "interface", "children.max",
	"allow.sysvmsg", "allow.sysvsem", "allow.sysvshm", "sysvmsg",
	"sysvsem", "sysvshm", "exec.system_user",
	"stop.timeout", "exec.consolelog",
	"mount.fstab", "mount", "depend", "parent", NULL
};

static int
inlist(const char *const *l, const char *name)
{
	for (; *l != NULL; l++)
		if (strcmp(*l, name) == 0)
			return 1;
	return 0;
}

/* A jail to start: its handle, and the command to start it with. */
struct cjail {
	struct sysjail	*sj;
	char		*name;
	char		**argv;		/* its strings are the jail's */
	const char	*what;		/* "command" or "exec.start" */
	const struct jc_rparam *prestart, *poststart;	/* host hooks */
	unsigned int	 timeout;	/* exec.timeout, seconds; 0: none */
};

/* One parameter's place, for messages: "FILE:LINE:COL: " or "". */
static const char *
at(const struct jc_rparam *p)
{
	static char	 buf[PATH_MAX + 32];

	if (p->line == 0)
		return "";
	snprintf(buf, sizeof(buf), "%s:%d:%d: ", p->file, p->line, p->col);
	return buf;
}

/*
 * A boolean's value: "name;" (1), "noname;" (0), or a value of 0, 1,
 * true or false; -1 otherwise.  canon is the name without its "no" (which
 * follows the last dot: allow.noset_hostname).
 */
static int
boolval(const struct jc_rparam *p, char *canon, size_t size)
{
	const char	*last, *v;
	int		 neg = 0;

	last = strrchr(p->name, '.');
	last = last != NULL ? last + 1 : p->name;
	snprintf(canon, size, "%s", p->name);
	if (strncmp(last, "no", 2) == 0) {
		neg = 1;
		snprintf(canon, size, "%.*s%s", (int)(last - p->name),
		    p->name, last + 2);
	}
	if (!p->hasval)
		return !neg;
	if (p->n != 1 || neg)
		return -1;
	v = p->v[0];
	if (strcmp(v, "1") == 0 || strcmp(v, "true") == 0)
		return 1;
	if (strcmp(v, "0") == 0 || strcmp(v, "false") == 0)
		return 0;
	return -1;
}

struct jail_ctx {
	const char	*jail;		/* its name, for messages */
};

/*
 * exec.timeout's seconds (0 if not given), or dflt; exits naming the
 * parameter if it is not a number.
 */
static unsigned int
timeoutof(const struct jc_jail *j, unsigned int dflt)
{
	const struct jc_rparam	*p = jailconf_get(j, "exec.timeout");
	unsigned long		 v;
	char			*end;

	if (p == NULL)
		return dflt;
	errno = 0;
	if (!p->hasval || p->n != 1 || p->v[0][0] < '0' || p->v[0][0] > '9' ||
	    (v = strtoul(p->v[0], &end, 10), *end != '\0') || errno != 0 ||
	    v > 86400)
		errx(1, "%s%s: exec.timeout: not a number of seconds (at "
		    "most 86400)", at(p), j->name);
	return (unsigned int)v;
}

/* A command's wait status as a shell's exit status. */
static int
exitstatus(int st)
{
	return WIFSIGNALED(st) ? 128 + WTERMSIG(st) : WEXITSTATUS(st);
}

/*
 * A hook of the host's (exec.prestart, exec.poststart, exec.prestop,
 * exec.poststop): each command with /bin/sh -c on the host, as root, in
 * order, as FreeBSD's jail(8) runs them; the first failure's status, with
 * a warning naming it, or 0.  The configuration is the administrator's.
 */
static int
hostrun(const char *jail, const struct jc_rparam *p)
{
	pid_t	 pid;
	size_t	 k;
	int	 st;

	for (k = 0; p != NULL && k < p->n; k++) {
		(void)fflush(NULL);
		if ((pid = fork()) == -1)
			err(1, "fork");
		if (pid == 0) {
			execl("/bin/sh", "sh", "-c", p->v[k], (char *)NULL);
			warn("/bin/sh");
			_exit(127);
		}
		while (waitpid(pid, &st, 0) == -1)
			if (errno != EINTR)
				err(1, "waitpid");
		if ((st = exitstatus(st)) != 0) {
			warnx("%s: %s failed with status %d", jail, p->name,
			    st);
			return st;
		}
	}
	return 0;
}

/*
 * exec.stop: each command with /bin/sh -c in the running jail jid, as
 * jexec(1) would run it, as exec.jail_user if j names one, killed after
 * exec.timeout seconds (STOP_TIMEOUT if none is given: jail -r always
 * ends, whatever the jail's shell does); the first failure's status, with
 * a warning, or 0.
 */
static int
jailrun(const char *jail, int jid, const struct jc_jail *j,
    const struct jc_rparam *p)
{
	const struct jc_rparam	*u = jailconf_get(j, "exec.jail_user");
	const struct jc_rparam	*sys;
	struct sysjail		*sj;
	char			*argv[4], canon[64];
	size_t			 k;
	unsigned int		 secs = timeoutof(j, STOP_TIMEOUT);
	int			 st, killed, where = SYSJAIL_USER_JAIL;

	sys = jailconf_get(j, "exec.system_jail_user");
	if (sys != NULL && boolval(sys, canon, sizeof(canon)) == 1)
		where = SYSJAIL_USER_HOST;
	for (k = 0; p != NULL && k < p->n; k++) {
		argv[0] = "/bin/sh";
		argv[1] = "-c";
		argv[2] = p->v[k];
		argv[3] = NULL;
		if ((sj = sysjail_create()) == NULL)
			err(1, "sysjail_create");
		if ((tool_dbdir() != NULL &&
		    sysjail_set_dbdir(sj, tool_dbdir()) == -1) ||
		    sysjail_attach(sj, jid) == -1 || (u != NULL && u->n == 1 &&
		    sysjail_set_user(sj, u->v[0], where) == -1) ||
		    sysjail_start(sj, argv, environ) == -1) {
			warnx("%s: %s: %s", jail, p->name,
			    sysjail_errmsg(sj));
			sysjail_free(sj);
			return 1;
		}
		st = tool_wait_bounded(sj, secs, &killed);
		sysjail_free(sj);
		if (killed) {
			warnx("%s: %s killed after %u seconds (exec.timeout)",
			    jail, p->name, secs);
			return st != 0 ? st : 1;
		}
		if (st != 0) {
			warnx("%s: %s failed with status %d", jail, p->name,
			    st);
			return st;
		}
	}
	return 0;
}

static int
isdigitstr(const char *s)
{
	if (*s == '\0')
		return 0;
	for (; *s != '\0'; s++)
		if (*s < '0' || *s > '9')
			return 0;
	return 1;
}

/* The one value of p, or an error naming it. */
static const char *
one(const struct jail_ctx *c, const struct jc_rparam *p)
{
	if (!p->hasval || p->n != 1 || p->v[0][0] == '\0')
		errx(1, "%s%s: %s: needs one value", at(p), c->jail, p->name);
	return p->v[0];
}

/*
 * Makes (but does not start) jail j: every parameter checked and given
 * to the library.  Exits with one line naming the parameter on any error,
 * before any jail has started.
 */
static void
prepare(const struct jc_jail *j, int named, int lflag, const char *username,
    int where, struct cjail *cj)
{
	struct jail_ctx		 c = { j->name };
	const struct jc_rparam	*p, *path = NULL, *host = NULL;
	const struct jc_rparam	*start = NULL, *cmd = NULL, *user = NULL;
	unsigned int		 flags = lflag ? SYSJAIL_LOGIN : 0, bit;
	char			 canon[256], hn[HOST_NAME_MAX + 1];
	char			*end, *a, *s;
	unsigned long		 mp;
	size_t			 i, k, n;
	int			 b, v, sysuser = 0;

	memset(cj, 0, sizeof(*cj));
	if ((cj->sj = sysjail_create()) == NULL)
		err(1, "sysjail_create");
	if (tool_dbdir() != NULL && sysjail_set_dbdir(cj->sj, tool_dbdir()) ==
	    -1)
		errx(1, "%s", sysjail_errmsg(cj->sj));
	if ((cj->name = strdup(j->name)) == NULL)
		err(1, NULL);
	for (i = 0; i < j->np; i++) {
		p = &j->p[i];
		v = boolval(p, canon, sizeof(canon));
		/* The allow parameters (tool.c), and exec.clean: -l. */
		b = tool_param_index(canon, strlen(canon), 0);
		if (b != -1 || strcmp(canon, "exec.clean") == 0) {
			if (v == -1)
				errx(1, "%s%s: %s: a boolean takes no value "
				    "but 0, 1, true or false", at(p), c.jail,
				    p->name);
			bit = b != -1 ? tool_params[b].flag : SYSJAIL_LOGIN;
			if (v != (b != -1 && tool_params[b].inverse))
				flags |= bit;
			else
				flags &= ~bit;
			continue;
		}
		if (strcmp(p->name, "exec.system_jail_user") == 0) {
			if ((sysuser = boolval(p, canon, sizeof(canon))) == -1)
				errx(1, "%s%s: %s: not a boolean", at(p),
				    c.jail, p->name);
			continue;
		}
		if (strcmp(p->name, "name") == 0) {
			if (strcmp(one(&c, p), j->name) != 0)
				errx(1, "%s%s: name: the jail is named %s",
				    at(p), c.jail, j->name);
		} else if (strcmp(p->name, "path") == 0)
			path = p;
		else if (strcmp(p->name, "host.hostname") == 0)
			host = p;
		else if (strcmp(p->name, "exec.start") == 0)
			start = p;
		else if (strcmp(p->name, "command") == 0)
			cmd = p;
		else if (strcmp(p->name, "exec.prestart") == 0)
			cj->prestart = p;
		else if (strcmp(p->name, "exec.poststart") == 0)
			cj->poststart = p;
		else if (strcmp(p->name, "exec.prestop") == 0 ||
		    strcmp(p->name, "exec.stop") == 0 ||
		    strcmp(p->name, "exec.poststop") == 0)
			continue;	/* -r's: see jremove() */
		else if (strcmp(p->name, "exec.timeout") == 0)
			cj->timeout = timeoutof(j, 0);
		else if (strcmp(p->name, "exec.jail_user") == 0)
			user = p;
		else if (strcmp(p->name, "ip4.addr") == 0 ||
		    strcmp(p->name, "ip6.addr") == 0) {
			for (k = 0; k < p->n; k++) {
				a = p->v[k];
				if (strchr(a, '|') != NULL)
					errx(1, "%s%s: %s: %s: the interface "
					    "form is not supported yet", at(p),
					    c.jail, p->name, a);
				/* The mask is the interface's business. */
				if ((s = strchr(a, '/')) != NULL)
					*s = '\0';
				if ((strchr(a, ':') != NULL) !=
				    (p->name[2] == '6') ||
				    sysjail_add_addr(cj->sj, a) == -1)
					errx(1, "%s%s: %s: %s: not an IPv%c "
					    "address of a jail", at(p),
					    c.jail, p->name, a, p->name[2]);
			}
		} else if (strcmp(p->name, "maxproc") == 0) {
			errno = 0;
			mp = strtoul(one(&c, p), &end, 10);
			if (*end != '\0' || errno != 0 || mp > INT_MAX ||
			    !isdigitstr(p->v[0]) ||
			    sysjail_set_maxproc(cj->sj, (unsigned int)mp) == -1)
				errx(1, "%s%s: maxproc: %s: not a number of "
				    "processes", at(p), c.jail, p->v[0]);
		} else if (inlist(nomeaning, p->name) ||
		    inlist(nomeaning, canon) ||
		    strncmp(p->name, "allow.mount.", 12) == 0 ||
		    strncmp(p->name, "linux.", 6) == 0)
			errx(1, "%s%s: %s: a FreeBSD parameter with no meaning "
			    "on Linux", at(p), c.jail, p->name);
		else if (inlist(notyet, p->name) || inlist(notyet, canon))
			errx(1, "%s%s: %s: not supported by sysjail yet",
			    at(p), c.jail, p->name);
		else
			errx(1, "%s%s: %s: unknown parameter", at(p), c.jail,
			    p->name);
	}
	/* The block's name, or name=; without one, the JID names the jail. */
	if (named && sysjail_set_name(cj->sj, j->name) == -1)
		errx(1, "%s: name: %s", c.jail, sysjail_errmsg(cj->sj));
	if (path == NULL)
		errx(1, "%s: path: missing", c.jail);
	if (sysjail_set_path(cj->sj, one(&c, path)) == -1)
		errx(1, "%s%s: path: %s", at(path), c.jail,
		    sysjail_errmsg(cj->sj));
	/* As FreeBSD: a new jail's host name is its creator's. */
	if (host == NULL && gethostname(hn, sizeof(hn)) == -1)
		err(1, "gethostname");
	hn[sizeof(hn) - 1] = '\0';
	if (sysjail_set_hostname(cj->sj, host != NULL ? one(&c, host) :
	    hn) == -1)
		errx(1, "%s%s: host.hostname: %s", host ? at(host) : "",
		    c.jail, sysjail_errmsg(cj->sj));
	if (username == NULL && user != NULL)
		username = one(&c, user);
	/* exec.clean (-l) sets up a login: root's, as FreeBSD, unless told. */
	if (username == NULL && (flags & SYSJAIL_LOGIN))
		username = "root";
	if (username != NULL && where == -1)
		where = sysuser ? SYSJAIL_USER_HOST : SYSJAIL_USER_JAIL;
	if (username != NULL && sysjail_set_user(cj->sj, username, where) ==
	    -1)
		errx(1, "%s: %s", c.jail, sysjail_errmsg(cj->sj));
	if (sysjail_set_flags(cj->sj, flags) == -1)
		errx(1, "%s: %s", c.jail, sysjail_errmsg(cj->sj));
	if (cmd != NULL && start != NULL)
		errx(1, "%s%s: command and exec.start: give one", at(cmd),
		    c.jail);
	if (cmd != NULL) {
		/* command=: the program and its arguments, run directly. */
		if ((cj->argv = calloc(cmd->n + 1, sizeof(char *))) == NULL)
			err(1, NULL);
		for (k = 0; k < cmd->n; k++)
			cj->argv[k] = cmd->v[k];
		cj->what = "command";
		if (cmd->n == 0 || cmd->v[0][0] == '\0')
			errx(1, "%s%s: command: needs a program", at(cmd),
			    c.jail);
	} else if (start != NULL && start->n > 0) {
		/*
		 * exec.start: each command with /bin/sh -c, in order, the
		 * first failure ending the sequence with its status; one
		 * shell, so that the jail lives from the first to the last.
		 */
		n = start->n == 1 ? 3 : 5 + start->n;
		if ((cj->argv = calloc(n + 1, sizeof(char *))) == NULL)
			err(1, NULL);
		cj->argv[0] = "/bin/sh";
		cj->argv[1] = "-c";
		cj->what = "exec.start";
		if (start->n == 1)
			cj->argv[2] = start->v[0];
		else {
			cj->argv[2] = "for c; do /bin/sh -c \"$c\" || exit; "
			    "done";
			cj->argv[3] = "sh";
			for (k = 0; k < start->n; k++)
				cj->argv[4 + k] = start->v[k];
		}
	} else if (!(flags & SYSJAIL_PERSIST))
		errx(1, "%s: no exec.start or command: a jail that is not "
		    "persist ends with its last process", c.jail);
	else
		cj->what = "start";	/* persist: no command at all */
}

/* The configuration: file, or /etc/jail.conf; parse errors are fatal. */
static void
readconf(struct jailconf *jc, const char *file)
{
	jailconf_init(jc);
	if (jailconf_parse_file(jc, file != NULL ? file : DEFAULT_CONF) == -1)
		errx(1, "%s", jc->err);
}

/* The names of the jails that have blocks of their own, in order. */
static size_t
jailnames(const struct jailconf *jc, const char ***names)
{
	const char	**v;
	size_t		 i, k, n = 0;

	if ((v = calloc(jc->nb + 1, sizeof(*v))) == NULL)
		err(1, NULL);
	for (i = 0; i < jc->nb; i++) {
		if (strcmp(jc->b[i].name, "*") == 0)
			continue;
		for (k = 0; k < n; k++)
			if (strcmp(v[k], jc->b[i].name) == 0)
				break;
		if (k == n)
			v[n++] = jc->b[i].name;
	}
	*names = v;
	return n;
}

/* -e separator: every jail of the configuration, one line each. */
static int
exhibit(const char *file, const char *sep)
{
	struct jailconf	 jc;
	struct jc_jail	 j;
	const char	**names;
	size_t		 n, i, k, v;

	readconf(&jc, file);
	n = jailnames(&jc, &names);
	for (i = 0; i < n; i++) {
		if (jailconf_resolve(&jc, names[i], &j) == -1)
			errx(1, "%s", jc.err);
		printf("name=%s", names[i]);
		for (k = 0; k < j.np; k++) {
			if (strcmp(j.p[k].name, "name") == 0)
				continue;
			printf("%s%s", sep, j.p[k].name);
			for (v = 0; v < j.p[k].n; v++)
				printf("%s%s", v ? "," : "=", j.p[k].v[v]);
			if (j.p[k].hasval && j.p[k].n == 0)
				putchar('=');
		}
		putchar('\n');
		jailconf_jail_free(&j);
	}
	free(names);
	jailconf_free(&jc);
	return fflush(stdout) == EOF ? 1 : 0;
}

/*
 * -c: prepares every jail first, so that an error in any of them starts
 * none; then starts each in turn and waits for its exec.start (or
 * command), as FreeBSD's jail(8) does.  The jail lives on while processes
 * the command left behind do.  Returns the first failure's status.
 */
static int
create(struct jailconf *jc, const char **names, size_t n, int named,
    int iflag, int lflag, const char *username, int where)
{
	struct cjail	*cj;
	struct jc_jail	*j;
	size_t		 i, k;
	char		 jid[16];
	int		 status, killed, ret = 0;

	if ((cj = calloc(n, sizeof(*cj))) == NULL ||
	    (j = calloc(n, sizeof(*j))) == NULL)
		err(1, NULL);
	for (i = 0; i < n; i++) {
		if (strcmp(names[i], "*") == 0)
			errx(1, "*: not a jail's name");
		if (jailconf_resolve(jc, names[i], &j[i]) == -1)
			errx(1, "%s", jc->err);
		for (k = 0; k < jc->nb; k++)
			if (strcmp(jc->b[k].name, names[i]) == 0)
				break;
		if (k == jc->nb)
			errx(1, "%s: no such jail in the configuration",
			    names[i]);
		prepare(&j[i], named, lflag, username, where, &cj[i]);
	}
	for (i = 0; i < n && ret == 0; i++) {
		/* exec.prestart on the host: a failure starts nothing. */
		if ((ret = hostrun(cj[i].name, cj[i].prestart)) != 0)
			break;
		if (sysjail_start(cj[i].sj, cj[i].argv, environ) == -1) {
			if (errno == EEXIST)	/* the message names it */
				errx(1, "%s", sysjail_errmsg(cj[i].sj));
			errx(1, "%s: %s", cj[i].name,
			    sysjail_errmsg(cj[i].sj));
		}
		tool_pass_signals(cj[i].sj);
		if (iflag) {
			printf("%d\n", sysjail_jid(cj[i].sj));
			fflush(stdout);
		}
		status = tool_wait_bounded(cj[i].sj, cj[i].timeout, &killed);
		if (killed) {
			/* As FreeBSD: a start that times out makes no jail. */
			warnx("%s: %s killed after %u seconds (exec.timeout)",
			    cj[i].name, cj[i].what, cj[i].timeout);
			ret = status != 0 ? status : 1;
			snprintf(jid, sizeof(jid), "%d",
			    sysjail_jid(cj[i].sj));
			(void)jremove(jid, NULL);
		} else if (status != 0) {
			warnx("%s: %s failed with status %d", cj[i].name,
			    cj[i].what, status);
			ret = status;
		} else if ((ret = hostrun(cj[i].name, cj[i].poststart)) !=
		    0) {
			/* As FreeBSD: the jail does not stay half-started. */
			snprintf(jid, sizeof(jid), "%d",
			    sysjail_jid(cj[i].sj));
			(void)jremove(jid, NULL);
		}
	}
	for (i = 0; i < n; i++) {
		sysjail_free(cj[i].sj);
		free(cj[i].argv);
		free(cj[i].name);
		jailconf_jail_free(&j[i]);
	}
	free(cj);
	free(j);
	return ret;
}

/*
 * Whether the jail jid is still the one whose supervisor sup the pidfd fd
 * pins: the supervisor lives (so its pid names it), and the registry's
 * jid names it.  The attach that follows reads the registry again: the
 * jail would have to end and its JID be taken in between.
 */
static int
samejail(int fd, int jid, pid_t sup)
{
	struct sysjail_info	*v;
	struct pollfd		 pfd;
	size_t			 n, i;
	int			 r = 0;

	pfd.fd = fd;
	pfd.events = POLLIN;
	if (poll(&pfd, 1, 0) != 0)
		return 0;	/* it has ended (or poll failed) */
	if (sysjail_list(tool_dbdir(), &v, &n) == -1)
		return 0;
	for (i = 0; i < n; i++)
		if (v[i].jid == jid)
			r = v[i].supervisor == sup;
	sysjail_list_free(v, n);
	return r;
}

/*
 * -r: ends the jail that operand a names (its JID or its name) as
 * FreeBSD's jail -r does: its configuration's exec.prestop on the host and
 * exec.stop in the jail first (jc, if given, has a block of the jail's
 * name; a failure is reported, and the jail ended all the same), then TERM
 * to every process, KILL to what is left after a grace period (the
 * supervisor's sj_stop(), asked by a SIGTERM to it), then exec.poststop on
 * the host.  The supervisor's pid is pinned by a pidfd and then checked to
 * be still that jail's, so that the signal cannot reach a process that
 * reused the pid.  Waits for the jail to end.
 */
static int
jremove(const char *a, struct jailconf *jc)
{
	struct sysjail_info	*v;
	struct jc_jail		 j;
	struct pollfd		 pfd;
	size_t			 n, b;
	pid_t			 sup = 0;
	char			*name = NULL;
	int			 fd = -1, k, i, jid = -1, hooks = 0, ret = 0;

	for (k = 0; k < 2; k++) {
		if (sysjail_list(tool_dbdir(), &v, &n) == -1)
			err(1, "%s", tool_dbdir() != NULL ? tool_dbdir() :
			    SYSJAIL_DBDIR);
		i = tool_jail(v, n, a);
		if (i == -1 || (k == 1 && v[i].supervisor != sup)) {
			sysjail_list_free(v, n);
			if (k == 1)
				close(fd);
			free(name);
			warnx("%s: no such jail", a);
			return 1;
		}
		sup = v[i].supervisor;
		jid = v[i].jid;
		if (k == 0 && (name = strdup(v[i].name)) == NULL)
			err(1, NULL);
		sysjail_list_free(v, n);
		if (k == 0 && (fd = (int)syscall(SYS_pidfd_open, sup, 0)) ==
		    -1) {
			free(name);
			warnx("%s: no such jail", a);
			return 1;
		}
	}
	for (b = 0; jc != NULL && b < jc->nb; b++)
		if (strcmp(jc->b[b].name, name) == 0)
			break;
	if (jc != NULL && b < jc->nb) {
		if (jailconf_resolve(jc, name, &j) == -1)
			errx(1, "%s", jc->err);
		hooks = 1;
		ret |= hostrun(name, jailconf_get(&j, "exec.prestop"));
		/*
		 * Into the jail by its JID only while it is still the one
		 * pinned: ended meanwhile, its JID may be another's (atk14).
		 */
		if (samejail(fd, jid, sup))
			ret |= jailrun(name, jid, &j,
			    jailconf_get(&j, "exec.stop"));
		else if (jailconf_get(&j, "exec.stop") != NULL) {
			warnx("%s: ended before exec.stop", a);
			ret = 1;
		}
	}
	if (syscall(SYS_pidfd_send_signal, fd, SIGTERM, NULL, 0) == -1) {
		warn("%s: ending the jail", a);
		close(fd);
		ret = 1;
		goto out;
	}
	pfd.fd = fd;
	pfd.events = POLLIN;
	while ((k = poll(&pfd, 1, STOP_WAIT_MS)) == -1 && errno == EINTR)
		continue;
	close(fd);
	if (k != 1) {
		warnx("%s: the jail did not end in %d seconds", a,
		    STOP_WAIT_MS / 1000);
		ret = 1;
		goto out;
	}
	if (hooks)
		ret |= hostrun(name, jailconf_get(&j, "exec.poststop"));
out:
	if (hooks)
		jailconf_jail_free(&j);
	free(name);
	return ret != 0;
}

/*
 * -r's operands: "*" (every jail), JIDs and names; with none, every jail
 * of the configuration that runs.
 */
static int
removeall(const char *file, char *argv[], int argc)
{
	struct sysjail_info	*v;
	struct jailconf		 jc, *c = NULL;
	const char		**names;
	size_t			 i, n, nn;
	int			 k, ret = 0;

	/* The stop hooks of jails the configuration names: -f's, or the
	 * default one if there is one. */
	if (argc == 0 || file != NULL || access(DEFAULT_CONF, F_OK) == 0) {
		readconf(&jc, file);	/* its errors stop -r too */
		c = &jc;
	}
	if (argc == 0) {
		nn = jailnames(&jc, &names);
		if (nn == 0)
			errx(1, "%s: no jail", file != NULL ? file :
			    DEFAULT_CONF);
		if (sysjail_list(tool_dbdir(), &v, &n) == -1)
			err(1, "%s", tool_dbdir() != NULL ? tool_dbdir() :
			    SYSJAIL_DBDIR);
		for (i = 0; i < nn; i++)
			if (tool_jail(v, n, names[i]) != -1)
				ret |= jremove(names[i], c);
		sysjail_list_free(v, n);
		free(names);
	}
	for (k = 0; k < argc; k++) {
		if (strcmp(argv[k], "*") != 0) {
			ret |= jremove(argv[k], c);
			continue;
		}
		if (sysjail_list(tool_dbdir(), &v, &n) == -1)
			err(1, "%s", tool_dbdir() != NULL ? tool_dbdir() :
			    SYSJAIL_DBDIR);
		for (i = 0; i < n; i++)
			ret |= jremove(v[i].name, c);
		sysjail_list_free(v, n);
	}
	if (c != NULL)
		jailconf_free(c);
	return ret;
}

/* -c param=value ... [command=command ...]: one jail from the line. */
static int
fromargs(int argc, char *argv[], int iflag, int lflag, const char *username,
    int where)
{
	struct jailconf	 jc;
	const char	*name = "new jail";
	char		*arg;
	int		 i, k, ret, named = 0;

	jailconf_init(&jc);
	for (i = 0; i < argc; i++)
		if (strncmp(argv[i], "name=", 5) == 0 && argv[i][5] != '\0') {
			name = argv[i] + 5;
			named = 1;
		}
	for (i = 0; i < argc; i++) {
		if (strncmp(argv[i], "command=", 8) == 0) {
			/* The rest of the line is the command's. */
			if (jailconf_add(&jc, name, argv[i], 0) == -1)
				errx(1, "%s", jc.err);
			for (k = i + 1; k < argc; k++) {
				if (asprintf(&arg, "command+=%s", argv[k]) ==
				    -1)
					err(1, NULL);
				if (jailconf_add(&jc, name, arg, 0) == -1)
					errx(1, "%s", jc.err);
				free(arg);
			}
			break;
		}
		if (jailconf_add(&jc, name, argv[i],
		    strncmp(argv[i], "ip4.addr", 8) == 0 ||
		    strncmp(argv[i], "ip6.addr", 8) == 0) == -1)
			errx(1, "%s", jc.err);
	}
	ret = create(&jc, &name, 1, named, iflag, lflag, username, where);
	jailconf_free(&jc);
	return ret;
}

/* -c [jail ...] from the configuration; none: every jail in it. */
static int
fromconf(const char *file, int argc, char *argv[], int iflag, int lflag,
    const char *username, int where)
{
	struct jailconf	 jc;
	const char	**names;
	size_t		 n;
	int		 ret;

	readconf(&jc, file);
	if (argc > 0) {
		names = (const char **)argv;
		n = (size_t)argc;
		ret = create(&jc, names, n, 1, iflag, lflag, username, where);
	} else {
		n = jailnames(&jc, &names);
		if (n == 0)
			errx(1, "%s: no jail", file != NULL ? file :
			    DEFAULT_CONF);
		ret = create(&jc, names, n, 1, iflag, lflag, username, where);
		free(names);
	}
	jailconf_free(&jc);
	return ret;
}

static int
modern(int argc, char *argv[])
{
	const char	*file = NULL, *sep = NULL, *username = NULL;
	int		 ch, cflag = 0, rflag = 0, iflag = 0, lflag = 0;
	int		 where = -1, i;

	while ((ch = getopt(argc, argv, "+ce:f:ilru:U:")) != -1) {
		switch (ch) {
		case 'c':
			cflag = 1;
			break;
		case 'e':
			sep = optarg;
			break;
		case 'f':
			file = optarg;
			break;
		case 'i':
			iflag = 1;
			break;
		case 'l':
			lflag = 1;
			break;
		case 'r':
			rflag = 1;
			break;
		case 'u':
			if (where == SYSJAIL_USER_JAIL)
				modern_usage();
			username = optarg;
			where = SYSJAIL_USER_HOST;
			break;
		case 'U':
			if (where == SYSJAIL_USER_HOST)
				modern_usage();
			username = optarg;
			where = SYSJAIL_USER_JAIL;
			break;
		default:
			modern_usage();
		}
	}
	argc -= optind;
	argv += optind;
	if (cflag + rflag + (sep != NULL) != 1)
		modern_usage();
	if (sep != NULL) {
		if (argc != 0 || iflag || lflag || username != NULL)
			modern_usage();
		return exhibit(file, sep);
	}
	if (rflag) {
		if (iflag || lflag || username != NULL)
			modern_usage();
		return removeall(file, argv, argc);
	}
	for (i = 0; i < argc && strchr(argv[i], '=') == NULL; i++)
		continue;
	if (i == argc)
		return fromconf(file, argc, argv, iflag, lflag, username,
		    where);
	if (file != NULL)
		modern_usage();
	return fromargs(argc, argv, iflag, lflag, username, where);
}
