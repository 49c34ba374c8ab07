/* The file secret provider: one file per secret in a directory, with
 * path-traversal and permission checks. */
#define _XOPEN_SOURCE 700 /* realpath, strdup, O_NOFOLLOW, O_CLOEXEC */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <sodium.h>

#include "contractc/secret_uri.h"
#include "contractc/secrets_file.h"
#include "secret_fs.h"

#define FILE_PROVIDER_ID "file"
#define FILE_SCHEME "file://"

typedef struct file_provider {
    cs_secret_provider base;
    char *directory; /* canonical (realpath) */
    cs_secret_file_options options;
} file_provider;

/* The NAME of a reference, malloc'd, or NULL when the reference is not for
 * this provider (err filled when it is, but malformed). */
static char *reference_name(const file_provider *files, const char *reference, cs_secret_code *code,
                            cs_secret_error *err)
{
    *code = CS_SECRET_INVALID;
    if (!reference || !*reference) {
        cs_secret_error_set(err, CS_SECRET_INVALID, FILE_PROVIDER_ID, "secret reference is empty");
        return NULL;
    }
    if (!strstr(reference, "://")) {
        if (!files->options.accept_bare_names) {
            cs_secret_error_set(err, CS_SECRET_INVALID, FILE_PROVIDER_ID,
                                "reference %s is not a file:// reference", reference);
            return NULL;
        }
        char *name = strdup(reference);
        if (!name)
            *code = cs_secret_error_set(err, CS_SECRET_UNKNOWN, FILE_PROVIDER_ID, "out of memory");
        return name;
    }
    cs_secret_uri uri;
    *code = cs_secret_uri_parse(reference, &uri, err);
    if (*code != CS_SECRET_OK) {
        if (err)
            snprintf(err->provider, sizeof err->provider, "%s", FILE_PROVIDER_ID);
        return NULL;
    }
    char *name = NULL;
    if (strcmp(uri.provider, "file") != 0)
        *code = cs_secret_error_set(err, CS_SECRET_INVALID, FILE_PROVIDER_ID,
                                    "reference %s is not a file:// reference", reference);
    else if (!(name = strdup(uri.path)))
        *code = cs_secret_error_set(err, CS_SECRET_UNKNOWN, FILE_PROVIDER_ID, "out of memory");
    cs_secret_uri_clear(&uri);
    return name;
}

/* A relative path of non-empty segments other than "." and "..". */
static bool name_is_safe(const char *name)
{
    if (!*name || *name == '/' || strlen(name) >= PATH_MAX / 2)
        return false;
    const char *segment = name;
    for (;;) {
        const char *slash = strchr(segment, '/');
        size_t len = slash ? (size_t)(slash - segment) : strlen(segment);
        if (len == 0 || (len == 1 && segment[0] == '.') ||
            (len == 2 && segment[0] == '.' && segment[1] == '.'))
            return false;
        if (!slash)
            return true;
        segment = slash + 1;
    }
}

static bool inside_directory(const file_provider *files, const char *resolved)
{
    size_t len = strlen(files->directory);
    if (strcmp(files->directory, "/") == 0)
        return resolved[0] == '/' && resolved[1] != 0;
    return strncmp(resolved, files->directory, len) == 0 && resolved[len] == '/';
}

/* The validated name of reference, or NULL with err filled. */
static char *checked_name(const file_provider *files, const char *reference, cs_secret_code *code,
                          cs_secret_error *err)
{
    char *name = reference_name(files, reference, code, err);
    if (name && !name_is_safe(name)) {
        *code = cs_secret_error_set(err, CS_SECRET_INVALID, FILE_PROVIDER_ID,
                                    "secret file name '%s' must be a relative path without "
                                    "'.', '..' or empty segments", name);
        free(name);
        return NULL;
    }
    return name;
}

static bool file_can_handle(cs_secret_provider *self, const char *reference)
{
    const file_provider *files = (const file_provider *)self;
    if (!reference)
        return false;
    if (!strstr(reference, "://"))
        return files->options.accept_bare_names && *reference;
    return strncmp(reference, FILE_SCHEME, strlen(FILE_SCHEME)) == 0;
}

static cs_secret_code path_error(const char *name, int error_number, cs_secret_error *err)
{
    char reason[128];
    cs_secret_code code = cs_secret_fs_errno_code(error_number);
    if (code == CS_SECRET_NOT_FOUND)
        return cs_secret_error_set(err, code, FILE_PROVIDER_ID, "secret file %s does not exist",
                                   name);
    return cs_secret_error_set(err, code, FILE_PROVIDER_ID, "cannot open secret file %s: %s", name,
                               cs_secret_fs_describe_errno(error_number, reason, sizeof reason));
}

/* Opens DIR/name for reading after resolving every symbolic link and
 * checking the result stays inside DIR. */
static cs_secret_code open_secret(const file_provider *files, const char *name, int *fd_out,
                                  cs_secret_error *err)
{
    char joined[PATH_MAX];
    char resolved[PATH_MAX];
    snprintf(joined, sizeof joined, "%s/%s", files->directory, name);
    if (!realpath(joined, resolved))
        return path_error(name, errno, err);
    if (!inside_directory(files, resolved))
        return cs_secret_error_set(err, CS_SECRET_INVALID, FILE_PROVIDER_ID,
                                   "secret file %s resolves outside %s", name, files->directory);
    /* O_NOFOLLOW: the last component may not have been swapped for a link
     * since realpath; O_NONBLOCK: a FIFO must not hang the caller. */
    int fd = open(resolved, O_RDONLY | O_NOFOLLOW | O_CLOEXEC | O_NONBLOCK);
    if (fd < 0)
        return path_error(name, errno, err);
    *fd_out = fd;
    return CS_SECRET_OK;
}

static cs_secret_code check_file(int fd, const char *name, cs_secret_error *err)
{
    struct stat info;
    if (fstat(fd, &info) != 0)
        return path_error(name, errno, err);
    if (!S_ISREG(info.st_mode))
        return cs_secret_error_set(err, CS_SECRET_INVALID, FILE_PROVIDER_ID,
                                   "secret file %s is not a regular file", name);
    if (cs_secret_fs_mode_too_open(info.st_mode))
        return cs_secret_error_set(err, CS_SECRET_FORBIDDEN, FILE_PROVIDER_ID,
                                   "secret file %s has mode %04o: it must not be readable or "
                                   "writable by group or others (chmod 600)",
                                   name, (unsigned)(info.st_mode & 07777));
    return CS_SECRET_OK;
}

static size_t without_trailing_newline(const unsigned char *data, size_t len)
{
    if (len && data[len - 1] == '\n') {
        len--;
        if (len && data[len - 1] == '\r')
            len--;
    }
    return len;
}

static cs_secret_code read_secret(const file_provider *files, const char *name, cs_secret_value *out,
                                  cs_secret_error *err)
{
    int fd = -1;
    cs_secret_code code = open_secret(files, name, &fd, err);
    if (code != CS_SECRET_OK)
        return code;
    code = check_file(fd, name, err);
    unsigned char *data = NULL;
    size_t len = 0;
    if (code == CS_SECRET_OK)
        code = cs_secret_fs_read_fd(fd, CS_SECRET_FILE_MAX_BYTES, name, FILE_PROVIDER_ID, &data,
                                    &len, err);
    close(fd);
    if (code != CS_SECRET_OK)
        return code;
    if (files->options.strip_trailing_newline) {
        size_t kept = without_trailing_newline(data, len);
        sodium_memzero(data + kept, len - kept);
        len = kept;
    }
    cs_secret_value_clear(out);
    out->data = data;
    out->len = len;
    out->version = strdup("current");
    if (!out->version || !cs_secret_value_add_meta(out, "source", "file") ||
        !cs_secret_value_add_meta(out, "file", name)) {
        cs_secret_value_clear(out);
        return cs_secret_error_set(err, CS_SECRET_UNKNOWN, FILE_PROVIDER_ID, "out of memory");
    }
    return CS_SECRET_OK;
}

static cs_secret_code file_get(cs_secret_provider *self, const char *reference, const char *version,
                               cs_secret_value *out, cs_secret_error *err)
{
    (void)version; /* a file has one version */
    const file_provider *files = (const file_provider *)self;
    cs_secret_code code;
    char *name = checked_name(files, reference, &code, err);
    if (!name)
        return code;
    code = read_secret(files, name, out, err);
    free(name);
    return code;
}

/* DIR/name for writing: the parent directory is resolved and must be DIR
 * or inside it; the last component is used as is. */
static cs_secret_code target_path(const file_provider *files, const char *name, char *out,
                                  size_t size, cs_secret_error *err)
{
    char joined[PATH_MAX];
    char parent[PATH_MAX];
    const char *slash = strrchr(name, '/');
    const char *base = slash ? slash + 1 : name;
    snprintf(joined, sizeof joined, "%s/%.*s", files->directory,
             slash ? (int)(slash - name) : 0, name);
    if (!realpath(joined, parent))
        return cs_secret_error_set(err, errno == ENOENT ? CS_SECRET_NOT_FOUND : CS_SECRET_INVALID,
                                   FILE_PROVIDER_ID, "the directory of secret file %s does not exist",
                                   name);
    if (strcmp(parent, files->directory) != 0 && !inside_directory(files, parent))
        return cs_secret_error_set(err, CS_SECRET_INVALID, FILE_PROVIDER_ID,
                                   "secret file %s resolves outside %s", name, files->directory);
    if ((size_t)snprintf(out, size, "%s/%s", parent, base) >= size)
        return cs_secret_error_set(err, CS_SECRET_INVALID, FILE_PROVIDER_ID,
                                   "secret file name %s is too long", name);
    return CS_SECRET_OK;
}

static cs_secret_code read_only_error(const char *operation, const char *reference,
                                      cs_secret_error *err)
{
    return cs_secret_error_set(err, CS_SECRET_FORBIDDEN, FILE_PROVIDER_ID,
                               "the file provider is read-only: cannot %s %s", operation,
                               reference ? reference : "");
}

static cs_secret_code write_secret(file_provider *files, const char *operation,
                                   const char *reference, const unsigned char *data, size_t len,
                                   char **new_reference, cs_secret_error *err)
{
    if (!files->options.writable)
        return read_only_error(operation, reference, err);
    cs_secret_code code;
    char *name = checked_name(files, reference, &code, err);
    if (!name)
        return code;
    char path[PATH_MAX];
    code = target_path(files, name, path, sizeof path, err);
    if (code == CS_SECRET_OK)
        code = cs_secret_fs_write_atomic(path, data, len, FILE_PROVIDER_ID, err);
    if (code == CS_SECRET_OK && new_reference) {
        size_t size = strlen(FILE_SCHEME) + strlen(name) + 1;
        *new_reference = malloc(size);
        if (*new_reference)
            snprintf(*new_reference, size, "%s%s", FILE_SCHEME, name);
        else
            code = cs_secret_error_set(err, CS_SECRET_UNKNOWN, FILE_PROVIDER_ID, "out of memory");
    }
    free(name);
    return code;
}

static cs_secret_code file_put(cs_secret_provider *self, const char *reference,
                               const unsigned char *data, size_t len, char **new_reference,
                               cs_secret_error *err)
{
    return write_secret((file_provider *)self, "setSecret", reference, data, len, new_reference,
                        err);
}

static cs_secret_code file_rotate(cs_secret_provider *self, const char *reference,
                                  const unsigned char *data, size_t len, char **new_reference,
                                  cs_secret_error *err)
{
    return write_secret((file_provider *)self, "rotateSecret", reference, data, len,
                        new_reference, err);
}

static cs_secret_code file_remove(cs_secret_provider *self, const char *reference,
                                  cs_secret_error *err)
{
    file_provider *files = (file_provider *)self;
    if (!files->options.writable)
        return read_only_error("deleteSecret", reference, err);
    cs_secret_code code;
    char *name = checked_name(files, reference, &code, err);
    if (!name)
        return code;
    char path[PATH_MAX];
    code = target_path(files, name, path, sizeof path, err);
    if (code == CS_SECRET_OK && unlink(path) != 0)
        code = path_error(name, errno, err);
    free(name);
    return code;
}

static void file_destroy(cs_secret_provider *self)
{
    file_provider *files = (file_provider *)self;
    free(files->directory);
    free(files);
}

static const cs_secret_provider_ops file_ops = {
    file_can_handle, file_get, file_put, file_rotate, file_remove, file_destroy,
};

cs_secret_provider *cs_secret_file_provider_new(const cs_secret_file_options *options,
                                                cs_secret_error *err)
{
    if (!options || !options->directory || !*options->directory) {
        cs_secret_error_set(err, CS_SECRET_INVALID, FILE_PROVIDER_ID,
                            "the file provider needs a directory");
        return NULL;
    }
    char resolved[PATH_MAX];
    struct stat info;
    if (!realpath(options->directory, resolved) || stat(resolved, &info) != 0) {
        path_error(options->directory, errno, err);
        return NULL;
    }
    if (!S_ISDIR(info.st_mode)) {
        cs_secret_error_set(err, CS_SECRET_INVALID, FILE_PROVIDER_ID, "%s is not a directory",
                            options->directory);
        return NULL;
    }
    file_provider *files = calloc(1, sizeof *files);
    if (files)
        files->directory = strdup(resolved);
    if (!files || !files->directory) {
        free(files);
        cs_secret_error_set(err, CS_SECRET_UNKNOWN, FILE_PROVIDER_ID, "out of memory");
        return NULL;
    }
    files->base.id = FILE_PROVIDER_ID;
    files->base.ops = &file_ops;
    files->options = *options;
    files->options.directory = files->directory;
    return &files->base;
}
