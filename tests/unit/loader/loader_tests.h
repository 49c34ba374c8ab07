/* The suites of the loader test program. */
#ifndef CONTRACTC_LOADER_TESTS_H
#define CONTRACTC_LOADER_TESTS_H

#include <CUnit/Basic.h>
#include <stdio.h>
#include <string.h>

void add_arena_suite(void);
void add_diag_suite(void);
void add_loader_basic_suite(void);
void add_loader_hostile_suite(void);
void add_loader_paths_suite(void);

/* Compares the loader's diagnostics with the expected text and shows both
 * when they differ. */
#define ASSERT_DIAGS(l, expected)                                                    \
    do {                                                                             \
        CU_ASSERT_STRING_EQUAL((l).text, (expected));                                \
        if (strcmp((l).text, (expected)) != 0)                                       \
            fprintf(stderr, "\n%s:%d: got:\n%s\nexpected:\n%s\n", __FILE__, __LINE__, \
                    (l).text, (expected));                                           \
    } while (0)

#endif
