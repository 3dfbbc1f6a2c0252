#! @ATF_SH@
#
# adversarial_test: one test case per known escape class against
# system-call-interposition jails, for each ABI.  Each runs the class's
# fixtures through sjtest(1), which attacks from inside a jail and fails
# on any escape, and, in the bare modes, shows the same attack working on
# the host where the host allows it.  Fixtures shared with the conformance
# catalogue are named by test:check, so that only the class's rows run.
# The race fixtures (those named *race) make 100,000 calls per race:
# atf/catalogue_test leaves them out, and they run here whole, in all four
# modes, so that every row of theirs in the catalogue is judged.

# ia32, NOIA32: atf/subr.sh.
. "$(atf_get_srcdir)/subr"

paths()
{
	if [ -x "@abs_top_builddir@/src/sysjail" ]; then
		SYSJAIL="@abs_top_builddir@/src/sysjail"
		JAIL="@abs_top_builddir@/src/jail"
		SJTEST="@abs_top_builddir@/sjtest/sjtest"
		CASES="@abs_top_builddir@/cases"
		CATALOGUE="@abs_top_srcdir@/cases/catalogue"
		SJPASS="@abs_top_builddir@/sjtest/sjpass"
	else
		SYSJAIL="@bindir@/sysjail"
		JAIL="@bindir@/jail"
		SJTEST="@bindir@/sjtest"
		CASES="@pkglibexecdir@/cases"
		CATALOGUE="@pkgdatadir@/catalogue"
		SJPASS=""
	fi
}

# attack ABI MODES TEST[:CHECK] ...: sjtest in each mode ("all": the four).
attack()
{
	paths
	abi=$1
	modes=$2
	shift 2
	for m in ${modes}; do
		if [ "${m}" = all ]; then
			"${SJTEST}" -v -p "${SYSJAIL}" -s "${CASES}" \
			    -c "${CATALOGUE}" -a "${abi}" "$@" >out 2>&1
		else
			"${SJTEST}" -v -p "${SYSJAIL}" -s "${CASES}" \
			    -c "${CATALOGUE}" -a "${abi}" -m "${m}" "$@" \
			    >out 2>&1
		fi
		rc=$?
		cat out
		case ${rc} in
		0)	;;
		3)	atf_skip "$(sed -n 's/^sjtest: skipped: //p' out |
			    tail -n 1)" ;;
		*)	atf_fail "$* ${abi} ${m}: an escape, or the attack \
did not run as the catalogue says (see FAIL above)" ;;
		esac
	done
}

RACE="jailed-root jailed-user bare-root bare-user"

# class NAME DESCRIPTION TIMEOUT MODES TEST[:CHECK] ...: a case per ABI.
class()
{
	name=$1
	descr=$2
	timeout=$3
	modes=$4
	shift 4
	for abi in x86_64 i386; do
		eval "${name}_${abi}_head() {
			atf_set descr '${descr} (${abi})'
			atf_set require.user root
			atf_set timeout ${timeout}
		}"
		eval "${name}_${abi}_body() { attack ${abi} '${modes}' $*; }"
		atf_add_test_case "${name}_${abi}"
	done
}

# Two jails, B's root a directory of A's root: A sends B a descriptor of
# its root over a pathname socket in B's tree; B must not read A's file
# through it.  Outside any jail the same descriptor reads it.
smuggle()
{
	paths
	abi=$1
	suffix=""
	[ "${abi}" = i386 ] && suffix=.i386
	helper="${SJPASS}${suffix}"
	[ -n "${SJPASS}" ] || atf_skip "sjpass is only in a build tree"
	[ -x "${helper}" ] || atf_skip "sjpass is not built for ${abi}"
	[ "${abi}" = x86_64 ] || ia32 || atf_skip "${NOIA32}"
	mkdir -p ra/b
	cp "${helper}" ra/sjpass
	cp "${helper}" ra/b/sjpass
	echo "A's secret" >ra/secret
	# The same attack outside of any jail: the descriptor reads the file.
	./ra/b/sjpass recv ra/b/bare.sock secret >bare.out 2>&1 &
	waitsock ra/b/bare.sock
	./ra/sjpass send ra/b/bare.sock ra >/dev/null 2>&1
	wait
	cat bare.out
	atf_check -o match:"^openat OK" cat bare.out
	"${JAIL}" -J b.jid ra/b smuggle-b 127.0.1.3 /sjpass recv /s.sock \
	    secret >b.out 2>&1 &
	echo $! >b.pid
	waitsock ra/b/s.sock
	"${JAIL}" -J a.jid ra smuggle-a 127.0.1.2 /sjpass send /b/s.sock / \
	    >a.out 2>&1
	wait
	cat a.out b.out
	atf_check -o match:"^sent OK" cat a.out
	atf_check -o match:"^received OK" cat b.out
	atf_check -o match:"^openat EACCES" cat b.out
	atf_check -o match:"^fchdir-open EACCES" cat b.out
}

# Another jail's machinery from a jail rooted at /, whose own registry is
# elsewhere (-j), in a private mount namespace with a /run of its own (so
# that the default registry holds only the test's jails).  Jail B runs in
# the default registry; jail A, rooted at /, sees it.  A connects to B's
# N.sock with jexec as root and plants a symbolic link at the temporary
# record name of the next jail, to a file of the host's.  Bare, jexec
# reaches B; jailed, it must be refused and the file must stay unchanged.
registry_attack()
{
	paths
	jexec=$(dirname "${SYSJAIL}")/jexec
	echo "host file" >victim
	here=$(pwd)
	cat >attack.sh <<EOF
set -u
mount -t tmpfs -o mode=755 sjrun /run || exit 2
"${SYSJAIL}" / regb /bin/sleep 60 >b.out 2>&1 &
echo \$! >b.pid
i=0
while [ ! -S /run/sysjail/1.sock ] && [ \$i -lt 100 ]; do
	sleep 0.1; i=\$((i + 1))
done
echo "bare: \$("${jexec}" 1 /bin/echo reached 2>&1)"
"${SYSJAIL}" -j "${here}/dba" / rega /bin/sh -c \
    '"${jexec}" 1 /bin/echo reached 2>&1 | sed "s/^/jailed: /"
     ln -s "${here}/victim" /run/sysjail/.rec.2 && echo planted'
"${SYSJAIL}" / regc /bin/true
echo "victim: \$(cat "${here}/victim")"
kill \$(cat b.pid) 2>/dev/null
wait
EOF
	unshare -m --propagation private sh attack.sh >out 2>&1
	cat out
	atf_check -o match:"^bare: reached" cat out
	atf_check -o match:"^planted" cat out
	atf_check -o not-match:"^jailed: reached" cat out
	atf_check -o match:"^victim: host file" cat out
}

registry_cleanup()
{
	[ -f b.pid ] && kill "$(cat b.pid)" 2>/dev/null
	true
}

waitsock()
{
	i=0
	while [ ! -S "$1" ] && [ ${i} -lt 100 ]; do
		sleep 0.1
		i=$((i + 1))
	done
	[ -S "$1" ] || atf_fail "$1 never appeared"
}

smuggle_cleanup()
{
	# jail(1) passes TERM on: the jail and its command end with it.
	[ -f b.pid ] && kill "$(cat b.pid)" 2>/dev/null
	true
}

atf_init_test_cases()
{
	class argrace "a sibling thread flips every argument the supervisor \
reads from memory (capget header, siginfo, host name; with sockrace the \
socketcall block and an AF_UNIX path), 100,000 calls each; the direct bind \
sockaddr by bindrace, send destinations by sendrace" 600 "${RACE}" \
	    argrace sockrace bindrace sendrace
	class abi_confusion "x32 numbers and int \$0x80 from 64-bit code" \
	    120 all x32 int80
	class ioctl_high "TIOCSTI and TIOCLINUX with bits 32-63 of the command \
set, and allowed ioctls with them" 120 all tty:tiocsti-high32 \
	    tty:tiocsti-high63 tty:tiocsti-high-all tty:tioclinux-high \
	    tty:fionbio tty:fionbio-high priv:tiocsti-high
	class tty_inject "TIOCSTI and TIOCLINUX on a terminal shared with the \
host: no byte reaches it" 120 all tty
	class io_uring "io_uring: no ring, so no operation bypasses the \
filter" 120 all uring priv:io_uring_setup
	class open_by_handle "open_by_handle_at and name_to_handle_at" 120 all \
	    files:name-to-handle files:open-by-handle priv:open_by_handle_at \
	    priv:name_to_handle_at
	class abstract_unix "abstract AF_UNIX listeners of the host" 120 all \
	    net:abstract-host net:abstract-own
	class net_holes "zero destinations (0.0.0.0, ::, ::ffff:0.0.0.0), \
IP_PKTINFO and IPV6_PKTINFO sources, unbound sockets that send or listen, \
and the options that choose a source, against services of the host on \
127.0.0.1, ::1 and another host address" 120 all \
	    net:zero-tcp net:zero-udp net:pktinfo-zero net:zero-sendmmsg \
	    net:host-datagrams net:pktinfo-send net:pktinfo-source \
	    net:pktinfo-connected net:autobind net:autobind-elsewhere \
	    net:listen-unbound net:listen-elsewhere net:freebind \
	    net:transparent net:bindtodevice net:reuseport \
	    net6:zero-tcp net6:mapped-zero net6:mapped-bound-zero \
	    net6:mapped-udp net6:host-datagrams net6:pktinfo-send \
	    net6:pktinfo-source net6:freebind net6:listen-unbound \
	    net6:listen-elsewhere
	class clone3_mount "clone3, clone and unshare with namespace flags, \
and the new mount API, really attempted" 120 all nsmount
	class killpg "kill(0), killpg and SIGIO reaching an outside process \
group" 120 all kill killpg
	class supervisor "the keeper, supervisor and jail(1) as targets of \
signals, pidfds, process_vm_readv, kcmp, capget and ptrace" 120 all reach \
	    pidcalls:vm-read-parent pidcalls:vm-write-parent \
	    pidcalls:ptrace-parent pidcalls:getfd-parent
	class nested_listener "a nested seccomp listener answering CONTINUE" \
	    120 all nested priv:nested-listener priv:nested-kill-outside
	class pid_recycling "signals aimed at recycled pids, 100,000 of them" \
	    600 "${RACE}" killrace pidrace
	class default_deny "system calls newer than the policy table \
(cachestat, listmount) and numbers no kernel has: ENOSYS from the filter" \
	    120 all nosys
	class setown "F_SETOWN, F_SETOWN_EX, FIOSETOWN and SIOCSPGRP naming \
a process or group outside the jail; owners inside keep working" 120 all \
	    setown
	atf_test_case registry cleanup
	registry_head()
	{
		atf_set descr "a jail rooted at / can neither run commands in \
another jail through its jexec socket nor make another jail's supervisor \
write through a symbolic link planted in its registry"
		atf_set require.user root
		atf_set timeout 120
	}
	registry_body() { registry_attack; }
	atf_add_test_case registry
	for abi in x86_64 i386; do
		atf_test_case "smuggle_${abi}" cleanup
		eval "smuggle_${abi}_head() {
			atf_set descr 'a directory descriptor passed from one \
jail to another over AF_UNIX reads nothing beyond the receiver root (${abi})'
			atf_set require.user root
			atf_set timeout 120
		}"
		eval "smuggle_${abi}_body() { smuggle ${abi}; }"
		eval "smuggle_${abi}_cleanup() { smuggle_cleanup; }"
		atf_add_test_case "smuggle_${abi}"
	done
}
