#include "zb_dataset.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

zb_dataset *zb_dataset_new(void)
{
    zb_dataset *ds = calloc(1, sizeof *ds);
    if (!ds)
        return NULL;
    ds->strs = zb_strtab_new();
    if (!ds->strs) {
        free(ds);
        return NULL;
    }
    zb_regions_init(&ds->regions);
    zb_indicators_init(&ds->indicators);
    zb_obs_init(&ds->obs);
    zb_targets_init(&ds->targets);
    zb_settings_init(&ds->settings);
    return ds;
}

void zb_dataset_free(zb_dataset *ds)
{
    if (!ds)
        return;
    zb_regions_free(&ds->regions);
    zb_indicators_free(&ds->indicators);
    zb_obs_free(&ds->obs);
    zb_targets_free(&ds->targets);
    zb_strtab_free(ds->strs);
    free(ds->dir);
    free(ds);
}

const char *zb_ds_str(const zb_dataset *ds, uint32_t id) { return zb_strtab_get(ds->strs, id); }

long zb_ds_region(const zb_dataset *ds, const char *code)
{
    return zb_regions_find(&ds->regions, zb_strtab_find(ds->strs, code, strlen(code)));
}

long zb_ds_indicator(const zb_dataset *ds, const char *code)
{
    return zb_indicators_find(&ds->indicators, zb_strtab_find(ds->strs, code, strlen(code)));
}

int zb_ds_value(const zb_dataset *ds, long region, long indicator, int year, double *value)
{
    long row = zb_obs_find(&ds->obs, (int32_t)region, (int32_t)indicator, year);
    if (row < 0 || isnan(ds->obs.value[row]))
        return 0;
    *value = ds->obs.value[row];
    return 1;
}
