/* Secret reference URIs: ContractSpec's parseSecretUri grammar, with the
 * silent truncations turned into INVALID errors. */
#define _POSIX_C_SOURCE 200809L /* strdup, strndup */
#include <stdlib.h>
#include <string.h>

#include "contractc/secret_uri.h"
#include "secret_utf8.h"
#include "text_hex.h"

#define URI_ERROR_PROVIDER "unknown"

static cs_secret_code uri_invalid(cs_secret_error *err, const char *reference, const char *why)
{
    return cs_secret_error_set(err, CS_SECRET_INVALID, URI_ERROR_PROVIDER,
                               "invalid secret reference '%s': %s", reference, why);
}

static cs_secret_code uri_out_of_memory(cs_secret_error *err)
{
    return cs_secret_error_set(err, CS_SECRET_UNKNOWN, URI_ERROR_PROVIDER,
                               "out of memory while parsing a secret reference");
}

void cs_secret_uri_clear(cs_secret_uri *uri)
{
    if (!uri)
        return;
    free(uri->provider);
    free(uri->path);
    for (size_t i = 0; i < uri->extra_count; i++) {
        free(uri->extras[i].key);
        free(uri->extras[i].value);
    }
    free(uri->extras);
    *uri = (cs_secret_uri)CS_SECRET_URI_INIT;
}

const char *cs_secret_uri_extra_value(const cs_secret_uri *uri, const char *key)
{
    if (!uri || !key)
        return NULL;
    for (size_t i = 0; i < uri->extra_count; i++)
        if (strcmp(uri->extras[i].key, key) == 0)
            return uri->extras[i].value;
    return NULL;
}

typedef enum decode_status { DECODE_OK, DECODE_BAD_ESCAPE, DECODE_BAD_TEXT, DECODE_NO_MEMORY } decode_status;

/* decodeURIComponent over text[0..len): every '%' must start two hex
 * digits, and the result must be UTF-8 without NUL bytes. */
static decode_status percent_decode(const char *text, size_t len, char **out)
{
    char *decoded = malloc(len + 1);
    if (!decoded)
        return DECODE_NO_MEMORY;
    size_t used = 0;
    for (size_t i = 0; i < len; i++) {
        if (text[i] != '%') {
            decoded[used++] = text[i];
            continue;
        }
        int high = i + 1 < len ? cs_hex_digit_value((unsigned char)text[i + 1]) : -1;
        int low = i + 2 < len ? cs_hex_digit_value((unsigned char)text[i + 2]) : -1;
        if (high < 0 || low < 0) {
            free(decoded);
            return DECODE_BAD_ESCAPE;
        }
        decoded[used++] = (char)(high * 16 + low);
        i += 2;
    }
    decoded[used] = 0;
    if (memchr(decoded, 0, used) || !cs_secret_utf8_valid((const unsigned char *)decoded, used)) {
        free(decoded);
        return DECODE_BAD_TEXT;
    }
    *out = decoded;
    return DECODE_OK;
}

static cs_secret_code decode_failure(decode_status status, const char *reference,
                                     cs_secret_error *err)
{
    if (status == DECODE_NO_MEMORY)
        return uri_out_of_memory(err);
    if (status == DECODE_BAD_ESCAPE)
        return uri_invalid(err, reference, "malformed percent escape in the query");
    return uri_invalid(err, reference, "percent escape decodes to invalid text");
}

/* Sets key to value (both owned, consumed), keeping the first position of
 * a repeated key and its last value. */
static bool uri_set_extra(cs_secret_uri *uri, char *key, char *value)
{
    for (size_t i = 0; i < uri->extra_count; i++) {
        if (strcmp(uri->extras[i].key, key) == 0) {
            free(key);
            free(uri->extras[i].value);
            uri->extras[i].value = value;
            return true;
        }
    }
    cs_secret_uri_extra *grown = realloc(uri->extras, (uri->extra_count + 1) * sizeof *grown);
    if (!grown) {
        free(key);
        free(value);
        return false;
    }
    grown[uri->extra_count].key = key;
    grown[uri->extra_count].value = value;
    uri->extras = grown;
    uri->extra_count++;
    return true;
}

static cs_secret_code parse_query_piece(const char *reference, const char *piece, size_t len,
                                        cs_secret_uri *uri, cs_secret_error *err)
{
    const char *equals = memchr(piece, '=', len);
    size_t key_len = equals ? (size_t)(equals - piece) : len;
    const char *value_start = equals ? equals + 1 : piece + len;
    size_t value_len = (size_t)(piece + len - value_start);
    if (equals && memchr(value_start, '=', value_len))
        return uri_invalid(err, reference, "a query parameter has more than one '=' (escape it as %3D)");

    char *key = NULL;
    char *value = NULL;
    decode_status status = percent_decode(piece, key_len, &key);
    if (status == DECODE_OK)
        status = percent_decode(value_start, value_len, &value);
    if (status != DECODE_OK) {
        free(key);
        return decode_failure(status, reference, err);
    }
    if (!uri_set_extra(uri, key, value))
        return uri_out_of_memory(err);
    return CS_SECRET_OK;
}

static cs_secret_code parse_query(const char *reference, const char *query, cs_secret_uri *uri,
                                  cs_secret_error *err)
{
    uri->has_extras = true;
    const char *piece = query;
    for (;;) {
        const char *amp = strchr(piece, '&');
        size_t len = amp ? (size_t)(amp - piece) : strlen(piece);
        if (len) {
            cs_secret_code code = parse_query_piece(reference, piece, len, uri, err);
            if (code != CS_SECRET_OK)
                return code;
        }
        if (!amp)
            return CS_SECRET_OK;
        piece = amp + 1;
    }
}

static cs_secret_code parse_into(const char *reference, cs_secret_uri *out, cs_secret_error *err)
{
    if (!reference || !*reference)
        return cs_secret_error_set(err, CS_SECRET_INVALID, URI_ERROR_PROVIDER,
                                   "secret reference is empty");
    const char *separator = strstr(reference, "://");
    if (!separator)
        return uri_invalid(err, reference, "expected provider://path");
    const char *rest = separator + 3;
    if (separator == reference || !*rest)
        return uri_invalid(err, reference, "provider and path must not be empty");
    if (strstr(rest, "://"))
        return uri_invalid(err, reference, "more than one '://'");

    out->provider = strndup(reference, (size_t)(separator - reference));
    const char *question = strchr(rest, '?');
    out->path = strndup(rest, question ? (size_t)(question - rest) : strlen(rest));
    if (!out->provider || !out->path)
        return uri_out_of_memory(err);
    if (!question)
        return CS_SECRET_OK;
    return parse_query(reference, question + 1, out, err);
}

cs_secret_code cs_secret_uri_parse(const char *reference, cs_secret_uri *out, cs_secret_error *err)
{
    *out = (cs_secret_uri)CS_SECRET_URI_INIT;
    cs_secret_code code = parse_into(reference, out, err);
    if (code != CS_SECRET_OK)
        cs_secret_uri_clear(out);
    return code;
}
