#! @ATF_SH@
#
# examples_test: every example of the README and of the manuals, taken from
# their source when the case runs (an edited example is the one tested) and
# run as written, with PATH leading to the build's tools.
#
# How an example runs as written without touching the host.  The commands
# of one manual run in one shell, in a mount namespace of their own where
#	/run	is a directory of the case's (a registry of its own: the
#		jails of other runs are not listed, and JIDs start at 1),
#	/var	is a directory of the case's, holding var/run -> /run, the
#		jail trees under /var/jail and /var/log,
#	/etc	is the host's, under an overlay whose upper layer is the
#		case's (/etc/jail.conf is written there),
# so /var/jail/demo, /etc/jail.conf and /var/run/demo.jid are the paths
# the manuals name.  Addresses such as 192.0.2.10 need no configuring: a
# jail may be given an address the host lacks (binding to it then fails,
# as on FreeBSD); nothing is bound to one here.  Each jail tree is built
# by sjtest/mkroot.sh, with the jail's user www, and stand-ins for the
# programs the examples start (see tree() below).
#
# What is compared: a command's exit status (0 unless the case's table
# says otherwise, with the reason), and its output where the example shows
# output, line for line; a line ending in "..." matches any line that
# begins with what precedes it, a shown line continued with "\" is one
# line, and the values that differ from run to run (a JID, a time, a
# process ID) are replaced by the case's normalisation on both sides.
#
# Substitutions (the only changes made to an example's text):
#	sjtest without -p, -s and -c	the installed programs of a fresh
#		install are the build's: -p BUILD/src/sysjail -s
#		BUILD/sjtest/sjtest -c SRC/cases/catalogue are added;
#	sjtest without a test operand	the whole catalogue in every mode
#		takes over 10 minutes here (catalogue_test runs every row):
#		the uname fixture is named;
#	a JID the example shows		the JID the run printed, in the
#		commands that follow (jail -r 2 removes the jail made).
# Examples that are not run say why (skip()): they need the network,
# install packages on the host, or run the whole suite.
#
# To see a case fail on a broken example, point it at edited copies:
#	kyua test -v test_suites.sysjail.examples_mandir=DIR \
#	    -v test_suites.sysjail.examples_readme=FILE atf/examples_test

# bin, mkroot, NOIA32: atf/subr.sh.
. "$(atf_get_srcdir)/subr"

TOP="@abs_top_builddir@"
SRC="@abs_top_srcdir@"

# The literal text of the EXAMPLES section of manual $1, mdoc escapes
# undone: "@@block" starts each .Bd -literal block or .Dl line, "@@ql"
# precedes the text of an inline .Ql.
extract()
{
	awk '
	/^\.Sh / { ex = ($2 == "EXAMPLES"); next }
	!ex { next }
	/^\.Bd -literal/ { lit = 1; print "@@block"; next }
	/^\.Ed/ { lit = 0; next }
	lit { print; next }
	/^\.Dl / { sub(/^\.Dl /, ""); print "@@block"; print; next }
	/^\.Ql / { sub(/^\.Ql /, ""); print "@@ql"; print; next }
	' "$1" | sed -e 's/\\e/\x01/g' -e 's/\\-/-/g' -e 's/\\(dq/"/g' \
	    -e "s/\\\\(aq/'/g" -e 's/\\&//g' -e 's/\x01/\\/g'
}

# parse files: splits the extracted text (file ex) into block.K (the
# blocks given as files, whose lines are not commands) and, for the
# others, cmd.N (a command: a line "# ..." with its continuation lines
# and here-document) and exp.N (the output shown after it, if any).
# Writes the number of commands to file ncmd.
parse()
{
	awk -v files=" $1 " '
	function flush() { }
	/^@@block$/ { b++; state = (index(files, " " b " ") ? "file" : "cmds");
	    inql = 0; next }
	/^@@ql$/ { inql = 1; next }
	inql { print > "ql." b + 1; inql = 0; next }
	state == "file" { print > ("block." b); next }
	state == "cmds" && here != "" {
	    print > ("cmd." n); if ($0 == here) here = ""; next }
	state == "cmds" && cont { print > ("cmd." n); cont = /\\$/; next }
	state == "cmds" && /^# / {
	    n++; sub(/^# /, ""); print > ("cmd." n); cont = /\\$/
	    if (match($0, /<<-?.?[A-Za-z_]+/)) {
		here = substr($0, RSTART, RLENGTH); sub(/^<<-?/, "", here)
		gsub(/[^A-Za-z_]/, "", here)
	    }
	    next
	}
	state == "cmds" { print > ("exp." n); next }
	END { print n + 0 > "ncmd" }
	'
}

# shown exp: the shown output, continuation lines joined.
shown()
{
	awk '{ if (/\\$/) { sub(/ *\\$/, ""); line = line $0 " "; next }
	    if (line != "") sub(/^ +/, ""); print line $0; line = "" }' "$1"
}

# A scratch namespace layout (see the head of this file) and a template
# jail tree.
prepare()
{
	echo "sjex$$" >token
	mkdir -p run var/log var/jail etc.up etc.wk cwd
	ln -s /run var/run
	mkroot var/jail/.tmpl /bin/ps /usr/bin/id /usr/bin/perl \
	    >mkroot.log 2>&1 || { cat mkroot.log; atf_fail "mkroot.sh failed"; }
	t=var/jail/.tmpl
	echo "www:x:1002:1002:web server:/home/www:/bin/sh" >>"${t}/etc/passwd"
	echo "www:x:1002:" >>"${t}/etc/group"
	mkdir -p "${t}/home/www" "${t}/usr/sbin" "${t}/usr/local/bin"
	chown 1002:1002 "${t}/home/www"
	# A daemon: a shell that lives until the jail is removed; its
	# command line carries the token (killtoken) should a case fail.
	cat >"${t}/usr/sbin/sjdaemon" <<EOF
#!/bin/sh
exec /bin/sh -c 'while :; do sleep 1; done; : $(cat token)' </dev/null >/dev/null 2>&1
EOF
	# /etc/rc, sshd: start the daemon and return, as the real ones do.
	printf '#!/bin/sh\n/usr/sbin/sjdaemon &\n' >"${t}/etc/rc"
	printf '#!/bin/sh\n/usr/sbin/sjdaemon &\n' >"${t}/usr/sbin/sshd"
	# /etc/rc.shutdown (exec.stop): says so, and leaves the rest to -r.
	printf '#!/bin/sh\necho stopping\n' >"${t}/etc/rc.shutdown"
	# postgres: a foreground server that ends when asked to stop; here
	# it stops at once.
	printf '#!/bin/sh\necho postgres: stand-in\n' >"${t}/usr/sbin/postgres"
	printf '#!/bin/sh\necho reloaded\n' >"${t}/usr/local/bin/reload-site"
	chmod 755 "${t}/usr/sbin/sjdaemon" "${t}/etc/rc" "${t}/etc/rc.shutdown" \
	    "${t}/usr/sbin/sshd" \
	    "${t}/usr/sbin/postgres" "${t}/usr/local/bin/reload-site"
}

# tree name ...: /var/jail/NAME, a copy of the template.
tree()
{
	for n in "$@"; do
		cp -a var/jail/.tmpl "var/jail/${n}"
	done
}

# skip N reason: command N is not run; its reason is printed.
skip()
{
	k=$1
	shift
	echo "not run: $(head -n 1 "cmd.${k}"): $*" >>skipped
	echo "$*" >"skip.${k}"
}

# status N S reason: command N exits S, for the reason given.
status()
{
	echo "$2" >"status.$1"
}

# addcmd text [shown]: one more command, run after the example's, with
# the output shown in file shown.
addcmd()
{
	n=$(($(cat ncmd) + 1))
	printf '%s\n' "$1" >"cmd.${n}"
	[ -n "${2:-}" ] && cp "$2" "exp.${n}"
	echo "${n}" >ncmd
}

# cmdno text: the number of the first command whose first line is text.
cmdno()
{
	for f in cmd.*; do
		if [ "$(head -n 1 "${f}")" = "$1" ]; then
			echo "${f#cmd.}"
			return 0
		fi
	done
	atf_fail "no example \"$1\" (the manual changed: update the case)"
}

# sjsub: the substitutions for sjtest commands (head of this file).
sjsub()
{
	awk -v top="${TOP}" -v src="${SRC}" '
	/(^|[ =])sjtest( |$)/ {
		if ($0 !~ / -p /)
			sub(/sjtest/, "sjtest -p " top "/src/sysjail -s " top \
			    "/sjtest/sjtest -c " src "/cases/catalogue")
		n = split($0, w, " "); op = 0
		for (i = 1; i <= n; i++) {
			if (w[i] ~ /^-[pscamot]$/) { i++; continue }
			if (w[i] ~ /^-/ || w[i] ~ /=/ || w[i] ~ /sjtest$/)
				continue
			op = 1
		}
		if (!op)
			$0 = $0 " uname"
	}
	{ print }'
}

# driver: the script that runs every command not skipped in the case's
# namespace; output in out.N, error in err.N, status in rc.N.  A command
# whose shown output is one number is taken to print a JID: the number
# shown is replaced by the one printed in the commands after it.
driver()
{
	n=$(cat ncmd)
	{
		echo 'set +e'
		# seen: the JID and keeper of every jail running (file
		# jails), for the check that all of it is gone at the end.
		echo 'seen() { for r in /run/sysjail/[0-9]*; do case $r in *.*) continue;; esac; [ -f "$r" ] && echo "${r##*/} $(sed -n "s/^keeper=//p" "$r")"; done >>"$W/jails"; }'
		[ -f setup.sh ] && { cat setup.sh; echo seen; }
		i=1
		while [ ${i} -le ${n} ]; do
			if [ -f "skip.${i}" ]; then i=$((i + 1)); continue; fi
			echo "echo '@@ ${i}' >&2"
			echo "{"
			jidsub <"cmd.${i}" | sjsub
			echo "} </dev/null >\"\${W}/out.${i}\" 2>\"\${W}/err.${i}\""
			echo "echo \$? >\"\${W}/rc.${i}\""
			echo 'seen'
			if [ -f "exp.${i}" ] && [ "$(wc -l <"exp.${i}")" -eq 1 ] &&
			    grep -qE '^[0-9]+$' "exp.${i}"; then
				j=$(cat "exp.${i}")
				echo "jid_${j}=\$(head -n 1 \"\${W}/out.${i}\")"
				echo "jid_${j}=\${jid_${j}:-${j}}"
				cat "exp.${i}" >>jids
			fi
			i=$((i + 1))
		done
	} >driver.sh
}

# jidsub: in a command, a word that is a JID shown before it becomes the
# JID printed.
jidsub()
{
	if [ -f jids ]; then
		awk -v jids="$(cat jids | tr '\n' ' ')" '
		BEGIN { split(jids, j, " "); for (k in j) isjid[j[k]] = 1 }
		$1 ~ /^(jail|jexec|jls|sjls|sysjail)$/ {
			for (i = 2; i <= NF; i++)
				if ($i in isjid) $i = "${jid_" $i "}"
		}
		{ print }'
	else
		cat
	fi
}

# run: the namespace, the driver, then every command judged.
run()
{
	W=$(pwd)
	# A "cat FILE" example shows what FILE holds: it is written there.
	n=$(cat ncmd)
	i=1
	while [ ${i} -le ${n} ]; do
		set -- $(cat "cmd.${i}")
		if [ $# -eq 2 ] && [ "$1" = cat ] && [ -f "exp.${i}" ]; then
			case $2 in
			/etc/*)	mkdir -p "$(dirname "etc.up/${2#/etc/}")"
				cp "exp.${i}" "etc.up/${2#/etc/}" ;;
			/var/*)	mkdir -p "$(dirname "${2#/}")"
				cp "exp.${i}" "${2#/}" ;;
			*)	atf_fail "cat of $2: where?" ;;
			esac
		fi
		i=$((i + 1))
	done
	driver
	echo "--- the commands, as run:"
	cat driver.sh
	env W="${W}" C="${CWD:-${W}/cwd}" PATH="${TOP}/src:${TOP}/sjtest:${PATH}" \
	    unshare -m --propagation private /bin/sh -c '
		mount --bind "$W/run" /run &&
		mount --bind "$W/var" /var &&
		mount -t overlay sjex -o lowerdir=/etc,upperdir="$W/etc.up",workdir="$W/etc.wk" /etc &&
		cd "$C" && exec /bin/sh "$W/driver.sh"' </dev/null
	echo "--- results:"
	fails=0
	i=1
	while [ ${i} -le ${n} ]; do
		if [ -f "skip.${i}" ]; then i=$((i + 1)); continue; fi
		want=0
		[ -f "status.${i}" ] && want=$(cat "status.${i}")
		got=$(cat "rc.${i}" 2>/dev/null || echo none)
		echo "[${i}] $(head -n 1 "cmd.${i}")"
		sed 's/^/	| /' "out.${i}" 2>/dev/null
		sed 's/^/	! /' "err.${i}" 2>/dev/null
		if [ "${got}" != "${want}" ]; then
			echo "	FAILED: exit status ${got}, want ${want}"
			fails=$((fails + 1))
		fi
		if [ -f "exp.${i}" ] && ! same "${i}"; then
			echo "	FAILED: not the output shown"
			fails=$((fails + 1))
		fi
		i=$((i + 1))
	done
	[ -f skipped ] && cat skipped
	[ ${fails} -eq 0 ] || atf_fail "${fails} example(s) did not work as written"
}

# same N: does out.N match exp.N (rules at the head of this file; NORM, a
# sed script, normalises both)?
same()
{
	# A JID shown: any JID.
	if [ -f jids ] && grep -qx "$(cat "exp.$1")" jids; then
		grep -qE '^[0-9]+$' "out.$1" && [ "$(wc -l <"out.$1")" -eq 1 ] &&
		    return 0
	fi
	shown "exp.$1" | sed -e "${NORM:-p;d}" >want.$1
	sed -e "${NORM:-p;d}" "out.$1" >got.$1
	awk -v wf="want.$1" '
	{ if ((getline w < wf) <= 0) { bad = 1; exit }
	  if (w ~ /\.\.\.$/) { p = substr(w, 1, length(w) - 3)
	      sub(/ +$/, "", p); if (index($0, p) != 1) { bad = 1; exit } }
	  else if ($0 != w) { bad = 1; exit } }
	END { if (!bad && (getline w < wf) > 0) bad = 1; exit bad }' "got.$1" || {
		echo "	shown:"; sed 's/^/	  /' "want.$1"
		echo "	got:"; sed 's/^/	  /' "got.$1"
		return 1
	}
}

# endall: every jail of the case's registry removed (SIGTERM to its
# supervisor, then SIGKILL to its keeper, which ends every process of the
# jail), whatever the case left; then the token's processes.
endall()
{
	for r in run/sysjail/[0-9]*; do
		case ${r} in *.*) continue ;; esac
		[ -f "${r}" ] || continue
		kill -TERM "$(sed -n 's/^supervisor=//p' "${r}")" 2>/dev/null
	done
	i=0
	while [ ${i} -lt 50 ] && ls run/sysjail/[0-9]* >/dev/null 2>&1; do
		sleep 0.1; i=$((i + 1))
	done
	for r in run/sysjail/[0-9]*; do
		case ${r} in *.*) continue ;; esac
		[ -f "${r}" ] || continue
		kill -KILL "$(sed -n 's/^keeper=//p' "${r}")" 2>/dev/null
	done
	killtoken
	true
}

# after: the jails are gone when the case ends.
after()
{
	endall
	i=0
	while [ ${i} -lt 50 ] && ls run/sysjail/[0-9]* >/dev/null 2>&1; do
		sleep 0.1; i=$((i + 1))
	done
	if ls run/sysjail/[0-9]* >/dev/null 2>&1; then
		ls -l run/sysjail
		atf_fail "a jail of the examples is left"
	fi
	# Their cgroups too (gone: atf/subr.sh).
	mkdir -p db
	[ -f jails ] && sort -u jails | while read -r j k; do
		[ -n "${k}" ] && gone "${j}" "${k}"
	done
	true
}

mandir()
{
	atf_config_get examples_mandir "${SRC}/man"
}

# readme: the README's examples in the form of a manual's: each block
# indented by four spaces after an empty line (a command, or the output
# shown for the inline command before it) and every inline `command`
# naming one of the project's programs, make, kyua or sh.
readme()
{
	f=$(atf_config_get examples_readme "${SRC}/README")
	awk '
	/^$/ { blank = 1; inb = 0; para = ""; next }
	/^    [^ ]/ && (blank || inb) {
		sub(/^    /, "")
		if (!inb && ($0 !~ /^(sh|sjtest|sysjail|jail|jexec|jls|sjls|mkjail|make|kyua|cd)( |$)/ ||
		    $0 ~ /^[^ ]+ [0-9][0-9.]*: /))
			print "@@out"
		else if (!inb)
			print "@@block"
		inb = 1; blank = 0
		print "# " $0
		next
	}
	{ blank = 0; inb = 0
	  line = $0
	  if (para != "") { line = para " " line }
	  para = ""
	  while (match(line, /`[^`]*`/)) {
		c = substr(line, RSTART + 1, RLENGTH - 2)
		line = substr(line, RSTART + RLENGTH)
		if (c ~ /^(sjtest|sysjail|jail|jexec|jls|sjls|mkjail|make|kyua|sh|cd)( |$)/)
			{ print "@@block"; print "# " c }
	  }
	  if (index(line, "`")) { sub(/^[^`]*`/, "`", line); para = line }
	}' "${f}" | awk '
	/^@@out$/ { out = 1; next }
	/^@@block$/ { out = 0; print; next }
	{ if (out) sub(/^# /, ""); print }'
}

# man page files: the EXAMPLES of man/PAGE, with blocks FILES as files.
man()
{
	f="$(mandir)/$1"
	[ -f "${f}" ] || atf_fail "no ${f}"
	extract "${f}" >ex
	grep -q . ex || atf_fail "$1 has no EXAMPLES"
	parse "$2" <ex
	echo "--- the examples of $1:"
	cat ex
}

atf_test_case jail_1 cleanup
jail_1_head()
{
	atf_set descr "jail(1)'s examples, as written"
	atf_set require.user root
	atf_set timeout 300
}
jail_1_body()
{
	prepare
	tree demo
	man jail.1 ""
	NORM=''
	run
	after
}
jail_1_cleanup()
{
	endall
}

atf_test_case jail_conf_5 cleanup
jail_conf_5_head()
{
	atf_set descr "jail.conf(5)'s examples: the file in /etc/jail.conf," \
	    "jail -e's output, the jails known by their names"
	atf_set require.user root
	atf_set timeout 300
}
jail_conf_5_body()
{
	prepare
	tree www db
	man jail.conf.5 "1 2"
	# The first block is /etc/jail.conf; the second, what the inline
	# command before it prints.
	cp block.1 etc.up/jail.conf
	addcmd "$(cat ql.2)" block.2
	run
	after
}
jail_conf_5_cleanup()
{
	endall
}

atf_test_case jexec_1 cleanup
jexec_1_head()
{
	atf_set descr "jexec(1)'s examples, as written"
	atf_set require.user root
	atf_set timeout 300
}
jexec_1_body()
{
	prepare
	tree www
	man jexec.1 ""
	# procps kill(1) exits 1 after a kill(-1) that succeeded, bare too.
	status "$(cmdno 'jexec 3 kill -TERM -1')" 1
	NORM='s/^ *[0-9][0-9]*  /   JID  /'
	run
	after
}
jexec_1_cleanup()
{
	endall
}

atf_test_case jls_1 cleanup
jls_1_head()
{
	atf_set descr "jls(1)'s examples, with the jails mail (JID 1) and www" \
	    "(JID 2) that they show running"
	atf_set require.user root
	atf_set timeout 300
}
jls_1_body()
{
	prepare
	tree www mail
	man jls.1 ""
	cat >setup.sh <<'EOF'
jail -c name=mail path=/var/jail/mail host.hostname=mail.example.org ip4.addr=192.0.2.11 command=/etc/rc </dev/null >/dev/null
jail -c name=www path=/var/jail/www host.hostname=www.example.org ip4.addr=192.0.2.10 command=/etc/rc </dev/null >/dev/null
EOF
	run
	after
}
jls_1_cleanup()
{
	endall
}

atf_test_case sjls_1 cleanup
sjls_1_head()
{
	atf_set descr "sjls(1)'s example, with the jail www it shows running"
	atf_set require.user root
	atf_set timeout 300
}
sjls_1_body()
{
	prepare
	tree www
	man sjls.1 ""
	cat >setup.sh <<'EOF'
sysjail -b -n www -4 192.0.2.10 -4 192.0.2.11 /var/jail/www www.example.org /bin/sh /etc/rc
sleep 0.5
EOF
	# What differs from run to run: the JID, the time, the process IDs
	# and the counts.
	NORM='s/^JID [0-9]*:/JID N:/;s/^\(  \(started\|supervisor\|processes\|calls\) *\).*/\1*/'
	run
	after
}
sjls_1_cleanup()
{
	endall
}

atf_test_case sysjail_1 cleanup
sysjail_1_head()
{
	atf_set descr "sysjail(1)'s examples, as written"
	atf_set require.user root
	atf_set timeout 300
}
sysjail_1_body()
{
	prepare
	tree www db
	man sysjail.1 ""
	run
	after
}
sysjail_1_cleanup()
{
	endall
}

atf_test_case sysjail_3 cleanup
sysjail_3_head()
{
	atf_set descr "sysjail(3)'s example program, built against the" \
	    "build's library and run"
	atf_set require.user root
	atf_set timeout 300
}
sysjail_3_body()
{
	prepare
	tree demo
	man sysjail.3 "1"
	cp block.1 prog.c
	atf_check @CC@ -Wall -Werror -I"${SRC}/src/lib" -o prog prog.c \
	    -L"${TOP}/src/lib/.libs" -lsysjail
	echo 0 >ncmd
	addcmd "LD_LIBRARY_PATH=${TOP}/src/lib/.libs ${PWD}/prog"
	run
	grep -q "^jail [0-9]*, command pid [0-9]*\$" out.1 &&
	    grep -qx demo.example.org out.1 && grep -q "^uid=1002(www)" out.1 ||
	    atf_fail "not what the program prints"
	after
}
sysjail_3_cleanup()
{
	endall
}

atf_test_case mkjail_1 cleanup
mkjail_1_head()
{
	atf_set descr "mkjail(1)'s examples: the offline tree and a shell" \
	    "in it; the Debian ones need the network, and are not run"
	atf_set require.user root
	atf_set timeout 300
}
mkjail_1_body()
{
	prepare
	man mkjail.1 ""
	n=$(cat ncmd)
	i=1
	while [ ${i} -le ${n} ]; do
		case $(head -n 1 "cmd.${i}") in
		"mkjail -o -3 "*)
			[ -e /lib/ld-linux.so.2 ] &&
			    [ -e /lib/i386-linux-gnu/libc.so.6 ] ||
			    atf_skip "mkjail -3 needs the host's i386 C" \
			    "library (libc6-i386), which this host lacks" ;;
		"mkjail -o "*|"jail /var/jail/tiny "*) ;;
		"mkjail -s "*)
			skip ${i} "installs Debian from the network" ;;
		*/var/jail/www*)
			skip ${i} "works on the Debian tree of the example" \
			    "before, not made here" ;;
		*)	atf_fail "an example the case does not know:" \
			    "$(head -n 1 "cmd.${i}")" ;;
		esac
		i=$((i + 1))
	done
	run
	after
}
mkjail_1_cleanup()
{
	endall
}

atf_test_case sjtest_1 cleanup
sjtest_1_head()
{
	atf_set descr "sjtest(1)'s examples, from the top of the build, with" \
	    "the build's programs for the installed ones"
	atf_set require.user root
	atf_set timeout 600
}
sjtest_1_body()
{
	prepare
	man sjtest.1 ""
	# Every run skipped, exit status 3: ${NOIA32}.
	ia32 || status "$(cmdno 'sjtest -a i386 kill bind')" 3
	# Every check skipped, as the example says: exit status 3.
	status "$(cmdno 'SJTEST_WITHOUT=ia32 sjtest -a x86_64 int80')" 3
	CWD="${TOP}"
	run
	after
}
sjtest_1_cleanup()
{
	endall
}

atf_test_case readme cleanup
readme_head()
{
	atf_set descr "the README's examples, run from the top of the build," \
	    "those that install packages or run whole suites said not run"
	atf_set require.user root
	atf_set timeout 600
}
readme_body()
{
	prepare
	readme >ex
	grep -q . ex || atf_fail "no examples in the README"
	parse "" <ex
	cat ex
	n=$(cat ncmd)
	i=1
	while [ ${i} -le ${n} ]; do
		case $(cat "cmd.${i}") in
		"sh scripts/install-deps "*|"sh scripts/install-bench-deps "*)
			skip ${i} "installs packages on the host" ;;
		"make install")
			skip ${i} "installs on the host (sjtest's examples run" \
			    "the build's programs instead)" ;;
		"cd /usr/local/tests/sysjail && kyua test")
			skip ${i} "the whole installed suite, this program in it" ;;
		"make bench"|"make compare"|"make fuzz"|"make mutation")
			skip ${i} "a long run outside the suite (fuzz: atf/fuzz_test)" ;;
		sysjail\ -V)
			# The host's own values: the mechanisms by name.
			NORM='s/^\([^ ]*\) .*/\1/' ;;
		sjtest*) ;;
		"sysjail -C") ;;	# the case's own registry: nothing to do
		*)	atf_fail "an example the case does not know:" \
			    "$(head -n 1 "cmd.${i}")" ;;
		esac
		i=$((i + 1))
	done
	CWD="${TOP}"
	run
	after
}
readme_cleanup()
{
	endall
}

atf_init_test_cases()
{
	atf_add_test_case readme
	atf_add_test_case jail_1
	atf_add_test_case jail_conf_5
	atf_add_test_case jexec_1
	atf_add_test_case jls_1
	atf_add_test_case sjls_1
	atf_add_test_case sysjail_1
	atf_add_test_case sysjail_3
	atf_add_test_case mkjail_1
	atf_add_test_case sjtest_1
}
