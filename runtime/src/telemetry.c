/* Telemetry: the clock, the emitter wrappers, the fan-out and null emitters. */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "contractc/telemetry.h"

int64_t cs_clock_now_ms(const cs_clock *clock)
{
    if (clock && clock->now_ms)
        return clock->now_ms(clock->user);
    struct timespec now;
    clock_gettime(CLOCK_REALTIME, &now);
    return (int64_t)now.tv_sec * 1000 + now.tv_nsec / 1000000;
}

uint64_t cs_clock_monotonic_ns(const cs_clock *clock)
{
    if (clock && clock->monotonic_ns)
        return clock->monotonic_ns(clock->user);
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    return (uint64_t)now.tv_sec * 1000000000u + (uint64_t)now.tv_nsec;
}

void cs_clock_sleep_ms(const cs_clock *clock, uint64_t ms)
{
    if (ms == 0)
        return;
    if (clock && clock->sleep_ms) {
        clock->sleep_ms(clock->user, ms);
        return;
    }
    struct timespec wait = {(time_t)(ms / 1000), (long)(ms % 1000) * 1000000L};
    while (nanosleep(&wait, &wait) != 0 && errno == EINTR) {
    }
}

const char *cs_telemetry_status_name(cs_telemetry_status status)
{
    return status == CS_TELEMETRY_SUCCESS ? "success" : "error";
}

bool cs_telemetry_record(cs_telemetry_emitter *emitter, const cs_telemetry_event *event)
{
    if (!emitter || !emitter->ops || !emitter->ops->record || !event)
        return true;
    return emitter->ops->record(emitter, event);
}

void cs_telemetry_emitter_destroy(cs_telemetry_emitter *emitter)
{
    if (emitter && emitter->ops && emitter->ops->destroy)
        emitter->ops->destroy(emitter);
}

/* ---- null emitter ---- */

static bool null_record(cs_telemetry_emitter *self, const cs_telemetry_event *event)
{
    (void)self;
    (void)event;
    return true;
}

static const cs_telemetry_emitter_ops null_ops = {null_record, NULL};
static cs_telemetry_emitter null_emitter = {&null_ops};

cs_telemetry_emitter *cs_telemetry_null_emitter(void)
{
    return &null_emitter;
}

/* ---- fan-out ---- */

typedef struct fanout_emitter {
    cs_telemetry_emitter base;
    cs_telemetry_emitter **children;
    size_t count;
    bool owns_children;
} fanout_emitter;

static bool fanout_record(cs_telemetry_emitter *self, const cs_telemetry_event *event)
{
    fanout_emitter *fanout = (fanout_emitter *)self;
    bool all_recorded = true;
    for (size_t i = 0; i < fanout->count; i++) {
        if (!cs_telemetry_record(fanout->children[i], event))
            all_recorded = false;
    }
    return all_recorded;
}

static void fanout_destroy(cs_telemetry_emitter *self)
{
    fanout_emitter *fanout = (fanout_emitter *)self;
    if (fanout->owns_children) {
        for (size_t i = 0; i < fanout->count; i++)
            cs_telemetry_emitter_destroy(fanout->children[i]);
    }
    free(fanout->children);
    free(fanout);
}

static const cs_telemetry_emitter_ops fanout_ops = {fanout_record, fanout_destroy};

cs_telemetry_emitter *cs_telemetry_fanout_new(cs_telemetry_emitter *const *children, size_t count,
                                              bool owns_children)
{
    if (count > 0 && !children)
        return NULL;
    fanout_emitter *fanout = calloc(1, sizeof *fanout);
    if (!fanout)
        return NULL;
    if (count > 0) {
        fanout->children = malloc(count * sizeof *fanout->children);
        if (!fanout->children) {
            free(fanout);
            return NULL;
        }
        memcpy(fanout->children, children, count * sizeof *fanout->children);
    }
    fanout->base.ops = &fanout_ops;
    fanout->count = count;
    fanout->owns_children = owns_children;
    return &fanout->base;
}
