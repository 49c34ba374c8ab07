/* fuzz_replay: runs the loader's fuzz entry point over every file of the
 * seed corpus (and any paths given), so ctest exercises the target on
 * every build, with or without libFuzzer.  A crash or a broken invariant
 * (abort) fails the test. */
#define _POSIX_C_SOURCE 200809L

#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int replay_file(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (f == NULL) {
        perror(path);
        return -1;
    }
    size_t capacity = 4096;
    size_t size = 0;
    uint8_t *data = malloc(capacity);
    size_t got;
    while (data != NULL && (got = fread(data + size, 1, capacity - size, f)) > 0) {
        size += got;
        if (size == capacity) {
            uint8_t *more = realloc(data, capacity * 2);
            if (more == NULL) {
                free(data);
                data = NULL;
                break;
            }
            data = more;
            capacity *= 2;
        }
    }
    fclose(f);
    if (data == NULL)
        return -1;
    LLVMFuzzerTestOneInput(data, size);
    free(data);
    return 0;
}

static int replay_path(const char *path, size_t *files)
{
    struct stat st;
    if (stat(path, &st) != 0) {
        perror(path);
        return -1;
    }
    if (!S_ISDIR(st.st_mode)) {
        (*files)++;
        return replay_file(path);
    }
    DIR *dir = opendir(path);
    if (dir == NULL) {
        perror(path);
        return -1;
    }
    int status = 0;
    struct dirent *entry;
    while ((entry = readdir(dir)) != NULL) {
        if (entry->d_name[0] == '.')
            continue;
        char child[4096];
        snprintf(child, sizeof(child), "%s/%s", path, entry->d_name);
        if (replay_path(child, files) != 0)
            status = -1;
    }
    closedir(dir);
    return status;
}

int main(int argc, char **argv)
{
    size_t files = 0;
    int status = 0;
    for (int i = 1; i < argc; i++) {
        if (replay_path(argv[i], &files) != 0)
            status = 1;
    }
    printf("replayed %zu inputs\n", files);
    return status == 0 && files > 0 ? 0 : 1;
}
