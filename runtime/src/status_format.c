/* Number and time formatting shared by telemetry and secret parsing.
 * Assumes the C library's numeric locale is "C" (the default until a
 * program calls setlocale). */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "status_format.h"

char *cs_strdup(const char *text)
{
    if (!text)
        return NULL;
    size_t len = strlen(text) + 1;
    char *copy = malloc(len);
    if (copy)
        memcpy(copy, text, len);
    return copy;
}

/* Shortest decimal digits of |value| that round-trip, and the decimal
 * exponent of the first digit (value = 0.d1d2... * 10^point). */
static size_t shortest_digits(double value, char digits[20], int *point)
{
    char buffer[40];
    for (int precision = 1; precision <= 17; precision++) {
        snprintf(buffer, sizeof buffer, "%.*e", precision - 1, value);
        if (strtod(buffer, NULL) == value)
            break;
    }
    /* buffer is "d.ddde[+-]xx" or "de[+-]xx" */
    size_t count = 0;
    const char *cursor = buffer;
    for (; *cursor && *cursor != 'e'; cursor++) {
        if (*cursor >= '0' && *cursor <= '9')
            digits[count++] = *cursor;
    }
    int exponent = atoi(cursor + 1);
    while (count > 1 && digits[count - 1] == '0')
        count--;
    digits[count] = '\0';
    *point = exponent + 1;
    return count;
}

size_t cs_format_js_number(double value, char out[CS_JS_NUMBER_MAX])
{
    if (isnan(value))
        return (size_t)snprintf(out, CS_JS_NUMBER_MAX, "NaN");
    if (isinf(value))
        return (size_t)snprintf(out, CS_JS_NUMBER_MAX, "%s", value < 0 ? "-Infinity" : "Infinity");
    if (value == 0)
        return (size_t)snprintf(out, CS_JS_NUMBER_MAX, "0");

    char digits[20];
    int point = 0;
    size_t length = 0;
    if (value < 0) {
        out[length++] = '-';
        value = -value;
    }
    int count = (int)shortest_digits(value, digits, &point);

    if (count <= point && point <= 21) {
        /* integer: digits then zeros */
        memcpy(out + length, digits, (size_t)count);
        length += (size_t)count;
        for (int i = count; i < point; i++)
            out[length++] = '0';
    } else if (0 < point && point <= 21) {
        memcpy(out + length, digits, (size_t)point);
        length += (size_t)point;
        out[length++] = '.';
        memcpy(out + length, digits + point, (size_t)(count - point));
        length += (size_t)(count - point);
    } else if (-6 < point && point <= 0) {
        out[length++] = '0';
        out[length++] = '.';
        for (int i = point; i < 0; i++)
            out[length++] = '0';
        memcpy(out + length, digits, (size_t)count);
        length += (size_t)count;
    } else {
        out[length++] = digits[0];
        if (count > 1) {
            out[length++] = '.';
            memcpy(out + length, digits + 1, (size_t)(count - 1));
            length += (size_t)(count - 1);
        }
        int exponent = point - 1;
        length += (size_t)snprintf(out + length, CS_JS_NUMBER_MAX - length, "e%c%d",
                                   exponent < 0 ? '-' : '+', exponent < 0 ? -exponent : exponent);
    }
    out[length] = '\0';
    return length;
}

/* Days since 1970-01-01 to a civil date (proleptic Gregorian); avoids
 * gmtime_r so the formatter is pure and works for any int64 input. */
static void civil_from_days(int64_t days, int64_t *year, unsigned *month, unsigned *day)
{
    days += 719468;
    int64_t era = (days >= 0 ? days : days - 146096) / 146097;
    unsigned day_of_era = (unsigned)(days - era * 146097);
    unsigned year_of_era = (day_of_era - day_of_era / 1460 + day_of_era / 36524 - day_of_era / 146096) / 365;
    unsigned day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    unsigned month_index = (5 * day_of_year + 2) / 153;
    *day = day_of_year - (153 * month_index + 2) / 5 + 1;
    *month = month_index < 10 ? month_index + 3 : month_index - 9;
    *year = (int64_t)year_of_era + era * 400 + (*month <= 2);
}

size_t cs_format_iso8601_ms(int64_t epoch_ms, char out[CS_ISO8601_MAX])
{
    int64_t days = epoch_ms / 86400000;
    int64_t rest = epoch_ms % 86400000;
    if (rest < 0) {
        rest += 86400000;
        days -= 1;
    }
    int64_t year = 0;
    unsigned month = 0, day = 0;
    civil_from_days(days, &year, &month, &day);
    if (year < 0 || year > 9999)
        year = year < 0 ? 0 : 9999;
    unsigned millis = (unsigned)(rest % 1000);
    unsigned seconds = (unsigned)(rest / 1000 % 60);
    unsigned minutes = (unsigned)(rest / 60000 % 60);
    unsigned hours = (unsigned)(rest / 3600000);
    int written = snprintf(out, CS_ISO8601_MAX, "%04u-%02u-%02uT%02u:%02u:%02u.%03uZ", (unsigned)year,
                           month, day, hours, minutes, seconds, millis);
    return written < 0 ? 0 : (size_t)written;
}
