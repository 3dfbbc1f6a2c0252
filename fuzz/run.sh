#!/bin/sh
# fuzz/run.sh: builds the libFuzzer harnesses of fuzz/ with clang, ASan and
# UBSan, and runs them.  `make fuzz` and atf/fuzz_test call it.
#
#   run.sh build SRCDIR BUILDDIR [NAME ...]
#   run.sh run SRCDIR BUILDDIR SECONDS [NAME ...]
#
# NAME is a harness, fuzz/fuzz_NAME.c (default: every one but selftest).
# Objects and harnesses go to BUILDDIR/fuzz-out; the library sources and
# the tools' shared ones (tool.c, jailconf.c) are compiled again with clang
# (not the gcc-built objects), once, and only what changed is rebuilt.  A run gives each harness SECONDS of
# -max_total_time on a copy of its seed corpus (fuzz/corpus/NAME) and its
# dictionary (fuzz/NAME.dict), and fails if any harness reports anything;
# the input that did is left in BUILDDIR/fuzz-out/crash-NAME-*.
# Environment: FUZZ_CC (default clang), FUZZ_JOBS (parallel compiles,
# default 2), FUZZ_FLAGS (more libFuzzer flags).
set -u

usage() {
	echo "usage: run.sh build|run SRCDIR BUILDDIR [SECONDS] [NAME ...]" >&2
	exit 2
}
[ $# -ge 3 ] || usage
mode=$1
srcdir=$(cd "$2" && pwd) || exit 2
builddir=$(cd "$3" && pwd) || exit 2
shift 3
seconds=60
if [ "${mode}" = run ]; then
	[ $# -ge 1 ] || usage
	seconds=$1
	shift
fi
case ${mode} in build|run) ;; *) usage ;; esac

CC=${FUZZ_CC:-clang}
JOBS=${FUZZ_JOBS:-2}
out=${builddir}/fuzz-out
SAN="-fsanitize=fuzzer,address,undefined -fno-sanitize-recover=undefined"
CFLAGS="-g -O1 -fno-omit-frame-pointer -std=gnu11 -Wall -Wextra \
-Wno-unused-parameter -D_GNU_SOURCE -I${builddir}/src/lib -I${srcdir}/src/lib -I${srcdir}/src/tools -I${srcdir}/fuzz"

# The library's sources (Makefile.am's src_lib_libsjcore_la_SOURCES) and its
# generated ones (nodist_src_lib_libsjcore_la_SOURCES).
LIBSRC="attach caller cgroup confine fdpass filter h_host h_net h_process h_signal handle
hostinfo info jexecd keeper log member netbpf notif policy procfs proxy registry relay rootpath
spawner supervisor
user"
# The tools' files whose parsers and quoting the harnesses exercise
# (src/tools/NAME.c, compiled as obj/tools-NAME.o); no harness includes a
# .c file.
TOOLSRC="tool jailconf"

if ! command -v "${CC}" >/dev/null 2>&1; then
	echo "fuzz: ${CC} not found: install clang and libclang-rt-14-dev" \
	    "(scripts/install-deps)" >&2
	exit 77
fi
mkdir -p "${out}/obj" || exit 1
probe=${out}/obj/probe
if [ ! -x "${probe}" ]; then
	printf '%s\n' '#include <stddef.h>' '#include <stdint.h>' \
	    'int LLVMFuzzerTestOneInput(const uint8_t *d, size_t n)' \
	    '{ return (int)(d == NULL && n > 0); }' >"${probe}.c"
	if ! ${CC} ${SAN} -o "${probe}" "${probe}.c" >"${probe}.log" 2>&1
	then
		echo "fuzz: ${CC} cannot link -fsanitize=fuzzer,address," \
		    "undefined: install libclang-rt-14-dev" >&2
		sed 's/^/fuzz:   /' "${probe}.log" >&2
		exit 77
	fi
fi
GENSRC="policy-x86_64 policy-i386 policy-handlers"
for t in ${GENSRC} policy-handlers.h; do
	case ${t} in *.h) ;; *) t=${t}.c ;; esac
	if [ ! -f "${builddir}/src/lib/${t}" ]; then
		echo "fuzz: ${builddir}/src/lib/${t} missing: run make" \
		    "first" >&2
		exit 1
	fi
done

if [ $# -eq 0 ]; then
	set --
	for f in "${srcdir}"/fuzz/fuzz_*.c; do
		n=${f##*/fuzz_}
		n=${n%.c}
		[ "${n}" = selftest ] || set -- "$@" "${n}"
	done
fi

# newer TARGET SOURCE...: is TARGET missing or older than a source?
newer() {
	_t=$1
	shift
	[ -f "${_t}" ] || return 0
	for _s in "$@"; do
		[ "${_s}" -nt "${_t}" ] && return 0
	done
	return 1
}

# The library's and the tools' objects, JOBS at a time; each depends on its
# source and on the headers (the library's; the tools' too for theirs).
hdrs="${srcdir}/src/lib/sysjail_priv.h ${srcdir}/src/lib/sysjail.h \
${srcdir}/src/lib/compat.h ${builddir}/src/lib/policy-handlers.h"
thdrs="${srcdir}/src/tools/tool.h ${srcdir}/src/tools/jailconf.h"
objs=
for s in ${LIBSRC} ${GENSRC}; do
	objs="${objs} ${s}"
done
for s in ${TOOLSRC}; do
	objs="${objs} tools-${s}"
done
pending=
for s in ${objs}; do
	h=${hdrs}
	case ${s} in
	policy-*) c=${builddir}/src/lib/${s}.c ;;
	tools-*) c=${srcdir}/src/tools/${s#tools-}.c h="${hdrs} ${thdrs}" ;;
	*) c=${srcdir}/src/lib/${s}.c ;;
	esac
	# shellcheck disable=SC2086
	newer "${out}/obj/${s}.o" "${c}" ${h} && pending="${pending} ${s}"
done
if [ -n "${pending}" ]; then
	echo "fuzz: compiling${pending}"
	# shellcheck disable=SC2086
	printf '%s\n' ${pending} | xargs -P "${JOBS}" -I{} sh -c '
		n={}
		case {} in
		policy-*) c="$1/src/lib/{}.c" ;;
		tools-*) c="$2/src/tools/${n#tools-}.c" ;;
		*) c="$2/src/lib/{}.c" ;;
		esac
		exec $3 $4 -fsanitize=fuzzer-no-link,address,undefined \
		    -fno-sanitize-recover=undefined -c -o "$5/obj/{}.o" "$c"
	' sh "${builddir}" "${srcdir}" "${CC}" "${CFLAGS}" "${out}" ||
	    { echo "fuzz: compiling the objects failed" >&2; exit 1; }
fi
lib=
for s in ${objs}; do
	lib="${lib} ${out}/obj/${s}.o"
done

# The harnesses, JOBS at a time, each linked with every object above.
build_one() {
	n=$1
	extra=
	[ "${n}" = selftest ] && extra=-DFUZZ_PLANT
	# shellcheck disable=SC2086
	if newer "${out}/fuzz_${n}" "${srcdir}/fuzz/fuzz_${n}.c" \
	    "${srcdir}/fuzz/fuzz.h" "${srcdir}/fuzz/common.c" ${lib}; then
		# shellcheck disable=SC2086
		${CC} ${CFLAGS} ${SAN} ${extra} -o "${out}/fuzz_${n}" \
		    "${srcdir}/fuzz/fuzz_${n}.c" "${srcdir}/fuzz/common.c" \
		    ${lib} || { echo "fuzz: building fuzz_${n} failed" >&2;
		    return 1; }
	fi
	return 0
}
failed=
running=0
pids=
for n in "$@"; do
	if [ ! -f "${srcdir}/fuzz/fuzz_${n}.c" ]; then
		echo "fuzz: no harness ${n}" >&2
		exit 2
	fi
	build_one "${n}" &
	pids="${pids} $!"
	running=$((running + 1))
	if [ "${running}" -ge "${JOBS}" ]; then
		for p in ${pids}; do wait "${p}" || failed=yes; done
		pids=
		running=0
	fi
done
for p in ${pids}; do wait "${p}" || failed=yes; done
[ -z "${failed}" ] || exit 1
[ "${mode}" = build ] && exit 0

# Run each for SECONDS on a scratch copy of its corpus (new inputs the
# fuzzer finds are not written into the source tree).
rc=0
for n in "$@"; do
	work=${out}/work-${n}
	rm -rf "${work}"
	mkdir -p "${work}/corpus"
	if [ -d "${srcdir}/fuzz/corpus/${n}" ]; then
		cp "${srcdir}/fuzz/corpus/${n}"/* "${work}/corpus/" 2>/dev/null
	fi
	dict=
	[ -f "${srcdir}/fuzz/${n}.dict" ] && dict="-dict=${srcdir}/fuzz/${n}.dict"
	echo "fuzz: fuzz_${n} for ${seconds}s"
	# shellcheck disable=SC2086
	( cd "${work}" && ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1} \
	    UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1} \
	    "${out}/fuzz_${n}" -max_total_time="${seconds}" \
	    -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
	    -artifact_prefix="${out}/crash-${n}-" ${dict} ${FUZZ_FLAGS:-} \
	    corpus ) >"${out}/fuzz_${n}.log" 2>&1
	r=$?
	if [ ${r} -ne 0 ]; then
		echo "fuzz: fuzz_${n} FAILED (exit ${r}); its log:" >&2
		grep -v '^#[0-9]' "${out}/fuzz_${n}.log" | tail -60 >&2
		rc=1
	else
		grep -E '^stat::number_of_executed_runs|^Done' \
		    "${out}/fuzz_${n}.log" | sed "s/^/fuzz: fuzz_${n}: /"
	fi
	rm -rf "${work}"
done
exit ${rc}
