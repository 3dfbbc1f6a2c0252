/*
 * nosys: default deny (issue 16, item 7).  A system call number the policy
 * table does not name is refused with ENOSYS by the filter, for both ABIs:
 * here, calls newer than the headers the jail was built with, which the
 * running kernel has (numbers are shared by x86_64 and i386 from 424 on).
 * Each is made with arguments the kernel refuses, so that bare runs show
 * the kernel's own answer and nothing happens: cachestat on a bad
 * descriptor (EBADF), listmount, which lists the host's mounts, with no
 * request (EFAULT).  Jailed, both are ENOSYS; a number no kernel has is
 * ENOSYS everywhere.
 */
#include <sys/syscall.h>

#include <unistd.h>

#include "fixture.h"

/* Numbers newer than Debian 12's headers, with the kernel that added them. */
#ifndef __NR_cachestat
#define __NR_cachestat	451	/* Linux 6.5 */
#endif
#ifndef __NR_listmount
#define __NR_listmount	458	/* Linux 6.8 */
#endif
#define NR_NONE		1000	/* no ABI has it */

int
main(void)
{
	check("cachestat", (int)syscall(__NR_cachestat, -1, NULL, NULL, 0));
	check("listmount", (int)syscall(__NR_listmount, NULL, NULL, 0, 0));
	check("no-such-call", (int)syscall(NR_NONE, 0, 0, 0));
	return 0;
}
