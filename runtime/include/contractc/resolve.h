/* contractc/resolve.h: API version, transport and auth method resolution,
 * semantic-version comparison and credential-manifest checks
 * (ContractSpec's request-context helpers, section 4.4 of the reference).
 *
 * The inputs are plain C arrays describing the spec (generated code holds
 * them as static tables); every function is pure and thread-safe.
 * Returned strings point into the inputs (or are static literals such as
 * "rest"); nothing is allocated except the credential report, which
 * cs_credential_report_clear frees.
 */
#ifndef CONTRACTC_RESOLVE_H
#define CONTRACTC_RESOLVE_H

#include <stdbool.h>
#include <stddef.h>

#include <cjson/cJSON.h>

#include "contractc/connection.h"
#include "contractc/guard.h"
#include "contractc/status.h"

#ifdef __cplusplus
extern "C" {
#endif

/* ---- versions ---- */

typedef enum cs_api_version_status {
    CS_API_VERSION_STABLE = 0,
    CS_API_VERSION_BETA,
    CS_API_VERSION_DEPRECATED,
    CS_API_VERSION_SUNSET
} cs_api_version_status;

const char *cs_api_version_status_name(cs_api_version_status status);   /* "stable", ... */

typedef struct cs_api_version_info {
    const char *version;
    cs_api_version_status status;
    const char *sunset_date;        /* NULL: absent */
    const char *migration_guide;    /* NULL: absent */
    const char *released_at;        /* NULL: absent */
} cs_api_version_info;

typedef struct cs_version_policy {
    const char *current_version;
    const cs_api_version_info *supported;
    size_t supported_count;
} cs_version_policy;

/* No policy → NULL (the override is ignored).  Else the override when not
 * NULL (an empty string is kept and not checked against the supported
 * list), else the policy's current version. */
const char *cs_resolve_api_version(const cs_version_policy *policy, const char *override_version);

/* The first supported entry whose version is exactly equal, or NULL. */
const cs_api_version_info *cs_version_info(const cs_version_policy *policy, const char *version);

/* True iff that entry is deprecated or sunset; unknown versions → false.
 * The sunset date is not compared with the clock. */
bool cs_version_is_deprecated(const cs_version_policy *policy, const char *version);

/* Stores up to capacity pointers to the stable and beta entries, in
 * policy order; returns how many there are (may exceed capacity). */
size_t cs_active_versions(const cs_version_policy *policy, const cs_api_version_info **out, size_t capacity);

/* Semantic Versioning 2.0.0 precedence (build metadata ignored).  Returns
 * false when either text is not a valid semver; else *order is <0, 0, >0. */
bool cs_semver_compare(const char *a, const char *b, int *order);
bool cs_semver_valid(const char *text);

/* One registered spec version. */
typedef struct cs_spec_ref {
    const char *key;
    const char *version;
} cs_spec_ref;

/* Finds the highest semver version among refs whose key equals key exactly
 * (ContractSpec matches the prefix "<key>.v", so "x.vat" was a candidate
 * for "x").  OK with *index set; NOT_FOUND when no ref has the key;
 * INVALID_VERSION (err names the version) when a matching ref's version is
 * not semver.  Equal versions: the first wins. */
cs_status cs_latest_version(const cs_spec_ref *refs, size_t count, const char *key, size_t *index,
                            cs_error *err);

/* ---- transport and auth ---- */

/* 1) the connection override if the spec lists it; 2) the spec's preferred
 * transport if listed; 3) the first listed; 4) "rest" (even with no
 * transports).  Unlisted overrides are ignored. */
const char *cs_resolve_transport(const char *const *spec_transports, size_t count, const char *preferred,
                                 const char *connection_transport);

/* No spec methods → the connection's method unchanged (may be NULL).
 * Else the connection's method if the spec lists it, else the first. */
const char *cs_resolve_auth_method(const char *const *spec_methods, size_t count, const char *connection_method);

/* The request-relevant part of an integration spec. */
typedef struct cs_integration_request_spec {
    const char *const *transports;
    size_t transport_count;
    const char *preferred_transport;    /* NULL: none */
    const char *const *auth_methods;
    size_t auth_method_count;
    const cs_version_policy *version_policy;   /* NULL: none */
} cs_integration_request_spec;

typedef struct cs_request_context {
    const char *transport;
    const char *auth_method;            /* may be NULL */
    const char *api_version;            /* NULL without a policy */
} cs_request_context;

/* All three rules with the connection's overrides. */
cs_request_context cs_resolve_request_context(const cs_integration_request_spec *spec,
                                              const cs_connection *connection);

/* ---- health transport strategies (ContractSpec's health-domain helpers) ---- */

typedef enum cs_health_strategy {
    CS_HEALTH_OFFICIAL_API = 0,
    CS_HEALTH_OFFICIAL_MCP,
    CS_HEALTH_AGGREGATOR_API,
    CS_HEALTH_AGGREGATOR_MCP,
    CS_HEALTH_UNOFFICIAL
} cs_health_strategy;

/* "official-api", "official-mcp", "aggregator-api", "aggregator-mcp", "unofficial". */
const char *cs_health_strategy_name(cs_health_strategy strategy);
bool cs_health_strategy_from_name(const char *name, cs_health_strategy *out);

/* The strategy order: `order` when non-empty, else the default (the enum
 * order above); "unofficial" entries are kept only when allow_unofficial.
 * No de-duplication.  Stores up to capacity entries in out and returns the
 * full count. */
size_t cs_resolve_health_strategy_order(const cs_health_strategy *order, size_t count, bool allow_unofficial,
                                        cs_health_strategy *out, size_t capacity);

/* False unless allow_unofficial; then true when the allow-list is empty,
 * else when provider_key is in it. */
bool cs_unofficial_health_provider_allowed(const char *provider_key, bool allow_unofficial,
                                           const char *const *allow_list, size_t allow_count);

/* ---- credential manifests ---- */

/* Required field names for one ownership mode. */
typedef struct cs_credential_requirements {
    const char *const *config_fields;
    size_t config_count;
    const char *const *secret_fields;
    size_t secret_count;
} cs_credential_requirements;

/* Per mode; a NULL entry means the spec does not support that mode. */
typedef struct cs_credential_manifest {
    const cs_credential_requirements *managed;
    const cs_credential_requirements *byok;
} cs_credential_manifest;

/* Names only, never values.  Arrays are malloc'd copies. */
typedef struct cs_credential_report {
    cs_ownership_mode mode;
    bool mode_supported;
    char **missing_config;
    size_t missing_config_count;
    char **missing_secrets;
    size_t missing_secret_count;
} cs_credential_report;

#define CS_CREDENTIAL_REPORT_INIT {CS_OWNERSHIP_MANAGED, false, NULL, 0, NULL, 0}

/* Lists the required fields the connection lacks for mode: a config field
 * is missing when the config object has no such member or it is null; a
 * secret field when the parsed secret has no such key.  secrets may be
 * NULL (every secret field missing).  OK, or OUT_OF_MEMORY / INVALID_ARGUMENT
 * (report then empty).  The report must be initialised or cleared. */
cs_status cs_credential_check(const cs_credential_manifest *manifest, cs_ownership_mode mode,
                              const cJSON *config, const cs_secret_map *secrets,
                              cs_credential_report *report);

/* True when the mode is supported and nothing is missing. */
bool cs_credential_report_complete(const cs_credential_report *report);

void cs_credential_report_clear(cs_credential_report *report);

#ifdef __cplusplus
}
#endif

#endif
