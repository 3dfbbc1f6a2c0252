#! @ATF_SH@
#
# differences_test: each behaviour in which jail(1), jexec(1) and jls(1)
# intentionally differ from FreeBSD 6.x jail(8), jexec(8) and 5.1-7.1
# jls(8), one case each, named after the difference and asserting what
# our manuals document (jail(1) CAVEATS, "Differences from FreeBSD").

IP=127.0.77.9

# bin, mkroot: atf/subr.sh.
. "$(atf_get_srcdir)/../../atf/subr"

# The probe, beside this program in the build tree and when installed.
P="$(atf_get_srcdir)/fbprobe"

atf_test_case jls_unknown_parameters_are_errors
jls_unknown_parameters_are_errors_head()
{
	atf_set descr "FreeBSD 6's jls ignored its arguments; ours takes today's parameters and rejects any other, exit 1"
}
jls_unknown_parameters_are_errors_body()
{
	atf_check -s exit:1 -e inline:"jls: unknown parameter: \n" "$(bin jls)" ""
	atf_check -s exit:1 -e inline:"jls: unknown parameter: x\n" \
	    "$(bin jls)" -- x
}

atf_test_case jexec_jid_must_be_a_number
jexec_jid_must_be_a_number_head()
{
	atf_set descr "FreeBSD's jexec took strtol(jid) as it came and failed in jail_attach(); ours checks a number first, and takes anything else for a name as today's jexec does"
}
jexec_jid_must_be_a_number_body()
{
	for j in 0 -3 65536; do
		atf_check -s exit:1 -e inline:"jexec: ${j}: not a jail identifier\n" \
		    "$(bin jexec)" -- "${j}" /bin/true
	done
	for j in 3x ""; do
		atf_check -s exit:1 -e inline:"jexec: jail \"${j}\" not found\n" \
		    "$(bin jexec)" -- "${j}" /bin/true
	done
}

atf_test_case jexec_execvp_message
jexec_execvp_message_head()
{
	atf_set descr "FreeBSD's jexec said \"execvp(): command\"; ours says \"execvp: command\", as jail(8) says \"execv:\""
	atf_set require.user root
}
jexec_execvp_message_body()
{
	"$(bin jail)" -i / fbsd-diff "${IP}" /bin/sleep 30 >jid &
	i=0
	while [ ! -s jid ] && [ ${i} -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
	atf_check -s exit:1 -e inline:"jexec: execvp: /etc: Permission denied\n" \
	    "$(bin jexec)" "$(cat jid)" /etc
	kill -TERM $!
	wait
	true
}

atf_test_case jexec_own_session
jexec_own_session_head()
{
	atf_set descr "FreeBSD's jexec became the command; ours has the jail's spawner start it, in a session of its own, and waits"
	atf_set require.user root
}
jexec_own_session_body()
{
	"$(bin jail)" -i / fbsd-diff "${IP}" /bin/sleep 30 >jid &
	i=0
	while [ ! -s jid ] && [ ${i} -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
	"$(bin jexec)" "$(cat jid)" /bin/sh -c \
	    'echo $$ $(cut -d" " -f6 /proc/$$/stat)' >out &
	x=$!
	wait ${x}
	read -r pid sid <out
	atf_check_equal "${pid}" "${sid}"
	[ "${pid}" != "${x}" ] || atf_fail "the command is jexec's own process"
	kill -TERM %1 2>/dev/null
	wait
	true
}

atf_test_case jail_stays_parent
jail_stays_parent_head()
{
	atf_set descr "FreeBSD's jail execs the command; ours stays, passes signals on, and exits with its status (128+signal)"
	atf_set require.user root
}
jail_stays_parent_body()
{
	"$(bin jail)" / fbsd-diff "${IP}" /bin/sh -c 'echo $$; exit 7' >out
	atf_check_equal 7 $?
	[ "$(cat out)" != "$!" ] || atf_fail "jail(1) became the command"
	atf_check -s exit:130 "$(bin jail)" / fbsd-diff "${IP}" /bin/sh -c \
	    'kill -INT $$'
}

atf_test_case jidfile_removed
jidfile_removed_head()
{
	atf_set descr "FreeBSD leaves the -J file behind; ours removes it when the command ends or cannot start"
	atf_set require.user root
}
jidfile_removed_body()
{
	# jail(1) writes the file once the command has started: wait for it.
	atf_check "$(bin jail)" -J jf / fbsd-diff "${IP}" /bin/sh -c \
	    "i=0; while [ ! -s $(pwd)/jf ] && [ \$i -lt 50 ]; do sleep 0.1; i=\$((i + 1)); done; test -s $(pwd)/jf"
	[ ! -e jf ] || atf_fail "the JidFile outlived the command"
	atf_check -s exit:1 -e match:"execv: /nonexistent" \
	    "$(bin jail)" -J jf / fbsd-diff "${IP}" /nonexistent
	[ ! -e jf ] || atf_fail "the JidFile outlived a failed start"
}

atf_test_case ip_number_dotted_quad_only
ip_number_dotted_quad_only_head()
{
	atf_set descr "FreeBSD parses ip-number with inet_aton(3); ours takes the dotted quad only"
	atf_set require.user root
}
ip_number_dotted_quad_only_body()
{
	for a in 127.1 127.0.1 0x7f000101 2130706689; do
		atf_check -s exit:1 \
		    -e inline:"jail: Could not make sense of ip-number: ${a}\n" \
		    "$(bin jail)" / h "${a}" /bin/true
	done
	atf_check "$(bin jail)" / h 127.0.0.1 /bin/true
}

atf_test_case hostname_limit_64
hostname_limit_64_head()
{
	atf_set descr "FreeBSD takes host names up to MAXHOSTNAMELEN; ours up to Linux's 64 bytes"
	atf_set require.user root
}
hostname_limit_64_body()
{
	h65=$(printf 'h%.0s' $(seq 65))
	atf_check -s exit:1 -e inline:"jail: ${h65}: hostname too long: Invalid argument\n" \
	    "$(bin jail)" / "${h65}" "${IP}" /bin/true
}

atf_test_case reboot_ends_jail
reboot_ends_jail_head()
{
	atf_set descr "FreeBSD refuses reboot(2) in a jail; ours ends the jail, and the host runs on"
	atf_set require.user root
}
reboot_ends_jail_body()
{
	boot=$(cat /proc/sys/kernel/random/boot_id)
	# The SIGTERM that ends the jail may come before the probe's line.
	atf_check -s exit:143 -o ignore \
	    "$(bin jail)" / fbsd-diff "${IP}" "${P}" reboot-poweroff
	atf_check_equal "${boot}" "$(cat /proc/sys/kernel/random/boot_id)"
}

atf_test_case chroot_refused
chroot_refused_head()
{
	atf_set descr "FreeBSD lets jailed root chroot(2) below the jail's root; ours refuses it with EPERM"
	atf_set require.user root
}
chroot_refused_body()
{
	mkdir d
	atf_check -o inline:"chroot EPERM\n" "$(bin jail)" / fbsd-diff "${IP}" \
	    "${P}" chroot "$(pwd)/d"
	atf_check -o inline:"chroot OK\n" "${P}" chroot "$(pwd)/d"
}

atf_test_case socket_family_errno
socket_family_errno_head()
{
	atf_set descr "FreeBSD refuses other families with EPROTONOSUPPORT and allows routing sockets; ours: EAFNOSUPPORT, netlink too"
	atf_set require.user root
}
socket_family_errno_body()
{
	for c in netlink packet inet6; do
		atf_check -o inline:"${c} EAFNOSUPPORT\n" "$(bin jail)" / fbsd-diff \
		    "${IP}" "${P}" ${c}
		atf_check -o inline:"${c} OK\n" "${P}" ${c}
	done
}

atf_test_case sysctl_read_only
sysctl_read_only_head()
{
	atf_set descr "FreeBSD refuses a jailed sysctl write with EPERM; ours finds /proc/sys read-only (EROFS)"
	atf_set require.user root
}
sysctl_read_only_body()
{
	f=/proc/sys/vm/swappiness
	atf_check -o inline:"openw EROFS\n" "$(bin jail)" / fbsd-diff "${IP}" \
	    "${P}" openw "${f}"
	atf_check -o inline:"openw OK\n" "${P}" openw "${f}"
}

atf_test_case procfs_user_own_processes
procfs_user_own_processes_head()
{
	atf_set descr "FreeBSD shows a jailed user all the jail's processes; ours, only the user's own (hidepid)"
	atf_set require.user root
	atf_set require.progs setpriv
}
procfs_user_own_processes_body()
{
	# Jailed root's sleep, then nobody's listing: the sleep is absent.
	atf_check -o inline:"absent\n" "$(bin jail)" / fbsd-diff "${IP}" \
	    /bin/sh -c 'sleep 30 & s=$!
	    setpriv --reuid=65534 --regid=65534 --clear-groups \
	        /bin/sh -c "test -e /proc/$s && echo present || echo absent"
	    kill $s'
	atf_check -o inline:"present\n" "$(bin jail)" / fbsd-diff "${IP}" \
	    /bin/sh -c 'sleep 30 & s=$!
	    test -e /proc/$s && echo present || echo absent; kill $s'
}

atf_test_case signal_si_queue
signal_si_queue_head()
{
	atf_set descr "FreeBSD delivers kill(2)'s signal as SI_USER; ours does" \
	    "where the Landlock signal scope lets the kernel deliver it" \
	    "(Linux 6.12), and elsewhere it arrives from the supervisor as" \
	    "SI_QUEUE"
	atf_set require.user root
}
signal_si_queue_body()
{
	# What this host calls for, as sysjail -V reports it.
	if "$(bin sysjail)" -V | grep -q '^landlock-scopes  *yes$'; then
		want=SI_USER
	else
		want=SI_QUEUE
	fi
	atf_check -o inline:"sigwait ${want}\n" "$(bin jail)" / fbsd-diff "${IP}" \
	    /bin/sh -c "${P} sigwait $(pwd)/ready & w=\$!
	    while [ ! -s $(pwd)/ready ]; do sleep 0.05; done
	    kill -USR1 \$w; wait \$w"
	rm -f ready
	"${P}" sigwait "$(pwd)/ready" >host.out &
	w=$!
	while [ ! -s ready ]; do sleep 0.05; done
	kill -USR1 ${w}
	wait ${w}
	atf_check -o inline:"sigwait SI_USER\n" cat host.out
}

atf_init_test_cases()
{
	atf_add_test_case jls_unknown_parameters_are_errors
	atf_add_test_case jexec_jid_must_be_a_number
	atf_add_test_case jexec_execvp_message
	atf_add_test_case jexec_own_session
	atf_add_test_case jail_stays_parent
	atf_add_test_case jidfile_removed
	atf_add_test_case ip_number_dotted_quad_only
	atf_add_test_case hostname_limit_64
	atf_add_test_case reboot_ends_jail
	atf_add_test_case chroot_refused
	atf_add_test_case socket_family_errno
	atf_add_test_case sysctl_read_only
	atf_add_test_case procfs_user_own_processes
	atf_add_test_case signal_si_queue
}
