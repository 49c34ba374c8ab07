/* fuzz_secret_uri: libFuzzer target for secret reference URIs and write
 * payload normalisation (contractc/secret_uri.h).
 *
 * The whole input, cut at its first NUL, is parsed as a reference; the
 * whole input (NULs included) is normalised in each of the four
 * encodings.  Invariants checked:
 *   - a parsed URI has a non-empty provider equal to the text before the
 *     first "://", a path that is a prefix of what follows it, unique
 *     extra keys that cs_secret_uri_extra_value finds, and extras only
 *     when the reference has a '?';
 *   - a failed parse leaves the output cleared and fills an INVALID (or,
 *     out of memory, UNKNOWN) error with a message;
 *   - clearing twice is harmless;
 *   - a normalised payload is NUL-terminated; bytes come back unchanged,
 *     UTF-8 unchanged when accepted; an error message is one of the
 *     fixed texts (it never quotes the payload). */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "contractc/secret_uri.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

enum { MAX_INPUT = 16 * 1024 };

static void require(int condition)
{
    if (!condition)
        abort();
}

static void check_parsed(const char *reference, const cs_secret_uri *uri)
{
    const char *separator = strstr(reference, "://");
    require(separator != NULL && uri->provider != NULL && uri->path != NULL);
    size_t scheme_len = (size_t)(separator - reference);
    require(scheme_len > 0 && strlen(uri->provider) == scheme_len);
    require(memcmp(uri->provider, reference, scheme_len) == 0);
    const char *rest = separator + 3;
    size_t path_len = strlen(uri->path);
    require(strncmp(rest, uri->path, path_len) == 0);
    const char *query = strchr(rest, '?');
    require(uri->has_extras == (query != NULL));
    if (!uri->has_extras) {
        require(strcmp(rest, uri->path) == 0 && uri->extra_count == 0);
        return;
    }
    require(path_len == (size_t)(query - rest));
    for (size_t i = 0; i < uri->extra_count; i++) {
        const cs_secret_uri_extra *extra = &uri->extras[i];
        require(extra->key != NULL && extra->value != NULL);
        /* keys are unique, so the lookup finds this very extra */
        require(cs_secret_uri_extra_value(uri, extra->key) == extra->value);
    }
}

static void check_uri(const char *reference)
{
    cs_secret_uri uri = CS_SECRET_URI_INIT;
    cs_secret_error err;
    memset(&err, 0, sizeof err);
    cs_secret_code code = cs_secret_uri_parse(reference, &uri, &err);
    if (code == CS_SECRET_OK) {
        check_parsed(reference, &uri);
    } else {
        require(code == CS_SECRET_INVALID || code == CS_SECRET_UNKNOWN);
        require(uri.provider == NULL && uri.path == NULL && uri.extras == NULL && uri.extra_count == 0);
        require(err.code == code && err.message[0] != '\0');
        require(memchr(err.message, '\0', sizeof err.message) != NULL);
    }
    cs_secret_uri_clear(&uri);
    cs_secret_uri_clear(&uri);
}

static void check_payload(const uint8_t *data, size_t size, cs_secret_encoding encoding)
{
    unsigned char *out = NULL;
    size_t out_len = 0;
    cs_secret_error err;
    memset(&err, 0, sizeof err);
    cs_secret_code code = cs_secret_payload_normalize(data, size, encoding, &out, &out_len, &err);
    if (code != CS_SECRET_OK) {
        require(code == CS_SECRET_INVALID || code == CS_SECRET_UNKNOWN);
        require(encoding != CS_SECRET_ENCODING_BYTES || code == CS_SECRET_UNKNOWN);
        require(memchr(err.message, '\0', sizeof err.message) != NULL);
        /* fixed texts only: the payload is never quoted */
        static const char *const labels[] = {"bytes", "utf-8", "base64", "binary"};
        char expected[64];
        snprintf(expected, sizeof expected, "secret payload is not valid %s text", labels[encoding]);
        require(strcmp(err.message, code == CS_SECRET_INVALID ? expected
                                    : "out of memory while normalising a secret payload") == 0);
        return;
    }
    require(out != NULL && out[out_len] == '\0');
    if (encoding == CS_SECRET_ENCODING_BYTES || encoding == CS_SECRET_ENCODING_UTF8)
        require(out_len == size && (size == 0 || memcmp(out, data, size) == 0));
    else if (encoding == CS_SECRET_ENCODING_BASE64)
        require(out_len <= size / 4 * 3 + 2);
    else
        require(out_len <= size);
    cs_secret_bytes_free(out, out_len);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size > MAX_INPUT)
        return 0;
    char *reference = malloc(size + 1);
    require(reference != NULL);
    if (size)
        memcpy(reference, data, size);
    reference[size] = '\0';
    check_uri(reference);
    free(reference);

    static const cs_secret_encoding encodings[] = {CS_SECRET_ENCODING_BYTES, CS_SECRET_ENCODING_UTF8,
                                                   CS_SECRET_ENCODING_BASE64, CS_SECRET_ENCODING_BINARY};
    /* an exact-size copy, so reading past the payload is caught */
    uint8_t *payload = calloc(size ? size : 1, 1);
    require(payload != NULL);
    if (size)
        memcpy(payload, data, size);
    for (size_t i = 0; i < sizeof encodings / sizeof encodings[0]; i++)
        check_payload(payload, size, encodings[i]);
    free(payload);
    return 0;
}
