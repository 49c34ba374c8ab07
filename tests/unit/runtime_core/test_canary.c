/* A planted canary secret must appear in no output: not in results, error
 * messages or telemetry, on the success, failure and secret-error paths. */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <CUnit/Basic.h>

#include "contractc/guard.h"
#include "contractc/health.h"
#include "fakes.h"

#define CANARY "CANARY-7f3e9a1b-c0ffee-do-not-log"

typedef struct canary_run {
    bool fail;
    bool saw_canary;
} canary_run;

/* Receives the canary and, on failure, tries to leak it in its error. */
static bool leaky_executor(const cs_call_context *context, void *user_data, cs_call_output *out, cs_call_error *err)
{
    canary_run *run = user_data;
    for (size_t i = 0; i < context->secrets->count; i++)
        run->saw_canary = run->saw_canary || strstr(context->secrets->entries[i].value, CANARY) != NULL;
    if (!run->fail) {
        out->data = cJSON_CreateString("ok");
        return true;
    }
    snprintf(err->code, sizeof err->code, "auth_failed");
    snprintf(err->message, sizeof err->message, "provider rejected key " CANARY " (Bearer " CANARY ")");
    err->retryable = true;
    return false;
}

static bool leaky_probe(const cs_health_probe_args *args, void *user, cs_call_error *err)
{
    (void)args;
    (void)user;
    snprintf(err->message, sizeof err->message, "health failed");
    return false;
}

/* Appends a result's visible text to the transcript. */
static void transcribe(FILE *transcript, const cs_result *result)
{
    fprintf(transcript, "%s|%s|%s\n", result->error_code, result->error_message ? result->error_message : "",
            result->connection_id ? result->connection_id : "");
    if (result->data) {
        char *printed = cJSON_PrintUnformatted(result->data);
        fprintf(transcript, "%s\n", printed);
        free(printed);
    }
}

static void test_canary_never_leaks(void)
{
    char *events = NULL, *results = NULL;
    size_t events_size = 0, results_size = 0;
    FILE *event_stream = open_memstream(&events, &events_size);
    FILE *transcript = open_memstream(&results, &results_size);
    cs_telemetry_emitter *emitter = cs_telemetry_jsonl_new(event_stream, false);
    fake_clock clock;
    fake_clock_init(&clock);
    cs_guard_options options;
    cs_guard_options_init(&options);
    options.telemetry = emitter;
    options.clock = fake_clock_bind(&clock);
    cs_app_config *config = make_config(CS_CONNECTION_CONNECTED);

    const char *payloads[] = {CANARY, "{\"apiKey\":\"" CANARY "\",\"n\":1}"};
    size_t executor_saw = 0;
    for (size_t p = 0; p < 2; p++) {
        fake_provider provider;
        fake_provider_init(&provider, payloads[p]);
        cs_guard *guard = cs_guard_new(&provider.base, &options);
        for (int path = 0; path < 4; path++) {
            canary_run run = {path == 1, false};
            provider.fail_code = path == 2 ? CS_SECRET_FORBIDDEN : CS_SECRET_OK;
            provider.handles = path != 3;
            cs_result result = CS_RESULT_INIT;
            cs_guard_execute(guard, "payments", "op", config, leaky_executor, &run, &result);
            executor_saw += run.saw_canary;
            transcribe(transcript, &result);
            cs_result_clear(&result);
        }
        cs_guard_free(guard);
    }
    cs_health_options health_options = {emitter, fake_clock_bind(&clock)};
    cs_health_context context = {0};
    context.tenant_id = "t1";
    context.app_id = "app1";
    context.integration_key = "payments.stripe";
    context.integration_version = "2.0.0";
    context.connection = cs_app_config_connection(config, "c1");
    cs_health_result health;
    cs_health_check(&health_options, &context, leaky_probe, NULL, &health);
    fprintf(transcript, "%s|%s\n", health.error_code, health.error_message);

    cs_telemetry_emitter_destroy(emitter);
    fclose(event_stream);
    fclose(transcript);
    /* the test is meaningful only if the executor really had the canary */
    CU_ASSERT_EQUAL(executor_saw, 4);
    CU_ASSERT_PTR_NOT_NULL(strstr(results, "[redacted]"));
    CU_ASSERT_PTR_NOT_NULL(strstr(results, "SECRET_UNAVAILABLE"));
    CU_ASSERT_PTR_NOT_NULL(strstr(events, "auth_failed"));
    CU_ASSERT_PTR_NULL(strstr(events, CANARY));
    CU_ASSERT_PTR_NULL(strstr(results, CANARY));
    /* nor any long fragment of it */
    CU_ASSERT_PTR_NULL(strstr(events, "7f3e9a1b"));
    CU_ASSERT_PTR_NULL(strstr(results, "7f3e9a1b"));
    free(events);
    free(results);
    cs_app_config_free(config);
}

int main(void)
{
    CU_TestInfo tests[] = {
        {"the canary secret never appears in any output", test_canary_never_leaks},
        CU_TEST_INFO_NULL,
    };
    return support_run_suite("canary", tests);
}
