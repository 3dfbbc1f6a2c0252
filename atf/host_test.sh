#! @ATF_SH@
#
# host_test: the host report (sysjail -V) says what this host has, checked
# against evidence of the host's own; a capability the suite is told to
# treat as missing (SJTEST_WITHOUT) is skipped with its reason while every
# other check still runs, on any host; and the sjtest invocations that the
# README and sjtest(1) show work as written.

# bin, ia32, NOIA32: atf/subr.sh.
. "$(atf_get_srcdir)/subr"

SJTEST="@abs_top_builddir@/sjtest/sjtest"
CASES="@abs_top_builddir@/cases"
CATALOGUE="@abs_top_srcdir@/cases/catalogue"

# field NAME: the state sysjail -V gives for mechanism NAME.
field()
{
	sed -n "s/^$1  *\([^ ].*\)\$/\1/p" report | sed 's/  *without it:.*//;s/  *MISSING:.*//'
}

atf_test_case report
report_head()
{
	atf_set descr "sysjail -V lists every mechanism, and what it says of" \
	    "the kernel, IA-32, Landlock and the cgroups agrees with the host"
	atf_set require.user root
}
report_body()
{
	atf_check -o save:report "$(bin sysjail)" -V
	cat report
	for m in kernel seccomp-listener seccomp-addfd seccomp-wait-killable \
	    seccomp-sync-wakeup pidfd-getfd landlock landlock-ioctl-dev \
	    landlock-scopes ia32-emulation cgroup2 pids-controller \
	    cgroup-sock-addr cgroup-skb-egress cgroup-unix-hooks; do
		[ -n "$(field "${m}")" ] || atf_fail "no line for ${m}"
	done
	atf_check -o inline:"A jail can start on this host.\n" tail -n 1 report
	[ "$(field kernel)" = "$(uname -sr)" ] ||
	    atf_fail "kernel: '$(field kernel)', uname says '$(uname -sr)'"
	# IA-32: does a static i386 program of the build run?
	f="${CASES}/native/uname.i386"
	if [ -x "${f}" ]; then
		if env SJ_PROBE=1 "${f}" >/dev/null 2>&1; then want=yes
		else want=no; fi
		[ "$(field ia32-emulation)" = "${want}" ] ||
		    atf_fail "ia32-emulation: '$(field ia32-emulation)'," \
		    "but an i386 program runs: ${want}"
	fi
	# Landlock: listed among the active LSMs iff an ABI is reported.
	if [ -r /sys/kernel/security/lsm ]; then
		case ",$(cat /sys/kernel/security/lsm)," in
		*,landlock,*)	field landlock | grep -q '^ABI [1-9]' ||
		    atf_fail "Landlock is active, but: $(field landlock)" ;;
		*)		[ "$(field landlock)" = no ] ||
		    atf_fail "Landlock is not active, but: $(field landlock)" ;;
		esac
	fi
	# cgroup v2: where mountinfo says, and the pids controller where it is.
	v2=$(sed -n 's/^[^ ]* [^ ]* [^ ]* [^ ]* \([^ ]*\) .* - cgroup2 .*/\1/p' \
	    /proc/self/mountinfo | head -n 1)
	[ "$(field cgroup2)" = "${v2:-not mounted}" ] ||
	    atf_fail "cgroup2: '$(field cgroup2)', mountinfo: '${v2}'"
	v1=$(sed -n 's/^[^ ]* [^ ]* [^ ]* [^ ]* \([^ ]*\) .* - cgroup [^ ]* .*pids.*/\1/p' \
	    /proc/self/mountinfo | head -n 1)
	if [ -n "${v2}" ] && grep -qw pids "${v2}/cgroup.controllers"; then
		want="cgroup v2"
	elif [ -n "${v1}" ]; then
		want="cgroup v1 at ${v1}"
	else
		want=no
	fi
	[ "$(field pids-controller)" = "${want}" ] ||
	    atf_fail "pids-controller: '$(field pids-controller)', want '${want}'"
}

atf_test_case without_ia32
without_ia32_head()
{
	atf_set descr "SJTEST_WITHOUT=ia32: the i386 runs and the int \$0x80" \
	    "checks are skipped with the reason, and the other checks of" \
	    "the same fixtures still run and pass"
	atf_set require.user root
	atf_set timeout 300
}
without_ia32_body()
{
	export SJTEST_WITHOUT=ia32
	# Every check of int80 goes through the gate.
	atf_check -s exit:3 -o save:int80 "${SJTEST}" -p "$(bin sysjail)" \
	    -s "${CASES}" -c "${CATALOGUE}" -a x86_64 -m bare-root int80
	cat int80
	atf_check -o match:"^sjtest: skipped: no IA-32 emulation on this host" \
	    -o match:"^sjtest: 0 passed, 0 failed, 1 skipped\$" cat int80
	atf_check -s exit:1 grep -E ' (ok|FAIL)$' int80
	# An i386 run is not attempted.
	atf_check -s exit:3 -o match:"skipped: no IA-32 emulation on this host \(SJTEST_WITHOUT=ia32\)" \
	    "${SJTEST}" -p "$(bin sysjail)" -s "${CASES}" -c "${CATALOGUE}" \
	    -a i386 -m bare-root uname
	# priv: three checks skipped, the other ones judged, jailed and bare.
	for m in jailed-root bare-root; do
		atf_check -s exit:0 -o save:priv "${SJTEST}" \
		    -p "$(bin sysjail)" -s "${CASES}" -c "${CATALOGUE}" \
		    -a x86_64 -m "${m}" priv
		atf_check -o inline:"3\n" grep -c ' skipped: no IA-32' priv
		[ "$(grep -c ' ok$' priv)" -gt 50 ] ||
		    atf_fail "priv ${m}: the other checks did not run"
	done
	# Without the switch, the gate is used wherever the host has it.
	unset SJTEST_WITHOUT
	atf_check -s ignore -o save:plain "${SJTEST}" -p "$(bin sysjail)" \
	    -s "${CASES}" -c "${CATALOGUE}" -a x86_64 -m jailed-root priv
	if ia32; then
		atf_check -s exit:1 grep -c ' skipped:' plain
	else
		atf_check -o inline:"3\n" grep -c ' skipped: no IA-32' plain
	fi
}

atf_test_case examples
examples_head()
{
	atf_set descr "the README's sjtest example runs as written from the" \
	    "top of the build, also into a pipe, and TAP counts each test" \
	    "point once"
	atf_set require.user root
	atf_set timeout 300
}
examples_body()
{
	top="@abs_top_builddir@"
	[ -f "${top}/cases/catalogue" ] ||
	    atf_skip "the build is not in the source directory"
	(cd "${top}" && sjtest/sjtest -p src/sysjail -s sjtest/sjtest -c \
	    cases/catalogue uname) >out 2>&1
	rc=$?
	cat out
	[ ${rc} -eq 0 ] || atf_fail "exit status ${rc}"
	grep -q '^sjtest: [1-9][0-9]* passed, 0 failed' out ||
	    atf_fail "the closing line is wrong"
	(cd "${top}" && sjtest/sjtest -p src/sysjail -s sjtest/sjtest -c \
	    cases/catalogue -o tap uname | cat) >tap 2>&1
	plan=$(sed -n 's/^1\.\.//p' tap)
	points=$(grep -c -E '^(not )?ok ' tap)
	[ -n "${plan}" ] && [ "${plan}" -eq "${points}" ] ||
	    atf_fail "TAP plan 1..${plan}, ${points} test points"
	[ "$(grep -E '^(not )?ok ' tap | sort | uniq -d | wc -l)" -eq 0 ] ||
	    atf_fail "repeated test points"
}

atf_init_test_cases()
{
	atf_add_test_case report
	atf_add_test_case without_ia32
	atf_add_test_case examples
}
