/* check: the semantic rules run on the IR after lowering.
 *
 * check_program() runs every pass in a fixed order (identity first, so
 * later passes can rely on the indexes; references before anything that
 * follows a type) and reports to diags.  Each pass lives in its own
 * check_*.c file and may be called alone by tests.
 */
#ifndef CONTRACTC_CHECK_H
#define CONTRACTC_CHECK_H

#include <stdbool.h>

#include "diag.h"
#include "ir.h"

/* Runs all passes; returns true when no error was reported. */
bool check_program(ir_program *program, diag_set *diags);

/* check_identity.c: duplicate KEY.vVERSION per kind, duplicate model/enum
 * names (error at the second, note at the first); builds the indexes. */
void check_identity(ir_program *program, diag_set *diags);

/* check_meta.c: required descriptive meta fields (title, description,
 * category) and allowed stability/category values. */
void check_meta(ir_program *program, diag_set *diags);

/* check_operations.c: policy.auth, declared errors, scenario and example
 * keys, capability and policy references of commands and queries. */
void check_operations(ir_program *program, diag_set *diags);

/* check_references.c: resolves every ir_type_ref (scalar, enum or model;
 * "did you mean"), $ref in schemas, emits against events, cycles of
 * required model fields. */
void check_references(ir_program *program, diag_set *diags);

/* check_cycles.c: a cycle of required model fields (called by
 * check_references once types are resolved). */
void check_cycles(ir_program *program, diag_set *diags);

/* check_integration.c: preferredTransport among transports, currentVersion
 * among supportedVersions, capability requires provided by no integration,
 * per-type transport/auth fields. */
void check_integrations(ir_program *program, diag_set *diags);

/* check_models.c: defaultValue matches its field's type, enum values,
 * schema keyword consistency. */
void check_models(ir_program *program, diag_set *diags);

/* check_examples.c: acceptance examples against the io models, and
 * configSchema/secretSchema examples against their schemas (warnings). */
void check_examples(ir_program *program, diag_set *diags);

/* check_secret_literals.c: literals that look like real credentials
 * anywhere a spec holds example or default values (errors). */
void check_secret_literals(ir_program *program, diag_set *diags);

#endif
