/* Version, transport and auth resolution; semver; credential manifests. */
#include <string.h>

#include <CUnit/Basic.h>

#include "contractc/resolve.h"
#include "fakes.h"

static const cs_api_version_info versions[] = {
    {"2023-10-16", CS_API_VERSION_STABLE, NULL, NULL, NULL},
    {"2022-11-15", CS_API_VERSION_DEPRECATED, "2025-01-01", "https://example.test/migrate", NULL},
    {"2024-06-01", CS_API_VERSION_BETA, NULL, NULL, NULL},
    {"2020-08-27", CS_API_VERSION_SUNSET, NULL, NULL, NULL},
    {"2023-10-16", CS_API_VERSION_SUNSET, NULL, NULL, NULL},
};
static const cs_version_policy policy = {"2023-10-16", versions, 5};

static void test_api_version(void)
{
    CU_ASSERT_PTR_NULL(cs_resolve_api_version(NULL, "2022-11-15"));   /* no policy: override ignored */
    CU_ASSERT_STRING_EQUAL(cs_resolve_api_version(&policy, NULL), "2023-10-16");
    CU_ASSERT_STRING_EQUAL(cs_resolve_api_version(&policy, "1999-01-01"), "1999-01-01");   /* not checked */
    CU_ASSERT_STRING_EQUAL(cs_resolve_api_version(&policy, ""), "");   /* empty string kept */
}

static void test_version_info_and_deprecation(void)
{
    /* the first exactly equal entry */
    CU_ASSERT_PTR_EQUAL(cs_version_info(&policy, "2023-10-16"), &versions[0]);
    CU_ASSERT_PTR_NULL(cs_version_info(&policy, "2023-10"));
    CU_ASSERT_PTR_NULL(cs_version_info(NULL, "2023-10-16"));
    CU_ASSERT_FALSE(cs_version_is_deprecated(&policy, "2023-10-16"));
    CU_ASSERT_TRUE(cs_version_is_deprecated(&policy, "2022-11-15"));
    CU_ASSERT_TRUE(cs_version_is_deprecated(&policy, "2020-08-27"));
    CU_ASSERT_FALSE(cs_version_is_deprecated(&policy, "2024-06-01"));
    CU_ASSERT_FALSE(cs_version_is_deprecated(&policy, "1900-01-01"));   /* unknown → false */
    CU_ASSERT_STRING_EQUAL(cs_api_version_status_name(CS_API_VERSION_SUNSET), "sunset");
    CU_ASSERT_STRING_EQUAL(cs_api_version_status_name(CS_API_VERSION_BETA), "beta");
}

static void test_active_versions(void)
{
    const cs_api_version_info *active[4];
    CU_ASSERT_EQUAL(cs_active_versions(&policy, active, 4), 2);
    CU_ASSERT_PTR_EQUAL(active[0], &versions[0]);
    CU_ASSERT_PTR_EQUAL(active[1], &versions[2]);
    CU_ASSERT_EQUAL(cs_active_versions(&policy, active, 1), 2);   /* count beyond capacity */
    CU_ASSERT_EQUAL(cs_active_versions(&policy, NULL, 0), 2);
    CU_ASSERT_EQUAL(cs_active_versions(NULL, active, 4), 0);
}

static void test_semver(void)
{
    const char *ordered[] = {"0.9.9", "1.0.0-alpha", "1.0.0-alpha.1", "1.0.0-alpha.beta", "1.0.0-beta",
                             "1.0.0-beta.2", "1.0.0-beta.11", "1.0.0-rc.1", "1.0.0", "1.2.0", "1.9.0",
                             "1.10.0", "2.0.0", "10.0.0", "99999999999999999999.0.0"};
    size_t count = sizeof ordered / sizeof ordered[0];
    for (size_t i = 0; i < count; i++) {
        for (size_t j = 0; j < count; j++) {
            int order = 99;
            CU_ASSERT_TRUE(cs_semver_compare(ordered[i], ordered[j], &order));
            CU_ASSERT_EQUAL(order, i < j ? -1 : i > j ? 1 : 0);
        }
    }
    int order = 99;
    CU_ASSERT_TRUE(cs_semver_compare("1.0.0+build.1", "1.0.0+other", &order));
    CU_ASSERT_EQUAL(order, 0);   /* build metadata ignored */
    const char *invalid[] = {"1", "1.0", "v1.0.0", "01.0.0", "1.0.0-", "1.0.0-01", "1.0.0+", "1.0.0-a..b",
                             "1.0.0 ", "1.a.0", "", "2023-10-16", "1.0.0-a_b"};
    for (size_t i = 0; i < sizeof invalid / sizeof invalid[0]; i++) {
        CU_ASSERT_FALSE(cs_semver_valid(invalid[i]));
        CU_ASSERT_FALSE(cs_semver_compare(invalid[i], "1.0.0", &order));
    }
    CU_ASSERT_TRUE(cs_semver_valid("1.0.0-0.3.7+exp.sha.5114f85"));
    CU_ASSERT_TRUE(cs_semver_valid("1.0.0+001"));   /* leading zeros allowed in build metadata */
    CU_ASSERT_FALSE(cs_semver_valid(NULL));
}

static void test_latest_version_exact_key(void)
{
    const cs_spec_ref refs[] = {
        {"x", "1.9.0"}, {"x.vat", "9.0.0"}, {"x", "1.10.0"}, {"y", "3.0.0"}, {"x", "1.10.0-rc.1"},
    };
    size_t index = 99;
    cs_error err;
    CU_ASSERT_EQUAL(cs_latest_version(refs, 5, "x", &index, &err), CS_STATUS_OK);
    CU_ASSERT_EQUAL(index, 2);   /* 1.10.0 beats 1.9.0 (semver, not text); x.vat is not x */
    CU_ASSERT_EQUAL(cs_latest_version(refs, 5, "x.vat", &index, &err), CS_STATUS_OK);
    CU_ASSERT_EQUAL(index, 1);
    CU_ASSERT_EQUAL(cs_latest_version(refs, 5, "z", &index, &err), CS_STATUS_NOT_FOUND);
    CU_ASSERT_EQUAL(err.code, CS_STATUS_NOT_FOUND);
    const cs_spec_ref bad[] = {{"x", "1.0.0"}, {"x", "latest"}};
    CU_ASSERT_EQUAL(cs_latest_version(bad, 2, "x", &index, &err), CS_STATUS_INVALID_VERSION);
    CU_ASSERT_PTR_NOT_NULL(strstr(err.message, "latest"));
    CU_ASSERT_EQUAL(cs_latest_version(NULL, 1, "x", &index, &err), CS_STATUS_INVALID_ARGUMENT);
    const cs_spec_ref equal[] = {{"x", "1.0.0+a"}, {"x", "1.0.0+b"}};
    CU_ASSERT_EQUAL(cs_latest_version(equal, 2, "x", &index, &err), CS_STATUS_OK);
    CU_ASSERT_EQUAL(index, 0);   /* equal precedence: the first wins */
}

static void test_transport(void)
{
    const char *const transports[] = {"sdk", "rest", "mcp"};
    CU_ASSERT_STRING_EQUAL(cs_resolve_transport(transports, 3, "rest", "mcp"), "mcp");       /* 1 */
    CU_ASSERT_STRING_EQUAL(cs_resolve_transport(transports, 3, "rest", "webhook"), "rest");  /* 2 */
    CU_ASSERT_STRING_EQUAL(cs_resolve_transport(transports, 3, "graphql", NULL), "sdk");     /* 3 */
    CU_ASSERT_STRING_EQUAL(cs_resolve_transport(transports, 3, NULL, NULL), "sdk");
    CU_ASSERT_STRING_EQUAL(cs_resolve_transport(NULL, 0, "mcp", "mcp"), "rest");             /* 4 */
}

static void test_auth_method(void)
{
    const char *const methods[] = {"oauth2", "api-key"};
    CU_ASSERT_STRING_EQUAL(cs_resolve_auth_method(methods, 2, "api-key"), "api-key");
    CU_ASSERT_STRING_EQUAL(cs_resolve_auth_method(methods, 2, "basic"), "oauth2");
    CU_ASSERT_STRING_EQUAL(cs_resolve_auth_method(methods, 2, NULL), "oauth2");
    CU_ASSERT_STRING_EQUAL(cs_resolve_auth_method(NULL, 0, "basic"), "basic");   /* no spec methods */
    CU_ASSERT_PTR_NULL(cs_resolve_auth_method(NULL, 0, NULL));
}

static void test_request_context(void)
{
    cs_connection_params params = {0};
    params.id = "c";
    params.tenant_id = "t";
    params.integration_key = "k";
    params.integration_version = "1.0.0";
    params.secret_ref = "r";
    params.active_transport = "mcp";
    params.auth_method = "api-key";
    params.api_version = "2022-11-15";
    cs_connection *connection = cs_connection_new(&params, NULL);
    const char *const transports[] = {"rest", "mcp"};
    const char *const methods[] = {"oauth2", "api-key"};
    cs_integration_request_spec spec = {transports, 2, "rest", methods, 2, &policy};
    cs_request_context context = cs_resolve_request_context(&spec, connection);
    CU_ASSERT_STRING_EQUAL(context.transport, "mcp");
    CU_ASSERT_STRING_EQUAL(context.auth_method, "api-key");
    CU_ASSERT_STRING_EQUAL(context.api_version, "2022-11-15");
    spec.version_policy = NULL;
    context = cs_resolve_request_context(&spec, NULL);
    CU_ASSERT_STRING_EQUAL(context.transport, "rest");
    CU_ASSERT_STRING_EQUAL(context.auth_method, "oauth2");
    CU_ASSERT_PTR_NULL(context.api_version);
    context = cs_resolve_request_context(NULL, connection);
    CU_ASSERT_STRING_EQUAL(context.transport, "rest");
    cs_connection_free(connection);
}

static void test_credential_manifest(void)
{
    const char *const managed_config[] = {"accountId"};
    const char *const byok_config[] = {"accountId", "region", "webhookUrl"};
    const char *const byok_secrets[] = {"apiKey", "webhookSecret"};
    const cs_credential_requirements managed = {managed_config, 1, NULL, 0};
    const cs_credential_requirements byok = {byok_config, 3, byok_secrets, 2};
    cs_credential_manifest manifest = {&managed, &byok};
    cJSON *config = cJSON_Parse("{\"accountId\":\"a\",\"region\":null}");
    cs_secret_map secrets = CS_SECRET_MAP_INIT;
    const char *secret_text = "{\"apiKey\":\"sk_live_value\"}";
    cs_secret_map_parse((const unsigned char *)secret_text, strlen(secret_text), &secrets);

    cs_credential_report report = CS_CREDENTIAL_REPORT_INIT;
    CU_ASSERT_EQUAL(cs_credential_check(&manifest, CS_OWNERSHIP_BYOK, config, &secrets, &report), CS_STATUS_OK);
    CU_ASSERT_TRUE(report.mode_supported);
    CU_ASSERT_EQUAL(report.mode, CS_OWNERSHIP_BYOK);
    CU_ASSERT_EQUAL_FATAL(report.missing_config_count, 2);   /* null counts as missing */
    CU_ASSERT_STRING_EQUAL(report.missing_config[0], "region");
    CU_ASSERT_STRING_EQUAL(report.missing_config[1], "webhookUrl");
    CU_ASSERT_EQUAL_FATAL(report.missing_secret_count, 1);
    CU_ASSERT_STRING_EQUAL(report.missing_secrets[0], "webhookSecret");
    CU_ASSERT_FALSE(cs_credential_report_complete(&report));

    CU_ASSERT_EQUAL(cs_credential_check(&manifest, CS_OWNERSHIP_MANAGED, config, &secrets, &report), CS_STATUS_OK);
    CU_ASSERT_TRUE(cs_credential_report_complete(&report));
    CU_ASSERT_EQUAL(report.missing_config_count, 0);

    /* no parsed secret: every secret field missing */
    CU_ASSERT_EQUAL(cs_credential_check(&manifest, CS_OWNERSHIP_BYOK, config, NULL, &report), CS_STATUS_OK);
    CU_ASSERT_EQUAL(report.missing_secret_count, 2);

    cs_credential_manifest managed_only = {&managed, NULL};
    CU_ASSERT_EQUAL(cs_credential_check(&managed_only, CS_OWNERSHIP_BYOK, config, &secrets, &report), CS_STATUS_OK);
    CU_ASSERT_FALSE(report.mode_supported);
    CU_ASSERT_FALSE(cs_credential_report_complete(&report));
    CU_ASSERT_EQUAL(cs_credential_check(NULL, CS_OWNERSHIP_BYOK, config, &secrets, &report),
                    CS_STATUS_INVALID_ARGUMENT);
    CU_ASSERT_EQUAL(cs_credential_check(&manifest, CS_OWNERSHIP_BYOK, config, &secrets, NULL),
                    CS_STATUS_INVALID_ARGUMENT);
    cs_credential_report_clear(&report);
    cs_credential_report_clear(NULL);
    cs_secret_map_clear(&secrets);
    cJSON_Delete(config);
}

static void test_health_strategies(void)
{
    cs_health_strategy out[8];
    CU_ASSERT_EQUAL(cs_resolve_health_strategy_order(NULL, 0, false, out, 8), 4);
    for (int i = 0; i < 4; i++)
        CU_ASSERT_EQUAL(out[i], (cs_health_strategy)i);   /* the default order, without unofficial */
    CU_ASSERT_EQUAL(cs_resolve_health_strategy_order(NULL, 0, true, out, 8), 5);
    CU_ASSERT_EQUAL(out[4], CS_HEALTH_UNOFFICIAL);
    const cs_health_strategy custom[] = {CS_HEALTH_UNOFFICIAL, CS_HEALTH_AGGREGATOR_MCP, CS_HEALTH_AGGREGATOR_MCP};
    CU_ASSERT_EQUAL(cs_resolve_health_strategy_order(custom, 3, false, out, 8), 2);   /* no de-duplication */
    CU_ASSERT_EQUAL(out[0], CS_HEALTH_AGGREGATOR_MCP);
    CU_ASSERT_EQUAL(cs_resolve_health_strategy_order(custom, 3, true, out, 1), 3);
    CU_ASSERT_EQUAL(out[0], CS_HEALTH_UNOFFICIAL);
    const char *names[] = {"official-api", "official-mcp", "aggregator-api", "aggregator-mcp", "unofficial"};
    for (int i = 0; i < 5; i++) {
        cs_health_strategy parsed = CS_HEALTH_OFFICIAL_API;
        CU_ASSERT_STRING_EQUAL(cs_health_strategy_name((cs_health_strategy)i), names[i]);
        CU_ASSERT_TRUE(cs_health_strategy_from_name(names[i], &parsed));
        CU_ASSERT_EQUAL(parsed, (cs_health_strategy)i);
    }
    cs_health_strategy parsed;
    CU_ASSERT_FALSE(cs_health_strategy_from_name("official", &parsed));
    const char *const allow[] = {"health.whoop"};
    CU_ASSERT_FALSE(cs_unofficial_health_provider_allowed("health.whoop", false, allow, 1));
    CU_ASSERT_TRUE(cs_unofficial_health_provider_allowed("health.whoop", true, allow, 1));
    CU_ASSERT_FALSE(cs_unofficial_health_provider_allowed("health.oura", true, allow, 1));
    CU_ASSERT_TRUE(cs_unofficial_health_provider_allowed("health.oura", true, NULL, 0));
}

int main(void)
{
    CU_TestInfo tests[] = {
        {"API version: override, then current", test_api_version},
        {"version info and deprecation", test_version_info_and_deprecation},
        {"active versions", test_active_versions},
        {"semver precedence and validity", test_semver},
        {"latest version: exact key, semver", test_latest_version_exact_key},
        {"transport precedence", test_transport},
        {"auth method resolution", test_auth_method},
        {"request context with overrides", test_request_context},
        {"credential manifest check", test_credential_manifest},
        {"health strategy order and unofficial providers", test_health_strategies},
        CU_TEST_INFO_NULL,
    };
    return support_run_suite("resolve", tests);
}
