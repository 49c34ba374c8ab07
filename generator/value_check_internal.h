/* value_check_internal: what the value_check*.c, scalar_rules.c,
 * check_examples.c and check_secret_literals.c files share and nobody
 * else needs: string grammars, a JSON Pointer builder and the traversal
 * context, and small helpers.  Not part of the compiler's interface. */
#ifndef CONTRACTC_VALUE_CHECK_INTERNAL_H
#define CONTRACTC_VALUE_CHECK_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>

#include "value_check.h"

/* ------------------------------------------------ string grammars (scalar_rules.c) */

/* Each takes a byte string (not necessarily NUL-terminated). */
bool text_is_email(const char *s, size_t len);      /* zod 4.4's email rule */
bool text_is_url(const char *s, size_t len);        /* WHATWG-like, with a scheme */
bool text_is_date(const char *s, size_t len);       /* YYYY-MM-DD, a real calendar date */
bool text_is_date_time(const char *s, size_t len);  /* RFC 3339 date-time */
bool text_is_uuid(const char *s, size_t len);       /* 8-4-4-4-12 hex digits */

/* ------------------------------------------------ JSON Pointer (value_check_path.c) */

/* A growing JSON Pointer ("/credentials/clientId").  If memory runs out the
 * pointer stays as it was (still NUL-terminated), so a report is never
 * lost, only less precise. */
typedef struct value_path {
    char *text;         /* "" for the root; NUL-terminated */
    size_t len, cap;
    char fallback[1];   /* text when nothing could be allocated */
} value_path;

void value_path_init(value_path *path);
void value_path_free(value_path *path);
/* Appends "/" + the key with ~ and / escaped as ~0 and ~1; returns the
 * previous length, for value_path_truncate. */
size_t value_path_push_key(value_path *path, const char *key);
size_t value_path_push_index(value_path *path, size_t index);
void value_path_truncate(value_path *path, size_t len);

/* ------------------------------------------------ traversal (value_check.c) */

/* Values nest at most this deep before the checker stops descending (the
 * loader bounds YAML nesting already; this protects hand-built IR). */
#define VALUE_CHECK_MAX_DEPTH 128

typedef struct value_ctx {
    value_mismatch_fn report;
    value_mismatch_at_fn report_at;
    void *user;
    value_path path;
    size_t depth;
    size_t count;       /* mismatches reported */
} value_ctx;

void value_ctx_init(value_ctx *ctx, value_mismatch_fn report, value_mismatch_at_fn report_at,
                    void *user);
void value_ctx_done(value_ctx *ctx);

/* Reports a mismatch at value (located at loc) with a printf-style reason. */
void value_ctx_report(value_ctx *ctx, const ir_value *value, src_loc loc, const char *fmt, ...)
    DIAG_PRINTF(4, 5);

/* The recursive checks, sharing ctx (path and depth). */
void value_ctx_check_type(value_ctx *ctx, const ir_type_ref *type, bool is_array,
                          const ir_value *value);
void value_ctx_check_model(value_ctx *ctx, const ir_model *model, const ir_value *value);
void value_ctx_check_schema(value_ctx *ctx, const ir_schema *schema, const ir_value *value,
                            bool constraints_only);

/* ------------------------------------------------ name lookup (value_check_names.c) */

/* An object's member keys or a model's field names, sorted for binary
 * search.  Build one with value_index_members or value_index_fields (it
 * borrows the names), release it with value_name_index_free.  When memory
 * runs out the index is left unbuilt and the lookups scan the array
 * instead, with the same answers. */
typedef struct value_name_slot {
    const char *name;
    size_t position;    /* in the member or field array */
} value_name_slot;

typedef struct value_name_index {
    value_name_slot *slots;   /* by name, then position */
    size_t count;
    bool built;
} value_name_index;

void value_index_members(value_name_index *index, const ir_value *object);
void value_index_fields(value_name_index *index, const ir_model *model);
void value_name_index_free(value_name_index *index);

/* The first member named key (as value_find_member), or NULL. */
const ir_member *value_indexed_member(const value_name_index *index, const ir_value *object,
                                      const char *key);
/* The first field named name, or NULL. */
const ir_field *value_indexed_field(const value_name_index *index, const ir_model *model,
                                    const char *name);

/* ------------------------------------------------ helpers (value_check_util.c) */

/* "a string", "an integer", ... for messages. */
const char *value_kind_phrase(const ir_value *value);

/* Writes a short, safe rendering of a string value for a message: the
 * text itself when it is at most VALUE_ECHO_MAX bytes of printable ASCII,
 * else a description ("a string of 40 characters").  Literal values may
 * be secrets: never echo long ones. */
#define VALUE_ECHO_MAX 32
void value_echo(const ir_value *value, char *buf, size_t size);

/* A "did you mean" hint worth printing: words under 3 characters are
 * too short for an edit to mean much, so for them only a difference of
 * case counts.  Returns hint or NULL. */
const char *value_hint(const char *word, const char *hint);

/* The first member of an object named key, or NULL. */
const ir_member *value_find_member(const ir_value *object, const char *key);

/* Deep equality of two JSON values (numbers by value). */
bool value_equal(const ir_value *a, const ir_value *b);

/* The length of the longest prefix of s (NUL-terminated) of at most max
 * bytes that ends on a UTF-8 character boundary, for "%.*s" in messages
 * that quote a spec's names. */
int utf8_fit(const char *s, size_t max);

/* Number of Unicode code points in a UTF-8 string. */
size_t utf8_code_points(const char *s, size_t len);

#endif
