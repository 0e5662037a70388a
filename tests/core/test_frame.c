/* zb_frame: selections of rows and the bulk statistics over them.
 *
 * The fixture has eight rows over regions 0-2 (region 3 has none),
 * indicators 0-1 and years 2015-2020:
 *
 *   row  region ind year  value  status
 *    0     0     0  2015    10   actual
 *    1     0     0  2020    20   actual
 *    2     1     0  2020     5   actual
 *    3     1     1  2020   NaN   actual      (a missing marker)
 *    4     2     1  2018    -3   estimate
 *    5     0     1  2016   100   preliminary
 *    6     2     0  2019     7   actual
 *    7     0     0  2017    15   actual      (out of year order on purpose)
 *
 * Every expected figure below is worked out by hand from this table.
 */
#include "zb_test.h"

#include <math.h>

#include "zb_frame.h"

enum { NREGIONS = 4, NINDICATORS = 2 };

static int setup(void **state)
{
    zb_obs *o = malloc(sizeof *o);
    if (!o)
        return -1;
    zb_obs_init(o);
    static const struct { int r, i, y; double v; zb_status s; } rows[] = {
        {0, 0, 2015, 10, ZB_STATUS_ACTUAL},   {0, 0, 2020, 20, ZB_STATUS_ACTUAL},
        {1, 0, 2020, 5, ZB_STATUS_ACTUAL},    {1, 1, 2020, NAN, ZB_STATUS_ACTUAL},
        {2, 1, 2018, -3, ZB_STATUS_ESTIMATE}, {0, 1, 2016, 100, ZB_STATUS_PRELIMINARY},
        {2, 0, 2019, 7, ZB_STATUS_ACTUAL},    {0, 0, 2017, 15, ZB_STATUS_ACTUAL},
    };
    for (size_t k = 0; k < sizeof rows / sizeof rows[0]; k++)
        if (zb_obs_add(o, rows[k].r, rows[k].i, rows[k].y, rows[k].v, rows[k].s, 0, 0, 0,
                       (uint32_t)k + 2, NULL) != (long)k)
            return -1;
    if (zb_obs_build_index(o, NREGIONS, NINDICATORS) != 0)
        return -1;
    *state = o;
    return 0;
}

static int teardown(void **state)
{
    zb_obs_free(*state);
    free(*state);
    return 0;
}

static void expect_rows(const zb_rows *r, const uint32_t *want, size_t nwant)
{
    assert_int_equal(r->n, nwant);
    for (size_t i = 0; i < nwant; i++)
        assert_int_equal(zb_rows_at(r, i), want[i]);
}

static zb_rows all_rows(const zb_obs *o) { return (zb_rows){NULL, o->count}; }

static void test_frame_selects_one_indicator_in_file_order(void **state)
{
    zb_obs *o = *state;
    uint8_t ind[NINDICATORS] = {1, 0};
    zb_filter f = zb_filter_any();
    f.indicators = ind;
    f.nindicators = NINDICATORS;
    zb_rows in = all_rows(o), out;
    assert_int_equal(zb_frame_select(o, &in, &f, &out), 0);
    expect_rows(&out, (const uint32_t[]){0, 1, 2, 6, 7}, 5);
    free(out.rows);
}

static void test_frame_selects_the_same_rows_without_indexes(void **state)
{
    zb_obs *o = *state;
    /* A stale index (a row added after building) must not be trusted. */
    assert_true(zb_obs_add(o, 3, 0, 2021, 1, ZB_STATUS_ACTUAL, 0, 0, 0, 10, NULL) == 8);
    uint8_t ind[NINDICATORS] = {1, 0};
    zb_filter f = zb_filter_any();
    f.indicators = ind;
    f.nindicators = NINDICATORS;
    zb_rows in = all_rows(o), out;
    assert_int_equal(zb_frame_select(o, &in, &f, &out), 0);
    expect_rows(&out, (const uint32_t[]){0, 1, 2, 6, 7, 8}, 6);
    free(out.rows);
}

static void test_frame_combines_regions_and_a_year_range(void **state)
{
    zb_obs *o = *state;
    uint8_t reg[NREGIONS] = {1, 0, 1, 0};
    uint8_t years[ZB_YEAR_LAST - ZB_YEAR_FIRST + 1] = {0};
    for (int y = 2016; y <= 2019; y++)
        years[y - ZB_YEAR_FIRST] = 1;
    zb_filter f = zb_filter_any();
    f.regions = reg;
    f.nregions = NREGIONS;
    f.years = years;
    zb_rows in = all_rows(o), out;
    assert_int_equal(zb_frame_select(o, &in, &f, &out), 0);
    /* region 0 in 2016 (row 5) and 2017 (row 7); region 2 in 2018 (4), 2019 (6) */
    expect_rows(&out, (const uint32_t[]){4, 5, 6, 7}, 4);
    free(out.rows);
}

static void test_frame_selects_by_status_and_by_missing(void **state)
{
    zb_obs *o = *state;
    zb_filter f = zb_filter_any();
    f.statuses = (1u << ZB_STATUS_ESTIMATE) | (1u << ZB_STATUS_PRELIMINARY);
    zb_rows in = all_rows(o), out;
    assert_int_equal(zb_frame_select(o, &in, &f, &out), 0);
    expect_rows(&out, (const uint32_t[]){4, 5}, 2);
    free(out.rows);
    f = zb_filter_any();
    f.missing = 1;
    assert_int_equal(zb_frame_select(o, &in, &f, &out), 0);
    expect_rows(&out, (const uint32_t[]){3}, 1);
    free(out.rows);
    f.missing = 0;
    assert_int_equal(zb_frame_select(o, &in, &f, &out), 0);
    expect_rows(&out, (const uint32_t[]){0, 1, 2, 4, 5, 6, 7}, 7);
    free(out.rows);
}

static void test_frame_filters_a_subset_and_can_select_nothing(void **state)
{
    zb_obs *o = *state;
    uint32_t some[] = {0, 2, 4, 6};
    zb_rows in = {some, 4}, out;
    uint8_t reg[NREGIONS] = {1, 0, 0, 0};
    zb_filter f = zb_filter_any();
    f.regions = reg;
    f.nregions = NREGIONS;
    assert_int_equal(zb_frame_select(o, &in, &f, &out), 0);
    expect_rows(&out, (const uint32_t[]){0}, 1);
    free(out.rows);
    uint8_t none[NREGIONS] = {0, 0, 0, 1}; /* region 3 has no rows */
    f.regions = none;
    in = all_rows(o);
    assert_int_equal(zb_frame_select(o, &in, &f, &out), 0);
    assert_int_equal(out.n, 0);
    assert_null(out.rows);
}

static void expect_series(long n, const uint32_t *buf, const uint32_t *want, long nwant)
{
    assert_int_equal(n, nwant);
    for (long i = 0; i < nwant; i++)
        assert_int_equal(buf[i], want[i]);
}

static void test_frame_series_orders_rows_by_year(void **state)
{
    zb_obs *o = *state;
    uint32_t buf[6]; /* 2015 .. 2020 */
    /* 2015 (row 0), 2017 (row 7), 2020 (row 1) */
    expect_series(zb_frame_series(o, 0, 0, buf, 6), buf, (const uint32_t[]){0, 7, 1}, 3);
    /* the missing row is kept */
    expect_series(zb_frame_series(o, 1, 1, buf, 6), buf, (const uint32_t[]){3}, 1);
    assert_int_equal(zb_frame_series(o, 3, 0, buf, 6), 0);
}

static void test_frame_series_refuses_a_buffer_too_small(void **state)
{
    zb_obs *o = *state;
    uint32_t buf[2];
    assert_int_equal(zb_frame_series(o, 0, 0, buf, 2), -1);
}

static void test_frame_series_scans_when_there_is_no_index(void **state)
{
    zb_obs *o = *state;
    zb_obs fresh;
    zb_obs_init(&fresh);
    for (size_t r = 0; r < o->count; r++)
        zb_obs_add(&fresh, o->region[r], o->indicator[r], o->year[r], o->value[r],
                   (zb_status)o->status[r], 0, 0, 0, 0, NULL);
    uint32_t buf[6];
    expect_series(zb_frame_series(&fresh, 0, 0, buf, 6), buf, (const uint32_t[]){0, 7, 1}, 3);
    zb_obs_free(&fresh);
}

static void test_frame_stats_skip_and_count_missing_values(void **state)
{
    zb_obs *o = *state;
    zb_rows all = all_rows(o);
    zb_stats st;
    zb_frame_stats(o, &all, &st);
    /* 10 + 20 + 5 - 3 + 100 + 7 + 15 = 154 over 7 values, one missing */
    assert_int_equal(st.count, 7);
    assert_int_equal(st.missing, 1);
    assert_float_equal(st.sum, 154, 1e-12);
    assert_float_equal(st.min, -3, 0);
    assert_int_equal(st.min_at, 4);
    assert_float_equal(st.max, 100, 0);
    assert_int_equal(st.max_at, 5);
    uint32_t only_missing[] = {3};
    zb_rows m = {only_missing, 1};
    zb_frame_stats(o, &m, &st);
    assert_int_equal(st.count, 0);
    assert_int_equal(st.missing, 1);
    assert_float_equal(st.sum, 0, 0);
    assert_true(isnan(st.min) && isnan(st.max));
}

static void test_frame_sum_keeps_small_values_next_to_large_ones(void **state)
{
    (void)state;
    zb_obs o;
    zb_obs_init(&o);
    /* Naively 1e16 + 1 rounds back to 1e16 and the sum comes out 0. */
    zb_obs_add(&o, 0, 0, 2020, 1e16, ZB_STATUS_ACTUAL, 0, 0, 0, 0, NULL);
    zb_obs_add(&o, 0, 0, 2021, 1.0, ZB_STATUS_ACTUAL, 0, 0, 0, 0, NULL);
    zb_obs_add(&o, 0, 0, 2022, -1e16, ZB_STATUS_ACTUAL, 0, 0, 0, 0, NULL);
    zb_rows all = all_rows(&o);
    zb_stats st;
    zb_frame_stats(&o, &all, &st);
    assert_float_equal(st.sum, 1.0, 0);
    zb_obs_free(&o);
}

static void test_frame_outside_finds_values_beyond_either_bound(void **state)
{
    zb_obs *o = *state;
    zb_rows all = all_rows(o), out;
    assert_int_equal(zb_frame_outside(o, &all, 0, 50, &out), 0);
    expect_rows(&out, (const uint32_t[]){4, 5}, 2); /* -3 and 100; NaN is not outside */
    free(out.rows);
    assert_int_equal(zb_frame_outside(o, &all, NAN, 6, &out), 0);
    expect_rows(&out, (const uint32_t[]){0, 1, 5, 6, 7}, 5); /* 10 20 100 7 15 */
    free(out.rows);
    assert_int_equal(zb_frame_outside(o, &all, -3, 100, &out), 0);
    assert_int_equal(out.n, 0); /* the bounds themselves are inside */
    assert_null(out.rows);
}

static void test_frame_groups_by_region_and_by_year(void **state)
{
    zb_obs *o = *state;
    zb_rows all = all_rows(o);
    assert_int_equal(zb_frame_group_count(o, NREGIONS, NINDICATORS, ZB_BY_REGION), NREGIONS);
    zb_stats g[NREGIONS];
    assert_int_equal(zb_frame_group(o, &all, ZB_BY_REGION, g, NREGIONS), 0);
    assert_int_equal(g[0].count, 4);
    assert_float_equal(g[0].sum, 145, 1e-12); /* 10 + 20 + 100 + 15 */
    assert_int_equal(g[1].count, 1);
    assert_int_equal(g[1].missing, 1);
    assert_float_equal(g[2].sum, 4, 1e-12);   /* -3 + 7 */
    assert_int_equal(g[3].count + g[3].missing, 0);
    size_t ny = zb_frame_group_count(o, NREGIONS, NINDICATORS, ZB_BY_YEAR);
    assert_int_equal(ny, 6); /* 2015 .. 2020 */
    zb_stats y[6];
    assert_int_equal(zb_frame_group(o, &all, ZB_BY_YEAR, y, ny), 0);
    assert_float_equal(y[2020 - 2015].sum, 25, 1e-12); /* 20 + 5, and the missing row */
    assert_int_equal(y[2020 - 2015].missing, 1);
    assert_float_equal(y[2016 - 2015].max, 100, 0);
    assert_int_equal(y[2016 - 2015].max_at, 5);
    assert_int_equal(zb_frame_group(o, &all, ZB_BY_INDICATOR, g, 1), -1); /* indicator 1 does not fit */
}

int main(void)
{
#define T(f) cmocka_unit_test_setup_teardown(f, setup, teardown)
    const struct CMUnitTest tests[] = {
        T(test_frame_selects_one_indicator_in_file_order),
        T(test_frame_selects_the_same_rows_without_indexes),
        T(test_frame_combines_regions_and_a_year_range),
        T(test_frame_selects_by_status_and_by_missing),
        T(test_frame_filters_a_subset_and_can_select_nothing),
        T(test_frame_series_orders_rows_by_year),
        T(test_frame_series_refuses_a_buffer_too_small),
        T(test_frame_series_scans_when_there_is_no_index),
        T(test_frame_stats_skip_and_count_missing_values),
        T(test_frame_sum_keeps_small_values_next_to_large_ones),
        T(test_frame_outside_finds_values_beyond_either_bound),
        T(test_frame_groups_by_region_and_by_year),
    };
#undef T
    return cmocka_run_group_tests_name("zb_frame", tests, NULL, NULL);
}
