/*
 * filter.c: build the seccomp program from the policy tables, and run it in
 * a small simulator so that unit tests can check decisions without a kernel.
 *
 * Shape of the program:
 *
 *	load arch
 *	x86_64 -> load nr; x32 bit set -> ENOSYS; groups; allowed; ENOSYS
 *	i386   -> load nr; groups; allowed; ENOSYS
 *	other  -> KILL_PROCESS
 *
 * Default deny: a number the table does not name is refused with ENOSYS, as
 * a kernel without the call would answer, so that a call a newer kernel adds
 * stays closed until the table decides on it.
 *
 * A group tests one number and then its rules in table order; a named call
 * that no rule decides is allowed.  The calls the table allows outright come
 * last, as ranges of numbers.  Allowed calls never load an argument, so the
 * kernel's action cache answers them without running the program at all.
 * Arguments are compared on the width the kernel uses: a 32-bit argument is
 * judged by its low word only, whatever a caller leaves in the high word.
 */
#include <errno.h>
#include <linux/audit.h>
#include <stdlib.h>
#include <string.h>

#include "sysjail_priv.h"

#define ARCH_OFF	offsetof(struct seccomp_data, arch)
#define NR_OFF		offsetof(struct seccomp_data, nr)
#define ARG_LO(i)	(offsetof(struct seccomp_data, args) + 8 * (i))
#define ARG_HI(i)	(ARG_LO(i) + 4)

static int
emit(struct sj_filter *f, uint16_t code, uint8_t jt, uint8_t jf, uint32_t k)
{
	struct sock_filter	*n;

	if (f->len == f->cap) {
		f->cap = f->cap ? f->cap * 2 : 256;
		if ((n = realloc(f->insns, f->cap * sizeof(*n))) == NULL)
			return -1;
		f->insns = n;
	}
	f->insns[f->len++] = (struct sock_filter){ code, jt, jf, k };
	return 0;
}

/*
 * With SJ_AUDIT, a refusal is referred to the supervisor, which finds the
 * same answer by running the plain program (sj_filter_run) and logs it.
 */
static uint32_t
retval(const struct sj_filter *f, const struct sj_rule *r)
{
	switch (r->act) {
	case SJ_ACT_ERRNO:
		if (f->audit)
			return SECCOMP_RET_USER_NOTIF;
		return SECCOMP_RET_ERRNO | ((uint32_t)r->err & SECCOMP_RET_DATA);
	case SJ_ACT_NOTIFY:
		return SECCOMP_RET_USER_NOTIF;
	case SJ_ACT_KILL:
		return SECCOMP_RET_KILL_PROCESS;
	default:
		return SECCOMP_RET_ALLOW;
	}
}

#define LD(f, off)	emit((f), BPF_LD | BPF_W | BPF_ABS, 0, 0, (off))
#define RET(f, v)	emit((f), BPF_RET | BPF_K, 0, 0, (v))

/*
 * One conditional rule: falls through to the next rule when the condition
 * does not hold, returns the rule's action when it does.
 */
static int
rule(struct sj_filter *f, const struct sj_rule *r, int wide)
{
	uint32_t	 lo = (uint32_t)r->value, hi = (uint32_t)(r->value >> 32);
	uint32_t	 mlo = (uint32_t)r->mask, mhi = (uint32_t)(r->mask >> 32);
	int		 e = 0;

	if (r->arg < 0)
		return RET(f, retval(f, r));
	if (r->arg > 5) {
		errno = EINVAL;
		return -1;
	}
	wide = wide && r->width == 64;
	switch (r->op) {
	case SJ_OP_EQ:
		if (wide) {
			e |= LD(f, ARG_HI(r->arg));
			e |= emit(f, BPF_JMP | BPF_JEQ | BPF_K, 0, 3, hi);
		}
		e |= LD(f, ARG_LO(r->arg));
		e |= emit(f, BPF_JMP | BPF_JEQ | BPF_K, 0, 1, lo);
		break;
	case SJ_OP_NE:
		if (wide) {
			e |= LD(f, ARG_HI(r->arg));
			e |= emit(f, BPF_JMP | BPF_JEQ | BPF_K, 0, 2, hi);
		}
		e |= LD(f, ARG_LO(r->arg));
		e |= emit(f, BPF_JMP | BPF_JEQ | BPF_K, 1, 0, lo);
		break;
	case SJ_OP_ANY:
		if (wide) {
			e |= LD(f, ARG_HI(r->arg));
			e |= emit(f, BPF_JMP | BPF_JSET | BPF_K, 2, 0, mhi);
		}
		e |= LD(f, ARG_LO(r->arg));
		e |= emit(f, BPF_JMP | BPF_JSET | BPF_K, 0, 1, mlo);
		break;
	case SJ_OP_MEQ:
		if (wide) {
			errno = EINVAL;		/* no 64-bit masked rule yet */
			return -1;
		}
		e |= LD(f, ARG_LO(r->arg));
		e |= emit(f, BPF_ALU | BPF_AND | BPF_K, 0, 0, mlo);
		e |= emit(f, BPF_JMP | BPF_JEQ | BPF_K, 0, 1, lo);
		break;
	default:
		errno = EINVAL;
		return -1;
	}
	e |= RET(f, retval(f, r));
	return e;
}

/* The refusal of a number the table does not name (and of x32 numbers). */
static uint32_t
nosys(const struct sj_filter *f)
{
	return f->audit ? SECCOMP_RET_USER_NOTIF : SECCOMP_RET_ERRNO | ENOSYS;
}

/*
 * The numbers allowed outright, as ranges, with nr loaded: each range is
 *	jge hi+1 -> next range; jge lo -> ALLOW; ENOSYS
 * in ascending order, so that a number below a range's start is refused.
 */
static int
allowed(struct sj_filter *f, const char *ok)
{
	int	 lo, hi;

	for (lo = 0; lo < SJ_MAXNR; lo = hi + 1) {
		if (!ok[lo]) {
			hi = lo;
			continue;
		}
		for (hi = lo; hi + 1 < SJ_MAXNR && ok[hi + 1]; hi++)
			;
		if (emit(f, BPF_JMP | BPF_JGE | BPF_K, 3, 0,
		    (uint32_t)hi + 1) == -1 ||
		    emit(f, BPF_JMP | BPF_JGE | BPF_K, 0, 1, (uint32_t)lo) == -1 ||
		    RET(f, SECCOMP_RET_ALLOW) == -1 ||
		    RET(f, nosys(f)) == -1)
			return -1;
	}
	return RET(f, nosys(f));
}

/* The block of one ABI, entered with nothing loaded. */
static int
abiblock(struct sj_filter *f, enum sj_abi abi, unsigned int allow)
{
	const struct sj_rule	*t, *first;
	size_t			 i, j, n, start;
	int			 final, wide = abi == SJ_ABI_X86_64;
	char			 done[SJ_MAXNR], ok[SJ_MAXNR];

	t = sj_rules(abi, &n);
	memset(done, 0, sizeof(done));
	memset(ok, 0, sizeof(ok));
	if (LD(f, NR_OFF) == -1)
		return -1;
	if (abi == SJ_ABI_X86_64) {
		/* x32 numbers are refused whether or not the kernel has x32. */
		if (emit(f, BPF_JMP | BPF_JGE | BPF_K, 0, 1,
		    __X32_SYSCALL_BIT) == -1 || RET(f, nosys(f)) == -1)
			return -1;
	}
	for (i = 0; i < n; i++) {
		if (t[i].nr < 0 || t[i].nr >= SJ_MAXNR) {
			errno = ERANGE;
			return -1;
		}
		if (done[t[i].nr])
			continue;
		done[t[i].nr] = 1;
		/* A call whose first live rule allows it outright is a range. */
		first = NULL;
		for (j = i; j < n && first == NULL; j++)
			if (t[j].nr == t[i].nr && !(t[j].unless & allow))
				first = &t[j];
		if (first == NULL ||
		    (first->act == SJ_ACT_ALLOW && first->arg < 0)) {
			ok[t[i].nr] = 1;
			continue;
		}
		/* jeq nr, fall into the group, else skip it: patched below. */
		start = f->len;
		if (emit(f, BPF_JMP | BPF_JEQ | BPF_K, 0, 0, t[i].nr) == -1)
			return -1;
		final = 0;
		for (j = i; j < n && !final; j++) {
			if (t[j].nr != t[i].nr || (t[j].unless & allow))
				continue;
			if (rule(f, &t[j], wide) == -1)
				return -1;
			final = t[j].arg < 0;	/* later rules are unreachable */
		}
		if (!final && RET(f, SECCOMP_RET_ALLOW) == -1)
			return -1;
		if (f->len - start - 1 > 255) {
			errno = E2BIG;
			return -1;
		}
		f->insns[start].jf = f->len - start - 1;
	}
	return allowed(f, ok);
}

/*
 * Builds the jail's program into f.  allow is the jail's SYSJAIL_ALLOW_*
 * flags, which turn off the rows that name them, with SJ_HAS4 and SJ_HAS6
 * for its address families and SJ_AUDIT to refer refusals.
 */
int
sj_filter_build(struct sj_filter *f, unsigned int allow)
{
	size_t	 jump;

	memset(f, 0, sizeof(*f));
	f->audit = (allow & SJ_AUDIT) != 0;
	if (LD(f, ARCH_OFF) == -1 ||
	    emit(f, BPF_JMP | BPF_JEQ | BPF_K, 1, 0, AUDIT_ARCH_X86_64) == -1)
		goto fail;
	jump = f->len;
	if (emit(f, BPF_JMP | BPF_JA, 0, 0, 0) == -1 ||
	    abiblock(f, SJ_ABI_X86_64, allow) == -1)
		goto fail;
	f->insns[jump].k = f->len - jump - 1;
	if (LD(f, ARCH_OFF) == -1 ||
	    emit(f, BPF_JMP | BPF_JEQ | BPF_K, 1, 0, AUDIT_ARCH_I386) == -1 ||
	    RET(f, SECCOMP_RET_KILL_PROCESS) == -1 ||
	    abiblock(f, SJ_ABI_I386, allow) == -1)
		goto fail;
	if (f->len > BPF_MAXINSNS) {
		errno = E2BIG;
		goto fail;
	}
	return 0;
fail:
	sj_filter_free(f);
	return -1;
}

void
sj_filter_free(struct sj_filter *f)
{
	free(f->insns);
	memset(f, 0, sizeof(*f));
}

/*
 * Runs the program on one system call, as the kernel would, and returns the
 * action.  Only the instructions sj_filter_build() emits are understood; any
 * other one, or a jump out of the program, answers KILL_PROCESS so that a
 * builder bug shows up as a failed test.
 */
uint32_t
sj_filter_run(const struct sj_filter *f, const struct seccomp_data *d)
{
	const struct sock_filter	*in;
	uint32_t			 a = 0, w;
	size_t				 pc = 0;

	while (pc < f->len) {
		in = &f->insns[pc++];
		switch (in->code) {
		case BPF_LD | BPF_W | BPF_ABS:
			if (in->k + 4 > sizeof(*d))
				return SECCOMP_RET_KILL_PROCESS;
			memcpy(&w, (const char *)d + in->k, 4);
			a = w;
			break;
		case BPF_ALU | BPF_AND | BPF_K:
			a &= in->k;
			break;
		case BPF_JMP | BPF_JA:
			pc += in->k;
			break;
		case BPF_JMP | BPF_JEQ | BPF_K:
			pc += a == in->k ? in->jt : in->jf;
			break;
		case BPF_JMP | BPF_JGE | BPF_K:
			pc += a >= in->k ? in->jt : in->jf;
			break;
		case BPF_JMP | BPF_JSET | BPF_K:
			pc += (a & in->k) ? in->jt : in->jf;
			break;
		case BPF_RET | BPF_K:
			return in->k;
		default:
			return SECCOMP_RET_KILL_PROCESS;
		}
	}
	return SECCOMP_RET_KILL_PROCESS;
}
