/* Render throughput of the Mustache engine on the reference benchmark:
 * header.mustache with the partials field_decl and field_check over
 * data.json (1,000 structs x 10 fields), escaping like mustache.js.
 *
 * usage: mustache_bench [DIR] [PASSES] [OUT]
 *   DIR     the benchmark inputs (default: the shared bench directory)
 *   PASSES  measured renders per mode (default 25)
 *   OUT     where to write one rendered output (optional)
 *
 * Prints one JSON line per mode (median ms per render, renders/s, MB/s of
 * output) and checks the output's sha256 against DIR/expected.sha256.
 * Exit status: 0, 1 when the output differs, 2 on usage or I/O errors. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <sodium.h>

#include "mustache.h"

#ifndef CONTRACTC_BENCH_MUSTACHE_DIR
#define CONTRACTC_BENCH_MUSTACHE_DIR "."
#endif

typedef struct bench {
    const char *dir;
    char *tpl_src;
    size_t tpl_len;
    cJSON *view;
    mustache_dir_list dirs;
    const char *dir_array[1];
} bench;

static double now_ms(void)
{
    struct timespec ts;
    timespec_get(&ts, TIME_UTC);
    return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

static int compare_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

static bool read_in(const bench *b, const char *file, char **text, size_t *len)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/%s", b->dir, file);
    mustache_error err;
    if (!mustache_read_file(path, text, len, &err)) {
        mustache_error_print(stderr, &err);
        return false;
    }
    return true;
}

/* One render; with a fresh cache (and template) when compile is true. */
static bool render_once(const bench *b, const mustache_template *cached_tpl, mustache_partials *cached_partials,
                        mustache_buf *out)
{
    mustache_error err;
    mustache_template *own_tpl = NULL;
    mustache_partials *own_partials = NULL;
    if (!cached_tpl) {
        own_tpl = mustache_compile("header.mustache", b->tpl_src, b->tpl_len, NULL, &err);
        own_partials = mustache_partials_new(mustache_dir_loader, (void *)&b->dirs, NULL);
        if (!own_tpl || !own_partials) {
            if (!own_tpl)
                mustache_error_print(stderr, &err);
            mustache_template_free(own_tpl);
            mustache_partials_free(own_partials);
            return false;
        }
    }
    mustache_render_options opt = {MUSTACHE_ESCAPE_HTML_JS, NULL, NULL,
                                   own_partials ? own_partials : cached_partials, true, 0, 0};
    mustache_buf_clear(out);
    bool ok = mustache_render(own_tpl ? own_tpl : cached_tpl, b->view, &opt, mustache_sink_buffer(out), &err);
    if (!ok)
        mustache_error_print(stderr, &err);
    mustache_template_free(own_tpl);
    mustache_partials_free(own_partials);
    return ok;
}

static bool measure(const bench *b, const char *what, const mustache_template *tpl, mustache_partials *partials,
                    int passes, mustache_buf *out)
{
    double *ms = malloc((size_t)passes * sizeof *ms);
    if (!ms)
        return false;
    for (int p = -2; p < passes; p++) {     /* two warm-up renders */
        double t0 = now_ms();
        if (!render_once(b, tpl, partials, out)) {
            free(ms);
            return false;
        }
        if (p >= 0)
            ms[p] = now_ms() - t0;
    }
    qsort(ms, (size_t)passes, sizeof *ms, compare_double);
    double median = passes % 2 ? ms[passes / 2] : (ms[passes / 2 - 1] + ms[passes / 2]) / 2;
    double mb = (double)out->len / 1e6;
    printf("{\"tool\": \"contractc mustache\", \"what\": \"%s\", \"out_bytes\": %zu, \"passes\": %d, "
           "\"ms_median\": %.3f, \"ms_min\": %.3f, \"ms_max\": %.3f, \"renders_per_s_median\": %.1f, "
           "\"mb_out_per_s_median\": %.1f}\n",
           what, out->len, passes, median, ms[0], ms[passes - 1], 1000.0 / median, mb / (median / 1e3));
    free(ms);
    return true;
}

static bool check_sha256(const bench *b, const mustache_buf *out)
{
    unsigned char digest[crypto_hash_sha256_BYTES];
    crypto_hash_sha256(digest, (const unsigned char *)out->data, out->len);
    char hex[2 * crypto_hash_sha256_BYTES + 1];
    sodium_bin2hex(hex, sizeof hex, digest, sizeof digest);
    char *expected;
    size_t len;
    if (!read_in(b, "expected.sha256", &expected, &len))
        return false;
    bool same = len >= 64 && strncmp(expected, hex, 64) == 0;
    printf("{\"sha256\": \"%s\", \"expected\": \"%.64s\", \"identical\": %s}\n", hex, expected,
           same ? "true" : "false");
    free(expected);
    return same;
}

int main(int argc, char **argv)
{
    bench b;
    memset(&b, 0, sizeof b);
    b.dir = argc > 1 ? argv[1] : CONTRACTC_BENCH_MUSTACHE_DIR;
    int passes = argc > 2 ? atoi(argv[2]) : 25;
    if (passes < 1 || sodium_init() < 0) {
        fprintf(stderr, "usage: mustache_bench [DIR] [PASSES>0] [OUT]\n");
        return 2;
    }
    b.dir_array[0] = b.dir;
    b.dirs.dirs = b.dir_array;
    b.dirs.count = 1;
    char *json;
    size_t json_len;
    if (!read_in(&b, "header.mustache", &b.tpl_src, &b.tpl_len) || !read_in(&b, "data.json", &json, &json_len))
        return 2;
    b.view = cJSON_ParseWithLength(json, json_len);
    free(json);
    if (!b.view) {
        fprintf(stderr, "%s/data.json: invalid JSON\n", b.dir);
        free(b.tpl_src);
        return 2;
    }

    int status = 2;
    mustache_error err;
    mustache_buf out;
    mustache_buf_init(&out);
    mustache_template *tpl = mustache_compile("header.mustache", b.tpl_src, b.tpl_len, NULL, &err);
    mustache_partials *partials = mustache_partials_new(mustache_dir_loader, &b.dirs, NULL);
    if (!tpl)
        mustache_error_print(stderr, &err);
    else if (partials && render_once(&b, tpl, partials, &out)) {
        status = check_sha256(&b, &out) ? 0 : 1;
        if (argc > 3) {
            FILE *f = fopen(argv[3], "wb");
            if (!f || fwrite(out.data, 1, out.len, f) != out.len)
                status = 2;
            if (f && fclose(f) != 0)
                status = 2;
        }
        if (!measure(&b, "compile template+partials and render", NULL, NULL, passes, &out) ||
            !measure(&b, "render, compiled template and partials cached", tpl, partials, passes, &out))
            status = 2;
    }
    mustache_buf_free(&out);
    mustache_partials_free(partials);
    mustache_template_free(tpl);
    cJSON_Delete(b.view);
    free(b.tpl_src);
    return status;
}
