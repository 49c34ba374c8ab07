/* Internal text helpers shared by the runtime's modules (not installed). */
#ifndef CONTRACTC_STATUS_FORMAT_H
#define CONTRACTC_STATUS_FORMAT_H

#include <stddef.h>
#include <stdint.h>

/* Room for any number formatted by cs_format_js_number, NUL included. */
#define CS_JS_NUMBER_MAX 32

/* Formats a double the way JavaScript's String(number) does: shortest
 * digits that read back to the same double, "1.5", "100", "1e+21",
 * "1.5e-7", "NaN", "Infinity", "0" for -0.  Returns the length. */
size_t cs_format_js_number(double value, char out[CS_JS_NUMBER_MAX]);

/* Room for "YYYY-MM-DDTHH:MM:SS.mmmZ" plus the NUL (years 0..9999). */
#define CS_ISO8601_MAX 32

/* ISO-8601 UTC with milliseconds, from milliseconds since the epoch. */
size_t cs_format_iso8601_ms(int64_t epoch_ms, char out[CS_ISO8601_MAX]);

/* malloc'd copy; NULL for NULL or when out of memory. */
char *cs_strdup(const char *text);

#endif
