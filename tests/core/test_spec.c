/* zb_spec: every target and growth form a plan table prints, parsed.
 * Expected values are the numbers as written in the text. */
#include "zb_test.h"

#include <math.h>

#include "zb_spec.h"
#include "zbt_near.h"

/* Parses text, asserting success; returns the spec. */
static zb_spec parse_ok(const char *text)
{
    zb_spec s;
    char err[256];
    size_t col = 0;
    int rc = zb_spec_parse(text, &s, err, sizeof err, &col);
    if (rc != 0)
        fail_msg("'%s' did not parse: %s (col %zu)", text, err, col);
    return s;
}

static void expect_val(const char *text, zb_cmp cmp, double value, int percent)
{
    zb_spec s = parse_ok(text);
    if (s.form != ZB_SPEC_VALUE || s.cmp != cmp || fabs(s.value - value) > 1e-12 || s.percent != percent)
        fail_msg("'%s': form %s cmp %s value %g percent %d; expected value %s %g percent %d", text,
                 zb_spec_form_name(s.form), zb_cmp_symbol(s.cmp), s.value, s.percent, zb_cmp_symbol(cmp), value,
                 percent);
}

static void test_spec_plain_number_is_an_equal_value(void **state)
{
    (void)state;
    zb_spec s = parse_ok("800");
    assert_int_equal(s.form, ZB_SPEC_VALUE);
    assert_int_equal(s.cmp, ZB_CMP_EQ);
    ZBT_NEAR(s.value, 800, 0);
    assert_string_equal(s.unit, "");
    assert_string_equal(s.text, "800");
    assert_false(s.aspirational);
    assert_true(zb_spec_is_numeric(&s));
    expect_val("1,200", ZB_CMP_EQ, 1200, 0);
    expect_val("-0.5", ZB_CMP_EQ, -0.5, 0);
    expect_val("达到60%", ZB_CMP_EQ, 60, 1);
}

static void test_spec_about_at_least_at_most_qualifiers(void **state)
{
    (void)state;
    expect_val("10左右", ZB_CMP_ABOUT, 10, 0);
    expect_val("约10%", ZB_CMP_ABOUT, 10, 1);
    expect_val("60以上", ZB_CMP_GE, 60, 0);
    expect_val("90%以上", ZB_CMP_GE, 90, 1);
    expect_val("不低于95%", ZB_CMP_GE, 95, 1);
    expect_val("≥95%", ZB_CMP_GE, 95, 1);
    expect_val("4.2以内", ZB_CMP_LE, 4.2, 0);
    expect_val("4.2以下", ZB_CMP_LE, 4.2, 0);
    expect_val("不超过4.5%", ZB_CMP_LE, 4.5, 1);
    expect_val(">5", ZB_CMP_GT, 5, 0);
    expect_val("高于5", ZB_CMP_GT, 5, 0);
}

static void test_spec_stable_above_and_held_within(void **state)
{
    (void)state;
    /* 稳定在…以上 / 控制在…以内: the reach word sets no comparison, the
     * qualifier after the number does. */
    expect_val("稳定在95%以上", ZB_CMP_GE, 95, 1);
    expect_val("控制在4.5%以内", ZB_CMP_LE, 4.5, 1);
    expect_val("保持在100%", ZB_CMP_EQ, 100, 1);
}

static void test_spec_aspirational_keeps_the_number(void **state)
{
    (void)state;
    zb_spec s = parse_ok("力争5%");
    assert_int_equal(s.form, ZB_SPEC_VALUE);
    assert_true(s.aspirational);
    assert_true(s.percent);
    ZBT_NEAR(s.value, 5, 0);
    s = parse_ok("力争达到8%以上");
    assert_true(s.aspirational);
    assert_int_equal(s.cmp, ZB_CMP_GE);
}

static void expect_range(const char *text, double lo, double hi, int percent)
{
    zb_spec s = parse_ok(text);
    if (s.form != ZB_SPEC_RANGE || s.value != lo || s.value2 != hi || s.percent != percent)
        fail_msg("'%s': form %s %g..%g percent %d; expected range %g..%g", text, zb_spec_form_name(s.form), s.value,
                 s.value2, s.percent, lo, hi);
}

static void test_spec_ranges_with_every_separator(void **state)
{
    (void)state;
    expect_range("5-6", 5, 6, 0);
    expect_range("5～6", 5, 6, 0);   /* full-width tilde */
    expect_range("5~6", 5, 6, 0);
    expect_range("5至6", 5, 6, 0);
    expect_range("5%-6%", 5, 6, 1);
    expect_range("5-6%", 5, 6, 1);
    expect_range("6-5", 5, 6, 0);    /* written high to low: kept low..high */
    zb_spec s = parse_ok("力争5-6%");
    assert_true(s.aspirational);
    assert_true(zb_spec_is_numeric(&s));
}

static void test_spec_ratio_parts_in_order(void **state)
{
    (void)state;
    zb_spec s = parse_ok("15.8:25:59.2");
    assert_int_equal(s.form, ZB_SPEC_RATIO);
    assert_int_equal(s.nparts, 3);
    ZBT_NEAR(s.parts[0], 15.8, 0);
    ZBT_NEAR(s.parts[1], 25, 0);
    ZBT_NEAR(s.parts[2], 59.2, 0);
    assert_false(zb_spec_is_numeric(&s));
    /* Full-width digits, point and colon, as a spreadsheet may hold them. */
    s = parse_ok("１８．７：２５．５：５５．８");
    assert_int_equal(s.form, ZB_SPEC_RATIO);
    assert_int_equal(s.nparts, 3);
    ZBT_NEAR(s.parts[0], 18.7, 0);
    ZBT_NEAR(s.parts[2], 55.8, 0);
}

static void test_spec_permille_and_percent_are_marked(void **state)
{
    (void)state;
    zb_spec s = parse_ok("4‰以内");
    assert_int_equal(s.form, ZB_SPEC_VALUE);
    assert_true(s.permille);
    assert_false(s.percent);
    assert_int_equal(s.cmp, ZB_CMP_LE);
    ZBT_NEAR(s.value, 4, 0);
}

static void test_spec_changes_carry_their_sign(void **state)
{
    (void)state;
    zb_spec s = parse_ok("提高2个百分点");
    assert_int_equal(s.form, ZB_SPEC_CHANGE_PP);
    ZBT_NEAR(s.value, 2, 0);
    s = parse_ok("下降1.5个百分点左右");
    assert_int_equal(s.form, ZB_SPEC_CHANGE_PP);
    ZBT_NEAR(s.value, -1.5, 0);
    assert_int_equal(s.cmp, ZB_CMP_ABOUT);
    s = parse_ok("下降13.5%");
    assert_int_equal(s.form, ZB_SPEC_CHANGE_PCT);
    ZBT_NEAR(s.value, -13.5, 0);
    assert_true(s.percent);
    s = parse_ok("累计下降13.5%左右");
    assert_int_equal(s.form, ZB_SPEC_CHANGE_PCT);
    ZBT_NEAR(s.value, -13.5, 0);
    assert_int_equal(s.cmp, ZB_CMP_ABOUT);
    s = parse_ok("增长8%");
    assert_int_equal(s.form, ZB_SPEC_CHANGE_PCT);
    ZBT_NEAR(s.value, 8, 0);
    /* A reach word is not a change: 提高到 60% is the level 60. */
    expect_val("提高到60%", ZB_CMP_EQ, 60, 1);
    /* An absolute change with a unit is kept as text, not misread as %. */
    s = parse_ok("增加2万人");
    assert_int_equal(s.form, ZB_SPEC_TEXT);
}

static void test_spec_doubling(void **state)
{
    (void)state;
    zb_spec s = parse_ok("翻一番");
    assert_int_equal(s.form, ZB_SPEC_MULTIPLE);
    ZBT_NEAR(s.value, 2, 0);
    s = parse_ok("翻两番");
    ZBT_NEAR(s.value, 4, 0);
    s = parse_ok("力争翻一番");
    assert_int_equal(s.form, ZB_SPEC_MULTIPLE);
    assert_true(s.aspirational);
    s = parse_ok("翻一番多");
    assert_int_equal(s.form, ZB_SPEC_TEXT);
}

static void test_spec_no_target_empty_and_free_text(void **state)
{
    (void)state;
    assert_int_equal(parse_ok("——").form, ZB_SPEC_NONE);
    assert_int_equal(parse_ok("—").form, ZB_SPEC_NONE);
    assert_int_equal(parse_ok("－－").form, ZB_SPEC_NONE); /* full-width hyphens fold to -- */
    assert_int_equal(parse_ok("").form, ZB_SPEC_EMPTY);
    assert_int_equal(parse_ok("  ").form, ZB_SPEC_EMPTY);
    zb_spec s;
    assert_int_equal(zb_spec_parse(NULL, &s, NULL, 0, NULL), 0);
    assert_int_equal(s.form, ZB_SPEC_EMPTY);
    const char *text = "控制在国家下达的指标范围内";
    s = parse_ok(text);
    assert_int_equal(s.form, ZB_SPEC_TEXT);
    assert_ptr_equal(s.text, text); /* the original, not a copy */
    assert_int_equal(s.cmp, ZB_CMP_EQ);
    ZBT_NEAR(s.value, 0, 0);
    assert_false(zb_spec_is_numeric(&s));
    assert_int_equal(parse_ok("衔接国家规划目标").form, ZB_SPEC_TEXT);
    /* A number followed by more words is text too, not a truncated number. */
    assert_int_equal(parse_ok("95%以上，力争100%").form, ZB_SPEC_TEXT);
}

static void test_spec_malformed_number_reports_its_column(void **state)
{
    (void)state;
    zb_spec s;
    char err[256];
    size_t col = 0;
    zb_lang_set(ZB_LANG_EN);
    /* 4..03: the second point is the third character. */
    assert_int_equal(zb_spec_parse("4..03", &s, err, sizeof err, &col), -1);
    assert_int_equal(col, 3);
    assert_non_null(strstr(err, "4..03"));
    assert_non_null(strstr(err, "second decimal point"));
    /* 力争 is two characters: the bad point moves to column 5. */
    assert_int_equal(zb_spec_parse("力争4..03", &s, err, sizeof err, &col), -1);
    assert_int_equal(col, 5);
    /* Full-width: columns count characters, not bytes. */
    assert_int_equal(zb_spec_parse("４．．０３以内", &s, err, sizeof err, &col), -1);
    assert_int_equal(col, 3);
    assert_non_null(strstr(err, "４．．０３以内")); /* the message quotes the text as given */
    /* In the second part of a range or a ratio. */
    assert_int_equal(zb_spec_parse("5-6..5", &s, err, sizeof err, &col), -1);
    assert_int_equal(col, 5);
    assert_int_equal(zb_spec_parse("15.8:2..5:59.2", &s, err, sizeof err, &col), -1);
    assert_int_equal(col, 8);
    zb_lang_set(ZB_LANG_ZH);
    assert_int_equal(zb_spec_parse("4..03", &s, err, sizeof err, &col), -1);
    assert_non_null(strstr(err, "多余的小数点"));
}

static void test_spec_a_range_without_an_end_is_malformed(void **state)
{
    (void)state;
    zb_spec s;
    char err[256];
    size_t col = 0;
    zb_lang_set(ZB_LANG_EN);
    /* "5-" once read as 5 with the unit "-": the separator is column 2. */
    assert_int_equal(zb_spec_parse("5-", &s, err, sizeof err, &col), -1);
    assert_int_equal(col, 2);
    assert_non_null(strstr(err, "no upper end"));
    /* The full-width ～ folds to ~: still a range without its end. */
    assert_int_equal(zb_spec_parse("5～", &s, err, sizeof err, &col), -1);
    assert_int_equal(col, 2);
    assert_int_equal(zb_spec_parse("5~%", &s, err, sizeof err, &col), -1);
    assert_int_equal(zb_spec_parse("50-以上", &s, err, sizeof err, &col), -1);
    assert_int_equal(col, 3);
    /* "至6": the lower end is missing; the separator is column 1. */
    assert_int_equal(zb_spec_parse("至6", &s, err, sizeof err, &col), -1);
    assert_int_equal(col, 1);
    assert_non_null(strstr(err, "no lower end"));
    assert_int_equal(zb_spec_parse("~6%", &s, err, sizeof err, &col), -1);
    assert_int_equal(col, 1);
    /* "5.." is a malformed number at its second point (column 3). */
    assert_int_equal(zb_spec_parse("5..", &s, err, sizeof err, &col), -1);
    assert_int_equal(col, 3);
    /* Documented readings, not errors: "-" alone is no target, a leading
     * '-' is a sign, "到2025年…" is words, full-width forms fold. */
    assert_int_equal(parse_ok("-").form, ZB_SPEC_NONE);
    expect_val("-6", ZB_CMP_EQ, -6, 0);
    assert_int_equal(parse_ok("到2025年全面建成").form, ZB_SPEC_TEXT);
    expect_val("５０％以上", ZB_CMP_GE, 50, 1);
    zb_lang_set(ZB_LANG_ZH);
    assert_int_equal(zb_spec_parse("5-", &s, err, sizeof err, &col), -1);
    assert_non_null(strstr(err, "区间缺少上限"));
}

static void test_spec_text_that_begins_as_a_number_says_where_it_stops(void **state)
{
    (void)state;
    /* 1x2: the x (column 2) is where it stops reading as a number. */
    zb_spec s = parse_ok("1x2");
    assert_int_equal(s.form, ZB_SPEC_TEXT);
    assert_int_equal(s.text_col, 2);
    /* After a qualifier: the full-width comma is column 6. */
    assert_int_equal(parse_ok("95%以上，力争100%").text_col, 6);
    /* Words from the start, and numbers that read, have none. */
    assert_int_equal(parse_ok("衔接国家规划目标").text_col, 0);
    assert_int_equal(parse_ok("10左右").text_col, 0);
}

static void test_spec_with_unit_adds_the_unit_only_where_missing(void **state)
{
    (void)state;
    char buf[96];
    zb_lang_set(ZB_LANG_ZH);
    zb_spec s = parse_ok("4.2以内");
    /* Not "4.2以内%": after a qualifier, the unit in brackets. */
    assert_string_equal(zb_spec_with_unit(&s, "%", buf, sizeof buf), "4.2以内（%）");
    s = parse_ok("800");
    assert_string_equal(zb_spec_with_unit(&s, "亿元", buf, sizeof buf), "800亿元");
    s = parse_ok("4.2%以内"); /* carries its unit */
    assert_string_equal(zb_spec_with_unit(&s, "%", buf, sizeof buf), "4.2%以内");
    s = parse_ok("6.8万人以上");
    assert_string_equal(zb_spec_with_unit(&s, "万人", buf, sizeof buf), "6.8万人以上");
    s = parse_ok("衔接国家规划目标");
    assert_string_equal(zb_spec_with_unit(&s, "‰", buf, sizeof buf), "衔接国家规划目标");
    s = parse_ok("5-6");
    assert_string_equal(zb_spec_with_unit(&s, "%", buf, sizeof buf), "5-6%");
    zb_lang_set(ZB_LANG_EN);
    s = parse_ok("4.2以内");
    assert_string_equal(zb_spec_with_unit(&s, "%", buf, sizeof buf), "4.2以内 (%)");
    zb_lang_set(ZB_LANG_ZH);
}

static void test_spec_full_width_input_is_normalised(void **state)
{
    (void)state;
    zb_spec s = parse_ok("８００亿元");
    assert_int_equal(s.form, ZB_SPEC_VALUE);
    ZBT_NEAR(s.value, 800, 0);
    assert_string_equal(s.unit, "亿元");
    expect_val("６０％以上", ZB_CMP_GE, 60, 1);
    expect_val("　10左右　", ZB_CMP_ABOUT, 10, 0); /* ideographic spaces */
}

static void test_spec_units_after_the_number(void **state)
{
    (void)state;
    zb_spec s = parse_ok("150万人以上");
    assert_int_equal(s.cmp, ZB_CMP_GE);
    assert_string_equal(s.unit, "万人");
    s = parse_ok("800亿元 以上");
    assert_string_equal(s.unit, "亿元"); /* the space before the qualifier is not part of it */
    assert_int_equal(s.cmp, ZB_CMP_GE);
    s = parse_ok("7公里/平方公里");
    assert_string_equal(s.unit, "公里/平方公里");
}

static double scale(const char *text, const char *unit)
{
    zb_spec s = parse_ok(text);
    return zb_spec_unit_scale(&s, unit);
}

static void test_spec_unit_scale_between_multipliers(void **state)
{
    (void)state;
    ZBT_NEAR(scale("7000亿元", "亿元"), 1, 0);
    ZBT_NEAR(scale("5000", "万元"), 1, 0);     /* no unit written: the indicator's */
    ZBT_NEAR(scale("150万人", "人"), 1e4, 0);
    ZBT_NEAR(scale("2.5万元", "元"), 1e4, 0);
    ZBT_NEAR(scale("3亿元", "万元"), 1e4, 0);  /* 1e8 / 1e4 */
    ZBT_NEAR(scale("3000万元", "亿元"), 1e-4, 1e-18);
    ZBT_NEAR(scale("0.05人", "人/亿元"), 1, 0); /* the counted thing, per the indicator's base */
    ZBT_NEAR(scale("60%", "%"), 1, 0);
    ZBT_NEAR(scale("60%", ""), 1, 0);
    ZBT_NEAR(scale("60%", "亿元"), 0, 0);      /* a share for an amount: a slip */
    ZBT_NEAR(scale("4‰", "%"), 0, 0);
    ZBT_NEAR(scale("10.8年", "岁"), 0, 0);
}

static void test_spec_format_makes_the_unit_explicit(void **state)
{
    (void)state;
    char buf[64];
    zb_spec s = parse_ok("10左右");
    zb_lang_set(ZB_LANG_ZH);
    assert_string_equal(zb_spec_format(&s, ZB_SPEC_AS_PERCENT, buf, sizeof buf), "10%左右");
    assert_string_equal(zb_spec_format(&s, ZB_SPEC_AS_WRITTEN, buf, sizeof buf), "10左右");
    s = parse_ok("0.68");
    assert_string_equal(zb_spec_format(&s, ZB_SPEC_AS_POINTS, buf, sizeof buf), "+0.68点");
    s = parse_ok("力争8%以上");
    assert_string_equal(zb_spec_format(&s, ZB_SPEC_AS_PERCENT, buf, sizeof buf), "力争8%以上");
    s = parse_ok("——");
    assert_string_equal(zb_spec_format(&s, ZB_SPEC_AS_PERCENT, buf, sizeof buf), "");
    zb_lang_set(ZB_LANG_EN);
    s = parse_ok("9.5左右");
    assert_string_equal(zb_spec_format(&s, ZB_SPEC_AS_PERCENT, buf, sizeof buf), "about 9.5%");
    s = parse_ok("4.2以内");
    assert_string_equal(zb_spec_format(&s, ZB_SPEC_AS_POINTS, buf, sizeof buf), "at most +4.2 pt");
    zb_lang_set(ZB_LANG_ZH);
    /* A stated pace of an indicator not in %: its unit a year, not 点. */
    s = parse_ok("0.005以内");
    assert_string_equal(zb_spec_format_pace(&s, 0, "人/亿元", buf, sizeof buf), "+0.005 人/亿元/年以内");
    s = parse_ok("0.1");
    assert_string_equal(zb_spec_format_pace(&s, 0, "‰", buf, sizeof buf), "+0.1千分点");
    assert_string_equal(zb_spec_format_pace(&s, 0, "%", buf, sizeof buf), "+0.1点");
    assert_string_equal(zb_spec_format_pace(&s, 1, "亿元", buf, sizeof buf), "0.1%");
}

static void test_spec_names_and_symbols(void **state)
{
    (void)state;
    assert_string_equal(zb_cmp_symbol(ZB_CMP_ABOUT), "≈");
    assert_string_equal(zb_cmp_symbol(ZB_CMP_GE), "≥");
    assert_string_equal(zb_cmp_symbol(ZB_CMP_LE), "≤");
    assert_string_equal(zb_cmp_symbol(ZB_CMP_EQ), "=");
    assert_string_equal(zb_spec_form_name(ZB_SPEC_CHANGE_PP), "change_pp");
    assert_string_equal(zb_spec_form_name(ZB_SPEC_TEXT), "text");
    assert_string_equal(zb_spec_form_name((zb_spec_form)99), "?");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_spec_plain_number_is_an_equal_value),
        cmocka_unit_test(test_spec_about_at_least_at_most_qualifiers),
        cmocka_unit_test(test_spec_stable_above_and_held_within),
        cmocka_unit_test(test_spec_aspirational_keeps_the_number),
        cmocka_unit_test(test_spec_ranges_with_every_separator),
        cmocka_unit_test(test_spec_ratio_parts_in_order),
        cmocka_unit_test(test_spec_permille_and_percent_are_marked),
        cmocka_unit_test(test_spec_changes_carry_their_sign),
        cmocka_unit_test(test_spec_doubling),
        cmocka_unit_test(test_spec_no_target_empty_and_free_text),
        cmocka_unit_test(test_spec_malformed_number_reports_its_column),
        cmocka_unit_test(test_spec_a_range_without_an_end_is_malformed),
        cmocka_unit_test(test_spec_text_that_begins_as_a_number_says_where_it_stops),
        cmocka_unit_test(test_spec_with_unit_adds_the_unit_only_where_missing),
        cmocka_unit_test(test_spec_full_width_input_is_normalised),
        cmocka_unit_test(test_spec_units_after_the_number),
        cmocka_unit_test(test_spec_unit_scale_between_multipliers),
        cmocka_unit_test(test_spec_format_makes_the_unit_explicit),
        cmocka_unit_test(test_spec_names_and_symbols),
    };
    return cmocka_run_group_tests_name("zb_spec", tests, NULL, NULL);
}
