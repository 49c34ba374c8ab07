/* Helpers only the secrets suites need; files and the runner are in
 * tests/support. */
#include <string.h>

#include "secrets_support.h"

bool support_contains(const void *haystack, size_t len, const char *needle)
{
    size_t needle_len = strlen(needle);
    const unsigned char *bytes = haystack;
    for (size_t i = 0; needle_len <= len && i <= len - needle_len; i++)
        if (memcmp(bytes + i, needle, needle_len) == 0)
            return true;
    return false;
}
