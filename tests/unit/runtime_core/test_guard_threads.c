/* Several threads share one guard, one app config and one JSON-lines
 * emitter while another thread health-checks the same connection. */
#define _POSIX_C_SOURCE 200809L
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <CUnit/Basic.h>

#include "contractc/guard.h"
#include "contractc/health.h"
#include "fakes.h"

enum { THREADS = 8, CALLS_PER_THREAD = 300, HEALTH_CHECKS = 200 };

typedef struct shared {
    const cs_guard *guard;
    const cs_app_config *config;
    atomic_int executor_calls;
    atomic_int successes;
    atomic_int wrong_secret;
} shared;

/* Fails the first attempt of every third call (retryably). */
static bool flaky_executor(const cs_call_context *context, void *user_data, cs_call_output *out,
                           cs_call_error *err)
{
    shared *state = user_data;
    int call = atomic_fetch_add(&state->executor_calls, 1);
    if (strcmp(cs_secret_map_get(context->secrets, "apiKey"), "sk_thread") != 0)
        atomic_fetch_add(&state->wrong_secret, 1);
    if (context->attempt == 1 && call % 3 == 0) {
        snprintf(err->code, sizeof err->code, "transient");
        snprintf(err->message, sizeof err->message, "try again");
        err->retryable = true;
        return false;
    }
    out->data = cJSON_CreateNumber(call);
    return true;
}

static void *caller(void *arg)
{
    shared *state = arg;
    for (int i = 0; i < CALLS_PER_THREAD; i++) {
        cs_result result = CS_RESULT_INIT;
        if (cs_guard_execute(state->guard, "payments", "op", state->config, flaky_executor, state, &result))
            atomic_fetch_add(&state->successes, 1);
        cs_result_clear(&result);
    }
    return NULL;
}

typedef struct health_state {
    cs_health_options options;
    cs_health_context context;
} health_state;

static bool healthy_probe(const cs_health_probe_args *args, void *user, cs_call_error *err)
{
    (void)args;
    (void)user;
    (void)err;
    return true;
}

static void *checker(void *arg)
{
    health_state *state = arg;
    for (int i = 0; i < HEALTH_CHECKS; i++) {
        cs_health_result result;
        cs_health_check(&state->options, &state->context, healthy_probe, NULL, &result);
    }
    return NULL;
}

static void test_shared_guard_and_emitter(void)
{
    char *buffer = NULL;
    size_t size = 0;
    FILE *stream = open_memstream(&buffer, &size);
    cs_telemetry_emitter *emitter = cs_telemetry_jsonl_new(stream, false);
    fake_provider provider;
    fake_provider_init(&provider, "{\"apiKey\":\"sk_thread\"}");
    cs_guard_options options;
    cs_guard_options_init(&options);
    options.backoff_ms = 0;
    options.telemetry = emitter;
    cs_guard *guard = cs_guard_new(&provider.base, &options);
    cs_app_config *config = make_config(CS_CONNECTION_CONNECTED);
    shared state = {guard, config, 0, 0, 0};

    health_state health;
    memset(&health, 0, sizeof health);
    health.options.telemetry = emitter;
    health.context.tenant_id = "t1";
    health.context.app_id = "app1";
    health.context.integration_key = "payments.stripe";
    health.context.integration_version = "2.0.0";
    health.context.connection = cs_app_config_connection(config, "c1");

    pthread_t threads[THREADS];
    pthread_t health_thread;
    for (int i = 0; i < THREADS; i++)
        CU_ASSERT_EQUAL_FATAL(pthread_create(&threads[i], NULL, caller, &state), 0);
    CU_ASSERT_EQUAL_FATAL(pthread_create(&health_thread, NULL, checker, &health), 0);
    for (int i = 0; i < THREADS; i++)
        pthread_join(threads[i], NULL);
    pthread_join(health_thread, NULL);

    cs_telemetry_emitter_destroy(emitter);
    fclose(stream);
    CU_ASSERT_EQUAL(atomic_load(&state.successes), THREADS * CALLS_PER_THREAD);
    CU_ASSERT_EQUAL(atomic_load(&state.wrong_secret), 0);
    CU_ASSERT_EQUAL(atomic_load(&provider.get_calls), THREADS * CALLS_PER_THREAD);
    /* one line per attempt plus one per health check, none interleaved */
    size_t lines = 0;
    size_t errors = 0;
    for (char *cursor = buffer; *cursor;) {
        char *newline = strchr(cursor, '\n');
        CU_ASSERT_PTR_NOT_NULL_FATAL(newline);
        cJSON *event = cJSON_ParseWithLength(cursor, (size_t)(newline - cursor));
        CU_ASSERT_TRUE(cJSON_IsObject(event));
        const cJSON *status = cJSON_GetObjectItem(event, "status");
        if (cJSON_IsString(status) && strcmp(status->valuestring, "error") == 0)
            errors++;
        cJSON_Delete(event);
        lines++;
        cursor = newline + 1;
    }
    int executor_calls = atomic_load(&state.executor_calls);
    CU_ASSERT_EQUAL(lines, (size_t)executor_calls + HEALTH_CHECKS);
    CU_ASSERT_EQUAL(errors, (size_t)(executor_calls - THREADS * CALLS_PER_THREAD));
    CU_ASSERT_TRUE(errors > 0);
    free(buffer);
    cs_guard_free(guard);
    cs_app_config_free(config);
}

int main(void)
{
    CU_TestInfo tests[] = {
        {"threads share a guard and a JSON-lines emitter", test_shared_guard_and_emitter},
        CU_TEST_INFO_NULL,
    };
    return support_run_suite("guard_threads", tests);
}
