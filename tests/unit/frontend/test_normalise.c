/* The flat-form normaliser: the Stripe example of the "Integration Spec
 * Model" documentation page, written as YAML, lowers to the canonical
 * fields and checks clean. */
#include <CUnit/Basic.h>
#include <string.h>

#include "frontend_tests.h"

static const ir_integration *load_stripe(ir_program **program, diag_set **diags)
{
    *program = ft_load("valid/stripe-flat.yaml", diags);
    CU_ASSERT_EQUAL_FATAL((*program)->integration_count, 1);
    return (*program)->integrations[0];
}

static void test_meta(void)
{
    ir_program *program;
    diag_set *diags;
    const ir_integration *in = load_stripe(&program, &diags);
    CU_ASSERT_TRUE(in->from_flat_form);
    CU_ASSERT_STRING_EQUAL(in->meta.key.text, "stripe");
    CU_ASSERT_STRING_EQUAL(in->meta.title.text, "Stripe");
    CU_ASSERT_STRING_EQUAL(in->meta.description.text,
                           "Payment processing and subscription management");
    CU_ASSERT_STRING_EQUAL(in->meta.version.text, "1.0.0");
    CU_ASSERT_EQUAL(in->meta.category.value, IR_CATEGORY_PAYMENTS);
    CU_ASSERT_STRING_EQUAL(in->meta.canonical_id, "stripe.v1.0.0");
    CU_ASSERT_EQUAL(in->meta.key.loc.line, 4);
    CU_ASSERT_EQUAL(in->meta.key.loc.col, 5);
    CU_ASSERT_STRING_EQUAL(in->docs_url.text, "https://docs.contractspec.com/integrations/stripe");
    CU_ASSERT_STRING_EQUAL(in->setup_guide_url.text, "https://stripe.com/docs/keys");
    CU_ASSERT_EQUAL(diag_count(diags), 0);
    ft_done(program, diags);
}

static void test_capabilities(void)
{
    ir_program *program;
    diag_set *diags;
    const ir_integration *in = load_stripe(&program, &diags);
    CU_ASSERT_TRUE(in->capabilities.present);
    CU_ASSERT_EQUAL_FATAL(in->capabilities.provides_count, 3);
    const ir_capability_provided *p = &in->capabilities.provides[1];
    CU_ASSERT_STRING_EQUAL(p->key.text, "payments.createSubscription");
    CU_ASSERT_STRING_EQUAL(p->operation.text, "createSubscription");
    CU_ASSERT_STRING_EQUAL(p->description.text, "Create a recurring subscription");
    CU_ASSERT_PTR_NULL(p->version.text);
    CU_ASSERT_EQUAL_FATAL(in->capabilities.requires_count, 1);
    CU_ASSERT_STRING_EQUAL(in->capabilities.requires[0].key.text, "billing.core");
    CU_ASSERT_FALSE(in->capabilities.requires[0].optional.present);
    CU_ASSERT_STRING_EQUAL(in->capabilities.requirements_min_version.text, "1.0.0");
    ft_done(program, diags);
}

static void test_schemas(void)
{
    ir_program *program;
    diag_set *diags;
    const ir_integration *in = load_stripe(&program, &diags);
    const ir_schema *config = in->config_schema.schema;
    CU_ASSERT_TRUE(in->config_schema.present);
    CU_ASSERT_EQUAL_FATAL(config->type.value, IR_SCHEMA_OBJECT);
    CU_ASSERT_EQUAL_FATAL(config->property_count, 1);
    CU_ASSERT_STRING_EQUAL(config->properties[0].name.text, "webhookUrl");
    CU_ASSERT_EQUAL(config->properties[0].schema->type.value, IR_SCHEMA_STRING);
    CU_ASSERT_STRING_EQUAL(config->properties[0].schema->description.text,
                           "URL to receive Stripe webhooks");
    CU_ASSERT_EQUAL(config->required.count, 0);

    const ir_schema *secret = in->secret_schema.schema;
    CU_ASSERT_EQUAL_FATAL(secret->property_count, 2);
    CU_ASSERT_STRING_EQUAL(secret->properties[0].name.text, "apiKey");
    CU_ASSERT_STRING_EQUAL(secret->properties[1].name.text, "webhookSecret");
    CU_ASSERT_EQUAL_FATAL(secret->required.count, 1);
    CU_ASSERT_STRING_EQUAL(secret->required.items[0].text, "apiKey");
    CU_ASSERT_PTR_NULL(in->secret_schema.example);
    ft_done(program, diags);
}

static void test_webhooks(void)
{
    ir_program *program;
    diag_set *diags;
    const ir_integration *in = load_stripe(&program, &diags);
    CU_ASSERT_TRUE(in->webhooks.present);
    CU_ASSERT_TRUE(in->webhooks.supported.present && in->webhooks.supported.value);
    CU_ASSERT_EQUAL_FATAL(in->webhooks.events.count, 5);
    CU_ASSERT_STRING_EQUAL(in->webhooks.events.items[4].text, "customer.subscription.deleted");
    CU_ASSERT_STRING_EQUAL(in->webhooks.signature_header.text, "stripe-signature");
    /* supported: true adds the webhook transport the canonical form has. */
    CU_ASSERT_EQUAL_FATAL(in->transport_count, 1);
    const ir_transport *t = &in->transports[0];
    CU_ASSERT_EQUAL(t->type.value, IR_TRANSPORT_WEBHOOK);
    CU_ASSERT_TRUE(t->synthesized);
    CU_ASSERT_TRUE(t->inbound.present);
    CU_ASSERT_STRING_EQUAL(t->inbound.signature_header.text, "stripe-signature");
    ft_done(program, diags);
}

static void test_flat_with_unknown_field(void)
{
    diag_set *diags;
    ir_program *program = ft_load_text("kind: integration\n"
                                       "id: acme\n"
                                       "lable: Acme\n"
                                       "label: Acme\n"
                                       "description: Acme payments\n"
                                       "category: payments\n"
                                       "version: 2\n"
                                       "providesCapabilities: [{capabilityId: acme.pay}]\n",
                                       &diags);
    static const char *const expected[] = {
        "text.yaml:3:1: warning: unknown field 'lable' in integration (flat form); did you mean "
        "'label'?"};
    CU_ASSERT_TRUE(support_diags_equal(diags, expected, 1));
    CU_ASSERT_STRING_EQUAL(program->integrations[0]->meta.version.text, "2.0.0");
    CU_ASSERT_EQUAL(program->integrations[0]->transport_count, 0);
    ft_done(program, diags);
}

void add_normalise_suite(void)
{
    CU_pSuite suite = CU_add_suite("normalise_flat_form", NULL, NULL);
    CU_add_test(suite, "stripe: meta", test_meta);
    CU_add_test(suite, "stripe: capabilities", test_capabilities);
    CU_add_test(suite, "stripe: config and secret schemas", test_schemas);
    CU_add_test(suite, "stripe: webhooks and transport", test_webhooks);
    CU_add_test(suite, "flat form: unknown field, bare version", test_flat_with_unknown_field);
}
