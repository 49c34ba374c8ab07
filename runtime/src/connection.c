/* Connections and resolved app configs built from C. */
#define _POSIX_C_SOURCE 200809L
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "contractc/connection.h"
#include "status_format.h"

struct cs_connection {
    char *id;
    char *tenant_id;
    char *integration_key;
    char *integration_version;
    char *label;
    bool has_environment;
    cs_environment environment;
    cs_ownership_mode ownership_mode;
    cJSON *config;
    char *secret_ref;
    char *api_version;
    char *active_transport;
    char *auth_method;
    /* The mutable part, guarded by lock. */
    pthread_mutex_t lock;
    cs_connection_status status;
    cs_health_snapshot health;
};

typedef struct slot_binding {
    char *slot_id;
    cs_connection *connection;
} slot_binding;

struct cs_app_config {
    char *tenant_id;
    char *app_id;
    bool has_environment;
    cs_environment environment;
    char *blueprint_name;
    char *blueprint_version;
    char *config_version;
    char *blueprint_ref;    /* "<name>.v<version>", computed once for telemetry */
    cs_connection **connections;
    size_t connection_count;
    slot_binding *bindings;
    size_t binding_count;
};

const char *cs_environment_name(cs_environment environment)
{
    return environment == CS_ENVIRONMENT_PRODUCTION ? "production" : "sandbox";
}

bool cs_environment_from_name(const char *name, cs_environment *out)
{
    if (!name)
        return false;
    if (strcmp(name, "sandbox") == 0)
        *out = CS_ENVIRONMENT_SANDBOX;
    else if (strcmp(name, "production") == 0)
        *out = CS_ENVIRONMENT_PRODUCTION;
    else
        return false;
    return true;
}

static const char *const status_names[] = {"connected", "disconnected", "error", "unknown"};

const char *cs_connection_status_name(cs_connection_status status)
{
    if ((int)status < 0 || (int)status > (int)CS_CONNECTION_UNKNOWN)
        return "unknown";
    return status_names[status];
}

bool cs_connection_status_from_name(const char *name, cs_connection_status *out)
{
    if (!name)
        return false;
    for (int i = 0; i <= (int)CS_CONNECTION_UNKNOWN; i++) {
        if (strcmp(name, status_names[i]) == 0) {
            *out = (cs_connection_status)i;
            return true;
        }
    }
    return false;
}

bool cs_connection_status_is_ready(cs_connection_status status)
{
    return status != CS_CONNECTION_DISCONNECTED && status != CS_CONNECTION_ERROR;
}

/* Copies an optional string; false only when allocation failed. */
static bool copy_optional(const char *source, char **target)
{
    *target = NULL;
    if (!source)
        return true;
    *target = cs_strdup(source);
    return *target != NULL;
}

static bool check_required(const char *value, const char *name, cs_error *err)
{
    if (value)
        return true;
    cs_error_set(err, CS_STATUS_INVALID_ARGUMENT, NULL, "connection %s is required", name);
    return false;
}

cs_connection *cs_connection_new(const cs_connection_params *params, cs_error *err)
{
    if (!params) {
        cs_error_set(err, CS_STATUS_INVALID_ARGUMENT, NULL, "connection parameters are NULL");
        return NULL;
    }
    if (!check_required(params->id, "id", err) || !check_required(params->tenant_id, "tenant id", err)
        || !check_required(params->integration_key, "integration key", err)
        || !check_required(params->integration_version, "integration version", err)
        || !check_required(params->secret_ref, "secret reference", err))
        return NULL;
    if ((int)params->status < 0 || (int)params->status > (int)CS_CONNECTION_UNKNOWN) {
        cs_error_set(err, CS_STATUS_INVALID_ARGUMENT, NULL, "connection status %d is not valid",
                     (int)params->status);
        return NULL;
    }
    cs_connection *connection = calloc(1, sizeof *connection);
    if (!connection) {
        cs_error_set(err, CS_STATUS_OUT_OF_MEMORY, NULL, "out of memory");
        return NULL;
    }
    if (pthread_mutex_init(&connection->lock, NULL) != 0) {
        free(connection);
        cs_error_set(err, CS_STATUS_OUT_OF_MEMORY, NULL, "cannot create connection lock");
        return NULL;
    }
    bool copied = copy_optional(params->id, &connection->id)
                  && copy_optional(params->tenant_id, &connection->tenant_id)
                  && copy_optional(params->integration_key, &connection->integration_key)
                  && copy_optional(params->integration_version, &connection->integration_version)
                  && copy_optional(params->label ? params->label : params->id, &connection->label)
                  && copy_optional(params->secret_ref, &connection->secret_ref)
                  && copy_optional(params->api_version, &connection->api_version)
                  && copy_optional(params->active_transport, &connection->active_transport)
                  && copy_optional(params->auth_method, &connection->auth_method);
    if (copied) {
        connection->config = params->config ? cJSON_Duplicate(params->config, true) : cJSON_CreateObject();
        copied = connection->config != NULL;
    }
    if (!copied) {
        cs_connection_free(connection);
        cs_error_set(err, CS_STATUS_OUT_OF_MEMORY, NULL, "out of memory");
        return NULL;
    }
    connection->has_environment = params->has_environment;
    connection->environment = params->environment;
    connection->ownership_mode = params->ownership_mode;
    connection->status = params->status;
    return connection;
}

void cs_connection_free(cs_connection *connection)
{
    if (!connection)
        return;
    free(connection->id);
    free(connection->tenant_id);
    free(connection->integration_key);
    free(connection->integration_version);
    free(connection->label);
    cJSON_Delete(connection->config);
    free(connection->secret_ref);
    free(connection->api_version);
    free(connection->active_transport);
    free(connection->auth_method);
    pthread_mutex_destroy(&connection->lock);
    free(connection);
}

const char *cs_connection_id(const cs_connection *c) { return c ? c->id : NULL; }
const char *cs_connection_tenant_id(const cs_connection *c) { return c ? c->tenant_id : NULL; }
const char *cs_connection_integration_key(const cs_connection *c) { return c ? c->integration_key : NULL; }
const char *cs_connection_integration_version(const cs_connection *c) { return c ? c->integration_version : NULL; }
const char *cs_connection_label(const cs_connection *c) { return c ? c->label : NULL; }
cs_ownership_mode cs_connection_ownership_mode(const cs_connection *c) { return c ? c->ownership_mode : CS_OWNERSHIP_MANAGED; }
const cJSON *cs_connection_config(const cs_connection *c) { return c ? c->config : NULL; }
const char *cs_connection_secret_ref(const cs_connection *c) { return c ? c->secret_ref : NULL; }
const char *cs_connection_api_version(const cs_connection *c) { return c ? c->api_version : NULL; }
const char *cs_connection_active_transport(const cs_connection *c) { return c ? c->active_transport : NULL; }
const char *cs_connection_auth_method(const cs_connection *c) { return c ? c->auth_method : NULL; }

bool cs_connection_environment(const cs_connection *connection, cs_environment *out)
{
    if (!connection || !connection->has_environment)
        return false;
    if (out)
        *out = connection->environment;
    return true;
}

/* The lock guards mutable state only, so locking a const connection is fine. */
static pthread_mutex_t *connection_lock(const cs_connection *connection)
{
    return (pthread_mutex_t *)&connection->lock;
}

cs_connection_status cs_connection_status_get(const cs_connection *connection)
{
    if (!connection)
        return CS_CONNECTION_UNKNOWN;
    pthread_mutex_lock(connection_lock(connection));
    cs_connection_status status = connection->status;
    pthread_mutex_unlock(connection_lock(connection));
    return status;
}

void cs_connection_status_set(cs_connection *connection, cs_connection_status status)
{
    if (!connection)
        return;
    pthread_mutex_lock(&connection->lock);
    connection->status = status;
    pthread_mutex_unlock(&connection->lock);
}

void cs_connection_record_health(cs_connection *connection, cs_connection_status status,
                                 int64_t checked_at_ms, int64_t latency_ms,
                                 const char *error_code, const char *error_message)
{
    if (!connection)
        return;
    pthread_mutex_lock(&connection->lock);
    connection->status = status;
    connection->health.checked = true;
    connection->health.status = status;
    connection->health.checked_at_ms = checked_at_ms;
    connection->health.latency_ms = latency_ms;
    snprintf(connection->health.error_code, sizeof connection->health.error_code, "%s",
             error_code ? error_code : "");
    snprintf(connection->health.error_message, sizeof connection->health.error_message, "%s",
             error_message ? error_message : "");
    pthread_mutex_unlock(&connection->lock);
}

void cs_connection_last_health(const cs_connection *connection, cs_health_snapshot *out)
{
    if (!out)
        return;
    memset(out, 0, sizeof *out);
    if (!connection)
        return;
    pthread_mutex_lock(connection_lock(connection));
    *out = connection->health;
    pthread_mutex_unlock(connection_lock(connection));
}

/* ---- app config ---- */

cs_app_config *cs_app_config_new(const cs_app_config_params *params, cs_error *err)
{
    if (!params || !params->tenant_id || !params->app_id || !params->blueprint_name
        || !params->blueprint_version || !params->config_version) {
        cs_error_set(err, CS_STATUS_INVALID_ARGUMENT, NULL,
                     "app config needs tenant id, app id, blueprint name and version, config version");
        return NULL;
    }
    cs_app_config *config = calloc(1, sizeof *config);
    if (!config || !copy_optional(params->tenant_id, &config->tenant_id)
        || !copy_optional(params->app_id, &config->app_id)
        || !copy_optional(params->blueprint_name, &config->blueprint_name)
        || !copy_optional(params->blueprint_version, &config->blueprint_version)
        || !copy_optional(params->config_version, &config->config_version)) {
        cs_app_config_free(config);
        cs_error_set(err, CS_STATUS_OUT_OF_MEMORY, NULL, "out of memory");
        return NULL;
    }
    size_t ref_size = strlen(params->blueprint_name) + strlen(params->blueprint_version) + 3;
    config->blueprint_ref = malloc(ref_size);
    if (!config->blueprint_ref) {
        cs_app_config_free(config);
        cs_error_set(err, CS_STATUS_OUT_OF_MEMORY, NULL, "out of memory");
        return NULL;
    }
    snprintf(config->blueprint_ref, ref_size, "%s.v%s", params->blueprint_name, params->blueprint_version);
    config->has_environment = params->has_environment;
    config->environment = params->environment;
    return config;
}

void cs_app_config_free(cs_app_config *config)
{
    if (!config)
        return;
    free(config->tenant_id);
    free(config->app_id);
    free(config->blueprint_name);
    free(config->blueprint_version);
    free(config->config_version);
    free(config->blueprint_ref);
    for (size_t i = 0; i < config->connection_count; i++)
        cs_connection_free(config->connections[i]);
    free(config->connections);
    for (size_t i = 0; i < config->binding_count; i++)
        free(config->bindings[i].slot_id);
    free(config->bindings);
    free(config);
}

cs_connection *cs_app_config_connection(const cs_app_config *config, const char *connection_id)
{
    if (!config || !connection_id)
        return NULL;
    for (size_t i = 0; i < config->connection_count; i++) {
        if (strcmp(config->connections[i]->id, connection_id) == 0)
            return config->connections[i];
    }
    return NULL;
}

cs_status cs_app_config_add_connection(cs_app_config *config, cs_connection *connection, cs_error *err)
{
    if (!config || !connection) {
        cs_connection_free(connection);
        cs_error_set(err, CS_STATUS_INVALID_ARGUMENT, NULL, "app config or connection is NULL");
        return CS_STATUS_INVALID_ARGUMENT;
    }
    if (cs_app_config_connection(config, connection->id)) {
        cs_error_set(err, CS_STATUS_DUPLICATE, NULL, "connection '%s' is defined twice", connection->id);
        cs_connection_free(connection);
        return CS_STATUS_DUPLICATE;
    }
    cs_connection **grown = realloc(config->connections, (config->connection_count + 1) * sizeof *grown);
    if (!grown) {
        cs_connection_free(connection);
        cs_error_set(err, CS_STATUS_OUT_OF_MEMORY, NULL, "out of memory");
        return CS_STATUS_OUT_OF_MEMORY;
    }
    config->connections = grown;
    config->connections[config->connection_count++] = connection;
    return CS_STATUS_OK;
}

cs_status cs_app_config_bind(cs_app_config *config, const char *slot_id, const char *connection_id,
                             cs_error *err)
{
    if (!config || !slot_id || !connection_id) {
        cs_error_set(err, CS_STATUS_INVALID_ARGUMENT, NULL, "app config, slot id or connection id is NULL");
        return CS_STATUS_INVALID_ARGUMENT;
    }
    cs_connection *connection = cs_app_config_connection(config, connection_id);
    if (!connection) {
        cs_error_set(err, CS_STATUS_NOT_FOUND, NULL, "slot '%s' is bound to unknown connection '%s'",
                     slot_id, connection_id);
        return CS_STATUS_NOT_FOUND;
    }
    slot_binding *grown = realloc(config->bindings, (config->binding_count + 1) * sizeof *grown);
    if (!grown) {
        cs_error_set(err, CS_STATUS_OUT_OF_MEMORY, NULL, "out of memory");
        return CS_STATUS_OUT_OF_MEMORY;
    }
    config->bindings = grown;
    char *slot_copy = cs_strdup(slot_id);
    if (!slot_copy) {
        cs_error_set(err, CS_STATUS_OUT_OF_MEMORY, NULL, "out of memory");
        return CS_STATUS_OUT_OF_MEMORY;
    }
    config->bindings[config->binding_count].slot_id = slot_copy;
    config->bindings[config->binding_count].connection = connection;
    config->binding_count++;
    return CS_STATUS_OK;
}

const char *cs_app_config_tenant_id(const cs_app_config *c) { return c ? c->tenant_id : NULL; }
const char *cs_app_config_app_id(const cs_app_config *c) { return c ? c->app_id : NULL; }
const char *cs_app_config_blueprint_name(const cs_app_config *c) { return c ? c->blueprint_name : NULL; }
const char *cs_app_config_blueprint_version(const cs_app_config *c) { return c ? c->blueprint_version : NULL; }
const char *cs_app_config_config_version(const cs_app_config *c) { return c ? c->config_version : NULL; }
const char *cs_app_config_blueprint_ref(const cs_app_config *c) { return c ? c->blueprint_ref : NULL; }
size_t cs_app_config_connection_count(const cs_app_config *c) { return c ? c->connection_count : 0; }
size_t cs_app_config_binding_count(const cs_app_config *c) { return c ? c->binding_count : 0; }

bool cs_app_config_environment(const cs_app_config *config, cs_environment *out)
{
    if (!config || !config->has_environment)
        return false;
    if (out)
        *out = config->environment;
    return true;
}

cs_connection *cs_app_config_slot_connection(const cs_app_config *config, const char *slot_id)
{
    if (!config || !slot_id)
        return NULL;
    for (size_t i = 0; i < config->binding_count; i++) {
        if (strcmp(config->bindings[i].slot_id, slot_id) == 0)
            return config->bindings[i].connection;
    }
    return NULL;
}
