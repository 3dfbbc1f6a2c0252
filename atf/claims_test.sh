#! @ATF_SH@
#
# claims_test: claims are tests.  cases/claims maps every guarantee that
# README's Security section (and its "Kernel mechanisms hold the
# boundary" paragraph) and the SECURITY and CAVEATS sections of the
# manuals make to the test cases that fail if it is false.  This program
# checks the map against the documents and the suite:
#	phrases:  every phrase of the map still occurs in its document, on
#		  one line only, so that a claim reworded or dropped fails
#		  until the map follows, and a phrase covers only its claim;
#	cases:	  every case the map names exists: a case of an atf
#		  program (its -l listing) or a row of cases/catalogue;
#	coverage: every paragraph of those sections (and every list item)
#		  holds a mapped phrase, either a claim with its cases or a
#		  stated limit, advice or reference that guarantees nothing;
# and can_fail shows each of the three failing on a doctored copy.

srcfile()
{
	echo "@abs_top_srcdir@/$1"
}

# The map and the documents are in the source tree only.
need_tree()
{
	[ -f "$(srcfile cases/claims)" ] ||
	    atf_skip "the claims map is in the source tree only"
}

# Writes claims.awk.  Run with -v what=phrases|cases|coverage, -v
# root=TREE (README, man/, cases/catalogue below it) and -v known=FILE
# (one prog:case per line) on the map; prints each problem and fails if
# there is any.
#
# A unit of coverage: in a manual, the text of a SECURITY, CAVEATS or
# SECURITY CONSIDERATIONS section between two of .Sh, .Ss, .Pp, .It, .Bl
# and .El; in README, a blank-line paragraph of the section "Security"
# or the paragraph that begins "Kernel mechanisms hold the boundary", a
# line that begins with "  - " starting a unit of its own.  A unit is
# covered when one of its lines holds a phrase the map gives for that
# document.
mkclaims()
{
	cat >claims.awk <<'AWKEOF'
function problem(s) { print s; bad = 1 }
# A unit ends: complain if it was in scope and no phrase was in it.
function endunit() {
	if (ustart && uscope && !ucov)
		problem(doc ":" ustart ": no claim mapped: " utext)
	ustart = 0
	ucov = 0
}
# A line of a unit; scope: is the unit, if this line starts it, in scope?
function unitline(l, n, scope,	i) {
	if (!ustart) {
		ustart = n
		utext = l
		uscope = scope || l ~ /^Kernel mechanisms hold the boundary/
	}
	for (i = 1; i <= nph[doc]; i++)
		if (index(l, ph[doc, i]) > 0)
			ucov = 1
}
BEGIN {
	FS = "\t"
	if (what == "cases") {
		while ((getline l < known) > 0)
			have[l] = 1
		f = root "/cases/catalogue"
		while ((getline l < f) > 0) {
			if (l ~ /^[ \t]*#/ || split(l, r, " ") < 2)
				continue
			have["catalogue:" r[1] ":" r[2]] = 1
		}
		close(f)
	}
}
/^[ \t]*#/ || /^[ \t]*$/ { next }
{
	if (NF != 3 || $1 == "" || $2 == "" || $3 == "") {
		problem("claims:" FNR ": not FILE<TAB>PHRASE<TAB>CASES")
		next
	}
	ph[$1, ++nph[$1]] = $2
	if (what == "phrases") {
		found = 0
		f = root "/" $1
		while ((getline l < f) > 0)
			if (index(l, $2) > 0)
				found++
		close(f)
		if (!found)
			problem("claims:" FNR ": " $1 " no longer says \"" $2 "\"")
		else if (found > 1)
			problem("claims:" FNR ": " $1 " says \"" $2 "\" on " found " lines: one is wanted")
	}
	if (what == "cases") {
		if ($3 ~ /^-- (limit|advice|reference): ./)
			next
		if ($3 ~ /^--/) {
			problem("claims:" FNR ": \"" $3 "\" is not -- limit:, -- advice: or -- reference: with a reason")
			next
		}
		n = split($3, c, " ")
		for (i = 1; i <= n; i++)
			if (!(c[i] in have))
				problem("claims:" FNR ": " $1 ": \"" $2 "\": no case " c[i])
	}
}
END {
	if (what != "coverage")
		exit bad
	# Every document, whether the map names it or not.
	ndoc = 0
	cmd = "cd '" root "' && ls README man/*.[1-9]"
	while ((cmd | getline d) > 0)
		all[++ndoc] = d
	close(cmd)
	for (k = 1; k <= ndoc; k++) {
		doc = all[k]
		f = root "/" doc
		nl = 0
		while ((getline l < f) > 0)
			L[++nl] = l
		close(f)
		insec = 0
		ustart = 0
		for (n = 1; n <= nl; n++) {
			l = L[n]
			if (doc == "README") {
				if (n < nl && L[n + 1] ~ /^-+$/ && l !~ /^[ \t]*$/) {
					endunit()
					insec = (l == "Security")
					n++
				} else if (l ~ /^[ \t]*$/)
					endunit()
				else {
					if (l ~ /^  - /)
						endunit()
					unitline(l, n, insec)
				}
				continue
			}
			if (l ~ /^\.Sh /) {
				endunit()
				insec = (l ~ /^\.Sh (SECURITY|CAVEATS|SECURITY CONSIDERATIONS)$/)
				continue
			}
			if (l ~ /^\.(Ss|Pp|It|Bl|El)( |$)/) {
				endunit()
				if (l !~ /^\.It /)
					continue
			}
			if (l ~ /^\.\\"/)
				continue
			unitline(l, n, insec)
		}
		endunit()
	}
	exit bad
}
AWKEOF
}


# claims WHAT ROOT MAP: the check WHAT of MAP against the tree ROOT, as
# a command line for atf_check (no blank in the paths).
claims()
{
	echo awk -v what="$1" -v root="$2" -v known="$(pwd)/known" \
	    -f claims.awk "$3"
}

# Writes known: every case of the atf programs the map names, as
# prog:case, from each built program's -l listing.
mkknown()
{
	: >known
	for p in $(awk -F '\t' '!/^[ \t]*#/ && NF == 3 && $3 !~ /^--/ {
	    n = split($3, c, " ")
	    for (i = 1; i <= n; i++)
		if (split(c[i], w, ":") == 2) print w[1] }' "$1" | sort -u); do
		for d in atf cases/freebsd; do
			x="@abs_top_builddir@/${d}/${p}"
			[ -x "${x}" ] || continue
			"${x}" -l | sed -n "s/^ident: /${p}:/p" >>known ||
			    atf_fail "${x} -l failed"
		done
	done
}

atf_test_case phrases
phrases_head()
{
	atf_set descr "every phrase of cases/claims still occurs in its document"
}
phrases_body()
{
	need_tree
	mkclaims
	atf_check -o empty $(claims phrases "$(srcfile .)" "$(srcfile cases/claims)")
}

atf_test_case cases
cases_head()
{
	atf_set descr "every case cases/claims names exists: in its atf program's listing, or as a row of cases/catalogue"
}
cases_body()
{
	need_tree
	mkclaims
	mkknown "$(srcfile cases/claims)"
	[ -s known ] || atf_fail "no atf program listed a case"
	atf_check -o empty $(claims cases "$(srcfile .)" "$(srcfile cases/claims)")
}

atf_test_case coverage
coverage_head()
{
	atf_set descr "every paragraph and list item of README's Security section and of the manuals' SECURITY and CAVEATS holds a claim of cases/claims, or a stated limit"
}
coverage_body()
{
	need_tree
	mkclaims
	atf_check -o empty $(claims coverage "$(srcfile .)" "$(srcfile cases/claims)")
}

atf_test_case can_fail
can_fail_head()
{
	atf_set descr "each check fails on a doctored copy: a claim reworded in a manual, a case that does not exist, a new paragraph without a claim"
}
can_fail_body()
{
	need_tree
	mkclaims
	S=$(srcfile .)
	mkdir -p t/man t/cases
	cp "${S}/README" t/
	cp "${S}"/man/*.[1-9] t/man/
	cp "${S}/cases/catalogue" t/cases/
	M="${S}/cases/claims"
	mkknown "${M}"
	# The untouched copy passes all three.
	for w in phrases cases coverage; do
		atf_check -o empty $(claims ${w} t "${M}")
	done
	# A claim of jail.1 reworded: its phrase is gone.
	sed 's/stays in the jail: the supervisor/stays in the jail; the supervisor/' \
	    "${S}/man/jail.1" >t/man/jail.1
	atf_check -s not-exit:0 \
	    -o match:'man/jail.1 no longer says "stays in the jail: the supervisor' \
	    $(claims phrases t "${M}")
	# A phrase that a new line repeats no longer names one claim.
	sed 's/^\.Sh CAVEATS$/&\
Whatever: it stays in the jail: the supervisor is a child subreaper, so an orphaned one./' \
	    "${S}/man/jail.1" >t/man/jail.1
	atf_check -s not-exit:0 \
	    -o match:'man/jail.1 says "stays in the jail: the supervisor.*" on 2 lines' \
	    $(claims phrases t "${M}")
	cp "${S}/man/jail.1" t/man/
	# The map names a case no program has, and a catalogue row that is
	# not there.
	sed 's/adversarial_test:smuggle_x86_64/adversarial_test:smuggle_nowhere/
	    s/catalogue:files:moved-dir/catalogue:files:moved-nowhere/' \
	    "${M}" >m1
	atf_check -s not-exit:0 \
	    -o match:'no case adversarial_test:smuggle_nowhere' \
	    -o match:'no case catalogue:files:moved-nowhere' \
	    $(claims cases t m1)
	# A limit without its reason.
	sed 's/-- limit: .*/-- limit:/' "${M}" >m2
	atf_check -s not-exit:0 -o match:'is not -- limit:' $(claims cases t m2)
	# A new paragraph in a CAVEATS section, and one in README's Security.
	awk '{ print } /^\.Sh CAVEATS$/ { print "The jail is unbreakable."; print ".Pp" }' \
	    "${S}/man/jexec.1" >t/man/jexec.1
	atf_check -s not-exit:0 \
	    -o match:'^man/jexec.1:[0-9]*: no claim mapped: The jail is unbreakable\.$' \
	    $(claims coverage t "${M}")
	cp "${S}/man/jexec.1" t/man/
	awk '{ print } /^Threat model\./ { t = 1 } t && /^$/ && !d { print "Nothing escapes.\n"; d = 1 }' \
	    "${S}/README" >t/README
	atf_check -s not-exit:0 \
	    -o match:'^README:[0-9]*: no claim mapped: Nothing escapes\.$' \
	    $(claims coverage t "${M}")
	# A paragraph of a new manual's SECURITY section.
	printf '.Dd\n.Dt X 1\n.Os\n.Sh SECURITY\nNo process leaves.\n' \
	    >t/man/x.1
	cp "${S}/README" t/
	atf_check -s not-exit:0 \
	    -o match:'^man/x.1:5: no claim mapped: No process leaves\.$' \
	    $(claims coverage t "${M}")
}

atf_init_test_cases()
{
	atf_add_test_case phrases
	atf_add_test_case cases
	atf_add_test_case coverage
	atf_add_test_case can_fail
}
