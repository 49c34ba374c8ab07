/* value_check_util: small helpers the value checks share -- describing
 * and comparing JSON values, and UTF-8-safe quoting in messages. */
#include <stdio.h>
#include <string.h>

#include "value_check_internal.h"

const char *value_kind_phrase(const ir_value *value)
{
    if (!value)
        return "nothing";
    switch (value->kind) {
    case IR_VALUE_NULL: return "null";
    case IR_VALUE_BOOL: return "a boolean";
    case IR_VALUE_INT: return "an integer";
    case IR_VALUE_FLOAT: return "a number";
    case IR_VALUE_STRING: return "a string";
    case IR_VALUE_ARRAY: return "an array";
    case IR_VALUE_OBJECT: return "an object";
    }
    return "a value";
}

void value_echo(const ir_value *value, char *buf, size_t size)
{
    if (!value || value->kind != IR_VALUE_STRING) {
        snprintf(buf, size, "%s", value_kind_phrase(value));
        return;
    }
    bool printable = value->string_len <= VALUE_ECHO_MAX;
    for (size_t i = 0; printable && i < value->string_len; i++)
        printable = value->string_value[i] >= 0x20 && value->string_value[i] <= 0x7e;
    if (printable)
        snprintf(buf, size, "'%.*s'", (int)value->string_len, value->string_value);
    else
        snprintf(buf, size, "a string of %zu characters",
                 utf8_code_points(value->string_value, value->string_len));
}

const char *value_hint(const char *word, const char *hint)
{
    if (!word || !hint)
        return NULL;
    size_t len = strlen(word);
    if (len >= 3)
        return hint;
    if (strlen(hint) != len)
        return NULL;
    for (size_t i = 0; i < len; i++) {
        char a = word[i], b = hint[i];
        if (a >= 'A' && a <= 'Z')
            a = (char)(a - 'A' + 'a');
        if (b >= 'A' && b <= 'Z')
            b = (char)(b - 'A' + 'a');
        if (a != b)
            return NULL;
    }
    return hint;
}

int utf8_fit(const char *s, size_t max)
{
    size_t len = 0;
    while (len <= max && s[len])
        len++;
    if (len <= max)
        return (int)len;
    len = max;
    while (len > 0 && ((unsigned char)s[len] & 0xc0) == 0x80)
        len--;   /* s[len] continues a character: cut before it */
    return (int)len;
}

size_t utf8_code_points(const char *s, size_t len)
{
    size_t n = 0;
    for (size_t i = 0; i < len; i++)
        if (((unsigned char)s[i] & 0xc0) != 0x80)
            n++;
    return n;
}

const ir_member *value_find_member(const ir_value *object, const char *key)
{
    for (size_t i = 0; i < object->count; i++)
        if (object->members[i].key.text && strcmp(object->members[i].key.text, key) == 0)
            return &object->members[i];
    return NULL;
}

static bool is_number(const ir_value *v)
{
    return v->kind == IR_VALUE_INT || v->kind == IR_VALUE_FLOAT;
}

bool value_equal(const ir_value *a, const ir_value *b)
{
    if (!a || !b)
        return a == b;
    if (is_number(a) && is_number(b)) {
        if (a->kind == IR_VALUE_INT && b->kind == IR_VALUE_INT)
            return a->int_value == b->int_value;
        double x = a->kind == IR_VALUE_INT ? (double)a->int_value : a->float_value;
        double y = b->kind == IR_VALUE_INT ? (double)b->int_value : b->float_value;
        return x == y;
    }
    if (a->kind != b->kind)
        return false;
    switch (a->kind) {
    case IR_VALUE_NULL:
        return true;
    case IR_VALUE_BOOL:
        return a->bool_value == b->bool_value;
    case IR_VALUE_STRING:
        return a->string_len == b->string_len &&
               memcmp(a->string_value, b->string_value, a->string_len) == 0;
    case IR_VALUE_ARRAY:
        if (a->count != b->count)
            return false;
        for (size_t i = 0; i < a->count; i++)
            if (!value_equal(a->items[i], b->items[i]))
                return false;
        return true;
    case IR_VALUE_OBJECT:
        if (a->count != b->count)
            return false;
        for (size_t i = 0; i < a->count; i++) {
            const char *key = a->members[i].key.text;
            const ir_member *other = key ? value_find_member(b, key) : NULL;
            if (!other || !value_equal(a->members[i].value, other->value))
                return false;
        }
        return true;
    case IR_VALUE_INT:
    case IR_VALUE_FLOAT:
        break;
    }
    return false;
}

