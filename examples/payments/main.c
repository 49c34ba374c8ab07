/* A checkout service talking to a payment provider through the contractc
 * runtime:
 *
 *   - the app config (tenant, connections, slot bindings) comes from JSON;
 *   - secrets resolve through a manager: environment variables first, then
 *     files in ./secrets (as mounted by an orchestrator);
 *   - the charge runs behind the call guard, which retries the provider's
 *     rate-limit answer and records one telemetry event per attempt (JSON
 *     lines on standard output);
 *   - an inbound webhook is verified (Stripe-style signature), a forged one
 *     is rejected and a replay is recognised.
 *
 * The provider is simulated so the example runs offline: its first answer
 * is a rate limit, its second a charge.
 *
 * Run: ACME_PAY_KEY='{"apiKey":"..."}' ACME_PAY_WEBHOOK_SECRET=... \
 *      payments_example app-config.json
 */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include <contractc/guard.h>
#include <contractc/secret_manager.h>
#include <contractc/secrets_env.h>
#include <contractc/secrets_file.h>
#include <contractc/telemetry.h>
#include <contractc/webhook.h>

typedef struct simulated_provider {
    unsigned calls;
} simulated_provider;

/* The executor: what a generated client would do with the connection's
 * config and secrets.  It must never put a secret into an error. */
static bool create_charge(const cs_call_context *ctx, void *user, cs_call_output *out,
                          cs_call_error *err)
{
    simulated_provider *provider = user;
    const char *api_key = cs_secret_map_get(ctx->secrets, "apiKey");
    if (!api_key || !*api_key) {
        snprintf(err->code, sizeof err->code, "MISSING_CREDENTIALS");
        snprintf(err->message, sizeof err->message, "secret has no apiKey member");
        return false;
    }
    if (++provider->calls == 1) {
        snprintf(err->code, sizeof err->code, "rate_limited");
        snprintf(err->message, sizeof err->message, "provider answered 429, retry later");
        err->retryable = true;
        return false;
    }
    const cJSON *account = cJSON_GetObjectItemCaseSensitive(cs_connection_config(ctx->connection),
                                                            "accountId");
    out->data = cJSON_CreateObject();
    cJSON_AddStringToObject(out->data, "id", "ch_1");
    cJSON_AddNumberToObject(out->data, "amount", 1250);
    cJSON_AddStringToObject(out->data, "currency", "EUR");
    cJSON_AddStringToObject(out->data, "status", "SUCCEEDED");
    cJSON_AddStringToObject(out->data, "account",
                            cJSON_IsString(account) ? account->valuestring : "");
    return true;
}

static int charge(const cs_guard *guard, const cs_app_config *config)
{
    simulated_provider provider = {0};
    cs_result result = CS_RESULT_INIT;
    int status = 0;
    if (cs_guard_execute(guard, "payments", "checkout.charge.create", config, create_charge,
                         &provider, &result)) {
        char *data = cJSON_PrintUnformatted(result.data);
        printf("charge succeeded after %u attempts: %s\n", result.attempts, data ? data : "");
        cJSON_free(data);
    } else {
        printf("charge failed: %s: %s\n", result.error_code,
               result.error_message ? result.error_message : "");
        status = 1;
    }
    cs_result_clear(&result);
    return status;
}

/* Receives one webhook delivery: verify, then deduplicate by event id. */
static void receive_webhook(const char *label, const cs_secret_value *secret,
                            const char *signature_header, const char *body, const char *event_id,
                            cs_webhook_dedupe *seen)
{
    cs_webhook_outcome outcome =
        cs_webhook_verify_stripe(secret->data, secret->len, signature_header,
                                 (const unsigned char *)body, strlen(body), NULL);
    if (outcome != CS_WEBHOOK_OK) {
        printf("%s: %s\n", label, cs_webhook_outcome_name(outcome));
        return;
    }
    if (cs_webhook_dedupe_check(seen, event_id) == CS_WEBHOOK_DEDUPE_REPLAY)
        printf("%s: replay ignored\n", label);
    else
        printf("%s: OK\n", label);
}

static int webhooks(cs_secret_provider *secrets)
{
    cs_secret_value secret = CS_SECRET_VALUE_INIT;
    cs_secret_error err;
    if (cs_secret_provider_get(secrets, "env://ACME_PAY_WEBHOOK_SECRET", NULL, &secret, &err) !=
        CS_SECRET_OK) {
        printf("webhook secret unavailable: %s: %s\n", cs_secret_code_name(err.code), err.message);
        return 1;
    }

    /* What the provider sends: a body and its signature header. */
    const char *body = "{\"id\":\"evt_1001\",\"type\":\"charge.succeeded\"}";
    int64_t now = (int64_t)time(NULL);
    char hex[65];
    char header[128];
    cs_webhook_sign(CS_WEBHOOK_SCHEME_STRIPE, secret.data, secret.len, now,
                    (const unsigned char *)body, strlen(body), hex);
    snprintf(header, sizeof header, "t=%lld,v1=%s", (long long)now, hex);

    cs_webhook_dedupe *seen = cs_webhook_dedupe_new(1024);
    if (!seen) {
        cs_secret_value_clear(&secret);
        return 1;
    }
    receive_webhook("webhook evt_1001", &secret, header, body, "acme:evt_1001", seen);
    receive_webhook("forged webhook", &secret, header,
                    "{\"id\":\"evt_1001\",\"type\":\"charge.refunded\"}", "acme:evt_1001", seen);
    receive_webhook("webhook evt_1001 again", &secret, header, body, "acme:evt_1001", seen);

    cs_webhook_dedupe_free(seen);
    cs_secret_value_clear(&secret);
    return 0;
}

int main(int argc, char **argv)
{
    if (argc != 2) {
        fprintf(stderr, "usage: %s APP_CONFIG.json\n", argv[0]);
        return 2;
    }

    cs_error err;
    cs_app_config *config = cs_app_config_load_file(argv[1], &err);
    if (!config) {
        fprintf(stderr, "%s: %s: %s\n", argv[1], err.pointer, err.message);
        return 2;
    }

    /* Environment variables override files; a file directory that does not
     * exist is simply not registered. */
    cs_secret_manager *manager = cs_secret_manager_new(NULL);
    cs_secret_manager_register(manager, cs_secret_env_provider_new(NULL, 0), 10);
    cs_secret_file_options file_options = {0};
    file_options.directory = "secrets";
    cs_secret_error file_err;
    cs_secret_provider *files = cs_secret_file_provider_new(&file_options, &file_err);
    if (files)
        cs_secret_manager_register(manager, files, 0);
    cs_secret_provider *secrets = cs_secret_manager_provider(manager);

    cs_telemetry_emitter *events = cs_telemetry_jsonl_new(stdout, false);
    cs_guard_options options;
    cs_guard_options_init(&options);
    options.backoff_ms = 20;
    options.telemetry = events;
    cs_guard *guard = cs_guard_new(secrets, &options);

    int status = guard ? charge(guard, config) : 1;
    fflush(stdout);
    if (status == 0)
        status = webhooks(secrets);

    cs_guard_free(guard);
    cs_telemetry_emitter_destroy(events);
    cs_secret_manager_free(manager);
    cs_app_config_free(config);
    return status;
}
