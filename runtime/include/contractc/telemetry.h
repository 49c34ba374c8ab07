/* contractc/telemetry.h: telemetry events, emitters and the injectable clock.
 *
 * The call guard and the health service report one cs_telemetry_event per
 * attempt or check (ContractSpec's IntegrationTelemetryEvent) to an
 * emitter.  An emitter's record() result is informational only: a failing
 * emitter never fails the call that produced the event.
 *
 * Event fields are borrowed: they are valid only during record(); an
 * emitter that keeps an event must copy it.  Events never hold secrets.
 *
 * Built-in emitters:
 *   - JSON lines: one JSON object per line, keys always in the order of
 *     the cs_telemetry_event fields below (absent optional fields are
 *     omitted), times as ISO-8601 UTC with milliseconds.  Writes are
 *     serialised with a mutex and flushed per line, so one emitter may be
 *     shared by several threads.
 *   - fan-out: forwards each event to several emitters, in order; a
 *     failing one does not stop the others.
 *   - null: records nothing (a stateless static emitter).
 * cs_telemetry_emitter_destroy() frees an emitter (NULL-safe).
 *
 * The clock: every time the runtime reads or waits goes through a cs_clock
 * so tests can run retries and timeouts instantly.  A NULL member falls
 * back to the system: CLOCK_REALTIME for now_ms, CLOCK_MONOTONIC for
 * monotonic_ns, nanosleep for sleep_ms.  Clock functions must be callable
 * from several threads if the guard using them is shared.
 */
#ifndef CONTRACTC_TELEMETRY_H
#define CONTRACTC_TELEMETRY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "contractc/status.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct cs_clock {
    int64_t (*now_ms)(void *user);          /* wall clock, ms since the epoch */
    uint64_t (*monotonic_ns)(void *user);   /* for durations */
    void (*sleep_ms)(void *user, uint64_t ms); /* never called with 0 */
    void *user;
} cs_clock;

/* Read the clock, using the system for NULL members (clock may be NULL). */
int64_t cs_clock_now_ms(const cs_clock *clock);
uint64_t cs_clock_monotonic_ns(const cs_clock *clock);
void cs_clock_sleep_ms(const cs_clock *clock, uint64_t ms);

typedef enum cs_telemetry_status {
    CS_TELEMETRY_SUCCESS = 0,
    CS_TELEMETRY_ERROR
} cs_telemetry_status;

/* "success" / "error". */
const char *cs_telemetry_status_name(cs_telemetry_status status);

typedef enum cs_telemetry_value_type {
    CS_TELEMETRY_STRING = 0,
    CS_TELEMETRY_NUMBER,
    CS_TELEMETRY_BOOL
} cs_telemetry_value_type;

/* One metadata entry; values are string, number or boolean as in ContractSpec. */
typedef struct cs_telemetry_meta {
    const char *key;
    cs_telemetry_value_type type;
    const char *string_value;
    double number_value;
    bool bool_value;
} cs_telemetry_meta;

typedef struct cs_telemetry_event {
    const char *tenant_id;
    const char *app_id;
    const char *environment;        /* NULL: absent */
    const char *slot_id;            /* NULL: absent */
    const char *integration_key;
    const char *integration_version;
    const char *connection_id;
    cs_telemetry_status status;
    bool has_duration;
    double duration_ms;
    const char *error_code;         /* NULL: absent (successes) */
    const char *error_message;      /* NULL: absent */
    int64_t occurred_at_ms;         /* ms since the epoch */
    const cs_telemetry_meta *metadata;
    size_t metadata_count;
} cs_telemetry_event;

typedef struct cs_telemetry_emitter cs_telemetry_emitter;

typedef struct cs_telemetry_emitter_ops {
    /* Returns false when the event could not be recorded (callers ignore it). */
    bool (*record)(cs_telemetry_emitter *self, const cs_telemetry_event *event);
    void (*destroy)(cs_telemetry_emitter *self);   /* NULL: nothing to free */
} cs_telemetry_emitter_ops;

/* Emitters embed this struct as their first member. */
struct cs_telemetry_emitter {
    const cs_telemetry_emitter_ops *ops;
};

/* NULL-safe: a NULL emitter records nothing and returns true. */
bool cs_telemetry_record(cs_telemetry_emitter *emitter, const cs_telemetry_event *event);
void cs_telemetry_emitter_destroy(cs_telemetry_emitter *emitter);

/* Writes the event as one JSON line (with the trailing LF) into buffer,
 * truncating like snprintf; returns the full length it needs. */
size_t cs_telemetry_event_to_json(const cs_telemetry_event *event, char *buffer, size_t size);

/* JSON-lines emitter writing to stream.  When close_stream is true the
 * emitter fclose()s the stream when destroyed; otherwise the caller keeps
 * the stream and must keep it open while the emitter lives.  NULL when out
 * of memory or stream is NULL. */
cs_telemetry_emitter *cs_telemetry_jsonl_new(FILE *stream, bool close_stream);

/* JSON-lines emitter appending to the file at path (created 0600 if absent).
 * NULL with err filled (IO_ERROR naming the path) on failure. */
cs_telemetry_emitter *cs_telemetry_jsonl_open(const char *path, cs_error *err);

/* Fan-out to count emitters (the array is copied).  When owns_children is
 * true, destroying the fan-out destroys the children too. */
cs_telemetry_emitter *cs_telemetry_fanout_new(cs_telemetry_emitter *const *children, size_t count,
                                              bool owns_children);

/* A shared stateless emitter that records nothing; destroying it is a no-op. */
cs_telemetry_emitter *cs_telemetry_null_emitter(void);

#ifdef __cplusplus
}
#endif

#endif
