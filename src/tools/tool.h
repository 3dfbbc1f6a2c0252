/* tool.h: the shared part of the jail tools (tool.c). */
#ifndef TOOL_H
#define TOOL_H

void	tool_pass_signals(struct sysjail *);
int	tool_wait(struct sysjail *);
char	*tool_vis(const char *);

#endif
