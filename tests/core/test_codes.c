/* zb_codes: the indicator codes of datasets/CODES.md. */
#include "zb_test.h"

#include "zb_codes.h"

static void test_codes_reads_every_row_of_the_shared_table(void **state)
{
    (void)state;
    zb_lang_set(ZB_LANG_EN);
    zb_dataset *ds = zb_dataset_new();
    zb_diags *d = zb_diags_new();
    assert_int_equal(zb_codes_load(ds, "datasets/CODES.md", d), 0);
    ZBT_EXPECT_CLEAN(d);
    /* `grep -c '^| [a-z_0-9]* |' datasets/CODES.md` counts 100 lines, the
     * header "| code |" among them. */
    assert_int_equal(ds->indicators.count, 99);
    long gdp = zb_ds_indicator(ds, "gdp");
    assert_true(gdp >= 0);
    assert_string_equal(zb_ds_str(ds, ds->indicators.items[gdp].name), "地区生产总值");
    assert_string_equal(zb_ds_str(ds, ds->indicators.items[gdp].unit), "亿元");
    assert_int_equal(ds->indicators.items[gdp].kind, ZB_KIND_LEVEL);
    /* The table says nothing of decimals: left for the data to tell. */
    assert_int_equal(ds->indicators.items[gdp].decimals, -1);
    long u = zb_ds_indicator(ds, "unemployment_rate_urban");
    assert_int_equal(ds->indicators.items[u].direction, ZB_DIR_DOWN);
    assert_int_equal(ds->indicators.items[u].agg.rule, ZB_AGG_NONE);
    long r = zb_ds_indicator(ds, "urbanization_rate");
    assert_int_equal(ds->indicators.items[r].agg.rule, ZB_AGG_RATIO);
    assert_int_equal(ds->indicators.items[r].agg.noperands, 2);
    long s = zb_ds_indicator(ds, "industry_structure");
    assert_string_equal(zb_ds_str(ds, ds->indicators.items[s].unit), ""); /* (none) */
    /* The rules link: ratio(urban_pop,resident_pop,100) names known codes. */
    assert_int_equal(zb_indicators_link(&ds->indicators, ds->strs, "CODES.md", d), 0);
    zb_diags_free(d);
    zb_dataset_free(ds);
    zb_lang_set(ZB_LANG_ZH);
}

static void test_codes_reports_a_bad_row_where_it_is(void **state)
{
    (void)state;
    zb_lang_set(ZB_LANG_EN);
    char dir[32], path[512];
    assert_non_null(zbt_tmpdir(dir));
    zbt_write_str(zbt_path(path, dir, "CODES.md"),
                  "| code | 指标 | unit | kind | aggregation |\n"
                  "|---|---|---|---|---|\n"
                  "| gdp | 地区生产总值 | 亿元 | level | sum |\n"
                  "| x | 某指标 | 个 | lvl | sum |\n"
                  "| y | 另一指标 |\n"
                  "| gdp | 重复 | 亿元 | level | sum |\n");
    zb_dataset *ds = zb_dataset_new();
    zb_diags *d = zb_diags_new();
    assert_int_equal(zb_codes_load(ds, path, d), 3);
    /* "| x | 某指标 | 个 | lvl": the kind starts at character 17. */
    ZBT_EXPECT_DIAG(d, ZB_ERROR, "unknown indicator kind 'lvl'", 4, 17);
    ZBT_EXPECT_DIAG(d, ZB_ERROR, "expected 5 cells", 5, 1);
    ZBT_EXPECT_DIAG(d, ZB_ERROR, "duplicate code 'gdp': already on line 3", 6, 3);
    assert_int_equal(ds->indicators.count, 1);
    zb_diags_free(d);
    zb_dataset_free(ds);
    zbt_rmdir(dir);
    zb_lang_set(ZB_LANG_ZH);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_codes_reads_every_row_of_the_shared_table),
        cmocka_unit_test(test_codes_reports_a_bad_row_where_it_is),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
