#include "zb_load.h"

#include "zb_lang.h"
#include "zb_num.h"
#include "zb_reader.h"
#include "zb_spec.h"
#include "zb_table.h"
#include "zb_text.h"

#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/* ---- columns of each file kind (docs/dataset-format.md) ---- */

enum { R_CODE, R_NAME, R_LEVEL, R_PARENT, R_NAME_EN, R_SOURCE, R_NOTE, R_NCOLS };
static const zb_column region_cols[R_NCOLS] = {
    {"code", "代码", 1, -1}, {"name", "名称", 1, -1}, {"level", "级别", 1, -1},
    {"parent", "上级", 0, -1}, {"name_en", "英文名称", 0, -1}, {"source", "来源", 0, -1},
    {"note", "备注", 0, -1}};

enum { I_CODE, I_NAME, I_NAME_EN, I_UNIT, I_CATEGORY, I_ATTRIBUTE, I_KIND, I_AGG,
       I_DIRECTION, I_DECIMALS, I_SOURCE, I_NOTE, I_NCOLS };
static const zb_column indicator_cols[I_NCOLS] = {
    {"code", "代码", 1, -1}, {"name", "名称", 1, -1}, {"name_en", "英文名称", 0, -1},
    {"unit", "单位", 0, -1}, {"category", "类别", 0, -1}, {"attribute", "属性", 0, -1},
    {"kind", "类型", 1, -1}, {"aggregation", "汇总规则", 0, -1},
    {"direction", "方向", 0, -1}, {"decimals", "小数位", 0, -1},
    {"source", "来源", 0, -1}, {"note", "备注", 0, -1}};

enum { O_REGION, O_INDICATOR, O_YEAR, O_VALUE, O_STATUS, O_RAW, O_SOURCE, O_NOTE, O_NCOLS };
static const zb_column obs_cols[O_NCOLS] = {
    {"region", "地区", 1, -1}, {"indicator", "指标", 1, -1}, {"year", "年份", 1, -1},
    {"value", "数值", 1, -1}, {"status", "状态", 0, -1}, {"raw", "原文", 0, -1},
    {"source", "来源", 0, -1}, {"note", "备注", 0, -1}};

enum { T_PLAN, T_PLAN_NAME, T_REGION, T_INDICATOR, T_BASE_YEAR, T_BASE_TEXT, T_BASE_VALUE,
       T_TARGET_YEAR, T_TARGET_TEXT, T_GROWTH_TEXT, T_ACHIEVED_TEXT, T_ACHIEVED_GROWTH_TEXT,
       T_ATTRIBUTE, T_SOURCE, T_NOTE, T_NCOLS };
static const zb_column target_cols[T_NCOLS] = {
    {"plan", "规划", 1, -1}, {"plan_name", "规划名称", 0, -1}, {"region", "地区", 1, -1},
    {"indicator", "指标", 1, -1}, {"base_year", "基期年份", 0, -1},
    {"base_text", "基期值原文", 0, -1}, {"base_value", "基期值", 0, -1},
    {"target_year", "目标年份", 1, -1}, {"target_text", "目标值原文", 0, -1},
    {"growth_text", "年均增速原文", 0, -1}, {"achieved_text", "完成情况原文", 0, -1},
    {"achieved_growth_text", "完成增速原文", 0, -1}, {"attribute", "属性", 0, -1},
    {"source", "来源", 0, -1}, {"note", "备注", 0, -1}};

enum { S_KEY, S_VALUE, S_NOTE, S_NCOLS };
static const zb_column settings_cols[S_NCOLS] = {
    {"key", "设置项", 1, -1}, {"value", "值", 1, -1}, {"note", "备注", 0, -1}};

static const char *const file_kind_names[ZB_FILE_COUNT] = {
    "regions", "indicators", "observations", "targets", "settings"};

const char *zb_file_kind_name(zb_file_kind kind)
{
    return kind < ZB_FILE_COUNT ? file_kind_names[kind] : "?";
}

/* ---- per-file state ---- */

/* A row whose field count is not the header's. */
typedef struct mismatch {
    unsigned long line, col;
    size_t n;
} mismatch;
enum { MISMATCH_SHOWN = 3 };

/* The last code a column held and its index: a file lists one region's
 * rows together and one indicator's years in a run. */
typedef struct code_cache {
    char text[32];
    size_t len;
    long idx; /* -1: nothing cached */
} code_cache;

typedef struct load_ctx {
    zb_dataset *ds;
    zb_file_kind kind;
    const char *file;
    zb_diags *diags;
    zb_column cols[16];
    size_t ncols;
    size_t nheader;
    int have_header;
    int header_bad;
    size_t nrows;
    const zb_csv_field *row;
    size_t nrow;
    unsigned long line;
    /* Files list one region's rows together, and one indicator's years in
     * a run: the last code seen of each is compared as bytes before it is
     * hashed again. */
    code_cache last_region, last_indicator;
    zb_csv_field empty;  /* a column the file lacks: "", at column 0 */
    /* observation_plain: usable (an observations file whose header mapped
     * without error), and the fields it needs empty (status, raw, source,
     * note where the file has them). */
    int plain_ok;
    int plain_empty[4], nplain_empty;
    /* Rows naming a region (0) or an indicator (1) that the loader could not
     * read: skipped without an error each, the first kept for one note. */
    struct {
        size_t rows;
        int unread;
        unsigned long line, col, code_line;
        char code[32];
    } skipped[2];
    /* Rows whose field count is not the header's: the first MISMATCH_SHOWN
     * reported at their place, the rest counted in one error.  Held back
     * while no row has matched the header: when every row disagrees alike,
     * the header is what is wrong, and it is reported once. */
    mismatch held[MISMATCH_SHOWN], unlisted;
    size_t nheld, mismatches, matched, mismatch_n;
    int mismatch_same;
    unsigned long *head_col; /* the header's fields: where each starts */
    char **head_name;        /* ... and its name (malloc'd copies) */
    unsigned long head_end_line, head_end_col;
} load_ctx;

/* The index cached for a code with exactly the bytes text[0..n), or -1. */
static long cache_get(const code_cache *k, const char *text, size_t n)
{
    if (k->idx < 0 || n != k->len)
        return -1;
    for (size_t i = 0; i < n; i++) /* codes are short: no memcmp call */
        if (text[i] != k->text[i])
            return -1;
    return k->idx;
}

/* Remembers idx for text[0..n); a code too long to keep is not cached. */
static void cache_put(code_cache *k, const char *text, size_t n, long idx)
{
    if (idx < 0 || n >= sizeof k->text)
        return;
    memcpy(k->text, text, n);
    k->len = n;
    k->idx = idx;
}

/* zb_table_get, inlined: a row of observations asks for its fields a
 * dozen times. */
static const zb_csv_field *F(load_ctx *c, int col)
{
    long i = c->cols[col].index;
    if (i >= 0 && (size_t)i < c->nrow)
        return &c->row[i];
    if (c->cols[col].index < 0) { /* a column the file does not have */
        c->empty.line = c->line;
        return &c->empty;
    }
    return zb_table_get(&c->cols[col], c->row, c->nrow, c->line);
}

/* Column where the text of a field starts (past an opening quote). */
static unsigned long text_col(const zb_csv_field *f)
{
    return f->col ? f->col + (f->quoted ? 1u : 0u) : 0;
}

static void error_at(load_ctx *c, const zb_csv_field *f, const char *fmt, const char *a,
                     const char *b)
{
    zb_diag_add(c->diags, ZB_ERROR, c->file, f->line, text_col(f), fmt, a, b);
}

/* The column of the first character intern_field keeps (after leading
 * blanks), so that an offset into the interned text lands on the line. */
static unsigned long kept_col(const zb_csv_field *f)
{
    unsigned long col = text_col(f);
    for (size_t k = 0; col && k < f->len && (f->text[k] == ' ' || f->text[k] == '\t'); k++)
        col++;
    return col;
}

/* Interns a field trimmed of surrounding ASCII spaces. */
static uint32_t intern_field(load_ctx *c, const zb_csv_field *f)
{
    if (f->len == 0)
        return 0;
    const char *s = f->text;
    size_t len = f->len;
    while (len && (*s == ' ' || *s == '\t'))
        s++, len--;
    while (len && (s[len - 1] == ' ' || s[len - 1] == '\t'))
        len--;
    uint32_t id = zb_strtab_intern(c->ds->strs, s, len);
    if (id == UINT32_MAX) {
        zb_diag_add(c->diags, ZB_ERROR, c->file, f->line, 0, "%s", ZB_T("内存不足", "out of memory"));
        return 0;
    }
    return id;
}

static int is_blank(const zb_csv_field *f)
{
    for (size_t i = 0; i < f->len; i++)
        if (f->text[i] != ' ' && f->text[i] != '\t')
            return 0;
    return 1;
}

static int require(load_ctx *c, int col)
{
    const zb_csv_field *f = F(c, col);
    if (!is_blank(f))
        return 1;
    zb_diag_add(c->diags, ZB_ERROR, c->file, f->line, f->col ? f->col : 0,
                ZB_T("“%s”不能为空", "'%s' must not be empty"), c->cols[col].name);
    return 0;
}

/* Codes are identifiers, compared byte for byte: a stray full-width space or
 * letter would make a code that silently matches nothing. */
static int check_code(load_ctx *c, int col, int allow_dash)
{
    const zb_csv_field *f = F(c, col);
    for (size_t i = 0; i < f->len; i++) {
        unsigned char ch = (unsigned char)f->text[i];
        if (isalnum(ch) || ch == '_' || (allow_dash && ch == '-'))
            continue;
        unsigned long pos = text_col(f) + (unsigned long)zb_utf8_chars(f->text, i);
        zb_diag_add(c->diags, ZB_ERROR, c->file, f->line, pos,
                    ZB_T("代码“%s”中有不允许的字符：代码只能由英文字母、数字、下划线%s组成",
                         "code '%s' has a character that is not allowed: use letters, digits, '_'%s"),
                    f->text, allow_dash ? ZB_T("和连字符", " and '-'") : "");
        return 0;
    }
    return 1;
}

/* Parses a year cell; 0 when empty (and allowed), -1 after an error. */
static int parse_year(load_ctx *c, int col, int required)
{
    const zb_csv_field *f = F(c, col);
    if (f->len == 4) { /* the usual "2024", without the general parser */
        const unsigned char *t = (const unsigned char *)f->text;
        unsigned d0 = t[0] - '0', d1 = t[1] - '0', d2 = t[2] - '0', d3 = t[3] - '0';
        if (d0 < 10 && d1 < 10 && d2 < 10 && d3 < 10) {
            int y = (int)(d0 * 1000 + d1 * 100 + d2 * 10 + d3);
            if (y >= 1900 && y <= 2200)
                return y;
        }
    }
    if (is_blank(f)) {
        if (!required)
            return 0;
        require(c, col);
        return -1;
    }
    double v;
    zb_num_error err;
    zb_num_status st = zb_num_parse(f->text, f->len, 0, &v, &err);
    if (st != ZB_NUM_OK || v != floor(v) || v < 1900 || v > 2200) {
        zb_diag_add(c->diags, ZB_ERROR, c->file, f->line, text_col(f),
                    ZB_T("年份“%s”无效：应为 1900–2200 之间的四位整数年份（如 2025）",
                         "invalid year '%s': expected a four-digit year between 1900 and 2200 (e.g. 2025)"),
                    f->text);
        return -1;
    }
    return (int)v;
}

/* Strips a trailing unit equal to the indicator's own ("37263元" where the
 * unit is 元): documents print figures that way, and the unit adds nothing. */
static size_t without_unit(const zb_csv_field *f, const char *unit)
{
    size_t len = f->len, ulen = strlen(unit);
    while (len && (f->text[len - 1] == ' ' || f->text[len - 1] == '\t'))
        len--;
    if (ulen && ulen < len && memcmp(f->text + len - ulen, unit, ulen) == 0)
        return len - ulen;
    return f->len;
}

/* Parses a number cell.  Returns 1 with *out, 0 when missing, -1 after an
 * error that points at the offending character. */
static int parse_number_unit(load_ctx *c, const zb_csv_field *f, unsigned flags,
                             const char *unit, double *out, const char *what)
{
    zb_num_error err;
    size_t len = strcmp(unit, "%") == 0 || strcmp(unit, "‰") == 0 ? f->len : without_unit(f, unit);
    zb_num_status st = zb_num_parse(f->text, len, flags, out, &err);
    if (st == ZB_NUM_OK)
        return 1;
    if (st == ZB_NUM_MISSING) {
        *out = NAN;
        return 0;
    }
    zb_diag_add(c->diags, ZB_ERROR, c->file, f->line, text_col(f) + (unsigned long)err.col - 1,
                ZB_T("%s“%s”不是有效数字：%s", "%s '%s' is not a valid number: %s"), what, f->text,
                err.message);
    return -1;
}

static unsigned number_flags(const zb_dataset *ds, long indicator)
{
    const char *unit = zb_ds_str(ds, ds->indicators.items[indicator].unit);
    if (strcmp(unit, "%") == 0 || strcmp(unit, "％") == 0)
        return ZB_NUM_ALLOW_PERCENT;
    if (strcmp(unit, "‰") == 0)
        return ZB_NUM_ALLOW_PERMILLE;
    return 0;
}

/* A code not found because its file could not be read (unread) or its row
 * was dropped for errors (at line dropped_line): counted for one note at the
 * end of the file instead of an error per row.  Returns whether it was. */
static int skip_unread(load_ctx *c, int which, const zb_csv_field *f, int unread, unsigned long dropped_line)
{
    if (!unread && !dropped_line)
        return 0;
    if (c->skipped[which].rows++ == 0) {
        c->skipped[which].unread = unread;
        c->skipped[which].line = f->line;
        c->skipped[which].col = text_col(f);
        c->skipped[which].code_line = dropped_line;
        snprintf(c->skipped[which].code, sizeof c->skipped[which].code, "%s", f->text);
    }
    return 1;
}

/* The note for the rows skip_unread counted in this file. */
static void note_skipped(load_ctx *c)
{
    static const char *const files[2] = {"regions.csv", "indicators.csv"};
    const char *what = c->kind == ZB_FILE_OBSERVATIONS ? ZB_T("观测值", "observations") : ZB_T("目标", "targets");
    for (int w = 0; w < 2; w++) {
        if (!c->skipped[w].rows)
            continue;
        const char *codes = w == 0 ? ZB_T("地区代码", "region codes") : ZB_T("指标代码", "indicator codes");
        if (c->skipped[w].unread)
            zb_diag_add(c->diags, ZB_NOTE, c->file, c->skipped[w].line, c->skipped[w].col,
                        ZB_T("未检查%s中的%s：%s 未能读入（见上），%zu 行因此未读入",
                             "%s: %s not checked: %s could not be read (see above); %zu rows not read"),
                        what, codes, files[w], c->skipped[w].rows);
        else
            zb_diag_add(c->diags, ZB_NOTE, c->file, c->skipped[w].line, c->skipped[w].col,
                        ZB_T("%zu 行%s引用的%s（如“%s”）所在的 %s 行有错误、未读入（如第 %lu 行，见上）：这些行未检查",
                             "%1$zu rows of %2$s name %3$s whose rows in %5$s have errors and were not read (e.g. '%4$s', line %6$lu; see above): these rows were not checked"),
                        c->skipped[w].rows, what, codes, c->skipped[w].code, files[w], c->skipped[w].code_line);
    }
}

static long lookup_region(load_ctx *c, int col)
{
    const zb_csv_field *f = F(c, col);
    long hit = cache_get(&c->last_region, f->text, f->len);
    if (hit >= 0)
        return hit;
    if (!require(c, col))
        return -1;
    uint32_t id = intern_field(c, f);
    long r = zb_regions_find(&c->ds->regions, id);
    if (r < 0 && !skip_unread(c, 0, f, c->ds->regions.unread, zb_regions_dropped(&c->ds->regions, id)))
        error_at(c, f, ZB_T("未知的地区代码“%s”：应为 regions%s 中列出的代码",
                            "unknown region code '%s': expected a code listed in regions%s"),
                 f->text, ".csv");
    cache_put(&c->last_region, f->text, f->len, r);
    return r;
}

static long lookup_indicator(load_ctx *c, int col)
{
    const zb_csv_field *f = F(c, col);
    long hit = cache_get(&c->last_indicator, f->text, f->len);
    if (hit >= 0)
        return hit;
    if (!require(c, col))
        return -1;
    uint32_t id = intern_field(c, f);
    long i = zb_indicators_find(&c->ds->indicators, id);
    if (i < 0 && !skip_unread(c, 1, f, c->ds->indicators.unread, zb_indicators_dropped(&c->ds->indicators, id)))
        error_at(c, f, ZB_T("未知的指标代码“%s”：应为 indicators%s 中列出的代码",
                            "unknown indicator code '%s': expected a code listed in indicators%s"),
                 f->text, ".csv");
    cache_put(&c->last_indicator, f->text, f->len, i);
    return i;
}

/* ---- rows ---- */

/* A region row is checked whole, every cell that is wrong reported, before
 * it is dropped: a bureau fixes a row once, not one error per run. */
static void region_row(load_ctx *c)
{
    int ok = require(c, R_CODE) & require(c, R_NAME) & require(c, R_LEVEL);
    const zb_csv_field *lf = F(c, R_LEVEL), *cf = F(c, R_CODE), *pf = F(c, R_PARENT);
    int level = is_blank(lf) ? -1 : zb_level_parse(lf->text);
    if (!is_blank(cf)) {
        /* With its level unknown, the code is held to the zone's form, the
         * widest, so that only what is wrong in any case is reported. */
        char msg[512];
        size_t at = 1;
        if (zb_region_code_check(cf->text, level < 0 ? ZB_LEVEL_ZONE : (zb_level)level, is_blank(pf) ? "" : pf->text,
                                 msg, sizeof msg, &at) != 0) {
            zb_diag_add(c->diags, ZB_ERROR, c->file, cf->line, text_col(cf) + (unsigned long)at - 1, "%s", msg);
            ok = 0;
        }
    }
    if (!is_blank(lf) && level < 0) {
        error_at(c, lf, ZB_T("未知的级别“%s”：应为 %s", "unknown level '%s': expected %s"), lf->text,
                 "country, province, city, county, zone");
        ok = 0;
    }
    if (!is_blank(pf) && !check_code(c, R_PARENT, 1))
        ok = 0;
    if (!ok) {
        /* Remembered, so that the rows naming it are not reported again. */
        if (!is_blank(cf) && zb_regions_drop(&c->ds->regions, intern_field(c, cf), c->line) != 0)
            error_at(c, cf, "%s%s", ZB_T("内存不足", "out of memory"), "");
        return;
    }
    zb_region r;
    memset(&r, 0, sizeof r);
    r.code = intern_field(c, F(c, R_CODE));
    r.name = intern_field(c, F(c, R_NAME));
    r.name_en = intern_field(c, F(c, R_NAME_EN));
    r.source = intern_field(c, F(c, R_SOURCE));
    r.parent_code = intern_field(c, F(c, R_PARENT));
    r.level = (zb_level)level;
    r.line = c->line;
    r.parent_col = text_col(F(c, R_PARENT));
    long existing = -1;
    long idx = zb_regions_add(&c->ds->regions, &r, &existing);
    if (idx == -2) {
        zb_diag_add(c->diags, ZB_ERROR, c->file, c->line, text_col(F(c, R_CODE)),
                    ZB_T("地区代码“%s”重复：第 %lu 行已有同一代码", "duplicate region code '%s': already on line %lu"),
                    F(c, R_CODE)->text, c->ds->regions.items[existing].line);
    } else if (idx < 0) {
        error_at(c, F(c, R_CODE), "%s%s", ZB_T("内存不足", "out of memory"), "");
    }
}

/* Every cell of an indicator row is checked and each error reported: a
 * bureau fixes the row once, not one error per run.  A row with a usable
 * code, kind and rule is kept even when its name, attribute, direction or
 * decimals are wrong (defaults there): its rule, and the rows and rules that
 * name it, are then checked as well (the dataset is refused for its errors
 * anyway).  Without a kind or a rule it is dropped, its code remembered so
 * that nothing naming it is reported again. */
static void indicator_row(load_ctx *c)
{
    /* Reported in the order of the documented columns. */
    int code_ok = require(c, I_CODE) && check_code(c, I_CODE, 0);
    require(c, I_NAME);
    zb_indicator ind;
    memset(&ind, 0, sizeof ind);
    const zb_csv_field *af = F(c, I_ATTRIBUTE);
    int attr = zb_attribute_parse(af->text);
    if (attr < 0)
        error_at(c, af, ZB_T("未知的指标属性“%s”：应为 %s", "unknown attribute '%s': expected %s"),
                 af->text, ZB_T("anticipatory（预期性）或 binding（约束性）", "anticipatory (预期性) or binding (约束性)"));
    const zb_csv_field *kf = F(c, I_KIND);
    int kind = is_blank(kf) ? -1 : zb_kind_parse(kf->text);
    if (is_blank(kf))
        require(c, I_KIND);
    else if (kind < 0)
        error_at(c, kf, ZB_T("未知的指标类型“%s”：应为 %s", "unknown indicator kind '%s': expected %s"),
                 kf->text, "level, rate, percap, structure, reduction, growth, other");
    const zb_csv_field *gf = F(c, I_AGG);
    ind.agg_col = text_col(gf);
    int agg_ok = 1;
    if (is_blank(gf)) {
        memset(&ind.agg, 0, sizeof ind.agg);
        ind.agg.rule = kind < 0 ? ZB_AGG_NONE : zb_default_aggregation((zb_kind)kind);
        ind.agg.scale = 1.0;
    } else {
        char msg[256];
        size_t errcol = 1;
        if (zb_aggregation_parse(gf->text, c->ds->strs, &ind.agg, msg, sizeof msg, &errcol) != 0) {
            zb_diag_add(c->diags, ZB_ERROR, c->file, gf->line, text_col(gf) + (unsigned long)errcol - 1,
                        ZB_T("汇总规则“%s”有误：%s", "bad aggregation rule '%s': %s"), gf->text, msg);
            agg_ok = 0;
        }
        ind.agg_given = 1;
    }
    const zb_csv_field *df = F(c, I_DIRECTION);
    int dir = zb_direction_parse(df->text);
    if (dir < 0)
        error_at(c, df, ZB_T("未知的方向“%s”：应为 %s", "unknown direction '%s': expected %s"), df->text,
                 ZB_T("up（越高越好）、down（越低越好）或 none", "up, down or none"));
    ind.decimals = 2;
    const zb_csv_field *decf = F(c, I_DECIMALS);
    if (!is_blank(decf)) {
        double d;
        if (zb_num_parse(decf->text, decf->len, 0, &d, NULL) != ZB_NUM_OK || d != floor(d) ||
            d < 0 || d > 9)
            error_at(c, decf, ZB_T("小数位“%s”无效：应为 0–9 的整数", "invalid decimals '%s': expected an integer 0-9%s"),
                     decf->text, "");
        else
            ind.decimals = (int)d;
    }
    if (!code_ok)
        return;
    if (kind < 0 || !agg_ok) {
        if (zb_indicators_drop(&c->ds->indicators, intern_field(c, F(c, I_CODE)), c->line) != 0)
            error_at(c, F(c, I_CODE), "%s%s", ZB_T("内存不足", "out of memory"), "");
        return;
    }
    if (attr < 0)
        attr = ZB_ATTR_NONE;
    if (dir < 0)
        dir = ZB_DIR_UP;
    ind.code = intern_field(c, F(c, I_CODE));
    ind.name = intern_field(c, F(c, I_NAME));
    ind.name_en = intern_field(c, F(c, I_NAME_EN));
    ind.unit = intern_field(c, F(c, I_UNIT));
    ind.category = intern_field(c, F(c, I_CATEGORY));
    ind.source = intern_field(c, F(c, I_SOURCE));
    ind.note = intern_field(c, F(c, I_NOTE));
    ind.kind = (zb_kind)kind;
    ind.attribute = (zb_attribute)attr;
    ind.direction = (zb_direction)dir;
    ind.line = c->line;
    long existing = -1;
    long idx = zb_indicators_add(&c->ds->indicators, &ind, &existing);
    if (idx == -2) {
        zb_diag_add(c->diags, ZB_ERROR, c->file, c->line, text_col(F(c, I_CODE)),
                    ZB_T("指标代码“%s”重复：第 %lu 行已有同一代码", "duplicate indicator code '%s': already on line %lu"),
                    F(c, I_CODE)->text, c->ds->indicators.items[existing].line);
    } else if (idx < 0) {
        error_at(c, F(c, I_CODE), "%s%s", ZB_T("内存不足", "out of memory"), "");
    }
}

static int looks_like_structure(const zb_csv_field *f)
{
    return memchr(f->text, ':', f->len) != NULL || strstr(f->text, "：") != NULL;
}

static void observation_row(load_ctx *c)
{
    long region = lookup_region(c, O_REGION);
    long ind = lookup_indicator(c, O_INDICATOR);
    int year = parse_year(c, O_YEAR, 1);
    if (region < 0 || ind < 0 || year <= 0)
        return;
    const zb_csv_field *vf = F(c, O_VALUE);
    const zb_csv_field *rawf = F(c, O_RAW);
    uint32_t raw = intern_field(c, rawf);
    double value = NAN;
    const zb_indicator *indp = &c->ds->indicators.items[ind];
    if (zb_num_plain(vf->text, vf->len, &value)) {
        /* the usual case: a plain decimal, the same value the general
         * parser would give, without its unit and marker rules */
    } else if (indp->kind == ZB_KIND_STRUCTURE && looks_like_structure(vf)) {
        /* A structure is its shares as text; the numbers are derived from the
         * component levels, not stored here. */
        if (!raw)
            raw = intern_field(c, vf);
    } else if (parse_number_unit(c, vf, number_flags(c->ds, ind), zb_ds_str(c->ds, indp->unit),
                                 &value, ZB_T("数值", "value")) < 0) {
        return;
    }
    const zb_csv_field *sf = F(c, O_STATUS);
    int status = zb_status_parse(sf->text);
    if (status < 0) {
        error_at(c, sf, ZB_T("未知的状态“%s”：应为 %s", "unknown status '%s': expected %s"), sf->text,
                 ZB_T("actual（实际）、preliminary（初步）或 estimate（预计）",
                      "actual, preliminary or estimate"));
        return;
    }
    uint32_t note = intern_field(c, F(c, O_NOTE));
    long existing = -1;
    long row = zb_obs_add(&c->ds->obs, (int32_t)region, (int32_t)ind, year, value,
                          (zb_status)status, intern_field(c, F(c, O_SOURCE)), raw, note,
                          (uint32_t)c->line, &existing);
    if (row == -2) {
        zb_diag_add(c->diags, ZB_ERROR, c->file, c->line, text_col(F(c, O_REGION)),
                    ZB_T("重复的观测值：地区 %s、指标 %s、%d 年在第 %u 行和第 %lu 行各有一行",
                         "duplicate observation: region %s, indicator %s, year %d appears on line %u and line %lu"),
                    zb_ds_str(c->ds, c->ds->regions.items[region].code),
                    zb_ds_str(c->ds, indp->code), year, zb_obs_line(&c->ds->obs, (size_t)existing), c->line);
        return;
    }
    if (row < 0) {
        error_at(c, vf, "%s%s", ZB_T("内存不足", "out of memory"), "");
        return;
    }
    /* A corrected figure: show what the document printed and why it changed. */
    if (raw && !isnan(value) && note) {
        double printed;
        const char *rawtext = zb_ds_str(c->ds, raw);
        if (zb_num_parse(rawtext, strlen(rawtext), number_flags(c->ds, ind), &printed, NULL) != ZB_NUM_OK ||
            printed != value)
            zb_diag_add(c->diags, ZB_NOTE, c->file, c->line, text_col(vf),
                        ZB_T("更正：原文“%s”，录入 %g（%s）", "correction: printed '%s', recorded %g (%s)"),
                        rawtext, value, zb_ds_str(c->ds, note));
    }
}

static void flush_mismatches(load_ctx *c);

/* observation_row for the rows that are nearly all of a large file, taken
 * straight from the CSV reader's block (zb_csv_plain_fn): codes that are
 * known exactly as written, a four-digit year, a plain decimal, no status,
 * raw text, source or note, and a cell not seen before.  Any other row is
 * declined and goes through observation_row, which gives it its messages;
 * so every check observation_row makes on a row must either hold for the
 * rows taken here or make this function decline them. */
static int observation_plain(void *ud, const char *rec, const uint32_t *end, size_t n,
                             unsigned long line)
{
    load_ctx *c = ud;
    if (!c->plain_ok || n != c->nheader)
        return 0;
#define FIELD_AT(k) (rec + ((k) ? end[(k) - 1] + 1 : 0))
#define FIELD_LEN(k) ((size_t)(end[(k)] - ((k) ? end[(k) - 1] + 1 : 0)))
    for (int k = 0; k < c->nplain_empty; k++)
        if (FIELD_LEN(c->plain_empty[k]) != 0)
            return 0;
    const zb_dataset *ds = c->ds;
    long ir = c->cols[O_REGION].index, ii = c->cols[O_INDICATOR].index;
    long iy = c->cols[O_YEAR].index, iv = c->cols[O_VALUE].index;
    /* Codes: the last one seen, else exactly as interned (a code with
     * blanks around it is observation_row's to trim). */
    const char *t = FIELD_AT(ir);
    size_t len = FIELD_LEN(ir);
    long region = cache_get(&c->last_region, t, len);
    if (region < 0) {
        region = zb_regions_find(&ds->regions, zb_strtab_find(ds->strs, t, len));
        if (region < 0 || len >= sizeof c->last_region.text)
            return 0;
        cache_put(&c->last_region, t, len, region);
    }
    t = FIELD_AT(ii);
    len = FIELD_LEN(ii);
    long ind = cache_get(&c->last_indicator, t, len);
    if (ind < 0) {
        ind = zb_indicators_find(&ds->indicators, zb_strtab_find(ds->strs, t, len));
        if (ind < 0 || len >= sizeof c->last_indicator.text)
            return 0;
        cache_put(&c->last_indicator, t, len, ind);
    }
    if (FIELD_LEN(iy) != 4)
        return 0;
    const unsigned char *y = (const unsigned char *)FIELD_AT(iy);
    unsigned d0 = y[0] - '0', d1 = y[1] - '0', d2 = y[2] - '0', d3 = y[3] - '0';
    if (d0 > 9 || d1 > 9 || d2 > 9 || d3 > 9)
        return 0;
    int year = (int)(d0 * 1000 + d1 * 100 + d2 * 10 + d3);
    if (year < 1900 || year > 2200)
        return 0;
    double value;
    if (!zb_num_plain(FIELD_AT(iv), FIELD_LEN(iv), &value))
        return 0;
#undef FIELD_AT
#undef FIELD_LEN
    /* A duplicate (or no memory) leaves the store as it was: declined, the
     * row meets the same outcome in observation_row, with its message. */
    if (zb_obs_add_plain(&c->ds->obs, (int32_t)region, (int32_t)ind, year, value, (uint32_t)line, NULL) < 0)
        return 0;
    c->nrows++;
    /* A row that fits the header, as in on_record: the rows held back
     * before it had the wrong count, not the header. */
    if (c->nheld)
        flush_mismatches(c);
    c->matched++;
    c->line = line;
    return 1;
}

/* A target-table text (interned as id from column col) checked as the
 * progress commands read it: a malformed number (5..09), a range without an
 * end, a growth that is not one number (1x2) is an error at its character;
 * free text is not.  The row is kept all the same: its texts are stored as
 * text, and nothing loaded after depends on them. */
static void check_target_text(load_ctx *c, int col, uint32_t id, int one_number, const char *what)
{
    const char *text = zb_ds_str(c->ds, id);
    if (!*text)
        return;
    char msg[640];
    size_t at = 0;
    if (zb_spec_check(text, one_number, what, msg, sizeof msg, &at) != 0) {
        const zb_csv_field *f = F(c, col);
        zb_diag_add(c->diags, ZB_ERROR, c->file, f->line, at ? kept_col(f) + (unsigned long)at - 1 : text_col(f),
                    "%s", msg);
    }
}

static void target_row(load_ctx *c)
{
    int plan_ok = require(c, T_PLAN) && check_code(c, T_PLAN, 1);
    long region = lookup_region(c, T_REGION);
    long ind = lookup_indicator(c, T_INDICATOR);
    int base_year = parse_year(c, T_BASE_YEAR, 0);
    int target_year = parse_year(c, T_TARGET_YEAR, 1);
    if (!plan_ok || region < 0 || ind < 0 || base_year < 0 || target_year <= 0)
        return;
    zb_target t;
    memset(&t, 0, sizeof t);
    t.plan = intern_field(c, F(c, T_PLAN));
    t.plan_name = intern_field(c, F(c, T_PLAN_NAME));
    t.region = (int32_t)region;
    t.indicator = (int32_t)ind;
    t.base_year = base_year;
    t.target_year = target_year;
    if (base_year && target_year <= base_year) {
        zb_diag_add(c->diags, ZB_ERROR, c->file, c->line, text_col(F(c, T_TARGET_YEAR)),
                    ZB_T("目标年份 %d 应晚于基期年份 %d", "target year %d must come after the base year %d"),
                    target_year, base_year);
        return;
    }
    const zb_indicator *indp = &c->ds->indicators.items[ind];
    unsigned flags = number_flags(c->ds, ind);
    const char *unit = zb_ds_str(c->ds, indp->unit);
    const zb_csv_field *btf = F(c, T_BASE_TEXT), *bvf = F(c, T_BASE_VALUE);
    t.base_text = intern_field(c, btf);
    t.note = intern_field(c, F(c, T_NOTE));
    t.base_value = NAN;
    if (!is_blank(bvf)) {
        if (parse_number_unit(c, bvf, flags, unit, &t.base_value, ZB_T("基期值", "base value")) < 0)
            return;
        double printed;
        if (zb_num_parse(btf->text, without_unit(btf, unit), flags, &printed, NULL) != ZB_NUM_OK ||
            printed != t.base_value) {
            t.base_corrected = 1;
            if (!t.note)
                zb_diag_add(c->diags, ZB_WARNING, c->file, c->line, text_col(bvf),
                            ZB_T("基期值 %g 与原文“%s”不一致，但没有说明（note 列）",
                                 "base value %g differs from the printed '%s' without a note"),
                            t.base_value, btf->text);
            else
                zb_diag_add(c->diags, ZB_NOTE, c->file, c->line, text_col(btf),
                            ZB_T("更正：原文“%s”，录入 %g（%s）", "correction: printed '%s', recorded %g (%s)"),
                            btf->text, t.base_value, zb_ds_str(c->ds, t.note));
        }
    } else if (!(indp->kind == ZB_KIND_STRUCTURE && looks_like_structure(btf))) {
        if (parse_number_unit(c, btf, flags, unit, &t.base_value, ZB_T("基期值原文", "base text")) < 0) {
            zb_diag_add(c->diags, ZB_NOTE, c->file, c->line, 0, "%s",
                        ZB_T("原文有误时：base_text 保留原文，在 base_value 填更正后的数，并在 note 说明",
                             "when the printed base is wrong: keep it in base_text, put the corrected number in base_value and say why in note"));
            return;
        }
    }
    t.target_text = intern_field(c, F(c, T_TARGET_TEXT));
    t.growth_text = intern_field(c, F(c, T_GROWTH_TEXT));
    t.target_col = kept_col(F(c, T_TARGET_TEXT));
    t.growth_col = kept_col(F(c, T_GROWTH_TEXT));
    t.file = zb_strtab_intern(c->ds->strs, c->file, strlen(c->file));
    if (t.file == UINT32_MAX)
        t.file = 0;
    t.achieved_text = intern_field(c, F(c, T_ACHIEVED_TEXT));
    t.achieved_growth_text = intern_field(c, F(c, T_ACHIEVED_GROWTH_TEXT));
    check_target_text(c, T_TARGET_TEXT, t.target_text, 0, ZB_T("目标", "target"));
    check_target_text(c, T_GROWTH_TEXT, t.growth_text, 1, ZB_T("年均增速", "growth"));
    check_target_text(c, T_ACHIEVED_TEXT, t.achieved_text, 0, ZB_T("完成情况", "achieved"));
    check_target_text(c, T_ACHIEVED_GROWTH_TEXT, t.achieved_growth_text, 1, ZB_T("完成增速", "achieved growth"));
    const zb_csv_field *af = F(c, T_ATTRIBUTE);
    int attr = zb_attribute_parse(af->text);
    if (attr < 0) {
        error_at(c, af, ZB_T("未知的指标属性“%s”：应为 %s", "unknown attribute '%s': expected %s"), af->text,
                 ZB_T("anticipatory（预期性）或 binding（约束性）", "anticipatory (预期性) or binding (约束性)"));
        return;
    }
    t.attribute = (zb_attribute)attr;
    t.source = intern_field(c, F(c, T_SOURCE));
    t.line = c->line;
    long dup = zb_targets_find(&c->ds->targets, t.plan, t.region, t.indicator, t.target_year);
    if (dup >= 0) {
        zb_diag_add(c->diags, ZB_ERROR, c->file, c->line, text_col(F(c, T_PLAN)),
                    ZB_T("重复的目标：规划 %s、地区 %s、指标 %s、%d 年在第 %lu 行已有",
                         "duplicate target: plan %s, region %s, indicator %s, year %d is already on line %lu"),
                    zb_ds_str(c->ds, t.plan), zb_ds_str(c->ds, c->ds->regions.items[region].code),
                    zb_ds_str(c->ds, indp->code), target_year, c->ds->targets.items[dup].line);
        return;
    }
    if (zb_targets_add(&c->ds->targets, &t) < 0)
        error_at(c, F(c, T_PLAN), "%s%s", ZB_T("内存不足", "out of memory"), "");
}

static void settings_row(load_ctx *c)
{
    if (!(require(c, S_KEY) & require(c, S_VALUE)))
        return;
    const zb_csv_field *kf = F(c, S_KEY), *vf = F(c, S_VALUE);
    const char *key = zb_ds_str(c->ds, intern_field(c, kf));
    const char *value = zb_ds_str(c->ds, intern_field(c, vf));
    unsigned long prior = zb_settings_line(&c->ds->settings, key);
    if (prior) {
        zb_diag_add(c->diags, ZB_ERROR, c->file, c->line, text_col(kf),
                    ZB_T("设置项“%s”重复：第 %lu 行已设置", "setting '%s' given twice: already on line %lu"),
                    key, prior);
        return;
    }
    char msg[512];
    int rc = zb_settings_set(&c->ds->settings, key, value, c->line, msg, sizeof msg);
    if (rc != 0) {
        zb_diag_add(c->diags, ZB_ERROR, c->file, c->line, text_col(rc == -1 ? kf : vf), "%s", msg);
    }
}

static void report_mismatch(load_ctx *c, const mismatch *m)
{
    zb_diag_add(c->diags, ZB_ERROR, c->file, m->line, m->col,
                ZB_T("本行有 %zu 个字段，表头有 %zu 列：可能少了或多了逗号，含逗号的文字要加引号",
                     "this row has %zu fields but the header has %zu columns: a comma missing or extra? Quote text that contains commas"),
                m->n, c->nheader);
}

static void flush_mismatches(load_ctx *c)
{
    for (size_t i = 0; i < c->nheld; i++)
        report_mismatch(c, &c->held[i]);
    c->nheld = 0;
}

/* Keeps the header's field positions and names for a message about it. */
static void keep_header(load_ctx *c, const zb_csv_field *fields, size_t n)
{
    c->head_col = calloc(n ? n : 1, sizeof *c->head_col);
    c->head_name = calloc(n ? n : 1, sizeof *c->head_name);
    for (size_t i = 0; c->head_col && c->head_name && i < n; i++) {
        c->head_col[i] = text_col(&fields[i]);
        c->head_name[i] = malloc(fields[i].len + 1);
        if (c->head_name[i])
            memcpy(c->head_name[i], fields[i].text, fields[i].len + 1);
    }
    if (n) {
        c->head_end_line = fields[n - 1].end_line;
        c->head_end_col = fields[n - 1].end_col;
    }
}

/* At the end of the file: the rows held back, or the header's fault. */
static void finish_mismatches(load_ctx *c)
{
    int header = c->nheld && !c->matched && c->mismatch_same && c->mismatches >= 2;
    if (header) {
        char lines[64] = "";
        size_t used = 0;
        for (size_t i = 0; i < c->nheld && used < sizeof lines; i++)
            used += (size_t)snprintf(lines + used, sizeof lines - used, "%s%lu", i ? ZB_T("、", ", ") : "", c->held[i].line);
        const char *more = c->mismatches > c->nheld ? ZB_T("等", ", ...") : "";
        size_t k = c->mismatch_n;
        if (k < c->nheader) {
            const char *name = c->head_name && c->head_name[k] ? c->head_name[k] : "";
            zb_diag_add(c->diags, ZB_ERROR, c->file, 1, c->head_col ? c->head_col[k] : 0,
                        ZB_T("表头有 %zu 列，而全部 %zu 行数据都只有 %zu 个字段（第 %s 行%s）：表头多出了列“%s”（第 %zu 列）？请删去多余的列名，或在各行补上这一列",
                             "the header has %zu columns but all %zu rows have %zu fields (lines %s%s): is '%s' (column %zu) a column too many? Remove it, or add the field to every row"),
                        c->nheader, c->mismatches, k, lines, more, name, k + 1);
        } else {
            zb_diag_add(c->diags, ZB_ERROR, c->file, c->head_end_line ? c->head_end_line : 1, c->head_end_col,
                        ZB_T("表头只有 %zu 列，而全部 %zu 行数据都有 %zu 个字段（第 %s 行%s）：表头少了列名？请补上缺少的列名，或删去各行多余的字段",
                             "the header has only %zu columns but all %zu rows have %zu fields (lines %s%s): a column name missing? Add it, or remove the extra field from every row"),
                        c->nheader, c->mismatches, k, lines, more);
        }
        c->nheld = 0;
        return;
    }
    flush_mismatches(c);
    if (c->mismatches > MISMATCH_SHOWN)
        zb_diag_add(c->diags, ZB_ERROR, c->file, c->unlisted.line, c->unlisted.col,
                    ZB_T("从这一行起另有 %zu 行的字段数与表头（%zu 列）不符，未逐行列出（共 %zu 行）：多半是同一个原因，改正上面几行后再检查",
                         "from this row on, %zu more rows have a field count other than the header's %zu, not listed one by one (%zu in all): most likely for the same reason; fix the rows above and check again"),
                    c->mismatches - MISMATCH_SHOWN, c->nheader, c->mismatches);
}

static int on_record(void *ud, const zb_csv_field *fields, size_t n, unsigned long line)
{
    load_ctx *c = ud;
    if (!c->have_header) {
        c->have_header = 1;
        c->nheader = n;
        size_t errs = zb_table_map(c->cols, c->ncols, fields, n, c->file, c->diags);
        if (errs) {
            c->header_bad = 1;
            return 1; /* rows cannot be read without their columns */
        }
        keep_header(c, fields, n);
        if (c->kind == ZB_FILE_OBSERVATIONS) {
            static const int optional[4] = {O_STATUS, O_RAW, O_SOURCE, O_NOTE};
            for (int k = 0; k < 4; k++)
                if (c->cols[optional[k]].index >= 0)
                    c->plain_empty[c->nplain_empty++] = (int)c->cols[optional[k]].index;
            c->plain_ok = 1;
        }
        return 0;
    }
    c->nrows++;
    if (n != c->nheader) {
        /* Too many: point at the first extra field.  Too few: at the end
         * of the last field (past its closing quote), where the missing
         * comma would go; that may be on a later line than the record's
         * first when a quoted field spans lines. */
        const zb_csv_field *at = n > c->nheader ? &fields[c->nheader] : &fields[n - 1];
        mismatch m = {n > c->nheader ? at->line : at->end_line, n > c->nheader ? at->col : at->end_col, n};
        if (c->mismatches++ == 0) {
            c->mismatch_n = n;
            c->mismatch_same = 1;
        } else if (n != c->mismatch_n) {
            c->mismatch_same = 0;
        }
        if (c->mismatches <= MISMATCH_SHOWN) {
            if (c->matched)
                report_mismatch(c, &m);
            else
                c->held[c->nheld++] = m;
        } else if (c->mismatches == MISMATCH_SHOWN + 1) {
            c->unlisted = m;
        }
        return 0;
    }
    if (c->nheld) /* a row that fits: the header is right, the rows held were not */
        flush_mismatches(c);
    c->matched++;
    c->row = fields;
    c->nrow = n;
    c->line = line;
    switch (c->kind) {
    case ZB_FILE_REGIONS: region_row(c); break;
    case ZB_FILE_INDICATORS: indicator_row(c); break;
    case ZB_FILE_OBSERVATIONS: observation_row(c); break;
    case ZB_FILE_TARGETS: target_row(c); break;
    case ZB_FILE_SETTINGS: settings_row(c); break;
    default: break;
    }
    return 0;
}

/* About how many rows a file of observations holds: its size (for gzip,
 * the uncompressed size its trailer states, modulo 4 GiB) over 20 bytes, a
 * short row ("520502,gdp,2021,2181.5" is 23).  A hint for the store's
 * room; 0 when unknown. */
static size_t expected_rows(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return 0;
    unsigned char b[4];
    unsigned long long bytes = 0;
    if (fread(b, 1, 2, f) == 2 && b[0] == 0x1f && b[1] == 0x8b) {
        if (fseek(f, -4, SEEK_END) == 0 && fread(b, 1, 4, f) == 4)
            bytes = (unsigned long long)b[0] | (unsigned long long)b[1] << 8 |
                    (unsigned long long)b[2] << 16 | (unsigned long long)b[3] << 24;
        /* The trailer is the file's word, and a damaged or forged one could
         * claim 4 GB for a few bytes: deflate never expands more than 1032
         * times, so no more is believed. */
        long packed = ftell(f);
        if (packed > 0 && bytes > (unsigned long long)packed * 1032u)
            bytes = (unsigned long long)packed * 1032u;
    } else if (fseek(f, 0, SEEK_END) == 0) {
        long n = ftell(f);
        bytes = n > 0 ? (unsigned long long)n : 0;
    }
    fclose(f);
    return (size_t)(bytes / 20);
}

/* The regions or indicators file could not be read as a whole. */
static void mark_unread(zb_dataset *ds, zb_file_kind kind)
{
    if (kind == ZB_FILE_REGIONS)
        ds->regions.unread = 1;
    else if (kind == ZB_FILE_INDICATORS)
        ds->indicators.unread = 1;
}

size_t zb_load_file(zb_dataset *ds, zb_file_kind kind, const char *path,
                    const zb_load_options *opt, zb_diags *diags)
{
    load_ctx c;
    memset(&c, 0, sizeof c);
    c.ds = ds;
    c.kind = kind;
    c.file = path;
    c.diags = diags;
    c.last_region.idx = c.last_indicator.idx = -1;
    c.empty.text = "";
    const zb_column *cols = NULL;
    switch (kind) {
    case ZB_FILE_REGIONS: cols = region_cols; c.ncols = R_NCOLS; break;
    case ZB_FILE_INDICATORS: cols = indicator_cols; c.ncols = I_NCOLS; break;
    case ZB_FILE_OBSERVATIONS: cols = obs_cols; c.ncols = O_NCOLS; break;
    case ZB_FILE_TARGETS: cols = target_cols; c.ncols = T_NCOLS; break;
    case ZB_FILE_SETTINGS: cols = settings_cols; c.ncols = S_NCOLS; break;
    default: return 0;
    }
    memcpy(c.cols, cols, c.ncols * sizeof *cols);
    if (kind == ZB_FILE_OBSERVATIONS && ds->indicators.count > ZB_OBS_MAX_INDICATORS) {
        zb_diag_add(diags, ZB_ERROR, path, 0, 0,
                    ZB_T("指标超过 %d 个：观测值最多可涉及 %d 个指标", "more than %d indicators: observations can refer to at most %d"),
                    ZB_OBS_MAX_INDICATORS, ZB_OBS_MAX_INDICATORS);
        return 1;
    }
    size_t rows = kind == ZB_FILE_OBSERVATIONS ? expected_rows(path) : 0;
    /* The room for rows is a hint: without it (a system that will not
     * promise that much memory up front) the columns grow as they go. */
    if (kind == ZB_FILE_OBSERVATIONS && rows > 65536)
        (void)zb_obs_reserve_rows(&ds->obs, ds->obs.count + rows);
    if (kind == ZB_FILE_OBSERVATIONS &&
        zb_obs_reserve_cells(&ds->obs, ds->regions.count, ds->indicators.count) != 0) {
        zb_diag_add(diags, ZB_ERROR, path, 0, 0, "%s", ZB_T("内存不足", "out of memory"));
        return 1;
    }
    char err[256];
    /* Counted from the list rather than at each call site: the CSV reader,
     * the header mapping and the rows all add errors. */
    size_t errors_before = zb_diags_errors(diags);
    if (opt && opt->encoding)
        zb_diags_set_encoding(diags, opt->encoding); /* its lines are shown converted too */
    size_t count_before = kind == ZB_FILE_REGIONS ? ds->regions.count : ds->indicators.count;
    zb_reader *r = zb_reader_open(path, opt ? opt->encoding : NULL, err, sizeof err);
    if (!r) {
        zb_diag_add(diags, ZB_ERROR, path, 0, 0, "%s", err);
        mark_unread(ds, kind);
        return 1;
    }
    int rc = zb_csv_read_plain(r, path, diags, opt ? &opt->limits : NULL, on_record,
                               kind == ZB_FILE_OBSERVATIONS && !(opt && opt->no_plain) ? observation_plain : NULL, &c);
    finish_mismatches(&c);
    for (size_t i = 0; c.head_name && i < c.nheader; i++)
        free(c.head_name[i]);
    free(c.head_name);
    free(c.head_col);
    if (zb_reader_utf8_anyway(r))
        zb_diag_add(diags, ZB_NOTE, path, 0, 0, ZB_T("文件已是 UTF-8 编码，按 UTF-8 读取（未按 %s 转换）",
                                                     "the file is UTF-8 already and was read as such (not converted from %s)"),
                    opt->encoding);
    if (zb_reader_close(r, err, sizeof err) != 0 && rc >= 0)
        zb_diag_add(diags, ZB_ERROR, path, 0, 0, "%s", err);
    if (!c.have_header && rc >= 0)
        zb_diag_add(diags, ZB_ERROR, path, 1, 0, "%s",
                    ZB_T("文件是空的：应至少有一行表头", "the file is empty: expected at least a header row"));
    else if (c.have_header && !c.header_bad && c.nrows == 0 && rc >= 0)
        zb_diag_add(diags, ZB_WARNING, path, 1, 0, "%s",
                    ZB_T("文件只有表头，没有数据行", "the file has a header but no rows"));
    /* Regions or indicators that failed as a whole (stopped, no usable
     * header, not one row read): the files after do not report each row
     * naming one of them. */
    size_t count_after = kind == ZB_FILE_REGIONS ? ds->regions.count : ds->indicators.count;
    if (rc < 0 || !c.have_header || c.header_bad || (c.nrows && count_after == count_before))
        mark_unread(ds, kind);
    if (kind == ZB_FILE_OBSERVATIONS || kind == ZB_FILE_TARGETS)
        note_skipped(&c);
    size_t errors = zb_diags_errors(diags) - errors_before;
    return errors ? errors : (size_t)(rc < 0);
}

size_t zb_dataset_finish(zb_dataset *ds, const char *regions_file,
                         const char *indicators_file, zb_diags *diags)
{
    size_t errors = 0;
    if (regions_file)
        errors += zb_regions_link(&ds->regions, ds->strs, regions_file, diags);
    if (indicators_file)
        errors += zb_indicators_link(&ds->indicators, ds->strs, indicators_file, diags);
    if (zb_obs_build_index(&ds->obs, ds->regions.count, ds->indicators.count) != 0) {
        zb_diag_add(diags, ZB_ERROR, "", 0, 0, "%s", ZB_T("内存不足", "out of memory"));
        errors++;
    }
    return errors;
}

/* Finds DIR/NAME.csv or DIR/NAME.csv.gz; both present is ambiguous. */
static char *find_file(const char *dir, const char *name, int required, zb_diags *diags)
{
    size_t n = strlen(dir) + strlen(name) + 16;
    char *plain = malloc(n), *gz = malloc(n);
    if (!plain || !gz) {
        free(plain);
        free(gz);
        return NULL;
    }
    snprintf(plain, n, "%s/%s.csv", dir, name);
    snprintf(gz, n, "%s/%s.csv.gz", dir, name);
    /* lstat: a link whose file is gone is there and fails to open, with a
     * message, rather than being taken for no file at all. */
    struct stat st;
    int has_plain = lstat(plain, &st) == 0, has_gz = lstat(gz, &st) == 0;
    if (has_plain && has_gz) {
        zb_diag_add(diags, ZB_ERROR, plain, 0, 0,
                    ZB_T("%s.csv 与 %s.csv.gz 同时存在：不知道该读哪个，请删去一个",
                         "both %s.csv and %s.csv.gz exist: remove one"),
                    name, name);
        free(plain);
        free(gz);
        return NULL;
    }
    if (has_plain) {
        free(gz);
        return plain;
    }
    if (has_gz) {
        free(plain);
        return gz;
    }
    if (required)
        zb_diag_add(diags, ZB_ERROR, plain, 0, 0,
                    ZB_T("缺少必需的文件 %s.csv（或 %s.csv.gz）", "missing required file %s.csv (or %s.csv.gz)"),
                    name, name);
    free(plain);
    free(gz);
    return NULL;
}

zb_dataset *zb_dataset_load(const char *dir, const zb_load_options *opt, zb_diags *diags)
{
    zb_dataset *ds = zb_dataset_new();
    if (!ds)
        return NULL;
    size_t dlen = strlen(dir);
    while (dlen > 1 && dir[dlen - 1] == '/')
        dlen--;
    ds->dir = malloc(dlen + 1);
    if (!ds->dir) {
        zb_dataset_free(ds);
        return NULL;
    }
    memcpy(ds->dir, dir, dlen);
    ds->dir[dlen] = '\0';
    struct stat st;
    if (stat(ds->dir, &st) != 0 || !S_ISDIR(st.st_mode)) {
        zb_diag_add(diags, ZB_ERROR, ds->dir, 0, 0, "%s",
                    ZB_T("不是数据集目录（目录不存在或不是目录）",
                         "not a dataset directory (missing, or not a directory)"));
        return ds;
    }
    char *files[ZB_FILE_COUNT];
    for (int k = 0; k < ZB_FILE_COUNT; k++) {
        files[k] = find_file(ds->dir, file_kind_names[k], k <= ZB_FILE_INDICATORS, diags);
        if (!files[k] && k <= ZB_FILE_INDICATORS)
            mark_unread(ds, (zb_file_kind)k);
    }
    for (int k = 0; k < ZB_FILE_COUNT; k++) {
        if (!files[k])
            continue;
        zb_load_file(ds, (zb_file_kind)k, files[k], opt, diags);
        /* Observations and targets refer to regions and indicators by code,
         * and their parents must be linked before checks run. */
        if (k == ZB_FILE_INDICATORS)
            zb_dataset_finish(ds, files[ZB_FILE_REGIONS], files[ZB_FILE_INDICATORS], diags);
    }
    if (!files[ZB_FILE_INDICATORS])
        zb_dataset_finish(ds, files[ZB_FILE_REGIONS], NULL, diags);
    else if (zb_obs_build_index(&ds->obs, ds->regions.count, ds->indicators.count) != 0)
        zb_diag_add(diags, ZB_ERROR, "", 0, 0, "%s", ZB_T("内存不足", "out of memory"));
    for (int k = 0; k < ZB_FILE_COUNT; k++)
        free(files[k]);
    return ds;
}
