/* Helpers of the front-end test program (frontend_tests.h). */
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
