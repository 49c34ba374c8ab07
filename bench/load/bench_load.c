/* bench_load: time the loader against libyaml alone on the same files.
 *
 *   bench_load [--repeat N] PATH
 *
 * For each repetition it times (1) a libyaml-only pass: read every spec
 * file under PATH into memory and pull all its parser events, building
 * nothing; (2) load_set_add_path(PATH): the same reading and parsing plus
 * the node tree, scalar resolution, duplicate-key and alias checks.  It
 * prints the medians and their ratio.  Both passes see the same files in
 * the same order, so the ratio is what the loader costs over libyaml. */
#define _POSIX_C_SOURCE 200809L

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <yaml.h>

#include "cnode.h"
#include "diag.h"

typedef struct file_list {
    char **paths;
    size_t count;
    size_t capacity;
} file_list;

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void push(file_list *list, const char *path)
{
    if (list->count == list->capacity) {
        list->capacity = list->capacity ? list->capacity * 2 : 64;
        list->paths = realloc(list->paths, list->capacity * sizeof(*list->paths));
        if (list->paths == NULL) {
            perror("bench_load");
            exit(2);
        }
    }
    size_t len = strlen(path);
    char *copy = malloc(len + 1);
    if (copy == NULL) {
        perror("bench_load");
        exit(2);
    }
    memcpy(copy, path, len + 1);
    list->paths[list->count++] = copy;
}

static bool is_spec(const char *name)
{
    size_t len = strlen(name);
    return (len > 5 && strcmp(name + len - 5, ".yaml") == 0) ||
           (len > 4 && strcmp(name + len - 4, ".yml") == 0) ||
           (len > 5 && strcmp(name + len - 5, ".json") == 0);
}

/* The bench's own walk (depth is the corpus's, a few levels). */
static void collect(file_list *list, const char *path)
{
    struct stat st;
    if (stat(path, &st) != 0)
        return;
    if (!S_ISDIR(st.st_mode)) {
        push(list, path);
        return;
    }
    DIR *dir = opendir(path);
    if (dir == NULL)
        return;
    struct dirent *entry;
    while ((entry = readdir(dir)) != NULL) {
        if (entry->d_name[0] == '.')
            continue;
        char child[4096];
        snprintf(child, sizeof(child), "%s/%s", path, entry->d_name);
        if (stat(child, &st) == 0 && (S_ISDIR(st.st_mode) || is_spec(entry->d_name)))
            collect(list, child);
    }
    closedir(dir);
}

static int compare_paths(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Reads and parses every file, counting events: libyaml's floor. */
static size_t libyaml_pass(const file_list *files, size_t *bytes)
{
    size_t events = 0;
    *bytes = 0;
    for (size_t i = 0; i < files->count; i++) {
        FILE *f = fopen(files->paths[i], "rb");
        if (f == NULL)
            continue;
        fseek(f, 0, SEEK_END);
        long size = ftell(f);
        rewind(f);
        unsigned char *data = malloc(size > 0 ? (size_t)size : 1);
        size_t len = data != NULL ? fread(data, 1, (size_t)size, f) : 0;
        fclose(f);
        *bytes += len;
        yaml_parser_t parser;
        yaml_parser_initialize(&parser);
        yaml_parser_set_input_string(&parser, data, len);
        for (;;) {
            yaml_event_t event;
            if (!yaml_parser_parse(&parser, &event))
                break;
            events++;
            bool end = event.type == YAML_STREAM_END_EVENT;
            yaml_event_delete(&event);
            if (end)
                break;
        }
        yaml_parser_delete(&parser);
        free(data);
    }
    return events;
}

static int compare_doubles(const void *a, const void *b)
{
    double x = *(const double *)a;
    double y = *(const double *)b;
    return (x > y) - (x < y);
}

int main(int argc, char **argv)
{
    int repeat = 5;
    const char *path = NULL;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--repeat") == 0 && i + 1 < argc)
            repeat = atoi(argv[++i]);
        else
            path = argv[i];
    }
    if (path == NULL || repeat < 1 || repeat > 100) {
        fprintf(stderr, "usage: bench_load [--repeat N] PATH\n");
        return 2;
    }
    file_list files = {0};
    collect(&files, path);
    qsort(files.paths, files.count, sizeof(*files.paths), compare_paths);

    double *libyaml = calloc((size_t)repeat, sizeof(double));
    double *loader = calloc((size_t)repeat, sizeof(double));
    size_t bytes = 0;
    size_t events = 0;
    size_t docs = 0;
    size_t diagnostics = 0;
    for (int r = 0; r < repeat; r++) {
        double start = now();
        events = libyaml_pass(&files, &bytes);
        libyaml[r] = now() - start;

        start = now();
        load_set *set = load_set_new(NULL);
        diag_set *diags = diag_set_new();
        load_set_add_path(set, path, diags);
        docs = load_set_doc_count(set);
        diagnostics = diag_count(diags);
        load_set_free(set);
        diag_set_free(diags);
        loader[r] = now() - start;
    }
    qsort(libyaml, (size_t)repeat, sizeof(double), compare_doubles);
    qsort(loader, (size_t)repeat, sizeof(double), compare_doubles);
    double libyaml_median = libyaml[repeat / 2];
    double loader_median = loader[repeat / 2];
    printf("input:        %s: %zu files, %.1f MB, %zu events, %zu documents, %zu diagnostics\n",
           path, files.count, (double)bytes / 1e6, events, docs, diagnostics);
    printf("libyaml only: %.3f s (median of %d, %.1f MB/s)\n", libyaml_median, repeat,
           (double)bytes / 1e6 / libyaml_median);
    printf("loader:       %.3f s (median of %d, %.1f MB/s; tree built and freed)\n", loader_median,
           repeat, (double)bytes / 1e6 / loader_median);
    printf("ratio loader/libyaml: %.2f\n", loader_median / libyaml_median);
    for (size_t i = 0; i < files.count; i++)
        free(files.paths[i]);
    free(files.paths);
    free(libyaml);
    free(loader);
    return 0;
}
