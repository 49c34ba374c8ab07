/* contractc/version.h: the runtime library's version.
 *
 * Generated code compares these macros with the version it was generated
 * for and stops the build with #error when the major versions differ (the
 * handshake nanopb does between its generator and runtime).  A program
 * linked against the shared library can also compare the compile-time
 * number with cs_runtime_version_number() to detect a mismatched .so.
 *
 * The major version changes when a public structure or function signature
 * changes incompatibly; the minor version when something is added.
 */
#ifndef CONTRACTC_VERSION_H
#define CONTRACTC_VERSION_H

#ifdef __cplusplus
extern "C" {
#endif

#define CS_RUNTIME_VERSION_MAJOR 0
#define CS_RUNTIME_VERSION_MINOR 1
#define CS_RUNTIME_VERSION_PATCH 0
#define CS_RUNTIME_VERSION_STRING "0.1.0"

/* MAJOR * 10000 + MINOR * 100 + PATCH, usable in #if. */
#define CS_RUNTIME_VERSION_NUMBER \
    (CS_RUNTIME_VERSION_MAJOR * 10000 + CS_RUNTIME_VERSION_MINOR * 100 + CS_RUNTIME_VERSION_PATCH)

/* The version the library was built as (CS_RUNTIME_VERSION_NUMBER of the
 * library's own build). */
int cs_runtime_version_number(void);
const char *cs_runtime_version_string(void);

#ifdef __cplusplus
}
#endif

#endif
