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
# The host-tool cases (issue 17) attack the host's tools with what a jail
# controls: its host name, its tree, its output.

# ia32, NOIA32, bin, mkroot: atf/subr.sh.
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

# A jail rooted at / (issue 16 item 5): its /dev is its own (no host
# device, no host pseudo-terminal, a /dev/shm of its own), a device node
# elsewhere in its tree cannot be opened, mount.devfs=0 leaves it no
# device at all, and allow.ptys=0 no pseudo-terminals.  Bare, the same
# shell sees the host's.
hostdev()
{
	paths
	here=$(pwd)
	mknod node c 1 3 && chmod 666 node || atf_fail "mknod failed"
	( echo x >node ) 2>/dev/null ||
	    atf_skip "the work directory is on a nodev mount"
	shm=/dev/shm/sjtest-hostdev.$$
	echo "${shm}" >shmname
	echo host >"${shm}"
	exec 9<>/dev/ptmx	# a host pseudo-terminal, /dev/pts/N
	cat >probe.sh <<EOF
echo "pts: \$(ls /dev/pts | grep -c '^[0-9]')"
[ -e "${shm}" ] && echo "shm: host" || echo "shm: own"
[ -e /dev/console ] && echo "console: yes" || echo "console: no"
(echo x >"${here}/node") 2>/dev/null && echo "node: opened" ||
    echo "node: refused"
(echo x >/dev/null) 2>/dev/null && echo "null: opened" ||
    echo "null: refused"
[ -e /dev/ptmx ] && echo "ptmx: yes" || echo "ptmx: no"
EOF
	sh probe.sh >bare.out 2>&1
	"${SYSJAIL}" / devj /bin/sh "${here}/probe.sh" </dev/null >jail.out 2>&1
	"${SYSJAIL}" -a mount.devfs=0 / devj /bin/sh "${here}/probe.sh" \
	    </dev/null >nodevfs.out 2>&1
	"${SYSJAIL}" -a ptys=0 / devj /bin/sh "${here}/probe.sh" \
	    </dev/null >noptys.out 2>&1
	exec 9<&-
	for f in bare jail nodevfs noptys; do
		sed "s/^/${f}: /" ${f}.out
	done
	atf_check -o match:"^pts: [1-9]" cat bare.out
	atf_check -o match:"^shm: host" -o match:"^console: yes" \
	    -o match:"^node: opened" cat bare.out
	atf_check -o match:"^pts: 0" -o match:"^shm: own" \
	    -o match:"^console: no" -o match:"^node: refused" \
	    -o match:"^null: opened" -o match:"^ptmx: yes" cat jail.out
	# Without a devfs the jail sees the host's /dev, and can use none of it.
	atf_check -o match:"^console: yes" -o match:"^node: refused" \
	    -o match:"^null: refused" cat nodevfs.out
	atf_check -o match:"^null: opened" -o match:"^ptmx: no" cat noptys.out
}

hostdev_cleanup()
{
	[ -f shmname ] && rm -f "$(cat shmname)"
	true
}

# The supervisor's helper for pathname binds (issue 16 item 3, and what
# an attacker found in its first form): it holds none of the supervisor's
# descriptors, so /proc/self/fd/N in a path cannot lead into the hidden
# registry or the host's /proc, and a socket file cannot be planted there.
# Bare, a descriptor of a directory in the same place leads into it.
bindhelper()
{
	paths
	command -v python3 >/dev/null || atf_skip "python3 binds the sockets"
	here=$(pwd)
	mkdir bared
	cat >plant.py <<EOF
import socket
n = 0
for fd in range(3, 40):
    s = socket.socket(socket.AF_UNIX)
    try:
        s.bind("/proc/self/fd/%d/planted.sock" % fd)
        n += 1
    except OSError:
        pass
print("planted %d" % n)
EOF
	python3 plant.py 3<bared >bare.out 2>&1
	"${SYSJAIL}" -j "${here}/reg" / holder /bin/sleep 30 </dev/null \
	    >/dev/null 2>&1 &
	echo $! >holder.pid
	i=0
	until [ -S reg/1.sock ] || [ ${i} -gt 100 ]; do
		sleep 0.1
		i=$((i + 1))
	done
	mkdir jaild	# the caller's directory: its own descriptor may lead there
	"${SYSJAIL}" -j "${here}/reg" / bh /bin/sh -c \
	    "cd '${here}/jaild' && exec /usr/bin/python3 ../plant.py" \
	    </dev/null >jail.out 2>&1
	ls -A reg >reg.list
	kill "$(cat holder.pid)" 2>/dev/null
	wait
	sed 's/^/bare: /' bare.out
	sed 's/^/jail: /' jail.out
	sed 's/^/registry: /' reg.list
	atf_check -o match:"^planted [1-9]" cat bare.out
	atf_check -s exit:0 test -S bared/planted.sock
	atf_check -o match:"^planted" cat jail.out
	atf_check -o not-match:"planted" cat reg.list
}

bindhelper_cleanup()
{
	[ -f holder.pid ] && kill "$(cat holder.pid)" 2>/dev/null
	true
}

# What a jailed listener shows its clients (SO_PEERCRED): the identity of
# whoever performed listen(2).  The supervisor performs a jail's listens,
# so they must be made with the caller's identity: a jailed user's
# listener must show host clients that user, as bare, never root.
listenid()
{
	paths
	[ -x /usr/bin/python3 ] || atf_skip "/usr/bin/python3 plays both ends"
	command -v setpriv >/dev/null || atf_skip "setpriv(1) is needed"
	d=$(mktemp -d /tmp/sjlistenid.XXXXXX) || atf_fail "mktemp"
	echo "${d}" >tmpdir
	chmod 777 "${d}"
	cat >"${d}/serve.py" <<EOF
import socket, sys
s = socket.socket(socket.AF_UNIX)
s.bind(sys.argv[1])
s.listen(1)
open(sys.argv[1] + ".ready", "w").close()
c, _ = s.accept()
c.recv(1)
EOF
	cat >"${d}/client.py" <<EOF
import socket, struct, sys
s = socket.socket(socket.AF_UNIX)
s.connect(sys.argv[1])
pid, uid, gid = struct.unpack("3i",
    s.getsockopt(socket.SOL_SOCKET, socket.SO_PEERCRED, 12))
print("uid %d gid %d" % (uid, gid))
s.send(b"x")
EOF
	chmod 644 "${d}/serve.py" "${d}/client.py"
	for m in bare jail; do
		if [ ${m} = bare ]; then
			setpriv --reuid=65534 --regid=65534 --clear-groups \
			    /usr/bin/python3 "${d}/serve.py" "${d}/${m}.sock" &
		else
			"${SYSJAIL}" -u nobody / lid /usr/bin/python3 \
			    "${d}/serve.py" "${d}/${m}.sock" </dev/null &
		fi
		i=0
		until [ -e "${d}/${m}.sock.ready" ] || [ ${i} -gt 100 ]; do
			sleep 0.1
			i=$((i + 1))
		done
		/usr/bin/python3 "${d}/client.py" "${d}/${m}.sock" >${m}.out 2>&1
		wait
		sed "s/^/${m}: /" ${m}.out
	done
	atf_check -o match:"^uid 65534 gid 65534" cat bare.out
	atf_check -o match:"^uid 65534 gid 65534" cat jail.out
}

listenid_cleanup()
{
	[ -f tmpdir ] && rm -rf "$(cat tmpdir)"
	true
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

# Issue 23: descriptors a process of the host passes into a jail over a
# pathname socket in its tree (SCM_RIGHTS).  A directory's leads nowhere:
# no name beneath it opens, by openat or after fchdir, since Landlock
# grants nothing outside the jail's root; bare, the same descriptor reads
# the host's file.  What Landlock does not govern still reaches through
# it: fchmodat changes the host file's mode.  A file's descriptor is what the host opened: the jail
# reads and writes the file and, as jailed root, changes its mode and
# owner (fchmod, fchown), as it would outside; README's Security section
# says so, and this checks that it still is exactly so.
passedin()
{
	paths
	[ -n "${SJPASS}" ] || atf_skip "sjpass is only in a build tree"
	mkdir -p jr host
	cp "${SJPASS}" jr/sjpass
	echo "the host's secret" >host/secret
	chmod 600 host/secret
	./jr/sjpass recv bare.sock secret >bare.out 2>&1 &
	waitsock bare.sock
	./jr/sjpass send bare.sock host >/dev/null 2>&1
	wait
	cat bare.out
	atf_check -o match:"^openat OK" -o match:"^fchdir-open OK" cat bare.out
	chmod 600 host/secret
	"${JAIL}" jr passin 127.0.1.4 /sjpass recv /d.sock secret >dir.out 2>&1 &
	echo $! >j.pid
	waitsock jr/d.sock
	./jr/sjpass send jr/d.sock host >/dev/null 2>&1
	wait
	cat dir.out
	atf_check -o match:"^received OK" -o match:"^openat EACCES" \
	    -o match:"^fchdir-open EACCES" -o match:"^fchmodat OK" cat dir.out
	atf_check -o inline:"640\n" stat -c %a host/secret
	echo host >host/file
	chown 65534:65534 host/file
	chmod 600 host/file
	"${JAIL}" jr passin 127.0.1.4 /sjpass recvrw /f.sock >file.out 2>&1 &
	echo $! >j.pid
	waitsock jr/f.sock
	./jr/sjpass sendrw jr/f.sock host/file >/dev/null 2>&1
	wait
	cat file.out
	atf_check -o match:"^received OK" -o match:"^read OK" \
	    -o match:"^write OK" -o match:"^fchmod OK" -o match:"^fchown OK" \
	    cat file.out
	atf_check -o inline:"jailed 604 0:0\n" \
	    sh -c 'printf "%s %s\n" "$(head -c 6 host/file)" \
	    "$(stat -c "%a %u:%g" host/file)"'
}

passedin_cleanup()
{
	[ -f j.pid ] && kill "$(cat j.pid)" 2>/dev/null
	true
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
     ln -s "${here}/victim" /run/sysjail/.rec.2 && echo jail-planted'
# Hidden from the jail; one that saw it would plant, as the host does.
ln -s "${here}/victim" /run/sysjail/.rec.2 && echo planted
"${SYSJAIL}" / regc /bin/true
echo "victim: \$(cat "${here}/victim")"
kill \$(cat b.pid) 2>/dev/null
wait
EOF
	unshare -m --propagation private sh attack.sh >out 2>&1
	cat out
	atf_check -o match:"^bare: reached" cat out
	atf_check -o match:"^planted" cat out
	atf_check -o not-match:"^jail-planted" cat out
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

# The supervisor of the jail whose JID is in the file jid (default
# database) gets TERM: the jail ends with it.
endjail()
{
	[ -f jid ] || return 0
	s=$(sed -n 's/^supervisor=//p' "/run/sysjail/$(cat jid)" 2>/dev/null)
	[ -n "${s}" ] && kill -TERM "${s}" 2>/dev/null
	true
}

# No byte of file $1 but newlines is a control byte.
nocntrl()
{
	if LC_ALL=C tr -d '\n' <"$1" | LC_ALL=C grep -q '[[:cntrl:]]'; then
		od -c "$1" | head -20
		atf_fail "$1: a control byte of the jail's reached the terminal"
	fi
}

# Item 5: jailed root names its host with ESC, BEL, CR, VT and a shell
# command; jls and sjls print it escaped, and sjls -o nv quoted so that a
# shell evaluating the line runs nothing.  Inside the jail the name is
# shown raw: the bytes are real.  hostname(1) refuses such names: python3
# calls sethostname(2) itself.
listing()
{
	command -v python3 >/dev/null || atf_skip "python3 sets the host name"
	mkfifo fifo
	# ... and a C1 control, CSI (U+009B) in UTF-8, last.
	evil=$(printf 'x\033[2J\007\r\013y;touch canary>z|w&v\302\233')
	# In the foreground of a child: under a PID namespace whose init is
	# kyua, a daemon's orphans would be reaped by kyua.
	"$(bin sysjail)" -i / plain.example.org /bin/sh -c \
	    'python3 -c "import socket, sys
socket.sethostname(sys.argv[1])" "$1" && hostname >"$2/inside"
read x <"$2/fifo"' sh "${evil}" "$(pwd)" >jid &
	i=0
	until [ -s inside ] || [ ${i} -gt 100 ]; do sleep 0.1; i=$((i + 1)); done
	jid=$(head -1 jid)
	grep -q "$(printf '\033')" inside || atf_fail "the jail's name has no ESC"
	"$(bin jls)" >jls.out
	"$(bin sjls)" "${jid}" >text.out
	"$(bin sjls)" -o nv "${jid}" >nv.out
	"$(bin sjls)" -o json "${jid}" >json.out
	cat jls.out text.out nv.out json.out
	nocntrl jls.out
	nocntrl text.out
	nocntrl nv.out
	nocntrl json.out
	for f in jls.out text.out nv.out json.out; do
		! LC_ALL=C grep -q "$(printf '[\200-\377]')" "${f}" ||
		    atf_fail "${f}: a byte from 0x80 up (a C1 control) passed"
	done
	grep -Fq '"x\u001b[2J\u0007\r' json.out ||
	    grep -Fq '"x\u001b[2J\u0007\u000d' json.out ||
	    atf_fail "json.out: the host name is not escaped"
	grep -Fq 'v\u00c2\u009b"' json.out || atf_fail "json.out: no C1 escape"
	want='x\033[2J\007\015\013y;touch canary>z|w&v\302\233'
	awk -v j="${jid}" '$1 == j' jls.out >row
	atf_check -o match:'^ *[0-9]+  - +x\\033\[2J\\007\\015\\013y;touch c ' \
	    cat row
	atf_check -o match:"^JID ${jid}: x\\\\033\\[2J" cat text.out
	# A shell that reads the nv line runs nothing, and gets the name
	# back as one word.
	line=$(cat nv.out)
	(eval "set -- ${line}"; for w; do echo "${w}"; done) >words
	[ ! -e canary ] || atf_fail "sjls -o nv let a shell run the jail's command"
	grep -Fqx "host.hostname=${want}" words ||
	    atf_fail "host.hostname is not one word of the escaped name"
	echo go >fifo
	wait
}

# Item 6: a previous jail left a link where the -J file goes, and the
# jail swaps the file's directory for a link to a host directory once the
# record is written.  Neither host file is written or removed; the record
# was in the jail's own directory and is gone when the command ends.
jidfile()
{
	mkroot root /bin/mv /bin/ln >/dev/null || atf_fail "mkroot failed"
	mkdir -p root/run decoy
	echo "host file" >decoy/target
	echo "host file" >decoy/j.jid
	ln -s "$(pwd)/decoy/target" root/run/j.jid
	"$(bin jail)" -J root/run/j.jid root jidlink 127.0.1.17 /bin/sh -c '
	    i=0
	    while [ ! -f /run/j.jid ] && [ ${i} -lt 50 ]; do
		sleep 0.1; i=$((i + 1))
	    done
	    cat /run/j.jid
	    mv /run /run.old && ln -s "$1" /run' sh "$(pwd)/decoy" >out 2>&1
	cat out
	atf_check -o inline:"host file\n" cat decoy/target
	atf_check -o inline:"host file\n" cat decoy/j.jid
	grep -q "jidlink" out || atf_fail "the record was not in the jail's tree"
	[ -L root/run ] || atf_fail "the jail did not swap /run"
	[ ! -e root/run.old/j.jid ] || atf_fail "the JidFile was left behind"
	# The next start, with /run the link the last jail left (to the
	# host's decoy directory by its absolute path), and /log a link to a
	# host file: the -J file's directory and the -A file are found as
	# the jail would find them, within its tree; a FIFO in place of the
	# audit log is refused, not waited on.
	"$(bin sysjail)" -J root/run/j.jid root jidlink2 /bin/true >out2 2>&1
	echo "second start: $? $(cat out2)"
	atf_check -o inline:"host file\n" cat decoy/j.jid
	# The same, the root named through a link of the host's.
	ln -s root alias
	"$(bin sysjail)" -J alias/run/j.jid alias jidlink2 /bin/true >out2 2>&1
	echo "second start through a link: $? $(cat out2)"
	atf_check -o inline:"host file\n" cat decoy/j.jid
	ln -s "$(pwd)/decoy/target" root/log
	"$(bin sysjail)" -A root/log root jidlink2 /bin/true >out3 2>&1
	echo "third start: $? $(cat out3)"
	atf_check -o inline:"host file\n" cat decoy/target
	rm root/log && mkfifo root/log
	atf_check -s exit:1 -e match:"not a regular file|No such device" \
	    timeout 20 "$(bin sysjail)" -A root/log root jidlink3 /bin/true
}

# Item 8: the jail's /etc/passwd is a FIFO (planted by jailed root while
# the jail runs) or larger than 1 MiB: jexec -U and jail -U refuse it at
# once instead of waiting for a writer or reading without end.
userfile()
{
	mkroot root /bin/rm /usr/bin/mkfifo >/dev/null || atf_fail "mkroot failed"
	mkfifo root/ctl
	"$(bin jail)" -i root userfifo 127.0.1.18 /bin/sh -c \
	    'rm /etc/passwd && mkfifo /etc/passwd && echo planted; read x </ctl' \
	    >jail.out 2>&1 &
	i=0
	until grep -q planted jail.out 2>/dev/null || [ ${i} -gt 100 ]; do
		sleep 0.1; i=$((i + 1))
	done
	[ -p root/etc/passwd ] || atf_fail "the jail did not plant a FIFO"
	jid=$(head -1 jail.out)
	echo "${jid}" >jid
	atf_check -s exit:1 -e match:"etc/passwd: not a regular file" \
	    timeout 20 "$(bin jexec)" -U jailuser "${jid}" /bin/true
	atf_check -s exit:1 -e match:"etc/passwd: not a regular file" \
	    timeout 20 "$(bin jail)" -U jailuser root userfifo2 127.0.1.19 \
	    /bin/true
	echo go >root/ctl
	wait
	# An endless file: a sparse 2 MiB one.
	rm root/etc/passwd
	head -c 100 /dev/zero >root/etc/passwd
	truncate -s 2M root/etc/passwd
	atf_check -s exit:1 -e match:"etc/passwd: File too large" \
	    timeout 20 "$(bin jail)" -U jailuser root userbig 127.0.1.19 \
	    /bin/true
}

# listener PATH FILE [restart]: a syslog daemon stand-in on the datagram
# socket PATH, each datagram a line of FILE; with restart, after the first
# it rebinds PATH (a logger restart) and writes a line RESTART.
listener()
{
	python3 -c '
import os, socket, sys
path, out = sys.argv[1], sys.argv[2]
restart = len(sys.argv) > 3
def bind():
    s = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
    s.bind(path)
    return s
s = bind()
f = open(out, "a", buffering=1)
f.write("READY\n")
while True:
    d = s.recv(4096)
    f.write(d.decode(errors="replace") + "\n")
    if restart:
        restart = False
        s.close()
        os.unlink(path)
        s = bind()
        f.write("RESTART\n")
' "$@" &
	echo $! >>listeners
	i=0
	until grep -q READY "$2" 2>/dev/null || [ ${i} -gt 50 ]; do
		sleep 0.1; i=$((i + 1))
	done
}

# Item 4: the audit trail to syslog.  In a mount namespace of its own, a
# /dev with a logger stand-in; the jail's tree has its own /dev/log.  The
# host's logger gets the refused calls, before and after it restarts; the
# jail's gets nothing.  A second run with no host logger at all (as on a
# host without /dev/log): still nothing reaches the jail's.
syslogdiv()
{
	command -v python3 >/dev/null || atf_skip "python3 plays the loggers"
	command -v unshare >/dev/null || atf_skip "unshare(1) is needed"
	mkroot root >/dev/null || atf_fail "mkroot failed"
	mkdir -p root/dev fakedev nodev
	for d in null zero full random urandom tty; do
		cp -a "/dev/${d}" fakedev/ && cp -a "/dev/${d}" nodev/
	done
	listener "$(pwd)/root/dev/log" jail.log
	listener "$(pwd)/fakedev/log" host.log restart
	run='mount --bind "$1/$2" /dev && shift 2 && exec "$@"'
	unshare -m --propagation private sh -c "${run}" sh "$(pwd)" fakedev \
	    "$(bin sysjail)" -A syslog root logdiv /bin/sh -c \
	    'kill -0 1; sleep 1; kill -0 1; sleep 1; kill -0 1' >out 2>&1
	unshare -m --propagation private sh -c "${run}" sh "$(pwd)" nodev \
	    "$(bin sysjail)" -A syslog root logdiv /bin/sh -c \
	    'kill -0 1; sleep 1; kill -0 1' >>out 2>&1
	sleep 0.5
	kill $(cat listeners) 2>/dev/null
	rm -f listeners
	cat out
	echo "host's logger:"; cat host.log
	echo "jail's logger:"; cat jail.log
	grep -v '^READY$' jail.log >diverted || true
	[ -s diverted ] && atf_fail "the jail's /dev/log received audit records"
	grep -q 'sysjail\[[0-9]*\]: jail [0-9]*: .*kill(1, 0) = -1 ESRCH' \
	    host.log || atf_fail "the host's logger received no record"
	sed -n '/^RESTART$/,$p' host.log | grep -q 'kill(1, 0)' ||
	    atf_fail "no record reached the host's logger after its restart"
	true
}

# Item 7: one jailed process loops on a refused call (20,000 of them):
# the audit log holds at most the burst plus the rate for the time taken,
# and a line counting what was dropped once logging resumes.
logflood()
{
	start=$(date +%s)
	"$(bin sysjail)" -A audit.log / logflood /bin/sh -c '
	    i=0
	    while [ ${i} -lt 20000 ]; do kill -0 1 2>/dev/null; i=$((i + 1)); done
	    sleep 2.5
	    kill -0 1 2>/dev/null; true' >out 2>&1
	end=$(date +%s)
	cat out
	n=$(grep -c 'kill(1, 0)' audit.log)
	max=$((200 + 100 * (end - start + 1)))
	echo "${n} lines of kill, at most ${max} allowed"
	[ "${n}" -le "${max}" ] || atf_fail "${n} lines in $((end - start)) s"
	[ "$(wc -l <audit.log)" -le $((2 * max)) ] ||
	    atf_fail "$(wc -l <audit.log) lines in all"
	grep '^sysjail\[[0-9]*\]: [0-9]* lines dropped' audit.log ||
	    atf_fail "no line counts the dropped lines"
}

# Item 9: the jail prints a line that looks like sysjail -dd's own on the
# standard error it shares.  Given descriptor 3, -dd writes its lines
# there, which the jail cannot reach; without it, -dd says that its log
# shares the standard error.
debuglog()
{
	forged='sysjail[1]: pid 1 x86_64 kill(1, SIGTERM) = 0'
	"$(bin sysjail)" -dd / dbg /bin/sh -c \
	    'echo "$1" >&2; kill -0 1; echo intruder >&3' sh "${forged}" \
	    3>calls.log 2>err
	echo "call log:"; cat calls.log
	echo "standard error:"; cat err
	grep -Eq '^sysjail\[[0-9]+\]: pid [0-9]+ x86_64 kill\(1, 0\) = -1 ESRCH$' \
	    calls.log || atf_fail "the call log is not on descriptor 3"
	! grep -Fq "${forged}" calls.log || atf_fail "the jail's line is in the log"
	! grep -q intruder calls.log || atf_fail "the jail wrote to descriptor 3"
	! grep -v -F "${forged}" err | grep -q '^sysjail\[' ||
	    atf_fail "-dd lines on the shared standard error"
	atf_check -s ignore -e match:"^sysjail: -dd: the call log shares the standard error with the jail" \
	    "$(bin sysjail)" -dd / dbg /bin/true 3>&-
}

# Item 1: a previous jail replaced its /proc with a link that, through a
# procfs's self/root, leads to the host's / (rmdir /proc; mkdir -p
# /pp/self/root; ln -s pp/self/root/../.. /proc).  The next start with
# mount.procfs must not leave the jail a writable /proc/sys anywhere: it
# refuses to start.  A clean tree, and a root of /, get a procfs whose
# sys is read-only.  Only opened for writing (no byte written), and
# kernel.domainname is the jail's own UTS namespace's anyway.
procfslink()
{
	probe='for f in /proc/sys/kernel/domainname /pp/sys/kernel/domainname
	    do if [ -e "$f" ] && true 2>/dev/null >"$f"; then
		echo "WRITABLE $f"; fi; done
	    [ -r /proc/self/status ] && echo PROCFS; true'
	mkroot clean >/dev/null || atf_fail "mkroot failed"
	cp -a clean root
	rmdir root/proc
	mkdir -p root/pp/self/root
	ln -s pp/self/root/../.. root/proc
	atf_check -o match:"^PROCFS\$" -o not-match:WRITABLE \
	    "$(bin sysjail)" -a mount.procfs clean c /bin/sh -c "${probe}"
	atf_check -o match:"^PROCFS\$" -o not-match:WRITABLE \
	    "$(bin sysjail)" / c /bin/sh -c "${probe}"
	"$(bin sysjail)" -a mount.procfs root p /bin/sh -c "${probe}" >out 2>&1
	echo "rc $?" >>out
	cat out
	! grep -q WRITABLE out || atf_fail "a writable procfs sys in the jail"
	grep -q "Too many levels of symbolic links" out ||
	    atf_fail "the start did not refuse the planted link"
}

# A set-user-ID root program run by a jailed user becomes jailed root and
# no more (issue 21 item 4): id -u gives 0 in the jail, as bare, and 65534
# with allow.setuid=0; the priv fixture, set-user-ID root and run by
# nobody, gives jailed root's answer to every privileged call it makes
# before it gives its privilege up (setresuid-same), where bare root's
# answers (the catalogue's) differ.
setuidroot()
{
	paths
	mkroot root /usr/bin/id >/dev/null || atf_fail "mkroot failed"
	chmod 4755 root/usr/bin/id
	cp "${CASES}/linux/priv" root/priv && chmod 4755 root/priv ||
	    atf_fail "no priv fixture"
	mkdir -p root/tmp && chmod 1777 root/tmp
	atf_check -o inline:"0\n" "${SYSJAIL}" -u nobody root s /usr/bin/id -u
	atf_check -o inline:"65534\n" "${SYSJAIL}" -a setuid=0 -u nobody \
	    root s /usr/bin/id -u
	"${SYSJAIL}" -u nobody root s /priv </dev/null >suid.out 2>&1
	sed '/^setresuid-same /,$d' suid.out >before
	[ -s before ] || { cat suid.out; atf_fail "the fixture printed nothing"; }
	same=0 differ=0 bad=
	while read -r check token rest; do
		row=$(awk -v c="${check}" '$1 == "priv" && $2 == c { print $3, $5 }' \
		    "${CATALOGUE}")
		[ -n "${row}" ] || continue
		jr=${row% *}
		br=${row#* }
		case "${token}" in SKIP) continue ;; esac
		if [ "${jr}" = any ] || [ "${token}" = "${jr}" ]; then
			same=$((same + 1))
		else
			bad="${bad} ${check}:${token}(jailed-root:${jr})"
		fi
		[ "${br}" != "${jr}" ] && differ=$((differ + 1))
	done <before
	echo "jailed-root answers: ${same}; of those, bare root differs: ${differ}"
	[ -z "${bad}" ] || atf_fail "not jailed root's answers:${bad}"
	[ "${same}" -gt 20 ] || atf_fail "too few checks: ${same}"
	[ "${differ}" -gt 10 ] || atf_fail "bare root would pass this too"
}

# Issue 16 item 8 against issue 16 item 2: a jail rooted at / sees the
# registries but its own; what it plants there must never make a start
# kill a live jail.  (a) It replaces the live lock of jail 1 of registry B
# by an unlocked file; (b) it plants, in B, a record naming the cgroup of
# jail 1 of its own (hidden) registry A, whose JID.KEEPER it reads in the
# cgroup hierarchy, with an unlocked lock.  After a start in B each victim
# lives (the cgroups are marked with their own jail's lock).  The same
# files planted for a jail that really died are reclaimed: that part
# shows the case can fail.
# A supervisor that dies of a signal leaves no core file in the jail's tree
# (where it has changed root, and where a relative core_pattern would put
# it, for jailed root to read what it held): it is not dumpable.  Bare, a
# process chrooted into the same tree leaves one there.
supervisorcore()
{
	paths
	pat=$(cat /proc/sys/kernel/core_pattern)
	case "${pat}" in
	/*|"|"*)
		atf_skip "core_pattern is ${pat}: no core file is written in a working directory";;
	esac
	mkroot root >/dev/null || atf_fail "mkroot failed"
	mkdir -m 700 db
	ulimit -c unlimited || atf_skip "cannot raise RLIMIT_CORE"
	# Bare: the tree takes a core file.
	chroot root /bin/sh -c 'kill -SEGV $$'
	ls root | grep -q '^core' ||
	    atf_skip "no core file bare either (kernel.core_uses_pid, suid_dumpable or a limit)"
	rm -f root/core*
	echo started >token
	"${SYSJAIL}" -b -j "$(pwd)/db" root corejail /bin/sleep 60 ||
	    atf_fail "the jail did not start"
	record
	kill -SEGV "${S}"
	gone "${J}" "${K}"
	ls root | grep '^core' && atf_fail "the supervisor left a core file in the jail's tree"
	true
}
supervisorcore_cleanup()
{
	paths
	[ -d db ] && "${SYSJAIL}" -j "$(pwd)/db" -C >/dev/null 2>&1
	true
}

# A jailed command that makes its parent, the jail's spawner, its tracer
# (PTRACE_TRACEME) and stops is not taken for ended: the jail stays, the
# command stopped, as a stopped child of a shell bare (atk13: the jail
# ended at once, its command's status 127).
traceme()
{
	paths
	mkdir -m 700 db
	prog='import ctypes, os, signal
ctypes.CDLL(None).ptrace(0, 0, 0, 0)
os.kill(os.getpid(), signal.SIGSTOP)'
	# Bare: the process stays, stopped.
	python3 -c "${prog}" &
	p=$!
	sleep 1
	st=$(ps -o stat= -p "${p}")
	kill -9 "${p}"
	wait "${p}" 2>/dev/null
	case "${st}" in
	T*|t*)	;;
	*)	atf_fail "bare: the process is '${st}', not stopped" ;;
	esac
	"${SYSJAIL}" -b -j "$(pwd)/db" / tracer "$(command -v python3)" -c "${prog}" ||
	    atf_fail "the jail did not start"
	record
	sleep 1.5
	[ -e "db/${J}" ] || atf_fail "the jail ended when its command stopped for its tracer"
	p=$(sed -n 's/^pid=//p' "db/${J}")
	st=$(ps -o stat= -p "${p}")
	case "${st}" in
	T*|t*)	;;
	*)	atf_fail "jailed: the command is '${st}', not stopped" ;;
	esac
	# Ended as jail -r ends a jail: SIGTERM to its supervisor.
	kill -TERM "${S}"
	gone "${J}" "${K}"
}
tracemeclean()
{
	paths
	[ -f db/1 ] && kill -TERM "$(sed -n 's/^supervisor=//p' db/1)" \
	    2>/dev/null
	sleep 3.5
	[ -d db ] && "${SYSJAIL}" -j "$(pwd)/db" -C >/dev/null 2>&1
	true
}

# Every registry is hidden from every jail (atk13): a jail rooted at /
# sees neither the default registry nor that of any jail living when it
# started, though its own is a third; bare, both list their records.
registrieshidden()
{
	paths
	mkdir -m 700 regB regC
	"${SYSJAIL}" -b -j "$(pwd)/regB" / vb /bin/sleep 60 ||
	    atf_fail "the jail of B did not start"
	"${SYSJAIL}" -b -i / vd /bin/sleep 60 >jid ||
	    atf_fail "the jail of the default registry did not start"
	atf_check -o not-empty ls -A regB /run/sysjail
	atf_check -o empty "${SYSJAIL}" / look /bin/ls -A "$(pwd)/regB"
	atf_check -o empty "${SYSJAIL}" -j "$(pwd)/regC" / look /bin/sh -c \
	    "ls -A /run/sysjail; ls -A $(pwd)/regB"
	registrieshidden_cleanup
}
registrieshidden_cleanup()
{
	endjail
	[ -f regB/1 ] && kill -TERM "$(sed -n 's/^supervisor=//p' regB/1)" \
	    2>/dev/null
	i=0
	while { [ -e regB/1 ] || [ -e "/run/sysjail/$(cat jid 2>/dev/null)" ]; } &&
	    [ ${i} -lt 50 ]; do
		sleep 0.1
		i=$((i + 1))
	done
	true
}

# A command that makes a sibling with clone(CLONE_PARENT), a child of
# the spawner that the spawner never counted, which exits at once: the
# jail goes on while the command runs (atk14: the sibling's exit lowered
# the spawner's count, and the jail ended under the command).
cloneparent()
{
	paths
	py=$(command -v python3)
	prog='import ctypes, os, time
libc = ctypes.CDLL(None, use_errno=True)
if libc.syscall(56, 0x8000 | 17, 0, 0, 0, 0) == 0:
    os._exit(0)
time.sleep(1.5)
print("alive")'
	atf_check -o inline:"alive\n" "${py}" -c "${prog}"
	atf_check -o inline:"alive\n" -e empty "${SYSJAIL}" / cparent \
	    "${py}" -c "${prog}"
}

# A command started with a clean environment finds the caller's nowhere
# in the jail's procfs, the nursery's environ included (atk16: N kept the
# caller's environment area, which /proc/N/environ showed); without a
# clean one, the same scan finds it (in the command's own).
nurseryenviron()
{
	paths
	scan='cat /proc/[0-9]*/environ 2>/dev/null | tr "\0" "\n" |
	    grep -c "^SJ_SECRET=" || true'
	atf_check -o inline:"0\n" env SJ_SECRET=hunter2 "${JAIL}" -c path=/ \
	    name=nenv exec.clean command=/bin/sh -c "${scan}"
	atf_check -o not-inline:"0\n" env SJ_SECRET=hunter2 "${JAIL}" -c \
	    path=/ name=nenv command=/bin/sh -c "${scan}"
	# Nor in the nursery's memory, which jailed root can read (atk17).
	py=$(command -v python3) || return 0
	mem='import glob, re
n = 0
for d in glob.glob("/proc/[0-9]*"):
    try:
        if open(d + "/comm").read().strip() != "sysjail-nurse":
            continue
        m = open(d + "/mem", "rb")
        for l in open(d + "/maps"):
            a, b = [int(x, 16) for x in l.split()[0].split("-")]
            if l.split()[1][0] != "r":
                continue
            try:
                m.seek(a)
                n += m.read(b - a).count(b"SJ_SECRET=hun" + b"ter2")
            except OSError:
                pass
    except OSError:
        pass
print(n)'
	atf_check -o inline:"0\n" env SJ_SECRET=hunter2 "${JAIL}" -c path=/ \
	    name=nenv exec.clean command="${py}" -c "${mem}"
	atf_check -o not-inline:"0\n" env SJ_SECRET=hunter2 "${JAIL}" -c \
	    path=/ name=nenv command="${py}" -c "${mem}"
}

# A jail's tree inside another's: the outer jail owns the inner one's
# directories, so it could give the inner jail the root it likes (a link
# to the host's /: atk15) or move the directory an inner process works in
# out of the inner root, from where ".." reaches the host's / (atk17).
# Such a root is refused; a link outside every jail's tree is followed
# as before.
nestedtree()
{
	paths
	mkroot root /bin/rm /bin/ln >/dev/null || atf_fail "mkroot failed"
	mkdir -p root/srv/b
	mkroot root/srv/c >/dev/null || atf_fail "mkroot failed"
	# Before the outer tree is any jail's, the inner one is a root.
	atf_check -o inline:"inner\n" "${SYSJAIL}" "$(pwd)/root/srv/c" inner \
	    /bin/sh -c 'echo inner'
	atf_check -o inline:"planted\n" "${SYSJAIL}" "$(pwd)/root" outer \
	    /bin/sh -c 'rm -rf /srv/b && ln -s / /srv/b && echo planted'
	atf_check -s exit:1 -o empty \
	    -e match:"root/srv/b: a link inside the tree of a jail" \
	    "${SYSJAIL}" "$(pwd)/root/srv/b" inner /bin/true
	atf_check -s exit:1 -o empty \
	    -e match:"root/srv/c: inside the tree of another jail" \
	    "${SYSJAIL}" "$(pwd)/root/srv/c" inner /bin/sh -c 'echo inner'
	ln -s "$(pwd)/root" hostlink
	atf_check -o inline:"outer again\n" "${SYSJAIL}" "$(pwd)/hostlink" \
	    outer /bin/sh -c 'echo outer again'
}

reclaimplanted()
{
	paths
	tok="sjtest-planted-$$"
	echo "${tok}" >token
	mkdir -m 700 regA regB
	A="$(pwd)/regA" B="$(pwd)/regB"
	"${SYSJAIL}" -b -j "${B}" / vb /bin/sh -c ": ${tok}; sleep 600" ||
	    atf_fail "victim B did not start"
	"${SYSJAIL}" -b -j "${A}" / va /bin/sh -c ": ${tok}; sleep 600" ||
	    atf_fail "victim A did not start"
	vb=$(sed -n 's/^pid=//p' regB/1)
	va=$(sed -n 's/^pid=//p' regA/1)
	cga=$(sed -n 's/^cgroup=//p' regA/1)
	sed -n 's/^cgroup=//p' regB/1 >cgb
	echo "victims: A ${cga}, B $(cat cgb)"
	[ -n "${vb}" ] && [ -n "${va}" ] && [ -n "${cga}" ] ||
	    atf_fail "no victims' records"
	plant="t=\$(mktemp ${B}/x.XXXXXX) && mv -f \$t ${B}/1.lock &&
	    printf 'jid=2\\nkeeper=${cga#*.}\\ncgroup=${cga}\\npidscgroup=${cga}\\n' \
	        >${B}/2 && : >${B}/2.lock && echo planted"
	# B is hidden from a jail started while B's jail lives.
	"${SYSJAIL}" -j "${A}" / attacker /bin/sh -c "${plant}" >att.out 2>&1
	cat att.out
	grep -qx planted att.out && atf_fail "a jail of A saw B's registry"
	# A jail that saw it (one started before B was first used, or by an
	# older sysjail) plants the same: as the host does here.
	/bin/sh -c "${plant}" >att.out 2>&1
	grep -qx planted att.out || atf_fail "the host could not plant"
	"${SYSJAIL}" -j "${B}" / other /bin/true ||
	    atf_fail "the start in B failed"
	"${SYSJAIL}" -j "${B}" -C || atf_fail "sysjail -C failed"
	sleep 0.5
	kill -0 "${vb}" 2>/dev/null ||
	    atf_fail "a start killed jail 1 of B through a replaced lock"
	kill -0 "${va}" 2>/dev/null ||
	    atf_fail "a start killed jail 1 of A through a planted record"
	# The same reclaim on a jail that died: it goes.
	k=$(sed -n 's/^keeper=//p' regA/1)
	s=$(sed -n 's/^supervisor=//p' regA/1)
	z=$(sed -n 's/^spawner=//p' regA/1)
	killmachinery "${k}" "${s}" "${z}"
	sleep 0.5
	"${SYSJAIL}" -j "${A}" -C >c.out || atf_fail "sysjail -C failed"
	cat c.out
	sleep 0.5
	# Gone, or a zombie its new parent (init) has not reaped yet.
	st=$(sed -n 's/^[0-9]* (.*) \([A-Z]\) .*/\1/p' "/proc/${va}/stat" \
	    2>/dev/null)
	[ -z "${st}" ] || [ "${st}" = Z ] ||
	    atf_fail "the dead jail of A was not reclaimed (${va}: ${st})"
}
reclaimplanted_cleanup()
{
	[ -f token ] || return 0
	# A keeper killed: its supervisor ends the jail and removes it.
	for r in regA regB; do
		for f in ${r}/[0-9]*; do
			k=$(sed -n 's/^keeper=//p' "${f}" 2>/dev/null)
			[ -n "${k}" ] && kill -KILL "${k}" 2>/dev/null
		done
	done
	# Until jail 1 of B has removed its cgroups; a dead one, reclaimed.
	i=0
	while [ -s cgb ] && [ ${i} -lt 50 ]; do
		left=
		for r in $(cgroots); do
			[ -d "${r}/sysjail/$(cat cgb)" ] && left=yes
		done
		[ -z "${left}" ] && break
		sleep 0.1
		i=$((i + 1))
	done
	paths
	for r in regA regB; do
		"${SYSJAIL}" -j "$(pwd)/${r}" -C >/dev/null 2>&1
	done
	true
}

# Issue 16 item 1 again: a jail rooted at / of another registry rewrites
# the default registry (it sees it): jail A's record names jail B's
# supervisor and B's socket is linked over A's; and jail C's record names
# a root of the jail's making, whose passwd makes nobody uid 0.  jexec A
# must not run in B (B's supervisor says it serves B), and jexec -U nobody
# C must look the user up in C's real root (its supervisor gives it).
jexecredirect()
{
	paths
	JEXEC="$(dirname "${SYSJAIL}")/jexec"
	R=/run/sysjail
	for n in a b c; do
		"${SYSJAIL}" -b -i / "victim-${n}" /bin/sleep 600 >"jid.${n}" ||
		    atf_fail "victim ${n} did not start"
		sed -n 's/^keeper=//p' "${R}/$(cat "jid.${n}")" >"keeper.${n}"
	done
	a=$(cat jid.a) b=$(cat jid.b) c=$(cat jid.c)
	atf_check -o inline:"victim-a\n" "${JEXEC}" "${a}" /bin/hostname
	atf_check -o inline:"65534\n" "${JEXEC}" -U nobody "${c}" /usr/bin/id -u
	mkdir -m 700 reg
	fake="$(pwd)/fake"
	plant="
	    sb=\$(sed -n 's/^supervisor=//p' ${R}/${b})
	    sed \"s/^supervisor=.*/supervisor=\$sb/\" ${R}/${a} >${R}/.t.${a} &&
	    mv ${R}/.t.${a} ${R}/${a} &&
	    ln ${R}/${b}.sock ${R}/.s.${a} && mv -f ${R}/.s.${a} ${R}/${a}.sock &&
	    mkdir -p ${fake}/etc && echo 'nobody:x:0:0::/:/bin/sh' >${fake}/etc/passwd &&
	    echo 'root:x:0:' >${fake}/etc/group &&
	    sed 's|^path=.*|path=${fake}|' ${R}/${c} >${R}/.t.${c} &&
	    mv ${R}/.t.${c} ${R}/${c} && echo planted"
	# The default registry is hidden from every jail.
	"${SYSJAIL}" -j "$(pwd)/reg" / planter /bin/sh -c "${plant}" \
	    >plant.out 2>&1
	cat plant.out
	grep -qx planted plant.out &&
	    atf_fail "a jail of another registry saw the default one"
	# A jail that saw it (started by an older sysjail) plants the
	# same: as the host does here.
	/bin/sh -c "${plant}" >plant.out 2>&1
	grep -qx planted plant.out || atf_fail "the host could not plant"
	"${JEXEC}" "${a}" /bin/hostname >out 2>err
	echo "jexec ${a}: $(cat out) / $(cat err)"
	grep -q victim-b out && atf_fail "jexec ${a} ran in jail ${b}"
	grep -q "another jail's" err || atf_fail "jexec ${a} did not refuse"
	atf_check -o inline:"65534\n" "${JEXEC}" -U nobody "${c}" /usr/bin/id -u
}
jexecredirect_cleanup()
{
	for n in a b c; do
		[ -f "keeper.${n}" ] && kill -KILL "$(cat "keeper.${n}")" 2>/dev/null
	done
	true
}

# A jail rooted at / of another registry replaces /run/sysjail by a link
# to its own registry, where its jail is named 1: jexec 1 must not run
# there.  In a mount namespace with a /run of the case's own, so that
# the host's registry is never touched.
jexecreglink()
{
	paths
	JEXEC="$(dirname "${SYSJAIL}")/jexec"
	mkroot root >/dev/null || atf_fail "mkroot failed"
	mkdir -m 700 reg
	here=$(pwd)
	unshare -m sh -c "
	    mount --make-rprivate / && mount -t tmpfs tmpfs /run || exit 9
	    '${SYSJAIL}' -b -n web root victim /bin/sleep 30 || exit 8
	    '${SYSJAIL}' -b -j '${here}/reg' -n 1 / attacker /bin/sh -c \
	        'mv /run/sysjail /run/sysjail.orig &&
	         ln -s ${here}/reg /run/sysjail && echo planted >${here}/planted;
	         echo tried >${here}/tried; sleep 30'
	    i=0
	    while [ ! -f '${here}/tried' ] && [ \$i -lt 50 ]; do
	        sleep 0.1; i=\$((i + 1)); done
	    # The registry is hidden from the jail, which cannot move it; a
	    # jail that saw it would plant the link as the host does here.
	    [ -f '${here}/planted' ] && echo jail-planted
	    mv /run/sysjail /run/sysjail.orig && ln -s '${here}/reg' /run/sysjail
	    echo secret | '${JEXEC}' 1 /bin/sh -c 'hostname; cat'
	    echo jexec=\$?
	    rm -f /run/sysjail && mv /run/sysjail.orig /run/sysjail
	    for f in /run/sysjail/[0-9]* reg/[0-9]*; do
	        k=\$(sed -n 's/^keeper=//p' \$f 2>/dev/null)
	        [ -n \"\$k\" ] && kill -KILL \$k
	    done
	    # Until both jails are gone, with their cgroups.
	    i=0
	    while [ \$i -lt 100 ] && pgrep -f '^sysjail-spawn' >/dev/null &&
	        ls /run/sysjail/[0-9]* reg/[0-9]* >/dev/null 2>&1; do
	        sleep 0.1; i=\$((i + 1)); done
	    '${SYSJAIL}' -C; '${SYSJAIL}' -j '${here}/reg' -C" >out 2>&1
	cat out
	[ -f tried ] || atf_fail "the attacker did not run"
	grep -q jail-planted out && atf_fail "the jail moved the default registry"
	grep -q attacker out && atf_fail "jexec 1 ran in the planter's jail"
	grep -q "secret" out && atf_fail "the caller's input reached a jail"
	grep -q "^jexec=1" out || atf_fail "jexec did not fail"
}

# Issue 17 item 2's class (atk11): a jail with a procfs reopens its
# standard input pipe for writing and fills it, so that the relay, giving
# back to the caller's file what the command left unread, moved the file
# back before where the jail started: the host shell reading its script
# from that file then ran, as root, the tail of an earlier line.  The
# file is never moved back past the jail's start.
stdinrewind()
{
	paths
	mkroot root >/dev/null || atf_fail "mkroot failed"
	here=$(pwd)
	cat >maint.sh <<EOS
# note: never run this:   touch ${here}/ESCAPED  (a comment)
echo "maintenance: jail starts"
${SYSJAIL} -a mount.procfs ${here}/root h /bin/sh /inject
echo "maintenance: jail done"
EOS
	jline=$(grep -n "^${SYSJAIL}" maint.sh | cut -d: -f1)
	endoff=$(head -n "${jline}" maint.sh | wc -c)
	toff=$(grep -bo 'touch ' maint.sh | head -1 | cut -d: -f1)
	n=$((endoff - toff))
	printf '[ -e /done ] && exit 0; : >/done\nhead -c %d /dev/zero >/proc/self/fd/0; echo injected %d\n' \
	    "${n}" "${n}" >root/inject
	chmod 755 root/inject
	timeout 60 bash <maint.sh >out 2>&1
	cat out
	grep -q "injected ${n}" out || atf_fail "the jail did not write"
	[ ! -e ESCAPED ] || atf_fail "the host ran a line from before the jail"
	[ "$(grep -c 'maintenance: jail done' out)" -eq 1 ] ||
	    atf_fail "the host script did not go on once after the jail"
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
	class limit_recycling "prlimit64, setpriority and sched_setscheduler \
aimed at recycled pids, 20,000 of them; SO_PEERPIDFD and SO_PASSPIDFD" \
	    600 "${RACE}" prlrace
	class default_deny "system calls newer than the policy table \
(cachestat, listmount) and numbers no kernel has: ENOSYS from the filter" \
	    120 all nosys
	class devfs "the jail's own /dev: the harmless devices and its own \
pseudo-terminals, none of the host's, no device node elsewhere in its tree" \
	    120 all devfs
	class setown "F_SETOWN, F_SETOWN_EX, FIOSETOWN and SIOCSPGRP naming \
a process or group outside the jail; owners inside keep working" 120 all \
	    setown
	atf_test_case jexec_redirect cleanup
	jexec_redirect_head()
	{
		atf_set descr "a record and socket replaced in the default \
registry by a jail rooted at / of another registry never lead jexec into \
another jail, nor jexec -U to another root's users (issue 16 item 1)"
		atf_set require.user root
		atf_set timeout 60
	}
	jexec_redirect_body() { jexecredirect; }
	jexec_redirect_cleanup() { jexecredirect_cleanup; }
	atf_add_test_case jexec_redirect
	atf_test_case stdin_rewind
	stdin_rewind_head()
	{
		atf_set descr "a jail that writes into its own standard input \
pipe never moves the caller's file back past where it started (issue 17)"
		atf_set require.user root
		atf_set require.progs "bash timeout"
		atf_set timeout 90
	}
	stdin_rewind_body() { stdinrewind; }
	atf_add_test_case stdin_rewind
	atf_test_case jexec_registry_link
	jexec_registry_link_head()
	{
		atf_set descr "a link a jail rooted at / puts in place of the \
default registry never leads jexec into a jail of another registry \
(issue 16 item 1)"
		atf_set require.user root
		atf_set require.progs unshare
		atf_set timeout 60
	}
	jexec_registry_link_body() { jexecreglink; }
	atf_add_test_case jexec_registry_link
	atf_test_case reclaim_planted cleanup
	reclaim_planted_head()
	{
		atf_set descr "a lock replaced or a record planted in a \
registry a jail rooted at / sees never makes a start, or sysjail -C, kill \
a live jail (issue 16 items 2 and 8)"
		atf_set require.user root
		atf_set require.progs "pgrep mktemp"
		atf_set timeout 60
	}
	reclaim_planted_body() { reclaimplanted; }
	reclaim_planted_cleanup() { reclaimplanted_cleanup; }
	atf_add_test_case reclaim_planted
	atf_test_case supervisor_core cleanup
	supervisor_core_head()
	{
		atf_set descr "a supervisor killed by a signal leaves no core \
file in the jail's tree for jailed root to read; bare, a chrooted process \
leaves one there (atk12)"
		atf_set require.user root
		atf_set require.progs chroot
		atf_set timeout 60
	}
	supervisor_core_body() { supervisorcore; }
	supervisor_core_cleanup() { supervisorcore_cleanup; }
	atf_add_test_case supervisor_core
	atf_test_case traceme cleanup
	traceme_head()
	{
		atf_set descr "a jailed command that makes the spawner its \
tracer with PTRACE_TRACEME and stops is not taken for ended (atk13)"
		atf_set require.user root
		atf_set require.progs "python3 ps"
		atf_set timeout 60
	}
	traceme_body() { traceme; }
	traceme_cleanup() { tracemeclean; }
	atf_add_test_case traceme
	atf_test_case registries_hidden cleanup
	registries_hidden_head()
	{
		atf_set descr "a jail rooted at / sees neither the default \
registry nor that of another living jail; bare, both hold records (atk13)"
		atf_set require.user root
		atf_set timeout 60
	}
	registries_hidden_body() { registrieshidden; }
	registries_hidden_cleanup() { registrieshidden_cleanup; }
	atf_add_test_case registries_hidden
	atf_test_case clone_parent
	clone_parent_head()
	{
		atf_set descr "a sibling made with CLONE_PARENT that exits \
does not end the jail under its command (atk14)"
		atf_set require.user root
		atf_set require.progs python3
		atf_set timeout 60
	}
	clone_parent_body() { cloneparent; }
	atf_add_test_case clone_parent
	atf_test_case nursery_environ
	nursery_environ_head()
	{
		atf_set descr "with exec.clean the caller's environment is \
nowhere in the jail's procfs, the nursery's included (atk16)"
		atf_set require.user root
		atf_set timeout 60
	}
	nursery_environ_body() { nurseryenviron; }
	atf_add_test_case nursery_environ
	atf_test_case nested_tree
	nested_tree_head()
	{
		atf_set descr "a link a jail plants in its tree where another \
jail's root lies never becomes that jail's root; a link outside every \
jail's tree is followed (atk15)"
		atf_set require.user root
		atf_set timeout 60
	}
	nested_tree_body() { nestedtree; }
	atf_add_test_case nested_tree
	atf_test_case setuid_root
	setuid_root_head()
	{
		atf_set descr "a set-user-ID root program run by a jailed user \
is jailed root and no more: each privileged call gets jailed root's answer \
(issue 21 item 4)"
		atf_set require.user root
		atf_set timeout 60
	}
	setuid_root_body() { setuidroot; }
	atf_add_test_case setuid_root
	atf_test_case host_devices cleanup
	host_devices_head()
	{
		atf_set descr "a jail rooted at / has a /dev of its own: no \
host device or pseudo-terminal, its own /dev/shm, no device node elsewhere, \
none at all with mount.devfs=0 (issue 16 item 5)"
		atf_set require.user root
		atf_set timeout 60
	}
	host_devices_body() { hostdev; }
	host_devices_cleanup() { hostdev_cleanup; }
	atf_add_test_case host_devices
	atf_test_case bind_helper cleanup
	bind_helper_head()
	{
		atf_set descr "a pathname bind through /proc/self/fd/N plants \
no socket in the hidden registry: the supervisor's bind helper holds none \
of its descriptors (issue 16 item 3)"
		atf_set require.user root
		atf_set timeout 60
	}
	bind_helper_body() { bindhelper; }
	bind_helper_cleanup() { bindhelper_cleanup; }
	atf_add_test_case bind_helper
	atf_test_case listener_identity cleanup
	listener_identity_head()
	{
		atf_set descr "a jailed user's AF_UNIX listener shows host \
clients that user (SO_PEERCRED), as bare, not the supervisor's root"
		atf_set require.user root
		atf_set timeout 60
	}
	listener_identity_body() { listenid; }
	listener_identity_cleanup() { listenid_cleanup; }
	atf_add_test_case listener_identity
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
	atf_test_case passed_in cleanup
	passed_in_head()
	{
		atf_set descr "descriptors a host process passes into a jail: \
a directory's opens nothing beneath it, a file's is used as the host \
opened it (issue 23)"
		atf_set require.user root
		atf_set timeout 60
	}
	passed_in_body() { passedin; }
	passed_in_cleanup() { passedin_cleanup; }
	atf_add_test_case passed_in
	atf_test_case listing_escapes cleanup
	eval "listing_escapes_head() {
		atf_set descr 'a host name with terminal controls and shell \
metacharacters set by jailed root is escaped by jls and sjls, and sjls -o nv \
is safe for a shell (issue 17 item 5)'
		atf_set require.user root
		atf_set timeout 60
	}"
	listing_escapes_body() { listing; }
	listing_escapes_cleanup() { endjail; }
	atf_add_test_case listing_escapes
	atf_test_case jidfile_links
	jidfile_links_head()
	{
		atf_set descr "a link planted at the -J file, and its directory \
swapped for a link while the jail runs, write and remove no host file \
(issue 17 item 6)"
		atf_set require.user root
		atf_set timeout 60
	}
	jidfile_links_body() { jidfile; }
	atf_add_test_case jidfile_links
	atf_test_case user_fifo cleanup
	user_fifo_head()
	{
		atf_set descr "jexec -U and jail -U refuse a FIFO or a huge file \
planted as the jail's /etc/passwd, without hanging (issue 17 item 8)"
		atf_set require.user root
		atf_set timeout 120
	}
	user_fifo_body() { userfile; }
	user_fifo_cleanup() { endjail; }
	atf_add_test_case user_fifo
	atf_test_case syslog_diversion cleanup
	syslog_diversion_head()
	{
		atf_set descr "a jail that binds its own /dev/log receives none \
of its audit records, with the host's logger running, restarted or absent \
(issue 17 item 4)"
		atf_set require.user root
		atf_set timeout 120
	}
	syslog_diversion_body() { syslogdiv; }
	syslog_diversion_cleanup()
	{
		[ -f listeners ] && kill $(cat listeners) 2>/dev/null
		true
	}
	atf_add_test_case syslog_diversion
	atf_test_case log_flood
	log_flood_head()
	{
		atf_set descr "a loop of 20,000 refused calls writes a bounded \
audit log, and the count of dropped lines (issue 17 item 7)"
		atf_set require.user root
		atf_set timeout 120
	}
	log_flood_body() { logflood; }
	atf_add_test_case log_flood
	atf_test_case debug_log_fd
	debug_log_fd_head()
	{
		atf_set descr "sysjail -dd writes its call log to descriptor 3, \
which the jail cannot reach, so a jail cannot forge its lines (issue 17 \
item 9)"
		atf_set require.user root
		atf_set timeout 60
	}
	debug_log_fd_body() { debuglog; }
	atf_add_test_case debug_log_fd
	atf_test_case procfs_link
	procfs_link_head()
	{
		atf_set descr "a /proc planted as a link through a procfs's \
self/root gives the next mount.procfs jail no writable /proc/sys: the start \
fails closed (issue 17 item 1)"
		atf_set require.user root
		atf_set timeout 60
	}
	procfs_link_body() { procfslink; }
	atf_add_test_case procfs_link
}
