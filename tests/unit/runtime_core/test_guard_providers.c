/* The guard with the runtime's real providers: the env provider alone and
 * a secret manager (itself a provider) falling back to another provider. */
#define _POSIX_C_SOURCE 200809L
#include <stdlib.h>
#include <string.h>

#include <CUnit/Basic.h>

#include "contractc/guard.h"
#include "contractc/secret_manager.h"
#include "contractc/secrets_env.h"
#include "fakes.h"

static bool run(cs_secret_provider *provider, script *exec, capture_emitter *capture, cs_result *result)
{
    cs_guard_options options;
    cs_guard_options_init(&options);
    options.telemetry = &capture->base;
    options.backoff_ms = 0;
    cs_guard *guard = cs_guard_new(provider, &options);
    cs_app_config *config = make_config(CS_CONNECTION_CONNECTED);   /* secret ref env://STRIPE */
    bool ok = cs_guard_execute(guard, "payments", "op", config, script_executor, exec, result);
    cs_app_config_free(config);
    cs_guard_free(guard);
    return ok;
}

static void test_env_provider(void)
{
    cs_secret_provider *env = cs_secret_env_provider_new(NULL, 0);
    CU_ASSERT_PTR_NOT_NULL_FATAL(env);
    script exec;
    capture_emitter capture;
    cs_result result = CS_RESULT_INIT;

    setenv("STRIPE", "{\"apiKey\":\"sk_env\",\"live\":false}", 1);
    script_init(&exec);
    capture_init(&capture);
    CU_ASSERT_TRUE(run(env, &exec, &capture, &result));
    CU_ASSERT_STRING_EQUAL(exec.seen_secrets, "apiKey=sk_env;live=false;");
    cs_result_clear(&result);
    capture_clear(&capture);

    /* an undefined variable: the env provider cannot handle the reference */
    unsetenv("STRIPE");
    script_init(&exec);
    CU_ASSERT_FALSE(run(env, &exec, &capture, &result));
    CU_ASSERT_TRUE(cs_result_is(&result, CS_STATUS_SECRET_UNAVAILABLE));
    CU_ASSERT_PTR_NOT_NULL(strstr(result.error_message, "env://STRIPE"));
    CU_ASSERT_PTR_NOT_NULL(strstr(result.error_message, "\"env\""));
    CU_ASSERT_EQUAL(atomic_load(&exec.calls), 0);
    CU_ASSERT_EQUAL(capture.count, 1);
    cs_result_clear(&result);
    capture_clear(&capture);
    cs_secret_provider_destroy(env);
}

static void test_manager_fallback(void)
{
    cs_secret_manager *manager = cs_secret_manager_new(NULL);
    CU_ASSERT_PTR_NOT_NULL_FATAL(manager);
    fake_provider fallback;
    fake_provider_init(&fallback, "sk_fallback");
    CU_ASSERT_TRUE(cs_secret_manager_register(manager, cs_secret_env_provider_new(NULL, 0), 10));
    CU_ASSERT_TRUE(cs_secret_manager_register(manager, &fallback.base, 0));
    cs_secret_provider *provider = cs_secret_manager_provider(manager);
    script exec;
    capture_emitter capture;
    cs_result result = CS_RESULT_INIT;

    /* env (higher priority) wins when the variable is set */
    setenv("STRIPE", "sk_from_env", 1);
    script_init(&exec);
    capture_init(&capture);
    CU_ASSERT_TRUE(run(provider, &exec, &capture, &result));
    CU_ASSERT_STRING_EQUAL(exec.seen_secrets, "secret=sk_from_env;");
    cs_result_clear(&result);

    /* otherwise the fallback provider answers */
    unsetenv("STRIPE");
    script_init(&exec);
    CU_ASSERT_TRUE(run(provider, &exec, &capture, &result));
    CU_ASSERT_STRING_EQUAL(exec.seen_secrets, "secret=sk_fallback;");
    cs_result_clear(&result);

    /* and its NOT_FOUND becomes SECRET_UNAVAILABLE naming the code */
    fallback.fail_code = CS_SECRET_NOT_FOUND;
    script_init(&exec);
    CU_ASSERT_FALSE(run(provider, &exec, &capture, &result));
    CU_ASSERT_TRUE(cs_result_is(&result, CS_STATUS_SECRET_UNAVAILABLE));
    CU_ASSERT_PTR_NOT_NULL(strstr(result.error_message, "NOT_FOUND"));
    CU_ASSERT_EQUAL(atomic_load(&exec.calls), 0);
    cs_result_clear(&result);

    /* nobody can handle it: UNKNOWN */
    fallback.handles = false;
    CU_ASSERT_FALSE(run(provider, &exec, &capture, &result));
    CU_ASSERT_PTR_NOT_NULL(strstr(result.error_message, "UNKNOWN"));
    CU_ASSERT_PTR_NOT_NULL(strstr(result.error_message, CS_SECRET_MANAGER_DEFAULT_ID));
    cs_result_clear(&result);
    capture_clear(&capture);
    cs_secret_provider_destroy(provider);
}

int main(void)
{
    CU_TestInfo tests[] = {
        {"env provider", test_env_provider},
        {"secret manager with fall-back", test_manager_fallback},
        CU_TEST_INFO_NULL,
    };
    return support_run_suite("guard_providers", tests);
}
