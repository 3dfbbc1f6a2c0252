#!/bin/sh
#
# compare.sh: sysjail against its peers, in one command.
#
# usage: sh bench/compare.sh [-q] [-n runs] [-w workloads] [-r runners]
#
# Run as root from the top of a configured build tree (`make compare` does
# that).  Builds the programs it needs, then runs every workload bare and
# under each runner, interleaved: every repetition runs each workload under
# every runner in turn, the runners' order rotating from one repetition to
# the next, so that a drift of the machine's load weighs on all alike.  It
# prints, and writes to bench/results/ in the build tree:
#	results.txt	the machine, what each runner does, the medians, the
#			ratios to bare, the targets and the scale figures
#	ratios.dat	the median ratios to bare, a row per workload
#	raw.txt		every measurement
#	ratios.svg	the plot of ratios.dat (gnuplot)
# A peer that is not installed is reported as such (sh
# scripts/install-bench-deps installs them all).  Nothing here fails on a
# time; it judges only against the targets it prints.
#
#   -n runs       repetitions (default 5)
#   -q            quick smoke run: 1 repetition, small counts
#   -w list       comma-separated workloads (default: all): allowed, kill,
#                 bind, uname, tcp, tcpconn, build, forkexec, startup, scale
#   -r list       comma-separated runners (default: all): bare, sysjail,
#                 proot, firejail, bwrap, chroot (bare is always run)
#
# Every jail, process and temporary tree it makes is removed at the end,
# also when interrupted.
set -eu
unset CDPATH
# `make compare` hands its job server down; no jail would pass it on.
unset MAKEFLAGS MFLAGS MAKELEVEL MAKEOVERRIDES 2>/dev/null || true

PROG=compare.sh
ALLW='allowed kill bind uname tcp tcpconn build forkexec startup scale'
ALLR='bare sysjail proot firejail bwrap chroot'
# The jail's address for the workloads, and the scale jails' networks:
# away from 127.0.0.1 and from the 127.0.1.x that the test suite uses.
JADDR=127.0.199.1
NSCALE=256

usage() {
	echo "usage: $PROG [-q] [-n runs] [-w workloads] [-r runners]" >&2
	exit 1
}

runs=5
nset=0
quick=0
wsel=$ALLW
rsel=$ALLR
while getopts n:qw:r: opt; do
	case $opt in
	n)	case $OPTARG in
		''|*[!0-9]*) usage ;;
		esac
		runs=$OPTARG
		nset=1
		[ "$runs" -ge 1 ] && [ "$runs" -le 99 ] || usage ;;
	q)	quick=1 ;;
	w)	wsel=$(echo "$OPTARG" | tr , ' ') ;;
	r)	rsel="bare $(echo "$OPTARG" | tr , ' ')" ;;
	*)	usage ;;
	esac
done
shift $((OPTIND - 1))
[ $# -eq 0 ] || usage
for w in $wsel; do
	case " $ALLW " in
	*" $w "*) ;;
	*) echo "$PROG: unknown workload $w" >&2; usage ;;
	esac
done
for r in $rsel; do
	case " $ALLR " in
	*" $r "*) ;;
	*) echo "$PROG: unknown runner $r" >&2; usage ;;
	esac
done

if [ "$quick" -eq 1 ]; then
	# -q: one repetition, unless -n says otherwise.
	[ "$nset" -eq 1 ] || runs=1
	N_ALLOWED=200000 N_KILL=2000 N_BIND=2000 N_UNAME=100000
	N_TCP=2000 N_TCPCONN=300 N_FORK=20 N_START=20 NSCALE=32 N_LS=5
	BUILD_TARGETS='src/lib/filter.lo src/lib/policy.lo src/lib/hnet.lo'
else
	N_ALLOWED=2000000 N_KILL=20000 N_BIND=20000 N_UNAME=1000000
	N_TCP=20000 N_TCPCONN=3000 N_FORK=100 N_START=200 N_LS=11
	BUILD_TARGETS='src/lib/libsysjail.la src/sysjail'
fi

if [ "$(id -u)" -ne 0 ]; then
	echo "$PROG: the jails need root: run it as root" >&2
	exit 1
fi
if [ ! -f Makefile ] || ! grep -q '^abs_top_srcdir = ' Makefile ||
    [ ! -d src ]; then
	echo "$PROG: run it from the top of a configured build tree" >&2
	exit 1
fi
top=$(pwd -P)
srcdir=$(sed -n 's/^abs_top_srcdir = //p' Makefile)
MAKE=${MAKE:-make}
BW=$top/bench/bench_work
BSJ=$top/bench/sysjail
echo "$PROG: building bench/bench_work, bench/sysjail, bench/jls, bench/sjls"
$MAKE -s bench/bench_work bench/sysjail bench/jls bench/sjls >/dev/null
if ! command -v gnuplot >/dev/null 2>&1; then
	echo "$PROG: gnuplot is missing: sh scripts/install-bench-deps" >&2
	exit 1
fi

# ---- clean-up ---------------------------------------------------------------
tmp=$(mktemp -d /tmp/sjcompare.XXXXXX)
scalepids=
cleanup() {
	trap - EXIT INT TERM HUP
	# A jail's sysjail passes SIGTERM on to the jail's command, and the
	# jail ends with it.
	for p in $scalepids; do
		kill -TERM "$p" 2>/dev/null || true
	done
	for p in $scalepids; do
		wait "$p" 2>/dev/null || true
	done
	rm -rf "$tmp"
}
trap cleanup EXIT
trap 'echo "$PROG: interrupted" >&2; exit 130' INT
trap 'exit 143' TERM
trap 'exit 129' HUP

# ---- runners ----------------------------------------------------------------
have() {
	case $1 in
	bare|chroot)	return 0 ;;
	sysjail)	[ -x "$BSJ" ] ;;
	bwrap)		command -v bwrap >/dev/null 2>&1 ;;
	*)		command -v "$1" >/dev/null 2>&1 ;;
	esac
}

describe() {
	case $1 in
	bare)	 echo "the command itself, a child of this script" ;;
	sysjail) echo "bench/sysjail -4 $JADDR / sjcompare cmd: a jail rooted" \
		    "at /, the supervisor's filter, Landlock, cgroup programs" ;;
	proot)	 echo "proot -r / -w / cmd: ptrace, Debian's defaults" \
		    "(this build stops on every system call: no seccomp" \
		    "pre-filter in effect, see proot -v 9)" ;;
	firejail) echo "firejail --quiet --noprofile --seccomp cmd: its" \
		    "namespaces and default seccomp list, no profile" ;;
	bwrap)	 echo "bwrap --bind / / --dev /dev --proc /proc --unshare-pid" \
		    "--unshare-uts --unshare-ipc --die-with-parent" \
		    "--new-session cmd" ;;
	chroot)	 echo "chroot / cmd: a plain chroot(8), no other confinement" ;;
	esac
}

version() {	# the Debian package's version, for the peers
	case $1 in
	proot|firejail|bubblewrap)
		_v=$(dpkg-query -W -f '${Version}' "$1" 2>/dev/null || true)
		[ -z "$_v" ] || echo "($1 $_v)" ;;
	bwrap)	version bubblewrap ;;
	esac
}

# run_under runner cmd ...: cmd under the runner, from /; with REPEAT set,
# bench_work runs the whole command line REPEAT times and times each.
REPEAT=
run_under() {
	_r=$1
	shift
	case $_r in
	bare)	 ;;
	sysjail) set -- "$BSJ" -4 "$JADDR" / sjcompare "$@" ;;
	proot)	 set -- proot -r / -w / "$@" ;;
	firejail) set -- firejail --quiet --noprofile --seccomp "$@" ;;
	bwrap)	 set -- bwrap --bind / / --dev /dev --proc /proc --unshare-pid \
		    --unshare-uts --unshare-ipc --die-with-parent \
		    --new-session "$@" ;;
	chroot)	 set -- chroot / "$@" ;;
	esac
	[ -z "$REPEAT" ] || set -- "$BW" repeat "$REPEAT" "$@"
	(cd / && exec "$@")
}

runners=
for r in $ALLR; do
	case " $rsel " in
	*" $r "*) ;;
	*) continue ;;
	esac
	if have "$r"; then
		runners="$runners $r"
	else
		echo "$PROG: $r: not installed"
	fi
done

# ---- the C build --------------------------------------------------------------
# A copy of the source tree (without .git), configured once, bare; each timed
# run is `make -j2` of the library and the tools after a bare `make clean`,
# so that every runner compiles the same files from the same state.
obj=
prepare_build() {
	echo "$PROG: copying $srcdir and configuring it"
	mkdir "$tmp/src"
	(cd "$srcdir" && tar cf - --exclude=./.git --exclude=./autom4te.cache \
	    --exclude=./bench/results .) | (cd "$tmp/src" && tar xf -)
	if [ -f "$tmp/src/config.status" ]; then
		obj=$tmp/src	# the source tree was built in place
		(cd "$obj" && ./configure -q >"$tmp/configure.log" 2>&1)
	else
		obj=$tmp/obj
		mkdir "$obj"
		(cd "$obj" && "$tmp/src/configure" -q >"$tmp/configure.log" 2>&1)
	fi
	# One untimed build: it warms the caches and shows that it works.
	# shellcheck disable=SC2086
	(cd "$obj" && $MAKE -j2 $BUILD_TARGETS >"$tmp/build.log" 2>&1)
}

# ---- one measurement ----------------------------------------------------------
# measure workload runner: prints the figure (ns per iteration, or ns for
# the whole of build and forkexec, or the mean ns of one start) or fails.
measure() {
	_w=$1
	_r=$2
	case $_w in
	allowed) run_under "$_r" "$BW" allowed "$N_ALLOWED" ;;
	kill)	 run_under "$_r" "$BW" kill "$N_KILL" ;;
	bind)	 run_under "$_r" "$BW" bind "$N_BIND" ;;
	uname)	 run_under "$_r" "$BW" uname "$N_UNAME" ;;
	tcp)	 run_under "$_r" "$BW" tcp "$N_TCP" ;;
	tcpconn) run_under "$_r" "$BW" tcpconn "$N_TCPCONN" ;;
	build)
		(cd "$obj" && $MAKE clean >/dev/null 2>&1)
		run_under "$_r" /bin/sh -c 'cd "$1" || exit 1
		    shift
		    t0=$(date +%s%N)
		    make -j2 "$@" >/dev/null 2>&1 || exit 1
		    t1=$(date +%s%N)
		    echo $((t1 - t0))' sh "$obj" $BUILD_TARGETS ;;
	forkexec)
		run_under "$_r" /bin/sh "$srcdir/bench/forkexec.sh" \
		    "$N_FORK" "$tmp/scratch" ;;
	startup)
		REPEAT=$N_START
		if run_under "$_r" /bin/true; then
			REPEAT=
		else
			REPEAT=
			return 1
		fi ;;
	esac
}

# ---- the runs -----------------------------------------------------------------
mkdir -p "$top/bench/results" "$tmp/scratch"
res=$top/bench/results
raw=$tmp/raw
: >"$raw"
loadstart=$(cut -d ' ' -f 1-3 /proc/loadavg)
started=$(date -u +%Y-%m-%dT%H:%M:%SZ)
t_start=$(date +%s)

timed=
for w in $wsel; do
	[ "$w" = scale ] || timed="$timed $w"
done
case " $timed " in
*" build "*)
	if ! prepare_build; then
		echo "$PROG: the build does not work; skipping it" \
		    "(see the log below)" >&2
		tail -n 20 "$tmp/build.log" "$tmp/configure.log" >&2 || true
		timed=$(echo "$timed" | sed 's/ build//')
	fi ;;
esac

# shellcheck disable=SC2086
set -- $runners
nrun=$#
rep=1
while [ "$rep" -le "$runs" ]; do
	echo "$PROG: repetition $rep of $runs"
	for w in $timed; do
		# Rotate the runners' order by the repetition number.
		k=$(( (rep - 1) % nrun ))
		order=$(for r in $runners; do echo "$r"; done |
		    awk -v k="$k" '{ a[NR] = $0 } END {
			for (i = 0; i < NR; i++) print a[(i + k) % NR + 1] }')
		for r in $order; do
			if out=$(measure "$w" "$r" 2>"$tmp/err"); then
				v=$(echo "$out" | tail -n 1 | cut -d ' ' -f 1)
			else
				v=
			fi
			case $v in
			''|*[!0-9.]*)
				echo "$PROG: $w under $r failed:" >&2
				tail -n 5 "$tmp/err" >&2
				v=fail ;;
			esac
			echo "$w $r $rep $v" >>"$raw"
		done
	done
	rep=$((rep + 1))
done

# ---- scale: NSCALE sleeping jails, jls and sjls, memory per jail ------------
scale_line=
if case " $wsel " in *" scale "*) true ;; *) false ;; esac; then
	echo "$PROG: scale: starting $NSCALE jails"
	mkdir "$tmp/scale"
	s0=$($BW repeat 1 /bin/true >/dev/null; date +%s%N)
	i=0
	while [ "$i" -lt "$NSCALE" ]; do
		a=127.0.$((200 + i / 250)).$((1 + i % 250))
		"$BSJ" -i -4 "$a" / "sjscale$i" /bin/sleep 1800 \
		    </dev/null >"$tmp/scale/$i.jid" 2>"$tmp/scale/$i.err" &
		scalepids="$scalepids $!"
		echo "$!" >"$tmp/scale/$i.pid"
		i=$((i + 1))
	done
	# Wait until every sysjail has printed its JID (3 minutes at most).
	tries=0
	while :; do
		n=0
		for f in "$tmp"/scale/*.jid; do
			[ -s "$f" ] && n=$((n + 1))
		done
		[ "$n" -ge "$NSCALE" ] && break
		tries=$((tries + 1))
		if [ "$tries" -gt 1800 ]; then
			echo "$PROG: scale: only $n of $NSCALE jails started" >&2
			cat "$tmp"/scale/*.err | sort | uniq -c | head >&2
			break
		fi
		sleep 0.1
	done
	s1=$(date +%s%N)
	startall=$(( (s1 - s0) / 1000000 ))
	sleep 1
	jlsn=$("$top/bench/jls" | awk 'NR > 1' | wc -l)
	jlsms=$("$BW" repeat "$N_LS" "$top/bench/jls" | awk '{ print $2 / 1e6 }')
	sjlsms=$("$BW" repeat "$N_LS" "$top/bench/sjls" | awk '{ print $2 / 1e6 }')
	# The processes sysjail keeps per jail: the caller (the sysjail we
	# started, which waits for the jail), its keeper, supervisor and
	# spawner, as the jail's record in /run/sysjail names them.
	: >"$tmp/mem"
	i=0
	while [ "$i" -lt "$NSCALE" ]; do
		jid=$(cat "$tmp/scale/$i.jid" 2>/dev/null || true)
		rec=/run/sysjail/$jid
		if [ -n "$jid" ] && [ -f "$rec" ]; then
			for role in caller keeper supervisor spawner; do
				if [ "$role" = caller ]; then
					p=$(cat "$tmp/scale/$i.pid")
				else
					p=$(sed -n "s/^$role=//p" "$rec")
				fi
				awk -v role="$role" '/^Rss:/ { r = $2 }
				    /^Pss:/ { p = $2 }
				    END { if (r != "") print role, r, p }' \
				    "/proc/$p/smaps_rollup" 2>/dev/null \
				    >>"$tmp/mem" || true
			done
		fi
		i=$((i + 1))
	done
	memsum=$(awk '{ r[$1] += $2; p[$1] += $3; n[$1]++; tr += $2; tp += $3 }
	    END {
		if (n["supervisor"] == 0) { print "none"; exit }
		j = n["supervisor"]
		printf "%d %.0f %.0f %.0f %.0f", j, r["supervisor"] / j,
		    p["supervisor"] / j, tr / j, tp / j
	    }' "$tmp/mem")
	echo "$PROG: scale: stopping the jails"
	for p in $scalepids; do
		kill -TERM "$p" 2>/dev/null || true
	done
	for p in $scalepids; do
		wait "$p" 2>/dev/null || true
	done
	scalepids=
	scale_line="$NSCALE $startall $jlsn $jlsms $sjlsms $memsum"
fi
t_end=$(date +%s)
loadend=$(cut -d ' ' -f 1-3 /proc/loadavg)

# ---- the report ---------------------------------------------------------------
cp "$raw" "$res/raw.txt"
# Medians per workload and runner, "fail" for a workload with a failed run.
awk '{ k = $1 " " $2; n[k]++; if ($4 == "fail") bad[k] = 1; else v[k, n[k]] = $4 }
    END {
	for (k in n) {
		if (bad[k]) { print k, "fail"; continue }
		m = n[k]
		for (i = 1; i <= m; i++) s[i] = v[k, i]
		for (i = 2; i <= m; i++)
			for (j = i; j > 1 && s[j - 1] + 0 > s[j] + 0; j--) {
				t = s[j]; s[j] = s[j - 1]; s[j - 1] = t
			}
		med = m % 2 ? s[(m + 1) / 2] : (s[m / 2] + s[m / 2 + 1]) / 2
		print k, med
	}
    }' "$raw" >"$tmp/med"

sel() { case " $timed " in *" $1 "*) return 0 ;; esac; return 1; }
model=$(sed -n 's/^model name[[:space:]]*:[[:space:]]*//p' /proc/cpuinfo |
    head -n 1)
{
	echo "sysjail compared with its peers: bench/compare.sh"
	echo
	echo "date      $started (UTC), $((t_end - t_start)) s," \
	    "$runs repetition(s)$( [ "$quick" -eq 1 ] && echo ', quick (-q)')"
	echo "machine   ${model:-unknown CPU}, $(nproc) CPUs," \
	    "$(awk '/^MemTotal/ { printf "%.1f GiB", $2 / 1048576 }' \
	    /proc/meminfo), Linux $(uname -r)," \
	    "Debian $(cat /etc/debian_version 2>/dev/null || echo '?')"
	echo "load      $loadstart at the start, $loadend at the end" \
	    "(1, 5, 15 min)"
	echo "runners   (each from /, the host's own root; workloads use" \
	    "absolute paths)"
	for r in $ALLR; do
		case " $runners " in
		*" $r "*) printf '  %-9s %s %s\n' "$r" "$(describe "$r")" \
		    "$(version "$r")" | sed 's/ *$//' ;;
		*)	  case " $rsel " in
			  *" $r "*) printf '  %-9s not installed\n' "$r" ;;
			  esac ;;
		esac
	done
	echo "workloads (figures are medians over the repetitions)"
	echo "  (a loop below stops after 1 s of timed calls if its count is" \
	    "not reached; the figure is per call made)"
	sel allowed && echo "  allowed   getppid(2) x $N_ALLOWED, ns per call"
	sel kill && echo "  kill      kill(child, 0) x $N_KILL, ns per call" \
	    "(sysjail: supervisor)"
	sel bind && echo "  bind      socket + bind(0.0.0.0:0) + close x $N_BIND, ns" \
	    "(sysjail: supervisor binds)"
	sel uname && echo "  uname     uname(2) x $N_UNAME, ns per call (sysjail: kernel," \
	    "UTS name space)"
	sel tcp && echo "  tcp       1-byte request/response x $N_TCP over one TCP" \
	    "connection, 127.0.0.1 (the jail's address), ns per exchange"
	sel tcpconn && echo "  tcpconn   connect + 1-byte request/response + close x" \
	    "$N_TCPCONN, ns per connection"
	sel build && echo "  build     make -j2 $(echo $BUILD_TARGETS) of a copy of" \
	    "this source tree, configured once bare, \`make clean' bare" \
	    "before each run; ns"
	sel forkexec && echo "  forkexec  bench/forkexec.sh: $N_FORK rounds of 7 short" \
	    "commands (fork+exec), ns"
	sel startup && echo "  startup   the runner starting /bin/true, $N_START times in a" \
	    "row, mean ns per start"
	echo
	printf '%-9s' "medians"
	for r in $runners; do printf ' %12s' "$r"; done
	echo
	for w in $timed; do
		printf '%-9s' "$w"
		for r in $runners; do
			v=$(awk -v k="$w $r" '$1 " " $2 == k { print $3 }' \
			    "$tmp/med")
			case $v in
			fail|'')  printf ' %12s' "${v:-?}" ;;
			*)	  awk -v v="$v" 'BEGIN { printf " %12.0f", v }' ;;
			esac
		done
		echo
	done
	echo
	printf '%-9s' "ratios"
	for r in $runners; do printf ' %9s' "$r"; done
	echo
	for w in $timed; do
		printf '%-9s' "$w"
		b=$(awk -v k="$w bare" '$1 " " $2 == k { print $3 }' "$tmp/med")
		for r in $runners; do
			v=$(awk -v k="$w $r" '$1 " " $2 == k { print $3 }' \
			    "$tmp/med")
			case $v$b in
			*fail*|'') printf ' %9s' fail ;;
			*)	   awk -v v="$v" -v b="$b" \
				       'BEGIN { printf " %9.3f", v / b }' ;;
			esac
		done
		echo
	done
} >"$res/results.txt"

# ratios.dat: a row per workload, a column per runner (NaN where none).
{
	printf 'workload'
	for r in $ALLR; do [ "$r" = bare ] || printf ' %s' "$r"; done
	echo
	for w in $timed; do
		printf '%s' "$w"
		b=$(awk -v k="$w bare" '$1 " " $2 == k { print $3 }' "$tmp/med")
		for r in $ALLR; do
			[ "$r" = bare ] && continue
			v=$(awk -v k="$w $r" '$1 " " $2 == k { print $3 }' \
			    "$tmp/med")
			case $v$b in
			*fail*|'') printf ' NaN' ;;
			*)	   awk -v v="$v" -v b="$b" \
				       'BEGIN { printf " %.4f", v / b }' ;;
			esac
		done
		echo
	done
} >"$res/ratios.dat"

# The targets, from the medians.
med() { awk -v k="$1 $2" '$1 " " $2 == k { print $3 }' "$tmp/med"; }
target() {	# name, measured (empty: not measured), comparison, limit
	if [ -z "$2" ] || [ "$2" = fail ]; then
		printf '  %-44s %12s\n' "$1" "not measured"
		return
	fi
	awk -v n="$1" -v m="$2" -v op="$3" -v l="$4" 'BEGIN {
		if (op == "<=")
			ok = m + 0 <= l + 0
		else if (op == "<")
			ok = m + 0 < l + 0
		else
			ok = m + 0 >= l + 0
		printf "  %-44s %12.3f  (%s %s) %s\n", n, m, op, l,
		    ok ? "met" : "MISSED"
	}'
}
ratio() {	# workload runner: median ratio to bare
	_v=$(med "$1" "$2")
	_b=$(med "$1" bare)
	case $_v$_b in
	*fail*|'') echo ;;
	*) awk -v v="$_v" -v b="$_b" 'BEGIN { printf "%.4f", v / b }' ;;
	esac
}
{
	echo
	echo "targets"
	target "allowed calls, sysjail/bare" "$(ratio allowed sysjail)" "<=" 1.02
	target "build, sysjail/bare" "$(ratio build sysjail)" "<=" 1.03
	target "forkexec script, sysjail/bare" "$(ratio forkexec sysjail)" \
	    "<=" 1.03
	target "tcp request/response, sysjail/bare" "$(ratio tcp sysjail)" \
	    "<=" 1.05
	s=$(med startup sysjail)
	bw=$(med startup bwrap)
	case $s$bw in
	*fail*|'') x= ;;
	*) x=$(awk -v s="$s" -v b="$bw" 'BEGIN { printf "%.4f", s / b }') ;;
	esac
	target "start-up, sysjail/bwrap" "$x" "<=" 1.5
	rs=$(ratio build sysjail)
	rp=$(ratio build proot)
	x=
	if [ -n "$rs" ] && [ -n "$rp" ]; then
		x=$(awk -v s="$rs" -v p="$rp" 'BEGIN {
			if (s > 1) printf "%.2f", (p - 1) / (s - 1) }')
	fi
	if [ -z "$x" ] && [ -n "$rs" ] && [ -n "$rp" ]; then
		printf '  %-44s %12s  (>= 5) met: sysjail %.3f, PRoot %.3f\n' \
		    "build overhead, PRoot's / sysjail's" "no overhead" \
		    "$rs" "$rp"
	else
		target "build overhead, PRoot's / sysjail's" "$x" ">=" 5
	fi
	if [ -n "$scale_line" ]; then
		set -- $scale_line
		target "jls over $3 jails, ms (median of $N_LS)" "$4" "<" 50
		if [ "$6" != none ]; then
			target "supervisor RSS per jail, KiB" "$7" "<=" 2048
		fi
		echo
		echo "scale: $1 sleeping jails started at once by bench/sysjail," \
		    "all running after $2 ms"
		echo "  jls lists $3 jails (other users' jails included):" \
		    "median $4 ms; sjls: median $5 ms"
		if [ "$6" != none ]; then
			echo "  memory per jail, over $6 jails (KiB):" \
			    "supervisor RSS $7, PSS $8;"
			echo "  caller (the waiting sysjail) + keeper +" \
			    "supervisor + spawner: RSS $9, PSS ${10}"
		fi
	fi
	echo
	echo "A shared machine gives noisy figures; ratios below ~1.05 are" \
	    "within its noise."
} >>"$res/results.txt"

# The plot: ratio to bare per workload, a bar per runner, log scale.
if [ -n "$timed" ]; then
	gnuplot -e "datafile='$res/ratios.dat'; outfile='$res/ratios.svg'; \
	    subtitle='$started, $(nproc) CPUs, Linux $(uname -r)'" \
	    "$srcdir/bench/plot.gp" 2>"$tmp/gnuplot.err" ||
	    { echo "$PROG: gnuplot failed:" >&2; cat "$tmp/gnuplot.err" >&2; }
fi

cat "$res/results.txt"
echo
echo "$PROG: wrote $res/results.txt, ratios.dat, raw.txt and ratios.svg"
