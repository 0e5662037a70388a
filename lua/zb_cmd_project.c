/* zhibiao project: where each series is heading.
 *
 * For every region x indicator series with at least two figures: the trend
 * (least squares on log levels for levels and per-capita values, on the
 * values for rates), its annual pace, the value it reaches in the plan's
 * target year (and whether that meets the target) and in --to (2035); with
 * --rates, scenarios grown from the latest figure at the given rates. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "zb_host.h"
#include "zb_lang.h"
#include "zb_notes.h"
#include "zb_opts.h"
#include "zb_progress.h"
#include "zb_project.h"

static const char *project_usage(void)
{
    return ZB_T("用法：zhibiao project --data 目录 [--region 地区代码] [--indicator 指标代码[,代码...]] [--to 2035]\n"
                "                       [--half-life 年数] [--rates 低,基准,高] [--format text|csv|json] [-o 文件]\n"
                "  --half-life：近年加权，早 N 年的数据权重减半（默认各年同权）\n"
                "  --rates：情景年均增速（%，一到三个），从最新值按复合增长推算，用于总量与人均指标\n",
                "usage: zhibiao project --data DIR [--region CODE] [--indicator CODE[,CODE...]] [--to 2035]\n"
                "                       [--half-life YEARS] [--rates LOW,BASE,HIGH] [--format text|csv|json] [-o FILE]\n"
                "  --half-life: weight recent years more; a figure N years older weighs half (default: all alike)\n"
                "  --rates: scenario growth rates (% a year, one to three), compounded from the latest figure;\n"
                "           for level and per-capita indicators\n");
}

static const char *name_of(const zb_dataset *ds, uint32_t zh, uint32_t en)
{
    return zb_ds_str(ds, zb_lang_get() == ZB_LANG_EN && en ? en : zh);
}

enum { SHOW_BOTH = 0, DATA_ONLY = 1, TEXT_ONLY = 2 };

int zb_cmd_project(int argc, char **argv)
{
    zb_opts o;
    int parsed = zb_opts_parse(argc, argv, project_usage(), &o);
    if (parsed != 0)
        return parsed > 0 ? ZB_EXIT_OK : ZB_EXIT_USAGE;
    zb_dataset *ds = zb_opts_load_dataset(&o);
    if (!ds)
        return ZB_EXIT_USAGE;
    if (zb_opts_check_codes(&o, ds, "project") != 0) {
        zb_dataset_free(ds);
        return ZB_EXIT_USAGE;
    }
    if (ds->obs.count && o.to_year < ds->obs.year_max) {
        fprintf(stderr, ZB_T("zhibiao project：--to %d 早于数据的最新年份 %d：外推的年份应不早于 %d\n",
                             "zhibiao project: --to %d is before the last year with data (%d): project to %d or later\n"),
                o.to_year, ds->obs.year_max, ds->obs.year_max);
        zb_dataset_free(ds);
        return ZB_EXIT_USAGE;
    }
    long only_region = o.region ? zb_ds_region(ds, o.region) : -1;
    /* Name the region of a skipped series only when several have figures. */
    int with_figures = 0;
    for (size_t rr = 0; rr < ds->regions.count && only_region < 0; rr++) {
        size_t nrows;
        zb_obs_rows_for_region(&ds->obs, (int32_t)rr, &nrows);
        with_figures += nrows > 0;
    }
    int several = with_figures > 1;
    static zb_out_col cols[40];
    static char to_label[64], scen_label[3][64];
    static const char *const scen_key[3][3] = {
        {"scenario_base"}, {"scenario_low", "scenario_high"}, {"scenario_low", "scenario_base", "scenario_high"}};
    snprintf(to_label, sizeof to_label, ZB_T("%d年预计", "%d trend"), o.to_year);
    for (int k = 0; k < o.nrates; k++)
        snprintf(scen_label[k], sizeof scen_label[k], ZB_T("%d年(%g%%)", "%d at %g%%"), o.to_year, o.rates[k]);
    int nc = 0;
#define COL(k, text, num, mode) \
    cols[nc++] = (zb_out_col){.key = k, .label = text, .numeric = num, .data_only = (mode) == DATA_ONLY, \
                              .text_only = (mode) == TEXT_ONLY}
    COL("region", ZB_T("地区代码", "region code"), 0, DATA_ONLY);
    COL("region_name", ZB_T("地区", "region"), 0, DATA_ONLY);
    COL("indicator", ZB_T("指标代码", "code"), 0, DATA_ONLY);
    COL("name", ZB_T("指标", "indicator"), 0, SHOW_BOTH);
    COL("unit", ZB_T("单位", "unit"), 0, SHOW_BOTH);
    COL("first_year", ZB_T("起始年", "first year"), 1, DATA_ONLY);
    COL("last_year", ZB_T("最新年", "last year"), 1, DATA_ONLY);
    COL("years", ZB_T("数据年份", "years"), 0, TEXT_ONLY);
    COL("points", ZB_T("数据点", "figures"), 1, SHOW_BOTH);
    COL("latest", ZB_T("最新值", "latest"), 1, SHOW_BOTH);
    COL("method", ZB_T("方法", "method"), 0, DATA_ONLY);
    COL("pace_unit", ZB_T("趋势单位", "pace unit"), 0, DATA_ONLY);
    COL("pace", ZB_T("趋势年均", "trend pace"), 1, DATA_ONLY);
    COL("pace_basis", ZB_T("趋势口径", "pace basis"), 0, DATA_ONLY);
    COL("pace_text", ZB_T("趋势年均", "trend pace"), 1, TEXT_ONLY);
    COL("target_year", ZB_T("目标年", "target year"), 1, SHOW_BOTH);
    COL("target_text", ZB_T("目标", "target"), 0, SHOW_BOTH);
    COL("goal", ZB_T("目标值", "goal"), 1, DATA_ONLY);
    COL("at_target_year", ZB_T("目标年预计", "trend at target year"), 1, SHOW_BOTH);
    COL("meets_target", ZB_T("能否实现", "meets target"), 0, DATA_ONLY);
    cols[nc - 1].boolean = 1;
    COL("meets_label", ZB_T("能否实现", "meets target"), 0, TEXT_ONLY);
    COL("horizon", ZB_T("展望年", "horizon"), 1, DATA_ONLY);
    COL("at_horizon", to_label, 1, SHOW_BOTH);
    COL("capped", ZB_T("按边界计", "held at a bound"), 0, DATA_ONLY);
    cols[nc - 1].boolean = 1;
    /* A scenario cell is empty in CSV/JSON and "—" in the table where the
     * rates do not apply. */
    for (int k = 0; k < o.nrates; k++) {
        COL(scen_key[o.nrates - 1][k], scen_label[k], 1, DATA_ONLY);
        COL(scen_key[o.nrates - 1][k], scen_label[k], 1, TEXT_ONLY);
    }
#undef COL
    zb_out *t = zb_out_new(cols, nc);
    int any_nominal = 0, any_capped = 0, several_regions = 0, any_without_scenario = 0;
    long first_region = -1;
    /* Series left out, by name and reason: a bureau should see which and why. */
    zb_notes skipped;
    zb_notes_init(&skipped);
    /* A malformed target text is bad data (exit 2), not a series without a
     * target: named with its place in targets.csv. */
    zb_diags *bad = zb_diags_new();
    for (size_t k = 0; bad && k < ds->targets.count; k++)
        if (zb_opts_match_target(&o, ds, k))
            zb_target_text_check(ds, k, ZB_TEXT_TARGET, bad);
    for (size_t ii = 0; t && ii < ds->indicators.count; ii++) {
        long ind = (long)ii;
        const zb_indicator *indp = &ds->indicators.items[ind];
        if (o.indicator && !zb_opts_listed(o.indicator, zb_ds_str(ds, indp->code)))
            continue;
        const char *unit = zb_ds_str(ds, indp->unit);
        const char *name = name_of(ds, indp->name, indp->name_en);
        for (size_t rr = 0; rr < ds->regions.count; rr++) {
            long region = (long)rr;
            if (only_region >= 0 && region != only_region)
                continue;
            zb_projection p;
            if (zb_project_series(ds, region, ind, o.to_year, o.half_life, &o.tol, &p) != 0) {
                if (p.trend.n > 0) {
                    char who[256];
                    if (several)
                        snprintf(who, sizeof who, "%s %s", name_of(ds, ds->regions.items[rr].name, ds->regions.items[rr].name_en), name);
                    zb_notes_add(&skipped, p.reason, several ? who : name);
                }
                continue;
            }
            const zb_region *rg = &ds->regions.items[region];
            if (first_region < 0)
                first_region = region;
            several_regions |= region != first_region;
            int nominal = p.compound && zb_unit_is_money(unit);
            any_nominal |= nominal;
            any_capped |= p.capped;
            char b[96];
            zb_out_row(t);
            zb_out_cell(t, zb_ds_str(ds, rg->code));
            zb_out_cell(t, name_of(ds, rg->name, rg->name_en));
            zb_out_cell(t, zb_ds_str(ds, indp->code));
            zb_out_cell(t, name);
            zb_out_cell(t, unit);
            zb_out_cellf(t, "%d", p.trend.first_year);
            zb_out_cellf(t, "%d", p.trend.last_year);
            zb_out_cellf(t, "%d-%d", p.trend.first_year, p.trend.last_year);
            zb_out_cellf(t, "%d", p.trend.n);
            zb_fmt_value(b, sizeof b, p.latest, indp->decimals);
            zb_out_cell(t, b);
            zb_out_cell(t, p.compound ? "log-linear" : "linear");
            zb_out_cell(t, p.compound ? "percent" : "points");
            zb_fmt_value(b, sizeof b, p.compound ? p.pace * 100 : p.pace, 2);
            zb_out_cell(t, b);
            zb_out_cell(t, nominal ? "nominal" : p.compound ? "compound" : "points");
            zb_fmt_rate(b, sizeof b, p.pace, p.compound, unit);
            zb_out_cellf(t, "%s%s", b, nominal ? ZB_T("（名义）", " nominal") : "");
            if (p.target >= 0) {
                zb_out_cellf(t, "%d", p.target_year);
                zb_out_cell(t, zb_ds_str(ds, ds->targets.items[p.target].target_text));
                snprintf(b, sizeof b, "%.10g", p.goal);
                zb_out_cell(t, b);
                zb_fmt_value(b, sizeof b, p.at_target_year, indp->decimals);
                zb_out_cellf(t, "%s%s", b, p.capped & ZB_CAPPED_TARGET_YEAR ? "*" : "");
                zb_out_cell(t, p.meets ? "true" : "false");
                zb_out_cell(t, p.meets ? ZB_T("能", "yes") : ZB_T("不能", "no"));
            } else {
                for (int k = 0; k < 6; k++)
                    zb_out_cell(t, "");
            }
            zb_out_cellf(t, "%d", o.to_year);
            zb_fmt_value(b, sizeof b, p.at_horizon, indp->decimals);
            zb_out_cellf(t, "%s%s", b, p.capped & ZB_CAPPED_HORIZON ? "*" : "");
            zb_out_cell(t, p.capped ? "true" : "false");
            /* Scenario rates are growth rates of the economy: they apply to
             * money-valued levels and per-capita values only (zb_project.h). */
            any_without_scenario |= o.nrates && !p.scenarios;
            for (int k = 0; k < o.nrates; k++) {
                zb_fmt_value(b, sizeof b, zb_projection_scenario(&p, o.rates[k] / 100.0, o.to_year), indp->decimals);
                zb_out_cell(t, b);
                zb_out_cell(t, *b ? b : "—");
            }
        }
    }
    if (!t || !bad) {
        zb_notes_free(&skipped);
        zb_diags_free(bad);
        zb_out_free(t);
        zb_dataset_free(ds);
        return ZB_EXIT_FAIL;
    }
    if (several_regions)
        cols[1].data_only = 0;
    int rc = zb_opts_write(&o, t);
    if (rc == 0 && o.format == ZB_OUT_TEXT && (!o.output || strcmp(o.output, "-") == 0)) {
        printf(ZB_T("\n共测算 %d 个序列，外推至 %d 年。", "\n%d series projected to %d."), zb_out_rows(t), o.to_year);
        if (o.half_life > 0)
            printf(ZB_T("近年加权：半衰期 %g 年。", " Recent years weighted: half-life %g years."), o.half_life);
        if (skipped.n) {
            printf("%s", ZB_T("\n未测算的序列及原因：\n", "\nnot projected, and why:\n"));
            zb_notes_print(&skipped, stdout);
        }
        printf("%s", ZB_T("\n注：总量与人均指标按对数线性趋势（复合增长）外推，比率指标按线性趋势（每年百分点）外推；只有两个年份时，趋势即两点连线。\n",
                          "\nnotes: levels and per-capita values follow a log-linear trend (compound growth), rates a linear trend (points a year); "
                          "with two years the trend is the line through them.\n"));
        if (any_nominal)
            printf("%s", ZB_T("    标“名义”的趋势年均由现价数值得出，含价格因素。\n",
                              "    a pace marked nominal comes from current-price figures and includes price changes.\n"));
        if (any_capped)
            printf("%s", ZB_T("    * 线性趋势越过 0 或 100%，按边界计。\n",
                              "    * the linear trend passes 0 or 100 %, and is held there.\n"));
        if (o.nrates)
            printf("%s", ZB_T("    情景值 = 最新值 ×（1 + 增速）^ 年数，仅用于以元计的总量与人均指标（地区生产总值、收入、财政收入等）。\n",
                              "    scenario = latest x (1 + rate)^years, for levels and per-capita values in money (GDP, income, revenue) only.\n"));
        if (any_without_scenario)
            printf("%s", ZB_T("    — 情景增速是经济总量的增速，不适用于耕地、人口、人才、床位、住房等实物量和比率，这些指标只给趋势值。\n",
                              "    — scenario rates are growth rates of the economy; they do not apply to land, population, beds, housing and other "
                              "physical quantities or rates, which get the trend only.\n"));
    }
    size_t nbad = zb_diags_errors(bad);
    if (nbad) {
        zb_diags_print(bad, stderr, 1);
        fprintf(stderr, ZB_T("zhibiao project：目标表中有 %zu 处目标文字有误（见上），相应序列未与目标比较\n",
                             "zhibiao project: %zu malformed target texts (above); those series were not held against them\n"),
                nbad);
    }
    zb_diags_free(bad);
    zb_notes_free(&skipped);
    zb_out_free(t);
    zb_dataset_free(ds);
    if (rc != 0)
        return ZB_EXIT_USAGE; /* the output could not be written */
    return nbad ? ZB_EXIT_USAGE : ZB_EXIT_OK;
}
