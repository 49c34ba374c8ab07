/* fuzz_frontend: libFuzzer target for the whole front end.
 *
 * The input is one spec file, run through load -> lower -> check
 * (frontend_load_buffer), once as YAML and, when it looks like JSON, under
 * a .json name too; each of them twice.  Every diagnostic is sorted and
 * formatted; the program and the diagnostics are freed.  Invariants:
 * diagnostics format to a non-empty line, name the buffer (or no file) and
 * a line inside it, note parents point inside the set, the error count
 * covers every recorded error, and both runs give the same diagnostics.  Nothing may crash, leak or hit UB.  Inputs
 * are capped at 64 KiB and alias expansion is bounded so every run stays
 * fast. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "frontend.h"
#include "ir.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

enum { MAX_INPUT = 64 * 1024 };

static void require(int condition)
{
    if (!condition)
        abort();
}

/* An upper bound on the lines a position may name: YAML breaks lines at
 * LF, CR, NEL (C2 85) and LS/PS (E2 80 A8/A9), so count every byte that
 * may be or end one. */
static unsigned line_bound(const char *text, size_t len)
{
    unsigned lines = 1;
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)text[i];
        lines += c == '\n' || c == '\r' || c == 0x85 || c == 0xA8 || c == 0xA9;
    }
    return lines;
}

/* The diagnostics as one text, to compare runs. */
static char *all_diagnostics(const diag_set *diags, size_t *out_len)
{
    size_t capacity = 1024, used = 0;
    char *all = malloc(capacity);
    require(all != NULL);
    for (size_t i = 0; i < diag_count(diags); i++) {
        const diag *d = diag_at(diags, i);
        int n = diag_format(diags, d, NULL, 0);
        require(n > 0);
        if (used + (size_t)n + 2 > capacity) {
            capacity = 2 * (used + (size_t)n + 2);
            all = realloc(all, capacity);
            require(all != NULL);
        }
        require(diag_format(diags, d, all + used, capacity - used) == n);
        used += (size_t)n;
        all[used++] = '\n';
    }
    *out_len = used;
    return all;
}

static char *run_once(const char *name, const char *text, size_t len, size_t *out_len)
{
    load_limits limits;
    load_limits_default(&limits);
    limits.max_alias_nodes = 20000;
    frontend_options options = {&limits, false};
    diag_set *diags = diag_set_new();
    require(diags != NULL);
    ir_program *program = frontend_load_buffer(name, text, len, &options, diags);
    require(program != NULL);
    diag_sort(diags);
    unsigned lines = line_bound(text, len);
    size_t errors = 0;
    for (size_t i = 0; i < diag_count(diags); i++) {
        const diag *d = diag_at(diags, i);
        require(d->parent < diag_count(diags));
        /* one buffer: every place is in it, and inside it */
        require(d->loc.file == NULL || strcmp(d->loc.file, name) == 0);
        require(d->loc.line <= lines);
        if (d->severity == DIAG_ERROR)
            errors++;
    }
    require(errors <= diag_error_count(diags));
    char *all = all_diagnostics(diags, out_len);
    ir_program_free(program);
    diag_set_free(diags);
    return all;
}

/* Runs twice: the diagnostics must not depend on addresses or on memory
 * left over from the first run. */
static void run(const char *name, const char *text, size_t len)
{
    size_t first_len = 0, second_len = 0;
    char *first = run_once(name, text, len, &first_len);
    char *second = run_once(name, text, len, &second_len);
    require(first_len == second_len && memcmp(first, second, first_len) == 0);
    free(first);
    free(second);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size > MAX_INPUT)
        return 0;
    const char *text = (const char *)data;
    run("fuzz.yaml", text, size);
    if (size > 0 && (text[0] == '{' || text[0] == '['))
        run("fuzz.json", text, size);
    return 0;
}
