/* One telemetry event as one line of JSON, keys in a fixed order. */
#include <stdio.h>
#include <string.h>

#include "contractc/telemetry.h"
#include "status_format.h"

/* Appends like snprintf: counts every byte, stores what fits. */
typedef struct json_writer {
    char *buffer;
    size_t size;
    size_t length;
} json_writer;

static void put_bytes(json_writer *writer, const char *bytes, size_t count)
{
    if (writer->length < writer->size) {
        size_t room = writer->size - writer->length;
        memcpy(writer->buffer + writer->length, bytes, count < room ? count : room);
    }
    writer->length += count;
}

static void put_text(json_writer *writer, const char *text)
{
    put_bytes(writer, text, strlen(text));
}

/* Length of the valid UTF-8 sequence at text (0 when invalid). */
static size_t utf8_sequence_length(const unsigned char *text)
{
    unsigned char lead = text[0];
    size_t length;
    unsigned min_value;
    unsigned value;
    if (lead < 0x80)
        return 1;
    if (lead >= 0xC2 && lead <= 0xDF) {
        length = 2, min_value = 0x80, value = lead & 0x1F;
    } else if (lead >= 0xE0 && lead <= 0xEF) {
        length = 3, min_value = 0x800, value = lead & 0x0F;
    } else if (lead >= 0xF0 && lead <= 0xF4) {
        length = 4, min_value = 0x10000, value = lead & 0x07;
    } else {
        return 0;
    }
    for (size_t i = 1; i < length; i++) {
        if ((text[i] & 0xC0) != 0x80)
            return 0;
        value = (value << 6) | (text[i] & 0x3F);
    }
    if (value < min_value || value > 0x10FFFF || (value >= 0xD800 && value <= 0xDFFF))
        return 0;
    return length;
}

/* A JSON string; invalid UTF-8 becomes U+FFFD so every line is valid JSON. */
static void put_string(json_writer *writer, const char *text)
{
    const unsigned char *cursor = (const unsigned char *)text;
    put_bytes(writer, "\"", 1);
    while (*cursor) {
        unsigned char byte = *cursor;
        char escape[8];
        if (byte == '"' || byte == '\\') {
            escape[0] = '\\', escape[1] = (char)byte;
            put_bytes(writer, escape, 2);
            cursor++;
        } else if (byte < 0x20) {
            const char *named = byte == '\n' ? "\\n" : byte == '\r' ? "\\r" : byte == '\t' ? "\\t"
                              : byte == '\b' ? "\\b" : byte == '\f' ? "\\f" : NULL;
            if (named) {
                put_text(writer, named);
            } else {
                snprintf(escape, sizeof escape, "\\u%04x", byte);
                put_text(writer, escape);
            }
            cursor++;
        } else {
            size_t length = utf8_sequence_length(cursor);
            if (length == 0) {
                put_text(writer, "\\ufffd");
                cursor++;
            } else {
                put_bytes(writer, (const char *)cursor, length);
                cursor += length;
            }
        }
    }
    put_bytes(writer, "\"", 1);
}

static void put_key(json_writer *writer, const char *key, bool *first)
{
    if (!*first)
        put_bytes(writer, ",", 1);
    *first = false;
    put_string(writer, key);
    put_bytes(writer, ":", 1);
}

static void put_string_member(json_writer *writer, const char *key, const char *value, bool *first)
{
    if (!value)
        return;
    put_key(writer, key, first);
    put_string(writer, value);
}

static void put_number(json_writer *writer, double value)
{
    char digits[CS_JS_NUMBER_MAX];
    size_t length = cs_format_js_number(value, digits);
    /* JSON has no NaN or Infinity: write null as JSON.stringify does. */
    if (strcmp(digits, "NaN") == 0 || strstr(digits, "Infinity"))
        put_text(writer, "null");
    else
        put_bytes(writer, digits, length);
}

static void put_metadata(json_writer *writer, const cs_telemetry_event *event, bool *first)
{
    if (!event->metadata || event->metadata_count == 0)
        return;
    put_key(writer, "metadata", first);
    put_bytes(writer, "{", 1);
    bool first_entry = true;
    for (size_t i = 0; i < event->metadata_count; i++) {
        const cs_telemetry_meta *meta = &event->metadata[i];
        if (!meta->key)
            continue;
        put_key(writer, meta->key, &first_entry);
        if (meta->type == CS_TELEMETRY_NUMBER)
            put_number(writer, meta->number_value);
        else if (meta->type == CS_TELEMETRY_BOOL)
            put_text(writer, meta->bool_value ? "true" : "false");
        else if (meta->string_value)
            put_string(writer, meta->string_value);
        else
            put_text(writer, "null");
    }
    put_bytes(writer, "}", 1);
}

size_t cs_telemetry_event_to_json(const cs_telemetry_event *event, char *buffer, size_t size)
{
    json_writer writer = {buffer, size, 0};
    bool first = true;
    char when[CS_ISO8601_MAX];
    put_bytes(&writer, "{", 1);
    put_string_member(&writer, "tenantId", event->tenant_id ? event->tenant_id : "", &first);
    put_string_member(&writer, "appId", event->app_id ? event->app_id : "", &first);
    put_string_member(&writer, "environment", event->environment, &first);
    put_string_member(&writer, "slotId", event->slot_id, &first);
    put_string_member(&writer, "integrationKey", event->integration_key ? event->integration_key : "", &first);
    put_string_member(&writer, "integrationVersion",
                      event->integration_version ? event->integration_version : "", &first);
    put_string_member(&writer, "connectionId", event->connection_id ? event->connection_id : "", &first);
    put_string_member(&writer, "status", cs_telemetry_status_name(event->status), &first);
    if (event->has_duration) {
        put_key(&writer, "durationMs", &first);
        put_number(&writer, event->duration_ms);
    }
    put_string_member(&writer, "errorCode", event->error_code, &first);
    put_string_member(&writer, "errorMessage", event->error_message, &first);
    cs_format_iso8601_ms(event->occurred_at_ms, when);
    put_string_member(&writer, "occurredAt", when, &first);
    put_metadata(&writer, event, &first);
    put_bytes(&writer, "}\n", 2);
    if (size > 0)
        buffer[writer.length < size ? writer.length : size - 1] = '\0';
    return writer.length;
}
