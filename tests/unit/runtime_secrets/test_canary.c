/* The canary: a distinctive secret value is planted in every provider,
 * then error paths are exercised (wrong key, tampered store, forbidden
 * file, missing variable, composed manager errors, bad payloads).  No
 * error message, and nothing the library writes to stderr, may contain it;
 * nor may the store file on disk. */
#define _XOPEN_SOURCE 700 /* setenv, dup, mkstemp */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "contractc/secret_manager.h"
#include "contractc/secret_uri.h"
#include "contractc/secrets_env.h"
#include "contractc/secrets_file.h"
#include "contractc/secrets_store.h"
#include "secrets_support.h"

static char *dir;
static char *stderr_path;
static int saved_stderr = -1;
static size_t errors_checked;

static void check_error(const cs_secret_error *err)
{
    CU_ASSERT_NOT_EQUAL(err->code, CS_SECRET_OK);
    CU_ASSERT_FALSE(support_contains(err->message, strlen(err->message), SUPPORT_CANARY));
    CU_ASSERT_FALSE(support_contains(err->provider, strlen(err->provider), SUPPORT_CANARY));
    errors_checked++;
}

static void test_env_errors(void)
{
    setenv("CONTRACTC_CANARY_SECRET", SUPPORT_CANARY, 1);
    cs_secret_provider *env = cs_secret_env_provider_new(NULL, 0);
    cs_secret_error err = {0};
    cs_secret_value value = CS_SECRET_VALUE_INIT;
    CU_ASSERT_EQUAL(cs_secret_provider_get(env, "env://CONTRACTC_CANARY_SECRET", NULL, &value, &err),
                    CS_SECRET_OK);
    cs_secret_value_clear(&value);
    CU_ASSERT_EQUAL(cs_secret_provider_put(env, "env://CONTRACTC_CANARY_SECRET",
                                           (const unsigned char *)SUPPORT_CANARY,
                                           strlen(SUPPORT_CANARY), NULL, &err), CS_SECRET_FORBIDDEN);
    check_error(&err);
    CU_ASSERT_EQUAL(cs_secret_provider_get(env, "env://CONTRACTC_CANARY_MISSING", NULL, &value, &err),
                    CS_SECRET_NOT_FOUND);
    check_error(&err);
    cs_secret_provider_destroy(env);
}

static void test_file_errors(void)
{
    char *path = support_path(dir, "loose");
    CU_ASSERT_TRUE_FATAL(support_write_file(path, SUPPORT_CANARY, strlen(SUPPORT_CANARY), 0644));
    cs_secret_file_options options = {dir, true, false, false};
    cs_secret_error err = {0};
    cs_secret_provider *files = cs_secret_file_provider_new(&options, &err);
    CU_ASSERT_PTR_NOT_NULL_FATAL(files);
    cs_secret_value value = CS_SECRET_VALUE_INIT;
    CU_ASSERT_EQUAL(cs_secret_provider_get(files, "file://loose", NULL, &value, &err),
                    CS_SECRET_FORBIDDEN);
    check_error(&err);
    CU_ASSERT_EQUAL(cs_secret_provider_put(files, "file://loose",
                                           (const unsigned char *)SUPPORT_CANARY,
                                           strlen(SUPPORT_CANARY), NULL, &err), CS_SECRET_FORBIDDEN);
    check_error(&err);
    cs_secret_provider_destroy(files);
    free(path);
}

static cs_secret_store *open_store(const char *key, bool create, cs_secret_error *err)
{
    char *store_path = support_path(dir, "canary.store");
    cs_secret_store_options options = {0};
    options.path = store_path;
    options.key_file = key;
    options.create = create;
    cs_secret_store *store = cs_secret_store_open(&options, err);
    free(store_path);
    return store;
}

static void test_store_errors(void)
{
    char *key = support_path(dir, "canary.key");
    char *wrong_key = support_path(dir, "wrong.key");
    char *bad_key = support_path(dir, "bad.key");
    char *store_path = support_path(dir, "canary.store");
    cs_secret_error err = {0};
    CU_ASSERT_EQUAL_FATAL(cs_secret_store_create_key_file(key, &err), CS_SECRET_OK);
    CU_ASSERT_EQUAL_FATAL(cs_secret_store_create_key_file(wrong_key, &err), CS_SECRET_OK);
    cs_secret_store *store = open_store(key, true, &err);
    CU_ASSERT_PTR_NOT_NULL_FATAL(store);
    cs_secret_provider *provider = cs_secret_store_provider(store);
    CU_ASSERT_EQUAL(cs_secret_provider_put(provider, "store://t/canary",
                                           (const unsigned char *)SUPPORT_CANARY,
                                           strlen(SUPPORT_CANARY), NULL, &err), CS_SECRET_OK);
    cs_secret_value value = CS_SECRET_VALUE_INIT;
    CU_ASSERT_EQUAL(cs_secret_provider_get(provider, "store://t/canary", "9", &value, &err),
                    CS_SECRET_NOT_FOUND);
    check_error(&err);
    CU_ASSERT_EQUAL(cs_secret_provider_rotate(provider, "store://t/absent",
                                              (const unsigned char *)SUPPORT_CANARY,
                                              strlen(SUPPORT_CANARY), NULL, &err),
                    CS_SECRET_NOT_FOUND);
    check_error(&err);

    /* On disk the value is ciphertext only. */
    size_t len = 0;
    unsigned char *bytes = support_read_file(store_path, &len);
    CU_ASSERT_PTR_NOT_NULL_FATAL(bytes);
    CU_ASSERT_FALSE(support_contains(bytes, len, SUPPORT_CANARY));

    CU_ASSERT_PTR_NULL(open_store(wrong_key, false, &err));
    check_error(&err);
    /* A key file holding the canary as (malformed) text. */
    CU_ASSERT_TRUE_FATAL(support_write_file(bad_key, SUPPORT_CANARY, strlen(SUPPORT_CANARY), 0600));
    CU_ASSERT_PTR_NULL(open_store(bad_key, false, &err));
    check_error(&err);

    bytes[len - 40] ^= 0x55;
    CU_ASSERT_TRUE_FATAL(support_write_file(store_path, bytes, len, 0600));
    CU_ASSERT_EQUAL(cs_secret_provider_get(provider, "store://t/canary", NULL, &value, &err),
                    CS_SECRET_INVALID);
    check_error(&err);
    CU_ASSERT_PTR_NULL(value.data);
    free(bytes);
    cs_secret_store_free(store);
    free(key);
    free(wrong_key);
    free(bad_key);
    free(store_path);
}

static void test_manager_composed_errors(void)
{
    cs_secret_manager *manager = cs_secret_manager_new(NULL);
    cs_secret_manager_register(manager, cs_secret_env_provider_new(NULL, 0), 10);
    cs_secret_file_options options = {dir, true, false, true};
    cs_secret_error err = {0};
    cs_secret_manager_register(manager, cs_secret_file_provider_new(&options, &err), 5);
    cs_secret_value value = CS_SECRET_VALUE_INIT;
    /* env cannot handle "loose" (no such variable); file refuses the loose file. */
    CU_ASSERT_EQUAL(cs_secret_provider_get(cs_secret_manager_provider(manager), "loose", NULL,
                                           &value, &err), CS_SECRET_FORBIDDEN);
    check_error(&err);
    /* env refuses the write (read-only), file accepts it: the fall-through. */
    CU_ASSERT_EQUAL(cs_secret_provider_put(cs_secret_manager_provider(manager),
                                           "CONTRACTC_CANARY_SECRET",
                                           (const unsigned char *)SUPPORT_CANARY,
                                           strlen(SUPPORT_CANARY), NULL, &err), CS_SECRET_OK);
    CU_ASSERT_EQUAL(cs_secret_provider_put(cs_secret_manager_provider(manager), "../escape",
                                           (const unsigned char *)SUPPORT_CANARY,
                                           strlen(SUPPORT_CANARY), NULL, &err), CS_SECRET_INVALID);
    check_error(&err);
    cs_secret_manager_free(manager);
}

static void test_payload_errors(void)
{
    unsigned char *out = NULL;
    size_t out_len = 0;
    cs_secret_error err = {0};
    CU_ASSERT_EQUAL(cs_secret_payload_normalize(SUPPORT_CANARY, strlen(SUPPORT_CANARY),
                                                CS_SECRET_ENCODING_BASE64, &out, &out_len, &err),
                    CS_SECRET_INVALID);
    check_error(&err);
    const char bad_utf8[] = SUPPORT_CANARY "\xFF";
    CU_ASSERT_EQUAL(cs_secret_payload_normalize(bad_utf8, sizeof bad_utf8 - 1,
                                                CS_SECRET_ENCODING_UTF8, &out, &out_len, &err),
                    CS_SECRET_INVALID);
    check_error(&err);
}

static void test_nothing_written_to_stderr(void)
{
    fflush(stderr);
    dup2(saved_stderr, STDERR_FILENO);
    size_t len = 0;
    unsigned char *written = support_read_file(stderr_path, &len);
    CU_ASSERT_PTR_NOT_NULL_FATAL(written);
    CU_ASSERT_FALSE(support_contains(written, len, SUPPORT_CANARY));
    free(written);
    CU_ASSERT_TRUE(errors_checked >= 12);
}

int main(void)
{
    dir = support_temp_dir();
    if (!dir)
        return 1;
    /* Capture everything the library might print to stderr. */
    stderr_path = support_path(dir, "stderr.log");
    FILE *capture = fopen(stderr_path, "w");
    saved_stderr = dup(STDERR_FILENO);
    if (!capture || saved_stderr < 0)
        return 1;
    dup2(fileno(capture), STDERR_FILENO);
    fclose(capture);

    CU_TestInfo tests[] = {
        {"env errors", test_env_errors},
        {"file errors", test_file_errors},
        {"store errors and file contents", test_store_errors},
        {"manager composed errors", test_manager_composed_errors},
        {"payload errors", test_payload_errors},
        {"nothing on stderr", test_nothing_written_to_stderr},
        CU_TEST_INFO_NULL,
    };
    int status = support_run_suite("canary", tests);
    close(saved_stderr);
    free(stderr_path);
    support_remove_tree(dir);
    return status;
}
