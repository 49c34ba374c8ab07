/* Test doubles for the runtime core. */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <CUnit/Basic.h>

#include "fakes.h"

/* ---- provider ---- */

static bool fake_can_handle(cs_secret_provider *self, const char *reference)
{
    fake_provider *provider = (fake_provider *)self;
    atomic_fetch_add(&provider->can_handle_calls, 1);
    return provider->handles && reference != NULL;
}

static cs_secret_code fake_get(cs_secret_provider *self, const char *reference, const char *version,
                               cs_secret_value *out, cs_secret_error *err)
{
    fake_provider *provider = (fake_provider *)self;
    (void)version;
    atomic_fetch_add(&provider->get_calls, 1);
    if (provider->fail_code != CS_SECRET_OK) {
        err->code = provider->fail_code;
        snprintf(err->provider, sizeof err->provider, "fake");
        snprintf(err->message, sizeof err->message, "fake failure for %s", reference);
        return provider->fail_code;
    }
    size_t len = strlen(provider->value);
    out->data = malloc(len + 1);
    if (!out->data) {
        err->code = CS_SECRET_UNKNOWN;
        return CS_SECRET_UNKNOWN;
    }
    memcpy(out->data, provider->value, len + 1);
    out->len = len;
    return CS_SECRET_OK;
}

static const cs_secret_provider_ops fake_ops = {fake_can_handle, fake_get, NULL, NULL, NULL, NULL};

void fake_provider_init(fake_provider *provider, const char *value)
{
    provider->base.id = "fake";
    provider->base.ops = &fake_ops;
    provider->value = value;
    provider->handles = true;
    provider->fail_code = CS_SECRET_OK;
    atomic_init(&provider->get_calls, 0);
    atomic_init(&provider->can_handle_calls, 0);
}

/* ---- clock ---- */

static int64_t fake_now(void *user)
{
    return ((fake_clock *)user)->now_ms;
}

static uint64_t fake_monotonic(void *user)
{
    return atomic_load(&((fake_clock *)user)->monotonic_ns);
}

static void fake_sleep(void *user, uint64_t ms)
{
    fake_clock *clock = user;
    if (clock->sleeps < 16)
        clock->slept_ms[clock->sleeps] = ms;
    clock->sleeps++;
    fake_clock_advance_ms(clock, ms);
}

void fake_clock_init(fake_clock *clock)
{
    memset(clock, 0, sizeof *clock);
    atomic_init(&clock->monotonic_ns, 1000000000u);
    clock->now_ms = 1767225600123;   /* 2026-01-01T00:00:00.123Z */
}

cs_clock fake_clock_bind(fake_clock *clock)
{
    cs_clock bound = {fake_now, fake_monotonic, fake_sleep, clock};
    return bound;
}

void fake_clock_advance_ms(fake_clock *clock, uint64_t ms)
{
    atomic_fetch_add(&clock->monotonic_ns, ms * 1000000u);
}

/* ---- capture ---- */

static char *copy(const char *text)
{
    return text ? strdup(text) : NULL;
}

static bool capture_record(cs_telemetry_emitter *self, const cs_telemetry_event *event)
{
    capture_emitter *capture = (capture_emitter *)self;
    if (capture->count >= CAPTURE_MAX)
        return false;
    captured_event *e = &capture->events[capture->count++];
    e->tenant_id = copy(event->tenant_id);
    e->app_id = copy(event->app_id);
    e->environment = copy(event->environment);
    e->slot_id = copy(event->slot_id);
    e->integration_key = copy(event->integration_key);
    e->integration_version = copy(event->integration_version);
    e->connection_id = copy(event->connection_id);
    e->status = event->status;
    e->has_duration = event->has_duration;
    e->duration_ms = event->duration_ms;
    e->error_code = copy(event->error_code);
    e->error_message = copy(event->error_message);
    e->occurred_at_ms = event->occurred_at_ms;
    e->metadata_count = event->metadata_count;
    for (size_t i = 0; i < event->metadata_count && i < 4; i++) {
        e->meta_keys[i] = copy(event->metadata[i].key);
        e->meta_values[i] = copy(event->metadata[i].string_value);
    }
    return !capture->fail;
}

static const cs_telemetry_emitter_ops capture_ops = {capture_record, NULL};

void capture_init(capture_emitter *capture)
{
    memset(capture, 0, sizeof *capture);
    capture->base.ops = &capture_ops;
}

void capture_clear(capture_emitter *capture)
{
    for (size_t i = 0; i < capture->count; i++) {
        captured_event *e = &capture->events[i];
        free(e->tenant_id);
        free(e->app_id);
        free(e->environment);
        free(e->slot_id);
        free(e->integration_key);
        free(e->integration_version);
        free(e->connection_id);
        free(e->error_code);
        free(e->error_message);
        for (size_t j = 0; j < e->metadata_count && j < 4; j++) {
            free(e->meta_keys[j]);
            free(e->meta_values[j]);
        }
    }
    bool fail = capture->fail;
    capture_init(capture);
    capture->fail = fail;
}

const char *capture_meta(const capture_emitter *capture, size_t index, const char *key)
{
    const captured_event *e = &capture->events[index];
    for (size_t i = 0; i < e->metadata_count && i < 4; i++) {
        if (strcmp(e->meta_keys[i], key) == 0)
            return e->meta_values[i];
    }
    return NULL;
}

/* ---- executor ---- */

void script_init(script *s)
{
    memset(s, 0, sizeof *s);
    s->code = "";
    s->message = "boom";
    atomic_init(&s->calls, 0);
}

bool script_executor(const cs_call_context *context, void *user_data, cs_call_output *out, cs_call_error *err)
{
    script *s = user_data;
    int call = atomic_fetch_add(&s->calls, 1) + 1;
    s->last_attempt = context->attempt;
    if (s->clock)
        fake_clock_advance_ms(s->clock, s->work_ms);
    size_t used = 0;
    s->seen_secrets[0] = '\0';
    for (size_t i = 0; i < context->secrets->count; i++) {
        int n = snprintf(s->seen_secrets + used, sizeof s->seen_secrets - used, "%s=%s;",
                         context->secrets->entries[i].key, context->secrets->entries[i].value);
        if (n < 0 || (size_t)n >= sizeof s->seen_secrets - used)
            break;
        used += (size_t)n;
    }
    if (s->fail_times < 0 || call <= s->fail_times) {
        snprintf(err->code, sizeof err->code, "%s", s->code);
        snprintf(err->message, sizeof err->message, "%s", s->message);
        err->retryable = s->retryable;
        if (s->leave_data_on_failure)
            out->data = cJSON_CreateString("partial");
        return false;
    }
    out->data = cJSON_CreateObject();
    cJSON_AddNumberToObject(out->data, "attempt", context->attempt);
    return true;
}

cs_app_config *make_config(cs_connection_status status)
{
    cs_app_config_params params = {"t1", "app1", true, CS_ENVIRONMENT_SANDBOX, "bp", "1.0.0", "7"};
    cs_app_config *config = cs_app_config_new(&params, NULL);
    cs_connection_params cp = {0};
    cp.id = "c1";
    cp.tenant_id = "t1";
    cp.integration_key = "payments.stripe";
    cp.integration_version = "2.0.0";
    cp.label = "Stripe live";
    cp.ownership_mode = CS_OWNERSHIP_BYOK;
    cp.secret_ref = "env://STRIPE";
    cp.status = status;
    cs_app_config_add_connection(config, cs_connection_new(&cp, NULL), NULL);
    cs_app_config_bind(config, "payments", "c1", NULL);
    return config;
}
