/* check_models: values written in models and schemas.  A field's
 * defaultValue matches its type; an enum has values, each once; every
 * schema of the JSON Schema subset is consistent (known type and format,
 * a pattern that compiles as a POSIX extended regular expression, bounds
 * in order, required properties that exist, a default its schema
 * accepts). */
#define _POSIX_C_SOURCE 200809L

#include <regex.h>
#include <string.h>

#include "check.h"
#include "check_util.h"
#include "ir_index.h"
#include "suggest.h"
#include "value_check.h"

typedef struct value_report {
    diag_set *diags;
    const char *what;       /* "defaultValue of field 'limit'" */
    const char *against;    /* "its type", "its schema" */
} value_report;

static void report_value(void *user, src_loc loc, const ir_value *at, const char *path,
                         const char *reason)
{
    (void)at;
    const value_report *r = user;
    if (path != NULL && *path)
        diag_error(r->diags, loc, "%s does not match %s at %s: %s", r->what, r->against, path,
                   reason);
    else
        diag_error(r->diags, loc, "%s does not match %s: %s", r->what, r->against, reason);
}

static void check_defaults(ir_program *program, diag_set *diags, const ir_model *m)
{
    for (size_t f = 0; f < m->field_count; f++) {
        const ir_field *field = &m->fields[f];
        if (field->default_value == NULL || field->type.kind == IR_TYPE_UNRESOLVED)
            continue;
        /* A schema model's default is checked against its schema below. */
        if (field->constraints != NULL)
            continue;
        value_report r = {diags, ir_printf(program, "defaultValue of field '%s'",
                                           field->name.text),
                          "its type"};
        value_check_type_at(&field->type, field->is_array, field->default_value, report_value,
                            &r);
    }
}

static void check_enum_values(diag_set *diags, const ir_enum *e)
{
    if (e->values.invalid)
        return;
    if (e->values.count == 0) {
        if (e->name.text != NULL)
            diag_error(diags, e->values.loc, "enum '%s' has no values", e->name.text);
        else
            diag_error(diags, e->values.loc, "enum has no values");
        return;
    }
    ir_index seen = {0};
    for (size_t i = 0; i < e->values.count; i++) {
        const ir_text *v = &e->values.items[i];
        const ir_text *first = ir_index_put(&seen, v->text, (void *)v);
        if (first != NULL) {
            diag_error(diags, v->loc, "duplicate value '%s' in enum '%s'", v->text,
                       e->name.text ? e->name.text : "");
            diag_note(diags, first->loc, "'%s' first listed here", v->text);
        }
    }
    ir_index_clear(&seen);
}

/* ------------------------------------------------------------ schemas */

static const char *const schema_types[] = {"object",  "string",  "integer", "number",
                                           "boolean", "array",   "null"};
static const char *const formats[] = {"email", "uri", "date", "date-time", "uuid"};

static void check_pattern(diag_set *diags, const ir_text *pattern)
{
    if (pattern->text == NULL)
        return;
    regex_t re;
    int rc = regcomp(&re, pattern->text, REG_EXTENDED | REG_NOSUB);
    if (rc != 0) {
        char why[128];
        regerror(rc, &re, why, sizeof why);
        diag_error(diags, pattern->loc,
                   "invalid pattern '%s': %s (patterns are POSIX extended regular expressions)",
                   pattern->text, why);
        return;
    }
    regfree(&re);
}

static void check_bounds(diag_set *diags, const ir_schema *s)
{
    if (s->min_length.present && s->max_length.present &&
        s->min_length.value > s->max_length.value)
        diag_error(diags, s->min_length.loc, "minLength %lld is greater than maxLength %lld",
                   (long long)s->min_length.value, (long long)s->max_length.value);
    if (s->min_items.present && s->max_items.present && s->min_items.value > s->max_items.value)
        diag_error(diags, s->min_items.loc, "minItems %lld is greater than maxItems %lld",
                   (long long)s->min_items.value, (long long)s->max_items.value);
    if (s->minimum.present && s->maximum.present && s->minimum.value > s->maximum.value)
        diag_error(diags, s->minimum.loc, "minimum %g is greater than maximum %g",
                   s->minimum.value, s->maximum.value);
    if (s->min_length.present && s->min_length.value < 0)
        diag_error(diags, s->min_length.loc, "minLength must not be negative");
    if (s->max_length.present && s->max_length.value < 0)
        diag_error(diags, s->max_length.loc, "maxLength must not be negative");
    if (s->min_items.present && s->min_items.value < 0)
        diag_error(diags, s->min_items.loc, "minItems must not be negative");
    if (s->max_items.present && s->max_items.value < 0)
        diag_error(diags, s->max_items.loc, "maxItems must not be negative");
}

/* Required names missing from properties (an index keeps a schema with
 * thousands of both linear). */
static void check_required_properties(diag_set *diags, const ir_schema *s)
{
    ir_index names = {0};
    for (size_t i = 0; i < s->property_count; i++)
        ir_index_put(&names, s->properties[i].name.text, (void *)&s->properties[i]);
    for (size_t i = 0; i < s->required.count; i++) {
        if (ir_index_get(&names, s->required.items[i].text) == NULL)
            diag_warning(diags, s->required.items[i].loc,
                         "required property '%s' is not among the schema's properties",
                         s->required.items[i].text);
    }
    ir_index_clear(&names);
}

static void check_schema(ir_program *program, diag_set *diags, const ir_schema *s)
{
    if (s == NULL)
        return;
    check_allowed(diags, &s->type.text, s->type.value == IR_SCHEMA_UNKNOWN, "schema type",
                  CHECK_NAMES(schema_types));
    if (s->format.text != NULL) {
        bool known = false;
        for (size_t i = 0; i < sizeof formats / sizeof formats[0]; i++)
            known |= strcmp(formats[i], s->format.text) == 0;
        if (!known) {
            const char *guess = suggest_closest(s->format.text, CHECK_NAMES(formats));
            if (guess != NULL)
                diag_warning(diags, s->format.loc, "unknown format '%s'; did you mean '%s'?",
                             s->format.text, guess);
            else
                diag_warning(diags, s->format.loc,
                             "unknown format '%s' (known: email, uri, date, date-time, uuid)",
                             s->format.text);
        }
    }
    check_pattern(diags, &s->pattern);
    check_bounds(diags, s);
    if (s->required.count > 0)
        check_required_properties(diags, s);
    if (s->enum_values != NULL && s->enum_values->count == 0)
        diag_error(diags, s->enum_values->loc, "'enum' must list at least one value");
    if (s->default_value != NULL) {
        value_report r = {diags, "default", "its schema"};
        value_check_schema_at(s, s->default_value, report_value, &r);
    }
    for (size_t i = 0; i < s->property_count; i++)
        check_schema(program, diags, s->properties[i].schema);
    check_schema(program, diags, s->items);
    check_schema(program, diags, s->additional_properties);
}

/* A model given as a schema is a record: its schema must describe an
 * object (type object, or no type but properties). */
static void check_model_schema_is_object(diag_set *diags, const ir_model *m)
{
    const ir_schema *s = m->schema;
    if (s->type.value == IR_SCHEMA_OBJECT || s->type.value == IR_SCHEMA_UNKNOWN ||
        (s->type.value == IR_SCHEMA_ANY && s->property_count > 0))
        return;
    diag_error(diags, s->loc, "the schema of model '%s' must be an object schema (type: object)",
               m->name.text ? m->name.text : "");
}

void check_models(ir_program *program, diag_set *diags)
{
    for (size_t i = 0; i < program->model_count; i++) {
        const ir_model *m = program->models[i];
        check_defaults(program, diags, m);
        if (m->schema != NULL && !m->synthesized)
            check_model_schema_is_object(diags, m);
        /* Synthesized models share their parent's schema nodes. */
        if (m->schema != NULL && !m->synthesized)
            check_schema(program, diags, m->schema);
    }
    for (size_t i = 0; i < program->enum_count; i++)
        check_enum_values(diags, program->enums[i]);
    for (size_t i = 0; i < program->integration_count; i++) {
        check_schema(program, diags, program->integrations[i]->config_schema.schema);
        check_schema(program, diags, program->integrations[i]->secret_schema.schema);
    }
}
