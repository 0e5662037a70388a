/* The growth area of the zb module: zb.target.parse, zb.growth.*, and the
 * bulk dataset methods ds:progress, ds:consistency and ds:project.
 *
 * Rates cross into Lua as fractions (0.1 = 10 % a year) wherever they
 * compound, and as points a year where they do not; each row says which
 * (`compound`).  Shares (time_share, progress_share) are fractions too.
 * The per-target arithmetic is C (core/zb_progress, core/zb_project); these
 * functions only select targets and build the row tables.
 *
 * The tolerance that 左右 allows is a per-state setting
 * (zb.growth.tolerance), which every bulk method uses unless its options
 * carry their own `tolerance`.
 */
#include <lauxlib.h>
#include <math.h>
#include <string.h>

#include "lzb.h"
#include "zb_growth.h"
#include "zb_lang.h"
#include "zb_pace.h"
#include "zb_progress.h"
#include "zb_project.h"
#include "zb_spec.h"

#define TOLERANCE_KEY "zb.growth.tolerance"

static void set_str(lua_State *L, const char *key, const char *value)
{
    if (value && *value) {
        lua_pushstring(L, value);
        lua_setfield(L, -2, key);
    }
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

static void set_bool(lua_State *L, const char *key, int v)
{
    lua_pushboolean(L, v);
    lua_setfield(L, -2, key);
}

static const char *cmp_name(zb_cmp c)
{
    static const char *const names[] = {"eq", "about", "ge", "le", "gt", "lt"};
    return (unsigned)c < sizeof names / sizeof names[0] ? names[c] : "eq";
}

/* ---- the tolerance ---- */

/* The state's tolerance, created with the defaults on first use:
 * [-0, +0, m] */
static zb_tolerance *state_tolerance(lua_State *L)
{
    if (lua_getfield(L, LUA_REGISTRYINDEX, TOLERANCE_KEY) != LUA_TUSERDATA) {
        lua_pop(L, 1);
        zb_tolerance *t = lua_newuserdatauv(L, sizeof *t, 0);
        *t = zb_tolerance_default();
        lua_setfield(L, LUA_REGISTRYINDEX, TOLERANCE_KEY);
        return t;
    }
    zb_tolerance *t = lua_touserdata(L, -1);
    lua_pop(L, 1); /* the registry keeps it alive */
    return t;
}

/* Reads about_pp / about_rel from the table at idx into *t, checking them
 * as fields of argument arg: [-0, +0, v] */
static void read_tolerance(lua_State *L, int idx, int arg, zb_tolerance *t)
{
    static const char *const keys[] = {"about_pp", "about_rel"};
    double *fields[] = {&t->about_pp, &t->about_rel};
    for (int k = 0; k < 2; k++) {
        int type = lua_getfield(L, idx, keys[k]);
        if (type != LUA_TNIL) {
            int isnum;
            double v = lua_tonumberx(L, -1, &isnum);
            if (!isnum || !(v >= 0) || isinf(v))
                luaL_argerror(L, arg, lua_pushfstring(L, "%s must be a number >= 0", keys[k]));
            *fields[k] = v;
        }
        lua_pop(L, 1);
    }
}

static void push_tolerance(lua_State *L, const zb_tolerance *t)
{
    lua_createtable(L, 0, 2);
    set_num(L, "about_pp", t->about_pp);
    set_num(L, "about_rel", t->about_rel);
}

/* zb.growth.tolerance([{about_pp=, about_rel=}]) -> {about_pp=, about_rel=}
 * With a table, sets the fields it has for this state; returns the setting
 * in force. */
static int l_tolerance(lua_State *L)
{
    zb_tolerance *t = state_tolerance(L);
    if (!lua_isnoneornil(L, 1)) {
        luaL_checktype(L, 1, LUA_TTABLE);
        zb_tolerance next = *t;
        read_tolerance(L, 1, 1, &next);
        *t = next;
    }
    push_tolerance(L, t);
    return 1;
}

/* ---- zb.target.parse ---- */

/* zb.target.parse(text) -> {form=, cmp=, value=, ...} | nil, message, column */
static int l_parse(lua_State *L)
{
    size_t len;
    const char *text = luaL_checklstring(L, 1, &len);
    zbL_charge(L, 1 + len / ZBL_BYTES_PER_UNIT, ZBL_COST_RECORD);
    zb_spec s;
    char err[256];
    size_t col = 0;
    if (zb_spec_parse(text, &s, err, sizeof err, &col) != 0) {
        luaL_pushfail(L);
        lua_pushstring(L, err);
        lua_pushinteger(L, (lua_Integer)col);
        return 3;
    }
    lua_createtable(L, 0, 12);
    set_str(L, "form", zb_spec_form_name(s.form));
    set_str(L, "cmp", cmp_name(s.cmp));
    set_bool(L, "numeric", zb_spec_is_numeric(&s));
    if (zb_spec_is_numeric(&s))
        set_num(L, "value", s.value);
    if (s.form == ZB_SPEC_RANGE)
        set_num(L, "value2", s.value2);
    if (s.form == ZB_SPEC_RATIO) {
        lua_createtable(L, s.nparts, 0);
        for (int i = 0; i < s.nparts; i++) {
            lua_pushnumber(L, s.parts[i]);
            lua_rawseti(L, -2, i + 1);
        }
        lua_setfield(L, -2, "parts");
    }
    set_bool(L, "aspirational", s.aspirational);
    set_bool(L, "percent", s.percent);
    set_bool(L, "permille", s.permille);
    set_str(L, "unit", s.unit);
    if (s.text_col)
        set_int(L, "text_col", (lua_Integer)s.text_col);
    lua_pushvalue(L, 1);
    lua_setfield(L, -2, "text");
    return 1;
}

/* ---- zb.growth.* ---- */

/* Returns a zb_growth result: the number, or nil and the reason. */
static int push_result(lua_State *L, double v)
{
    if (isnan(v)) {
        luaL_pushfail(L);
        lua_pushstring(L, zb_growth_why());
        return 2;
    }
    lua_pushnumber(L, v);
    return 1;
}

#define GROWTH2(name, fn) \
    static int name(lua_State *L) { return push_result(L, fn(luaL_checknumber(L, 1), luaL_checknumber(L, 2))); }
#define GROWTH3(name, fn)                                                                                 \
    static int name(lua_State *L)                                                                         \
    {                                                                                                     \
        return push_result(L, fn(luaL_checknumber(L, 1), luaL_checknumber(L, 2), luaL_checknumber(L, 3))); \
    }
#define GROWTH1(name, fn) \
    static int name(lua_State *L) { return push_result(L, fn(luaL_checknumber(L, 1))); }

GROWTH3(l_cagr, zb_cagr)
GROWTH3(l_project_compound, zb_project_compound)
GROWTH3(l_project_linear, zb_project_linear)
GROWTH3(l_required_rate, zb_required_rate)
GROWTH3(l_required_pp, zb_required_pp)
GROWTH3(l_years_to_reach, zb_years_to_reach)
GROWTH2(l_reduction_annual, zb_reduction_annual)
GROWTH2(l_reduction_total, zb_reduction_total)
GROWTH1(l_doubling_rate, zb_doubling_rate)
GROWTH1(l_doubling_years, zb_doubling_years)

/* zb.growth.pace(rate, compound, unit [, style [, lang]]) -> text, decimals, suffix
 * A pace a year as every table and report shows it (core/zb_pace.h):
 * "11.47%" when compound, else a change a year in the unit: "+1.40点" for
 * %, "+0.0086 人/亿元/年" for other units.  style: "cell" (default),
 * "amount" ("1.40 个百分点"), "delta" ("+1.40 个百分点"), "phrase"
 * ("提高 1.40 个百分点").  lang ("zh" or "en") overrides the run's
 * language, for messages kept in both.  decimals and suffix are those of
 * the cell ("点", " 人/亿元/年"), for a spreadsheet number format.  A NaN
 * rate gives "".  [-0, +3, m] */
static int l_pace(lua_State *L)
{
    static const char *const styles[] = {"cell", "amount", "delta", "phrase", NULL};
    double rate = luaL_checknumber(L, 1);
    int compound = lua_toboolean(L, 2);
    const char *unit = luaL_optstring(L, 3, "");
    int style = luaL_checkoption(L, 4, "cell", styles);
    zb_lang run = zb_lang_get(), lang = run;
    if (!lua_isnoneornil(L, 5)) {
        int l = zb_lang_parse(luaL_checkstring(L, 5));
        if (l < 0)
            return luaL_argerror(L, 5, "\"zh\" or \"en\" expected");
        lang = (zb_lang)l;
    }
    char buf[160], suffix[96];
    zb_lang_set(lang); /* no Lua error can escape between set and restore */
    zb_pace_format(buf, sizeof buf, rate, compound, unit, (zb_pace_style)style);
    zb_pace_suffix(compound, unit, suffix, sizeof suffix);
    zb_lang_set(run);
    lua_pushstring(L, buf);
    lua_pushinteger(L, compound ? 2 : zb_pace_decimals(rate));
    lua_pushstring(L, suffix);
    return 3;
}

/* ---- options of the bulk methods ---- */

typedef struct selection {
    const char *plan;
    long region, indicator;   /* -1: all */
    zb_tolerance tol;
} selection;

/* An optional string field of the options table at idx.  The value stays
 * pushed: a number made a string here, or a string an __index made, lives
 * only on the stack, and a collection would free it under the pointer.
 * [-0, +1, v] */
static const char *opt_string(lua_State *L, int idx, const char *key)
{
    lua_getfield(L, idx, key);
    const char *s = NULL;
    if (!lua_isnil(L, -1)) {
        s = lua_tostring(L, -1);
        if (!s)
            luaL_argerror(L, idx, lua_pushfstring(L, "%s: string expected, got %s", key, luaL_typename(L, -1)));
    }
    return s;
}

static lua_Integer opt_integer(lua_State *L, int idx, const char *key, lua_Integer dflt, lua_Integer lo, lua_Integer hi)
{
    lua_getfield(L, idx, key);
    lua_Integer v = dflt;
    if (!lua_isnil(L, -1)) {
        int isint;
        v = lua_tointegerx(L, -1, &isint);
        if (!isint || v < lo || v > hi)
            luaL_argerror(L, idx, lua_pushfstring(L, "%s: integer from %d to %d expected", key, (int)lo, (int)hi));
    }
    lua_pop(L, 1);
    return v;
}

/* Reads plan/region/indicator/tolerance from the options at idx (or none):
 * unknown codes are argument errors, as a misspelt code should be loud.
 * The plan's string is left on the stack with the others read: [-0, +3, v] */
static void read_selection(lua_State *L, const zb_dataset *ds, int idx, selection *sel)
{
    sel->plan = NULL;
    sel->region = sel->indicator = -1;
    sel->tol = *state_tolerance(L);
    if (lua_isnoneornil(L, idx)) {
        lua_settop(L, lua_gettop(L) + 3); /* the same stack either way */
        return;
    }
    luaL_checktype(L, idx, LUA_TTABLE);
    sel->plan = opt_string(L, idx, "plan");
    const char *region = opt_string(L, idx, "region");
    const char *indicator = opt_string(L, idx, "indicator");
    if (region && (sel->region = zb_ds_region(ds, region)) < 0)
        luaL_argerror(L, idx, lua_pushfstring(L, ZB_T("未知的地区代码“%s”", "unknown region code '%s'"), region));
    if (indicator && (sel->indicator = zb_ds_indicator(ds, indicator)) < 0)
        luaL_argerror(L, idx, lua_pushfstring(L, ZB_T("未知的指标代码“%s”", "unknown indicator code '%s'"), indicator));
    if (sel->plan) {
        zbL_charge(L, ds->targets.count, ZBL_COST_ROW);
        int known = 0;
        for (size_t k = 0; k < ds->targets.count && !known; k++)
            known = strcmp(zb_ds_str(ds, ds->targets.items[k].plan), sel->plan) == 0;
        if (!known)
            luaL_argerror(L, idx, lua_pushfstring(L, "unknown plan '%s'", sel->plan));
    }
    if (lua_getfield(L, idx, "tolerance") != LUA_TNIL) {
        if (!lua_istable(L, -1))
            luaL_argerror(L, idx, "tolerance: table expected");
        read_tolerance(L, lua_gettop(L), idx, &sel->tol);
    }
    lua_pop(L, 1);
}

static int selected(const zb_dataset *ds, const selection *sel, const zb_target *t)
{
    return (!sel->plan || strcmp(zb_ds_str(ds, t->plan), sel->plan) == 0) &&
           (sel->region < 0 || t->region == sel->region) && (sel->indicator < 0 || t->indicator == sel->indicator);
}

/* The fields every target row starts with: [-0, +0, m] on the row table. */
static void set_target_fields(lua_State *L, const zb_dataset *ds, const zb_target *t)
{
    const zb_indicator *ind = &ds->indicators.items[t->indicator];
    const zb_region *rg = &ds->regions.items[t->region];
    set_str(L, "plan", zb_ds_str(ds, t->plan));
    set_str(L, "plan_name", zb_ds_str(ds, t->plan_name));
    set_str(L, "region", zb_ds_str(ds, rg->code));
    set_str(L, "region_name", zb_ds_str(ds, rg->name));
    set_str(L, "indicator", zb_ds_str(ds, ind->code));
    set_str(L, "name", zb_ds_str(ds, ind->name));
    set_str(L, "unit", zb_ds_str(ds, ind->unit));
    set_str(L, "attribute", zb_attribute_name(t->attribute ? t->attribute : ind->attribute));
    if (t->base_year)
        set_int(L, "base_year", t->base_year);
    set_int(L, "target_year", t->target_year);
    set_str(L, "target_text", zb_ds_str(ds, t->target_text));
    set_str(L, "growth_text", zb_ds_str(ds, t->growth_text));
}

/* ds:progress([{year=, plan=, region=, indicator=, tolerance=}]) -> rows
 * Without plan, the targets whose period covers the year; year defaults to
 * the latest year with observations. */
static int l_progress(lua_State *L)
{
    zb_dataset *ds = zbL_checkdataset(L, 1);
    selection sel;
    read_selection(L, ds, 2, &sel);
    int year = ds->obs.count ? ds->obs.year_max : 0;
    if (lua_istable(L, 2))
        year = (int)opt_integer(L, 2, "year", year, 1900, 2200);
    lua_newtable(L);
    lua_Integer n = 0;
    for (size_t k = 0; k < ds->targets.count; k++) {
        const zb_target *t = &ds->targets.items[k];
        zbL_charge(L, 1, ZBL_COST_ROW);
        if (!selected(ds, &sel, t) || (!sel.plan && (year <= t->base_year || year > t->target_year)))
            continue;
        zbL_charge(L, 1, ZBL_COST_ASSESS);
        zb_progress p;
        zb_progress_assess(ds, k, year, &sel.tol, &p);
        const zb_indicator *ind = &ds->indicators.items[t->indicator];
        lua_createtable(L, 0, 40);
        set_target_fields(L, ds, t);
        set_bool(L, "binding", p.binding);
        set_num(L, "base", p.base);
        set_num(L, "goal", p.goal);
        if (p.form == ZB_SPEC_RANGE)
            set_num(L, "goal_hi", p.goal_hi);
        set_str(L, "cmp", cmp_name(p.cmp));
        set_int(L, "direction", p.direction);
        set_int(L, "year", year);
        set_num(L, "value", p.value);
        set_num(L, "time_share", p.time_share);
        set_num(L, "progress_share", p.progress_share);
        set_bool(L, "compound", p.compound);
        set_num(L, "actual_rate", p.actual_rate);
        set_bool(L, "nominal", p.compound && ind->kind != ZB_KIND_GROWTH && ind->kind != ZB_KIND_REDUCTION &&
                                   zb_unit_is_money(zb_ds_str(ds, ind->unit)) && !isnan(p.actual_rate));
        set_num(L, "required_rate", p.required_rate);
        set_num(L, "stated_rate", p.stated_rate);
        if (!isnan(p.stated_rate))
            set_bool(L, "stated_compound", p.stated_compound);
        set_num(L, "reported_rate", p.reported_rate);
        set_str(L, "reported_source", p.reported_source == ZB_REPORTED_SERIES ? "series"
                                      : p.reported_source == ZB_REPORTED_PLAN ? "plan" : NULL);
        set_num(L, "anticipated", p.anticipated);
        set_str(L, "verdict", zb_verdict_name(p.verdict));
        set_str(L, "verdict_label", zb_verdict_label(p.verdict));
        set_str(L, "severity", p.severity == ZB_ERROR ? "error" : p.severity == ZB_WARNING ? "warning" : "note");
        set_str(L, "reason", p.reason);
        lua_rawseti(L, -2, ++n);
    }
    return 1;
}

/* ds:consistency([{plan=, region=, indicator=, all=, tolerance=}]) -> rows
 * Only the targets with base, target and stated growth, unless all=true. */
static int l_consistency(lua_State *L)
{
    zb_dataset *ds = zbL_checkdataset(L, 1);
    selection sel;
    read_selection(L, ds, 2, &sel);
    int all = 0;
    if (lua_istable(L, 2)) {
        lua_getfield(L, 2, "all");
        all = lua_toboolean(L, -1);
        lua_pop(L, 1);
    }
    lua_newtable(L);
    lua_Integer n = 0;
    for (size_t k = 0; k < ds->targets.count; k++) {
        const zb_target *t = &ds->targets.items[k];
        zbL_charge(L, 1, ZBL_COST_ROW);
        if (!selected(ds, &sel, t))
            continue;
        zbL_charge(L, 1, ZBL_COST_ASSESS);
        zb_consistency c;
        zb_consistency_check(ds, k, &sel.tol, &c);
        if (!c.assessable && !all)
            continue;
        lua_createtable(L, 0, 24);
        set_target_fields(L, ds, t);
        set_bool(L, "assessable", c.assessable);
        set_num(L, "base", c.base);
        set_num(L, "goal", c.goal);
        if (c.assessable) {
            set_int(L, "years", (lua_Integer)c.years);
            set_bool(L, "compound", c.compound);
            /* In Lua, compound rates are fractions like everywhere else. */
            set_num(L, "implied", c.compound ? c.implied / 100.0 : c.implied);
            set_num(L, "stated", c.compound ? c.stated / 100.0 : c.stated);
            set_num(L, "gap", c.compound ? c.gap / 100.0 : c.gap);
            set_bool(L, "consistent", c.consistent);
        }
        set_str(L, "reason", c.reason);
        lua_rawseti(L, -2, ++n);
    }
    return 1;
}

/* ds:project([{to=2035, rates={...}, half_life=, region=, indicator=,
 * tolerance=}]) -> rows, skipped
 * to: not before the data's last year.  rates: scenarios (fractions a
 * year) grown from the latest figure, only for money-valued levels and
 * per-capita values (row.scenarios); other rows have none.
 * rows: one per series with two figures or more; skipped: {region=,
 * indicator=, points=, reason=} for the others that have any figure. */
static int l_project(lua_State *L)
{
    zb_dataset *ds = zbL_checkdataset(L, 1);
    selection sel;
    read_selection(L, ds, 2, &sel);
    int horizon = 2035;
    double half_life = 0;
    double rates[16];
    int nrates = 0;
    if (lua_istable(L, 2)) {
        horizon = (int)opt_integer(L, 2, "to", 2035, 1900, 2200);
        if (ds->obs.count && horizon < ds->obs.year_max)
            luaL_argerror(L, 2, lua_pushfstring(L, "to: %d is before the last year with data (%d)", horizon,
                                                ds->obs.year_max));
        lua_getfield(L, 2, "half_life");
        if (!lua_isnil(L, -1)) {
            int isnum;
            half_life = lua_tonumberx(L, -1, &isnum);
            if (!isnum || half_life < 0)
                luaL_argerror(L, 2, "half_life: number >= 0 expected");
        }
        lua_pop(L, 1);
        if (lua_getfield(L, 2, "rates") != LUA_TNIL) {
            if (!lua_istable(L, -1))
                luaL_argerror(L, 2, "rates: array of numbers expected");
            lua_Integer len = luaL_len(L, -1);
            if (len > (lua_Integer)(sizeof rates / sizeof rates[0]))
                luaL_argerror(L, 2, "rates: at most 16");
            for (lua_Integer i = 1; i <= len; i++) {
                lua_rawgeti(L, -1, i);
                int isnum;
                rates[nrates++] = lua_tonumberx(L, -1, &isnum);
                if (!isnum)
                    luaL_argerror(L, 2, "rates: array of numbers expected");
                lua_pop(L, 1);
            }
        }
        lua_pop(L, 1);
    }
    lua_newtable(L); /* rows */
    lua_newtable(L); /* skipped */
    lua_Integer n = 0, nskipped = 0;
    for (size_t ii = 0; ii < ds->indicators.count; ii++) {
        if (sel.indicator >= 0 && (long)ii != sel.indicator)
            continue;
        const zb_indicator *ind = &ds->indicators.items[ii];
        for (size_t rr = 0; rr < ds->regions.count; rr++) {
            zbL_charge(L, 1, ZBL_COST_ROW);
            if (sel.region >= 0 && (long)rr != sel.region)
                continue;
            zbL_charge(L, 1, ZBL_COST_ASSESS);
            zb_projection p;
            const zb_region *rg = &ds->regions.items[rr];
            if (zb_project_series(ds, (long)rr, (long)ii, horizon, half_life, &sel.tol, &p) != 0) {
                if (p.trend.n > 0) {
                    lua_createtable(L, 0, 4);
                    set_str(L, "region", zb_ds_str(ds, rg->code));
                    set_str(L, "indicator", zb_ds_str(ds, ind->code));
                    set_int(L, "points", p.trend.n);
                    set_str(L, "reason", p.reason);
                    lua_rawseti(L, -2, ++nskipped);
                }
                continue;
            }
            lua_createtable(L, 0, 24);
            set_str(L, "region", zb_ds_str(ds, rg->code));
            set_str(L, "region_name", zb_ds_str(ds, rg->name));
            set_str(L, "indicator", zb_ds_str(ds, ind->code));
            set_str(L, "name", zb_ds_str(ds, ind->name));
            set_str(L, "unit", zb_ds_str(ds, ind->unit));
            set_int(L, "first_year", p.trend.first_year);
            set_int(L, "last_year", p.trend.last_year);
            set_int(L, "points", p.trend.n);
            set_num(L, "latest", p.latest);
            set_bool(L, "compound", p.compound);
            set_num(L, "pace", p.pace);
            set_bool(L, "nominal", p.compound && zb_unit_is_money(zb_ds_str(ds, ind->unit)));
            if (p.target >= 0) {
                const zb_target *t = &ds->targets.items[p.target];
                set_str(L, "plan", zb_ds_str(ds, t->plan));
                set_int(L, "target_year", p.target_year);
                set_str(L, "target_text", zb_ds_str(ds, t->target_text));
                set_num(L, "goal", p.goal);
                set_num(L, "at_target_year", p.at_target_year);
                set_bool(L, "meets", p.meets);
            }
            set_int(L, "horizon", horizon);
            set_num(L, "at_horizon", p.at_horizon);
            set_bool(L, "capped", p.capped != 0);
            /* Growth scenarios only for money (zb_project.h); the other
             * rows carry no scenarios field. */
            if (nrates && p.scenarios) {
                lua_createtable(L, nrates, 0);
                for (int k = 0; k < nrates; k++) {
                    lua_createtable(L, 0, 2);
                    set_num(L, "rate", rates[k]);
                    set_num(L, "value", zb_projection_scenario(&p, rates[k], horizon));
                    lua_rawseti(L, -2, k + 1);
                }
                lua_setfield(L, -2, "scenarios");
            }
            lua_rawseti(L, -3, ++n);
        }
    }
    return 2;
}

static const luaL_Reg growth_funcs[] = {
    {"cagr", l_cagr},
    {"project_compound", l_project_compound},
    {"project_linear", l_project_linear},
    {"required_rate", l_required_rate},
    {"required_pp", l_required_pp},
    {"years_to_reach", l_years_to_reach},
    {"reduction_annual", l_reduction_annual},
    {"reduction_total", l_reduction_total},
    {"doubling_rate", l_doubling_rate},
    {"doubling_years", l_doubling_years},
    {"tolerance", l_tolerance},
    {"pace", l_pace},
    {NULL, NULL},
};

static const luaL_Reg target_funcs[] = {
    {"parse", l_parse},
    {NULL, NULL},
};

static const luaL_Reg dataset_methods[] = {
    {"progress", l_progress},
    {"consistency", l_consistency},
    {"project", l_project},
    {NULL, NULL},
};

void zbL_open_growth(lua_State *L)
{
    luaL_newlib(L, growth_funcs);
    lua_setfield(L, -2, "growth");
    luaL_newlib(L, target_funcs);
    lua_setfield(L, -2, "target");
    zbL_dataset_addmethods(L, dataset_methods);
}
