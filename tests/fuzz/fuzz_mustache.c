/* Fuzz target for the Mustache engine (libFuzzer entry point).
 *
 * Input: up to three NUL-separated parts: the template, then the sources
 * of the partials "p" and "q".  The template is compiled and rendered
 * against a fixed view that has every JSON type, with both escape modes,
 * strict and lenient partials, under small depth and output limits (so a
 * hostile template ends with an error, never a hang).  Nothing may crash,
 * leak or read out of bounds; errors must carry a position. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "mustache.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char view_json[] =
    "{\"a\": \"p\", \"b\": [1, \"x\", {\"c\": true, \"a\": \"q\"}], \"n\": null, \"f\": false, \"t\": true,"
    " \"o\": {\"p\": \"q\", \"s\": \"<&>\\\"'\", \"o\": {\"z\": 0}}, \"e\": [], \"d\": 1.5, \"s\": \"\"}";

static void check_error(const mustache_error *err)
{
    /* every error but resource ones has a place */
    if (err->code == MUSTACHE_OK || (err->code != MUSTACHE_ERR_NOMEM && err->code != MUSTACHE_ERR_OUTPUT_LIMIT &&
                                     err->code != MUSTACHE_ERR_IO && err->line == 0))
        abort();
}

static void render_all(const mustache_template *tpl, const cJSON *view, mustache_partials *partials)
{
    static const mustache_escape_mode modes[] = {MUSTACHE_ESCAPE_HTML, MUSTACHE_ESCAPE_NONE};
    for (size_t i = 0; i < 2; i++) {
        mustache_render_options opt = {modes[i], NULL, NULL, partials, i == 1, 12, 1 << 20};
        mustache_buf out;
        mustache_buf_init(&out);
        mustache_error err;
        if (!mustache_render(tpl, view, &opt, mustache_sink_buffer(&out), &err))
            check_error(&err);
        else if (out.len > (1u << 20))
            abort();
        mustache_buf_free(&out);
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *parts[3] = {"", "", ""};
    size_t lens[3] = {0, 0, 0};
    const char *p = (const char *)data;
    size_t left = size;
    for (size_t i = 0; i < 3; i++) {
        const char *nul = i < 2 ? memchr(p, '\0', left) : NULL;
        size_t n = nul ? (size_t)(nul - p) : left;
        parts[i] = p;
        lens[i] = n;
        if (!nul)
            break;
        p += n + 1;
        left -= n + 1;
    }

    mustache_error err;
    mustache_template *tpl = mustache_compile("fuzz", parts[0], lens[0], NULL, &err);
    if (!tpl) {
        check_error(&err);
        return 0;
    }
    cJSON *view = cJSON_Parse(view_json);
    mustache_partials *partials = mustache_partials_new(NULL, NULL, NULL);
    const char *names[2] = {"p", "q"};
    for (size_t i = 0; i < 2 && partials; i++) {
        mustache_template *partial = mustache_compile(names[i], parts[i + 1], lens[i + 1], NULL, &err);
        if (partial)
            mustache_partials_add(partials, names[i], partial);
        else
            check_error(&err);
    }
    if (view && partials)
        render_all(tpl, view, partials);
    mustache_partials_free(partials);
    cJSON_Delete(view);
    mustache_template_free(tpl);
    return 0;
}
