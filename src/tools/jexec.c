/*
 * jexec(1): run a command in a running jail, as FreeBSD 6.x jexec(8); the
 * jail named by its JID or, as today's FreeBSD jexec(8), by its name.
 */
#include <sys/wait.h>

#include <err.h>
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "sysjail.h"
#include "tool.h"

extern char	**environ;

static struct sysjail	*jail;

static void __attribute__((noreturn))
usage(void)
{
	(void)fprintf(stderr,
	    "usage: jexec [-u username | -U username] jail command ...\n");
	exit(1);
}

int
main(int argc, char *argv[])
{
	struct sysjail_info	*v;
	const char		*username = NULL;
	char			*end;
	size_t			 n;
	long			 jid;
	int			 ch, uflag = 0, Uflag = 0, status, i;

	while ((ch = getopt(argc, argv, "+u:U:")) != -1) {
		switch (ch) {
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
	if (argc < 2 || (uflag && Uflag))
		usage();
	jid = strtol(argv[0], &end, 10);
	if (*argv[0] != '\0' && *end == '\0') {
		/* Digits (or a sign): a JID. */
		if (jid <= 0 || jid > 65535)
			errx(1, "%s: not a jail identifier", argv[0]);
	} else {
		/* Anything else: a name. */
		if (sysjail_list(tool_dbdir(), &v, &n) == -1)
			err(1, "%s", tool_dbdir() != NULL ? tool_dbdir() :
			    SYSJAIL_DBDIR);
		if ((i = tool_jail(v, n, argv[0])) == -1)
			errx(1, "jail \"%s\" not found", argv[0]);
		jid = v[i].jid;
		sysjail_list_free(v, n);
	}

	if ((jail = sysjail_create()) == NULL)
		err(1, "sysjail_create");
	if (tool_dbdir() != NULL && sysjail_set_dbdir(jail, tool_dbdir()) == -1)
		errx(1, "%s", sysjail_errmsg(jail));
	if (sysjail_attach(jail, (int)jid) == -1)
		errx(1, "%s", sysjail_errmsg(jail));
	if (username != NULL && sysjail_set_user(jail, username,
	    uflag ? SYSJAIL_USER_HOST : SYSJAIL_USER_JAIL) == -1)
		errx(1, "%s", sysjail_errmsg(jail));
	if (sysjail_start(jail, argv + 1, environ) == -1)
		errx(1, "%s", sysjail_errmsg(jail));
	tool_pass_signals(jail);
	status = tool_wait(jail);
	sysjail_free(jail);
	return status;
}
