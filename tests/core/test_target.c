/* zb_target: plan targets, kept as printed, and their loading rules. */
#include "zb_test.h"

#include <math.h>

#include "zb_target.h"

#define TARGET_HEADER                                                                         \
    "plan,plan_name,region,indicator,base_year,base_text,base_value,target_year,target_text," \
    "growth_text,achieved_text,attribute,source,note\n"

/* Column indexes in TARGET_HEADER. */
enum { C_PLAN, C_PLAN_NAME, C_REGION, C_INDICATOR, C_BASE_YEAR, C_BASE_TEXT, C_BASE_VALUE,
       C_TARGET_YEAR, C_TARGET_TEXT, C_GROWTH_TEXT, C_ACHIEVED_TEXT, C_ATTRIBUTE, C_SOURCE, C_NOTE };

/* Writes TARGET_HEADER + rows to a scratch targets file and loads it into
 * the fixture; returns the error count. */
static size_t load_targets(zbt_fixture *f, const char *rows)
{
    char path[512];
    size_t n = strlen(TARGET_HEADER) + strlen(rows);
    char *text = malloc(n + 1);
    assert_non_null(text);
    strcpy(text, TARGET_HEADER);
    strcat(text, rows);
    zbt_write_str(zbt_path(path, zbt_fixture_tmp(f), "t.targets.csv"), text);
    free(text);
    return zbt_load_path(f, path, NULL);
}

static const char *str(const zbt_fixture *f, uint32_t id) { return zb_ds_str(f->ds, id); }

/* ---- the store ---- */

static void test_target_add_copies_and_find_matches_all_four_keys(void **state)
{
    (void)state;
    zb_targets ts;
    zb_targets_init(&ts);
    zb_target t;
    memset(&t, 0, sizeof t);
    t.plan = 3;
    t.region = 1;
    t.indicator = 2;
    t.target_year = 2025;
    t.base_value = NAN;
    assert_int_equal(zb_targets_add(&ts, &t), 0);
    t.target_year = 2035;
    assert_int_equal(zb_targets_add(&ts, &t), 1);
    t.target_year = 1999; /* the stored copies do not follow the caller's struct */
    assert_int_equal(ts.items[0].target_year, 2025);
    assert_int_equal(zb_targets_find(&ts, 3, 1, 2, 2025), 0);
    assert_int_equal(zb_targets_find(&ts, 3, 1, 2, 2035), 1);
    assert_int_equal(zb_targets_find(&ts, 4, 1, 2, 2025), -1);
    assert_int_equal(zb_targets_find(&ts, 3, 0, 2, 2025), -1);
    assert_int_equal(zb_targets_find(&ts, 3, 1, 0, 2025), -1);
    assert_int_equal(zb_targets_find(&ts, 3, 1, 2, 2030), -1);
    zb_targets_free(&ts);
    assert_int_equal(ts.count, 0);
}

static void test_target_store_grows_past_its_first_allocation(void **state)
{
    (void)state;
    zb_targets ts;
    zb_targets_init(&ts);
    zb_target t;
    memset(&t, 0, sizeof t);
    for (int i = 0; i < 200; i++) {
        t.indicator = i;
        assert_int_equal(zb_targets_add(&ts, &t), i);
    }
    assert_int_equal(zb_targets_find(&ts, 0, 0, 150, 0), 150);
    zb_targets_free(&ts);
}

/* ---- loading ---- */

static void test_target_keeps_texts_exactly_as_printed(void **state)
{
    zbt_fixture *f = *state;
    assert_int_equal(load_targets(f, "qxg-14fyp,七星关区“十四五”规划,520502,gdp,2020,500.06,,2025,800,"
                                     "10左右,——,,p.txt:12,\n"),
                     0);
    ZBT_EXPECT_CLEAN(f->diags);
    assert_int_equal(f->ds->targets.count, 1);
    const zb_target *t = &f->ds->targets.items[0];
    assert_string_equal(str(f, t->plan), "qxg-14fyp");
    assert_string_equal(str(f, t->plan_name), "七星关区“十四五”规划");
    assert_int_equal(t->region, zbt_region(f, "520502"));
    assert_int_equal(t->indicator, zbt_indicator(f, "gdp"));
    assert_int_equal(t->base_year, 2020);
    assert_int_equal(t->target_year, 2025);
    assert_string_equal(str(f, t->base_text), "500.06");
    assert_float_equal(t->base_value, 500.06, 1e-9);
    assert_int_equal(t->base_corrected, 0);
    assert_string_equal(str(f, t->target_text), "800");
    assert_string_equal(str(f, t->growth_text), "10左右");
    assert_string_equal(str(f, t->achieved_text), "——");
    assert_int_equal(t->attribute, ZB_ATTR_NONE);
    assert_string_equal(str(f, t->source), "p.txt:12");
    assert_int_equal(t->line, 2);
}

static void test_target_allows_a_missing_base(void **state)
{
    zbt_fixture *f = *state;
    assert_int_equal(load_targets(f, "p,,520502,urbanization_rate,,,,2025,60以上,,,,,\n"
                                     "p,,520521,gdp,2020,——,,2025,,,,,,\n"),
                     0);
    ZBT_EXPECT_CLEAN(f->diags);
    assert_int_equal(f->ds->targets.count, 2);
    assert_int_equal(f->ds->targets.items[0].base_year, 0);
    assert_true(isnan(f->ds->targets.items[0].base_value));
    assert_true(isnan(f->ds->targets.items[1].base_value));
    assert_string_equal(str(f, f->ds->targets.items[1].base_text), "——");
}

static void test_target_reads_a_base_with_the_indicators_unit_or_percent(void **state)
{
    zbt_fixture *f = *state;
    assert_int_equal(load_targets(f, "p,,520502,income,2020,37263元,,2025,,,,,,\n"
                                     "p,,520502,urbanization_rate,2020,52.5%,,2025,,,,,,\n"),
                     0);
    ZBT_EXPECT_CLEAN(f->diags);
    assert_float_equal(f->ds->targets.items[0].base_value, 37263.0, 0.0);
    assert_float_equal(f->ds->targets.items[1].base_value, 52.5, 1e-12);
}

static void test_target_records_a_corrected_base_typo_as_a_note(void **state)
{
    zbt_fixture *f = *state;
    const char *row = "p,,520502,gdp,2020,4..03,4.03,2025,,,,,,原文为“4..03”，按4.03录入\n";
    assert_int_equal(load_targets(f, row), 0);
    ZBT_EXPECT_CLEAN(f->diags);
    ZBT_EXPECT_DIAG(f->diags, ZB_NOTE, "correction: printed '4..03', recorded 4.03 (原文为“4..03”，按4.03录入)", 2,
                    zbt_field_col(row, C_BASE_TEXT));
    const zb_target *t = &f->ds->targets.items[0];
    assert_int_equal(t->base_corrected, 1);
    assert_float_equal(t->base_value, 4.03, 1e-12);
    assert_string_equal(str(f, t->base_text), "4..03");
}

static void test_target_warns_about_a_base_value_that_differs_without_a_note(void **state)
{
    zbt_fixture *f = *state;
    const char *row = "p,,520502,gdp,2020,4..03,4.03,2025,,,,,,\n";
    assert_int_equal(load_targets(f, row), 0);
    assert_int_equal(zb_diags_errors(f->diags), 0);
    ZBT_EXPECT_DIAG(f->diags, ZB_WARNING, "base value 4.03 differs from the printed '4..03' without a note", 2,
                    zbt_field_col(row, C_BASE_VALUE));
    assert_int_equal(f->ds->targets.count, 1);
    assert_int_equal(f->ds->targets.items[0].base_corrected, 1);
}

static void test_target_accepts_a_base_value_equal_to_the_printed_base(void **state)
{
    zbt_fixture *f = *state;
    assert_int_equal(load_targets(f, "p,,520502,gdp,2020,\"1,234.5\",1234.5,2025,,,,,,\n"), 0);
    assert_int_equal(zb_diags_count(f->diags), 0);
    assert_int_equal(f->ds->targets.items[0].base_corrected, 0);
}

static void test_target_refuses_a_bad_base_text_without_a_base_value_and_says_how_to_fix_it(void **state)
{
    zbt_fixture *f = *state;
    const char *row = "p,,520502,gdp,2020,4..03,,2025,,,,,,\n";
    assert_int_equal(load_targets(f, row), 1);
    ZBT_EXPECT_DIAG(f->diags, ZB_ERROR, "base text '4..03' is not a valid number: a second decimal point", 2,
                    zbt_field_col(row, C_BASE_TEXT) + 2);
    ZBT_EXPECT_DIAG(f->diags, ZB_NOTE, "put the corrected number in base_value", 2, 0);
    assert_int_equal(f->ds->targets.count, 0);
}

static void test_target_refuses_a_target_year_before_the_base_year(void **state)
{
    zbt_fixture *f = *state;
    const char *row = "p,,520502,gdp,2020,500,,2015,,,,,,\n";
    assert_int_equal(load_targets(f, row), 1);
    ZBT_EXPECT_DIAG(f->diags, ZB_ERROR, "target year 2015 must come after the base year 2020", 2,
                    zbt_field_col(row, C_TARGET_YEAR));
    assert_int_equal(f->ds->targets.count, 0);
}

static void test_target_refuses_a_target_year_equal_to_the_base_year(void **state)
{
    zbt_fixture *f = *state;
    const char *row = "p,,520502,gdp,2020,500,,2020,,,,,,\n";
    assert_int_equal(load_targets(f, row), 1);
    ZBT_EXPECT_DIAG(f->diags, ZB_ERROR, "target year 2020 must come after the base year 2020", 2,
                    zbt_field_col(row, C_TARGET_YEAR));
}

static void test_target_refuses_a_missing_target_year(void **state)
{
    zbt_fixture *f = *state;
    const char *row = "p,,520502,gdp,2020,500,,,,,,,,\n";
    assert_int_equal(load_targets(f, row), 1);
    ZBT_EXPECT_DIAG(f->diags, ZB_ERROR, "'target_year' must not be empty", 2, zbt_field_col(row, C_TARGET_YEAR));
}

static void test_target_refuses_a_duplicate_naming_the_first_line(void **state)
{
    zbt_fixture *f = *state;
    assert_int_equal(load_targets(f, "p,,520502,gdp,2020,500,,2025,,,,,,\n"
                                     "p,,520502,urbanization_rate,2020,50,,2025,,,,,,\n"
                                     "p,,520502,gdp,2020,501,,2025,,,,,,\n"),
                     1);
    ZBT_EXPECT_DIAG(f->diags, ZB_ERROR,
                    "duplicate target: plan p, region 520502, indicator gdp, year 2025 is already on line 2", 4, 1);
    assert_int_equal(f->ds->targets.count, 2);
}

static void test_target_reads_an_attribute_override_in_chinese(void **state)
{
    zbt_fixture *f = *state;
    const char *rows = "p,,520502,gdp,2020,500,,2025,,,,约束性,,\n"
                       "p,,520521,gdp,2020,500,,2025,,,,mandatory,,\n";
    assert_int_equal(load_targets(f, rows), 1);
    assert_int_equal(f->ds->targets.count, 1);
    assert_int_equal(f->ds->targets.items[0].attribute, ZB_ATTR_BINDING);
    ZBT_EXPECT_DIAG(f->diags, ZB_ERROR, "unknown attribute 'mandatory'", 3,
                    zbt_field_col("p,,520521,gdp,2020,500,,2025,,,,mandatory,,", C_ATTRIBUTE));
}

static void test_target_refuses_an_empty_or_non_ascii_plan_code(void **state)
{
    zbt_fixture *f = *state;
    assert_int_equal(load_targets(f, ",,520502,gdp,2020,500,,2025,,,,,,\n"
                                     "十四五,,520502,gdp,2020,500,,2025,,,,,,\n"),
                     2);
    ZBT_EXPECT_DIAG(f->diags, ZB_ERROR, "'plan' must not be empty", 2, 1);
    ZBT_EXPECT_DIAG(f->diags, ZB_ERROR, "code '十四五' has a character that is not allowed", 3, 1);
    assert_int_equal(f->ds->targets.count, 0);
}

static void test_target_reports_a_bad_target_in_chinese(void **state)
{
    zbt_fixture *f = *state;
    zb_lang_set(ZB_LANG_ZH);
    const char *row = "p,,520502,gdp,2020,500,,2015,,,,,,\n";
    load_targets(f, row);
    zb_lang_set(ZB_LANG_EN);
    ZBT_EXPECT_DIAG(f->diags, ZB_ERROR, "目标年份 2015 应晚于基期年份 2020", 2, zbt_field_col(row, C_TARGET_YEAR));
}

int main(void)
{
#define T(f) cmocka_unit_test_setup_teardown(f, zbt_fixture_setup, zbt_fixture_teardown)
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_target_add_copies_and_find_matches_all_four_keys),
        cmocka_unit_test(test_target_store_grows_past_its_first_allocation),
        T(test_target_keeps_texts_exactly_as_printed),
        T(test_target_allows_a_missing_base),
        T(test_target_reads_a_base_with_the_indicators_unit_or_percent),
        T(test_target_records_a_corrected_base_typo_as_a_note),
        T(test_target_warns_about_a_base_value_that_differs_without_a_note),
        T(test_target_accepts_a_base_value_equal_to_the_printed_base),
        T(test_target_refuses_a_bad_base_text_without_a_base_value_and_says_how_to_fix_it),
        T(test_target_refuses_a_target_year_before_the_base_year),
        T(test_target_refuses_a_target_year_equal_to_the_base_year),
        T(test_target_refuses_a_missing_target_year),
        T(test_target_refuses_a_duplicate_naming_the_first_line),
        T(test_target_reads_an_attribute_override_in_chinese),
        T(test_target_refuses_an_empty_or_non_ascii_plan_code),
        T(test_target_reports_a_bad_target_in_chinese),
    };
#undef T
    return cmocka_run_group_tests_name("zb_target", tests, NULL, NULL);
}
