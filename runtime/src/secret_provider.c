/* The secret provider interface: value lifetime and NULL-safe wrappers. */
#define _POSIX_C_SOURCE 200809L /* strdup */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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

static cs_secret_code missing_write_operation(cs_secret_provider *provider, const char *operation,
                                              cs_secret_error *err)
{
    return cs_secret_error_set(err, CS_SECRET_FORBIDDEN,
                               provider && provider->id ? provider->id : "unknown",
                               "provider does not support %s", operation);
}

cs_secret_code cs_secret_provider_put(cs_secret_provider *provider, const char *reference,
                                      const unsigned char *data, size_t len,
                                      char **new_reference, cs_secret_error *err)
{
    if (!provider || !provider->ops || !provider->ops->put)
        return missing_write_operation(provider, "setSecret", err);
    return provider->ops->put(provider, reference, data, len, new_reference, err);
}

cs_secret_code cs_secret_provider_rotate(cs_secret_provider *provider, const char *reference,
                                         const unsigned char *data, size_t len,
                                         char **new_reference, cs_secret_error *err)
{
    if (!provider || !provider->ops || !provider->ops->rotate)
        return missing_write_operation(provider, "rotateSecret", err);
    return provider->ops->rotate(provider, reference, data, len, new_reference, err);
}

cs_secret_code cs_secret_provider_remove(cs_secret_provider *provider, const char *reference,
                                         cs_secret_error *err)
{
    if (!provider || !provider->ops || !provider->ops->remove)
        return missing_write_operation(provider, "deleteSecret", err);
    return provider->ops->remove(provider, reference, err);
}

cs_secret_code cs_secret_error_set(cs_secret_error *err, cs_secret_code code,
                                   const char *provider, const char *format, ...)
{
    if (!err)
        return code;
    err->code = code;
    snprintf(err->provider, sizeof err->provider, "%s", provider ? provider : "unknown");
    va_list args;
    va_start(args, format);
    vsnprintf(err->message, sizeof err->message, format, args);
    va_end(args);
    return code;
}

void cs_secret_bytes_free(void *bytes, size_t len)
{
    if (!bytes)
        return;
    sodium_memzero(bytes, len);
    free(bytes);
}

bool cs_secret_value_assign(cs_secret_value *value, const unsigned char *data, size_t len,
                            const char *version)
{
    unsigned char *copy = malloc(len + 1);
    char *version_copy = version ? strdup(version) : NULL;
    if (!copy || (version && !version_copy)) {
        free(copy);
        free(version_copy);
        cs_secret_value_clear(value);
        return false;
    }
    if (len)
        memcpy(copy, data, len);
    copy[len] = 0;
    if (value->data)
        cs_secret_bytes_free(value->data, value->len);
    free(value->version);
    value->data = copy;
    value->len = len;
    value->version = version_copy;
    return true;
}

bool cs_secret_value_add_meta(cs_secret_value *value, const char *key, const char *text)
{
    char *key_copy = strdup(key);
    char *text_copy = strdup(text);
    cs_secret_meta *grown = NULL;
    if (key_copy && text_copy)
        grown = realloc(value->metadata, (value->metadata_count + 1) * sizeof *grown);
    if (!grown) {
        free(key_copy);
        free(text_copy);
        return false;
    }
    grown[value->metadata_count].key = key_copy;
    grown[value->metadata_count].value = text_copy;
    value->metadata = grown;
    value->metadata_count++;
    return true;
}
