/* lower_integration_flat: the documentation's flat IntegrationSpec form
 * (reference 2.9, spec-format.md) normalised into the canonical form:
 *
 *   id -> meta.key          label -> meta.title     description -> meta.description
 *   version -> meta.version category -> meta.category
 *   providesCapabilities[] {capabilityId, operation, description} -> capabilities.provides
 *   requirements.capabilities -> capabilities.requires; requirements.minVersion kept
 *   configSchema / secretSchema {field: {type, description, required, default}}
 *       -> an object JSON Schema (a {schema, example} block is taken as is)
 *   webhooks {supported, events, signatureHeader} -> webhooks, plus a webhook
 *       transport when supported and none is declared
 *   setupGuideUrl, createdAt, updatedAt kept
 *
 * The canonical top-level blocks other than meta and capabilities
 * (supportedModes, transports, supportedAuthMethods, ...) may appear too. */
#include "lower_util.h"

#include <string.h>

static const char *const flat_keys[] = {
    "kind",        "id",           "label",          "description",   "category",
    "version",     "providesCapabilities", "requirements", "configSchema", "secretSchema",
    "webhooks",    "docsUrl",      "setupGuideUrl",  "createdAt",     "updatedAt",
    "supportedModes", "transports", "preferredTransport", "supportedAuthMethods",
    "versionPolicy", "healthCheck", "constraints",   "byokSetup"};

static void lower_flat_meta(lower_ctx *ctx, const cnode *root, ir_integration *in)
{
    ir_meta *meta = &in->meta;
    memset(meta, 0, sizeof *meta);
    meta->loc = in->loc;
    meta->present = true;
    lower_text(ctx, root, "id", in->loc, &meta->key);
    lower_text(ctx, root, "label", in->loc, &meta->title);
    lower_text(ctx, root, "description", in->loc, &meta->description);
    lower_version(ctx, root, "version", in->loc, &meta->version);
    lower_text(ctx, root, "category", in->loc, &meta->category.text);
    meta->category.value = ir_category_parse(meta->category.text.text);
    meta->stability.text.loc = in->loc;
    meta->domain.loc = in->loc;
    meta->goal.loc = in->loc;
    meta->context.loc = in->loc;
    meta->owners.loc = in->loc;
    meta->tags.loc = in->loc;
    meta->doc_ids.loc = in->loc;
    if (meta->key.text != NULL && meta->version.text != NULL)
        meta->canonical_id = ir_canonical_id(ctx->program, meta->key.text, meta->version.text);
}

static void lower_flat_provides(lower_ctx *ctx, const cnode *root, ir_integration *in)
{
    static const char *const keys[] = {"capabilityId", "operation", "description"};
    const cnode *seq = lower_get_sequence(ctx, root, "providesCapabilities");
    if (seq == NULL)
        return;
    in->capabilities.present = true;
    in->capabilities.loc = lower_loc(ctx, seq);
    in->capabilities.provides = lower_array(ctx, seq->count, sizeof *in->capabilities.provides);
    for (size_t i = 0; i < seq->count; i++) {
        const cnode *item = seq->items[i];
        if (!lower_expect_mapping(ctx, item, "providesCapabilities"))
            continue;
        ir_capability_provided *p = &in->capabilities.provides[in->capabilities.provides_count++];
        p->loc = lower_loc(ctx, item);
        lower_check_keys(ctx, item, LOWER_KEYS(keys), "providesCapabilities entry");
        lower_text(ctx, item, "capabilityId", p->loc, &p->key);
        p->version.loc = p->loc;
        lower_text(ctx, item, "operation", p->loc, &p->operation);
        lower_text(ctx, item, "description", p->loc, &p->description);
    }
}

static void lower_flat_requirements(lower_ctx *ctx, const cnode *root, ir_integration *in)
{
    static const char *const keys[] = {"capabilities", "minVersion"};
    in->capabilities.requirements_min_version.loc = in->loc;
    const cnode *node = lower_get_mapping(ctx, root, "requirements");
    if (node == NULL)
        return;
    src_loc loc = lower_loc(ctx, node);
    lower_check_keys(ctx, node, LOWER_KEYS(keys), "requirements");
    lower_version(ctx, node, "minVersion", loc, &in->capabilities.requirements_min_version);
    ir_text_list names;
    lower_text_list(ctx, node, "capabilities", loc, &names);
    if (names.count == 0)
        return;
    if (!in->capabilities.present) {
        in->capabilities.present = true;
        in->capabilities.loc = loc;
    }
    in->capabilities.requires = lower_array(ctx, names.count, sizeof *in->capabilities.requires);
    in->capabilities.requires_count = names.count;
    for (size_t i = 0; i < names.count; i++) {
        ir_capability_required *r = &in->capabilities.requires[i];
        r->key = names.items[i];
        r->loc = names.items[i].loc;
        r->version.loc = r->loc;
        r->kind.text.loc = r->loc;
        r->optional.loc = r->loc;
        r->reason.loc = r->loc;
    }
}

/* {field: {type, description, required, default}} -> an object schema. */
static ir_schema *lower_flat_fields(lower_ctx *ctx, const cnode *map, const char *block)
{
    static const char *const keys[] = {"type", "description", "required", "default"};
    ir_program *p = ctx->program;
    ir_schema *schema = ir_alloc(p, sizeof *schema);
    schema->loc = lower_loc(ctx, map);
    schema->type.value = IR_SCHEMA_OBJECT;
    schema->type.text.text = "object";
    schema->type.text.loc = schema->loc;
    schema->description.loc = schema->loc;
    schema->required.loc = schema->loc;
    schema->properties = lower_array(ctx, map->count, sizeof *schema->properties);
    schema->required.items = lower_array(ctx, map->count, sizeof *schema->required.items);
    for (size_t i = 0; i < map->count; i++) {
        const cnode *key = map->pairs[i].key;
        const cnode *def = map->pairs[i].value;
        if (!lower_expect_mapping(ctx, def, key->text))
            continue;
        lower_check_keys_named(ctx, def, LOWER_KEYS(keys), block, key->text);
        ir_schema *prop = ir_alloc(p, sizeof *prop);
        prop->loc = lower_loc(ctx, def);
        lower_text(ctx, def, "type", prop->loc, &prop->type.text);
        prop->type.value = ir_schema_type_parse(prop->type.text.text);
        lower_text(ctx, def, "description", prop->loc, &prop->description);
        prop->default_value = lower_value(ctx, lower_get(def, "default"));
        prop->format.loc = prop->pattern.loc = prop->loc;
        prop->required.loc = prop->loc;
        ir_opt_bool required;
        lower_bool(ctx, def, "required", prop->loc, &required);
        ir_schema_property *property = &schema->properties[schema->property_count++];
        property->name.text = ir_strndup(p, key->text, key->text_len);
        property->name.loc = lower_loc(ctx, key);
        property->schema = prop;
        if (required.present && required.value)
            schema->required.items[schema->required.count++] = property->name;
    }
    return schema;
}

static void lower_flat_schema(lower_ctx *ctx, const cnode *root, const char *key,
                              ir_schema_block *out)
{
    out->loc = lower_loc(ctx, root);
    const cnode *node = lower_get_mapping(ctx, root, key);
    if (node == NULL)
        return;
    if (cnode_get(node, "schema") != NULL) {
        lower_schema_block(ctx, node, out);
        return;
    }
    out->present = true;
    out->loc = lower_loc(ctx, node);
    out->schema = lower_flat_fields(ctx, node, key);
}

/* `webhooks.supported: true` means the provider calls us: a webhook
 * transport, unless the spec already declares one. */
static void add_webhook_transport(lower_ctx *ctx, ir_integration *in)
{
    if (!in->webhooks.supported.present || !in->webhooks.supported.value)
        return;
    for (size_t i = 0; i < in->transport_count; i++) {
        if (in->transports[i].type.value == IR_TRANSPORT_WEBHOOK)
            return;
    }
    ir_transport *grown = ir_alloc(ctx->program, (in->transport_count + 1) * sizeof *grown);
    if (in->transport_count > 0)
        memcpy(grown, in->transports, in->transport_count * sizeof *grown);
    ir_transport *t = &grown[in->transport_count];
    t->synthesized = true;
    t->loc = in->webhooks.loc;
    t->type.value = IR_TRANSPORT_WEBHOOK;
    t->type.text.text = "webhook";
    t->type.text.loc = t->loc;
    t->inbound.present = true;
    t->inbound.loc = t->loc;
    t->inbound.signature_header = in->webhooks.signature_header;
    t->inbound.signing_algorithm.loc = t->loc;
    t->outbound.loc = t->loc;
    in->transports = grown;
    in->transport_count++;
}

void lower_integration_flat(lower_ctx *ctx, const cnode *root, ir_integration *in)
{
    in->from_flat_form = true;
    lower_check_keys(ctx, root, LOWER_KEYS(flat_keys), "integration (flat form)");
    lower_flat_meta(ctx, root, in);
    lower_integration_common(ctx, root, in);
    in->capabilities.loc = in->loc;
    lower_flat_provides(ctx, root, in);
    lower_flat_requirements(ctx, root, in);
    lower_flat_schema(ctx, root, "configSchema", &in->config_schema);
    lower_flat_schema(ctx, root, "secretSchema", &in->secret_schema);
    lower_text(ctx, root, "createdAt", in->loc, &in->created_at);
    lower_text(ctx, root, "updatedAt", in->loc, &in->updated_at);
    add_webhook_transport(ctx, in);
}
