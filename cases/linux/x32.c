/*
 * x32: system call numbers with the x32 bit (0x40000000) set are refused
 * with ENOSYS, whether or not the kernel has the x32 ABI (SPEC section 6).
 */
#include <sys/syscall.h>

#include <unistd.h>

#include "fixture.h"

#define X32_BIT	0x40000000L

int
main(void)
{
	check("x32-getpid", (int)syscall(X32_BIT | SYS_getpid));
	check("x32-kill-outside", (int)syscall(X32_BIT | SYS_kill,
	    envnum("SJ_OUTSIDE"), 0));
	return 0;
}
