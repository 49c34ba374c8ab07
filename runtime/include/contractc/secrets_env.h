/* contractc/secrets_env.h: the environment-variable secret provider.
 *
 * Id "env", read-only, as ContractSpec's EnvSecretProvider.  A reference is
 * mapped to a variable name by the first rule that applies:
 *   1. empty reference: no name (can_handle false, get INVALID);
 *   2. an alias whose reference equals the whole reference (non-empty
 *      variable): that variable;
 *   3. no "://" in the reference: the reference itself, verbatim;
 *   4. a parsed URI: scheme "env" gives the path verbatim
 *      ("env://FOO?x=1" -> FOO); else a non-empty "env" query extra gives
 *      that name; else the path (never the scheme) is split on '/', ':',
 *      '-', '.', empty pieces dropped, every non-alphanumeric ASCII byte of
 *      a piece becomes '_', runs of '_' inside a piece collapse to one, the
 *      piece is upper-cased, and the pieces are joined with '_'
 *      ("gcp://projects/demo/secrets/stripe-secret-key/versions/latest" ->
 *      PROJECTS_DEMO_SECRETS_STRIPE_SECRET_KEY_VERSIONS_LATEST);
 *   5. a reference that is not a valid URI: the reference verbatim.
 *
 * get returns the variable's bytes, version "current" and the metadata
 * source=env, envKey=<name>; an undefined variable is NOT_FOUND (an empty
 * one is defined).  The version argument is ignored.  put, rotate and
 * remove always fail with FORBIDDEN.
 *
 * Ownership: the constructor copies the alias table; the provider is freed
 * with cs_secret_provider_destroy().
 *
 * Thread safety: can_handle and get only call getenv() and may run from
 * several threads at once.  Changing the environment (setenv, putenv,
 * unsetenv) while another thread reads it is undefined behaviour in C and
 * POSIX; that is the caller's problem to avoid.
 */
#ifndef CONTRACTC_SECRETS_ENV_H
#define CONTRACTC_SECRETS_ENV_H

#include <stddef.h>

#include "contractc/secrets.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Maps one whole reference to an environment variable name. */
typedef struct cs_secret_env_alias {
    const char *reference;
    const char *variable;
} cs_secret_env_alias;

/* Returns a new provider, or NULL when out of memory.  aliases may be NULL
 * when alias_count is 0; entries with a NULL reference are ignored. */
cs_secret_provider *cs_secret_env_provider_new(const cs_secret_env_alias *aliases,
                                               size_t alias_count);

/* The variable name the provider would read for reference (rules 1-5
 * above), malloc'd (caller frees), or NULL when no name resolves (empty
 * reference) or memory runs out.  provider must come from
 * cs_secret_env_provider_new. */
char *cs_secret_env_variable_name(cs_secret_provider *provider, const char *reference);

#ifdef __cplusplus
}
#endif

#endif
