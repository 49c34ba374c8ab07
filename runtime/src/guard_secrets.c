/* Secret payload parsing (ContractSpec's guard, step 4) with a small JSON
 * reader of our own: cJSON writes a process-wide error pointer on every
 * parse (a data race when guards run on several threads) and frees its
 * strings without wiping them.  Here every copy of secret text is ours and
 * is wiped before it is freed.
 *
 * A map is one allocation: the entry array followed by the decoded keys and
 * values.  The object is validated and its members counted first, so the
 * block can be sized exactly enough (decoded text is never longer than its
 * source, and a number's JavaScript text is at most CS_JS_NUMBER_MAX). */
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "contractc/guard.h"
#include "status_format.h"
#include "text_hex.h"

enum { MAX_NESTING = 512 };

typedef struct reader {
    const unsigned char *text;
    size_t len;
    size_t pos;
} reader;

/* Where decoded text goes; NULL arena: validate only. */
typedef struct arena {
    char *next;
    char *end;
} arena;

static void entry_wipe(cs_secret_entry *entry)
{
    if (entry->key)
        sodium_memzero(entry->key, strlen(entry->key));
    if (entry->value)
        sodium_memzero(entry->value, entry->value_len);
    entry->key = NULL;
    entry->value = NULL;
    entry->value_len = 0;
}

void cs_secret_map_clear(cs_secret_map *map)
{
    if (!map)
        return;
    for (size_t i = 0; i < map->count; i++)
        entry_wipe(&map->entries[i]);
    /* the entries hold only pointers; the texts they point to are wiped */
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

static bool read_hex4(reader *r, unsigned *out)
{
    if (r->len - r->pos < 4)
        return false;
    unsigned value = 0;
    for (int i = 0; i < 4; i++) {
        int digit = cs_hex_digit_value(r->text[r->pos + (size_t)i]);
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

/* Reads a JSON string at r->pos (the opening quote).  With an arena, the
 * decoded text is stored there and *out points at it. */
static bool read_string(reader *r, arena *a, char **out, size_t *out_len)
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
    if (a) {
        if ((size_t)(a->end - a->next) < end - start + 1)
            return false;   /* cannot happen: the block is sized for the worst case */
        decoded = a->next;
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
        if (decoded)
            sodium_memzero(decoded, length);
        return false;
    }
    r->pos = end + 1;
    if (decoded) {
        decoded[length] = '\0';
        a->next += length + 1;
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

/* Validates a JSON number; with an arena stores its JavaScript text there.
 * The token is copied into the arena to NUL-terminate it for strtod, then
 * wiped and overwritten (the member's slack guarantees the room). */
static bool read_number(reader *r, arena *a, char **out, size_t *out_len)
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
    if (!a)
        return true;
    size_t length = r->pos - start;
    size_t room = (size_t)(a->end - a->next);
    if (room < length + 1 || room < CS_JS_NUMBER_MAX)
        return false;   /* cannot happen: the block is sized for the worst case */
    char *token = a->next;
    memcpy(token, r->text + start, length);
    token[length] = '\0';
    char formatted[CS_JS_NUMBER_MAX];
    size_t formatted_len = cs_format_js_number(strtod(token, NULL), formatted);
    sodium_memzero(token, length);
    memcpy(token, formatted, formatted_len + 1);
    sodium_memzero(formatted, sizeof formatted);
    a->next += formatted_len + 1;
    *out = token;
    *out_len = formatted_len;
    return true;
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
            if (r->pos >= r->len || r->text[r->pos] != '"' || !read_string(r, NULL, NULL, NULL))
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
    case '"': return read_string(r, NULL, NULL, NULL);
    case 't': return literal(r, "true");
    case 'f': return literal(r, "false");
    case 'n': return literal(r, "null");
    default: return read_number(r, NULL, NULL, NULL);
    }
}

/* Reads one member value; primitive values are returned as text (in the
 * arena when there is one), other values are validated and skipped
 * (*value stays NULL). */
static bool read_member_value(reader *r, arena *a, char **value, size_t *value_len)
{
    *value = NULL;
    if (r->pos >= r->len)
        return false;
    unsigned char c = r->text[r->pos];
    if (c == '"')
        return read_string(r, a, value, value_len);
    if (c == 't' || c == 'f') {
        const char *word = c == 't' ? "true" : "false";
        size_t length = strlen(word);
        if (!literal(r, word))
            return false;
        if (a) {
            if ((size_t)(a->end - a->next) < length + 1)
                return false;
            memcpy(a->next, word, length + 1);
            *value = a->next;
            *value_len = length;
            a->next += length + 1;
        }
        return true;
    }
    if (c == '-' || (c >= '0' && c <= '9'))
        return read_number(r, a, value, value_len);
    return skip_value(r, 1);
}

static void map_remove(cs_secret_map *map, size_t index)
{
    entry_wipe(&map->entries[index]);
    memmove(&map->entries[index], &map->entries[index + 1], (map->count - index - 1) * sizeof *map->entries);
    map->count--;
}

/* Stores key=value with JSON.parse's duplicate rule: the last value wins
 * (keeping the first position); a later non-primitive value (NULL here)
 * deletes the member.  Replaced and unused texts are wiped at once. */
static void map_store(cs_secret_map *map, char *key, char *value, size_t value_len)
{
    for (size_t i = 0; i < map->count; i++) {
        if (strcmp(map->entries[i].key, key) != 0)
            continue;
        sodium_memzero(key, strlen(key));
        if (!value) {
            map_remove(map, i);
            return;
        }
        sodium_memzero(map->entries[i].value, map->entries[i].value_len);
        map->entries[i].value = value;
        map->entries[i].value_len = value_len;
        return;
    }
    if (!value) {
        sodium_memzero(key, strlen(key));
        return;
    }
    map->entries[map->count++] = (cs_secret_entry){key, value, value_len};
}

/* One member.  Without a map (the validation pass) nothing is stored. */
static bool parse_member(reader *r, arena *a, cs_secret_map *map)
{
    char *key = NULL;
    size_t key_len = 0;
    if (r->pos >= r->len || r->text[r->pos] != '"' || !read_string(r, a, &key, &key_len))
        return false;
    skip_space(r);
    if (r->pos >= r->len || r->text[r->pos++] != ':')
        return false;
    skip_space(r);
    char *value = NULL;
    size_t value_len = 0;
    if (!read_member_value(r, a, &value, &value_len))
        return false;
    if (!map)
        return true;
    if (memchr(key, '\0', key_len) != NULL) {
        /* A key with U+0000 cannot be named by a C string: as a C string it
         * would read as a shorter, different key (and merge with it), and
         * the bytes after the NUL would escape strlen-based wiping.  Such a
         * member is dropped, its texts wiped now. */
        sodium_memzero(key, key_len);
        if (value)
            sodium_memzero(value, value_len);
        return true;
    }
    map_store(map, key, value, value_len);
    return true;
}

/* Parses the object at r->pos to the end of the text; counts its members. */
static bool parse_object(reader *r, arena *a, cs_secret_map *map, size_t *members)
{
    *members = 0;
    r->pos++;
    skip_space(r);
    if (r->pos < r->len && r->text[r->pos] == '}') {
        r->pos++;
    } else {
        for (;;) {
            skip_space(r);
            if (!parse_member(r, a, map))
                return false;
            (*members)++;
            skip_space(r);
            if (r->pos >= r->len)
                return false;
            unsigned char c = r->text[r->pos++];
            if (c == '}')
                break;
            if (c != ',')
                return false;
        }
    }
    skip_space(r);
    return r->pos == r->len;
}

static cs_status store_whole_secret(const unsigned char *data, size_t len, cs_secret_map *out)
{
    static const char key[] = "secret";
    char *block = malloc(sizeof *out->entries + sizeof key + len + 1);
    if (!block)
        return CS_STATUS_OUT_OF_MEMORY;
    cs_secret_entry *entry = (cs_secret_entry *)(void *)block;
    char *key_copy = block + sizeof *entry;
    char *value = key_copy + sizeof key;
    memcpy(key_copy, key, sizeof key);
    if (len)
        memcpy(value, data, len);
    value[len] = '\0';
    *entry = (cs_secret_entry){key_copy, value, len};
    out->entries = entry;
    out->count = 1;
    return CS_STATUS_OK;
}

/* The second pass over a validated object with `members` members. */
static cs_status store_object(const unsigned char *data, size_t len, size_t object_start, size_t members,
                              cs_secret_map *out)
{
    if (members == 0)
        return CS_STATUS_OK;
    size_t entries_size = members * sizeof *out->entries;
    size_t text_size = len + 1 + members * (CS_JS_NUMBER_MAX + 2);
    char *block = malloc(entries_size + text_size);
    if (!block)
        return CS_STATUS_OUT_OF_MEMORY;
    out->entries = (cs_secret_entry *)(void *)block;
    out->count = 0;
    arena a = {block + entries_size, block + entries_size + text_size};
    reader r = {data, len, object_start};
    size_t counted = 0;
    if (!parse_object(&r, &a, out, &counted)) {
        /* unreachable after a successful validation pass; fail safe */
        cs_secret_map_clear(out);
        return CS_STATUS_UNKNOWN_ERROR;
    }
    return CS_STATUS_OK;
}

cs_status cs_secret_map_parse(const unsigned char *data, size_t len, cs_secret_map *out)
{
    if (!out || (!data && len > 0))
        return CS_STATUS_INVALID_ARGUMENT;
    *out = (cs_secret_map)CS_SECRET_MAP_INIT;
    reader r = {data, len, 0};
    skip_space(&r);
    /* Only an object yields members; every other JSON value, like invalid
     * JSON, becomes the single "secret" entry, so there is no need to parse. */
    if (r.pos < r.len && r.text[r.pos] == '{') {
        size_t object_start = r.pos;
        size_t members = 0;
        if (parse_object(&r, NULL, NULL, &members))
            return store_object(data, len, object_start, members, out);
    }
    return store_whole_secret(data, len, out);
}
