/* The version the library was built as, for run-time handshakes. */
#include "contractc/version.h"

int cs_runtime_version_number(void)
{
    return CS_RUNTIME_VERSION_NUMBER;
}

const char *cs_runtime_version_string(void)
{
    return CS_RUNTIME_VERSION_STRING;
}
