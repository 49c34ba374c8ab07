/* Connection health checks with a cooperative, enforced timeout. */
#include <stdio.h>
#include <string.h>

#include "contractc/health.h"

int64_t cs_health_remaining_ms(const cs_health_probe_args *args)
{
    if (!args || !args->has_deadline)
        return INT64_MAX;
    uint64_t now = cs_clock_monotonic_ns(args->clock);
    if (now >= args->deadline_ns)
        return 0;
    return (int64_t)((args->deadline_ns - now) / 1000000u);
}

static void emit_health(const cs_health_options *options, const cs_health_context *context,
                        const cs_health_result *result)
{
    if (!options || !options->telemetry)
        return;
    char blueprint[512];
    const char *status_name = cs_connection_status_name(result->status);
    cs_telemetry_meta metadata[3];
    size_t count = 0;
    if (context->has_trace) {
        snprintf(blueprint, sizeof blueprint, "%s.v%s", context->blueprint_name ? context->blueprint_name : "",
                 context->blueprint_version ? context->blueprint_version : "");
        metadata[count++] = (cs_telemetry_meta){"blueprint", CS_TELEMETRY_STRING, blueprint, 0, false};
        metadata[count++] = (cs_telemetry_meta){"configVersion", CS_TELEMETRY_STRING,
                                                context->config_version ? context->config_version : "", 0,
                                                false};
    }
    metadata[count++] = (cs_telemetry_meta){"status", CS_TELEMETRY_STRING, status_name, 0, false};
    bool healthy = result->status == CS_CONNECTION_CONNECTED;
    cs_telemetry_event event = {
        .tenant_id = context->tenant_id,
        .app_id = context->app_id,
        .environment = context->has_environment ? cs_environment_name(context->environment) : NULL,
        .slot_id = context->slot_id,
        .integration_key = context->integration_key,
        .integration_version = context->integration_version,
        .connection_id = cs_connection_id(context->connection),
        .status = healthy ? CS_TELEMETRY_SUCCESS : CS_TELEMETRY_ERROR,
        .has_duration = true,
        .duration_ms = (double)result->latency_ms,
        .error_code = !healthy && result->has_error_code ? result->error_code : NULL,
        .error_message = healthy ? NULL : result->error_message,
        .occurred_at_ms = result->checked_at_ms,
        .metadata = metadata,
        .metadata_count = count,
    };
    (void)cs_telemetry_record(options->telemetry, &event);
}

static void set_error(cs_health_result *out, const char *code, const char *message)
{
    out->status = CS_CONNECTION_ERROR;
    out->has_error_code = code && code[0];
    snprintf(out->error_code, sizeof out->error_code, "%s", out->has_error_code ? code : "");
    snprintf(out->error_message, sizeof out->error_message, "%s", message && message[0] ? message : "Unknown error");
}

cs_status cs_health_check(const cs_health_options *options, const cs_health_context *context,
                          cs_health_probe_fn probe, void *user, cs_health_result *out)
{
    if (!out)
        return CS_STATUS_INVALID_ARGUMENT;
    memset(out, 0, sizeof *out);
    if (!context || !context->connection) {
        set_error(out, cs_status_name(CS_STATUS_INVALID_ARGUMENT), "health check needs a context and a connection");
        return CS_STATUS_INVALID_ARGUMENT;
    }
    const cs_clock *clock = options ? &options->clock : NULL;
    uint64_t start_ns = cs_clock_monotonic_ns(clock);
    int64_t timeout_ms = context->timeout_ms > 0 ? context->timeout_ms : 0;
    cs_health_probe_args args = {context, clock, context->has_timeout,
                                 start_ns + (uint64_t)timeout_ms * 1000000u};
    cs_call_error error;
    memset(&error, 0, sizeof error);
    bool healthy = false;
    if (probe)
        healthy = probe(&args, user, &error);
    else
        snprintf(error.message, sizeof error.message, "no health probe was supplied");
    uint64_t end_ns = cs_clock_monotonic_ns(clock);
    out->checked_at_ms = cs_clock_now_ms(clock);
    out->latency_ms = (int64_t)((end_ns - start_ns) / 1000000u);
    error.code[sizeof error.code - 1] = '\0';
    error.message[sizeof error.message - 1] = '\0';

    if (context->has_timeout && end_ns - start_ns > (uint64_t)timeout_ms * 1000000u) {
        char message[256];
        snprintf(message, sizeof message, "Health check exceeded its timeout of %lld ms (took %lld ms).",
                 (long long)timeout_ms, (long long)out->latency_ms);
        set_error(out, cs_status_name(CS_STATUS_HEALTH_TIMEOUT), message);
    } else if (healthy) {
        out->status = CS_CONNECTION_CONNECTED;
    } else {
        set_error(out, error.code, error.message);
    }
    cs_connection_record_health(context->connection, out->status, out->checked_at_ms, out->latency_ms,
                                out->has_error_code ? out->error_code : NULL,
                                out->status == CS_CONNECTION_ERROR ? out->error_message : NULL);
    emit_health(options, context, out);
    return CS_STATUS_OK;
}
