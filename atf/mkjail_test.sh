#! @ATF_SH@
#
# mkjail_test: mkjail(1) builds trees that jail(1) runs: the synopsis and
# its one-line errors, an offline tree with 32-bit programs, the device
# profiles node for node, /install.site run jailed, and a Debian tree when
# a mirror can be reached.  Every tree lives in the test's work directory.

# ia32, NOIA32: atf/subr.sh.
. "$(atf_get_srcdir)/subr"

USAGE="usage: mkjail [-f] [-c dir] [-d devs] [-s sets] pkg_dir jail_dir
       mkjail [-f] -o [-3] [-d devs] jail_dir
       mkjail [-d devs] jail_dir"

jail_bin()
{
	if [ -x "@abs_top_builddir@/src/jail" ]; then
		echo "@abs_top_builddir@/src/jail"
	else
		echo "@bindir@/jail"
	fi
}

# Sets MKJAIL to the script to run with sh, and exports the MKROOT and
# JAIL it is to use: the source tree's, or the installed ones.
setup()
{
	if [ -f "@abs_top_srcdir@/sjtest/mkjail.sh" ]; then
		MKJAIL="@abs_top_srcdir@/sjtest/mkjail.sh"
		MKROOT="@abs_top_srcdir@/sjtest/mkroot.sh"
	else
		MKJAIL="@bindir@/mkjail"
		MKROOT="@pkglibexecdir@/mkroot.sh"
	fi
	JAIL=$(jail_bin)
	export MKROOT JAIL
}

manual()
{
	if [ -f "@abs_top_srcdir@/man/mkjail.1" ]; then
		echo "@abs_top_srcdir@/man/mkjail.1"
	else
		echo "@mandir@/man1/mkjail.1"
	fi
}

# Everything in the work directory, to check that a failure made nothing.
listing()
{
	find . -print | sort
}

# The entries of a tree's dev/, on one line.
devs()
{
	LC_ALL=C ls -A "$1/dev" | tr '\n' ' '
}

# A device node's type, numbers, mode and owner, for stat -c.
NODE='%F %t,%T %a %u:%g'

# A small offline tree, quietly.
offline_tree()
{
	sh "${MKJAIL}" -o "$@" >mkjail.out 2>mkjail.err ||
	    atf_fail "mkjail -o $*: $(cat mkjail.err)"
}

atf_test_case usage
usage_head()
{
	atf_set descr "bad options and operands: the three usage lines, exit 1"
}
usage_body()
{
	setup
	for args in "" "-x t" "-o pkg t" "-o" "-c" "-3 pkg t" "-f t" \
	    "-c c t" "-s base t" "-o -c c t" "-o -s base t" "a b c"; do
		# shellcheck disable=SC2086
		atf_check -s exit:1 -o empty -e inline:"${USAGE}\n" \
		    sh "${MKJAIL}" ${args}
	done
	atf_check -s exit:1 -o empty -e inline:"${USAGE}\n" sh "${MKJAIL}" ""
	[ ! -e t ] || atf_fail "a usage error made t"
}

atf_test_case usage_manual
usage_manual_head()
{
	atf_set descr "the usage equals the SYNOPSIS of mkjail.1, which is lint-clean"
	atf_set require.progs "mandoc col"
}
usage_manual_body()
{
	setup
	atf_check -o empty -e empty mandoc -Tlint -W warning "$(manual)"
	want=$(mandoc -Tascii "$(manual)" | col -b |
	    sed -n '/^SYNOPSIS/,/^DESCRIPTION/p' | sed '1d;$d' |
	    tr -s ' \t\n' '   ' | sed 's/^ *//;s/ *$//')
	got=$(sh "${MKJAIL}" -x 2>&1 | sed 's/^usage: //' |
	    tr -s ' \t\n' '   ' | sed 's/^ *//;s/ *$//')
	[ "${want}" = "${got}" ] || atf_fail "SYNOPSIS '${want}' != usage '${got}'"
}

atf_test_case errors
errors_head()
{
	atf_set descr "refusals are one line on stderr, exit 1, and make nothing"
	atf_set require.user root
}
errors_body()
{
	setup
	mkdir foreign
	echo data >foreign/file
	echo data >plainfile
	mkdir notatree
	echo data >notatree/file
	mkdir debtree
	printf '# made by mkjail\nmode=debian\n' >debtree/.sysjail-mkjail
	ln -s / rootlink
	before=$(listing)
	atf_check -s exit:1 -o empty \
	    -e inline:"mkjail: foreign: not empty and not made by mkjail (use -f to force)\n" \
	    sh "${MKJAIL}" -o foreign
	for args in "-o /" "-f -o /" "/" "-o rootlink" "-f -o rootlink"; do
		# shellcheck disable=SC2086
		atf_check -s exit:1 -o empty \
		    -e match:"^mkjail: [a-z]*/?: refusing to use /\$" \
		    sh "${MKJAIL}" ${args}
	done
	atf_check -s exit:1 -o empty \
	    -e inline:"mkjail: debtree: made by mkjail in debian mode, not offline (use -f to force)\n" \
	    sh "${MKJAIL}" -o debtree
	atf_check -s exit:1 -o empty \
	    -e inline:"mkjail: /usr/: refusing to use the host directory /usr\n" \
	    sh "${MKJAIL}" -f -o /usr/
	atf_check -s exit:1 -o empty \
	    -e inline:"mkjail: unknown device profile 'bogus' (base, ssh, http, https, all)\n" \
	    sh "${MKJAIL}" -o -d bogus tree
	atf_check -s exit:1 -o empty \
	    -e inline:"mkjail: unknown device profile 'disk' (base, ssh, http, https, all)\n" \
	    sh "${MKJAIL}" -o -d base,disk tree
	atf_check -s exit:1 -o empty \
	    -e inline:"mkjail: unknown set 'x11' (base, net, http, ssh)\n" \
	    sh "${MKJAIL}" -s net,x11 http://127.0.0.1:9/debian tree
	atf_check -s exit:1 -o empty \
	    -e inline:"mkjail: plainfile: not a directory\n" \
	    sh "${MKJAIL}" -o plainfile
	atf_check -s exit:1 -o empty \
	    -e inline:"mkjail: plainfile: not a directory\n" \
	    sh "${MKJAIL}" plainfile
	atf_check -s exit:1 -o empty \
	    -e inline:"mkjail: missing: no such directory\n" \
	    sh "${MKJAIL}" missing
	atf_check -s exit:1 -o empty \
	    -e inline:"mkjail: notatree: not made by mkjail and not a system tree (no etc and usr directories)\n" \
	    sh "${MKJAIL}" notatree
	# Debian mode checks for debootstrap before anything else.
	if command -v debootstrap >/dev/null 2>&1; then
		atf_check -s exit:1 -o empty \
		    -e inline:"mkjail: foreign: not empty and not made by mkjail (use -f to force)\n" \
		    sh "${MKJAIL}" -s net http://127.0.0.1:9/debian foreign
		atf_check -s exit:1 -o empty \
		    -e inline:"mkjail: /: refusing to use /\n" \
		    sh "${MKJAIL}" -f http://127.0.0.1:9/debian /
		atf_check -s exit:1 -o empty \
		    -e inline:"mkjail: ftp://example.org/debian: unsupported mirror URI (http://, https:// or file:///)\n" \
		    sh "${MKJAIL}" ftp://example.org/debian tree
		atf_check -s exit:1 -o empty \
		    -e inline:"mkjail: missing: no such directory, and not a mirror URI\n" \
		    sh "${MKJAIL}" missing tree
		atf_check -s exit:1 -o empty \
		    -e inline:"mkjail: -c plainfile: not a directory\n" \
		    sh "${MKJAIL}" -c plainfile http://127.0.0.1:9/debian tree
	else
		atf_check -s exit:1 -o empty \
		    -e inline:"mkjail: debootstrap not found (apt-get install debootstrap)\n" \
		    sh "${MKJAIL}" http://127.0.0.1:9/debian tree
	fi
	if command -v setpriv >/dev/null 2>&1; then
		atf_check -s exit:1 -o empty \
		    -e inline:"mkjail: must be run as root\n" \
		    setpriv --reuid=65534 --regid=65534 --clear-groups \
		    sh "${MKJAIL}" -o tree
	fi
	after=$(listing)
	[ "${before}" = "${after}" ] ||
	    atf_fail "a refused run changed the work directory"
	atf_check -o inline:"file\n" ls -A foreign
}

atf_test_case offline
offline_head()
{
	atf_set descr "mkjail -o -3: a tree that jail(1) runs, 32-bit programs too; a rerun succeeds"
	atf_set require.user root
}
offline_body()
{
	setup
	J=$(jail_bin)
	atf_check -o save:out -e empty sh "${MKJAIL}" -o -3 tree
	atf_check -o match:"^mkjail: creating device null" \
	    -o match:"^mkjail: tree ready: [0-9]+ files, 6 devices\$" cat out
	for f in .sysjail-mkjail etc/passwd etc/group etc/hosts \
	    etc/nsswitch.conf etc/resolv.conf usr/bin/sh usr/bin/id; do
		[ -f "tree/${f}" ] || atf_fail "tree/${f} is missing"
	done
	atf_check -o inline:"555\n" stat -c %a tree/proc
	atf_check -o inline:"1777\n" stat -c %a tree/tmp
	atf_check -o empty ls -A tree/proc
	atf_check -o match:"^root:x:0:0:" -o match:"^nobody:" cat tree/etc/passwd
	atf_check -o match:"^nogroup:" cat tree/etc/group
	atf_check -o save:jailed -e empty "${J}" tree h 127.0.0.2 \
	    /bin/sh -c 'id; ls /; echo ok'
	atf_check -o match:"^uid=0\(root\) gid=0\(root\)" -o match:"^ok\$" \
	    -o match:"^etc\$" -o match:"^usr\$" -o match:"^dev\$" cat jailed
	# The usual commands work in the jail.
	atf_check -o inline:"x\n" "${J}" tree h 127.0.0.2 /bin/sh -c \
	    'cd /tmp && mkdir d && touch d/f && cp d/f d/g && mv d/g d/x &&
	     ln -s x d/l && rm d/f && ls d | grep -v l && rm -r d'

	# A rerun on the same tree.
	atf_check -o match:"ready: [0-9]+ files, 6 devices\$" -e empty \
	    sh "${MKJAIL}" -o -3 tree
	atf_check -o inline:"ok\n" "${J}" tree h 127.0.0.2 /bin/echo ok
	# A rerun writes nothing through a symlink that a jail left.
	mkdir victimdir
	rm tree/usr/bin/head
	ln -s "$(pwd)/victimdir" tree/usr/bin/head
	atf_check -s exit:1 -o ignore \
	    -e inline:"mkjail: $(pwd -P)/tree/usr/bin/head: a symlink to a directory, where mkroot.sh writes; remove it\n" \
	    sh "${MKJAIL}" -o tree
	atf_check -o empty ls -A victimdir
	rm tree/usr/bin/head
	atf_check -o ignore -e empty sh "${MKJAIL}" -o tree
	atf_check -o match:"^127\.0\.0\.1" "${J}" tree h 127.0.0.2 /usr/bin/head -n 1 /etc/hosts

	# A 32-bit program, dynamically linked if gcc can build one.
	printf '#include <stdio.h>\nint main(void) { puts("hello32"); return 0; }\n' \
	    >hello.c
	if ! ia32; then
		atf_skip "the 32-bit program was not run: ${NOIA32} (every other check passed)"
	elif gcc -m32 -o hello32 hello.c 2>/dev/null; then
		cp hello32 tree/usr/bin/hello32
		atf_check -o inline:"hello32\n" -e empty \
		    "${J}" tree h 127.0.0.2 /usr/bin/hello32
	elif [ -x "@abs_top_builddir@/cases/native/uname.i386" ]; then
		# A static fixture: it renames the jail, never run it outside.
		cp "@abs_top_builddir@/cases/native/uname.i386" tree/usr/bin/
		atf_check -o match:"^nodename jail\$" -e empty env SJ_HOSTNAME=h \
		    "${J}" tree h 127.0.0.2 /usr/bin/uname.i386
	else
		atf_skip "no gcc -m32 and no cases/native/uname.i386: the 32-bit check was not run"
	fi
}

atf_test_case profiles
profiles_head()
{
	atf_set descr "each device profile makes exactly its nodes, with the right numbers, and follows no symlink"
	atf_set require.user root
}
profiles_body()
{
	setup
	base="fd full null random stderr stdin stdout tty urandom zero "
	pty="fd full null ptmx pts random stderr stdin stdout tty urandom zero "
	offline_tree -d all tree
	atf_check_equal "${pty}" "$(devs tree)"
	atf_check -o match:"ready: [0-9]+ files, 7 devices\$" cat mkjail.out
	for p in base http https ssh all base,https ssh,http base; do
		atf_check -o match:"^mkjail: tree ready: [0-9]+ files, [67] devices\$" \
		    -e empty sh "${MKJAIL}" -d "${p}" tree
		case ${p} in
		*ssh* | *all*) want=${pty} ;;
		*) want=${base} ;;
		esac
		atf_check_equal "${want}" "$(devs tree)"
	done
	# The default is base.
	sh "${MKJAIL}" -d ssh tree >/dev/null || atf_fail "mkjail -d ssh"
	atf_check -o ignore -e empty sh "${MKJAIL}" tree
	atf_check_equal "${base}" "$(devs tree)"

	sh "${MKJAIL}" -d all tree >/dev/null || atf_fail "mkjail -d all"
	for n in null:1,3 zero:1,5 full:1,7 random:1,8 urandom:1,9 tty:5,0 \
	    ptmx:5,2; do
		atf_check -o inline:"character special file ${n#*:} 666 0:0\n" \
		    stat -c "${NODE}" "tree/dev/${n%%:*}"
	done
	atf_check -o inline:"/proc/self/fd\n" readlink tree/dev/fd
	atf_check -o inline:"fd/0\n" readlink tree/dev/stdin
	atf_check -o inline:"fd/1\n" readlink tree/dev/stdout
	atf_check -o inline:"fd/2\n" readlink tree/dev/stderr
	atf_check -o inline:"directory 755\n" stat -c '%F %a' tree/dev/pts

	# What a jail may have left: symlinks out of the tree, a directory,
	# a console, a file of its own.  The links are removed, not followed.
	echo victim >victim
	mkdir victimdir
	rm tree/dev/null tree/dev/zero tree/dev/tty
	ln -s "$(pwd)/victim" tree/dev/null
	ln -s "$(pwd)/victimdir" tree/dev/zero
	mkdir tree/dev/tty
	mknod -m 0600 tree/dev/console c 5 1
	echo mine >tree/dev/mine
	atf_check -o match:"removing device console" -e empty \
	    sh "${MKJAIL}" -d base tree
	atf_check_equal "fd full mine null random stderr stdin stdout tty urandom zero " \
	    "$(devs tree)"
	atf_check -o inline:"victim\n" cat victim
	atf_check -o empty ls -A victimdir
	atf_check -o inline:"character special file 1,3 666 0:0\n" \
	    stat -c "${NODE}" tree/dev/null
	atf_check -o inline:"mine\n" cat tree/dev/mine
	# A dev/ that is a symlink is refused.
	mv tree/dev tree/dev.old
	ln -s "$(pwd)/victimdir" tree/dev
	atf_check -s exit:1 -o ignore \
	    -e match:"dev: is a symlink, refusing to follow it" \
	    sh "${MKJAIL}" tree
	atf_check -o empty ls -A victimdir
}

atf_test_case install_site
install_site_head()
{
	atf_set descr "post-install runs /install.site in a jail, which writes inside the tree only"
	atf_set require.user root
}
install_site_body()
{
	setup
	tok="site-ran.$$"
	[ ! -e "/tmp/${tok}" ] || atf_skip "/tmp/${tok} exists on the host"
	offline_tree site
	cat >site/install.site <<EOF
#!/bin/sh
echo ran >/tmp/${tok}
echo "site host \$(hostname)"
EOF
	chmod 755 site/install.site
	atf_check -o save:out -e empty sh "${MKJAIL}" site
	atf_check -o match:"^mkjail: install.site: site host site\$" \
	    -o match:"^mkjail: /install.site exited with status 0\$" \
	    -o match:"^mkjail: site ready: " cat out
	atf_check -o inline:"ran\n" cat "site/tmp/${tok}"
	[ ! -e "/tmp/${tok}" ] || atf_fail "install.site wrote the host's /tmp"
	# Its failure is mkjail's.
	printf '#!/bin/sh\necho going wrong\nexit 3\n' >site/install.site
	atf_check -s exit:1 -o match:"^mkjail: install.site: going wrong\$" \
	    -e inline:"mkjail: /install.site failed (exit status 3): going wrong\n" \
	    sh "${MKJAIL}" site
	# Not executable: not run.
	chmod 644 site/install.site
	atf_check -o match:"not executable: not running it" \
	    -o not-match:"going wrong" -e empty sh "${MKJAIL}" site
}

atf_test_case install_site_controls
install_site_controls_head()
{
	atf_set descr "install.site's CR, ESC and BEL reach the terminal escaped (^M, ^[, ^G), in progress lines and in the failure message: no forged mkjail line (issue 17 item 9)"
	atf_set require.user root
}
install_site_controls_body()
{
	setup
	offline_tree site
	# A fake "ready" line over the real one, and a failure message
	# that clears the screen.
	cat >site/install.site <<'EOF'
#!/bin/sh
printf 'x\rmkjail: site ready: 0 files, 0 devices\033[K\007\n'
printf '\033[2J\033[Hall fine\n'
exit 3
EOF
	chmod 755 site/install.site
	atf_check -s exit:1 -o save:out -e save:err sh "${MKJAIL}" site
	cat out err
	if LC_ALL=C tr -d '\n' <out | LC_ALL=C grep -q '[[:cntrl:]]' ||
	    LC_ALL=C tr -d '\n' <err | LC_ALL=C grep -q '[[:cntrl:]]'; then
		od -c out err | head -30
		atf_fail "a control byte of install.site reached mkjail's output"
	fi
	atf_check -o match:'^mkjail: install.site: x\^Mmkjail: site ready: 0 files, 0 devices\^\[\[K\^G$' \
	    cat out
	atf_check -o inline:'mkjail: /install.site failed (exit status 3): ^[[2J^[[Hall fine\n' \
	    cat err
}

atf_test_case debian cleanup
debian_head()
{
	atf_set descr "a Debian minbase tree from a mirror (MKJAIL_MIRROR, or deb.debian.org when reachable) runs in a jail"
	atf_set require.user root
	atf_set require.progs debootstrap
	atf_set timeout 1200
}
debian_body()
{
	setup
	J=$(jail_bin)
	mirror=${MKJAIL_MIRROR:-$(atf_config_get mkjail_mirror "")}
	if [ -z "${mirror}" ]; then
		mirror=http://deb.debian.org/debian
		if command -v wget >/dev/null 2>&1; then
			wget -q -O /dev/null -T 5 -t 1 \
			    "${mirror}/dists/bookworm/Release" 2>/dev/null
		else
			curl -fsS -o /dev/null -m 5 \
			    "${mirror}/dists/bookworm/Release" 2>/dev/null
		fi || atf_skip "${mirror} not reachable within 5 s (no network?) and MKJAIL_MIRROR is unset"
	fi
	cache=${MKJAIL_CACHE:-$(atf_config_get mkjail_cache "$(pwd)/cache")}
	atf_check -o save:out -e empty sh "${MKJAIL}" -c "${cache}" -s http \
	    "${mirror}" deb
	atf_check -o match:"^mkjail: debootstrap: I: Base system installed successfully" \
	    -o match:"^mkjail: deb ready: [0-9]+ files, 6 devices\$" cat out
	atf_check -o match:"^12\." -e empty \
	    "${J}" deb h 127.0.0.2 /bin/sh -c 'cat /etc/debian_version'
	# A package-installed service, bound to the wildcard in the jail, is
	# reached from the host at the jail's address.
	mkdir -p deb/tmp/www && echo hello >deb/tmp/www/index.html
	port=$((18000 + $$ % 1000))
	"${J}" deb www 127.0.0.2 /bin/busybox httpd -f -p "0.0.0.0:${port}" \
	    -h /tmp/www &
	httpd=$!
	echo "${httpd}" >httpd.pid
	atf_check -o inline:"hello\n" python3 -c '
import sys, time, urllib.request
for i in range(50):
    try:
        sys.stdout.write(urllib.request.urlopen(
            "http://127.0.0.2:%s/" % sys.argv[1], timeout=2).read().decode())
        break
    except OSError:
        time.sleep(0.1)' "${port}"
	kill -TERM "${httpd}"
	wait "${httpd}"
	rm -f httpd.pid
	atf_check_equal "fd full null random shm stderr stdin stdout tty urandom zero " \
	    "$(devs deb)"
	[ -n "$(ls "${cache}"/*.deb 2>/dev/null)" ] ||
	    atf_fail "-c ${cache} holds no package"
	[ ! -e deb/.mkjail-debootstrap ] || atf_fail "the staging directory is left"
	d=$(pwd -P)
	if grep -q " ${d}/" /proc/self/mountinfo; then
		atf_fail "something is left mounted below ${d}"
	fi
	# A rerun does not install again; a set it lacks is refused.
	atf_check -o match:"Debian is installed in .* already" -e empty \
	    sh "${MKJAIL}" -c "${cache}" "${mirror}" deb
	atf_check -s exit:1 -o empty \
	    -e inline:"mkjail: deb: Debian is installed already, without openssh-server (install it with apt-get in the jail, or use a new directory)\n" \
	    sh "${MKJAIL}" -s ssh "${mirror}" deb
}
debian_cleanup()
{
	# debootstrap unmounts on exit, but not if it was killed.
	d=$(pwd -P)
	awk -v d="${d}/" 'index($5, d) == 1 { print $5 }' /proc/self/mountinfo |
	    sort -r | while read -r m; do
		umount "${m}" 2>/dev/null || umount -l "${m}" 2>/dev/null
	done
	true
}

atf_init_test_cases()
{
	atf_add_test_case usage
	atf_add_test_case usage_manual
	atf_add_test_case errors
	atf_add_test_case offline
	atf_add_test_case profiles
	atf_add_test_case install_site
	atf_add_test_case install_site_controls
	atf_add_test_case debian
}
