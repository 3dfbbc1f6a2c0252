/*
 * fuzz_record.c: a jail's record in the registry (registry.c:
 * sj_record_parse(), which sysjail_list() and so jls, sjls and jexec use;
 * sj_registry_write()).
 *
 * Input: a mode byte, then either (even) the bytes of a record file, or
 * (odd) a hostname, a path and a command as a jail may have them (jailed
 * root sets the hostname; the operator the others).  Properties: a record
 * parses iff it has path, hostname and command, and its strings hold no
 * newline; what the supervisor writes parses back to what it holds, and
 * no string a jail chose can add or change another field.
 */
#include <sys/stat.h>

#include <fcntl.h>
#include <unistd.h>

#include "sysjail_priv.h"
#include "supervisor.h"
#include "fuzz.h"

static void
nonl(const char *s)
{
	FUZZ_CHECK(s == NULL || strchr(s, '\n') == NULL);
}

static int
same(const char *got, const char *want)
{
	for (; *want != '\0'; want++, got++)
		if (*got != (*want == '\n' ? '?' : *want))
			return 0;
	return *got == '\0';
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct fuzz_in		 in = { data, size };
	struct sysjail_info	 ji;
	struct sysjail		 sj;
	struct sj_sup		 s;
	char			*host, *path, *cmd;
	FILE			*f;
	int			 mode, r, fd;

	mode = fuzz_u8(&in);
	if (!(mode & 1)) {
		if ((f = fmemopen((void *)in.p, in.n, "r")) == NULL)
			return 0;	/* empty */
		r = sj_record_parse(f, 7, &ji);
		fclose(f);
		if (r == 0) {
			FUZZ_CHECK(ji.jid == 7 && ji.path != NULL &&
			    ji.hostname != NULL && ji.command != NULL &&
			    ji.name != NULL);
			nonl(ji.name);
			nonl(ji.path);
			nonl(ji.hostname);
			nonl(ji.command);
			nonl(ji.ip4);
			nonl(ji.ip6);
			free(ji.name);
			free(ji.path);
			free(ji.hostname);
			free(ji.ip4);
			free(ji.ip6);
			free(ji.command);
		} else
			FUZZ_CHECK(ji.path == NULL && ji.hostname == NULL &&
			    ji.command == NULL && ji.ip4 == NULL &&
			    ji.name == NULL);
		return 0;
	}
	host = fuzz_str(&in);
	path = fuzz_str(&in);
	cmd = fuzz_str(&in);
	if (strlen(host) > 64)
		host[64] = '\0';	/* sethostname(2)'s limit */
	memset(&sj, 0, sizeof(sj));
	memset(&s, 0, sizeof(s));
	sj.jid = 3;
	sj.hostname = host;
	sj.path = path;
	sj.cmdline = cmd;
	sj.started = 1234;
	sj.flags = 5;
	s.sj = &sj;
	s.self = 4242;
	s.spawner = 4343;
	s.cmd = 4444;
	{
		/* A private registry directory, removed at once. */
		char	 dir[] = "/tmp/fuzz_record.XXXXXX";

		if (mkdtemp(dir) == NULL ||
		    (s.dbfd = open(dir, O_RDONLY | O_DIRECTORY)) == -1)
			abort();
		FUZZ_CHECK(sj_registry_write(&s) == 0);
		if ((fd = openat(s.dbfd, "3", O_RDONLY)) == -1 ||
		    (f = fdopen(fd, "r")) == NULL)
			abort();
		r = sj_record_parse(f, 3, &ji);
		fclose(f);
		unlinkat(s.dbfd, "3", 0);
		close(s.dbfd);
		rmdir(dir);
	}
	FUZZ_CHECK(r == 0);
	FUZZ_CHECK(same(ji.hostname, host));
	FUZZ_CHECK(same(ji.path, path));
	FUZZ_CHECK(same(ji.command, cmd));
	FUZZ_CHECK(ji.ip4 == NULL && ji.ip6 == NULL);
	FUZZ_CHECK(strcmp(ji.name, "3") == 0);
	FUZZ_CHECK(ji.supervisor == 4242 && ji.spawner == 4343 &&
	    ji.pid == 4444 && ji.started == 1234 && ji.flags == 5);
	free(ji.name);
	free(ji.path);
	free(ji.hostname);
	free(ji.command);
	free(host);
	free(path);
	free(cmd);
	return 0;
}
