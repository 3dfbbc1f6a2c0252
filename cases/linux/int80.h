/*
 * int80.h: system calls through the i386 gate, `int $0x80`, which a 64-bit
 * program may use too; the kernel then takes the i386 table and the filter
 * sees AUDIT_ARCH_I386.  Pointers passed this way must lie below 4 GiB: the
 * fixtures are static, non-PIE programs and use static buffers.
 */
#ifndef INT80_H
#define INT80_H

/* i386 numbers, from the compiler's <asm/unistd_32.h> (nr32.c). */
extern const long	nr32_kill, nr32_uname, nr32_olduname,
			nr32_oldolduname, nr32_socketcall, nr32_getpid,
			nr32_ipc, nr32_stime, nr32_umount, nr32_tkill,
			nr32_tgkill, nr32_getpgid, nr32_getsid,
			nr32_getpriority, nr32_ptrace, nr32_capget,
			nr32_pidfd_open, nr32_prlimit64;

static inline long
int80(long nr, long a, long b, long c)
{
	long	 r;

#if defined(__x86_64__)
	__asm__ volatile ("int $0x80" : "=a"(r) : "a"(nr), "b"(a), "c"(b),
	    "d"(c) : "memory", "r8", "r9", "r10", "r11");
#else
	__asm__ volatile ("int $0x80" : "=a"(r) : "a"(nr), "b"(a), "c"(b),
	    "d"(c) : "memory");
#endif
	return r;
}

/* Four arguments: the fourth goes in esi. */
static inline long
int80_4(long nr, long a, long b, long c, long d)
{
	long	 r;

#if defined(__x86_64__)
	__asm__ volatile ("int $0x80" : "=a"(r) : "a"(nr), "b"(a), "c"(b),
	    "d"(c), "S"(d) : "memory", "r8", "r9", "r10", "r11");
#else
	__asm__ volatile ("int $0x80" : "=a"(r) : "a"(nr), "b"(a), "c"(b),
	    "d"(c), "S"(d) : "memory");
#endif
	return r;
}

/* Like syscall(2): -1 with errno on failure. */
#define INT80(nr, a, b, c)	int80ret(int80((nr), (long)(a), (long)(b), \
				    (long)(c)))
#define INT80_4(nr, a, b, c, d)	int80ret(int80_4((nr), (long)(a), (long)(b), \
				    (long)(c), (long)(d)))
static inline long
int80ret(long r)
{
	extern int	*__errno_location(void);

	if (r < 0 && r > -4096) {
		*__errno_location() = (int)-r;
		return -1;
	}
	return r;
}

#endif
