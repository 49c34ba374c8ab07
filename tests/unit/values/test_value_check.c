/* Unit tests: value_check_type / _model / _schema -- types, models
 * (required, null, isArray, unknown keys, enums, nesting), the JSON Schema
 * subset and JSON Pointer paths. */
#include <CUnit/Basic.h>
#include <stdio.h>
#include <string.h>

#include "value_check.h"
#include "value_check_internal.h"
#include "values_support.h"
#include "values_test_main.h"

static tv_pool *pool;

static const char *const status_values[] = {"PENDING", "CONNECTED", "DISCONNECTED", "ERROR",
                                             "EXPIRED"};

static ir_enum *status_enum(void)
{
    return tv_enum(pool, "ConnectionStatus", status_values, 5);
}

/* OwnerModel {id: ID, email?: EmailAddress}
 * ConnectionModel {id: String_unsecure, status: ConnectionStatus,
 *   connectedAt?: DateTime, tags?: NonEmptyString[], owner: OwnerModel,
 *   credentials?: JSON, limit?: Int_unsecure = 20} (spec-format.md) */
static ir_model *connection_model(void)
{
    ir_model *owner = tv_model(pool, "OwnerModel", 2);
    tv_field(owner, "id", tv_scalar(IR_SCALAR_ID), false, false);
    tv_field(owner, "email", tv_scalar(IR_SCALAR_EMAIL_ADDRESS), true, false);
    ir_model *m = tv_model(pool, "ConnectionModel", 7);
    tv_field(m, "id", tv_scalar(IR_SCALAR_STRING_UNSECURE), false, false);
    tv_field(m, "status", tv_enum_ref(status_enum()), false, false);
    tv_field(m, "connectedAt", tv_scalar(IR_SCALAR_DATE_TIME), true, false);
    tv_field(m, "tags", tv_scalar(IR_SCALAR_NON_EMPTY_STRING), true, true);
    tv_field(m, "owner", tv_model_ref(owner), false, false);
    tv_field(m, "credentials", tv_scalar(IR_SCALAR_JSON), true, false);
    ir_field *limit = tv_field(m, "limit", tv_scalar(IR_SCALAR_INT_UNSECURE), true, false);
    limit->default_value = tv_int(pool, 20);
    return m;
}

static tv_mismatches check_model_json(const ir_model *m, const char *json)
{
    tv_mismatches r;
    memset(&r, 0, sizeof r);
    size_t n = value_check_model_at(m, tv_json(pool, json), tv_record_at, &r);
    CU_ASSERT_EQUAL(n, r.count);
    return r;
}

static void test_model_valid_value(void)
{
    tv_mismatches r = check_model_json(connection_model(),
        "{\"id\":\"conn-1\",\"status\":\"CONNECTED\",\"connectedAt\":\"2025-01-01T12:00:00Z\","
        "\"tags\":[\"a\",\"b\"],\"owner\":{\"id\":\"u1\",\"email\":\"a@b.co\"},"
        "\"credentials\":null,\"limit\":5}");
    CU_ASSERT_EQUAL(r.count, 0);
}

static void test_model_missing_required(void)
{
    ir_model *m = connection_model();
    tv_mismatches r = check_model_json(m, "{\"status\":\"PENDING\"}");
    CU_ASSERT_EQUAL(r.count, 2);
    CU_ASSERT_TRUE(tv_has(&r, "", "missing required field 'id'"));
    CU_ASSERT_TRUE(tv_has(&r, "", "missing required field 'owner'"));
    /* reported at the object itself */
    CU_ASSERT_EQUAL(r.loc[0].line, tv_last_json()->loc.line);
    CU_ASSERT_EQUAL(r.loc[0].col, 10);
}

static void test_model_enum_value(void)
{
    tv_mismatches r = check_model_json(connection_model(),
        "{\"id\":\"c\",\"status\":\"connected\",\"owner\":{\"id\":\"u\"}}");
    CU_ASSERT_EQUAL(r.count, 1);
    CU_ASSERT_TRUE(tv_has(&r, "/status",
                          "'connected' is not a ConnectionStatus value (PENDING, CONNECTED, "
                          "DISCONNECTED, ERROR, EXPIRED); did you mean 'CONNECTED'?"));
    r = check_model_json(connection_model(), "{\"id\":\"c\",\"status\":3,\"owner\":{\"id\":\"u\"}}");
    CU_ASSERT_TRUE(tv_has(&r, "/status", "expected a ConnectionStatus value (a string), got an integer"));
    r = check_model_json(connection_model(),
                         "{\"id\":\"c\",\"status\":\"GONE\",\"owner\":{\"id\":\"u\"}}");
    CU_ASSERT_TRUE(tv_has(&r, "/status",
                          "'GONE' is not a ConnectionStatus value (PENDING, CONNECTED, "
                          "DISCONNECTED, ERROR, EXPIRED)"));
}

static void test_model_null_only_for_json(void)
{
    tv_mismatches r = check_model_json(connection_model(),
        "{\"id\":null,\"status\":\"ERROR\",\"owner\":{\"id\":\"u\"},\"connectedAt\":null,"
        "\"credentials\":null}");
    CU_ASSERT_EQUAL(r.count, 2);
    CU_ASSERT_TRUE(tv_has(&r, "/id", "String_unsecure: expected a string, got null"));
    /* optional means "may be absent", not "may be null" */
    CU_ASSERT_TRUE(tv_has(&r, "/connectedAt",
                          "DateTime: expected an RFC 3339 date-time (YYYY-MM-DDThh:mm:ssZ), got null"));
}

static void test_model_json_field_must_be_present(void)
{
    ir_model *m = tv_model(pool, "Blob", 1);
    tv_field(m, "payload", tv_scalar(IR_SCALAR_JSON), false, false);
    tv_mismatches r = check_model_json(m, "{}");
    CU_ASSERT_TRUE(tv_has(&r, "", "missing required field 'payload'"));
    r = check_model_json(m, "{\"payload\":null}");
    CU_ASSERT_EQUAL(r.count, 0);
}

static void test_model_arrays(void)
{
    tv_mismatches r = check_model_json(connection_model(),
        "{\"id\":\"c\",\"status\":\"ERROR\",\"owner\":{\"id\":\"u\"},\"tags\":[\"ok\",\"\",null,7]}");
    CU_ASSERT_EQUAL(r.count, 3);
    CU_ASSERT_TRUE(tv_has(&r, "/tags/1", "NonEmptyString: expected a non-empty string"));
    CU_ASSERT_TRUE(tv_has(&r, "/tags/2", "NonEmptyString: expected a non-empty string, got null"));
    CU_ASSERT_TRUE(tv_has(&r, "/tags/3", "NonEmptyString: expected a non-empty string, got an integer"));
    r = check_model_json(connection_model(),
                         "{\"id\":\"c\",\"status\":\"ERROR\",\"owner\":{\"id\":\"u\"},\"tags\":\"x\"}");
    CU_ASSERT_TRUE(tv_has(&r, "/tags", "expected an array of NonEmptyString, got a string"));
}

static void test_model_unknown_fields(void)
{
    tv_mismatches r = check_model_json(connection_model(),
        "{\"id\":\"c\",\"status\":\"ERROR\",\"owner\":{\"id\":\"u\",\"emial\":\"a@b.co\"},"
        "\"stauts\":\"x\",\"zzz\":1}");
    CU_ASSERT_EQUAL(r.count, 3);
    CU_ASSERT_TRUE(tv_has(&r, "/owner/emial",
                          "unknown field 'emial' (not in model OwnerModel); did you mean 'email'?"));
    CU_ASSERT_TRUE(tv_has(&r, "/stauts",
                          "unknown field 'stauts' (not in model ConnectionModel); did you mean 'status'?"));
    CU_ASSERT_TRUE(tv_has(&r, "/zzz", "unknown field 'zzz' (not in model ConnectionModel)"));
    /* unknown fields point at the key (column 2), others at the value */
    for (size_t i = 0; i < r.count; i++)
        CU_ASSERT_EQUAL(r.loc[i].col, 2);
}

static void add_member(ir_value *object, const char *key, ir_value *value)
{
    object->members[object->count].key.text = tv_strdup(pool, key);
    object->members[object->count].value = value;
    object->count++;
}

/* Enough fields and keys, in other orders, that lookups go by name: a
 * duplicate key is checked by its first occurrence, and reports come in
 * field order (missing fields), then key order (unknown keys). */
static void test_model_many_fields(void)
{
    enum { FIELDS = 300 };
    ir_model *m = tv_model(pool, "Wide", FIELDS);
    char name[16];
    for (int i = 0; i < FIELDS; i++) {
        snprintf(name, sizeof name, "f%03d", i);
        tv_field(m, tv_strdup(pool, name), tv_scalar(IR_SCALAR_STRING_UNSECURE), false, false);
    }
    ir_value *object = tv_json(pool, "{}");
    object->members = tv_alloc(pool, (FIELDS + 1) * sizeof *object->members);
    for (int i = FIELDS - 1; i >= 0; i--) {
        snprintf(name, sizeof name, "f%03d", i);
        if (i != 7 && i != 150)
            add_member(object, name, tv_string(pool, "x"));
    }
    add_member(object, "zz1", tv_string(pool, "x"));
    add_member(object, "f010", tv_int(pool, 1));   /* the second f010: not the one checked */
    add_member(object, "aa2", tv_string(pool, "x"));
    tv_mismatches r;
    memset(&r, 0, sizeof r);
    CU_ASSERT_EQUAL(value_check_model(m, object, tv_record, &r), 4);
    CU_ASSERT_EQUAL(r.count, 4);
    CU_ASSERT_STRING_EQUAL(r.reason[0], "missing required field 'f007'");
    CU_ASSERT_STRING_EQUAL(r.reason[1], "missing required field 'f150'");
    CU_ASSERT_STRING_EQUAL(r.path[2], "/zz1");
    CU_ASSERT_STRING_EQUAL(r.path[3], "/aa2");
}

static void test_model_nested_paths_and_default(void)
{
    /* limit has a default, so it may be absent although not optional */
    ir_model *m = connection_model();
    m->fields[6].is_optional = false;
    tv_mismatches r = check_model_json(m,
        "{\"id\":\"c\",\"status\":\"ERROR\",\"owner\":{\"id\":5,\"email\":\"a@localhost\"}}");
    CU_ASSERT_EQUAL(r.count, 2);
    CU_ASSERT_TRUE(tv_has(&r, "/owner/id", "ID: expected a string, got an integer"));
    CU_ASSERT_TRUE(tv_has(&r, "/owner/email", "EmailAddress: expected an email address (name@example.com)"));
    r = check_model_json(m, "{\"id\":\"c\",\"status\":\"ERROR\",\"owner\":[]}");
    CU_ASSERT_TRUE(tv_has(&r, "/owner", "expected an object (model OwnerModel), got an array"));
}

static void test_model_recursion_is_bounded(void)
{
    /* Node {next?: Node}: a value nested 200 deep stops at the bound */
    ir_model *node = tv_model(pool, "Node", 1);
    tv_field(node, "next", tv_model_ref(node), true, false);
    ir_value *v = tv_json(pool, "{}");
    for (int i = 0; i < 200; i++) {
        ir_value *outer = tv_json(pool, "{\"next\":{}}");
        outer->members[0].value = v;
        v = outer;
    }
    tv_mismatches r;
    memset(&r, 0, sizeof r);
    CU_ASSERT_EQUAL(value_check_model_at(node, v, tv_record_at, &r), 1);
    CU_ASSERT_STRING_EQUAL(r.reason[0], "nested deeper than 128 levels; not checked further");
    CU_ASSERT_EQUAL(strlen(r.path[0]), 128 * strlen("/next"));
}

static void test_type_entry_points(void)
{
    ir_type_ref t = tv_scalar(IR_SCALAR_INT_UNSECURE);
    tv_mismatches r;
    memset(&r, 0, sizeof r);
    CU_ASSERT_EQUAL(value_check_type(&t, false, tv_json(pool, "\"20\""), tv_record, &r), 1);
    CU_ASSERT_TRUE(tv_has(&r, "", "Int_unsecure: expected an integer, got a string"));
    memset(&r, 0, sizeof r);
    CU_ASSERT_EQUAL(value_check_type(&t, true, tv_json(pool, "[1, 2.5, 3]"), tv_record, &r), 1);
    CU_ASSERT_TRUE(tv_has(&r, "/1", "Int_unsecure: expected an integer, not a fraction"));
    ir_type_ref unresolved;
    memset(&unresolved, 0, sizeof unresolved);
    unresolved.name.text = "Nope";
    CU_ASSERT_EQUAL(value_check_type(&unresolved, false, tv_json(pool, "1"), tv_record, &r), 0);
    ir_type_ref e = tv_enum_ref(status_enum());
    CU_ASSERT_EQUAL(value_check_type(&e, false, tv_json(pool, "\"EXPIRED\""), tv_record, &r), 0);
    /* echoing: long values are described, never printed */
    memset(&r, 0, sizeof r);
    value_check_type(&e, false, tv_string(pool, "sk_live_0123456789abcdefghijklmnopqrstuv"), tv_record, &r);
    CU_ASSERT_TRUE(tv_has(&r, "", "a string of 40 characters is not a ConnectionStatus value "
                                  "(PENDING, CONNECTED, DISCONNECTED, ERROR, EXPIRED)"));
}

static void test_path_escaping(void)
{
    ir_model *m = tv_model(pool, "M", 1);
    tv_field(m, "a/b", tv_scalar(IR_SCALAR_BOOLEAN), false, false);
    tv_mismatches r = check_model_json(m, "{\"a/b\":1,\"c~d\":2}");
    CU_ASSERT_TRUE(tv_has(&r, "/a~1b", "Boolean: expected true or false, got an integer"));
    CU_ASSERT_TRUE(tv_has(&r, "/c~0d", "unknown field 'c~d' (not in model M)"));
}

static void test_long_names_are_cut_on_character_boundaries(void)
{
    /* 40 two-byte characters: the message keeps 64 bytes, 32 characters */
    char json[256] = "{\"";
    for (int i = 0; i < 40; i++)
        strcat(json, "\xc3\xa9");
    strcat(json, "\":1}");
    ir_model *m = tv_model(pool, "M", 0);
    tv_mismatches r = check_model_json(m, json);
    CU_ASSERT_EQUAL_FATAL(r.count, 1);
    char expected[256] = "unknown field '";
    for (int i = 0; i < 32; i++)
        strcat(expected, "\xc3\xa9");
    strcat(expected, "' (not in model M)");
    CU_ASSERT_STRING_EQUAL(r.reason[0], expected);
    /* an odd limit backs off to the previous boundary */
    CU_ASSERT_EQUAL(utf8_fit("\xc3\xa9\xc3\xa9", 3), 2);
    CU_ASSERT_EQUAL(utf8_fit("abc", 3), 3);
    CU_ASSERT_EQUAL(utf8_fit("abcd", 3), 3);
}

/* ------------------------------------------------------------- schemas */

static tv_mismatches check_schema_json(const ir_schema *s, const char *json)
{
    tv_mismatches r;
    memset(&r, 0, sizeof r);
    size_t n = value_check_schema_at(s, tv_json(pool, json), tv_record_at, &r);
    CU_ASSERT_EQUAL(n, r.count);
    return r;
}

/* {type: object, required: [apiKey], properties: {apiKey: {type: string,
 *  minLength: 3}, accountId: {type: string, pattern: ^acct_}, region:
 *  {enum: [eu, us]}, retries: {type: integer, minimum: 0, maximum: 5},
 *  ratio: {type: number, exclusiveMaximum: 1}, scopes: {type: array,
 *  items: {type: string}, minItems: 1, maxItems: 2}, hook: {type: string,
 *  format: uri}}} */
static ir_schema *secret_schema(void)
{
    ir_schema *root = tv_schema(pool, IR_SCHEMA_OBJECT, 8);
    ir_schema *api_key = tv_schema(pool, IR_SCHEMA_STRING, 0);
    api_key->min_length = (ir_opt_int){true, 3, {NULL, 0, 0}};
    tv_property(root, "apiKey", api_key);
    ir_schema *account = tv_schema(pool, IR_SCHEMA_STRING, 0);
    account->pattern.text = "^acct_[A-Za-z0-9]+$";
    tv_property(root, "accountId", account);
    ir_schema *region = tv_schema(pool, IR_SCHEMA_ANY, 0);
    region->enum_values = tv_json(pool, "[\"eu\", \"us\"]");
    tv_property(root, "region", region);
    ir_schema *retries = tv_schema(pool, IR_SCHEMA_INTEGER, 0);
    retries->minimum = (ir_opt_number){true, 0, true, {NULL, 0, 0}};
    retries->maximum = (ir_opt_number){true, 5, true, {NULL, 0, 0}};
    tv_property(root, "retries", retries);
    ir_schema *ratio = tv_schema(pool, IR_SCHEMA_NUMBER, 0);
    ratio->exclusive_maximum = (ir_opt_number){true, 1, true, {NULL, 0, 0}};
    tv_property(root, "ratio", ratio);
    ir_schema *scopes = tv_schema(pool, IR_SCHEMA_ARRAY, 0);
    scopes->items = tv_schema(pool, IR_SCHEMA_STRING, 0);
    scopes->min_items = (ir_opt_int){true, 1, {NULL, 0, 0}};
    scopes->max_items = (ir_opt_int){true, 2, {NULL, 0, 0}};
    tv_property(root, "scopes", scopes);
    ir_schema *hook = tv_schema(pool, IR_SCHEMA_STRING, 0);
    hook->format.text = "uri";
    tv_property(root, "hook", hook);
    static const char *const required[] = {"apiKey"};
    tv_require(pool, root, required, 1);
    return root;
}

static void test_schema_valid(void)
{
    tv_mismatches r = check_schema_json(secret_schema(),
        "{\"apiKey\":\"sk_live_***\",\"accountId\":\"acct_123\",\"region\":\"eu\",\"retries\":5,"
        "\"ratio\":0.5,\"scopes\":[\"a\",\"b\"],\"hook\":\"https://x.example/h\"}");
    CU_ASSERT_EQUAL(r.count, 0);
}

static void test_schema_each_keyword(void)
{
    tv_mismatches r = check_schema_json(secret_schema(),
        "{\"apiKey\":\"ab\",\"accountId\":\"acc_1\",\"region\":\"EU\",\"retries\":6,"
        "\"ratio\":1,\"scopes\":[],\"hook\":\"nope\"}");
    CU_ASSERT_EQUAL(r.count, 7);
    CU_ASSERT_TRUE(tv_has(&r, "/apiKey", "expected at least 3 characters, got 2"));
    CU_ASSERT_TRUE(tv_has(&r, "/accountId", "does not match pattern '^acct_[A-Za-z0-9]+$'"));
    CU_ASSERT_TRUE(tv_has(&r, "/region", "'EU' is not one of the allowed values (eu, us); did you mean 'eu'?"));
    CU_ASSERT_TRUE(tv_has(&r, "/retries", "6 is above the maximum 5"));
    CU_ASSERT_TRUE(tv_has(&r, "/ratio", "1 is above the maximum 1 (exclusive)"));
    CU_ASSERT_TRUE(tv_has(&r, "/scopes", "expected at least 1 items, got 0"));
    CU_ASSERT_TRUE(tv_has(&r, "/hook", "expected a URL with a scheme (format uri)"));
}

static void test_schema_types_required_unknown(void)
{
    tv_mismatches r = check_schema_json(secret_schema(),
        "{\"apikey\":\"abc\",\"retries\":1.5,\"scopes\":[\"a\",2,\"c\"],\"hook\":7}");
    CU_ASSERT_TRUE(tv_has(&r, "", "missing required field 'apiKey'"));
    CU_ASSERT_TRUE(tv_has(&r, "/apikey",
                          "unknown field 'apikey' (not in the schema's properties); did you mean 'apiKey'?"));
    CU_ASSERT_TRUE(tv_has(&r, "/retries", "expected an integer, got a number"));
    CU_ASSERT_TRUE(tv_has(&r, "/scopes", "expected at most 2 items, got 3"));
    CU_ASSERT_TRUE(tv_has(&r, "/scopes/1", "expected a string, got an integer"));
    CU_ASSERT_TRUE(tv_has(&r, "/hook", "expected a string, got an integer"));
    CU_ASSERT_EQUAL(r.count, 6);
    r = check_schema_json(secret_schema(), "[]");
    CU_ASSERT_EQUAL(r.count, 1);
    CU_ASSERT_TRUE(tv_has(&r, "", "expected an object, got an array"));
}

static void test_schema_additional_properties(void)
{
    ir_schema *map = tv_schema(pool, IR_SCHEMA_OBJECT, 0);
    map->additional_properties = tv_schema(pool, IR_SCHEMA_STRING, 0);
    tv_mismatches r = check_schema_json(map, "{\"a\":\"x\",\"b\":2}");
    CU_ASSERT_EQUAL(r.count, 1);
    CU_ASSERT_TRUE(tv_has(&r, "/b", "expected a string, got an integer"));
    ir_schema *open = tv_schema(pool, IR_SCHEMA_OBJECT, 1);
    tv_property(open, "a", tv_schema(pool, IR_SCHEMA_ANY, 0));
    open->additional_properties_allowed = (ir_opt_bool){true, true, {NULL, 0, 0}};
    CU_ASSERT_EQUAL(check_schema_json(open, "{\"z\":1}").count, 0);
    open->additional_properties_allowed.value = false;
    r = check_schema_json(open, "{\"zz\":1}");
    CU_ASSERT_TRUE(tv_has(&r, "/zz", "unknown field 'zz' (not in the schema's properties)"));
    /* an object without properties is a free map */
    CU_ASSERT_EQUAL(check_schema_json(tv_schema(pool, IR_SCHEMA_OBJECT, 0), "{\"q\":1}").count, 0);
}

static void test_schema_const_format_lengths(void)
{
    ir_schema *s = tv_schema(pool, IR_SCHEMA_STRING, 0);
    s->const_value = tv_json(pool, "\"v1\"");
    tv_mismatches r = check_schema_json(s, "\"v2\"");
    CU_ASSERT_TRUE(tv_has(&r, "", "expected the constant value v1"));
    ir_schema *len = tv_schema(pool, IR_SCHEMA_STRING, 0);
    len->max_length = (ir_opt_int){true, 3, {NULL, 0, 0}};
    /* three code points, six bytes */
    CU_ASSERT_EQUAL(check_schema_json(len, "\"\xc3\xa9\xc3\xa9\xc3\xa9\"").count, 0);
    r = check_schema_json(len, "\"abcd\"");
    CU_ASSERT_TRUE(tv_has(&r, "", "expected at most 3 characters, got 4"));
    static const struct { const char *format, *good, *bad, *reason; } formats[] = {
        {"email", "\"a@b.co\"", "\"a@localhost\"", "expected an email address (format email)"},
        {"date", "\"2024-02-29\"", "\"2023-02-29\"", "expected a calendar date YYYY-MM-DD (format date)"},
        {"date-time", "\"2025-01-01T00:00:00Z\"", "\"2025-01-01\"",
         "expected an RFC 3339 date-time (format date-time)"},
        {"uuid", "\"123e4567-e89b-12d3-a456-426614174000\"", "\"123e4567e89b12d3a456426614174000\"",
         "expected a UUID (8-4-4-4-12 hex digits) (format uuid)"},
        {"hostname", "\"x\"", NULL, NULL},   /* unknown formats only annotate */
    };
    for (size_t i = 0; i < sizeof formats / sizeof formats[0]; i++) {
        ir_schema *f = tv_schema(pool, IR_SCHEMA_STRING, 0);
        f->format.text = formats[i].format;
        CU_ASSERT_EQUAL(check_schema_json(f, formats[i].good).count, 0);
        if (formats[i].bad) {
            r = check_schema_json(f, formats[i].bad);
            CU_ASSERT_TRUE(tv_has(&r, "", formats[i].reason));
        }
    }
}

static void test_schema_bad_pattern_is_reported(void)
{
    ir_schema *s = tv_schema(pool, IR_SCHEMA_STRING, 0);
    s->pattern.text = "([a-z";
    tv_mismatches r = check_schema_json(s, "\"abc\"");
    CU_ASSERT_EQUAL(r.count, 1);
    CU_ASSERT_TRUE(tv_has(&r, "", "cannot check pattern '([a-z': not a valid POSIX extended "
                                  "regular expression"));
    /* patterns search, as in JSON Schema: no implicit anchors */
    s->pattern.text = "[0-9]";
    CU_ASSERT_EQUAL(check_schema_json(s, "\"ab5cd\"").count, 0);
}

static void test_schema_ref_and_numbers(void)
{
    ir_schema *s = tv_schema(pool, IR_SCHEMA_ANY, 0);
    s->ref = tv_enum_ref(status_enum());
    tv_mismatches r = check_schema_json(s, "\"PENDING\"");
    CU_ASSERT_EQUAL(r.count, 0);
    r = check_schema_json(s, "\"pending\"");
    CU_ASSERT_EQUAL(r.count, 1);
    ir_schema *m = tv_schema(pool, IR_SCHEMA_ANY, 0);
    m->ref = tv_model_ref(connection_model());
    r = check_schema_json(m, "{\"id\":\"c\",\"status\":\"ERROR\"}");
    CU_ASSERT_TRUE(tv_has(&r, "", "missing required field 'owner'"));
    ir_schema *n = tv_schema(pool, IR_SCHEMA_NUMBER, 0);
    n->exclusive_minimum = (ir_opt_number){true, 0.1, false, {NULL, 0, 0}};
    n->minimum = (ir_opt_number){true, -1, true, {NULL, 0, 0}};
    r = check_schema_json(n, "0.1");
    CU_ASSERT_TRUE(tv_has(&r, "", "0.1 is below the minimum 0.1 (exclusive)"));
    CU_ASSERT_EQUAL(r.count, 1);
    CU_ASSERT_EQUAL(check_schema_json(n, "0.2").count, 0);
    ir_schema *i = tv_schema(pool, IR_SCHEMA_INTEGER, 0);
    CU_ASSERT_EQUAL(value_check_schema(i, tv_float(pool, 4.0), tv_record, &r), 0);
}

static void test_schema_model_constraints(void)
{
    /* a model given as a schema: the property schema narrows the field */
    ir_model *m = tv_model(pool, "Settings", 2);
    ir_field *name = tv_field(m, "name", tv_scalar(IR_SCALAR_STRING_UNSECURE), false, false);
    ir_schema *name_schema = tv_schema(pool, IR_SCHEMA_STRING, 0);
    name_schema->max_length = (ir_opt_int){true, 4, {NULL, 0, 0}};
    name->constraints = name_schema;
    ir_field *codes = tv_field(m, "codes", tv_scalar(IR_SCALAR_STRING_UNSECURE), true, true);
    ir_schema *codes_schema = tv_schema(pool, IR_SCHEMA_ARRAY, 0);
    codes_schema->items = tv_schema(pool, IR_SCHEMA_STRING, 0);
    codes_schema->items->enum_values = tv_json(pool, "[\"a\",\"b\"]");
    codes_schema->max_items = (ir_opt_int){true, 2, {NULL, 0, 0}};
    codes->constraints = codes_schema;
    m->schema = tv_schema(pool, IR_SCHEMA_OBJECT, 0);
    tv_mismatches r = check_model_json(m, "{\"name\":\"abcdef\",\"codes\":[\"a\",\"c\",\"b\"]}");
    CU_ASSERT_EQUAL(r.count, 3);
    CU_ASSERT_TRUE(tv_has(&r, "/name", "expected at most 4 characters, got 6"));
    CU_ASSERT_TRUE(tv_has(&r, "/codes", "expected at most 2 items, got 3"));
    CU_ASSERT_TRUE(tv_has(&r, "/codes/1", "'c' is not one of the allowed values (a, b)"));
    /* a type mismatch is reported once, not again by the constraints */
    r = check_model_json(m, "{\"name\":12}");
    CU_ASSERT_EQUAL(r.count, 1);
    m->schema->additional_properties_allowed = (ir_opt_bool){true, true, {NULL, 0, 0}};
    CU_ASSERT_EQUAL(check_model_json(m, "{\"name\":\"ok\",\"extra\":1}").count, 0);
}

int main(void)
{
    pool = tv_pool_new();
    static const values_test_case model_tests[] = {
        {"valid value", test_model_valid_value},
        {"missing required", test_model_missing_required},
        {"enum values", test_model_enum_value},
        {"null only for JSON", test_model_null_only_for_json},
        {"JSON field present", test_model_json_field_must_be_present},
        {"isArray", test_model_arrays},
        {"unknown fields", test_model_unknown_fields},
        {"many fields, by name", test_model_many_fields},
        {"nesting and defaults", test_model_nested_paths_and_default},
        {"bounded recursion", test_model_recursion_is_bounded},
        {"type entry points", test_type_entry_points},
        {"path escaping", test_path_escaping},
        {"UTF-8 truncation", test_long_names_are_cut_on_character_boundaries},
        {NULL, NULL},
    };
    static const values_test_case schema_tests[] = {
        {"valid", test_schema_valid},
        {"each keyword", test_schema_each_keyword},
        {"types, required, unknown", test_schema_types_required_unknown},
        {"additionalProperties", test_schema_additional_properties},
        {"const, format, lengths", test_schema_const_format_lengths},
        {"bad pattern", test_schema_bad_pattern_is_reported},
        {"$ref and numbers", test_schema_ref_and_numbers},
        {"schema model constraints", test_schema_model_constraints},
        {NULL, NULL},
    };
    static const values_test_suite suites[] = {
        {"value_check models", model_tests},
        {"value_check schemas", schema_tests},
        {NULL, NULL},
    };
    int status = values_test_run(suites);
    tv_pool_free(pool);
    return status;
}
