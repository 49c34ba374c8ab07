/* contractc render: renders one Mustache template against a JSON view, so
 * template authors can try their overrides and the engine can be tested
 * from outside.  Errors print as "template:line:col: error: message". */
#define _POSIX_C_SOURCE 200809L

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"
#include "mustache.h"

enum { MAX_PARTIAL_DIRS = 64 };

typedef struct render_args {
    const char *template_path;
    const char *view_path;
    const char *out_path;
    const char *dirs[MAX_PARTIAL_DIRS + 1];     /* + the template's own directory */
    size_t dir_count;
    mustache_escape_mode escape;
    bool strict;
} render_args;

void cli_render_usage(FILE *out)
{
    fprintf(out,
            "usage: contractc render TEMPLATE VIEW.json [--partials DIR]... [--escape html|html-js|none]\n"
            "                        [--strict] [-o OUT]\n"
            "\n"
            "Renders TEMPLATE against the JSON view and writes the result to standard output\n"
            "or, with -o, to OUT (through a temporary file; OUT is left alone when unchanged).\n"
            "\n"
            "  --partials DIR  look partials up as DIR/NAME.mustache; repeatable, searched in\n"
            "                  order, then TEMPLATE's own directory\n"
            "  --escape MODE   what {{name}} escapes: html (& < > \", the default), html-js\n"
            "                  (also ' / ` = like mustache.js) or none\n"
            "  --strict        an unknown partial is an error instead of rendering nothing\n"
            "  -o OUT          output file\n"
            "\n"
            "exit status: 0 ok, 1 template or view errors, 2 usage or I/O error\n");
}

#if defined(__GNUC__)
__attribute__((format(printf, 1, 2)))
#endif
static int usage_error(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fprintf(stderr, "contractc render: ");
    vfprintf(stderr, fmt, ap);
    fprintf(stderr, "\n");
    va_end(ap);
    cli_render_usage(stderr);
    return CLI_EXIT_USAGE;
}

/* "--name VALUE" or "--name=VALUE"; NULL when arg is not this option. */
static const char *option_value(int argc, char **argv, int *i, const char *name, bool *missing)
{
    size_t n = strlen(name);
    const char *arg = argv[*i];
    if (strncmp(arg, name, n) != 0)
        return NULL;
    if (arg[n] == '=')
        return arg + n + 1;
    if (arg[n] != '\0')
        return NULL;
    if (*i + 1 >= argc) {
        *missing = true;
        return NULL;
    }
    return argv[++*i];
}

static bool parse_escape(const char *s, mustache_escape_mode *mode)
{
    if (strcmp(s, "html") == 0)
        *mode = MUSTACHE_ESCAPE_HTML;
    else if (strcmp(s, "html-js") == 0)
        *mode = MUSTACHE_ESCAPE_HTML_JS;
    else if (strcmp(s, "none") == 0)
        *mode = MUSTACHE_ESCAPE_NONE;
    else
        return false;
    return true;
}

/* Returns -1 when the arguments are fine, else the exit status. */
static int parse_args(int argc, char **argv, render_args *a)
{
    memset(a, 0, sizeof *a);
    a->escape = MUSTACHE_ESCAPE_HTML;
    for (int i = 1; i < argc; i++) {
        const char *arg = argv[i];
        bool missing = false;
        const char *v;
        if (strcmp(arg, "--help") == 0 || strcmp(arg, "-h") == 0) {
            cli_render_usage(stdout);
            return CLI_EXIT_OK;
        } else if (strcmp(arg, "--strict") == 0) {
            a->strict = true;
        } else if ((v = option_value(argc, argv, &i, "--partials", &missing)) != NULL) {
            if (a->dir_count == MAX_PARTIAL_DIRS)
                return usage_error("too many --partials directories (at most %d)", MAX_PARTIAL_DIRS);
            a->dirs[a->dir_count++] = v;
        } else if ((v = option_value(argc, argv, &i, "--escape", &missing)) != NULL) {
            if (!parse_escape(v, &a->escape))
                return usage_error("unknown escape mode '%s' (html, html-js or none)", v);
        } else if ((v = option_value(argc, argv, &i, "-o", &missing)) != NULL) {
            a->out_path = v;
        } else if (missing) {
            return usage_error("option '%s' needs a value", arg);
        } else if (arg[0] == '-' && arg[1] != '\0') {
            return usage_error("unknown option '%s'", arg);
        } else if (!a->template_path) {
            a->template_path = arg;
        } else if (!a->view_path) {
            a->view_path = arg;
        } else {
            return usage_error("unexpected argument '%s'", arg);
        }
    }
    if (!a->template_path || !a->view_path)
        return usage_error("%s", "expected TEMPLATE and VIEW.json");
    return -1;
}

/* The directory part of path ("." when there is none); malloc'd. */
static char *directory_of(const char *path)
{
    const char *slash = strrchr(path, '/');
    size_t n = slash ? (size_t)(slash - path) : 1;
    if (slash && n == 0)
        n = 1;  /* "/x" */
    char *dir = malloc(n + 1);
    if (!dir)
        return NULL;
    memcpy(dir, slash ? path : ".", n);
    dir[n] = '\0';
    return dir;
}

static void position_of(const char *text, const char *at, unsigned *line, unsigned *col)
{
    *line = 1;
    *col = 1;
    for (const char *p = text; p < at && *p; p++) {
        if (*p == '\n') {
            (*line)++;
            *col = 1;
        } else {
            (*col)++;
        }
    }
}

/* Returns the view, or NULL after printing why (*status set). */
static cJSON *load_view(const char *path, int *status)
{
    char *text;
    size_t len;
    mustache_error err;
    if (!mustache_read_file(path, &text, &len, &err)) {
        mustache_error_print(stderr, &err);
        *status = CLI_EXIT_USAGE;
        return NULL;
    }
    const char *end = NULL;
    cJSON *view = cJSON_ParseWithLengthOpts(text, len, &end, false);
    if (!view) {
        unsigned line, col;
        position_of(text, end ? end : cJSON_GetErrorPtr(), &line, &col);
        fprintf(stderr, "%s:%u:%u: error: invalid JSON\n", path, line, col);
        *status = CLI_EXIT_INPUT_ERRORS;
    }
    free(text);
    return view;
}

static bool same_content(const char *path, const mustache_buf *out)
{
    char *old;
    size_t len;
    if (!mustache_read_file(path, &old, &len, NULL))
        return false;
    bool same = len == out->len && (len == 0 || memcmp(old, out->data, len) == 0);
    free(old);
    return same;
}

/* Writes through a temporary file beside path and renames it over path,
 * so readers never see a half-written file. */
static int write_atomically(const char *path, const mustache_buf *out)
{
    if (same_content(path, out))
        return CLI_EXIT_OK;
    /* PATH.<6 random characters>: mkstemp replaces a run of six 'X' */
    size_t n = strlen(path);
    char *tmp = malloc(n + 8);
    if (!tmp) {
        fprintf(stderr, "contractc render: out of memory\n");
        return CLI_EXIT_USAGE;
    }
    memcpy(tmp, path, n);
    tmp[n] = '.';
    memset(tmp + n + 1, 'X', 6);
    tmp[n + 7] = '\0';
    int fd = mkstemp(tmp);
    if (fd < 0) {
        fprintf(stderr, "%s: error: cannot create a temporary file: %s\n", path, strerror(errno));
        free(tmp);
        return CLI_EXIT_USAGE;
    }
    FILE *f = fdopen(fd, "wb");
    bool ok = f && fchmod(fd, 0644) == 0 && fwrite(out->data, 1, out->len, f) == out->len;
    int saved = errno;
    if (f) {
        if (fclose(f) != 0 && ok) {
            ok = false;
            saved = errno;
        }
    } else {
        close(fd);
    }
    if (ok && rename(tmp, path) != 0) {
        ok = false;
        saved = errno;
    }
    if (!ok) {
        fprintf(stderr, "%s: error: cannot write: %s\n", path, strerror(saved));
        unlink(tmp);
    }
    free(tmp);
    return ok ? CLI_EXIT_OK : CLI_EXIT_USAGE;
}

static int exit_status_of(const mustache_error *err)
{
    switch (err->code) {
    case MUSTACHE_ERR_IO:
    case MUSTACHE_ERR_LOAD:
    case MUSTACHE_ERR_NOMEM:
    case MUSTACHE_ERR_USAGE:
        return CLI_EXIT_USAGE;
    default:
        return CLI_EXIT_INPUT_ERRORS;
    }
}

static int render_to(const render_args *a, const mustache_template *tpl, const cJSON *view)
{
    mustache_dir_list dirs = {a->dirs, a->dir_count, "mustache"};
    mustache_partials *partials = mustache_partials_new(mustache_dir_loader, &dirs, NULL);
    if (!partials) {
        fprintf(stderr, "contractc render: out of memory\n");
        return CLI_EXIT_USAGE;
    }
    mustache_render_options opt = {a->escape, NULL, NULL, partials, a->strict, 0, 0};
    mustache_buf out;
    mustache_buf_init(&out);
    mustache_error err;
    int status = CLI_EXIT_OK;
    if (!mustache_render(tpl, view, &opt, mustache_sink_buffer(&out), &err)) {
        mustache_error_print(stderr, &err);
        status = exit_status_of(&err);
    } else if (a->out_path) {
        status = write_atomically(a->out_path, &out);
    } else if (fwrite(out.data, 1, out.len, stdout) != out.len || fflush(stdout) != 0) {
        fprintf(stderr, "contractc render: cannot write the output: %s\n", strerror(errno));
        status = CLI_EXIT_USAGE;
    }
    mustache_buf_free(&out);
    mustache_partials_free(partials);
    return status;
}

int cli_render(int argc, char **argv)
{
    render_args a;
    int status = parse_args(argc, argv, &a);
    if (status >= 0)
        return status;
    char *own_dir = directory_of(a.template_path);
    if (!own_dir) {
        fprintf(stderr, "contractc render: out of memory\n");
        return CLI_EXIT_USAGE;
    }
    a.dirs[a.dir_count++] = own_dir;

    char *src = NULL;
    size_t len = 0;
    mustache_error err;
    mustache_template *tpl = NULL;
    cJSON *view = NULL;
    status = CLI_EXIT_OK;
    if (!mustache_read_file(a.template_path, &src, &len, &err)) {
        mustache_error_print(stderr, &err);
        status = CLI_EXIT_USAGE;
    } else if (!(tpl = mustache_compile(a.template_path, src, len, NULL, &err))) {
        mustache_error_print(stderr, &err);
        status = exit_status_of(&err);
    } else if ((view = load_view(a.view_path, &status)) != NULL) {
        status = render_to(&a, tpl, view);
    }
    cJSON_Delete(view);
    mustache_template_free(tpl);
    free(src);
    free(own_dir);
    return status;
}
