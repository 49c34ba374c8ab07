/* fuzz_yaml_load: libFuzzer target for the loader.
 *
 * Loads the input as one spec file, sorts and formats every diagnostic,
 * and walks the resulting trees checking the invariants cnode.h promises
 * (marks are 1-based, texts are NUL-terminated, mapping keys are unique
 * scalars).  A broken invariant aborts, which the fuzzer reports. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "cnode.h"
#include "diag.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void require(int condition)
{
    if (!condition)
        abort();
}

static void check_node(const cnode *node)
{
    require(node->loc.line >= 1 && node->loc.col >= 1 && node->loc.file != NULL);
    require(node->text != NULL && node->text[node->text_len] == '\0');
    if (node->kind == CNODE_MAPPING) {
        for (size_t i = 0; i < node->count; i++) {
            const cnode *key = node->pairs[i].key;
            require(key->kind == CNODE_SCALAR && node->pairs[i].value != NULL);
            /* Unique keys: the lookup finds this very pair. */
            if (memchr(key->text, '\0', key->text_len) == NULL)
                require(cnode_get_pair(node, key->text) == &node->pairs[i]);
        }
    }
}

/* Iterative walk over the DAG; alias expansion is bounded by the loader,
 * so the walk is too. */
static void walk(const cnode *root)
{
    size_t capacity = 64;
    size_t count = 0;
    const cnode **stack = malloc(capacity * sizeof(*stack));
    require(stack != NULL);
    stack[count++] = root;
    while (count > 0) {
        const cnode *node = stack[--count];
        check_node(node);
        size_t children = node->kind == CNODE_SCALAR ? 0 : node->count;
        if (count + 2 * children > capacity) {
            capacity = 2 * (count + 2 * children);
            stack = realloc(stack, capacity * sizeof(*stack));
            require(stack != NULL);
        }
        for (size_t i = 0; i < children; i++) {
            if (node->kind == CNODE_SEQUENCE) {
                stack[count++] = node->items[i];
            } else {
                stack[count++] = node->pairs[i].key;
                stack[count++] = node->pairs[i].value;
            }
        }
    }
    free(stack);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    load_limits limits;
    load_limits_default(&limits);
    limits.max_alias_nodes = 20000;  /* keeps every run fast */
    load_set *set = load_set_new(&limits);
    diag_set *diags = diag_set_new();
    require(set != NULL && diags != NULL);
    load_set_add_buffer(set, "fuzz.yaml", (const char *)data, size, diags);
    diag_sort(diags);
    char line[256];
    for (size_t i = 0; i < diag_count(diags); i++) {
        const diag *d = diag_at(diags, i);
        require(d->parent < diag_count(diags));
        require(diag_format(diags, d, line, sizeof(line)) > 0);
    }
    for (size_t i = 0; i < load_set_doc_count(set); i++) {
        const cdoc *doc = load_set_doc(set, i);
        require(doc->root != NULL);
        walk(doc->root);
    }
    load_set_free(set);
    diag_set_free(diags);
    return 0;
}
