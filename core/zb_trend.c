#include "zb_trend.h"

#include "zb_growth.h"
#include "zb_lang.h"

#include <math.h>

int zb_trend_fit(const int *years, const double *values, size_t n, zb_trend_mode mode,
                 double half_life, zb_trend *out)
{
    out->mode = mode;
    out->slope = out->intercept = NAN;
    out->n = 0;
    int last = 0, first = 0;
    for (size_t i = 0; i < n; i++) {
        if (isnan(values[i]))
            continue;
        if (mode == ZB_TREND_LOG && values[i] <= 0) {
            zb_cagr(0, 1, 1); /* sets the reason: not positive */
            return -1;
        }
        if (out->n == 0 || years[i] > last)
            last = years[i];
        if (out->n == 0 || years[i] < first)
            first = years[i];
        out->n++;
    }
    if (out->n < 2 || first == last) {
        zb_cagr(NAN, NAN, 1);
        out->n = 0;
        return -1;
    }
    /* Weighted least squares, centred on the last year for stability. */
    double sw = 0, sx = 0, sy = 0, sxx = 0, sxy = 0;
    for (size_t i = 0; i < n; i++) {
        if (isnan(values[i]))
            continue;
        double x = years[i] - last;
        double y = mode == ZB_TREND_LOG ? log(values[i]) : values[i];
        double w = half_life > 0 ? pow(0.5, -x / half_life) : 1.0;
        sw += w;
        sx += w * x;
        sy += w * y;
        sxx += w * x * x;
        sxy += w * x * y;
    }
    double det = sw * sxx - sx * sx;
    out->slope = (sw * sxy - sx * sy) / det;
    out->intercept = (sy - out->slope * sx) / sw; /* value at x = 0, the last year */
    out->first_year = first;
    out->last_year = last;
    return 0;
}

double zb_trend_at(const zb_trend *t, double year)
{
    if (t->n < 2)
        return NAN;
    double y = t->intercept + t->slope * (year - t->last_year);
    return t->mode == ZB_TREND_LOG ? exp(y) : y;
}

double zb_trend_rate(const zb_trend *t)
{
    if (t->n < 2)
        return NAN;
    return t->mode == ZB_TREND_LOG ? exp(t->slope) - 1.0 : t->slope;
}
