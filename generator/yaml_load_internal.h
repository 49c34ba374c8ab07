/* yaml_load_internal: what the loader's source files share; not for use
 * outside yaml_load*.c, load_paths.c and cnode.c. */
#ifndef CONTRACTC_YAML_LOAD_INTERNAL_H
#define CONTRACTC_YAML_LOAD_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

#include "arena.h"
#include "cnode.h"
#include "diag.h"

typedef struct file_identity {
    dev_t dev;
    ino_t ino;
    bool used;
} file_identity;

/* A hash set of file identities (device and inode). */
typedef struct identity_set {
    file_identity *slots;
    size_t count;
    size_t capacity;   /* 0 or a power of two */
} identity_set;

struct load_set {
    load_limits limits;
    arena *arena;          /* every node, string and file name */
    cdoc *docs;            /* malloc'd array */
    size_t doc_count;
    size_t doc_capacity;
    size_t file_count;
    identity_set seen;     /* files loaded through a path, to load each once */
};

/* Parses one file's bytes and appends its documents to set.  file is a
 * name already copied into set->arena.  Returns false only when memory
 * ran out (reported to diags as well). */
bool yaml_load_parse(load_set *set, const char *file, const unsigned char *data, size_t len,
                     diag_set *diags);

bool load_set_append_doc(load_set *set, const char *file, size_t index, cnode *root);

/* Scalar resolution (YAML 1.2 core schema, see cnode.h). */
typedef enum scalar_problem {
    SCALAR_FINE,
    SCALAR_INT_OUT_OF_RANGE,    /* a plain integer beyond +-2^53 */
    SCALAR_FLOAT_OUT_OF_RANGE,  /* a plain number that overflows a double */
    SCALAR_TAG_MISMATCH,        /* !!int, !!bool... on text of another type */
    SCALAR_UNSUPPORTED_TAG      /* a tag outside the core schema */
} scalar_problem;

/* Sets node->scalar_type and the values from node->text, node->quoted and
 * the event's tag (NULL when none). */
scalar_problem yaml_scalar_resolve(cnode *node, const char *tag);

/* Largest integer magnitude a plain scalar may hold: 2^53, the range in
 * which every integer survives a trip through a JSON number (a double). */
#define YAML_LOAD_MAX_SAFE_INT 9007199254740992LL

/* Writes text as a short, printable quotation for a diagnostic: control
 * characters escaped, long text cut with "...".  out has size bytes. */
void yaml_load_quote(const char *text, size_t len, char *out, size_t size);

/* Anchors of one document.  Each definition is a record (a later
 * definition of a name shadows an earlier one for later aliases); a
 * hash index maps a name to its latest record. */
typedef struct anchor_def {
    char *name;        /* malloc'd */
    cnode *node;       /* NULL until the anchored node is complete */
    size_t expanded;   /* nodes reachable from node, aliases expanded */
} anchor_def;

typedef struct anchor_table {
    anchor_def *defs;
    size_t count;
    size_t capacity;
    size_t *index;     /* open addressing: def number + 1, 0 = empty */
    size_t index_size; /* a power of two, at least twice count */
} anchor_table;

void anchor_table_init(anchor_table *table);
/* Forgets every anchor (end of a document) and frees the memory. */
void anchor_table_clear(anchor_table *table);
/* Records a definition of name; returns its record number or SIZE_MAX
 * when memory runs out. */
size_t anchor_define(anchor_table *table, const char *name);
/* The latest definition of name, or NULL. */
anchor_def *anchor_lookup(anchor_table *table, const char *name);

/* 1-based line and column (in characters) of byte offset in data. */
void yaml_load_offset_position(const unsigned char *data, size_t len, size_t offset,
                               unsigned *line, unsigned *col);

#endif
