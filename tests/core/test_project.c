/* zb_project: trend projections and scenarios, on a small synthetic dataset
 * written by the test and on the 七星关区 tables.  Expected figures are
 * worked out in the comments. */
#include "zb_test.h"

#include "zb_project.h"
#include "zbt_near.h"

static const char *const regions_csv =
    "code,name,level,parent,name_en,source\n"
    "520000,省,province,,Province,synthetic\n"
    "520500,市,city,520000,City,synthetic\n"
    "520502,县A,county,520500,County A,synthetic\n"
    "520521,县B,county,520500,County B,synthetic\n";

static const char *const indicators_csv =
    "code,name,name_en,unit,category,attribute,kind,aggregation,direction,decimals,source,note\n"
    "gdp,地区生产总值,GDP,亿元,经济,anticipatory,level,sum,up,2,synthetic,\n"
    "share,覆盖率,Coverage,%,社会,anticipatory,rate,none,up,2,synthetic,\n"
    "unemp,失业率,Unemployment,%,社会,binding,rate,none,down,2,synthetic,\n"
    "new_jobs,新增就业,New jobs,万人,民生,anticipatory,level,sum,up,2,synthetic,\n"
    "pop,常住人口,Population,万人,民生,anticipatory,level,sum,none,2,synthetic,\n"
    "land,耕地保有量,Cultivated land,万公顷,资源,anticipatory,level,sum,up,4,synthetic,\n"
    "income,人均可支配收入,Income,元,民生,anticipatory,percap,none,up,0,synthetic,\n"
    "structure,三次产业结构,Structure,,经济,anticipatory,structure,\"structure(gdp,gdp,gdp)\",none,1,synthetic,\n";

static const char *const observations_csv =
    "region,indicator,year,value\n"
    "520502,gdp,2018,100\n520502,gdp,2019,110\n520502,gdp,2020,121\n"
    "520502,share,2018,90\n520502,share,2020,96\n"
    "520502,unemp,2019,4\n520502,unemp,2020,3\n"
    "520502,new_jobs,2019,0\n520502,new_jobs,2020,5\n"
    "520502,pop,2020,100\n"
    "520502,land,2015,13.3104\n520502,land,2020,13.3104\n"
    "520502,income,2019,30000\n520502,income,2020,33000\n"
    "520521,share,2018,1\n520521,share,2019,2\n520521,share,2020,4\n";

static const char *const targets_csv =
    "plan,plan_name,region,indicator,base_year,base_text,base_value,target_year,target_text,growth_text,"
    "achieved_text,achieved_growth_text,attribute,source,note\n"
    "near,近期,520502,gdp,2020,121,,2023,150,,,,,synthetic,\n"
    "far,远期,520502,gdp,2020,121,,2025,190,,,,,synthetic,\n"
    "past,上期,520502,gdp,2015,80,,2020,120,,,,,synthetic,\n"
    "far,远期,520502,share,2020,96,,2025,98以上,,,,,synthetic,\n"
    "far,远期,520502,unemp,2020,3,,2025,3.5以内,,,,,synthetic,\n";

typedef struct world {
    zb_dataset *ds;
    char dir[32];
    zb_tolerance tol;
} world;

static int world_setup(void **state)
{
    zb_lang_set(ZB_LANG_EN);
    world *w = calloc(1, sizeof *w);
    if (!w || !zbt_tmpdir(w->dir))
        return -1;
    char path[512];
    zbt_write_str(zbt_path(path, w->dir, "regions.csv"), regions_csv);
    zbt_write_str(zbt_path(path, w->dir, "indicators.csv"), indicators_csv);
    zbt_write_str(zbt_path(path, w->dir, "observations.csv"), observations_csv);
    zbt_write_str(zbt_path(path, w->dir, "targets.csv"), targets_csv);
    zb_diags *d = zb_diags_new();
    w->ds = zb_dataset_load(w->dir, NULL, d);
    if (!w->ds || zb_diags_errors(d)) {
        zbt_dump_diags(d);
        zb_diags_free(d);
        return -1;
    }
    zb_diags_free(d);
    w->tol = zb_tolerance_default();
    *state = w;
    return 0;
}

static int world_teardown(void **state)
{
    world *w = *state;
    zb_dataset_free(w->ds);
    zbt_rmdir(w->dir);
    free(w);
    zb_lang_set(ZB_LANG_ZH);
    return 0;
}

static int project(const zb_dataset *ds, const char *region, const char *indicator, int horizon, double half_life,
                   const zb_tolerance *tol, zb_projection *p)
{
    long r = zb_ds_region(ds, region), i = zb_ds_indicator(ds, indicator);
    assert_true(r >= 0 && i >= 0);
    return zb_project_series(ds, r, i, horizon, half_life, tol, p);
}

static void test_project_level_follows_its_compound_trend(void **state)
{
    world *w = *state;
    zb_projection p;
    /* 100, 110, 121: 10 % a year. */
    assert_int_equal(project(w->ds, "520502", "gdp", 2035, 0, &w->tol, &p), 0);
    assert_true(p.compound);
    assert_int_equal(p.trend.n, 3);
    ZBT_NEAR(p.latest, 121, 0);
    ZBT_NEAR(p.pace, 0.10, 1e-12);
    /* Held against the target with the latest year after 2020 (2025, not
     * 2023, and never the past plan's 2020): 121 · 1.1^5 = 194.87 >= 190. */
    assert_true(p.target >= 0);
    assert_int_equal(p.target_year, 2025);
    assert_string_equal(zb_ds_str(w->ds, w->ds->targets.items[p.target].plan), "far");
    ZBT_NEAR(p.goal, 190, 0);
    ZBT_NEAR(p.at_target_year, 121 * pow(1.1, 5), 1e-9);
    assert_true(p.meets);
    /* 2035: 121 · 1.1^15 = 506.30. */
    ZBT_NEAR(p.at_horizon, 121 * pow(1.1, 15), 1e-8);
    assert_int_equal(p.capped, 0);
}

static void test_project_scenarios_grow_the_latest_level(void **state)
{
    world *w = *state;
    zb_projection p;
    assert_int_equal(project(w->ds, "520502", "gdp", 2030, 0, &w->tol, &p), 0);
    /* 121 at 5 % for 10 years: 121 · 1.628895 = 197.10. */
    ZBT_NEAR(zb_projection_scenario(&p, 0.05, 2030), 121 * pow(1.05, 10), 1e-9);
    ZBT_NEAR(zb_projection_scenario(&p, 0.0, 2030), 121, 1e-12);
    assert_true(p.scenarios);
    /* A rate has no growth scenario. */
    assert_int_equal(project(w->ds, "520502", "share", 2030, 0, &w->tol, &p), 0);
    assert_true(isnan(zb_projection_scenario(&p, 0.05, 2030)));
    /* Nor has a level that is not money: 耕地保有量 does not grow with
     * the economy (13.3104 at 10 % for 15 years would be 55.6008). */
    assert_int_equal(project(w->ds, "520502", "land", 2035, 0, &w->tol, &p), 0);
    assert_true(p.compound);
    assert_false(p.scenarios);
    assert_true(isnan(zb_projection_scenario(&p, 0.10, 2035)));
    /* A per-capita value in 元 has: 33000 at 10 % for 10 years = 33000 · 1.1^10 = 33000 · 2.5937425 = 85593.50. */
    assert_int_equal(project(w->ds, "520502", "income", 2030, 0, &w->tol, &p), 0);
    assert_true(p.scenarios);
    ZBT_NEAR(zb_projection_scenario(&p, 0.10, 2030), 85593.50, 0.01);
}

static void test_project_shares_are_held_within_0_and_100(void **state)
{
    world *w = *state;
    zb_projection p;
    /* 90 -> 96 in two years: +3 points a year; 2025 would be 111. */
    assert_int_equal(project(w->ds, "520502", "share", 2035, 0, &w->tol, &p), 0);
    assert_false(p.compound);
    ZBT_NEAR(p.pace, 3, 1e-12);
    ZBT_NEAR(p.at_target_year, 100, 0);
    ZBT_NEAR(p.at_horizon, 100, 0);
    assert_int_equal(p.capped, ZB_CAPPED_TARGET_YEAR | ZB_CAPPED_HORIZON);
    assert_true(p.meets); /* 98以上 */
    /* 4 -> 3: -1 point a year; 2025 would be -2, held at 0; 3.5以内 met. */
    assert_int_equal(project(w->ds, "520502", "unemp", 2022, 0, &w->tol, &p), 0);
    ZBT_NEAR(p.at_target_year, 0, 0);
    ZBT_NEAR(p.at_horizon, 1, 1e-12); /* 2022: 3 - 2 = 1, inside the bounds */
    assert_int_equal(p.capped, ZB_CAPPED_TARGET_YEAR);
    assert_true(p.meets);
}

static void test_project_recent_years_weigh_more(void **state)
{
    world *w = *state;
    zb_projection p;
    /* 1, 2, 4 (see test_trend): 1.5 points a year unweighted; with a
     * half-life of one year 2.625 / 1.625 = 1.6154. */
    assert_int_equal(project(w->ds, "520521", "share", 2025, 0, &w->tol, &p), 0);
    ZBT_NEAR(p.pace, 1.5, 1e-12);
    ZBT_NEAR(p.at_horizon, 11.5 / 3 + 7.5, 1e-12);
    assert_int_equal(p.target, -1); /* no target for this series */
    assert_true(isnan(p.at_target_year));
    assert_int_equal(project(w->ds, "520521", "share", 2025, 1.0, &w->tol, &p), 0);
    ZBT_NEAR(p.pace, 2.625 / 1.625, 1e-12);
}

static void test_project_says_why_a_series_is_left_out(void **state)
{
    world *w = *state;
    zb_projection p;
    assert_int_equal(project(w->ds, "520502", "pop", 2035, 0, &w->tol, &p), -1);
    assert_int_equal(p.trend.n, 1);
    assert_non_null(strstr(p.reason, "one year with a figure"));
    assert_int_equal(project(w->ds, "520502", "new_jobs", 2035, 0, &w->tol, &p), -1);
    assert_non_null(strstr(p.reason, "zero or negative"));
    assert_int_equal(project(w->ds, "520502", "structure", 2035, 0, &w->tol, &p), -1);
    assert_non_null(strstr(p.reason, "structure"));
    assert_int_equal(project(w->ds, "520000", "gdp", 2035, 0, &w->tol, &p), -1);
    assert_int_equal(p.trend.n, 0);
}

static void test_project_qixingguan(void **state)
{
    (void)state;
    zb_diags *d = zb_diags_new();
    zb_dataset *ds = zb_dataset_load("datasets/qixingguan", NULL, d);
    assert_int_equal(zb_diags_errors(d), 0);
    zb_diags_free(d);
    zb_tolerance tol = zb_tolerance_default();
    zb_projection p;
    /* GDP 290.58 (2015) -> 500.06 (2020): 11.47 % a year; 2025:
     * 500.06 · 1.720903 = 860.55 >= 800 (the 14th plan's target); 2035:
     * 500.06 · 1.720903^3 = 2548.5. */
    assert_int_equal(project(ds, "520502", "gdp", 2035, 0, &tol, &p), 0);
    ZBT_NEAR(p.pace, 0.1146827, 1e-6);
    assert_int_equal(p.target_year, 2025);
    ZBT_NEAR(p.at_target_year, 860.55, 0.01);
    assert_true(p.meets);
    ZBT_NEAR(p.at_horizon, 2548.54, 0.01);
    /* 500.06 at 6 % for 15 years: 500.06 · 2.396558 = 1198.42. */
    ZBT_NEAR(zb_projection_scenario(&p, 0.06, 2035), 1198.42, 0.01);
    /* 城镇居民可支配收入 24614 -> 36148: 7.99 % a year reaches
     * 36148 · 1.468595 = 53087 in 2025, short of 53458. */
    assert_int_equal(project(ds, "520502", "income_urban", 2035, 0, &tol, &p), 0);
    ZBT_NEAR(p.at_target_year, 53087, 1);
    assert_false(p.meets);
    /* 城镇化率 47 -> 54: +1.4 points; 61 in 2025 meets 60左右. */
    assert_int_equal(project(ds, "520502", "urbanization_rate", 2035, 0, &tol, &p), 0);
    ZBT_NEAR(p.pace, 1.4, 1e-12);
    ZBT_NEAR(p.at_target_year, 61, 1e-9);
    assert_true(p.meets);
    /* 高中阶段教育毛入学率 85.65 -> 91.82: +1.234 a year would pass 100 by 2035. */
    assert_int_equal(project(ds, "520502", "hs_gross_enrollment", 2035, 0, &tol, &p), 0);
    ZBT_NEAR(p.at_horizon, 100, 0);
    assert_true(p.capped & ZB_CAPPED_HORIZON);
    /* 社会消费品零售总额 has 2020 only. */
    assert_int_equal(project(ds, "520502", "retail_sales", 2035, 0, &tol, &p), -1);
    assert_int_equal(p.trend.n, 1);
    zb_dataset_free(ds);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_project_level_follows_its_compound_trend),
        cmocka_unit_test(test_project_scenarios_grow_the_latest_level),
        cmocka_unit_test(test_project_shares_are_held_within_0_and_100),
        cmocka_unit_test(test_project_recent_years_weigh_more),
        cmocka_unit_test(test_project_says_why_a_series_is_left_out),
        cmocka_unit_test(test_project_qixingguan),
    };
    return cmocka_run_group_tests_name("zb_project", tests, world_setup, world_teardown);
}
