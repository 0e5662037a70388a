/* zb_obs — observations in columns.
 *
 * One row per (region, indicator, year) value, stored column by column so
 * that bulk work (a rollup over one indicator, a range check over all values)
 * streams through flat arrays.  A hash index gives O(1) lookup of a cell;
 * after zb_obs_build_index, rows can also be walked by indicator, region or
 * year without scanning the rest.  Missing values are NaN with their row kept,
 * so the source of a "——" is not lost.
 *
 * Ownership: a zb_obs belongs to its dataset and owns its columns; the
 * arrays returned by zb_obs_rows_* are borrowed until the next add.
 */
#ifndef ZB_OBS_H
#define ZB_OBS_H

#include <stddef.h>
#include <stdint.h>

#include "zb_idmap.h"

typedef enum {
    ZB_STATUS_ACTUAL = 0, ZB_STATUS_PRELIMINARY, ZB_STATUS_ESTIMATE, ZB_STATUS_COUNT
} zb_status;

/* A store holds rows of at most this many indicators: two bytes a row
 * instead of four (33 MB at 16 million rows); plans have hundreds. */
#define ZB_OBS_MAX_INDICATORS 32768

typedef struct zb_obs_index {
    uint32_t *offsets;   /* n + 1 offsets into rows */
    uint32_t *rows;
    size_t n;
} zb_obs_index;

typedef struct zb_obs {
    size_t count, cap;
    int32_t *region;       /* region index */
    int16_t *indicator;    /* indicator index (up to ZB_OBS_MAX_INDICATORS - 1) */
    int16_t *year;
    double *value;         /* NaN when missing */
    /* Sparse columns: nearly always 0 in a large file, so they are only
     * written where they are not, over zeroed memory that the system does
     * not back with real pages until then (a 16-million-row file without
     * sources costs nothing here). */
    uint8_t *status;
    uint32_t *source, *raw, *note; /* strtab ids, 0 when none */
    uint32_t *line_off;    /* line - (row + 2), mod 2^32: read with zb_obs_line */
    unsigned dirty;        /* which sparse columns hold a non-zero value */
    /* The cell index: a dense grid of row + 1 (0: no row) by region,
     * indicator and year, 4 bytes a cell, when the panel is dense enough
     * (as statistical panels are); a hash map of key(region, indicator,
     * year) -> row when the grid would be mostly empty. */
    uint32_t *grid;
    size_t grid_nr, grid_ni, grid_ny;
    int grid_y0;
    int use_map;
    zb_idmap cell;
    zb_obs_index by_indicator, by_region, by_year;
    /* zb_obs_build_index builds by_indicator at once; by_region and by_year
     * on first use, as a rollup or a range check never needs them (64 MB
     * each at 16 million rows). */
    size_t ix_nregions;
    int ix_wanted;
    int year_min, year_max;
} zb_obs;

typedef enum { ZB_OBS_BY_INDICATOR = 0, ZB_OBS_BY_REGION, ZB_OBS_BY_YEAR } zb_obs_by;

void zb_obs_init(zb_obs *o);
void zb_obs_free(zb_obs *o);
/* Takes room for n rows at once (a hint: more still fit).  Returns -1 on
 * OOM. */
int zb_obs_reserve_rows(zb_obs *o, size_t n);
/* Sizes the cell index for this many regions and indicators (a hint that
 * saves regrowing it; rows outside still work).  Returns -1 on OOM. */
int zb_obs_reserve_cells(zb_obs *o, size_t nregions, size_t nindicators);
/* Packs a cell key; region and indicator below 2^24. */
uint64_t zb_obs_key(int32_t region, int32_t indicator, int year);
/* Appends a row.  Returns the row, -1 on OOM (or an indicator index past
 * ZB_OBS_MAX_INDICATORS), -2 when the cell already has one (then *existing
 * is that row). */
long zb_obs_add(zb_obs *o, int32_t region, int32_t indicator, int year,
                double value, zb_status status, uint32_t source, uint32_t raw,
                uint32_t note, uint32_t line, long *existing);
/* zb_obs_add for the row of a clean file: status actual, no source, raw
 * text or note.  The same store and results, with less to check on the
 * way. */
long zb_obs_add_plain(zb_obs *o, int32_t region, int32_t indicator, int year,
                      double value, uint32_t line, long *existing);
/* The line of the observations file a row came from. */
static inline uint32_t zb_obs_line(const zb_obs *o, size_t row)
{
    /* Row r of a clean file is on line r + 2 (after the header). */
    return (uint32_t)(o->line_off[row] + (uint32_t)row + 2u);
}
/* The row of a cell, or -1. */
long zb_obs_find(const zb_obs *o, int32_t region, int32_t indicator, int year);
/* Builds the by-indicator index (counting sort, O(n)) and readies the
 * region and year ones, made on first use; drops the cell grid, made again
 * on the first zb_obs_find.  Returns -1 on OOM. */
int zb_obs_build_index(zb_obs *o, size_t nregions, size_t nindicators);
/* True when the index `by` is built over every row, with nkeys keys;
 * builds a region or year index first when zb_obs_build_index asked for it.
 * Returns 0 when out of memory (callers then scan). */
int zb_obs_index_ready(const zb_obs *o, zb_obs_by by, size_t nkeys);
/* Rows for one indicator / region / year, in file order; *n gets the count.
 * Needs zb_obs_build_index; returns NULL with *n = 0 otherwise. */
const uint32_t *zb_obs_rows_for_indicator(const zb_obs *o, int32_t ind, size_t *n);
const uint32_t *zb_obs_rows_for_region(const zb_obs *o, int32_t region, size_t *n);
const uint32_t *zb_obs_rows_for_year(const zb_obs *o, int year, size_t *n);

/* Has any row a status other than actual?  When not, the status column was
 * never written, and a pass over every row need not read it (its pages
 * were never touched). */
int zb_obs_has_status(const zb_obs *o);
int zb_status_parse(const char *s);   /* -1 when unknown; "" is actual */
const char *zb_status_name(zb_status s);
const char *zb_status_label(zb_status s);

#endif
