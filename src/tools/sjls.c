/*
 * sjls(1): list the running jails with everything the registry and the
 * supervisors know: addresses, parameters, start time, processes, and the
 * supervisor's live counts of answered and refused system calls.
 */
#include <err.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "sysjail.h"
#include "tool.h"

enum format { TEXT, NV, JSON };

static void __attribute__((noreturn))
usage(void)
{
	(void)fprintf(stderr, "usage: sjls [-hv] [-j dbdir] [-o format] "
	    "[jid | name | hostname ...]\n");
	exit(1);
}

static void __attribute__((noreturn))
help(void)
{
	printf("usage: sjls [-hv] [-j dbdir] [-o format] "
	    "[jid | name | hostname ...]\n"
	    "\n"
	    "  -h         this help\n"
	    "  -j dbdir   the jail database (default " SYSJAIL_DBDIR ")\n"
	    "  -o format  text (default), nv (name=value) or json\n"
	    "  -v         print the version\n");
	exit(0);
}

/* The text form's value: control bytes escaped. */
static void
textval(const char *v)
{
	char	*e = tool_vis(v);

	fputs(e, stdout);
	free(e);
}

/* A comma-separated list (or NULL) as a JSON array of strings. */
static void
jsonlist(const char *csv)
{
	char	 buf[64];
	size_t	 n;
	int	 first = 1;

	putchar('[');
	while (csv != NULL && *csv != '\0') {
		n = strcspn(csv, ",");
		snprintf(buf, sizeof(buf), "%.*s", (int)n, csv);
		printf("%s", first ? "" : ", ");
		tool_jsonstr(stdout, buf);
		first = 0;
		csv += n + (csv[n] == ',');
	}
	putchar(']');
}

static void
show(const char *dbdir, const struct sysjail_info *ji, enum format fmt,
    int first)
{
	struct sysjail_callstat	*cs = NULL;
	pid_t			*pv = NULL;
	size_t			 np = 0, nc = 0, i;
	char			 when[64];
	struct tm		 tm;
	time_t			 t = (time_t)ji->started;
	long long		 drops;

	if (sysjail_procs(ji, &pv, &np) == -1)
		warn("jail %d: processes", ji->jid);
	(void)sysjail_callstats(dbdir, ji->jid, &cs, &nc);
	gmtime_r(&t, &tm);
	strftime(when, sizeof(when), "%Y-%m-%dT%H:%M:%SZ", &tm);

	switch (fmt) {
	case TEXT:
		if (!first)
			putchar('\n');
		printf("JID %d: ", ji->jid);
		textval(ji->hostname);
		printf("\n  name         ");
		textval(ji->name);
		printf("\n  path         ");
		textval(ji->path);
		printf("\n  ip4          ");
		textval(ji->ip4 ? ji->ip4 : "-");
		printf("\n  ip6          ");
		textval(ji->ip6 ? ji->ip6 : "-");
		putchar('\n');
		printf("  parameters  ");
		for (i = 0; tool_params[i].name != NULL; i++)
			printf(" %s=%d", tool_params[i].shown,
			    tool_param_value(ji->flags, i));
		if (ji->maxproc)
			printf("\n  maxproc      %u", ji->maxproc);
		else
			printf("\n  maxproc      none");
		printf("\n  started      %s\n", when);
		printf("  supervisor   %d\n", (int)ji->supervisor);
		printf("  command      ");
		textval(ji->command);
		putchar('\n');
		printf("  processes    %zu:", np);
		for (i = 0; i < np; i++)
			printf(" %d", (int)pv[i]);
		if ((drops = sysjail_netdrops(ji)) >= 0)
			printf("\n  net dropped  %lld", drops);
		printf("\n  calls       ");
		if (nc == 0)
			printf(" none");
		for (i = 0; i < nc; i++)
			printf("%s %s%s%s %llu (refused %llu)", i ? "," : "",
			    cs[i].name, strcmp(cs[i].abi, "x86_64") ? "/" : "",
			    strcmp(cs[i].abi, "x86_64") ? cs[i].abi : "",
			    cs[i].calls, cs[i].refused);
		putchar('\n');
		break;
	case NV:
		printf("jid=%d name=", ji->jid);
		tool_nvval(stdout, ji->name);
		printf(" host.hostname=");
		tool_nvval(stdout, ji->hostname);
		printf(" path=");
		tool_nvval(stdout, ji->path);
		printf(" ip4.addr=");
		tool_nvval(stdout, ji->ip4 ? ji->ip4 : "");
		printf(" ip6.addr=");
		tool_nvval(stdout, ji->ip6 ? ji->ip6 : "");
		for (i = 0; tool_params[i].name != NULL; i++)
			printf(" %s=%d", tool_params[i].shown,
			    tool_param_value(ji->flags, i));
		printf(" started=%s supervisor=%d maxproc=%u processes=", when,
		    (int)ji->supervisor, ji->maxproc);
		for (i = 0; i < np; i++)
			printf("%s%d", i ? "," : "", (int)pv[i]);
		for (i = 0; i < nc; i++)
			printf(" calls.%s.%s=%llu,%llu", cs[i].abi, cs[i].name,
			    cs[i].calls, cs[i].refused);
		printf(" command=");
		tool_nvval(stdout, ji->command);
		putchar('\n');
		break;
	case JSON:
		printf("%s\n    {\"jid\": %d, \"name\": ", first ? "" : ",",
		    ji->jid);
		tool_jsonstr(stdout, ji->name);
		printf(", \"hostname\": ");
		tool_jsonstr(stdout, ji->hostname);
		printf(", \"path\": ");
		tool_jsonstr(stdout, ji->path);
		printf(", \"ip4\": ");
		jsonlist(ji->ip4);
		printf(", \"ip6\": ");
		jsonlist(ji->ip6);
		printf(", \"parameters\": {");
		for (i = 0; tool_params[i].name != NULL; i++)
			printf("%s\"%s\": %d", i ? ", " : "",
			    tool_params[i].shown,
			    tool_param_value(ji->flags, i));
		printf(", \"maxproc\": %u", ji->maxproc);
		printf("}, \"started\": \"%s\", \"supervisor\": %d, "
		    "\"command\": ", when, (int)ji->supervisor);
		tool_jsonstr(stdout, ji->command);
		printf(", \"processes\": [");
		for (i = 0; i < np; i++)
			printf("%s%d", i ? ", " : "", (int)pv[i]);
		printf("], \"calls\": [");
		for (i = 0; i < nc; i++)
			printf("%s{\"abi\": \"%s\", \"syscall\": \"%s\", "
			    "\"answered\": %llu, \"refused\": %llu}",
			    i ? ", " : "", cs[i].abi, cs[i].name, cs[i].calls,
			    cs[i].refused);
		printf("]}");
		break;
	}
	free(pv);
	free(cs);
}

int
main(int argc, char *argv[])
{
	struct sysjail_info	*v;
	const char		*dbdir = NULL;
	enum format		 fmt = TEXT;
	size_t			 i, n, shown = 0;
	int			 ch, j, rc = 0, *found;

	while ((ch = getopt(argc, argv, "hj:o:v")) != -1) {
		switch (ch) {
		case 'h':
			help();
		case 'j':
			dbdir = optarg;
			break;
		case 'o':
			if (strcmp(optarg, "text") == 0)
				fmt = TEXT;
			else if (strcmp(optarg, "nv") == 0)
				fmt = NV;
			else if (strcmp(optarg, "json") == 0)
				fmt = JSON;
			else
				errx(1, "%s: unknown format (text, nv, json)",
				    optarg);
			break;
		case 'v':
			printf("sjls %s\n", SYSJAIL_VERSION);
			return 0;
		default:
			usage();
		}
	}
	argc -= optind;
	argv += optind;
	if (dbdir == NULL)
		dbdir = tool_dbdir();
	if (sysjail_list(dbdir, &v, &n) == -1)
		err(1, "%s", dbdir ? dbdir : SYSJAIL_DBDIR);
	if ((found = calloc((size_t)argc + 1, sizeof(*found))) == NULL)
		err(1, NULL);
	if (fmt == JSON)
		printf("{\"jails\": [");
	for (i = 0; i < n; i++) {
		int	 want = argc == 0;

		for (j = 0; j < argc; j++)
			if (tool_matches(&v[i], argv[j]))
				want = found[j] = 1;
		if (!want)
			continue;
		show(dbdir, &v[i], fmt, shown == 0);
		shown++;
	}
	if (fmt == JSON)
		printf("%s]}\n", shown ? "\n" : "");
	for (j = 0; j < argc; j++)
		if (!found[j]) {
			warnx("%s: no such jail", argv[j]);
			rc = 1;
		}
	free(found);
	sysjail_list_free(v, n);
	return rc;
}
