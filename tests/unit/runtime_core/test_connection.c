/* Connections and app configs: built from C and loaded strictly from JSON. */
#define _POSIX_C_SOURCE 200809L
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <CUnit/Basic.h>

#include "contractc/connection.h"
#include "fakes.h"

static cs_connection_params base_params(void)
{
    cs_connection_params params = {0};
    params.id = "c1";
    params.tenant_id = "t1";
    params.integration_key = "payments.stripe";
    params.integration_version = "2.0.0";
    params.secret_ref = "env://STRIPE";
    params.status = CS_CONNECTION_CONNECTED;
    return params;
}

static void test_build_from_c(void)
{
    cs_connection_params params = base_params();
    cJSON *config = cJSON_Parse("{\"accountId\":\"acct_1\"}");
    params.config = config;
    params.has_environment = true;
    params.environment = CS_ENVIRONMENT_PRODUCTION;
    params.ownership_mode = CS_OWNERSHIP_BYOK;
    params.api_version = "2024-01-01";
    params.active_transport = "mcp";
    params.auth_method = "oauth2";
    cs_error err;
    cs_connection *connection = cs_connection_new(&params, &err);
    CU_ASSERT_PTR_NOT_NULL_FATAL(connection);
    /* the config was copied */
    cJSON_ReplaceItemInObject(config, "accountId", cJSON_CreateString("changed"));
    cJSON_Delete(config);
    const cJSON *stored = cs_connection_config(connection);
    CU_ASSERT_STRING_EQUAL(cJSON_GetObjectItem(stored, "accountId")->valuestring, "acct_1");
    CU_ASSERT_STRING_EQUAL(cs_connection_id(connection), "c1");
    CU_ASSERT_STRING_EQUAL(cs_connection_tenant_id(connection), "t1");
    CU_ASSERT_STRING_EQUAL(cs_connection_integration_key(connection), "payments.stripe");
    CU_ASSERT_STRING_EQUAL(cs_connection_integration_version(connection), "2.0.0");
    CU_ASSERT_STRING_EQUAL(cs_connection_label(connection), "c1");   /* defaults to the id */
    CU_ASSERT_STRING_EQUAL(cs_connection_secret_ref(connection), "env://STRIPE");
    CU_ASSERT_STRING_EQUAL(cs_connection_api_version(connection), "2024-01-01");
    CU_ASSERT_STRING_EQUAL(cs_connection_active_transport(connection), "mcp");
    CU_ASSERT_STRING_EQUAL(cs_connection_auth_method(connection), "oauth2");
    CU_ASSERT_EQUAL(cs_connection_ownership_mode(connection), CS_OWNERSHIP_BYOK);
    cs_environment environment = CS_ENVIRONMENT_SANDBOX;
    CU_ASSERT_TRUE(cs_connection_environment(connection, &environment));
    CU_ASSERT_EQUAL(environment, CS_ENVIRONMENT_PRODUCTION);
    CU_ASSERT_EQUAL(cs_connection_status_get(connection), CS_CONNECTION_CONNECTED);
    cs_connection_free(connection);
    cs_connection_free(NULL);

    params = base_params();
    connection = cs_connection_new(&params, NULL);
    CU_ASSERT_FALSE(cs_connection_environment(connection, NULL));
    CU_ASSERT_PTR_NULL(cs_connection_api_version(connection));
    CU_ASSERT_TRUE(cJSON_IsObject(cs_connection_config(connection)));
    cs_connection_free(connection);
}

static void test_required_fields(void)
{
    const char *names[] = {"id", "tenant id", "integration key", "integration version", "secret reference"};
    for (int i = 0; i < 5; i++) {
        cs_connection_params params = base_params();
        const char **fields[] = {&params.id, &params.tenant_id, &params.integration_key,
                                 &params.integration_version, &params.secret_ref};
        *fields[i] = NULL;
        cs_error err;
        CU_ASSERT_PTR_NULL(cs_connection_new(&params, &err));
        CU_ASSERT_EQUAL(err.code, CS_STATUS_INVALID_ARGUMENT);
        CU_ASSERT_PTR_NOT_NULL(strstr(err.message, names[i]));
    }
    cs_error err;
    CU_ASSERT_PTR_NULL(cs_connection_new(NULL, &err));
    cs_connection_params params = base_params();
    params.status = (cs_connection_status)42;
    CU_ASSERT_PTR_NULL(cs_connection_new(&params, &err));
    CU_ASSERT_EQUAL(err.code, CS_STATUS_INVALID_ARGUMENT);
}

static void test_status_names_and_readiness(void)
{
    const char *names[] = {"connected", "disconnected", "error", "unknown"};
    for (int i = 0; i < 4; i++) {
        cs_connection_status status = CS_CONNECTION_CONNECTED;
        CU_ASSERT_STRING_EQUAL(cs_connection_status_name((cs_connection_status)i), names[i]);
        CU_ASSERT_TRUE(cs_connection_status_from_name(names[i], &status));
        CU_ASSERT_EQUAL(status, (cs_connection_status)i);
    }
    cs_connection_status status = CS_CONNECTION_CONNECTED;
    CU_ASSERT_FALSE(cs_connection_status_from_name("Connected", &status));
    CU_ASSERT_FALSE(cs_connection_status_from_name("pending", &status));
    CU_ASSERT_STRING_EQUAL(cs_connection_status_name((cs_connection_status)9), "unknown");
    CU_ASSERT_TRUE(cs_connection_status_is_ready(CS_CONNECTION_CONNECTED));
    CU_ASSERT_TRUE(cs_connection_status_is_ready(CS_CONNECTION_UNKNOWN));
    CU_ASSERT_FALSE(cs_connection_status_is_ready(CS_CONNECTION_DISCONNECTED));
    CU_ASSERT_FALSE(cs_connection_status_is_ready(CS_CONNECTION_ERROR));
    cs_environment environment;
    CU_ASSERT_TRUE(cs_environment_from_name("sandbox", &environment));
    CU_ASSERT_EQUAL(environment, CS_ENVIRONMENT_SANDBOX);
    CU_ASSERT_FALSE(cs_environment_from_name("staging", &environment));
    CU_ASSERT_STRING_EQUAL(cs_environment_name(CS_ENVIRONMENT_PRODUCTION), "production");
}

static void test_health_fields(void)
{
    cs_connection_params params = base_params();
    cs_connection *connection = cs_connection_new(&params, NULL);
    cs_health_snapshot snapshot;
    cs_connection_last_health(connection, &snapshot);
    CU_ASSERT_FALSE(snapshot.checked);
    cs_connection_record_health(connection, CS_CONNECTION_ERROR, 1000, 42, "E_TIMEOUT", "took too long");
    CU_ASSERT_EQUAL(cs_connection_status_get(connection), CS_CONNECTION_ERROR);
    cs_connection_last_health(connection, &snapshot);
    CU_ASSERT_TRUE(snapshot.checked);
    CU_ASSERT_EQUAL(snapshot.status, CS_CONNECTION_ERROR);
    CU_ASSERT_EQUAL(snapshot.checked_at_ms, 1000);
    CU_ASSERT_EQUAL(snapshot.latency_ms, 42);
    CU_ASSERT_STRING_EQUAL(snapshot.error_code, "E_TIMEOUT");
    CU_ASSERT_STRING_EQUAL(snapshot.error_message, "took too long");
    cs_connection_record_health(connection, CS_CONNECTION_CONNECTED, 2000, 5, NULL, NULL);
    cs_connection_last_health(connection, &snapshot);
    CU_ASSERT_STRING_EQUAL(snapshot.error_code, "");
    CU_ASSERT_STRING_EQUAL(snapshot.error_message, "");
    cs_connection_status_set(connection, CS_CONNECTION_DISCONNECTED);
    CU_ASSERT_EQUAL(cs_connection_status_get(connection), CS_CONNECTION_DISCONNECTED);
    cs_connection_free(connection);
}

static void test_app_config_from_c(void)
{
    cs_app_config *config = make_config(CS_CONNECTION_CONNECTED);
    CU_ASSERT_STRING_EQUAL(cs_app_config_tenant_id(config), "t1");
    CU_ASSERT_STRING_EQUAL(cs_app_config_app_id(config), "app1");
    CU_ASSERT_STRING_EQUAL(cs_app_config_blueprint_name(config), "bp");
    CU_ASSERT_STRING_EQUAL(cs_app_config_blueprint_version(config), "1.0.0");
    CU_ASSERT_STRING_EQUAL(cs_app_config_config_version(config), "7");
    CU_ASSERT_STRING_EQUAL(cs_app_config_blueprint_ref(config), "bp.v1.0.0");
    CU_ASSERT_TRUE(cs_app_config_environment(config, NULL));
    CU_ASSERT_EQUAL(cs_app_config_connection_count(config), 1);
    CU_ASSERT_EQUAL(cs_app_config_binding_count(config), 1);
    CU_ASSERT_STRING_EQUAL(cs_connection_id(cs_app_config_slot_connection(config, "payments")), "c1");
    CU_ASSERT_PTR_NULL(cs_app_config_slot_connection(config, "crm"));

    cs_error err;
    cs_connection_params params = base_params();
    CU_ASSERT_EQUAL(cs_app_config_add_connection(config, cs_connection_new(&params, NULL), &err),
                    CS_STATUS_DUPLICATE);
    CU_ASSERT_EQUAL(cs_app_config_bind(config, "crm", "nope", &err), CS_STATUS_NOT_FOUND);
    CU_ASSERT_PTR_NOT_NULL(strstr(err.message, "nope"));
    CU_ASSERT_EQUAL(cs_app_config_add_connection(config, NULL, &err), CS_STATUS_INVALID_ARGUMENT);
    cs_app_config_free(config);
    cs_app_config_free(NULL);

    cs_app_config_params bad = {"t", NULL, false, CS_ENVIRONMENT_SANDBOX, "bp", "1", "1"};
    CU_ASSERT_PTR_NULL(cs_app_config_new(&bad, &err));
    CU_ASSERT_EQUAL(err.code, CS_STATUS_INVALID_ARGUMENT);
}

static const char *const good_document =
    "{\"tenantId\":\"t1\",\"appId\":\"app1\",\"environment\":\"production\",\"blueprintName\":\"bp\","
    "\"blueprintVersion\":\"1.0.0\",\"configVersion\":\"3\","
    "\"connections\":[{\"id\":\"c1\",\"tenantId\":\"t1\",\"integrationKey\":\"payments.stripe\","
    "\"integrationVersion\":\"2.0.0\",\"label\":\"Stripe\",\"environment\":\"sandbox\",\"ownershipMode\":\"byok\","
    "\"config\":{\"accountId\":\"a\"},\"secretRef\":\"env://STRIPE\",\"status\":\"unknown\","
    "\"apiVersion\":\"2024-01-01\",\"activeTransport\":\"rest\",\"authMethod\":\"api-key\"},"
    "{\"id\":\"c2\",\"tenantId\":\"t1\",\"integrationKey\":\"crm.hubspot\",\"integrationVersion\":\"1.0.0\","
    "\"ownershipMode\":\"managed\",\"secretRef\":\"env://HUBSPOT\",\"status\":\"connected\"}],"
    "\"bindings\":[{\"slotId\":\"payments\",\"connectionId\":\"c1\"},{\"slotId\":\"crm\",\"connectionId\":\"c2\"},"
    "{\"slotId\":\"payments\",\"connectionId\":\"c2\"}]}";

static void test_load_file(void)
{
    char path[] = "/tmp/cs_appconfig_XXXXXX";
    int fd = mkstemp(path);
    CU_ASSERT_TRUE_FATAL(fd >= 0);
    CU_ASSERT_EQUAL(write(fd, good_document, strlen(good_document)), (ssize_t)strlen(good_document));
    close(fd);
    cs_error err = {0};
    cs_app_config *config = cs_app_config_load_file(path, &err);
    unlink(path);
    CU_ASSERT_PTR_NOT_NULL_FATAL(config);
    CU_ASSERT_EQUAL(cs_app_config_connection_count(config), 2);
    CU_ASSERT_EQUAL(cs_app_config_binding_count(config), 3);
    cs_connection *c1 = cs_app_config_slot_connection(config, "payments");
    CU_ASSERT_STRING_EQUAL(cs_connection_id(c1), "c1");
    CU_ASSERT_STRING_EQUAL(cs_connection_label(c1), "Stripe");
    CU_ASSERT_EQUAL(cs_connection_status_get(c1), CS_CONNECTION_UNKNOWN);
    CU_ASSERT_EQUAL(cs_connection_ownership_mode(c1), CS_OWNERSHIP_BYOK);
    CU_ASSERT_STRING_EQUAL(cs_connection_auth_method(c1), "api-key");
    CU_ASSERT_STRING_EQUAL(cJSON_GetObjectItem(cs_connection_config(c1), "accountId")->valuestring, "a");
    cs_environment environment = CS_ENVIRONMENT_SANDBOX;
    CU_ASSERT_TRUE(cs_app_config_environment(config, &environment));
    CU_ASSERT_EQUAL(environment, CS_ENVIRONMENT_PRODUCTION);
    CU_ASSERT_STRING_EQUAL(cs_connection_id(cs_app_config_slot_connection(config, "crm")), "c2");
    cs_app_config_free(config);

    CU_ASSERT_PTR_NULL(cs_app_config_load_file("/nonexistent/cs.json", &err));
    CU_ASSERT_EQUAL(err.code, CS_STATUS_IO_ERROR);
    CU_ASSERT_PTR_NULL(cs_app_config_load_file(NULL, &err));
    CU_ASSERT_EQUAL(err.code, CS_STATUS_INVALID_ARGUMENT);
}

/* Replaces the first occurrence of from with to in the good document, loads
 * it and checks the error code and pointer. */
static void expect_error(const char *from, const char *to, cs_status code, const char *pointer)
{
    const char *at = strstr(good_document, from);
    CU_ASSERT_PTR_NOT_NULL_FATAL(at);
    size_t size = strlen(good_document) + strlen(to) + 1;
    char *text = malloc(size);
    size_t prefix = (size_t)(at - good_document);
    memcpy(text, good_document, prefix);
    snprintf(text + prefix, size - prefix, "%s%s", to, at + strlen(from));
    cs_error err = {0};
    cs_app_config *config = cs_app_config_parse(text, strlen(text), &err);
    CU_ASSERT_PTR_NULL(config);
    cs_app_config_free(config);
    CU_ASSERT_EQUAL(err.code, code);
    CU_ASSERT_STRING_EQUAL(err.pointer, pointer);
    CU_ASSERT_NOT_EQUAL(err.message[0], '\0');
    free(text);
}

static void test_strict_errors(void)
{
    expect_error("\"status\":\"unknown\"", "\"status\":\"pending\"", CS_STATUS_SCHEMA_ERROR, "/connections/0/status");
    expect_error("\"ownershipMode\":\"managed\"", "\"ownershipMode\":\"shared\"", CS_STATUS_SCHEMA_ERROR,
                 "/connections/1/ownershipMode");
    expect_error("\"environment\":\"sandbox\"", "\"environment\":\"staging\"", CS_STATUS_SCHEMA_ERROR,
                 "/connections/0/environment");
    expect_error("\"environment\":\"production\"", "\"environment\":7", CS_STATUS_SCHEMA_ERROR, "/environment");
    expect_error("\"label\":\"Stripe\"", "\"label\":\"Stripe\",\"a/b~c\":1", CS_STATUS_SCHEMA_ERROR,
                 "/connections/0/a~1b~0c");
    expect_error("\"label\":\"Stripe\"", "\"label\":\"Stripe\",\"label\":\"x\"", CS_STATUS_DUPLICATE,
                 "/connections/0/label");
    expect_error("\"id\":\"c1\",", "", CS_STATUS_SCHEMA_ERROR, "/connections/0/id");
    expect_error("\"secretRef\":\"env://STRIPE\"", "\"secretRef\":1", CS_STATUS_SCHEMA_ERROR,
                 "/connections/0/secretRef");
    expect_error("\"config\":{\"accountId\":\"a\"}", "\"config\":[]", CS_STATUS_SCHEMA_ERROR, "/connections/0/config");
    expect_error("\"id\":\"c2\"", "\"id\":\"c1\"", CS_STATUS_DUPLICATE, "/connections/1/id");
    expect_error("{\"slotId\":\"crm\",\"connectionId\":\"c2\"}", "{\"slotId\":\"crm\",\"connectionId\":\"c9\"}",
                 CS_STATUS_NOT_FOUND, "/bindings/1/connectionId");
    expect_error("{\"slotId\":\"crm\",", "{\"slot\":\"crm\",", CS_STATUS_SCHEMA_ERROR, "/bindings/1/slot");
    expect_error("\"tenantId\":\"t1\",\"appId\"", "\"appId\"", CS_STATUS_SCHEMA_ERROR, "/tenantId");
    expect_error("\"connections\":[{", "\"connections\":[7,{", CS_STATUS_SCHEMA_ERROR, "/connections/0");
    expect_error("{\"tenantId\"", "{\"extra\":true,\"tenantId\"", CS_STATUS_SCHEMA_ERROR, "/extra");
    expect_error("\"bindings\":", "\"bindings\"", CS_STATUS_PARSE_ERROR, "");
    expect_error("]}", "]} x", CS_STATUS_PARSE_ERROR, "");

    cs_error err = {0};
    const char *object_bindings = "{\"tenantId\":\"t\",\"appId\":\"a\",\"blueprintName\":\"b\","
                                  "\"blueprintVersion\":\"1\",\"configVersion\":\"1\",\"bindings\":{}}";
    CU_ASSERT_PTR_NULL(cs_app_config_parse(object_bindings, strlen(object_bindings), &err));
    CU_ASSERT_EQUAL(err.code, CS_STATUS_SCHEMA_ERROR);
    CU_ASSERT_STRING_EQUAL(err.pointer, "/bindings");
    CU_ASSERT_PTR_NULL(cs_app_config_parse("[1]", 3, &err));
    CU_ASSERT_EQUAL(err.code, CS_STATUS_SCHEMA_ERROR);
    CU_ASSERT_STRING_EQUAL(err.pointer, "");
    CU_ASSERT_PTR_NULL(cs_app_config_parse("", 0, &err));
    CU_ASSERT_EQUAL(err.code, CS_STATUS_PARSE_ERROR);
    CU_ASSERT_PTR_NULL(cs_app_config_parse(NULL, 0, &err));
    CU_ASSERT_EQUAL(err.code, CS_STATUS_INVALID_ARGUMENT);
}

static void test_connection_from_json(void)
{
    cJSON *object = cJSON_Parse("{\"id\":\"x\",\"tenantId\":\"t\",\"integrationKey\":\"k\",\"integrationVersion\":\"1\","
                                "\"ownershipMode\":\"managed\",\"secretRef\":\"r\",\"status\":\"error\"}");
    cs_error err = {0};
    cs_connection *connection = cs_connection_from_json(object, NULL, &err);
    CU_ASSERT_PTR_NOT_NULL_FATAL(connection);
    CU_ASSERT_EQUAL(cs_connection_status_get(connection), CS_CONNECTION_ERROR);
    cs_connection_free(connection);
    cJSON_DeleteItemFromObject(object, "status");
    CU_ASSERT_PTR_NULL(cs_connection_from_json(object, "/conn", &err));
    CU_ASSERT_STRING_EQUAL(err.pointer, "/conn/status");
    cJSON_Delete(object);
}

/* Mutated documents never crash or leak, and every failure is explained. */
static void test_random_documents(void)
{
    uint32_t state = 0x2545f491u;
    size_t len = strlen(good_document);
    char *text = malloc(len + 1);
    size_t loaded = 0;
    for (int round = 0; round < 3000; round++) {
        memcpy(text, good_document, len + 1);
        int edits = 1 + (int)(state % 2);
        for (int e = 0; e < edits; e++) {
            state ^= state << 13;
            state ^= state >> 17;
            state ^= state << 5;
            static const char alphabet[] = "{}[]\":,x0 \\/~";
            text[state % len] = alphabet[(state >> 8) % (sizeof alphabet - 1)];
        }
        cs_error err = {0};
        err.code = CS_STATUS_OK;
        cs_app_config *config = cs_app_config_parse(text, len, &err);
        if (config) {
            loaded++;
            CU_ASSERT_TRUE(cs_app_config_connection_count(config) <= 2);
        } else {
            CU_ASSERT_NOT_EQUAL(err.code, CS_STATUS_OK);
            CU_ASSERT_NOT_EQUAL(err.message[0], '\0');
            CU_ASSERT_TRUE(err.pointer[0] == '\0' || err.pointer[0] == '/');
        }
        cs_app_config_free(config);
    }
    free(text);
    CU_ASSERT_TRUE(loaded > 0);
}

int main(void)
{
    CU_TestInfo tests[] = {
        {"connection built from C", test_build_from_c},
        {"required connection fields", test_required_fields},
        {"status names and readiness rule", test_status_names_and_readiness},
        {"health fields", test_health_fields},
        {"app config from C: first binding, duplicates", test_app_config_from_c},
        {"app config loaded from a file", test_load_file},
        {"strict loading: errors with JSON pointers", test_strict_errors},
        {"one connection from JSON", test_connection_from_json},
        {"mutated documents", test_random_documents},
        CU_TEST_INFO_NULL,
    };
    return support_run_suite("connection", tests);
}
