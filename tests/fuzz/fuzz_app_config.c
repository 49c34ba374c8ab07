/* fuzz_app_config: libFuzzer target for the app config loader
 * (cs_app_config_parse, contractc/connection.h).
 *
 * The input is the document's text, handed over in an exact-size buffer
 * (not NUL-terminated), so a read past `length` is caught.  Invariants
 * checked:
 *   - failure returns NULL with one of the documented codes, a message,
 *     and a JSON Pointer that is empty or starts with '/';
 *   - a loaded config has every required string, a blueprint ref
 *     "<name>.v<version>", connections found by their own id, and every
 *     binding's slot resolves to a connection of the config;
 *   - everything is freed (the fuzzer's leak check). */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "contractc/connection.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

enum { MAX_INPUT = 64 * 1024 };

static void require(int condition)
{
    if (!condition)
        abort();
}

static int is_terminated(const char *text, size_t capacity)
{
    return memchr(text, '\0', capacity) != NULL;
}

static void check_connection(const cs_app_config *config, const cs_connection *connection)
{
    const char *id = cs_connection_id(connection);
    require(id != NULL && cs_app_config_connection(config, id) == connection);
    require(cs_connection_tenant_id(connection) != NULL);
    require(cs_connection_integration_key(connection) != NULL);
    require(cs_connection_integration_version(connection) != NULL);
    require(cs_connection_label(connection) != NULL);
    require(cs_connection_secret_ref(connection) != NULL);
    const cJSON *settings = cs_connection_config(connection);
    require(settings != NULL && cJSON_IsObject(settings));
    require(cs_connection_status_name(cs_connection_status_get(connection)) != NULL);
    cs_environment environment;
    if (cs_connection_environment(connection, &environment))
        require(cs_environment_name(environment) != NULL);
}

static void check_config(const cs_app_config *config, const char *text, size_t size)
{
    require(cs_app_config_tenant_id(config) != NULL && cs_app_config_app_id(config) != NULL);
    require(cs_app_config_config_version(config) != NULL);
    const char *name = cs_app_config_blueprint_name(config);
    const char *version = cs_app_config_blueprint_version(config);
    const char *ref = cs_app_config_blueprint_ref(config);
    require(name != NULL && version != NULL && ref != NULL);
    size_t name_len = strlen(name);
    require(strncmp(ref, name, name_len) == 0 && strncmp(ref + name_len, ".v", 2) == 0);
    require(strcmp(ref + name_len + 2, version) == 0);
    size_t connections = cs_app_config_connection_count(config);
    size_t bindings = cs_app_config_binding_count(config);
    /* The loader accepted the text, so cJSON reads it again: each listed
     * connection is found by its id, each bound slot leads to a connection
     * of this config, and nothing was dropped or invented. */
    cJSON *document = cJSON_ParseWithLength(text, size);
    require(document != NULL);
    const cJSON *list = cJSON_GetObjectItemCaseSensitive(document, "connections");
    size_t seen = 0;
    for (const cJSON *item = list ? list->child : NULL; item; item = item->next, seen++) {
        const cJSON *id = cJSON_GetObjectItemCaseSensitive(item, "id");
        require(cJSON_IsString(id));
        const cs_connection *connection = cs_app_config_connection(config, id->valuestring);
        require(connection != NULL);
        check_connection(config, connection);
    }
    require(seen == connections);
    list = cJSON_GetObjectItemCaseSensitive(document, "bindings");
    seen = 0;
    for (const cJSON *item = list ? list->child : NULL; item; item = item->next, seen++) {
        const cJSON *slot = cJSON_GetObjectItemCaseSensitive(item, "slotId");
        require(cJSON_IsString(slot));
        require(cs_app_config_slot_connection(config, slot->valuestring) != NULL);
    }
    require(seen == bindings);
    cJSON_Delete(document);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size > MAX_INPUT)
        return 0;
    char *text = calloc(size ? size : 1, 1);
    require(text != NULL);
    if (size)
        memcpy(text, data, size);
    cs_error err;
    memset(&err, 0x5a, sizeof err);
    cs_app_config *config = cs_app_config_parse(text, size, &err);
    if (config == NULL) {
        static const cs_status documented[] = {CS_STATUS_PARSE_ERROR, CS_STATUS_SCHEMA_ERROR,
                                               CS_STATUS_DUPLICATE, CS_STATUS_NOT_FOUND,
                                               CS_STATUS_OUT_OF_MEMORY};
        int known = 0;
        for (size_t i = 0; i < sizeof documented / sizeof documented[0]; i++)
            known |= err.code == documented[i];
        require(known);
        require(is_terminated(err.message, sizeof err.message) && err.message[0] != '\0');
        require(is_terminated(err.pointer, sizeof err.pointer));
        require(err.pointer[0] == '\0' || err.pointer[0] == '/');
    } else {
        check_config(config, text, size);
        cs_app_config_free(config);
    }
    free(text);
    return 0;
}
