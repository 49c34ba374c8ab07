/* contractc/health.h: connection health checks (ContractSpec's
 * IntegrationHealthService.check), with the spec's timeoutMs honoured.
 *
 * cs_health_check runs a caller-supplied probe once and returns a
 * structured result: status connected (probe succeeded in time) or error
 * (probe failed, or ran past the timeout), the check time, the latency and
 * on errors a code and message.  It then records the check on the
 * connection (status connected, or error with the message; the last-check
 * fields) and emits one telemetry event (success or error; integration key
 * and version from the spec; duration = latency; occurredAt = checked at;
 * metadata blueprint and configVersion when a trace is given, plus status).
 * It never aborts the caller and never returns without a result.
 *
 * The timeout, and why it is cooperative: C offers no safe way to stop a
 * thread that is blocked inside a probe, and running the probe on a
 * thread that is abandoned on timeout would leave it using the caller's
 * data (probe user data, connection, secrets) after cs_health_check has
 * returned and the caller has freed them.  So the probe runs on the
 * caller's thread and receives the deadline (cs_health_probe_args:
 * deadline on the monotonic clock and the remaining time via
 * cs_health_remaining_ms) which it must pass on to whatever may block
 * (socket or HTTP timeouts).  The service then enforces the limit on the
 * outcome: a probe that returns after the timeout is an error
 * HEALTH_TIMEOUT even if it reported success.  ContractSpec ignores
 * timeoutMs entirely (docs/contractspec-differences.md).
 *
 * Thread safety: cs_health_check keeps no state; several checks may run at
 * once, also on the same connection (its updates are atomic).
 */
#ifndef CONTRACTC_HEALTH_H
#define CONTRACTC_HEALTH_H

#include <stdbool.h>
#include <stdint.h>

#include "contractc/connection.h"
#include "contractc/guard.h"
#include "contractc/secrets.h"
#include "contractc/status.h"
#include "contractc/telemetry.h"

#ifdef __cplusplus
extern "C" {
#endif

/* What is checked (ContractSpec's IntegrationContext).  Borrowed. */
typedef struct cs_health_context {
    const char *tenant_id;
    const char *app_id;
    bool has_environment;
    cs_environment environment;
    const char *slot_id;                /* NULL: absent */
    const char *integration_key;        /* from the spec */
    const char *integration_version;    /* from the spec */
    cs_connection *connection;          /* required; updated by the check */
    cs_secret_provider *secret_provider;/* for the probe's use; may be NULL */
    bool has_trace;
    const char *blueprint_name;
    const char *blueprint_version;
    const char *config_version;
    bool has_timeout;                   /* the spec's healthCheck.timeoutMs */
    int64_t timeout_ms;
} cs_health_context;

typedef struct cs_health_probe_args {
    const cs_health_context *context;
    const cs_clock *clock;
    bool has_deadline;
    uint64_t deadline_ns;               /* on cs_clock_monotonic_ns's scale */
} cs_health_probe_args;

/* Milliseconds left before the deadline (0 when passed); INT64_MAX when
 * there is no timeout. */
int64_t cs_health_remaining_ms(const cs_health_probe_args *args);

/* Returns true when the connection is healthy; on failure fills err (an
 * empty code means "no code"; an empty message becomes "Unknown error"). */
typedef bool (*cs_health_probe_fn)(const cs_health_probe_args *args, void *user, cs_call_error *err);

typedef struct cs_health_options {
    cs_telemetry_emitter *telemetry;    /* borrowed; NULL: no events */
    cs_clock clock;                     /* NULL members: the system */
} cs_health_options;

typedef struct cs_health_result {
    cs_connection_status status;        /* CS_CONNECTION_CONNECTED or CS_CONNECTION_ERROR */
    int64_t checked_at_ms;              /* wall clock when the probe returned */
    int64_t latency_ms;                 /* monotonic, whole milliseconds */
    bool has_error_code;
    char error_code[CS_ERROR_CODE_MAX];
    char error_message[512];            /* "" on success */
} cs_health_result;

/* Runs the check.  Returns CS_STATUS_OK when a check result was produced
 * (healthy or not), INVALID_ARGUMENT when context, its connection or out is
 * NULL (nothing is recorded then).  A NULL probe is an error result.
 * options may be NULL. */
cs_status cs_health_check(const cs_health_options *options, const cs_health_context *context,
                          cs_health_probe_fn probe, void *user, cs_health_result *out);

#ifdef __cplusplus
}
#endif

#endif
