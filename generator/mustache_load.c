/* mustache_load: the built-in partial loaders (directories searched in
 * order, and a cJSON object of name -> template) and whole-file reading. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "mustache_internal.h"

bool mustache_read_file(const char *path, char **text, size_t *len, mustache_error *err)
{
    *text = NULL;
    *len = 0;
    FILE *f = fopen(path, "rb");
    if (!f) {
        mustache_error_set(err, MUSTACHE_ERR_IO, path, 0, 0, "cannot open: %s", strerror(errno));
        return false;
    }
    mustache_buf buf;
    mustache_buf_init(&buf);
    bool ok = mustache_buf_reserve(&buf, 4096);
    while (ok) {
        size_t room = buf.cap - buf.len - 1;
        size_t got = fread(buf.data + buf.len, 1, room, f);
        buf.len += got;
        if (got < room)
            break;
        ok = mustache_buf_reserve(&buf, buf.cap);
    }
    bool failed = ferror(f) != 0;
    fclose(f);
    if (!ok || failed) {
        mustache_error_set(err, ok ? MUSTACHE_ERR_IO : MUSTACHE_ERR_NOMEM, path, 0, 0,
                           ok ? "read error" : "out of memory");
        mustache_buf_free(&buf);
        return false;
    }
    buf.data[buf.len] = '\0';
    *text = buf.data;
    *len = buf.len;
    return true;
}

/* A partial name is a relative path whose components are neither empty
 * nor "." nor "..": a dynamic name taken from the view cannot climb out
 * of the template directories. */
static bool is_safe_name(const char *name)
{
    if (!*name || strchr(name, '\\'))
        return false;
    const char *p = name;
    for (;;) {
        const char *slash = strchr(p, '/');
        size_t n = slash ? (size_t)(slash - p) : strlen(p);
        if (n == 0 || (n == 1 && p[0] == '.') || (n == 2 && p[0] == '.' && p[1] == '.'))
            return false;
        if (!slash)
            return true;
        p = slash + 1;
    }
}

static char *join_path(const char *dir, const char *name, const char *ext)
{
    size_t a = strlen(dir), b = strlen(name), c = strlen(ext);
    char *path = malloc(a + 1 + b + 1 + c + 1);
    if (!path)
        return NULL;
    char *p = path;
    memcpy(p, dir, a);
    p += a;
    if (a && dir[a - 1] != '/')
        *p++ = '/';
    memcpy(p, name, b);
    p += b;
    *p++ = '.';
    memcpy(p, ext, c + 1);
    return path;
}

mustache_load_status mustache_dir_loader(void *user, const char *name, mustache_source *out, mustache_error *err)
{
    const mustache_dir_list *list = user;
    if (!list || !is_safe_name(name))
        return MUSTACHE_LOAD_NOT_FOUND;
    const char *ext = list->extension ? list->extension : "mustache";
    for (size_t i = 0; i < list->count; i++) {
        char *path = join_path(list->dirs[i], name, ext);
        if (!path) {
            mustache_error_set(err, MUSTACHE_ERR_NOMEM, name, 0, 0, "out of memory");
            return MUSTACHE_LOAD_ERROR;
        }
        FILE *probe = fopen(path, "rb");
        if (!probe) {
            int e = errno;
            if (e == ENOENT || e == ENOTDIR) {
                free(path);
                continue;
            }
            mustache_error_set(err, MUSTACHE_ERR_LOAD, path, 0, 0, "cannot open partial '%s': %s", name,
                               strerror(e));
            free(path);
            return MUSTACHE_LOAD_ERROR;
        }
        fclose(probe);
        if (!mustache_read_file(path, &out->text, &out->len, err)) {
            if (err)
                err->code = MUSTACHE_ERR_LOAD;
            free(path);
            return MUSTACHE_LOAD_ERROR;
        }
        out->origin = path;
        return MUSTACHE_LOAD_OK;
    }
    return MUSTACHE_LOAD_NOT_FOUND;
}

mustache_load_status mustache_json_loader(void *user, const char *name, mustache_source *out, mustache_error *err)
{
    const cJSON *item = cJSON_GetObjectItemCaseSensitive((const cJSON *)user, name);
    if (!cJSON_IsString(item))
        return MUSTACHE_LOAD_NOT_FOUND;
    size_t n = strlen(item->valuestring), name_len = strlen(name);
    out->text = malloc(n + 1);
    out->origin = malloc(name_len + 1);
    if (!out->text || !out->origin) {
        free(out->text);
        free(out->origin);
        out->text = out->origin = NULL;
        mustache_error_set(err, MUSTACHE_ERR_NOMEM, name, 0, 0, "out of memory");
        return MUSTACHE_LOAD_ERROR;
    }
    memcpy(out->text, item->valuestring, n + 1);
    memcpy(out->origin, name, name_len + 1);
    out->len = n;
    return MUSTACHE_LOAD_OK;
}
