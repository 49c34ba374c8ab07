/* Every allocation on the main paths fails once, in turn: the runtime must
 * report OUT_OF_MEMORY (or still succeed) and leak nothing (valgrind). */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <CUnit/Basic.h>

#include "alloc_inject.h"
#include "contractc/guard.h"
#include "contractc/health.h"
#include "contractc/resolve.h"
#include "fakes.h"

/* Runs op with the n-th allocation failing, for n = 0, 1, ... until op no
 * longer reaches the failure; returns how many failures were injected. */
static int sweep(bool (*op)(bool injected))
{
    int injected = 0;
    for (long n = 0; n < 10000; n++) {
        alloc_inject_fail_once(n);
        bool ok = op(true);
        alloc_inject_off();
        if (!alloc_inject_delivered()) {
            CU_ASSERT_TRUE(ok);   /* without a failure the operation succeeds */
            break;
        }
        injected++;
    }
    return injected;
}

static bool op_app_config(bool injected)
{
    (void)injected;
    const char *text =
        "{\"tenantId\":\"t\",\"appId\":\"a\",\"blueprintName\":\"b\",\"blueprintVersion\":\"1\",\"configVersion\":\"1\","
        "\"connections\":[{\"id\":\"c1\",\"tenantId\":\"t\",\"integrationKey\":\"k\",\"integrationVersion\":\"1\","
        "\"ownershipMode\":\"managed\",\"secretRef\":\"r\",\"status\":\"connected\",\"label\":\"L\","
        "\"apiVersion\":\"v\",\"activeTransport\":\"rest\",\"authMethod\":\"api-key\"},"
        "{\"id\":\"c2\",\"tenantId\":\"t\",\"integrationKey\":\"k\",\"integrationVersion\":\"1\","
        "\"ownershipMode\":\"byok\",\"secretRef\":\"r\",\"status\":\"unknown\"}],"
        "\"bindings\":[{\"slotId\":\"s\",\"connectionId\":\"c1\"},{\"slotId\":\"s2\",\"connectionId\":\"c2\"}]}";
    cs_error err = {0};
    cs_app_config *config = cs_app_config_parse(text, strlen(text), &err);
    bool ok = config != NULL;
    if (!ok)
        CU_ASSERT_EQUAL(err.code, CS_STATUS_OUT_OF_MEMORY);
    cs_app_config_free(config);
    return ok;
}

static bool op_secret_parse(bool injected)
{
    (void)injected;
    const char *text = "{\"a\":\"x\",\"n\":12.5,\"b\":true,\"o\":{\"k\":[1]},\"a\":\"y\",\"c\":\"z\",\"d\":\"1\","
                       "\"e\":\"2\",\"f\":\"3\",\"g\":\"4\",\"h\":\"5\",\"i\":\"6\",\"n2\":"
                       "1234567890123456789012345678901234567890123456789012345678901234567890}";
    cs_secret_map map = CS_SECRET_MAP_INIT;
    cs_status status = cs_secret_map_parse((const unsigned char *)text, strlen(text), &map);
    if (status != CS_STATUS_OK) {
        CU_ASSERT_EQUAL(status, CS_STATUS_OUT_OF_MEMORY);
        CU_ASSERT_EQUAL(map.count, 0);   /* never a half-parsed or degraded map */
    } else {
        CU_ASSERT_EQUAL(map.count, 11);
        CU_ASSERT_STRING_EQUAL(cs_secret_map_get(&map, "a"), "y");
    }
    cs_secret_map_clear(&map);
    return status == CS_STATUS_OK;
}

static bool op_guard(bool injected)
{
    (void)injected;
    fake_provider provider;
    fake_provider_init(&provider, "{\"apiKey\":\"sk\"}");
    fake_clock clock;
    fake_clock_init(&clock);
    char *buffer = NULL;
    size_t size = 0;
    FILE *stream = open_memstream(&buffer, &size);
    cs_telemetry_emitter *jsonl = cs_telemetry_jsonl_new(stream, false);
    cs_telemetry_emitter *children[] = {jsonl};
    cs_telemetry_emitter *fanout = jsonl ? cs_telemetry_fanout_new(children, 1, true) : NULL;
    if (!fanout)
        cs_telemetry_emitter_destroy(jsonl);
    cs_guard_options options;
    cs_guard_options_init(&options);
    options.clock = fake_clock_bind(&clock);
    options.telemetry = fanout;
    cs_guard *guard = cs_guard_new(&provider.base, &options);
    cs_app_config *config = make_config(CS_CONNECTION_CONNECTED);
    bool ok = false;
    if (guard && config && cs_app_config_slot_connection(config, "payments")) {
        script exec;
        script_init(&exec);
        exec.fail_times = 1;
        exec.retryable = true;
        cs_result result = CS_RESULT_INIT;
        ok = cs_guard_execute(guard, "payments", "op", config, script_executor, &exec, &result);
        /* the fake provider's own allocation failing is SECRET_UNAVAILABLE */
        if (!ok)
            CU_ASSERT_TRUE(cs_result_is(&result, CS_STATUS_OUT_OF_MEMORY)
                           || cs_result_is(&result, CS_STATUS_SECRET_UNAVAILABLE));
        ok = ok && result.connection_id != NULL;
        cs_result_clear(&result);
    }
    cs_app_config_free(config);
    cs_guard_free(guard);
    cs_telemetry_emitter_destroy(fanout);
    fclose(stream);
    free(buffer);
    return ok && fanout != NULL;
}

static bool op_credentials(bool injected)
{
    (void)injected;
    const char *const config_fields[] = {"a", "b", "c"};
    const char *const secret_fields[] = {"x", "y"};
    const cs_credential_requirements requirements = {config_fields, 3, secret_fields, 2};
    cs_credential_manifest manifest = {&requirements, &requirements};
    cs_credential_report report = CS_CREDENTIAL_REPORT_INIT;
    cs_status status = cs_credential_check(&manifest, CS_OWNERSHIP_MANAGED, NULL, NULL, &report);
    if (status != CS_STATUS_OK) {
        CU_ASSERT_EQUAL(status, CS_STATUS_OUT_OF_MEMORY);
        CU_ASSERT_EQUAL(report.missing_config_count + report.missing_secret_count, 0);
    } else {
        CU_ASSERT_EQUAL(report.missing_config_count, 3);
        CU_ASSERT_EQUAL(report.missing_secret_count, 2);
    }
    cs_credential_report_clear(&report);
    return status == CS_STATUS_OK;
}

static bool op_jsonl_long_line(bool injected)
{
    (void)injected;
    char *buffer = NULL;
    size_t size = 0;
    FILE *stream = open_memstream(&buffer, &size);
    cs_telemetry_emitter *emitter = cs_telemetry_jsonl_new(stream, false);
    char message[2048];
    memset(message, 'x', sizeof message - 1);
    message[sizeof message - 1] = '\0';
    cs_telemetry_event event = {.tenant_id = "t", .status = CS_TELEMETRY_ERROR, .error_message = message};
    bool ok = emitter && cs_telemetry_record(emitter, &event);
    cs_telemetry_emitter_destroy(emitter);
    fclose(stream);
    free(buffer);
    return ok;
}

static void test_app_config(void) { CU_ASSERT_TRUE(sweep(op_app_config) > 10); }
/* one allocation per map, whatever the number of members */
static void test_secret_parse(void) { CU_ASSERT_EQUAL(sweep(op_secret_parse), 1); }
static void test_guard(void) { CU_ASSERT_TRUE(sweep(op_guard) > 5); }
static void test_credentials(void) { CU_ASSERT_TRUE(sweep(op_credentials) >= 5); }
static void test_jsonl(void) { CU_ASSERT_TRUE(sweep(op_jsonl_long_line) >= 2); }

int main(void)
{
    CU_TestInfo tests[] = {
        {"app config loading", test_app_config},
        {"secret parsing: one allocation, OUT_OF_MEMORY", test_secret_parse},
        {"guarded call with telemetry", test_guard},
        {"credential check", test_credentials},
        {"JSON-lines emitter, heap line", test_jsonl},
        CU_TEST_INFO_NULL,
    };
    return support_run_suite("alloc_failures", tests);
}
