/* The file provider: reads, permission refusal, path traversal, symbolic
 * links, optional atomic writes. */
#define _XOPEN_SOURCE 700 /* symlink, mkfifo */
#include <dirent.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "contractc/secrets_file.h"
#include "secrets_support.h"

static char *dir;      /* the secrets directory */
static char *outside;  /* a sibling directory outside it */

static int setup(void)
{
    dir = support_temp_dir();
    outside = support_temp_dir();
    return dir && outside ? 0 : 1;
}

static int teardown(void)
{
    support_remove_tree(dir);
    support_remove_tree(outside);
    return 0;
}

static void put_file(const char *base, const char *name, const char *text, mode_t mode)
{
    char *path = support_path(base, name);
    CU_ASSERT_TRUE_FATAL(support_write_file(path, text, strlen(text), mode));
    free(path);
}

static cs_secret_provider *provider(bool bare, bool strip, bool writable)
{
    cs_secret_file_options options = {dir, bare, strip, writable};
    cs_secret_error err = {0};
    cs_secret_provider *files = cs_secret_file_provider_new(&options, &err);
    CU_ASSERT_PTR_NOT_NULL_FATAL(files);
    CU_ASSERT_STRING_EQUAL(files->id, "file");
    return files;
}

static cs_secret_code get(cs_secret_provider *files, const char *reference, cs_secret_value *value,
                          cs_secret_error *err)
{
    memset(err, 0, sizeof *err);
    return cs_secret_provider_get(files, reference, NULL, value, err);
}

static void test_reads_a_private_file(void)
{
    put_file(dir, "stripe", "sk_live_file\n", 0600);
    cs_secret_provider *files = provider(false, false, false);
    cs_secret_value value = CS_SECRET_VALUE_INIT;
    cs_secret_error err;
    CU_ASSERT_TRUE(cs_secret_provider_can_handle(files, "file://stripe"));
    CU_ASSERT_FALSE(cs_secret_provider_can_handle(files, "stripe"));
    CU_ASSERT_FALSE(cs_secret_provider_can_handle(files, "env://stripe"));
    CU_ASSERT_EQUAL_FATAL(get(files, "file://stripe?ignored=1", &value, &err), CS_SECRET_OK);
    CU_ASSERT_EQUAL(value.len, 13);
    CU_ASSERT_EQUAL(memcmp(value.data, "sk_live_file\n", 13), 0);
    CU_ASSERT_STRING_EQUAL(value.version, "current");
    CU_ASSERT_EQUAL(value.metadata_count, 2);
    cs_secret_value_clear(&value);
    cs_secret_provider_destroy(files);

    files = provider(true, true, false);
    CU_ASSERT_TRUE(cs_secret_provider_can_handle(files, "stripe"));
    CU_ASSERT_EQUAL_FATAL(get(files, "stripe", &value, &err), CS_SECRET_OK);
    CU_ASSERT_EQUAL(value.len, 12); /* trailing newline stripped */
    CU_ASSERT_EQUAL(value.data[12], 0);
    cs_secret_value_clear(&value);
    cs_secret_provider_destroy(files);
}

static void test_nested_names(void)
{
    char *sub = support_path(dir, "stripe-dir");
    CU_ASSERT_EQUAL_FATAL(mkdir(sub, 0700), 0);
    put_file(sub, "api-key", "nested", 0400);
    cs_secret_provider *files = provider(false, false, false);
    cs_secret_value value = CS_SECRET_VALUE_INIT;
    cs_secret_error err;
    CU_ASSERT_EQUAL(get(files, "file://stripe-dir/api-key", &value, &err), CS_SECRET_OK);
    CU_ASSERT_EQUAL(value.len, 6);
    cs_secret_value_clear(&value);
    cs_secret_provider_destroy(files);
    free(sub);
}

static void expect_forbidden_mode(mode_t mode, const char *mode_text)
{
    put_file(dir, "open", "visible", mode);
    cs_secret_provider *files = provider(false, false, false);
    cs_secret_value value = CS_SECRET_VALUE_INIT;
    cs_secret_error err;
    CU_ASSERT_EQUAL(get(files, "file://open", &value, &err), CS_SECRET_FORBIDDEN);
    CU_ASSERT_STRING_EQUAL(err.provider, "file");
    CU_ASSERT_PTR_NOT_NULL(strstr(err.message, "open"));
    CU_ASSERT_PTR_NOT_NULL(strstr(err.message, mode_text));
    CU_ASSERT_PTR_NULL(strstr(err.message, "visible"));
    CU_ASSERT_PTR_NULL(value.data);
    cs_secret_provider_destroy(files);
}

static void test_refuses_group_or_world_access(void)
{
    expect_forbidden_mode(0644, "0644");
    expect_forbidden_mode(0640, "0640");
    expect_forbidden_mode(0604, "0604");
    expect_forbidden_mode(0620, "0620");
}

static void test_not_found(void)
{
    cs_secret_provider *files = provider(false, false, false);
    cs_secret_value value = CS_SECRET_VALUE_INIT;
    cs_secret_error err;
    CU_ASSERT_EQUAL(get(files, "file://absent", &value, &err), CS_SECRET_NOT_FOUND);
    CU_ASSERT_PTR_NOT_NULL(strstr(err.message, "absent"));
    CU_ASSERT_EQUAL(get(files, "file://no-dir/absent", &value, &err), CS_SECRET_NOT_FOUND);
    cs_secret_provider_destroy(files);
}

static void expect_invalid(cs_secret_provider *files, const char *reference)
{
    cs_secret_value value = CS_SECRET_VALUE_INIT;
    cs_secret_error err;
    CU_ASSERT_EQUAL(get(files, reference, &value, &err), CS_SECRET_INVALID);
    CU_ASSERT_STRING_EQUAL(err.provider, "file");
    CU_ASSERT_PTR_NULL(value.data);
}

static void test_refuses_traversal(void)
{
    char *outside_name = strrchr(outside, '/') + 1;
    char reference[256];
    put_file(outside, "target", "outside secret", 0600);
    cs_secret_provider *files = provider(true, false, false);
    snprintf(reference, sizeof reference, "file://../%s/target", outside_name);
    expect_invalid(files, reference);
    snprintf(reference, sizeof reference, "../%s/target", outside_name);
    expect_invalid(files, reference);
    expect_invalid(files, "file://a/../stripe");
    expect_invalid(files, "file://./stripe");
    expect_invalid(files, "file://a//b");
    expect_invalid(files, "file://stripe/");
    expect_invalid(files, "file:///etc/passwd");
    expect_invalid(files, "/etc/passwd");
    expect_invalid(files, "file://");
    expect_invalid(files, "file://a://b");
    expect_invalid(files, "");
    cs_secret_provider_destroy(files);
}

static void test_symbolic_links(void)
{
    put_file(outside, "escape-target", "outside", 0600);
    put_file(dir, "real", "inside", 0600);
    char *target = support_path(outside, "escape-target");
    char *escape = support_path(dir, "escape");
    char *alias = support_path(dir, "alias");
    CU_ASSERT_EQUAL_FATAL(symlink(target, escape), 0);
    CU_ASSERT_EQUAL_FATAL(symlink("real", alias), 0);
    cs_secret_provider *files = provider(false, false, false);
    expect_invalid(files, "file://escape");
    /* A link that stays inside (Kubernetes volumes are built of them) is fine. */
    cs_secret_value value = CS_SECRET_VALUE_INIT;
    cs_secret_error err;
    CU_ASSERT_EQUAL(get(files, "file://alias", &value, &err), CS_SECRET_OK);
    CU_ASSERT_EQUAL(value.len, 6);
    cs_secret_value_clear(&value);
    cs_secret_provider_destroy(files);
    free(target);
    free(escape);
    free(alias);
}

static void test_refuses_non_regular_files(void)
{
    char *sub = support_path(dir, "a-directory");
    char *fifo = support_path(dir, "a-fifo");
    CU_ASSERT_EQUAL_FATAL(mkdir(sub, 0700), 0);
    CU_ASSERT_EQUAL_FATAL(mkfifo(fifo, 0600), 0);
    cs_secret_provider *files = provider(false, false, false);
    expect_invalid(files, "file://a-directory");
    expect_invalid(files, "file://a-fifo"); /* and does not block */
    cs_secret_provider_destroy(files);
    free(sub);
    free(fifo);
}

static void test_refuses_oversized_files(void)
{
    size_t len = CS_SECRET_FILE_MAX_BYTES + 1;
    char *big = malloc(len);
    memset(big, 'x', len);
    char *path = support_path(dir, "big");
    CU_ASSERT_TRUE_FATAL(support_write_file(path, big, len, 0600));
    cs_secret_provider *files = provider(false, false, false);
    expect_invalid(files, "file://big");
    CU_ASSERT_TRUE_FATAL(support_write_file(path, big, len - 1, 0600));
    cs_secret_value value = CS_SECRET_VALUE_INIT;
    cs_secret_error err;
    CU_ASSERT_EQUAL(get(files, "file://big", &value, &err), CS_SECRET_OK);
    CU_ASSERT_EQUAL(value.len, len - 1);
    cs_secret_value_clear(&value);
    cs_secret_provider_destroy(files);
    free(path);
    free(big);
}

static void test_read_only_by_default(void)
{
    cs_secret_provider *files = provider(false, false, false);
    cs_secret_error err = {0};
    CU_ASSERT_EQUAL(cs_secret_provider_put(files, "file://new", (const unsigned char *)"v", 1,
                                           NULL, &err), CS_SECRET_FORBIDDEN);
    CU_ASSERT_EQUAL(cs_secret_provider_remove(files, "file://stripe", &err), CS_SECRET_FORBIDDEN);
    cs_secret_provider_destroy(files);
}

static size_t count_entries(const char *path)
{
    DIR *listing = opendir(path);
    size_t count = 0;
    for (struct dirent *entry; listing && (entry = readdir(listing));)
        if (strcmp(entry->d_name, ".") != 0 && strcmp(entry->d_name, "..") != 0)
            count++;
    if (listing)
        closedir(listing);
    return count;
}

static void test_atomic_writes(void)
{
    char *sub = support_path(dir, "w");
    CU_ASSERT_EQUAL_FATAL(mkdir(sub, 0700), 0);
    cs_secret_provider *files = provider(false, false, true);
    cs_secret_error err = {0};
    char *written = NULL;
    CU_ASSERT_EQUAL_FATAL(cs_secret_provider_put(files, "file://w/token", (const unsigned char *)"one",
                                                 3, &written, &err), CS_SECRET_OK);
    CU_ASSERT_STRING_EQUAL(written, "file://w/token");
    free(written);
    char *path = support_path(sub, "token");
    struct stat info;
    CU_ASSERT_EQUAL_FATAL(stat(path, &info), 0);
    CU_ASSERT_EQUAL(info.st_mode & 0777, 0600);
    CU_ASSERT_EQUAL(cs_secret_provider_rotate(files, "file://w/token", (const unsigned char *)"two!",
                                              4, NULL, &err), CS_SECRET_OK);
    size_t len = 0;
    unsigned char *content = support_read_file(path, &len);
    CU_ASSERT_EQUAL(len, 4);
    CU_ASSERT_EQUAL(memcmp(content, "two!", 4), 0);
    free(content);
    CU_ASSERT_EQUAL(count_entries(sub), 1); /* no temporary file left behind */
    CU_ASSERT_EQUAL(cs_secret_provider_put(files, "file://missing-dir/x", (const unsigned char *)"v",
                                           1, NULL, &err), CS_SECRET_NOT_FOUND);
    CU_ASSERT_EQUAL(cs_secret_provider_put(files, "file://../x", (const unsigned char *)"v", 1, NULL,
                                           &err), CS_SECRET_INVALID);
    CU_ASSERT_EQUAL(cs_secret_provider_remove(files, "file://w/token", &err), CS_SECRET_OK);
    CU_ASSERT_NOT_EQUAL(stat(path, &info), 0);
    CU_ASSERT_EQUAL(cs_secret_provider_remove(files, "file://w/token", &err), CS_SECRET_NOT_FOUND);
    cs_secret_provider_destroy(files);
    free(path);
    free(sub);
}

static void test_constructor_errors(void)
{
    cs_secret_error err = {0};
    cs_secret_file_options options = {NULL, false, false, false};
    CU_ASSERT_PTR_NULL(cs_secret_file_provider_new(&options, &err));
    CU_ASSERT_EQUAL(err.code, CS_SECRET_INVALID);
    char *missing = support_path(dir, "does-not-exist");
    options.directory = missing;
    CU_ASSERT_PTR_NULL(cs_secret_file_provider_new(&options, &err));
    CU_ASSERT_EQUAL(err.code, CS_SECRET_NOT_FOUND);
    put_file(dir, "plain-file", "x", 0600);
    char *plain = support_path(dir, "plain-file");
    options.directory = plain;
    CU_ASSERT_PTR_NULL(cs_secret_file_provider_new(&options, &err));
    CU_ASSERT_EQUAL(err.code, CS_SECRET_INVALID);
    free(missing);
    free(plain);
}

int main(void)
{
    if (setup() != 0)
        return 1;
    CU_TestInfo tests[] = {
        {"reads a private file", test_reads_a_private_file},
        {"nested names", test_nested_names},
        {"refuses group or world access", test_refuses_group_or_world_access},
        {"NOT_FOUND when absent", test_not_found},
        {"refuses path traversal", test_refuses_traversal},
        {"symbolic links", test_symbolic_links},
        {"refuses directories and FIFOs", test_refuses_non_regular_files},
        {"refuses oversized files", test_refuses_oversized_files},
        {"read-only by default", test_read_only_by_default},
        {"atomic writes", test_atomic_writes},
        {"constructor errors", test_constructor_errors},
        CU_TEST_INFO_NULL,
    };
    int status = support_run_suite("secrets_file", tests);
    teardown();
    return status;
}
