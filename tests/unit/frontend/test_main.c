/* The front-end test program.  It runs in tests/fixtures/specs so the
 * file names in diagnostics are short and the same on every machine. */
#define _POSIX_C_SOURCE 200809L

#include <CUnit/Basic.h>
#include <stdio.h>
#include <unistd.h>

#include "frontend_tests.h"

int main(void)
{
    if (chdir(CONTRACTC_FIXTURES_DIR "/specs") != 0) {
        perror(CONTRACTC_FIXTURES_DIR "/specs");
        return 1;
    }
    if (CU_initialize_registry() != CUE_SUCCESS)
        return 1;
    add_ir_suite();
    add_lower_suite();
    add_normalise_suite();
    add_check_rules_suite();
    CU_basic_set_mode(CU_BRM_VERBOSE);
    CU_basic_run_tests();
    unsigned failures = CU_get_number_of_failures() + CU_get_number_of_tests_failed();
    CU_cleanup_registry();
    return failures == 0 ? 0 : 1;
}
