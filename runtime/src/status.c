/* Status codes, structured errors and call results. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "contractc/status.h"

#define CS_STATUS_NAME_ENTRY_(constant, name) name,
static const char *const status_names[] = {CS_STATUS_CODES(CS_STATUS_NAME_ENTRY_)};
#undef CS_STATUS_NAME_ENTRY_

const char *cs_status_name(cs_status status)
{
    if ((int)status < 0 || (int)status >= (int)CS_STATUS_COUNT_)
        return "UNKNOWN_ERROR";
    return status_names[status];
}

bool cs_status_from_name(const char *name, cs_status *out)
{
    if (!name)
        return false;
    for (int i = 0; i < (int)CS_STATUS_COUNT_; i++) {
        if (strcmp(status_names[i], name) == 0) {
            if (out)
                *out = (cs_status)i;
            return true;
        }
    }
    return false;
}

void cs_error_set(cs_error *err, cs_status code, const char *pointer, const char *fmt, ...)
{
    if (!err)
        return;
    err->code = code;
    snprintf(err->pointer, sizeof err->pointer, "%s", pointer ? pointer : "");
    va_list args;
    va_start(args, fmt);
    vsnprintf(err->message, sizeof err->message, fmt, args);
    va_end(args);
}

const char *cs_ownership_mode_name(cs_ownership_mode mode)
{
    return mode == CS_OWNERSHIP_BYOK ? "byok" : "managed";
}

bool cs_ownership_mode_from_name(const char *name, cs_ownership_mode *out)
{
    if (!name)
        return false;
    if (strcmp(name, "managed") == 0)
        *out = CS_OWNERSHIP_MANAGED;
    else if (strcmp(name, "byok") == 0)
        *out = CS_OWNERSHIP_BYOK;
    else
        return false;
    return true;
}

void cs_result_init(cs_result *result)
{
    if (result)
        *result = (cs_result)CS_RESULT_INIT;
}

void cs_result_clear(cs_result *result)
{
    if (!result)
        return;
    cJSON_Delete(result->data);
    if (result->opaque && result->opaque_free)
        result->opaque_free(result->opaque);
    free(result->error_message);
    free(result->connection_id);
    *result = (cs_result)CS_RESULT_INIT;
}

bool cs_result_is(const cs_result *result, cs_status status)
{
    return result && !result->success && strcmp(result->error_code, cs_status_name(status)) == 0;
}
