/* lower_event: `kind: event` (reference 7.3). */
#include "lower_util.h"

void lower_event(lower_ctx *ctx, const cnode *root)
{
    static const char *const keys[] = {"kind", "meta", "payload", "pii", "capability"};
    ir_event *event = ir_add_event(ctx->program);
    event->loc = lower_loc(ctx, root);
    lower_check_keys(ctx, root, LOWER_KEYS(keys), "event");
    lower_meta(ctx, root, &event->meta, NULL, 0);
    lower_type_ref(ctx, root, "payload", event->loc, &event->payload);
    lower_text_list(ctx, root, "pii", event->loc, &event->pii);
    lower_ref(ctx, root, "capability", event->loc, &event->capability);
}
