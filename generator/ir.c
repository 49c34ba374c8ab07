/* ir: allocation, appending and indexes of the in-memory model (ir.h).
 *
 * Every node and string lives in one arena owned by the program; the
 * top-level entity lists and the hash indexes are malloc'd arrays owned by
 * the private part and released by ir_program_free(). */
#include "ir.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "ir_index.h"

struct ir_program_private {
    arena *arena;
    size_t integration_capacity;
    size_t operation_capacity;
    size_t event_capacity;
    size_t model_capacity;
    size_t enum_capacity;
    ir_index integrations;
    ir_index operations;
    ir_index events;
    ir_index models;
    ir_index enums;
};

static void out_of_memory(void)
{
    fputs("contractc: out of memory\n", stderr);
    abort();
}

ir_program *ir_program_new(void)
{
    ir_program *program = calloc(1, sizeof *program);
    if (program == NULL)
        out_of_memory();
    program->priv = calloc(1, sizeof *program->priv);
    if (program->priv == NULL)
        out_of_memory();
    program->priv->arena = arena_new();
    if (program->priv->arena == NULL)
        out_of_memory();
    return program;
}

static void clear_indexes(struct ir_program_private *priv)
{
    ir_index_clear(&priv->integrations);
    ir_index_clear(&priv->operations);
    ir_index_clear(&priv->events);
    ir_index_clear(&priv->models);
    ir_index_clear(&priv->enums);
}

void ir_program_free(ir_program *program)
{
    if (program == NULL)
        return;
    clear_indexes(program->priv);
    arena_free(program->priv->arena);
    free(program->priv);
    free(program->integrations);
    free(program->operations);
    free(program->events);
    free(program->models);
    free(program->enums);
    free(program);
}

void *ir_alloc(ir_program *program, size_t size)
{
    void *p = arena_zalloc(program->priv->arena, size);
    if (p == NULL)
        out_of_memory();
    return p;
}

const char *ir_strndup(ir_program *program, const char *text, size_t len)
{
    char *p = arena_strndup(program->priv->arena, text, len);
    if (p == NULL)
        out_of_memory();
    return p;
}

const char *ir_strdup(ir_program *program, const char *text)
{
    return text ? ir_strndup(program, text, strlen(text)) : NULL;
}

const char *ir_printf(ir_program *program, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int len = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (len < 0)
        return ir_strdup(program, "");
    char *p = arena_alloc(program->priv->arena, (size_t)len + 1);
    if (p == NULL)
        out_of_memory();
    va_start(ap, fmt);
    vsnprintf(p, (size_t)len + 1, fmt, ap);
    va_end(ap);
    return p;
}

const char *ir_canonical_id(ir_program *program, const char *key, const char *version)
{
    return ir_printf(program, "%s.v%s", key, version);
}

/* Makes room for one more pointer in a growable array of `*capacity`
 * elements of `elem_size` bytes; returns the (possibly moved) array. */
static void *reserve(void *items, size_t count, size_t *capacity, size_t elem_size)
{
    if (count < *capacity)
        return items;
    size_t new_capacity = *capacity ? *capacity * 2 : 16;
    void *grown = realloc(items, new_capacity * elem_size);
    if (grown == NULL)
        out_of_memory();
    *capacity = new_capacity;
    return grown;
}

#define IR_APPEND(program, list, count, capacity, type)                                  \
    do {                                                                                \
        (program)->list = reserve((program)->list, (program)->count,                    \
                                  &(program)->priv->capacity, sizeof *(program)->list); \
        entity = ir_alloc((program), sizeof(type));                                     \
        (program)->list[(program)->count++] = entity;                                   \
    } while (0)

ir_integration *ir_add_integration(ir_program *program)
{
    ir_integration *entity;
    IR_APPEND(program, integrations, integration_count, integration_capacity, ir_integration);
    return entity;
}

ir_operation *ir_add_operation(ir_program *program)
{
    ir_operation *entity;
    IR_APPEND(program, operations, operation_count, operation_capacity, ir_operation);
    return entity;
}

ir_event *ir_add_event(ir_program *program)
{
    ir_event *entity;
    IR_APPEND(program, events, event_count, event_capacity, ir_event);
    return entity;
}

ir_model *ir_add_model(ir_program *program)
{
    ir_model *entity;
    IR_APPEND(program, models, model_count, model_capacity, ir_model);
    return entity;
}

ir_enum *ir_add_enum(ir_program *program)
{
    ir_enum *entity;
    IR_APPEND(program, enums, enum_count, enum_capacity, ir_enum);
    return entity;
}

/* ---------------------------------------------------------------- indexes */

static void index_one(ir_index *index, const char *key, void *entity, ir_entity_kind kind,
                      ir_duplicate_fn report, void *user)
{
    if (key == NULL)
        return;
    void *first = ir_index_put(index, key, entity);
    if (first != NULL && report != NULL)
        report(user, kind, first, entity);
}

void ir_program_index_report(ir_program *program, ir_duplicate_fn report, void *user)
{
    struct ir_program_private *priv = program->priv;
    clear_indexes(priv);
    for (size_t i = 0; i < program->integration_count; i++)
        index_one(&priv->integrations, program->integrations[i]->meta.canonical_id,
                  program->integrations[i], IR_ENTITY_INTEGRATION, report, user);
    for (size_t i = 0; i < program->operation_count; i++)
        index_one(&priv->operations, program->operations[i]->meta.canonical_id,
                  program->operations[i], IR_ENTITY_OPERATION, report, user);
    for (size_t i = 0; i < program->event_count; i++)
        index_one(&priv->events, program->events[i]->meta.canonical_id, program->events[i],
                  IR_ENTITY_EVENT, report, user);
    for (size_t i = 0; i < program->model_count; i++)
        index_one(&priv->models, program->models[i]->name.text, program->models[i],
                  IR_ENTITY_MODEL, report, user);
    for (size_t i = 0; i < program->enum_count; i++)
        index_one(&priv->enums, program->enums[i]->name.text, program->enums[i], IR_ENTITY_ENUM,
                  report, user);
}

void ir_program_index(ir_program *program)
{
    ir_program_index_report(program, NULL, NULL);
}

ir_model *ir_find_model(const ir_program *program, const char *name)
{
    return ir_index_get(&program->priv->models, name);
}

ir_enum *ir_find_enum(const ir_program *program, const char *name)
{
    return ir_index_get(&program->priv->enums, name);
}

/* Looks up "KEY.vVERSION" without allocating in the common case. */
static void *find_by_identity(const ir_index *index, const char *key, const char *version)
{
    if (key == NULL || version == NULL)
        return NULL;
    char small[256];
    size_t key_len = strlen(key), version_len = strlen(version);
    size_t len = key_len + 2 + version_len;
    char *buf = len < sizeof small ? small : malloc(len + 1);
    if (buf == NULL)
        out_of_memory();
    memcpy(buf, key, key_len);
    memcpy(buf + key_len, ".v", 2);
    memcpy(buf + key_len + 2, version, version_len + 1);
    void *found = ir_index_get(index, buf);
    if (buf != small)
        free(buf);
    return found;
}

ir_event *ir_find_event(const ir_program *program, const char *key, const char *version)
{
    return find_by_identity(&program->priv->events, key, version);
}

ir_integration *ir_find_integration(const ir_program *program, const char *key,
                                    const char *version)
{
    return find_by_identity(&program->priv->integrations, key, version);
}

ir_operation *ir_find_operation(const ir_program *program, const char *key, const char *version)
{
    return find_by_identity(&program->priv->operations, key, version);
}
