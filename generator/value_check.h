/* value_check: does a JSON value written in a spec (ir_value) match a
 * type?  Used for acceptance examples, defaultValue and schema examples.
 * Knows ContractSpec's scalar rules (reference section 8.1, the
 * model-validation column), enums, models (required fields, unknown keys),
 * isArray, and the JSON Schema subset.
 *
 * Every mismatch is reported through a callback with a JSON Pointer-like
 * path ("/credentials/clientId") and a reason, so callers decide the
 * severity and the wording around it.
 */
#ifndef CONTRACTC_VALUE_CHECK_H
#define CONTRACTC_VALUE_CHECK_H

#include <stdbool.h>
#include <stddef.h>

#include "ir.h"

typedef void (*value_mismatch_fn)(void *user, const ir_value *at, const char *path,
                                  const char *reason);

/* Checks value against a type reference (resolved), wrapped as an array
 * when is_array.  Returns the number of mismatches reported. */
size_t value_check_type(const ir_type_ref *type, bool is_array, const ir_value *value,
                        value_mismatch_fn report, void *user);

/* Checks value against a model: required fields present, each present
 * field's type, unknown keys.  Returns the number of mismatches. */
size_t value_check_model(const ir_model *model, const ir_value *value,
                         value_mismatch_fn report, void *user);

/* Checks value against a JSON Schema of the subset. */
size_t value_check_schema(const ir_schema *schema, const ir_value *value,
                          value_mismatch_fn report, void *user);

/* The same checks with the place to point a diagnostic at: the offending
 * value's location, except for an unknown field, where it is the field's
 * key.  `at` is the offending value (for a missing field, the object that
 * lacks it); path is the JSON Pointer of `at`, "" for the root, with ~ and
 * / in keys escaped as ~0 and ~1.  Strings passed to the callback live
 * until it returns. */
typedef void (*value_mismatch_at_fn)(void *user, src_loc loc, const ir_value *at,
                                     const char *path, const char *reason);

size_t value_check_type_at(const ir_type_ref *type, bool is_array, const ir_value *value,
                           value_mismatch_at_fn report, void *user);
size_t value_check_model_at(const ir_model *model, const ir_value *value,
                            value_mismatch_at_fn report, void *user);
size_t value_check_schema_at(const ir_schema *schema, const ir_value *value,
                             value_mismatch_at_fn report, void *user);

/* ContractSpec's scalar rule: NULL when value is valid, else a short
 * reason ("expected an integer within ±(2^53-1)"). */
const char *scalar_check_value(ir_scalar scalar, const ir_value *value);

#endif
