/* Write payload normalisation (ContractSpec's normalizeSecretPayload):
 * text in one of three encodings, or raw bytes, becomes the bytes stored. */
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "contractc/secret_uri.h"
#include "secret_utf8.h"

#define PAYLOAD_PROVIDER "payload"

cs_secret_encoding cs_secret_encoding_from_name(const char *name)
{
    if (name && strcmp(name, "base64") == 0)
        return CS_SECRET_ENCODING_BASE64;
    if (name && strcmp(name, "binary") == 0)
        return CS_SECRET_ENCODING_BINARY;
    return CS_SECRET_ENCODING_UTF8;
}

static unsigned char *bytes_alloc(size_t len)
{
    unsigned char *bytes = malloc(len + 1);
    if (bytes)
        bytes[len] = 0;
    return bytes;
}

static cs_secret_code copy_bytes(const unsigned char *data, size_t len, unsigned char **out,
                                 size_t *out_len)
{
    unsigned char *bytes = bytes_alloc(len);
    if (!bytes)
        return CS_SECRET_UNKNOWN;
    if (len)
        memcpy(bytes, data, len);
    *out = bytes;
    *out_len = len;
    return CS_SECRET_OK;
}

/* Tries the standard and URL-safe alphabets, with and without padding, as
 * Node's Buffer.from(text, "base64") accepts all four. */
static cs_secret_code decode_base64(const char *text, size_t len, unsigned char **out,
                                    size_t *out_len)
{
    static const int variants[] = {
        sodium_base64_VARIANT_ORIGINAL, sodium_base64_VARIANT_ORIGINAL_NO_PADDING,
        sodium_base64_VARIANT_URLSAFE, sodium_base64_VARIANT_URLSAFE_NO_PADDING};
    size_t capacity = len / 4 * 3 + 3;
    unsigned char *bytes = bytes_alloc(capacity);
    if (!bytes)
        return CS_SECRET_UNKNOWN;
    for (size_t i = 0; i < sizeof variants / sizeof variants[0]; i++) {
        size_t decoded = 0;
        const char *end = NULL;
        if (sodium_base642bin(bytes, capacity, text, len, " \t\r\n", &decoded, &end,
                              variants[i]) == 0 && end == text + len) {
            bytes[decoded] = 0;
            *out = bytes;
            *out_len = decoded;
            return CS_SECRET_OK;
        }
    }
    cs_secret_bytes_free(bytes, capacity);
    return CS_SECRET_INVALID;
}

/* Latin-1 as JavaScript's Buffer.from(text, "binary"): one byte per UTF-16
 * code unit, keeping its low 8 bits (so a code point above U+FFFF gives
 * the low bytes of its two surrogates). */
static cs_secret_code decode_latin1(const unsigned char *text, size_t len, unsigned char **out,
                                    size_t *out_len)
{
    unsigned char *bytes = bytes_alloc(len);
    if (!bytes)
        return CS_SECRET_UNKNOWN;
    size_t pos = 0, used = 0;
    while (pos < len) {
        uint32_t code_point;
        if (!cs_secret_utf8_next(text, len, &pos, &code_point)) {
            cs_secret_bytes_free(bytes, len);
            return CS_SECRET_INVALID;
        }
        if (code_point > 0xFFFF) {
            uint32_t offset = code_point - 0x10000;
            bytes[used++] = (unsigned char)((0xD800 + (offset >> 10)) & 0xFF);
            bytes[used++] = (unsigned char)((0xDC00 + (offset & 0x3FF)) & 0xFF);
        } else {
            bytes[used++] = (unsigned char)(code_point & 0xFF);
        }
    }
    bytes[used] = 0;
    *out = bytes;
    *out_len = used;
    return CS_SECRET_OK;
}

static const char *encoding_label(cs_secret_encoding encoding)
{
    switch (encoding) {
    case CS_SECRET_ENCODING_BASE64: return "base64";
    case CS_SECRET_ENCODING_BINARY: return "binary";
    case CS_SECRET_ENCODING_UTF8: return "utf-8";
    case CS_SECRET_ENCODING_BYTES: break;
    }
    return "bytes";
}

cs_secret_code cs_secret_payload_normalize(const void *data, size_t len,
                                           cs_secret_encoding encoding,
                                           unsigned char **out, size_t *out_len,
                                           cs_secret_error *err)
{
    const unsigned char *bytes = data;
    cs_secret_code code;
    *out = NULL;
    *out_len = 0;
    if (!data && len)
        return cs_secret_error_set(err, CS_SECRET_INVALID, PAYLOAD_PROVIDER,
                                   "secret payload is NULL");
    if (!data)
        bytes = (const unsigned char *)"";
    switch (encoding) {
    case CS_SECRET_ENCODING_BASE64:
        code = decode_base64((const char *)bytes, len, out, out_len);
        break;
    case CS_SECRET_ENCODING_BINARY:
        code = decode_latin1(bytes, len, out, out_len);
        break;
    case CS_SECRET_ENCODING_UTF8:
        code = cs_secret_utf8_valid(bytes, len) ? copy_bytes(bytes, len, out, out_len)
                                                : CS_SECRET_INVALID;
        break;
    case CS_SECRET_ENCODING_BYTES:
    default:
        code = copy_bytes(bytes, len, out, out_len);
        break;
    }
    if (code == CS_SECRET_INVALID)
        return cs_secret_error_set(err, code, PAYLOAD_PROVIDER,
                                   "secret payload is not valid %s text", encoding_label(encoding));
    if (code == CS_SECRET_UNKNOWN)
        return cs_secret_error_set(err, code, PAYLOAD_PROVIDER,
                                   "out of memory while normalising a secret payload");
    return CS_SECRET_OK;
}
