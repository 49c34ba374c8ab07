/* diag: compiler diagnostics.
 *
 * Collects errors, warnings and notes with their source location, sorts
 * them by file and position, and prints them in GCC's format:
 *
 *     path:line:col: error: message
 *
 * Lines and columns are 1-based (libyaml's marks are 0-based: the loader
 * converts).  A note is attached to the diagnostic added just before it
 * (for example the first place of a duplicate) and stays right after it
 * when the set is sorted.
 *
 * Ownership: a diag_set owns copies of every file name and message given
 * to it; diag_set_free(NULL) is a no-op.
 */
#ifndef CONTRACTC_DIAG_H
#define CONTRACTC_DIAG_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

typedef enum diag_severity {
    DIAG_ERROR,
    DIAG_WARNING,
    DIAG_NOTE
} diag_severity;

/* A place in a source file.  file may be NULL for diagnostics that are not
 * about a file (then the location prints as "contractc"); line/col 0 means
 * "whole file". */
typedef struct src_loc {
    const char *file;
    unsigned line;
    unsigned col;
} src_loc;

typedef struct diag {
    diag_severity severity;
    src_loc loc;        /* loc.file is owned by the set */
    char *message;      /* owned by the set */
    size_t seq;         /* insertion order, the last sort key */
    size_t parent;      /* for notes: index of the diagnostic they belong to */
} diag;

typedef struct diag_set diag_set;

diag_set *diag_set_new(void);
void diag_set_free(diag_set *set);

/* Under --werror warnings count (and print) as errors. */
void diag_set_werror(diag_set *set, bool werror);

#if defined(__GNUC__)
#define DIAG_PRINTF(fmt_index, first_arg) __attribute__((format(printf, fmt_index, first_arg)))
#else
#define DIAG_PRINTF(fmt_index, first_arg)
#endif

void diag_error(diag_set *set, src_loc loc, const char *fmt, ...) DIAG_PRINTF(3, 4);
void diag_warning(diag_set *set, src_loc loc, const char *fmt, ...) DIAG_PRINTF(3, 4);
/* Attaches a note to the last error or warning added. */
void diag_note(diag_set *set, src_loc loc, const char *fmt, ...) DIAG_PRINTF(3, 4);
void diag_add(diag_set *set, diag_severity severity, src_loc loc, const char *fmt, ...)
    DIAG_PRINTF(4, 5);
void diag_addv(diag_set *set, diag_severity severity, src_loc loc, const char *fmt, va_list ap)
    DIAG_PRINTF(4, 0);

/* Counts after --werror promotion (a promoted warning counts as an error).
 * A diagnostic that could not be recorded for lack of memory still counts
 * (diag_lost_count), so a run that lost an error never looks clean;
 * diag_print ends with a line saying how many were lost. */
size_t diag_error_count(const diag_set *set);
size_t diag_warning_count(const diag_set *set);
bool diag_has_errors(const diag_set *set);
size_t diag_lost_count(const diag_set *set);

/* Number of diagnostics (notes included) and access in current order. */
size_t diag_count(const diag_set *set);
const diag *diag_at(const diag_set *set, size_t index);

/* Stable sort by file, line, column; notes stay after their parent. */
void diag_sort(diag_set *set);

/* Prints every diagnostic in GCC format, one per line. */
void diag_print(const diag_set *set, FILE *out);

/* Formats one diagnostic in GCC format into buf (truncated to size);
 * returns the length it would have. For tests.  A location without a file
 * prints as "contractc: error: ..."; line 0 as "path: error: ..." (the
 * whole file); column 0 as "path:line: error: ...". */
int diag_format(const diag_set *set, const diag *d, char *buf, size_t size);

/* The summary line, "N errors, M warnings in K files" (singular for 1),
 * counted after --werror promotion; file_count comes from the caller
 * (load_set_file_count).  Same return convention as diag_format. */
int diag_format_summary(const diag_set *set, size_t file_count, char *buf, size_t size);
void diag_print_summary(const diag_set *set, size_t file_count, FILE *out);

#endif
