/* fuzz_secret_map: libFuzzer target for the guard's secret payload parser
 * (cs_secret_map_parse, contractc/guard.h).
 *
 * The input is the secret's bytes.  Invariants checked:
 *   - every entry has a key and a value NUL-terminated at value_len;
 *   - keys are unique, so cs_secret_map_get finds each entry's own value;
 *   - a payload that is not a JSON object is one entry "secret" holding
 *     the payload byte for byte;
 *   - cs_secret_map_clear wipes every key and value byte it frees: the
 *     program is linked with -Wl,--wrap=sodium_memzero and the wrapper
 *     records which bytes were wiped while the map is cleared;
 *   - the cleared map is empty, and clearing again is harmless. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "contractc/guard.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
void __real_sodium_memzero(void *pnt, size_t len);
void __wrap_sodium_memzero(void *pnt, size_t len);

enum { MAX_INPUT = 64 * 1024, MAX_WIPES = 4096 };

typedef struct wipe_range {
    const char *start;
    size_t len;
} wipe_range;

static struct {
    int recording;
    size_t count;
    int overflowed;
    wipe_range ranges[MAX_WIPES];
} wipes;

void __wrap_sodium_memzero(void *pnt, size_t len)
{
    if (wipes.recording) {
        if (wipes.count < MAX_WIPES)
            wipes.ranges[wipes.count++] = (wipe_range){pnt, len};
        else
            wipes.overflowed = 1;
    }
    __real_sodium_memzero(pnt, len);
}

static void require(int condition)
{
    if (!condition)
        abort();
}

/* True when [start, start + len) lies inside one recorded wipe.  Entries
 * are wiped one call per key and per value, so no union is needed. */
static int was_wiped(const char *start, size_t len)
{
    if (len == 0)
        return 1;
    for (size_t i = 0; i < wipes.count; i++) {
        const wipe_range *w = &wipes.ranges[i];
        if (start >= w->start && start + len <= w->start + w->len)
            return 1;
    }
    return 0;
}

static int is_json_space(uint8_t c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

static void check_entries(const cs_secret_map *map, const uint8_t *data, size_t size)
{
    size_t first = 0;
    while (first < size && is_json_space(data[first]))
        first++;
    if (first == size || data[first] != '{') {
        require(map->count == 1 && strcmp(map->entries[0].key, "secret") == 0);
        require(map->entries[0].value_len == size);
        require(size == 0 || memcmp(map->entries[0].value, data, size) == 0);
    }
    for (size_t i = 0; i < map->count; i++) {
        const cs_secret_entry *entry = &map->entries[i];
        require(entry->key != NULL && entry->value != NULL);
        require(entry->value[entry->value_len] == '\0');
        require(cs_secret_map_get(map, entry->key) == entry->value);
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size > MAX_INPUT)
        return 0;
    /* an exact-size copy, so reading past the payload is caught */
    uint8_t *payload = calloc(size ? size : 1, 1);
    require(payload != NULL);
    if (size)
        memcpy(payload, data, size);
    cs_secret_map map = CS_SECRET_MAP_INIT;
    cs_status status = cs_secret_map_parse(payload, size, &map);
    if (status != CS_STATUS_OK) {
        require(status == CS_STATUS_OUT_OF_MEMORY && map.count == 0 && map.entries == NULL);
        free(payload);
        return 0;
    }
    check_entries(&map, payload, size);

    /* where the texts are, to check the wipe after they are freed */
    size_t count = map.count;
    wipe_range *texts = malloc((2 * count + 1) * sizeof *texts);
    require(texts != NULL);
    for (size_t i = 0; i < count; i++) {
        texts[2 * i] = (wipe_range){map.entries[i].key, strlen(map.entries[i].key)};
        texts[2 * i + 1] = (wipe_range){map.entries[i].value, map.entries[i].value_len};
    }
    wipes.count = 0;
    wipes.overflowed = 0;
    wipes.recording = 1;
    cs_secret_map_clear(&map);
    wipes.recording = 0;
    for (size_t i = 0; i < 2 * count && !wipes.overflowed; i++)
        require(was_wiped(texts[i].start, texts[i].len));
    free(texts);
    require(map.count == 0 && map.entries == NULL);
    cs_secret_map_clear(&map);
    free(payload);
    return 0;
}
