/* check_integration: the rules of `kind: integration` beyond meta:
 * ownership modes, each transport and auth method with the fields of its
 * type, preferredTransport among the transports, the version policy,
 * capabilities (and requirements no integration provides), health check. */
#include <string.h>

#include "check.h"
#include "check_util.h"
#include "ir_index.h"

static const char *const mcp_transports[] = {"stdio", "http", "sse"};
static const char *const signing_algorithms[] = {"hmac-sha256", "hmac-sha1", "ed25519"};
static const char *const sdk_runtimes[] = {"node", "browser", "universal"};
static const char *const grant_types[] = {"authorization_code", "client_credentials",
                                          "refresh_token", "device_code"};
static const char *const credential_formats[] = {"json-key", "pem", "p12"};

static void check_modes(diag_set *diags, const ir_integration *in)
{
    if (in->supported_modes.count == 0 && !in->from_flat_form) {
        /* The flat form has no ownership modes to declare. */
        diag_error(diags, in->supported_modes.loc,
                   "missing required field 'supportedModes' in integration (managed, byok)");
        return;
    }
    for (size_t i = 0; i < in->supported_modes.count; i++) {
        const ir_ownership_mode_field *m = &in->supported_modes.items[i];
        check_allowed(diags, &m->text, m->value == IR_MODE_UNKNOWN, "ownership mode",
                      ir_ownership_mode_names, ir_ownership_mode_name_count);
    }
}

static void check_webhook_transport(diag_set *diags, const ir_transport *t)
{
    if (t->inbound.present) {
        check_required(diags, &t->inbound.signature_header, "signatureHeader", "inbound");
        /* The flat form's transport has no algorithm to give. */
        if (t->synthesized || check_required(diags, &t->inbound.signing_algorithm,
                                             "signingAlgorithm", "inbound"))
            check_one_of(diags, &t->inbound.signing_algorithm, "signing algorithm",
                         CHECK_NAMES(signing_algorithms));
    }
    if (t->outbound.present) {
        /* An absent integer keeps the owner's location; one written with
         * the wrong type points at itself and was reported by lowering. */
        if (!t->outbound.delivery_retries.present &&
            t->outbound.delivery_retries.loc.line == t->outbound.loc.line &&
            t->outbound.delivery_retries.loc.col == t->outbound.loc.col)
            diag_error(diags, t->outbound.loc,
                       "missing required field 'deliveryRetries' in outbound");
        if (!t->outbound.timeout_ms.present &&
            t->outbound.timeout_ms.loc.line == t->outbound.loc.line &&
            t->outbound.timeout_ms.loc.col == t->outbound.loc.col)
            diag_error(diags, t->outbound.loc, "missing required field 'timeoutMs' in outbound");
    }
}

static void check_transport(diag_set *diags, const ir_transport *t)
{
    if (!check_required(diags, &t->type.text, "type", "transport") ||
        !check_allowed(diags, &t->type.text, t->type.value == IR_TRANSPORT_UNKNOWN,
                       "transport type", ir_transport_type_names, ir_transport_type_name_count))
        return;
    switch (t->type.value) {
    case IR_TRANSPORT_MCP:
        if (check_required(diags, &t->mcp_transport, "transport", "'mcp' transport"))
            check_one_of(diags, &t->mcp_transport, "mcp transport", CHECK_NAMES(mcp_transports));
        break;
    case IR_TRANSPORT_SDK:
        check_required(diags, &t->package_name, "packageName", "'sdk' transport");
        check_one_of(diags, &t->runtime, "sdk runtime", CHECK_NAMES(sdk_runtimes));
        break;
    case IR_TRANSPORT_WEBHOOK:
        check_webhook_transport(diags, t);
        break;
    case IR_TRANSPORT_REST:
        if (t->rate_limit_headers.present) {
            check_required(diags, &t->rate_limit_headers.remaining, "remaining",
                           "rateLimitHeaders");
            check_required(diags, &t->rate_limit_headers.reset, "reset", "rateLimitHeaders");
        }
        break;
    case IR_TRANSPORT_UNSET:
    case IR_TRANSPORT_UNKNOWN:
        break;
    }
}

static void check_preferred(diag_set *diags, ir_program *program, const ir_integration *in)
{
    const ir_transport_type_field *pref = &in->preferred_transport;
    if (pref->text.text == NULL ||
        !check_allowed(diags, &pref->text, pref->value == IR_TRANSPORT_UNKNOWN,
                       "transport type", ir_transport_type_names, ir_transport_type_name_count))
        return;
    /* Which known types are declared, in order of first appearance. */
    ir_transport_type order[IR_TRANSPORT_UNKNOWN];
    size_t distinct = 0;
    bool seen[IR_TRANSPORT_UNKNOWN + 1] = {false};
    for (size_t i = 0; i < in->transport_count; i++) {
        ir_transport_type type = in->transports[i].type.value;
        if (type == pref->value)
            return;
        if (type != IR_TRANSPORT_UNSET && type != IR_TRANSPORT_UNKNOWN && !seen[type]) {
            seen[type] = true;
            order[distinct++] = type;
        }
    }
    const char *declared = "";
    for (size_t i = 0; i < distinct; i++)
        declared = ir_printf(program, "%s%s%s", declared, i ? ", " : "",
                             ir_transport_type_name(order[i]));
    if (distinct > 0)
        diag_error(diags, pref->text.loc,
                   "preferredTransport '%s' is not one of the spec's transports (%s)",
                   pref->text.text, declared);
    else
        diag_error(diags, pref->text.loc,
                   "preferredTransport '%s' is not one of the spec's transports (it declares "
                   "none)",
                   pref->text.text);
}

static void check_auth(diag_set *diags, const ir_auth_method *a)
{
    if (!check_required(diags, &a->type.text, "type", "auth method") ||
        !check_allowed(diags, &a->type.text, a->type.value == IR_AUTH_UNKNOWN, "auth type",
                       ir_auth_type_names, ir_auth_type_name_count))
        return;
    switch (a->type.value) {
    case IR_AUTH_OAUTH2:
        if (check_required(diags, &a->grant_type, "grantType", "'oauth2' auth method"))
            check_one_of(diags, &a->grant_type, "grant type", CHECK_NAMES(grant_types));
        check_required(diags, &a->token_url, "tokenUrl", "'oauth2' auth method");
        break;
    case IR_AUTH_HEADER:
        check_required(diags, &a->header_name, "headerName", "'header' auth method");
        break;
    case IR_AUTH_WEBHOOK_SIGNING:
        if (check_required(diags, &a->algorithm, "algorithm", "'webhook-signing' auth method"))
            check_one_of(diags, &a->algorithm, "signing algorithm",
                         CHECK_NAMES(signing_algorithms));
        check_required(diags, &a->signature_header, "signatureHeader",
                       "'webhook-signing' auth method");
        break;
    case IR_AUTH_SERVICE_ACCOUNT:
        if (check_required(diags, &a->credential_format, "credentialFormat",
                           "'service-account' auth method"))
            check_one_of(diags, &a->credential_format, "credential format",
                         CHECK_NAMES(credential_formats));
        break;
    case IR_AUTH_API_KEY:
    case IR_AUTH_BEARER:
    case IR_AUTH_BASIC:
    case IR_AUTH_UNSET:
    case IR_AUTH_UNKNOWN:
        break;
    }
}

static void check_version_policy(diag_set *diags, const ir_version_policy *vp)
{
    if (!vp->present)
        return;
    bool has_current = check_required(diags, &vp->current_version, "currentVersion",
                                      "versionPolicy");
    if (vp->supported_version_count == 0) {
        diag_error(diags, vp->loc, "missing required field 'supportedVersions' in versionPolicy");
        return;
    }
    bool found = false;
    for (size_t i = 0; i < vp->supported_version_count; i++) {
        const ir_api_version *v = &vp->supported_versions[i];
        check_required(diags, &v->version, "version", "supportedVersions entry");
        if (check_required(diags, &v->status.text, "status", "supportedVersions entry"))
            check_allowed(diags, &v->status.text, v->status.value == IR_VERSION_STATUS_UNKNOWN,
                          "version status", ir_version_status_names,
                          ir_version_status_name_count);
        if (has_current && v->version.text != NULL &&
            strcmp(v->version.text, vp->current_version.text) == 0)
            found = true;
    }
    if (has_current && !found)
        diag_error(diags, vp->current_version.loc,
                   "versionPolicy.currentVersion '%s' is not among supportedVersions",
                   vp->current_version.text);
}

static void check_capabilities(diag_set *diags, const ir_integration *in)
{
    const char *where = in->from_flat_form ? "providesCapabilities entry" : "capability";
    if (in->capabilities.provides_count == 0) {
        diag_error(diags, in->capabilities.loc, "missing required field '%s' in integration",
                   in->from_flat_form ? "providesCapabilities" : "capabilities.provides");
    }
    for (size_t i = 0; i < in->capabilities.provides_count; i++) {
        const ir_capability_provided *p = &in->capabilities.provides[i];
        if (check_required(diags, &p->key, in->from_flat_form ? "capabilityId" : "key", where))
            check_key_syntax(diags, &p->key);
        /* The flat form's capabilities carry no version. */
        if (!in->from_flat_form && check_required(diags, &p->version, "version", where))
            check_semver(diags, &p->version);
    }
    for (size_t i = 0; i < in->capabilities.requires_count; i++) {
        const ir_capability_required *r = &in->capabilities.requires[i];
        if (check_required(diags, &r->key, "key", "capability requirement"))
            check_key_syntax(diags, &r->key);
        check_semver(diags, &r->version);
        check_allowed(diags, &r->kind.text, r->kind.value == IR_CAPABILITY_KIND_UNKNOWN,
                      "capability kind", ir_capability_kind_names, ir_capability_kind_name_count);
    }
}

static void check_health(diag_set *diags, const ir_integration *in)
{
    const ir_health_method_field *m = &in->health_check.method;
    check_allowed(diags, &m->text, m->value == IR_HEALTH_UNKNOWN, "health check method",
                  ir_health_method_names, ir_health_method_name_count);
}

/* Requirements no integration provides.  ContractSpec counts an optional
 * requirement as satisfied, so only the others are reported.  The flat
 * form's `requirements.capabilities` name platform dependencies
 * ("billing.core"), not integration capabilities: not reported either. */
static void check_requirements_provided(ir_program *program, diag_set *diags)
{
    ir_index provided = {0};
    ir_index provided_versions = {0};
    for (size_t i = 0; i < program->integration_count; i++) {
        const ir_integration *in = program->integrations[i];
        for (size_t c = 0; c < in->capabilities.provides_count; c++) {
            const ir_capability_provided *p = &in->capabilities.provides[c];
            if (p->key.text == NULL)
                continue;
            ir_index_put(&provided, p->key.text, (void *)p);
            if (p->version.text != NULL)
                ir_index_put(&provided_versions,
                             ir_canonical_id(program, p->key.text, p->version.text), (void *)p);
        }
    }
    for (size_t i = 0; i < program->integration_count; i++) {
        const ir_integration *in = program->integrations[i];
        if (in->from_flat_form)
            continue;
        for (size_t c = 0; c < in->capabilities.requires_count; c++) {
            const ir_capability_required *r = &in->capabilities.requires[c];
            if (r->key.text == NULL || (r->optional.present && r->optional.value))
                continue;
            bool found = r->version.text != NULL
                             ? ir_index_get(&provided_versions,
                                            ir_canonical_id(program, r->key.text,
                                                            r->version.text)) != NULL
                             : ir_index_get(&provided, r->key.text) != NULL;
            if (found)
                continue;
            if (r->version.text != NULL)
                diag_warning(diags, r->key.loc,
                             "required capability '%s' version %s is provided by no integration",
                             r->key.text, r->version.text);
            else
                diag_warning(diags, r->key.loc,
                             "required capability '%s' is provided by no integration",
                             r->key.text);
        }
    }
    ir_index_clear(&provided);
    ir_index_clear(&provided_versions);
}

void check_integrations(ir_program *program, diag_set *diags)
{
    for (size_t i = 0; i < program->integration_count; i++) {
        const ir_integration *in = program->integrations[i];
        check_modes(diags, in);
        for (size_t t = 0; t < in->transport_count; t++)
            check_transport(diags, &in->transports[t]);
        check_preferred(diags, program, in);
        for (size_t a = 0; a < in->auth_method_count; a++)
            check_auth(diags, &in->auth_methods[a]);
        check_version_policy(diags, &in->version_policy);
        check_capabilities(diags, in);
        check_health(diags, in);
    }
    check_requirements_provided(program, diags);
}
