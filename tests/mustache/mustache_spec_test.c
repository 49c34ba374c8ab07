/* The official Mustache spec suite, one CUnit test per spec test (so a
 * failure names it).  Usage: mustache_spec_test SPEC_DIR.  Exits 77
 * (skipped) when SPEC_DIR does not exist. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <CUnit/Basic.h>

#include "mustache.h"

static const char *const modules[] = {
    "comments", "delimiters", "interpolation", "inverted", "partials", "sections", "~inheritance", "~dynamic-names",
};

typedef struct spec_case {
    CU_pTest test;
    const cJSON *data;
} spec_case;

static spec_case *cases;
static size_t case_count;
static cJSON *documents[sizeof modules / sizeof modules[0]];

static void run_case(void)
{
    CU_pTest self = CU_get_current_test();
    const cJSON *t = NULL;
    for (size_t i = 0; i < case_count; i++) {
        if (cases[i].test == self)
            t = cases[i].data;
    }
    CU_ASSERT_PTR_NOT_NULL_FATAL(t);
    const cJSON *tpl_src = cJSON_GetObjectItemCaseSensitive(t, "template");
    const cJSON *expected = cJSON_GetObjectItemCaseSensitive(t, "expected");
    CU_ASSERT_FATAL(cJSON_IsString(tpl_src) && cJSON_IsString(expected));

    mustache_error err;
    mustache_template *tpl =
        mustache_compile("template", tpl_src->valuestring, strlen(tpl_src->valuestring), NULL, &err);
    if (!tpl)
        mustache_error_print(stderr, &err);
    CU_ASSERT_PTR_NOT_NULL_FATAL(tpl);

    mustache_partials *partials = mustache_partials_new(
        mustache_json_loader, (void *)cJSON_GetObjectItemCaseSensitive(t, "partials"), NULL);
    CU_ASSERT_PTR_NOT_NULL_FATAL(partials);
    mustache_render_options opt = {MUSTACHE_ESCAPE_HTML, NULL, NULL, partials, false, 0, 0};
    mustache_buf out;
    mustache_buf_init(&out);
    bool ok = mustache_render(tpl, cJSON_GetObjectItemCaseSensitive(t, "data"), &opt, mustache_sink_buffer(&out),
                              &err);
    if (!ok)
        mustache_error_print(stderr, &err);
    CU_ASSERT_TRUE(ok);
    const char *got = out.data ? out.data : "";
    if (ok && strcmp(got, expected->valuestring) != 0) {
        fprintf(stderr, "\n--- %s\ntemplate: [%s]\nexpected: [%s]\ngot:      [%s]\n", self->pName,
                tpl_src->valuestring, expected->valuestring, got);
    }
    CU_ASSERT_STRING_EQUAL(got, expected->valuestring);
    mustache_buf_free(&out);
    mustache_partials_free(partials);
    mustache_template_free(tpl);
}

static cJSON *load_json(const char *path)
{
    char *text;
    size_t len;
    mustache_error err;
    if (!mustache_read_file(path, &text, &len, &err)) {
        mustache_error_print(stderr, &err);
        return NULL;
    }
    cJSON *doc = cJSON_ParseWithLength(text, len);
    free(text);
    if (!doc)
        fprintf(stderr, "%s: invalid JSON\n", path);
    return doc;
}

/* Registers one suite per module; duplicate test names get a suffix. */
static int register_module(const char *dir, size_t index)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/%s.json", dir, modules[index]);
    cJSON *doc = documents[index] = load_json(path);
    const cJSON *tests = cJSON_GetObjectItemCaseSensitive(doc, "tests");
    if (!cJSON_IsArray(tests))
        return -1;
    CU_pSuite suite = CU_add_suite(modules[index], NULL, NULL);
    if (!suite)
        return -1;
    const cJSON *t;
    cJSON_ArrayForEach(t, tests) {
        const cJSON *name = cJSON_GetObjectItemCaseSensitive(t, "name");
        if (!cJSON_IsString(name))
            return -1;
        char unique[512];
        snprintf(unique, sizeof unique, "%s", name->valuestring);
        for (int n = 2; CU_get_test(suite, unique); n++)
            snprintf(unique, sizeof unique, "%s (%d)", name->valuestring, n);
        spec_case *grown = realloc(cases, (case_count + 1) * sizeof *cases);
        if (!grown)
            return -1;
        cases = grown;
        cases[case_count].test = CU_add_test(suite, unique, run_case);
        cases[case_count].data = t;
        if (!cases[case_count].test)
            return -1;
        case_count++;
    }
    return 0;
}

int main(int argc, char **argv)
{
    struct stat st;
    if (argc < 2 || stat(argv[1], &st) != 0 || !S_ISDIR(st.st_mode)) {
        printf("mustache spec suite not found (%s): skipped\n", argc < 2 ? "no directory given" : argv[1]);
        return 77;
    }
    if (CU_initialize_registry() != CUE_SUCCESS)
        return 1;
    int status = 0;
    for (size_t i = 0; i < sizeof modules / sizeof modules[0]; i++) {
        if (register_module(argv[1], i) != 0) {
            fprintf(stderr, "%s/%s.json: cannot load the spec module\n", argv[1], modules[i]);
            status = 1;
        }
    }
    if (status == 0) {
        CU_basic_set_mode(CU_BRM_VERBOSE);
        CU_basic_run_tests();
        unsigned failed = CU_get_number_of_failures();
        printf("spec tests run: %u, failed assertions: %u\n", CU_get_number_of_tests_run(), failed);
        status = failed ? 1 : 0;
    }
    CU_cleanup_registry();
    for (size_t i = 0; i < sizeof modules / sizeof modules[0]; i++)
        cJSON_Delete(documents[i]);
    free(cases);
    return status;
}
