/*
 * hhost.c: the jail's host identity.
 *
 * The supervisor runs in a UTS namespace of its own that the jail shares, so
 * uname(2) (and i386 olduname, oldolduname) show the jail's hostname without
 * being intercepted at all.  sethostname(2) is performed by the supervisor
 * on its copy of the name: jailed root may rename its jail (FreeBSD's
 * default), nobody else may, and the host's name is never touched.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "sysjail_priv.h"

#define UTSLEN	64	/* __NEW_UTS_LEN */

void
sj_h_sethostname(struct sj_call *c)
{
	struct sj_cred	 me;
	char		 name[UTSLEN + 1], *copy;
	int64_t		 len = (int32_t)c->args[1];

	if (sj_caller_cred(c, &me) == -1)
		return;
	/* The kernel's order: privilege, then length, then the copy. */
	if ((c->sup->sj->flags & SYSJAIL_NOHOSTNAME) || me.uid[1] != 0) {
		sj_refuse(c, EPERM);
		return;
	}
	if (len < 0 || len > UTSLEN) {
		sj_refuse(c, EINVAL);
		return;
	}
	memset(name, 0, sizeof(name));
	if (sj_peek(c, c->args[0], name, (size_t)len) == -1) {
		if (errno == EFAULT)
			sj_refuse(c, EFAULT);
		return;
	}
	if (sethostname(name, (size_t)len) == -1) {
		sj_refuse(c, errno);
		return;
	}
	if ((copy = strdup(name)) != NULL) {
		free(c->sup->sj->hostname);
		c->sup->sj->hostname = copy;
		sj_registry_write(c->sup);
	}
	sj_answer(c, 0);
}
