/* Unit tests of the Mustache engine beyond the spec suite: exact error
 * positions, escape modes, the FILE* sink, partial indentation, the
 * recursion bound, number formatting, truthiness and the loaders. */
#define _POSIX_C_SOURCE 200809L   /* mkdtemp */

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <CUnit/Basic.h>

#include "mustache.h"

/* ---- helpers ---- */

static mustache_template *compile(const char *src, mustache_error *err)
{
    return mustache_compile("t.mustache", src, strlen(src), NULL, err);
}

/* Renders src against view_json with partials from partials_json (a JSON
 * object, may be NULL).  Returns the output (caller frees) or NULL with
 * *err filled. */
static char *render_with(const char *src, const char *view_json, const char *partials_json,
                         mustache_render_options opt, mustache_error *err)
{
    cJSON *view = view_json ? cJSON_Parse(view_json) : NULL;
    cJSON *partial_map = partials_json ? cJSON_Parse(partials_json) : NULL;
    CU_ASSERT_FATAL(!view_json || view);
    CU_ASSERT_FATAL(!partials_json || partial_map);
    mustache_partials *partials = mustache_partials_new(mustache_json_loader, partial_map, NULL);
    CU_ASSERT_PTR_NOT_NULL_FATAL(partials);
    opt.partials = partials;
    char *result = NULL;
    mustache_template *tpl = compile(src, err);
    if (tpl) {
        mustache_buf out;
        mustache_buf_init(&out);
        if (mustache_render(tpl, view, &opt, mustache_sink_buffer(&out), err)) {
            result = out.data ? out.data : calloc(1, 1);
            mustache_buf_init(&out);
        }
        mustache_buf_free(&out);
    }
    mustache_template_free(tpl);
    mustache_partials_free(partials);
    cJSON_Delete(partial_map);
    cJSON_Delete(view);
    return result;
}

static mustache_render_options html(void)
{
    mustache_render_options opt = {MUSTACHE_ESCAPE_HTML, NULL, NULL, NULL, false, 0, 0};
    return opt;
}

#define ASSERT_RENDERS(src, view, partials, opt, expected)             \
    do {                                                               \
        mustache_error err_;                                           \
        char *got_ = render_with(src, view, partials, opt, &err_);     \
        if (!got_)                                                     \
            mustache_error_print(stderr, &err_);                       \
        CU_ASSERT_PTR_NOT_NULL(got_);                                  \
        if (got_) {                                                    \
            if (strcmp(got_, expected) != 0)                           \
                fprintf(stderr, "\ngot [%s]\nwant [%s]\n", got_, expected); \
            CU_ASSERT_STRING_EQUAL(got_, expected);                    \
        }                                                              \
        free(got_);                                                    \
    } while (0)

static void assert_compile_error(const char *src, mustache_error_code code, unsigned line, unsigned col)
{
    mustache_error err;
    mustache_template *tpl = compile(src, &err);
    CU_ASSERT_PTR_NULL(tpl);
    mustache_template_free(tpl);
    if (err.code != code || err.line != line || err.column != col)
        fprintf(stderr, "\n%s: got %s at %u:%u (%s)\n", src, mustache_error_code_name(err.code), err.line,
                err.column, err.message);
    CU_ASSERT_EQUAL(err.code, code);
    CU_ASSERT_EQUAL(err.line, line);
    CU_ASSERT_EQUAL(err.column, col);
    CU_ASSERT_STRING_EQUAL(err.name, "t.mustache");
}

/* ---- error positions ---- */

static void test_unclosed_tag(void)
{
    assert_compile_error("ab\n  {{name", MUSTACHE_ERR_UNCLOSED_TAG, 2, 3);
    assert_compile_error("x {{{name}}", MUSTACHE_ERR_UNCLOSED_TAG, 1, 3);
    assert_compile_error("{{", MUSTACHE_ERR_UNCLOSED_TAG, 1, 1);
    assert_compile_error("{{=<% %>=}}\n\n<%x}}", MUSTACHE_ERR_UNCLOSED_TAG, 3, 1);
}

static void test_wrong_closing_name(void)
{
    mustache_error err;
    mustache_template *tpl = compile("{{#a}}\n  {{#b}}x\n  {{/a}}\n{{/b}}", &err);
    CU_ASSERT_PTR_NULL(tpl);
    CU_ASSERT_EQUAL(err.code, MUSTACHE_ERR_MISMATCHED_CLOSE);
    CU_ASSERT_EQUAL(err.line, 3);
    CU_ASSERT_EQUAL(err.column, 3);
    CU_ASSERT_TRUE(err.has_note);
    CU_ASSERT_EQUAL(err.note_line, 2);
    CU_ASSERT_EQUAL(err.note_column, 3);
    CU_ASSERT_PTR_NOT_NULL(strstr(err.message, "'a'"));
    CU_ASSERT_PTR_NOT_NULL(strstr(err.message, "'b'"));
    assert_compile_error("x\n{{/a}}", MUSTACHE_ERR_UNEXPECTED_CLOSE, 2, 1);
}

static void test_unclosed_section(void)
{
    assert_compile_error("x\n {{#a}}y{{^b}}{{/b}}", MUSTACHE_ERR_UNCLOSED_SECTION, 2, 2);
    assert_compile_error("{{<p}}{{$b}}", MUSTACHE_ERR_UNCLOSED_SECTION, 1, 7);
}

static void test_bad_names(void)
{
    assert_compile_error("a {{ }}", MUSTACHE_ERR_EMPTY_TAG, 1, 3);
    assert_compile_error("\n{{a b}}", MUSTACHE_ERR_BAD_NAME, 2, 1);
    assert_compile_error("{{#a..b}}{{/a..b}}", MUSTACHE_ERR_BAD_NAME, 1, 1);
    assert_compile_error("{{>}}", MUSTACHE_ERR_EMPTY_TAG, 1, 1);
}

static void test_bad_set_delimiter(void)
{
    assert_compile_error("ok\n{{=<% %>}}", MUSTACHE_ERR_BAD_DELIMITERS, 2, 1);
    assert_compile_error("{{= x =}}", MUSTACHE_ERR_BAD_DELIMITERS, 1, 1);
    assert_compile_error("  {{=a= b=}}", MUSTACHE_ERR_BAD_DELIMITERS, 1, 3);
    assert_compile_error("{{=<% %> x=}}", MUSTACHE_ERR_BAD_DELIMITERS, 1, 1);
}

static void test_nesting_limit(void)
{
    mustache_options options = {3};
    mustache_error err;
    const char *src = "{{#a}}{{#b}}{{#c}}\n{{#d}}{{/d}}{{/c}}{{/b}}{{/a}}";
    mustache_template *tpl = mustache_compile("n", src, strlen(src), &options, &err);
    CU_ASSERT_PTR_NULL(tpl);
    CU_ASSERT_EQUAL(err.code, MUSTACHE_ERR_NESTING);
    CU_ASSERT_EQUAL(err.line, 2);
    CU_ASSERT_EQUAL(err.column, 1);
    options.max_nesting = 4;
    tpl = mustache_compile("n", src, strlen(src), &options, &err);
    CU_ASSERT_PTR_NOT_NULL(tpl);
    mustache_template_free(tpl);
}

static void test_unknown_partial_strict(void)
{
    mustache_render_options opt = html();
    ASSERT_RENDERS("a\n  b{{>missing}}c", "{}", "{}", opt, "a\n  bc");
    opt.strict_partials = true;
    mustache_error err;
    char *got = render_with("a\n  b{{>missing}}c", "{}", "{}", opt, &err);
    CU_ASSERT_PTR_NULL(got);
    free(got);
    CU_ASSERT_EQUAL(err.code, MUSTACHE_ERR_UNKNOWN_PARTIAL);
    CU_ASSERT_EQUAL(err.line, 2);
    CU_ASSERT_EQUAL(err.column, 4);
    CU_ASSERT_STRING_EQUAL(err.name, "t.mustache");
    CU_ASSERT_PTR_NOT_NULL(strstr(err.message, "'missing'"));
    /* a dynamic name that resolves to nothing is unknown too */
    got = render_with("{{>*nope}}", "{}", "{}", opt, &err);
    CU_ASSERT_PTR_NULL(got);
    free(got);
    CU_ASSERT_EQUAL(err.code, MUSTACHE_ERR_UNKNOWN_PARTIAL);
    /* and a parent */
    got = render_with("\n{{<nope}}{{/nope}}", "{}", "{}", opt, &err);
    CU_ASSERT_PTR_NULL(got);
    free(got);
    CU_ASSERT_EQUAL(err.line, 2);
}

static void test_error_in_partial_names_partial(void)
{
    mustache_error err;
    char *got = render_with("x{{>p}}", "{}", "{\"p\": \"ok\\n{{#s}}\"}", html(), &err);
    CU_ASSERT_PTR_NULL(got);
    free(got);
    CU_ASSERT_EQUAL(err.code, MUSTACHE_ERR_UNCLOSED_SECTION);
    CU_ASSERT_STRING_EQUAL(err.name, "p");
    CU_ASSERT_EQUAL(err.line, 2);
    CU_ASSERT_EQUAL(err.column, 1);
}

static void test_error_print_format(void)
{
    mustache_error err;
    mustache_template *tpl = compile("{{#a}}\n{{/b}}", &err);
    CU_ASSERT_PTR_NULL(tpl);
    FILE *f = tmpfile();
    CU_ASSERT_PTR_NOT_NULL_FATAL(f);
    mustache_error_print(f, &err);
    rewind(f);
    char text[1024] = {0};
    size_t n = fread(text, 1, sizeof text - 1, f);
    fclose(f);
    text[n] = '\0';
    CU_ASSERT_STRING_EQUAL(text, "t.mustache:2:1: error: closing tag 'b' does not match the open section 'a'\n"
                                 "t.mustache:1:1: note: section 'a' opened here\n");
    CU_ASSERT_STRING_EQUAL(mustache_error_code_name(MUSTACHE_ERR_MISMATCHED_CLOSE), "mismatched-close");
}

/* ---- escaping ---- */

static bool shout(void *user, const char *s, size_t n, mustache_buf *out)
{
    int *calls = user;
    (*calls)++;
    for (size_t i = 0; i < n; i++) {
        char c = (s[i] >= 'a' && s[i] <= 'z') ? (char)(s[i] - 'a' + 'A') : s[i];
        if (!mustache_buf_append(out, &c, 1))
            return false;
    }
    return true;
}

static void test_escape_modes(void)
{
    const char *view = "{\"v\": \"<a href='x/y'>&\\\"`=\"}";
    mustache_render_options opt = html();
    ASSERT_RENDERS("{{v}}|{{{v}}}|{{&v}}", view, NULL, opt,
                   "&lt;a href='x/y'&gt;&amp;&quot;`=|<a href='x/y'>&\"`=|<a href='x/y'>&\"`=");
    opt.escape = MUSTACHE_ESCAPE_HTML_JS;
    ASSERT_RENDERS("{{v}}|{{{v}}}", view, NULL, opt,
                   "&lt;a href&#x3D;&#39;x&#x2F;y&#39;&gt;&amp;&quot;&#x60;&#x3D;|<a href='x/y'>&\"`=");
    opt.escape = MUSTACHE_ESCAPE_NONE;
    ASSERT_RENDERS("{{v}}", view, NULL, opt, "<a href='x/y'>&\"`=");
    int calls = 0;
    opt.escape = MUSTACHE_ESCAPE_CALLBACK;
    opt.escape_fn = shout;
    opt.escape_user = &calls;
    ASSERT_RENDERS("{{v}} {{{v}}} {{n}}", "{\"v\": \"abc\", \"n\": 12}", NULL, opt, "ABC abc 12");
    CU_ASSERT_EQUAL(calls, 2);
}

static void test_escape_append(void)
{
    mustache_buf b;
    mustache_buf_init(&b);
    CU_ASSERT_TRUE(mustache_escape_append(MUSTACHE_ESCAPE_HTML, "a<b>&\"c'", 9, &b));
    CU_ASSERT_STRING_EQUAL(b.data, "a&lt;b&gt;&amp;&quot;c'");
    mustache_buf_free(&b);
}

/* ---- values ---- */

static void test_numbers(void)
{
    ASSERT_RENDERS("{{a}} {{b}} {{c}} {{d}} {{e}} {{f}} {{g}} {{h}} {{i}} {{j}}",
                   "{\"a\": 85, \"b\": 1.210, \"c\": -0.5, \"d\": 1e21, \"e\": 1e-7, \"f\": 123456789012,"
                   " \"g\": 0.30000000000000004, \"h\": 0.000001, \"i\": -0, \"j\": 1.5e300}",
                   NULL, html(), "85 1.21 -0.5 1e+21 1e-7 123456789012 0.30000000000000004 0.000001 0 1.5e+300");
}

static void test_truthiness(void)
{
    /* only missing, null, false and [] are falsy */
    ASSERT_RENDERS("{{#z}}z{{/z}}{{#e}}e{{/e}}{{#l}}l{{/l}}{{#n}}n{{/n}}{{#f}}f{{/f}}{{#m}}m{{/m}}{{#o}}o{{/o}}",
                   "{\"z\": 0, \"e\": \"\", \"l\": [], \"n\": null, \"f\": false, \"o\": {}}", NULL, html(), "zeo");
    ASSERT_RENDERS("{{^z}}z{{/z}}{{^e}}e{{/e}}{{^l}}l{{/l}}{{^n}}n{{/n}}{{^f}}f{{/f}}{{^m}}m{{/m}}",
                   "{\"z\": 0, \"e\": \"\", \"l\": [], \"n\": null, \"f\": false}", NULL, html(), "lnfm");
}

static void test_compound_interpolation(void)
{
    ASSERT_RENDERS("{{{a}}} {{{o}}} {{t}} {{f}}", "{\"a\": [1, \"x\"], \"o\": {\"k\": null}, \"t\": true, \"f\": false}",
                   NULL, html(), "[1,\"x\"] {\"k\":null} true false");
}

static void test_view_null_and_reuse(void)
{
    mustache_error err;
    mustache_template *tpl = compile("[{{a}}]{{#b}}{{.}},{{/b}}", &err);
    CU_ASSERT_PTR_NOT_NULL_FATAL(tpl);
    mustache_buf out;
    mustache_buf_init(&out);
    CU_ASSERT_TRUE(mustache_render(tpl, NULL, NULL, mustache_sink_buffer(&out), &err));
    CU_ASSERT_STRING_EQUAL(out.data, "[]");
    cJSON *view = cJSON_Parse("{\"a\": \"x\", \"b\": [1, 2, 3]}");
    mustache_buf_clear(&out);
    CU_ASSERT_TRUE(mustache_render(tpl, view, NULL, mustache_sink_buffer(&out), &err));
    CU_ASSERT_STRING_EQUAL(out.data, "[x]1,2,3,");
    /* rendering appends */
    CU_ASSERT_TRUE(mustache_render(tpl, view, NULL, mustache_sink_buffer(&out), &err));
    CU_ASSERT_STRING_EQUAL(out.data, "[x]1,2,3,[x]1,2,3,");
    cJSON_Delete(view);
    mustache_buf_free(&out);
    mustache_template_free(tpl);
    mustache_template_free(NULL);
    mustache_partials_free(NULL);
}

/* ---- sinks ---- */

static void test_file_sink(void)
{
    /* large enough to cross the staging buffer's flush point many times */
    cJSON *view = cJSON_CreateObject();
    cJSON *items = cJSON_AddArrayToObject(view, "items");
    for (int i = 0; i < 20000; i++)
        cJSON_AddItemToArray(items, cJSON_CreateNumber(i));
    mustache_error err;
    mustache_template *tpl = compile("{{#items}}item <{{.}}>\n{{/items}}", &err);
    CU_ASSERT_PTR_NOT_NULL_FATAL(tpl);
    mustache_buf expected;
    mustache_buf_init(&expected);
    CU_ASSERT_TRUE(mustache_render(tpl, view, NULL, mustache_sink_buffer(&expected), &err));
    CU_ASSERT_TRUE(expected.len > 200000);

    FILE *f = tmpfile();
    CU_ASSERT_PTR_NOT_NULL_FATAL(f);
    CU_ASSERT_TRUE(mustache_render(tpl, view, NULL, mustache_sink_file(f), &err));
    long size = ftell(f);
    CU_ASSERT_EQUAL((size_t)size, expected.len);
    rewind(f);
    char *back = malloc(expected.len + 1);
    CU_ASSERT_PTR_NOT_NULL_FATAL(back);
    CU_ASSERT_EQUAL(fread(back, 1, expected.len + 1, f), expected.len);
    CU_ASSERT_EQUAL(memcmp(back, expected.data, expected.len), 0);
    free(back);
    fclose(f);
    mustache_buf_free(&expected);
    mustache_template_free(tpl);
    cJSON_Delete(view);
}

/* ---- partials ---- */

static void test_partial_indentation(void)
{
    const char *partials = "{\"a\": \"x\\n  {{>b}}\\n\\ny\", \"b\": \"1\\n{{v}}\\n2\\n\"}";
    /* nested standalone partials add up their indentation; empty lines and
     * interpolated newlines are not indented */
    ASSERT_RENDERS("<\n  {{>a}}\n>", "{\"v\": \"p\\nq\"}", partials, html(),
                   "<\n  x\n    1\n    p\nq\n    2\n\n  y>");
    /* an inline partial is not indented */
    ASSERT_RENDERS("<  {{>b}}>", "{\"v\": \"w\"}", partials, html(), "<  1\nw\n2\n>");
}

static void test_partial_recursion_bound(void)
{
    mustache_error err;
    char *got = render_with("x\n{{>self}}", "{}", "{\"self\": \"a\\n {{>self}}\"}", html(), &err);
    CU_ASSERT_PTR_NULL(got);
    free(got);
    CU_ASSERT_EQUAL(err.code, MUSTACHE_ERR_PARTIAL_DEPTH);
    CU_ASSERT_STRING_EQUAL(err.name, "self");
    CU_ASSERT_EQUAL(err.line, 2);
    CU_ASSERT_EQUAL(err.column, 2);
    /* a configurable limit; data-bounded recursion within it is fine */
    mustache_render_options opt = html();
    opt.max_depth = 3;
    const char *tree = "{\"n\": \"1\", \"k\": [{\"n\": \"2\", \"k\": [{\"n\": \"3\", \"k\": []}]}]}";
    ASSERT_RENDERS("{{>node}}", tree, "{\"node\": \"{{n}}({{#k}}{{>node}}{{/k}})\"}", opt, "1(2(3()))");
    opt.max_depth = 2;
    got = render_with("{{>node}}", tree, "{\"node\": \"{{n}}({{#k}}{{>node}}{{/k}})\"}", opt, &err);
    CU_ASSERT_PTR_NULL(got);
    free(got);
    CU_ASSERT_EQUAL(err.code, MUSTACHE_ERR_PARTIAL_DEPTH);
    /* a block that expands itself meets the frame limit */
    got = render_with("{{<p}}{{$b}}{{$b}}x{{/b}}{{/b}}{{/p}}", "{}", "{\"p\": \"{{$b}}{{/b}}\"}", html(), &err);
    CU_ASSERT_PTR_NULL(got);
    free(got);
    CU_ASSERT_EQUAL(err.code, MUSTACHE_ERR_PARTIAL_DEPTH);
}

static void test_output_limit(void)
{
    /* p0 calls p1 twice, p1 calls p2 twice, ...: 2^19 copies of p19 */
    char partials[2048];
    size_t at = (size_t)snprintf(partials, sizeof partials, "{");
    for (int i = 0; i < 19; i++)
        at += (size_t)snprintf(partials + at, sizeof partials - at, "\"p%d\": \"{{>p%d}}{{>p%d}}\", ", i, i + 1,
                               i + 1);
    snprintf(partials + at, sizeof partials - at, "\"p19\": \"0123456789\"}");
    mustache_render_options opt = html();
    opt.max_output = 1000;
    mustache_error err;
    char *got = render_with("x{{>p0}}", "{}", partials, opt, &err);
    CU_ASSERT_PTR_NULL(got);
    free(got);
    CU_ASSERT_EQUAL(err.code, MUSTACHE_ERR_OUTPUT_LIMIT);
    /* exactly at the limit is fine, one byte over is not */
    opt.max_output = 6;
    ASSERT_RENDERS("ab{{v}}", "{\"v\": \"<\"}", NULL, opt, "ab&lt;");
    got = render_with("abc{{v}}", "{\"v\": \"<\"}", NULL, opt, &err);
    CU_ASSERT_PTR_NULL(got);
    free(got);
    CU_ASSERT_EQUAL(err.code, MUSTACHE_ERR_OUTPUT_LIMIT);
    /* and for a FILE* sink, across flushes */
    mustache_template *tpl = compile("{{#l}}{{#l}}{{#l}}{{#l}}0123456789{{/l}}{{/l}}{{/l}}{{/l}}", &err);
    cJSON *v = cJSON_Parse("[[1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20]]");
    cJSON *root = cJSON_CreateObject();
    cJSON_AddItemToObject(root, "l", cJSON_DetachItemFromArray(v, 0));
    FILE *f = tmpfile();
    CU_ASSERT_PTR_NOT_NULL_FATAL(f);
    opt.max_output = 100000;
    CU_ASSERT_FALSE(mustache_render(tpl, root, &opt, mustache_sink_file(f), &err));
    CU_ASSERT_EQUAL(err.code, MUSTACHE_ERR_OUTPUT_LIMIT);
    CU_ASSERT_TRUE(ftell(f) <= 100000);
    rewind(f);
    opt.max_output = 1600000;
    CU_ASSERT_TRUE(mustache_render(tpl, root, &opt, mustache_sink_file(f), &err));
    CU_ASSERT_EQUAL(ftell(f), 1600000);
    fclose(f);
    cJSON_Delete(root);
    cJSON_Delete(v);
    mustache_template_free(tpl);
}

static void test_partials_add(void)
{
    mustache_error err;
    mustache_partials *partials = mustache_partials_new(NULL, NULL, NULL);
    CU_ASSERT_PTR_NOT_NULL_FATAL(partials);
    CU_ASSERT_TRUE(mustache_partials_add(partials, "p", compile("<{{x}}>", &err)));
    CU_ASSERT_TRUE(mustache_partials_add(partials, "p", compile("[{{x}}]", &err)));
    mustache_template *tpl = compile("{{>p}}{{>q}}", &err);
    cJSON *view = cJSON_Parse("{\"x\": 1}");
    mustache_render_options opt = html();
    opt.partials = partials;
    mustache_buf out;
    mustache_buf_init(&out);
    CU_ASSERT_TRUE(mustache_render(tpl, view, &opt, mustache_sink_buffer(&out), &err));
    CU_ASSERT_STRING_EQUAL(out.data, "[1]");
    mustache_buf_free(&out);
    cJSON_Delete(view);
    mustache_template_free(tpl);
    mustache_partials_free(partials);
}

static bool write_file(const char *path, const char *text)
{
    FILE *f = fopen(path, "wb");
    if (!f)
        return false;
    bool ok = fputs(text, f) >= 0;
    return fclose(f) == 0 && ok;
}

static void test_dir_loader_override_order(void)
{
    char base[] = "/tmp/mustache_unit_......";
    memset(strchr(base, '.'), 'X', 6);     /* the run mkdtemp replaces */
    CU_ASSERT_PTR_NOT_NULL_FATAL(mkdtemp(base));
    char defaults[64], overrides[64], path[128];
    snprintf(defaults, sizeof defaults, "%s/d", base);
    snprintf(overrides, sizeof overrides, "%s/o", base);
    CU_ASSERT_EQUAL_FATAL(mkdir(defaults, 0700), 0);
    CU_ASSERT_EQUAL_FATAL(mkdir(overrides, 0700), 0);
    snprintf(path, sizeof path, "%s/a.mustache", defaults);
    CU_ASSERT_TRUE(write_file(path, "default-a"));
    snprintf(path, sizeof path, "%s/b.mustache", defaults);
    CU_ASSERT_TRUE(write_file(path, "default-b"));
    snprintf(path, sizeof path, "%s/a.mustache", overrides);
    CU_ASSERT_TRUE(write_file(path, "override-a{{#"));

    const char *dirs[] = {overrides, defaults};
    mustache_dir_list list = {dirs, 2, NULL};
    mustache_source src = {NULL, 0, NULL};
    mustache_error err;
    CU_ASSERT_EQUAL(mustache_dir_loader(&list, "a", &src, &err), MUSTACHE_LOAD_OK);
    CU_ASSERT_STRING_EQUAL(src.text, "override-a{{#");
    CU_ASSERT_PTR_NOT_NULL(strstr(src.origin, "/o/a.mustache"));
    free(src.text);
    free(src.origin);
    CU_ASSERT_EQUAL(mustache_dir_loader(&list, "b", &src, &err), MUSTACHE_LOAD_OK);
    CU_ASSERT_STRING_EQUAL(src.text, "default-b");
    free(src.text);
    free(src.origin);
    CU_ASSERT_EQUAL(mustache_dir_loader(&list, "c", &src, &err), MUSTACHE_LOAD_NOT_FOUND);
    CU_ASSERT_EQUAL(mustache_dir_loader(&list, "../d/b", &src, &err), MUSTACHE_LOAD_NOT_FOUND);
    CU_ASSERT_EQUAL(mustache_dir_loader(&list, "/etc/passwd", &src, &err), MUSTACHE_LOAD_NOT_FOUND);

    /* a partial that fails to compile reports its file and position */
    mustache_partials *partials = mustache_partials_new(mustache_dir_loader, &list, NULL);
    mustache_template *tpl = compile("{{>b}} {{>a}}", &err);
    mustache_render_options opt = html();
    opt.partials = partials;
    mustache_buf out;
    mustache_buf_init(&out);
    CU_ASSERT_FALSE(mustache_render(tpl, NULL, &opt, mustache_sink_buffer(&out), &err));
    CU_ASSERT_EQUAL(err.code, MUSTACHE_ERR_UNCLOSED_TAG);
    CU_ASSERT_PTR_NOT_NULL(strstr(err.name, "/o/a.mustache"));
    CU_ASSERT_EQUAL(err.column, 11);
    mustache_buf_free(&out);
    mustache_template_free(tpl);
    mustache_partials_free(partials);

    snprintf(path, sizeof path, "%s/a.mustache", overrides);
    remove(path);
    snprintf(path, sizeof path, "%s/a.mustache", defaults);
    remove(path);
    snprintf(path, sizeof path, "%s/b.mustache", defaults);
    remove(path);
    remove(overrides);
    remove(defaults);
    remove(base);
}

/* ---- inheritance and hostile input ---- */

static void test_inheritance_indentation(void)
{
    ASSERT_RENDERS("{{<layout}}\n{{$body}}\n  <p>{{x}}</p>\n{{/body}}\n{{/layout}}\n", "{\"x\": \"hi\"}",
                   "{\"layout\": \"<div>\\n    {{$body}}\\n    {{/body}}\\n</div>\\n\"}", html(),
                   "<div>\n    <p>hi</p>\n</div>\n");
}

static void test_hostile_templates(void)
{
    static const char *const inputs[] = {
        "{{", "{{{", "{{{}}", "{{=", "{{= =}}", "{{=}}", "{{#}}", "{{/}}", "{{^a}}{{/a", "}}{{", "{{!",
        "{{=| |=}}|", "{{=| |=}}|#a||/a|", "{{>", "{{<a}}{{$", "{{$a}}{{/a}}{{/a}}", "\r\n{{#a}}\r", "{{&}}",
        "{{>*}}", "{{<*a}}{{/*a}}", "{{.}}{{..}}", "{{a.}}",
    };
    for (size_t i = 0; i < sizeof inputs / sizeof inputs[0]; i++) {
        mustache_error err;
        mustache_template *tpl = compile(inputs[i], &err);
        if (tpl) {
            mustache_buf out;
            mustache_buf_init(&out);
            mustache_render(tpl, NULL, NULL, mustache_sink_buffer(&out), &err);
            mustache_buf_free(&out);
        } else {
            CU_ASSERT_TRUE(err.line >= 1 && err.column >= 1);
        }
        mustache_template_free(tpl);
    }
    /* embedded NUL bytes are text, never the end of the template */
    mustache_error err;
    mustache_template *tpl = mustache_compile("nul", "a\0{{b}}", 7, NULL, &err);
    CU_ASSERT_PTR_NOT_NULL_FATAL(tpl);
    cJSON *view = cJSON_Parse("{\"b\": \"B\"}");
    mustache_buf out;
    mustache_buf_init(&out);
    CU_ASSERT_TRUE(mustache_render(tpl, view, NULL, mustache_sink_buffer(&out), &err));
    CU_ASSERT_EQUAL(out.len, 3);
    CU_ASSERT_EQUAL(memcmp(out.data, "a\0B", 3), 0);
    mustache_buf_free(&out);
    cJSON_Delete(view);
    mustache_template_free(tpl);
}

int main(void)
{
    if (CU_initialize_registry() != CUE_SUCCESS)
        return 1;
    CU_pSuite s = CU_add_suite("mustache", NULL, NULL);
    struct {
        const char *name;
        CU_TestFunc fn;
    } tests[] = {
        {"unclosed tag position", test_unclosed_tag},
        {"wrong closing name position and note", test_wrong_closing_name},
        {"unclosed section position", test_unclosed_section},
        {"bad names", test_bad_names},
        {"bad set-delimiter position", test_bad_set_delimiter},
        {"nesting limit", test_nesting_limit},
        {"unknown partial in strict mode", test_unknown_partial_strict},
        {"error inside a partial names the partial", test_error_in_partial_names_partial},
        {"error print format", test_error_print_format},
        {"escape modes", test_escape_modes},
        {"escape append", test_escape_append},
        {"numbers print like JavaScript", test_numbers},
        {"truthiness", test_truthiness},
        {"arrays, objects and booleans interpolate", test_compound_interpolation},
        {"null view and template reuse", test_view_null_and_reuse},
        {"FILE* sink", test_file_sink},
        {"partial indentation", test_partial_indentation},
        {"partial recursion bound", test_partial_recursion_bound},
        {"output limit", test_output_limit},
        {"partials added by hand", test_partials_add},
        {"directory loader override order", test_dir_loader_override_order},
        {"inheritance re-indents blocks", test_inheritance_indentation},
        {"hostile templates", test_hostile_templates},
    };
    for (size_t i = 0; s && i < sizeof tests / sizeof tests[0]; i++) {
        if (!CU_add_test(s, tests[i].name, tests[i].fn))
            s = NULL;
    }
    if (!s) {
        CU_cleanup_registry();
        return 1;
    }
    CU_basic_set_mode(CU_BRM_VERBOSE);
    CU_basic_run_tests();
    unsigned failed = CU_get_number_of_failures();
    CU_cleanup_registry();
    return failed ? 1 : 0;
}
