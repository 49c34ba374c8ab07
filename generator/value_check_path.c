/* value_check_path: JSON Pointers (RFC 6901) built while walking a value. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "value_check_internal.h"

void value_path_init(value_path *path)
{
    path->fallback[0] = '\0';
    path->text = path->fallback;
    path->len = 0;
    path->cap = 0;
}

void value_path_free(value_path *path)
{
    if (path->text != path->fallback)
        free(path->text);
    value_path_init(path);
}

static bool reserve(value_path *path, size_t extra)
{
    if (path->len + extra + 1 <= path->cap)
        return true;
    size_t cap = path->cap ? path->cap : 64;
    while (cap < path->len + extra + 1) {
        if (cap > SIZE_MAX / 2)
            return false;
        cap *= 2;
    }
    char *grown = realloc(path->text == path->fallback ? NULL : path->text, cap);
    if (!grown)
        return false;
    if (path->text == path->fallback)
        grown[0] = '\0';
    path->text = grown;
    path->cap = cap;
    return true;
}

static void append(value_path *path, const char *s, size_t n)
{
    if (!reserve(path, n))
        return;
    memcpy(path->text + path->len, s, n);
    path->len += n;
    path->text[path->len] = '\0';
}

size_t value_path_push_key(value_path *path, const char *key)
{
    size_t before = path->len;
    append(path, "/", 1);
    for (const char *p = key ? key : ""; *p; p++) {
        if (*p == '~')
            append(path, "~0", 2);
        else if (*p == '/')
            append(path, "~1", 2);
        else
            append(path, p, 1);
    }
    return before;
}

size_t value_path_push_index(value_path *path, size_t index)
{
    size_t before = path->len;
    char digits[32];
    int n = snprintf(digits, sizeof digits, "/%zu", index);
    if (n > 0)
        append(path, digits, (size_t)n);
    return before;
}

void value_path_truncate(value_path *path, size_t len)
{
    if (len < path->len) {
        path->len = len;
        path->text[len] = '\0';
    }
}
