/* Shared helpers of the runtime_secrets test programs. */
#ifndef RUNTIME_SECRETS_SUPPORT_H
#define RUNTIME_SECRETS_SUPPORT_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

#include <CUnit/Basic.h>

/* A value no message, listing or output may ever contain. */
#define SUPPORT_CANARY "canary-7e3f19d0-never-print-me"

/* A fresh directory under $TMPDIR (or /tmp); malloc'd path. */
char *support_temp_dir(void);

/* Removes dir and everything below it, then frees the path. */
void support_remove_tree(char *dir);

/* dir + "/" + name, malloc'd. */
char *support_path(const char *dir, const char *name);

/* Creates or replaces path with data, then sets mode. */
bool support_write_file(const char *path, const void *data, size_t len, mode_t mode);

/* The whole file, malloc'd and NUL-terminated, or NULL. */
unsigned char *support_read_file(const char *path, size_t *len);

/* True when haystack[0..len) contains needle. */
bool support_contains(const void *haystack, size_t len, const char *needle);

/* Runs the named suite of tests (NULL-terminated CU_TestInfo array) and
 * returns the process exit status (0 when every assertion passed). */
int support_run_suite(const char *name, CU_TestInfo *tests);

#endif
