/* lower_model: `kind: model` (fields form, or a JSON Schema whose
 * properties become the fields) and `kind: enum`. */
#include "lower_util.h"

#include <string.h>

#include "ir_index.h"

static const char *const model_keys[] = {"kind", "name", "description", "fields", "schema"};
static const char *const field_keys[] = {"type", "isOptional", "isArray", "defaultValue",
                                         "description"};
static const char *const enum_keys[] = {"kind", "name", "description", "values"};

static void lower_field(lower_ctx *ctx, const cnode *key, const cnode *def, ir_field *f)
{
    f->name.text = ir_strndup(ctx->program, key->text, key->text_len);
    f->name.loc = lower_loc(ctx, key);
    f->loc = f->name.loc;
    lower_check_keys_named(ctx, def, LOWER_KEYS(field_keys), "model field", f->name.text);
    lower_type_ref(ctx, def, "type", f->loc, &f->type);
    ir_opt_bool flag;
    lower_bool(ctx, def, "isOptional", f->loc, &flag);
    f->is_optional = flag.present && flag.value;
    lower_bool(ctx, def, "isArray", f->loc, &flag);
    f->is_array = flag.present && flag.value;
    /* null is a value here: the default of a JSON field may be null. */
    f->default_value = lower_value(ctx, cnode_get(def, "defaultValue"));
    lower_text(ctx, def, "description", f->loc, &f->description);
}

static void lower_fields(lower_ctx *ctx, const cnode *fields, ir_model *model)
{
    model->fields = lower_array(ctx, fields->count, sizeof *model->fields);
    for (size_t i = 0; i < fields->count; i++) {
        const cnode *key = fields->pairs[i].key;
        const cnode *def = fields->pairs[i].value;
        if (!lower_expect_mapping(ctx, def, key->text))
            continue;
        lower_field(ctx, key, def, &model->fields[model->field_count++]);
    }
}

/* ------------------------------------------------------------ schema models */


static void synthesize_fields(lower_ctx *ctx, ir_model *model, const ir_schema *schema);

/* A model for an inline object schema with properties, named
 * <Parent>_<property>. */
static const char *synthesize_model(lower_ctx *ctx, const ir_model *parent, const char *property,
                                    const ir_schema *schema)
{
    ir_model *model = ir_add_model(ctx->program);
    model->name.text = ir_printf(ctx->program, "%s_%s", parent->name.text, property);
    model->name.loc = schema->loc;
    model->description = schema->description;
    model->schema = (ir_schema *)schema;
    model->synthesized = true;
    model->loc = schema->loc;
    synthesize_fields(ctx, model, schema);
    return model->name.text;
}

static const char *string_scalar(const ir_schema *schema)
{
    static const struct { const char *format; const char *scalar; } formats[] = {
        {"email", "EmailAddress"}, {"uri", "URL"}, {"date", "Date"}, {"date-time", "DateTime"}};
    for (size_t i = 0; schema->format.text && i < sizeof formats / sizeof formats[0]; i++) {
        if (strcmp(formats[i].format, schema->format.text) == 0)
            return formats[i].scalar;
    }
    return "String_unsecure";
}

/* The field type a property schema stands for; array items set is_array. */
static const char *schema_type_name(lower_ctx *ctx, const ir_model *parent, const char *property,
                                    const ir_schema *schema, bool *is_array)
{
    if (schema->ref.name.text != NULL)
        return schema->ref.name.text;
    switch (schema->type.value) {
    case IR_SCHEMA_STRING:
        return string_scalar(schema);
    case IR_SCHEMA_INTEGER:
        return "Int_unsecure";
    case IR_SCHEMA_NUMBER:
        return "Float_unsecure";
    case IR_SCHEMA_BOOLEAN:
        return "Boolean";
    case IR_SCHEMA_OBJECT:
        if (schema->property_count > 0)
            return synthesize_model(ctx, parent, property, schema);
        return "JSONObject";
    case IR_SCHEMA_ARRAY:
        /* An array of arrays has no field form: it stays any JSON. */
        if (*is_array)
            return "JSON";
        *is_array = true;
        if (schema->items == NULL || schema->items->type.value == IR_SCHEMA_ARRAY)
            return "JSON";
        return schema_type_name(ctx, parent, property, schema->items, is_array);
    case IR_SCHEMA_ANY:
    case IR_SCHEMA_NULL:
    case IR_SCHEMA_UNKNOWN:
        break;
    }
    return "JSON";
}

static void synthesize_fields(lower_ctx *ctx, ir_model *model, const ir_schema *schema)
{
    /* The required names, indexed: a schema may list thousands. */
    ir_index required = {0};
    for (size_t i = 0; i < schema->required.count; i++)
        ir_index_put(&required, schema->required.items[i].text, (void *)&schema->required.items[i]);
    model->fields = lower_array(ctx, schema->property_count, sizeof *model->fields);
    model->field_count = schema->property_count;
    for (size_t i = 0; i < schema->property_count; i++) {
        const ir_schema_property *p = &schema->properties[i];
        ir_field *f = &model->fields[i];
        f->name = p->name;
        f->loc = p->name.loc;
        f->type.name.text = schema_type_name(ctx, model, p->name.text, p->schema, &f->is_array);
        f->type.name.loc = p->schema->loc;
        f->is_optional = ir_index_get(&required, p->name.text) == NULL;
        f->default_value = p->schema->default_value;
        f->description = p->schema->description;
        f->constraints = p->schema;
    }
    ir_index_clear(&required);
}

void lower_model(lower_ctx *ctx, const cnode *root)
{
    ir_model *model = ir_add_model(ctx->program);
    model->loc = lower_loc(ctx, root);
    lower_check_keys(ctx, root, LOWER_KEYS(model_keys), "model");
    lower_text(ctx, root, "name", model->loc, &model->name);
    lower_text(ctx, root, "description", model->loc, &model->description);
    const cnode *fields = lower_get(root, "fields");
    const cnode *schema = lower_get(root, "schema");
    if (fields != NULL && schema != NULL) {
        lower_error(ctx, schema, "a model has either 'fields' or 'schema', not both");
        return;
    }
    if (fields == NULL && schema == NULL) {
        lower_error(ctx, root, "missing required field 'fields' (or 'schema') in model");
        return;
    }
    if (fields != NULL) {
        if (lower_expect_mapping(ctx, fields, "fields"))
            lower_fields(ctx, fields, model);
        return;
    }
    model->schema = lower_schema(ctx, schema);
    if (model->name.text != NULL)
        synthesize_fields(ctx, model, model->schema);
}

void lower_enum(lower_ctx *ctx, const cnode *root)
{
    ir_enum *e = ir_add_enum(ctx->program);
    e->loc = lower_loc(ctx, root);
    lower_check_keys(ctx, root, LOWER_KEYS(enum_keys), "enum");
    lower_text(ctx, root, "name", e->loc, &e->name);
    lower_text(ctx, root, "description", e->loc, &e->description);
    lower_text_list(ctx, root, "values", e->loc, &e->values);
}
