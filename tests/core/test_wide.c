/* zb_wide: plan tables as exported from Excel/WPS. */
#include "zb_test.h"

#include "zb_wide.h"

typedef struct wfix {
    char dir[32];
    zb_diags *diags;
    zb_wide_table *t;
} wfix;

static int setup(void **state)
{
    zb_lang_set(ZB_LANG_EN);
    wfix *f = calloc(1, sizeof *f);
    if (!f || !zbt_tmpdir(f->dir) || !(f->diags = zb_diags_new()))
        return -1;
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    wfix *f = *state;
    zb_wide_free(f->t);
    zb_diags_free(f->diags);
    zbt_rmdir(f->dir);
    free(f);
    zb_lang_set(ZB_LANG_ZH);
    return 0;
}

/* Writes text as DIR/t.csv and reads it. */
static zb_wide_table *read_text(wfix *f, const char *text, const zb_wide_options *opt)
{
    char path[512];
    zbt_write_str(zbt_path(path, f->dir, "t.csv"), text);
    f->t = zb_wide_read(path, opt, f->diags);
    assert_non_null(f->t);
    return f->t;
}

static const char plan_table[] =
    "\xEF\xBB\xBF专栏2 主要指标,,,,,,,\r\n"
    "类型,序号,指标,单位,2020年,2025年,年均增速%,指标属性\r\n"
    "经济建设,1,地区生产总值(GDP),亿元,500.06,800,10左右,预期性\r\n"
    ",2,第一产业增加值,亿元,93.36,127,6.5左右,预期性\r\n"
    "民生福祉,3,城镇登记失业率,%,  4.03 ,4.2以内,——,约束性\r\n";

static void test_wide_reads_title_header_and_rows(void **state)
{
    wfix *f = *state;
    zb_wide_table *t = read_text(f, plan_table, NULL);
    ZBT_EXPECT_CLEAN(f->diags);
    assert_string_equal(t->title, "专栏2 主要指标");
    assert_int_equal(t->header_line, 2);
    assert_int_equal(t->nrows, 3);
    assert_int_equal(t->name_col, 2);
    assert_int_equal(t->unit_col, 3);
    assert_int_equal(t->category_col, 0);
    assert_int_equal(t->growth_col, 6);
    assert_int_equal(t->attribute_col, 7);
    assert_int_equal(t->base_year, 2020);
    assert_int_equal(t->target_year, 2025);
    assert_int_equal(t->base_col, 4);
    assert_int_equal(t->target_col, 5);
    assert_string_equal(t->rows[0].cells[2].text, "地区生产总值(GDP)");
    assert_int_equal(t->rows[0].line, 3);
}

static void test_wide_carries_a_merged_category_down(void **state)
{
    wfix *f = *state;
    zb_wide_table *t = read_text(f, plan_table, NULL);
    assert_string_equal(t->rows[0].category.text, "经济建设");
    assert_string_equal(t->rows[1].category.text, "经济建设");
    assert_string_equal(t->rows[2].category.text, "民生福祉");
}

static void test_wide_trims_cells_and_keeps_where_the_text_starts(void **state)
{
    wfix *f = *state;
    zb_wide_table *t = read_text(f, plan_table, NULL);
    const zb_wide_cell *c = &t->rows[2].cells[4];
    assert_string_equal(c->text, "4.03");
    /* ",3,城镇登记失业率,%,  4.03": 民生福祉(4) ,3(2) ,城镇登记失业率(8) ,%(2) , then 2 spaces. */
    assert_int_equal(c->line, 5);
    assert_int_equal(c->col, 4 + 1 + 1 + 1 + 7 + 1 + 1 + 1 + 2 + 1);
}

static void test_wide_takes_the_column_headed_as_target_wherever_it_is(void **state)
{
    wfix *f = *state;
    zb_wide_table *t = read_text(f,
        "指标名称,2025年目标值,2020年,2023年\n"
        "地区生产总值,800,500.06,600\n", NULL);
    ZBT_EXPECT_CLEAN(f->diags);
    assert_int_equal(t->target_col, 1);
    assert_int_equal(t->target_year, 2025);
    assert_int_equal(t->base_col, 2);
    assert_int_equal(t->base_year, 2020);
}

static void test_wide_asks_for_the_year_of_a_column_without_one(void **state)
{
    wfix *f = *state;
    read_text(f, "指标,基期值,目标值\n地区生产总值,500.06,800\n", NULL);
    ZBT_EXPECT_DIAG(f->diags, ZB_ERROR, "column '基期值' has no year", 1, 4);
    ZBT_EXPECT_DIAG(f->diags, ZB_ERROR, "--target-year", 1, 8);
}

static void test_wide_takes_those_years_from_the_options(void **state)
{
    wfix *f = *state;
    zb_wide_options o = {NULL, 2020, 2025};
    zb_wide_table *t = read_text(f, "指标,基期值,目标值\n地区生产总值,500.06,800\n", &o);
    ZBT_EXPECT_CLEAN(f->diags);
    assert_int_equal(t->base_year, 2020);
    assert_int_equal(t->target_year, 2025);
}

static void test_wide_refuses_two_columns_for_one_year(void **state)
{
    wfix *f = *state;
    read_text(f, "指标,2020年,2020年基期,2025年\nGDP,1,1,2\n", NULL);
    /* 指标 is two characters: 1 + 2 + 1 + 5 (2020年) + 1 = column 10. */
    ZBT_EXPECT_DIAG(f->diags, ZB_ERROR, "year 2020 has two columns", 1, 10);
}

static void test_wide_warns_of_a_column_it_does_not_know(void **state)
{
    wfix *f = *state;
    zb_wide_table *t = read_text(f, "指标,2020年,2025年,责任单位\nGDP,1,2,发改局\n", NULL);
    /* 1 + 2 (指标) + 1 + 5 (2020年) + 1 + 5 (2025年) + 1 = column 16. */
    ZBT_EXPECT_DIAG(f->diags, ZB_WARNING, "unknown column '责任单位'", 1, 16);
    assert_int_equal(zb_diags_errors(f->diags), 0);
    assert_int_equal(t->nrows, 1);
}

static void test_wide_reports_a_row_without_a_name(void **state)
{
    wfix *f = *state;
    read_text(f, "指标,2020年,2025年\nGDP,1,2\n,3,4\n", NULL);
    ZBT_EXPECT_DIAG(f->diags, ZB_ERROR, "this row has no indicator name", 3, 1);
}

static void test_wide_skips_note_rows_and_takes_a_lone_category_row(void **state)
{
    wfix *f = *state;
    zb_wide_table *t = read_text(f,
        "指标,单位,2020年,2025年\n"
        "绿色发展,,,\n"
        "森林覆盖率,%,57.75,60\n"
        "注：带*者为约束性指标,,,\n", NULL);
    assert_int_equal(zb_diags_errors(f->diags), 0);
    assert_int_equal(t->nrows, 1);
    assert_string_equal(t->rows[0].category.text, "绿色发展");
    ZBT_EXPECT_DIAG(f->diags, ZB_NOTE, "a note row", 4, 1);
}

static void test_wide_says_when_there_is_no_header(void **state)
{
    wfix *f = *state;
    read_text(f, "a,b\n1,2\n", NULL);
    ZBT_EXPECT_DIAG(f->diags, ZB_ERROR, "no header row", 1, 1);
}

static void test_wide_needs_a_year_column(void **state)
{
    wfix *f = *state;
    read_text(f, "指标,单位\nGDP,亿元\n", NULL);
    ZBT_EXPECT_DIAG(f->diags, ZB_ERROR, "no year columns", 1, 1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_wide_reads_title_header_and_rows, setup, teardown),
        cmocka_unit_test_setup_teardown(test_wide_carries_a_merged_category_down, setup, teardown),
        cmocka_unit_test_setup_teardown(test_wide_trims_cells_and_keeps_where_the_text_starts, setup, teardown),
        cmocka_unit_test_setup_teardown(test_wide_takes_the_column_headed_as_target_wherever_it_is, setup, teardown),
        cmocka_unit_test_setup_teardown(test_wide_asks_for_the_year_of_a_column_without_one, setup, teardown),
        cmocka_unit_test_setup_teardown(test_wide_takes_those_years_from_the_options, setup, teardown),
        cmocka_unit_test_setup_teardown(test_wide_refuses_two_columns_for_one_year, setup, teardown),
        cmocka_unit_test_setup_teardown(test_wide_warns_of_a_column_it_does_not_know, setup, teardown),
        cmocka_unit_test_setup_teardown(test_wide_reports_a_row_without_a_name, setup, teardown),
        cmocka_unit_test_setup_teardown(test_wide_skips_note_rows_and_takes_a_lone_category_row, setup, teardown),
        cmocka_unit_test_setup_teardown(test_wide_says_when_there_is_no_header, setup, teardown),
        cmocka_unit_test_setup_teardown(test_wide_needs_a_year_column, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
