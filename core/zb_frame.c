#include "zb_frame.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

zb_filter zb_filter_any(void)
{
    zb_filter f;
    memset(&f, 0, sizeof f);
    f.missing = -1;
    return f;
}

static int passes(const zb_obs *o, uint32_t row, const zb_filter *f)
{
    if (f->regions && !f->regions[o->region[row]])
        return 0;
    if (f->indicators && !f->indicators[o->indicator[row]])
        return 0;
    if (f->years) {
        int y = o->year[row];
        if (y < ZB_YEAR_FIRST || y > ZB_YEAR_LAST || !f->years[y - ZB_YEAR_FIRST])
            return 0;
    }
    if (f->statuses && !(f->statuses & (1u << o->status[row])))
        return 0;
    if (f->missing >= 0 && (isnan(o->value[row]) ? 1 : 0) != f->missing)
        return 0;
    return 1;
}

/* The one key a flag array lets through, or -1 when it lets through none or
 * several. */
static long only_key(const uint8_t *flags, size_t n)
{
    long key = -1;
    for (size_t k = 0; k < n; k++) {
        if (!flags[k])
            continue;
        if (key >= 0)
            return -1;
        key = (long)k;
    }
    return key;
}

/* Narrows every row to the shortest index list the filter allows (one
 * region, indicator or year); *cand keeps the full set when none applies. */
static void narrow(const zb_obs *o, const zb_filter *f, zb_rows *cand)
{
    size_t best = cand->n;
    const uint32_t *best_rows = NULL;
    size_t n;
    const uint32_t *rows;
    long k;
    if (f->indicators && zb_obs_index_ready(o, ZB_OBS_BY_INDICATOR, f->nindicators) &&
        (k = only_key(f->indicators, f->nindicators)) >= 0) {
        rows = zb_obs_rows_for_indicator(o, (int32_t)k, &n);
        if (n < best) {
            best = n;
            best_rows = rows;
        }
    }
    if (f->regions && zb_obs_index_ready(o, ZB_OBS_BY_REGION, f->nregions) &&
        (k = only_key(f->regions, f->nregions)) >= 0) {
        rows = zb_obs_rows_for_region(o, (int32_t)k, &n);
        if (n < best) {
            best = n;
            best_rows = rows;
        }
    }
    if (f->years && o->count && zb_obs_index_ready(o, ZB_OBS_BY_YEAR, (size_t)(o->year_max - o->year_min + 1)) &&
        (k = only_key(f->years, ZB_YEAR_LAST - ZB_YEAR_FIRST + 1)) >= 0) {
        rows = zb_obs_rows_for_year(o, (int)k + ZB_YEAR_FIRST, &n);
        if (n < best) {
            best = n;
            best_rows = rows;
        }
    }
    if (best < cand->n) {
        /* The index lists are in file order, so the narrowed set stays
         * ascending.  They are read only. */
        cand->rows = (uint32_t *)best_rows;
        cand->n = best;
    }
}

int zb_frame_select(const zb_obs *o, const zb_rows *in, const zb_filter *f, zb_rows *out)
{
    zb_rows cand = *in;
    out->rows = NULL;
    out->n = 0;
    if (!cand.rows && cand.n == o->count)
        narrow(o, f, &cand);
    if (cand.n == 0)
        return 0;
    out->rows = malloc(cand.n * sizeof *out->rows);
    if (!out->rows)
        return -1;
    size_t n = 0;
    for (size_t i = 0; i < cand.n; i++) {
        uint32_t row = zb_rows_at(&cand, i);
        if (passes(o, row, f))
            out->rows[n++] = row;
    }
    out->n = n;
    if (n == 0) {
        free(out->rows);
        out->rows = NULL;
    } else if (n < cand.n / 2) {
        uint32_t *shrunk = realloc(out->rows, n * sizeof *shrunk);
        if (shrunk)
            out->rows = shrunk;
    }
    return 0;
}

long zb_frame_series(const zb_obs *o, int32_t region, int32_t indicator, uint32_t *buf,
                     size_t cap)
{
    /* Walk the shorter of the region's and the indicator's index lists;
     * without current indexes, every row. */
    zb_rows cand = {NULL, o->count};
    size_t n;
    const uint32_t *rows;
    if (zb_obs_index_ready(o, ZB_OBS_BY_REGION, o->ix_nregions)) {
        rows = zb_obs_rows_for_region(o, region, &n);
        cand = (zb_rows){(uint32_t *)rows, n};
    }
    if (zb_obs_index_ready(o, ZB_OBS_BY_INDICATOR, o->by_indicator.n)) {
        rows = zb_obs_rows_for_indicator(o, indicator, &n);
        if (n < cand.n)
            cand = (zb_rows){(uint32_t *)rows, n};
    }
    n = 0;
    for (size_t i = 0; i < cand.n; i++) {
        uint32_t row = zb_rows_at(&cand, i);
        if (o->region[row] != region || o->indicator[row] != indicator)
            continue;
        if (n == cap)
            return -1;
        /* Insertion by year: a series has one row per year, a few dozen at
         * most, and the rows usually come in year order already. */
        size_t j = n++;
        while (j > 0 && o->year[buf[j - 1]] > o->year[row]) {
            buf[j] = buf[j - 1];
            j--;
        }
        buf[j] = row;
    }
    return (long)n;
}

static void stats_init(zb_stats *st)
{
    memset(st, 0, sizeof *st);
    st->min = st->max = NAN;
}

/* Neumaier's compensated sum: the rounding error of each addition is kept
 * in comp and added back at the end. */
static inline void stats_add(zb_stats *st, double v, size_t pos)
{
    if (isnan(v)) {
        st->missing++;
        return;
    }
    double t = st->sum + v;
    if (fabs(st->sum) >= fabs(v))
        st->comp += (st->sum - t) + v;
    else
        st->comp += (v - t) + st->sum;
    st->sum = t;
    if (st->count == 0 || v < st->min) {
        st->min = v;
        st->min_at = pos;
    }
    if (st->count == 0 || v > st->max) {
        st->max = v;
        st->max_at = pos;
    }
    st->count++;
}

static void stats_finish(zb_stats *st)
{
    st->sum += st->comp;
    st->comp = 0;
}

void zb_frame_stats(const zb_obs *o, const zb_rows *r, zb_stats *st)
{
    stats_init(st);
    const double *value = o->value;
    if (r->rows) {
        for (size_t i = 0; i < r->n; i++)
            stats_add(st, value[r->rows[i]], i);
    } else {
        for (size_t i = 0; i < r->n; i++)
            stats_add(st, value[i], i);
    }
    stats_finish(st);
}

int zb_frame_outside(const zb_obs *o, const zb_rows *r, double lo, double hi, zb_rows *out)
{
    out->rows = NULL;
    out->n = 0;
    if (isnan(lo))
        lo = -INFINITY;
    if (isnan(hi))
        hi = INFINITY;
    /* Two passes: count, then fill, so that a check that finds a handful of
     * rows among millions does not hold a buffer of millions. */
    const double *value = o->value;
    size_t n = 0;
    for (size_t i = 0; i < r->n; i++) {
        double v = value[zb_rows_at(r, i)];
        n += (v < lo) | (v > hi); /* false for NaN */
    }
    if (n == 0)
        return 0;
    out->rows = malloc(n * sizeof *out->rows);
    if (!out->rows)
        return -1;
    size_t k = 0;
    for (size_t i = 0; i < r->n; i++) {
        uint32_t row = zb_rows_at(r, i);
        double v = value[row];
        if (v < lo || v > hi)
            out->rows[k++] = row;
    }
    out->n = k;
    return 0;
}

size_t zb_frame_group_count(const zb_obs *o, size_t nregions, size_t nindicators, zb_group_by by)
{
    switch (by) {
    case ZB_BY_REGION: return nregions;
    case ZB_BY_INDICATOR: return nindicators;
    case ZB_BY_YEAR: return o->count ? (size_t)(o->year_max - o->year_min + 1) : 0;
    }
    return 0;
}

int zb_frame_group(const zb_obs *o, const zb_rows *r, zb_group_by by, zb_stats *groups,
                   size_t ngroups)
{
    for (size_t k = 0; k < ngroups; k++)
        stats_init(&groups[k]);
    for (size_t i = 0; i < r->n; i++) {
        uint32_t row = zb_rows_at(r, i);
        long key = by == ZB_BY_REGION ? o->region[row]
                 : by == ZB_BY_INDICATOR ? o->indicator[row]
                 : (long)o->year[row] - o->year_min;
        if (key < 0 || (size_t)key >= ngroups)
            return -1;
        stats_add(&groups[key], o->value[row], i);
    }
    for (size_t k = 0; k < ngroups; k++)
        stats_finish(&groups[k]);
    return 0;
}
