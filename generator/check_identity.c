/* check_identity: every spec's identity.  Keys, versions and names are
 * present and well formed; two integrations, operations (commands and
 * queries together) or events with one KEY.vVERSION, or two types (models
 * and enums share one namespace with the scalars) with one name, are an
 * error at the later one with a note at the first.  Builds the program's
 * indexes that later passes use. */
#include <ctype.h>
#include <string.h>

#include "check.h"
#include "check_util.h"

/* Model and enum names: [A-Za-z][A-Za-z0-9_]*. */
static bool is_valid_name(const char *name)
{
    if (!isalpha((unsigned char)name[0]))
        return false;
    for (const char *p = name; *p; p++) {
        if (!isalnum((unsigned char)*p) && *p != '_')
            return false;
    }
    return true;
}

static void check_meta_identity(diag_set *diags, const ir_meta *meta, const char *kind)
{
    if (meta->invalid)
        return;
    if (!meta->present) {
        diag_error(diags, meta->loc,
                   "missing required field 'meta' (with 'key', 'version', 'description') in %s",
                   kind);
        return;
    }
    if (check_required(diags, &meta->key, "key", "meta"))
        check_key_syntax(diags, &meta->key);
    if (check_required(diags, &meta->version, "version", "meta"))
        check_semver(diags, &meta->version);
}

static void check_type_name(diag_set *diags, const ir_text *name, const char *what)
{
    if (!check_required(diags, name, "name", what))
        return;
    if (!is_valid_name(name->text)) {
        diag_error(diags, name->loc,
                   "invalid %s name '%s': a name is letters, digits and '_', starting with a "
                   "letter",
                   what, name->text);
        return;
    }
    if (ir_scalar_parse(name->text) != IR_SCALAR_UNKNOWN)
        diag_error(diags, name->loc, "%s name '%s' is already a scalar type", what, name->text);
}

static const char *const entity_names[] = {
    [IR_ENTITY_INTEGRATION] = "integration", [IR_ENTITY_OPERATION] = "operation",
    [IR_ENTITY_EVENT] = "event", [IR_ENTITY_MODEL] = "model", [IR_ENTITY_ENUM] = "enum"};

/* Where an entity's identity is written, and the identity itself. */
static src_loc identity_loc(ir_entity_kind kind, const void *entity, const char **identity)
{
    const ir_meta *meta = NULL;
    switch (kind) {
    case IR_ENTITY_INTEGRATION:
        meta = &((const ir_integration *)entity)->meta;
        break;
    case IR_ENTITY_OPERATION:
        meta = &((const ir_operation *)entity)->meta;
        break;
    case IR_ENTITY_EVENT:
        meta = &((const ir_event *)entity)->meta;
        break;
    case IR_ENTITY_MODEL:
        *identity = ((const ir_model *)entity)->name.text;
        return ((const ir_model *)entity)->name.loc;
    case IR_ENTITY_ENUM:
        *identity = ((const ir_enum *)entity)->name.text;
        return ((const ir_enum *)entity)->name.loc;
    }
    *identity = meta->canonical_id;
    return meta->key.loc;
}

static void report_duplicate(void *user, ir_entity_kind kind, const void *first,
                             const void *second)
{
    diag_set *diags = user;
    const char *identity = NULL, *ignored = NULL;
    src_loc at = identity_loc(kind, second, &identity);
    src_loc first_at = identity_loc(kind, first, &ignored);
    diag_error(diags, at, "duplicate %s '%s'", entity_names[kind], identity);
    diag_note(diags, first_at, "'%s' first declared here", identity);
}

/* A model and an enum with one name: the later one is the duplicate. */
static void check_model_enum_clashes(ir_program *program, diag_set *diags)
{
    for (size_t i = 0; i < program->enum_count; i++) {
        const ir_enum *e = program->enums[i];
        const ir_model *m = e->name.text ? ir_find_model(program, e->name.text) : NULL;
        if (m == NULL)
            continue;
        bool model_first = check_loc_before(m->name.loc, e->name.loc);
        src_loc later = model_first ? e->name.loc : m->name.loc;
        src_loc earlier = model_first ? m->name.loc : e->name.loc;
        diag_error(diags, later, "duplicate type name '%s' (declared as a model and an enum)",
                   e->name.text);
        diag_note(diags, earlier, "'%s' first declared here", e->name.text);
    }
}

void check_identity(ir_program *program, diag_set *diags)
{
    for (size_t i = 0; i < program->integration_count; i++)
        check_meta_identity(diags, &program->integrations[i]->meta, "integration");
    for (size_t i = 0; i < program->operation_count; i++)
        check_meta_identity(diags, &program->operations[i]->meta,
                            program->operations[i]->kind == IR_OPERATION_COMMAND ? "command"
                                                                                 : "query");
    for (size_t i = 0; i < program->event_count; i++)
        check_meta_identity(diags, &program->events[i]->meta, "event");
    for (size_t i = 0; i < program->model_count; i++)
        check_type_name(diags, &program->models[i]->name, "model");
    for (size_t i = 0; i < program->enum_count; i++)
        check_type_name(diags, &program->enums[i]->name, "enum");
    ir_program_index_report(program, report_duplicate, diags);
    check_model_enum_clashes(program, diags);
}
