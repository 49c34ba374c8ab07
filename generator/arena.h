/* arena: a bump allocator for data that lives and dies together.
 *
 * The loader puts every node and string of a load_set in one arena, so a
 * tree of millions of nodes costs one pointer bump per allocation and is
 * released with a single arena_free().  Memory comes from a list of
 * blocks; a request larger than the block size gets a block of its own.
 *
 * Ownership: the arena owns every block it hands out; nothing allocated
 * from it may be freed individually.  arena_free(NULL) is a no-op.
 * Allocation functions return NULL when memory runs out or a size
 * computation would overflow; the arena stays usable.
 */
#ifndef CONTRACTC_ARENA_H
#define CONTRACTC_ARENA_H

#include <stddef.h>

typedef struct arena arena;

arena *arena_new(void);
void arena_free(arena *a);

/* size bytes aligned for any object type (max_align_t); size 0 gives a
 * valid unique pointer. */
void *arena_alloc(arena *a, size_t size);
/* Same, zero-filled. */
void *arena_zalloc(arena *a, size_t size);
/* count * size bytes, zero-filled, NULL if the product overflows. */
void *arena_calloc(arena *a, size_t count, size_t size);
/* A NUL-terminated copy of len bytes of s (which may hold NULs). */
char *arena_strndup(arena *a, const char *s, size_t len);
char *arena_strdup(arena *a, const char *s);

/* Bytes handed out so far (for benchmarks and tests). */
size_t arena_bytes_used(const arena *a);

#endif
