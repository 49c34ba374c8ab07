/* contractc-secrets: manage the encrypted local secret store.
 *
 * Values are read from standard input, never from the command line (which
 * other users can see in ps), and printed only by "get --reveal".  Error
 * messages never contain a value.  Exit status: 0 success, 1 the operation
 * failed, 2 usage error. */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <sodium.h>

#include "contractc/secrets_store.h"
#include "secret_fs.h" /* runtime/src: cs_secret_fs_write_all */

#define EXIT_FAILED 1
#define EXIT_USAGE 2
#define PROGRAM "contractc-secrets"

static const char usage_text[] =
    "usage: " PROGRAM " --store FILE (--key-file KEY | --passphrase-env VAR) COMMAND [ARGS]\n"
    "       " PROGRAM " --key-file KEY init-key\n"
    "\n"
    "commands:\n"
    "  init-key              create a new random key file at --key-file (mode 0600)\n"
    "  init                  create an empty store\n"
    "  put TENANT/NAME       store the value read from standard input\n"
    "                        (a new version when the secret exists)\n"
    "  rotate TENANT/NAME    store a new version read from standard input;\n"
    "                        the secret must exist\n"
    "  get TENANT/NAME       print the version and size; with --reveal print the\n"
    "                        value itself (for scripts), nothing else\n"
    "  list [TENANT]         print the secret names, one per line\n"
    "  delete TENANT/NAME    delete every version of a secret\n"
    "\n"
    "options:\n"
    "  --store FILE          the store file\n"
    "  --key-file KEY        master key file (64 hex digits, mode 0600)\n"
    "  --passphrase-env VAR  derive the key from the passphrase in variable VAR\n"
    "  --kdf LEVEL           interactive (default), moderate or minimal (tests only):\n"
    "                        Argon2id cost when a passphrase creates a store\n"
    "  --version N           get: read version N instead of the newest\n"
    "  --reveal              get: print the secret value to standard output\n"
    "  --keep-newline        put/rotate: keep a final newline of the input\n"
    "  --help                show this text\n"
    "\n"
    "TENANT/NAME may also be written store://TENANT/NAME.\n"
    "exit status: 0 success, 1 operation failed, 2 usage error\n";

typedef struct cli_options {
    const char *store;
    const char *key_file;
    const char *passphrase_env;
    const char *version;
    cs_secret_store_kdf_limit kdf;
    bool reveal;
    bool keep_newline;
    const char *command;
    const char *arguments[2];
    size_t argument_count;
} cli_options;

static int usage_error(const char *format, ...) CS_SECRET_PRINTF(1, 2);

static int usage_error(const char *format, ...)
{
    va_list args;
    va_start(args, format);
    fprintf(stderr, PROGRAM ": ");
    vfprintf(stderr, format, args);
    fprintf(stderr, "\nTry '" PROGRAM " --help'.\n");
    va_end(args);
    return EXIT_USAGE;
}

static int operation_failed(const cs_secret_error *err)
{
    fprintf(stderr, PROGRAM ": error: %s (%s)\n", err->message, cs_secret_code_name(err->code));
    return EXIT_FAILED;
}

static bool parse_kdf(const char *text, cs_secret_store_kdf_limit *out)
{
    if (strcmp(text, "interactive") == 0)
        *out = CS_SECRET_STORE_KDF_INTERACTIVE;
    else if (strcmp(text, "moderate") == 0)
        *out = CS_SECRET_STORE_KDF_MODERATE;
    else if (strcmp(text, "minimal") == 0)
        *out = CS_SECRET_STORE_KDF_MINIMAL;
    else
        return false;
    return true;
}

/* Returns 0, or the exit status of a usage error (or -1 after --help). */
static int parse_arguments(int argc, char **argv, cli_options *options)
{
    for (int i = 1; i < argc; i++) {
        const char *arg = argv[i];
        const char **value_slot = NULL;
        if (strcmp(arg, "--help") == 0 || strcmp(arg, "-h") == 0) {
            fputs(usage_text, stdout);
            return -1;
        } else if (strcmp(arg, "--reveal") == 0) {
            options->reveal = true;
        } else if (strcmp(arg, "--keep-newline") == 0) {
            options->keep_newline = true;
        } else if (strcmp(arg, "--store") == 0) {
            value_slot = &options->store;
        } else if (strcmp(arg, "--key-file") == 0) {
            value_slot = &options->key_file;
        } else if (strcmp(arg, "--passphrase-env") == 0) {
            value_slot = &options->passphrase_env;
        } else if (strcmp(arg, "--version") == 0) {
            value_slot = &options->version;
        } else if (strcmp(arg, "--kdf") == 0) {
            if (i + 1 >= argc)
                return usage_error("option %s needs a value", arg);
            if (!parse_kdf(argv[++i], &options->kdf))
                return usage_error("unknown --kdf level '%s'", argv[i]);
        } else if (arg[0] == '-' && arg[1]) {
            return usage_error("unknown option '%s'", arg);
        } else if (!options->command) {
            options->command = arg;
        } else if (options->argument_count < 2) {
            options->arguments[options->argument_count++] = arg;
        } else {
            return usage_error("unexpected argument '%s'", arg);
        }
        if (value_slot) {
            if (i + 1 >= argc)
                return usage_error("option %s needs a value", arg);
            *value_slot = argv[++i];
        }
    }
    if (!options->command)
        return usage_error("%s", "no command given");
    return 0;
}

/* "TENANT/NAME" or "store://TENANT/NAME" -> a malloc'd store reference. */
static char *store_reference(const char *argument)
{
    const char *scheme = "store://";
    bool has_scheme = strncmp(argument, scheme, strlen(scheme)) == 0;
    size_t size = strlen(argument) + strlen(scheme) + 1;
    char *reference = malloc(size);
    if (reference)
        snprintf(reference, size, "%s%s", has_scheme ? "" : scheme, argument);
    return reference;
}

/* Reads standard input into a sodium_malloc'd buffer (guarded, wiped on
 * free).  Returns NULL with a message when the input is too large. */
static unsigned char *read_value(bool keep_newline, size_t *len)
{
    size_t capacity = CS_SECRET_STORE_MAX_VALUE_BYTES + 2;
    unsigned char *buffer = sodium_malloc(capacity);
    if (!buffer) {
        fprintf(stderr, PROGRAM ": error: out of memory\n");
        return NULL;
    }
    /* read(2), not stdio: no unwiped copy of the value in a FILE buffer. */
    size_t used = 0;
    bool failed = false;
    while (used < capacity) {
        ssize_t got = read(STDIN_FILENO, buffer + used, capacity - used);
        if (got < 0 && errno == EINTR)
            continue;
        if (got <= 0) {
            failed = got < 0;
            break;
        }
        used += (size_t)got;
    }
    if (failed) {
        fprintf(stderr, PROGRAM ": error: cannot read the value from standard input\n");
        sodium_free(buffer);
        return NULL;
    }
    if (!keep_newline && used && buffer[used - 1] == '\n') {
        used--;
        if (used && buffer[used - 1] == '\r')
            used--;
    }
    if (used > CS_SECRET_STORE_MAX_VALUE_BYTES) {
        fprintf(stderr, PROGRAM ": error: the value is larger than %d bytes\n",
                CS_SECRET_STORE_MAX_VALUE_BYTES);
        sodium_free(buffer);
        return NULL;
    }
    *len = used;
    return buffer;
}

static int command_write(cs_secret_store *store, const cli_options *options, bool rotate)
{
    char *reference = store_reference(options->arguments[0]);
    size_t len = 0;
    unsigned char *value = reference ? read_value(options->keep_newline, &len) : NULL;
    if (!value) {
        free(reference);
        return EXIT_FAILED;
    }
    cs_secret_provider *provider = cs_secret_store_provider(store);
    cs_secret_error err = {0};
    char *written = NULL;
    cs_secret_code code = rotate ? cs_secret_provider_rotate(provider, reference, value, len,
                                                             &written, &err)
                                 : cs_secret_provider_put(provider, reference, value, len,
                                                          &written, &err);
    sodium_free(value);
    free(reference);
    if (code != CS_SECRET_OK)
        return operation_failed(&err);
    printf("%s\n", written);
    free(written);
    return EXIT_SUCCESS;
}

static int command_get(cs_secret_store *store, const cli_options *options)
{
    char *reference = store_reference(options->arguments[0]);
    if (!reference)
        return EXIT_FAILED;
    cs_secret_value value = CS_SECRET_VALUE_INIT;
    cs_secret_error err = {0};
    cs_secret_code code = cs_secret_provider_get(cs_secret_store_provider(store), reference,
                                                 options->version, &value, &err);
    int status = EXIT_SUCCESS;
    if (code != CS_SECRET_OK)
        status = operation_failed(&err);
    /* write(2), not stdio: no unwiped copy of the value in a FILE buffer. */
    else if (options->reveal)
        status = cs_secret_fs_write_all(STDOUT_FILENO, value.data, value.len) ? EXIT_SUCCESS
                                                                                : EXIT_FAILED;
    else
        printf("%s version %s (%zu bytes; use --reveal to print the value)\n", reference,
               value.version, value.len);
    cs_secret_value_clear(&value);
    free(reference);
    return status;
}

static int command_list(cs_secret_store *store, const cli_options *options)
{
    cs_secret_store_entry *entries = NULL;
    size_t count = 0;
    cs_secret_error err = {0};
    if (cs_secret_store_list(store, options->argument_count ? options->arguments[0] : NULL,
                             &entries, &count, &err) != CS_SECRET_OK)
        return operation_failed(&err);
    for (size_t i = 0; i < count; i++)
        printf("%s/%s\n", entries[i].tenant, entries[i].name);
    cs_secret_store_entries_free(entries, count);
    return EXIT_SUCCESS;
}

static int command_delete(cs_secret_store *store, const cli_options *options)
{
    char *reference = store_reference(options->arguments[0]);
    if (!reference)
        return EXIT_FAILED;
    cs_secret_error err = {0};
    cs_secret_code code = cs_secret_provider_remove(cs_secret_store_provider(store), reference, &err);
    free(reference);
    return code == CS_SECRET_OK ? EXIT_SUCCESS : operation_failed(&err);
}

static int command_init_key(const cli_options *options)
{
    if (!options->key_file)
        return usage_error("%s", "init-key needs --key-file");
    cs_secret_error err = {0};
    if (cs_secret_store_create_key_file(options->key_file, &err) != CS_SECRET_OK)
        return operation_failed(&err);
    printf("created key file %s (mode 0600); keep it out of version control\n", options->key_file);
    return EXIT_SUCCESS;
}

/* How many positional arguments each command takes: minimum, maximum. */
static bool command_arity(const char *command, size_t *minimum, size_t *maximum)
{
    static const struct {
        const char *name;
        size_t minimum, maximum;
    } table[] = {{"init", 0, 0}, {"put", 1, 1}, {"rotate", 1, 1}, {"get", 1, 1},
                 {"list", 0, 1}, {"delete", 1, 1}};
    for (size_t i = 0; i < sizeof table / sizeof table[0]; i++) {
        if (strcmp(table[i].name, command) == 0) {
            *minimum = table[i].minimum;
            *maximum = table[i].maximum;
            return true;
        }
    }
    return false;
}

static int open_store(const cli_options *options, bool create, cs_secret_store **out)
{
    if (!options->store)
        return usage_error("%s", "--store FILE is required");
    if ((options->key_file != NULL) == (options->passphrase_env != NULL))
        return usage_error("%s", "give exactly one of --key-file and --passphrase-env");
    cs_secret_store_options store_options = {0};
    store_options.path = options->store;
    store_options.key_file = options->key_file;
    store_options.create = create;
    store_options.kdf_limit = options->kdf;
    if (options->passphrase_env) {
        const char *passphrase = getenv(options->passphrase_env);
        if (!passphrase || !*passphrase)
            return usage_error("environment variable %s is not set or empty",
                               options->passphrase_env);
        store_options.passphrase = passphrase;
        store_options.passphrase_len = strlen(passphrase);
    }
    cs_secret_error err = {0};
    *out = cs_secret_store_open(&store_options, &err);
    return *out ? EXIT_SUCCESS : operation_failed(&err);
}

static int run(const cli_options *options)
{
    if (strcmp(options->command, "init-key") == 0) {
        if (options->argument_count)
            return usage_error("unexpected argument '%s'", options->arguments[0]);
        return command_init_key(options);
    }
    size_t minimum = 0, maximum = 0;
    if (!command_arity(options->command, &minimum, &maximum))
        return usage_error("unknown command '%s'", options->command);
    if (options->argument_count < minimum)
        return usage_error("command %s needs TENANT/NAME", options->command);
    if (options->argument_count > maximum)
        return usage_error("unexpected argument '%s'", options->arguments[maximum]);

    bool creates = strcmp(options->command, "init") == 0 || strcmp(options->command, "put") == 0;
    cs_secret_store *store = NULL;
    int status = open_store(options, creates, &store);
    if (status != EXIT_SUCCESS)
        return status;
    if (strcmp(options->command, "put") == 0)
        status = command_write(store, options, false);
    else if (strcmp(options->command, "rotate") == 0)
        status = command_write(store, options, true);
    else if (strcmp(options->command, "get") == 0)
        status = command_get(store, options);
    else if (strcmp(options->command, "list") == 0)
        status = command_list(store, options);
    else if (strcmp(options->command, "delete") == 0)
        status = command_delete(store, options);
    cs_secret_store_free(store);
    return status;
}

int main(int argc, char **argv)
{
    cli_options options;
    memset(&options, 0, sizeof options);
    int status = parse_arguments(argc, argv, &options);
    if (status < 0)
        return EXIT_SUCCESS;
    if (status != 0)
        return status;
    if (sodium_init() < 0) {
        fprintf(stderr, PROGRAM ": error: libsodium failed to initialise\n");
        return EXIT_FAILED;
    }
    status = run(&options);
    if (fflush(stdout) != 0 && status == EXIT_SUCCESS)
        status = EXIT_FAILED;
    return status;
}
