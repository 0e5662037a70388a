/* zb_namematch — an indicator name as a bureau typed it, matched to a code.
 *
 * A plan table exported from Excel names its indicators the way the
 * document prints them: full-width brackets (地区生产总值（GDP）), spaces,
 * units in the name (常住人口城镇化率(%)), a footnote mark.  Names are
 * compared by a key: NFKC (full-width forms to ASCII), case folded,
 * whitespace and quotes removed, every bracket pair made "(" ")".  A name
 * matches when its key equals a candidate's; failing that, when its key
 * with bracketed groups and a trailing unit removed equals exactly one
 * candidate's so stripped.  What matches nothing gets suggestions: the
 * candidates nearest by edit distance (in characters).
 *
 * Ownership: zb_namematch_new allocates; zb_namematch_free frees it and the
 * copies it keeps.  zb_name_key allocates its result; the caller frees.
 */
#ifndef ZB_NAMEMATCH_H
#define ZB_NAMEMATCH_H

#include <stddef.h>

/* The matching key of name (NULL on OOM or invalid UTF-8).  With strip,
 * bracketed groups, a trailing % or ‰ and a trailing `unit` (may be NULL)
 * are removed as well.  Caller frees. */
char *zb_name_key(const char *name, int strip, const char *unit);

/* Levenshtein distance between two UTF-8 strings, in code points. */
size_t zb_name_distance(const char *a, const char *b);

typedef struct zb_namematch zb_namematch;

zb_namematch *zb_namematch_new(void);
void zb_namematch_free(zb_namematch *m);
/* Adds a candidate name for id (an id may have several names: aliases).
 * Returns 0, or -1 on OOM. */
int zb_namematch_add(zb_namematch *m, const char *name, long id);

enum { ZB_MATCH_NONE = -1, ZB_MATCH_AMBIGUOUS = -2 };

/* The id name stands for; ZB_MATCH_NONE, or ZB_MATCH_AMBIGUOUS when the
 * stripped key fits several ids (up to nids of them go to ids, their count
 * to *nfound).  unit: the unit given beside the name, may be NULL. */
long zb_namematch_find(const zb_namematch *m, const char *name, const char *unit,
                       long *ids, size_t nids, size_t *nfound);

/* Up to n candidates nearest to name (distinct ids, nearest first): within
 * a third of the name's length in edits (at least 2), or holding all of its
 * characters in order (a name with words left out); returns the count.
 * names[i] (may be NULL) gets the candidate's name as added, borrowed. */
size_t zb_namematch_suggest(const zb_namematch *m, const char *name, const char *unit,
                            long *ids, const char **names, size_t n);

#endif
