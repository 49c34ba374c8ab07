/* check_operations: the rules of `kind: command` and `kind: query` that
 * are not about types (check_references) or examples (check_examples):
 * policy.auth, declared errors, scenario and example keys, references to
 * a capability or policies, REST transport hints. */
#include "check.h"
#include "check_util.h"

static const char *const error_categories[] = {
    "auth",       "conflict",   "dependency", "internal", "integration", "job",     "not_found",
    "payment",    "policy",     "rate_limit", "timeout",  "validation",  "workflow"};
static const char *const error_severities[] = {"error", "fatal", "info", "warning"};
static const char *const rest_methods[] = {"GET", "POST"};

static void check_ref(diag_set *diags, const ir_ref *ref, const char *where)
{
    check_required(diags, &ref->key, "key", where);
    if (check_required(diags, &ref->version, "version", where))
        check_semver(diags, &ref->version);
}

static void check_policy(diag_set *diags, const ir_operation *op)
{
    const ir_policy_auth_field *auth = &op->policy.auth;
    if (!op->policy.present) {
        diag_error(diags, op->loc, "missing required field 'policy' (with 'auth') in %s",
                   op->kind == IR_OPERATION_COMMAND ? "command" : "query");
        return;
    }
    if (check_required(diags, &auth->text, "auth", "policy"))
        check_allowed(diags, &auth->text, auth->value == IR_POLICY_AUTH_UNKNOWN, "policy auth",
                      ir_policy_auth_names, ir_policy_auth_name_count);
    for (size_t i = 0; i < op->policy.policy_count; i++)
        check_ref(diags, &op->policy.policies[i], "policy reference");
}

static void check_errors(diag_set *diags, const ir_operation *op)
{
    for (size_t i = 0; i < op->io.error_count; i++) {
        const ir_operation_error *e = &op->io.errors[i];
        check_required(diags, &e->description, "description", "error");
        check_one_of(diags, &e->category, "error category", CHECK_NAMES(error_categories));
        check_one_of(diags, &e->severity, "error severity", CHECK_NAMES(error_severities));
    }
}

static void check_acceptance(diag_set *diags, const ir_operation *op)
{
    for (size_t i = 0; i < op->acceptance.scenario_count; i++)
        check_required(diags, &op->acceptance.scenarios[i].key, "key", "scenario");
    for (size_t i = 0; i < op->acceptance.example_count; i++)
        check_required(diags, &op->acceptance.examples[i].key, "key", "example");
}

void check_operations(ir_program *program, diag_set *diags)
{
    for (size_t i = 0; i < program->operation_count; i++) {
        const ir_operation *op = program->operations[i];
        check_policy(diags, op);
        check_errors(diags, op);
        check_acceptance(diags, op);
        if (op->capability.key.text != NULL || op->capability.version.text != NULL)
            check_ref(diags, &op->capability, "capability");
        check_one_of(diags, &op->transport.rest_method, "REST method", CHECK_NAMES(rest_methods));
    }
    for (size_t i = 0; i < program->event_count; i++) {
        const ir_event *ev = program->events[i];
        if (ev->capability.key.text != NULL || ev->capability.version.text != NULL)
            check_ref(diags, &ev->capability, "capability");
    }
}
