/* zbb_build.h — datasets built by hand for the rollup tests.
 *
 * A test states its hierarchy and figures in a few lines, so the expected
 * numbers can be worked out by hand beside them:
 *
 *   zb_dataset *ds = zbb_new();
 *   zbb_region(ds, "C", ZB_LEVEL_CITY, NULL);
 *   zbb_region(ds, "A", ZB_LEVEL_COUNTY, "C");
 *   zbb_indicator(ds, "gdp", ZB_KIND_LEVEL, "sum");
 *   zbb_finish(ds);                      links; must give no errors
 *   zbb_obs(ds, "A", "gdp", 2021, 10);   then figures (indexes rebuilt)
 *   zbb_index(ds);
 *
 * Ownership: zbb_new allocates; the test frees with zb_dataset_free.
 */
#ifndef ZBB_BUILD_H
#define ZBB_BUILD_H

#include "zb_test.h"

static inline zb_dataset *zbb_new(void)
{
    zb_dataset *ds = zb_dataset_new();
    assert_non_null(ds);
    return ds;
}

static inline uint32_t zbb_str(zb_dataset *ds, const char *s)
{
    return zb_strtab_intern(ds->strs, s, strlen(s));
}

static inline void zbb_region(zb_dataset *ds, const char *code, zb_level level, const char *parent)
{
    zb_region r;
    memset(&r, 0, sizeof r);
    r.code = zbb_str(ds, code);
    r.name = zbb_str(ds, code);
    r.level = level;
    r.parent_code = parent ? zbb_str(ds, parent) : 0;
    r.line = ds->regions.count + 2;
    assert_true(zb_regions_add(&ds->regions, &r, NULL) >= 0);
}

static inline void zbb_indicator_d(zb_dataset *ds, const char *code, zb_kind kind, const char *rule,
                                   int decimals)
{
    zb_indicator ind;
    memset(&ind, 0, sizeof ind);
    ind.code = zbb_str(ds, code);
    ind.name = ind.code;
    ind.kind = kind;
    ind.decimals = decimals;
    ind.line = ds->indicators.count + 2;
    char msg[256];
    size_t col;
    if (zb_aggregation_parse(rule, ds->strs, &ind.agg, msg, sizeof msg, &col) != 0)
        fail_msg("rule '%s': %s", rule, msg);
    ind.agg_given = 1;
    assert_true(zb_indicators_add(&ds->indicators, &ind, NULL) >= 0);
}

static inline void zbb_indicator(zb_dataset *ds, const char *code, zb_kind kind, const char *rule)
{
    zbb_indicator_d(ds, code, kind, rule, 2);
}

/* Links regions and indicators; the hierarchy and rules must be valid. */
static inline void zbb_finish(zb_dataset *ds)
{
    zb_diags *d = zb_diags_new();
    assert_non_null(d);
    size_t errors = zb_dataset_finish(ds, "regions.csv", "indicators.csv", d);
    if (errors) {
        zbt_dump_diags(d);
        fail_msg("the hand-built dataset does not link");
    }
    zb_diags_free(d);
}

static inline void zbb_obs_full(zb_dataset *ds, const char *region, const char *ind, int year,
                                double value, zb_status status, const char *raw)
{
    long r = zb_ds_region(ds, region), i = zb_ds_indicator(ds, ind);
    assert_true(r >= 0);
    assert_true(i >= 0);
    assert_true(zb_obs_add(&ds->obs, (int32_t)r, (int32_t)i, year, value, status, 0,
                           raw ? zbb_str(ds, raw) : 0, 0, (uint32_t)ds->obs.count + 2, NULL) >= 0);
}

static inline void zbb_obs(zb_dataset *ds, const char *region, const char *ind, int year, double value)
{
    zbb_obs_full(ds, region, ind, year, value, ZB_STATUS_ACTUAL, NULL);
}

static inline void zbb_index(zb_dataset *ds)
{
    assert_int_equal(zb_obs_build_index(&ds->obs, ds->regions.count, ds->indicators.count), 0);
}

#endif
