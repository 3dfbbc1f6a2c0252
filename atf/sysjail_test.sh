#! @ATF_SH@
#
# sysjail_test: sysjail(1), option by option: the synopsis and its errors,
# address lists, parameters, background runs, debugging and the audit
# trail.  Every jail here uses a database in the test's own directory, so
# that nothing is left in /run/sysjail even when a case fails.

USAGE="usage: sysjail [-bdhilv] [-4 ipv4] [-6 ipv6] [-a param[=value]]
               [-A auditlog] [-j dbdir] [-J jid_file] [-n name]
               [-u username | -U username] path hostname command ...
       sysjail -C [-j dbdir]
       sysjail -V"

# bin, mkroot: atf/subr.sh.
. "$(atf_get_srcdir)/subr"

helper()
{
	if [ -x "@abs_top_builddir@/sjtest/$1" ]; then
		echo "@abs_top_builddir@/sjtest/$1"
	else
		echo "@pkglibexecdir@/$1"
	fi
}

fixture()
{
	if [ -x "@abs_top_builddir@/cases/$1" ]; then
		echo "@abs_top_builddir@/cases/$1"
	else
		echo "@pkglibexecdir@/cases/$1"
	fi
}

# SJ: sysjail with the test's own database (work directories hold no
# spaces, so that it may be split into words).
setup()
{
	SJ="$(bin sysjail) -j $(pwd)/db"
}

# Ends every jail of the test's database: SIGTERM to each supervisor.
endall()
{
	for r in db/[0-9]*; do
		case ${r} in *.lock|*.stats) continue ;; esac
		[ -f "${r}" ] || continue
		kill -TERM "$(sed -n 's/^supervisor=//p' "${r}")" 2>/dev/null
	done
	true
}

atf_test_case usage
usage_head()
{
	atf_set descr "the synopsis, on every misuse, exit status 1"
}
usage_body()
{
	setup
	S=$(bin sysjail)
	atf_check -s exit:1 -e inline:"${USAGE}\n" "${S}"
	atf_check -s exit:1 -e inline:"${USAGE}\n" "${S}" / h
	atf_check -s exit:1 -e inline:"${USAGE}\n" \
	    "${S}" -u root -U root / h /bin/true
	atf_check -s exit:1 -e inline:"${USAGE}\n" "${S}" -l / h /bin/true
	atf_check -s exit:1 -e match:"invalid option" -e match:"^usage: sysjail" \
	    "${S}" -x / h /bin/true
	atf_check -s exit:1 -e match:"requires an argument" \
	    -e match:"^usage: sysjail" "${S}" -4
}

atf_test_case help_version
help_version_head()
{
	atf_set descr "-h prints the synopsis and the options, -v the version; both exit 0"
}
help_version_body()
{
	setup
	S=$(bin sysjail)
	atf_check -o save:help "${S}" -h
	atf_check -o inline:"${USAGE}\n" sed '/^$/,$d' help
	for o in 4 6 a A b d h i j J l u U v V; do
		grep -q "^  -${o} " help || atf_fail "-h does not describe -${o}"
	done
	atf_check -o match:'^sysjail [0-9]+\.[0-9]+$' "${S}" -v
}

atf_test_case errors
errors_head()
{
	atf_set descr "one-line errors for bad operands and options, and nothing left behind"
	atf_set require.user root
}
errors_body()
{
	setup
	atf_check -s exit:1 \
	    -e inline:"sysjail: realpath: /nonexistent: No such file or directory\n" \
	    ${SJ} /nonexistent h /bin/true
	atf_check -s exit:1 -e inline:"sysjail: chdir: /etc/hostname: Not a directory\n" \
	    ${SJ} /etc/hostname h /bin/true
	atf_check -s exit:1 -e inline:"sysjail: Could not make sense of ipv4: ::1\n" \
	    ${SJ} -4 ::1 / h /bin/true
	atf_check -s exit:1 -e inline:"sysjail: Could not make sense of ipv4: 1.2.3.256\n" \
	    ${SJ} -4 1.2.3.256 / h /bin/true
	atf_check -s exit:1 -e inline:"sysjail: Could not make sense of ipv6: 1.2.3.4\n" \
	    ${SJ} -6 1.2.3.4 / h /bin/true
	atf_check -s exit:1 -e inline:"sysjail: Could not make sense of ipv6: fe80::1%lo\n" \
	    ${SJ} -6 fe80::1%lo / h /bin/true
	atf_check -s exit:1 -e inline:"sysjail: 127.0.1.1: given twice\n" \
	    ${SJ} -4 127.0.1.1 -4 127.0.1.1 / h /bin/true
	atf_check -s exit:1 \
	    -e inline:"sysjail: bogus: unknown parameter (set_hostname, sysvipc, mount.procfs, raw_sockets, mount.devfs, ptys, setuid, persist)\n" \
	    ${SJ} -a bogus / h /bin/true
	# An unknown parameter is named as such, whatever its value.
	atf_check -s exit:1 -e inline:"sysjail: enforce_statfs: unknown parameter (set_hostname, sysvipc, mount.procfs, raw_sockets, mount.devfs, ptys, setuid, persist)\n" \
	    ${SJ} -a enforce_statfs=2 / h /bin/true
	atf_check -s exit:1 -e inline:"sysjail: sysvipc=2: the value must be 0 or 1\n" \
	    ${SJ} -a sysvipc=2 / h /bin/true
	atf_check -s exit:1 -e inline:"sysjail: sjtest-nosuchuser: no such user\n" \
	    ${SJ} -u sjtest-nosuchuser / h /bin/true
	atf_check -s exit:1 \
	    -e inline:"sysjail: execv: /nonexistent: No such file or directory\n" \
	    ${SJ} / h /nonexistent
	atf_check -s exit:1 -e match:"^sysjail: /nonexistent/audit: " \
	    ${SJ} -A /nonexistent/audit / h /bin/true
	# Nothing half-done: no record, and no process of these jails.
	[ -z "$(ls db 2>/dev/null)" ] || atf_fail "a failed start left $(ls db)"
}

atf_test_case addresses
addresses_head()
{
	atf_set descr "-4 lists: the first is rewritten to, the others bound as given, no -4 no IPv4"
	atf_set require.user root
}
addresses_body()
{
	setup
	B=$(helper sjbind)
	atf_check -o save:out ${SJ} -4 127.0.1.1 -4 127.0.1.7 / h \
	    "${B}" 0.0.0.0 127.0.0.1 127.0.1.7 192.0.2.99
	atf_check -o inline:"bind(0.0.0.0) -> bound to 127.0.1.1
bind(127.0.0.1) -> bound to 127.0.1.1
bind(127.0.1.7) -> bound to 127.0.1.7
bind(192.0.2.99) failed: EADDRNOTAVAIL\n" \
	    sed 's/:[0-9]*$//' out
	# Without -4 there is no IPv4 at all; on the host, sjbind binds.
	atf_check -s not-exit:0 -e match:"Address family not supported" \
	    ${SJ} / h "${B}" 0.0.0.0
	atf_check -o match:"bound to 0.0.0.0" "${B}" 0.0.0.0
}

atf_test_case ipv6 cleanup
ipv6_head()
{
	atf_set descr "-6: :: and ::1 become J6, mapped IPv4 is judged as IPv4, the host's ::1 is unreachable"
	atf_set require.user root
	atf_set require.progs "ip unshare"
}
ipv6_body()
{
	setup
	# A network namespace of the test's own, with an address for J6: the
	# host's interfaces are never touched.  The jail's rules live in its
	# cgroup, so they hold in any namespace.
	N=$(helper sjnet)
	cat >net.sh <<EOF
set -u
ip link set lo up && ip addr add fd00::1/128 dev lo nodad || exit 99
cd "$(pwd)"
$N listen ::1 $(pwd)/hp6 >host6.out & $N listen 127.0.0.1 $(pwd)/hp4 >host4.out &
i=0; while [ ! -s hp6 ] || [ ! -s hp4 ]; do sleep 0.1; i=\$((i + 1)); [ \$i -lt 50 ] || exit 98; done
P=\$(cat hp6); P4=\$(cat hp4)
echo "connect-loopback \$(${SJ} -6 fd00::1 / h $N connect ::1 \$P)"
echo "bind-any \$(${SJ} -6 fd00::1 / h $N bind ::)"
echo "bind-loopback \$(${SJ} -6 fd00::1 / h $N bind ::1)"
echo "bind-elsewhere \$(${SJ} -6 fd00::1 / h $N bind fd00::2)"
echo "inet \$(${SJ} -6 fd00::1 / h $N bind 0.0.0.0)"
echo "mapped-no4 \$(${SJ} -6 fd00::1 / h $N connect ::ffff:127.0.0.1 \$P4)"
echo "mapped \$(${SJ} -4 127.0.1.1 -6 fd00::1 / h $N connect ::ffff:127.0.0.1 \$P4)"
echo "own \$(${SJ} -6 fd00::1 / h /bin/sh -c "$N listen ::1 $(pwd)/jp >/dev/null & while [ ! -s $(pwd)/jp ]; do sleep 0.1; done; $N connect ::1 \\\$(cat $(pwd)/jp)")"
echo "datagram \$(${SJ} -6 fd00::1 / h /bin/sh -c "$N recv ::1 $(pwd)/up & while [ ! -s $(pwd)/up ]; do sleep 0.1; done; $N udp ::1 \\\$(cat $(pwd)/up) >/dev/null; wait")"
echo "host \$($N connect ::1 \$P)"
$N connect 127.0.0.1 \$P4 >/dev/null
wait
EOF
	atf_check -o save:out unshare -n sh net.sh
	atf_check -o inline:"connect-loopback failed ECONNREFUSED
bind-any bound to fd00::1
bind-loopback bound to fd00::1
bind-elsewhere failed EADDRNOTAVAIL
inet failed EAFNOSUPPORT
mapped-no4 failed EPERM
mapped failed ECONNREFUSED
own connected from fd00::1 to fd00::1
datagram from fd00::1
host connected from ::1 to ::1\n" cat out
	# The host's service was reached by the host alone.
	atf_check -o inline:"peer ::1\n" cat host6.out
}
ipv6_cleanup()
{
	endall
}

atf_test_case raw_sockets cleanup
raw_sockets_head()
{
	atf_set descr "-a raw_sockets: jailed root's raw sockets, from the jail's address only, never to the host's loopback"
	atf_set require.user root
}
raw_sockets_body()
{
	setup
	N=$(helper sjnet)
	# Without the parameter the kernel refuses, as it refuses anyone
	# without CAP_NET_RAW.
	atf_check -o inline:"failed EPERM\n" ${SJ} -4 127.0.1.1 / h "${N}" ping 127.0.1.1
	R="${SJ} -a raw_sockets -4 127.0.1.1"
	atf_check -o inline:"reply from 127.0.1.1\n" ${R} / h "${N}" ping 127.0.1.1
	# The host's loopback, and a header naming another source: the
	# kernel drops the packet.
	atf_check -o inline:"failed EPERM\n" ${R} / h "${N}" ping 127.0.0.1
	atf_check -o inline:"failed EPERM\n" ${R} / h "${N}" spoof 127.0.0.2 127.0.1.1
	atf_check -o inline:"sent\n" ${R} / h "${N}" spoof 127.0.1.1 127.0.1.1
	# Jailed root's only.
	atf_check -o inline:"failed EPERM\n" ${R} -u nobody / h "${N}" ping 127.0.1.1
	# Connections still work, from the jail's address.
	atf_check -o match:"^connected from 127.0.1.1 to 127.0.1.1\$" ${R} / h /bin/sh -c \
	    "${N} listen 127.0.0.1 $(pwd)/p >/dev/null & while [ ! -s $(pwd)/p ]; do sleep 0.1; done; ${N} connect 127.0.0.1 \$(cat $(pwd)/p)"
	# On the host, the same probes reach the loopback and may lie.
	atf_check -o inline:"reply from 127.0.0.1\n" "${N}" ping 127.0.0.1
	atf_check -o inline:"sent\n" "${N}" spoof 127.0.0.2 127.0.1.1
}
raw_sockets_cleanup()
{
	endall
}

atf_test_case users
users_head()
{
	atf_set descr "-u, -U and -l as for jail(1): the user's identity, the jail's own users, a login environment"
	atf_set require.user root
}
users_body()
{
	setup
	atf_check -o inline:"65534\n" ${SJ} -u nobody / h /usr/bin/id -u
	mkroot root >/dev/null || atf_fail "mkroot failed"
	atf_check -o inline:"uid=1001(jailuser) gid=1001(jailuser) groups=1001(jailuser),50(staff)\n" \
	    ${SJ} -U jailuser root h /usr/bin/id
	atf_check -s exit:1 -e inline:"sysjail: nobody2: no such user\n" \
	    ${SJ} -U nobody2 root h /usr/bin/id
	home=$(getent passwd root | cut -d: -f6)
	atf_check -o inline:"HOME=${home} USER=root ${home}\n" env -i FOO=bar \
	    ${SJ} -l -u root / h /bin/sh -c 'echo HOME=$HOME USER=$USER $FOO$(pwd)'
}

atf_test_case parameters
parameters_head()
{
	atf_set descr "-a set_hostname, sysvipc and mount.procfs change what the jail may do"
	atf_set require.user root
}
parameters_body()
{
	setup
	atf_check -o inline:"renamed\n" ${SJ} -4 127.0.1.1 / h /bin/sh -c \
	    'hostname renamed && hostname'
	atf_check -s not-exit:0 -e ignore -o inline:"h\n" \
	    ${SJ} -a set_hostname=0 -4 127.0.1.1 / h /bin/sh -c \
	    'hostname renamed; hostname; hostname renamed'
	atf_check -s not-exit:0 -e ignore ${SJ} -a allow.set_hostname=false \
	    / h /bin/sh -c 'hostname renamed'
	P=$(fixture linux/priv)
	atf_check -o match:"^msgctl ENOSYS\$" -o match:"^shmget ENOSYS\$" \
	    env SJ_OUTSIDE=$$ ${SJ} / h "${P}"
	atf_check -o match:"^msgctl EINVAL\$" -o match:"^shmget EINVAL\$" \
	    env SJ_OUTSIDE=$$ ${SJ} -a sysvipc / h "${P}"
	mkroot root /usr/bin/wc /usr/bin/grep >/dev/null ||
	    atf_fail "mkroot failed"
	mkdir -p root/proc
	atf_check -o inline:"0\n" ${SJ} root h /bin/sh -c 'ls /proc | wc -l'
	atf_check -o not-inline:"0\n" ${SJ} -a mount.procfs root h /bin/sh -c \
	    'ls /proc | wc -l'
	# The jail's processes alone: its spawner, the shell, ls and grep.
	atf_check -o inline:"4\n" ${SJ} -a mount.procfs root h /bin/sh -c \
	    'ls /proc | grep -c "^[0-9]"'
	# The host never saw the mount.
	grep -q " $(pwd)/root/proc " /proc/self/mountinfo &&
	    atf_fail "the jail's procfs is mounted on the host"
	true
}

atf_test_case background cleanup
background_head()
{
	atf_set descr "-b returns once the jail runs, -i prints its JID, -J records it, the streams are pipes to /dev/null (never the host's device itself)"
	atf_set require.user root
}
background_body()
{
	setup
	atf_check -o save:jid -e empty ${SJ} -b -i -J jidfile -4 127.0.1.1 / bg \
	    /bin/sleep 30
	jid=$(cat jid)
	echo "${jid}" | grep -Eq '^[1-9][0-9]*$' || atf_fail "-i printed '${jid}'"
	[ -f "db/${jid}" ] || atf_fail "no record of jail ${jid}"
	printf '%s\t/\tbg\t127.0.1.1\t/bin/sleep\n' "${jid}" >want
	atf_check -o file:want cat jidfile
	pid=$(sed -n 's/^pid=//p' "db/${jid}")
	for fd in 0 1 2; do
		case "$(readlink "/proc/${pid}/fd/${fd}")" in
		pipe:*)	;;
		*)	atf_fail "descriptor ${fd} of the command is not a pipe" ;;
		esac
	done
	# The JidFile goes when the jail's command has ended.
	kill -TERM "$(sed -n 's/^pid=//p' "db/${jid}")"
	i=0
	while [ -f jidfile ] && [ ${i} -lt 50 ]; do sleep 0.1; i=$((i + 1)); done
	[ ! -f jidfile ] || atf_fail "the JidFile was left behind"
	# A background jail that cannot start fails in the foreground.
	atf_check -s exit:1 -e match:"execv: /nonexistent" \
	    ${SJ} -b -4 127.0.1.1 / bg2 /nonexistent
	endall
}
background_cleanup()
{
	endall
}

atf_test_case registries cleanup
registries_head()
{
	atf_set descr "-j: two databases number their jails alike, and both jails run side by side"
	atf_set require.user root
}
registries_body()
{
	setup
	S=$(bin sysjail)
	atf_check -o inline:"1\n" "${S}" -j "$(pwd)/dbA" -b -i -4 127.0.1.1 / a /bin/sleep 30
	atf_check -o inline:"1\n" "${S}" -j "$(pwd)/dbB" -b -i -4 127.0.1.1 / b /bin/sleep 30
	atf_check -o match:"^jid=1 name=1 host.hostname=a " "$(bin sjls)" -j "$(pwd)/dbA" -o nv
	atf_check -o match:"^jid=1 name=1 host.hostname=b " "$(bin sjls)" -j "$(pwd)/dbB" -o nv
	registries_cleanup
}
registries_cleanup()
{
	for d in dbA dbB; do
		[ -f "${d}/1" ] && kill -TERM "$(sed -n 's/^supervisor=//p' "${d}/1")"
	done 2>/dev/null
	true
}

atf_test_case registry_kept
registry_kept_head()
{
	atf_set descr "-j: a database directory the user made outlives its last jail; one sysjail made is removed with its last jail"
	atf_set require.user root
}
registry_kept_body()
{
	setup
	S=$(bin sysjail)
	mkdir -m 0700 mine
	echo keep >mine/notes
	atf_check "${S}" -j "$(pwd)/mine" / a /bin/true
	atf_check -o inline:"notes\n" ls mine
	rm mine/notes
	atf_check "${S}" -j "$(pwd)/mine" / a /bin/true
	# The keeper cleans up after sysjail has returned: a jail of a
	# directory sysjail makes ends after the first, and its directory
	# goes when its keeper is done.
	atf_check "${S}" -j "$(pwd)/made" / a /bin/true
	i=0
	while [ -e made ] && [ ${i} -lt 50 ]; do
		sleep 0.1
		i=$((i + 1))
	done
	[ ! -e made ] || atf_fail "the directory sysjail made was left"
	sleep 0.5
	[ -d mine ] || atf_fail "the user's directory was removed"
	# A symbolic link in the directory's place is refused, not followed.
	mkdir -m 0700 real
	ln -s real link
	atf_check -s not-exit:0 -e match:"link" "${S}" -j "$(pwd)/link" / a \
	    /bin/true
	atf_check -o empty ls real
}

atf_test_case debug_log
debug_log_head()
{
	atf_set descr "-d warns, -dd logs every answered call with decoded arguments"
	atf_set require.user root
}
debug_log_body()
{
	setup
	atf_check -e match:"^sysjail: no address: the jail has no network\$" \
	    -e match:"^sysjail: the jail's root is the host's /\$" \
	    -e match:"^sysjail: jail [0-9]+ started: /bin/true\$" \
	    ${SJ} -d / h /bin/true
	# The jail's own messages go away: they reach the same standard
	# error through the relay, and could split the supervisor's lines.
	atf_check -s ignore -e save:err ${SJ} -dd -4 127.0.1.1 / h /bin/sh -c \
	    'kill -TERM 1 2>/dev/null; kill -0 $$ 2>/dev/null'
	grep -Eq '^sysjail\[[0-9]+\]: pid [0-9]+ x86_64 kill\(1, SIGTERM\) = -1 ESRCH$' err ||
	    atf_fail "no line for the refused kill: $(cat err)"
	grep -Eq '^sysjail\[[0-9]+\]: pid [0-9]+ x86_64 kill\([0-9]+, 0\) = ' err ||
	    atf_fail "no line for the answered kill: $(cat err)"
	# Without -d, nothing at all.
	atf_check -s ignore -e match:"No such process" -e not-match:"sysjail" \
	    ${SJ} -4 127.0.1.1 / h /bin/sh -c 'kill -TERM 1'
}

atf_test_case audit
audit_head()
{
	atf_set descr "-A keeps a line for every refused call, the filter's own refusals included"
	atf_set require.user root
}
audit_body()
{
	setup
	atf_check -s ignore -e ignore ${SJ} -A audit -4 127.0.1.1 / h /bin/sh -c \
	    'kill -TERM 1; domainname x; mount -t tmpfs none /mnt; true'
	grep -Eq 'x86_64 kill\(1, SIGTERM\) = -1 ESRCH$' audit ||
	    atf_fail "the supervisor's refusal is missing: $(cat audit)"
	grep -Eq 'x86_64 setdomainname\(0x[0-9a-f]+, 1\) = -1 EPERM$' audit ||
	    atf_fail "the filter's refusal is missing: $(cat audit)"
	grep -Eq 'x86_64 mount\(' audit ||
	    atf_fail "mount is missing: $(cat audit)"
	grep -q ' = 0$' audit && atf_fail "an allowed call was logged"
	[ "$(stat -c %a audit)" = 600 ] || atf_fail "the trail is not 0600"
	# Appended, never truncated.
	n=$(wc -l <audit)
	atf_check -s ignore -e ignore ${SJ} -A audit -4 127.0.1.1 / h \
	    /bin/sh -c 'kill -TERM 1'
	[ "$(wc -l <audit)" -gt "${n}" ] || atf_fail "not appended"
	# The same call without -A: still refused, and nobody logged it.
	n=$(wc -l <audit)
	atf_check -s not-exit:0 -e not-match:"sysjail" ${SJ} -4 127.0.1.1 / h \
	    /bin/sh -c 'domainname x'
	[ "$(wc -l <audit)" -eq "${n}" ] || atf_fail "logged without -A"
}

atf_init_test_cases()
{
	atf_add_test_case usage
	atf_add_test_case help_version
	atf_add_test_case errors
	atf_add_test_case addresses
	atf_add_test_case ipv6
	atf_add_test_case raw_sockets
	atf_add_test_case users
	atf_add_test_case parameters
	atf_add_test_case background
	atf_add_test_case registries
	atf_add_test_case registry_kept
	atf_add_test_case debug_log
	atf_add_test_case audit
}
