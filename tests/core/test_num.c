/* zb_num: numbers as Chinese statistical documents print them. */
#include "zb_test.h"

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "zb_num.h"

static int setup_en(void **state)
{
    (void)state;
    zb_lang_set(ZB_LANG_EN);
    return 0;
}

static int teardown_lang(void **state)
{
    (void)state;
    zb_lang_set(ZB_LANG_ZH);
    return 0;
}

/* Parses s (NUL-terminated) and asserts OK with the value. */
static void num_ok(const char *s, unsigned flags, double want)
{
    double v = -12345.0;
    zb_num_error err = {0, ""};
    zb_num_status st = zb_num_parse(s, strlen(s), flags, &v, &err);
    if (st != ZB_NUM_OK)
        fail_msg("'%s': status %d, col %zu, %s", s, (int)st, err.col, err.message);
    assert_float_equal(v, want, 1e-9);
}

static void num_missing(const char *s)
{
    double v = 7.0;
    zb_num_status st = zb_num_parse(s, strlen(s), 0, &v, NULL);
    if (st != ZB_NUM_MISSING)
        fail_msg("'%s': status %d, expected missing", s, (int)st);
    assert_true(zb_num_is_missing_marker(s, strlen(s)));
    assert_float_equal(v, 7.0, 0.0); /* *out untouched */
}

/* Parses s and asserts BAD at col with needle in the (English) message. */
static void num_bad(const char *s, unsigned flags, size_t col, const char *needle)
{
    zb_lang_set(ZB_LANG_EN);
    double v = 7.0;
    zb_num_error err = {0, ""};
    zb_num_status st = zb_num_parse(s, strlen(s), flags, &v, &err);
    if (st != ZB_NUM_BAD)
        fail_msg("'%s': status %d, expected BAD", s, (int)st);
    if (err.col != col || !strstr(err.message, needle))
        fail_msg("'%s': col %zu \"%s\"; expected col %zu containing \"%s\"", s, err.col, err.message,
                 col, needle);
    assert_float_equal(v, 7.0, 0.0);
}

static void test_num_parses_plain_decimals(void **state)
{
    (void)state;
    num_ok("0", 0, 0.0);
    num_ok("290.58", 0, 290.58);
    num_ok("2020", 0, 2020.0);
    num_ok("0.001", 0, 0.001);
}

static void test_num_parses_negative_and_signed_numbers(void **state)
{
    (void)state;
    num_ok("-3", 0, -3.0);
    num_ok("-0.25", 0, -0.25);
    num_ok("+4.5", 0, 4.5);
    num_ok("\xE2\x88\x92" "2.5", 0, -2.5); /* U+2212 minus sign */
}

static void test_num_parses_fullwidth_digits(void **state)
{
    (void)state;
    num_ok("１２．５", 0, 12.5);
    num_ok("２０２０", 0, 2020.0);
}

static void test_num_parses_fullwidth_minus(void **state)
{
    (void)state;
    num_ok("－３", 0, -3.0);
    num_ok("－０．５", 0, -0.5);
}

static void test_num_parses_fullwidth_thousands_separator_and_percent(void **state)
{
    (void)state;
    num_ok("１，２３４．５", 0, 1234.5);
    num_ok("５５．３％", ZB_NUM_ALLOW_PERCENT, 55.3);
}

static void test_num_accepts_thousands_separators_in_groups_of_three(void **state)
{
    (void)state;
    num_ok("1,234.5", 0, 1234.5);
    num_ok("1,234,567", 0, 1234567.0);
    num_ok("-12,345", 0, -12345.0);
}

static void test_num_rejects_a_group_of_two_digits_after_a_separator(void **state)
{
    (void)state;
    num_bad("12,34", 0, 5, "thousands separator must be followed by three digits");
    num_bad("1,23.5", 0, 5, "thousands separator must be followed by three digits");
}

static void test_num_rejects_a_separator_after_more_than_three_digits(void **state)
{
    (void)state;
    num_bad("1234,567", 0, 5, "misplaced thousands separator");
    num_bad(",123", 0, 1, "misplaced thousands separator");
    num_bad("1.5,000", 0, 4, "misplaced thousands separator");
}

static void test_num_accepts_trailing_percent_only_when_allowed(void **state)
{
    (void)state;
    num_ok("55.3%", ZB_NUM_ALLOW_PERCENT, 55.3);
    num_bad("55.3%", 0, 5, "the indicator's unit is not %");
    num_bad("55.3%", ZB_NUM_ALLOW_PERMILLE, 5, "the indicator's unit is not %");
}

static void test_num_rejects_text_after_the_percent_sign(void **state)
{
    (void)state;
    num_bad("5%5", ZB_NUM_ALLOW_PERCENT, 3, "after the percent sign");
    num_bad("5%%", ZB_NUM_ALLOW_PERCENT, 3, "after the percent sign");
}

static void test_num_accepts_permille_only_when_allowed(void **state)
{
    (void)state;
    num_ok("5.2‰", ZB_NUM_ALLOW_PERMILLE, 5.2);
    num_bad("5.2‰", 0, 4, "the indicator's unit is not ‰");
    num_bad("5.2‰", ZB_NUM_ALLOW_PERCENT, 4, "the indicator's unit is not ‰");
}

static void test_num_reports_every_missing_marker_as_missing(void **state)
{
    (void)state;
    static const char *const markers[] = {
        "", "——", "—", "-", "--", "…", "……", "/", "NA", "N/A", "－", "  ", "　——　",
    };
    for (size_t i = 0; i < sizeof markers / sizeof markers[0]; i++)
        num_missing(markers[i]);
}

static void test_num_says_a_number_is_not_a_missing_marker(void **state)
{
    (void)state;
    assert_false(zb_num_is_missing_marker("0", 1));
    assert_false(zb_num_is_missing_marker("---", 3));
    assert_false(zb_num_is_missing_marker("NAN", 3));
}

static void test_num_reports_a_second_decimal_point_at_its_column(void **state)
{
    (void)state;
    num_bad("4..03", 0, 3, "a second decimal point");
    num_bad("1.2.3", 0, 4, "a second decimal point");
}

static void test_num_counts_columns_from_the_untrimmed_text(void **state)
{
    (void)state;
    /* Two ASCII spaces, then an ideographic space: the bad dot is the 6th
     * character of what the cell holds. */
    num_bad("  　4..03", 0, 6, "a second decimal point");
}

static void test_num_counts_columns_in_characters_not_bytes(void **state)
{
    (void)state;
    /* １２ are 3 bytes each; the stray ．is the 4th character. */
    num_bad("１２．．", 0, 4, "a second decimal point");
}

static void test_num_reports_1e400_as_out_of_range(void **state)
{
    (void)state;
    num_bad("1e400", 0, 1, "out of range");
    num_bad("-1e400", 0, 1, "out of range");
}

static void test_num_accepts_an_exponent_in_range(void **state)
{
    (void)state;
    num_ok("1.5e3", 0, 1500.0);
    num_ok("2E-2", 0, 0.02);
    num_bad("1e", 0, 2, "expected digits after the exponent");
}

static void test_num_rejects_nan_and_inf(void **state)
{
    (void)state;
    num_bad("nan", 0, 1, "'nan' is not a figure");
    num_bad("NaN", 0, 1, "'nan' is not a figure: leave a missing value empty or write ——");
    num_bad("inf", 0, 1, "'inf' is not a figure");
    num_bad("-inf", 0, 2, "'inf' is not a figure");
    num_bad(" +Infinity", 0, 3, "'infinity' is not a figure");
    num_bad("NULL", 0, 1, "'null' is not a figure");
    num_bad("Infinity", 0, 1, "'infinity' is not a figure");
    /* Only the whole cell: a word that merely starts like one is a plain
     * unexpected character. */
    num_bad("info", 0, 1, "unexpected 'i'");
}

static void test_num_names_excel_formula_errors(void **state)
{
    (void)state;
    num_bad("#DIV/0!", 0, 1, "'#DIV/0!' is an Excel formula error");
    num_bad(" #VALUE!", 0, 2, "'#VALUE!' is an Excel formula error");
    num_bad("#N/A", 0, 1, "'#N/A' is an Excel formula error");
    num_bad("#REF!", ZB_NUM_ALLOW_PERCENT, 1, "fix the formula in the spreadsheet");
    /* N/A without the # is the missing marker, not an error. */
    double v;
    assert_int_equal(zb_num_parse("N/A", 3, 0, &v, NULL), ZB_NUM_MISSING);
}

static void test_num_trims_spaces_including_ideographic_space(void **state)
{
    (void)state;
    num_ok("  12.5  ", 0, 12.5);
    num_ok("\t7\t", 0, 7.0);
    num_ok("　12.5　", 0, 12.5);
    num_ok("\xC2\xA0" "3" "\xC2\xA0", 0, 3.0); /* no-break spaces */
}

static void test_num_rejects_a_space_inside_a_number(void **state)
{
    (void)state;
    num_bad("1 234", 0, 2, "unexpected ' '");
}

static void test_num_rejects_a_long_digit_string(void **state)
{
    (void)state;
    char digits[101];
    memset(digits, '9', 100);
    digits[100] = '\0';
    num_bad(digits, 0, 65, "number too long");
}

static void test_num_accepts_sixty_four_digits(void **state)
{
    (void)state;
    char digits[65];
    memset(digits, '0', 64);
    digits[63] = '1';
    digits[64] = '\0';
    num_ok(digits, 0, 1.0);
}

static void test_num_never_reads_past_len(void **state)
{
    (void)state;
    /* The buffer goes on with junk and no NUL: only the first 4 bytes count. */
    const char buf[8] = {'1', '2', '.', '5', 'x', '.', '9', '9'};
    double v = 0;
    assert_int_equal(zb_num_parse(buf, 4, 0, &v, NULL), ZB_NUM_OK);
    assert_float_equal(v, 12.5, 1e-12);
    /* A cut inside a marker: "NA" of "NAx" is missing. */
    const char na[3] = {'N', 'A', 'x'};
    assert_int_equal(zb_num_parse(na, 2, 0, &v, NULL), ZB_NUM_MISSING);
    /* A cut inside a 3-byte character is a bad byte, not a read past len. */
    const char cut[3] = {'1', '\xEF', '\xBC'};
    assert_int_equal(zb_num_parse(cut, 2, 0, &v, NULL), ZB_NUM_BAD);
}

static void test_num_rejects_a_lone_sign_or_point(void **state)
{
    (void)state;
    num_bad("+", 0, 1, "expected a number, found only '+'");
    num_bad(".5", 0, 1, "expected a digit before the decimal point");
    num_bad("5.", 0, 2, "expected digits after the decimal point");
}

static void test_num_rejects_words_and_units(void **state)
{
    (void)state;
    num_bad("10左右", 0, 3, "unexpected '左'");
    num_bad("abc", 0, 1, "unexpected 'a'");
    num_bad("5-3", 0, 2, "unexpected '-'");
}

static void test_num_works_without_an_error_struct(void **state)
{
    (void)state;
    double v = 1.0;
    assert_int_equal(zb_num_parse("4..03", 5, 0, &v, NULL), ZB_NUM_BAD);
    assert_float_equal(v, 1.0, 0.0);
}

static void test_num_writes_messages_in_chinese_when_the_language_is_zh(void **state)
{
    (void)state;
    zb_lang_set(ZB_LANG_ZH);
    zb_num_error err;
    double v;
    assert_int_equal(zb_num_parse("4..03", 5, 0, &v, &err), ZB_NUM_BAD);
    assert_int_equal(err.col, 3);
    assert_non_null(strstr(err.message, "多余的小数点"));
    zb_lang_set(ZB_LANG_EN);
}

/* zb_num_plain must give exactly what strtod gives: random plain decimals
 * of 1 to 17 digits with 0 to 9 decimals (0.00123 when the decimals are more) (the forms bureaus print), both
 * signs, compared bit for bit. */
static void test_num_plain_rounds_like_strtod(void **state)
{
    (void)state;
    uint64_t x = 88172645463325252ull; /* xorshift64: a fixed sequence */
    for (int i = 0; i < 200000; i++) {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        int ndig = 1 + (int)(x % 17);
        int ndec = (int)((x >> 8) % 10);
        uint64_t m = (x >> 16) % 100000000000000000ull;
        char digits[32], text[48];
        snprintf(digits, sizeof digits, "%017llu", (unsigned long long)m);
        const char *d = digits + 17 - ndig;
        size_t n = 0;
        if ((x >> 60) & 1)
            text[n++] = '-';
        if (ndec < ndig) { /* 1234.56 */
            for (int k = 0; k < ndig - ndec; k++)
                text[n++] = d[k];
            if (ndec > 0)
                text[n++] = '.';
            for (int k = ndig - ndec; k < ndig; k++)
                text[n++] = d[k];
        } else { /* 0.00123 */
            text[n++] = '0';
            text[n++] = '.';
            for (int k = 0; k < ndec - ndig; k++)
                text[n++] = '0';
            for (int k = 0; k < ndig; k++)
                text[n++] = d[k];
        }
        text[n] = '\0';
        double fast = NAN, slow = strtod(text, NULL);
        if (!zb_num_plain(text, n, &fast))
            fail_msg("'%s' not taken by the fast path", text);
        if (memcmp(&fast, &slow, sizeof fast) != 0)
            fail_msg("'%s': fast %.17g, strtod %.17g", text, fast, slow);
        double viaparse = NAN;
        assert_int_equal(zb_num_parse(text, n, 0, &viaparse, NULL), ZB_NUM_OK);
        assert_memory_equal(&viaparse, &slow, sizeof slow);
    }
}

/* Values at the edges of the fast path: exact up to 2^53, hard cases of
 * decimal rounding; past its limits it declines and zb_num_parse still
 * gives strtod's value. */
static void test_num_plain_edges_and_declines(void **state)
{
    (void)state;
    static const char *const taken[] = {
        "0", "-0", "0.1", "0.3", "2.675", "1.005", "9007199254740992", "900719925474099.2", "00000000000000000000000012.5",
        "0.0000000000000000000001", "123456.7890123456", NULL};
    for (int i = 0; taken[i]; i++) {
        double v = NAN, want = strtod(taken[i], NULL);
        assert_true(zb_num_plain(taken[i], strlen(taken[i]), &v));
        assert_memory_equal(&v, &want, sizeof v);
    }
    /* Declined: 2^53 + 1 needs rounding of the integer itself, 19+ digits,
     * 23 decimals, exponents, signs, separators, spaces, full-width. */
    static const char *const declined[] = {
        "9007199254740993", "1234567890123456789", "12345678901234567890.5",
        "0.00000000000000000000001", "1e5", "+1", "1.", ".5", "1,234", " 1", "1 ",
        "\xEF\xBC\x91", "1.2.3", "-", "", "--1", "1%", NULL};
    for (int i = 0; declined[i]; i++) {
        double v = 42.0;
        assert_false(zb_num_plain(declined[i], strlen(declined[i]), &v));
        assert_true(v == 42.0); /* untouched */
    }
    static const char *const general[] = {"9007199254740993", "12345678901234567890.5",
                                          "0.00000000000000000000001", "1e5", "+1", NULL};
    for (int i = 0; general[i]; i++) {
        double v = NAN, want = strtod(general[i], NULL);
        assert_int_equal(zb_num_parse(general[i], strlen(general[i]), 0, &v, NULL), ZB_NUM_OK);
        assert_memory_equal(&v, &want, sizeof v);
    }
}

/* zb_num_format_exact: always reads back as the same double (checked on
 * sums of two-decimal figures, quotients and random bit patterns), and is
 * the short decimal where there is one. */
static void test_num_format_exact_reads_back_and_is_short(void **state)
{
    (void)state;
    static const struct { double v; const char *text; } shown[] = {
        {2181.5, "2181.5"}, {0.1, "0.1"}, {100, "100"}, {-3.25, "-3.25"}, {0, "0"},
        {393402.24, "393402.24"}, {0.1 + 0.2, "0.30000000000000004"}, {1e20, "1e+20"},
        {123456789012345.6, "123456789012345.6"}, {1234567890123456.8, "1234567890123456.8"}, {-0.000125, "-0.000125"},
        {1.0 / 3, "0.3333333333333333"}, {2.0 / 3, "0.6666666666666666"}, {100.0 / 7, "14.285714285714286"},
        {0.30000000000000004 / 3.75 * 100, "8.000000000000002"}, {1024, "1024"}, {0.0625, "0.0625"},
        {2251799813685248.5, "2251799813685248.5"}, {4503599627370496.5, "4503599627370496"}};
    char buf[64];
    for (size_t i = 0; i < sizeof shown / sizeof *shown; i++) {
        zb_num_format_exact(buf, sizeof buf, shown[i].v);
        assert_string_equal(buf, shown[i].text);
    }
    uint64_t x = 0x9E3779B97F4A7C15ull;
    for (int i = 0; i < 300000; i++) {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        double v;
        switch (i % 3) {
        case 0: { /* a sum of nine figures printed with two decimals */
            v = 0;
            for (int k = 0; k < 9; k++)
                v += (double)((x >> (k * 7)) % 100000000) / 100.0;
            break;
        }
        case 1: /* a ratio times 100 */
            v = (double)(x % 1000000 + 1) / (double)((x >> 20) % 1000000 + 1) * 100.0;
            break;
        default: /* any finite double */
            memcpy(&v, &x, sizeof v);
            if (!isfinite(v))
                v = 1.5;
            break;
        }
        zb_num_format_exact(buf, sizeof buf, v);
        size_t sig = 0;
        for (const char *c = buf; *c && *c != 'e'; c++)
            sig += *c >= '0' && *c <= '9' && (sig || *c != '0');
        if (sig > 17)
            fail_msg("%.17g written as '%s': more than 17 digits", v, buf);
        double back = strtod(buf, NULL);
        if (memcmp(&back, &v, sizeof v) != 0)
            fail_msg("%.17g written as '%s' reads back as %.17g", v, buf, back);
    }
    /* Too small a buffer: cut like snprintf, never overrun. */
    char small[4];
    assert_true(zb_num_format_exact(small, sizeof small, 2181.5) >= 4);
    assert_int_equal(small[3], '\0');
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_num_parses_plain_decimals),
        cmocka_unit_test(test_num_parses_negative_and_signed_numbers),
        cmocka_unit_test(test_num_parses_fullwidth_digits),
        cmocka_unit_test(test_num_parses_fullwidth_minus),
        cmocka_unit_test(test_num_parses_fullwidth_thousands_separator_and_percent),
        cmocka_unit_test(test_num_accepts_thousands_separators_in_groups_of_three),
        cmocka_unit_test(test_num_rejects_a_group_of_two_digits_after_a_separator),
        cmocka_unit_test(test_num_rejects_a_separator_after_more_than_three_digits),
        cmocka_unit_test(test_num_accepts_trailing_percent_only_when_allowed),
        cmocka_unit_test(test_num_rejects_text_after_the_percent_sign),
        cmocka_unit_test(test_num_accepts_permille_only_when_allowed),
        cmocka_unit_test(test_num_reports_every_missing_marker_as_missing),
        cmocka_unit_test(test_num_says_a_number_is_not_a_missing_marker),
        cmocka_unit_test(test_num_reports_a_second_decimal_point_at_its_column),
        cmocka_unit_test(test_num_counts_columns_from_the_untrimmed_text),
        cmocka_unit_test(test_num_counts_columns_in_characters_not_bytes),
        cmocka_unit_test(test_num_reports_1e400_as_out_of_range),
        cmocka_unit_test(test_num_accepts_an_exponent_in_range),
        cmocka_unit_test(test_num_rejects_nan_and_inf),
        cmocka_unit_test(test_num_names_excel_formula_errors),
        cmocka_unit_test(test_num_trims_spaces_including_ideographic_space),
        cmocka_unit_test(test_num_rejects_a_space_inside_a_number),
        cmocka_unit_test(test_num_rejects_a_long_digit_string),
        cmocka_unit_test(test_num_accepts_sixty_four_digits),
        cmocka_unit_test(test_num_never_reads_past_len),
        cmocka_unit_test(test_num_rejects_a_lone_sign_or_point),
        cmocka_unit_test(test_num_rejects_words_and_units),
        cmocka_unit_test(test_num_works_without_an_error_struct),
        cmocka_unit_test(test_num_plain_rounds_like_strtod),
        cmocka_unit_test(test_num_plain_edges_and_declines),
        cmocka_unit_test(test_num_format_exact_reads_back_and_is_short),
        cmocka_unit_test(test_num_writes_messages_in_chinese_when_the_language_is_zh),
    };
    return cmocka_run_group_tests_name("zb_num", tests, setup_en, teardown_lang);
}
