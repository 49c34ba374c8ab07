/* Diagnostics as text for assertions (diag_expect.h). */
#include "diag_expect.h"

#include <stdio.h>
#include <string.h>

const char *support_diag(const diag_set *diags, size_t i)
{
    static char buf[2048];
    if (i >= diag_count(diags))
        return "";
    diag_format(diags, diag_at(diags, i), buf, sizeof buf);
    size_t prefix = strlen(CONTRACTC_FIXTURES_DIR "/");
    if (strncmp(buf, CONTRACTC_FIXTURES_DIR "/", prefix) == 0)
        memmove(buf, buf + prefix, strlen(buf + prefix) + 1);
    return buf;
}

bool support_diags_equal(const diag_set *diags, const char *const *expected, size_t count)
{
    bool same = diag_count(diags) == count;
    for (size_t i = 0; same && i < count; i++)
        same = strcmp(support_diag(diags, i), expected[i]) == 0;
    if (!same) {
        fprintf(stderr, "\n  expected %zu diagnostics:\n", count);
        for (size_t i = 0; i < count; i++)
            fprintf(stderr, "    %s\n", expected[i]);
        fprintf(stderr, "  got %zu:\n", diag_count(diags));
        for (size_t i = 0; i < diag_count(diags); i++)
            fprintf(stderr, "    %s\n", support_diag(diags, i));
    }
    return same;
}
