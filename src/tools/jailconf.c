/*
 * jailconf.c: the jail.conf(5) parser of jail(1).
 *
 * A hand-written scanner and recursive descent over FreeBSD's grammar:
 *
 *	conf	:= { ';' | block | param ';' | ".include" word ';' }
 *	block	:= word '{' { ';' | param ';' } '}'
 *	param	:= word [ [ '=' | "+=" ] word { ',' word } ]
 *
 * A word is pieces written without a blank between them: unquoted atoms
 * (with backslash escapes), '...' (escapes, no substitution), "..."
 * (escapes and substitution) and $name or ${name}.  #, // and C comments
 * are blanks.  Nothing is expanded while parsing: a "*" block or a
 * parameter outside any block applies to every jail, and its $name must
 * mean each jail's name, so jailconf_resolve() expands per jail.
 *
 * Every error is "FILE:LINE:COL: what", columns counted in bytes from 1.
 */
#include <errno.h>
#include <glob.h>
#include <limits.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "jailconf.h"

#define MAXDEPTH	8	/* .include within .include */
#define MAXSUBST	32	/* $a naming $b naming ... */
#define MAXFILE		(16 * 1024 * 1024)
#define MAXVALUE	65536	/* bytes of one value, substituted */

/* The scanner's state over one file's bytes. */
struct lex {
	struct jailconf	*jc;
	const char	*file;
	const char	*p, *end;
	int		 line, col;
};

enum tok { T_EOF, T_WORD, T_LBRACE, T_RBRACE, T_SEMI, T_COMMA, T_EQ,
	T_PLEQ, T_ERR };

/* A message is one line: control characters (from names) become '?'. */
static void
oneline(char *s)
{
	for (; *s != '\0'; s++)
		if ((unsigned char)*s < 0x20 || *s == 0x7f)
			*s = '?';
}

static int
lerr(struct lex *l, int line, int col, const char *fmt, ...)
{
	va_list	 ap;
	int	 n;

	n = snprintf(l->jc->err, sizeof(l->jc->err), "%s:%d:%d: ", l->file,
	    line, col);
	if (n < 0 || (size_t)n >= sizeof(l->jc->err))
		return -1;
	va_start(ap, fmt);
	vsnprintf(l->jc->err + n, sizeof(l->jc->err) - n, fmt, ap);
	va_end(ap);
	oneline(l->jc->err);
	return -1;
}

static void *
xrealloc(void *p, size_t n, size_t size)
{
	if (size != 0 && n > SIZE_MAX / size)
		return NULL;
	return realloc(p, n * size != 0 ? n * size : 1);
}

static void
advance(struct lex *l)
{
	if (*l->p == '\n') {
		l->line++;
		l->col = 1;
	} else
		l->col++;
	l->p++;
}

/* Skips blanks and comments; -1 on an unterminated comment. */
static int
blanks(struct lex *l)
{
	int	 line, col;

	while (l->p < l->end) {
		if (*l->p == ' ' || *l->p == '\t' || *l->p == '\r' ||
		    *l->p == '\n')
			advance(l);
		else if (*l->p == '#' || (*l->p == '/' && l->p + 1 < l->end &&
		    l->p[1] == '/')) {
			while (l->p < l->end && *l->p != '\n')
				advance(l);
		} else if (*l->p == '/' && l->p + 1 < l->end &&
		    l->p[1] == '*') {
			line = l->line;
			col = l->col;
			advance(l);
			advance(l);
			for (;;) {
				if (l->p + 1 >= l->end) {
					l->p = l->end;
					return lerr(l, line, col,
					    "unterminated comment");
				}
				if (*l->p == '*' && l->p[1] == '/')
					break;
				advance(l);
			}
			advance(l);
			advance(l);
		} else
			break;
	}
	return 0;
}

/* Characters of an unquoted atom (FreeBSD's set, and $ * + / \ alone). */
static int
atomchar(int c)
{
	return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
	    (c >= '0' && c <= '9') || (c != '\0' &&
	    strchr("_!%&()-.:<>?@[]^`|~*", c) != NULL);
}

/* Where a word ends: a blank, a comment, punctuation, += or the end. */
static int
wordend(const struct lex *l)
{
	const char	*p = l->p;

	if (p >= l->end)
		return 1;
	if (strchr(" \t\r\n#;,={}", *p) != NULL && *p != '\0')
		return 1;
	if (*p == '/' && p + 1 < l->end && (p[1] == '/' || p[1] == '*'))
		return 1;
	if (*p == '+' && p + 1 < l->end && p[1] == '=')
		return 1;
	return 0;
}

/* A growing string. */
struct buf {
	char	*s;
	size_t	 len, cap;
};

static int
bput(struct buf *b, char c)
{
	char	*n;

	if (b->len + 2 > b->cap) {
		b->cap = b->cap ? b->cap * 2 : 32;
		if ((n = realloc(b->s, b->cap)) == NULL)
			return -1;
		b->s = n;
	}
	b->s[b->len++] = c;
	b->s[b->len] = '\0';
	return 0;
}

static int
hexval(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/*
 * A backslash escape at l->p (on the backslash), appended to b: C's
 * letters, \ooo octal, \xhh hex, backslash-newline nothing, else the
 * character itself.  A NUL made so is an error: values are C strings.
 */
static int
escape(struct lex *l, struct buf *b)
{
	int	 line = l->line, col = l->col, v, i, h;

	advance(l);
	if (l->p >= l->end)
		return lerr(l, line, col, "backslash at the end of the file");
	switch (*l->p) {
	case 'a': v = '\a'; break;
	case 'b': v = '\b'; break;
	case 'f': v = '\f'; break;
	case 'n': v = '\n'; break;
	case 'r': v = '\r'; break;
	case 't': v = '\t'; break;
	case 'v': v = '\v'; break;
	case '\n':
		advance(l);
		return 0;
	case 'x':
		advance(l);
		for (v = 0, i = 0; i < 2 && l->p < l->end &&
		    (h = hexval((unsigned char)*l->p)) != -1; i++) {
			v = v * 16 + h;
			advance(l);
		}
		if (i == 0)
			return lerr(l, line, col, "\\x without a hex digit");
		goto put;
	default:
		if (*l->p >= '0' && *l->p <= '7') {
			for (v = 0, i = 0; i < 3 && l->p < l->end &&
			    *l->p >= '0' && *l->p <= '7'; i++) {
				v = v * 8 + (*l->p - '0');
				advance(l);
			}
			v &= 0xff;
			goto put;
		}
		v = (unsigned char)*l->p;
		break;
	}
	advance(l);
put:
	if (v == 0)
		return lerr(l, line, col, "a NUL byte in a string");
	if (bput(b, (char)v) == -1)
		return lerr(l, line, col, "%s", strerror(ENOMEM));
	return 0;
}

static int
addseg(struct lex *l, struct jc_word *w, struct buf *b, int var, int line,
    int col)
{
	struct jc_seg	*n;

	if (b->s == NULL)
		return 0;	/* nothing pending */
	if ((n = xrealloc(w->seg, w->nseg + 1, sizeof(*n))) == NULL)
		return lerr(l, line, col, "%s", strerror(ENOMEM));
	w->seg = n;
	n[w->nseg].s = b->s;
	n[w->nseg].var = var;
	n[w->nseg].line = line;
	n[w->nseg].col = col;
	w->nseg++;
	memset(b, 0, sizeof(*b));
	return 0;
}

/* $name or ${name} at l->p, as a variable piece of w. */
static int
variable(struct lex *l, struct jc_word *w, int indq)
{
	struct buf	 b = { NULL, 0, 0 };
	int		 line = l->line, col = l->col;

	advance(l);
	if (l->p < l->end && *l->p == '{') {
		advance(l);
		while (l->p < l->end && *l->p != '}') {
			if (*l->p == '\n' || *l->p == '{' ||
			    (indq && *l->p == '"') || *l->p == '\0') {
				free(b.s);
				return lerr(l, line, col,
				    "unterminated variable");
			}
			if (bput(&b, *l->p) == -1) {
				free(b.s);
				return lerr(l, line, col, "%s",
				    strerror(ENOMEM));
			}
			advance(l);
		}
		if (l->p >= l->end) {
			free(b.s);
			return lerr(l, line, col, "unterminated variable");
		}
		advance(l);
		if (b.s == NULL)
			return lerr(l, line, col, "empty variable name");
	} else {
		while (l->p < l->end && (*l->p == '_' ||
		    (*l->p >= 'A' && *l->p <= 'Z') ||
		    (*l->p >= 'a' && *l->p <= 'z') ||
		    (b.s != NULL && *l->p >= '0' && *l->p <= '9'))) {
			if (bput(&b, *l->p) == -1) {
				free(b.s);
				return lerr(l, line, col, "%s",
				    strerror(ENOMEM));
			}
			advance(l);
		}
		if (b.s == NULL)
			return 1;	/* a lone '$' is itself */
	}
	if (addseg(l, w, &b, 1, line, col) == -1) {
		free(b.s);
		return -1;
	}
	return 0;
}

static void
word_free(struct jc_word *w)
{
	size_t	 i;

	for (i = 0; i < w->nseg; i++)
		free(w->seg[i].s);
	free(w->seg);
	memset(w, 0, sizeof(*w));
}

/* Does a variable start after the '$' at l->p? */
static int
varstart(const struct lex *l)
{
	int	 c;

	if (l->p + 1 >= l->end)
		return 0;
	c = (unsigned char)l->p[1];
	return c == '{' || c == '_' || (c >= 'a' && c <= 'z') ||
	    (c >= 'A' && c <= 'Z');
}

/* A word at l->p, pieces joined. */
static int
word(struct lex *l, struct jc_word *w)
{
	struct buf	 b = { NULL, 0, 0 };
	int		 bl = l->line, bc = l->col, line, col, r, q;

	memset(w, 0, sizeof(*w));
	w->line = l->line;
	w->col = l->col;
	while (!wordend(l)) {
		q = (unsigned char)*l->p;
		if (q == '\'' || q == '"') {
			line = l->line;
			col = l->col;
			advance(l);
			for (;;) {
				if (l->p >= l->end) {
					r = lerr(l, line, col,
					    "unterminated string");
					goto fail;
				}
				if (*l->p == q) {
					advance(l);
					break;
				}
				if (*l->p == '\\') {
					if (escape(l, &b) == -1)
						goto fail;
					continue;
				}
				if (q == '"' && *l->p == '$' &&
				    varstart(l)) {
					if (addseg(l, w, &b, 0, bl, bc) == -1)
						goto fail;
					if (variable(l, w, 1) == -1)
						goto fail;
					bl = l->line;
					bc = l->col;
					continue;
				}
				if (*l->p == '\0') {
					r = lerr(l, l->line, l->col,
					    "a NUL byte in a string");
					goto fail;
				}
				if (bput(&b, *l->p) == -1)
					goto nomem;
				advance(l);
			}
		} else if (q == '\\') {
			if (escape(l, &b) == -1)
				goto fail;
		} else if (q == '$') {
			if (addseg(l, w, &b, 0, bl, bc) == -1)
				goto fail;
			if ((r = variable(l, w, 0)) == -1)
				goto fail;
			if (r == 1 && bput(&b, '$') == -1)
				goto nomem;
			bl = l->line;
			bc = l->col;
		} else if (atomchar(q) || q == '+' || q == '/') {
			if (bput(&b, (char)q) == -1)
				goto nomem;
			advance(l);
		} else {
			r = lerr(l, l->line, l->col,
			    q >= 0x20 && q < 0x7f ? "unexpected '%c'" :
			    "unexpected byte %#x", q);
			goto fail;
		}
	}
	if (addseg(l, w, &b, 0, bl, bc) == -1)
		goto fail;
	if (w->nseg == 0) {
		/* "" or '': an empty string, one empty literal piece. */
		if (bput(&b, 'x') == -1)
			goto nomem;
		b.s[b.len = 0] = '\0';
		if (addseg(l, w, &b, 0, w->line, w->col) == -1)
			goto fail;
	}
	return 0;
nomem:
	lerr(l, l->line, l->col, "%s", strerror(ENOMEM));
fail:
	free(b.s);
	word_free(w);
	(void)r;
	return -1;
}

/* The next token; a word goes to *w. */
static enum tok
next(struct lex *l, struct jc_word *w, int *line, int *col)
{
	if (blanks(l) == -1)
		return T_ERR;
	*line = l->line;
	*col = l->col;
	if (l->p >= l->end)
		return T_EOF;
	switch (*l->p) {
	case '{':
		advance(l);
		return T_LBRACE;
	case '}':
		advance(l);
		return T_RBRACE;
	case ';':
		advance(l);
		return T_SEMI;
	case ',':
		advance(l);
		return T_COMMA;
	case '=':
		advance(l);
		return T_EQ;
	case '+':
		if (l->p + 1 < l->end && l->p[1] == '=') {
			advance(l);
			advance(l);
			return T_PLEQ;
		}
		break;
	}
	if (word(l, w) == -1)
		return T_ERR;
	return T_WORD;
}

/* A look at the next token without taking it. */
static enum tok
peek(struct lex *l)
{
	struct lex	 save = *l;
	struct jc_word	 w;
	enum tok	 t;
	int		 line, col;

	t = next(l, &w, &line, &col);
	if (t == T_WORD)
		word_free(&w);
	*l = save;
	return t;
}

static const char *
tokname(enum tok t)
{
	switch (t) {
	case T_EOF:	return "the end of the file";
	case T_WORD:	return "a string";
	case T_LBRACE:	return "'{'";
	case T_RBRACE:	return "'}'";
	case T_SEMI:	return "';'";
	case T_COMMA:	return "','";
	case T_EQ:	return "'='";
	case T_PLEQ:	return "'+='";
	default:	return "an error";
	}
}

/* A word's text if it has no variable; NULL (and an error) if it has. */
static char *
literal(struct lex *l, const struct jc_word *w, const char *what)
{
	struct buf	 b = { NULL, 0, 0 };
	size_t		 i;
	const char	*s;

	for (i = 0; i < w->nseg; i++) {
		if (w->seg[i].var) {
			lerr(l, w->seg[i].line, w->seg[i].col,
			    "a variable in %s", what);
			free(b.s);
			return NULL;
		}
		for (s = w->seg[i].s; *s != '\0'; s++)
			if (bput(&b, *s) == -1) {
				free(b.s);
				lerr(l, w->line, w->col, "%s",
				    strerror(ENOMEM));
				return NULL;
			}
	}
	if (b.s == NULL && (b.s = strdup("")) == NULL)
		lerr(l, w->line, w->col, "%s", strerror(ENOMEM));
	return b.s;
}

/* The block named name, the last one if it is the last; else a new one. */
static struct jc_block *
block(struct jailconf *jc, const char *name, const char *file, int line,
    int col, int reuse)
{
	struct jc_block	*n;

	if (reuse && jc->nb > 0 && strcmp(jc->b[jc->nb - 1].name, name) == 0)
		return &jc->b[jc->nb - 1];
	if ((n = xrealloc(jc->b, jc->nb + 1, sizeof(*n))) == NULL)
		return NULL;
	jc->b = n;
	n += jc->nb;
	memset(n, 0, sizeof(*n));
	if ((n->name = strdup(name)) == NULL)
		return NULL;
	n->file = file;
	n->line = line;
	n->col = col;
	jc->nb++;
	return n;
}

/* A name for a message: no blank, no control character. */
static int
goodname(const char *s)
{
	for (; *s != '\0'; s++)
		if ((unsigned char)*s <= 0x20 || *s == 0x7f)
			return 0;
	return 1;
}

/*
 * A parameter whose name word nw was read, up to its ';' (taken), into
 * block bi.
 */
static int
param(struct lex *l, struct jc_word *nw, size_t bi)
{
	struct jc_param	 p, *np;
	struct jc_word	 w, *nv;
	struct jc_block	*b;
	enum tok	 t;
	int		 line, col;

	memset(&p, 0, sizeof(p));
	p.file = l->file;
	p.line = nw->line;
	p.col = nw->col;
	if (nw->nseg == 1 && nw->seg[0].var) {
		/* A variable's definition: "$name = value". */
		if ((p.name = malloc(strlen(nw->seg[0].s) + 2)) == NULL)
			return lerr(l, p.line, p.col, "%s", strerror(ENOMEM));
		p.name[0] = '$';
		strcpy(p.name + 1, nw->seg[0].s);
	} else if ((p.name = literal(l, nw, "a parameter name")) == NULL)
		return -1;
	if (p.name[0] == '\0' || !goodname(p.name)) {
		lerr(l, p.line, p.col, "%s parameter name", p.name[0] ?
		    "a blank or control character in a" : "an empty");
		free(p.name);
		return -1;
	}
	t = next(l, &w, &line, &col);
	if (t == T_EQ || t == T_PLEQ) {
		p.append = t == T_PLEQ;
		t = next(l, &w, &line, &col);
		if (t != T_WORD) {
			if (t != T_ERR)
				lerr(l, line, col, "expected a value after "
				    "%s, not %s", p.append ? "'+='" : "'='",
				    tokname(t));
			goto fail;
		}
	}
	while (t == T_WORD) {
		p.hasval = 1;
		if ((nv = xrealloc(p.val, p.nval + 1, sizeof(*nv))) == NULL) {
			word_free(&w);
			lerr(l, line, col, "%s", strerror(ENOMEM));
			goto fail;
		}
		p.val = nv;
		p.val[p.nval++] = w;
		t = next(l, &w, &line, &col);
		if (t != T_COMMA)
			break;
		t = next(l, &w, &line, &col);
		if (t != T_WORD) {
			if (t != T_ERR)
				lerr(l, line, col, "expected a value after "
				    "',', not %s", tokname(t));
			goto fail;
		}
	}
	if (t != T_SEMI) {
		if (t == T_WORD)
			word_free(&w);
		if (t != T_ERR)
			lerr(l, line, col, "expected ';' after %s, not %s",
			    p.name, tokname(t));
		goto fail;
	}
	if (p.name[0] == '$' && !p.hasval) {
		lerr(l, p.line, p.col, "variable %s without a value", p.name);
		goto fail;
	}
	b = &l->jc->b[bi];
	if ((np = xrealloc(b->p, b->np + 1, sizeof(*np))) == NULL) {
		lerr(l, p.line, p.col, "%s", strerror(ENOMEM));
		goto fail;
	}
	b->p = np;
	b->p[b->np++] = p;
	return 0;
fail:
	free(p.name);
	while (p.nval > 0)
		word_free(&p.val[--p.nval]);
	free(p.val);
	return -1;
}

static const char *
keepname(struct jailconf *jc, const char *name)
{
	char	**n, *s;

	if ((n = xrealloc(jc->files, jc->nfiles + 1, sizeof(*n))) == NULL)
		return NULL;
	jc->files = n;
	if ((s = strdup(name)) == NULL)
		return NULL;
	jc->files[jc->nfiles++] = s;
	return s;
}

static int	parse(struct jailconf *, const char *, const char *, size_t);

/* .include "pattern": every file the glob names, in order. */
static int
include(struct lex *l, const struct jc_word *w)
{
	struct jailconf	*jc = l->jc;
	glob_t		 g;
	char		*pat, *full = NULL;
	const char	*slash;
	size_t		 i;
	int		 r;

	if (jc->noinclude)
		return lerr(l, w->line, w->col, ".include is not allowed here");
	if (jc->depth >= MAXDEPTH)
		return lerr(l, w->line, w->col, ".include nested too deep");
	if ((pat = literal(l, w, ".include")) == NULL)
		return -1;
	/* A relative pattern is relative to the including file. */
	if (pat[0] != '/' && (slash = strrchr(l->file, '/')) != NULL) {
		if (asprintf(&full, "%.*s/%s", (int)(slash - l->file),
		    l->file, pat) == -1) {
			free(pat);
			return lerr(l, w->line, w->col, "%s",
			    strerror(ENOMEM));
		}
		free(pat);
		pat = full;
	}
	r = glob(pat, 0, NULL, &g);
	if (r == GLOB_NOMATCH) {
		/* An empty jail.conf.d is no error; a missing file is. */
		r = strpbrk(pat, "*?[") != NULL ? 0 :
		    lerr(l, w->line, w->col, "%s: %s", pat, strerror(ENOENT));
		free(pat);
		return r;
	}
	if (r != 0) {
		lerr(l, w->line, w->col, "%s: cannot read", pat);
		free(pat);
		return -1;
	}
	free(pat);
	jc->depth++;
	for (i = 0, r = 0; r == 0 && i < g.gl_pathc; i++)
		r = jailconf_parse_file(jc, g.gl_pathv[i]);
	jc->depth--;
	globfree(&g);
	return r;
}

/* The grammar over buf, the text of file. */
static int
parse(struct jailconf *jc, const char *file, const char *buf, size_t len)
{
	struct lex	 l;
	struct jc_word	 w;
	struct jc_block	*b;
	enum tok	 t;
	size_t		 bi;
	char		*name;
	int		 line, col, r;

	l.jc = jc;
	if ((l.file = keepname(jc, file)) == NULL) {
		snprintf(jc->err, sizeof(jc->err), "%s: %s", file,
		    strerror(ENOMEM));
		return -1;
	}
	l.p = buf;
	l.end = buf + len;
	l.line = l.col = 1;
	for (;;) {
		t = next(&l, &w, &line, &col);
		if (t == T_EOF)
			return 0;
		if (t == T_ERR)
			return -1;
		if (t == T_SEMI)
			continue;
		if (t != T_WORD)
			return lerr(&l, line, col, "unexpected %s",
			    tokname(t));
		if (w.nseg == 1 && !w.seg[0].var &&
		    strcmp(w.seg[0].s, ".include") == 0 &&
		    peek(&l) == T_WORD) {
			word_free(&w);
			if (next(&l, &w, &line, &col) != T_WORD)
				return -1;
			r = include(&l, &w);
			word_free(&w);
			if (r == -1)
				return -1;
			t = next(&l, &w, &line, &col);
			if (t == T_WORD)
				word_free(&w);
			if (t == T_ERR)
				return -1;
			if (t != T_SEMI)
				return lerr(&l, line, col, "expected ';' "
				    "after .include, not %s", tokname(t));
			continue;
		}
		if (peek(&l) == T_LBRACE) {
			if ((name = literal(&l, &w, "a jail name")) == NULL) {
				word_free(&w);
				return -1;
			}
			line = w.line;
			col = w.col;
			word_free(&w);
			if (*name == '\0' || !goodname(name)) {
				r = *name == '\0';
				free(name);
				return lerr(&l, line, col, r ?
				    "an empty jail name" : "a blank or control "
				    "character in a jail name");
			}
			b = block(jc, name, l.file, line, col, 0);
			free(name);
			if (b == NULL)
				return lerr(&l, line, col, "%s",
				    strerror(ENOMEM));
			(void)next(&l, &w, &line, &col);	/* the '{' */
			bi = (size_t)(b - jc->b);
			for (;;) {
				t = next(&l, &w, &line, &col);
				if (t == T_RBRACE)
					break;
				if (t == T_SEMI)
					continue;
				if (t == T_ERR)
					return -1;
				if (t != T_WORD)
					return lerr(&l, line, col, "expected "
					    "a parameter or '}', not %s",
					    tokname(t));
				r = param(&l, &w, bi);
				word_free(&w);
				if (r == -1)
					return -1;
			}
			continue;
		}
		/* A parameter outside any block: a default of every jail. */
		if ((b = block(jc, "*", l.file, line, col, 1)) == NULL) {
			word_free(&w);
			return lerr(&l, line, col, "%s", strerror(ENOMEM));
		}
		r = param(&l, &w, (size_t)(b - jc->b));
		word_free(&w);
		if (r == -1)
			return -1;
	}
}

void
jailconf_init(struct jailconf *jc)
{
	memset(jc, 0, sizeof(*jc));
}

int
jailconf_parse_buf(struct jailconf *jc, const char *file, const char *buf,
    size_t len)
{
	return parse(jc, file, buf, len);
}

int
jailconf_parse_file(struct jailconf *jc, const char *file)
{
	FILE	*f;
	char	*buf = NULL, *n;
	size_t	 len = 0, cap = 0, r;
	int	 ret;

	if ((f = fopen(file, "r")) == NULL) {
		snprintf(jc->err, sizeof(jc->err), "%s: %s", file,
		    strerror(errno));
		return -1;
	}
	for (;;) {
		if (len == cap) {
			cap = cap ? cap * 2 : 4096;
			if (cap > MAXFILE || (n = realloc(buf, cap)) == NULL) {
				snprintf(jc->err, sizeof(jc->err), "%s: %s",
				    file, cap > MAXFILE ? "too large" :
				    strerror(ENOMEM));
				free(buf);
				fclose(f);
				return -1;
			}
			buf = n;
		}
		if ((r = fread(buf + len, 1, cap - len, f)) == 0)
			break;
		len += r;
	}
	if (ferror(f)) {
		snprintf(jc->err, sizeof(jc->err), "%s: %s", file,
		    strerror(errno));
		free(buf);
		fclose(f);
		return -1;
	}
	fclose(f);
	ret = parse(jc, file, buf, len);
	free(buf);
	return ret;
}

/*
 * A parameter given on the command line ("name", "name=v" or "name+=v"),
 * at the end of block name; with split, a value is a list of values
 * separated by commas.  The value is taken as it is: no quoting, no
 * substitution.
 */
int
jailconf_add(struct jailconf *jc, const char *name, const char *arg,
    int split)
{
	struct jc_block	*b;
	struct jc_param	 p, *np;
	struct jc_word	*nv;
	const char	*eq, *v, *e, *file;
	size_t		 n;

	memset(&p, 0, sizeof(p));
	if ((file = keepname(jc, "command line")) == NULL ||
	    (b = block(jc, name, file, 0, 0, 1)) == NULL)
		goto nomem;
	p.file = file;
	if ((eq = strchr(arg, '=')) != NULL) {
		n = (size_t)(eq - arg);
		p.hasval = 1;
		if (n > 0 && arg[n - 1] == '+') {
			p.append = 1;
			n--;
		}
		p.name = strndup(arg, n);
	} else
		p.name = strdup(arg);
	if (p.name == NULL)
		goto nomem;
	if (p.name[0] == '\0' || p.name[0] == '$') {
		snprintf(jc->err, sizeof(jc->err), "%s: not a parameter", arg);
		free(p.name);
		return -1;
	}
	for (v = eq != NULL ? eq + 1 : NULL; v != NULL; v = e != NULL ?
	    e + 1 : NULL) {
		e = split ? strchr(v, ',') : NULL;
		n = e != NULL ? (size_t)(e - v) : strlen(v);
		if ((nv = xrealloc(p.val, p.nval + 1, sizeof(*nv))) == NULL)
			goto nomem;
		p.val = nv;
		memset(&nv[p.nval], 0, sizeof(*nv));
		if ((nv[p.nval].seg = calloc(1, sizeof(struct jc_seg))) ==
		    NULL)
			goto nomem;
		p.nval++;
		if ((nv[p.nval - 1].seg->s = strndup(v, n)) == NULL)
			goto nomem;
		nv[p.nval - 1].nseg = 1;
	}
	if ((np = xrealloc(b->p, b->np + 1, sizeof(*np))) == NULL)
		goto nomem;
	b->p = np;
	b->p[b->np++] = p;
	return 0;
nomem:
	free(p.name);
	while (p.nval > 0)
		word_free(&p.val[--p.nval]);
	free(p.val);
	snprintf(jc->err, sizeof(jc->err), "%s", strerror(ENOMEM));
	return -1;
}

/* The merged, unexpanded parameters of one jail. */
struct merged {
	const struct jc_param	**p;	/* each name's last one */
	struct jc_word		**v;	/* its values, with +='s */
	size_t			 *nv;
	size_t			 n;
};

static int
merge1(struct merged *m, const struct jc_param *p)
{
	struct jc_word	*nv;
	size_t		 i, k;
	void		*t;

	for (i = 0; i < m->n; i++)
		if (strcmp(m->p[i]->name, p->name) == 0)
			break;
	if (i == m->n) {
		if ((t = xrealloc(m->p, m->n + 1, sizeof(*m->p))) == NULL)
			return -1;
		m->p = t;
		if ((t = xrealloc(m->v, m->n + 1, sizeof(*m->v))) == NULL)
			return -1;
		m->v = t;
		if ((t = xrealloc(m->nv, m->n + 1, sizeof(*m->nv))) == NULL)
			return -1;
		m->nv = t;
		m->v[i] = NULL;
		m->nv[i] = 0;
		m->n++;
	} else if (!p->append) {
		free(m->v[i]);
		m->v[i] = NULL;
		m->nv[i] = 0;
	}
	m->p[i] = p;
	/* Shallow copies: the words stay the parse's. */
	if ((nv = xrealloc(m->v[i], m->nv[i] + p->nval, sizeof(*nv))) ==
	    NULL)
		return -1;
	m->v[i] = nv;
	for (k = 0; k < p->nval; k++)
		nv[m->nv[i]++] = p->val[k];
	return 0;
}

static void
merged_free(struct merged *m)
{
	size_t	 i;

	for (i = 0; i < m->n; i++)
		free(m->v[i]);
	free(m->p);
	free(m->v);
	free(m->nv);
}

static int expand(struct jailconf *, const struct merged *, const char *,
	    const struct jc_word *, int, struct buf *);

/* The value of parameter or variable name, its list joined by commas. */
static int
lookup(struct jailconf *jc, const struct merged *m, const char *jail,
    const struct jc_seg *s, int depth, struct buf *b)
{
	const char	*p;
	size_t		 i, k;
	int		 dollar;

	for (dollar = 0; dollar < 2; dollar++)
		for (i = 0; i < m->n; i++) {
			if (dollar != (m->p[i]->name[0] == '$') ||
			    strcmp(m->p[i]->name + dollar, s->s) != 0)
				continue;
			for (k = 0; k < m->nv[i]; k++) {
				if (b->len > MAXVALUE) {
					snprintf(jc->err, sizeof(jc->err),
					    "%d:%d: longer than %d bytes after "
					    "substitution", s->line, s->col,
					    MAXVALUE);
					return -1;
				}
				if (k > 0 && bput(b, ',') == -1)
					goto nomem;
				if (expand(jc, m, jail, &m->v[i][k],
				    depth + 1, b) == -1)
					return -1;
			}
			return 0;
		}
	if (strcmp(s->s, "name") == 0) {
		for (p = jail; *p != '\0'; p++)
			if (bput(b, *p) == -1)
				goto nomem;
		return 0;
	}
	return -2;
nomem:
	snprintf(jc->err, sizeof(jc->err), "%s", strerror(ENOMEM));
	return -1;
}

static int
expand(struct jailconf *jc, const struct merged *m, const char *jail,
    const struct jc_word *w, int depth, struct buf *b)
{
	const char	*p;
	size_t		 i;
	int		 r;

	if (depth > MAXSUBST) {
		snprintf(jc->err, sizeof(jc->err), "%d:%d: variables refer "
		    "to each other in a loop", w->line, w->col);
		return -1;
	}
	for (i = 0; i < w->nseg; i++) {
		if (b->len > MAXVALUE) {
			snprintf(jc->err, sizeof(jc->err), "%d:%d: longer than "
			    "%d bytes after substitution", w->line, w->col,
			    MAXVALUE);
			return -1;
		}
		if (!w->seg[i].var) {
			for (p = w->seg[i].s; *p != '\0'; p++)
				if (bput(b, *p) == -1)
					goto nomem;
			continue;
		}
		if ((r = lookup(jc, m, jail, &w->seg[i], depth, b)) == -2) {
			snprintf(jc->err, sizeof(jc->err), "%d:%d: %s: no "
			    "such parameter or variable", w->seg[i].line,
			    w->seg[i].col, w->seg[i].s);
			oneline(jc->err);
			return -1;
		}
		if (r == -1)
			return -1;
	}
	return 0;
nomem:
	snprintf(jc->err, sizeof(jc->err), "%s", strerror(ENOMEM));
	return -1;
}

/* Puts the file name before an "L:C: ..." message of expand(). */
static void
where(struct jailconf *jc, const char *file)
{
	char	 tmp[sizeof(jc->err)];

	if (jc->err[0] < '0' || jc->err[0] > '9')
		return;
	memcpy(tmp, jc->err, sizeof(tmp));
	if (snprintf(jc->err, sizeof(jc->err), "%s:%.400s", file, tmp) < 0)
		jc->err[0] = '\0';
}

/*
 * The parameters of jail name: the defaults ("*" blocks and parameters
 * outside blocks), then its own blocks, in order, expanded.  Returns 0,
 * or -1 with jc->err.  A jail with no block of its own has only the
 * defaults (jail -c from the command line).
 */
int
jailconf_resolve(struct jailconf *jc, const char *name, struct jc_jail *j)
{
	struct merged	 m;
	struct jc_rparam *rp;
	struct buf	 b;
	size_t		 i, k, pass;

	memset(&m, 0, sizeof(m));
	memset(j, 0, sizeof(*j));
	if ((j->name = strdup(name)) == NULL)
		goto nomem;
	for (pass = 0; pass < 2; pass++)
		for (i = 0; i < jc->nb; i++) {
			if (pass == 0 ? strcmp(jc->b[i].name, "*") != 0 :
			    strcmp(jc->b[i].name, name) != 0 ||
			    strcmp(name, "*") == 0)
				continue;
			for (k = 0; k < jc->b[i].np; k++)
				if (merge1(&m, &jc->b[i].p[k]) == -1)
					goto nomem;
		}
	for (i = 0; i < m.n; i++) {
		if (m.p[i]->name[0] == '$')
			continue;
		if ((rp = xrealloc(j->p, j->np + 1, sizeof(*rp))) == NULL)
			goto nomem;
		j->p = rp;
		rp += j->np++;
		memset(rp, 0, sizeof(*rp));
		rp->file = m.p[i]->file;
		rp->line = m.p[i]->line;
		rp->col = m.p[i]->col;
		rp->hasval = m.p[i]->hasval;
		if ((rp->name = strdup(m.p[i]->name)) == NULL)
			goto nomem;
		if ((rp->v = calloc(m.nv[i] ? m.nv[i] : 1, sizeof(*rp->v))) ==
		    NULL)
			goto nomem;
		for (k = 0; k < m.nv[i]; k++) {
			memset(&b, 0, sizeof(b));
			if (expand(jc, &m, name, &m.v[i][k], 0, &b) == -1) {
				free(b.s);
				where(jc, m.p[i]->file);
				goto fail;
			}
			if (b.s == NULL && (b.s = strdup("")) == NULL)
				goto nomem;
			rp->v[rp->n++] = b.s;
		}
	}
	merged_free(&m);
	return 0;
nomem:
	snprintf(jc->err, sizeof(jc->err), "%s", strerror(ENOMEM));
fail:
	merged_free(&m);
	jailconf_jail_free(j);
	return -1;
}

/* The parameter name of j, or NULL. */
const struct jc_rparam *
jailconf_get(const struct jc_jail *j, const char *name)
{
	size_t	 i;

	for (i = 0; i < j->np; i++)
		if (strcmp(j->p[i].name, name) == 0)
			return &j->p[i];
	return NULL;
}

void
jailconf_jail_free(struct jc_jail *j)
{
	size_t	 i, k;

	for (i = 0; i < j->np; i++) {
		for (k = 0; k < j->p[i].n; k++)
			free(j->p[i].v[k]);
		free(j->p[i].v);
		free(j->p[i].name);
	}
	free(j->p);
	free(j->name);
	memset(j, 0, sizeof(*j));
}

void
jailconf_free(struct jailconf *jc)
{
	size_t	 i, k, v;

	for (i = 0; i < jc->nb; i++) {
		for (k = 0; k < jc->b[i].np; k++) {
			for (v = 0; v < jc->b[i].p[k].nval; v++)
				word_free(&jc->b[i].p[k].val[v]);
			free(jc->b[i].p[k].val);
			free(jc->b[i].p[k].name);
		}
		free(jc->b[i].p);
		free(jc->b[i].name);
	}
	free(jc->b);
	for (i = 0; i < jc->nfiles; i++)
		free(jc->files[i]);
	free(jc->files);
	memset(jc, 0, sizeof(*jc));
}
