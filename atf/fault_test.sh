#! @ATF_SH@
#
# fault_test: sysjail when things break (issue 9, item 4): the supervisor
# SIGKILLed at random moments, jailed processes killed in the middle of
# intercepted calls, a jail database that cannot be written, a jailed
# process without a free descriptor.  The jails use a database of their own
# (sysjail -j): other jails may run meanwhile.

# bin, mkroot, cgroots, cgdirs, record, gone, killtoken, killmachinery:
# atf/subr.sh.
. "$(atf_get_srcdir)/subr"

setup()
{
	L="@abs_top_builddir@/sjtest/sjload"
	[ -x "${L}" ] || atf_skip "sjload is only in a build tree"
	mkroot -x "${L}" root >/dev/null || atf_fail "mkroot failed"
	SJ="$(bin sysjail) -j $(pwd)/db -4 127.0.1.62"
}

# The jail cgroups (JID.KEEPER[.N]) whose keeper is dead: left behind by
# someone.
orphans()
{
	for r in $(cgroots); do
		for d in "${r}"/sysjail/*.*; do
			[ -d "${d}" ] || continue
			k=${d##*/}
			k=${k#*.}
			kill -0 "${k%%.*}" 2>/dev/null || echo "${d}"
		done
	done | sort
}

cleanup_all()
{
	[ -f outside ] && kill "$(cat outside)" 2>/dev/null
	[ -f jailpid ] && kill -TERM "$(cat jailpid)" 2>/dev/null
	true
}

atf_test_case supervisor_kill cleanup
supervisor_kill_head()
{
	atf_set descr "the supervisor SIGKILLed at a random moment, 100 times:" \
	    "every jailed process ends, none signals the outside process or" \
	    "binds the wildcard first, no record or cgroup is left"
	atf_set require.user root
	atf_set timeout 480
}
supervisor_kill_body()
{
	setup
	# The outside process counts the signals it receives.
	: >signals
	sh -c 'trap "echo USR1 >>signals" USR1; trap "echo USR2 >>signals" USR2
	    : >ready; while :; do sleep 0.05; done' &
	echo $! >outside
	O=$(cat outside)
	# Bare, the driver signals it and keeps the wildcard: a counter of
	# its own for that.
	sh -c 'trap "echo USR1 >>signals.bare" USR1
	    : >ready.bare; while :; do sleep 0.05; done' &
	B=$!
	# Both counters have their traps before any signal is sent.
	i=0
	while { [ ! -f ready ] || [ ! -f ready.bare ]; } && [ ${i} -lt 100 ]; do
		sleep 0.05
		i=$((i + 1))
	done
	timeout -s KILL 0.5 "${L}" refuse "${B}" 127.0.1.62 log.bare
	kill "${B}"
	atf_check -o match:"USR1" cat signals.bare
	atf_check -o match:"BAD bind 0.0.0.0 kept" cat log.bare
	t=0
	: >root/log
	while [ ${t} -lt 100 ]; do
		before=$(grep -c ' alive$' root/log)
		${SJ} root fault /bin/sjload refuse "${O}" 127.0.1.62 /log \
		    >/dev/null 2>err &
		echo $! >jailpid
		record
		# The driver's four processes have each made a whole round of
		# refused calls (sjload writes "PID alive" once each).
		i=0
		while [ "$(grep -c ' alive$' root/log)" -lt $((before + 4)) ] &&
		    [ ${i} -lt 100 ]; do
			sleep 0.02
			i=$((i + 1))
		done
		[ "$(grep -c ' alive$' root/log)" -ge $((before + 4)) ] ||
		    atf_fail "trial ${t}: the jailed driver did not run: $(cat err)"
		# All jailed processes, from the jail's cgroup v2: the
		# spawner and the driver's four.
		procs=
		for d in $(cgdirs "${J}" "${K}"); do
			[ -f "${d}/cgroup.threads" ] &&
			    procs="${procs} $(cat "${d}/cgroup.procs")"
		done
		[ "$(echo ${procs} | wc -w)" -ge 5 ] ||
		    atf_fail "trial ${t}: not all jailed processes seen: ${procs}"
		sleep "$(awk -v s="${t}" 'BEGIN { srand(s + 1000 * systime() % 97);
		    printf "%.3f\n", rand() * 0.15 }')"
		kill -KILL "${S}"
		wait "$(cat jailpid)"
		rm -f jailpid
		gone "${J}" "${K}"
		for p in ${procs}; do
			kill -0 "${p}" 2>/dev/null &&
			    atf_fail "trial ${t}: jailed process ${p} survived"
		done
		t=$((t + 1))
	done
	kill -0 "${O}" || atf_fail "the outside process died"
	atf_check -o empty cat signals
	[ -f root/log ] || atf_fail "the driver's log is missing"
	grep BAD root/log && atf_fail "a refused operation was performed"
	n=$(grep -c closed root/log)
	echo "${n} calls failed closed (ENOSYS)"
	# Killed mid-run, the supervisor leaves calls that fail closed.
	[ "${n}" -gt 0 ] || atf_fail "no call ever failed closed"
	atf_check -o empty "$(bin sjls)" -j "$(pwd)/db"
}
supervisor_kill_cleanup()
{
	cleanup_all
}

atf_test_case midcall cleanup
midcall_head()
{
	atf_set descr "jailed processes SIGKILLed in the middle of intercepted" \
	    "calls: the supervisor survives and keeps answering"
	atf_set require.user root
	atf_set timeout 120
}
midcall_body()
{
	setup
	atf_check -o save:out ${SJ} root fault /bin/sjload midcall 40
	cat out
	atf_check -o match:"^rounds=40 witness_ok=[1-9][0-9]* witness_wrong=0\$" \
	    cat out
}
midcall_cleanup()
{
	cleanup_all
}

# Runs sysjail on a database directory that a private mount namespace
# spoils ($1: ro or full): one line of error, status 1, nothing left.
baddb()
{
	setup
	mkdir bad
	orphans >orphans.before
	unshare -m sh -c '
	    mount --make-rprivate / || exit 99
	    if [ "$1" = ro ]; then
		mount --bind bad bad && mount -o remount,bind,ro bad
	    else
		mount -t tmpfs -o size=8k,nr_inodes=64,mode=0755 sjfull bad &&
		    { dd if=/dev/zero of=bad/fill bs=4k 2>/dev/null; true; }
	    fi || exit 99
	    shift
	    "$@" >out 2>err
	    echo $? >status
	    ls -A bad >left
	' sh "$1" $(bin sysjail) -j "$(pwd)/bad" -4 127.0.1.62 root fault \
	    /bin/sleep 7.77
	atf_check -o inline:"1\n" cat status
	atf_check -o empty cat out
	atf_check -o inline:"1\n" sh -c 'wc -l <err'
	cat err
	atf_check -o match:"^sysjail: $2\$" cat err
	if [ "$1" = ro ]; then
		atf_check -o empty cat left
	else
		atf_check -o inline:"fill\n" cat left
	fi
	i=0
	while pgrep -f "sleep 7.77" >/dev/null && [ ${i} -lt 50 ]; do
		sleep 0.1
		i=$((i + 1))
	done
	pgrep -f "sleep 7.77" && atf_fail "the command runs"
	sleep 0.2
	orphans >orphans.after
	atf_check -o empty comm -13 orphans.before orphans.after
}

atf_test_case db_readonly
db_readonly_head()
{
	atf_set descr "a read-only jail database: one clear error, no jail"
	atf_set require.user root
	atf_set require.progs unshare
}
db_readonly_body()
{
	baddb ro "allocating a jail id: Read-only file system"
}

atf_test_case db_full
db_full_head()
{
	atf_set descr "a full jail database: one clear error, no jail, no" \
	    "process, cgroup or record left"
	atf_set require.user root
	atf_set require.progs unshare
}
db_full_body()
{
	baddb full "writing the jail's record: No space left on device"
}

atf_test_case nofile
nofile_head()
{
	atf_set descr "a jailed process with no free descriptor gets EMFILE" \
	    "from calls the supervisor answers with one, and the supervisor" \
	    "lives on"
	atf_set require.user root
	atf_set timeout 60
}
nofile_body()
{
	setup
	if ia32; then
		atf_check -o inline:"pidfd_open=EMFILE pidfd_getfd=EMFILE socketcall=EMFILE after=ok\n" \
		    ${SJ} root fault /bin/sjload nofile
	else
		# The i386 socketcall is left out; the rest still counts.
		atf_check -o inline:"pidfd_open=EMFILE pidfd_getfd=EMFILE socketcall=n/a after=ok\n" \
		    ${SJ} root fault /bin/sjload nofile no32
		atf_skip "the i386 socketcall was not made: ${NOIA32} (the other calls passed)"
	fi
}

# A jail whose keeper, supervisor and spawner are killed at once, with a
# daemon of its own running on; then $1 (the command that must end the
# daemon and remove the jail's record and cgroups).
allkilled()
{
	tok="sjtest-allkilled-$$"
	echo "${tok}" >token
	SJ="$(bin sysjail) -j $(pwd)/db"
	${SJ} / allkilled /bin/sh -c \
	    "setsid /bin/sh -c ': ${tok}; sleep 600' & sleep 600" \
	    </dev/null >/dev/null 2>&1 &
	echo $! >jailpid
	record
	Z=$(sed -n 's/^spawner=//p' "db/${J}")
	[ -n "${Z}" ] || atf_fail "no spawner in record ${J}"
	# The daemon, not the sysjail whose arguments name the token too.
	d="^/bin/sh -c : ${tok}"
	i=0
	until pgrep -f "${d}" >/dev/null || [ ${i} -gt 100 ]; do
		sleep 0.1
		i=$((i + 1))
	done
	pgrep -fa "${tok}"
	killmachinery "${K}" "${S}" "${Z}"
	sleep 1
	n=$(pgrep -f "${d}" | wc -l)
	echo "left after the kill: ${n} process(es)"
	[ "${n}" -gt 0 ] || atf_fail "nothing was left to reclaim"
	"$@" >out || atf_fail "$* failed"
	cat out
	pgrep -f "${d}" &&
	    atf_fail "a jailed process outlived its machinery and $*"
	gone "${J}" "${K}" || atf_fail "jail ${J}'s record or cgroups are left"
	true
}

atf_test_case machinery_all_killed cleanup
machinery_all_killed_head()
{
	atf_set descr "SIGKILL to the keeper, the supervisor and the" \
	    "spawner at once leaves nothing for good: the next start in the" \
	    "registry kills what was left and removes the record and cgroups"
	atf_set require.user root
	atf_set require.progs "pgrep setsid"
	atf_set timeout 60
}
machinery_all_killed_body()
{
	allkilled $(bin sysjail) -j "$(pwd)/db" / next /bin/true
}
machinery_all_killed_cleanup()
{
	killtoken
	cleanup_all
	# What a failure left: the machinery is dead, so reclaim it.
	$(bin sysjail) -j "$(pwd)/db" -C >/dev/null 2>&1
	true
}

atf_test_case reclaim_command cleanup
reclaim_command_head()
{
	atf_set descr "sysjail -C does what the next start would for a jail" \
	    "whose keeper, supervisor and spawner were killed at once, and" \
	    "says so; with nothing to reclaim it says nothing"
	atf_set require.user root
	atf_set require.progs "pgrep setsid"
	atf_set timeout 60
}
reclaim_command_body()
{
	allkilled $(bin sysjail) -j "$(pwd)/db" -C
	grep -qx "reclaimed 1 jail whose machinery was gone" out ||
	    atf_fail "sysjail -C did not say what it reclaimed"
	$(bin sysjail) -j "$(pwd)/db" -C >out2 || atf_fail "a second -C failed"
	[ ! -s out2 ] || atf_fail "a second -C printed: $(cat out2)"
	$(bin sysjail) -j "$(pwd)/nodb" -C || atf_fail "-C without a registry"
	[ ! -e nodb ] || atf_fail "-C made a registry"
	if $(bin sysjail) -j "$(pwd)/db" -C -n x 2>err; then
		atf_fail "-C with an option of a start was taken"
	fi
	grep -q "sysjail -C \[-j dbdir\]" err || atf_fail "no usage: $(cat err)"
}
reclaim_command_cleanup()
{
	killtoken
	cleanup_all
	$(bin sysjail) -j "$(pwd)/db" -C >/dev/null 2>&1
	true
}

atf_init_test_cases()
{
	atf_add_test_case supervisor_kill
	atf_add_test_case midcall
	atf_add_test_case db_readonly
	atf_add_test_case db_full
	atf_add_test_case nofile
	atf_add_test_case machinery_all_killed
	atf_add_test_case reclaim_command
}
