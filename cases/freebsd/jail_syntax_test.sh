#! @ATF_SH@
#
# jail_syntax_test: jail(1) against FreeBSD 6.x jail(8), statement by
# statement of its manual and of usr.sbin/jail/jail.c: the synopsis and
# getopt(3) rules, each malformed invocation's usage line and exit status,
# -i, the -J JidFile line, -l with -u or -U, and the operands path,
# hostname, ip-number and command.  atf/jail_test already checks the
# bare usage cases, the common errors, exit statuses and -l -u; these do
# not repeat them.

USAGE="usage: jail [-i] [-J jid_file] [-l -u username | -U username] path hostname ip-number command ..."
IP=127.0.77.2
DB=/run/sysjail

# bin, mkroot: atf/subr.sh.
. "$(atf_get_srcdir)/../../atf/subr"

atf_test_case operand_count
operand_count_head()
{
	atf_set descr "jail.c: fewer than four operands (path hostname ip-number command) is a usage error, exit 1"
	atf_set require.user root
}
operand_count_body()
{
	J=$(bin jail)
	atf_check -s exit:1 -e inline:"${USAGE}\n" "${J}" /
	atf_check -s exit:1 -e inline:"${USAGE}\n" "${J}" / h
	atf_check -s exit:1 -e inline:"${USAGE}\n" "${J}" -i -J x / h "${IP}"
	[ ! -e x ] || atf_fail "a usage error created the JidFile"
}

atf_test_case option_arguments
option_arguments_head()
{
	atf_set descr "synopsis: -J, -u and -U take an argument; without one, getopt complains and the usage line follows"
	atf_set require.user root
}
option_arguments_body()
{
	J=$(bin jail)
	for o in J u U; do
		atf_check -s exit:1 -e save:err "${J}" -${o}
		atf_check -o match:"requires an argument -- '${o}'" head -1 err
		atf_check -o inline:"${USAGE}\n" tail -n +2 err
	done
}

atf_test_case exclusive_users
exclusive_users_head()
{
	atf_set descr "synopsis: -u and -U exclude each other in either order; -l needs one of them"
	atf_set require.user root
}
exclusive_users_body()
{
	J=$(bin jail)
	atf_check -s exit:1 -e inline:"${USAGE}\n" \
	    "${J}" -U root -u root / h "${IP}" /bin/true
	atf_check -s exit:1 -e inline:"${USAGE}\n" \
	    "${J}" -l -i / h "${IP}" /bin/true
	# -l -U and -l -u are both well formed.
	atf_check -o inline:"/root\n" "${J}" -l -U root / h "${IP}" /bin/pwd
}

atf_test_case options_end_at_path
options_end_at_path_head()
{
	atf_set descr "getopt: options end at the first operand; what follows the command is the command's own"
	atf_set require.user root
}
options_end_at_path_body()
{
	J=$(bin jail)
	atf_check -o inline:"-i -J x\n" "${J}" / h "${IP}" /bin/echo -i -J x
	[ ! -e x ] || atf_fail "an argument of the command was taken as -J"
	# "--" ends the options too.
	atf_check -o inline:"ok\n" "${J}" -- / h "${IP}" /bin/echo ok
}

atf_test_case i_prints_jid cleanup
i_prints_jid_head()
{
	atf_set descr "-i: the identifier of the new jail, alone on a line, as jls lists it"
	atf_set require.user root
}
i_prints_jid_body()
{
	J=$(bin jail)
	"${J}" -i / fbsd-i.example.org "${IP}" /bin/sleep 30 >out &
	echo $! >jailpid
	i=0
	while [ ! -s out ] && [ ${i} -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
	atf_check -o match:"^[1-9][0-9]*\$" cat out
	jid=$(cat out)
	atf_check -o match:"^ *${jid}  ${IP} +fbsd-i.example.org +/\$" "$(bin jls)"
	kill -TERM "$(cat jailpid)"
	wait
	# Printed once, on the standard output only, with a command that
	# prints nothing.
	atf_check -o match:"^[1-9][0-9]*\$" -e empty "${J}" -i / h "${IP}" /bin/true
}
i_prints_jid_cleanup()
{
	[ -f jailpid ] && kill -TERM "$(cat jailpid)" 2>/dev/null
	true
}

atf_test_case jidfile_format cleanup
jidfile_format_head()
{
	atf_set descr "-J: jid, realpath(3) of path, hostname, ip-number and command name, tab-separated on one line"
	atf_set require.user root
}
jidfile_format_body()
{
	J=$(bin jail)
	mkroot a >/dev/null || atf_fail "mkroot failed"
	mkdir a/b
	ln -s a/b link
	# path through a symlink and "..": written resolved; ip-number and
	# hostname as given; only the command's first word.
	"${J}" -i -J jf link/../b/.. h.example.org "${IP}" /bin/sh -c \
	    'sleep 30' arg >jid &
	echo $! >jailpid
	i=0
	while [ ! -s jid ] && [ ${i} -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
	cp jf copy
	kill -TERM "$(cat jailpid)"
	wait
	printf '%s\t%s\t%s\t%s\t%s\n' "$(cat jid)" "$(pwd)/a" h.example.org \
	    "${IP}" /bin/sh >want
	atf_check -o file:want cat copy
}
jidfile_format_cleanup()
{
	[ -f jailpid ] && kill -TERM "$(cat jailpid)" 2>/dev/null
	true
}

atf_test_case jidfile_truncated
jidfile_truncated_head()
{
	atf_set descr "-J: an existing file is truncated and rewritten (fopen \"w\"), never appended to"
	atf_set require.user root
}
jidfile_truncated_body()
{
	J=$(bin jail)
	printf 'old line 1\nold line 2\nold line 3\n' >jf
	# jail(1) writes the file once the command has started (a documented
	# difference): the command waits for the JID line before copying.
	atf_check "${J}" -J jf / h "${IP}" /bin/sh -c "i=0; until grep -q \
	    '^[1-9]' $(pwd)/jf || [ \${i} -gt 100 ]; do sleep 0.05; \
	    i=\$((i + 1)); done; cp $(pwd)/jf $(pwd)/copy"
	atf_check -o match:"^[1-9][0-9]*	/	h	${IP}	/bin/sh\$" cat copy
	atf_check_equal 1 "$(wc -l <copy)"
}

atf_test_case jidfile_uncreatable
jidfile_uncreatable_head()
{
	atf_set descr "-J: \"Could not create JidFile\", exit 1, before any jail is made"
	atf_set require.user root
}
jidfile_uncreatable_body()
{
	J=$(bin jail)
	atf_check -s exit:1 -e inline:"jail: Could not create JidFile: $(pwd)/no/jf\n" \
	    "${J}" -J "$(pwd)/no/jf" / fbsd-nojf "${IP}" /bin/true
	if grep -l "^hostname=fbsd-nojf\$" "${DB}"/* 2>/dev/null; then
		atf_fail "a jail was recorded"
	fi
	true
}

atf_test_case login_jail_user
login_jail_user_head()
{
	atf_set descr "-l -U: the jail's own user, HOME and SHELL from the jail's password file, started in its home"
	atf_set require.user root
}
login_jail_user_body()
{
	J=$(bin jail)
	mkroot root >/dev/null || atf_fail "mkroot failed"
	atf_check -o inline:"HOME=/home/jailuser SHELL=/bin/sh USER=jailuser FOO=\n/home/jailuser\n" \
	    env -i FOO=bar "${J}" -l -U jailuser root h "${IP}" /bin/sh -c \
	    'echo "HOME=$HOME SHELL=$SHELL USER=$USER FOO=$FOO"; pwd'
	# The host has no jailuser: -u looks there and fails.
	atf_check -s exit:1 -e inline:"jail: jailuser: no such user\n" \
	    "${J}" -l -u jailuser root h "${IP}" /bin/pwd
}

atf_test_case login_no_home
login_no_home_head()
{
	atf_set descr "-l: \"no home directory\" and exit 1 when the user's home cannot be entered"
	atf_set require.user root
}
login_no_home_body()
{
	J=$(bin jail)
	mkroot root >/dev/null || atf_fail "mkroot failed"
	# nobody's home in the jail's password file is /nonexistent.
	atf_check -s exit:1 -e inline:"jail: no home directory\n" \
	    "${J}" -l -U nobody root h "${IP}" /bin/true
}

atf_test_case bad_ip_number
bad_ip_number_head()
{
	atf_set descr "ip-number: anything that is no IPv4 address is \"Could not make sense of ip-number\", exit 1"
	atf_set require.user root
}
bad_ip_number_body()
{
	J=$(bin jail)
	for a in 256.1.1.1 1.2.3.4.5 a.b.c.d ::1 "" " 1.2.3.4"; do
		atf_check -s exit:1 \
		    -e inline:"jail: Could not make sense of ip-number: ${a}\n" \
		    "${J}" / h "${a}" /bin/true
	done
}

atf_test_case path_operand
path_operand_head()
{
	atf_set descr "path: resolved with realpath(3), relative or through symlinks, and becomes the jail's root"
	atf_set require.user root
}
path_operand_body()
{
	J=$(bin jail)
	mkroot root >/dev/null || atf_fail "mkroot failed"
	ln -s root rootlink
	# The jail's "/" is the tree mkroot built: its marker is at the top.
	atf_check -o inline:"/.sysjail-mkroot\n" "${J}" rootlink h "${IP}" \
	    /bin/ls /.sysjail-mkroot
	atf_check -s exit:1 -e inline:"jail: realpath: nope: No such file or directory\n" \
	    "${J}" nope h "${IP}" /bin/true
}

atf_test_case hostname_operand
hostname_operand_head()
{
	atf_set descr "hostname: taken as given, empty or not, and reported by uname(2) in the jail"
	atf_set require.user root
}
hostname_operand_body()
{
	J=$(bin jail)
	h64=$(printf 'h%.0s' $(seq 64))
	atf_check -o inline:"${h64}\n" "${J}" / "${h64}" "${IP}" /bin/uname -n
	atf_check -o inline:"\n" "${J}" / "" "${IP}" /bin/uname -n
	atf_check -o inline:"with space\n" "${J}" / "with space" "${IP}" /bin/uname -n
}

atf_test_case command_operand
command_operand_head()
{
	atf_set descr "command: a path name inside the jail run by execv(3): no PATH search, no host file"
	atf_set require.user root
}
command_operand_body()
{
	J=$(bin jail)
	atf_check -s exit:1 -e inline:"jail: execv: true: No such file or directory\n" \
	    env PATH=/bin:/usr/bin "${J}" / h "${IP}" true
	mkroot root >/dev/null || atf_fail "mkroot failed"
	# On the host, not in the jail's tree.
	[ -x /usr/bin/stat ] || atf_skip "no /usr/bin/stat on the host"
	atf_check -s exit:1 -e inline:"jail: execv: /usr/bin/stat: No such file or directory\n" \
	    "${J}" root h "${IP}" /usr/bin/stat /
	atf_check -o ignore /usr/bin/stat /
}

atf_init_test_cases()
{
	atf_add_test_case operand_count
	atf_add_test_case option_arguments
	atf_add_test_case exclusive_users
	atf_add_test_case options_end_at_path
	atf_add_test_case i_prints_jid
	atf_add_test_case jidfile_format
	atf_add_test_case jidfile_truncated
	atf_add_test_case jidfile_uncreatable
	atf_add_test_case login_jail_user
	atf_add_test_case login_no_home
	atf_add_test_case bad_ip_number
	atf_add_test_case path_operand
	atf_add_test_case hostname_operand
	atf_add_test_case command_operand
}
