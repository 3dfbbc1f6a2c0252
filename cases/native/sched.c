/*
 * sched: process groups, sessions, priorities and scheduling of other
 * processes (SPEC section 1): getpgid, getsid, get/setpriority, sched_*.
 * Jailed root follows FreeBSD: it may not lower its nice value (EACCES)
 * nor take a realtime class (EPERM).
 */
#include <sys/resource.h>
#include <sys/syscall.h>

#include <errno.h>
#include <sched.h>
#include <stdint.h>
#include <string.h>
#include <unistd.h>

#include "fixture.h"

/* getpriority(2) may legitimately return -1: judge by errno. */
static void
getprio(const char *name, int which, id_t who)
{
	errno = 0;
	if (getpriority(which, who) == -1 && errno != 0)
		check(name, -1);
	else
		say(name, "OK");
}

int
main(void)
{
	struct sched_param	 sp;
	cpu_set_t		 set;
	pid_t			 outside = (pid_t)envnum("SJ_OUTSIDE");

	check("getpgid-outside", getpgid(outside));
	check("getsid-outside", getsid(outside));
	check("setpgid-outside", setpgid(outside, outside));
	check("getpgid-parent", getpgid(getppid()));
	check("getsid-parent", getsid(getppid()));
	check("getpgid-self", getpgid(getpid()));
	getprio("getpriority-outside", PRIO_PROCESS, (id_t)outside);
	getprio("getpriority-group", PRIO_PGRP, (id_t)outside);
	check("setpriority-outside", setpriority(PRIO_PROCESS, (id_t)outside,
	    getpriority(PRIO_PROCESS, (id_t)outside)));
	check("sched-outside", sched_getscheduler(outside));
	check("param-outside", sched_getparam(outside, &sp));
	/* Set to what it is: the host's answer changes nothing. */
	check("setparam-outside", sched_setparam(outside, &sp));
	check("setscheduler-outside", sched_setscheduler(outside,
	    SCHED_OTHER, &sp));
	{
		struct timespec	 ts;
		uint32_t	 attr[14];	/* struct sched_attr, v1 */

		check("interval-outside", sched_rr_get_interval(outside, &ts));
#ifdef SYS_sched_rr_get_interval_time64
		check("interval64-outside", (int)syscall(
		    SYS_sched_rr_get_interval_time64, outside, &ts));
#else
		check("interval64-outside", sched_rr_get_interval(outside,
		    &ts));
#endif
		memset(attr, 0, sizeof(attr));
		check("getattr-outside", (int)syscall(SYS_sched_getattr,
		    outside, attr, 48, 0));
		attr[0] = 48;
		check("setattr-outside", (int)syscall(SYS_sched_setattr,
		    outside, attr, 0));
	}
	check("affinity-outside", sched_getaffinity(outside, sizeof(set),
	    &set));
	CPU_ZERO(&set);
	sched_getaffinity(0, sizeof(set), &set);
	check("setaffinity-outside", sched_setaffinity(outside, sizeof(set),
	    &set));
	check("raise-nice", setpriority(PRIO_PROCESS, 0, 5));
	check("lower-nice", setpriority(PRIO_PROCESS, 0, 2));
	/* Only the jail's processes of my uid: I alone, at nice 5. */
	if (getuid() == 0) {
		errno = 0;
		say("user-nice", getpriority(PRIO_USER, 0) == 5 && errno == 0 ?
		    "self" : "other");
	} else
		say("user-nice", "n/a");	/* asked only as root */
	/*
	 * The limits that would let a process lower nice or go realtime:
	 * jailed, they may not be set at all (not even to their current
	 * values, which the host always allows); reading them stays allowed.
	 */
	{
		struct rlimit	 rl;

		check("read-nice-limit", getrlimit(RLIMIT_NICE, &rl));
		check("set-nice-limit", setrlimit(RLIMIT_NICE, &rl));
		getrlimit(RLIMIT_RTPRIO, &rl);
		check("set-rtprio-limit", setrlimit(RLIMIT_RTPRIO, &rl));
	}
	sp.sched_priority = 1;
	check("realtime", sched_setscheduler(0, SCHED_FIFO, &sp));
	return 0;
}
