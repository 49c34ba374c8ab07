/* semver: Semantic Versioning 2.0.0, strictly (https://semver.org):
 * numeric parts without leading zeros, dot-separated pre-release and
 * build identifiers of [0-9A-Za-z-], numeric pre-release identifiers
 * without leading zeros. */
#include "semver.h"

#include <string.h>

static bool is_digit(char c) { return c >= '0' && c <= '9'; }

static bool is_ident_char(char c)
{
    return is_digit(c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '-';
}

/* A numeric part: "0" or a digit run not starting with 0, fitting uint64. */
static const char *parse_number(const char *p, uint64_t *out)
{
    if (!is_digit(*p) || (p[0] == '0' && is_digit(p[1])))
        return NULL;
    uint64_t value = 0;
    for (; is_digit(*p); p++) {
        uint64_t digit = (uint64_t)(*p - '0');
        if (value > (UINT64_MAX - digit) / 10)
            return NULL;
        value = value * 10 + digit;
    }
    *out = value;
    return p;
}

/* Dot-separated non-empty identifiers up to '+' or the end.  Returns the
 * end, or NULL on a malformed identifier. */
static const char *parse_identifiers(const char *p, bool forbid_leading_zero)
{
    for (;;) {
        const char *start = p;
        bool all_digits = true;
        while (is_ident_char(*p)) {
            all_digits = all_digits && is_digit(*p);
            p++;
        }
        size_t len = (size_t)(p - start);
        if (len == 0)
            return NULL;
        if (forbid_leading_zero && all_digits && len > 1 && start[0] == '0')
            return NULL;
        if (*p != '.')
            return p;
        p++;
    }
}

bool semver_parse(const char *text, semver *out)
{
    if (!text || !out)
        return false;
    semver v;
    memset(&v, 0, sizeof v);
    const char *p = parse_number(text, &v.major);
    if (!p || *p != '.' || !(p = parse_number(p + 1, &v.minor)) || *p != '.' ||
        !(p = parse_number(p + 1, &v.patch)))
        return false;
    if (*p == '-') {
        const char *start = p + 1;
        p = parse_identifiers(start, true);
        if (!p)
            return false;
        v.prerelease = start;
        v.prerelease_len = (size_t)(p - start);
    }
    if (*p == '+') {
        p = parse_identifiers(p + 1, false);
        if (!p)
            return false;
    }
    if (*p != '\0')
        return false;
    *out = v;
    return true;
}

static int cmp_u64(uint64_t a, uint64_t b) { return (a > b) - (a < b); }

static bool all_digits(const char *s, size_t len)
{
    for (size_t i = 0; i < len; i++)
        if (!is_digit(s[i]))
            return false;
    return true;
}

/* One pre-release identifier against another (SemVer rule 11.4). */
static int compare_identifier(const char *a, size_t la, const char *b, size_t lb)
{
    bool na = all_digits(a, la), nb = all_digits(b, lb);
    if (na && nb) {
        /* no leading zeros, so the longer number is the larger one */
        if (la != lb)
            return la < lb ? -1 : 1;
        int c = memcmp(a, b, la);
        return (c > 0) - (c < 0);
    }
    if (na != nb)
        return na ? -1 : 1;   /* numeric identifiers sort first */
    int c = memcmp(a, b, la < lb ? la : lb);
    if (c != 0)
        return (c > 0) - (c < 0);
    return cmp_u64(la, lb);
}

static size_t identifier_length(const char *s, size_t remaining)
{
    const char *dot = memchr(s, '.', remaining);
    return dot ? (size_t)(dot - s) : remaining;
}

static int compare_prerelease(const semver *a, const semver *b)
{
    if (!a->prerelease || !b->prerelease) {
        /* a version without pre-release ranks above one with it */
        if (!a->prerelease && !b->prerelease)
            return 0;
        return a->prerelease ? -1 : 1;
    }
    const char *pa = a->prerelease, *pb = b->prerelease;
    size_t ra = a->prerelease_len, rb = b->prerelease_len;
    for (;;) {
        if (ra == 0 || rb == 0)
            return cmp_u64(ra, rb);   /* more identifiers rank higher */
        size_t la = identifier_length(pa, ra), lb = identifier_length(pb, rb);
        int c = compare_identifier(pa, la, pb, lb);
        if (c != 0)
            return c;
        pa += la;
        ra -= la;
        pb += lb;
        rb -= lb;
        if (ra > 0) { pa++; ra--; }
        if (rb > 0) { pb++; rb--; }
    }
}

int semver_compare(const semver *a, const semver *b)
{
    int c = cmp_u64(a->major, b->major);
    if (c == 0)
        c = cmp_u64(a->minor, b->minor);
    if (c == 0)
        c = cmp_u64(a->patch, b->patch);
    if (c == 0)
        c = compare_prerelease(a, b);
    return c;
}
