/* Secret payload parsing: ContractSpec's step 4 (JSON object members
 * stringified as JavaScript does; anything else one "secret" entry). */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <CUnit/Basic.h>

#include "contractc/guard.h"
#include "fakes.h"

static cs_secret_map parse_text(const char *text)
{
    cs_secret_map map = CS_SECRET_MAP_INIT;
    CU_ASSERT_EQUAL(cs_secret_map_parse((const unsigned char *)text, strlen(text), &map), CS_STATUS_OK);
    return map;
}

/* Asserts the map is exactly the single "secret" entry holding text. */
static void assert_whole(const char *text)
{
    cs_secret_map map = parse_text(text);
    CU_ASSERT_EQUAL_FATAL(map.count, 1);
    CU_ASSERT_STRING_EQUAL(map.entries[0].key, "secret");
    CU_ASSERT_STRING_EQUAL(map.entries[0].value, text);
    CU_ASSERT_EQUAL(map.entries[0].value_len, strlen(text));
    cs_secret_map_clear(&map);
}

static void test_object_members_stringified(void)
{
    cs_secret_map map = parse_text("{\"a\":\"x\",\"n\":1,\"f\":1.5,\"t\":true,\"F\":false}");
    CU_ASSERT_EQUAL_FATAL(map.count, 5);
    const char *keys[] = {"a", "n", "f", "t", "F"};
    const char *values[] = {"x", "1", "1.5", "true", "false"};
    for (size_t i = 0; i < 5; i++) {
        CU_ASSERT_STRING_EQUAL(map.entries[i].key, keys[i]);
        CU_ASSERT_STRING_EQUAL(map.entries[i].value, values[i]);
        CU_ASSERT_EQUAL(map.entries[i].value_len, strlen(values[i]));
    }
    CU_ASSERT_STRING_EQUAL(cs_secret_map_get(&map, "t"), "true");
    CU_ASSERT_PTR_NULL(cs_secret_map_get(&map, "missing"));
    cs_secret_map_clear(&map);
    CU_ASSERT_EQUAL(map.count, 0);
    CU_ASSERT_PTR_NULL(map.entries);
}

static void test_nested_arrays_nulls_dropped(void)
{
    cs_secret_map map = parse_text("{\"o\":{\"x\":[1,{\"y\":null}]},\"arr\":[1,\"s\"],\"z\":null,\"k\":\"v\"}");
    CU_ASSERT_EQUAL_FATAL(map.count, 1);
    CU_ASSERT_STRING_EQUAL(map.entries[0].key, "k");
    CU_ASSERT_STRING_EQUAL(map.entries[0].value, "v");
    cs_secret_map_clear(&map);
}

static void test_empty_object(void)
{
    cs_secret_map map = parse_text(" { } ");
    CU_ASSERT_EQUAL(map.count, 0);
    cs_secret_map_clear(&map);
}

static void test_non_objects_whole_text(void)
{
    assert_whole("sk_live_123");
    assert_whole("[1,2]");
    assert_whole("\"quoted\"");     /* a JSON string keeps its quotes */
    assert_whole("42");
    assert_whole("true");
    assert_whole("null");
    assert_whole("");
    assert_whole("{\"a\":1");       /* invalid JSON */
    assert_whole("{\"a\":1} x");    /* trailing text */
    assert_whole("{\"a\":01}");     /* leading zero */
    assert_whole("{\"a\":\"\\x\"}"); /* bad escape */
    assert_whole("{\"a\":\"tab\there\"}"); /* raw control character */
    assert_whole("{a:1}");
    assert_whole("{\"a\":1,}");
    assert_whole("{\"a\":[1,]}");
    assert_whole("{\"a\":tru}");
    assert_whole("{\"a\":-}");
    assert_whole("{\"a\":1.}");
    assert_whole("{\"a\":1e}");
}

static void test_whitespace_around_object(void)
{
    cs_secret_map map = parse_text("\n\t {\"a\" : \"b\" }\r\n");
    CU_ASSERT_EQUAL_FATAL(map.count, 1);
    CU_ASSERT_STRING_EQUAL(map.entries[0].value, "b");
    cs_secret_map_clear(&map);
}

static void test_string_escapes(void)
{
    cs_secret_map map = parse_text("{\"k\":\"a\\nb \\u00e9 \\ud83d\\ude00 \\\"q\\\" \\/ \\\\ \\t\",\"lone\":\"\\ud800x\"}");
    CU_ASSERT_EQUAL_FATAL(map.count, 2);
    CU_ASSERT_STRING_EQUAL(map.entries[0].value, "a\nb \xc3\xa9 \xf0\x9f\x98\x80 \"q\" / \\ \t");
    /* a lone surrogate becomes U+FFFD */
    CU_ASSERT_STRING_EQUAL(map.entries[1].value, "\xef\xbf\xbdx");
    cs_secret_map_clear(&map);
}

static void test_numbers_like_javascript(void)
{
    const char *inputs[] = {"1e2", "1.50", "-0", "1e21", "1e-7", "0.000001", "123456789012345678", "0.1",
                            "-2.5", "1E+3", "100000000000000000000", "5e-324", "1.7976931348623157e308"};
    const char *expected[] = {"100", "1.5", "0", "1e+21", "1e-7", "0.000001", "123456789012345680", "0.1",
                              "-2.5", "1000", "100000000000000000000", "5e-324", "1.7976931348623157e+308"};
    for (size_t i = 0; i < sizeof inputs / sizeof inputs[0]; i++) {
        char text[96];
        snprintf(text, sizeof text, "{\"n\":%s}", inputs[i]);
        cs_secret_map map = parse_text(text);
        CU_ASSERT_EQUAL_FATAL(map.count, 1);
        CU_ASSERT_STRING_EQUAL(map.entries[0].value, expected[i]);
        cs_secret_map_clear(&map);
    }
}

/* Numbers whose JavaScript text is much longer than their source. */
static void test_expanding_numbers(void)
{
    char text[1024];
    size_t used = (size_t)snprintf(text, sizeof text, "{");
    for (int i = 0; i < 30; i++)
        used += (size_t)snprintf(text + used, sizeof text - used, "%s\"k%d\":1e20", i ? "," : "", i);
    snprintf(text + used, sizeof text - used, "}");
    cs_secret_map map = parse_text(text);
    CU_ASSERT_EQUAL_FATAL(map.count, 30);
    for (size_t i = 0; i < 30; i++)
        CU_ASSERT_STRING_EQUAL(map.entries[i].value, "100000000000000000000");
    cs_secret_map_clear(&map);
    map = parse_text("{\"n\":-1.2345678901234567e-300,\"m\":-0.0000012345678901234567}");
    CU_ASSERT_EQUAL_FATAL(map.count, 2);
    CU_ASSERT_STRING_EQUAL(map.entries[0].value, "-1.2345678901234568e-300");
    CU_ASSERT_STRING_EQUAL(map.entries[1].value, "-0.0000012345678901234567");
    cs_secret_map_clear(&map);
}

/* Vectors produced by Node.js: String(JSON.parse(source)). */
static void test_numbers_against_node(void)
{
    static const char *const vectors[][2] = {
        {"0.1", "0.1"}, {"0.30000000000000004", "0.30000000000000004"}, {"1e21", "1e+21"},
        {"1e20", "100000000000000000000"}, {"123e-20", "1.23e-18"}, {"1.5e300", "1.5e+300"},
        {"2.5e-7", "2.5e-7"}, {"0.000001", "0.000001"}, {"0.0000001", "1e-7"},
        {"9007199254740993", "9007199254740992"}, {"4.35", "4.35"}, {"-7.0001e10", "-70001000000"},
        {"1.7976931348623157e308", "1.7976931348623157e+308"},
        {"2.2250738585072014e-308", "2.2250738585072014e-308"}, {"4.9e-324", "5e-324"}, {"1e100", "1e+100"},
        {"33.333333333333336", "33.333333333333336"}, {"0.1e1", "1"}, {"12345.6789e-3", "12.3456789"},
        {"5e-7", "5e-7"}, {"1.23456789012345678901234567890", "1.2345678901234567"},
    };
    for (size_t i = 0; i < sizeof vectors / sizeof vectors[0]; i++) {
        char text[96];
        snprintf(text, sizeof text, "{\"n\":%s}", vectors[i][0]);
        cs_secret_map map = parse_text(text);
        CU_ASSERT_EQUAL_FATAL(map.count, 1);
        CU_ASSERT_STRING_EQUAL(map.entries[0].value, vectors[i][1]);
        cs_secret_map_clear(&map);
    }
}

static void test_duplicate_keys_last_wins(void)
{
    cs_secret_map map = parse_text("{\"a\":\"1\",\"b\":\"2\",\"a\":\"3\"}");
    CU_ASSERT_EQUAL_FATAL(map.count, 2);
    CU_ASSERT_STRING_EQUAL(map.entries[0].key, "a");
    CU_ASSERT_STRING_EQUAL(map.entries[0].value, "3");
    CU_ASSERT_STRING_EQUAL(map.entries[1].key, "b");
    cs_secret_map_clear(&map);
    /* a later non-primitive value replaces (and so drops) the member */
    map = parse_text("{\"a\":\"1\",\"a\":{}}");
    CU_ASSERT_EQUAL(map.count, 0);
    cs_secret_map_clear(&map);
}

static void test_many_members_and_embedded_nul(void)
{
    char text[2048];
    size_t used = (size_t)snprintf(text, sizeof text, "{");
    for (int i = 0; i < 40; i++)
        used += (size_t)snprintf(text + used, sizeof text - used, "%s\"k%d\":%d", i ? "," : "", i, i);
    snprintf(text + used, sizeof text - used, "}");
    cs_secret_map map = parse_text(text);
    CU_ASSERT_EQUAL_FATAL(map.count, 40);
    CU_ASSERT_STRING_EQUAL(cs_secret_map_get(&map, "k39"), "39");
    cs_secret_map_clear(&map);

    const unsigned char raw[] = {'a', 0, 'b'};
    CU_ASSERT_EQUAL(cs_secret_map_parse(raw, sizeof raw, &map), CS_STATUS_OK);
    CU_ASSERT_EQUAL_FATAL(map.count, 1);
    CU_ASSERT_EQUAL(map.entries[0].value_len, 3);
    CU_ASSERT_EQUAL(memcmp(map.entries[0].value, raw, 3), 0);
    cs_secret_map_clear(&map);
}

/* Seen while writing fuzz_secret_map's wipe check: keys "a\u0000b" and
 * "a\u0000c" read as C strings were both "a", so they merged into one
 * member, and the bytes after the NUL were never wiped.  Such members are
 * dropped; members around them keep their values. */
static void test_keys_with_nul_dropped(void)
{
    cs_secret_map map = parse_text("{\"a\":\"plain\",\"a\\u0000b\":\"one\",\"a\\u0000c\":\"two\","
                                   "\"\\u0000\":\"three\",\"z\":\"last\"}");
    CU_ASSERT_EQUAL_FATAL(map.count, 2);
    CU_ASSERT_STRING_EQUAL(map.entries[0].key, "a");
    CU_ASSERT_STRING_EQUAL(map.entries[0].value, "plain");
    CU_ASSERT_STRING_EQUAL(map.entries[1].key, "z");
    CU_ASSERT_STRING_EQUAL(map.entries[1].value, "last");
    cs_secret_map_clear(&map);

    /* only such members: an empty map, not the whole text */
    map = parse_text("{\"k\\u0000\":\"v\"}");
    CU_ASSERT_EQUAL(map.count, 0);
    cs_secret_map_clear(&map);
}

/* xorshift: deterministic pseudo-random mutations */
static uint32_t next_random(uint32_t *state)
{
    uint32_t x = *state;
    x ^= x << 13;
    x ^= x >> 17;
    x ^= x << 5;
    return *state = x;
}

/* What JSON.parse would give for member `key` of a cJSON object: the last
 * duplicate wins. */
static const cJSON *last_member(const cJSON *object, const char *key)
{
    const cJSON *found = NULL;
    for (const cJSON *member = object->child; member; member = member->next) {
        if (strcmp(member->string, key) == 0)
            found = member;
    }
    return found;
}

/* Differential check against cJSON on mutated inputs: whatever our
 * stricter reader accepts as an object, cJSON must read as the same
 * object; whatever it rejects comes back as the whole text. */
static void test_random_inputs_against_cjson(void)
{
    static const char *const seeds[] = {
        "{\"apiKey\":\"sk_live_1\",\"n\":12.5,\"ok\":true,\"o\":{\"a\":[1,2,{\"b\":null}]},\"s\":\"\\u00e9\\n\"}",
        "{\"a\":\"1\",\"a\":\"2\",\"e\":-0.5e-3,\"f\":false,\"z\":null,\"arr\":[\"x\",true]}",
        " { \"k\" : \"v\" } ",
    };
    uint32_t state = 0x9e3779b9u;
    size_t accepted = 0;
    for (int round = 0; round < 20000; round++) {
        char text[256];
        const char *seed = seeds[round % 3];
        size_t len = strlen(seed);
        memcpy(text, seed, len + 1);
        int edits = 1 + (int)(next_random(&state) % 3);
        for (int e = 0; e < edits; e++) {
            size_t at = next_random(&state) % len;
            static const char alphabet[] = "{}[]\":,\\ 0123456789.-+eEtrufalsn\"u";
            text[at] = alphabet[next_random(&state) % (sizeof alphabet - 1)];
        }
        cs_secret_map map = CS_SECRET_MAP_INIT;
        CU_ASSERT_EQUAL_FATAL(cs_secret_map_parse((const unsigned char *)text, len, &map), CS_STATUS_OK);
        bool whole = map.count == 1 && strcmp(map.entries[0].key, "secret") == 0
                     && map.entries[0].value_len == len && memcmp(map.entries[0].value, text, len) == 0;
        cJSON *reference = cJSON_ParseWithLengthOpts(text, len + 1, NULL, true);
        if (!whole) {
            accepted++;
            CU_ASSERT_TRUE_FATAL(cJSON_IsObject(reference));
            for (size_t i = 0; i < map.count; i++) {
                const cJSON *member = last_member(reference, map.entries[i].key);
                CU_ASSERT_PTR_NOT_NULL_FATAL(member);
                if (cJSON_IsString(member)) {
                    CU_ASSERT_STRING_EQUAL(map.entries[i].value, member->valuestring);
                } else if (cJSON_IsNumber(member)) {
                    CU_ASSERT_EQUAL(strtod(map.entries[i].value, NULL), member->valuedouble);
                } else {
                    CU_ASSERT_STRING_EQUAL(map.entries[i].value, cJSON_IsTrue(member) ? "true" : "false");
                }
            }
        }
        cJSON_Delete(reference);
        cs_secret_map_clear(&map);
    }
    CU_ASSERT_TRUE(accepted > 100);   /* the mutations kept enough valid objects */
}

static void test_deep_nesting_and_arguments(void)
{
    char deep[2100];
    size_t used = (size_t)snprintf(deep, sizeof deep, "{\"a\":");
    for (int i = 0; i < 1000; i++)
        deep[used++] = '[';
    for (int i = 0; i < 1000; i++)
        deep[used++] = ']';
    snprintf(deep + used, sizeof deep - used, "}");
    assert_whole(deep);   /* nesting beyond the limit is rejected, not a crash */

    cs_secret_map map = CS_SECRET_MAP_INIT;
    CU_ASSERT_EQUAL(cs_secret_map_parse(NULL, 3, &map), CS_STATUS_INVALID_ARGUMENT);
    CU_ASSERT_EQUAL(cs_secret_map_parse((const unsigned char *)"x", 1, NULL), CS_STATUS_INVALID_ARGUMENT);
    cs_secret_map_clear(NULL);
    CU_ASSERT_PTR_NULL(cs_secret_map_get(NULL, "a"));
}

int main(void)
{
    CU_TestInfo tests[] = {
        {"object members stringified", test_object_members_stringified},
        {"nested values, arrays and nulls dropped", test_nested_arrays_nulls_dropped},
        {"empty object gives an empty map", test_empty_object},
        {"anything else is one 'secret' entry", test_non_objects_whole_text},
        {"whitespace around the object", test_whitespace_around_object},
        {"string escapes and surrogates", test_string_escapes},
        {"numbers formatted like JavaScript", test_numbers_like_javascript},
        {"numbers longer than their source", test_expanding_numbers},
        {"numbers against Node.js vectors", test_numbers_against_node},
        {"duplicate keys: last wins", test_duplicate_keys_last_wins},
        {"many members; embedded NUL", test_many_members_and_embedded_nul},
        {"keys holding U+0000 dropped", test_keys_with_nul_dropped},
        {"random inputs, differential against cJSON", test_random_inputs_against_cjson},
        {"deep nesting; invalid arguments", test_deep_nesting_and_arguments},
        CU_TEST_INFO_NULL,
    };
    return support_run_suite("guard_secrets", tests);
}
