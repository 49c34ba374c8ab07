/* arena: bump allocation over a singly linked list of blocks. */
#include "arena.h"

#include <stdalign.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

enum { ARENA_BLOCK_SIZE = 256 * 1024 };

typedef struct arena_block {
    struct arena_block *next;
    size_t size;  /* usable bytes after the header */
    size_t used;
    alignas(max_align_t) unsigned char data[];
} arena_block;

struct arena {
    arena_block *head;  /* the block bumps come from; big blocks go behind it */
    size_t bytes_used;
};

arena *arena_new(void)
{
    return calloc(1, sizeof(arena));
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

static arena_block *block_new(size_t size)
{
    if (size > SIZE_MAX - sizeof(arena_block))
        return NULL;
    arena_block *block = malloc(sizeof(arena_block) + size);
    if (block == NULL)
        return NULL;
    block->next = NULL;
    block->size = size;
    block->used = 0;
    return block;
}

/* Strings need no alignment: packing them saves a tenth of a tree's
 * memory, so the bump takes the alignment as a parameter. */
static void *arena_bump(arena *a, size_t size, size_t align)
{
    if (size > SIZE_MAX / 2)
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
    /* A large request gets its own block, linked behind the current head
     * so the head's free space is not wasted. */
    if (size > ARENA_BLOCK_SIZE / 4 && head != NULL) {
        arena_block *big = block_new(size);
        if (big == NULL)
            return NULL;
        big->used = size;
        big->next = head->next;
        head->next = big;
        a->bytes_used += size;
        return big->data;
    }
    arena_block *block = block_new(size > ARENA_BLOCK_SIZE ? size : ARENA_BLOCK_SIZE);
    if (block == NULL)
        return NULL;
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
