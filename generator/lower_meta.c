/* lower_meta: ContractSpec's OwnerShipMeta (reference 1.1) plus the extra
 * keys of a kind (integration category; operation goal and context). */
#include "lower_util.h"

#include <string.h>

static const char *const base_keys[] = {"key",    "version", "title", "description", "domain",
                                        "stability", "owners", "tags", "docId"};
enum { BASE_KEY_COUNT = sizeof base_keys / sizeof base_keys[0], MAX_META_KEYS = 16 };

void lower_meta(lower_ctx *ctx, const cnode *root, ir_meta *meta, const char *const *extra_keys,
                size_t extra_count)
{
    memset(meta, 0, sizeof *meta);
    src_loc doc_loc = lower_loc(ctx, root);
    meta->loc = doc_loc;
    const cnode *node = lower_get(root, "meta");
    /* A `meta` of the wrong type is reported here; only a missing one is
     * left to the checker. */
    meta->present = node != NULL;
    if (node != NULL && !lower_expect_mapping(ctx, node, "meta")) {
        meta->invalid = true;
        node = NULL;
    }
    if (node != NULL)
        meta->loc = lower_loc(ctx, node);
    src_loc owner = meta->loc;

    const char *known[MAX_META_KEYS];
    size_t known_count = 0;
    for (size_t i = 0; i < BASE_KEY_COUNT; i++)
        known[known_count++] = base_keys[i];
    for (size_t i = 0; i < extra_count && known_count < MAX_META_KEYS; i++)
        known[known_count++] = extra_keys[i];
    lower_check_keys(ctx, node, known, known_count, "meta");

    lower_text(ctx, node, "key", owner, &meta->key);
    lower_version(ctx, node, "version", owner, &meta->version);
    lower_text(ctx, node, "title", owner, &meta->title);
    lower_text(ctx, node, "description", owner, &meta->description);
    lower_text(ctx, node, "domain", owner, &meta->domain);
    lower_text(ctx, node, "goal", owner, &meta->goal);
    lower_text(ctx, node, "context", owner, &meta->context);
    lower_text(ctx, node, "stability", owner, &meta->stability.text);
    meta->stability.value = ir_stability_parse(meta->stability.text.text);
    lower_text(ctx, node, "category", owner, &meta->category.text);
    meta->category.value = ir_category_parse(meta->category.text.text);
    lower_text_list(ctx, node, "owners", owner, &meta->owners);
    lower_text_list(ctx, node, "tags", owner, &meta->tags);
    lower_text_list(ctx, node, "docId", owner, &meta->doc_ids);
    if (meta->key.text != NULL && meta->version.text != NULL)
        meta->canonical_id = ir_canonical_id(ctx->program, meta->key.text, meta->version.text);
}
