#! @ATF_SH@
#
# terminal_test: what a jail's command gets for its standard streams
# (relay.c).  A jail never holds a descriptor of the caller's that reaches
# a file, a device or a terminal: jailed root cannot change the mode or
# owner of what the caller redirected to, and gets a terminal of its own,
# relayed, which is its controlling terminal.  Each case runs the same
# commands bare and shows the host's different answer there.

# bin: atf/subr.sh.
. "$(atf_get_srcdir)/subr"

PTYDRIVE="@abs_top_srcdir@/sjtest/ptydrive.py"

# J: jail(1) with the operands of a jail rooted at /, to prefix a command.
J=
setj()
{
	J="$(bin jail) / termtest 127.0.1.71"
}

atf_test_case metadata cleanup
metadata_head()
{
	atf_set descr "jailed root cannot chmod or chown the file its output" \
	    "was redirected to, nor the device its input came from, through" \
	    "jail(1) or jexec(1); bare, the same commands change both"
	atf_set require.user root
	atf_set timeout 120
}
metadata_body()
{
	setj
	# A /dev/null of our own: the bare run changes it, not the host's.
	atf_check mknod null c 1 3
	chmod 666 null
	for how in jailed bare; do
		: > "out.${how}"
		chmod 644 "out.${how}" null
		if [ "${how}" = jailed ]; then run=${J}; else run=; fi
		${run} /bin/sh -c \
		    'chmod 4755 /proc/self/fd/1; chown 65534 /proc/self/fd/1
		    chmod 600 /proc/self/fd/0; echo written' \
		    <null >"out.${how}" 2>/dev/null
		atf_check -o inline:"written\n" cat "out.${how}"
		stat -c "%a %u" "out.${how}" null > "modes.${how}"
		cat "modes.${how}"
	done
	atf_check -o inline:"644 0\n644 0\n" cat modes.jailed
	# (chown(2) clears the set-uid bit that chmod set.)
	atf_check -o inline:"755 65534\n600 0\n" cat modes.bare
	# jexec: the same through a running jail.
	"$(bin sysjail)" -b -i -4 127.0.1.71 / termtest /bin/sleep 60 \
	    >jid.file || atf_fail "sysjail -b"
	: > out.jexec
	chmod 644 out.jexec
	"$(bin jexec)" "$(cat jid.file)" \
	    /bin/sh -c 'chmod 4755 /proc/self/fd/1; echo written' \
	    >out.jexec 2>/dev/null
	atf_check -o inline:"written\n" cat out.jexec
	atf_check -o inline:"644\n" stat -c %a out.jexec
}
metadata_cleanup()
{
	[ -f jid.file ] && "$(bin jail)" -r "$(cat jid.file)" >/dev/null 2>&1
	true
}

atf_test_case streams
streams_head()
{
	atf_set descr "pipelines, redirections, stdin from a file and from" \
	    "/dev/null, large outputs, stdout and stderr apart, and the" \
	    "exit status work through the relay as bare"
	atf_set require.user root
	atf_set timeout 120
}
streams_body()
{
	setj
	printf 'one\ntwo\n' > in
	for run in "${J}" ""; do
		atf_check -o inline:"hi\n" -x \
		    "echo hi | ${run} /bin/cat | /bin/cat"
		atf_check -o file:in ${run} /bin/cat < in
		atf_check -o empty ${run} /bin/cat < /dev/null
		atf_check -o inline:"out\n" -e inline:"err\n" ${run} /bin/sh -c \
		    'echo out; echo err >&2'
		atf_check -s exit:3 ${run} /bin/sh -c 'exit 3'
		${run} /bin/sh -c 'head -c 3000000 /dev/zero' > big
		atf_check -o inline:"3000000\n" stat -c %s big
		# A pipe reaches the jail as a pipe (the relay's).
		atf_check -o match:"^pipe:" -x \
		    "true | ${run} /bin/readlink /proc/self/fd/0"
	done
	# A file or a device is not.
	atf_check -o match:"^pipe:" ${J} /bin/readlink /proc/self/fd/0 < in
	atf_check -o match:"^/" /bin/readlink /proc/self/fd/0 < in
}

atf_test_case terminal
terminal_head()
{
	atf_set descr "on a terminal, the command gets a terminal of its own" \
	    "as its controlling terminal: ^C reaches the foreground job, job" \
	    "control, /dev/tty, a silent password prompt and a resize work," \
	    "the caller's terminal is restored, and nothing the jail leaves" \
	    "behind prints on it after the command returns"
	atf_set require.user root
	atf_set require.progs python3
	atf_set timeout 120
}
terminal_body()
{
	cat > steps <<'EOF'
wait # $
send readlink /proc/self/fd/0; tty; ps -o tty= -p $$; stat -L -c dev=%d /proc/self/fd/0\n
send echo MARK1\n
wait MARK1\r?\n
send sleep 100\n
sleep 0.5
send \x03
send echo rc=$?\n
wait rc=
send sleep 50 & jobs; kill %1\n
sleep 0.5
send stty -echo; read secret; stty echo; echo got=$secret\n
sleep 0.5
send hunter2\n
wait got=
resize 40 100
sleep 1.5
send stty size\n
wait 40 100
send (sleep 1; echo LATE) & exit 5\n
EOF
	for how in jailed bare; do
		if [ "${how}" = jailed ]; then
			set -- "$(bin jail)" / termtest 127.0.1.71 /bin/sh -i
		else
			set -- /bin/sh -i
		fi
		python3 "${PTYDRIVE}" -s steps -a 2.5 -- "$@" > "t.${how}"
		cat "t.${how}"
		for want in "rc=130" "got=hunter2" "^40 100" \
		    "ptydrive: status 5" "ptydrive: termios same"; do
			grep -q "${want}" "t.${how}" ||
			    atf_fail "${how}: no '${want}'"
		done
		grep -q "^hunter2" "t.${how}" &&
		    atf_fail "${how}: the password was echoed"
		grep -qE "Running|Terminated" "t.${how}" ||
		    atf_fail "${how}: no job control"
	done
	# The jail's terminal is not the caller's, nor any of the host's
	# devpts (whose nodes jailed root could chmod): it is one of the
	# jail's own /dev/pts, found there by tty(1).  Bare it is the caller's.
	hostpts=$(stat -c %d /dev/pts/ptmx)
	for how in jailed bare; do
		pty=$(sed -n 's/^ptydrive: pty //p' "t.${how}")
		tty=$(sed -n 's/^\(\/dev\/pts\/[0-9]*\)$/\1/p' "t.${how}" |
		    head -n 1)
		dev=$(sed -n 's/^dev=\([0-9]*\).*/\1/p' "t.${how}" | head -n 1)
		[ -n "${tty}" ] || atf_fail "${how}: no controlling terminal"
		[ -n "${dev}" ] || atf_fail "${how}: no device of the terminal"
		if [ "${how}" = jailed ]; then
			[ "${dev}" != "${hostpts}" ] ||
			    atf_fail "jailed: a terminal of the host's devpts"
		else
			[ "${tty}" = "${pty}" ] && [ "${dev}" = "${hostpts}" ] ||
			    atf_fail "bare: ${tty} (${dev}), not ${pty} (${hostpts})"
		fi
	done
	grep -q "LATE$" t.bare || atf_fail "bare: no LATE (the test is broken)"
	grep -q "LATE$" t.jailed &&
	    atf_fail "jailed: a process left behind printed on the terminal"
	true
}

atf_test_case jexec_terminal cleanup
jexec_terminal_head()
{
	atf_set descr "jexec(1) on a terminal: the command's terminal is one" \
	    "of the jail's own /dev/pts, which tty(1) finds there, never a" \
	    "node of the host's devpts that jailed root could chmod;" \
	    "bare, the caller's"
	atf_set require.user root
	atf_set require.progs python3
	atf_set timeout 120
}
jexec_terminal_body()
{
	"$(bin sysjail)" -b -i -4 127.0.1.72 / termtest /bin/sleep 60 \
	    >jid.file || atf_fail "sysjail -b"
	cat > steps <<'STEPS'
wait # $
send tty; stat -L -c dev=%d /proc/self/fd/0; exit 0\n
STEPS
	hostpts=$(stat -c %d /dev/pts/ptmx)
	python3 "${PTYDRIVE}" -s steps -- "$(bin jexec)" "$(cat jid.file)" \
	    /bin/sh -i > t.jailed
	python3 "${PTYDRIVE}" -s steps -- /bin/sh -i > t.bare
	cat t.jailed t.bare
	for how in jailed bare; do
		tty=$(sed -n 's/^\(\/dev\/pts\/[0-9]*\)$/\1/p' "t.${how}" |
		    head -n 1)
		dev=$(sed -n 's/^dev=\([0-9]*\).*/\1/p' "t.${how}" | head -n 1)
		[ -n "${tty}" ] || atf_fail "${how}: tty found no terminal"
		[ -n "${dev}" ] || atf_fail "${how}: no device of the terminal"
		if [ "${how}" = jailed ]; then
			[ "${dev}" != "${hostpts}" ] ||
			    atf_fail "jailed: a terminal of the host's devpts"
		else
			[ "${dev}" = "${hostpts}" ] ||
			    atf_fail "bare: not the host's devpts"
		fi
	done
}
jexec_terminal_cleanup()
{
	[ -f jid.file ] && "$(bin jail)" -r "$(cat jid.file)" >/dev/null 2>&1
	true
}

atf_test_case jexec_full cleanup
jexec_full_head()
{
	atf_set descr "a jail that holds every pseudo-terminal of its own" \
	    "devpts does not keep jexec(1) on a terminal from running a" \
	    "command (atk14); the jail itself can open no more"
	atf_set require.user root
	atf_set require.progs python3
	atf_set timeout 120
}
jexec_full_body()
{
	py=$(command -v python3)
	"$(bin sysjail)" -b -i -4 127.0.1.73 / termtest "${py}" -c '
import os, time
fds = []
try:
    while True:
        fds.append(os.open("/dev/ptmx", os.O_RDWR | os.O_NOCTTY))
except OSError as e:
    open("'"$(pwd)"'/held", "w").write("%d %s\n" % (len(fds), e.strerror))
time.sleep(60)' >jid.file || atf_fail "sysjail -b"
	i=0
	while [ ! -s held ] && [ ${i} -lt 100 ]; do
		sleep 0.1
		i=$((i + 1))
	done
	atf_check -o match:"^128 No space left on device" cat held
	cat > steps <<'STEPS'
wait # $
send echo IN-$((6 * 7)); exit 0\n
STEPS
	python3 "${PTYDRIVE}" -s steps -- "$(bin jexec)" "$(cat jid.file)" \
	    /bin/sh -i > t.jailed 2>&1
	cat t.jailed
	grep -q "IN-42" t.jailed || atf_fail "jexec gave no terminal"
	grep -q "ptydrive: status 0" t.jailed || atf_fail "jexec failed"
}
jexec_full_cleanup()
{
	[ -f jid.file ] && "$(bin jail)" -r "$(cat jid.file)" >/dev/null 2>&1
	true
}

atf_init_test_cases()
{
	atf_add_test_case metadata
	atf_add_test_case streams
	atf_add_test_case terminal
	atf_add_test_case jexec_terminal
	atf_add_test_case jexec_full
}
