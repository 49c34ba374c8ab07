/* mustache_partials: the per-session partial cache.  Each name goes to the
 * loader once; the compiled template (or the fact that there is none) is
 * kept until the cache is freed. */
#include <stdlib.h>
#include <string.h>

#include "mustache_internal.h"

typedef struct partial_entry {
    char *name;
    uint32_t hash;
    mustache_template *tpl;     /* NULL: the loader does not know the name */
} partial_entry;

struct mustache_partials {
    mustache_loader_fn loader;
    void *user;
    mustache_options options;
    partial_entry *v;
    size_t len, cap;
};

mustache_partials *mustache_partials_new(mustache_loader_fn loader, void *user, const mustache_options *options)
{
    mustache_partials *p = calloc(1, sizeof *p);
    if (!p)
        return NULL;
    p->loader = loader;
    p->user = user;
    if (options)
        p->options = *options;
    return p;
}

void mustache_partials_free(mustache_partials *partials)
{
    if (!partials)
        return;
    for (size_t i = 0; i < partials->len; i++) {
        free(partials->v[i].name);
        mustache_template_free(partials->v[i].tpl);
    }
    free(partials->v);
    free(partials);
}

static partial_entry *find(mustache_partials *p, const char *name, uint32_t hash)
{
    for (size_t i = 0; i < p->len; i++) {
        if (p->v[i].hash == hash && strcmp(p->v[i].name, name) == 0)
            return &p->v[i];
    }
    return NULL;
}

/* Takes tpl over, also on failure. */
static bool add(mustache_partials *p, const char *name, uint32_t hash, mustache_template *tpl)
{
    if (p->len == p->cap) {
        size_t cap = p->cap ? p->cap * 2 : 8;
        partial_entry *v = realloc(p->v, cap * sizeof *v);
        if (!v) {
            mustache_template_free(tpl);
            return false;
        }
        p->v = v;
        p->cap = cap;
    }
    size_t n = strlen(name);
    char *copy = malloc(n + 1);
    if (!copy) {
        mustache_template_free(tpl);
        return false;
    }
    memcpy(copy, name, n + 1);
    partial_entry e = {copy, hash, tpl};
    p->v[p->len++] = e;
    return true;
}

bool mustache_partials_add(mustache_partials *partials, const char *name, mustache_template *tpl)
{
    if (!partials || !name || !tpl) {
        mustache_template_free(tpl);
        return false;
    }
    uint32_t hash = mustache_hash(name);
    partial_entry *e = find(partials, name, hash);
    if (e) {
        mustache_template_free(e->tpl);
        e->tpl = tpl;
        return true;
    }
    return add(partials, name, hash, tpl);
}

bool mustache_partials_get(mustache_partials *partials, const char *name, uint32_t hash,
                           const mustache_template **tpl, mustache_error *err)
{
    *tpl = NULL;
    if (!partials)
        return true;
    partial_entry *e = find(partials, name, hash);
    if (e) {
        *tpl = e->tpl;
        return true;
    }
    mustache_template *compiled = NULL;
    if (partials->loader) {
        mustache_source source = {NULL, 0, NULL};
        mustache_load_status status = partials->loader(partials->user, name, &source, err);
        if (status == MUSTACHE_LOAD_ERROR)
            return false;
        if (status == MUSTACHE_LOAD_OK) {
            compiled = mustache_compile(source.origin ? source.origin : name, source.text, source.len,
                                        &partials->options, err);
            free(source.text);
            free(source.origin);
            if (!compiled)
                return false;
        }
    }
    if (!add(partials, name, hash, compiled)) {
        mustache_error_set(err, MUSTACHE_ERR_NOMEM, name, 0, 0, "out of memory");
        return false;
    }
    *tpl = compiled;
    return true;
}
