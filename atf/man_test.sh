#! @ATF_SH@
#
# man_test: the manuals are lint-clean, and every tool's usage() says
# exactly what its manual's SYNOPSIS says.

mandir()
{
	if [ -f "@abs_top_srcdir@/man/jail.1" ]; then
		echo "@abs_top_srcdir@/man"
	else
		echo "@mandir@"
	fi
}

atf_test_case lint
lint_head()
{
	atf_set descr "mandoc -Tlint -W warning finds nothing"
	atf_set require.progs mandoc
}
lint_body()
{
	d=$(mandir)
	pages=$(find "${d}" -name '*.[1-9]' -type f | sort)
	[ -n "${pages}" ] || atf_fail "no manuals in ${d}"
	# shellcheck disable=SC2086
	atf_check -s exit:0 -o empty -e empty mandoc -Tlint -W warning ${pages}
}

# The SYNOPSIS of a page, rendered and folded onto one line.
synopsis()
{
	mandoc -Tascii "$1" | col -b | sed -n '/^SYNOPSIS/,/^DESCRIPTION/p' |
	    sed '1d;$d' | tr -s ' \t\n' '   ' | sed 's/^ *//;s/ *$//'
}

# A usage message, folded onto one line as synopsis() folds the page's.
usage_of()
{
	"$@" 2>&1 >/dev/null | sed -n '/^usage: /,$p' | sed 's/^usage: //' |
	    tr -s ' \t\n' '   ' | sed 's/^ *//;s/ *$//'
}

tool()
{
	if [ -x "@abs_top_builddir@/$1" ]; then
		echo "@abs_top_builddir@/$1"
	else
		echo "@bindir@/$(basename "$1")"
	fi
}

# usage() of a tool (run with bad arguments) equals its page's SYNOPSIS.
same_usage()
{
	want=$(synopsis "$(mandir)/$1")
	shift
	got=$(usage_of "$@")
	[ "${want}" = "${got}" ] || atf_fail "SYNOPSIS '${want}' != usage '${got}'"
}

atf_test_case jail_usage
jail_usage_head()
{
	atf_set descr "jail(1) usage equals the SYNOPSIS of jail.1; the FreeBSD 6 form's usage line, its first form"
	atf_set require.progs "mandoc col"
}
jail_usage_body()
{
	# A modern command line's usage shows every form.
	same_usage jail.1 "$(tool src/jail)" -c -x
	want=$(synopsis "$(mandir)/jail.1" | sed 's/ jail \[-il\].*//')
	got=$(usage_of "$(tool src/jail)")
	[ "${want}" = "${got}" ] || atf_fail "SYNOPSIS '${want}' != usage '${got}'"
}

atf_test_case jls_usage
jls_usage_head()
{
	atf_set descr "jls(1) usage equals the SYNOPSIS of jls.1"
	atf_set require.progs "mandoc col"
}
jls_usage_body()
{
	same_usage jls.1 "$(tool src/jls)" -x
}

atf_test_case sjtest_usage
sjtest_usage_head()
{
	atf_set descr "sjtest(1) usage equals the SYNOPSIS of sjtest.1"
	atf_set require.progs "mandoc col"
}
sjtest_usage_body()
{
	same_usage sjtest.1 "$(tool sjtest/sjtest)" -x
}

atf_test_case sysjail_usage
sysjail_usage_head()
{
	atf_set descr "sysjail(1) usage, and -h's first lines, equal the SYNOPSIS of sysjail.1"
	atf_set require.progs "mandoc col"
}
sysjail_usage_body()
{
	same_usage sysjail.1 "$(tool src/sysjail)" -x
	want=$(synopsis "$(mandir)/sysjail.1")
	got=$("$(tool src/sysjail)" -h | sed '/^$/,$d' | sed 's/^usage: //' |
	    tr -s ' \t\n' '   ' | sed 's/^ *//;s/ *$//')
	[ "${want}" = "${got}" ] || atf_fail "SYNOPSIS '${want}' != -h '${got}'"
}

atf_test_case jexec_usage
jexec_usage_head()
{
	atf_set descr "jexec(1) usage equals the SYNOPSIS of jexec.1"
	atf_set require.progs "mandoc col"
}
jexec_usage_body()
{
	same_usage jexec.1 "$(tool src/jexec)"
}

atf_test_case sjls_usage
sjls_usage_head()
{
	atf_set descr "sjls(1) usage equals the SYNOPSIS of sjls.1"
	atf_set require.progs "mandoc col"
}
sjls_usage_body()
{
	same_usage sjls.1 "$(tool src/sjls)" -x
}

atf_init_test_cases()
{
	atf_add_test_case lint
	atf_add_test_case sysjail_usage
	atf_add_test_case sjls_usage
	atf_add_test_case jexec_usage
	atf_add_test_case jls_usage
	atf_add_test_case jail_usage
	atf_add_test_case sjtest_usage
}
