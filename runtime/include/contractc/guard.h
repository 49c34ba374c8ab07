/* contractc/guard.h: the integration call guard (ContractSpec's
 * IntegrationCallGuard.executeWithGuards) and secret maps.
 *
 * cs_guard_execute(guard, slot, operation, config, executor, user_data,
 * &result) runs, in this order:
 *   1. slot lookup: the first binding of slot in config; none → failure
 *      SLOT_NOT_BOUND (connection id "unknown", mode managed, attempts 0,
 *      latency 0), no telemetry, executor not called;
 *   2. readiness: status disconnected or error → CONNECTION_NOT_READY
 *      (message names the connection label and status), one error event
 *      with duration 0, executor not called; connected and unknown go on;
 *   3. secrets: fetched once through the guard's provider (a secret manager
 *      is one too, via cs_secret_manager_provider()).  A provider that cannot handle the reference,
 *      or a failing get, ends the call with SECRET_UNAVAILABLE (message
 *      names the reference, the provider and its error code; attempts 0,
 *      latency 0; one error event; executor not called).  ContractSpec
 *      rejects its promise here instead: see docs/contractspec-differences.md;
 *   4. parsing (cs_secret_map_parse): a JSON object gives its string,
 *      number and boolean members as JavaScript stringifies them ("true",
 *      "1", "1.5"), anything else one entry "secret" with the whole text;
 *   5. attempts 1..max_attempts: the executor runs; success returns with
 *      latency = time since the first attempt started (cumulative, back-off
 *      sleeps included) and one success event.  Each failure emits one
 *      error event (code = the executor's code or PROVIDER_ERROR), then the
 *      retry predicate decides; not retryable or last attempt → failure
 *      whose `retryable` is the predicate's answer (an exhausted retryable
 *      error reports true); otherwise sleep the back-off and try again.
 * The secret map is wiped (sodium_memzero) and freed before returning.
 * Executor error codes and messages are scrubbed of secret values (any
 * value of CS_GUARD_REDACT_MIN bytes or more is replaced by "[redacted]")
 * before they reach the result or telemetry.
 *
 * Thread safety: a cs_guard is immutable after cs_guard_new and may be
 * shared by any number of threads calling cs_guard_execute at once,
 * provided what it points to is thread-safe too: the secret provider (the
 * runtime's providers are), the telemetry emitter (the JSON-lines and
 * fan-out emitters are), the clock and retry callbacks.  The app config may
 * be shared once built; connections may be health-checked meanwhile.
 *
 * Ownership: the guard borrows its provider and emitter (they must outlive
 * it); cs_guard_free(NULL) is a no-op.  The result is the caller's (see
 * status.h).  Success data handed over by the executor becomes the
 * result's; data left in the output after a failure is freed by the guard.
 */
#ifndef CONTRACTC_GUARD_H
#define CONTRACTC_GUARD_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "contractc/connection.h"
#include "contractc/secrets.h"
#include "contractc/status.h"
#include "contractc/telemetry.h"

#ifdef __cplusplus
extern "C" {
#endif

/* ---- secret maps ---- */

/* One parsed secret entry.  value is NUL-terminated; value_len excludes the
 * NUL and counts embedded NULs of a non-JSON secret. */
typedef struct cs_secret_entry {
    char *key;
    char *value;
    size_t value_len;
} cs_secret_entry;

typedef struct cs_secret_map {
    cs_secret_entry *entries;
    size_t count;
} cs_secret_map;

#define CS_SECRET_MAP_INIT {NULL, 0}

/* Parses secret bytes as ContractSpec's guard does (step 4 above).  A
 * duplicate key keeps its first position and its last value (JSON.parse).
 * A member whose key holds U+0000 ("a\u0000b") is dropped: no C string
 * names it, and read as one it would merge with the key before the NUL.
 * The map owns its copies of the secret, all in one allocation (never free
 * an entry's key or value); OUT_OF_MEMORY leaves *out empty. */
cs_status cs_secret_map_parse(const unsigned char *data, size_t len, cs_secret_map *out);

/* Wipes every key and value with sodium_memzero, frees them, empties the
 * map.  NULL-safe. */
void cs_secret_map_clear(cs_secret_map *map);

/* The value for key, or NULL. */
const char *cs_secret_map_get(const cs_secret_map *map, const char *key);

/* ---- executors ---- */

/* What an executor sees.  All pointers are borrowed for the call. */
typedef struct cs_call_context {
    const cs_app_config *config;
    const cs_connection *connection;
    const cs_secret_map *secrets;
    const char *slot_id;
    const char *operation;
    unsigned attempt;               /* 1-based */
} cs_call_context;

/* What an executor hands back on success (ownership passes to the result). */
typedef struct cs_call_output {
    cJSON *data;
    void *opaque;
    void (*opaque_free)(void *opaque);
} cs_call_output;

/* What an executor reports on failure (ContractSpec's thrown error).  An
 * empty code means "no string code" and becomes PROVIDER_ERROR; message
 * must never hold secret values. */
typedef struct cs_call_error {
    char code[CS_ERROR_CODE_MAX];
    char message[512];
    bool retryable;
} cs_call_error;

/* Returns true on success (filling out) or false on failure (filling err).
 * out and err start zeroed on every attempt. */
typedef bool (*cs_executor_fn)(const cs_call_context *context, void *user_data, cs_call_output *out,
                               cs_call_error *err);

/* ---- guard ---- */

/* Decides whether a failed attempt is retried (ContractSpec's shouldRetry). */
typedef bool (*cs_retry_predicate)(const cs_call_error *error, unsigned attempt, void *user);

typedef enum cs_backoff_kind {
    CS_BACKOFF_FIXED = 0,       /* backoff_ms between every attempt (ContractSpec) */
    CS_BACKOFF_EXPONENTIAL      /* see cs_guard_options */
} cs_backoff_kind;

typedef struct cs_guard_options {
    /* Attempts per call; values below 1 become 1.  Default 3. */
    int max_attempts;
    cs_backoff_kind backoff;
    /* Fixed: the delay.  Exponential: the base delay.  Default 250; <= 0
     * means no sleep. */
    int64_t backoff_ms;
    /* Exponential only: delay before retry n (n = 1, 2, ...) is
     * d = min(backoff_max_ms, backoff_ms * 2^(n-1)), slept as d/2 plus a
     * uniformly random part in [0, d/2] ("equal jitter": never less than
     * half the delay, never in lock-step with other clients).
     * Default 30000. */
    int64_t backoff_max_ms;
    /* Returns a uniform integer in [0, upper_bound); NULL: libsodium's
     * randombytes_uniform (thread-safe). */
    uint32_t (*random_uniform)(void *user, uint32_t upper_bound);
    void *random_user;
    /* NULL: retry iff the executor set err->retryable. */
    cs_retry_predicate should_retry;
    void *retry_user;
    /* Time source and sleep; NULL members use the system. */
    cs_clock clock;
    /* Borrowed; NULL: no events. */
    cs_telemetry_emitter *telemetry;
} cs_guard_options;

/* Fills the defaults above (ContractSpec's: 3 attempts, fixed 250 ms). */
void cs_guard_options_init(cs_guard_options *options);

typedef struct cs_guard cs_guard;

/* secrets is borrowed and required; options NULL means the defaults.
 * NULL when out of memory or secrets is NULL. */
cs_guard *cs_guard_new(cs_secret_provider *secrets, const cs_guard_options *options);
void cs_guard_free(cs_guard *guard);

/* Secret values shorter than this are not scrubbed from messages (short
 * values such as "true" or "1" would mangle ordinary text). */
#define CS_GUARD_REDACT_MIN 6

/* Runs the executor under the guard (order above) and fills *result, which
 * must be initialised (CS_RESULT_INIT) or hold an earlier result (released
 * first); returns result->success.  A NULL guard, slot, config or executor
 * gives INVALID_ARGUMENT; a NULL result just returns false. */
bool cs_guard_execute(const cs_guard *guard, const char *slot, const char *operation,
                      const cs_app_config *config, cs_executor_fn executor, void *user_data,
                      cs_result *result);

/* The delay before retry number `retry` (1 = after the first failure),
 * as the guard computes it; exposed for tests and tuning. */
int64_t cs_guard_backoff_delay_ms(const cs_guard *guard, unsigned retry);

#ifdef __cplusplus
}
#endif

#endif
