#include "zb_import.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "zb_lang.h"
#include "zb_load.h"
#include "zb_namematch.h"
#include "zb_num.h"
#include "zb_spec.h"
#include "zb_write.h"

typedef struct import_ctx {
    const zb_wide_table *t;
    const zb_dataset *ref;
    zb_dataset *nd;
    zb_diags *diags;
    long *copied;            /* ref indicator -> nd indicator, -1 */
    unsigned long *seen_line; /* ref indicator -> table line of its row, 0 */
    int *decimals;           /* ref indicator -> decimals found in the data, -1 */
    int oom;
} import_ctx;

static uint32_t intern(zb_dataset *ds, const char *s)
{
    return s && *s ? zb_strtab_intern(ds->strs, s, strlen(s)) : 0;
}

/* The aliases an indicator's note records: 专栏1作“地区生产总值GDP(亿元)”. */
static int add_aliases(zb_namematch *m, const char *note, long id)
{
    static const char open[] = "作\xE2\x80\x9C"; /* 作“ */
    const char *p = note;
    while ((p = strstr(p, open)) != NULL) {
        p += strlen(open);
        const char *end = strstr(p, "\xE2\x80\x9D"); /* ” */
        if (!end)
            break;
        char buf[256];
        size_t n = (size_t)(end - p) < sizeof buf - 1 ? (size_t)(end - p) : sizeof buf - 1;
        memcpy(buf, p, n);
        buf[n] = '\0';
        if (n && zb_namematch_add(m, buf, id) != 0)
            return -1;
        p = end;
    }
    return 0;
}

static zb_namematch *build_matcher(const zb_dataset *ref)
{
    zb_namematch *m = zb_namematch_new();
    if (!m)
        return NULL;
    for (size_t i = 0; i < ref->indicators.count; i++) {
        const zb_indicator *ind = &ref->indicators.items[i];
        if (zb_namematch_add(m, zb_ds_str(ref, ind->name), (long)i) != 0 ||
            (ind->name_en && zb_namematch_add(m, zb_ds_str(ref, ind->name_en), (long)i) != 0) ||
            add_aliases(m, zb_ds_str(ref, ind->note), (long)i) != 0) {
            zb_namematch_free(m);
            return NULL;
        }
    }
    return m;
}

/* Copies region ri of ref and its ancestors (top first) into nd. */
static int copy_region_chain(import_ctx *c, long ri)
{
    const zb_region *r = &c->ref->regions.items[ri];
    if (r->parent >= 0 && copy_region_chain(c, r->parent) != 0)
        return -1;
    zb_region nr;
    memset(&nr, 0, sizeof nr);
    nr.code = intern(c->nd, zb_ds_str(c->ref, r->code));
    nr.name = intern(c->nd, zb_ds_str(c->ref, r->name));
    nr.name_en = intern(c->nd, zb_ds_str(c->ref, r->name_en));
    nr.source = intern(c->nd, zb_ds_str(c->ref, r->source));
    if (r->parent >= 0)
        nr.parent_code = intern(c->nd, zb_ds_str(c->ref, c->ref->regions.items[r->parent].code));
    nr.level = r->level;
    nr.parent = -1;
    nr.first_child = nr.next_sibling = -1;
    nr.line = (unsigned long)c->nd->regions.count + 2;
    long existing;
    return zb_regions_add(&c->nd->regions, &nr, &existing) == -1 ? -1 : 0;
}

/* The nd index of ref indicator ri, copying it on first use. */
static long copy_indicator(import_ctx *c, long ri)
{
    if (c->copied[ri] >= 0)
        return c->copied[ri];
    const zb_indicator *s = &c->ref->indicators.items[ri];
    zb_indicator d = *s;
    d.code = intern(c->nd, zb_ds_str(c->ref, s->code));
    d.name = intern(c->nd, zb_ds_str(c->ref, s->name));
    d.name_en = intern(c->nd, zb_ds_str(c->ref, s->name_en));
    d.unit = intern(c->nd, zb_ds_str(c->ref, s->unit));
    d.category = intern(c->nd, zb_ds_str(c->ref, s->category));
    d.source = intern(c->nd, zb_ds_str(c->ref, s->source));
    d.note = intern(c->nd, zb_ds_str(c->ref, s->note));
    for (uint32_t k = 0; k < d.agg.noperands; k++) {
        d.agg.operand_code[k] = intern(c->nd, zb_ds_str(c->ref, s->agg.operand_code[k]));
        d.agg.operand[k] = -1;
    }
    d.line = (unsigned long)c->nd->indicators.count + 2;
    long existing;
    long idx = zb_indicators_add(&c->nd->indicators, &d, &existing);
    if (idx < 0) {
        c->oom = 1;
        return -1;
    }
    c->copied[ri] = idx;
    return idx;
}

/* Digits after the decimal point in a number as written ("25.70" -> 2). */
static int decimals_of(const char *text)
{
    const char *dot = strchr(text, '.');
    if (!dot)
        return 0;
    int n = 0;
    for (const char *p = dot + 1; *p >= '0' && *p <= '9'; p++)
        n++;
    return n;
}

/* Length of text without a trailing unit (as the loader reads it). */
static size_t without_unit(const char *text, const char *unit)
{
    size_t len = strlen(text), ulen = strlen(unit);
    if (ulen && ulen < len && memcmp(text + len - ulen, unit, ulen) == 0 && strcmp(unit, "%") != 0 &&
        strcmp(unit, "\xE2\x80\xB0") != 0)
        return len - ulen;
    return len;
}

static unsigned number_flags(const char *unit)
{
    if (strcmp(unit, "%") == 0 || strcmp(unit, "\xEF\xBC\x85") == 0)
        return ZB_NUM_ALLOW_PERCENT;
    if (strcmp(unit, "\xE2\x80\xB0") == 0)
        return ZB_NUM_ALLOW_PERMILLE;
    return 0;
}

/* Parses a figure cell for indicator ri.  Returns 1 with *v (or, for a
 * structure, NaN), 0 when empty or a missing marker, -1 after an error. */
static int figure(import_ctx *c, const zb_wide_cell *cell, long ri, double *v, const char *what)
{
    const zb_indicator *ind = &c->ref->indicators.items[ri];
    const char *unit = zb_ds_str(c->ref, ind->unit);
    *v = NAN;
    if (!cell->text[0] || zb_num_is_missing_marker(cell->text, strlen(cell->text)))
        return 0;
    if (ind->kind == ZB_KIND_STRUCTURE && strchr(cell->text, ':'))
        return 1;
    zb_num_error err;
    zb_num_status st = zb_num_parse(cell->text, without_unit(cell->text, unit), number_flags(unit), v, &err);
    if (st == ZB_NUM_OK) {
        int d = decimals_of(cell->text);
        if (d > c->decimals[ri])
            c->decimals[ri] = d;
        return 1;
    }
    if (st == ZB_NUM_MISSING)
        return 0;
    zb_diag_add(c->diags, ZB_ERROR, c->t->file, cell->line, cell->col + (unsigned long)err.col - 1,
                ZB_T("%s“%s”不是有效数字：%s（请在表中改正后重新导入）",
                     "%s '%s' is not a valid number: %s (correct it in the table and import again)"),
                what, cell->text, err.message);
    return -1;
}

/* A target or growth text must parse (free text is fine, a malformed
 * number is not). */
static int check_spec(import_ctx *c, const zb_wide_cell *cell, const char *what)
{
    if (!cell->text[0])
        return 0;
    zb_spec s;
    char err[160];
    size_t col = 1;
    if (zb_spec_parse(cell->text, &s, err, sizeof err, &col) == 0)
        return 0;
    zb_diag_add(c->diags, ZB_ERROR, c->t->file, cell->line, cell->col + (unsigned long)col - 1,
                ZB_T("%s“%s”有误：%s", "%s '%s' is malformed: %s"), what, cell->text, err);
    return -1;
}

static void unmapped(import_ctx *c, const zb_namematch *m, const zb_wide_cell *name, const char *unit)
{
    long ids[3];
    const char *names[3];
    size_t n = zb_namematch_suggest(m, name->text, unit, ids, names, 3);
    char hint[1024] = "";
    size_t used = 0;
    for (size_t i = 0; i < n && used < sizeof hint - 200; i++) {
        int w = snprintf(hint + used, sizeof hint - used, ZB_T("%s“%s”（%s）", "%s'%s' (%s)"), i ? ZB_T("、", ", ") : "", names[i],
                         zb_ds_str(c->ref, c->ref->indicators.items[ids[i]].code));
        if (w > 0)
            used += (size_t)w;
    }
    if (n)
        zb_diag_add(c->diags, ZB_ERROR, c->t->file, name->line, name->col,
                    ZB_T("不认识的指标名称“%s”；相近的有：%s", "unknown indicator name '%s'; nearest: %s"),
                    name->text, hint);
    else
        zb_diag_add(c->diags, ZB_ERROR, c->t->file, name->line, name->col,
                    ZB_T("不认识的指标名称“%s”，也没有相近的名称：请在 --indicators 数据集的 indicators.csv 中加入该指标",
                         "unknown indicator name '%s' and none near it: add the indicator to indicators.csv of the --indicators dataset"),
                    name->text);
}

/* The unit column holds something other than the indicator's unit. */
static int unit_differs(const char *table_unit, const char *unit)
{
    if (!table_unit[0] || zb_num_is_missing_marker(table_unit, strlen(table_unit)))
        return 0;
    char *a = zb_name_key(table_unit, 0, NULL), *b = zb_name_key(unit, 0, NULL);
    int differs = a && b && strcmp(a, b) != 0;
    free(a);
    free(b);
    return differs;
}

static void import_row(import_ctx *c, const zb_namematch *m, const zb_wide_row *row, const zb_import_options *o,
                       long region, zb_import_stats *st)
{
    const zb_wide_table *t = c->t;
    const zb_wide_cell *name = zb_wide_cell_at(t, row, t->name_col);
    const zb_wide_cell *unitc = zb_wide_cell_at(t, row, t->unit_col);
    st->rows++;
    long ids[4];
    size_t nfound = 0;
    long ri = zb_namematch_find(m, name->text, unitc->text, ids, 4, &nfound);
    if (ri == ZB_MATCH_NONE) {
        unmapped(c, m, name, unitc->text);
        return;
    }
    if (ri == ZB_MATCH_AMBIGUOUS) {
        char list[512] = "";
        size_t used = 0;
        for (size_t i = 0; i < nfound && i < 4; i++) {
            const zb_indicator *ind = &c->ref->indicators.items[ids[i]];
            int w = snprintf(list + used, sizeof list - used, "%s“%s”（%s）", i ? ZB_T("、", ", ") : "",
                             zb_ds_str(c->ref, ind->name), zb_ds_str(c->ref, ind->code));
            if (w > 0 && (size_t)w < sizeof list - used)
                used += (size_t)w;
        }
        zb_diag_add(c->diags, ZB_ERROR, t->file, name->line, name->col,
                    ZB_T("指标名称“%s”可指多个指标：%s；请写出完整名称", "indicator name '%s' fits several: %s; write the full name"),
                    name->text, list);
        return;
    }
    const zb_indicator *ind = &c->ref->indicators.items[ri];
    if (c->seen_line[ri]) {
        zb_diag_add(c->diags, ZB_ERROR, t->file, name->line, name->col,
                    ZB_T("指标“%s”（%s）在第 %lu 行已出现", "indicator '%s' (%s) already appears on line %lu"),
                    name->text, zb_ds_str(c->ref, ind->code), c->seen_line[ri]);
        return;
    }
    c->seen_line[ri] = row->line;
    char note[512] = "";
    const char *unit = zb_ds_str(c->ref, ind->unit);
    if (unit_differs(unitc->text, unit)) {
        zb_diag_add(c->diags, ZB_WARNING, t->file, unitc->line, unitc->col,
                    ZB_T("表中单位“%s”与指标 %s 的单位“%s”不同；数值按“%s”导入，请核对",
                         "the unit '%s' differs from that of %s ('%s'); the figures are read as '%s'; please check"),
                    unitc->text, zb_ds_str(c->ref, ind->code), unit[0] ? unit : "—", unit[0] ? unit : "—");
        snprintf(note, sizeof note, ZB_T("表中单位为“%s”", "the table's unit is '%s'"), unitc->text);
    }
    const zb_wide_cell *notec = zb_wide_cell_at(t, row, t->note_col);
    if (notec->text[0]) {
        size_t used = strlen(note);
        snprintf(note + used, sizeof note - used, "%s%s", used ? ZB_T("；", "; ") : "", notec->text);
    }
    int bad = 0;
    /* Figures of every year but the target's. */
    double values[512];
    int kinds[512];
    for (size_t k = 0; k < t->ncols && k < 512; k++) {
        kinds[k] = 0;
        if (t->cols[k].role != ZB_WIDE_YEAR || (long)k == t->target_col)
            continue;
        char what[64];
        snprintf(what, sizeof what, ZB_T("%d年数值", "the %d figure"), t->cols[k].year);
        kinds[k] = figure(c, &row->cells[k], ri, &values[k], what);
        bad |= kinds[k] < 0;
    }
    const zb_wide_cell *target = zb_wide_cell_at(t, row, t->target_col);
    const zb_wide_cell *growth = zb_wide_cell_at(t, row, t->growth_col);
    bad |= check_spec(c, target, ZB_T("目标值", "the target")) < 0;
    bad |= check_spec(c, growth, ZB_T("年均增速", "the growth")) < 0;
    /* The target's figure counts for the decimals too. */
    if (target->text[0]) {
        zb_spec s;
        char err[64];
        size_t col;
        if (zb_spec_parse(target->text, &s, err, sizeof err, &col) == 0 && s.form == ZB_SPEC_VALUE &&
            decimals_of(target->text) > c->decimals[ri])
            c->decimals[ri] = decimals_of(target->text);
    }
    const zb_wide_cell *attrc = zb_wide_cell_at(t, row, t->attribute_col);
    int attr = ZB_ATTR_NONE;
    if (attrc->text[0] && !zb_num_is_missing_marker(attrc->text, strlen(attrc->text))) {
        attr = zb_attribute_parse(attrc->text);
        if (attr < 0) {
            zb_diag_add(c->diags, ZB_ERROR, t->file, attrc->line, attrc->col,
                        ZB_T("未知的指标属性“%s”：应为 预期性 或 约束性", "unknown attribute '%s': expected 预期性 or 约束性"),
                        attrc->text);
            bad = 1;
        }
    }
    if (bad)
        return;
    long ni = copy_indicator(c, ri);
    if (ni < 0)
        return;
    st->indicators++;
    zb_indicator *nind = &c->nd->indicators.items[ni];
    if (row->category.text[0])
        nind->category = intern(c->nd, row->category.text);
    if (attr != ZB_ATTR_NONE && nind->attribute == ZB_ATTR_NONE)
        nind->attribute = (zb_attribute)attr;
    char source[512];
    snprintf(source, sizeof source, "%s:%lu", o->source, row->line);
    uint32_t src = intern(c->nd, source);
    for (size_t k = 0; k < t->ncols && k < 512; k++) {
        if (kinds[k] != 1)
            continue;
        const char *text = row->cells[k].text;
        char canon[64];
        zb_write_number(canon, sizeof canon, values[k]);
        uint32_t raw = isnan(values[k]) || strcmp(canon, text) != 0 ? intern(c->nd, text) : 0;
        long existing;
        if (zb_obs_add(&c->nd->obs, (int32_t)region, (int32_t)ni, t->cols[k].year, values[k], ZB_STATUS_ACTUAL,
                       src, raw, 0, (uint32_t)row->line, &existing) == -1) {
            c->oom = 1;
            return;
        }
        st->observations++;
    }
    zb_target tg;
    memset(&tg, 0, sizeof tg);
    tg.plan = intern(c->nd, o->plan);
    tg.plan_name = intern(c->nd, o->plan_name ? o->plan_name : t->title ? t->title : o->plan);
    tg.region = (int32_t)region;
    tg.indicator = (int32_t)ni;
    tg.base_year = t->base_col >= 0 ? t->base_year : 0;
    tg.base_text = t->base_col >= 0 ? intern(c->nd, row->cells[t->base_col].text) : 0;
    tg.base_value = NAN;
    if (t->base_col >= 0 && kinds[t->base_col] == 1)
        tg.base_value = values[t->base_col];
    tg.target_year = t->target_year;
    tg.target_text = intern(c->nd, target->text);
    tg.growth_text = intern(c->nd, growth->text);
    tg.attribute = (zb_attribute)attr;
    tg.source = src;
    tg.note = intern(c->nd, note);
    tg.line = row->line;
    if (zb_targets_add(&c->nd->targets, &tg) < 0) {
        c->oom = 1;
        return;
    }
    st->targets++;
}

zb_dataset *zb_import_wide(const zb_wide_table *t, const zb_dataset *ref, const zb_import_options *opt,
                           zb_import_stats *stats, zb_diags *diags)
{
    zb_import_stats local;
    if (!stats)
        stats = &local;
    memset(stats, 0, sizeof *stats);
    zb_dataset *nd = zb_dataset_new();
    if (!nd)
        return NULL;
    import_ctx c;
    memset(&c, 0, sizeof c);
    c.t = t;
    c.ref = ref;
    c.nd = nd;
    c.diags = diags;
    size_t n = ref->indicators.count ? ref->indicators.count : 1;
    c.copied = malloc(n * sizeof *c.copied);
    c.seen_line = calloc(n, sizeof *c.seen_line);
    c.decimals = malloc(n * sizeof *c.decimals);
    zb_namematch *m = build_matcher(ref);
    if (!c.copied || !c.seen_line || !c.decimals || !m) {
        free(c.copied);
        free(c.seen_line);
        free(c.decimals);
        zb_namematch_free(m);
        zb_dataset_free(nd);
        return NULL;
    }
    for (size_t i = 0; i < n; i++) {
        c.copied[i] = -1;
        c.decimals[i] = -1;
    }
    long rr = opt->region ? zb_ds_region(ref, opt->region) : -1;
    if (rr < 0) {
        zb_diag_add(diags, ZB_ERROR, t->file, 0, 0,
                    ZB_T("未知的地区代码“%s”：参考数据集中没有这个地区", "unknown region code '%s': not in the reference dataset"),
                    opt->region ? opt->region : "");
    } else if (copy_region_chain(&c, rr) != 0) {
        c.oom = 1;
    } else {
        long region = (long)nd->regions.count - 1;
        for (size_t i = 0; i < t->nrows && !c.oom; i++)
            import_row(&c, m, &t->rows[i], opt, region, stats);
        /* The indicators the aggregation rules of those refer to. */
        for (size_t i = 0; i < nd->indicators.count && !c.oom; i++) {
            const zb_indicator *ind = &nd->indicators.items[i];
            long ri = zb_ds_indicator(ref, zb_ds_str(nd, ind->code));
            const zb_indicator *src = ri >= 0 ? &ref->indicators.items[ri] : NULL;
            for (uint32_t k = 0; src && k < src->agg.noperands; k++) {
                if (src->agg.operand[k] >= 0 && c.copied[src->agg.operand[k]] < 0) {
                    if (copy_indicator(&c, src->agg.operand[k]) >= 0)
                        stats->operands++;
                }
            }
        }
        /* Decimals the reference did not give (CODES.md) come from the data. */
        for (size_t ri = 0; ri < ref->indicators.count; ri++) {
            long ni = c.copied[ri];
            if (ni >= 0 && nd->indicators.items[ni].decimals < 0)
                nd->indicators.items[ni].decimals = c.decimals[ri] >= 0 ? c.decimals[ri] : 2;
        }
    }
    free(c.copied);
    free(c.seen_line);
    free(c.decimals);
    zb_namematch_free(m);
    if (c.oom) {
        zb_dataset_free(nd);
        return NULL;
    }
    zb_dataset_finish(nd, "regions.csv", "indicators.csv", diags);
    return nd;
}
