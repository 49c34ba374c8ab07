/* mustache_number: numbers print like JavaScript's String(n), which is
 * what mustache.js and the spec suite expect: 85, 1.21 (from 1.210),
 * 0.000001, 1e-7, 1e+21.  The digits are the shortest of 15, 16 or 17
 * significant digits that read back to the same double. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mustache_internal.h"

/* Shortest round-tripping digits of v > 0: writes the significant digits
 * (no trailing zeros) to digits and returns the decimal exponent n such
 * that v = 0.DIGITS * 10^n. */
static int shortest_digits(double v, char digits[24], size_t *count)
{
    char text[40];
    for (int precision = 15; precision <= 17; precision++) {
        snprintf(text, sizeof text, "%.*e", precision - 1, v);
        if (strtod(text, NULL) == v || precision == 17)
            break;
    }
    /* text is "D.DDDDe[+-]XX" (or "De[+-]XX") */
    size_t n = 0;
    const char *p = text;
    for (; *p && *p != 'e'; p++) {
        if (*p >= '0' && *p <= '9')
            digits[n++] = *p;
    }
    int exponent = (*p == 'e') ? atoi(p + 1) : 0;
    while (n > 1 && digits[n - 1] == '0')
        n--;
    digits[n] = '\0';
    *count = n;
    return exponent + 1;
}

static size_t put(char *out, size_t size, size_t at, const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        if (at + i + 1 < size)
            out[at + i] = s[i];
    }
    return at + n;
}

static size_t put_zeros(char *out, size_t size, size_t at, size_t n)
{
    for (size_t i = 0; i < n; i++)
        at = put(out, size, at, "0", 1);
    return at;
}

size_t mustache_format_number(double value, char *out, size_t size)
{
    size_t at = 0;
    if (isnan(value))
        at = put(out, size, 0, "NaN", 3);
    else if (isinf(value))
        at = value < 0 ? put(out, size, 0, "-Infinity", 9) : put(out, size, 0, "Infinity", 8);
    else if (value == 0)
        at = put(out, size, 0, "0", 1);     /* -0 prints as 0 too */
    else {
        if (value < 0) {
            at = put(out, size, at, "-", 1);
            value = -value;
        }
        char digits[24];
        size_t k;
        int n = shortest_digits(value, digits, &k);
        if ((int)k <= n && n <= 21) {
            at = put(out, size, at, digits, k);
            at = put_zeros(out, size, at, (size_t)n - k);
        } else if (0 < n && n <= 21) {
            at = put(out, size, at, digits, (size_t)n);
            at = put(out, size, at, ".", 1);
            at = put(out, size, at, digits + n, k - (size_t)n);
        } else if (-6 < n && n <= 0) {
            at = put(out, size, at, "0.", 2);
            at = put_zeros(out, size, at, (size_t)-n);
            at = put(out, size, at, digits, k);
        } else {
            char exponent[16];
            int e = n - 1;
            at = put(out, size, at, digits, 1);
            if (k > 1) {
                at = put(out, size, at, ".", 1);
                at = put(out, size, at, digits + 1, k - 1);
            }
            int len = snprintf(exponent, sizeof exponent, "e%c%d", e < 0 ? '-' : '+', e < 0 ? -e : e);
            at = put(out, size, at, exponent, (size_t)len);
        }
    }
    if (size)
        out[at < size ? at : size - 1] = '\0';
    return at;
}
