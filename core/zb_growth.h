/* zb_growth — the arithmetic of plan growth.
 *
 * Levels (GDP, income) grow by compounding; rates and shares (城镇化率,
 * 森林覆盖率) move in percentage points; reductions over a plan period
 * (单位GDP能耗下降13.5%) are cumulative, so the annual rate is
 * 1 - (1 - 0.135)^(1/5) = 2.86 %.  Rates here are fractions (0.1 = 10 %)
 * unless a name says _pct.
 *
 * A CAGR computed from current-price levels is nominal; plan growth targets
 * are usually real (at comparable prices).  Callers that compare the two say
 * so in their output; where the data has a real-growth series, use it.
 *
 * Every function returns NAN when its inputs do not allow an answer (a zero
 * or negative level under compounding, zero years); zb_growth_why says why.
 *
 * Ownership: nothing here allocates.
 */
#ifndef ZB_GROWTH_H
#define ZB_GROWTH_H

/* The tolerance a 左右 ("about") target or stated growth allows, and that
 * consistency checks use.  Defaults: 0.5 percentage points for values in %
 * (rates, growth rates), 2 % of the value for levels. */
typedef struct zb_tolerance {
    double about_pp;   /* percentage points, for % values */
    double about_rel;  /* relative, for levels */
} zb_tolerance;

zb_tolerance zb_tolerance_default(void);

/* Compound annual growth rate from v0 to v1 over years. */
double zb_cagr(double v0, double v1, double years);
/* v0 grown at rate for years (compound). */
double zb_project_compound(double v0, double rate, double years);
/* v0 moved by pp percentage points a year (linear). */
double zb_project_linear(double v0, double pp_per_year, double years);
/* The annual rate that takes v_now to target in years_left. */
double zb_required_rate(double v_now, double target, double years_left);
/* The annual change in points that takes v_now to target in years_left. */
double zb_required_pp(double v_now, double target, double years_left);
/* Years to go from v_now to target at rate (compound); INFINITY when the
 * rate moves away from the target or is zero. */
double zb_years_to_reach(double v_now, double target, double rate);
/* A cumulative reduction over years as an annual rate, and back. */
double zb_reduction_annual(double total, double years);
double zb_reduction_total(double annual, double years);
/* The rate that doubles a level in years, and the years a rate needs. */
double zb_doubling_rate(double years);
double zb_doubling_years(double rate);

/* Why the last call returned NAN (a message in the current language), or "". */
const char *zb_growth_why(void);

#endif
