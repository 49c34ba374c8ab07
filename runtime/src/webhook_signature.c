/* HMAC-SHA256 webhook signatures in the Stripe, Slack and GitHub schemes. */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include <sodium.h>

#include "contractc/webhook.h"

#define SIGNATURE_HEX_LEN (2 * crypto_auth_hmacsha256_BYTES)
/* 18 digits keep every timestamp and difference inside int64_t. */
#define MAX_TIMESTAMP_DIGITS 18

const char *cs_webhook_outcome_name(cs_webhook_outcome outcome)
{
    switch (outcome) {
    case CS_WEBHOOK_OK: return "OK";
    case CS_WEBHOOK_MISSING_HEADER: return "MISSING_HEADER";
    case CS_WEBHOOK_MISSING_TIMESTAMP: return "MISSING_TIMESTAMP";
    case CS_WEBHOOK_MALFORMED_HEADER: return "MALFORMED_HEADER";
    case CS_WEBHOOK_MALFORMED_TIMESTAMP: return "MALFORMED_TIMESTAMP";
    case CS_WEBHOOK_MISMATCH: return "MISMATCH";
    case CS_WEBHOOK_TIMESTAMP_OUT_OF_TOLERANCE: return "TIMESTAMP_OUT_OF_TOLERANCE";
    case CS_WEBHOOK_INVALID_ARGUMENT: return "INVALID_ARGUMENT";
    }
    return "INVALID_ARGUMENT";
}

/* A view of part of a header value. */
typedef struct text_span {
    const char *start;
    size_t len;
} text_span;

static bool parse_timestamp(text_span text, int64_t *out)
{
    if (text.len == 0 || text.len > MAX_TIMESTAMP_DIGITS)
        return false;
    int64_t value = 0;
    for (size_t i = 0; i < text.len; i++) {
        if (text.start[i] < '0' || text.start[i] > '9')
            return false;
        value = value * 10 + (text.start[i] - '0');
    }
    *out = value;
    return true;
}

static bool decode_signature(text_span hex, unsigned char out[crypto_auth_hmacsha256_BYTES])
{
    size_t decoded = 0;
    const char *end = NULL;
    return hex.len == SIGNATURE_HEX_LEN &&
           sodium_hex2bin(out, crypto_auth_hmacsha256_BYTES, hex.start, hex.len, NULL, &decoded,
                          &end) == 0 &&
           decoded == crypto_auth_hmacsha256_BYTES && end == hex.start + hex.len;
}

/* HMAC-SHA256(secret, prefix || timestamp || separator || body). */
static void compute_mac(const unsigned char *secret, size_t secret_len, const char *prefix,
                        text_span timestamp, const char *separator, const unsigned char *body,
                        size_t body_len, unsigned char mac[crypto_auth_hmacsha256_BYTES])
{
    crypto_auth_hmacsha256_state state;
    crypto_auth_hmacsha256_init(&state, secret, secret_len);
    crypto_auth_hmacsha256_update(&state, (const unsigned char *)prefix, strlen(prefix));
    crypto_auth_hmacsha256_update(&state, (const unsigned char *)timestamp.start, timestamp.len);
    crypto_auth_hmacsha256_update(&state, (const unsigned char *)separator, strlen(separator));
    crypto_auth_hmacsha256_update(&state, body, body_len);
    crypto_auth_hmacsha256_final(&state, mac);
    sodium_memzero(&state, sizeof state);
}

static bool within_tolerance(int64_t timestamp, const cs_webhook_options *options)
{
    int64_t now = options && options->has_now ? options->now_seconds : (int64_t)time(NULL);
    int64_t tolerance_ms = options && options->has_tolerance ? options->tolerance_ms
                                                             : CS_WEBHOOK_DEFAULT_TOLERANCE_MS;
    if (tolerance_ms < 0)
        return false;
    int64_t difference = now - timestamp;
    if (difference < 0)
        difference = -difference;
    /* difference*1000 > tolerance_ms, without overflow (difference is whole). */
    return difference <= tolerance_ms / 1000;
}

static bool arguments_valid(const unsigned char *secret, size_t secret_len,
                            const unsigned char *body, size_t body_len)
{
    return secret && secret_len > 0 && (body || body_len == 0);
}

static const unsigned char *body_or_empty(const unsigned char *body)
{
    return body ? body : (const unsigned char *)"";
}

/* The MAC each scheme signs: Stripe "t.body", Slack "v0:t:body", GitHub
 * the body alone. */
static void scheme_mac(cs_webhook_scheme scheme, const unsigned char *secret, size_t secret_len,
                       text_span timestamp, const unsigned char *body, size_t body_len,
                       unsigned char mac[crypto_auth_hmacsha256_BYTES])
{
    body = body_or_empty(body);
    switch (scheme) {
    case CS_WEBHOOK_SCHEME_STRIPE:
        compute_mac(secret, secret_len, "", timestamp, ".", body, body_len, mac);
        break;
    case CS_WEBHOOK_SCHEME_SLACK:
        compute_mac(secret, secret_len, "v0:", timestamp, ":", body, body_len, mac);
        break;
    case CS_WEBHOOK_SCHEME_GITHUB:
    default:
        compute_mac(secret, secret_len, "", (text_span){"", 0}, "", body, body_len, mac);
        break;
    }
}

/* What every scheme checks first: usable arguments and a signature header
 * (CS_WEBHOOK_OK when both are there). */
static cs_webhook_outcome request_usable(const unsigned char *secret, size_t secret_len,
                                         const char *signature_header,
                                         const unsigned char *body, size_t body_len)
{
    if (!arguments_valid(secret, secret_len, body, body_len))
        return CS_WEBHOOK_INVALID_ARGUMENT;
    if (!signature_header || !*signature_header)
        return CS_WEBHOOK_MISSING_HEADER;
    return CS_WEBHOOK_OK;
}

static text_span trimmed(const char *start, size_t len)
{
    while (len && (*start == ' ' || *start == '\t'))
        start++, len--;
    while (len && (start[len - 1] == ' ' || start[len - 1] == '\t'))
        len--;
    return (text_span){start, len};
}

/* Calls visit for each "key=value" item of a Stripe header; false when an
 * item has no '='. */
typedef bool (*stripe_item_visitor)(text_span key, text_span value, void *context);

static bool for_each_stripe_item(const char *header, stripe_item_visitor visit, void *context)
{
    const char *item = header;
    for (;;) {
        const char *comma = strchr(item, ',');
        text_span whole = trimmed(item, comma ? (size_t)(comma - item) : strlen(item));
        const char *equals = memchr(whole.start, '=', whole.len);
        if (!equals)
            return false;
        text_span key = trimmed(whole.start, (size_t)(equals - whole.start));
        text_span value = trimmed(equals + 1, whole.len - (size_t)(equals + 1 - whole.start));
        if (!visit(key, value, context))
            return false;
        if (!comma)
            return true;
        item = comma + 1;
    }
}

static bool span_is(text_span span, const char *literal)
{
    return span.len == strlen(literal) && memcmp(span.start, literal, span.len) == 0;
}

typedef struct stripe_scan {
    text_span timestamp;
    bool has_timestamp;
    size_t signatures;
} stripe_scan;

static bool scan_stripe_item(text_span key, text_span value, void *context)
{
    stripe_scan *scan = context;
    unsigned char ignored[crypto_auth_hmacsha256_BYTES];
    if (span_is(key, "t")) {
        int64_t parsed;
        if (scan->has_timestamp || !parse_timestamp(value, &parsed))
            return false;
        scan->timestamp = value;
        scan->has_timestamp = true;
    } else if (span_is(key, "v1")) {
        if (!decode_signature(value, ignored))
            return false;
        scan->signatures++;
    }
    return true;
}

typedef struct stripe_match {
    const unsigned char *expected;
    bool matched;
} stripe_match;

static bool match_stripe_item(text_span key, text_span value, void *context)
{
    stripe_match *match = context;
    unsigned char candidate[crypto_auth_hmacsha256_BYTES];
    if (span_is(key, "v1") && decode_signature(value, candidate) &&
        sodium_memcmp(candidate, match->expected, sizeof candidate) == 0)
        match->matched = true;
    return true;
}

cs_webhook_outcome cs_webhook_verify_stripe(const unsigned char *secret, size_t secret_len,
                                            const char *signature_header,
                                            const unsigned char *body, size_t body_len,
                                            const cs_webhook_options *options)
{
    cs_webhook_outcome usable =
        request_usable(secret, secret_len, signature_header, body, body_len);
    if (usable != CS_WEBHOOK_OK)
        return usable;
    stripe_scan scan = {{NULL, 0}, false, 0};
    if (!for_each_stripe_item(signature_header, scan_stripe_item, &scan) || !scan.has_timestamp ||
        scan.signatures == 0)
        return CS_WEBHOOK_MALFORMED_HEADER;

    unsigned char expected[crypto_auth_hmacsha256_BYTES];
    scheme_mac(CS_WEBHOOK_SCHEME_STRIPE, secret, secret_len, scan.timestamp, body, body_len,
               expected);
    stripe_match match = {expected, false};
    for_each_stripe_item(signature_header, match_stripe_item, &match);
    if (!match.matched)
        return CS_WEBHOOK_MISMATCH;
    int64_t timestamp = 0;
    parse_timestamp(scan.timestamp, &timestamp);
    return within_tolerance(timestamp, options) ? CS_WEBHOOK_OK
                                                : CS_WEBHOOK_TIMESTAMP_OUT_OF_TOLERANCE;
}

/* header must be prefix followed by exactly one hex signature. */
static bool parse_prefixed_signature(const char *header, const char *prefix,
                                     unsigned char out[crypto_auth_hmacsha256_BYTES])
{
    size_t prefix_len = strlen(prefix);
    if (strncmp(header, prefix, prefix_len) != 0)
        return false;
    text_span hex = trimmed(header + prefix_len, strlen(header + prefix_len));
    return decode_signature(hex, out);
}

cs_webhook_outcome cs_webhook_verify_slack(const unsigned char *secret, size_t secret_len,
                                           const char *signature_header,
                                           const char *timestamp_header,
                                           const unsigned char *body, size_t body_len,
                                           const cs_webhook_options *options)
{
    cs_webhook_outcome usable =
        request_usable(secret, secret_len, signature_header, body, body_len);
    if (usable != CS_WEBHOOK_OK)
        return usable;
    if (!timestamp_header || !*timestamp_header)
        return CS_WEBHOOK_MISSING_TIMESTAMP;
    unsigned char received[crypto_auth_hmacsha256_BYTES];
    if (!parse_prefixed_signature(signature_header, "v0=", received))
        return CS_WEBHOOK_MALFORMED_HEADER;
    text_span timestamp_text = trimmed(timestamp_header, strlen(timestamp_header));
    int64_t timestamp;
    if (!parse_timestamp(timestamp_text, &timestamp))
        return CS_WEBHOOK_MALFORMED_TIMESTAMP;

    unsigned char expected[crypto_auth_hmacsha256_BYTES];
    scheme_mac(CS_WEBHOOK_SCHEME_SLACK, secret, secret_len, timestamp_text, body, body_len,
               expected);
    if (sodium_memcmp(received, expected, sizeof expected) != 0)
        return CS_WEBHOOK_MISMATCH;
    return within_tolerance(timestamp, options) ? CS_WEBHOOK_OK
                                                : CS_WEBHOOK_TIMESTAMP_OUT_OF_TOLERANCE;
}

cs_webhook_outcome cs_webhook_verify_github(const unsigned char *secret, size_t secret_len,
                                            const char *signature_header,
                                            const unsigned char *body, size_t body_len)
{
    cs_webhook_outcome usable =
        request_usable(secret, secret_len, signature_header, body, body_len);
    if (usable != CS_WEBHOOK_OK)
        return usable;
    unsigned char received[crypto_auth_hmacsha256_BYTES];
    if (!parse_prefixed_signature(signature_header, "sha256=", received))
        return CS_WEBHOOK_MALFORMED_HEADER;
    unsigned char expected[crypto_auth_hmacsha256_BYTES];
    scheme_mac(CS_WEBHOOK_SCHEME_GITHUB, secret, secret_len, (text_span){"", 0}, body, body_len,
               expected);
    return sodium_memcmp(received, expected, sizeof expected) == 0 ? CS_WEBHOOK_OK
                                                                   : CS_WEBHOOK_MISMATCH;
}

cs_webhook_outcome cs_webhook_verify(cs_webhook_scheme scheme, const unsigned char *secret,
                                     size_t secret_len, const cs_webhook_request *request,
                                     const cs_webhook_options *options)
{
    if (!request)
        return CS_WEBHOOK_INVALID_ARGUMENT;
    switch (scheme) {
    case CS_WEBHOOK_SCHEME_STRIPE:
        return cs_webhook_verify_stripe(secret, secret_len, request->signature_header,
                                        request->body, request->body_len, options);
    case CS_WEBHOOK_SCHEME_SLACK:
        return cs_webhook_verify_slack(secret, secret_len, request->signature_header,
                                       request->timestamp_header, request->body,
                                       request->body_len, options);
    case CS_WEBHOOK_SCHEME_GITHUB:
        return cs_webhook_verify_github(secret, secret_len, request->signature_header,
                                        request->body, request->body_len);
    }
    return CS_WEBHOOK_INVALID_ARGUMENT;
}

bool cs_webhook_sign(cs_webhook_scheme scheme, const unsigned char *secret, size_t secret_len,
                     int64_t timestamp, const unsigned char *body, size_t body_len,
                     char hex_out[65])
{
    if (!arguments_valid(secret, secret_len, body, body_len) || timestamp < 0)
        return false;
    char digits[24];
    snprintf(digits, sizeof digits, "%" PRId64, timestamp);
    text_span stamp = {digits, strlen(digits)};
    unsigned char mac[crypto_auth_hmacsha256_BYTES];
    scheme_mac(scheme, secret, secret_len, stamp, body, body_len, mac);
    sodium_bin2hex(hex_out, 65, mac, sizeof mac);
    return true;
}
