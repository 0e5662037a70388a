/* Selections: ds:select{...} and the zb.frame userdata it returns.
 *
 *   local f = ds:select{indicator = "gdp", from = 2015}
 *   #f, f[1], f:column("value"), for i, r in f:rows() do ... end
 *   f:sum(), f:min(), f:max(), f:mean(), f:count(), f:count_missing()
 *   f:outside(0, 100), f:where{year = 2020}, f:group("region"), f:head(5)
 *
 * A frame is a list of row numbers into the store's columns (core/zb_frame),
 * never a copy of the values: sums, ranges and groups run in C over the
 * flat arrays, and values cross into Lua only through column(), rows(),
 * f[i] and group(), when a script asks.  The dataset userdata is the
 * frame's user value, so the store outlives every frame over it.
 */
#include <lauxlib.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lzb.h"
#include "zb_lang.h"
#include "zb_text.h"

typedef struct frame_ud {
    zb_rows r;
} frame_ud;

zb_rows *zbL_newframe(lua_State *L, int dsidx)
{
    dsidx = lua_absindex(L, dsidx);
    zbL_checkdataset(L, dsidx);
    frame_ud *f = lua_newuserdatauv(L, sizeof *f, 1);
    f->r.rows = NULL;
    f->r.n = 0;
    luaL_setmetatable(L, ZB_FRAME_MT);
    lua_pushvalue(L, dsidx);
    lua_setiuservalue(L, -2, 1);
    return &f->r;
}

zb_rows *zbL_checkframe(lua_State *L, int idx)
{
    return &((frame_ud *)luaL_checkudata(L, idx, ZB_FRAME_MT))->r;
}

/* The frame's dataset; raises when it has been closed. */
static zb_dataset *frame_ds(lua_State *L, int idx)
{
    lua_getiuservalue(L, idx, 1);
    zb_dataset *ds = zbL_todataset(L, -1);
    lua_pop(L, 1);
    if (!ds)
        luaL_error(L, "%s", ZB_T("该筛选结果所属的数据集已关闭", "the dataset of this frame is closed"));
    return ds;
}

static void oom(lua_State *L) { luaL_error(L, "%s", ZB_T("内存不足", "out of memory")); }

/* Fills out with the rows of in that pass the filter at arg (a copy of in
 * when the filter names nothing).  Leaves the filter's flags pushed. */
static void select_into(lua_State *L, zb_dataset *ds, const zb_rows *in, int arg, zb_rows *out)
{
    zb_filter f;
    int nfields = zbL_checkfilter(L, ds, arg, ZBL_FILTER_ALL, &f);
    if (nfields == 0 && !in->rows) {
        *out = *in; /* every row, still without a list */
        return;
    }
    if (nfields == 0) {
        out->rows = malloc((in->n ? in->n : 1) * sizeof *out->rows);
        if (!out->rows)
            oom(L);
        memcpy(out->rows, in->rows, in->n * sizeof *out->rows);
        out->n = in->n;
        zbL_charge(L, in->n, ZBL_COST_ROW);
        return;
    }
    if (zb_frame_select(&ds->obs, in, &f, out) != 0)
        oom(L);
    zbL_charge(L, in->n, ZBL_COST_ROW); /* the rows belong to the frame now */
}

/* ds:select([filter]) -> frame */
static int l_select(lua_State *L)
{
    zb_dataset *ds = zbL_checkdataset(L, 1);
    lua_settop(L, 2); /* the filter keeps its place when the frame is pushed */
    zb_rows *out = zbL_newframe(L, 1);
    zb_rows all = {NULL, ds->obs.count};
    select_into(L, ds, &all, 2, out);
    lua_pop(L, 1); /* the filter's flags */
    return 1;
}

/* f:where(filter) -> frame: the rows of f that also pass filter */
static int f_where(lua_State *L)
{
    zb_rows *in = zbL_checkframe(L, 1);
    zb_dataset *ds = frame_ds(L, 1);
    luaL_checktype(L, 2, LUA_TTABLE);
    lua_getiuservalue(L, 1, 1);
    zb_rows *out = zbL_newframe(L, -1);
    select_into(L, ds, in, 2, out);
    lua_pop(L, 1);
    return 1;
}

/* ---- cells ---- */

enum {
    COL_REGION, COL_REGION_NAME, COL_INDICATOR, COL_INDICATOR_NAME, COL_UNIT, COL_YEAR,
    COL_VALUE, COL_STATUS, COL_SOURCE, COL_RAW, COL_NOTE, COL_LINE
};
static const char *const column_names[] = {
    "region", "region_name", "indicator", "indicator_name", "unit", "year",
    "value", "status", "source", "raw", "note", "line", NULL,
};

/* Pushes one cell of a row (nil for a missing value): [-0, +1, m] */
static void push_cell(lua_State *L, const zb_dataset *ds, uint32_t row, int col)
{
    const zb_obs *o = &ds->obs;
    const zb_region *r = &ds->regions.items[o->region[row]];
    const zb_indicator *ind = &ds->indicators.items[o->indicator[row]];
    switch (col) {
    case COL_REGION: lua_pushstring(L, zb_ds_str(ds, r->code)); break;
    case COL_REGION_NAME: lua_pushstring(L, zb_ds_str(ds, r->name)); break;
    case COL_INDICATOR: lua_pushstring(L, zb_ds_str(ds, ind->code)); break;
    case COL_INDICATOR_NAME: lua_pushstring(L, zb_ds_str(ds, ind->name)); break;
    case COL_UNIT: lua_pushstring(L, zb_ds_str(ds, ind->unit)); break;
    case COL_YEAR: lua_pushinteger(L, o->year[row]); break;
    case COL_VALUE:
        if (isnan(o->value[row]))
            lua_pushnil(L);
        else
            lua_pushnumber(L, o->value[row]);
        break;
    case COL_STATUS: lua_pushstring(L, zb_status_name((zb_status)o->status[row])); break;
    case COL_SOURCE: lua_pushstring(L, zb_ds_str(ds, o->source[row])); break;
    case COL_RAW: lua_pushstring(L, zb_ds_str(ds, o->raw[row])); break;
    case COL_NOTE: lua_pushstring(L, zb_ds_str(ds, o->note[row])); break;
    default: lua_pushinteger(L, zb_obs_line(o, row)); break;
    }
}

/* Pushes a row as a table {region, indicator, year, value, status, source,
 * raw, note, line}; empty texts and a missing value are left out: [-0, +1, m] */
static void push_row(lua_State *L, const zb_dataset *ds, uint32_t row)
{
    static const int cols[] = {COL_REGION, COL_INDICATOR, COL_YEAR, COL_VALUE, COL_STATUS,
                               COL_SOURCE, COL_RAW, COL_NOTE, COL_LINE};
    lua_createtable(L, 0, 9);
    for (size_t k = 0; k < sizeof cols / sizeof cols[0]; k++) {
        push_cell(L, ds, row, cols[k]);
        if (lua_isnil(L, -1) || (lua_type(L, -1) == LUA_TSTRING && lua_rawlen(L, -1) == 0))
            lua_pop(L, 1);
        else
            lua_setfield(L, -2, column_names[cols[k]]);
    }
}

/* f:column(name) -> array, n
 * A missing value leaves a hole (nil): loop with for i = 1, n. */
static int f_column(lua_State *L)
{
    zb_rows *r = zbL_checkframe(L, 1);
    int col = luaL_checkoption(L, 2, NULL, column_names);
    zb_dataset *ds = frame_ds(L, 1);
    luaL_argcheck(L, r->n <= (size_t)INT32_MAX, 1, "frame too large for a Lua array");
    zbL_charge(L, r->n, ZBL_COST_VALUE);
    lua_createtable(L, (int)r->n, 0);
    for (size_t i = 0; i < r->n; i++) {
        push_cell(L, ds, zb_rows_at(r, i), col);
        lua_rawseti(L, -2, (lua_Integer)i + 1);
    }
    lua_pushinteger(L, (lua_Integer)r->n);
    return 2;
}

/* The iterator of f:rows(...): i, row table (no columns named) or i and the
 * named cells.  Upvalues: the number of columns, then each column. */
static int rows_next(lua_State *L)
{
    zb_rows *r = zbL_checkframe(L, 1);
    lua_Integer i = luaL_checkinteger(L, 2) + 1;
    if (i < 1 || (size_t)i > r->n)
        return 0;
    zb_dataset *ds = frame_ds(L, 1);
    uint32_t row = zb_rows_at(r, (size_t)i - 1);
    int ncols = (int)lua_tointeger(L, lua_upvalueindex(1));
    if (ncols == 0)
        zbL_charge(L, 1, ZBL_COST_RECORD);
    else
        zbL_charge(L, (size_t)ncols, ZBL_COST_VALUE);
    lua_pushinteger(L, i);
    if (ncols == 0) {
        push_row(L, ds, row);
        return 2;
    }
    luaL_checkstack(L, ncols, "too many columns");
    for (int k = 0; k < ncols; k++)
        push_cell(L, ds, row, (int)lua_tointeger(L, lua_upvalueindex(2 + k)));
    return 1 + ncols;
}

/* f:rows([col, ...]) -> iterator, f, 0
 *   for i, r in f:rows() do print(r.region, r.year, r.value) end
 *   for i, region, value in f:rows("region", "value") do ... end */
static int f_rows(lua_State *L)
{
    zbL_checkframe(L, 1);
    int ncols = lua_gettop(L) - 1;
    luaL_argcheck(L, ncols <= 32, 34, "at most 32 columns");
    lua_pushinteger(L, ncols);
    for (int k = 0; k < ncols; k++)
        lua_pushinteger(L, luaL_checkoption(L, 2 + k, NULL, column_names));
    lua_pushcclosure(L, rows_next, 1 + ncols);
    lua_pushvalue(L, 1);
    lua_pushinteger(L, 0);
    return 3;
}

/* ---- bulk statistics ---- */

static void frame_stats(lua_State *L, zb_stats *st)
{
    zb_rows *r = zbL_checkframe(L, 1);
    zb_frame_stats(&frame_ds(L, 1)->obs, r, st);
    zbL_charge(L, r->n, ZBL_COST_ROW);
}

/* f:sum() -> sum of the values (0 when none); missing values are skipped */
static int f_sum(lua_State *L)
{
    zb_stats st;
    frame_stats(L, &st);
    lua_pushnumber(L, st.sum);
    return 1;
}

/* f:count() -> rows with a value */
static int f_count(lua_State *L)
{
    zb_stats st;
    frame_stats(L, &st);
    lua_pushinteger(L, (lua_Integer)st.count);
    return 1;
}

/* f:count_missing() -> rows whose value is missing */
static int f_count_missing(lua_State *L)
{
    zb_stats st;
    frame_stats(L, &st);
    lua_pushinteger(L, (lua_Integer)st.missing);
    return 1;
}

/* f:mean() -> mean of the values | nil when there are none */
static int f_mean(lua_State *L)
{
    zb_stats st;
    frame_stats(L, &st);
    if (st.count == 0)
        lua_pushnil(L);
    else
        lua_pushnumber(L, st.sum / (double)st.count);
    return 1;
}

static int push_extreme(lua_State *L, int max)
{
    zb_stats st;
    frame_stats(L, &st);
    if (st.count == 0) {
        lua_pushnil(L);
        return 1;
    }
    lua_pushnumber(L, max ? st.max : st.min);
    lua_pushinteger(L, (lua_Integer)(max ? st.max_at : st.min_at) + 1);
    return 2;
}

/* f:min() -> smallest value, its position i (f[i] is its row) | nil */
static int f_min(lua_State *L) { return push_extreme(L, 0); }

/* f:max() -> largest value, its position | nil */
static int f_max(lua_State *L) { return push_extreme(L, 1); }

static void set_stats(lua_State *L, const zb_stats *st)
{
    lua_pushinteger(L, (lua_Integer)st->count);
    lua_setfield(L, -2, "count");
    lua_pushinteger(L, (lua_Integer)st->missing);
    lua_setfield(L, -2, "missing");
    lua_pushnumber(L, st->sum);
    lua_setfield(L, -2, "sum");
    if (st->count) {
        lua_pushnumber(L, st->min);
        lua_setfield(L, -2, "min");
        lua_pushnumber(L, st->max);
        lua_setfield(L, -2, "max");
        lua_pushnumber(L, st->sum / (double)st->count);
        lua_setfield(L, -2, "mean");
    }
}

/* f:stats() -> {count=, missing=, sum=, min=, max=, mean=} in one pass */
static int f_stats(lua_State *L)
{
    zb_stats st;
    frame_stats(L, &st);
    lua_createtable(L, 0, 6);
    set_stats(L, &st);
    return 1;
}

static double opt_bound(lua_State *L, int arg)
{
    if (lua_isnoneornil(L, arg))
        return NAN;
    double v = luaL_checknumber(L, arg);
    luaL_argcheck(L, !isnan(v), arg, "bound is not a number");
    return v;
}

/* f:outside(lo, hi) -> frame of the rows whose value is below lo or above
 * hi; nil for a bound means none on that side; missing values are never
 * outside. */
static int f_outside(lua_State *L)
{
    zb_rows *in = zbL_checkframe(L, 1);
    double lo = opt_bound(L, 2), hi = opt_bound(L, 3);
    luaL_argcheck(L, !(isnan(lo) && isnan(hi)), 2, "a lower or an upper bound expected");
    luaL_argcheck(L, isnan(lo) || isnan(hi) || lo <= hi, 3, "upper bound below the lower bound");
    zb_dataset *ds = frame_ds(L, 1);
    lua_getiuservalue(L, 1, 1);
    zb_rows *out = zbL_newframe(L, -1);
    if (zb_frame_outside(&ds->obs, in, lo, hi, out) != 0)
        oom(L);
    zbL_charge(L, in->n, ZBL_COST_ROW);
    return 1;
}

/* f:group(by) -> array of {<by>=key, name=, count=, missing=, sum=, min=,
 * max=, mean=}, by "region", "indicator" or "year", in key order (file
 * order of regions and indicators, years ascending); only keys with rows. */
static int f_group(lua_State *L)
{
    static const char *const bys[] = {"region", "indicator", "year", NULL};
    zb_rows *r = zbL_checkframe(L, 1);
    zb_group_by by = (zb_group_by)luaL_checkoption(L, 2, NULL, bys);
    zb_dataset *ds = frame_ds(L, 1);
    size_t ng = zb_frame_group_count(&ds->obs, ds->regions.count, ds->indicators.count, by);
    zb_stats *g = lua_newuserdatauv(L, (ng ? ng : 1) * sizeof *g, 0);
    if (zb_frame_group(&ds->obs, r, by, g, ng) != 0)
        return luaL_error(L, "group: a row's key is outside the dataset (corrupt store)");
    zbL_charge(L, r->n + ng, ZBL_COST_ROW);
    lua_newtable(L);
    lua_Integer n = 0;
    for (size_t k = 0; k < ng; k++) {
        if (g[k].count + g[k].missing == 0)
            continue;
        zbL_charge(L, 1, ZBL_COST_RECORD);
        lua_createtable(L, 0, 8);
        if (by == ZB_BY_YEAR) {
            lua_pushinteger(L, ds->obs.year_min + (lua_Integer)k);
        } else {
            const char *code = by == ZB_BY_REGION ? zb_ds_str(ds, ds->regions.items[k].code)
                                                  : zb_ds_str(ds, ds->indicators.items[k].code);
            const char *name = by == ZB_BY_REGION ? zb_ds_str(ds, ds->regions.items[k].name)
                                                  : zb_ds_str(ds, ds->indicators.items[k].name);
            lua_pushstring(L, name);
            lua_setfield(L, -2, "name");
            lua_pushstring(L, code);
        }
        lua_setfield(L, -2, bys[by]);
        set_stats(L, &g[k]);
        lua_rawseti(L, -2, ++n);
    }
    return 1;
}

/* f:head([n]) -> frame of the first n rows (default 10) */
static int f_head(lua_State *L)
{
    zb_rows *in = zbL_checkframe(L, 1);
    lua_Integer want = luaL_optinteger(L, 2, 10);
    luaL_argcheck(L, want >= 0, 2, "count must not be negative");
    size_t n = (size_t)want < in->n ? (size_t)want : in->n;
    lua_getiuservalue(L, 1, 1);
    zb_rows *out = zbL_newframe(L, -1);
    if (!in->rows) {
        out->n = n; /* the first n rows, still without a list */
        return 1;
    }
    if (n) {
        out->rows = malloc(n * sizeof *out->rows);
        if (!out->rows)
            oom(L);
        memcpy(out->rows, in->rows, n * sizeof *out->rows);
    }
    out->n = n;
    zbL_charge(L, n, ZBL_COST_ROW);
    return 1;
}

/* ---- display ---- */

/* Names are cut to fit a terminal line: 12 Chinese characters, or 36
 * columns of English, whose names run longer. */
enum { SHOW_COLS = 6, NAME_WIDTH_ZH = 24, NAME_WIDTH_EN = 36 };

/* Writes one display cell of a row into buf (names cut with an ellipsis)
 * and returns it. */
static const char *display_cell(const zb_dataset *ds, uint32_t row, int col, char *buf, size_t len)
{
    const zb_obs *o = &ds->obs;
    int en = zb_lang_get() == ZB_LANG_EN;
    const zb_region *r = &ds->regions.items[o->region[row]];
    const zb_indicator *ind = &ds->indicators.items[o->indicator[row]];
    const char *s = "";
    switch (col) {
    case 0: s = zb_ds_str(ds, en && r->name_en ? r->name_en : r->name); break;
    case 1: s = zb_ds_str(ds, en && ind->name_en ? ind->name_en : ind->name); break;
    case 2: snprintf(buf, len, "%d", o->year[row]); return buf;
    case 3:
        if (isnan(o->value[row]))
            return "——";
        snprintf(buf, len, "%.*f", ind->decimals >= 0 && ind->decimals <= 9 ? ind->decimals : 2,
                 o->value[row]);
        return buf;
    case 4: s = zb_ds_str(ds, ind->unit); break;
    default: return zb_status_label((zb_status)o->status[row]);
    }
    size_t max = en ? NAME_WIDTH_EN : NAME_WIDTH_ZH;
    if (zb_text_width(s) <= max)
        return s;
    size_t cut = zb_text_cut(s, max - 1);
    snprintf(buf, len, "%.*s…", (int)cut, s);
    return buf;
}

/* Ends a table line: no trailing spaces (an empty last cell leaves some). */
static void end_line(luaL_Buffer *b)
{
    while (luaL_bufflen(b) > 0 && luaL_buffaddr(b)[luaL_bufflen(b) - 1] == ' ')
        luaL_buffsub(b, 1);
    luaL_addchar(b, '\n');
}

static void add_padded(luaL_Buffer *b, const char *s, size_t width, int right, int last)
{
    size_t w = zb_text_width(s);
    size_t gap = w < width ? width - w : 0;
    if (right)
        for (size_t k = 0; k < gap; k++)
            luaL_addchar(b, ' ');
    luaL_addstring(b, s);
    if (!right && !last)
        for (size_t k = 0; k < gap; k++)
            luaL_addchar(b, ' ');
}

/* f:format([n]) -> the first n rows (default 10) as an aligned table, with
 * the row count under it.  Columns: region, indicator, year, value, unit,
 * and status when a row shown is not an actual figure. */
static int f_format(lua_State *L)
{
    zb_rows *r = zbL_checkframe(L, 1);
    lua_Integer want = luaL_optinteger(L, 2, 10);
    luaL_argcheck(L, want >= 0, 2, "count must not be negative");
    zb_dataset *ds = frame_ds(L, 1);
    size_t shown = (size_t)want < r->n ? (size_t)want : r->n;
    zbL_charge(L, shown, ZBL_COST_RECORD);
    const char *heads[SHOW_COLS];
    heads[0] = ZB_T("地区", "region");
    heads[1] = ZB_T("指标", "indicator");
    heads[2] = ZB_T("年份", "year");
    heads[3] = ZB_T("数值", "value");
    heads[4] = ZB_T("单位", "unit");
    heads[5] = ZB_T("状态", "status");
    size_t width[SHOW_COLS];
    int ncols = 5;
    char buf[256];
    for (int c = 0; c < SHOW_COLS; c++)
        width[c] = zb_text_width(heads[c]);
    for (size_t i = 0; i < shown; i++) {
        uint32_t row = zb_rows_at(r, i);
        if (ds->obs.status[row] != ZB_STATUS_ACTUAL)
            ncols = SHOW_COLS;
        for (int c = 0; c < SHOW_COLS; c++) {
            size_t w = zb_text_width(display_cell(ds, row, c, buf, sizeof buf));
            if (w > width[c])
                width[c] = w;
        }
    }
    luaL_Buffer b;
    luaL_buffinit(L, &b);
    if (shown) {
        for (int c = 0; c < ncols; c++) {
            add_padded(&b, heads[c], width[c], c == 2 || c == 3, c == ncols - 1);
            if (c < ncols - 1)
                luaL_addstring(&b, "  ");
        }
        end_line(&b);
    }
    for (size_t i = 0; i < shown; i++) {
        uint32_t row = zb_rows_at(r, i);
        for (int c = 0; c < ncols; c++) {
            add_padded(&b, display_cell(ds, row, c, buf, sizeof buf), width[c], c == 2 || c == 3,
                       c == ncols - 1);
            if (c < ncols - 1)
                luaL_addstring(&b, "  ");
        }
        end_line(&b);
    }
    if (shown < r->n)
        luaL_addstring(&b, "… ");
    if (zb_lang_get() == ZB_LANG_EN)
        lua_pushfstring(L, r->n == 1 ? "%I row" : "%I rows", (lua_Integer)r->n);
    else
        lua_pushfstring(L, "共 %I 行", (lua_Integer)r->n);
    luaL_addvalue(&b);
    luaL_pushresult(&b);
    return 1;
}

static int f_tostring(lua_State *L)
{
    lua_settop(L, 1);
    return f_format(L);
}

static int f_len(lua_State *L)
{
    lua_pushinteger(L, (lua_Integer)zbL_checkframe(L, 1)->n);
    return 1;
}

/* f[i] -> row table i (1-based) | nil; f.name -> a method */
static int f_index(lua_State *L)
{
    zb_rows *r = zbL_checkframe(L, 1);
    int isint;
    lua_Integer i = lua_tointegerx(L, 2, &isint);
    if (isint && lua_type(L, 2) == LUA_TNUMBER) {
        if (i < 1 || (size_t)i > r->n)
            return 0;
        zbL_charge(L, 1, ZBL_COST_RECORD);
        push_row(L, frame_ds(L, 1), zb_rows_at(r, (size_t)i - 1));
        return 1;
    }
    if (lua_type(L, 2) != LUA_TSTRING)
        return 0;
    lua_pushvalue(L, 2);
    lua_rawget(L, lua_upvalueindex(1));
    return 1;
}

static int f_gc(lua_State *L)
{
    zb_rows *r = zbL_checkframe(L, 1);
    free(r->rows);
    r->rows = NULL;
    r->n = 0;
    return 0;
}

static const luaL_Reg frame_methods[] = {
    {"column", f_column}, {"rows", f_rows},         {"sum", f_sum},
    {"min", f_min},       {"max", f_max},           {"mean", f_mean},
    {"count", f_count},   {"count_missing", f_count_missing},
    {"stats", f_stats},   {"outside", f_outside},   {"where", f_where},
    {"group", f_group},   {"head", f_head},         {"format", f_format},
    {NULL, NULL},
};

static const luaL_Reg frame_meta[] = {
    {"__len", f_len},
    {"__tostring", f_tostring},
    {"__gc", f_gc},
    {NULL, NULL},
};

static const luaL_Reg dataset_methods[] = {
    {"select", l_select},
    {NULL, NULL},
};

void zbL_open_select(lua_State *L)
{
    luaL_newmetatable(L, ZB_FRAME_MT);
    luaL_setfuncs(L, frame_meta, 0);
    luaL_newlib(L, frame_methods);
    lua_pushcclosure(L, f_index, 1);
    lua_setfield(L, -2, "__index");
    lua_pop(L, 1);
    zbL_dataset_addmethods(L, dataset_methods);
}
