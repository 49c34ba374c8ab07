/* contractc/connection.h: integration connections and resolved app configs.
 *
 * A cs_connection is one tenant's configured account at an integration
 * (ContractSpec's IntegrationConnection); a cs_app_config is the resolved
 * configuration of one app for one tenant, whose slots are bound to
 * connections (ContractSpec's ResolvedAppConfig, integration part).  Both
 * are built from C (the *_new functions copy every string and the config
 * tree) or loaded from JSON (cs_app_config_load_file, format in
 * docs/runtime.md).
 *
 * Ownership: cs_connection_new returns a connection the caller owns until
 * it hands it to cs_app_config_add_connection, which takes ownership even
 * when it fails.  cs_app_config_free frees the config and its connections.
 * All *_free functions accept NULL.  Getters return borrowed pointers valid
 * while the object lives.
 *
 * Thread safety: identity, config and secret reference never change after
 * creation.  The status and the last health check are the only mutable
 * parts; they are read and written atomically (a mutex per connection), so
 * a health check may update a connection while guards on other threads
 * read it.  Adding connections and bindings to an app config is not
 * thread-safe: finish building it before sharing it.
 */
#ifndef CONTRACTC_CONNECTION_H
#define CONTRACTC_CONNECTION_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <cjson/cJSON.h>

#include "contractc/status.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef enum cs_environment {
    CS_ENVIRONMENT_SANDBOX = 0,
    CS_ENVIRONMENT_PRODUCTION
} cs_environment;

const char *cs_environment_name(cs_environment environment);   /* "sandbox" / "production" */
bool cs_environment_from_name(const char *name, cs_environment *out);

typedef enum cs_connection_status {
    CS_CONNECTION_CONNECTED = 0,
    CS_CONNECTION_DISCONNECTED,
    CS_CONNECTION_ERROR,
    CS_CONNECTION_UNKNOWN
} cs_connection_status;

/* "connected", "disconnected", "error", "unknown". */
const char *cs_connection_status_name(cs_connection_status status);
/* Strict: false for anything else (ContractSpec's label helper maps
 * unrecognised values to "unknown"; loading a file reports them instead). */
bool cs_connection_status_from_name(const char *name, cs_connection_status *out);

/* ContractSpec's readiness rule: disconnected and error are not ready;
 * connected and unknown are usable. */
bool cs_connection_status_is_ready(cs_connection_status status);

/* Everything needed to create a connection.  Strings and config are
 * borrowed and copied; NULL optional members mean "absent". */
typedef struct cs_connection_params {
    const char *id;                     /* required */
    const char *tenant_id;              /* required */
    const char *integration_key;        /* required */
    const char *integration_version;    /* required */
    const char *label;                  /* optional; defaults to id */
    bool has_environment;
    cs_environment environment;
    cs_ownership_mode ownership_mode;
    const cJSON *config;                /* optional; an empty object when NULL */
    const char *secret_ref;             /* required */
    cs_connection_status status;
    const char *api_version;            /* optional version override */
    const char *active_transport;       /* optional transport override */
    const char *auth_method;            /* optional auth method override */
} cs_connection_params;

/* The last health check, as copied out by cs_connection_last_health. */
typedef struct cs_health_snapshot {
    bool checked;                       /* false: never checked; other fields unset */
    cs_connection_status status;
    int64_t checked_at_ms;
    int64_t latency_ms;
    char error_code[CS_ERROR_CODE_MAX]; /* "" when none */
    char error_message[256];            /* "" when none */
} cs_health_snapshot;

typedef struct cs_connection cs_connection;

/* NULL with err filled (INVALID_ARGUMENT naming the missing field, or
 * OUT_OF_MEMORY). */
cs_connection *cs_connection_new(const cs_connection_params *params, cs_error *err);
void cs_connection_free(cs_connection *connection);

const char *cs_connection_id(const cs_connection *connection);
const char *cs_connection_tenant_id(const cs_connection *connection);
const char *cs_connection_integration_key(const cs_connection *connection);
const char *cs_connection_integration_version(const cs_connection *connection);
const char *cs_connection_label(const cs_connection *connection);
/* false when the connection has no environment. */
bool cs_connection_environment(const cs_connection *connection, cs_environment *out);
cs_ownership_mode cs_connection_ownership_mode(const cs_connection *connection);
const cJSON *cs_connection_config(const cs_connection *connection);
const char *cs_connection_secret_ref(const cs_connection *connection);
const char *cs_connection_api_version(const cs_connection *connection);       /* NULL: none */
const char *cs_connection_active_transport(const cs_connection *connection);  /* NULL: none */
const char *cs_connection_auth_method(const cs_connection *connection);       /* NULL: none */

cs_connection_status cs_connection_status_get(const cs_connection *connection);
void cs_connection_status_set(cs_connection *connection, cs_connection_status status);

/* Records a health check: sets status and the last-check fields together.
 * error_code/error_message may be NULL (stored as ""). */
void cs_connection_record_health(cs_connection *connection, cs_connection_status status,
                                 int64_t checked_at_ms, int64_t latency_ms,
                                 const char *error_code, const char *error_message);
void cs_connection_last_health(const cs_connection *connection, cs_health_snapshot *out);

/* Parses one connection object (format in docs/runtime.md).  Strict:
 * unknown members, duplicate members, wrong types and unknown enum values
 * are SCHEMA_ERROR with err->pointer = pointer_prefix + the member's JSON
 * Pointer.  pointer_prefix may be NULL (""). */
cs_connection *cs_connection_from_json(const cJSON *object, const char *pointer_prefix, cs_error *err);

/* ---- resolved app config ---- */

typedef struct cs_app_config_params {
    const char *tenant_id;          /* required */
    const char *app_id;             /* required */
    bool has_environment;
    cs_environment environment;
    const char *blueprint_name;     /* required */
    const char *blueprint_version;  /* required */
    const char *config_version;     /* required */
} cs_app_config_params;

typedef struct cs_app_config cs_app_config;

cs_app_config *cs_app_config_new(const cs_app_config_params *params, cs_error *err);
void cs_app_config_free(cs_app_config *config);

/* Takes ownership of connection (freed here on failure).  DUPLICATE when a
 * connection with the same id is already present. */
cs_status cs_app_config_add_connection(cs_app_config *config, cs_connection *connection, cs_error *err);

/* Binds slot_id to the connection with that id (NOT_FOUND if absent).
 * Bindings keep their order; a slot may be bound more than once and lookup
 * takes the first binding, as ContractSpec's guard takes the first
 * resolved integration of the slot. */
cs_status cs_app_config_bind(cs_app_config *config, const char *slot_id, const char *connection_id,
                             cs_error *err);

const char *cs_app_config_tenant_id(const cs_app_config *config);
const char *cs_app_config_app_id(const cs_app_config *config);
bool cs_app_config_environment(const cs_app_config *config, cs_environment *out);
const char *cs_app_config_blueprint_name(const cs_app_config *config);
const char *cs_app_config_blueprint_version(const cs_app_config *config);
const char *cs_app_config_config_version(const cs_app_config *config);
/* "<blueprint name>.v<blueprint version>", the telemetry "blueprint" value. */
const char *cs_app_config_blueprint_ref(const cs_app_config *config);

/* The connection of the first binding of slot_id, or NULL. */
cs_connection *cs_app_config_slot_connection(const cs_app_config *config, const char *slot_id);
/* The connection with this id, or NULL. */
cs_connection *cs_app_config_connection(const cs_app_config *config, const char *connection_id);
size_t cs_app_config_connection_count(const cs_app_config *config);
size_t cs_app_config_binding_count(const cs_app_config *config);

/* Loading: the whole document (format in docs/runtime.md).  On failure
 * NULL, with err->code PARSE_ERROR (invalid JSON), IO_ERROR, SCHEMA_ERROR,
 * DUPLICATE or NOT_FOUND, and err->pointer locating the offending member. */
cs_app_config *cs_app_config_from_json(const cJSON *document, cs_error *err);
cs_app_config *cs_app_config_parse(const char *text, size_t length, cs_error *err);
cs_app_config *cs_app_config_load_file(const char *path, cs_error *err);

#ifdef __cplusplus
}
#endif

#endif
