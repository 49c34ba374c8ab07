/* The encrypted local store as a secret provider: references, versions,
 * locking and atomic rewrites (format and crypto live next door). */
#define _XOPEN_SOURCE 700 /* strdup, O_CLOEXEC */
#define _DEFAULT_SOURCE   /* flock */
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "contractc/secret_uri.h"
#include "contractc/secrets_store.h"
#include "secret_fs.h"
#include "secrets_store_format.h"

#define STORE_SCHEME "store://"

struct cs_secret_store {
    cs_secret_provider base; /* first: the store is a provider */
    char *path;
    char *lock_path;
    unsigned char *master_key; /* sodium_malloc'd, CS_SECRET_STORE_KEY_BYTES */
    unsigned keep_versions;
    pthread_mutex_t write_mutex;
};

/* A parsed "store://TENANT/NAME[?version=N]". */
typedef struct store_reference {
    char *tenant;
    char *name;
    uint32_t version; /* 0: newest */
} store_reference;

static cs_secret_code out_of_memory(cs_secret_error *err)
{
    return cs_secret_error_set(err, CS_SECRET_UNKNOWN, STORE_PROVIDER_ID, "out of memory");
}

/* "N" (N >= 1) -> N; "latest", "current" -> 0 (newest). */
static bool parse_version(const char *text, uint32_t *out)
{
    if (strcmp(text, "latest") == 0 || strcmp(text, "current") == 0) {
        *out = 0;
        return true;
    }
    uint64_t value = 0;
    if (!*text || *text == '0')
        return false;
    for (const char *c = text; *c; c++) {
        if (*c < '0' || *c > '9' || value > UINT32_MAX / 10)
            return false;
        value = value * 10 + (uint64_t)(*c - '0');
    }
    if (value > UINT32_MAX)
        return false;
    *out = (uint32_t)value;
    return true;
}

static void reference_clear(store_reference *ref)
{
    free(ref->tenant);
    free(ref->name);
    memset(ref, 0, sizeof *ref);
}

static cs_secret_code split_path(const char *reference, const char *path, store_reference *out,
                                 cs_secret_error *err)
{
    const char *slash = strchr(path, '/');
    if (!slash || slash == path || !slash[1])
        return cs_secret_error_set(err, CS_SECRET_INVALID, STORE_PROVIDER_ID,
                                   "reference %s must be store://TENANT/NAME", reference);
    size_t tenant_len = (size_t)(slash - path);
    if (tenant_len > STORE_MAX_ID_BYTES || strlen(slash + 1) > STORE_MAX_ID_BYTES)
        return cs_secret_error_set(err, CS_SECRET_INVALID, STORE_PROVIDER_ID,
                                   "tenant and name must be at most %d bytes", STORE_MAX_ID_BYTES);
    out->tenant = malloc(tenant_len + 1);
    out->name = strdup(slash + 1);
    if (!out->tenant || !out->name)
        return out_of_memory(err);
    memcpy(out->tenant, path, tenant_len);
    out->tenant[tenant_len] = 0;
    return CS_SECRET_OK;
}

static cs_secret_code parse_reference(const char *reference, const char *version,
                                      store_reference *out, cs_secret_error *err)
{
    memset(out, 0, sizeof *out);
    cs_secret_uri uri;
    cs_secret_code code = cs_secret_uri_parse(reference, &uri, err);
    if (code != CS_SECRET_OK) {
        if (err)
            snprintf(err->provider, sizeof err->provider, "%s", STORE_PROVIDER_ID);
        return code;
    }
    if (strcmp(uri.provider, "store") != 0)
        code = cs_secret_error_set(err, CS_SECRET_INVALID, STORE_PROVIDER_ID,
                                   "reference %s is not a store:// reference", reference);
    else
        code = split_path(reference, uri.path, out, err);
    const char *requested = version ? version : cs_secret_uri_extra_value(&uri, "version");
    if (code == CS_SECRET_OK && requested && !parse_version(requested, &out->version))
        code = cs_secret_error_set(err, CS_SECRET_INVALID, STORE_PROVIDER_ID,
                                   "version '%s' of %s is not a positive integer", requested,
                                   reference);
    cs_secret_uri_clear(&uri);
    if (code != CS_SECRET_OK)
        reference_clear(out);
    return code;
}

/* Reads the store file into bytes; NOT_FOUND when it does not exist. */
static cs_secret_code read_store_bytes(const char *path, unsigned char **bytes, size_t *len,
                                       cs_secret_error *err)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK);
    if (fd < 0) {
        char reason[128];
        int saved = errno;
        cs_secret_code code = cs_secret_fs_errno_code(saved);
        if (code == CS_SECRET_NOT_FOUND)
            return cs_secret_error_set(err, code, STORE_PROVIDER_ID,
                                       "store file %s does not exist", path);
        return cs_secret_error_set(err, code, STORE_PROVIDER_ID, "cannot open store file %s: %s",
                                   path, cs_secret_fs_describe_errno(saved, reason, sizeof reason));
    }
    cs_secret_code code = cs_secret_fs_read_fd(fd, STORE_MAX_FILE_BYTES, "the store file",
                                               STORE_PROVIDER_ID, bytes, len, err);
    close(fd);
    return code;
}

static cs_secret_code load_image(cs_secret_store *store, store_image *image, cs_secret_error *err)
{
    unsigned char *bytes = NULL;
    size_t len = 0;
    memset(image, 0, sizeof *image);
    cs_secret_code code = read_store_bytes(store->path, &bytes, &len, err);
    if (code != CS_SECRET_OK)
        return code;
    code = cs_store_format_read(bytes, len, store->master_key, image, err);
    free(bytes); /* ciphertext only */
    return code;
}

static cs_secret_code save_image(cs_secret_store *store, const store_image *image,
                                 cs_secret_error *err)
{
    unsigned char *bytes = NULL;
    size_t len = 0;
    cs_secret_code code = cs_store_format_write(image, store->master_key, &bytes, &len, err);
    if (code != CS_SECRET_OK)
        return code;
    code = cs_secret_fs_write_atomic(store->path, bytes, len, STORE_PROVIDER_ID, err);
    free(bytes);
    return code;
}

/* Serialises writers: a mutex for this handle's threads, and flock on
 * FILE.lock for other handles and processes (flock, unlike fcntl locks,
 * also excludes a second handle in the same process, and closing one
 * descriptor does not drop another's lock).  Returns the lock descriptor. */
static cs_secret_code lock_store(cs_secret_store *store, int *fd_out, cs_secret_error *err)
{
    pthread_mutex_lock(&store->write_mutex);
    int fd = open(store->lock_path, O_RDWR | O_CREAT | O_CLOEXEC, S_IRUSR | S_IWUSR);
    int status = fd < 0 ? -1 : 0;
    while (status == 0 && flock(fd, LOCK_EX) != 0) {
        if (errno != EINTR)
            status = -1;
    }
    if (status != 0) {
        char reason[128];
        int saved = errno;
        if (fd >= 0)
            close(fd);
        pthread_mutex_unlock(&store->write_mutex);
        return cs_secret_error_set(err, CS_SECRET_UNKNOWN, STORE_PROVIDER_ID,
                                   "cannot lock %s: %s", store->lock_path,
                                   cs_secret_fs_describe_errno(saved, reason, sizeof reason));
    }
    *fd_out = fd;
    return CS_SECRET_OK;
}

static void unlock_store(cs_secret_store *store, int fd)
{
    close(fd); /* releases the flock */
    pthread_mutex_unlock(&store->write_mutex);
}

static bool entry_is(const store_entry *entry, const store_reference *ref)
{
    return strcmp(entry->tenant, ref->tenant) == 0 && strcmp(entry->name, ref->name) == 0;
}

/* Index of the requested (or newest) version, or SIZE_MAX. */
static size_t find_entry(const store_image *image, const store_reference *ref, uint32_t version)
{
    size_t best = SIZE_MAX;
    for (size_t i = 0; i < image->count; i++) {
        const store_entry *entry = &image->entries[i];
        if (!entry_is(entry, ref))
            continue;
        if (version ? entry->version == version
                    : best == SIZE_MAX || entry->version > image->entries[best].version)
            best = i;
    }
    return best;
}

static cs_secret_code missing_entry(const store_reference *ref, uint32_t version,
                                    cs_secret_error *err)
{
    if (version)
        return cs_secret_error_set(err, CS_SECRET_NOT_FOUND, STORE_PROVIDER_ID,
                                   "store://%s/%s has no version %u", ref->tenant, ref->name,
                                   (unsigned)version);
    return cs_secret_error_set(err, CS_SECRET_NOT_FOUND, STORE_PROVIDER_ID,
                               "store://%s/%s does not exist", ref->tenant, ref->name);
}

static cs_secret_code fill_value(const store_entry *entry, unsigned char *plaintext, size_t len,
                                 cs_secret_value *out, cs_secret_error *err)
{
    char version[16];
    snprintf(version, sizeof version, "%u", (unsigned)entry->version);
    cs_secret_value_clear(out);
    out->data = plaintext;
    out->len = len;
    out->version = strdup(version);
    if (!out->version || !cs_secret_value_add_meta(out, "source", "store") ||
        !cs_secret_value_add_meta(out, "tenant", entry->tenant) ||
        !cs_secret_value_add_meta(out, "name", entry->name)) {
        cs_secret_value_clear(out);
        return out_of_memory(err);
    }
    return CS_SECRET_OK;
}

static cs_secret_code store_get(cs_secret_provider *self, const char *reference,
                                const char *version, cs_secret_value *out, cs_secret_error *err)
{
    cs_secret_store *store = (cs_secret_store *)self;
    store_reference ref;
    cs_secret_code code = parse_reference(reference, version, &ref, err);
    if (code != CS_SECRET_OK)
        return code;
    store_image image;
    code = load_image(store, &image, err);
    if (code == CS_SECRET_OK) {
        size_t index = find_entry(&image, &ref, ref.version);
        unsigned char *plaintext = NULL;
        size_t len = 0;
        if (index == SIZE_MAX)
            code = missing_entry(&ref, ref.version, err);
        else
            code = cs_store_entry_open(store->master_key, &image.entries[index], &plaintext, &len,
                                       err);
        if (code == CS_SECRET_OK)
            code = fill_value(&image.entries[index], plaintext, len, out, err);
    }
    cs_store_image_clear(&image);
    reference_clear(&ref);
    return code;
}

/* Drops the oldest versions of ref beyond keep. */
static void prune_versions(store_image *image, const store_reference *ref, unsigned keep)
{
    for (;;) {
        size_t versions = 0, oldest = SIZE_MAX;
        for (size_t i = 0; i < image->count; i++) {
            if (!entry_is(&image->entries[i], ref))
                continue;
            versions++;
            if (oldest == SIZE_MAX || image->entries[i].version < image->entries[oldest].version)
                oldest = i;
        }
        if (versions <= keep)
            return;
        cs_store_image_remove_at(image, oldest);
    }
}

static cs_secret_code add_version(cs_secret_store *store, store_image *image,
                                  const store_reference *ref, bool must_exist,
                                  const unsigned char *data, size_t len, uint32_t *version,
                                  cs_secret_error *err)
{
    size_t newest = find_entry(image, ref, 0);
    if (must_exist && newest == SIZE_MAX)
        return missing_entry(ref, 0, err);
    uint32_t previous = newest == SIZE_MAX ? 0 : image->entries[newest].version;
    if (previous == UINT32_MAX)
        return cs_secret_error_set(err, CS_SECRET_INVALID, STORE_PROVIDER_ID,
                                   "store://%s/%s has run out of version numbers", ref->tenant,
                                   ref->name);
    store_entry entry;
    memset(&entry, 0, sizeof entry);
    entry.tenant = strdup(ref->tenant);
    entry.name = strdup(ref->name);
    entry.version = previous + 1;
    if (!entry.tenant || !entry.name ||
        !cs_store_entry_seal(store->master_key, &entry, data ? data : (const unsigned char *)"",
                             len) ||
        !cs_store_image_append(image, &entry)) {
        free(entry.tenant);
        free(entry.name);
        free(entry.ciphertext);
        return out_of_memory(err);
    }
    prune_versions(image, ref, store->keep_versions);
    *version = previous + 1;
    return CS_SECRET_OK;
}

static char *versioned_reference(const store_reference *ref, uint32_t version)
{
    size_t size = strlen(STORE_SCHEME) + strlen(ref->tenant) + strlen(ref->name) + 32;
    char *text = malloc(size);
    if (text)
        snprintf(text, size, "%s%s/%s?version=%u", STORE_SCHEME, ref->tenant, ref->name,
                 (unsigned)version);
    return text;
}

typedef enum store_change { CHANGE_PUT, CHANGE_ROTATE, CHANGE_REMOVE } store_change;

/* Applies one change to image; *version gets the new version number. */
static cs_secret_code apply_change(cs_secret_store *store, store_image *image,
                                   const store_reference *ref, store_change change,
                                   const unsigned char *data, size_t len, uint32_t *version,
                                   cs_secret_error *err)
{
    if (change != CHANGE_REMOVE)
        return add_version(store, image, ref, change == CHANGE_ROTATE, data, len, version, err);
    bool removed = false;
    for (size_t i = image->count; i > 0; i--) {
        if (entry_is(&image->entries[i - 1], ref)) {
            cs_store_image_remove_at(image, i - 1);
            removed = true;
        }
    }
    return removed ? CS_SECRET_OK : missing_entry(ref, 0, err);
}

static cs_secret_code change_store(cs_secret_store *store, store_change change,
                                   const char *reference, const unsigned char *data, size_t len,
                                   char **new_reference, cs_secret_error *err)
{
    if (len > CS_SECRET_STORE_MAX_VALUE_BYTES)
        return cs_secret_error_set(err, CS_SECRET_INVALID, STORE_PROVIDER_ID,
                                   "secret values are limited to %d bytes",
                                   CS_SECRET_STORE_MAX_VALUE_BYTES);
    store_reference ref;
    cs_secret_code code = parse_reference(reference, NULL, &ref, err);
    if (code != CS_SECRET_OK)
        return code;
    int lock_fd = -1;
    code = lock_store(store, &lock_fd, err);
    if (code != CS_SECRET_OK) {
        reference_clear(&ref);
        return code;
    }
    store_image image;
    uint32_t version = 0;
    code = load_image(store, &image, err);
    if (code == CS_SECRET_OK)
        code = apply_change(store, &image, &ref, change, data, len, &version, err);
    if (code == CS_SECRET_OK)
        code = save_image(store, &image, err);
    unlock_store(store, lock_fd);
    cs_store_image_clear(&image);
    if (code == CS_SECRET_OK && new_reference && change != CHANGE_REMOVE) {
        *new_reference = versioned_reference(&ref, version);
        if (!*new_reference)
            code = out_of_memory(err);
    }
    reference_clear(&ref);
    return code;
}

static bool store_can_handle(cs_secret_provider *self, const char *reference)
{
    (void)self;
    return reference && strncmp(reference, STORE_SCHEME, strlen(STORE_SCHEME)) == 0;
}

static cs_secret_code store_put(cs_secret_provider *self, const char *reference,
                                const unsigned char *data, size_t len, char **new_reference,
                                cs_secret_error *err)
{
    return change_store((cs_secret_store *)self, CHANGE_PUT, reference, data, len, new_reference,
                        err);
}

static cs_secret_code store_rotate(cs_secret_provider *self, const char *reference,
                                   const unsigned char *data, size_t len, char **new_reference,
                                   cs_secret_error *err)
{
    return change_store((cs_secret_store *)self, CHANGE_ROTATE, reference, data, len,
                        new_reference, err);
}

static cs_secret_code store_remove(cs_secret_provider *self, const char *reference,
                                   cs_secret_error *err)
{
    return change_store((cs_secret_store *)self, CHANGE_REMOVE, reference, NULL, 0, NULL, err);
}

static void store_destroy(cs_secret_provider *self)
{
    cs_secret_store_free((cs_secret_store *)self);
}

static const cs_secret_provider_ops store_ops = {
    store_can_handle, store_get, store_put, store_rotate, store_remove, store_destroy,
};

cs_secret_provider *cs_secret_store_provider(cs_secret_store *store)
{
    return store ? &store->base : NULL;
}

void cs_secret_store_free(cs_secret_store *store)
{
    if (!store)
        return;
    sodium_free(store->master_key); /* wipes */
    free(store->path);
    free(store->lock_path);
    pthread_mutex_destroy(&store->write_mutex);
    free(store);
}

static int compare_listing(const void *a, const void *b)
{
    const cs_secret_store_entry *left = a, *right = b;
    int by_tenant = strcmp(left->tenant, right->tenant);
    return by_tenant ? by_tenant : strcmp(left->name, right->name);
}

/* Adds (tenant, name) to the listing or raises its version. */
static bool list_add(cs_secret_store_entry *list, size_t *count, const store_entry *entry)
{
    for (size_t i = 0; i < *count; i++) {
        if (strcmp(list[i].tenant, entry->tenant) == 0 && strcmp(list[i].name, entry->name) == 0) {
            if (entry->version > list[i].version)
                list[i].version = entry->version;
            return true;
        }
    }
    list[*count].tenant = strdup(entry->tenant);
    list[*count].name = strdup(entry->name);
    list[*count].version = entry->version;
    (*count)++;
    return list[*count - 1].tenant && list[*count - 1].name;
}

cs_secret_code cs_secret_store_list(cs_secret_store *store, const char *tenant,
                                    cs_secret_store_entry **entries, size_t *count,
                                    cs_secret_error *err)
{
    *entries = NULL;
    *count = 0;
    store_image image;
    cs_secret_code code = load_image(store, &image, err);
    if (code != CS_SECRET_OK)
        return code;
    cs_secret_store_entry *list = calloc(image.count + 1, sizeof *list);
    size_t used = 0;
    bool ok = list != NULL;
    for (size_t i = 0; ok && i < image.count; i++)
        if (!tenant || strcmp(image.entries[i].tenant, tenant) == 0)
            ok = list_add(list, &used, &image.entries[i]);
    cs_store_image_clear(&image);
    if (!ok) {
        cs_secret_store_entries_free(list, used);
        return out_of_memory(err);
    }
    qsort(list, used, sizeof *list, compare_listing);
    *entries = list;
    *count = used;
    return CS_SECRET_OK;
}

void cs_secret_store_entries_free(cs_secret_store_entry *entries, size_t count)
{
    if (!entries)
        return;
    for (size_t i = 0; i < count; i++) {
        free(entries[i].tenant);
        free(entries[i].name);
    }
    free(entries);
}

static cs_secret_code check_options(const cs_secret_store_options *options, cs_secret_error *err)
{
    if (!options || !options->path || !*options->path)
        return cs_secret_error_set(err, CS_SECRET_INVALID, STORE_PROVIDER_ID,
                                   "the store needs a file path");
    if ((options->key_file != NULL) == (options->passphrase != NULL))
        return cs_secret_error_set(err, CS_SECRET_INVALID, STORE_PROVIDER_ID,
                                   "give either a key file or a passphrase");
    if (options->passphrase && options->passphrase_len == 0)
        return cs_secret_error_set(err, CS_SECRET_INVALID, STORE_PROVIDER_ID,
                                   "the passphrase is empty");
    if (sodium_init() < 0)
        return cs_secret_error_set(err, CS_SECRET_UNKNOWN, STORE_PROVIDER_ID,
                                   "libsodium failed to initialise");
    return CS_SECRET_OK;
}

static cs_secret_store *store_alloc(const cs_secret_store_options *options)
{
    cs_secret_store *store = calloc(1, sizeof *store);
    if (!store)
        return NULL;
    size_t lock_size = strlen(options->path) + sizeof ".lock";
    store->path = strdup(options->path);
    store->lock_path = malloc(lock_size);
    store->master_key = sodium_malloc(CS_SECRET_STORE_KEY_BYTES);
    if (!store->path || !store->lock_path || !store->master_key ||
        pthread_mutex_init(&store->write_mutex, NULL) != 0) {
        free(store->path);
        free(store->lock_path);
        sodium_free(store->master_key);
        free(store);
        return NULL;
    }
    snprintf(store->lock_path, lock_size, "%s.lock", options->path);
    store->base.id = STORE_PROVIDER_ID;
    store->base.ops = &store_ops;
    store->keep_versions =
        options->keep_versions ? options->keep_versions : CS_SECRET_STORE_DEFAULT_KEEP_VERSIONS;
    return store;
}

/* Derives the master key for an existing store file's header. */
static cs_secret_code key_for_header(cs_secret_store *store, const cs_secret_store_options *options,
                                     const store_header *header, cs_secret_error *err)
{
    if (options->key_file) {
        if (header->key_source != STORE_KEY_FILE)
            return cs_secret_error_set(err, CS_SECRET_FORBIDDEN, STORE_PROVIDER_ID,
                                       "this store is protected by a passphrase, not a key file");
        return cs_store_key_from_file(options->key_file, store->master_key, err);
    }
    if (header->key_source != STORE_KEY_PASSPHRASE)
        return cs_secret_error_set(err, CS_SECRET_FORBIDDEN, STORE_PROVIDER_ID,
                                   "this store is protected by a key file, not a passphrase");
    return cs_store_key_from_passphrase(options->passphrase, options->passphrase_len, header,
                                        store->master_key, err);
}

static cs_secret_code open_existing(cs_secret_store *store, const cs_secret_store_options *options,
                                    const unsigned char *bytes, size_t len, cs_secret_error *err)
{
    store_header header;
    cs_secret_code code = cs_store_format_read_header(bytes, len, &header, err);
    if (code == CS_SECRET_OK)
        code = key_for_header(store, options, &header, err);
    store_image image;
    if (code == CS_SECRET_OK) {
        /* Checks the key and the whole file now, so a wrong key fails at open. */
        code = cs_store_format_read(bytes, len, store->master_key, &image, err);
        cs_store_image_clear(&image);
    }
    return code;
}

static cs_secret_code create_empty(cs_secret_store *store, const cs_secret_store_options *options,
                                   cs_secret_error *err)
{
    store_image image;
    memset(&image, 0, sizeof image);
    cs_secret_code code;
    if (options->key_file) {
        image.header.key_source = STORE_KEY_FILE;
        code = cs_store_key_from_file(options->key_file, store->master_key, err);
    } else {
        cs_store_header_for_passphrase(&image.header, (int)options->kdf_limit);
        code = cs_store_key_from_passphrase(options->passphrase, options->passphrase_len,
                                            &image.header, store->master_key, err);
    }
    if (code != CS_SECRET_OK)
        return code;
    cs_store_key_check(store->master_key, image.header.key_check);
    return save_image(store, &image, err);
}

/* Opens an existing store; NOT_FOUND when the file does not exist. */
static cs_secret_code open_file(cs_secret_store *store, const cs_secret_store_options *options,
                                cs_secret_error *err)
{
    unsigned char *bytes = NULL;
    size_t len = 0;
    cs_secret_code code = read_store_bytes(store->path, &bytes, &len, err);
    if (code == CS_SECRET_OK)
        code = open_existing(store, options, bytes, len, err);
    free(bytes);
    return code;
}

/* Creates the store under the write lock, unless another process created
 * it first. */
static cs_secret_code create_file(cs_secret_store *store, const cs_secret_store_options *options,
                                  cs_secret_error *err)
{
    int lock_fd = -1;
    cs_secret_code code = lock_store(store, &lock_fd, err);
    if (code != CS_SECRET_OK)
        return code;
    code = open_file(store, options, err);
    if (code == CS_SECRET_NOT_FOUND)
        code = create_empty(store, options, err);
    unlock_store(store, lock_fd);
    return code;
}

cs_secret_store *cs_secret_store_open(const cs_secret_store_options *options,
                                      cs_secret_error *err)
{
    if (check_options(options, err) != CS_SECRET_OK)
        return NULL;
    cs_secret_store *store = store_alloc(options);
    if (!store) {
        out_of_memory(err);
        return NULL;
    }
    /* Opening an existing store takes no lock, so a read-only store in a
     * read-only directory works. */
    cs_secret_code code = open_file(store, options, err);
    if (code == CS_SECRET_NOT_FOUND && options->create)
        code = create_file(store, options, err);
    if (code != CS_SECRET_OK) {
        cs_secret_store_free(store);
        return NULL;
    }
    return store;
}
