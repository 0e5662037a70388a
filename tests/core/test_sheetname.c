/* zb_sheetname: worksheet names that Excel accepts. */
#include "zb_test.h"

#include "zb_sheetname.h"

static void name_of(const char *in, const char *const *taken, size_t n, const char *want)
{
    char out[ZB_SHEET_NAME_BYTES];
    assert_int_equal(zb_sheet_name(in, taken, n, out, sizeof out), 0);
    assert_string_equal(out, want);
}

static void test_sheetname_keeps_a_valid_chinese_name(void **state)
{
    (void)state;
    name_of("规划实施监测", NULL, 0, "规划实施监测");
}

static void test_sheetname_replaces_forbidden_characters_by_full_width_forms(void **state)
{
    (void)state;
    /* : / ? * [ ] \ -> ： ／ ？ ＊ ［ ］ ＼ */
    name_of("指标:2020/2025?*[a]\\", NULL, 0, "指标：2020／2025？＊［a］＼");
}

static void test_sheetname_cuts_at_31_characters_not_bytes(void **state)
{
    (void)state;
    /* 40 Chinese characters (120 bytes): the first 31 stay. */
    char in[200] = "", want[200] = "";
    for (int i = 0; i < 40; i++) {
        strcat(in, "指");
        if (i < 31)
            strcat(want, "指");
    }
    name_of(in, NULL, 0, want);
    /* A replaced character counts as one character though it grows to 3 bytes. */
    name_of("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaa::", NULL, 0, "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaa：");
}

static void test_sheetname_counts_a_character_outside_the_bmp_as_two_units(void **state)
{
    (void)state;
    /* 30 x "a" + U+20000 (a surrogate pair in UTF-16: 2 units) = 32 > 31: dropped. */
    name_of("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\xF0\xA0\x80\x80", NULL, 0, "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaa");
    name_of("aaaaaaaaaaaaaaaaaaaaaaaaaaaaa\xF0\xA0\x80\x80", NULL, 0, "aaaaaaaaaaaaaaaaaaaaaaaaaaaaa\xF0\xA0\x80\x80");
}

static void test_sheetname_removes_apostrophes_at_either_end(void **state)
{
    (void)state;
    name_of("'汇总'", NULL, 0, "汇总");
    name_of("县'区", NULL, 0, "县'区");
}

static void test_sheetname_gives_a_name_to_an_empty_one(void **state)
{
    (void)state;
    name_of("", NULL, 0, "Sheet");
    name_of("''", NULL, 0, "Sheet");
    name_of(NULL, NULL, 0, "Sheet");
}

static void test_sheetname_avoids_the_reserved_history(void **state)
{
    (void)state;
    name_of("history", NULL, 0, "History_");
}

static void test_sheetname_replaces_control_characters_and_bad_bytes(void **state)
{
    (void)state;
    name_of("a\tb\xC6" "c", NULL, 0, "a_b_c");
}

static void test_sheetname_numbers_a_clash_ignoring_ascii_case(void **state)
{
    (void)state;
    const char *taken[] = {"Summary", "概要", "概要 (2)"};
    name_of("summary", taken, 3, "summary (2)");
    name_of("概要", taken, 3, "概要 (3)");
}

static void test_sheetname_cuts_the_base_so_the_number_fits(void **state)
{
    (void)state;
    /* 31 characters taken; the clash becomes 27 + " (2)" (4) = 31. */
    const char *taken[] = {"一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十一"};
    name_of(taken[0], taken, 1, "一二三四五六七八九十一二三四五六七八九十一二三四五六七 (2)");
}

static void test_sheetname_refuses_a_small_buffer(void **state)
{
    (void)state;
    char out[8];
    assert_int_equal(zb_sheet_name("abc", NULL, 0, out, sizeof out), -1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_sheetname_keeps_a_valid_chinese_name),
        cmocka_unit_test(test_sheetname_replaces_forbidden_characters_by_full_width_forms),
        cmocka_unit_test(test_sheetname_cuts_at_31_characters_not_bytes),
        cmocka_unit_test(test_sheetname_counts_a_character_outside_the_bmp_as_two_units),
        cmocka_unit_test(test_sheetname_removes_apostrophes_at_either_end),
        cmocka_unit_test(test_sheetname_gives_a_name_to_an_empty_one),
        cmocka_unit_test(test_sheetname_avoids_the_reserved_history),
        cmocka_unit_test(test_sheetname_replaces_control_characters_and_bad_bytes),
        cmocka_unit_test(test_sheetname_numbers_a_clash_ignoring_ascii_case),
        cmocka_unit_test(test_sheetname_cuts_the_base_so_the_number_fits),
        cmocka_unit_test(test_sheetname_refuses_a_small_buffer),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
