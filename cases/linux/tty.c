/*
 * tty: keystroke injection into a terminal shared with the host (CVE-2017-
 * 5226 and kin; SPEC section 4).  sjtest(1) gives this fixture, on its
 * standard input, the slave side of a pseudo-terminal whose master it
 * holds, as a host's shell would share its terminal with a jail.  TIOCSTI
 * pushes a byte into the terminal's input as if typed there, TIOCLINUX
 * pastes a console selection; the jail refuses both, however the command
 * word is dressed: bits 32-63 set (the kernel uses the low 32 bits of an
 * ioctl command; the filter judges exactly those), or the i386 gate.  The
 * harness reports whether any injected byte reached the terminal
 * (tty-injected), from the master's side or as input at the slave.
 * Ordinary terminal ioctls keep working, high bits and all.
 */
#include <sys/ioctl.h>
#include <sys/syscall.h>

#include <errno.h>
#include <stdint.h>
#include <termios.h>
#include <unistd.h>

#include "fixture.h"
#include "int80.h"

extern const long	nr32_ioctl;

/* The command word with bits above 31 set; an i386 long has none. */
static unsigned long
high(unsigned long cmd, int bit)
{
#if defined(__x86_64__)
	return cmd | (uint64_t)1 << bit;
#else
	(void)bit;
	return cmd;
#endif
}

static char	 inject = '!';		/* static: below 4 GiB for int $0x80 */
static char	 paste[2] = { 3, 0 };	/* TIOCL_PASTESEL */

int
main(void)
{
	struct termios	 t;
	int		 on = 1, off = 0, ntty = N_TTY;

	say("terminal", isatty(0) ? "yes" : "no");
	check("tiocsti", (int)syscall(SYS_ioctl, 0, TIOCSTI, &inject));
	check("tiocsti-high32", (int)syscall(SYS_ioctl, 0, high(TIOCSTI, 32),
	    &inject));
	check("tiocsti-high63", (int)syscall(SYS_ioctl, 0, high(TIOCSTI, 63),
	    &inject));
	check("tiocsti-high-all", (int)syscall(SYS_ioctl, 0,
	    high(high(high(TIOCSTI, 62), 47), 40), &inject));
	CHECK80("tiocsti-int80", INT80(nr32_ioctl, 0, TIOCSTI, &inject));
	check("tioclinux", (int)syscall(SYS_ioctl, 0, TIOCLINUX, paste));
	check("tioclinux-high", (int)syscall(SYS_ioctl, 0, high(TIOCLINUX, 33),
	    paste));
	CHECK80("tioclinux-int80", INT80(nr32_ioctl, 0, TIOCLINUX, paste));
	/* What stays allowed. */
	/*
	 * A line discipline: the filter refuses TIOCSETD outright, as
	 * setting one can load a kernel module (dev.tty.ldisc_autoload).
	 * Bare, setting N_TTY where it already is changes nothing.
	 */
	check("tiocsetd", (int)syscall(SYS_ioctl, 0, TIOCSETD, &ntty));
	check("tcgets", tcgetattr(0, &t));
	check("fionbio", (int)syscall(SYS_ioctl, 0, FIONBIO, &on));
	check("fionbio-high", (int)syscall(SYS_ioctl, 0, high(FIONBIO, 32),
	    &off));
	return 0;
}
