/* fuzz_frontend: libFuzzer target for the whole front end.
 *
 * The input is one spec file, run through load -> lower -> check
 * (frontend_load_buffer), once as YAML and, when it looks like JSON, under
 * a .json name too.  Every diagnostic is sorted and formatted; the program
 * and the diagnostics are freed.  Invariants: diagnostics format to a
 * non-empty line, note parents point inside the set, the error count
 * covers every recorded error.  Nothing may crash, leak or hit UB.  Inputs
 * are capped at 64 KiB and alias expansion is bounded so every run stays
 * fast. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

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

static void run(const char *name, const char *text, size_t len)
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
    char line[512];
    size_t errors = 0;
    for (size_t i = 0; i < diag_count(diags); i++) {
        const diag *d = diag_at(diags, i);
        require(d->parent < diag_count(diags));
        require(diag_format(diags, d, line, sizeof(line)) > 0);
        if (d->severity == DIAG_ERROR)
            errors++;
    }
    require(errors <= diag_error_count(diags));
    ir_program_free(program);
    diag_set_free(diags);
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
