/* yaml_load_anchors: the per-document anchor table.  A hash index keeps
 * alias resolution O(1), so a file with many anchors stays linear. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "yaml_load_internal.h"

void anchor_table_init(anchor_table *table)
{
    memset(table, 0, sizeof(*table));
}

void anchor_table_clear(anchor_table *table)
{
    for (size_t i = 0; i < table->count; i++)
        free(table->defs[i].name);
    free(table->defs);
    free(table->index);
    anchor_table_init(table);
}

/* FNV-1a */
static size_t hash_name(const char *name)
{
    uint64_t h = 1469598103934665603ULL;
    for (const unsigned char *p = (const unsigned char *)name; *p != '\0'; p++) {
        h ^= *p;
        h *= 1099511628211ULL;
    }
    return (size_t)h;
}

/* The slot holding name, or the empty slot where it would go. */
static size_t find_slot(const anchor_table *table, const char *name)
{
    size_t mask = table->index_size - 1;
    size_t slot = hash_name(name) & mask;
    while (table->index[slot] != 0) {
        if (strcmp(table->defs[table->index[slot] - 1].name, name) == 0)
            return slot;
        slot = (slot + 1) & mask;
    }
    return slot;
}

static bool grow_index(anchor_table *table)
{
    size_t size = table->index_size ? table->index_size * 2 : 16;
    size_t *index = calloc(size, sizeof(*index));
    if (index == NULL)
        return false;
    size_t *old = table->index;
    size_t old_size = table->index_size;
    table->index = index;
    table->index_size = size;
    for (size_t i = 0; i < old_size; i++) {
        if (old[i] != 0)
            index[find_slot(table, table->defs[old[i] - 1].name)] = old[i];
    }
    free(old);
    return true;
}

size_t anchor_define(anchor_table *table, const char *name)
{
    if (table->count == table->capacity) {
        size_t capacity = table->capacity ? table->capacity * 2 : 8;
        anchor_def *defs = realloc(table->defs, capacity * sizeof(*defs));
        if (defs == NULL)
            return SIZE_MAX;
        table->defs = defs;
        table->capacity = capacity;
    }
    if ((table->count + 1) * 2 > table->index_size && !grow_index(table))
        return SIZE_MAX;
    size_t len = strlen(name);
    char *copy = malloc(len + 1);
    if (copy == NULL)
        return SIZE_MAX;
    memcpy(copy, name, len + 1);
    size_t number = table->count++;
    table->defs[number] = (anchor_def){.name = copy, .node = NULL, .expanded = 0};
    table->index[find_slot(table, copy)] = number + 1;
    return number;
}

anchor_def *anchor_lookup(anchor_table *table, const char *name)
{
    if (table->index_size == 0)
        return NULL;
    size_t entry = table->index[find_slot(table, name)];
    return entry != 0 ? &table->defs[entry - 1] : NULL;
}
