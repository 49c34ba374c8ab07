/* mustache_internal: the compiled form shared by the compiler
 * (mustache_lex.c, mustache_parse.c), the renderer (mustache_render.c) and
 * the partial cache (mustache_partials.c).  Not part of the API. */
#ifndef CONTRACTC_MUSTACHE_INTERNAL_H
#define CONTRACTC_MUSTACHE_INTERNAL_H

#include <stdarg.h>
#include <stdint.h>

#include "mustache.h"

#if defined(__GNUC__)
#define MUSTACHE_PRINTF(fmt_index, first_arg) __attribute__((format(printf, fmt_index, first_arg)))
#define MUSTACHE_UNLIKELY(x) __builtin_expect(!!(x), 0)
#else
#define MUSTACHE_PRINTF(fmt_index, first_arg)
#define MUSTACHE_UNLIKELY(x) (x)
#endif

/* Instructions.  Bodies are contiguous: an instruction with a body holds
 * the index just past it (jump), so skipping is one assignment. */
typedef enum mustache_op {
    OP_TEXT,        /* src[a..a+b); line starts lines[c..c+d) (offsets into the text) */
    OP_INDENT,      /* a line begins with a tag: print the current indentation */
    OP_VAR,         /* name a; flags: ESCAPE */
    OP_SECTION,     /* name a; jump b (past the matching OP_SECTION_END) */
    OP_SECTION_END, /* a: index of the body's first instruction */
    OP_INVERTED,    /* name a; jump b (past the body) */
    OP_PARTIAL,     /* name a (partial name or dynamic dotted name); indent src[c..c+d) */
    OP_PARENT,      /* as OP_PARTIAL; jump b (past the block definitions) */
    OP_BLOCK        /* block name a; jump b; indent src[c..c+d); flags: STANDALONE, BODY_AT_LINE_START */
} mustache_op;

enum {
    INS_ESCAPE = 1u << 0,
    INS_DYNAMIC = 1u << 1,           /* the partial/parent name is looked up in the view */
    INS_STANDALONE = 1u << 2,        /* partial/parent/block on a line of its own: indent */
    INS_BODY_AT_LINE_START = 1u << 3 /* a block body that begins a line */
};

typedef struct mustache_ins {
    uint8_t op;
    uint8_t flags;
    uint32_t a, b, c, d;
    uint32_t line, col;     /* of the tag, for render-time errors */
} mustache_ins;

/* A name: "." (implicit iterator, part_count 0) or dotted parts.  Part
 * strings are NUL-terminated in the template's string pool; for partial,
 * parent and block names text is the whole name. */
typedef struct mustache_name {
    uint32_t text;          /* pool offset of the whole name */
    uint32_t first_part;    /* index into parts */
    uint32_t part_count;
    uint32_t hash;          /* of the whole name, for the partial cache */
} mustache_name;

struct mustache_template {
    char *name;
    char *src;
    size_t src_len;
    mustache_ins *code;
    uint32_t code_len;
    mustache_name *names;
    uint32_t name_count;
    uint32_t *parts;        /* pool offsets */
    uint32_t part_count;
    uint32_t *lines;        /* line-start offsets of OP_TEXT runs */
    uint32_t line_count;
    char *pool;
    size_t pool_len;
};

/* ---- tokens (mustache_lex.c) ---- */

typedef enum mustache_tok_kind {
    TOK_VAR,        /* {{x}} */
    TOK_RAW,        /* {{{x}}} and {{&x}} */
    TOK_SECTION,    /* {{#x}} */
    TOK_INVERTED,   /* {{^x}} */
    TOK_CLOSE,      /* {{/x}} */
    TOK_PARTIAL,    /* {{>x}} */
    TOK_PARENT,     /* {{<x}} */
    TOK_BLOCK,      /* {{$x}} */
    TOK_COMMENT,    /* {{!x}} */
    TOK_DELIM       /* {{=a b=}} */
} mustache_tok_kind;

typedef struct mustache_token {
    mustache_tok_kind kind;
    bool dynamic;           /* {{>*x}} / {{<*x}} */
    size_t start, end;      /* the whole tag, delimiters included */
    size_t name, name_len;  /* trimmed content (after '*' for dynamic names) */
    unsigned line, col;
    /* filled by the parser */
    size_t strip_from, strip_to;    /* src consumed by the tag (standalone lines) */
    bool standalone;
    size_t match;           /* openers: index of the closing token */
} mustache_token;

typedef struct mustache_token_list {
    mustache_token *v;
    size_t len, cap;
} mustache_token_list;

/* Splits src into tags (text is what lies between them).  Set-delimiter
 * tags are applied here.  False with *err filled on a bad tag. */
bool mustache_lex(const char *name, const char *src, size_t len, mustache_token_list *out,
                  mustache_error *err);
void mustache_token_list_free(mustache_token_list *list);

/* ---- shared helpers ---- */

void mustache_error_set(mustache_error *err, mustache_error_code code, const char *name, unsigned line,
                        unsigned col, const char *fmt, ...) MUSTACHE_PRINTF(6, 7);
void mustache_error_setv(mustache_error *err, mustache_error_code code, const char *name, unsigned line,
                         unsigned col, const char *fmt, va_list ap) MUSTACHE_PRINTF(6, 0);
void mustache_error_note(mustache_error *err, unsigned line, unsigned col, const char *fmt, ...)
    MUSTACHE_PRINTF(4, 5);
uint32_t mustache_hash(const char *s);

/* The characters a built-in HTML mode escapes, as a strcspn set ("" for
 * the other modes). */
const char *mustache_escape_set(mustache_escape_mode mode);

/* Formats a number like JavaScript's String(n): 85, 1.21, 1e+21, 1e-7. */
size_t mustache_format_number(double value, char *out, size_t size);

/* The partial cache's lookup: the template for name, or NULL when unknown
 * (then *err is untouched) or on error (then false). */
bool mustache_partials_get(mustache_partials *partials, const char *name, uint32_t hash,
                           const mustache_template **tpl, mustache_error *err);

#endif
