#! @ATF_SH@
#
# coverage_test: the coverage gate.  Every system call the policy table
# intercepts on some ABI has a case in the catalogue (through
# cases/coverage), every case has an expectation for each of the four
# modes, and a case whose jailed expectation agrees with the bare one in
# either user's mode says why it exists.  Since the filter refuses every
# number the table does not name (default deny), every call of the
# build's <asm/unistd_*.h> must be decided: intercepted, with a case, or
# allowed on purpose, listed on the "allow:" lines of cases/coverage and
# allowed outright by the table.  The gate is shown to fail on a removed
# case and on an undecided call; the table's generator on a handler or
# args mistake.

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
			named[f[1]] = 1
			if ((f[2] != "allow" && f[2] != "-") ||
			    (f[3] != "allow" && f[3] != "-"))
				need[f[1]] = 1
			else if (f[4] != "-" || f[8] != "-")
				need[f[1]] = 1	# a conditional allow
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
			if (f[1] == "allow:") {
				for (i = 2; i <= n; i++)
					allowed[f[i]] = 1
				continue
			}
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
		for (s in allowed)
			if (!(s in named) || (s in need)) {
				printf("coverage: %s is listed as allowed and policy.tbl does not allow it outright\n", s)
				bad = 1
			}
		for (s in named)
			if (!(s in need) && !(s in allowed)) {
				printf("policy: %s is allowed and not listed on an allow: line\n", s)
				bad = 1
			}
		while ((getline l < headers) > 0) {
			split(l, f)
			if (!(f[2] in need) && !(f[2] in allowed)) {
				printf("header: %s (%s) is neither intercepted nor allowed on purpose\n",
				    f[2], f[1])
				bad = 1
			}
		}
		exit bad
}
AWKEOF
}

# Writes headers: "abi name" for every __NR_name of the build's headers.
mkheaders()
{
	: >headers
	for h in x86_64:64 i386:32; do
		printf '#include <asm/unistd_%s.h>\n' "${h#*:}" |
		    @CC@ -E -dM -x c - | awk -v abi="${h%%:*}" \
		    '$2 ~ /^__NR_/ { sub(/^__NR_/, "", $2); print abi, $2 }' \
		    >>headers || atf_fail "cannot read <asm/unistd_${h#*:}.h>"
	done
	[ -s headers ] || atf_fail "no system call in the build's headers"
}

# gate POLICY CATALOGUE COVERAGE [HEADERS], as a command line for atf_check.
gate()
{
	echo awk -v "policy=$1" -v "catalogue=$2" -v "coverage=$3" \
	    -v "headers=${4:-headers}" -f gate.awk
}

atf_test_case gate
gate_head()
{
	atf_set descr "every intercepted system call has a case, every case four expectations and, where jailed and bare agree, a reason"
}
gate_body()
{
	mkgate
	mkheaders
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
	mkheaders
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
	# A call of the headers the table forgot (as after a header update):
	# default deny would refuse it, so it must be decided.
	grep -v '^getpid ' "${P}" >pol1
	sed 's/ getpid / /; s/ getpid$//' "${V}" >cov2
	atf_check -s not-exit:0 \
	    -o match:"header: getpid \(x86_64\) is neither intercepted nor allowed on purpose" \
	    $(gate pol1 "${C}" cov2)
	# Allowed by the table but not listed, and listed but not allowed.
	atf_check -s not-exit:0 \
	    -o match:"policy: getpid is allowed and not listed on an allow: line" \
	    $(gate "${P}" "${C}" cov2)
	atf_check -s not-exit:0 \
	    -o match:"coverage: getpid is listed as allowed and policy.tbl does not allow it outright" \
	    $(gate pol1 "${C}" "${V}")
}

atf_test_case allowed_on_purpose
allowed_on_purpose_head()
{
	atf_set descr "lists the calls of the build's headers that the jail allows on purpose, and the number intercepted"
}
allowed_on_purpose_body()
{
	mkheaders
	sed -n 's/^allow://p' "$(srcfile cases/coverage)" | tr -s ' \t' '\n\n' |
	    sed '/^$/d' | sort -u >allowed
	awk '{ print $2 }' headers | sort -u >all
	echo "calls in the build's headers: $(wc -l <all)"
	echo "allowed on purpose: $(wc -l <allowed)"
	echo "intercepted (with cases): $(comm -23 all allowed | wc -l)"
	cat allowed
	[ "$(wc -l <allowed)" -gt 300 ] || atf_fail "too few calls allowed"
}

# gen TABLE ARGS...: gen-policy.awk on TABLE, as a command line.
gen()
{
	_t=$1
	shift
	echo awk "$@" -f "$(srcfile src/lib/gen-policy.awk)" "${_t}"
}

atf_test_case generator
generator_head()
{
	atf_set descr "policy.tbl's handler and args lines make the handlers' enum, dispatch table and argument kinds; a handler or args mistake fails the generator at the table's line"
}
generator_body()
{
	P=$(srcfile src/lib/policy.tbl)
	cp "${P}" pol
	atf_check -o match:"^[[:space:]]SJ_H_KILL,$" \
	    -o match:"^void[[:space:]]sj_h_kill\(struct sj_call \*\);$" \
	    $(gen pol -v part=h)
	atf_check -o match:"^[[:space:]]\[SJ_H_KILL\] = sj_h_kill,$" \
	    -o match:'^[[:space:]]\{ "kill", "ds" \},$' $(gen pol -v part=c)
	atf_check -o match:"SJ_ACT_NOTIFY, 0, SJ_H_KILL" \
	    $(gen pol -v abi=x86_64 -v header=asm/unistd_64.h)
	# A notify:NAME with no handler line: the row's line is named.
	grep -v '^handler  *listen ' pol >pol1
	n=$(grep -n '^listen ' pol1 | head -1 | cut -d: -f1)
	for part in "-v part=h" "-v part=c" \
	    "-v abi=x86_64 -v header=asm/unistd_64.h"; do
		# shellcheck disable=SC2086
		atf_check -s not-exit:0 -o ignore \
		    -e match:"^pol1:${n}: unknown handler listen" \
		    $(gen pol1 ${part})
	done
	# A handler line without its function.
	sed 's/^\(handler  *kill\) .*/\1/' pol >pol2
	n=$(grep -n '^handler  *kill$' pol2 | cut -d: -f1)
	atf_check -s not-exit:0 -o ignore \
	    -e match:"^pol2:${n}: handler kill has no function" \
	    $(gen pol2 -v part=c)
	# A handler no row uses, and a handler named twice.
	{ cat pol; echo "handler spare sj_h_spare"; \
	    echo "handler kill sj_h_kill"; } >pol3
	n=$(wc -l <pol3)
	atf_check -s not-exit:0 -o ignore \
	    -e match:"^pol3:$((n - 1)): handler spare is used by no notify: action" \
	    -e match:"^pol3:${n}: handler kill already named at line" \
	    $(gen pol3 -v part=h)
	# Argument kinds for a call no row names, and kinds the log lacks.
	{ cat pol; echo "args nosuchcall d"; echo "args getppid dz"; } >pol4
	n=$(wc -l <pol4)
	atf_check -s not-exit:0 -o ignore \
	    -e match:"^pol4:$((n - 1)): args for nosuchcall, which no row names" \
	    -e match:"^pol4:${n}: want: args SYSCALL KINDS" \
	    $(gen pol4 -v part=c)
}

atf_init_test_cases()
{
	atf_add_test_case gate
	atf_add_test_case gate_can_fail
	atf_add_test_case allowed_on_purpose
	atf_add_test_case generator
}
