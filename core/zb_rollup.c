#include "zb_rollup.h"

#include "zb_lang.h"
#include "zb_spec.h"

#include <math.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { PREFETCH_AHEAD = 32 };

/* Per-cell flags of the dense arrays: the worst status as bits (so that
 * merging is an OR) and whether the figure is partial. */
enum { ST_PRELIM = 1, ST_ESTIMATE = 2, ST_STATUS = 3, ST_PARTIAL = 4 };

static uint8_t status_bits(uint8_t status)
{
    return status == ZB_STATUS_PRELIMINARY ? ST_PRELIM : status == ZB_STATUS_ESTIMATE ? ST_ESTIMATE : 0;
}

static uint8_t status_of_bits(uint8_t bits)
{
    return (bits & ST_ESTIMATE) ? ZB_STATUS_ESTIMATE : (bits & ST_PRELIM) ? ZB_STATUS_PRELIMINARY : ZB_STATUS_ACTUAL;
}

/* An indicator's upward values for every region and year. */
typedef struct layer {
    double *up;   /* R x Y, NaN when none */
    uint8_t *st;  /* R x Y status bits | ST_PARTIAL */
} layer;

typedef struct ctx {
    const zb_dataset *ds;
    zb_rollup *r;
    size_t R, Y, P;
    int32_t *order;        /* parent slots, deepest first */
    int32_t *slot_region;  /* parent slot -> region */
    uint32_t *kid_off;     /* parent slot -> first of its counted children in kids */
    int32_t *kids;
    layer *layers;         /* per indicator; an operand's points into the slabs */
    double *operand_up;    /* one R x Y block per operand, together */
    uint8_t *operand_st;
    uint8_t *is_operand, *done;
    const uint8_t *status; /* the store's status column; NULL when every row is actual */
    layer scratch;
    double *rep;           /* P x Y: the parent's own value */
    uint32_t *reprow;      /* P x Y: its row + 1, 0 when none */
    double *compv;         /* P x Y: computed value */
    uint32_t *cn;          /* P x Y: children that entered */
    uint8_t *cfl;          /* P x Y: status bits | ST_PARTIAL, origin << 3 */
    double *cshares;       /* P x Y x ZB_AGG_MAX_OPERANDS (structures) */
    double *a0, *a1;       /* Y: accumulators */
    double *ak;            /* ZB_AGG_MAX_OPERANDS x Y */
    uint32_t *cnt;         /* Y */
    uint8_t *fl;           /* Y */
    int oom;
    char *err;
    size_t errlen;
} ctx;

/* A row's status bits, without reading a status column never written
 * (16 MB of untouched pages in a national panel, a fault per 4 KiB). */
static uint8_t row_status(const ctx *c, uint32_t row)
{
    return c->status ? status_bits(c->status[row]) : 0;
}

void zb_rollup_options_init(zb_rollup_options *o)
{
    memset(o, 0, sizeof *o);
    o->policy = ZB_POLICY_PARTIAL;
    o->zones = -1;
}

static void *xmalloc(ctx *c, size_t n, size_t size)
{
    if (c->oom)
        return NULL;
    void *p = malloc((n ? n : 1) * size);
    if (!p)
        c->oom = 1;
    return p;
}

static void fill_nan(double *a, size_t n)
{
    for (size_t i = 0; i < n; i++)
        a[i] = NAN;
}

static int layer_alloc(ctx *c, layer *l)
{
    l->up = xmalloc(c, c->R * c->Y, sizeof *l->up);
    l->st = xmalloc(c, c->R * c->Y, sizeof *l->st);
    return c->oom ? -1 : 0;
}

static void layer_free(layer *l)
{
    free(l->up);
    free(l->st);
    l->up = NULL;
    l->st = NULL;
}

/* ---- result growth (amortised; never per row of the store) ---- */

static zb_rollup_cell *new_cell(ctx *c)
{
    zb_rollup *r = c->r;
    if (r->count == r->cap) {
        size_t cap = r->cap ? r->cap * 2 : 256;
        zb_rollup_cell *cells = realloc(r->cells, cap * sizeof *cells);
        if (!cells) {
            c->oom = 1;
            return NULL;
        }
        r->cells = cells;
        r->cap = cap;
    }
    zb_rollup_cell *cell = &r->cells[r->count++];
    memset(cell, 0, sizeof *cell);
    return cell;
}

static double *new_shares(ctx *c, size_t n)
{
    zb_rollup *r = c->r;
    if (r->nshares + n > r->shares_cap) {
        size_t cap = r->shares_cap ? r->shares_cap * 2 : 64;
        while (cap < r->nshares + n)
            cap *= 2;
        double *s = realloc(r->shares, cap * sizeof *s);
        if (!s) {
            c->oom = 1;
            return NULL;
        }
        r->shares = s;
        r->shares_cap = cap;
    }
    double *at = r->shares + r->nshares;
    r->nshares += n;
    return at;
}

static int add_missing(ctx *c, int32_t region)
{
    zb_rollup *r = c->r;
    if (r->nmissing == r->missing_cap) {
        size_t cap = r->missing_cap ? r->missing_cap * 2 : 64;
        int32_t *m = realloc(r->missing, cap * sizeof *m);
        if (!m) {
            c->oom = 1;
            return -1;
        }
        r->missing = m;
        r->missing_cap = cap;
    }
    r->missing[r->nmissing++] = region;
    return 0;
}

/* ---- the hierarchy: which children count, parents deepest first ---- */

static int counts_towards_parent(const zb_region *rg, zb_zones zones)
{
    return rg->parent >= 0 && !(rg->level == ZB_LEVEL_ZONE && zones == ZB_ZONES_EXCLUDE);
}

static int build_hierarchy(ctx *c)
{
    const zb_regions *rs = &c->ds->regions;
    zb_rollup *r = c->r;
    size_t R = c->R;
    for (size_t i = 0; i < R; i++)
        r->total[i] = 0;
    for (size_t i = 0; i < R; i++)
        if (counts_towards_parent(&rs->items[i], r->zones))
            r->total[rs->items[i].parent]++;
    size_t P = 0;
    for (size_t i = 0; i < R; i++)
        r->pslot[i] = r->total[i] ? (int32_t)P++ : -1;
    c->P = r->nparents = P;
    c->slot_region = xmalloc(c, P, sizeof *c->slot_region);
    c->kid_off = xmalloc(c, P + 1, sizeof *c->kid_off);
    c->kids = xmalloc(c, R, sizeof *c->kids);
    c->order = xmalloc(c, P, sizeof *c->order);
    int *depth = xmalloc(c, R, sizeof *depth);
    if (c->oom) {
        free(depth);
        return -1;
    }
    c->kid_off[0] = 0;
    for (size_t i = 0; i < R; i++)
        if (r->pslot[i] >= 0) {
            c->slot_region[r->pslot[i]] = (int32_t)i;
            c->kid_off[r->pslot[i] + 1] = r->total[i];
        }
    for (size_t p = 0; p < P; p++)
        c->kid_off[p + 1] += c->kid_off[p];
    /* Children in file order: a stable fill. */
    uint32_t *next = xmalloc(c, P, sizeof *next);
    if (!next) {
        free(depth);
        return -1;
    }
    memcpy(next, c->kid_off, P * sizeof *next);
    int maxdepth = 0;
    for (size_t i = 0; i < R; i++) {
        const zb_region *rg = &rs->items[i];
        if (counts_towards_parent(rg, r->zones))
            c->kids[next[r->pslot[rg->parent]]++] = (int32_t)i;
        /* The parent links were checked for cycles when the regions were
         * linked; the step limit only guards a hand-built store. */
        int d = 0;
        for (long up = rg->parent; up >= 0 && (size_t)d <= R; up = rs->items[up].parent)
            d++;
        depth[i] = d;
        if (d > maxdepth)
            maxdepth = d;
    }
    free(next);
    /* Deepest first, so that every child is final before its parent. */
    size_t k = 0;
    for (int d = maxdepth; d >= 0; d--)
        for (size_t p = 0; p < P; p++)
            if (depth[c->slot_region[p]] == d)
                c->order[k++] = (int32_t)p;
    free(depth);
    return 0;
}

/* ---- one indicator ---- */

typedef struct rule_ctx {
    const zb_indicator *ind;
    zb_agg_rule rule;
    layer *self;                            /* the indicator's own layer */
    const layer *op[ZB_AGG_MAX_OPERANDS];   /* its operands' layers */
    uint32_t nop;
    double scale;
} rule_ctx;

/* Adds child k's figures for every year into the accumulators. */
static void accumulate(ctx *c, const rule_ctx *rc, int32_t k)
{
    size_t Y = c->Y, base = (size_t)k * Y;
    const double *v = rc->self->up + base;
    const uint8_t *s = rc->self->st + base;
    double *a0 = c->a0, *a1 = c->a1;
    uint32_t *cnt = c->cnt;
    uint8_t *fl = c->fl;
    switch (rc->rule) {
    case ZB_AGG_SUM:
        for (size_t y = 0; y < Y; y++)
            if (!isnan(v[y])) {
                a0[y] += v[y];
                cnt[y]++;
                fl[y] |= s[y];
            }
        break;
    case ZB_AGG_MIN:
    case ZB_AGG_MAX:
        for (size_t y = 0; y < Y; y++)
            if (!isnan(v[y])) {
                if (cnt[y] == 0 || (rc->rule == ZB_AGG_MIN ? v[y] < a0[y] : v[y] > a0[y]))
                    a0[y] = v[y];
                cnt[y]++;
                fl[y] |= s[y];
            }
        break;
    case ZB_AGG_RATIO: {
        const double *num = rc->op[0]->up + base, *den = rc->op[1]->up + base;
        const uint8_t *sn = rc->op[0]->st + base, *sd = rc->op[1]->st + base;
        for (size_t y = 0; y < Y; y++) {
            if (isnan(den[y]))
                continue;
            if (!isnan(num[y])) {
                a0[y] += num[y];
                fl[y] |= sn[y] | sd[y];
            } else if (!isnan(v[y])) {
                a0[y] += v[y] * den[y] / rc->scale;
                fl[y] |= s[y] | sd[y];
            } else {
                continue;
            }
            a1[y] += den[y];
            cnt[y]++;
        }
        break;
    }
    case ZB_AGG_WMEAN: {
        const double *w = rc->op[0]->up + base;
        const uint8_t *sw = rc->op[0]->st + base;
        for (size_t y = 0; y < Y; y++)
            if (!isnan(v[y]) && !isnan(w[y])) {
                a0[y] += v[y] * w[y];
                a1[y] += w[y];
                cnt[y]++;
                fl[y] |= s[y] | sw[y];
            }
        break;
    }
    case ZB_AGG_GROWTH: {
        /* The weight of year y is the level of year y - 1. */
        const double *l = rc->op[0]->up + base;
        const uint8_t *sl = rc->op[0]->st + base;
        for (size_t y = 1; y < Y; y++)
            if (!isnan(v[y]) && !isnan(l[y - 1])) {
                a0[y] += v[y] * l[y - 1];
                a1[y] += l[y - 1];
                cnt[y]++;
                fl[y] |= s[y] | sl[y - 1];
            }
        break;
    }
    case ZB_AGG_STRUCTURE:
        for (size_t y = 0; y < Y; y++) {
            uint8_t f = 0;
            uint32_t j;
            for (j = 0; j < rc->nop; j++) {
                if (isnan(rc->op[j]->up[base + y]))
                    break;
                f |= rc->op[j]->st[base + y];
            }
            if (j < rc->nop)
                continue;
            for (j = 0; j < rc->nop; j++)
                c->ak[j * Y + y] += rc->op[j]->up[base + y];
            cnt[y]++;
            fl[y] |= f;
        }
        break;
    default:
        break;
    }
}

/* Did child k's figures enter year y?  The same tests as accumulate, asked
 * again only for the few incomplete cells, to name the missing children. */
static int entered(const rule_ctx *rc, size_t Y, int32_t k, size_t y)
{
    size_t i = (size_t)k * Y + y;
    switch (rc->rule) {
    case ZB_AGG_SUM:
    case ZB_AGG_MIN:
    case ZB_AGG_MAX: return !isnan(rc->self->up[i]);
    case ZB_AGG_RATIO:
        return !isnan(rc->op[1]->up[i]) && (!isnan(rc->op[0]->up[i]) || !isnan(rc->self->up[i]));
    case ZB_AGG_WMEAN: return !isnan(rc->self->up[i]) && !isnan(rc->op[0]->up[i]);
    case ZB_AGG_GROWTH: return y > 0 && !isnan(rc->self->up[i]) && !isnan(rc->op[0]->up[i - 1]);
    case ZB_AGG_STRUCTURE:
        for (uint32_t j = 0; j < rc->nop; j++)
            if (isnan(rc->op[j]->up[i]))
                return 0;
        return 1;
    default: return 0;
    }
}

/* The parent's value for year y from the accumulators; NaN when there is
 * none (no child, or a zero denominator).  Structures write their shares. */
static double finish(ctx *c, const rule_ctx *rc, size_t y, double *shares)
{
    if (c->cnt[y] == 0)
        return NAN;
    switch (rc->rule) {
    case ZB_AGG_SUM:
    case ZB_AGG_MIN:
    case ZB_AGG_MAX: return c->a0[y];
    case ZB_AGG_RATIO: return c->a1[y] != 0 ? c->a0[y] / c->a1[y] * rc->scale : NAN;
    case ZB_AGG_WMEAN:
    case ZB_AGG_GROWTH: return c->a1[y] != 0 ? c->a0[y] / c->a1[y] : NAN;
    case ZB_AGG_STRUCTURE: {
        double total = 0;
        for (uint32_t j = 0; j < rc->nop; j++)
            total += c->ak[j * c->Y + y];
        if (total == 0)
            return NAN;
        for (uint32_t j = 0; j < rc->nop; j++)
            shares[j] = c->ak[j * c->Y + y] / total * 100.0;
        return 0; /* not a value: it marks that the shares exist (cells keep NaN) */
    }
    default: return NAN;
    }
}

/* Rolls one indicator up: its own rows into the dense arrays, then every
 * parent from its children, deepest first. */
static void process(ctx *c, const rule_ctx *rc)
{
    const zb_obs *o = &c->ds->obs;
    zb_rollup *r = c->r;
    size_t Y = c->Y, P = c->P;
    layer *L = rc->self;
    fill_nan(L->up, c->R * Y);
    memset(L->st, 0, c->R * Y);
    fill_nan(c->rep, P * Y);
    memset(c->reprow, 0, P * Y * sizeof *c->reprow);
    size_t nrows;
    const uint32_t *rows = zb_obs_rows_for_indicator(o, (int32_t)(rc->ind - c->ds->indicators.items), &nrows);
    for (size_t k = 0; k < nrows; k++) {
        uint32_t row = rows[k];
#if defined(__GNUC__)
        /* The rows of one indicator are spread over the store; asking for
         * a later row's cells early keeps several memory reads in flight. */
        if (k + PREFETCH_AHEAD < nrows) {
            uint32_t ahead = rows[k + PREFETCH_AHEAD];
            __builtin_prefetch(&o->value[ahead]);
            __builtin_prefetch(&o->region[ahead]);
            __builtin_prefetch(&o->year[ahead]);
            if (c->status)
                __builtin_prefetch(&c->status[ahead]);
        }
#endif
        int32_t reg = o->region[row];
        size_t y = (size_t)(o->year[row] - r->year_min);
        int32_t ps = r->pslot[reg];
        if (ps >= 0) {
            c->rep[(size_t)ps * Y + y] = o->value[row];
            c->reprow[(size_t)ps * Y + y] = row + 1;
        } else {
            L->up[(size_t)reg * Y + y] = o->value[row];
            L->st[(size_t)reg * Y + y] = row_status(c, row);
        }
    }
    int structure = rc->rule == ZB_AGG_STRUCTURE;
    for (size_t i = 0; i < P; i++) {
        int32_t ps = c->order[i];
        int32_t reg = c->slot_region[ps];
        size_t pb = (size_t)ps * Y;
        uint32_t total = r->total[reg];
        if (rc->rule == ZB_AGG_NONE) {
            /* Nothing to compute: the parent's own figure goes up as it is. */
            for (size_t y = 0; y < Y; y++) {
                L->up[(size_t)reg * Y + y] = c->rep[pb + y];
                L->st[(size_t)reg * Y + y] = c->reprow[pb + y] ? row_status(c, c->reprow[pb + y] - 1) : 0;
            }
            continue;
        }
        for (size_t y = 0; y < Y; y++)
            c->a0[y] = c->a1[y] = 0;
        memset(c->cnt, 0, Y * sizeof *c->cnt);
        memset(c->fl, 0, Y);
        if (structure)
            memset(c->ak, 0, rc->nop * Y * sizeof *c->ak);
        for (uint32_t k = c->kid_off[ps]; k < c->kid_off[ps + 1]; k++)
            accumulate(c, rc, c->kids[k]);
        for (size_t y = 0; y < Y; y++) {
            double *shares = structure ? c->cshares + (pb + y) * ZB_AGG_MAX_OPERANDS : NULL;
            double v = finish(c, rc, y, shares);
            uint32_t n = c->cnt[y];
            /* Children not all listed (settings.csv regions_complete = no):
             * no parent's figure can be complete, whatever n/total says. */
            int partial = n < total || (c->fl[y] & ST_PARTIAL) || !c->ds->settings.regions_complete;
            double rep = c->rep[pb + y];
            int has_rep = structure ? c->reprow[pb + y] != 0 : !isnan(rep);
            uint8_t origin;
            double up = NAN;
            uint8_t upst = 0;
            if (n > 0 && !partial && !isnan(v)) {
                origin = ZB_ORIGIN_COMPUTED;
                up = v;
                upst = c->fl[y] & ST_STATUS;
            } else if (has_rep) {
                origin = ZB_ORIGIN_REPORTED;
                up = rep;
                upst = row_status(c, c->reprow[pb + y] - 1);
            } else if (n > 0 && !isnan(v) && r->policy == ZB_POLICY_PARTIAL) {
                origin = ZB_ORIGIN_PARTIAL;
                up = v;
                upst = (uint8_t)((c->fl[y] & ST_STATUS) | ST_PARTIAL);
            } else {
                origin = ZB_ORIGIN_NONE;
            }
            if (!structure) {
                L->up[(size_t)reg * Y + y] = up;
                L->st[(size_t)reg * Y + y] = upst;
            }
            c->compv[pb + y] = partial && r->policy != ZB_POLICY_PARTIAL ? NAN : v;
            c->cn[pb + y] = n;
            c->cfl[pb + y] = (uint8_t)((c->fl[y] & ST_STATUS) | (partial ? ST_PARTIAL : 0) | (origin << 3));
        }
    }
}

/* Reads a reported structure ("18.7:25.5:55.8") from the row's printed text. */
static int reported_shares(const zb_dataset *ds, uint32_t row, uint32_t k, double *out)
{
    const char *text = zb_ds_str(ds, ds->obs.raw[row]);
    zb_spec sp;
    char err[128];
    size_t col;
    if (!*text || zb_spec_parse(text, &sp, err, sizeof err, &col) != 0 || sp.form != ZB_SPEC_RATIO ||
        sp.nparts != (int)k)
        return 0;
    for (uint32_t j = 0; j < k; j++)
        out[j] = sp.parts[j];
    return 1;
}

/* Writes the cells of one indicator: parents in file order, years in range. */
static void emit(ctx *c, const rule_ctx *rc)
{
    zb_rollup *r = c->r;
    size_t Y = c->Y;
    int32_t ind = (int32_t)(rc->ind - c->ds->indicators.items);
    if (r->year_to < r->year_from)
        return;
    size_t y0 = (size_t)(r->year_from - r->year_min), y1 = (size_t)(r->year_to - r->year_min);
    int structure = rc->rule == ZB_AGG_STRUCTURE;
    for (size_t ps = 0; ps < c->P && !c->oom; ps++) {
        int32_t reg = c->slot_region[ps];
        for (size_t y = y0; y <= y1 && y < Y; y++) {
            size_t i = ps * Y + y;
            uint32_t n = c->cn[i];
            int partial = (c->cfl[i] & ST_PARTIAL) != 0;
            if (n == 0 || (partial && r->policy == ZB_POLICY_SKIP))
                continue;
            zb_rollup_cell *cell = new_cell(c);
            if (!cell)
                return;
            cell->region = reg;
            cell->indicator = ind;
            cell->year = (int16_t)(r->year_min + (int)y);
            cell->n = n;
            cell->total = r->total[reg];
            cell->partial = (uint8_t)partial;
            cell->status = status_of_bits(c->cfl[i] & ST_STATUS);
            cell->origin = (uint8_t)(c->cfl[i] >> 3);
            cell->value = structure ? NAN : c->compv[i];
            cell->reported = structure ? NAN : c->rep[i];
            cell->has_reported = structure ? c->reprow[i] != 0 : !isnan(c->rep[i]);
            if (structure) {
                cell->nshares = (uint8_t)rc->nop;
                cell->shares_at = (uint32_t)r->nshares;
                double *sh = new_shares(c, 2 * (size_t)rc->nop);
                if (!sh)
                    return;
                for (uint32_t j = 0; j < rc->nop; j++) {
                    sh[j] = isnan(c->compv[i]) ? NAN : c->cshares[i * ZB_AGG_MAX_OPERANDS + j];
                    sh[rc->nop + j] = NAN;
                }
                if (cell->has_reported && !reported_shares(c->ds, c->reprow[i] - 1, rc->nop, sh + rc->nop))
                    cell->has_reported = 0; /* its text is not a k-part structure */
            }
            cell->missing_at = (uint32_t)r->nmissing;
            if (n < cell->total)
                for (uint32_t k = c->kid_off[ps]; k < c->kid_off[ps + 1]; k++)
                    if (!entered(rc, Y, c->kids[k], y) && add_missing(c, c->kids[k]) != 0)
                        return;
        }
    }
}

/* ---- the run ---- */

static int fail(ctx *c, const char *msg)
{
    if (c->err && c->errlen)
        snprintf(c->err, c->errlen, "%s", msg);
    return -1;
}

static int check_rule(ctx *c, const zb_indicator *ind)
{
    const zb_indicators *is = &c->ds->indicators;
    for (uint32_t k = 0; k < ind->agg.noperands; k++) {
        int32_t op = ind->agg.operand[k];
        if (op < 0 || (size_t)op >= is->count || is->items[op].agg.noperands > 0) {
            if (c->err && c->errlen)
                snprintf(c->err, c->errlen,
                         ZB_T("指标 %s 的汇总规则引用的“%s”不能使用：应为已链接的总量指标（先运行 zhibiao validate）",
                              "the rule of indicator %s refers to '%s', which cannot be used: expected a linked level indicator (run zhibiao validate)"),
                         zb_ds_str(c->ds, ind->code), zb_ds_str(c->ds, ind->agg.operand_code[k]));
            return -1;
        }
    }
    return 0;
}

static int run_indicator(ctx *c, int32_t i);

/* The layer an indicator's figures go to: its own when others need it. */
static layer *layer_for(ctx *c, int32_t i)
{
    if (!c->is_operand[i])
        return &c->scratch;
    return c->layers[i].up ? &c->layers[i] : NULL;
}

static int run_indicator(ctx *c, int32_t i)
{
    if (c->done[i])
        return 0;
    c->done[i] = 1;
    const zb_indicator *ind = &c->ds->indicators.items[i];
    rule_ctx rc;
    memset(&rc, 0, sizeof rc);
    rc.ind = ind;
    rc.rule = ind->agg.rule;
    rc.scale = ind->agg.scale;
    rc.nop = ind->agg.noperands;
    if (check_rule(c, ind) != 0)
        return -1;
    /* Operands first: they are levels without operands of their own, so
     * this recursion is one step deep. */
    for (uint32_t k = 0; k < rc.nop; k++) {
        if (run_indicator(c, ind->agg.operand[k]) != 0)
            return -1;
        rc.op[k] = &c->layers[ind->agg.operand[k]];
    }
    rc.self = layer_for(c, i);
    if (!rc.self)
        return -1;
    process(c, &rc);
    if (rc.rule != ZB_AGG_NONE)
        emit(c, &rc);
    return c->oom ? -1 : 0;
}

/* Cells come out in processing order, where an operand listed after its
 * indicator goes first; put them back in dataset order, then index them. */
static int index_cells(ctx *c, const int32_t *proc_order, size_t nproc, const size_t *start,
                       const size_t *count)
{
    zb_rollup *r = c->r;
    int sorted = 1;
    for (size_t k = 1; k < nproc; k++)
        if (proc_order[k] < proc_order[k - 1])
            sorted = 0;
    if (!sorted && r->count) {
        zb_rollup_cell *cells = malloc(r->count * sizeof *cells);
        if (!cells)
            return -1;
        size_t at = 0;
        for (size_t i = 0; i < r->nindicators; i++)
            if (count[i]) {
                memcpy(cells + at, r->cells + start[i], count[i] * sizeof *cells);
                at += count[i];
            }
        free(r->cells);
        r->cells = cells;
        r->cap = r->count;
    }
    size_t grid = r->nselected * r->nparents * r->nyears;
    r->at = calloc(grid ? grid : 1, sizeof *r->at);
    if (!r->at)
        return -1;
    for (size_t k = 0; k < r->count; k++) {
        const zb_rollup_cell *cell = &r->cells[k];
        size_t g = ((size_t)r->islot[cell->indicator] * r->nparents + (size_t)r->pslot[cell->region]) * r->nyears +
                   (size_t)(cell->year - r->year_min);
        r->at[g] = (uint32_t)k + 1;
    }
    return 0;
}

/* One thread's dense working arrays (P x Y, Y) and its scratch layer;
 * structure shares only when a structure is rolled up.  On failure c->oom
 * is set; scratch_free frees whatever was made. */
static void scratch_alloc(ctx *c, int structures)
{
    size_t P = c->P, Y = c->Y;
    c->rep = xmalloc(c, P * Y, sizeof *c->rep);
    c->reprow = xmalloc(c, P * Y, sizeof *c->reprow);
    c->compv = xmalloc(c, P * Y, sizeof *c->compv);
    c->cn = xmalloc(c, P * Y, sizeof *c->cn);
    c->cfl = xmalloc(c, P * Y, sizeof *c->cfl);
    c->a0 = xmalloc(c, Y, sizeof *c->a0);
    c->a1 = xmalloc(c, Y, sizeof *c->a1);
    c->ak = xmalloc(c, ZB_AGG_MAX_OPERANDS * Y, sizeof *c->ak);
    c->cnt = xmalloc(c, Y, sizeof *c->cnt);
    c->fl = xmalloc(c, Y, sizeof *c->fl);
    if (structures)
        c->cshares = xmalloc(c, P * Y * ZB_AGG_MAX_OPERANDS, sizeof *c->cshares);
    if (!c->oom)
        layer_alloc(c, &c->scratch);
}

static void scratch_free(ctx *c)
{
    free(c->rep);
    free(c->reprow);
    free(c->compv);
    free(c->cn);
    free(c->cfl);
    free(c->cshares);
    free(c->a0);
    free(c->a1);
    free(c->ak);
    free(c->cnt);
    free(c->fl);
    layer_free(&c->scratch);
}

static void ctx_free(ctx *c)
{
    free(c->layers);
    free(c->operand_up);
    free(c->operand_st);
    scratch_free(c);
    free(c->order);
    free(c->slot_region);
    free(c->kid_off);
    free(c->kids);
    free(c->is_operand);
    free(c->done);
}

/* The result's frame: policy, zones, years, and the per-region and
 * per-indicator arrays.  Returns -1 with a message when it cannot start. */
static int result_init(ctx *c, const zb_rollup_options *opt)
{
    const zb_dataset *ds = c->ds;
    zb_rollup *r = c->r;
    const size_t I = ds->indicators.count;
    const zb_obs *o = &ds->obs;
    const zb_obs_index *bi = &o->by_indicator;
    if (o->count && (!bi->offsets || bi->n != I || bi->offsets[bi->n] != o->count))
        return fail(c, ZB_T("观测值尚未建立索引（先调用 zb_dataset_finish）",
                            "the observations are not indexed (call zb_dataset_finish first)"));
    c->R = r->nregions = ds->regions.count;
    r->nindicators = I;
    r->policy = opt->policy < ZB_POLICY_COUNT ? opt->policy : ZB_POLICY_PARTIAL;
    r->zones = opt->zones == ZB_ZONES_INCLUDE || opt->zones == ZB_ZONES_EXCLUDE ? (zb_zones)opt->zones
                                                                                : ds->settings.rollup_zones;
    r->year_min = o->count ? o->year_min : 0;
    c->Y = r->nyears = o->count ? (size_t)(o->year_max - o->year_min + 1) : 0;
    int year_max = o->count ? o->year_max : 0;
    r->year_from = opt->year_from > r->year_min ? opt->year_from : r->year_min;
    r->year_to = opt->year_to && opt->year_to < year_max ? opt->year_to : year_max;
    r->selected = xmalloc(c, I, 1);
    r->total = xmalloc(c, c->R, sizeof *r->total);
    r->pslot = xmalloc(c, c->R, sizeof *r->pslot);
    r->islot = xmalloc(c, I, sizeof *r->islot);
    c->is_operand = xmalloc(c, I, 1);
    c->done = xmalloc(c, I, 1);
    c->layers = xmalloc(c, I, sizeof *c->layers);
    if (c->oom)
        return -1;
    memset(r->selected, 0, I);
    memset(c->is_operand, 0, I);
    memset(c->done, 0, I);
    memset(c->layers, 0, I * sizeof *c->layers);
    return 0;
}

/* The selection, closed over the operands of what was asked for. */
static void select_indicators(ctx *c, const zb_rollup_options *opt)
{
    const zb_indicators *is = &c->ds->indicators;
    zb_rollup *r = c->r;
    for (size_t k = 0; k < (opt->indicators ? opt->nindicators : is->count); k++) {
        int32_t i = opt->indicators ? opt->indicators[k] : (int32_t)k;
        if (i < 0 || (size_t)i >= is->count)
            continue;
        r->selected[i] = 1;
        const zb_aggregation *agg = &is->items[i].agg;
        for (uint32_t j = 0; j < agg->noperands; j++)
            if (agg->operand[j] >= 0 && (size_t)agg->operand[j] < is->count)
                r->selected[agg->operand[j]] = c->is_operand[agg->operand[j]] = 1;
    }
    for (size_t i = 0; i < is->count; i++)
        r->islot[i] = r->selected[i] ? (int32_t)r->nselected++ : -1;
}

/* The dense scratch arrays, and room for every cell there can be. */
static void alloc_scratch(ctx *c)
{
    const zb_indicators *is = &c->ds->indicators;
    zb_rollup *r = c->r;
    size_t P = c->P, Y = c->Y;
    int structures = 0;
    for (size_t i = 0; i < is->count && !structures; i++)
        structures = r->selected[i] && is->items[i].agg.rule == ZB_AGG_STRUCTURE;
    scratch_alloc(c, structures);
    /* The operands' layers, kept until their indicators are done, in two
     * blocks made before the workers start, so that no worker allocates
     * in its own arena while the other waits on the same indicator's
     * operands.  (Huge pages for these and for the cells were tried: 41,000
     * fewer page faults, but more time in the kernel, so they are not
     * asked for.) */
    size_t nop = 0, RY = c->R * Y;
    for (size_t i = 0; i < is->count; i++)
        nop += c->is_operand[i] != 0;
    if (!c->oom && nop) {
        c->operand_up = xmalloc(c, nop * RY, sizeof *c->operand_up);
        c->operand_st = xmalloc(c, nop * RY, sizeof *c->operand_st);
    }
    if (!c->oom && nop) {
        for (size_t i = 0, k = 0; i < is->count; i++)
            if (c->is_operand[i]) {
                c->layers[i].up = c->operand_up + k * RY;
                c->layers[i].st = c->operand_st + k * RY;
                k++;
            }
    }
    /* Reserved once: growing by doubling would copy the cells of a national
     * panel several times, while pages never written are never committed. */
    size_t years = r->year_to >= r->year_from ? (size_t)(r->year_to - r->year_from + 1) : 0, bound = 0;
    for (size_t i = 0; i < is->count; i++)
        if (r->selected[i] && is->items[i].agg.rule != ZB_AGG_NONE)
            bound += P * years;
    if (!c->oom && bound) {
        r->cells = xmalloc(c, bound, sizeof *r->cells);
        r->cap = r->cells ? bound : 0;
    }
}

/* Every selected indicator in dataset order, each one's operands just
 * before it; records where each indicator's cells start. */
static int run_selected(ctx *c, int32_t *proc, size_t *nproc, size_t *start, size_t *count)
{
    const zb_indicators *is = &c->ds->indicators;
    zb_rollup *r = c->r;
    for (size_t i = 0; i < is->count; i++) {
        if (!r->selected[i] || c->done[i])
            continue;
        const zb_aggregation *agg = &is->items[i].agg;
        int32_t order[ZB_AGG_MAX_OPERANDS + 1];
        uint32_t n = 0;
        for (uint32_t j = 0; j < agg->noperands; j++)
            if (agg->operand[j] >= 0 && (size_t)agg->operand[j] < is->count && !c->done[agg->operand[j]])
                order[n++] = agg->operand[j];
        order[n++] = (int32_t)i;
        for (uint32_t k = 0; k < n; k++) {
            if (c->done[order[k]])
                continue; /* an operand named twice */
            size_t before = r->count;
            if (run_indicator(c, order[k]) != 0)
                return -1;
            start[order[k]] = before;
            count[order[k]] = r->count - before;
            proc[(*nproc)++] = order[k];
        }
    }
    return 0;
}

/* ---- two threads, for a large panel ----
 *
 * Indicators are independent of each other but for the operands a ratio,
 * a weighted mean, a growth or a structure reads: those run first, shared
 * between two threads, then the rest.  Each thread has its own scratch
 * arrays and its own lists of missing children and shares; the cells go to
 * a fixed place per indicator in the one array reserved by alloc_scratch
 * (room for P x years cells each), and are then moved together in dataset
 * order.  The cells, their order and every figure are those of the one
 * thread run. */

enum { TWO_THREADS_MIN_ROWS = 1000000 };

typedef struct worker {
    ctx c;                 /* the shared ctx with its own scratch and result */
    zb_rollup r;           /* its own missing and shares; cells placed per indicator */
    const int32_t *list;   /* the indicators it runs, in order */
    size_t nlist;
    char err[512];
    int failed;
} worker;

typedef struct placement {
    zb_rollup_cell *cells;  /* the reserved array */
    size_t *base, *count;   /* per indicator: where its cells go, how many */
    uint8_t *by;            /* per indicator: the worker that ran it */
    size_t room;            /* cells per indicator */
} placement;

static int worker_init(worker *w, const ctx *c)
{
    memset(w, 0, sizeof *w);
    w->c = *c;
    w->r = *c->r;
    w->r.cells = NULL;
    w->r.count = w->r.cap = 0;
    w->r.shares = NULL;
    w->r.nshares = w->r.shares_cap = 0;
    w->r.missing = NULL;
    w->r.nmissing = w->r.missing_cap = 0;
    w->r.at = NULL;
    ctx *x = &w->c;
    x->r = &w->r;
    x->err = w->err;
    x->errlen = sizeof w->err;
    x->oom = 0;
    x->rep = NULL, x->reprow = NULL, x->compv = NULL, x->cn = NULL, x->cfl = NULL, x->cshares = NULL;
    x->a0 = x->a1 = x->ak = NULL, x->cnt = NULL, x->fl = NULL;
    memset(&x->scratch, 0, sizeof x->scratch);
    scratch_alloc(x, c->cshares != NULL);
    return x->oom ? -1 : 0;
}

/* Frees what worker_init made; the shared arrays stay. */
static void worker_free(worker *w)
{
    scratch_free(&w->c);
    free(w->r.missing);
    free(w->r.shares);
}

typedef struct job {
    worker *w;
    placement *pl;
} job;

static void *work_list(void *arg)
{
    job *j = arg;
    worker *w = j->w;
    placement *pl = j->pl;
    for (size_t k = 0; k < w->nlist && !w->failed; k++) {
        int32_t i = w->list[k];
        /* new_cell appends to the cells of this indicator's place. */
        w->r.cells = pl->cells + pl->base[i];
        w->r.count = 0;
        w->r.cap = pl->room;
        if (run_indicator(&w->c, i) != 0)
            w->failed = 1;
        pl->count[i] = w->r.count;
    }
    w->r.cells = NULL;
    return NULL;
}

/* Runs the lists of two workers at once: the second in a new thread. */
static int run_pair(worker *w, placement *pl)
{
    job j0 = {&w[0], pl}, j1 = {&w[1], pl};
    pthread_t t;
    int two = pthread_create(&t, NULL, work_list, &j1) == 0;
    work_list(&j0);
    if (two)
        pthread_join(t, NULL);
    else
        work_list(&j1);
    return w[0].failed || w[1].failed ? -1 : 0;
}

/* Returns 1 when the panel is too small or has a rule that the one thread
 * run must report (then nothing has been done), 0 when the cells are made,
 * -1 on failure (err set). */
static int run_two_threads(ctx *c, int threads)
{
    const zb_indicators *is = &c->ds->indicators;
    zb_rollup *r = c->r;
    const size_t I = is->count;
    if (threads == 1 || (threads != 2 && c->ds->obs.count < TWO_THREADS_MIN_ROWS) || !r->cells ||
        r->year_to < r->year_from)
        return 1;
    for (size_t i = 0; i < I; i++) {
        if (!r->selected[i])
            continue;
        const zb_aggregation *agg = &is->items[i].agg;
        for (uint32_t k = 0; k < agg->noperands; k++) {
            int32_t op = agg->operand[k];
            if (op < 0 || (size_t)op >= I || is->items[op].agg.noperands > 0)
                return 1; /* check_rule's error, from the one thread run */
        }
    }
    placement pl;
    memset(&pl, 0, sizeof pl);
    pl.cells = r->cells;
    pl.room = c->P * (size_t)(r->year_to - r->year_from + 1);
    pl.base = calloc(I ? I : 1, sizeof *pl.base);
    pl.count = calloc(I ? I : 1, sizeof *pl.count);
    pl.by = calloc(I ? I : 1, 1);
    int32_t *lists = malloc((I ? I : 1) * sizeof *lists);
    worker *w = calloc(2, sizeof *w);
    int rc = -1;
    if (!pl.base || !pl.count || !pl.by || !lists || !w) {
        c->oom = 1;
        goto done;
    }
    /* Places in dataset order, as alloc_scratch counted the room. */
    size_t at = 0;
    for (size_t i = 0; i < I; i++)
        if (r->selected[i] && is->items[i].agg.rule != ZB_AGG_NONE) {
            pl.base[i] = at;
            at += pl.room;
        }
    if (at > r->cap)
        goto fallback;
    if (worker_init(&w[0], c) != 0 || worker_init(&w[1], c) != 0) {
        c->oom = 1;
        goto done;
    }
    /* Operands first, then the rest; each phase dealt out in turn. */
    for (int phase = 0; phase < 2; phase++) {
        size_t n[2] = {0, 0}, total = 0;
        for (size_t i = 0; i < I; i++)
            if (r->selected[i] && (c->is_operand[i] != 0) == (phase == 0))
                total++;
        int32_t *list[2] = {lists, lists + (total + 1) / 2};
        size_t k = 0;
        for (size_t i = 0; i < I; i++)
            if (r->selected[i] && (c->is_operand[i] != 0) == (phase == 0)) {
                int side = (int)(k++ % 2);
                list[side][n[side]++] = (int32_t)i;
                pl.by[i] = (uint8_t)side;
            }
        for (int side = 0; side < 2; side++) {
            w[side].list = list[side];
            w[side].nlist = n[side];
        }
        if (run_pair(w, &pl) != 0) {
            const worker *bad = w[0].failed ? &w[0] : &w[1];
            if (bad->c.oom)
                c->oom = 1;
            else if (c->err && c->errlen)
                snprintf(c->err, c->errlen, "%s", bad->err);
            goto done;
        }
    }
    /* The lists of missing children and shares, one after the other; the
     * cells moved together in dataset order (never forward, so in place). */
    r->nmissing = w[0].r.nmissing + w[1].r.nmissing;
    r->nshares = w[0].r.nshares + w[1].r.nshares;
    r->missing = malloc((r->nmissing ? r->nmissing : 1) * sizeof *r->missing);
    r->shares = malloc((r->nshares ? r->nshares : 1) * sizeof *r->shares);
    if (!r->missing || !r->shares) {
        c->oom = 1;
        goto done;
    }
    r->missing_cap = r->nmissing;
    r->shares_cap = r->nshares;
    if (w[0].r.nmissing)
        memcpy(r->missing, w[0].r.missing, w[0].r.nmissing * sizeof *r->missing);
    if (w[1].r.nmissing)
        memcpy(r->missing + w[0].r.nmissing, w[1].r.missing, w[1].r.nmissing * sizeof *r->missing);
    if (w[0].r.nshares)
        memcpy(r->shares, w[0].r.shares, w[0].r.nshares * sizeof *r->shares);
    if (w[1].r.nshares)
        memcpy(r->shares + w[0].r.nshares, w[1].r.shares, w[1].r.nshares * sizeof *r->shares);
    r->count = 0;
    for (size_t i = 0; i < I; i++) {
        if (!r->selected[i] || is->items[i].agg.rule == ZB_AGG_NONE || !pl.count[i])
            continue;
        zb_rollup_cell *from = r->cells + pl.base[i], *to = r->cells + r->count;
        if (to != from)
            memmove(to, from, pl.count[i] * sizeof *to);
        if (pl.by[i] == 1)
            for (size_t k = 0; k < pl.count[i]; k++) {
                to[k].missing_at += (uint32_t)w[0].r.nmissing;
                if (to[k].nshares)
                    to[k].shares_at += (uint32_t)w[0].r.nshares;
            }
        r->count += pl.count[i];
    }
    rc = 0;
    goto done;
fallback:
    rc = 1;
done:
    if (w) {
        worker_free(&w[0]);
        worker_free(&w[1]);
    }
    free(w);
    free(lists);
    free(pl.base);
    free(pl.count);
    free(pl.by);
    return rc;
}

zb_rollup *zb_rollup_run(const zb_dataset *ds, const zb_rollup_options *opt, char *err, size_t errlen)
{
    zb_rollup_options defaults;
    if (!opt) {
        zb_rollup_options_init(&defaults);
        opt = &defaults;
    }
    ctx c;
    memset(&c, 0, sizeof c);
    c.ds = ds;
    c.status = zb_obs_has_status(&ds->obs) ? ds->obs.status : NULL;
    c.err = err;
    c.errlen = errlen;
    if (err && errlen)
        err[0] = '\0';
    const size_t I = ds->indicators.count;
    c.r = calloc(1, sizeof *c.r);
    int32_t *proc = xmalloc(&c, I, sizeof *proc);
    size_t *start = xmalloc(&c, I, sizeof *start), *count = xmalloc(&c, I, sizeof *count);
    size_t nproc = 0;
    if (!c.oom) {
        memset(start, 0, (I ? I : 1) * sizeof *start);
        memset(count, 0, (I ? I : 1) * sizeof *count);
    }
    int bad = !c.r || c.oom || result_init(&c, opt) != 0;
    if (!bad) {
        select_indicators(&c, opt);
        build_hierarchy(&c);
        alloc_scratch(&c);
        int two = c.oom ? -1 : run_two_threads(&c, opt->threads);
        if (two == 0) /* cells in dataset order already: only the index */
            bad = index_cells(&c, NULL, 0, start, count) != 0;
        else
            bad = two < 0 || c.oom || run_selected(&c, proc, &nproc, start, count) != 0 ||
                  index_cells(&c, proc, nproc, start, count) != 0;
    }
    free(proc);
    free(start);
    free(count);
    ctx_free(&c);
    if (bad) {
        if (c.oom || !c.r || !err || !err[0])
            fail(&c, ZB_T("内存不足", "out of memory"));
        zb_rollup_free(c.r);
        return NULL;
    }
    return c.r;
}
