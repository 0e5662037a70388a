/* zb_growth: each formula against numbers worked out by hand (the working
 * is in the comment beside each). */
#include "zb_test.h"

#include "zb_growth.h"
#include "zbt_near.h"

static void test_growth_cagr_of_round_numbers(void **state)
{
    (void)state;
    /* 100 -> 121 in 2 years: 1.1 * 1.1 = 1.21, so 10 % a year. */
    ZBT_NEAR(zb_cagr(100, 121, 2), 0.10, 1e-12);
    /* 100 -> 200 in 10 years: 2^(1/10) - 1 = 0.0717735. */
    ZBT_NEAR(zb_cagr(100, 200, 10), 0.0717734625, 1e-9);
    /* A fall: 100 -> 81 in 2 years: 0.9 * 0.9, so -10 %. */
    ZBT_NEAR(zb_cagr(100, 81, 2), -0.10, 1e-12);
    /* 七星关区 GDP 2015 -> 2020: (500.06 / 290.58)^(1/5) - 1 = 1.720903^0.2 - 1 = 11.47 %. */
    ZBT_NEAR(zb_cagr(290.58, 500.06, 5), 0.1146827, 1e-6);
    assert_string_equal(zb_growth_why(), "");
}

static void test_growth_cagr_refuses_zero_negative_and_missing(void **state)
{
    (void)state;
    zb_lang_set(ZB_LANG_EN);
    assert_true(isnan(zb_cagr(0, 10, 5)));
    assert_non_null(strstr(zb_growth_why(), "zero or negative"));
    assert_true(isnan(zb_cagr(-3, 10, 5)));
    assert_true(isnan(zb_cagr(10, -3, 5)));
    assert_true(isnan(zb_cagr(10, 20, 0)));
    assert_non_null(strstr(zb_growth_why(), "years must be positive"));
    assert_true(isnan(zb_cagr(NAN, 20, 5)));
    assert_non_null(strstr(zb_growth_why(), "missing"));
    /* A good call clears the reason. */
    ZBT_NEAR(zb_cagr(1, 1, 3), 0.0, 0);
    assert_string_equal(zb_growth_why(), "");
    zb_lang_set(ZB_LANG_ZH);
    assert_true(isnan(zb_cagr(0, 10, 5)));
    assert_non_null(strstr(zb_growth_why(), "不为正"));
}

static void test_growth_compound_and_linear_projection(void **state)
{
    (void)state;
    /* 100 at 10 % for 2 years: 100 * 1.21. */
    ZBT_NEAR(zb_project_compound(100, 0.10, 2), 121.0, 1e-9);
    /* 500.06 at 6 % for 15 years: 500.06 * 1.06^15 = 500.06 * 2.396558 = 1198.42. */
    ZBT_NEAR(zb_project_compound(500.06, 0.06, 15), 1198.42, 0.005);
    /* Zero years leaves the value. */
    ZBT_NEAR(zb_project_compound(42, 0.3, 0), 42, 0);
    assert_true(isnan(zb_project_compound(100, -1.5, 1)));
    /* 54 % plus 1.2 points a year for 5 years: 60 %. */
    ZBT_NEAR(zb_project_linear(54, 1.2, 5), 60, 1e-12);
    ZBT_NEAR(zb_project_linear(4.03, -0.05, 2), 3.93, 1e-12);
    assert_true(isnan(zb_project_linear(NAN, 1, 1)));
}

static void test_growth_required_rate_and_points(void **state)
{
    (void)state;
    /* 七星关区 GDP 500.06 -> 800 in 5 years: 1.599808^0.2 - 1 = 9.85 %. */
    ZBT_NEAR(zb_required_rate(500.06, 800, 5), 0.0985342, 1e-6);
    /* Already above the target: a negative rate is still the answer. */
    ZBT_NEAR(zb_required_rate(121, 100, 2), 1.0 / 1.1 - 1.0, 1e-12);
    /* 城镇化率 54 -> 60 in 5 years: 6 / 5 = 1.2 points a year. */
    ZBT_NEAR(zb_required_pp(54, 60, 5), 1.2, 1e-12);
    assert_true(isnan(zb_required_pp(54, 60, 0)));
    assert_true(isnan(zb_required_rate(0, 60, 5)));
}

static void test_growth_years_to_reach(void **state)
{
    (void)state;
    /* 100 -> 121 at 10 %: 2 years (ln 1.21 / ln 1.1). */
    ZBT_NEAR(zb_years_to_reach(100, 121, 0.10), 2.0, 1e-12);
    /* 100 -> 50 at -10 %: ln 0.5 / ln 0.9 = 6.5788 years. */
    ZBT_NEAR(zb_years_to_reach(100, 50, -0.10), 6.578813, 1e-6);
    ZBT_NEAR(zb_years_to_reach(100, 100, 0.05), 0.0, 0);
    /* The wrong way, or standing still, never gets there. */
    assert_true(isinf(zb_years_to_reach(100, 50, 0.10)));
    assert_true(isinf(zb_years_to_reach(100, 150, 0.0)));
    assert_true(isinf(zb_years_to_reach(100, 150, -0.02)));
    assert_true(isnan(zb_years_to_reach(0, 150, 0.1)));
}

static void test_growth_reduction_over_a_period_and_back(void **state)
{
    (void)state;
    /* 单位GDP能耗下降13.5% over 5 years: 1 - (1 - 0.135)^(1/5) = 1 - 0.865^0.2 = 2.86 % a year. */
    ZBT_NEAR(zb_reduction_annual(0.135, 5), 0.0285885, 1e-6);
    /* And back: 1 - (1 - 0.0285885)^5 = 0.135. */
    ZBT_NEAR(zb_reduction_total(zb_reduction_annual(0.135, 5), 5), 0.135, 1e-12);
    /* 3 % a year for 2 years: 1 - 0.97^2 = 0.0591. */
    ZBT_NEAR(zb_reduction_total(0.03, 2), 0.0591, 1e-12);
    /* Not the same as 13.5 / 5 = 2.7 %: the reduction compounds. */
    assert_true(zb_reduction_annual(0.135, 5) > 0.027);
    assert_true(isnan(zb_reduction_annual(1.0, 5)));
    assert_true(isnan(zb_reduction_annual(0.1, 0)));
    assert_true(isnan(zb_reduction_total(1.2, 5)));
}

static void test_growth_doubling(void **state)
{
    (void)state;
    /* Doubling in 10 years: 2^(1/10) - 1 = 7.177 %. */
    ZBT_NEAR(zb_doubling_rate(10), 0.0717734625, 1e-9);
    /* 翻一番 over a five-year plan: 2^(1/5) - 1 = 14.87 %. */
    ZBT_NEAR(zb_doubling_rate(5), 0.1486983549, 1e-9);
    /* At 7 %: ln 2 / ln 1.07 = 10.24 years. */
    ZBT_NEAR(zb_doubling_years(0.07), 10.2447684, 1e-6);
    ZBT_NEAR(zb_doubling_years(zb_doubling_rate(8)), 8.0, 1e-9);
    assert_true(isinf(zb_doubling_years(0)));
    assert_true(isinf(zb_doubling_years(-0.01)));
    assert_true(isnan(zb_doubling_rate(0)));
}

static void test_growth_tolerance_defaults(void **state)
{
    (void)state;
    zb_tolerance t = zb_tolerance_default();
    ZBT_NEAR(t.about_pp, 0.5, 0);
    ZBT_NEAR(t.about_rel, 0.02, 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_growth_cagr_of_round_numbers),
        cmocka_unit_test(test_growth_cagr_refuses_zero_negative_and_missing),
        cmocka_unit_test(test_growth_compound_and_linear_projection),
        cmocka_unit_test(test_growth_required_rate_and_points),
        cmocka_unit_test(test_growth_years_to_reach),
        cmocka_unit_test(test_growth_reduction_over_a_period_and_back),
        cmocka_unit_test(test_growth_doubling),
        cmocka_unit_test(test_growth_tolerance_defaults),
    };
    return cmocka_run_group_tests_name("zb_growth", tests, NULL, NULL);
}
