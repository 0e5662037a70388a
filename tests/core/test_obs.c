/* zb_obs: observations in columns, with O(1) cells and walk indexes. */
#include "zb_test.h"

#include <math.h>

#include "zb_obs.h"

static int setup(void **state)
{
    zb_obs *o = malloc(sizeof *o);
    if (!o)
        return -1;
    zb_obs_init(o);
    *state = o;
    return 0;
}

static int teardown(void **state)
{
    zb_obs_free(*state);
    free(*state);
    return 0;
}

static long add(zb_obs *o, int32_t region, int32_t ind, int year, double value, uint32_t line)
{
    return zb_obs_add(o, region, ind, year, value, ZB_STATUS_ACTUAL, 0, 0, 0, line, NULL);
}

static void expect_rows(const uint32_t *rows, size_t n, const uint32_t *want, size_t nwant)
{
    assert_int_equal(n, nwant);
    if (nwant)
        assert_non_null(rows);
    for (size_t i = 0; i < nwant; i++)
        assert_int_equal(rows[i], want[i]);
}

static void test_obs_add_appends_rows_and_find_returns_them(void **state)
{
    zb_obs *o = *state;
    assert_int_equal(add(o, 0, 0, 2020, 1.5, 2), 0);
    assert_int_equal(add(o, 0, 1, 2020, 2.5, 3), 1);
    assert_int_equal(add(o, 1, 0, 2021, 3.5, 4), 2);
    assert_int_equal(o->count, 3);
    assert_int_equal(zb_obs_find(o, 0, 1, 2020), 1);
    assert_int_equal(zb_obs_find(o, 1, 0, 2021), 2);
    assert_float_equal(o->value[2], 3.5, 0.0);
    assert_int_equal(zb_obs_line(o, 1), 3);
    assert_int_equal(o->year[2], 2021);
}

static void test_obs_find_returns_minus_one_for_an_absent_cell(void **state)
{
    zb_obs *o = *state;
    assert_int_equal(zb_obs_find(o, 0, 0, 2020), -1); /* empty store */
    add(o, 0, 0, 2020, 1.0, 2);
    assert_int_equal(zb_obs_find(o, 0, 0, 2021), -1);
    assert_int_equal(zb_obs_find(o, 1, 0, 2020), -1);
    assert_int_equal(zb_obs_find(o, -1, 0, 2020), -1);
    assert_int_equal(zb_obs_find(o, 0, -1, 2020), -1);
}

static void test_obs_keys_keep_region_indicator_and_year_apart(void **state)
{
    (void)state;
    assert_true(zb_obs_key(1, 2, 2020) != zb_obs_key(2, 1, 2020));
    assert_true(zb_obs_key(1, 2, 2020) != zb_obs_key(1, 2, 2021));
    assert_true(zb_obs_key((1 << 24) - 1, 0, 2020) != zb_obs_key(0, (1 << 24) - 1, 2020));
    assert_true(zb_obs_key(0, 1, 0) != zb_obs_key(0, 0, 0));
}

static void test_obs_add_returns_minus_two_and_the_existing_row_for_a_duplicate(void **state)
{
    zb_obs *o = *state;
    add(o, 0, 0, 2019, 1.0, 2);
    add(o, 0, 0, 2020, 2.0, 3);
    long existing = -1;
    assert_int_equal(zb_obs_add(o, 0, 0, 2020, 9.0, ZB_STATUS_ESTIMATE, 0, 0, 0, 7, &existing), -2);
    assert_int_equal(existing, 1);
    assert_int_equal(zb_obs_line(o, (size_t)existing), 3);
    assert_int_equal(o->count, 2);
    assert_float_equal(o->value[1], 2.0, 0.0); /* the first value stays */
}

static void test_obs_keeps_a_missing_value_as_nan_with_its_row(void **state)
{
    zb_obs *o = *state;
    long r = zb_obs_add(o, 0, 0, 2020, NAN, ZB_STATUS_PRELIMINARY, 5, 6, 7, 2, NULL);
    assert_int_equal(r, 0);
    assert_true(isnan(o->value[r]));
    assert_int_equal(zb_obs_find(o, 0, 0, 2020), 0);
    assert_int_equal(o->status[r], ZB_STATUS_PRELIMINARY);
    assert_int_equal(o->source[r], 5);
    assert_int_equal(o->raw[r], 6);
    assert_int_equal(o->note[r], 7);
}

static void test_obs_dataset_value_is_absent_for_a_missing_cell(void **state)
{
    (void)state;
    zb_dataset *ds = zb_dataset_new();
    assert_non_null(ds);
    zb_obs_add(&ds->obs, 0, 0, 2020, NAN, ZB_STATUS_ACTUAL, 0, 0, 0, 2, NULL);
    zb_obs_add(&ds->obs, 0, 0, 2021, 4.25, ZB_STATUS_ACTUAL, 0, 0, 0, 3, NULL);
    double v = -1;
    assert_int_equal(zb_ds_value(ds, 0, 0, 2020, &v), 0);
    assert_int_equal(zb_ds_value(ds, 0, 0, 2019, &v), 0);
    assert_float_equal(v, -1, 0.0);
    assert_int_equal(zb_ds_value(ds, 0, 0, 2021, &v), 1);
    assert_float_equal(v, 4.25, 0.0);
    zb_dataset_free(ds);
}

static void test_obs_tracks_the_year_range(void **state)
{
    zb_obs *o = *state;
    add(o, 0, 0, 2020, 1, 2);
    add(o, 0, 0, 2015, 1, 3);
    add(o, 0, 0, 2025, 1, 4);
    add(o, 0, 0, 2018, 1, 5);
    assert_int_equal(o->year_min, 2015);
    assert_int_equal(o->year_max, 2025);
}

static void test_obs_finds_every_row_after_growing(void **state)
{
    zb_obs *o = *state;
    /* More rows than the first allocation and the first hash table. */
    for (int r = 0; r < 50; r++)
        for (int i = 0; i < 20; i++)
            for (int y = 2010; y < 2015; y++)
                assert_true(add(o, r, i, y, r * 1000.0 + i * 10 + (y - 2010), 2) >= 0);
    assert_int_equal(o->count, 5000);
    for (int r = 0; r < 50; r += 7)
        for (int i = 0; i < 20; i += 3)
            for (int y = 2010; y < 2015; y++) {
                long row = zb_obs_find(o, r, i, y);
                assert_true(row >= 0);
                assert_float_equal(o->value[row], r * 1000.0 + i * 10 + (y - 2010), 0.0);
            }
}

static void test_obs_has_no_walk_rows_before_the_index_is_built(void **state)
{
    zb_obs *o = *state;
    add(o, 0, 0, 2020, 1, 2);
    size_t n = 99;
    assert_null(zb_obs_rows_for_indicator(o, 0, &n));
    assert_int_equal(n, 0);
    n = 99;
    assert_null(zb_obs_rows_for_region(o, 0, &n));
    assert_int_equal(n, 0);
    n = 99;
    assert_null(zb_obs_rows_for_year(o, 2020, &n));
    assert_int_equal(n, 0);
}

static void test_obs_walks_rows_by_indicator_region_and_year_in_file_order(void **state)
{
    zb_obs *o = *state;
    add(o, 2, 1, 2021, 0, 2); /* row 0 */
    add(o, 0, 0, 2020, 0, 3); /* row 1 */
    add(o, 2, 0, 2020, 0, 4); /* row 2 */
    add(o, 1, 1, 2020, 0, 5); /* row 3 */
    add(o, 0, 1, 2022, 0, 6); /* row 4 */
    add(o, 2, 0, 2022, 0, 7); /* row 5 */
    assert_int_equal(zb_obs_build_index(o, 4, 3), 0);
    size_t n;
    const uint32_t *rows;
    rows = zb_obs_rows_for_indicator(o, 0, &n);
    expect_rows(rows, n, (const uint32_t[]){1, 2, 5}, 3);
    rows = zb_obs_rows_for_indicator(o, 1, &n);
    expect_rows(rows, n, (const uint32_t[]){0, 3, 4}, 3);
    rows = zb_obs_rows_for_indicator(o, 2, &n); /* an indicator with no rows */
    expect_rows(rows, n, NULL, 0);
    rows = zb_obs_rows_for_region(o, 2, &n);
    expect_rows(rows, n, (const uint32_t[]){0, 2, 5}, 3);
    rows = zb_obs_rows_for_region(o, 0, &n);
    expect_rows(rows, n, (const uint32_t[]){1, 4}, 2);
    rows = zb_obs_rows_for_region(o, 3, &n);
    expect_rows(rows, n, NULL, 0);
    rows = zb_obs_rows_for_year(o, 2020, &n);
    expect_rows(rows, n, (const uint32_t[]){1, 2, 3}, 3);
    rows = zb_obs_rows_for_year(o, 2021, &n);
    expect_rows(rows, n, (const uint32_t[]){0}, 1);
    rows = zb_obs_rows_for_year(o, 2022, &n);
    expect_rows(rows, n, (const uint32_t[]){4, 5}, 2);
}

static void test_obs_walks_nothing_outside_the_indexed_range(void **state)
{
    zb_obs *o = *state;
    add(o, 0, 0, 2020, 0, 2);
    assert_int_equal(zb_obs_build_index(o, 1, 1), 0);
    size_t n = 99;
    assert_null(zb_obs_rows_for_year(o, 2019, &n));
    assert_int_equal(n, 0);
    assert_null(zb_obs_rows_for_year(o, 2021, &n));
    assert_null(zb_obs_rows_for_region(o, 1, &n));
    assert_null(zb_obs_rows_for_region(o, -1, &n));
    assert_null(zb_obs_rows_for_indicator(o, 5, &n));
    assert_int_equal(n, 0);
}

static void test_obs_builds_an_index_over_no_rows(void **state)
{
    zb_obs *o = *state;
    assert_int_equal(zb_obs_build_index(o, 3, 2), 0);
    size_t n = 99;
    zb_obs_rows_for_indicator(o, 1, &n);
    assert_int_equal(n, 0);
    zb_obs_rows_for_year(o, 2020, &n);
    assert_int_equal(n, 0);
}

static void test_obs_rebuilds_the_index_after_more_rows(void **state)
{
    zb_obs *o = *state;
    add(o, 0, 0, 2020, 0, 2);
    assert_int_equal(zb_obs_build_index(o, 1, 1), 0);
    add(o, 0, 0, 2010, 0, 3);
    assert_int_equal(zb_obs_build_index(o, 1, 1), 0);
    size_t n;
    const uint32_t *rows = zb_obs_rows_for_indicator(o, 0, &n);
    expect_rows(rows, n, (const uint32_t[]){0, 1}, 2);
    rows = zb_obs_rows_for_year(o, 2010, &n);
    expect_rows(rows, n, (const uint32_t[]){1}, 1);
}

static void test_obs_parses_status_words_in_english_and_chinese(void **state)
{
    (void)state;
    assert_int_equal(zb_status_parse(""), ZB_STATUS_ACTUAL);
    assert_int_equal(zb_status_parse("actual"), ZB_STATUS_ACTUAL);
    assert_int_equal(zb_status_parse("preliminary"), ZB_STATUS_PRELIMINARY);
    assert_int_equal(zb_status_parse("estimate"), ZB_STATUS_ESTIMATE);
    assert_int_equal(zb_status_parse("快报"), ZB_STATUS_PRELIMINARY);
    assert_int_equal(zb_status_parse("预计"), ZB_STATUS_ESTIMATE);
    assert_int_equal(zb_status_parse("final"), -1);
    assert_int_equal(zb_status_parse("Actual"), -1);
    assert_string_equal(zb_status_name(ZB_STATUS_ESTIMATE), "estimate");
    zb_lang_set(ZB_LANG_ZH);
    assert_string_equal(zb_status_label(ZB_STATUS_PRELIMINARY), "初步");
    zb_lang_set(ZB_LANG_EN);
    assert_string_equal(zb_status_label(ZB_STATUS_PRELIMINARY), "preliminary");
    zb_lang_set(ZB_LANG_ZH);
}

/* A panel far too sparse for a grid (5,000,001 regions x 3,001 indicators
 * for two rows) is indexed by the hash map; cells, duplicates and misses
 * behave the same. */
static void test_obs_sparse_cells_go_to_the_map(void **state)
{
    zb_obs *o = *state;
    assert_int_equal(add(o, 0, 0, 2000, 1.0, 2), 0);
    assert_int_equal(add(o, 5000000, 3000, 2000, 2.0, 3), 1);
    assert_int_equal(o->use_map, 1);
    assert_null(o->grid);
    assert_int_equal(zb_obs_find(o, 0, 0, 2000), 0);
    assert_int_equal(zb_obs_find(o, 5000000, 3000, 2000), 1);
    assert_int_equal(zb_obs_find(o, 5000000, 3000, 2001), -1);
    long existing = -1;
    assert_int_equal(zb_obs_add(o, 5000000, 3000, 2000, 9.0, ZB_STATUS_ACTUAL, 0, 0, 0, 4, &existing), -2);
    assert_int_equal(existing, 1);
    assert_int_equal(o->count, 2);
}

/* The grid grows to take years below and above the first one, and to
 * regions and indicators past a reserved size, keeping every row. */
static void test_obs_grid_grows_in_every_direction(void **state)
{
    zb_obs *o = *state;
    assert_int_equal(zb_obs_reserve_cells(o, 3, 2), 0);
    assert_int_equal(add(o, 1, 1, 2010, 1.0, 2), 0);
    assert_int_equal(add(o, 2, 0, 1990, 2.0, 3), 1);
    assert_int_equal(add(o, 0, 1, 2100, 3.0, 4), 2);
    assert_int_equal(add(o, 7, 9, 2011, 4.0, 5), 3); /* past the reserved size */
    assert_int_equal(zb_obs_reserve_cells(o, 20, 20), 0);
    assert_int_equal(add(o, 19, 19, 1985, 5.0, 6), 4);
    assert_int_equal(o->use_map, 0);
    assert_int_equal(zb_obs_find(o, 1, 1, 2010), 0);
    assert_int_equal(zb_obs_find(o, 2, 0, 1990), 1);
    assert_int_equal(zb_obs_find(o, 0, 1, 2100), 2);
    assert_int_equal(zb_obs_find(o, 7, 9, 2011), 3);
    assert_int_equal(zb_obs_find(o, 19, 19, 1985), 4);
    assert_int_equal(zb_obs_find(o, 1, 1, 2000), -1);
    assert_int_equal(zb_obs_find(o, 1, 1, 1800), -1);
    assert_int_equal(zb_obs_find(o, 40, 1, 2010), -1);
    long existing = -1;
    assert_int_equal(zb_obs_add(o, 2, 0, 1990, 9.0, ZB_STATUS_ACTUAL, 0, 0, 0, 7, &existing), -2);
    assert_int_equal(existing, 1);
    assert_true(o->value[1] == 2.0); /* the first row is kept */
}

/* The sparse columns (status, source, raw, note, line) are written only
 * where they differ from zero (from row + 2 for lines) and must read back
 * right on every row across several regrowths (1024, 2048, 4096 rows):
 * 3,000 rows, a source on every 1000th, statuses from row 1500 on, line 0
 * (a derived row, as a rollup view stores) on row 7. */
static void test_obs_sparse_columns_read_back_across_growth(void **state)
{
    zb_obs *o = *state;
    for (int r = 0; r < 3000; r++) {
        uint32_t line = r == 7 ? 0 : (uint32_t)r + 2 + (r >= 2000 ? 5 : 0);
        zb_status st = r >= 1500 ? ZB_STATUS_ESTIMATE : ZB_STATUS_ACTUAL;
        uint32_t source = r % 1000 == 999 ? 40 + (uint32_t)r : 0;
        assert_int_equal(zb_obs_add(o, r % 50, r / 50, 2000, r, st, source, 0, r == 2999 ? 9 : 0, line, NULL), r);
    }
    for (int r = 0; r < 3000; r++) {
        uint32_t line = r == 7 ? 0 : (uint32_t)r + 2 + (r >= 2000 ? 5 : 0);
        assert_int_equal(zb_obs_line(o, (size_t)r), line);
        assert_int_equal(o->status[r], r >= 1500 ? ZB_STATUS_ESTIMATE : ZB_STATUS_ACTUAL);
        assert_int_equal(o->source[r], r % 1000 == 999 ? 40 + (uint32_t)r : 0);
        assert_int_equal(o->raw[r], 0);
        assert_int_equal(o->note[r], r == 2999 ? 9 : 0);
    }
}

/* The region and year indexes are made on first use after
 * zb_obs_build_index, and only then count as ready. */
static void test_obs_builds_region_and_year_indexes_on_first_use(void **state)
{
    zb_obs *o = *state;
    add(o, 1, 0, 2020, 1.0, 2);
    add(o, 0, 0, 2021, 2.0, 3);
    add(o, 1, 1, 2021, 3.0, 4);
    assert_false(zb_obs_index_ready(o, ZB_OBS_BY_REGION, 2)); /* not asked for yet */
    assert_int_equal(zb_obs_build_index(o, 2, 2), 0);
    assert_non_null(o->by_indicator.offsets);
    assert_null(o->by_region.offsets);
    assert_null(o->by_year.offsets);
    assert_true(zb_obs_index_ready(o, ZB_OBS_BY_INDICATOR, 2));
    assert_false(zb_obs_index_ready(o, ZB_OBS_BY_REGION, 3)); /* wrong key count */
    assert_true(zb_obs_index_ready(o, ZB_OBS_BY_REGION, 2));
    size_t n;
    const uint32_t *rows = zb_obs_rows_for_year(o, 2021, &n);
    const uint32_t want[] = {1, 2};
    expect_rows(rows, n, want, 2);
    assert_true(zb_obs_index_ready(o, ZB_OBS_BY_YEAR, 2));
}

/* zb_obs_add_plain stores what zb_obs_add stores: 3 regions x 2
 * indicators x 4 years, half the rows through each, in a grid reserved for
 * 2 regions (so the plain one meets a grid to grow too), then a duplicate
 * through each.  Row r is on line r + 2 but for rows 5 and 9 (a blank line
 * before them in the file: lines 8 and 13). */
static void test_obs_add_plain_stores_what_add_stores(void **state)
{
    zb_obs *o = *state, q;
    zb_obs_init(&q);
    assert_int_equal(zb_obs_reserve_rows(o, 64), 0);
    assert_int_equal(zb_obs_reserve_rows(&q, 64), 0);
    assert_int_equal(zb_obs_reserve_cells(o, 2, 2), 0);
    assert_int_equal(zb_obs_reserve_cells(&q, 2, 2), 0);
    uint32_t line = 2;
    size_t k = 0;
    for (int32_t r = 0; r < 3; r++)
        for (int32_t i = 0; i < 2; i++)
            for (int y = 2021; y <= 2024; y++, k++) {
                line += k == 5 || k == 9 ? 2 : k > 0;
                double v = r * 100 + i * 10 + (y - 2020) + 0.5;
                long a = k % 2 ? zb_obs_add_plain(o, r, i, y, v, line, NULL) : add(o, r, i, y, v, line);
                long b = add(&q, r, i, y, v, line);
                assert_int_equal(a, (long)k);
                assert_int_equal(b, (long)k);
            }
    assert_int_equal(o->count, 24);
    for (size_t r = 0; r < o->count; r++) {
        assert_int_equal(o->region[r], q.region[r]);
        assert_int_equal(o->indicator[r], q.indicator[r]);
        assert_int_equal(o->year[r], q.year[r]);
        assert_true(o->value[r] == q.value[r]);
        assert_int_equal(o->status[r], 0);
        assert_int_equal(zb_obs_line(o, r), zb_obs_line(&q, r));
    }
    assert_int_equal(zb_obs_line(o, 4), 6);
    assert_int_equal(zb_obs_line(o, 5), 8);
    assert_int_equal(zb_obs_line(o, 9), 13);
    assert_int_equal(o->year_min, 2021);
    assert_int_equal(o->year_max, 2024);
    /* (1, 0, 2022) is row 1 * 8 + 0 * 4 + 1 = 9 */
    long existing = -1;
    assert_int_equal(zb_obs_add_plain(o, 1, 0, 2022, 7.0, 99, &existing), -2);
    assert_int_equal(existing, 9);
    assert_int_equal(o->count, 24);
    assert_true(o->value[9] == 102.5); /* 1 * 100 + 0 * 10 + (2022 - 2020) + 0.5 */
    assert_int_equal(zb_obs_find(o, 2, 1, 2024), 23);
    zb_obs_free(&q);
}

/* After zb_obs_build_index the cell grid is gone; the first lookup makes
 * it again, and that must neither change the by-indicator index nor find a
 * wrong row.  3 regions x 4 indicators x 5 years (2018-2022), added year by
 * year, without the 7 cells whose r + i + (y - 2018) is 0 or 7: (0,0,0);
 * for 7, r = 0: i + d = 7, 1 cell; r = 1: i + d = 6, 2; r = 2: i + d = 5,
 * 3.  53 rows; per indicator 15 less those skipped: i = 0: 1 (the 0 cell),
 * 14; i = 1: (2,·,4), 14; i = 2: (1,·,4), (2,·,3), 13; i = 3: (0,·,4),
 * (1,·,3), (2,·,2), 12. */
static int skipped(int32_t r, int32_t i, int y)
{
    int s = r + i + (y - 2018);
    return s == 0 || s == 7;
}

static void expect_indicator_index(const zb_obs *o, const size_t *counts)
{
    for (int32_t i = 0; i < 4; i++) {
        size_t n;
        const uint32_t *rows = zb_obs_rows_for_indicator(o, i, &n);
        assert_int_equal(n, counts[i]);
        for (size_t k = 0; k < n; k++) {
            assert_int_equal(o->indicator[rows[k]], i);
            if (k)
                assert_true(rows[k] > rows[k - 1]); /* file order */
        }
    }
}

static void test_obs_finds_cells_after_the_index_without_touching_it(void **state)
{
    zb_obs *o = *state;
    long next = 0;
    for (int y = 2018; y <= 2022; y++)
        for (int32_t r = 0; r < 3; r++)
            for (int32_t i = 0; i < 4; i++)
                if (!skipped(r, i, y)) {
                    assert_int_equal(add(o, r, i, y, r * 1000 + i * 100 + (y - 2018), (uint32_t)next + 2), next);
                    next++;
                }
    assert_int_equal(o->count, 53);
    assert_int_equal(zb_obs_build_index(o, 3, 4), 0);
    assert_null(o->grid);
    const size_t counts[4] = {14, 14, 13, 12};
    expect_indicator_index(o, counts);
    uint32_t before[53];
    memcpy(before, o->by_indicator.rows, sizeof before);
    for (int y = 2017; y <= 2023; y++)
        for (int32_t r = 0; r < 3; r++)
            for (int32_t i = 0; i < 4; i++) {
                long row = zb_obs_find(o, r, i, y);
                if (y < 2018 || y > 2022 || skipped(r, i, y)) {
                    assert_int_equal(row, -1);
                    continue;
                }
                assert_true(row >= 0);
                assert_int_equal(o->region[row], r);
                assert_int_equal(o->indicator[row], i);
                assert_int_equal(o->year[row], y);
                assert_true(o->value[row] == r * 1000 + i * 100 + (y - 2018));
            }
    assert_non_null(o->grid);
    assert_memory_equal(o->by_indicator.rows, before, sizeof before);
    expect_indicator_index(o, counts);
    /* Built again over the remade grid: the same index. */
    assert_int_equal(zb_obs_build_index(o, 3, 4), 0);
    assert_memory_equal(o->by_indicator.rows, before, sizeof before);
    assert_int_equal(zb_obs_find(o, 2, 3, 2022), 52); /* the last row added */
}

/* The status column is sparse: a store of actual figures never writes it,
 * and passes over every row (the rollup) skip reading it.  One preliminary
 * row is enough to make it count, and it stays counted as the store grows. */
static void test_obs_has_status_only_once_a_row_is_not_actual(void **state)
{
    zb_obs *o = *state;
    assert_false(zb_obs_has_status(o));
    assert_true(add(o, 0, 0, 2020, 1.0, 2) >= 0);
    assert_true(zb_obs_add_plain(o, 0, 0, 2021, 2.0, 3, NULL) >= 0);
    assert_false(zb_obs_has_status(o));
    assert_true(zb_obs_add(o, 0, 0, 2022, 3.0, ZB_STATUS_PRELIMINARY, 0, 0, 0, 4, NULL) >= 0);
    assert_true(zb_obs_has_status(o));
    for (int y = 1950; y < 2000; y++)
        assert_true(add(o, 1, 1, y, y, (uint32_t)(y - 1940)) >= 0);
    assert_true(zb_obs_has_status(o));
    assert_int_equal(o->status[2], ZB_STATUS_PRELIMINARY);
    assert_int_equal(o->status[1], ZB_STATUS_ACTUAL);
}

int main(void)
{
#define T(f) cmocka_unit_test_setup_teardown(f, setup, teardown)
    const struct CMUnitTest tests[] = {
        T(test_obs_add_appends_rows_and_find_returns_them),
        T(test_obs_has_status_only_once_a_row_is_not_actual),
        T(test_obs_find_returns_minus_one_for_an_absent_cell),
        T(test_obs_keys_keep_region_indicator_and_year_apart),
        T(test_obs_add_returns_minus_two_and_the_existing_row_for_a_duplicate),
        T(test_obs_keeps_a_missing_value_as_nan_with_its_row),
        T(test_obs_dataset_value_is_absent_for_a_missing_cell),
        T(test_obs_tracks_the_year_range),
        T(test_obs_finds_every_row_after_growing),
        T(test_obs_has_no_walk_rows_before_the_index_is_built),
        T(test_obs_walks_rows_by_indicator_region_and_year_in_file_order),
        T(test_obs_sparse_cells_go_to_the_map),
        T(test_obs_grid_grows_in_every_direction),
        T(test_obs_sparse_columns_read_back_across_growth),
        T(test_obs_builds_region_and_year_indexes_on_first_use),
        T(test_obs_add_plain_stores_what_add_stores),
        T(test_obs_walks_nothing_outside_the_indexed_range),
        T(test_obs_builds_an_index_over_no_rows),
        T(test_obs_rebuilds_the_index_after_more_rows),
        T(test_obs_finds_cells_after_the_index_without_touching_it),
        T(test_obs_parses_status_words_in_english_and_chinese),
    };
#undef T
    return cmocka_run_group_tests_name("zb_obs", tests, NULL, NULL);
}
