#include "zb_target.h"

#include <stdlib.h>
#include <string.h>

void zb_targets_init(zb_targets *ts) { memset(ts, 0, sizeof *ts); }

void zb_targets_free(zb_targets *ts)
{
    free(ts->items);
    zb_targets_init(ts);
}

long zb_targets_add(zb_targets *ts, const zb_target *t)
{
    if (ts->count == ts->cap) {
        size_t cap = ts->cap ? ts->cap * 2 : 64;
        zb_target *items = realloc(ts->items, cap * sizeof *items);
        if (!items)
            return -1;
        ts->items = items;
        ts->cap = cap;
    }
    ts->items[ts->count] = *t;
    return (long)ts->count++;
}

long zb_targets_find(const zb_targets *ts, uint32_t plan, int32_t region,
                     int32_t indicator, int target_year)
{
    /* Plans hold tens of targets, not millions: a scan is the right tool. */
    for (size_t i = 0; i < ts->count; i++) {
        const zb_target *t = &ts->items[i];
        if (t->plan == plan && t->region == region && t->indicator == indicator &&
            t->target_year == target_year)
            return (long)i;
    }
    return -1;
}
