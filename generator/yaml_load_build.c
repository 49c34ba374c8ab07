/* yaml_load_build: libyaml events -> cnode tree.
 *
 * The builder is iterative: open sequences and mappings live on an
 * explicit frame stack bounded by limits.max_depth, and the children of
 * every open container wait on one shared pending stack until the
 * container ends, when they are copied into the arena.  So memory is the
 * tree plus the open path, and nothing recurses on the input's depth.
 *
 * Each node's expanded size (the nodes reachable from it with aliases
 * expanded) is summed bottom-up as nodes complete and kept per anchor, so
 * an alias costs one addition to check the file's alias budget. */
#include <limits.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <yaml.h>

#include "yaml_load_internal.h"

typedef struct frame {
    cnode *node;
    size_t first_pending;  /* this container's first child on the pending stack */
    size_t expanded;       /* 1 + the expanded sizes of the children so far */
    size_t anchor;         /* anchor record number, or SIZE_MAX */
} frame;

typedef struct builder {
    load_set *set;
    diag_set *diags;
    const char *file;
    const unsigned char *data;
    size_t len;
    frame *frames;
    size_t depth;
    size_t frame_capacity;
    cnode **pending;
    size_t pending_count;
    size_t pending_capacity;
    anchor_table anchors;
    cnode *root;
    size_t alias_nodes;    /* nodes reached through aliases in this file */
    size_t doc_index;
    size_t docs_added;
    size_t errors;
    bool out_of_memory;
    bool stop;             /* a problem after which the file is not read further */
    src_loc end;           /* where the input ends, as libyaml counts lines */
} builder;

static size_t add_saturating(size_t a, size_t b)
{
    return a > SIZE_MAX - b ? SIZE_MAX : a + b;
}

static unsigned to_unsigned(size_t n)
{
    return n >= UINT_MAX ? UINT_MAX : (unsigned)n;
}

/* The position just past the last character, counting lines as libyaml
 * does (LF, CR, CR LF, NEL, LS and PS each end one) and columns in
 * characters. */
static src_loc end_of_input(const char *file, const unsigned char *data, size_t len)
{
    size_t line = 1;
    size_t column = 1;
    size_t i = len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
    while (i < len) {
        size_t width = 0;
        if (data[i] == '\r' && i + 1 < len && data[i + 1] == '\n')
            width = 2;
        else if (data[i] == '\n' || data[i] == '\r')
            width = 1;
        else if (i + 1 < len && data[i] == 0xC2 && data[i + 1] == 0x85)
            width = 2;
        else if (i + 2 < len && data[i] == 0xE2 && data[i + 1] == 0x80 && (data[i + 2] == 0xA8 || data[i + 2] == 0xA9))
            width = 3;
        if (width > 0) {
            line++;
            column = 1;
            i += width;
            continue;
        }
        if ((data[i] & 0xC0) != 0x80)
            column++;
        i++;
    }
    return (src_loc){file, to_unsigned(line), to_unsigned(column)};
}

/* At the end of a stream that does not end with a line break, libyaml
 * moves its mark to a line of its own, one past the last line of the file;
 * a diagnostic there names the end of the last line instead. */
static src_loc mark_loc(const builder *b, yaml_mark_t mark)
{
    if (mark.line + 1 > b->end.line)
        return b->end;
    return (src_loc){b->file, to_unsigned(mark.line + 1), to_unsigned(mark.column + 1)};
}

static void report_error(builder *b, src_loc loc, const char *fmt, ...) DIAG_PRINTF(3, 4);

static void report_error(builder *b, src_loc loc, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    diag_addv(b->diags, DIAG_ERROR, loc, fmt, ap);
    va_end(ap);
    b->errors++;
}

static void report_out_of_memory(builder *b)
{
    if (!b->out_of_memory)
        report_error(b, (src_loc){b->file, 0, 0}, "out of memory while loading");
    b->out_of_memory = true;
    b->stop = true;
}

static cnode *new_node(builder *b, cnode_kind kind, yaml_mark_t mark)
{
    cnode *node = arena_zalloc(b->set->arena, sizeof(*node));
    if (node == NULL) {
        report_out_of_memory(b);
        return NULL;
    }
    node->kind = kind;
    node->loc = mark_loc(b, mark);
    node->text = "";
    return node;
}

/* A null stands in for an alias that cannot be resolved, so the document
 * keeps its shape and later stages report nothing spurious about it. */
static cnode *new_null(builder *b, yaml_mark_t mark)
{
    cnode *node = new_node(b, CNODE_SCALAR, mark);
    if (node != NULL)
        node->scalar_type = CSCALAR_NULL;
    return node;
}

static void attach(builder *b, cnode *node, size_t expanded)
{
    if (b->depth == 0) {
        b->root = node;
        return;
    }
    if (b->pending_count == b->pending_capacity) {
        size_t capacity = b->pending_capacity ? b->pending_capacity * 2 : 256;
        cnode **pending = realloc(b->pending, capacity * sizeof(*pending));
        if (pending == NULL) {
            report_out_of_memory(b);
            return;
        }
        b->pending = pending;
        b->pending_capacity = capacity;
    }
    b->pending[b->pending_count++] = node;
    frame *parent = &b->frames[b->depth - 1];
    parent->expanded = add_saturating(parent->expanded, expanded);
}

/* Returns the anchor record number for an anchored node, SIZE_MAX if none
 * (or memory ran out, which stops the builder). */
static size_t define_anchor(builder *b, const yaml_char_t *anchor)
{
    if (anchor == NULL)
        return SIZE_MAX;
    size_t number = anchor_define(&b->anchors, (const char *)anchor);
    if (number == SIZE_MAX)
        report_out_of_memory(b);
    return number;
}

static void short_tag(const char *tag, char *out, size_t size)
{
    static const char core[] = "tag:yaml.org,2002:";
    if (strncmp(tag, core, sizeof(core) - 1) == 0)
        snprintf(out, size, "!!%s", tag + sizeof(core) - 1);
    else
        yaml_load_quote(tag, strlen(tag), out, size);
}

static void report_scalar_problem(builder *b, const cnode *node, scalar_problem problem,
                                  const char *tag)
{
    if (problem == SCALAR_FINE)
        return;
    char text[96];
    char tag_text[96];
    yaml_load_quote(node->text, node->text_len, text, sizeof(text));
    switch (problem) {
    case SCALAR_FINE:
        break;
    case SCALAR_INT_OUT_OF_RANGE:
        report_error(b, node->loc,
                     "integer %s is out of range (beyond +-2^53); quote it to keep it as a string",
                     text);
        break;
    case SCALAR_FLOAT_OUT_OF_RANGE:
        report_error(b, node->loc, "number %s is out of the range of a double", text);
        break;
    case SCALAR_TAG_MISMATCH:
        short_tag(tag, tag_text, sizeof(tag_text));
        report_error(b, node->loc, "'%s' is not a valid %s", text, tag_text);
        break;
    case SCALAR_UNSUPPORTED_TAG:
        short_tag(tag, tag_text, sizeof(tag_text));
        report_error(b, node->loc, "unsupported tag '%s'", tag_text);
        break;
    }
}

static void on_scalar(builder *b, const yaml_event_t *event)
{
    cnode *node = new_node(b, CNODE_SCALAR, event->start_mark);
    if (node == NULL)
        return;
    const char *value = (const char *)event->data.scalar.value;
    size_t length = event->data.scalar.length;
    char *text = arena_strndup(b->set->arena, value, length);
    if (text == NULL) {
        report_out_of_memory(b);
        return;
    }
    node->text = text;
    node->text_len = length;
    node->quoted = event->data.scalar.style != YAML_PLAIN_SCALAR_STYLE &&
                   event->data.scalar.style != YAML_ANY_SCALAR_STYLE;
    const char *tag = (const char *)event->data.scalar.tag;
    report_scalar_problem(b, node, yaml_scalar_resolve(node, tag), tag);
    if (memchr(text, '\0', length) != NULL)
        report_error(b, node->loc, "string holds a NUL character");
    size_t anchor = define_anchor(b, event->data.scalar.anchor);
    if (anchor != SIZE_MAX) {
        b->anchors.defs[anchor].node = node;
        b->anchors.defs[anchor].expanded = 1;
    }
    attach(b, node, 1);
}

static void on_alias(builder *b, const yaml_event_t *event)
{
    const char *name = (const char *)event->data.alias.anchor;
    anchor_def *def = anchor_lookup(&b->anchors, name);
    if (def == NULL || def->node == NULL) {
        char quoted[96];
        yaml_load_quote(name, strlen(name), quoted, sizeof(quoted));
        if (def == NULL)
            report_error(b, mark_loc(b, event->start_mark), "undefined alias '*%s'", quoted);
        else
            report_error(b, mark_loc(b, event->start_mark),
                         "alias '*%s' refers to a node that contains it", quoted);
        cnode *null_node = new_null(b, event->start_mark);
        if (null_node != NULL)
            attach(b, null_node, 1);
        return;
    }
    b->alias_nodes = add_saturating(b->alias_nodes, def->expanded);
    if (b->alias_nodes > b->set->limits.max_alias_nodes) {
        report_error(b, mark_loc(b, event->start_mark), "alias expansion exceeds %zu nodes",
                     b->set->limits.max_alias_nodes);
        b->stop = true;
        return;
    }
    attach(b, def->node, def->expanded);
}

static bool container_tag_ok(const char *tag, cnode_kind kind)
{
    if (tag == NULL || strcmp(tag, "!") == 0)
        return true;
    const char *expected = kind == CNODE_MAPPING ? "tag:yaml.org,2002:map" : "tag:yaml.org,2002:seq";
    return strcmp(tag, expected) == 0;
}

static void on_container_start(builder *b, const yaml_event_t *event, cnode_kind kind)
{
    if (b->depth >= b->set->limits.max_depth) {
        report_error(b, mark_loc(b, event->start_mark), "nesting exceeds the limit of %zu levels",
                     b->set->limits.max_depth);
        b->stop = true;
        return;
    }
    cnode *node = new_node(b, kind, event->start_mark);
    if (node == NULL)
        return;
    const yaml_char_t *anchor_name;
    const yaml_char_t *tag;
    if (kind == CNODE_MAPPING) {
        anchor_name = event->data.mapping_start.anchor;
        tag = event->data.mapping_start.tag;
    } else {
        anchor_name = event->data.sequence_start.anchor;
        tag = event->data.sequence_start.tag;
    }
    if (!container_tag_ok((const char *)tag, kind)) {
        char tag_text[96];
        short_tag((const char *)tag, tag_text, sizeof(tag_text));
        report_error(b, node->loc, "unsupported tag '%s'", tag_text);
    }
    if (b->depth == b->frame_capacity) {
        size_t capacity = b->frame_capacity ? b->frame_capacity * 2 : 16;
        frame *frames = realloc(b->frames, capacity * sizeof(*frames));
        if (frames == NULL) {
            report_out_of_memory(b);
            return;
        }
        b->frames = frames;
        b->frame_capacity = capacity;
    }
    size_t anchor = define_anchor(b, anchor_name);
    if (b->stop)
        return;
    b->frames[b->depth++] = (frame){
        .node = node, .first_pending = b->pending_count, .expanded = 1, .anchor = anchor};
}

static bool same_key(const cnode *a, const cnode *b)
{
    return a->text_len == b->text_len && memcmp(a->text, b->text, a->text_len) == 0;
}

static void report_duplicate(builder *b, const cnode *first, const cnode *again)
{
    char text[96];
    yaml_load_quote(again->text, again->text_len, text, sizeof(text));
    report_error(b, again->loc, "duplicate key '%s'", text);
    diag_note(b->diags, first->loc, "first defined here");
}

typedef struct key_ref {
    const cnode *key;
    size_t position;
} key_ref;

static int compare_key_refs(const void *pa, const void *pb)
{
    const key_ref *a = pa;
    const key_ref *b = pb;
    size_t n = a->key->text_len < b->key->text_len ? a->key->text_len : b->key->text_len;
    int c = memcmp(a->key->text, b->key->text, n);
    if (c != 0)
        return c;
    if (a->key->text_len != b->key->text_len)
        return a->key->text_len < b->key->text_len ? -1 : 1;
    return a->position < b->position ? -1 : (a->position > b->position);
}

/* Marks the later pairs of every duplicated key by clearing their key.
 * Small mappings compare all pairs; big ones sort, so a mapping of a
 * million keys costs n log n, not n^2. */
static void mark_duplicates(builder *b, cnode_pair *pairs, size_t count)
{
    enum { SMALL_MAPPING = 16 };
    if (count <= SMALL_MAPPING) {
        for (size_t i = 1; i < count; i++) {
            for (size_t j = 0; j < i; j++) {
                if (pairs[j].key != NULL && same_key(pairs[j].key, pairs[i].key)) {
                    report_duplicate(b, pairs[j].key, pairs[i].key);
                    pairs[i].key = NULL;
                    break;
                }
            }
        }
        return;
    }
    key_ref *refs = malloc(count * sizeof(*refs));
    if (refs == NULL) {
        report_out_of_memory(b);
        return;
    }
    for (size_t i = 0; i < count; i++)
        refs[i] = (key_ref){pairs[i].key, i};
    qsort(refs, count, sizeof(*refs), compare_key_refs);
    size_t run_start = 0;
    for (size_t i = 1; i < count; i++) {
        if (same_key(refs[run_start].key, refs[i].key)) {
            report_duplicate(b, refs[run_start].key, refs[i].key);
            pairs[refs[i].position].key = NULL;
        } else {
            run_start = i;
        }
    }
    free(refs);
}

/* Checks a pair's key; false drops the pair (the error is reported). */
static bool key_acceptable(builder *b, const cnode *key)
{
    if (key->kind != CNODE_SCALAR) {
        report_error(b, key->loc, "a mapping key must be a scalar, not a %s",
                     cnode_kind_name(key));
        return false;
    }
    if (!key->quoted && strcmp(key->text, "<<") == 0) {
        report_error(b, key->loc, "merge keys ('<<') are not supported; write the keys out");
        return false;
    }
    return true;
}

static void finish_mapping(builder *b, cnode *node, cnode **children, size_t count)
{
    size_t pair_count = count / 2;
    cnode_pair *pairs = arena_calloc(b->set->arena, pair_count, sizeof(*pairs));
    if (pairs == NULL) {
        report_out_of_memory(b);
        return;
    }
    size_t kept = 0;
    for (size_t i = 0; i < pair_count; i++) {
        cnode *key = children[2 * i];
        if (!key_acceptable(b, key))
            continue;
        pairs[kept].key = key;
        pairs[kept].value = children[2 * i + 1];
        kept++;
    }
    mark_duplicates(b, pairs, kept);
    size_t unique = 0;
    for (size_t i = 0; i < kept; i++) {
        if (pairs[i].key != NULL)
            pairs[unique++] = pairs[i];
    }
    node->pairs = pairs;
    node->count = unique;
}

static void finish_sequence(builder *b, cnode *node, cnode **children, size_t count)
{
    cnode **items = arena_calloc(b->set->arena, count, sizeof(*items));
    if (items == NULL) {
        report_out_of_memory(b);
        return;
    }
    if (count > 0)
        memcpy(items, children, count * sizeof(*items));
    node->items = items;
    node->count = count;
}

static void on_container_end(builder *b)
{
    frame done = b->frames[--b->depth];
    size_t count = b->pending_count - done.first_pending;
    /* An empty container may end before anything was ever pending. */
    cnode **children = count > 0 ? b->pending + done.first_pending : NULL;
    if (done.node->kind == CNODE_MAPPING)
        finish_mapping(b, done.node, children, count);
    else
        finish_sequence(b, done.node, children, count);
    b->pending_count = done.first_pending;
    if (b->stop)
        return;
    if (done.anchor != SIZE_MAX) {
        b->anchors.defs[done.anchor].node = done.node;
        b->anchors.defs[done.anchor].expanded = done.expanded;
    }
    attach(b, done.node, done.expanded);
}

static void on_document_end(builder *b)
{
    if (b->root != NULL && !cnode_is_null(b->root)) {
        if (load_set_append_doc(b->set, b->file, b->doc_index, b->root))
            b->docs_added++;
        else
            report_out_of_memory(b);
    }
    b->root = NULL;
    b->doc_index++;
    anchor_table_clear(&b->anchors);
}

static void on_event(builder *b, const yaml_event_t *event)
{
    switch (event->type) {
    case YAML_SCALAR_EVENT:
        on_scalar(b, event);
        break;
    case YAML_ALIAS_EVENT:
        on_alias(b, event);
        break;
    case YAML_SEQUENCE_START_EVENT:
        on_container_start(b, event, CNODE_SEQUENCE);
        break;
    case YAML_MAPPING_START_EVENT:
        on_container_start(b, event, CNODE_MAPPING);
        break;
    case YAML_SEQUENCE_END_EVENT:
    case YAML_MAPPING_END_EVENT:
        on_container_end(b);
        break;
    case YAML_DOCUMENT_END_EVENT:
        on_document_end(b);
        break;
    case YAML_NO_EVENT:
    case YAML_STREAM_START_EVENT:
    case YAML_STREAM_END_EVENT:
    case YAML_DOCUMENT_START_EVENT:
        break;
    }
}

/* libyaml counts a column in characters; find the byte it names to tell
 * a tab apart from other characters that cannot start a token. */
static int char_at_mark(const builder *b, yaml_mark_t mark)
{
    size_t line = 0;
    size_t i = 0;
    while (i < b->len && line < mark.line) {
        if (b->data[i] == '\n' || (b->data[i] == '\r' && (i + 1 >= b->len || b->data[i + 1] != '\n')))
            line++;
        i++;
    }
    if (line == 0 && b->len >= 3 && memcmp(b->data, "\xEF\xBB\xBF", 3) == 0)
        i = 3;
    for (size_t column = 0; i < b->len; i++) {
        if ((b->data[i] & 0xC0) == 0x80)
            continue;
        if (column == mark.column)
            return b->data[i];
        column++;
    }
    return -1;
}

/* libyaml names the byte that broke a UTF-8 sequence; the column of the
 * character it belongs to is where an editor should jump, and naming the
 * likely cause (a Latin-1 or binary file) saves a hex dump. */
static void report_reader_error(builder *b, const yaml_parser_t *parser)
{
    size_t offset = parser->problem_offset < b->len ? parser->problem_offset : b->len;
    const char *problem = parser->problem != NULL ? parser->problem : "cannot read the input";
    int value = parser->problem_value;
    bool trailing = strcmp(problem, "invalid trailing UTF-8 octet") == 0;
    size_t start = offset;
    if (trailing) {
        while (start > 0 && (b->data[start - 1] & 0xC0) == 0x80)
            start--;
        if (start > 0 && b->data[start - 1] >= 0xC0)
            start--;
    }
    unsigned line;
    unsigned col;
    yaml_load_offset_position(b->data, b->len, start, &line, &col);
    src_loc loc = {b->file, line, col};
    if (trailing && start < offset)
        report_error(b, loc, "%s 0x%02X after 0x%02X (the file is not UTF-8 text)", problem,
                     (unsigned)value & 0xFFu, b->data[start]);
    else if (value >= 0 && strstr(problem, "UTF-8") != NULL)
        report_error(b, loc, "%s 0x%02X (the file is not UTF-8 text)", problem,
                     (unsigned)value & 0xFFu);
    else if (value >= 0)
        report_error(b, loc, "%s (U+%04X)", problem, (unsigned)value);
    else
        report_error(b, loc, "%s", problem);
}

static void report_syntax_error(builder *b, const yaml_parser_t *parser)
{
    src_loc loc = mark_loc(b, parser->problem_mark);
    const char *problem = parser->problem != NULL ? parser->problem : "syntax error";
    if (strcmp(problem, "found character that cannot start any token") == 0 &&
        char_at_mark(b, parser->problem_mark) == '\t')
        report_error(b, loc, "found a tab character where a token or indentation was expected "
                             "(YAML indents with spaces only)");
    else
        report_error(b, loc, "%s", problem);
    bool context_elsewhere = parser->context_mark.line != parser->problem_mark.line ||
                             parser->context_mark.column != parser->problem_mark.column;
    if (parser->context != NULL && context_elsewhere)
        diag_note(b->diags, mark_loc(b, parser->context_mark), "%s", parser->context);
}

static void report_parser_failure(builder *b, const yaml_parser_t *parser)
{
    switch (parser->error) {
    case YAML_READER_ERROR:
        report_reader_error(b, parser);
        break;
    case YAML_SCANNER_ERROR:
    case YAML_PARSER_ERROR:
        report_syntax_error(b, parser);
        break;
    case YAML_MEMORY_ERROR:
        report_out_of_memory(b);
        break;
    case YAML_NO_ERROR:
    case YAML_COMPOSER_ERROR:
    case YAML_WRITER_ERROR:
    case YAML_EMITTER_ERROR:
        report_error(b, (src_loc){b->file, 0, 0}, "cannot parse: %s",
                     parser->problem != NULL ? parser->problem : "unknown libyaml error");
        break;
    }
    b->stop = true;
}

static void builder_free(builder *b)
{
    free(b->frames);
    free(b->pending);
    anchor_table_clear(&b->anchors);
}

bool yaml_load_parse(load_set *set, const char *file, const unsigned char *data, size_t len,
                     diag_set *diags)
{
    builder b = {.set = set, .diags = diags, .file = file, .data = data, .len = len};
    b.end = end_of_input(file, data, len);
    anchor_table_init(&b.anchors);
    yaml_parser_t parser;
    if (!yaml_parser_initialize(&parser)) {
        report_out_of_memory(&b);
        return false;
    }
    yaml_parser_set_input_string(&parser, data, len);
    while (!b.stop) {
        yaml_event_t event;
        if (!yaml_parser_parse(&parser, &event)) {
            report_parser_failure(&b, &parser);
            break;
        }
        on_event(&b, &event);
        bool end = event.type == YAML_STREAM_END_EVENT;
        yaml_event_delete(&event);
        if (end)
            break;
    }
    yaml_parser_delete(&parser);
    if (b.docs_added == 0 && b.errors == 0)
        diag_warning(diags, (src_loc){file, 0, 0}, "file holds no spec documents");
    builder_free(&b);
    return !b.out_of_memory;
}
