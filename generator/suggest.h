/* suggest: "did you mean" — the closest candidate to a misspelt word by
 * edit distance (Damerau-Levenshtein, case-insensitive), when it is close
 * enough to be a likely typo. */
#ifndef CONTRACTC_SUGGEST_H
#define CONTRACTC_SUGGEST_H

#include <stddef.h>

/* Returns the best candidate, or NULL when none is close enough
 * (distance <= max(1, strlen(word) / 3)). */
const char *suggest_closest(const char *word, const char *const *candidates, size_t count);

#endif
