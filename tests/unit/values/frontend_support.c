#include "frontend_support.h"

#include <stdio.h>
#include <string.h>

#include "check.h"
#include "frontend.h"

static ir_program *finish(ir_program *program, pass_fn pass, diag_set *diags)
{
    check_identity(program, diags);
    check_references(program, diags);
    if (pass)
        pass(program, diags);
    diag_sort(diags);
    return program;
}

ir_program *fe_load_text(const char *yaml, pass_fn pass, diag_set **diags)
{
    *diags = diag_set_new();
    frontend_options options = {NULL, true};
    ir_program *program = frontend_load_buffer("spec.yaml", yaml, strlen(yaml), &options, *diags);
    return finish(program, pass, *diags);
}

ir_program *fe_load_fixture(const char *relative_path, pass_fn pass, diag_set **diags)
{
    char path[1024];
    snprintf(path, sizeof path, "%s/%s", CONTRACTC_FIXTURES_DIR, relative_path);
    const char *paths[] = {path};
    *diags = diag_set_new();
    frontend_options options = {NULL, true};
    bool io_error = false;
    ir_program *program = frontend_load(paths, 1, &options, *diags, &io_error);
    if (io_error)
        fprintf(stderr, "cannot read %s\n", path);
    return finish(program, pass, *diags);
}

void fe_done(ir_program *program, diag_set *diags)
{
    ir_program_free(program);
    diag_set_free(diags);
}

size_t fe_count_containing(const diag_set *diags, const char *needle)
{
    size_t n = 0;
    for (size_t i = 0; i < diag_count(diags); i++)
        if (strstr(support_diag(diags, i), needle))
            n++;
    return n;
}
