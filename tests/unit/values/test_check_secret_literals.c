/* Unit tests: check_secret_literals -- live-looking credentials in spec
 * literals are errors, redacted placeholders and ordinary text are not.
 *
 * The credential-shaped strings are assembled at run time from pieces, so
 * this source holds no token a secret scanner would (rightly) flag; none
 * of them is a real credential. */
#include <CUnit/Basic.h>
#include <stdio.h>
#include <string.h>

#include "check.h"
#include "frontend_support.h"
#include "values_test_main.h"

/* A model whose only field has `value` as its defaultValue, as YAML. */
static void holder_yaml(char *buf, size_t size, const char *value)
{
    char escaped[1024];
    size_t n = 0;
    for (const char *p = value; *p && n + 3 < sizeof escaped; p++) {
        if (*p == '\n') {
            escaped[n++] = '\\';
            escaped[n++] = 'n';
        } else {
            escaped[n++] = *p;
        }
    }
    escaped[n] = '\0';
    snprintf(buf, size,
             "kind: model\nname: Holder\nfields:\n"
             "  v: {type: String_unsecure, isOptional: true, defaultValue: \"%s\"}\n",
             escaped);
}

static diag_set *lint_value(const char *value, ir_program **program)
{
    char yaml[2048];
    holder_yaml(yaml, sizeof yaml, value);
    diag_set *diags;
    *program = fe_load_text(yaml, check_secret_literals, &diags);
    return diags;
}

/* The message must not repeat the secret: no 6 characters of the 24
 * from `secret_from` on (what precedes is the public type prefix, which
 * the suggested placeholder repeats on purpose; a PEM footer is public
 * too). */
static bool leaks(const char *message, const char *token, size_t secret_from)
{
    size_t len = strlen(token);
    if (len > secret_from + 24)
        len = secret_from + 24;
    char piece[7];
    for (size_t i = secret_from; i + 6 <= len; i++) {
        memcpy(piece, token + i, 6);
        piece[6] = '\0';
        if (strstr(message, piece))
            return true;
    }
    return false;
}

typedef struct positive {
    const char *parts[4];       /* concatenated */
    size_t secret_from;
    const char *expected;       /* message after "spec.yaml:4:62: error: " */
} positive;

static const positive positives[] = {
    {{"sk_", "live_", "51HqLyjWDarjtT1zdp7dcXYZ0aB9", NULL}, 8,
     "defaultValue of field 'v': string looks like a Stripe live secret key ('sk_l\u2026'); specs "
     "must stay redacted: write a placeholder such as 'sk_live_***'"},
    {{"rk_", "live_", "51HqLyjWDarjtT1zdp7dc", NULL}, 8, "a Stripe live restricted key ('rk_l\u2026')"},
    {{"sk_", "test_", "4eC39HqLyjWDarjtT1zdp7dc", NULL}, 8, "a Stripe test secret key ('sk_t\u2026')"},
    {{"xox", "b-", "123456789012-1234567890123-AbCdEfGhIjKlMnOpQrStUvWx", NULL}, 5,
     "a Slack bot token ('xoxb\u2026')"},
    {{"xox", "p-", "2345678901-9876543210-ZyXwVuTsRqPo", NULL}, 5, "a Slack user token ('xoxp\u2026')"},
    {{"gh", "p_", "A1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6Q7r8", NULL}, 4,
     "a GitHub personal access token ('ghp_\u2026')"},
    {{"github", "_pat_", "11ABCDEFG0123456789_abcdefghijklmnopqrstuvwxyz", NULL}, 11,
     "a GitHub fine-grained token ('gith\u2026')"},
    {{"AKI", "A", "Z7Q2WJ5N3K8P4R6T", NULL}, 4, "an AWS access key id ('AKIA\u2026')"},
    {{"s", "k-", "proj-", "Xy12Ab34Cd56Ef78Gh90Ij12Kl34"}, 3, "an OpenAI-style API key ('sk-p\u2026')"},
    {{"AI", "za", "SyB3x9Q2mN7pL4kR8tW1vZ6cY5hJ0dF3gH2", NULL}, 4, "a Google API key ('AIza\u2026')"},
    {{"-----BEGIN RSA ", "PRIVATE KEY-----\nMIIEowIBAAKCAQEA1x2y3z4A5B6C7D8E9F0G1H2I3J4K5L6M7N8O9P0Q",
      "\n-----END RSA PRIVATE KEY-----", NULL}, 31, "a PEM private key ('----\u2026')"},
    {{"ey", "JhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4ifQ.",
      "SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c", NULL}, 4, "a JSON Web Token ('eyJh\u2026')"},
    {{"Bearer ", "7fK2pQ9xL4mN8vB3", "cR6tY1wZ5hJ0", NULL}, 7,
     "a high-entropy secret ('7fK2\u2026', 28 characters, 4.8 bits per character)"},
    {{"https://hooks.example.com/in?token=", "sk_", "live_", "9aZ8bY7cX6dW5eV4fU3g"}, 43,
     "a Stripe live secret key ('sk_l\u2026')"},
};

static void test_detects_each_credential_shape(void)
{
    for (size_t i = 0; i < sizeof positives / sizeof positives[0]; i++) {
        char token[512] = "";
        for (size_t k = 0; k < 4 && positives[i].parts[k]; k++)
            strcat(token, positives[i].parts[k]);
        ir_program *p;
        diag_set *diags = lint_value(token, &p);
        bool ok = diag_error_count(diags) == 1 && diag_count(diags) == 1 &&
                  strstr(support_diag(diags, 0), positives[i].expected) &&
                  strncmp(support_diag(diags, 0), "spec.yaml:4:62: error: ", 23) == 0 &&
                  !leaks(support_diag(diags, 0), token, positives[i].secret_from);
        if (!ok) {
            fprintf(stderr, "\n  case %zu: expected one error containing \"%s\", got %zu:\n", i,
                    positives[i].expected, diag_count(diags));
            for (size_t k = 0; k < diag_count(diags); k++)
                fprintf(stderr, "    %s\n", support_diag(diags, k));
        }
        CU_ASSERT_TRUE(ok);
        fe_done(p, diags);
    }
}

static void expect_clean(const char *const *values, size_t count)
{
    for (size_t i = 0; i < count; i++) {
        ir_program *p;
        diag_set *diags = lint_value(values[i], &p);
        if (diag_count(diags) != 0) {
            fprintf(stderr, "\n  false positive on \"%s\": %s\n", values[i], support_diag(diags, 0));
            CU_FAIL("false positive");
        }
        fe_done(p, diags);
    }
}

static void test_redactions_are_fine(void)
{
    static const char *const redacted[] = {
        "sk_live_***", "sk_live_xxxxxxxxxxxxxxxx", "sk_test_XXXXXXXXXXXXXXXXXXXX",
        "sk_live_your_secret_key", "sk_live_REDACTED", "sk_live_0000000000000000",
        "xoxb-your-bot-token-here", "xoxb-***", "ghp_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx",
        "AKIAIOSFODNN7EXAMPLE", "AKIAXXXXXXXXXXXXXXXX", "sk-...", "sk-your-openai-api-key-goes-here",
        "AIza...", "-----BEGIN PRIVATE KEY-----\n...\n-----END PRIVATE KEY-----",
        "-----BEGIN PRIVATE KEY-----", "eyJ...", "whsec_***", "github_pat_***",
    };
    expect_clean(redacted, sizeof redacted / sizeof redacted[0]);
}

static void test_ordinary_text_is_fine(void)
{
    static const char *const ordinary[] = {
        "https://api.stripe.com",
        "https://api.stripe.com/v1/payment_intents?expand[]=latest_charge&limit=10",
        "https://hooks.slack.com/services/workspace/channel",
        "123e4567-e89b-12d3-a456-426614174000",
        "conn-123e4567-e89b-12d3-a456-426614174000",
        "2025-01-01T12:00:00Z",
        "Stripe-Version",
        "X-RateLimit-Remaining-Requests",
        "payments.stripe.v2024-11-20.acacia",
        "AuthenticationFailedExceptionHandler2",
        "packages/examples/integration-hub/src/connection/connection.operation.ts",
        "application/vnd.api+json;version=2",
        "integration.connection.created.v1.0.0",
        "pi_3MtwBwLkdIwHu7ix28a3tqPa",
        "pk_live_51HqLyjWDarjtT1zdp7dcXYZ0aB9",
        "acct_1032D82eZvKYlo2C",
        "Payment processing, charges and payouts.",
        "Create a restricted key in the Stripe dashboard under Developers > API keys.",
        "support+billing@example-payments.com",
        "/var/run/secrets/stripe/api-key-2024-rotation-01",
        "Bearer ",
        "sha256=5d41402abc4b2a76b9719d911017c592",
        "2024-11-20.acacia",
        "spec_payments_stripe",
        "connect-payments",
        "v1.2.3-rc.1+build.20250101",
        "charges:write",
        "task-force-1234567890abcdefghijklmnop",
        "integration_hub_connection_created_2025",
        "com.example.payments.StripeClient2024",
        "The webhook secret starts with whsec_ and the key with sk_live_.",
    };
    expect_clean(ordinary, sizeof ordinary / sizeof ordinary[0]);
}

static void test_places_and_prose(void)
{
    char slack[128], random_token[64], yaml[4096];
    snprintf(slack, sizeof slack, "%s%s", "xox", "b-123456789012-1234567890123-AbCdEfGhIjKlMnOp");
    snprintf(random_token, sizeof random_token, "%s%s", "7fK2pQ9xL4mN8vB3", "cR6tY1wZ5hJ0");
    snprintf(yaml, sizeof yaml,
             "kind: integration\n"
             "meta: {key: messaging.demo, version: 1.0.0, category: messaging, title: Demo,\n"
             "       description: \"Paste the token (%s) here. Keys look like %s.\"}\n"
             "supportedModes: [byok]\n"
             "capabilities: {provides: [{key: messaging.send, version: 1.0.0}]}\n"
             "secretSchema:\n"
             "  schema: {type: object, properties: {botToken: {type: string}}}\n"
             "  example: {botToken: \"%s\"}\n"
             "configSchema:\n"
             "  schema: {type: object, properties: {mode: {type: string, enum: [a, \"%s\"]}}}\n",
             slack, random_token, slack, random_token);
    diag_set *diags;
    ir_program *p = fe_load_text(yaml, check_secret_literals, &diags);
    static const char *const expected[] = {
        /* prose: the token shape counts, the entropy rule does not */
        "spec.yaml:3:21: error: description: string looks like a Slack bot token ('xoxb\u2026'); "
        "specs must stay redacted: write a placeholder such as 'xoxb-***'",
        "spec.yaml:8:23: error: secretSchema example /botToken: string looks like a Slack bot "
        "token ('xoxb\u2026'); specs must stay redacted: write a placeholder such as 'xoxb-***'",
        "spec.yaml:10:70: error: configSchema enum /1: string looks like a high-entropy secret "
        "('7fK2\u2026', 28 characters, 4.8 bits per character); specs must stay redacted: write a "
        "placeholder such as '***'",
    };
    CU_ASSERT_TRUE(support_diags_equal(diags, expected, sizeof expected / sizeof expected[0]));
    fe_done(p, diags);
}

static void test_examples_are_linted(void)
{
    char token[64], yaml[2048];
    snprintf(token, sizeof token, "%s%s", "sk_live_", "4eC39HqLyjWDarjtT1zdp7dc");
    snprintf(yaml, sizeof yaml,
             "kind: command\n"
             "meta: {key: pay.charge, version: 1.0.0, description: Charge.}\n"
             "io: {input: null, output: null}\n"
             "policy: {auth: user}\n"
             "acceptance:\n"
             "  examples:\n"
             "    - key: charge\n"
             "      input: {auth: {key: \"%s\"}, list: [ok, \"%s\"]}\n",
             token, token);
    diag_set *diags;
    ir_program *p = fe_load_text(yaml, check_secret_literals, &diags);
    CU_ASSERT_EQUAL(fe_count_containing(diags, "looks like"), 2);
    CU_ASSERT_EQUAL(fe_count_containing(diags, "example 'charge' input /auth/key: string looks like a Stripe live secret key"), 1);
    CU_ASSERT_EQUAL(fe_count_containing(diags, "example 'charge' input /list/1: string looks like a Stripe live secret key"), 1);
    CU_ASSERT_EQUAL(fe_count_containing(diags, "4eC3"), 0);
    fe_done(p, diags);
}

int main(void)
{
    static const values_test_case tests[] = {
        {"credential shapes", test_detects_each_credential_shape},
        {"redactions", test_redactions_are_fine},
        {"ordinary text", test_ordinary_text_is_fine},
        {"places and prose", test_places_and_prose},
        {"acceptance examples", test_examples_are_linted},
        {NULL, NULL},
    };
    static const values_test_suite suites[] = {{"check_secret_literals", tests}, {NULL, NULL}};
    return values_test_run(suites);
}
