/*
 * jail(1): imprison a command, as FreeBSD 6.x jail(8).
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
	(void)fprintf(stderr, "%s%s\n",
	    "usage: jail [-i] [-J jid_file] [-l -u username | -U username]",
	    " path hostname ip-number command ...");
	exit(1);
}

int
main(int argc, char *argv[])
{
	const char		*jidfile = NULL, *username = NULL;
	struct tool_jidfile	 jf = { .fd = -1 };
	int			 ch, iflag = 0, lflag = 0, uflag = 0, Uflag = 0;
	int			 status;

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
		tool_jidfile_open(&jf, jidfile);

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
