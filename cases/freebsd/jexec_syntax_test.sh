#! @ATF_SH@
#
# jexec_syntax_test: jexec(1) against FreeBSD 6.x jexec(8) and its
# usr.sbin/jexec/jexec.c: the synopsis and getopt(3) rules, -u from the
# host's password database and -U from the jail's, the command looked up
# in PATH by execvp(3), run in the jail's root.  atf/jexec_test checks the
# bare usage cases, bad and unknown JIDs, exit statuses and the
# environment; these do not repeat them.

USAGE="usage: jexec [-u username | -U username] jail command ..."
IP=127.0.77.8

# bin, mkroot: atf/subr.sh.
. "$(atf_get_srcdir)/../../atf/subr"

# start path hostname: a jail sleeping; its JID in $j.
start()
{
	"$(bin jail)" -i "$1" "$2" "${IP}" /bin/sleep 60 >jid &
	echo $! >jailpid
	i=0
	while [ ! -s jid ] && [ ${i} -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
	[ -s jid ] || atf_fail "the jail did not start"
	j=$(cat jid)
}

stop()
{
	[ -f jailpid ] && kill -TERM "$(cat jailpid)" 2>/dev/null
	wait
	true
}

atf_test_case option_arguments
option_arguments_head()
{
	atf_set descr "synopsis: -u and -U take an argument, and exclude each other in either order"
}
option_arguments_body()
{
	X=$(bin jexec)
	for o in u U; do
		atf_check -s exit:1 -e save:err "${X}" -${o}
		atf_check -o match:"requires an argument -- '${o}'" head -1 err
		atf_check -o inline:"${USAGE}\n" tail -n +2 err
	done
	atf_check -s exit:1 -e inline:"${USAGE}\n" "${X}" -U a -u b 1 /bin/true
}

atf_test_case options_end_at_jid cleanup
options_end_at_jid_head()
{
	atf_set descr "getopt: options end at the jid; what follows the command is the command's own"
	atf_set require.user root
}
options_end_at_jid_body()
{
	start / fbsd-jx
	atf_check -o inline:"-u nobody\n" "$(bin jexec)" "${j}" /bin/echo -u nobody
	atf_check -o inline:"0\n" "$(bin jexec)" -- "${j}" /usr/bin/id -u
	stop
}
options_end_at_jid_cleanup()
{
	stop
}

atf_test_case path_search cleanup
path_search_head()
{
	atf_set descr "execvp(3): the command is looked up in the PATH jexec is given, inside the jail"
	atf_set require.user root
}
path_search_body()
{
	start / fbsd-jx
	mkdir d
	printf '#!/bin/sh\necho found in d\n' >d/fbsd-cmd
	chmod +x d/fbsd-cmd
	atf_check -o inline:"found in d\n" env PATH="$(pwd)/d:/usr/bin:/bin" \
	    "$(bin jexec)" "${j}" fbsd-cmd
	atf_check -s exit:1 -e inline:"jexec: execvp: fbsd-cmd: No such file or directory\n" \
	    env PATH=/usr/bin:/bin "$(bin jexec)" "${j}" fbsd-cmd
	stop
}
path_search_cleanup()
{
	stop
}

atf_test_case jail_root cleanup
jail_root_head()
{
	atf_set descr "jexec.c chdir(\"/\"): the command runs at the root of the jail's own tree, not the host's"
	atf_set require.user root
}
jail_root_body()
{
	mkroot root >/dev/null || atf_fail "mkroot failed"
	start root fbsd-jx
	atf_check -o inline:"/\n/.sysjail-mkroot\n" "$(bin jexec)" "${j}" /bin/sh -c \
	    'pwd; ls /.sysjail-mkroot'
	# A host program is not there.
	atf_check -s exit:1 -e match:"execvp: /usr/bin/stat: No such file" \
	    "$(bin jexec)" "${j}" /usr/bin/stat /
	stop
}
jail_root_cleanup()
{
	stop
}

atf_test_case users_from_each_database cleanup
users_from_each_database_head()
{
	atf_set descr "-U takes the user and groups from the jail's /etc/passwd and /etc/group, -u from the host's"
	atf_set require.user root
}
users_from_each_database_body()
{
	mkroot root >/dev/null || atf_fail "mkroot failed"
	start root fbsd-jx
	atf_check -o inline:"uid=1001(jailuser) gid=1001(jailuser) groups=1001(jailuser),50(staff)\n" \
	    "$(bin jexec)" -U jailuser "${j}" /usr/bin/id
	atf_check -s exit:1 -e inline:"jexec: jailuser: no such user\n" \
	    "$(bin jexec)" -u jailuser "${j}" /usr/bin/id
	# The host's nobody, with the host's groups, by number inside.
	atf_check -o inline:"$(id -u nobody) $(id -g nobody)\n" \
	    "$(bin jexec)" -u nobody "${j}" /bin/sh -c 'echo $(id -u) $(id -g)'
	stop
}
users_from_each_database_cleanup()
{
	stop
}

atf_test_case sees_new_hostname cleanup
sees_new_hostname_head()
{
	atf_set descr "the command joins the running jail: a hostname its root changed is the one jexec's command sees"
	atf_set require.user root
}
sees_new_hostname_body()
{
	start / fbsd-jx
	atf_check "$(bin jexec)" "${j}" hostname fbsd-jx-renamed
	atf_check -o inline:"fbsd-jx-renamed\n" "$(bin jexec)" "${j}" hostname
	[ "$(hostname)" != fbsd-jx-renamed ] || atf_fail "the host was renamed"
	stop
}
sees_new_hostname_cleanup()
{
	stop
}

atf_init_test_cases()
{
	atf_add_test_case option_arguments
	atf_add_test_case options_end_at_jid
	atf_add_test_case path_search
	atf_add_test_case jail_root
	atf_add_test_case users_from_each_database
	atf_add_test_case sees_new_hostname
}
