/* Status codes (X-macro table), errors, results and the version macros. */
#include <stdlib.h>
#include <string.h>

#include <CUnit/Basic.h>

#include "contractc/status.h"
#include "contractc/version.h"
#include "fakes.h"

static void test_names(void)
{
    CU_ASSERT_STRING_EQUAL(cs_status_name(CS_STATUS_OK), "OK");
    CU_ASSERT_STRING_EQUAL(cs_status_name(CS_STATUS_SLOT_NOT_BOUND), "SLOT_NOT_BOUND");
    CU_ASSERT_STRING_EQUAL(cs_status_name(CS_STATUS_CONNECTION_NOT_READY), "CONNECTION_NOT_READY");
    CU_ASSERT_STRING_EQUAL(cs_status_name(CS_STATUS_SECRET_UNAVAILABLE), "SECRET_UNAVAILABLE");
    CU_ASSERT_STRING_EQUAL(cs_status_name(CS_STATUS_PROVIDER_ERROR), "PROVIDER_ERROR");
    CU_ASSERT_STRING_EQUAL(cs_status_name(CS_STATUS_UNKNOWN_ERROR), "UNKNOWN_ERROR");
    CU_ASSERT_STRING_EQUAL(cs_status_name(CS_STATUS_HEALTH_TIMEOUT), "HEALTH_TIMEOUT");
    CU_ASSERT_STRING_EQUAL(cs_status_name((cs_status)-1), "UNKNOWN_ERROR");
    CU_ASSERT_STRING_EQUAL(cs_status_name(CS_STATUS_COUNT_), "UNKNOWN_ERROR");
}

static void test_round_trip(void)
{
    for (int i = 0; i < (int)CS_STATUS_COUNT_; i++) {
        cs_status back = CS_STATUS_COUNT_;
        CU_ASSERT_TRUE(cs_status_from_name(cs_status_name((cs_status)i), &back));
        CU_ASSERT_EQUAL(back, (cs_status)i);
        for (int j = 0; j < i; j++)
            CU_ASSERT_STRING_NOT_EQUAL(cs_status_name((cs_status)i), cs_status_name((cs_status)j));
    }
    cs_status untouched = CS_STATUS_OK;
    CU_ASSERT_FALSE(cs_status_from_name("card_declined", &untouched));
    CU_ASSERT_FALSE(cs_status_from_name("slot_not_bound", &untouched));
    CU_ASSERT_FALSE(cs_status_from_name(NULL, &untouched));
    CU_ASSERT_EQUAL(untouched, CS_STATUS_OK);
}

static void test_error_set(void)
{
    cs_error err;
    cs_error_set(&err, CS_STATUS_SCHEMA_ERROR, "/a/0", "bad %s %d", "thing", 3);
    CU_ASSERT_EQUAL(err.code, CS_STATUS_SCHEMA_ERROR);
    CU_ASSERT_STRING_EQUAL(err.pointer, "/a/0");
    CU_ASSERT_STRING_EQUAL(err.message, "bad thing 3");
    cs_error_set(&err, CS_STATUS_IO_ERROR, NULL, "x");
    CU_ASSERT_STRING_EQUAL(err.pointer, "");
    cs_error_set(NULL, CS_STATUS_IO_ERROR, NULL, "no crash");
}

static void test_ownership_modes(void)
{
    cs_ownership_mode mode = CS_OWNERSHIP_MANAGED;
    CU_ASSERT_STRING_EQUAL(cs_ownership_mode_name(CS_OWNERSHIP_MANAGED), "managed");
    CU_ASSERT_STRING_EQUAL(cs_ownership_mode_name(CS_OWNERSHIP_BYOK), "byok");
    CU_ASSERT_TRUE(cs_ownership_mode_from_name("byok", &mode));
    CU_ASSERT_EQUAL(mode, CS_OWNERSHIP_BYOK);
    CU_ASSERT_FALSE(cs_ownership_mode_from_name("BYOK", &mode));
    CU_ASSERT_FALSE(cs_ownership_mode_from_name(NULL, &mode));
}

static int opaque_frees;
static void count_free(void *opaque)
{
    opaque_frees++;
    CU_ASSERT_STRING_EQUAL((const char *)opaque, "payload");
}

static void test_result_lifecycle(void)
{
    cs_result result = CS_RESULT_INIT;
    CU_ASSERT_FALSE(result.success);
    CU_ASSERT_EQUAL(result.attempts, 0);
    result.success = true;
    result.data = cJSON_CreateObject();
    static char payload[] = "payload";
    result.opaque = payload;
    result.opaque_free = count_free;
    result.connection_id = malloc(3);
    memcpy(result.connection_id, "c1", 3);
    opaque_frees = 0;
    cs_result_clear(&result);
    CU_ASSERT_EQUAL(opaque_frees, 1);
    CU_ASSERT_PTR_NULL(result.data);
    CU_ASSERT_PTR_NULL(result.connection_id);
    CU_ASSERT_FALSE(result.success);
    cs_result_clear(&result);
    CU_ASSERT_EQUAL(opaque_frees, 1);
    cs_result_clear(NULL);

    cs_result failed;
    cs_result_init(&failed);
    snprintf(failed.error_code, sizeof failed.error_code, "SLOT_NOT_BOUND");
    CU_ASSERT_TRUE(cs_result_is(&failed, CS_STATUS_SLOT_NOT_BOUND));
    CU_ASSERT_FALSE(cs_result_is(&failed, CS_STATUS_PROVIDER_ERROR));
    failed.success = true;
    CU_ASSERT_FALSE(cs_result_is(&failed, CS_STATUS_SLOT_NOT_BOUND));
    CU_ASSERT_FALSE(cs_result_is(NULL, CS_STATUS_OK));
}

static void test_version(void)
{
    CU_ASSERT_EQUAL(cs_runtime_version_number(), CS_RUNTIME_VERSION_NUMBER);
    CU_ASSERT_EQUAL(CS_RUNTIME_VERSION_NUMBER,
                    CS_RUNTIME_VERSION_MAJOR * 10000 + CS_RUNTIME_VERSION_MINOR * 100 + CS_RUNTIME_VERSION_PATCH);
    char expected[32];
    snprintf(expected, sizeof expected, "%d.%d.%d", CS_RUNTIME_VERSION_MAJOR, CS_RUNTIME_VERSION_MINOR,
             CS_RUNTIME_VERSION_PATCH);
    CU_ASSERT_STRING_EQUAL(cs_runtime_version_string(), expected);
    CU_ASSERT_STRING_EQUAL(CS_RUNTIME_VERSION_STRING, expected);
}

int main(void)
{
    CU_TestInfo tests[] = {
        {"code names", test_names},
        {"names round-trip and are unique", test_round_trip},
        {"structured error", test_error_set},
        {"ownership mode names", test_ownership_modes},
        {"result init, clear, is", test_result_lifecycle},
        {"runtime version", test_version},
        CU_TEST_INFO_NULL,
    };
    return support_run_suite("status", tests);
}
