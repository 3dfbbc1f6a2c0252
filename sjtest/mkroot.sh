#!/bin/sh
#
# mkroot.sh - build a small demonstration jail root from the host's binaries
#
# Usage: mkroot.sh [-3] [-x extra_file]... dir [program ...]
#
#   -3            also install the i386 dynamic loader and libc, so that
#                 32-bit dynamically linked programs run inside the root
#   -x extra_file copy a host file (e.g. a static test fixture) to
#                 dir/bin/<basename>; may be repeated
#   dir           the root to create; an existing non-empty dir is only
#                 touched if it carries the marker file dir/.sysjail-mkroot
#   program       extra absolute host paths to copy (same path inside dir),
#                 together with their shared libraries
#
# Used by the README quick start and the test suite; meant to be replaced
# by a real mkjail(1).  Written for Debian 12 (usrmerged, glibc, x86_64)
# and must run as root.  ldd(1) is used to find libraries, and ldd may
# execute the program it inspects: only name programs you trust.
#
# Safety: a jail root may have been modified by jailed processes, so the
# script never writes through a symlink it did not expect.  Files are
# installed under their canonical (usr/...) paths, every directory on the
# way is checked not to be a symlink, and files and links are replaced by
# rename(2).  Do not run it on a root that a jail is currently using.

set -eu
umask 022
unset CDPATH

PROG=mkroot.sh
MARKER=.sysjail-mkroot
NL='
'
# Programs copied by default, when they exist on the host.
DEFAULT_PROGRAMS='/bin/sh /usr/bin/id /bin/ls /bin/cat /bin/echo
/bin/hostname /bin/uname /bin/kill /bin/sleep /bin/true /bin/false
/usr/bin/env /usr/bin/printf /bin/sed /usr/bin/head'
# Top-level directories that are symlinks into usr/ on a usrmerged system.
MERGED_DIRS='bin sbin lib lib32 lib64 libx32'

died=0
tmpfile=
dir=
arg_dir=
opt_32=0
extras=
seen=
nfiles=0
nlibs=0
nextra=0

die() {
	died=1
	printf '%s: %s\n' "$PROG" "$*" >&2
	exit 1
}

warn() {
	printf '%s: warning: %s\n' "$PROG" "$*" >&2
}

say() {
	printf 'mkroot: %s\n' "$*"
}

usage() {
	died=1
	echo "usage: $PROG [-3] [-x extra_file]... dir [program ...]" >&2
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
	_err=$(printf '%s\n' "$_err" | sed -n '1p')
	die "$_what${_err:+: $_err}"
}

# quote STRING: print STRING quoted for reuse with eval.
quote() {
	printf '%s\n' "$1" | sed "s/'/'\\\\''/g;1s/^/'/;\$s/\$/'/"
}

# jailpath PATH: map a canonical host path to the canonical path used
# inside the root (top-level merged directories live under usr/).
jailpath() {
	_top=${1#/}
	_top=${_top%%/*}
	case " $MERGED_DIRS " in
	*" $_top "*)
		printf '/usr%s\n' "$1" ;;
	*)
		printf '%s\n' "$1" ;;
	esac
}

# mkparents PATH: create the directories leading to PATH (a canonical
# path inside the root), refusing to pass through symlinks.
mkparents() {
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

# newtmp PATH: choose a fresh temporary name next to PATH (inside root).
newtmp() {
	mkparents "$1"
	if [ -d "$dir$1" ] && [ ! -L "$dir$1" ]; then
		die "$dir$1: is a directory, refusing to replace it"
	fi
	tmpfile=$dir$1.mkroot-tmp.$$
	try "$tmpfile: cannot remove" rm -f -- "$tmpfile"
}

# commit PATH: atomically move the temporary file into place.
commit() {
	try "$dir$1: cannot install" mv -f -T -- "$tmpfile" "$dir$1"
	tmpfile=
}

# ensure_toplink NAME: make dir/NAME a symlink to usr/NAME.
ensure_toplink() {
	mkparents "/usr/$1/x"
	if [ -L "$dir/$1" ]; then
		if [ "$(readlink -- "$dir/$1")" = "usr/$1" ]; then
			return 0
		fi
		die "$dir/$1: symlink does not point to usr/$1"
	elif [ -e "$dir/$1" ]; then
		die "$dir/$1: exists and is not a symlink to usr/$1"
	fi
	try "$dir/$1: cannot create symlink" ln -s -- "usr/$1" "$dir/$1"
}

# install_copy SRC DEST: copy the regular host file SRC to DEST (inside root).
install_copy() {
	newtmp "$2"
	try "cannot copy $1" cp -- "$1" "$tmpfile"
	try "$tmpfile: cannot chmod" chmod u-s,g-s,go-w -- "$tmpfile"
	commit "$2"
	nfiles=$((nfiles + 1))
}

# install_link TARGET DEST: create the symlink DEST -> TARGET (inside root).
install_link() {
	newtmp "$2"
	try "$2: cannot create symlink" ln -s -- "$1" "$tmpfile"
	commit "$2"
}

# install_text DEST MODE: install stdin as DEST, root-owned, mode MODE.
install_text() {
	newtmp "$1"
	cat >"$tmpfile" || die "$tmpfile: cannot write"
	try "$tmpfile: cannot chmod" chmod "$2" -- "$tmpfile"
	commit "$1"
}

# install_dir PATH MODE [OWNER]: make the directory PATH inside root.
install_dir() {
	mkparents "$1/x"
	try "$dir$1: cannot chmod" chmod "$2" -- "$dir$1"
	try "$dir$1: cannot chown" chown -- "${3:-0:0}" "$dir$1"
}

# copy_obj SRC: copy host file SRC (absolute) into the root.  The real
# file goes to its canonical path; if SRC is reached through a symlink, a
# relative symlink of the same name is made next to where SRC lives.
# Returns 1 (without copying) if the file was already copied in this run.
copy_obj() {
	_real=$(realpath -e -- "$1" 2>/dev/null) || die "$1: not found on host"
	[ -f "$_real" ] || die "$1: not a regular file"
	_top=${1#/}
	_top=${_top%%/*}
	case " $MERGED_DIRS " in
	*" $_top "*)
		if [ -L "/$_top" ]; then
			ensure_toplink "$_top"
		fi ;;
	esac
	_dest=$(jailpath "$_real")
	_parent=${1%/*}
	_parent=$(realpath -e -- "${_parent:-/}" 2>/dev/null) ||
	    die "$1: cannot resolve parent directory"
	_name=$(jailpath "${_parent%/}/${1##*/}")
	_new=0
	case $seen in
	*"$NL$_real$NL"*) ;;
	*)
		install_copy "$_real" "$_dest"
		seen=$seen$NL$_real$NL
		_new=1 ;;
	esac
	if [ "$_name" != "$_dest" ]; then
		_target=$(realpath -m -s --relative-to="${_name%/*}" -- "$_dest") ||
		    die "$1: cannot compute symlink target"
		install_link "$_target" "$_name"
	fi
	[ "$_new" -eq 1 ]
}

# copy_libs PROGRAM: copy the shared libraries and loader PROGRAM needs.
copy_libs() {
	if _out=$(LC_ALL=C ldd -- "$1" 2>&1); then
		:
	else
		case $_out in
		*"not a dynamic executable"*) return 0 ;;
		esac
		die "ldd $1: $(printf '%s\n' "$_out" | sed -n '1p')"
	fi
	while read -r _a _b _c _d; do
		_lib=
		if [ "$_b" = "=>" ]; then
			case $_c in
			/*) _lib=$_c ;;
			not) die "$1: needs $_a, which ldd did not find" ;;
			esac
		else
			case $_a in
			/*) _lib=$_a ;;
			esac
		fi
		[ -n "$_lib" ] || continue
		if copy_obj "$_lib"; then
			say "  library $_lib"
			nlibs=$((nlibs + 1))
		fi
	done <<EOF
$_out
EOF
}

# copy_program PATH: copy a program and its libraries.
copy_program() {
	say "copying $1"
	copy_obj "$1" || :
	copy_libs "$1"
}

# copy_extras FILE...: install the -x files into dir/bin.
# shellcheck disable=SC2317  # called through eval
copy_extras() {
	for _f in "$@"; do
		_b=${_f##*/}
		say "copying $_f to /bin/$_b"
		install_copy "$_f" "/usr/bin/$_b"
		nextra=$((nextra + 1))
	done
}

# copy_i386: install the i386 loader and libc (option -3).
copy_i386() {
	_ld=/lib/ld-linux.so.2
	if [ ! -e "$_ld" ]; then
		warn "-3: $_ld not found on host (install libc6-i386); skipping"
		return 0
	fi
	_libc=
	for _p in /usr/lib32/libc.so.6 /lib/i386-linux-gnu/libc.so.6; do
		if [ -e "$_p" ]; then
			_libc=$_p
			break
		fi
	done
	if [ -z "$_libc" ]; then
		warn "-3: no i386 libc.so.6 found on host; skipping"
		return 0
	fi
	# The i386 loader searches /lib32 and /usr/lib32 (Debian libc6-i386)
	# or /lib/i386-linux-gnu (multiarch); keep the top-level link too.
	if [ -L /lib32 ]; then
		ensure_toplink lib32
	fi
	for _p in "$_ld" "$_libc"; do
		if copy_obj "$_p"; then
			say "  library $_p (i386)"
			nlibs=$((nlibs + 1))
		fi
	done
}

# --- arguments ---------------------------------------------------------

while getopts :3x: opt; do
	case $opt in
	3) opt_32=1 ;;
	x)
		case $OPTARG in
		*/) die "-x $OPTARG: not a file name" ;;
		esac
		[ -f "$OPTARG" ] || die "-x $OPTARG: no such regular file"
		extras="$extras $(quote "$OPTARG")" ;;
	:) die "option -$OPTARG needs an argument" ;;
	*) die "unknown option -$OPTARG (usage: $PROG [-3] [-x extra_file]... dir [program ...])" ;;
	esac
done
shift $((OPTIND - 1))
[ $# -ge 1 ] || usage
arg_dir=$1
shift
[ -n "$arg_dir" ] || usage
for p in "$@"; do
	case $p in
	/*) ;;
	*) die "$p: program must be an absolute path" ;;
	esac
	[ -f "$p" ] || die "$p: no such regular file on host"
done

[ "$(id -u)" -eq 0 ] || die "must be run as root"
command -v ldd >/dev/null 2>&1 || die "ldd not found"
command -v realpath >/dev/null 2>&1 || die "realpath not found"

# --- the root directory ------------------------------------------------

if [ -L "$arg_dir" ] || [ -e "$arg_dir" ]; then
	[ -d "$arg_dir" ] || die "$arg_dir: exists and is not a directory"
	if [ -n "$(ls -A -- "$arg_dir")" ]; then
		if [ -L "$arg_dir/$MARKER" ] || [ ! -f "$arg_dir/$MARKER" ]; then
			die "$arg_dir: exists and was not made by mkroot.sh"
		fi
	fi
else
	try "$arg_dir: cannot create directory" mkdir -p -- "$arg_dir"
fi
dir=$(cd -P -- "$arg_dir" && pwd -P) || die "$arg_dir: cannot enter directory"
[ "$dir" != / ] || die "$arg_dir: refusing to use /"

# The marker comes first, so that an interrupted run can be rerun.
install_text "/$MARKER" 0644 <<'EOF'
# made by sysjail sjtest/mkroot.sh; rerun it to update this root
EOF
try "$dir: cannot chmod" chmod 0755 -- "$dir"
try "$dir: cannot chown" chown 0:0 -- "$dir"
say "building root in $dir"

for n in bin lib lib64 sbin; do
	ensure_toplink "$n"
done

# --- programs and libraries --------------------------------------------

for p in $DEFAULT_PROGRAMS; do
	if [ -e "$p" ]; then
		copy_program "$p"
	else
		say "skipping $p (not on host)"
	fi
done
for p in "$@"; do
	copy_program "$p"
done
if [ "$opt_32" -eq 1 ]; then
	say "installing i386 loader and libc"
	copy_i386
fi
eval "copy_extras $extras"
say "$nfiles files, $nlibs libraries"

# --- configuration and directories -------------------------------------

say "writing /etc files"
install_dir /etc 0755
install_text /etc/passwd 0644 <<'EOF'
root:x:0:0:root:/root:/bin/sh
nobody:x:65534:65534:nobody:/nonexistent:/usr/sbin/nologin
jailuser:x:1001:1001:jail user:/home/jailuser:/bin/sh
EOF
install_text /etc/group 0644 <<'EOF'
root:x:0:
staff:x:50:jailuser
nogroup:x:65534:
jailuser:x:1001:
EOF
install_text /etc/hosts 0644 <<'EOF'
127.0.0.1	localhost
::1	localhost ip6-localhost ip6-loopback
EOF
install_text /etc/nsswitch.conf 0644 <<'EOF'
passwd:	files
group:	files
hosts:	files dns
EOF
install_text /etc/resolv.conf 0644 </dev/null

install_dir /root 0700
install_dir /home 0755
install_dir /home/jailuser 0755 1001:1001
install_dir /tmp 1777
install_dir /proc 0555
install_dir /dev 0755

say "done: $dir ($nfiles files copied, $nextra extra); try: chroot $dir /bin/sh"
exit 0
