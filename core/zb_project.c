#include "zb_project.h"

#include "zb_lang.h"
#include "zb_progress.h"
#include "zb_spec.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The numeric target with the latest target year after last_year. */
static long target_for(const zb_dataset *ds, long region, long ind, int last_year, double *goal, zb_spec *spec)
{
    long best = -1;
    for (size_t k = 0; k < ds->targets.count; k++) {
        const zb_target *t = &ds->targets.items[k];
        if (t->region != region || t->indicator != ind || t->target_year <= last_year)
            continue;
        if (best >= 0 && t->target_year <= ds->targets.items[best].target_year)
            continue;
        zb_spec s;
        double g, hi;
        char reason[512];
        if (zb_target_goal(ds, k, &s, &g, &hi, reason, sizeof reason) != 0 || s.form == ZB_SPEC_RANGE)
            continue;
        best = (long)k;
        *goal = g;
        *spec = s;
    }
    return best;
}

/* Holds a linear projection within what the quantity can be. */
static double bounded(zb_projection *p, double v, double lo, double hi, int bit)
{
    if (isnan(v) || p->compound)
        return v;
    if (v < lo || v > hi)
        p->capped |= bit;
    return v < lo ? lo : v > hi ? hi : v;
}

int zb_project_series(const zb_dataset *ds, long region, long indicator, int horizon,
                      double half_life, const zb_tolerance *tol, zb_projection *out)
{
    memset(out, 0, sizeof *out);
    out->region = region;
    out->indicator = indicator;
    out->target = -1;
    out->horizon = horizon;
    out->latest = out->pace = out->goal = out->at_target_year = out->at_horizon = NAN;
    const zb_indicator *ind = &ds->indicators.items[indicator];
    const char *unit = zb_ds_str(ds, ind->unit);
    if (ind->kind == ZB_KIND_STRUCTURE) {
        snprintf(out->reason, sizeof out->reason, "%s", ZB_T("结构指标按各组成部分测算", "a structure is projected through its components"));
        return -1;
    }
    size_t nrows;
    const uint32_t *rows = zb_obs_rows_for_region(&ds->obs, (int32_t)region, &nrows);
    int *years = malloc((nrows ? nrows : 1) * sizeof *years);
    double *values = malloc((nrows ? nrows : 1) * sizeof *values);
    if (!years || !values) {
        free(years);
        free(values);
        snprintf(out->reason, sizeof out->reason, "%s", ZB_T("内存不足", "out of memory"));
        return -1;
    }
    size_t n = 0;
    double lo = 0, hi = INFINITY;
    for (size_t k = 0; k < nrows; k++) {
        uint32_t row = rows[k];
        if (ds->obs.indicator[row] != indicator || isnan(ds->obs.value[row]))
            continue;
        years[n] = ds->obs.year[row];
        values[n] = ds->obs.value[row];
        if (values[n] < 0)
            lo = -INFINITY; /* a quantity that can be negative (自然增长率) */
        n++;
    }
    if (strcmp(unit, "%") == 0 && (ind->kind == ZB_KIND_RATE || ind->kind == ZB_KIND_OTHER))
        hi = 100.0;
    out->compound = ind->kind == ZB_KIND_LEVEL || ind->kind == ZB_KIND_PERCAP;
    out->scenarios = out->compound && zb_unit_is_money(unit);
    int rc = zb_trend_fit(years, values, n, out->compound ? ZB_TREND_LOG : ZB_TREND_LINEAR, half_life, &out->trend);
    if (rc == 0) {
        for (size_t k = 0; k < n; k++)
            if (years[k] == out->trend.last_year)
                out->latest = values[k];
    } else {
        out->trend.n = (int)n;
        if (n >= 2 && out->compound)
            snprintf(out->reason, sizeof out->reason, "%s", zb_growth_why());
        else
            snprintf(out->reason, sizeof out->reason, "%s",
                     ZB_T("只有一个年份的数值，定不出趋势", "one year with a figure: no trend"));
    }
    free(years);
    free(values);
    if (rc != 0)
        return -1;
    out->pace = zb_trend_rate(&out->trend);
    out->at_horizon = bounded(out, zb_trend_at(&out->trend, horizon), lo, hi, ZB_CAPPED_HORIZON);
    zb_spec s;
    out->target = target_for(ds, region, indicator, out->trend.last_year, &out->goal, &s);
    if (out->target >= 0) {
        const zb_target *tg = &ds->targets.items[out->target];
        out->target_year = tg->target_year;
        out->at_target_year = bounded(out, zb_trend_at(&out->trend, tg->target_year), lo, hi, ZB_CAPPED_TARGET_YEAR);
        int dir = ind->direction == ZB_DIR_DOWN ? -1 : 1;
        if (s.cmp == ZB_CMP_LE || s.cmp == ZB_CMP_LT)
            dir = -1;
        else if (s.cmp == ZB_CMP_GE || s.cmp == ZB_CMP_GT)
            dir = 1;
        out->meets = zb_goal_met(out->at_target_year, out->goal, out->goal, s.form, s.cmp, dir,
                                 strcmp(unit, "%") == 0 || strcmp(unit, "\xE2\x80\xB0") == 0, tol);
    }
    return 0;
}

double zb_projection_scenario(const zb_projection *p, double rate, int year)
{
    if (!p->scenarios || isnan(p->latest))
        return NAN;
    return zb_project_compound(p->latest, rate, year - p->trend.last_year);
}
