/* zb_namematch: indicator names as bureaus type them, matched to codes. */
#include "zb_test.h"

#include "zb_namematch.h"

static void key_is(const char *name, int strip, const char *unit, const char *want)
{
    char *k = zb_name_key(name, strip, unit);
    assert_non_null(k);
    assert_string_equal(k, want);
    free(k);
}

static void test_namematch_key_folds_full_width_forms_case_and_spaces(void **state)
{
    (void)state;
    /* （ＧＤＰ） -> (gdp); the ideographic space and ASCII spaces go. */
    key_is("地区生产总值（ＧＤＰ）", 0, NULL, "地区生产总值(gdp)");
    key_is(" 森林\xE3\x80\x80覆盖 率 ", 0, NULL, "森林覆盖率");
    key_is("“城镇化率”", 0, NULL, "城镇化率");
}

static void test_namematch_key_makes_every_bracket_a_parenthesis(void **state)
{
    (void)state;
    key_is("人口【万人】", 0, NULL, "人口(万人)");
    key_is("人口〔万人〕", 0, NULL, "人口(万人)");
}

static void test_namematch_stripped_key_drops_brackets_and_units(void **state)
{
    (void)state;
    key_is("常住人口城镇化率(%)", 1, NULL, "常住人口城镇化率");
    key_is("常住人口城镇化率%", 1, NULL, "常住人口城镇化率");
    key_is("地区生产总值（亿元）", 1, NULL, "地区生产总值");
    key_is("森林蓄积量万立方", 1, "万立方", "森林蓄积量");
    /* A name that is only its unit keeps it. */
    key_is("万立方", 1, "万立方", "万立方");
}

static void test_namematch_distance_counts_characters_not_bytes(void **state)
{
    (void)state;
    /* 城镇居民可支配收入 -> 城镇常住居民人均可支配收入: insert 常住 and 人均 = 4. */
    assert_int_equal(zb_name_distance("城镇居民可支配收入", "城镇常住居民人均可支配收入"), 4);
    assert_int_equal(zb_name_distance("地区生产总直", "地区生产总值"), 1);
    assert_int_equal(zb_name_distance("", "七星"), 2);
    assert_int_equal(zb_name_distance("abc", "abc"), 0);
}

static zb_namematch *sample(void)
{
    zb_namematch *m = zb_namematch_new();
    assert_non_null(m);
    assert_int_equal(zb_namematch_add(m, "地区生产总值(GDP)", 0), 0);
    assert_int_equal(zb_namematch_add(m, "常住人口城镇化率", 1), 0);
    assert_int_equal(zb_namematch_add(m, "城镇常住居民人均可支配收入", 2), 0);
    assert_int_equal(zb_namematch_add(m, "常住人口(万人)", 3), 0);
    assert_int_equal(zb_namematch_add(m, "常住人口(%)", 4), 0);
    assert_int_equal(zb_namematch_add(m, "地区生产总值GDP(亿元)", 0), 0); /* an alias of 0 */
    return m;
}

static void test_namematch_finds_a_name_written_differently(void **state)
{
    (void)state;
    zb_namematch *m = sample();
    assert_int_equal(zb_namematch_find(m, "地区生产总值（GDP）", NULL, NULL, 0, NULL), 0);
    assert_int_equal(zb_namematch_find(m, "地区生产总值", "亿元", NULL, 0, NULL), 0);
    assert_int_equal(zb_namematch_find(m, "常住人口城镇化率(%)", "%", NULL, 0, NULL), 1);
    assert_int_equal(zb_namematch_find(m, "地区生产总值GDP(亿元)", NULL, NULL, 0, NULL), 0);
    zb_namematch_free(m);
}

static void test_namematch_reports_an_ambiguous_name_with_its_candidates(void **state)
{
    (void)state;
    zb_namematch *m = sample();
    long ids[4];
    size_t n = 0;
    /* 常住人口 stripped fits 常住人口(万人) and 常住人口(%). */
    assert_int_equal(zb_namematch_find(m, "常住人口", NULL, ids, 4, &n), ZB_MATCH_AMBIGUOUS);
    assert_int_equal(n, 2);
    assert_int_equal(ids[0], 3);
    assert_int_equal(ids[1], 4);
    /* Written in full, it is one of them. */
    assert_int_equal(zb_namematch_find(m, "常住人口（万人）", NULL, ids, 4, &n), 3);
    zb_namematch_free(m);
}

static void test_namematch_does_not_guess(void **state)
{
    (void)state;
    zb_namematch *m = sample();
    assert_int_equal(zb_namematch_find(m, "地区生产总直", NULL, NULL, 0, NULL), ZB_MATCH_NONE);
    assert_int_equal(zb_namematch_find(m, "城镇居民可支配收入", NULL, NULL, 0, NULL), ZB_MATCH_NONE);
    assert_int_equal(zb_namematch_find(m, "", NULL, NULL, 0, NULL), ZB_MATCH_NONE);
    zb_namematch_free(m);
}

static void test_namematch_suggests_the_nearest_names(void **state)
{
    (void)state;
    zb_namematch *m = sample();
    long ids[3];
    const char *names[3];
    /* One character off: gdp, by its nearer name. */
    size_t n = zb_namematch_suggest(m, "地区生产总直", NULL, ids, names, 3);
    assert_true(n >= 1);
    assert_int_equal(ids[0], 0);
    /* Words left out: 4 edits, beyond a third of 9 characters, but all the
     * characters are there in order. */
    n = zb_namematch_suggest(m, "城镇居民可支配收入", NULL, ids, names, 3);
    assert_int_equal(n, 1);
    assert_int_equal(ids[0], 2);
    assert_string_equal(names[0], "城镇常住居民人均可支配收入");
    /* Nothing like it. */
    assert_int_equal(zb_namematch_suggest(m, "公路通车里程", NULL, ids, names, 3), 0);
    zb_namematch_free(m);
}

static void test_namematch_lists_an_id_once_however_many_names_it_has(void **state)
{
    (void)state;
    zb_namematch *m = sample();
    long ids[3];
    size_t n = zb_namematch_suggest(m, "地区生产总值GD", NULL, ids, NULL, 3);
    size_t zeros = 0;
    for (size_t i = 0; i < n; i++)
        zeros += ids[i] == 0;
    assert_int_equal(zeros, 1);
    zb_namematch_free(m);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_namematch_key_folds_full_width_forms_case_and_spaces),
        cmocka_unit_test(test_namematch_key_makes_every_bracket_a_parenthesis),
        cmocka_unit_test(test_namematch_stripped_key_drops_brackets_and_units),
        cmocka_unit_test(test_namematch_distance_counts_characters_not_bytes),
        cmocka_unit_test(test_namematch_finds_a_name_written_differently),
        cmocka_unit_test(test_namematch_reports_an_ambiguous_name_with_its_candidates),
        cmocka_unit_test(test_namematch_does_not_guess),
        cmocka_unit_test(test_namematch_suggests_the_nearest_names),
        cmocka_unit_test(test_namematch_lists_an_id_once_however_many_names_it_has),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
