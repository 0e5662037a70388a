/* zhibiao rollup
 *
 * Rolls county figures up to the city and the province by each indicator's
 * rule and prints, for every parent cell, the computed value, its coverage
 * (children with figures / children), the parent's own reported value and
 * the gap.  --compare keeps only the gaps at or above a threshold and exits
 * 1 when there are any, so that a monthly script can stop on 数据打架.
 */
#include <math.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "zb_host.h"
#include "zb_lang.h"
#include "zb_num.h"
#include "zb_opts.h"
#include "zb_rollup.h"

static const char *usage(void)
{
    return ZB_T("用法：zhibiao rollup --data 目录 [--indicator 代码[,代码...]] [--year 年份] [--region 上级地区代码]\n"
                "                      [--policy partial|missing|skip] [--zones include|exclude]\n"
                "                      [--format text|csv|json] [-o 文件] [--compare [--threshold 1%]] [--exact]\n"
                "                      [--columns 列名,...]\n",
                "usage: zhibiao rollup --data DIR [--indicator CODE[,CODE...]] [--year Y] [--region PARENT]\n"
                "                      [--policy partial|missing|skip] [--zones include|exclude]\n"
                "                      [--format text|csv|json] [-o FILE] [--compare [--threshold 1%]] [--exact]\n"
                "                      [--columns KEY,...]\n");
}

typedef struct rollup_args {
    int policy, zones, compare;
    int exact; /* figures with every digit, for comparing with other tools */
    double threshold; /* a fraction: 0.01 is 1% */
    const char *columns; /* --columns: the keys of the columns to write */
} rollup_args;

/* "1%" is 0.01, "0.5%" 0.005; a bare number below 1 is a fraction
 * ("0.01"), and 1 or more a percentage ("3" is 3 %, as --tolerance-level
 * reads it): nobody means a gap of 300 %. */
static int parse_threshold(const char *s, double *out)
{
    char *end;
    double v = strtod(s, &end);
    if (end == s || !isfinite(v) || v < 0)
        return -1;
    if (strcmp(end, "%") == 0 || (!*end && v >= 1))
        v /= 100.0;
    else if (*end)
        return -1;
    *out = v;
    return 0;
}

/* Does the dataset have observations in year?  Else prints which years it
 * has (a range when there are many) and returns 0. */
static int year_in_data(const zb_dataset *ds, int year)
{
    enum { SPAN = 2200 - 1900 + 1 };
    static unsigned char seen[SPAN];
    memset(seen, 0, sizeof seen);
    for (size_t i = 0; i < ds->obs.count; i++)
        if (ds->obs.year[i] >= 1900 && ds->obs.year[i] <= 2200)
            seen[ds->obs.year[i] - 1900] = 1;
    if (year >= 1900 && year <= 2200 && seen[year - 1900])
        return 1;
    char list[256];
    size_t used = 0, n = 0;
    list[0] = '\0';
    for (int y = 0; y < SPAN; y++)
        n += seen[y];
    if (n == 0)
        snprintf(list, sizeof list, "%s", ZB_T("没有观测值", "no observations"));
    else if (n <= 12) {
        for (int y = 0; y < SPAN && used < sizeof list; y++)
            if (seen[y])
                used += (size_t)snprintf(list + used, sizeof list - used, "%s%d", used ? ZB_T("、", ", ") : "", y + 1900);
    } else {
        snprintf(list, sizeof list, ZB_T("%d—%d（其间 %zu 个年份有数值）", "%d-%d (%zu years with figures)"),
                 ds->obs.year_min, ds->obs.year_max, n);
    }
    fprintf(stderr, ZB_T("zhibiao rollup：数据中没有 %d 年的数值；数据的年份为 %s\n",
                         "zhibiao rollup: the data has no figures for %d; its years are %s\n"),
            year, list);
    return 0;
}

/* Takes our own options out of argv; the rest go to zb_opts_parse. */
static int take_args(int argc, char **argv, rollup_args *a, char **rest, int *nrest)
{
    a->policy = ZB_POLICY_PARTIAL;
    a->zones = -1;
    a->compare = 0;
    a->exact = 0;
    a->threshold = 0.01;
    a->columns = NULL;
    *nrest = 0;
    for (int i = 0; i < argc; i++) {
        const char *arg = argv[i];
        int is_policy = strcmp(arg, "--policy") == 0, is_zones = strcmp(arg, "--zones") == 0,
            is_threshold = strcmp(arg, "--threshold") == 0, is_columns = strcmp(arg, "--columns") == 0;
        if (i > 0 && (is_policy || is_zones || is_threshold || is_columns)) {
            const char *v = i + 1 < argc ? argv[++i] : NULL;
            int bad = !v;
            if (v && is_columns)
                a->columns = v; /* checked against the table's columns */
            else if (v && is_policy)
                bad = (a->policy = zb_rollup_policy_parse(v)) < 0;
            else if (v && is_zones)
                bad = (a->zones = zb_zones_parse(v)) < 0;
            else if (v)
                bad = parse_threshold(v, &a->threshold) != 0;
            if (bad) {
                fprintf(stderr, ZB_T("zhibiao rollup：%s 的值“%s”无效\n%s", "zhibiao rollup: invalid value for %s: '%s'\n%s"),
                        arg, v ? v : "", usage());
                return -1;
            }
        } else if (i > 0 && strcmp(arg, "--compare") == 0) {
            a->compare = 1;
        } else if (i > 0 && strcmp(arg, "--exact") == 0) {
            a->exact = 1;
        } else {
            rest[(*nrest)++] = argv[i];
        }
    }
    rest[*nrest] = NULL;
    return 0;
}

/* The indicators named by --indicator a,b,c; *n = 0 means all.  Returns -1
 * after printing what was wrong. */
static int pick_indicators(const zb_dataset *ds, const char *list, int32_t **out, size_t *n)
{
    *out = NULL;
    *n = 0;
    if (!list)
        return 0;
    size_t cap = 1;
    for (const char *p = list; *p; p++)
        cap += *p == ',';
    int32_t *ids = malloc(cap * sizeof *ids);
    char *copy = strdup(list);
    if (!ids || !copy) {
        free(ids);
        free(copy);
        return -1;
    }
    char *save = NULL;
    for (char *tok = strtok_r(copy, ",", &save); tok; tok = strtok_r(NULL, ",", &save)) {
        long i = zb_ds_indicator(ds, tok);
        if (i < 0) {
            char hint[512];
            zb_opts_suggest(hint, sizeof hint, ds, tok, 0);
            fprintf(stderr, ZB_T("zhibiao rollup：未知的指标代码“%s”（见 indicators.csv%s）\n",
                                 "zhibiao rollup: unknown indicator code '%s' (see indicators.csv%s)\n"), tok, hint);
            free(ids);
            free(copy);
            return -1;
        }
        if (ds->indicators.items[i].agg.rule == ZB_AGG_NONE) {
            fprintf(stderr, ZB_T("zhibiao rollup：指标 %s 的汇总规则是 none，不能由下级汇总\n",
                                 "zhibiao rollup: indicator %s has the rule none and does not roll up\n"), tok);
            free(ids);
            free(copy);
            return -1;
        }
        ids[(*n)++] = (int32_t)i;
    }
    free(copy);
    *out = ids;
    return 0;
}

static const char *region_name(const zb_dataset *ds, long r)
{
    const zb_region *rg = &ds->regions.items[r];
    return zb_ds_str(ds, zb_lang_get() == ZB_LANG_EN && rg->name_en ? rg->name_en : rg->name);
}

/* The figure as printed: the indicator's decimals, shares for structures.
 * decimals < 0 (--exact): text that reads back as the same double, so that
 * another tool's figures can be compared to the last bit. */
static void fmt_figure(char *buf, size_t len, const zb_rollup *r, const zb_rollup_cell *c, int reported,
                       int decimals)
{
    double v = reported ? c->reported : c->value;
    if (c->nshares) {
        zb_rollup_format_shares(r, c, reported, decimals < 0 ? 9 : decimals, buf, len);
    } else if (decimals < 0 && isfinite(v)) {
        zb_num_format_exact(buf, len, v);
    } else {
        zb_fmt_value(buf, len, v, decimals < 0 ? 0 : decimals);
    }
}

/* A signed difference, "0" when it rounds to nothing at these decimals. */
static void fmt_signed(char *buf, size_t len, double v, int decimals, const char *suffix)
{
    if (isnan(v)) {
        if (len)
            buf[0] = '\0';
    } else if (fabs(v) < 0.5 * pow(10, -decimals))
        snprintf(buf, len, "%.*f%s", decimals, 0.0, suffix);
    else
        snprintf(buf, len, "%+.*f%s", decimals, v, suffix);
}

/* The note for people: who is missing, whether a child was partial, what
 * the parent passes up, and provisional figures. */
static void fmt_note(char *buf, size_t len, const zb_dataset *ds, const zb_rollup *r, const zb_rollup_cell *c)
{
    size_t used = 0;
    buf[0] = '\0';
#define ADD(...)                                                                \
    do {                                                                        \
        if (used < len)                                                         \
            used += (size_t)snprintf(buf + used, len - used, __VA_ARGS__);      \
    } while (0)
    const char *sep = ZB_T("；", "; ");
    size_t nmiss;
    const int32_t *miss = zb_rollup_missing(r, c, &nmiss);
    if (nmiss) {
        ADD("%s", ZB_T("缺 ", "missing "));
        for (size_t k = 0; k < nmiss && k < 3; k++)
            ADD("%s%s", k ? ZB_T("、", ", ") : "", region_name(ds, miss[k]));
        if (nmiss > 3)
            ADD(ZB_T("等 %zu 个", " and %zu more"), zb_lang_get() == ZB_LANG_EN ? nmiss - 3 : nmiss);
    } else if (c->partial && !ds->settings.regions_complete) {
        ADD("%s", ZB_T("地区表未列全下级", "not every child is in regions.csv"));
    } else if (c->partial) {
        ADD("%s", ZB_T("下级的汇总值不全", "a child's figure is partial"));
    }
    if (c->origin == ZB_ORIGIN_REPORTED)
        ADD("%s%s", used ? sep : "", ZB_T("向上级报送上报值", "its reported figure goes up"));
    if (c->status == ZB_STATUS_PRELIMINARY)
        ADD("%s%s", used ? sep : "", ZB_T("含初步数", "includes preliminary figures"));
    else if (c->status == ZB_STATUS_ESTIMATE)
        ADD("%s%s", used ? sep : "", ZB_T("含预计数", "includes estimates"));
#undef ADD
}

/* Does the cell's gap reach the threshold?  Partial cells are not compared:
 * a sum of some counties always falls short of the city. */
static int gap_reaches(const zb_rollup *r, const zb_rollup_cell *c, double threshold)
{
    double abs, rel;
    if (c->partial || !zb_rollup_gap(r, c, &abs, &rel))
        return 0;
    if (c->nshares)
        return fabs(abs) >= threshold * 100.0 && abs != 0; /* shares: points */
    if (isnan(rel))
        return abs != 0;
    return fabs(rel) >= threshold && abs != 0;
}

/* The result table's columns, in new_table's order. */
enum { C_REGION_CODE, C_REGION, C_INDICATOR, C_NAME, C_UNIT, C_YEAR, C_VALUE, C_COVERAGE, C_N,
       C_TOTAL, C_PARTIAL, C_REPORTED, C_GAP, C_GAP_REL, C_GAP_REL_SHOWN, C_ORIGIN, C_STATUS,
       C_MISSING, C_NOTE, C_NCOLS };

/* The result table's columns; NULL when out of memory. */
static zb_out *new_table(void)
{
    static zb_out_col cols[20];
    int nc = 0;
#define COL(k, zh, en, num, data_only_, text_only_)                                              \
    cols[nc++] = (zb_out_col){.key = k, .label = ZB_T(zh, en), .numeric = num, .data_only = data_only_, \
                              .text_only = text_only_, .boolean = 0}
    COL("region_code", "地区代码", "region code", 0, 1, 0);
    COL("region", "地区", "region", 0, 0, 0);
    COL("indicator", "指标代码", "code", 0, 1, 0);
    COL("name", "指标", "indicator", 0, 0, 0);
    COL("unit", "单位", "unit", 0, 0, 0);
    COL("year", "年份", "year", 1, 0, 0);
    COL("value", "汇总值", "computed", 1, 0, 0);
    COL("coverage", "覆盖", "coverage", 1, 0, 1);
    COL("n", "有数据的下级", "children with data", 1, 1, 0);
    COL("total", "下级总数", "children", 1, 1, 0);
    COL("partial", "不全", "partial", 0, 1, 0);
    cols[nc - 1].boolean = 1;
    COL("reported", "上报值", "reported", 1, 0, 0);
    COL("gap", "差值", "gap", 1, 0, 0);
    COL("gap_rel", "差率%", "gap %", 1, 1, 0);
    COL("gap_rel_shown", "差率", "gap %", 1, 0, 1);
    COL("origin", "向上取值", "passed up", 0, 1, 0);
    COL("status", "状态", "status", 0, 1, 0);
    COL("missing", "缺数据的下级", "children without data", 0, 1, 0);
    COL("note", "说明", "note", 0, 0, 0);
#undef COL
    return nc == C_NCOLS ? zb_out_new(cols, nc) : NULL; /* the enum follows the table */
}

/* What the rows of a rollup are made from, shared by the threads that
 * make them. */
typedef struct row_src {
    const zb_dataset *ds;
    const zb_rollup *r;
    const rollup_args *a;
    long only_region;
} row_src;

/* What a run of rows counted. */
typedef struct row_tally {
    size_t shown, partial, compared;
    unsigned char *parent_seen; /* per region: a parent with a row shown */
} row_tally;

/* Adds the rows of cells from .. to - 1 to t. */
static void add_rows(const row_src *x, size_t from, size_t to, zb_out *t, row_tally *n)
{
    const zb_dataset *ds = x->ds;
    const zb_rollup *r = x->r;
    unsigned char want[C_NCOLS];
    for (int col = 0; col < C_NCOLS; col++)
        want[col] = (unsigned char)zb_out_written(t, col);
    for (size_t k = from; k < to; k++) {
        const zb_rollup_cell *c = &r->cells[k];
        if (x->only_region >= 0 && c->region != x->only_region)
            continue;
        if (x->a->compare) {
            double g0, g1;
            if (!c->partial && zb_rollup_gap(r, c, &g0, &g1))
                n->compared++;
            if (!gap_reaches(r, c, x->a->threshold)) {
                n->partial += c->partial && c->has_reported;
                continue;
            }
        } else {
            n->partial += c->partial;
        }
        n->parent_seen[c->region] = 1;
        const zb_indicator *ind = &ds->indicators.items[c->indicator];
        char b[256], b2[96];
        /* Each cell formatted only when it is written (--columns). */
#define AT(col) (want[col] && zb_out_skip_to(t, col) == 0)
        zb_out_row(t);
        if (AT(C_REGION_CODE))
            zb_out_cell(t, zb_ds_str(ds, ds->regions.items[c->region].code));
        if (AT(C_REGION))
            zb_out_cell(t, region_name(ds, c->region));
        if (AT(C_INDICATOR))
            zb_out_cell(t, zb_ds_str(ds, ind->code));
        if (AT(C_NAME))
            zb_out_cell(t, zb_ds_str(ds, zb_lang_get() == ZB_LANG_EN && ind->name_en ? ind->name_en : ind->name));
        if (AT(C_UNIT))
            zb_out_cell(t, zb_ds_str(ds, ind->unit));
        if (AT(C_YEAR))
            zb_out_cell_int(t, c->year);
        if (AT(C_VALUE)) {
            fmt_figure(b, sizeof b, r, c, 0, x->a->exact ? -1 : ind->decimals);
            zb_out_cell(t, b);
        }
        if (AT(C_COVERAGE))
            zb_out_cellf(t, "%u/%u", c->n, c->total);
        if (AT(C_N))
            zb_out_cell_int(t, c->n);
        if (AT(C_TOTAL))
            zb_out_cell_int(t, c->total);
        if (AT(C_PARTIAL))
            zb_out_cell(t, c->partial ? "true" : "false");
        if (AT(C_REPORTED)) {
            fmt_figure(b, sizeof b, r, c, 1, x->a->exact ? -1 : ind->decimals);
            zb_out_cell(t, c->has_reported ? b : "");
        }
        double gap, rel;
        int has_gap = want[C_GAP] || want[C_GAP_REL] || want[C_GAP_REL_SHOWN] ? zb_rollup_gap(r, c, &gap, &rel) : 0;
        if (AT(C_GAP)) {
            fmt_signed(b, sizeof b, has_gap ? gap : NAN, ind->decimals, "");
            zb_out_cell(t, b);
        }
        if (AT(C_GAP_REL)) {
            zb_fmt_value(b2, sizeof b2, has_gap ? rel * 100.0 : NAN, 2);
            zb_out_cell(t, b2);
        }
        if (AT(C_GAP_REL_SHOWN)) {
            fmt_signed(b2, sizeof b2, has_gap ? rel * 100.0 : NAN, 2, "%");
            zb_out_cell(t, b2);
        }
        if (AT(C_ORIGIN))
            zb_out_cell(t, zb_rollup_origin_name((zb_rollup_origin)c->origin));
        if (AT(C_STATUS))
            zb_out_cell(t, zb_status_name((zb_status)c->status));
        if (AT(C_MISSING)) {
            size_t nmiss, used = 0;
            const int32_t *miss = zb_rollup_missing(r, c, &nmiss);
            b[0] = '\0';
            for (size_t m = 0; m < nmiss && used < sizeof b; m++)
                used += (size_t)snprintf(b + used, sizeof b - used, "%s%s", m ? ";" : "",
                                         zb_ds_str(ds, ds->regions.items[miss[m]].code));
            zb_out_cell(t, b);
        }
        if (AT(C_NOTE)) {
            fmt_note(b, sizeof b, ds, r, c);
            zb_out_cell(t, b);
        }
#undef AT
        n->shown++;
    }
}

/* A national rollup's CSV is millions of rows, and making their text costs
 * more than the rollup: past this many cells the second half is made in
 * a second thread, into a temporary file appended after the first. */
enum { TWO_THREADS_MIN_CELLS = 100000 };

typedef struct half {
    const row_src *x;
    size_t from, to;
    zb_out *t;
    row_tally n;
} half;

static void *add_half(void *arg)
{
    half *h = arg;
    add_rows(h->x, h->from, h->to, h->t, &h->n);
    return NULL;
}

int zb_cmd_rollup(int argc, char **argv)
{
    rollup_args a;
    char **rest = calloc((size_t)argc + 1, sizeof *rest);
    int nrest = 0;
    if (!rest)
        return ZB_EXIT_FAIL;
    zb_opts o;
    int parsed = take_args(argc, argv, &a, rest, &nrest) != 0 ? -1 : zb_opts_parse(nrest, rest, usage(), &o);
    free(rest);
    if (parsed != 0)
        return parsed > 0 ? ZB_EXIT_OK : ZB_EXIT_USAGE; /* --help: the usage on stdout */
    char err[512];
    /* The table first: a misspelt --columns is told before a long load. */
    zb_out *t = new_table();
    if (!t)
        return ZB_EXIT_FAIL;
    if (a.columns && zb_out_select(t, a.columns, err, sizeof err) != 0) {
        fprintf(stderr, ZB_T("zhibiao rollup：%s\n%s", "zhibiao rollup: %s\n%s"), err, usage());
        zb_out_free(t);
        return ZB_EXIT_USAGE;
    }
    zb_dataset *ds = zb_opts_load_dataset(&o);
    if (!ds) {
        zb_out_free(t);
        return ZB_EXIT_USAGE;
    }
    if (o.year && !year_in_data(ds, o.year)) {
        zb_out_free(t);
        zb_dataset_free(ds);
        return ZB_EXIT_USAGE;
    }
    long only_region = -1;
    if (o.region && (only_region = zb_ds_region(ds, o.region)) < 0) {
        char hint[512];
        zb_opts_suggest(hint, sizeof hint, ds, o.region, 1);
        fprintf(stderr, ZB_T("zhibiao rollup：未知的地区代码“%s”（见 regions.csv%s）\n",
                             "zhibiao rollup: unknown region code '%s' (see regions.csv%s)\n"), o.region, hint);
        zb_out_free(t);
        zb_dataset_free(ds);
        return ZB_EXIT_USAGE;
    }
    int32_t *ids;
    size_t nids;
    if (pick_indicators(ds, o.indicator, &ids, &nids) != 0) {
        zb_out_free(t);
        zb_dataset_free(ds);
        return ZB_EXIT_USAGE;
    }
    zb_rollup_options ro;
    zb_rollup_options_init(&ro);
    ro.indicators = nids ? ids : NULL;
    ro.nindicators = nids;
    ro.year_from = ro.year_to = o.year;
    ro.policy = (zb_rollup_policy)a.policy;
    ro.zones = a.zones;
    zb_rollup *r = zb_rollup_run(ds, &ro, err, sizeof err);
    free(ids);
    if (!r) {
        zb_host_error("rollup", "%s", err);
        zb_out_free(t);
        zb_dataset_free(ds);
        return ZB_EXIT_FAIL;
    }
    /* Cells come ordered by indicator, so a parent recurs: count each once. */
    unsigned char *parent_seen = calloc(ds->regions.count ? ds->regions.count : 1, 1);
    if (!parent_seen) {
        zb_out_free(t);
        t = NULL;
    }
    /* A national rollup has millions of cells: CSV and JSON rows go out as
     * they are made instead of being held. */
    if (t && zb_opts_stream(&o, t) != 0) {
        /* The output cannot be written: said by zb_opts_stream, exit 2. */
        zb_out_free(t);
        free(parent_seen);
        zb_rollup_free(r);
        zb_dataset_free(ds);
        return ZB_EXIT_USAGE;
    }
    row_src src = {ds, r, &a, only_region};
    row_tally tally = {0, 0, 0, parent_seen};
    /* The second half in a second thread (see TWO_THREADS_MIN_CELLS). */
    half second;
    memset(&second, 0, sizeof second);
    pthread_t thread;
    FILE *more_file = NULL;
    int two = 0;
    if (t && o.streaming && o.format == ZB_OUT_CSV && r->count >= TWO_THREADS_MIN_CELLS &&
        (more_file = tmpfile()) != NULL && (second.t = new_table()) != NULL &&
        (!a.columns || zb_out_select(second.t, a.columns, err, sizeof err) == 0) &&
        zb_out_stream_rows(second.t, more_file, ZB_OUT_CSV) == 0 &&
        (second.n.parent_seen = calloc(ds->regions.count, 1)) != NULL) {
        second.x = &src;
        second.from = r->count / 2;
        second.to = r->count;
        two = pthread_create(&thread, NULL, add_half, &second) == 0;
    }
    if (t)
        add_rows(&src, 0, two ? r->count / 2 : r->count, t, &tally);
    if (two) {
        pthread_join(thread, NULL);
        if (zb_out_append(t, second.t, more_file) != 0) {
            fprintf(stderr, "%s", ZB_T("zhibiao rollup：临时文件读取失败\n", "zhibiao rollup: the temporary file could not be read back\n"));
            zb_out_free(t);
            t = NULL;
        }
        tally.shown += second.n.shown;
        tally.partial += second.n.partial;
        tally.compared += second.n.compared;
        for (size_t i = 0; i < ds->regions.count; i++)
            parent_seen[i] |= second.n.parent_seen[i];
    }
    zb_out_free(second.t);
    free(second.n.parent_seen);
    if (more_file)
        fclose(more_file);
    size_t shown = tally.shown, partial = tally.partial, compared = tally.compared, parents_seen = 0;
    for (size_t i = 0; parent_seen && i < ds->regions.count; i++)
        parents_seen += parent_seen[i];
    free(parent_seen);
    if (!t) {
        zb_rollup_free(r);
        zb_dataset_free(ds);
        return ZB_EXIT_FAIL;
    }
    int to_terminal = o.format == ZB_OUT_TEXT && (!o.output || strcmp(o.output, "-") == 0);
    if (to_terminal) {
        if (!r->nyears)
            snprintf(err, sizeof err, "%s", ZB_T("无观测值", "no observations"));
        else if (r->year_from == r->year_to)
            snprintf(err, sizeof err, ZB_T("%d 年", "%d"), r->year_from);
        else
            snprintf(err, sizeof err, ZB_T("%d—%d 年", "%d-%d"), r->year_from, r->year_to);
        printf(ZB_T("汇总（%s）：%s；下级不全时按 %s 处理%s\n", "rollup (%s): %s; incomplete children: %s%s\n"),
               err, zb_zones_label(r->zones), zb_rollup_policy_name(r->policy),
               a.compare ? ZB_T("；只列上报值与汇总值不一致的项", "; gaps only") : "");
        if (!ds->settings.regions_complete)
            printf("%s", ZB_T("注意：本数据集的地区表没有列全各上级的下级地区（settings.csv：regions_complete = no），"
                              "汇总值只是所列下级之和，不代表上级，各项均按不全处理。\n",
                              "note: this dataset's regions.csv does not list every child of its parents (settings.csv: "
                              "regions_complete = no): a total is only the sum of the children listed, not the parent's, "
                              "and every cell is marked partial.\n"));
    }
    int rc = shown || !to_terminal ? zb_opts_write(&o, t) : 0;
    if (rc == 0 && to_terminal) {
        if (a.compare)
            printf(ZB_T("比较 %1$zu 项（完整汇总且有上报值），差率绝对值不低于 %2$.2f%% 的 %3$zu 项；部分汇总的 %4$zu 项不比较。\n",
                        "compared %1$zu cells (complete, with a reported figure); %3$zu with a gap of %2$.2f%% or more; %4$zu partial cells not compared.\n"),
                   compared, a.threshold * 100.0, shown, partial);
        else if (!shown)
            printf("%s", ZB_T("没有可汇总的数据：下级地区没有这些指标、年份的数值。\n",
                              "nothing to roll up: no child region has figures for these indicators and years.\n"));
        else
            printf(ZB_T("共 %zu 项，涉及 %zu 个上级地区；覆盖 = 有数据的下级/下级总数，不全 %zu 项（说明中列出缺数据的下级）。\n",
                        "%zu cells for %zu parent region(s); coverage = children with data / children; %zu incomplete (the note names the missing children).\n"),
                   shown, parents_seen, partial);
    }
    zb_out_free(t);
    zb_rollup_free(r);
    zb_dataset_free(ds);
    if (rc != 0)
        return ZB_EXIT_USAGE; /* the output could not be written */
    return a.compare && shown ? ZB_EXIT_FAIL : ZB_EXIT_OK;
}
