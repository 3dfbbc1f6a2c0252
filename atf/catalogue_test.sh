#! @ATF_SH@
#
# catalogue_test: every (fixture, ABI, mode) of the conformance catalogue as
# its own test case, run by sjtest(1) against the built or installed jail(1).

paths()
{
	if [ -x "@abs_top_builddir@/src/jail" ]; then
		JAIL="@abs_top_builddir@/src/jail"
		SJTEST="@abs_top_builddir@/sjtest/sjtest"
		CASES="@abs_top_builddir@/cases"
		CATALOGUE="@abs_top_srcdir@/cases/catalogue"
	else
		JAIL="@bindir@/jail"
		SJTEST="@bindir@/sjtest"
		CASES="@pkglibexecdir@/cases"
		CATALOGUE="@pkgdatadir@/catalogue"
	fi
}

# One test case: sjtest exits 0 (pass), 1 (fail) or 3 (ABI not built/run).
runcase()
{
	paths
	"${SJTEST}" -v -p "${JAIL}" -s "${CASES}" -c "${CATALOGUE}" \
	    -a "$2" -m "$3" "$1" >out 2>&1
	rc=$?
	cat out
	case ${rc} in
	0)	;;
	3)	atf_skip "$1 is not built or not runnable for $2" ;;
	*)	atf_fail "$1 $2 $3: observed differs from the catalogue" ;;
	esac
}

atf_init_test_cases()
{
	paths
	"${SJTEST}" -l -c "${CATALOGUE}" | while read -r fix abi mode; do
		echo "${fix} ${abi} ${mode}"
	done >cases.list 2>/dev/null || true
	while read -r fix abi mode; do
		name=$(echo "${fix}__${abi}__${mode}" | tr -- '-.' '__')
		eval "${name}_head() {
			atf_set descr '${fix} on ${abi}, ${mode}'
			atf_set require.user root
			atf_set timeout 300
		}"
		eval "${name}_body() { runcase '${fix}' '${abi}' '${mode}'; }"
		atf_add_test_case "${name}"
	done <cases.list
	rm -f cases.list
}
