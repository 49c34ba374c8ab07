/* value_check_schema: JSON values against the JSON Schema subset of
 * spec-format.md (type, properties, required, additionalProperties, enum,
 * const, format, minLength/maxLength in code points, pattern as a POSIX
 * extended regular expression, minimum/maximum and their exclusive forms,
 * items, minItems/maxItems, $ref to a model or enum).
 *
 * One difference from JSON Schema, the same as for models: when a schema
 * lists `properties` and says nothing about `additionalProperties`, a key
 * it does not list is a mismatch (almost always a typo in an example);
 * `additionalProperties: true` allows extra keys. */
#include <math.h>
#include <regex.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "suggest.h"
#include "value_check_internal.h"

static bool is_number(const ir_value *v)
{
    return v->kind == IR_VALUE_INT || v->kind == IR_VALUE_FLOAT;
}

static double number_of(const ir_value *v)
{
    return v->kind == IR_VALUE_INT ? (double)v->int_value : v->float_value;
}

/* The shortest of %.15g / %.17g that reads back as d. */
static void format_number(double d, char *buf, size_t size)
{
    snprintf(buf, size, "%.15g", d);
    if (strtod(buf, NULL) != d)
        snprintf(buf, size, "%.17g", d);
}

/* ------------------------------------------------------------- type */

static bool type_matches(ir_schema_type type, const ir_value *v)
{
    switch (type) {
    case IR_SCHEMA_OBJECT: return v->kind == IR_VALUE_OBJECT;
    case IR_SCHEMA_STRING: return v->kind == IR_VALUE_STRING;
    case IR_SCHEMA_INTEGER:
        return v->kind == IR_VALUE_INT ||
               (v->kind == IR_VALUE_FLOAT && isfinite(v->float_value) &&
                floor(v->float_value) == v->float_value);
    case IR_SCHEMA_NUMBER: return is_number(v) && isfinite(number_of(v));
    case IR_SCHEMA_BOOLEAN: return v->kind == IR_VALUE_BOOL;
    case IR_SCHEMA_ARRAY: return v->kind == IR_VALUE_ARRAY;
    case IR_SCHEMA_NULL: return v->kind == IR_VALUE_NULL;
    case IR_SCHEMA_ANY:
    case IR_SCHEMA_UNKNOWN:   /* reported where the schema is checked */
        break;
    }
    return true;
}

static const char *type_phrase(ir_schema_type type)
{
    switch (type) {
    case IR_SCHEMA_OBJECT: return "an object";
    case IR_SCHEMA_STRING: return "a string";
    case IR_SCHEMA_INTEGER: return "an integer";
    case IR_SCHEMA_NUMBER: return "a finite number";
    case IR_SCHEMA_BOOLEAN: return "a boolean";
    case IR_SCHEMA_ARRAY: return "an array";
    case IR_SCHEMA_NULL: return "null";
    case IR_SCHEMA_ANY:
    case IR_SCHEMA_UNKNOWN:
        break;
    }
    return "a value";
}

/* ------------------------------------------------------------- enum, const */

/* A short rendering of a schema literal for messages (spec text, not
 * example data: enum and const values are the author's allowed values). */
static size_t render_literal(const ir_value *v, char *buf, size_t size)
{
    char number[40];
    int n;
    switch (v->kind) {
    case IR_VALUE_NULL: n = snprintf(buf, size, "null"); break;
    case IR_VALUE_BOOL: n = snprintf(buf, size, "%s", v->bool_value ? "true" : "false"); break;
    case IR_VALUE_INT: n = snprintf(buf, size, "%lld", (long long)v->int_value); break;
    case IR_VALUE_FLOAT:
        format_number(v->float_value, number, sizeof number);
        n = snprintf(buf, size, "%s", number);
        break;
    case IR_VALUE_STRING: n = snprintf(buf, size, "%.*s", (int)v->string_len, v->string_value); break;
    case IR_VALUE_ARRAY: n = snprintf(buf, size, "[...]"); break;
    case IR_VALUE_OBJECT: n = snprintf(buf, size, "{...}"); break;
    default: n = 0; break;
    }
    return n < 0 ? 0 : (size_t)n;
}

static void list_literals(const ir_value *list, char *buf, size_t size)
{
    static const char more[] = ", ...";
    char item[128];
    size_t used = 0;
    buf[0] = '\0';
    for (size_t i = 0; i < list->count; i++) {
        size_t len = render_literal(list->items[i], item, sizeof item);
        if (len >= sizeof item || used + len + 2 + sizeof more > size) {
            snprintf(buf + used, size - used, "%s", i ? more : "...");
            return;
        }
        used += (size_t)snprintf(buf + used, size - used, "%s%s", i ? ", " : "", item);
    }
}

static const char *suggest_literal(const ir_value *value, const ir_value *list)
{
    if (value->kind != IR_VALUE_STRING || value->string_len > VALUE_ECHO_MAX ||
        strlen(value->string_value) != value->string_len || list->count == 0)
        return NULL;
    const char **candidates = malloc(list->count * sizeof *candidates);
    if (!candidates)
        return NULL;
    for (size_t i = 0; i < list->count; i++)
        candidates[i] = list->items[i]->kind == IR_VALUE_STRING ? list->items[i]->string_value : NULL;
    const char *hint =
        value_hint(value->string_value, suggest_closest(value->string_value, candidates, list->count));
    free(candidates);
    return hint;
}

static void check_enum_const(value_ctx *ctx, const ir_schema *schema, const ir_value *value)
{
    const ir_value *list = schema->enum_values;
    if (list && list->kind == IR_VALUE_ARRAY) {
        bool found = false;
        for (size_t i = 0; i < list->count && !found; i++)
            found = value_equal(value, list->items[i]);
        if (!found) {
            char allowed[400], echo[64];
            list_literals(list, allowed, sizeof allowed);
            value_echo(value, echo, sizeof echo);
            const char *hint = suggest_literal(value, list);
            if (hint)
                value_ctx_report(ctx, value, value->loc,
                                 "%s is not one of the allowed values (%s); did you mean '%s'?",
                                 echo, allowed, hint);
            else
                value_ctx_report(ctx, value, value->loc, "%s is not one of the allowed values (%s)",
                                 echo, allowed);
        }
    }
    if (schema->const_value && !value_equal(value, schema->const_value)) {
        char expected[128];
        render_literal(schema->const_value, expected, sizeof expected);
        value_ctx_report(ctx, value, value->loc, "expected the constant value %s", expected);
    }
}

/* ------------------------------------------------------------- strings */

static void check_format(value_ctx *ctx, const char *format, const ir_value *value)
{
    static const struct {
        const char *name;
        bool (*ok)(const char *, size_t);
        const char *expected;
    } formats[] = {
        {"email", text_is_email, "an email address"},
        {"uri", text_is_url, "a URL with a scheme"},
        {"date", text_is_date, "a calendar date YYYY-MM-DD"},
        {"date-time", text_is_date_time, "an RFC 3339 date-time"},
        {"uuid", text_is_uuid, "a UUID (8-4-4-4-12 hex digits)"},
    };
    for (size_t i = 0; i < sizeof formats / sizeof formats[0]; i++) {
        if (strcmp(format, formats[i].name) != 0)
            continue;
        if (!formats[i].ok(value->string_value, value->string_len))
            value_ctx_report(ctx, value, value->loc, "expected %s (format %s)", formats[i].expected,
                             format);
        return;
    }
    /* other formats are annotations only, as in JSON Schema */
}

static void check_pattern(value_ctx *ctx, const ir_text *pattern, const ir_value *value)
{
    regex_t re;
    int rc = regcomp(&re, pattern->text, REG_EXTENDED | REG_NOSUB);
    if (rc != 0) {
        value_ctx_report(ctx, value, value->loc,
                         "cannot check pattern '%.*s': not a valid POSIX extended regular "
                         "expression", utf8_fit(pattern->text, 64), pattern->text);
        return;
    }
    if (regexec(&re, value->string_value, 0, NULL, 0) != 0)
        value_ctx_report(ctx, value, value->loc, "does not match pattern '%.*s'",
                         utf8_fit(pattern->text, 64), pattern->text);
    regfree(&re);
}

static void check_string(value_ctx *ctx, const ir_schema *schema, const ir_value *value)
{
    if (schema->format.text)
        check_format(ctx, schema->format.text, value);
    size_t length = utf8_code_points(value->string_value, value->string_len);
    if (schema->min_length.present && (int64_t)length < schema->min_length.value)
        value_ctx_report(ctx, value, value->loc, "expected at least %lld characters, got %zu",
                         (long long)schema->min_length.value, length);
    if (schema->max_length.present && (int64_t)length > schema->max_length.value)
        value_ctx_report(ctx, value, value->loc, "expected at most %lld characters, got %zu",
                         (long long)schema->max_length.value, length);
    if (schema->pattern.text)
        check_pattern(ctx, &schema->pattern, value);
}

/* ------------------------------------------------------------- numbers, arrays */

static void check_bound(value_ctx *ctx, const ir_value *value, const ir_opt_number *bound,
                        bool below_fails, bool exclusive)
{
    if (!bound->present)
        return;
    double d = number_of(value), b = bound->value;
    bool fails = below_fails ? (exclusive ? d <= b : d < b) : (exclusive ? d >= b : d > b);
    if (!fails)
        return;
    char shown[40], limit[40];
    format_number(d, shown, sizeof shown);
    format_number(b, limit, sizeof limit);
    value_ctx_report(ctx, value, value->loc, "%s is %s %s%s", shown,
                     below_fails ? "below the minimum" : "above the maximum", limit,
                     exclusive ? " (exclusive)" : "");
}

static void check_number(value_ctx *ctx, const ir_schema *schema, const ir_value *value)
{
    check_bound(ctx, value, &schema->minimum, true, false);
    check_bound(ctx, value, &schema->exclusive_minimum, true, true);
    check_bound(ctx, value, &schema->maximum, false, false);
    check_bound(ctx, value, &schema->exclusive_maximum, false, true);
}

static void check_array(value_ctx *ctx, const ir_schema *schema, const ir_value *value,
                        bool constraints_only)
{
    if (schema->min_items.present && (int64_t)value->count < schema->min_items.value)
        value_ctx_report(ctx, value, value->loc, "expected at least %lld items, got %zu",
                         (long long)schema->min_items.value, value->count);
    if (schema->max_items.present && (int64_t)value->count > schema->max_items.value)
        value_ctx_report(ctx, value, value->loc, "expected at most %lld items, got %zu",
                         (long long)schema->max_items.value, value->count);
    if (constraints_only || !schema->items)
        return;
    for (size_t i = 0; i < value->count; i++) {
        size_t mark = value_path_push_index(&ctx->path, i);
        value_ctx_check_schema(ctx, schema->items, value->items[i], false);
        value_path_truncate(&ctx->path, mark);
    }
}

/* ------------------------------------------------------------- objects */

static const ir_schema *find_property(const ir_schema *schema, const char *name)
{
    for (size_t i = 0; i < schema->property_count; i++)
        if (schema->properties[i].name.text && strcmp(schema->properties[i].name.text, name) == 0)
            return schema->properties[i].schema;
    return NULL;
}

static bool has_property(const ir_schema *schema, const char *name)
{
    for (size_t i = 0; i < schema->property_count; i++)
        if (schema->properties[i].name.text && strcmp(schema->properties[i].name.text, name) == 0)
            return true;
    return false;
}

static void report_unknown_property(value_ctx *ctx, const ir_schema *schema,
                                    const ir_member *member)
{
    const char *key = member->key.text;
    const char *hint = NULL;
    const char **candidates = malloc(schema->property_count * sizeof *candidates);
    if (candidates) {
        for (size_t i = 0; i < schema->property_count; i++)
            candidates[i] = schema->properties[i].name.text;
        hint = value_hint(key, suggest_closest(key, candidates, schema->property_count));
        free(candidates);
    }
    size_t mark = value_path_push_key(&ctx->path, key);
    if (hint)
        value_ctx_report(ctx, member->value, member->key.loc,
                         "unknown field '%.*s' (not in the schema's properties); did you mean "
                         "'%s'?", utf8_fit(key, 64), key, hint);
    else
        value_ctx_report(ctx, member->value, member->key.loc,
                         "unknown field '%.*s' (not in the schema's properties)",
                         utf8_fit(key, 64), key);
    value_path_truncate(&ctx->path, mark);
}

static void check_extra(value_ctx *ctx, const ir_schema *schema, const ir_member *member)
{
    if (schema->additional_properties) {
        size_t mark = value_path_push_key(&ctx->path, member->key.text);
        value_ctx_check_schema(ctx, schema->additional_properties, member->value, false);
        value_path_truncate(&ctx->path, mark);
        return;
    }
    const ir_opt_bool *allowed = &schema->additional_properties_allowed;
    if (allowed->present ? !allowed->value : schema->property_count > 0)
        report_unknown_property(ctx, schema, member);
}

static void check_object(value_ctx *ctx, const ir_schema *schema, const ir_value *value)
{
    for (size_t i = 0; i < schema->required.count; i++) {
        const char *name = schema->required.items[i].text;
        if (name && !value_find_member(value, name))
            value_ctx_report(ctx, value, value->loc, "missing required field '%s'", name);
    }
    for (size_t i = 0; i < value->count; i++) {
        const ir_member *member = &value->members[i];
        if (!member->key.text)
            continue;
        if (!has_property(schema, member->key.text)) {
            check_extra(ctx, schema, member);
            continue;
        }
        const ir_schema *property = find_property(schema, member->key.text);
        size_t mark = value_path_push_key(&ctx->path, member->key.text);
        value_ctx_check_schema(ctx, property, member->value, false);
        value_path_truncate(&ctx->path, mark);
    }
}

/* ------------------------------------------------------------- dispatch */

void value_ctx_check_schema(value_ctx *ctx, const ir_schema *schema, const ir_value *value,
                            bool constraints_only)
{
    if (!schema || !value)
        return;
    if (ctx->depth >= VALUE_CHECK_MAX_DEPTH) {
        value_ctx_report(ctx, value, value->loc, "nested deeper than %d levels; not checked further",
                         VALUE_CHECK_MAX_DEPTH);
        return;
    }
    ctx->depth++;
    size_t before = ctx->count;
    if (!constraints_only) {
        if (schema->ref.name.text && schema->ref.kind != IR_TYPE_UNRESOLVED)
            value_ctx_check_type(ctx, &schema->ref, false, value);
        if (ctx->count == before && !type_matches(schema->type.value, value))
            value_ctx_report(ctx, value, value->loc, "expected %s, got %s",
                             type_phrase(schema->type.value), value_kind_phrase(value));
    }
    /* a value of the wrong type would only collect noise from the rest */
    if (ctx->count == before) {
        check_enum_const(ctx, schema, value);
        if (value->kind == IR_VALUE_STRING)
            check_string(ctx, schema, value);
        else if (is_number(value))
            check_number(ctx, schema, value);
        else if (value->kind == IR_VALUE_ARRAY)
            check_array(ctx, schema, value, constraints_only);
        else if (value->kind == IR_VALUE_OBJECT && !constraints_only)
            check_object(ctx, schema, value);
    }
    ctx->depth--;
}

static size_t run_schema_check(const ir_schema *schema, const ir_value *value,
                               value_mismatch_fn report, value_mismatch_at_fn report_at,
                               void *user)
{
    value_ctx ctx;
    value_ctx_init(&ctx, report, report_at, user);
    value_ctx_check_schema(&ctx, schema, value, false);
    value_ctx_done(&ctx);
    return ctx.count;
}

size_t value_check_schema(const ir_schema *schema, const ir_value *value,
                          value_mismatch_fn report, void *user)
{
    return run_schema_check(schema, value, report, NULL, user);
}

size_t value_check_schema_at(const ir_schema *schema, const ir_value *value,
                             value_mismatch_at_fn report, void *user)
{
    return run_schema_check(schema, value, NULL, report, user);
}
