#include "zb_write.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "zb_lang.h"
#include "zb_outfile.h"

void zb_write_number(char *buf, size_t len, double v)
{
    if (isnan(v)) {
        snprintf(buf, len, "%s", "");
        return;
    }
    for (int prec = 1; prec <= 17; prec++) {
        snprintf(buf, len, "%.*g", prec, v);
        if (strtod(buf, NULL) == v)
            break;
    }
    /* %g may choose an exponent (1e+06); plan tables never print one. */
    if (strchr(buf, 'e') && fabs(v) < 1e15) {
        snprintf(buf, len, "%.6f", v);
        char *dot = strchr(buf, '.');
        if (dot) {
            char *end = buf + strlen(buf) - 1;
            while (end > dot && *end == '0')
                *end-- = '\0';
            if (end == dot)
                *end = '\0';
        }
    }
}

/* One CSV field: quoted when it holds a comma, a quote, a line break or
 * spaces at either end. */
static void field(FILE *f, const char *s, int last)
{
    size_t n = strlen(s);
    int quote = strpbrk(s, ",\"\r\n") != NULL || (n && (s[0] == ' ' || s[n - 1] == ' '));
    if (quote) {
        fputc('"', f);
        for (; *s; s++) {
            if (*s == '"')
                fputc('"', f);
            fputc(*s, f);
        }
        fputc('"', f);
    } else {
        fputs(s, f);
    }
    fputc(last ? '\n' : ',', f);
}

static void row(FILE *f, const char *const *cells, size_t n)
{
    for (size_t i = 0; i < n; i++)
        field(f, cells[i] ? cells[i] : "", i + 1 == n);
}

typedef void (*write_fn)(const zb_dataset *ds, FILE *f);

static void write_regions(const zb_dataset *ds, FILE *f)
{
    static const char *const head[] = {"code", "name", "level", "parent", "name_en", "source"};
    row(f, head, 6);
    for (size_t i = 0; i < ds->regions.count; i++) {
        const zb_region *r = &ds->regions.items[i];
        const char *cells[] = {zb_ds_str(ds, r->code), zb_ds_str(ds, r->name), zb_level_name(r->level),
                               r->parent >= 0 ? zb_ds_str(ds, ds->regions.items[r->parent].code)
                                              : zb_ds_str(ds, r->parent_code),
                               zb_ds_str(ds, r->name_en), zb_ds_str(ds, r->source)};
        row(f, cells, 6);
    }
}

static void write_indicators(const zb_dataset *ds, FILE *f)
{
    static const char *const head[] = {"code", "name", "name_en", "unit", "category", "attribute", "kind",
                                       "aggregation", "direction", "decimals", "source", "note"};
    row(f, head, 12);
    for (size_t i = 0; i < ds->indicators.count; i++) {
        const zb_indicator *ind = &ds->indicators.items[i];
        char agg[256] = "", dec[16];
        if (ind->agg_given)
            zb_aggregation_format(&ind->agg, ds->strs, agg, sizeof agg);
        snprintf(dec, sizeof dec, "%d", ind->decimals < 0 ? 2 : ind->decimals);
        const char *cells[] = {zb_ds_str(ds, ind->code), zb_ds_str(ds, ind->name), zb_ds_str(ds, ind->name_en),
                               zb_ds_str(ds, ind->unit), zb_ds_str(ds, ind->category),
                               zb_attribute_name(ind->attribute), zb_kind_name(ind->kind), agg,
                               zb_direction_name(ind->direction), dec, zb_ds_str(ds, ind->source),
                               zb_ds_str(ds, ind->note)};
        row(f, cells, 12);
    }
}

static void write_observations(const zb_dataset *ds, FILE *f)
{
    static const char *const head[] = {"region", "indicator", "year", "value", "status", "raw", "source", "note"};
    row(f, head, 8);
    const zb_obs *o = &ds->obs;
    for (size_t i = 0; i < o->count; i++) {
        char year[16], value[64];
        snprintf(year, sizeof year, "%d", o->year[i]);
        zb_write_number(value, sizeof value, o->value[i]);
        const char *cells[] = {zb_ds_str(ds, ds->regions.items[o->region[i]].code),
                               zb_ds_str(ds, ds->indicators.items[o->indicator[i]].code), year, value,
                               zb_status_name((zb_status)o->status[i]), zb_ds_str(ds, o->raw[i]),
                               zb_ds_str(ds, o->source[i]), zb_ds_str(ds, o->note[i])};
        row(f, cells, 8);
    }
}

static void write_targets(const zb_dataset *ds, FILE *f)
{
    static const char *const head[] = {"plan", "plan_name", "region", "indicator", "base_year", "base_text",
                                       "base_value", "target_year", "target_text", "growth_text",
                                       "achieved_text", "achieved_growth_text", "attribute", "source", "note"};
    row(f, head, 15);
    for (size_t i = 0; i < ds->targets.count; i++) {
        const zb_target *t = &ds->targets.items[i];
        char by[16] = "", ty[16], bv[64] = "";
        if (t->base_year)
            snprintf(by, sizeof by, "%d", t->base_year);
        snprintf(ty, sizeof ty, "%d", t->target_year);
        if (t->base_corrected)
            zb_write_number(bv, sizeof bv, t->base_value);
        const char *cells[] = {zb_ds_str(ds, t->plan), zb_ds_str(ds, t->plan_name),
                               zb_ds_str(ds, ds->regions.items[t->region].code),
                               zb_ds_str(ds, ds->indicators.items[t->indicator].code), by,
                               zb_ds_str(ds, t->base_text), bv, ty, zb_ds_str(ds, t->target_text),
                               zb_ds_str(ds, t->growth_text), zb_ds_str(ds, t->achieved_text),
                               zb_ds_str(ds, t->achieved_growth_text), zb_attribute_name(t->attribute),
                               zb_ds_str(ds, t->source), zb_ds_str(ds, t->note)};
        row(f, cells, 15);
    }
}

static int write_one(const zb_dataset *ds, const char *dir, const char *name, write_fn fn, char *err,
                     size_t errlen)
{
    char path[4096];
    if (snprintf(path, sizeof path, "%s/%s", dir, name) >= (int)sizeof path) {
        snprintf(err, errlen, ZB_T("路径太长：%s", "path too long: %s"), dir);
        return -1;
    }
    zb_outfile *o = zb_outfile_open(path, err, errlen);
    if (!o)
        return -1;
    fn(ds, zb_outfile_stream(o));
    if (ferror(zb_outfile_stream(o))) {
        snprintf(err, errlen, ZB_T("写入 %s 失败：%s", "writing %s failed: %s"), path, zb_write_strerror(errno));
        zb_outfile_abort(o);
        return -1;
    }
    return zb_outfile_commit(o, err, errlen);
}

int zb_dataset_write(const zb_dataset *ds, const char *dir, char *err, size_t errlen)
{
    if (write_one(ds, dir, "regions.csv", write_regions, err, errlen) != 0 ||
        write_one(ds, dir, "indicators.csv", write_indicators, err, errlen) != 0)
        return -1;
    if (ds->obs.count && write_one(ds, dir, "observations.csv", write_observations, err, errlen) != 0)
        return -1;
    if (ds->targets.count && write_one(ds, dir, "targets.csv", write_targets, err, errlen) != 0)
        return -1;
    return 0;
}
