/* zhibiao project: where each series is heading.
 *
 * For every region x indicator series with at least two figures: the trend
 * (least squares on log levels for levels and per-capita values, on the
 * values for rates), its annual pace, the value it reaches in the plan's
 * target year (and whether that meets the target) and in --to (2035); with
 * --rates, low/base/high scenarios from the latest figure. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "zb_host.h"
#include "zb_lang.h"
#include "zb_opts.h"
#include "zb_progress.h"
#include "zb_project.h"

static const char *project_usage(void)
{
    return ZB_T("用法：zhibiao project --data 目录 [--region 地区代码] [--indicator 指标代码] [--to 2035]\n"
                "                       [--half-life 年数] [--rates 低,基准,高] [--format text|csv|json] [-o 文件]\n"
                "  --rates：情景年均增速（%），用于总量与人均指标\n",
                "usage: zhibiao project --data DIR [--region CODE] [--indicator CODE] [--to 2035]\n"
                "                       [--half-life YEARS] [--rates LOW,BASE,HIGH] [--format text|csv|json] [-o FILE]\n"
                "  --rates: scenario growth rates (% a year), for level and per-capita indicators\n");
}

int zb_cmd_project(int argc, char **argv)
{
    zb_opts o;
    if (zb_opts_parse(argc, argv, project_usage(), &o) != 0)
        return ZB_EXIT_USAGE;
    zb_dataset *ds = zb_opts_load_dataset(&o);
    if (!ds)
        return ZB_EXIT_USAGE;
    long only_region = o.region ? zb_ds_region(ds, o.region) : -1;
    long only_ind = o.indicator ? zb_ds_indicator(ds, o.indicator) : -1;
    if ((o.region && only_region < 0) || (o.indicator && only_ind < 0)) {
        fprintf(stderr, ZB_T("zhibiao project：未知的%s代码“%s”\n", "zhibiao project: unknown %s code '%s'\n"),
                o.region && only_region < 0 ? ZB_T("地区", "region") : ZB_T("指标", "indicator"),
                o.region && only_region < 0 ? o.region : o.indicator);
        zb_dataset_free(ds);
        return ZB_EXIT_USAGE;
    }
    static zb_out_col cols[20];
    static char to_label[64], low_label[64], base_label[64], high_label[64];
    snprintf(to_label, sizeof to_label, ZB_T("%d年预计", "%d trend"), o.to_year);
    snprintf(low_label, sizeof low_label, ZB_T("%d低情景", "%d low"), o.to_year);
    snprintf(base_label, sizeof base_label, ZB_T("%d基准情景", "%d base"), o.to_year);
    snprintf(high_label, sizeof high_label, ZB_T("%d高情景", "%d high"), o.to_year);
    int nc = 0;
#define COL(k, label, num, data_only_) cols[nc++] = (zb_out_col){k, label, num, data_only_, 0}
    COL("region", ZB_T("地区", "region"), 0, 0);
    COL("indicator", ZB_T("指标代码", "code"), 0, 1);
    COL("name", ZB_T("指标", "indicator"), 0, 0);
    COL("unit", ZB_T("单位", "unit"), 0, 0);
    COL("years", ZB_T("数据年份", "years"), 0, 0);
    COL("points", ZB_T("点数", "points"), 1, 1);
    COL("latest", ZB_T("最新值", "latest"), 1, 0);
    COL("method", ZB_T("方法", "method"), 0, 1);
    COL("pace", ZB_T("趋势年均", "trend pace"), 1, 0);
    COL("target_year", ZB_T("目标年", "target year"), 1, 0);
    COL("target", ZB_T("目标", "target"), 1, 0);
    COL("at_target_year", ZB_T("目标年预计", "trend at target year"), 1, 0);
    COL("meets_target", ZB_T("能否实现", "meets target"), 0, 0);
    COL("at_to_year", to_label, 1, 0);
    if (o.nrates >= 1) COL("scenario_low", o.nrates == 1 ? base_label : low_label, 1, 0);
    if (o.nrates >= 2) COL("scenario_base", o.nrates == 2 ? high_label : base_label, 1, 0);
    if (o.nrates >= 3) COL("scenario_high", high_label, 1, 0);
#undef COL
    zb_out *t = zb_out_new(cols, nc);
    size_t skipped = 0;
    for (size_t ii = 0; t && ii < ds->indicators.count; ii++) {
        long ind = (long)ii;
        if (only_ind >= 0 && ind != only_ind)
            continue;
        const zb_indicator *indp = &ds->indicators.items[ind];
        for (size_t rr = 0; rr < ds->regions.count; rr++) {
            long region = (long)rr;
            if (only_region >= 0 && region != only_region)
                continue;
            zb_projection p;
            if (zb_project_series(ds, region, ind, o.to_year, o.half_life, &o.tol, &p) != 0) {
                skipped += p.trend.n > 0; /* a series with one figure */
                continue;
            }
            const zb_region *rg = &ds->regions.items[region];
            char b[64];
            zb_out_row(t);
            zb_out_cell(t, zb_ds_str(ds, zb_lang_get() == ZB_LANG_EN && rg->name_en ? rg->name_en : rg->name));
            zb_out_cell(t, zb_ds_str(ds, indp->code));
            zb_out_cell(t, zb_ds_str(ds, zb_lang_get() == ZB_LANG_EN && indp->name_en ? indp->name_en : indp->name));
            zb_out_cell(t, zb_ds_str(ds, indp->unit));
            zb_out_cellf(t, "%d-%d", p.trend.first_year, p.trend.last_year);
            zb_out_cellf(t, "%d", p.trend.n);
            zb_fmt_value(b, sizeof b, p.latest, indp->decimals);
            zb_out_cell(t, b);
            zb_out_cell(t, p.compound ? "log-linear" : "linear");
            if (p.compound)
                zb_out_cellf(t, "%.2f%%", p.pace * 100);
            else
                zb_out_cellf(t, ZB_T("%+.2f点", "%+.2f pt"), p.pace);
            if (p.target >= 0) {
                zb_out_cellf(t, "%d", p.target_year);
                zb_out_cell(t, zb_ds_str(ds, ds->targets.items[p.target].target_text));
                zb_fmt_value(b, sizeof b, p.at_target_year, indp->decimals);
                zb_out_cell(t, b);
                zb_out_cell(t, isnan(p.goal) ? "" : p.meets ? ZB_T("能", "yes") : ZB_T("不能", "no"));
            } else {
                for (int k = 0; k < 4; k++)
                    zb_out_cell(t, "");
            }
            zb_fmt_value(b, sizeof b, p.at_horizon, indp->decimals);
            zb_out_cell(t, b);
            /* Scenario rates are growth rates: they apply to levels and
             * per-capita values; a rate or share has no such scenario. */
            for (int k = 0; k < o.nrates; k++) {
                zb_fmt_value(b, sizeof b, zb_projection_scenario(&p, o.rates[k] / 100.0, o.to_year), indp->decimals);
                zb_out_cell(t, b);
            }
        }
    }
    if (!t) {
        zb_dataset_free(ds);
        return ZB_EXIT_FAIL;
    }
    int rc = zb_opts_write(&o, t);
    if (rc == 0 && o.format == ZB_OUT_TEXT && (!o.output || strcmp(o.output, "-") == 0)) {
        printf(ZB_T("共 %d 个序列；%zu 个序列数据点不足两个，未测算。",
                    "%d series; %zu series with fewer than two figures were not projected."),
               zb_out_rows(t), skipped);
        if (o.half_life > 0)
            printf(ZB_T("近年加权：半衰期 %.1f 年。", " Recent years weighted: half-life %.1f years."), o.half_life);
        printf("%s", ZB_T("\n注：总量指标按对数线性趋势（名义增速）外推，比率指标按线性趋势（每年百分点）外推。\n",
                          "\nnote: levels follow a log-linear trend (nominal pace), rates a linear trend (points a year).\n"));
    }
    zb_out_free(t);
    zb_dataset_free(ds);
    return rc != 0 ? ZB_EXIT_FAIL : ZB_EXIT_OK;
}
