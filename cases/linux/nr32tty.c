/*
 * nr32tty.c: the i386 number of ioctl(2), from the compiler's own header,
 * for the tty fixture's int $0x80 form (nr32.c has no ioctl).
 */
#include <asm/unistd_32.h>

const long	nr32_ioctl = __NR_ioctl;
