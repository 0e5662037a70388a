/* zb_project — where one region x indicator series is heading.
 *
 * Fits the trend (zb_trend: log-linear for levels and per-capita values,
 * linear for the rest), finds the plan target the series should be held
 * against (the numeric target with the latest target year after the last
 * figure), and evaluates the trend at that target year and at a horizon year
 * (2035 by default).
 *
 * Ownership: fills the caller's struct; nothing allocated.
 */
#ifndef ZB_PROJECT_H
#define ZB_PROJECT_H

#include "zb_dataset.h"
#include "zb_growth.h"
#include "zb_trend.h"

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
} zb_projection;

/* Projects one series.  Returns 0, or -1 when the series has fewer than two
 * usable figures (or the indicator is a structure); then out->trend.n says
 * how many there were. */
int zb_project_series(const zb_dataset *ds, long region, long indicator, int horizon,
                      double half_life, const zb_tolerance *tol, zb_projection *out);

/* A level grown from the latest figure at rate (a fraction) to year;
 * NaN for indicators that do not compound. */
double zb_projection_scenario(const zb_projection *p, double rate, int year);

#endif
