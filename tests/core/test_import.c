/* zb_import: a wide plan table into a dataset, against the shared codes
 * (datasets/CODES.md) and the regions of datasets/guizhou. */
#include "zb_test.h"

#include <math.h>

#include "zb_codes.h"
#include "zb_import.h"

typedef struct ifix {
    char dir[32];
    zb_dataset *ref, *out;
    zb_wide_table *t;
    zb_diags *diags;
    zb_import_stats st;
} ifix;

static int setup(void **state)
{
    zb_lang_set(ZB_LANG_EN);
    ifix *f = calloc(1, sizeof *f);
    if (!f || !zbt_tmpdir(f->dir) || !(f->diags = zb_diags_new()) || !(f->ref = zb_dataset_new()))
        return -1;
    size_t errors = zb_load_file(f->ref, ZB_FILE_REGIONS, "datasets/guizhou/regions.csv", NULL, f->diags);
    errors += zb_codes_load(f->ref, "datasets/CODES.md", f->diags);
    errors += zb_dataset_finish(f->ref, "regions.csv", "CODES.md", f->diags);
    if (errors)
        return -1;
    zb_diags_clear(f->diags);
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    ifix *f = *state;
    zb_dataset_free(f->out);
    zb_dataset_free(f->ref);
    zb_wide_free(f->t);
    zb_diags_free(f->diags);
    zbt_rmdir(f->dir);
    free(f);
    zb_lang_set(ZB_LANG_ZH);
    return 0;
}

static zb_dataset *import_text(ifix *f, const char *text, const char *region)
{
    char path[512];
    zbt_write_str(zbt_path(path, f->dir, "t.csv"), text);
    f->t = zb_wide_read(path, NULL, f->diags);
    assert_non_null(f->t);
    zb_import_options o = {"qxg-14fyp", "七星关区“十四五”规划", region, "t.csv"};
    f->out = zb_import_wide(f->t, f->ref, &o, &f->st, f->diags);
    assert_non_null(f->out);
    return f->out;
}

static const char good[] =
    "指标,单位,2020年,2023年,2025年目标,年均增速,属性,备注\n"
    "地区生产总值（GDP）,亿元,500.06,600.5,800,10左右,预期性,\n"
    "常住人口城镇化率(%),%,54%,56,60左右,——,预期性,\n"
    "人均地区生产总值,元,42892,,70000,——,预期性,\n"
    "社会消费品零售总额,%,206.06,,354,11左右,预期性,\n"
    "城镇登记失业率,%,4.03,,4.2以内,——,约束性,口径为城镇登记\n";

static const zb_target *target_of(const zb_dataset *ds, const char *code)
{
    long ind = zb_ds_indicator(ds, code);
    for (size_t k = 0; k < ds->targets.count; k++)
        if (ds->targets.items[k].indicator == ind)
            return &ds->targets.items[k];
    return NULL;
}

static void test_import_makes_a_target_per_row_and_observations_per_year(void **state)
{
    ifix *f = *state;
    zb_dataset *ds = import_text(f, good, "520502");
    assert_int_equal(zb_diags_errors(f->diags), 0);
    assert_int_equal(f->st.rows, 5);
    assert_int_equal(f->st.targets, 5);
    /* gdp 2020 and 2023, urbanization 2020 and 2023, one 2020 figure for
     * each of the other three: 7. */
    assert_int_equal(f->st.observations, 7);
    assert_int_equal(ds->obs.count, 7);
    const zb_target *t = target_of(ds, "gdp");
    assert_non_null(t);
    assert_int_equal(t->base_year, 2020);
    assert_int_equal(t->target_year, 2025);
    assert_string_equal(zb_ds_str(ds, t->base_text), "500.06");
    assert_string_equal(zb_ds_str(ds, t->target_text), "800");
    assert_string_equal(zb_ds_str(ds, t->growth_text), "10左右");
    assert_string_equal(zb_ds_str(ds, t->plan_name), "七星关区“十四五”规划");
    assert_string_equal(zb_ds_str(ds, t->source), "t.csv:2");
    assert_int_equal(t->attribute, ZB_ATTR_ANTICIPATORY);
    assert_int_equal(target_of(ds, "unemployment_rate_urban")->attribute, ZB_ATTR_BINDING);
    double v;
    long r = zb_ds_region(ds, "520502");
    assert_true(zb_ds_value(ds, r, zb_ds_indicator(ds, "gdp"), 2023, &v));
    assert_true(v == 600.5);
}

static void test_import_keeps_the_printed_text_when_it_is_not_the_plain_number(void **state)
{
    ifix *f = *state;
    zb_dataset *ds = import_text(f, good, "520502");
    long row = zb_obs_find(&ds->obs, (int32_t)zb_ds_region(ds, "520502"),
                           (int32_t)zb_ds_indicator(ds, "urbanization_rate"), 2020);
    assert_true(row >= 0);
    assert_true(ds->obs.value[row] == 54);
    assert_string_equal(zb_ds_str(ds, ds->obs.raw[row]), "54%");
    row = zb_obs_find(&ds->obs, (int32_t)zb_ds_region(ds, "520502"), (int32_t)zb_ds_indicator(ds, "gdp"), 2020);
    assert_int_equal(ds->obs.raw[row], 0); /* 500.06 is written as it is printed */
}

static void test_import_brings_the_region_with_its_ancestors(void **state)
{
    ifix *f = *state;
    zb_dataset *ds = import_text(f, good, "520502");
    assert_int_equal(ds->regions.count, 3);
    assert_string_equal(zb_ds_str(ds, ds->regions.items[0].code), "520000");
    assert_string_equal(zb_ds_str(ds, ds->regions.items[2].name), "七星关区");
    assert_int_equal(ds->regions.items[2].parent, 1);
}

static void test_import_adds_the_indicators_aggregation_rules_name(void **state)
{
    ifix *f = *state;
    zb_dataset *ds = import_text(f, good, "520502");
    /* urbanization_rate is ratio(urban_pop,resident_pop,100), gdp_per_capita
     * wmean(resident_pop): urban_pop and resident_pop come along. */
    assert_int_equal(f->st.indicators, 5);
    assert_int_equal(f->st.operands, 2);
    assert_int_equal(ds->indicators.count, 7);
    assert_true(zb_ds_indicator(ds, "urban_pop") >= 0);
    assert_true(zb_ds_indicator(ds, "resident_pop") >= 0);
    assert_int_equal(zb_diags_errors(f->diags), 0); /* the rules link */
}

static void test_import_takes_decimals_from_the_figures(void **state)
{
    ifix *f = *state;
    zb_dataset *ds = import_text(f, good, "520502");
    /* gdp: 500.06 (2), 600.5 (1), 800 (0) -> 2; urbanization 54, 56, 60 -> 0. */
    assert_int_equal(ds->indicators.items[zb_ds_indicator(ds, "gdp")].decimals, 2);
    assert_int_equal(ds->indicators.items[zb_ds_indicator(ds, "urbanization_rate")].decimals, 0);
    assert_int_equal(ds->indicators.items[zb_ds_indicator(ds, "unemployment_rate_urban")].decimals, 2);
}

static void test_import_warns_of_a_unit_that_differs_and_notes_it(void **state)
{
    ifix *f = *state;
    zb_dataset *ds = import_text(f, good, "520502");
    /* "社会消费品零售总额,%": the unit starts at character 11. */
    ZBT_EXPECT_DIAG(f->diags, ZB_WARNING, "the unit '%' differs from that of retail_sales ('亿元')", 5, 11);
    assert_string_equal(zb_ds_str(ds, target_of(ds, "retail_sales")->note), "the table's unit is '%'");
    assert_string_equal(zb_ds_str(ds, target_of(ds, "unemployment_rate_urban")->note), "口径为城镇登记");
}

static void test_import_reports_what_it_cannot_map_with_suggestions(void **state)
{
    ifix *f = *state;
    import_text(f,
        "指标,单位,2020年,2025年\n"
        "地区生产总直,亿元,500.06,800\n"
        "城镇居民可支配收入,元,36148,53458\n"
        "全域旅游示范区,个,1,3\n", "520502");
    ZBT_EXPECT_DIAG(f->diags, ZB_ERROR, "unknown indicator name '地区生产总直'; nearest: '地区生产总值' (gdp)", 2, 1);
    ZBT_EXPECT_DIAG(f->diags, ZB_ERROR, "nearest: '城镇常住居民人均可支配收入' (income_urban)", 3, 1);
    ZBT_EXPECT_DIAG(f->diags, ZB_ERROR, "unknown indicator name '全域旅游示范区' and none near it", 4, 1);
    assert_int_equal(f->st.targets, 0);
}

static void test_import_points_at_a_malformed_number_target_or_attribute(void **state)
{
    ifix *f = *state;
    import_text(f,
        "指标,单位,2020年,2025年,属性\n"
        "城镇登记失业率,%,4..03,4.2以内,约束性\n"
        "森林覆盖率,%,57.75,6o以上,预期性\n"
        "常住人口城镇化率,%,54,60,指导性\n", "520502");
    /* 城镇登记失业率(7) , %(1) , -> the figure starts at 11; the second "."
     * is its third character: column 13. */
    ZBT_EXPECT_DIAG(f->diags, ZB_ERROR, "the 2020 figure '4..03' is not a valid number", 2, 13);
    /* 常住人口城镇化率(8) ,%,54,60, (9) -> column 18. */
    ZBT_EXPECT_DIAG(f->diags, ZB_ERROR, "unknown attribute '指导性'", 4, 18);
    assert_int_equal(f->st.targets, 1); /* the 6o row is free text, kept as printed */
}

static void test_import_refuses_the_same_indicator_twice(void **state)
{
    ifix *f = *state;
    import_text(f, "指标,2020年,2025年\n地区生产总值,1,2\n地区生产总值(亿元),1,2\n", "520502");
    ZBT_EXPECT_DIAG(f->diags, ZB_ERROR, "indicator '地区生产总值(亿元)' (gdp) already appears on line 2", 3, 1);
}

static void test_import_needs_a_known_region(void **state)
{
    ifix *f = *state;
    import_text(f, good, "999999");
    ZBT_EXPECT_DIAG(f->diags, ZB_ERROR, "unknown region code '999999'", 0, 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_import_makes_a_target_per_row_and_observations_per_year, setup, teardown),
        cmocka_unit_test_setup_teardown(test_import_keeps_the_printed_text_when_it_is_not_the_plain_number, setup, teardown),
        cmocka_unit_test_setup_teardown(test_import_brings_the_region_with_its_ancestors, setup, teardown),
        cmocka_unit_test_setup_teardown(test_import_adds_the_indicators_aggregation_rules_name, setup, teardown),
        cmocka_unit_test_setup_teardown(test_import_takes_decimals_from_the_figures, setup, teardown),
        cmocka_unit_test_setup_teardown(test_import_warns_of_a_unit_that_differs_and_notes_it, setup, teardown),
        cmocka_unit_test_setup_teardown(test_import_reports_what_it_cannot_map_with_suggestions, setup, teardown),
        cmocka_unit_test_setup_teardown(test_import_points_at_a_malformed_number_target_or_attribute, setup, teardown),
        cmocka_unit_test_setup_teardown(test_import_refuses_the_same_indicator_twice, setup, teardown),
        cmocka_unit_test_setup_teardown(test_import_needs_a_known_region, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
