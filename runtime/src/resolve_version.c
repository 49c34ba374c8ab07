/* API version resolution, version policies and semver precedence. */
#include <stdio.h>
#include <string.h>

#include "contractc/resolve.h"

static const char *const version_status_names[] = {"stable", "beta", "deprecated", "sunset"};

const char *cs_api_version_status_name(cs_api_version_status status)
{
    if ((int)status < 0 || (int)status > (int)CS_API_VERSION_SUNSET)
        return "stable";
    return version_status_names[status];
}

const char *cs_resolve_api_version(const cs_version_policy *policy, const char *override_version)
{
    if (!policy)
        return NULL;
    return override_version ? override_version : policy->current_version;
}

const cs_api_version_info *cs_version_info(const cs_version_policy *policy, const char *version)
{
    if (!policy || !version)
        return NULL;
    for (size_t i = 0; i < policy->supported_count; i++) {
        if (policy->supported[i].version && strcmp(policy->supported[i].version, version) == 0)
            return &policy->supported[i];
    }
    return NULL;
}

bool cs_version_is_deprecated(const cs_version_policy *policy, const char *version)
{
    const cs_api_version_info *info = cs_version_info(policy, version);
    return info && (info->status == CS_API_VERSION_DEPRECATED || info->status == CS_API_VERSION_SUNSET);
}

size_t cs_active_versions(const cs_version_policy *policy, const cs_api_version_info **out, size_t capacity)
{
    size_t count = 0;
    for (size_t i = 0; policy && i < policy->supported_count; i++) {
        cs_api_version_status status = policy->supported[i].status;
        if (status != CS_API_VERSION_STABLE && status != CS_API_VERSION_BETA)
            continue;
        if (out && count < capacity)
            out[count] = &policy->supported[i];
        count++;
    }
    return count;
}

/* ---- semver ---- */

typedef struct span {
    const char *start;
    size_t length;
} span;

typedef struct semver {
    span core[3];
    span prerelease;    /* length 0: none */
} semver;

static bool is_digit(char c) { return c >= '0' && c <= '9'; }

static bool is_identifier_char(char c)
{
    return is_digit(c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '-';
}

static bool all_digits(span s)
{
    for (size_t i = 0; i < s.length; i++) {
        if (!is_digit(s.start[i]))
            return false;
    }
    return true;
}

/* A numeric identifier: digits without a leading zero (except "0"). */
static bool read_numeric(const char **cursor, span *out)
{
    const char *start = *cursor;
    while (is_digit(**cursor))
        (*cursor)++;
    out->start = start;
    out->length = (size_t)(*cursor - start);
    return out->length > 0 && !(out->length > 1 && start[0] == '0');
}

/* Dot-separated non-empty identifiers; numeric ones checked for leading
 * zeros when strict_numbers (pre-release, not build metadata). */
static bool read_identifiers(const char **cursor, span *out, bool strict_numbers)
{
    out->start = *cursor;
    for (;;) {
        const char *piece = *cursor;
        while (is_identifier_char(**cursor))
            (*cursor)++;
        span identifier = {piece, (size_t)(*cursor - piece)};
        if (identifier.length == 0)
            return false;
        if (strict_numbers && all_digits(identifier) && identifier.length > 1 && piece[0] == '0')
            return false;
        if (**cursor != '.')
            break;
        (*cursor)++;
    }
    out->length = (size_t)(*cursor - out->start);
    return true;
}

static bool semver_parse(const char *text, semver *out)
{
    if (!text)
        return false;
    const char *cursor = text;
    memset(out, 0, sizeof *out);
    for (int i = 0; i < 3; i++) {
        if (!read_numeric(&cursor, &out->core[i]))
            return false;
        if (i < 2 && *cursor++ != '.')
            return false;
    }
    if (*cursor == '-') {
        cursor++;
        if (!read_identifiers(&cursor, &out->prerelease, true))
            return false;
    }
    if (*cursor == '+') {
        span build;
        cursor++;
        if (!read_identifiers(&cursor, &build, false))
            return false;
    }
    return *cursor == '\0';
}

bool cs_semver_valid(const char *text)
{
    semver parsed;
    return semver_parse(text, &parsed);
}

/* Numbers of any length: longer is larger (no leading zeros), then digits. */
static int compare_numeric(span a, span b)
{
    if (a.length != b.length)
        return a.length < b.length ? -1 : 1;
    int order = memcmp(a.start, b.start, a.length);
    return (order > 0) - (order < 0);
}

static int compare_identifier(span a, span b)
{
    bool a_numeric = all_digits(a);
    bool b_numeric = all_digits(b);
    if (a_numeric && b_numeric)
        return compare_numeric(a, b);
    if (a_numeric != b_numeric)
        return a_numeric ? -1 : 1;
    size_t shorter = a.length < b.length ? a.length : b.length;
    int order = memcmp(a.start, b.start, shorter);
    if (order != 0)
        return (order > 0) - (order < 0);
    return a.length == b.length ? 0 : (a.length < b.length ? -1 : 1);
}

static span next_identifier(span *rest)
{
    const char *dot = memchr(rest->start, '.', rest->length);
    size_t length = dot ? (size_t)(dot - rest->start) : rest->length;
    span identifier = {rest->start, length};
    size_t consumed = dot ? length + 1 : length;
    rest->start += consumed;
    rest->length -= consumed;
    return identifier;
}

static int compare_prerelease(span a, span b)
{
    if (a.length == 0 || b.length == 0)
        return a.length == b.length ? 0 : (a.length == 0 ? 1 : -1);
    while (a.length > 0 && b.length > 0) {
        int order = compare_identifier(next_identifier(&a), next_identifier(&b));
        if (order != 0)
            return order;
    }
    return a.length == b.length ? 0 : (a.length == 0 ? -1 : 1);
}

bool cs_semver_compare(const char *a, const char *b, int *order)
{
    semver left, right;
    if (!semver_parse(a, &left) || !semver_parse(b, &right))
        return false;
    int result = 0;
    for (int i = 0; i < 3 && result == 0; i++)
        result = compare_numeric(left.core[i], right.core[i]);
    if (result == 0)
        result = compare_prerelease(left.prerelease, right.prerelease);
    if (order)
        *order = result;
    return true;
}

cs_status cs_latest_version(const cs_spec_ref *refs, size_t count, const char *key, size_t *index,
                            cs_error *err)
{
    if ((!refs && count > 0) || !key) {
        cs_error_set(err, CS_STATUS_INVALID_ARGUMENT, NULL, "refs and key are required");
        return CS_STATUS_INVALID_ARGUMENT;
    }
    bool found = false;
    size_t best = 0;
    for (size_t i = 0; i < count; i++) {
        if (!refs[i].key || strcmp(refs[i].key, key) != 0)
            continue;
        if (!cs_semver_valid(refs[i].version)) {
            cs_error_set(err, CS_STATUS_INVALID_VERSION, NULL, "version '%s' of '%s' is not a semantic version",
                         refs[i].version ? refs[i].version : "(null)", key);
            return CS_STATUS_INVALID_VERSION;
        }
        int order = 0;
        if (!found || (cs_semver_compare(refs[i].version, refs[best].version, &order) && order > 0)) {
            best = i;
            found = true;
        }
    }
    if (!found) {
        cs_error_set(err, CS_STATUS_NOT_FOUND, NULL, "no version of '%s' is registered", key);
        return CS_STATUS_NOT_FOUND;
    }
    if (index)
        *index = best;
    return CS_STATUS_OK;
}
