/* Hexadecimal digits, for the runtime's own decoders (private to the
 * runtime; the cs_ prefix keeps the symbol out of consumers' way, since
 * the static library's objects land in their programs). */
#ifndef CONTRACTC_TEXT_HEX_H
#define CONTRACTC_TEXT_HEX_H

/* The value of hex digit c (0-9, a-f, A-F), or -1 for any other byte. */
int cs_hex_digit_value(unsigned char c);

#endif
