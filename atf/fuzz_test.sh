#! @ATF_SH@
#
# fuzz_test: a short run of every libFuzzer harness of fuzz/ (ASan and
# UBSan, properties checked), and a self-test that a planted bug is found.
# `make fuzz` runs them for longer.  Skipped without clang and libFuzzer,
# or without a build tree.

SRCDIR="@abs_top_srcdir@"
BUILDDIR="@abs_top_builddir@"
# Seconds of fuzzing per harness: the whole program stays near a minute.
SECONDS_EACH=${FUZZ_TEST_SECONDS:-2}

# Builds harness $1 (the library objects once, for every case), or skips.
build()
{
	[ -f "${SRCDIR}/fuzz/run.sh" ] && [ -f "${BUILDDIR}/Makefile" ] ||
	    atf_skip "no build tree: the harnesses are built from one"
	sh "${SRCDIR}/fuzz/run.sh" build "${SRCDIR}" "${BUILDDIR}" "$1" \
	    >build.out 2>&1
	case $? in
	0) ;;
	77) atf_skip "$(tail -n 2 build.out | tr '\n' ' ')" ;;
	*) cat build.out >&2; atf_fail "building fuzz_$1 failed" ;;
	esac
}

# Fuzzes harness $1 for SECONDS_EACH; fails with its report if any.
fuzz()
{
	build "$1"
	if ! sh "${SRCDIR}/fuzz/run.sh" run "${SRCDIR}" "${BUILDDIR}" \
	    "${SECONDS_EACH}" "$1" >run.out 2>&1; then
		cat run.out >&2
		atf_fail "fuzz_$1 found a bug (input in ${BUILDDIR}/fuzz-out)"
	fi
	grep -q "fuzz_$1: Done [0-9]* runs" run.out ||
	    { cat run.out >&2; atf_fail "fuzz_$1 did not run"; }
}

harness()
{
	eval "atf_test_case $1
	$1_head() {
		atf_set descr 'fuzz_$1 for a few seconds: no sanitizer report, no failed property'
		atf_set timeout 120
	}
	$1_body() { fuzz $1; }"
}
for h in addr bind_policy capget jailconf log param record recvfds siginfo \
    sjls socketcall user; do
	harness "${h}"
done

atf_test_case selftest
selftest_head()
{
	atf_set descr "a planted heap overflow (fuzz_selftest -DFUZZ_PLANT) is reported, on the crashing input and by fuzzing from a seed that lacks it"
	atf_set timeout 120
}
selftest_body()
{
	build selftest
	h="${BUILDDIR}/fuzz-out/fuzz_selftest"
	# A harmless input passes: the harness itself is sound.
	atf_check -s exit:0 -o ignore -e ignore "${h}" \
	    "${SRCDIR}/fuzz/corpus/selftest/seed"
	# The crashing input is reported by a sanitizer.
	atf_check -s not-exit:0 -o ignore -e save:crash.err "${h}" \
	    "${SRCDIR}/fuzz/crash-selftest.bin"
	grep -Eq "AddressSanitizer|runtime error" crash.err ||
	    atf_fail "no sanitizer report for the planted bug"
	# And fuzzing finds it from "BU" alone, well within its time.
	mkdir corpus
	cp "${SRCDIR}/fuzz/corpus/selftest/seed" corpus/
	atf_check -s not-exit:0 -o ignore -e save:fuzz.err "${h}" \
	    -max_total_time=20 -artifact_prefix="$(pwd)/" corpus
	ls crash-* >/dev/null 2>&1 ||
	    atf_fail "libFuzzer did not find the planted bug"
}

atf_init_test_cases()
{
	for h in addr bind_policy capget jailconf log param record recvfds \
	    siginfo sjls socketcall user; do
		atf_add_test_case "${h}"
	done
	atf_add_test_case selftest
}
