/* Allocation-failure injection shared by the test programs.
 *
 * The counter here decides which allocation fails; the allocator hooks
 * that ask it are either the --wrap functions of alloc_wrap.c (link the
 * support_alloc_wrap target: they reach every allocation made by
 * statically linked objects) or a program's own malloc replacement (the
 * loader's test, which must also reach libyaml's allocations).
 *
 * Use: arm, run the operation, alloc_inject_off(), then ask
 * alloc_inject_delivered() whether the armed failure was reached. */
#ifndef CONTRACTC_TEST_ALLOC_INJECT_H
#define CONTRACTC_TEST_ALLOC_INJECT_H

#include <stdbool.h>

/* Fail only the n-th allocation from now (0 = the next one). */
void alloc_inject_fail_once(long n);

/* Fail the n-th allocation from now and every one after it. */
void alloc_inject_fail_from(long n);

/* Fail nothing more; keeps what alloc_inject_delivered reports. */
void alloc_inject_off(void);

/* True once the armed failure has been delivered. */
bool alloc_inject_delivered(void);

/* For allocator hooks: true when the allocation being made must fail. */
bool alloc_inject_should_fail(void);

#endif
