#!/bin/sh
#
# forkexec.sh: the fork+exec-heavy workload of bench/compare.sh.  Runs N
# rounds of short commands, each one a fork and an execve of a small
# program, with a pipe and a command substitution among them, and prints
# the time the rounds took, in nanoseconds, as its last line.  Writes
# nothing but its scratch file under dir, which must exist.
#
# usage: forkexec.sh N dir
set -eu
n=$1
f=$2/forkexec.$$
t0=$(date +%s%N)
i=0
while [ "$i" -lt "$n" ]; do
	/bin/true
	echo "round $i" | /bin/cat >"$f"
	x=$(/usr/bin/expr "$i" + 1)
	/usr/bin/basename "/a/b/$x" >/dev/null
	/bin/grep -q round "$f"
	/bin/sed -n 1p "$f" >/dev/null
	/bin/rm -f "$f"
	i=$x
done
t1=$(date +%s%N)
echo $((t1 - t0))
