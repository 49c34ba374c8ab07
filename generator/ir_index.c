/* ir_index: see ir_index.h. */
#include "ir_index.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static uint64_t hash_string(const char *s)
{
    /* FNV-1a, 64 bit: simple, and good enough for identifier-like keys. */
    uint64_t h = 14695981039346656037ULL;
    for (; *s; s++) {
        h ^= (unsigned char)*s;
        h *= 1099511628211ULL;
    }
    return h;
}

static void *checked_calloc(size_t count, size_t size)
{
    void *p = calloc(count, size);
    if (p == NULL) {
        fputs("contractc: out of memory\n", stderr);
        abort();
    }
    return p;
}

static size_t slot_of(const ir_index *index, const char *key)
{
    size_t mask = index->capacity - 1;
    size_t i = (size_t)hash_string(key) & mask;
    while (index->keys[i] != NULL && strcmp(index->keys[i], key) != 0)
        i = (i + 1) & mask;
    return i;
}

static void grow(ir_index *index)
{
    size_t old_capacity = index->capacity;
    const char **old_keys = index->keys;
    void **old_values = index->values;
    index->capacity = old_capacity ? old_capacity * 2 : 64;
    index->keys = checked_calloc(index->capacity, sizeof *index->keys);
    index->values = checked_calloc(index->capacity, sizeof *index->values);
    for (size_t i = 0; i < old_capacity; i++) {
        if (old_keys[i] == NULL)
            continue;
        size_t slot = slot_of(index, old_keys[i]);
        index->keys[slot] = old_keys[i];
        index->values[slot] = old_values[i];
    }
    free(old_keys);
    free(old_values);
}

void *ir_index_put(ir_index *index, const char *key, void *value)
{
    /* Keep the load factor under 1/2 so probes stay short. */
    if ((index->count + 1) * 2 > index->capacity)
        grow(index);
    size_t slot = slot_of(index, key);
    if (index->keys[slot] != NULL)
        return index->values[slot];
    index->keys[slot] = key;
    index->values[slot] = value;
    index->count++;
    return NULL;
}

void *ir_index_get(const ir_index *index, const char *key)
{
    if (index->capacity == 0 || key == NULL)
        return NULL;
    size_t slot = slot_of(index, key);
    return index->keys[slot] ? index->values[slot] : NULL;
}

void ir_index_clear(ir_index *index)
{
    free(index->keys);
    free(index->values);
    memset(index, 0, sizeof *index);
}
