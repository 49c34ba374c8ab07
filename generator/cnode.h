/* cnode: the syntax tree the loader builds from YAML and JSON spec files.
 *
 * Every node carries its source location (1-based line and column; the
 * column counts characters, as libyaml does, a tab being one).  Scalars
 * keep their text and the YAML 1.2 core-schema type the loader resolved
 * for them: a quoted or block scalar, or one tagged !!str or !, is always
 * a string; a plain one may be null, bool, int or float.  Integers are
 * decimal only (0x1F stays a string) and must lie within +-2^53, the
 * range a JSON number (a double) holds exactly: a plain integer beyond it
 * is an error ("quote it to keep it as a string").  Explicit !!null,
 * !!bool, !!int, !!float tags are checked against the text; other tags
 * are an error.
 *
 * Mappings keep their pairs in document order, keys are unique (a
 * duplicate key is an error at the second place with a note at the
 * first; the later pair is dropped) and always scalars.  Merge keys
 * ("<<") are not supported: they are an error and the pair is dropped.
 *
 * Aliases are resolved by the loader: an alias node is the anchored node
 * itself (the tree is a DAG, so an aliased node's loc is where the anchor
 * is), and the loader bounds how many nodes alias expansion may reach
 * (load_limits.max_alias_nodes, counted with nested aliases expanded).
 * An undefined alias, or one inside the node it names, is an error and
 * reads as a null.  Nesting deeper than load_limits.max_depth, a syntax
 * or encoding error, or an alias bomb stops the reading of that file:
 * documents completed before it are kept, the one being read is dropped.
 *
 * All nodes and strings belong to the load_set that produced them (one
 * arena, freed by load_set_free).
 */
#ifndef CONTRACTC_CNODE_H
#define CONTRACTC_CNODE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "diag.h"

typedef enum cnode_kind {
    CNODE_SCALAR,
    CNODE_SEQUENCE,
    CNODE_MAPPING
} cnode_kind;

typedef enum cnode_scalar_type {
    CSCALAR_STRING,
    CSCALAR_NULL,    /* plain "", "~", "null", "Null", "NULL" */
    CSCALAR_BOOL,    /* plain true/false (and case variants) */
    CSCALAR_INT,     /* plain decimal integer fitting int64 */
    CSCALAR_FLOAT    /* plain decimal or exponent number */
} cnode_scalar_type;

typedef struct cnode cnode;

typedef struct cnode_pair {
    cnode *key;     /* always a scalar */
    cnode *value;
} cnode_pair;

/* Members are ordered to leave no padding: a big spec has millions of
 * nodes. */
struct cnode {
    src_loc loc;                  /* where the node starts */
    cnode_kind kind;
    /* scalars */
    cnode_scalar_type scalar_type;
    const char *text;             /* NUL-terminated, valid UTF-8; "" for containers */
    size_t text_len;              /* the text may hold a NUL (an error is reported) */
    int64_t int_value;            /* when scalar_type == CSCALAR_INT */
    double float_value;           /* when CSCALAR_INT or CSCALAR_FLOAT */
    bool quoted;                  /* written with quotes or as a block scalar */
    bool bool_value;              /* when CSCALAR_BOOL */
    /* sequences: items[count]; mappings: pairs[count]; scalars: count 0 */
    size_t count;
    cnode **items;
    cnode_pair *pairs;
};

/* One document of a spec file. */
typedef struct cdoc {
    const char *file;     /* path as given or found (owned by the load_set) */
    size_t index;         /* 0-based position of the document in its file */
    cnode *root;          /* never NULL: empty (null) documents are skipped */
} cdoc;

/* Limits that keep hostile input from exhausting the machine. */
typedef struct load_limits {
    size_t max_depth;          /* nesting of sequences/mappings (default 64) */
    size_t max_alias_nodes;    /* nodes reachable through aliases per file (default 100000) */
    size_t max_file_bytes;     /* files larger than this are refused (default 256 MiB) */
} load_limits;

void load_limits_default(load_limits *limits);

typedef struct load_set load_set;

load_set *load_set_new(const load_limits *limits /* NULL: defaults */);
void load_set_free(load_set *set);

/* Loads a file, or every .yaml/.yml/.json file under a directory
 * (recursively, sorted by byte order of the full path; names starting
 * with '.' are skipped; symlink loops are walked once).  A file is loaded
 * once however often it is reached.  Problems are reported to diags.
 * Returns false on an I/O error (missing path, unreadable file or
 * directory) or when memory runs out, which the CLI maps to exit status
 * 2; syntax errors, a file over max_file_bytes, an empty file or a
 * directory without spec files return true with diagnostics. */
bool load_set_add_path(load_set *set, const char *path, diag_set *diags);

/* Loads one file's bytes already in memory (tests, fuzzing).  name is used
 * in diagnostics.  JSON needs no separate path: it is read by the same
 * YAML parser (JSON is YAML's flow style), with the same rules.  Returns
 * false only when memory runs out. */
bool load_set_add_buffer(load_set *set, const char *name, const char *data, size_t len,
                         diag_set *diags);

size_t load_set_doc_count(const load_set *set);
const cdoc *load_set_doc(const load_set *set, size_t index);
/* Number of distinct files read (for the summary line). */
size_t load_set_file_count(const load_set *set);

/* Helpers for lowering. */
const cnode *cnode_get(const cnode *mapping, const char *key);      /* NULL if absent */
const cnode_pair *cnode_get_pair(const cnode *mapping, const char *key);
bool cnode_is_scalar(const cnode *node);
bool cnode_is_null(const cnode *node);                              /* NULL pointer or null scalar */
const char *cnode_kind_name(const cnode *node);                     /* "string", "mapping", ... */

#endif
