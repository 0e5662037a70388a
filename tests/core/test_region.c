/* zb_region: the administrative hierarchy and its checks. */
#include "zb_test.h"

#include "zb_region.h"
#include "zb_strtab.h"

typedef struct region_state {
    zb_strtab *strs;
    zb_regions rs;
    zb_diags *diags;
    char tmp[32];
} region_state;

static int setup(void **state)
{
    zb_lang_set(ZB_LANG_EN);
    region_state *s = calloc(1, sizeof *s);
    if (!s)
        return -1;
    s->strs = zb_strtab_new();
    s->diags = zb_diags_new();
    zb_regions_init(&s->rs);
    *state = s;
    return s->strs && s->diags ? 0 : -1;
}

static int teardown(void **state)
{
    region_state *s = *state;
    zb_regions_free(&s->rs);
    zb_strtab_free(s->strs);
    zb_diags_free(s->diags);
    if (s->tmp[0])
        zbt_rmdir(s->tmp);
    free(s);
    zb_lang_set(ZB_LANG_ZH);
    return 0;
}

static uint32_t id(region_state *s, const char *text)
{
    return zb_strtab_intern(s->strs, text, strlen(text));
}

/* Adds a region as the loader would from line `line`, its parent cell at
 * column 30. */
static long add(region_state *s, const char *code, zb_level level, const char *parent,
                unsigned long line)
{
    zb_region r;
    memset(&r, 0, sizeof r);
    r.code = id(s, code);
    r.name = id(s, code);
    r.level = level;
    r.parent_code = parent ? id(s, parent) : 0;
    r.line = line;
    r.parent_col = parent ? 30 : 0;
    return zb_regions_add(&s->rs, &r, NULL);
}

static long find(region_state *s, const char *code)
{
    return zb_regions_find(&s->rs, zb_strtab_find(s->strs, code, strlen(code)));
}

static const zb_region *at(region_state *s, const char *code)
{
    long i = find(s, code);
    assert_true(i >= 0);
    return &s->rs.items[i];
}

/* Walks up from a region; fails if the walk does not reach the top. */
static void expect_reaches_the_top(region_state *s, long i)
{
    for (size_t steps = 0; i >= 0; steps++) {
        assert_true(steps <= s->rs.count);
        i = s->rs.items[i].parent;
    }
}

static void test_region_add_returns_consecutive_indexes_found_by_code(void **state)
{
    region_state *s = *state;
    assert_int_equal(add(s, "520000", ZB_LEVEL_PROVINCE, NULL, 2), 0);
    assert_int_equal(add(s, "520500", ZB_LEVEL_CITY, "520000", 3), 1);
    assert_int_equal(find(s, "520500"), 1);
    assert_int_equal(find(s, "520000"), 0);
    assert_int_equal(zb_regions_find(&s->rs, 0), -1);
    assert_int_equal(zb_regions_find(&s->rs, id(s, "999999")), -1);
    /* Not linked yet. */
    assert_int_equal(at(s, "520500")->parent, -1);
}

static void test_region_add_rejects_a_duplicate_code_naming_the_first(void **state)
{
    region_state *s = *state;
    add(s, "520000", ZB_LEVEL_PROVINCE, NULL, 2);
    add(s, "520500", ZB_LEVEL_CITY, "520000", 3);
    zb_region r;
    memset(&r, 0, sizeof r);
    r.code = id(s, "520500");
    r.level = ZB_LEVEL_CITY;
    r.line = 9;
    long existing = -1;
    assert_int_equal(zb_regions_add(&s->rs, &r, &existing), -2);
    assert_int_equal(existing, 1);
    assert_int_equal(s->rs.items[existing].line, 3);
    assert_int_equal(s->rs.count, 2);
}

static void test_region_loader_names_both_lines_of_a_duplicate_code(void **state)
{
    region_state *s = *state;
    char path[512];
    zbt_write_str(zbt_path(path, zbt_tmpdir(s->tmp), "regions.csv"),
                  "code,name,level,parent\n"
                  "520000,贵州省,province,\n"
                  "520500,毕节市,city,520000\n"
                  "520500,铜仁市,city,520000\n");
    zb_dataset *ds = zb_dataset_new();
    assert_int_equal(zb_load_file(ds, ZB_FILE_REGIONS, path, NULL, s->diags), 1);
    ZBT_EXPECT_DIAG(s->diags, ZB_ERROR, "duplicate region code '520500': already on line 3", 4, 1);
    assert_int_equal(ds->regions.count, 2);
    /* The first one stays. */
    assert_string_equal(zb_ds_str(ds, ds->regions.items[zb_ds_region(ds, "520500")].name), "毕节市");
    zb_dataset_free(ds);
}

static void test_region_link_resolves_parents(void **state)
{
    region_state *s = *state;
    add(s, "520000", ZB_LEVEL_PROVINCE, NULL, 2);
    add(s, "520500", ZB_LEVEL_CITY, "520000", 3);
    add(s, "520502", ZB_LEVEL_COUNTY, "520500", 4);
    assert_int_equal(zb_regions_link(&s->rs, s->strs, "regions.csv", s->diags), 0);
    ZBT_EXPECT_CLEAN(s->diags);
    assert_int_equal(at(s, "520000")->parent, -1);
    assert_int_equal(at(s, "520500")->parent, find(s, "520000"));
    assert_int_equal(at(s, "520502")->parent, find(s, "520500"));
}

static void test_region_link_reports_an_unknown_parent_at_the_parent_cell(void **state)
{
    region_state *s = *state;
    add(s, "520000", ZB_LEVEL_PROVINCE, NULL, 2);
    add(s, "520526", ZB_LEVEL_COUNTY, "520599", 3);
    assert_int_equal(zb_regions_link(&s->rs, s->strs, "regions.csv", s->diags), 1);
    const zb_diag *g = ZBT_EXPECT_DIAG(s->diags, ZB_ERROR,
                                       "parent region '520599' of 520526 does not exist", 3, 30);
    assert_string_equal(g->file, "regions.csv");
    assert_int_equal(at(s, "520526")->parent, -1);
}

static void test_region_link_rejects_a_county_above_a_city(void **state)
{
    region_state *s = *state;
    add(s, "520000", ZB_LEVEL_PROVINCE, NULL, 2);
    add(s, "520502", ZB_LEVEL_COUNTY, "520000", 3);
    add(s, "520600", ZB_LEVEL_CITY, "520502", 4);
    assert_int_equal(zb_regions_link(&s->rs, s->strs, "regions.csv", s->diags), 1);
    ZBT_EXPECT_DIAG(s->diags, ZB_ERROR, "wrong level: the parent 520502 of 520600 (city) is a county", 4,
                    30);
    assert_int_equal(at(s, "520600")->parent, -1);
    assert_int_equal(at(s, "520502")->nchildren, 0);
}

static void test_region_link_rejects_a_parent_at_the_same_level(void **state)
{
    region_state *s = *state;
    add(s, "520500", ZB_LEVEL_CITY, NULL, 2);
    add(s, "520600", ZB_LEVEL_CITY, "520500", 3);
    assert_int_equal(zb_regions_link(&s->rs, s->strs, "regions.csv", s->diags), 1);
    ZBT_EXPECT_DIAG(s->diags, ZB_ERROR, "wrong level: the parent 520500 of 520600 (city) is a city", 3, 30);
}

static void test_region_link_reports_wrong_level_in_chinese(void **state)
{
    region_state *s = *state;
    add(s, "520502", ZB_LEVEL_COUNTY, NULL, 2);
    add(s, "520600", ZB_LEVEL_CITY, "520502", 3);
    zb_lang_set(ZB_LANG_ZH);
    zb_regions_link(&s->rs, s->strs, "regions.csv", s->diags);
    zb_lang_set(ZB_LANG_EN);
    ZBT_EXPECT_DIAG(s->diags, ZB_ERROR, "层级不对：520600（市（州））的上级 520502 是县（市、区）", 3, 30);
}

static void test_region_link_reports_a_cycle_of_two_regions_once_as_a_cycle(void **state)
{
    region_state *s = *state;
    add(s, "520000", ZB_LEVEL_PROVINCE, NULL, 2);
    add(s, "520591", ZB_LEVEL_COUNTY, "520592", 3);
    add(s, "520592", ZB_LEVEL_COUNTY, "520591", 4);
    size_t errors = zb_regions_link(&s->rs, s->strs, "regions.csv", s->diags);
    /* One problem, one error: the loop, at the row that closed it (line 4),
     * and not also a "wrong level" for each of its links. */
    assert_int_equal(errors, 1);
    ZBT_EXPECT_DIAG(s->diags, ZB_ERROR, "the parents form a cycle (2 regions): 520591 \xE2\x86\x92 520592 \xE2\x86\x92 520591",
                    4, 30);
    ZBT_EXPECT_NO_DIAG(s->diags, "wrong level");
    for (long i = 0; i < (long)s->rs.count; i++)
        expect_reaches_the_top(s, i);
}

static void test_region_link_reports_a_cycle_through_levels_as_a_cycle(void **state)
{
    region_state *s = *state;
    /* 520500 (city) -> 520502 (county) -> 520500: one link is legal, one is
     * not, but the problem is the loop; both leave it. */
    add(s, "520500", ZB_LEVEL_CITY, "520502", 2);
    add(s, "520502", ZB_LEVEL_COUNTY, "520500", 3);
    assert_int_equal(zb_regions_link(&s->rs, s->strs, "regions.csv", s->diags), 1);
    ZBT_EXPECT_DIAG(s->diags, ZB_ERROR, "cycle (2 regions): 520500 \xE2\x86\x92 520502 \xE2\x86\x92 520500", 3, 30);
    assert_int_equal(at(s, "520502")->parent, -1);
    assert_int_equal(at(s, "520500")->parent, -1);
    for (long i = 0; i < (long)s->rs.count; i++)
        expect_reaches_the_top(s, i);
}

static void test_region_link_rejects_a_region_that_is_its_own_parent(void **state)
{
    region_state *s = *state;
    add(s, "520000", ZB_LEVEL_PROVINCE, "520000", 2);
    assert_int_equal(zb_regions_link(&s->rs, s->strs, "regions.csv", s->diags), 1);
    ZBT_EXPECT_DIAG(s->diags, ZB_ERROR, "cycle (1 regions): 520000 \xE2\x86\x92 520000", 2, 30);
    assert_int_equal(at(s, "520000")->parent, -1);
}

static void test_region_link_names_six_members_of_a_long_cycle_then_an_ellipsis(void **state)
{
    region_state *s = *state;
    /* r1 -> r2 -> ... -> r8 -> r1, one row each on lines 2..9. */
    char code[16], parent[16];
    for (int i = 1; i <= 8; i++) {
        snprintf(code, sizeof code, "r%d", i);
        snprintf(parent, sizeof parent, "r%d", i % 8 + 1);
        add(s, code, ZB_LEVEL_COUNTY, parent, (unsigned long)i + 1);
    }
    assert_int_equal(zb_regions_link(&s->rs, s->strs, "regions.csv", s->diags), 1);
    /* The walk starts at r1 and finds the loop when it comes back to r1. */
    ZBT_EXPECT_DIAG(s->diags, ZB_ERROR,
                    "cycle (8 regions): r1 \xE2\x86\x92 r2 \xE2\x86\x92 r3 \xE2\x86\x92 r4 \xE2\x86\x92 r5 \xE2\x86\x92 r6 \xE2\x86\x92 \xE2\x80\xA6;",
                    9, 30);
}

static void test_region_link_walks_a_loop_of_100000_regions_without_recursion(void **state)
{
    region_state *s = *state;
    /* c1 <- c2 <- ... <- c100000 <- c1: one loop through every region.  The
     * walk is iterative and linear, so this finishes; one error, at the
     * last row (c100000, line 100001), and every region detached. */
    char code[16], parent[16];
    for (int i = 1; i <= 100000; i++) {
        snprintf(code, sizeof code, "c%d", i);
        snprintf(parent, sizeof parent, "c%d", i == 1 ? 100000 : i - 1);
        add(s, code, ZB_LEVEL_COUNTY, parent, (unsigned long)i + 1);
    }
    assert_int_equal(zb_regions_link(&s->rs, s->strs, "regions.csv", s->diags), 1);
    ZBT_EXPECT_DIAG(s->diags, ZB_ERROR, "cycle (100000 regions): c1 \xE2\x86\x92 c100000 \xE2\x86\x92 c99999", 100001,
                    30);
    for (long i = 0; i < (long)s->rs.count; i++)
        assert_int_equal(s->rs.items[i].parent, -1);
}

static void test_region_link_allows_zones_under_a_city_or_a_province(void **state)
{
    region_state *s = *state;
    add(s, "520000", ZB_LEVEL_PROVINCE, NULL, 2);
    add(s, "520500", ZB_LEVEL_CITY, "520000", 3);
    add(s, "520500-JHH", ZB_LEVEL_ZONE, "520500", 4);
    add(s, "520000-GAX", ZB_LEVEL_ZONE, "520000", 5);
    assert_int_equal(zb_regions_link(&s->rs, s->strs, "regions.csv", s->diags), 0);
    ZBT_EXPECT_CLEAN(s->diags);
    assert_int_equal(at(s, "520500-JHH")->parent, find(s, "520500"));
    assert_int_equal(at(s, "520000-GAX")->parent, find(s, "520000"));
}

static void test_region_link_rejects_a_zone_under_a_county_and_a_county_under_a_zone(void **state)
{
    region_state *s = *state;
    add(s, "520500", ZB_LEVEL_CITY, NULL, 2);
    add(s, "520502", ZB_LEVEL_COUNTY, "520500", 3);
    add(s, "520502-X", ZB_LEVEL_ZONE, "520502", 4);
    add(s, "520500-Z", ZB_LEVEL_ZONE, "520500", 5);
    add(s, "520599", ZB_LEVEL_COUNTY, "520500-Z", 6);
    assert_int_equal(zb_regions_link(&s->rs, s->strs, "regions.csv", s->diags), 2);
    ZBT_EXPECT_DIAG(s->diags, ZB_ERROR, "the parent 520502 of 520502-X (zone) is a county", 4, 30);
    ZBT_EXPECT_DIAG(s->diags, ZB_ERROR, "the parent 520500-Z of 520599 (county) is a zone", 6, 30);
}

static void test_region_link_chains_children_in_file_order(void **state)
{
    region_state *s = *state;
    /* Children before and after their parent in the file. */
    add(s, "520100", ZB_LEVEL_CITY, "520000", 2);
    add(s, "520000", ZB_LEVEL_PROVINCE, NULL, 3);
    add(s, "520200", ZB_LEVEL_CITY, "520000", 4);
    add(s, "520102", ZB_LEVEL_COUNTY, "520100", 5);
    add(s, "520300", ZB_LEVEL_CITY, "520000", 6);
    assert_int_equal(zb_regions_link(&s->rs, s->strs, "regions.csv", s->diags), 0);
    const zb_region *p = at(s, "520000");
    assert_int_equal(p->nchildren, 3);
    static const char *const order[] = {"520100", "520200", "520300"};
    long c = p->first_child;
    for (size_t k = 0; k < 3; k++) {
        assert_int_equal(c, find(s, order[k]));
        c = s->rs.items[c].next_sibling;
    }
    assert_int_equal(c, -1);
    assert_int_equal(at(s, "520100")->nchildren, 1);
    assert_int_equal(at(s, "520100")->first_child, find(s, "520102"));
    assert_int_equal(at(s, "520200")->first_child, -1);
}

static void test_region_link_twice_gives_the_same_tree(void **state)
{
    region_state *s = *state;
    add(s, "520000", ZB_LEVEL_PROVINCE, NULL, 2);
    add(s, "520100", ZB_LEVEL_CITY, "520000", 3);
    add(s, "520200", ZB_LEVEL_CITY, "520000", 4);
    zb_regions_link(&s->rs, s->strs, "regions.csv", s->diags);
    zb_regions_link(&s->rs, s->strs, "regions.csv", s->diags);
    const zb_region *p = at(s, "520000");
    assert_int_equal(p->nchildren, 2);
    assert_int_equal(p->first_child, find(s, "520100"));
    assert_int_equal(s->rs.items[p->first_child].next_sibling, find(s, "520200"));
    assert_int_equal(at(s, "520200")->next_sibling, -1);
}

static void test_region_parses_level_names_in_english_and_chinese(void **state)
{
    (void)state;
    assert_int_equal(zb_level_parse("country"), ZB_LEVEL_COUNTRY);
    assert_int_equal(zb_level_parse("province"), ZB_LEVEL_PROVINCE);
    assert_int_equal(zb_level_parse("city"), ZB_LEVEL_CITY);
    assert_int_equal(zb_level_parse("county"), ZB_LEVEL_COUNTY);
    assert_int_equal(zb_level_parse("zone"), ZB_LEVEL_ZONE);
    assert_int_equal(zb_level_parse("省"), ZB_LEVEL_PROVINCE);
    assert_int_equal(zb_level_parse("市"), ZB_LEVEL_CITY);
    assert_int_equal(zb_level_parse("县"), ZB_LEVEL_COUNTY);
    assert_int_equal(zb_level_parse("功能区"), ZB_LEVEL_ZONE);
    assert_int_equal(zb_level_parse("City"), -1);
    assert_int_equal(zb_level_parse(""), -1);
    assert_int_equal(zb_level_parse("village"), -1);
}

static void test_region_names_and_labels_levels(void **state)
{
    (void)state;
    assert_string_equal(zb_level_name(ZB_LEVEL_CITY), "city");
    assert_string_equal(zb_level_label(ZB_LEVEL_COUNTY), "county");
    zb_lang_set(ZB_LANG_ZH);
    assert_string_equal(zb_level_label(ZB_LEVEL_PROVINCE), "省");
    zb_lang_set(ZB_LANG_EN);
}

static void test_region_ranks_a_zone_with_counties(void **state)
{
    (void)state;
    assert_int_equal(zb_level_rank(ZB_LEVEL_ZONE), zb_level_rank(ZB_LEVEL_COUNTY));
    assert_true(zb_level_rank(ZB_LEVEL_PROVINCE) < zb_level_rank(ZB_LEVEL_CITY));
    assert_true(zb_level_rank(ZB_LEVEL_CITY) < zb_level_rank(ZB_LEVEL_ZONE));
}

/* Expects zb_region_code_check to refuse code at character col with a
 * message containing want. */
#define CODE_BAD(code, level, parent, col, want)                                          \
    do {                                                                                  \
        char msg_[512] = "";                                                              \
        size_t col_ = 0;                                                                  \
        assert_int_equal(zb_region_code_check(code, level, parent, msg_, sizeof msg_, &col_), -1); \
        assert_int_equal(col_, col);                                                      \
        if (!strstr(msg_, want))                                                          \
            fail_msg("'%s': got '%s', want '%s'", code, msg_, want);                    \
    } while (0)

static void test_region_codes_are_six_digits_or_a_zones_parent_abbr(void **state)
{
    (void)state;
    char msg[512];
    size_t col = 0;
    assert_int_equal(zb_region_code_check("520502", ZB_LEVEL_COUNTY, "520500", msg, sizeof msg, &col), 0);
    assert_int_equal(zb_region_code_check("520000", ZB_LEVEL_PROVINCE, "", msg, sizeof msg, &col), 0);
    /* A zone may have a standard code, or PARENT-ABBR with its parent's code. */
    assert_int_equal(zb_region_code_check("520590", ZB_LEVEL_ZONE, "520500", msg, sizeof msg, &col), 0);
    assert_int_equal(zb_region_code_check("520500-JHH", ZB_LEVEL_ZONE, "520500", msg, sizeof msg, &col), 0);
    assert_int_equal(zb_region_code_check("520500-bldj2", ZB_LEVEL_ZONE, "520500", msg, sizeof msg, &col), 0);
    /* The column is the character the problem is at: A is the first,
     * X the sixth; "5205" stops after 4, so the 5th is missing. */
    CODE_BAD("ABC", ZB_LEVEL_COUNTY, "520500", 1, "invalid region code 'ABC' ('A' is not a digit): expected a 6-digit");
    CODE_BAD("52050X", ZB_LEVEL_COUNTY, "520500", 6, "('X' is not a digit)");
    CODE_BAD("5205", ZB_LEVEL_COUNTY, "520500", 5, "(only 4 digits)");
    CODE_BAD("", ZB_LEVEL_COUNTY, "520500", 1, "(only 0 digits)");
    CODE_BAD("5205021", ZB_LEVEL_COUNTY, "520500", 7, "(more than 6 digits)");
    CODE_BAD("520502 ", ZB_LEVEL_COUNTY, "520500", 7, "(' ' after the 6 digits)");
    /* Full-width digits are counted as characters: the first is column 1. */
    CODE_BAD("５２０５０２", ZB_LEVEL_COUNTY, "520500", 1, "is a full-width digit");
    CODE_BAD("52０502", ZB_LEVEL_COUNTY, "520500", 3, "('０' is a full-width digit");
    CODE_BAD("520500-", ZB_LEVEL_ZONE, "520500", 8, "(nothing after the hyphen)");
    CODE_BAD("520500-金海", ZB_LEVEL_ZONE, "520500", 8, "(the abbreviation has '金'");
    CODE_BAD("520500-JHH", ZB_LEVEL_COUNTY, "520500", 7, "is written as a zone's, but the level is county");
    CODE_BAD("520600-JHH", ZB_LEVEL_ZONE, "520500", 1, "zone code '520600-JHH' must start with its parent's code '520500'");
    CODE_BAD("520500-JHH", ZB_LEVEL_ZONE, "", 1, "no parent is given (parent is empty): expected 520500");
    CODE_BAD("520500-JHH", ZB_LEVEL_ZONE, "5205001", 1, "must start with its parent's code '5205001'");
}

int main(void)
{
#define T(f) cmocka_unit_test_setup_teardown(f, setup, teardown)
    const struct CMUnitTest tests[] = {
        T(test_region_add_returns_consecutive_indexes_found_by_code),
        T(test_region_add_rejects_a_duplicate_code_naming_the_first),
        T(test_region_loader_names_both_lines_of_a_duplicate_code),
        T(test_region_link_resolves_parents),
        T(test_region_link_reports_an_unknown_parent_at_the_parent_cell),
        T(test_region_link_rejects_a_county_above_a_city),
        T(test_region_link_rejects_a_parent_at_the_same_level),
        T(test_region_link_reports_wrong_level_in_chinese),
        T(test_region_link_reports_a_cycle_of_two_regions_once_as_a_cycle),
        T(test_region_link_reports_a_cycle_through_levels_as_a_cycle),
        T(test_region_link_rejects_a_region_that_is_its_own_parent),
        T(test_region_link_names_six_members_of_a_long_cycle_then_an_ellipsis),
        T(test_region_link_walks_a_loop_of_100000_regions_without_recursion),
        T(test_region_link_allows_zones_under_a_city_or_a_province),
        T(test_region_link_rejects_a_zone_under_a_county_and_a_county_under_a_zone),
        T(test_region_link_chains_children_in_file_order),
        T(test_region_link_twice_gives_the_same_tree),
        T(test_region_parses_level_names_in_english_and_chinese),
        T(test_region_names_and_labels_levels),
        T(test_region_codes_are_six_digits_or_a_zones_parent_abbr),
        T(test_region_ranks_a_zone_with_counties),
    };
#undef T
    return cmocka_run_group_tests_name("zb_region", tests, NULL, NULL);
}
