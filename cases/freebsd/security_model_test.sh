#! @ATF_SH@
#
# security_model_test: the FreeBSD jail security model, statement by
# statement, as FreeBSD 6.x states it: jail(2) (the PRISON section),
# jail(8) (its sysctl MIB entries and their defaults) and the paper that
# jail(8) builds on ("Jails: Confining the omnipotent root", section 5),
# which lists what jailed root may and may not do.  Each case names the
# statement it checks, runs a probe in a jail, and shows that the host,
# running the same probe bare, answers differently.  Probes that would
# change a namespace run on the host only under unshare(1), in a namespace
# of their own; fbprobe refuses to run them otherwise.

IP=127.0.77.1
HOSTN=fbsd-sm.example.org

# bin, mkroot: atf/subr.sh.
. "$(atf_get_srcdir)/../../atf/subr"

# P: the probe, beside this program in the build tree and when installed.
setup()
{
	P="$(atf_get_srcdir)/fbprobe"
	[ -x "${P}" ] || atf_fail "no probe at ${P}"
	J=$(bin jail)
}

# jailed [-u user] check args: the probe in a jail rooted at /, the
# hardest root to hold (jail(1) allows it, as FreeBSD does).
jailed()
{
	u=
	if [ "$1" = -u ]; then
		u="-u $2"
		shift 2
	fi
	"${J}" ${u} / "${HOSTN}" "${IP}" "${P}" "$@"
}

# isolated flags check args: the probe jailed as above, but with the jail
# itself in namespaces of its own (unshare(1) flags), so that a probe the
# jail failed to refuse would change only those, never the host's.
isolated()
{
	f=$1
	shift
	unshare ${f} "${J}" / "${HOSTN}" "${IP}" "${P}" "$@"
}

# inroot [-u user] check args: the probe in a root of its own, built by
# mkroot into ./root (the probe is /bin/fbprobe there).
mkjailroot()
{
	mkroot -x "${P}" root >/dev/null || atf_fail "mkroot failed"
}
inroot()
{
	u=
	if [ "$1" = -u ]; then
		u="-u $2"
		shift 2
	fi
	"${J}" ${u} root "${HOSTN}" "${IP}" /bin/fbprobe "$@"
}

# expect want command ...: the command's standard output (a function's
# too, which atf_check cannot run) is want, "\n" for a newline in it.
expect()
{
	want=$1
	shift
	"$@" >out.tmp 2>err.tmp
	printf '%b\n' "${want}" >want.tmp
	cmp -s want.tmp out.tmp || atf_fail "$*: got '$(cat out.tmp)$(cat err.tmp)', expected '${want}'"
}

# expect_not unwanted command ...: anything but that answer.
expect_not()
{
	unwanted=$1
	shift
	"$@" >out.tmp 2>err.tmp
	printf '%b\n' "${unwanted}" >want.tmp
	cmp -s want.tmp out.tmp && atf_fail "$*: answered '${unwanted}'"
	true
}

# expect_match regex command ...: a line of the output matches.
expect_match()
{
	re=$1
	shift
	"$@" >out.tmp 2>err.tmp
	grep -q "${re}" out.tmp || atf_fail "$*: got '$(cat out.tmp)$(cat err.tmp)', expected a line matching ${re}"
}

# A host process outside every jail, ignoring SIGURG; its PID in $out.
outsider()
{
	sleep 60 &
	out=$!
	echo "${out}" >outsider
}
outsider_cleanup()
{
	[ -f outsider ] && kill "$(cat outsider)" 2>/dev/null
	true
}

atf_test_case kernel_modules
kernel_modules_head()
{
	atf_set descr "jailed root may not load or unload kernel modules (paper 5: modifying the running kernel by loading modules)"
	atf_set require.user root
}
kernel_modules_body()
{
	setup
	expect "modload EPERM" jailed modload
	expect "modunload EPERM" jailed modunload
	# The host has the privilege: the bad descriptor or name is what
	# it refuses (or the kernel has no modules at all).
	expect_not "modload EPERM" "${P}" modload
	expect_not "modunload EPERM" "${P}" modunload
}

atf_test_case kernel_direct_access
kernel_direct_access_head()
{
	atf_set descr "jailed root may not modify the running kernel by direct access: kexec, bpf programs, I/O ports"
	atf_set require.user root
}
kernel_direct_access_body()
{
	setup
	expect "kexec EPERM" jailed kexec
	expect "bpf EPERM" jailed bpf
	expect "ioperm EPERM" jailed ioperm
	for c in kexec bpf ioperm; do
		expect_not "${c} EPERM" "${P}" ${c}
	done
}

atf_test_case interface_config
interface_config_head()
{
	atf_set descr "jailed root may not modify network interfaces or their addresses (paper 5)"
	atf_set require.user root
	atf_set require.progs unshare
}
interface_config_body()
{
	setup
	expect "ifflags EPERM" isolated -n ifflags
	expect "ifaddr EPERM" isolated -n ifaddr
	# The host's root may, shown in a network namespace of its own.
	expect "ifflags OK" unshare -n "${P}" ifflags
	expect "ifaddr OK" unshare -n "${P}" ifaddr
}

atf_test_case routing_table
routing_table_head()
{
	atf_set descr "jailed root may not modify the routing table (paper 5)"
	atf_set require.user root
	atf_set require.progs unshare
}
routing_table_body()
{
	setup
	isolated -n route >out
	atf_check -o inline:"route EPERM\n" cat out
	expect "route OK" unshare -n "${P}" route
}
atf_test_case mount
mount_head()
{
	atf_set descr "jailed root may not mount file systems (paper 5; jail(8) 6.x has no mount_allowed)"
	atf_set require.user root
	atf_set require.progs unshare
}
mount_body()
{
	setup
	mkdir mnt
	expect "mount EPERM" jailed mount "$(pwd)/mnt"
	expect "mount OK" unshare -m --propagation private \
	    "${P}" mount "$(pwd)/mnt"
}

atf_test_case unmount
unmount_head()
{
	atf_set descr "jailed root may not unmount file systems (paper 5)"
	atf_set require.user root
}
unmount_body()
{
	setup
	mkdir dir
	expect "umount EPERM" jailed umount /
	expect "umount EPERM" jailed umount "$(pwd)/dir"
	# The host's root passes the privilege check; dir is no mount point.
	expect "umount EINVAL" "${P}" umount "$(pwd)/dir"
}

atf_test_case device_nodes
device_nodes_head()
{
	atf_set descr "jail(2): the tree below path may be changed in every way but creating device nodes; FIFOs stay allowed"
	atf_set require.user root
}
device_nodes_body()
{
	setup
	mkjailroot
	expect "mknod-c EPERM" inroot mknod-c /tmp/null
	expect "mknod-b EPERM" inroot mknod-b /tmp/loop
	[ ! -e root/tmp/null ] && [ ! -e root/tmp/loop ] ||
	    atf_fail "a device node appeared in the jail's tree"
	# A FIFO is no device: allowed, jailed or not (FreeBSD's mkfifo(2)
	# needs no privilege either).
	expect "mknod-p OK" inroot mknod-p /tmp/fifo
	[ -p root/tmp/fifo ] || atf_fail "no FIFO in the jail's tree"
	# The host's root creates both, in this test's directory.
	expect "mknod-c OK" "${P}" mknod-c "$(pwd)/null"
	expect "mknod-b OK" "${P}" mknod-b "$(pwd)/loop"
	rm -f null loop
}

atf_test_case raw_sockets
raw_sockets_head()
{
	atf_set descr "jail(8): security.jail.allow_raw_sockets defaults to 0: no raw sockets for jailed root"
	atf_set require.user root
}
raw_sockets_body()
{
	setup
	expect "raw EPERM" jailed raw
	expect "raw OK" "${P}" raw
}

atf_test_case socket_families
socket_families_head()
{
	atf_set descr "jail(8): security.jail.socket_unixiproute_only defaults to 1: UNIX-domain and IPv4 sockets only"
	atf_set require.user root
}
socket_families_body()
{
	setup
	expect "unix OK" jailed unix
	expect "inet OK" jailed inet
	expect "inet6 EAFNOSUPPORT" jailed inet6
	expect "packet EAFNOSUPPORT" jailed packet
	for c in unix inet inet6 packet; do
		expect "${c} OK" "${P}" ${c}
	done
}

atf_test_case clock
clock_head()
{
	atf_set descr "jailed root may not set the clock (a kernel-wide parameter, paper 5)"
	atf_set require.user root
}
clock_body()
{
	setup
	expect "settime EPERM" jailed settime
	# settimeofday(NULL, NULL): the privilege is checked, nothing is set.
	expect "settime OK" "${P}" settime
}

atf_test_case kernel_parameters
kernel_parameters_head()
{
	atf_set descr "jailed root may not modify kernel runtime parameters, such as most sysctl settings (paper 5)"
	atf_set require.user root
	atf_set require.progs unshare
}
kernel_parameters_body()
{
	setup
	# A sysctl file, opened for writing and never written.
	f=/proc/sys/kernel/domainname
	expect "openw EROFS" jailed openw "${f}"
	expect "openw OK" "${P}" openw "${f}"
	expect "setdomainname EPERM" jailed setdomainname
	expect "setdomainname OK" unshare -u "${P}" setdomainname
}

atf_test_case file_flags
file_flags_head()
{
	atf_set descr "jail(8): security.jail.chflags_allowed defaults to 0: jailed root may not set system file flags (immutable)"
	atf_set require.user root
}
file_flags_body()
{
	setup
	echo x >flagged
	"${P}" immutable "$(pwd)/flagged" >host.out
	case $(cat host.out) in
	"immutable OK") ;;
	*ENOTTY|*EOPNOTSUPP) atf_skip "no file flags here: $(cat host.out)" ;;
	*) atf_fail "the host could not set the flag: $(cat host.out)" ;;
	esac
	mkjailroot
	echo x >root/tmp/flagged
	expect "immutable EPERM" inroot immutable /tmp/flagged
	# Still an ordinary file of the jail's: jailed root removes it.
	expect "unlink OK" inroot unlink /tmp/flagged
}

atf_test_case reboot
reboot_head()
{
	atf_set descr "jailed root may not reboot the host: it has no CAP_SYS_BOOT, and reboot(2) commands other than ending the jail fail"
	atf_set require.user root
}
reboot_body()
{
	setup
	expect "reboot-cad EPERM" jailed reboot-cad
	expect "capbset 0" jailed capbset 22
	# The host's root holds CAP_SYS_BOOT (22) in its bounding set.
	expect "capbset 1" "${P}" capbset 22
	# fbprobe never runs a reboot probe outside a jail.
	atf_check -s exit:3 -o match:"REFUSED" "${P}" reboot-cad
}

atf_test_case processes_invisible cleanup
processes_invisible_head()
{
	atf_set descr "jail(2): a jailed process cannot see processes outside its jail"
	atf_set require.user root
}
processes_invisible_body()
{
	setup
	outsider
	expect "kill ESRCH" jailed kill "${out}" 0
	expect "getpriority ESRCH" jailed getpriority "${out}"
	expect "open ENOENT" jailed open "/proc/${out}/stat"
	expect "kill OK" "${P}" kill "${out}" 0
	expect "getpriority OK" "${P}" getpriority "${out}"
	expect "open OK" "${P}" open "/proc/${out}/stat"
}
processes_invisible_cleanup()
{
	outsider_cleanup
}

atf_test_case signal_outside cleanup
signal_outside_head()
{
	atf_set descr "jail(2): a jailed process cannot signal processes outside, not even with kill -TERM -1 as jail(8) uses to stop a jail"
	atf_set require.user root
}
signal_outside_body()
{
	setup
	outsider
	expect "kill ESRCH" jailed kill "${out}" 15
	kill -0 "${out}" || atf_fail "the outside process died"
	# jail(8)'s way of stopping a jail: kill -TERM -1 inside it.
	atf_check -s exit:143 -e ignore "${J}" / "${HOSTN}" "${IP}" /bin/sh -c \
	    'sleep 30 & kill -TERM -1; wait $!; kill -TERM $$'
	kill -0 "${out}" || atf_fail "kill -1 in the jail reached outside"
	expect "kill OK" "${P}" kill "${out}" 15
}
signal_outside_cleanup()
{
	outsider_cleanup
}

atf_test_case leave_root
leave_root_head()
{
	atf_set descr "jail(2): a jailed process and its descendants cannot escape the jail's root"
	atf_set require.user root
}
leave_root_body()
{
	setup
	mkjailroot
	echo outside >marker
	m="$(pwd)/marker"
	expect "open ENOENT" inroot open "${m}"
	expect "open ENOENT" inroot open "/../../../../..${m}"
	expect "open ENOENT" inroot open "/tmp/../../..${m}"
	expect "open OK" "${P}" open "${m}"
}

atf_test_case network_outside_address
network_outside_address_head()
{
	atf_set descr "jailed root may not use network addresses not associated with the jail (paper 5)"
	atf_set require.user root
	atf_set require.progs ip
}
network_outside_address_body()
{
	setup
	a=$(ip -4 -o addr show scope global | awk '{ sub("/.*", "", $4); print $4; exit }')
	[ -n "${a}" ] || atf_skip "the host has no global IPv4 address"
	expect "bind EADDRNOTAVAIL" jailed bind "${a}" 0
	expect "bind bound ${a}" "${P}" bind "${a}" 0
}

atf_test_case ip_activity_forced
ip_activity_forced_head()
{
	atf_set descr "jail(2): all IP activity is forced to happen to and from the jail's IP number, loopback included"
	atf_set require.user root
}
ip_activity_forced_body()
{
	setup
	expect "loopback listener ${IP}\nloopback client ${IP}\nloopback peer ${IP}" \
	    jailed loopback
	expect_match "^udp from ${IP}\$" jailed udp
	# An unbound UDP sender is bound to the jail's address, as FreeBSD
	# binds it: getsockname shows it.
	expect_match "^udp local ${IP}\$" jailed udp
	expect "loopback listener 127.0.0.1\nloopback client 127.0.0.1\nloopback peer 127.0.0.1" \
	    "${P}" loopback
	expect_match "^udp from 127.0.0.1\$" "${P}" udp
	expect_match "^udp local 0.0.0.0\$" "${P}" udp
}

atf_test_case wildcard_bind
wildcard_bind_head()
{
	atf_set descr "paper 5: a bind to INADDR_ANY is redirected to the jail's IP address"
	atf_set require.user root
}
wildcard_bind_body()
{
	setup
	expect "bind bound ${IP}" jailed bind 0.0.0.0 0
	expect "bind bound 0.0.0.0" "${P}" bind 0.0.0.0 0
}

atf_test_case reserved_ports
reserved_ports_head()
{
	atf_set descr "paper 5: jailed root may bind reserved TCP ports on the jail's address; a jailed user may not"
	atf_set require.user root
}
reserved_ports_body()
{
	setup
	# A port nothing holds on the jail's address (wildcard listeners
	# of the host would conflict with it).
	for port in 1001 1002 1003 1004 1005 1006 1007 1008 1009 1010; do
		jailed bind "${IP}" "${port}" >out
		grep -q EADDRINUSE out || break
	done
	atf_check -o inline:"bind bound ${IP}\n" cat out
	expect "bind EACCES" jailed -u nobody bind "${IP}" "${port}"
	# The host's ordinary user is refused in the same way; the jail
	# keeps the rule, it does not relax it.
	atf_check -o inline:"bind EACCES\n" setpriv --reuid=65534 \
	    --regid=65534 --clear-groups "${P}" bind "${IP}" "${port}"
}

atf_test_case signal_own_processes cleanup
signal_own_processes_head()
{
	atf_set descr "paper 5: signalling any process within the jail is permitted to jailed root"
	atf_set require.user root
	atf_set require.progs setpriv
}
signal_own_processes_body()
{
	setup
	outsider
	# A jailed process of another user, signalled by jailed root.
	atf_check -o inline:"kill OK\n143\n" -e ignore "${J}" / "${HOSTN}" "${IP}" \
	    /bin/sh -c "setpriv --reuid=65534 --regid=65534 --clear-groups \
	    sleep 30 & ${P} kill \$! 15; wait \$!; echo \$?"
	# The same call aimed outside the jail finds nothing.
	expect "kill ESRCH" jailed kill "${out}" 15
}
signal_own_processes_cleanup()
{
	outsider_cleanup
}

atf_test_case ownership_and_modes
ownership_and_modes_head()
{
	atf_set descr "paper 5: jailed root may change the owner and mode of any file within the jail"
	atf_set require.user root
}
ownership_and_modes_body()
{
	setup
	mkjailroot
	echo x >root/tmp/f
	expect "chown OK" inroot chown /tmp/f 1234
	expect "chmod OK" inroot chmod /tmp/f 4750
	atf_check -o inline:"1234:1234 4750\n" stat -c '%u:%g %a' root/tmp/f
	# A jailed ordinary user may not.
	echo y >root/tmp/g
	expect "chown EPERM" inroot -u nobody chown /tmp/g 1234
	atf_check -o inline:"0:0\n" stat -c '%u:%g' root/tmp/g
}

atf_test_case delete_files
delete_files_head()
{
	atf_set descr "paper 5: jailed root may delete any file within the jail"
	atf_set require.user root
}
delete_files_body()
{
	setup
	mkjailroot
	mkdir root/tmp/d
	echo x >root/tmp/d/f
	echo x >root/tmp/d/g
	chown -R 1234:1234 root/tmp/d
	chmod 0700 root/tmp/d
	expect "unlink EACCES" inroot -u nobody unlink /tmp/d/g
	expect "unlink OK" inroot unlink /tmp/d/f
	[ ! -e root/tmp/d/f ] || atf_fail "the file is still there"
	[ -e root/tmp/d/g ] || atf_fail "the jailed user deleted a file"
}

atf_test_case uid_gid_space
uid_gid_space_head()
{
	atf_set descr "paper 5: functions on the uid/gid space are all permitted to jailed root"
	atf_set require.user root
}
uid_gid_space_body()
{
	setup
	expect "setids uid=1234 gid=1234" jailed setids 1234
	expect "setids EPERM" jailed -u nobody setids 1234
	# The same as on the host: this row agrees, and exists to show that
	# the jail takes nothing away here.
	expect "setids uid=1234 gid=1234" "${P}" setids 1234
}

atf_test_case set_hostname
set_hostname_head()
{
	atf_set descr "jail(8): security.jail.set_hostname_allowed defaults to 1, and kern.hostname is per jail"
	atf_set require.user root
}
set_hostname_body()
{
	setup
	host=$(uname -n)
	expect "sethostname renamed.example.org" \
	    jailed sethostname renamed.example.org
	expect "sethostname EPERM" jailed -u nobody \
	    sethostname renamed.example.org
	atf_check_equal "${host}" "$(uname -n)"
	# Outside a jail the call renames the namespace it runs in.
	expect "sethostname other" unshare -u "${P}" \
	    sethostname other
	atf_check_equal "${host}" "$(uname -n)"
}

atf_test_case sysvipc
sysvipc_head()
{
	atf_set descr "jail(8): security.jail.sysvipc_allowed defaults to 0: System V IPC fails with ENOSYS"
	atf_set require.user root
	atf_set require.progs unshare
}
sysvipc_body()
{
	setup
	expect "shmget ENOSYS" isolated -i shmget
	expect "shmget OK" unshare -i "${P}" shmget
}

atf_init_test_cases()
{
	atf_add_test_case kernel_modules
	atf_add_test_case kernel_direct_access
	atf_add_test_case interface_config
	atf_add_test_case routing_table
	atf_add_test_case mount
	atf_add_test_case unmount
	atf_add_test_case device_nodes
	atf_add_test_case raw_sockets
	atf_add_test_case socket_families
	atf_add_test_case clock
	atf_add_test_case kernel_parameters
	atf_add_test_case file_flags
	atf_add_test_case reboot
	atf_add_test_case processes_invisible
	atf_add_test_case signal_outside
	atf_add_test_case leave_root
	atf_add_test_case network_outside_address
	atf_add_test_case ip_activity_forced
	atf_add_test_case wildcard_bind
	atf_add_test_case reserved_ports
	atf_add_test_case signal_own_processes
	atf_add_test_case ownership_and_modes
	atf_add_test_case delete_files
	atf_add_test_case uid_gid_space
	atf_add_test_case set_hostname
	atf_add_test_case sysvipc
}
