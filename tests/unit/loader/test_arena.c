/* arena: alignment, growth, big blocks, strings, overflow. */
#include <CUnit/Basic.h>
#include <stdalign.h>
#include <stdint.h>
#include <string.h>

#include "arena.h"
#include "loader_tests.h"

static void test_alignment_and_strings(void)
{
    arena *a = arena_new();
    CU_ASSERT_PTR_NOT_NULL_FATAL(a);
    char *s = arena_strndup(a, "a\0b", 3);
    CU_ASSERT_EQUAL(memcmp(s, "a\0b\0", 4), 0);
    void *p = arena_alloc(a, 1);
    CU_ASSERT_EQUAL((uintptr_t)p % alignof(max_align_t), 0);
    CU_ASSERT_STRING_EQUAL(arena_strdup(a, "hello"), "hello");
    void *q = arena_alloc(a, 8);
    CU_ASSERT_EQUAL((uintptr_t)q % alignof(max_align_t), 0);
    CU_ASSERT_PTR_NOT_EQUAL(arena_alloc(a, 0), arena_alloc(a, 0));
    CU_ASSERT_EQUAL(arena_bytes_used(a), 4 + 1 + 6 + 8 + 2);
    arena_free(a);
    arena_free(NULL);
}

static void test_growth_and_big_blocks(void)
{
    arena *a = arena_new();
    /* Many small allocations over several blocks stay intact. */
    int *values[20000];
    for (int i = 0; i < 20000; i++) {
        values[i] = arena_alloc(a, sizeof(int) * 8);
        CU_ASSERT_PTR_NOT_NULL_FATAL(values[i]);
        values[i][0] = i;
        values[i][7] = -i;
    }
    /* A big request (its own block) does not disturb the current one. */
    unsigned char *big = arena_zalloc(a, 5 * 1024 * 1024);
    CU_ASSERT_PTR_NOT_NULL_FATAL(big);
    CU_ASSERT_EQUAL(big[5 * 1024 * 1024 - 1], 0);
    memset(big, 0xAB, 5 * 1024 * 1024);
    int *after = arena_alloc(a, sizeof(int));
    *after = 42;
    int intact = 1;
    for (int i = 0; i < 20000; i++)
        intact &= values[i][0] == i && values[i][7] == -i;
    CU_ASSERT_TRUE(intact);
    CU_ASSERT_EQUAL(*after, 42);
    arena_free(a);
}

static void test_overflow_is_refused(void)
{
    arena *a = arena_new();
    CU_ASSERT_PTR_NULL(arena_calloc(a, SIZE_MAX / 2, 4));
    CU_ASSERT_PTR_NULL(arena_alloc(a, SIZE_MAX - 8));
    CU_ASSERT_PTR_NULL(arena_strndup(a, "", SIZE_MAX));
    int *zeros = arena_calloc(a, 100, sizeof(int));
    CU_ASSERT_PTR_NOT_NULL_FATAL(zeros);
    CU_ASSERT_EQUAL(zeros[0] | zeros[99], 0);
    arena_free(a);
}

void add_arena_suite(void)
{
    CU_pSuite suite = CU_add_suite("arena", NULL, NULL);
    CU_add_test(suite, "alignment_and_strings", test_alignment_and_strings);
    CU_add_test(suite, "growth_and_big_blocks", test_growth_and_big_blocks);
    CU_add_test(suite, "overflow_is_refused", test_overflow_is_refused);
}
