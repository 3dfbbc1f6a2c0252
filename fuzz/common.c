/*
 * common.c: helpers linked into every harness of fuzz/.
 */
#include <dirent.h>

#include "fuzz.h"

int
fuzz_nfds(void)
{
	struct dirent	*de;
	DIR		*d;
	int		 n = 0;

	if ((d = opendir("/proc/self/fd")) == NULL)
		abort();
	while ((de = readdir(d)) != NULL)
		if (de->d_name[0] != '.')
			n++;
	closedir(d);
	return n - 1;		/* not the directory's own */
}
