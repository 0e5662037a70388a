#include "zb_project.h"

#include "zb_progress.h"
#include "zb_spec.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

static long target_for(const zb_dataset *ds, long region, long ind, int last_year)
{
    long best = -1;
    for (size_t k = 0; k < ds->targets.count; k++) {
        const zb_target *t = &ds->targets.items[k];
        if (t->region != region || t->indicator != ind || t->target_year <= last_year)
            continue;
        zb_spec s;
        if (zb_spec_parse(zb_ds_str(ds, t->target_text), &s, NULL, 0, NULL) != 0 || s.form != ZB_SPEC_VALUE)
            continue;
        if (best < 0 || t->target_year > ds->targets.items[best].target_year)
            best = (long)k;
    }
    return best;
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
    if (ind->kind == ZB_KIND_STRUCTURE)
        return -1;
    size_t nrows;
    const uint32_t *rows = zb_obs_rows_for_region(&ds->obs, (int32_t)region, &nrows);
    int *years = malloc((nrows ? nrows : 1) * sizeof *years);
    double *values = malloc((nrows ? nrows : 1) * sizeof *values);
    if (!years || !values) {
        free(years);
        free(values);
        return -1;
    }
    size_t n = 0;
    for (size_t k = 0; k < nrows; k++) {
        uint32_t row = rows[k];
        if (ds->obs.indicator[row] != indicator || isnan(ds->obs.value[row]))
            continue;
        years[n] = ds->obs.year[row];
        values[n++] = ds->obs.value[row];
    }
    out->compound = ind->kind == ZB_KIND_LEVEL || ind->kind == ZB_KIND_PERCAP;
    int rc = zb_trend_fit(years, values, n, out->compound ? ZB_TREND_LOG : ZB_TREND_LINEAR, half_life, &out->trend);
    if (rc == 0) {
        for (size_t k = 0; k < n; k++)
            if (years[k] == out->trend.last_year)
                out->latest = values[k];
    } else {
        out->trend.n = (int)n;
    }
    free(years);
    free(values);
    if (rc != 0)
        return -1;
    out->pace = zb_trend_rate(&out->trend);
    out->at_horizon = zb_trend_at(&out->trend, horizon);
    out->target = target_for(ds, region, indicator, out->trend.last_year);
    if (out->target >= 0) {
        const zb_target *tg = &ds->targets.items[out->target];
        zb_spec s;
        zb_spec_parse(zb_ds_str(ds, tg->target_text), &s, NULL, 0, NULL);
        const char *unit = zb_ds_str(ds, ind->unit);
        double scale = zb_spec_unit_scale(&s, unit);
        out->target_year = tg->target_year;
        out->goal = scale > 0 ? s.value * scale : NAN;
        out->at_target_year = zb_trend_at(&out->trend, tg->target_year);
        int dir = ind->direction == ZB_DIR_DOWN ? -1 : 1;
        if (s.cmp == ZB_CMP_LE || s.cmp == ZB_CMP_LT)
            dir = -1;
        else if (s.cmp == ZB_CMP_GE || s.cmp == ZB_CMP_GT)
            dir = 1;
        out->meets = !isnan(out->goal) &&
                     zb_goal_met(out->at_target_year, out->goal, out->goal, s.form, s.cmp, dir,
                                 strcmp(unit, "%") == 0, tol);
    }
    return 0;
}

double zb_projection_scenario(const zb_projection *p, double rate, int year)
{
    if (!p->compound || isnan(p->latest))
        return NAN;
    return zb_project_compound(p->latest, rate, year - p->trend.last_year);
}
