/* Helpers of the front-end test program (frontend_tests.h). */
#include <stdio.h>
#include <string.h>

#include "frontend.h"
#include "frontend_tests.h"

static ir_program *load(const char *path, bool skip_checks, diag_set **diags)
{
    frontend_options options = {NULL, skip_checks};
    *diags = diag_set_new();
    ir_program *program = frontend_load(&path, 1, &options, *diags, NULL);
    diag_sort(*diags);
    return program;
}

ir_program *ft_load(const char *path, diag_set **diags)
{
    return load(path, false, diags);
}

ir_program *ft_lower(const char *path, diag_set **diags)
{
    return load(path, true, diags);
}

ir_program *ft_load_text(const char *yaml, diag_set **diags)
{
    *diags = diag_set_new();
    ir_program *program = frontend_load_buffer("text.yaml", yaml, strlen(yaml), NULL, *diags);
    diag_sort(*diags);
    return program;
}

void ft_done(ir_program *program, diag_set *diags)
{
    ir_program_free(program);
    diag_set_free(diags);
}

const char *ft_diag(const diag_set *diags, size_t i)
{
    static char buf[1024];
    buf[0] = '\0';
    if (i < diag_count(diags))
        diag_format(diags, diag_at(diags, i), buf, sizeof buf);
    return buf;
}

bool ft_diags_equal(const diag_set *diags, const char *const *expected, size_t count)
{
    bool equal = diag_count(diags) == count;
    for (size_t i = 0; equal && i < count; i++)
        equal = strcmp(ft_diag(diags, i), expected[i]) == 0;
    if (equal)
        return true;
    fprintf(stderr, "\nexpected %zu diagnostics:\n", count);
    for (size_t i = 0; i < count; i++)
        fprintf(stderr, "  %s\n", expected[i]);
    fprintf(stderr, "got %zu:\n", diag_count(diags));
    for (size_t i = 0; i < diag_count(diags); i++)
        fprintf(stderr, "  %s\n", ft_diag(diags, i));
    return false;
}
