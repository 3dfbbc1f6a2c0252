#!/bin/sh
# demo.sh: the README's main job.  Builds a small demonstration root from the
# host's own binaries (mkjail(1)'s offline mode, sjtest/mkjail.sh), then
# runs a jailed shell in it that shows the jail's hostname, a refused kill
# of a process outside the jail, and a bind to 0.0.0.0 rewritten to the
# jail's address.  Run from the top of a built tree, as root.
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
root=${DEMO_ROOT:-/var/tmp/sysjail-demo}
addr=127.0.1.1

MKROOT="${top}/sjtest/mkroot.sh" sh "${top}/sjtest/mkjail.sh" -o "${root}" \
    >/dev/null
install -m 0755 "${top}/sjtest/sjbind" "${root}/usr/bin/sjbind"
echo "demo: jail root ${root} built by mkjail -o from the host's binaries"

# A process outside the jail for the jailed shell to aim at.
sleep 60 &
outside=$!
trap 'kill ${outside} 2>/dev/null || true' EXIT INT TERM

echo "demo: host name is $(hostname); outside process is ${outside}"
echo "demo: jail ${root} demo.sysjail.example ${addr} /bin/sh -c '...'"
echo
"${top}/src/jail" "${root}" demo.sysjail.example "${addr}" /bin/sh -c "
	echo \"jailed\$ hostname\";  hostname
	echo \"jailed\$ kill -0 ${outside}   # a host process\"
	kill -0 ${outside} || echo '(refused: the process does not exist in the jail)'
	echo \"jailed\$ sjbind 0.0.0.0 127.0.0.1 192.0.2.99\"
	sjbind 0.0.0.0 127.0.0.1 192.0.2.99
	echo \"jailed\$ id\"; id
"
status=$?
echo
echo "demo: jail exited with status ${status}; host name is still $(hostname)"
echo "demo: for an interactive jailed shell, run:"
echo "      ${top}/src/jail ${root} demo.sysjail.example ${addr} /bin/sh"
