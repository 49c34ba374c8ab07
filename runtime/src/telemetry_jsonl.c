/* The JSON-lines emitter: one event per line, serialised by a mutex. */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "contractc/telemetry.h"

typedef struct jsonl_emitter {
    cs_telemetry_emitter base;
    FILE *stream;
    bool close_stream;
    pthread_mutex_t lock;
} jsonl_emitter;

/* Most events fit on the stack; longer ones (long messages) use the heap. */
enum { JSONL_STACK_LINE = 1024 };

static bool jsonl_write_line(jsonl_emitter *emitter, const char *line, size_t length)
{
    pthread_mutex_lock(&emitter->lock);
    bool written = fwrite(line, 1, length, emitter->stream) == length;
    if (fflush(emitter->stream) != 0)
        written = false;
    pthread_mutex_unlock(&emitter->lock);
    return written;
}

static bool jsonl_record(cs_telemetry_emitter *self, const cs_telemetry_event *event)
{
    jsonl_emitter *emitter = (jsonl_emitter *)self;
    char stack_line[JSONL_STACK_LINE];
    size_t length = cs_telemetry_event_to_json(event, stack_line, sizeof stack_line);
    if (length < sizeof stack_line)
        return jsonl_write_line(emitter, stack_line, length);
    char *heap_line = malloc(length + 1);
    if (!heap_line)
        return false;
    cs_telemetry_event_to_json(event, heap_line, length + 1);
    bool written = jsonl_write_line(emitter, heap_line, length);
    free(heap_line);
    return written;
}

static void jsonl_destroy(cs_telemetry_emitter *self)
{
    jsonl_emitter *emitter = (jsonl_emitter *)self;
    if (emitter->close_stream)
        fclose(emitter->stream);
    pthread_mutex_destroy(&emitter->lock);
    free(emitter);
}

static const cs_telemetry_emitter_ops jsonl_ops = {jsonl_record, jsonl_destroy};

cs_telemetry_emitter *cs_telemetry_jsonl_new(FILE *stream, bool close_stream)
{
    if (!stream)
        return NULL;
    jsonl_emitter *emitter = calloc(1, sizeof *emitter);
    if (!emitter)
        return NULL;
    if (pthread_mutex_init(&emitter->lock, NULL) != 0) {
        free(emitter);
        return NULL;
    }
    emitter->base.ops = &jsonl_ops;
    emitter->stream = stream;
    emitter->close_stream = close_stream;
    return &emitter->base;
}

cs_telemetry_emitter *cs_telemetry_jsonl_open(const char *path, cs_error *err)
{
    if (!path) {
        cs_error_set(err, CS_STATUS_INVALID_ARGUMENT, NULL, "telemetry path is NULL");
        return NULL;
    }
    int fd = open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0600);
    if (fd < 0) {
        cs_error_set(err, CS_STATUS_IO_ERROR, NULL, "cannot open telemetry file '%s': %s", path,
                     strerror(errno));
        return NULL;
    }
    FILE *stream = fdopen(fd, "a");
    if (!stream) {
        cs_error_set(err, CS_STATUS_IO_ERROR, NULL, "cannot open telemetry file '%s': %s", path,
                     strerror(errno));
        close(fd);
        return NULL;
    }
    cs_telemetry_emitter *emitter = cs_telemetry_jsonl_new(stream, true);
    if (!emitter) {
        fclose(stream);
        cs_error_set(err, CS_STATUS_OUT_OF_MEMORY, NULL, "out of memory");
    }
    return emitter;
}
