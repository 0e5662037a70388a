/* The series userdata: one region x indicator over the years.
 *
 *   local s = ds:series("520502", "gdp")
 *   s[2020], s:at(2020), #s, s:years(), s:values(), s:first(), s:last()
 *   s:cagr(2015, 2020), s:change(2015, 2020), s:project(2025)
 *   for year, value in s:iter() do ... end     (pairs(s) too)
 *
 * A series holds the years that have a figure, in year order; a row whose
 * value is a missing marker (——) is not part of it.  The figures are copied
 * into the userdata when it is made (a series is short: one row per year),
 * so arithmetic on it never goes back to the store.  The dataset userdata is
 * the series' user value: names, units and codes come from it, and it stays
 * alive as long as the series does.
 */
#include <lauxlib.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "lzb.h"
#include "zb_growth.h"
#include "zb_lang.h"
#include "zb_text.h"
#include "zb_trend.h"

typedef struct series_ud {
    int32_t region, indicator;
    int kind;                 /* zb_kind of the indicator */
    size_t n;
    /* followed by double values[n], int years[n], uint32_t rows[n] */
} series_ud;

/* The header rounded up so that the values behind it are aligned. */
#define HEADER ((sizeof(series_ud) + sizeof(double) - 1) / sizeof(double) * sizeof(double))

static double *values_of(series_ud *s) { return (double *)((char *)s + HEADER); }
static int *years_of(series_ud *s) { return (int *)(values_of(s) + s->n); }
static uint32_t *rows_of(series_ud *s) { return (uint32_t *)(years_of(s) + s->n); }

static series_ud *check_series(lua_State *L, int idx)
{
    return luaL_checkudata(L, idx, ZB_SERIES_MT);
}

/* The series' dataset, or NULL when it has been closed. */
static zb_dataset *series_ds(lua_State *L, int idx)
{
    lua_getiuservalue(L, idx, 1);
    zb_dataset *ds = zbL_todataset(L, -1);
    lua_pop(L, 1);
    return ds;
}

/* Levels and per-capita values compound; everything else moves in points. */
static int compounds(int kind) { return kind == ZB_KIND_LEVEL || kind == ZB_KIND_PERCAP; }

void zbL_pushseries(lua_State *L, int dsidx, long region, long indicator)
{
    dsidx = lua_absindex(L, dsidx);
    zb_dataset *ds = zbL_checkdataset(L, dsidx);
    const zb_obs *o = &ds->obs;
    size_t cap = o->count ? (size_t)(o->year_max - o->year_min + 1) : 0;
    /* Rows first into scratch (the series' size is known only after). */
    uint32_t *buf = cap ? lua_newuserdatauv(L, cap * sizeof *buf, 0) : NULL;
    if (!cap)
        lua_pushnil(L);
    long nrows = zb_frame_series(o, (int32_t)region, (int32_t)indicator, buf, cap);
    if (nrows < 0)
        luaL_error(L, "series: more rows than years (corrupt store)");
    size_t n = 0;
    for (long k = 0; k < nrows; k++)
        n += !isnan(o->value[buf[k]]);
    series_ud *s = lua_newuserdatauv(L, HEADER + n * (sizeof(double) + sizeof(int) + sizeof(uint32_t)), 1);
    s->region = (int32_t)region;
    s->indicator = (int32_t)indicator;
    s->kind = ds->indicators.items[indicator].kind;
    s->n = n;
    size_t i = 0;
    for (long k = 0; k < nrows; k++) {
        uint32_t row = buf[k];
        if (isnan(o->value[row]))
            continue;
        values_of(s)[i] = o->value[row];
        years_of(s)[i] = o->year[row];
        rows_of(s)[i] = row;
        i++;
    }
    luaL_setmetatable(L, ZB_SERIES_MT);
    lua_pushvalue(L, dsidx);
    lua_setiuservalue(L, -2, 1);
    lua_remove(L, -2); /* the scratch */
    zbL_charge(L, 1, ZBL_COST_RECORD);
}

/* The position of year in s, or -1. */
static long find_year(series_ud *s, lua_Integer year)
{
    size_t lo = 0, hi = s->n;
    const int *years = years_of(s);
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (years[mid] < year)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < s->n && years[lo] == year ? (long)lo : -1;
}

static const char *indicator_code(const zb_dataset *ds, series_ud *s)
{
    return ds ? zb_ds_str(ds, ds->indicators.items[s->indicator].code) : "?";
}

/* Pushes nil and "no figure of gdp for 2019": the expected failure of a
 * year that is not in the series. */
static int no_figure(lua_State *L, series_ud *s, int year)
{
    luaL_pushfail(L);
    lua_pushfstring(L, ZB_T("%s 没有 %d 年的数值", "%s has no figure for %d"),
                    indicator_code(series_ds(L, 1), s), year);
    return 2;
}

/* ds:series(region, indicator) -> series */
static int l_series(lua_State *L)
{
    zb_dataset *ds = zbL_checkdataset(L, 1);
    long r = zbL_checkregion(L, ds, 2);
    long i = zbL_checkindicator(L, ds, 3);
    zbL_pushseries(L, 1, r, i);
    return 1;
}

/* s:at(year) -> value | nil */
static int s_at(lua_State *L)
{
    series_ud *s = check_series(L, 1);
    long k = find_year(s, zbL_checkyear(L, 2));
    if (k < 0)
        lua_pushnil(L);
    else
        lua_pushnumber(L, values_of(s)[k]);
    return 1;
}

/* s:years() -> {2015, 2020, ...} */
static int s_years(lua_State *L)
{
    series_ud *s = check_series(L, 1);
    zbL_charge(L, s->n, ZBL_COST_VALUE);
    lua_createtable(L, (int)s->n, 0);
    for (size_t i = 0; i < s->n; i++) {
        lua_pushinteger(L, years_of(s)[i]);
        lua_rawseti(L, -2, (lua_Integer)i + 1);
    }
    return 1;
}

/* s:values() -> {290.58, 500.06, ...}, in year order */
static int s_values(lua_State *L)
{
    series_ud *s = check_series(L, 1);
    zbL_charge(L, s->n, ZBL_COST_VALUE);
    lua_createtable(L, (int)s->n, 0);
    for (size_t i = 0; i < s->n; i++) {
        lua_pushnumber(L, values_of(s)[i]);
        lua_rawseti(L, -2, (lua_Integer)i + 1);
    }
    return 1;
}

static int push_point(lua_State *L, series_ud *s, size_t i)
{
    if (s->n == 0) {
        lua_pushnil(L);
        return 1;
    }
    lua_pushinteger(L, years_of(s)[i]);
    lua_pushnumber(L, values_of(s)[i]);
    return 2;
}

/* s:first() -> year, value | nil */
static int s_first(lua_State *L) { return push_point(L, check_series(L, 1), 0); }

/* s:last() -> year, value | nil */
static int s_last(lua_State *L)
{
    series_ud *s = check_series(L, 1);
    return push_point(L, s, s->n ? s->n - 1 : 0);
}

/* Reads the optional year range at args 2 and 3 (defaults: first and last
 * year) into *y0, *y1 and the positions *k0, *k1.  Returns 0, or pushes the
 * expected failure (nil, message) and returns 2. */
static int year_range(lua_State *L, series_ud *s, int *y0, int *y1, long *k0, long *k1)
{
    if (s->n < 2 && lua_isnoneornil(L, 2) && lua_isnoneornil(L, 3)) {
        luaL_pushfail(L);
        lua_pushfstring(L, ZB_T("%s 的数值不足两年", "%s has fewer than two years of figures"),
                        indicator_code(series_ds(L, 1), s));
        return 2;
    }
    *y0 = zbL_optyear(L, 2, s->n ? years_of(s)[0] : 0);
    *y1 = zbL_optyear(L, 3, s->n ? years_of(s)[s->n - 1] : 0);
    luaL_argcheck(L, *y1 > *y0, lua_isnoneornil(L, 3) ? 2 : 3,
                  "the end year must come after the start year");
    if ((*k0 = find_year(s, *y0)) < 0)
        return no_figure(L, s, *y0);
    if ((*k1 = find_year(s, *y1)) < 0)
        return no_figure(L, s, *y1);
    return 0;
}

/* s:cagr([y0 [, y1]]) -> annual growth as a fraction | nil, message
 * Compound annual growth of a level from y0 to y1 (default: first to last
 * year).  From current-price levels it is nominal growth. */
static int s_cagr(lua_State *L)
{
    series_ud *s = check_series(L, 1);
    if (!compounds(s->kind) && s->kind != ZB_KIND_OTHER)
        luaL_argerror(L, 1, lua_pushfstring(L, "%s is of kind \"%s\", not a level: compound growth is for levels "
                                               "and per-capita values (use :change)",
                                            indicator_code(series_ds(L, 1), s),
                                            zb_kind_name((zb_kind)s->kind)));
    int y0, y1;
    long k0, k1;
    int rc = year_range(L, s, &y0, &y1, &k0, &k1);
    if (rc)
        return rc;
    double r = zb_cagr(values_of(s)[k0], values_of(s)[k1], y1 - y0);
    if (isnan(r)) {
        luaL_pushfail(L);
        lua_pushstring(L, zb_growth_why());
        return 2;
    }
    lua_pushnumber(L, r);
    return 1;
}

/* s:change([y0 [, y1]]) -> value(y1) - value(y0) | nil, message
 * In the indicator's unit: percentage points for a rate in %. */
static int s_change(lua_State *L)
{
    series_ud *s = check_series(L, 1);
    int y0, y1;
    long k0, k1;
    int rc = year_range(L, s, &y0, &y1, &k0, &k1);
    if (rc)
        return rc;
    lua_pushnumber(L, values_of(s)[k1] - values_of(s)[k0]);
    return 1;
}

/* s:project(year [, {half_life = h}]) -> value, pace | nil, message
 * The trend through the series at year: log-linear for levels and
 * per-capita values (pace a fraction a year), linear otherwise (pace in
 * units a year).  half_life weighs recent years more (zb_trend). */
static int s_project(lua_State *L)
{
    series_ud *s = check_series(L, 1);
    int year = zbL_checkyear(L, 2);
    double half_life = 0;
    if (!lua_isnoneornil(L, 3)) {
        luaL_checktype(L, 3, LUA_TTABLE);
        lua_getfield(L, 3, "half_life");
        if (!lua_isnil(L, -1)) {
            int isnum;
            half_life = lua_tonumberx(L, -1, &isnum);
            luaL_argcheck(L, isnum && half_life >= 0, 3, "half_life must be a number of years >= 0");
        }
        lua_pop(L, 1);
    }
    if (s->n < 2) {
        luaL_pushfail(L);
        lua_pushfstring(L, ZB_T("%s 的数值不足两年，无法外推", "%s has fewer than two years of figures to project"),
                        indicator_code(series_ds(L, 1), s));
        return 2;
    }
    zb_trend t;
    if (zb_trend_fit(years_of(s), values_of(s), s->n, compounds(s->kind) ? ZB_TREND_LOG : ZB_TREND_LINEAR,
                     half_life, &t) != 0) {
        luaL_pushfail(L);
        lua_pushfstring(L, ZB_T("%s 无法外推：%s", "%s cannot be projected: %s"),
                        indicator_code(series_ds(L, 1), s), zb_growth_why());
        return 2;
    }
    lua_pushnumber(L, zb_trend_at(&t, year));
    lua_pushnumber(L, zb_trend_rate(&t));
    return 2;
}

/* The iterator behind s:iter() and pairs(s): year, value after prev. */
static int s_next(lua_State *L)
{
    series_ud *s = check_series(L, 1);
    size_t i = 0;
    if (!lua_isnil(L, 2)) {
        lua_Integer prev = luaL_checkinteger(L, 2);
        const int *years = years_of(s);
        size_t lo = 0, hi = s->n;
        while (lo < hi) { /* first year after prev */
            size_t mid = lo + (hi - lo) / 2;
            if (years[mid] <= prev)
                lo = mid + 1;
            else
                hi = mid;
        }
        i = lo;
    }
    if (i >= s->n)
        return 0;
    lua_pushinteger(L, years_of(s)[i]);
    lua_pushnumber(L, values_of(s)[i]);
    return 2;
}

/* s:iter() -> iterator, s, nil: for year, value in s:iter() do ... end */
static int s_iter(lua_State *L)
{
    check_series(L, 1);
    lua_pushcfunction(L, s_next);
    lua_pushvalue(L, 1);
    lua_pushnil(L);
    return 3;
}

static int s_len(lua_State *L)
{
    lua_pushinteger(L, (lua_Integer)check_series(L, 1)->n);
    return 1;
}

/* Properties read from the dataset: s.region, s.indicator, s.region_name,
 * s.indicator_name, s.unit, s.kind.  Pushes one value or returns 0. */
static int push_property(lua_State *L, series_ud *s, const char *key)
{
    zb_dataset *ds = series_ds(L, 1);
    if (!ds)
        return 0;
    const zb_region *r = &ds->regions.items[s->region];
    const zb_indicator *ind = &ds->indicators.items[s->indicator];
    if (strcmp(key, "region") == 0)
        lua_pushstring(L, zb_ds_str(ds, r->code));
    else if (strcmp(key, "region_name") == 0)
        lua_pushstring(L, zb_ds_str(ds, r->name));
    else if (strcmp(key, "indicator") == 0)
        lua_pushstring(L, zb_ds_str(ds, ind->code));
    else if (strcmp(key, "indicator_name") == 0)
        lua_pushstring(L, zb_ds_str(ds, ind->name));
    else if (strcmp(key, "unit") == 0)
        lua_pushstring(L, zb_ds_str(ds, ind->unit));
    else if (strcmp(key, "kind") == 0)
        lua_pushstring(L, zb_kind_name(ind->kind));
    else
        return 0;
    return 1;
}

/* s[year] -> value | nil; s.name -> a method or a property */
static int s_index(lua_State *L)
{
    series_ud *s = check_series(L, 1);
    int isint;
    lua_Integer year = lua_tointegerx(L, 2, &isint);
    if (isint && lua_type(L, 2) == LUA_TNUMBER) {
        long k = find_year(s, year);
        if (k < 0)
            lua_pushnil(L);
        else
            lua_pushnumber(L, values_of(s)[k]);
        return 1;
    }
    if (lua_type(L, 2) != LUA_TSTRING)
        return 0;
    lua_pushvalue(L, 2);
    if (lua_rawget(L, lua_upvalueindex(1)) != LUA_TNIL)
        return 1;
    return push_property(L, s, lua_tostring(L, 2));
}

/* Two series are equal when they are the same region x indicator (by code,
 * so series of two loads of the same data compare equal) with the same
 * years and figures. */
static int s_eq(lua_State *L)
{
    series_ud *a = luaL_testudata(L, 1, ZB_SERIES_MT), *b = luaL_testudata(L, 2, ZB_SERIES_MT);
    int eq = a && b && a->n == b->n && a->kind == b->kind;
    if (eq) {
        zb_dataset *da = series_ds(L, 1), *db = series_ds(L, 2);
        if (da && db && da != db)
            eq = strcmp(zb_ds_str(da, da->regions.items[a->region].code),
                        zb_ds_str(db, db->regions.items[b->region].code)) == 0 &&
                 strcmp(zb_ds_str(da, da->indicators.items[a->indicator].code),
                        zb_ds_str(db, db->indicators.items[b->indicator].code)) == 0;
        else
            eq = da == db && a->region == b->region && a->indicator == b->indicator;
    }
    for (size_t i = 0; eq && i < a->n; i++)
        eq = years_of(a)[i] == years_of(b)[i] && values_of(a)[i] == values_of(b)[i];
    lua_pushboolean(L, eq);
    return 1;
}

/* Shows the series as its header line and one "year value" line per
 * figure, values right-aligned with the indicator's decimals, and the
 * status after the value when it is not an actual figure:
 *
 *   七星关区 地区生产总值(GDP)（亿元） [520502 gdp]
 *     2015  290.58
 *     2020  500.06
 */
static int s_tostring(lua_State *L)
{
    series_ud *s = check_series(L, 1);
    zb_dataset *ds = series_ds(L, 1);
    if (!ds) {
        lua_pushliteral(L, "zb.series (dataset closed)");
        return 1;
    }
    zbL_charge(L, 1 + s->n, ZBL_COST_VALUE * 4);
    int en = zb_lang_get() == ZB_LANG_EN;
    const zb_region *r = &ds->regions.items[s->region];
    const zb_indicator *ind = &ds->indicators.items[s->indicator];
    const char *rname = zb_ds_str(ds, en && r->name_en ? r->name_en : r->name);
    const char *iname = zb_ds_str(ds, en && ind->name_en ? ind->name_en : ind->name);
    const char *unit = zb_ds_str(ds, ind->unit);
    luaL_Buffer b;
    luaL_buffinit(L, &b);
    lua_pushfstring(L, "%s%s%s", rname, en ? ", " : " ", iname);
    luaL_addvalue(&b);
    if (*unit) {
        lua_pushfstring(L, en ? " (%s)" : "（%s）", unit);
        luaL_addvalue(&b);
    }
    lua_pushfstring(L, " [%s %s]", zb_ds_str(ds, r->code), zb_ds_str(ds, ind->code));
    luaL_addvalue(&b);
    int decimals = ind->decimals >= 0 && ind->decimals <= 9 ? ind->decimals : 2;
    char num[64];
    int width = 0;
    for (size_t i = 0; i < s->n; i++) {
        int w = snprintf(num, sizeof num, "%.*f", decimals, values_of(s)[i]);
        if (w > width)
            width = w;
    }
    for (size_t i = 0; i < s->n; i++) {
        snprintf(num, sizeof num, "%.*f", decimals, values_of(s)[i]);
        lua_pushfstring(L, "\n  %d  ", (int)years_of(s)[i]);
        luaL_addvalue(&b);
        for (int pad = width - (int)strlen(num); pad > 0; pad--)
            luaL_addchar(&b, ' ');
        luaL_addstring(&b, num);
        zb_status st = (zb_status)ds->obs.status[rows_of(s)[i]];
        if (st != ZB_STATUS_ACTUAL) {
            luaL_addstring(&b, "  ");
            luaL_addstring(&b, zb_status_label(st));
        }
    }
    if (s->n == 0)
        luaL_addstring(&b, ZB_T("\n  （无数据）", "\n  (no figures)"));
    luaL_pushresult(&b);
    return 1;
}

static const luaL_Reg series_methods[] = {
    {"at", s_at},         {"years", s_years},   {"values", s_values},
    {"first", s_first},   {"last", s_last},     {"cagr", s_cagr},
    {"change", s_change}, {"project", s_project}, {"iter", s_iter},
    {NULL, NULL},
};

static const luaL_Reg series_meta[] = {
    {"__len", s_len},
    {"__eq", s_eq},
    {"__tostring", s_tostring},
    {"__pairs", s_iter},
    {NULL, NULL},
};

static const luaL_Reg dataset_methods[] = {
    {"series", l_series},
    {NULL, NULL},
};

void zbL_open_series(lua_State *L)
{
    luaL_newmetatable(L, ZB_SERIES_MT);
    luaL_setfuncs(L, series_meta, 0);
    luaL_newlib(L, series_methods);
    lua_pushcclosure(L, s_index, 1);
    lua_setfield(L, -2, "__index");
    lua_pop(L, 1);
    zbL_dataset_addmethods(L, dataset_methods);
}
