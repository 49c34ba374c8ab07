/* ir_index: a string-keyed hash table (open addressing, linear probing)
 * for the IR's name and KEY.vVERSION lookups.  Keys are not copied: they
 * must outlive the index (IR strings do).  Inserting never replaces: the
 * first value stored under a key wins.
 *
 * Ownership: ir_index_free() releases the table, not the keys or values;
 * a zero-initialised ir_index is empty and valid. */
#ifndef CONTRACTC_IR_INDEX_H
#define CONTRACTC_IR_INDEX_H

#include <stddef.h>

typedef struct ir_index {
    const char **keys;
    void **values;
    size_t capacity;    /* a power of two, or 0 */
    size_t count;
} ir_index;

/* Stores value under key unless the key is present; returns the value
 * already stored (and stores nothing), or NULL after storing.  Aborts
 * when memory runs out. */
void *ir_index_put(ir_index *index, const char *key, void *value);
void *ir_index_get(const ir_index *index, const char *key);
void ir_index_clear(ir_index *index);

#endif
