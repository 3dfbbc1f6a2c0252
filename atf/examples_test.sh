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
	# postgres: a foreground server that ends when asked to stop; here
	# it stops at once.
	printf '#!/bin/sh\necho postgres: stand-in\n' >"${t}/usr/sbin/postgres"
	printf '#!/bin/sh\necho reloaded\n' >"${t}/usr/local/bin/reload-site"
	chmod 755 "${t}/usr/sbin/sjdaemon" "${t}/etc/rc" "${t}/usr/sbin/sshd" \
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
	echo "not run: $(head -n 1 "cmd.$1"): $2" >>skipped
	echo "$2" >"skip.$1"
}

# status N S reason: command N exits S, for the reason given.
status()
{
	echo "$2" >"status.$1"
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
		[ -f setup.sh ] && cat setup.sh
		i=1
		while [ ${i} -le ${n} ]; do
			if [ -f "skip.${i}" ]; then i=$((i + 1)); continue; fi
			echo "echo '@@ ${i}' >&2"
			echo "{"
			jidsub <"cmd.${i}" | sjsub
			echo "} </dev/null >\"\${W}/out.${i}\" 2>\"\${W}/err.${i}\""
			echo "echo \$? >\"\${W}/rc.${i}\""
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
	env W="${W}" PATH="${TOP}/src:${TOP}/sjtest:${PATH}" \
	    unshare -m --propagation private /bin/sh -c '
		mount --bind "$W/run" /run &&
		mount --bind "$W/var" /var &&
		mount -t overlay sjex -o lowerdir=/etc,upperdir="$W/etc.up",workdir="$W/etc.wk" /etc &&
		cd "$W/cwd" && exec /bin/sh "$W/driver.sh"' </dev/null
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
}

mandir()
{
	atf_config_get examples_mandir "${SRC}/man"
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

atf_init_test_cases()
{
	atf_add_test_case jail_1
}
