#include "zb_progress.h"

#include "zb_lang.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

static const char *const verdict_names[ZB_VERDICT_COUNT] = {
    "achieved", "on_track", "behind", "off_track", "moving_away", "missed", "not_assessable"};

const char *zb_verdict_name(zb_verdict v) { return v < ZB_VERDICT_COUNT ? verdict_names[v] : "?"; }

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
    return strcmp(unit, "%") == 0 || strcmp(unit, "‰") == 0;
}

/* Levels and per-capita values compound; the rest move in points. */
static int compounds(zb_kind kind) { return kind == ZB_KIND_LEVEL || kind == ZB_KIND_PERCAP; }

int zb_goal_met(double value, double goal, double goal_hi, zb_spec_form form, zb_cmp cmp,
                int direction, int percent_unit, const zb_tolerance *tol)
{
    double slack = percent_unit ? tol->about_pp : fabs(goal) * tol->about_rel;
    if (form == ZB_SPEC_RANGE)
        return direction >= 0 ? value >= goal : value <= goal_hi;
    switch (cmp) {
    case ZB_CMP_GE: return value >= goal;
    case ZB_CMP_GT: return value > goal;
    case ZB_CMP_LE: return value <= goal;
    case ZB_CMP_LT: return value < goal;
    case ZB_CMP_ABOUT:
        return direction >= 0 ? value >= goal - slack : value <= goal + slack;
    default:
        return direction >= 0 ? value >= goal : value <= goal;
    }
}

/* Turns a parsed target into a number to compare with, relative to base for
 * the change forms.  Returns 0, or -1 with the reason. */
static int goal_of(const zb_spec *s, double base, const char *unit, double *goal, double *hi,
                   char *reason, size_t rlen)
{
    double scale = zb_spec_unit_scale(s, unit);
    switch (s->form) {
    case ZB_SPEC_VALUE:
    case ZB_SPEC_RANGE:
        if (scale == 0) {
            snprintf(reason, rlen, ZB_T("目标“%s”的单位“%s”与指标单位“%s”不符",
                                        "the unit '%s' of target '%s' does not match the indicator's '%s'"),
                     zb_lang_get() == ZB_LANG_EN ? s->unit : s->text,
                     zb_lang_get() == ZB_LANG_EN ? s->text : s->unit, unit);
            return -1;
        }
        *goal = s->value * scale;
        *hi = s->form == ZB_SPEC_RANGE ? s->value2 * scale : *goal;
        return 0;
    case ZB_SPEC_CHANGE_PP:
        if (isnan(base))
            break;
        *goal = *hi = base + s->value;
        return 0;
    case ZB_SPEC_CHANGE_PCT:
        if (isnan(base))
            break;
        *goal = *hi = base * (1.0 + s->value / 100.0);
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
    default:
        snprintf(reason, rlen, "%s", ZB_T("未设定目标值", "no target value is set"));
        return -1;
    }
    snprintf(reason, rlen, "%s", ZB_T("缺少基期值，无法由变化量得出目标", "no base value to apply the change to"));
    return -1;
}

static double stated_rate_of(const zb_target *t, const zb_dataset *ds, int compound, int *cmp)
{
    zb_spec g;
    if (zb_spec_parse(zb_ds_str(ds, t->growth_text), &g, NULL, 0, NULL) != 0 || g.form != ZB_SPEC_VALUE)
        return NAN;
    *cmp = (int)g.cmp;
    return compound ? g.value / 100.0 : g.value;
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
    out->required_rate = out->stated_rate = out->anticipated = NAN;
    const zb_target *t = &ds->targets.items[target];
    const zb_indicator *ind = &ds->indicators.items[t->indicator];
    const char *unit = zb_ds_str(ds, ind->unit);
    int growth_kind = ind->kind == ZB_KIND_GROWTH;
    out->compound = compounds(ind->kind);
    out->binding = (t->attribute ? t->attribute : ind->attribute) == ZB_ATTR_BINDING;
    int stated_cmp = ZB_CMP_EQ;
    out->stated_rate = stated_rate_of(t, ds, out->compound, &stated_cmp);

    zb_spec spec;
    const char *goal_text = zb_ds_str(ds, t->target_text);
    if (zb_spec_parse(goal_text, &spec, NULL, 0, NULL) != 0) {
        snprintf(out->reason, sizeof out->reason, ZB_T("目标“%s”中的数字有误", "the target '%s' has a malformed number"), goal_text);
        return 0;
    }
    /* A growth indicator's goal is often written in the growth column
     * (固定资产投资增速: target ——, growth 9左右). */
    if (growth_kind && !zb_spec_is_numeric(&spec))
        zb_spec_parse(zb_ds_str(ds, t->growth_text), &spec, NULL, 0, NULL);

    out->base = t->base_value;
    if (isnan(out->base) && t->base_year)
        zb_ds_value(ds, t->region, t->indicator, t->base_year, &out->base);
    if (goal_of(&spec, out->base, unit, &out->goal, &out->goal_hi, out->reason, sizeof out->reason) != 0)
        return 0;
    out->cmp = spec.cmp;
    out->direction = ind->direction == ZB_DIR_DOWN ? -1 : 1;
    if (spec.cmp == ZB_CMP_LE || spec.cmp == ZB_CMP_LT)
        out->direction = -1;
    else if (spec.cmp == ZB_CMP_GE || spec.cmp == ZB_CMP_GT)
        out->direction = 1;
    else if (ind->direction == ZB_DIR_NONE && !isnan(out->base))
        out->direction = out->goal >= out->base ? 1 : -1;

    if (!zb_ds_value(ds, t->region, t->indicator, year, &out->value)) {
        snprintf(out->reason, sizeof out->reason, ZB_T("%d 年没有数值", "no value for %d"), year);
        return 0;
    }
    int pct = is_percent_unit(unit);
    int met = zb_goal_met(out->value, out->goal, out->goal_hi, spec.form, spec.cmp, out->direction, pct, tol);
    if (growth_kind) {
        /* An annual growth target: this year's figure meets it or not. */
        out->verdict = met ? ZB_VERDICT_ACHIEVED
                           : fabs(out->value - out->goal) <= 2 * tol->about_pp ? ZB_VERDICT_BEHIND
                                                                                : ZB_VERDICT_OFF_TRACK;
        snprintf(out->reason, sizeof out->reason, ZB_T("%d 年增速 %.2f%%，目标 %s%.2f%%", "growth %d: %.2f %%, target %s%.2f %%"),
                 year, out->value, zb_cmp_symbol(spec.cmp), out->goal);
        goto severity;
    }
    if (!t->base_year || isnan(out->base)) {
        snprintf(out->reason, sizeof out->reason, "%s", ZB_T("缺少基期年份或基期值", "no base year or base value"));
        if (met) {
            out->verdict = ZB_VERDICT_ACHIEVED;
            snprintf(out->reason, sizeof out->reason, "%s", ZB_T("已达到目标（无基期值，未算进度）", "target met (no base, so no progress share)"));
        }
        return 0;
    }
    if (year <= t->base_year) {
        snprintf(out->reason, sizeof out->reason, ZB_T("监测年份 %d 不晚于基期 %d 年", "monitoring year %d is not after the base year %d"),
                 year, t->base_year);
        return 0;
    }
    double span = t->target_year - t->base_year, elapsed = year - t->base_year;
    double left = t->target_year - year;
    out->time_share = elapsed / span;
    if (out->compound) {
        out->actual_rate = zb_cagr(out->base, out->value, elapsed);
        if (left > 0)
            out->required_rate = zb_cagr(out->value, out->goal, left);
        out->anticipated = isnan(out->actual_rate) ? NAN : zb_project_compound(out->value, out->actual_rate, left > 0 ? left : 0);
    } else {
        out->actual_rate = (out->value - out->base) / elapsed;
        if (left > 0)
            out->required_rate = zb_required_pp(out->value, out->goal, left);
        out->anticipated = zb_project_linear(out->value, out->actual_rate, left > 0 ? left : 0);
    }
    if (out->goal != out->base)
        out->progress_share = (out->value - out->base) / (out->goal - out->base);
    if (met) {
        out->verdict = ZB_VERDICT_ACHIEVED;
        snprintf(out->reason, sizeof out->reason, "%s",
                 left > 0 ? ZB_T("已提前达到目标", "target already met") : ZB_T("目标年份已达到目标", "target met in the target year"));
        goto severity;
    }
    if (left <= 0) {
        out->verdict = ZB_VERDICT_MISSED;
        snprintf(out->reason, sizeof out->reason, "%s", ZB_T("目标年份未达到目标", "target missed in the target year"));
        goto severity;
    }
    int away = isnan(out->progress_share) ? (out->value - out->base) * out->direction < 0 : out->progress_share < 0;
    if (away) {
        out->verdict = ZB_VERDICT_MOVING_AWAY;
        snprintf(out->reason, sizeof out->reason, "%s", ZB_T("与基期相比向目标的反方向变动", "moved away from the target since the base year"));
        goto severity;
    }
    int anticipated_met = !isnan(out->anticipated) &&
                          zb_goal_met(out->anticipated, out->goal, out->goal_hi, spec.form, spec.cmp, out->direction, pct, tol);
    double ratio = isnan(out->progress_share) ? NAN : out->progress_share / out->time_share;
    if (anticipated_met || (!isnan(ratio) && ratio >= 1.0))
        out->verdict = ZB_VERDICT_ON_TRACK;
    else if (!isnan(ratio) && ratio >= ZB_BEHIND_THRESHOLD)
        out->verdict = ZB_VERDICT_BEHIND;
    else
        out->verdict = ZB_VERDICT_OFF_TRACK;
    snprintf(out->reason, sizeof out->reason, ZB_T("时间进度 %.0f%%，任务进度 %.0f%%", "time %.0f %%, progress %.0f %%"),
             out->time_share * 100, out->progress_share * 100);
severity:
    if (out->verdict == ZB_VERDICT_BEHIND || out->verdict == ZB_VERDICT_OFF_TRACK ||
        out->verdict == ZB_VERDICT_MOVING_AWAY || out->verdict == ZB_VERDICT_MISSED)
        out->severity = out->binding ? ZB_ERROR : ZB_WARNING;
    return 0;
}

int zb_consistency_check(const zb_dataset *ds, size_t target, const zb_tolerance *tol,
                         zb_consistency *out)
{
    memset(out, 0, sizeof *out);
    out->target = target;
    out->implied = out->stated = out->gap = NAN;
    const zb_target *t = &ds->targets.items[target];
    const zb_indicator *ind = &ds->indicators.items[t->indicator];
    zb_spec goal, growth;
    if (zb_spec_parse(zb_ds_str(ds, t->growth_text), &growth, NULL, 0, NULL) != 0 ||
        growth.form != ZB_SPEC_VALUE) {
        snprintf(out->reason, sizeof out->reason, "%s", ZB_T("未给出年均增速", "no stated growth"));
        return 0;
    }
    if (ind->kind == ZB_KIND_GROWTH || ind->kind == ZB_KIND_REDUCTION || ind->kind == ZB_KIND_STRUCTURE) {
        snprintf(out->reason, sizeof out->reason, "%s", ZB_T("增速类指标不适用", "not applicable to this kind"));
        return 0;
    }
    if (zb_spec_parse(zb_ds_str(ds, t->target_text), &goal, NULL, 0, NULL) != 0 ||
        !zb_spec_is_numeric(&goal) || isnan(t->base_value) || !t->base_year) {
        snprintf(out->reason, sizeof out->reason, "%s", ZB_T("缺少数值型的基期值或目标值", "no numeric base or target"));
        return 0;
    }
    double hi;
    char reason[128];
    if (goal_of(&goal, t->base_value, zb_ds_str(ds, ind->unit), &out->goal, &hi, reason, sizeof reason) != 0) {
        snprintf(out->reason, sizeof out->reason, "%s", reason);
        return 0;
    }
    out->base = t->base_value;
    out->years = t->target_year - t->base_year;
    /* Levels compound.  A rate compounds only when its growth is written
     * with an explicit % (R&D 投入强度 "20%"); a bare number beside a rate is
     * points a year (高效农业面积比重 4.55 -> 7.95, "0.68"). */
    out->compound = compounds(ind->kind) || (ind->kind == ZB_KIND_RATE && growth.percent);
    if (out->compound) {
        out->implied = zb_cagr(out->base, out->goal, out->years) * 100.0;
        if (isnan(out->implied)) {
            snprintf(out->reason, sizeof out->reason, "%s", zb_growth_why());
            return 0;
        }
    } else {
        out->implied = (out->goal - out->base) / out->years;
    }
    out->assessable = 1;
    out->stated = growth.value;
    out->gap = out->implied - out->stated;
    double slack = tol->about_pp;
    switch (growth.cmp) {
    case ZB_CMP_GE: case ZB_CMP_GT: out->consistent = out->gap >= -slack; break;
    case ZB_CMP_LE: case ZB_CMP_LT: out->consistent = out->gap <= slack; break;
    default: out->consistent = fabs(out->gap) <= slack; break;
    }
    if (out->compound)
        snprintf(out->reason, sizeof out->reason,
                 ZB_T("由基期值与目标值推算年均增长 %.2f%%（名义），规划写 %s%%，相差 %+.2f 个百分点",
                      "base and target imply %.2f %% a year (nominal); the plan states %s %%; gap %+.2f points"),
                 out->implied, growth.text, out->gap);
    else
        snprintf(out->reason, sizeof out->reason,
                 ZB_T("由基期值与目标值推算每年变动 %.2f 个百分点，规划写 %s，相差 %+.2f",
                      "base and target imply %.2f points a year; the plan states %s; gap %+.2f"),
                 out->implied, growth.text, out->gap);
    return 0;
}
