/* zhibiao progress / zhibiao consistency
 *
 * progress: for each plan target, the progress in a monitoring year against
 * the time elapsed ("时间过半、任务过半"), the pace so far and the pace now
 * required, and a verdict.  Exit 1 when a binding (约束性) indicator is
 * behind, off track or moving away.
 * consistency: whether each target's base, target and stated growth agree.
 */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "zb_host.h"
#include "zb_lang.h"
#include "zb_opts.h"
#include "zb_progress.h"

static const char *progress_usage(void)
{
    return ZB_T("用法：zhibiao progress --data 目录 [--year 年份] [--plan 规划] [--region 地区代码]\n"
                "                        [--indicator 指标代码] [--format text|csv|json] [-o 文件] [--tolerance 点数]\n",
                "usage: zhibiao progress --data DIR [--year Y] [--plan PLAN] [--region CODE]\n"
                "                        [--indicator CODE] [--format text|csv|json] [-o FILE] [--tolerance PP]\n");
}

/* A rate per year as people read it: 9.86% for compounding, +0.68点 for points. */
static void fmt_rate(char *buf, size_t len, double r, int compound)
{
    if (isnan(r))
        snprintf(buf, len, "%s", "");
    else if (isinf(r))
        snprintf(buf, len, "%s", "∞");
    else if (compound)
        snprintf(buf, len, "%.2f%%", r * 100.0);
    else
        snprintf(buf, len, ZB_T("%+.2f点", "%+.2f pt"), r);
}

static void fmt_num(char *buf, size_t len, double v, int decimals)
{
    zb_fmt_value(buf, len, v, decimals);
}

/* The latest observation year: the default monitoring year. */
static int latest_year(const zb_dataset *ds) { return ds->obs.count ? ds->obs.year_max : 0; }

int zb_cmd_progress(int argc, char **argv)
{
    zb_opts o;
    if (zb_opts_parse(argc, argv, progress_usage(), &o) != 0)
        return ZB_EXIT_USAGE;
    zb_dataset *ds = zb_opts_load_dataset(&o);
    if (!ds)
        return ZB_EXIT_USAGE;
    int year = o.year ? o.year : latest_year(ds);
    static zb_out_col cols[24];
    int nc = 0;
#define COL(k, zh, en, num, data_only_, text_only_) \
    cols[nc++] = (zb_out_col){k, ZB_T(zh, en), num, data_only_, text_only_}
    COL("plan", "规划", "plan", 0, 1, 0);
    COL("region", "地区", "region", 0, 0, 0);
    COL("indicator", "指标代码", "code", 0, 1, 0);
    COL("name", "指标", "indicator", 0, 0, 0);
    COL("unit", "单位", "unit", 0, 1, 0);
    COL("base_year", "基期年", "base year", 1, 1, 0);
    COL("base", "基期值", "base", 1, 0, 0);
    COL("target_year", "目标年", "target year", 1, 1, 0);
    COL("target", "目标", "target", 1, 0, 0);
    COL("year", "监测年", "year", 1, 1, 0);
    COL("value", "监测值", "value", 1, 0, 0);
    COL("time_share", "时间进度%", "time %", 1, 0, 0);
    COL("progress_share", "任务进度%", "progress %", 1, 0, 0);
    COL("rate_unit", "增速单位", "rate unit", 0, 1, 0);
    COL("actual_rate", "已实现年均", "pace so far", 1, 1, 0);
    COL("actual_rate_shown", "已实现年均", "pace so far", 1, 0, 1);
    COL("required_rate", "尚需年均", "pace needed", 1, 1, 0);
    COL("required_rate_shown", "尚需年均", "pace needed", 1, 0, 1);
    COL("stated_rate", "规划年均", "planned pace", 0, 0, 0);
    COL("anticipated", "到期预计", "anticipated", 1, 0, 0);
    COL("attribute", "属性", "attribute", 0, 0, 0);
    COL("verdict", "判断代码", "verdict code", 0, 1, 0);
    COL("verdict_label", "判断", "verdict", 0, 0, 0);
    COL("reason", "说明", "note", 0, 1, 0);
#undef COL
    zb_out *t = zb_out_new(cols, nc);
    size_t counts[ZB_VERDICT_COUNT] = {0}, errors = 0, warnings = 0;
    /* Reasons a target could not be assessed, shown under the table. */
    char unassessed[4096] = "";
    size_t unassessed_len = 0;
    uint32_t first_plan = 0;
    int several_plans = 0;
    for (size_t k = 0; t && k < ds->targets.count; k++) {
        const zb_target *tg = &ds->targets.items[k];
        if (!zb_opts_match_target(&o, ds, k))
            continue;
        /* Without --plan, a plan is monitored in the years it covers. */
        if (!o.plan && (year <= tg->base_year || year > tg->target_year))
            continue;
        zb_progress p;
        zb_progress_assess(ds, k, year, &o.tol, &p);
        const zb_indicator *ind = &ds->indicators.items[tg->indicator];
        const zb_region *rg = &ds->regions.items[tg->region];
        char b[64];
        counts[p.verdict]++;
        if (!first_plan)
            first_plan = tg->plan;
        several_plans |= tg->plan != first_plan;
        if (p.verdict == ZB_VERDICT_NOT_ASSESSABLE && unassessed_len < sizeof unassessed - 200) {
            int w = snprintf(unassessed + unassessed_len, sizeof unassessed - unassessed_len, "  %s：%s\n",
                             zb_ds_str(ds, zb_lang_get() == ZB_LANG_EN && ind->name_en ? ind->name_en : ind->name), p.reason);
            if (w > 0)
                unassessed_len += (size_t)w < sizeof unassessed - unassessed_len ? (size_t)w : 0;
        }
        errors += p.severity == ZB_ERROR;
        warnings += p.severity == ZB_WARNING;
        zb_out_row(t);
        zb_out_cell(t, zb_ds_str(ds, tg->plan));
        zb_out_cell(t, zb_ds_str(ds, zb_lang_get() == ZB_LANG_EN && rg->name_en ? rg->name_en : rg->name));
        zb_out_cell(t, zb_ds_str(ds, ind->code));
        zb_out_cell(t, zb_ds_str(ds, zb_lang_get() == ZB_LANG_EN && ind->name_en ? ind->name_en : ind->name));
        zb_out_cell(t, zb_ds_str(ds, ind->unit));
        zb_out_cellf(t, "%d", tg->base_year);
        fmt_num(b, sizeof b, p.base, ind->decimals);
        zb_out_cell(t, b);
        zb_out_cellf(t, "%d", tg->target_year);
        zb_out_cell(t, zb_ds_str(ds, tg->target_text));
        zb_out_cellf(t, "%d", year);
        fmt_num(b, sizeof b, p.value, ind->decimals);
        zb_out_cell(t, b);
        fmt_num(b, sizeof b, p.time_share * 100, 0);
        zb_out_cell(t, b);
        fmt_num(b, sizeof b, p.progress_share * 100, 0);
        zb_out_cell(t, b);
        zb_out_cell(t, p.compound ? "percent" : "points");
        fmt_num(b, sizeof b, p.compound ? p.actual_rate * 100 : p.actual_rate, 2);
        zb_out_cell(t, b);
        fmt_rate(b, sizeof b, p.actual_rate, p.compound);
        zb_out_cell(t, b);
        fmt_num(b, sizeof b, p.compound ? p.required_rate * 100 : p.required_rate, 2);
        zb_out_cell(t, b);
        fmt_rate(b, sizeof b, p.required_rate, p.compound);
        zb_out_cell(t, b);
        zb_out_cell(t, zb_ds_str(ds, tg->growth_text));
        fmt_num(b, sizeof b, p.anticipated, ind->decimals);
        zb_out_cell(t, b);
        zb_out_cell(t, zb_attribute_label(tg->attribute ? tg->attribute : ind->attribute));
        zb_out_cell(t, zb_verdict_name(p.verdict));
        zb_out_cell(t, zb_verdict_label(p.verdict));
        zb_out_cell(t, p.reason);
    }
    if (!t) {
        zb_dataset_free(ds);
        return ZB_EXIT_FAIL;
    }
    int to_terminal = o.format == ZB_OUT_TEXT && (!o.output || strcmp(o.output, "-") == 0);
    if (to_terminal && several_plans)
        cols[0].data_only = 0; /* more than one plan: say which row is which */
    if (to_terminal && first_plan && !several_plans) {
        const zb_target *any = NULL;
        for (size_t k = 0; k < ds->targets.count && !any; k++)
            if (ds->targets.items[k].plan == first_plan)
                any = &ds->targets.items[k];
        printf(ZB_T("%s（%d—%d 年），监测年份 %d\n", "%s (%d-%d), monitoring year %d\n"),
               any->plan_name ? zb_ds_str(ds, any->plan_name) : zb_ds_str(ds, any->plan), any->base_year,
               any->target_year, year);
    }
    int rc = zb_opts_write(&o, t);
    if (rc == 0 && to_terminal) {
        if (unassessed_len)
            printf(ZB_T("无法评估的指标：\n%s", "not assessable:\n%s"), unassessed);
        if (zb_out_rows(t) == 0) {
            printf(ZB_T("%d 年没有可监测的规划目标（用 --plan 指定规划，或 --year 指定年份）\n",
                        "no plan targets to monitor in %d (choose one with --plan, or a year with --year)\n"), year);
        } else {
            printf(ZB_T("监测年份 %d：", "monitoring year %d: "), year);
            for (int v = 0; v < ZB_VERDICT_COUNT; v++)
                if (counts[v])
                    printf(ZB_T("%s %zu 项  ", "%s %zu  "), zb_verdict_label((zb_verdict)v), counts[v]);
            printf(ZB_T("\n约束性指标未达进度（错误）%zu 项，预期性指标未达进度（警告）%zu 项。\n",
                        "\nbinding indicators short of pace (errors): %zu; anticipatory (warnings): %zu.\n"),
                   errors, warnings);
            printf("%s", ZB_T("注：总量指标的年均增速按现价总量计算，为名义增速；规划中的增速目标一般按可比价（实际）计算。\n",
                              "note: the pace of level indicators is computed from current-price levels (nominal); plan growth targets are usually real (comparable prices).\n"));
        }
    }
    zb_out_free(t);
    zb_dataset_free(ds);
    if (rc != 0)
        return ZB_EXIT_FAIL;
    return errors ? ZB_EXIT_FAIL : ZB_EXIT_OK;
}

static const char *consistency_usage(void)
{
    return ZB_T("用法：zhibiao consistency --data 目录 [--plan 规划] [--region 地区代码] [--indicator 指标代码]\n"
                "                           [--format text|csv|json] [-o 文件] [--tolerance 点数] [--all]\n",
                "usage: zhibiao consistency --data DIR [--plan PLAN] [--region CODE] [--indicator CODE]\n"
                "                           [--format text|csv|json] [-o FILE] [--tolerance PP] [--all]\n");
}

int zb_cmd_consistency(int argc, char **argv)
{
    int all = 0;
    /* --all is ours; the rest are the shared options. */
    char *args[64];
    int n = 0;
    for (int i = 0; i < argc && n < 63; i++) {
        if (strcmp(argv[i], "--all") == 0)
            all = 1;
        else
            args[n++] = argv[i];
    }
    args[n] = NULL;
    zb_opts o;
    if (argc >= 63 || zb_opts_parse(n, args, consistency_usage(), &o) != 0)
        return ZB_EXIT_USAGE;
    zb_dataset *ds = zb_opts_load_dataset(&o);
    if (!ds)
        return ZB_EXIT_USAGE;
    static zb_out_col cols[16];
    int nc = 0;
#define COL(k, zh, en, num, data_only_) cols[nc++] = (zb_out_col){k, ZB_T(zh, en), num, data_only_, 0}
    COL("plan", "规划", "plan", 0, 0);
    COL("region", "地区", "region", 0, 0);
    COL("indicator", "指标代码", "code", 0, 1);
    COL("name", "指标", "indicator", 0, 0);
    COL("base", "基期值", "base", 1, 0);
    COL("target", "目标", "target", 1, 0);
    COL("years", "年数", "years", 1, 0);
    COL("stated", "规划年均", "stated", 1, 0);
    COL("implied", "推算年均", "implied", 1, 0);
    COL("gap", "差距", "gap", 1, 0);
    COL("rate_unit", "增速单位", "rate unit", 0, 1);
    COL("consistent", "判断", "verdict", 0, 0);
    COL("reason", "说明", "note", 0, 1);
#undef COL
    zb_out *t = zb_out_new(cols, nc);
    size_t inconsistent = 0, checked = 0;
    for (size_t k = 0; t && k < ds->targets.count; k++) {
        if (!zb_opts_match_target(&o, ds, k))
            continue;
        zb_consistency c;
        zb_consistency_check(ds, k, &o.tol, &c);
        if (!c.assessable && !all)
            continue;
        const zb_target *tg = &ds->targets.items[k];
        const zb_indicator *ind = &ds->indicators.items[tg->indicator];
        const zb_region *rg = &ds->regions.items[tg->region];
        char b[64];
        checked += c.assessable;
        inconsistent += c.assessable && !c.consistent;
        zb_out_row(t);
        zb_out_cell(t, zb_ds_str(ds, tg->plan));
        zb_out_cell(t, zb_ds_str(ds, zb_lang_get() == ZB_LANG_EN && rg->name_en ? rg->name_en : rg->name));
        zb_out_cell(t, zb_ds_str(ds, ind->code));
        zb_out_cell(t, zb_ds_str(ds, zb_lang_get() == ZB_LANG_EN && ind->name_en ? ind->name_en : ind->name));
        zb_fmt_value(b, sizeof b, c.assessable ? c.base : tg->base_value, ind->decimals);
        zb_out_cell(t, b);
        zb_out_cell(t, zb_ds_str(ds, tg->target_text));
        zb_out_cellf(t, "%d", tg->target_year - tg->base_year);
        zb_out_cell(t, zb_ds_str(ds, tg->growth_text));
        zb_fmt_value(b, sizeof b, c.implied, 2);
        zb_out_cell(t, b);
        if (isnan(c.gap))
            zb_out_cell(t, "");
        else
            zb_out_cellf(t, "%+.2f", c.gap);
        zb_out_cell(t, !c.assessable ? "" : c.compound ? "percent" : "points");
        zb_out_cell(t, !c.assessable ? ZB_T("无法判断", "n/a") : c.consistent ? ZB_T("一致", "consistent") : ZB_T("不一致", "inconsistent"));
        zb_out_cell(t, c.reason);
    }
    if (!t) {
        zb_dataset_free(ds);
        return ZB_EXIT_FAIL;
    }
    int rc = zb_opts_write(&o, t);
    if (rc == 0 && o.format == ZB_OUT_TEXT && (!o.output || strcmp(o.output, "-") == 0)) {
        printf(ZB_T("核对 %zu 项（基期值、目标值与年均增速俱全），不一致 %zu 项（容差 %.2f 个百分点）。\n",
                    "checked %zu targets with base, target and stated growth; %zu inconsistent (tolerance %.2f points).\n"),
               checked, inconsistent, o.tol.about_pp);
        printf("%s", ZB_T("注：推算增速由现价总量得出，为名义增速；规划增速多为可比价（实际）增速，两者之差含价格因素。\n",
                          "note: implied growth comes from current-price levels (nominal); stated plan growth is usually real, so part of a gap is prices.\n"));
    }
    zb_out_free(t);
    zb_dataset_free(ds);
    return rc != 0 ? ZB_EXIT_FAIL : ZB_EXIT_OK;
}
