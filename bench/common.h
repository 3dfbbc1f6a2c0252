/*
 * common.h: what the sysjail benchmarks share.
 *
 * Each benchmark re-executes its own binary as "--child ..." to measure, so
 * that every side of a comparison runs the same code in a fresh process, and
 * the child reports one number, in nanoseconds per call, as one line on its
 * standard output.  Nothing here judges a result: the benchmarks print
 * figures and targets, and never fail on a time.
 */
#ifndef BENCH_COMMON_H
#define BENCH_COMMON_H

#include <time.h>

#define BENCH_MAXROUNDS	99

/* The command line, shared by both benchmarks. */
struct bench_opts {
	int		 pin;		/* -p: everything on CPU 0 */
	int		 rounds;	/* -r */
	long		 calls;		/* -n */
	int		 extra;		/* -a: bench_notify's attribution */
};

void		 bench_opts(struct bench_opts *, int, char *[], const char *,
		    const char *);
void		 bench_pin(void);
char		*bench_self(void);
double		 bench_ns(const struct timespec *, const struct timespec *);
void		 bench_report(double);
double		 bench_result(int);
double		 bench_bare(char *const []);
double		 bench_jailed(char *const []);
double		 bench_median(const double *, int);
void		 bench_range(const double *, int, double *, double *);

#endif /* !BENCH_COMMON_H */
