/* load_paths: files and directories given to the loader.
 *
 * A directory is walked without recursion (an explicit stack), entries
 * whose name starts with '.' are skipped, directories reached twice (a
 * symlink loop) are walked once, and the spec files found are loaded in
 * byte order of their full path, so results never depend on the order
 * the file system lists entries in.  A file reached twice is loaded once. */
#define _POSIX_C_SOURCE 200809L

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "yaml_load_internal.h"

typedef struct path_list {
    char **items;
    size_t count;
    size_t capacity;
} path_list;

static bool path_list_push(path_list *list, char *path)
{
    if (list->count == list->capacity) {
        size_t capacity = list->capacity ? list->capacity * 2 : 32;
        char **items = realloc(list->items, capacity * sizeof(*items));
        if (items == NULL)
            return false;
        list->items = items;
        list->capacity = capacity;
    }
    list->items[list->count++] = path;
    return true;
}

static void path_list_free(path_list *list)
{
    for (size_t i = 0; i < list->count; i++)
        free(list->items[i]);
    free(list->items);
}

/* Identities live in an open-addressing hash set, so checking each of
 * tens of thousands of files against those loaded stays linear. */
static size_t identity_hash(dev_t dev, ino_t ino)
{
    uint64_t h = ((uint64_t)dev * 0x9E3779B97F4A7C15ULL) ^ (uint64_t)ino;
    h ^= h >> 29;
    h *= 0xBF58476D1CE4E5B9ULL;
    return (size_t)(h ^ (h >> 32));
}

static bool identity_slot(const identity_set *ids, const struct stat *st, size_t *slot)
{
    size_t mask = ids->capacity - 1;
    size_t i = identity_hash(st->st_dev, st->st_ino) & mask;
    while (ids->slots[i].used) {
        if (ids->slots[i].dev == st->st_dev && ids->slots[i].ino == st->st_ino) {
            *slot = i;
            return true;
        }
        i = (i + 1) & mask;
    }
    *slot = i;
    return false;
}

static bool identity_seen(const identity_set *ids, const struct stat *st)
{
    size_t slot;
    return ids->capacity > 0 && identity_slot(ids, st, &slot);
}

static bool identity_grow(identity_set *ids)
{
    size_t capacity = ids->capacity ? ids->capacity * 2 : 64;
    file_identity *slots = calloc(capacity, sizeof(*slots));
    if (slots == NULL)
        return false;
    identity_set grown = {slots, 0, capacity};
    for (size_t i = 0; i < ids->capacity; i++) {
        if (!ids->slots[i].used)
            continue;
        struct stat st = {.st_dev = ids->slots[i].dev, .st_ino = ids->slots[i].ino};
        size_t slot;
        identity_slot(&grown, &st, &slot);
        slots[slot] = ids->slots[i];
        grown.count++;
    }
    free(ids->slots);
    *ids = grown;
    return true;
}

/* Adds st's identity; false when memory runs out. */
static bool identity_add(identity_set *ids, const struct stat *st)
{
    if ((ids->count + 1) * 2 > ids->capacity && !identity_grow(ids))
        return false;
    size_t slot;
    if (!identity_slot(ids, st, &slot)) {
        ids->slots[slot] = (file_identity){st->st_dev, st->st_ino, true};
        ids->count++;
    }
    return true;
}

static bool io_error(diag_set *diags, const char *path, const char *what, int error)
{
    diag_error(diags, (src_loc){path, 0, 0}, "%s: %s", what, strerror(error));
    return false;
}

static bool too_large(load_set *set, diag_set *diags, const char *path)
{
    diag_error(diags, (src_loc){path, 0, 0}, "file is larger than the limit of %zu bytes",
               set->limits.max_file_bytes);
    return true;
}

/* Reads all of fd, at most limit bytes: *over is set when there is more.
 * Returns NULL with errno set on a read error. */
static unsigned char *read_all(int fd, size_t size_hint, size_t limit, size_t *len, bool *over)
{
    /* One byte over the limit tells a file of exactly limit bytes from a
     * longer one; both sums saturate for a limit of SIZE_MAX. */
    size_t cap = limit < SIZE_MAX ? limit + 1 : SIZE_MAX;
    size_t capacity = size_hint < cap ? size_hint + 1 : cap;
    if (capacity < 4096)
        capacity = 4096;
    unsigned char *data = malloc(capacity);
    if (data == NULL)
        return NULL;
    size_t used = 0;
    *over = false;
    for (;;) {
        if (used == capacity) {
            if (used > limit) {
                *over = true;
                break;
            }
            size_t grown = capacity > cap / 2 ? cap : capacity * 2;
            if (grown <= capacity) {
                *over = true;
                break;
            }
            unsigned char *more = realloc(data, grown);
            if (more == NULL) {
                free(data);
                errno = ENOMEM;
                return NULL;
            }
            data = more;
            capacity = grown;
        }
        ssize_t got = read(fd, data + used, capacity - used);
        if (got < 0) {
            if (errno == EINTR)
                continue;
            int saved = errno;
            free(data);
            errno = saved;
            return NULL;
        }
        if (got == 0)
            break;
        used += (size_t)got;
    }
    if (used > limit)
        *over = true;
    *len = used;
    return data;
}

static bool add_file(load_set *set, const char *path, diag_set *diags)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return io_error(diags, path, "cannot open", errno);
    struct stat st;
    if (fstat(fd, &st) != 0) {
        int saved = errno;
        close(fd);
        return io_error(diags, path, "cannot read", saved);
    }
    if (identity_seen(&set->seen, &st)) {
        close(fd);
        return true;
    }
    if (!identity_add(&set->seen, &st)) {
        close(fd);
        return io_error(diags, path, "cannot load", ENOMEM);
    }
    if (S_ISREG(st.st_mode) && (unsigned long long)st.st_size > set->limits.max_file_bytes) {
        close(fd);
        set->file_count++;
        return too_large(set, diags, path);
    }
    size_t hint = S_ISREG(st.st_mode) ? (size_t)st.st_size : 0;
    size_t len = 0;
    bool over = false;
    unsigned char *data = read_all(fd, hint, set->limits.max_file_bytes, &len, &over);
    int saved = errno;
    close(fd);
    if (data == NULL)
        return io_error(diags, path, "cannot read", saved);
    set->file_count++;
    bool ok = true;
    if (over) {
        too_large(set, diags, path);
    } else {
        const char *file = arena_strdup(set->arena, path);
        ok = file != NULL ? yaml_load_parse(set, file, data, len, diags)
                          : io_error(diags, path, "cannot load", ENOMEM);
    }
    free(data);
    return ok;
}

static bool has_spec_extension(const char *name)
{
    static const char *const extensions[] = {".yaml", ".yml", ".json"};
    size_t len = strlen(name);
    for (size_t i = 0; i < sizeof(extensions) / sizeof(extensions[0]); i++) {
        size_t ext_len = strlen(extensions[i]);
        if (len > ext_len && strcmp(name + len - ext_len, extensions[i]) == 0)
            return true;
    }
    return false;
}

static char *join_path(const char *dir, const char *name)
{
    size_t dir_len = strlen(dir);
    size_t name_len = strlen(name);
    bool slash = dir_len > 0 && dir[dir_len - 1] != '/';
    char *path = malloc(dir_len + slash + name_len + 1);
    if (path == NULL)
        return NULL;
    memcpy(path, dir, dir_len);
    if (slash)
        path[dir_len] = '/';
    memcpy(path + dir_len + slash, name, name_len + 1);
    return path;
}

static int compare_paths(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

typedef struct walk {
    diag_set *diags;
    path_list dirs;    /* to visit */
    path_list files;   /* spec files found */
    identity_set visited;  /* directories, against symlink loops */
    bool ok;
} walk;

static void walk_entry(walk *w, const char *dir, const char *name)
{
    char *path = join_path(dir, name);
    if (path == NULL) {
        w->ok = io_error(w->diags, dir, "cannot list", ENOMEM);
        return;
    }
    struct stat st;
    if (stat(path, &st) != 0) {
        w->ok = io_error(w->diags, path, "cannot open", errno);
        free(path);
        return;
    }
    bool kept = false;
    if (S_ISDIR(st.st_mode)) {
        if (!identity_seen(&w->visited, &st)) {
            kept = identity_add(&w->visited, &st) &&
                   path_list_push(&w->dirs, path);
            if (!kept)
                w->ok = io_error(w->diags, dir, "cannot list", ENOMEM);
        }
    } else if (S_ISREG(st.st_mode) && has_spec_extension(name)) {
        kept = path_list_push(&w->files, path);
        if (!kept)
            w->ok = io_error(w->diags, dir, "cannot list", ENOMEM);
    }
    if (!kept)
        free(path);
}

static void walk_directory(walk *w, const char *dir)
{
    DIR *handle = opendir(dir);
    if (handle == NULL) {
        w->ok = io_error(w->diags, dir, "cannot open directory", errno);
        return;
    }
    for (;;) {
        errno = 0;
        struct dirent *entry = readdir(handle);
        if (entry == NULL) {
            if (errno != 0)
                w->ok = io_error(w->diags, dir, "cannot list directory", errno);
            break;
        }
        if (entry->d_name[0] != '.')
            walk_entry(w, dir, entry->d_name);
    }
    closedir(handle);
}

static bool add_directory(load_set *set, const char *path, const struct stat *st,
                          diag_set *diags)
{
    walk w = {.diags = diags, .ok = true};
    char *root = strdup(path);
    if (root == NULL || !identity_add(&w.visited, st) || !path_list_push(&w.dirs, root)) {
        free(root);
        free(w.visited.slots);
        path_list_free(&w.dirs);
        return io_error(diags, path, "cannot list", ENOMEM);
    }
    while (w.dirs.count > 0) {
        char *dir = w.dirs.items[--w.dirs.count];
        walk_directory(&w, dir);
        free(dir);
    }
    if (w.files.count > 1)
        qsort(w.files.items, w.files.count, sizeof(*w.files.items), compare_paths);
    if (w.files.count == 0 && w.ok)
        diag_warning(diags, (src_loc){path, 0, 0},
                     "directory holds no .yaml, .yml or .json files");
    for (size_t i = 0; i < w.files.count; i++) {
        if (!add_file(set, w.files.items[i], diags))
            w.ok = false;
    }
    path_list_free(&w.files);
    path_list_free(&w.dirs);
    free(w.visited.slots);
    return w.ok;
}

bool load_set_add_path(load_set *set, const char *path, diag_set *diags)
{
    struct stat st;
    if (stat(path, &st) != 0)
        return io_error(diags, path, "cannot open", errno);
    if (S_ISDIR(st.st_mode))
        return add_directory(set, path, &st, diags);
    return add_file(set, path, diags);
}
