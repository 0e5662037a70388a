/* zb_rollup_view: the rollup as a dataset of its own. */
#include "zbb_build.h"

#include <math.h>

#include "zb_rollup.h"
#include "zb_rollup_view.h"

typedef struct vs {
    zb_dataset *ds, *view;
    zb_rollup *r;
} vs;

/* A city C over counties A, B and the zone C-Z; gdp and a ratio. */
static int setup(void **state)
{
    zb_lang_set(ZB_LANG_EN);
    vs *s = calloc(1, sizeof *s);
    if (!s)
        return -1;
    zb_dataset *ds = s->ds = zb_dataset_new();
    if (!ds)
        return -1;
    zbb_region(ds, "C", ZB_LEVEL_CITY, NULL);
    zbb_region(ds, "A", ZB_LEVEL_COUNTY, "C");
    zbb_region(ds, "B", ZB_LEVEL_COUNTY, "C");
    zbb_region(ds, "C-Z", ZB_LEVEL_ZONE, "C");
    zbb_indicator(ds, "gdp", ZB_KIND_LEVEL, "sum");
    zbb_indicator_d(ds, "urban", ZB_KIND_LEVEL, "sum", 2);
    zbb_indicator_d(ds, "pop", ZB_KIND_LEVEL, "sum", 2);
    zbb_indicator_d(ds, "rate", ZB_KIND_RATE, "ratio(urban,pop,100)", 1);
    zbb_indicator(ds, "rank", ZB_KIND_OTHER, "none");
    zbb_finish(ds);
    zbb_obs(ds, "A", "gdp", 2021, 10);
    zbb_obs(ds, "B", "gdp", 2021, 20);
    zbb_obs(ds, "C-Z", "gdp", 2021, 5);
    zbb_obs(ds, "C", "gdp", 2021, 36);       /* reported: computed 35, gap -1 */
    zbb_obs(ds, "A", "gdp", 2020, 9);        /* B and the zone missing in 2020 */
    zbb_obs(ds, "C", "gdp", 2020, 30);
    zbb_obs(ds, "A", "urban", 2021, 3);
    zbb_obs(ds, "A", "pop", 2021, 6);
    zbb_obs(ds, "B", "urban", 2021, 1);
    zbb_obs(ds, "B", "pop", 2021, 4);
    zbb_obs(ds, "C-Z", "urban", 2021, 1);
    zbb_obs(ds, "C-Z", "pop", 2021, 2);
    zbb_obs(ds, "A", "rank", 2021, 1);
    zbb_index(ds);
    *state = s;
    return 0;
}

static int teardown(void **state)
{
    vs *s = *state;
    zb_dataset_free(s->view);
    zb_rollup_free(s->r);
    zb_dataset_free(s->ds);
    free(s);
    zb_lang_set(ZB_LANG_ZH);
    return 0;
}

static zb_dataset *make_view(vs *s, const zb_rollup_options *o)
{
    char err[256];
    s->r = zb_rollup_run(s->ds, o, err, sizeof err);
    assert_non_null(s->r);
    s->view = zb_rollup_view(s->ds, s->r, err, sizeof err);
    assert_non_null(s->view);
    return s->view;
}

static double value(const zb_dataset *ds, const char *region, const char *ind, int year)
{
    double v;
    return zb_ds_value(ds, zb_ds_region(ds, region), zb_ds_indicator(ds, ind), year, &v) ? v : NAN;
}

static const char *note(const zb_dataset *ds, const char *region, const char *ind, int year)
{
    long row = zb_obs_find(&ds->obs, (int32_t)zb_ds_region(ds, region), (int32_t)zb_ds_indicator(ds, ind), year);
    assert_true(row >= 0);
    return zb_ds_str(ds, ds->obs.note[row]);
}

static const char *source(const zb_dataset *ds, const char *region, const char *ind, int year)
{
    long row = zb_obs_find(&ds->obs, (int32_t)zb_ds_region(ds, region), (int32_t)zb_ds_indicator(ds, ind), year);
    assert_true(row >= 0);
    return zb_ds_str(ds, ds->obs.source[row]);
}

static void test_view_holds_children_and_computed_parents(void **state)
{
    vs *s = *state;
    zb_dataset *v = make_view(s, NULL);
    /* same regions and indicators at the same indexes */
    assert_int_equal(v->regions.count, 4);
    assert_int_equal(v->indicators.count, 5);
    assert_int_equal(zb_ds_region(v, "C-Z"), zb_ds_region(s->ds, "C-Z"));
    assert_int_equal(v->regions.items[zb_ds_region(v, "A")].parent, zb_ds_region(v, "C"));
    assert_int_equal(v->regions.items[zb_ds_region(v, "C")].nchildren, 3);
    /* children as they were */
    assert_float_equal(value(v, "A", "gdp", 2021), 10, 0);
    assert_float_equal(value(v, "C-Z", "gdp", 2021), 5, 0);
    /* the city: computed 10 + 20 + 5 = 35 replaces its own 36, which the
     * note keeps */
    assert_float_equal(value(v, "C", "gdp", 2021), 35, 0);
    assert_string_equal(source(v, "C", "gdp", 2021), "rollup sum 3/3");
    assert_string_equal(note(v, "C", "gdp", 2021), "reported 36.00");
    /* the ratio: (3 + 1 + 1) / (6 + 4 + 2) x 100 = 41.666..., a row the city
     * did not have */
    assert_float_equal(value(v, "C", "rate", 2021), 500.0 / 12.0, 1e-12);
    assert_string_equal(source(v, "C", "rate", 2021), "rollup ratio 3/3");
    /* an indicator without a rule is copied as it is */
    assert_float_equal(value(v, "A", "rank", 2021), 1, 0);
    /* indexes work on the view */
    size_t n;
    zb_obs_rows_for_region(&v->obs, (int32_t)zb_ds_region(v, "C"), &n);
    assert_int_equal(n, 5); /* gdp 2020, 2021; urban, pop, rate 2021 */
}

static void test_view_of_an_incomplete_parent_holds_its_own_figure(void **state)
{
    vs *s = *state;
    zb_dataset *v = make_view(s, NULL);
    /* 2020: only A (9 of 1 of 3); the city's own 30 stands in */
    const zb_rollup_cell *c = zb_rollup_find(s->r, zb_ds_region(v, "C"), zb_ds_indicator(v, "gdp"), 2020);
    assert_non_null(c);
    assert_int_equal(c->origin, ZB_ORIGIN_REPORTED);
    assert_float_equal(c->value, 9, 0);
    assert_float_equal(value(v, "C", "gdp", 2020), 30, 0);
}

static void test_view_under_policy_missing_has_an_empty_row(void **state)
{
    vs *s = *state;
    /* zones excluded: the ratio has 2 of 2 children; gdp 2020 has 1 of 2 */
    zb_rollup_options o;
    zb_rollup_options_init(&o);
    o.policy = ZB_POLICY_MISSING;
    o.zones = ZB_ZONES_EXCLUDE;
    zb_dataset *v = make_view(s, &o);
    /* (3 + 1) / (6 + 4) x 100 = 40 */
    assert_float_equal(value(v, "C", "rate", 2021), 40, 1e-12);
    assert_string_equal(source(v, "C", "rate", 2021), "rollup ratio 2/2");
    assert_int_equal(v->settings.rollup_zones, ZB_ZONES_EXCLUDE);
    /* gdp 2020 is incomplete but the city has its own: the view keeps it */
    assert_float_equal(value(v, "C", "gdp", 2020), 30, 0);
}

static void test_view_row_without_any_figure_says_why(void **state)
{
    vs *s = *state;
    /* remove the city's 2020 figure from the picture: a fresh dataset */
    zb_dataset *ds = zb_dataset_new();
    zbb_region(ds, "C", ZB_LEVEL_CITY, NULL);
    zbb_region(ds, "A", ZB_LEVEL_COUNTY, "C");
    zbb_region(ds, "B", ZB_LEVEL_COUNTY, "C");
    zbb_indicator(ds, "gdp", ZB_KIND_LEVEL, "sum");
    zbb_finish(ds);
    zbb_obs(ds, "A", "gdp", 2021, 10);
    zbb_index(ds);
    zb_dataset_free(s->ds);
    s->ds = ds;
    zb_rollup_options o;
    zb_rollup_options_init(&o);
    o.policy = ZB_POLICY_MISSING;
    zb_dataset *v = make_view(s, &o);
    long row = zb_obs_find(&v->obs, (int32_t)zb_ds_region(v, "C"), (int32_t)zb_ds_indicator(v, "gdp"), 2021);
    assert_true(row >= 0);
    assert_true(isnan(v->obs.value[row]));
    assert_string_equal(note(v, "C", "gdp", 2021), "children incomplete (1/2): not computed");
    /* policy partial: the partial value, said so */
    zb_dataset_free(s->view);
    zb_rollup_free(s->r);
    o.policy = ZB_POLICY_PARTIAL;
    v = make_view(s, &o);
    assert_float_equal(value(v, "C", "gdp", 2021), 10, 0);
    assert_string_equal(note(v, "C", "gdp", 2021), "partial (1/2)");
}

static void test_view_keeps_only_the_asked_indicators_and_years(void **state)
{
    vs *s = *state;
    int32_t want = (int32_t)zb_ds_indicator(s->ds, "rate");
    zb_rollup_options o;
    zb_rollup_options_init(&o);
    o.indicators = &want;
    o.nindicators = 1;
    o.year_from = o.year_to = 2021;
    zb_dataset *v = make_view(s, &o);
    /* rate with its operands urban and pop, 2021: urban and pop of the 3
     * children (6 rows), and the city's urban, pop and rate (3 rows) */
    assert_int_equal(v->obs.count, 9);
    assert_true(isnan(value(v, "A", "gdp", 2021)));
    assert_float_equal(value(v, "A", "pop", 2021), 6, 0);
    assert_float_equal(value(v, "C", "pop", 2021), 12, 0);
    /* targets and strings survive the copy */
    assert_string_equal(zb_ds_str(v, v->indicators.items[want].code), "rate");
}

static void test_view_shows_a_structure_as_its_shares(void **state)
{
    vs *s = *state;
    zb_dataset *ds = zb_dataset_new();
    zbb_region(ds, "C", ZB_LEVEL_CITY, NULL);
    zbb_region(ds, "A", ZB_LEVEL_COUNTY, "C");
    zbb_indicator(ds, "a", ZB_KIND_LEVEL, "sum");
    zbb_indicator(ds, "b", ZB_KIND_LEVEL, "sum");
    zbb_indicator_d(ds, "st", ZB_KIND_STRUCTURE, "structure(a,b)", 1);
    zbb_finish(ds);
    zbb_obs(ds, "A", "a", 2021, 1);
    zbb_obs(ds, "A", "b", 2021, 3);
    zbb_obs_full(ds, "C", "st", 2021, NAN, ZB_STATUS_ACTUAL, "30:70");
    zbb_index(ds);
    zb_dataset_free(s->ds);
    s->ds = ds;
    zb_dataset *v = make_view(s, NULL);
    long row = zb_obs_find(&v->obs, (int32_t)zb_ds_region(v, "C"), (int32_t)zb_ds_indicator(v, "st"), 2021);
    assert_true(row >= 0);
    /* 1 : 3 of 4 -> 25.0 : 75.0 */
    assert_string_equal(zb_ds_str(v, v->obs.raw[row]), "25.0:75.0");
    assert_true(isnan(v->obs.value[row]));
    assert_string_equal(note(v, "C", "st", 2021), "reported 30.0:70.0");
}

#define T(f) cmocka_unit_test_setup_teardown(f, setup, teardown)

int main(void)
{
    const struct CMUnitTest tests[] = {
        T(test_view_holds_children_and_computed_parents),
        T(test_view_of_an_incomplete_parent_holds_its_own_figure),
        T(test_view_under_policy_missing_has_an_empty_row),
        T(test_view_row_without_any_figure_says_why),
        T(test_view_keeps_only_the_asked_indicators_and_years),
        T(test_view_shows_a_structure_as_its_shares),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
