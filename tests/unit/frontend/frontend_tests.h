/* The front-end test program: suites and shared helpers. */
#ifndef FRONTEND_TESTS_H
#define FRONTEND_TESTS_H

#include <stdbool.h>
#include <stddef.h>

#include "diag.h"
#include "diag_expect.h" /* support_diag, support_diags_equal */
#include "ir.h"

void add_ir_suite(void);
void add_lower_suite(void);
void add_normalise_suite(void);
void add_check_rules_suite(void);

/* Runs the whole front end (load, lower, check) on a path relative to
 * tests/fixtures/specs (the test program's working directory); sorts the
 * diagnostics.  Free both with ft_done. */
ir_program *ft_load(const char *path, diag_set **diags);
/* Load and lower only, no checker pass. */
ir_program *ft_lower(const char *path, diag_set **diags);
/* The same for YAML text, named "text.yaml". */
ir_program *ft_load_text(const char *yaml, diag_set **diags);
void ft_done(ir_program *program, diag_set *diags);

/* Asserts the diagnostics of fixture `path` are exactly the NULL-terminated
 * list that follows. */
#define FT_EXPECT(path, ...)                                                     \
    do {                                                                         \
        static const char *const expected_[] = {__VA_ARGS__};                    \
        diag_set *diags_;                                                        \
        ir_program *program_ = ft_load(path, &diags_);                           \
        CU_ASSERT_TRUE(support_diags_equal(diags_, expected_,                    \
                                           sizeof expected_ / sizeof *expected_)); \
        ft_done(program_, diags_);                                               \
    } while (0)

#endif
