/* A tiny table-driven CUnit runner shared by the values suites: each
 * program lists its suites and tests and calls values_test_run(). */
#ifndef VALUES_TEST_MAIN_H
#define VALUES_TEST_MAIN_H

#include <CUnit/Basic.h>

typedef struct values_test_case {
    const char *name;
    void (*run)(void);
} values_test_case;

typedef struct values_test_suite {
    const char *name;
    const values_test_case *tests;   /* terminated by {NULL, NULL} */
} values_test_suite;

/* Registers and runs every suite; returns the process exit status (0 when
 * every test passed). */
int values_test_run(const values_test_suite *suites);

#endif
