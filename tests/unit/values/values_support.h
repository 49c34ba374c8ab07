/* Test support for the values suites: JSON values and IR types built by
 * hand (from JSON text through cJSON, or one node at a time) in a pool
 * freed at once, and a recorder of reported mismatches. */
#ifndef VALUES_SUPPORT_H
#define VALUES_SUPPORT_H

#include <stdbool.h>
#include <stddef.h>

#include "ir.h"

typedef struct tv_pool tv_pool;

tv_pool *tv_pool_new(void);
void tv_pool_free(tv_pool *pool);
void *tv_alloc(tv_pool *pool, size_t size);   /* zeroed; aborts when memory runs out */
const char *tv_strdup(tv_pool *pool, const char *s);

/* A value from JSON text.  Every node gets a location in file "t.json":
 * line = its position in document order (1-based); values at column 10,
 * object keys at column 2.  Integral numbers become IR_VALUE_INT. */
ir_value *tv_json(tv_pool *pool, const char *json);
ir_value *tv_string(tv_pool *pool, const char *s);
ir_value *tv_int(tv_pool *pool, long long v);
ir_value *tv_float(tv_pool *pool, double v);

/* Types. */
ir_type_ref tv_scalar(ir_scalar scalar);
ir_type_ref tv_enum_ref(ir_enum *def);
ir_type_ref tv_model_ref(ir_model *model);
ir_enum *tv_enum(tv_pool *pool, const char *name, const char *const *values, size_t count);
/* A model with room for `capacity` fields, added with tv_field. */
ir_model *tv_model(tv_pool *pool, const char *name, size_t capacity);
ir_field *tv_field(ir_model *model, const char *name, ir_type_ref type, bool optional,
                   bool array);

/* Schemas: an empty schema of a type; properties added with tv_property. */
ir_schema *tv_schema(tv_pool *pool, ir_schema_type type, size_t property_capacity);
void tv_property(ir_schema *object, const char *name, ir_schema *schema);
void tv_require(tv_pool *pool, ir_schema *object, const char *const *names, size_t count);

/* What a check reported. */
#define TV_MAX_MISMATCHES 32
typedef struct tv_mismatches {
    size_t count;
    char path[TV_MAX_MISMATCHES][1024];
    char reason[TV_MAX_MISMATCHES][600];
    src_loc loc[TV_MAX_MISMATCHES];
} tv_mismatches;

void tv_record(void *user, const ir_value *at, const char *path, const char *reason);
void tv_record_at(void *user, src_loc loc, const ir_value *at, const char *path,
                  const char *reason);

/* Whether some recorded mismatch has this path and this exact reason. */
bool tv_has(const tv_mismatches *m, const char *path, const char *reason);

/* The value tv_json made last (the root of the last document parsed). */
const ir_value *tv_last_json(void);

#endif
