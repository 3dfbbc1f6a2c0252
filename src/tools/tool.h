/* tool.h: the shared part of the jail tools (tool.c). */
#ifndef TOOL_H
#define TOOL_H

/* -J jid_file: see tool.c. */
struct tool_jidfile {
	const char	*path;		/* as given */
	const char	*name;		/* its last component */
	char		*tmp;		/* the name written, until renamed */
	int		 dfd;		/* its directory */
	int		 fd;		/* the file, -1 when closed */
};

void	tool_jidfile_open(struct tool_jidfile *, const char *);
void	tool_jidfile_write(struct tool_jidfile *, const char *);
void	tool_jidfile_close(struct tool_jidfile *, int);
void	tool_pass_signals(struct sysjail *);
int	tool_wait(struct sysjail *);
char	*tool_vis(const char *);

#endif
