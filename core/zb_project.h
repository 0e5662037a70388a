/* zb_project — where one region x indicator series is heading.
 *
 * Fits the trend (zb_trend: log-linear for levels and per-capita values,
 * linear for the rest), finds the plan target the series should be held
 * against (the numeric target with the latest target year after the last
 * figure), and evaluates the trend at that target year and at a horizon year
 * (2035 by default).  A linear trend of a share in % is held within 0..100,
 * and one of a quantity never observed below zero is held at zero, so that a
 * two-point line does not run to 110 % coverage; `capped` says so.
 *
 * Ownership: fills the caller's struct; nothing allocated.
 */
#ifndef ZB_PROJECT_H
#define ZB_PROJECT_H

#include "zb_dataset.h"
#include "zb_growth.h"
#include "zb_trend.h"

enum { ZB_CAPPED_TARGET_YEAR = 1, ZB_CAPPED_HORIZON = 2 };

typedef struct zb_projection {
    long region, indicator;
    int compound;             /* log-linear (levels) or linear (rates) */
    zb_trend trend;
    double latest;            /* the figure in the last year */
    double pace;              /* fraction a year (compound) or points a year */
    long target;              /* index into ds->targets, -1 when none */
    int target_year;
    double goal;              /* the target as a number in the indicator's unit */
    double at_target_year;    /* the trend there */
    int meets;                /* does the trend meet the target? */
    int horizon;
    double at_horizon;
    int capped;               /* ZB_CAPPED_* bits: which projected value was held at 0 or 100 % */
    int scenarios;            /* growth scenarios apply: a level or per-capita value in money */
    char reason[160];         /* why the series was not projected */
} zb_projection;

/* Projects one series.  Returns 0, or -1 when it cannot be projected: fewer
 * than two figures (out->trend.n says how many there were), a zero or
 * negative level under a log trend, or a structure; out->reason says which. */
int zb_project_series(const zb_dataset *ds, long region, long indicator, int horizon,
                      double half_life, const zb_tolerance *tol, zb_projection *out);

/* The latest figure grown at rate (a fraction) to year.  Scenario rates
 * are growth rates of the economy (GDP, income, revenue), so they apply to
 * money-valued levels and per-capita values only (zb_unit_is_money);
 * NaN for the rest (耕地保有量, 常住人口, 床位/千人: p->scenarios is 0). */
double zb_projection_scenario(const zb_projection *p, double rate, int year);

#endif
