/* lower_schema: the JSON Schema subset of spec-format.md (configSchema,
 * secretSchema, models given as a schema).  An unknown keyword is a
 * warning, never silently dropped; recursion follows the tree, whose depth
 * the loader bounds. */
#include "lower_util.h"

#include <string.h>

static const char *const keywords[] = {
    "type",    "properties", "required", "enum",      "const",     "default",
    "description", "format", "minLength", "maxLength", "pattern",  "minimum",
    "maximum", "exclusiveMinimum", "exclusiveMaximum", "items", "minItems", "maxItems",
    "$ref",    "additionalProperties"};

static void lower_properties(lower_ctx *ctx, const cnode *node, ir_schema *schema)
{
    const cnode *props = lower_get_mapping(ctx, node, "properties");
    if (props == NULL)
        return;
    schema->properties = lower_array(ctx, props->count, sizeof *schema->properties);
    for (size_t i = 0; i < props->count; i++) {
        const cnode *key = props->pairs[i].key;
        const cnode *value = props->pairs[i].value;
        if (!lower_expect_mapping(ctx, value, key->text))
            continue;
        ir_schema_property *p = &schema->properties[schema->property_count++];
        p->name.text = ir_strndup(ctx->program, key->text, key->text_len);
        p->name.loc = lower_loc(ctx, key);
        p->schema = lower_schema(ctx, value);
    }
}

/* "Name" or "#/definitions/Name" names a model or enum. */
static void lower_schema_ref(lower_ctx *ctx, const cnode *node, ir_schema *schema)
{
    lower_text(ctx, node, "$ref", schema->loc, &schema->ref.name);
    const char *text = schema->ref.name.text;
    static const char prefix[] = "#/definitions/";
    if (text != NULL && strncmp(text, prefix, sizeof prefix - 1) == 0)
        schema->ref.name.text = text + sizeof prefix - 1;
}

static void lower_additional(lower_ctx *ctx, const cnode *node, ir_schema *schema)
{
    schema->additional_properties_allowed.loc = schema->loc;
    const cnode *extra = lower_get(node, "additionalProperties");
    if (extra == NULL)
        return;
    if (extra->kind == CNODE_SCALAR && extra->scalar_type == CSCALAR_BOOL) {
        lower_bool(ctx, node, "additionalProperties", schema->loc,
                   &schema->additional_properties_allowed);
        return;
    }
    if (!lower_expect_mapping(ctx, extra, "additionalProperties"))
        return;
    schema->additional_properties_allowed.present = true;
    schema->additional_properties_allowed.value = true;
    schema->additional_properties_allowed.loc = lower_loc(ctx, extra);
    schema->additional_properties = lower_schema(ctx, extra);
}

ir_schema *lower_schema(lower_ctx *ctx, const cnode *node)
{
    ir_schema *schema = ir_alloc(ctx->program, sizeof *schema);
    schema->loc = lower_loc(ctx, node);
    if (!lower_expect_mapping(ctx, node, "schema"))
        return schema;
    src_loc o = schema->loc;
    lower_check_keys(ctx, node, LOWER_KEYS(keywords), "schema");
    lower_text(ctx, node, "type", o, &schema->type.text);
    schema->type.value = ir_schema_type_parse(schema->type.text.text);
    lower_text(ctx, node, "description", o, &schema->description);
    lower_text(ctx, node, "format", o, &schema->format);
    lower_text(ctx, node, "pattern", o, &schema->pattern);
    lower_properties(ctx, node, schema);
    lower_text_list(ctx, node, "required", o, &schema->required);
    const cnode *values = lower_get_sequence(ctx, node, "enum");
    schema->enum_values = lower_value(ctx, values);
    schema->const_value = lower_value(ctx, cnode_get(node, "const"));
    schema->default_value = lower_value(ctx, cnode_get(node, "default"));
    lower_int(ctx, node, "minLength", o, &schema->min_length);
    lower_int(ctx, node, "maxLength", o, &schema->max_length);
    lower_int(ctx, node, "minItems", o, &schema->min_items);
    lower_int(ctx, node, "maxItems", o, &schema->max_items);
    lower_number(ctx, node, "minimum", o, &schema->minimum);
    lower_number(ctx, node, "maximum", o, &schema->maximum);
    lower_number(ctx, node, "exclusiveMinimum", o, &schema->exclusive_minimum);
    lower_number(ctx, node, "exclusiveMaximum", o, &schema->exclusive_maximum);
    const cnode *items = lower_get(node, "items");
    if (items != NULL && lower_expect_mapping(ctx, items, "items"))
        schema->items = lower_schema(ctx, items);
    lower_additional(ctx, node, schema);
    lower_schema_ref(ctx, node, schema);
    return schema;
}
