/* check_meta: the rest of every spec's meta (identity is check_identity's,
 * which also reports a missing meta): required descriptive fields and the
 * allowed stability and category values. */
#include "check.h"
#include "check_util.h"

static void check_stability(diag_set *diags, const ir_meta *meta)
{
    check_allowed(diags, &meta->stability.text, meta->stability.value == IR_STABILITY_UNKNOWN,
                  "stability", ir_stability_names, ir_stability_name_count);
}

static void check_integration_meta(diag_set *diags, const ir_integration *in)
{
    const ir_meta *meta = &in->meta;
    if (!meta->present || meta->invalid)
        return;
    /* The flat form spells meta.title `label`. */
    check_required(diags, &meta->title, in->from_flat_form ? "label" : "title",
                   in->from_flat_form ? "integration" : "meta");
    check_required(diags, &meta->description, "description",
                   in->from_flat_form ? "integration" : "meta");
    if (check_required(diags, &meta->category.text, "category",
                       in->from_flat_form ? "integration" : "meta"))
        check_allowed(diags, &meta->category.text, meta->category.value == IR_CATEGORY_UNKNOWN,
                      "category", ir_category_names, ir_category_name_count);
    check_stability(diags, meta);
}

void check_meta(ir_program *program, diag_set *diags)
{
    for (size_t i = 0; i < program->integration_count; i++)
        check_integration_meta(diags, program->integrations[i]);
    for (size_t i = 0; i < program->operation_count; i++) {
        const ir_meta *meta = &program->operations[i]->meta;
        if (!meta->present || meta->invalid)
            continue;
        check_required(diags, &meta->description, "description", "meta");
        check_stability(diags, meta);
    }
    for (size_t i = 0; i < program->event_count; i++) {
        const ir_meta *meta = &program->events[i]->meta;
        if (!meta->present || meta->invalid)
            continue;
        check_required(diags, &meta->description, "description", "meta");
        check_stability(diags, meta);
    }
}
