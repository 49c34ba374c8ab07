/* loader: files and directories (fixtures in tests/fixtures/loader, the
 * current directory while the tests run) and I/O failures (built at run
 * time in a temporary directory). */
#define _POSIX_C_SOURCE 200809L

#include <CUnit/Basic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "loader_test_util.h"
#include "loader_tests.h"

static void test_sorted_directory_walk(void)
{
    loaded l = load_path("tree", NULL);
    ASSERT_DIAGS(l, "");
    CU_ASSERT_TRUE(l.ok);
    static const char *const expected[][2] = {
        {"tree/a.json", "AJson"},      {"tree/a/z.yml", "AZ"}, {"tree/a/z.yml", "AZ2"},
        {"tree/b.yaml", "B"},          {"tree/sub/c.yaml", "SubC"},
        {"tree/sub/deeper/d.yaml", "Deep"},
    };
    size_t n = sizeof(expected) / sizeof(expected[0]);
    CU_ASSERT_EQUAL_FATAL(load_set_doc_count(l.set), n);
    CU_ASSERT_EQUAL(load_set_file_count(l.set), 5);
    for (size_t i = 0; i < n; i++) {
        const cdoc *doc = load_set_doc(l.set, i);
        CU_ASSERT_STRING_EQUAL(doc->file, expected[i][0]);
        CU_ASSERT_STRING_EQUAL(cnode_get(doc->root, "name")->text, expected[i][1]);
    }
    CU_ASSERT_EQUAL(load_set_doc(l.set, 2)->index, 1);
    loaded_free(&l);

    /* A trailing slash is kept as written. */
    l = load_path("tree/sub/", NULL);
    CU_ASSERT_STRING_EQUAL(load_set_doc(l.set, 0)->file, "tree/sub/c.yaml");
    loaded_free(&l);
}

static void test_file_loaded_once(void)
{
    load_set *set = load_set_new(NULL);
    diag_set *diags = diag_set_new();
    CU_ASSERT_TRUE(load_set_add_path(set, "tree/b.yaml", diags));
    CU_ASSERT_TRUE(load_set_add_path(set, "tree", diags));
    CU_ASSERT_TRUE(load_set_add_path(set, "./tree/b.yaml", diags));
    CU_ASSERT_EQUAL(load_set_doc_count(set), 6);
    CU_ASSERT_EQUAL(load_set_file_count(set), 5);
    CU_ASSERT_STRING_EQUAL(load_set_doc(set, 0)->file, "tree/b.yaml");
    CU_ASSERT_EQUAL(diag_count(diags), 0);
    load_set_free(set);
    diag_set_free(diags);
}

static void test_errors_across_files(void)
{
    loaded l = load_path("bad", NULL);
    ASSERT_DIAGS(l, "bad/duplicate.yml:4:1: error: duplicate key 'name'\n"
                    "bad/duplicate.yml:2:1: note: first defined here\n"
                    "bad/syntax.yaml:5:7: error: did not find expected ',' or '}'\n"
                    "bad/syntax.yaml:4:7: note: while parsing a flow mapping");
    CU_ASSERT_TRUE(l.ok);
    CU_ASSERT_EQUAL(load_set_doc_count(l.set), 2);
    CU_ASSERT_EQUAL(load_set_file_count(l.set), 3);
    loaded_free(&l);
}

static void test_empty_file_fixture(void)
{
    loaded l = load_path("empty.yaml", NULL);
    ASSERT_DIAGS(l, "empty.yaml: warning: file holds no spec documents");
    CU_ASSERT_TRUE(l.ok);
    CU_ASSERT_EQUAL(load_set_file_count(l.set), 1);
    loaded_free(&l);
}

static void test_directory_without_specs(void)
{
    loaded l = load_path("tree/empty-sub", NULL);
    ASSERT_DIAGS(l, "tree/empty-sub: warning: directory holds no .yaml, .yml or .json files");
    CU_ASSERT_TRUE(l.ok);
    loaded_free(&l);
}

static void test_missing_path(void)
{
    loaded l = load_path("no/such/dir", NULL);
    ASSERT_DIAGS(l, "no/such/dir: error: cannot open: No such file or directory");
    CU_ASSERT_FALSE(l.ok);
    loaded_free(&l);
    l = load_path("tree/b.yaml/x.yaml", NULL);
    ASSERT_DIAGS(l, "tree/b.yaml/x.yaml: error: cannot open: Not a directory");
    CU_ASSERT_FALSE(l.ok);
    loaded_free(&l);
}

/* A scratch directory for cases that cannot be committed: broken links,
 * loops, unreadable files. */
typedef struct scratch {
    char dir[64];
} scratch;

static void scratch_path(const scratch *s, const char *name, char *out, size_t size)
{
    snprintf(out, size, "%s/%s", s->dir, name);
}

static void write_file(const scratch *s, const char *name, const char *text)
{
    char path[256];
    scratch_path(s, name, path, sizeof(path));
    FILE *f = fopen(path, "w");
    CU_ASSERT_PTR_NOT_NULL_FATAL(f);
    fputs(text, f);
    fclose(f);
}

static void run(const char *command)
{
    CU_ASSERT_EQUAL(system(command), 0);
}

static void test_io_failures(void)
{
    scratch s;
    snprintf(s.dir, sizeof(s.dir), "/tmp/contractc-loader-XXXXXX");
    CU_ASSERT_PTR_NOT_NULL_FATAL(mkdtemp(s.dir));
    char path[256];
    char expected[1024];
    char command[512];

    write_file(&s, "ok.yaml", "kind: enum\nname: Ok\nvalues: [A]\n");
    scratch_path(&s, "broken.yaml", path, sizeof(path));
    CU_ASSERT_EQUAL(symlink("/nonexistent/target.yaml", path), 0);
    scratch_path(&s, "loop", path, sizeof(path));
    CU_ASSERT_EQUAL(symlink(".", path), 0);
    loaded l = load_path(s.dir, NULL);
    snprintf(expected, sizeof(expected), "%s/broken.yaml: error: cannot open: No such file or directory",
             s.dir);
    ASSERT_DIAGS(l, expected);
    CU_ASSERT_FALSE(l.ok);
    /* The good file is loaded, once, despite the loop back to the directory. */
    CU_ASSERT_EQUAL(load_set_doc_count(l.set), 1);
    loaded_free(&l);

    /* Unreadable: root reads anything, so only check as another user. */
    write_file(&s, "secret.yaml", "kind: enum\n");
    scratch_path(&s, "secret.yaml", path, sizeof(path));
    CU_ASSERT_EQUAL(chmod(path, 0), 0);
    if (geteuid() != 0) {
        l = load_path(path, NULL);
        snprintf(expected, sizeof(expected), "%s: error: cannot open: Permission denied", path);
        ASSERT_DIAGS(l, expected);
        CU_ASSERT_FALSE(l.ok);
        loaded_free(&l);
    }

    /* A file that opens but cannot be read, even by root: reading one's
     * own address space from offset 0 fails with EIO. */
    if (access("/proc/self/mem", R_OK) == 0) {
        l = load_path("/proc/self/mem", NULL);
        ASSERT_DIAGS(l, "/proc/self/mem: error: cannot read: Input/output error");
        CU_ASSERT_FALSE(l.ok);
        CU_ASSERT_EQUAL(load_set_file_count(l.set), 0);
        loaded_free(&l);
    }

    /* A file over the limit is refused before it is read. */
    write_file(&s, "big.yaml", "a: 0123456789\n");
    scratch_path(&s, "big.yaml", path, sizeof(path));
    load_limits limits;
    load_limits_default(&limits);
    limits.max_file_bytes = 10;
    l = load_path(path, &limits);
    snprintf(expected, sizeof(expected), "%s: error: file is larger than the limit of 10 bytes", path);
    ASSERT_DIAGS(l, expected);
    CU_ASSERT_TRUE(l.ok);
    loaded_free(&l);

    /* A file with no size to check up front (a device, a pipe) is read up
     * to the limit and no further: /dev/zero never ends. */
    l = load_path("/dev/zero", &limits);
    ASSERT_DIAGS(l, "/dev/zero: error: file is larger than the limit of 10 bytes");
    CU_ASSERT_TRUE(l.ok);
    loaded_free(&l);

    snprintf(command, sizeof(command), "rm -rf '%s'", s.dir);
    run(command);
}

void add_loader_paths_suite(void)
{
    CU_pSuite suite = CU_add_suite("loader_paths", NULL, NULL);
    CU_add_test(suite, "sorted_directory_walk", test_sorted_directory_walk);
    CU_add_test(suite, "file_loaded_once", test_file_loaded_once);
    CU_add_test(suite, "errors_across_files", test_errors_across_files);
    CU_add_test(suite, "empty_file_fixture", test_empty_file_fixture);
    CU_add_test(suite, "directory_without_specs", test_directory_without_specs);
    CU_add_test(suite, "missing_path", test_missing_path);
    CU_add_test(suite, "io_failures", test_io_failures);
}
