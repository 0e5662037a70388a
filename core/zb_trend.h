/* zb_trend — a trend through a series, and where it leads.
 *
 * Least squares on log levels (levels compound) or on the values themselves
 * (rates move in points), optionally weighting recent years more, as the UN
 * ESCAP SDG progress assessment does: a year h years before the last one
 * weighs 0.5^(h / half_life).  Missing values (NaN) are skipped.
 *
 * Ownership: nothing here allocates.
 */
#ifndef ZB_TREND_H
#define ZB_TREND_H

#include <stddef.h>

typedef enum { ZB_TREND_LOG = 0, ZB_TREND_LINEAR } zb_trend_mode;

typedef struct zb_trend {
    zb_trend_mode mode;
    double slope, intercept;  /* on log(value) or value, against year */
    int n;                    /* points used */
    int first_year, last_year;
} zb_trend;

/* Fits years[i] -> values[i].  half_life <= 0 weighs all years alike.
 * Returns 0, or -1 when fewer than two usable points remain (or, for LOG, a
 * value is not positive); then zb_growth_why() says why. */
int zb_trend_fit(const int *years, const double *values, size_t n, zb_trend_mode mode,
                 double half_life, zb_trend *out);
/* The fitted value at year. */
double zb_trend_at(const zb_trend *t, double year);
/* Annual growth the trend implies: a fraction for LOG, points for LINEAR. */
double zb_trend_rate(const zb_trend *t);

#endif
