/* Helpers shared by the loader suites: load text, read back diagnostics. */
#ifndef CONTRACTC_LOADER_TEST_UTIL_H
#define CONTRACTC_LOADER_TEST_UTIL_H

#include <stdbool.h>

#include "cnode.h"
#include "diag.h"

typedef struct loaded {
    load_set *set;
    diag_set *diags;
    bool ok;        /* what load_set_add_* returned */
    char *text;     /* every diagnostic, sorted, GCC format, one per line */
} loaded;

/* Loads yaml (NUL-terminated) as a file called name. */
loaded load_text(const char *name, const char *yaml);
/* Loads len bytes (may hold NULs). */
loaded load_bytes(const char *name, const char *data, size_t len, const load_limits *limits);
/* Loads a path under tests/fixtures/loader/ (relative), named as found. */
loaded load_fixture(const char *relative);
/* Loads an absolute path. */
loaded load_path(const char *path, const load_limits *limits);
void loaded_free(loaded *l);

/* All diagnostics of diags, sorted, one per line (malloc'd). */
char *diag_text(diag_set *diags);

/* The root of document index of l, or NULL. */
const cnode *loaded_root(const loaded *l, size_t index);

#endif
