#! @ATF_SH@
#
# coverage_test: the coverage gate.  Every system call the policy table
# intercepts on some ABI has a case in the catalogue (through
# cases/coverage), every case has an expectation for each of the four
# modes, and a case whose jailed expectation agrees with the bare one in
# either user's mode says why it exists.  The gate is shown to fail on a removed case.

srcfile()
{
	echo "@abs_top_srcdir@/$1"
}

# Writes gate.awk: with -v policy=, catalogue= and coverage=, it prints
# each problem and fails if there is any.
mkgate()
{
	cat >gate.awk <<'AWKEOF'
BEGIN {
		while ((getline l < policy) > 0) {
			if (l ~ /^[ \t]*#/ || split(l, f) != 8)
				continue
			if ((f[2] != "allow" && f[2] != "-") ||
			    (f[3] != "allow" && f[3] != "-"))
				need[f[1]] = 1
		}
		while ((getline l < catalogue) > 0) {
			if (l ~ /^[ \t]*#/)
				continue
			why = index(l, "why:") > 0
			sub(/why:.*/, "", l)
			n = split(l, f)
			if (n == 0)
				continue
			if (n != 6) {
				printf("catalogue: %s %s: %d expectations, want 4\n",
				    f[1], f[2], n - 2)
				bad = 1
				continue
			}
			have[f[1] ":" f[2]] = 1
			if (f[3] == f[5] && f[4] == f[6] && !why) {
				printf("catalogue: %s %s: jailed and bare agree, and no why\n",
				    f[1], f[2])
				bad = 1
			} else if ((f[3] == f[5] || f[4] == f[6]) && !why) {
				printf("catalogue: %s %s: a jailed mode agrees with its bare one, and no why\n",
				    f[1], f[2])
				bad = 1
			}
		}
		while ((getline l < coverage) > 0) {
			if (l ~ /^[ \t]*#/ || split(l, f) < 1)
				continue
			n = split(l, f)
			if (n < 2) {
				printf("coverage: %s: no case\n", f[1])
				bad = 1
			}
			covered[f[1]] = 1
			for (i = 2; i <= n; i++)
				if (!(f[i] in have)) {
					printf("coverage: %s: no case %s in the catalogue\n",
					    f[1], f[i])
					bad = 1
				}
		}
		for (s in need)
			if (!(s in covered)) {
				printf("policy: %s is intercepted and has no case\n", s)
				bad = 1
			}
		exit bad
}
AWKEOF
}

# gate POLICY CATALOGUE COVERAGE, as a command line for atf_check.
gate()
{
	echo awk -v "policy=$1" -v "catalogue=$2" -v "coverage=$3" -f gate.awk
}

atf_test_case gate
gate_head()
{
	atf_set descr "every intercepted system call has a case, every case four expectations and, where jailed and bare agree, a reason"
}
gate_body()
{
	mkgate
	atf_check -o empty $(gate "$(srcfile src/lib/policy.tbl)" \
	    "$(srcfile cases/catalogue)" "$(srcfile cases/coverage)")
}

atf_test_case gate_can_fail
gate_can_fail_head()
{
	atf_set descr "the gate fails on a removed case, a removed coverage line, a missing expectation or a missing reason"
}
gate_can_fail_body()
{
	P=$(srcfile src/lib/policy.tbl)
	C=$(srcfile cases/catalogue)
	V=$(srcfile cases/coverage)
	mkgate
	# The only case of acct gone from the catalogue.
	grep -v '^priv  *acct ' "${C}" >cat1
	atf_check -s not-exit:0 -o match:"coverage: acct: no case priv:acct" \
	    $(gate "${P}" cat1 "${V}")
	# An intercepted call without a coverage line.
	grep -v '^vhangup ' "${V}" >cov1
	atf_check -s not-exit:0 -o match:"policy: vhangup is intercepted and has no case" \
	    $(gate "${P}" "${C}" cov1)
	# A row that lost an expectation, and one that lost its reason.
	sed 's/^\(kill  *outside  *[A-Z]*\) .*/\1 ESRCH OK/' "${C}" >cat2
	atf_check -s not-exit:0 -o match:"kill outside: 3 expectations" \
	    $(gate "${P}" cat2 "${V}")
	sed '/^kill  *self /s/why:.*//' "${C}" >cat3
	atf_check -s not-exit:0 -o match:"kill self: jailed and bare agree, and no why" \
	    $(gate "${P}" cat3 "${V}")
	# A row whose jailed-user answer equals bare-user's, without a reason.
	sed '/^files  *chroot /s/why:.*//' "${C}" >cat4
	atf_check -s not-exit:0 -o match:"files chroot: a jailed mode agrees with its bare one, and no why" \
	    $(gate "${P}" cat4 "${V}")
}

atf_init_test_cases()
{
	atf_add_test_case gate
	atf_add_test_case gate_can_fail
}
