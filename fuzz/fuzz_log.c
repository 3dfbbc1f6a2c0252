/*
 * fuzz_log.c: the supervisor's log line for a call (log.c: sj_log_call()),
 * decoded from the registers of a jailed process's call.
 *
 * Input: the ABI, the system call number, the six registers, the answer
 * (error, value, CONTINUE) and what is logged.  Properties: exactly one
 * line is written when the call is to be logged (every call, or a refusal
 * with SYSJAIL_LOG_REFUSED) and none otherwise; it starts with
 * "sysjail[JID]: pid PID ", ends with one newline, holds no other control
 * character or NUL, and fits the 512 bytes of the buffer.
 */
#include <sys/mman.h>

#include <errno.h>
#include <unistd.h>

#include "sysjail_priv.h"
#include "supervisor.h"
#include "fuzz.h"

static int	 fd = -1;

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct fuzz_in			 in = { data, size };
	struct sysjail			 sj;
	struct sj_sup			 sup;
	struct seccomp_notif		 req;
	struct seccomp_notif_resp	 resp;
	struct sj_call			 c;
	char				 buf[1024], head[64];
	ssize_t				 n;
	int				 abi, nr, i, want;

	if (fd == -1 && (fd = memfd_create("fuzzlog", MFD_CLOEXEC)) == -1)
		abort();
	memset(&sj, 0, sizeof(sj));
	memset(&sup, 0, sizeof(sup));
	memset(&req, 0, sizeof(req));
	memset(&resp, 0, sizeof(resp));
	sup.sj = &sj;
	sj.jid = (int)(fuzz_u32(&in) & 0xffff);
	sj.logfd = fd;
	/* Never SYSJAIL_LOG_SYSLOG: the host's log is not the fuzzer's. */
	sj.logwhat = fuzz_u8(&in) & (SYSJAIL_LOG_REFUSED | SYSJAIL_LOG_CALLS);
	sj_log_open(&sup);	/* a full rate-limit bucket */
	abi = (int8_t)fuzz_u8(&in) % 3;		/* -1 (unknown), 0, 1 */
	nr = (int)(int32_t)fuzz_u32(&in);
	req.pid = fuzz_u32(&in);
	req.data.nr = nr;
	for (i = 0; i < 6; i++) {
		req.data.args[i] = fuzz_u32(&in);
		req.data.args[i] |= (uint64_t)fuzz_u32(&in) << 32;
	}
	resp.error = -(int32_t)(fuzz_u32(&in) % 4096);
	resp.val = (int64_t)((uint64_t)fuzz_u32(&in) << 32 | fuzz_u32(&in));
	resp.flags = fuzz_u8(&in) & 1 ? SECCOMP_USER_NOTIF_FLAG_CONTINUE : 0;
	memset(&c, 0, sizeof(c));
	c.sup = &sup;
	c.req = &req;
	c.resp = &resp;

	if (ftruncate(fd, 0) == -1 || lseek(fd, 0, SEEK_SET) == -1)
		abort();
	sj_log_call(&sup, &c, abi, nr);
	n = pread(fd, buf, sizeof(buf), 0);
	FUZZ_CHECK(n >= 0);
	want = (sj.logwhat & SYSJAIL_LOG_CALLS) ||
	    ((sj.logwhat & SYSJAIL_LOG_REFUSED) && resp.error != 0 &&
	    !(resp.flags & SECCOMP_USER_NOTIF_FLAG_CONTINUE));
	if (!want) {
		FUZZ_CHECK(n == 0);
		return 0;
	}
	FUZZ_CHECK(n > 0 && n <= 512);
	FUZZ_CHECK(buf[n - 1] == '\n');
	snprintf(head, sizeof(head), "sysjail[%d]: pid %u ", sj.jid,
	    (unsigned)req.pid);
	FUZZ_CHECK(strncmp(buf, head, strlen(head)) == 0);
	for (i = 0; i < n - 1; i++)
		FUZZ_CHECK((unsigned char)buf[i] >= 0x20);
	return 0;
}
