/* Loading connections and app configs from JSON, strictly: every problem
 * is a structured error with the JSON Pointer of the offending member. */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "contractc/connection.h"

enum { POINTER_MAX = 256 };

/* pointer = prefix + "/" + escaped key (RFC 6901: ~ → ~0, / → ~1). */
static void pointer_join(char out[POINTER_MAX], const char *prefix, const char *key)
{
    size_t length = (size_t)snprintf(out, POINTER_MAX, "%s/", prefix ? prefix : "");
    for (const char *cursor = key; *cursor && length + 3 < POINTER_MAX; cursor++) {
        if (*cursor == '~' || *cursor == '/') {
            out[length++] = '~';
            out[length++] = *cursor == '~' ? '0' : '1';
        } else {
            out[length++] = *cursor;
        }
    }
    if (length >= POINTER_MAX)
        length = POINTER_MAX - 1;
    out[length] = '\0';
}

static void pointer_index(char out[POINTER_MAX], const char *prefix, size_t index)
{
    snprintf(out, POINTER_MAX, "%s/%zu", prefix ? prefix : "", index);
}

/* Rejects non-objects, unknown members and duplicate members. */
static bool check_members(const cJSON *object, const char *pointer, const char *const *allowed,
                          const char *what, cs_error *err)
{
    if (!cJSON_IsObject(object)) {
        cs_error_set(err, CS_STATUS_SCHEMA_ERROR, pointer, "%s must be a JSON object", what);
        return false;
    }
    char member_pointer[POINTER_MAX];
    for (const cJSON *member = object->child; member; member = member->next) {
        bool known = false;
        for (size_t i = 0; allowed[i]; i++)
            known = known || strcmp(allowed[i], member->string) == 0;
        pointer_join(member_pointer, pointer, member->string);
        if (!known) {
            cs_error_set(err, CS_STATUS_SCHEMA_ERROR, member_pointer, "unknown member '%s' in %s",
                         member->string, what);
            return false;
        }
        for (const cJSON *earlier = object->child; earlier != member; earlier = earlier->next) {
            if (strcmp(earlier->string, member->string) == 0) {
                cs_error_set(err, CS_STATUS_DUPLICATE, member_pointer, "member '%s' appears twice in %s",
                             member->string, what);
                return false;
            }
        }
    }
    return true;
}

/* A string member: *out NULL when absent and optional; false on error. */
static bool get_string(const cJSON *object, const char *pointer, const char *key, bool required,
                       const char **out, cs_error *err)
{
    const cJSON *member = cJSON_GetObjectItemCaseSensitive(object, key);
    char member_pointer[POINTER_MAX];
    pointer_join(member_pointer, pointer, key);
    *out = NULL;
    if (!member) {
        if (required)
            cs_error_set(err, CS_STATUS_SCHEMA_ERROR, member_pointer, "missing required member '%s'", key);
        return !required;
    }
    if (!cJSON_IsString(member)) {
        cs_error_set(err, CS_STATUS_SCHEMA_ERROR, member_pointer, "'%s' must be a string", key);
        return false;
    }
    *out = member->valuestring;
    return true;
}

static bool get_environment(const cJSON *object, const char *pointer, bool *has, cs_environment *out,
                            cs_error *err)
{
    const char *name = NULL;
    *has = false;
    if (!get_string(object, pointer, "environment", false, &name, err))
        return false;
    if (!name)
        return true;
    if (!cs_environment_from_name(name, out)) {
        char member_pointer[POINTER_MAX];
        pointer_join(member_pointer, pointer, "environment");
        cs_error_set(err, CS_STATUS_SCHEMA_ERROR, member_pointer,
                     "environment '%s' is not one of sandbox, production", name);
        return false;
    }
    *has = true;
    return true;
}

static const char *const connection_members[] = {
    "id", "tenantId", "integrationKey", "integrationVersion", "label", "environment", "ownershipMode",
    "config", "secretRef", "status", "apiVersion", "activeTransport", "authMethod", NULL};

static bool read_connection_enums(const cJSON *object, const char *pointer, cs_connection_params *params,
                                  cs_error *err)
{
    const char *mode = NULL;
    const char *status = NULL;
    char member_pointer[POINTER_MAX];
    if (!get_string(object, pointer, "ownershipMode", true, &mode, err)
        || !get_string(object, pointer, "status", true, &status, err))
        return false;
    if (!cs_ownership_mode_from_name(mode, &params->ownership_mode)) {
        pointer_join(member_pointer, pointer, "ownershipMode");
        cs_error_set(err, CS_STATUS_SCHEMA_ERROR, member_pointer,
                     "ownership mode '%s' is not one of managed, byok", mode);
        return false;
    }
    if (!cs_connection_status_from_name(status, &params->status)) {
        pointer_join(member_pointer, pointer, "status");
        cs_error_set(err, CS_STATUS_SCHEMA_ERROR, member_pointer,
                     "status '%s' is not one of connected, disconnected, error, unknown", status);
        return false;
    }
    return get_environment(object, pointer, &params->has_environment, &params->environment, err);
}

cs_connection *cs_connection_from_json(const cJSON *object, const char *pointer_prefix, cs_error *err)
{
    const char *pointer = pointer_prefix ? pointer_prefix : "";
    if (!check_members(object, pointer, connection_members, "a connection", err))
        return NULL;
    cs_connection_params params = {0};
    if (!get_string(object, pointer, "id", true, &params.id, err)
        || !get_string(object, pointer, "tenantId", true, &params.tenant_id, err)
        || !get_string(object, pointer, "integrationKey", true, &params.integration_key, err)
        || !get_string(object, pointer, "integrationVersion", true, &params.integration_version, err)
        || !get_string(object, pointer, "label", false, &params.label, err)
        || !get_string(object, pointer, "secretRef", true, &params.secret_ref, err)
        || !get_string(object, pointer, "apiVersion", false, &params.api_version, err)
        || !get_string(object, pointer, "activeTransport", false, &params.active_transport, err)
        || !get_string(object, pointer, "authMethod", false, &params.auth_method, err)
        || !read_connection_enums(object, pointer, &params, err))
        return NULL;
    const cJSON *config = cJSON_GetObjectItemCaseSensitive(object, "config");
    if (config && !cJSON_IsObject(config)) {
        char member_pointer[POINTER_MAX];
        pointer_join(member_pointer, pointer, "config");
        cs_error_set(err, CS_STATUS_SCHEMA_ERROR, member_pointer, "'config' must be a JSON object");
        return NULL;
    }
    params.config = config;
    cs_connection *connection = cs_connection_new(&params, err);
    if (!connection && err)
        snprintf(err->pointer, sizeof err->pointer, "%s", pointer);
    return connection;
}

static const char *const config_members[] = {
    "tenantId", "appId", "environment", "blueprintName", "blueprintVersion", "configVersion",
    "connections", "bindings", NULL};
static const char *const binding_members[] = {"slotId", "connectionId", NULL};

static bool get_array(const cJSON *document, const char *key, const cJSON **out, cs_error *err)
{
    char member_pointer[POINTER_MAX];
    pointer_join(member_pointer, "", key);
    *out = cJSON_GetObjectItemCaseSensitive(document, key);
    if (*out && !cJSON_IsArray(*out)) {
        cs_error_set(err, CS_STATUS_SCHEMA_ERROR, member_pointer, "'%s' must be an array", key);
        return false;
    }
    return true;
}

static bool load_connections(cs_app_config *config, const cJSON *connections, cs_error *err)
{
    size_t index = 0;
    for (const cJSON *item = connections ? connections->child : NULL; item; item = item->next, index++) {
        char item_pointer[POINTER_MAX];
        pointer_index(item_pointer, "/connections", index);
        cs_connection *connection = cs_connection_from_json(item, item_pointer, err);
        if (!connection)
            return false;
        if (cs_app_config_add_connection(config, connection, err) != CS_STATUS_OK) {
            if (err) {
                pointer_join(err->pointer, item_pointer, "id");
            }
            return false;
        }
    }
    return true;
}

static bool load_bindings(cs_app_config *config, const cJSON *bindings, cs_error *err)
{
    size_t index = 0;
    for (const cJSON *item = bindings ? bindings->child : NULL; item; item = item->next, index++) {
        char item_pointer[POINTER_MAX];
        pointer_index(item_pointer, "/bindings", index);
        const char *slot_id = NULL;
        const char *connection_id = NULL;
        if (!check_members(item, item_pointer, binding_members, "a binding", err)
            || !get_string(item, item_pointer, "slotId", true, &slot_id, err)
            || !get_string(item, item_pointer, "connectionId", true, &connection_id, err))
            return false;
        if (cs_app_config_bind(config, slot_id, connection_id, err) != CS_STATUS_OK) {
            if (err)
                pointer_join(err->pointer, item_pointer, "connectionId");
            return false;
        }
    }
    return true;
}

cs_app_config *cs_app_config_from_json(const cJSON *document, cs_error *err)
{
    if (!check_members(document, "", config_members, "the app config", err))
        return NULL;
    cs_app_config_params params = {0};
    const cJSON *connections = NULL;
    const cJSON *bindings = NULL;
    if (!get_string(document, "", "tenantId", true, &params.tenant_id, err)
        || !get_string(document, "", "appId", true, &params.app_id, err)
        || !get_string(document, "", "blueprintName", true, &params.blueprint_name, err)
        || !get_string(document, "", "blueprintVersion", true, &params.blueprint_version, err)
        || !get_string(document, "", "configVersion", true, &params.config_version, err)
        || !get_environment(document, "", &params.has_environment, &params.environment, err)
        || !get_array(document, "connections", &connections, err)
        || !get_array(document, "bindings", &bindings, err))
        return NULL;
    cs_app_config *config = cs_app_config_new(&params, err);
    if (!config)
        return NULL;
    if (!load_connections(config, connections, err) || !load_bindings(config, bindings, err)) {
        cs_app_config_free(config);
        return NULL;
    }
    return config;
}

cs_app_config *cs_app_config_parse(const char *text, size_t length, cs_error *err)
{
    if (!text) {
        cs_error_set(err, CS_STATUS_INVALID_ARGUMENT, NULL, "app config text is NULL");
        return NULL;
    }
    const char *end = NULL;
    cJSON *document = cJSON_ParseWithLengthOpts(text, length, &end, false);
    if (!document) {
        cs_error_set(err, CS_STATUS_PARSE_ERROR, NULL, "invalid JSON near byte %zu",
                     end && end >= text ? (size_t)(end - text) : (size_t)0);
        return NULL;
    }
    /* Only whitespace may follow the document. */
    for (; end && (size_t)(end - text) < length; end++) {
        if (*end != ' ' && *end != '\t' && *end != '\n' && *end != '\r') {
            cJSON_Delete(document);
            cs_error_set(err, CS_STATUS_PARSE_ERROR, NULL, "unexpected text after the JSON document at byte %zu",
                         (size_t)(end - text));
            return NULL;
        }
    }
    cs_app_config *config = cs_app_config_from_json(document, err);
    cJSON_Delete(document);
    return config;
}

cs_app_config *cs_app_config_load_file(const char *path, cs_error *err)
{
    if (!path) {
        cs_error_set(err, CS_STATUS_INVALID_ARGUMENT, NULL, "app config path is NULL");
        return NULL;
    }
    FILE *file = fopen(path, "rb");
    if (!file) {
        cs_error_set(err, CS_STATUS_IO_ERROR, NULL, "cannot open '%s': %s", path, strerror(errno));
        return NULL;
    }
    char *text = NULL;
    size_t length = 0;
    size_t capacity = 0;
    bool failed = false;
    for (;;) {
        if (length == capacity) {
            size_t grown_capacity = capacity ? capacity * 2 : 4096;
            char *grown = realloc(text, grown_capacity);
            if (!grown) {
                failed = true;
                break;
            }
            text = grown;
            capacity = grown_capacity;
        }
        size_t got = fread(text + length, 1, capacity - length, file);
        length += got;
        if (got == 0)
            break;
    }
    bool read_error = ferror(file) != 0;
    fclose(file);
    cs_app_config *config = NULL;
    if (failed)
        cs_error_set(err, CS_STATUS_OUT_OF_MEMORY, NULL, "out of memory reading '%s'", path);
    else if (read_error)
        cs_error_set(err, CS_STATUS_IO_ERROR, NULL, "cannot read '%s'", path);
    else
        config = cs_app_config_parse(text ? text : "", length, err);
    free(text);
    return config;
}
