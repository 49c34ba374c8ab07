/* Temp dirs and whole files for test programs (no CUnit, no contractc
 * library: the fuzz corpus replay links this too). */
#ifndef CONTRACTC_TEST_FILES_H
#define CONTRACTC_TEST_FILES_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

/* A fresh directory under $TMPDIR (or /tmp); malloc'd path. */
char *support_temp_dir(void);

/* Removes dir and everything below it, then frees the path. */
void support_remove_tree(char *dir);

/* dir + "/" + name, malloc'd. */
char *support_path(const char *dir, const char *name);

/* Creates or replaces path with data, then sets mode. */
bool support_write_file(const char *path, const void *data, size_t len, mode_t mode);

/* The whole file, malloc'd and NUL-terminated (the NUL not counted in
 * *len), or NULL when it cannot be opened or memory runs out. */
unsigned char *support_read_file(const char *path, size_t *len);

#endif
