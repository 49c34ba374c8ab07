/* The encrypted store's file format and key schedule (private to the
 * runtime).  Layout, all integers little-endian:
 *
 *   0   8  magic "CSSECRET"
 *   8   2  format version (1)
 *   10  1  key source: 0 key file, 1 Argon2id13 passphrase
 *   11  1  reserved, 0
 *   12 16  Argon2 salt (zero for a key file)
 *   28  8  Argon2 opslimit (zero for a key file)
 *   36  8  Argon2 memlimit in bytes (zero for a key file)
 *   44 32  key check: BLAKE2b-256 keyed with the master key over a label
 *   76  4  entry count
 *   80     entries, each:
 *            2 tenant length, tenant bytes
 *            2 name length, name bytes
 *            4 version
 *           24 XChaCha20-Poly1305 nonce
 *            4 ciphertext length (plaintext + 16-byte tag), ciphertext
 *   end-32 32  MAC: BLAKE2b-256 keyed with a key derived from the master
 *              key, over every byte before it
 */
#ifndef CONTRACTC_SECRETS_STORE_FORMAT_H
#define CONTRACTC_SECRETS_STORE_FORMAT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <sodium.h>

#include "contractc/secrets.h"

#define STORE_PROVIDER_ID "store"
#define STORE_FORMAT_VERSION 1
#define STORE_HEADER_BYTES 80
#define STORE_MAC_BYTES 32
#define STORE_MAX_FILE_BYTES (64u * 1024u * 1024u)
#define STORE_MAX_ID_BYTES 1024

typedef enum store_key_source { STORE_KEY_FILE = 0, STORE_KEY_PASSPHRASE = 1 } store_key_source;

typedef struct store_header {
    store_key_source key_source;
    unsigned char salt[crypto_pwhash_SALTBYTES];
    uint64_t opslimit;
    uint64_t memlimit;
    unsigned char key_check[32];
} store_header;

typedef struct store_entry {
    char *tenant;
    char *name;
    uint32_t version;
    unsigned char nonce[crypto_aead_xchacha20poly1305_ietf_NPUBBYTES];
    unsigned char *ciphertext;
    size_t ciphertext_len;
} store_entry;

typedef struct store_image {
    store_header header;
    store_entry *entries;
    size_t count;
    size_t capacity;
} store_image;

/* Parses and checks the fixed header (magic, version, key source, limits).
 * INVALID when the bytes are not a store or are truncated. */
cs_secret_code cs_store_format_read_header(const unsigned char *bytes, size_t len,
                                           store_header *header, cs_secret_error *err);

/* Verifies the key check (FORBIDDEN: wrong key) and the MAC (INVALID:
 * modified or truncated), then parses the entries into image. */
cs_secret_code cs_store_format_read(const unsigned char *bytes, size_t len,
                                    const unsigned char master_key[32], store_image *image,
                                    cs_secret_error *err);

/* Serialises image with its MAC; *out is malloc'd. */
cs_secret_code cs_store_format_write(const store_image *image, const unsigned char master_key[32],
                                     unsigned char **out, size_t *out_len, cs_secret_error *err);

void cs_store_image_clear(store_image *image);

/* Appends entry (takes ownership of its strings and ciphertext; on
 * failure they are freed). */
bool cs_store_image_append(store_image *image, store_entry *entry);

/* Removes the entry at index (frees it), keeping the order of the rest. */
void cs_store_image_remove_at(store_image *image, size_t index);

/* The key check value for master_key. */
void cs_store_key_check(const unsigned char master_key[32], unsigned char out[32]);

/* The per-tenant entry key. */
void cs_store_tenant_key(const unsigned char master_key[32], const char *tenant,
                         unsigned char out[crypto_aead_xchacha20poly1305_ietf_KEYBYTES]);

/* Seals plaintext for (tenant, name, version) into a new entry's nonce and
 * ciphertext (malloc'd). */
bool cs_store_entry_seal(const unsigned char master_key[32], store_entry *entry,
                         const unsigned char *plaintext, size_t len);

/* Opens entry into a malloc'd NUL-terminated buffer; INVALID when the
 * ciphertext fails authentication. */
cs_secret_code cs_store_entry_open(const unsigned char master_key[32], const store_entry *entry,
                                   unsigned char **plaintext, size_t *len, cs_secret_error *err);

/* Reads a master key file (see secrets_store.h); FORBIDDEN when group or
 * others may read or write it, INVALID when it holds neither 32 bytes nor
 * 64 hex digits. */
cs_secret_code cs_store_key_from_file(const char *path, unsigned char key[32],
                                      cs_secret_error *err);

/* Argon2id13 over passphrase with the header's salt and limits. */
cs_secret_code cs_store_key_from_passphrase(const char *passphrase, size_t len,
                                            const store_header *header, unsigned char key[32],
                                            cs_secret_error *err);

/* Fills a passphrase header's salt (random) and limits. */
void cs_store_header_for_passphrase(store_header *header, int kdf_limit);

#endif
