#include "zb_wide.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "zb_csv.h"
#include "zb_lang.h"
#include "zb_namematch.h"
#include "zb_reader.h"

/* Rows read before giving up on finding the header. */
enum { HEADER_SEARCH_ROWS = 30, MAX_COLUMNS = 512 };

typedef struct wide_ctx {
    zb_wide_table *t;
    zb_diags *diags;
    const zb_wide_options *opt;
    int have_header, oom, fatal;
    unsigned long rows_seen;
    zb_wide_cell category;
} wide_ctx;

static const zb_wide_cell empty_cell = {"", 0, 0};

/* A copy of s[0..len) with spaces (ASCII, U+3000, U+00A0) trimmed at both
 * ends; *lead gets the number of characters removed at the start. */
static char *trim_copy(const char *s, size_t len, unsigned long *lead)
{
    size_t a = 0, b = len;
    *lead = 0;
    for (;;) {
        if (a < b && (s[a] == ' ' || s[a] == '\t' || s[a] == '\r' || s[a] == '\n')) {
            a++;
        } else if (b - a >= 3 && memcmp(s + a, "\xE3\x80\x80", 3) == 0) {
            a += 3;
        } else if (b - a >= 2 && memcmp(s + a, "\xC2\xA0", 2) == 0) {
            a += 2;
        } else {
            break;
        }
        (*lead)++;
    }
    for (;;) {
        if (b > a && (s[b - 1] == ' ' || s[b - 1] == '\t' || s[b - 1] == '\r' || s[b - 1] == '\n'))
            b--;
        else if (b - a >= 3 && memcmp(s + b - 3, "\xE3\x80\x80", 3) == 0)
            b -= 3;
        else if (b - a >= 2 && memcmp(s + b - 2, "\xC2\xA0", 2) == 0)
            b -= 2;
        else
            break;
    }
    char *out = malloc(b - a + 1);
    if (out) {
        memcpy(out, s + a, b - a);
        out[b - a] = '\0';
    }
    return out;
}

static int key_in(const char *key, const char *const *list)
{
    for (; *list; list++)
        if (strcmp(key, *list) == 0)
            return 1;
    return 0;
}

/* A year written in a header (2020年, 2025年目标值, “十四五”目标(2025)):
 * the first run of four digits from 1949 to 2100; 0 when none. */
static int header_year(const char *key)
{
    for (const char *p = key; *p; p++) {
        if (p[0] >= '0' && p[0] <= '9' && p[1] >= '0' && p[1] <= '9' && p[2] >= '0' && p[2] <= '9' &&
            p[3] >= '0' && p[3] <= '9' && !(p[4] >= '0' && p[4] <= '9') && (p == key || !(p[-1] >= '0' && p[-1] <= '9'))) {
            int y = (p[0] - '0') * 1000 + (p[1] - '0') * 100 + (p[2] - '0') * 10 + (p[3] - '0');
            if (y >= 1949 && y <= 2100)
                return y;
        }
    }
    return 0;
}

static const char *const name_heads[] = {"指标", "指标名称", "指标名", "项目", "名称", "主要指标", "indicator", "name", NULL};
static const char *const unit_heads[] = {"单位", "计量单位", "unit", NULL};
static const char *const category_heads[] = {"类型", "类别", "分类", "领域", "指标类型", "指标类别", "板块", "category", NULL};
static const char *const number_heads[] = {"序号", "编号", "no", "no.", NULL};
static const char *const attribute_heads[] = {"属性", "指标属性", "性质", "attribute", NULL};
static const char *const note_heads[] = {"备注", "说明", "注", "note", NULL};

/* The role of a header cell; *year for a year column, *kind 1 base, 2 target. */
static zb_wide_role header_role(const char *text, int *year, int *kind)
{
    *year = 0;
    *kind = 0;
    char *key = zb_name_key(text, 0, NULL);
    char *bare = zb_name_key(text, 1, NULL);
    zb_wide_role role = ZB_WIDE_OTHER;
    if (!key || !bare) {
        free(key);
        free(bare);
        return ZB_WIDE_OTHER;
    }
    if (strstr(key, "年均"))
        role = ZB_WIDE_GROWTH;
    else if ((*year = header_year(key)) != 0 || strstr(key, "基期") || strstr(key, "目标"))
        role = ZB_WIDE_YEAR;
    else if (key_in(bare, name_heads))
        role = ZB_WIDE_NAME;
    else if (key_in(bare, unit_heads))
        role = ZB_WIDE_UNIT;
    else if (key_in(bare, category_heads))
        role = ZB_WIDE_CATEGORY;
    else if (key_in(bare, number_heads))
        role = ZB_WIDE_NUMBER;
    else if (key_in(bare, attribute_heads))
        role = ZB_WIDE_ATTRIBUTE;
    else if (key_in(bare, note_heads))
        role = ZB_WIDE_NOTE;
    if (role == ZB_WIDE_YEAR) {
        if (strstr(key, "目标") || strstr(key, "规划"))
            *kind = 2;
        else if (strstr(key, "基期") || strstr(key, "基数") || strstr(key, "基年"))
            *kind = 1;
    }
    free(key);
    free(bare);
    return role;
}

/* A header names the indicator column and at least one more known column
 * (a title such as “主要指标（……）” names only the first). */
static int is_header_row(const zb_csv_field *f, size_t n)
{
    int name = 0, other = 0;
    for (size_t i = 0; i < n; i++) {
        int y, k;
        if (!f[i].len)
            continue;
        zb_wide_role role = header_role(f[i].text, &y, &k);
        if (role == ZB_WIDE_NAME)
            name = 1;
        else if (role != ZB_WIDE_OTHER)
            other = 1;
    }
    return name && other;
}

/* The column (1-based, in characters) where a field's text starts. */
static unsigned long text_col(const zb_csv_field *f) { return f->col + (f->quoted ? 1 : 0); }

static int map_header(wide_ctx *c, const zb_csv_field *f, size_t n, unsigned long line)
{
    zb_wide_table *t = c->t;
    const char *file = t->file;
    t->header_line = line;
    if (n > MAX_COLUMNS) {
        zb_diag_add(c->diags, ZB_ERROR, file, line, 1,
                    ZB_T("表头有 %zu 列，超过上限 %d", "the header has %zu columns, more than %d"), n, MAX_COLUMNS);
        c->fatal = 1;
        return 0;
    }
    t->cols = calloc(n ? n : 1, sizeof *t->cols);
    if (!t->cols)
        return -1;
    t->ncols = n;
    long *slots[] = {NULL, &t->name_col, &t->unit_col, &t->category_col, NULL, &t->growth_col,
                     &t->attribute_col, &t->note_col, NULL};
    int kinds[MAX_COLUMNS];
    for (size_t i = 0; i < n; i++) {
        unsigned long lead;
        zb_wide_col *col = &t->cols[i];
        col->header = trim_copy(f[i].text, f[i].len, &lead);
        if (!col->header)
            return -1;
        col->col = text_col(&f[i]) + lead;
        int kind = 0;
        col->role = col->header[0] ? header_role(col->header, &col->year, &kind) : ZB_WIDE_OTHER;
        kinds[i] = kind;
        if (col->role == ZB_WIDE_YEAR && col->year == 0) {
            col->year = kind == 2 ? c->opt->target_year : kind == 1 ? c->opt->base_year : 0;
            if (!col->year) {
                zb_diag_add(c->diags, ZB_ERROR, file, line, col->col,
                            ZB_T("列“%s”没有写明年份：请在表头写上年份（如“2020年”），或用 %s 指定",
                                 "column '%s' has no year: write it in the header (\"2020\") or give %s"),
                            col->header, kind == 2 ? "--target-year" : "--base-year");
                c->fatal = 1;
                continue;
            }
        }
        long *slot = slots[col->role];
        if (slot) {
            if (*slot >= 0) {
                zb_diag_add(c->diags, ZB_ERROR, file, line, col->col,
                            ZB_T("列“%s”与第 %ld 列“%s”重复", "column '%s' repeats column %ld ('%s')"),
                            col->header, *slot + 1, t->cols[*slot].header);
                c->fatal = 1;
            } else {
                *slot = (long)i;
            }
        } else if (col->role == ZB_WIDE_OTHER && col->header[0]) {
            zb_diag_add(c->diags, ZB_WARNING, file, line, col->col,
                        ZB_T("不认识的列“%s”，已忽略（可识别：指标、单位、类别、序号、各年份、年均增速、属性、备注）",
                             "unknown column '%s' ignored (known: indicator, unit, category, number, years, growth, attribute, note)"),
                        col->header);
        }
    }
    /* Years: one column per year; the target is the one headed as such,
     * else the latest; the base the earliest of the rest. */
    for (size_t i = 0; i < n; i++) {
        if (t->cols[i].role != ZB_WIDE_YEAR || !t->cols[i].year)
            continue;
        for (size_t j = 0; j < i; j++)
            if (t->cols[j].role == ZB_WIDE_YEAR && t->cols[j].year == t->cols[i].year) {
                zb_diag_add(c->diags, ZB_ERROR, file, line, t->cols[i].col,
                            ZB_T("%d 年有两列（第 %zu 列和第 %zu 列）", "year %d has two columns (%zu and %zu)"),
                            t->cols[i].year, j + 1, i + 1);
                c->fatal = 1;
            }
        if (kinds[i] == 2) {
            if (t->target_col >= 0 && kinds[t->target_col] == 2) {
                zb_diag_add(c->diags, ZB_ERROR, file, line, t->cols[i].col,
                            ZB_T("有两列目标值（第 %ld 列和第 %zu 列）", "two target columns (%ld and %zu)"),
                            t->target_col + 1, i + 1);
                c->fatal = 1;
            }
            t->target_col = (long)i;
        } else if (t->target_col < 0 || (kinds[t->target_col] != 2 && t->cols[i].year > t->cols[t->target_col].year)) {
            t->target_col = (long)i;
        }
    }
    for (size_t i = 0; i < n; i++) {
        if (t->cols[i].role != ZB_WIDE_YEAR || !t->cols[i].year || (long)i == t->target_col)
            continue;
        if (t->base_col < 0 || kinds[i] == 1 ||
            (kinds[t->base_col] != 1 && t->cols[i].year < t->cols[t->base_col].year))
            t->base_col = (long)i;
    }
    if (t->target_col >= 0)
        t->target_year = t->cols[t->target_col].year;
    if (t->base_col >= 0)
        t->base_year = t->cols[t->base_col].year;
    if (t->target_col < 0) {
        zb_diag_add(c->diags, ZB_ERROR, file, line, 1, "%s",
                    ZB_T("表头中没有年份列（如“2020年”“2025年”）", "the header has no year columns (\"2020\", \"2025\")"));
        c->fatal = 1;
    }
    if (t->base_year && t->target_year && t->base_year >= t->target_year) {
        zb_diag_add(c->diags, ZB_ERROR, file, line, t->cols[t->target_col].col,
                    ZB_T("目标年 %d 不晚于基期年 %d", "the target year %d is not after the base year %d"),
                    t->target_year, t->base_year);
        c->fatal = 1;
    }
    return 0;
}

static int add_row(wide_ctx *c, const zb_csv_field *f, size_t n, unsigned long line)
{
    zb_wide_table *t = c->t;
    /* Trimmed cells, aligned with the header (extra fields beyond it are
     * reported when they hold something). */
    zb_wide_cell *cells = calloc(t->ncols ? t->ncols : 1, sizeof *cells);
    if (!cells)
        return -1;
    size_t nonempty = 0;
    long first = -1;
    for (size_t i = 0; i < t->ncols; i++) {
        unsigned long lead = 0;
        cells[i].text = i < n ? trim_copy(f[i].text, f[i].len, &lead) : strdup("");
        if (!cells[i].text) {
            for (size_t j = 0; j < i; j++)
                free(cells[j].text);
            free(cells);
            return -1;
        }
        cells[i].line = i < n ? f[i].line : line;
        cells[i].col = i < n ? text_col(&f[i]) + lead : 0;
        if (cells[i].text[0] && t->cols[i].role != ZB_WIDE_NUMBER) {
            nonempty++;
            if (first < 0)
                first = (long)i;
        }
    }
    for (size_t i = t->ncols; i < n; i++) {
        unsigned long lead;
        char *extra = trim_copy(f[i].text, f[i].len, &lead);
        if (extra && extra[0])
            zb_diag_add(c->diags, ZB_WARNING, t->file, f[i].line, text_col(&f[i]) + lead,
                        ZB_T("第 %zu 列在表头之外，已忽略：“%s”", "field %zu lies beyond the header, ignored: '%s'"),
                        i + 1, extra);
        free(extra);
    }
    int keep = 0;
    const char *name = t->name_col >= 0 ? cells[t->name_col].text : "";
    const char *text = first >= 0 ? cells[first].text : "";
    int note = nonempty == 1 && (strncmp(text, "注", 3) == 0 || strncmp(text, "说明", 6) == 0 ||
                                 strncmp(text, "资料来源", 12) == 0 || strncmp(text, "数据来源", 12) == 0);
    if (nonempty == 0) {
        keep = 0;
    } else if (note) {
        zb_diag_add(c->diags, ZB_NOTE, t->file, cells[first].line, cells[first].col,
                    ZB_T("注释行，未导入：%s", "a note row, not imported: %s"), text);
    } else if (nonempty == 1) {
        /* A group heading on a row of its own (in the category column or
         * the name column: a row with nothing but a name has no figures). */
        free(c->category.text);
        c->category = cells[first];
        c->category.text = strdup(text);
        if (!c->category.text)
            c->oom = 1;
    } else if (!name[0]) {
        unsigned long col = cells[t->name_col].col ? cells[t->name_col].col : 1;
        zb_diag_add(c->diags, ZB_ERROR, t->file, line, col, "%s",
                    ZB_T("这一行没有指标名称", "this row has no indicator name"));
    } else {
        keep = 1;
        if (t->category_col >= 0 && cells[t->category_col].text[0]) {
            free(c->category.text);
            c->category = cells[t->category_col];
            c->category.text = strdup(cells[t->category_col].text);
            if (!c->category.text)
                c->oom = 1;
        }
    }
    if (!keep) {
        for (size_t i = 0; i < t->ncols; i++)
            free(cells[i].text);
        free(cells);
        return 0;
    }
    if (t->nrows == t->cap) {
        size_t cap = t->cap ? t->cap * 2 : 64;
        zb_wide_row *rows = realloc(t->rows, cap * sizeof *rows);
        if (!rows) {
            for (size_t i = 0; i < t->ncols; i++)
                free(cells[i].text);
            free(cells);
            return -1;
        }
        t->rows = rows;
        t->cap = cap;
    }
    zb_wide_row *r = &t->rows[t->nrows++];
    r->line = line;
    r->cells = cells;
    r->category = c->category;
    r->category.text = strdup(c->category.text ? c->category.text : "");
    if (!r->category.text)
        return -1;
    return 0;
}

static int on_record(void *ud, const zb_csv_field *f, size_t n, unsigned long line)
{
    wide_ctx *c = ud;
    zb_wide_table *t = c->t;
    if (!c->have_header) {
        c->rows_seen++;
        if (is_header_row(f, n)) {
            c->have_header = 1;
            if (map_header(c, f, n, line) != 0) {
                c->oom = 1;
                return 1;
            }
            return c->fatal;
        }
        if (!t->title) {
            for (size_t i = 0; i < n; i++) {
                unsigned long lead;
                char *text = trim_copy(f[i].text, f[i].len, &lead);
                if (text && text[0]) {
                    t->title = text;
                    break;
                }
                free(text);
            }
        }
        if (c->rows_seen >= HEADER_SEARCH_ROWS)
            return 1;
        return 0;
    }
    if (add_row(c, f, n, line) != 0) {
        c->oom = 1;
        return 1;
    }
    return c->oom;
}

zb_wide_table *zb_wide_read(const char *path, const zb_wide_options *opt, zb_diags *diags)
{
    static const zb_wide_options defaults = {NULL, 0, 0};
    if (!opt)
        opt = &defaults;
    zb_wide_table *t = calloc(1, sizeof *t);
    if (!t)
        return NULL;
    t->file = strdup(path);
    t->name_col = t->unit_col = t->category_col = t->growth_col = t->attribute_col = t->note_col = -1;
    t->base_col = t->target_col = -1;
    if (!t->file) {
        free(t);
        return NULL;
    }
    char err[512];
    zb_reader *r = zb_reader_open(path, opt->encoding, err, sizeof err);
    if (!r) {
        zb_diag_add(diags, ZB_ERROR, path, 0, 0, "%s", err);
        return t;
    }
    wide_ctx c;
    memset(&c, 0, sizeof c);
    c.t = t;
    c.diags = diags;
    c.opt = opt;
    zb_csv_read(r, path, diags, NULL, on_record, &c);
    if (zb_reader_close(r, err, sizeof err) != 0)
        zb_diag_add(diags, ZB_ERROR, path, 0, 0, "%s", err);
    free(c.category.text);
    if (c.oom) {
        zb_wide_free(t);
        return NULL;
    }
    if (!c.have_header && zb_diags_errors(diags) == 0)
        zb_diag_add(diags, ZB_ERROR, path, 1, 1, "%s",
                    ZB_T("找不到表头：应有一行包含“指标”（或“指标名称”“项目”）列，以及各年份列",
                         "no header row: expected a row with an indicator column (指标, 指标名称 or 项目) and year columns"));
    return t;
}

void zb_wide_free(zb_wide_table *t)
{
    if (!t)
        return;
    for (size_t i = 0; i < t->nrows; i++) {
        for (size_t j = 0; j < t->ncols; j++)
            free(t->rows[i].cells[j].text);
        free(t->rows[i].cells);
        free(t->rows[i].category.text);
    }
    for (size_t i = 0; i < t->ncols; i++)
        free(t->cols[i].header);
    free(t->rows);
    free(t->cols);
    free(t->title);
    free(t->file);
    free(t);
}

const zb_wide_cell *zb_wide_cell_at(const zb_wide_table *t, const zb_wide_row *r, long c)
{
    if (c < 0 || (size_t)c >= t->ncols)
        return &empty_cell;
    return &r->cells[c];
}
