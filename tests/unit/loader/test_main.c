/* The loader and diagnostics test program.  It runs in
 * tests/fixtures/loader so fixture paths in diagnostics are short and
 * the same on every machine. */
#define _POSIX_C_SOURCE 200809L

#include <CUnit/Basic.h>
#include <stdio.h>
#include <unistd.h>

#include "loader_tests.h"

int main(void)
{
    if (chdir(CONTRACTC_FIXTURES_DIR "/loader") != 0) {
        perror(CONTRACTC_FIXTURES_DIR "/loader");
        return 1;
    }
    if (CU_initialize_registry() != CUE_SUCCESS)
        return 1;
    add_arena_suite();
    add_diag_suite();
    add_loader_basic_suite();
    add_loader_hostile_suite();
    add_loader_paths_suite();
    CU_basic_set_mode(CU_BRM_VERBOSE);
    CU_basic_run_tests();
    unsigned failures = CU_get_number_of_failures() + CU_get_number_of_tests_failed();
    CU_cleanup_registry();
    return failures == 0 ? 0 : 1;
}
