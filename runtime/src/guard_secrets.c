/* Secret payload parsing (ContractSpec's guard, step 4) with a small JSON
 * reader of our own: cJSON writes a process-wide error pointer on every
 * parse (a data race when guards run on several threads) and frees its
 * strings without wiping them.  Here every copy of secret text is ours and
 * is wiped before it is freed. */
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "contractc/guard.h"
#include "status_format.h"

enum { MAX_NESTING = 512, NUMBER_STACK = 64 };

typedef struct reader {
    const unsigned char *text;
    size_t len;
    size_t pos;
    bool out_of_memory;     /* a failure was an allocation, not bad JSON */
} reader;

static void wipe_free(char *text, size_t len)
{
    if (!text)
        return;
    sodium_memzero(text, len);
    free(text);
}

static void entry_clear(cs_secret_entry *entry)
{
    if (entry->key)
        wipe_free(entry->key, strlen(entry->key));
    wipe_free(entry->value, entry->value_len);
    entry->key = NULL;
    entry->value = NULL;
    entry->value_len = 0;
}

void cs_secret_map_clear(cs_secret_map *map)
{
    if (!map)
        return;
    for (size_t i = 0; i < map->count; i++)
        entry_clear(&map->entries[i]);
    free(map->entries);
    map->entries = NULL;
    map->count = 0;
}

const char *cs_secret_map_get(const cs_secret_map *map, const char *key)
{
    if (!map || !key)
        return NULL;
    for (size_t i = 0; i < map->count; i++) {
        if (strcmp(map->entries[i].key, key) == 0)
            return map->entries[i].value;
    }
    return NULL;
}

static void skip_space(reader *r)
{
    while (r->pos < r->len) {
        unsigned char c = r->text[r->pos];
        if (c != ' ' && c != '\t' && c != '\n' && c != '\r')
            break;
        r->pos++;
    }
}

static bool literal(reader *r, const char *word)
{
    size_t length = strlen(word);
    if (r->len - r->pos < length || memcmp(r->text + r->pos, word, length) != 0)
        return false;
    r->pos += length;
    return true;
}

static int hex_value(unsigned char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

static bool read_hex4(reader *r, unsigned *out)
{
    if (r->len - r->pos < 4)
        return false;
    unsigned value = 0;
    for (int i = 0; i < 4; i++) {
        int digit = hex_value(r->text[r->pos + (size_t)i]);
        if (digit < 0)
            return false;
        value = value * 16 + (unsigned)digit;
    }
    r->pos += 4;
    *out = value;
    return true;
}

static size_t put_utf8(unsigned code, char *out)
{
    if (code < 0x80) {
        out[0] = (char)code;
        return 1;
    }
    if (code < 0x800) {
        out[0] = (char)(0xC0 | (code >> 6));
        out[1] = (char)(0x80 | (code & 0x3F));
        return 2;
    }
    if (code < 0x10000) {
        out[0] = (char)(0xE0 | (code >> 12));
        out[1] = (char)(0x80 | ((code >> 6) & 0x3F));
        out[2] = (char)(0x80 | (code & 0x3F));
        return 3;
    }
    out[0] = (char)(0xF0 | (code >> 18));
    out[1] = (char)(0x80 | ((code >> 12) & 0x3F));
    out[2] = (char)(0x80 | ((code >> 6) & 0x3F));
    out[3] = (char)(0x80 | (code & 0x3F));
    return 4;
}

/* A \u escape (after the "\u"), pairing surrogates; a lone surrogate
 * becomes U+FFFD, as encoding the JavaScript string to UTF-8 would. */
static bool read_unicode_escape(reader *r, unsigned *code)
{
    if (!read_hex4(r, code))
        return false;
    if (*code >= 0xD800 && *code <= 0xDBFF && r->len - r->pos >= 6 && r->text[r->pos] == '\\'
        && r->text[r->pos + 1] == 'u') {
        size_t saved = r->pos;
        unsigned low = 0;
        r->pos += 2;
        if (read_hex4(r, &low) && low >= 0xDC00 && low <= 0xDFFF) {
            *code = 0x10000 + ((*code - 0xD800) << 10) + (low - 0xDC00);
            return true;
        }
        r->pos = saved;
    }
    if (*code >= 0xD800 && *code <= 0xDFFF)
        *code = 0xFFFD;
    return true;
}

/* Reads a JSON string at r->pos (the opening quote).  With out non-NULL,
 * *out receives a malloc'd decoded copy (decoded text is never longer
 * than the source, so one allocation suffices). */
static bool read_string(reader *r, char **out, size_t *out_len)
{
    size_t start = ++r->pos;
    size_t end = start;
    while (end < r->len && r->text[end] != '"') {
        if (r->text[end] < 0x20)
            return false;
        end += r->text[end] == '\\' ? 2 : 1;
    }
    if (end >= r->len)
        return false;
    char *decoded = NULL;
    if (out) {
        decoded = malloc(end - start + 1);
        if (!decoded) {
            r->out_of_memory = true;
            return false;
        }
    }
    size_t length = 0;
    char scratch[4];
    bool valid = true;
    while (valid && r->pos < end) {
        /* copy the run up to the next escape in one go */
        const unsigned char *run = r->text + r->pos;
        const unsigned char *backslash = memchr(run, '\\', end - r->pos);
        size_t run_length = backslash ? (size_t)(backslash - run) : end - r->pos;
        if (decoded)
            memcpy(decoded + length, run, run_length);
        length += run_length;
        r->pos += run_length;
        if (r->pos >= end)
            break;
        r->pos++;
        char *target = decoded ? decoded + length : scratch;
        unsigned char c = r->text[r->pos++];
        const char *simple = c ? strchr("\"\\/bfnrt", c) : NULL;
        if (c == 'u') {
            unsigned code = 0;
            valid = read_unicode_escape(r, &code) && r->pos <= end;
            if (valid)
                length += put_utf8(code, target);
        } else if (simple) {
            static const char replacement[] = "\"\\/\b\f\n\r\t";
            *target = replacement[simple - "\"\\/bfnrt"];
            length++;
        } else {
            valid = false;
        }
    }
    sodium_memzero(scratch, sizeof scratch);
    if (!valid) {
        wipe_free(decoded, length);
        return false;
    }
    r->pos = end + 1;
    if (decoded) {
        decoded[length] = '\0';
        *out = decoded;
        *out_len = length;
    }
    return true;
}

static size_t digits(reader *r)
{
    size_t count = 0;
    while (r->pos < r->len && r->text[r->pos] >= '0' && r->text[r->pos] <= '9') {
        r->pos++;
        count++;
    }
    return count;
}

/* Validates a JSON number; with out non-NULL stores its JavaScript text. */
static bool read_number(reader *r, char **out, size_t *out_len)
{
    size_t start = r->pos;
    if (r->pos < r->len && r->text[r->pos] == '-')
        r->pos++;
    if (r->pos < r->len && r->text[r->pos] == '0')
        r->pos++;
    else if (digits(r) == 0)
        return false;
    if (r->pos < r->len && r->text[r->pos] == '.') {
        r->pos++;
        if (digits(r) == 0)
            return false;
    }
    if (r->pos < r->len && (r->text[r->pos] == 'e' || r->text[r->pos] == 'E')) {
        r->pos++;
        if (r->pos < r->len && (r->text[r->pos] == '+' || r->text[r->pos] == '-'))
            r->pos++;
        if (digits(r) == 0)
            return false;
    }
    if (!out)
        return true;
    size_t length = r->pos - start;
    char stack_token[NUMBER_STACK];
    char *token = length < sizeof stack_token ? stack_token : malloc(length + 1);
    if (!token) {
        r->out_of_memory = true;
        return false;
    }
    memcpy(token, r->text + start, length);
    token[length] = '\0';
    char formatted[CS_JS_NUMBER_MAX];
    size_t formatted_len = cs_format_js_number(strtod(token, NULL), formatted);
    sodium_memzero(token, length);
    if (token != stack_token)
        free(token);
    *out = malloc(formatted_len + 1);
    if (*out) {
        memcpy(*out, formatted, formatted_len + 1);
        *out_len = formatted_len;
    } else {
        r->out_of_memory = true;
    }
    sodium_memzero(formatted, sizeof formatted);
    return *out != NULL;
}

static bool skip_value(reader *r, int depth);

static bool skip_container(reader *r, int depth, unsigned char close, bool keyed)
{
    if (depth > MAX_NESTING)
        return false;
    r->pos++;
    skip_space(r);
    if (r->pos < r->len && r->text[r->pos] == close) {
        r->pos++;
        return true;
    }
    for (;;) {
        skip_space(r);
        if (keyed) {
            if (r->pos >= r->len || r->text[r->pos] != '"' || !read_string(r, NULL, NULL))
                return false;
            skip_space(r);
            if (r->pos >= r->len || r->text[r->pos++] != ':')
                return false;
            skip_space(r);
        }
        if (!skip_value(r, depth + 1))
            return false;
        skip_space(r);
        if (r->pos >= r->len)
            return false;
        unsigned char c = r->text[r->pos++];
        if (c == close)
            return true;
        if (c != ',')
            return false;
    }
}

static bool skip_value(reader *r, int depth)
{
    if (r->pos >= r->len)
        return false;
    switch (r->text[r->pos]) {
    case '{': return skip_container(r, depth, '}', true);
    case '[': return skip_container(r, depth, ']', false);
    case '"': return read_string(r, NULL, NULL);
    case 't': return literal(r, "true");
    case 'f': return literal(r, "false");
    case 'n': return literal(r, "null");
    default: return read_number(r, NULL, NULL);
    }
}

/* Reads one member value; primitive values are returned as text, other
 * values are validated and skipped (*value stays NULL). */
static bool read_member_value(reader *r, char **value, size_t *value_len)
{
    *value = NULL;
    if (r->pos >= r->len)
        return false;
    unsigned char c = r->text[r->pos];
    if (c == '"') {
        return read_string(r, value, value_len);
    }
    if (c == 't' || c == 'f') {
        const char *word = c == 't' ? "true" : "false";
        if (!literal(r, word))
            return false;
        *value = cs_strdup(word);
        *value_len = strlen(word);
        r->out_of_memory = *value == NULL;
        return *value != NULL;
    }
    if (c == '-' || (c >= '0' && c <= '9')) {
        return read_number(r, value, value_len);
    }
    return skip_value(r, 1);
}

static void map_remove(cs_secret_map *map, size_t index)
{
    entry_clear(&map->entries[index]);
    memmove(&map->entries[index], &map->entries[index + 1], (map->count - index - 1) * sizeof *map->entries);
    map->count--;
}

/* Stores key=value (taking both) with JSON.parse's duplicate rule: the
 * last value wins.  A later non-primitive value deletes the earlier entry. */
static bool map_store(cs_secret_map *map, size_t *capacity, char *key, char *value, size_t value_len)
{
    for (size_t i = 0; i < map->count; i++) {
        if (strcmp(map->entries[i].key, key) == 0) {
            if (!value) {
                map_remove(map, i);
                wipe_free(key, strlen(key));
                return true;
            }
            wipe_free(map->entries[i].value, map->entries[i].value_len);
            map->entries[i].value = value;
            map->entries[i].value_len = value_len;
            wipe_free(key, strlen(key));
            return true;
        }
    }
    if (!value) {
        wipe_free(key, strlen(key));
        return true;
    }
    if (map->count == *capacity) {
        size_t grown_capacity = *capacity ? *capacity * 2 : 8;
        cs_secret_entry *grown = malloc(grown_capacity * sizeof *grown);
        if (!grown)
            return false;
        if (map->count)
            memcpy(grown, map->entries, map->count * sizeof *grown);
        /* entries hold pointers to secrets, not the secrets: no wipe needed */
        free(map->entries);
        map->entries = grown;
        *capacity = grown_capacity;
    }
    map->entries[map->count++] = (cs_secret_entry){key, value, value_len};
    return true;
}

typedef enum parse_outcome { PARSED_OBJECT, NOT_AN_OBJECT, PARSE_NO_MEMORY } parse_outcome;

static parse_outcome parse_member(reader *r, cs_secret_map *map, size_t *capacity)
{
    char *key = NULL;
    size_t key_len = 0;
    if (r->pos >= r->len || r->text[r->pos] != '"' || !read_string(r, &key, &key_len))
        return r->out_of_memory ? PARSE_NO_MEMORY : NOT_AN_OBJECT;
    skip_space(r);
    char *value = NULL;
    size_t value_len = 0;
    if (r->pos >= r->len || r->text[r->pos++] != ':') {
        wipe_free(key, key_len);
        return NOT_AN_OBJECT;
    }
    skip_space(r);
    if (!read_member_value(r, &value, &value_len)) {
        wipe_free(key, key_len);
        return r->out_of_memory ? PARSE_NO_MEMORY : NOT_AN_OBJECT;
    }
    if (!map_store(map, capacity, key, value, value_len)) {
        wipe_free(key, key_len);
        wipe_free(value, value_len);
        return PARSE_NO_MEMORY;
    }
    return PARSED_OBJECT;
}

static parse_outcome parse_object(reader *r, cs_secret_map *map)
{
    size_t capacity = 0;
    r->pos++;
    skip_space(r);
    if (r->pos < r->len && r->text[r->pos] == '}') {
        r->pos++;
    } else {
        for (;;) {
            skip_space(r);
            parse_outcome outcome = parse_member(r, map, &capacity);
            if (outcome != PARSED_OBJECT)
                return outcome;
            skip_space(r);
            if (r->pos >= r->len)
                return NOT_AN_OBJECT;
            unsigned char c = r->text[r->pos++];
            if (c == '}')
                break;
            if (c != ',')
                return NOT_AN_OBJECT;
        }
    }
    skip_space(r);
    return r->pos == r->len ? PARSED_OBJECT : NOT_AN_OBJECT;
}

static cs_status store_whole_secret(const unsigned char *data, size_t len, cs_secret_map *out)
{
    out->entries = calloc(1, sizeof *out->entries);
    char *key = cs_strdup("secret");
    char *value = malloc(len + 1);
    if (!out->entries || !key || !value) {
        free(out->entries);
        out->entries = NULL;
        free(key);
        free(value);
        return CS_STATUS_OUT_OF_MEMORY;
    }
    if (len)
        memcpy(value, data, len);
    value[len] = '\0';
    out->entries[0] = (cs_secret_entry){key, value, len};
    out->count = 1;
    return CS_STATUS_OK;
}

cs_status cs_secret_map_parse(const unsigned char *data, size_t len, cs_secret_map *out)
{
    if (!out || (!data && len > 0))
        return CS_STATUS_INVALID_ARGUMENT;
    *out = (cs_secret_map)CS_SECRET_MAP_INIT;
    reader r = {data, len, 0, false};
    skip_space(&r);
    /* Only an object yields members; every other JSON value, like invalid
     * JSON, becomes the single "secret" entry, so there is no need to parse. */
    if (r.pos < r.len && r.text[r.pos] == '{') {
        parse_outcome outcome = parse_object(&r, out);
        if (outcome == PARSED_OBJECT)
            return CS_STATUS_OK;
        cs_secret_map_clear(out);
        if (outcome == PARSE_NO_MEMORY)
            return CS_STATUS_OUT_OF_MEMORY;
    }
    return store_whole_secret(data, len, out);
}
