/* The dataset userdata: zb.open(dir) and its methods.
 *
 * Only what a script asks for crosses into Lua: ds:value() looks one cell up
 * in C; lists (regions, indicators, targets) are built as tables on request.
 */
#include <lauxlib.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "lzb.h"
#include "zb_lang.h"
#include "zb_load.h"
#include "zb_reader.h"

/* Closing a dataset (ds:__close(), a <close> variable, __gc called by
 * hand) only marks it closed; its memory is freed by a hidden owner
 * userdata when the collector takes it.  A C function running on the
 * dataset may run script code in the middle (an __index of its options, a
 * coroutine.close there, a finalizer at any allocation) that closes it:
 * freeing at once left the function reading freed memory.  The owner is
 * made before the dataset userdata, so that the collector, which runs
 * finalizers in the reverse order of their marking, always marks the
 * dataset closed before the owner frees it. */
typedef struct dataset_ud {
    zb_dataset *ds; /* NULL once closed */
} dataset_ud;

typedef struct dataset_owner {
    zb_dataset *ds;
} dataset_owner;

/* The owner's metatable: registry[&OWNER_MT_KEY], not under a name, so
 * that no script reaches its __gc. */
static const char OWNER_MT_KEY = 'o';

static int owner_gc(lua_State *L)
{
    dataset_owner *o = lua_touserdata(L, 1);
    zb_dataset_free(o->ds);
    o->ds = NULL;
    return 0;
}

/* Sets the metatable registry[key] (made the first time, with gc as its
 * __gc) on the userdata on top: [-0, +0, m] */
static void set_hidden_mt(lua_State *L, const char *key, lua_CFunction gc)
{
    if (lua_rawgetp(L, LUA_REGISTRYINDEX, key) != LUA_TTABLE) {
        lua_pop(L, 1);
        lua_createtable(L, 0, 1);
        lua_pushcfunction(L, gc);
        lua_setfield(L, -2, "__gc");
        lua_pushvalue(L, -1);
        lua_rawsetp(L, LUA_REGISTRYINDEX, key);
    }
    lua_setmetatable(L, -2);
}

/* The owner and the dataset userdata, for the dataset (a light userdata)
 * at 1: every allocation comes first, so that the dataset is in both or in
 * neither.  A lua_CFunction: [-0, +1, m] */
static int push_pair(lua_State *L)
{
    zb_dataset *ds = lua_touserdata(L, 1);
    dataset_owner *o = lua_newuserdatauv(L, sizeof *o, 0);
    o->ds = NULL;
    set_hidden_mt(L, &OWNER_MT_KEY, owner_gc);
    dataset_ud *ud = lua_newuserdatauv(L, sizeof *ud, 1);
    ud->ds = NULL;
    luaL_setmetatable(L, ZB_DATASET_MT);
    lua_insert(L, -2);
    lua_setiuservalue(L, -2, 1); /* the dataset userdata keeps its owner */
    o->ds = ds;
    ud->ds = ds;
    return 1;
}

void zbL_pushdataset(lua_State *L, zb_dataset *ds)
{
    /* Protected: the dataset was allocated before its owner, and a memory
     * error in making the owner would leave it to no one. */
    lua_pushcfunction(L, push_pair);
    lua_pushlightuserdata(L, ds);
    if (lua_pcall(L, 1, 1, 0) != LUA_OK) {
        zb_dataset_free(ds);
        lua_error(L);
    }
}

zb_dataset *zbL_checkdataset(lua_State *L, int idx)
{
    dataset_ud *ud = luaL_checkudata(L, idx, ZB_DATASET_MT);
    if (!ud->ds)
        luaL_argerror(L, idx, "dataset is closed");
    return ud->ds;
}

zb_dataset *zbL_todataset(lua_State *L, int idx)
{
    dataset_ud *ud = luaL_testudata(L, idx, ZB_DATASET_MT);
    return ud ? ud->ds : NULL;
}

static void set_str(lua_State *L, const char *key, const char *value)
{
    if (value && *value) {
        lua_pushstring(L, value);
        lua_setfield(L, -2, key);
    }
}

static void set_int(lua_State *L, const char *key, lua_Integer v)
{
    lua_pushinteger(L, v);
    lua_setfield(L, -2, key);
}

static void set_num(lua_State *L, const char *key, double v)
{
    if (!isnan(v)) {
        lua_pushnumber(L, v);
        lua_setfield(L, -2, key);
    }
}

/* Pushes a region as a table: [-0, +1, m] */
static void push_region(lua_State *L, const zb_dataset *ds, long i)
{
    const zb_region *r = &ds->regions.items[i];
    lua_createtable(L, 0, 8);
    set_str(L, "code", zb_ds_str(ds, r->code));
    set_str(L, "name", zb_ds_str(ds, r->name));
    set_str(L, "name_en", zb_ds_str(ds, r->name_en));
    set_str(L, "level", zb_level_name(r->level));
    if (r->parent >= 0)
        set_str(L, "parent", zb_ds_str(ds, ds->regions.items[r->parent].code));
    set_str(L, "source", zb_ds_str(ds, r->source));
    set_int(L, "children", r->nchildren);
}

/* Pushes an indicator as a table: [-0, +1, m] */
static void push_indicator(lua_State *L, const zb_dataset *ds, long i)
{
    const zb_indicator *ind = &ds->indicators.items[i];
    char agg[256];
    zb_aggregation_format(&ind->agg, ds->strs, agg, sizeof agg);
    lua_createtable(L, 0, 13);
    set_str(L, "code", zb_ds_str(ds, ind->code));
    set_str(L, "name", zb_ds_str(ds, ind->name));
    set_str(L, "name_en", zb_ds_str(ds, ind->name_en));
    set_str(L, "unit", zb_ds_str(ds, ind->unit));
    set_str(L, "category", zb_ds_str(ds, ind->category));
    set_str(L, "attribute", zb_attribute_name(ind->attribute));
    set_str(L, "kind", zb_kind_name(ind->kind));
    set_str(L, "aggregation", agg);
    set_str(L, "direction", zb_direction_name(ind->direction));
    set_int(L, "decimals", ind->decimals);
    set_str(L, "source", zb_ds_str(ds, ind->source));
    set_str(L, "note", zb_ds_str(ds, ind->note));
}

/* Pushes a target as a table: [-0, +1, m] */
static void push_target(lua_State *L, const zb_dataset *ds, const zb_target *t)
{
    const zb_indicator *ind = &ds->indicators.items[t->indicator];
    lua_createtable(L, 0, 16);
    set_str(L, "plan", zb_ds_str(ds, t->plan));
    set_str(L, "plan_name", zb_ds_str(ds, t->plan_name));
    set_str(L, "region", zb_ds_str(ds, ds->regions.items[t->region].code));
    set_str(L, "indicator", zb_ds_str(ds, ind->code));
    if (t->base_year)
        set_int(L, "base_year", t->base_year);
    set_str(L, "base_text", zb_ds_str(ds, t->base_text));
    set_num(L, "base_value", t->base_value);
    lua_pushboolean(L, t->base_corrected);
    lua_setfield(L, -2, "base_corrected");
    set_int(L, "target_year", t->target_year);
    set_str(L, "target_text", zb_ds_str(ds, t->target_text));
    set_str(L, "growth_text", zb_ds_str(ds, t->growth_text));
    set_str(L, "achieved_text", zb_ds_str(ds, t->achieved_text));
    set_str(L, "achieved_growth_text", zb_ds_str(ds, t->achieved_growth_text));
    set_str(L, "attribute", zb_attribute_name(t->attribute ? t->attribute : ind->attribute));
    set_str(L, "source", zb_ds_str(ds, t->source));
    set_str(L, "note", zb_ds_str(ds, t->note));
}

/* A code argument: a string, or an integer written without quotes
 * (520502); anything else is "<what> expected, got <type>". */
static const char *check_code(lua_State *L, int arg, const char *what)
{
    if (lua_type(L, arg) == LUA_TSTRING || lua_isinteger(L, arg))
        return lua_tostring(L, arg);
    luaL_typeerror(L, arg, what);
    return NULL;
}

long zbL_checkregion(lua_State *L, const zb_dataset *ds, int arg)
{
    const char *code = check_code(L, arg, "region code");
    long r = zb_ds_region(ds, code);
    if (r < 0)
        luaL_argerror(L, arg, lua_pushfstring(L, ZB_T("未知的地区代码“%s”", "unknown region code '%s'"), code));
    return r;
}

long zbL_checkindicator(lua_State *L, const zb_dataset *ds, int arg)
{
    const char *code = check_code(L, arg, "indicator code");
    long i = zb_ds_indicator(ds, code);
    if (i < 0)
        luaL_argerror(L, arg, lua_pushfstring(L, ZB_T("未知的指标代码“%s”", "unknown indicator code '%s'"), code));
    return i;
}

int zbL_checkyear(lua_State *L, int arg)
{
    if (lua_type(L, arg) != LUA_TNUMBER)
        luaL_typeerror(L, arg, "year");
    lua_Integer y = luaL_checkinteger(L, arg);
    luaL_argcheck(L, y >= ZB_YEAR_FIRST && y <= ZB_YEAR_LAST, arg, "year out of range (1900-2200)");
    return (int)y;
}

int zbL_optyear(lua_State *L, int arg, int dflt)
{
    return lua_isnoneornil(L, arg) ? dflt : zbL_checkyear(L, arg);
}

/* zb.open's diagnostics, in a userdata while the problems list is built
 * from them, so that a memory error there leaves them to the collector.
 * Its metatable: registry[&DIAGS_MT_KEY]. */
static const char DIAGS_MT_KEY = 'd';

static int diags_gc(lua_State *L)
{
    zb_diags **d = lua_touserdata(L, 1);
    zb_diags_free(*d);
    *d = NULL;
    return 0;
}

/* zb.open(dir [, {encoding=...}]) -> dataset | nil, message, problems
 * A dataset with errors is an expected failure: nil, a summary message, and
 * a list of {severity, file, line, col, message}. */
static int l_open(lua_State *L)
{
    const char *dir = luaL_checkstring(L, 1);
    zb_load_options opt;
    memset(&opt, 0, sizeof opt);
    if (lua_istable(L, 2)) {
        lua_getfield(L, 2, "encoding");
        opt.encoding = lua_tostring(L, -1); /* kept alive by the stack */
        if (opt.encoding && !zb_encoding_name(opt.encoding))
            return luaL_argerror(L, 2, lua_pushfstring(L, ZB_T("不支持的编码“%s”：可用 %s", "unsupported encoding '%s': use %s"),
                                                      opt.encoding, zb_encoding_list()));
    }
    zb_diags **diags = lua_newuserdatauv(L, sizeof *diags, 0);
    *diags = NULL;
    set_hidden_mt(L, &DIAGS_MT_KEY, diags_gc);
    *diags = zb_diags_new();
    if (!*diags)
        return luaL_error(L, "out of memory");
    zb_dataset *ds = zb_dataset_load(dir, &opt, *diags);
    if (!ds)
        return luaL_error(L, "out of memory");
    if (zb_diags_errors(*diags) > 0) {
        /* The problems are read from the diagnostics alone. */
        zb_dataset_free(ds);
        const zb_diags *d = *diags;
        lua_pushnil(L);
        lua_pushfstring(L, ZB_T("数据集 %s 有 %d 个错误", "dataset %s has %d errors"), dir, (int)zb_diags_errors(d));
        lua_createtable(L, (int)zb_diags_count(d), 0);
        for (size_t i = 0; i < zb_diags_count(d); i++) {
            const zb_diag *g = zb_diag_at(d, i);
            lua_createtable(L, 0, 5);
            set_str(L, "severity", g->severity == ZB_ERROR ? "error" : g->severity == ZB_WARNING ? "warning" : "note");
            set_str(L, "file", g->file);
            set_int(L, "line", (lua_Integer)g->line);
            set_int(L, "col", (lua_Integer)g->col);
            set_str(L, "message", g->message);
            lua_rawseti(L, -2, (lua_Integer)i + 1);
        }
        zb_diags_free(*diags);
        *diags = NULL;
        return 3;
    }
    zb_diags_free(*diags);
    *diags = NULL;
    zbL_pushdataset(L, ds);
    return 1;
}

/* ds:regions([level | {level=, parent=, within=, region=}]) -> array of
 * region tables, in file order */
static int l_regions(lua_State *L)
{
    zb_dataset *ds = zbL_checkdataset(L, 1);
    lua_settop(L, 2);
    zb_filter f = zb_filter_any();
    int level = -1;
    if (lua_type(L, 2) == LUA_TSTRING) {
        level = zb_level_parse(lua_tostring(L, 2));
        luaL_argcheck(L, level >= 0, 2, "level expected (province, city, county, zone)");
        lua_pushnil(L); /* where the filter's flags would be */
    } else {
        zbL_checkfilter(L, ds, 2, ZBL_FILTER_REGIONS, &f);
    }
    zbL_charge(L, ds->regions.count, ZBL_COST_ROW);
    lua_newtable(L);
    lua_Integer n = 0;
    for (size_t i = 0; i < ds->regions.count; i++) {
        if (level >= 0 && (int)ds->regions.items[i].level != level)
            continue;
        if (f.regions && !f.regions[i])
            continue;
        zbL_charge(L, 1, ZBL_COST_RECORD);
        push_region(L, ds, (long)i);
        lua_rawseti(L, -2, ++n);
    }
    return 1;
}

/* ds:region(code) -> region table | nil */
static int l_region(lua_State *L)
{
    zb_dataset *ds = zbL_checkdataset(L, 1);
    long r = zb_ds_region(ds, luaL_checkstring(L, 2));
    zbL_charge(L, 1, ZBL_COST_RECORD);
    if (r < 0)
        lua_pushnil(L);
    else
        push_region(L, ds, r);
    return 1;
}

/* ds:children(code) -> array of the region's children, in file order */
static int l_children(lua_State *L)
{
    zb_dataset *ds = zbL_checkdataset(L, 1);
    long r = zbL_checkregion(L, ds, 2);
    lua_newtable(L);
    lua_Integer n = 0;
    for (long c = ds->regions.items[r].first_child; c >= 0; c = ds->regions.items[c].next_sibling) {
        zbL_charge(L, 1, ZBL_COST_RECORD);
        push_region(L, ds, c);
        lua_rawseti(L, -2, ++n);
    }
    return 1;
}

/* ds:indicators([{kind=, category=, attribute=, pattern=, indicator=}]) ->
 * array of indicator tables, in file order */
static int l_indicators(lua_State *L)
{
    zb_dataset *ds = zbL_checkdataset(L, 1);
    lua_settop(L, 2);
    zb_filter f;
    zbL_checkfilter(L, ds, 2, ZBL_FILTER_INDICATORS, &f);
    zbL_charge(L, ds->indicators.count, ZBL_COST_ROW);
    lua_newtable(L);
    lua_Integer n = 0;
    for (size_t i = 0; i < ds->indicators.count; i++) {
        if (f.indicators && !f.indicators[i])
            continue;
        zbL_charge(L, 1, ZBL_COST_RECORD);
        push_indicator(L, ds, (long)i);
        lua_rawseti(L, -2, ++n);
    }
    return 1;
}

/* ds:indicator(code) -> indicator table | nil */
static int l_indicator(lua_State *L)
{
    zb_dataset *ds = zbL_checkdataset(L, 1);
    long i = zb_ds_indicator(ds, luaL_checkstring(L, 2));
    zbL_charge(L, 1, ZBL_COST_RECORD);
    if (i < 0)
        lua_pushnil(L);
    else
        push_indicator(L, ds, i);
    return 1;
}

/* ds:value(region, indicator, year) -> number | nil, status
 * nil when there is no figure (no row, or a missing marker). */
static int l_value(lua_State *L)
{
    zb_dataset *ds = zbL_checkdataset(L, 1);
    long r = zbL_checkregion(L, ds, 2);
    long i = zbL_checkindicator(L, ds, 3);
    int y = zbL_checkyear(L, 4);
    long row = zb_obs_find(&ds->obs, (int32_t)r, (int32_t)i, y);
    if (row < 0 || isnan(ds->obs.value[row])) {
        lua_pushnil(L);
        if (row < 0)
            return 1;
    } else {
        lua_pushnumber(L, ds->obs.value[row]);
    }
    lua_pushstring(L, zb_status_name((zb_status)ds->obs.status[row]));
    return 2;
}

/* ds:observation(region, indicator, year) -> {value, raw, status, source, note, line} | nil */
static int l_observation(lua_State *L)
{
    zb_dataset *ds = zbL_checkdataset(L, 1);
    long r = zbL_checkregion(L, ds, 2);
    long i = zbL_checkindicator(L, ds, 3);
    int y = zbL_checkyear(L, 4);
    long row = zb_obs_find(&ds->obs, (int32_t)r, (int32_t)i, y);
    if (row < 0) {
        lua_pushnil(L);
        return 1;
    }
    zbL_charge(L, 1, ZBL_COST_RECORD);
    lua_createtable(L, 0, 6);
    set_num(L, "value", ds->obs.value[row]);
    set_str(L, "raw", zb_ds_str(ds, ds->obs.raw[row]));
    set_str(L, "status", zb_status_name((zb_status)ds->obs.status[row]));
    set_str(L, "source", zb_ds_str(ds, ds->obs.source[row]));
    set_str(L, "note", zb_ds_str(ds, ds->obs.note[row]));
    set_int(L, "line", zb_obs_line(&ds->obs, row));
    return 1;
}

/* A field of the table at t as a string, or NULL.  The value stays pushed:
 * a number made a string here, or a string an __index made, lives only on
 * the stack, and a collection would free it under the pointer.  [-0, +1, m] */
static const char *opt_field(lua_State *L, int t, const char *key)
{
    lua_getfield(L, t, key);
    return lua_tostring(L, -1);
}

/* ds:targets([{plan=, region=, indicator=}]) -> array of target tables in
 * file order, filtered by the fields given */
static int l_targets(lua_State *L)
{
    zb_dataset *ds = zbL_checkdataset(L, 1);
    const char *plan = NULL, *region = NULL, *indicator = NULL;
    lua_settop(L, 2);
    if (!lua_isnil(L, 2)) {
        luaL_checktype(L, 2, LUA_TTABLE);
        plan = opt_field(L, 2, "plan");
        region = opt_field(L, 2, "region");
        indicator = opt_field(L, 2, "indicator");
    }
    zbL_charge(L, ds->targets.count, ZBL_COST_ROW);
    uint32_t plan_id = plan ? zb_strtab_find(ds->strs, plan, strlen(plan)) : 0;
    long r = region ? zb_ds_region(ds, region) : -1;
    long ind = indicator ? zb_ds_indicator(ds, indicator) : -1;
    lua_newtable(L);
    if ((plan && !plan_id) || (region && r < 0) || (indicator && ind < 0))
        return 1; /* nothing matches an unknown code */
    lua_Integer n = 0;
    for (size_t k = 0; k < ds->targets.count; k++) {
        const zb_target *t = &ds->targets.items[k];
        if ((plan && t->plan != plan_id) || (region && t->region != r) ||
            (indicator && t->indicator != ind))
            continue;
        zbL_charge(L, 1, ZBL_COST_RECORD);
        push_target(L, ds, t);
        lua_rawseti(L, -2, ++n);
    }
    return 1;
}

/* ds:plans() -> array of {plan=, plan_name=, region=, targets=n} in order
 * of first appearance */
static int l_plans(lua_State *L)
{
    zb_dataset *ds = zbL_checkdataset(L, 1);
    zbL_charge(L, ds->targets.count, ZBL_COST_VALUE);
    lua_newtable(L);      /* result */
    lua_newtable(L);      /* plan id -> entry */
    lua_Integer n = 0;
    for (size_t k = 0; k < ds->targets.count; k++) {
        const zb_target *t = &ds->targets.items[k];
        lua_rawgeti(L, -1, t->plan);
        if (lua_isnil(L, -1)) {
            lua_pop(L, 1);
            lua_createtable(L, 0, 4);
            set_str(L, "plan", zb_ds_str(ds, t->plan));
            set_str(L, "plan_name", zb_ds_str(ds, t->plan_name));
            set_str(L, "region", zb_ds_str(ds, ds->regions.items[t->region].code));
            set_int(L, "targets", 0);
            lua_pushvalue(L, -1);
            lua_rawseti(L, -3, t->plan);
            lua_pushvalue(L, -1);
            lua_rawseti(L, -4, ++n);
        }
        lua_getfield(L, -1, "targets");
        lua_Integer c = lua_tointeger(L, -1);
        lua_pop(L, 1);
        set_int(L, "targets", c + 1);
        lua_pop(L, 1);
    }
    lua_pop(L, 1);
    return 1;
}

/* ds:years() -> first, last year with observations (nil when none) */
static int l_years(lua_State *L)
{
    zb_dataset *ds = zbL_checkdataset(L, 1);
    if (ds->obs.count == 0) {
        lua_pushnil(L);
        return 1;
    }
    lua_pushinteger(L, ds->obs.year_min);
    lua_pushinteger(L, ds->obs.year_max);
    return 2;
}

/* ds:counts() -> {regions=, indicators=, observations=, targets=} */
static int l_counts(lua_State *L)
{
    zb_dataset *ds = zbL_checkdataset(L, 1);
    lua_createtable(L, 0, 4);
    set_int(L, "regions", (lua_Integer)ds->regions.count);
    set_int(L, "indicators", (lua_Integer)ds->indicators.count);
    set_int(L, "observations", (lua_Integer)ds->obs.count);
    set_int(L, "targets", (lua_Integer)ds->targets.count);
    return 1;
}

/* __gc and __close: closed from now on; the owner frees the memory. */
static int l_close(lua_State *L)
{
    dataset_ud *ud = luaL_checkudata(L, 1, ZB_DATASET_MT);
    ud->ds = NULL;
    return 0;
}

static int l_tostring(lua_State *L)
{
    dataset_ud *ud = luaL_checkudata(L, 1, ZB_DATASET_MT);
    if (!ud->ds) {
        lua_pushliteral(L, "zb.dataset (closed)");
        return 1;
    }
    const zb_dataset *ds = ud->ds;
    lua_pushfstring(L, "zb.dataset: %s (%d regions, %d indicators, %d observations, %d targets)",
                    ds->dir ? ds->dir : "(built in memory)", (int)ds->regions.count,
                    (int)ds->indicators.count, (int)ds->obs.count, (int)ds->targets.count);
    return 1;
}

static const luaL_Reg dataset_methods[] = {
    {"regions", l_regions},       {"region", l_region},
    {"children", l_children},     {"indicators", l_indicators},
    {"indicator", l_indicator},   {"value", l_value},
    {"observation", l_observation}, {"targets", l_targets},
    {"plans", l_plans},           {"years", l_years},
    {"counts", l_counts},         {NULL, NULL},
};

static const luaL_Reg dataset_meta[] = {
    {"__gc", l_close},
    {"__close", l_close},
    {"__tostring", l_tostring},
    {NULL, NULL},
};

/* zb.open is the dataset's constructor; luaopen_zb (lzb.c) adds it. */
static const luaL_Reg dataset_funcs[] = {
    {"open", l_open},
    {NULL, NULL},
};

void zbL_open_dataset(lua_State *L)
{
    luaL_newmetatable(L, ZB_DATASET_MT);
    luaL_setfuncs(L, dataset_meta, 0);
    luaL_newlib(L, dataset_methods);
    lua_setfield(L, -2, "__index");
    lua_pop(L, 1);
    luaL_setfuncs(L, dataset_funcs, 0);
}

void zbL_dataset_addmethods(lua_State *L, const luaL_Reg *methods)
{
    luaL_getmetatable(L, ZB_DATASET_MT);
    lua_getfield(L, -1, "__index");
    luaL_setfuncs(L, methods, 0);
    lua_pop(L, 2);
}
