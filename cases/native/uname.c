/*
 * uname: the jail's host identity (SPEC section 2): uname(2),
 * sethostname(2), setdomainname(2).
 */
#include <sys/utsname.h>

#include <string.h>
#include <unistd.h>

#include "fixture.h"

#define RENAMED	"sjtest-renamed"

static const char *
nodename(void)
{
	struct utsname	 u;

	if (uname(&u) == -1)
		return "error";
	if (strcmp(u.nodename, RENAMED) == 0)
		return "renamed";
	return strcmp(u.nodename, envstr("SJ_HOSTNAME")) == 0 ? "jail" :
	    "host";
}

int
main(void)
{
	say("nodename", nodename());
	check("sethostname", sethostname(RENAMED, strlen(RENAMED)));
	say("renamed", nodename());
	check("setdomainname", setdomainname("sjtest", 6));
	return 0;
}
