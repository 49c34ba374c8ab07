/* contractc/secret_manager.h: a provider that asks other providers
 * (ContractSpec's SecretProviderManager).
 *
 * Providers are kept in descending priority, registration order breaking
 * ties (earlier wins).  can_handle is true when any provider can handle the
 * reference.  get asks each provider that can handle the reference in
 * order: the first success wins; a NOT_FOUND error moves on to the next
 * provider; any other error stops the search.  put, rotate and remove try
 * every provider that can handle the reference and implements the
 * operation, moving on after an error of any code.
 *
 * When every attempt fails the error is composed as ContractSpec does:
 *   - exactly one provider failed: its error, unchanged;
 *   - otherwise provider = the manager's id, code = the last failure's code
 *     (UNKNOWN when no provider could handle the reference) and the
 *     message "no registered provider could perform <op> for <reference>",
 *     followed by " (version: <v>)" for a versioned read and, with two or
 *     more failures, ". Attempts: env:NOT_FOUND, file:FORBIDDEN".
 *   <op> is getSecret, setSecret, rotateSecret or deleteSecret.
 *
 * Ownership: the manager owns every registered provider and destroys them
 * with itself.  cs_secret_manager_provider() returns the manager viewed as
 * a cs_secret_provider; destroying that provider frees the manager.
 *
 * Thread safety: register every provider before sharing the manager;
 * afterwards get/put/rotate/remove may run from several threads at once as
 * far as the registered providers allow.
 */
#ifndef CONTRACTC_SECRET_MANAGER_H
#define CONTRACTC_SECRET_MANAGER_H

#include <stddef.h>

#include "contractc/secrets.h"

#ifdef __cplusplus
extern "C" {
#endif

#define CS_SECRET_MANAGER_DEFAULT_ID "secret-provider-manager"

typedef struct cs_secret_manager cs_secret_manager;

/* id NULL means CS_SECRET_MANAGER_DEFAULT_ID (the string is copied).
 * Returns NULL when out of memory. */
cs_secret_manager *cs_secret_manager_new(const char *id);

/* Adds provider with priority (ContractSpec's default is 0).  The manager
 * takes ownership in every case: when registration fails (out of memory)
 * the provider is destroyed and false is returned. */
bool cs_secret_manager_register(cs_secret_manager *manager, cs_secret_provider *provider,
                                int priority);

/* Number of registered providers, and the index-th in asking order. */
size_t cs_secret_manager_count(const cs_secret_manager *manager);
cs_secret_provider *cs_secret_manager_at(const cs_secret_manager *manager, size_t index);

cs_secret_provider *cs_secret_manager_provider(cs_secret_manager *manager);

/* Destroys every registered provider, then the manager.  NULL is a no-op. */
void cs_secret_manager_free(cs_secret_manager *manager);

#ifdef __cplusplus
}
#endif

#endif
