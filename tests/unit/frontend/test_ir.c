/* The IR itself: spelling tables, indexes and lookups, allocation. */
#include <CUnit/Basic.h>
#include <stdio.h>
#include <string.h>

#include "check.h"
#include "frontend_tests.h"

static void test_names_round_trip(void)
{
    CU_ASSERT_EQUAL(ir_category_name_count, 22);
    CU_ASSERT_EQUAL(ir_scalar_name_count, 20);
    for (size_t i = 0; i < ir_scalar_name_count; i++)
        CU_ASSERT_STRING_EQUAL(ir_scalar_name(ir_scalar_parse(ir_scalar_names[i])),
                               ir_scalar_names[i]);
    CU_ASSERT_EQUAL(ir_scalar_parse("JSONObject"), IR_SCALAR_JSON_OBJECT);
    CU_ASSERT_EQUAL(ir_scalar_parse("string"), IR_SCALAR_UNKNOWN);
    CU_ASSERT_EQUAL(ir_scalar_parse(NULL), IR_SCALAR_UNSET);
    CU_ASSERT_PTR_NULL(ir_scalar_name(IR_SCALAR_UNKNOWN));
    CU_ASSERT_PTR_NULL(ir_scalar_name(IR_SCALAR_UNSET));
    CU_ASSERT_EQUAL(ir_auth_type_parse("webhook-signing"), IR_AUTH_WEBHOOK_SIGNING);
    CU_ASSERT_STRING_EQUAL(ir_category_name(IR_CATEGORY_AI_VOICE_CONVERSATIONAL),
                           "ai-voice-conversational");
    CU_ASSERT_EQUAL(ir_schema_type_parse("integer"), IR_SCHEMA_INTEGER);
    CU_ASSERT_EQUAL(ir_schema_type_parse("int"), IR_SCHEMA_UNKNOWN);
    CU_ASSERT_EQUAL(ir_schema_type_parse(NULL), IR_SCHEMA_ANY);
    CU_ASSERT_STRING_EQUAL(ir_schema_type_name(IR_SCHEMA_ARRAY), "array");
}

static void test_indexes_many_entities(void)
{
    ir_program *program = ir_program_new();
    enum { N = 5000 };
    for (int i = 0; i < N; i++) {
        ir_model *m = ir_add_model(program);
        m->name.text = ir_printf(program, "Model%d", i);
        ir_event *e = ir_add_event(program);
        e->meta.key.text = ir_printf(program, "events.e%d", i);
        e->meta.version.text = "1.0.0";
        e->meta.canonical_id = ir_canonical_id(program, e->meta.key.text, "1.0.0");
    }
    ir_program_index(program);
    CU_ASSERT_EQUAL(program->model_count, N);
    CU_ASSERT_PTR_EQUAL(ir_find_model(program, "Model4321"), program->models[4321]);
    CU_ASSERT_PTR_NULL(ir_find_model(program, "Model5000"));
    CU_ASSERT_PTR_NULL(ir_find_enum(program, "Model1"));
    CU_ASSERT_PTR_EQUAL(ir_find_event(program, "events.e17", "1.0.0"), program->events[17]);
    CU_ASSERT_PTR_NULL(ir_find_event(program, "events.e17", "2.0.0"));
    CU_ASSERT_PTR_NULL(ir_find_event(program, NULL, "1.0.0"));
    ir_program_free(program);
    ir_program_free(NULL);
}

static void test_lookup_long_identity(void)
{
    ir_program *program = ir_program_new();
    char key[600];
    memset(key, 'k', sizeof key - 1);
    key[sizeof key - 1] = '\0';
    ir_integration *in = ir_add_integration(program);
    in->meta.canonical_id = ir_canonical_id(program, key, "1.2.3");
    ir_program_index(program);
    CU_ASSERT_PTR_EQUAL(ir_find_integration(program, key, "1.2.3"), in);
    CU_ASSERT_PTR_NULL(ir_find_operation(program, key, "1.2.3"));
    ir_program_free(program);
}

typedef struct duplicates {
    size_t count;
    const void *first, *second;
} duplicates;

static void count_duplicate(void *user, ir_entity_kind kind, const void *first,
                            const void *second)
{
    duplicates *d = user;
    CU_ASSERT_EQUAL(kind, IR_ENTITY_ENUM);
    d->count++;
    d->first = first;
    d->second = second;
}

static void test_duplicates_first_wins(void)
{
    ir_program *program = ir_program_new();
    ir_enum *a = ir_add_enum(program);
    ir_enum *b = ir_add_enum(program);
    a->name.text = "Same";
    b->name.text = ir_strdup(program, "Same");
    duplicates d = {0, NULL, NULL};
    ir_program_index_report(program, count_duplicate, &d);
    CU_ASSERT_EQUAL(d.count, 1);
    CU_ASSERT_PTR_EQUAL(d.first, a);
    CU_ASSERT_PTR_EQUAL(d.second, b);
    CU_ASSERT_PTR_EQUAL(ir_find_enum(program, "Same"), a);
    ir_program_free(program);
}

/* A chain of 100,000 models, each requiring the next, closed into one
 * cycle: found once, without deep recursion, and shown shortened. */
static void test_long_cycle(void)
{
    ir_program *program = ir_program_new();
    enum { N = 100000 };
    for (int i = 0; i < N; i++) {
        ir_model *m = ir_add_model(program);
        m->name.text = ir_printf(program, "M%d", i);
        m->fields = ir_alloc(program, sizeof *m->fields);
        m->field_count = 1;
        m->fields[0].name.text = "next";
        m->fields[0].type.name.text = ir_printf(program, "M%d", (i + 1) % N);
        m->fields[0].type.name.loc = (src_loc){"chain.yaml", (unsigned)i + 1, 3};
        m->fields[0].loc = m->fields[0].type.name.loc;
    }
    diag_set *diags = diag_set_new();
    check_identity(program, diags);
    check_references(program, diags);
    CU_ASSERT_EQUAL_FATAL(diag_count(diags), 1);
    CU_ASSERT_STRING_EQUAL(support_diag(diags, 0),
                           "chain.yaml:1:3: error: cycle of required model fields: M0.next -> "
                           "M1.next -> M2.next -> M3.next -> M4.next -> ... (99991 more) -> "
                           "M99996.next -> M99997.next -> M99998.next -> M99999.next -> M0 "
                           "(make one of them optional or an array)");
    ir_program_free(program);
    diag_set_free(diags);
}

void add_ir_suite(void)
{
    CU_pSuite suite = CU_add_suite("ir", NULL, NULL);
    CU_add_test(suite, "spelling tables round trip", test_names_round_trip);
    CU_add_test(suite, "indexes over many entities", test_indexes_many_entities);
    CU_add_test(suite, "lookup of a long identity", test_lookup_long_identity);
    CU_add_test(suite, "duplicates: first wins, reported", test_duplicates_first_wins);
    CU_add_test(suite, "a 100,000-model cycle", test_long_cycle);
}
