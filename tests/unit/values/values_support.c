#include "values_support.h"

#include <cjson/cJSON.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct block {
    struct block *next;
    max_align_t data[];
};

struct tv_pool {
    struct block *blocks;
    unsigned next_line;
};

tv_pool *tv_pool_new(void)
{
    tv_pool *pool = calloc(1, sizeof *pool);
    if (!pool)
        abort();
    pool->next_line = 1;
    return pool;
}

void tv_pool_free(tv_pool *pool)
{
    if (!pool)
        return;
    for (struct block *b = pool->blocks, *next; b; b = next) {
        next = b->next;
        free(b);
    }
    free(pool);
}

void *tv_alloc(tv_pool *pool, size_t size)
{
    struct block *b = calloc(1, sizeof *b + size);
    if (!b)
        abort();
    b->next = pool->blocks;
    pool->blocks = b;
    return b->data;
}

const char *tv_strdup(tv_pool *pool, const char *s)
{
    size_t n = strlen(s);
    char *copy = tv_alloc(pool, n + 1);
    memcpy(copy, s, n + 1);
    return copy;
}

static ir_value *new_value(tv_pool *pool, ir_value_kind kind)
{
    ir_value *v = tv_alloc(pool, sizeof *v);
    v->kind = kind;
    v->loc = (src_loc){"t.json", pool->next_line++, 10};
    return v;
}

ir_value *tv_string(tv_pool *pool, const char *s)
{
    ir_value *v = new_value(pool, IR_VALUE_STRING);
    v->string_value = tv_strdup(pool, s);
    v->string_len = strlen(s);
    return v;
}

ir_value *tv_int(tv_pool *pool, long long n)
{
    ir_value *v = new_value(pool, IR_VALUE_INT);
    v->int_value = n;
    v->float_value = (double)n;
    return v;
}

ir_value *tv_float(tv_pool *pool, double d)
{
    ir_value *v = new_value(pool, IR_VALUE_FLOAT);
    v->float_value = d;
    return v;
}

static ir_value *from_cjson(tv_pool *pool, const cJSON *j)
{
    if (cJSON_IsNull(j))
        return new_value(pool, IR_VALUE_NULL);
    if (cJSON_IsBool(j)) {
        ir_value *v = new_value(pool, IR_VALUE_BOOL);
        v->bool_value = cJSON_IsTrue(j);
        return v;
    }
    if (cJSON_IsNumber(j)) {
        double d = j->valuedouble;
        if (isfinite(d) && floor(d) == d && fabs(d) < 9.2e18)
            return tv_int(pool, (long long)d);
        return tv_float(pool, d);
    }
    if (cJSON_IsString(j))
        return tv_string(pool, j->valuestring);
    size_t n = (size_t)cJSON_GetArraySize(j);
    if (cJSON_IsArray(j)) {
        ir_value *v = new_value(pool, IR_VALUE_ARRAY);
        v->items = tv_alloc(pool, (n ? n : 1) * sizeof *v->items);
        size_t i = 0;
        for (const cJSON *item = j->child; item; item = item->next)
            v->items[i++] = from_cjson(pool, item);
        v->count = n;
        return v;
    }
    ir_value *v = new_value(pool, IR_VALUE_OBJECT);
    v->members = tv_alloc(pool, (n ? n : 1) * sizeof *v->members);
    size_t i = 0;
    for (const cJSON *item = j->child; item; item = item->next) {
        unsigned line = pool->next_line;
        v->members[i].key.text = tv_strdup(pool, item->string);
        v->members[i].value = from_cjson(pool, item);
        v->members[i].key.loc = (src_loc){"t.json", line, 2};
        i++;
    }
    v->count = n;
    return v;
}

static const ir_value *last_json;

const ir_value *tv_last_json(void)
{
    return last_json;
}

ir_value *tv_json(tv_pool *pool, const char *json)
{
    cJSON *j = cJSON_Parse(json);
    if (!j) {
        fprintf(stderr, "bad test JSON: %s\n", json);
        abort();
    }
    ir_value *v = from_cjson(pool, j);
    cJSON_Delete(j);
    last_json = v;
    return v;
}

ir_type_ref tv_scalar(ir_scalar scalar)
{
    ir_type_ref t;
    memset(&t, 0, sizeof t);
    t.name.text = ir_scalar_name(scalar);
    t.kind = IR_TYPE_SCALAR;
    t.scalar = scalar;
    return t;
}

ir_type_ref tv_enum_ref(ir_enum *def)
{
    ir_type_ref t;
    memset(&t, 0, sizeof t);
    t.name = def->name;
    t.kind = IR_TYPE_ENUM;
    t.enum_def = def;
    return t;
}

ir_type_ref tv_model_ref(ir_model *model)
{
    ir_type_ref t;
    memset(&t, 0, sizeof t);
    t.name = model->name;
    t.kind = IR_TYPE_MODEL;
    t.model = model;
    return t;
}

ir_enum *tv_enum(tv_pool *pool, const char *name, const char *const *values, size_t count)
{
    ir_enum *e = tv_alloc(pool, sizeof *e);
    e->name.text = tv_strdup(pool, name);
    e->values.items = tv_alloc(pool, (count ? count : 1) * sizeof *e->values.items);
    for (size_t i = 0; i < count; i++)
        e->values.items[i].text = tv_strdup(pool, values[i]);
    e->values.count = count;
    return e;
}

ir_model *tv_model(tv_pool *pool, const char *name, size_t capacity)
{
    ir_model *m = tv_alloc(pool, sizeof *m);
    m->name.text = tv_strdup(pool, name);
    m->fields = tv_alloc(pool, (capacity ? capacity : 1) * sizeof *m->fields);
    return m;
}

ir_field *tv_field(ir_model *model, const char *name, ir_type_ref type, bool optional, bool array)
{
    ir_field *f = &model->fields[model->field_count++];
    f->name.text = name;
    f->type = type;
    f->is_optional = optional;
    f->is_array = array;
    return f;
}

ir_schema *tv_schema(tv_pool *pool, ir_schema_type type, size_t property_capacity)
{
    ir_schema *s = tv_alloc(pool, sizeof *s);
    s->type.value = type;
    if (property_capacity)
        s->properties = tv_alloc(pool, property_capacity * sizeof *s->properties);
    return s;
}

void tv_property(ir_schema *object, const char *name, ir_schema *schema)
{
    ir_schema_property *p = &object->properties[object->property_count++];
    p->name.text = name;
    p->schema = schema;
}

void tv_require(tv_pool *pool, ir_schema *object, const char *const *names, size_t count)
{
    object->required.items = tv_alloc(pool, count * sizeof *object->required.items);
    for (size_t i = 0; i < count; i++)
        object->required.items[i].text = names[i];
    object->required.count = count;
}

void tv_record_at(void *user, src_loc loc, const ir_value *at, const char *path,
                  const char *reason)
{
    tv_mismatches *m = user;
    (void)at;
    if (m->count < TV_MAX_MISMATCHES) {
        snprintf(m->path[m->count], sizeof m->path[0], "%s", path);
        snprintf(m->reason[m->count], sizeof m->reason[0], "%s", reason);
        m->loc[m->count] = loc;
    }
    m->count++;
}

void tv_record(void *user, const ir_value *at, const char *path, const char *reason)
{
    tv_record_at(user, at ? at->loc : (src_loc){NULL, 0, 0}, at, path, reason);
}

bool tv_has(const tv_mismatches *m, const char *path, const char *reason)
{
    for (size_t i = 0; i < m->count && i < TV_MAX_MISMATCHES; i++)
        if (strcmp(m->path[i], path) == 0 && strcmp(m->reason[i], reason) == 0)
            return true;
    fprintf(stderr, "\n  expected mismatch %s: %s; got:\n", path, reason);
    for (size_t i = 0; i < m->count && i < TV_MAX_MISMATCHES; i++)
        fprintf(stderr, "    '%s': %s\n", m->path[i], m->reason[i]);
    return false;
}
