/* contractc/secrets_store.h: an encrypted local secret store (libsodium),
 * the embedded default for local use and the backend of the
 * contractc-secrets command.
 *
 * References: "store://TENANT/NAME" (NAME may contain '/'), optionally
 * "?version=N" to read an older version; the get operation's version
 * argument wins over the reference's.  Id "store".
 *
 * Keys.  A 32-byte master key comes from a key file (64 hex digits and an
 * optional newline, or 32 raw bytes; the file must not be readable or
 * writable by group or others) or from a passphrase through Argon2id
 * (crypto_pwhash) with a random salt and limits stored in the store file.
 * Each tenant's entries are encrypted with a key derived from the master
 * key and the tenant id (keyed BLAKE2b), so no two tenants share a key.
 *
 * Entries.  Each version of a secret is sealed with XChaCha20-Poly1305
 * (random 192-bit nonce); the associated data binds the tenant, the name
 * and the version number, so a ciphertext moved to another entry fails to
 * open.  put on an existing name and rotate add a new version; the newest
 * keep_versions versions are kept (default 2, so the previous value stays
 * readable during a rotation); remove deletes every version.
 *
 * File.  Magic "CSSECRET", format version, key-derivation parameters, a
 * key check value, the entries, and a keyed BLAKE2b MAC over everything
 * before it; docs/secrets.md describes every byte.  Every change rewrites
 * the file atomically (temporary file in the same directory, mode 0600,
 * fsync, rename) under an exclusive lock on FILE.lock, and every operation
 * re-reads the file, so several processes may share a store.
 *
 * Errors never contain secret bytes:
 *   FORBIDDEN  wrong key or passphrase, key file readable by others;
 *   INVALID    the file was modified, truncated or is not a store, an
 *              entry fails authentication, a malformed reference;
 *   NOT_FOUND  no such store file (without create), entry or version.
 *
 * Ownership: the options are copied; the master key lives in
 * sodium_malloc'd memory wiped on free, and decrypted values are wiped by
 * cs_secret_value_clear.  The store is itself a provider: destroying
 * cs_secret_store_provider(store) equals cs_secret_store_free(store), and a
 * manager that registers it owns it.
 *
 * Thread safety: every operation may run from several threads at once
 * (writes are serialised by a mutex and the file lock).
 */
#ifndef CONTRACTC_SECRETS_STORE_H
#define CONTRACTC_SECRETS_STORE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "contractc/secrets.h"

#ifdef __cplusplus
extern "C" {
#endif

#define CS_SECRET_STORE_KEY_BYTES 32
#define CS_SECRET_STORE_MAX_VALUE_BYTES (1024 * 1024)
#define CS_SECRET_STORE_DEFAULT_KEEP_VERSIONS 2

/* Argon2id cost when a passphrase creates a store (libsodium's presets;
 * MINIMAL is only for tests). */
typedef enum cs_secret_store_kdf_limit {
    CS_SECRET_STORE_KDF_INTERACTIVE = 0,
    CS_SECRET_STORE_KDF_MODERATE,
    CS_SECRET_STORE_KDF_MINIMAL
} cs_secret_store_kdf_limit;

typedef struct cs_secret_store_options {
    const char *path;              /* the store file */
    const char *key_file;          /* either a key file ... */
    const char *passphrase;        /* ... or a passphrase (not NUL-terminated needed) */
    size_t passphrase_len;
    bool create;                   /* create an empty store when the file is absent */
    cs_secret_store_kdf_limit kdf_limit;
    unsigned keep_versions;        /* 0: CS_SECRET_STORE_DEFAULT_KEEP_VERSIONS */
} cs_secret_store_options;

typedef struct cs_secret_store cs_secret_store;

/* Opens (or with create, creates) the store and checks the key.  Returns
 * NULL with err filled on failure. */
cs_secret_store *cs_secret_store_open(const cs_secret_store_options *options,
                                      cs_secret_error *err);

cs_secret_provider *cs_secret_store_provider(cs_secret_store *store);

void cs_secret_store_free(cs_secret_store *store);

/* One secret in a listing: its newest version. */
typedef struct cs_secret_store_entry {
    char *tenant;
    char *name;
    uint32_t version;
} cs_secret_store_entry;

/* Lists the secrets (names only, never values) sorted by tenant then name;
 * tenant NULL lists every tenant.  Free with cs_secret_store_entries_free. */
cs_secret_code cs_secret_store_list(cs_secret_store *store, const char *tenant,
                                    cs_secret_store_entry **entries, size_t *count,
                                    cs_secret_error *err);

void cs_secret_store_entries_free(cs_secret_store_entry *entries, size_t count);

/* Writes a new random master key to path (64 hex digits and a newline,
 * mode 0600).  Refuses (INVALID) to overwrite an existing file. */
cs_secret_code cs_secret_store_create_key_file(const char *path, cs_secret_error *err);

#ifdef __cplusplus
}
#endif

#endif
