/* Placeholder until the 'check' subcommand lands; replaced by its owner. */
#include "cli.h"

void cli_check_usage(FILE *out)
{
    fprintf(out, "usage: contractc check ...\n");
}

int cli_check(int argc, char **argv)
{
    (void)argc;
    (void)argv;
    fprintf(stderr, "contractc: 'check' is not available in this build\n");
    return CLI_EXIT_USAGE;
}
