/* The CUnit runner shared by the test programs that run one suite. */
#ifndef CONTRACTC_TEST_CUNIT_RUN_H
#define CONTRACTC_TEST_CUNIT_RUN_H

#include <CUnit/CUnit.h>

/* Runs the named suite of tests (NULL-terminated CU_TestInfo array) and
 * returns the process exit status (0 when every assertion passed). */
int support_run_suite(const char *name, CU_TestInfo *tests);

#endif
