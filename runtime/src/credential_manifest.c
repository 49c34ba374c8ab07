/* Credential-manifest checks: which required fields a connection lacks. */
#include <stdlib.h>
#include <string.h>

#include "contractc/resolve.h"
#include "status_format.h"

static void free_names(char **names, size_t count)
{
    for (size_t i = 0; i < count; i++)
        free(names[i]);
    free(names);
}

void cs_credential_report_clear(cs_credential_report *report)
{
    if (!report)
        return;
    free_names(report->missing_config, report->missing_config_count);
    free_names(report->missing_secrets, report->missing_secret_count);
    *report = (cs_credential_report)CS_CREDENTIAL_REPORT_INIT;
}

bool cs_credential_report_complete(const cs_credential_report *report)
{
    return report && report->mode_supported && report->missing_config_count == 0
           && report->missing_secret_count == 0;
}

static bool config_has(const cJSON *config, const char *field)
{
    const cJSON *member = cJSON_IsObject(config) ? cJSON_GetObjectItemCaseSensitive(config, field) : NULL;
    return member && !cJSON_IsNull(member);
}

/* Copies the names of the fields present() says are missing. */
static bool collect_missing(const char *const *fields, size_t count, bool (*present)(const void *, const char *),
                            const void *source, char ***out, size_t *out_count)
{
    *out = NULL;
    *out_count = 0;
    if (count == 0 || !fields)
        return true;
    char **names = calloc(count, sizeof *names);
    if (!names)
        return false;
    size_t missing = 0;
    for (size_t i = 0; i < count; i++) {
        if (!fields[i] || present(source, fields[i]))
            continue;
        names[missing] = cs_strdup(fields[i]);
        if (!names[missing]) {
            free_names(names, missing);
            return false;
        }
        missing++;
    }
    *out = names;
    *out_count = missing;
    return true;
}

static bool config_present(const void *source, const char *field)
{
    return config_has(source, field);
}

static bool secret_present(const void *source, const char *field)
{
    return cs_secret_map_get(source, field) != NULL;
}

cs_status cs_credential_check(const cs_credential_manifest *manifest, cs_ownership_mode mode,
                              const cJSON *config, const cs_secret_map *secrets,
                              cs_credential_report *report)
{
    if (!report)
        return CS_STATUS_INVALID_ARGUMENT;
    cs_credential_report_clear(report);
    report->mode = mode;
    if (!manifest)
        return CS_STATUS_INVALID_ARGUMENT;
    const cs_credential_requirements *requirements = mode == CS_OWNERSHIP_BYOK ? manifest->byok : manifest->managed;
    if (!requirements)
        return CS_STATUS_OK;
    report->mode_supported = true;
    if (!collect_missing(requirements->config_fields, requirements->config_count, config_present, config,
                         &report->missing_config, &report->missing_config_count)
        || !collect_missing(requirements->secret_fields, requirements->secret_count, secret_present, secrets,
                            &report->missing_secrets, &report->missing_secret_count)) {
        cs_credential_report_clear(report);
        report->mode = mode;
        return CS_STATUS_OUT_OF_MEMORY;
    }
    return CS_STATUS_OK;
}
