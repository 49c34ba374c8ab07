/* Unit tests: check_examples -- acceptance examples against io models and
 * configSchema/secretSchema examples against their schemas, through the
 * real loader and lowering, with exact diagnostics. */
#include <CUnit/Basic.h>
#include <string.h>

#include "check.h"
#include "frontend_support.h"
#include "values_test_main.h"

#define N(array) (sizeof(array) / sizeof((array)[0]))

/* The integration-hub example of spec-format.md against the models of
 * the fixture: five mismatches, each at its value (or, for an unknown
 * field, its key). */
static const char *const connection_create_warnings[] = {
    "values/connection-create.yaml:79:14: warning: example 'connect-payments' input: missing "
    "required field 'integrationKey'",
    "values/connection-create.yaml:79:34: warning: example 'connect-payments' input: "
    "/integrationId: unknown field 'integrationId' (not in model CreateConnectionInput); did you "
    "mean 'integrationKey'?",
    "values/connection-create.yaml:79:84: warning: example 'connect-payments' input: "
    "/credentials: missing required field 'clientSecret'",
    "values/connection-create.yaml:80:15: warning: example 'connect-payments' output: missing "
    "required field 'owner'",
    "values/connection-create.yaml:80:38: warning: example 'connect-payments' output: /status: "
    "'connected' is not a ConnectionStatus value (PENDING, CONNECTED, DISCONNECTED, ERROR, "
    "EXPIRED); did you mean 'CONNECTED'?",
};

static void test_connection_create_example(void)
{
    diag_set *diags;
    ir_program *p = fe_load_fixture("values/connection-create.yaml", check_examples, &diags);
    CU_ASSERT_TRUE(support_diags_equal(diags, connection_create_warnings, N(connection_create_warnings)));
    CU_ASSERT_EQUAL(diag_error_count(diags), 0);
    CU_ASSERT_EQUAL(diag_warning_count(diags), 5);
    fe_done(p, diags);
}

static void test_werror_makes_them_errors(void)
{
    diag_set *diags;
    ir_program *p = fe_load_fixture("values/connection-create.yaml", check_examples, &diags);
    diag_set_werror(diags, true);
    CU_ASSERT_EQUAL(diag_error_count(diags), 5);
    CU_ASSERT_TRUE(diag_has_errors(diags));
    CU_ASSERT_EQUAL(fe_count_containing(diags, ": error: example 'connect-payments'"), 5);
    fe_done(p, diags);
}

static void test_whole_program_check_is_clean_without_examples(void)
{
    /* the fixture is otherwise a valid spec: every pass but the example
     * check finds nothing (so the five warnings above are all there is) */
    diag_set *diags;
    ir_program *p = fe_load_fixture("values/connection-create.yaml", NULL, &diags);
    CU_ASSERT_EQUAL(diag_count(diags), 0);
    fe_done(p, diags);
}

static const char models_yaml[] =
    "kind: enum\nname: Color\nvalues: [RED, GREEN]\n"
    "---\n"
    "kind: model\nname: Paint\nfields:\n"
    "  color: {type: Color}\n"
    "  liters: {type: Float_unsecure}\n"
    "  sku: {type: String_unsecure, isOptional: true}\n"
    "---\n";

static void test_valid_example_is_silent(void)
{
    static const char yaml[] =
        "kind: query\n"
        "meta: {key: paint.get, version: 1.0.0, description: Get paint., owners: [a], tags: [b], stability: stable, goal: g, context: c}\n"
        "io: {input: Paint, output: Paint}\n"
        "policy: {auth: user}\n"
        "acceptance:\n"
        "  examples:\n"
        "    - key: ok\n"
        "      input: {color: RED, liters: 2.5}\n"
        "      output: {color: GREEN, liters: 1, sku: P-1}\n";
    char text[2048];
    snprintf(text, sizeof text, "%s%s", models_yaml, yaml);
    diag_set *diags;
    ir_program *p = fe_load_text(text, check_examples, &diags);
    CU_ASSERT_EQUAL(fe_count_containing(diags, "example"), 0);
    fe_done(p, diags);
}

static void test_example_without_key_and_array_paths(void)
{
    static const char yaml[] =
        "kind: command\n"
        "meta: {key: paint.mix, version: 1.0.0, description: Mix., owners: [a], tags: [b], stability: stable, goal: g, context: c}\n"
        "io: {input: Paint, output: Paint}\n"
        "policy: {auth: user}\n"
        "acceptance:\n"
        "  examples:\n"
        "    - input: {color: BLUE, liters: \"2\"}\n"
        "    - key: second\n"
        "      output:\n"
        "        color: RED\n"
        "        liters: 3\n"
        "        sku: [1]\n";
    char text[2048];
    snprintf(text, sizeof text, "%s%s", models_yaml, yaml);
    diag_set *diags;
    ir_program *p = fe_load_text(text, check_examples, &diags);
    static const char *const expected[] = {
        "spec.yaml:18:22: warning: example #1 input: /color: 'BLUE' is not a Color value (RED, "
        "GREEN)",
        "spec.yaml:18:36: warning: example #1 input: /liters: Float_unsecure: expected a finite "
        "number, got a string",
        "spec.yaml:23:14: warning: example 'second' output: /sku: String_unsecure: expected a "
        "string, got an array",
    };
    CU_ASSERT_TRUE(support_diags_equal(diags, expected, N(expected)));
    fe_done(p, diags);
}

static void test_unresolved_or_absent_io_is_skipped(void)
{
    static const char yaml[] =
        "kind: command\n"
        "meta: {key: paint.x, version: 1.0.0, description: X., owners: [a], tags: [b], stability: stable, goal: g, context: c}\n"
        "io: {input: Pain, output: null}\n"
        "policy: {auth: user}\n"
        "acceptance:\n"
        "  examples:\n"
        "    - {key: e, input: {bogus: 1}, output: {bogus: 2}}\n";
    char text[2048];
    snprintf(text, sizeof text, "%s%s", models_yaml, yaml);
    diag_set *diags;
    ir_program *p = fe_load_text(text, check_examples, &diags);
    /* the unknown type is the references pass's error; nothing about the example */
    CU_ASSERT_EQUAL(fe_count_containing(diags, "example"), 0);
    CU_ASSERT_EQUAL(fe_count_containing(diags, "Pain"), 1);
    fe_done(p, diags);
}

static void test_integration_schema_examples(void)
{
    static const char yaml[] =
        "kind: integration\n"
        "meta: {key: payments.demo, version: 1.0.0, category: payments, title: Demo, description: Demo PSP.}\n"
        "supportedModes: [byok]\n"
        "capabilities: {provides: [{key: payments.psp, version: 1.0.0}]}\n"
        "configSchema:\n"
        "  schema:\n"
        "    type: object\n"
        "    properties:\n"
        "      accountId: {type: string, pattern: \"^acct_\"}\n"
        "      region: {type: string, enum: [eu, us]}\n"
        "      timeoutMs: {type: integer, minimum: 100}\n"
        "  example: {accountId: acc_1, region: EU, timeoutMs: 50, acountId: x}\n"
        "secretSchema:\n"
        "  schema:\n"
        "    type: object\n"
        "    required: [apiKey]\n"
        "    properties:\n"
        "      apiKey: {type: string}\n"
        "  example: {apikey: \"sk_live_***\"}\n";
    diag_set *diags;
    ir_program *p = fe_load_text(yaml, check_examples, &diags);
    static const char *const expected[] = {
        "spec.yaml:12:24: warning: configSchema example: /accountId: does not match pattern '^acct_'",
        "spec.yaml:12:39: warning: configSchema example: /region: 'EU' is not one of the allowed "
        "values (eu, us); did you mean 'eu'?",
        "spec.yaml:12:54: warning: configSchema example: /timeoutMs: 50 is below the minimum 100",
        "spec.yaml:12:58: warning: configSchema example: /acountId: unknown field 'acountId' (not "
        "in the schema's properties); did you mean 'accountId'?",
        "spec.yaml:19:12: warning: secretSchema example: missing required field 'apiKey'",
        "spec.yaml:19:13: warning: secretSchema example: /apikey: unknown field 'apikey' (not in "
        "the schema's properties); did you mean 'apiKey'?",
    };
    CU_ASSERT_TRUE(support_diags_equal(diags, expected, N(expected)));
    fe_done(p, diags);
}

static void test_schema_model_example(void)
{
    diag_set *diags;
    ir_program *p = fe_load_fixture("values/schema-model.yaml", check_examples, &diags);
    static const char *const expected[] = {
        "values/schema-model.yaml:29:21: warning: example 'one' input: /name: expected at most 4 "
        "characters, got 6",
        "values/schema-model.yaml:29:35: warning: example 'one' input: /tier: 'pro' is not a Tier "
        "value (FREE, PRO); did you mean 'PRO'?",
        "values/schema-model.yaml:29:47: warning: example 'one' input: /codes: expected at most 2 "
        "items, got 3",
        "values/schema-model.yaml:29:51: warning: example 'one' input: /codes/1: 'c' is not one of "
        "the allowed values (a, b)",
        "values/schema-model.yaml:29:74: warning: example 'one' input: /nested/depth: 0 is below "
        "the minimum 1",
        "values/schema-model.yaml:29:77: warning: example 'one' input: /nested/extra: unknown field "
        "'extra' (not in model Settings_nested)",
        "values/schema-model.yaml:30:37: warning: example 'one' output: /other: unknown field "
        "'other' (not in model Settings)",
    };
    CU_ASSERT_TRUE(support_diags_equal(diags, expected, N(expected)));
    fe_done(p, diags);
}

int main(void)
{
    static const values_test_case tests[] = {
        {"integration.connection.create", test_connection_create_example},
        {"--werror", test_werror_makes_them_errors},
        {"fixture otherwise clean", test_whole_program_check_is_clean_without_examples},
        {"valid example", test_valid_example_is_silent},
        {"keyless example, paths", test_example_without_key_and_array_paths},
        {"unresolved io skipped", test_unresolved_or_absent_io_is_skipped},
        {"integration schema examples", test_integration_schema_examples},
        {"model given as a schema", test_schema_model_example},
        {NULL, NULL},
    };
    static const values_test_suite suites[] = {{"check_examples", tests}, {NULL, NULL}};
    return values_test_run(suites);
}
