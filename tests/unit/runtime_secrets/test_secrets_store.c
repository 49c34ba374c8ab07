/* The encrypted store: round trips, versions, keys and passphrases,
 * tamper/truncation/wrong-key detection, atomic writes, concurrency. */
#define _XOPEN_SOURCE 700 /* fork, execl, waitpid */
#include <dirent.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "contractc/secrets_store.h"
#include "secrets_store_format.h"
#include "secrets_support.h"

static char *dir;
static char *key_path;
static char *store_path;
static const char *self_path; /* argv[0], for the writer child */

static int setup(void)
{
    dir = support_temp_dir();
    if (!dir)
        return 1;
    key_path = support_path(dir, "master.key");
    store_path = support_path(dir, "secrets.store");
    cs_secret_error err = {0};
    return cs_secret_store_create_key_file(key_path, &err) == CS_SECRET_OK ? 0 : 1;
}

static void teardown(void)
{
    free(key_path);
    free(store_path);
    support_remove_tree(dir);
}

/* A fresh store file for each test. */
static void remove_store(void)
{
    unlink(store_path);
}

static cs_secret_store *open_with_key(const char *path, const char *key, bool create,
                                      cs_secret_error *err)
{
    cs_secret_store_options options = {0};
    options.path = path;
    options.key_file = key;
    options.create = create;
    memset(err, 0, sizeof *err);
    return cs_secret_store_open(&options, err);
}

static cs_secret_store *open_default(void)
{
    cs_secret_error err;
    cs_secret_store *store = open_with_key(store_path, key_path, true, &err);
    CU_ASSERT_PTR_NOT_NULL_FATAL(store);
    return store;
}

static cs_secret_code put(cs_secret_store *store, const char *reference, const char *value,
                          char **written)
{
    cs_secret_error err = {0};
    return cs_secret_provider_put(cs_secret_store_provider(store), reference,
                                  (const unsigned char *)value, strlen(value), written, &err);
}

static void expect_value(cs_secret_store *store, const char *reference, const char *version,
                         const char *expected, const char *expected_version)
{
    cs_secret_value value = CS_SECRET_VALUE_INIT;
    cs_secret_error err = {0};
    CU_ASSERT_EQUAL_FATAL(cs_secret_provider_get(cs_secret_store_provider(store), reference,
                                                 version, &value, &err), CS_SECRET_OK);
    CU_ASSERT_EQUAL(value.len, strlen(expected));
    CU_ASSERT_EQUAL(memcmp(value.data, expected, value.len), 0);
    CU_ASSERT_STRING_EQUAL(value.version, expected_version);
    cs_secret_value_clear(&value);
}

static cs_secret_code get_code(cs_secret_store *store, const char *reference, const char *version,
                               cs_secret_error *err)
{
    cs_secret_value value = CS_SECRET_VALUE_INIT;
    memset(err, 0, sizeof *err);
    cs_secret_code code = cs_secret_provider_get(cs_secret_store_provider(store), reference,
                                                 version, &value, err);
    CU_ASSERT_PTR_NULL(value.data);
    cs_secret_value_clear(&value);
    return code;
}

static void test_key_file(void)
{
    struct stat info;
    CU_ASSERT_EQUAL_FATAL(stat(key_path, &info), 0);
    CU_ASSERT_EQUAL(info.st_mode & 0777, 0600);
    CU_ASSERT_EQUAL(info.st_size, 65); /* 64 hex digits and a newline */
    cs_secret_error err = {0};
    CU_ASSERT_EQUAL(cs_secret_store_create_key_file(key_path, &err), CS_SECRET_INVALID);
    CU_ASSERT_PTR_NOT_NULL(strstr(err.message, "already exists"));
}

static void test_round_trip_and_versions(void)
{
    remove_store();
    cs_secret_store *store = open_default();
    cs_secret_provider *provider = cs_secret_store_provider(store);
    CU_ASSERT_STRING_EQUAL(provider->id, "store");
    CU_ASSERT_TRUE(cs_secret_provider_can_handle(provider, "store://acme/stripe"));
    CU_ASSERT_FALSE(cs_secret_provider_can_handle(provider, "env://X"));
    char *written = NULL;
    CU_ASSERT_EQUAL_FATAL(put(store, "store://acme/stripe", "v-one", &written), CS_SECRET_OK);
    CU_ASSERT_STRING_EQUAL(written, "store://acme/stripe?version=1");
    free(written);
    expect_value(store, "store://acme/stripe", NULL, "v-one", "1");

    cs_secret_error err = {0};
    CU_ASSERT_EQUAL(cs_secret_provider_rotate(provider, "store://acme/stripe",
                                              (const unsigned char *)"v-two", 5, &written, &err),
                    CS_SECRET_OK);
    CU_ASSERT_STRING_EQUAL(written, "store://acme/stripe?version=2");
    free(written);
    expect_value(store, "store://acme/stripe", NULL, "v-two", "2");
    expect_value(store, "store://acme/stripe", "1", "v-one", "1");
    expect_value(store, "store://acme/stripe?version=1", NULL, "v-one", "1");
    expect_value(store, "store://acme/stripe?version=1", "latest", "v-two", "2");

    /* The third version pushes the first out (two versions are kept). */
    CU_ASSERT_EQUAL(put(store, "store://acme/stripe", "v-three", NULL), CS_SECRET_OK);
    expect_value(store, "store://acme/stripe", "2", "v-two", "2");
    CU_ASSERT_EQUAL(get_code(store, "store://acme/stripe", "1", &err), CS_SECRET_NOT_FOUND);
    CU_ASSERT_PTR_NOT_NULL(strstr(err.message, "no version 1"));
    cs_secret_store_free(store);
}

static void test_binary_values_and_tenants(void)
{
    remove_store();
    cs_secret_store *store = open_default();
    cs_secret_error err = {0};
    const unsigned char binary[] = {0, 1, 2, 0xFF, 0};
    CU_ASSERT_EQUAL(cs_secret_provider_put(cs_secret_store_provider(store), "store://a/bin", binary,
                                           sizeof binary, NULL, &err), CS_SECRET_OK);
    cs_secret_value value = CS_SECRET_VALUE_INIT;
    CU_ASSERT_EQUAL(cs_secret_provider_get(cs_secret_store_provider(store), "store://a/bin", NULL,
                                           &value, &err), CS_SECRET_OK);
    CU_ASSERT_EQUAL(value.len, sizeof binary);
    CU_ASSERT_EQUAL(memcmp(value.data, binary, sizeof binary), 0);
    CU_ASSERT_EQUAL(value.metadata_count, 3);
    cs_secret_value_clear(&value);
    /* The same name in two tenants is two secrets. */
    CU_ASSERT_EQUAL(put(store, "store://tenant-1/path/with/slashes", "one", NULL), CS_SECRET_OK);
    CU_ASSERT_EQUAL(put(store, "store://tenant-2/path/with/slashes", "two", NULL), CS_SECRET_OK);
    expect_value(store, "store://tenant-1/path/with/slashes", NULL, "one", "1");
    expect_value(store, "store://tenant-2/path/with/slashes", NULL, "two", "1");
    CU_ASSERT_EQUAL(put(store, "store://a/empty", "", NULL), CS_SECRET_OK);
    expect_value(store, "store://a/empty", NULL, "", "1");
    cs_secret_store_free(store);
}

static void test_rotate_and_delete(void)
{
    remove_store();
    cs_secret_store *store = open_default();
    cs_secret_provider *provider = cs_secret_store_provider(store);
    cs_secret_error err = {0};
    CU_ASSERT_EQUAL(cs_secret_provider_rotate(provider, "store://t/absent",
                                              (const unsigned char *)"x", 1, NULL, &err),
                    CS_SECRET_NOT_FOUND);
    CU_ASSERT_EQUAL(put(store, "store://t/k", "1", NULL), CS_SECRET_OK);
    CU_ASSERT_EQUAL(put(store, "store://t/k", "2", NULL), CS_SECRET_OK);
    CU_ASSERT_EQUAL(cs_secret_provider_remove(provider, "store://t/k", &err), CS_SECRET_OK);
    CU_ASSERT_EQUAL(get_code(store, "store://t/k", NULL, &err), CS_SECRET_NOT_FOUND);
    CU_ASSERT_EQUAL(get_code(store, "store://t/k", "1", &err), CS_SECRET_NOT_FOUND);
    CU_ASSERT_EQUAL(cs_secret_provider_remove(provider, "store://t/k", &err), CS_SECRET_NOT_FOUND);
    /* A deleted name starts again at version 1. */
    CU_ASSERT_EQUAL(put(store, "store://t/k", "again", NULL), CS_SECRET_OK);
    expect_value(store, "store://t/k", NULL, "again", "1");
    cs_secret_store_free(store);
}

static void test_list_names_only(void)
{
    remove_store();
    cs_secret_store *store = open_default();
    put(store, "store://zeta/b", SUPPORT_CANARY, NULL);
    put(store, "store://alpha/z", "x", NULL);
    put(store, "store://alpha/a", "x", NULL);
    put(store, "store://alpha/a", "y", NULL);
    cs_secret_store_entry *entries = NULL;
    size_t count = 0;
    cs_secret_error err = {0};
    CU_ASSERT_EQUAL_FATAL(cs_secret_store_list(store, NULL, &entries, &count, &err), CS_SECRET_OK);
    CU_ASSERT_EQUAL_FATAL(count, 3);
    CU_ASSERT_STRING_EQUAL(entries[0].tenant, "alpha");
    CU_ASSERT_STRING_EQUAL(entries[0].name, "a");
    CU_ASSERT_EQUAL(entries[0].version, 2);
    CU_ASSERT_STRING_EQUAL(entries[1].name, "z");
    CU_ASSERT_STRING_EQUAL(entries[2].tenant, "zeta");
    cs_secret_store_entries_free(entries, count);
    CU_ASSERT_EQUAL(cs_secret_store_list(store, "zeta", &entries, &count, &err), CS_SECRET_OK);
    CU_ASSERT_EQUAL(count, 1);
    cs_secret_store_entries_free(entries, count);
    cs_secret_store_free(store);
}

static void test_invalid_references(void)
{
    remove_store();
    cs_secret_store *store = open_default();
    cs_secret_error err;
    const char *bad[] = {"store://onlyname", "store://t/", "store:///n", "env://t/n",
                         "store://t/n?version=abc", "store://t/n?version=0",
                         "store://t/n?version=99999999999", "", "store://a://b"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        CU_ASSERT_EQUAL(get_code(store, bad[i], NULL, &err), CS_SECRET_INVALID);
        CU_ASSERT_STRING_EQUAL(err.provider, "store");
    }
    CU_ASSERT_EQUAL(get_code(store, "store://t/n", "-1", &err), CS_SECRET_INVALID);
    size_t len = CS_SECRET_STORE_MAX_VALUE_BYTES + 1;
    unsigned char *big = calloc(1, len);
    CU_ASSERT_EQUAL(cs_secret_provider_put(cs_secret_store_provider(store), "store://t/big", big,
                                           len, NULL, &err), CS_SECRET_INVALID);
    free(big);
    cs_secret_store_free(store);
}

static void test_wrong_key(void)
{
    remove_store();
    cs_secret_store *store = open_default();
    put(store, "store://t/n", SUPPORT_CANARY, NULL);
    cs_secret_store_free(store);
    char *other_key = support_path(dir, "other.key");
    cs_secret_error err;
    unlink(other_key);
    CU_ASSERT_EQUAL_FATAL(cs_secret_store_create_key_file(other_key, &err), CS_SECRET_OK);
    CU_ASSERT_PTR_NULL(open_with_key(store_path, other_key, false, &err));
    CU_ASSERT_EQUAL(err.code, CS_SECRET_FORBIDDEN);
    CU_ASSERT_STRING_EQUAL(err.provider, "store");
    CU_ASSERT_PTR_NOT_NULL(strstr(err.message, "wrong key"));
    CU_ASSERT_PTR_NULL(strstr(err.message, SUPPORT_CANARY));
    free(other_key);
}

static unsigned char *read_store(size_t *len)
{
    unsigned char *bytes = support_read_file(store_path, len);
    CU_ASSERT_PTR_NOT_NULL_FATAL(bytes);
    return bytes;
}

static void write_store(const unsigned char *bytes, size_t len)
{
    CU_ASSERT_TRUE_FATAL(support_write_file(store_path, bytes, len, 0600));
}

/* Flips one byte at offset and expects opening to fail with code. */
static void expect_tamper_detected(size_t offset, cs_secret_code code)
{
    size_t len = 0;
    unsigned char *original = read_store(&len);
    CU_ASSERT_FATAL(offset < len);
    original[offset] ^= 0x01;
    write_store(original, len);
    cs_secret_error err;
    CU_ASSERT_PTR_NULL(open_with_key(store_path, key_path, false, &err));
    CU_ASSERT_EQUAL(err.code, code);
    CU_ASSERT_PTR_NULL(strstr(err.message, SUPPORT_CANARY));
    original[offset] ^= 0x01;
    write_store(original, len);
    free(original);
}

static void test_tampered_bytes(void)
{
    remove_store();
    cs_secret_store *store = open_default();
    put(store, "store://t/n", SUPPORT_CANARY, NULL);
    cs_secret_store_free(store);
    size_t len = 0;
    free(read_store(&len));
    expect_tamper_detected(0, CS_SECRET_INVALID);          /* magic */
    expect_tamper_detected(8, CS_SECRET_INVALID);          /* format version */
    expect_tamper_detected(50, CS_SECRET_FORBIDDEN);       /* key check: reads as a wrong key */
    expect_tamper_detected(STORE_HEADER_BYTES + 3, CS_SECRET_INVALID); /* entry tenant */
    expect_tamper_detected(len - STORE_MAC_BYTES - 5, CS_SECRET_INVALID); /* ciphertext */
    expect_tamper_detected(len - 1, CS_SECRET_INVALID);    /* the MAC itself */
    /* Every byte restored: opens again. */
    cs_secret_error err;
    store = open_with_key(store_path, key_path, false, &err);
    CU_ASSERT_PTR_NOT_NULL(store);
    cs_secret_store_free(store);
}

static void test_modified_after_open(void)
{
    remove_store();
    cs_secret_store *store = open_default();
    put(store, "store://t/n", "value", NULL);
    size_t len = 0;
    unsigned char *bytes = read_store(&len);
    bytes[len - STORE_MAC_BYTES - 2] ^= 0x80;
    write_store(bytes, len);
    cs_secret_error err;
    CU_ASSERT_EQUAL(get_code(store, "store://t/n", NULL, &err), CS_SECRET_INVALID);
    CU_ASSERT_PTR_NOT_NULL(strstr(err.message, "modified"));
    CU_ASSERT_EQUAL(put(store, "store://t/other", "v", NULL), CS_SECRET_INVALID);
    free(bytes);
    cs_secret_store_free(store);
}

static void test_truncated_file(void)
{
    remove_store();
    cs_secret_store *store = open_default();
    put(store, "store://t/n", "value", NULL);
    cs_secret_store_free(store);
    size_t len = 0;
    unsigned char *bytes = read_store(&len);
    size_t cuts[] = {0, 7, STORE_HEADER_BYTES, len - STORE_MAC_BYTES, len - 1};
    for (size_t i = 0; i < sizeof cuts / sizeof cuts[0]; i++) {
        write_store(bytes, cuts[i]);
        cs_secret_error err;
        CU_ASSERT_PTR_NULL(open_with_key(store_path, key_path, false, &err));
        CU_ASSERT_EQUAL(err.code, CS_SECRET_INVALID);
    }
    write_store(bytes, len);
    free(bytes);
}

static void test_entry_bound_to_tenant_name_and_version(void)
{
    unsigned char master[32];
    randombytes_buf(master, sizeof master);
    store_entry entry;
    memset(&entry, 0, sizeof entry);
    entry.tenant = "acme";
    entry.name = "stripe";
    entry.version = 3;
    CU_ASSERT_TRUE_FATAL(cs_store_entry_seal(master, &entry, (const unsigned char *)"secret", 6));
    unsigned char *plain = NULL;
    size_t len = 0;
    cs_secret_error err = {0};
    CU_ASSERT_EQUAL_FATAL(cs_store_entry_open(master, &entry, &plain, &len, &err), CS_SECRET_OK);
    CU_ASSERT_EQUAL(len, 6);
    cs_secret_bytes_free(plain, len);
    entry.name = "stripf";
    CU_ASSERT_EQUAL(cs_store_entry_open(master, &entry, &plain, &len, &err), CS_SECRET_INVALID);
    entry.name = "stripe";
    entry.tenant = "acmf";
    CU_ASSERT_EQUAL(cs_store_entry_open(master, &entry, &plain, &len, &err), CS_SECRET_INVALID);
    entry.tenant = "acme";
    entry.version = 4;
    CU_ASSERT_EQUAL(cs_store_entry_open(master, &entry, &plain, &len, &err), CS_SECRET_INVALID);
    entry.version = 3;
    entry.ciphertext[0] ^= 1;
    CU_ASSERT_EQUAL(cs_store_entry_open(master, &entry, &plain, &len, &err), CS_SECRET_INVALID);
    free(entry.ciphertext);

    unsigned char key_a[32], key_b[32];
    cs_store_tenant_key(master, "a", key_a);
    cs_store_tenant_key(master, "b", key_b);
    CU_ASSERT_NOT_EQUAL(memcmp(key_a, key_b, 32), 0);
    CU_ASSERT_NOT_EQUAL(memcmp(key_a, master, 32), 0);
}

static void test_passphrase(void)
{
    remove_store();
    cs_secret_store_options options = {0};
    options.path = store_path;
    options.passphrase = "correct horse battery staple";
    options.passphrase_len = strlen(options.passphrase);
    options.create = true;
    options.kdf_limit = CS_SECRET_STORE_KDF_MINIMAL;
    cs_secret_error err = {0};
    cs_secret_store *store = cs_secret_store_open(&options, &err);
    CU_ASSERT_PTR_NOT_NULL_FATAL(store);
    CU_ASSERT_EQUAL(put(store, "store://t/p", "pass-value", NULL), CS_SECRET_OK);
    cs_secret_store_free(store);

    options.create = false;
    store = cs_secret_store_open(&options, &err);
    CU_ASSERT_PTR_NOT_NULL_FATAL(store);
    expect_value(store, "store://t/p", NULL, "pass-value", "1");
    cs_secret_store_free(store);

    options.passphrase = "correct horse battery stapler";
    options.passphrase_len = strlen(options.passphrase);
    CU_ASSERT_PTR_NULL(cs_secret_store_open(&options, &err));
    CU_ASSERT_EQUAL(err.code, CS_SECRET_FORBIDDEN);
    CU_ASSERT_PTR_NULL(open_with_key(store_path, key_path, false, &err));
    CU_ASSERT_EQUAL(err.code, CS_SECRET_FORBIDDEN);
    CU_ASSERT_PTR_NOT_NULL(strstr(err.message, "passphrase"));
}

static void test_key_file_problems(void)
{
    remove_store();
    cs_secret_error err;
    char *loose = support_path(dir, "loose.key");
    char *malformed = support_path(dir, "malformed.key");
    char *missing = support_path(dir, "missing.key");
    const char *hex = "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff\n";
    CU_ASSERT_TRUE_FATAL(support_write_file(loose, hex, strlen(hex), 0644));
    CU_ASSERT_TRUE_FATAL(support_write_file(malformed, "not a key\n", 10, 0600));
    CU_ASSERT_PTR_NULL(open_with_key(store_path, loose, true, &err));
    CU_ASSERT_EQUAL(err.code, CS_SECRET_FORBIDDEN);
    CU_ASSERT_PTR_NOT_NULL(strstr(err.message, "0644"));
    CU_ASSERT_PTR_NULL(strstr(err.message, "00112233"));
    CU_ASSERT_PTR_NULL(open_with_key(store_path, malformed, true, &err));
    CU_ASSERT_EQUAL(err.code, CS_SECRET_INVALID);
    CU_ASSERT_PTR_NULL(open_with_key(store_path, missing, true, &err));
    CU_ASSERT_EQUAL(err.code, CS_SECRET_NOT_FOUND);
    /* 32 raw bytes are a key as well. */
    CU_ASSERT_TRUE_FATAL(support_write_file(loose, "0123456789abcdef0123456789abcdef", 32, 0400));
    cs_secret_store *store = open_with_key(store_path, loose, true, &err);
    CU_ASSERT_PTR_NOT_NULL(store);
    cs_secret_store_free(store);
    remove_store();
    free(loose);
    free(malformed);
    free(missing);
}

static void test_open_errors(void)
{
    remove_store();
    cs_secret_error err;
    CU_ASSERT_PTR_NULL(open_with_key(store_path, key_path, false, &err));
    CU_ASSERT_EQUAL(err.code, CS_SECRET_NOT_FOUND);
    cs_secret_store_options options = {0};
    options.path = store_path;
    CU_ASSERT_PTR_NULL(cs_secret_store_open(&options, &err)); /* neither key nor passphrase */
    CU_ASSERT_EQUAL(err.code, CS_SECRET_INVALID);
    options.key_file = key_path;
    options.passphrase = "both";
    options.passphrase_len = 4;
    CU_ASSERT_PTR_NULL(cs_secret_store_open(&options, &err));
    CU_ASSERT_EQUAL(err.code, CS_SECRET_INVALID);
    CU_ASSERT_TRUE_FATAL(support_write_file(store_path, "garbage", 7, 0600));
    CU_ASSERT_PTR_NULL(open_with_key(store_path, key_path, false, &err));
    CU_ASSERT_EQUAL(err.code, CS_SECRET_INVALID);
    remove_store();
}

static size_t count_entries(void)
{
    DIR *listing = opendir(dir);
    size_t count = 0;
    for (struct dirent *entry; listing && (entry = readdir(listing));)
        if (strstr(entry->d_name, ".tmp."))
            count++;
    if (listing)
        closedir(listing);
    return count;
}

static void test_atomic_write_leaves_private_file(void)
{
    remove_store();
    cs_secret_store *store = open_default();
    for (int i = 0; i < 5; i++)
        put(store, "store://t/n", "value", NULL);
    struct stat info;
    CU_ASSERT_EQUAL_FATAL(stat(store_path, &info), 0);
    CU_ASSERT_EQUAL(info.st_mode & 0777, 0600);
    CU_ASSERT_EQUAL(count_entries(), 0); /* no temporary files left */
    size_t len = 0;
    unsigned char *bytes = read_store(&len);
    CU_ASSERT_EQUAL(memcmp(bytes, "CSSECRET", 8), 0);
    CU_ASSERT_FALSE(support_contains(bytes, len, "value"));
    free(bytes);
    cs_secret_store_free(store);
}

typedef struct writer_job {
    cs_secret_store *store;
    char reference[64];
    int failures;
} writer_job;

static void *writer_thread(void *arg)
{
    writer_job *job = arg;
    for (int i = 0; i < 5; i++)
        if (put(job->store, job->reference, "v", NULL) != CS_SECRET_OK)
            job->failures++;
    return NULL;
}

static void test_concurrent_writers(void)
{
    remove_store();
    cs_secret_store *store = open_default();
    cs_secret_store *second = open_default(); /* another handle, as another process would have */
    /* Another process: this program re-executed in writer mode (a plain
     * fork would copy this process's threads' locks and heap). */
    pid_t child = fork();
    if (child == 0) {
        execl(self_path, self_path, "--writer-child", store_path, key_path, (char *)NULL);
        _exit(127);
    }
    pthread_t threads[4];
    writer_job jobs[4];
    for (int i = 0; i < 4; i++) {
        jobs[i].store = i % 2 ? second : store;
        jobs[i].failures = 0;
        snprintf(jobs[i].reference, sizeof jobs[i].reference, "store://t/thread-%d", i);
        pthread_create(&threads[i], NULL, writer_thread, &jobs[i]);
    }
    for (int i = 0; i < 4; i++) {
        pthread_join(threads[i], NULL);
        CU_ASSERT_EQUAL(jobs[i].failures, 0);
    }
    int status = -1;
    CU_ASSERT_EQUAL(waitpid(child, &status, 0), child);
    CU_ASSERT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0);
    cs_secret_store_entry *entries = NULL;
    size_t count = 0;
    cs_secret_error err = {0};
    CU_ASSERT_EQUAL_FATAL(cs_secret_store_list(store, "t", &entries, &count, &err), CS_SECRET_OK);
    CU_ASSERT_EQUAL(count, 5);
    for (size_t i = 0; i < count; i++)
        CU_ASSERT_EQUAL(entries[i].version, 5); /* no lost update */
    cs_secret_store_entries_free(entries, count);
    cs_secret_store_free(second);
    cs_secret_store_free(store);
}

/* The child of "concurrent writers": five puts through its own handle. */
static int writer_child(const char *path, const char *key)
{
    cs_secret_error err;
    cs_secret_store *own = open_with_key(path, key, false, &err);
    int failures = own ? 0 : 1;
    for (int i = 0; own && i < 5; i++)
        failures += put(own, "store://t/process", "v", NULL) != CS_SECRET_OK;
    cs_secret_store_free(own);
    return failures;
}

int main(int argc, char **argv)
{
    if (argc == 4 && strcmp(argv[1], "--writer-child") == 0)
        return writer_child(argv[2], argv[3]);
    self_path = argv[0];
    if (setup() != 0)
        return 1;
    CU_TestInfo tests[] = {
        {"key file: mode, size, no overwrite", test_key_file},
        {"round trip and versions", test_round_trip_and_versions},
        {"binary values and tenants", test_binary_values_and_tenants},
        {"rotate and delete", test_rotate_and_delete},
        {"list: names only, sorted", test_list_names_only},
        {"invalid references", test_invalid_references},
        {"wrong key", test_wrong_key},
        {"tampered bytes", test_tampered_bytes},
        {"modified after open", test_modified_after_open},
        {"truncated file", test_truncated_file},
        {"entries bound to tenant, name, version", test_entry_bound_to_tenant_name_and_version},
        {"passphrase", test_passphrase},
        {"key file problems", test_key_file_problems},
        {"open errors", test_open_errors},
        {"atomic write leaves a private file", test_atomic_write_leaves_private_file},
        {"concurrent writers", test_concurrent_writers},
        CU_TEST_INFO_NULL,
    };
    int status = support_run_suite("secrets_store", tests);
    teardown();
    return status;
}
