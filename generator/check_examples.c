/* check_examples: the literal examples of a spec against the types they
 * illustrate -- each acceptance example's input and output against the
 * operation's io.input / io.output, and each integration's configSchema /
 * secretSchema example against its schema.  A mismatch is a warning (an
 * error under --werror) at the offending value, worded
 *
 *     example 'KEY' input: /json/pointer: reason
 *     configSchema example: /json/pointer: reason
 *
 * with the pointer left out when the whole value is wrong, and
 * "example #N" (1-based) for an example without a key. */
#include <stdio.h>

#include "check.h"
#include "value_check.h"
#include "value_check_internal.h"

typedef struct example_report {
    diag_set *diags;
    const char *what;   /* "example 'connect-payments' input" */
} example_report;

static void report_mismatch(void *user, src_loc loc, const ir_value *at, const char *path,
                            const char *reason)
{
    const example_report *r = user;
    (void)at;
    if (path[0])
        diag_warning(r->diags, loc, "%s: %s: %s", r->what, path, reason);
    else
        diag_warning(r->diags, loc, "%s: %s", r->what, reason);
}

/* Whether a type can be checked: named and resolved (an unresolved name
 * was reported by check_references; no name means "no input"). */
static bool checkable(const ir_type_ref *type)
{
    return type->name.text && type->kind != IR_TYPE_UNRESOLVED;
}

static void check_example_part(diag_set *diags, const ir_example *example, size_t index,
                               const char *part, const ir_type_ref *type, const ir_value *value)
{
    if (!value || !checkable(type))
        return;
    char what[256];
    if (example->key.text)
        snprintf(what, sizeof what, "example '%.*s' %s", utf8_fit(example->key.text, 200),
                 example->key.text, part);
    else
        snprintf(what, sizeof what, "example #%zu %s", index + 1, part);
    example_report r = {diags, what};
    value_check_type_at(type, false, value, report_mismatch, &r);
}

static void check_operation_examples(const ir_operation *op, diag_set *diags)
{
    for (size_t i = 0; i < op->acceptance.example_count; i++) {
        const ir_example *example = &op->acceptance.examples[i];
        check_example_part(diags, example, i, "input", &op->io.input, example->input);
        check_example_part(diags, example, i, "output", &op->io.output, example->output);
    }
}

static void check_schema_example(const ir_schema_block *block, const char *name, diag_set *diags)
{
    if (!block->present || !block->schema || !block->example)
        return;
    char what[64];
    snprintf(what, sizeof what, "%s example", name);
    example_report r = {diags, what};
    value_check_schema_at(block->schema, block->example, report_mismatch, &r);
}

void check_examples(ir_program *program, diag_set *diags)
{
    for (size_t i = 0; i < program->operation_count; i++)
        check_operation_examples(program->operations[i], diags);
    for (size_t i = 0; i < program->integration_count; i++) {
        const ir_integration *integration = program->integrations[i];
        check_schema_example(&integration->config_schema, "configSchema", diags);
        check_schema_example(&integration->secret_schema, "secretSchema", diags);
    }
}
