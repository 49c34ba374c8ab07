/* check_util: shared diagnostics of the checker passes (check_util.h). */
#include "check_util.h"

#include <stdio.h>
#include <string.h>

#include <ctype.h>

#include "semver.h"
#include "suggest.h"

bool check_required(diag_set *diags, const ir_text *text, const char *field, const char *where)
{
    if (text->text != NULL)
        return true;
    if (text->invalid)
        return false;
    diag_error(diags, text->loc, "missing required field '%s' in %s", field, where);
    return false;
}

static void report_unknown(diag_set *diags, const ir_text *text, const char *what,
                           const char *const *names, size_t count)
{
    const char *guess = suggest_closest(text->text, names, count);
    if (guess != NULL) {
        diag_error(diags, text->loc, "unknown %s '%s'; did you mean '%s'?", what, text->text,
                   guess);
        return;
    }
    char list[512];
    size_t used = 0;
    list[0] = '\0';
    for (size_t i = 0; i < count && used + 1 < sizeof list; i++) {
        int n = snprintf(list + used, sizeof list - used, "%s%s", i ? ", " : "", names[i]);
        if (n < 0)
            break;
        used += (size_t)n;
    }
    diag_error(diags, text->loc, "unknown %s '%s' (expected one of %s)", what, text->text, list);
}

bool check_allowed(diag_set *diags, const ir_text *text, bool unknown, const char *what,
                   const char *const *names, size_t count)
{
    if (!unknown || text->text == NULL)
        return true;
    report_unknown(diags, text, what, names, count);
    return false;
}

bool check_one_of(diag_set *diags, const ir_text *text, const char *what,
                  const char *const *names, size_t count)
{
    if (text->text == NULL)
        return true;
    for (size_t i = 0; i < count; i++) {
        if (strcmp(names[i], text->text) == 0)
            return true;
    }
    report_unknown(diags, text, what, names, count);
    return false;
}

bool check_loc_before(src_loc a, src_loc b)
{
    int by_file = strcmp(a.file ? a.file : "", b.file ? b.file : "");
    if (by_file != 0)
        return by_file < 0;
    if (a.line != b.line)
        return a.line < b.line;
    return a.col < b.col;
}

bool check_semver(diag_set *diags, const ir_text *text)
{
    semver version;
    if (text->text == NULL || semver_parse(text->text, &version))
        return true;
    diag_error(diags, text->loc, "invalid version '%s': expected a semantic version such as 1.0.0",
               text->text);
    return false;
}

bool check_key_syntax(diag_set *diags, const ir_text *text)
{
    const char *key = text->text;
    if (key == NULL)
        return true;
    bool valid = isalpha((unsigned char)key[0]);
    for (const char *p = key; valid && *p; p++)
        valid = isalnum((unsigned char)*p) || *p == '.' || *p == '-' || *p == '_';
    if (valid)
        return true;
    diag_error(diags, text->loc,
               "invalid key '%s': a key is a dotted identifier of letters, digits, '.', '-' and "
               "'_' starting with a letter",
               key);
    return false;
}
