/* Unit tests: suggest_closest ("did you mean") and semver parsing and
 * precedence. */
#include <CUnit/Basic.h>
#include <stdlib.h>
#include <string.h>

#include "semver.h"
#include "suggest.h"
#include "values_test_main.h"

static const char *const model_keys[] = {"type", "isOptional", "isArray", "defaultValue",
                                         "description"};
#define MODEL_KEY_COUNT (sizeof model_keys / sizeof model_keys[0])

static void test_suggest_one_deletion(void)
{
    CU_ASSERT_STRING_EQUAL(suggest_closest("descripton", model_keys, MODEL_KEY_COUNT),
                           "description");
}

static void test_suggest_transposition_counts_once(void)
{
    /* "tpye" is one transposition away from "type" */
    CU_ASSERT_STRING_EQUAL(suggest_closest("tpye", model_keys, MODEL_KEY_COUNT), "type");
    CU_ASSERT_STRING_EQUAL(suggest_closest("isOptinoal", model_keys, MODEL_KEY_COUNT),
                           "isOptional");
}

static void test_suggest_ignores_case(void)
{
    CU_ASSERT_STRING_EQUAL(suggest_closest("isoptional", model_keys, MODEL_KEY_COUNT),
                           "isOptional");
    CU_ASSERT_STRING_EQUAL(suggest_closest("DEFAULTVALUE", model_keys, MODEL_KEY_COUNT),
                           "defaultValue");
}

static void test_suggest_rejects_far_words(void)
{
    CU_ASSERT_PTR_NULL(suggest_closest("required", model_keys, MODEL_KEY_COUNT));
    CU_ASSERT_PTR_NULL(suggest_closest("x", model_keys, MODEL_KEY_COUNT));
    /* "tags" vs "type": distance 3, over the limit of 1 for a 4-letter word */
    CU_ASSERT_PTR_NULL(suggest_closest("tags", model_keys, MODEL_KEY_COUNT));
}

static void test_suggest_threshold_is_a_third_of_the_length(void)
{
    static const char *const scalars[] = {"String_unsecure", "Int_unsecure", "DateTime"};
    /* 6 letters: 2 edits allowed */
    static const char *const six[] = {"abcdef"};
    CU_ASSERT_STRING_EQUAL(suggest_closest("abcxyf", six, 1), "abcdef");
    CU_ASSERT_PTR_NULL(suggest_closest("abxyzf", six, 1));
    CU_ASSERT_STRING_EQUAL(suggest_closest("Datetime", scalars, 3), "DateTime");
    CU_ASSERT_STRING_EQUAL(suggest_closest("String_unsecur", scalars, 3), "String_unsecure");
}

static void test_suggest_prefers_closest_then_first(void)
{
    static const char *const names[] = {"ConnectionMode", "ConnectionModel", "ConnectionModels"};
    CU_ASSERT_STRING_EQUAL(suggest_closest("ConnectionModel", names, 3), "ConnectionModel");
    static const char *const tie[] = {"abcx", "abcy"};
    CU_ASSERT_STRING_EQUAL(suggest_closest("abcz", tie, 2), "abcx");
}

static void test_suggest_handles_empty_and_null(void)
{
    static const char *const with_null[] = {NULL, "", "type"};
    CU_ASSERT_PTR_NULL(suggest_closest(NULL, model_keys, MODEL_KEY_COUNT));
    CU_ASSERT_PTR_NULL(suggest_closest("type", NULL, 3));
    CU_ASSERT_STRING_EQUAL(suggest_closest("typ", with_null, 3), "type");
    CU_ASSERT_PTR_NULL(suggest_closest("typ", model_keys, 0));
    /* the empty word is 1 edit from a 1-letter candidate */
    static const char *const one[] = {"a"};
    CU_ASSERT_STRING_EQUAL(suggest_closest("", one, 1), "a");
}

static void test_suggest_long_word_is_bounded(void)
{
    size_t n = 100000;
    char *big = malloc(n + 1);
    CU_ASSERT_FATAL(big != NULL);
    memset(big, 'a', n);
    big[n] = '\0';
    CU_ASSERT_PTR_NULL(suggest_closest(big, model_keys, MODEL_KEY_COUNT));
    free(big);
}

/* ------------------------------------------------------------- semver */

static void test_semver_parses_parts(void)
{
    semver v;
    CU_ASSERT_TRUE_FATAL(semver_parse("1.22.333", &v));
    CU_ASSERT_EQUAL(v.major, 1);
    CU_ASSERT_EQUAL(v.minor, 22);
    CU_ASSERT_EQUAL(v.patch, 333);
    CU_ASSERT_PTR_NULL(v.prerelease);
    CU_ASSERT_TRUE_FATAL(semver_parse("1.0.0-alpha.1+build.7", &v));
    CU_ASSERT_EQUAL(v.prerelease_len, 7);
    CU_ASSERT_EQUAL(strncmp(v.prerelease, "alpha.1", v.prerelease_len), 0);
    CU_ASSERT_TRUE(semver_parse("0.0.0", &v));
    CU_ASSERT_TRUE(semver_parse("1.0.0+001", &v));          /* build may have leading zeros */
    CU_ASSERT_TRUE(semver_parse("1.0.0-x-y.0a", &v));
    CU_ASSERT_TRUE(semver_parse("18446744073709551615.0.0", &v));
}

static void test_semver_rejects_malformed(void)
{
    static const char *const bad[] = {
        "", "1", "1.0", "1.0.0.0", "01.0.0", "1.02.0", "1.0.00", "v1.0.0", "1.0.0-",
        "1.0.0-01", "1.0.0-a..b", "1.0.0+", "1.0.0+a_b", "1.0.0 ", " 1.0.0", "1.0.0-é",
        "2024-11-20.acacia", "18446744073709551616.0.0", "1.-1.0", "1.0.0-alpha+b+c",
    };
    semver v;
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        if (semver_parse(bad[i], &v))
            CU_FAIL(bad[i]);
    }
    CU_ASSERT_FALSE(semver_parse(NULL, &v));
    CU_ASSERT_FALSE(semver_parse("1.0.0", NULL));
}

static int cmp(const char *a, const char *b)
{
    semver va, vb;
    CU_ASSERT_TRUE_FATAL(semver_parse(a, &va));
    CU_ASSERT_TRUE_FATAL(semver_parse(b, &vb));
    return semver_compare(&va, &vb);
}

static void test_semver_precedence_chain(void)
{
    /* the example chain of semver.org, section 11 */
    static const char *const chain[] = {"1.0.0-alpha", "1.0.0-alpha.1", "1.0.0-alpha.beta",
                                        "1.0.0-beta", "1.0.0-beta.2", "1.0.0-beta.11",
                                        "1.0.0-rc.1", "1.0.0", "1.0.1", "1.1.0", "2.0.0",
                                        "10.0.0"};
    size_t n = sizeof chain / sizeof chain[0];
    for (size_t i = 0; i + 1 < n; i++) {
        CU_ASSERT_TRUE(cmp(chain[i], chain[i + 1]) < 0);
        CU_ASSERT_TRUE(cmp(chain[i + 1], chain[i]) > 0);
    }
}

static void test_semver_equal_ignores_build(void)
{
    CU_ASSERT_EQUAL(cmp("1.2.3+a", "1.2.3+b"), 0);
    CU_ASSERT_EQUAL(cmp("1.2.3-rc.1+x", "1.2.3-rc.1"), 0);
    CU_ASSERT_TRUE(cmp("1.0.0-100", "1.0.0-99") > 0);      /* numerically, not by text */
    CU_ASSERT_TRUE(cmp("1.0.0-1", "1.0.0-a") < 0);         /* numeric before alphanumeric */
    CU_ASSERT_TRUE(cmp("1.0.0-Z", "1.0.0-a") < 0);         /* ASCII order */
}

int main(void)
{
    static const values_test_case suggest_tests[] = {
        {"one deletion", test_suggest_one_deletion},
        {"transposition", test_suggest_transposition_counts_once},
        {"case-insensitive", test_suggest_ignores_case},
        {"far words", test_suggest_rejects_far_words},
        {"threshold", test_suggest_threshold_is_a_third_of_the_length},
        {"closest then first", test_suggest_prefers_closest_then_first},
        {"empty and NULL", test_suggest_handles_empty_and_null},
        {"long word", test_suggest_long_word_is_bounded},
        {NULL, NULL},
    };
    static const values_test_case semver_tests[] = {
        {"parts", test_semver_parses_parts},
        {"malformed", test_semver_rejects_malformed},
        {"precedence chain", test_semver_precedence_chain},
        {"build ignored, identifiers", test_semver_equal_ignores_build},
        {NULL, NULL},
    };
    static const values_test_suite suites[] = {
        {"suggest", suggest_tests},
        {"semver", semver_tests},
        {NULL, NULL},
    };
    return values_test_run(suites);
}
