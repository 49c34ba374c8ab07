/* The environment provider: ContractSpec 5.6's name resolution with every
 * listed example, read-only writes, value and metadata. */
#define _POSIX_C_SOURCE 200809L /* setenv, unsetenv */
#include <stdlib.h>
#include <string.h>

#include "contractc/secrets_env.h"
#include "secrets_support.h"

static void expect_name(cs_secret_provider *env, const char *reference, const char *expected)
{
    char *name = cs_secret_env_variable_name(env, reference);
    CU_ASSERT_PTR_NOT_NULL_FATAL(name);
    CU_ASSERT_STRING_EQUAL(name, expected);
    free(name);
}

static void test_contractspec_derivation_examples(void)
{
    cs_secret_provider *env = cs_secret_env_provider_new(NULL, 0);
    CU_ASSERT_PTR_NOT_NULL_FATAL(env);
    expect_name(env, "gcp://projects/demo/secrets/stripe-secret-key/versions/latest",
                "PROJECTS_DEMO_SECRETS_STRIPE_SECRET_KEY_VERSIONS_LATEST");
    expect_name(env, "aws://secretsmanager/eu-west-1/demo", "SECRETSMANAGER_EU_WEST_1_DEMO");
    expect_name(env, "gcp://p/x?env=OVR", "OVR");
    expect_name(env, "gcp://p/x?env", "P_X");
    expect_name(env, "x://__weird..path__/@@/v1.2", "_WEIRD_PATH____V1_2");
    cs_secret_provider_destroy(env);
}

static void test_rules_in_order(void)
{
    cs_secret_env_alias aliases[] = {
        {"gcp://p/x", "ALIASED"},     /* rule 2: exact whole reference */
        {"gcp://p/y", ""},            /* empty alias: falls through */
        {NULL, "IGNORED"},
    };
    cs_secret_provider *env = cs_secret_env_provider_new(aliases, 3);
    CU_ASSERT_PTR_NOT_NULL_FATAL(env);
    CU_ASSERT_PTR_NULL(cs_secret_env_variable_name(env, ""));      /* rule 1 */
    expect_name(env, "gcp://p/x", "ALIASED");                      /* rule 2 */
    expect_name(env, "gcp://p/x?v=1", "P_X");                      /* alias is whole-reference only */
    expect_name(env, "gcp://p/y", "P_Y");
    expect_name(env, "Mixed_Case-name", "Mixed_Case-name");        /* rule 3: verbatim */
    expect_name(env, "env://FOO?x=1", "FOO");                      /* rule 4: env scheme */
    expect_name(env, "env://a/b", "a/b");
    expect_name(env, "env://lower?env=OTHER", "lower");            /* env scheme beats extras */
    expect_name(env, "://nothing", "://nothing");                  /* rule 5: verbatim */
    expect_name(env, "gcp://", "gcp://");
    cs_secret_provider_destroy(env);
}

static void test_get_value_and_metadata(void)
{
    cs_secret_provider *env = cs_secret_env_provider_new(NULL, 0);
    setenv("CONTRACTC_TEST_STRIPE_KEY", "sk_test_123", 1);
    cs_secret_value value = CS_SECRET_VALUE_INIT;
    cs_secret_error err = {0};
    CU_ASSERT_TRUE(cs_secret_provider_can_handle(env, "env://CONTRACTC_TEST_STRIPE_KEY"));
    CU_ASSERT_EQUAL_FATAL(cs_secret_provider_get(env, "env://CONTRACTC_TEST_STRIPE_KEY", "v9",
                                                 &value, &err), CS_SECRET_OK);
    CU_ASSERT_EQUAL(value.len, 11);
    CU_ASSERT_EQUAL(memcmp(value.data, "sk_test_123", 11), 0);
    CU_ASSERT_STRING_EQUAL(value.version, "current"); /* the version option is ignored */
    CU_ASSERT_EQUAL_FATAL(value.metadata_count, 2);
    CU_ASSERT_STRING_EQUAL(value.metadata[0].key, "source");
    CU_ASSERT_STRING_EQUAL(value.metadata[0].value, "env");
    CU_ASSERT_STRING_EQUAL(value.metadata[1].key, "envKey");
    CU_ASSERT_STRING_EQUAL(value.metadata[1].value, "CONTRACTC_TEST_STRIPE_KEY");
    cs_secret_value_clear(&value);
    CU_ASSERT_PTR_NULL(value.data);
    unsetenv("CONTRACTC_TEST_STRIPE_KEY");
    cs_secret_provider_destroy(env);
}

static void test_empty_variable_is_defined(void)
{
    cs_secret_provider *env = cs_secret_env_provider_new(NULL, 0);
    setenv("CONTRACTC_TEST_EMPTY", "", 1);
    cs_secret_value value = CS_SECRET_VALUE_INIT;
    cs_secret_error err = {0};
    CU_ASSERT_TRUE(cs_secret_provider_can_handle(env, "CONTRACTC_TEST_EMPTY"));
    CU_ASSERT_EQUAL(cs_secret_provider_get(env, "CONTRACTC_TEST_EMPTY", NULL, &value, &err),
                    CS_SECRET_OK);
    CU_ASSERT_EQUAL(value.len, 0);
    cs_secret_value_clear(&value);
    unsetenv("CONTRACTC_TEST_EMPTY");
    cs_secret_provider_destroy(env);
}

static void test_missing_and_empty_reference(void)
{
    cs_secret_provider *env = cs_secret_env_provider_new(NULL, 0);
    unsetenv("CONTRACTC_TEST_MISSING");
    cs_secret_value value = CS_SECRET_VALUE_INIT;
    cs_secret_error err = {0};
    CU_ASSERT_FALSE(cs_secret_provider_can_handle(env, "env://CONTRACTC_TEST_MISSING"));
    CU_ASSERT_FALSE(cs_secret_provider_can_handle(env, ""));
    CU_ASSERT_EQUAL(cs_secret_provider_get(env, "env://CONTRACTC_TEST_MISSING", NULL, &value, &err),
                    CS_SECRET_NOT_FOUND);
    CU_ASSERT_STRING_EQUAL(err.provider, "env");
    CU_ASSERT_PTR_NOT_NULL(strstr(err.message, "CONTRACTC_TEST_MISSING"));
    CU_ASSERT_PTR_NULL(value.data);
    CU_ASSERT_EQUAL(cs_secret_provider_get(env, "", NULL, &value, &err), CS_SECRET_INVALID);
    cs_secret_provider_destroy(env);
}

/* A path with no name characters derives an empty variable name: the
 * reference is malformed (INVALID), not a secret that is missing. */
static void test_reference_naming_no_variable(void)
{
    cs_secret_provider *env = cs_secret_env_provider_new(NULL, 0);
    cs_secret_value value = CS_SECRET_VALUE_INIT;
    cs_secret_error err = {0};
    static const char *const references[] = {"x://///", "gcp://-/./:"};
    for (size_t i = 0; i < sizeof references / sizeof references[0]; i++) {
        CU_ASSERT_FALSE(cs_secret_provider_can_handle(env, references[i]));
        CU_ASSERT_EQUAL(cs_secret_provider_get(env, references[i], NULL, &value, &err),
                        CS_SECRET_INVALID);
        CU_ASSERT_PTR_NOT_NULL(strstr(err.message, "names no environment variable"));
        CU_ASSERT_PTR_NULL(value.data);
    }
    cs_secret_provider_destroy(env);
}

static void test_writes_are_forbidden(void)
{
    cs_secret_provider *env = cs_secret_env_provider_new(NULL, 0);
    cs_secret_error err = {0};
    char *written = NULL;
    CU_ASSERT_EQUAL(cs_secret_provider_put(env, "env://X", (const unsigned char *)"v", 1, &written,
                                           &err), CS_SECRET_FORBIDDEN);
    CU_ASSERT_STRING_EQUAL(err.provider, "env");
    CU_ASSERT_EQUAL(cs_secret_provider_rotate(env, "env://X", (const unsigned char *)"v", 1,
                                              &written, &err), CS_SECRET_FORBIDDEN);
    CU_ASSERT_EQUAL(cs_secret_provider_remove(env, "env://X", &err), CS_SECRET_FORBIDDEN);
    CU_ASSERT_PTR_NULL(written);
    cs_secret_provider_destroy(env);
}

static void test_aliases_are_copied(void)
{
    char reference[] = "svc://key";
    char variable[] = "ALIAS_COPY";
    cs_secret_env_alias alias = {reference, variable};
    cs_secret_provider *env = cs_secret_env_provider_new(&alias, 1);
    memset(reference, 'z', sizeof reference - 1);
    memset(variable, 'z', sizeof variable - 1);
    expect_name(env, "svc://key", "ALIAS_COPY");
    cs_secret_provider_destroy(env);
}

int main(void)
{
    CU_TestInfo tests[] = {
        {"ContractSpec derivation examples", test_contractspec_derivation_examples},
        {"rules 1-5 in order", test_rules_in_order},
        {"get: value, version, metadata", test_get_value_and_metadata},
        {"an empty variable is defined", test_empty_variable_is_defined},
        {"missing variable and empty reference", test_missing_and_empty_reference},
        {"reference naming no variable", test_reference_naming_no_variable},
        {"writes are FORBIDDEN", test_writes_are_forbidden},
        {"aliases are copied", test_aliases_are_copied},
        CU_TEST_INFO_NULL,
    };
    return support_run_suite("secrets_env", tests);
}
