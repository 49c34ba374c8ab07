/* contractc/secrets.h: the secret provider interface.
 *
 * A provider resolves a secret reference (an opaque string, usually a URI
 * such as "env://STRIPE_KEY" or "file://stripe") to bytes.  Providers
 * implement the cs_secret_provider operations table; the manager
 * (cs_secret_manager, declared in secret_manager.h) is itself a provider
 * that asks registered providers in descending priority, as ContractSpec's
 * SecretProviderManager does.
 *
 * Secret bytes never appear in an error message, a log line or telemetry.
 * A cs_secret_value owns its bytes; cs_secret_value_clear() wipes them
 * (sodium_memzero) before freeing.
 *
 * Thread safety: a provider's get/can_handle may be called from several
 * threads at once unless its own header says otherwise.
 */
#ifndef CONTRACTC_SECRETS_H
#define CONTRACTC_SECRETS_H

#include <stdbool.h>
#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

/* ContractSpec's SecretProviderError codes, plus OK. */
typedef enum cs_secret_code {
    CS_SECRET_OK = 0,
    CS_SECRET_NOT_FOUND,
    CS_SECRET_FORBIDDEN,
    CS_SECRET_INVALID,
    CS_SECRET_UNKNOWN
} cs_secret_code;

/* "NOT_FOUND", "FORBIDDEN", "INVALID", "UNKNOWN" ("OK" for CS_SECRET_OK). */
const char *cs_secret_code_name(cs_secret_code code);

/* A structured error, filled by the failing provider.  Caller-owned, fixed
 * size so filling it never allocates.  message never holds secret bytes;
 * it may name the reference. */
typedef struct cs_secret_error {
    cs_secret_code code;
    char provider[64];      /* id of the provider that failed */
    char message[256];
} cs_secret_error;

/* One metadata entry (for example source=env, envKey=STRIPE_KEY). */
typedef struct cs_secret_meta {
    char *key;
    char *value;
} cs_secret_meta;

/* A fetched secret.  Initialise with CS_SECRET_VALUE_INIT; the provider
 * allocates data (NUL-terminated for convenience, len excludes the NUL),
 * version and metadata; cs_secret_value_clear() wipes and frees them. */
typedef struct cs_secret_value {
    unsigned char *data;
    size_t len;
    char *version;              /* may be NULL */
    cs_secret_meta *metadata;   /* may be NULL */
    size_t metadata_count;
} cs_secret_value;

#define CS_SECRET_VALUE_INIT {NULL, 0, NULL, NULL, 0}

void cs_secret_value_clear(cs_secret_value *value);

typedef struct cs_secret_provider cs_secret_provider;

/* The operations of a provider.  get is required; put, rotate and remove
 * may be NULL (the manager then treats the provider as unable to write).
 * Each returns CS_SECRET_OK or fills err and returns its code. */
typedef struct cs_secret_provider_ops {
    bool (*can_handle)(cs_secret_provider *self, const char *reference);
    cs_secret_code (*get)(cs_secret_provider *self, const char *reference,
                          const char *version /* NULL: current */,
                          cs_secret_value *out, cs_secret_error *err);
    /* On success *new_reference (malloc'd, caller frees) is the canonical
     * reference of the written version. */
    cs_secret_code (*put)(cs_secret_provider *self, const char *reference,
                          const unsigned char *data, size_t len,
                          char **new_reference, cs_secret_error *err);
    cs_secret_code (*rotate)(cs_secret_provider *self, const char *reference,
                             const unsigned char *data, size_t len,
                             char **new_reference, cs_secret_error *err);
    cs_secret_code (*remove)(cs_secret_provider *self, const char *reference,
                             cs_secret_error *err);
    /* Frees the provider itself; may be NULL for statically owned ones. */
    void (*destroy)(cs_secret_provider *self);
} cs_secret_provider_ops;

/* Providers embed this struct as their first member. */
struct cs_secret_provider {
    const char *id;                     /* "env", "file", "store", ... */
    const cs_secret_provider_ops *ops;
};

/* Convenience wrappers (NULL-safe on the optional operations: a missing
 * operation yields CS_SECRET_FORBIDDEN with a message). */
bool cs_secret_provider_can_handle(cs_secret_provider *provider, const char *reference);
cs_secret_code cs_secret_provider_get(cs_secret_provider *provider, const char *reference,
                                      const char *version, cs_secret_value *out,
                                      cs_secret_error *err);
void cs_secret_provider_destroy(cs_secret_provider *provider);

/* Write wrappers: a missing operation yields CS_SECRET_FORBIDDEN. */
cs_secret_code cs_secret_provider_put(cs_secret_provider *provider, const char *reference,
                                      const unsigned char *data, size_t len,
                                      char **new_reference, cs_secret_error *err);
cs_secret_code cs_secret_provider_rotate(cs_secret_provider *provider, const char *reference,
                                         const unsigned char *data, size_t len,
                                         char **new_reference, cs_secret_error *err);
cs_secret_code cs_secret_provider_remove(cs_secret_provider *provider, const char *reference,
                                         cs_secret_error *err);

/* Helpers for provider implementations. */

#if defined(__GNUC__) || defined(__clang__)
#define CS_SECRET_PRINTF(fmt_index, first_arg) \
    __attribute__((format(printf, fmt_index, first_arg)))
#else
#define CS_SECRET_PRINTF(fmt_index, first_arg)
#endif

/* Fills err (when not NULL) with code, provider id and a formatted message
 * (truncated to fit) and returns code.  Never pass secret bytes. */
cs_secret_code cs_secret_error_set(cs_secret_error *err, cs_secret_code code,
                                   const char *provider, const char *format, ...)
    CS_SECRET_PRINTF(4, 5);

/* Replaces value->data with a malloc'd NUL-terminated copy of data (the
 * old bytes are wiped) and value->version with a copy of version (NULL
 * allowed).  Returns false when out of memory, leaving value cleared. */
bool cs_secret_value_assign(cs_secret_value *value, const unsigned char *data, size_t len,
                            const char *version);

/* Appends one metadata entry (both strings copied).  Returns false when out
 * of memory; value is then unchanged. */
bool cs_secret_value_add_meta(cs_secret_value *value, const char *key, const char *text);

/* Wipes len bytes at bytes and frees them; NULL is a no-op. */
void cs_secret_bytes_free(void *bytes, size_t len);

#ifdef __cplusplus
}
#endif

#endif
