/* value_check: JSON values written in specs against types: scalars (by
 * scalar_rules.c), enums, models (required fields, unknown keys, isArray,
 * nesting) -- the rules of ContractSpec's SchemaModel validation
 * (reference 8.2, 8.3), with one deliberate difference: an unknown key,
 * which ContractSpec strips silently, is a mismatch, because in an
 * example or default it is almost always a typo. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "suggest.h"
#include "value_check_internal.h"

/* ------------------------------------------------------------- context */

void value_ctx_init(value_ctx *ctx, value_mismatch_fn report, value_mismatch_at_fn report_at,
                    void *user)
{
    ctx->report = report;
    ctx->report_at = report_at;
    ctx->user = user;
    value_path_init(&ctx->path);
    ctx->depth = 0;
    ctx->count = 0;
}

void value_ctx_done(value_ctx *ctx)
{
    value_path_free(&ctx->path);
}

void value_ctx_report(value_ctx *ctx, const ir_value *value, src_loc loc, const char *fmt, ...)
{
    char reason[768];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(reason, sizeof reason, fmt, ap);
    va_end(ap);
    if (n >= (int)sizeof reason)   /* truncated: do not end inside a character */
        reason[utf8_fit(reason, sizeof reason - 1)] = '\0';
    ctx->count++;
    if (ctx->report_at)
        ctx->report_at(ctx->user, loc, value, ctx->path.text, reason);
    else if (ctx->report)
        ctx->report(ctx->user, value, ctx->path.text, reason);
}

/* Whether a scalar's rule is about values of this kind at all (so a
 * failure can say what was found instead). */
static bool scalar_takes_kind(ir_scalar scalar, ir_value_kind kind)
{
    switch (scalar) {
    case IR_SCALAR_INT_UNSECURE:
    case IR_SCALAR_FLOAT_UNSECURE:
    case IR_SCALAR_LATITUDE:
    case IR_SCALAR_LONGITUDE:
        return kind == IR_VALUE_INT || kind == IR_VALUE_FLOAT;
    case IR_SCALAR_BOOLEAN:
        return kind == IR_VALUE_BOOL;
    case IR_SCALAR_JSON:
        return true;
    case IR_SCALAR_JSON_OBJECT:
        return kind == IR_VALUE_OBJECT;
    default:
        return kind == IR_VALUE_STRING;
    }
}

/* ------------------------------------------------------------- enums */

/* "did you mean" among the texts of an enum; NULL when nothing is close
 * (or memory runs out: the hint is a convenience). */
static const char *suggest_text(const char *word, const ir_text *texts, size_t count)
{
    if (count == 0)
        return NULL;
    const char **candidates = malloc(count * sizeof *candidates);
    if (!candidates)
        return NULL;
    for (size_t i = 0; i < count; i++)
        candidates[i] = texts[i].text;
    const char *hint = value_hint(word, suggest_closest(word, candidates, count));
    free(candidates);
    return hint;
}

/* Same among a model's field names. */
static const char *suggest_field(const char *word, const ir_model *model)
{
    if (model->field_count == 0)
        return NULL;
    const char **candidates = malloc(model->field_count * sizeof *candidates);
    if (!candidates)
        return NULL;
    for (size_t i = 0; i < model->field_count; i++)
        candidates[i] = model->fields[i].name.text;
    const char *hint = value_hint(word, suggest_closest(word, candidates, model->field_count));
    free(candidates);
    return hint;
}

/* "A, B, C" into buf; ", ..." when the list does not fit. */
static void list_texts(const ir_text_list *list, char *buf, size_t size)
{
    static const char more[] = ", ...";
    size_t used = 0;
    buf[0] = '\0';
    for (size_t i = 0; i < list->count; i++) {
        const char *v = list->items[i].text ? list->items[i].text : "";
        size_t need = strlen(v) + (i ? 2 : 0);
        if (used + need + sizeof more > size) {
            snprintf(buf + used, size - used, "%s", i ? more : "...");
            return;
        }
        used += (size_t)snprintf(buf + used, size - used, "%s%s", i ? ", " : "", v);
    }
}

static void check_enum(value_ctx *ctx, const ir_enum *def, const ir_value *value)
{
    const char *name = def->name.text ? def->name.text : "enum";
    if (value->kind != IR_VALUE_STRING) {
        value_ctx_report(ctx, value, value->loc, "expected a %s value (a string), got %s", name,
                         value_kind_phrase(value));
        return;
    }
    for (size_t i = 0; i < def->values.count; i++) {
        const char *v = def->values.items[i].text;
        if (v && strlen(v) == value->string_len && memcmp(v, value->string_value, value->string_len) == 0)
            return;
    }
    char allowed[400];
    list_texts(&def->values, allowed, sizeof allowed);
    char echo[64];
    value_echo(value, echo, sizeof echo);
    const char *hint = NULL;
    if (value->string_len <= VALUE_ECHO_MAX && value->string_len == strlen(value->string_value))
        hint = suggest_text(value->string_value, def->values.items, def->values.count);
    if (hint)
        value_ctx_report(ctx, value, value->loc, "%s is not a %s value (%s); did you mean '%s'?",
                         echo, name, allowed, hint);
    else
        value_ctx_report(ctx, value, value->loc, "%s is not a %s value (%s)", echo, name, allowed);
}

/* ------------------------------------------------------------- types */

static const char *type_name(const ir_type_ref *type)
{
    return type->name.text ? type->name.text : "the declared type";
}

static void check_scalar(value_ctx *ctx, ir_scalar scalar, const ir_value *value)
{
    const char *reason = scalar_check_value(scalar, value);
    if (!reason)
        return;
    const char *name = ir_scalar_name(scalar) ? ir_scalar_name(scalar) : "scalar";
    if (scalar_takes_kind(scalar, value->kind))
        value_ctx_report(ctx, value, value->loc, "%s: %s", name, reason);
    else
        value_ctx_report(ctx, value, value->loc, "%s: %s, got %s", name, reason,
                         value_kind_phrase(value));
}

static void check_single(value_ctx *ctx, const ir_type_ref *type, const ir_value *value)
{
    switch (type->kind) {
    case IR_TYPE_SCALAR:
        check_scalar(ctx, type->scalar, value);
        break;
    case IR_TYPE_ENUM:
        if (type->enum_def)
            check_enum(ctx, type->enum_def, value);
        break;
    case IR_TYPE_MODEL:
        if (type->model)
            value_ctx_check_model(ctx, type->model, value);
        break;
    case IR_TYPE_UNRESOLVED:
        break;   /* the references pass reported it */
    }
}

static bool enter(value_ctx *ctx, const ir_value *value)
{
    if (ctx->depth >= VALUE_CHECK_MAX_DEPTH) {
        value_ctx_report(ctx, value, value->loc,
                         "nested deeper than %d levels; not checked further",
                         VALUE_CHECK_MAX_DEPTH);
        return false;
    }
    ctx->depth++;
    return true;
}

void value_ctx_check_type(value_ctx *ctx, const ir_type_ref *type, bool is_array,
                          const ir_value *value)
{
    if (!type || !value || type->kind == IR_TYPE_UNRESOLVED)
        return;
    if (!is_array) {
        check_single(ctx, type, value);
        return;
    }
    if (value->kind != IR_VALUE_ARRAY) {
        value_ctx_report(ctx, value, value->loc, "expected an array of %s, got %s", type_name(type),
                         value_kind_phrase(value));
        return;
    }
    if (!enter(ctx, value))
        return;
    for (size_t i = 0; i < value->count; i++) {
        size_t mark = value_path_push_index(&ctx->path, i);
        check_single(ctx, type, value->items[i]);
        value_path_truncate(&ctx->path, mark);
    }
    ctx->depth--;
}

/* ------------------------------------------------------------- models */

static void check_field_value(value_ctx *ctx, const ir_field *field, const ir_value *value)
{
    size_t before = ctx->count;
    value_ctx_check_type(ctx, &field->type, field->is_array, value);
    if (!field->constraints || ctx->count != before)
        return;
    /* a model given as a JSON Schema: its keywords narrow the type */
    value_ctx_check_schema(ctx, field->constraints, value, true);
    if (field->is_array && field->constraints->items && value->kind == IR_VALUE_ARRAY) {
        for (size_t i = 0; i < value->count; i++) {
            size_t mark = value_path_push_index(&ctx->path, i);
            value_ctx_check_schema(ctx, field->constraints->items, value->items[i], true);
            value_path_truncate(&ctx->path, mark);
        }
    }
}

static void report_unknown_field(value_ctx *ctx, const ir_model *model, const ir_member *member)
{
    const char *name = model->name.text ? model->name.text : "model";
    const char *key = member->key.text ? member->key.text : "";
    size_t mark = value_path_push_key(&ctx->path, key);
    const char *hint = suggest_field(key, model);
    if (hint)
        value_ctx_report(ctx, member->value, member->key.loc,
                         "unknown field '%.*s' (not in model %s); did you mean '%s'?",
                         utf8_fit(key, 64), key, name,
                         hint);
    else
        value_ctx_report(ctx, member->value, member->key.loc,
                         "unknown field '%.*s' (not in model %s)", utf8_fit(key, 64), key, name);
    value_path_truncate(&ctx->path, mark);
}

static void check_extra_member(value_ctx *ctx, const ir_model *model, const ir_member *member)
{
    const ir_schema *schema = model->schema;
    if (schema && schema->additional_properties) {
        size_t mark = value_path_push_key(&ctx->path, member->key.text);
        value_ctx_check_schema(ctx, schema->additional_properties, member->value, false);
        value_path_truncate(&ctx->path, mark);
        return;
    }
    if (schema && schema->additional_properties_allowed.present &&
        schema->additional_properties_allowed.value)
        return;
    report_unknown_field(ctx, model, member);
}

void value_ctx_check_model(value_ctx *ctx, const ir_model *model, const ir_value *value)
{
    if (!model || !value)
        return;
    const char *name = model->name.text ? model->name.text : "model";
    if (value->kind != IR_VALUE_OBJECT) {
        value_ctx_report(ctx, value, value->loc, "expected an object (model %s), got %s", name,
                         value_kind_phrase(value));
        return;
    }
    if (!enter(ctx, value))
        return;
    /* indexes, not nested scans: models and examples can have thousands of keys */
    value_name_index members, fields;
    value_index_members(&members, value);
    value_index_fields(&fields, model);
    for (size_t i = 0; i < model->field_count; i++) {
        const ir_field *field = &model->fields[i];
        if (!field->name.text)
            continue;
        const ir_member *member = value_indexed_member(&members, value, field->name.text);
        if (!member) {
            /* a default fills an absent field, so it is not missing */
            if (!field->is_optional && !field->default_value)
                value_ctx_report(ctx, value, value->loc, "missing required field '%s'",
                                 field->name.text);
            continue;
        }
        size_t mark = value_path_push_key(&ctx->path, field->name.text);
        check_field_value(ctx, field, member->value);
        value_path_truncate(&ctx->path, mark);
    }
    for (size_t i = 0; i < value->count; i++) {
        const ir_member *member = &value->members[i];
        if (member->key.text && !value_indexed_field(&fields, model, member->key.text))
            check_extra_member(ctx, model, member);
    }
    value_name_index_free(&members);
    value_name_index_free(&fields);
    ctx->depth--;
}

/* ------------------------------------------------------------- entry points */

static size_t run_type_check(const ir_type_ref *type, bool is_array, const ir_value *value,
                             value_mismatch_fn report, value_mismatch_at_fn report_at, void *user)
{
    value_ctx ctx;
    value_ctx_init(&ctx, report, report_at, user);
    value_ctx_check_type(&ctx, type, is_array, value);
    value_ctx_done(&ctx);
    return ctx.count;
}

static size_t run_model_check(const ir_model *model, const ir_value *value,
                              value_mismatch_fn report, value_mismatch_at_fn report_at, void *user)
{
    value_ctx ctx;
    value_ctx_init(&ctx, report, report_at, user);
    value_ctx_check_model(&ctx, model, value);
    value_ctx_done(&ctx);
    return ctx.count;
}

size_t value_check_type(const ir_type_ref *type, bool is_array, const ir_value *value,
                        value_mismatch_fn report, void *user)
{
    return run_type_check(type, is_array, value, report, NULL, user);
}

size_t value_check_model(const ir_model *model, const ir_value *value, value_mismatch_fn report,
                         void *user)
{
    return run_model_check(model, value, report, NULL, user);
}

size_t value_check_type_at(const ir_type_ref *type, bool is_array, const ir_value *value,
                           value_mismatch_at_fn report, void *user)
{
    return run_type_check(type, is_array, value, NULL, report, user);
}

size_t value_check_model_at(const ir_model *model, const ir_value *value,
                            value_mismatch_at_fn report, void *user)
{
    return run_model_check(model, value, NULL, report, user);
}
