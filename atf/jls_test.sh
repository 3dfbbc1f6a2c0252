#! @ATF_SH@
#
# jls_test: jls(1) as FreeBSD 5.1-7.1 jls(8), byte for byte.

HEADER="   JID  IP Address      Hostname                      Path"

# bin, mkroot: atf/subr.sh.
. "$(atf_get_srcdir)/subr"

# Starts a jail running sleep(1); its JID on stdout.  stopall ends them all:
# jail(1) passes SIGTERM on to the command.
start()
{
	rm -f "$1.jid"
	"$(bin jail)" -i "$2" "$1" 127.0.1.9 /bin/sleep 60 >"$1.jid" &
	echo $! >>jails
	i=0
	while [ ! -s "$1.jid" ] && [ ${i} -lt 100 ]; do
		sleep 0.1
		i=$((i + 1))
	done
	head -1 "$1.jid"
}

stopall()
{
	[ -f jails ] && kill -TERM $(cat jails) 2>/dev/null
	wait
	rm -f jails
}

atf_test_case usage
usage_head()
{
	atf_set descr "jls takes no options or operands"
}
usage_body()
{
	atf_check -s exit:1 -e inline:"usage: jls\n" "$(bin jls)" -x
	atf_check -s exit:1 -e inline:"usage: jls\n" "$(bin jls)" foo
}

atf_test_case rows cleanup
rows_head()
{
	atf_set descr "the header and printf(\"%6d  %-15.15s %-29.29s %.74s\") rows, newest first, gone when the jail ends"
	atf_set require.user root
}
rows_body()
{
	long=$(pwd)/a-directory-whose-name-is-long-enough-to-be-cut-at-seventy-four-characters
	mkroot "${long}" >/dev/null || atf_fail "mkroot failed"
	host=a-hostname-longer-than-twenty-nine-characters.example.org
	j1=$(start "${host}" "${long}")
	sleep 1.1	# a later start time: listed first
	j2=$(start second.example.org /)
	"$(bin jls)" >out
	{
		echo "${HEADER}"
		printf '%6d  %-15.15s %-29.29s %.74s\n' "${j2}" 127.0.1.9 \
		    second.example.org /
		printf '%6d  %-15.15s %-29.29s %.74s\n' "${j1}" 127.0.1.9 \
		    "${host}" "${long}"
	} >want
	# Other jails may run on this host: keep the header and our two rows.
	awk -v a="${j1}" -v b="${j2}" 'NR == 1 || $1 == a || $1 == b' out >got
	atf_check -o file:want cat got
	stopall
	"$(bin jls)" >after
	awk -v a="${j1}" -v b="${j2}" 'NR > 1 && ($1 == a || $1 == b)' after >left
	atf_check -o empty cat left
}
rows_cleanup()
{
	[ -f jails ] && kill -TERM $(cat jails) 2>/dev/null
	true
}

atf_test_case empty
empty_head()
{
	atf_set descr "nothing at all is printed when no jail runs"
	atf_set require.user root
	atf_set require.progs unshare
}
empty_body()
{
	# An empty jail database of our own, whatever runs on the host: a
	# fresh /run in a private mount namespace.
	atf_check -o empty -e empty unshare -m --propagation private \
	    sh -c 'mount -t tmpfs sjempty /run && exec "$0"' "$(bin jls)"
	# And the control: with a jail in that database, jls prints it.
	atf_check -o match:"^ +[0-9]+ +127\.0\.1\.1 +emptyctl +/\$" -e empty \
	    unshare -m --propagation private sh -c 'mount -t tmpfs sjempty /run &&
	    j=$("$1" -b -i -4 127.0.1.1 / emptyctl /bin/sleep 30) && "$0";
	    r=$?; kill -TERM $(sed -n "s/^pid=//p" /run/sysjail/$j); exit $r' \
	    "$(bin jls)" "$(bin sysjail)"
}

atf_init_test_cases()
{
	atf_add_test_case usage
	atf_add_test_case rows
	atf_add_test_case empty
}
