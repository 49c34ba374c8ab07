/* arena: bump allocation over a singly linked list of blocks.
 *
 * Blocks grow from 64 KiB to 2 MiB, so a small arena stays small.  Blocks
 * of 2 MiB and more are 2 MiB-aligned and, on Linux, offered to the
 * kernel as transparent huge pages: a big tree then costs one page fault
 * per 2 MiB instead of one per 4 KiB, which measured a fifth of the
 * loader's time on the 12 MB benchmark corpus. */
#if defined(__linux__)
#define _DEFAULT_SOURCE 1   /* madvise */
#endif

#include "arena.h"

#include <stdalign.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#if defined(__linux__)
#include <sys/mman.h>
#endif

enum {
    ARENA_FIRST_BLOCK = 64 * 1024,
    ARENA_HUGE_BLOCK = 2 * 1024 * 1024
};

typedef struct arena_block {
    struct arena_block *next;
    size_t size;  /* usable bytes after the header */
    size_t used;
    alignas(max_align_t) unsigned char data[];
} arena_block;

struct arena {
    arena_block *head;      /* the block bumps come from; big blocks go behind it */
    size_t next_block_size; /* total bytes of the next regular block */
    size_t bytes_used;
};

arena *arena_new(void)
{
    arena *a = calloc(1, sizeof(arena));
    if (a != NULL)
        a->next_block_size = ARENA_FIRST_BLOCK;
    return a;
}

void arena_free(arena *a)
{
    if (a == NULL)
        return;
    arena_block *block = a->head;
    while (block != NULL) {
        arena_block *next = block->next;
        free(block);
        block = next;
    }
    free(a);
}

static size_t align_up(size_t n, size_t align)
{
    return (n + align - 1) & ~(align - 1);
}

/* A block whose total size (header included) is at least total. */
static arena_block *block_new(size_t total)
{
    arena_block *block;
    if (total >= ARENA_HUGE_BLOCK) {
        if (total > SIZE_MAX - ARENA_HUGE_BLOCK)
            return NULL;
        total = align_up(total, ARENA_HUGE_BLOCK);
        block = aligned_alloc(ARENA_HUGE_BLOCK, total);
#if defined(__linux__) && defined(MADV_HUGEPAGE)
        if (block != NULL)
            (void)madvise(block, total, MADV_HUGEPAGE);  /* a hint: failure is harmless */
#endif
    } else {
        block = malloc(total);
    }
    if (block == NULL)
        return NULL;
    block->next = NULL;
    block->size = total - sizeof(arena_block);
    block->used = 0;
    return block;
}

/* Strings need no alignment: packing them saves a tenth of a tree's
 * memory, so the bump takes the alignment as a parameter. */
static void *arena_bump(arena *a, size_t size, size_t align)
{
    if (size > SIZE_MAX / 4)
        return NULL;
    if (size == 0)
        size = 1;
    arena_block *head = a->head;
    if (head != NULL) {
        size_t start = align_up(head->used, align);
        if (start <= head->size && head->size - start >= size) {
            head->used = start + size;
            a->bytes_used += size;
            return head->data + start;
        }
    }
    size_t needed = sizeof(arena_block) + align_up(size, alignof(max_align_t));
    /* A large request gets a block of its own, linked behind the current
     * head so the head's free space is not wasted. */
    if (needed > a->next_block_size / 4 && head != NULL) {
        arena_block *big = block_new(needed);
        if (big == NULL)
            return NULL;
        big->used = size;
        big->next = head->next;
        head->next = big;
        a->bytes_used += size;
        return big->data;
    }
    arena_block *block = block_new(needed > a->next_block_size ? needed : a->next_block_size);
    if (block == NULL)
        return NULL;
    if (a->next_block_size < ARENA_HUGE_BLOCK)
        a->next_block_size *= 2;
    block->next = head;
    a->head = block;
    block->used = size;
    a->bytes_used += size;
    return block->data;
}

void *arena_alloc(arena *a, size_t size)
{
    return arena_bump(a, size, alignof(max_align_t));
}

void *arena_zalloc(arena *a, size_t size)
{
    void *p = arena_alloc(a, size);
    if (p != NULL)
        memset(p, 0, size);
    return p;
}

void *arena_calloc(arena *a, size_t count, size_t size)
{
    if (size != 0 && count > SIZE_MAX / size)
        return NULL;
    return arena_zalloc(a, count * size);
}

char *arena_strndup(arena *a, const char *s, size_t len)
{
    if (len == SIZE_MAX)
        return NULL;
    char *copy = arena_bump(a, len + 1, 1);
    if (copy == NULL)
        return NULL;
    if (len > 0)
        memcpy(copy, s, len);
    copy[len] = '\0';
    return copy;
}

char *arena_strdup(arena *a, const char *s)
{
    return arena_strndup(a, s, strlen(s));
}

size_t arena_bytes_used(const arena *a)
{
    return a->bytes_used;
}
