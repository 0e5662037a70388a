/* zb_pace: the unit and digits of a pace a year, in every style.  The
 * figures are the 七星关区 ones (2015 -> 2020, five years): 城镇化率 47 ->
 * 54 is +1.40 points a year; 亿元GDP死亡率 0.007 -> 0.050 人/亿元 is
 * (0.050 - 0.007) / 5 = 0.0086 人/亿元 a year; GDP 290.58 -> 500.06 亿元
 * is 11.47 % a year. */
#include "zb_test.h"

#include <math.h>

#include "zb_lang.h"
#include "zb_pace.h"

static char buf[160];

static const char *cell(double r, int compound, const char *unit)
{
    return zb_pace_format(buf, sizeof buf, r, compound, unit, ZB_PACE_CELL);
}

static void test_pace_points_only_for_percent(void **state)
{
    (void)state;
    zb_lang_set(ZB_LANG_ZH);
    assert_string_equal(cell(1.4, 0, "%"), "+1.40点");
    assert_string_equal(cell(0.05, 0, "‰"), "+0.05千分点");
    /* 人/亿元 is no percentage: its unit a year, with the digits it needs. */
    assert_string_equal(cell((0.050 - 0.007) / 5, 0, "人/亿元"), "+0.0086 人/亿元/年");
    assert_string_equal(cell(-2.5, 0, "张/千人"), "-2.50 张/千人/年");
    assert_string_equal(cell(0.12, 0, ""), "+0.12/年");
    assert_string_equal(cell(0.1146827, 1, "亿元"), "11.47%");
    zb_lang_set(ZB_LANG_EN);
    assert_string_equal(cell(1.4, 0, "%"), "+1.40 pt");
    assert_string_equal(cell(0.0086, 0, "人/亿元"), "+0.0086 人/亿元/yr");
    assert_string_equal(cell(0.05, 0, "‰"), "+0.05 ‰ pt");
    zb_lang_set(ZB_LANG_ZH);
}

static void test_pace_two_significant_digits(void **state)
{
    (void)state;
    /* At least two decimals; more until two significant digits show;
     * no trailing zeros past the second decimal. */
    assert_int_equal(zb_pace_decimals(1.4), 2);
    assert_int_equal(zb_pace_decimals(0.0086), 4);   /* not 0.01 */
    assert_int_equal(zb_pace_decimals(-0.014), 3);   /* 失业率 4.10 -> 4.03 in 5 years */
    assert_int_equal(zb_pace_decimals(0.05), 2);     /* 0.05, not 0.050 */
    assert_int_equal(zb_pace_decimals(0), 2);
    assert_int_equal(zb_pace_decimals(NAN), 2);
    assert_int_equal(zb_pace_decimals(1e-15), 2);    /* noise shows as 0.00 */
    assert_string_equal(cell(-0.014, 0, "%"), "-0.014点");
    assert_string_equal(cell(0, 0, "%"), "+0.00点");
}

static void test_pace_styles_for_sentences(void **state)
{
    (void)state;
    zb_lang_set(ZB_LANG_ZH);
    assert_string_equal(zb_pace_format(buf, sizeof buf, 0.0086, 0, "人/亿元", ZB_PACE_PHRASE), "提高 0.0086 人/亿元");
    assert_string_equal(zb_pace_format(buf, sizeof buf, -0.64, 0, "%", ZB_PACE_PHRASE), "下降 0.64 个百分点");
    assert_string_equal(zb_pace_format(buf, sizeof buf, 0.1146827, 1, "亿元", ZB_PACE_PHRASE), "增长 11.47%");
    assert_string_equal(zb_pace_format(buf, sizeof buf, 0.05, 0, "‰", ZB_PACE_AMOUNT), "0.05 个千分点");
    assert_string_equal(zb_pace_format(buf, sizeof buf, -0.0086, 0, "人/亿元", ZB_PACE_AMOUNT), "0.0086 人/亿元");
    assert_string_equal(zb_pace_format(buf, sizeof buf, 2.1, 0, "%", ZB_PACE_DELTA), "+2.10 个百分点");
    assert_string_equal(zb_pace_format(buf, sizeof buf, -0.0086, 0, "人/亿元", ZB_PACE_DELTA), "-0.0086 人/亿元");
    zb_lang_set(ZB_LANG_EN);
    assert_string_equal(zb_pace_format(buf, sizeof buf, 0.0086, 0, "人/亿元", ZB_PACE_PHRASE), "a rise of 0.0086 人/亿元");
    assert_string_equal(zb_pace_format(buf, sizeof buf, 1.4, 0, "%", ZB_PACE_PHRASE), "a rise of 1.40 points");
    zb_lang_set(ZB_LANG_ZH);
}

/* Floating-point noise from subtracting equal figures never shows a sign
 * of its own: -1e-13 points is +0.00点 and -1e-15 (a compound rate) 0.00%. */
static void test_pace_noise_is_never_minus_zero(void **state)
{
    (void)state;
    zb_lang_set(ZB_LANG_ZH);
    assert_string_equal(cell(-1e-13, 0, "%"), "+0.00点");
    assert_string_equal(cell(-1e-15, 1, "亿元"), "0.00%");
    assert_string_equal(cell(-0.0064, 0, "%"), "-0.0064点"); /* a real fall keeps its sign */
}

static void test_pace_suffix_and_special_values(void **state)
{
    (void)state;
    char s[64];
    assert_string_equal(zb_pace_suffix(1, "亿元", s, sizeof s), "%");
    assert_string_equal(zb_pace_suffix(0, "%", s, sizeof s), "点");
    assert_string_equal(zb_pace_suffix(0, "人/亿元", s, sizeof s), " 人/亿元/年");
    assert_string_equal(zb_pace_suffix(0, NULL, s, sizeof s), "/年");
    assert_string_equal(cell(NAN, 0, "%"), "");
    assert_string_equal(cell(INFINITY, 1, "亿元"), "∞");
    assert_string_equal(cell(-INFINITY, 0, "%"), "-∞");
    /* A short buffer is cut, never overrun. */
    char small[4];
    zb_pace_format(small, sizeof small, 0.0086, 0, "人/亿元", ZB_PACE_CELL);
    assert_int_equal(strlen(small), 3);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_pace_points_only_for_percent),
        cmocka_unit_test(test_pace_two_significant_digits),
        cmocka_unit_test(test_pace_styles_for_sentences),
        cmocka_unit_test(test_pace_noise_is_never_minus_zero),
        cmocka_unit_test(test_pace_suffix_and_special_values),
    };
    return cmocka_run_group_tests_name("zb_pace", tests, NULL, NULL);
}
