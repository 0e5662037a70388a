/* Rollup in Lua: ds:rollup{...} and the methods of its view.
 *
 * ds:rollup returns a dataset userdata (zb_rollup_view.h) so that every
 * dataset method works on the result; the rollup's own facts (coverage,
 * reported value, gap) hang off the view in a registry table with weak keys,
 * view -> rollup userdata, so they live exactly as long as the view.  The
 * extra methods (rv:coverage, rv:gaps, ...) are dataset methods that raise
 * "rollup view expected" on a dataset that is not one.
 */
#include <lauxlib.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "lzb.h"
#include "zb_lang.h"
#include "zb_rollup.h"
#include "zb_rollup_view.h"

#define ROLLUP_MT "zb.rollup"
/* The most codes an indicator list may hold (repeats allowed). */
#define MAX_CODES 100000
#define VIEWS_KEY "zb.rollup.views"

typedef struct rollup_ud {
    zb_rollup *r;
} rollup_ud;

static int rollup_gc(lua_State *L)
{
    rollup_ud *u = luaL_checkudata(L, 1, ROLLUP_MT);
    zb_rollup_free(u->r);
    u->r = NULL;
    return 0;
}

static int rollup_tostring(lua_State *L)
{
    rollup_ud *u = luaL_checkudata(L, 1, ROLLUP_MT);
    if (u->r)
        lua_pushfstring(L, "zb.rollup (%d cells, policy %s, %s)", (int)u->r->count,
                        zb_rollup_policy_name(u->r->policy), zb_zones_name(u->r->zones));
    else
        lua_pushliteral(L, "zb.rollup (freed)");
    return 1;
}

/* Pushes the registry table of views: [-0, +1, m] */
static void push_views(lua_State *L)
{
    if (lua_getfield(L, LUA_REGISTRYINDEX, VIEWS_KEY) == LUA_TTABLE)
        return;
    lua_pop(L, 1);
    lua_newtable(L);
    lua_createtable(L, 0, 1);
    lua_pushliteral(L, "k");
    lua_setfield(L, -2, "__mode");
    lua_setmetatable(L, -2);
    lua_pushvalue(L, -1);
    lua_setfield(L, LUA_REGISTRYINDEX, VIEWS_KEY);
}

/* The view at idx and its rollup, or an argument error: [-0, +0, v] */
static zb_rollup *check_view(lua_State *L, int idx, zb_dataset **view)
{
    *view = zbL_checkdataset(L, idx);
    push_views(L);
    lua_pushvalue(L, idx);
    lua_rawget(L, -2);
    rollup_ud *u = lua_touserdata(L, -1);
    lua_pop(L, 2); /* the view keeps the rollup userdata alive */
    if (!u || !u->r)
        luaL_argerror(L, idx, "rollup view expected (made by ds:rollup)");
    return u->r;
}

/* A code read from a filter field (on top of the stack) for argument arg. */
static long check_code(lua_State *L, int arg, long found, const char *what)
{
    if (found < 0)
    {
        const char *code = lua_tostring(L, -1) ? lua_tostring(L, -1) : "?";
        if (zb_lang_get() == ZB_LANG_EN)
            luaL_argerror(L, arg, lua_pushfstring(L, "unknown %s code '%s' in field '%s'", what, code, what));
        else
            luaL_argerror(L, arg, lua_pushfstring(L, "未知的%s代码“%s”（字段 '%s'）",
                                                  strcmp(what, "region") == 0 ? "地区" : "指标", code, what));
    }
    return found;
}

/* The cell named by (region, indicator, year) at arguments 2..4. */
typedef struct cell_ref {
    zb_rollup *r;
    zb_dataset *view;
    long region, indicator;
    int year;
} cell_ref;

static const zb_rollup_cell *cell_arg(lua_State *L, cell_ref *ref)
{
    ref->r = check_view(L, 1, &ref->view);
    ref->region = zbL_checkregion(L, ref->view, 2);
    ref->indicator = zbL_checkindicator(L, ref->view, 3);
    ref->year = zbL_checkyear(L, 4);
    return zb_rollup_find(ref->r, ref->region, ref->indicator, ref->year);
}

static void set_num(lua_State *L, const char *key, double v)
{
    if (!isnan(v)) {
        lua_pushnumber(L, v);
        lua_setfield(L, -2, key);
    }
}

static void set_int(lua_State *L, const char *key, lua_Integer v)
{
    lua_pushinteger(L, v);
    lua_setfield(L, -2, key);
}

static void set_str(lua_State *L, const char *key, const char *s)
{
    lua_pushstring(L, s);
    lua_setfield(L, -2, key);
}

/* A figure of the cell: a number, or a structure's shares as text.
 * [-0, +1, m] */
static void push_figure(lua_State *L, const zb_dataset *view, const zb_rollup *r, const zb_rollup_cell *c,
                        int reported)
{
    if (c->nshares) {
        char buf[128];
        zb_rollup_format_shares(r, c, reported, view->indicators.items[c->indicator].decimals, buf, sizeof buf);
        if (buf[0])
            lua_pushstring(L, buf);
        else
            lua_pushnil(L);
        return;
    }
    double v = reported ? c->reported : c->value;
    if (isnan(v))
        lua_pushnil(L);
    else
        lua_pushnumber(L, v);
}

/* A cell as a table: [-0, +1, m] */
static void push_cell(lua_State *L, const zb_dataset *view, const zb_rollup *r, const zb_rollup_cell *c)
{
    lua_createtable(L, 0, 14);
    set_str(L, "region", zb_ds_str(view, view->regions.items[c->region].code));
    set_str(L, "region_name", zb_ds_str(view, view->regions.items[c->region].name));
    set_str(L, "indicator", zb_ds_str(view, view->indicators.items[c->indicator].code));
    set_int(L, "year", c->year);
    push_figure(L, view, r, c, 0);
    lua_setfield(L, -2, "computed");
    push_figure(L, view, r, c, 1);
    lua_setfield(L, -2, "reported");
    double gap, rel;
    if (zb_rollup_gap(r, c, &gap, &rel)) {
        set_num(L, "gap", gap);
        set_num(L, "gap_rel", rel);
    }
    set_int(L, "n", c->n);
    set_int(L, "total", c->total);
    lua_pushboolean(L, c->partial);
    lua_setfield(L, -2, "partial");
    set_str(L, "origin", zb_rollup_origin_name((zb_rollup_origin)c->origin));
    set_str(L, "status", zb_status_name((zb_status)c->status));
    size_t nmiss;
    const int32_t *miss = zb_rollup_missing(r, c, &nmiss);
    lua_createtable(L, (int)nmiss, 0);
    for (size_t k = 0; k < nmiss; k++) {
        lua_pushstring(L, zb_ds_str(view, view->regions.items[miss[k]].code));
        lua_rawseti(L, -2, (lua_Integer)k + 1);
    }
    lua_setfield(L, -2, "missing");
}

/* ---- ds:rollup ---- */

/* The indicators named by spec.indicator (a code or an array of codes) into
 * a buffer owned by a userdata left on the stack.  *n = 0: all.
 * [-0, +1, v] */
static int32_t *spec_indicators(lua_State *L, int spec, const zb_dataset *ds, size_t *n)
{
    *n = 0;
    int t = spec ? lua_getfield(L, spec, "indicator") : LUA_TNIL;
    if (!spec)
        lua_pushnil(L);
    lua_Integer len = t == LUA_TTABLE ? luaL_len(L, -1) : 1;
    /* A __len may claim any length: a negative or vast one would wrap
     * the size below (2^62 codes of 4 bytes make 0 bytes). */
    if (len < 0 || (lua_Unsigned)len > (lua_Unsigned)(MAX_CODES))
        luaL_argerror(L, spec, lua_pushfstring(L, "at most %d codes expected in field 'indicator'",
                                               (int)MAX_CODES));
    size_t cap = (size_t)len;
    int32_t *ids = lua_newuserdatauv(L, (cap ? cap : 1) * sizeof *ids, 0);
    if (t == LUA_TNIL) {
        lua_remove(L, -2);
        return ids;
    }
    for (size_t k = 0; k < cap; k++) {
        if (t == LUA_TTABLE)
            lua_geti(L, -2, (lua_Integer)k + 1);
        else
            lua_pushvalue(L, -2);
        const char *code = lua_tostring(L, -1);
        if (!code)
            luaL_argerror(L, spec, "indicator code (or array of codes) expected in field 'indicator'");
        long i = zb_ds_indicator(ds, code);
        if (i < 0)
            luaL_argerror(L, spec, lua_pushfstring(L, ZB_T("未知的指标代码“%s”", "unknown indicator code '%s'"), code));
        if (ds->indicators.items[i].agg.rule == ZB_AGG_NONE)
            luaL_argerror(L, spec, lua_pushfstring(L, "indicator '%s' does not roll up (rule none)", code));
        ids[(*n)++] = (int32_t)i;
        lua_pop(L, 1);
    }
    lua_remove(L, -2);
    return ids;
}

static int spec_year(lua_State *L, int spec, const char *key)
{
    if (!spec)
        return 0;
    lua_getfield(L, spec, key);
    int isnum;
    lua_Integer y = lua_tointegerx(L, -1, &isnum);
    if (!isnum && !lua_isnil(L, -1))
        luaL_argerror(L, spec, lua_pushfstring(L, "year expected in field '%s'", key));
    lua_pop(L, 1);
    if (isnum && (y < 1900 || y > 2200))
        luaL_argerror(L, spec, lua_pushfstring(L, "year out of range in field '%s'", key));
    return isnum ? (int)y : 0;
}

/* ds:rollup([{indicator=, year=, from=, to=, policy=, zones=}]) -> view | nil, message
 * [-0, +1, v] */
static int l_rollup(lua_State *L)
{
    zb_dataset *ds = zbL_checkdataset(L, 1);
    int spec = 0;
    if (!lua_isnoneornil(L, 2)) {
        luaL_checktype(L, 2, LUA_TTABLE);
        spec = 2;
    }
    zb_rollup_options o;
    zb_rollup_options_init(&o);
    o.indicators = spec_indicators(L, spec, ds, &o.nindicators);
    if (!o.nindicators)
        o.indicators = NULL;
    int year = spec_year(L, spec, "year");
    o.year_from = year ? year : spec_year(L, spec, "from");
    o.year_to = year ? year : spec_year(L, spec, "to");
    if (spec) {
        lua_getfield(L, spec, "policy");
        if (!lua_isnil(L, -1)) {
            const char *p = lua_tostring(L, -1);
            int policy = p ? zb_rollup_policy_parse(p) : -1;
            luaL_argcheck(L, policy >= 0, spec, "policy expected in field 'policy' (partial, missing or skip)");
            o.policy = (zb_rollup_policy)policy;
        }
        lua_getfield(L, spec, "zones");
        if (!lua_isnil(L, -1)) {
            const char *z = lua_tostring(L, -1);
            o.zones = z ? zb_zones_parse(z) : -1;
            luaL_argcheck(L, o.zones >= 0, spec, "zones expected in field 'zones' (include or exclude)");
        }
        lua_pop(L, 2);
    }
    char err[512];
    rollup_ud *u = lua_newuserdatauv(L, sizeof *u, 0);
    u->r = NULL;
    luaL_setmetatable(L, ROLLUP_MT);
    u->r = zb_rollup_run(ds, &o, err, sizeof err);
    if (!u->r) {
        luaL_pushfail(L);
        lua_pushstring(L, err);
        return 2;
    }
    zb_dataset *view = zb_rollup_view(ds, u->r, err, sizeof err);
    if (!view) {
        luaL_pushfail(L);
        lua_pushstring(L, err);
        return 2;
    }
    zbL_pushdataset(L, view);
    push_views(L);
    lua_pushvalue(L, -2);
    lua_pushvalue(L, -4);
    lua_rawset(L, -3);
    lua_pop(L, 1);
    /* Charged once the view and the rollup belong to their userdata. */
    zbL_charge(L, u->r->count, ZBL_COST_ASSESS);
    zbL_charge(L, view->obs.count + view->regions.count * view->indicators.count, ZBL_COST_ROW);
    return 1;
}

/* ---- the view's methods ---- */

/* rv:coverage(region, indicator, year) -> n, total, partial | nil
 * A parent none of whose children has a figure: 0, total, true. */
static int l_coverage(lua_State *L)
{
    cell_ref ref;
    const zb_rollup_cell *c = cell_arg(L, &ref);
    if (c) {
        lua_pushinteger(L, c->n);
        lua_pushinteger(L, c->total);
        lua_pushboolean(L, c->partial);
        return 3;
    }
    const zb_rollup *r = ref.r;
    if (r->total[ref.region] && r->selected[ref.indicator] &&
        ref.view->indicators.items[ref.indicator].agg.rule != ZB_AGG_NONE && ref.year >= r->year_from &&
        ref.year <= r->year_to && r->policy != ZB_POLICY_SKIP) {
        lua_pushinteger(L, 0);
        lua_pushinteger(L, r->total[ref.region]);
        lua_pushboolean(L, 1);
        return 3;
    }
    lua_pushnil(L);
    return 1;
}

/* rv:computed(region, indicator, year) -> number | shares text | nil */
static int l_computed(lua_State *L)
{
    cell_ref ref;
    const zb_rollup_cell *c = cell_arg(L, &ref);
    if (c)
        push_figure(L, ref.view, ref.r, c, 0);
    else
        lua_pushnil(L);
    return 1;
}

/* rv:reported(region, indicator, year) -> number | shares text | nil */
static int l_reported(lua_State *L)
{
    cell_ref ref;
    const zb_rollup_cell *c = cell_arg(L, &ref);
    if (c)
        push_figure(L, ref.view, ref.r, c, 1);
    else
        lua_pushnil(L);
    return 1;
}

/* rv:gap(region, indicator, year) -> computed - reported, relative | nil */
static int l_gap(lua_State *L)
{
    cell_ref ref;
    const zb_rollup_cell *c = cell_arg(L, &ref);
    double gap, rel;
    if (!c || !zb_rollup_gap(ref.r, c, &gap, &rel)) {
        lua_pushnil(L);
        return 1;
    }
    lua_pushnumber(L, gap);
    if (isnan(rel))
        lua_pushnil(L);
    else
        lua_pushnumber(L, rel);
    return 2;
}

static double opt_number(lua_State *L, int t, const char *key, double dflt)
{
    lua_getfield(L, t, key);
    int isnum;
    double v = lua_tonumberx(L, -1, &isnum);
    if (!isnum && !lua_isnil(L, -1))
        luaL_argerror(L, t, lua_pushfstring(L, "number expected in field '%s'", key));
    lua_pop(L, 1);
    return isnum ? v : dflt;
}

/* The cells to list: filters from a table argument at t (0: none). */
typedef struct cell_filter {
    long region, indicator;
    int year;
} cell_filter;

static void read_filter(lua_State *L, int t, const zb_dataset *view, cell_filter *f)
{
    f->region = f->indicator = -1;
    f->year = 0;
    if (!t)
        return;
    lua_getfield(L, t, "region");
    if (!lua_isnil(L, -1))
        f->region = check_code(L, t, zb_ds_region(view, lua_tostring(L, -1) ? lua_tostring(L, -1) : ""), "region");
    lua_getfield(L, t, "indicator");
    if (!lua_isnil(L, -1))
        f->indicator = check_code(L, t, zb_ds_indicator(view, lua_tostring(L, -1) ? lua_tostring(L, -1) : ""),
                                  "indicator");
    lua_pop(L, 2);
    f->year = (int)opt_number(L, t, "year", 0);
}

static int filter_passes(const cell_filter *f, const zb_rollup_cell *c)
{
    return (f->region < 0 || c->region == f->region) && (f->indicator < 0 || c->indicator == f->indicator) &&
           (!f->year || c->year == f->year);
}

/* rv:gaps([{min_rel=0, min_abs=0, partial=false, region=, indicator=, year=}])
 *   -> array of cell tables whose computed and reported values differ by at
 * least min_rel (a fraction: 0.01 is 1%) and min_abs; a structure's gap is
 * in points, compared with min_rel x 100.  Partial cells only with
 * partial=true: a sum of some children always falls short. */
static int l_gaps(lua_State *L)
{
    zb_dataset *view;
    zb_rollup *r = check_view(L, 1, &view);
    int t = 0;
    if (!lua_isnoneornil(L, 2)) {
        luaL_checktype(L, 2, LUA_TTABLE);
        t = 2;
    }
    double min_rel = t ? opt_number(L, t, "min_rel", 0) : 0, min_abs = t ? opt_number(L, t, "min_abs", 0) : 0;
    int with_partial = 0;
    if (t) {
        lua_getfield(L, t, "partial");
        with_partial = lua_toboolean(L, -1);
        lua_pop(L, 1);
    }
    cell_filter f;
    read_filter(L, t, view, &f);
    zbL_charge(L, r->count, ZBL_COST_ROW);
    lua_newtable(L);
    lua_Integer n = 0;
    for (size_t k = 0; k < r->count; k++) {
        const zb_rollup_cell *c = &r->cells[k];
        double gap, rel;
        if (!filter_passes(&f, c) || (c->partial && !with_partial) || !zb_rollup_gap(r, c, &gap, &rel))
            continue;
        int enough = fabs(gap) >= min_abs &&
                     (c->nshares ? fabs(gap) >= min_rel * 100.0 : isnan(rel) || fabs(rel) >= min_rel);
        if (!enough)
            continue;
        zbL_charge(L, 1, ZBL_COST_RECORD);
        push_cell(L, view, r, c);
        lua_rawseti(L, -2, ++n);
    }
    return 1;
}

/* rv:rollup_cells([{region=, indicator=, year=}]) -> array of every parent
 * cell of the rollup, in order (indicator, region, year) */
static int l_cells(lua_State *L)
{
    zb_dataset *view;
    zb_rollup *r = check_view(L, 1, &view);
    int t = 0;
    if (!lua_isnoneornil(L, 2)) {
        luaL_checktype(L, 2, LUA_TTABLE);
        t = 2;
    }
    cell_filter f;
    read_filter(L, t, view, &f);
    zbL_charge(L, r->count, ZBL_COST_ROW);
    lua_newtable(L);
    lua_Integer n = 0;
    for (size_t k = 0; k < r->count; k++) {
        if (!filter_passes(&f, &r->cells[k]))
            continue;
        zbL_charge(L, 1, ZBL_COST_RECORD);
        push_cell(L, view, r, &r->cells[k]);
        lua_rawseti(L, -2, ++n);
    }
    return 1;
}

/* rv:rollup_options() -> {policy=, zones=, from=, to=} as the view was made */
static int l_options(lua_State *L)
{
    zb_dataset *view;
    zb_rollup *r = check_view(L, 1, &view);
    lua_createtable(L, 0, 4);
    set_str(L, "policy", zb_rollup_policy_name(r->policy));
    set_str(L, "zones", zb_zones_name(r->zones));
    if (r->nyears) {
        set_int(L, "from", r->year_from);
        set_int(L, "to", r->year_to);
    }
    return 1;
}

static const luaL_Reg rollup_methods[] = {
    {"rollup", l_rollup},
    {"coverage", l_coverage},
    {"computed", l_computed},
    {"reported", l_reported},
    {"gap", l_gap},
    {"gaps", l_gaps},
    {"rollup_cells", l_cells},
    {"rollup_options", l_options},
    {NULL, NULL},
};

void zbL_open_rollup(lua_State *L)
{
    luaL_newmetatable(L, ROLLUP_MT);
    lua_pushcfunction(L, rollup_gc);
    lua_setfield(L, -2, "__gc");
    lua_pushcfunction(L, rollup_tostring);
    lua_setfield(L, -2, "__tostring");
    lua_pop(L, 1);
    zbL_dataset_addmethods(L, rollup_methods);
}
