/* semver: Semantic Versioning 2.0.0 parsing and precedence. */
#ifndef CONTRACTC_SEMVER_H
#define CONTRACTC_SEMVER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef struct semver {
    uint64_t major, minor, patch;
    const char *prerelease;     /* points into the parsed text, NULL if none */
    size_t prerelease_len;
} semver;

/* Strict: MAJOR.MINOR.PATCH[-PRERELEASE][+BUILD], no leading zeros. */
bool semver_parse(const char *text, semver *out);

/* <0, 0, >0 by SemVer precedence (build metadata ignored). */
int semver_compare(const semver *a, const semver *b);

#endif
