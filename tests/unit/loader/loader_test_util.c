#include "loader_test_util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

char *diag_text(diag_set *diags)
{
    diag_sort(diags);
    size_t total = 1;
    for (size_t i = 0; i < diag_count(diags); i++)
        total += (size_t)diag_format(diags, diag_at(diags, i), NULL, 0) + 1;
    char *text = malloc(total);
    if (text == NULL)
        abort();
    size_t used = 0;
    for (size_t i = 0; i < diag_count(diags); i++) {
        if (used > 0)
            text[used++] = '\n';
        used += (size_t)diag_format(diags, diag_at(diags, i), text + used, total - used);
    }
    text[used] = '\0';
    return text;
}

static loaded finish(load_set *set, diag_set *diags, bool ok)
{
    loaded l = {set, diags, ok, diag_text(diags)};
    return l;
}

loaded load_bytes(const char *name, const char *data, size_t len, const load_limits *limits)
{
    load_set *set = load_set_new(limits);
    diag_set *diags = diag_set_new();
    if (set == NULL || diags == NULL)
        abort();
    bool ok = load_set_add_buffer(set, name, data, len, diags);
    return finish(set, diags, ok);
}

loaded load_text(const char *name, const char *yaml)
{
    return load_bytes(name, yaml, strlen(yaml), NULL);
}

loaded load_path(const char *path, const load_limits *limits)
{
    load_set *set = load_set_new(limits);
    diag_set *diags = diag_set_new();
    if (set == NULL || diags == NULL)
        abort();
    bool ok = load_set_add_path(set, path, diags);
    return finish(set, diags, ok);
}

loaded load_fixture(const char *relative)
{
    char path[1024];
    snprintf(path, sizeof(path), "%s/loader/%s", CONTRACTC_FIXTURES_DIR, relative);
    return load_path(path, NULL);
}

void loaded_free(loaded *l)
{
    load_set_free(l->set);
    diag_set_free(l->diags);
    free(l->text);
}

const cnode *loaded_root(const loaded *l, size_t index)
{
    const cdoc *doc = load_set_doc(l->set, index);
    return doc != NULL ? doc->root : NULL;
}
