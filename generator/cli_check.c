/* cli_check: `contractc check [--werror] [--quiet] PATH...` loads and
 * checks specs and prints every diagnostic, sorted, in GCC's format, then
 * a summary line; exit 0 clean (warnings allowed), 1 errors, 2 usage or
 * I/O error. */
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "frontend.h"

void cli_check_usage(FILE *out)
{
    fprintf(out,
            "usage: contractc check [--werror] [--quiet] PATH...\n"
            "\n"
            "Loads every spec file given, and every .yaml/.yml/.json file under each\n"
            "directory given, checks them and prints diagnostics as\n"
            "'path:line:col: error: message', sorted by file and position, followed by\n"
            "a summary line 'N errors, M warnings in K files' on standard error.\n"
            "\n"
            "options:\n"
            "  --werror   treat warnings as errors\n"
            "  --quiet    print the diagnostics only, no summary line\n"
            "  --help     show this help\n"
            "\n"
            "exit status: 0 no errors (warnings allowed), 1 the specs have errors,\n"
            "2 usage or I/O error (a path that cannot be read)\n");
}

typedef struct check_args {
    bool werror;
    bool quiet;
    bool help;
    const char **paths;
    size_t path_count;
} check_args;

/* Returns false (after printing why) on a usage error. */
static bool parse_args(int argc, char **argv, check_args *args)
{
    bool options_done = false;
    for (int i = 1; i < argc; i++) {
        const char *arg = argv[i];
        if (!options_done && arg[0] == '-' && arg[1] != '\0') {
            if (strcmp(arg, "--") == 0)
                options_done = true;
            else if (strcmp(arg, "--werror") == 0)
                args->werror = true;
            else if (strcmp(arg, "--quiet") == 0 || strcmp(arg, "-q") == 0)
                args->quiet = true;
            else if (strcmp(arg, "--help") == 0 || strcmp(arg, "-h") == 0)
                args->help = true;
            else {
                fprintf(stderr, "contractc check: unknown option '%s'\n", arg);
                return false;
            }
            continue;
        }
        args->paths[args->path_count++] = arg;
    }
    if (!args->help && args->path_count == 0) {
        fprintf(stderr, "contractc check: no spec files or directories given\n");
        return false;
    }
    return true;
}

int cli_check(int argc, char **argv)
{
    check_args args = {0};
    args.paths = calloc(argc > 0 ? (size_t)argc : 1, sizeof *args.paths);
    if (args.paths == NULL) {
        fputs("contractc: out of memory\n", stderr);
        return CLI_EXIT_USAGE;
    }
    if (!parse_args(argc, argv, &args)) {
        cli_check_usage(stderr);
        free(args.paths);
        return CLI_EXIT_USAGE;
    }
    if (args.help) {
        cli_check_usage(stdout);
        free(args.paths);
        return CLI_EXIT_OK;
    }
    diag_set *diags = diag_set_new();
    if (diags == NULL) {
        fputs("contractc: out of memory\n", stderr);
        free(args.paths);
        return CLI_EXIT_USAGE;
    }
    diag_set_werror(diags, args.werror);
    bool io_error = false;
    ir_program *program = frontend_load(args.paths, args.path_count, NULL, diags, &io_error);
    diag_sort(diags);
    diag_print(diags, stderr);
    if (!args.quiet)
        diag_print_summary(diags, program->file_count, stderr);
    int status = io_error                 ? CLI_EXIT_USAGE
                 : diag_has_errors(diags) ? CLI_EXIT_INPUT_ERRORS
                                          : CLI_EXIT_OK;
    ir_program_free(program);
    diag_set_free(diags);
    free(args.paths);
    return status;
}
