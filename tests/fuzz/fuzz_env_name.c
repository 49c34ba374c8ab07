/* fuzz_env_name: libFuzzer target for the environment provider's variable
 * name derivation (cs_secret_env_variable_name, contractc/secrets_env.h).
 *
 * The input, cut at its first NUL, is a secret reference; the provider has
 * two aliases (one of them with an empty variable, which must be ignored).
 * Invariants checked, rule by rule:
 *   - empty reference: no name;
 *   - the alias reference: its variable;
 *   - no "://", or not a valid URI: the reference verbatim;
 *   - scheme env: the path verbatim; a non-empty env extra: that extra;
 *   - otherwise a name of upper-case letters, digits and '_' only, no
 *     longer than the path. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "contractc/secret_uri.h"
#include "contractc/secrets_env.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

enum { MAX_INPUT = 16 * 1024 };

static const cs_secret_env_alias aliases[] = {
    {"vault://payments/stripe", "STRIPE_KEY"},
    {"ignored://alias", ""},
};

static void require(int condition)
{
    if (!condition)
        abort();
}

static int is_derived_char(char c)
{
    return (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}

static void check_name(const char *reference, const char *name)
{
    if (reference[0] == '\0') {
        require(name == NULL);
        return;
    }
    require(name != NULL);
    if (strcmp(reference, aliases[0].reference) == 0) {
        require(strcmp(name, aliases[0].variable) == 0);
        return;
    }
    cs_secret_uri uri = CS_SECRET_URI_INIT;
    if (strstr(reference, "://") == NULL || cs_secret_uri_parse(reference, &uri, NULL) != CS_SECRET_OK) {
        require(strcmp(name, reference) == 0);
        return;
    }
    const char *override = cs_secret_uri_extra_value(&uri, "env");
    if (strcmp(uri.provider, "env") == 0) {
        require(strcmp(name, uri.path) == 0);
    } else if (override && *override) {
        require(strcmp(name, override) == 0);
    } else {
        require(strlen(name) <= strlen(uri.path));
        for (const char *c = name; *c; c++)
            require(is_derived_char(*c));
    }
    cs_secret_uri_clear(&uri);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size > MAX_INPUT)
        return 0;
    /* a provider per input: a static one would be a leak under valgrind */
    cs_secret_provider *provider = cs_secret_env_provider_new(aliases, sizeof aliases / sizeof aliases[0]);
    require(provider != NULL);
    char *reference = malloc(size + 1);
    require(reference != NULL);
    if (size)
        memcpy(reference, data, size);
    reference[size] = '\0';
    char *name = cs_secret_env_variable_name(provider, reference);
    check_name(reference, name);
    free(name);
    free(reference);
    cs_secret_provider_destroy(provider);
    return 0;
}
