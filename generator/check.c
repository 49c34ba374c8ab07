/* check: every checker pass, in a fixed order (check.h).  Identity first
 * (it builds the indexes), references before anything that follows a
 * type (models, examples); secret literals last, over everything. */
#include "check.h"

bool check_program(ir_program *program, diag_set *diags)
{
    size_t errors_before = diag_error_count(diags);
    check_identity(program, diags);
    check_meta(program, diags);
    check_references(program, diags);
    check_integrations(program, diags);
    check_operations(program, diags);
    check_models(program, diags);
    check_examples(program, diags);
    check_secret_literals(program, diags);
    return diag_error_count(diags) == errors_before;
}
