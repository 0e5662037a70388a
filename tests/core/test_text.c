/* zb_text: display widths, UTF-8 checks, escaping. */
#include "zb_test.h"

#include "zb_text.h"

static void test_text_counts_ascii_as_one_column_each(void **state)
{
    (void)state;
    assert_int_equal(zb_text_width("gdp 2020"), 8);
    assert_int_equal(zb_text_width(""), 0);
}

static void test_text_counts_chinese_as_two_columns(void **state)
{
    (void)state;
    assert_int_equal(zb_text_width("七星关区"), 8);
    assert_int_equal(zb_text_width("GDP（亿元）"), 3 + 8);
    assert_int_equal(zb_text_width("１２．５"), 8); /* full-width forms */
}

static void test_text_counts_combining_marks_as_zero_columns(void **state)
{
    (void)state;
    assert_int_equal(zb_text_width("e\xCC\x81"), 1); /* e + U+0301 */
}

static void test_text_counts_an_invalid_byte_as_one_column(void **state)
{
    (void)state;
    assert_int_equal(zb_text_width("a\xC6\xDF" "b"), 4);
}

static void test_text_measures_the_width_of_a_prefix_in_characters(void **state)
{
    (void)state;
    assert_int_equal(zb_text_width_prefix("七星关区", 2), 4);
    assert_int_equal(zb_text_width_prefix("ab七", 3), 4);
    assert_int_equal(zb_text_width_prefix("ab", 10), 2);
    assert_int_equal(zb_text_width_prefix("七星", 0), 0);
}

static void test_text_cuts_at_a_width_without_splitting_a_character(void **state)
{
    (void)state;
    assert_int_equal(zb_text_cut("七星关区", 4), 6);
    assert_int_equal(zb_text_cut("七星关区", 5), 6); /* 关 would need 7 */
    assert_int_equal(zb_text_cut("ab七", 3), 2);
    assert_int_equal(zb_text_cut("abc", 10), 3);
    assert_int_equal(zb_text_cut("七", 1), 0);
}

static void test_text_finds_the_first_invalid_utf8_byte(void **state)
{
    (void)state;
    const char *ok = "七星关区 gdp";
    assert_int_equal(zb_utf8_check(ok, strlen(ok)), strlen(ok));
    const char *gbk = "ab\xC6\xDF\xD0\xC7";
    assert_int_equal(zb_utf8_check(gbk, 6), 2);
    /* A character cut by len is invalid at its start. */
    assert_int_equal(zb_utf8_check("a七", 3), 1);
    /* Overlong and surrogate encodings are not UTF-8. */
    assert_int_equal(zb_utf8_check("\xC0\xAF", 2), 0);
    assert_int_equal(zb_utf8_check("\xED\xA0\x80", 3), 0);
}

static void test_text_counts_code_points(void **state)
{
    (void)state;
    assert_int_equal(zb_utf8_chars("七星关区", strlen("七星关区")), 4);
    assert_int_equal(zb_utf8_chars("a七b", 5), 3);
    assert_int_equal(zb_utf8_chars("七星", 4), 2); /* the lead byte of 星 starts one */
    assert_int_equal(zb_utf8_chars("", 0), 0);
}

static void test_text_escapes_control_characters_and_invalid_bytes(void **state)
{
    (void)state;
    char *e = zb_text_escape_controls("a\tb\x1b[31m\x07七\xC6");
    assert_string_equal(e, "a\\tb\\x1b[31m\\x07七\\xc6");
    free(e);
    e = zb_text_escape_controls("plain 七星");
    assert_string_equal(e, "plain 七星");
    free(e);
    e = zb_text_escape_controls("\x7f\r\n");
    assert_string_equal(e, "\\x7f\\x0d\\x0a");
    free(e);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_text_counts_ascii_as_one_column_each),
        cmocka_unit_test(test_text_counts_chinese_as_two_columns),
        cmocka_unit_test(test_text_counts_combining_marks_as_zero_columns),
        cmocka_unit_test(test_text_counts_an_invalid_byte_as_one_column),
        cmocka_unit_test(test_text_measures_the_width_of_a_prefix_in_characters),
        cmocka_unit_test(test_text_cuts_at_a_width_without_splitting_a_character),
        cmocka_unit_test(test_text_finds_the_first_invalid_utf8_byte),
        cmocka_unit_test(test_text_counts_code_points),
        cmocka_unit_test(test_text_escapes_control_characters_and_invalid_bytes),
    };
    return cmocka_run_group_tests_name("zb_text", tests, NULL, NULL);
}
