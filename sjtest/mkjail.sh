#!/bin/sh
#
# mkjail - build a prison directory for jail(1)
#
# usage: mkjail [-f] [-c dir] [-d devs] [-s sets] pkg_dir jail_dir
#        mkjail [-f] -o [-3] [-d devs] jail_dir
#        mkjail [-d devs] jail_dir
#
# The first form installs a Debian system with debootstrap(8) from the
# mirror or local directory pkg_dir; the second (offline) builds a small
# system from the host's own binaries with mkroot.sh; the third works on
# an existing tree: it makes dev/ again and runs /install.site jailed.
# Every form ends by making jail_dir/dev for the device profile (-d).
# See mkjail(1) for the details.
#
# Installed as mkjail in $(bindir); the build replaces the two directory
# placeholders below.  MKROOT and JAIL in the environment name mkroot.sh
# and jail(1) explicitly (the test suite runs the script from the source
# tree that way).
#
# Safety: a jail tree may have been changed by jailed processes, so
# nothing is written through a symlink: directories on the way are
# checked, files are replaced by rename(2), device nodes are made with
# mknod(2) and old ones removed with unlink(2), neither of which follows
# a symlink.  Nothing outside jail_dir (and the -c cache directory) is
# written.  Do not run it on a tree that a jail is currently using.

set -eu
umask 022
unset CDPATH

PROG=mkjail
MARKER=.sysjail-mkjail
MKROOT_MARKER=.sysjail-mkroot
# Where debootstrap works, inside the tree, until it has succeeded.
STAGE=.mkjail-debootstrap
# The top-level names of a Debian system, which must not exist before.
DEBIAN_TOP='bin boot dev etc home lib lib32 lib64 libx32 media mnt opt proc
root run sbin srv sys tmp usr var'
SUITE=${MKJAIL_SUITE:-bookworm}
# Where `make install` puts mkroot.sh and jail(1); the build fills these in.
LIBEXECDIR='@pkglibexecdir@'
BINDIR='@bindir@'
# The jail address that /install.site runs with.
SITE_ADDR=127.0.0.2
_NL='
'

# Programs copied in offline mode besides mkroot.sh's defaults, when the
# host has them.
OFFLINE_PROGRAMS='/usr/bin/ls /usr/bin/cat /usr/bin/mkdir /usr/bin/rm
/usr/bin/rmdir /usr/bin/cp /usr/bin/mv /usr/bin/ln /usr/bin/touch
/usr/bin/chmod /usr/bin/chown /usr/bin/grep /usr/bin/sed /usr/bin/ps
/usr/bin/pwd /usr/bin/wc /usr/bin/tail /usr/bin/tr /usr/bin/cut
/usr/bin/sort /usr/bin/uniq /usr/bin/date /usr/bin/stat /usr/bin/readlink
/usr/bin/dirname /usr/bin/basename /usr/bin/expr /usr/bin/tee
/usr/bin/find /usr/bin/xargs /usr/sbin/nologin'

# Device nodes (name:major:minor, Linux's fixed numbers, mode 0666).
DEVS_BASE='null:1:3 zero:1:5 full:1:7 random:1:8 urandom:1:9 tty:5:0'
DEVS_PTY='ptmx:5:2'
# Every name in dev/ that mkjail manages: the union of the profiles, and
# console, which debootstrap makes and mkjail never gives a jail.
MANAGED='null zero full random urandom tty ptmx fd stdin stdout stderr pts console'
# Directories that are never a jail, even with -f.
SYSTEM_DIRS='/ /bin /boot /dev /etc /home /lib /lib32 /lib64 /libx32 /media
/mnt /opt /proc /root /run /sbin /srv /sys /tmp /usr /var'

died=0
tmpfile=
dir=
arg_dir=
mode=
ndev=0

die() {
	died=1
	printf '%s: %s\n' "$PROG" "$*" >&2
	exit 1
}

say() {
	printf '%s: %s\n' "$PROG" "$*"
}

usage() {
	died=1
	cat >&2 <<'EOF'
usage: mkjail [-f] [-c dir] [-d devs] [-s sets] pkg_dir jail_dir
       mkjail [-f] -o [-3] [-d devs] jail_dir
       mkjail [-d devs] jail_dir
EOF
	exit 1
}

# shellcheck disable=SC2317  # trap handlers are invoked indirectly
on_exit() {
	rc=$?
	trap - EXIT
	if [ -n "$tmpfile" ]; then
		rm -f -- "$tmpfile" 2>/dev/null || :
	fi
	if [ "$rc" -ne 0 ]; then
		if [ "$died" -eq 0 ]; then
			printf '%s: failed (exit status %s)%s\n' "$PROG" "$rc" \
			    "${dir:+; rerun to finish $arg_dir}" >&2
		fi
		exit 1
	fi
}

# shellcheck disable=SC2317
on_signal() {
	died=1
	printf '%s: interrupted%s\n' "$PROG" \
	    "${dir:+; rerun to finish $arg_dir}" >&2
	exit 1
}

trap on_exit EXIT
trap on_signal HUP INT TERM

# try DESCRIPTION COMMAND [ARG...]: run a command, and on failure die
# with a single line naming DESCRIPTION and the first line of its stderr.
try() {
	_what=$1
	shift
	if _err=$("$@" 2>&1 >/dev/null); then
		return 0
	fi
	_err=$(printf '%s\n' "$_err" | sed -n '1p' | LC_ALL=C cat -v)
	die "$_what${_err:+: $_err}"
}

# run_logged TAG COMMAND [ARG...]: run COMMAND, showing each line it
# prints (stdout and stderr) as a progress line "mkjail: TAGline", its
# control bytes shown as cat -v shows them (^M, ^[): the jail writes them,
# and must not rewrite mkjail's own lines on the terminal.  Sets
# run_status to its exit status and run_last to its last "E:" line
# (debootstrap's errors) or else its last line, for a one-line error.
run_logged() {
	_tag=$1
	shift
	exec 4>&1
	_res=$(
		{
			{
				_s=0
				"$@" </dev/null 2>&1 3>&- 4>&- || _s=$?
				printf 'mkjail-status %s\n' "$_s" >&3
			} | LC_ALL=C cat -v | {
				_last=
				_e=
				while IFS= read -r _l; do
					printf '%s: %s%s\n' "$PROG" "$_tag" "$_l" >&4
					_last=$_l
					case $_l in
					E:*) _e=$_l ;;
					esac
				done
				printf 'mkjail-last %s\n' "${_e:-$_last}" >&3
			}
		} 3>&1
	)
	exec 4>&-
	run_status=$(printf '%s\n' "$_res" | sed -n 's/^mkjail-status //p')
	run_last=$(printf '%s\n' "$_res" | sed -n 's/^mkjail-last //p')
	: "${run_status:=1}"
}

# in_tree PATH: check that the directories leading to PATH (a path inside
# the tree, starting with /) are real directories, making missing ones.
in_tree() {
	_rest=${1#/}
	_cur=$dir
	while :; do
		case $_rest in
		*/*) ;;
		*) break ;;
		esac
		_c=${_rest%%/*}
		_rest=${_rest#*/}
		[ -n "$_c" ] || continue
		_cur=$_cur/$_c
		if [ -L "$_cur" ]; then
			die "$_cur: unexpected symlink, refusing to follow it"
		elif [ -d "$_cur" ]; then
			:
		elif [ -e "$_cur" ]; then
			die "$_cur: exists and is not a directory"
		else
			try "$_cur: cannot create directory" mkdir -m 0755 -- "$_cur"
		fi
	done
}

# put_file PATH MODE: install stdin as PATH inside the tree, root-owned,
# replacing what was there (a symlink included) by rename(2).
put_file() {
	in_tree "$1"
	if [ -d "$dir$1" ] && [ ! -L "$dir$1" ]; then
		die "$dir$1: is a directory, refusing to replace it"
	fi
	tmpfile=$dir$1.mkjail-tmp.$$
	try "$tmpfile: cannot remove" rm -f -- "$tmpfile"
	cat >"$tmpfile" || die "$tmpfile: cannot write"
	try "$tmpfile: cannot chmod" chmod "$2" -- "$tmpfile"
	try "$tmpfile: cannot chown" chown 0:0 -- "$tmpfile"
	try "$dir$1: cannot install" mv -f -T -- "$tmpfile" "$dir$1"
	tmpfile=
}

# put_dir PATH MODE: make the directory PATH inside the tree.
put_dir() {
	in_tree "$1/x"
	try "$dir$1: cannot chmod" chmod "$2" -- "$dir$1"
	try "$dir$1: cannot chown" chown 0:0 -- "$dir$1"
}

# resolve ARG: set dir to the physical path of the directory ARG, and
# refuse the host's own system directories.
resolve() {
	dir=$(cd -P -- "$1" 2>/dev/null && pwd -P) ||
	    die "$1: cannot enter directory"
	[ "$dir" != / ] || die "$1: refusing to use /"
	for _s in $SYSTEM_DIRS; do
		[ "$dir" != "$_s" ] ||
		    die "$1: refusing to use the host directory $_s"
	done
}

has_marker() {
	[ -f "$dir/$MARKER" ] && [ ! -L "$dir/$MARKER" ]
}

# prepare ARG: the directory to install into: made if missing; an
# existing non-empty one must carry the marker, or -f must be given.  The
# marker is written first, so that an interrupted run can be rerun.
prepare() {
	if [ -L "$1" ] || [ -e "$1" ]; then
		[ -d "$1" ] || die "$1: not a directory"
		resolve "$1"
		if [ -n "$(ls -A -- "$dir")" ] && [ "$opt_f" -eq 0 ]; then
			# mkroot.sh's own trees are offline trees too.
			if ! has_marker && { [ "$mode" != offline ] ||
			    [ ! -f "$dir/$MKROOT_MARKER" ] ||
			    [ -L "$dir/$MKROOT_MARKER" ]; }; then
				die "$1: not empty and not made by mkjail (use -f to force)"
			fi
			# One kind of system only: the host's programs are not
			# copied over Debian's, nor Debian over the host's.
			_was=
			! has_marker ||
			    _was=$(sed -n 's/^mode=//p' "$dir/$MARKER")
			[ -z "$_was" ] || [ "$_was" = "$mode" ] ||
			    die "$1: made by mkjail in $_was mode, not $mode (use -f to force)"
		fi
	else
		try "$1: cannot create directory" mkdir -p -- "$1"
		resolve "$1"
	fi
	put_file "/$MARKER" 0644 <<EOF
# made by mkjail(1) of sysjail; rerun mkjail to finish or update the tree
mode=$mode
EOF
	try "$dir: cannot chmod" chmod 0755 -- "$dir"
	try "$dir: cannot chown" chown 0:0 -- "$dir"
}

# --- modes -------------------------------------------------------------

# offline: a small system from the host's binaries, through mkroot.sh.
install_offline() {
	# mkroot.sh accepts a non-empty directory only with its own marker;
	# mkjail has already decided that this one may be used.
	if [ ! -f "$dir/$MKROOT_MARKER" ] || [ -L "$dir/$MKROOT_MARKER" ]; then
		put_file "/$MKROOT_MARKER" 0644 <<'EOF'
# made by sysjail mkjail(1) through mkroot.sh
EOF
	fi
	# mkroot.sh replaces a file with mv(1), which moves into a directory
	# that a symlink at the file's name points to: refuse such links
	# where it writes, whatever a jail left there.
	for _top in usr etc root home; do
		if [ ! -d "$dir/$_top" ] || [ -L "$dir/$_top" ]; then
			continue
		fi
		_bad=$(find "$dir/$_top" -xdev -type l -exec test -d {} \; \
		    -print 2>/dev/null | sed -n '1p')
		[ -z "$_bad" ] ||
		    die "$_bad: a symlink to a directory, where mkroot.sh writes; remove it"
	done
	set --
	[ "$opt_3" -eq 0 ] || set -- -3
	set -- "$@" "$dir"
	for _p in $OFFLINE_PROGRAMS; do
		if [ -f "$_p" ]; then
			set -- "$@" "$_p"
		fi
	done
	say "installing the host's programs and libraries with $mkroot"
	run_logged "" sh "$mkroot" "$@"
	[ "$run_status" -eq 0 ] ||
	    die "mkroot.sh failed (exit status $run_status): $run_last"
	for _f in /etc/passwd /etc/group /etc/hosts /etc/nsswitch.conf \
	    /usr/bin/sh; do
		[ -f "$dir$_f" ] || die "$dir$_f: missing after mkroot.sh"
	done

	say "installing /etc/resolv.conf"
	# A resolver on the host's loopback is not the jail's: keep the
	# host's other name servers only.
	_resolv=$(sed -n '/^[[:space:]]*nameserver[[:space:]]/{
		/[[:space:]]127\./d
		/[[:space:]]::1[[:space:]]*$/d
		p
	}
	/^[[:space:]]*search[[:space:]]/p
	/^[[:space:]]*domain[[:space:]]/p' /etc/resolv.conf 2>/dev/null) || _resolv=
	put_file /etc/resolv.conf 0644 <<EOF
# written by mkjail from the host's resolv.conf${_resolv:+$_NL$_resolv}
EOF
	say "installing /run, /var/tmp"
	put_dir /run 0755
	put_dir /var 0755
	put_dir /var/tmp 1777
	put_dir /tmp 1777
	put_dir /proc 0555
}

# unmount_below DIR: unmount whatever is mounted at or below DIR (what
# debootstrap mounted in its target and left there if it was killed).
unmount_below() {
	_ms=$(awk -v d="$1" '$5 == d || index($5, d "/") == 1 { print $5 }' \
	    /proc/self/mountinfo | sort -r)
	_old_ifs=$IFS
	IFS=$_NL
	set -f
	for _m in $_ms; do
		say "unmounting $_m, left by debootstrap"
		umount -- "$_m" 2>/dev/null || umount -l -- "$_m" 2>/dev/null ||
		    die "$_m: cannot unmount"
	done
	set +f
	IFS=$_old_ifs
}

# finished DIR: DIR holds a complete debootstrap install (debootstrap
# removes its own DIR/debootstrap directory last).
finished() {
	[ -f "$1/etc/debian_version" ] && [ ! -e "$1/debootstrap" ] &&
	    [ ! -L "$1/debootstrap" ]
}

# check_installed: every package of the sets is in the tree already.
check_installed() {
	_status=$dir/var/lib/dpkg/status
	_old_ifs=$IFS
	IFS=,
	for _p in $includes; do
		IFS=$_old_ifs
		awk -v p="$_p" '
			/^Package: / { pkg = $2 }
			/^Status: / && pkg == p && $0 ~ / installed$/ { found = 1 }
			END { exit !found }' "$_status" 2>/dev/null ||
		    die "$arg_dir: Debian is installed already, without $_p (install it with apt-get in the jail, or use a new directory)"
	done
	IFS=$_old_ifs
}

# debian: debootstrap, wrapped.  It runs in a staging directory inside
# the tree, whose entries are renamed into place once it has succeeded:
# debootstrap cannot resume an interrupted install, so a rerun removes
# an unfinished staging directory and starts again, without touching
# anything else in the tree.
install_debian() {
	_st=$dir/$STAGE
	if [ ! -e "$_st" ] && [ ! -L "$_st" ] && finished "$dir"; then
		check_installed
		say "Debian is installed in $dir already: not running debootstrap again"
		return 0
	fi
	if [ -L "$_st" ] || { [ -e "$_st" ] && [ ! -d "$_st" ]; }; then
		try "$_st: cannot remove" rm -f -- "$_st"
	fi
	if [ -d "$_st" ] && ! finished "$_st"; then
		say "removing the unfinished install in $_st"
		unmount_below "$_st"
		try "$_st: cannot remove" rm -rf --one-file-system -- "$_st"
	fi
	if [ -d "$_st" ]; then
		say "finishing the install in $_st"
	else
		# What debootstrap makes must not be there already (-f).
		for _n in $DEBIAN_TOP; do
			if [ -e "$dir/$_n" ] || [ -L "$dir/$_n" ]; then
				die "$dir/$_n: exists already; mkjail does not merge a Debian system into a tree"
			fi
		done
		try "$_st: cannot create directory" mkdir -m 0755 -- "$_st"
		set -- --variant=minbase
		[ -z "$includes" ] || set -- "$@" "--include=$includes"
		[ -z "$cachedir" ] || set -- "$@" "--cache-dir=$cachedir"
		set -- "$@" "$SUITE" "$_st" "$mirror"
		say "installing Debian $SUITE (minbase${includes:+, $includes}) from $mirror"
		[ -z "$cachedir" ] ||
		    say "keeping the downloaded packages in $cachedir"
		run_logged "debootstrap: " debootstrap "$@"
		# debootstrap mounts /proc and /sys in its target and
		# unmounts them on exit: make sure that nothing is left.
		unmount_below "$_st"
		if [ "$run_status" -ne 0 ]; then
			_log=
			[ ! -f "$_st/debootstrap/debootstrap.log" ] ||
			    _log="; see $_st/debootstrap/debootstrap.log"
			die "debootstrap failed (exit status $run_status): $run_last$_log"
		fi
		finished "$_st" ||
		    die "$_st: debootstrap exited 0 but did not finish"
	fi
	# Into place: nothing of the tree's own is replaced.
	for _e in "$_st"/* "$_st"/.[!.]* "$_st"/..?*; do
		[ -e "$_e" ] || [ -L "$_e" ] || continue
		_n=${_e##*/}
		if [ -e "$dir/$_n" ] || [ -L "$dir/$_n" ]; then
			die "$dir/$_n: exists already; mkjail does not merge a Debian system into a tree"
		fi
	done
	say "moving the new system into $dir"
	for _e in "$_st"/* "$_st"/.[!.]* "$_st"/..?*; do
		[ -e "$_e" ] || [ -L "$_e" ] || continue
		try "$_e: cannot move into place" \
		    mv -T -- "$_e" "$dir/${_e##*/}"
	done
	try "$_st: cannot remove" rmdir -- "$_st"
	if [ ! -e "$dir/bin/sh" ] && [ ! -L "$dir/bin/sh" ]; then
		die "$dir/bin/sh: missing after debootstrap"
	fi
	[ -f "$dir/etc/debian_version" ] ||
	    die "$dir/etc/debian_version: missing after debootstrap"
}

# devices: make dev/ again for the profiles, removing only the names
# that mkjail manages.  Works from inside dev/, so that every name is
# relative and no operation follows a symlink.
make_devices() {
	_d=$dir/dev
	if [ -L "$_d" ]; then
		die "$_d: is a symlink, refusing to follow it"
	elif [ -e "$_d" ]; then
		[ -d "$_d" ] || die "$_d: exists and is not a directory"
	else
		try "$_d: cannot create directory" mkdir -m 0755 -- "$_d"
	fi
	cd -P -- "$_d" || die "$_d: cannot enter directory"
	[ "$(pwd -P)" = "$_d" ] || die "$_d: moved while in use"
	try "$_d: cannot chown" chown 0:0 .
	try "$_d: cannot chmod" chmod 0755 .
	for _n in $MANAGED; do
		if [ -L "$_n" ]; then
			try "$_d/$_n: cannot remove" rm -f -- "$_n"
		elif [ -d "$_n" ]; then
			if [ "$_n" = pts ] && [ "$want_pty" -eq 1 ]; then
				continue
			fi
			try "$_d/$_n: cannot remove directory" rmdir -- "$_n"
		elif [ -e "$_n" ]; then
			[ "$_n" != console ] ||
			    say "removing device console (the host's console)"
			try "$_d/$_n: cannot remove" rm -f -- "$_n"
		fi
	done
	_nodes=$DEVS_BASE
	[ "$want_pty" -eq 0 ] || _nodes="$_nodes $DEVS_PTY"
	for _spec in $_nodes; do
		_n=${_spec%%:*}
		_mm=${_spec#*:}
		say "creating device $_n (character ${_mm%:*},${_mm#*:})"
		try "$_d/$_n: cannot create device" \
		    mknod -m 0666 -- "$_n" c "${_mm%:*}" "${_mm#*:}"
		try "$_d/$_n: cannot chown" chown -h 0:0 -- "$_n"
		ndev=$((ndev + 1))
	done
	say "creating links fd -> /proc/self/fd, stdin, stdout, stderr -> fd/0, fd/1, fd/2"
	try "$_d/fd: cannot create symlink" ln -s -- /proc/self/fd fd
	try "$_d/stdin: cannot create symlink" ln -s -- fd/0 stdin
	try "$_d/stdout: cannot create symlink" ln -s -- fd/1 stdout
	try "$_d/stderr: cannot create symlink" ln -s -- fd/2 stderr
	if [ "$want_pty" -eq 1 ] && [ ! -d pts ]; then
		say "creating directory pts (mount devpts on it)"
		try "$_d/pts: cannot create directory" mkdir -m 0755 -- pts
	fi
	cd /
}

# install.site: run it jailed, if the tree has one.
run_site() {
	_host=$(printf '%s' "${dir##*/}" | tr -c 'A-Za-z0-9.-' '-' | cut -c1-63)
	say "running /install.site in a jail: $jail_bin $dir $_host $SITE_ADDR /install.site"
	run_logged "install.site: " "$jail_bin" "$dir" "$_host" "$SITE_ADDR" \
	    /install.site
	[ "$run_status" -eq 0 ] ||
	    die "/install.site failed (exit status $run_status)${run_last:+: $run_last}"
	say "/install.site exited with status 0"
}

# find_tool ENVVALUE NAME DIR...: the first executable DIR/NAME.
find_tool() {
	if [ -n "$1" ]; then
		printf '%s\n' "$1"
		return 0
	fi
	_name=$2
	shift 2
	for _dirn in "$@"; do
		case $_dirn in
		*@*) continue ;;	# not installed: no placeholder filled
		esac
		if [ -f "$_dirn/$_name" ]; then
			printf '%s\n' "$_dirn/$_name"
			return 0
		fi
	done
	return 1
}

# where DIR: " or in DIR" for an error message, if DIR was filled in.
where() {
	case $1 in
	*@*) ;;
	*) printf ' or in %s' "$1" ;;
	esac
}

# --- arguments ---------------------------------------------------------

opt_f=0
opt_o=0
opt_3=0
opt_c=
opt_s=
devs=base
while getopts :fc:d:s:o3 opt; do
	case $opt in
	f) opt_f=1 ;;
	c) opt_c=$OPTARG ;;
	d) devs=$OPTARG ;;
	s) opt_s=$OPTARG ;;
	o) opt_o=1 ;;
	3) opt_3=1 ;;
	*) usage ;;
	esac
done
shift $((OPTIND - 1))
for _a in "$@"; do
	[ -n "$_a" ] || usage
done
if [ "$opt_o" -eq 1 ]; then
	if [ $# -ne 1 ] || [ -n "$opt_c" ] || [ -n "$opt_s" ]; then
		usage
	fi
	mode=offline
elif [ $# -eq 2 ]; then
	[ "$opt_3" -eq 0 ] || usage
	mode=debian
elif [ $# -eq 1 ]; then
	if [ "$opt_f" -eq 1 ] || [ "$opt_3" -eq 1 ] || [ -n "$opt_c" ] ||
	    [ -n "$opt_s" ]; then
		usage
	fi
	mode=post
else
	usage
fi
if [ "$mode" = debian ]; then
	pkg_dir=$1
	shift
fi
arg_dir=$1

# Device profiles: base, http and https are the base nodes; ssh and all
# add the pseudo-terminal multiplexer and dev/pts.
want_pty=0
_old_ifs=$IFS
IFS=,
# shellcheck disable=SC2086
set -- $devs
IFS=$_old_ifs
[ $# -gt 0 ] || die "-d: no device profile given (base, ssh, http, https, all)"
for _p in "$@"; do
	case $_p in
	base | http | https) ;;
	ssh | all) want_pty=1 ;;
	*) die "unknown device profile '$_p' (base, ssh, http, https, all)" ;;
	esac
done

# Package sets (Debian mode): base is always installed.
includes=
IFS=,
# shellcheck disable=SC2086
set -- ${opt_s:-base}
IFS=$_old_ifs
[ $# -gt 0 ] || die "-s: no set given (base, net, http, ssh)"
for _p in "$@"; do
	case $_p in
	base) _add= ;;
	net) _add=iproute2,netbase,ca-certificates ;;
	http) _add=busybox ;;
	ssh) _add=openssh-server ;;
	*) die "unknown set '$_p' (base, net, http, ssh)" ;;
	esac
	[ -n "$_add" ] || continue
	case ",$includes," in
	*",$_add,"*) ;;
	*) includes=${includes:+$includes,}$_add ;;
	esac
done

[ "$(id -u)" -eq 0 ] || die "must be run as root"

# --- what each mode needs, checked before anything is written -----------

here=$(dirname -- "$0")
case $mode in
offline)
	mkroot=$(find_tool "${MKROOT:-}" mkroot.sh "$here" "$LIBEXECDIR") ||
	    die "mkroot.sh not found next to $0$(where "$LIBEXECDIR") (set MKROOT)"
	[ -f "$mkroot" ] || die "$mkroot: no such file (MKROOT)"
	if [ "$opt_3" -eq 1 ] && [ ! -e /lib/ld-linux.so.2 ]; then
		die "-3: the host has no i386 loader /lib/ld-linux.so.2 (apt-get install libc6-i386)"
	fi
	;;
debian)
	command -v debootstrap >/dev/null 2>&1 ||
	    die "debootstrap not found (apt-get install debootstrap)"
	case $pkg_dir in
	http://?* | https://?*)
		mirror=$pkg_dir ;;
	file:///*)
		mirror=$pkg_dir
		_m=${pkg_dir#file://}
		[ -d "$_m/dists/$SUITE" ] ||
		    die "$pkg_dir: not a Debian mirror (no dists/$SUITE)" ;;
	*://*)
		die "$pkg_dir: unsupported mirror URI (http://, https:// or file:///)" ;;
	*)
		[ -d "$pkg_dir" ] ||
		    die "$pkg_dir: no such directory, and not a mirror URI"
		_m=$(cd -P -- "$pkg_dir" && pwd -P) ||
		    die "$pkg_dir: cannot enter directory"
		[ -d "$_m/dists/$SUITE" ] ||
		    die "$pkg_dir: not a Debian mirror (no dists/$SUITE)"
		mirror=file://$_m ;;
	esac
	case $arg_dir in
	/*) _abs=$arg_dir ;;
	*) _abs=$(pwd -P)/$arg_dir ;;
	esac
	case $_abs in
	*[[:space:]\\]*)
		die "$arg_dir: debootstrap needs a path without blanks or backslashes" ;;
	esac
	cachedir=
	if [ -n "$opt_c" ]; then
		if [ -L "$opt_c" ] || [ -e "$opt_c" ]; then
			[ -d "$opt_c" ] || die "-c $opt_c: not a directory"
		fi
	fi
	;;
post)
	if [ -L "$arg_dir" ] || [ -e "$arg_dir" ]; then
		[ -d "$arg_dir" ] || die "$arg_dir: not a directory"
	else
		die "$arg_dir: no such directory"
	fi
	resolve "$arg_dir"
	# Only a tree: mkjail's, or one with the directories of a system.
	if ! has_marker; then
		if [ ! -d "$dir/etc" ] || [ -L "$dir/etc" ] ||
		    [ ! -d "$dir/usr" ] || [ -L "$dir/usr" ]; then
			die "$arg_dir: not made by mkjail and not a system tree (no etc and usr directories)"
		fi
	fi
	site=0
	if [ -L "$dir/install.site" ]; then
		site=1
	elif [ -f "$dir/install.site" ]; then
		if [ -x "$dir/install.site" ]; then
			site=1
		else
			say "$dir/install.site is not executable: not running it"
		fi
	fi
	if [ "$site" -eq 1 ]; then
		jail_bin=$(find_tool "${JAIL:-}" jail "$here" "$BINDIR") ||
		    jail_bin=$(command -v jail) ||
		    die "jail not found next to $0$(where "$BINDIR"), or in PATH (set JAIL)"
		[ -x "$jail_bin" ] || die "$jail_bin: not executable (JAIL)"
	fi
	;;
esac

# --- the work ----------------------------------------------------------

case $mode in
offline)
	prepare "$arg_dir"
	say "building an offline system in $dir"
	install_offline
	;;
debian)
	if [ -n "$opt_c" ]; then
		try "-c $opt_c: cannot create directory" mkdir -p -- "$opt_c"
		cachedir=$(cd -P -- "$opt_c" && pwd -P) ||
		    die "-c $opt_c: cannot enter directory"
	fi
	prepare "$arg_dir"
	case $dir in
	*[[:space:]\\]*)
		die "$dir: debootstrap needs a path without blanks or backslashes" ;;
	esac
	install_debian
	;;
post)
	say "post-install of $dir"
	;;
esac

say "making $dir/dev for device profile $devs"
make_devices
if [ "$mode" = post ] && [ "$site" -eq 1 ]; then
	run_site
fi

nfiles=$(find "$dir" -xdev -type f -print | wc -l | tr -d ' ')
say "$arg_dir ready: $nfiles files, $ndev devices"
exit 0
