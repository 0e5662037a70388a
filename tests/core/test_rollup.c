/* zb_rollup: every rule on a hand-built hierarchy, coverage under each
 * policy, real-growth weighting, gaps, zones, depth.  The expected numbers
 * are worked out in the comment beside each test. */
#include "zbb_build.h"

#include <math.h>

#include "zb_rollup.h"

typedef struct rs {
    zb_dataset *ds;
    zb_rollup *r;
} rs;

static int setup(void **state)
{
    zb_lang_set(ZB_LANG_EN);
    rs *s = calloc(1, sizeof *s);
    if (!s)
        return -1;
    s->ds = zb_dataset_new();
    *state = s;
    return s->ds ? 0 : -1;
}

static int teardown(void **state)
{
    rs *s = *state;
    zb_rollup_free(s->r);
    zb_dataset_free(s->ds);
    free(s);
    zb_lang_set(ZB_LANG_ZH);
    return 0;
}

static int same_double(double a, double b) { return memcmp(&a, &b, sizeof a) == 0; }

/* The two-thread run must give the one-thread run's result exactly: the
 * same cells in the same order, the same figures to the bit, the same
 * missing children and shares. */
static void expect_same_result(const zb_rollup *a, const zb_rollup *b)
{
    assert_int_equal(a->count, b->count);
    for (size_t k = 0; k < a->count; k++) {
        const zb_rollup_cell *x = &a->cells[k], *y = &b->cells[k];
        if (!same_double(x->value, y->value) || !same_double(x->reported, y->reported) || x->region != y->region ||
            x->indicator != y->indicator || x->year != y->year || x->n != y->n || x->total != y->total ||
            x->partial != y->partial || x->origin != y->origin || x->status != y->status ||
            x->nshares != y->nshares || x->has_reported != y->has_reported)
            fail_msg("cell %zu differs between one and two threads", k);
        size_t nx, ny;
        const int32_t *mx = zb_rollup_missing(a, x, &nx), *my = zb_rollup_missing(b, y, &ny);
        assert_int_equal(nx, ny);
        for (size_t m = 0; m < nx; m++)
            assert_int_equal(mx[m], my[m]);
        for (int rep = 0; rep < 2; rep++) {
            const double *sx = zb_rollup_shares(a, x, rep), *sy = zb_rollup_shares(b, y, rep);
            assert_true((sx == NULL) == (sy == NULL));
            for (uint8_t j = 0; sx && j < x->nshares; j++)
                assert_true(same_double(sx[j], sy[j]));
        }
        assert_ptr_equal(zb_rollup_find(a, x->region, x->indicator, x->year), x);
        assert_ptr_equal(zb_rollup_find(b, y->region, y->indicator, y->year), y);
    }
}

/* Runs the rollup of every indicator and all years, in one thread and in
 * two; the results must agree. */
static zb_rollup *run_with(rs *s, zb_rollup_policy policy, int zones)
{
    zb_rollup_options o;
    zb_rollup_options_init(&o);
    o.policy = policy;
    o.zones = zones;
    o.threads = 1;
    char err[256] = "", err2[256] = "";
    zb_rollup_free(s->r);
    s->r = zb_rollup_run(s->ds, &o, err, sizeof err);
    if (!s->r)
        fail_msg("rollup failed: %s", err);
    o.threads = 2;
    zb_rollup *two = zb_rollup_run(s->ds, &o, err2, sizeof err2);
    if (!two)
        fail_msg("rollup in two threads failed: %s", err2);
    expect_same_result(s->r, two);
    zb_rollup_free(two);
    return s->r;
}

static zb_rollup *run(rs *s) { return run_with(s, ZB_POLICY_PARTIAL, -1); }

static const zb_rollup_cell *cell(rs *s, const char *region, const char *ind, int year)
{
    return zb_rollup_find(s->r, zb_ds_region(s->ds, region), zb_ds_indicator(s->ds, ind), year);
}

/* The cell must exist with this coverage. */
static const zb_rollup_cell *expect_cell(rs *s, const char *region, const char *ind, int year, uint32_t n,
                                         uint32_t total)
{
    const zb_rollup_cell *c = cell(s, region, ind, year);
    if (!c)
        fail_msg("no cell for %s %s %d", region, ind, year);
    if (c->n != n || c->total != total)
        fail_msg("%s %s %d: coverage %u/%u, expected %u/%u", region, ind, year, c->n, c->total, n, total);
    return c;
}

/* A city C over counties A, B, D. */
static void city_of_three(zb_dataset *ds)
{
    zbb_region(ds, "C", ZB_LEVEL_CITY, NULL);
    zbb_region(ds, "A", ZB_LEVEL_COUNTY, "C");
    zbb_region(ds, "B", ZB_LEVEL_COUNTY, "C");
    zbb_region(ds, "D", ZB_LEVEL_COUNTY, "C");
}

/* ---- each rule ---- */

static void test_rollup_sums_a_level(void **state)
{
    rs *s = *state;
    city_of_three(s->ds);
    zbb_indicator(s->ds, "gdp", ZB_KIND_LEVEL, "sum");
    zbb_finish(s->ds);
    zbb_obs(s->ds, "A", "gdp", 2021, 10);
    zbb_obs(s->ds, "B", "gdp", 2021, 20);
    zbb_obs(s->ds, "D", "gdp", 2021, 30.5);
    zbb_index(s->ds);
    run(s);
    /* 10 + 20 + 30.5 = 60.5, from all three counties */
    const zb_rollup_cell *c = expect_cell(s, "C", "gdp", 2021, 3, 3);
    assert_float_equal(c->value, 60.5, 1e-9);
    assert_false(c->partial);
    assert_int_equal(c->origin, ZB_ORIGIN_COMPUTED);
    assert_false(c->has_reported);
    assert_true(isnan(c->reported));
    assert_float_equal(zb_rollup_upward(c), 60.5, 1e-9);
    /* counties are not parents: no cells */
    assert_null(cell(s, "A", "gdp", 2021));
    assert_int_equal(s->r->count, 1);
}

static void test_rollup_takes_a_ratio_of_sums_not_a_sum_of_rates(void **state)
{
    rs *s = *state;
    city_of_three(s->ds);
    zbb_indicator(s->ds, "urban_pop", ZB_KIND_LEVEL, "sum");
    zbb_indicator(s->ds, "resident_pop", ZB_KIND_LEVEL, "sum");
    zbb_indicator(s->ds, "urbanization_rate", ZB_KIND_RATE, "ratio(urban_pop,resident_pop,100)");
    zbb_finish(s->ds);
    /* A: 30 of 60 (50%); B: 10 of 40 (25%); D gives only its rate 60% and
     * its population 100, so its urban population is 60 x 100 / 100 = 60. */
    zbb_obs(s->ds, "A", "urban_pop", 2021, 30);
    zbb_obs(s->ds, "A", "resident_pop", 2021, 60);
    zbb_obs(s->ds, "A", "urbanization_rate", 2021, 50);
    zbb_obs(s->ds, "B", "urban_pop", 2021, 10);
    zbb_obs(s->ds, "B", "resident_pop", 2021, 40);
    zbb_obs(s->ds, "D", "resident_pop", 2021, 100);
    zbb_obs(s->ds, "D", "urbanization_rate", 2021, 60);
    zbb_index(s->ds);
    run(s);
    /* (30 + 10 + 60) / (60 + 40 + 100) x 100 = 100 / 200 x 100 = 50;
     * the mean of the rates (50 + 25 + 60) / 3 = 45 would be wrong. */
    const zb_rollup_cell *c = expect_cell(s, "C", "urbanization_rate", 2021, 3, 3);
    assert_float_equal(c->value, 50.0, 1e-9);
    assert_false(c->partial);
    /* urban_pop itself: only A and B have it, 40, partial 2 of 3 */
    c = expect_cell(s, "C", "urban_pop", 2021, 2, 3);
    assert_float_equal(c->value, 40.0, 1e-9);
    assert_true(c->partial);
}

static void test_rollup_ratio_without_a_denominator_has_no_value(void **state)
{
    rs *s = *state;
    city_of_three(s->ds);
    zbb_indicator(s->ds, "num", ZB_KIND_LEVEL, "sum");
    zbb_indicator(s->ds, "den", ZB_KIND_LEVEL, "sum");
    zbb_indicator(s->ds, "rate", ZB_KIND_RATE, "ratio(num,den,100)");
    zbb_finish(s->ds);
    zbb_obs(s->ds, "A", "num", 2021, 5);
    zbb_obs(s->ds, "A", "den", 2021, 0);
    zbb_obs(s->ds, "B", "num", 2021, 5);
    zbb_obs(s->ds, "B", "den", 2021, 0);
    zbb_obs(s->ds, "D", "num", 2021, 5);
    zbb_obs(s->ds, "D", "den", 2021, 0);
    zbb_index(s->ds);
    run(s);
    /* all three enter, but 15 / 0 is no rate */
    const zb_rollup_cell *c = expect_cell(s, "C", "rate", 2021, 3, 3);
    assert_true(isnan(c->value));
    assert_int_equal(c->origin, ZB_ORIGIN_NONE);
}

static void test_rollup_weights_a_per_capita_value_by_population(void **state)
{
    rs *s = *state;
    city_of_three(s->ds);
    zbb_indicator(s->ds, "pop", ZB_KIND_LEVEL, "sum");
    zbb_indicator(s->ds, "income", ZB_KIND_PERCAP, "wmean(pop)");
    zbb_finish(s->ds);
    zbb_obs(s->ds, "A", "income", 2021, 30000);
    zbb_obs(s->ds, "A", "pop", 2021, 60);
    zbb_obs(s->ds, "B", "income", 2021, 20000);
    zbb_obs(s->ds, "B", "pop", 2021, 40);
    zbb_obs(s->ds, "D", "income", 2021, 99999); /* no population: cannot be weighted */
    zbb_index(s->ds);
    run(s);
    /* (30000 x 60 + 20000 x 40) / (60 + 40) = (1800000 + 800000) / 100 = 26000,
     * from 2 of 3 counties: partial */
    const zb_rollup_cell *c = expect_cell(s, "C", "income", 2021, 2, 3);
    assert_float_equal(c->value, 26000.0, 1e-6);
    assert_true(c->partial);
    size_t n;
    const int32_t *missing = zb_rollup_missing(s->r, c, &n);
    assert_int_equal(n, 1);
    assert_int_equal(missing[0], zb_ds_region(s->ds, "D"));
}

static void test_rollup_weights_real_growth_by_previous_year_levels(void **state)
{
    rs *s = *state;
    zbb_region(s->ds, "C", ZB_LEVEL_CITY, NULL);
    zbb_region(s->ds, "A", ZB_LEVEL_COUNTY, "C");
    zbb_region(s->ds, "B", ZB_LEVEL_COUNTY, "C");
    zbb_indicator(s->ds, "gdp", ZB_KIND_LEVEL, "sum");
    zbb_indicator(s->ds, "gdp_growth", ZB_KIND_GROWTH, "growth(gdp)");
    zbb_finish(s->ds);
    zbb_obs(s->ds, "A", "gdp", 2020, 100);
    zbb_obs(s->ds, "B", "gdp", 2020, 300);
    zbb_obs(s->ds, "A", "gdp", 2021, 115);
    zbb_obs(s->ds, "B", "gdp", 2021, 312);
    zbb_obs(s->ds, "A", "gdp_growth", 2021, 10);
    zbb_obs(s->ds, "B", "gdp_growth", 2021, 6);
    zbb_index(s->ds);
    run(s);
    /* weights are the 2020 levels: (10 x 100 + 6 x 300) / 400 = 2800 / 400 = 7.
     * Not the plain mean (8), not weighted by 2021 levels
     * ((10 x 115 + 6 x 312) / 427 = 7.0773...). */
    const zb_rollup_cell *c = expect_cell(s, "C", "gdp_growth", 2021, 2, 2);
    assert_float_equal(c->value, 7.0, 1e-12);
    /* the first year has no previous level: no growth cell */
    assert_null(cell(s, "C", "gdp_growth", 2020));
}

static void test_rollup_growth_needs_the_previous_level_of_each_child(void **state)
{
    rs *s = *state;
    zbb_region(s->ds, "C", ZB_LEVEL_CITY, NULL);
    zbb_region(s->ds, "A", ZB_LEVEL_COUNTY, "C");
    zbb_region(s->ds, "B", ZB_LEVEL_COUNTY, "C");
    zbb_indicator(s->ds, "gdp", ZB_KIND_LEVEL, "sum");
    zbb_indicator(s->ds, "gdp_growth", ZB_KIND_GROWTH, "growth(gdp)");
    zbb_finish(s->ds);
    zbb_obs(s->ds, "A", "gdp", 2020, 100);
    zbb_obs(s->ds, "B", "gdp", 2021, 300); /* B has no 2020 level */
    zbb_obs(s->ds, "A", "gdp_growth", 2021, 10);
    zbb_obs(s->ds, "B", "gdp_growth", 2021, 6);
    zbb_index(s->ds);
    run(s);
    /* only A can be weighted: 10 x 100 / 100 = 10, partial 1 of 2 */
    const zb_rollup_cell *c = expect_cell(s, "C", "gdp_growth", 2021, 1, 2);
    assert_float_equal(c->value, 10.0, 1e-12);
    assert_true(c->partial);
}

static void test_rollup_derives_structure_shares_from_component_levels(void **state)
{
    rs *s = *state;
    zbb_region(s->ds, "C", ZB_LEVEL_CITY, NULL);
    zbb_region(s->ds, "A", ZB_LEVEL_COUNTY, "C");
    zbb_region(s->ds, "B", ZB_LEVEL_COUNTY, "C");
    zbb_indicator(s->ds, "va1", ZB_KIND_LEVEL, "sum");
    zbb_indicator(s->ds, "va2", ZB_KIND_LEVEL, "sum");
    zbb_indicator(s->ds, "va3", ZB_KIND_LEVEL, "sum");
    zbb_indicator_d(s->ds, "structure", ZB_KIND_STRUCTURE, "structure(va1,va2,va3)", 1);
    zbb_finish(s->ds);
    zbb_obs(s->ds, "A", "va1", 2021, 10);
    zbb_obs(s->ds, "A", "va2", 2021, 20);
    zbb_obs(s->ds, "A", "va3", 2021, 70);
    zbb_obs(s->ds, "B", "va1", 2021, 30);
    zbb_obs(s->ds, "B", "va2", 2021, 30);
    zbb_obs(s->ds, "B", "va3", 2021, 40);
    zbb_obs_full(s->ds, "C", "structure", 2021, NAN, ZB_STATUS_ACTUAL, "21:24.5:54.5");
    zbb_index(s->ds);
    run(s);
    /* components summed: 40, 50, 110 of 200 -> 20 : 25 : 55 */
    const zb_rollup_cell *c = expect_cell(s, "C", "structure", 2021, 2, 2);
    assert_int_equal(c->nshares, 3);
    const double *sh = zb_rollup_shares(s->r, c, 0);
    assert_non_null(sh);
    assert_float_equal(sh[0], 20.0, 1e-9);
    assert_float_equal(sh[1], 25.0, 1e-9);
    assert_float_equal(sh[2], 55.0, 1e-9);
    char buf[64];
    zb_rollup_format_shares(s->r, c, 0, 1, buf, sizeof buf);
    assert_string_equal(buf, "20.0:25.0:55.0");
    /* reported 21 : 24.5 : 54.5; differences -1, +0.5, +0.5: the gap is the
     * largest, -1 point */
    assert_true(c->has_reported);
    double gap, rel;
    assert_int_equal(zb_rollup_gap(s->r, c, &gap, &rel), 1);
    assert_float_equal(gap, -1.0, 1e-9);
    assert_true(isnan(rel));
}

static void test_rollup_takes_min_and_max(void **state)
{
    rs *s = *state;
    city_of_three(s->ds);
    zbb_indicator(s->ds, "lowest", ZB_KIND_RATE, "min");
    zbb_indicator(s->ds, "highest", ZB_KIND_RATE, "max");
    zbb_finish(s->ds);
    const char *kids[] = {"A", "B", "D"};
    const double v[] = {3, 7, 5};
    for (int i = 0; i < 3; i++) {
        zbb_obs(s->ds, kids[i], "lowest", 2021, v[i]);
        zbb_obs(s->ds, kids[i], "highest", 2021, v[i]);
    }
    zbb_index(s->ds);
    run(s);
    assert_float_equal(expect_cell(s, "C", "lowest", 2021, 3, 3)->value, 3.0, 0);
    assert_float_equal(expect_cell(s, "C", "highest", 2021, 3, 3)->value, 7.0, 0);
}

static void test_rollup_leaves_rule_none_alone(void **state)
{
    rs *s = *state;
    city_of_three(s->ds);
    zbb_indicator(s->ds, "rank", ZB_KIND_OTHER, "none");
    zbb_finish(s->ds);
    zbb_obs(s->ds, "A", "rank", 2021, 1);
    zbb_obs(s->ds, "B", "rank", 2021, 2);
    zbb_index(s->ds);
    run(s);
    assert_int_equal(s->r->count, 0);
}

/* ---- coverage and policies ---- */

static void partial_city(rs *s)
{
    city_of_three(s->ds);
    zbb_indicator(s->ds, "gdp", ZB_KIND_LEVEL, "sum");
    zbb_finish(s->ds);
    zbb_obs(s->ds, "A", "gdp", 2021, 10);
    zbb_obs(s->ds, "B", "gdp", 2021, NAN); /* a row with a missing marker */
    zbb_obs(s->ds, "D", "gdp", 2021, 30);
    zbb_index(s->ds);
}

static void test_rollup_partial_policy_computes_and_flags_n_of_n(void **state)
{
    rs *s = *state;
    partial_city(s);
    run_with(s, ZB_POLICY_PARTIAL, -1);
    /* 10 + 30 = 40 from 2 of 3; B named as missing */
    const zb_rollup_cell *c = expect_cell(s, "C", "gdp", 2021, 2, 3);
    assert_float_equal(c->value, 40.0, 1e-9);
    assert_true(c->partial);
    assert_int_equal(c->origin, ZB_ORIGIN_PARTIAL);
    size_t n;
    const int32_t *missing = zb_rollup_missing(s->r, c, &n);
    assert_int_equal(n, 1);
    assert_int_equal(missing[0], zb_ds_region(s->ds, "B"));
}

static void test_rollup_missing_policy_keeps_the_cell_without_a_value(void **state)
{
    rs *s = *state;
    partial_city(s);
    run_with(s, ZB_POLICY_MISSING, -1);
    const zb_rollup_cell *c = expect_cell(s, "C", "gdp", 2021, 2, 3);
    assert_true(isnan(c->value));
    assert_true(c->partial);
    assert_int_equal(c->origin, ZB_ORIGIN_NONE);
    assert_true(isnan(zb_rollup_upward(c)));
}

static void test_rollup_skip_policy_leaves_the_cell_out(void **state)
{
    rs *s = *state;
    partial_city(s);
    run_with(s, ZB_POLICY_SKIP, -1);
    assert_null(cell(s, "C", "gdp", 2021));
    assert_int_equal(s->r->count, 0);
}

static void test_rollup_a_parent_without_any_child_figure_has_no_cell(void **state)
{
    rs *s = *state;
    city_of_three(s->ds);
    zbb_indicator(s->ds, "gdp", ZB_KIND_LEVEL, "sum");
    zbb_finish(s->ds);
    zbb_obs(s->ds, "C", "gdp", 2021, 99); /* the city's own figure only */
    zbb_index(s->ds);
    run(s);
    assert_null(cell(s, "C", "gdp", 2021));
    assert_int_equal(s->r->total[zb_ds_region(s->ds, "C")], 3);
}

/* ---- reported vs computed ---- */

static void test_rollup_keeps_the_reported_value_and_the_gap(void **state)
{
    rs *s = *state;
    city_of_three(s->ds);
    zbb_indicator(s->ds, "gdp", ZB_KIND_LEVEL, "sum");
    zbb_finish(s->ds);
    zbb_obs(s->ds, "A", "gdp", 2021, 10);
    zbb_obs(s->ds, "B", "gdp", 2021, 20);
    zbb_obs(s->ds, "D", "gdp", 2021, 30.5);
    zbb_obs(s->ds, "C", "gdp", 2021, 65);
    zbb_index(s->ds);
    run(s);
    /* computed 60.5, reported 65: gap -4.5, relative -4.5 / 65 = -0.0692307... */
    const zb_rollup_cell *c = expect_cell(s, "C", "gdp", 2021, 3, 3);
    assert_float_equal(c->value, 60.5, 1e-9);
    assert_true(c->has_reported);
    assert_float_equal(c->reported, 65.0, 0);
    double gap, rel;
    assert_int_equal(zb_rollup_gap(s->r, c, &gap, &rel), 1);
    assert_float_equal(gap, -4.5, 1e-9);
    assert_float_equal(rel, -4.5 / 65.0, 1e-12);
    /* complete, so the computed value is what goes up */
    assert_int_equal(c->origin, ZB_ORIGIN_COMPUTED);
}

static void test_rollup_an_incomplete_parent_passes_up_its_own_figure(void **state)
{
    rs *s = *state;
    /* P over cities C1 (A, B) and C2 (D); B is missing, C1 reports 5 */
    zbb_region(s->ds, "P", ZB_LEVEL_PROVINCE, NULL);
    zbb_region(s->ds, "C1", ZB_LEVEL_CITY, "P");
    zbb_region(s->ds, "C2", ZB_LEVEL_CITY, "P");
    zbb_region(s->ds, "A", ZB_LEVEL_COUNTY, "C1");
    zbb_region(s->ds, "B", ZB_LEVEL_COUNTY, "C1");
    zbb_region(s->ds, "D", ZB_LEVEL_COUNTY, "C2");
    zbb_indicator(s->ds, "gdp", ZB_KIND_LEVEL, "sum");
    zbb_finish(s->ds);
    zbb_obs(s->ds, "A", "gdp", 2021, 1);
    zbb_obs(s->ds, "D", "gdp", 2021, 4);
    zbb_obs(s->ds, "C1", "gdp", 2021, 5);
    zbb_index(s->ds);
    run(s);
    /* C1: computed 1 from 1 of 2, its own 5 stands in */
    const zb_rollup_cell *c1 = expect_cell(s, "C1", "gdp", 2021, 1, 2);
    assert_float_equal(c1->value, 1.0, 0);
    assert_int_equal(c1->origin, ZB_ORIGIN_REPORTED);
    assert_float_equal(zb_rollup_upward(c1), 5.0, 0);
    /* P = C1's 5 + C2's 4 = 9, complete: C1's own figure is not partial */
    const zb_rollup_cell *p = expect_cell(s, "P", "gdp", 2021, 2, 2);
    assert_float_equal(p->value, 9.0, 0);
    assert_false(p->partial);
}

static void test_rollup_partial_children_make_their_parent_partial(void **state)
{
    rs *s = *state;
    zbb_region(s->ds, "P", ZB_LEVEL_PROVINCE, NULL);
    zbb_region(s->ds, "C1", ZB_LEVEL_CITY, "P");
    zbb_region(s->ds, "C2", ZB_LEVEL_CITY, "P");
    zbb_region(s->ds, "A", ZB_LEVEL_COUNTY, "C1");
    zbb_region(s->ds, "B", ZB_LEVEL_COUNTY, "C1");
    zbb_region(s->ds, "D", ZB_LEVEL_COUNTY, "C2");
    zbb_indicator(s->ds, "gdp", ZB_KIND_LEVEL, "sum");
    zbb_finish(s->ds);
    zbb_obs(s->ds, "A", "gdp", 2021, 1);
    zbb_obs(s->ds, "D", "gdp", 2021, 4);
    zbb_index(s->ds);
    run_with(s, ZB_POLICY_PARTIAL, -1);
    /* C1 = 1 (1 of 2, partial); P = 1 + 4 = 5 from 2 of 2 cities, but
     * partial because C1 is: nothing under-summed without a flag */
    const zb_rollup_cell *p = expect_cell(s, "P", "gdp", 2021, 2, 2);
    assert_float_equal(p->value, 5.0, 0);
    assert_true(p->partial);
    assert_int_equal(p->origin, ZB_ORIGIN_PARTIAL);
    size_t n;
    assert_null(zb_rollup_missing(s->r, p, &n));
    assert_int_equal(n, 0);
    /* under policy missing C1 passes nothing up: P has 1 of 2, no value */
    run_with(s, ZB_POLICY_MISSING, -1);
    p = expect_cell(s, "P", "gdp", 2021, 1, 2);
    assert_true(isnan(p->value));
}

static void test_rollup_carries_the_worst_status_up(void **state)
{
    rs *s = *state;
    city_of_three(s->ds);
    zbb_indicator(s->ds, "gdp", ZB_KIND_LEVEL, "sum");
    zbb_finish(s->ds);
    zbb_obs(s->ds, "A", "gdp", 2023, 1);
    zbb_obs_full(s->ds, "B", "gdp", 2023, 2, ZB_STATUS_PRELIMINARY, NULL);
    zbb_obs_full(s->ds, "D", "gdp", 2023, 3, ZB_STATUS_ESTIMATE, NULL);
    zbb_obs(s->ds, "A", "gdp", 2022, 1);
    zbb_obs_full(s->ds, "B", "gdp", 2022, 2, ZB_STATUS_PRELIMINARY, NULL);
    zbb_obs(s->ds, "D", "gdp", 2022, 3);
    zbb_index(s->ds);
    run(s);
    assert_int_equal(expect_cell(s, "C", "gdp", 2023, 3, 3)->status, ZB_STATUS_ESTIMATE);
    assert_int_equal(expect_cell(s, "C", "gdp", 2022, 3, 3)->status, ZB_STATUS_PRELIMINARY);
}

/* ---- zones ---- */

static void city_with_zone(rs *s)
{
    zbb_region(s->ds, "C", ZB_LEVEL_CITY, NULL);
    zbb_region(s->ds, "A", ZB_LEVEL_COUNTY, "C");
    zbb_region(s->ds, "B", ZB_LEVEL_COUNTY, "C");
    zbb_region(s->ds, "C-Z", ZB_LEVEL_ZONE, "C");
    zbb_indicator(s->ds, "gdp", ZB_KIND_LEVEL, "sum");
    zbb_finish(s->ds);
    zbb_obs(s->ds, "A", "gdp", 2021, 10);
    zbb_obs(s->ds, "B", "gdp", 2021, 20);
    zbb_obs(s->ds, "C-Z", "gdp", 2021, 5);
    zbb_index(s->ds);
}

static void test_rollup_includes_zones_once_by_default(void **state)
{
    rs *s = *state;
    city_with_zone(s);
    run(s);
    /* 10 + 20 + 5 = 35 from 3 of 3 */
    assert_float_equal(expect_cell(s, "C", "gdp", 2021, 3, 3)->value, 35.0, 0);
    assert_int_equal(s->r->zones, ZB_ZONES_INCLUDE);
}

static void test_rollup_excludes_zones_by_the_dataset_setting(void **state)
{
    rs *s = *state;
    city_with_zone(s);
    s->ds->settings.rollup_zones = ZB_ZONES_EXCLUDE;
    run(s);
    /* the counties already hold the zone: 10 + 20 = 30 from 2 of 2, and the
     * zone is not counted as a missing child */
    assert_float_equal(expect_cell(s, "C", "gdp", 2021, 2, 2)->value, 30.0, 0);
    /* the caller's choice overrides the setting */
    run_with(s, ZB_POLICY_PARTIAL, ZB_ZONES_INCLUDE);
    assert_float_equal(expect_cell(s, "C", "gdp", 2021, 3, 3)->value, 35.0, 0);
}

/* ---- depth ---- */

static void test_rollup_goes_up_any_depth_in_one_run(void **state)
{
    rs *s = *state;
    /* listed parents first and children last, so file order alone would
     * compute the country before its provinces */
    zbb_region(s->ds, "N", ZB_LEVEL_COUNTRY, NULL);
    zbb_region(s->ds, "P1", ZB_LEVEL_PROVINCE, "N");
    zbb_region(s->ds, "P2", ZB_LEVEL_PROVINCE, "N");
    zbb_region(s->ds, "C1", ZB_LEVEL_CITY, "P1");
    zbb_region(s->ds, "C2", ZB_LEVEL_CITY, "P1");
    zbb_region(s->ds, "C3", ZB_LEVEL_CITY, "P2");
    zbb_region(s->ds, "A", ZB_LEVEL_COUNTY, "C1");
    zbb_region(s->ds, "B", ZB_LEVEL_COUNTY, "C1");
    zbb_region(s->ds, "D", ZB_LEVEL_COUNTY, "C2");
    zbb_region(s->ds, "E", ZB_LEVEL_COUNTY, "C3");
    zbb_indicator(s->ds, "pop", ZB_KIND_LEVEL, "sum");
    zbb_indicator(s->ds, "income", ZB_KIND_PERCAP, "wmean(pop)");
    zbb_finish(s->ds);
    const char *kids[] = {"A", "B", "D", "E"};
    const double pop[] = {1, 2, 4, 8}, inc[] = {10, 40, 20, 5};
    for (int i = 0; i < 4; i++) {
        zbb_obs(s->ds, kids[i], "pop", 2021, pop[i]);
        zbb_obs(s->ds, kids[i], "income", 2021, inc[i]);
    }
    zbb_index(s->ds);
    run(s);
    /* C1 = 1 + 2 = 3; P1 = C1 + C2 = 3 + 4 = 7; P2 = 8; N = 15 */
    assert_float_equal(expect_cell(s, "C1", "pop", 2021, 2, 2)->value, 3.0, 0);
    assert_float_equal(expect_cell(s, "P1", "pop", 2021, 2, 2)->value, 7.0, 0);
    assert_float_equal(expect_cell(s, "P2", "pop", 2021, 1, 1)->value, 8.0, 0);
    assert_float_equal(expect_cell(s, "N", "pop", 2021, 2, 2)->value, 15.0, 0);
    /* income: C1 = (10x1 + 40x2)/3 = 30; P1 = (30x3 + 20x4)/7 = 170/7;
     * N = (170 + 5x8)/15 = 14, the same as over the counties directly:
     * (10 + 80 + 80 + 40) / 15 = 210 / 15 = 14 */
    assert_float_equal(expect_cell(s, "C1", "income", 2021, 2, 2)->value, 30.0, 1e-12);
    assert_float_equal(expect_cell(s, "P1", "income", 2021, 2, 2)->value, 170.0 / 7.0, 1e-12);
    assert_float_equal(expect_cell(s, "N", "income", 2021, 2, 2)->value, 14.0, 1e-12);
}

/* ---- selection, years, order, errors ---- */

static void test_rollup_of_a_ratio_brings_its_operands(void **state)
{
    rs *s = *state;
    city_of_three(s->ds);
    zbb_indicator(s->ds, "gdp", ZB_KIND_LEVEL, "sum");
    zbb_indicator(s->ds, "rate", ZB_KIND_RATE, "ratio(urban,pop,100)");
    zbb_indicator(s->ds, "urban", ZB_KIND_LEVEL, "sum"); /* listed after the ratio */
    zbb_indicator(s->ds, "pop", ZB_KIND_LEVEL, "sum");
    zbb_finish(s->ds);
    zbb_obs(s->ds, "A", "gdp", 2021, 1);
    zbb_obs(s->ds, "A", "urban", 2021, 1);
    zbb_obs(s->ds, "A", "pop", 2021, 4);
    zbb_index(s->ds);
    int32_t want = (int32_t)zb_ds_indicator(s->ds, "rate");
    zb_rollup_options o;
    zb_rollup_options_init(&o);
    o.indicators = &want;
    o.nindicators = 1;
    char err[256];
    s->r = zb_rollup_run(s->ds, &o, err, sizeof err);
    assert_non_null(s->r);
    /* rate, urban, pop rolled up (1/4 x 100 = 25); gdp not asked for */
    assert_int_equal(s->r->count, 3);
    assert_null(cell(s, "C", "gdp", 2021));
    assert_float_equal(expect_cell(s, "C", "rate", 2021, 1, 3)->value, 25.0, 1e-12);
    /* cells in dataset order although the operands were computed first */
    assert_int_equal(s->r->cells[0].indicator, zb_ds_indicator(s->ds, "rate"));
    assert_int_equal(s->r->cells[1].indicator, zb_ds_indicator(s->ds, "urban"));
    assert_int_equal(s->r->cells[2].indicator, zb_ds_indicator(s->ds, "pop"));
}

static void test_rollup_keeps_cells_of_the_asked_years_only(void **state)
{
    rs *s = *state;
    city_of_three(s->ds);
    zbb_indicator(s->ds, "gdp", ZB_KIND_LEVEL, "sum");
    zbb_indicator(s->ds, "gdp_growth", ZB_KIND_GROWTH, "growth(gdp)");
    zbb_finish(s->ds);
    for (int y = 2019; y <= 2022; y++) {
        zbb_obs(s->ds, "A", "gdp", y, y - 2000);
        zbb_obs(s->ds, "A", "gdp_growth", y, 5);
    }
    zbb_index(s->ds);
    zb_rollup_options o;
    zb_rollup_options_init(&o);
    o.year_from = o.year_to = 2021;
    char err[256];
    s->r = zb_rollup_run(s->ds, &o, err, sizeof err);
    assert_non_null(s->r);
    /* 2021 only, but its growth still weighted by the 2020 level */
    assert_int_equal(s->r->count, 2);
    assert_null(cell(s, "C", "gdp", 2020));
    assert_float_equal(expect_cell(s, "C", "gdp", 2021, 1, 3)->value, 21.0, 0);
    assert_float_equal(expect_cell(s, "C", "gdp_growth", 2021, 1, 3)->value, 5.0, 0);
    o.threads = 2;
    zb_rollup *two = zb_rollup_run(s->ds, &o, err, sizeof err);
    assert_non_null(two);
    expect_same_result(s->r, two);
    zb_rollup_free(two);
    /* a range outside the data: nothing, and no crash, in either way */
    o.year_from = 1990;
    o.year_to = 1991;
    for (o.threads = 1; o.threads <= 2; o.threads++) {
        zb_rollup_free(s->r);
        s->r = zb_rollup_run(s->ds, &o, err, sizeof err);
        assert_non_null(s->r);
        assert_int_equal(s->r->count, 0);
    }
}

/* Every rule over two levels, with children missing here and there,
 * reported parents, statuses and a zone: run_with compares the two-thread
 * result with the one-thread one under each policy and zone setting.  The
 * figures come from a fixed sequence; what is asserted is that both runs
 * agree (and that both threads had missing children and shares to merge). */
static void test_rollup_in_two_threads_gives_the_one_thread_result(void **state)
{
    rs *s = *state;
    static const char *const counties[][2] = {{"A1", "C1"}, {"A2", "C1"}, {"A3", "C1"}, {"B1", "C2"},
                                              {"B2", "C2"}};
    zbb_region(s->ds, "P", ZB_LEVEL_PROVINCE, NULL);
    zbb_region(s->ds, "C1", ZB_LEVEL_CITY, "P");
    zbb_region(s->ds, "C2", ZB_LEVEL_CITY, "P");
    for (size_t k = 0; k < 5; k++)
        zbb_region(s->ds, counties[k][0], ZB_LEVEL_COUNTY, counties[k][1]);
    zbb_region(s->ds, "Z", ZB_LEVEL_ZONE, "C1");
    static const char *const levels[] = {"va1", "va2", "va3", "pop"};
    for (size_t k = 0; k < 4; k++)
        zbb_indicator(s->ds, levels[k], ZB_KIND_LEVEL, "sum");
    zbb_indicator(s->ds, "st", ZB_KIND_STRUCTURE, "structure(va1,va2,va3)");
    zbb_indicator(s->ds, "st2", ZB_KIND_STRUCTURE, "structure(va2,va3)");
    zbb_indicator(s->ds, "inc", ZB_KIND_PERCAP, "wmean(pop)");
    zbb_indicator(s->ds, "rate", ZB_KIND_RATE, "ratio(va1,pop,100)");
    zbb_indicator(s->ds, "g", ZB_KIND_GROWTH, "growth(va1)");
    zbb_indicator(s->ds, "mn", ZB_KIND_RATE, "min");
    zbb_indicator(s->ds, "mx", ZB_KIND_RATE, "max");
    zbb_indicator(s->ds, "nn", ZB_KIND_LEVEL, "none");
    zbb_finish(s->ds);
    static const char *const all[] = {"va1", "va2", "va3", "pop", "inc", "rate", "g", "mn", "mx", "nn"};
    static const char *const regions[] = {"A1", "A2", "A3", "B1", "B2", "Z", "C1", "C2", "P"};
    unsigned long x = 7;
    for (size_t r = 0; r < 9; r++)
        for (size_t i = 0; i < 10; i++)
            for (int y = 2018; y <= 2022; y++) {
                x = x * 6364136223846793005ul + 1442695040888963407ul;
                unsigned roll = (unsigned)(x >> 33) % 10;
                if (roll == 0 || (r >= 6 && roll < 6)) /* 1 in 10 missing; parents report 4 in 10 */
                    continue;
                double v = 10 + (double)((x >> 40) % 1000) / 10;
                zb_status st = roll == 1 ? ZB_STATUS_PRELIMINARY : roll == 2 ? ZB_STATUS_ESTIMATE : ZB_STATUS_ACTUAL;
                zbb_obs_full(s->ds, regions[r], all[i], y, roll == 3 ? NAN : v, st, NULL);
            }
    zbb_obs_full(s->ds, "C1", "st", 2021, NAN, ZB_STATUS_ACTUAL, "20:30:50");
    zbb_obs_full(s->ds, "C2", "st2", 2020, NAN, ZB_STATUS_ACTUAL, "40:60");
    zbb_index(s->ds);
    for (int policy = 0; policy < ZB_POLICY_COUNT; policy++)
        for (int zones = -1; zones <= 1; zones++)
            run_with(s, (zb_rollup_policy)policy, zones);
    run(s);
    assert_true(s->r->nmissing > 0);
    assert_true(s->r->nshares > 0);
}

static void test_rollup_refuses_an_unlinked_operand(void **state)
{
    rs *s = *state;
    city_of_three(s->ds);
    zbb_indicator(s->ds, "pop", ZB_KIND_LEVEL, "sum");
    zbb_indicator(s->ds, "income", ZB_KIND_PERCAP, "wmean(pop)");
    zbb_finish(s->ds);
    s->ds->indicators.items[1].agg.operand[0] = -1; /* as if validate had failed */
    zbb_index(s->ds);
    zb_rollup_options o;
    zb_rollup_options_init(&o);
    for (o.threads = 1; o.threads <= 2; o.threads++) {
        char err[256] = "";
        assert_null(zb_rollup_run(s->ds, &o, err, sizeof err));
        assert_non_null(strstr(err, "the rule of indicator income refers to 'pop', which cannot be used"));
    }
}

static void test_rollup_refuses_a_store_without_indexes(void **state)
{
    rs *s = *state;
    city_of_three(s->ds);
    zbb_indicator(s->ds, "gdp", ZB_KIND_LEVEL, "sum");
    zbb_finish(s->ds);
    zbb_obs(s->ds, "A", "gdp", 2021, 1); /* added after finish, not indexed */
    char err[256] = "";
    assert_null(zb_rollup_run(s->ds, NULL, err, sizeof err));
    assert_non_null(strstr(err, "not indexed"));
}

static void test_rollup_names_policies_and_origins(void **state)
{
    (void)state;
    assert_int_equal(zb_rollup_policy_parse("partial"), ZB_POLICY_PARTIAL);
    assert_int_equal(zb_rollup_policy_parse("missing"), ZB_POLICY_MISSING);
    assert_int_equal(zb_rollup_policy_parse("skip"), ZB_POLICY_SKIP);
    assert_int_equal(zb_rollup_policy_parse("some"), -1);
    assert_string_equal(zb_rollup_policy_name(ZB_POLICY_SKIP), "skip");
    assert_string_equal(zb_rollup_origin_name(ZB_ORIGIN_REPORTED), "reported");
    assert_string_equal(zb_rollup_origin_label(ZB_ORIGIN_PARTIAL), "partial");
    zb_lang_set(ZB_LANG_ZH);
    assert_string_equal(zb_rollup_origin_label(ZB_ORIGIN_PARTIAL), "部分汇总");
    zb_lang_set(ZB_LANG_EN);
}

#define T(f) cmocka_unit_test_setup_teardown(f, setup, teardown)

int main(void)
{
    const struct CMUnitTest tests[] = {
        T(test_rollup_sums_a_level),
        T(test_rollup_takes_a_ratio_of_sums_not_a_sum_of_rates),
        T(test_rollup_ratio_without_a_denominator_has_no_value),
        T(test_rollup_weights_a_per_capita_value_by_population),
        T(test_rollup_weights_real_growth_by_previous_year_levels),
        T(test_rollup_growth_needs_the_previous_level_of_each_child),
        T(test_rollup_derives_structure_shares_from_component_levels),
        T(test_rollup_takes_min_and_max),
        T(test_rollup_leaves_rule_none_alone),
        T(test_rollup_partial_policy_computes_and_flags_n_of_n),
        T(test_rollup_missing_policy_keeps_the_cell_without_a_value),
        T(test_rollup_skip_policy_leaves_the_cell_out),
        T(test_rollup_a_parent_without_any_child_figure_has_no_cell),
        T(test_rollup_keeps_the_reported_value_and_the_gap),
        T(test_rollup_an_incomplete_parent_passes_up_its_own_figure),
        T(test_rollup_partial_children_make_their_parent_partial),
        T(test_rollup_carries_the_worst_status_up),
        T(test_rollup_includes_zones_once_by_default),
        T(test_rollup_excludes_zones_by_the_dataset_setting),
        T(test_rollup_goes_up_any_depth_in_one_run),
        T(test_rollup_of_a_ratio_brings_its_operands),
        T(test_rollup_keeps_cells_of_the_asked_years_only),
        T(test_rollup_in_two_threads_gives_the_one_thread_result),
        T(test_rollup_refuses_an_unlinked_operand),
        T(test_rollup_refuses_a_store_without_indexes),
        T(test_rollup_names_policies_and_origins),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
