/* Placeholder until the 'render' subcommand lands; replaced by its owner. */
#include "cli.h"

void cli_render_usage(FILE *out)
{
    fprintf(out, "usage: contractc render ...\n");
}

int cli_render(int argc, char **argv)
{
    (void)argc;
    (void)argv;
    fprintf(stderr, "contractc: 'render' is not available in this build\n");
    return CLI_EXIT_USAGE;
}
