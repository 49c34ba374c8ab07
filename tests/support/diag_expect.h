/* Reading diagnostics back in GCC format, for the suites that load specs
 * through the front end. */
#ifndef CONTRACTC_TEST_DIAG_EXPECT_H
#define CONTRACTC_TEST_DIAG_EXPECT_H

#include <stdbool.h>
#include <stddef.h>

#include "diag.h"

/* The i-th diagnostic formatted ("" past the end), with the fixtures
 * directory stripped from the file name ("values/x.yaml:3:7: ...").  A
 * static buffer, overwritten by the next call. */
const char *support_diag(const diag_set *diags, size_t i);

/* True when the diagnostics are exactly expected[0..count-1], in order;
 * prints both lists to stderr otherwise. */
bool support_diags_equal(const diag_set *diags, const char *const *expected, size_t count);

#endif
