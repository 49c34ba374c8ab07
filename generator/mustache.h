/* mustache: a Mustache template engine over cJSON views.
 *
 * Templates compile once into a flat instruction array and render many
 * times.  The engine implements the official spec's required modules
 * (interpolation, sections, inverted, comments, partials, delimiters) and
 * the optional ~inheritance and ~dynamic-names modules.  It knows nothing
 * of contractc's specs: a view is any cJSON tree.
 *
 * Truthiness: only a missing name, null, false and an empty array are
 * falsy.  0 and "" are truthy (mustache.js disagrees), so a value the view
 * carries is never mistaken for "unset".
 *
 * Ownership:
 *   - mustache_compile copies the source; the caller keeps its buffer.
 *     mustache_template_free(NULL) is a no-op.
 *   - mustache_partials owns every template it compiled and every string a
 *     loader hands it; mustache_partials_free(NULL) is a no-op.
 *   - mustache_buf owns its data; mustache_buf_free releases it.
 *   - A failed call leaves nothing half-owned: outputs are untouched or
 *     freed, and *err (when not NULL) says why.
 *
 * Errors carry the template name, a 1-based line and byte column, and a
 * message; mustache_error_print writes them as
 *     name:line:col: error: message
 * followed by a note line when the error has a related place.
 */
#ifndef CONTRACTC_MUSTACHE_H
#define CONTRACTC_MUSTACHE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include <cjson/cJSON.h>

/* Error codes, declared once: X(ENUM, "name"). */
#define MUSTACHE_ERROR_CODES(X)                                   \
    X(MUSTACHE_OK, "ok")                                          \
    X(MUSTACHE_ERR_NOMEM, "out-of-memory")                        \
    X(MUSTACHE_ERR_TOO_LARGE, "template-too-large")               \
    X(MUSTACHE_ERR_UNCLOSED_TAG, "unclosed-tag")                  \
    X(MUSTACHE_ERR_EMPTY_TAG, "empty-tag")                        \
    X(MUSTACHE_ERR_BAD_NAME, "bad-name")                          \
    X(MUSTACHE_ERR_BAD_DELIMITERS, "bad-set-delimiter")           \
    X(MUSTACHE_ERR_UNCLOSED_SECTION, "unclosed-section")          \
    X(MUSTACHE_ERR_MISMATCHED_CLOSE, "mismatched-close")          \
    X(MUSTACHE_ERR_UNEXPECTED_CLOSE, "unexpected-close")          \
    X(MUSTACHE_ERR_NESTING, "nesting-too-deep")                   \
    X(MUSTACHE_ERR_UNKNOWN_PARTIAL, "unknown-partial")            \
    X(MUSTACHE_ERR_PARTIAL_DEPTH, "partial-recursion-too-deep")   \
    X(MUSTACHE_ERR_LOAD, "partial-load-failed")                   \
    X(MUSTACHE_ERR_IO, "io-error")                                \
    X(MUSTACHE_ERR_ESCAPE, "escape-callback-failed")              \
    X(MUSTACHE_ERR_OUTPUT_LIMIT, "output-too-large")              \
    X(MUSTACHE_ERR_USAGE, "bad-argument")

#define MUSTACHE_ENUM_ENTRY(name, text) name,
typedef enum mustache_error_code { MUSTACHE_ERROR_CODES(MUSTACHE_ENUM_ENTRY) } mustache_error_code;
#undef MUSTACHE_ENUM_ENTRY

enum {
    MUSTACHE_NAME_MAX = 512,    /* template names longer than this are truncated */
    MUSTACHE_MESSAGE_MAX = 256
};

/* line/column are 1-based; 0 means "no position" (for example out of
 * memory).  A note names the related place of an error (the opening tag
 * of a section closed by the wrong name). */
typedef struct mustache_error {
    mustache_error_code code;
    char name[MUSTACHE_NAME_MAX];
    unsigned line;
    unsigned column;
    char message[MUSTACHE_MESSAGE_MAX];
    bool has_note;
    unsigned note_line;
    unsigned note_column;
    char note[MUSTACHE_MESSAGE_MAX];
} mustache_error;

/* "unclosed-tag", ...: stable names for logs and tests. */
const char *mustache_error_code_name(mustache_error_code code);
/* Prints "name:line:col: error: message" (and the note) with a newline. */
void mustache_error_print(FILE *out, const mustache_error *err);

/* ---- output ---- */

/* A growable byte buffer (amortised doubling).  Zero-initialise it or call
 * mustache_buf_init.  data is NUL-terminated whenever it is not NULL. */
typedef struct mustache_buf {
    char *data;
    size_t len;
    size_t cap;
} mustache_buf;

void mustache_buf_init(mustache_buf *buf);
void mustache_buf_free(mustache_buf *buf);
void mustache_buf_clear(mustache_buf *buf);     /* len = 0, keeps the memory */
/* Appends n bytes; false (buffer unchanged) when memory runs out. */
bool mustache_buf_append(mustache_buf *buf, const char *s, size_t n);
bool mustache_buf_reserve(mustache_buf *buf, size_t extra);

/* Where rendering goes: append to a buffer, or write to a FILE* (staged
 * through an internal buffer and written in large blocks). */
typedef struct mustache_sink {
    mustache_buf *buf;
    FILE *file;
} mustache_sink;

mustache_sink mustache_sink_buffer(mustache_buf *buf);
mustache_sink mustache_sink_file(FILE *file);

/* ---- escaping ---- */

typedef enum mustache_escape_mode {
    MUSTACHE_ESCAPE_HTML,       /* the spec's set: & < > "  */
    MUSTACHE_ESCAPE_HTML_JS,    /* mustache.js's set: & < > " ' / ` =  */
    MUSTACHE_ESCAPE_NONE,       /* {{x}} prints like {{{x}}} */
    MUSTACHE_ESCAPE_CALLBACK    /* mustache_render_options.escape_fn */
} mustache_escape_mode;

/* Appends the escaped form of s[0..n) to out; returns false on failure
 * (rendering then stops with MUSTACHE_ERR_ESCAPE). */
typedef bool (*mustache_escape_fn)(void *user, const char *s, size_t n, mustache_buf *out);

/* Appends s[0..n) escaped with a built-in mode (HTML or HTML_JS; NONE
 * copies).  Returns false when memory runs out. */
bool mustache_escape_append(mustache_escape_mode mode, const char *s, size_t n, mustache_buf *out);

/* ---- templates ---- */

typedef struct mustache_template mustache_template;

typedef struct mustache_options {
    unsigned max_nesting;   /* sections/blocks nested deeper fail; 0: 1000 */
} mustache_options;

/* Compiles src[0..len) (need not be NUL-terminated).  name is used in
 * error messages (a path, or a partial's name).  options may be NULL.
 * Returns NULL and fills *err (when not NULL) on error. */
mustache_template *mustache_compile(const char *name, const char *src, size_t len,
                                    const mustache_options *options, mustache_error *err);
void mustache_template_free(mustache_template *tpl);
const char *mustache_template_name(const mustache_template *tpl);

/* ---- partials ---- */

typedef enum mustache_load_status {
    MUSTACHE_LOAD_OK,
    MUSTACHE_LOAD_NOT_FOUND,
    MUSTACHE_LOAD_ERROR
} mustache_load_status;

/* What a loader hands over: text (malloc'd, len bytes) and optionally
 * origin (malloc'd, NUL-terminated; for example the file's path), which
 * becomes the template's name in errors.  The engine frees both. */
typedef struct mustache_source {
    char *text;
    size_t len;
    char *origin;
} mustache_source;

/* Looks a partial up by name.  On MUSTACHE_LOAD_ERROR the loader fills
 * err (code MUSTACHE_ERR_LOAD or MUSTACHE_ERR_IO) and out stays empty. */
typedef mustache_load_status (*mustache_loader_fn)(void *user, const char *name,
                                                   mustache_source *out, mustache_error *err);

/* Built-in loader: user is a const mustache_dir_list *.  NAME resolves to
 * DIR/NAME.EXT in the first directory (in list order) that has it, so an
 * override directory listed first shadows the defaults file by file.
 * Names with an empty, "." or ".." path component, a backslash or a NUL
 * are never looked up (not found). */
typedef struct mustache_dir_list {
    const char *const *dirs;
    size_t count;
    const char *extension;  /* without the dot; NULL: "mustache" */
} mustache_dir_list;
mustache_load_status mustache_dir_loader(void *user, const char *name, mustache_source *out,
                                         mustache_error *err);

/* Built-in loader: user is a const cJSON * object mapping names to
 * template strings (the spec suite's "partials"). */
mustache_load_status mustache_json_loader(void *user, const char *name, mustache_source *out,
                                          mustache_error *err);

/* Reads a whole file into a malloc'd, NUL-terminated buffer.  On failure
 * returns false and fills err (MUSTACHE_ERR_IO, name = path). */
bool mustache_read_file(const char *path, char **text, size_t *len, mustache_error *err);

/* A partial cache: each name is loaded and compiled once (a miss is
 * remembered too).  Keep one per render session, share it between renders. */
typedef struct mustache_partials mustache_partials;

mustache_partials *mustache_partials_new(mustache_loader_fn loader, void *user,
                                         const mustache_options *options);
void mustache_partials_free(mustache_partials *partials);
/* Adds an already-compiled template under name (the cache takes it over,
 * also on failure).  A name added this way is never given to the loader. */
bool mustache_partials_add(mustache_partials *partials, const char *name, mustache_template *tpl);

/* ---- rendering ---- */

typedef struct mustache_render_options {
    mustache_escape_mode escape;
    mustache_escape_fn escape_fn;   /* for MUSTACHE_ESCAPE_CALLBACK */
    void *escape_user;
    mustache_partials *partials;    /* NULL: no partial is known */
    bool strict_partials;           /* an unknown partial is an error */
    unsigned max_depth;             /* partial/parent nesting; 0: 100 */
    size_t max_output;              /* bytes one render may produce; 0: no limit */
} mustache_render_options;

/* Renders tpl against view (NULL renders as an empty object).  options
 * may be NULL (HTML escaping, no partials).  Output is appended to the
 * sink; on error the buffer may hold a partial result and a FILE* may
 * have received part of the output (the caller discards it), and *err
 * says where and why.  max_depth and max_output keep hostile templates
 * (recursive or exponentially expanding partials) from running away. */
bool mustache_render(const mustache_template *tpl, const cJSON *view,
                     const mustache_render_options *options, mustache_sink sink,
                     mustache_error *err);

#endif
