/* loader: a 100 MB spec file, generated at run time in a temporary
 * directory.  Proves the loader is linear (a quadratic step would take
 * minutes, not seconds) and keeps marks right deep into the file.
 * Labelled "slow": the valgrind stage skips it. */
#define _POSIX_C_SOURCE 200809L

#include <CUnit/Basic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cnode.h"
#include "diag.h"

enum { TARGET_BYTES = 100 * 1000 * 1000, FIELDS = 12 };

static char file_path[128];
static size_t docs_written;
static size_t lines_written;
static size_t last_doc_line;

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Documents of about 1 KB: a model with a long description and fields. */
static int generate(void)
{
    snprintf(file_path, sizeof(file_path), "/tmp/contractc-big-XXXXXX");
    int fd = mkstemp(file_path);
    if (fd < 0)
        return -1;
    FILE *out = fdopen(fd, "w");
    if (out == NULL)
        return -1;
    char description[601];
    for (size_t i = 0; i < sizeof(description) - 1; i++)
        description[i] = "abcdefghij klmnopqrst uvwxyz"[i % 28];
    description[sizeof(description) - 1] = '\0';
    size_t bytes = 0;
    while (bytes < TARGET_BYTES) {
        last_doc_line = lines_written + 2;
        int n = fprintf(out, "---\nkind: model\nname: Model%zu\ndescription: \"%s\"\nfields:\n",
                        docs_written, description);
        lines_written += 5;
        for (int f = 0; f < FIELDS; f++) {
            n += fprintf(out, "  field%d: {type: Int_unsecure, isOptional: true, defaultValue: %d}\n",
                         f, f * 7);
            lines_written++;
        }
        if (n < 0)
            return -1;
        bytes += (size_t)n;
        docs_written++;
    }
    return fclose(out) == 0 ? 0 : -1;
}

static void test_hundred_megabytes(void)
{
    load_set *set = load_set_new(NULL);
    diag_set *diags = diag_set_new();
    double start = now();
    clock_t cpu_start = clock();
    CU_ASSERT_TRUE(load_set_add_path(set, file_path, diags));
    double seconds = now() - start;
    double cpu_seconds = (double)(clock() - cpu_start) / CLOCKS_PER_SEC;
    fprintf(stderr, "\n  loaded %zu documents (%d MB) in %.2f s (%.2f s of CPU)\n", docs_written,
            TARGET_BYTES / 1000000, seconds, cpu_seconds);
    CU_ASSERT_EQUAL(diag_count(diags), 0);
    CU_ASSERT_EQUAL_FATAL(load_set_doc_count(set), docs_written);
    const cdoc *last = load_set_doc(set, docs_written - 1);
    CU_ASSERT_EQUAL(last->index, docs_written - 1);
    CU_ASSERT_EQUAL(last->root->loc.line, last_doc_line);
    const cnode *field = cnode_get(cnode_get(last->root, "fields"), "field11");
    CU_ASSERT_EQUAL(cnode_get(field, "defaultValue")->int_value, 77);
    CU_ASSERT_EQUAL(field->loc.line, lines_written);
    CU_ASSERT_EQUAL(field->loc.col, 12);
    /* Generous, and in CPU time so a busy machine does not fail it: linear
     * work takes a few seconds, even under sanitizers; quadratic work on
     * 68,000 documents would take hours. */
    CU_ASSERT(cpu_seconds < 60.0);
    load_set_free(set);
    diag_set_free(diags);
}

static void test_refused_over_limit(void)
{
    load_limits limits;
    load_limits_default(&limits);
    limits.max_file_bytes = 50 * 1000 * 1000;
    load_set *set = load_set_new(&limits);
    diag_set *diags = diag_set_new();
    clock_t cpu_start = clock();
    CU_ASSERT_TRUE(load_set_add_path(set, file_path, diags));
    /* Refused from its size, not read: no time at all. */
    CU_ASSERT((double)(clock() - cpu_start) / CLOCKS_PER_SEC < 1.0);
    CU_ASSERT_EQUAL(diag_error_count(diags), 1);
    char text[256];
    char expected[256];
    diag_format(diags, diag_at(diags, 0), text, sizeof(text));
    snprintf(expected, sizeof(expected), "%s: error: file is larger than the limit of 50000000 bytes",
             file_path);
    CU_ASSERT_STRING_EQUAL(text, expected);
    CU_ASSERT_EQUAL(load_set_doc_count(set), 0);
    load_set_free(set);
    diag_set_free(diags);
}

int main(void)
{
    if (generate() != 0) {
        perror("generating the 100 MB input");
        if (file_path[0] != '\0')
            unlink(file_path);
        return 1;
    }
    if (CU_initialize_registry() != CUE_SUCCESS)
        return 1;
    CU_pSuite suite = CU_add_suite("loader_big_file", NULL, NULL);
    CU_add_test(suite, "hundred_megabytes", test_hundred_megabytes);
    CU_add_test(suite, "refused_over_limit", test_refused_over_limit);
    CU_basic_set_mode(CU_BRM_VERBOSE);
    CU_basic_run_tests();
    unsigned failures = CU_get_number_of_failures() + CU_get_number_of_tests_failed();
    CU_cleanup_registry();
    unlink(file_path);
    return failures == 0 ? 0 : 1;
}
