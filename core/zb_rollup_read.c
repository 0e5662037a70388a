/* The reading side of zb_rollup: finding a cell, its gap, shares and
 * missing children, and the names of policies and origins. */
#include "zb_rollup.h"

#include "zb_lang.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void zb_rollup_free(zb_rollup *r)
{
    if (!r)
        return;
    free(r->cells);
    free(r->shares);
    free(r->missing);
    free(r->selected);
    free(r->total);
    free(r->pslot);
    free(r->islot);
    free(r->at);
    free(r);
}

/* ---- reading the result ---- */

const zb_rollup_cell *zb_rollup_find(const zb_rollup *r, long region, long indicator, int year)
{
    if (!r || !r->at || region < 0 || (size_t)region >= r->nregions || indicator < 0 ||
        (size_t)indicator >= r->nindicators || year < r->year_min ||
        (size_t)(year - r->year_min) >= r->nyears)
        return NULL;
    int32_t ps = r->pslot[region], is = r->islot[indicator];
    if (ps < 0 || is < 0)
        return NULL;
    uint32_t k = r->at[((size_t)is * r->nparents + (size_t)ps) * r->nyears + (size_t)(year - r->year_min)];
    return k ? &r->cells[k - 1] : NULL;
}

double zb_rollup_upward(const zb_rollup_cell *c)
{
    switch ((zb_rollup_origin)c->origin) {
    case ZB_ORIGIN_COMPUTED:
    case ZB_ORIGIN_PARTIAL: return c->value;
    case ZB_ORIGIN_REPORTED: return c->reported;
    default: return NAN;
    }
}

const double *zb_rollup_shares(const zb_rollup *r, const zb_rollup_cell *c, int reported)
{
    if (!c->nshares)
        return NULL;
    if (reported ? !c->has_reported : isnan(r->shares[c->shares_at]))
        return NULL;
    return r->shares + c->shares_at + (reported ? c->nshares : 0);
}

int zb_rollup_gap(const zb_rollup *r, const zb_rollup_cell *c, double *abs, double *rel)
{
    *abs = *rel = NAN;
    if (c->nshares) {
        const double *mine = zb_rollup_shares(r, c, 0), *theirs = zb_rollup_shares(r, c, 1);
        if (!mine || !theirs)
            return 0;
        double worst = 0;
        for (uint8_t j = 0; j < c->nshares; j++)
            if (fabs(mine[j] - theirs[j]) > fabs(worst))
                worst = mine[j] - theirs[j];
        *abs = worst;
        return 1;
    }
    if (isnan(c->value) || isnan(c->reported))
        return 0;
    *abs = c->value - c->reported;
    *rel = c->reported != 0 ? *abs / fabs(c->reported) : NAN;
    return 1;
}

void zb_rollup_format_shares(const zb_rollup *r, const zb_rollup_cell *c, int reported, int decimals,
                             char *buf, size_t len)
{
    const double *s = zb_rollup_shares(r, c, reported);
    size_t used = 0;
    if (len)
        buf[0] = '\0';
    for (uint8_t j = 0; s && j < c->nshares && used < len; j++)
        used += (size_t)snprintf(buf + used, len - used, "%s%.*f", j ? ":" : "", decimals, s[j]);
}

const int32_t *zb_rollup_missing(const zb_rollup *r, const zb_rollup_cell *c, size_t *n)
{
    *n = c->total > c->n ? c->total - c->n : 0;
    return *n ? r->missing + c->missing_at : NULL;
}

static const char *const policy_names[ZB_POLICY_COUNT] = {"partial", "missing", "skip"};

int zb_rollup_policy_parse(const char *s)
{
    for (int i = 0; i < ZB_POLICY_COUNT; i++)
        if (strcmp(s, policy_names[i]) == 0)
            return i;
    return -1;
}

const char *zb_rollup_policy_name(zb_rollup_policy p) { return p < ZB_POLICY_COUNT ? policy_names[p] : "?"; }

const char *zb_rollup_origin_name(zb_rollup_origin o)
{
    static const char *const names[] = {"computed", "reported", "partial", "none"};
    return (unsigned)o < 4 ? names[o] : "?";
}

const char *zb_rollup_origin_label(zb_rollup_origin o)
{
    switch (o) {
    case ZB_ORIGIN_COMPUTED: return ZB_T("汇总", "computed");
    case ZB_ORIGIN_REPORTED: return ZB_T("上报", "reported");
    case ZB_ORIGIN_PARTIAL: return ZB_T("部分汇总", "partial");
    default: return ZB_T("无", "none");
    }
}
