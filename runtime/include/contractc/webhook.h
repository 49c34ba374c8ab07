/* contractc/webhook.h: inbound webhook signature verification and replay
 * detection.
 *
 * Signatures are HMAC-SHA256 (libsodium) compared in constant time, in the
 * three common schemes:
 *   Stripe  header "t=TIMESTAMP,v1=HEX[,v1=HEX...]" (other keys such as v0
 *           ignored), signed text "TIMESTAMP.BODY"; any v1 may match;
 *   Slack   header "v0=HEX" plus a timestamp header (X-Slack-Request-
 *           Timestamp), signed text "v0:TIMESTAMP:BODY";
 *   GitHub  header "sha256=HEX" (X-Hub-Signature-256), signed text BODY.
 * HEX is 64 hexadecimal digits (either case).  For the timestamped schemes
 * the signature is checked first (an unauthenticated timestamp means
 * nothing), then |now - timestamp| must not exceed the tolerance (default
 * 300 s, ContractSpec's documented toleranceMs default), in both
 * directions.
 *
 * Every function is reentrant and allocation-free; the secret is only read.
 */
#ifndef CONTRACTC_WEBHOOK_H
#define CONTRACTC_WEBHOOK_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#define CS_WEBHOOK_DEFAULT_TOLERANCE_MS 300000

typedef enum cs_webhook_outcome {
    CS_WEBHOOK_OK = 0,
    CS_WEBHOOK_MISSING_HEADER,        /* no (or an empty) signature header */
    CS_WEBHOOK_MISSING_TIMESTAMP,     /* Slack: no (or an empty) timestamp header */
    CS_WEBHOOK_MALFORMED_HEADER,      /* wrong prefix, no signature of the scheme,
                                         bad hex, bad or repeated t= */
    CS_WEBHOOK_MALFORMED_TIMESTAMP,   /* Slack: timestamp header not a decimal integer */
    CS_WEBHOOK_MISMATCH,              /* well-formed, but no signature matches */
    CS_WEBHOOK_TIMESTAMP_OUT_OF_TOLERANCE, /* signature matches, timestamp too old or new */
    CS_WEBHOOK_INVALID_ARGUMENT       /* no secret, or body NULL with a length */
} cs_webhook_outcome;

/* "OK", "MISSING_HEADER", ... */
const char *cs_webhook_outcome_name(cs_webhook_outcome outcome);

typedef enum cs_webhook_scheme {
    CS_WEBHOOK_SCHEME_STRIPE,
    CS_WEBHOOK_SCHEME_SLACK,
    CS_WEBHOOK_SCHEME_GITHUB
} cs_webhook_scheme;

/* Optional settings; a zero-initialised struct (or NULL) means: tolerance
 * 300 s, now from time(). */
typedef struct cs_webhook_options {
    bool has_tolerance;
    int64_t tolerance_ms;   /* >= 0 when has_tolerance */
    bool has_now;
    int64_t now_seconds;    /* Unix time, injectable for tests and replays */
} cs_webhook_options;

/* The parts of a request the schemes need.  Header values are NUL-terminated
 * strings, NULL when the header is absent. */
typedef struct cs_webhook_request {
    const char *signature_header;
    const char *timestamp_header; /* Slack only */
    const unsigned char *body;
    size_t body_len;
} cs_webhook_request;

cs_webhook_outcome cs_webhook_verify(cs_webhook_scheme scheme, const unsigned char *secret,
                                     size_t secret_len, const cs_webhook_request *request,
                                     const cs_webhook_options *options);

cs_webhook_outcome cs_webhook_verify_stripe(const unsigned char *secret, size_t secret_len,
                                            const char *signature_header,
                                            const unsigned char *body, size_t body_len,
                                            const cs_webhook_options *options);

cs_webhook_outcome cs_webhook_verify_slack(const unsigned char *secret, size_t secret_len,
                                           const char *signature_header,
                                           const char *timestamp_header,
                                           const unsigned char *body, size_t body_len,
                                           const cs_webhook_options *options);

cs_webhook_outcome cs_webhook_verify_github(const unsigned char *secret, size_t secret_len,
                                            const char *signature_header,
                                            const unsigned char *body, size_t body_len);

/* Computes the hex signature a sender would put in the header (64 digits
 * plus NUL into hex_out) for the scheme's signed text; timestamp is
 * ignored for GitHub.  For tests and for signing outbound webhooks. */
bool cs_webhook_sign(cs_webhook_scheme scheme, const unsigned char *secret, size_t secret_len,
                     int64_t timestamp, const unsigned char *body, size_t body_len,
                     char hex_out[65]);

/* A bounded set of recently seen event ids (for example Stripe's evt_...,
 * GitHub's X-GitHub-Delivery) so a replayed webhook is recognised.  Holds
 * at most capacity ids; inserting into a full set forgets the oldest.
 * Lookups and inserts are O(1) on average (a hash table keyed with a random
 * SipHash key, plus a ring of insertion order).  Ids are compared as exact
 * byte strings; prefix them with the provider ("stripe:evt_1") when one set
 * serves several providers.  Thread-safe: one mutex per set. */
typedef struct cs_webhook_dedupe cs_webhook_dedupe;

typedef enum cs_webhook_dedupe_result {
    CS_WEBHOOK_DEDUPE_NEW = 0,   /* first sighting, now remembered */
    CS_WEBHOOK_DEDUPE_REPLAY,    /* already seen: skip processing */
    CS_WEBHOOK_DEDUPE_ERROR      /* NULL/empty id or out of memory: nothing remembered */
} cs_webhook_dedupe_result;

/* capacity >= 1; returns NULL when capacity is 0 or memory runs out. */
cs_webhook_dedupe *cs_webhook_dedupe_new(size_t capacity);
void cs_webhook_dedupe_free(cs_webhook_dedupe *set);

/* Atomically checks and remembers event_id. */
cs_webhook_dedupe_result cs_webhook_dedupe_check(cs_webhook_dedupe *set, const char *event_id);

bool cs_webhook_dedupe_contains(cs_webhook_dedupe *set, const char *event_id);

/* Forgets event_id (for example when processing failed and the provider's
 * retry must be accepted).  Returns whether it was present. */
bool cs_webhook_dedupe_forget(cs_webhook_dedupe *set, const char *event_id);

size_t cs_webhook_dedupe_count(cs_webhook_dedupe *set);

#ifdef __cplusplus
}
#endif

#endif
