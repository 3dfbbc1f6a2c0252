/*
 * jailconf.h: jail.conf(5), read by jail(1) (jailconf.c).
 *
 * jailconf_parse_file() (or _buf()) reads a file and what it includes into
 * blocks of parameters, unexpanded; jailconf_resolve() gives one jail's
 * parameters: those outside any block and in the "*" blocks first, then
 * the jail's own, in file order, with += lists joined and every $name and
 * ${name} substituted.  Errors are one line, "FILE:LINE:COL: what", in
 * jc->err.  The input is untrusted bytes: fuzzed (fuzz/fuzz_jailconf.c).
 */
#ifndef JAILCONF_H
#define JAILCONF_H

#include <stddef.h>

/* A piece of a string: literal text, or the name of a variable. */
struct jc_seg {
	char		*s;
	int		 var;
	int		 line, col;
};

/* A string as written, pieces joined by nothing (no blank between). */
struct jc_word {
	struct jc_seg	*seg;
	size_t		 nseg;
	int		 line, col;
};

/* One "name", "name = v, ...", "name += v, ..." or "$var = v" line. */
struct jc_param {
	char		*name;		/* "$name": a variable */
	struct jc_word	*val;
	size_t		 nval;
	int		 append;	/* += */
	int		 hasval;	/* = or += was given, or a value */
	const char	*file;		/* one of jailconf's files[] */
	int		 line, col;
};

/* A block: "name { ... }"; "*" for the defaults of every jail. */
struct jc_block {
	char		*name;
	struct jc_param	*p;
	size_t		 np;
	int		 line, col;
	const char	*file;
};

struct jailconf {
	struct jc_block	*b;
	size_t		 nb;
	char		**files;	/* every file read, for messages */
	size_t		 nfiles;
	int		 noinclude;	/* .include refused (fuzzer) */
	int		 depth;		/* of .include */
	char		 err[512];
};

/* One parameter of one jail, expanded: the values, or none for "name;". */
struct jc_rparam {
	char		*name;
	char		**v;
	size_t		 n;
	int		 hasval;
	const char	*file;
	int		 line, col;
};

struct jc_jail {
	char		*name;
	struct jc_rparam *p;
	size_t		 np;
};

void	jailconf_init(struct jailconf *);
int	jailconf_parse_file(struct jailconf *, const char *);
int	jailconf_parse_buf(struct jailconf *, const char *, const char *,
	    size_t);
int	jailconf_add(struct jailconf *, const char *, const char *, int);
int	jailconf_resolve(struct jailconf *, const char *, struct jc_jail *);
const struct jc_rparam *jailconf_get(const struct jc_jail *, const char *);
void	jailconf_jail_free(struct jc_jail *);
void	jailconf_free(struct jailconf *);

#endif /* !JAILCONF_H */
