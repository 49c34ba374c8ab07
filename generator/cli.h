/* cli: the contractc subcommands.  main.c only dispatches; each
 * subcommand lives in its own cli_NAME.c and returns the process exit
 * status: 0 success, 1 the input has errors, 2 usage or I/O error. */
#ifndef CONTRACTC_CLI_H
#define CONTRACTC_CLI_H

#include <stdio.h>

enum {
    CLI_EXIT_OK = 0,
    CLI_EXIT_INPUT_ERRORS = 1,
    CLI_EXIT_USAGE = 2
};

/* argv[0] is the subcommand name. */
int cli_check(int argc, char **argv);
int cli_render(int argc, char **argv);

void cli_check_usage(FILE *out);
void cli_render_usage(FILE *out);

#endif
