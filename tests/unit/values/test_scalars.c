/* Unit tests: ContractSpec's scalar rules (reference 8.1, model-validation
 * column), one test per scalar, valid and invalid cases from the
 * reference text. */
#include <CUnit/Basic.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "value_check.h"
#include "values_support.h"
#include "values_test_main.h"

static tv_pool *pool;

static const char *check_json(ir_scalar scalar, const char *json)
{
    return scalar_check_value(scalar, tv_json(pool, json));
}

static const char *check_text(ir_scalar scalar, const char *text)
{
    return scalar_check_value(scalar, tv_string(pool, text));
}

/* Every string in ok must pass, every one in bad must fail. */
static void expect_strings(ir_scalar scalar, const char *const *ok, const char *const *bad)
{
    for (; ok && *ok; ok++) {
        const char *reason = check_text(scalar, *ok);
        if (reason) {
            fprintf(stderr, "\n  %s rejected '%s': %s\n", ir_scalar_name(scalar), *ok, reason);
            CU_FAIL("valid string rejected");
        }
    }
    for (; bad && *bad; bad++) {
        if (!check_text(scalar, *bad)) {
            fprintf(stderr, "\n  %s accepted '%s'\n", ir_scalar_name(scalar), *bad);
            CU_FAIL("invalid string accepted");
        }
    }
}

static void expect_non_strings_fail(ir_scalar scalar)
{
    static const char *const others[] = {"1", "1.5", "true", "null", "[]", "{}"};
    for (size_t i = 0; i < sizeof others / sizeof others[0]; i++)
        CU_ASSERT_PTR_NOT_NULL(check_json(scalar, others[i]));
}

static void test_string_unsecure(void)
{
    static const char *const ok[] = {"", " ", "anything at all", "ünïcødé", NULL};
    expect_strings(IR_SCALAR_STRING_UNSECURE, ok, NULL);
    expect_non_strings_fail(IR_SCALAR_STRING_UNSECURE);
    CU_ASSERT_STRING_EQUAL(check_json(IR_SCALAR_STRING_UNSECURE, "3"), "expected a string");
}

static void test_int_unsecure(void)
{
    CU_ASSERT_PTR_NULL(check_json(IR_SCALAR_INT_UNSECURE, "0"));
    CU_ASSERT_PTR_NULL(check_json(IR_SCALAR_INT_UNSECURE, "-42"));
    CU_ASSERT_PTR_NULL(scalar_check_value(IR_SCALAR_INT_UNSECURE, tv_int(pool, 9007199254740991LL)));
    CU_ASSERT_PTR_NULL(scalar_check_value(IR_SCALAR_INT_UNSECURE, tv_int(pool, -9007199254740991LL)));
    /* 3.0 is an integer to JavaScript */
    CU_ASSERT_PTR_NULL(scalar_check_value(IR_SCALAR_INT_UNSECURE, tv_float(pool, 3.0)));
    CU_ASSERT_STRING_EQUAL(scalar_check_value(IR_SCALAR_INT_UNSECURE, tv_int(pool, 9007199254740992LL)),
                           "expected an integer within ±(2^53-1)");
    CU_ASSERT_STRING_EQUAL(scalar_check_value(IR_SCALAR_INT_UNSECURE, tv_int(pool, -9007199254740992LL)),
                           "expected an integer within ±(2^53-1)");
    CU_ASSERT_STRING_EQUAL(scalar_check_value(IR_SCALAR_INT_UNSECURE, tv_float(pool, 1e300)),
                           "expected an integer within ±(2^53-1)");
    CU_ASSERT_STRING_EQUAL(check_json(IR_SCALAR_INT_UNSECURE, "1.5"),
                           "expected an integer, not a fraction");
    CU_ASSERT_PTR_NOT_NULL(scalar_check_value(IR_SCALAR_INT_UNSECURE, tv_float(pool, INFINITY)));
    CU_ASSERT_PTR_NOT_NULL(scalar_check_value(IR_SCALAR_INT_UNSECURE, tv_float(pool, NAN)));
    /* strings are rejected, even numeric ones */
    CU_ASSERT_STRING_EQUAL(check_text(IR_SCALAR_INT_UNSECURE, "20"), "expected an integer");
    CU_ASSERT_PTR_NOT_NULL(check_json(IR_SCALAR_INT_UNSECURE, "true"));
}

static void test_float_unsecure(void)
{
    CU_ASSERT_PTR_NULL(check_json(IR_SCALAR_FLOAT_UNSECURE, "1.5"));
    CU_ASSERT_PTR_NULL(check_json(IR_SCALAR_FLOAT_UNSECURE, "-7"));
    CU_ASSERT_PTR_NULL(scalar_check_value(IR_SCALAR_FLOAT_UNSECURE, tv_float(pool, 1e300)));
    CU_ASSERT_PTR_NOT_NULL(scalar_check_value(IR_SCALAR_FLOAT_UNSECURE, tv_float(pool, NAN)));
    CU_ASSERT_PTR_NOT_NULL(scalar_check_value(IR_SCALAR_FLOAT_UNSECURE, tv_float(pool, -INFINITY)));
    CU_ASSERT_STRING_EQUAL(check_text(IR_SCALAR_FLOAT_UNSECURE, "1.5"), "expected a finite number");
}

static void test_boolean(void)
{
    CU_ASSERT_PTR_NULL(check_json(IR_SCALAR_BOOLEAN, "true"));
    CU_ASSERT_PTR_NULL(check_json(IR_SCALAR_BOOLEAN, "false"));
    /* strict: no truthiness (that is GraphQL input coercion only) */
    CU_ASSERT_PTR_NOT_NULL(check_text(IR_SCALAR_BOOLEAN, "false"));
    CU_ASSERT_PTR_NOT_NULL(check_json(IR_SCALAR_BOOLEAN, "0"));
    CU_ASSERT_PTR_NOT_NULL(check_json(IR_SCALAR_BOOLEAN, "null"));
}

static void test_id(void)
{
    static const char *const ok[] = {"conn-123", "", "0", NULL};
    expect_strings(IR_SCALAR_ID, ok, NULL);
    CU_ASSERT_PTR_NOT_NULL(check_json(IR_SCALAR_ID, "123"));
}

static void test_json(void)
{
    static const char *const any[] = {"null", "1", "\"s\"", "[1,{}]", "{\"a\":null}", "false"};
    for (size_t i = 0; i < sizeof any / sizeof any[0]; i++)
        CU_ASSERT_PTR_NULL(check_json(IR_SCALAR_JSON, any[i]));
}

static void test_json_object(void)
{
    CU_ASSERT_PTR_NULL(check_json(IR_SCALAR_JSON_OBJECT, "{}"));
    CU_ASSERT_PTR_NULL(check_json(IR_SCALAR_JSON_OBJECT, "{\"a\":[1]}"));
    CU_ASSERT_STRING_EQUAL(check_json(IR_SCALAR_JSON_OBJECT, "[]"), "expected an object");
    CU_ASSERT_PTR_NOT_NULL(check_json(IR_SCALAR_JSON_OBJECT, "null"));
    CU_ASSERT_PTR_NOT_NULL(check_json(IR_SCALAR_JSON_OBJECT, "\"{}\""));
}

static void test_date(void)
{
    static const char *const ok[] = {"2025-01-01", "2024-02-29", "2000-02-29", "1999-12-31", NULL};
    static const char *const bad[] = {"2023-02-29", "1900-02-29", "2025-13-01", "2025-00-10",
                                      "2025-04-31", "2025-1-01", "25-01-01", "2025-01-01T00:00:00Z",
                                      "2025/01/01", "", NULL};
    expect_strings(IR_SCALAR_DATE, ok, bad);
    expect_non_strings_fail(IR_SCALAR_DATE);
}

static void test_date_time(void)
{
    static const char *const ok[] = {"2025-01-01T12:00:00Z", "2025-01-01T12:00:00.123Z",
                                     "2025-01-01t12:00:00z", "2025-06-30T23:59:60+02:00",
                                     "2025-01-01T00:00:00-05:30", NULL};
    static const char *const bad[] = {"2025-01-01", "2025-01-01T12:00:00", "2025-01-01 12:00:00Z",
                                      "2025-01-01T24:00:00Z", "2025-01-01T12:60:00Z",
                                      "2025-02-30T12:00:00Z", "2025-01-01T12:00Z",
                                      "2025-01-01T12:00:00.Z", "2025-01-01T12:00:00+0200",
                                      "2025-01-01T12:00:00+24:00", NULL};
    expect_strings(IR_SCALAR_DATE_TIME, ok, bad);
    expect_non_strings_fail(IR_SCALAR_DATE_TIME);
}

static void test_time(void)
{
    /* the pattern has no range check: 25:99 passes */
    static const char *const ok[] = {"12:30", "00:00:00", "25:99", "99:99:99", NULL};
    static const char *const bad[] = {"1:30", "12:3", "12:30:", "12:30:5", "12-30", "12:30 ",
                                      "12:30:00.5", "", NULL};
    expect_strings(IR_SCALAR_TIME, ok, bad);
    expect_non_strings_fail(IR_SCALAR_TIME);
}

static void test_email_address(void)
{
    static const char *const ok[] = {"a@b.co", "john.doe+tag@example.com", "o'neil@mail.example.org",
                                     "x_y-z@sub-domain.example.io", "a-@b.cd", "1@2a.museum", NULL};
    static const char *const bad[] = {"a@localhost", "a.b@c.d", ".a@b.co", "a..b@c.co", "a.@b.co",
                                      "a@b..co", "a@-b.co", "a@b.c0", "@b.co", "a@", "a b@c.co",
                                      "a@b.co.", "a@@b.co", "é@b.co", "a@b_c.co", "", NULL};
    expect_strings(IR_SCALAR_EMAIL_ADDRESS, ok, bad);
    expect_non_strings_fail(IR_SCALAR_EMAIL_ADDRESS);
}

static void test_url(void)
{
    static const char *const ok[] = {"https://api.stripe.com", "http://localhost:8080/x?y#z",
                                     "mailto:a@b.co", "ftp://x", "javascript:void(0)",
                                     "file:///etc/hosts", "https://user:pw@host/p",
                                     "http://[::1]:3000/", "http://127.0.0.1/", "urn:isbn:0451450523",
                                     "http:example.com", "https:///path", "  https://trimmed.example  ",
                                     "custom+scheme://anything goes", "http://999/", NULL};
    static const char *const bad[] = {"x.com", "http://", "https://?q", "http://#frag", "//host/path", "1http://x",
                                      "http://a b.com/", "http://host:99999/", "http://host:port/",
                                      "http://1.2.3.999/", "http://[::1/", "http://exa%mple.com/",
                                      "", "   ", NULL};
    expect_strings(IR_SCALAR_URL, ok, bad);
    expect_non_strings_fail(IR_SCALAR_URL);
}

static void test_phone_number(void)
{
    static const char *const ok[] = {"+33 1 23 45 67 89", "0.0.0.0", "1234", "+1 (555) 010-9999",
                                     "5-5-5", NULL};
    static const char *const bad[] = {"123", "+123", "++1234", "(555) 1234", "phone", "+", "12a4",
                                      "", NULL};
    expect_strings(IR_SCALAR_PHONE_NUMBER, ok, bad);
    expect_non_strings_fail(IR_SCALAR_PHONE_NUMBER);
}

static void test_non_empty_string(void)
{
    static const char *const ok[] = {"x", " ", "\t", NULL};
    static const char *const bad[] = {"", NULL};
    expect_strings(IR_SCALAR_NON_EMPTY_STRING, ok, bad);
    expect_non_strings_fail(IR_SCALAR_NON_EMPTY_STRING);
}

static void test_locale(void)
{
    static const char *const ok[] = {"en", "en-US", "zh-Hant-TW", "DE", "es-419", "en-abcdefgh",
                                     NULL};
    static const char *const bad[] = {"fra", "en_US", "e", "en-", "en-U", "en-abcdefghi", "x1-ab",
                                      "en--US", "", NULL};
    expect_strings(IR_SCALAR_LOCALE, ok, bad);
    expect_non_strings_fail(IR_SCALAR_LOCALE);
}

static void test_time_zone(void)
{
    static const char *const ok[] = {"UTC", "Europe/Paris", "America/New_York", "Etc/UTC", NULL};
    static const char *const bad[] = {"America/Argentina/Buenos_Aires", "Etc/GMT+1",
                                      "America/Port-au-Prince", "utc", "GMT", "Europe/",
                                      "/Paris", "Europe Paris", "", NULL};
    expect_strings(IR_SCALAR_TIME_ZONE, ok, bad);
    expect_non_strings_fail(IR_SCALAR_TIME_ZONE);
}

static void test_latitude(void)
{
    CU_ASSERT_PTR_NULL(check_json(IR_SCALAR_LATITUDE, "-90"));
    CU_ASSERT_PTR_NULL(check_json(IR_SCALAR_LATITUDE, "90"));
    CU_ASSERT_PTR_NULL(check_json(IR_SCALAR_LATITUDE, "48.8566"));
    CU_ASSERT_PTR_NOT_NULL(check_json(IR_SCALAR_LATITUDE, "90.0001"));
    CU_ASSERT_PTR_NOT_NULL(check_json(IR_SCALAR_LATITUDE, "-91"));
    CU_ASSERT_PTR_NOT_NULL(check_text(IR_SCALAR_LATITUDE, "45"));
    CU_ASSERT_PTR_NOT_NULL(scalar_check_value(IR_SCALAR_LATITUDE, tv_float(pool, NAN)));
}

static void test_longitude(void)
{
    CU_ASSERT_PTR_NULL(check_json(IR_SCALAR_LONGITUDE, "-180"));
    CU_ASSERT_PTR_NULL(check_json(IR_SCALAR_LONGITUDE, "180"));
    CU_ASSERT_PTR_NULL(check_json(IR_SCALAR_LONGITUDE, "2.3522"));
    CU_ASSERT_PTR_NOT_NULL(check_json(IR_SCALAR_LONGITUDE, "180.5"));
    CU_ASSERT_PTR_NOT_NULL(check_json(IR_SCALAR_LONGITUDE, "-181"));
    CU_ASSERT_PTR_NOT_NULL(check_json(IR_SCALAR_LONGITUDE, "null"));
}

static void test_currency(void)
{
    static const char *const ok[] = {"EUR", "USD", "XYZ", NULL};   /* no ISO-4217 list check */
    static const char *const bad[] = {"eur", "EU", "EURO", "E1R", "", NULL};
    expect_strings(IR_SCALAR_CURRENCY, ok, bad);
    expect_non_strings_fail(IR_SCALAR_CURRENCY);
}

static void test_country_code(void)
{
    static const char *const ok[] = {"FR", "US", "ZZ", NULL};
    static const char *const bad[] = {"fr", "F", "FRA", "F1", "", NULL};
    expect_strings(IR_SCALAR_COUNTRY_CODE, ok, bad);
    expect_non_strings_fail(IR_SCALAR_COUNTRY_CODE);
}

/* Random bytes through every rule: no crash or out-of-bounds read (the
 * sanitizer and valgrind runs watch this), and answers consistent with
 * the grammars' basic facts. */
static void test_random_strings_are_safe(void)
{
    unsigned state = 12345;
    char buf[300];
    for (int round = 0; round < 20000; round++) {
        size_t len = 0, n = (size_t)(round % 60);
        for (; len < n; len++) {
            state = state * 1103515245u + 12345u;
            /* mostly characters the grammars care about */
            static const char alphabet[] = "aZ09:-_.@/+ ()T\\x\xc3\xa9#?[]%";
            buf[len] = (state >> 16) % 4 == 0 ? (char)((state >> 8) & 0xff)
                                              : alphabet[(state >> 8) % (sizeof alphabet - 1)];
        }
        buf[len] = '\0';
        ir_value v = {0};
        v.kind = IR_VALUE_STRING;
        v.string_value = buf;
        v.string_len = len;
        for (int s = IR_SCALAR_UNSET + 1; s < IR_SCALAR_UNKNOWN; s++)
            (void)scalar_check_value((ir_scalar)s, &v);
        if (scalar_check_value(IR_SCALAR_EMAIL_ADDRESS, &v) == NULL)
            CU_ASSERT_PTR_NOT_NULL(memchr(buf, '@', len));
        if (scalar_check_value(IR_SCALAR_TIME, &v) == NULL)
            CU_ASSERT_TRUE(len == 5 || len == 8);
        if (scalar_check_value(IR_SCALAR_URL, &v) == NULL)
            CU_ASSERT_PTR_NOT_NULL(memchr(buf, ':', len));
        if (scalar_check_value(IR_SCALAR_DATE_TIME, &v) == NULL)
            CU_ASSERT_TRUE(len >= 20);
    }
}

static void test_every_scalar_has_a_test(void)
{
    /* 20 scalars, each tested above; the list in ir.h must not grow unseen */
    size_t n = 0;
    for (int s = IR_SCALAR_UNSET + 1; s < IR_SCALAR_UNKNOWN; s++)
        n++;
    CU_ASSERT_EQUAL(n, 20);
    CU_ASSERT_PTR_NOT_NULL(scalar_check_value(IR_SCALAR_STRING_UNSECURE, NULL));
}

static int setup(void)
{
    pool = tv_pool_new();
    return 0;
}

int main(void)
{
    setup();
    static const values_test_case tests[] = {
        {"String_unsecure", test_string_unsecure}, {"Int_unsecure", test_int_unsecure},
        {"Float_unsecure", test_float_unsecure}, {"Boolean", test_boolean}, {"ID", test_id},
        {"JSON", test_json}, {"JSONObject", test_json_object}, {"Date", test_date},
        {"DateTime", test_date_time}, {"Time", test_time}, {"EmailAddress", test_email_address},
        {"URL", test_url}, {"PhoneNumber", test_phone_number},
        {"NonEmptyString", test_non_empty_string}, {"Locale", test_locale},
        {"TimeZone", test_time_zone}, {"Latitude", test_latitude}, {"Longitude", test_longitude},
        {"Currency", test_currency}, {"CountryCode", test_country_code},
        {"all 20 covered", test_every_scalar_has_a_test},
        {"random strings", test_random_strings_are_safe}, {NULL, NULL},
    };
    static const values_test_suite suites[] = {{"scalars", tests}, {NULL, NULL}};
    int status = values_test_run(suites);
    tv_pool_free(pool);
    return status;
}
