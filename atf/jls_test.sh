#! @ATF_SH@
#
# jls_test: jls(1) as FreeBSD 5.1-7.1 jls(8), byte for byte, with no
# option or operand; as today's FreeBSD jls(8) with parameters, -n, -s, -j.

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

USAGE="usage: jls [-ns] [-j jail] [parameter ...]"

atf_test_case usage
usage_head()
{
	atf_set descr "a bad option gives the synopsis; an unknown parameter is named"
}
usage_body()
{
	atf_check -s exit:1 -e save:err "$(bin jls)" -x
	grep -Fqx "${USAGE}" err || atf_fail "no usage for -x"
	atf_check -s exit:1 -e inline:"jls: unknown parameter: foo\n" \
	    "$(bin jls)" foo
	atf_check -s exit:1 -e inline:"jls: unknown parameter: foo\n" \
	    "$(bin jls)" -n jid foo
}

atf_test_case names cleanup
names_head()
{
	atf_set descr "jls -n and parameters as today's FreeBSD jls: a jail's name (its JID when it has none), values quoted for sh(1); -j by name or JID, FreeBSD 6's table for one jail; an unknown jail named"
	atf_set require.user root
}
names_body()
{
	S=$(bin sysjail)
	L=$(bin jls)
	atf_check -o save:j1 "${S}" -b -i -n web -4 127.0.1.51 -a sysvipc \
	    / "web host" /bin/sleep 60
	atf_check -o save:j2 "${S}" -b -i / plain /bin/sleep 60
	j1=$(cat j1)
	j2=$(cat j2)
	atf_check -o inline:"jid=${j1} name=web path=/ host.hostname='web host' ip4.addr=127.0.1.51 ip6.addr= allow.sysvipc allow.noraw_sockets maxproc=1024\n" \
	    "${L}" -n -j web jid name path host.hostname ip4.addr ip6.addr \
	    allow.sysvipc allow.raw_sockets maxproc
	# Without -n, the values alone; an empty one still a column.
	atf_check -o inline:"${j1} web 'web host' '' true\n" \
	    "${L}" -j web jid name host.hostname ip6.addr allow.sysvipc
	# No name: the JID is the name, and -j takes either.
	atf_check -o inline:"${j2} plain\n" "${L}" -j "${j2}" name \
	    host.hostname
	atf_check -o inline:"web 'web host'\n" "${L}" -j "${j1}" name \
	    host.hostname
	# -n alone: every parameter, jid first.
	atf_check -o match:"^jid=${j1} name=web path=/ host.hostname='web host' ip4.addr=127.0.1.51 ip6.addr= .*allow.sysvipc .*maxproc=1024\$" \
	    "${L}" -n -j web
	# Every jail, one line each: both are there.
	"${L}" name >names
	atf_check -o match:"^web\$" -o match:"^${j2}\$" cat names
	# -j alone: FreeBSD 6's table, that jail's row only.
	atf_check -o inline:"${HEADER}\n$(printf '%6d  %-15.15s %-29.29s %.74s' \
	    "${j1}" 127.0.1.51 "web host" /)\n" "${L}" -j web
	atf_check -s exit:1 -o empty -e inline:"jls: jail \"nope\" not found\n" \
	    "${L}" -j nope
	atf_check -s exit:1 -o empty -e inline:"jls: jail \"web host\" not found\n" \
	    "${L}" -j "web host"
}
names_cleanup()
{
	"$(bin jail)" -r web >/dev/null 2>&1
	[ -s j2 ] && "$(bin jail)" -r "$(cat j2)" >/dev/null 2>&1
	true
}

atf_test_case roundtrip cleanup
roundtrip_head()
{
	atf_set descr "jls -s prints what jail -c takes back (no jid, no unset address): a jail removed and made again from it prints the same"
	atf_set require.user root
}
roundtrip_body()
{
	J=$(bin jail)
	L=$(bin jls)
	atf_check -o ignore "${J}" -i -c name=rt path=/ "host.hostname=rt host" \
	    ip4.addr=127.0.1.52 allow.sysvipc allow.noraw_sockets maxproc=77 \
	    "exec.start=sleep 600 >/dev/null 2>&1 &"
	"${L}" -s -j rt >s1
	atf_check -o match:"^name=rt path=/ host.hostname='rt host' ip4.addr=127.0.1.52 .*allow.sysvipc .*allow.noraw_sockets .*maxproc=77\$" \
	    cat s1
	atf_check -o not-match:"jid=|ip6.addr" cat s1
	atf_check -s exit:0 -o empty -e empty "${J}" -r rt
	atf_check -s exit:1 -e inline:"jls: jail \"rt\" not found\n" "${L}" -j rt
	eval "atf_check -o ignore \"\${J}\" -c $(cat s1) \
	    'exec.start=sleep 600 >/dev/null 2>&1 &'"
	atf_check -o file:s1 "${L}" -s -j rt
	atf_check -s exit:0 -o empty -e empty "${J}" -r rt
}
roundtrip_cleanup()
{
	"$(bin jail)" -r rt >/dev/null 2>&1
	true
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

atf_test_case everyone cleanup
everyone_head()
{
	atf_set descr "jls lists the jails to every user, as on FreeBSD; jail(1) and jexec(1) tell a user that they need root; the registry's locks stay root's"
	atf_set require.user root
	atf_set require.progs setpriv
	atf_set timeout 60
}
everyone_body()
{
	mkdir -m 755 reg
	R="$(pwd)/reg"
	chmod 755 .
	"$(bin sysjail)" -b -j "${R}" -n everyone / everyone.example \
	    /bin/sleep 60 || atf_fail "sysjail -b"
	as="setpriv --reuid=65534 --regid=65534 --clear-groups env SYSJAIL_DBDIR=${R}"
	atf_check -o match:"^ *1  -  *everyone.example  */\$" ${as} "$(bin jls)"
	atf_check -o match:"name=everyone " ${as} "$(bin jls)" -n
	atf_check -s exit:1 -e inline:"jail: starting a jail needs root\n" \
	    ${as} "$(bin jail)" / h 127.0.1.1 /bin/true
	atf_check -s exit:1 -e inline:"jexec: entering a jail needs root\n" \
	    ${as} "$(bin jexec)" everyone /bin/true
	atf_check -o match:"^-rw-------" ls -l reg/1.lock
	atf_check -o match:"^-rw-r--r--" ls -l reg/1
}
everyone_cleanup()
{
	[ -d reg ] && SYSJAIL_DBDIR="$(pwd)/reg" "$(bin jail)" -r everyone \
	    >/dev/null 2>&1
	true
}

atf_init_test_cases()
{
	atf_add_test_case usage
	atf_add_test_case names
	atf_add_test_case roundtrip
	atf_add_test_case rows
	atf_add_test_case empty
	atf_add_test_case everyone
}
