/* tool.h: the shared part of the jail tools (tool.c). */
#ifndef TOOL_H
#define TOOL_H

#include <sys/types.h>

#include <stddef.h>
#include <stdio.h>

/*
 * The allow parameters: FreeBSD's allow.* and mount.* booleans that a
 * jail's flags hold, in the order sjls(1) lists them; the table ends with
 * a NULL name.
 */
struct tool_param {
	const char	*name;		/* sysjail -a's: sysvipc */
	const char	*shown;		/* sjls's: allow.sysvipc */
	unsigned int	 flag;		/* SYSJAIL_* */
	int		 inverse;	/* the flag forbids it */
};
extern const struct tool_param	tool_params[];

struct sysjail;
struct sysjail_info;

/* -J jid_file: see tool.c. */
struct tool_jidfile {
	const char	*path;		/* as given */
	const char	*name;		/* its last component */
	char		*tmp;		/* the name written, until renamed */
	int		 dfd;		/* its directory */
	int		 fd;		/* the file, -1 when closed */
};

void	tool_jidfile_open(struct tool_jidfile *, const char *, const char *);
int	tool_open_in(const char *, const char *, int, mode_t);
void	tool_jidfile_write(struct tool_jidfile *, const char *);
void	tool_jidfile_close(struct tool_jidfile *, int);
void	tool_pass_signals(struct sysjail *);
int	tool_wait(struct sysjail *);
char	*tool_vis(const char *);
void	tool_nvval(FILE *, const char *);
void	tool_jsonstr(FILE *, const char *);
int	tool_matches(const struct sysjail_info *, const char *);
int	tool_jail(const struct sysjail_info *, size_t, const char *);
const char *tool_dbdir(void);
int	tool_wait_bounded(struct sysjail *, unsigned int, int *);
int	tool_param_index(const char *, size_t, int);
int	tool_param(const char *, unsigned int *, char *, size_t);
int	tool_param_value(unsigned int, size_t);

#endif
