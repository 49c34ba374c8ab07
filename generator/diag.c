/* diag: collect, sort and print compiler diagnostics. */
#include "diag.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

struct diag_set {
    diag *items;
    size_t count;
    size_t capacity;
    size_t next_seq;
    bool werror;
    /* Diagnostics that could not be recorded (out of memory): still
     * counted, so a run that lost an error never looks clean. */
    size_t lost_errors;
    size_t lost_warnings;
    size_t lost_notes;
    bool has_parent;      /* an error or warning exists for notes to attach to */
    size_t last_parent;   /* index of the last error or warning added */
    char **files;         /* interned file names: open addressing, NULL = empty */
    size_t file_count;
    size_t file_slots;    /* 0 or a power of two */
};

diag_set *diag_set_new(void)
{
    return calloc(1, sizeof(diag_set));
}

void diag_set_free(diag_set *set)
{
    if (set == NULL)
        return;
    for (size_t i = 0; i < set->count; i++)
        free(set->items[i].message);
    free(set->items);
    for (size_t i = 0; i < set->file_slots; i++)
        free(set->files[i]);
    free(set->files);
    free(set);
}

void diag_set_werror(diag_set *set, bool werror)
{
    set->werror = werror;
}

/* File names are interned in a hash set: a run may name tens of
 * thousands of files, and every diagnostic looks its file up. */
static size_t hash_name(const char *name)
{
    uint64_t h = 1469598103934665603ULL;  /* FNV-1a */
    for (const unsigned char *p = (const unsigned char *)name; *p != '\0'; p++) {
        h ^= *p;
        h *= 1099511628211ULL;
    }
    return (size_t)h;
}

static size_t file_slot(const diag_set *set, const char *file)
{
    size_t mask = set->file_slots - 1;
    size_t i = hash_name(file) & mask;
    while (set->files[i] != NULL && strcmp(set->files[i], file) != 0)
        i = (i + 1) & mask;
    return i;
}

static bool grow_files(diag_set *set)
{
    size_t slots = set->file_slots ? set->file_slots * 2 : 16;
    char **files = calloc(slots, sizeof(*files));
    if (files == NULL)
        return false;
    char **old = set->files;
    size_t old_slots = set->file_slots;
    set->files = files;
    set->file_slots = slots;
    for (size_t i = 0; i < old_slots; i++) {
        if (old[i] != NULL)
            files[file_slot(set, old[i])] = old[i];
    }
    free(old);
    return true;
}

static const char *intern_file(diag_set *set, const char *file)
{
    if (file == NULL)
        return NULL;
    if (set->file_slots > 0) {
        size_t slot = file_slot(set, file);
        if (set->files[slot] != NULL)
            return set->files[slot];
    }
    if ((set->file_count + 1) * 2 > set->file_slots && !grow_files(set))
        return NULL;
    size_t len = strlen(file);
    char *copy = malloc(len + 1);
    if (copy == NULL)
        return NULL;
    memcpy(copy, file, len + 1);
    set->files[file_slot(set, copy)] = copy;
    set->file_count++;
    return copy;
}

static char *format_message(const char *fmt, va_list ap) DIAG_PRINTF(1, 0);

static char *format_message(const char *fmt, va_list ap)
{
    va_list measure;
    va_copy(measure, ap);
    int len = vsnprintf(NULL, 0, fmt, measure);
    va_end(measure);
    if (len < 0)
        return NULL;
    char *message = malloc((size_t)len + 1);
    if (message == NULL)
        return NULL;
    vsnprintf(message, (size_t)len + 1, fmt, ap);
    return message;
}

static bool reserve_one(diag_set *set)
{
    if (set->count < set->capacity)
        return true;
    size_t capacity = set->capacity ? set->capacity * 2 : 16;
    diag *items = realloc(set->items, capacity * sizeof(*items));
    if (items == NULL)
        return false;
    set->items = items;
    set->capacity = capacity;
    return true;
}

static void count_lost(diag_set *set, diag_severity severity)
{
    if (severity == DIAG_ERROR)
        set->lost_errors++;
    else if (severity == DIAG_WARNING)
        set->lost_warnings++;
    else
        set->lost_notes++;
}

void diag_addv(diag_set *set, diag_severity severity, src_loc loc, const char *fmt, va_list ap)
{
    /* Out of memory: the diagnostic is counted as lost, never half-added. */
    if (!reserve_one(set)) {
        count_lost(set, severity);
        return;
    }
    char *message = format_message(fmt, ap);
    if (message == NULL) {
        count_lost(set, severity);
        return;
    }
    const char *file = intern_file(set, loc.file);
    if (loc.file != NULL && file == NULL) {
        free(message);
        count_lost(set, severity);
        return;
    }
    diag *d = &set->items[set->count];
    d->severity = severity;
    d->loc.file = file;
    d->loc.line = loc.line;
    d->loc.col = loc.col;
    d->message = message;
    d->seq = set->next_seq++;
    if (severity == DIAG_NOTE) {
        /* A note with nothing to attach to stands alone (its own parent). */
        d->parent = set->has_parent ? set->last_parent : set->count;
    } else {
        d->parent = set->count;
        set->last_parent = set->count;
        set->has_parent = true;
    }
    set->count++;
}

void diag_add(diag_set *set, diag_severity severity, src_loc loc, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    diag_addv(set, severity, loc, fmt, ap);
    va_end(ap);
}

void diag_error(diag_set *set, src_loc loc, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    diag_addv(set, DIAG_ERROR, loc, fmt, ap);
    va_end(ap);
}

void diag_warning(diag_set *set, src_loc loc, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    diag_addv(set, DIAG_WARNING, loc, fmt, ap);
    va_end(ap);
}

void diag_note(diag_set *set, src_loc loc, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    diag_addv(set, DIAG_NOTE, loc, fmt, ap);
    va_end(ap);
}

/* The severity a diagnostic prints and counts as. */
static diag_severity effective_severity(const diag_set *set, const diag *d)
{
    if (set->werror && d->severity == DIAG_WARNING)
        return DIAG_ERROR;
    return d->severity;
}

size_t diag_lost_count(const diag_set *set)
{
    return set->lost_errors + set->lost_warnings + set->lost_notes;
}

size_t diag_error_count(const diag_set *set)
{
    size_t n = set->lost_errors + (set->werror ? set->lost_warnings : 0);
    for (size_t i = 0; i < set->count; i++)
        n += effective_severity(set, &set->items[i]) == DIAG_ERROR;
    return n;
}

size_t diag_warning_count(const diag_set *set)
{
    size_t n = set->werror ? 0 : set->lost_warnings;
    for (size_t i = 0; i < set->count; i++)
        n += effective_severity(set, &set->items[i]) == DIAG_WARNING;
    return n;
}

bool diag_has_errors(const diag_set *set)
{
    if (set->lost_errors > 0 || (set->werror && set->lost_warnings > 0))
        return true;
    for (size_t i = 0; i < set->count; i++) {
        if (effective_severity(set, &set->items[i]) == DIAG_ERROR)
            return true;
    }
    return false;
}

size_t diag_count(const diag_set *set)
{
    return set->count;
}

const diag *diag_at(const diag_set *set, size_t index)
{
    return index < set->count ? &set->items[index] : NULL;
}

/* Diagnostics without a file sort first; then by name, line, column. */
static int compare_loc(const src_loc *a, const src_loc *b)
{
    if (a->file != b->file) {
        if (a->file == NULL)
            return -1;
        if (b->file == NULL)
            return 1;
        int c = strcmp(a->file, b->file);
        if (c != 0)
            return c;
    }
    if (a->line != b->line)
        return a->line < b->line ? -1 : 1;
    if (a->col != b->col)
        return a->col < b->col ? -1 : 1;
    return 0;
}

typedef struct sort_entry {
    const diag *self;
    const diag *group;   /* the parent: notes sort with it */
} sort_entry;

static int compare_entries(const void *pa, const void *pb)
{
    const sort_entry *a = pa;
    const sort_entry *b = pb;
    if (a->group != b->group) {
        int c = compare_loc(&a->group->loc, &b->group->loc);
        if (c != 0)
            return c;
        return a->group->seq < b->group->seq ? -1 : 1;
    }
    /* Same group: the parent first, then its notes in insertion order. */
    bool a_is_parent = a->self == a->group;
    bool b_is_parent = b->self == b->group;
    if (a_is_parent != b_is_parent)
        return a_is_parent ? -1 : 1;
    if (a->self->seq != b->self->seq)
        return a->self->seq < b->self->seq ? -1 : 1;
    return 0;
}

void diag_sort(diag_set *set)
{
    if (set->count < 2)
        return;
    sort_entry *entries = malloc(set->count * sizeof(*entries));
    diag *sorted = malloc(set->count * sizeof(*sorted));
    size_t *new_index = malloc(set->count * sizeof(*new_index));
    if (entries == NULL || sorted == NULL || new_index == NULL) {
        /* Out of memory: printing unsorted beats printing nothing. */
        free(entries);
        free(sorted);
        free(new_index);
        return;
    }
    for (size_t i = 0; i < set->count; i++) {
        entries[i].self = &set->items[i];
        entries[i].group = &set->items[set->items[i].parent];
    }
    qsort(entries, set->count, sizeof(*entries), compare_entries);
    for (size_t i = 0; i < set->count; i++)
        new_index[entries[i].self - set->items] = i;
    for (size_t i = 0; i < set->count; i++) {
        sorted[i] = *entries[i].self;
        sorted[i].parent = new_index[sorted[i].parent];
    }
    if (set->has_parent)
        set->last_parent = new_index[set->last_parent];
    memcpy(set->items, sorted, set->count * sizeof(*sorted));
    free(entries);
    free(sorted);
    free(new_index);
}

static const char *severity_name(diag_severity severity)
{
    switch (severity) {
    case DIAG_ERROR:
        return "error";
    case DIAG_WARNING:
        return "warning";
    case DIAG_NOTE:
        return "note";
    }
    return "error";
}

int diag_format(const diag_set *set, const diag *d, char *buf, size_t size)
{
    const char *file = d->loc.file != NULL ? d->loc.file : "contractc";
    const char *severity = severity_name(effective_severity(set, d));
    if (d->loc.file == NULL || d->loc.line == 0)
        return snprintf(buf, size, "%s: %s: %s", file, severity, d->message);
    if (d->loc.col == 0)
        return snprintf(buf, size, "%s:%u: %s: %s", file, d->loc.line, severity, d->message);
    return snprintf(buf, size, "%s:%u:%u: %s: %s", file, d->loc.line, d->loc.col, severity,
                    d->message);
}

void diag_print(const diag_set *set, FILE *out)
{
    char small[512];
    for (size_t i = 0; i < set->count; i++) {
        const diag *d = &set->items[i];
        int len = diag_format(set, d, small, sizeof(small));
        if (len < 0)
            continue;
        if ((size_t)len < sizeof(small)) {
            fprintf(out, "%s\n", small);
            continue;
        }
        char *big = malloc((size_t)len + 1);
        if (big == NULL) {
            fprintf(out, "%s\n", small);
            continue;
        }
        diag_format(set, d, big, (size_t)len + 1);
        fprintf(out, "%s\n", big);
        free(big);
    }
    size_t lost = diag_lost_count(set);
    if (lost > 0)
        fprintf(out, "contractc: error: out of memory: %zu %s could not be recorded\n", lost,
                lost == 1 ? "diagnostic" : "diagnostics");
}

static const char *plural(size_t n, const char *one, const char *many)
{
    return n == 1 ? one : many;
}

int diag_format_summary(const diag_set *set, size_t file_count, char *buf, size_t size)
{
    size_t errors = diag_error_count(set);
    size_t warnings = diag_warning_count(set);
    return snprintf(buf, size, "%zu %s, %zu %s in %zu %s", errors,
                    plural(errors, "error", "errors"), warnings,
                    plural(warnings, "warning", "warnings"), file_count,
                    plural(file_count, "file", "files"));
}

void diag_print_summary(const diag_set *set, size_t file_count, FILE *out)
{
    char line[128];
    diag_format_summary(set, file_count, line, sizeof(line));
    fprintf(out, "%s\n", line);
}
