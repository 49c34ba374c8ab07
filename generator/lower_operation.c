/* lower_operation: `kind: command` and `kind: query` (reference 7.1). */
#include "lower_util.h"

static const char *const operation_keys[] = {"kind",        "meta",       "io",
                                             "policy",      "sideEffects", "acceptance",
                                             "capability",  "transport"};
static const char *const meta_extra[] = {"goal", "context"};

static void lower_errors(lower_ctx *ctx, const cnode *io, ir_operation *op)
{
    static const char *const keys[] = {"description", "http",     "status",   "gqlCode", "when",
                                       "title",       "category", "severity", "retryable"};
    const cnode *errors = lower_get_mapping(ctx, io, "errors");
    if (errors == NULL)
        return;
    op->io.errors = lower_array(ctx, errors->count, sizeof *op->io.errors);
    for (size_t i = 0; i < errors->count; i++) {
        const cnode *key = errors->pairs[i].key;
        const cnode *def = errors->pairs[i].value;
        if (!lower_expect_mapping(ctx, def, key->text))
            continue;
        ir_operation_error *e = &op->io.errors[op->io.error_count++];
        e->loc = lower_loc(ctx, key);
        e->code.text = ir_strndup(ctx->program, key->text, key->text_len);
        e->code.loc = e->loc;
        lower_check_keys(ctx, def, LOWER_KEYS(keys), "error");
        lower_text(ctx, def, "description", e->loc, &e->description);
        lower_int(ctx, def, "http", e->loc, &e->http);
        lower_int(ctx, def, "status", e->loc, &e->status);
        lower_text(ctx, def, "gqlCode", e->loc, &e->gql_code);
        lower_text(ctx, def, "when", e->loc, &e->when);
        lower_text(ctx, def, "title", e->loc, &e->title);
        lower_text(ctx, def, "category", e->loc, &e->category);
        lower_text(ctx, def, "severity", e->loc, &e->severity);
        lower_bool(ctx, def, "retryable", e->loc, &e->retryable);
    }
}

static void lower_io(lower_ctx *ctx, const cnode *root, ir_operation *op)
{
    static const char *const keys[] = {"input", "output", "errors"};
    op->io.loc = op->loc;
    const cnode *io = lower_get_mapping(ctx, root, "io");
    if (io != NULL)
        op->io.loc = lower_loc(ctx, io);
    lower_check_keys(ctx, io, LOWER_KEYS(keys), "io");
    lower_type_ref(ctx, io, "input", op->io.loc, &op->io.input);
    lower_type_ref(ctx, io, "output", op->io.loc, &op->io.output);
    /* Like `input: null`, an explicit `output: null` declares no output;
     * leaving `output` out is the mistake the checker reports. */
    const cnode *output = io ? cnode_get(io, "output") : NULL;
    op->io.output_null = output != NULL && cnode_is_null(output);
    lower_errors(ctx, io, op);
}

static void lower_policy(lower_ctx *ctx, const cnode *root, ir_operation *op)
{
    static const char *const keys[] = {"auth", "idempotent", "policies"};
    /* ContractSpec's defineCommand/defineQuery force this whatever the
     * author wrote (reference 7.2). */
    op->policy.idempotent = op->kind == IR_OPERATION_QUERY;
    op->policy.loc = op->loc;
    op->policy.auth.text.loc = op->loc;
    const cnode *policy = lower_get_mapping(ctx, root, "policy");
    if (policy == NULL)
        return;
    op->policy.present = true;
    op->policy.loc = lower_loc(ctx, policy);
    lower_check_keys(ctx, policy, LOWER_KEYS(keys), "policy");
    lower_text(ctx, policy, "auth", op->policy.loc, &op->policy.auth.text);
    op->policy.auth.value = ir_policy_auth_parse(op->policy.auth.text.text);
    ir_opt_bool ignored;
    lower_bool(ctx, policy, "idempotent", op->policy.loc, &ignored);
    const cnode *refs = lower_get_sequence(ctx, policy, "policies");
    if (refs == NULL)
        return;
    op->policy.policies = lower_array(ctx, refs->count, sizeof *op->policy.policies);
    op->policy.policy_count = refs->count;
    for (size_t i = 0; i < refs->count; i++)
        lower_ref_node(ctx, refs->items[i], lower_loc(ctx, refs), &op->policy.policies[i]);
}

static void lower_emit(lower_ctx *ctx, const cnode *node, ir_emit *e)
{
    static const char *const inline_keys[] = {"key", "version", "when", "payload"};
    static const char *const ref_keys[] = {"ref", "when"};
    e->loc = lower_loc(ctx, node);
    const cnode *ref = lower_get(node, "ref");
    lower_text(ctx, node, "when", e->loc, &e->when);
    e->payload.name.loc = e->loc;
    if (ref != NULL) {
        e->is_ref = true;
        lower_check_keys(ctx, node, LOWER_KEYS(ref_keys), "emit");
        ir_ref r;
        lower_ref_node(ctx, ref, e->loc, &r);
        e->key = r.key;
        e->version = r.version;
        return;
    }
    lower_check_keys(ctx, node, LOWER_KEYS(inline_keys), "emit");
    lower_text(ctx, node, "key", e->loc, &e->key);
    lower_version(ctx, node, "version", e->loc, &e->version);
    lower_type_ref(ctx, node, "payload", e->loc, &e->payload);
}

static void lower_side_effects(lower_ctx *ctx, const cnode *root, ir_operation *op)
{
    static const char *const keys[] = {"emits", "analytics", "audit"};
    const cnode *node = lower_get_mapping(ctx, root, "sideEffects");
    src_loc loc = node ? lower_loc(ctx, node) : op->loc;
    lower_check_keys(ctx, node, LOWER_KEYS(keys), "sideEffects");
    lower_text_list(ctx, node, "analytics", loc, &op->side_effects.analytics);
    lower_text_list(ctx, node, "audit", loc, &op->side_effects.audit);
    const cnode *emits = lower_get_sequence(ctx, node, "emits");
    if (emits == NULL)
        return;
    op->side_effects.emits = lower_array(ctx, emits->count, sizeof *op->side_effects.emits);
    for (size_t i = 0; i < emits->count; i++) {
        if (!lower_expect_mapping(ctx, emits->items[i], "emits"))
            continue;
        lower_emit(ctx, emits->items[i], &op->side_effects.emits[op->side_effects.emit_count++]);
    }
}

static void lower_scenarios(lower_ctx *ctx, const cnode *acceptance, ir_operation *op)
{
    static const char *const keys[] = {"key", "given", "when", "then"};
    const cnode *seq = lower_get_sequence(ctx, acceptance, "scenarios");
    if (seq == NULL)
        return;
    op->acceptance.scenarios = lower_array(ctx, seq->count, sizeof *op->acceptance.scenarios);
    for (size_t i = 0; i < seq->count; i++) {
        const cnode *item = seq->items[i];
        if (!lower_expect_mapping(ctx, item, "scenarios"))
            continue;
        ir_scenario *s = &op->acceptance.scenarios[op->acceptance.scenario_count++];
        s->loc = lower_loc(ctx, item);
        lower_check_keys(ctx, item, LOWER_KEYS(keys), "scenario");
        lower_text(ctx, item, "key", s->loc, &s->key);
        lower_text_list(ctx, item, "given", s->loc, &s->given);
        lower_text_list(ctx, item, "when", s->loc, &s->when);
        lower_text_list(ctx, item, "then", s->loc, &s->then);
    }
}

static void lower_examples(lower_ctx *ctx, const cnode *acceptance, ir_operation *op)
{
    static const char *const keys[] = {"key", "input", "output"};
    const cnode *seq = lower_get_sequence(ctx, acceptance, "examples");
    if (seq == NULL)
        return;
    op->acceptance.examples = lower_array(ctx, seq->count, sizeof *op->acceptance.examples);
    for (size_t i = 0; i < seq->count; i++) {
        const cnode *item = seq->items[i];
        if (!lower_expect_mapping(ctx, item, "examples"))
            continue;
        ir_example *x = &op->acceptance.examples[op->acceptance.example_count++];
        x->loc = lower_loc(ctx, item);
        lower_check_keys(ctx, item, LOWER_KEYS(keys), "example");
        lower_text(ctx, item, "key", x->loc, &x->key);
        x->input = lower_value(ctx, cnode_get(item, "input"));
        x->output = lower_value(ctx, cnode_get(item, "output"));
    }
}

static void lower_acceptance(lower_ctx *ctx, const cnode *root, ir_operation *op)
{
    static const char *const keys[] = {"scenarios", "examples"};
    const cnode *node = lower_get_mapping(ctx, root, "acceptance");
    if (node == NULL)
        return;
    lower_check_keys(ctx, node, LOWER_KEYS(keys), "acceptance");
    lower_scenarios(ctx, node, op);
    lower_examples(ctx, node, op);
}

static void lower_transport_hints(lower_ctx *ctx, const cnode *root, ir_operation *op)
{
    static const char *const keys[] = {"rest", "gql", "mcp"};
    static const char *const rest_keys[] = {"method", "path"};
    static const char *const gql_keys[] = {"field"};
    static const char *const mcp_keys[] = {"toolName"};
    const cnode *node = lower_get_mapping(ctx, root, "transport");
    src_loc loc = node ? lower_loc(ctx, node) : op->loc;
    lower_check_keys(ctx, node, LOWER_KEYS(keys), "transport");
    const cnode *rest = lower_get_mapping(ctx, node, "rest");
    const cnode *gql = lower_get_mapping(ctx, node, "gql");
    const cnode *mcp = lower_get_mapping(ctx, node, "mcp");
    lower_check_keys(ctx, rest, LOWER_KEYS(rest_keys), "transport.rest");
    lower_check_keys(ctx, gql, LOWER_KEYS(gql_keys), "transport.gql");
    lower_check_keys(ctx, mcp, LOWER_KEYS(mcp_keys), "transport.mcp");
    lower_text(ctx, rest, "method", loc, &op->transport.rest_method);
    lower_text(ctx, rest, "path", loc, &op->transport.rest_path);
    lower_text(ctx, gql, "field", loc, &op->transport.gql_field);
    lower_text(ctx, mcp, "toolName", loc, &op->transport.mcp_tool_name);
}

void lower_operation(lower_ctx *ctx, const cnode *root, ir_operation_kind kind)
{
    ir_operation *op = ir_add_operation(ctx->program);
    op->kind = kind;
    op->loc = lower_loc(ctx, root);
    lower_check_keys(ctx, root, LOWER_KEYS(operation_keys),
                     kind == IR_OPERATION_COMMAND ? "command" : "query");
    lower_meta(ctx, root, &op->meta, LOWER_KEYS(meta_extra));
    lower_io(ctx, root, op);
    lower_policy(ctx, root, op);
    lower_side_effects(ctx, root, op);
    lower_acceptance(ctx, root, op);
    lower_ref(ctx, root, "capability", op->loc, &op->capability);
    lower_transport_hints(ctx, root, op);
}
