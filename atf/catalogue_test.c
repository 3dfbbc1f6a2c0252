/*
 * catalogue_test: every row of the conformance catalogue, for each ABI and
 * mode, as a test case of its own: sjtest(1) runs the row's fixture and
 * judges that row, against the built sysjail(1) and jail(1) or, without a
 * build tree, the installed ones.
 *
 * The cases are registered at run time from `sjtest -l`, one per line
 * "fixture:check abi mode"; a case's name is that line with every character
 * other than a letter, digit or underscore made an underscore, and two
 * underscores between the three words.  atf-c, unlike atf-sh, registers
 * thousands of cases in no time.
 *
 * The race fixtures, those whose name ends in "race", are left to
 * adversarial_test, which runs each whole, jailed and bare, as root: a
 * race of 100,000 rounds or more per row and mode would cost the suite
 * several minutes for each of their rows.
 */
#include <sys/stat.h>
#include <sys/wait.h>

#include <atf-c.h>
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

struct row {
	char	*name;		/* the case's identifier */
	char	*test;		/* fixture:check */
	char	*abi;
	char	*mode;
};

static struct row	*rows;
static size_t		 nrows;
static const char	*sjtest, *sysjail, *cases, *catalogue;

/* The build tree's programs if it is there, else the installed ones. */
static void
paths(void)
{
	struct stat	 sb;

	if (stat(BUILDDIR "/src/sysjail", &sb) == 0) {
		sysjail = BUILDDIR "/src/sysjail";
		sjtest = BUILDDIR "/sjtest/sjtest";
		cases = BUILDDIR "/cases";
		catalogue = SRCDIR "/cases/catalogue";
	} else {
		sysjail = BINDIR "/sysjail";
		sjtest = BINDIR "/sjtest";
		cases = PKGLIBEXECDIR "/cases";
		catalogue = PKGDATADIR "/catalogue";
	}
}

static const struct row *
lookup(const char *name)
{
	size_t	 i;

	for (i = 0; i < nrows; i++)
		if (strcmp(rows[i].name, name) == 0)
			return &rows[i];
	return NULL;
}

static void
head(atf_tc_t *tc)
{
	const struct row *r = lookup(atf_tc_get_ident(tc));
	char		  descr[256];

	if (r != NULL) {
		snprintf(descr, sizeof(descr), "%s on %s, %s", r->test, r->abi,
		    r->mode);
		atf_tc_set_md_var(tc, "descr", "%s", descr);
	}
	atf_tc_set_md_var(tc, "require.user", "root");
	atf_tc_set_md_var(tc, "timeout", "300");
}

/*
 * sjtest exits 0 (pass), 1 (fail) or 3 (skipped: the row cannot be checked
 * on this host, for the reason on its line "sjtest: skipped: why", which
 * becomes the case's).  Its output is copied to ours as it comes.
 */
static void
body(const atf_tc_t *tc)
{
	const struct row *r = lookup(atf_tc_get_ident(tc));
	static const char tag[] = "sjtest: skipped: ";
	char		  line[1024], why[512] = "no reason given";
	FILE		 *f;
	pid_t		  pid;
	int		  st, p[2];

	if (r == NULL)
		atf_tc_fail("%s: not in the catalogue", atf_tc_get_ident(tc));
	fflush(stdout);
	if (pipe(p) == -1 || (pid = fork()) == -1)
		atf_tc_fail("pipe or fork failed");
	if (pid == 0) {
		close(p[0]);
		dup2(p[1], 1);
		dup2(p[1], 2);
		execl(sjtest, sjtest, "-v", "-p", sysjail, "-s", cases, "-c",
		    catalogue, "-a", r->abi, "-m", r->mode, r->test,
		    (char *)NULL);
		_exit(127);
	}
	close(p[1]);
	if ((f = fdopen(p[0], "r")) == NULL)
		atf_tc_fail("fdopen failed");
	while (fgets(line, sizeof(line), f) != NULL) {
		fputs(line, stdout);
		if (strncmp(line, tag, sizeof(tag) - 1) == 0)
			snprintf(why, sizeof(why), "%.*s",
			    (int)strcspn(line + sizeof(tag) - 1, "\n"),
			    line + sizeof(tag) - 1);
	}
	fclose(f);
	fflush(stdout);
	if (waitpid(pid, &st, 0) != pid || !WIFEXITED(st))
		atf_tc_fail("sjtest did not exit normally");
	switch (WEXITSTATUS(st)) {
	case 0:
		break;
	case 3:
		atf_tc_skip("%s", why);
	default:
		atf_tc_fail("%s %s %s: observed differs from the catalogue",
		    r->test, r->abi, r->mode);
	}
}

static char *
xstrdup(const char *s)
{
	char	*p;

	if ((p = strdup(s)) == NULL)
		abort();
	return p;
}

/* Reads `sjtest -l`; an error leaves no cases, which kyua reports. */
static void
load(void)
{
	char	 cmd[4096], line[512], test[256], abi[32], mode[32], *p;
	FILE	*f;

	snprintf(cmd, sizeof(cmd), "'%s' -l -c '%s' 2>/dev/null", sjtest,
	    catalogue);
	if ((f = popen(cmd, "r")) == NULL)
		return;
	while (fgets(line, sizeof(line), f) != NULL) {
		if (sscanf(line, "%255s %31s %31s", test, abi, mode) != 3)
			continue;
		if ((p = strchr(test, ':')) != NULL && p - test >= 4 &&
		    strncmp(p - 4, "race", 4) == 0)
			continue;	/* adversarial_test's */
		if ((rows = realloc(rows, (nrows + 1) * sizeof(*rows))) == NULL)
			abort();
		snprintf(line, sizeof(line), "%s__%s__%s", test, abi, mode);
		for (p = line; *p != '\0'; p++)
			if (!isalnum((unsigned char)*p) && *p != '_')
				*p = '_';
		rows[nrows].name = xstrdup(line);
		rows[nrows].test = xstrdup(test);
		rows[nrows].abi = xstrdup(abi);
		rows[nrows].mode = xstrdup(mode);
		nrows++;
	}
	pclose(f);
}

ATF_TP_ADD_TCS(tp)
{
	char		**config;
	atf_tc_t	 *tc;
	atf_error_t	  e;
	size_t		  i;

	paths();
	load();
	for (i = 0; i < nrows; i++) {
		if ((tc = malloc(sizeof(*tc))) == NULL ||
		    (config = atf_tp_get_config(tp)) == NULL)
			return atf_no_memory_error();
		e = atf_tc_init(tc, rows[i].name, head, body, NULL,
		    (const char *const *)config);
		atf_utils_free_charpp(config);
		if (atf_is_error(e))
			return e;
		if (atf_is_error(e = atf_tp_add_tc(tp, tc)))
			return e;
	}
	return atf_no_error();
}
