/*
 * policy.c: the per-ABI views of the generated policy tables.
 */
#include <linux/audit.h>
#include <string.h>

#include "sysjail_priv.h"

static const char *const abinames[SJ_NABI] = {
	[SJ_ABI_X86_64] = "x86_64",
	[SJ_ABI_I386] = "i386",
};

static const uint32_t abiarch[SJ_NABI] = {
	[SJ_ABI_X86_64] = AUDIT_ARCH_X86_64,
	[SJ_ABI_I386] = AUDIT_ARCH_I386,
};

const struct sj_rule *
sj_rules(enum sj_abi abi, size_t *n)
{
	switch (abi) {
	case SJ_ABI_X86_64:
		*n = sj_nrules_x86_64;
		return sj_rules_x86_64;
	case SJ_ABI_I386:
		*n = sj_nrules_i386;
		return sj_rules_i386;
	default:
		*n = 0;
		return NULL;
	}
}

uint32_t
sj_audit_arch(enum sj_abi abi)
{
	return abiarch[abi];
}

/* Returns the ABI of an AUDIT_ARCH_* value, or -1 for an unknown one. */
int
sj_abi_of_arch(uint32_t arch)
{
	int	 i;

	for (i = 0; i < SJ_NABI; i++)
		if (abiarch[i] == arch)
			return i;
	return -1;
}

const char *
sj_abi_name(enum sj_abi abi)
{
	return (unsigned int)abi < SJ_NABI ? abinames[abi] : "unknown";
}

/* The name of a system call the policy mentions, or NULL. */
const char *
sj_syscall_name(enum sj_abi abi, int nr)
{
	const struct sj_rule	*r;
	size_t			 i, n;

	r = sj_rules(abi, &n);
	for (i = 0; i < n; i++)
		if (r[i].nr == nr)
			return r[i].name;
	return NULL;
}
