/* Shared helpers of the runtime_secrets test programs.  Temp dirs, files
 * and the suite runner come from tests/support. */
#ifndef RUNTIME_SECRETS_SUPPORT_H
#define RUNTIME_SECRETS_SUPPORT_H

#include <stdbool.h>
#include <stddef.h>

#include <CUnit/Basic.h>

#include "cunit_run.h"
#include "test_files.h"

/* A value no message, listing or output may ever contain. */
#define SUPPORT_CANARY "canary-7e3f19d0-never-print-me"

/* True when haystack[0..len) contains needle. */
bool support_contains(const void *haystack, size_t len, const char *needle);

#endif
