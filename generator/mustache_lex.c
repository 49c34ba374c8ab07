/* mustache_lex: splits a template into tags.  Text is whatever lies
 * between two tags, so only tags become tokens.  Set-delimiter tags take
 * effect here, as the scan goes, and every tag's name is checked. */
#include <stdlib.h>
#include <string.h>

#include "mustache_internal.h"

typedef struct lexer {
    const char *name;
    const char *src;
    size_t len;
    const char *open, *close;   /* current delimiters */
    size_t open_len, close_len;
    /* incremental line counting */
    size_t counted;
    size_t line_start;
    unsigned line;
    mustache_error *err;
} lexer;

static bool is_space(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

/* First occurrence of needle in src[from..len), or len. */
static size_t find(const lexer *lx, size_t from, const char *needle, size_t n)
{
    while (from < lx->len && lx->len - from >= n) {
        const char *hit = memchr(lx->src + from, needle[0], lx->len - from - n + 1);
        if (!hit)
            break;
        size_t at = (size_t)(hit - lx->src);
        if (memcmp(hit, needle, n) == 0)
            return at;
        from = at + 1;
    }
    return lx->len;
}

/* First close delimiter at or after from that has prefix just before it,
 * at or after min (for "}}}" and "=}}"); len when there is none. */
static size_t find_close_after(const lexer *lx, size_t from, size_t min, char prefix)
{
    for (size_t at = find(lx, from, lx->close, lx->close_len); at < lx->len;
         at = find(lx, at + 1, lx->close, lx->close_len)) {
        if (at > min && lx->src[at - 1] == prefix)
            return at;
    }
    return lx->len;
}

static void locate(lexer *lx, size_t pos, unsigned *line, unsigned *col)
{
    while (lx->counted < pos) {
        const char *nl = memchr(lx->src + lx->counted, '\n', pos - lx->counted);
        if (!nl) {
            lx->counted = pos;
            break;
        }
        lx->line++;
        lx->counted = (size_t)(nl - lx->src) + 1;
        lx->line_start = lx->counted;
    }
    *line = lx->line;
    *col = (unsigned)(pos - lx->line_start) + 1;
}

static void trim(const char *src, size_t *from, size_t *to)
{
    while (*from < *to && is_space(src[*from]))
        (*from)++;
    while (*to > *from && is_space(src[*to - 1]))
        (*to)--;
}

static bool has_space_or_nul(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        if (is_space(s[i]) || s[i] == '\0')
            return true;
    }
    return false;
}

/* "." or parts separated by single dots, none empty. */
static bool is_dotted_name(const char *s, size_t n)
{
    if (n == 1 && s[0] == '.')
        return true;
    if (n == 0 || s[0] == '.' || s[n - 1] == '.')
        return false;
    for (size_t i = 1; i < n; i++) {
        if (s[i] == '.' && s[i - 1] == '.')
            return false;
    }
    return true;
}

static const char *kind_label(mustache_tok_kind kind)
{
    switch (kind) {
    case TOK_VAR:
    case TOK_RAW: return "variable";
    case TOK_SECTION: return "section";
    case TOK_INVERTED: return "inverted section";
    case TOK_CLOSE: return "closing";
    case TOK_PARTIAL: return "partial";
    case TOK_PARENT: return "parent";
    case TOK_BLOCK: return "block";
    case TOK_COMMENT: return "comment";
    case TOK_DELIM: return "set-delimiter";
    }
    return "tag";
}

static bool check_name(lexer *lx, mustache_token *t)
{
    const char *s = lx->src + t->name;
    size_t n = t->name_len;
    if (n == 0) {
        mustache_error_set(lx->err, MUSTACHE_ERR_EMPTY_TAG, lx->name, t->line, t->col, "%s tag has no name",
                           kind_label(t->kind));
        return false;
    }
    bool dotted = t->kind == TOK_VAR || t->kind == TOK_RAW || t->kind == TOK_SECTION || t->kind == TOK_INVERTED ||
                  t->dynamic;
    if (has_space_or_nul(s, n) || (dotted && !is_dotted_name(s, n))) {
        mustache_error_set(lx->err, MUSTACHE_ERR_BAD_NAME, lx->name, t->line, t->col,
                           "invalid name '%.*s' in %s tag", (int)(n > 64 ? 64 : n), s, kind_label(t->kind));
        return false;
    }
    return true;
}

/* {{=OPEN CLOSE=}}: two delimiters separated by whitespace, neither
 * containing whitespace or '='. */
static bool set_delimiters(lexer *lx, const mustache_token *t)
{
    size_t from = t->name, to = t->name + t->name_len;
    size_t split = from;
    while (split < to && !is_space(lx->src[split]))
        split++;
    size_t second = split;
    while (second < to && is_space(lx->src[second]))
        second++;
    bool ok = split > from && second < to && !has_space_or_nul(lx->src + second, to - second) &&
              !memchr(lx->src + from, '=', split - from) && !memchr(lx->src + second, '=', to - second) &&
              !memchr(lx->src + from, '\0', split - from);
    if (!ok) {
        mustache_error_set(lx->err, MUSTACHE_ERR_BAD_DELIMITERS, lx->name, t->line, t->col,
                           "bad set-delimiter tag: expected two delimiters separated by whitespace, "
                           "without whitespace or '='");
        return false;
    }
    lx->open = lx->src + from;
    lx->open_len = split - from;
    lx->close = lx->src + second;
    lx->close_len = to - second;
    return true;
}

static bool push(mustache_token_list *list, const mustache_token *t)
{
    if (list->len == list->cap) {
        size_t cap = list->cap ? list->cap * 2 : 64;
        mustache_token *v = realloc(list->v, cap * sizeof *v);
        if (!v)
            return false;
        list->v = v;
        list->cap = cap;
    }
    list->v[list->len++] = *t;
    return true;
}

static mustache_tok_kind kind_of(char sigil, bool *has_sigil)
{
    *has_sigil = true;
    switch (sigil) {
    case '{':
    case '&': return TOK_RAW;
    case '#': return TOK_SECTION;
    case '^': return TOK_INVERTED;
    case '/': return TOK_CLOSE;
    case '>': return TOK_PARTIAL;
    case '<': return TOK_PARENT;
    case '$': return TOK_BLOCK;
    case '!': return TOK_COMMENT;
    case '=': return TOK_DELIM;
    default: break;
    }
    *has_sigil = false;
    return TOK_VAR;
}

/* Reads the tag that starts at `at`; false on error. */
static bool lex_tag(lexer *lx, size_t at, mustache_token *t)
{
    memset(t, 0, sizeof *t);
    t->start = at;
    locate(lx, at, &t->line, &t->col);
    size_t p = at + lx->open_len;
    bool has_sigil = false;
    char sigil = p < lx->len ? lx->src[p] : '\0';
    t->kind = kind_of(sigil, &has_sigil);
    if (!has_sigil) {
        /* "{{ #x }}": like mustache.js, a sigil may follow whitespace
         * ('{' and '=' must not: they change how the tag ends). */
        size_t q = p;
        while (q < lx->len && is_space(lx->src[q]))
            q++;
        if (q > p && q < lx->len && lx->src[q] != '{' && lx->src[q] != '=') {
            t->kind = kind_of(lx->src[q], &has_sigil);
            if (has_sigil) {
                sigil = lx->src[q];
                p = q;
            }
        }
    }
    if (has_sigil)
        p++;

    size_t end;     /* where the content ends */
    size_t after;   /* just past the tag */
    if (has_sigil && (sigil == '{' || sigil == '=')) {
        end = find_close_after(lx, p, p, sigil == '{' ? '}' : '=');
        if (end == lx->len) {
            if (sigil == '=')
                mustache_error_set(lx->err, MUSTACHE_ERR_BAD_DELIMITERS, lx->name, t->line, t->col,
                                   "set-delimiter tag is not closed by '=%.*s'", (int)lx->close_len, lx->close);
            else
                mustache_error_set(lx->err, MUSTACHE_ERR_UNCLOSED_TAG, lx->name, t->line, t->col,
                                   "unclosed tag: '{' without '}%.*s'", (int)lx->close_len, lx->close);
            return false;
        }
        after = end + lx->close_len;
        end--;  /* the '}' or '=' before the delimiter */
    } else {
        end = find(lx, p, lx->close, lx->close_len);
        if (end == lx->len) {
            mustache_error_set(lx->err, MUSTACHE_ERR_UNCLOSED_TAG, lx->name, t->line, t->col,
                               "unclosed tag: no '%.*s' after '%.*s'", (int)lx->close_len, lx->close,
                               (int)lx->open_len, lx->open);
            return false;
        }
        after = end + lx->close_len;
    }
    t->end = after;
    trim(lx->src, &p, &end);
    if ((t->kind == TOK_PARTIAL || t->kind == TOK_PARENT || t->kind == TOK_CLOSE) && p < end &&
        lx->src[p] == '*') {
        t->dynamic = true;
        p++;
        trim(lx->src, &p, &end);
    }
    t->name = p;
    t->name_len = end - p;
    if (t->kind == TOK_COMMENT)
        return true;
    if (t->kind == TOK_DELIM)
        return set_delimiters(lx, t);
    return check_name(lx, t);
}

bool mustache_lex(const char *name, const char *src, size_t len, mustache_token_list *out, mustache_error *err)
{
    lexer lx = {name, src, len, "{{", "}}", 2, 2, 0, 0, 1, err};
    size_t pos = 0;
    for (;;) {
        size_t at = find(&lx, pos, lx.open, lx.open_len);
        if (at == len)
            return true;
        mustache_token t;
        if (!lex_tag(&lx, at, &t))
            return false;
        if (!push(out, &t)) {
            mustache_error_set(err, MUSTACHE_ERR_NOMEM, name, 0, 0, "out of memory");
            return false;
        }
        pos = t.end;
    }
}

void mustache_token_list_free(mustache_token_list *list)
{
    free(list->v);
    list->v = NULL;
    list->len = list->cap = 0;
}
