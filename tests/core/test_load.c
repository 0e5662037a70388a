/* zb_load: whole dataset directories of the bad-input corpus (tests/bad/),
 * loaded through the library as `zhibiao validate` loads them.  The CLI
 * test (tests/cli/test_bad.sh) checks the Chinese messages; here the values
 * that load, the English messages and the counts the loader returns. */
#include "zb_test.h"

#include <math.h>

typedef struct load_state {
    zb_dataset *ds;
    zb_diags *diags;
} load_state;

static int setup(void **state)
{
    zb_lang_set(ZB_LANG_EN);
    load_state *s = calloc(1, sizeof *s);
    if (!s || !(s->diags = zb_diags_new()))
        return -1;
    *state = s;
    return 0;
}

static int teardown(void **state)
{
    load_state *s = *state;
    zb_dataset_free(s->ds);
    zb_diags_free(s->diags);
    free(s);
    zb_lang_set(ZB_LANG_ZH);
    return 0;
}

/* Loads tests/bad/NAME, optionally with an encoding. */
static zb_dataset *load_case(load_state *s, const char *name, const char *encoding)
{
    char dir[512];
    zbt_path(dir, ZBT_BAD_DIR, name);
    zb_load_options opt;
    memset(&opt, 0, sizeof opt);
    opt.encoding = encoding;
    zb_dataset_free(s->ds);
    zb_diags_clear(s->diags);
    s->ds = zb_dataset_load(dir, &opt, s->diags);
    assert_non_null(s->ds);
    return s->ds;
}

/* The value of (region, indicator, year); fails when there is no row. */
static double value_of(load_state *s, const char *region, const char *indicator, int year)
{
    long row = zb_obs_find(&s->ds->obs, (int32_t)zb_ds_region(s->ds, region),
                           (int32_t)zb_ds_indicator(s->ds, indicator), year);
    if (row < 0)
        fail_msg("no observation %s %s %d", region, indicator, year);
    return s->ds->obs.value[row];
}

static const char *note_of(load_state *s, const char *region, const char *indicator, int year)
{
    long row = zb_obs_find(&s->ds->obs, (int32_t)zb_ds_region(s->ds, region),
                           (int32_t)zb_ds_indicator(s->ds, indicator), year);
    assert_true(row >= 0);
    return zb_ds_str(s->ds, s->ds->obs.note[row]);
}

static void test_load_reads_numbers_as_documents_print_them(void **state)
{
    load_state *s = *state;
    load_case(s, "fullwidth-numbers", NULL);
    ZBT_EXPECT_CLEAN(s->diags);
    assert_int_equal(s->ds->obs.count, 8);
    /* Each row of tests/bad/fullwidth-numbers/observations.csv, read by eye. */
    assert_float_equal(value_of(s, "520502", "gdp", 2020), 12.5, 0);       /* １２．５, year ２０２０ */
    assert_float_equal(value_of(s, "520502", "gdp", 2021), 1234.5, 0);     /* "1,234.5" */
    assert_float_equal(value_of(s, "520502", "gdp", 2022), 1234.5, 0);     /* "１，２３４．５" */
    assert_float_equal(value_of(s, "520502", "urbanization_rate", 2020), 56.5, 0); /* 56.5% */
    assert_float_equal(value_of(s, "520502", "urbanization_rate", 2021), 56.5, 0); /* ５６．５％ */
    assert_float_equal(value_of(s, "520502", "gdp", 2023), 500.06, 0);    /* in ideographic spaces */
    assert_float_equal(value_of(s, "520502", "income", 2020), 37263, 0);   /* 37263元 */
    assert_float_equal(value_of(s, "520502", "gdp", 2019), -3, 0);         /* －３ */
}

static void test_load_records_every_missing_marker_as_missing(void **state)
{
    load_state *s = *state;
    load_case(s, "missing-markers", NULL);
    ZBT_EXPECT_CLEAN(s->diags);
    /* Years 2011..2021, one marker each. */
    assert_int_equal(s->ds->obs.count, 11);
    for (int y = 2011; y <= 2021; y++)
        assert_true(isnan(value_of(s, "520502", "gdp", y)));
    assert_string_equal(note_of(s, "520502", "gdp", 2012), "两个破折号");
}

static void test_load_reads_a_bom_crlf_file_and_a_cr_file(void **state)
{
    load_state *s = *state;
    load_case(s, "bom-crlf", NULL);
    ZBT_EXPECT_CLEAN(s->diags);
    /* The BOM did not become part of the first header "region". */
    assert_int_equal(s->ds->obs.count, 3);
    assert_float_equal(value_of(s, "520502", "gdp", 2021), 540.2, 0);
    assert_float_equal(value_of(s, "520521", "gdp", 2020), 300, 0);
    /* targets.csv ends its lines with CR alone. */
    assert_int_equal(s->ds->targets.count, 1);
    assert_string_equal(zb_ds_str(s->ds, s->ds->targets.items[0].target_text), "800");
    assert_int_equal(s->ds->targets.items[0].line, 2);
}

static void test_load_converts_gbk_files_and_reads_utf8_ones_as_they_are(void **state)
{
    load_state *s = *state;
    load_case(s, "gbk", "gbk");
    ZBT_EXPECT_CLEAN(s->diags);
    /* One note for each of the two fixture files, which are UTF-8. */
    ZBT_EXPECT_DIAG(s->diags, ZB_NOTE, "the file is UTF-8 already and was read as such (not converted from gbk)", 0, 0);
    assert_int_equal(zb_diags_count(s->diags), 2);
    assert_string_equal(zb_ds_str(s->ds, s->ds->regions.items[2].name), "七星关区");
    assert_string_equal(note_of(s, "520502", "urbanization_rate", 2020), "常住人口");
    const zb_target *t = &s->ds->targets.items[0];
    assert_string_equal(zb_ds_str(s->ds, t->plan_name), "七星关区“十四五”规划");
    assert_string_equal(zb_ds_str(s->ds, t->growth_text), "10左右");
    assert_int_equal(t->attribute, ZB_ATTR_ANTICIPATORY);
}

static void test_load_refuses_gbk_without_the_encoding_naming_the_first_bad_byte(void **state)
{
    load_state *s = *state;
    load_case(s, "gbk", NULL);
    /* 520502,gdp,2020,500.06,actual, is 30 characters: 七 (0xc6 0xdf) is 31. */
    ZBT_EXPECT_DIAG(s->diags, ZB_ERROR, "not valid UTF-8 (byte 0xc6): the file may be GBK-encoded; use --encoding gbk", 2,
                    31);
    ZBT_EXPECT_ERRORS(s->diags, 2);
}

static void test_load_keeps_a_quoted_field_over_three_lines_and_counts_lines_after_it(void **state)
{
    load_state *s = *state;
    load_case(s, "multiline-field", NULL);
    assert_string_equal(note_of(s, "520502", "gdp", 2020), "第一行\n第二行\n第三行");
    /* The field spans lines 2-4, so the next row is line 5; 4..03 starts
     * at column 17 and its second point is column 19. */
    ZBT_EXPECT_DIAG(s->diags, ZB_ERROR, "value '4..03' is not a valid number: a second decimal point", 5, 19);
    ZBT_EXPECT_ERRORS(s->diags, 1);
}

static void test_load_finds_columns_by_their_chinese_names(void **state)
{
    load_state *s = *state;
    load_case(s, "chinese-headers", NULL);
    ZBT_EXPECT_CLEAN(s->diags);
    assert_float_equal(value_of(s, "520502", "gdp", 2020), 500.06, 0);
    assert_string_equal(zb_ds_str(s->ds, s->ds->obs.source[0]), "七星关区统计公报");
}

static void test_load_reads_the_rows_before_the_cut_of_a_truncated_gzip_file(void **state)
{
    load_state *s = *state;
    load_case(s, "truncated-gz", NULL);
    /* The file had years 1950..2100 (value 100 + 1.37 * year) and was cut
     * inside line 100: lines 2..99 are whole, years 1950..2047. */
    ZBT_EXPECT_DIAG(s->diags, ZB_ERROR, "gzip file is truncated", 100, 0);
    ZBT_EXPECT_ERRORS(s->diags, 1);
    assert_int_equal(s->ds->obs.count, 98);
    assert_float_equal(value_of(s, "520502", "gdp", 2047), 100 + 2047 * 1.37, 0.005);
}

static void test_load_lists_every_misplaced_quote_of_a_file_and_counts_them(void **state)
{
    load_state *s = *state;
    load_case(s, "stray-quote", NULL);
    ZBT_EXPECT_ERRORS(s->diags, 3);
    ZBT_EXPECT_DIAG(s->diags, ZB_ERROR, "quote inside an unquoted field", 2, 26);
    /* "初步数" in quotes is columns 23-27: 待 is column 28. */
    ZBT_EXPECT_DIAG(s->diags, ZB_ERROR, "'…' after a closing quote", 3, 28);
    /* Line 4 is read between them. */
    assert_float_equal(value_of(s, "520502", "gdp", 2022), 580, 0);
    /* zb_load_file returns the number of errors it added. */
    zb_dataset *ds = zb_dataset_new();
    zb_diags *d = zb_diags_new();
    assert_int_equal(zb_load_file(ds, ZB_FILE_REGIONS, ZBT_FIXTURE_DIR "/regions.csv", NULL, d), 0);
    assert_int_equal(zb_load_file(ds, ZB_FILE_INDICATORS, ZBT_FIXTURE_DIR "/indicators.csv", NULL, d), 0);
    zb_dataset_finish(ds, NULL, NULL, d);
    assert_int_equal(zb_load_file(ds, ZB_FILE_OBSERVATIONS, ZBT_BAD_DIR "/stray-quote/observations.csv", NULL, d), 3);
    zb_dataset_free(ds);
    zb_diags_free(d);
}

static void test_load_points_a_short_row_at_its_end_and_a_long_one_at_the_extra_field(void **state)
{
    load_state *s = *state;
    load_case(s, "wrong-field-count", NULL);
    /* "520502,gdp,2020,500.06" is 22 characters: the missing comma would
     * be column 23.  Line 3's sixth field "多余" starts at column 27. */
    ZBT_EXPECT_DIAG(s->diags, ZB_ERROR, "this row has 4 fields but the header has 5 columns", 2, 23);
    ZBT_EXPECT_DIAG(s->diags, ZB_ERROR, "this row has 6 fields but the header has 5 columns", 3, 27);
    ZBT_EXPECT_ERRORS(s->diags, 3);
    /* The last row, with a quoted note, loads. */
    assert_int_equal(s->ds->obs.count, 1);
}

static void test_load_believes_no_gzip_size_that_deflate_cannot_reach(void **state)
{
    load_state *s = *state;
    /* A gzip file's last four bytes give its size unpacked; here they claim
     * 4 GB for 44 bytes of text.  Room is reserved for the rows a file can
     * hold, and deflate expands at most 1032 times: 60-odd bytes could hold
     * about 3,000 rows of 20 bytes, so no reservation (it starts at 65,536
     * rows) is made, rather than room for 214 million. */
    char dir[32], path[512];
    assert_non_null(zbt_tmpdir(dir));
    const char *text = "region,indicator,year,value\n520502,gdp,2020,1\n";
    zbt_gzip(zbt_path(path, dir, "observations.csv.gz"), text, strlen(text));
    size_t n;
    char *gz = zbt_read_file(path, &n);
    memset(gz + n - 4, 0xff, 4);
    zbt_write(path, gz, n);
    free(gz);
    char cwd[512], target[1024];
    assert_non_null(getcwd(cwd, sizeof cwd));
    snprintf(target, sizeof target, "%s/%s/regions.csv", cwd, ZBT_FIXTURE_DIR);
    assert_int_equal(symlink(target, zbt_path(path, dir, "regions.csv")), 0);
    snprintf(target, sizeof target, "%s/%s/indicators.csv", cwd, ZBT_FIXTURE_DIR);
    assert_int_equal(symlink(target, zbt_path(path, dir, "indicators.csv")), 0);
    zb_dataset_free(s->ds);
    s->ds = zb_dataset_load(dir, NULL, s->diags);
    assert_non_null(s->ds);
    /* The wrong size also fails zlib's length check, found with the whole
     * (small) file in one piece: one error, at line 1, no rows. */
    ZBT_EXPECT_DIAG(s->diags, ZB_ERROR, "corrupt gzip data (incorrect length check)", 1, 0);
    ZBT_EXPECT_ERRORS(s->diags, 1);
    assert_int_equal(s->ds->obs.count, 0);
    assert_true(s->ds->obs.cap < 65536);
    zbt_rmdir(dir);
}

static void test_load_warns_about_a_header_without_rows(void **state)
{
    load_state *s = *state;
    load_case(s, "header-only", NULL);
    ZBT_EXPECT_DIAG(s->diags, ZB_WARNING, "the file has a header but no rows", 1, 0);
    ZBT_EXPECT_ERRORS(s->diags, 0);
}

/* A file the others depend on that could not be read, or a row of it that
 * was dropped, is one error: what names it is skipped, counted in a note. */
static void test_load_reports_one_root_cause_once(void **state)
{
    load_state *s = *state;
    load_case(s, "unreadable-regions", NULL);
    assert_true(s->ds->regions.unread);
    assert_false(s->ds->indicators.unread);
    assert_int_equal(s->ds->obs.count, 0);
    ZBT_EXPECT_ERRORS(s->diags, 1);
    /* 6 observations and 1 target, each file's first row at its region cell. */
    ZBT_EXPECT_DIAG(s->diags, ZB_NOTE, "observations: region codes not checked: regions.csv could not be read (see above); 6 rows not read", 2, 1);
    ZBT_EXPECT_DIAG(s->diags, ZB_NOTE, "targets: region codes not checked: regions.csv could not be read (see above); 1 rows not read", 2, 11);

    load_case(s, "extra-header-column", NULL);
    assert_true(s->ds->regions.unread);
    assert_int_equal(s->ds->regions.count, 0);

    /* 毕节市 (line 3) is dropped for its level: remembered with its line; its
     * counties load without a parent error, 520502's observation loads. */
    load_case(s, "dropped-region-row", NULL);
    assert_false(s->ds->regions.unread);
    assert_int_equal(s->ds->regions.count, 3);
    uint32_t bijie = zb_strtab_find(s->ds->strs, "520500", 6);
    assert_int_equal(zb_regions_dropped(&s->ds->regions, bijie), 3);
    assert_int_equal(zb_regions_dropped(&s->ds->regions, zb_strtab_find(s->ds->strs, "520502", 6)), 0);
    assert_int_equal(s->ds->obs.count, 1);
    ZBT_EXPECT_ERRORS(s->diags, 1);

    /* share (line 5) has only its decimals wrong: kept, with 2 decimals,
     * so that its rule is checked; bad2 (line 6, kind levle) is dropped. */
    load_case(s, "indicator-row-errors", NULL);
    long share = zb_ds_indicator(s->ds, "share");
    assert_true(share >= 0);
    assert_int_equal(s->ds->indicators.items[share].decimals, 2);
    assert_true(zb_ds_indicator(s->ds, "bad2") < 0);
    assert_int_equal(zb_indicators_dropped(&s->ds->indicators, zb_strtab_find(s->ds->strs, "bad2", 4)), 6);
    ZBT_EXPECT_DIAG(s->diags, ZB_ERROR, "aggregation rule refers to indicator 'nosuch', which does not exist (indicator share)", 5, 38);
    assert_null(zbt_find_diag(s->diags, ZB_ERROR, "'bad2', which does not exist"));
    ZBT_EXPECT_ERRORS(s->diags, 7);
}

/* Every error case of the corpus, in English: the first error's message
 * and place (the Chinese ones are in each case's expect file). */
static void test_load_reports_each_bad_case_in_english_at_its_place(void **state)
{
    load_state *s = *state;
    static const struct {
        const char *name, *needle;
        unsigned long line, col;
        size_t errors;
    } cases[] = {
        {"bad-year", "invalid year '二〇二〇': expected a four-digit year between 1900 and 2200", 2, 12, 6},
        {"binary-garbage", "the file contains a NUL byte: it is binary, not CSV text", 3, 1, 1},
        {"both-plain-and-gz", "both observations.csv and observations.csv.gz exist", 0, 0, 1},
        {"control-characters", "control character 0x1b in a cell", 2, 17, 2},
        {"corrupt-gz", "corrupt gzip data (incorrect data check)", 1, 0, 1},
        {"county-above-city", "wrong level: the parent 520502 of 520500 (city) is a county", 4, 17, 1},
        {"dangling-link", "cannot open file", 0, 0, 1},
        {"directory-not-file", "this is a directory, not a file", 0, 0, 1},
        {"duplicate-column", "column 'year' appears twice (already column 3)", 1, 29, 1},
        {"duplicate-indicator-code", "duplicate indicator code 'gdp': already on line 2", 5, 1, 1},
        {"duplicate-observation",
         "duplicate observation: region 520502, indicator gdp, year 2020 appears on line 2 and line 4", 4, 1, 1},
        {"duplicate-region-code", "duplicate region code '520500': already on line 3", 5, 1, 1},
        {"duplicate-target", "duplicate target: plan qxg-14fyp, region 520502, indicator gdp, year 2025", 3, 1, 1},
        {"empty-file", "the file is empty: expected at least a header row", 1, 0, 1},
        {"excel-errors", "'#DIV/0!' is an Excel formula error", 2, 17, 4},
        {"invalid-utf8", "not valid UTF-8 (byte 0xff)", 3, 25, 1},
        {"malformed-number", "thousands separator must be followed by three digits", 4, 21, 5},
        {"missing-file", "missing required file indicators.csv (or indicators.csv.gz)", 0, 0, 1},
        {"missing-required-column", "missing required column 'year' (or '年份')", 1, 0, 1},
        {"nan-inf", "'nan' is not a figure", 2, 17, 5},
        {"nul-byte", "the file contains a NUL byte", 3, 19, 1},
        {"orphan-region", "parent region '520599' of 520502 does not exist", 4, 20, 1},
        {"region-cycle", "the parents form a cycle (1 regions): 520521 \xE2\x86\x92 520521", 5, 19, 2},
        {"unknown-codes", "unknown indicator code 'gpd'", 3, 8, 4},
        {"unterminated-quote", "unterminated quote: the quote opened here is never closed", 3, 23, 1},
        {"utf16", "the file is UTF-16 (Excel's \"Unicode Text\")", 1, 1, 1},
        {"xlsx-renamed", "this is an Excel workbook (.xlsx, a ZIP archive)", 1, 1, 1},
        {"bad-region-code", "invalid region code 'ABC' ('A' is not a digit)", 5, 1, 9},
        {"malformed-target", "target: malformed number in '5..09'", 2, 41, 6},
        {"unreadable-regions", "not valid UTF-8 (byte 0xb9)", 2, 8, 1},
        {"extra-header-column", "the header has 7 columns but all 4 rows have 6 fields (lines 2, 3, 4, ...)", 1, 39, 1},
        {"many-wrong-field-counts", "from this row on, 3 more rows have a field count other than the header's 5", 7, 27, 4},
        {"indicator-row-errors", "invalid decimals '12'", 5, 64, 7},
        {"dropped-region-row", "unknown level 'prefecture'", 3, 12, 1},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        load_case(s, cases[i].name, NULL);
        const zb_diag *g = zbt_find_diag(s->diags, ZB_ERROR, cases[i].needle);
        if (!g) {
            zbt_dump_diags(s->diags);
            fail_msg("%s: no error containing \"%s\"", cases[i].name, cases[i].needle);
        }
        /* 0:0 in the table: the place is checked by another test or has none. */
        if (cases[i].line && (g->line != cases[i].line || g->col != cases[i].col))
            fail_msg("%s: at %lu:%lu, expected %lu:%lu", cases[i].name, g->line, g->col, cases[i].line,
                     cases[i].col);
        if (zb_diags_errors(s->diags) != cases[i].errors) {
            zbt_dump_diags(s->diags);
            fail_msg("%s: %zu errors, expected %zu", cases[i].name, zb_diags_errors(s->diags), cases[i].errors);
        }
    }
}

int main(void)
{
#define T(f) cmocka_unit_test_setup_teardown(f, setup, teardown)
    const struct CMUnitTest tests[] = {
        T(test_load_reads_numbers_as_documents_print_them),
        T(test_load_records_every_missing_marker_as_missing),
        T(test_load_reads_a_bom_crlf_file_and_a_cr_file),
        T(test_load_converts_gbk_files_and_reads_utf8_ones_as_they_are),
        T(test_load_refuses_gbk_without_the_encoding_naming_the_first_bad_byte),
        T(test_load_keeps_a_quoted_field_over_three_lines_and_counts_lines_after_it),
        T(test_load_finds_columns_by_their_chinese_names),
        T(test_load_reads_the_rows_before_the_cut_of_a_truncated_gzip_file),
        T(test_load_lists_every_misplaced_quote_of_a_file_and_counts_them),
        T(test_load_points_a_short_row_at_its_end_and_a_long_one_at_the_extra_field),
        T(test_load_believes_no_gzip_size_that_deflate_cannot_reach),
        T(test_load_warns_about_a_header_without_rows),
        T(test_load_reports_one_root_cause_once),
        T(test_load_reports_each_bad_case_in_english_at_its_place),
    };
#undef T
    return cmocka_run_group_tests_name("zb_load", tests, NULL, NULL);
}
