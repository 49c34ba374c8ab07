/* contractc/status.h: status codes, structured errors and call results.
 *
 * Every code the runtime produces is declared once in CS_STATUS_CODES and
 * yields both the cs_status enum and its name table.  The names of the
 * call-guard codes are ContractSpec's (SLOT_NOT_BOUND, CONNECTION_NOT_READY,
 * PROVIDER_ERROR, UNKNOWN_ERROR) plus SECRET_UNAVAILABLE, which replaces
 * ContractSpec's rejected promise when a secret cannot be fetched.
 *
 * A cs_result carries its error code as a string because executors may
 * pass through their own codes ("rate_limited", "card_declined"), exactly
 * as ContractSpec passes the thrown error's string `code` through.
 *
 * Ownership: a cs_result is caller-allocated (usually on the stack),
 * initialised with CS_RESULT_INIT or cs_result_init(), filled by the
 * runtime and released with cs_result_clear(), which frees everything the
 * result owns (data, opaque data through its release function, message,
 * connection id) and leaves it re-usable.  cs_result_clear(NULL) is a no-op.
 * A cs_error is a fixed-size caller-owned record; filling it never
 * allocates.
 */
#ifndef CONTRACTC_STATUS_H
#define CONTRACTC_STATUS_H

#include <stdbool.h>
#include <stddef.h>

#include <cjson/cJSON.h>

#ifdef __cplusplus
extern "C" {
#endif

/* X(enum constant, name) */
#define CS_STATUS_CODES(X)                                                   \
    X(CS_STATUS_OK, "OK")                                                    \
    X(CS_STATUS_SLOT_NOT_BOUND, "SLOT_NOT_BOUND")                            \
    X(CS_STATUS_CONNECTION_NOT_READY, "CONNECTION_NOT_READY")                \
    X(CS_STATUS_SECRET_UNAVAILABLE, "SECRET_UNAVAILABLE")                    \
    X(CS_STATUS_PROVIDER_ERROR, "PROVIDER_ERROR")                            \
    X(CS_STATUS_UNKNOWN_ERROR, "UNKNOWN_ERROR")                              \
    X(CS_STATUS_HEALTH_TIMEOUT, "HEALTH_TIMEOUT")                            \
    X(CS_STATUS_INVALID_ARGUMENT, "INVALID_ARGUMENT")                        \
    X(CS_STATUS_OUT_OF_MEMORY, "OUT_OF_MEMORY")                              \
    X(CS_STATUS_IO_ERROR, "IO_ERROR")                                        \
    X(CS_STATUS_PARSE_ERROR, "PARSE_ERROR")                                  \
    X(CS_STATUS_SCHEMA_ERROR, "SCHEMA_ERROR")                                \
    X(CS_STATUS_DUPLICATE, "DUPLICATE")                                      \
    X(CS_STATUS_NOT_FOUND, "NOT_FOUND")                                      \
    X(CS_STATUS_INVALID_VERSION, "INVALID_VERSION")

#define CS_STATUS_ENUM_MEMBER_(constant, name) constant,
typedef enum cs_status {
    CS_STATUS_CODES(CS_STATUS_ENUM_MEMBER_)
    CS_STATUS_COUNT_
} cs_status;
#undef CS_STATUS_ENUM_MEMBER_

/* The code's name ("SLOT_NOT_BOUND"); "UNKNOWN_ERROR" for out-of-range values. */
const char *cs_status_name(cs_status status);

/* Looks a name up; false (and *out untouched) when it is not one of ours. */
bool cs_status_from_name(const char *name, cs_status *out);

/* A structured error.  pointer is a JSON Pointer (RFC 6901) into the
 * document being loaded, "" for the whole document or when not about a
 * document.  Messages never hold secret values. */
typedef struct cs_error {
    cs_status code;
    char pointer[256];
    char message[256];
} cs_error;

/* Sets every field (NULL-safe on err; pointer may be NULL for ""). */
void cs_error_set(cs_error *err, cs_status code, const char *pointer, const char *fmt, ...)
#if defined(__GNUC__) || defined(__clang__)
    __attribute__((format(printf, 4, 5)))
#endif
    ;

/* Who holds the credentials of a connection.  Declared here because both
 * connections and call results carry it. */
typedef enum cs_ownership_mode {
    CS_OWNERSHIP_MANAGED = 0,
    CS_OWNERSHIP_BYOK
} cs_ownership_mode;

/* "managed" / "byok". */
const char *cs_ownership_mode_name(cs_ownership_mode mode);
bool cs_ownership_mode_from_name(const char *name, cs_ownership_mode *out);

/* Longest error code a result keeps (longer executor codes are cut). */
#define CS_ERROR_CODE_MAX 64

/* The outcome of a guarded call (ContractSpec's result plus metadata). */
typedef struct cs_result {
    bool success;
    /* Success data: a cJSON tree and/or an opaque pointer, both owned by the
     * result.  opaque is released with opaque_free when that is non-NULL. */
    cJSON *data;
    void *opaque;
    void (*opaque_free)(void *opaque);
    /* Failure: code ("" on success), message (NULL on success), and whether
     * the retry predicate judged the last error retryable. */
    char error_code[CS_ERROR_CODE_MAX];
    char *error_message;
    bool retryable;
    /* Metadata. latency_ms is cumulative since the first attempt started
     * (including back-off sleeps); 0 when the executor never ran. */
    double latency_ms;
    unsigned attempts;
    char *connection_id;            /* "unknown" when the slot is not bound */
    cs_ownership_mode ownership_mode;
} cs_result;

#define CS_RESULT_INIT {false, NULL, NULL, NULL, {0}, NULL, false, 0.0, 0u, NULL, CS_OWNERSHIP_MANAGED}

void cs_result_init(cs_result *result);

/* Frees what the result owns and re-initialises it. */
void cs_result_clear(cs_result *result);

/* True when the result failed with exactly this runtime code. */
bool cs_result_is(const cs_result *result, cs_status status);

#ifdef __cplusplus
}
#endif

#endif
