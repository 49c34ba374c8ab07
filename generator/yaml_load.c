/* yaml_load: the load_set (documents of every file loaded) and loading a
 * buffer; parsing itself is in yaml_load_build.c, files and directories
 * in load_paths.c. */
#include <limits.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "yaml_load_internal.h"

void load_limits_default(load_limits *limits)
{
    limits->max_depth = 64;
    limits->max_alias_nodes = 100000;
    limits->max_file_bytes = (size_t)256 * 1024 * 1024;
}

load_set *load_set_new(const load_limits *limits)
{
    load_set *set = calloc(1, sizeof(*set));
    if (set == NULL)
        return NULL;
    set->arena = arena_new();
    if (set->arena == NULL) {
        free(set);
        return NULL;
    }
    if (limits != NULL)
        set->limits = *limits;
    else
        load_limits_default(&set->limits);
    return set;
}

void load_set_free(load_set *set)
{
    if (set == NULL)
        return;
    arena_free(set->arena);
    free(set->docs);
    free(set->seen.slots);
    free(set);
}

bool load_set_append_doc(load_set *set, const char *file, size_t index, cnode *root)
{
    if (set->doc_count == set->doc_capacity) {
        size_t capacity = set->doc_capacity ? set->doc_capacity * 2 : 64;
        cdoc *docs = realloc(set->docs, capacity * sizeof(*docs));
        if (docs == NULL)
            return false;
        set->docs = docs;
        set->doc_capacity = capacity;
    }
    set->docs[set->doc_count++] = (cdoc){.file = file, .index = index, .root = root};
    return true;
}

bool load_set_add_buffer(load_set *set, const char *name, const char *data, size_t len,
                         diag_set *diags)
{
    const char *file = arena_strdup(set->arena, name);
    if (file == NULL) {
        diag_error(diags, (src_loc){name, 0, 0}, "out of memory while loading");
        return false;
    }
    set->file_count++;
    if (len > set->limits.max_file_bytes) {
        diag_error(diags, (src_loc){file, 0, 0},
                   "file is %zu bytes, more than the limit of %zu bytes", len,
                   set->limits.max_file_bytes);
        return true;
    }
    return yaml_load_parse(set, file, (const unsigned char *)data, len, diags);
}

size_t load_set_doc_count(const load_set *set)
{
    return set->doc_count;
}

const cdoc *load_set_doc(const load_set *set, size_t index)
{
    return index < set->doc_count ? &set->docs[index] : NULL;
}

size_t load_set_file_count(const load_set *set)
{
    return set->file_count;
}

void yaml_load_quote(const char *text, size_t len, char *out, size_t size)
{
    static const char hex[] = "0123456789abcdef";
    enum { CUT_MARK = 4 };  /* "..." and the NUL */
    size_t o = 0;
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)text[i];
        char escaped[5];
        size_t n;
        if (c == '\n' || c == '\t' || c == '\r' || c == '\\' || c == '\'') {
            escaped[0] = '\\';
            escaped[1] = c == '\n' ? 'n' : c == '\t' ? 't' : c == '\r' ? 'r' : (char)c;
            n = 2;
        } else if (c < 0x20 || c == 0x7F) {
            escaped[0] = '\\';
            escaped[1] = 'x';
            escaped[2] = hex[c >> 4];
            escaped[3] = hex[c & 15];
            n = 4;
        } else {
            escaped[0] = (char)c;
            n = 1;
        }
        if (o + n + CUT_MARK > size) {
            /* Cut before the character this byte belongs to, never inside
             * a UTF-8 sequence. */
            if ((c & 0xC0) == 0x80) {
                while (o > 0 && ((unsigned char)out[o - 1] & 0xC0) == 0x80)
                    o--;
                if (o > 0)
                    o--;
            }
            if (o + CUT_MARK <= size) {
                memcpy(out + o, "...", 3);
                o += 3;
            }
            break;
        }
        memcpy(out + o, escaped, n);
        o += n;
    }
    if (size > 0)
        out[o < size ? o : size - 1] = '\0';
}

void yaml_load_offset_position(const unsigned char *data, size_t len, size_t offset,
                               unsigned *line, unsigned *col)
{
    size_t l = 1;
    size_t c = 1;
    size_t i = 0;
    if (len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0)
        i = 3;
    if (offset > len)
        offset = len;
    for (; i < offset; i++) {
        unsigned char byte = data[i];
        if (byte == '\n' || (byte == '\r' && (i + 1 >= len || data[i + 1] != '\n'))) {
            l++;
            c = 1;
        } else if (byte != '\r' && (byte & 0xC0) != 0x80) {
            c++;
        }
    }
    *line = l > UINT_MAX ? UINT_MAX : (unsigned)l;
    *col = c > UINT_MAX ? UINT_MAX : (unsigned)c;
}
