#! @ATF_SH@
#
# jexec_test: jexec(1) as FreeBSD 6.x jexec(8): a command run in a running
# jail is confined, listed and signalled as the jail's own processes are.

USAGE="usage: jexec [-u username | -U username] jail command ..."
DB=/run/sysjail

# bin, mkroot: atf/subr.sh.
. "$(atf_get_srcdir)/subr"

# Starts a jail rooted at / running sleep; its JID in the file jid and in
# $j, its jail(1) process (a child of the test's shell) in jailpid.
start()
{
	"$(bin jail)" -i / "$1" 127.0.1.1 /bin/sleep 60 >jid &
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

atf_test_case usage
usage_head()
{
	atf_set descr "the synopsis on misuse; one-line errors for a bad or unknown JID"
}
usage_body()
{
	X=$(bin jexec)
	atf_check -s exit:1 -e inline:"${USAGE}\n" "${X}"
	atf_check -s exit:1 -e inline:"${USAGE}\n" "${X}" 1
	atf_check -s exit:1 -e inline:"${USAGE}\n" "${X}" -u a -U b 1 /bin/true
	atf_check -s exit:1 -e match:"invalid option" -e match:"^usage: jexec" \
	    "${X}" -x 1 /bin/true
	atf_check -s exit:1 -e inline:"jexec: jail \"x1\" not found\n" \
	    "${X}" x1 /bin/true
	atf_check -s exit:1 -e inline:"jexec: 65535: no such jail\n" \
	    "${X}" 65535 /bin/true
}

atf_test_case confined cleanup
confined_head()
{
	atf_set descr "a jexec'd command is jailed: host name, outside processes, the jail's processes"
	atf_set require.user root
}
confined_body()
{
	X=$(bin jexec)
	start jexec-host
	cmd=$(sed -n 's/^pid=//p' "${DB}/${j}")
	atf_check -o inline:"jexec-host\n" "${X}" "${j}" hostname
	# The host's processes do not exist; the jail's do, and may be signalled.
	atf_check -s exit:1 -e match:"No such process" \
	    "${X}" "${j}" /bin/sh -c "kill -0 $$"
	atf_check "${X}" "${j}" /bin/sh -c "kill -0 ${cmd}"
	atf_check -o match:"^ *${cmd}\$" -o not-match:"^ *$$\$" \
	    "${X}" "${j}" ps -e -o pid=
	# Its working directory is the jail's root, its environment ours.
	atf_check -o inline:"/\n" "${X}" "${j}" pwd
	SJ_MARK=yes atf_check -o inline:"yes\n" "${X}" "${j}" \
	    /bin/sh -c 'echo $SJ_MARK'
	# Standard streams are ours.
	echo through >in
	atf_check -o inline:"through\n" "${X}" "${j}" cat <in
	# Outside the jail, the same kill reaches this shell.
	atf_check /bin/sh -c "kill -0 $$"
	stop
}
confined_cleanup()
{
	stop
}

atf_test_case listed cleanup
listed_head()
{
	atf_set descr "a jexec'd process is listed with the jail's and keeps the jail alive"
	atf_set require.user root
}
listed_body()
{
	X=$(bin jexec)
	start jexec-list
	"${X}" "${j}" /bin/sleep 60 &
	x=$!
	i=0
	while [ "$("$(bin sjls)" -o nv "${j}" | sed -n 's/.* processes=\([0-9,]*\) .*/\1/p' |
	    tr , '\n' | grep -c .)" -lt 2 ] && [ ${i} -lt 50 ]; do
		sleep 0.1; i=$((i + 1))
	done
	[ ${i} -lt 50 ] || atf_fail "the jexec'd sleep is not listed"
	# The jail's command ends; the jail lives on with the jexec'd sleep.
	kill -TERM "$(sed -n 's/^pid=//p' "${DB}/${j}")"
	wait "$(cat jailpid)"
	atf_check -o match:"^ *${j} " "$(bin jls)"
	kill -TERM ${x}
	wait ${x}
	atf_check_equal 143 $?
	i=0
	while [ -f "${DB}/${j}" ] && [ ${i} -lt 50 ]; do sleep 0.1; i=$((i + 1)); done
	atf_check -s exit:1 -e inline:"jexec: ${j}: no such jail\n" \
	    "${X}" "${j}" /bin/true
}
listed_cleanup()
{
	stop
	pkill -f "sleep 60" -P "$(cat jailpid 2>/dev/null || echo 0)" 2>/dev/null
	true
}

atf_test_case users_status cleanup
users_status_head()
{
	atf_set descr "-u and -U choose the user; the command's exit status, 128+signal; exec errors"
	atf_set require.user root
}
users_status_body()
{
	X=$(bin jexec)
	start jexec-users
	atf_check -o inline:"65534\n" "${X}" -u nobody "${j}" id -u
	atf_check -o inline:"65534\n" "${X}" -U nobody "${j}" id -u
	atf_check -s exit:1 -e inline:"jexec: sjtest-nosuchuser: no such user\n" \
	    "${X}" -u sjtest-nosuchuser "${j}" /bin/true
	atf_check -s exit:3 "${X}" "${j}" /bin/sh -c 'exit 3'
	atf_check -s exit:137 "${X}" "${j}" /bin/sh -c 'kill -KILL $$'
	atf_check -s exit:1 \
	    -e inline:"jexec: execvp: /nonexistent: No such file or directory\n" \
	    "${X}" "${j}" /nonexistent
	# PATH is searched, as FreeBSD's jexec does.
	atf_check -o inline:"jexec-users\n" "${X}" "${j}" hostname
	stop
}
users_status_cleanup()
{
	stop
}

atf_test_case freebsd_session cleanup
freebsd_session_head()
{
	atf_set descr "jail -i, jls, jexec, kill inside, jls empty again: a FreeBSD 6 administrator's session"
	atf_set require.user root
}
freebsd_session_body()
{
	X=$(bin jexec)
	start www.example.org
	atf_check -o match:"^ *${j}  127.0.1.1 +www.example.org +/\$" "$(bin jls)"
	atf_check -o inline:"www.example.org\n" "${X}" "${j}" hostname
	atf_check -s ignore "${X}" "${j}" /bin/sh -c 'kill -TERM -1'
	wait "$(cat jailpid)"
	atf_check_equal 143 $?
	i=0
	while "$(bin jls)" | grep -q "^ *${j} " && [ ${i} -lt 50 ]; do
		sleep 0.1; i=$((i + 1))
	done
	atf_check -o not-match:"^ *${j} " "$(bin jls)"
}
freebsd_session_cleanup()
{
	stop
}

atf_test_case by_name cleanup
by_name_head()
{
	atf_set descr "jexec takes a jail's name as today's FreeBSD jexec does: the command runs in that jail (its host name, not the host's); a host name or an unknown name is no jail's name"
	atf_set require.user root
}
by_name_body()
{
	X=$(bin jexec)
	atf_check -o save:jid "$(bin sysjail)" -b -i -n jxname / \
	    jxname.example.org /bin/sleep 60
	atf_check -o inline:"jxname.example.org\n" "${X}" jxname hostname
	atf_check -o inline:"jxname.example.org\n" "${X}" "$(cat jid)" hostname
	# Bare, the same command answers with the host's name.
	atf_check -o inline:"$(hostname)\n" hostname
	atf_check -s exit:1 -o empty \
	    -e inline:"jexec: jail \"jxname.example.org\" not found\n" \
	    "${X}" jxname.example.org hostname
	atf_check -s exit:1 -o empty -e inline:"jexec: jail \"jxnam\" not found\n" \
	    "${X}" jxnam hostname
}
by_name_cleanup()
{
	"$(bin jail)" -r jxname >/dev/null 2>&1
	true
}

atf_test_case registry cleanup
registry_head()
{
	atf_set descr "with SYSJAIL_DBDIR, jls, sjls, jexec and jail -r find a jail that sysjail -j made in that registry, which they do not see without it"
	atf_set require.user root
	atf_set timeout 60
}
registry_body()
{
	mkdir -m 700 reg
	R="$(pwd)/reg"
	"$(bin sysjail)" -b -j "${R}" -n inreg / inreg.example /bin/sleep 60 ||
	    atf_fail "sysjail -b -j"
	atf_check -o not-match:"inreg" "$(bin jls)" -n
	atf_check -s exit:1 -e inline:"jexec: jail \"inreg\" not found\n" \
	    "$(bin jexec)" inreg /bin/hostname
	atf_check -o match:"name=inreg " env SYSJAIL_DBDIR="${R}" "$(bin jls)" -n
	atf_check -o match:"inreg.example" env SYSJAIL_DBDIR="${R}" "$(bin sjls)"
	atf_check -o inline:"inreg.example\n" env SYSJAIL_DBDIR="${R}" \
	    "$(bin jexec)" inreg /bin/hostname
	atf_check -s exit:1 -e inline:"jls: SYSJAIL_DBDIR: reg: not an absolute path\n" \
	    env SYSJAIL_DBDIR=reg "$(bin jls)"
	atf_check -s exit:0 -o empty -e empty env SYSJAIL_DBDIR="${R}" \
	    "$(bin jail)" -r inreg
	atf_check -o empty env SYSJAIL_DBDIR="${R}" "$(bin jls)" -n
}
registry_cleanup()
{
	[ -d reg ] && SYSJAIL_DBDIR="$(pwd)/reg" "$(bin jail)" -r inreg \
	    >/dev/null 2>&1
	true
}

atf_init_test_cases()
{
	atf_add_test_case usage
	atf_add_test_case confined
	atf_add_test_case listed
	atf_add_test_case users_status
	atf_add_test_case freebsd_session
	atf_add_test_case by_name
	atf_add_test_case registry
}
