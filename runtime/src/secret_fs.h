/* File-system helpers shared by the file provider, the encrypted store and
 * the contractc-secrets tool (private to the runtime). */
#ifndef CONTRACTC_SECRET_FS_H
#define CONTRACTC_SECRET_FS_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

#include "contractc/secrets.h"

/* Writes data to path atomically: a temporary file created with mode 0600
 * in path's directory, fsync, rename over path, fsync of the directory.
 * On failure the temporary file is removed, path is untouched, and err is
 * filled (provider id given). */
cs_secret_code cs_secret_fs_write_atomic(const char *path, const unsigned char *data, size_t len,
                                         const char *provider, cs_secret_error *err);

/* Writes all of data[0..len) to fd, retrying short and interrupted
 * writes; false on an error (errno set) or when nothing can be written. */
bool cs_secret_fs_write_all(int fd, const unsigned char *data, size_t len);

/* Reads the regular file open on fd (at most max_bytes) into a malloc'd
 * NUL-terminated buffer; the caller releases it with cs_secret_bytes_free.
 * Returns OK, INVALID (too large) or UNKNOWN (read error, out of memory)
 * with err filled; what names the file in messages. */
cs_secret_code cs_secret_fs_read_fd(int fd, size_t max_bytes, const char *what,
                                    const char *provider, unsigned char **out, size_t *out_len,
                                    cs_secret_error *err);

/* Maps an errno value from open/stat/realpath to a secret code:
 * ENOENT/ENOTDIR -> NOT_FOUND, EACCES/EPERM -> FORBIDDEN, ELOOP -> INVALID,
 * others -> UNKNOWN. */
cs_secret_code cs_secret_fs_errno_code(int error_number);

/* strerror into a caller buffer (thread-safe). */
const char *cs_secret_fs_describe_errno(int error_number, char *buffer, size_t size);

/* True when mode grants group or other read or write access. */
bool cs_secret_fs_mode_too_open(mode_t mode);

#endif
