/* Telemetry: JSON line format, JSON-lines emitter, fan-out, null emitter, clock. */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <CUnit/Basic.h>

#include "contractc/telemetry.h"
#include "fakes.h"

static cs_telemetry_event full_event(void)
{
    static const cs_telemetry_meta metadata[] = {
        {"blueprint", CS_TELEMETRY_STRING, "bp.v1.0.0", 0, false},
        {"attempt", CS_TELEMETRY_NUMBER, NULL, 2, false},
        {"cached", CS_TELEMETRY_BOOL, NULL, 0, true},
    };
    cs_telemetry_event event = {
        .tenant_id = "t1", .app_id = "app1", .environment = "production", .slot_id = "payments",
        .integration_key = "payments.stripe", .integration_version = "2.0.0", .connection_id = "c1",
        .status = CS_TELEMETRY_ERROR, .has_duration = true, .duration_ms = 12.5,
        .error_code = "rate_limited", .error_message = "slow \"down\"\n",
        .occurred_at_ms = 1767225600123, .metadata = metadata, .metadata_count = 3,
    };
    return event;
}

static void test_line_format_and_key_order(void)
{
    cs_telemetry_event event = full_event();
    char line[1024];
    size_t length = cs_telemetry_event_to_json(&event, line, sizeof line);
    const char *expected =
        "{\"tenantId\":\"t1\",\"appId\":\"app1\",\"environment\":\"production\",\"slotId\":\"payments\","
        "\"integrationKey\":\"payments.stripe\",\"integrationVersion\":\"2.0.0\",\"connectionId\":\"c1\","
        "\"status\":\"error\",\"durationMs\":12.5,\"errorCode\":\"rate_limited\","
        "\"errorMessage\":\"slow \\\"down\\\"\\n\",\"occurredAt\":\"2026-01-01T00:00:00.123Z\","
        "\"metadata\":{\"blueprint\":\"bp.v1.0.0\",\"attempt\":2,\"cached\":true}}\n";
    CU_ASSERT_STRING_EQUAL(line, expected);
    CU_ASSERT_EQUAL(length, strlen(expected));
}

static void test_optional_fields_omitted(void)
{
    cs_telemetry_event event = {
        .tenant_id = "t", .app_id = "a", .integration_key = "k", .integration_version = "1",
        .connection_id = "c", .status = CS_TELEMETRY_SUCCESS, .occurred_at_ms = 0,
    };
    char line[512];
    cs_telemetry_event_to_json(&event, line, sizeof line);
    CU_ASSERT_STRING_EQUAL(line, "{\"tenantId\":\"t\",\"appId\":\"a\",\"integrationKey\":\"k\","
                                 "\"integrationVersion\":\"1\",\"connectionId\":\"c\",\"status\":\"success\","
                                 "\"occurredAt\":\"1970-01-01T00:00:00.000Z\"}\n");
}

static void test_escaping_and_invalid_utf8(void)
{
    cs_telemetry_event event = full_event();
    event.metadata_count = 0;
    event.error_message = "a\x01" "b\\c\t\xc3\xa9\xff";
    char line[1024];
    cs_telemetry_event_to_json(&event, line, sizeof line);
    CU_ASSERT_PTR_NOT_NULL(strstr(line, "\"errorMessage\":\"a\\u0001b\\\\c\\t\xc3\xa9\\ufffd\""));
    cJSON *parsed = cJSON_Parse(line);
    CU_ASSERT_PTR_NOT_NULL(parsed);
    cJSON_Delete(parsed);
}

static void test_truncation_reports_full_length(void)
{
    cs_telemetry_event event = full_event();
    char small[16];
    char big[1024];
    size_t needed = cs_telemetry_event_to_json(&event, small, sizeof small);
    CU_ASSERT_EQUAL(needed, cs_telemetry_event_to_json(&event, big, sizeof big));
    CU_ASSERT_EQUAL(strlen(small), sizeof small - 1);
    CU_ASSERT_EQUAL(strncmp(small, big, sizeof small - 1), 0);
}

static void test_numbers_and_times(void)
{
    cs_telemetry_event event = full_event();
    event.metadata_count = 0;
    double durations[] = {0, 530, 0.25, 1e21};
    const char *expected[] = {"\"durationMs\":0,", "\"durationMs\":530,", "\"durationMs\":0.25,",
                              "\"durationMs\":1e+21,"};
    char line[1024];
    for (size_t i = 0; i < 4; i++) {
        event.duration_ms = durations[i];
        cs_telemetry_event_to_json(&event, line, sizeof line);
        CU_ASSERT_PTR_NOT_NULL(strstr(line, expected[i]));
    }
    int64_t times[] = {951782400999, -1, 253402300799999};
    const char *iso[] = {"2000-02-29T00:00:00.999Z", "1969-12-31T23:59:59.999Z", "9999-12-31T23:59:59.999Z"};
    for (size_t i = 0; i < 3; i++) {
        event.occurred_at_ms = times[i];
        cs_telemetry_event_to_json(&event, line, sizeof line);
        CU_ASSERT_PTR_NOT_NULL(strstr(line, iso[i]));
    }
}

/* Reads every line of a memory stream's buffer and checks each is JSON. */
static size_t count_json_lines(const char *buffer)
{
    size_t lines = 0;
    const char *cursor = buffer;
    while (*cursor) {
        const char *newline = strchr(cursor, '\n');
        CU_ASSERT_PTR_NOT_NULL_FATAL(newline);
        cJSON *parsed = cJSON_ParseWithLength(cursor, (size_t)(newline - cursor));
        CU_ASSERT_TRUE(cJSON_IsObject(parsed));
        cJSON_Delete(parsed);
        lines++;
        cursor = newline + 1;
    }
    return lines;
}

static void test_jsonl_stream(void)
{
    char *buffer = NULL;
    size_t size = 0;
    FILE *stream = open_memstream(&buffer, &size);
    cs_telemetry_emitter *emitter = cs_telemetry_jsonl_new(stream, false);
    CU_ASSERT_PTR_NOT_NULL_FATAL(emitter);
    cs_telemetry_event event = full_event();
    CU_ASSERT_TRUE(cs_telemetry_record(emitter, &event));
    /* a message longer than the stack line goes through the heap */
    char long_message[3000];
    memset(long_message, 'm', sizeof long_message - 1);
    long_message[sizeof long_message - 1] = '\0';
    event.error_message = long_message;
    CU_ASSERT_TRUE(cs_telemetry_record(emitter, &event));
    cs_telemetry_emitter_destroy(emitter);
    fclose(stream);
    CU_ASSERT_EQUAL(count_json_lines(buffer), 2);
    CU_ASSERT_PTR_NOT_NULL(strstr(buffer, long_message));
    free(buffer);
    CU_ASSERT_PTR_NULL(cs_telemetry_jsonl_new(NULL, false));
}

static void test_jsonl_path(void)
{
    char dir[] = "/tmp/cs_telemetry_XXXXXX";
    CU_ASSERT_PTR_NOT_NULL_FATAL(mkdtemp(dir));
    char path[128];
    snprintf(path, sizeof path, "%s/events.jsonl", dir);
    cs_telemetry_event event = full_event();
    for (int round = 0; round < 2; round++) {   /* the second open appends */
        cs_error err;
        cs_telemetry_emitter *emitter = cs_telemetry_jsonl_open(path, &err);
        CU_ASSERT_PTR_NOT_NULL_FATAL(emitter);
        CU_ASSERT_TRUE(cs_telemetry_record(emitter, &event));
        cs_telemetry_emitter_destroy(emitter);
    }
    struct stat info;
    CU_ASSERT_EQUAL(stat(path, &info), 0);
    CU_ASSERT_EQUAL(info.st_mode & 0777, 0600);
    FILE *file = fopen(path, "r");
    char content[4096] = {0};
    size_t got = fread(content, 1, sizeof content - 1, file);
    fclose(file);
    content[got] = '\0';
    CU_ASSERT_EQUAL(count_json_lines(content), 2);
    unlink(path);
    rmdir(dir);

    cs_error err;
    CU_ASSERT_PTR_NULL(cs_telemetry_jsonl_open("/nonexistent-dir-cs/x.jsonl", &err));
    CU_ASSERT_EQUAL(err.code, CS_STATUS_IO_ERROR);
    CU_ASSERT_PTR_NOT_NULL(strstr(err.message, "/nonexistent-dir-cs/x.jsonl"));
    CU_ASSERT_PTR_NULL(cs_telemetry_jsonl_open(NULL, &err));
    CU_ASSERT_EQUAL(err.code, CS_STATUS_INVALID_ARGUMENT);
}

static void test_fanout(void)
{
    capture_emitter first, second;
    capture_init(&first);
    capture_init(&second);
    first.fail = true;
    cs_telemetry_emitter *children[] = {&first.base, &second.base};
    cs_telemetry_emitter *fanout = cs_telemetry_fanout_new(children, 2, false);
    CU_ASSERT_PTR_NOT_NULL_FATAL(fanout);
    cs_telemetry_event event = full_event();
    /* the failing first child does not stop the second */
    CU_ASSERT_FALSE(cs_telemetry_record(fanout, &event));
    CU_ASSERT_EQUAL(first.count, 1);
    CU_ASSERT_EQUAL(second.count, 1);
    CU_ASSERT_STRING_EQUAL(second.events[0].error_code, "rate_limited");
    first.fail = false;
    CU_ASSERT_TRUE(cs_telemetry_record(fanout, &event));
    cs_telemetry_emitter_destroy(fanout);
    capture_clear(&first);
    capture_clear(&second);

    /* an owning fan-out destroys its children (checked under valgrind) */
    char *buffer = NULL;
    size_t size = 0;
    FILE *stream = open_memstream(&buffer, &size);
    cs_telemetry_emitter *owned[] = {cs_telemetry_jsonl_new(stream, true), cs_telemetry_null_emitter()};
    fanout = cs_telemetry_fanout_new(owned, 2, true);
    CU_ASSERT_TRUE(cs_telemetry_record(fanout, &event));
    cs_telemetry_emitter_destroy(fanout);
    CU_ASSERT_EQUAL(count_json_lines(buffer), 1);
    free(buffer);
    CU_ASSERT_PTR_NULL(cs_telemetry_fanout_new(NULL, 1, false));
    fanout = cs_telemetry_fanout_new(NULL, 0, false);
    CU_ASSERT_TRUE(cs_telemetry_record(fanout, &event));
    cs_telemetry_emitter_destroy(fanout);
}

static void test_null_emitters(void)
{
    cs_telemetry_event event = full_event();
    CU_ASSERT_TRUE(cs_telemetry_record(NULL, &event));
    CU_ASSERT_TRUE(cs_telemetry_record(cs_telemetry_null_emitter(), &event));
    CU_ASSERT_PTR_EQUAL(cs_telemetry_null_emitter(), cs_telemetry_null_emitter());
    cs_telemetry_emitter_destroy(cs_telemetry_null_emitter());
    cs_telemetry_emitter_destroy(NULL);
    CU_ASSERT_STRING_EQUAL(cs_telemetry_status_name(CS_TELEMETRY_SUCCESS), "success");
    CU_ASSERT_STRING_EQUAL(cs_telemetry_status_name(CS_TELEMETRY_ERROR), "error");
}

static void test_system_clock_and_injection(void)
{
    uint64_t before = cs_clock_monotonic_ns(NULL);
    cs_clock_sleep_ms(NULL, 2);
    uint64_t after = cs_clock_monotonic_ns(NULL);
    CU_ASSERT_TRUE(after - before >= 2000000u);
    CU_ASSERT_TRUE(cs_clock_now_ms(NULL) > 1700000000000);   /* after 2023 */
    fake_clock fake;
    fake_clock_init(&fake);
    cs_clock clock = fake_clock_bind(&fake);
    CU_ASSERT_EQUAL(cs_clock_now_ms(&clock), fake.now_ms);
    cs_clock_sleep_ms(&clock, 0);   /* zero never reaches the sleep function */
    CU_ASSERT_EQUAL(fake.sleeps, 0);
    cs_clock_sleep_ms(&clock, 40);
    CU_ASSERT_EQUAL(fake.sleeps, 1);
    CU_ASSERT_EQUAL(cs_clock_monotonic_ns(&clock), 1000000000u + 40000000u);
}

int main(void)
{
    CU_TestInfo tests[] = {
        {"line format and stable key order", test_line_format_and_key_order},
        {"optional fields omitted", test_optional_fields_omitted},
        {"escaping and invalid UTF-8", test_escaping_and_invalid_utf8},
        {"truncation reports the full length", test_truncation_reports_full_length},
        {"numbers and ISO-8601 times", test_numbers_and_times},
        {"JSON lines to a stream", test_jsonl_stream},
        {"JSON lines to a path (0600, append)", test_jsonl_path},
        {"fan-out", test_fanout},
        {"null emitters", test_null_emitters},
        {"system clock and injection", test_system_clock_and_injection},
        CU_TEST_INFO_NULL,
    };
    return support_run_suite("telemetry", tests);
}
