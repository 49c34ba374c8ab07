/* mustache_render: runs a compiled template against a cJSON view.
 *
 * One loop walks the instructions; nothing recurses on the C stack.
 * Sections push onto an iteration stack and a context stack, partials,
 * parents and blocks push frames (template, range, return point,
 * indentation), so hostile templates meet a limit, never a stack
 * overflow. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mustache_internal.h"

enum {
    LOOKUP_CACHE_SIZE = 256,    /* a power of two */
    DEFAULT_MAX_DEPTH = 100,
    MAX_FRAMES = 10000,         /* also bounds blocks expanding themselves */
    FILE_FLUSH_AT = 1 << 16
};

typedef struct frame {
    const mustache_template *tpl;
    uint32_t end;           /* the frame ends when pc reaches end */
    uint32_t ret_pc;        /* where the previous frame resumes */
    size_t indent_len;      /* this frame's indentation: r->indent[0..indent_len) */
    size_t overrides;       /* override stack height to restore on return */
    unsigned depth;         /* partial/parent nesting */
} frame;

/* A block argument given by a parent tag: a body of some template. */
typedef struct override {
    const mustache_template *tpl;
    const char *name;
    uint32_t hash;
    uint32_t body, end;
    bool at_line_start;
} override;

/* find_key(obj, key) remembered: a template looks the same names up in
 * the same objects again and again (misses included, as every lookup of
 * an outer name walks the inner objects first). */
typedef struct lookup_entry {
    const cJSON *obj;
    const char *key;        /* a part string in a template's pool */
    const cJSON *value;
} lookup_entry;

typedef struct render {
    const mustache_render_options *opt;
    mustache_escape_mode escape;
    unsigned max_depth;
    mustache_buf *out;
    FILE *file;
    mustache_buf stage;     /* output staged for a FILE* sink */
    /* put() takes its fast path while out->len + n + 1 <= fast_end: the
     * buffer has room and the output limit is not reached */
    size_t fast_end;
    size_t base;            /* out->len when rendering began (buffer sinks append) */
    size_t flushed;         /* bytes already written to the FILE* */
    const cJSON **ctx;
    size_t nctx, ctx_cap;
    const cJSON **iters;    /* next element of each open section */
    size_t niters, iters_cap;
    frame *frames;
    size_t nframes, frames_cap;
    override *ovr;
    size_t novr, ovr_cap;
    char *indent;
    size_t indent_cap;
    mustache_error *err;
    const mustache_template *tpl;   /* where the running instruction is */
    lookup_entry cache[LOOKUP_CACHE_SIZE];
} render;

static bool grow(void **v, size_t *cap, size_t need, size_t elem)
{
    if (need <= *cap)
        return true;
    size_t n = *cap ? *cap * 2 : 16;
    while (n < need)
        n *= 2;
    void *p = realloc(*v, n * elem);
    if (!p)
        return false;
    *v = p;
    *cap = n;
    return true;
}

static bool fail(render *r, const mustache_ins *in, mustache_error_code code, const char *fmt, ...)
    MUSTACHE_PRINTF(4, 5);

static bool fail(render *r, const mustache_ins *in, mustache_error_code code, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    mustache_error_setv(r->err, code, r->tpl ? r->tpl->name : NULL, in ? in->line : 0, in ? in->col : 0, fmt, ap);
    va_end(ap);
    return false;
}

static bool nomem(render *r)
{
    return fail(r, NULL, MUSTACHE_ERR_NOMEM, "out of memory");
}

/* Recomputes the fast-path bound after the buffer or the counts change. */
static void update_fast_end(render *r)
{
    size_t end = r->out->cap;
    size_t max = r->opt->max_output;
    if (max) {
        size_t used = r->flushed;
        /* bytes this render may still append: base + max - flushed */
        size_t limit = (max > used) ? r->base + (max - used) + 1 : r->base + 1;
        if (limit < end)
            end = limit;
    }
    r->fast_end = end;
}

static bool over_limit(const render *r, size_t extra)
{
    size_t max = r->opt->max_output;
    return max && r->flushed + (r->out->len - r->base) + extra > max;
}

static bool too_large(render *r)
{
    return fail(r, NULL, MUSTACHE_ERR_OUTPUT_LIMIT, "output larger than %zu bytes", r->opt->max_output);
}

static bool flush_file(render *r)
{
    if (r->stage.len && fwrite(r->stage.data, 1, r->stage.len, r->file) != r->stage.len)
        return fail(r, NULL, MUSTACHE_ERR_IO, "write error");
    r->flushed += r->stage.len;
    mustache_buf_clear(&r->stage);
    update_fast_end(r);
    return true;
}

static bool put_slow(render *r, const char *s, size_t n)
{
    mustache_buf *b = r->out;
    if (over_limit(r, n))
        return too_large(r);
    if (!mustache_buf_reserve(b, n))
        return nomem(r);
    memcpy(b->data + b->len, s, n);
    b->len += n;
    update_fast_end(r);
    return true;
}

static inline bool put(render *r, const char *s, size_t n)
{
    mustache_buf *b = r->out;
    if (MUSTACHE_UNLIKELY(b->len + n + 1 > r->fast_end))
        return put_slow(r, s, n);
    memcpy(b->data + b->len, s, n);
    b->len += n;
    return true;
}

/* After an escape routine appended to the buffer on its own. */
static bool after_direct_append(render *r)
{
    update_fast_end(r);
    return over_limit(r, 0) ? too_large(r) : true;
}

/* ---- the view ---- */

static const cJSON *find_key(const cJSON *obj, const char *key)
{
    for (const cJSON *c = obj->child; c; c = c->next) {
        const char *s = c->string;
        if (!s)
            continue;
        /* inline compare: most keys differ in their first bytes */
        const char *k = key;
        while (*s == *k && *k) {
            s++;
            k++;
        }
        if (*s == *k)
            return c;
    }
    return NULL;
}

static const cJSON *find_key_cached(render *r, const cJSON *obj, const char *key)
{
    uintptr_t h = ((uintptr_t)obj >> 4) * (uintptr_t)0x9E3779B1u ^ (uintptr_t)key;
    lookup_entry *e = &r->cache[(h ^ (h >> 11)) & (LOOKUP_CACHE_SIZE - 1)];
    if (e->obj == obj && e->key == key)
        return e->value;
    const cJSON *v = find_key(obj, key);
    e->obj = obj;
    e->key = key;
    e->value = v;
    return v;
}

static bool is_object(const cJSON *v)
{
    return (v->type & 0xFF) == cJSON_Object;
}

/* The spec's name resolution: the first part through the context stack
 * (top down), the other parts each inside the previous result. */
static const cJSON *lookup(render *r, const mustache_template *tpl, uint32_t name_index)
{
    const mustache_name *nm = &tpl->names[name_index];
    if (nm->part_count == 0)
        return r->ctx[r->nctx - 1];
    const uint32_t *parts = tpl->parts + nm->first_part;
    const char *first = tpl->pool + parts[0];
    const cJSON *v = NULL;
    for (size_t i = r->nctx; i-- > 0;) {
        const cJSON *c = r->ctx[i];
        if (is_object(c) && (v = find_key_cached(r, c, first)) != NULL)
            break;
    }
    for (uint32_t k = 1; v && k < nm->part_count; k++)
        v = is_object(v) ? find_key_cached(r, v, tpl->pool + parts[k]) : NULL;
    return v;
}

static bool is_falsy(const cJSON *v)
{
    if (!v)
        return true;
    switch (v->type & 0xFF) {
    case cJSON_False:
    case cJSON_NULL:
    case cJSON_Invalid:
        return true;
    case cJSON_Array:
        return v->child == NULL;
    default:
        return false;
    }
}

/* s is NUL-terminated (every value the renderer prints is). */
static bool put_escaped(render *r, const char *s, bool escape)
{
    if (!escape || r->escape == MUSTACHE_ESCAPE_NONE)
        return put(r, s, strlen(s));
    if (r->escape == MUSTACHE_ESCAPE_CALLBACK) {
        if (!r->opt->escape_fn(r->opt->escape_user, s, strlen(s), r->out))
            return fail(r, NULL, MUSTACHE_ERR_ESCAPE, "escape callback failed");
        return after_direct_append(r);
    }
    /* most values have nothing to escape: strcspn finds the clean prefix
     * (and the length when the whole value is clean) in one vector pass */
    size_t clean = strcspn(s, mustache_escape_set(r->escape));
    if (!put(r, s, clean))
        return false;
    if (s[clean] == '\0')
        return true;
    if (!mustache_escape_append(r->escape, s + clean, strlen(s + clean), r->out))
        return nomem(r);
    return after_direct_append(r);
}

/* Strings as they are, numbers like JavaScript, true/false, nothing for
 * null, arrays and objects as compact JSON. */
static bool interpolate(render *r, const cJSON *v, bool escape)
{
    char number[40];
    switch (v->type & 0xFF) {
    case cJSON_String:
    case cJSON_Raw:
        return v->valuestring ? put_escaped(r, v->valuestring, escape) : true;
    case cJSON_Number: {
        mustache_format_number(v->valuedouble, number, sizeof number);
        return put_escaped(r, number, escape);
    }
    case cJSON_True:
        return put_escaped(r, "true", escape);
    case cJSON_False:
        return put_escaped(r, "false", escape);
    case cJSON_Array:
    case cJSON_Object: {
        char *json = cJSON_PrintUnformatted(v);
        if (!json)
            return nomem(r);
        bool ok = put_escaped(r, json, escape);
        cJSON_free(json);
        return ok;
    }
    default:
        return true;
    }
}

static bool push_ctx(render *r, const cJSON *v)
{
    if (!grow((void **)&r->ctx, &r->ctx_cap, r->nctx + 1, sizeof *r->ctx))
        return nomem(r);
    r->ctx[r->nctx++] = v;
    return true;
}

static bool push_iter(render *r, const cJSON *next)
{
    if (!grow((void **)&r->iters, &r->iters_cap, r->niters + 1, sizeof *r->iters))
        return nomem(r);
    r->iters[r->niters++] = next;
    return true;
}

/* ---- frames ---- */

/* Pushes a frame whose indentation is the current one plus extra; in is
 * the instruction that asks (for the error when frames run out). */
static bool push_frame(render *r, const mustache_ins *in, const mustache_template *tpl, uint32_t end, uint32_t ret_pc,
                       const char *extra, size_t extra_len, size_t overrides, unsigned depth)
{
    if (r->nframes >= MAX_FRAMES)
        return fail(r, in, MUSTACHE_ERR_PARTIAL_DEPTH, "template expansion nested too deeply");
    size_t base = r->nframes ? r->frames[r->nframes - 1].indent_len : 0;
    if (!grow((void **)&r->frames, &r->frames_cap, r->nframes + 1, sizeof *r->frames) ||
        !grow((void **)&r->indent, &r->indent_cap, base + extra_len + 1, 1))
        return nomem(r);
    if (extra_len)
        memcpy(r->indent + base, extra, extra_len);
    frame f = {tpl, end, ret_pc, base + extra_len, overrides, depth};
    r->frames[r->nframes++] = f;
    return true;
}

static bool too_deep(render *r, const mustache_ins *in)
{
    return fail(r, in, MUSTACHE_ERR_PARTIAL_DEPTH, "partials nested deeper than %u (recursive partial?)",
                r->max_depth);
}

/* The partial or parent an instruction names; *tpl NULL when unknown. */
static bool resolve(render *r, const mustache_ins *in, const mustache_template **found)
{
    const mustache_template *tpl = r->tpl;
    const mustache_name *nm = &tpl->names[in->a];
    const char *name = tpl->pool + nm->text;
    uint32_t hash = nm->hash;
    *found = NULL;
    if (in->flags & INS_DYNAMIC) {
        const cJSON *v = lookup(r, tpl, in->a);
        if (!v || !cJSON_IsString(v) || !v->valuestring) {
            if (r->opt->strict_partials)
                return fail(r, in, MUSTACHE_ERR_UNKNOWN_PARTIAL,
                            "dynamic partial name '%s' does not resolve to a string", name);
            return true;
        }
        name = v->valuestring;
        hash = mustache_hash(name);
    }
    if (!mustache_partials_get(r->opt->partials, name, hash, found, r->err))
        return false;
    if (!*found && r->opt->strict_partials)
        return fail(r, in, MUSTACHE_ERR_UNKNOWN_PARTIAL, "unknown partial '%s'", name);
    return true;
}

static const override *find_override(const render *r, const mustache_template *tpl, uint32_t name_index)
{
    const mustache_name *nm = &tpl->names[name_index];
    const char *name = tpl->pool + nm->text;
    /* the outermost argument wins: the first one pushed */
    for (size_t i = 0; i < r->novr; i++) {
        if (r->ovr[i].hash == nm->hash && strcmp(r->ovr[i].name, name) == 0)
            return &r->ovr[i];
    }
    return NULL;
}

/* The block arguments of a parent tag: its body's top-level blocks. */
static bool push_overrides(render *r, const mustache_template *tpl, uint32_t from, uint32_t to)
{
    for (uint32_t j = from; j < to;) {
        const mustache_ins *in = &tpl->code[j];
        switch (in->op) {
        case OP_BLOCK: {
            if (!grow((void **)&r->ovr, &r->ovr_cap, r->novr + 1, sizeof *r->ovr))
                return nomem(r);
            const mustache_name *nm = &tpl->names[in->a];
            override o = {tpl, tpl->pool + nm->text, nm->hash, j + 1, in->b, (in->flags & INS_BODY_AT_LINE_START) != 0};
            r->ovr[r->novr++] = o;
            j = in->b;
            break;
        }
        case OP_SECTION:
        case OP_INVERTED:
        case OP_PARENT:
            j = in->b;
            break;
        default:
            j++;
        }
    }
    return true;
}

/* ---- the loop ---- */

static bool put_text(render *r, const mustache_template *tpl, const mustache_ins *in, size_t indent_len)
{
    const char *s = tpl->src + in->a;
    if (in->d == 0 || indent_len == 0)
        return put(r, s, in->b);
    const uint32_t *starts = tpl->lines + in->c;
    uint32_t prev = 0;
    for (uint32_t k = 0; k < in->d; k++) {
        if (!put(r, s + prev, starts[k] - prev) || !put(r, r->indent, indent_len))
            return false;
        prev = starts[k];
    }
    return put(r, s + prev, in->b - prev);
}

static bool run(render *r, const mustache_template *root)
{
    if (!push_frame(r, NULL, root, root->code_len, 0, NULL, 0, 0, 0))
        return false;
    const mustache_template *tpl = root;
    const mustache_ins *code = tpl->code;
    uint32_t pc = 0, end = tpl->code_len;
    size_t indent_len = 0;
    r->tpl = tpl;
    for (;;) {
        if (pc >= end) {
            frame done = r->frames[--r->nframes];
            if (r->nframes == 0)
                return true;
            r->novr = done.overrides;
            const frame *f = &r->frames[r->nframes - 1];
            tpl = r->tpl = f->tpl;
            code = tpl->code;
            end = f->end;
            indent_len = f->indent_len;
            pc = done.ret_pc;
            continue;
        }
        const mustache_ins *in = &code[pc];
        switch ((mustache_op)in->op) {
        case OP_TEXT:
            if (!put_text(r, tpl, in, indent_len))
                return false;
            pc++;
            break;
        case OP_INDENT:
            if (indent_len && !put(r, r->indent, indent_len))
                return false;
            pc++;
            break;
        case OP_VAR: {
            const cJSON *v = lookup(r, tpl, in->a);
            if (v && !interpolate(r, v, in->flags & INS_ESCAPE))
                return false;
            pc++;
            break;
        }
        case OP_SECTION: {
            const cJSON *v = lookup(r, tpl, in->a);
            if (is_falsy(v)) {
                pc = in->b;
                break;
            }
            bool list = (v->type & 0xFF) == cJSON_Array;
            const cJSON *item = list ? v->child : v;
            if (!push_iter(r, list ? item->next : NULL) || !push_ctx(r, item))
                return false;
            pc++;
            break;
        }
        case OP_SECTION_END: {
            const cJSON *next = r->iters[r->niters - 1];
            if (next) {
                r->ctx[r->nctx - 1] = next;
                r->iters[r->niters - 1] = next->next;
                pc = in->a;
            } else {
                r->niters--;
                r->nctx--;
                pc++;
            }
            break;
        }
        case OP_INVERTED:
            pc = is_falsy(lookup(r, tpl, in->a)) ? pc + 1 : in->b;
            break;
        case OP_PARTIAL:
        case OP_PARENT: {
            bool parent = in->op == OP_PARENT;
            uint32_t resume = parent ? in->b : pc + 1;
            size_t height = r->novr;
            unsigned depth = r->frames[r->nframes - 1].depth + 1;
            const mustache_template *callee;
            if (parent && !push_overrides(r, tpl, pc + 1, in->b))
                return false;
            if (!resolve(r, in, &callee))
                return false;
            if (!callee) {
                r->novr = height;
                pc = resume;
                break;
            }
            if (depth > r->max_depth)
                return too_deep(r, in);
            size_t extra = (in->flags & INS_STANDALONE) ? in->d : 0;
            if (!push_frame(r, in, callee, callee->code_len, resume, tpl->src + in->c, extra, height, depth))
                return false;
            tpl = r->tpl = callee;
            code = tpl->code;
            end = tpl->code_len;
            indent_len = r->frames[r->nframes - 1].indent_len;
            pc = 0;
            break;
        }
        case OP_BLOCK: {
            const override *o = find_override(r, tpl, in->a);
            bool standalone = (in->flags & INS_STANDALONE) != 0;
            size_t extra = standalone ? in->d : 0;
            unsigned depth = r->frames[r->nframes - 1].depth;
            const mustache_template *body_tpl = o ? o->tpl : tpl;
            uint32_t body = o ? o->body : pc + 1, body_end = o ? o->end : in->b;
            if (!push_frame(r, in, body_tpl, body_end, in->b, tpl->src + in->c, extra, r->novr, depth))
                return false;
            indent_len = r->frames[r->nframes - 1].indent_len;
            /* an argument that starts mid-line still starts the line here */
            if (o && standalone && !o->at_line_start && indent_len && !put(r, r->indent, indent_len))
                return false;
            tpl = r->tpl = body_tpl;
            code = tpl->code;
            end = body_end;
            pc = body;
            break;
        }
        }
        if (MUSTACHE_UNLIKELY(r->file != NULL) && r->out->len >= FILE_FLUSH_AT && !flush_file(r))
            return false;
    }
}

bool mustache_render(const mustache_template *tpl, const cJSON *view, const mustache_render_options *options,
                     mustache_sink sink, mustache_error *err)
{
    static const mustache_render_options defaults = {MUSTACHE_ESCAPE_HTML, NULL, NULL, NULL, false, 0, 0};
    const mustache_render_options *opt = options ? options : &defaults;
    if (!tpl || (!sink.buf && !sink.file) ||
        (opt->escape == MUSTACHE_ESCAPE_CALLBACK && !opt->escape_fn)) {
        mustache_error_set(err, MUSTACHE_ERR_USAGE, tpl ? tpl->name : NULL, 0, 0,
                           "mustache_render: missing template, sink or escape callback");
        return false;
    }
    render r;
    memset(&r, 0, sizeof r);
    r.opt = opt;
    r.escape = opt->escape;
    r.max_depth = opt->max_depth ? opt->max_depth : DEFAULT_MAX_DEPTH;
    r.err = err;
    r.file = sink.buf ? NULL : sink.file;
    r.out = sink.buf ? sink.buf : &r.stage;
    cJSON empty;
    memset(&empty, 0, sizeof empty);
    empty.type = cJSON_Object;
    r.base = r.out->len;
    bool ok = mustache_buf_reserve(r.out, 0) || nomem(&r);
    update_fast_end(&r);
    ok = ok && push_ctx(&r, view ? view : &empty) && run(&r, tpl);
    if (ok && r.file)
        ok = flush_file(&r);
    if (r.out->data)
        r.out->data[r.out->len] = '\0';
    mustache_buf_free(&r.stage);
    free(r.ctx);
    free(r.iters);
    free(r.frames);
    free(r.ovr);
    free(r.indent);
    return ok;
}
