/* The manager: ordering, read and write fall-back, composed errors
 * (ContractSpec 5.5), ownership. */
#include <stdlib.h>
#include <string.h>

#include "contractc/secret_manager.h"
#include "secrets_support.h"

/* A scripted provider that records the order in which it was asked. */
typedef struct fake_provider {
    cs_secret_provider base;
    bool handles;
    cs_secret_code get_result;
    cs_secret_code write_result;
    const char *value;
    char *call_log; /* shared: each call appends the id */
    int *destroyed;
} fake_provider;

static void log_call(fake_provider *fake)
{
    strcat(fake->call_log, fake->base.id);
    strcat(fake->call_log, ";");
}

static bool fake_can_handle(cs_secret_provider *self, const char *reference)
{
    (void)reference;
    return ((fake_provider *)self)->handles;
}

static cs_secret_code fake_get(cs_secret_provider *self, const char *reference, const char *version,
                               cs_secret_value *out, cs_secret_error *err)
{
    (void)version;
    fake_provider *fake = (fake_provider *)self;
    log_call(fake);
    if (fake->get_result != CS_SECRET_OK)
        return cs_secret_error_set(err, fake->get_result, self->id, "%s failed for %s", self->id,
                                   reference);
    cs_secret_value_assign(out, (const unsigned char *)fake->value, strlen(fake->value), "1");
    return CS_SECRET_OK;
}

static cs_secret_code fake_write(cs_secret_provider *self, const char *reference,
                                 const unsigned char *data, size_t len, char **new_reference,
                                 cs_secret_error *err)
{
    (void)data, (void)len;
    fake_provider *fake = (fake_provider *)self;
    log_call(fake);
    if (fake->write_result != CS_SECRET_OK)
        return cs_secret_error_set(err, fake->write_result, self->id, "write refused");
    if (new_reference) {
        *new_reference = malloc(strlen(reference) + 1);
        strcpy(*new_reference, reference);
    }
    return CS_SECRET_OK;
}

static cs_secret_code fake_remove(cs_secret_provider *self, const char *reference,
                                  cs_secret_error *err)
{
    return fake_write(self, reference, NULL, 0, NULL, err);
}

static void fake_destroy(cs_secret_provider *self)
{
    fake_provider *fake = (fake_provider *)self;
    if (fake->destroyed)
        (*fake->destroyed)++;
    free(fake);
}

static const cs_secret_provider_ops fake_ops = {fake_can_handle, fake_get, fake_write, fake_write,
                                                fake_remove, fake_destroy};
static const cs_secret_provider_ops read_only_ops = {fake_can_handle, fake_get, NULL, NULL, NULL,
                                                     fake_destroy};

static char call_log[512];
static int destroyed;

static cs_secret_provider *fake(const char *id, bool handles, cs_secret_code get_result,
                                cs_secret_code write_result)
{
    fake_provider *provider = calloc(1, sizeof *provider);
    provider->base.id = id;
    provider->base.ops = &fake_ops;
    provider->handles = handles;
    provider->get_result = get_result;
    provider->write_result = write_result;
    provider->value = id;
    provider->call_log = call_log;
    provider->destroyed = &destroyed;
    return &provider->base;
}

static void reset_log(void)
{
    call_log[0] = 0;
}

static void test_default_id_and_custom_id(void)
{
    cs_secret_manager *manager = cs_secret_manager_new(NULL);
    CU_ASSERT_STRING_EQUAL(cs_secret_manager_provider(manager)->id, "secret-provider-manager");
    cs_secret_manager_free(manager);
    manager = cs_secret_manager_new("mine");
    CU_ASSERT_STRING_EQUAL(cs_secret_manager_provider(manager)->id, "mine");
    cs_secret_manager_free(manager);
    cs_secret_manager_free(NULL);
}

static void test_priority_descending_then_registration(void)
{
    cs_secret_manager *manager = cs_secret_manager_new(NULL);
    cs_secret_manager_register(manager, fake("a", true, CS_SECRET_OK, CS_SECRET_OK), 0);
    cs_secret_manager_register(manager, fake("b", true, CS_SECRET_OK, CS_SECRET_OK), 10);
    cs_secret_manager_register(manager, fake("c", true, CS_SECRET_OK, CS_SECRET_OK), 0);
    cs_secret_manager_register(manager, fake("d", true, CS_SECRET_OK, CS_SECRET_OK), 10);
    cs_secret_manager_register(manager, fake("e", true, CS_SECRET_OK, CS_SECRET_OK), -5);
    const char *expected[] = {"b", "d", "a", "c", "e"};
    CU_ASSERT_EQUAL_FATAL(cs_secret_manager_count(manager), 5);
    for (size_t i = 0; i < 5; i++)
        CU_ASSERT_STRING_EQUAL(cs_secret_manager_at(manager, i)->id, expected[i]);
    CU_ASSERT_PTR_NULL(cs_secret_manager_at(manager, 5));
    cs_secret_manager_free(manager);
}

static void test_can_handle_is_any(void)
{
    cs_secret_manager *manager = cs_secret_manager_new(NULL);
    cs_secret_provider *as_provider = cs_secret_manager_provider(manager);
    CU_ASSERT_FALSE(cs_secret_provider_can_handle(as_provider, "x://y"));
    cs_secret_manager_register(manager, fake("no", false, CS_SECRET_OK, CS_SECRET_OK), 0);
    CU_ASSERT_FALSE(cs_secret_provider_can_handle(as_provider, "x://y"));
    cs_secret_manager_register(manager, fake("yes", true, CS_SECRET_OK, CS_SECRET_OK), 0);
    CU_ASSERT_TRUE(cs_secret_provider_can_handle(as_provider, "x://y"));
    cs_secret_manager_free(manager);
}

static cs_secret_code manager_get(cs_secret_manager *manager, const char *version,
                                  cs_secret_value *value, cs_secret_error *err)
{
    reset_log();
    memset(err, 0, sizeof *err);
    return cs_secret_provider_get(cs_secret_manager_provider(manager), "x://ref", version, value,
                                  err);
}

static void test_get_falls_back_on_not_found_only(void)
{
    cs_secret_manager *manager = cs_secret_manager_new(NULL);
    cs_secret_manager_register(manager, fake("skip", false, CS_SECRET_OK, CS_SECRET_OK), 9);
    cs_secret_manager_register(manager, fake("env", true, CS_SECRET_NOT_FOUND, CS_SECRET_OK), 5);
    cs_secret_manager_register(manager, fake("file", true, CS_SECRET_OK, CS_SECRET_OK), 1);
    cs_secret_value value = CS_SECRET_VALUE_INIT;
    cs_secret_error err;
    CU_ASSERT_EQUAL(manager_get(manager, NULL, &value, &err), CS_SECRET_OK);
    CU_ASSERT_STRING_EQUAL(call_log, "env;file;");
    CU_ASSERT_EQUAL(memcmp(value.data, "file", 4), 0);
    cs_secret_value_clear(&value);
    cs_secret_manager_free(manager);
}

static void test_get_stops_at_other_errors(void)
{
    cs_secret_manager *manager = cs_secret_manager_new(NULL);
    cs_secret_manager_register(manager, fake("env", true, CS_SECRET_NOT_FOUND, CS_SECRET_OK), 5);
    cs_secret_manager_register(manager, fake("file", true, CS_SECRET_FORBIDDEN, CS_SECRET_OK), 4);
    cs_secret_manager_register(manager, fake("store", true, CS_SECRET_OK, CS_SECRET_OK), 3);
    cs_secret_value value = CS_SECRET_VALUE_INIT;
    cs_secret_error err;
    CU_ASSERT_EQUAL(manager_get(manager, "7", &value, &err), CS_SECRET_FORBIDDEN);
    CU_ASSERT_STRING_EQUAL(call_log, "env;file;"); /* store never asked */
    CU_ASSERT_PTR_NULL(value.data);
    CU_ASSERT_EQUAL(err.code, CS_SECRET_FORBIDDEN);
    CU_ASSERT_STRING_EQUAL(err.provider, "secret-provider-manager");
    CU_ASSERT_STRING_EQUAL(err.message,
                           "no registered provider could perform getSecret for x://ref "
                           "(version: 7). Attempts: env:NOT_FOUND, file:FORBIDDEN");
    cs_secret_manager_free(manager);
}

static void test_single_error_is_returned_unchanged(void)
{
    cs_secret_manager *manager = cs_secret_manager_new(NULL);
    cs_secret_manager_register(manager, fake("file", true, CS_SECRET_INVALID, CS_SECRET_OK), 0);
    cs_secret_manager_register(manager, fake("other", false, CS_SECRET_OK, CS_SECRET_OK), 0);
    cs_secret_value value = CS_SECRET_VALUE_INIT;
    cs_secret_error err;
    CU_ASSERT_EQUAL(manager_get(manager, NULL, &value, &err), CS_SECRET_INVALID);
    CU_ASSERT_STRING_EQUAL(err.provider, "file");
    CU_ASSERT_STRING_EQUAL(err.message, "file failed for x://ref");
    cs_secret_manager_free(manager);
}

static void test_nobody_can_handle_is_unknown(void)
{
    cs_secret_manager *manager = cs_secret_manager_new("mgr");
    cs_secret_manager_register(manager, fake("no", false, CS_SECRET_OK, CS_SECRET_OK), 0);
    cs_secret_value value = CS_SECRET_VALUE_INIT;
    cs_secret_error err;
    CU_ASSERT_EQUAL(manager_get(manager, NULL, &value, &err), CS_SECRET_UNKNOWN);
    CU_ASSERT_STRING_EQUAL(err.provider, "mgr");
    CU_ASSERT_STRING_EQUAL(err.message, "no registered provider could perform getSecret for x://ref");
    CU_ASSERT_STRING_EQUAL(call_log, "");
    cs_secret_manager_free(manager);
}

static void test_all_not_found_composes_last_code(void)
{
    cs_secret_manager *manager = cs_secret_manager_new(NULL);
    cs_secret_manager_register(manager, fake("a", true, CS_SECRET_NOT_FOUND, CS_SECRET_OK), 0);
    cs_secret_manager_register(manager, fake("b", true, CS_SECRET_NOT_FOUND, CS_SECRET_OK), 0);
    cs_secret_manager_register(manager, fake("c", true, CS_SECRET_NOT_FOUND, CS_SECRET_OK), 0);
    cs_secret_value value = CS_SECRET_VALUE_INIT;
    cs_secret_error err;
    CU_ASSERT_EQUAL(manager_get(manager, NULL, &value, &err), CS_SECRET_NOT_FOUND);
    CU_ASSERT_STRING_EQUAL(err.message, "no registered provider could perform getSecret for x://ref. "
                                        "Attempts: a:NOT_FOUND, b:NOT_FOUND, c:NOT_FOUND");
    cs_secret_manager_free(manager);
}

static void test_writes_fall_through_any_error(void)
{
    cs_secret_manager *manager = cs_secret_manager_new(NULL);
    cs_secret_manager_register(manager, fake("env", true, CS_SECRET_OK, CS_SECRET_FORBIDDEN), 9);
    cs_secret_manager_register(manager, fake("bad", true, CS_SECRET_OK, CS_SECRET_INVALID), 8);
    cs_secret_manager_register(manager, fake("store", true, CS_SECRET_OK, CS_SECRET_OK), 7);
    cs_secret_manager_register(manager, fake("late", true, CS_SECRET_OK, CS_SECRET_OK), 6);
    cs_secret_provider *as_provider = cs_secret_manager_provider(manager);
    cs_secret_error err = {0};
    char *written = NULL;
    reset_log();
    CU_ASSERT_EQUAL(cs_secret_provider_put(as_provider, "x://ref", (const unsigned char *)"v", 1,
                                           &written, &err), CS_SECRET_OK);
    CU_ASSERT_STRING_EQUAL(call_log, "env;bad;store;");
    CU_ASSERT_STRING_EQUAL(written, "x://ref");
    free(written);
    reset_log();
    CU_ASSERT_EQUAL(cs_secret_provider_rotate(as_provider, "x://ref", (const unsigned char *)"v", 1,
                                              NULL, &err), CS_SECRET_OK);
    CU_ASSERT_STRING_EQUAL(call_log, "env;bad;store;");
    reset_log();
    CU_ASSERT_EQUAL(cs_secret_provider_remove(as_provider, "x://ref", &err), CS_SECRET_OK);
    CU_ASSERT_STRING_EQUAL(call_log, "env;bad;store;");
    cs_secret_manager_free(manager);
}

static void test_write_composed_errors(void)
{
    cs_secret_manager *manager = cs_secret_manager_new(NULL);
    cs_secret_manager_register(manager, fake("env", true, CS_SECRET_OK, CS_SECRET_FORBIDDEN), 9);
    cs_secret_manager_register(manager, fake("file", true, CS_SECRET_OK, CS_SECRET_NOT_FOUND), 8);
    cs_secret_provider *as_provider = cs_secret_manager_provider(manager);
    cs_secret_error err = {0};
    CU_ASSERT_EQUAL(cs_secret_provider_remove(as_provider, "x://ref", &err), CS_SECRET_NOT_FOUND);
    CU_ASSERT_STRING_EQUAL(err.provider, "secret-provider-manager");
    CU_ASSERT_STRING_EQUAL(err.message, "no registered provider could perform deleteSecret for "
                                        "x://ref. Attempts: env:FORBIDDEN, file:NOT_FOUND");
    CU_ASSERT_EQUAL(cs_secret_provider_put(as_provider, "x://ref", (const unsigned char *)"v", 1,
                                           NULL, &err), CS_SECRET_NOT_FOUND);
    CU_ASSERT_PTR_NOT_NULL(strstr(err.message, "setSecret"));
    CU_ASSERT_EQUAL(cs_secret_provider_rotate(as_provider, "x://ref", (const unsigned char *)"v", 1,
                                              NULL, &err), CS_SECRET_NOT_FOUND);
    CU_ASSERT_PTR_NOT_NULL(strstr(err.message, "rotateSecret"));
    cs_secret_manager_free(manager);
}

static void test_read_only_providers_are_skipped_for_writes(void)
{
    cs_secret_manager *manager = cs_secret_manager_new(NULL);
    cs_secret_provider *read_only = fake("ro", true, CS_SECRET_OK, CS_SECRET_OK);
    read_only->ops = &read_only_ops;
    cs_secret_manager_register(manager, read_only, 9);
    cs_secret_error err = {0};
    reset_log();
    CU_ASSERT_EQUAL(cs_secret_provider_put(cs_secret_manager_provider(manager), "x://ref",
                                           (const unsigned char *)"v", 1, NULL, &err),
                    CS_SECRET_UNKNOWN);
    CU_ASSERT_STRING_EQUAL(call_log, "");
    cs_secret_manager_free(manager);
}

static void test_manager_owns_providers(void)
{
    destroyed = 0;
    cs_secret_manager *manager = cs_secret_manager_new(NULL);
    cs_secret_manager_register(manager, fake("a", true, CS_SECRET_OK, CS_SECRET_OK), 0);
    cs_secret_manager_register(manager, fake("b", true, CS_SECRET_OK, CS_SECRET_OK), 0);
    /* A NULL manager still takes (and destroys) the provider. */
    CU_ASSERT_FALSE(cs_secret_manager_register(NULL, fake("c", true, CS_SECRET_OK, CS_SECRET_OK), 0));
    CU_ASSERT_EQUAL(destroyed, 1);
    /* Destroying the provider view frees the manager and its providers. */
    cs_secret_provider_destroy(cs_secret_manager_provider(manager));
    CU_ASSERT_EQUAL(destroyed, 3);
}

static void test_nested_manager(void)
{
    cs_secret_manager *inner = cs_secret_manager_new("inner");
    cs_secret_manager_register(inner, fake("deep", true, CS_SECRET_OK, CS_SECRET_OK), 0);
    cs_secret_manager *outer = cs_secret_manager_new(NULL);
    cs_secret_manager_register(outer, fake("first", true, CS_SECRET_NOT_FOUND, CS_SECRET_OK), 1);
    cs_secret_manager_register(outer, cs_secret_manager_provider(inner), 0);
    cs_secret_value value = CS_SECRET_VALUE_INIT;
    cs_secret_error err;
    CU_ASSERT_EQUAL(manager_get(outer, NULL, &value, &err), CS_SECRET_OK);
    CU_ASSERT_EQUAL(memcmp(value.data, "deep", 4), 0);
    cs_secret_value_clear(&value);
    cs_secret_manager_free(outer);
}

int main(void)
{
    CU_TestInfo tests[] = {
        {"default and custom id", test_default_id_and_custom_id},
        {"priority descending, registration order", test_priority_descending_then_registration},
        {"can_handle is any provider", test_can_handle_is_any},
        {"get falls back on NOT_FOUND", test_get_falls_back_on_not_found_only},
        {"get stops at other errors", test_get_stops_at_other_errors},
        {"a single error is returned unchanged", test_single_error_is_returned_unchanged},
        {"nobody can handle: UNKNOWN", test_nobody_can_handle_is_unknown},
        {"all NOT_FOUND: last code, attempts", test_all_not_found_composes_last_code},
        {"writes fall through any error", test_writes_fall_through_any_error},
        {"write composed errors", test_write_composed_errors},
        {"read-only providers skipped for writes", test_read_only_providers_are_skipped_for_writes},
        {"the manager owns its providers", test_manager_owns_providers},
        {"a manager inside a manager", test_nested_manager},
        CU_TEST_INFO_NULL,
    };
    return support_run_suite("secret_manager", tests);
}
