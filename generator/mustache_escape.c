/* mustache_escape: the built-in escape tables.  HTML is the spec's set;
 * HTML_JS adds the four characters mustache.js also escapes, so output can
 * match mustache.js byte for byte. */
#include <string.h>

#include "mustache_internal.h"

typedef struct entity {
    const char *text;
    unsigned char len;
} entity;

/* Indexed by byte; len 0 means "copy as is". */
static const entity html_entities[256] = {
    ['&'] = {"&amp;", 5},
    ['<'] = {"&lt;", 4},
    ['>'] = {"&gt;", 4},
    ['"'] = {"&quot;", 6},
};

static const entity html_js_entities[256] = {
    ['&'] = {"&amp;", 5},
    ['<'] = {"&lt;", 4},
    ['>'] = {"&gt;", 4},
    ['"'] = {"&quot;", 6},
    ['\''] = {"&#39;", 5},
    ['/'] = {"&#x2F;", 6},
    ['`'] = {"&#x60;", 6},
    ['='] = {"&#x3D;", 6},
};

static bool escape_with(const entity *table, const char *s, size_t n, mustache_buf *out)
{
    size_t run = 0;     /* start of the bytes not yet copied */
    for (size_t i = 0; i < n; i++) {
        const entity *e = &table[(unsigned char)s[i]];
        if (e->len == 0)
            continue;
        if (!mustache_buf_append(out, s + run, i - run) || !mustache_buf_append(out, e->text, e->len))
            return false;
        run = i + 1;
    }
    return mustache_buf_append(out, s + run, n - run);
}

const char *mustache_escape_set(mustache_escape_mode mode)
{
    switch (mode) {
    case MUSTACHE_ESCAPE_HTML:
        return "&<>\"";
    case MUSTACHE_ESCAPE_HTML_JS:
        return "&<>\"'/`=";
    case MUSTACHE_ESCAPE_NONE:
    case MUSTACHE_ESCAPE_CALLBACK:
        break;
    }
    return "";
}

bool mustache_escape_append(mustache_escape_mode mode, const char *s, size_t n, mustache_buf *out)
{
    switch (mode) {
    case MUSTACHE_ESCAPE_HTML:
        return escape_with(html_entities, s, n, out);
    case MUSTACHE_ESCAPE_HTML_JS:
        return escape_with(html_js_entities, s, n, out);
    case MUSTACHE_ESCAPE_NONE:
    case MUSTACHE_ESCAPE_CALLBACK:
        break;
    }
    return mustache_buf_append(out, s, n);
}
