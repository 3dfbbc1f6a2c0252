/*
 * uring: io_uring (A09).  Operations submitted to a ring are performed by
 * the kernel without passing through the system call entry, so no seccomp
 * filter, and no supervisor, sees them: a jail must not let a ring be made
 * at all.  The fixture sets one up and, if it gets one, connects to the
 * host's TCP service on 127.0.0.1 (SJ_HOSTPORT) and opens /proc/1/status
 * through it.  Jailed, io_uring_setup(2) is ENOSYS and nothing is
 * submitted; bare, both operations are performed.
 */
#include <sys/mman.h>
#include <sys/socket.h>
#include <sys/syscall.h>

#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <linux/io_uring.h>
#include <stdatomic.h>
#include <stdint.h>
#include <string.h>
#include <unistd.h>

#include "fixture.h"

static struct io_uring_params	 prm;
static unsigned char		*sq, *cq;
static struct io_uring_sqe	*sqes;
static int			 ring = -1;

static int
setup(void)
{
	size_t	 sqlen, cqlen;

	if ((ring = (int)syscall(SYS_io_uring_setup, 4, &prm)) == -1)
		return -1;
	sqlen = prm.sq_off.array + prm.sq_entries * sizeof(uint32_t);
	cqlen = prm.cq_off.cqes + prm.cq_entries *
	    sizeof(struct io_uring_cqe);
	if ((sq = mmap(NULL, sqlen, PROT_READ | PROT_WRITE, MAP_SHARED |
	    MAP_POPULATE, ring, IORING_OFF_SQ_RING)) == MAP_FAILED ||
	    (cq = mmap(NULL, cqlen, PROT_READ | PROT_WRITE, MAP_SHARED |
	    MAP_POPULATE, ring, IORING_OFF_CQ_RING)) == MAP_FAILED ||
	    (sqes = mmap(NULL, prm.sq_entries * sizeof(struct io_uring_sqe),
	    PROT_READ | PROT_WRITE, MAP_SHARED | MAP_POPULATE, ring,
	    IORING_OFF_SQES)) == MAP_FAILED)
		return -1;
	return 0;
}

/* Submits one operation and waits for it: its result, as a system call's. */
static int
submit(const struct io_uring_sqe *e)
{
	_Atomic uint32_t	*tail = (void *)(sq + prm.sq_off.tail);
	_Atomic uint32_t	*chead = (void *)(cq + prm.cq_off.head);
	uint32_t		*mask = (void *)(sq + prm.sq_off.ring_mask);
	uint32_t		*array = (void *)(sq + prm.sq_off.array);
	uint32_t		*cmask = (void *)(cq + prm.cq_off.ring_mask);
	struct io_uring_cqe	*cqes = (void *)(cq + prm.cq_off.cqes);
	uint32_t		 t = atomic_load(tail), i = t & *mask, h;
	int			 res;

	sqes[i] = *e;
	array[i] = i;
	atomic_store(tail, t + 1);
	if (syscall(SYS_io_uring_enter, ring, 1, 1, IORING_ENTER_GETEVENTS,
	    NULL, 0) == -1)
		return -1;
	h = atomic_load(chead);
	res = cqes[h & *cmask].res;
	atomic_store(chead, h + 1);
	if (res < 0) {
		errno = -res;
		return -1;
	}
	return res;
}

int
main(void)
{
	struct io_uring_sqe	 e;
	struct sockaddr_in	 sin;
	int			 s, r, e0;

	r = setup();
	e0 = errno;
	check("setup", r);
	if (r == -1) {
		errno = e0;
		check("connect-host", -1);
		check("openat", -1);
		return 0;
	}
	memset(&sin, 0, sizeof(sin));
	sin.sin_family = AF_INET;
	sin.sin_port = htons((uint16_t)envnum("SJ_HOSTPORT"));
	inet_pton(AF_INET, "127.0.0.1", &sin.sin_addr);
	s = socket(AF_INET, SOCK_STREAM, 0);
	memset(&e, 0, sizeof(e));
	e.opcode = IORING_OP_CONNECT;
	e.fd = s;
	e.addr = (uint64_t)(uintptr_t)&sin;
	e.off = sizeof(sin);
	check("connect-host", submit(&e));
	memset(&e, 0, sizeof(e));
	e.opcode = IORING_OP_OPENAT;
	e.fd = AT_FDCWD;
	e.addr = (uint64_t)(uintptr_t)"/proc/1/status";
	e.open_flags = O_RDONLY;
	check("openat", r = submit(&e));
	if (r >= 0)
		close(r);
	return 0;
}
