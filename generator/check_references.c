/* check_references: every type named anywhere resolves to a scalar, an
 * enum or a model (with a "did you mean" when a close name exists);
 * emitted events match declared events; required model fields form no
 * cycle. */
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "check_util.h"
#include "ir_index.h"
#include "suggest.h"

/* A "did you mean" search compares a name with every type name: cheap for
 * a few typos, quadratic for a spec set where every name is wrong.  The
 * answers are remembered per name, and after this many searches the
 * remaining unknown names are reported without a suggestion. */
enum { MAX_SUGGESTION_SEARCHES = 200 };

typedef struct resolver {
    ir_program *program;
    diag_set *diags;
    const char **candidates;    /* every type name, built on the first miss */
    size_t candidate_count;
    ir_index suggestions;       /* unknown name -> guess, or no_guess */
    size_t searches;
} resolver;

static const char no_guess[] = "";

static void build_candidates(resolver *r)
{
    const ir_program *p = r->program;
    size_t total = ir_scalar_name_count + p->enum_count + p->model_count;
    r->candidates = ir_alloc(r->program, total * sizeof *r->candidates);
    for (size_t i = 0; i < ir_scalar_name_count; i++)
        r->candidates[r->candidate_count++] = ir_scalar_names[i];
    for (size_t i = 0; i < p->enum_count; i++) {
        if (p->enums[i]->name.text != NULL)
            r->candidates[r->candidate_count++] = p->enums[i]->name.text;
    }
    for (size_t i = 0; i < p->model_count; i++) {
        if (p->models[i]->name.text != NULL)
            r->candidates[r->candidate_count++] = p->models[i]->name.text;
    }
}

static const char *suggestion(resolver *r, const char *name)
{
    const char *known = ir_index_get(&r->suggestions, name);
    if (known != NULL)
        return known == no_guess ? NULL : known;
    if (r->searches >= MAX_SUGGESTION_SEARCHES)
        return NULL;
    r->searches++;
    if (r->candidates == NULL)
        build_candidates(r);
    const char *guess = suggest_closest(name, r->candidates, r->candidate_count);
    ir_index_put(&r->suggestions, name, (void *)(guess ? guess : no_guess));
    return guess;
}

/* Resolves t by name; reports an unknown name unless `quiet`. */
static void resolve(resolver *r, ir_type_ref *t, bool quiet)
{
    const char *name = t->name.text;
    if (name == NULL)
        return;
    ir_scalar scalar = ir_scalar_parse(name);
    if (scalar != IR_SCALAR_UNKNOWN) {
        t->kind = IR_TYPE_SCALAR;
        t->scalar = scalar;
        return;
    }
    if ((t->enum_def = ir_find_enum(r->program, name)) != NULL) {
        t->kind = IR_TYPE_ENUM;
        return;
    }
    if ((t->model = ir_find_model(r->program, name)) != NULL) {
        t->kind = IR_TYPE_MODEL;
        return;
    }
    if (quiet)
        return;
    const char *guess = suggestion(r, name);
    if (guess != NULL)
        diag_error(r->diags, t->name.loc, "unknown type '%s'; did you mean '%s'?", name, guess);
    else
        diag_error(r->diags, t->name.loc,
                   "unknown type '%s' (not a scalar type, nor a declared enum or model)", name);
}

static void resolve_required(resolver *r, ir_type_ref *t, const char *field, const char *where)
{
    if (check_required(r->diags, &t->name, field, where))
        resolve(r, t, false);
}

/* $ref anywhere in a schema. */
static void resolve_schema(resolver *r, ir_schema *schema)
{
    if (schema == NULL)
        return;
    resolve(r, &schema->ref, false);
    for (size_t i = 0; i < schema->property_count; i++)
        resolve_schema(r, schema->properties[i].schema);
    resolve_schema(r, schema->items);
    resolve_schema(r, schema->additional_properties);
}

static void resolve_models(resolver *r)
{
    for (size_t i = 0; i < r->program->model_count; i++) {
        ir_model *m = r->program->models[i];
        if (m->schema != NULL && !m->synthesized)
            resolve_schema(r, m->schema);
        for (size_t f = 0; f < m->field_count; f++) {
            ir_field *field = &m->fields[f];
            if (field->constraints != NULL) {
                /* Named by a $ref the schema walk has reported already. */
                resolve(r, &field->type, true);
                continue;
            }
            if (field->type.name.text == NULL && !field->type.name.invalid)
                diag_error(r->diags, field->type.name.loc,
                           "missing required field 'type' in model field '%s'",
                           field->name.text);
            resolve(r, &field->type, false);
        }
    }
}

/* ------------------------------------------------------------ emits */

static bool same_type(const ir_type_ref *a, const ir_type_ref *b)
{
    if (a->kind == IR_TYPE_UNRESOLVED || b->kind == IR_TYPE_UNRESOLVED)
        return strcmp(a->name.text, b->name.text) == 0;
    return a->kind == b->kind && a->scalar == b->scalar && a->enum_def == b->enum_def &&
           a->model == b->model;
}

static void check_emit(resolver *r, ir_emit *emit)
{
    if (!emit->is_ref)
        resolve_required(r, &emit->payload, "payload", "emit");
    bool has_key = check_required(r->diags, &emit->key, "key", "emit");
    bool has_version = check_required(r->diags, &emit->version, "version", "emit") &&
                       check_semver(r->diags, &emit->version);
    if (!has_key || !has_version)
        return;
    emit->event = ir_find_event(r->program, emit->key.text, emit->version.text);
    if (emit->event == NULL) {
        diag_warning(r->diags, emit->key.loc, "emitted event '%s.v%s' matches no event spec",
                     emit->key.text, emit->version.text);
        return;
    }
    const ir_type_ref *declared = &emit->event->payload;
    if (emit->is_ref || emit->payload.name.text == NULL || declared->name.text == NULL)
        return;
    if (!same_type(&emit->payload, declared)) {
        diag_warning(r->diags, emit->payload.name.loc,
                     "payload '%s' of emitted event '%s.v%s' differs from the event's payload "
                     "'%s'",
                     emit->payload.name.text, emit->key.text, emit->version.text,
                     declared->name.text);
        diag_note(r->diags, declared->name.loc, "the event declares its payload here");
    }
}

/* ------------------------------------------------------------ entry */

void check_references(ir_program *program, diag_set *diags)
{
    resolver r = {program, diags, NULL, 0, {0}, 0};
    resolve_models(&r);
    for (size_t i = 0; i < program->integration_count; i++) {
        resolve_schema(&r, program->integrations[i]->config_schema.schema);
        resolve_schema(&r, program->integrations[i]->secret_schema.schema);
    }
    /* Events first: emits compare against their resolved payloads. */
    for (size_t i = 0; i < program->event_count; i++)
        resolve_required(&r, &program->events[i]->payload, "payload", "event");
    for (size_t i = 0; i < program->operation_count; i++) {
        ir_operation *op = program->operations[i];
        resolve(&r, &op->io.input, false);
        if (op->io.output.name.text == NULL && !op->io.output.name.invalid &&
            !op->io.output_null)
            diag_error(diags, op->io.output.name.loc,
                       "missing required field 'output' in io (write 'output: null' for none)");
        resolve(&r, &op->io.output, false);
        for (size_t e = 0; e < op->side_effects.emit_count; e++)
            check_emit(&r, &op->side_effects.emits[e]);
    }
    ir_index_clear(&r.suggestions);
    check_cycles(program, diags);
}
