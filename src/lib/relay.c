/*
 * relay.c: the jail's standard streams, on the caller's side.
 *
 * Jailed root keeps CAP_CHOWN, CAP_FOWNER and CAP_FSETID, and nothing in
 * the kernel limits what it does with a descriptor it holds: handed the
 * caller's own descriptors, it could fchmod(2) the file the caller
 * redirected its output to into a set-uid program, make the caller's
 * terminal world-writable, or read what is typed on it after the command
 * has returned.  So a jail never gets a descriptor of the caller's that
 * reaches a file, a device or a terminal.  Each of the caller's
 * descriptors 0, 1 and 2 is handed to the jail as follows:
 *
 *	closed			closed
 *	an anonymous pipe or	as it is: its inode is the kernel's own, and
 *	a socket		a pipeline keeps its meaning
 *	a terminal		the slave of a pseudo-terminal of the jail's
 *				own, relayed to and from the caller's terminal
 *				(put in raw mode meanwhile); the command gets
 *				it as its controlling terminal (spawner.c)
 *	anything else		a pipe, relayed to or from the caller's
 *
 * The relay runs in sysjail_wait(), and ends when the command does: what
 * the command wrote before it ended is delivered, nothing after, and the
 * caller's terminal is restored.  Input is read from the caller at most
 * one buffer ahead of what the jail has taken.
 */
#include <sys/ioctl.h>
#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include "sysjail_priv.h"

/* Is fd an anonymous pipe or a socket, which the jail may hold as is? */
static int
harmless(int fd, const struct stat *sb)
{
	char	 path[64], link[64];
	ssize_t	 n;

	if (S_ISSOCK(sb->st_mode))
		return 1;
	if (!S_ISFIFO(sb->st_mode))
		return 0;
	/* A FIFO with a name is a file of some file system: relayed. */
	snprintf(path, sizeof(path), "/proc/self/fd/%d", fd);
	if ((n = readlink(path, link, sizeof(link) - 1)) == -1)
		return 0;
	link[n] = '\0';
	return strncmp(link, "pipe:[", 6) == 0;
}

/* fd moved above 2, where none of the caller's streams is. */
static int
above2(int fd)
{
	int	 n;

	if (fd == -1 || fd > 2)
		return fd;
	n = fcntl(fd, F_DUPFD_CLOEXEC, 3);
	close(fd);
	return n;
}

static void
chan(struct sj_relay *r, int from, int to, int ours)
{
	struct sj_chan	*c = &r->c[r->n++];

	c->from = from;
	c->to = to;
	c->ours = ours;
	c->len = c->off = 0;
	c->eof = 0;
}

/* The pseudo-terminal, made like the caller's terminal tty. */
static int
openpty_like(struct sj_relay *r, int tty, int *slave)
{
	struct termios	 t;
	struct winsize	 w;
	char		 name[64];
	int		 unlock = 0;

	if ((r->master = above2(posix_openpt(O_RDWR | O_NOCTTY |
	    O_CLOEXEC))) == -1)
		return -1;
	if (grantpt(r->master) == -1 ||
	    ioctl(r->master, TIOCSPTLCK, &unlock) == -1 ||
	    ptsname_r(r->master, name, sizeof(name)) != 0 ||
	    (*slave = above2(open(name, O_RDWR | O_NOCTTY | O_CLOEXEC))) ==
	    -1)
		return -1;
	if (tcgetattr(tty, &t) == 0)
		(void)tcsetattr(*slave, TCSANOW, &t);
	if (ioctl(tty, TIOCGWINSZ, &w) == 0) {
		(void)ioctl(r->master, TIOCSWINSZ, &w);
		r->ws = w;
	}
	r->tty = tty;
	return 0;
}

/*
 * Decides what the jail gets for the caller's descriptors 0, 1 and 2 and
 * makes it: jfd[i] is the descriptor to hand over as i (-1: closed).  The
 * descriptors in jfd that the relay made are the caller's to close once
 * they are handed over (sj_relay_handed()).  Returns 0, or -1 with errno
 * and nothing left made.
 */
int
sj_relay_open(struct sj_relay *r, int jfd[3])
{
	struct stat	 sb[3];
	int		 i, p[2], slave = -1, tty = -1, open_[3];

	memset(r, 0, sizeof(*r));
	r->master = r->tty = -1;
	for (i = 0; i < 3; i++) {
		r->made[i] = -1;
		open_[i] = fstat(i, &sb[i]) == 0;
		jfd[i] = open_[i] ? i : -1;
		if (open_[i] && tty == -1 && isatty(i))
			tty = i;
	}
	if (tty != -1 && openpty_like(r, tty, &slave) == -1)
		goto fail;
	for (i = 0; i < 3; i++) {
		if (!open_[i] || harmless(i, &sb[i]))
			continue;
		if (slave != -1 && isatty(i)) {
			jfd[i] = r->made[i] = i == 0 ? slave :
			    fcntl(slave, F_DUPFD_CLOEXEC, 3);
			if (jfd[i] == -1)
				goto fail;
			continue;
		}
		if (pipe2(p, O_CLOEXEC) == -1)
			goto fail;
		if ((p[0] = above2(p[0])) == -1 || (p[1] = above2(p[1])) == -1)
			goto fail;
		if (i == 0) {
			chan(r, 0, p[1], 1);
			jfd[0] = r->made[0] = p[0];
		} else {
			chan(r, p[0], i, 1);
			jfd[i] = r->made[i] = p[1];
		}
	}
	if (slave != -1 && r->made[0] != slave)
		close(slave);
	if (r->master != -1) {
		/* Output to the first terminal; input from 0 if it is one. */
		chan(r, r->master, isatty(1) ? 1 : isatty(2) ? 2 : r->tty, 0);
		if (r->made[0] != -1 && isatty(0))
			chan(r, 0, r->master, 0);
		if (isatty(0) && r->made[0] != -1 && tcgetattr(0, &r->saved) ==
		    0) {
			struct termios	 raw = r->saved;

			cfmakeraw(&raw);
			if (tcsetattr(0, TCSADRAIN, &raw) == 0)
				r->raw = 1;
		}
	}
	for (i = 0; i < r->n; i++)
		if (r->c[i].ours) {
			/* Our ends of the pipes never block the relay. */
			int	 e = r->c[i].from == 0 ? r->c[i].to : r->c[i].from;

			(void)fcntl(e, F_SETFL, fcntl(e, F_GETFL) | O_NONBLOCK);
		}
	if (r->master != -1)
		(void)fcntl(r->master, F_SETFL, fcntl(r->master, F_GETFL) |
		    O_NONBLOCK);
	r->active = 1;
	return 0;
fail:
	i = errno;
	if (slave != -1 && slave != r->made[0])
		close(slave);
	sj_relay_handed(r);
	r->active = 1;
	sj_relay_close(r);
	errno = i;
	return -1;
}

/*
 * In the child that becomes the keeper: the jail's ends become its
 * descriptors 0, 1 and 2 (closed where jfd says -1), and the relay's own
 * ends are closed, so that the jail sees the end of its input and the
 * caller the end of the jail's output.
 */
void
sj_relay_child(struct sj_relay *r, const int jfd[3])
{
	int	 i, fd;

	if (!r->active)
		return;
	for (i = 0; i < r->n; i++) {
		fd = r->c[i].from == 0 || r->c[i].from == r->master ?
		    r->c[i].to : r->c[i].from;
		if (r->c[i].ours && fd > 2)
			close(fd);
	}
	if (r->master != -1)
		close(r->master);
	for (i = 0; i < 3; i++) {
		if (jfd[i] == -1)
			close(i);
		else if (jfd[i] != i)
			(void)dup2(jfd[i], i);	/* not close-on-exec */
	}
	for (i = 0; i < 3; i++)
		if (r->made[i] > 2)
			close(r->made[i]);
	r->n = 0;
	r->master = -1;
	r->active = 0;
}

/* The jail's ends are handed over: the caller closes its copies. */
void
sj_relay_handed(struct sj_relay *r)
{
	int	 i;

	for (i = 0; i < 3; i++)
		if (r->made[i] != -1) {
			close(r->made[i]);
			r->made[i] = -1;
		}
}

/* A closed channel's descriptor that is the relay's own is closed. */
static void
shut(struct sj_relay *r, struct sj_chan *c)
{
	int	 i, fd = c->from == 0 || c->from == r->master ? c->to : c->from;

	c->eof = 1;
	if (fd <= 2 || fd == r->master)
		return;
	for (i = 0; i < r->n; i++)
		if (&r->c[i] != c && (r->c[i].from == fd || r->c[i].to == fd))
			return;
	close(fd);
}

/* Moves what is ready on channel c.  -1 once it has ended. */
static int
move(struct sj_relay *r, struct sj_chan *c, short rev, short wev)
{
	ssize_t	 n;

	if (c->eof)
		return -1;
	if (c->len == 0 && (rev & (POLLIN | POLLHUP | POLLERR))) {
		n = read(c->from, c->buf, sizeof(c->buf));
		if (n == -1 && (errno == EAGAIN || errno == EINTR))
			return 0;
		if (n <= 0) {	/* EOF, or EIO: the pty's slave is closed */
			shut(r, c);
			return -1;
		}
		c->len = (size_t)n;
		c->off = 0;
	}
	if (c->len > 0 && (wev & (POLLOUT | POLLERR | POLLHUP))) {
		n = write(c->to, c->buf + c->off, c->len);
		if (n == -1 && (errno == EAGAIN || errno == EINTR))
			return 0;
		if (n == -1) {	/* the reader went away: drop the rest */
			shut(r, c);
			return -1;
		}
		c->off += (size_t)n;
		c->len -= (size_t)n;
	}
	return 0;
}

/* The caller's terminal was resized: so is the jail's. */
static void
resize(struct sj_relay *r)
{
	struct winsize	 w;

	if (r->master == -1 || ioctl(r->tty, TIOCGWINSZ, &w) == -1 ||
	    memcmp(&w, &r->ws, sizeof(w)) == 0)
		return;
	r->ws = w;
	(void)ioctl(r->master, TIOCSWINSZ, &w);
}

/*
 * Waits until ctlfd is readable, relaying meanwhile.  Returns 0 when
 * ctlfd is readable, or -1 with errno.
 */
int
sj_relay_wait(struct sj_relay *r, int ctlfd)
{
	struct pollfd	 p[1 + 2 * SJ_RELAY_MAXCHAN];
	int		 i, k, np, idx[SJ_RELAY_MAXCHAN][2];

	for (;;) {
		np = 0;
		p[np].fd = ctlfd;
		p[np++].events = POLLIN;
		for (i = 0; r->active && i < r->n; i++) {
			struct sj_chan	*c = &r->c[i];

			idx[i][0] = idx[i][1] = -1;
			if (c->eof)
				continue;
			if (c->len == 0) {
				idx[i][0] = np;
				p[np].fd = c->from;
				p[np++].events = POLLIN;
			} else {
				idx[i][1] = np;
				p[np].fd = c->to;
				p[np++].events = POLLOUT;
			}
		}
		if (poll(p, (nfds_t)np, r->master != -1 ? 1000 : -1) == -1) {
			if (errno != EINTR)
				return -1;
			resize(r);
			continue;
		}
		resize(r);
		if (p[0].revents)
			return 0;
		for (i = 0; r->active && i < r->n; i++) {
			k = idx[i][0] != -1 ? idx[i][0] : idx[i][1];
			if (k == -1 || p[k].revents == 0)
				continue;
			(void)move(r, &r->c[i], idx[i][0] != -1 ? p[k].revents :
			    0, idx[i][1] != -1 ? p[k].revents : POLLOUT);
		}
	}
}

/*
 * The command has ended: delivers what it wrote and what is still
 * buffered, then ends the relay.  Output only: input is not waited for.
 */
void
sj_relay_drain(struct sj_relay *r)
{
	struct sj_chan	*c;
	int		 i, fl, rounds;

	if (!r->active)
		return;
	for (i = 0; i < r->n; i++) {
		c = &r->c[i];
		if (c->from == 0 || c->eof)
			continue;	/* input, or ended */
		/* The caller's side blocks: every byte is written. */
		fl = fcntl(c->to, F_GETFL);
		for (rounds = 0; rounds < 4096 && !c->eof; rounds++) {
			if (c->len == 0 && c->from == r->master) {
				/* The pty hands output on asynchronously. */
				struct pollfd	 q = { c->from, POLLIN, 0 };

				if (poll(&q, 1, 50) < 1)
					break;
			}
			if (c->len == 0 && move(r, c, POLLIN, 0) == -1)
				break;
			if (c->len == 0)
				break;		/* nothing more is there */
			if (fl != -1 && (fl & O_NONBLOCK)) {
				struct pollfd	 q = { c->to, POLLOUT, 0 };

				(void)poll(&q, 1, 1000);
			}
			if (move(r, c, 0, POLLOUT) == -1)
				break;
		}
	}
	sj_relay_close(r);
}

/* Ends the relay: the caller's terminal restored, every end closed. */
void
sj_relay_close(struct sj_relay *r)
{
	int	 i;

	if (!r->active)
		return;
	if (r->raw)
		(void)tcsetattr(0, TCSADRAIN, &r->saved);
	r->raw = 0;
	for (i = 0; i < r->n; i++)
		if (!r->c[i].eof)
			shut(r, &r->c[i]);
	r->n = 0;
	if (r->master != -1)
		close(r->master);
	r->master = -1;
	r->active = 0;
}
