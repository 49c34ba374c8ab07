/* Allocation-failure injection for runtime_core_alloc_failures: the test
 * links with -Wl,--wrap=malloc,--wrap=calloc,--wrap=realloc, so every
 * allocation made by the runtime's (static) objects goes through these. */
#ifndef RUNTIME_CORE_ALLOC_INJECT_H
#define RUNTIME_CORE_ALLOC_INJECT_H

#include <stdbool.h>
#include <stddef.h>

/* Fail the n-th allocation from now (0 = the next one); -1: never. */
void alloc_fail_at(long n);
/* True once the armed failure has been delivered. */
bool alloc_failure_delivered(void);

void *__wrap_malloc(size_t size);
void *__wrap_calloc(size_t count, size_t size);
void *__wrap_realloc(void *pointer, size_t size);
void *__real_malloc(size_t size);
void *__real_calloc(size_t count, size_t size);
void *__real_realloc(void *pointer, size_t size);

#endif
