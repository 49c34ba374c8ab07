/* Health-domain transport strategy order (ContractSpec's legacy helpers). */
#include <string.h>

#include "contractc/resolve.h"

static const char *const strategy_names[] = {"official-api", "official-mcp", "aggregator-api", "aggregator-mcp",
                                             "unofficial"};
enum { STRATEGY_COUNT = sizeof strategy_names / sizeof strategy_names[0] };

const char *cs_health_strategy_name(cs_health_strategy strategy)
{
    if ((int)strategy < 0 || (int)strategy >= STRATEGY_COUNT)
        return "unofficial";
    return strategy_names[strategy];
}

bool cs_health_strategy_from_name(const char *name, cs_health_strategy *out)
{
    for (int i = 0; name && i < STRATEGY_COUNT; i++) {
        if (strcmp(name, strategy_names[i]) == 0) {
            *out = (cs_health_strategy)i;
            return true;
        }
    }
    return false;
}

size_t cs_resolve_health_strategy_order(const cs_health_strategy *order, size_t count, bool allow_unofficial,
                                        cs_health_strategy *out, size_t capacity)
{
    static const cs_health_strategy default_order[] = {CS_HEALTH_OFFICIAL_API, CS_HEALTH_OFFICIAL_MCP,
                                                       CS_HEALTH_AGGREGATOR_API, CS_HEALTH_AGGREGATOR_MCP,
                                                       CS_HEALTH_UNOFFICIAL};
    if (!order || count == 0) {
        order = default_order;
        count = STRATEGY_COUNT;
    }
    size_t kept = 0;
    for (size_t i = 0; i < count; i++) {
        if (order[i] == CS_HEALTH_UNOFFICIAL && !allow_unofficial)
            continue;
        if (out && kept < capacity)
            out[kept] = order[i];
        kept++;
    }
    return kept;
}

bool cs_unofficial_health_provider_allowed(const char *provider_key, bool allow_unofficial,
                                           const char *const *allow_list, size_t allow_count)
{
    if (!allow_unofficial)
        return false;
    if (!allow_list || allow_count == 0)
        return true;
    for (size_t i = 0; provider_key && i < allow_count; i++) {
        if (allow_list[i] && strcmp(allow_list[i], provider_key) == 0)
            return true;
    }
    return false;
}
