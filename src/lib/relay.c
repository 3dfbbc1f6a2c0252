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
 *	a terminal		the slave of a pseudo-terminal of the jail's
 *				own, relayed by the caller to and from its
 *				terminal (raw meanwhile) while the command
 *				runs; the command's controlling terminal
 *				(spawner.c).  When the command ends, the
 *				pseudo-terminal is closed: nothing the jail
 *				leaves behind can read or print on the
 *				caller's terminal.
 *	anything else		a pipe, relayed to or from the caller's
 *				descriptor by a relay process R of the
 *				caller's, for as long as anything in the
 *				jail holds the pipe, as a daemon's log file
 *				stays open on FreeBSD.  R is outside the
 *				jail and holds nothing else.  Even a pipe or
 *				a socket is relayed: through /proc/self/fd a
 *				jail could reopen a pipe the other way
 *				(reading what a host process writes into it,
 *				writing what one reads), and a socket would
 *				escape the jail's network rules.

 * When the command ends, sysjail_wait() has R deliver what the command
 * wrote before it returns, and give back to a file on its standard input
 * what it left unread.  Input from a pipe or a device is read as it comes
 * (a command that does not read its input may so take some of it from a
 * shell loop that feeds it, as ssh(1) does: give it </dev/null).
 */
#include <sys/ioctl.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include "sysjail_priv.h"

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
nonblock(int fd)
{
	(void)fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK);
}

/* A file, read as the jail takes it: the channel that can give back. */
#define LAZY(c)	((c)->peek != -1)

static void
chan(struct sj_relay *r, int from, int to)
{
	struct sj_chan	*c = &r->c[r->n++];

	memset(c, 0, sizeof(*c));
	c->from = from;
	c->to = to;
	c->peek = -1;
}

/*
 * The command has ended: what it left unread of a file given as its
 * standard input goes back to the file, as if it had been read from the
 * file itself (a shell's "while read" loop around jexec goes on where the
 * command stopped).  The jail's pipe is emptied first, and closed.  The
 * jail can write into its pipe too (through /proc/self/fd/0): what is
 * given back never exceeds what was taken from the file, so the file is
 * never moved back past where the command started, and the pipe is read
 * no further than that (a jail that writes on cannot hold the relay).
 */
static void
rewind_(struct sj_chan *c)
{
	char	 buf[4096];
	off_t	 back = (off_t)c->len;
	ssize_t	 n;

	if (c->peek == -1)
		return;
	while (back < c->taken && (n = read(c->peek, buf, (size_t)(c->taken -
	    back < (off_t)sizeof(buf) ? c->taken - back :
	    (off_t)sizeof(buf)))) > 0)
		back += n;
	if (back > c->taken)
		back = c->taken;
	if (back > 0)
		(void)lseek(0, -back, SEEK_CUR);	/* input is fd 0 */
	close(c->peek);
	c->peek = -1;
	c->len = 0;
	c->eof = 1;
}

/* Moves what is ready on channel c.  -1 once it has ended. */
static int
move(struct sj_chan *c, short rev, short wev)
{
	ssize_t	 n;

	if (c->eof)
		return -1;
	if (c->len == 0 && (rev & (POLLIN | POLLHUP | POLLERR))) {
		n = read(c->from, c->buf, sizeof(c->buf));
		if (n == -1 && (errno == EAGAIN || errno == EINTR))
			return 0;
		if (n <= 0) {	/* EOF, or EIO: the pty's slave is closed */
			c->eof = 1;
			return -1;
		}
		c->len = (size_t)n;
		c->off = 0;
		c->taken += n;
	}
	if (c->len > 0 && (wev & (POLLOUT | POLLERR | POLLHUP))) {
		n = write(c->to, c->buf + c->off, c->len);
		if (n == -1 && (errno == EAGAIN || errno == EINTR))
			return 0;
		if (n == -1) {	/* the reader went away: drop the rest */
			c->eof = 1;
			return -1;
		}
		c->off += (size_t)n;
		c->len -= (size_t)n;
	}
	return 0;
}

/*
 * One round of poll(2) over the channels of r and, if fd is not -1, fd:
 * moves what is ready.  Returns 1 if fd is readable, 0 if not, -1 with
 * errno.  A lazy channel reads only when its destination can take more.
 */
static int
round_(struct sj_relay *r, int fd, int timeout)
{
	struct pollfd	 p[1 + SJ_RELAY_MAXCHAN];
	int		 i, np = 0, at[SJ_RELAY_MAXCHAN], ready;

	if (fd != -1) {
		p[np].fd = fd;
		p[np++].events = POLLIN;
	}
	for (i = 0; i < r->n; i++) {
		struct sj_chan	*c = &r->c[i];

		at[i] = -1;
		if (c->eof)
			continue;
		at[i] = np;
		if (c->len == 0 && !LAZY(c)) {
			p[np].fd = c->from;
			p[np++].events = POLLIN;
		} else {
			p[np].fd = c->to;
			p[np++].events = POLLOUT;
		}
	}
	if (poll(p, (nfds_t)np, timeout) == -1)
		return errno == EINTR ? 0 : -1;
	ready = fd != -1 && p[0].revents != 0;
	for (i = 0; i < r->n; i++) {
		struct sj_chan	*c = &r->c[i];
		short		 ev;

		if (at[i] == -1 || (ev = p[at[i]].revents) == 0)
			continue;
		if (c->len == 0 && LAZY(c)) {
			/* Room on the jail's side: now read the caller's. */
			if (ev & (POLLERR | POLLHUP)) {
				c->eof = 1;
				continue;
			}
			(void)move(c, POLLIN, POLLOUT);
		} else if (c->len == 0)
			(void)move(c, ev, 0);
		else
			(void)move(c, 0, ev);
	}
	return ready;
}

/*
 * Moves everything that is there now on the output channels; from the
 * pseudo-terminal for 500 ms at most, which a process left behind could
 * otherwise keep busy.
 */
static void
flush_(struct sj_relay *r, int waitpty)
{
	struct sj_chan	*c;
	struct pollfd	 q;
	long long	 until = sj_now_ms() + 500;
	int		 i, n;

	for (i = 0; i < r->n; i++) {
		c = &r->c[i];
		if (c->from == 0)
			continue;	/* input: not waited for */
		for (n = 0; n < 65536 && !c->eof; n++) {
			if (waitpty && sj_now_ms() > until)
				break;		/* a writer left behind */
			if (c->len == 0 && waitpty && c->from == r->master) {
				/* The pty hands output on asynchronously. */
				q.fd = c->from;
				q.events = POLLIN;
				if (poll(&q, 1, 50) < 1)
					break;
			}
			if (c->len == 0 && (move(c, POLLIN, 0) == -1 ||
			    c->len == 0))
				break;
			q.fd = c->to;
			q.events = POLLOUT;
			(void)poll(&q, 1, 1000);
			if (move(c, 0, POLLOUT) == -1)
				break;
		}
	}
}

/* R holds its channels' descriptors and sfd, and nothing else. */
static void
keeponly(const struct sj_relay *r, int sfd)
{
	int	 k[3 * SJ_RELAY_MAXCHAN + 1], n = 0, i;

	k[n++] = sfd;
	for (i = 0; i < r->n; i++) {
		k[n++] = r->c[i].from;
		k[n++] = r->c[i].to;
		if (r->c[i].peek != -1)
			k[n++] = r->c[i].peek;
	}
	sj_close_except(0, k, n);
}

/*
 * R: relays the pipes of r until every one has ended, answering each byte
 * on the socket sfd, once all that is there has been delivered, with one
 * byte.  Never returns.
 */
static void __attribute__((noreturn))
relayer(struct sj_relay *r, int sfd)
{
	char	 b;
	int	 i, live;

	(void)setsid();
	(void)prctl(PR_SET_NAME, "sysjail-relay", 0, 0, 0);
	signal(SIGPIPE, SIG_IGN);
	keeponly(r, sfd);
	for (i = 0; i < r->n; i++) {
		if (r->c[i].from > 2)
			nonblock(r->c[i].from);
		if (r->c[i].to > 2)
			nonblock(r->c[i].to);
		if (r->c[i].peek != -1)
			nonblock(r->c[i].peek);
	}
	for (;;) {
		/*
		 * An ended channel's pipe is closed; a file's stays readable
		 * through peek until the caller's sync gives back what the
		 * jail left of it.  R ends when nothing is left to relay and
		 * the caller has let go.
		 */
		for (i = live = 0; i < r->n; i++)
			if (!r->c[i].eof)
				live++;
			else if (r->c[i].from > 2 || r->c[i].to > 2) {
				close(r->c[i].from > 2 ? r->c[i].from :
				    r->c[i].to);
				r->c[i].from = r->c[i].to = -1;
			}
		if (live == 0 && sfd == -1)
			_exit(0);
		switch (round_(r, sfd, -1)) {
		case -1:
			_exit(1);
		case 1:
			if (read(sfd, &b, 1) == 1) {
				flush_(r, 0);
				for (i = 0; i < r->n; i++)
					rewind_(&r->c[i]);
				(void)send(sfd, &b, 1, MSG_NOSIGNAL);
			} else {
				close(sfd);
				sfd = -1;
			}
		}
	}
}

/*
 * Starts R, nobody's child (a double fork, as for the keeper), for the
 * pipe channels of r, which it takes over: r keeps none of them, and
 * r->sync is the socket to R.  Returns 0, or -1 with errno.
 */
static int
startr(struct sj_relay *r)
{
	int	 sp[2], i, st;
	pid_t	 pid;

	if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sp) == -1)
		return -1;
	if ((sp[0] = above2(sp[0])) == -1 || (sp[1] = above2(sp[1])) == -1)
		return -1;
	if ((pid = fork()) == -1) {
		close(sp[0]);
		close(sp[1]);
		return -1;
	}
	if (pid == 0) {
		close(sp[0]);
		for (i = 0; i < 3; i++)
			if (r->made[i] != -1)
				close(r->made[i]);
		if (r->master != -1)
			close(r->master);
		if (fork() == 0)
			relayer(r, sp[1]);
		_exit(0);
	}
	close(sp[1]);
	while (waitpid(pid, &st, 0) == -1 && errno == EINTR)
		continue;
	for (i = 0; i < r->n; i++) {
		close(r->c[i].from > 2 ? r->c[i].from : r->c[i].to);
		if (r->c[i].peek != -1)
			close(r->c[i].peek);
	}
	r->n = 0;
	r->sync = sp[0];
	return 0;
}

/*
 * The pseudo-terminal, made like the caller's terminal tty, in the jail's
 * own devpts: jailed root can fchown(2) and fchmod(2) the slave's node
 * through the descriptor it gets, so the node must be in no directory a
 * host process opens, and the jail's programs find it as their terminal
 * under /dev/pts.  jailpts is the running jail's devpts (jexec); without
 * it, a new instance that the supervisor makes the jail's /dev/pts
 * (sj_rofs_apply()), or that stays mounted nowhere if the jail has none.
 * A jail that holds every pseudo-terminal of its devpts does not keep
 * jexec from giving a command a terminal: it gets one of an instance
 * mounted nowhere (atk14).
 */
static int
openpty_like(struct sj_relay *r, int tty, int *slave, int jailpts)
{
	struct termios	 t;
	struct winsize	 w;
	int		 unlock = 0;

	if (jailpts != -1)
		r->master = above2(openat(jailpts, "ptmx", O_RDWR | O_NOCTTY |
		    O_CLOEXEC));
	if (r->master == -1 && ((r->pts = sj_devpts()) == -1 ||
	    (r->master = above2(openat(r->pts, "ptmx", O_RDWR | O_NOCTTY |
	    O_CLOEXEC))) == -1))
		return -1;
	if (ioctl(r->master, TIOCSPTLCK, &unlock) == -1 ||
	    (*slave = above2(ioctl(r->master, TIOCGPTPEER, O_RDWR | O_NOCTTY |
	    O_CLOEXEC))) == -1)
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
sj_relay_open(struct sj_relay *r, int jfd[3], int jailpts)
{
	struct stat	 sb[3];
	int		 i, p[2], slave = -1, tty = -1, open_[3], save;

	memset(r, 0, sizeof(*r));
	r->master = r->tty = r->sync = r->pts = -1;
	for (i = 0; i < 3; i++) {
		r->made[i] = -1;
		open_[i] = fstat(i, &sb[i]) == 0;
		jfd[i] = open_[i] ? i : -1;
		if (open_[i] && tty == -1 && isatty(i))
			tty = i;
	}
	if (tty != -1 && openpty_like(r, tty, &slave, jailpts) == -1)
		goto fail;
	for (i = 0; i < 3; i++) {
		if (!open_[i])
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
			chan(r, 0, p[1]);
			/*
			 * A file is read as the jail takes it, and what the
			 * command left unread is given back at its end
			 * (rewind()); the rest (a pipe, a device) as it
			 * comes, never blocking R.
			 */
			if (S_ISREG(sb[0].st_mode) && (r->c[r->n - 1].peek =
			    fcntl(p[0], F_DUPFD_CLOEXEC, 3)) == -1)
				goto fail;
			jfd[0] = r->made[0] = p[0];
		} else {
			chan(r, p[0], i);
			jfd[i] = r->made[i] = p[1];
		}
	}
	if (slave != -1 && r->made[0] != slave)
		close(slave);
	slave = -1;
	if (r->n > 0 && startr(r) == -1)
		goto fail;
	if (r->master != -1) {
		/* Output to the first terminal; input from 0 if it is one. */
		chan(r, r->master, isatty(1) ? 1 : isatty(2) ? 2 : r->tty);
		if (r->made[0] != -1 && isatty(0)) {
			chan(r, 0, r->master);
			if (tcgetattr(0, &r->saved) == 0) {
				struct termios	 raw = r->saved;

				cfmakeraw(&raw);
				if (tcsetattr(0, TCSADRAIN, &raw) == 0)
					r->raw = 1;
			}
		}
		nonblock(r->master);
	}
	r->active = 1;
	return 0;
fail:
	save = errno;
	if (slave != -1 && slave != r->made[0])
		close(slave);
	for (i = 0; i < r->n; i++) {
		close(r->c[i].from > 2 ? r->c[i].from : r->c[i].to);
		if (r->c[i].peek != -1)
			close(r->c[i].peek);
	}
	r->n = 0;
	sj_relay_handed(r);
	r->active = 1;
	sj_relay_close(r);
	errno = save;
	return -1;
}

/*
 * In the child that becomes the keeper: the jail's ends become its
 * descriptors 0, 1 and 2 (closed where jfd says -1), and the caller's own
 * ends are closed.
 */
void
sj_relay_child(struct sj_relay *r, const int jfd[3])
{
	int	 i;

	if (!r->active)
		return;
	if (r->master != -1)
		close(r->master);
	if (r->sync != -1)
		close(r->sync);
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
	r->master = r->sync = -1;
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
	if (r->pts != -1)
		close(r->pts);
	r->pts = -1;
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
 * Waits until ctlfd is readable, relaying the terminal meanwhile.  Returns
 * 0 when ctlfd is readable, or -1 with errno.
 */
int
sj_relay_wait(struct sj_relay *r, int ctlfd)
{
	int	 k;

	if (r->master == -1)
		return 0;	/* only R relays: recv(2) waits */
	for (;;) {
		k = round_(r, ctlfd, 500);
		resize(r);
		if (k != 0)
			return k == 1 ? 0 : -1;
	}
}

/*
 * The command has ended: delivers what it wrote, through the terminal and
 * through R, then ends the caller's part of the relay.
 */
void
sj_relay_drain(struct sj_relay *r)
{
	char	 b = 's';

	if (!r->active)
		return;
	flush_(r, 1);
	/* R may have ended already, having delivered everything. */
	if (r->sync != -1 && send(r->sync, &b, 1, MSG_NOSIGNAL) == 1)
		while (read(r->sync, &b, 1) == -1 && errno == EINTR)
			continue;
	sj_relay_close(r);
}

/*
 * Ends the caller's part: its terminal restored, the pseudo-terminal
 * closed (the jail's side hangs up); R goes on with the pipes.
 */
void
sj_relay_close(struct sj_relay *r)
{
	if (!r->active)
		return;
	if (r->raw)
		(void)tcsetattr(0, TCSADRAIN, &r->saved);
	r->raw = 0;
	r->n = 0;
	if (r->master != -1)
		close(r->master);
	if (r->sync != -1)
		close(r->sync);
	r->master = r->sync = -1;
	r->active = 0;
}
