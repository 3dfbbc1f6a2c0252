/*
 * jls(1): list the running jails.  With no option or operand, as FreeBSD
 * 5.1-7.1 jls(8): nothing at all when no jail runs, else a header and one
 * fixed-width row per jail, newest first.  With parameters, -n, -s or -j,
 * as today's FreeBSD jls(8): one line of the parameters asked for per
 * jail, -n as name=value, -s only what jail -c takes back, -j one jail by
 * JID or name.
 */
#include <err.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "sysjail.h"
#include "tool.h"

static void __attribute__((noreturn))
usage(void)
{
	(void)fprintf(stderr,
	    "usage: jls [-ns] [-j jail] [parameter ...]\n");
	exit(1);
}

/*
 * The parameters jls shows, in the order of "all": the first is read only
 * (jail -c cannot take it, and -s leaves it out), the allow parameters
 * (tool.c) follow host.hostname's group.
 */
enum pkind { P_JID, P_NAME, P_PATH, P_HOST, P_IP4, P_IP6, P_ALLOW,
    P_MAXPROC };
static const struct {
	const char	*name;
	enum pkind	 kind;
} params[] = {
	{ "jid", P_JID }, { "name", P_NAME }, { "path", P_PATH },
	{ "host.hostname", P_HOST }, { "ip4.addr", P_IP4 },
	{ "ip6.addr", P_IP6 }, { "allow.*", P_ALLOW },
	{ "maxproc", P_MAXPROC }
};
#define NPARAMS	(sizeof(params) / sizeof(params[0]))

/* One parameter asked for: its kind and, for an allow one, its index. */
struct want {
	enum pkind	 kind;
	int		 allow;
};

/* The parameter named s, into w; 0, or -1 if jls knows no such. */
static int
lookup(const char *s, struct want *w)
{
	size_t	 i;

	for (i = 0; i < NPARAMS; i++)
		if (params[i].kind != P_ALLOW && strcmp(s, params[i].name) ==
		    0) {
			w->kind = params[i].kind;
			return 0;
		}
	/* An allow parameter, named as jail -c takes it. */
	if ((w->allow = tool_param_index(s, strlen(s), 0)) == -1)
		return -1;
	w->kind = P_ALLOW;
	return 0;
}

/* "all": every parameter, the allow ones in tool_params' order. */
static size_t
all(struct want **wv)
{
	struct want	*w;
	size_t		 i, n = 0, na;

	for (na = 0; tool_params[na].name != NULL; na++)
		continue;
	if ((w = calloc(NPARAMS + na, sizeof(*w))) == NULL)
		err(1, NULL);
	for (i = 0; i < NPARAMS; i++) {
		if (params[i].kind != P_ALLOW) {
			w[n++].kind = params[i].kind;
			continue;
		}
		for (na = 0; tool_params[na].name != NULL; na++) {
			w[n].kind = P_ALLOW;
			w[n++].allow = (int)na;
		}
	}
	*wv = w;
	return n;
}

/*
 * One parameter of jail ji: with nflag its name and '='; a boolean, as
 * FreeBSD prints it, its name or its name with "no" before the last
 * component with nflag, "true" or "false" without.  Values the jail may
 * choose (its host name) are quoted for sh(1) (tool_nvval), so that no
 * value can look like more than one.  Returns 0, or -1 if -s leaves it
 * out (read only, or unset).
 */
static int
show(const struct sysjail_info *ji, const struct want *w, int nflag,
    int sflag, int first)
{
	const char	*name = NULL, *v = NULL, *dot;
	char		 num[32];
	int		 on;

	switch (w->kind) {
	case P_JID:
		if (sflag)
			return -1;	/* jail -c chooses the JID */
		name = "jid";
		snprintf(num, sizeof(num), "%d", ji->jid);
		v = num;
		break;
	case P_NAME:
		name = "name";
		v = ji->name;
		break;
	case P_PATH:
		name = "path";
		v = ji->path;
		break;
	case P_HOST:
		name = "host.hostname";
		v = ji->hostname;
		break;
	case P_IP4:
	case P_IP6:
		name = w->kind == P_IP4 ? "ip4.addr" : "ip6.addr";
		v = w->kind == P_IP4 ? ji->ip4 : ji->ip6;
		if (v == NULL && sflag)
			return -1;	/* no address: nothing to give back */
		if (v == NULL)
			v = "";
		break;
	case P_MAXPROC:
		name = "maxproc";
		snprintf(num, sizeof(num), "%u", ji->maxproc);
		v = num;
		break;
	case P_ALLOW:
		on = tool_param_value(ji->flags, (size_t)w->allow);
		if (!first)
			putchar(' ');
		if (!nflag) {
			fputs(on ? "true" : "false", stdout);
			return 0;
		}
		name = tool_params[w->allow].shown;
		dot = strrchr(name, '.');
		dot = dot != NULL ? dot + 1 : name;
		printf("%.*s%s%s", (int)(dot - name), name, on ? "" : "no",
		    dot);
		return 0;
	}
	if (!first)
		putchar(' ');
	if (nflag)
		printf("%s=", name);
	if (!nflag && *v == '\0')
		fputs("''", stdout);	/* a column, still */
	else
		tool_nvval(stdout, v);
	return 0;
}

/* The FreeBSD 6 table: a header, then fixed-width rows. */
static void
table(const struct sysjail_info *v, size_t n)
{
	size_t	 i;
	char	 ip[16], *host, *path;

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
}

int
main(int argc, char *argv[])
{
	struct sysjail_info	*v;
	struct want		*w = NULL;
	const char		*jail = NULL;
	size_t			 i, k, n, nw = 0, lo, hi;
	int			 ch, nflag = 0, sflag = 0, first, j;

	while ((ch = getopt(argc, argv, "j:ns")) != -1) {
		switch (ch) {
		case 'j':
			jail = optarg;
			break;
		case 'n':
			nflag = 1;
			break;
		case 's':
			sflag = nflag = 1;
			break;
		default:
			usage();
		}
	}
	argc -= optind;
	argv += optind;
	if (argc == 0 && nflag)
		nw = all(&w);
	for (j = 0; j < argc; j++) {
		if (strcmp(argv[j], "all") == 0) {
			free(w);
			nw = all(&w);
			break;
		}
		if ((w = reallocarray(w, nw + 1, sizeof(*w))) == NULL)
			err(1, NULL);
		if (lookup(argv[j], &w[nw]) == -1)
			errx(1, "unknown parameter: %s", argv[j]);
		nw++;
	}
	if (sysjail_list(tool_dbdir(), &v, &n) == -1)
		err(1, "%s", tool_dbdir() != NULL ? tool_dbdir() :
		    SYSJAIL_DBDIR);
	lo = 0;
	hi = n;
	if (jail != NULL) {
		if ((j = tool_jail(v, n, jail)) == -1)
			errx(1, "jail \"%s\" not found", jail);
		lo = (size_t)j;
		hi = lo + 1;
	}
	if (nw == 0)
		table(v + lo, hi - lo);
	for (i = lo; nw > 0 && i < hi; i++) {
		for (k = 0, first = 1; k < nw; k++)
			if (show(&v[i], &w[k], nflag, sflag, first) == 0)
				first = 0;
		putchar('\n');
	}
	free(w);
	sysjail_list_free(v, n);
	return fflush(stdout) == EOF ? 1 : 0;
}
