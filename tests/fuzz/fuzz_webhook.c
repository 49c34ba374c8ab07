/* fuzz_webhook: libFuzzer target for webhook signature verification
 * (cs_webhook_verify, contractc/webhook.h), with a fixed secret and a fixed
 * "now".
 *
 * Input: one flags byte, one byte of timestamp skew, then up to three
 * NUL-separated parts: signature header, timestamp header, body (the body
 * is the rest, NULs included).  Flags: bits 0-1 the scheme (3: all three),
 * bit 2 an absent signature header, bit 3 an absent timestamp header, bit 4
 * a zero tolerance.  Every header and the body are exact-size heap copies,
 * so a read past their end is caught.  Invariants checked:
 *   - the outcome is a documented one with a name, never INVALID_ARGUMENT
 *     (the secret is set and the body is not NULL), and MISSING_HEADER when
 *     the signature header is absent;
 *   - cs_webhook_verify agrees with the scheme's own function;
 *   - the body signed with cs_webhook_sign at now + skew (|skew| < 128 s)
 *     verifies OK under the default tolerance, in lower- and upper-case
 *     hex, and no longer verifies (MISMATCH) once a body byte changes;
 *   - with flag bit 5 and a timestamp part of 1 to 18 digits, the body is
 *     signed at that timestamp instead, and the timestamped schemes answer
 *     OK exactly when it is within 300 s of now, TIMESTAMP_OUT_OF_TOLERANCE
 *     otherwise. */
#include <ctype.h>
#include <inttypes.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "contractc/webhook.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

enum { MAX_INPUT = 64 * 1024 };

static const unsigned char secret[] = "whsec_fuzz_0123456789abcdef";
static const int64_t now_seconds = 1700000000;

static void require(int condition)
{
    if (!condition)
        abort();
}

/* An exact-size copy of text[0..len) plus its NUL. */
static char *copy_text(const uint8_t *text, size_t len)
{
    char *copy = malloc(len + 1);
    require(copy != NULL);
    if (len)
        memcpy(copy, text, len);
    copy[len] = '\0';
    return copy;
}

/* text as a timestamp of 1 to 18 decimal digits (what the schemes accept). */
static bool parse_digits(const char *text, int64_t *out)
{
    size_t len = strlen(text);
    if (len == 0 || len > 18)
        return false;
    int64_t value = 0;
    for (size_t i = 0; i < len; i++) {
        if (text[i] < '0' || text[i] > '9')
            return false;
        value = value * 10 + (text[i] - '0');
    }
    *out = value;
    return true;
}

static cs_webhook_outcome verify_directly(cs_webhook_scheme scheme, const cs_webhook_request *request,
                                          const cs_webhook_options *options)
{
    size_t secret_len = sizeof secret - 1;
    switch (scheme) {
    case CS_WEBHOOK_SCHEME_STRIPE:
        return cs_webhook_verify_stripe(secret, secret_len, request->signature_header, request->body,
                                        request->body_len, options);
    case CS_WEBHOOK_SCHEME_SLACK:
        return cs_webhook_verify_slack(secret, secret_len, request->signature_header,
                                       request->timestamp_header, request->body, request->body_len,
                                       options);
    case CS_WEBHOOK_SCHEME_GITHUB:
        break;
    }
    return cs_webhook_verify_github(secret, secret_len, request->signature_header, request->body,
                                    request->body_len);
}

static void check_fuzzed_request(cs_webhook_scheme scheme, const cs_webhook_request *request,
                                 const cs_webhook_options *options)
{
    cs_webhook_outcome outcome = cs_webhook_verify(scheme, secret, sizeof secret - 1, request, options);
    require(outcome >= CS_WEBHOOK_OK && outcome < CS_WEBHOOK_INVALID_ARGUMENT);
    require(cs_webhook_outcome_name(outcome) != NULL);
    if (request->signature_header == NULL)
        require(outcome == CS_WEBHOOK_MISSING_HEADER);
    require(verify_directly(scheme, request, options) == outcome);
}

/* Signs the body as a sender would and checks it verifies, then that a
 * changed body does not. */
static void check_signed_request(cs_webhook_scheme scheme, unsigned char *body, size_t body_len,
                                 int64_t timestamp)
{
    int64_t distance = timestamp > now_seconds ? timestamp - now_seconds : now_seconds - timestamp;
    cs_webhook_outcome expected = scheme == CS_WEBHOOK_SCHEME_GITHUB || distance <= 300
                                      ? CS_WEBHOOK_OK
                                      : CS_WEBHOOK_TIMESTAMP_OUT_OF_TOLERANCE;
    char hex[65];
    require(cs_webhook_sign(scheme, secret, sizeof secret - 1, timestamp, body, body_len, hex));
    require(strlen(hex) == 64);
    cs_webhook_options options = {false, 0, true, now_seconds};
    char header[128];
    char timestamp_text[32];
    snprintf(timestamp_text, sizeof timestamp_text, "%" PRId64, timestamp);
    for (int upper = 0; upper < 2; upper++) {
        if (upper)
            for (size_t i = 0; i < 64; i++)
                hex[i] = (char)toupper((unsigned char)hex[i]);
        if (scheme == CS_WEBHOOK_SCHEME_STRIPE)
            snprintf(header, sizeof header, "t=%s,v1=%s", timestamp_text, hex);
        else if (scheme == CS_WEBHOOK_SCHEME_SLACK)
            snprintf(header, sizeof header, "v0=%s", hex);
        else
            snprintf(header, sizeof header, "sha256=%s", hex);
        cs_webhook_request request = {header, timestamp_text, body, body_len};
        require(cs_webhook_verify(scheme, secret, sizeof secret - 1, &request, &options) == expected);
        if (body_len > 0) {
            body[0] ^= 0x01;
            require(cs_webhook_verify(scheme, secret, sizeof secret - 1, &request, &options)
                    == CS_WEBHOOK_MISMATCH);
            body[0] ^= 0x01;
        }
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 2 || size > MAX_INPUT)
        return 0;
    uint8_t flags = data[0];
    int64_t skew = (int8_t)data[1];
    const uint8_t *parts[3] = {data + 2, NULL, NULL};
    size_t lens[3] = {size - 2, 0, 0};
    for (size_t i = 0; i < 2; i++) {
        const uint8_t *nul = memchr(parts[i], '\0', lens[i]);
        if (!nul)
            break;
        parts[i + 1] = nul + 1;
        lens[i + 1] = lens[i] - (size_t)(nul - parts[i]) - 1;
        lens[i] = (size_t)(nul - parts[i]);
    }
    char *signature = (flags & 0x04) ? NULL : copy_text(parts[0], lens[0]);
    char *timestamp = (flags & 0x08) || !parts[1] ? NULL : copy_text(parts[1], lens[1]);
    size_t body_len = parts[2] ? lens[2] : 0;
    unsigned char *body = calloc(body_len ? body_len : 1, 1);
    require(body != NULL);
    if (body_len)
        memcpy(body, parts[2], body_len);

    cs_webhook_options options = {(flags & 0x10) != 0, 0, true, now_seconds};
    cs_webhook_request request = {signature, timestamp, body, body_len};
    int64_t signed_at = now_seconds + skew;
    if ((flags & 0x20) && timestamp)
        parse_digits(timestamp, &signed_at);
    unsigned scheme_bits = flags & 0x03;
    for (unsigned s = 0; s < 3; s++) {
        if (scheme_bits != 3 && s != scheme_bits)
            continue;
        check_fuzzed_request((cs_webhook_scheme)s, &request, &options);
        check_signed_request((cs_webhook_scheme)s, body, body_len, signed_at);
    }
    free(signature);
    free(timestamp);
    free(body);
    return 0;
}
