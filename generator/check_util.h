/* check_util: what the checker passes share: required-field and
 * allowed-value diagnostics with "did you mean" suggestions.  Internal to
 * the check_*.c files. */
#ifndef CONTRACTC_CHECK_UTIL_H
#define CONTRACTC_CHECK_UTIL_H

#include <stdbool.h>
#include <stddef.h>

#include "diag.h"
#include "ir.h"

/* Reports "missing required field 'FIELD' in WHERE" at text->loc (the
 * owner's location when absent) and returns false when text is absent. */
bool check_required(diag_set *diags, const ir_text *text, const char *field, const char *where);

/* When `unknown` (the parsed enum is *_UNKNOWN), reports "unknown WHAT
 * 'spelling'; did you mean 'x'?" or "... (expected one of a, b, c)" at
 * text->loc.  Returns false when it reported. */
bool check_allowed(diag_set *diags, const ir_text *text, bool unknown, const char *what,
                   const char *const *names, size_t count);

/* Same for a closed set that has no IR enum (mcp transport, signing
 * algorithm, ...): reports when text is present and not in names. */
bool check_one_of(diag_set *diags, const ir_text *text, const char *what,
                  const char *const *names, size_t count);

/* When text is present and not a semantic version, reports "invalid
 * version '1.0': expected a semantic version such as 1.0.0" and returns
 * false. */
bool check_semver(diag_set *diags, const ir_text *text);

/* When text is present and not a key (letters, digits, '.', '-', '_',
 * starting with a letter), reports it and returns false. */
bool check_key_syntax(diag_set *diags, const ir_text *text);

#define CHECK_NAMES(array) (array), (sizeof(array) / sizeof((array)[0]))

/* True when a comes before b in load order (file, then position). */
bool check_loc_before(src_loc a, src_loc b);

#endif
