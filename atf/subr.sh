# subr: what the atf-sh programs of atf/ and cases/freebsd share, sourced
# by each of them from the directory of atf's programs:
#	. "$(atf_get_srcdir)/subr"		(atf/)
#	. "$(atf_get_srcdir)/../../atf/subr"	(cases/freebsd/)
# The build fills in the paths, as for the programs.

# bin tool: the tool in the build tree, else the installed one.
bin()
{
	if [ -x "@abs_top_builddir@/src/$1" ]; then
		echo "@abs_top_builddir@/src/$1"
	else
		echo "@bindir@/$1"
	fi
}

# ia32: does this host run i386 code (IA-32 emulation), as sysjail -V
# finds?  SJTEST_WITHOUT=ia32 (words separated by commas or blanks) answers
# no, as on a host without it.
ia32()
{
	case " $(echo "${SJTEST_WITHOUT:-}" | tr ',' ' ') " in
	*" ia32 "*)	return 1 ;;
	esac
	"$(bin sysjail)" -V 2>/dev/null | grep -q '^ia32-emulation  *yes$'
}

NOIA32="no IA-32 emulation on this host"

# mkroot args: sjtest/mkroot.sh, from the source tree or installed.
mkroot()
{
	if [ -f "@abs_top_srcdir@/sjtest/mkroot.sh" ]; then
		sh "@abs_top_srcdir@/sjtest/mkroot.sh" "$@"
	else
		sh "@pkglibexecdir@/mkroot.sh" "$@"
	fi
}

# The mount points of the cgroup v2 hierarchy and of a v1 pids one.
cgroots()
{
	sed -n 's/^[^ ]* [^ ]* [^ ]* [^ ]* \([^ ]*\) .* - cgroup2 .*/\1/p' \
	    /proc/self/mountinfo | head -1
	sed -n 's/^[^ ]* [^ ]* [^ ]* [^ ]* \([^ ]*\) .* - cgroup [^ ]* .*pids.*/\1/p' \
	    /proc/self/mountinfo | head -1
}

# The cgroup directories of jail $1 of keeper $2 that exist (JID.KEEPER,
# or JID.KEEPER.N where another PID namespace's keeper had the name).
cgdirs()
{
	for r in $(cgroots); do
		for d in "${r}/sysjail/$1.$2" "${r}/sysjail/$1.$2".*; do
			[ -d "${d}" ] && echo "${d}"
		done
	done
	true
}

# Waits for the record of the first jail in the database db: sets J (its
# JID), K (its keeper) and S (its supervisor), and writes J and K to the
# files jid and keeper.
record()
{
	i=0
	while [ ${i} -lt 600 ]; do
		for f in db/[0-9]*; do
			case "${f}" in *.*) continue ;; esac
			[ -f "${f}" ] || continue
			S=$(sed -n 's/^supervisor=//p' "${f}")
			K=$(sed -n 's/^keeper=//p' "${f}")
			[ -n "${S}" ] && [ -n "${K}" ] || continue
			J=${f#db/}
			echo "${J}" >jid
			echo "${K}" >keeper
			return 0
		done
		sleep 0.01
		i=$((i + 1))
	done
	atf_fail "no jail record appeared"
}

# Everything of jail $1 (keeper $2) in db is gone within 5 s: record, lock,
# cgroups (which exist only while a process of the jail does).
gone()
{
	i=0
	while [ ${i} -lt 100 ]; do
		if [ ! -e "db/$1" ] && [ ! -e "db/$1.lock" ] &&
		    [ -z "$(cgdirs "$1" "$2")" ]; then
			return 0
		fi
		sleep 0.05
		i=$((i + 1))
	done
	ls -l db >&2
	cgdirs "$1" "$2" >&2
	atf_fail "jail $1 (keeper $2) left a record or cgroup behind"
}

# Kills a jail's keeper $1, supervisor $2 and spawner $3 all at once, as
# far as any of them can tell: each stopped first, since whichever saw
# another die would end the jail itself.
killmachinery()
{
	kill -STOP "$1" "$2" "$3"
	kill -KILL "$3" "$2" "$1"
}

# Kills, each by its process ID, the processes whose command line holds
# ": TOKEN" for the token in the file token: what a failed case's jail
# left running.  Not the jail's machinery (sysjail's own processes, whose
# arguments hold the token too): killed, it would leave the jail's cgroups
# to the next start; it ends the jail once its processes are gone.
killtoken()
{
	[ -f token ] || return 0
	for p in $(pgrep -f ": $(cat token)"); do
		case "$(cat "/proc/${p}/comm" 2>/dev/null)" in
		sysjail*)	continue ;;
		esac
		kill -KILL "${p}" 2>/dev/null
	done
	true
}
