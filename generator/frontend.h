/* frontend: the whole front end in one call: load spec files and
 * directories (cnode.h), lower them to the IR (lower.h) and run every
 * checker pass (check.h).  The `check`, `generate` and `docs` subcommands
 * and the tests share it.
 *
 * Ownership: the returned program belongs to the caller
 * (ir_program_free); diagnostics go to the caller's diag_set.  The syntax
 * tree is freed before returning.
 */
#ifndef CONTRACTC_FRONTEND_H
#define CONTRACTC_FRONTEND_H

#include <stdbool.h>
#include <stddef.h>

#include "cnode.h"
#include "diag.h"
#include "ir.h"

typedef struct frontend_options {
    const load_limits *limits;  /* NULL: the loader's defaults */
    bool skip_checks;           /* lower only (tests of lowering) */
} frontend_options;

/* Loads paths[0..n-1] (files or directories).  *io_error (if not NULL) is
 * set to true when a path could not be read: the caller exits with status
 * 2.  Returns the program even when the specs have errors (see
 * diag_has_errors); never NULL. */
ir_program *frontend_load(const char *const *paths, size_t n, const frontend_options *options,
                          diag_set *diags, bool *io_error);

/* The same for one in-memory buffer named `name` (tests). */
ir_program *frontend_load_buffer(const char *name, const char *data, size_t len,
                                 const frontend_options *options, diag_set *diags);

#endif
