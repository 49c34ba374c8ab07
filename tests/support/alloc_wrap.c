/* Allocator hooks for programs linked with
 * -Wl,--wrap=malloc,--wrap=calloc,--wrap=realloc (the support_alloc_wrap
 * target adds these options): every allocation made by the statically
 * linked objects asks alloc_inject_should_fail first. */
#include <stddef.h>

#include "alloc_inject.h"

void *__real_malloc(size_t size);
void *__real_calloc(size_t count, size_t size);
void *__real_realloc(void *pointer, size_t size);
void *__wrap_malloc(size_t size);
void *__wrap_calloc(size_t count, size_t size);
void *__wrap_realloc(void *pointer, size_t size);

void *__wrap_malloc(size_t size)
{
    return alloc_inject_should_fail() ? NULL : __real_malloc(size);
}

void *__wrap_calloc(size_t count, size_t size)
{
    return alloc_inject_should_fail() ? NULL : __real_calloc(count, size);
}

void *__wrap_realloc(void *pointer, size_t size)
{
    return alloc_inject_should_fail() ? NULL : __real_realloc(pointer, size);
}
