#! @ATF_SH@
#
# jail_test: jail(1) as a FreeBSD administrator uses it: the synopsis and
# its errors, exit statuses, -i, -J, -l, -u, -U, signals passed on, the
# jail record, what the command starts with, and fail-closed teardown when
# the supervisor is killed.

USAGE="usage: jail [-i] [-J jid_file] [-l -u username | -U username] path hostname ip-number command ..."
DB=/run/sysjail

jail_bin()
{
	if [ -x "@abs_top_builddir@/src/jail" ]; then
		echo "@abs_top_builddir@/src/jail"
	else
		echo "@bindir@/jail"
	fi
}

helper()
{
	if [ -x "@abs_top_builddir@/sjtest/$1" ]; then
		echo "@abs_top_builddir@/sjtest/$1"
	else
		echo "@pkglibexecdir@/$1"
	fi
}

cases_dir()
{
	if [ -d "@abs_top_builddir@/cases/linux" ]; then
		echo "@abs_top_builddir@/cases"
	else
		echo "@pkglibexecdir@/cases"
	fi
}

# bin, mkroot, killtoken: atf/subr.sh.
. "$(atf_get_srcdir)/subr"

# Waits (up to 10 s) for a file to hold a line.
waitfor()
{
	i=0
	while [ ! -s "$1" ] && [ ${i} -lt 100 ]; do
		sleep 0.1
		i=$((i + 1))
	done
	[ -s "$1" ] || atf_fail "$1 stayed empty"
}

atf_test_case usage
usage_head()
{
	atf_set descr "bad options and operands: the usage line, exit 1"
	atf_set require.user root
}
usage_body()
{
	J=$(jail_bin)
	atf_check -s exit:1 -e inline:"${USAGE}\n" "${J}"
	atf_check -s exit:1 -e inline:"${USAGE}\n" "${J}" / h 127.0.1.1
	atf_check -s exit:1 -e inline:"${USAGE}\n" \
	    "${J}" -u root -U root / h 127.0.1.1 /bin/true
	atf_check -s exit:1 -e inline:"${USAGE}\n" \
	    "${J}" -l / h 127.0.1.1 /bin/true
	atf_check -s exit:1 -e match:"invalid option" -e match:"^usage: jail" \
	    "${J}" -x / h 127.0.1.1 /bin/true
}

atf_test_case errors
errors_head()
{
	atf_set descr "clear one-line errors, and nothing left behind"
	atf_set require.user root
}
errors_body()
{
	J=$(jail_bin)
	h="sjtest-errors-$$"
	atf_check -s exit:1 \
	    -e inline:"jail: realpath: /nonexistent: No such file or directory\n" \
	    "${J}" /nonexistent "${h}" 127.0.1.1 /bin/true
	atf_check -s exit:1 \
	    -e inline:"jail: Could not make sense of ip-number: 1.2.3.256\n" \
	    "${J}" / "${h}" 1.2.3.256 /bin/true
	atf_check -s exit:1 -e inline:"jail: sjtest-nosuchuser: no such user\n" \
	    "${J}" -u sjtest-nosuchuser / "${h}" 127.0.1.1 /bin/true
	atf_check -s exit:1 \
	    -e inline:"jail: execv: /nonexistent: No such file or directory\n" \
	    "${J}" / "${h}" 127.0.1.1 /nonexistent
	atf_check -s exit:1 -e inline:"jail: chdir: /etc/hostname: Not a directory\n" \
	    "${J}" /etc/hostname "${h}" 127.0.1.1 /bin/true
	# Nothing half-done: no record of these jails (other jails may run).
	if grep -l "^hostname=${h}\$" "${DB}"/* 2>/dev/null; then
		atf_fail "a failed start left a record"
	fi
	true
}

atf_test_case exit_status
exit_status_head()
{
	atf_set descr "the command's exit status, 128+signal when killed"
	atf_set require.user root
}
exit_status_body()
{
	J=$(jail_bin)
	atf_check -s exit:0 "${J}" / h 127.0.1.1 /bin/true
	atf_check -s exit:3 "${J}" / h 127.0.1.1 /bin/sh -c 'exit 3'
	atf_check -s exit:137 "${J}" / h 127.0.1.1 /bin/sh -c 'kill -KILL $$'
	atf_check -s exit:143 "${J}" / h 127.0.1.1 /bin/sh -c 'kill -TERM $$'
}

atf_test_case hostname
hostname_head()
{
	atf_set descr "uname shows the jail's hostname; the host keeps its own"
	atf_set require.user root
}
hostname_body()
{
	J=$(jail_bin)
	host=$(hostname)
	atf_check -o inline:"sjtest.example.org\nrenamed\n" "${J}" / \
	    sjtest.example.org 127.0.1.1 /bin/sh -c 'hostname; hostname renamed; hostname'
	atf_check_equal "${host}" "$(hostname)"
}

atf_test_case jid
jid_head()
{
	atf_set descr "-i prints the JID, -J writes the JidFile, the record lives while the jail does"
	atf_set require.user root
}
jid_body()
{
	J=$(jail_bin)
	# The jail waits for "go" while the host reads its record.
	"${J}" -i -J jidfile / sjtest-jid 127.0.1.1 /bin/sh -c \
	    "while [ ! -e $(pwd)/go ]; do sleep 0.1; done" >out 2>err &
	waitfor out
	jid=$(head -1 out)
	echo "${jid}" | grep -Eq '^[1-9][0-9]*$' || atf_fail "-i printed '${jid}'"
	cp "${DB}/${jid}" record
	printf '%s\t/\tsjtest-jid\t127.0.1.1\t/bin/sh\n' "${jid}" >want
	atf_check -o file:want cat jidfile
	touch go
	wait $! || atf_fail "jail failed: $(cat err)"
	# Removed at the end, with the record.
	[ ! -f jidfile ] || atf_fail "the JidFile was left behind"
	atf_check -o match:"^jid=${jid}\$" -o match:"^hostname=sjtest-jid\$" \
	    -o match:"^ip4=127.0.1.1\$" -o match:"^path=/\$" cat record
	[ ! -e "${DB}/${jid}" ] || atf_fail "record ${jid} left behind"
}

atf_test_case login_env
login_env_head()
{
	atf_set descr "-l -u: clean environment and the home directory"
	atf_set require.user root
}
login_env_body()
{
	J=$(jail_bin)
	home=$(getent passwd root | cut -d: -f6)
	shell=$(getent passwd root | cut -d: -f7)
	printf 'HOME=%s\nPATH=/sbin:/bin:/usr/sbin:/usr/bin:/usr/local/sbin:/usr/local/bin\nSHELL=%s\nTERM=vt100\nUSER=root\n%s\n' \
	    "${home}" "${shell}" "${home}" >want
	env -i TERM=vt100 FOO=bar "${J}" -l -u root / h 127.0.1.1 /bin/sh -c \
	    'env | grep -v "^PWD=" | sort; pwd' >got
	atf_check -o file:want cat got
}

atf_test_case users
users_head()
{
	atf_set descr "-u takes the host's user, -U the jail's own /etc/passwd and /etc/group"
	atf_set require.user root
}
users_body()
{
	J=$(jail_bin)
	atf_check -o inline:"65534\n" "${J}" -u nobody / h 127.0.1.1 /usr/bin/id -u
	mkroot root >/dev/null || atf_fail "mkroot failed"
	atf_check -o inline:"uid=1001(jailuser) gid=1001(jailuser) groups=1001(jailuser),50(staff)\n" \
	    "${J}" -U jailuser root h 127.0.1.1 /usr/bin/id
	atf_check -s exit:1 -e inline:"jail: nobody2: no such user\n" \
	    "${J}" -U nobody2 root h 127.0.1.1 /usr/bin/id
}

atf_test_case confinement
confinement_head()
{
	atf_set descr "new session, descriptors closed, no no_new_privs (set-user-ID programs work), capabilities bounded, filter on"
	atf_set require.user root
}
confinement_body()
{
	J=$(jail_bin)
	exec 7</etc/hostname
	atf_check -o inline:"0\n1\n2\n3\n" "${J}" / h 127.0.1.1 /bin/ls /proc/self/fd
	exec 7<&-
	# What jailed root keeps (sysjail(3)), within what the host has;
	# CAP_SYS_PTRACE (bit 19) only where Landlock confines it, which
	# confine_test:caps_bounded checks: here the jail's /proc answers.
	host=$(sed -n 's/^CapBnd:[[:space:]]*//p' /proc/self/status)
	keep=0xa10045fb
	"${J}" / h 127.0.1.1 /bin/ls /proc/1 >/dev/null 2>&1 ||
	    keep=$((keep | 0x80000))	# init hidden: Landlock is there
	bnd=$(printf '%016x' $((0x${host} & keep)))
	atf_check -o match:"^NoNewPrivs:.0\$" -o match:"^Seccomp:.2\$" \
	    -o match:"^CapBnd:.${bnd}\$" -o match:"^CapEff:.${bnd}\$" \
	    "${J}" / h 127.0.1.1 /bin/cat /proc/self/status
	"${J}" / h 127.0.1.1 /bin/sh -c 'echo $$; cut -d" " -f6 /proc/$$/stat' >s
	atf_check_equal "$(sed -n 1p s)" "$(sed -n 2p s)"
}

atf_test_case signals
signals_head()
{
	atf_set descr "SIGTERM, SIGINT and SIGHUP to jail(1) are passed on"
	atf_set require.user root
}
signals_body()
{
	J=$(jail_bin)
	for sig in TERM INT HUP; do
		rm -f ready
		"${J}" / h 127.0.1.1 /bin/sh -c \
		    "trap 'exit 42' ${sig}; echo ready >$(pwd)/ready; while :; do sleep 0.1; done" &
		pid=$!
		waitfor ready
		kill -s ${sig} ${pid}
		wait ${pid}
		atf_check_equal 42 $?
	done
}

atf_test_case two_jails cleanup
two_jails_head()
{
	atf_set descr "two jails cannot signal, trace, read or limit each other's processes"
	atf_set require.user root
}
two_jails_body()
{
	J=$(jail_bin)
	"${J}" -i / a 127.0.1.1 /bin/sleep 30 >a.out &
	a=$!
	waitfor a.out
	jid=$(head -1 a.out)
	pid=$(sed -n 's/^pid=//p' "${DB}/${jid}")
	[ -n "${pid}" ] || atf_fail "no pid in record ${jid}"
	atf_check -o inline:"1\n" -e match:"No such process" \
	    "${J}" / b 127.0.1.2 /bin/sh -c "kill -0 ${pid}; echo \$?"
	# Every call that reads, traces or limits a process, aimed from jail
	# b at jail a's process: ESRCH.  From the host, the same calls reach it.
	P="$(cases_dir)/linux/pidcalls"
	SJ_OUTSIDE=${pid} atf_check -o save:b.out "${J}" / b 127.0.1.2 "${P}"
	grep -- "-outside " b.out >b.outside
	[ "$(wc -l <b.outside)" -ge 9 ] || atf_fail "too few outside checks"
	grep -v " ESRCH$" b.outside && atf_fail "jail b reached jail a"
	SJ_OUTSIDE=${pid} atf_check -o save:host.out "${P}"
	grep -q "^ptrace-outside OK$" host.out || atf_fail "the host's ptrace failed"
	grep -q "^vm-read-outside " host.out || atf_fail "no vm-read on the host"
	kill -TERM ${a}
	wait ${a}
	atf_check_equal 143 $?
}
two_jails_cleanup()
{
	if [ -s a.out ]; then
		sup=$(sed -n 's/^supervisor=//p' "${DB}/$(head -1 a.out)" \
		    2>/dev/null)
		[ -n "${sup}" ] && kill -KILL "${sup}" 2>/dev/null
	fi
	true
}

atf_test_case supervisor_killed cleanup
supervisor_killed_head()
{
	atf_set descr "fail closed: SIGKILL to the supervisor ends every jailed process, daemons too, before any refused call succeeds"
	atf_set require.user root
	atf_set require.progs "pgrep setsid"
}
supervisor_killed_body()
{
	J=$(jail_bin)
	tok="sjtest-failclosed-$$"
	echo "${tok}" >token
	d=$(pwd)
	# Outside the jail: a process that records every SIGURG it gets.
	sh -c "trap 'echo u >>${d}/urg' URG; echo \$\$ >${d}/target; while :; do sleep 0.1; done" &
	waitfor target
	target=$(cat target)
	# Inside: a daemon (setsid, reparented to the supervisor) that keeps
	# trying to signal the outside process.
	"${J}" -i / failclosed 127.0.1.1 /bin/sh -c \
	    "setsid /bin/sh -c ': ${tok}; echo up >${d}/up; while :; do kill -URG ${target} 2>/dev/null; done' & sleep 600" \
	    >jid.out 2>jail.err &
	jailpid=$!
	waitfor jid.out
	waitfor up
	jid=$(head -1 jid.out)
	sup=$(sed -n 's/^supervisor=//p' "${DB}/${jid}")
	[ -n "${sup}" ] || atf_fail "no supervisor in record ${jid}"
	kill -KILL "${sup}"
	i=0
	while { pgrep -f ": ${tok}" >/dev/null || [ -e "${DB}/${jid}" ]; } &&
	    [ ${i} -lt 100 ]; do
		sleep 0.1
		i=$((i + 1))
	done
	pgrep -f ": ${tok}" && atf_fail "a jailed daemon survived its supervisor"
	[ ! -e "${DB}/${jid}" ] || atf_fail "record ${jid} left behind"
	wait ${jailpid}
	atf_check_equal 1 $?
	atf_check -o match:"the supervisor died" cat jail.err
	[ ! -s urg ] || atf_fail "a jailed process signalled outside: $(wc -l <urg)"
	kill "${target}"
}
supervisor_killed_cleanup()
{
	# Killing the supervisor makes the keeper end the whole jail.
	if [ -s jid.out ]; then
		sup=$(sed -n 's/^supervisor=//p' "${DB}/$(head -1 jid.out)" \
		    2>/dev/null)
		[ -n "${sup}" ] && kill -KILL "${sup}" 2>/dev/null
	fi
	[ -f token ] && pkill -KILL -f ": $(cat token)" 2>/dev/null
	[ -f target ] && kill "$(cat target)" 2>/dev/null
	true
}

atf_test_case machinery_killed cleanup
machinery_killed_head()
{
	atf_set descr "SIGKILL to the keeper and the supervisor together (kill -9 of the jail's machinery) still ends every jailed process, daemons too"
	atf_set require.user root
	atf_set require.progs "pgrep setsid"
}
machinery_killed_body()
{
	J=$(jail_bin)
	tok="sjtest-orphan-$$"
	echo "${tok}" >token
	d=$(pwd)
	# A daemon (setsid, reparented to the supervisor) and the command.
	"${J}" -i / orphan 127.0.1.1 /bin/sh -c \
	    "setsid /bin/sh -c ': ${tok}; echo up >${d}/up; while :; do sleep 0.1; done' & sleep 600" \
	    >jid.out 2>jail.err &
	jailpid=$!
	waitfor jid.out
	waitfor up
	jid=$(head -1 jid.out)
	sup=$(sed -n 's/^supervisor=//p' "${DB}/${jid}")
	kee=$(sed -n 's/^keeper=//p' "${DB}/${jid}")
	[ -n "${sup}" ] && [ -n "${kee}" ] ||
	    atf_fail "no supervisor or keeper in record ${jid}"
	kill -KILL "${kee}" "${sup}"
	i=0
	while pgrep -f ": ${tok}" >/dev/null && [ ${i} -lt 100 ]; do
		sleep 0.1
		i=$((i + 1))
	done
	pgrep -f ": ${tok}" &&
	    atf_fail "a jailed daemon survived its keeper and supervisor"
	wait ${jailpid}
	true
}
machinery_killed_cleanup()
{
	# Survivors of a failed run, each by its process ID.
	killtoken
	true
}

atf_test_case supervisor_term cleanup
supervisor_term_head()
{
	atf_set descr "SIGTERM to the supervisor ends the jail: TERM to every jailed process, daemons included"
	atf_set require.user root
	atf_set require.progs "pgrep setsid"
}
supervisor_term_body()
{
	J=$(jail_bin)
	tok="sjtest-term-$$"
	echo "${tok}" >token
	"${J}" -i / termjail 127.0.1.1 /bin/sh -c \
	    "setsid /bin/sh -c ': ${tok}; while :; do sleep 1; done' & sleep 300" \
	    >jid.out &
	jailpid=$!
	waitfor jid.out
	jid=$(head -1 jid.out)
	sup=$(sed -n 's/^supervisor=//p' "${DB}/${jid}")
	i=0
	while ! pgrep -f ": ${tok}" >/dev/null && [ ${i} -lt 50 ]; do
		sleep 0.1
		i=$((i + 1))
	done
	kill -TERM "${sup}"
	wait ${jailpid}
	atf_check_equal 143 $?
	i=0
	while [ -e "${DB}/${jid}" ] && [ ${i} -lt 100 ]; do
		sleep 0.1
		i=$((i + 1))
	done
	[ ! -e "${DB}/${jid}" ] || atf_fail "record ${jid} left behind"
	pgrep -f ": ${tok}" && atf_fail "a jailed daemon survived"
	true
}
supervisor_term_cleanup()
{
	[ -f token ] && pkill -KILL -f ": $(cat token)" 2>/dev/null
	true
}

atf_test_case reboot cleanup
reboot_head()
{
	atf_set descr "reboot(2) by jailed root ends that jail only; the host keeps running"
	atf_set require.user root
	atf_set require.progs pgrep
}
reboot_body()
{
	J=$(jail_bin)
	helper="@abs_top_builddir@/sjtest/sjreboot"
	[ -x "${helper}" ] || atf_skip "sjreboot is only in a build tree"
	boot=$(cat /proc/sys/kernel/random/boot_id)
	"${J}" / rebootjail 127.0.1.1 "${helper}" >out 2>&1
	# Like a real reboot, the call does not return: TERM ends the command.
	atf_check_equal 143 $?
	atf_check -o not-match:"refusing" cat out
	i=0
	while pgrep -f "${helper}" >/dev/null && [ ${i} -lt 50 ]; do
		sleep 0.1
		i=$((i + 1))
	done
	pgrep -f "${helper}" && atf_fail "a jailed process survived the reboot"
	atf_check_equal "${boot}" "$(cat /proc/sys/kernel/random/boot_id)"
}
reboot_cleanup()
{
	pkill -KILL -f "@abs_top_builddir@/sjtest/sjreboot" 2>/dev/null
	true
}

atf_test_case kernel_interfaces
kernel_interfaces_head()
{
	atf_set descr "in a jail rooted at /, sysctls, sysrq and cgroup files are read-only"
	atf_set require.user root
}
kernel_interfaces_body()
{
	J=$(jail_bin)
	cg=$(awk '$9 == "cgroup2" { print $5; exit }' /proc/self/mountinfo)
	v=$(cat /proc/sys/vm/swappiness)
	# The same value is written back: even a failure changes nothing.
	atf_check -s not-exit:0 -e match:"Read-only file system" \
	    "${J}" / h 127.0.1.1 /bin/sh -c "echo ${v} >/proc/sys/vm/swappiness"
	atf_check -s not-exit:0 -e match:"Read-only file system" \
	    "${J}" / h 127.0.1.1 /bin/sh -c "echo \$\$ >${cg}/cgroup.procs"
	atf_check -s not-exit:0 -e ignore \
	    "${J}" / h 127.0.1.1 /bin/sh -c "echo x >/proc/sysrq-trigger"
	# The jail's own /proc entries stay writable.
	atf_check "${J}" / h 127.0.1.1 /bin/sh -c \
	    "echo 100 >/proc/self/oom_score_adj"
	atf_check_equal "${v}" "$(cat /proc/sys/vm/swappiness)"
}

atf_test_case ps_lists_jail
ps_lists_jail_head()
{
	atf_set descr "ps ax in a jail lists exactly the jail's processes"
	atf_set require.user root
	atf_set require.progs ps
}
ps_lists_jail_body()
{
	J=$(jail_bin)
	# Outside: the host's processes, this shell among them.
	ps -e -o pid= >host.out
	[ "$(wc -l <host.out)" -gt 3 ] || atf_fail "the host shows few processes"
	grep -qw "$$" host.out || atf_fail "the host's ps misses $$"
	# Inside: the shell, its sleep (a user other than root's) and ps.
	atf_check -o save:jail.out "${J}" / h 127.0.1.1 /bin/sh -c \
	    'setpriv --reuid=65534 --regid=65534 --clear-groups sleep 30 &
	     i=0; until ps -o user= -p $! | grep -q nobody || [ $i -gt 50 ]
	     do sleep 0.1; i=$((i + 1)); done
	     ps -e -o pid=,user=; echo "$$ $!"; kill $!; ls -d /proc/1 2>&1; :'
	grep '^ *[0-9]* [a-z]' jail.out >ps.out
	read -r sh sleep <<EOF
$(grep '^[0-9]* [0-9]*$' jail.out)
EOF
	# The shell, its sleep, ps, and the jail's spawner, the shell's parent.
	atf_check_equal 4 "$(grep -c '^ *[0-9]' ps.out)"
	grep -q "^ *${sh} root" ps.out || atf_fail "the jailed shell is missing"
	grep -q "^ *${sleep} nobody" ps.out || atf_fail "nobody's sleep is missing"
	grep -q "No such file" jail.out || atf_fail "/proc/1 is visible in the jail"
}

atf_test_case db_hidden cleanup
db_hidden_head()
{
	atf_set descr "jailed root can neither read nor change the jail database"
	atf_set require.user root
}
db_hidden_cleanup()
{
	[ -s a.out ] && kill -KILL "$(sed -n 's/^supervisor=//p' \
	    "${DB}/$(head -1 a.out)" 2>/dev/null)" 2>/dev/null
	true
}
db_hidden_body()
{
	J=$(jail_bin)
	# The host sees this jail's record; the jail, rooted at /, sees none.
	"${J}" -i / h 127.0.1.1 /bin/sleep 30 >a.out &
	waitfor a.out
	[ "$(ls "${DB}" | wc -l)" -gt 0 ] || atf_fail "no records on the host"
	atf_check -s ignore -o save:out -e ignore "${J}" / h 127.0.1.2 /bin/sh -c \
	    'ls /run/sysjail | wc -l; echo x >/run/sysjail/99 && echo wrote'
	atf_check_equal "0" "$(sed -n 1p out)"
	grep -q wrote out && atf_fail "the jail wrote into the database"
	[ -e "${DB}/99" ] && atf_fail "a record appeared"
	kill -TERM $!
	wait
	true
}

atf_test_case real_programs cleanup
real_programs_head()
{
	atf_set descr "a jailed TCP server on 0.0.0.0 is reached at J, a jailed client reaches a host service on J, a jailed python3 HTTP server and client talk over 127.0.0.1"
	atf_set require.user root
	atf_set require.progs python3
}
real_programs_body()
{
	J=$(jail_bin)
	N=$(helper sjnet)
	# A service of the jail's on the wildcard, reached from the host at J.
	"${J}" / h 127.0.1.1 "${N}" listen 0.0.0.0 "$(pwd)/port" >server.out &
	waitfor port
	atf_check -o match:"^connected from .* to 127.0.1.1\$" \
	    "${N}" connect 127.0.1.1 "$(cat port)"
	wait $!
	atf_check -o inline:"peer 127.0.0.1\n" cat server.out
	# A service of the host's on J, reached by a jailed client.
	"${N}" listen 127.0.1.1 "$(pwd)/hport" >host.out &
	waitfor hport
	atf_check -o inline:"connected from 127.0.1.1 to 127.0.1.1\n" \
	    "${J}" / h 127.0.1.1 "${N}" connect 127.0.1.1 "$(cat hport)"
	wait $!
	# Python's HTTP server and client over 127.0.0.1, which is J.
	cat >serve.py <<'EOF'
import http.server, threading, urllib.request
class Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass
s = http.server.HTTPServer(("127.0.0.1", 0), Quiet)
threading.Thread(target=s.serve_forever, daemon=True).start()
host, port = s.socket.getsockname()[:2]
r = urllib.request.urlopen("http://127.0.0.1:%d/" % port)
print(host, r.status)
EOF
	atf_check -o inline:"127.0.1.1 200\n" "${J}" / h 127.0.1.1 \
	    /usr/bin/env python3 "$(pwd)/serve.py"
	atf_check -o inline:"127.0.0.1 200\n" python3 serve.py
}
real_programs_cleanup()
{
	pkill -f "sjnet listen .*$(pwd)" 2>/dev/null
	true
}

atf_test_case names cleanup
names_head()
{
	atf_set descr "jail names: two running jails cannot share one (EEXIST, nothing of the second left: no record, no process), bad names refused before anything starts, a numeric name is the JID it asks for, jail -r by name frees the name, jail -f conf -r ends the configuration's jails"
	atf_set require.user root
	atf_set require.progs pgrep
}
names_body()
{
	S=$(bin sysjail)
	J=$(bin jail)
	tok="sjtest-names-$$"
	echo "${tok}" >token
	atf_check -o save:j1 "${S}" -b -i -n dup / one /bin/sleep 60
	ls "${DB}" >before
	atf_check -s exit:1 -o empty \
	    -e inline:"sysjail: dup: a jail of that name is running\n" \
	    "${S}" -n dup / two /bin/sh -c ": ${tok}; sleep 60"
	atf_check -s exit:1 -o empty \
	    -e inline:"jail: dup: a jail of that name is running\n" \
	    "${J}" -c name=dup path=/ command=/bin/sh -c ": ${tok}; sleep 60"
	# Nothing of the refused jails: the registry as it was, no process.
	atf_check -o file:before ls "${DB}"
	# (The bracket keeps pgrep's own command line from matching.)
	! pgrep -f ": [s]${tok#s}" || atf_fail "a refused jail's command runs"
	# Bad names, each refused before anything starts.
	for n in a.b a/b "$(printf 'a\tb')" "" "*" 0 07 65536; do
		atf_check -s exit:1 -o empty -e match:"^sysjail: .*name" \
		    "${S}" -n "${n}" / bad /bin/sh -c ": ${tok}"
	done
	atf_check -s exit:1 -o empty -e match:"^jail: a\.b: name: " \
	    "${J}" -c name=a.b path=/ command=/bin/true
	atf_check -o file:before ls "${DB}"
	# A numeric name is the JID: the jail gets it, and only one can.
	atf_check -o inline:"4242\n" "${S}" -b -i -n 4242 / num /bin/sleep 60
	atf_check -s exit:1 -o empty \
	    -e inline:"sysjail: 4242: a jail of that name is running\n" \
	    "${S}" -n 4242 / num /bin/true
	# jail -r by name ends that jail and frees its name.
	atf_check -s exit:0 -o empty -e empty "${J}" -r dup
	[ ! -e "${DB}/$(cat j1)" ] || atf_fail "jail -r left the record"
	atf_check -o save:j3 "${S}" -b -i -n dup / three /bin/sleep 60
	atf_check -s exit:0 -o empty -e empty "${J}" -r dup 4242
	atf_check -s exit:1 -e inline:"jail: dup: no such jail\n" "${J}" -r dup
	# A configuration's jails by their block names; -r with no jail ends
	# those of them that run.
	cat >c.conf <<CONF
cfa { path = /; exec.start = "sleep 60 >/dev/null 2>&1 &"; }
cfb { path = /; exec.start = "sleep 60 >/dev/null 2>&1 &"; }
cfc { path = /; exec.start = "sleep 60 >/dev/null 2>&1 &"; }
CONF
	atf_check -o empty "${J}" -f c.conf -c cfa cfb
	atf_check -o inline:"cfa\n" "$(bin jls)" -j cfa name
	atf_check -s exit:0 -o empty -e empty "${J}" -f c.conf -r
	atf_check -s exit:1 -e ignore "$(bin jls)" -j cfa
	atf_check -s exit:1 -e ignore "$(bin jls)" -j cfb
}
names_cleanup()
{
	for n in dup 4242 cfa cfb; do
		"$(bin jail)" -r "${n}" >/dev/null 2>&1
	done
	[ -f token ] && pkill -KILL -f ": $(cat token)" 2>/dev/null
	true
}

atf_test_case name_race cleanup
name_race_head()
{
	atf_set descr "of six jails started at once with one name exactly one starts, the others refused with EEXIST's message; a dead jail's name (keeper and supervisor killed) is taken back by the next jail"
	atf_set require.user root
	atf_set require.progs pkill
}
name_race_body()
{
	S="$(bin sysjail) -j $(pwd)/db"
	mkdir db
	tok="sjtest-race-$$"
	echo "${tok}" >token
	for i in 1 2 3 4 5 6; do
		${S} -b -i -n race / "race${i}" /bin/sh -c ": ${tok}; sleep 60" \
		    >"ok.${i}" 2>"err.${i}" &
	done
	wait
	[ "$(cat ok.* | wc -l)" -eq 1 ] ||
	    atf_fail "$(cat ok.* | wc -l) jails named race started"
	[ "$(grep -lx "sysjail: race: a jail of that name is running" err.* |
	    wc -l)" -eq 5 ] || atf_fail "the refusals: $(cat err.*)"
	jid=$(cat ok.*)
	# Both at once: nobody is left to remove the record and the name.
	keeper=$(sed -n 's/^keeper=//p' "db/${jid}")
	sup=$(sed -n 's/^supervisor=//p' "db/${jid}")
	echo "${jid} ${keeper}" >crashed
	kill -KILL "${keeper}" "${sup}"
	i=0
	while kill -0 "${sup}" 2>/dev/null && [ ${i} -lt 50 ]; do
		sleep 0.1; i=$((i + 1))
	done
	[ -e db/race.name ] || atf_skip "the name went with the jail"
	atf_check -o save:jid2 ${S} -b -i -n race / again /bin/sleep 60
	atf_check -o match:"^jid=$(cat jid2) name=race host.hostname=again " \
	    "$(bin sjls)" -j "$(pwd)/db" -o nv race
}
name_race_cleanup()
{
	for r in db/[0-9]*; do
		case ${r} in *.*) continue ;; esac
		[ -f "${r}" ] || continue
		kill -TERM "$(sed -n 's/^supervisor=//p' "${r}")" 2>/dev/null
	done
	[ -f token ] && pkill -KILL -f ": $(cat token)" 2>/dev/null
	# The killed jail's cgroups, which its keeper could not remove.
	if [ -s crashed ]; then
		read jid keeper <crashed
		for cg in $(awk '$9 == "cgroup2" { print $5 }
		    $9 == "cgroup" && $NF ~ /(^|,)pids(,|$)/ { print $5 }' \
		    /proc/self/mountinfo); do
			rmdir "${cg}/sysjail/${jid}.${keeper}" "${cg}/sysjail" \
			    2>/dev/null
		done
	fi
	true
}

atf_init_test_cases()
{
	atf_add_test_case usage
	atf_add_test_case errors
	atf_add_test_case exit_status
	atf_add_test_case hostname
	atf_add_test_case jid
	atf_add_test_case login_env
	atf_add_test_case users
	atf_add_test_case confinement
	atf_add_test_case signals
	atf_add_test_case two_jails
	atf_add_test_case supervisor_killed
	atf_add_test_case machinery_killed
	atf_add_test_case supervisor_term
	atf_add_test_case reboot
	atf_add_test_case kernel_interfaces
	atf_add_test_case ps_lists_jail
	atf_add_test_case db_hidden
	atf_add_test_case real_programs
	atf_add_test_case names
	atf_add_test_case name_race
}
