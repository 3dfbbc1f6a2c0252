/*
 * fdpass.c: one message with descriptors attached (SCM_RIGHTS), the way
 * the supervisor, the spawner and jexec's client talk; and closing every
 * descriptor but a few, as a process of the jail's does when it starts.
 */
#include <sys/socket.h>
#include <sys/syscall.h>

#include <errno.h>
#include <string.h>
#include <unistd.h>

#include "sysjail_priv.h"

#define MAXFDS	4

/* Sends len bytes of buf with nfds descriptors (at most 4). */
ssize_t
sj_sendfds(int s, const void *buf, size_t len, const int *fds, int nfds)
{
	union {
		struct cmsghdr	 h;
		char		 b[CMSG_SPACE(MAXFDS * sizeof(int))];
	}		 u;
	struct msghdr	 m;
	struct iovec	 iov;
	struct cmsghdr	*c;

	if (nfds < 0 || nfds > MAXFDS) {
		errno = EINVAL;
		return -1;
	}
	memset(&m, 0, sizeof(m));
	memset(&u, 0, sizeof(u));
	iov.iov_base = (void *)buf;
	iov.iov_len = len;
	m.msg_iov = &iov;
	m.msg_iovlen = 1;
	if (nfds > 0) {
		m.msg_control = u.b;
		m.msg_controllen = CMSG_SPACE((size_t)nfds * sizeof(int));
		c = CMSG_FIRSTHDR(&m);
		c->cmsg_level = SOL_SOCKET;
		c->cmsg_type = SCM_RIGHTS;
		c->cmsg_len = CMSG_LEN((size_t)nfds * sizeof(int));
		memcpy(CMSG_DATA(c), fds, (size_t)nfds * sizeof(int));
	}
	return sendmsg(s, &m, MSG_NOSIGNAL);
}

/*
 * Receives one message into buf, and up to nfds of the descriptors it
 * carries into fds (close-on-exec; -1 where none came); descriptors beyond
 * nfds are closed.  Returns recvmsg(2)'s count.
 */
ssize_t
sj_recvfds(int s, void *buf, size_t len, int *fds, int nfds, int flags)
{
	union {
		struct cmsghdr	 h;
		char		 b[CMSG_SPACE(8 * sizeof(int))];
	}		 u;
	struct msghdr	 m;
	struct iovec	 iov;
	struct cmsghdr	*c;
	ssize_t		 n;
	size_t		 got, k;
	int		 in[8], i;

	for (i = 0; i < nfds; i++)
		fds[i] = -1;
	memset(&m, 0, sizeof(m));
	iov.iov_base = buf;
	iov.iov_len = len;
	m.msg_iov = &iov;
	m.msg_iovlen = 1;
	m.msg_control = u.b;
	m.msg_controllen = sizeof(u.b);
	while ((n = recvmsg(s, &m, flags | MSG_CMSG_CLOEXEC)) == -1 &&
	    errno == EINTR)
		continue;
	for (c = CMSG_FIRSTHDR(&m); n >= 0 && c != NULL;
	    c = CMSG_NXTHDR(&m, c)) {
		if (c->cmsg_level != SOL_SOCKET || c->cmsg_type != SCM_RIGHTS)
			continue;
		got = (c->cmsg_len - CMSG_LEN(0)) / sizeof(int);
		memcpy(in, CMSG_DATA(c), got * sizeof(int));
		for (k = 0; k < got; k++) {
			if (k < (size_t)nfds)
				fds[k] = in[k];
			else
				close(in[k]);	/* more than was asked */
		}
	}
	return n;
}

/*
 * Closes every descriptor from lo up except the n (at most 16) in keep:
 * what a process keeps when it starts a life of its own.
 */
void
sj_close_except(int lo, const int *keep, int n)
{
	int	 k[16], i, j, t;

	if (n > 16)
		n = 16;
	for (i = 0; i < n; i++)
		k[i] = keep[i];
	for (i = 0; i < n; i++)		/* sort the few */
		for (j = i + 1; j < n; j++)
			if (k[j] < k[i]) {
				t = k[i];
				k[i] = k[j];
				k[j] = t;
			}
	for (i = 0; i < n; i++) {
		if (k[i] < lo)
			continue;
		if (k[i] > lo)
			syscall(SYS_close_range, lo, k[i] - 1, 0);
		lo = k[i] + 1;
	}
	syscall(SYS_close_range, lo, ~0U, 0);
}
