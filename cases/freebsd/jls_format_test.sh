#! @ATF_SH@
#
# jls_format_test: jls(1) against FreeBSD 5.1-7.1 usr.sbin/jls/jls.c,
# byte for byte: the header, then printf("%6d  %-15.15s %-29.29s %.74s\n")
# per jail, newest first.  atf/jls_test checks two rows and the cut of
# long values; these check each column at its boundary, the address
# column, a renamed jail, and several jails in order.  Only this test's
# own JIDs are looked at: other jails may run.

HEADER="   JID  IP Address      Hostname                      Path"

# bin, mkroot: atf/subr.sh.
. "$(atf_get_srcdir)/../../atf/subr"

# A jail root holding only the static probe, which can sleep: the path
# column is what is tested, and the tree only needs a command.
minroot()
{
	mkdir -p "$1/bin" && cp "$(atf_get_srcdir)/fbprobe" "$1/bin/" ||
	    atf_fail "cannot make $1"
}

# start path hostname ip: a jail sleeping (sleep(1) in /, the probe in a
# root of minroot's); its JID on stdout.
start()
{
	rm -f jid.tmp
	if [ "$1" = / ]; then
		set -- "$@" /bin/sleep 30
	else
		set -- "$@" /bin/fbprobe sleep 30
	fi
	"$(bin jail)" -i "$@" >jid.tmp &
	echo $! >>jails
	i=0
	while [ ! -s jid.tmp ] && [ ${i} -lt 100 ]; do
		sleep 0.1
		i=$((i + 1))
	done
	head -1 jid.tmp
}

stopall()
{
	[ -f jails ] && kill -TERM $(cat jails) 2>/dev/null
	wait
	rm -f jails
	true
}

# rows jid...: the header and the rows of these JIDs, in jls's order.
rows()
{
	"$(bin jls)" >all
	awk -v ids=" $* " 'NR == 1 || index(ids, " " $1 " ")' all
}

row()
{
	printf '%6d  %-15.15s %-29.29s %.74s\n' "$@"
}

atf_test_case header_bytes cleanup
header_bytes_head()
{
	atf_set descr "the header line, byte for byte, printed once whatever the number of jails"
	atf_set require.user root
}
header_bytes_body()
{
	j=$(start / fbsd-hdr 127.0.77.3)
	"$(bin jls)" >all
	printf '%s\n' "${HEADER}" >want
	atf_check -o file:want head -1 all
	atf_check_equal 1 "$(grep -c 'JID  IP Address' all)"
	stopall
}
header_bytes_cleanup()
{
	stopall
}

atf_test_case hostname_width cleanup
hostname_width_head()
{
	atf_set descr "%-29.29s: a hostname of 28 is padded, of 29 fills the column, of 30 is cut to 29"
	atf_set require.user root
}
hostname_width_body()
{
	h28=abcdefghij.abcdefghij.abcdef
	h29=${h28}g
	h30=${h29}h
	a=$(start / "${h28}" 127.0.77.3)
	b=$(start / "${h29}" 127.0.77.3)
	c=$(start / "${h30}" 127.0.77.3)
	rows "${a}" "${b}" "${c}" >got
	atf_check_equal 4 "$(wc -l <got)"
	for x in "${a} ${h28}" "${b} ${h29}" "${c} ${h29}"; do
		row ${x%% *} 127.0.77.3 "${x#* }" / >want
		grep -qxF "$(cat want)" got || atf_fail "no row '$(cat want)' in: $(cat got)"
	done
	stopall
}
hostname_width_cleanup()
{
	stopall
}

atf_test_case path_width cleanup
path_width_head()
{
	atf_set descr "%.74s: a path of 73 or 74 characters is shown whole, of 75 cut to 74"
	atf_set require.user root
}
path_width_body()
{
	base=$(pwd)/
	n=$((73 - ${#base}))
	[ ${n} -gt 2 ] || atf_skip "the work directory's name is too long"
	p73=${base}$(printf 'p%.0s' $(seq ${n}))
	p74=${p73}q
	p75=${p74}r
	for p in "${p73}" "${p74}" "${p75}"; do minroot "${p}"; done
	a=$(start "${p73}" fbsd-p 127.0.77.3)
	b=$(start "${p74}" fbsd-p 127.0.77.3)
	c=$(start "${p75}" fbsd-p 127.0.77.3)
	rows "${a}" "${b}" "${c}" >got
	for x in "${a} ${p73}" "${b} ${p74}" "${c} ${p74}"; do
		row ${x%% *} 127.0.77.3 fbsd-p "${x#* }" >want
		grep -qxF "$(cat want)" got || atf_fail "no row '$(cat want)' in: $(cat got)"
	done
	stopall
}
path_width_cleanup()
{
	stopall
}

atf_test_case address_width cleanup
address_width_head()
{
	atf_set descr "%-15.15s: a 15-character address fills its column, a short one is padded"
	atf_set require.user root
}
address_width_body()
{
	a=$(start / fbsd-a 192.168.123.234)
	b=$(start / fbsd-b 10.0.0.1)
	rows "${a}" "${b}" >got
	printf '%s\n%6d  192.168.123.234 fbsd-a%23s /\n' "${HEADER}" "${a}" "" >want1
	atf_check -o file:want1 awk -v a="${a}" 'NR == 1 || $1 == a' got
	atf_check -o match:"^ *${b}  10.0.0.1        fbsd-b +/\$" cat got
	stopall
}
address_width_cleanup()
{
	stopall
}

atf_test_case newest_first cleanup
newest_first_head()
{
	atf_set descr "several jails: one row each, the most recently created first, as FreeBSD's prison list"
	atf_set require.user root
}
newest_first_body()
{
	a=$(start / fbsd-first 127.0.77.3)
	sleep 1.1
	b=$(start / fbsd-second 127.0.77.4)
	sleep 1.1
	c=$(start / fbsd-third 127.0.77.5)
	{
		echo "${HEADER}"
		row "${c}" 127.0.77.5 fbsd-third /
		row "${b}" 127.0.77.4 fbsd-second /
		row "${a}" 127.0.77.3 fbsd-first /
	} >want
	rows "${a}" "${b}" "${c}" >got
	atf_check -o file:want cat got
	stopall
}
newest_first_cleanup()
{
	stopall
}

atf_test_case renamed_jail cleanup
renamed_jail_head()
{
	atf_set descr "the hostname column is the jail's current name: jailed root's sethostname shows (FreeBSD's pr_host)"
	atf_set require.user root
}
renamed_jail_body()
{
	"$(bin jail)" -i / fbsd-before 127.0.77.3 /bin/sh -c \
	    "hostname fbsd-after; echo renamed >$(pwd)/done; sleep 30" >jid.tmp &
	echo $! >>jails
	i=0
	while [ ! -s done ] && [ ${i} -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
	j=$(cat jid.tmp)
	{ echo "${HEADER}"; row "${j}" 127.0.77.3 fbsd-after /; } >want
	rows "${j}" >got
	atf_check -o file:want cat got
	# The host's own name is not the jail's.
	[ "$(uname -n)" != fbsd-after ] || atf_fail "the host was renamed"
	stopall
}
renamed_jail_cleanup()
{
	stopall
}

atf_test_case first_address_or_dash cleanup
first_address_or_dash_head()
{
	atf_set descr "the address column: a jail's first IPv4 address only, and - for a jail without one (sysjail(1))"
	atf_set require.user root
}
first_address_or_dash_body()
{
	minroot r
	S=$(bin sysjail)
	atf_check -o save:a "${S}" -b -i -4 127.0.77.6 -4 127.0.77.7 r fbsd-two \
	    /bin/fbprobe sleep 30
	atf_check -o save:b "${S}" -b -i r fbsd-none /bin/fbprobe sleep 30
	cat a b >ids
	rows "$(cat a)" "$(cat b)" >got
	atf_check -o match:"^ *$(cat a)  127.0.77.6      fbsd-two +$(pwd)/r\$" cat got
	atf_check -o match:"^ *$(cat b)  -               fbsd-none +$(pwd)/r\$" cat got
	first_address_or_dash_cleanup
}
first_address_or_dash_cleanup()
{
	for j in $(cat ids 2>/dev/null); do
		sup=$(sed -n 's/^supervisor=//p' "/run/sysjail/${j}" 2>/dev/null)
		[ -n "${sup}" ] && kill -TERM "${sup}"
	done 2>/dev/null
	true
}

atf_init_test_cases()
{
	atf_add_test_case header_bytes
	atf_add_test_case hostname_width
	atf_add_test_case path_width
	atf_add_test_case address_width
	atf_add_test_case newest_first
	atf_add_test_case renamed_jail
	atf_add_test_case first_address_or_dash
}
