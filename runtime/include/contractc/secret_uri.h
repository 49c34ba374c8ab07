/* contractc/secret_uri.h: secret reference URIs and write payloads.
 *
 * cs_secret_uri_parse follows ContractSpec's parseSecretUri grammar
 *
 *     ref := scheme "://" path [ "?" query ]
 *
 * with these rules:
 *   - an empty reference, an empty scheme or an empty remainder ("env://",
 *     "://x", "plain") is INVALID;
 *   - without '?' the extras are absent (has_extras false); with '?' the
 *     path is the text before the first '?' (it may be empty) and the
 *     extras are present even when empty ("s://p?" has zero extras);
 *   - the query is split on '&', empty pieces are skipped, each piece is
 *     split at '=' (a piece without '=' has the empty value), key and value
 *     are percent-decoded, and a repeated key keeps its first position but
 *     takes the last value.
 * Where ContractSpec silently truncates or throws a different kind of
 * error, contractc reports INVALID instead (see
 * docs/contractspec-differences.md): a second "://" in the reference, a
 * second '=' in a query piece, a malformed '%' escape, an escape that
 * decodes to invalid UTF-8 or to a NUL byte.
 *
 * Ownership: a parsed cs_secret_uri owns its strings; cs_secret_uri_clear
 * frees them (and is a no-op on a cleared or zeroed value).  On failure the
 * output is left cleared.  Every function is reentrant.
 */
#ifndef CONTRACTC_SECRET_URI_H
#define CONTRACTC_SECRET_URI_H

#include <stdbool.h>
#include <stddef.h>

#include "contractc/secrets.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct cs_secret_uri_extra {
    char *key;
    char *value;
} cs_secret_uri_extra;

typedef struct cs_secret_uri {
    char *provider;               /* the scheme, never empty */
    char *path;                   /* may be empty when a query follows */
    bool has_extras;              /* a '?' was present */
    cs_secret_uri_extra *extras;  /* in first-occurrence order */
    size_t extra_count;
} cs_secret_uri;

#define CS_SECRET_URI_INIT {NULL, NULL, false, NULL, 0}

/* Parses reference into out.  On error fills err (provider "unknown",
 * code INVALID, a message that may quote the reference) and returns
 * CS_SECRET_INVALID; CS_SECRET_UNKNOWN when out of memory. */
cs_secret_code cs_secret_uri_parse(const char *reference, cs_secret_uri *out,
                                   cs_secret_error *err);

void cs_secret_uri_clear(cs_secret_uri *uri);

/* The value of extra key, or NULL when absent. */
const char *cs_secret_uri_extra_value(const cs_secret_uri *uri, const char *key);

/* How a write payload's text is to be turned into bytes
 * (ContractSpec's normalizeSecretPayload). */
typedef enum cs_secret_encoding {
    CS_SECRET_ENCODING_BYTES = 0, /* raw bytes: passed through unchanged */
    CS_SECRET_ENCODING_UTF8,      /* UTF-8 text: copied; invalid UTF-8 is INVALID */
    CS_SECRET_ENCODING_BASE64,    /* base64 text (standard or URL-safe alphabet,
                                     padding optional, whitespace ignored) */
    CS_SECRET_ENCODING_BINARY     /* latin-1: UTF-8 text, each UTF-16 code unit
                                     becomes its low 8 bits */
} cs_secret_encoding;

/* Maps an encoding name ("utf-8", "base64", "binary"; NULL or anything
 * else means utf-8, as ContractSpec does). */
cs_secret_encoding cs_secret_encoding_from_name(const char *name);

/* Converts data/len to bytes.  On success *out is malloc'd (NUL-terminated,
 * *out_len excludes the NUL) and the caller releases it with
 * cs_secret_bytes_free(*out, *out_len).  Errors: INVALID (undecodable
 * input; the message never quotes the payload), UNKNOWN (out of memory). */
cs_secret_code cs_secret_payload_normalize(const void *data, size_t len,
                                           cs_secret_encoding encoding,
                                           unsigned char **out, size_t *out_len,
                                           cs_secret_error *err);

#ifdef __cplusplus
}
#endif

#endif
