/* frontend: load -> lower -> check (frontend.h). */
#include "frontend.h"

#include <string.h>

#include "check.h"
#include "lower.h"

static ir_program *lower_and_check(load_set *set, const frontend_options *options,
                                   diag_set *diags)
{
    ir_program *program = ir_program_new();
    if (set == NULL) {
        diag_error(diags, (src_loc){NULL, 0, 0}, "out of memory");
        return program;
    }
    lower_documents(set, program, diags);
    load_set_free(set);
    if (options == NULL || !options->skip_checks)
        check_program(program, diags);
    return program;
}

ir_program *frontend_load(const char *const *paths, size_t n, const frontend_options *options,
                          diag_set *diags, bool *io_error)
{
    load_set *set = load_set_new(options ? options->limits : NULL);
    bool failed = false;
    for (size_t i = 0; set != NULL && i < n; i++) {
        if (!load_set_add_path(set, paths[i], diags))
            failed = true;
    }
    if (io_error != NULL)
        *io_error = failed;
    return lower_and_check(set, options, diags);
}

ir_program *frontend_load_buffer(const char *name, const char *data, size_t len,
                                 const frontend_options *options, diag_set *diags)
{
    load_set *set = load_set_new(options ? options->limits : NULL);
    if (set != NULL)
        load_set_add_buffer(set, name, data, len, diags);
    return lower_and_check(set, options, diags);
}
