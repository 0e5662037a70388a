/* Filter tables: {level=, region=, parent=, within=, indicator=, kind=,
 * category=, attribute=, pattern=, year=, from=, to=, status=, missing=}.
 *
 * One reader for ds:select, f:where, ds:regions and ds:indicators, so the
 * same field means the same thing everywhere.  Fields combine with "and";
 * a field given a list ({"gdp", "fai"}) means "any of these".  A typo is an
 * argument error, never an empty result: an unknown field, an unknown code,
 * level, kind or status, a year out of range.
 *
 * The flags the filter needs (one byte per region, indicator and year) live
 * in one userdata the caller keeps on the stack, so an error anywhere leaks
 * nothing.
 */
#include <lauxlib.h>
#include <limits.h>
#include <string.h>

#include "zb_lang.h"
#include "lzb.h"
#include "zb_sandbox.h"

#define NYEARS (ZB_YEAR_LAST - ZB_YEAR_FIRST + 1)

typedef struct field {
    const char *name;
    unsigned group;
} field;

static const field fields_known[] = {
    {"region", ZBL_FILTER_REGIONS},       {"level", ZBL_FILTER_REGIONS},
    {"parent", ZBL_FILTER_REGIONS},       {"within", ZBL_FILTER_REGIONS},
    {"indicator", ZBL_FILTER_INDICATORS}, {"kind", ZBL_FILTER_INDICATORS},
    {"category", ZBL_FILTER_INDICATORS},  {"attribute", ZBL_FILTER_INDICATORS},
    {"pattern", ZBL_FILTER_INDICATORS},   {"year", ZBL_FILTER_ROWS},
    {"from", ZBL_FILTER_ROWS},            {"to", ZBL_FILTER_ROWS},
    {"status", ZBL_FILTER_ROWS},          {"missing", ZBL_FILTER_ROWS},
    {NULL, 0},
};

typedef struct reader {
    lua_State *L;
    const zb_dataset *ds;
    int arg;              /* the filter table's argument */
    uint8_t *set;         /* scratch: the set one field names */
    unsigned statuses;    /* bits of the statuses named */
} reader;

/* Pushes the list of accepted field names, for the error message. */
static const char *accepted(lua_State *L, unsigned groups)
{
    luaL_Buffer b;
    luaL_buffinit(L, &b);
    int first = 1;
    for (const field *f = fields_known; f->name; f++) {
        if (!(f->group & groups))
            continue;
        if (!first)
            luaL_addstring(&b, ", ");
        luaL_addstring(&b, f->name);
        first = 0;
    }
    luaL_pushresult(&b);
    return lua_tostring(L, -1);
}

static void check_fields(lua_State *L, int arg, unsigned groups)
{
    lua_pushnil(L);
    while (lua_next(L, arg)) {
        lua_pop(L, 1);
        const char *key = lua_type(L, -1) == LUA_TSTRING ? lua_tostring(L, -1) : NULL;
        const field *f = fields_known;
        while (key && f->name && strcmp(f->name, key) != 0)
            f++;
        if (!key || !f->name || !(f->group & groups)) {
            const char *shown = key ? key : luaL_tolstring(L, -1, NULL);
            luaL_argerror(L, arg, lua_pushfstring(L, "unknown field '%s' (fields: %s)", shown,
                                                  accepted(L, groups)));
        }
    }
}

static void field_error(reader *r, const char *name, const char *what)
{
    lua_State *L = r->L;
    luaL_argerror(L, r->arg, lua_pushfstring(L, "field '%s': %s expected, got %s", name, what,
                                             luaL_typename(L, -1)));
}

/* Calls each(r, name, item) for the value of field `name` (on top of the
 * stack), or for every item when it is a list.  Returns the number of items. */
static int each_item(reader *r, const char *name, void (*each)(reader *, const char *))
{
    lua_State *L = r->L;
    if (!lua_istable(L, -1)) {
        each(r, name);
        return 1;
    }
    lua_Integer n = luaL_len(L, -1);
    if (n == 0)
        luaL_argerror(L, r->arg, lua_pushfstring(L, "field '%s': the list is empty", name));
    for (lua_Integer i = 1; i <= n; i++) {
        /* A __len may claim any length and an __index answer every index:
         * each item is charged, so that a sandboxed call stops. */
        zbL_charge(L, 1, ZBL_COST_ROW);
        lua_geti(L, -1, i);
        each(r, name);
        lua_pop(L, 1);
    }
    return n > INT_MAX ? INT_MAX : (int)n;
}

static const char *item_string(reader *r, const char *name, const char *what)
{
    lua_State *L = r->L;
    if (lua_type(L, -1) == LUA_TSTRING || lua_isinteger(L, -1))
        return lua_tostring(L, -1);
    field_error(r, name, what);
    return NULL;
}

static long item_region(reader *r, const char *name)
{
    const char *code = item_string(r, name, "region code");
    long k = zb_ds_region(r->ds, code);
    if (k < 0)
        luaL_argerror(r->L, r->arg, lua_pushfstring(r->L, ZB_T("未知的地区代码“%s”", "unknown region code '%s'"), code));
    return k;
}

static void mark_region(reader *r, const char *name) { r->set[item_region(r, name)] = 1; }

static void mark_level(reader *r, const char *name)
{
    const char *s = item_string(r, name, "level");
    int level = zb_level_parse(s);
    if (level < 0)
        luaL_argerror(r->L, r->arg, lua_pushfstring(r->L, "unknown level '%s' (province, city, county, zone)", s));
    zbL_charge(r->L, r->ds->regions.count, ZBL_COST_ROW);
    for (size_t i = 0; i < r->ds->regions.count; i++)
        if ((int)r->ds->regions.items[i].level == level)
            r->set[i] = 1;
}

static void mark_parent(reader *r, const char *name)
{
    long p = item_region(r, name);
    zbL_charge(r->L, (size_t)r->ds->regions.items[p].nchildren, ZBL_COST_ROW);
    for (long c = r->ds->regions.items[p].first_child; c >= 0; c = r->ds->regions.items[c].next_sibling)
        r->set[c] = 1;
}

static void mark_within(reader *r, const char *name)
{
    long p = item_region(r, name);
    const zb_regions *rs = &r->ds->regions;
    zbL_charge(r->L, rs->count, ZBL_COST_ROW);
    for (size_t i = 0; i < rs->count; i++) {
        /* Walk up; the hierarchy is linked without cycles (zb_regions_link),
         * and the step count bounds a hand-built one. */
        size_t steps = 0;
        for (long a = rs->items[i].parent; a >= 0 && steps < rs->count; a = rs->items[a].parent, steps++)
            if (a == p) {
                r->set[i] = 1;
                break;
            }
    }
}

static void mark_indicator(reader *r, const char *name)
{
    const char *code = item_string(r, name, "indicator code");
    long k = zb_ds_indicator(r->ds, code);
    if (k < 0)
        luaL_argerror(r->L, r->arg, lua_pushfstring(r->L, ZB_T("未知的指标代码“%s”", "unknown indicator code '%s'"), code));
    r->set[k] = 1;
}

static void mark_kind(reader *r, const char *name)
{
    const char *s = item_string(r, name, "kind");
    int kind = zb_kind_parse(s);
    if (kind < 0)
        luaL_argerror(r->L, r->arg, lua_pushfstring(r->L,
            "unknown kind '%s' (level, rate, percap, structure, reduction, growth, other)", s));
    zbL_charge(r->L, r->ds->indicators.count, ZBL_COST_ROW);
    for (size_t i = 0; i < r->ds->indicators.count; i++)
        if ((int)r->ds->indicators.items[i].kind == kind)
            r->set[i] = 1;
}

static void mark_attribute(reader *r, const char *name)
{
    const char *s = item_string(r, name, "attribute");
    int a = zb_attribute_parse(s);
    if (a < 0)
        luaL_argerror(r->L, r->arg, lua_pushfstring(r->L, "unknown attribute '%s' (anticipatory, binding)", s));
    zbL_charge(r->L, r->ds->indicators.count, ZBL_COST_ROW);
    for (size_t i = 0; i < r->ds->indicators.count; i++)
        if ((int)r->ds->indicators.items[i].attribute == a)
            r->set[i] = 1;
}

static void mark_category(reader *r, const char *name)
{
    const char *s = item_string(r, name, "category");
    uint32_t id = zb_strtab_find(r->ds->strs, s, strlen(s));
    zbL_charge(r->L, r->ds->indicators.count, ZBL_COST_ROW);
    int found = 0;
    for (size_t i = 0; i < r->ds->indicators.count; i++)
        if (id && r->ds->indicators.items[i].category == id) {
            r->set[i] = 1;
            found = 1;
        }
    if (!found)
        luaL_argerror(r->L, r->arg, lua_pushfstring(r->L, "unknown category '%s'", s));
}

/* A Lua pattern against the code, the Chinese and the English name, with
 * string.find's meaning, through the sandbox's bounded find: Lua's own
 * matcher backtracks without bound inside one C call, where no hook fires
 * (`(".-"):rep(12) .. "X"` took hours), while the bounded one charges its
 * steps to a sandboxed call and gives the same answers. */
static void mark_pattern(reader *r, const char *name)
{
    lua_State *L = r->L;
    item_string(r, name, "pattern");
    int pat = lua_gettop(L);
    lua_pushcfunction(L, zbL_sandbox_find);
    int find = lua_gettop(L);
    zbL_charge(L, r->ds->indicators.count * 3, ZBL_COST_ROW);
    for (size_t i = 0; i < r->ds->indicators.count; i++) {
        const zb_indicator *ind = &r->ds->indicators.items[i];
        const uint32_t texts[] = {ind->code, ind->name, ind->name_en};
        for (int t = 0; t < 3 && !r->set[i]; t++) {
            lua_pushvalue(L, find);
            lua_pushstring(L, zb_ds_str(r->ds, texts[t]));
            lua_pushvalue(L, pat);
            lua_call(L, 2, 1);
            if (!lua_isnil(L, -1))
                r->set[i] = 1;
            lua_pop(L, 1);
        }
    }
    lua_settop(L, pat);
}

static int item_year(reader *r, const char *name)
{
    lua_State *L = r->L;
    int isint;
    lua_Integer y = lua_tointegerx(L, -1, &isint);
    if (!isint || lua_type(L, -1) != LUA_TNUMBER)
        field_error(r, name, "integer year");
    if (y < ZB_YEAR_FIRST || y > ZB_YEAR_LAST)
        luaL_argerror(L, r->arg, lua_pushfstring(L, "field '%s': year %I out of range (1900-2200)", name, y));
    return (int)y;
}

static void mark_year(reader *r, const char *name) { r->set[item_year(r, name) - ZB_YEAR_FIRST] = 1; }

static void mark_status(reader *r, const char *name)
{
    const char *s = item_string(r, name, "status");
    int st = *s ? zb_status_parse(s) : -1;
    if (st < 0)
        luaL_argerror(r->L, r->arg, lua_pushfstring(r->L, "unknown status '%s' (actual, preliminary, estimate)", s));
    r->statuses |= 1u << st;
}

/* Reads one field into r->set (cleared first) and ands it into flags.
 * Returns 1 when the field was given. */
static int read_set(reader *r, const char *name, uint8_t *flags, size_t n, int *given,
                    void (*each)(reader *, const char *))
{
    lua_State *L = r->L;
    lua_getfield(L, r->arg, name);
    if (lua_isnil(L, -1)) {
        lua_pop(L, 1);
        return 0;
    }
    memset(r->set, 0, n);
    each_item(r, name, each);
    lua_pop(L, 1);
    if (!*given) {
        memcpy(flags, r->set, n);
        *given = 1;
    } else {
        for (size_t i = 0; i < n; i++)
            flags[i] &= r->set[i];
    }
    return 1;
}

int zbL_checkfilter(lua_State *L, const zb_dataset *ds, int arg, unsigned groups, zb_filter *f)
{
    *f = zb_filter_any();
    arg = lua_absindex(L, arg);
    int none = lua_isnoneornil(L, arg); /* before the push below takes its place */
    size_t nr = ds->regions.count, ni = ds->indicators.count;
    /* regions | indicators | years | scratch set */
    size_t scratch = nr > ni ? nr : ni;
    if (scratch < NYEARS)
        scratch = NYEARS;
    uint8_t *mem = lua_newuserdatauv(L, nr + ni + NYEARS + scratch + 1, 0);
    if (none)
        return 0;
    luaL_checktype(L, arg, LUA_TTABLE);
    check_fields(L, arg, groups);
    reader r = {L, ds, arg, mem + nr + ni + NYEARS, 0};
    uint8_t *regions = mem, *indicators = mem + nr, *years = mem + nr + ni;
    int nfields = 0, have_r = 0, have_i = 0, have_y = 0;
    nfields += read_set(&r, "region", regions, nr, &have_r, mark_region);
    nfields += read_set(&r, "level", regions, nr, &have_r, mark_level);
    nfields += read_set(&r, "parent", regions, nr, &have_r, mark_parent);
    nfields += read_set(&r, "within", regions, nr, &have_r, mark_within);
    nfields += read_set(&r, "indicator", indicators, ni, &have_i, mark_indicator);
    nfields += read_set(&r, "kind", indicators, ni, &have_i, mark_kind);
    nfields += read_set(&r, "category", indicators, ni, &have_i, mark_category);
    nfields += read_set(&r, "attribute", indicators, ni, &have_i, mark_attribute);
    nfields += read_set(&r, "pattern", indicators, ni, &have_i, mark_pattern);
    nfields += read_set(&r, "year", years, NYEARS, &have_y, mark_year);
    static const char *const bounds[] = {"from", "to"};
    for (int b = 0; b < 2; b++) {
        lua_getfield(L, arg, bounds[b]);
        if (!lua_isnil(L, -1)) {
            int y = item_year(&r, bounds[b]);
            if (!have_y) {
                memset(years, 1, NYEARS);
                have_y = 1;
            }
            for (int k = 0; k < NYEARS; k++)
                if (b == 0 ? k + ZB_YEAR_FIRST < y : k + ZB_YEAR_FIRST > y)
                    years[k] = 0;
            nfields++;
        }
        lua_pop(L, 1);
    }
    lua_getfield(L, arg, "status");
    if (!lua_isnil(L, -1)) {
        each_item(&r, "status", mark_status);
        f->statuses = r.statuses;
        nfields++;
    }
    lua_pop(L, 1);
    lua_getfield(L, arg, "missing");
    if (!lua_isnil(L, -1)) {
        if (!lua_isboolean(L, -1))
            field_error(&r, "missing", "boolean");
        f->missing = lua_toboolean(L, -1);
        nfields++;
    }
    lua_pop(L, 1);
    if (have_r) {
        f->regions = regions;
        f->nregions = nr;
    }
    if (have_i) {
        f->indicators = indicators;
        f->nindicators = ni;
    }
    if (have_y)
        f->years = years;
    return nfields;
}
