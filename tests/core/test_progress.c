/* zb_progress: verdicts, paces and consistency on a small synthetic dataset
 * written by the test (one county per situation), and on the real
 * 七星关区 tables.  Every expected figure is worked out in the comment
 * beside it; "time" is (year - base year) / (target year - base year),
 * "progress" is (value - base) / (target - base). */
#include "zb_test.h"

#include "zb_growth.h"
#include "zb_progress.h"
#include "zbt_near.h"

static const char *const regions_csv =
    "code,name,level,parent,name_en,source\n"
    "520000,省,province,,Province,synthetic\n"
    "520500,市,city,520000,City,synthetic\n"
    "520502,县A,county,520500,County A,synthetic\n"
    "520521,县B,county,520500,County B,synthetic\n"
    "520523,县C,county,520500,County C,synthetic\n"
    "520524,县D,county,520500,County D,synthetic\n"
    "520525,县E,county,520500,County E,synthetic\n"
    "520526,县F,county,520500,County F,synthetic\n"
    "520527,县G,county,520500,County G,synthetic\n"
    "520581,县H,county,520500,County H,synthetic\n";

static const char *const indicators_csv =
    "code,name,name_en,unit,category,attribute,kind,aggregation,direction,decimals,source,note\n"
    "gdp,地区生产总值,GDP,亿元,经济,anticipatory,level,sum,up,2,synthetic,\n"
    "gdp_growth,地区生产总值增速,GDP growth,%,经济,anticipatory,growth,growth(gdp),up,1,synthetic,\n"
    "urban,城镇化率,Urbanization,%,社会,anticipatory,rate,none,up,2,synthetic,\n"
    "unemp,城镇登记失业率,Unemployment,%,社会,binding,rate,none,down,2,synthetic,\n"
    "energy_red,单位GDP能耗下降,Energy intensity reduction,%,绿色,binding,reduction,none,up,2,synthetic,\n"
    "income,人均可支配收入,Income,元,民生,anticipatory,percap,none,up,0,synthetic,\n"
    "new_jobs,新增就业,New jobs,万人,民生,anticipatory,level,sum,up,2,synthetic,\n"
    "net_migration,净迁入人口,Net migration,万人,民生,anticipatory,level,sum,up,2,synthetic,\n"
    "pop,常住人口,Population,万人,民生,anticipatory,level,sum,none,2,synthetic,\n";

static const char *const observations_csv =
    "region,indicator,year,value\n"
    "520502,gdp,2020,100\n520502,gdp,2022,121\n"
    "520502,urban,2020,50\n520502,urban,2023,55\n"
    "520502,unemp,2020,4.5\n520502,unemp,2023,4.4\n"
    "520521,urban,2020,50\n520521,urban,2023,53\n"
    "520521,unemp,2020,4.5\n520521,unemp,2023,3.9\n"
    "520521,gdp,2020,100\n520521,gdp,2023,130\n"
    "520521,gdp_growth,2021,8\n520521,gdp_growth,2022,9\n520521,gdp_growth,2023,10\n"
    "520523,urban,2020,50\n520523,urban,2023,48\n"
    "520523,unemp,2020,4.03\n520523,unemp,2023,4.1\n"
    "520523,gdp_growth,2021,8\n520523,gdp_growth,2023,10\n"
    "520524,urban,2020,50\n520524,urban,2023,61\n"
    "520524,unemp,2020,4.03\n520524,unemp,2023,4.3\n"
    "520524,energy_red,2021,3\n520524,energy_red,2022,2.5\n520524,energy_red,2023,3\n"
    "520525,urban,2020,50\n520525,urban,2025,59.6\n"
    "520525,unemp,2020,4.03\n520525,unemp,2025,4.3\n"
    "520525,energy_red,2021,3\n520525,energy_red,2023,3\n"
    "520526,new_jobs,2020,0\n520526,new_jobs,2023,6\n"
    "520526,net_migration,2020,-5\n520526,net_migration,2023,1\n"
    "520527,gdp,2015,290.58\n520527,gdp,2020,500.06\n"
    "520527,income,2020,30000\n520527,income,2023,36000\n"
    "520581,urban,2020,50\n520581,urban,2023,54\n"
    "520581,gdp,2020,100\n520581,gdp,2023,150\n"
    "520581,income,2020,30000\n520581,income,2023,33000\n"
    "520581,pop,2020,100\n520581,pop,2023,101\n"
    "520500,gdp,2023,120\n"
    "520500,gdp_growth,2023,5.2\n"
    "520500,urban,2023,70\n"
    "520500,new_jobs,2022,12\n520500,new_jobs,2023,3\n"
    "520500,unemp,2023,3.5\n";

#define T "t-plan,测试规划,"
static const char *const targets_csv =
    "plan,plan_name,region,indicator,base_year,base_text,base_value,target_year,target_text,growth_text,"
    "achieved_text,achieved_growth_text,attribute,source,note\n"
    T "520502,gdp,2020,100,,2025,161.051,10,,,,synthetic,\n"
    T "520502,urban,2020,50,,2025,60,,,,,synthetic,\n"
    T "520502,unemp,2020,4.5,,2025,4.0以内,,,,,synthetic,\n"
    T "520521,urban,2020,50,,2025,60,,,,,synthetic,\n"
    T "520521,unemp,2020,4.5,,2025,4.0以内,,,,,synthetic,\n"
    T "520521,gdp,2020,100,,2025,160,9左右,,,,synthetic,\n"
    T "520521,gdp_growth,2020,,,2025,——,9左右,,,,synthetic,\n"
    T "520523,urban,2020,50,,2025,60,,,,,synthetic,\n"
    T "520523,unemp,2020,4.03,,2025,4.2以内,,,,,synthetic,\n"
    T "520523,gdp_growth,2020,,,2025,——,9左右,,,,synthetic,\n"
    T "520524,urban,2020,50,,2025,60,,,,,synthetic,\n"
    T "520524,unemp,2020,4.03,,2025,4.2以内,,,,,synthetic,\n"
    T "520524,energy_red,2020,——,,2025,下降13.5%,,,,,synthetic,\n"
    T "520525,urban,2020,50,,2025,60左右,,,,,synthetic,\n"
    T "520525,unemp,2020,4.03,,2025,4.2以内,,,,,synthetic,\n"
    T "520525,energy_red,2020,——,,2025,13.5,,,,,synthetic,\n"
    T "520526,new_jobs,2020,0,,2025,10,,,,,synthetic,\n"
    T "520526,net_migration,2020,-5,,2025,5,,,,,synthetic,\n"
    "t-13,十三五,520527,gdp,2015,290.58,,2020,509,12,500.06,11.5,,synthetic,\n"
    T "520527,income,2020,30000,,2025,4.5万元,,,,,synthetic,\n"
    T "520581,urban,2020,50,,2025,提高5个百分点,,,,,synthetic,\n"
    T "520581,gdp,2020,100,,2025,翻一番,,,,,synthetic,\n"
    T "520581,income,2020,30000,,2025,60%,,,,,synthetic,\n"
    T "520581,pop,2020,100,,2025,衔接国家规划目标,,,,,synthetic,\n"
    T "520500,gdp,,,,2023,100以上,,,,,synthetic,\n"
    T "520500,income,2020,30000,,2025,40000,,,,,synthetic,\n"
    T "520500,gdp_growth,,,,2023,6%左右,,,,,synthetic,\n"
    T "520502,pop,2020,100,,2025,1..5以上,,,,,synthetic,\n" /* line 29 of the file */
    /* Targets without a base (a government work report's, for 2024) */
    T "520500,urban,,,,2025,60以上,,,,,synthetic,\n"
    T "520500,new_jobs,,,,2023,10以上,,,,,synthetic,\n"
    T "520500,unemp,,,,2023,3.0以内,,,,,synthetic,\n"
    T "520523,gdp,2020,100,,2025,160,1x2,,,,synthetic,\n"; /* line 33 */
#undef T

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
    /* The two malformed texts (lines 29 and 33) are load errors too, at the
     * same places as zb_target_text_check gives; their targets are kept,
     * texts and all, and nothing else is wrong. */
    if (!w->ds || zb_diags_errors(d) != 2 || zb_diags_find(d, "target: malformed number in '1..5以上'") < 0 ||
        zb_diags_find(d, "growth '1x2' stops being a number at character 2") < 0 ||
        zb_diag_at(d, (size_t)zb_diags_find(d, "'1..5以上'"))->col != 41 ||
        zb_diag_at(d, (size_t)zb_diags_find(d, "'1x2'"))->col != 44) {
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

/* The index of the target (plan, region, indicator); fails when absent. */
static size_t target_of(const zb_dataset *ds, const char *plan, const char *region, const char *indicator)
{
    long r = zb_ds_region(ds, region), i = zb_ds_indicator(ds, indicator);
    for (size_t k = 0; k < ds->targets.count; k++) {
        const zb_target *t = &ds->targets.items[k];
        if (t->region == r && t->indicator == i && strcmp(zb_ds_str(ds, t->plan), plan) == 0)
            return k;
    }
    fail_msg("no target %s %s %s", plan, region, indicator);
    return 0;
}

static zb_progress assess(world *w, const char *region, const char *indicator, int year)
{
    zb_progress p;
    assert_int_equal(zb_progress_assess(w->ds, target_of(w->ds, "t-plan", region, indicator), year, &w->tol, &p), 0);
    return p;
}

#define EXPECT_VERDICT(p, v)                                                                              \
    do {                                                                                                  \
        if ((p).verdict != (v))                                                                           \
            fail_msg("verdict %s, expected %s (%s)", zb_verdict_name((p).verdict), zb_verdict_name(v),    \
                     (p).reason);                                                                         \
    } while (0)

/* ---- the verdicts ---- */

static void test_progress_compound_pace_on_plan_is_on_track(void **state)
{
    world *w = *state;
    /* GDP 100 -> 121 in 2022, target 161.051 (= 100 · 1.1^5) in 2025.
     * time 2/5 = 0.4; progress 21 / 61.051 = 0.344: behind time, but the
     * pace so far (10 %) reaches exactly 121 · 1.1^3 = 161.051 in 2025. */
    zb_progress p = assess(w, "520502", "gdp", 2022);
    EXPECT_VERDICT(p, ZB_VERDICT_ON_TRACK);
    ZBT_NEAR(p.time_share, 0.4, 1e-12);
    ZBT_NEAR(p.progress_share, 21 / 61.051, 1e-9);
    ZBT_NEAR(p.actual_rate, 0.10, 1e-12);
    ZBT_NEAR(p.required_rate, 0.10, 1e-9);
    ZBT_NEAR(p.anticipated, 161.051, 1e-9);
    assert_true(p.compound);
    ZBT_NEAR(p.stated_rate, 0.10, 1e-12);
    assert_int_equal(p.severity, ZB_NOTE);
}

static void test_progress_behind_and_off_track_by_the_share_of_time(void **state)
{
    world *w = *state;
    /* 城镇化率 50 -> 55 in 2023, target 60 in 2025: time 0.6, progress 0.5,
     * 0.5 / 0.6 = 0.83 >= 0.75: behind; pace 5/3 points, needed 5/2. */
    zb_progress p = assess(w, "520502", "urban", 2023);
    EXPECT_VERDICT(p, ZB_VERDICT_BEHIND);
    ZBT_NEAR(p.progress_share, 0.5, 1e-12);
    ZBT_NEAR(p.actual_rate, 5.0 / 3, 1e-12);
    ZBT_NEAR(p.required_rate, 2.5, 1e-12);
    ZBT_NEAR(p.anticipated, 55 + 2 * 5.0 / 3, 1e-12);
    assert_false(p.compound);
    assert_int_equal(p.severity, ZB_WARNING); /* anticipatory */
    /* 50 -> 53: progress 0.3, 0.3 / 0.6 = 0.5 < 0.75: off track. */
    p = assess(w, "520521", "urban", 2023);
    EXPECT_VERDICT(p, ZB_VERDICT_OFF_TRACK);
    ZBT_NEAR(p.progress_share, 0.3, 1e-12);
}

static void test_progress_moving_away_and_achieved_early(void **state)
{
    world *w = *state;
    /* 50 -> 48 with 60 to reach: progress -0.2. */
    zb_progress p = assess(w, "520523", "urban", 2023);
    EXPECT_VERDICT(p, ZB_VERDICT_MOVING_AWAY);
    ZBT_NEAR(p.progress_share, -0.2, 1e-12);
    assert_int_equal(p.severity, ZB_WARNING);
    /* 50 -> 61 by 2023: the target of 60 is met two years early. */
    p = assess(w, "520524", "urban", 2023);
    EXPECT_VERDICT(p, ZB_VERDICT_ACHIEVED);
    ZBT_NEAR(p.progress_share, 1.1, 1e-12);
    assert_non_null(strstr(p.reason, "ahead"));
    assert_int_equal(p.severity, ZB_NOTE);
}

static void test_progress_about_target_in_the_target_year_uses_the_tolerance(void **state)
{
    world *w = *state;
    /* 59.6 against 60左右: within 0.5 points, achieved; with 0.3 points, missed. */
    zb_progress p = assess(w, "520525", "urban", 2025);
    EXPECT_VERDICT(p, ZB_VERDICT_ACHIEVED);
    w->tol.about_pp = 0.3;
    p = assess(w, "520525", "urban", 2025);
    w->tol = zb_tolerance_default();
    EXPECT_VERDICT(p, ZB_VERDICT_MISSED);
    ZBT_NEAR(p.progress_share, 0.96, 1e-12);
    assert_true(isnan(p.required_rate)); /* nothing is left to require */
}

static void test_progress_direction_down_and_binding_severity(void **state)
{
    world *w = *state;
    /* 失业率 4.5 -> 4.4 with 4.0以内 to reach: progress -0.1 / -0.5 = 0.2,
     * time 0.6: off track; binding, so an error. */
    zb_progress p = assess(w, "520502", "unemp", 2023);
    EXPECT_VERDICT(p, ZB_VERDICT_OFF_TRACK);
    assert_int_equal(p.direction, -1);
    ZBT_NEAR(p.progress_share, 0.2, 1e-12);
    ZBT_NEAR(p.actual_rate, -0.1 / 3, 1e-12);
    ZBT_NEAR(p.required_rate, -0.2, 1e-12);
    assert_true(p.binding);
    assert_int_equal(p.severity, ZB_ERROR);
    /* 4.5 -> 3.9: under the ceiling, achieved; a binding indicator that is
     * fine is no error. */
    p = assess(w, "520521", "unemp", 2023);
    EXPECT_VERDICT(p, ZB_VERDICT_ACHIEVED);
    assert_int_equal(p.severity, ZB_NOTE);
}

static void test_progress_target_met_at_the_base_is_held_or_lost(void **state)
{
    world *w = *state;
    /* 4.03 already meets 4.2以内: progress shares mean nothing (4.1 - 4.03
     * over 4.2 - 4.03 would read as 41 % "progress" towards a worse value). */
    zb_progress p = assess(w, "520523", "unemp", 2023);
    EXPECT_VERDICT(p, ZB_VERDICT_ACHIEVED);
    assert_true(isnan(p.progress_share));
    assert_non_null(strstr(p.reason, "met at the base and still met"));
    /* 4.03 -> 4.3: the ceiling is broken before the target year. */
    p = assess(w, "520524", "unemp", 2023);
    EXPECT_VERDICT(p, ZB_VERDICT_MOVING_AWAY);
    assert_int_equal(p.severity, ZB_ERROR);
    /* ... and in the target year it is missed. */
    p = assess(w, "520525", "unemp", 2025);
    EXPECT_VERDICT(p, ZB_VERDICT_MISSED);
    assert_int_equal(p.severity, ZB_ERROR);
}

static void test_progress_zero_and_negative_base(void **state)
{
    world *w = *state;
    /* new jobs 0 -> 6 of 10: no compound rate from zero, but progress 0.6
     * equals time 0.6: on track, and the reason says why there is no rate. */
    zb_progress p = assess(w, "520526", "new_jobs", 2023);
    EXPECT_VERDICT(p, ZB_VERDICT_ON_TRACK);
    ZBT_NEAR(p.progress_share, 0.6, 1e-12);
    assert_true(isnan(p.actual_rate));
    assert_true(isnan(p.anticipated));
    assert_non_null(strstr(p.reason, "zero or negative"));
    /* -5 -> 1 of 5: progress 6 / 10 = 0.6, on track too. */
    p = assess(w, "520526", "net_migration", 2023);
    EXPECT_VERDICT(p, ZB_VERDICT_ON_TRACK);
    ZBT_NEAR(p.progress_share, 0.6, 1e-12);
    assert_true(isnan(p.actual_rate));
}

static void test_progress_change_targets_apply_to_the_base(void **state)
{
    world *w = *state;
    /* 提高5个百分点 from 50: goal 55; 54 by 2023 is progress 0.8 >= 0.6. */
    zb_progress p = assess(w, "520581", "urban", 2023);
    ZBT_NEAR(p.goal, 55, 1e-12);
    EXPECT_VERDICT(p, ZB_VERDICT_ON_TRACK);
    /* 翻一番 from 100: goal 200; 150 by 2023 is progress 0.5, time 0.6
     * (0.83: behind); the pace 1.5^(1/3) - 1 = 14.47 % reaches
     * 150 · 1.14471^2 = 196.56 < 200. */
    p = assess(w, "520581", "gdp", 2023);
    ZBT_NEAR(p.goal, 200, 1e-12);
    ZBT_NEAR(p.actual_rate, 0.1447142, 1e-6);
    ZBT_NEAR(p.anticipated, 196.5556, 1e-3);
    EXPECT_VERDICT(p, ZB_VERDICT_BEHIND);
    /* 4.5万元 for an indicator in 元: 45000.  36000 by 2023 is progress 0.4
     * (time 0.6); pace 1.2^(1/3) - 1 = 6.27 % reaches 40653: off track. */
    p = assess(w, "520527", "income", 2023);
    ZBT_NEAR(p.goal, 45000, 1e-9);
    ZBT_NEAR(p.anticipated, 40652.756, 1e-2);
    EXPECT_VERDICT(p, ZB_VERDICT_OFF_TRACK);
}

static void test_progress_not_assessable_says_why(void **state)
{
    world *w = *state;
    zb_progress p = assess(w, "520581", "pop", 2023);
    EXPECT_VERDICT(p, ZB_VERDICT_NOT_ASSESSABLE);
    assert_non_null(strstr(p.reason, "the target is text: 衔接国家规划目标"));
    p = assess(w, "520581", "income", 2023); /* 60% of 元 */
    EXPECT_VERDICT(p, ZB_VERDICT_NOT_ASSESSABLE);
    assert_non_null(strstr(p.reason, "does not match"));
    /* A malformed number in the target: file, line and column on the line.
     * "t-plan,测试规划,520502,pop,2020,100,,2025," is 38 characters, so the
     * target starts at column 39 and the second '.' of 1..5 is at 41. */
    p = assess(w, "520502", "pop", 2023);
    EXPECT_VERDICT(p, ZB_VERDICT_NOT_ASSESSABLE);
    assert_non_null(strstr(p.reason, "targets.csv:29:41: target: malformed number in '1..5以上'"));
    /* One data point: the base is known, the monitoring year is not. */
    p = assess(w, "520500", "income", 2023);
    EXPECT_VERDICT(p, ZB_VERDICT_NOT_ASSESSABLE);
    assert_non_null(strstr(p.reason, "no value for 2023"));
    /* The base year itself is no monitoring year. */
    p = assess(w, "520502", "gdp", 2020);
    EXPECT_VERDICT(p, ZB_VERDICT_NOT_ASSESSABLE);
    assert_non_null(strstr(p.reason, "not after the base year 2020"));
    ZBT_NEAR(p.value, 100, 0); /* the figure is still reported */
    assert_int_equal(p.severity, ZB_NOTE);
}

static void test_progress_without_a_base_only_says_whether_it_is_met(void **state)
{
    world *w = *state;
    /* 100以上 for 2023 with no base: 120 meets it, no shares. */
    zb_progress p = assess(w, "520500", "gdp", 2023);
    EXPECT_VERDICT(p, ZB_VERDICT_ACHIEVED);
    assert_true(isnan(p.progress_share));
    assert_non_null(strstr(p.reason, "no base"));
}

static void test_progress_without_a_base_judges_the_target_year_only(void **state)
{
    world *w = *state;
    /* 60以上 for 2025, no base: 70 in 2023 is not "achieved" — a figure
     * of another year says nothing about the target year (a flow such as
     * 新增就业 of 2023 says nothing about 2024's). */
    zb_progress p = assess(w, "520500", "urban", 2023);
    EXPECT_VERDICT(p, ZB_VERDICT_NOT_ASSESSABLE);
    assert_non_null(strstr(p.reason, "the target is for 2025; 2023 is not assessed"));
    ZBT_NEAR(p.value, 70, 0); /* the figure is still reported */
    /* 新增就业 10以上 for 2023: 12 in 2022 is not judged ... */
    p = assess(w, "520500", "new_jobs", 2022);
    EXPECT_VERDICT(p, ZB_VERDICT_NOT_ASSESSABLE);
    assert_non_null(strstr(p.reason, "the target is for 2023; 2022 is not assessed"));
    /* ... 3 in 2023 misses it (an anticipatory target: a warning). */
    p = assess(w, "520500", "new_jobs", 2023);
    EXPECT_VERDICT(p, ZB_VERDICT_MISSED);
    assert_int_equal(p.severity, ZB_WARNING);
    assert_non_null(strstr(p.reason, "not met in the target year"));
    /* 失业率 3.0以内 in 2023: 3.5 misses a binding target: an error. */
    p = assess(w, "520500", "unemp", 2023);
    EXPECT_VERDICT(p, ZB_VERDICT_MISSED);
    assert_int_equal(p.severity, ZB_ERROR);
}

static void test_progress_malformed_texts_are_located(void **state)
{
    world *w = *state;
    zb_diags *d = zb_diags_new();
    assert_non_null(d);
    /* Line 29, 1..5以上: column 41 (see above). */
    assert_int_equal(zb_target_text_check(w->ds, target_of(w->ds, "t-plan", "520502", "pop"), ZB_TEXT_BOTH, d), 1);
    ZBT_EXPECT_DIAG(d, ZB_ERROR, "malformed number in '1..5以上'", 29, 41);
    /* Line 33: "t-plan,测试规划,520523,gdp,2020,100,,2025,160," is 42
     * characters: the growth 1x2 starts at 43, its x at 44. */
    zb_diags_clear(d);
    size_t k = target_of(w->ds, "t-plan", "520523", "gdp");
    assert_int_equal(zb_target_text_check(w->ds, k, ZB_TEXT_TARGET, d), 0);
    assert_int_equal(zb_target_text_check(w->ds, k, ZB_TEXT_BOTH, d), 1);
    ZBT_EXPECT_DIAG(d, ZB_ERROR, "growth '1x2' stops being a number at character 2", 33, 44);
    /* Free text and empty cells are not errors. */
    zb_diags_clear(d);
    assert_int_equal(zb_target_text_check(w->ds, target_of(w->ds, "t-plan", "520581", "pop"), ZB_TEXT_BOTH, d), 0);
    zb_diags_free(d);
}

static void test_progress_growth_indicator_compounds_the_years(void **state)
{
    world *w = *state;
    /* 增速 8, 9, 10 % in 2021-2023 against 9左右 a year for 2021-2025:
     * (1.08 · 1.09 · 1.10)^(1/3) - 1 = 8.997 % >= 8.5: on track; the rest
     * must average (1.09^5 / 1.29492)^(1/2) - 1 = 9.0046 %. */
    zb_progress p = assess(w, "520521", "gdp_growth", 2023);
    EXPECT_VERDICT(p, ZB_VERDICT_ON_TRACK);
    ZBT_NEAR(p.actual_rate, 0.0899694, 1e-6);
    ZBT_NEAR(p.required_rate, 0.0900459, 1e-6);
    ZBT_NEAR(p.value, 10, 0);
    /* 2022 missing: (1.08 · 1.10)^(1/2) - 1 = 8.995 %, said to rest on two
     * years; no required pace without the full record. */
    p = assess(w, "520523", "gdp_growth", 2023);
    EXPECT_VERDICT(p, ZB_VERDICT_ON_TRACK);
    ZBT_NEAR(p.actual_rate, 0.0899541, 1e-6);
    assert_true(isnan(p.required_rate));
    assert_non_null(strstr(p.reason, "no figure for 2022"));
}

static void test_progress_annual_growth_target_is_judged_in_its_year(void **state)
{
    world *w = *state;
    /* 2023 年增长 6%左右 (no base year): 5.2 is below 6 - 0.5 in 2023: missed. */
    zb_progress p = assess(w, "520500", "gdp_growth", 2023);
    EXPECT_VERDICT(p, ZB_VERDICT_MISSED);
    ZBT_NEAR(p.actual_rate, 0.052, 1e-12);
    /* Another year's figure says nothing about it. */
    p = assess(w, "520500", "gdp_growth", 2022);
    EXPECT_VERDICT(p, ZB_VERDICT_NOT_ASSESSABLE);
    assert_non_null(strstr(p.reason, "the growth of 2023 alone"));
}

static void test_progress_level_reports_real_growth_from_its_series(void **state)
{
    world *w = *state;
    /* GDP 100 -> 130 by 2023 is 1.3^(1/3) - 1 = 9.14 % nominal; the growth
     * series (comparable prices) compounds to 8.997 %. */
    zb_progress p = assess(w, "520521", "gdp", 2023);
    ZBT_NEAR(p.actual_rate, 0.0913929, 1e-6);
    ZBT_NEAR(p.reported_rate, 0.0899694, 1e-6);
    assert_int_equal(p.reported_source, ZB_REPORTED_SERIES);
    ZBT_NEAR(p.stated_rate, 0.09, 1e-12);
    assert_true(p.stated_compound);
    /* progress 0.5, time 0.6; 130 · 1.09139^2 = 154.85 < 160: behind. */
    EXPECT_VERDICT(p, ZB_VERDICT_BEHIND);
}

static void test_progress_target_year_reports_the_plans_own_growth(void **state)
{
    world *w = *state;
    /* The 13th plan's GDP: 290.58 -> 500.06 against 509; progress
     * 209.48 / 218.42 = 95.9 %; nominal 11.47 %, the plan says 11.5. */
    zb_progress p;
    zb_progress_assess(w->ds, target_of(w->ds, "t-13", "520527", "gdp"), 2020, &w->tol, &p);
    EXPECT_VERDICT(p, ZB_VERDICT_MISSED);
    ZBT_NEAR(p.progress_share, 0.9590697, 1e-6);
    ZBT_NEAR(p.actual_rate, 0.1146827, 1e-6);
    ZBT_NEAR(p.reported_rate, 0.115, 1e-12);
    assert_int_equal(p.reported_source, ZB_REPORTED_PLAN);
    ZBT_NEAR(p.stated_rate, 0.12, 1e-12);
}

static void test_progress_reduction_cumulates_the_years(void **state)
{
    world *w = *state;
    /* 能耗下降 3, 2.5, 3 % in 2021-2023 against 下降13.5% for 2021-2025:
     * cumulative 1 - 0.97 · 0.975 · 0.97 = 8.262 %; progress 8.262 / 13.5
     * = 0.612 >= time 0.6: on track.  A year: 1 - 0.917378^(1/3) = 2.834 %;
     * needed: 1 - (0.865 / 0.917378)^(1/2) = 2.897 %. */
    zb_progress p = assess(w, "520524", "energy_red", 2023);
    ZBT_NEAR(p.goal, 13.5, 1e-12);
    ZBT_NEAR(p.value, 8.26225, 1e-9);
    ZBT_NEAR(p.progress_share, 0.6120185, 1e-6);
    ZBT_NEAR(p.actual_rate, 0.0283362, 1e-6);
    ZBT_NEAR(p.required_rate, 0.0289670, 1e-6);
    ZBT_NEAR(p.anticipated, 13.387587, 1e-5);
    EXPECT_VERDICT(p, ZB_VERDICT_ON_TRACK);
    /* A year missing: the cumulative reduction cannot be formed. */
    p = assess(w, "520525", "energy_red", 2023);
    EXPECT_VERDICT(p, ZB_VERDICT_NOT_ASSESSABLE);
    assert_non_null(strstr(p.reason, "2022"));
}

/* ---- consistency ---- */

static zb_consistency check(world *w, const char *plan, const char *region, const char *indicator)
{
    zb_consistency c;
    assert_int_equal(zb_consistency_check(w->ds, target_of(w->ds, plan, region, indicator), &w->tol, &c), 0);
    return c;
}

static void test_consistency_implied_against_stated(void **state)
{
    world *w = *state;
    /* 100 -> 161.051 in 5 years implies exactly 10 %, as stated. */
    zb_consistency c = check(w, "t-plan", "520502", "gdp");
    assert_true(c.assessable);
    assert_true(c.compound);
    ZBT_NEAR(c.implied, 10, 1e-9);
    ZBT_NEAR(c.gap, 0, 1e-9);
    assert_true(c.consistent);
    /* 100 -> 160: 1.6^(1/5) - 1 = 9.856 % against 9左右: gap +0.856 > 0.5. */
    c = check(w, "t-plan", "520521", "gdp");
    ZBT_NEAR(c.implied, 9.8560543, 1e-6);
    assert_false(c.consistent);
    assert_non_null(strstr(c.reason, "nominal"));
    assert_non_null(strstr(c.reason, "about 9%"));
    w->tol.about_pp = 1.0;
    c = check(w, "t-plan", "520521", "gdp");
    w->tol = zb_tolerance_default();
    assert_true(c.consistent);
    /* 290.58 -> 509: 1.751669^(1/5) - 1 = 11.864 % against 12: within 0.5. */
    c = check(w, "t-13", "520527", "gdp");
    ZBT_NEAR(c.implied, 11.8640, 1e-3);
    assert_true(c.consistent);
}

static void test_consistency_says_why_it_cannot_check(void **state)
{
    world *w = *state;
    zb_consistency c = check(w, "t-plan", "520502", "urban"); /* no stated growth */
    assert_false(c.assessable);
    assert_non_null(strstr(c.reason, "no stated growth"));
    c = check(w, "t-plan", "520521", "gdp_growth"); /* a growth indicator */
    assert_false(c.assessable);
    assert_non_null(strstr(c.reason, "growth, reduction and structure"));
    /* 1x2 is a malformed growth, not a missing one: where and why. */
    c = check(w, "t-plan", "520523", "gdp");
    assert_false(c.assessable);
    assert_non_null(strstr(c.reason, "targets.csv:33:44: growth '1x2' stops being a number at character 2"));
}

/* ---- the helpers ---- */

static void test_goal_met_by_comparison_and_direction(void **state)
{
    (void)state;
    zb_tolerance tol = zb_tolerance_default();
    /* A plain number: at least for up, at most for down. */
    assert_true(zb_goal_met(60, 60, 60, ZB_SPEC_VALUE, ZB_CMP_EQ, 1, 1, &tol));
    assert_false(zb_goal_met(59.9, 60, 60, ZB_SPEC_VALUE, ZB_CMP_EQ, 1, 1, &tol));
    assert_true(zb_goal_met(3.9, 4, 4, ZB_SPEC_VALUE, ZB_CMP_EQ, -1, 1, &tol));
    /* 左右 in %: 0.5 points either way of the better side. */
    assert_true(zb_goal_met(59.5, 60, 60, ZB_SPEC_VALUE, ZB_CMP_ABOUT, 1, 1, &tol));
    assert_false(zb_goal_met(59.4, 60, 60, ZB_SPEC_VALUE, ZB_CMP_ABOUT, 1, 1, &tol));
    /* 左右 for a level: 2 % of 800 = 16. */
    assert_true(zb_goal_met(784, 800, 800, ZB_SPEC_VALUE, ZB_CMP_ABOUT, 1, 0, &tol));
    assert_false(zb_goal_met(783, 800, 800, ZB_SPEC_VALUE, ZB_CMP_ABOUT, 1, 0, &tol));
    /* Strict comparisons. */
    assert_false(zb_goal_met(5, 5, 5, ZB_SPEC_VALUE, ZB_CMP_GT, 1, 1, &tol));
    assert_true(zb_goal_met(4.2, 4.2, 4.2, ZB_SPEC_VALUE, ZB_CMP_LE, -1, 1, &tol));
    /* A range is met from its near end. */
    assert_true(zb_goal_met(5, 5, 6, ZB_SPEC_RANGE, ZB_CMP_EQ, 1, 1, &tol));
    assert_true(zb_goal_met(6, 5, 6, ZB_SPEC_RANGE, ZB_CMP_EQ, -1, 1, &tol));
    assert_false(zb_goal_met(6.1, 5, 6, ZB_SPEC_RANGE, ZB_CMP_EQ, -1, 1, &tol));
    /* A pow() result a hair under the goal still meets it. */
    assert_true(zb_goal_met(161.05099999999998, 161.051, 161.051, ZB_SPEC_VALUE, ZB_CMP_EQ, 1, 0, &tol));
    assert_false(zb_goal_met(NAN, 1, 1, ZB_SPEC_VALUE, ZB_CMP_EQ, 1, 0, &tol));
}

static void test_names_units_and_stated_growth(void **state)
{
    world *w = *state;
    assert_string_equal(zb_verdict_name(ZB_VERDICT_OFF_TRACK), "off_track");
    assert_int_equal(zb_verdict_parse("moving_away"), ZB_VERDICT_MOVING_AWAY);
    assert_int_equal(zb_verdict_parse("late"), -1);
    assert_string_equal(zb_verdict_label(ZB_VERDICT_BEHIND), "behind");
    zb_lang_set(ZB_LANG_ZH);
    assert_string_equal(zb_verdict_label(ZB_VERDICT_BEHIND), "进度滞后");
    assert_string_equal(zb_verdict_label(ZB_VERDICT_ACHIEVED), "已实现");
    zb_lang_set(ZB_LANG_EN);
    assert_true(zb_unit_is_money("亿元"));
    assert_true(zb_unit_is_money("元"));
    assert_false(zb_unit_is_money("人/亿元"));
    assert_true(zb_unit_is_money("元/人"));          /* money per head */
    assert_false(zb_unit_is_money("吨标煤/万元"));   /* energy per money */
    assert_true(zb_unit_is_money("亿美元"));
    assert_false(zb_unit_is_money("万人"));
    assert_false(zb_unit_is_money(""));
    double rate;
    int compound;
    zb_cmp cmp;
    assert_int_equal(zb_target_stated_growth(w->ds, target_of(w->ds, "t-plan", "520521", "gdp"), &rate, &compound, &cmp), 0);
    ZBT_NEAR(rate, 0.09, 1e-12);
    assert_true(compound);
    assert_int_equal(cmp, ZB_CMP_ABOUT);
    assert_int_equal(zb_target_stated_growth(w->ds, target_of(w->ds, "t-plan", "520502", "urban"), &rate, &compound, &cmp), -1);
    assert_true(isnan(rate));
}

/* ---- the real 七星关区 tables ---- */

typedef struct real {
    zb_dataset *ds;
} real;

static int real_setup(void **state)
{
    zb_lang_set(ZB_LANG_EN);
    real *r = calloc(1, sizeof *r);
    zb_diags *d = zb_diags_new();
    r->ds = zb_dataset_load("datasets/qixingguan", NULL, d);
    int bad = !r->ds || zb_diags_errors(d);
    zb_diags_free(d);
    *state = r;
    return bad ? -1 : 0;
}

static int real_teardown(void **state)
{
    real *r = *state;
    zb_dataset_free(r->ds);
    free(r);
    zb_lang_set(ZB_LANG_ZH);
    return 0;
}

static void test_qixingguan_13th_plan_in_2020(void **state)
{
    real *r = *state;
    zb_tolerance tol = zb_tolerance_default();
    zb_progress p;
    /* GDP 500.06 against 509: missed, 95.9 % of the way (see above). */
    zb_progress_assess(r->ds, target_of(r->ds, "qxg-13fyp", "520502", "gdp"), 2020, &tol, &p);
    EXPECT_VERDICT(p, ZB_VERDICT_MISSED);
    assert_int_equal(p.severity, ZB_WARNING);
    /* 第三产业 279.15 against 252: achieved. */
    zb_progress_assess(r->ds, target_of(r->ds, "qxg-13fyp", "520502", "va_tertiary"), 2020, &tol, &p);
    EXPECT_VERDICT(p, ZB_VERDICT_ACHIEVED);
    /* 城镇化率 54 against 56: missed; (54 - 47) / (56 - 47) = 77.8 %. */
    zb_progress_assess(r->ds, target_of(r->ds, "qxg-13fyp", "520502", "urbanization_rate"), 2020, &tol, &p);
    EXPECT_VERDICT(p, ZB_VERDICT_MISSED);
    ZBT_NEAR(p.progress_share, 7.0 / 9, 1e-12);
    /* 死亡率 0.007 at the base met 0.02 (down is better); 0.05 in 2020 no
     * longer does: a binding miss. */
    zb_progress_assess(r->ds, target_of(r->ds, "qxg-13fyp", "520502", "work_safety_death_rate"), 2020, &tol, &p);
    EXPECT_VERDICT(p, ZB_VERDICT_MISSED);
    assert_int_equal(p.severity, ZB_ERROR);
    /* 单位GDP能耗: a text target. */
    zb_progress_assess(r->ds, target_of(r->ds, "qxg-13fyp", "520502", "energy_intensity"), 2020, &tol, &p);
    EXPECT_VERDICT(p, ZB_VERDICT_NOT_ASSESSABLE);
    /* 固定资产投资 has no 2020 figure. */
    zb_progress_assess(r->ds, target_of(r->ds, "qxg-13fyp", "520502", "fai"), 2020, &tol, &p);
    assert_non_null(strstr(p.reason, "no value for 2020"));
}

static void test_qixingguan_14th_plan_consistency_findings(void **state)
{
    real *r = *state;
    zb_tolerance tol = zb_tolerance_default();
    zb_consistency c;
    /* 规模以上工业增加值 83.73 -> 120: 1.433178^(1/5) - 1 = 7.463 % against 10左右. */
    zb_consistency_check(r->ds, target_of(r->ds, "qxg-14fyp", "520502", "va_industry_above_scale"), &tol, &c);
    ZBT_NEAR(c.implied, 7.4633, 1e-3);
    assert_false(c.consistent);
    /* 农村居民可支配收入 11378 -> 16059: 1.411408^(1/5) - 1 = 7.135 % against 9. */
    zb_consistency_check(r->ds, target_of(r->ds, "qxg-14fyp", "520502", "income_rural"), &tol, &c);
    ZBT_NEAR(c.implied, 7.1348, 1e-3);
    assert_false(c.consistent);
    /* R&D share 0.15 -> 0.52 with growth written "20%": it compounds,
     * 3.466667^(1/5) - 1 = 28.228 % against 20 %. */
    zb_consistency_check(r->ds, target_of(r->ds, "qxg-14fyp", "520502", "rd_intensity"), &tol, &c);
    assert_true(c.compound);
    ZBT_NEAR(c.implied, 28.2279, 1e-3);
    assert_false(c.consistent);
    /* GDP 500.06 -> 800: 9.85 % against 10左右: consistent. */
    zb_consistency_check(r->ds, target_of(r->ds, "qxg-14fyp", "520502", "gdp"), &tol, &c);
    ZBT_NEAR(c.implied, 9.8534, 1e-3);
    assert_true(c.consistent);
    /* 高效农业面积比重 4.55 -> 7.95 with a bare 0.68: points, (7.95 - 4.55) / 5 = 0.68. */
    zb_consistency_check(r->ds, target_of(r->ds, "qxg-13fyp", "520502", "high_eff_agri_area_share"), &tol, &c);
    assert_false(c.compound);
    ZBT_NEAR(c.implied, 0.68, 1e-12);
    assert_true(c.consistent);
}

int main(void)
{
    const struct CMUnitTest synthetic[] = {
        cmocka_unit_test(test_progress_compound_pace_on_plan_is_on_track),
        cmocka_unit_test(test_progress_behind_and_off_track_by_the_share_of_time),
        cmocka_unit_test(test_progress_moving_away_and_achieved_early),
        cmocka_unit_test(test_progress_about_target_in_the_target_year_uses_the_tolerance),
        cmocka_unit_test(test_progress_direction_down_and_binding_severity),
        cmocka_unit_test(test_progress_target_met_at_the_base_is_held_or_lost),
        cmocka_unit_test(test_progress_zero_and_negative_base),
        cmocka_unit_test(test_progress_change_targets_apply_to_the_base),
        cmocka_unit_test(test_progress_not_assessable_says_why),
        cmocka_unit_test(test_progress_without_a_base_only_says_whether_it_is_met),
        cmocka_unit_test(test_progress_without_a_base_judges_the_target_year_only),
        cmocka_unit_test(test_progress_malformed_texts_are_located),
        cmocka_unit_test(test_progress_growth_indicator_compounds_the_years),
        cmocka_unit_test(test_progress_annual_growth_target_is_judged_in_its_year),
        cmocka_unit_test(test_progress_level_reports_real_growth_from_its_series),
        cmocka_unit_test(test_progress_target_year_reports_the_plans_own_growth),
        cmocka_unit_test(test_progress_reduction_cumulates_the_years),
        cmocka_unit_test(test_consistency_implied_against_stated),
        cmocka_unit_test(test_consistency_says_why_it_cannot_check),
        cmocka_unit_test(test_goal_met_by_comparison_and_direction),
        cmocka_unit_test(test_names_units_and_stated_growth),
    };
    const struct CMUnitTest qixingguan[] = {
        cmocka_unit_test(test_qixingguan_13th_plan_in_2020),
        cmocka_unit_test(test_qixingguan_14th_plan_consistency_findings),
    };
    int failed = cmocka_run_group_tests_name("zb_progress (synthetic)", synthetic, world_setup, world_teardown);
    failed += cmocka_run_group_tests_name("zb_progress (七星关区)", qixingguan, real_setup, real_teardown);
    return failed;
}
