/* cnode: lookups on the loader's syntax tree. */
#include <string.h>

#include "cnode.h"

const cnode_pair *cnode_get_pair(const cnode *mapping, const char *key)
{
    if (mapping == NULL || mapping->kind != CNODE_MAPPING)
        return NULL;
    size_t key_len = strlen(key);
    for (size_t i = 0; i < mapping->count; i++) {
        const cnode *k = mapping->pairs[i].key;
        if (k->text_len == key_len && memcmp(k->text, key, key_len) == 0)
            return &mapping->pairs[i];
    }
    return NULL;
}

const cnode *cnode_get(const cnode *mapping, const char *key)
{
    const cnode_pair *pair = cnode_get_pair(mapping, key);
    return pair != NULL ? pair->value : NULL;
}

bool cnode_is_scalar(const cnode *node)
{
    return node != NULL && node->kind == CNODE_SCALAR;
}

bool cnode_is_null(const cnode *node)
{
    return node == NULL || (node->kind == CNODE_SCALAR && node->scalar_type == CSCALAR_NULL);
}

const char *cnode_kind_name(const cnode *node)
{
    if (node == NULL)
        return "nothing";
    switch (node->kind) {
    case CNODE_SEQUENCE:
        return "sequence";
    case CNODE_MAPPING:
        return "mapping";
    case CNODE_SCALAR:
        break;
    }
    switch (node->scalar_type) {
    case CSCALAR_STRING:
        return "string";
    case CSCALAR_NULL:
        return "null";
    case CSCALAR_BOOL:
        return "boolean";
    case CSCALAR_INT:
        return "integer";
    case CSCALAR_FLOAT:
        return "number";
    }
    return "scalar";
}
