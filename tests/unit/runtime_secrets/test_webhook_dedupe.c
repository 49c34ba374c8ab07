/* The replay set: new/replay, eviction of the oldest, forget, threads. */
#include <pthread.h>
#include <stdio.h>
#include <string.h>

#include "contractc/webhook.h"
#include "secrets_support.h"

static void test_new_then_replay(void)
{
    cs_webhook_dedupe *set = cs_webhook_dedupe_new(4);
    CU_ASSERT_PTR_NOT_NULL_FATAL(set);
    CU_ASSERT_EQUAL(cs_webhook_dedupe_check(set, "stripe:evt_1"), CS_WEBHOOK_DEDUPE_NEW);
    CU_ASSERT_EQUAL(cs_webhook_dedupe_check(set, "stripe:evt_1"), CS_WEBHOOK_DEDUPE_REPLAY);
    CU_ASSERT_EQUAL(cs_webhook_dedupe_check(set, "github:evt_1"), CS_WEBHOOK_DEDUPE_NEW);
    CU_ASSERT_TRUE(cs_webhook_dedupe_contains(set, "stripe:evt_1"));
    CU_ASSERT_FALSE(cs_webhook_dedupe_contains(set, "stripe:evt_"));
    CU_ASSERT_EQUAL(cs_webhook_dedupe_count(set), 2);
    cs_webhook_dedupe_free(set);
}

static void test_oldest_is_evicted(void)
{
    cs_webhook_dedupe *set = cs_webhook_dedupe_new(3);
    cs_webhook_dedupe_check(set, "a");
    cs_webhook_dedupe_check(set, "b");
    cs_webhook_dedupe_check(set, "c");
    CU_ASSERT_EQUAL(cs_webhook_dedupe_count(set), 3);
    CU_ASSERT_EQUAL(cs_webhook_dedupe_check(set, "d"), CS_WEBHOOK_DEDUPE_NEW);
    CU_ASSERT_EQUAL(cs_webhook_dedupe_count(set), 3);
    CU_ASSERT_FALSE(cs_webhook_dedupe_contains(set, "a"));
    CU_ASSERT_TRUE(cs_webhook_dedupe_contains(set, "b"));
    CU_ASSERT_TRUE(cs_webhook_dedupe_contains(set, "d"));
    /* A replay does not refresh its age: b is still the oldest. */
    CU_ASSERT_EQUAL(cs_webhook_dedupe_check(set, "b"), CS_WEBHOOK_DEDUPE_REPLAY);
    cs_webhook_dedupe_check(set, "e");
    CU_ASSERT_FALSE(cs_webhook_dedupe_contains(set, "b"));
    /* The evicted id is new again. */
    CU_ASSERT_EQUAL(cs_webhook_dedupe_check(set, "a"), CS_WEBHOOK_DEDUPE_NEW);
    cs_webhook_dedupe_free(set);
}

static void test_capacity_one(void)
{
    cs_webhook_dedupe *set = cs_webhook_dedupe_new(1);
    CU_ASSERT_EQUAL(cs_webhook_dedupe_check(set, "x"), CS_WEBHOOK_DEDUPE_NEW);
    CU_ASSERT_EQUAL(cs_webhook_dedupe_check(set, "x"), CS_WEBHOOK_DEDUPE_REPLAY);
    CU_ASSERT_EQUAL(cs_webhook_dedupe_check(set, "y"), CS_WEBHOOK_DEDUPE_NEW);
    CU_ASSERT_EQUAL(cs_webhook_dedupe_check(set, "x"), CS_WEBHOOK_DEDUPE_NEW);
    CU_ASSERT_EQUAL(cs_webhook_dedupe_count(set), 1);
    cs_webhook_dedupe_free(set);
}

static void test_many_ids_stay_bounded(void)
{
    cs_webhook_dedupe *set = cs_webhook_dedupe_new(100);
    char id[32];
    for (int i = 0; i < 10000; i++) {
        snprintf(id, sizeof id, "evt_%d", i);
        CU_ASSERT_EQUAL(cs_webhook_dedupe_check(set, id), CS_WEBHOOK_DEDUPE_NEW);
    }
    CU_ASSERT_EQUAL(cs_webhook_dedupe_count(set), 100);
    for (int i = 9900; i < 10000; i++) {
        snprintf(id, sizeof id, "evt_%d", i);
        CU_ASSERT_TRUE(cs_webhook_dedupe_contains(set, id));
    }
    CU_ASSERT_FALSE(cs_webhook_dedupe_contains(set, "evt_9899"));
    cs_webhook_dedupe_free(set);
}

static void test_forget(void)
{
    cs_webhook_dedupe *set = cs_webhook_dedupe_new(3);
    cs_webhook_dedupe_check(set, "a");
    cs_webhook_dedupe_check(set, "b");
    CU_ASSERT_TRUE(cs_webhook_dedupe_forget(set, "a"));
    CU_ASSERT_FALSE(cs_webhook_dedupe_forget(set, "a"));
    CU_ASSERT_EQUAL(cs_webhook_dedupe_count(set), 1);
    CU_ASSERT_EQUAL(cs_webhook_dedupe_check(set, "a"), CS_WEBHOOK_DEDUPE_NEW);
    cs_webhook_dedupe_check(set, "c");
    cs_webhook_dedupe_check(set, "d");
    CU_ASSERT_TRUE(cs_webhook_dedupe_contains(set, "d"));
    CU_ASSERT_TRUE(cs_webhook_dedupe_count(set) <= 3);
    cs_webhook_dedupe_free(set);
}

static void test_errors(void)
{
    CU_ASSERT_PTR_NULL(cs_webhook_dedupe_new(0));
    cs_webhook_dedupe *set = cs_webhook_dedupe_new(2);
    CU_ASSERT_EQUAL(cs_webhook_dedupe_check(set, NULL), CS_WEBHOOK_DEDUPE_ERROR);
    CU_ASSERT_EQUAL(cs_webhook_dedupe_check(set, ""), CS_WEBHOOK_DEDUPE_ERROR);
    CU_ASSERT_EQUAL(cs_webhook_dedupe_check(NULL, "a"), CS_WEBHOOK_DEDUPE_ERROR);
    CU_ASSERT_FALSE(cs_webhook_dedupe_contains(NULL, "a"));
    CU_ASSERT_FALSE(cs_webhook_dedupe_forget(set, NULL));
    CU_ASSERT_EQUAL(cs_webhook_dedupe_count(NULL), 0);
    CU_ASSERT_EQUAL(cs_webhook_dedupe_count(set), 0);
    cs_webhook_dedupe_free(set);
    cs_webhook_dedupe_free(NULL);
}

typedef struct racer {
    cs_webhook_dedupe *set;
    int new_count;
} racer;

static void *race(void *arg)
{
    racer *self = arg;
    char id[32];
    for (int i = 0; i < 2000; i++) {
        snprintf(id, sizeof id, "evt_%d", i);
        if (cs_webhook_dedupe_check(self->set, id) == CS_WEBHOOK_DEDUPE_NEW)
            self->new_count++;
    }
    return NULL;
}

static void test_threads_accept_each_id_once(void)
{
    cs_webhook_dedupe *set = cs_webhook_dedupe_new(4096);
    pthread_t threads[4];
    racer racers[4];
    for (int i = 0; i < 4; i++) {
        racers[i] = (racer){set, 0};
        pthread_create(&threads[i], NULL, race, &racers[i]);
    }
    int total = 0;
    for (int i = 0; i < 4; i++) {
        pthread_join(threads[i], NULL);
        total += racers[i].new_count;
    }
    CU_ASSERT_EQUAL(total, 2000); /* every id processed exactly once */
    CU_ASSERT_EQUAL(cs_webhook_dedupe_count(set), 2000);
    cs_webhook_dedupe_free(set);
}

int main(void)
{
    CU_TestInfo tests[] = {
        {"new then replay", test_new_then_replay},
        {"the oldest is evicted", test_oldest_is_evicted},
        {"capacity one", test_capacity_one},
        {"many ids stay bounded", test_many_ids_stay_bounded},
        {"forget", test_forget},
        {"errors", test_errors},
        {"threads accept each id once", test_threads_accept_each_id_once},
        CU_TEST_INFO_NULL,
    };
    return support_run_suite("webhook_dedupe", tests);
}
