#include "values_test_main.h"

int values_test_run(const values_test_suite *suites)
{
    if (CU_initialize_registry() != CUE_SUCCESS)
        return 1;
    for (const values_test_suite *s = suites; s->name; s++) {
        CU_pSuite suite = CU_add_suite(s->name, NULL, NULL);
        if (!suite) {
            CU_cleanup_registry();
            return 1;
        }
        for (const values_test_case *t = s->tests; t->name; t++) {
            if (!CU_add_test(suite, t->name, t->run)) {
                CU_cleanup_registry();
                return 1;
            }
        }
    }
    CU_basic_set_mode(CU_BRM_VERBOSE);
    CU_basic_run_tests();
    unsigned failures = CU_get_number_of_failures() + CU_get_number_of_tests_failed();
    int status = CU_get_error() != CUE_SUCCESS || failures != 0 ? 1 : 0;
    CU_cleanup_registry();
    return status;
}
