/* lower_integration: `kind: integration` in the canonical form (reference
 * section 2); a document in the documentation's flat form is handed to
 * lower_integration_flat.c, and both share the top-level blocks below. */
#include "lower_util.h"

#include <string.h>

static const char *const canonical_keys[] = {
    "kind",           "meta",          "supportedModes", "transports",  "preferredTransport",
    "supportedAuthMethods", "versionPolicy", "capabilities", "configSchema", "secretSchema",
    "webhooks",       "healthCheck",   "docsUrl",        "constraints", "byokSetup",
    "setupGuideUrl"};

/* ------------------------------------------------------------ transports */

static const char *const rest_keys[] = {"type", "baseUrl", "defaultHeaders", "apiVersionHeader",
                                        "rateLimitHeaders", "acceptContentTypes"};
static const char *const mcp_keys[] = {"type", "transport", "url", "command", "args",
                                       "toolPrefix"};
static const char *const webhook_keys[] = {"type", "inbound", "outbound"};
static const char *const sdk_keys[] = {"type", "packageName", "minVersion", "runtime"};

static void lower_rest(lower_ctx *ctx, const cnode *node, ir_transport *t)
{
    static const char *const rate_keys[] = {"remaining", "reset", "limit"};
    lower_text(ctx, node, "baseUrl", t->loc, &t->base_url);
    lower_pairs(ctx, node, "defaultHeaders", &t->default_headers);
    lower_text(ctx, node, "apiVersionHeader", t->loc, &t->api_version_header);
    lower_text_list(ctx, node, "acceptContentTypes", t->loc, &t->accept_content_types);
    const cnode *rate = lower_get_mapping(ctx, node, "rateLimitHeaders");
    t->rate_limit_headers.loc = t->loc;
    if (rate != NULL) {
        src_loc loc = lower_loc(ctx, rate);
        lower_check_keys(ctx, rate, LOWER_KEYS(rate_keys), "rateLimitHeaders");
        t->rate_limit_headers.present = true;
        t->rate_limit_headers.loc = loc;
        lower_text(ctx, rate, "remaining", loc, &t->rate_limit_headers.remaining);
        lower_text(ctx, rate, "reset", loc, &t->rate_limit_headers.reset);
        lower_text(ctx, rate, "limit", loc, &t->rate_limit_headers.limit);
    }
}

static void lower_mcp(lower_ctx *ctx, const cnode *node, ir_transport *t)
{
    lower_text(ctx, node, "transport", t->loc, &t->mcp_transport);
    lower_text(ctx, node, "url", t->loc, &t->url);
    lower_text(ctx, node, "command", t->loc, &t->command);
    lower_text_list(ctx, node, "args", t->loc, &t->args);
    lower_text(ctx, node, "toolPrefix", t->loc, &t->tool_prefix);
}

static void lower_webhook(lower_ctx *ctx, const cnode *node, ir_transport *t)
{
    static const char *const inbound_keys[] = {"signatureHeader", "signingAlgorithm",
                                               "registrationSupported"};
    static const char *const outbound_keys[] = {"deliveryRetries", "timeoutMs"};
    t->inbound.loc = t->loc;
    t->outbound.loc = t->loc;
    const cnode *in = lower_get_mapping(ctx, node, "inbound");
    if (in != NULL) {
        src_loc loc = lower_loc(ctx, in);
        lower_check_keys(ctx, in, LOWER_KEYS(inbound_keys), "inbound");
        t->inbound.present = true;
        t->inbound.loc = loc;
        lower_text(ctx, in, "signatureHeader", loc, &t->inbound.signature_header);
        lower_text(ctx, in, "signingAlgorithm", loc, &t->inbound.signing_algorithm);
        lower_bool(ctx, in, "registrationSupported", loc, &t->inbound.registration_supported);
    }
    const cnode *out = lower_get_mapping(ctx, node, "outbound");
    if (out != NULL) {
        src_loc loc = lower_loc(ctx, out);
        lower_check_keys(ctx, out, LOWER_KEYS(outbound_keys), "outbound");
        t->outbound.present = true;
        t->outbound.loc = loc;
        lower_int(ctx, out, "deliveryRetries", loc, &t->outbound.delivery_retries);
        lower_int(ctx, out, "timeoutMs", loc, &t->outbound.timeout_ms);
    }
}

static void lower_sdk(lower_ctx *ctx, const cnode *node, ir_transport *t)
{
    lower_text(ctx, node, "packageName", t->loc, &t->package_name);
    lower_version(ctx, node, "minVersion", t->loc, &t->min_version);
    lower_text(ctx, node, "runtime", t->loc, &t->runtime);
}

static void lower_transport(lower_ctx *ctx, const cnode *node, ir_transport *t)
{
    t->loc = lower_loc(ctx, node);
    lower_text(ctx, node, "type", t->loc, &t->type.text);
    t->type.value = ir_transport_type_parse(t->type.text.text);
    const char *type = t->type.text.text;
    switch (t->type.value) {
    case IR_TRANSPORT_REST:
        lower_check_keys_named(ctx, node, LOWER_KEYS(rest_keys), "transport", type);
        lower_rest(ctx, node, t);
        break;
    case IR_TRANSPORT_MCP:
        lower_check_keys_named(ctx, node, LOWER_KEYS(mcp_keys), "transport", type);
        lower_mcp(ctx, node, t);
        break;
    case IR_TRANSPORT_WEBHOOK:
        lower_check_keys_named(ctx, node, LOWER_KEYS(webhook_keys), "transport", type);
        lower_webhook(ctx, node, t);
        break;
    case IR_TRANSPORT_SDK:
        lower_check_keys_named(ctx, node, LOWER_KEYS(sdk_keys), "transport", type);
        lower_sdk(ctx, node, t);
        break;
    case IR_TRANSPORT_UNSET:
    case IR_TRANSPORT_UNKNOWN:
        /* The checker reports the type; the other fields mean nothing
         * without one. */
        break;
    }
}

static void lower_transports(lower_ctx *ctx, const cnode *root, ir_integration *in)
{
    const cnode *seq = lower_get_sequence(ctx, root, "transports");
    if (seq == NULL)
        return;
    in->transports = lower_array(ctx, seq->count, sizeof *in->transports);
    for (size_t i = 0; i < seq->count; i++) {
        if (!lower_expect_mapping(ctx, seq->items[i], "transports"))
            continue;
        lower_transport(ctx, seq->items[i], &in->transports[in->transport_count++]);
    }
}

/* ------------------------------------------------------------ auth */

typedef struct auth_keys {
    ir_auth_type type;
    const char *const *keys;
    size_t count;
} auth_keys;

static const char *const api_key_keys[] = {"type", "headerName", "queryParam", "prefix"};
static const char *const oauth2_keys[] = {"type",  "grantType", "tokenUrl", "scopes",
                                          "authorizationUrl", "pkce", "revocationUrl"};
static const char *const bearer_keys[] = {"type", "tokenField"};
static const char *const header_keys[] = {"type", "headerName", "valuePrefix"};
static const char *const basic_keys[] = {"type", "usernameField", "passwordField"};
static const char *const signing_keys[] = {"type", "algorithm", "signatureHeader",
                                           "timestampHeader", "toleranceMs"};
static const char *const service_keys[] = {"type", "credentialFormat", "credentialField"};

static const auth_keys auth_key_table[] = {
    {IR_AUTH_API_KEY, LOWER_KEYS(api_key_keys)},
    {IR_AUTH_OAUTH2, LOWER_KEYS(oauth2_keys)},
    {IR_AUTH_BEARER, LOWER_KEYS(bearer_keys)},
    {IR_AUTH_HEADER, LOWER_KEYS(header_keys)},
    {IR_AUTH_BASIC, LOWER_KEYS(basic_keys)},
    {IR_AUTH_WEBHOOK_SIGNING, LOWER_KEYS(signing_keys)},
    {IR_AUTH_SERVICE_ACCOUNT, LOWER_KEYS(service_keys)},
};

static void lower_auth(lower_ctx *ctx, const cnode *node, ir_auth_method *a)
{
    a->loc = lower_loc(ctx, node);
    src_loc o = a->loc;
    lower_text(ctx, node, "type", o, &a->type.text);
    a->type.value = ir_auth_type_parse(a->type.text.text);
    for (size_t i = 0; i < sizeof auth_key_table / sizeof auth_key_table[0]; i++) {
        if (auth_key_table[i].type == a->type.value)
            lower_check_keys_named(ctx, node, auth_key_table[i].keys, auth_key_table[i].count,
                                   "auth method", a->type.text.text);
    }
    if (a->type.value == IR_AUTH_UNSET || a->type.value == IR_AUTH_UNKNOWN)
        return;
    lower_text(ctx, node, "headerName", o, &a->header_name);
    lower_text(ctx, node, "queryParam", o, &a->query_param);
    lower_text(ctx, node, "prefix", o, &a->prefix);
    lower_text(ctx, node, "grantType", o, &a->grant_type);
    lower_text(ctx, node, "tokenUrl", o, &a->token_url);
    lower_text_list(ctx, node, "scopes", o, &a->scopes);
    lower_text(ctx, node, "authorizationUrl", o, &a->authorization_url);
    lower_bool(ctx, node, "pkce", o, &a->pkce);
    lower_text(ctx, node, "revocationUrl", o, &a->revocation_url);
    lower_text(ctx, node, "tokenField", o, &a->token_field);
    lower_text(ctx, node, "valuePrefix", o, &a->value_prefix);
    lower_text(ctx, node, "usernameField", o, &a->username_field);
    lower_text(ctx, node, "passwordField", o, &a->password_field);
    lower_text(ctx, node, "algorithm", o, &a->algorithm);
    lower_text(ctx, node, "signatureHeader", o, &a->signature_header);
    lower_text(ctx, node, "timestampHeader", o, &a->timestamp_header);
    lower_int(ctx, node, "toleranceMs", o, &a->tolerance_ms);
    lower_text(ctx, node, "credentialFormat", o, &a->credential_format);
    lower_text(ctx, node, "credentialField", o, &a->credential_field);
}

static void lower_auth_methods(lower_ctx *ctx, const cnode *root, ir_integration *in)
{
    const cnode *seq = lower_get_sequence(ctx, root, "supportedAuthMethods");
    if (seq == NULL)
        return;
    in->auth_methods = lower_array(ctx, seq->count, sizeof *in->auth_methods);
    for (size_t i = 0; i < seq->count; i++) {
        if (!lower_expect_mapping(ctx, seq->items[i], "supportedAuthMethods"))
            continue;
        lower_auth(ctx, seq->items[i], &in->auth_methods[in->auth_method_count++]);
    }
}

/* ------------------------------------------------------------ modes, versions */

static void lower_modes(lower_ctx *ctx, const cnode *root, ir_integration *in)
{
    in->supported_modes.loc = in->loc;
    const cnode *seq = lower_get_sequence(ctx, root, "supportedModes");
    if (seq == NULL)
        return;
    in->supported_modes.loc = lower_loc(ctx, seq);
    in->supported_modes.items = lower_array(ctx, seq->count, sizeof *in->supported_modes.items);
    for (size_t i = 0; i < seq->count; i++) {
        ir_ownership_mode_field *mode = &in->supported_modes.items[in->supported_modes.count];
        lower_text_node(ctx, seq->items[i], "supportedModes", in->supported_modes.loc,
                        &mode->text);
        if (mode->text.text == NULL)
            continue;
        mode->value = ir_ownership_mode_parse(mode->text.text);
        in->supported_modes.count++;
    }
}

static void lower_version_policy(lower_ctx *ctx, const cnode *root, ir_integration *in)
{
    static const char *const keys[] = {"currentVersion", "supportedVersions", "versionHeader",
                                       "versionQueryParam", "versionInPath"};
    static const char *const version_keys[] = {"version", "status", "sunsetDate",
                                               "migrationGuide", "releasedAt"};
    ir_version_policy *vp = &in->version_policy;
    vp->loc = in->loc;
    const cnode *node = lower_get_mapping(ctx, root, "versionPolicy");
    if (node == NULL)
        return;
    vp->present = true;
    vp->loc = lower_loc(ctx, node);
    lower_check_keys(ctx, node, LOWER_KEYS(keys), "versionPolicy");
    lower_version(ctx, node, "currentVersion", vp->loc, &vp->current_version);
    lower_text(ctx, node, "versionHeader", vp->loc, &vp->version_header);
    lower_text(ctx, node, "versionQueryParam", vp->loc, &vp->version_query_param);
    lower_bool(ctx, node, "versionInPath", vp->loc, &vp->version_in_path);
    const cnode *seq = lower_get_sequence(ctx, node, "supportedVersions");
    if (seq == NULL)
        return;
    vp->supported_versions = lower_array(ctx, seq->count, sizeof *vp->supported_versions);
    for (size_t i = 0; i < seq->count; i++) {
        const cnode *item = seq->items[i];
        if (!lower_expect_mapping(ctx, item, "supportedVersions"))
            continue;
        ir_api_version *v = &vp->supported_versions[vp->supported_version_count++];
        v->loc = lower_loc(ctx, item);
        lower_check_keys(ctx, item, LOWER_KEYS(version_keys), "supportedVersions entry");
        lower_version(ctx, item, "version", v->loc, &v->version);
        lower_text(ctx, item, "status", v->loc, &v->status.text);
        v->status.value = ir_version_status_parse(v->status.text.text);
        lower_text(ctx, item, "sunsetDate", v->loc, &v->sunset_date);
        lower_text(ctx, item, "migrationGuide", v->loc, &v->migration_guide);
        lower_text(ctx, item, "releasedAt", v->loc, &v->released_at);
    }
}

/* ------------------------------------------------------------ capabilities */

static void lower_capabilities(lower_ctx *ctx, const cnode *root, ir_integration *in)
{
    static const char *const keys[] = {"provides", "requires"};
    static const char *const provide_keys[] = {"key", "version"};
    static const char *const require_keys[] = {"key", "version", "kind", "optional", "reason"};
    in->capabilities.loc = in->loc;
    const cnode *node = lower_get_mapping(ctx, root, "capabilities");
    if (node == NULL)
        return;
    in->capabilities.present = true;
    in->capabilities.loc = lower_loc(ctx, node);
    lower_check_keys(ctx, node, LOWER_KEYS(keys), "capabilities");
    const cnode *provides = lower_get_sequence(ctx, node, "provides");
    if (provides != NULL) {
        in->capabilities.provides =
            lower_array(ctx, provides->count, sizeof *in->capabilities.provides);
        for (size_t i = 0; i < provides->count; i++) {
            const cnode *item = provides->items[i];
            if (!lower_expect_mapping(ctx, item, "provides"))
                continue;
            ir_capability_provided *p =
                &in->capabilities.provides[in->capabilities.provides_count++];
            p->loc = lower_loc(ctx, item);
            lower_check_keys(ctx, item, LOWER_KEYS(provide_keys), "capability");
            lower_text(ctx, item, "key", p->loc, &p->key);
            lower_version(ctx, item, "version", p->loc, &p->version);
            p->operation.loc = p->loc;
            p->description.loc = p->loc;
        }
    }
    const cnode *requires = lower_get_sequence(ctx, node, "requires");
    if (requires != NULL) {
        in->capabilities.requires =
            lower_array(ctx, requires->count, sizeof *in->capabilities.requires);
        for (size_t i = 0; i < requires->count; i++) {
            const cnode *item = requires->items[i];
            if (!lower_expect_mapping(ctx, item, "requires"))
                continue;
            ir_capability_required *r =
                &in->capabilities.requires[in->capabilities.requires_count++];
            r->loc = lower_loc(ctx, item);
            lower_check_keys(ctx, item, LOWER_KEYS(require_keys), "capability requirement");
            lower_text(ctx, item, "key", r->loc, &r->key);
            lower_version(ctx, item, "version", r->loc, &r->version);
            lower_text(ctx, item, "kind", r->loc, &r->kind.text);
            r->kind.value = ir_capability_kind_parse(r->kind.text.text);
            lower_bool(ctx, item, "optional", r->loc, &r->optional);
            lower_text(ctx, item, "reason", r->loc, &r->reason);
        }
    }
}

/* ------------------------------------------------------------ shared blocks */

static void lower_webhooks(lower_ctx *ctx, const cnode *root, ir_integration *in)
{
    static const char *const keys[] = {"supported", "events", "signatureHeader"};
    in->webhooks.loc = in->loc;
    const cnode *node = lower_get_mapping(ctx, root, "webhooks");
    if (node == NULL)
        return;
    in->webhooks.present = true;
    in->webhooks.loc = lower_loc(ctx, node);
    lower_check_keys(ctx, node, LOWER_KEYS(keys), "webhooks");
    lower_bool(ctx, node, "supported", in->webhooks.loc, &in->webhooks.supported);
    lower_text_list(ctx, node, "events", in->webhooks.loc, &in->webhooks.events);
    lower_text(ctx, node, "signatureHeader", in->webhooks.loc, &in->webhooks.signature_header);
}

static void lower_health_check(lower_ctx *ctx, const cnode *root, ir_integration *in)
{
    static const char *const keys[] = {"method", "timeoutMs"};
    in->health_check.loc = in->loc;
    const cnode *node = lower_get_mapping(ctx, root, "healthCheck");
    if (node == NULL)
        return;
    in->health_check.present = true;
    in->health_check.loc = lower_loc(ctx, node);
    lower_check_keys(ctx, node, LOWER_KEYS(keys), "healthCheck");
    lower_text(ctx, node, "method", in->health_check.loc, &in->health_check.method.text);
    in->health_check.method.value = ir_health_method_parse(in->health_check.method.text.text);
    lower_int(ctx, node, "timeoutMs", in->health_check.loc, &in->health_check.timeout_ms);
}

static void lower_constraints(lower_ctx *ctx, const cnode *root, ir_integration *in)
{
    static const char *const keys[] = {"rateLimit", "quotas"};
    static const char *const rate_keys[] = {"rpm", "rph"};
    in->constraints.loc = in->loc;
    const cnode *node = lower_get_mapping(ctx, root, "constraints");
    if (node == NULL)
        return;
    in->constraints.present = true;
    in->constraints.loc = lower_loc(ctx, node);
    lower_check_keys(ctx, node, LOWER_KEYS(keys), "constraints");
    const cnode *rate = lower_get_mapping(ctx, node, "rateLimit");
    if (rate != NULL) {
        lower_check_keys(ctx, rate, LOWER_KEYS(rate_keys), "rateLimit");
        lower_int(ctx, rate, "rpm", lower_loc(ctx, rate), &in->constraints.rpm);
        lower_int(ctx, rate, "rph", lower_loc(ctx, rate), &in->constraints.rph);
    }
    const cnode *quotas = lower_get_mapping(ctx, node, "quotas");
    if (quotas == NULL)
        return;
    in->constraints.quotas = lower_array(ctx, quotas->count, sizeof *in->constraints.quotas);
    for (size_t i = 0; i < quotas->count; i++) {
        const cnode *key = quotas->pairs[i].key;
        const cnode *value = quotas->pairs[i].value;
        if (value->kind != CNODE_SCALAR ||
            (value->scalar_type != CSCALAR_INT && value->scalar_type != CSCALAR_FLOAT)) {
            lower_error(ctx, value, "expected a number for quota '%s', found %s", key->text,
                        lower_describe(value));
            continue;
        }
        ir_member *m = &in->constraints.quotas[in->constraints.quota_count++];
        m->key.text = ir_strndup(ctx->program, key->text, key->text_len);
        m->key.loc = lower_loc(ctx, key);
        m->value = lower_value(ctx, value);
    }
}

static void lower_byok(lower_ctx *ctx, const cnode *root, ir_integration *in)
{
    static const char *const keys[] = {"setupInstructions",    "requiredScopes",
                                       "validationEndpoint",   "keyRotationSupported",
                                       "quotaTrackingSupported", "provisioningSteps"};
    in->byok_setup.loc = in->loc;
    const cnode *node = lower_get_mapping(ctx, root, "byokSetup");
    if (node == NULL)
        return;
    src_loc loc = lower_loc(ctx, node);
    in->byok_setup.present = true;
    in->byok_setup.loc = loc;
    lower_check_keys(ctx, node, LOWER_KEYS(keys), "byokSetup");
    lower_text(ctx, node, "setupInstructions", loc, &in->byok_setup.setup_instructions);
    lower_text_list(ctx, node, "requiredScopes", loc, &in->byok_setup.required_scopes);
    lower_text(ctx, node, "validationEndpoint", loc, &in->byok_setup.validation_endpoint);
    lower_bool(ctx, node, "keyRotationSupported", loc, &in->byok_setup.key_rotation_supported);
    lower_bool(ctx, node, "quotaTrackingSupported", loc,
               &in->byok_setup.quota_tracking_supported);
    lower_text_list(ctx, node, "provisioningSteps", loc, &in->byok_setup.provisioning_steps);
}

void lower_schema_block(lower_ctx *ctx, const cnode *node, ir_schema_block *out)
{
    static const char *const keys[] = {"schema", "example"};
    out->present = true;
    out->loc = lower_loc(ctx, node);
    lower_check_keys(ctx, node, LOWER_KEYS(keys), "schema block");
    const cnode *schema = lower_get(node, "schema");
    if (schema != NULL)
        out->schema = lower_schema(ctx, schema);
    out->example = lower_value(ctx, lower_get(node, "example"));
}

/* Blocks both forms share: everything but meta and capabilities. */
void lower_integration_common(lower_ctx *ctx, const cnode *root, ir_integration *in)
{
    lower_modes(ctx, root, in);
    lower_transports(ctx, root, in);
    lower_text(ctx, root, "preferredTransport", in->loc, &in->preferred_transport.text);
    in->preferred_transport.value = ir_transport_type_parse(in->preferred_transport.text.text);
    lower_auth_methods(ctx, root, in);
    lower_version_policy(ctx, root, in);
    lower_webhooks(ctx, root, in);
    lower_health_check(ctx, root, in);
    lower_text(ctx, root, "docsUrl", in->loc, &in->docs_url);
    lower_text(ctx, root, "setupGuideUrl", in->loc, &in->setup_guide_url);
    lower_constraints(ctx, root, in);
    lower_byok(ctx, root, in);
}

/* The flat form has no `meta`, and an `id` or `label` or
 * `providesCapabilities` at the top. */
static bool is_flat_form(const cnode *root)
{
    if (cnode_get(root, "meta") != NULL)
        return false;
    return cnode_get(root, "id") != NULL || cnode_get(root, "label") != NULL ||
           cnode_get(root, "providesCapabilities") != NULL;
}

void lower_integration(lower_ctx *ctx, const cnode *root)
{
    ir_integration *in = ir_add_integration(ctx->program);
    in->loc = lower_loc(ctx, root);
    if (is_flat_form(root)) {
        lower_integration_flat(ctx, root, in);
        return;
    }
    static const char *const meta_extra[] = {"category"};
    lower_check_keys(ctx, root, LOWER_KEYS(canonical_keys), "integration");
    lower_meta(ctx, root, &in->meta, LOWER_KEYS(meta_extra));
    lower_integration_common(ctx, root, in);
    lower_capabilities(ctx, root, in);
    in->config_schema.loc = in->loc;
    in->secret_schema.loc = in->loc;
    const cnode *config = lower_get_mapping(ctx, root, "configSchema");
    if (config != NULL)
        lower_schema_block(ctx, config, &in->config_schema);
    const cnode *secret = lower_get_mapping(ctx, root, "secretSchema");
    if (secret != NULL)
        lower_schema_block(ctx, secret, &in->secret_schema);
}
