#include "zb_progress.h"

#include "zb_lang.h"
#include "zb_pace.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

static const char *const verdict_names[ZB_VERDICT_COUNT] = {
    "achieved", "on_track", "behind", "off_track", "moving_away", "missed", "not_assessable"};

const char *zb_verdict_name(zb_verdict v) { return v < ZB_VERDICT_COUNT ? verdict_names[v] : "?"; }

int zb_verdict_parse(const char *name)
{
    for (int v = 0; v < ZB_VERDICT_COUNT; v++)
        if (strcmp(name, verdict_names[v]) == 0)
            return v;
    return -1;
}

const char *zb_verdict_label(zb_verdict v)
{
    switch (v) {
    case ZB_VERDICT_ACHIEVED: return ZB_T("已实现", "achieved");
    case ZB_VERDICT_ON_TRACK: return ZB_T("进度正常", "on track");
    case ZB_VERDICT_BEHIND: return ZB_T("进度滞后", "behind");
    case ZB_VERDICT_OFF_TRACK: return ZB_T("严重滞后", "off track");
    case ZB_VERDICT_MOVING_AWAY: return ZB_T("反向变动", "moving away");
    case ZB_VERDICT_MISSED: return ZB_T("未实现", "missed");
    case ZB_VERDICT_NOT_ASSESSABLE: return ZB_T("无法评估", "not assessable");
    default: return "?";
    }
}

static int is_percent_unit(const char *unit)
{
    return strcmp(unit, "%") == 0 || strcmp(unit, "\xE2\x80\xB0") == 0;
}

int zb_unit_is_money(const char *unit)
{
    /* What is counted comes before any '/': 元/人 is money per head,
     * 人/亿元 deaths per money. */
    const char *slash = strchr(unit, '/');
    size_t n = slash ? (size_t)(slash - unit) : strlen(unit), yuan = strlen("元");
    return n >= yuan && strncmp(unit + n - yuan, "元", yuan) == 0;
}

/* Levels and per-capita values compound; the rest move in points. */
static int compounds(zb_kind kind) { return kind == ZB_KIND_LEVEL || kind == ZB_KIND_PERCAP; }

int zb_goal_met(double value, double goal, double goal_hi, zb_spec_form form, zb_cmp cmp,
                int direction, int percent_unit, const zb_tolerance *tol)
{
    if (isnan(value) || isnan(goal))
        return 0;
    /* Figures that land on the goal after pow/log must still meet it. */
    double eps = 1e-9 * fmax(1.0, fabs(goal));
    double slack = percent_unit ? tol->about_pp : fabs(goal) * tol->about_rel;
    if (form == ZB_SPEC_RANGE)
        return direction >= 0 ? value >= goal - eps : value <= goal_hi + eps;
    switch (cmp) {
    case ZB_CMP_GE: return value >= goal - eps;
    case ZB_CMP_GT: return value > goal;
    case ZB_CMP_LE: return value <= goal + eps;
    case ZB_CMP_LT: return value < goal;
    case ZB_CMP_ABOUT:
        return direction >= 0 ? value >= goal - slack - eps : value <= goal + slack + eps;
    default:
        return direction >= 0 ? value >= goal - eps : value <= goal + eps;
    }
}

double zb_target_base(const zb_dataset *ds, size_t target)
{
    const zb_target *t = &ds->targets.items[target];
    double base = t->base_value;
    if (isnan(base) && t->base_year && !zb_ds_value(ds, t->region, t->indicator, t->base_year, &base))
        base = NAN;
    return base;
}

/* The file name of a path, for a row's reason ("targets.csv"). */
static const char *base_name(const char *path)
{
    const char *slash = strrchr(path, '/');
    return slash ? slash + 1 : path;
}

/* What is wrong with text (a target or growth cell starting at column
 * cellcol): 0 when it reads; -1 with the message and the column on the
 * line (0 when unknown).  The same wording as the loader's (zb_spec_check). */
static int text_problem(const char *text, int growth, unsigned long cellcol, char *msg, size_t len,
                        unsigned long *col)
{
    size_t at = 0;
    if (zb_spec_check(text, growth, growth ? ZB_T("年均增速", "growth") : ZB_T("目标", "target"), msg, len, &at) == 0)
        return 0;
    *col = cellcol && at ? cellcol + at - 1 : 0;
    return -1;
}

int zb_target_text_check(const zb_dataset *ds, size_t target, int which, zb_diags *d)
{
    const zb_target *t = &ds->targets.items[target];
    char msg[400];
    unsigned long col;
    int n = 0;
    if ((which & ZB_TEXT_TARGET) &&
        text_problem(zb_ds_str(ds, t->target_text), 0, t->target_col, msg, sizeof msg, &col) != 0) {
        zb_diag_add(d, ZB_ERROR, zb_ds_str(ds, t->file), t->line, col, "%s", msg);
        n++;
    }
    if ((which & ZB_TEXT_GROWTH) &&
        text_problem(zb_ds_str(ds, t->growth_text), 1, t->growth_col, msg, sizeof msg, &col) != 0) {
        zb_diag_add(d, ZB_ERROR, zb_ds_str(ds, t->file), t->line, col, "%s", msg);
        n++;
    }
    return n;
}

int zb_target_goal(const zb_dataset *ds, size_t target, zb_spec *s, double *goal, double *hi,
                   char *reason, size_t rlen)
{
    const zb_target *t = &ds->targets.items[target];
    const zb_indicator *ind = &ds->indicators.items[t->indicator];
    const char *unit = zb_ds_str(ds, ind->unit);
    const char *text = zb_ds_str(ds, t->target_text);
    char err[400];
    *goal = *hi = NAN;
    unsigned long where;
    const char *file = base_name(zb_ds_str(ds, t->file));
    if (text_problem(text, 0, t->target_col, err, sizeof err, &where) != 0) {
        snprintf(reason, rlen, "%s:%lu:%lu: %s", *file ? file : "targets.csv", t->line, where, err);
        zb_spec_parse(text, s, NULL, 0, NULL);
        return -1;
    }
    zb_spec_parse(text, s, NULL, 0, NULL);
    if (ind->kind == ZB_KIND_GROWTH && !zb_spec_is_numeric(s)) {
        const char *growth = zb_ds_str(ds, t->growth_text);
        if (text_problem(growth, 1, t->growth_col, err, sizeof err, &where) != 0) {
            snprintf(reason, rlen, "%s:%lu:%lu: %s", *file ? file : "targets.csv", t->line, where, err);
            return -1;
        }
        zb_spec_parse(growth, s, NULL, 0, NULL);
    }
    double base = zb_target_base(ds, target);
    double scale = zb_spec_unit_scale(s, unit);
    switch (s->form) {
    case ZB_SPEC_VALUE:
    case ZB_SPEC_RANGE:
        if (scale == 0) {
            snprintf(reason, rlen, ZB_T("目标“%s”的单位与指标单位“%s”不符", "the unit of target '%s' does not match the indicator's '%s'"),
                     s->text, unit);
            return -1;
        }
        *goal = s->value * scale;
        *hi = s->form == ZB_SPEC_RANGE ? s->value2 * scale : *goal;
        return 0;
    case ZB_SPEC_CHANGE_PCT:
        if (ind->kind == ZB_KIND_REDUCTION) {
            /* 单位GDP能耗下降13.5%: the indicator is the reduction itself. */
            *goal = *hi = -s->value;
            return 0;
        }
        if (isnan(base))
            break;
        *goal = *hi = base * (1.0 + s->value / 100.0);
        return 0;
    case ZB_SPEC_CHANGE_PP:
        if (isnan(base))
            break;
        *goal = *hi = base + s->value;
        return 0;
    case ZB_SPEC_MULTIPLE:
        if (isnan(base))
            break;
        *goal = *hi = base * s->value;
        return 0;
    case ZB_SPEC_TEXT:
        snprintf(reason, rlen, ZB_T("目标为文字表述：%s", "the target is text: %s"), s->text);
        return -1;
    case ZB_SPEC_RATIO:
        snprintf(reason, rlen, "%s", ZB_T("结构目标按各组成部分评估", "a structure target is assessed through its components"));
        return -1;
    default: {
        zb_spec g;
        const char *growth = zb_ds_str(ds, t->growth_text);
        if (zb_spec_parse(growth, &g, NULL, 0, NULL) == 0 && g.form == ZB_SPEC_VALUE)
            snprintf(reason, rlen, ZB_T("只规定了年均增速（%s），未设定目标值", "only an annual growth (%s) is set, no target value"),
                     growth);
        else
            snprintf(reason, rlen, "%s", ZB_T("未设定目标值", "no target value is set"));
        return -1;
    }
    }
    snprintf(reason, rlen, "%s", ZB_T("缺少基期值，无法由变化量得出目标", "no base value to apply the change to"));
    return -1;
}

int zb_target_stated_growth(const zb_dataset *ds, size_t target, double *rate, int *compound, zb_cmp *cmp)
{
    const zb_target *t = &ds->targets.items[target];
    const zb_indicator *ind = &ds->indicators.items[t->indicator];
    zb_spec g;
    *rate = NAN;
    *compound = 0;
    *cmp = ZB_CMP_EQ;
    if (zb_spec_parse(zb_ds_str(ds, t->growth_text), &g, NULL, 0, NULL) != 0 || g.form != ZB_SPEC_VALUE)
        return -1;
    /* Levels compound.  A rate compounds only when its growth is written
     * with an explicit % (R&D 投入强度 "20%"); a bare number beside a rate is
     * points a year (高效农业面积比重 4.55 -> 7.95, "0.68"). */
    *compound = compounds(ind->kind) || ind->kind == ZB_KIND_GROWTH ||
                ((ind->kind == ZB_KIND_RATE || ind->kind == ZB_KIND_OTHER) && g.percent);
    *rate = *compound ? g.value / 100.0 : g.value;
    *cmp = g.cmp;
    return 0;
}

/* The growth indicator that reports the real growth of level indicator
 * `ind`: one of kind growth aggregated as growth(ind), else one coded
 * <ind>_growth.  -1 when there is none. */
static long growth_series_for(const zb_dataset *ds, long ind)
{
    long by_code = -1;
    char code[128];
    snprintf(code, sizeof code, "%s_growth", zb_ds_str(ds, ds->indicators.items[ind].code));
    for (size_t i = 0; i < ds->indicators.count; i++) {
        const zb_indicator *g = &ds->indicators.items[i];
        if (g->kind != ZB_KIND_GROWTH)
            continue;
        if (g->agg.rule == ZB_AGG_GROWTH && g->agg.noperands >= 1 && g->agg.operand[0] == ind)
            return (long)i;
        if (strcmp(zb_ds_str(ds, g->code), code) == 0)
            by_code = (long)i;
    }
    return by_code;
}

/* Multiplies (1 + sign * v / 100) over the yearly % figures of (region, ind)
 * in years from..to.  Returns how many years had a figure; the first
 * missing years are listed in `missing` ("2021、2022"). */
static int compound_years(const zb_dataset *ds, long region, long ind, int from, int to, int sign,
                          double *product, char *missing, size_t mlen)
{
    int n = 0, nmissing = 0;
    size_t used = 0;
    *product = 1.0;
    if (mlen)
        missing[0] = '\0';
    for (int y = from; y <= to; y++) {
        double v;
        if (zb_ds_value(ds, region, ind, y, &v)) {
            *product *= 1.0 + sign * v / 100.0;
            n++;
        } else if (nmissing++ < 6 && used + 16 < mlen) {
            int w = snprintf(missing + used, mlen - used, "%s%d", used ? ZB_T("、", ", ") : "", y);
            used += w > 0 ? (size_t)w : 0;
        }
    }
    if (nmissing > 6 && used + 8 < mlen)
        snprintf(missing + used, mlen - used, "%s", ZB_T("等", " …"));
    return n;
}

static void set_severity(zb_progress *out)
{
    if (out->verdict == ZB_VERDICT_BEHIND || out->verdict == ZB_VERDICT_OFF_TRACK ||
        out->verdict == ZB_VERDICT_MOVING_AWAY || out->verdict == ZB_VERDICT_MISSED)
        out->severity = out->binding ? ZB_ERROR : ZB_WARNING;
}

/* The verdict from the shares, once the value is known not to meet the
 * target and the target year is still ahead. */
static zb_verdict pace_verdict(const zb_progress *out, int anticipated_met)
{
    double ratio = isnan(out->progress_share) ? NAN : out->progress_share / out->time_share;
    if (isnan(out->progress_share) ? (out->value - out->base) * out->direction < 0 : out->progress_share < 0)
        return ZB_VERDICT_MOVING_AWAY;
    if (anticipated_met || (!isnan(ratio) && ratio >= 1.0))
        return ZB_VERDICT_ON_TRACK;
    if (!isnan(ratio) && ratio >= ZB_BEHIND_THRESHOLD)
        return ZB_VERDICT_BEHIND;
    return ZB_VERDICT_OFF_TRACK;
}

/* A growth indicator (增速): the plan's figure is an average a year over the
 * period, so the years since the base are compounded and averaged. */
static void assess_growth(const zb_dataset *ds, const zb_target *t, const zb_tolerance *tol,
                          zb_progress *out)
{
    if (!t->base_year && out->year != t->target_year) {
        /* 2024 年增长 6.5%: a target for that year's figure alone. */
        snprintf(out->reason, sizeof out->reason, ZB_T("目标为 %d 年当年的增速，不评估 %d 年", "a target for the growth of %d alone, not of %d"),
                 t->target_year, out->year);
        return;
    }
    int from = t->base_year ? t->base_year + 1 : out->year;
    char missing[96];
    double product;
    int n = compound_years(ds, t->region, t->indicator, from, out->year, 1, &product, missing, sizeof missing);
    zb_ds_value(ds, t->region, t->indicator, out->year, &out->value);
    if (n == 0) {
        snprintf(out->reason, sizeof out->reason, ZB_T("%d 年没有数值", "no value for %d"), out->year);
        return;
    }
    out->compound = 1;
    out->actual_rate = pow(product, 1.0 / n) - 1.0;
    if (t->base_year && t->target_year > out->year && !missing[0]) {
        /* What the remaining years must average for the period to average the goal. */
        double span = t->target_year - t->base_year, left = t->target_year - out->year;
        double need = pow(1.0 + out->goal / 100.0, span) / product;
        out->required_rate = need > 0 ? pow(need, 1.0 / left) - 1.0 : NAN;
        out->time_share = (out->year - t->base_year) / span;
    }
    double avg = out->actual_rate * 100.0;
    int met = zb_goal_met(avg, out->goal, out->goal_hi, out->form, out->cmp, out->direction, 1, tol);
    int due = out->year >= t->target_year;
    if (met)
        out->verdict = due ? ZB_VERDICT_ACHIEVED : ZB_VERDICT_ON_TRACK;
    else if (due)
        out->verdict = ZB_VERDICT_MISSED;
    else
        out->verdict = fabs(avg - out->goal) <= 2 * tol->about_pp ? ZB_VERDICT_BEHIND : ZB_VERDICT_OFF_TRACK;
    int w;
    if (n == 1 && from == out->year)
        w = snprintf(out->reason, sizeof out->reason, ZB_T("%d 年增长 %.2f%%，目标 %s%g%%", "growth in %d: %.2f %%, target %s%g %%"),
                     out->year, avg, zb_cmp_symbol(out->cmp), out->goal);
    else
        w = snprintf(out->reason, sizeof out->reason,
                     ZB_T("%d—%d 年逐年连乘平均增长 %.2f%%，目标 %s%g%%", "%d-%d compounded: %.2f %% a year, target %s%g %%"),
                     from, out->year, avg, zb_cmp_symbol(out->cmp), out->goal);
    if (missing[0] && w > 0 && (size_t)w < sizeof out->reason)
        snprintf(out->reason + w, sizeof out->reason - (size_t)w, ZB_T("（缺 %s 年，按已有 %d 年计算）", " (no figure for %s; %d years used)"),
                 missing, n);
}

/* A reduction (单位GDP能耗下降): yearly reductions cumulate over the period
 * to be held against the period's total: 1 - (1 - r1)(1 - r2)... */
static void assess_reduction(const zb_dataset *ds, const zb_target *t, const zb_tolerance *tol,
                             zb_progress *out)
{
    if (!t->base_year) {
        snprintf(out->reason, sizeof out->reason, "%s", ZB_T("缺少基期年份，无法累计降低率", "no base year to cumulate the reductions from"));
        return;
    }
    char missing[96];
    double product;
    int elapsed = out->year - t->base_year;
    int n = compound_years(ds, t->region, t->indicator, t->base_year + 1, out->year, -1, &product, missing, sizeof missing);
    if (n < elapsed) {
        snprintf(out->reason, sizeof out->reason, ZB_T("缺 %s 年的降低率，无法累计", "no reduction for %s: cannot cumulate"), missing);
        return;
    }
    double span = t->target_year - t->base_year, left = t->target_year - out->year;
    double cum = 1.0 - product, goal = out->goal / 100.0;
    out->compound = 1;
    out->base = 0;
    out->value = cum * 100.0;
    out->time_share = elapsed / span;
    out->progress_share = goal != 0 ? cum / goal : NAN;
    out->actual_rate = zb_reduction_annual(cum, elapsed);
    if (left > 0 && cum < 1.0)
        out->required_rate = 1.0 - pow((1.0 - goal) / (1.0 - cum), 1.0 / left);
    out->anticipated = left > 0 ? (1.0 - (1.0 - cum) * pow(1.0 - out->actual_rate, left)) * 100.0 : out->value;
    int met = zb_goal_met(out->value, out->goal, out->goal_hi, out->form, out->cmp, out->direction, 1, tol);
    if (met)
        out->verdict = ZB_VERDICT_ACHIEVED;
    else if (left <= 0)
        out->verdict = ZB_VERDICT_MISSED;
    else
        out->verdict = pace_verdict(out, zb_goal_met(out->anticipated, out->goal, out->goal_hi, out->form, out->cmp,
                                                     out->direction, 1, tol));
    snprintf(out->reason, sizeof out->reason,
             ZB_T("%d—%d 年累计降低 %.2f%%（年均 %.2f%%），规划期目标 %s%g%%",
                  "%d-%d: %.2f %% cumulative (%.2f %% a year); period target %s%g %%"),
             t->base_year + 1, out->year, out->value, out->actual_rate * 100.0, zb_cmp_symbol(out->cmp), out->goal);
}

/* The growth the data or the plan reports for a level since the base:
 * a growth series compounded (comparable prices), or, in the target year,
 * the plan's own 完成情况 growth. */
static void reported_growth(const zb_dataset *ds, const zb_target *t, zb_progress *out)
{
    long g = growth_series_for(ds, t->indicator);
    if (g >= 0 && t->base_year && out->year > t->base_year) {
        double product;
        char missing[8];
        int n = compound_years(ds, t->region, g, t->base_year + 1, out->year, 1, &product, missing, sizeof missing);
        if (n == out->year - t->base_year) {
            out->reported_rate = pow(product, 1.0 / n) - 1.0;
            out->reported_source = ZB_REPORTED_SERIES;
            return;
        }
    }
    zb_spec s;
    if (out->year == t->target_year &&
        zb_spec_parse(zb_ds_str(ds, t->achieved_growth_text), &s, NULL, 0, NULL) == 0 && s.form == ZB_SPEC_VALUE) {
        out->reported_rate = s.value / 100.0;
        out->reported_source = ZB_REPORTED_PLAN;
    }
}

int zb_progress_assess(const zb_dataset *ds, size_t target, int year, const zb_tolerance *tol,
                       zb_progress *out)
{
    memset(out, 0, sizeof *out);
    out->target = target;
    out->year = year;
    out->verdict = ZB_VERDICT_NOT_ASSESSABLE;
    out->severity = ZB_NOTE;
    out->base = out->value = out->goal = out->goal_hi = NAN;
    out->time_share = out->progress_share = out->actual_rate = NAN;
    out->required_rate = out->stated_rate = out->reported_rate = out->anticipated = NAN;
    const zb_target *t = &ds->targets.items[target];
    const zb_indicator *ind = &ds->indicators.items[t->indicator];
    const char *unit = zb_ds_str(ds, ind->unit);
    out->compound = compounds(ind->kind);
    out->binding = (t->attribute ? t->attribute : ind->attribute) == ZB_ATTR_BINDING;
    zb_cmp stated_cmp;
    zb_target_stated_growth(ds, target, &out->stated_rate, &out->stated_compound, &stated_cmp);
    out->base = zb_target_base(ds, target);

    zb_spec spec;
    if (zb_target_goal(ds, target, &spec, &out->goal, &out->goal_hi, out->reason, sizeof out->reason) != 0)
        return 0;
    out->cmp = spec.cmp;
    out->form = spec.form;
    out->direction = ind->direction == ZB_DIR_DOWN ? -1 : 1;
    if (spec.cmp == ZB_CMP_LE || spec.cmp == ZB_CMP_LT)
        out->direction = -1;
    else if (spec.cmp == ZB_CMP_GE || spec.cmp == ZB_CMP_GT)
        out->direction = 1;
    else if (ind->direction == ZB_DIR_NONE && !isnan(out->base))
        out->direction = out->goal >= out->base ? 1 : -1;

    if (t->base_year && year <= t->base_year) {
        zb_ds_value(ds, t->region, t->indicator, year, &out->value);
        snprintf(out->reason, sizeof out->reason, ZB_T("监测年份 %d 不晚于基期 %d 年", "monitoring year %d is not after the base year %d"),
                 year, t->base_year);
        return 0;
    }
    if (ind->kind == ZB_KIND_GROWTH) {
        assess_growth(ds, t, tol, out);
        set_severity(out);
        return 0;
    }
    if (ind->kind == ZB_KIND_REDUCTION) {
        assess_reduction(ds, t, tol, out);
        set_severity(out);
        return 0;
    }
    int no_base = !t->base_year || isnan(out->base);
    if (no_base && year != t->target_year) {
        /* Without a base there is no progress to measure, and a figure of
         * another year says nothing about the target year when the
         * indicator is a flow (营造林面积 of 2023 against 40万亩 in 2024):
         * only the target year itself is judged, as for growth targets. */
        zb_ds_value(ds, t->region, t->indicator, year, &out->value);
        snprintf(out->reason, sizeof out->reason,
                 ZB_T("目标年份为 %d 年，%d 年不评估（无基期值）", "the target is for %d; %d is not assessed (no base)"),
                 t->target_year, year);
        return 0;
    }
    if (!zb_ds_value(ds, t->region, t->indicator, year, &out->value)) {
        snprintf(out->reason, sizeof out->reason, ZB_T("%d 年没有数值", "no value for %d"), year);
        return 0;
    }
    int pct = is_percent_unit(unit);
    int met = zb_goal_met(out->value, out->goal, out->goal_hi, spec.form, spec.cmp, out->direction, pct, tol);
    if (no_base) {
        /* The target year: met or not, without a progress share. */
        out->verdict = met ? ZB_VERDICT_ACHIEVED : ZB_VERDICT_MISSED;
        snprintf(out->reason, sizeof out->reason, "%s",
                 met ? ZB_T("目标年份已达到目标（无基期值，未算进度）", "target met in the target year (no base, so no progress share)")
                     : ZB_T("目标年份未达到目标（无基期值，未算进度）", "target not met in the target year (no base, so no progress share)"));
        set_severity(out);
        return 0;
    }
    double span = t->target_year - t->base_year, elapsed = year - t->base_year;
    double left = t->target_year - year;
    out->time_share = elapsed / span;
    const char *why_no_rate = NULL;
    if (out->compound) {
        out->actual_rate = zb_cagr(out->base, out->value, elapsed);
        if (isnan(out->actual_rate))
            why_no_rate = zb_growth_why();
        if (left > 0)
            out->required_rate = zb_cagr(out->value, out->goal, left);
        if (!isnan(out->actual_rate))
            out->anticipated = zb_project_compound(out->value, out->actual_rate, left > 0 ? left : 0);
    } else {
        out->actual_rate = (out->value - out->base) / elapsed;
        if (left > 0)
            out->required_rate = zb_required_pp(out->value, out->goal, left);
        out->anticipated = zb_project_linear(out->value, out->actual_rate, left > 0 ? left : 0);
    }
    if (out->goal != out->base)
        out->progress_share = (out->value - out->base) / (out->goal - out->base);
    int w = 0;
    if (zb_goal_met(out->base, out->goal, out->goal_hi, spec.form, spec.cmp, out->direction, pct, tol)) {
        /* Met at the base already (a ceiling such as 4.2以内, a level to
         * hold): progress shares mean nothing; the question is whether it
         * still holds. */
        out->progress_share = NAN;
        out->verdict = met ? ZB_VERDICT_ACHIEVED : left > 0 ? ZB_VERDICT_MOVING_AWAY : ZB_VERDICT_MISSED;
        w = snprintf(out->reason, sizeof out->reason, "%s",
                     met ? ZB_T("基期已达到目标，监测年份仍达到", "met at the base and still met")
                         : ZB_T("基期已达到目标，监测年份不再达到", "met at the base, no longer met"));
    } else if (met) {
        out->verdict = ZB_VERDICT_ACHIEVED;
        w = snprintf(out->reason, sizeof out->reason, "%s",
                     left > 0 ? ZB_T("已提前达到目标", "target met ahead of the target year") : ZB_T("已达到目标", "target met"));
    } else if (left <= 0) {
        out->verdict = ZB_VERDICT_MISSED;
        w = snprintf(out->reason, sizeof out->reason, ZB_T("任务进度 %.0f%%，目标年份未达到目标", "progress %.0f %%: target not met in the target year"),
                     out->progress_share * 100);
    } else {
        int anticipated_met = zb_goal_met(out->anticipated, out->goal, out->goal_hi, spec.form, spec.cmp,
                                          out->direction, pct, tol);
        out->verdict = pace_verdict(out, anticipated_met);
        w = snprintf(out->reason, sizeof out->reason, ZB_T("时间进度 %.0f%%，任务进度 %.0f%%%s", "time %.0f %%, progress %.0f %%%s"),
                     out->time_share * 100, out->progress_share * 100,
                     anticipated_met ? ZB_T("，按已实现速度到期可达到", "; the pace so far reaches it") : "");
    }
    if (why_no_rate && w > 0 && (size_t)w < sizeof out->reason)
        snprintf(out->reason + w, sizeof out->reason - (size_t)w, ZB_T("；%s", "; %s"), why_no_rate);
    reported_growth(ds, t, out);
    set_severity(out);
    return 0;
}

int zb_consistency_check(const zb_dataset *ds, size_t target, const zb_tolerance *tol,
                         zb_consistency *out)
{
    memset(out, 0, sizeof *out);
    out->target = target;
    out->base = out->goal = out->implied = out->stated = out->gap = NAN;
    const zb_target *t = &ds->targets.items[target];
    const zb_indicator *ind = &ds->indicators.items[t->indicator];
    zb_spec goal;
    double rate;
    int compound;
    zb_cmp cmp;
    if (zb_target_stated_growth(ds, target, &rate, &compound, &cmp) != 0) {
        const char *growth = zb_ds_str(ds, t->growth_text);
        char err[400];
        unsigned long where;
        zb_spec g;
        if (text_problem(growth, 1, t->growth_col, err, sizeof err, &where) != 0) {
            const char *file = base_name(zb_ds_str(ds, t->file));
            snprintf(out->reason, sizeof out->reason, "%s:%lu:%lu: %s", *file ? file : "targets.csv", t->line, where, err);
        } else if (zb_spec_parse(growth, &g, NULL, 0, NULL) == 0 && g.form != ZB_SPEC_EMPTY && g.form != ZB_SPEC_NONE) {
            snprintf(out->reason, sizeof out->reason, ZB_T("年均增速不是一个数：%s", "the growth is not one number: %s"), growth);
        } else {
            snprintf(out->reason, sizeof out->reason, "%s", ZB_T("未给出年均增速", "no stated growth"));
        }
        return 0;
    }
    if (ind->kind == ZB_KIND_GROWTH || ind->kind == ZB_KIND_REDUCTION || ind->kind == ZB_KIND_STRUCTURE) {
        snprintf(out->reason, sizeof out->reason, "%s",
                 ZB_T("增速、降低率和结构指标没有可推算的年均增速", "growth, reduction and structure indicators have no implied growth"));
        return 0;
    }
    double hi;
    char reason[512];
    out->base = zb_target_base(ds, target);
    if (isnan(out->base) || !t->base_year || t->target_year <= t->base_year) {
        snprintf(out->reason, sizeof out->reason, "%s", ZB_T("缺少基期年份或基期值", "no base year or base value"));
        return 0;
    }
    if (zb_target_goal(ds, target, &goal, &out->goal, &hi, reason, sizeof reason) != 0) {
        snprintf(out->reason, sizeof out->reason, "%s", reason);
        return 0;
    }
    out->years = t->target_year - t->base_year;
    out->compound = compound;
    if (compound) {
        out->implied = zb_cagr(out->base, out->goal, out->years) * 100.0;
        if (isnan(out->implied)) {
            snprintf(out->reason, sizeof out->reason, "%s", zb_growth_why());
            return 0;
        }
        out->stated = rate * 100.0;
    } else {
        out->implied = (out->goal - out->base) / out->years;
        out->stated = rate;
    }
    out->assessable = 1;
    out->gap = out->implied - out->stated;
    double slack = tol->about_pp + 1e-9;
    switch (cmp) {
    case ZB_CMP_GE: case ZB_CMP_GT: out->consistent = out->gap >= -slack; break;
    case ZB_CMP_LE: case ZB_CMP_LT: out->consistent = out->gap <= slack; break;
    default: out->consistent = fabs(out->gap) <= slack; break;
    }
    zb_spec g;
    char growth[96];
    const char *unit = zb_ds_str(ds, ind->unit);
    zb_spec_parse(zb_ds_str(ds, t->growth_text), &g, NULL, 0, NULL);
    zb_spec_format_pace(&g, compound, unit, growth, sizeof growth);
    if (compound)
        snprintf(out->reason, sizeof out->reason,
                 zb_unit_is_money(unit)
                     ? ZB_T("由基期值与目标值推算年均增长 %.2f%%（现价，名义），规划为 %s，相差 %+.2f 个百分点",
                            "base and target imply %.2f %% a year (current prices, nominal); the plan states %s; gap %+.2f points")
                     : ZB_T("由基期值与目标值推算年均增长 %.2f%%，规划为 %s，相差 %+.2f 个百分点",
                            "base and target imply %.2f %% a year; the plan states %s; gap %+.2f points"),
                 out->implied, growth, out->gap);
    else {
        char implied[64], gap[64];
        zb_pace_format(implied, sizeof implied, out->implied, 0, unit, ZB_PACE_DELTA);
        zb_pace_format(gap, sizeof gap, out->gap, 0, unit, ZB_PACE_DELTA);
        snprintf(out->reason, sizeof out->reason,
                 ZB_T("由基期值与目标值推算每年变动 %s，规划为 %s，相差 %s",
                      "base and target imply %s a year; the plan states %s; gap %s"),
                 implied, growth, gap);
    }
    return 0;
}
