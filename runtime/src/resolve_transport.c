/* Transport, auth method and request-context resolution. */
#include <string.h>

#include "contractc/resolve.h"

static bool listed(const char *const *items, size_t count, const char *value)
{
    if (!value)
        return false;
    for (size_t i = 0; i < count; i++) {
        if (items[i] && strcmp(items[i], value) == 0)
            return true;
    }
    return false;
}

const char *cs_resolve_transport(const char *const *spec_transports, size_t count, const char *preferred,
                                 const char *connection_transport)
{
    if (!spec_transports)
        count = 0;
    if (listed(spec_transports, count, connection_transport))
        return connection_transport;
    if (listed(spec_transports, count, preferred))
        return preferred;
    if (count > 0 && spec_transports[0])
        return spec_transports[0];
    return "rest";
}

const char *cs_resolve_auth_method(const char *const *spec_methods, size_t count, const char *connection_method)
{
    if (!spec_methods || count == 0)
        return connection_method;
    if (listed(spec_methods, count, connection_method))
        return connection_method;
    return spec_methods[0];
}

cs_request_context cs_resolve_request_context(const cs_integration_request_spec *spec,
                                              const cs_connection *connection)
{
    cs_request_context context = {"rest", NULL, NULL};
    if (!spec)
        return context;
    context.transport = cs_resolve_transport(spec->transports, spec->transport_count, spec->preferred_transport,
                                             cs_connection_active_transport(connection));
    context.auth_method = cs_resolve_auth_method(spec->auth_methods, spec->auth_method_count,
                                                 cs_connection_auth_method(connection));
    context.api_version = cs_resolve_api_version(spec->version_policy, cs_connection_api_version(connection));
    return context;
}
