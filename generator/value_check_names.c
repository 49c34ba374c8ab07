/* Sorted name indexes, so that checking an object of n members against a
 * model of m fields costs O((n + m) log(n + m)) instead of O(n * m).  An
 * index that could not be allocated is left unbuilt and lookups scan
 * linearly: the answers are the same either way. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "value_check_internal.h"

static int compare_slots(const void *a, const void *b)
{
    const value_name_slot *x = a;
    const value_name_slot *y = b;
    int order = strcmp(x->name, y->name);
    if (order != 0)
        return order;
    /* equal names keep their array order, so a lookup finds the first */
    return (x->position > y->position) - (x->position < y->position);
}

/* Starts an index of up to n names; false when memory runs out. */
static bool index_start(value_name_index *index, size_t n)
{
    index->count = 0;
    index->slots = n > 0 ? malloc(n * sizeof *index->slots) : NULL;
    index->built = n == 0 || index->slots != NULL;
    return index->slots != NULL;
}

static void index_add(value_name_index *index, const char *name, size_t position)
{
    if (name)
        index->slots[index->count++] = (value_name_slot){name, position};
}

static void index_sort(value_name_index *index)
{
    if (index->count > 1)
        qsort(index->slots, index->count, sizeof *index->slots, compare_slots);
}

void value_index_members(value_name_index *index, const ir_value *object)
{
    if (!index_start(index, object->count))
        return;
    for (size_t i = 0; i < object->count; i++)
        index_add(index, object->members[i].key.text, i);
    index_sort(index);
}

void value_index_fields(value_name_index *index, const ir_model *model)
{
    if (!index_start(index, model->field_count))
        return;
    for (size_t i = 0; i < model->field_count; i++)
        index_add(index, model->fields[i].name.text, i);
    index_sort(index);
}

void value_name_index_free(value_name_index *index)
{
    free(index->slots);
    index->slots = NULL;
    index->count = 0;
}

/* The array position of the first entry named name, or SIZE_MAX. */
static size_t index_find(const value_name_index *index, const char *name)
{
    size_t low = 0, high = index->count;
    while (low < high) {   /* the first slot not ordered before name */
        size_t middle = low + (high - low) / 2;
        if (strcmp(index->slots[middle].name, name) < 0)
            low = middle + 1;
        else
            high = middle;
    }
    if (low < index->count && strcmp(index->slots[low].name, name) == 0)
        return index->slots[low].position;
    return SIZE_MAX;
}

const ir_member *value_indexed_member(const value_name_index *index, const ir_value *object,
                                      const char *key)
{
    if (!index->built)
        return value_find_member(object, key);
    size_t position = index_find(index, key);
    return position == SIZE_MAX ? NULL : &object->members[position];
}

const ir_field *value_indexed_field(const value_name_index *index, const ir_model *model,
                                    const char *name)
{
    if (!index->built) {
        for (size_t i = 0; i < model->field_count; i++)
            if (model->fields[i].name.text && strcmp(model->fields[i].name.text, name) == 0)
                return &model->fields[i];
        return NULL;
    }
    size_t position = index_find(index, name);
    return position == SIZE_MAX ? NULL : &model->fields[position];
}
