/* mustache_buf: the growable output buffer (amortised doubling) and the
 * two sink kinds. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "mustache.h"

void mustache_buf_init(mustache_buf *buf)
{
    buf->data = NULL;
    buf->len = 0;
    buf->cap = 0;
}

void mustache_buf_free(mustache_buf *buf)
{
    if (!buf)
        return;
    free(buf->data);
    mustache_buf_init(buf);
}

void mustache_buf_clear(mustache_buf *buf)
{
    buf->len = 0;
    if (buf->data)
        buf->data[0] = '\0';
}

bool mustache_buf_reserve(mustache_buf *buf, size_t extra)
{
    if (extra >= SIZE_MAX - buf->len)
        return false;
    size_t need = buf->len + extra + 1;     /* room for the NUL */
    if (need <= buf->cap)
        return true;
    size_t cap = buf->cap ? buf->cap : 256;
    while (cap < need) {
        if (cap > SIZE_MAX / 2) {
            cap = need;
            break;
        }
        cap *= 2;
    }
    char *data = realloc(buf->data, cap);
    if (!data)
        return false;
    buf->data = data;
    buf->cap = cap;
    return true;
}

bool mustache_buf_append(mustache_buf *buf, const char *s, size_t n)
{
    if (!mustache_buf_reserve(buf, n))
        return false;
    if (n)
        memcpy(buf->data + buf->len, s, n);
    buf->len += n;
    buf->data[buf->len] = '\0';
    return true;
}

mustache_sink mustache_sink_buffer(mustache_buf *buf)
{
    mustache_sink sink = {buf, NULL};
    return sink;
}

mustache_sink mustache_sink_file(FILE *file)
{
    mustache_sink sink = {NULL, file};
    return sink;
}
