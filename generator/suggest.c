/* suggest: "did you mean" by optimal-string-alignment distance (the
 * Damerau-Levenshtein variant where a transposition counts as one edit),
 * compared without regard to ASCII case so `Connectionmodel` still finds
 * `ConnectionModel`. */
#include "suggest.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

static size_t min2(size_t a, size_t b) { return a < b ? a : b; }

static int fold(char c) { return tolower((unsigned char)c); }

/* Distance between a and b, or limit + 1 when it exceeds limit (or when
 * memory runs out), so the caller can skip hopeless candidates early. */
static size_t osa_distance(const char *a, size_t la, const char *b, size_t lb, size_t limit)
{
    size_t gap = la > lb ? la - lb : lb - la;
    if (gap > limit)
        return limit + 1;
    /* three rows: two back (for transpositions), previous, current */
    size_t *rows = malloc(3 * (lb + 1) * sizeof *rows);
    if (!rows)
        return limit + 1;
    size_t *before = rows, *prev = rows + (lb + 1), *cur = rows + 2 * (lb + 1);
    for (size_t j = 0; j <= lb; j++)
        prev[j] = j;
    for (size_t i = 1; i <= la; i++) {
        cur[0] = i;
        size_t row_min = cur[0];
        for (size_t j = 1; j <= lb; j++) {
            size_t cost = fold(a[i - 1]) == fold(b[j - 1]) ? 0 : 1;
            size_t best = min2(prev[j] + 1, min2(cur[j - 1] + 1, prev[j - 1] + cost));
            if (i > 1 && j > 1 && fold(a[i - 1]) == fold(b[j - 2]) &&
                fold(a[i - 2]) == fold(b[j - 1]))
                best = min2(best, before[j - 2] + 1);
            cur[j] = best;
            row_min = min2(row_min, best);
        }
        if (row_min > limit) {   /* every later row is at least this far */
            free(rows);
            return limit + 1;
        }
        size_t *recycled = before;
        before = prev;
        prev = cur;
        cur = recycled;
    }
    size_t result = prev[lb];
    free(rows);
    return result;
}

const char *suggest_closest(const char *word, const char *const *candidates, size_t count)
{
    if (!word || !candidates)
        return NULL;
    size_t len = strlen(word);
    size_t limit = len / 3 > 1 ? len / 3 : 1;
    const char *best = NULL;
    size_t best_distance = limit + 1;
    for (size_t i = 0; i < count; i++) {
        const char *candidate = candidates[i];
        if (!candidate)
            continue;
        /* ties keep the first candidate, so output is deterministic */
        /* only a strictly closer candidate can replace the current best */
        size_t d = osa_distance(word, len, candidate, strlen(candidate), best_distance - 1);
        if (d < best_distance) {
            best = candidate;
            best_distance = d;
            if (d == 0)
                break;
        }
    }
    return best;
}
