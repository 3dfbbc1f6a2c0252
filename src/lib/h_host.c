/*
 * h_host.c: the jail's host identity.
 *
 * The supervisor runs in a UTS namespace of its own that the jail shares, so
 * uname(2) (and i386 olduname, oldolduname) show the jail's hostname without
 * being intercepted at all.  sethostname(2) is performed by the supervisor
 * on its copy of the name: jailed root may rename its jail (FreeBSD's
 * default), nobody else may, and the host's name is never touched.
 */
#include <errno.h>
#include <linux/reboot.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "sysjail_priv.h"
#include "supervisor.h"

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
		sj_record_changed(c->sup);
	}
	sj_answer(c, 0);
}

/*
 * reboot(2): jailed root restarting, halting or powering off ends its own
 * jail (every jailed process gets TERM, then KILL after a grace period);
 * the host is never touched.  Other commands are refused as FreeBSD
 * refuses them, a bad magic gets the kernel's EINVAL, and anyone but
 * jailed root the kernel's EPERM.
 */
void
sj_h_reboot(struct sj_call *c)
{
	struct sj_cred	 me;
	uint32_t	 m1 = (uint32_t)c->args[0], m2 = (uint32_t)c->args[1];
	uint32_t	 cmd = (uint32_t)c->args[2];

	if (sj_caller_cred(c, &me) == -1)
		return;
	if (me.uid[1] != 0) {
		sj_refuse(c, EPERM);
		return;
	}
	if (m1 != LINUX_REBOOT_MAGIC1 || (m2 != LINUX_REBOOT_MAGIC2 &&
	    m2 != LINUX_REBOOT_MAGIC2A && m2 != LINUX_REBOOT_MAGIC2B &&
	    m2 != LINUX_REBOOT_MAGIC2C)) {
		sj_refuse(c, EINVAL);
		return;
	}
	switch (cmd) {
	case LINUX_REBOOT_CMD_RESTART:
	case LINUX_REBOOT_CMD_RESTART2:
	case LINUX_REBOOT_CMD_HALT:
	case LINUX_REBOOT_CMD_POWER_OFF:
		sj_stop(c->sup);
		sj_answer(c, 0);
		break;
	case LINUX_REBOOT_CMD_CAD_ON:
	case LINUX_REBOOT_CMD_CAD_OFF:
	case LINUX_REBOOT_CMD_KEXEC:
	case LINUX_REBOOT_CMD_SW_SUSPEND:
		sj_refuse(c, EPERM);
		break;
	default:
		sj_refuse(c, EINVAL);
	}
}
