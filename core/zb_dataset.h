/* zb_dataset — one loaded dataset: regions, indicators, observations,
 * targets, and the strings they share.
 *
 * This is the store every other part reads (projection, rollup, checks,
 * reports, the REPL).  It is filled by zb_dataset_load (zb_load.h) or by hand
 * through the zb_*_add functions, as the tests do.
 *
 * Ownership rule for the whole core: a zb_dataset owns everything reachable
 * from it.  Every pointer or string a getter returns is borrowed and stays
 * valid until zb_dataset_free.  Functions that allocate something the caller
 * must free say so in their comment.
 */
#ifndef ZB_DATASET_H
#define ZB_DATASET_H

#include <stddef.h>

#include "zb_indicator.h"
#include "zb_obs.h"
#include "zb_region.h"
#include "zb_settings.h"
#include "zb_strtab.h"
#include "zb_target.h"

typedef struct zb_dataset {
    zb_strtab *strs;
    zb_regions regions;
    zb_indicators indicators;
    zb_obs obs;
    zb_targets targets;
    zb_settings settings;   /* from settings.csv; defaults when absent */
    char *dir;          /* where it was loaded from; NULL when built by hand */
} zb_dataset;

/* Allocates an empty dataset; free with zb_dataset_free.  NULL on OOM. */
zb_dataset *zb_dataset_new(void);
void zb_dataset_free(zb_dataset *ds);

/* Shorthands for strtab lookups. */
const char *zb_ds_str(const zb_dataset *ds, uint32_t id);
long zb_ds_region(const zb_dataset *ds, const char *code);
long zb_ds_indicator(const zb_dataset *ds, const char *code);
/* The value of a cell: 1 and *value when there is a number, 0 when there is
 * no row or the value is missing. */
int zb_ds_value(const zb_dataset *ds, long region, long indicator, int year,
                double *value);

#endif
