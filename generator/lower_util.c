/* lower_util: typed field readers and located diagnostics for lowering
 * (lower_util.h). */
#include "lower_util.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "suggest.h"

src_loc lower_loc(const lower_ctx *ctx, const cnode *node)
{
    src_loc loc = {ctx->file, 0, 0};
    if (node != NULL) {
        loc.line = node->loc.line;
        loc.col = node->loc.col;
    }
    return loc;
}

void lower_error(lower_ctx *ctx, const cnode *at, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    diag_addv(ctx->diags, DIAG_ERROR, lower_loc(ctx, at), fmt, ap);
    va_end(ap);
    ctx->errors++;
}

void lower_warning(lower_ctx *ctx, const cnode *at, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    diag_addv(ctx->diags, DIAG_WARNING, lower_loc(ctx, at), fmt, ap);
    va_end(ap);
}

const char *lower_describe(const cnode *node)
{
    if (node == NULL)
        return "nothing";
    switch (node->kind) {
    case CNODE_MAPPING:
        return "a mapping";
    case CNODE_SEQUENCE:
        return "a sequence";
    case CNODE_SCALAR:
        break;
    }
    switch (node->scalar_type) {
    case CSCALAR_NULL:
        return "null";
    case CSCALAR_BOOL:
        return "a boolean";
    case CSCALAR_INT:
        return "an integer";
    case CSCALAR_FLOAT:
        return "a number";
    case CSCALAR_STRING:
        break;
    }
    return "a string";
}

const cnode *lower_get(const cnode *mapping, const char *key)
{
    if (mapping == NULL || mapping->kind != CNODE_MAPPING)
        return NULL;
    const cnode *value = cnode_get(mapping, key);
    return cnode_is_null(value) ? NULL : value;
}

bool lower_expect_mapping(lower_ctx *ctx, const cnode *node, const char *what)
{
    if (node == NULL)
        return false;
    if (node->kind == CNODE_MAPPING)
        return true;
    lower_error(ctx, node, "expected a mapping for '%s', found %s", what, lower_describe(node));
    return false;
}

const cnode *lower_get_mapping(lower_ctx *ctx, const cnode *mapping, const char *key)
{
    const cnode *value = lower_get(mapping, key);
    return lower_expect_mapping(ctx, value, key) ? value : NULL;
}

const cnode *lower_get_sequence(lower_ctx *ctx, const cnode *mapping, const char *key)
{
    const cnode *value = lower_get(mapping, key);
    if (value == NULL || value->kind == CNODE_SEQUENCE)
        return value;
    lower_error(ctx, value, "expected a sequence for '%s', found %s", key, lower_describe(value));
    return NULL;
}

static bool is_string(const cnode *node)
{
    return node->kind == CNODE_SCALAR && node->scalar_type == CSCALAR_STRING;
}

void lower_text_node(lower_ctx *ctx, const cnode *node, const char *what, src_loc owner,
                     ir_text *out)
{
    out->text = NULL;
    out->loc = owner;
    out->invalid = false;
    if (cnode_is_null(node))
        return;
    out->loc = lower_loc(ctx, node);
    if (!is_string(node)) {
        lower_error(ctx, node, "expected a string for '%s', found %s", what,
                    lower_describe(node));
        out->invalid = true;
        return;
    }
    out->text = ir_strndup(ctx->program, node->text, node->text_len);
}

void lower_text(lower_ctx *ctx, const cnode *mapping, const char *key, src_loc owner,
                ir_text *out)
{
    lower_text_node(ctx, lower_get(mapping, key), key, owner, out);
}

void lower_version(lower_ctx *ctx, const cnode *mapping, const char *key, src_loc owner,
                   ir_text *out)
{
    const cnode *node = lower_get(mapping, key);
    if (node != NULL && node->kind == CNODE_SCALAR &&
        (node->scalar_type == CSCALAR_INT || node->scalar_type == CSCALAR_FLOAT)) {
        /* A bare integer N means N.0.0; any other number keeps its text so
         * the checker can say why it is not a version. */
        out->loc = lower_loc(ctx, node);
        if (node->scalar_type == CSCALAR_INT && node->int_value >= 0)
            out->text = ir_printf(ctx->program, "%lld.0.0", (long long)node->int_value);
        else
            out->text = ir_strndup(ctx->program, node->text, node->text_len);
        return;
    }
    lower_text_node(ctx, node, key, owner, out);
}

void lower_text_list(lower_ctx *ctx, const cnode *mapping, const char *key, src_loc owner,
                     ir_text_list *out)
{
    memset(out, 0, sizeof *out);
    out->loc = owner;
    const cnode *seq = lower_get_sequence(ctx, mapping, key);
    if (seq == NULL) {
        out->invalid = lower_get(mapping, key) != NULL;
        return;
    }
    out->loc = lower_loc(ctx, seq);
    out->items = lower_array(ctx, seq->count, sizeof *out->items);
    for (size_t i = 0; i < seq->count; i++) {
        ir_text item;
        lower_text_node(ctx, seq->items[i], key, out->loc, &item);
        if (item.text != NULL)
            out->items[out->count++] = item;
    }
}

#define SCALAR_BIT(type) (1u << (type))

/* The scalar at key when its type is one of `accepted` (a mask of
 * SCALAR_BIT); *loc becomes its location, or owner when it is absent.
 * NULL when absent, or (reported) of another kind. */
static const cnode *typed_scalar(lower_ctx *ctx, const cnode *mapping, const char *key,
                                 src_loc owner, unsigned accepted, const char *expected,
                                 src_loc *loc)
{
    *loc = owner;
    const cnode *node = lower_get(mapping, key);
    if (node == NULL)
        return NULL;
    *loc = lower_loc(ctx, node);
    if (node->kind != CNODE_SCALAR || !(accepted & SCALAR_BIT(node->scalar_type))) {
        lower_error(ctx, node, "expected %s for '%s', found %s", expected, key,
                    lower_describe(node));
        return NULL;
    }
    return node;
}

void lower_bool(lower_ctx *ctx, const cnode *mapping, const char *key, src_loc owner,
                ir_opt_bool *out)
{
    memset(out, 0, sizeof *out);
    const cnode *node = typed_scalar(ctx, mapping, key, owner, SCALAR_BIT(CSCALAR_BOOL),
                                     "a boolean", &out->loc);
    if (node == NULL)
        return;
    out->present = true;
    out->value = node->bool_value;
}

void lower_int(lower_ctx *ctx, const cnode *mapping, const char *key, src_loc owner,
               ir_opt_int *out)
{
    memset(out, 0, sizeof *out);
    const cnode *node = typed_scalar(ctx, mapping, key, owner, SCALAR_BIT(CSCALAR_INT),
                                     "an integer", &out->loc);
    if (node == NULL)
        return;
    out->present = true;
    out->value = node->int_value;
}

void lower_number(lower_ctx *ctx, const cnode *mapping, const char *key, src_loc owner,
                  ir_opt_number *out)
{
    memset(out, 0, sizeof *out);
    const cnode *node =
        typed_scalar(ctx, mapping, key, owner, SCALAR_BIT(CSCALAR_INT) | SCALAR_BIT(CSCALAR_FLOAT),
                     "a number", &out->loc);
    if (node == NULL)
        return;
    out->present = true;
    out->value = node->float_value;
    out->is_integer = node->scalar_type == CSCALAR_INT;
}

void lower_pairs(lower_ctx *ctx, const cnode *mapping, const char *key, ir_pair_list *out)
{
    memset(out, 0, sizeof *out);
    const cnode *map = lower_get_mapping(ctx, mapping, key);
    if (map == NULL)
        return;
    out->items = lower_array(ctx, map->count, sizeof *out->items);
    for (size_t i = 0; i < map->count; i++) {
        ir_pair *pair = &out->items[out->count];
        lower_text_node(ctx, map->pairs[i].key, key, lower_loc(ctx, map), &pair->key);
        lower_text_node(ctx, map->pairs[i].value, pair->key.text ? pair->key.text : key,
                        pair->key.loc, &pair->value);
        if (pair->key.text != NULL && pair->value.text != NULL)
            out->count++;
    }
}

void lower_ref_node(lower_ctx *ctx, const cnode *node, src_loc owner, ir_ref *out)
{
    static const char *const known[] = {"key", "version"};
    memset(out, 0, sizeof *out);
    out->loc = owner;
    out->key.loc = owner;
    out->version.loc = owner;
    if (node == NULL || !lower_expect_mapping(ctx, node, "reference"))
        return;
    out->loc = lower_loc(ctx, node);
    lower_check_keys(ctx, node, LOWER_KEYS(known), "reference");
    lower_text(ctx, node, "key", out->loc, &out->key);
    lower_version(ctx, node, "version", out->loc, &out->version);
}

void lower_ref(lower_ctx *ctx, const cnode *mapping, const char *key, src_loc owner,
               ir_ref *out)
{
    lower_ref_node(ctx, lower_get(mapping, key), owner, out);
}

void lower_type_ref(lower_ctx *ctx, const cnode *mapping, const char *key, src_loc owner,
                    ir_type_ref *out)
{
    memset(out, 0, sizeof *out);
    lower_text(ctx, mapping, key, owner, &out->name);
}

void lower_check_keys_named(lower_ctx *ctx, const cnode *mapping, const char *const *known,
                            size_t count, const char *what, const char *name)
{
    if (mapping == NULL || mapping->kind != CNODE_MAPPING)
        return;
    for (size_t i = 0; i < mapping->count; i++) {
        const cnode *key = mapping->pairs[i].key;
        bool found = false;
        for (size_t k = 0; k < count && !found; k++)
            found = strcmp(known[k], key->text) == 0;
        if (found)
            continue;
        const char *where = name ? ir_printf(ctx->program, "%s '%s'", what, name) : what;
        const char *guess = suggest_closest(key->text, known, count);
        if (guess != NULL)
            lower_warning(ctx, key, "unknown field '%s' in %s; did you mean '%s'?", key->text,
                          where, guess);
        else
            lower_warning(ctx, key, "unknown field '%s' in %s", key->text, where);
    }
}

void lower_check_keys(lower_ctx *ctx, const cnode *mapping, const char *const *known,
                      size_t count, const char *where)
{
    lower_check_keys_named(ctx, mapping, known, count, where, NULL);
}

void *lower_array(lower_ctx *ctx, size_t count, size_t size)
{
    if (count == 0)
        return NULL;
    /* An overflowing product asks for everything: ir_alloc then reports
     * running out of memory (a loaded file cannot hold that many nodes). */
    return ir_alloc(ctx->program, count > (size_t)-1 / size ? (size_t)-1 : count * size);
}
