/* scalar_rules: ContractSpec's scalar validation (reference section 8.1,
 * the model-validation column, i.e. what zod 4.4 accepts), for JSON values
 * written in specs.
 *
 * Two deliberate differences, both because specs carry JSON, where a date
 * can only be a string:
 *   - Date accepts an ISO-8601 calendar date "YYYY-MM-DD" that exists;
 *   - DateTime accepts an RFC 3339 date-time.
 * ContractSpec's model validation wants Date instances there and rejects
 * every string (reference section 12, item 6); its GraphQL input coercion
 * accepts ISO strings, which is what a JSON payload holds.
 *
 * URL follows the WHATWG URL parser closely enough for spec literals; see
 * text_is_url for the approximation. */
#include <math.h>
#include <stdint.h>
#include <string.h>

#include "value_check_internal.h"

/* ContractSpec's Int_unsecure bound: Number.MAX_SAFE_INTEGER. */
#define MAX_SAFE_INTEGER 9007199254740991.0

static bool is_digit(char c) { return c >= '0' && c <= '9'; }
static bool is_upper(char c) { return c >= 'A' && c <= 'Z'; }
static bool is_alpha(char c) { return is_upper(c) || (c >= 'a' && c <= 'z'); }
static bool is_alnum(char c) { return is_alpha(c) || is_digit(c); }
static bool is_hex(char c)
{
    return is_digit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}
/* JavaScript's \s restricted to ASCII (the Unicode spaces it also matches
 * do not occur in phone numbers written in specs). */
static bool is_space(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\v' || c == '\f' || c == '\r';
}

static bool all_of(const char *s, size_t len, bool (*pred)(char))
{
    for (size_t i = 0; i < len; i++)
        if (!pred(s[i]))
            return false;
    return true;
}

/* The digits s[0..n) as a number (n small, all digits already checked). */
static unsigned digits_value(const char *s, size_t n)
{
    unsigned v = 0;
    for (size_t i = 0; i < n; i++)
        v = v * 10 + (unsigned)(s[i] - '0');
    return v;
}

static bool fixed_digits(const char *s, size_t len, size_t at, size_t n)
{
    return at + n <= len && all_of(s + at, n, is_digit);
}

/* ------------------------------------------------------------- email */

static bool is_email_local_char(char c)
{
    return is_alnum(c) || c == '_' || c == '\'' || c == '+' || c == '-' || c == '.';
}

static bool is_email_local_last(char c)
{
    return is_alnum(c) || c == '_' || c == '+' || c == '-';
}

/* zod 4.4: no leading '.', no "..", local part of [A-Za-z0-9_'+.-] ending
 * in [A-Za-z0-9_+-], '@', one or more labels [A-Za-z0-9][A-Za-z0-9-]*
 * each followed by '.', then a TLD of two or more ASCII letters. */
bool text_is_email(const char *s, size_t len)
{
    if (len == 0 || s[0] == '.')
        return false;
    for (size_t i = 0; i + 1 < len; i++)
        if (s[i] == '.' && s[i + 1] == '.')
            return false;
    const char *at = memchr(s, '@', len);
    if (!at || at == s)
        return false;
    size_t local_len = (size_t)(at - s);
    if (!all_of(s, local_len - 1, is_email_local_char) || !is_email_local_last(s[local_len - 1]))
        return false;
    const char *domain = at + 1;
    size_t domain_len = len - local_len - 1;
    const char *last_dot = NULL;
    for (size_t i = 0; i < domain_len; i++)
        if (domain[i] == '.')
            last_dot = domain + i;
    if (!last_dot)
        return false;
    size_t tld_len = domain_len - (size_t)(last_dot + 1 - domain);
    if (tld_len < 2 || !all_of(last_dot + 1, tld_len, is_alpha))
        return false;
    /* labels before the TLD */
    const char *label = domain;
    while (label < last_dot + 1) {
        const char *dot = memchr(label, '.', (size_t)(last_dot + 1 - label));
        size_t label_len = (size_t)(dot - label);
        if (label_len == 0 || !is_alnum(label[0]))
            return false;
        for (size_t i = 1; i < label_len; i++)
            if (!is_alnum(label[i]) && label[i] != '-')
                return false;
        label = dot + 1;
    }
    return true;
}

/* ------------------------------------------------------------- URL */

static bool is_scheme_char(char c) { return is_alnum(c) || c == '+' || c == '-' || c == '.'; }

static bool ascii_case_equal(const char *a, size_t len, const char *b)
{
    if (strlen(b) != len)
        return false;
    for (size_t i = 0; i < len; i++) {
        char x = a[i], y = b[i];
        if (x >= 'A' && x <= 'Z')
            x = (char)(x - 'A' + 'a');
        if (x != y)
            return false;
    }
    return true;
}

/* Code points the WHATWG host parser refuses in a domain. */
static bool is_forbidden_host_char(unsigned char c)
{
    return c <= 0x20 || c == 0x7f || strchr("#%/:<>?@[\\]^|", c) != NULL;
}

/* WHATWG treats a host whose last label is a number as IPv4; then every
 * part must be a number, all but the last at most 255 and the last less
 * than 256^(5 - parts).  Parts are read as decimal only (WHATWG also
 * reads 0x-prefixed hexadecimal and 0-prefixed octal parts). */
static bool ipv4_host_ok(const char *h, size_t len, bool *is_ipv4)
{
    size_t end = len;
    if (end > 0 && h[end - 1] == '.')
        end--;   /* one trailing dot is ignored */
    size_t last_start = end;
    while (last_start > 0 && h[last_start - 1] != '.')
        last_start--;
    *is_ipv4 = last_start < end && all_of(h + last_start, end - last_start, is_digit);
    if (!*is_ipv4)
        return true;
    size_t parts = 0, start = 0;
    uint64_t values[4] = {0, 0, 0, 0};
    for (size_t i = 0; i <= end; i++) {
        if (i < end && h[i] != '.')
            continue;
        size_t n = i - start;
        if (n == 0 || parts == 4 || !all_of(h + start, n, is_digit) || n > 10)
            return false;   /* more than 10 digits exceed 2^32 */
        uint64_t v = 0;
        for (size_t k = 0; k < n; k++)
            v = v * 10 + (uint64_t)(h[start + k] - '0');
        values[parts++] = v;
        start = i + 1;
    }
    for (size_t i = 0; i + 1 < parts; i++)
        if (values[i] > 255)
            return false;
    uint64_t limit = (uint64_t)1 << (8 * (5 - parts));
    return values[parts - 1] < limit;
}

static bool ipv6_host_ok(const char *h, size_t len)
{
    /* "[" ... "]" with hex digits, ':' and '.', at least one ':' */
    if (len < 4 || h[len - 1] != ']')
        return false;
    bool colon = false;
    for (size_t i = 1; i + 1 < len; i++) {
        if (h[i] == ':')
            colon = true;
        else if (!is_hex(h[i]) && h[i] != '.')
            return false;
    }
    return colon;
}

/* The authority of a special-scheme URL: [userinfo@]host[:port]. */
static bool special_authority_ok(const char *a, size_t len, bool host_required)
{
    const char *host = a;
    for (size_t i = len; i > 0; i--) {
        if (a[i - 1] == '@') {
            host = a + i;
            break;
        }
    }
    size_t host_len = len - (size_t)(host - a);
    size_t port_at = host_len;
    if (host_len > 0 && host[0] == '[') {
        const char *close = memchr(host, ']', host_len);
        if (!close)
            return false;
        port_at = (size_t)(close + 1 - host);
        if (port_at < host_len && host[port_at] != ':')
            return false;
    } else {
        const char *colon = memchr(host, ':', host_len);
        if (colon)
            port_at = (size_t)(colon - host);
    }
    if (port_at < host_len) {
        const char *port = host + port_at + 1;
        size_t port_len = host_len - port_at - 1;
        if (!all_of(port, port_len, is_digit))
            return false;
        if (port_len > 0) {
            size_t skip = 0;
            while (skip + 1 < port_len && port[skip] == '0')
                skip++;
            if (port_len - skip > 5 || digits_value(port + skip, port_len - skip) > 65535)
                return false;
        }
    }
    host_len = port_at;
    if (host_len == 0)
        return !host_required;
    if (host[0] == '[')
        return ipv6_host_ok(host, host_len);
    for (size_t i = 0; i < host_len; i++)
        if (is_forbidden_host_char((unsigned char)host[i]))
            return false;
    bool is_ipv4 = false;
    return ipv4_host_ok(host, host_len, &is_ipv4);
}

/* WHATWG-like: leading/trailing C0-or-space trimmed and tab/newline
 * ignored as the parser does; a scheme [A-Za-z][A-Za-z0-9+.-]* and ':';
 * for the special schemes http, https, ws, wss and ftp an authority with
 * a non-empty host (slashes and backslashes after the scheme skipped, as
 * the parser does, so "http:example.com" is accepted like in browsers);
 * "file:" may have an empty host ("file:///etc/hosts").  Hosts: no
 * forbidden code point, bracketed IPv6, dotted IPv4 numbers in range;
 * ports up to 65535.  Not reproduced: IDNA mapping of non-ASCII hosts
 * (accepted), percent-decoding of hosts, hexadecimal/octal IPv4 parts.
 * Any other scheme ("mailto:", "urn:", "javascript:") accepts any rest. */
bool text_is_url(const char *s, size_t len)
{
    while (len > 0 && (unsigned char)s[0] <= 0x20) {
        s++;
        len--;
    }
    while (len > 0 && (unsigned char)s[len - 1] <= 0x20)
        len--;
    if (len == 0 || !is_alpha(s[0]))
        return false;
    size_t i = 1;
    while (i < len && is_scheme_char(s[i]))
        i++;
    if (i >= len || s[i] != ':')
        return false;
    size_t scheme_len = i;
    static const char *const special[] = {"http", "https", "ws", "wss", "ftp"};
    bool is_file = ascii_case_equal(s, scheme_len, "file");
    bool is_special = is_file;
    for (size_t k = 0; k < sizeof special / sizeof special[0]; k++)
        is_special = is_special || ascii_case_equal(s, scheme_len, special[k]);
    if (!is_special)
        return true;
    i++;
    while (i < len && (s[i] == '/' || s[i] == '\\' || s[i] == '\t' || s[i] == '\n' || s[i] == '\r'))
        i++;
    size_t start = i;
    while (i < len && s[i] != '/' && s[i] != '\\' && s[i] != '?' && s[i] != '#')
        i++;
    if (is_file && start == i)
        return true;
    /* the authority, without the tabs and newlines the parser removes */
    char authority[256];
    size_t n = 0;
    for (size_t k = start; k < i; k++) {
        if (s[k] == '\t' || s[k] == '\n' || s[k] == '\r')
            continue;
        if (n == sizeof authority)
            return false;   /* longer than any DNS name */
        authority[n++] = s[k];
    }
    return special_authority_ok(authority, n, !is_file);
}

/* ------------------------------------------------------------- dates */

static bool is_leap_year(unsigned y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

static unsigned days_in_month(unsigned year, unsigned month)
{
    static const unsigned days[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return month == 2 && is_leap_year(year) ? 29 : days[month - 1];
}

bool text_is_date(const char *s, size_t len)
{
    if (len != 10 || !fixed_digits(s, len, 0, 4) || s[4] != '-' || !fixed_digits(s, len, 5, 2) ||
        s[7] != '-' || !fixed_digits(s, len, 8, 2))
        return false;
    unsigned year = digits_value(s, 4), month = digits_value(s + 5, 2), day = digits_value(s + 8, 2);
    return month >= 1 && month <= 12 && day >= 1 && day <= days_in_month(year, month);
}

/* hh:mm:ss with hours 00-23, minutes 00-59, seconds 00-60 (leap second). */
static bool time_of_day_ok(const char *s, size_t len)
{
    if (len < 8 || !fixed_digits(s, len, 0, 2) || s[2] != ':' || !fixed_digits(s, len, 3, 2) ||
        s[5] != ':' || !fixed_digits(s, len, 6, 2))
        return false;
    return digits_value(s, 2) <= 23 && digits_value(s + 3, 2) <= 59 && digits_value(s + 6, 2) <= 60;
}

/* RFC 3339 section 5.6: full-date "T" full-time, where full-time is
 * hh:mm:ss[.fraction] then "Z" or +hh:mm / -hh:mm ('t' and 'z' too). */
bool text_is_date_time(const char *s, size_t len)
{
    if (len < 20 || !text_is_date(s, 10) || (s[10] != 'T' && s[10] != 't'))
        return false;
    const char *t = s + 11;
    size_t rest = len - 11;
    if (!time_of_day_ok(t, rest))
        return false;
    size_t i = 8;
    if (i < rest && t[i] == '.') {
        size_t frac = ++i;
        while (i < rest && is_digit(t[i]))
            i++;
        if (i == frac)
            return false;
    }
    if (i < rest && (t[i] == 'Z' || t[i] == 'z'))
        return i + 1 == rest;
    if (i < rest && (t[i] == '+' || t[i] == '-')) {
        const char *off = t + i + 1;
        size_t off_len = rest - i - 1;
        return off_len == 5 && fixed_digits(off, off_len, 0, 2) && off[2] == ':' &&
               fixed_digits(off, off_len, 3, 2) && digits_value(off, 2) <= 23 &&
               digits_value(off + 3, 2) <= 59;
    }
    return false;
}

bool text_is_uuid(const char *s, size_t len)
{
    if (len != 36)
        return false;
    for (size_t i = 0; i < len; i++) {
        bool dash = i == 8 || i == 13 || i == 18 || i == 23;
        if (dash ? s[i] != '-' : !is_hex(s[i]))
            return false;
    }
    return true;
}

/* ------------------------------------------------------------- the other patterns */

/* ^\d{2}:\d{2}(:\d{2})?$ -- no range check, as in ContractSpec. */
static bool text_is_time(const char *s, size_t len)
{
    if (len != 5 && len != 8)
        return false;
    if (!fixed_digits(s, len, 0, 2) || s[2] != ':' || !fixed_digits(s, len, 3, 2))
        return false;
    return len == 5 || (s[5] == ':' && fixed_digits(s, len, 6, 2));
}

/* ^[+]?\d[\d\s().-]{3,}$ */
static bool text_is_phone(const char *s, size_t len)
{
    size_t i = 0;
    if (i < len && s[i] == '+')
        i++;
    if (i >= len || !is_digit(s[i]))
        return false;
    i++;
    size_t rest = len - i;
    if (rest < 3)
        return false;
    for (; i < len; i++)
        if (!is_digit(s[i]) && !is_space(s[i]) && s[i] != '(' && s[i] != ')' && s[i] != '.' &&
            s[i] != '-')
            return false;
    return true;
}

/* ^[A-Za-z]{2}(?:-[A-Za-z0-9]{2,8})*$ */
static bool text_is_locale(const char *s, size_t len)
{
    if (len < 2 || !is_alpha(s[0]) || !is_alpha(s[1]))
        return false;
    size_t i = 2;
    while (i < len) {
        if (s[i] != '-')
            return false;
        size_t start = ++i;
        while (i < len && is_alnum(s[i]))
            i++;
        if (i - start < 2 || i - start > 8)
            return false;
    }
    return true;
}

static bool is_zone_char(char c) { return is_alpha(c) || c == '_'; }

/* ^(?:UTC|[A-Za-z_]+\/[A-Za-z_]+)$ */
static bool text_is_time_zone(const char *s, size_t len)
{
    if (len == 3 && memcmp(s, "UTC", 3) == 0)
        return true;
    const char *slash = memchr(s, '/', len);
    if (!slash)
        return false;
    size_t left = (size_t)(slash - s), right = len - left - 1;
    return left > 0 && right > 0 && all_of(s, left, is_zone_char) &&
           all_of(slash + 1, right, is_zone_char);
}

static bool upper_letters(const char *s, size_t len, size_t n)
{
    return len == n && all_of(s, len, is_upper);
}

/* ------------------------------------------------------------- dispatch */

static bool is_number(const ir_value *v)
{
    return v->kind == IR_VALUE_INT || v->kind == IR_VALUE_FLOAT;
}

static double number_of(const ir_value *v)
{
    return v->kind == IR_VALUE_INT ? (double)v->int_value : v->float_value;
}

static const char *check_int(const ir_value *v)
{
    if (v->kind == IR_VALUE_INT) {
        if (v->int_value > (int64_t)MAX_SAFE_INTEGER || v->int_value < -(int64_t)MAX_SAFE_INTEGER)
            return "expected an integer within ±(2^53-1)";
        return NULL;
    }
    if (v->kind != IR_VALUE_FLOAT)
        return "expected an integer";
    double d = v->float_value;
    if (!isfinite(d) || floor(d) != d)
        return "expected an integer, not a fraction";
    if (fabs(d) > MAX_SAFE_INTEGER)
        return "expected an integer within ±(2^53-1)";
    return NULL;
}

static const char *check_range(const ir_value *v, double lo, double hi, const char *reason)
{
    if (!is_number(v))
        return reason;
    double d = number_of(v);
    return isfinite(d) && d >= lo && d <= hi ? NULL : reason;
}

/* Rules for string scalars: the predicate and the reason when it fails. */
static const char *check_string(const ir_value *v, bool (*ok)(const char *, size_t),
                                const char *reason)
{
    if (v->kind != IR_VALUE_STRING)
        return reason;
    return ok(v->string_value, v->string_len) ? NULL : reason;
}

static bool any_text(const char *s, size_t len)
{
    (void)s;
    (void)len;
    return true;
}

static bool non_empty_text(const char *s, size_t len)
{
    (void)s;
    return len > 0;
}

static bool currency_text(const char *s, size_t len) { return upper_letters(s, len, 3); }
static bool country_text(const char *s, size_t len) { return upper_letters(s, len, 2); }

const char *scalar_check_value(ir_scalar scalar, const ir_value *value)
{
    if (!value)
        return "expected a value";
    switch (scalar) {
    case IR_SCALAR_STRING_UNSECURE:
    case IR_SCALAR_ID:
        return check_string(value, any_text, "expected a string");
    case IR_SCALAR_INT_UNSECURE:
        return check_int(value);
    case IR_SCALAR_FLOAT_UNSECURE:
        return check_range(value, -INFINITY, INFINITY, "expected a finite number");
    case IR_SCALAR_BOOLEAN:
        return value->kind == IR_VALUE_BOOL ? NULL : "expected true or false";
    case IR_SCALAR_JSON:
        return NULL;
    case IR_SCALAR_JSON_OBJECT:
        return value->kind == IR_VALUE_OBJECT ? NULL : "expected an object";
    case IR_SCALAR_DATE:
        return check_string(value, text_is_date, "expected a calendar date YYYY-MM-DD");
    case IR_SCALAR_DATE_TIME:
        return check_string(value, text_is_date_time,
                            "expected an RFC 3339 date-time (YYYY-MM-DDThh:mm:ssZ)");
    case IR_SCALAR_TIME:
        return check_string(value, text_is_time, "expected a time hh:mm or hh:mm:ss");
    case IR_SCALAR_EMAIL_ADDRESS:
        return check_string(value, text_is_email, "expected an email address (name@example.com)");
    case IR_SCALAR_URL:
        return check_string(value, text_is_url, "expected a URL with a scheme (https://...)");
    case IR_SCALAR_PHONE_NUMBER:
        return check_string(value, text_is_phone,
                            "expected a phone number (optional +, a digit, then 3 or more "
                            "digits, spaces or ().-)");
    case IR_SCALAR_NON_EMPTY_STRING:
        return check_string(value, non_empty_text, "expected a non-empty string");
    case IR_SCALAR_LOCALE:
        return check_string(value, text_is_locale,
                            "expected a locale (two letters, then -subtags: en, en-US)");
    case IR_SCALAR_TIME_ZONE:
        return check_string(value, text_is_time_zone,
                            "expected a time zone (UTC or Area/Location with one slash)");
    case IR_SCALAR_LATITUDE:
        return check_range(value, -90, 90, "expected a latitude, a number from -90 to 90");
    case IR_SCALAR_LONGITUDE:
        return check_range(value, -180, 180, "expected a longitude, a number from -180 to 180");
    case IR_SCALAR_CURRENCY:
        return check_string(value, currency_text, "expected 3 upper-case letters (EUR)");
    case IR_SCALAR_COUNTRY_CODE:
        return check_string(value, country_text, "expected 2 upper-case letters (FR)");
    case IR_SCALAR_UNSET:
    case IR_SCALAR_UNKNOWN:
        break;
    }
    return NULL;   /* an unknown scalar was reported where it was written */
}
