/* zb_frame — selections of observation rows, and bulk work over them.
 *
 * A selection is a list of row numbers into the zb_obs columns, never a copy
 * of the values: selecting all GDP figures of a province's counties, or a
 * range check over sixteen million values, walks the flat columns once.
 * The Lua frame (lua/lzb_select.c) holds one of these and hands values to a
 * script only when it asks for them.
 *
 * Row sets are ascending (file order).  A zb_rows with rows == NULL stands
 * for the first n rows, 0 .. n-1, so that "every row" costs no memory.
 * Statistics skip missing values (NaN) and count them apart; sums use
 * compensated (Neumaier) summation, so that adding millions of figures does
 * not drift and the result does not depend on the order of the rows.
 *
 * Ownership: functions that fill a zb_rows allocate out->rows (caller frees
 * with free(); it may be NULL when out->n is 0).  Row numbers stay valid as
 * long as the observations are only appended to.  Nothing else allocates.
 */
#ifndef ZB_FRAME_H
#define ZB_FRAME_H

#include <stddef.h>
#include <stdint.h>

#include "zb_obs.h"

/* Years a filter can name: the range zb_load accepts. */
enum { ZB_YEAR_FIRST = 1900, ZB_YEAR_LAST = 2200 };

typedef struct zb_rows {
    uint32_t *rows;   /* NULL: rows 0 .. n-1 */
    size_t n;
} zb_rows;

/* Row i of a set. */
static inline uint32_t zb_rows_at(const zb_rows *r, size_t i)
{
    return r->rows ? r->rows[i] : (uint32_t)i;
}

/* What a selection keeps.  A NULL flag array lets everything through. */
typedef struct zb_filter {
    const uint8_t *regions;     /* nregions flags, by region index */
    size_t nregions;
    const uint8_t *indicators;  /* nindicators flags, by indicator index */
    size_t nindicators;
    const uint8_t *years;       /* flags for ZB_YEAR_FIRST .. ZB_YEAR_LAST */
    unsigned statuses;          /* bit 1 << status per allowed status; 0: any */
    int missing;                /* -1 any, 0 rows with a value, 1 missing rows */
} zb_filter;

/* A filter that lets every row through. */
zb_filter zb_filter_any(void);

/* The rows of `in` that pass f, ascending.  When `in` is every row and the
 * observations' indexes are current, a filter that names one indicator, one
 * region or one year walks only that index list.  Returns 0, -1 when out of
 * memory (out is then empty). */
int zb_frame_select(const zb_obs *o, const zb_rows *in, const zb_filter *f, zb_rows *out);

/* The rows of one region x indicator, ordered by year, written to buf (room
 * for cap rows).  A cell has one row per year, so o->year_max - o->year_min
 * + 1 rows always suffice.  Returns the count, or -1 when buf is too small.
 * Allocates nothing. */
long zb_frame_series(const zb_obs *o, int32_t region, int32_t indicator, uint32_t *buf,
                     size_t cap);

typedef struct zb_stats {
    size_t count;      /* rows with a value */
    size_t missing;    /* rows whose value is missing */
    double sum;        /* 0 when count is 0 */
    double min, max;   /* NaN when count is 0 */
    size_t min_at, max_at; /* positions in the row set of the first min / max */
    double comp;       /* summation's running error; folded into sum at the end */
} zb_stats;

/* Count, missing, sum, min and max of the values of r, in one pass. */
void zb_frame_stats(const zb_obs *o, const zb_rows *r, zb_stats *st);

/* The rows of r whose value lies below lo or above hi (NaN bounds are open:
 * lo = NaN means no lower bound).  Missing values are never outside.
 * Returns 0, or -1 when out of memory. */
int zb_frame_outside(const zb_obs *o, const zb_rows *r, double lo, double hi, zb_rows *out);

typedef enum { ZB_BY_REGION = 0, ZB_BY_INDICATOR, ZB_BY_YEAR } zb_group_by;

/* The number of groups `by` needs: regions, indicators, or years from
 * o->year_min to o->year_max. */
size_t zb_frame_group_count(const zb_obs *o, size_t nregions, size_t nindicators, zb_group_by by);
/* Statistics per group: groups[k] for region or indicator index k, or for
 * year o->year_min + k.  groups has ngroups entries (zb_frame_group_count);
 * min_at/max_at are positions in r.  Returns 0, or -1 when a row's key does
 * not fit in ngroups. */
int zb_frame_group(const zb_obs *o, const zb_rows *r, zb_group_by by, zb_stats *groups,
                   size_t ngroups);

#endif
