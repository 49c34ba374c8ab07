/* mustache_error: error records, their GCC-style printing, and the small
 * helpers every stage uses to place an error (line/column of an offset). */
#include <stdio.h>
#include <string.h>

#include "mustache_internal.h"

#define MUSTACHE_NAME_ENTRY(name, text) text,
static const char *const code_names[] = {MUSTACHE_ERROR_CODES(MUSTACHE_NAME_ENTRY)};
#undef MUSTACHE_NAME_ENTRY

const char *mustache_error_code_name(mustache_error_code code)
{
    size_t count = sizeof code_names / sizeof code_names[0];
    if ((size_t)code >= count)
        return "unknown";
    return code_names[code];
}

static void copy_truncated(char *dst, size_t size, const char *src)
{
    size_t n = strlen(src);
    if (n >= size)
        n = size - 1;
    memcpy(dst, src, n);
    dst[n] = '\0';
}

void mustache_error_setv(mustache_error *err, mustache_error_code code, const char *name, unsigned line,
                         unsigned col, const char *fmt, va_list ap)
{
    if (!err)
        return;
    memset(err, 0, sizeof *err);
    err->code = code;
    copy_truncated(err->name, sizeof err->name, name ? name : "<template>");
    err->line = line;
    err->column = col;
    vsnprintf(err->message, sizeof err->message, fmt, ap);
}

void mustache_error_set(mustache_error *err, mustache_error_code code, const char *name, unsigned line,
                        unsigned col, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    mustache_error_setv(err, code, name, line, col, fmt, ap);
    va_end(ap);
}

void mustache_error_note(mustache_error *err, unsigned line, unsigned col, const char *fmt, ...)
{
    if (!err)
        return;
    err->has_note = true;
    err->note_line = line;
    err->note_column = col;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(err->note, sizeof err->note, fmt, ap);
    va_end(ap);
}

static void print_place(FILE *out, const char *name, unsigned line, unsigned col)
{
    if (line == 0)
        fprintf(out, "%s: ", name);
    else
        fprintf(out, "%s:%u:%u: ", name, line, col);
}

void mustache_error_print(FILE *out, const mustache_error *err)
{
    print_place(out, err->name, err->line, err->column);
    fprintf(out, "error: %s\n", err->message);
    if (err->has_note) {
        print_place(out, err->name, err->note_line, err->note_column);
        fprintf(out, "note: %s\n", err->note);
    }
}

/* FNV-1a: partial names are short; this only speeds up the cache scan. */
uint32_t mustache_hash(const char *s)
{
    uint32_t h = 2166136261u;
    for (; *s; s++) {
        h ^= (unsigned char)*s;
        h *= 16777619u;
    }
    return h;
}
