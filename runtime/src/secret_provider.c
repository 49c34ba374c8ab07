/* The secret provider interface: value lifetime and NULL-safe wrappers. */
#include <stdio.h>
#include <stdlib.h>

#include <sodium.h>

#include "contractc/secrets.h"

const char *cs_secret_code_name(cs_secret_code code)
{
    switch (code) {
    case CS_SECRET_OK: return "OK";
    case CS_SECRET_NOT_FOUND: return "NOT_FOUND";
    case CS_SECRET_FORBIDDEN: return "FORBIDDEN";
    case CS_SECRET_INVALID: return "INVALID";
    case CS_SECRET_UNKNOWN: return "UNKNOWN";
    }
    return "UNKNOWN";
}

void cs_secret_value_clear(cs_secret_value *value)
{
    if (!value)
        return;
    if (value->data) {
        sodium_memzero(value->data, value->len);
        free(value->data);
    }
    free(value->version);
    for (size_t i = 0; i < value->metadata_count; i++) {
        free(value->metadata[i].key);
        free(value->metadata[i].value);
    }
    free(value->metadata);
    *value = (cs_secret_value)CS_SECRET_VALUE_INIT;
}

bool cs_secret_provider_can_handle(cs_secret_provider *provider, const char *reference)
{
    if (!provider || !provider->ops || !provider->ops->can_handle || !reference)
        return false;
    return provider->ops->can_handle(provider, reference);
}

cs_secret_code cs_secret_provider_get(cs_secret_provider *provider, const char *reference,
                                      const char *version, cs_secret_value *out,
                                      cs_secret_error *err)
{
    if (!provider || !provider->ops || !provider->ops->get) {
        if (err) {
            err->code = CS_SECRET_INVALID;
            snprintf(err->provider, sizeof err->provider, "%s",
                     provider && provider->id ? provider->id : "unknown");
            snprintf(err->message, sizeof err->message, "provider cannot read secrets");
        }
        return CS_SECRET_INVALID;
    }
    return provider->ops->get(provider, reference, version, out, err);
}

void cs_secret_provider_destroy(cs_secret_provider *provider)
{
    if (provider && provider->ops && provider->ops->destroy)
        provider->ops->destroy(provider);
}
