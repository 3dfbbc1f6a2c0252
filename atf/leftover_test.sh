#! @ATF_SH@
#
# leftover_test: the last program of the suite (the top Kyuafile runs it
# after every other).  The suite must leave nothing of its jails behind:
# no jail cgroup without a process in it and no record of the default
# registry whose lock nobody holds.  A jail running on the host is left
# alone (its cgroup holds its processes, its lock is held).

# cgroots: atf/subr.sh.
. "$(atf_get_srcdir)/subr"

# The jail cgroups (JID.KEEPER[.N] below sysjail/) without a process, in
# either hierarchy.
empties()
{
	for r in $(cgroots); do
		for d in "${r}"/sysjail/*.*; do
			[ -d "${d}" ] || continue
			if [ -f "${d}/cgroup.events" ]; then
				grep -qx "populated 0" "${d}/cgroup.events" ||
				    continue
			else
				[ -z "$(cat "${d}/cgroup.procs")" ] || continue
				[ -z "$(ls -d "${d}"/*/ 2>/dev/null)" ] ||
				    continue
			fi
			echo "${d}"
		done
	done
}

atf_test_case cgroups cleanup
cgroups_head()
{
	atf_set descr "No jail cgroup without a process is left in either" \
	    "hierarchy once the suite has run"
	atf_set require.user root
}
cgroups_body()
{
	[ -n "$(cgroots)" ] || atf_skip "no cgroup hierarchy is mounted"
	# A jail may be ending this very moment: its cgroups go within 5 s.
	i=0
	while [ -n "$(empties)" ] && [ ${i} -lt 50 ]; do
		sleep 0.1
		i=$((i + 1))
	done
	left=$(for d in $(empties); do
		echo "${d} (made $(stat -c %y "${d}" | cut -c12-19))"
	done | tr '\n' ' ')
	[ -z "${left}" ] || atf_fail "jail cgroups left behind: ${left}"
}
cgroups_cleanup()
{
	# Only those whose keeper is gone: a jail being started now has its
	# cgroup before its first process.
	for d in $(empties); do
		k=${d##*/}
		k=${k#*.}
		kill -0 "${k%%.*}" 2>/dev/null || rmdir "${d}" 2>/dev/null
	done
	true
}

atf_test_case records
records_head()
{
	atf_set descr "No record of the default registry outlives its jail:" \
	    "every N.lock there is held by a live jail"
	atf_set require.user root
	atf_set require.progs flock
}
records_body()
{
	db=/run/sysjail
	[ -d "${db}" ] || return 0
	left=
	for l in "${db}"/[0-9]*.lock; do
		[ -f "${l}" ] || continue
		# flock -n fails while the jail's keeper or supervisor holds it.
		if flock -n "${l}" true 2>/dev/null; then
			left="${left} ${l}"
		fi
	done
	[ -z "${left}" ] || atf_fail "records of dead jails:$(echo ${left})"
}

atf_init_test_cases()
{
	atf_add_test_case cgroups
	atf_add_test_case records
}
