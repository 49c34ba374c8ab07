/* The environment-variable secret provider (ContractSpec's
 * EnvSecretProvider): reference -> variable name -> getenv. */
#define _POSIX_C_SOURCE 200809L /* strdup, strndup */
#include <stdlib.h>
#include <string.h>

#include "contractc/secret_uri.h"
#include "contractc/secrets_env.h"

#define ENV_PROVIDER_ID "env"

typedef struct env_provider {
    cs_secret_provider base;
    cs_secret_env_alias *aliases; /* owned copies */
    size_t alias_count;
} env_provider;

static bool is_separator(char c)
{
    return c == '/' || c == ':' || c == '-' || c == '.';
}

static bool is_ascii_alnum(char c)
{
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

/* Appends one piece: non-alphanumerics become '_', runs of '_' collapse
 * (within the piece only), letters are upper-cased. */
static void append_piece(char *name, size_t *used, const char *piece, size_t len)
{
    bool last_underscore = false;
    for (size_t i = 0; i < len; i++) {
        char c = piece[i];
        if (!is_ascii_alnum(c)) {
            if (last_underscore)
                continue;
            name[(*used)++] = '_';
            last_underscore = true;
            continue;
        }
        name[(*used)++] = (c >= 'a' && c <= 'z') ? (char)(c - 'a' + 'A') : c;
        last_underscore = false;
    }
}

/* Rule 4's derivation from the path alone. */
static char *derive_from_path(const char *path)
{
    size_t path_len = strlen(path);
    char *name = malloc(path_len + 1);
    if (!name)
        return NULL;
    size_t used = 0;
    size_t start = 0;
    for (size_t i = 0; i <= path_len; i++) {
        if (i < path_len && !is_separator(path[i]))
            continue;
        if (i > start) {
            if (used)
                name[used++] = '_';
            append_piece(name, &used, path + start, i - start);
        }
        start = i + 1;
    }
    name[used] = 0;
    return name;
}

static char *name_from_uri(const cs_secret_uri *uri)
{
    if (strcmp(uri->provider, "env") == 0)
        return strdup(uri->path);
    const char *override = cs_secret_uri_extra_value(uri, "env");
    if (override && *override)
        return strdup(override);
    return derive_from_path(uri->path);
}

char *cs_secret_env_variable_name(cs_secret_provider *provider, const char *reference)
{
    env_provider *env = (env_provider *)provider;
    if (!reference || !*reference)
        return NULL;
    for (size_t i = 0; env && i < env->alias_count; i++)
        if (strcmp(env->aliases[i].reference, reference) == 0 && *env->aliases[i].variable)
            return strdup(env->aliases[i].variable);
    if (!strstr(reference, "://"))
        return strdup(reference);
    cs_secret_uri uri;
    if (cs_secret_uri_parse(reference, &uri, NULL) != CS_SECRET_OK)
        return strdup(reference);
    char *name = name_from_uri(&uri);
    cs_secret_uri_clear(&uri);
    return name;
}

static bool env_can_handle(cs_secret_provider *self, const char *reference)
{
    char *name = cs_secret_env_variable_name(self, reference);
    bool defined = name && *name && getenv(name) != NULL;
    free(name);
    return defined;
}

static cs_secret_code env_get(cs_secret_provider *self, const char *reference, const char *version,
                              cs_secret_value *out, cs_secret_error *err)
{
    (void)version; /* an environment variable has one version */
    if (!reference || !*reference)
        return cs_secret_error_set(err, CS_SECRET_INVALID, ENV_PROVIDER_ID,
                                   "secret reference is empty");
    char *name = cs_secret_env_variable_name(self, reference);
    if (!name)
        return cs_secret_error_set(err, CS_SECRET_UNKNOWN, ENV_PROVIDER_ID, "out of memory");
    /* A reference whose path has no name characters (x://///) derives an
     * empty name: that names no variable, which is a malformed reference,
     * not a missing secret. */
    if (!*name) {
        free(name);
        return cs_secret_error_set(err, CS_SECRET_INVALID, ENV_PROVIDER_ID,
                                   "secret reference %s names no environment variable", reference);
    }
    const char *text = getenv(name);
    cs_secret_code code = CS_SECRET_OK;
    if (!text) {
        code = cs_secret_error_set(err, CS_SECRET_NOT_FOUND, ENV_PROVIDER_ID,
                                   "environment variable %s is not set (reference %s)", name,
                                   reference);
    } else if (!cs_secret_value_assign(out, (const unsigned char *)text, strlen(text), "current") ||
               !cs_secret_value_add_meta(out, "source", "env") ||
               !cs_secret_value_add_meta(out, "envKey", name)) {
        cs_secret_value_clear(out);
        code = cs_secret_error_set(err, CS_SECRET_UNKNOWN, ENV_PROVIDER_ID, "out of memory");
    }
    free(name);
    return code;
}

static cs_secret_code env_read_only(const char *operation, const char *reference,
                                    cs_secret_error *err)
{
    return cs_secret_error_set(err, CS_SECRET_FORBIDDEN, ENV_PROVIDER_ID,
                               "the environment provider is read-only: cannot %s %s", operation,
                               reference ? reference : "");
}

static cs_secret_code env_put(cs_secret_provider *self, const char *reference,
                              const unsigned char *data, size_t len, char **new_reference,
                              cs_secret_error *err)
{
    (void)self, (void)data, (void)len, (void)new_reference;
    return env_read_only("setSecret", reference, err);
}

static cs_secret_code env_rotate(cs_secret_provider *self, const char *reference,
                                 const unsigned char *data, size_t len, char **new_reference,
                                 cs_secret_error *err)
{
    (void)self, (void)data, (void)len, (void)new_reference;
    return env_read_only("rotateSecret", reference, err);
}

static cs_secret_code env_remove(cs_secret_provider *self, const char *reference,
                                 cs_secret_error *err)
{
    (void)self;
    return env_read_only("deleteSecret", reference, err);
}

static void env_destroy(cs_secret_provider *self)
{
    env_provider *env = (env_provider *)self;
    for (size_t i = 0; i < env->alias_count; i++) {
        free((char *)env->aliases[i].reference);
        free((char *)env->aliases[i].variable);
    }
    free(env->aliases);
    free(env);
}

static const cs_secret_provider_ops env_ops = {
    env_can_handle, env_get, env_put, env_rotate, env_remove, env_destroy,
};

cs_secret_provider *cs_secret_env_provider_new(const cs_secret_env_alias *aliases,
                                               size_t alias_count)
{
    env_provider *env = calloc(1, sizeof *env);
    if (!env)
        return NULL;
    env->base.id = ENV_PROVIDER_ID;
    env->base.ops = &env_ops;
    if (alias_count && aliases) {
        env->aliases = calloc(alias_count, sizeof *env->aliases);
        if (!env->aliases) {
            free(env);
            return NULL;
        }
    }
    for (size_t i = 0; aliases && i < alias_count; i++) {
        if (!aliases[i].reference)
            continue;
        cs_secret_env_alias *copy = &env->aliases[env->alias_count];
        copy->reference = strdup(aliases[i].reference);
        copy->variable = strdup(aliases[i].variable ? aliases[i].variable : "");
        env->alias_count++;
        if (!copy->reference || !copy->variable) {
            env_destroy(&env->base);
            return NULL;
        }
    }
    return &env->base;
}
