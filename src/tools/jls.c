/*
 * jls(1): list the running jails, as FreeBSD 5.1-7.1 jls(8): no options,
 * nothing at all when no jail runs, else a header and one fixed-width row
 * per jail, newest first.
 */
#include <err.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sysjail.h"
#include "tool.h"

static void __attribute__((noreturn))
usage(void)
{
	(void)fprintf(stderr, "usage: jls\n");
	exit(1);
}

int
main(int argc, char *argv[])
{
	struct sysjail_info	*v;
	size_t			 i, n;
	char			 ip[16], *host, *path;

	(void)argv;
	if (argc != 1)
		usage();
	if (sysjail_list(NULL, &v, &n) == -1)
		err(1, "%s", SYSJAIL_DBDIR);
	if (n > 0)
		printf("   JID  IP Address      Hostname"
		    "                      Path\n");
	for (i = 0; i < n; i++) {
		/* FreeBSD 6 jails have one address: show the first. */
		snprintf(ip, sizeof(ip), "%.*s", v[i].ip4 ?
		    (int)strcspn(v[i].ip4, ",") : 1, v[i].ip4 ? v[i].ip4 : "-");
		/* The jail sets its host name and owns its path's bytes. */
		host = tool_vis(v[i].hostname);
		path = tool_vis(v[i].path);
		printf("%6d  %-15.15s %-29.29s %.74s\n", v[i].jid, ip, host,
		    path);
		free(host);
		free(path);
	}
	sysjail_list_free(v, n);
	return 0;
}
