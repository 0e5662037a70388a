#include "zb_obs.h"

#include "zb_lang.h"
#include "zb_mem.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

void zb_obs_init(zb_obs *o)
{
    memset(o, 0, sizeof *o);
    zb_idmap_init(&o->cell);
}

static void index_free(zb_obs_index *ix)
{
    free(ix->offsets);
    free(ix->rows);
    memset(ix, 0, sizeof *ix);
}

void zb_obs_free(zb_obs *o)
{
    free(o->grid);
    free(o->region);
    free(o->indicator);
    free(o->year);
    free(o->value);
    free(o->status);
    free(o->source);
    free(o->raw);
    free(o->note);
    free(o->line_off);
    zb_idmap_free(&o->cell);
    index_free(&o->by_indicator);
    index_free(&o->by_region);
    index_free(&o->by_year);
    zb_obs_init(o);
}

uint64_t zb_obs_key(int32_t region, int32_t indicator, int year)
{
    return ((uint64_t)(uint32_t)region << 40) | ((uint64_t)(uint32_t)indicator << 16) |
           (uint64_t)(uint16_t)year;
}

#define GROW(field)                                                        \
    do {                                                                   \
        void *p = realloc(o->field, cap * sizeof *o->field);               \
        if (!p)                                                            \
            return -1;                                                     \
        o->field = p;                                                      \
    } while (0)

enum { SP_STATUS = 1, SP_SOURCE = 2, SP_RAW = 4, SP_NOTE = 8, SP_LINE = 16 };

/* Grows a sparse column, keeping it all zero past count.  While the column
 * is still all zero, a fresh calloc replaces it: large blocks come zeroed
 * from the system and untouched, where realloc would copy (and so touch)
 * the old zeros. */
static int grow_sparse(void **col, size_t elem, size_t oldcap, size_t cap, int dirty)
{
    if (!dirty) {
        void *p = calloc(cap, elem);
        if (!p)
            return -1;
        free(*col);
        *col = p;
        return 0;
    }
    char *p = realloc(*col, cap * elem);
    if (!p)
        return -1;
    memset(p + oldcap * elem, 0, (cap - oldcap) * elem);
    *col = p;
    return 0;
}

#define GROW_SPARSE(field, bit)                                                          \
    do {                                                                                 \
        void *col = o->field;                                                            \
        if (grow_sparse(&col, sizeof *o->field, o->cap, cap, (o->dirty & (bit)) != 0) != 0) \
            return -1;                                                                   \
        o->field = col;                                                                  \
    } while (0)

static int grow(zb_obs *o)
{
    size_t cap = o->cap ? o->cap * 2 : 1024;
    GROW(region);
    GROW(indicator);
    GROW(year);
    GROW(value);
    GROW_SPARSE(status, SP_STATUS);
    GROW_SPARSE(source, SP_SOURCE);
    GROW_SPARSE(raw, SP_RAW);
    GROW_SPARSE(note, SP_NOTE);
    GROW_SPARSE(line_off, SP_LINE);
    o->cap = cap;
    return 0;
}

/* ---- the cell index ---- */

/* A grid may always take this many cells (128 MiB); past that, only while
 * it holds at least one row in four cells. */
enum { GRID_FREE_CELLS = 32 * 1024 * 1024, GRID_MIN_YEARS = 8 };

static int in_grid(const zb_obs *o, int32_t region, int32_t indicator, int year)
{
    return o->grid && region >= 0 && indicator >= 0 && (size_t)region < o->grid_nr &&
           (size_t)indicator < o->grid_ni && year >= o->grid_y0 &&
           (size_t)(year - o->grid_y0) < o->grid_ny;
}

static size_t grid_at(const zb_obs *o, int32_t region, int32_t indicator, int year)
{
    return ((size_t)region * o->grid_ni + (size_t)indicator) * o->grid_ny +
           (size_t)(year - o->grid_y0);
}

/* From the grid to the hash map, for good: the data is too sparse. */
static int switch_to_map(zb_obs *o)
{
    if (zb_idmap_reserve(&o->cell, o->count + 1) != 0)
        return -1;
    for (size_t r = 0; r < o->count; r++)
        if (zb_idmap_put(&o->cell, zb_obs_key(o->region[r], o->indicator[r], o->year[r]),
                         (uint32_t)r, NULL) < 0)
            return -1;
    free(o->grid);
    o->grid = NULL;
    o->grid_nr = o->grid_ni = o->grid_ny = 0;
    o->use_map = 1;
    return 0;
}

/* Regrows the grid to hold the given cell as well (each dimension at
 * least doubles, so rows are re-entered O(log) times), or switches to the
 * map when the grid would be too sparse. */
static int grid_grow(zb_obs *o, size_t nr, size_t ni, int year)
{
    size_t ny = o->grid_ny;
    int y0 = o->grid_y0;
    if (ny == 0) {
        ny = GRID_MIN_YEARS;
        y0 = year;
    } else if (year < y0 || (size_t)(year - y0) >= ny) {
        int lo = year < y0 ? year : y0;
        int hi = year < y0 ? y0 + (int)ny - 1 : year;
        size_t need = (size_t)(hi - lo + 1);
        ny = 2 * ny > need ? 2 * ny : need;
        y0 = year < o->grid_y0 ? hi - (int)ny + 1 : lo;
    }
    if (nr > o->grid_nr && o->grid_nr && nr < 2 * o->grid_nr)
        nr = 2 * o->grid_nr;
    if (ni > o->grid_ni && o->grid_ni && ni < 2 * o->grid_ni)
        ni = 2 * o->grid_ni;
    if (nr < o->grid_nr)
        nr = o->grid_nr;
    if (ni < o->grid_ni)
        ni = o->grid_ni;
    if (nr == 0)
        nr = 1;
    if (ni == 0)
        ni = 1;
    size_t cells = nr * ni;
    if (cells / ni != nr || cells > SIZE_MAX / ny / sizeof *o->grid)
        return switch_to_map(o);
    cells *= ny;
    if (cells > GRID_FREE_CELLS && cells / 4 > o->count)
        return switch_to_map(o);
    /* calloc: the cells of regions without rows (the parents, usually)
     * stay untouched zero pages and cost no memory. */
    uint32_t *grid = calloc(cells, sizeof *grid);
    if (!grid)
        return -1;
    /* Huge pages here too: a national grid is touched all over while
     * loading (20,000 small-page faults), and it is gone again before a
     * rollup needs its memory. */
    zb_mem_advise_huge(grid, cells * sizeof *grid);
    free(o->grid);
    o->grid = grid;
    o->grid_nr = nr;
    o->grid_ni = ni;
    o->grid_ny = ny;
    o->grid_y0 = y0;
    for (size_t r = 0; r < o->count; r++)
        grid[grid_at(o, o->region[r], o->indicator[r], o->year[r])] = (uint32_t)r + 1;
    return 0;
}


int zb_obs_reserve_rows(zb_obs *o, size_t n)
{
    /* Growing by doubling leaves each outgrown column behind in the heap
     * (glibc keeps blocks under 32 MB there), resident but unused; room
     * taken once at the expected size comes straight from the system, and
     * what the rows never reach is never backed by memory. */
    if (n <= o->cap)
        return 0;
    size_t cap = n;
    GROW(region);
    GROW(indicator);
    GROW(year);
    GROW(value);
    GROW_SPARSE(status, SP_STATUS);
    GROW_SPARSE(source, SP_SOURCE);
    GROW_SPARSE(raw, SP_RAW);
    GROW_SPARSE(note, SP_NOTE);
    GROW_SPARSE(line_off, SP_LINE);
    o->cap = cap;
    /* Columns written from start to end: huge pages (300 MB in 150 faults,
     * not 75,000; those faults were a fifth of a national load).  Not the
     * sparse columns: most of their pages are never touched. */
    zb_mem_advise_huge(o->region, cap * sizeof *o->region);
    zb_mem_advise_huge(o->indicator, cap * sizeof *o->indicator);
    zb_mem_advise_huge(o->year, cap * sizeof *o->year);
    zb_mem_advise_huge(o->value, cap * sizeof *o->value);
    return 0;
}

int zb_obs_reserve_cells(zb_obs *o, size_t nregions, size_t nindicators)
{
    if (o->use_map || (nregions <= o->grid_nr && nindicators <= o->grid_ni))
        return 0;
    if (!o->grid) {
        /* No year seen yet: the grid is made at the first row, this size. */
        o->grid_nr = nregions > o->grid_nr ? nregions : o->grid_nr;
        o->grid_ni = nindicators > o->grid_ni ? nindicators : o->grid_ni;
        return 0;
    }
    return grid_grow(o, nregions, nindicators, o->grid_y0);
}

long zb_obs_add(zb_obs *o, int32_t region, int32_t indicator, int year,
                double value, zb_status status, uint32_t source, uint32_t raw,
                uint32_t note, uint32_t line, long *existing)
{
    if (o->count >= UINT32_MAX - 1 || region < 0 || indicator < 0 ||
        indicator >= ZB_OBS_MAX_INDICATORS)
        return -1;
    if (!o->use_map && !in_grid(o, region, indicator, year) &&
        grid_grow(o, (size_t)region + 1, (size_t)indicator + 1, year) != 0)
        return -1;
    uint32_t *slot = NULL;
    if (!o->use_map) {
        slot = &o->grid[grid_at(o, region, indicator, year)];
        if (*slot) {
            if (existing)
                *existing = (long)*slot - 1;
            return -2;
        }
    } else {
        uint32_t prior;
        int put = zb_idmap_put(&o->cell, zb_obs_key(region, indicator, year),
                               (uint32_t)o->count, &prior);
        if (put < 0)
            return -1;
        if (put == 0) {
            if (existing)
                *existing = (long)prior;
            return -2;
        }
    }
    if (o->count == o->cap && grow(o) != 0)
        return -1;
    size_t r = o->count++;
    if (slot)
        *slot = (uint32_t)r + 1;
    o->region[r] = region;
    o->indicator[r] = (int16_t)indicator;
    o->year[r] = (int16_t)year;
    o->value[r] = value;
    /* The sparse columns are zero already: only what is not is written. */
    uint32_t off = line - (uint32_t)r - 2u;
    if (status) {
        o->status[r] = (uint8_t)status;
        o->dirty |= SP_STATUS;
    }
    if (source) {
        o->source[r] = source;
        o->dirty |= SP_SOURCE;
    }
    if (raw) {
        o->raw[r] = raw;
        o->dirty |= SP_RAW;
    }
    if (note) {
        o->note[r] = note;
        o->dirty |= SP_NOTE;
    }
    if (off) {
        o->line_off[r] = off;
        o->dirty |= SP_LINE;
    }
    if (o->count == 1 || year < o->year_min)
        o->year_min = year;
    if (o->count == 1 || year > o->year_max)
        o->year_max = year;
    return (long)r;
}

long zb_obs_add_plain(zb_obs *o, int32_t region, int32_t indicator, int year,
                      double value, uint32_t line, long *existing)
{
    /* The usual row: a cell inside the grid, room reserved.  Anything else
     * (the first row, a grid to grow, the hash map) the general way. */
    if (o->use_map || o->count == 0 || o->count >= o->cap || o->count >= UINT32_MAX - 1 ||
        indicator >= ZB_OBS_MAX_INDICATORS || !in_grid(o, region, indicator, year))
        return zb_obs_add(o, region, indicator, year, value, ZB_STATUS_ACTUAL, 0, 0, 0, line, existing);
    uint32_t *slot = &o->grid[grid_at(o, region, indicator, year)];
    if (*slot) {
        if (existing)
            *existing = (long)*slot - 1;
        return -2;
    }
    size_t r = o->count++;
    *slot = (uint32_t)r + 1;
    o->region[r] = region;
    o->indicator[r] = (int16_t)indicator;
    o->year[r] = (int16_t)year;
    o->value[r] = value;
    uint32_t off = line - (uint32_t)r - 2u;
    if (off) {
        o->line_off[r] = off;
        o->dirty |= SP_LINE;
    }
    if (year < o->year_min)
        o->year_min = year;
    if (year > o->year_max)
        o->year_max = year;
    return (long)r;
}

long zb_obs_find(const zb_obs *o, int32_t region, int32_t indicator, int year)
{
    uint32_t row;
    if (region < 0 || indicator < 0)
        return -1;
    if (!o->use_map && !o->grid && o->count) {
        /* Dropped by zb_obs_build_index: made again on the first lookup.
         * A cache of the rows, hence the cast; not for two threads at once. */
        zb_obs *m = (zb_obs *)o;
        if (grid_grow(m, m->grid_nr, m->grid_ni, m->grid_y0) != 0)
            return -1;
    }
    if (!o->use_map)
        return in_grid(o, region, indicator, year) ? (long)o->grid[grid_at(o, region, indicator, year)] - 1 : -1;
    if (!zb_idmap_get(&o->cell, zb_obs_key(region, indicator, year), &row))
        return -1;
    return (long)row;
}

/* Counting sort of row numbers by a small integer key: stable, so rows stay
 * in file order within each key. */
static int build(zb_obs_index *ix, size_t nkeys, size_t count,
                 int32_t (*key)(const zb_obs *, size_t), const zb_obs *o)
{
    index_free(ix);
    ix->offsets = calloc(nkeys + 1, sizeof *ix->offsets);
    ix->rows = malloc((count ? count : 1) * sizeof *ix->rows);
    if (!ix->offsets || !ix->rows) {
        index_free(ix);
        return -1;
    }
    zb_mem_advise_huge(ix->rows, count * sizeof *ix->rows);
    ix->n = nkeys;
    for (size_t r = 0; r < count; r++)
        ix->offsets[key(o, r) + 1]++;
    for (size_t k = 0; k < nkeys; k++)
        ix->offsets[k + 1] += ix->offsets[k];
    uint32_t *next = malloc((nkeys ? nkeys : 1) * sizeof *next);
    if (!next) {
        index_free(ix);
        return -1;
    }
    memcpy(next, ix->offsets, nkeys * sizeof *next);
    for (size_t r = 0; r < count; r++)
        ix->rows[next[key(o, r)]++] = (uint32_t)r;
    free(next);
    return 0;
}

static int32_t key_indicator(const zb_obs *o, size_t r) { return o->indicator[r]; }
static int32_t key_region(const zb_obs *o, size_t r) { return o->region[r]; }
static int32_t key_year(const zb_obs *o, size_t r) { return o->year[r] - o->year_min; }

int zb_obs_build_index(zb_obs *o, size_t nregions, size_t nindicators)
{
    /* Loading needed the cell grid for duplicates; a rollup or a check over
     * all rows does not look cells up, so the grid (64 MB at 16 million
     * rows) goes until the first lookup makes it again (zb_obs_find). */
    if (!o->use_map) {
        free(o->grid);
        o->grid = NULL;
    }
    index_free(&o->by_region);
    index_free(&o->by_year);
    o->ix_nregions = nregions;
    o->ix_wanted = 1;
    return build(&o->by_indicator, nindicators, o->count, key_indicator, o);
}

static int current(const zb_obs_index *ix, size_t count, size_t nkeys)
{
    return ix->offsets && ix->n == nkeys && ix->offsets[ix->n] == count;
}

/* Builds the region or year index on first use.  The store is logically
 * unchanged (an index is a cache of its rows), hence the cast: callers hold
 * a const store.  Not for use from two threads at once. */
static const zb_obs_index *lazy(const zb_obs *o, zb_obs_by by)
{
    zb_obs *m = (zb_obs *)o;
    if (by == ZB_OBS_BY_INDICATOR)
        return &o->by_indicator;
    zb_obs_index *ix = by == ZB_OBS_BY_REGION ? &m->by_region : &m->by_year;
    size_t nkeys = by == ZB_OBS_BY_REGION ? o->ix_nregions
                 : o->count ? (size_t)(o->year_max - o->year_min + 1) : 0;
    if (o->ix_wanted && !current(ix, o->count, nkeys) &&
        build(ix, nkeys, o->count, by == ZB_OBS_BY_REGION ? key_region : key_year, o) != 0)
        index_free(ix);
    return ix;
}

int zb_obs_index_ready(const zb_obs *o, zb_obs_by by, size_t nkeys)
{
    return current(lazy(o, by), o->count, nkeys);
}

static const uint32_t *rows_of(const zb_obs_index *ix, long k, size_t *n)
{
    if (!ix->offsets || k < 0 || (size_t)k >= ix->n) {
        *n = 0;
        return NULL;
    }
    *n = ix->offsets[k + 1] - ix->offsets[k];
    return ix->rows + ix->offsets[k];
}

const uint32_t *zb_obs_rows_for_indicator(const zb_obs *o, int32_t ind, size_t *n)
{
    return rows_of(&o->by_indicator, ind, n);
}

const uint32_t *zb_obs_rows_for_region(const zb_obs *o, int32_t region, size_t *n)
{
    return rows_of(lazy(o, ZB_OBS_BY_REGION), region, n);
}

const uint32_t *zb_obs_rows_for_year(const zb_obs *o, int year, size_t *n)
{
    return rows_of(lazy(o, ZB_OBS_BY_YEAR), (long)year - o->year_min, n);
}

int zb_obs_has_status(const zb_obs *o)
{
    return (o->dirty & SP_STATUS) != 0;
}

static const char *const status_names[ZB_STATUS_COUNT] = {"actual", "preliminary", "estimate"};

int zb_status_parse(const char *s)
{
    if (!*s)
        return ZB_STATUS_ACTUAL;
    for (int i = 0; i < ZB_STATUS_COUNT; i++)
        if (strcmp(s, status_names[i]) == 0)
            return i;
    if (strcmp(s, "实际") == 0)
        return ZB_STATUS_ACTUAL;
    if (strcmp(s, "初步") == 0 || strcmp(s, "快报") == 0)
        return ZB_STATUS_PRELIMINARY;
    if (strcmp(s, "预计") == 0 || strcmp(s, "估计") == 0)
        return ZB_STATUS_ESTIMATE;
    return -1;
}

const char *zb_status_name(zb_status s) { return s < ZB_STATUS_COUNT ? status_names[s] : "?"; }

const char *zb_status_label(zb_status s)
{
    switch (s) {
    case ZB_STATUS_ACTUAL: return ZB_T("实际", "actual");
    case ZB_STATUS_PRELIMINARY: return ZB_T("初步", "preliminary");
    case ZB_STATUS_ESTIMATE: return ZB_T("预计", "estimate");
    default: return "?";
    }
}
