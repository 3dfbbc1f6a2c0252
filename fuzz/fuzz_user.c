/*
 * fuzz_user.c: the jail's own /etc/passwd and /etc/group, which jailed root
 * writes, as jail(1) -U and jexec(1) -U read them (user.c:
 * sj_user_parse()).
 *
 * Input: a user name, the passwd bytes and the group bytes, NUL-separated.
 * Properties: the user is found iff a passwd line has seven fields and
 * that name; then the name is the one asked for, the primary group is the
 * first of the groups, the groups are distinct and at most SJ_MAXGROUPS;
 * a refusal leaves a message.
 */
#include <errno.h>

#include "sysjail_priv.h"
#include "fuzz.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct fuzz_in	 in = { data, size };
	struct sysjail	 sj;
	char		*name, *pw, *gr;
	FILE		*fp, *fg;
	int		 r, i, k;

	name = fuzz_str(&in);
	pw = fuzz_str(&in);
	gr = fuzz_str(&in);
	memset(&sj, 0, sizeof(sj));
	sj.username = name;
	fp = fmemopen(pw, strlen(pw) + 1, "r");
	fg = *gr != '\0' ? fmemopen(gr, strlen(gr), "r") : NULL;
	if (fp == NULL)
		abort();
	r = sj_user_parse(&sj, fp, fg);
	if (r == 0) {
		FUZZ_CHECK(sj.user.set && strcmp(sj.user.name, name) == 0);
		FUZZ_CHECK(sj.user.dir != NULL && sj.user.shell != NULL);
		FUZZ_CHECK(strchr(sj.user.shell, '\n') == NULL);
		FUZZ_CHECK(sj.user.ngroups >= 1 &&
		    sj.user.ngroups <= SJ_MAXGROUPS &&
		    sj.user.groups[0] == sj.user.gid);
		for (i = 0; i < sj.user.ngroups; i++)
			for (k = i + 1; k < sj.user.ngroups; k++)
				FUZZ_CHECK(sj.user.groups[i] !=
				    sj.user.groups[k]);
	} else
		FUZZ_CHECK(sj.errmsg[0] != '\0');
	sj_user_free(&sj.user);
	fclose(fp);
	if (fg != NULL)
		fclose(fg);
	free(name);
	free(pw);
	free(gr);
	return 0;
}
