/* lower_util: what every lower_*.c file shares: the lowering context,
 * located diagnostics, and typed readers for mapping fields that report a
 * precise "expected a string for 'title', found a mapping" at the node and
 * leave the IR field absent.  A null value (`key: ~`) reads as absent.
 *
 * Internal to lowering; see lower.h for the entry point. */
#ifndef CONTRACTC_LOWER_UTIL_H
#define CONTRACTC_LOWER_UTIL_H

#include <stdbool.h>
#include <stddef.h>

#include "cnode.h"
#include "diag.h"
#include "ir.h"

typedef struct lower_ctx {
    ir_program *program;
    diag_set *diags;
    const char *file;           /* the current document's file, owned by program */
    size_t errors;
} lower_ctx;

/* The location of a node, its file name owned by the program. */
src_loc lower_loc(const lower_ctx *ctx, const cnode *node);

void lower_error(lower_ctx *ctx, const cnode *at, const char *fmt, ...) DIAG_PRINTF(3, 4);
void lower_warning(lower_ctx *ctx, const cnode *at, const char *fmt, ...) DIAG_PRINTF(3, 4);

/* "a mapping", "a sequence", "a string", "an integer", "a number",
 * "a boolean", "null". */
const char *lower_describe(const cnode *node);

/* The value of key in mapping, NULL when the mapping is NULL, the key is
 * absent or its value is null. */
const cnode *lower_get(const cnode *mapping, const char *key);

/* The value of key if it is a mapping / a sequence; NULL when absent, and
 * an error when it is something else. */
const cnode *lower_get_mapping(lower_ctx *ctx, const cnode *mapping, const char *key);
const cnode *lower_get_sequence(lower_ctx *ctx, const cnode *mapping, const char *key);

/* Checks that node is a mapping (what names it in the message). */
bool lower_expect_mapping(lower_ctx *ctx, const cnode *node, const char *what);

/* Reads a string scalar node into out (absent when node is NULL/null). */
void lower_text_node(lower_ctx *ctx, const cnode *node, const char *what, src_loc owner,
                     ir_text *out);

/* Readers of mapping[key]; `owner` is the location recorded for an absent
 * field (the owning mapping). */
void lower_text(lower_ctx *ctx, const cnode *mapping, const char *key, src_loc owner,
                ir_text *out);
/* A version: a string, or a bare integer N read as "N.0.0". */
void lower_version(lower_ctx *ctx, const cnode *mapping, const char *key, src_loc owner,
                   ir_text *out);
void lower_text_list(lower_ctx *ctx, const cnode *mapping, const char *key, src_loc owner,
                     ir_text_list *out);
void lower_bool(lower_ctx *ctx, const cnode *mapping, const char *key, src_loc owner,
                ir_opt_bool *out);
void lower_int(lower_ctx *ctx, const cnode *mapping, const char *key, src_loc owner,
               ir_opt_int *out);
void lower_number(lower_ctx *ctx, const cnode *mapping, const char *key, src_loc owner,
                  ir_opt_number *out);
void lower_pairs(lower_ctx *ctx, const cnode *mapping, const char *key, ir_pair_list *out);
/* A {key, version} reference. */
void lower_ref(lower_ctx *ctx, const cnode *mapping, const char *key, src_loc owner,
               ir_ref *out);
void lower_ref_node(lower_ctx *ctx, const cnode *node, src_loc owner, ir_ref *out);
/* A type named by a string (io.input, payload, field type). */
void lower_type_ref(lower_ctx *ctx, const cnode *mapping, const char *key, src_loc owner,
                    ir_type_ref *out);

/* Warns about every key of mapping not in known[0..count-1], suggesting
 * the closest known key: "unknown field 'descripton' in meta; did you mean
 * 'description'?".  where names the mapping. */
void lower_check_keys(lower_ctx *ctx, const cnode *mapping, const char *const *known,
                      size_t count, const char *where);
/* The same, the mapping named "WHAT 'NAME'" (formatted only when a
 * warning needs it: this runs for every model field). */
void lower_check_keys_named(lower_ctx *ctx, const cnode *mapping, const char *const *known,
                            size_t count, const char *what, const char *name);
#define LOWER_KEYS(array) (array), (sizeof(array) / sizeof((array)[0]))

/* Array allocation in the program for count elements (NULL for 0). */
void *lower_array(lower_ctx *ctx, size_t count, size_t size);

/* cnode -> ir_value (lower_value.c). NULL for a NULL node. */
ir_value *lower_value(lower_ctx *ctx, const cnode *node);

/* Per-kind entry points, each given the document's root mapping. */
void lower_meta(lower_ctx *ctx, const cnode *root, ir_meta *meta, const char *const *extra_keys,
                size_t extra_count);
void lower_integration(lower_ctx *ctx, const cnode *root);
void lower_integration_flat(lower_ctx *ctx, const cnode *root, ir_integration *integration);
void lower_integration_common(lower_ctx *ctx, const cnode *root, ir_integration *integration);
void lower_schema_block(lower_ctx *ctx, const cnode *node, ir_schema_block *out);
void lower_operation(lower_ctx *ctx, const cnode *root, ir_operation_kind kind);
void lower_event(lower_ctx *ctx, const cnode *root);
void lower_model(lower_ctx *ctx, const cnode *root);
void lower_enum(lower_ctx *ctx, const cnode *root);
ir_schema *lower_schema(lower_ctx *ctx, const cnode *node);

#endif
