#! @ATF_SH@
#
# sjls_test: sjls(1): exact output in each format, selection, live
# counters, a crashed jail's record never listed, and a hundred jails
# started at once, each listed under its own JID.

# bin, mkroot: atf/subr.sh.
. "$(atf_get_srcdir)/subr"

# SJ and LS: sysjail and sjls with the test's own database (work
# directories hold no spaces, so that they may be split into words).
setup()
{
	SJ="$(bin sysjail) -j $(pwd)/db"
	LS="$(bin sjls) -j $(pwd)/db"
}

endall()
{
	for r in db/[0-9]*; do
		case ${r} in *.lock|*.stats) continue ;; esac
		[ -f "${r}" ] || continue
		kill -TERM "$(sed -n 's/^supervisor=//p' "${r}")" 2>/dev/null
	done
	true
}

# The supervisor of jail $1, from its record.
supervisor()
{
	sed -n 's/^supervisor=//p' "db/$1"
}

atf_test_case usage
usage_head()
{
	atf_set descr "the synopsis on misuse, -h and -v, an unknown format or jail"
}
usage_body()
{
	setup
	U="usage: sjls [-hv] [-j dbdir] [-o format] [jid | name | hostname ...]"
	atf_check -s exit:1 -e save:err "$(bin sjls)" -x
	grep -q "invalid option" err || atf_fail "no error for -x"
	grep -Fqx "${U}" err || atf_fail "no usage for -x"
	atf_check -o save:help "$(bin sjls)" -h
	grep -Fqx "${U}" help || atf_fail "no usage in -h"
	grep -q "^  -o format" help || atf_fail "-h does not describe -o"
	atf_check -o match:'^sjls [0-9]+\.[0-9]+$' "$(bin sjls)" -v
	atf_check -s exit:1 -e inline:"sjls: yaml: unknown format (text, nv, json)\n" \
	    ${LS} -o yaml
	atf_check -s exit:1 -e inline:"sjls: 4242: no such jail\n" ${LS} 4242
	atf_check -s exit:1 -e inline:"sjls: nosuchhost: no such jail\n" \
	    ${LS} nosuchhost
	# No database, no jail: nothing printed.
	atf_check -o empty ${LS}
	atf_check -o inline:'{"jails": []}\n' ${LS} -o json
}

atf_test_case formats cleanup
formats_head()
{
	atf_set descr "text, name=value and JSON show addresses, parameters, processes and live counts"
	atf_set require.user root
}
formats_body()
{
	setup
	# The jail refuses one kill, then waits on a FIFO: no process comes
	# and goes while its list is checked.
	mkfifo fifo
	atf_check -o save:jid ${SJ} -b -i -n fmtjail -4 127.0.1.1 -4 127.0.1.2 \
	    -a sysvipc -a set_hostname=0 / "fmt host" /bin/sh -c \
	    "kill -0 1; read x <$(pwd)/fifo"
	jid=$(cat jid)
	sup=$(supervisor "${jid}")
	i=0
	until ${LS} -o nv | grep -q "calls.x86_64.kill=1,1" || [ ${i} -gt 50 ]; do
		sleep 0.1; i=$((i + 1))
	done
	atf_check -o save:text ${LS}
	atf_check -o match:"^JID ${jid}: fmt host\$" \
	    -o match:"^  name         fmtjail\$" \
	    -o match:"^  path         /\$" \
	    -o match:"^  ip4          127.0.1.1,127.0.1.2\$" \
	    -o match:"^  ip6          -\$" \
	    -o match:"^  parameters   allow.set_hostname=0 allow.sysvipc=1 mount.procfs=0 allow.raw_sockets=0 mount.devfs=1 allow.ptys=1 allow.setuid=1 persist=0\$" \
	    -o match:"^  started      [0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9:]{8}Z\$" \
	    -o match:"^  supervisor   ${sup}\$" \
	    -o match:"^  command      /bin/sh -c kill -0 1; read x" \
	    -o match:"^  processes    [12]: [0-9]" \
	    -o match:"^  calls        kill 1 \\(refused 1\\)" \
	    cat text
	atf_check -o save:nv ${LS} -o nv "fmt host"
	atf_check -o match:"^jid=${jid} name=fmtjail host.hostname='fmt host' path=/ ip4.addr=127.0.1.1,127.0.1.2 ip6.addr= allow.set_hostname=0 allow.sysvipc=1 mount.procfs=0 allow.raw_sockets=0 mount.devfs=1 allow.ptys=1 allow.setuid=1 persist=0 started=" \
	    -o match:" calls.x86_64.kill=1,1 command='/bin/sh -c kill -0 1; read x " \
	    cat nv
	atf_check -o save:json ${LS} -o json "${jid}"
	if command -v python3 >/dev/null; then
		atf_check -o inline:"${jid} fmtjail fmt host 2 1 1\n" python3 -c '
import json, sys
j = json.load(open("json"))["jails"]
assert len(j) == 1
c = [x for x in j[0]["calls"] if x["syscall"] == "kill"][0]
print(j[0]["jid"], j[0]["name"], j[0]["hostname"], len(j[0]["ip4"]),
    j[0]["parameters"]["allow.sysvipc"], c["refused"])'
	fi
	# The jail's processes are the supervisor's descendants, and live.
	for p in $(${LS} -o nv | sed -n 's/.* processes=\([0-9,]*\) .*/\1/p' |
	    tr , ' '); do
		kill -0 "${p}" || atf_fail "listed process ${p} is not alive"
	done
	echo go >fifo
	i=0
	while [ -f "db/${jid}" ] && [ ${i} -lt 50 ]; do sleep 0.1; i=$((i + 1)); done
	atf_check -s exit:1 -e match:"no such jail" ${LS} "${jid}"
}
formats_cleanup()
{
	endall
}

atf_test_case crashed cleanup
crashed_head()
{
	atf_set descr "the record of a jail whose keeper and supervisor were killed is never listed"
	atf_set require.user root
}
crashed_body()
{
	setup
	atf_check -o save:jid ${SJ} -b -i -4 127.0.1.1 / crash /bin/sleep 60
	jid=$(cat jid)
	sup=$(supervisor "${jid}")
	keeper=$(sed -n 's/^keeper=//p' "db/${jid}")
	echo "${keeper}" >keeper
	atf_check -o match:"^jid=${jid} " ${LS} -o nv
	# Both at once: nobody is left to remove the record.
	kill -KILL "${keeper}" "${sup}"
	i=0
	while kill -0 "${sup}" 2>/dev/null && [ ${i} -lt 50 ]; do
		sleep 0.1; i=$((i + 1))
	done
	[ -f "db/${jid}" ] || atf_skip "the record went with the jail"
	atf_check -o empty ${LS}
	atf_check -s exit:1 -e match:"no such jail" ${LS} "${jid}"
	# The next jail reclaims the JID's files.
	atf_check -o save:jid2 ${SJ} -i -4 127.0.1.1 / next /bin/true
}
crashed_cleanup()
{
	endall
	# The keeper could not remove the crashed jail's cgroups: the network
	# one (cgroup v2) and, on a hybrid host, the cgroup v1 pids one.
	for cg in $(awk '$9 == "cgroup2" { print $5 }
	    $9 == "cgroup" && $NF ~ /(^|,)pids(,|$)/ { print $5 }' \
	    /proc/self/mountinfo); do
		[ -s keeper ] && rmdir "${cg}/sysjail/$(cat jid).$(cat keeper)" \
		    "${cg}/sysjail" 2>/dev/null
	done
	true
}

atf_test_case hundred cleanup
hundred_head()
{
	atf_set descr "100 jails started at once are all listed, by jls and sjls, with distinct JIDs"
	atf_set require.user root
	atf_set timeout 240
}
hundred_body()
{
	setup
	J=$(bin jail)
	i=1
	while [ ${i} -le 100 ]; do
		"${J}" -i / "p100-${i}" 127.0.1.1 /bin/sleep 120 >"j.${i}" &
		echo $! >>pids
		i=$((i + 1))
	done
	n=0
	while [ ${n} -lt 600 ]; do
		[ "$(cat j.* | wc -l)" -eq 100 ] && break
		sleep 0.1
		n=$((n + 1))
	done
	[ "$(cat j.* | wc -l)" -eq 100 ] || atf_fail "only $(cat j.* | wc -l) jails started"
	[ "$(cat j.* | sort -u | wc -l)" -eq 100 ] || atf_fail "JIDs repeat"
	"$(bin jls)" | awk '$3 ~ /^p100-/ { print $1 }' | sort -n >jls.jids
	cat j.* | sort -n >want
	atf_check -o file:want cat jls.jids
	"$(bin sjls)" -o nv | sed -n 's/^jid=\([0-9]*\) name=[^ ]* host.hostname=p100-.*/\1/p' |
	    sort -n >sjls.jids
	atf_check -o file:want cat sjls.jids
	kill -TERM $(cat pids)
	wait
	[ -z "$("$(bin jls)" | awk '$3 ~ /^p100-/')" ] || atf_fail "jails left"
}
hundred_cleanup()
{
	[ -f pids ] && kill -TERM $(cat pids) 2>/dev/null
	true
}

atf_init_test_cases()
{
	atf_add_test_case usage
	atf_add_test_case formats
	atf_add_test_case crashed
	atf_add_test_case hundred
}
