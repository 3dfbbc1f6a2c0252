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
	FILE			*fp = NULL;
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
	if (jidfile != NULL && (fp = fopen(jidfile, "w")) == NULL)
		errx(1, "Could not create JidFile: %s", jidfile);

	if (sysjail_start(jail, argv + 3, environ) == -1) {
		if (fp != NULL) {
			fclose(fp);
			unlink(jidfile);
		}
		errx(1, "%s", sysjail_errmsg(jail));
	}
	tool_pass_signals(jail);
	if (iflag) {
		printf("%d\n", sysjail_jid(jail));
		fflush(stdout);
	}
	if (fp != NULL) {
		char	*rp = realpath(argv[0], NULL);

		fprintf(fp, "%d\t%s\t%s\t%s\t%s\n", sysjail_jid(jail),
		    rp != NULL ? rp : argv[0], argv[1], argv[2], argv[3]);
		free(rp);
		if (fclose(fp) == EOF)
			warnx("Could not write JidFile: %s", jidfile);
	}
	status = tool_wait(jail);
	if (fp != NULL)
		(void)unlink(jidfile);	/* the command has ended */
	sysjail_free(jail);
	return status;
}
