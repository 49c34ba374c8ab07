/* Test support for the end-to-end values suites: load YAML through the
 * real front end (lowering only), run the passes a test names, and read
 * the diagnostics back in GCC format. */
#ifndef VALUES_FRONTEND_SUPPORT_H
#define VALUES_FRONTEND_SUPPORT_H

#include <stdbool.h>
#include <stddef.h>

#include "diag.h"
#include "diag_expect.h" /* support_diag, support_diags_equal */
#include "ir.h"

typedef void (*pass_fn)(ir_program *program, diag_set *diags);

/* Lowers a YAML text (named "spec.yaml") or a fixture file (path relative
 * to tests/fixtures), then runs check_identity, check_references and the
 * given pass.  Diagnostics are sorted.  Free both with fe_done. */
ir_program *fe_load_text(const char *yaml, pass_fn pass, diag_set **diags);
ir_program *fe_load_fixture(const char *relative_path, pass_fn pass, diag_set **diags);
void fe_done(ir_program *program, diag_set *diags);

/* Number of diagnostics whose formatted text contains needle. */
size_t fe_count_containing(const diag_set *diags, const char *needle);

#endif
