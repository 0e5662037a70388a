/* zb_rollup — county figures up to the city and the province, by each
 * indicator's aggregation rule, with coverage and reported-vs-computed gaps.
 *
 * One pass per indicator over its rows of the columnar store, parents after
 * their children at any depth the regions file gives, accumulating into
 * dense (region x year) arrays: nothing is allocated per row or per cell
 * except the result itself.
 *
 * What a parent passes up.  Each region has one figure per indicator and
 * year that its own parent uses, the "upward" value:
 *   - a region without children: its own observation;
 *   - a parent whose computed value is complete (every counted child had a
 *     figure, and none of those figures was itself partial): the computed
 *     value, even when the parent reports a different figure of its own;
 *   - otherwise the parent's own reported figure, when it has one (a city's
 *     published total is more complete than a sum of some of its counties);
 *   - otherwise, under ZB_POLICY_PARTIAL only, the partial computed value,
 *     flagged so that every ancestor built on it is flagged partial too.
 * So a province rolls up from the cities' computed values, or from a city's
 * own figure where its counties are missing, and nothing is under-summed
 * without a flag.  A derived rule uses the children's upward values of the
 * indicator and of its operands:
 *   sum          sum of the children's values
 *   ratio(N,D,s) sum(N) / sum(D) x s over children having both; a child
 *                with the rate and D but not N contributes rate x D / s
 *   wmean(W)     sum(v x W) / sum(W) over children having both
 *   growth(L)    sum(g x L of the previous year) / sum(L of the previous
 *                year): real growth weighted by the previous year's levels
 *   structure(A,B,..) shares in % of the components summed over children
 *                having all of them
 *   min, max     extreme of the children's values
 *   none         no rollup
 *
 * Coverage n of N: N counts a parent's children (zones per the dataset's
 * rollup_zones setting or the caller's choice: included zones add to their
 * parent once, excluded zones not at all, since the counties' figures then
 * already hold them); n counts the children whose figures entered.
 *
 * Ownership: zb_rollup_run allocates the result; free it with
 * zb_rollup_free.  Cells and the arrays they index are borrowed from the
 * result until it is freed.  The dataset is only read, and must outlive
 * nothing here: a result refers to regions and indicators by index, valid
 * for the dataset it was computed from and for its view (zb_rollup_view.h).
 */
#ifndef ZB_ROLLUP_H
#define ZB_ROLLUP_H

#include <stddef.h>
#include <stdint.h>

#include "zb_dataset.h"

/* What to do with a parent whose children are not all there. */
typedef enum {
    ZB_POLICY_PARTIAL = 0, /* compute from the children there are, flag n < N */
    ZB_POLICY_MISSING,     /* keep the cell with its coverage, but no value */
    ZB_POLICY_SKIP,        /* leave the cell out of the result */
    ZB_POLICY_COUNT
} zb_rollup_policy;

/* Which figure a parent passes up (and its rollup view holds). */
typedef enum {
    ZB_ORIGIN_COMPUTED = 0, /* complete computed value */
    ZB_ORIGIN_REPORTED,     /* incomplete: the parent's own figure */
    ZB_ORIGIN_PARTIAL,      /* incomplete, no own figure: the partial value */
    ZB_ORIGIN_NONE          /* no figure at all */
} zb_rollup_origin;

typedef struct zb_rollup_options {
    const int32_t *indicators; /* indexes to roll up; NULL: every indicator */
    size_t nindicators;
    int year_from, year_to;    /* cells kept for these years; 0: no bound */
    zb_rollup_policy policy;
    int zones;                 /* -1: the dataset's setting; else a zb_zones */
    int threads;               /* 0: two for a store of a million rows or more,
                                  else one; 1: one; 2: two (the result is the
                                  same: tests compare them) */
} zb_rollup_options;

/* One parent's figure for one indicator and year. */
typedef struct zb_rollup_cell {
    double value;          /* computed from the children; NaN when none (or hidden by policy missing) */
    double reported;       /* the parent's own observation; NaN when none (always for structures) */
    int32_t region, indicator;
    uint32_t n, total;     /* children whose figures entered / children counted */
    uint32_t shares_at;    /* structure: computed shares at shares[shares_at], then the reported ones */
    uint32_t missing_at;   /* the total - n children without a figure, at missing[missing_at] */
    int16_t year;
    uint8_t partial;       /* n < total, or a figure that entered was itself partial */
    uint8_t origin;        /* zb_rollup_origin */
    uint8_t status;        /* worst zb_status among the figures that entered */
    uint8_t nshares;       /* structure: number of components (0 otherwise) */
    uint8_t has_reported;  /* the parent has its own figure (a structure's as shares text) */
} zb_rollup_cell;

typedef struct zb_rollup {
    zb_rollup_cell *cells;  /* by indicator (dataset order), region (file order), year */
    size_t count, cap;
    double *shares;         /* structure shares in % */
    size_t nshares, shares_cap;
    int32_t *missing;       /* region indexes */
    size_t nmissing, missing_cap;
    uint8_t *selected;      /* per indicator: rolled up (asked for, or an operand of one asked for) */
    uint32_t *total;        /* per region: children counted (0: not a parent) */
    int32_t *pslot, *islot; /* region / indicator -> slot in the lookup grid, -1 */
    uint32_t *at;           /* (islot x parents + pslot) x years + year -> cell + 1 */
    size_t nregions, nindicators, nparents, nselected, nyears;
    int year_min;           /* of the store */
    int year_from, year_to; /* the cells' years */
    zb_rollup_policy policy;
    zb_zones zones;
} zb_rollup;

void zb_rollup_options_init(zb_rollup_options *o);

/* Rolls the dataset up.  The dataset must be finished (zb_dataset_finish or
 * zb_dataset_load: parents linked, observation indexes built) and its rules
 * valid.  Returns a result the caller frees with zb_rollup_free; NULL with a
 * message in err when out of memory or when a rule cannot be used (an
 * unlinked operand, an operand that is not a level with its own rule). */
zb_rollup *zb_rollup_run(const zb_dataset *ds, const zb_rollup_options *opt,
                         char *err, size_t errlen);
void zb_rollup_free(zb_rollup *r);

/* The cell of a parent, or NULL (not a parent, not rolled up, no child with
 * a figure, or skipped by the policy).  O(1). */
const zb_rollup_cell *zb_rollup_find(const zb_rollup *r, long region, long indicator, int year);

/* The figure the parent passes up: the computed value, its own, or NaN. */
double zb_rollup_upward(const zb_rollup_cell *c);

/* The gap between computed and reported: 1 with *abs = computed - reported
 * and *rel = abs / |reported| (NaN when reported is 0); 0 when one of them
 * is missing.  For a structure, *abs is the largest difference of a share
 * in percentage points (signed) and *rel is NaN. */
int zb_rollup_gap(const zb_rollup *r, const zb_rollup_cell *c, double *abs, double *rel);

/* A structure cell's shares (computed, or reported when reported is 1);
 * NULL when it has none. */
const double *zb_rollup_shares(const zb_rollup *r, const zb_rollup_cell *c, int reported);
/* Shares as "18.7:25.5:55.8" with the given decimals; "" when none. */
void zb_rollup_format_shares(const zb_rollup *r, const zb_rollup_cell *c, int reported,
                             int decimals, char *buf, size_t len);
/* The counted children without a figure in this cell; *n gets their count. */
const int32_t *zb_rollup_missing(const zb_rollup *r, const zb_rollup_cell *c, size_t *n);

int zb_rollup_policy_parse(const char *s);            /* -1 when unknown */
const char *zb_rollup_policy_name(zb_rollup_policy p); /* "partial" */
const char *zb_rollup_origin_name(zb_rollup_origin o); /* "computed" */
const char *zb_rollup_origin_label(zb_rollup_origin o);/* 汇总 / computed, by language */

#endif
