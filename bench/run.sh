#!/bin/sh
#
# run.sh: run sysjail's benchmarks from a build tree; builds nothing.
#
# usage: run.sh [builddir [benchmark options]]	(builddir defaults to ..)
#
# Each benchmark runs unpinned, then with everything pinned to CPU 0 (-p).
# Options after builddir go to both (-r: rounds).  Root is needed: every
# jailed round starts a jail.  The figures move with the machine's load, so
# this prints them and judges nothing.
set -eu

top=${1:-..}
[ $# -gt 0 ] && shift

for b in bench_allowed bench_notify; do
	if [ ! -x "$top/bench/$b" ]; then
		echo "run.sh: $top/bench/$b: not built" >&2
		exit 1
	fi
done
if [ "$(id -u)" -ne 0 ]; then
	echo "run.sh: the benchmarks start jails: run them as root" >&2
	exit 1
fi

model=$(sed -n 's/^model name[[:space:]]*:[[:space:]]*//p' /proc/cpuinfo |
    head -n 1)
echo "machine: $(nproc) CPUs, ${model:-unknown CPU}, Linux $(uname -r)," \
    "$(date -u +%Y-%m-%dT%H:%M:%SZ)"
for pin in "" -p; do
	"$top/bench/bench_allowed" $pin "$@"
	"$top/bench/bench_notify" $pin "$@"
done
