/* The encrypted store's file format: bytes <-> store_image, with every
 * length checked against what remains (see secrets_store_format.h). */
#include <stdlib.h>
#include <string.h>

#include "secrets_store_format.h"

static const unsigned char store_magic[8] = {'C', 'S', 'S', 'E', 'C', 'R', 'E', 'T'};

/* Upper bounds on stored Argon2 limits: the header is read before the key
 * is known, so a forged header must not make us allocate gigabytes. */
#define STORE_MAX_OPSLIMIT 16u
#define STORE_MAX_MEMLIMIT (1024u * 1024u * 1024u)

static const char mac_label[] = "contractc-store file-mac v1";

typedef struct byte_reader {
    const unsigned char *bytes;
    size_t len;
    size_t at;
} byte_reader;

static bool read_bytes(byte_reader *reader, void *out, size_t count)
{
    if (reader->len - reader->at < count)
        return false;
    memcpy(out, reader->bytes + reader->at, count);
    reader->at += count;
    return true;
}

static bool read_uint(byte_reader *reader, size_t width, uint64_t *out)
{
    unsigned char raw[8];
    if (!read_bytes(reader, raw, width))
        return false;
    *out = 0;
    for (size_t i = width; i > 0; i--)
        *out = (*out << 8) | raw[i - 1];
    return true;
}

typedef struct byte_writer {
    unsigned char *bytes;
    size_t at;
} byte_writer;

static void write_bytes(byte_writer *writer, const void *data, size_t count)
{
    if (count)
        memcpy(writer->bytes + writer->at, data, count);
    writer->at += count;
}

static void write_uint(byte_writer *writer, size_t width, uint64_t value)
{
    for (size_t i = 0; i < width; i++)
        writer->bytes[writer->at++] = (unsigned char)(value >> (8 * i));
}

static cs_secret_code not_a_store(cs_secret_error *err, const char *why)
{
    return cs_secret_error_set(err, CS_SECRET_INVALID, STORE_PROVIDER_ID,
                               "store file is damaged or not a contractc store: %s", why);
}

cs_secret_code cs_store_format_read_header(const unsigned char *bytes, size_t len,
                                           store_header *header, cs_secret_error *err)
{
    byte_reader reader = {bytes, len, 0};
    unsigned char magic[sizeof store_magic];
    uint64_t version = 0, source = 0, reserved = 0;
    if (len < STORE_HEADER_BYTES + STORE_MAC_BYTES)
        return not_a_store(err, "file is truncated");
    read_bytes(&reader, magic, sizeof magic);
    if (memcmp(magic, store_magic, sizeof magic) != 0)
        return not_a_store(err, "wrong magic");
    read_uint(&reader, 2, &version);
    if (version != STORE_FORMAT_VERSION)
        return cs_secret_error_set(err, CS_SECRET_INVALID, STORE_PROVIDER_ID,
                                   "store file format version %u is not supported (expected %u)",
                                   (unsigned)version, STORE_FORMAT_VERSION);
    read_uint(&reader, 1, &source);
    read_uint(&reader, 1, &reserved);
    read_bytes(&reader, header->salt, sizeof header->salt);
    read_uint(&reader, 8, &header->opslimit);
    read_uint(&reader, 8, &header->memlimit);
    read_bytes(&reader, header->key_check, sizeof header->key_check);
    if (source > STORE_KEY_PASSPHRASE || reserved != 0)
        return not_a_store(err, "unknown key source");
    header->key_source = (store_key_source)source;
    if (header->key_source == STORE_KEY_PASSPHRASE &&
        (header->opslimit < crypto_pwhash_OPSLIMIT_MIN || header->opslimit > STORE_MAX_OPSLIMIT ||
         header->memlimit < crypto_pwhash_MEMLIMIT_MIN || header->memlimit > STORE_MAX_MEMLIMIT))
        return not_a_store(err, "passphrase parameters out of range");
    return CS_SECRET_OK;
}

static void file_mac(const unsigned char master_key[32], const unsigned char *bytes, size_t len,
                     unsigned char out[STORE_MAC_BYTES])
{
    unsigned char mac_key[32];
    crypto_generichash(mac_key, sizeof mac_key, (const unsigned char *)mac_label,
                       sizeof mac_label - 1, master_key, 32);
    crypto_generichash(out, STORE_MAC_BYTES, bytes, len, mac_key, sizeof mac_key);
    sodium_memzero(mac_key, sizeof mac_key);
}

static char *read_id(byte_reader *reader)
{
    uint64_t len = 0;
    if (!read_uint(reader, 2, &len) || len == 0 || len > STORE_MAX_ID_BYTES ||
        reader->len - reader->at < len)
        return NULL;
    char *id = malloc((size_t)len + 1);
    if (!id)
        return NULL;
    read_bytes(reader, id, (size_t)len);
    id[len] = 0;
    if (memchr(id, 0, (size_t)len)) {
        free(id);
        return NULL;
    }
    return id;
}

static bool read_entry(byte_reader *reader, store_entry *entry)
{
    uint64_t version = 0, cipher_len = 0;
    entry->tenant = read_id(reader);
    entry->name = entry->tenant ? read_id(reader) : NULL;
    if (!entry->name || !read_uint(reader, 4, &version) || version == 0 ||
        !read_bytes(reader, entry->nonce, sizeof entry->nonce) ||
        !read_uint(reader, 4, &cipher_len) ||
        cipher_len < crypto_aead_xchacha20poly1305_ietf_ABYTES ||
        reader->len - reader->at < cipher_len)
        return false;
    entry->version = (uint32_t)version;
    entry->ciphertext_len = (size_t)cipher_len;
    entry->ciphertext = malloc(entry->ciphertext_len);
    if (!entry->ciphertext)
        return false;
    read_bytes(reader, entry->ciphertext, entry->ciphertext_len);
    return true;
}

static void entry_clear(store_entry *entry)
{
    free(entry->tenant);
    free(entry->name);
    free(entry->ciphertext);
    memset(entry, 0, sizeof *entry);
}

cs_secret_code cs_store_format_read(const unsigned char *bytes, size_t len,
                                    const unsigned char master_key[32], store_image *image,
                                    cs_secret_error *err)
{
    memset(image, 0, sizeof *image);
    cs_secret_code code = cs_store_format_read_header(bytes, len, &image->header, err);
    if (code != CS_SECRET_OK)
        return code;
    unsigned char expected[32];
    cs_store_key_check(master_key, expected);
    if (sodium_memcmp(expected, image->header.key_check, sizeof expected) != 0)
        return cs_secret_error_set(err, CS_SECRET_FORBIDDEN, STORE_PROVIDER_ID,
                                   "wrong key or passphrase for this store");
    unsigned char mac[STORE_MAC_BYTES];
    file_mac(master_key, bytes, len - STORE_MAC_BYTES, mac);
    if (sodium_memcmp(mac, bytes + len - STORE_MAC_BYTES, sizeof mac) != 0)
        return not_a_store(err, "authentication failed (the file was modified or truncated)");

    byte_reader reader = {bytes, len - STORE_MAC_BYTES, STORE_HEADER_BYTES - 4};
    uint64_t count = 0;
    read_uint(&reader, 4, &count);
    for (uint64_t i = 0; i < count; i++) {
        store_entry entry;
        memset(&entry, 0, sizeof entry);
        if (!read_entry(&reader, &entry)) {
            entry_clear(&entry);
            cs_store_image_clear(image);
            return not_a_store(err, "malformed entry");
        }
        if (!cs_store_image_append(image, &entry)) {
            cs_store_image_clear(image);
            return cs_secret_error_set(err, CS_SECRET_UNKNOWN, STORE_PROVIDER_ID, "out of memory");
        }
    }
    if (reader.at != reader.len) {
        cs_store_image_clear(image);
        return not_a_store(err, "trailing bytes after the entries");
    }
    return CS_SECRET_OK;
}

cs_secret_code cs_store_format_write(const store_image *image, const unsigned char master_key[32],
                                     unsigned char **out, size_t *out_len, cs_secret_error *err)
{
    size_t total = STORE_HEADER_BYTES + STORE_MAC_BYTES;
    for (size_t i = 0; i < image->count; i++) {
        const store_entry *entry = &image->entries[i];
        total += 2 + strlen(entry->tenant) + 2 + strlen(entry->name) + 4 + sizeof entry->nonce +
                 4 + entry->ciphertext_len;
    }
    if (total > STORE_MAX_FILE_BYTES || image->count > UINT32_MAX)
        return cs_secret_error_set(err, CS_SECRET_INVALID, STORE_PROVIDER_ID,
                                   "store would exceed %u bytes", STORE_MAX_FILE_BYTES);
    unsigned char *bytes = malloc(total);
    if (!bytes)
        return cs_secret_error_set(err, CS_SECRET_UNKNOWN, STORE_PROVIDER_ID, "out of memory");
    byte_writer writer = {bytes, 0};
    const store_header *header = &image->header;
    write_bytes(&writer, store_magic, sizeof store_magic);
    write_uint(&writer, 2, STORE_FORMAT_VERSION);
    write_uint(&writer, 1, (uint64_t)header->key_source);
    write_uint(&writer, 1, 0);
    write_bytes(&writer, header->salt, sizeof header->salt);
    write_uint(&writer, 8, header->opslimit);
    write_uint(&writer, 8, header->memlimit);
    write_bytes(&writer, header->key_check, sizeof header->key_check);
    write_uint(&writer, 4, image->count);
    for (size_t i = 0; i < image->count; i++) {
        const store_entry *entry = &image->entries[i];
        write_uint(&writer, 2, strlen(entry->tenant));
        write_bytes(&writer, entry->tenant, strlen(entry->tenant));
        write_uint(&writer, 2, strlen(entry->name));
        write_bytes(&writer, entry->name, strlen(entry->name));
        write_uint(&writer, 4, entry->version);
        write_bytes(&writer, entry->nonce, sizeof entry->nonce);
        write_uint(&writer, 4, entry->ciphertext_len);
        write_bytes(&writer, entry->ciphertext, entry->ciphertext_len);
    }
    file_mac(master_key, bytes, writer.at, bytes + writer.at);
    *out = bytes;
    *out_len = total;
    return CS_SECRET_OK;
}

void cs_store_image_clear(store_image *image)
{
    if (!image)
        return;
    for (size_t i = 0; i < image->count; i++)
        entry_clear(&image->entries[i]);
    free(image->entries);
    image->entries = NULL;
    image->count = image->capacity = 0;
}

bool cs_store_image_append(store_image *image, store_entry *entry)
{
    if (image->count == image->capacity) {
        size_t capacity = image->capacity ? image->capacity * 2 : 8;
        store_entry *grown = realloc(image->entries, capacity * sizeof *grown);
        if (!grown) {
            entry_clear(entry);
            return false;
        }
        image->entries = grown;
        image->capacity = capacity;
    }
    image->entries[image->count++] = *entry;
    memset(entry, 0, sizeof *entry);
    return true;
}

void cs_store_image_remove_at(store_image *image, size_t index)
{
    entry_clear(&image->entries[index]);
    memmove(&image->entries[index], &image->entries[index + 1],
            (image->count - index - 1) * sizeof *image->entries);
    image->count--;
}
