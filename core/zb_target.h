/* zb_target — plan targets as the plan documents print them.
 *
 * A target keeps its texts exactly (`10左右`, `60以上`, `——`, free text):
 * parsing the qualifiers belongs to the growth module, and a bureau must be
 * able to see what the document said.  The base value is a number when the
 * printed base is one; a corrected typo (`4..03` -> 4.03) keeps both, with a
 * note.
 *
 * Ownership: a zb_targets belongs to its dataset; pointers are borrowed until
 * the next add or the dataset's free.  Strings are strtab ids.
 */
#ifndef ZB_TARGET_H
#define ZB_TARGET_H

#include <stddef.h>
#include <stdint.h>

#include "zb_indicator.h"

typedef struct zb_target {
    uint32_t plan, plan_name;              /* strtab ids */
    int32_t region, indicator;             /* indexes */
    int base_year, target_year;            /* 0 when not given */
    uint32_t base_text;
    double base_value;                     /* NaN when none */
    int base_corrected;                    /* base_value given beside a bad base_text */
    uint32_t target_text, growth_text, achieved_text, achieved_growth_text;
    zb_attribute attribute;                /* ZB_ATTR_NONE: the indicator's */
    uint32_t source, note;
    unsigned long line;
    /* Where the texts sit, for a message about a malformed one: the file
     * (strtab id), and the 1-based character column of the first character
     * of target_text and growth_text on the line (0 when unknown). */
    uint32_t file;
    unsigned long target_col, growth_col;
} zb_target;

typedef struct zb_targets {
    zb_target *items;
    size_t count, cap;
} zb_targets;

void zb_targets_init(zb_targets *ts);
void zb_targets_free(zb_targets *ts);
/* Appends a copy; returns the index or -1 on OOM. */
long zb_targets_add(zb_targets *ts, const zb_target *t);
/* Index of the target for (plan, region, indicator, target year), or -1. */
long zb_targets_find(const zb_targets *ts, uint32_t plan, int32_t region,
                     int32_t indicator, int target_year);

#endif
