/* Secret URI grammar (ContractSpec 5.3, with contractc's INVALID fixes)
 * and payload normalisation (5.4). */
#include <string.h>

#include "contractc/secret_uri.h"
#include "secrets_support.h"

static cs_secret_code parse(const char *reference, cs_secret_uri *uri, cs_secret_error *err)
{
    memset(err, 0, sizeof *err);
    return cs_secret_uri_parse(reference, uri, err);
}

static void test_contractspec_example(void)
{
    cs_secret_uri uri;
    cs_secret_error err;
    CU_ASSERT_EQUAL_FATAL(parse("gcp://projects/demo/secrets/example/versions/latest?env=prod",
                                &uri, &err), CS_SECRET_OK);
    CU_ASSERT_STRING_EQUAL(uri.provider, "gcp");
    CU_ASSERT_STRING_EQUAL(uri.path, "projects/demo/secrets/example/versions/latest");
    CU_ASSERT_TRUE(uri.has_extras);
    CU_ASSERT_EQUAL(uri.extra_count, 1);
    CU_ASSERT_STRING_EQUAL(cs_secret_uri_extra_value(&uri, "env"), "prod");
    cs_secret_uri_clear(&uri);
}

static void test_extras_absent_versus_empty(void)
{
    cs_secret_uri uri;
    cs_secret_error err;
    CU_ASSERT_EQUAL_FATAL(parse("env://FOO", &uri, &err), CS_SECRET_OK);
    CU_ASSERT_FALSE(uri.has_extras);
    CU_ASSERT_EQUAL(uri.extra_count, 0);
    cs_secret_uri_clear(&uri);

    CU_ASSERT_EQUAL_FATAL(parse("s://p?", &uri, &err), CS_SECRET_OK);
    CU_ASSERT_TRUE(uri.has_extras);
    CU_ASSERT_EQUAL(uri.extra_count, 0);
    CU_ASSERT_STRING_EQUAL(uri.path, "p");
    cs_secret_uri_clear(&uri);

    CU_ASSERT_EQUAL_FATAL(parse("s://?x=1", &uri, &err), CS_SECRET_OK);
    CU_ASSERT_STRING_EQUAL(uri.path, "");
    CU_ASSERT_STRING_EQUAL(cs_secret_uri_extra_value(&uri, "x"), "1");
    cs_secret_uri_clear(&uri);
}

static void test_query_pieces(void)
{
    cs_secret_uri uri;
    cs_secret_error err;
    CU_ASSERT_EQUAL_FATAL(parse("s://p?&&a=1&&flag&b=&a=2", &uri, &err), CS_SECRET_OK);
    CU_ASSERT_EQUAL(uri.extra_count, 3);
    /* Duplicate keys: the last value wins, the first position stays. */
    CU_ASSERT_STRING_EQUAL(uri.extras[0].key, "a");
    CU_ASSERT_STRING_EQUAL(uri.extras[0].value, "2");
    CU_ASSERT_STRING_EQUAL(uri.extras[1].key, "flag");
    CU_ASSERT_STRING_EQUAL(uri.extras[1].value, "");
    CU_ASSERT_STRING_EQUAL(uri.extras[2].key, "b");
    CU_ASSERT_STRING_EQUAL(uri.extras[2].value, "");
    CU_ASSERT_PTR_NULL(cs_secret_uri_extra_value(&uri, "missing"));
    cs_secret_uri_clear(&uri);
}

static void test_percent_decoding(void)
{
    cs_secret_uri uri;
    cs_secret_error err;
    CU_ASSERT_EQUAL_FATAL(parse("s://a%20b?k%3Dx=v%26w%3d%C3%A9+", &uri, &err), CS_SECRET_OK);
    /* The path is not decoded (as ContractSpec); keys and values are. */
    CU_ASSERT_STRING_EQUAL(uri.path, "a%20b");
    CU_ASSERT_STRING_EQUAL(uri.extras[0].key, "k=x");
    CU_ASSERT_STRING_EQUAL(uri.extras[0].value, "v&w=\xC3\xA9+");
    cs_secret_uri_clear(&uri);
}

static void expect_invalid(const char *reference, const char *message_part)
{
    cs_secret_uri uri;
    cs_secret_error err;
    CU_ASSERT_EQUAL(parse(reference, &uri, &err), CS_SECRET_INVALID);
    CU_ASSERT_EQUAL(err.code, CS_SECRET_INVALID);
    CU_ASSERT_STRING_EQUAL(err.provider, "unknown");
    CU_ASSERT_PTR_NOT_NULL(strstr(err.message, message_part));
    CU_ASSERT_PTR_NULL(uri.provider);
    CU_ASSERT_PTR_NULL(uri.path);
    CU_ASSERT_EQUAL(uri.extra_count, 0);
}

static void test_contractspec_invalid_forms(void)
{
    expect_invalid("", "empty");
    expect_invalid("env://", "must not be empty");
    expect_invalid("://x", "must not be empty");
    expect_invalid("plain", "provider://path");
}

static void test_fixed_truncations_are_invalid(void)
{
    /* ContractSpec parses a://b://c as a + b and b=2=3 as b=2, silently. */
    expect_invalid("a://b://c", "more than one '://'");
    expect_invalid("s://p?b=2=3", "more than one '='");
    /* ContractSpec throws a URIError (not a SecretProviderError) here. */
    expect_invalid("s://p?x=%zz", "malformed percent escape");
    expect_invalid("s://p?x=%4", "malformed percent escape");
    expect_invalid("s://p?x=%", "malformed percent escape");
    expect_invalid("s://p?%g1=x", "malformed percent escape");
    expect_invalid("s://p?x=%C3", "invalid text");
    expect_invalid("s://p?x=%ED%A0%80", "invalid text");
    expect_invalid("s://p?x=a%00b", "invalid text");
}

static void test_clear_is_idempotent(void)
{
    cs_secret_uri uri = CS_SECRET_URI_INIT;
    cs_secret_uri_clear(&uri);
    cs_secret_uri_clear(NULL);
    CU_ASSERT_PTR_NULL(uri.provider);
    CU_ASSERT_PTR_NULL(cs_secret_uri_extra_value(NULL, "x"));
}

static void expect_payload(const char *text, size_t len, cs_secret_encoding encoding,
                           const void *expected, size_t expected_len)
{
    unsigned char *out = NULL;
    size_t out_len = 0;
    cs_secret_error err = {0};
    CU_ASSERT_EQUAL_FATAL(cs_secret_payload_normalize(text, len, encoding, &out, &out_len, &err),
                          CS_SECRET_OK);
    CU_ASSERT_EQUAL(out_len, expected_len);
    CU_ASSERT_EQUAL(memcmp(out, expected, expected_len), 0);
    CU_ASSERT_EQUAL(out[out_len], 0);
    cs_secret_bytes_free(out, out_len);
}

static void test_payload_encodings(void)
{
    expect_payload("h\xC3\xA9llo", 6, CS_SECRET_ENCODING_UTF8, "h\xC3\xA9llo", 6);
    expect_payload("\x00\xFF\x01", 3, CS_SECRET_ENCODING_BYTES, "\x00\xFF\x01", 3);
    expect_payload("aGVsbG8=", 8, CS_SECRET_ENCODING_BASE64, "hello", 5);
    expect_payload("aGVsbG8", 7, CS_SECRET_ENCODING_BASE64, "hello", 5);
    expect_payload("aGVs\nbG8=\n", 10, CS_SECRET_ENCODING_BASE64, "hello", 5);
    expect_payload("_-8", 3, CS_SECRET_ENCODING_BASE64, "\xFF\xEF", 2);
    /* latin-1: U+00E9 -> 0xE9, U+0101 -> 0x01, U+1F600 -> surrogates D83D DE00 -> 3D 00. */
    expect_payload("\xC3\xA9\xC4\x81\xF0\x9F\x98\x80", 8, CS_SECRET_ENCODING_BINARY,
                   "\xE9\x01\x3D\x00", 4);
    expect_payload("", 0, CS_SECRET_ENCODING_UTF8, "", 0);
}

static void test_payload_errors(void)
{
    unsigned char *out = NULL;
    size_t out_len = 0;
    cs_secret_error err = {0};
    CU_ASSERT_EQUAL(cs_secret_payload_normalize("not base64!", 11, CS_SECRET_ENCODING_BASE64,
                                                &out, &out_len, &err), CS_SECRET_INVALID);
    CU_ASSERT_PTR_NULL(out);
    CU_ASSERT_PTR_NOT_NULL(strstr(err.message, "base64"));
    CU_ASSERT_PTR_NULL(strstr(err.message, "not base64!"));
    CU_ASSERT_EQUAL(cs_secret_payload_normalize("\xFF", 1, CS_SECRET_ENCODING_UTF8, &out, &out_len,
                                                &err), CS_SECRET_INVALID);
    CU_ASSERT_EQUAL(cs_secret_payload_normalize("\xC3", 1, CS_SECRET_ENCODING_BINARY, &out,
                                                &out_len, &err), CS_SECRET_INVALID);
    CU_ASSERT_EQUAL(cs_secret_payload_normalize(NULL, 3, CS_SECRET_ENCODING_BYTES, &out, &out_len,
                                                &err), CS_SECRET_INVALID);
}

static void test_encoding_names(void)
{
    CU_ASSERT_EQUAL(cs_secret_encoding_from_name("base64"), CS_SECRET_ENCODING_BASE64);
    CU_ASSERT_EQUAL(cs_secret_encoding_from_name("binary"), CS_SECRET_ENCODING_BINARY);
    CU_ASSERT_EQUAL(cs_secret_encoding_from_name("utf-8"), CS_SECRET_ENCODING_UTF8);
    CU_ASSERT_EQUAL(cs_secret_encoding_from_name(NULL), CS_SECRET_ENCODING_UTF8);
    CU_ASSERT_EQUAL(cs_secret_encoding_from_name("hex"), CS_SECRET_ENCODING_UTF8);
}

int main(void)
{
    CU_TestInfo tests[] = {
        {"ContractSpec example", test_contractspec_example},
        {"extras absent versus empty", test_extras_absent_versus_empty},
        {"query pieces and duplicate keys", test_query_pieces},
        {"percent decoding", test_percent_decoding},
        {"ContractSpec INVALID forms", test_contractspec_invalid_forms},
        {"truncations and bad escapes are INVALID", test_fixed_truncations_are_invalid},
        {"clear is idempotent", test_clear_is_idempotent},
        {"payload encodings", test_payload_encodings},
        {"payload errors", test_payload_errors},
        {"encoding names", test_encoding_names},
        CU_TEST_INFO_NULL,
    };
    return support_run_suite("secret_uri", tests);
}
