/*
 * sysjail(1): imprison a command; the superset of jail(1), with sysjail's
 * own option letters, address lists, allow parameters, logging and audit.
 */
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>

#include <arpa/inet.h>
#include <err.h>
#include <errno.h>
#include <fcntl.h>
#include <paths.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "sysjail.h"
#include "tool.h"

extern char	**environ;

static struct sysjail	*jail;

#define DEBUGFD	3	/* -dd's call log, if the caller opened it */

#define USAGE1	"usage: sysjail [-bdhilv] [-4 ipv4] [-6 ipv6] [-a param[=value]]"
#define USAGE2	"               [-A auditlog] [-j dbdir] [-J jid_file] [-n name]"
#define USAGE3	"               [-u username | -U username] path hostname command ..."
#define USAGE4	"       sysjail -C [-j dbdir]"
#define USAGE5	"       sysjail -V"

static void __attribute__((noreturn))
usage(void)
{
	(void)fprintf(stderr, "%s\n%s\n%s\n%s\n%s\n", USAGE1, USAGE2,
	    USAGE3, USAGE4, USAGE5);
	exit(1);
}

/*
 * -V: the host report.  Every mechanism a jail is built from, what this
 * host has of it, and what a jail lacks without it.  Exits 1 if a jail
 * cannot start here.
 */
static void __attribute__((noreturn))
hostreport(void)
{
	struct sysjail_hostcap	*v;
	size_t			 n, i;
	int			 fatal = 0;

	if (sysjail_hostinfo(&v, &n) == -1)
		err(1, "sysjail_hostinfo");
	printf("sysjail %s: the mechanisms a jail is built from, on this "
	    "host\n", SYSJAIL_VERSION);
	for (i = 0; i < n; i++) {
		if (v[i].have)
			printf("%-22s %s\n", v[i].name, v[i].state);
		else
			printf("%-22s %-8s %s%s\n", v[i].name, v[i].state,
			    v[i].required ? "MISSING: " : "without it: ",
			    v[i].cost);
		if (!v[i].have && v[i].required)
			fatal = 1;
	}
	printf("%s\n", fatal ? "A jail cannot start on this host." :
	    "A jail can start on this host.");
	free(v);
	exit(fatal);
}

static void __attribute__((noreturn))
help(void)
{
	printf("%s\n%s\n%s\n%s\n%s\n\n", USAGE1, USAGE2, USAGE3, USAGE4,
	    USAGE5);
	printf(
"  -4 ipv4       an IPv4 address of the jail; the first is the one\n"
"                0.0.0.0 and 127.0.0.0/8 become (repeatable)\n"
"  -6 ipv6       an IPv6 address of the jail, likewise (repeatable)\n"
"  -a param[=v]  set_hostname (1), sysvipc (0), mount.procfs (0),\n"
"                raw_sockets (0), mount.devfs (1), ptys (1), setuid (1);\n"
"                maxproc=N (1024; 0: no limit)\n"
"  -A auditlog   log every refused call to this file, or to syslog\n"
"  -b            run in the background, standard streams on /dev/null\n"
"  -C            reclaim the jails whose machinery was killed: end what\n"
"                is left of them, remove their cgroups and records\n"
"  -d            debug: once warnings, twice every intercepted call\n"
"  -h            this help\n"
"  -i            print the new jail's identifier\n"
"  -j dbdir      the jail database (default " SYSJAIL_DBDIR ")\n"
"  -J jid_file   write the jail's identifier and parameters to a file\n"
"  -l            a clean environment for the user (with -u or -U)\n"
"  -n name       the jail's name, unique among the running jails\n"
"  -u username   run as this user of the host's password database\n"
"  -U username   run as this user of the jail's password database\n"
"  -v            print the version\n"
"  -V            the host report: each kernel mechanism a jail uses,\n"
"                whether this host has it, and what its absence costs\n");
	exit(0);
}

/* -a param[=value]: FreeBSD's allow.* and mount.* parameters (tool.c). */
static void
param(const char *arg, unsigned int *flags)
{
	size_t	 len = strlen(arg) + 256;
	char	*msg;

	if ((msg = malloc(len)) == NULL)
		err(1, NULL);
	if (tool_param(arg, flags, msg, len) == -1)
		errx(1, "%s", msg);
	free(msg);
}

/* -a maxproc=N: the most processes and threads at once; 0, no limit. */
static int
maxproc(const char *arg)
{
	unsigned long	 n = 0;
	char		*end = NULL;

	if (strncmp(arg, "maxproc", 7) != 0 || (arg[7] != '\0' &&
	    arg[7] != '='))
		return 0;
	errno = 0;
	if (arg[7] == '=' && arg[8] >= '0' && arg[8] <= '9')
		n = strtoul(arg + 8, &end, 10);
	if (end == NULL || *end != '\0' || errno != 0 || n > 0x7fffffff)
		errx(1, "%s: the value must be a number of processes", arg);
	if (sysjail_set_maxproc(jail, (unsigned int)n) == -1)
		errx(1, "%s", sysjail_errmsg(jail));
	return 1;
}

/*
 * -b: the caller returns once the jail has started (or failed), with the
 * jail's identifier on its standard output for -i; the jail is left to a
 * child in a session of its own, with /dev/null for standard streams.
 */
static int
background(int *report)
{
	int	 p[2], fd, jid;
	ssize_t	 n;
	char	 msg[512];
	pid_t	 pid;

	if (pipe(p) == -1)
		err(1, "pipe");
	if ((pid = fork()) == -1)
		err(1, "fork");
	if (pid > 0) {
		close(p[1]);
		n = read(p[0], msg, sizeof(msg) - 1);
		if (n <= 0)
			errx(1, "the jail did not start");
		msg[n] = '\0';
		if (sscanf(msg, "jid %d", &jid) != 1)
			errx(1, "%s", msg);
		return jid;
	}
	close(p[0]);
	fcntl(p[1], F_SETFD, FD_CLOEXEC);
	if (setsid() == -1 || (fd = open(_PATH_DEVNULL, O_RDWR)) == -1 ||
	    dup2(fd, 0) == -1 || dup2(fd, 1) == -1 || dup2(fd, 2) == -1) {
		snprintf(msg, sizeof(msg), "detaching: %s", strerror(errno));
		(void)write(p[1], msg, strlen(msg));
		_exit(1);
	}
	if (fd > 2)
		close(fd);
	*report = p[1];
	return 0;
}

/* Whether the kernel has Landlock, for -d's warnings. */
static int
landlock(void)
{
	return syscall(SYS_landlock_create_ruleset, NULL, 0, 1) > 0;
}

/* The command line, as getopt(3) reads it. */
struct opts {
	const char	*jidfile;	/* -J */
	const char	*username;	/* -u or -U */
	const char	*dbdir;		/* -j */
	const char	*audit;		/* -A */
	const char	*ip4;		/* the first -4 */
	unsigned int	 flags;		/* -a's, and -l */
	int		 bflag, Cflag, dflag, iflag, lflag, uflag, Uflag;
	int		 naddr;		/* -4 and -6 */
	int		 jailopt;	/* an option for a jail to start */
	int		 debugfd;	/* DEBUGFD was open at the start */
};

/*
 * The options, into o; the addresses and -a maxproc go to the jail as
 * they come.  -h, -v and -V end here.  Returns optind.
 */
static int
options(int argc, char *argv[], struct opts *o)
{
	struct in_addr	 a4;
	struct in6_addr	 a6;
	int		 ch;

	while ((ch = getopt(argc, argv, "+4:6:a:A:bCdhij:J:ln:u:U:vV")) != -1) {
		switch (ch) {
		case '4':
			if (inet_pton(AF_INET, optarg, &a4) != 1)
				errx(1, "Could not make sense of ipv4: %s",
				    optarg);
			if (sysjail_add_addr(jail, optarg) == -1)
				errx(1, "%s", sysjail_errmsg(jail));
			if (o->ip4 == NULL)
				o->ip4 = optarg;
			o->naddr++;
			break;
		case '6':
			if (inet_pton(AF_INET6, optarg, &a6) != 1)
				errx(1, "Could not make sense of ipv6: %s",
				    optarg);
			if (sysjail_add_addr(jail, optarg) == -1)
				errx(1, "%s", sysjail_errmsg(jail));
			o->naddr++;
			break;
		case 'a':
			if (!maxproc(optarg))
				param(optarg, &o->flags);
			break;
		case 'A':
			o->audit = optarg;
			break;
		case 'b':
			o->bflag = 1;
			break;
		case 'C':
			o->Cflag = 1;
			break;
		case 'd':
			o->dflag++;
			break;
		case 'h':
			help();
		case 'i':
			o->iflag = 1;
			break;
		case 'j':
			o->dbdir = optarg;
			break;
		case 'J':
			o->jidfile = optarg;
			break;
		case 'l':
			o->lflag = 1;
			break;
		case 'n':
			if (sysjail_set_name(jail, optarg) == -1)
				errx(1, "%s", sysjail_errmsg(jail));
			break;
		case 'u':
			o->username = optarg;
			o->uflag = 1;
			break;
		case 'U':
			o->username = optarg;
			o->Uflag = 1;
			break;
		case 'v':
			printf("sysjail %s\n", SYSJAIL_VERSION);
			exit(0);
		case 'V':
			hostreport();
		default:
			usage();
		}
		if (ch != 'C' && ch != 'j')
			o->jailopt = 1;
	}
	if (o->dbdir == NULL)
		o->dbdir = tool_dbdir();	/* as jls, jexec and jail read */
	return optind;
}

/*
 * The audit log: a regular file, appended to, found as the jail would
 * find it if it is in the jail's tree (root), never through a link at its
 * name, and never a FIFO or device a previous jail left there.
 */
static int
auditlog(const char *path, const char *root)
{
	struct stat	 sb;
	int		 fd;

	if ((fd = tool_open_in(root, path, O_WRONLY | O_APPEND | O_CREAT |
	    O_CLOEXEC | O_NOCTTY | O_NOFOLLOW | O_NONBLOCK, 0600)) == -1)
		err(1, "%s", path);
	if (fstat(fd, &sb) == -1)
		err(1, "%s", path);
	if (!S_ISREG(sb.st_mode))
		errx(1, "%s: not a regular file", path);
	if (fcntl(fd, F_SETFL, O_APPEND) == -1)
		err(1, "%s", path);
	return fd;
}

/* One destination for the call log: the audit log, else -dd's stderr. */
static void
logging(const struct opts *o, const char *root)
{
	unsigned int	 logwhat = 0;
	int		 logfd = -1;

	if (o->audit != NULL) {
		logwhat = SYSJAIL_LOG_REFUSED | (o->dflag > 1 ?
		    SYSJAIL_LOG_CALLS : 0);
		if (strcmp(o->audit, "syslog") == 0)
			logwhat |= SYSJAIL_LOG_SYSLOG;
		else
			logfd = auditlog(o->audit, root);
	} else if (o->dflag > 1 && !o->bflag) {
		/*
		 * The jail's command writes to the standard error too, and
		 * could print lines that look like these: descriptor 3, if
		 * the caller opened it, is one no jail receives (a jailed
		 * command gets 0, 1 and 2 only).
		 */
		logwhat = SYSJAIL_LOG_CALLS;
		if (o->debugfd)
			logfd = DEBUGFD;
		else {
			logfd = STDERR_FILENO;
			warnx("-dd: the call log shares the standard error "
			    "with the jail, which can forge its lines; open "
			    "descriptor %d for it", DEBUGFD);
		}
	}
	if (logwhat != 0 && sysjail_set_log(jail, logfd, logwhat) == -1)
		errx(1, "%s", sysjail_errmsg(jail));
	if (logfd > STDERR_FILENO)
		close(logfd);
}

/*
 * The jail made from the options and the operands path and hostname
 * (argv[0], argv[1]), not yet started; -d's warnings.
 */
static void
prepare(struct opts *o, char *argv[])
{
	if (sysjail_set_path(jail, argv[0]) == -1 ||
	    sysjail_set_hostname(jail, argv[1]) == -1)
		errx(1, "%s", sysjail_errmsg(jail));
	if (o->username != NULL && sysjail_set_user(jail, o->username,
	    o->uflag ? SYSJAIL_USER_HOST : SYSJAIL_USER_JAIL) == -1)
		errx(1, "%s", sysjail_errmsg(jail));
	if (o->lflag)
		o->flags |= SYSJAIL_LOGIN;
	if (sysjail_set_flags(jail, o->flags) == -1 ||
	    (o->dbdir != NULL && sysjail_set_dbdir(jail, o->dbdir) == -1))
		errx(1, "%s", sysjail_errmsg(jail));
	logging(o, argv[0]);
	if (o->dflag > 0) {
		if (o->naddr == 0)
			warnx("no address: the jail has no network");
		if (!landlock())
			warnx("no Landlock in this kernel: its backstops are "
			    "missing");
		if (strcmp(argv[0], "/") == 0)
			warnx("the jail's root is the host's /");
	}
}

/*
 * -C: the dead jails of the registry reclaimed, as every start does first;
 * one line says how many, if any.
 */
static void __attribute__((noreturn))
reclaim(const struct opts *o, int argc)
{
	int	 n;

	if (argc != 0 || o->jailopt)
		usage();
	if ((n = sysjail_reclaim(o->dbdir)) == -1)
		err(1, "%s", o->dbdir != NULL ? o->dbdir : SYSJAIL_DBDIR);
	if (n > 0)
		printf("reclaimed %d jail%s whose machinery was gone\n", n,
		    n == 1 ? "" : "s");
	exit(0);
}

/* -J's record: jid, path, host name, first IPv4 address, command. */
static void
jidrecord(struct tool_jidfile *jf, const struct opts *o, char *argv[])
{
	char	*rp = realpath(argv[0], NULL), *rec;

	if (asprintf(&rec, "%d\t%s\t%s\t%s\t%s\n", sysjail_jid(jail),
	    rp ? rp : argv[0], argv[1], o->ip4 ? o->ip4 : "", argv[2]) == -1)
		err(1, NULL);
	tool_jidfile_write(jf, rec);
	free(rec);
	free(rp);
}

/*
 * Starts the jail on argv[2] ... (in the background with -b) and waits
 * for its command: the command's status.
 */
static int
run(const struct opts *o, char *argv[])
{
	struct tool_jidfile	 jf = { .fd = -1 };
	int			 report = -1, jid, status;
	char			 msg[512];

	if (o->jidfile != NULL)
		tool_jidfile_open(&jf, o->jidfile, argv[0]);
	if (o->bflag && (jid = background(&report)) > 0) {
		/* The caller's part of -b: the jail runs on in the child. */
		tool_jidfile_close(&jf, 0);	/* the child writes it */
		if (o->iflag)
			printf("%d\n", jid);
		exit(0);
	}

	if (sysjail_start(jail, argv + 2, environ) == -1) {
		tool_jidfile_close(&jf, 1);
		if (report != -1) {
			(void)write(report, sysjail_errmsg(jail),
			    strlen(sysjail_errmsg(jail)));
			_exit(1);
		}
		errx(1, "%s", sysjail_errmsg(jail));
	}
	tool_pass_signals(jail);
	if (o->jidfile != NULL)
		jidrecord(&jf, o, argv);
	if (report != -1) {
		snprintf(msg, sizeof(msg), "jid %d", sysjail_jid(jail));
		(void)write(report, msg, strlen(msg));
		close(report);
	} else if (o->iflag) {
		printf("%d\n", sysjail_jid(jail));
		fflush(stdout);
	}
	if (o->dflag > 0 && report == -1)
		warnx("jail %d started: %s", sysjail_jid(jail), argv[2]);
	status = tool_wait(jail);
	tool_jidfile_close(&jf, 1);	/* the command has ended */
	return status;
}

int
main(int argc, char *argv[])
{
	struct opts	 o;
	int		 status;

	memset(&o, 0, sizeof(o));
	/* Before any descriptor of ours can take the number. */
	o.debugfd = fcntl(DEBUGFD, F_GETFD) != -1;
	if ((jail = sysjail_create()) == NULL)
		err(1, "sysjail_create");
	argc -= options(argc, argv, &o);
	argv += optind;
	if (o.Cflag)
		reclaim(&o, argc);
	if (argc < 3 || (o.uflag && o.Uflag) || (o.lflag && o.username ==
	    NULL))
		usage();
	prepare(&o, argv);
	status = run(&o, argv);
	sysjail_free(jail);
	return status;
}
