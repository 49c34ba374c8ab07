/* contractc: the spec compiler's command line.  Parses nothing but the
 * subcommand name; each subcommand parses its own options (cli_*.c). */
#include <stdio.h>
#include <string.h>

#include "cli.h"

typedef struct subcommand {
    const char *name;
    const char *summary;
    int (*run)(int argc, char **argv);
    void (*usage)(FILE *out);
} subcommand;

static const subcommand subcommands[] = {
    {"check", "load and check specs, print diagnostics", cli_check, cli_check_usage},
    {"render", "render one Mustache template against a JSON view", cli_render, cli_render_usage},
};

static const size_t subcommand_count = sizeof subcommands / sizeof subcommands[0];

static void print_usage(FILE *out)
{
    fprintf(out, "usage: contractc <command> [options] [args]\n"
                 "       contractc --help | --version\n\ncommands:\n");
    for (size_t i = 0; i < subcommand_count; i++)
        fprintf(out, "  %-8s %s\n", subcommands[i].name, subcommands[i].summary);
    fprintf(out, "\n'contractc <command> --help' describes a command.\n"
                 "exit status: 0 ok, 1 errors in the input, 2 usage or I/O error\n");
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        print_usage(stderr);
        return CLI_EXIT_USAGE;
    }
    const char *name = argv[1];
    if (strcmp(name, "--help") == 0 || strcmp(name, "-h") == 0 || strcmp(name, "help") == 0) {
        print_usage(stdout);
        return CLI_EXIT_OK;
    }
    if (strcmp(name, "--version") == 0) {
        printf("contractc %s\n", CONTRACTC_VERSION_STRING);
        return CLI_EXIT_OK;
    }
    for (size_t i = 0; i < subcommand_count; i++) {
        if (strcmp(name, subcommands[i].name) == 0)
            return subcommands[i].run(argc - 1, argv + 1);
    }
    fprintf(stderr, "contractc: unknown command '%s'\n", name);
    print_usage(stderr);
    return CLI_EXIT_USAGE;
}
