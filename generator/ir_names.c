/* ir_names: the spelling tables of the IR's enumerations.  Each list is
 * declared once in ir.h (X-macro); this file turns it into a table of
 * spellings indexed like the enum (member N of a list is enum value N + 1,
 * UNSET being 0) and a name/parse pair. */
#include <string.h>

#include "ir.h"

#define IR_SPELLING(name, text) text,

#define IR_DEFINE_NAMES(fn, type, prefix, LIST)                              \
    const char *const ir_##fn##_names[] = {LIST(IR_SPELLING)};               \
    const size_t ir_##fn##_name_count =                                      \
        sizeof ir_##fn##_names / sizeof ir_##fn##_names[0];                  \
    const char *ir_##fn##_name(type v)                                       \
    {                                                                        \
        if (v <= prefix##UNSET || v >= prefix##UNKNOWN)                      \
            return NULL;                                                     \
        return ir_##fn##_names[(size_t)v - 1];                               \
    }                                                                        \
    type ir_##fn##_parse(const char *text)                                   \
    {                                                                        \
        if (text == NULL)                                                    \
            return prefix##UNSET;                                            \
        for (size_t i = 0; i < ir_##fn##_name_count; i++) {                  \
            if (strcmp(ir_##fn##_names[i], text) == 0)                       \
                return (type)(i + 1);                                        \
        }                                                                    \
        return prefix##UNKNOWN;                                              \
    }

IR_DEFINE_NAMES(stability, ir_stability, IR_STABILITY_, IR_STABILITY_LIST)
IR_DEFINE_NAMES(category, ir_category, IR_CATEGORY_, IR_CATEGORY_LIST)
IR_DEFINE_NAMES(ownership_mode, ir_ownership_mode, IR_MODE_, IR_OWNERSHIP_MODE_LIST)
IR_DEFINE_NAMES(transport_type, ir_transport_type, IR_TRANSPORT_, IR_TRANSPORT_TYPE_LIST)
IR_DEFINE_NAMES(auth_type, ir_auth_type, IR_AUTH_, IR_AUTH_TYPE_LIST)
IR_DEFINE_NAMES(version_status, ir_version_status, IR_VERSION_STATUS_, IR_VERSION_STATUS_LIST)
IR_DEFINE_NAMES(health_method, ir_health_method, IR_HEALTH_, IR_HEALTH_METHOD_LIST)
IR_DEFINE_NAMES(policy_auth, ir_policy_auth, IR_POLICY_AUTH_, IR_POLICY_AUTH_LIST)
IR_DEFINE_NAMES(capability_kind, ir_capability_kind, IR_CAPABILITY_KIND_, IR_CAPABILITY_KIND_LIST)
IR_DEFINE_NAMES(scalar, ir_scalar, IR_SCALAR_, IR_SCALAR_LIST)

/* JSON Schema `type` spellings of the subset, indexed by ir_schema_type. */
static const char *const schema_type_names[] = {
    [IR_SCHEMA_OBJECT] = "object",   [IR_SCHEMA_STRING] = "string",
    [IR_SCHEMA_INTEGER] = "integer", [IR_SCHEMA_NUMBER] = "number",
    [IR_SCHEMA_BOOLEAN] = "boolean", [IR_SCHEMA_ARRAY] = "array",
    [IR_SCHEMA_NULL] = "null"};

ir_schema_type ir_schema_type_parse(const char *text)
{
    if (text == NULL)
        return IR_SCHEMA_ANY;
    for (size_t i = 0; i < sizeof schema_type_names / sizeof schema_type_names[0]; i++) {
        if (schema_type_names[i] != NULL && strcmp(schema_type_names[i], text) == 0)
            return (ir_schema_type)i;
    }
    return IR_SCHEMA_UNKNOWN;
}

const char *ir_schema_type_name(ir_schema_type type)
{
    if ((size_t)type >= sizeof schema_type_names / sizeof schema_type_names[0])
        return NULL;
    return schema_type_names[type];
}
