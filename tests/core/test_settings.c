/* zb_settings and settings.csv: a dataset's own choices, checked. */
#include "zb_test.h"

#include "zb_settings.h"

static int setup(void **state)
{
    return zbt_fixture_setup(state);
}

static int teardown(void **state)
{
    return zbt_fixture_teardown(state);
}

static void test_settings_default_to_zones_included(void **state)
{
    zbt_fixture *f = *state;
    assert_int_equal(f->ds->settings.rollup_zones, ZB_ZONES_INCLUDE);
    assert_int_equal(f->ds->settings.rollup_zones_line, 0);
    assert_int_equal(zb_settings_line(&f->ds->settings, "rollup_zones"), 0);
}

static void test_settings_take_include_or_exclude_in_either_language(void **state)
{
    (void)state;
    zb_settings s;
    zb_settings_init(&s);
    char msg[256];
    assert_int_equal(zb_settings_set(&s, "rollup_zones", "exclude", 2, msg, sizeof msg), 0);
    assert_int_equal(s.rollup_zones, ZB_ZONES_EXCLUDE);
    assert_int_equal(zb_settings_line(&s, "rollup_zones"), 2);
    assert_int_equal(zb_settings_set(&s, "rollup_zones", "计入", 3, msg, sizeof msg), 0);
    assert_int_equal(s.rollup_zones, ZB_ZONES_INCLUDE);
    assert_int_equal(zb_zones_parse("不计入"), ZB_ZONES_EXCLUDE);
    assert_int_equal(zb_zones_parse("maybe"), -1);
    assert_string_equal(zb_zones_name(ZB_ZONES_EXCLUDE), "exclude");
    assert_string_equal(zb_zones_label(ZB_ZONES_INCLUDE), "zones included");
}

static void test_settings_refuse_an_unknown_key_or_value_saying_what_is_expected(void **state)
{
    (void)state;
    zb_settings s;
    zb_settings_init(&s);
    char msg[256];
    assert_int_equal(zb_settings_set(&s, "zones", "include", 2, msg, sizeof msg), -1);
    assert_string_equal(msg, "unknown setting 'zones': expected rollup_zones or regions_complete");
    assert_int_equal(zb_settings_set(&s, "rollup_zones", "yes", 2, msg, sizeof msg), -2);
    assert_non_null(strstr(msg, "invalid value 'yes' for rollup_zones: expected include"));
    assert_int_equal(s.rollup_zones, ZB_ZONES_INCLUDE);
}

/* regions_complete: yes by default; yes/no or 是/否; anything else refused
 * with what is expected, the setting left as it was. */
static void test_settings_regions_complete_takes_yes_or_no(void **state)
{
    (void)state;
    zb_settings s;
    zb_settings_init(&s);
    char msg[256];
    assert_int_equal(s.regions_complete, 1);
    assert_int_equal(zb_settings_set(&s, "regions_complete", "no", 3, msg, sizeof msg), 0);
    assert_int_equal(s.regions_complete, 0);
    assert_int_equal(zb_settings_line(&s, "regions_complete"), 3);
    assert_int_equal(zb_settings_set(&s, "regions_complete", "是", 4, msg, sizeof msg), 0);
    assert_int_equal(s.regions_complete, 1);
    assert_int_equal(zb_settings_set(&s, "regions_complete", "否", 5, msg, sizeof msg), 0);
    assert_int_equal(s.regions_complete, 0);
    assert_int_equal(zb_settings_set(&s, "regions_complete", "partly", 6, msg, sizeof msg), -2);
    assert_non_null(strstr(msg, "invalid value 'partly' for regions_complete: expected yes"));
    assert_int_equal(s.regions_complete, 0);
}

static void test_settings_file_is_read_with_the_dataset(void **state)
{
    zbt_fixture *f = *state;
    const char *dir = zbt_fixture_tmp(f);
    char path[512], src[512];
    const char *names[] = {"regions.csv", "indicators.csv"};
    for (int i = 0; i < 2; i++) {
        size_t len;
        char *text = zbt_read_file(zbt_path(src, ZBT_FIXTURE_DIR, names[i]), &len);
        zbt_write(zbt_path(path, dir, names[i]), text, len);
        free(text);
    }
    zbt_write_str(zbt_path(path, dir, "settings.csv"), "key,value,note\nrollup_zones,exclude,县数据已含功能区\n");
    zb_diags *d = zb_diags_new();
    zb_dataset *ds = zb_dataset_load(dir, NULL, d);
    assert_non_null(ds);
    ZBT_EXPECT_CLEAN(d);
    assert_int_equal(ds->settings.rollup_zones, ZB_ZONES_EXCLUDE);
    assert_int_equal(ds->settings.rollup_zones_line, 2);
    zb_dataset_free(ds);
    zb_diags_free(d);
}

static void test_settings_file_errors_name_line_and_column(void **state)
{
    zbt_fixture *f = *state;
    char path[512];
    zbt_path(path, zbt_fixture_tmp(f), "x.settings.csv");
    /* line 2: unknown key at column 1; line 3: bad value, its text starts
     * at column 14; line 4: the key again */
    zbt_write_str(path, "key,value\nzones,include\nrollup_zones,both\nrollup_zones,include\nrollup_zones,exclude\n");
    assert_int_equal(zbt_load_path(f, path, NULL), 3);
    ZBT_EXPECT_DIAG(f->diags, ZB_ERROR, "unknown setting 'zones': expected rollup_zones or regions_complete", 2, 1);
    ZBT_EXPECT_DIAG(f->diags, ZB_ERROR, "invalid value 'both' for rollup_zones", 3, 14);
    ZBT_EXPECT_DIAG(f->diags, ZB_ERROR, "setting 'rollup_zones' given twice: already on line 4", 5, 1);
    /* the good row stands */
    assert_int_equal(f->ds->settings.rollup_zones, ZB_ZONES_INCLUDE);
}

static void test_settings_file_needs_key_and_value_columns(void **state)
{
    zbt_fixture *f = *state;
    char path[512];
    zbt_path(path, zbt_fixture_tmp(f), "y.settings.csv");
    zbt_write_str(path, "key,note\nrollup_zones,x\n");
    assert_true(zbt_load_path(f, path, NULL) >= 1);
    ZBT_EXPECT_DIAG(f->diags, ZB_ERROR, "value", 1, 0);
}

#define T(f) cmocka_unit_test_setup_teardown(f, setup, teardown)

int main(void)
{
    const struct CMUnitTest tests[] = {
        T(test_settings_default_to_zones_included),
        T(test_settings_take_include_or_exclude_in_either_language),
        T(test_settings_refuse_an_unknown_key_or_value_saying_what_is_expected),
        T(test_settings_regions_complete_takes_yes_or_no),
        T(test_settings_file_is_read_with_the_dataset),
        T(test_settings_file_errors_name_line_and_column),
        T(test_settings_file_needs_key_and_value_columns),
    };
    return cmocka_run_group_tests_name("zb_settings", tests, NULL, NULL);
}
