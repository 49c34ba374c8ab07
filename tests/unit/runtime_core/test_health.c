/* Health checks: result, connection update, telemetry, enforced timeout. */
#include <string.h>

#include <CUnit/Basic.h>

#include "contractc/health.h"
#include "fakes.h"

typedef struct probe_script {
    bool healthy;
    const char *code;
    const char *message;
    fake_clock *clock;
    uint64_t work_ms;
    int calls;
    bool saw_deadline;
    int64_t remaining_at_start;
} probe_script;

static bool scripted_probe(const cs_health_probe_args *args, void *user, cs_call_error *err)
{
    probe_script *probe = user;
    probe->calls++;
    probe->saw_deadline = args->has_deadline;
    probe->remaining_at_start = cs_health_remaining_ms(args);
    if (probe->clock)
        fake_clock_advance_ms(probe->clock, probe->work_ms);
    if (!probe->healthy) {
        snprintf(err->code, sizeof err->code, "%s", probe->code ? probe->code : "");
        snprintf(err->message, sizeof err->message, "%s", probe->message ? probe->message : "");
    }
    return probe->healthy;
}

typedef struct fixture {
    fake_clock clock;
    capture_emitter capture;
    cs_health_options options;
    cs_app_config *config;
    cs_health_context context;
    probe_script probe;
    cs_health_result result;
} fixture;

static void setup(fixture *f)
{
    fake_clock_init(&f->clock);
    capture_init(&f->capture);
    f->options.telemetry = &f->capture.base;
    f->options.clock = fake_clock_bind(&f->clock);
    f->config = make_config(CS_CONNECTION_DISCONNECTED);
    memset(&f->context, 0, sizeof f->context);
    f->context.tenant_id = "t1";
    f->context.app_id = "app1";
    f->context.slot_id = "payments";
    f->context.integration_key = "payments.stripe.spec";
    f->context.integration_version = "3.0.0";
    f->context.connection = cs_app_config_connection(f->config, "c1");
    f->context.has_trace = true;
    f->context.blueprint_name = "bp";
    f->context.blueprint_version = "1.0.0";
    f->context.config_version = "7";
    memset(&f->probe, 0, sizeof f->probe);
    f->probe.clock = &f->clock;
    f->probe.work_ms = 40;
}

static void teardown(fixture *f)
{
    cs_app_config_free(f->config);
    capture_clear(&f->capture);
}

static cs_status check(fixture *f)
{
    return cs_health_check(&f->options, &f->context, scripted_probe, &f->probe, &f->result);
}

static void test_success(void)
{
    fixture f;
    setup(&f);
    f.probe.healthy = true;
    CU_ASSERT_EQUAL(check(&f), CS_STATUS_OK);
    CU_ASSERT_EQUAL(f.result.status, CS_CONNECTION_CONNECTED);
    CU_ASSERT_EQUAL(f.result.latency_ms, 40);
    CU_ASSERT_EQUAL(f.result.checked_at_ms, f.clock.now_ms);
    CU_ASSERT_FALSE(f.result.has_error_code);
    CU_ASSERT_STRING_EQUAL(f.result.error_message, "");
    CU_ASSERT_FALSE(f.probe.saw_deadline);
    CU_ASSERT_EQUAL(f.probe.remaining_at_start, INT64_MAX);
    /* the connection went from disconnected to connected */
    CU_ASSERT_EQUAL(cs_connection_status_get(f.context.connection), CS_CONNECTION_CONNECTED);
    cs_health_snapshot snapshot;
    cs_connection_last_health(f.context.connection, &snapshot);
    CU_ASSERT_TRUE(snapshot.checked);
    CU_ASSERT_EQUAL(snapshot.checked_at_ms, f.clock.now_ms);
    CU_ASSERT_EQUAL(snapshot.latency_ms, 40);
    CU_ASSERT_EQUAL_FATAL(f.capture.count, 1);
    captured_event *e = &f.capture.events[0];
    CU_ASSERT_EQUAL(e->status, CS_TELEMETRY_SUCCESS);
    CU_ASSERT_STRING_EQUAL(e->integration_key, "payments.stripe.spec");   /* from the spec */
    CU_ASSERT_STRING_EQUAL(e->integration_version, "3.0.0");
    CU_ASSERT_STRING_EQUAL(e->connection_id, "c1");
    CU_ASSERT_STRING_EQUAL(e->slot_id, "payments");
    CU_ASSERT_DOUBLE_EQUAL(e->duration_ms, 40.0, 1e-9);
    CU_ASSERT_EQUAL(e->occurred_at_ms, f.result.checked_at_ms);
    CU_ASSERT_PTR_NULL(e->error_code);
    CU_ASSERT_STRING_EQUAL(capture_meta(&f.capture, 0, "blueprint"), "bp.v1.0.0");
    CU_ASSERT_STRING_EQUAL(capture_meta(&f.capture, 0, "configVersion"), "7");
    CU_ASSERT_STRING_EQUAL(capture_meta(&f.capture, 0, "status"), "connected");
    teardown(&f);
}

static void test_failure_updates_connection(void)
{
    fixture f;
    setup(&f);
    cs_connection_status_set(f.context.connection, CS_CONNECTION_CONNECTED);
    f.probe.code = "401";
    f.probe.message = "invalid api key";
    f.context.has_trace = false;
    CU_ASSERT_EQUAL(check(&f), CS_STATUS_OK);
    CU_ASSERT_EQUAL(f.result.status, CS_CONNECTION_ERROR);
    CU_ASSERT_TRUE(f.result.has_error_code);
    CU_ASSERT_STRING_EQUAL(f.result.error_code, "401");
    CU_ASSERT_STRING_EQUAL(f.result.error_message, "invalid api key");
    CU_ASSERT_EQUAL(cs_connection_status_get(f.context.connection), CS_CONNECTION_ERROR);
    cs_health_snapshot snapshot;
    cs_connection_last_health(f.context.connection, &snapshot);
    CU_ASSERT_STRING_EQUAL(snapshot.error_code, "401");
    CU_ASSERT_STRING_EQUAL(snapshot.error_message, "invalid api key");
    CU_ASSERT_EQUAL_FATAL(f.capture.count, 1);
    CU_ASSERT_EQUAL(f.capture.events[0].status, CS_TELEMETRY_ERROR);
    CU_ASSERT_STRING_EQUAL(f.capture.events[0].error_code, "401");
    CU_ASSERT_STRING_EQUAL(f.capture.events[0].error_message, "invalid api key");
    /* without a trace only the status metadata is present */
    CU_ASSERT_EQUAL(f.capture.events[0].metadata_count, 1);
    CU_ASSERT_STRING_EQUAL(capture_meta(&f.capture, 0, "status"), "error");
    teardown(&f);
}

static void test_failure_without_code_or_message(void)
{
    fixture f;
    setup(&f);
    CU_ASSERT_EQUAL(check(&f), CS_STATUS_OK);
    CU_ASSERT_EQUAL(f.result.status, CS_CONNECTION_ERROR);
    CU_ASSERT_FALSE(f.result.has_error_code);
    CU_ASSERT_STRING_EQUAL(f.result.error_message, "Unknown error");
    CU_ASSERT_PTR_NULL(f.capture.events[0].error_code);
    CU_ASSERT_STRING_EQUAL(f.capture.events[0].error_message, "Unknown error");
    teardown(&f);
}

static void test_timeout_enforced(void)
{
    fixture f;
    setup(&f);
    f.probe.healthy = true;   /* success, but too late */
    f.probe.work_ms = 1500;
    f.context.has_timeout = true;
    f.context.timeout_ms = 1000;
    CU_ASSERT_EQUAL(check(&f), CS_STATUS_OK);
    CU_ASSERT_TRUE(f.probe.saw_deadline);
    CU_ASSERT_EQUAL(f.probe.remaining_at_start, 1000);
    CU_ASSERT_EQUAL(f.result.status, CS_CONNECTION_ERROR);
    CU_ASSERT_STRING_EQUAL(f.result.error_code, "HEALTH_TIMEOUT");
    CU_ASSERT_PTR_NOT_NULL(strstr(f.result.error_message, "1000 ms"));
    CU_ASSERT_PTR_NOT_NULL(strstr(f.result.error_message, "1500 ms"));
    CU_ASSERT_EQUAL(f.result.latency_ms, 1500);
    CU_ASSERT_EQUAL(cs_connection_status_get(f.context.connection), CS_CONNECTION_ERROR);
    CU_ASSERT_STRING_EQUAL(f.capture.events[0].error_code, "HEALTH_TIMEOUT");
    teardown(&f);
}

static void test_within_timeout(void)
{
    fixture f;
    setup(&f);
    f.probe.healthy = true;
    f.probe.work_ms = 1000;   /* exactly at the limit is still in time */
    f.context.has_timeout = true;
    f.context.timeout_ms = 1000;
    CU_ASSERT_EQUAL(check(&f), CS_STATUS_OK);
    CU_ASSERT_EQUAL(f.result.status, CS_CONNECTION_CONNECTED);
    teardown(&f);
}

static bool remaining_probe(const cs_health_probe_args *args, void *user, cs_call_error *err)
{
    fake_clock *clock = user;
    (void)err;
    CU_ASSERT_EQUAL(cs_health_remaining_ms(args), 300);
    fake_clock_advance_ms(clock, 100);
    CU_ASSERT_EQUAL(cs_health_remaining_ms(args), 200);
    fake_clock_advance_ms(clock, 250);
    CU_ASSERT_EQUAL(cs_health_remaining_ms(args), 0);
    return false;
}

static void test_remaining_time(void)
{
    fixture f;
    setup(&f);
    f.context.has_timeout = true;
    f.context.timeout_ms = 300;
    cs_health_check(&f.options, &f.context, remaining_probe, &f.clock, &f.result);
    CU_ASSERT_STRING_EQUAL(f.result.error_code, "HEALTH_TIMEOUT");
    CU_ASSERT_EQUAL(cs_health_remaining_ms(NULL), INT64_MAX);
    teardown(&f);
}

static void test_invalid_inputs_never_abort(void)
{
    fixture f;
    setup(&f);
    CU_ASSERT_EQUAL(cs_health_check(&f.options, &f.context, NULL, NULL, &f.result), CS_STATUS_OK);
    CU_ASSERT_EQUAL(f.result.status, CS_CONNECTION_ERROR);
    CU_ASSERT_PTR_NOT_NULL(strstr(f.result.error_message, "probe"));
    CU_ASSERT_EQUAL(cs_health_check(&f.options, NULL, scripted_probe, &f.probe, &f.result),
                    CS_STATUS_INVALID_ARGUMENT);
    CU_ASSERT_EQUAL(f.result.status, CS_CONNECTION_ERROR);
    CU_ASSERT_EQUAL(cs_health_check(&f.options, &f.context, scripted_probe, &f.probe, NULL),
                    CS_STATUS_INVALID_ARGUMENT);
    /* no options: system clock, no telemetry */
    f.probe.clock = NULL;
    f.probe.healthy = true;
    CU_ASSERT_EQUAL(cs_health_check(NULL, &f.context, scripted_probe, &f.probe, &f.result), CS_STATUS_OK);
    CU_ASSERT_EQUAL(f.result.status, CS_CONNECTION_CONNECTED);
    CU_ASSERT_EQUAL(f.capture.count, 1);   /* only the NULL-probe check emitted */
    teardown(&f);
}

int main(void)
{
    CU_TestInfo tests[] = {
        {"success: connected, telemetry from the spec", test_success},
        {"failure updates the connection", test_failure_updates_connection},
        {"failure without code or message", test_failure_without_code_or_message},
        {"timeout enforced on a late success", test_timeout_enforced},
        {"exactly at the timeout is in time", test_within_timeout},
        {"remaining time for the probe", test_remaining_time},
        {"invalid inputs never abort", test_invalid_inputs_never_abort},
        CU_TEST_INFO_NULL,
    };
    return support_run_suite("health", tests);
}
