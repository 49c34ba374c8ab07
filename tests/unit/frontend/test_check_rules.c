/* One test per checker rule: each fixture under tests/fixtures/specs/
 * invalid/ breaks one rule, and the test asserts the exact diagnostics
 * (file, line, column, severity, message) the front end reports. */
#include <CUnit/Basic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "frontend_tests.h"

/* ------------------------------------------------------------ documents */

static void test_document_not_a_mapping(void)
{
    FT_EXPECT("invalid/not-a-mapping.yaml",
              "invalid/not-a-mapping.yaml:1:1: error: a spec document must be a mapping with a "
              "'kind', found a sequence");
}

static void test_missing_kind(void)
{
    FT_EXPECT("invalid/missing-kind.yaml",
              "invalid/missing-kind.yaml:1:1: error: missing required field 'kind' "
              "(integration, command, query, event, model or enum)");
}

static void test_unknown_kind(void)
{
    FT_EXPECT("invalid/unknown-kind.yaml",
              "invalid/unknown-kind.yaml:1:7: error: unknown kind 'modle'; did you mean 'model'?");
}

/* ------------------------------------------------------------ value types, unknown fields */

static void test_wrong_value_type(void)
{
    FT_EXPECT("invalid/wrong-value-type.yaml",
              "invalid/wrong-value-type.yaml:5:16: error: expected a string for 'description', "
              "found a mapping");
}

static void test_unknown_field(void)
{
    FT_EXPECT("invalid/unknown-field.yaml",
              "invalid/unknown-field.yaml:5:3: warning: unknown field 'descripton' in meta; did "
              "you mean 'description'?");
}

static void test_unknown_model_field_key(void)
{
    FT_EXPECT("invalid/unknown-model-field-key.yaml",
              "invalid/unknown-model-field-key.yaml:4:18: warning: unknown field 'isRequired' in "
              "model field 'id'");
}

static void test_unknown_schema_keyword(void)
{
    FT_EXPECT("invalid/unknown-schema-keyword.yaml",
              "invalid/unknown-schema-keyword.yaml:6:24: warning: unknown field 'minLenght' in "
              "schema; did you mean 'minLength'?");
}

/* ------------------------------------------------------------ required fields, allowed values */

static void test_missing_required_field(void)
{
    FT_EXPECT("invalid/missing-required.yaml",
              "invalid/missing-required.yaml:3:3: error: missing required field 'title' in meta");
}

static void test_missing_meta(void)
{
    FT_EXPECT("invalid/missing-meta.yaml",
              "invalid/missing-meta.yaml:1:1: error: missing required field 'meta' (with 'key', "
              "'version', 'description') in event",
              "invalid/missing-meta.yaml:5:7: error: expected a mapping for 'meta', found a "
              "sequence");
}

static void test_category(void)
{
    FT_EXPECT("invalid/bad-category.yaml",
              "invalid/bad-category.yaml:2:54: error: unknown category 'paymnts'; did you mean "
              "'payments'?");
}

static void test_ownership_mode(void)
{
    FT_EXPECT("invalid/bad-ownership-mode.yaml",
              "invalid/bad-ownership-mode.yaml:3:27: error: unknown ownership mode 'byo'; did "
              "you mean 'byok'?");
}

static void test_transports(void)
{
    FT_EXPECT("invalid/bad-transport.yaml",
              "invalid/bad-transport.yaml:5:12: error: unknown transport type 'rset'; did you "
              "mean 'rest'?",
              "invalid/bad-transport.yaml:6:5: error: missing required field 'transport' in "
              "'mcp' transport",
              "invalid/bad-transport.yaml:7:5: error: missing required field 'packageName' in "
              "'sdk' transport",
              "invalid/bad-transport.yaml:8:73: error: unknown signing algorithm 'md5' "
              "(expected one of hmac-sha256, hmac-sha1, ed25519)");
}

static void test_transport_blocks(void)
{
    FT_EXPECT("invalid/transport-blocks.yaml",
              "invalid/transport-blocks.yaml:6:23: error: missing required field 'remaining' in "
              "rateLimitHeaders",
              "invalid/transport-blocks.yaml:6:23: error: missing required field 'reset' in "
              "rateLimitHeaders",
              "invalid/transport-blocks.yaml:8:15: error: missing required field "
              "'deliveryRetries' in outbound",
              "invalid/transport-blocks.yaml:8:27: error: expected an integer for 'timeoutMs', "
              "found a string");
}

static void test_auth_methods(void)
{
    FT_EXPECT("invalid/bad-auth.yaml",
              "invalid/bad-auth.yaml:5:12: error: unknown auth type 'api_key'; did you mean "
              "'api-key'?",
              "invalid/bad-auth.yaml:6:5: error: missing required field 'grantType' in 'oauth2' "
              "auth method",
              "invalid/bad-auth.yaml:6:5: error: missing required field 'tokenUrl' in 'oauth2' "
              "auth method",
              "invalid/bad-auth.yaml:7:5: error: missing required field 'headerName' in 'header' "
              "auth method",
              "invalid/bad-auth.yaml:8:5: error: missing required field 'algorithm' in "
              "'webhook-signing' auth method",
              "invalid/bad-auth.yaml:9:47: error: unknown credential format 'pfx' (expected one "
              "of json-key, pem, p12)");
}

static void test_stability(void)
{
    FT_EXPECT("invalid/bad-stability.yaml",
              "invalid/bad-stability.yaml:2:92: error: unknown stability 'stabel'; did you mean "
              "'stable'?");
}

static void test_version_status(void)
{
    FT_EXPECT("invalid/bad-version-status.yaml",
              "invalid/bad-version-status.yaml:6:55: error: unknown version status 'retired' "
              "(expected one of stable, beta, deprecated, sunset)");
}

static void test_policy_auth(void)
{
    FT_EXPECT("invalid/bad-policy-auth.yaml",
              "invalid/bad-policy-auth.yaml:4:16: error: unknown policy auth 'usr'; did you mean "
              "'user'?");
}

static void test_health_method(void)
{
    FT_EXPECT("invalid/bad-health-method.yaml",
              "invalid/bad-health-method.yaml:5:23: error: unknown health check method 'pong'; "
              "did you mean 'ping'?");
}

/* ------------------------------------------------------------ identity */

static void test_semver(void)
{
    FT_EXPECT("invalid/bad-version.yaml",
              "invalid/bad-version.yaml:2:38: error: invalid version '1.0': expected a semantic "
              "version such as 1.0.0",
              "invalid/bad-version.yaml:6:38: error: invalid version 'v2': expected a semantic "
              "version such as 1.0.0");
}

static void test_key_and_name_syntax(void)
{
    FT_EXPECT("invalid/bad-key-and-name.yaml",
              "invalid/bad-key-and-name.yaml:2:13: error: invalid key '9orders created': a key "
              "is a dotted identifier of letters, digits, '.', '-' and '_' starting with a letter",
              "invalid/bad-key-and-name.yaml:6:7: error: invalid model name 'Order-Line': a name "
              "is letters, digits and '_', starting with a letter",
              "invalid/bad-key-and-name.yaml:10:7: error: enum name 'URL' is already a scalar "
              "type");
}

static void test_duplicates(void)
{
    FT_EXPECT("invalid/duplicate-identity.yaml",
              "invalid/duplicate-identity.yaml:6:13: error: duplicate event "
              "'orders.created.v1.0.0'",
              "invalid/duplicate-identity.yaml:2:13: note: 'orders.created.v1.0.0' first "
              "declared here",
              "invalid/duplicate-identity.yaml:14:7: error: duplicate model 'Order'",
              "invalid/duplicate-identity.yaml:10:7: note: 'Order' first declared here",
              "invalid/duplicate-identity.yaml:18:7: error: duplicate type name 'Order' "
              "(declared as a model and an enum)",
              "invalid/duplicate-identity.yaml:10:7: note: 'Order' first declared here");
}

/* ------------------------------------------------------------ references */

static void test_unknown_types(void)
{
    FT_EXPECT("invalid/unknown-type.yaml",
              "invalid/unknown-type.yaml:4:14: error: unknown type 'Strng_unsecure'; did you "
              "mean 'String_unsecure'?",
              "invalid/unknown-type.yaml:5:20: error: unknown type 'Custmer'; did you mean "
              "'Customer'?",
              "invalid/unknown-type.yaml:6:17: error: unknown type 'Nothing' (not a scalar type, "
              "nor a declared enum or model)");
}

/* 300 misspelt type names (Modle0 for Model0, ...): the first 200 get a
 * "did you mean", the rest are reported without one, as the searches are
 * bounded. */
static void test_suggestions_are_bounded(void)
{
    enum { FIELDS = 300 };
    size_t size = 64 + FIELDS * 96;
    char *yaml = malloc(size);
    CU_ASSERT_PTR_NOT_NULL_FATAL(yaml);
    size_t used = (size_t)snprintf(yaml, size, "kind: model\nname: Wide\nfields:\n");
    for (int i = 0; i < FIELDS; i++)
        used += (size_t)snprintf(yaml + used, size - used, "  f%d: {type: Modle%d}\n", i, i);
    for (int i = 0; i < FIELDS; i++)
        used += (size_t)snprintf(yaml + used, size - used,
                                 "---\nkind: model\nname: Model%d\nfields: {id: {type: ID}}\n", i);
    diag_set *diags;
    ir_program *program = ft_load_text(yaml, &diags);
    CU_ASSERT_EQUAL(diag_count(diags), FIELDS);
    CU_ASSERT_STRING_EQUAL(support_diag(diags, 0),
                           "text.yaml:4:14: error: unknown type 'Modle0'; did you mean 'Model0'?");
    CU_ASSERT_STRING_EQUAL(support_diag(diags, 199),
                           "text.yaml:203:16: error: unknown type 'Modle199'; did you mean "
                           "'Model199'?");
    CU_ASSERT_STRING_EQUAL(support_diag(diags, 200),
                           "text.yaml:204:16: error: unknown type 'Modle200' (not a scalar type, "
                           "nor a declared enum or model)");
    ft_done(program, diags);
    free(yaml);
}

static void test_required_cycle(void)
{
    FT_EXPECT("invalid/cycle.yaml",
              "invalid/cycle.yaml:4:3: error: cycle of required model fields: Order.customer -> "
              "Customer.lastOrder -> Order (make one of them optional or an array)",
              "invalid/cycle.yaml:16:3: error: cycle of required model fields: Node.self -> Node "
              "(make one of them optional or an array)");
}

static void test_missing_output_and_policy(void)
{
    FT_EXPECT("invalid/missing-output.yaml",
              "invalid/missing-output.yaml:3:5: error: missing required field 'output' in io "
              "(write 'output: null' for none)",
              "invalid/missing-output.yaml:11:1: error: missing required field 'policy' (with "
              "'auth') in query");
}

/* One report per strongly connected group, at its first model in load
 * order, with the shortest cycle through it; a model that only leads into
 * a cycle (D) is not part of it. */
static void test_cycles_in_a_larger_graph(void)
{
    diag_set *diags;
    ir_program *program = ft_load_text("kind: model\nname: D\nfields: {a: {type: A}}\n"
                                       "---\nkind: model\nname: A\n"
                                       "fields: {x: {type: ID}, b: {type: B}}\n"
                                       "---\nkind: model\nname: B\n"
                                       "fields: {c: {type: C}, e: {type: E}}\n"
                                       "---\nkind: model\nname: C\nfields: {c: {type: C}}\n"
                                       "---\nkind: model\nname: E\n"
                                       "fields: {a: {type: A}, b: {type: B}}\n",
                                       &diags);
    static const char *const expected[] = {
        "text.yaml:7:25: error: cycle of required model fields: A.b -> B.e -> E.a -> A (make "
        "one of them optional or an array)",
        "text.yaml:15:10: error: cycle of required model fields: C.c -> C (make one of them "
        "optional or an array)"};
    CU_ASSERT_TRUE(support_diags_equal(diags, expected, 2));
    ft_done(program, diags);
}

static void test_preferred_transport(void)
{
    FT_EXPECT("invalid/preferred-transport.yaml",
              "invalid/preferred-transport.yaml:5:21: error: preferredTransport 'sdk' is not one "
              "of the spec's transports (rest, webhook)");
}

static void test_current_version(void)
{
    FT_EXPECT("invalid/current-version.yaml",
              "invalid/current-version.yaml:5:19: error: versionPolicy.currentVersion "
              "'2024-02-02' is not among supportedVersions");
}

static void test_capability_requires(void)
{
    FT_EXPECT("invalid/capability-requires.yaml",
              "invalid/capability-requires.yaml:7:13: warning: required capability "
              "'ai.embeddings' is provided by no integration",
              "invalid/capability-requires.yaml:9:13: warning: required capability "
              "'payments.psp' version 2.0.0 is provided by no integration");
}

static void test_emits(void)
{
    FT_EXPECT("invalid/emits.yaml",
              "invalid/emits.yaml:7:69: warning: payload 'String_unsecure' of emitted event "
              "'orders.created.v1.0.0' differs from the event's payload 'ID'",
              "invalid/emits.yaml:14:10: note: the event declares its payload here",
              "invalid/emits.yaml:8:13: warning: emitted event 'orders.deleted.v1.0.0' matches "
              "no event spec");
}

/* ------------------------------------------------------------ values */

static void test_default_value(void)
{
    FT_EXPECT("invalid/default-value.yaml",
              "invalid/default-value.yaml:4:63: error: defaultValue of field 'limit' does not "
              "match its type: Int_unsecure: expected an integer, got a string",
              "invalid/default-value.yaml:5:84: error: defaultValue of field 'tags' does not "
              "match its type at /1: String_unsecure: expected a string, got an integer");
}

static void test_schema_consistency(void)
{
    FT_EXPECT("invalid/schema-consistency.yaml",
              "invalid/schema-consistency.yaml:4:9: error: unknown schema type 'objet'; did you "
              "mean 'object'?",
              "invalid/schema-consistency.yaml:5:20: warning: required property 'pasword' is not "
              "among the schema's properties",
              "invalid/schema-consistency.yaml:7:35: error: invalid pattern '[a-z': Unmatched [, "
              "[^, [:, [., or [= (patterns are POSIX extended regular expressions)",
              "invalid/schema-consistency.yaml:7:54: error: minLength 5 is greater than "
              "maxLength 2",
              "invalid/schema-consistency.yaml:8:38: warning: unknown format 'emial'; did you "
              "mean 'email'?",
              "invalid/schema-consistency.yaml:9:35: error: minimum 10 is greater than maximum 1",
              "invalid/schema-consistency.yaml:9:60: error: default does not match its schema: "
              "expected an integer, got a string");
}

static void test_model_schema_not_object(void)
{
    FT_EXPECT("invalid/model-schema-not-object.yaml",
              "invalid/model-schema-not-object.yaml:3:9: error: the schema of model 'Token' must "
              "be an object schema (type: object)");
}

static void test_enum_values(void)
{
    FT_EXPECT("invalid/enum-values.yaml",
              "invalid/enum-values.yaml:3:22: error: duplicate value 'RED' in enum 'Color'",
              "invalid/enum-values.yaml:3:10: note: 'RED' first listed here",
              "invalid/enum-values.yaml:7:9: error: enum 'Empty' has no values");
}

/* ------------------------------------------------------------ valid specs */

static void test_valid_fixtures_are_clean(void)
{
    static const char *const clean[] = {"valid/stripe-flat.yaml", "valid/stripe-canonical.yaml",
                                        "valid/schema-model.yaml", "valid/json-model.json"};
    for (size_t i = 0; i < sizeof clean / sizeof clean[0]; i++) {
        diag_set *diags;
        ir_program *program = ft_load(clean[i], &diags);
        CU_ASSERT_TRUE(support_diags_equal(diags, NULL, 0));
        ft_done(program, diags);
    }
}

void add_check_rules_suite(void)
{
    CU_pSuite suite = CU_add_suite("check_rules", NULL, NULL);
    CU_add_test(suite, "document not a mapping", test_document_not_a_mapping);
    CU_add_test(suite, "missing kind", test_missing_kind);
    CU_add_test(suite, "unknown kind", test_unknown_kind);
    CU_add_test(suite, "wrong value type", test_wrong_value_type);
    CU_add_test(suite, "unknown field", test_unknown_field);
    CU_add_test(suite, "unknown model-field key", test_unknown_model_field_key);
    CU_add_test(suite, "unknown schema keyword", test_unknown_schema_keyword);
    CU_add_test(suite, "missing required field", test_missing_required_field);
    CU_add_test(suite, "missing or malformed meta", test_missing_meta);
    CU_add_test(suite, "category", test_category);
    CU_add_test(suite, "ownership mode", test_ownership_mode);
    CU_add_test(suite, "transports", test_transports);
    CU_add_test(suite, "transport sub-blocks", test_transport_blocks);
    CU_add_test(suite, "auth methods", test_auth_methods);
    CU_add_test(suite, "stability", test_stability);
    CU_add_test(suite, "version status", test_version_status);
    CU_add_test(suite, "policy auth", test_policy_auth);
    CU_add_test(suite, "health check method", test_health_method);
    CU_add_test(suite, "semver", test_semver);
    CU_add_test(suite, "key and name syntax", test_key_and_name_syntax);
    CU_add_test(suite, "duplicates", test_duplicates);
    CU_add_test(suite, "unknown types", test_unknown_types);
    CU_add_test(suite, "did-you-mean searches are bounded", test_suggestions_are_bounded);
    CU_add_test(suite, "required-field cycle", test_required_cycle);
    CU_add_test(suite, "cycles in a larger graph", test_cycles_in_a_larger_graph);
    CU_add_test(suite, "missing io.output and policy", test_missing_output_and_policy);
    CU_add_test(suite, "preferredTransport", test_preferred_transport);
    CU_add_test(suite, "currentVersion", test_current_version);
    CU_add_test(suite, "capability requires", test_capability_requires);
    CU_add_test(suite, "emits", test_emits);
    CU_add_test(suite, "defaultValue", test_default_value);
    CU_add_test(suite, "schema consistency", test_schema_consistency);
    CU_add_test(suite, "model schema must be an object", test_model_schema_not_object);
    CU_add_test(suite, "enum values", test_enum_values);
    CU_add_test(suite, "valid fixtures are clean", test_valid_fixtures_are_clean);
}
