/* check_cycles: a cycle of required model fields (neither optional nor an
 * array) describes a value that can never be written down, so it is an
 * error.  Strongly connected components (Tarjan's algorithm, iterative so
 * a long chain of models cannot overflow the stack) find every cycle in
 * linear time; each component is reported once, at the first model of the
 * component in load order, with the shortest cycle through it:
 * "cycle of required model fields: A.b -> B.a -> A". */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"

#define UNVISITED SIZE_MAX

typedef struct graph {
    size_t n;
    size_t *offsets;            /* edges of v: [offsets[v], offsets[v + 1]) */
    size_t *sources;
    size_t *targets;
    const ir_field **fields;    /* the field each edge goes through */
} graph;

typedef struct model_slot {
    uintptr_t model;
    size_t index;
} model_slot;

static int compare_slots(const void *a, const void *b)
{
    uintptr_t x = ((const model_slot *)a)->model, y = ((const model_slot *)b)->model;
    return (x > y) - (x < y);
}

static void *xcalloc(size_t count, size_t size)
{
    void *p = calloc(count ? count : 1, size);
    if (p == NULL) {
        fputs("contractc: out of memory\n", stderr);
        abort();
    }
    return p;
}

static bool is_edge(const ir_field *f)
{
    return f->type.kind == IR_TYPE_MODEL && f->type.model != NULL && !f->is_optional &&
           !f->is_array;
}

static void build_graph(const ir_program *program, graph *g)
{
    size_t n = program->model_count;
    model_slot *slots = xcalloc(n, sizeof *slots);
    for (size_t i = 0; i < n; i++)
        slots[i] = (model_slot){(uintptr_t)program->models[i], i};
    qsort(slots, n, sizeof *slots, compare_slots);
    g->n = n;
    g->offsets = xcalloc(n + 1, sizeof *g->offsets);
    size_t edge_count = 0;
    for (size_t i = 0; i < n; i++) {
        for (size_t f = 0; f < program->models[i]->field_count; f++)
            edge_count += is_edge(&program->models[i]->fields[f]);
    }
    g->sources = xcalloc(edge_count, sizeof *g->sources);
    g->targets = xcalloc(edge_count, sizeof *g->targets);
    g->fields = xcalloc(edge_count, sizeof *g->fields);
    size_t e = 0;
    for (size_t i = 0; i < n; i++) {
        g->offsets[i] = e;
        const ir_model *m = program->models[i];
        for (size_t f = 0; f < m->field_count; f++) {
            if (!is_edge(&m->fields[f]))
                continue;
            model_slot key = {(uintptr_t)m->fields[f].type.model, 0};
            const model_slot *hit = bsearch(&key, slots, n, sizeof *slots, compare_slots);
            if (hit == NULL)
                continue;
            g->sources[e] = i;
            g->targets[e] = hit->index;
            g->fields[e] = &m->fields[f];
            e++;
        }
    }
    g->offsets[n] = e;
    free(slots);
}

static void free_graph(graph *g)
{
    free(g->offsets);
    free(g->sources);
    free(g->targets);
    free(g->fields);
}

static void format_cycle(const ir_program *program, diag_set *diags, const graph *g,
                         size_t start, const size_t *path, size_t length);

/* Breadth-first search from start, inside its component, for the
 * shortest way back to start; reports it. */
static void report_cycle(const ir_program *program, diag_set *diags, const graph *g,
                         const size_t *component, size_t start, size_t *parent_edge,
                         size_t *queue)
{
    size_t head = 0, tail = 0, closing = UNVISITED;
    queue[tail++] = start;
    while (head < tail && closing == UNVISITED) {
        size_t v = queue[head++];
        for (size_t e = g->offsets[v]; e < g->offsets[v + 1]; e++) {
            size_t w = g->targets[e];
            if (component[w] != component[start])
                continue;
            if (w == start) {
                closing = e;
                break;
            }
            if (parent_edge[w] == UNVISITED) {
                parent_edge[w] = e;
                queue[tail++] = w;
            }
        }
    }
    /* In a strongly connected component the search always gets back to
     * start; the test only guards the walk below. */
    if (closing != UNVISITED) {
        /* Walk back from the closing edge to start, collecting edges (in
         * reverse order) after the nodes the search queued. */
        size_t *path = queue + tail;
        size_t length = 0;
        for (size_t e = closing;; e = parent_edge[g->sources[e]]) {
            path[length++] = e;
            if (g->sources[e] == start)
                break;
        }
        format_cycle(program, diags, g, start, path, length);
    }
    /* Leave parent_edge as found: the next component's search starts
     * from a clean slate without an O(n) reset. */
    for (size_t i = 0; i < tail; i++)
        parent_edge[queue[i]] = UNVISITED;
}

static void format_cycle(const ir_program *program, diag_set *diags, const graph *g,
                         size_t start, const size_t *path, size_t length)
{
    /* path holds the edges last to first.  A long cycle shows its first
     * and last few steps around a count of the ones left out. */
    enum { HEAD = 5, TAIL = 4 };
    bool elide = length > HEAD + TAIL + 1;
    size_t size = 64 + strlen(program->models[start]->name.text);
    for (size_t i = 0; i < length; i++)
        size += strlen(program->models[g->sources[path[i]]]->name.text) +
                strlen(g->fields[path[i]]->name.text) + sizeof ". -> ";
    char *text = xcalloc(size, 1);
    size_t used = 0;
    for (size_t step = 0; step < length; step++) {
        if (elide && step == HEAD) {
            int n = snprintf(text + used, size - used, "... (%zu more) -> ",
                             length - HEAD - TAIL);
            used += n > 0 ? (size_t)n : 0;
            step = length - TAIL - 1;
            continue;
        }
        size_t e = path[length - 1 - step];
        int n = snprintf(text + used, size - used, "%s.%s -> ",
                         program->models[g->sources[e]]->name.text, g->fields[e]->name.text);
        used += n > 0 ? (size_t)n : 0;
    }
    snprintf(text + used, size - used, "%s", program->models[start]->name.text);
    diag_error(diags, g->fields[path[length - 1]]->loc,
               "cycle of required model fields: %s (make one of them optional or an array)",
               text);
    free(text);
}

typedef struct frame {
    size_t v;
    size_t next_edge;
} frame;

void check_cycles(ir_program *program, diag_set *diags)
{
    graph g;
    build_graph(program, &g);
    size_t n = g.n;
    size_t *order = xcalloc(n, sizeof *order);     /* Tarjan's index */
    size_t *low = xcalloc(n, sizeof *low);
    size_t *component = xcalloc(n, sizeof *component);
    bool *on_stack = xcalloc(n, sizeof *on_stack);
    size_t *stack = xcalloc(n, sizeof *stack);
    frame *frames = xcalloc(n, sizeof *frames);
    size_t *scratch_parent = xcalloc(n, sizeof *scratch_parent);
    size_t *scratch_queue = xcalloc(2 * n + 1, sizeof *scratch_queue);
    size_t counter = 0, components = 0, depth = 0, top = 0;
    for (size_t v = 0; v < n; v++)
        order[v] = component[v] = scratch_parent[v] = UNVISITED;

    for (size_t root = 0; root < n; root++) {
        if (order[root] != UNVISITED)
            continue;
        order[root] = low[root] = counter++;
        stack[top++] = root;
        on_stack[root] = true;
        frames[depth++] = (frame){root, g.offsets[root]};
        while (depth > 0) {
            frame *f = &frames[depth - 1];
            size_t v = f->v;
            if (f->next_edge < g.offsets[v + 1]) {
                size_t w = g.targets[f->next_edge++];
                if (order[w] == UNVISITED) {
                    order[w] = low[w] = counter++;
                    stack[top++] = w;
                    on_stack[w] = true;
                    frames[depth++] = (frame){w, g.offsets[w]};
                } else if (on_stack[w] && order[w] < low[v]) {
                    low[v] = order[w];
                }
                continue;
            }
            depth--;
            if (depth > 0 && low[v] < low[frames[depth - 1].v])
                low[frames[depth - 1].v] = low[v];
            if (low[v] != order[v])
                continue;
            /* v roots a component: pop it, remembering its first model. */
            size_t first = v, size = 0;
            size_t w;
            do {
                w = stack[--top];
                on_stack[w] = false;
                component[w] = components;
                if (w < first)
                    first = w;
                size++;
            } while (w != v);
            bool self_loop = false;
            for (size_t e = g.offsets[v]; e < g.offsets[v + 1] && size == 1; e++)
                self_loop |= g.targets[e] == v;
            if (size > 1 || self_loop)
                report_cycle(program, diags, &g, component, first, scratch_parent,
                             scratch_queue);
            components++;
        }
    }
    free(order);
    free(low);
    free(component);
    free(on_stack);
    free(stack);
    free(frames);
    free(scratch_parent);
    free(scratch_queue);
    free_graph(&g);
}
