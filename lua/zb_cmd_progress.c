/* zhibiao progress / zhibiao consistency
 *
 * progress: for each plan target, the progress in a monitoring year against
 * the time elapsed ("时间过半、任务过半"), the pace so far and the pace now
 * required, and a verdict.  Exit 1 when a binding (约束性) indicator is
 * behind, off track, moving away or missed.
 * consistency: whether each target's base, target and stated growth agree.
 */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "zb_host.h"
#include "zb_lang.h"
#include "zb_notes.h"
#include "zb_opts.h"
#include "zb_progress.h"

static const char *progress_usage(void)
{
    return ZB_T("用法：zhibiao progress --data 目录 [--year 年份] [--plan 规划] [--region 地区代码]\n"
                "                        [--indicator 指标代码[,代码...]] [--format text|csv|json] [-o 文件]\n"
                "                        [--tolerance 点数] [--tolerance-level 百分比]\n"
                "  不给 --year 时取数据的最新年份；不给 --plan 时评估覆盖该年份的各期规划。\n"
                "  --tolerance：“左右”允许的偏差，百分比类指标按百分点计（默认 0.5）；\n"
                "  --tolerance-level：总量指标按目标值的百分比计（默认 2）。详见 docs/progress.md。\n",
                "usage: zhibiao progress --data DIR [--year Y] [--plan PLAN] [--region CODE]\n"
                "                        [--indicator CODE[,CODE...]] [--format text|csv|json] [-o FILE]\n"
                "                        [--tolerance POINTS] [--tolerance-level PERCENT]\n"
                "  Without --year, the latest year with data; without --plan, every plan covering that year.\n"
                "  --tolerance: what 左右 (about) allows for values in %, in points (default 0.5);\n"
                "  --tolerance-level: for levels, in % of the target (default 2). See docs/progress.md.\n");
}

static const char *name_of(const zb_dataset *ds, uint32_t zh, uint32_t en)
{
    return zb_ds_str(ds, zb_lang_get() == ZB_LANG_EN && en ? en : zh);
}

enum { SHOW_BOTH = 0, DATA_ONLY = 1, TEXT_ONLY = 2 };

/* Shows (or hides) the column `key` in the text table. */
static void show_col(zb_out_col *cols, int nc, const char *key, int show)
{
    for (int c = 0; c < nc; c++)
        if (strcmp(cols[c].key, key) == 0)
            cols[c].data_only = !show;
}

/* Prints the malformed target texts a command met and a line saying so;
 * returns their number (the command then exits 2). */
static size_t report_bad_texts(const zb_diags *bad, const char *command)
{
    size_t nbad = zb_diags_errors(bad);
    if (nbad) {
        zb_diags_print(bad, stderr, 1);
        zb_host_error(command, ZB_T("目标表中有 %zu 处文字有误（见上），请更正",
                                    "%zu malformed texts in the targets (above): please correct them"), nbad);
    }
    return nbad;
}

/* A plan's period: its earliest base year (0 when none has one) to its
 * latest target year; *first is its first target in targets.csv. */
static void plan_span(const zb_dataset *ds, uint32_t plan, int *from, int *to, const zb_target **first)
{
    *from = *to = 0;
    *first = NULL;
    for (size_t j = 0; j < ds->targets.count; j++) {
        const zb_target *tj = &ds->targets.items[j];
        if (tj->plan != plan)
            continue;
        if (!*first)
            *first = tj;
        if (tj->base_year && (!*from || tj->base_year < *from))
            *from = tj->base_year;
        if (tj->target_year > *to)
            *to = tj->target_year;
    }
}

/* "qxg-13fyp 2015—2020，qxg-14fyp 2020—2025": each plan's first base year
 * and last target year, in the order plans first appear in targets.csv. */
static void plan_periods(const zb_dataset *ds, char *buf, size_t len)
{
    size_t used = 0;
    for (size_t k = 0; k < ds->targets.count && used + 1 < len; k++) {
        const zb_target *tk = &ds->targets.items[k];
        int seen = 0;
        for (size_t j = 0; j < k && !seen; j++)
            seen = ds->targets.items[j].plan == tk->plan;
        if (seen)
            continue;
        int from, to;
        const zb_target *first;
        plan_span(ds, tk->plan, &from, &to, &first);
        int n = snprintf(buf + used, len - used, from ? ZB_T("%s%s %d—%d", "%s%s %d-%d") : ZB_T("%s%s 至 %d", "%s%s to %d"),
                         used ? ZB_T("，", ", ") : "", zb_ds_str(ds, tk->plan), from ? from : to, to);
        if (n < 0 || (size_t)n >= len - used) {
            buf[used] = '\0';
            break;
        }
        used += (size_t)n;
    }
}

int zb_cmd_progress(int argc, char **argv)
{
    zb_opts o;
    int parsed = zb_opts_parse(argc, argv, progress_usage(), &o);
    if (parsed != 0)
        return parsed > 0 ? ZB_EXIT_OK : ZB_EXIT_USAGE;
    zb_dataset *ds = zb_opts_load_dataset(&o);
    if (!ds)
        return ZB_EXIT_USAGE;
    if (zb_opts_check_codes(&o, ds, "progress") != 0) {
        zb_dataset_free(ds);
        return ZB_EXIT_USAGE;
    }
    int year = o.year ? o.year : (ds->obs.count ? ds->obs.year_max : 0);
    static zb_out_col cols[40];
    int nc = 0;
#define COL(k, zh, en, num, mode) \
    cols[nc++] = (zb_out_col){.key = k, .label = ZB_T(zh, en), .numeric = num, .data_only = (mode) == DATA_ONLY, \
                              .text_only = (mode) == TEXT_ONLY}
    COL("plan", "规划", "plan", 0, DATA_ONLY);
    COL("region", "地区代码", "region code", 0, DATA_ONLY);
    COL("region_name", "地区", "region", 0, DATA_ONLY);
    COL("indicator", "指标代码", "code", 0, DATA_ONLY);
    COL("name", "指标", "indicator", 0, SHOW_BOTH);
    COL("unit", "单位", "unit", 0, SHOW_BOTH);
    COL("attribute", "属性代码", "attribute code", 0, DATA_ONLY);
    COL("base_year", "基期年", "base year", 1, DATA_ONLY);
    COL("base", "基期值", "base", 1, SHOW_BOTH);
    COL("target_year", "目标年", "target year", 1, DATA_ONLY);
    COL("target_text", "目标", "target", 0, SHOW_BOTH);
    COL("goal", "目标值", "goal", 1, DATA_ONLY);
    COL("year", "监测年", "year", 1, DATA_ONLY);
    COL("value", "监测值", "value", 1, SHOW_BOTH);
    COL("time_pct", "时间进度%", "time %", 1, DATA_ONLY);
    COL("time_share_text", "时间进度", "time", 1, TEXT_ONLY);
    COL("progress_pct", "任务进度%", "progress %", 1, DATA_ONLY);
    COL("progress_share_text", "任务进度", "progress", 1, TEXT_ONLY);
    COL("rate_unit", "增速单位", "rate unit", 0, DATA_ONLY);
    COL("actual_rate", "已实现年均", "pace so far", 1, DATA_ONLY);
    COL("actual_basis", "已实现年均口径", "pace basis", 0, DATA_ONLY);
    COL("actual_rate_text", "已实现年均", "pace so far", 1, TEXT_ONLY);
    COL("reported_rate", "报告年均%", "reported %", 1, DATA_ONLY);
    COL("reported_source", "报告年均来源", "reported from", 0, DATA_ONLY);
    COL("reported_rate_text", "报告年均", "reported", 1, TEXT_ONLY);
    COL("stated", "规划年均", "planned", 1, DATA_ONLY);
    COL("stated_unit", "规划年均单位", "planned unit", 0, DATA_ONLY);
    COL("stated_text", "规划年均", "planned", 1, TEXT_ONLY);
    COL("required_rate", "尚需年均", "pace needed", 1, DATA_ONLY);
    COL("required_rate_text", "尚需年均", "pace needed", 1, TEXT_ONLY);
    COL("anticipated", "到期预计", "anticipated", 1, DATA_ONLY);
    COL("anticipated_text", "到期预计", "anticipated", 1, TEXT_ONLY);
    COL("attribute_label", "属性", "attribute", 0, SHOW_BOTH);
    COL("verdict", "判断代码", "verdict code", 0, DATA_ONLY);
    COL("verdict_label", "判断", "verdict", 0, SHOW_BOTH);
    COL("severity", "级别", "severity", 0, DATA_ONLY);
    COL("reason", "说明", "note", 0, DATA_ONLY);
#undef COL
    zb_out *t = zb_out_new(cols, nc);
    size_t counts[ZB_VERDICT_COUNT] = {0}, errors = 0, warnings = 0, rows_due = 0, rows_at_base = 0;
    int any_nominal = 0, any_reported = 0;
    /* Why rows could not be assessed, and the binding shortfalls: listed
     * under the table, where a bureau reads what to do about them. */
    zb_notes unassessed, failing;
    zb_notes_init(&unassessed);
    zb_notes_init(&failing);
    /* Malformed target or growth texts are bad data: named with their
     * place in targets.csv after the table, and exit status 2. */
    zb_diags *bad = zb_diags_new();
    uint32_t first_plan = 0;
    int32_t first_region = -1;
    int several_plans = 0, several_regions = 0, first_target_year = 0, several_target_years = 0;
    for (size_t k = 0; t && k < ds->targets.count; k++) {
        const zb_target *tg = &ds->targets.items[k];
        if (!zb_opts_match_target(&o, ds, k))
            continue;
        /* Without --plan, a plan is monitored in the years it covers. */
        if (!o.plan && (year <= tg->base_year || year > tg->target_year))
            continue;
        zb_progress p;
        zb_progress_assess(ds, k, year, &o.tol, &p);
        if (bad)
            zb_target_text_check(ds, k, ZB_TEXT_BOTH, bad);
        const zb_indicator *ind = &ds->indicators.items[tg->indicator];
        const zb_region *rg = &ds->regions.items[tg->region];
        const char *unit = zb_ds_str(ds, ind->unit);
        const char *name = name_of(ds, ind->name, ind->name_en);
        char b[96];
        counts[p.verdict]++;
        if (!first_plan)
            first_plan = tg->plan;
        several_plans |= tg->plan != first_plan;
        if (first_region < 0)
            first_region = tg->region;
        several_regions |= tg->region != first_region;
        if (!first_target_year)
            first_target_year = tg->target_year;
        several_target_years |= tg->target_year != first_target_year;
        rows_due += year >= tg->target_year;
        rows_at_base += tg->base_year && year <= tg->base_year;
        int nominal = p.compound && ind->kind != ZB_KIND_GROWTH && ind->kind != ZB_KIND_REDUCTION &&
                      zb_unit_is_money(unit) && !isnan(p.actual_rate);
        any_nominal |= nominal;
        any_reported |= p.reported_source != ZB_REPORTED_NONE;
        if (p.verdict == ZB_VERDICT_NOT_ASSESSABLE)
            zb_notes_add(&unassessed, p.reason, name);
        else if (p.severity == ZB_ERROR) {
            char why[800], v[48], goal[160];
            zb_spec spec;
            zb_fmt_value(v, sizeof v, p.value, ind->decimals);
            zb_spec_parse(zb_ds_str(ds, tg->target_text), &spec, NULL, 0, NULL);
            snprintf(why, sizeof why, ZB_T("%s（%d 年 %s，目标 %s）", "%s (%d: %s, target %s)"), p.reason, year, v,
                     zb_spec_with_unit(&spec, unit, goal, sizeof goal));
            zb_notes_add(&failing, why, name);
        }
        errors += p.severity == ZB_ERROR;
        warnings += p.severity == ZB_WARNING;

        zb_out_row(t);
        zb_out_cell(t, zb_ds_str(ds, tg->plan));
        zb_out_cell(t, zb_ds_str(ds, rg->code));
        zb_out_cell(t, name_of(ds, rg->name, rg->name_en));
        zb_out_cell(t, zb_ds_str(ds, ind->code));
        zb_out_cell(t, name);
        zb_out_cell(t, unit);
        zb_out_cell(t, zb_attribute_name(tg->attribute ? tg->attribute : ind->attribute));
        if (tg->base_year) /* no base year: an empty cell, not 0 */
            zb_out_cellf(t, "%d", tg->base_year);
        else
            zb_out_cell(t, "");
        zb_fmt_value(b, sizeof b, p.base, ind->decimals);
        zb_out_cell(t, b);
        zb_out_cellf(t, "%d", tg->target_year);
        zb_out_cell(t, zb_ds_str(ds, tg->target_text));
        snprintf(b, sizeof b, "%.10g", p.goal);
        zb_out_cell(t, isnan(p.goal) ? "" : b);
        zb_out_cellf(t, "%d", year);
        zb_fmt_value(b, sizeof b, p.value, ind->kind == ZB_KIND_REDUCTION || ind->kind == ZB_KIND_GROWTH ? 2 : ind->decimals);
        zb_out_cell(t, b);
        zb_fmt_value(b, sizeof b, p.time_share * 100, 1);
        zb_out_cell(t, b);
        zb_fmt_value(b, sizeof b, p.time_share * 100, 0);
        zb_out_cellf(t, "%s%s", b, *b ? "%" : "");
        zb_fmt_value(b, sizeof b, p.progress_share * 100, 1);
        zb_out_cell(t, b);
        zb_fmt_value(b, sizeof b, p.progress_share * 100, 0);
        zb_out_cellf(t, "%s%s", b, *b ? "%" : "");
        zb_out_cell(t, p.compound ? "percent" : "points");
        zb_fmt_value(b, sizeof b, p.compound ? p.actual_rate * 100 : p.actual_rate, 2);
        zb_out_cell(t, b);
        zb_out_cell(t, isnan(p.actual_rate) ? "" : nominal ? "nominal" : p.compound ? "compound" : "points");
        zb_fmt_rate(b, sizeof b, p.actual_rate, p.compound, unit);
        zb_out_cellf(t, "%s%s", b, nominal ? ZB_T("（名义）", " nominal") : "");
        zb_fmt_value(b, sizeof b, p.reported_rate * 100, 2);
        zb_out_cell(t, b);
        zb_out_cell(t, p.reported_source == ZB_REPORTED_SERIES ? "series" : p.reported_source == ZB_REPORTED_PLAN ? "plan" : "");
        zb_fmt_rate(b, sizeof b, p.reported_rate, 1, unit);
        zb_out_cell(t, b);
        zb_fmt_value(b, sizeof b, p.stated_compound ? p.stated_rate * 100 : p.stated_rate, 2);
        zb_out_cell(t, b);
        zb_out_cell(t, isnan(p.stated_rate) ? "" : p.stated_compound ? "percent" : "points");
        zb_fmt_stated(b, sizeof b, zb_ds_str(ds, tg->growth_text), p.stated_compound || isnan(p.stated_rate) ? 1 : 0, unit);
        zb_out_cell(t, b);
        zb_fmt_value(b, sizeof b, p.compound ? p.required_rate * 100 : p.required_rate, 2);
        zb_out_cell(t, b);
        zb_fmt_rate(b, sizeof b, p.required_rate, p.compound, unit);
        zb_out_cell(t, b);
        zb_fmt_value(b, sizeof b, p.anticipated, ind->kind == ZB_KIND_REDUCTION ? 2 : ind->decimals);
        zb_out_cell(t, b);
        zb_out_cell(t, year >= tg->target_year ? "" : b); /* at the target year it is the value itself */
        zb_out_cell(t, zb_attribute_label(tg->attribute ? tg->attribute : ind->attribute));
        zb_out_cell(t, zb_verdict_name(p.verdict));
        zb_out_cell(t, zb_verdict_label(p.verdict));
        zb_out_cell(t, p.severity == ZB_ERROR ? "error" : p.severity == ZB_WARNING ? "warning" : "note");
        zb_out_cell(t, p.reason);
    }
    int exit_code = ZB_EXIT_FAIL;
    if (!t || !bad)
        goto done;
    int nrows = zb_out_rows(t);
    /* A plan whose base year is the monitoring year (a plan just imported,
     * with its base-year figures only) is not monitored yet: the normal
     * state, said plainly, not an error. */
    const char *starting = NULL;
    for (size_t k = 0; nrows == 0 && !starting && k < ds->targets.count; k++)
        if (zb_opts_match_target(&o, ds, k) && ds->targets.items[k].base_year == year)
            starting = zb_ds_str(ds, ds->targets.items[k].plan);
    if (starting) {
        /* A CSV or JSON reader gets its empty table; the words go beside it. */
        int as_text = o.format == ZB_OUT_TEXT && (!o.output || strcmp(o.output, "-") == 0);
        int wrote = as_text ? 0 : zb_opts_write(&o, t);
        fprintf(as_text ? stdout : stderr, ZB_T("监测年份 %d 是规划 %s 的基期，尚无可评估的数据：请补充基期之后年份的数值，或用 --year 指定年份。\n"
                    "从基期到目标所需的年均增速见 zhibiao consistency，按已有趋势的预计见 zhibiao project。\n",
                    "monitoring year %d is the base year of plan %s: there is nothing to assess yet; add figures "
                    "for later years, or choose one with --year.\n"
                    "The growth the targets need from the base is in zhibiao consistency; where the trend leads, in zhibiao project.\n"),
               year, starting);
        exit_code = wrote == 0 ? ZB_EXIT_OK : ZB_EXIT_USAGE;
        goto done;
    }
    if (nrows == 0) {
        /* A year no plan covers (or a filter that leaves nothing) selects
         * nothing: said as bad usage, with the plans' periods to choose from,
         * rather than an empty table and success. */
        char periods[512] = "";
        plan_periods(ds, periods, sizeof periods);
        zb_host_error("progress", ZB_T("%d 年没有可监测的规划目标；数据中的规划期：%s（用 --plan 指定规划，或 --year 指定年份）",
                                        "no plan targets to monitor in %d; the plans in the data: %s (choose one with --plan, or a year with --year)"),
                      year, periods[0] ? periods : ZB_T("无", "none"));
        exit_code = ZB_EXIT_USAGE;
        goto done;
    }
    int to_terminal = o.format == ZB_OUT_TEXT && (!o.output || strcmp(o.output, "-") == 0);
    /* Columns that tell rows apart only when they differ. */
    show_col(cols, nc, "plan", several_plans);
    show_col(cols, nc, "region_name", several_regions);
    show_col(cols, nc, "target_year", several_target_years);
    /* Nothing lies ahead when every row is at its target year. */
    if (nrows && rows_due == (size_t)nrows) {
        show_col(cols, nc, "required_rate_text", 0);
        show_col(cols, nc, "anticipated_text", 0);
    }
    if (to_terminal && first_plan && !several_plans) {
        /* The plan's period: its earliest base year to its latest target year. */
        const zb_target *any;
        int from, to;
        plan_span(ds, first_plan, &from, &to, &any);
        const zb_region *rg = &ds->regions.items[any->region];
        const char *plan_name = any->plan_name ? zb_ds_str(ds, any->plan_name) : zb_ds_str(ds, any->plan);
        if (from)
            printf(ZB_T("%s（%d—%d 年）", "%s (%d-%d)"), plan_name, from, to);
        else
            printf(ZB_T("%s（目标年 %d）", "%s (target year %d)"), plan_name, to);
        printf(ZB_T("，%s，监测年份 %d\n\n", ", %s, monitoring year %d\n\n"), name_of(ds, rg->name, rg->name_en), year);
    }
    int rc = 0;
    if (to_terminal && nrows && rows_at_base == (size_t)nrows) {
        /* The data ends where the plan starts: no rows to look at. */
        printf(ZB_T("监测年份 %d 不晚于规划基期，尚无可评估的数据：请补充基期之后年份的数值，或用 --year 指定年份。\n"
                    "从基期到目标所需的年均增速见 zhibiao consistency，按已有趋势的预计见 zhibiao project。\n",
                    "monitoring year %d is not after the plan's base year: there is nothing to assess yet; add figures "
                    "for later years, or choose one with --year.\n"
                    "The growth the targets need from the base is in zhibiao consistency; where the trend leads, in zhibiao project.\n"),
               year);
    } else {
        rc = zb_opts_write(&o, t);
    }
    if (rc == 0 && to_terminal && !(nrows && rows_at_base == (size_t)nrows)) {
        printf(ZB_T("\n监测年份 %d：", "\nmonitoring year %d: "), year);
        const char *sep = "";
        for (int v = 0; v < ZB_VERDICT_COUNT; v++) {
            if (!counts[v])
                continue;
            printf(ZB_T("%s%s %zu 项", "%s%s %zu"), sep, zb_verdict_label((zb_verdict)v), counts[v]);
            sep = ZB_T("，", ", ");
        }
        printf(ZB_T("。\n约束性指标未达要求（错误）%zu 项，预期性指标未达要求（警告）%zu 项。\n",
                    "\nbinding indicators short of their targets (errors): %zu; anticipatory (warnings): %zu.\n"),
               errors, warnings);
        if (failing.n) {
            printf("%s", ZB_T("\n约束性指标未达要求：\n", "\nbinding indicators short of their targets:\n"));
            zb_notes_print(&failing, stdout);
        }
        if (unassessed.n) {
            printf("%s", ZB_T("\n无法评估的指标及原因：\n", "\nnot assessable, and why:\n"));
            zb_notes_print(&unassessed, stdout);
        }
        printf("%s", ZB_T("\n注：", "\nnotes: "));
        if (any_nominal)
            printf("%s", ZB_T("标“名义”的已实现年均由现价总量计算，含价格因素；规划年均增速一般按可比价（实际）计算，两者不宜直接比较。\n    ",
                              "a pace marked nominal is computed from current-price levels and includes price changes; plan growth "
                              "targets are usually real (comparable prices), so the two do not compare directly.\n    "));
        if (any_reported)
            printf("%s", ZB_T("报告年均取自规划“完成情况”栏或增速序列，与规划年均同口径。\n    ",
                              "the reported pace comes from the plan's outcome column or a growth series, on the basis of the planned pace.\n    "));
        printf(ZB_T("任务进度 =（监测值 − 基期值）/（目标值 − 基期值）；“左右”容差 %.2g 个百分点（总量指标 %.2g%%）。详见 docs/progress.md。\n",
                    "progress = (value - base) / (target - base); 左右 tolerance %.2g points (levels %.2g %%). See docs/progress.md.\n"),
               o.tol.about_pp, o.tol.about_rel * 100);
    }
    size_t nbad = report_bad_texts(bad, "progress");
    /* Usage for output that could not be written or malformed targets. */
    exit_code = rc != 0 || nbad ? ZB_EXIT_USAGE : errors ? ZB_EXIT_FAIL : ZB_EXIT_OK;
done:
    zb_diags_free(bad);
    zb_notes_free(&unassessed);
    zb_notes_free(&failing);
    zb_out_free(t);
    zb_dataset_free(ds);
    return exit_code;
}

static const char *consistency_usage(void)
{
    return ZB_T("用法：zhibiao consistency --data 目录 [--plan 规划] [--region 地区代码] [--indicator 指标代码[,代码...]]\n"
                "                           [--format text|csv|json] [-o 文件] [--tolerance 点数] [--all]\n"
                "  核对基期值、目标值与规划年均增速是否相符；--all 也列出无法核对的目标。\n",
                "usage: zhibiao consistency --data DIR [--plan PLAN] [--region CODE] [--indicator CODE[,CODE...]]\n"
                "                           [--format text|csv|json] [-o FILE] [--tolerance POINTS] [--all]\n"
                "  Checks that base, target and stated growth agree; --all lists the targets that cannot be checked too.\n");
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
    int parsed = argc >= 63 ? -1 : zb_opts_parse(n, args, consistency_usage(), &o);
    if (parsed != 0)
        return parsed > 0 ? ZB_EXIT_OK : ZB_EXIT_USAGE;
    zb_dataset *ds = zb_opts_load_dataset(&o);
    if (!ds)
        return ZB_EXIT_USAGE;
    if (zb_opts_check_codes(&o, ds, "consistency") != 0) {
        zb_dataset_free(ds);
        return ZB_EXIT_USAGE;
    }
    static zb_out_col cols[24];
    int nc = 0;
#define COL(k, zh, en, num, mode) \
    cols[nc++] = (zb_out_col){.key = k, .label = ZB_T(zh, en), .numeric = num, .data_only = (mode) == DATA_ONLY, \
                              .text_only = (mode) == TEXT_ONLY}
    COL("plan", "规划", "plan", 0, SHOW_BOTH);
    COL("region", "地区代码", "region code", 0, DATA_ONLY);
    COL("region_name", "地区", "region", 0, DATA_ONLY);
    COL("indicator", "指标代码", "code", 0, DATA_ONLY);
    COL("name", "指标", "indicator", 0, SHOW_BOTH);
    COL("unit", "单位", "unit", 0, SHOW_BOTH);
    COL("base", "基期值", "base", 1, SHOW_BOTH);
    COL("target_text", "目标", "target", 0, SHOW_BOTH);
    COL("years", "年数", "years", 1, SHOW_BOTH);
    COL("growth_text", "规划年均原文", "stated (as printed)", 0, DATA_ONLY);
    COL("rate_unit", "增速单位", "rate unit", 0, DATA_ONLY);
    COL("stated", "规划年均", "stated", 1, DATA_ONLY);
    COL("stated_text", "规划年均", "stated", 1, TEXT_ONLY);
    COL("implied", "推算年均", "implied", 1, DATA_ONLY);
    COL("implied_text", "推算年均", "implied", 1, TEXT_ONLY);
    COL("gap", "差距", "gap", 1, SHOW_BOTH);
    COL("consistent", "一致", "consistent", 0, DATA_ONLY);
    cols[nc - 1].boolean = 1;
    COL("verdict_label", "判断", "verdict", 0, SHOW_BOTH);
    COL("reason", "说明", "note", 0, DATA_ONLY);
#undef COL
    zb_out *t = zb_out_new(cols, nc);
    size_t inconsistent = 0, checked = 0, unchecked = 0;
    int any_nominal = 0;
    zb_notes findings, why_unchecked;
    zb_notes_init(&findings);
    zb_notes_init(&why_unchecked);
    zb_diags *bad = zb_diags_new(); /* malformed texts: bad data, exit 2 */
    for (size_t k = 0; t && bad && k < ds->targets.count; k++) {
        if (!zb_opts_match_target(&o, ds, k))
            continue;
        zb_consistency c;
        zb_consistency_check(ds, k, &o.tol, &c);
        zb_target_text_check(ds, k, ZB_TEXT_BOTH, bad);
        const zb_target *tg = &ds->targets.items[k];
        const zb_indicator *ind = &ds->indicators.items[tg->indicator];
        const char *name = name_of(ds, ind->name, ind->name_en);
        if (!c.assessable) {
            char who[256];
            unchecked++;
            snprintf(who, sizeof who, "%s %s", zb_ds_str(ds, tg->plan), name);
            zb_notes_add(&why_unchecked, c.reason, who);
        }
        if (!c.assessable && !all)
            continue;
        const zb_region *rg = &ds->regions.items[tg->region];
        const char *unit = zb_ds_str(ds, ind->unit);
        char b[96];
        checked += c.assessable;
        inconsistent += c.assessable && !c.consistent;
        int nominal = c.assessable && c.compound && zb_unit_is_money(unit);
        any_nominal |= nominal;
        if (c.assessable && !c.consistent) {
            char who[256];
            snprintf(who, sizeof who, "%s %s", zb_ds_str(ds, tg->plan), name);
            zb_notes_add(&findings, c.reason, who);
        }
        zb_out_row(t);
        zb_out_cell(t, zb_ds_str(ds, tg->plan));
        zb_out_cell(t, zb_ds_str(ds, rg->code));
        zb_out_cell(t, name_of(ds, rg->name, rg->name_en));
        zb_out_cell(t, zb_ds_str(ds, ind->code));
        zb_out_cell(t, name);
        zb_out_cell(t, unit);
        zb_fmt_value(b, sizeof b, c.assessable ? c.base : zb_target_base(ds, k), ind->decimals);
        zb_out_cell(t, b);
        zb_out_cell(t, zb_ds_str(ds, tg->target_text));
        if (tg->base_year)
            zb_out_cellf(t, "%d", tg->target_year - tg->base_year);
        else
            zb_out_cell(t, "");
        zb_out_cell(t, zb_ds_str(ds, tg->growth_text));
        zb_out_cell(t, !c.assessable ? "" : c.compound ? "percent" : "points");
        zb_fmt_value(b, sizeof b, c.stated, 2);
        zb_out_cell(t, b);
        zb_fmt_stated(b, sizeof b, zb_ds_str(ds, tg->growth_text), c.assessable ? c.compound : 1, unit);
        zb_out_cell(t, b);
        zb_fmt_value(b, sizeof b, c.implied, 2);
        zb_out_cell(t, b);
        zb_fmt_rate(b, sizeof b, c.compound ? c.implied / 100.0 : c.implied, c.compound, unit);
        zb_out_cellf(t, "%s%s", b, nominal ? ZB_T("（名义）", " nominal") : "");
        if (isnan(c.gap))
            zb_out_cell(t, "");
        else
            zb_out_cellf(t, "%+.2f", c.gap);
        zb_out_cell(t, !c.assessable ? "" : c.consistent ? "true" : "false");
        zb_out_cell(t, !c.assessable ? ZB_T("无法核对", "n/a") : c.consistent ? ZB_T("一致", "consistent") : ZB_T("不一致", "inconsistent"));
        zb_out_cell(t, c.reason);
    }
    if (!t || !bad) {
        zb_notes_free(&findings);
        zb_notes_free(&why_unchecked);
        zb_diags_free(bad);
        zb_out_free(t);
        zb_dataset_free(ds);
        return ZB_EXIT_FAIL;
    }
    if (all)
        cols[nc - 1].data_only = 0; /* with the rows that cannot be checked, say why */
    int rc = zb_opts_write(&o, t);
    if (rc == 0 && o.format == ZB_OUT_TEXT && (!o.output || strcmp(o.output, "-") == 0)) {
        printf(ZB_T("\n核对 %zu 项（基期值、目标值与年均增速俱全），不一致 %zu 项；容差 %.2g 个百分点。",
                    "\nchecked %zu targets with base, target and stated growth; %zu inconsistent; tolerance %.2g points."),
               checked, inconsistent, o.tol.about_pp);
        if (unchecked)
            printf(all ? ZB_T("另有 %zu 项未核对，原因如下。", " %zu more not checked, for the reasons below.")
                       : ZB_T("另有 %zu 项缺少其中一项或无法核对，未列出（--all 列出并说明原因）。",
                              " %zu more lack one of them or cannot be checked (--all lists them with the reasons)."),
                   unchecked);
        printf("\n");
        if (findings.n) {
            printf("%s", ZB_T("\n不一致：\n", "\ninconsistent:\n"));
            zb_notes_print(&findings, stdout);
        }
        if (all && why_unchecked.n) {
            printf("%s", ZB_T("\n未核对的目标及原因：\n", "\nnot checked, and why:\n"));
            zb_notes_print(&why_unchecked, stdout);
        }
        printf("%s", ZB_T("\n注：推算年均 = (目标值/基期值)^(1/年数) − 1（总量、人均指标及写明 % 的比率），或 (目标值 − 基期值)/年数（其余比率，单位为百分点）。\n",
                          "\nnotes: implied = (target/base)^(1/years) - 1 (levels, per-capita values, rates whose growth is written with %), or (target - base)/years (other rates, in points).\n"));
        if (any_nominal)
            printf("%s", ZB_T("    标“名义”者由现价总量推算，含价格因素；规划增速多为可比价（实际）增速，差距中有一部分是价格变动。\n",
                              "    implied figures marked nominal come from current-price levels; plan growth is usually real, so part of a gap is prices.\n"));
    }
    size_t nbad = report_bad_texts(bad, "consistency");
    zb_diags_free(bad);
    zb_notes_free(&findings);
    zb_notes_free(&why_unchecked);
    zb_out_free(t);
    zb_dataset_free(ds);
    if (rc != 0)
        return ZB_EXIT_USAGE; /* the output could not be written */
    return nbad ? ZB_EXIT_USAGE : ZB_EXIT_OK;
}
