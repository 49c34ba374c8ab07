/* yaml_load_scalar: the YAML 1.2 core schema for scalars.
 *
 * A quoted or block scalar is a string.  A plain scalar is null ("", ~,
 * null), a bool (true/false in three spellings), a decimal integer, a
 * decimal/exponent float or .inf/.nan; anything else is a string.  Only
 * decimal integers are numbers: 0x1F and 0o17 stay strings, as "1.0.0"
 * does.  Integers beyond +-2^53 are refused (see cnode.h). */
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "yaml_load_internal.h"

#define TAG_PREFIX "tag:yaml.org,2002:"

static bool text_is(const cnode *node, const char *a, const char *b, const char *c)
{
    return strcmp(node->text, a) == 0 || strcmp(node->text, b) == 0 ||
           strcmp(node->text, c) == 0;
}

static bool is_digit(char c)
{
    return c >= '0' && c <= '9';
}

/* [-+]?[0-9]+ */
static bool looks_like_int(const char *s, size_t len)
{
    size_t i = (len > 0 && (s[0] == '-' || s[0] == '+')) ? 1 : 0;
    if (i == len)
        return false;
    for (; i < len; i++) {
        if (!is_digit(s[i]))
            return false;
    }
    return true;
}

/* [-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)? */
static bool looks_like_float(const char *s, size_t len)
{
    size_t i = (len > 0 && (s[0] == '-' || s[0] == '+')) ? 1 : 0;
    size_t int_digits = 0;
    size_t frac_digits = 0;
    while (i < len && is_digit(s[i])) {
        i++;
        int_digits++;
    }
    if (i < len && s[i] == '.') {
        i++;
        while (i < len && is_digit(s[i])) {
            i++;
            frac_digits++;
        }
    }
    if (int_digits == 0 && frac_digits == 0)
        return false;
    if (i < len && (s[i] == 'e' || s[i] == 'E')) {
        i++;
        if (i < len && (s[i] == '-' || s[i] == '+'))
            i++;
        size_t exp_digits = 0;
        while (i < len && is_digit(s[i])) {
            i++;
            exp_digits++;
        }
        if (exp_digits == 0)
            return false;
    }
    return i == len;
}

/* Magnitude is checked digit by digit, so any length of digits is fine. */
static scalar_problem resolve_int(cnode *node)
{
    const char *s = node->text;
    bool negative = s[0] == '-';
    size_t i = (s[0] == '-' || s[0] == '+') ? 1 : 0;
    long long value = 0;
    for (; i < node->text_len; i++) {
        value = value * 10 + (s[i] - '0');
        if (value > YAML_LOAD_MAX_SAFE_INT)
            return SCALAR_INT_OUT_OF_RANGE;
    }
    node->scalar_type = CSCALAR_INT;
    node->int_value = negative ? -value : value;
    node->float_value = (double)node->int_value;
    return SCALAR_FINE;
}

static scalar_problem resolve_float(cnode *node)
{
    errno = 0;
    double value = strtod(node->text, NULL);
    if (errno == ERANGE && isinf(value))
        return SCALAR_FLOAT_OUT_OF_RANGE;
    node->scalar_type = CSCALAR_FLOAT;
    node->float_value = value;
    return SCALAR_FINE;
}

static bool resolve_special_float(cnode *node)
{
    const char *s = node->text;
    bool negative = false;
    if (s[0] == '-' || s[0] == '+') {
        negative = s[0] == '-';
        s++;
    }
    if (strcmp(s, ".inf") == 0 || strcmp(s, ".Inf") == 0 || strcmp(s, ".INF") == 0) {
        node->scalar_type = CSCALAR_FLOAT;
        node->float_value = negative ? -INFINITY : INFINITY;
        return true;
    }
    if (s == node->text && text_is(node, ".nan", ".NaN", ".NAN")) {
        node->scalar_type = CSCALAR_FLOAT;
        node->float_value = NAN;
        return true;
    }
    return false;
}

/* Most plain scalars are names and words: a look at the first character
 * rules out every non-string type for them. */
static bool may_be_special(const cnode *node)
{
    if (node->text_len == 0)
        return true;
    switch (node->text[0]) {
    case '~': case 'n': case 'N': case 't': case 'T': case 'f': case 'F': case '.':
    case '-': case '+': case '0': case '1': case '2': case '3': case '4': case '5':
    case '6': case '7': case '8': case '9':
        return true;
    default:
        return false;
    }
}

static scalar_problem resolve_plain(cnode *node)
{
    node->scalar_type = CSCALAR_STRING;
    if (!may_be_special(node))
        return SCALAR_FINE;
    if (node->text_len == 0 || text_is(node, "~", "null", "Null") || strcmp(node->text, "NULL") == 0) {
        node->scalar_type = CSCALAR_NULL;
        return SCALAR_FINE;
    }
    if (text_is(node, "true", "True", "TRUE")) {
        node->scalar_type = CSCALAR_BOOL;
        node->bool_value = true;
        return SCALAR_FINE;
    }
    if (text_is(node, "false", "False", "FALSE")) {
        node->scalar_type = CSCALAR_BOOL;
        node->bool_value = false;
        return SCALAR_FINE;
    }
    if (looks_like_int(node->text, node->text_len))
        return resolve_int(node);
    if (looks_like_float(node->text, node->text_len))
        return resolve_float(node);
    resolve_special_float(node);
    return SCALAR_FINE;
}

/* An explicit core-schema tag: the text must resolve to that type. */
static scalar_problem resolve_tagged(cnode *node, const char *type_name)
{
    static const struct {
        const char *name;
        cnode_scalar_type type;
    } core_types[] = {
        {"null", CSCALAR_NULL}, {"bool", CSCALAR_BOOL}, {"int", CSCALAR_INT},
        {"float", CSCALAR_FLOAT},
    };
    for (size_t i = 0; i < sizeof(core_types) / sizeof(core_types[0]); i++) {
        if (strcmp(type_name, core_types[i].name) != 0)
            continue;
        scalar_problem problem = resolve_plain(node);
        if (problem != SCALAR_FINE)
            return problem;
        /* !!float 1 is the float 1.0, as the core schema allows. */
        if (core_types[i].type == CSCALAR_FLOAT && node->scalar_type == CSCALAR_INT)
            node->scalar_type = CSCALAR_FLOAT;
        if (node->scalar_type != core_types[i].type) {
            node->scalar_type = CSCALAR_STRING;
            return SCALAR_TAG_MISMATCH;
        }
        return SCALAR_FINE;
    }
    node->scalar_type = CSCALAR_STRING;
    return SCALAR_UNSUPPORTED_TAG;
}

scalar_problem yaml_scalar_resolve(cnode *node, const char *tag)
{
    if (tag == NULL) {
        if (node->quoted) {
            node->scalar_type = CSCALAR_STRING;
            return SCALAR_FINE;
        }
        return resolve_plain(node);
    }
    /* "!" is the non-specific tag: a string. */
    if (strcmp(tag, "!") == 0 || strcmp(tag, TAG_PREFIX "str") == 0) {
        node->scalar_type = CSCALAR_STRING;
        return SCALAR_FINE;
    }
    if (strncmp(tag, TAG_PREFIX, strlen(TAG_PREFIX)) == 0)
        return resolve_tagged(node, tag + strlen(TAG_PREFIX));
    node->scalar_type = CSCALAR_STRING;
    return SCALAR_UNSUPPORTED_TAG;
}
