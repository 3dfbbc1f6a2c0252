/*
 * int80.h: system calls through the i386 gate, `int $0x80`, which a 64-bit
 * program may use too; the kernel then takes the i386 table and the filter
 * sees AUDIT_ARCH_I386.  Pointers passed this way must lie below 4 GiB: the
 * fixtures are static, non-PIE programs and use static buffers.
 */
#ifndef INT80_H
#define INT80_H

#include <setjmp.h>
#include <signal.h>
#include <string.h>

#include "fixture.h"

#define INT80_MISSING	"no IA-32 emulation on this host (int $0x80 faults)"

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

/*
 * Does this host take `int $0x80` at all?  A kernel built without IA-32
 * emulation, or booted with ia32_emulation=0, answers the instruction with
 * a general protection fault (SIGSEGV), before any system call or filter
 * sees it.  The probe makes one harmless call, getpid, under a SIGSEGV
 * handler, once; SJTEST_WITHOUT=ia32 makes the answer no.  With a name,
 * a no is also printed as that check's skip line.  An i386 fixture that
 * runs at all has the gate.
 */
#if defined(__x86_64__)
static sigjmp_buf	int80_jmp;

static void
int80_fault(int sig)
{
	(void)sig;
	siglongjmp(int80_jmp, 1);
}

static inline int
int80probe(void)
{
	struct sigaction	 sa, old;
	sigset_t		 segv;
	volatile int		 ok = 0;

	if (without("ia32"))
		return 0;
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = int80_fault;
	sigemptyset(&segv);
	sigaddset(&segv, SIGSEGV);
	sigprocmask(SIG_UNBLOCK, &segv, NULL);
	sigaction(SIGSEGV, &sa, &old);
	if (sigsetjmp(int80_jmp, 1) == 0) {
		(void)int80(nr32_getpid, 0, 0, 0);
		ok = 1;
	}
	sigaction(SIGSEGV, &old, NULL);
	return ok;
}
#else
#define int80probe()	1
#endif

static inline int
int80ok(const char *name)
{
	static int	 state;		/* 1 yes, -1 no, 0 not yet asked */

	if (state == 0)
		state = int80probe() ? 1 : -1;
	if (state < 0 && name != NULL)
		skip(name, INT80_MISSING);
	return state > 0;
}

/* A check through the gate, skipped where the host has none. */
#define CHECK80(name, call)	do {					\
	if (int80ok(name))						\
		check((name), (int)(call));				\
} while (0)

#endif
