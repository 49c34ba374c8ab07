/* Webhook signatures: vectors computed independently with OpenSSL, and
 * every outcome of every scheme. */
#include <string.h>

#include "contractc/webhook.h"
#include "secrets_support.h"

#define TEXT(s) (const unsigned char *)(s), strlen(s)

/* printf '%s' "Hello, World!" | openssl dgst -sha256 -hmac "It's a Secret to Everybody"
 * (the example of GitHub's documentation) */
#define GITHUB_SECRET "It's a Secret to Everybody"
#define GITHUB_BODY "Hello, World!"
#define GITHUB_SIGNATURE "sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17"

/* printf '%s' 'v0:1531420618:<body>' | openssl dgst -sha256 -hmac '8f742231b10e8888abcd99yyyzzz85a5'
 * (the example of Slack's documentation) */
#define SLACK_SECRET "8f742231b10e8888abcd99yyyzzz85a5"
#define SLACK_TIMESTAMP "1531420618"
#define SLACK_BODY                                                                               \
    "token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow&channel_id="      \
    "G8PSS9T3V&channel_name=foobar&user_id=U2CERLKJA&user_name=roadrunner&command=%2Fwebhook-"  \
    "collect&text=&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT1DC2JH3J%2F"        \
    "397700885554%2F96rGlfmibIGlgcZRskXaIFfN&trigger_id=398738663015.47445629121."              \
    "803a0bc887a14d10d2c447fce8b6703c"
#define SLACK_SIGNATURE "v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503"

/* printf '%s' '1700000000.<body>' | openssl dgst -sha256 -hmac 'whsec_test_secret'
 * and the same with -hmac 'whsec_rolled_secret' */
#define STRIPE_SECRET "whsec_test_secret"
#define STRIPE_BODY "{\"id\":\"evt_1\",\"type\":\"payment_intent.succeeded\"}"
#define STRIPE_V1 "22d8dc182f5c588077683bd378368e29765bfe5df2560112b4f28fef120f0e31"
#define STRIPE_V1_ROLLED "bbb2a23f7eb0be15c19ca4dbfdcaecc93ffd407cf14a31d5e0f389c36d83d298"

/* printf '%s' 'v0:1700000100:{"type":"event_callback"}' | openssl dgst -sha256 -hmac 'slack_signing_secret' */
#define SLACK2_SIGNATURE "e7ceaca73790d3854a86c66f45200c6c6b24a1023f28f3612e235fccb09e8e42"

/* printf '%s' '' | openssl dgst -sha256 -hmac 'gh-secret' */
#define GITHUB_EMPTY_SIGNATURE "7fe3e03409f26466f52e59bc2c8349417fb1d1e5473ab4b115a34e2af85045bd"

static cs_webhook_options at(int64_t now)
{
    cs_webhook_options options = {false, 0, true, now};
    return options;
}

static cs_webhook_outcome stripe(const char *header, int64_t now)
{
    cs_webhook_options options = at(now);
    return cs_webhook_verify_stripe(TEXT(STRIPE_SECRET), header, TEXT(STRIPE_BODY), &options);
}

static void test_stripe_vectors(void)
{
    CU_ASSERT_EQUAL(stripe("t=1700000000,v1=" STRIPE_V1, 1700000000), CS_WEBHOOK_OK);
    /* Several v1 (a rolled secret), unknown schemes ignored, spaces allowed. */
    CU_ASSERT_EQUAL(stripe("t=1700000000,v1=" STRIPE_V1_ROLLED ",v0=abc, v1=" STRIPE_V1,
                           1700000000), CS_WEBHOOK_OK);
    CU_ASSERT_EQUAL(stripe("v1=" STRIPE_V1 ",t=1700000000", 1700000000), CS_WEBHOOK_OK);
    /* Upper-case hex decodes to the same bytes. */
    CU_ASSERT_EQUAL(stripe("t=1700000000,v1=22D8DC182F5C588077683BD378368E29765BFE5DF2560112B4F28FEF120F0E31",
                           1700000000), CS_WEBHOOK_OK);
}

static void test_stripe_outcomes(void)
{
    CU_ASSERT_EQUAL(stripe(NULL, 1700000000), CS_WEBHOOK_MISSING_HEADER);
    CU_ASSERT_EQUAL(stripe("", 1700000000), CS_WEBHOOK_MISSING_HEADER);
    CU_ASSERT_EQUAL(stripe("v1=" STRIPE_V1, 1700000000), CS_WEBHOOK_MALFORMED_HEADER);
    CU_ASSERT_EQUAL(stripe("t=1700000000", 1700000000), CS_WEBHOOK_MALFORMED_HEADER);
    CU_ASSERT_EQUAL(stripe("t=1700000000,v0=" STRIPE_V1, 1700000000), CS_WEBHOOK_MALFORMED_HEADER);
    CU_ASSERT_EQUAL(stripe("t=abc,v1=" STRIPE_V1, 1700000000), CS_WEBHOOK_MALFORMED_HEADER);
    CU_ASSERT_EQUAL(stripe("t=-5,v1=" STRIPE_V1, 1700000000), CS_WEBHOOK_MALFORMED_HEADER);
    CU_ASSERT_EQUAL(stripe("t=1,t=1700000000,v1=" STRIPE_V1, 1700000000), CS_WEBHOOK_MALFORMED_HEADER);
    CU_ASSERT_EQUAL(stripe("t=1700000000,v1=abc", 1700000000), CS_WEBHOOK_MALFORMED_HEADER);
    CU_ASSERT_EQUAL(stripe("t=1700000000,garbage,v1=" STRIPE_V1, 1700000000),
                    CS_WEBHOOK_MALFORMED_HEADER);
    /* The right signature for another timestamp, or a rolled-only signature. */
    CU_ASSERT_EQUAL(stripe("t=1700000001,v1=" STRIPE_V1, 1700000000), CS_WEBHOOK_MISMATCH);
    CU_ASSERT_EQUAL(stripe("t=1700000000,v1=" STRIPE_V1_ROLLED, 1700000000), CS_WEBHOOK_MISMATCH);
    cs_webhook_options options = at(1700000000);
    CU_ASSERT_EQUAL(cs_webhook_verify_stripe(TEXT(STRIPE_SECRET), "t=1700000000,v1=" STRIPE_V1,
                                             TEXT("{\"id\":\"evt_2\"}"), &options),
                    CS_WEBHOOK_MISMATCH);
}

static void test_stripe_tolerance(void)
{
    const char *header = "t=1700000000,v1=" STRIPE_V1;
    CU_ASSERT_EQUAL(stripe(header, 1700000300), CS_WEBHOOK_OK);          /* default 300 s */
    CU_ASSERT_EQUAL(stripe(header, 1700000301), CS_WEBHOOK_TIMESTAMP_OUT_OF_TOLERANCE);
    CU_ASSERT_EQUAL(stripe(header, 1699999700), CS_WEBHOOK_OK);
    CU_ASSERT_EQUAL(stripe(header, 1699999699), CS_WEBHOOK_TIMESTAMP_OUT_OF_TOLERANCE);
    cs_webhook_options options = {true, 10000, true, 1700000010};
    CU_ASSERT_EQUAL(cs_webhook_verify_stripe(TEXT(STRIPE_SECRET), header, TEXT(STRIPE_BODY),
                                             &options), CS_WEBHOOK_OK);
    options.now_seconds = 1700000011;
    CU_ASSERT_EQUAL(cs_webhook_verify_stripe(TEXT(STRIPE_SECRET), header, TEXT(STRIPE_BODY),
                                             &options), CS_WEBHOOK_TIMESTAMP_OUT_OF_TOLERANCE);
    /* A forged signature is a mismatch whatever the time. */
    CU_ASSERT_EQUAL(stripe("t=1700000000,v1=" STRIPE_V1_ROLLED, 1800000000), CS_WEBHOOK_MISMATCH);
    /* Without an injected clock the 2023 timestamp is far too old. */
    CU_ASSERT_EQUAL(cs_webhook_verify_stripe(TEXT(STRIPE_SECRET), header, TEXT(STRIPE_BODY), NULL),
                    CS_WEBHOOK_TIMESTAMP_OUT_OF_TOLERANCE);
}

static cs_webhook_outcome slack(const char *signature, const char *timestamp, const char *body,
                                int64_t now)
{
    cs_webhook_options options = at(now);
    return cs_webhook_verify_slack(TEXT(SLACK_SECRET), signature, timestamp, TEXT(body), &options);
}

static void test_slack(void)
{
    CU_ASSERT_EQUAL(slack(SLACK_SIGNATURE, SLACK_TIMESTAMP, SLACK_BODY, 1531420618), CS_WEBHOOK_OK);
    CU_ASSERT_EQUAL(slack(SLACK_SIGNATURE, SLACK_TIMESTAMP, SLACK_BODY, 1531420918), CS_WEBHOOK_OK);
    CU_ASSERT_EQUAL(slack(SLACK_SIGNATURE, SLACK_TIMESTAMP, SLACK_BODY, 1531420919),
                    CS_WEBHOOK_TIMESTAMP_OUT_OF_TOLERANCE);
    CU_ASSERT_EQUAL(slack(NULL, SLACK_TIMESTAMP, SLACK_BODY, 1531420618), CS_WEBHOOK_MISSING_HEADER);
    CU_ASSERT_EQUAL(slack(SLACK_SIGNATURE, NULL, SLACK_BODY, 1531420618), CS_WEBHOOK_MISSING_TIMESTAMP);
    CU_ASSERT_EQUAL(slack(SLACK_SIGNATURE, "", SLACK_BODY, 1531420618), CS_WEBHOOK_MISSING_TIMESTAMP);
    CU_ASSERT_EQUAL(slack(SLACK_SIGNATURE, "15314x0618", SLACK_BODY, 1531420618),
                    CS_WEBHOOK_MALFORMED_TIMESTAMP);
    CU_ASSERT_EQUAL(slack("v1=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503",
                          SLACK_TIMESTAMP, SLACK_BODY, 1531420618), CS_WEBHOOK_MALFORMED_HEADER);
    CU_ASSERT_EQUAL(slack("v0=a2114d", SLACK_TIMESTAMP, SLACK_BODY, 1531420618),
                    CS_WEBHOOK_MALFORMED_HEADER);
    CU_ASSERT_EQUAL(slack(SLACK_SIGNATURE, "1531420619", SLACK_BODY, 1531420618), CS_WEBHOOK_MISMATCH);
    CU_ASSERT_EQUAL(slack(SLACK_SIGNATURE, SLACK_TIMESTAMP, SLACK_BODY "x", 1531420618),
                    CS_WEBHOOK_MISMATCH);
    cs_webhook_options options = at(1700000100);
    CU_ASSERT_EQUAL(cs_webhook_verify_slack(TEXT("slack_signing_secret"), "v0=" SLACK2_SIGNATURE,
                                            "1700000100", TEXT("{\"type\":\"event_callback\"}"),
                                            &options), CS_WEBHOOK_OK);
}

static void test_github(void)
{
    CU_ASSERT_EQUAL(cs_webhook_verify_github(TEXT(GITHUB_SECRET), GITHUB_SIGNATURE, TEXT(GITHUB_BODY)),
                    CS_WEBHOOK_OK);
    CU_ASSERT_EQUAL(cs_webhook_verify_github(TEXT("gh-secret"), "sha256=" GITHUB_EMPTY_SIGNATURE,
                                             NULL, 0), CS_WEBHOOK_OK);
    CU_ASSERT_EQUAL(cs_webhook_verify_github(TEXT(GITHUB_SECRET), NULL, TEXT(GITHUB_BODY)),
                    CS_WEBHOOK_MISSING_HEADER);
    CU_ASSERT_EQUAL(cs_webhook_verify_github(TEXT(GITHUB_SECRET),
                                             "sha1=757107ea0eb2509fc211221cce984b8a37570b6d",
                                             TEXT(GITHUB_BODY)), CS_WEBHOOK_MALFORMED_HEADER);
    CU_ASSERT_EQUAL(cs_webhook_verify_github(TEXT(GITHUB_SECRET), GITHUB_SIGNATURE "00",
                                             TEXT(GITHUB_BODY)), CS_WEBHOOK_MALFORMED_HEADER);
    CU_ASSERT_EQUAL(cs_webhook_verify_github(TEXT(GITHUB_SECRET), GITHUB_SIGNATURE,
                                             TEXT("Hello, World?")), CS_WEBHOOK_MISMATCH);
    CU_ASSERT_EQUAL(cs_webhook_verify_github(TEXT("another secret"), GITHUB_SIGNATURE,
                                             TEXT(GITHUB_BODY)), CS_WEBHOOK_MISMATCH);
}

static void test_invalid_arguments(void)
{
    CU_ASSERT_EQUAL(cs_webhook_verify_github(NULL, 0, GITHUB_SIGNATURE, TEXT(GITHUB_BODY)),
                    CS_WEBHOOK_INVALID_ARGUMENT);
    CU_ASSERT_EQUAL(cs_webhook_verify_github(TEXT(""), GITHUB_SIGNATURE, TEXT(GITHUB_BODY)),
                    CS_WEBHOOK_INVALID_ARGUMENT);
    CU_ASSERT_EQUAL(cs_webhook_verify_github(TEXT(GITHUB_SECRET), GITHUB_SIGNATURE, NULL, 5),
                    CS_WEBHOOK_INVALID_ARGUMENT);
    CU_ASSERT_EQUAL(cs_webhook_verify(CS_WEBHOOK_SCHEME_GITHUB, TEXT(GITHUB_SECRET), NULL, NULL),
                    CS_WEBHOOK_INVALID_ARGUMENT);
    cs_webhook_options options = {true, -1, true, 1700000000};
    CU_ASSERT_EQUAL(cs_webhook_verify_stripe(TEXT(STRIPE_SECRET), "t=1700000000,v1=" STRIPE_V1,
                                             TEXT(STRIPE_BODY), &options),
                    CS_WEBHOOK_TIMESTAMP_OUT_OF_TOLERANCE);
}

static void test_dispatch_and_sign(void)
{
    cs_webhook_request request = {GITHUB_SIGNATURE, NULL, TEXT(GITHUB_BODY)};
    CU_ASSERT_EQUAL(cs_webhook_verify(CS_WEBHOOK_SCHEME_GITHUB, TEXT(GITHUB_SECRET), &request, NULL),
                    CS_WEBHOOK_OK);
    cs_webhook_request slack_request = {SLACK_SIGNATURE, SLACK_TIMESTAMP, TEXT(SLACK_BODY)};
    cs_webhook_options options = at(1531420618);
    CU_ASSERT_EQUAL(cs_webhook_verify(CS_WEBHOOK_SCHEME_SLACK, TEXT(SLACK_SECRET), &slack_request,
                                      &options), CS_WEBHOOK_OK);
    cs_webhook_request stripe_request = {"t=1700000000,v1=" STRIPE_V1, NULL, TEXT(STRIPE_BODY)};
    options = at(1700000000);
    CU_ASSERT_EQUAL(cs_webhook_verify(CS_WEBHOOK_SCHEME_STRIPE, TEXT(STRIPE_SECRET),
                                      &stripe_request, &options), CS_WEBHOOK_OK);

    char hex[65];
    CU_ASSERT_TRUE(cs_webhook_sign(CS_WEBHOOK_SCHEME_STRIPE, TEXT(STRIPE_SECRET), 1700000000,
                                   TEXT(STRIPE_BODY), hex));
    CU_ASSERT_STRING_EQUAL(hex, STRIPE_V1);
    CU_ASSERT_TRUE(cs_webhook_sign(CS_WEBHOOK_SCHEME_SLACK, TEXT("slack_signing_secret"),
                                   1700000100, TEXT("{\"type\":\"event_callback\"}"), hex));
    CU_ASSERT_STRING_EQUAL(hex, SLACK2_SIGNATURE);
    CU_ASSERT_TRUE(cs_webhook_sign(CS_WEBHOOK_SCHEME_GITHUB, TEXT(GITHUB_SECRET), 0,
                                   TEXT(GITHUB_BODY), hex));
    CU_ASSERT_STRING_EQUAL(hex, &GITHUB_SIGNATURE[strlen("sha256=")]);
    CU_ASSERT_FALSE(cs_webhook_sign(CS_WEBHOOK_SCHEME_GITHUB, NULL, 0, 0, TEXT(GITHUB_BODY), hex));
}

static void test_outcome_names(void)
{
    CU_ASSERT_STRING_EQUAL(cs_webhook_outcome_name(CS_WEBHOOK_OK), "OK");
    CU_ASSERT_STRING_EQUAL(cs_webhook_outcome_name(CS_WEBHOOK_MISSING_HEADER), "MISSING_HEADER");
    CU_ASSERT_STRING_EQUAL(cs_webhook_outcome_name(CS_WEBHOOK_MISSING_TIMESTAMP), "MISSING_TIMESTAMP");
    CU_ASSERT_STRING_EQUAL(cs_webhook_outcome_name(CS_WEBHOOK_MALFORMED_HEADER), "MALFORMED_HEADER");
    CU_ASSERT_STRING_EQUAL(cs_webhook_outcome_name(CS_WEBHOOK_MALFORMED_TIMESTAMP),
                           "MALFORMED_TIMESTAMP");
    CU_ASSERT_STRING_EQUAL(cs_webhook_outcome_name(CS_WEBHOOK_MISMATCH), "MISMATCH");
    CU_ASSERT_STRING_EQUAL(cs_webhook_outcome_name(CS_WEBHOOK_TIMESTAMP_OUT_OF_TOLERANCE),
                           "TIMESTAMP_OUT_OF_TOLERANCE");
    CU_ASSERT_STRING_EQUAL(cs_webhook_outcome_name(CS_WEBHOOK_INVALID_ARGUMENT), "INVALID_ARGUMENT");
}

int main(void)
{
    CU_TestInfo tests[] = {
        {"Stripe vectors", test_stripe_vectors},
        {"Stripe outcomes", test_stripe_outcomes},
        {"Stripe tolerance", test_stripe_tolerance},
        {"Slack", test_slack},
        {"GitHub", test_github},
        {"invalid arguments", test_invalid_arguments},
        {"dispatch and sign", test_dispatch_and_sign},
        {"outcome names", test_outcome_names},
        CU_TEST_INFO_NULL,
    };
    return support_run_suite("webhook", tests);
}
