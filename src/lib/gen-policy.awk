# gen-policy.awk: turn policy.tbl into one ABI's C table.
# Usage: awk -v abi=x86_64 -v header=asm/unistd_64.h -f gen-policy.awk policy.tbl
# Every number comes from the compiler's header through __NR_<name>; a name
# the ABI lacks is compiled out by its #ifdef.  The ABI's header is included
# first and each number is captured at once as SJ_NR_<name>, because the
# other headers pull in the build machine's own <asm/unistd.h>, which would
# fill in, with its own numbers, names the ABI lacks (i386 has no semop: the
# x86_64 __NR_semop is 65, i386's getpgrp).
function act(s,    a) {
	if (s == "allow")
		return "SJ_ACT_ALLOW, 0, SJ_H_NONE";
	if (s == "kill")
		return "SJ_ACT_KILL, 0, SJ_H_NONE";
	if (s ~ /^errno:/)
		return "SJ_ACT_ERRNO, " substr(s, 7) ", SJ_H_NONE";
	if (s ~ /^notify:/) {
		a = substr(s, 8);
		return "SJ_ACT_NOTIFY, 0, SJ_H_" toupper(a);
	}
	printf("%s:%d: bad action %s\n", FILENAME, NR, s) > "/dev/stderr";
	bad = 1;
	exit 1;
}
BEGIN {
	col = (abi == "x86_64") ? 2 : (abi == "i386") ? 3 : 0;
	if (col == 0) {
		print "gen-policy.awk: abi must be x86_64 or i386" > "/dev/stderr";
		bad = 1;
		exit 1;
	}
	print "/* Generated from policy.tbl by gen-policy.awk: do not edit. */";
	print "#include <" header ">";
	n = 0;
}
/^[ \t]*#/ || NF == 0 { next }
{
	if (NF != 8) {
		printf("%s:%d: %d columns, want 8\n", FILENAME, NR, NF) > "/dev/stderr";
		bad = 1;
		exit 1;
	}
	if ($col == "-")
		next;
	if ($4 == "-")
		cond = "-1, 0, SJ_OP_NONE, 0, 0";
	else {
		split($4, p, "/");
		sub(/^a/, "", p[1]);
		cond = p[1] ", " p[2] ", SJ_OP_" toupper($5) ", (uint64_t)(" $6 "), " \
		    ($7 == "-" ? "0" : "(uint64_t)(" $7 ")");
	}
	if ($8 == "-")
		unless = "0";
	else if ($8 ~ /^(HAS|NO)/)
		unless = "SJ_" $8;	# set by the jail itself, not an option
	else
		unless = "SYSJAIL_ALLOW_" $8;
	if (!($1 in seen)) {
		seen[$1] = 1;
		printf("#ifdef __NR_%s\n#define SJ_HAVE_%s\nenum { SJ_NR_%s = __NR_%s };\n#endif\n",
		    $1, $1, $1, $1);
	}
	row[n++] = sprintf("#ifdef SJ_HAVE_%s\n\t{ SJ_NR_%s, \"%s\", %s, %s, %s },\n#endif", \
	    $1, $1, $1, act($col), cond, unless);
}
END {
	if (bad)
		exit 1;
	print "";
	print "#include <sys/ioctl.h>";
	print "#include <sys/prctl.h>";
	print "#include <sys/ptrace.h>";
	print "#include <sys/resource.h>";
	print "#include <sys/stat.h>";
	print "#include <sys/socket.h>";
	print "#include <errno.h>";
	print "#include <fcntl.h>";
	print "#include \"sysjail_priv.h\"";
	print "";
	print "const struct sj_rule sj_rules_" abi "[] = {";
	for (i = 0; i < n; i++)
		print row[i];
	print "};";
	print "const size_t sj_nrules_" abi " = sizeof(sj_rules_" abi ") / sizeof(sj_rules_" abi "[0]);";
}
