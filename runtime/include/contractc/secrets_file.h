/* contractc/secrets_file.h: secrets as files in a directory (for example
 * /run/secrets of Docker or a Kubernetes secret volume), one file per
 * secret.
 *
 * Id "file".  References are "file://NAME", where NAME is a relative path
 * inside the directory ("file://stripe/api-key" reads DIR/stripe/api-key);
 * with accept_bare_names a reference without "://" is a NAME as well.
 * Query extras are ignored, and so is the version argument (a file has one
 * version, reported as "current").
 *
 * Errors:
 *   INVALID    the name is empty, absolute, has a "." or ".." segment, a
 *              NUL-free but empty segment, resolves (through symbolic
 *              links) outside the directory, or is not a regular file;
 *   NOT_FOUND  no such file;
 *   FORBIDDEN  the file is readable or writable by group or others (the
 *              message names the file and its mode), or cannot be opened.
 * Files larger than CS_SECRET_FILE_MAX_BYTES are INVALID.
 *
 * Writes (only with writable): put and rotate write DIR/NAME atomically
 * (temporary file in the same directory with mode 0600, fsync, rename,
 * fsync of the directory) and return "file://NAME"; the parent directory
 * must exist.  remove unlinks the file (NOT_FOUND when absent).  Without
 * writable the three operations are FORBIDDEN.
 *
 * Ownership: the options are copied.  Destroy the provider with
 * cs_secret_provider_destroy().
 *
 * Thread safety: every operation may run from several threads at once; a
 * reader sees either the old or the new file, never a partial one.
 */
#ifndef CONTRACTC_SECRETS_FILE_H
#define CONTRACTC_SECRETS_FILE_H

#include <stdbool.h>

#include "contractc/secrets.h"

#ifdef __cplusplus
extern "C" {
#endif

#define CS_SECRET_FILE_MAX_BYTES (1024 * 1024)

typedef struct cs_secret_file_options {
    const char *directory;          /* required; must exist */
    bool accept_bare_names;         /* "NAME" as well as "file://NAME" */
    bool strip_trailing_newline;    /* drop one final "\n" or "\r\n" when reading */
    bool writable;                  /* enable put, rotate and remove */
} cs_secret_file_options;

/* Returns the provider, or NULL with err filled (INVALID: no directory or
 * not a directory; NOT_FOUND: the directory does not exist; UNKNOWN: out of
 * memory). */
cs_secret_provider *cs_secret_file_provider_new(const cs_secret_file_options *options,
                                                cs_secret_error *err);

#ifdef __cplusplus
}
#endif

#endif
