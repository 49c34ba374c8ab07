/* Allocation-failure injection: every malloc/calloc/realloc made by the
 * runtime's own code fails in turn (the test links with --wrap), and each
 * scenario must report an error, not crash, and leave nothing allocated
 * (the valgrind and sanitizer builds check the leaks). */
#define _POSIX_C_SOURCE 200809L /* setenv */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "alloc_inject.h"
#include "contractc/secret_manager.h"
#include "contractc/secret_uri.h"
#include "contractc/secrets_env.h"
#include "contractc/secrets_file.h"
#include "contractc/secrets_store.h"
#include "contractc/webhook.h"
#include "secrets_support.h"

static char *dir;

typedef bool (*scenario)(void);

/* Runs scenario with the 1st, 2nd, ... allocation (and every one after
 * it) failing until a run completes without reaching the injected failure. */
static void run_with_failures(scenario run)
{
    for (long fail_at = 0; fail_at < 10000; fail_at++) {
        alloc_inject_fail_from(fail_at);
        bool ok = run();
        alloc_inject_off();
        if (!alloc_inject_delivered()) {
            CU_ASSERT_TRUE(ok); /* no failure injected: the scenario must succeed */
            CU_ASSERT_TRUE(fail_at > 0);
            return;
        }
    }
    CU_FAIL("scenario never completed");
}

static bool uri_scenario(void)
{
    cs_secret_uri uri;
    cs_secret_error err = {0};
    cs_secret_code code = cs_secret_uri_parse("gcp://p/x?env=A&b=%41&c&env=B", &uri, &err);
    cs_secret_uri_clear(&uri);
    unsigned char *out = NULL;
    size_t len = 0;
    cs_secret_code payload = cs_secret_payload_normalize("aGVsbG8=", 8, CS_SECRET_ENCODING_BASE64,
                                                         &out, &len, &err);
    cs_secret_bytes_free(out, len);
    return code == CS_SECRET_OK && payload == CS_SECRET_OK;
}

static bool manager_scenario(void)
{
    cs_secret_error err = {0};
    cs_secret_manager *manager = cs_secret_manager_new(NULL);
    if (!manager)
        return false;
    cs_secret_env_alias alias = {"svc://key", "CONTRACTC_ALLOC_TEST"};
    bool ok = cs_secret_manager_register(manager, cs_secret_env_provider_new(&alias, 1), 10);
    cs_secret_file_options options = {dir, true, false, false};
    ok = cs_secret_manager_register(manager, cs_secret_file_provider_new(&options, &err), 5) && ok;
    cs_secret_provider *provider = cs_secret_manager_provider(manager);
    cs_secret_value value = CS_SECRET_VALUE_INIT;
    ok = cs_secret_provider_get(provider, "svc://key", NULL, &value, &err) == CS_SECRET_OK && ok;
    cs_secret_value_clear(&value);
    ok = cs_secret_provider_get(provider, "file://secret", "1", &value, &err) == CS_SECRET_OK && ok;
    cs_secret_value_clear(&value);
    /* A composed error: env refuses, file is read-only. */
    ok = cs_secret_provider_put(provider, "CONTRACTC_ALLOC_TEST", (const unsigned char *)"v", 1,
                                NULL, &err) == CS_SECRET_FORBIDDEN && ok;
    cs_secret_manager_free(manager);
    return ok;
}

static bool store_scenario(void)
{
    char *store_path = support_path(dir, "alloc.store");
    char *key_path = support_path(dir, "alloc.key");
    if (!store_path || !key_path) {
        free(store_path);
        free(key_path);
        return false;
    }
    unlink(store_path);
    cs_secret_store_options options = {0};
    options.path = store_path;
    options.key_file = key_path;
    options.create = true;
    cs_secret_error err = {0};
    cs_secret_store *store = cs_secret_store_open(&options, &err);
    bool ok = store != NULL;
    cs_secret_provider *provider = cs_secret_store_provider(store);
    char *written = NULL;
    ok = ok && cs_secret_provider_put(provider, "store://t/a", (const unsigned char *)"one", 3,
                                      &written, &err) == CS_SECRET_OK;
    free(written);
    ok = ok && cs_secret_provider_rotate(provider, "store://t/a", (const unsigned char *)"two", 3,
                                         NULL, &err) == CS_SECRET_OK;
    cs_secret_value value = CS_SECRET_VALUE_INIT;
    ok = ok && cs_secret_provider_get(provider, "store://t/a?version=1", NULL, &value, &err) ==
                   CS_SECRET_OK;
    cs_secret_value_clear(&value);
    cs_secret_store_entry *entries = NULL;
    size_t count = 0;
    ok = ok && cs_secret_store_list(store, NULL, &entries, &count, &err) == CS_SECRET_OK;
    cs_secret_store_entries_free(entries, count);
    ok = ok && cs_secret_provider_remove(provider, "store://t/a", &err) == CS_SECRET_OK;
    cs_secret_store_free(store);
    free(store_path);
    free(key_path);
    return ok;
}

static bool dedupe_scenario(void)
{
    cs_webhook_dedupe *set = cs_webhook_dedupe_new(2);
    bool ok = set != NULL;
    ok = ok && cs_webhook_dedupe_check(set, "a") == CS_WEBHOOK_DEDUPE_NEW;
    ok = ok && cs_webhook_dedupe_check(set, "b") == CS_WEBHOOK_DEDUPE_NEW;
    ok = ok && cs_webhook_dedupe_check(set, "c") == CS_WEBHOOK_DEDUPE_NEW;
    ok = ok && cs_webhook_dedupe_check(set, "c") == CS_WEBHOOK_DEDUPE_REPLAY;
    cs_webhook_dedupe_free(set);
    return ok;
}

static void test_uri_and_payload(void)
{
    run_with_failures(uri_scenario);
}

static void test_manager_env_file(void)
{
    run_with_failures(manager_scenario);
}

static void test_store(void)
{
    run_with_failures(store_scenario);
}

static void test_dedupe(void)
{
    run_with_failures(dedupe_scenario);
}

int main(void)
{
    dir = support_temp_dir();
    if (!dir)
        return 1;
    setenv("CONTRACTC_ALLOC_TEST", "env-value", 1);
    char *secret = support_path(dir, "secret");
    char *key = support_path(dir, "alloc.key");
    cs_secret_error err = {0};
    if (!support_write_file(secret, "file-value", 10, 0600) ||
        cs_secret_store_create_key_file(key, &err) != CS_SECRET_OK)
        return 1;
    free(secret);
    free(key);
    CU_TestInfo tests[] = {
        {"URI and payload", test_uri_and_payload},
        {"manager, env and file providers", test_manager_env_file},
        {"encrypted store", test_store},
        {"webhook dedupe", test_dedupe},
        CU_TEST_INFO_NULL,
    };
    int status = support_run_suite("alloc_failures", tests);
    support_remove_tree(dir);
    return status;
}
