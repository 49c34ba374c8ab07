/* loader: every allocation failure, one at a time.
 *
 * This program replaces malloc and friends (glibc lets a program do so and
 * then uses the replacement everywhere, libyaml included) with versions
 * that forward to glibc's own allocator but can fail the Nth call.  For
 * N = 0, 1, 2, ... it loads a spec that goes through every part of the
 * loader (anchors, aliases, big and small mappings, duplicates, several
 * documents, errors) and checks that nothing crashes, that the load says
 * it ran out of memory or still produced the right result, and that no
 * block is leaked: the count of live blocks returns to where it was.
 *
 * Skipped (exit 77) under AddressSanitizer and valgrind, which bring
 * their own allocators, and outside glibc. */
#define _GNU_SOURCE 1

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "alloc_inject.h"
#include "cnode.h"
#include "diag.h"

#if defined(__SANITIZE_ADDRESS__)
#define UNDER_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define UNDER_ASAN 1
#endif
#endif

#if defined(__GLIBC__) && !defined(UNDER_ASAN)
#define INJECTOR_AVAILABLE 1

extern void *__libc_malloc(size_t size);
extern void *__libc_calloc(size_t count, size_t size);
extern void *__libc_realloc(void *p, size_t size);
extern void *__libc_memalign(size_t alignment, size_t size);
extern void __libc_free(void *p);

static long live;  /* blocks allocated and not yet freed */

void *malloc(size_t size)
{
    if (alloc_inject_should_fail())
        return NULL;
    void *p = __libc_malloc(size);
    live += p != NULL;
    return p;
}

void *calloc(size_t count, size_t size)
{
    if (alloc_inject_should_fail())
        return NULL;
    void *p = __libc_calloc(count, size);
    live += p != NULL;
    return p;
}

void *realloc(void *old, size_t size)
{
    if (alloc_inject_should_fail())
        return NULL;
    void *p = __libc_realloc(old, size);
    if (old == NULL)
        live += p != NULL;
    else if (size == 0 && p == NULL)
        live--;
    return p;
}

void *aligned_alloc(size_t alignment, size_t size)
{
    if (alloc_inject_should_fail())
        return NULL;
    void *p = __libc_memalign(alignment, size);
    live += p != NULL;
    return p;
}

void free(void *p)
{
    if (p == NULL)
        return;
    live--;
    __libc_free(p);
}

static const char spec[] =
    "kind: model\n"
    "name: M\n"
    "base: &b {type: String_unsecure, isOptional: true}\n"
    "fields:\n"
    "  f01: *b\n  f02: *b\n  f03: *b\n  f04: *b\n  f05: *b\n  f06: *b\n"
    "  f07: *b\n  f08: *b\n  f09: *b\n  f10: *b\n  f11: *b\n  f12: *b\n"
    "  f13: *b\n  f14: *b\n  f15: *b\n  f16: *b\n  f17: *b\n  f01: *b\n"
    "tags: [a, 'b', 1, 2.5, true, ~]\n"
    "name: again\n"
    "---\n"
    "kind: enum\nname: E\nvalues: [A, B, *nowhere]\n"
    "---\n"
    "kind: enum\nname: F\nvalues: [A\n";

static const char expected[] =
    "spec.yaml:22:3: error: duplicate key 'f01'\n"
    "spec.yaml:5:3: note: first defined here\n"
    "spec.yaml:24:1: error: duplicate key 'name'\n"
    "spec.yaml:2:1: note: first defined here\n"
    "spec.yaml:28:16: error: undefined alias '*nowhere'\n"
    "spec.yaml:33:1: error: did not find expected ',' or ']'\n"
    "spec.yaml:32:9: note: while parsing a flow sequence\n";

/* Loads the spec; returns 1 when the result is the full, right one, 0 when
 * running out of memory was reported, -1 for any other result. */
static int run_once(void)
{
    load_set *set = load_set_new(NULL);
    diag_set *diags = diag_set_new();
    if (set == NULL || diags == NULL) {
        load_set_free(set);
        diag_set_free(diags);
        return 0;
    }
    bool ok = load_set_add_buffer(set, "spec.yaml", spec, sizeof(spec) - 1, diags);
    diag_sort(diags);
    char text[1024] = "";
    size_t used = 0;
    bool out_of_memory = false;
    for (size_t i = 0; i < diag_count(diags); i++) {
        const diag *d = diag_at(diags, i);
        out_of_memory |= strstr(d->message, "out of memory") != NULL;
        int n = diag_format(diags, d, text + used, sizeof(text) - used);
        if (n < 0 || (size_t)n + 2 >= sizeof(text) - used)
            break;
        used += (size_t)n;
        text[used++] = '\n';
        text[used] = '\0';
    }
    out_of_memory |= diag_lost_count(diags) > 0;
    int result = -1;  /* a wrong result nobody was told about */
    if (ok && !out_of_memory && strcmp(text, expected) == 0 && load_set_doc_count(set) == 2)
        result = 1;
    else if (out_of_memory || (!ok && diag_count(diags) == 0))
        result = 0;   /* reported, or nothing could be recorded at all */
    load_set_free(set);
    diag_set_free(diags);
    return result;
}
#endif /* INJECTOR_AVAILABLE */

int main(void)
{
#if !defined(INJECTOR_AVAILABLE)
    puts("allocation-failure injection needs glibc and no sanitizer: skipped");
    return 77;
#else
    const char *preload = getenv("LD_PRELOAD");
    if (preload != NULL && strstr(preload, "vgpreload") != NULL) {
        puts("under valgrind: skipped");
        return 77;
    }
    /* A clean run first: the spec must give exactly the expected result. */
    if (run_once() != 1) {
        fprintf(stderr, "the clean run gave a wrong result\n");
        return 1;
    }
    int problems = 0;
    long reported = 0;  /* runs that said they ran out of memory */
    long n;
    for (n = 0; n < 100000; n++) {
        long live_before = live;
        alloc_inject_fail_once(n);
        int result = run_once();
        alloc_inject_off();
        if (live != live_before) {
            fprintf(stderr, "failing allocation %ld: %ld blocks leaked\n", n, live - live_before);
            problems++;
        }
        reported += result == 0;
        if (result < 0) {
            fprintf(stderr, "failing allocation %ld: wrong result\n", n);
            problems++;
        }
        if (!alloc_inject_delivered()) {
            if (result != 1) {
                fprintf(stderr, "run %ld without a failure gave a wrong result\n", n);
                problems++;
            }
            break;
        }
    }
    printf("injected %ld allocation failures, %ld reported: %d problems\n", n, reported, problems);
    return problems == 0 ? 0 : 1;
#endif
}
