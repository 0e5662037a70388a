#include "zb_rollup_view.h"

#include "zb_lang.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Interns every string of src into dst in id order, so that each keeps its
 * id: the copied regions, indicators and rows then need no translation. */
static int clone_strings(zb_strtab *dst, const zb_strtab *src)
{
    size_t n = zb_strtab_count(src);
    for (size_t id = 1; id <= n; id++) {
        const char *s = zb_strtab_get(src, (uint32_t)id);
        if (zb_strtab_intern(dst, s, strlen(s)) != (uint32_t)id)
            return -1;
    }
    return 0;
}

static int copy_tables(zb_dataset *v, const zb_dataset *ds)
{
    for (size_t i = 0; i < ds->regions.count; i++) {
        if (zb_regions_add(&v->regions, &ds->regions.items[i], NULL) != (long)i)
            return -1;
        v->regions.items[i] = ds->regions.items[i]; /* links as they were */
    }
    for (size_t i = 0; i < ds->indicators.count; i++)
        if (zb_indicators_add(&v->indicators, &ds->indicators.items[i], NULL) != (long)i)
            return -1;
    for (size_t i = 0; i < ds->targets.count; i++)
        if (zb_targets_add(&v->targets, &ds->targets.items[i]) < 0)
            return -1;
    v->settings = ds->settings;
    if (ds->dir) {
        v->dir = strdup(ds->dir);
        if (!v->dir)
            return -1;
    }
    return 0;
}

static int copy_row(zb_dataset *v, const zb_obs *o, size_t row)
{
    return zb_obs_add(&v->obs, o->region[row], o->indicator[row], o->year[row], o->value[row],
                      (zb_status)o->status[row], o->source[row], o->raw[row], o->note[row], zb_obs_line(o, row),
                      NULL) < 0 ? -1 : 0;
}

static uint32_t intern(zb_dataset *v, const char *s)
{
    return zb_strtab_intern(v->strs, s, strlen(s));
}

/* The row a parent cell becomes.  base_row: the parent's own row, or -1. */
static int cell_row(zb_dataset *v, const zb_dataset *ds, const zb_rollup *r, const zb_rollup_cell *c,
                    long base_row)
{
    if (c->origin == ZB_ORIGIN_REPORTED && base_row >= 0)
        return copy_row(v, &ds->obs, (size_t)base_row);
    const zb_indicator *ind = &ds->indicators.items[c->indicator];
    char buf[256], rep[96] = "";
    snprintf(buf, sizeof buf, "rollup %s %u/%u", zb_agg_rule_name(ind->agg.rule), c->n, c->total);
    uint32_t source = intern(v, buf);
    uint32_t raw = 0;
    if (c->nshares) {
        zb_rollup_format_shares(r, c, 0, ind->decimals, buf, sizeof buf);
        raw = buf[0] ? intern(v, buf) : 0;
        if (c->has_reported)
            zb_rollup_format_shares(r, c, 1, ind->decimals, rep, sizeof rep);
    } else if (c->has_reported) {
        snprintf(rep, sizeof rep, "%.*f", ind->decimals, c->reported);
    }
    if (c->origin == ZB_ORIGIN_NONE)
        snprintf(buf, sizeof buf, ZB_T("下级不全（%u/%u），不计算", "children incomplete (%u/%u): not computed"), c->n,
                 c->total);
    else if (c->partial)
        snprintf(buf, sizeof buf, ZB_T("部分汇总（%u/%u）", "partial (%u/%u)"), c->n, c->total);
    else
        buf[0] = '\0';
    if (rep[0]) {
        size_t used = strlen(buf);
        snprintf(buf + used, sizeof buf - used, ZB_T("%s上报值 %s", "%sreported %s"),
                 used ? ZB_T("；", "; ") : "", rep);
    }
    uint32_t note = buf[0] ? intern(v, buf) : 0;
    if (source == UINT32_MAX || raw == UINT32_MAX || note == UINT32_MAX)
        return -1;
    double value = c->origin == ZB_ORIGIN_NONE ? NAN : c->value;
    return zb_obs_add(&v->obs, c->region, c->indicator, c->year, value, (zb_status)c->status, source, raw,
                      note, 0, NULL) < 0 ? -1 : 0;
}

static int copy_observations(zb_dataset *v, const zb_dataset *ds, const zb_rollup *r)
{
    const zb_obs *o = &ds->obs;
    uint8_t *written = calloc(r->count ? r->count : 1, 1);
    if (!written || zb_idmap_reserve(&v->obs.cell, o->count + r->count) != 0) {
        free(written);
        return -1;
    }
    for (size_t row = 0; row < o->count; row++) {
        int32_t ind = o->indicator[row];
        int year = o->year[row];
        if (!r->selected[ind] || year < r->year_from || year > r->year_to)
            continue;
        const zb_rollup_cell *c = zb_rollup_find(r, o->region[row], ind, year);
        int rc;
        if (c) {
            written[c - r->cells] = 1;
            rc = cell_row(v, ds, r, c, (long)row);
        } else {
            rc = copy_row(v, o, row);
        }
        if (rc != 0) {
            free(written);
            return -1;
        }
    }
    /* Parents without a row of their own come after the file's rows. */
    for (size_t k = 0; k < r->count; k++)
        if (!written[k] && cell_row(v, ds, r, &r->cells[k], -1) != 0) {
            free(written);
            return -1;
        }
    free(written);
    return zb_obs_build_index(&v->obs, v->regions.count, v->indicators.count);
}

zb_dataset *zb_rollup_view(const zb_dataset *ds, const zb_rollup *r, char *err, size_t errlen)
{
    zb_dataset *v = zb_dataset_new();
    if (!v || clone_strings(v->strs, ds->strs) != 0 || copy_tables(v, ds) != 0 ||
        copy_observations(v, ds, r) != 0) {
        zb_dataset_free(v);
        snprintf(err, errlen, "%s", ZB_T("内存不足", "out of memory"));
        return NULL;
    }
    v->settings.rollup_zones = r->zones;
    return v;
}
