/* The call guard: ContractSpec's executeWithGuards, step by step. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "contractc/guard.h"
#include "status_format.h"

struct cs_guard {
    cs_secret_provider *secrets;
    cs_guard_options options;
};

void cs_guard_options_init(cs_guard_options *options)
{
    if (!options)
        return;
    memset(options, 0, sizeof *options);
    options->max_attempts = 3;
    options->backoff = CS_BACKOFF_FIXED;
    options->backoff_ms = 250;
    options->backoff_max_ms = 30000;
}

cs_guard *cs_guard_new(cs_secret_provider *secrets, const cs_guard_options *options)
{
    if (!secrets)
        return NULL;
    /* randombytes_uniform needs libsodium initialised; doing it here keeps
     * cs_guard_execute free of one-time setup. */
    if (sodium_init() < 0)
        return NULL;
    cs_guard *guard = calloc(1, sizeof *guard);
    if (!guard)
        return NULL;
    guard->secrets = secrets;
    if (options)
        guard->options = *options;
    else
        cs_guard_options_init(&guard->options);
    if (guard->options.max_attempts < 1)
        guard->options.max_attempts = 1;
    return guard;
}

void cs_guard_free(cs_guard *guard)
{
    free(guard);
}

int64_t cs_guard_backoff_delay_ms(const cs_guard *guard, unsigned retry)
{
    if (!guard || guard->options.backoff_ms <= 0)
        return 0;
    const cs_guard_options *options = &guard->options;
    if (options->backoff != CS_BACKOFF_EXPONENTIAL)
        return options->backoff_ms;
    int64_t cap = options->backoff_max_ms > 0 ? options->backoff_max_ms : options->backoff_ms;
    int64_t delay = options->backoff_ms;
    for (unsigned i = 1; i < retry && delay < cap; i++)
        delay *= 2;
    if (delay > cap)
        delay = cap;
    int64_t half = delay / 2;
    uint64_t span = (uint64_t)(delay - half) + 1;
    uint32_t bound = span > UINT32_MAX ? UINT32_MAX : (uint32_t)span;
    uint32_t jitter = options->random_uniform ? options->random_uniform(options->random_user, bound)
                                              : randombytes_uniform(bound);
    return half + (int64_t)(jitter % bound);
}

/* ---- telemetry ---- */

typedef struct call_scope {
    const cs_guard *guard;
    const cs_app_config *config;
    const cs_connection *connection;
    const char *slot;
    const char *operation;
} call_scope;

static void emit(const call_scope *scope, cs_telemetry_status status, double duration_ms,
                 const char *code, const char *message)
{
    cs_telemetry_emitter *emitter = scope->guard->options.telemetry;
    if (!emitter)
        return;
    const cs_app_config *config = scope->config;
    cs_telemetry_meta metadata[3] = {
        {"blueprint", CS_TELEMETRY_STRING, cs_app_config_blueprint_ref(config), 0, false},
        {"configVersion", CS_TELEMETRY_STRING, cs_app_config_config_version(config), 0, false},
        {"operation", CS_TELEMETRY_STRING, scope->operation, 0, false},
    };
    cs_environment environment;
    bool has_environment = cs_app_config_environment(config, &environment);
    cs_telemetry_event event = {
        .tenant_id = cs_app_config_tenant_id(config),
        .app_id = cs_app_config_app_id(config),
        .environment = has_environment ? cs_environment_name(environment) : NULL,
        .slot_id = scope->slot,
        .integration_key = cs_connection_integration_key(scope->connection),
        .integration_version = cs_connection_integration_version(scope->connection),
        .connection_id = cs_connection_id(scope->connection),
        .status = status,
        .has_duration = true,
        .duration_ms = duration_ms,
        .error_code = code,
        .error_message = message,
        .occurred_at_ms = cs_clock_now_ms(&scope->guard->options.clock),
        .metadata = metadata,
        .metadata_count = scope->operation ? 3 : 2,
    };
    /* The emitter's answer is deliberately ignored: telemetry never fails a call. */
    (void)cs_telemetry_record(emitter, &event);
}

/* ---- results ---- */

static void fill_metadata(cs_result *result, const cs_connection *connection, double latency_ms,
                          unsigned attempts)
{
    result->latency_ms = latency_ms;
    result->attempts = attempts;
    result->connection_id = cs_strdup(connection ? cs_connection_id(connection) : "unknown");
    result->ownership_mode = connection ? cs_connection_ownership_mode(connection) : CS_OWNERSHIP_MANAGED;
}

static bool fail(cs_result *result, const char *code, const char *message, bool retryable)
{
    result->success = false;
    snprintf(result->error_code, sizeof result->error_code, "%s", code);
    result->error_message = cs_strdup(message);
    result->retryable = retryable;
    return false;
}

/* ---- redaction ---- */

/* Replaces every occurrence of each long enough secret value in text
 * (capacity bytes) with "[redacted]", truncating if the text grows. */
static void redact(char *text, size_t capacity, const cs_secret_map *secrets)
{
    static const char mask[] = "[redacted]";
    for (size_t i = 0; i < secrets->count; i++) {
        const char *value = secrets->entries[i].value;
        size_t value_len = strlen(value);
        if (value_len < CS_GUARD_REDACT_MIN)
            continue;
        char *found = strstr(text, value);
        while (found) {
            size_t offset = (size_t)(found - text);
            size_t tail = strlen(found + value_len);
            size_t room = capacity - 1 - offset;
            size_t mask_len = sizeof mask - 1 < room ? sizeof mask - 1 : room;
            size_t kept_tail = tail < room - mask_len ? tail : room - mask_len;
            memmove(found + mask_len, found + value_len, kept_tail);
            memcpy(found, mask, mask_len);
            found[mask_len + kept_tail] = '\0';
            found = strstr(found + mask_len, value);
        }
    }
}

/* ---- the steps ---- */

static bool secret_unavailable(const call_scope *scope, cs_result *result, const char *reference,
                               const cs_secret_error *error, bool handled)
{
    char message[512];
    const char *provider_id = scope->guard->secrets->id ? scope->guard->secrets->id : "unknown";
    if (!handled)
        snprintf(message, sizeof message,
                 "Secret reference \"%s\" is unavailable: provider \"%s\" cannot handle it (UNKNOWN).",
                 reference, provider_id);
    else
        snprintf(message, sizeof message, "Secret reference \"%s\" is unavailable: provider \"%s\" reported %s.",
                 reference, error->provider[0] ? error->provider : provider_id,
                 cs_secret_code_name(error->code));
    const char *code = cs_status_name(CS_STATUS_SECRET_UNAVAILABLE);
    emit(scope, CS_TELEMETRY_ERROR, 0, code, message);
    fill_metadata(result, scope->connection, 0, 0);
    return fail(result, code, message, false);
}

/* Fetches and parses the connection's secret; false when the call ended. */
static bool load_secrets(const call_scope *scope, cs_result *result, cs_secret_map *secrets)
{
    cs_secret_provider *provider = scope->guard->secrets;
    const char *reference = cs_connection_secret_ref(scope->connection);
    cs_secret_error error;
    memset(&error, 0, sizeof error);
    if (!cs_secret_provider_can_handle(provider, reference))
        return secret_unavailable(scope, result, reference, &error, false);
    cs_secret_value value = CS_SECRET_VALUE_INIT;
    cs_secret_code code = cs_secret_provider_get(provider, reference, NULL, &value, &error);
    if (code != CS_SECRET_OK) {
        cs_secret_value_clear(&value);
        if (error.code == CS_SECRET_OK)
            error.code = code;
        return secret_unavailable(scope, result, reference, &error, true);
    }
    cs_status parsed = cs_secret_map_parse(value.data, value.len, secrets);
    cs_secret_value_clear(&value);
    if (parsed != CS_STATUS_OK) {
        const char *status = cs_status_name(parsed);
        const char *message = parsed == CS_STATUS_OUT_OF_MEMORY ? "Out of memory while parsing the secret."
                                                                : "The secret could not be parsed.";
        emit(scope, CS_TELEMETRY_ERROR, 0, status, message);
        fill_metadata(result, scope->connection, 0, 0);
        return fail(result, status, message, false);
    }
    return true;
}

static void discard_output(cs_call_output *output)
{
    cJSON_Delete(output->data);
    if (output->opaque && output->opaque_free)
        output->opaque_free(output->opaque);
    memset(output, 0, sizeof *output);
}

static double elapsed_ms(const cs_guard *guard, uint64_t start_ns)
{
    return (double)(cs_clock_monotonic_ns(&guard->options.clock) - start_ns) / 1e6;
}

static bool run_attempts(const call_scope *scope, const cs_secret_map *secrets, cs_executor_fn executor,
                         void *user_data, cs_result *result)
{
    const cs_guard *guard = scope->guard;
    const cs_guard_options *options = &guard->options;
    unsigned max_attempts = (unsigned)options->max_attempts;
    uint64_t start_ns = cs_clock_monotonic_ns(&options->clock);
    cs_call_context context = {scope->config, scope->connection, secrets, scope->slot, scope->operation, 0};
    for (unsigned attempt = 1; attempt <= max_attempts; attempt++) {
        cs_call_output output = {NULL, NULL, NULL};
        cs_call_error error;
        memset(&error, 0, sizeof error);
        context.attempt = attempt;
        bool succeeded = executor(&context, user_data, &output, &error);
        double duration = elapsed_ms(guard, start_ns);
        if (succeeded) {
            emit(scope, CS_TELEMETRY_SUCCESS, duration, NULL, NULL);
            result->success = true;
            result->data = output.data;
            result->opaque = output.opaque;
            result->opaque_free = output.opaque_free;
            fill_metadata(result, scope->connection, duration, attempt);
            return true;
        }
        discard_output(&output);
        error.code[sizeof error.code - 1] = '\0';
        error.message[sizeof error.message - 1] = '\0';
        redact(error.code, sizeof error.code, secrets);
        redact(error.message, sizeof error.message, secrets);
        const char *code = error.code[0] ? error.code : cs_status_name(CS_STATUS_PROVIDER_ERROR);
        emit(scope, CS_TELEMETRY_ERROR, duration, code, error.message);
        bool retryable = options->should_retry ? options->should_retry(&error, attempt, options->retry_user)
                                               : error.retryable;
        if (!retryable || attempt >= max_attempts) {
            fill_metadata(result, scope->connection, duration, attempt);
            fail(result, code, error.message, retryable);
            sodium_memzero(&error, sizeof error);
            return false;
        }
        sodium_memzero(&error, sizeof error);
        int64_t delay = cs_guard_backoff_delay_ms(guard, attempt);
        if (delay > 0)
            cs_clock_sleep_ms(&options->clock, (uint64_t)delay);
    }
    /* Unreachable with max_attempts >= 1; kept as ContractSpec keeps it. */
    fill_metadata(result, scope->connection, elapsed_ms(guard, start_ns), max_attempts);
    return fail(result, cs_status_name(CS_STATUS_UNKNOWN_ERROR), "Unknown integration error", false);
}

bool cs_guard_execute(const cs_guard *guard, const char *slot, const char *operation,
                      const cs_app_config *config, cs_executor_fn executor, void *user_data,
                      cs_result *result)
{
    if (!result)
        return false;
    cs_result_clear(result);
    if (!guard || !slot || !config || !executor) {
        fill_metadata(result, NULL, 0, 0);
        return fail(result, cs_status_name(CS_STATUS_INVALID_ARGUMENT),
                    "guard, slot, config and executor are required", false);
    }
    call_scope scope = {guard, config, NULL, slot, operation};
    scope.connection = cs_app_config_slot_connection(config, slot);
    if (!scope.connection) {
        char message[512];
        snprintf(message, sizeof message, "Integration slot \"%s\" is not bound for tenant \"%s\".", slot,
                 cs_app_config_tenant_id(config));
        fill_metadata(result, NULL, 0, 0);
        return fail(result, cs_status_name(CS_STATUS_SLOT_NOT_BOUND), message, false);
    }
    cs_connection_status status = cs_connection_status_get(scope.connection);
    if (!cs_connection_status_is_ready(status)) {
        char message[512];
        snprintf(message, sizeof message, "Connection \"%s\" is not ready (status: %s).",
                 cs_connection_label(scope.connection), cs_connection_status_name(status));
        const char *code = cs_status_name(CS_STATUS_CONNECTION_NOT_READY);
        emit(&scope, CS_TELEMETRY_ERROR, 0, code, message);
        fill_metadata(result, scope.connection, 0, 0);
        return fail(result, code, message, false);
    }
    cs_secret_map secrets = CS_SECRET_MAP_INIT;
    if (!load_secrets(&scope, result, &secrets))
        return false;
    bool succeeded = run_attempts(&scope, &secrets, executor, user_data, result);
    cs_secret_map_clear(&secrets);
    return succeeded;
}
