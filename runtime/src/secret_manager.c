/* The composite secret provider: ordering, fall-back and the composed
 * error of ContractSpec's SecretProviderManager. */
#define _POSIX_C_SOURCE 200809L /* strdup */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "contractc/secret_manager.h"

typedef struct manager_entry {
    cs_secret_provider *provider;
    int priority;
    unsigned long registration;
} manager_entry;

struct cs_secret_manager {
    cs_secret_provider base; /* first: the manager is a provider */
    char *id;
    manager_entry *entries;
    size_t count;
    size_t capacity;
    unsigned long next_registration;
};

/* The failures of one operation, enough to compose ContractSpec's error
 * without allocating. */
typedef struct attempt_log {
    size_t failures;
    cs_secret_error first;
    cs_secret_code last_code;
    char attempts[sizeof ((cs_secret_error *)0)->message];
} attempt_log;

typedef enum write_kind { WRITE_PUT, WRITE_ROTATE, WRITE_REMOVE } write_kind;

static const char *write_operation_name(write_kind kind)
{
    switch (kind) {
    case WRITE_PUT: return "setSecret";
    case WRITE_ROTATE: return "rotateSecret";
    case WRITE_REMOVE: return "deleteSecret";
    }
    return "setSecret";
}

static void log_failure(attempt_log *log, const cs_secret_error *failure)
{
    if (log->failures == 0)
        log->first = *failure;
    log->last_code = failure->code;
    size_t used = strlen(log->attempts);
    snprintf(log->attempts + used, sizeof log->attempts - used, "%s%s:%s",
             log->failures ? ", " : "", failure->provider, cs_secret_code_name(failure->code));
    log->failures++;
}

/* Runs one provider call's error through the log, making sure the record
 * names a provider even if the provider left it blank. */
static void record_attempt(attempt_log *log, cs_secret_provider *provider, cs_secret_code code,
                           cs_secret_error *attempt)
{
    attempt->code = code; /* the returned code is authoritative */
    if (!attempt->provider[0])
        snprintf(attempt->provider, sizeof attempt->provider, "%s",
                 provider->id ? provider->id : "unknown");
    log_failure(log, attempt);
}

static cs_secret_code compose_error(const cs_secret_manager *manager, const attempt_log *log,
                                    const char *operation, const char *reference,
                                    const char *version, cs_secret_error *err)
{
    if (log->failures == 1) {
        if (err)
            *err = log->first;
        return log->first.code;
    }
    cs_secret_code code = log->failures ? log->last_code : CS_SECRET_UNKNOWN;
    char version_part[96] = "";
    if (version)
        snprintf(version_part, sizeof version_part, " (version: %s)", version);
    if (log->failures >= 2)
        return cs_secret_error_set(err, code, manager->id,
                                   "no registered provider could perform %s for %s%s. Attempts: %s",
                                   operation, reference ? reference : "", version_part,
                                   log->attempts);
    return cs_secret_error_set(err, code, manager->id,
                               "no registered provider could perform %s for %s%s", operation,
                               reference ? reference : "", version_part);
}

static bool manager_can_handle(cs_secret_provider *self, const char *reference)
{
    cs_secret_manager *manager = (cs_secret_manager *)self;
    for (size_t i = 0; i < manager->count; i++)
        if (cs_secret_provider_can_handle(manager->entries[i].provider, reference))
            return true;
    return false;
}

static cs_secret_code manager_get(cs_secret_provider *self, const char *reference,
                                  const char *version, cs_secret_value *out, cs_secret_error *err)
{
    cs_secret_manager *manager = (cs_secret_manager *)self;
    attempt_log log = {0};
    for (size_t i = 0; i < manager->count; i++) {
        cs_secret_provider *provider = manager->entries[i].provider;
        if (!cs_secret_provider_can_handle(provider, reference))
            continue;
        cs_secret_error attempt = {0};
        cs_secret_code code = cs_secret_provider_get(provider, reference, version, out, &attempt);
        if (code == CS_SECRET_OK)
            return CS_SECRET_OK;
        cs_secret_value_clear(out);
        record_attempt(&log, provider, code, &attempt);
        if (attempt.code != CS_SECRET_NOT_FOUND)
            break;
    }
    return compose_error(manager, &log, "getSecret", reference, version, err);
}

static bool provider_supports(const cs_secret_provider *provider, write_kind kind)
{
    if (!provider->ops)
        return false;
    switch (kind) {
    case WRITE_PUT: return provider->ops->put != NULL;
    case WRITE_ROTATE: return provider->ops->rotate != NULL;
    case WRITE_REMOVE: return provider->ops->remove != NULL;
    }
    return false;
}

static cs_secret_code call_write(cs_secret_provider *provider, write_kind kind,
                                 const char *reference, const unsigned char *data, size_t len,
                                 char **new_reference, cs_secret_error *attempt)
{
    switch (kind) {
    case WRITE_PUT:
        return cs_secret_provider_put(provider, reference, data, len, new_reference, attempt);
    case WRITE_ROTATE:
        return cs_secret_provider_rotate(provider, reference, data, len, new_reference, attempt);
    case WRITE_REMOVE:
        return cs_secret_provider_remove(provider, reference, attempt);
    }
    return CS_SECRET_UNKNOWN;
}

static cs_secret_code manager_write(cs_secret_manager *manager, write_kind kind,
                                    const char *reference, const unsigned char *data, size_t len,
                                    char **new_reference, cs_secret_error *err)
{
    attempt_log log = {0};
    for (size_t i = 0; i < manager->count; i++) {
        cs_secret_provider *provider = manager->entries[i].provider;
        if (!provider_supports(provider, kind) || !cs_secret_provider_can_handle(provider, reference))
            continue;
        cs_secret_error attempt = {0};
        cs_secret_code code =
            call_write(provider, kind, reference, data, len, new_reference, &attempt);
        if (code == CS_SECRET_OK)
            return CS_SECRET_OK;
        record_attempt(&log, provider, code, &attempt);
    }
    return compose_error(manager, &log, write_operation_name(kind), reference, NULL, err);
}

static cs_secret_code manager_put(cs_secret_provider *self, const char *reference,
                                  const unsigned char *data, size_t len, char **new_reference,
                                  cs_secret_error *err)
{
    return manager_write((cs_secret_manager *)self, WRITE_PUT, reference, data, len,
                         new_reference, err);
}

static cs_secret_code manager_rotate(cs_secret_provider *self, const char *reference,
                                     const unsigned char *data, size_t len, char **new_reference,
                                     cs_secret_error *err)
{
    return manager_write((cs_secret_manager *)self, WRITE_ROTATE, reference, data, len,
                         new_reference, err);
}

static cs_secret_code manager_remove(cs_secret_provider *self, const char *reference,
                                     cs_secret_error *err)
{
    return manager_write((cs_secret_manager *)self, WRITE_REMOVE, reference, NULL, 0, NULL, err);
}

static void manager_destroy(cs_secret_provider *self)
{
    cs_secret_manager_free((cs_secret_manager *)self);
}

static const cs_secret_provider_ops manager_ops = {
    manager_can_handle, manager_get, manager_put, manager_rotate, manager_remove, manager_destroy,
};

cs_secret_manager *cs_secret_manager_new(const char *id)
{
    cs_secret_manager *manager = calloc(1, sizeof *manager);
    if (!manager)
        return NULL;
    manager->id = strdup(id ? id : CS_SECRET_MANAGER_DEFAULT_ID);
    if (!manager->id) {
        free(manager);
        return NULL;
    }
    manager->base.id = manager->id;
    manager->base.ops = &manager_ops;
    return manager;
}

/* Priority descending, then registration ascending. */
static bool entry_before(const manager_entry *a, const manager_entry *b)
{
    if (a->priority != b->priority)
        return a->priority > b->priority;
    return a->registration < b->registration;
}

bool cs_secret_manager_register(cs_secret_manager *manager, cs_secret_provider *provider,
                                int priority)
{
    if (!manager || !provider) {
        cs_secret_provider_destroy(provider);
        return false;
    }
    if (manager->count == manager->capacity) {
        size_t capacity = manager->capacity ? manager->capacity * 2 : 4;
        manager_entry *grown = realloc(manager->entries, capacity * sizeof *grown);
        if (!grown) {
            cs_secret_provider_destroy(provider);
            return false;
        }
        manager->entries = grown;
        manager->capacity = capacity;
    }
    manager_entry entry = {provider, priority, manager->next_registration++};
    /* Insertion keeps the list sorted; the newest entry goes after every
     * entry of equal priority. */
    size_t at = manager->count;
    while (at > 0 && entry_before(&entry, &manager->entries[at - 1])) {
        manager->entries[at] = manager->entries[at - 1];
        at--;
    }
    manager->entries[at] = entry;
    manager->count++;
    return true;
}

size_t cs_secret_manager_count(const cs_secret_manager *manager)
{
    return manager ? manager->count : 0;
}

cs_secret_provider *cs_secret_manager_at(const cs_secret_manager *manager, size_t index)
{
    return manager && index < manager->count ? manager->entries[index].provider : NULL;
}

cs_secret_provider *cs_secret_manager_provider(cs_secret_manager *manager)
{
    return manager ? &manager->base : NULL;
}

void cs_secret_manager_free(cs_secret_manager *manager)
{
    if (!manager)
        return;
    for (size_t i = 0; i < manager->count; i++)
        cs_secret_provider_destroy(manager->entries[i].provider);
    free(manager->entries);
    free(manager->id);
    free(manager);
}
