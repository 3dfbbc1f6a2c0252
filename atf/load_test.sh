#! @ATF_SH@
#
# load_test: the supervisor under load (issue 9, item 3): many jailed
# processes making intercepted calls at once, one of them blocked or
# stopped, and a fork bomb held by the jail's process limit.  The jails use
# a database of their own (sysjail -j): other jails may run meanwhile.

# bin, mkroot, cgroots, cgdirs, record, gone: atf/subr.sh.
. "$(atf_get_srcdir)/subr"

# A jail root with the static driver sjload in /bin.
setup()
{
	L="@abs_top_builddir@/sjtest/sjload"
	[ -x "${L}" ] || atf_skip "sjload is only in a build tree"
	mkroot -x "${L}" root >/dev/null || atf_fail "mkroot failed"
	SJ="$(bin sysjail) -j $(pwd)/db -4 127.0.1.61"
}

# A host process no jailed process may see; its pid in file outside.
outside()
{
	sleep 300 &
	echo $! >outside
}

cleanup_all()
{
	[ -f outside ] && kill "$(cat outside)" 2>/dev/null
	[ -f jailpid ] && kill -TERM "$(cat jailpid)" 2>/dev/null
	true
}

atf_test_case calls cleanup
calls_head()
{
	atf_set descr "64 jailed processes x 10,000 intercepted calls at once:" \
	    "none lost, hung or answered for another process"
	atf_set require.user root
	atf_set timeout 240
}
calls_body()
{
	setup
	outside
	O=$(cat outside)
	# Bare, the outside process exists: kill(O, 0) is 0, not ESRCH.
	atf_check -s exit:1 -o match:"wrong=[1-9]" "${L}" calls 4 100 "${O}"
	atf_check -o save:out ${SJ} root load /bin/sjload calls 64 10000 "${O}"
	cat out
	atf_check -o match:"^procs=64 calls=640000 ok=640000 wrong=0 lost=0 hung=0 " \
	    cat out
}
calls_cleanup()
{
	cleanup_all
}

atf_test_case blocked cleanup
blocked_head()
{
	atf_set descr "while one jailed process is stopped (SIGSTOP) amid" \
	    "intercepted calls and one waits in connect(2) (not intercepted:" \
	    "no intercepted call can block, each is answered at once), the" \
	    "others' calls are answered within 2 s"
	atf_set require.user root
	atf_set timeout 120
}
blocked_body()
{
	setup
	outside
	O=$(cat outside)
	atf_check -o save:out ${SJ} root load /bin/sjload calls 16 2000 "${O}" \
	    block
	cat out
	atf_check -o match:"ok=32000 wrong=0 lost=0 hung=0 " \
	    -o match:" blocked=1 stopped=1\$" cat out
	ms=$(sed -n 's/.* maxlat_ms=\([0-9]*\) .*/\1/p' out)
	[ "${ms}" -lt 2000 ] || atf_fail "a call waited ${ms} ms"
}
blocked_cleanup()
{
	cleanup_all
}

atf_test_case forkbomb cleanup
forkbomb_head()
{
	atf_set descr "a jailed fork bomb meets the jail's process limit" \
	    "(EAGAIN), the host can still fork and execute, nothing is left"
	atf_set require.user root
	atf_set timeout 120
}
forkbomb_body()
{
	setup
	# The limit counts: without one, 100 children; with 64, the jail's
	# spawner, its nursery and command and 61 more.
	atf_check -o inline:"forked=100\n" ${SJ} -a maxproc=0 root load \
	    /bin/sjload forks 100
	atf_check -o inline:"forked=61 error=EAGAIN\n" ${SJ} -a maxproc=64 \
	    root load /bin/sjload forks 100
	${SJ} -a maxproc=64 root load /bin/sjload bomb 4 >bomb.out 2>&1 &
	echo $! >jailpid
	record
	J=$(cat jid)
	K=$(cat keeper)
	sleep 1
	# The host meanwhile: 20 fork and exec of true(1), in time.
	start=$(date +%s)
	n=0
	while [ ${n} -lt 20 ]; do
		/bin/true || atf_fail "the host could not run /bin/true"
		n=$((n + 1))
	done
	took=$(($(date +%s) - start))
	[ ${took} -le 10 ] || atf_fail "20 runs of /bin/true took ${took} s"
	for d in $(cgdirs "${J}" "${K}"); do
		[ -f "${d}/pids.current" ] || continue
		cur=$(cat "${d}/pids.current")
		echo "pids.current ${cur}, pids.max $(cat "${d}/pids.max")"
		[ "${cur}" -le 64 ] || atf_fail "${cur} tasks in the jail"
	done
	wait "$(cat jailpid)" || atf_fail "the bomb failed: $(cat bomb.out)"
	rm -f jailpid
	cat bomb.out
	atf_check -o match:"^eagain=[1-9][0-9]* other=0\$" cat bomb.out
	gone "${J}" "${K}"
}
forkbomb_cleanup()
{
	cleanup_all
}

atf_test_case maxproc cleanup
maxproc_head()
{
	atf_set descr "-a maxproc=N is the jail's pids.max and in its record;" \
	    "jail(1) gets the default of 1024"
	atf_set require.user root
	atf_set timeout 60
}
maxproc_body()
{
	setup
	atf_check -s exit:1 -e match:"maxproc=x: the value must be a number" \
	    ${SJ} -a maxproc=x root load /bin/true
	${SJ} -a maxproc=77 root load /bin/sleep 30 &
	echo $! >jailpid
	record
	J=$(cat jid)
	K=$(cat keeper)
	atf_check -o match:"^maxproc=77\$" cat "db/${J}"
	atf_check -o match:" maxproc=77 processes=" \
	    "$(bin sjls)" -j "$(pwd)/db" -o nv "${J}"
	atf_check -o match:"^  maxproc      77\$" \
	    "$(bin sjls)" -j "$(pwd)/db" "${J}"
	n=0
	for d in $(cgdirs "${J}" "${K}"); do
		[ -f "${d}/pids.max" ] || continue
		atf_check -o inline:"77\n" cat "${d}/pids.max"
		n=$((n + 1))
	done
	[ ${n} -eq 1 ] || atf_fail "no pids.max for the jail"
	kill -TERM "$(cat jailpid)"
	wait "$(cat jailpid)"
	rm -f jailpid
	gone "${J}" "${K}"
	# jail(1): the library's default.
	"$(bin jail)" -i root load 127.0.1.61 /bin/sleep 30 >jail.jid &
	echo $! >jailpid
	i=0
	while [ ! -s jail.jid ] && [ ${i} -lt 200 ]; do
		sleep 0.05
		i=$((i + 1))
	done
	atf_check -o match:" maxproc=1024 processes=" \
	    "$(bin sjls)" -o nv "$(head -1 jail.jid)"
	kill -TERM "$(cat jailpid)"
	wait "$(cat jailpid)"
	rm -f jailpid
}
maxproc_cleanup()
{
	cleanup_all
}

atf_init_test_cases()
{
	atf_add_test_case calls
	atf_add_test_case blocked
	atf_add_test_case forkbomb
	atf_add_test_case maxproc
}
