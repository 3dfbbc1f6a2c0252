/*
 * notif.c: reading a jailed process's memory, and answering its notification.
 *
 * The rule of this file: bytes read from a jailed process are copied once
 * into the supervisor's memory, and the notification's cookie is checked
 * with SECCOMP_IOCTL_NOTIF_ID_VALID after every read.  A valid cookie means
 * the task was still blocked in that very system call during the read, so
 * the pid named the right process and the copy is the argument it passed.
 * Handlers then act on the copy only: nothing here ever lets the kernel read
 * the same memory again.  Results are written back through a descriptor of
 * the caller's memory that is checked the same way (sj_poke).
 */
#include <sys/ioctl.h>
#include <sys/uio.h>

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "sysjail_priv.h"
#include "supervisor.h"

/* Returns 0 if the caller is still waiting on this notification. */
int
sj_valid(struct sj_call *c)
{
	uint64_t	 id = c->req->id;

	if (ioctl(c->sup->listener, SECCOMP_IOCTL_NOTIF_ID_VALID, &id) == 0)
		return 0;
	c->gone = 1;
	return -1;
}

/*
 * Copies len bytes at addr in the caller's memory into buf.  Returns 0, or
 * -1 with errno EFAULT (unreadable: the answer the kernel would give) or
 * ESRCH (the caller is gone: there is nobody to answer).
 */
int
sj_peek(struct sj_call *c, uint64_t addr, void *buf, size_t len)
{
	struct iovec	 local, remote;
	ssize_t		 n;

	if (len == 0)
		return sj_valid(c) == 0 ? 0 : (errno = ESRCH, -1);
	if (c->abi == SJ_ABI_I386 && (addr > UINT32_MAX ||
	    addr + len - 1 > UINT32_MAX)) {
		errno = EFAULT;
		return -1;
	}
	local.iov_base = buf;
	local.iov_len = len;
	remote.iov_base = (void *)(uintptr_t)addr;
	remote.iov_len = len;
	n = process_vm_readv(c->req->pid, &local, 1, &remote, 1, 0);
	if (sj_valid(c) == -1) {
		errno = ESRCH;
		return -1;
	}
	if (n != (ssize_t)len) {
		errno = EFAULT;
		return -1;
	}
	return 0;
}

/*
 * Copies len bytes from buf to addr in the caller's memory, as the kernel
 * copies a result out.  The write goes through /proc/PID/mem opened first
 * and checked with ID_VALID after the open: the descriptor is bound to the
 * memory of the process that opened it, so a pid recycled after the check
 * can never receive the bytes.  Returns 0, or -1 with errno EFAULT or
 * ESRCH as sj_peek().
 */
int
sj_poke(struct sj_call *c, uint64_t addr, const void *buf, size_t len)
{
	char	 path[32];
	ssize_t	 n;
	int	 fd;

	if (c->abi == SJ_ABI_I386 && (addr > UINT32_MAX ||
	    (len > 0 && addr + len - 1 > UINT32_MAX))) {
		errno = EFAULT;
		return -1;
	}
	snprintf(path, sizeof(path), "%u/mem", (unsigned)c->req->pid);
	fd = openat(c->sup->procfd, path, O_WRONLY | O_CLOEXEC);
	if (sj_valid(c) == -1) {
		if (fd != -1)
			close(fd);
		errno = ESRCH;
		return -1;
	}
	if (fd == -1) {
		errno = EFAULT;
		return -1;
	}
	n = len ? pwrite(fd, buf, len, (off_t)addr) : 0;
	close(fd);
	if (n != (ssize_t)len) {
		errno = EFAULT;
		return -1;
	}
	return 0;
}

/*
 * Installs the supervisor's descriptor fd in the caller and completes the
 * call with its number, atomically (ADDFD with SEND, Linux 5.14): a signal
 * or a crash between the two cannot leak the descriptor into the caller.
 * Returns 0, or -1 with errno (the call is then still to be answered).
 */
int
sj_addfd(struct sj_call *c, int fd, unsigned int flags)
{
	struct seccomp_notif_addfd	 a;
	int				 r;

	memset(&a, 0, sizeof(a));
	a.id = c->req->id;
	a.flags = SECCOMP_ADDFD_FLAG_SEND;
	a.srcfd = (uint32_t)fd;
	a.newfd_flags = flags;
	if ((r = ioctl(c->sup->listener, SECCOMP_IOCTL_NOTIF_ADDFD, &a)) ==
	    -1) {
		if (errno == ENOENT)
			c->gone = 1;
		return -1;
	}
	c->sent = 1;
	sj_answer(c, r);		/* for the log: the number installed */
	return 0;
}

/* The system call returns val. */
void
sj_answer(struct sj_call *c, int64_t val)
{
	c->resp->val = val;
	c->resp->error = 0;
	c->resp->flags = 0;
}

/* The system call fails with errno err. */
void
sj_refuse(struct sj_call *c, int err)
{
	c->resp->val = 0;
	c->resp->error = -err;
	c->resp->flags = 0;
}

/*
 * The kernel performs the call as the caller asked.  Only for decisions
 * taken on register values and on kernel state that cannot change before the
 * kernel acts (see the callers): never after a read of the caller's memory.
 */
void
sj_continue(struct sj_call *c)
{
	c->resp->val = 0;
	c->resp->error = 0;
	c->resp->flags = SECCOMP_USER_NOTIF_FLAG_CONTINUE;
}
