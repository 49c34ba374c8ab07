/* Replays fuzz inputs through a libFuzzer entry point without libFuzzer,
 * so ctest (and valgrind, and the sanitizer build) exercise the corpus.
 * usage: fuzz_replay FILE|DIR...   (directories: every regular file) */
#define _POSIX_C_SOURCE 200809L

#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "test_files.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int replay_file(const char *path)
{
    size_t len = 0;
    unsigned char *buf = support_read_file(path, &len);
    if (!buf) {
        fprintf(stderr, "%s: cannot read\n", path);
        return -1;
    }
    LLVMFuzzerTestOneInput(buf, len);
    free(buf);
    return 1;
}

static int compare_names(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Returns the number of inputs replayed, or -1. */
static int replay(const char *path)
{
    struct stat st;
    if (stat(path, &st) != 0) {
        fprintf(stderr, "%s: not found\n", path);
        return -1;
    }
    if (!S_ISDIR(st.st_mode))
        return replay_file(path);
    DIR *dir = opendir(path);
    if (!dir)
        return -1;
    char **names = NULL;
    size_t count = 0;
    struct dirent *e;
    int total = 0;
    while ((e = readdir(dir)) != NULL) {
        if (e->d_name[0] == '.')
            continue;
        char **grown = realloc(names, (count + 1) * sizeof *names);
        size_t n = strlen(path) + strlen(e->d_name) + 2;
        char *full = malloc(n);
        if (!grown || !full) {
            free(full);
            if (grown)
                names = grown;
            total = -1;
            break;
        }
        names = grown;
        snprintf(full, n, "%s/%s", path, e->d_name);
        names[count++] = full;
    }
    closedir(dir);
    if (total == 0 && count)
        qsort(names, count, sizeof *names, compare_names);
    for (size_t i = 0; i < count; i++) {
        if (total >= 0) {
            int r = replay(names[i]);
            total = r < 0 ? -1 : total + r;
        }
        free(names[i]);
    }
    free(names);
    return total;
}

int main(int argc, char **argv)
{
    int total = 0;
    for (int i = 1; i < argc; i++) {
        int r = replay(argv[i]);
        if (r < 0)
            return 1;
        total += r;
    }
    printf("replayed %d input(s)\n", total);
    return total > 0 ? 0 : 1;
}
