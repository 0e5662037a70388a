/* zb_trend: least-squares fits against sums worked out by hand.
 * With x = year - last year, slope = (Σw·Σwxy - Σwx·Σwy) / (Σw·Σwx² - (Σwx)²)
 * and intercept = (Σwy - slope·Σwx) / Σw (the value in the last year). */
#include "zb_test.h"

#include "zb_growth.h"
#include "zb_trend.h"
#include "zbt_near.h"

static void test_trend_unweighted_line(void **state)
{
    (void)state;
    /* x = -2, -1, 0; y = 1, 2, 4: n = 3, Σx = -3, Σy = 7, Σx² = 5, Σxy = -4.
     * slope = (3·-4 - -3·7) / (3·5 - 9) = 9 / 6 = 1.5;
     * intercept = (7 + 1.5·3) / 3 = 3.8333. */
    int years[] = {2018, 2019, 2020};
    double values[] = {1, 2, 4};
    zb_trend t;
    assert_int_equal(zb_trend_fit(years, values, 3, ZB_TREND_LINEAR, 0, &t), 0);
    assert_int_equal(t.n, 3);
    assert_int_equal(t.first_year, 2018);
    assert_int_equal(t.last_year, 2020);
    ZBT_NEAR(t.slope, 1.5, 1e-12);
    ZBT_NEAR(t.intercept, 11.5 / 3, 1e-12);
    ZBT_NEAR(zb_trend_rate(&t), 1.5, 1e-12);
    /* 2025: 3.8333 + 5·1.5 = 11.3333. */
    ZBT_NEAR(zb_trend_at(&t, 2025), 11.5 / 3 + 7.5, 1e-12);
}

static void test_trend_recent_years_weigh_more(void **state)
{
    (void)state;
    /* Half-life 1 year: weights 0.25, 0.5, 1 for x = -2, -1, 0.
     * Σw = 1.75, Σwx = -1, Σwy = 0.25 + 1 + 4 = 5.25, Σwx² = 1.5,
     * Σwxy = -0.5 - 1 = -1.5.  slope = (1.75·-1.5 + 5.25) / (1.75·1.5 - 1)
     * = 2.625 / 1.625 = 1.6154; intercept = (5.25 + 1.6154) / 1.75 = 3.9231.
     * The late jump (2 -> 4) pulls the slope above the unweighted 1.5. */
    int years[] = {2018, 2019, 2020};
    double values[] = {1, 2, 4};
    zb_trend t;
    assert_int_equal(zb_trend_fit(years, values, 3, ZB_TREND_LINEAR, 1.0, &t), 0);
    ZBT_NEAR(t.slope, 2.625 / 1.625, 1e-12);
    ZBT_NEAR(t.intercept, (5.25 + 2.625 / 1.625) / 1.75, 1e-12);
}

static void test_trend_log_levels_give_the_compound_rate(void **state)
{
    (void)state;
    /* 100, 110, 121: exactly 10 % a year; 2022 is 121 · 1.21 = 146.41. */
    int years[] = {2018, 2019, 2020};
    double exact[] = {100, 110, 121};
    zb_trend t;
    assert_int_equal(zb_trend_fit(years, exact, 3, ZB_TREND_LOG, 0, &t), 0);
    ZBT_NEAR(zb_trend_rate(&t), 0.10, 1e-12);
    ZBT_NEAR(zb_trend_at(&t, 2022), 146.41, 1e-9);
    /* 100, 120, 130: with three evenly spaced years the least-squares slope
     * is (ln 130 - ln 100) / 2, the middle point drops out, so the rate is
     * sqrt(1.3) - 1 = 14.02 %. */
    double noisy[] = {100, 120, 130};
    assert_int_equal(zb_trend_fit(years, noisy, 3, ZB_TREND_LOG, 0, &t), 0);
    ZBT_NEAR(zb_trend_rate(&t), sqrt(1.3) - 1, 1e-12);
    /* Two points: the trend is the compound rate between them (11.47 %). */
    int two_years[] = {2015, 2020};
    double gdp[] = {290.58, 500.06};
    assert_int_equal(zb_trend_fit(two_years, gdp, 2, ZB_TREND_LOG, 0, &t), 0);
    ZBT_NEAR(zb_trend_rate(&t), zb_cagr(290.58, 500.06, 5), 1e-12);
    ZBT_NEAR(zb_trend_at(&t, 2020), 500.06, 1e-9);
}

static void test_trend_skips_missing_and_ignores_order(void **state)
{
    (void)state;
    /* The same points as the unweighted test, shuffled, with a gap year. */
    int years[] = {2020, 2017, 2018, 2019};
    double values[] = {4, NAN, 1, 2};
    zb_trend t;
    assert_int_equal(zb_trend_fit(years, values, 4, ZB_TREND_LINEAR, 0, &t), 0);
    assert_int_equal(t.n, 3);
    assert_int_equal(t.first_year, 2018);
    ZBT_NEAR(t.slope, 1.5, 1e-12);
}

static void test_trend_needs_two_years_and_positive_levels(void **state)
{
    (void)state;
    zb_lang_set(ZB_LANG_EN);
    int years[] = {2020, 2020, 2021};
    double values[] = {5, 6, NAN};
    zb_trend t;
    /* One point. */
    assert_int_equal(zb_trend_fit(years, values, 1, ZB_TREND_LINEAR, 0, &t), -1);
    assert_true(isnan(zb_trend_at(&t, 2025)));
    assert_true(isnan(zb_trend_rate(&t)));
    /* Two figures in the same year give no slope; the third is missing. */
    assert_int_equal(zb_trend_fit(years, values, 3, ZB_TREND_LINEAR, 0, &t), -1);
    /* A zero level has no logarithm. */
    int y2[] = {2019, 2020};
    double zero[] = {0, 3};
    assert_int_equal(zb_trend_fit(y2, zero, 2, ZB_TREND_LOG, 0, &t), -1);
    assert_non_null(strstr(zb_growth_why(), "zero or negative"));
    /* The same figures fit fine on a linear trend: +3 a year. */
    assert_int_equal(zb_trend_fit(y2, zero, 2, ZB_TREND_LINEAR, 0, &t), 0);
    ZBT_NEAR(zb_trend_rate(&t), 3, 1e-12);
    zb_lang_set(ZB_LANG_ZH);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_trend_unweighted_line),
        cmocka_unit_test(test_trend_recent_years_weigh_more),
        cmocka_unit_test(test_trend_log_levels_give_the_compound_rate),
        cmocka_unit_test(test_trend_skips_missing_and_ignores_order),
        cmocka_unit_test(test_trend_needs_two_years_and_positive_levels),
    };
    return cmocka_run_group_tests_name("zb_trend", tests, NULL, NULL);
}
