/* lower: dispatch of every loaded document by its `kind` (lower.h). */
#include "lower.h"

#include <string.h>

#include "lower_util.h"
#include "suggest.h"

static const char *const kinds[] = {"integration", "command", "query", "event", "model", "enum"};

/* File names in the IR belong to the program: copy each once, reusing the
 * copy while consecutive documents come from the same file. */
static void enter_file(lower_ctx *ctx, const char *file, const char **last_source)
{
    if (file == NULL) {
        ctx->file = NULL;
        *last_source = NULL;
        return;
    }
    if (*last_source != NULL && strcmp(*last_source, file) == 0)
        return;
    *last_source = file;
    ctx->file = ir_strdup(ctx->program, file);
}

static void lower_document(lower_ctx *ctx, const cnode *root)
{
    if (root->kind != CNODE_MAPPING) {
        lower_error(ctx, root, "a spec document must be a mapping with a 'kind', found %s",
                    lower_describe(root));
        return;
    }
    const cnode *kind = lower_get(root, "kind");
    if (kind == NULL) {
        lower_error(ctx, root,
                    "missing required field 'kind' (integration, command, query, event, model "
                    "or enum)");
        return;
    }
    if (kind->kind != CNODE_SCALAR || kind->scalar_type != CSCALAR_STRING) {
        lower_error(ctx, kind, "expected a string for 'kind', found %s", lower_describe(kind));
        return;
    }
    const char *k = kind->text;
    if (strcmp(k, "integration") == 0)
        lower_integration(ctx, root);
    else if (strcmp(k, "command") == 0)
        lower_operation(ctx, root, IR_OPERATION_COMMAND);
    else if (strcmp(k, "query") == 0)
        lower_operation(ctx, root, IR_OPERATION_QUERY);
    else if (strcmp(k, "event") == 0)
        lower_event(ctx, root);
    else if (strcmp(k, "model") == 0)
        lower_model(ctx, root);
    else if (strcmp(k, "enum") == 0)
        lower_enum(ctx, root);
    else {
        const char *guess = suggest_closest(k, kinds, sizeof kinds / sizeof kinds[0]);
        if (guess != NULL)
            lower_error(ctx, kind, "unknown kind '%s'; did you mean '%s'?", k, guess);
        else
            lower_error(ctx, kind,
                        "unknown kind '%s' (expected integration, command, query, event, model "
                        "or enum)",
                        k);
    }
}

bool lower_documents(const load_set *docs, ir_program *out, diag_set *diags)
{
    lower_ctx ctx = {out, diags, NULL, 0};
    const char *last_source = NULL;
    size_t count = load_set_doc_count(docs);
    for (size_t i = 0; i < count; i++) {
        const cdoc *doc = load_set_doc(docs, i);
        /* An empty document declares nothing (a file may end with "---"). */
        if (doc->root == NULL)
            continue;
        enter_file(&ctx, doc->file, &last_source);
        lower_document(&ctx, doc->root);
    }
    out->file_count = load_set_file_count(docs);
    return ctx.errors == 0;
}
