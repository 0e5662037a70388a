/* zb_indicator: kinds, aggregation rules and their checks. */
#include "zb_test.h"

#include "zb_indicator.h"
#include "zb_strtab.h"

typedef struct ind_state {
    zb_strtab *strs;
    zb_indicators is;
    zb_diags *diags;
    char tmp[32];
} ind_state;

static int setup(void **state)
{
    zb_lang_set(ZB_LANG_EN);
    ind_state *s = calloc(1, sizeof *s);
    if (!s)
        return -1;
    s->strs = zb_strtab_new();
    s->diags = zb_diags_new();
    zb_indicators_init(&s->is);
    *state = s;
    return s->strs && s->diags ? 0 : -1;
}

static int teardown(void **state)
{
    ind_state *s = *state;
    zb_indicators_free(&s->is);
    zb_strtab_free(s->strs);
    zb_diags_free(s->diags);
    if (s->tmp[0])
        zbt_rmdir(s->tmp);
    free(s);
    zb_lang_set(ZB_LANG_ZH);
    return 0;
}

static const char *str(ind_state *s, uint32_t id) { return zb_strtab_get(s->strs, id); }

/* Parses a rule that must be good. */
static zb_aggregation parse_ok(ind_state *s, const char *text)
{
    zb_aggregation agg;
    char msg[256] = "";
    size_t col = 0;
    if (zb_aggregation_parse(text, s->strs, &agg, msg, sizeof msg, &col) != 0)
        fail_msg("'%s' refused at col %zu: %s", text, col, msg);
    return agg;
}

/* Parses a rule that must be refused at col with needle in the message. */
static void parse_bad(ind_state *s, const char *text, size_t want_col, const char *needle)
{
    zb_aggregation agg;
    char msg[256] = "";
    size_t col = 0;
    if (zb_aggregation_parse(text, s->strs, &agg, msg, sizeof msg, &col) == 0)
        fail_msg("'%s' accepted", text);
    if (col != want_col || !strstr(msg, needle))
        fail_msg("'%s': col %zu \"%s\"; expected col %zu containing \"%s\"", text, col, msg, want_col,
                 needle);
}

/* Adds an indicator as the loader would from line `line`, its rule cell at
 * column 40 (rule NULL: the default for the kind). */
static long add(ind_state *s, const char *code, zb_kind kind, const char *rule, unsigned long line)
{
    zb_indicator ind;
    memset(&ind, 0, sizeof ind);
    ind.code = zb_strtab_intern(s->strs, code, strlen(code));
    ind.kind = kind;
    ind.line = line;
    ind.agg_col = 40;
    if (rule) {
        ind.agg = parse_ok(s, rule);
        ind.agg_given = 1;
    } else {
        ind.agg.rule = zb_default_aggregation(kind);
        ind.agg.scale = 1.0;
    }
    return zb_indicators_add(&s->is, &ind, NULL);
}

static long find(ind_state *s, const char *code)
{
    return zb_indicators_find(&s->is, zb_strtab_find(s->strs, code, strlen(code)));
}

/* ---- parsing ---- */

static void test_indicator_parses_rules_without_operands(void **state)
{
    ind_state *s = *state;
    static const struct { const char *text; zb_agg_rule rule; } cases[] = {
        {"sum", ZB_AGG_SUM}, {"min", ZB_AGG_MIN}, {"max", ZB_AGG_MAX}, {"none", ZB_AGG_NONE}};
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        zb_aggregation agg = parse_ok(s, cases[i].text);
        assert_int_equal(agg.rule, cases[i].rule);
        assert_int_equal(agg.noperands, 0);
        assert_float_equal(agg.scale, 1.0, 0.0);
    }
}

static void test_indicator_parses_ratio_with_its_scale(void **state)
{
    ind_state *s = *state;
    zb_aggregation agg = parse_ok(s, "ratio(urban_pop,resident_pop,100)");
    assert_int_equal(agg.rule, ZB_AGG_RATIO);
    assert_int_equal(agg.noperands, 2);
    assert_string_equal(str(s, agg.operand_code[0]), "urban_pop");
    assert_string_equal(str(s, agg.operand_code[1]), "resident_pop");
    assert_int_equal(agg.operand[0], -1); /* not linked yet */
    assert_float_equal(agg.scale, 100.0, 0.0);
}

static void test_indicator_parses_ratio_without_a_scale_as_scale_one(void **state)
{
    ind_state *s = *state;
    zb_aggregation agg = parse_ok(s, "ratio(a,b)");
    assert_int_equal(agg.noperands, 2);
    assert_float_equal(agg.scale, 1.0, 0.0);
    agg = parse_ok(s, "ratio( a , b , 0.5 )");
    assert_float_equal(agg.scale, 0.5, 0.0);
    assert_string_equal(str(s, agg.operand_code[1]), "b");
}

static void test_indicator_parses_wmean_growth_and_structure(void **state)
{
    ind_state *s = *state;
    zb_aggregation agg = parse_ok(s, "wmean(resident_pop)");
    assert_int_equal(agg.rule, ZB_AGG_WMEAN);
    assert_int_equal(agg.noperands, 1);
    assert_string_equal(str(s, agg.operand_code[0]), "resident_pop");
    agg = parse_ok(s, "growth(gdp)");
    assert_int_equal(agg.rule, ZB_AGG_GROWTH);
    assert_int_equal(agg.noperands, 1);
    assert_string_equal(str(s, agg.operand_code[0]), "gdp");
    agg = parse_ok(s, "structure(va_primary,va_secondary,va_tertiary)");
    assert_int_equal(agg.rule, ZB_AGG_STRUCTURE);
    assert_int_equal(agg.noperands, 3);
    assert_string_equal(str(s, agg.operand_code[2]), "va_tertiary");
}

static void test_indicator_refuses_an_unknown_rule_at_column_one(void **state)
{
    ind_state *s = *state;
    parse_bad(s, "summ", 1, "unknown aggregation rule 'summ'");
    parse_bad(s, "SUM", 1, "unknown aggregation rule 'SUM'");
    parse_bad(s, "average(x)", 1, "unknown aggregation rule");
    parse_bad(s, "", 1, "unknown aggregation rule");
}

static void test_indicator_refuses_operands_on_a_rule_that_takes_none(void **state)
{
    ind_state *s = *state;
    parse_bad(s, "sum(gdp)", 4, "rule sum takes no operands");
    parse_bad(s, "max x", 4, "rule max takes no operands");
}

static void test_indicator_refuses_a_rule_missing_its_parentheses(void **state)
{
    ind_state *s = *state;
    parse_bad(s, "wmean", 6, "rule wmean needs indicator codes in parentheses");
    parse_bad(s, "growth gdp", 7, "rule growth needs indicator codes in parentheses");
}

static void test_indicator_refuses_an_empty_operand_at_its_column(void **state)
{
    ind_state *s = *state;
    parse_bad(s, "wmean()", 7, "expected an indicator code here");
    parse_bad(s, "ratio(a,,100)", 9, "expected an indicator code here");
}

static void test_indicator_refuses_a_bad_ratio_scale_at_its_column(void **state)
{
    ind_state *s = *state;
    parse_bad(s, "ratio(a,b,0)", 11, "positive scale");
    parse_bad(s, "ratio(a,b,x)", 11, "positive scale");
    parse_bad(s, "ratio(a,b,1e)", 11, "positive scale");
}

static void test_indicator_refuses_a_number_where_a_code_belongs(void **state)
{
    ind_state *s = *state;
    parse_bad(s, "ratio(100,b)", 7, "expected an indicator code, not a number");
    parse_bad(s, "wmean(5)", 7, "expected an indicator code, not a number");
}

static void test_indicator_refuses_a_missing_close_or_junk_at_its_column(void **state)
{
    ind_state *s = *state;
    parse_bad(s, "wmean(pop", 10, "expected ',' or ')' here");
    parse_bad(s, "wmean(a;b)", 8, "expected ',' or ')' here");
    parse_bad(s, "growth(gdp) x", 11, "expected ',' or ')' here");
}

static void test_indicator_refuses_the_wrong_number_of_operands(void **state)
{
    ind_state *s = *state;
    parse_bad(s, "wmean(a,b)", 6, "wrong number of operands for wmean (2)");
    parse_bad(s, "growth(a,b)", 7, "wrong number of operands for growth (2)");
    parse_bad(s, "structure(a)", 10, "wrong number of operands for structure (1)");
    parse_bad(s, "ratio(a)", 6, "wrong number of operands for ratio (1)");
    parse_bad(s, "ratio(a,b,100,c)", 6, "wrong number of operands for ratio (4)");
}

static void test_indicator_refuses_more_than_eight_operands(void **state)
{
    ind_state *s = *state;
    parse_ok(s, "structure(a,b,c,d,e,f,g,h)");
    parse_bad(s, "structure(a,b,c,d,e,f,g,h,i)", 27, "too many operands (at most 8)");
}

static void test_indicator_writes_a_rule_back_as_text(void **state)
{
    ind_state *s = *state;
    static const char *const rules[] = {
        "sum", "none", "min", "max", "ratio(urban_pop,resident_pop,100)", "ratio(a,b)",
        "wmean(resident_pop)", "structure(a,b,c)", "growth(gdp)"};
    for (size_t i = 0; i < sizeof rules / sizeof rules[0]; i++) {
        zb_aggregation agg = parse_ok(s, rules[i]);
        char buf[128];
        zb_aggregation_format(&agg, s->strs, buf, sizeof buf);
        assert_string_equal(buf, rules[i]);
    }
}

static void test_indicator_truncates_a_formatted_rule_to_the_buffer(void **state)
{
    ind_state *s = *state;
    zb_aggregation agg = parse_ok(s, "structure(alpha,beta,gamma)");
    char buf[12];
    zb_aggregation_format(&agg, s->strs, buf, sizeof buf);
    assert_string_equal(buf, "structure(a");
}

static void test_indicator_writes_parse_errors_in_chinese(void **state)
{
    ind_state *s = *state;
    zb_lang_set(ZB_LANG_ZH);
    zb_aggregation agg;
    char msg[256];
    size_t col;
    assert_int_equal(zb_aggregation_parse("wmean()", s->strs, &agg, msg, sizeof msg, &col), -1);
    zb_lang_set(ZB_LANG_EN);
    assert_int_equal(col, 7);
    assert_non_null(strstr(msg, "此处应为指标代码"));
}

/* ---- defaults and names ---- */

static void test_indicator_defaults_to_sum_for_levels_and_none_otherwise(void **state)
{
    (void)state;
    assert_int_equal(zb_default_aggregation(ZB_KIND_LEVEL), ZB_AGG_SUM);
    for (int k = ZB_KIND_RATE; k < ZB_KIND_COUNT; k++)
        assert_int_equal(zb_default_aggregation((zb_kind)k), ZB_AGG_NONE);
}

static void test_indicator_parses_kinds_attributes_and_directions(void **state)
{
    (void)state;
    assert_int_equal(zb_kind_parse("level"), ZB_KIND_LEVEL);
    assert_int_equal(zb_kind_parse("percap"), ZB_KIND_PERCAP);
    assert_int_equal(zb_kind_parse("other"), ZB_KIND_OTHER);
    assert_int_equal(zb_kind_parse("Level"), -1);
    assert_int_equal(zb_kind_parse(""), -1);
    assert_int_equal(zb_attribute_parse(""), ZB_ATTR_NONE);
    assert_int_equal(zb_attribute_parse("binding"), ZB_ATTR_BINDING);
    assert_int_equal(zb_attribute_parse("约束性"), ZB_ATTR_BINDING);
    assert_int_equal(zb_attribute_parse("预期性"), ZB_ATTR_ANTICIPATORY);
    assert_int_equal(zb_attribute_parse("mandatory"), -1);
    assert_int_equal(zb_direction_parse(""), ZB_DIR_UP);
    assert_int_equal(zb_direction_parse("down"), ZB_DIR_DOWN);
    assert_int_equal(zb_direction_parse("none"), ZB_DIR_NONE);
    assert_int_equal(zb_direction_parse("sideways"), -1);
    assert_string_equal(zb_kind_name(ZB_KIND_STRUCTURE), "structure");
    assert_string_equal(zb_agg_rule_name(ZB_AGG_WMEAN), "wmean");
    assert_string_equal(zb_attribute_name(ZB_ATTR_ANTICIPATORY), "anticipatory");
    assert_string_equal(zb_direction_name(ZB_DIR_DOWN), "down");
}

/* ---- the store and linking ---- */

static void test_indicator_add_rejects_a_duplicate_code_naming_the_first(void **state)
{
    ind_state *s = *state;
    assert_int_equal(add(s, "gdp", ZB_KIND_LEVEL, NULL, 2), 0);
    assert_int_equal(add(s, "pop", ZB_KIND_LEVEL, NULL, 3), 1);
    zb_indicator dup;
    memset(&dup, 0, sizeof dup);
    dup.code = zb_strtab_intern(s->strs, "gdp", 3);
    long existing = -1;
    assert_int_equal(zb_indicators_add(&s->is, &dup, &existing), -2);
    assert_int_equal(existing, 0);
    assert_int_equal(s->is.count, 2);
    assert_int_equal(find(s, "pop"), 1);
    assert_int_equal(find(s, "nope"), -1);
}

static void test_indicator_link_resolves_operands_to_indexes(void **state)
{
    ind_state *s = *state;
    add(s, "urbanization_rate", ZB_KIND_RATE, "ratio(urban_pop,resident_pop,100)", 2);
    add(s, "resident_pop", ZB_KIND_LEVEL, NULL, 3);
    add(s, "urban_pop", ZB_KIND_LEVEL, "sum", 4);
    assert_int_equal(zb_indicators_link(&s->is, s->strs, "indicators.csv", s->diags), 0);
    ZBT_EXPECT_CLEAN(s->diags);
    const zb_aggregation *agg = &s->is.items[find(s, "urbanization_rate")].agg;
    assert_int_equal(agg->operand[0], find(s, "urban_pop"));
    assert_int_equal(agg->operand[1], find(s, "resident_pop"));
}

static void test_indicator_link_rejects_sum_on_a_rate(void **state)
{
    ind_state *s = *state;
    add(s, "urbanization_rate", ZB_KIND_RATE, "sum", 5);
    assert_int_equal(zb_indicators_link(&s->is, s->strs, "indicators.csv", s->diags), 1);
    ZBT_EXPECT_DIAG(s->diags, ZB_ERROR, "indicator urbanization_rate is of kind \"rate\" and cannot be summed", 5, 40);
}

static void test_indicator_link_rejects_sum_on_a_per_capita_value(void **state)
{
    ind_state *s = *state;
    add(s, "income", ZB_KIND_PERCAP, "sum", 3);
    add(s, "gdp_growth", ZB_KIND_GROWTH, "sum", 4);
    assert_int_equal(zb_indicators_link(&s->is, s->strs, "indicators.csv", s->diags), 2);
    ZBT_EXPECT_DIAG(s->diags, ZB_ERROR, "indicator income is of kind \"per capita\" and cannot be summed", 3, 40);
    ZBT_EXPECT_DIAG(s->diags, ZB_ERROR, "indicator gdp_growth is of kind \"growth\" and cannot be summed", 4, 40);
}

static void test_indicator_link_rejects_an_unknown_operand(void **state)
{
    ind_state *s = *state;
    add(s, "income", ZB_KIND_PERCAP, "wmean(resident_pop)", 2);
    assert_int_equal(zb_indicators_link(&s->is, s->strs, "indicators.csv", s->diags), 1);
    ZBT_EXPECT_DIAG(s->diags, ZB_ERROR,
                    "aggregation rule refers to indicator 'resident_pop', which does not exist (indicator income)",
                    2, 40);
    assert_int_equal(s->is.items[0].agg.operand[0], -1);
}

static void test_indicator_link_rejects_an_operand_that_is_not_a_level(void **state)
{
    ind_state *s = *state;
    add(s, "urbanization_rate", ZB_KIND_RATE, "none", 2);
    add(s, "income", ZB_KIND_PERCAP, "wmean(urbanization_rate)", 3);
    assert_int_equal(zb_indicators_link(&s->is, s->strs, "indicators.csv", s->diags), 1);
    ZBT_EXPECT_DIAG(s->diags, ZB_ERROR,
                    "the wmean rule of income needs level indicators, but 'urbanization_rate' is a rate", 3, 40);
}

static void test_indicator_link_rejects_a_rule_that_refers_to_itself(void **state)
{
    ind_state *s = *state;
    add(s, "gdp_growth", ZB_KIND_GROWTH, "growth(gdp_growth)", 2);
    assert_int_equal(zb_indicators_link(&s->is, s->strs, "indicators.csv", s->diags), 1);
    ZBT_EXPECT_DIAG(s->diags, ZB_ERROR, "the aggregation rule of gdp_growth refers to itself", 2, 40);
}

static void test_indicator_link_reports_sum_on_a_rate_in_chinese(void **state)
{
    ind_state *s = *state;
    add(s, "urbanization_rate", ZB_KIND_RATE, "sum", 2);
    zb_lang_set(ZB_LANG_ZH);
    zb_indicators_link(&s->is, s->strs, "indicators.csv", s->diags);
    zb_lang_set(ZB_LANG_EN);
    ZBT_EXPECT_DIAG(s->diags, ZB_ERROR, "指标 urbanization_rate 是比率，不能用 sum 汇总", 2, 40);
}

static void test_indicator_link_rejects_sum_on_every_kind_but_level(void **state)
{
    ind_state *s = *state;
    add(s, "energy_intensity_reduction", ZB_KIND_REDUCTION, "sum", 2);
    add(s, "rank", ZB_KIND_OTHER, "sum", 3);
    add(s, "industry_structure", ZB_KIND_STRUCTURE, "sum", 4);
    assert_int_equal(zb_indicators_link(&s->is, s->strs, "indicators.csv", s->diags), 3);
    ZBT_EXPECT_DIAG(s->diags, ZB_ERROR, "indicator energy_intensity_reduction is of kind \"reduction\" and cannot be summed", 2, 40);
    ZBT_EXPECT_DIAG(s->diags, ZB_ERROR, "indicator rank is of kind \"other\" and cannot be summed", 3, 40);
    ZBT_EXPECT_DIAG(s->diags, ZB_ERROR, "indicator industry_structure is of kind \"structure\" and cannot be summed", 4, 40);
}

static void test_indicator_link_rejects_a_rule_that_does_not_fit_the_kind(void **state)
{
    ind_state *s = *state;
    add(s, "gdp", ZB_KIND_LEVEL, NULL, 2);
    add(s, "pop", ZB_KIND_LEVEL, NULL, 3);
    add(s, "gdp_growth", ZB_KIND_GROWTH, "wmean(gdp)", 4);     /* needs last year's levels */
    add(s, "urbanization_rate", ZB_KIND_RATE, "growth(gdp)", 5);
    add(s, "gdp2", ZB_KIND_LEVEL, "ratio(gdp,pop,100)", 6);    /* a level adds up */
    add(s, "structure", ZB_KIND_STRUCTURE, "max", 7);
    add(s, "shares", ZB_KIND_RATE, "structure(gdp,pop)", 8);
    add(s, "reduction", ZB_KIND_REDUCTION, "wmean(gdp)", 9);
    assert_int_equal(zb_indicators_link(&s->is, s->strs, "indicators.csv", s->diags), 6);
    ZBT_EXPECT_DIAG(s->diags, ZB_ERROR,
                    "indicator gdp_growth is of kind \"growth\" and cannot be aggregated with wmean: a growth rate is weighted by the previous year's levels: use growth(LEVEL)",
                    4, 40);
    ZBT_EXPECT_DIAG(s->diags, ZB_ERROR, "indicator urbanization_rate is of kind \"rate\" and cannot be aggregated with growth", 5, 40);
    ZBT_EXPECT_DIAG(s->diags, ZB_ERROR, "indicator gdp2 is of kind \"level\" and cannot be aggregated with ratio: a level uses sum", 6, 40);
    ZBT_EXPECT_DIAG(s->diags, ZB_ERROR, "indicator structure is of kind \"structure\" and cannot be aggregated with max", 7, 40);
    ZBT_EXPECT_DIAG(s->diags, ZB_ERROR, "indicator shares is of kind \"rate\" and cannot be aggregated with structure", 8, 40);
    ZBT_EXPECT_DIAG(s->diags, ZB_ERROR, "indicator reduction is of kind \"reduction\" and cannot be aggregated with wmean", 9, 40);
}

static void test_indicator_link_accepts_the_rules_that_fit(void **state)
{
    ind_state *s = *state;
    add(s, "gdp", ZB_KIND_LEVEL, NULL, 2);
    add(s, "pop", ZB_KIND_LEVEL, "sum", 3);
    add(s, "gdp_per_capita", ZB_KIND_PERCAP, "ratio(gdp,pop,10000)", 4);
    add(s, "income", ZB_KIND_PERCAP, "wmean(pop)", 5);
    add(s, "forest_cover", ZB_KIND_RATE, "wmean(pop)", 6);
    add(s, "life_expectancy", ZB_KIND_OTHER, "wmean(pop)", 7);
    add(s, "gdp_growth", ZB_KIND_GROWTH, "growth(gdp)", 8);
    add(s, "unemployment", ZB_KIND_RATE, "max", 9);
    add(s, "structure", ZB_KIND_STRUCTURE, "structure(gdp,pop)", 10);
    add(s, "reduction", ZB_KIND_REDUCTION, "none", 11);
    add(s, "level_max", ZB_KIND_LEVEL, "min", 12);
    assert_int_equal(zb_indicators_link(&s->is, s->strs, "indicators.csv", s->diags), 0);
    ZBT_EXPECT_CLEAN(s->diags);
}

static void test_indicator_link_explains_a_misfit_rule_in_chinese(void **state)
{
    ind_state *s = *state;
    add(s, "gdp", ZB_KIND_LEVEL, NULL, 2);
    add(s, "gdp_growth", ZB_KIND_GROWTH, "wmean(gdp)", 3);
    zb_lang_set(ZB_LANG_ZH);
    zb_indicators_link(&s->is, s->strs, "indicators.csv", s->diags);
    zb_lang_set(ZB_LANG_EN);
    ZBT_EXPECT_DIAG(s->diags, ZB_ERROR, "指标 gdp_growth 是增速，不能用 wmean 汇总：增速须按上年总量加权，用 growth(总量)", 3, 40);
}

/* ---- through the loader ---- */

static void test_indicator_loader_uses_the_default_rule_when_none_is_given(void **state)
{
    ind_state *s = *state;
    char path[512];
    zbt_write_str(zbt_path(path, zbt_tmpdir(s->tmp), "indicators.csv"),
                  "code,name,unit,kind,aggregation\n"
                  "gdp,地区生产总值,亿元,level,\n"
                  "urbanization_rate,城镇化率,%,rate,\n"
                  "fai,固定资产投资,亿元,level,max\n");
    zb_dataset *ds = zb_dataset_new();
    assert_int_equal(zb_load_file(ds, ZB_FILE_INDICATORS, path, NULL, s->diags), 0);
    assert_int_equal(zb_indicators_link(&ds->indicators, ds->strs, path, s->diags), 0);
    ZBT_EXPECT_CLEAN(s->diags);
    const zb_indicator *gdp = &ds->indicators.items[zb_ds_indicator(ds, "gdp")];
    const zb_indicator *rate = &ds->indicators.items[zb_ds_indicator(ds, "urbanization_rate")];
    const zb_indicator *fai = &ds->indicators.items[zb_ds_indicator(ds, "fai")];
    assert_int_equal(gdp->agg.rule, ZB_AGG_SUM);
    assert_int_equal(gdp->agg_given, 0);
    assert_int_equal(rate->agg.rule, ZB_AGG_NONE);
    assert_int_equal(fai->agg.rule, ZB_AGG_MAX);
    assert_int_equal(fai->agg_given, 1);
    assert_int_equal(gdp->decimals, 2);
    assert_int_equal(gdp->direction, ZB_DIR_UP);
    zb_dataset_free(ds);
}

static void test_indicator_loader_points_a_bad_rule_error_into_a_quoted_cell(void **state)
{
    ind_state *s = *state;
    char path[512];
    zbt_write_str(zbt_path(path, zbt_tmpdir(s->tmp), "indicators.csv"),
                  "code,name,kind,aggregation\n"
                  "x,名称,rate,\"ratio(a,b,0)\"\n");
    zb_dataset *ds = zb_dataset_new();
    assert_int_equal(zb_load_file(ds, ZB_FILE_INDICATORS, path, NULL, s->diags), 1);
    /* The cell's quote is column 11, its text starts at 12, the 0 is the
     * 11th character of the text. */
    ZBT_EXPECT_DIAG(s->diags, ZB_ERROR, "bad aggregation rule 'ratio(a,b,0)': the third operand of ratio", 2,
                    22);
    assert_int_equal(ds->indicators.count, 0);
    zb_dataset_free(ds);
}

int main(void)
{
#define T(f) cmocka_unit_test_setup_teardown(f, setup, teardown)
    const struct CMUnitTest tests[] = {
        T(test_indicator_parses_rules_without_operands),
        T(test_indicator_parses_ratio_with_its_scale),
        T(test_indicator_parses_ratio_without_a_scale_as_scale_one),
        T(test_indicator_parses_wmean_growth_and_structure),
        T(test_indicator_refuses_an_unknown_rule_at_column_one),
        T(test_indicator_refuses_operands_on_a_rule_that_takes_none),
        T(test_indicator_refuses_a_rule_missing_its_parentheses),
        T(test_indicator_refuses_an_empty_operand_at_its_column),
        T(test_indicator_refuses_a_bad_ratio_scale_at_its_column),
        T(test_indicator_refuses_a_number_where_a_code_belongs),
        T(test_indicator_refuses_a_missing_close_or_junk_at_its_column),
        T(test_indicator_refuses_the_wrong_number_of_operands),
        T(test_indicator_refuses_more_than_eight_operands),
        T(test_indicator_writes_a_rule_back_as_text),
        T(test_indicator_truncates_a_formatted_rule_to_the_buffer),
        T(test_indicator_writes_parse_errors_in_chinese),
        T(test_indicator_defaults_to_sum_for_levels_and_none_otherwise),
        T(test_indicator_parses_kinds_attributes_and_directions),
        T(test_indicator_add_rejects_a_duplicate_code_naming_the_first),
        T(test_indicator_link_resolves_operands_to_indexes),
        T(test_indicator_link_rejects_sum_on_a_rate),
        T(test_indicator_link_rejects_sum_on_a_per_capita_value),
        T(test_indicator_link_rejects_an_unknown_operand),
        T(test_indicator_link_rejects_an_operand_that_is_not_a_level),
        T(test_indicator_link_rejects_a_rule_that_refers_to_itself),
        T(test_indicator_link_reports_sum_on_a_rate_in_chinese),
        T(test_indicator_link_rejects_sum_on_every_kind_but_level),
        T(test_indicator_link_rejects_a_rule_that_does_not_fit_the_kind),
        T(test_indicator_link_accepts_the_rules_that_fit),
        T(test_indicator_link_explains_a_misfit_rule_in_chinese),
        T(test_indicator_loader_uses_the_default_rule_when_none_is_given),
        T(test_indicator_loader_points_a_bad_rule_error_into_a_quoted_cell),
    };
#undef T
    return cmocka_run_group_tests_name("zb_indicator", tests, NULL, NULL);
}
