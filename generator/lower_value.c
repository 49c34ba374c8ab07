/* lower_value: a cnode subtree to an ir_value (examples, defaults, enum
 * and const values), keeping every node's location.  Recursion follows the
 * tree, whose depth the loader bounds. */
#include "lower_util.h"

static void lower_scalar(lower_ctx *ctx, const cnode *node, ir_value *value)
{
    value->string_value = ir_strndup(ctx->program, node->text, node->text_len);
    value->string_len = node->text_len;
    switch (node->scalar_type) {
    case CSCALAR_NULL:
        value->kind = IR_VALUE_NULL;
        break;
    case CSCALAR_BOOL:
        value->kind = IR_VALUE_BOOL;
        value->bool_value = node->bool_value;
        break;
    case CSCALAR_INT:
        value->kind = IR_VALUE_INT;
        value->int_value = node->int_value;
        value->float_value = node->float_value;
        break;
    case CSCALAR_FLOAT:
        value->kind = IR_VALUE_FLOAT;
        value->float_value = node->float_value;
        break;
    case CSCALAR_STRING:
        value->kind = IR_VALUE_STRING;
        break;
    }
}

ir_value *lower_value(lower_ctx *ctx, const cnode *node)
{
    if (node == NULL)
        return NULL;
    ir_value *value = ir_alloc(ctx->program, sizeof *value);
    value->loc = lower_loc(ctx, node);
    switch (node->kind) {
    case CNODE_SCALAR:
        lower_scalar(ctx, node, value);
        break;
    case CNODE_SEQUENCE:
        value->kind = IR_VALUE_ARRAY;
        value->count = node->count;
        value->items = lower_array(ctx, node->count, sizeof *value->items);
        for (size_t i = 0; i < node->count; i++)
            value->items[i] = lower_value(ctx, node->items[i]);
        break;
    case CNODE_MAPPING:
        value->kind = IR_VALUE_OBJECT;
        value->count = node->count;
        value->members = lower_array(ctx, node->count, sizeof *value->members);
        for (size_t i = 0; i < node->count; i++) {
            const cnode *key = node->pairs[i].key;
            value->members[i].key.text = ir_strndup(ctx->program, key->text, key->text_len);
            value->members[i].key.loc = lower_loc(ctx, key);
            value->members[i].value = lower_value(ctx, node->pairs[i].value);
        }
        break;
    }
    return value;
}
