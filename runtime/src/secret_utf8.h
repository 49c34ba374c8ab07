/* UTF-8 helpers shared by the secret modules (private to the runtime). */
#ifndef CONTRACTC_SECRET_UTF8_H
#define CONTRACTC_SECRET_UTF8_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Decodes one code point at text[*pos], advancing *pos.  Returns false on
 * an invalid sequence (overlong forms, surrogates, beyond U+10FFFF,
 * truncation). */
bool cs_secret_utf8_next(const unsigned char *text, size_t len, size_t *pos, uint32_t *code_point);

/* True when text[0..len) is well-formed UTF-8. */
bool cs_secret_utf8_valid(const unsigned char *text, size_t len);

#endif
