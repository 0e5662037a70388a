/* zb_notes — the lines under a result table: why rows could not be
 * assessed, which findings need action.  Names sharing a reason are grouped
 * ("2023 年没有数值（12 项）：森林覆盖率、…"), so that a long table does not
 * end in a long list of the same sentence.
 *
 * Ownership: zb_notes_init on caller storage; zb_notes_add copies its
 * strings; zb_notes_free frees them all.
 */
#ifndef ZB_NOTES_H
#define ZB_NOTES_H

#include <stdio.h>

typedef struct zb_note {
    char *reason;
    char *names;     /* joined with 、 (or ", " in English) */
    size_t len, cap;
    int count;
} zb_note;

typedef struct zb_notes {
    zb_note *items;
    size_t n, cap;
} zb_notes;

void zb_notes_init(zb_notes *ns);
void zb_notes_free(zb_notes *ns);
/* Adds name under reason (grouped with earlier ones of the same reason).
 * Returns 0, or -1 when out of memory (the note is dropped). */
int zb_notes_add(zb_notes *ns, const char *reason, const char *name);
/* Prints one line a reason: "  name：reason" for a single name, else
 * "  reason（N 项）：name、name…".  Nothing when empty. */
void zb_notes_print(const zb_notes *ns, FILE *out);
/* How many names were added. */
size_t zb_notes_count(const zb_notes *ns);

#endif
