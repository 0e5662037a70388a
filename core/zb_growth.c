#include "zb_growth.h"

#include "zb_lang.h"

#include <math.h>

/* The reason for the last NAN: one static string per case, so reading it is
 * cheap and needs no freeing.  Not thread-safe, like errno's old days; the
 * bulk operations that run in threads do not read it. */
static const char *why = "";

static double fail(const char *zh, const char *en)
{
    why = zb_tr(zh, en);
    return NAN;
}

zb_tolerance zb_tolerance_default(void)
{
    zb_tolerance t = {0.5, 0.02};
    return t;
}

const char *zb_growth_why(void) { return why; }

double zb_cagr(double v0, double v1, double years)
{
    why = "";
    if (!isfinite(v0) || !isfinite(v1) || !isfinite(years))
        return fail("缺少数值", "a value is missing");
    if (years <= 0)
        return fail("年数须大于零", "the number of years must be positive");
    if (v0 <= 0 || v1 <= 0)
        return fail("基数或终值不为正，无法计算复合增长率", "a zero or negative level has no compound growth rate");
    return pow(v1 / v0, 1.0 / years) - 1.0;
}

double zb_project_compound(double v0, double rate, double years)
{
    why = "";
    if (!isfinite(v0) || !isfinite(rate) || !isfinite(years))
        return fail("缺少数值", "a value is missing");
    if (rate <= -1.0)
        return fail("增长率不能低于 -100%", "a growth rate cannot be below -100 %");
    return v0 * pow(1.0 + rate, years);
}

double zb_project_linear(double v0, double pp_per_year, double years)
{
    why = "";
    if (!isfinite(v0) || !isfinite(pp_per_year) || !isfinite(years))
        return fail("缺少数值", "a value is missing");
    return v0 + pp_per_year * years;
}

double zb_required_rate(double v_now, double target, double years_left)
{
    return zb_cagr(v_now, target, years_left);
}

double zb_required_pp(double v_now, double target, double years_left)
{
    why = "";
    if (!isfinite(v_now) || !isfinite(target) || !isfinite(years_left))
        return fail("缺少数值", "a value is missing");
    if (years_left <= 0)
        return fail("已到或超过目标年份", "the target year has been reached");
    return (target - v_now) / years_left;
}

double zb_years_to_reach(double v_now, double target, double rate)
{
    why = "";
    if (!isfinite(v_now) || !isfinite(target) || !isfinite(rate))
        return fail("缺少数值", "a value is missing");
    if (v_now <= 0 || target <= 0)
        return fail("数值不为正，无法按复合增长计算", "zero or negative levels do not compound");
    if (v_now == target)
        return 0.0;
    if (rate <= -1.0 || rate == 0.0 || (target > v_now) != (rate > 0))
        return INFINITY;
    return log(target / v_now) / log(1.0 + rate);
}

double zb_reduction_annual(double total, double years)
{
    why = "";
    if (!isfinite(total) || !isfinite(years))
        return fail("缺少数值", "a value is missing");
    if (years <= 0)
        return fail("年数须大于零", "the number of years must be positive");
    if (total >= 1.0)
        return fail("累计下降不能达到或超过 100%", "a cumulative reduction cannot reach 100 %");
    return 1.0 - pow(1.0 - total, 1.0 / years);
}

double zb_reduction_total(double annual, double years)
{
    why = "";
    if (!isfinite(annual) || !isfinite(years))
        return fail("缺少数值", "a value is missing");
    if (annual >= 1.0)
        return fail("年均下降不能达到或超过 100%", "an annual reduction cannot reach 100 %");
    return 1.0 - pow(1.0 - annual, years);
}

double zb_doubling_rate(double years)
{
    why = "";
    if (!isfinite(years) || years <= 0)
        return fail("年数须大于零", "the number of years must be positive");
    return pow(2.0, 1.0 / years) - 1.0;
}

double zb_doubling_years(double rate)
{
    why = "";
    if (!isfinite(rate))
        return fail("缺少数值", "a value is missing");
    if (rate <= 0)
        return INFINITY;
    return log(2.0) / log(1.0 + rate);
}
