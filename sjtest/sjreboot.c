/*
 * sjreboot: from inside a jail, start a daemon and ask the kernel to
 * restart (jail_test:reboot).  It refuses to run unless it can see that it
 * is confined: a seccomp filter on, and CAP_SYS_BOOT out of its bounding
 * set, so that even a broken jail leaves the kernel's own EPERM between it
 * and the host.
 */
#include <sys/reboot.h>

#include <err.h>
#include <linux/capability.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static int
confined(void)
{
	char		 line[256];
	unsigned long long bnd = ~0ULL;
	int		 seccomp = 0;
	FILE		*f;

	if ((f = fopen("/proc/self/status", "r")) == NULL)
		return 0;
	while (fgets(line, sizeof(line), f) != NULL) {
		if (strncmp(line, "Seccomp:", 8) == 0)
			seccomp = atoi(line + 8);
		else if (strncmp(line, "CapBnd:", 7) == 0)
			bnd = strtoull(line + 7, NULL, 16);
	}
	fclose(f);
	return seccomp == 2 && !(bnd & (1ULL << CAP_SYS_BOOT));
}

int
main(void)
{
	pid_t	 d;

	if (!confined())
		errx(2, "not in a jail: refusing to call reboot(2)");
	if ((d = fork()) == 0) {
		setsid();
		for (;;)
			pause();
	}
	usleep(200000);
	printf("reboot returned %d\n", reboot(RB_AUTOBOOT));
	fflush(stdout);
	for (;;)
		pause();
}
