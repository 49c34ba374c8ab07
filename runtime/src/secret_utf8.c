/* Strict UTF-8 decoding (RFC 3629), the same acceptance as JavaScript's
 * decodeURIComponent and TextDecoder in fatal mode. */
#include "secret_utf8.h"

static bool continuation(const unsigned char *text, size_t len, size_t at, uint32_t *code_point)
{
    if (at >= len || (text[at] & 0xC0) != 0x80)
        return false;
    *code_point = (*code_point << 6) | (text[at] & 0x3F);
    return true;
}

bool cs_secret_utf8_next(const unsigned char *text, size_t len, size_t *pos, uint32_t *code_point)
{
    size_t at = *pos;
    unsigned char lead = text[at];
    size_t extra;
    uint32_t minimum;
    if (lead < 0x80) {
        *code_point = lead;
        *pos = at + 1;
        return true;
    }
    if ((lead & 0xE0) == 0xC0) {
        extra = 1, minimum = 0x80, *code_point = lead & 0x1F;
    } else if ((lead & 0xF0) == 0xE0) {
        extra = 2, minimum = 0x800, *code_point = lead & 0x0F;
    } else if ((lead & 0xF8) == 0xF0) {
        extra = 3, minimum = 0x10000, *code_point = lead & 0x07;
    } else {
        return false;
    }
    for (size_t i = 1; i <= extra; i++)
        if (!continuation(text, len, at + i, code_point))
            return false;
    if (*code_point < minimum || *code_point > 0x10FFFF ||
        (*code_point >= 0xD800 && *code_point <= 0xDFFF))
        return false;
    *pos = at + 1 + extra;
    return true;
}

bool cs_secret_utf8_valid(const unsigned char *text, size_t len)
{
    size_t pos = 0;
    uint32_t code_point;
    while (pos < len)
        if (!cs_secret_utf8_next(text, len, &pos, &code_point))
            return false;
    return true;
}
