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
const long	nr32_tkill = __NR_tkill;
const long	nr32_tgkill = __NR_tgkill;
const long	nr32_getpgid = __NR_getpgid;
const long	nr32_getsid = __NR_getsid;
const long	nr32_getpriority = __NR_getpriority;
const long	nr32_ptrace = __NR_ptrace;
const long	nr32_capget = __NR_capget;
const long	nr32_pidfd_open = __NR_pidfd_open;
const long	nr32_prlimit64 = __NR_prlimit64;
