/*
 * fuzz_recvfds.c: one message with descriptors, as the supervisor receives
 * it from the spawner (which runs in the jail's Landlock domain) or from
 * jexec's client (fdpass.c: sj_recvfds()).
 *
 * Input: how many descriptors the receiver wants (0-3), how many the
 * sender attaches (0-8, in one or two SCM_RIGHTS messages), the receiver's
 * buffer size, then the payload.  Properties: the count is the bytes
 * received; the wanted descriptors are open and new, the rest -1; every
 * descriptor beyond them is closed, so nothing leaks, whatever the sender
 * attached.
 */
#include <sys/socket.h>

#include <fcntl.h>
#include <unistd.h>

#include "sysjail_priv.h"
#include "fuzz.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct fuzz_in	 in = { data, size };
	union {
		struct cmsghdr	 h;
		char		 b[2 * CMSG_SPACE(8 * sizeof(int))];
	}		 u;
	struct msghdr	 m;
	struct iovec	 iov;
	struct cmsghdr	*c;
	char		 buf[256];
	int		 sv[2], fds[3], send[8], want, nsend, split, i, k;
	int		 before;
	size_t		 len;
	ssize_t		 n;
	unsigned char	 b;

	want = fuzz_u8(&in) % 4;
	b = fuzz_u8(&in);
	nsend = b % 9;
	split = (b >> 4) & 1 && nsend > 1;
	len = fuzz_u8(&in) % (sizeof(buf) + 1);
	if (in.n > sizeof(buf))
		in.n = sizeof(buf);
	before = fuzz_nfds();
	if (socketpair(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0, sv) == -1)
		abort();
	for (i = 0; i < nsend; i++)
		if ((send[i] = open("/dev/null", O_RDONLY | O_CLOEXEC)) == -1)
			abort();
	memset(&m, 0, sizeof(m));
	memset(&u, 0, sizeof(u));
	iov.iov_base = (void *)in.p;
	iov.iov_len = in.n;
	m.msg_iov = &iov;
	m.msg_iovlen = 1;
	if (nsend > 0) {
		k = split ? nsend / 2 : nsend;
		m.msg_control = u.b;
		m.msg_controllen = CMSG_SPACE(k * sizeof(int)) +
		    (split ? CMSG_SPACE((nsend - k) * sizeof(int)) : 0);
		c = CMSG_FIRSTHDR(&m);
		c->cmsg_level = SOL_SOCKET;
		c->cmsg_type = SCM_RIGHTS;
		c->cmsg_len = CMSG_LEN(k * sizeof(int));
		memcpy(CMSG_DATA(c), send, k * sizeof(int));
		if (split) {
			c = CMSG_NXTHDR(&m, c);
			c->cmsg_level = SOL_SOCKET;
			c->cmsg_type = SCM_RIGHTS;
			c->cmsg_len = CMSG_LEN((nsend - k) * sizeof(int));
			memcpy(CMSG_DATA(c), send + k,
			    (nsend - k) * sizeof(int));
		}
	}
	if (sendmsg(sv[0], &m, 0) != (ssize_t)in.n)
		abort();
	for (i = 0; i < nsend; i++)
		close(send[i]);
	memset(fds, 0x7f, sizeof(fds));
	n = sj_recvfds(sv[1], buf, len, fds, want, MSG_DONTWAIT);
	FUZZ_CHECK(n == (ssize_t)(in.n < len ? in.n : len));
	FUZZ_CHECK(memcmp(buf, in.p, (size_t)n) == 0);
	for (i = 0; i < want; i++) {
		if (i < nsend) {
			FUZZ_CHECK(fds[i] > 2 && fcntl(fds[i], F_GETFD) ==
			    FD_CLOEXEC);
			close(fds[i]);
		} else
			FUZZ_CHECK(fds[i] == -1);
	}
	close(sv[0]);
	close(sv[1]);
	FUZZ_CHECK(fuzz_nfds() == before);
	return 0;
}
