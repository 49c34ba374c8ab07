/* Test doubles for the runtime core: a scripted secret provider, a manual
 * clock, a capturing telemetry emitter and a scripted executor. */
#ifndef RUNTIME_CORE_FAKES_H
#define RUNTIME_CORE_FAKES_H

#include <stdatomic.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <CUnit/CUnit.h>

#include "contractc/connection.h"
#include "contractc/guard.h"
#include "contractc/secrets.h"
#include "contractc/telemetry.h"
#include "cunit_run.h" /* support_run_suite: every suite's main */

/* ---- secret provider ---- */
typedef struct fake_provider {
    cs_secret_provider base;
    const char *value;          /* returned by get */
    bool handles;               /* can_handle answer */
    cs_secret_code fail_code;   /* CS_SECRET_OK: get succeeds */
    atomic_int get_calls;
    atomic_int can_handle_calls;
} fake_provider;

void fake_provider_init(fake_provider *provider, const char *value);

/* ---- clock ---- */
typedef struct fake_clock {
    atomic_uint_fast64_t monotonic_ns;
    int64_t now_ms;
    unsigned sleeps;
    uint64_t slept_ms[16];
} fake_clock;

void fake_clock_init(fake_clock *clock);
cs_clock fake_clock_bind(fake_clock *clock);
void fake_clock_advance_ms(fake_clock *clock, uint64_t ms);

/* ---- capturing emitter ---- */
#define CAPTURE_MAX 32
typedef struct captured_event {
    char *tenant_id, *app_id, *environment, *slot_id, *integration_key, *integration_version, *connection_id;
    cs_telemetry_status status;
    bool has_duration;
    double duration_ms;
    char *error_code, *error_message;
    int64_t occurred_at_ms;
    size_t metadata_count;
    char *meta_keys[4];
    char *meta_values[4];
} captured_event;

typedef struct capture_emitter {
    cs_telemetry_emitter base;
    size_t count;
    captured_event events[CAPTURE_MAX];
    bool fail;                  /* record returns false */
} capture_emitter;

void capture_init(capture_emitter *capture);
void capture_clear(capture_emitter *capture);
/* The metadata value for key in event i, or NULL. */
const char *capture_meta(const capture_emitter *capture, size_t index, const char *key);

/* ---- executor ---- */
typedef struct script {
    int fail_times;             /* failures before success; < 0: always fail */
    const char *code;           /* error code set on failure ("" none) */
    const char *message;
    bool retryable;
    fake_clock *clock;          /* advanced by work_ms per call when set */
    uint64_t work_ms;
    atomic_int calls;
    unsigned last_attempt;
    char seen_secrets[512];     /* "k=v;" pairs the executor saw */
    bool leave_data_on_failure; /* sets out->data on failure too */
} script;

void script_init(script *s);
bool script_executor(const cs_call_context *context, void *user_data, cs_call_output *out, cs_call_error *err);

/* An app config with tenant t1, app app1, sandbox, blueprint bp v1.0.0,
 * config version 7, connection c1 (stripe 2.0.0, label "Stripe live",
 * secret ref env://STRIPE) bound to slot "payments". */
cs_app_config *make_config(cs_connection_status status);

#endif
