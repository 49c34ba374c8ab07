/* The call guard: ContractSpec's control flow, defaults, codes and ordering. */
#include <string.h>

#include <CUnit/Basic.h>

#include "contractc/guard.h"
#include "fakes.h"

typedef struct fixture {
    fake_provider provider;
    fake_clock clock;
    capture_emitter capture;
    script exec;
    cs_guard_options options;
    cs_app_config *config;
    cs_result result;
} fixture;

static void setup(fixture *f, cs_connection_status status, const char *secret)
{
    fake_provider_init(&f->provider, secret);
    fake_clock_init(&f->clock);
    capture_init(&f->capture);
    script_init(&f->exec);
    f->exec.clock = &f->clock;
    f->exec.work_ms = 10;
    cs_guard_options_init(&f->options);
    f->options.clock = fake_clock_bind(&f->clock);
    f->options.telemetry = &f->capture.base;
    f->config = make_config(status);
    cs_result_init(&f->result);
}

static bool run(fixture *f, const char *slot)
{
    cs_guard *guard = cs_guard_new(&f->provider.base, &f->options);
    CU_ASSERT_PTR_NOT_NULL_FATAL(guard);
    bool ok = cs_guard_execute(guard, slot, "payments.charge", f->config, script_executor, &f->exec, &f->result);
    cs_guard_free(guard);
    return ok;
}

static void teardown(fixture *f)
{
    cs_result_clear(&f->result);
    cs_app_config_free(f->config);
    capture_clear(&f->capture);
}

static void test_defaults(void)
{
    cs_guard_options options;
    cs_guard_options_init(&options);
    CU_ASSERT_EQUAL(options.max_attempts, 3);
    CU_ASSERT_EQUAL(options.backoff, CS_BACKOFF_FIXED);
    CU_ASSERT_EQUAL(options.backoff_ms, 250);
    CU_ASSERT_PTR_NULL(options.should_retry);
    CU_ASSERT_PTR_NULL(options.telemetry);
    /* NULL options: 3 attempts with 250 ms between them. */
    fixture f;
    setup(&f, CS_CONNECTION_CONNECTED, "sk");
    f.exec.fail_times = -1;
    f.exec.retryable = true;
    cs_guard *guard = cs_guard_new(&f.provider.base, NULL);
    CU_ASSERT_EQUAL(cs_guard_backoff_delay_ms(guard, 1), 250);
    CU_ASSERT_EQUAL(cs_guard_backoff_delay_ms(guard, 2), 250);
    cs_guard_free(guard);
    f.options.telemetry = NULL;
    CU_ASSERT_FALSE(run(&f, "payments"));
    CU_ASSERT_EQUAL(f.result.attempts, 3);
    CU_ASSERT_EQUAL(f.clock.sleeps, 2);
    CU_ASSERT_EQUAL(f.clock.slept_ms[0], 250);
    CU_ASSERT_EQUAL(f.clock.slept_ms[1], 250);
    teardown(&f);
}

static void test_max_attempts_below_one(void)
{
    int values[] = {0, -5};
    for (size_t i = 0; i < 2; i++) {
        fixture f;
        setup(&f, CS_CONNECTION_CONNECTED, "sk");
        f.exec.fail_times = -1;
        f.exec.retryable = true;
        f.options.max_attempts = values[i];
        CU_ASSERT_FALSE(run(&f, "payments"));
        CU_ASSERT_EQUAL(f.result.attempts, 1);
        CU_ASSERT_EQUAL(atomic_load(&f.exec.calls), 1);
        CU_ASSERT_TRUE(f.result.retryable);
        CU_ASSERT_EQUAL(f.clock.sleeps, 0);
        teardown(&f);
    }
}

static void test_success_first_attempt(void)
{
    fixture f;
    setup(&f, CS_CONNECTION_CONNECTED, "sk_live");
    CU_ASSERT_TRUE(run(&f, "payments"));
    CU_ASSERT_TRUE(f.result.success);
    CU_ASSERT_PTR_NOT_NULL(f.result.data);
    CU_ASSERT_EQUAL(f.result.attempts, 1);
    CU_ASSERT_DOUBLE_EQUAL(f.result.latency_ms, 10.0, 1e-9);
    CU_ASSERT_STRING_EQUAL(f.result.connection_id, "c1");
    CU_ASSERT_EQUAL(f.result.ownership_mode, CS_OWNERSHIP_BYOK);
    CU_ASSERT_STRING_EQUAL(f.result.error_code, "");
    CU_ASSERT_PTR_NULL(f.result.error_message);
    CU_ASSERT_EQUAL(f.exec.last_attempt, 1);
    CU_ASSERT_STRING_EQUAL(f.exec.seen_secrets, "secret=sk_live;");
    CU_ASSERT_EQUAL_FATAL(f.capture.count, 1);
    captured_event *e = &f.capture.events[0];
    CU_ASSERT_EQUAL(e->status, CS_TELEMETRY_SUCCESS);
    CU_ASSERT_STRING_EQUAL(e->tenant_id, "t1");
    CU_ASSERT_STRING_EQUAL(e->app_id, "app1");
    CU_ASSERT_STRING_EQUAL(e->environment, "sandbox");
    CU_ASSERT_STRING_EQUAL(e->slot_id, "payments");
    CU_ASSERT_STRING_EQUAL(e->integration_key, "payments.stripe");
    CU_ASSERT_STRING_EQUAL(e->integration_version, "2.0.0");
    CU_ASSERT_STRING_EQUAL(e->connection_id, "c1");
    CU_ASSERT_TRUE(e->has_duration);
    CU_ASSERT_DOUBLE_EQUAL(e->duration_ms, 10.0, 1e-9);
    CU_ASSERT_PTR_NULL(e->error_code);
    CU_ASSERT_PTR_NULL(e->error_message);
    CU_ASSERT_EQUAL(e->occurred_at_ms, f.clock.now_ms);
    CU_ASSERT_STRING_EQUAL(capture_meta(&f.capture, 0, "blueprint"), "bp.v1.0.0");
    CU_ASSERT_STRING_EQUAL(capture_meta(&f.capture, 0, "configVersion"), "7");
    CU_ASSERT_STRING_EQUAL(capture_meta(&f.capture, 0, "operation"), "payments.charge");
    teardown(&f);
}

static void test_retry_then_success_latency_is_cumulative(void)
{
    fixture f;
    setup(&f, CS_CONNECTION_CONNECTED, "sk");
    f.exec.fail_times = 2;
    f.exec.retryable = true;
    f.exec.code = "rate_limited";
    CU_ASSERT_TRUE(run(&f, "payments"));
    CU_ASSERT_EQUAL(f.result.attempts, 3);
    CU_ASSERT_EQUAL(f.exec.last_attempt, 3);
    /* 10 work + 250 sleep + 10 + 250 + 10 */
    CU_ASSERT_DOUBLE_EQUAL(f.result.latency_ms, 530.0, 1e-9);
    CU_ASSERT_EQUAL(cJSON_GetObjectItem(f.result.data, "attempt")->valueint, 3);
    CU_ASSERT_EQUAL_FATAL(f.capture.count, 3);
    CU_ASSERT_EQUAL(f.capture.events[0].status, CS_TELEMETRY_ERROR);
    CU_ASSERT_DOUBLE_EQUAL(f.capture.events[0].duration_ms, 10.0, 1e-9);
    CU_ASSERT_STRING_EQUAL(f.capture.events[0].error_code, "rate_limited");
    CU_ASSERT_STRING_EQUAL(f.capture.events[0].error_message, "boom");
    CU_ASSERT_EQUAL(f.capture.events[1].status, CS_TELEMETRY_ERROR);
    CU_ASSERT_DOUBLE_EQUAL(f.capture.events[1].duration_ms, 270.0, 1e-9);
    CU_ASSERT_EQUAL(f.capture.events[2].status, CS_TELEMETRY_SUCCESS);
    CU_ASSERT_DOUBLE_EQUAL(f.capture.events[2].duration_ms, 530.0, 1e-9);
    teardown(&f);
}

static void test_secrets_fetched_once(void)
{
    fixture f;
    setup(&f, CS_CONNECTION_CONNECTED, "sk");
    f.exec.fail_times = 2;
    f.exec.retryable = true;
    CU_ASSERT_TRUE(run(&f, "payments"));
    CU_ASSERT_EQUAL(atomic_load(&f.provider.get_calls), 1);
    CU_ASSERT_EQUAL(atomic_load(&f.provider.can_handle_calls), 1);
    teardown(&f);
}

static void test_non_retryable_stops(void)
{
    fixture f;
    setup(&f, CS_CONNECTION_CONNECTED, "sk");
    f.exec.fail_times = -1;
    f.exec.code = "card_declined";
    f.exec.message = "Your card was declined.";
    CU_ASSERT_FALSE(run(&f, "payments"));
    CU_ASSERT_EQUAL(f.result.attempts, 1);
    CU_ASSERT_FALSE(f.result.retryable);
    CU_ASSERT_STRING_EQUAL(f.result.error_code, "card_declined");
    CU_ASSERT_STRING_EQUAL(f.result.error_message, "Your card was declined.");
    CU_ASSERT_DOUBLE_EQUAL(f.result.latency_ms, 10.0, 1e-9);
    CU_ASSERT_STRING_EQUAL(f.result.connection_id, "c1");
    CU_ASSERT_EQUAL(f.capture.count, 1);
    CU_ASSERT_EQUAL(f.clock.sleeps, 0);
    teardown(&f);
}

static void test_exhausted_retryable_reports_retryable(void)
{
    fixture f;
    setup(&f, CS_CONNECTION_CONNECTED, "sk");
    f.exec.fail_times = -1;
    f.exec.retryable = true;
    CU_ASSERT_FALSE(run(&f, "payments"));
    CU_ASSERT_EQUAL(f.result.attempts, 3);
    CU_ASSERT_TRUE(f.result.retryable);
    /* no string code → PROVIDER_ERROR; one error event per failed attempt */
    CU_ASSERT_STRING_EQUAL(f.result.error_code, "PROVIDER_ERROR");
    CU_ASSERT_TRUE(cs_result_is(&f.result, CS_STATUS_PROVIDER_ERROR));
    CU_ASSERT_EQUAL_FATAL(f.capture.count, 3);
    for (size_t i = 0; i < 3; i++) {
        CU_ASSERT_EQUAL(f.capture.events[i].status, CS_TELEMETRY_ERROR);
        CU_ASSERT_STRING_EQUAL(f.capture.events[i].error_code, "PROVIDER_ERROR");
    }
    CU_ASSERT_DOUBLE_EQUAL(f.result.latency_ms, 530.0, 1e-9);
    teardown(&f);
}

static unsigned predicate_calls[8];
static size_t predicate_count;

static bool retry_first_only(const cs_call_error *error, unsigned attempt, void *user)
{
    CU_ASSERT_STRING_EQUAL(error->code, "E1");
    CU_ASSERT_PTR_EQUAL(user, predicate_calls);
    if (predicate_count < 8)
        predicate_calls[predicate_count++] = attempt;
    return attempt < 2;
}

static void test_retry_predicate_hook(void)
{
    fixture f;
    setup(&f, CS_CONNECTION_CONNECTED, "sk");
    f.exec.fail_times = -1;
    f.exec.retryable = false;   /* ignored: the hook decides */
    f.exec.code = "E1";
    f.options.should_retry = retry_first_only;
    f.options.retry_user = predicate_calls;
    predicate_count = 0;
    CU_ASSERT_FALSE(run(&f, "payments"));
    CU_ASSERT_EQUAL(f.result.attempts, 2);
    CU_ASSERT_FALSE(f.result.retryable);
    CU_ASSERT_EQUAL_FATAL(predicate_count, 2);
    CU_ASSERT_EQUAL(predicate_calls[0], 1);
    CU_ASSERT_EQUAL(predicate_calls[1], 2);
    teardown(&f);
}

static void test_slot_not_bound(void)
{
    fixture f;
    setup(&f, CS_CONNECTION_CONNECTED, "sk");
    CU_ASSERT_FALSE(run(&f, "crm"));
    CU_ASSERT_TRUE(cs_result_is(&f.result, CS_STATUS_SLOT_NOT_BOUND));
    CU_ASSERT_STRING_EQUAL(f.result.error_code, "SLOT_NOT_BOUND");
    CU_ASSERT_PTR_NOT_NULL(strstr(f.result.error_message, "\"crm\""));
    CU_ASSERT_PTR_NOT_NULL(strstr(f.result.error_message, "\"t1\""));
    CU_ASSERT_FALSE(f.result.retryable);
    CU_ASSERT_STRING_EQUAL(f.result.connection_id, "unknown");
    CU_ASSERT_EQUAL(f.result.ownership_mode, CS_OWNERSHIP_MANAGED);
    CU_ASSERT_EQUAL(f.result.attempts, 0);
    CU_ASSERT_DOUBLE_EQUAL(f.result.latency_ms, 0.0, 1e-12);
    CU_ASSERT_EQUAL(f.capture.count, 0);
    CU_ASSERT_EQUAL(atomic_load(&f.exec.calls), 0);
    CU_ASSERT_EQUAL(atomic_load(&f.provider.can_handle_calls), 0);
    teardown(&f);
}

static void test_connection_not_ready(void)
{
    cs_connection_status statuses[] = {CS_CONNECTION_DISCONNECTED, CS_CONNECTION_ERROR};
    const char *names[] = {"disconnected", "error"};
    for (size_t i = 0; i < 2; i++) {
        fixture f;
        setup(&f, statuses[i], "sk");
        CU_ASSERT_FALSE(run(&f, "payments"));
        CU_ASSERT_STRING_EQUAL(f.result.error_code, "CONNECTION_NOT_READY");
        CU_ASSERT_PTR_NOT_NULL(strstr(f.result.error_message, "Stripe live"));
        CU_ASSERT_PTR_NOT_NULL(strstr(f.result.error_message, names[i]));
        CU_ASSERT_FALSE(f.result.retryable);
        CU_ASSERT_EQUAL(f.result.attempts, 0);
        CU_ASSERT_DOUBLE_EQUAL(f.result.latency_ms, 0.0, 1e-12);
        CU_ASSERT_STRING_EQUAL(f.result.connection_id, "c1");
        CU_ASSERT_EQUAL(f.result.ownership_mode, CS_OWNERSHIP_BYOK);
        CU_ASSERT_EQUAL(atomic_load(&f.exec.calls), 0);
        CU_ASSERT_EQUAL(atomic_load(&f.provider.get_calls), 0);
        CU_ASSERT_EQUAL_FATAL(f.capture.count, 1);
        CU_ASSERT_EQUAL(f.capture.events[0].status, CS_TELEMETRY_ERROR);
        CU_ASSERT_TRUE(f.capture.events[0].has_duration);
        CU_ASSERT_DOUBLE_EQUAL(f.capture.events[0].duration_ms, 0.0, 1e-12);
        CU_ASSERT_STRING_EQUAL(f.capture.events[0].error_code, "CONNECTION_NOT_READY");
        CU_ASSERT_STRING_EQUAL(f.capture.events[0].error_message, f.result.error_message);
        teardown(&f);
    }
}

static void test_unknown_status_continues(void)
{
    fixture f;
    setup(&f, CS_CONNECTION_UNKNOWN, "sk");
    CU_ASSERT_TRUE(run(&f, "payments"));
    CU_ASSERT_EQUAL(atomic_load(&f.exec.calls), 1);
    teardown(&f);
}

static void test_first_binding_wins(void)
{
    fixture f;
    setup(&f, CS_CONNECTION_DISCONNECTED, "sk");
    cs_connection_params cp = {0};
    cp.id = "c2";
    cp.tenant_id = "t1";
    cp.integration_key = "payments.adyen";
    cp.integration_version = "1.0.0";
    cp.secret_ref = "env://ADYEN";
    cp.status = CS_CONNECTION_CONNECTED;
    CU_ASSERT_EQUAL(cs_app_config_add_connection(f.config, cs_connection_new(&cp, NULL), NULL), CS_STATUS_OK);
    CU_ASSERT_EQUAL(cs_app_config_bind(f.config, "payments", "c2", NULL), CS_STATUS_OK);
    /* c1 (first, disconnected) is used; no fall-back to c2. */
    CU_ASSERT_FALSE(run(&f, "payments"));
    CU_ASSERT_STRING_EQUAL(f.result.error_code, "CONNECTION_NOT_READY");
    CU_ASSERT_STRING_EQUAL(f.result.connection_id, "c1");
    teardown(&f);
}

static void test_secret_unavailable_cannot_handle(void)
{
    fixture f;
    setup(&f, CS_CONNECTION_CONNECTED, "sk");
    f.provider.handles = false;
    CU_ASSERT_FALSE(run(&f, "payments"));
    CU_ASSERT_TRUE(cs_result_is(&f.result, CS_STATUS_SECRET_UNAVAILABLE));
    CU_ASSERT_PTR_NOT_NULL(strstr(f.result.error_message, "env://STRIPE"));
    CU_ASSERT_PTR_NOT_NULL(strstr(f.result.error_message, "UNKNOWN"));
    CU_ASSERT_FALSE(f.result.retryable);
    CU_ASSERT_EQUAL(f.result.attempts, 0);
    CU_ASSERT_STRING_EQUAL(f.result.connection_id, "c1");
    CU_ASSERT_EQUAL(atomic_load(&f.provider.get_calls), 0);
    CU_ASSERT_EQUAL(atomic_load(&f.exec.calls), 0);
    CU_ASSERT_EQUAL_FATAL(f.capture.count, 1);
    CU_ASSERT_STRING_EQUAL(f.capture.events[0].error_code, "SECRET_UNAVAILABLE");
    CU_ASSERT_DOUBLE_EQUAL(f.capture.events[0].duration_ms, 0.0, 1e-12);
    teardown(&f);
}

static void test_secret_unavailable_get_fails(void)
{
    cs_secret_code codes[] = {CS_SECRET_NOT_FOUND, CS_SECRET_FORBIDDEN};
    const char *names[] = {"NOT_FOUND", "FORBIDDEN"};
    for (size_t i = 0; i < 2; i++) {
        fixture f;
        setup(&f, CS_CONNECTION_CONNECTED, "sk");
        f.provider.fail_code = codes[i];
        CU_ASSERT_FALSE(run(&f, "payments"));
        CU_ASSERT_STRING_EQUAL(f.result.error_code, "SECRET_UNAVAILABLE");
        CU_ASSERT_PTR_NOT_NULL(strstr(f.result.error_message, "env://STRIPE"));
        CU_ASSERT_PTR_NOT_NULL(strstr(f.result.error_message, names[i]));
        CU_ASSERT_EQUAL(atomic_load(&f.provider.get_calls), 1);
        CU_ASSERT_EQUAL(atomic_load(&f.exec.calls), 0);
        CU_ASSERT_EQUAL(f.capture.count, 1);
        teardown(&f);
    }
}

static void test_json_secret_members(void)
{
    fixture f;
    setup(&f, CS_CONNECTION_CONNECTED, "{\"apiKey\":\"k\",\"n\":1,\"f\":1.5,\"live\":true,\"o\":{\"x\":1},\"z\":null}");
    CU_ASSERT_TRUE(run(&f, "payments"));
    CU_ASSERT_STRING_EQUAL(f.exec.seen_secrets, "apiKey=k;n=1;f=1.5;live=true;");
    teardown(&f);
}

static uint32_t fixed_random(void *user, uint32_t bound)
{
    uint32_t value = *(uint32_t *)user;
    return value < bound ? value : bound - 1;
}

static void test_exponential_backoff_with_jitter_and_cap(void)
{
    fake_provider provider;
    fake_provider_init(&provider, "sk");
    cs_guard_options options;
    cs_guard_options_init(&options);
    options.backoff = CS_BACKOFF_EXPONENTIAL;
    options.backoff_ms = 100;
    options.backoff_max_ms = 1000;
    uint32_t pick = UINT32_MAX;   /* clamped to the top of the range */
    options.random_uniform = fixed_random;
    options.random_user = &pick;
    cs_guard *guard = cs_guard_new(&provider.base, &options);
    int64_t full[] = {100, 200, 400, 800, 1000, 1000};
    for (unsigned retry = 1; retry <= 6; retry++)
        CU_ASSERT_EQUAL(cs_guard_backoff_delay_ms(guard, retry), full[retry - 1]);
    pick = 0;   /* the bottom of the range: half the delay */
    for (unsigned retry = 1; retry <= 6; retry++)
        CU_ASSERT_EQUAL(cs_guard_backoff_delay_ms(guard, retry), full[retry - 1] / 2);
    cs_guard_free(guard);
    /* the default random source stays within [d/2, d] */
    options.random_uniform = NULL;
    guard = cs_guard_new(&provider.base, &options);
    for (int i = 0; i < 200; i++) {
        int64_t delay = cs_guard_backoff_delay_ms(guard, 3);
        CU_ASSERT_TRUE(delay >= 200 && delay <= 400);
    }
    cs_guard_free(guard);
}

static void test_exponential_backoff_sleeps(void)
{
    fixture f;
    setup(&f, CS_CONNECTION_CONNECTED, "sk");
    uint32_t pick = UINT32_MAX;
    f.options.backoff = CS_BACKOFF_EXPONENTIAL;
    f.options.backoff_ms = 100;
    f.options.max_attempts = 4;
    f.options.random_uniform = fixed_random;
    f.options.random_user = &pick;
    f.exec.fail_times = -1;
    f.exec.retryable = true;
    CU_ASSERT_FALSE(run(&f, "payments"));
    CU_ASSERT_EQUAL_FATAL(f.clock.sleeps, 3);
    CU_ASSERT_EQUAL(f.clock.slept_ms[0], 100);
    CU_ASSERT_EQUAL(f.clock.slept_ms[1], 200);
    CU_ASSERT_EQUAL(f.clock.slept_ms[2], 400);
    teardown(&f);
}

static void test_zero_backoff_never_sleeps(void)
{
    fixture f;
    setup(&f, CS_CONNECTION_CONNECTED, "sk");
    f.options.backoff_ms = 0;
    f.exec.fail_times = -1;
    f.exec.retryable = true;
    CU_ASSERT_FALSE(run(&f, "payments"));
    CU_ASSERT_EQUAL(f.result.attempts, 3);
    CU_ASSERT_EQUAL(f.clock.sleeps, 0);
    teardown(&f);
}

static void test_failing_emitter_never_fails_call(void)
{
    fixture f;
    setup(&f, CS_CONNECTION_CONNECTED, "sk");
    f.capture.fail = true;
    CU_ASSERT_TRUE(run(&f, "payments"));
    CU_ASSERT_TRUE(f.result.success);
    CU_ASSERT_EQUAL(f.capture.count, 1);
    teardown(&f);
}

static void test_failure_output_is_discarded(void)
{
    fixture f;
    setup(&f, CS_CONNECTION_CONNECTED, "sk");
    f.exec.fail_times = -1;
    f.exec.leave_data_on_failure = true;
    CU_ASSERT_FALSE(run(&f, "payments"));
    CU_ASSERT_PTR_NULL(f.result.data);
    teardown(&f);
}

static void test_secret_values_redacted_from_errors(void)
{
    fixture f;
    setup(&f, CS_CONNECTION_CONNECTED, "{\"token\":\"tok_ABCDEFGH\",\"mode\":\"true\"}");
    f.exec.fail_times = -1;
    f.exec.code = "bad_tok_ABCDEFGH";
    f.exec.message = "request with tok_ABCDEFGH failed; again tok_ABCDEFGH; flag true";
    CU_ASSERT_FALSE(run(&f, "payments"));
    CU_ASSERT_STRING_EQUAL(f.result.error_message, "request with [redacted] failed; again [redacted]; flag true");
    CU_ASSERT_STRING_EQUAL(f.result.error_code, "bad_[redacted]");
    CU_ASSERT_STRING_EQUAL(f.capture.events[0].error_message, f.result.error_message);
    teardown(&f);
}

static void test_invalid_arguments(void)
{
    fixture f;
    setup(&f, CS_CONNECTION_CONNECTED, "sk");
    cs_guard *guard = cs_guard_new(&f.provider.base, &f.options);
    CU_ASSERT_FALSE(cs_guard_execute(guard, "payments", "op", f.config, NULL, NULL, &f.result));
    CU_ASSERT_TRUE(cs_result_is(&f.result, CS_STATUS_INVALID_ARGUMENT));
    CU_ASSERT_FALSE(cs_guard_execute(NULL, "payments", "op", f.config, script_executor, &f.exec, &f.result));
    CU_ASSERT_TRUE(cs_result_is(&f.result, CS_STATUS_INVALID_ARGUMENT));
    CU_ASSERT_FALSE(cs_guard_execute(guard, "payments", "op", f.config, script_executor, &f.exec, NULL));
    CU_ASSERT_PTR_NULL(cs_guard_new(NULL, NULL));
    cs_guard_free(guard);
    cs_guard_free(NULL);
    teardown(&f);
}

static void test_result_reuse_and_no_operation(void)
{
    fixture f;
    setup(&f, CS_CONNECTION_CONNECTED, "sk");
    cs_guard *guard = cs_guard_new(&f.provider.base, &f.options);
    /* executing into a filled result releases the old contents first */
    CU_ASSERT_TRUE(cs_guard_execute(guard, "payments", NULL, f.config, script_executor, &f.exec, &f.result));
    CU_ASSERT_TRUE(cs_guard_execute(guard, "payments", NULL, f.config, script_executor, &f.exec, &f.result));
    CU_ASSERT_EQUAL(f.capture.count, 2);
    CU_ASSERT_PTR_NULL(capture_meta(&f.capture, 0, "operation"));
    CU_ASSERT_STRING_EQUAL(capture_meta(&f.capture, 0, "blueprint"), "bp.v1.0.0");
    cs_guard_free(guard);
    teardown(&f);
}

int main(void)
{
    CU_TestInfo tests[] = {
        {"defaults: 3 attempts, fixed 250 ms", test_defaults},
        {"max attempts below 1 become 1", test_max_attempts_below_one},
        {"success on the first attempt", test_success_first_attempt},
        {"retries; latency cumulative incl. back-off", test_retry_then_success_latency_is_cumulative},
        {"secrets fetched once for all attempts", test_secrets_fetched_once},
        {"non-retryable error stops at once", test_non_retryable_stops},
        {"exhausted retryable error reports retryable", test_exhausted_retryable_reports_retryable},
        {"retry predicate hook decides", test_retry_predicate_hook},
        {"SLOT_NOT_BOUND: no executor, no telemetry", test_slot_not_bound},
        {"CONNECTION_NOT_READY: one event, duration 0", test_connection_not_ready},
        {"status unknown continues", test_unknown_status_continues},
        {"slot lookup takes the first binding", test_first_binding_wins},
        {"SECRET_UNAVAILABLE when no provider can handle", test_secret_unavailable_cannot_handle},
        {"SECRET_UNAVAILABLE when get fails", test_secret_unavailable_get_fails},
        {"JSON secret members reach the executor", test_json_secret_members},
        {"exponential back-off: jitter and cap", test_exponential_backoff_with_jitter_and_cap},
        {"exponential back-off sleeps", test_exponential_backoff_sleeps},
        {"zero back-off never sleeps", test_zero_backoff_never_sleeps},
        {"a failing emitter never fails the call", test_failing_emitter_never_fails_call},
        {"failure output is discarded", test_failure_output_is_discarded},
        {"secret values are redacted from errors", test_secret_values_redacted_from_errors},
        {"invalid arguments", test_invalid_arguments},
        {"result reuse; no operation metadata", test_result_reuse_and_no_operation},
        CU_TEST_INFO_NULL,
    };
    return support_run_suite("guard", tests);
}
