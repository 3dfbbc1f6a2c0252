/*
 * nr32.c: i386 system call numbers, from the compiler's own header, for
 * fixtures that use int $0x80 from 64-bit code.  This file includes nothing
 * that would bring in the native numbers.
 */
#include <asm/unistd_32.h>

const long	nr32_kill = __NR_kill;
const long	nr32_uname = __NR_uname;
const long	nr32_olduname = __NR_olduname;
const long	nr32_oldolduname = __NR_oldolduname;
const long	nr32_socketcall = __NR_socketcall;
const long	nr32_getpid = __NR_getpid;
const long	nr32_ipc = __NR_ipc;
const long	nr32_stime = __NR_stime;
const long	nr32_umount = __NR_umount;
