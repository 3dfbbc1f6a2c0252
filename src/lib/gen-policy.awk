# gen-policy.awk: turn policy.tbl into C.
# Usage: awk -v abi=x86_64 -v header=asm/unistd_64.h -f gen-policy.awk policy.tbl
#	 (one ABI's rules: policy-x86_64.c, policy-i386.c)
#        awk -v part=h -f gen-policy.awk policy.tbl	(policy-handlers.h)
#        awk -v part=c -f gen-policy.awk policy.tbl	(policy-handlers.c)
#	 -v mutate=N, with any of these: the row at the table's line N
#	 allows what it would decide (its actions become "allow"), for
#	 scripts/mutation, which builds a scratch jail per row to see
#	 whether any case notices.  Never used by the build.
# policy-handlers.h holds enum sj_handler and the handlers' prototypes,
# policy-handlers.c the supervisor's dispatch table and the log's argument
# kinds, both from the table's "handler" and "args" lines.
#
# Every run checks the whole table, whichever file it writes, so that a
# mistake fails the build, with the table's file and line: a row whose
# columns or action are wrong, a notify:NAME with no "handler NAME" line, a
# handler line with no function, named twice or never used, an args line
# for a call no row names, or with kinds other than d u x p s f.
#
# Every number comes from the compiler's header through __NR_<name>; a name
# the ABI lacks is compiled out by its #ifdef.  The ABI's header is included
# first and each number is captured at once as SJ_NR_<name>, because the
# other headers pull in the build machine's own <asm/unistd.h>, which would
# fill in, with its own numbers, names the ABI lacks (i386 has no semop: the
# x86_64 __NR_semop is 65, i386's getpgrp).
function fail(line, msg) {
	printf("%s:%d: %s\n", file, line, msg) > "/dev/stderr";
	bad = 1;
}
function act(s, line,    a) {
	if (s == "-")
		return "";		# the row does not apply to this ABI
	if (s == "allow")
		return "SJ_ACT_ALLOW, 0, SJ_H_NONE";
	if (s == "kill")
		return "SJ_ACT_KILL, 0, SJ_H_NONE";
	if (s ~ /^errno:E[A-Z0-9]+$/)
		return "SJ_ACT_ERRNO, " substr(s, 7) ", SJ_H_NONE";
	if (s ~ /^notify:/) {
		a = substr(s, 8);
		used[a] = 1;
		if (!((a, line) in useat)) {	# once for both ABIs' columns
			useat[a, line] = 1;
			nuse++;
			usename[nuse] = a;
			useline[nuse] = line;
		}
		return "SJ_ACT_NOTIFY, 0, SJ_H_" toupper(a);
	}
	fail(line, "bad action " s);
	return "";
}
# handler NAME FUNCTION
function handler(    name) {
	name = $2;
	if (NF < 3 || $3 == "-") {
		fail(FNR, "handler " name " has no function");
		return;
	}
	if (NF != 3 || name !~ /^[a-z][a-z0-9_]*$/ ||
	    $3 !~ /^[A-Za-z_][A-Za-z0-9_]*$/) {
		fail(FNR, "want: handler NAME FUNCTION");
		return;
	}
	if (name in hline) {
		fail(FNR, "handler " name " already named at line " hline[name]);
		return;
	}
	hline[name] = FNR;
	hname[nh] = name;
	hfunc[nh++] = $3;
}
# args SYSCALL KINDS
function args() {
	if (NF != 3 || $3 !~ /^[duxpsf][duxpsf]?[duxpsf]?[duxpsf]?[duxpsf]?[duxpsf]?$/) {
		fail(FNR, "want: args SYSCALL KINDS, at most six of d u x p s f");
		return;
	}
	if ($2 in aline) {
		fail(FNR, "args " $2 " already given at line " aline[$2]);
		return;
	}
	aline[$2] = FNR;
	aname[na] = $2;
	akinds[na++] = $3;
}
BEGIN {
	if (part == "") {
		col = (abi == "x86_64") ? 2 : (abi == "i386") ? 3 : 0;
		if (col == 0) {
			print "gen-policy.awk: abi must be x86_64 or i386" > "/dev/stderr";
			usage = 1;
			exit 1;
		}
	} else if (part != "h" && part != "c") {
		print "gen-policy.awk: part must be h or c" > "/dev/stderr";
		usage = 1;
		exit 1;
	}
	n = nh = na = nuse = 0;
}
{ file = FILENAME }
/^[ \t]*#/ || NF == 0 { next }
$1 == "handler" { handler(); next }
$1 == "args" { args(); next }
{
	if (NF != 8) {
		fail(FNR, NF " columns, want 8");
		next;
	}
	named[$1] = 1;
	if (mutate != "" && FNR == mutate + 0) {
		if ($2 != "-")
			$2 = "allow";
		if ($3 != "-")
			$3 = "allow";
	}
	a2 = act($2, FNR);
	a3 = act($3, FNR);
	if (part != "")
		next;
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
		rowhdr = rowhdr sprintf("#ifdef __NR_%s\n#define SJ_HAVE_%s\nenum { SJ_NR_%s = __NR_%s };\n#endif\n",
		    $1, $1, $1, $1);
	}
	row[n++] = sprintf("#ifdef SJ_HAVE_%s\n\t{ SJ_NR_%s, \"%s\", %s, %s, %s },\n#endif", \
	    $1, $1, $1, col == 2 ? a2 : a3, cond, unless);
}
END {
	if (usage)
		exit 1;
	for (i = 1; i <= nuse; i++)
		if (!(usename[i] in hline))
			fail(useline[i], "unknown handler " usename[i] \
			    " (no \"handler " usename[i] " FUNCTION\" line)");
	for (i = 0; i < nh; i++)
		if (!(hname[i] in used) && mutate == "")
			fail(hline[hname[i]], "handler " hname[i] \
			    " is used by no notify: action");
	for (i = 0; i < na; i++)
		if (!(aname[i] in named))
			fail(aline[aname[i]], "args for " aname[i] \
			    ", which no row names");
	if (nh > 254)
		fail(FNR, "more than 254 handlers (sj_sup keeps a byte)");
	if (bad)
		exit 1;
	print "/* Generated from policy.tbl by gen-policy.awk: do not edit. */";
	if (part == "h")
		gen_h();
	else if (part == "c")
		gen_c();
	else
		gen_rules();
}
function gen_rules(    i) {
	print "#include <" header ">";
	printf("%s", rowhdr);
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
function gen_h(    i) {
	print "#ifndef SJ_POLICY_HANDLERS_H";
	print "#define SJ_POLICY_HANDLERS_H";
	print "";
	print "/* Supervisor handlers, named by policy.tbl's notify:NAME actions. */";
	print "enum sj_handler {";
	print "\tSJ_H_NONE,";
	for (i = 0; i < nh; i++)
		print "\tSJ_H_" toupper(hname[i]) ",";
	print "\tSJ_NHANDLER";
	print "};";
	print "";
	print "/* The handlers (h_*.c), and the supervisor's dispatch table. */";
	print "struct sj_call;";
	for (i = 0; i < nh; i++)
		if (!(hfunc[i] in proto)) {
			proto[hfunc[i]] = 1;
			print "void\t" hfunc[i] "(struct sj_call *);";
		}
	print "extern void (*const sj_handlers[SJ_NHANDLER])(struct sj_call *);";
	print "";
	print "/*";
	print " * How the log shows each argument of a call (log.c): d signed,";
	print " * u unsigned, x hex, p pointer, s signal, f address family.  The";
	print " * list ends with a NULL name; a call not in it shows six in hex.";
	print " */";
	print "struct sj_argkinds {";
	print "\tconst char\t*name;";
	print "\tconst char\t*kinds;";
	print "};";
	print "extern const struct sj_argkinds sj_argkinds[];";
	print "";
	print "#endif /* !SJ_POLICY_HANDLERS_H */";
}
function gen_c(    i) {
	print "#include \"sysjail_priv.h\"";
	print "#include \"supervisor.h\"";
	print "";
	print "void (*const sj_handlers[SJ_NHANDLER])(struct sj_call *) = {";
	for (i = 0; i < nh; i++)
		print "\t[SJ_H_" toupper(hname[i]) "] = " hfunc[i] ",";
	print "};";
	print "";
	print "const struct sj_argkinds sj_argkinds[] = {";
	for (i = 0; i < na; i++)
		print "\t{ \"" aname[i] "\", \"" akinds[i] "\" },";
	print "\t{ NULL, NULL }";
	print "};";
}
