/* loader: scalar resolution, marks, documents, JSON, aliases, helpers. */
#include <CUnit/Basic.h>
#include <math.h>
#include <string.h>

#include "loader_test_util.h"
#include "loader_tests.h"

static const cnode *seq_item(const cnode *seq, size_t i)
{
    return seq != NULL && seq->kind == CNODE_SEQUENCE && i < seq->count ? seq->items[i] : NULL;
}

static void test_scalar_types(void)
{
    static const struct {
        const char *text;
        cnode_scalar_type type;
        const char *kind_name;
    } cases[] = {
        {"~", CSCALAR_NULL, "null"},          {"null", CSCALAR_NULL, "null"},
        {"NULL", CSCALAR_NULL, "null"},       {"''", CSCALAR_STRING, "string"},
        {"true", CSCALAR_BOOL, "boolean"},    {"FALSE", CSCALAR_BOOL, "boolean"},
        {"yes", CSCALAR_STRING, "string"},    {"42", CSCALAR_INT, "integer"},
        {"-7", CSCALAR_INT, "integer"},       {"+3", CSCALAR_INT, "integer"},
        {"0x1F", CSCALAR_STRING, "string"},   {"1.5", CSCALAR_FLOAT, "number"},
        {"-2e3", CSCALAR_FLOAT, "number"},    {".5", CSCALAR_FLOAT, "number"},
        {".inf", CSCALAR_FLOAT, "number"},    {"-.Inf", CSCALAR_FLOAT, "number"},
        {".NaN", CSCALAR_FLOAT, "number"},    {"1.0.0", CSCALAR_STRING, "string"},
        {"'42'", CSCALAR_STRING, "string"},   {"\"true\"", CSCALAR_STRING, "string"},
        {"!!str 12", CSCALAR_STRING, "string"}, {"!!float 3", CSCALAR_FLOAT, "number"},
        {"1e", CSCALAR_STRING, "string"},     {"-x", CSCALAR_STRING, "string"},
        {"9007199254740992", CSCALAR_INT, "integer"},
        {"2024-11-20.acacia", CSCALAR_STRING, "string"},
    };
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        char yaml[128];
        snprintf(yaml, sizeof(yaml), "v: %s\n", cases[i].text);
        loaded l = load_text("s.yaml", yaml);
        ASSERT_DIAGS(l, "");
        const cnode *v = cnode_get(loaded_root(&l, 0), "v");
        CU_ASSERT_PTR_NOT_NULL_FATAL(v);
        CU_ASSERT_EQUAL(v->scalar_type, cases[i].type);
        CU_ASSERT_STRING_EQUAL(cnode_kind_name(v), cases[i].kind_name);
        if (v->scalar_type != cases[i].type)
            fprintf(stderr, "\nscalar %s resolved to %s\n", cases[i].text, cnode_kind_name(v));
        loaded_free(&l);
    }
}

static void test_scalar_values(void)
{
    loaded l = load_text("v.yaml", "- 42\n- -9007199254740992\n- 2.5\n- true\n- 'it''s'\n"
                                   "- 1e-400\n- |\n  block\n");
    ASSERT_DIAGS(l, "");
    const cnode *root = loaded_root(&l, 0);
    CU_ASSERT_EQUAL(seq_item(root, 0)->int_value, 42);
    CU_ASSERT_EQUAL(seq_item(root, 0)->float_value, 42.0);
    CU_ASSERT_EQUAL(seq_item(root, 1)->int_value, -9007199254740992LL);
    CU_ASSERT_DOUBLE_EQUAL(seq_item(root, 2)->float_value, 2.5, 0.0);
    CU_ASSERT_TRUE(seq_item(root, 3)->bool_value);
    CU_ASSERT_STRING_EQUAL(seq_item(root, 4)->text, "it's");
    CU_ASSERT_TRUE(seq_item(root, 4)->quoted);
    CU_ASSERT_EQUAL(seq_item(root, 5)->scalar_type, CSCALAR_FLOAT);
    CU_ASSERT_EQUAL(seq_item(root, 5)->float_value, 0.0);
    CU_ASSERT_STRING_EQUAL(seq_item(root, 6)->text, "block\n");
    CU_ASSERT_EQUAL(seq_item(root, 6)->text_len, 6);
    CU_ASSERT_TRUE(seq_item(root, 6)->quoted);
    CU_ASSERT_FALSE(seq_item(root, 0)->quoted);
    loaded_free(&l);
}

static void test_marks_of_nested_nodes(void)
{
    loaded l = load_text("m.yaml", "kind: model\n"
                                   "fields:\n"
                                   "  id: {type: ID}\n"
                                   "  tags:\n"
                                   "    - a\n"
                                   "    -   \"b\"\n");
    ASSERT_DIAGS(l, "");
    const cnode *root = loaded_root(&l, 0);
    CU_ASSERT_EQUAL(root->loc.line, 1);
    CU_ASSERT_EQUAL(root->loc.col, 1);
    CU_ASSERT_STRING_EQUAL(root->loc.file, "m.yaml");
    const cnode *fields = cnode_get(root, "fields");
    CU_ASSERT_EQUAL(fields->loc.line, 3);
    CU_ASSERT_EQUAL(fields->loc.col, 3);
    const cnode_pair *id = cnode_get_pair(fields, "id");
    CU_ASSERT_EQUAL(id->key->loc.line, 3);
    CU_ASSERT_EQUAL(id->key->loc.col, 3);
    CU_ASSERT_EQUAL(id->value->loc.col, 7);
    const cnode *type = cnode_get(id->value, "type");
    CU_ASSERT_EQUAL(type->loc.line, 3);
    CU_ASSERT_EQUAL(type->loc.col, 14);
    const cnode *tags = cnode_get(fields, "tags");
    CU_ASSERT_EQUAL(tags->loc.line, 5);
    CU_ASSERT_EQUAL(tags->loc.col, 5);
    CU_ASSERT_EQUAL(seq_item(tags, 1)->loc.line, 6);
    CU_ASSERT_EQUAL(seq_item(tags, 1)->loc.col, 9);
    loaded_free(&l);
}

static void test_columns_count_characters(void)
{
    loaded l = load_text("u.yaml", "{\"é€\": 1, k: [x, 😀, y]}\n");
    ASSERT_DIAGS(l, "");
    const cnode *k = cnode_get_pair(loaded_root(&l, 0), "k")->key;
    CU_ASSERT_EQUAL(k->loc.col, 11);
    CU_ASSERT_EQUAL(seq_item(cnode_get(loaded_root(&l, 0), "k"), 2)->loc.col, 21);
    loaded_free(&l);
}

static void test_multi_document(void)
{
    loaded l = load_text("multi.yaml", "kind: enum\nname: A\n"
                                       "---\n"
                                       "---\n"
                                       "# comment only\n"
                                       "---\n"
                                       "kind: enum\nname: B\n"
                                       "...\n");
    ASSERT_DIAGS(l, "");
    CU_ASSERT_EQUAL_FATAL(load_set_doc_count(l.set), 2);
    CU_ASSERT_EQUAL(load_set_file_count(l.set), 1);
    const cdoc *first = load_set_doc(l.set, 0);
    const cdoc *second = load_set_doc(l.set, 1);
    CU_ASSERT_EQUAL(first->index, 0);
    CU_ASSERT_EQUAL(second->index, 3);
    CU_ASSERT_STRING_EQUAL(second->file, "multi.yaml");
    CU_ASSERT_STRING_EQUAL(cnode_get(second->root, "name")->text, "B");
    CU_ASSERT_EQUAL(second->root->loc.line, 7);
    CU_ASSERT_PTR_NULL(load_set_doc(l.set, 2));
    loaded_free(&l);
}

static void test_json_input(void)
{
    loaded l = load_text("spec.json", "{\n"
                                      "\t\"kind\":\"model\",\n"
                                      "\t\"name\": \"M\",\n"
                                      "\t\"fields\": {\"n\": {\"type\": \"Int_unsecure\", \"defaultValue\": -1.5e2}},\n"
                                      "\t\"tags\": [true, false, null, 12]\n"
                                      "}\n");
    ASSERT_DIAGS(l, "");
    const cnode *root = loaded_root(&l, 0);
    CU_ASSERT_EQUAL(root->count, 4);
    CU_ASSERT_STRING_EQUAL(cnode_get(root, "kind")->text, "model");
    CU_ASSERT_TRUE(cnode_get(root, "kind")->quoted);
    CU_ASSERT_EQUAL(cnode_get(root, "name")->loc.line, 3);
    CU_ASSERT_EQUAL(cnode_get(root, "name")->loc.col, 10);
    const cnode *n = cnode_get(cnode_get(root, "fields"), "n");
    CU_ASSERT_DOUBLE_EQUAL(cnode_get(n, "defaultValue")->float_value, -150.0, 0.0);
    const cnode *tags = cnode_get(root, "tags");
    CU_ASSERT_EQUAL(seq_item(tags, 0)->scalar_type, CSCALAR_BOOL);
    CU_ASSERT_TRUE(cnode_is_null(seq_item(tags, 2)));
    CU_ASSERT_EQUAL(seq_item(tags, 3)->int_value, 12);
    loaded_free(&l);
}

static void test_aliases_resolve_to_the_anchored_node(void)
{
    loaded l = load_text("a.yaml", "base: &b {type: String_unsecure}\n"
                                   "copy: *b\n"
                                   "name: &n Alice\n"
                                   "again: *n\n"
                                   "&k key: 1\n"
                                   "list: [*k, *b]\n");
    ASSERT_DIAGS(l, "");
    const cnode *root = loaded_root(&l, 0);
    CU_ASSERT_PTR_EQUAL(cnode_get(root, "base"), cnode_get(root, "copy"));
    CU_ASSERT_PTR_EQUAL(cnode_get(root, "name"), cnode_get(root, "again"));
    CU_ASSERT_STRING_EQUAL(seq_item(cnode_get(root, "list"), 0)->text, "key");
    CU_ASSERT_PTR_EQUAL(seq_item(cnode_get(root, "list"), 1), cnode_get(root, "base"));
    loaded_free(&l);
}

static void test_anchor_redefinition_and_scope(void)
{
    loaded l = load_text("r.yaml", "a: &x 1\nb: &x 2\nc: *x\n---\nd: *x\n");
    ASSERT_DIAGS(l, "r.yaml:5:4: error: undefined alias '*x'");
    CU_ASSERT_EQUAL(cnode_get(loaded_root(&l, 0), "c")->int_value, 2);
    CU_ASSERT_TRUE(cnode_is_null(cnode_get(loaded_root(&l, 1), "d")));
    loaded_free(&l);
}

static void test_bom_and_crlf(void)
{
    loaded l = load_text("bom.yaml", "\xEF\xBB\xBFkind: enum\r\nname: E\r\nvalues: [A,\r\n  B]\r\n");
    ASSERT_DIAGS(l, "");
    const cnode *root = loaded_root(&l, 0);
    CU_ASSERT_EQUAL(root->loc.col, 1);
    const cnode *name = cnode_get(root, "name");
    CU_ASSERT_STRING_EQUAL(name->text, "E");
    CU_ASSERT_EQUAL(name->loc.line, 2);
    CU_ASSERT_EQUAL(name->loc.col, 7);
    CU_ASSERT_EQUAL(seq_item(cnode_get(root, "values"), 1)->loc.line, 4);
    loaded_free(&l);
}

/* Regression (found by fuzzing): an empty root container ended before
 * any child was pending, and the builder did arithmetic on a null stack. */
static void test_empty_root_containers(void)
{
    loaded l = load_text("e.yaml", "[]\n---\n{}\n---\n[[], {}]\n");
    ASSERT_DIAGS(l, "");
    CU_ASSERT_EQUAL_FATAL(load_set_doc_count(l.set), 3);
    CU_ASSERT_EQUAL(loaded_root(&l, 0)->kind, CNODE_SEQUENCE);
    CU_ASSERT_EQUAL(loaded_root(&l, 0)->count, 0);
    CU_ASSERT_EQUAL(loaded_root(&l, 1)->kind, CNODE_MAPPING);
    CU_ASSERT_EQUAL(loaded_root(&l, 1)->count, 0);
    CU_ASSERT_PTR_NULL(cnode_get(loaded_root(&l, 1), "x"));
    CU_ASSERT_EQUAL(loaded_root(&l, 2)->count, 2);
    loaded_free(&l);
}

static void test_cnode_helpers(void)
{
    loaded l = load_text("h.yaml", "a: 1\nb: [x]\nc:\n");
    const cnode *root = loaded_root(&l, 0);
    CU_ASSERT_PTR_NULL(cnode_get(root, "missing"));
    CU_ASSERT_PTR_NULL(cnode_get(cnode_get(root, "b"), "x"));
    CU_ASSERT_PTR_NULL(cnode_get(NULL, "a"));
    CU_ASSERT_TRUE(cnode_is_scalar(cnode_get(root, "a")));
    CU_ASSERT_FALSE(cnode_is_scalar(cnode_get(root, "b")));
    CU_ASSERT_FALSE(cnode_is_scalar(NULL));
    CU_ASSERT_TRUE(cnode_is_null(cnode_get(root, "c")));
    CU_ASSERT_TRUE(cnode_is_null(NULL));
    CU_ASSERT_FALSE(cnode_is_null(cnode_get(root, "a")));
    CU_ASSERT_STRING_EQUAL(cnode_kind_name(root), "mapping");
    CU_ASSERT_STRING_EQUAL(cnode_kind_name(cnode_get(root, "b")), "sequence");
    CU_ASSERT_STRING_EQUAL(cnode_get_pair(root, "c")->key->text, "c");
    loaded_free(&l);
}

void add_loader_basic_suite(void)
{
    CU_pSuite suite = CU_add_suite("loader_basic", NULL, NULL);
    CU_add_test(suite, "scalar_types", test_scalar_types);
    CU_add_test(suite, "scalar_values", test_scalar_values);
    CU_add_test(suite, "marks_of_nested_nodes", test_marks_of_nested_nodes);
    CU_add_test(suite, "columns_count_characters", test_columns_count_characters);
    CU_add_test(suite, "multi_document", test_multi_document);
    CU_add_test(suite, "json_input", test_json_input);
    CU_add_test(suite, "aliases_resolve_to_the_anchored_node", test_aliases_resolve_to_the_anchored_node);
    CU_add_test(suite, "anchor_redefinition_and_scope", test_anchor_redefinition_and_scope);
    CU_add_test(suite, "bom_and_crlf", test_bom_and_crlf);
    CU_add_test(suite, "empty_root_containers", test_empty_root_containers);
    CU_add_test(suite, "cnode_helpers", test_cnode_helpers);
}
