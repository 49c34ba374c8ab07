/* mustache_parse: tokens to instructions.
 *
 *   1. match every opening tag with its closing tag (errors: wrong name,
 *      stray close, unclosed section);
 *   2. mark standalone lines (one tag alone on a line, or one of the
 *      inheritance pairs the spec allows on a line: {{<p}}{{/p}},
 *      {{<p}}{{$b}}, {{/b}}{{/p}}, {{$b}}{{/b}});
 *   3. emit: text runs (with the offsets where lines begin, for partial
 *      indentation), lookups with pre-split dotted names, and bodies laid
 *      out contiguously so a jump skips them.
 *
 * Block bodies whose opening tag is standalone are dedented here (their
 * common indentation is dropped) and re-indented where they are expanded,
 * as the ~inheritance spec asks. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "mustache_internal.h"

enum { DEFAULT_MAX_NESTING = 1000 };

typedef struct open_entry {
    size_t token;
    uint32_t ins;
    size_t saved_strip;
} open_entry;

typedef struct compiler {
    const char *name;
    const char *src;
    size_t len;
    mustache_token_list toks;
    mustache_template *tpl;
    size_t code_cap, names_cap, parts_cap, lines_cap, pool_cap;
    /* interned strings: pool offset + 1 per slot (0: empty), so equal
     * names share one pool string (the renderer caches lookups by it) */
    uint32_t *intern;
    size_t intern_cap, intern_len;
    open_entry *open;
    size_t open_len, open_cap;
    /* emission state */
    size_t strip;           /* dedent applied at each line start (block bodies) */
    bool line_start;        /* the next byte emitted begins a line */
    bool in_run;            /* a text run is open */
    size_t run_start, run_end;
    uint32_t run_lines;     /* first entry of the open run in tpl->lines */
    mustache_error *err;
    bool nomem;
} compiler;

/* ---- growable arrays ---- */

static bool grow(compiler *cc, void **v, size_t *cap, size_t need, size_t elem)
{
    if (need <= *cap)
        return true;
    size_t n = *cap ? *cap : 16;
    while (n < need)
        n *= 2;
    void *p = realloc(*v, n * elem);
    if (!p) {
        cc->nomem = true;
        return false;
    }
    *v = p;
    *cap = n;
    return true;
}

static bool emit(compiler *cc, const mustache_ins *in)
{
    mustache_template *t = cc->tpl;
    if (!grow(cc, (void **)&t->code, &cc->code_cap, (size_t)t->code_len + 1, sizeof *t->code))
        return false;
    t->code[t->code_len++] = *in;
    return true;
}

static bool pool_add(compiler *cc, const char *s, size_t n, uint32_t *off)
{
    mustache_template *t = cc->tpl;
    if (!grow(cc, (void **)&t->pool, &cc->pool_cap, t->pool_len + n + 1, 1))
        return false;
    memcpy(t->pool + t->pool_len, s, n);
    t->pool[t->pool_len + n] = '\0';
    *off = (uint32_t)t->pool_len;
    t->pool_len += n + 1;
    return true;
}

static uint32_t hash_bytes(const char *s, size_t n)
{
    uint32_t h = 2166136261u;
    for (size_t i = 0; i < n; i++) {
        h ^= (unsigned char)s[i];
        h *= 16777619u;
    }
    return h;
}

static bool intern_grow(compiler *cc)
{
    size_t cap = cc->intern_cap ? cc->intern_cap * 2 : 64;
    uint32_t *slots = calloc(cap, sizeof *slots);
    if (!slots) {
        cc->nomem = true;
        return false;
    }
    for (size_t i = 0; i < cc->intern_cap; i++) {
        uint32_t v = cc->intern[i];
        if (!v)
            continue;
        const char *str = cc->tpl->pool + v - 1;
        size_t j = hash_bytes(str, strlen(str)) & (cap - 1);
        while (slots[j])
            j = (j + 1) & (cap - 1);
        slots[j] = v;
    }
    free(cc->intern);
    cc->intern = slots;
    cc->intern_cap = cap;
    return true;
}

/* The pool offset of s[0..n) (names hold no NUL: the lexer checks). */
static bool intern(compiler *cc, const char *s, size_t n, uint32_t *off)
{
    if (2 * (cc->intern_len + 1) > cc->intern_cap && !intern_grow(cc))
        return false;
    size_t mask = cc->intern_cap - 1, j = hash_bytes(s, n) & mask;
    for (; cc->intern[j]; j = (j + 1) & mask) {
        const char *str = cc->tpl->pool + cc->intern[j] - 1;
        if (strncmp(str, s, n) == 0 && str[n] == '\0') {
            *off = cc->intern[j] - 1;
            return true;
        }
    }
    if (!pool_add(cc, s, n, off))
        return false;
    cc->intern[j] = *off + 1;
    cc->intern_len++;
    return true;
}

/* Adds a name; dotted ones are split into parts ("." has none). */
static bool add_name(compiler *cc, const mustache_token *tok, bool dotted, uint32_t *index)
{
    mustache_template *t = cc->tpl;
    const char *s = cc->src + tok->name;
    size_t n = tok->name_len;
    mustache_name nm = {0, t->part_count, 0, 0};
    if (!intern(cc, s, n, &nm.text))
        return false;
    nm.hash = mustache_hash(t->pool + nm.text);
    if (dotted && !(n == 1 && s[0] == '.')) {
        size_t from = 0;
        for (size_t i = 0; i <= n; i++) {
            if (i < n && s[i] != '.')
                continue;
            uint32_t off;
            if (!intern(cc, s + from, i - from, &off) ||
                !grow(cc, (void **)&t->parts, &cc->parts_cap, (size_t)t->part_count + 1, sizeof *t->parts))
                return false;
            t->parts[t->part_count++] = off;
            nm.part_count++;
            from = i + 1;
        }
    }
    if (!grow(cc, (void **)&t->names, &cc->names_cap, (size_t)t->name_count + 1, sizeof *t->names))
        return false;
    *index = t->name_count;
    t->names[t->name_count++] = nm;
    return true;
}

/* ---- pass 1: matching ---- */

static bool is_opener(mustache_tok_kind k)
{
    return k == TOK_SECTION || k == TOK_INVERTED || k == TOK_PARENT || k == TOK_BLOCK;
}

static bool same_name(const compiler *cc, const mustache_token *a, const mustache_token *b)
{
    return a->dynamic == b->dynamic && a->name_len == b->name_len &&
           memcmp(cc->src + a->name, cc->src + b->name, a->name_len) == 0;
}

static int clip(size_t n)
{
    return n > 64 ? 64 : (int)n;
}

static const char *opener_word(mustache_tok_kind k)
{
    switch (k) {
    case TOK_PARENT: return "parent";
    case TOK_BLOCK: return "block";
    default: return "section";
    }
}

static bool match_sections(compiler *cc, unsigned max_nesting)
{
    size_t *stack = NULL, depth = 0, cap = 0;
    bool ok = true;
    for (size_t i = 0; ok && i < cc->toks.len; i++) {
        mustache_token *t = &cc->toks.v[i];
        t->match = SIZE_MAX;
        if (is_opener(t->kind)) {
            if (depth >= max_nesting) {
                mustache_error_set(cc->err, MUSTACHE_ERR_NESTING, cc->name, t->line, t->col,
                                   "sections nested deeper than %u", max_nesting);
                ok = false;
            } else if (!grow(cc, (void **)&stack, &cap, depth + 1, sizeof *stack)) {
                ok = false;
            } else {
                stack[depth++] = i;
            }
        } else if (t->kind == TOK_CLOSE) {
            if (depth == 0) {
                mustache_error_set(cc->err, MUSTACHE_ERR_UNEXPECTED_CLOSE, cc->name, t->line, t->col,
                                   "closing tag '%s%.*s' without an open section", t->dynamic ? "*" : "",
                                   clip(t->name_len), cc->src + t->name);
                ok = false;
                break;
            }
            mustache_token *o = &cc->toks.v[stack[depth - 1]];
            if (!same_name(cc, o, t)) {
                mustache_error_set(cc->err, MUSTACHE_ERR_MISMATCHED_CLOSE, cc->name, t->line, t->col,
                                   "closing tag '%s%.*s' does not match the open %s '%s%.*s'",
                                   t->dynamic ? "*" : "", clip(t->name_len), cc->src + t->name,
                                   opener_word(o->kind), o->dynamic ? "*" : "", clip(o->name_len),
                                   cc->src + o->name);
                mustache_error_note(cc->err, o->line, o->col, "%s '%s%.*s' opened here", opener_word(o->kind),
                                    o->dynamic ? "*" : "", clip(o->name_len), cc->src + o->name);
                ok = false;
                break;
            }
            o->match = i;
            t->match = stack[--depth];
        }
    }
    if (ok && depth > 0) {
        const mustache_token *o = &cc->toks.v[stack[depth - 1]];
        mustache_error_set(cc->err, MUSTACHE_ERR_UNCLOSED_SECTION, cc->name, o->line, o->col,
                           "unclosed %s '%s%.*s'", opener_word(o->kind), o->dynamic ? "*" : "",
                           clip(o->name_len), cc->src + o->name);
        ok = false;
    }
    free(stack);
    return ok;
}

/* ---- pass 2: standalone lines ---- */

static bool is_blank(char c)
{
    return c == ' ' || c == '\t';
}

/* Start of the line if only blanks precede tag t on it, else SIZE_MAX. */
static size_t blank_before(const compiler *cc, size_t start)
{
    size_t k = start;
    while (k > 0 && is_blank(cc->src[k - 1]))
        k--;
    return (k == 0 || cc->src[k - 1] == '\n') ? k : SIZE_MAX;
}

/* Position of the line terminator (or the end) if only blanks follow,
 * else SIZE_MAX; *next is set just past the terminator. */
static size_t blank_after(const compiler *cc, size_t end, size_t *next)
{
    size_t q = end;
    while (q < cc->len && is_blank(cc->src[q]))
        q++;
    if (q == cc->len) {
        *next = q;
        return q;
    }
    if (cc->src[q] == '\n') {
        *next = q + 1;
        return q;
    }
    if (cc->src[q] == '\r' && q + 1 < cc->len && cc->src[q + 1] == '\n') {
        *next = q + 2;
        return q;
    }
    return SIZE_MAX;
}

static bool can_stand_alone(mustache_tok_kind k)
{
    return k != TOK_VAR && k != TOK_RAW;
}

/* The inheritance pairs that may share a standalone line. */
static bool is_standalone_pair(const compiler *cc, size_t i)
{
    const mustache_token *a = &cc->toks.v[i], *b = &cc->toks.v[i + 1];
    if (a->end != b->start)
        return false;
    if (a->kind == TOK_PARENT && b->kind == TOK_CLOSE)
        return b->match == i;
    if (a->kind == TOK_PARENT && b->kind == TOK_BLOCK)
        return true;
    if (a->kind == TOK_BLOCK && b->kind == TOK_CLOSE)
        return b->match == i;
    if (a->kind == TOK_CLOSE && b->kind == TOK_CLOSE)
        return cc->toks.v[a->match].kind == TOK_BLOCK && cc->toks.v[b->match].kind == TOK_PARENT;
    return false;
}

static void mark_standalone(compiler *cc)
{
    mustache_token *v = cc->toks.v;
    for (size_t i = 0; i < cc->toks.len; i++) {
        v[i].strip_from = v[i].start;
        v[i].strip_to = v[i].end;
        v[i].standalone = false;
    }
    for (size_t i = 0; i < cc->toks.len; i++) {
        mustache_token *t = &v[i];
        size_t next, from = blank_before(cc, t->start);
        if (from == SIZE_MAX)
            continue;
        if (can_stand_alone(t->kind) && blank_after(cc, t->end, &next) != SIZE_MAX) {
            t->standalone = true;
            t->strip_from = from;
            t->strip_to = next;
            continue;
        }
        if (i + 1 < cc->toks.len && is_standalone_pair(cc, i)) {
            mustache_token *u = &v[i + 1];
            size_t terminator = blank_after(cc, u->end, &next);
            if (terminator == SIZE_MAX)
                continue;
            t->standalone = u->standalone = true;
            t->strip_from = from;
            /* {{$b}}{{/b}}: the block expands where the line was, and the
             * line's end stays. */
            u->strip_to = (t->kind == TOK_BLOCK) ? terminator : next;
            i++;
        }
    }
}

/* ---- pass 3: emission ---- */

static bool add_line(compiler *cc, uint32_t offset)
{
    mustache_template *t = cc->tpl;
    if (!grow(cc, (void **)&t->lines, &cc->lines_cap, (size_t)t->line_count + 1, sizeof *t->lines))
        return false;
    t->lines[t->line_count++] = offset;
    return true;
}

static bool flush_run(compiler *cc)
{
    if (!cc->in_run)
        return true;
    cc->in_run = false;
    if (cc->run_end == cc->run_start)
        return true;
    mustache_ins in = {OP_TEXT, 0, (uint32_t)cc->run_start, (uint32_t)(cc->run_end - cc->run_start), cc->run_lines,
                       cc->tpl->line_count - cc->run_lines, 0, 0};
    return emit(cc, &in);
}

/* Appends src[from..to) to the open run (opening a new run when the
 * bytes do not continue it). */
static bool run_append(compiler *cc, size_t from, size_t to, bool begins_line)
{
    if (cc->in_run && cc->run_end != from && !flush_run(cc))
        return false;
    if (!cc->in_run) {
        cc->in_run = true;
        cc->run_start = cc->run_end = from;
        cc->run_lines = cc->tpl->line_count;
    }
    if (begins_line && !add_line(cc, (uint32_t)(from - cc->run_start)))
        return false;
    cc->run_end = to;
    return true;
}

/* Text src[a..b): drops the block dedent at line starts and records where
 * non-empty lines begin. */
static bool emit_text(compiler *cc, size_t a, size_t b)
{
    size_t q = a;
    while (q < b) {
        bool begins_line = false;
        if (cc->line_start) {
            for (size_t k = 0; k < cc->strip && q < b && is_blank(cc->src[q]); k++)
                q++;
            if (q == b)
                break;
            begins_line = cc->src[q] != '\n';
            cc->line_start = false;
        }
        const char *nl = memchr(cc->src + q, '\n', b - q);
        size_t stop = nl ? (size_t)(nl - cc->src) + 1 : b;
        if (!run_append(cc, q, stop, begins_line))
            return false;
        if (nl)
            cc->line_start = true;
        q = stop;
    }
    return true;
}

/* Blank text at the start of the line of byte `at`, minus the dedent. */
static void indentation_before(const compiler *cc, size_t at, uint32_t *off, uint32_t *len)
{
    size_t from = at;
    while (from > 0 && cc->src[from - 1] != '\n')
        from--;
    for (size_t k = 0; k < cc->strip && from < at && is_blank(cc->src[from]); k++)
        from++;
    size_t to = from;
    while (to < at && is_blank(cc->src[to]))
        to++;
    *off = (uint32_t)from;
    *len = (uint32_t)(to - from);
}

/* The common indentation of the lines of src[from..to) (after the outer
 * dedent), ignoring blank lines: what a standalone block's body drops. */
static void common_indent(const compiler *cc, size_t from, size_t to, uint32_t *off, uint32_t *len)
{
    bool found = false;
    size_t best = 0, best_len = 0;
    size_t q = from;
    while (q < to) {
        for (size_t k = 0; k < cc->strip && q < to && is_blank(cc->src[q]); k++)
            q++;
        size_t w = q;
        while (w < to && is_blank(cc->src[w]))
            w++;
        bool blank = w == to || cc->src[w] == '\n' || (cc->src[w] == '\r' && w + 1 < to && cc->src[w + 1] == '\n');
        if (!blank) {
            if (!found) {
                found = true;
                best = q;
                best_len = w - q;
            } else {
                size_t n = 0;
                while (n < best_len && n < w - q && cc->src[best + n] == cc->src[q + n])
                    n++;
                best_len = n;
            }
        }
        const char *nl = memchr(cc->src + w, '\n', to - w);
        q = nl ? (size_t)(nl - cc->src) + 1 : to;
    }
    *off = (uint32_t)best;
    *len = (uint32_t)best_len;
}

static bool push_open(compiler *cc, size_t token, uint32_t ins)
{
    if (!grow(cc, (void **)&cc->open, &cc->open_cap, cc->open_len + 1, sizeof *cc->open))
        return false;
    open_entry e = {token, ins, cc->strip};
    cc->open[cc->open_len++] = e;
    return true;
}

static bool emit_block(compiler *cc, size_t i, mustache_ins *in)
{
    const mustache_token *t = &cc->toks.v[i];
    if (!add_name(cc, t, false, &in->a))
        return false;
    size_t saved = cc->strip;
    if (t->standalone) {
        in->flags |= INS_STANDALONE;
        const mustache_token *close = &cc->toks.v[t->match];
        uint32_t off, len;
        common_indent(cc, t->strip_to, close->strip_from, &off, &len);
        if (len == 0) {
            /* nothing to drop: expand at the tag's own indentation (for
             * {{<p}}{{$b}}, the parent tag's) */
            size_t at = (i > 0 && cc->toks.v[i - 1].kind == TOK_PARENT && cc->toks.v[i - 1].end == t->start)
                            ? cc->toks.v[i - 1].start : t->start;
            indentation_before(cc, at, &off, &len);
        } else {
            cc->strip += len;
        }
        in->c = off;
        in->d = len;
    }
    /* the body starts after the tag (and after its line when standalone) */
    bool body_at_line_start = t->standalone && (t->strip_to == 0 || cc->src[t->strip_to - 1] == '\n');
    if (body_at_line_start)
        in->flags |= INS_BODY_AT_LINE_START;
    if (!push_open(cc, i, cc->tpl->code_len))
        return false;
    cc->open[cc->open_len - 1].saved_strip = saved;
    return emit(cc, in);
}

static bool emit_close(compiler *cc)
{
    open_entry e = cc->open[--cc->open_len];
    mustache_template *t = cc->tpl;
    if (cc->toks.v[e.token].kind == TOK_SECTION) {
        mustache_ins end = {OP_SECTION_END, 0, e.ins + 1, 0, 0, 0, 0, 0};
        if (!emit(cc, &end))
            return false;
    }
    t->code[e.ins].b = t->code_len;
    cc->strip = e.saved_strip;
    return true;
}

static bool emit_token(compiler *cc, size_t i)
{
    const mustache_token *t = &cc->toks.v[i];
    mustache_ins in = {0, 0, 0, 0, 0, 0, t->line, t->col};
    switch (t->kind) {
    case TOK_VAR:
    case TOK_RAW:
        in.op = OP_VAR;
        in.flags = t->kind == TOK_VAR ? INS_ESCAPE : 0;
        return add_name(cc, t, true, &in.a) && emit(cc, &in);
    case TOK_SECTION:
    case TOK_INVERTED:
        in.op = t->kind == TOK_SECTION ? OP_SECTION : OP_INVERTED;
        return add_name(cc, t, true, &in.a) && push_open(cc, i, cc->tpl->code_len) && emit(cc, &in);
    case TOK_PARTIAL:
    case TOK_PARENT:
        in.op = t->kind == TOK_PARTIAL ? OP_PARTIAL : OP_PARENT;
        if (t->dynamic)
            in.flags |= INS_DYNAMIC;
        if (t->standalone) {
            in.flags |= INS_STANDALONE;
            indentation_before(cc, t->start, &in.c, &in.d);
        }
        if (!add_name(cc, t, t->dynamic, &in.a))
            return false;
        if (t->kind == TOK_PARENT && !push_open(cc, i, cc->tpl->code_len))
            return false;
        return emit(cc, &in);
    case TOK_BLOCK:
        in.op = OP_BLOCK;
        return emit_block(cc, i, &in);
    case TOK_CLOSE:
        return emit_close(cc);
    case TOK_COMMENT:
    case TOK_DELIM:
        return true;
    }
    return true;
}

static bool emit_all(compiler *cc)
{
    size_t pos = 0;
    cc->line_start = true;
    for (size_t i = 0; i < cc->toks.len; i++) {
        const mustache_token *t = &cc->toks.v[i];
        if (!emit_text(cc, pos, t->strip_from))
            return false;
        if (!t->standalone && cc->line_start) {
            /* a line that begins with a tag still gets its indentation */
            mustache_ins in = {OP_INDENT, 0, 0, 0, 0, 0, t->line, t->col};
            if (!flush_run(cc) || !emit(cc, &in))
                return false;
            cc->line_start = false;
        }
        if (t->kind != TOK_COMMENT && t->kind != TOK_DELIM && !flush_run(cc))
            return false;
        if (!emit_token(cc, i))
            return false;
        pos = t->strip_to;
        cc->line_start = t->standalone && (pos == 0 || cc->src[pos - 1] == '\n');
    }
    return emit_text(cc, pos, cc->len) && flush_run(cc);
}

/* ---- API ---- */

void mustache_template_free(mustache_template *tpl)
{
    if (!tpl)
        return;
    free(tpl->name);
    free(tpl->src);
    free(tpl->code);
    free(tpl->names);
    free(tpl->parts);
    free(tpl->lines);
    free(tpl->pool);
    free(tpl);
}

const char *mustache_template_name(const mustache_template *tpl)
{
    return tpl->name;
}

static mustache_template *new_template(const char *name, const char *src, size_t len)
{
    mustache_template *t = calloc(1, sizeof *t);
    if (!t)
        return NULL;
    size_t name_len = strlen(name);
    t->name = malloc(name_len + 1);
    t->src = malloc(len + 1);
    if (!t->name || !t->src) {
        mustache_template_free(t);
        return NULL;
    }
    memcpy(t->name, name, name_len + 1);
    if (len)
        memcpy(t->src, src, len);
    t->src[len] = '\0';
    t->src_len = len;
    return t;
}

mustache_template *mustache_compile(const char *name, const char *src, size_t len, const mustache_options *options,
                                    mustache_error *err)
{
    if (!name)
        name = "<template>";
    if (!src && len > 0) {
        mustache_error_set(err, MUSTACHE_ERR_USAGE, name, 0, 0, "no template source");
        return NULL;
    }
    if (len >= UINT32_MAX) {
        mustache_error_set(err, MUSTACHE_ERR_TOO_LARGE, name, 0, 0, "template larger than 4 GiB");
        return NULL;
    }
    unsigned max_nesting = options && options->max_nesting ? options->max_nesting : DEFAULT_MAX_NESTING;
    compiler cc;
    memset(&cc, 0, sizeof cc);
    cc.name = name;
    cc.err = err;
    cc.tpl = new_template(name, src ? src : "", len);
    if (!cc.tpl) {
        mustache_error_set(err, MUSTACHE_ERR_NOMEM, name, 0, 0, "out of memory");
        return NULL;
    }
    /* work on the template's own copy: names and text point into it */
    cc.src = cc.tpl->src;
    cc.len = len;
    bool ok = mustache_lex(name, cc.src, len, &cc.toks, err) && match_sections(&cc, max_nesting);
    if (ok) {
        mark_standalone(&cc);
        ok = emit_all(&cc);
    }
    if (cc.nomem)
        mustache_error_set(err, MUSTACHE_ERR_NOMEM, name, 0, 0, "out of memory");
    mustache_token_list_free(&cc.toks);
    free(cc.open);
    free(cc.intern);
    if (!ok || cc.nomem) {
        mustache_template_free(cc.tpl);
        return NULL;
    }
    return cc.tpl;
}
