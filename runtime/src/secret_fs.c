/* Atomic writes and careful reads of small secret-holding files. */
#define _XOPEN_SOURCE 700 /* mkstemp, fsync, XSI strerror_r */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "secret_fs.h"

const char *cs_secret_fs_describe_errno(int error_number, char *buffer, size_t size)
{
    if (strerror_r(error_number, buffer, size) != 0)
        snprintf(buffer, size, "error %d", error_number);
    return buffer;
}

cs_secret_code cs_secret_fs_errno_code(int error_number)
{
    switch (error_number) {
    case ENOENT:
    case ENOTDIR:
        return CS_SECRET_NOT_FOUND;
    case EACCES:
    case EPERM:
        return CS_SECRET_FORBIDDEN;
    case ELOOP:
        return CS_SECRET_INVALID;
    default:
        return CS_SECRET_UNKNOWN;
    }
}

bool cs_secret_fs_mode_too_open(mode_t mode)
{
    return (mode & (S_IRGRP | S_IWGRP | S_IROTH | S_IWOTH)) != 0;
}

bool cs_secret_fs_write_all(int fd, const unsigned char *data, size_t len)
{
    while (len) {
        ssize_t written = write(fd, data, len);
        if (written < 0 && errno == EINTR)
            continue;
        if (written <= 0)
            return false;
        data += written;
        len -= (size_t)written;
    }
    return true;
}

/* The directory part of path ("." when there is none). */
static void directory_of(const char *path, char *out, size_t size)
{
    const char *slash = strrchr(path, '/');
    if (!slash)
        snprintf(out, size, ".");
    else if (slash == path)
        snprintf(out, size, "/");
    else
        snprintf(out, size, "%.*s", (int)(slash - path), path);
}

static void sync_directory(const char *path)
{
    char directory[PATH_MAX];
    directory_of(path, directory, sizeof directory);
    int fd = open(directory, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return;
    /* Durability of the rename; a failure here cannot be undone. */
    (void)fsync(fd);
    close(fd);
}

static cs_secret_code write_failure(const char *path, const char *step, int error_number,
                                    const char *provider, cs_secret_error *err)
{
    char reason[128];
    cs_secret_code code = cs_secret_fs_errno_code(error_number);
    if (code == CS_SECRET_NOT_FOUND || code == CS_SECRET_INVALID)
        code = CS_SECRET_UNKNOWN;
    return cs_secret_error_set(err, code, provider, "cannot write %s (%s): %s", path, step,
                               cs_secret_fs_describe_errno(error_number, reason, sizeof reason));
}

cs_secret_code cs_secret_fs_write_atomic(const char *path, const unsigned char *data, size_t len,
                                         const char *provider, cs_secret_error *err)
{
    char temporary[PATH_MAX];
    char directory[PATH_MAX];
    directory_of(path, directory, sizeof directory);
    const char *base = strrchr(path, '/') ? strrchr(path, '/') + 1 : path;
    if ((size_t)snprintf(temporary, sizeof temporary, "%s/.%s.tmp.XXXXXX", directory, base) >=
        sizeof temporary)
        return cs_secret_error_set(err, CS_SECRET_INVALID, provider, "path too long: %s", path);

    int fd = mkstemp(temporary); /* mode 0600 */
    if (fd < 0)
        return write_failure(path, "create temporary file", errno, provider, err);
    const char *step = NULL;
    if (fchmod(fd, S_IRUSR | S_IWUSR) != 0)
        step = "chmod";
    else if (!cs_secret_fs_write_all(fd, data, len))
        step = "write";
    else if (fsync(fd) != 0)
        step = "fsync";
    int saved = errno;
    if (close(fd) != 0 && !step) {
        step = "close";
        saved = errno;
    }
    if (!step && rename(temporary, path) != 0) {
        step = "rename";
        saved = errno;
    }
    if (step) {
        unlink(temporary);
        return write_failure(path, step, saved, provider, err);
    }
    sync_directory(path);
    return CS_SECRET_OK;
}

cs_secret_code cs_secret_fs_read_fd(int fd, size_t max_bytes, const char *what,
                                    const char *provider, unsigned char **out, size_t *out_len,
                                    cs_secret_error *err)
{
    size_t capacity = 4096 < max_bytes ? 4096 : max_bytes;
    unsigned char *buffer = malloc(capacity + 1);
    size_t used = 0;
    if (!buffer)
        return cs_secret_error_set(err, CS_SECRET_UNKNOWN, provider, "out of memory");
    for (;;) {
        if (used == capacity) {
            if (capacity >= max_bytes) {
                /* One more byte tells "exactly max" from "too large". */
                unsigned char probe;
                ssize_t extra = read(fd, &probe, 1);
                if (extra == 0)
                    break;
                cs_secret_bytes_free(buffer, capacity + 1);
                return cs_secret_error_set(err, CS_SECRET_INVALID, provider,
                                           "%s is larger than %zu bytes", what, max_bytes);
            }
            size_t grown_capacity = capacity * 2 < max_bytes ? capacity * 2 : max_bytes;
            unsigned char *grown = malloc(grown_capacity + 1);
            if (!grown) {
                cs_secret_bytes_free(buffer, capacity + 1);
                return cs_secret_error_set(err, CS_SECRET_UNKNOWN, provider, "out of memory");
            }
            memcpy(grown, buffer, used);
            cs_secret_bytes_free(buffer, capacity + 1);
            buffer = grown;
            capacity = grown_capacity;
        }
        ssize_t got = read(fd, buffer + used, capacity - used);
        if (got < 0 && errno == EINTR)
            continue;
        if (got < 0) {
            char reason[128];
            int saved = errno;
            cs_secret_bytes_free(buffer, capacity + 1);
            return cs_secret_error_set(err, CS_SECRET_UNKNOWN, provider, "cannot read %s: %s",
                                       what, cs_secret_fs_describe_errno(saved, reason, sizeof reason));
        }
        if (got == 0)
            break;
        used += (size_t)got;
    }
    buffer[used] = 0;
    *out = buffer;
    *out_len = used;
    return CS_SECRET_OK;
}
