#! @ATF_SH@
#
# jailconf_test: jail.conf(5) as jail(1) reads it, item by item of the
# grammar, each with a malformed variant and its exact FILE:LINE:COL error
# (shown through jail -e, which starts nothing); the parameters' errors;
# and jail -c from a configuration in the work directory running a jailed
# command, which jail -r then ends.

# bin, ...: atf/subr.sh.
. "$(atf_get_srcdir)/subr"

helper()
{
	if [ -x "@abs_top_builddir@/sjtest/$1" ]; then
		echo "@abs_top_builddir@/sjtest/$1"
	else
		echo "@pkglibexecdir@/$1"
	fi
}

# good TEXT WANT: the configuration TEXT (printf's escapes) gives the
# jail -e ' ' lines WANT.
good()
{
	printf "$1" >c.conf
	atf_check -s exit:0 -o inline:"$2" -e empty "$(bin jail)" -f c.conf \
	    -e ' '
}

# bad TEXT ERROR: the configuration TEXT is refused with "jail: ERROR".
bad()
{
	printf "$1" >c.conf
	atf_check -s exit:1 -o empty -e inline:"jail: $2\n" "$(bin jail)" \
	    -f c.conf -e ' '
}

atf_test_case blocks
blocks_head()
{
	atf_set descr "name { ... } blocks, empty ones and stray ';' too; an unclosed block"
}
blocks_body()
{
	good 'a { path = /x; }\nb {}\n;\nc { ; }\n' \
	    'name=a path=/x\nname=b\nname=c\n'
	bad 'a { path = /x;\n' \
	    "c.conf:2:1: expected a parameter or '}', not the end of the file"
	bad 'a { path = /x; }\n}\n' "c.conf:2:1: unexpected '}'"
	bad '"" { path = /x; }\n' "c.conf:1:1: an empty jail name"
}

atf_test_case values
values_head()
{
	atf_set descr "param = value, param value, lists with ','; a missing value or ';'"
}
values_body()
{
	good 'a { path = /x; host.hostname h; ip4.addr = 1.2.3.4, 5.6.7.8; }\n' \
	    'name=a path=/x host.hostname=h ip4.addr=1.2.3.4,5.6.7.8\n'
	bad 'a { path = ; }\n' "c.conf:1:12: expected a value after '=', not ';'"
	bad 'a { path = /x }\n' "c.conf:1:15: expected ';' after path, not '}'"
	bad 'a { path = /x /y; }\n' \
	    "c.conf:1:15: expected ';' after path, not a string"
	bad 'a { ip4.addr = 1.2.3.4, ; }\n' \
	    "c.conf:1:25: expected a value after ',', not ';'"
}

atf_test_case booleans
booleans_head()
{
	atf_set descr "param; and noparam; booleans; one without its ';'"
}
booleans_body()
{
	good 'a { allow.raw_sockets; allow.noset_hostname; nopersist; }\n' \
	    'name=a allow.raw_sockets allow.noset_hostname nopersist\n'
	bad 'a { allow.raw_sockets }\n' \
	    "c.conf:1:23: expected ';' after allow.raw_sockets, not '}'"
}

atf_test_case append
append_head()
{
	atf_set descr "+= appends to a list, = replaces it; += without a value"
}
append_body()
{
	good 'ip4.addr = 1.1.1.1;\na { ip4.addr += 2.2.2.2, 3.3.3.3; }\nb { ip4.addr = 4.4.4.4; }\n' \
	    'name=a ip4.addr=1.1.1.1,2.2.2.2,3.3.3.3\nname=b ip4.addr=4.4.4.4\n'
	bad 'a { ip4.addr += ; }\n' \
	    "c.conf:1:17: expected a value after '+=', not ';'"
}

atf_test_case quoting
quoting_head()
{
	atf_set descr "double quotes (escapes, substitution), single quotes (no substitution), adjacent pieces joined, escapes outside quotes; unterminated strings, NUL"
}
quoting_body()
{
	cat >c.conf <<'CONF'
a {
	p = "x\ty $name \"q\" \x41\101";
	q = '$name \'s\'';
	r = a"b"'c'$name;
	s = x\ y\;z;
	t = "";
	u = "one \
two";
}
CONF
	printf 'name=a p=x\ty a "q" AA q=$name '"'"'s'"'"' r=abca s=x y;z t= u=one two\n' \
	    >want
	atf_check -o file:want "$(bin jail)" -f c.conf -e ' '
	bad 'a { p = "x; }\n' "c.conf:1:9: unterminated string"
	bad "a { p = 'x; }\\n" "c.conf:1:9: unterminated string"
	bad 'a { p = "\\0"; }\n' "c.conf:1:10: a NUL byte in a string"
	bad 'a { p = x\001; }\n' "c.conf:1:10: unexpected byte 0x1"
}

atf_test_case substitution
substitution_head()
{
	atf_set descr "\$name and \${param}, per jail, from defaults too; unknown names, unterminated \${, loops"
}
substitution_body()
{
	good 'path = "/j/$name";\na { host.hostname = "${name}.example.org"; p = ${host.hostname}; }\n' \
	    'name=a path=/j/a host.hostname=a.example.org p=a.example.org\n'
	bad 'a { p = $nosuch; }\n' \
	    "c.conf:1:9: nosuch: no such parameter or variable"
	bad 'a { p = ${host.hostname\n}; }\n' \
	    "c.conf:1:9: unterminated variable"
	bad 'a { p = ${}; }\n' "c.conf:1:9: empty variable name"
	bad 'a { p = $q; q = $p; }\n' \
	    "c.conf:1:17: variables refer to each other in a loop"
}

atf_test_case variables
variables_head()
{
	atf_set descr "\$var = value defines a variable: substituted, never a parameter; one without a value"
}
variables_body()
{
	good '$base = /jails;\na { $sub = "$base/$name"; path = $sub; }\n' \
	    'name=a path=/jails/a\n'
	bad 'a { $v; }\n' "c.conf:1:5: variable \$v without a value"
	bad 'a { "x"$v = 1; }\n' "c.conf:1:8: a variable in a parameter name"
}

atf_test_case defaults
defaults_head()
{
	atf_set descr "parameters outside blocks and in * blocks apply to every jail, first; the jail's own override; * cannot be created"
}
defaults_body()
{
	good 'allow.sysvipc;\nhost.hostname = d;\n* { exec.clean; }\na { host.hostname = own; }\nb {}\n' \
	    'name=a allow.sysvipc host.hostname=own exec.clean\nname=b allow.sysvipc host.hostname=d exec.clean\n'
	bad 'a { path = /x; }\n* path = /y;\n' \
	    "c.conf:2:8: expected ';' after *, not '='"
	printf 'path = /;\n' >c.conf
	atf_check -s exit:1 -e inline:"jail: *: not a jail's name\n" \
	    "$(bin jail)" -f c.conf -c '*'
}

atf_test_case include
include_head()
{
	atf_set descr ".include with a glob, relative to the including file; an empty glob is no error, a missing file and an error inside an included file are"
}
include_body()
{
	mkdir -p d/conf.d
	printf 'a { path = /a; }\n' >d/conf.d/1.conf
	printf 'b { path = /b; }\n' >d/conf.d/2.conf
	printf 'not me;\n' >d/conf.d/3.txt
	printf '.include "conf.d/*.conf";\n.include "none/*.conf";\nc { path = /c; }\n' >d/main.conf
	atf_check -o inline:'name=a path=/a\nname=b path=/b\nname=c path=/c\n' \
	    "$(bin jail)" -f d/main.conf -e ' '
	printf '.include "missing.conf";\n' >d/main.conf
	atf_check -s exit:1 \
	    -e inline:"jail: d/main.conf:1:10: d/missing.conf: No such file or directory\n" \
	    "$(bin jail)" -f d/main.conf -e ' '
	printf 'b { path = /b }\n' >d/conf.d/2.conf
	printf '.include "conf.d/*.conf";\n' >d/main.conf
	atf_check -s exit:1 \
	    -e inline:"jail: d/conf.d/2.conf:1:15: expected ';' after path, not '}'\n" \
	    "$(bin jail)" -f d/main.conf -e ' '
	printf '.include "conf.d/*.conf"\n' >d/main.conf
	printf 'b { path = /b; }\n' >d/conf.d/2.conf
	atf_check -s exit:1 \
	    -e inline:"jail: d/main.conf:2:1: expected ';' after .include, not the end of the file\n" \
	    "$(bin jail)" -f d/main.conf -e ' '
}

atf_test_case comments
comments_head()
{
	atf_set descr "#, // and /* */ comments, even inside a block; an unterminated one"
}
comments_body()
{
	good '# shell\n// C++\n/* C\n over lines */ a { /* in */ path = /x; // end\n # hash\n}\n' \
	    'name=a path=/x\n'
	bad 'a { path = /x; }\n/* open\n' "c.conf:2:1: unterminated comment"
}

atf_test_case parameters
parameters_head()
{
	atf_set descr "unknown parameters, FreeBSD ones without a meaning on Linux, and ones not there yet are each refused in one line naming the parameter and its place, and nothing starts"
	atf_set require.user root
}
parameters_body()
{
	J=$(bin jail)
	printf 'a {\n\tpath = /;\n\tcommand = /bin/true;\n\tfoo.bar = 1;\n}\n' >c.conf
	atf_check -s exit:1 -o empty \
	    -e inline:"jail: c.conf:4:2: a: foo.bar: unknown parameter\n" \
	    "${J}" -f c.conf -c a
	printf 'a {\n\tpath = /;\n\tcommand = /bin/true;\n\tenforce_statfs = 2;\n}\n' >c.conf
	atf_check -s exit:1 -o empty \
	    -e inline:"jail: c.conf:4:2: a: enforce_statfs: a FreeBSD parameter with no meaning on Linux\n" \
	    "${J}" -f c.conf -c a
	printf 'a {\n\tpath = /;\n\tcommand = /bin/true;\n\tmount.fstab = /x;\n}\n' >c.conf
	atf_check -s exit:1 -o empty \
	    -e inline:"jail: c.conf:4:2: a: mount.fstab: not supported by sysjail yet\n" \
	    "${J}" -f c.conf -c a
	# Without a command a jail would end at once: only persist may.
	printf 'a {\n\tpath = /;\n}\n' >c.conf
	atf_check -s exit:1 -o empty \
	    -e inline:"jail: a: no exec.start or command: a jail that is not persist ends with its last process\n" \
	    "${J}" -f c.conf -c a
	atf_check -s exit:1 -o empty \
	    -e inline:"jail: new jail: vnet: a FreeBSD parameter with no meaning on Linux\n" \
	    "${J}" -c path=/ vnet command=/bin/true
	printf 'a { path = /; command = /bin/true; maxproc = lots; }\n' >c.conf
	atf_check -s exit:1 -o empty \
	    -e inline:"jail: c.conf:1:36: a: maxproc: lots: not a number of processes\n" \
	    "${J}" -f c.conf -c a
	printf 'a { path = /; command = /bin/true; ip4.addr = ::1; }\n' >c.conf
	atf_check -s exit:1 -o empty \
	    -e inline:"jail: c.conf:1:36: a: ip4.addr: ::1: not an IPv4 address of a jail\n" \
	    "${J}" -f c.conf -c a
	# A bad second jail starts neither: the first's command never runs.
	printf 'a { path = /; exec.start = "touch %s/ran"; }\nb { path = /nonexistent; command = /bin/true; }\n' \
	    "$(pwd)" >c.conf
	atf_check -s exit:1 -o empty \
	    -e inline:"jail: c.conf:2:5: b: path: realpath: /nonexistent: No such file or directory\n" \
	    "${J}" -f c.conf -c
	[ ! -e ran ] || atf_fail "a jail started although another was refused"
	atf_check -s exit:1 -o empty \
	    -e inline:"jail: nosuch: no such jail in the configuration\n" \
	    "${J}" -f c.conf -c nosuch
	atf_check -o empty "$(bin jls)"
}

atf_test_case create cleanup
create_head()
{
	atf_set descr "jail -f conf -c NAME runs exec.start jailed: the jail's hostname and address seen from inside (the host's outside); jail -r JID ends the jail and what it left running"
	atf_set require.user root
	atf_set timeout 120
}
create_body()
{
	J=$(bin jail)
	N=$(helper sjnet)
	w=$(pwd)
	cat >c.conf <<CONF
# a web jail, as a FreeBSD administrator writes it
\$addr = 127.0.1.21;
exec.clean;
www {
	path = /;
	host.hostname = "\${name}.sjtest.example.org";
	ip4.addr = \$addr;
	exec.start = "hostname > ${w}/host", "${N} bind 0.0.0.0 > ${w}/addr";
	exec.start += "sleep 600 & echo \\\$! > ${w}/pid";
}
CONF
	atf_check -s exit:0 -o save:jid -e empty "${J}" -f c.conf -i -c www
	atf_check -o inline:"www.sjtest.example.org\n" cat host
	atf_check -o inline:"bound to 127.0.1.21\n" cat addr
	# The same commands bare: the host's answers.
	atf_check_equal "$(hostname)" "$(sh -c 'hostname')"
	atf_check -o inline:"bound to 0.0.0.0\n" "${N}" bind 0.0.0.0
	# The jail lives on with its sleep, listed by jls.
	jid=$(cat jid)
	atf_check -o match:"^ *${jid}  127.0.1.21 *www.sjtest.example.org *\/\$" \
	    "$(bin jls)"
	pid=$(cat pid)
	kill -0 "${pid}" || atf_fail "the jail's sleep is not running"
	atf_check -s exit:0 -o empty -e empty "${J}" -r "${jid}"
	i=0
	while kill -0 "${pid}" 2>/dev/null && [ ${i} -lt 100 ]; do
		sleep 0.1
		i=$((i + 1))
	done
	kill -0 "${pid}" 2>/dev/null && atf_fail "jail -r left the sleep running"
	atf_check -o empty "$(bin jls)"
	atf_check -s exit:1 -e inline:"jail: ${jid}: no such jail\n" \
	    "${J}" -r "${jid}"
	atf_check -s exit:1 -e inline:"jail: www: no such jail\n" \
	    "${J}" -f c.conf -r www
}
create_cleanup()
{
	[ -f jid ] && "$(bin jail)" -r "$(cat jid)" >/dev/null 2>&1
	true
}

atf_test_case remove_all cleanup
remove_all_head()
{
	atf_set descr "jail -r '*' ends every jail (both listed before), each with what it left running; with none left, it does nothing"
	atf_set require.user root
	atf_set timeout 120
}
remove_all_body()
{
	J=$(bin jail)
	w=$(pwd)
	for n in 1 2; do
		atf_check -o save:jid${n} "${J}" -i -c name=j${n} path=/ \
		    ip4.addr=127.0.1.3${n} \
		    "exec.start=sleep 600 & echo \$! > ${w}/pid${n}"
	done
	atf_check -o match:"127.0.1.31" -o match:"127.0.1.32" "$(bin jls)"
	atf_check -s exit:0 -o empty -e empty "${J}" -r '*'
	for n in 1 2; do
		! kill -0 "$(cat pid${n})" 2>/dev/null ||
		    atf_fail "jail -r '*' left jail ${n}'s sleep running"
	done
	atf_check -o empty "$(bin jls)"
	# With no jail, '*' is nothing to do.
	atf_check -s exit:0 -o empty -e empty "${J}" -r '*'
}
remove_all_cleanup()
{
	for n in 1 2; do
		[ -f jid${n} ] && "$(bin jail)" -r "$(cat jid${n})" \
		    >/dev/null 2>&1
	done
	true
}

atf_test_case persist cleanup
persist_head()
{
	atf_set descr "a persist jail, made with no command or with one that ends, stays without processes: listed by jls (persist in jls -n), entered with jexec by name, and ended by jail -r; without persist the same jail is gone when its command ends"
	atf_set require.user root
	atf_set timeout 120
}
persist_body()
{
	J=$(bin jail)
	# No persist: the jail ends with its command, and jls is empty.
	atf_check -s exit:0 -o empty -e empty "${J}" -c name=pe path=/ \
	    ip4.addr=127.0.1.24 command=/bin/true
	atf_check -o empty "$(bin jls)"
	# persist with no command: the jail is made, and stays.
	atf_check -s exit:0 -o empty -e empty "${J}" -c name=pe path=/ \
	    host.hostname=pe.sjtest.example.org ip4.addr=127.0.1.24 persist
	echo pe >made
	atf_check -o match:"^ *[0-9]+  127.0.1.24 *pe.sjtest.example.org *\/\$" \
	    "$(bin jls)"
	atf_check -o match:" persist " -o not-match:"nopersist" \
	    "$(bin jls)" -n -j pe
	# Entered by name; still there once the command has ended.
	atf_check -o inline:"pe.sjtest.example.org\n" "$(bin jexec)" pe hostname
	atf_check -o match:"pe.sjtest.example.org" "$(bin jls)"
	atf_check -s exit:0 -o empty -e empty "${J}" -r pe
	atf_check -o empty "$(bin jls)"
	# persist with a command that ends: the same.
	atf_check -s exit:0 -o inline:"started\n" -e empty "${J}" -c name=pe \
	    path=/ persist command=/bin/echo started
	atf_check -o match:" persist " "$(bin jls)" -n -j pe
	atf_check -s exit:0 -o empty -e empty "${J}" -r pe
	atf_check -o empty "$(bin jls)"
	rm made
}
persist_cleanup()
{
	[ -f made ] && "$(bin jail)" -r pe >/dev/null 2>&1
	true
}

atf_test_case hooks cleanup
hooks_head()
{
	atf_set descr "exec.prestart, exec.poststart, exec.prestop and exec.poststop run on the host, exec.start and exec.stop in the jail (its host name seen), in FreeBSD's order; a failing exec.prestart starts nothing, and a failing exec.poststart removes the jail"
	atf_set require.user root
	atf_set timeout 120
}
hooks_body()
{
	J=$(bin jail)
	w=$(pwd)
	cat >c.conf <<CONF
hk {
	path = /;
	host.hostname = hooked.sjtest.example.org;
	persist;
	exec.prestart = "echo prestart \\\$(hostname) >> ${w}/log";
	exec.start = "echo start \\\$(hostname) >> ${w}/log";
	exec.poststart = "echo poststart \\\$(hostname) >> ${w}/log";
	exec.prestop = "echo prestop \\\$(hostname) >> ${w}/log";
	exec.stop = "echo stop \\\$(hostname) >> ${w}/log";
	exec.poststop = "echo poststop \\\$(hostname) >> ${w}/log";
}
bad1 { path = /; persist; exec.prestart = "exit 4"; }
bad2 { path = /; persist; exec.poststart = "exit 5"; }
CONF
	h=$(hostname)
	[ "${h}" != hooked.sjtest.example.org ] || atf_skip "the host is named as the jail"
	echo hk >made
	atf_check -s exit:0 -o empty -e empty "${J}" -f c.conf -c hk
	atf_check -o match:"hooked.sjtest.example.org" "$(bin jls)"
	atf_check -o inline:"prestart ${h}\nstart hooked.sjtest.example.org\npoststart ${h}\n" cat log
	atf_check -s exit:0 -o empty -e empty "${J}" -f c.conf -r hk
	atf_check -o empty "$(bin jls)"
	atf_check -o inline:"prestart ${h}\nstart hooked.sjtest.example.org\npoststart ${h}\nprestop ${h}\nstop hooked.sjtest.example.org\npoststop ${h}\n" cat log
	rm made
	atf_check -s exit:4 -o empty \
	    -e inline:"jail: bad1: exec.prestart failed with status 4\n" \
	    "${J}" -f c.conf -c bad1
	atf_check -o empty "$(bin jls)"
	atf_check -s exit:5 -o empty \
	    -e inline:"jail: bad2: exec.poststart failed with status 5\n" \
	    "${J}" -f c.conf -c bad2
	atf_check -o empty "$(bin jls)"
}
hooks_cleanup()
{
	[ -f made ] && "$(bin jail)" -r hk >/dev/null 2>&1
	"$(bin jail)" -r bad1 >/dev/null 2>&1
	"$(bin jail)" -r bad2 >/dev/null 2>&1
	true
}

atf_test_case timeout cleanup
timeout_head()
{
	atf_set descr "exec.timeout bounds exec.start (the jail is then not made) and exec.stop (the jail is removed all the same); a jail whose exec.stop never ends is still removed by jail -r (atk14)"
	atf_set require.user root
	atf_set timeout 120
}
timeout_body()
{
	J=$(bin jail)
	cat >c.conf <<CONF
slow { path = /; persist; exec.start = "sleep 600"; exec.timeout = 1; }
stuck { path = /; persist; exec.stop = "trap '' TERM; sleep 600"; exec.timeout = 1; }
bad { path = /; persist; exec.timeout = soon; }
CONF
	atf_check -s exit:137 -o empty \
	    -e inline:"jail: slow: exec.start killed after 1 seconds (exec.timeout)\n" \
	    "${J}" -f c.conf -c slow
	atf_check -o empty "$(bin jls)"
	echo stuck >made
	atf_check -s exit:0 -o empty -e empty "${J}" -f c.conf -c stuck
	atf_check -o match:"stuck" "$(bin jls)" -n
	atf_check -s exit:1 -o empty \
	    -e inline:"jail: stuck: exec.stop killed after 1 seconds (exec.timeout)\n" \
	    "${J}" -f c.conf -r stuck
	atf_check -o empty "$(bin jls)"
	rm made
	atf_check -s exit:1 -o empty \
	    -e inline:"jail: c.conf:3:26: bad: exec.timeout: not a number of seconds (at most 86400)\n" \
	    "${J}" -f c.conf -c bad
}
timeout_cleanup()
{
	[ -f made ] && "$(bin jail)" -r stuck >/dev/null 2>&1
	"$(bin jail)" -r slow >/dev/null 2>&1
	true
}

atf_test_case systemd_units
systemd_units_head()
{
	atf_set descr "sysjail@.service and jails.target as built pass systemd-analyze verify (with this build's jail(1)); a unit whose ExecStart is not executable does not"
	atf_set require.progs systemd-analyze
	atf_set timeout 60
}
systemd_units_body()
{
	unit="@abs_top_builddir@/systemd/sysjail-at.service"
	target="@abs_top_srcdir@/systemd/jails.target"
	[ -f "${unit}" ] || atf_skip "no built unit (an installed suite)"
	mkdir u
	sed "s|^\(Exec[A-Za-z]*=\)[^ ]*/jail |\1$(bin jail) |" "${unit}" \
	    >"u/sysjail@.service"
	cp "${target}" u/
	atf_check -o match:"ExecStart=$(bin jail) -c %i" cat "u/sysjail@.service"
	atf_check -o match:"ExecStop=$(bin jail) -r %i" cat "u/sysjail@.service"
	atf_check -s exit:0 -o empty -e empty env SYSTEMD_UNIT_PATH="$(pwd)/u:" \
	    systemd-analyze verify --man=no sysjail@www.service jails.target
	# The check can fail: the same unit with a jail(1) that is not there.
	sed "s|^ExecStart=[^ ]*|ExecStart=/nonexistent/jail|" \
	    "u/sysjail@.service" >x && mv x "u/sysjail@.service"
	atf_check -s not-exit:0 -o ignore -e match:"not executable" \
	    env SYSTEMD_UNIT_PATH="$(pwd)/u:" \
	    systemd-analyze verify --man=no sysjail@www.service
}

atf_test_case cmdline
cmdline_head()
{
	atf_set descr "jail -c param=value ... command=...: the command run directly with its arguments, exec.start with /bin/sh -c in order, the first failure ending the start with its status"
	atf_set require.user root
}
cmdline_body()
{
	J=$(bin jail)
	atf_check -o inline:"cl.example.org\na b\n" "${J}" -c path=/ \
	    host.hostname=cl.example.org ip4.addr=127.0.1.22 \
	    command=/bin/sh -c 'hostname; echo "$1 $2"' sh a b
	# nopersist is what every jail is; a command's failure is reported.
	atf_check -s exit:3 -o inline:"ok\n" \
	    -e inline:"jail: cl: command failed with status 3\n" \
	    "${J}" -c name=cl path=/ nopersist command=/bin/sh -c 'echo ok; exit 3'
	atf_check -s exit:3 -o inline:"one\n" \
	    -e inline:"jail: new jail: exec.start failed with status 3\n" \
	    "${J}" -c path=/ 'exec.start=echo one' 'exec.start+=exit 3' \
	    'exec.start+=echo never'
	atf_check -o empty "$(bin jls)"
}

atf_init_test_cases()
{
	atf_add_test_case blocks
	atf_add_test_case values
	atf_add_test_case booleans
	atf_add_test_case append
	atf_add_test_case quoting
	atf_add_test_case substitution
	atf_add_test_case variables
	atf_add_test_case defaults
	atf_add_test_case include
	atf_add_test_case comments
	atf_add_test_case parameters
	atf_add_test_case create
	atf_add_test_case remove_all
	atf_add_test_case cmdline
	atf_add_test_case persist
	atf_add_test_case hooks
	atf_add_test_case systemd_units
	atf_add_test_case timeout
}
