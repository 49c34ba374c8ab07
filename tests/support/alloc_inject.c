/* The failure counter behind alloc_inject.h. */
#include "alloc_inject.h"

static long countdown = -1; /* allocations left before one fails; -1: never */
static bool keep_failing;   /* after the first failure, fail every allocation */
static bool delivered;

static void arm(long n, bool sticky)
{
    countdown = n;
    keep_failing = sticky;
    delivered = false;
}

void alloc_inject_fail_once(long n)
{
    arm(n, false);
}

void alloc_inject_fail_from(long n)
{
    arm(n, true);
}

void alloc_inject_off(void)
{
    countdown = -1;
}

bool alloc_inject_delivered(void)
{
    return delivered;
}

bool alloc_inject_should_fail(void)
{
    if (countdown < 0)
        return false;
    if (countdown > 0) {
        countdown--;
        return false;
    }
    delivered = true;
    if (!keep_failing)
        countdown = -1;
    return true;
}
