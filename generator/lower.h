/* lower: the syntax tree (cnode.h) to the IR (ir.h).
 *
 * lower_documents() dispatches every document of a load_set by its
 * `kind` (integration, command, query, event, model, enum) to the
 * lower_*.c file of that kind, normalising the documentation's flat
 * integration form into the canonical one on the way.  What cannot be put
 * in the IR (a mapping where a string belongs, a document without a
 * `kind`) is an error; a field the format does not know is a warning with
 * a suggestion; everything else (required fields, allowed values,
 * references) is left to the checker, which sees the IR only.
 *
 * Ownership: everything lowered is allocated in `out`; nothing points into
 * the load_set, which may be freed afterwards.
 */
#ifndef CONTRACTC_LOWER_H
#define CONTRACTC_LOWER_H

#include <stdbool.h>

#include "cnode.h"
#include "diag.h"
#include "ir.h"

/* Appends every document of docs to out (and sets out->file_count).
 * Returns true when lowering reported no error. */
bool lower_documents(const load_set *docs, ir_program *out, diag_set *diags);

#endif
