/* Lowering: the canonical forms of every kind land in the IR field for
 * field, with locations; JSON-Schema models become fields and
 * synthesized models; type references are resolved by the checker. */
#include <CUnit/Basic.h>
#include <string.h>

#include "frontend_tests.h"

static void test_canonical_integration(void)
{
    diag_set *diags;
    ir_program *program = ft_load("valid/stripe-canonical.yaml", &diags);
    CU_ASSERT_EQUAL(diag_count(diags), 0);
    CU_ASSERT_EQUAL_FATAL(program->integration_count, 1);
    const ir_integration *in = program->integrations[0];
    CU_ASSERT_FALSE(in->from_flat_form);
    CU_ASSERT_STRING_EQUAL(in->meta.canonical_id, "payments.stripe.v1.0.0");
    CU_ASSERT_EQUAL(in->meta.stability.value, IR_STABILITY_STABLE);
    CU_ASSERT_EQUAL_FATAL(in->meta.owners.count, 1);
    CU_ASSERT_STRING_EQUAL(in->meta.owners.items[0].text, "platform.payments");
    CU_ASSERT_EQUAL_FATAL(in->supported_modes.count, 2);
    CU_ASSERT_EQUAL(in->supported_modes.items[1].value, IR_MODE_BYOK);
    CU_ASSERT_EQUAL_FATAL(in->transport_count, 3);
    CU_ASSERT_STRING_EQUAL(in->transports[0].base_url.text, "https://api.stripe.com");
    CU_ASSERT_STRING_EQUAL(in->transports[1].inbound.signing_algorithm.text, "hmac-sha256");
    CU_ASSERT_STRING_EQUAL(in->transports[2].min_version.text, "14.0.0");
    CU_ASSERT_EQUAL(in->preferred_transport.value, IR_TRANSPORT_REST);
    CU_ASSERT_EQUAL_FATAL(in->auth_method_count, 3);
    CU_ASSERT_STRING_EQUAL(in->auth_methods[0].prefix.text, "Bearer ");
    CU_ASSERT_EQUAL(in->auth_methods[1].type.value, IR_AUTH_OAUTH2);
    CU_ASSERT_EQUAL(in->auth_methods[1].scopes.count, 1);
    CU_ASSERT_TRUE(in->version_policy.present);
    CU_ASSERT_STRING_EQUAL(in->version_policy.current_version.text, "2024-11-20.acacia");
    CU_ASSERT_EQUAL(in->version_policy.supported_versions[0].status.value,
                    IR_VERSION_STATUS_STABLE);
    CU_ASSERT_TRUE(in->capabilities.requires[0].optional.value);
    CU_ASSERT_EQUAL(in->health_check.method.value, IR_HEALTH_PING);
    CU_ASSERT_EQUAL(in->health_check.timeout_ms.value, 5000);
    CU_ASSERT_EQUAL(in->constraints.rpm.value, 1000);
    CU_ASSERT_EQUAL_FATAL(in->constraints.quota_count, 1);
    CU_ASSERT_EQUAL(in->constraints.quotas[0].value->int_value, 10000);
    CU_ASSERT_TRUE(in->byok_setup.key_rotation_supported.value);
    const ir_value *example = in->secret_schema.example;
    CU_ASSERT_EQUAL_FATAL(example->kind, IR_VALUE_OBJECT);
    CU_ASSERT_STRING_EQUAL(example->members[0].key.text, "apiKey");
    CU_ASSERT_EQUAL(example->members[0].value->loc.line, 43);
    CU_ASSERT_EQUAL(example->members[0].value->loc.col, 21);
    ft_done(program, diags);
}

static void test_schema_model(void)
{
    diag_set *diags;
    ir_program *program = ft_load("valid/schema-model.yaml", &diags);
    CU_ASSERT_EQUAL(diag_count(diags), 0);
    const ir_model *account = ir_find_model(program, "Account");
    CU_ASSERT_PTR_NOT_NULL_FATAL(account);
    CU_ASSERT_EQUAL_FATAL(account->field_count, 8);
    CU_ASSERT_STRING_EQUAL(account->fields[0].type.name.text, "String_unsecure");
    CU_ASSERT_FALSE(account->fields[0].is_optional);
    CU_ASSERT_EQUAL(account->fields[0].constraints->min_length.value, 1);
    CU_ASSERT_STRING_EQUAL(account->fields[1].type.name.text, "EmailAddress");
    CU_ASSERT_TRUE(account->fields[1].is_optional);
    CU_ASSERT_EQUAL(account->fields[2].type.kind, IR_TYPE_ENUM);
    CU_ASSERT_EQUAL(account->fields[3].default_value->int_value, 1);
    CU_ASSERT_EQUAL(account->fields[4].type.kind, IR_TYPE_MODEL);
    const ir_model *owner = account->fields[4].type.model;
    CU_ASSERT_STRING_EQUAL(owner->name.text, "Account_owner");
    CU_ASSERT_TRUE(owner->synthesized);
    CU_ASSERT_EQUAL_FATAL(owner->field_count, 2);
    CU_ASSERT_TRUE(owner->fields[1].is_array);
    CU_ASSERT_TRUE(account->fields[5].is_array);
    CU_ASSERT_EQUAL(account->fields[6].type.model, account);
    CU_ASSERT_STRING_EQUAL(account->fields[7].type.name.text, "JSONObject");

    const ir_operation *get = ir_find_operation(program, "accounts.get", "2.0.0");
    CU_ASSERT_PTR_NOT_NULL_FATAL(get);
    CU_ASSERT_EQUAL(get->kind, IR_OPERATION_QUERY);
    CU_ASSERT_TRUE(get->policy.idempotent);
    CU_ASSERT_EQUAL(get->policy.auth.value, IR_POLICY_AUTH_ADMIN);
    CU_ASSERT_EQUAL_FATAL(get->side_effects.emit_count, 1);
    CU_ASSERT_TRUE(get->side_effects.emits[0].is_ref);
    CU_ASSERT_PTR_EQUAL(get->side_effects.emits[0].event,
                        ir_find_event(program, "accounts.read", "1.0.0"));
    ft_done(program, diags);
}

static void test_connection_create(void)
{
    diag_set *diags;
    ir_program *program = ft_load("valid/connection-create.yaml", &diags);
    CU_ASSERT_FALSE(diag_has_errors(diags));
    const ir_operation *op = ir_find_operation(program, "integration.connection.create", "1.0.0");
    CU_ASSERT_PTR_NOT_NULL_FATAL(op);
    CU_ASSERT_EQUAL(op->kind, IR_OPERATION_COMMAND);
    CU_ASSERT_FALSE(op->policy.idempotent);
    CU_ASSERT_STRING_EQUAL(op->meta.goal.text, "Authenticate with external systems.");
    CU_ASSERT_STRING_EQUAL(op->meta.context.text, "Connection setup.");
    CU_ASSERT_EQUAL(op->io.input.kind, IR_TYPE_MODEL);
    CU_ASSERT_STRING_EQUAL(op->io.output.model->name.text, "ConnectionModel");
    CU_ASSERT_EQUAL_FATAL(op->io.error_count, 1);
    CU_ASSERT_STRING_EQUAL(op->io.errors[0].code.text, "CONNECTION_EXISTS");
    CU_ASSERT_EQUAL(op->io.errors[0].http.value, 409);
    CU_ASSERT_EQUAL_FATAL(op->side_effects.emit_count, 1);
    CU_ASSERT_PTR_NOT_NULL(op->side_effects.emits[0].event);
    CU_ASSERT_EQUAL(op->side_effects.audit.count, 1);
    CU_ASSERT_EQUAL_FATAL(op->acceptance.scenario_count, 1);
    CU_ASSERT_EQUAL(op->acceptance.scenarios[0].then.count, 2);
    CU_ASSERT_EQUAL_FATAL(op->acceptance.example_count, 1);
    const ir_example *x = &op->acceptance.examples[0];
    CU_ASSERT_STRING_EQUAL(x->key.text, "connect-payments");
    CU_ASSERT_EQUAL_FATAL(x->input->kind, IR_VALUE_OBJECT);
    CU_ASSERT_EQUAL(x->input->count, 3);
    CU_ASSERT_STRING_EQUAL(x->output->members[1].value->string_value, "connected");
    const ir_model *model = ir_find_model(program, "ConnectionModel");
    CU_ASSERT_EQUAL(model->fields[4].default_value->int_value, 20);
    CU_ASSERT_EQUAL(model->fields[1].type.kind, IR_TYPE_ENUM);
    ft_done(program, diags);
}

static void test_lowering_errors_keep_going(void)
{
    diag_set *diags;
    ir_program *program = ft_load_text("kind: enum\n"
                                       "name: [Color]\n"
                                       "values: {a: 1}\n"
                                       "---\n"
                                       "kind: 12\n"
                                       "---\n"
                                       "kind: model\n"
                                       "name: Box\n"
                                       "fields: {w: {type: Int_unsecure, isArray: yes}}\n",
                                       &diags);
    static const char *const expected[] = {
        "text.yaml:2:7: error: expected a string for 'name', found a sequence",
        "text.yaml:3:9: error: expected a sequence for 'values', found a mapping",
        "text.yaml:5:7: error: expected a string for 'kind', found an integer",
        "text.yaml:9:43: error: expected a boolean for 'isArray', found a string"};
    CU_ASSERT_TRUE(support_diags_equal(diags, expected, sizeof expected / sizeof expected[0]));
    CU_ASSERT_EQUAL(program->model_count, 1);
    CU_ASSERT_EQUAL(program->enum_count, 1);
    ft_done(program, diags);
}

static void test_model_fields_and_schema(void)
{
    diag_set *diags;
    ir_program *program = ft_load_text("kind: model\nname: A\nfields: {}\nschema: {}\n"
                                       "---\nkind: model\nname: B\n",
                                       &diags);
    static const char *const expected[] = {
        "text.yaml:4:9: error: a model has either 'fields' or 'schema', not both",
        "text.yaml:6:1: error: missing required field 'fields' (or 'schema') in model"};
    CU_ASSERT_TRUE(support_diags_equal(diags, expected, 2));
    ft_done(program, diags);
}

static void test_json_file_and_values(void)
{
    diag_set *diags;
    ir_program *program = ft_load("valid/json-model.json", &diags);
    CU_ASSERT_EQUAL(diag_count(diags), 0);
    const ir_model *money = ir_find_model(program, "Money");
    CU_ASSERT_PTR_NOT_NULL_FATAL(money);
    CU_ASSERT_EQUAL_FATAL(money->field_count, 5);
    CU_ASSERT_PTR_NULL(money->fields[0].default_value);
    const ir_value *currency = money->fields[1].default_value;
    CU_ASSERT_EQUAL(currency->kind, IR_VALUE_STRING);
    CU_ASSERT_STRING_EQUAL(currency->string_value, "EUR");
    CU_ASSERT_EQUAL(currency->string_len, 3);
    CU_ASSERT_EQUAL(currency->loc.line, 7);
    const ir_value *ratio = money->fields[2].default_value;
    CU_ASSERT_EQUAL(ratio->kind, IR_VALUE_FLOAT);
    CU_ASSERT_DOUBLE_EQUAL(ratio->float_value, 0.5, 1e-12);
    CU_ASSERT_STRING_EQUAL(ratio->string_value, "0.5");
    CU_ASSERT_EQUAL(money->fields[3].default_value->kind, IR_VALUE_BOOL);
    CU_ASSERT_FALSE(money->fields[3].default_value->bool_value);
    CU_ASSERT_EQUAL(money->fields[4].default_value->kind, IR_VALUE_NULL);
    CU_ASSERT_EQUAL(money->fields[1].type.scalar, IR_SCALAR_CURRENCY);
    ft_done(program, diags);
}

void add_lower_suite(void)
{
    CU_pSuite suite = CU_add_suite("lower", NULL, NULL);
    CU_add_test(suite, "canonical integration", test_canonical_integration);
    CU_add_test(suite, "schema model, query, ref emit", test_schema_model);
    CU_add_test(suite, "integration.connection.create", test_connection_create);
    CU_add_test(suite, "lowering errors do not stop the run", test_lowering_errors_keep_going);
    CU_add_test(suite, "model with fields and schema, or neither", test_model_fields_and_schema);
    CU_add_test(suite, "a JSON spec file and its values", test_json_file_and_values);
}
