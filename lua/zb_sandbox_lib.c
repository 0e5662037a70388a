/* Library functions whose work is bounded: the instruction hook does not
 * fire inside a C function, so the ones whose work does not follow from the
 * memory they allocate charge it to the call themselves.
 *
 *   string.rep         refused before allocating when the result would not
 *                      fit in the memory left (string.rep("x", 2^40) is a
 *                      memory-limit stop, not an attempt); an empty string
 *                      repeated 2^62 times is "" at once
 *   string.find, match, gmatch, gsub
 *                      zb_pattern's matcher, one instruction per step
 *   table.move, sort   one instruction per element moved, n·log2(n) per sort
 *
 * The results, and the errors for bad arguments and patterns, are those of
 * Lua's string and table libraries (tests/lua/test_sandbox.lua compares them).
 */
#include <lauxlib.h>
#include <limits.h>
#include <string.h>

#include "zb_pattern.h"
#include "zb_sandbox.h"

/* Bytes of string.rep output per instruction charged. */
#define REP_BYTES_PER_INSTR 16

/* ---- string.rep ---- */

static int s_rep(lua_State *L)
{
    size_t l, lsep;
    const char *s = luaL_checklstring(L, 1, &l);
    lua_Integer n = luaL_checkinteger(L, 2);
    const char *sep = luaL_optlstring(L, 3, "", &lsep);
    if (n <= 0 || l + lsep == 0) {
        lua_pushliteral(L, "");
        return 1;
    }
    /* n copies and n-1 separators, without overflow. */
    size_t max = (size_t)(LUA_MAXINTEGER < (lua_Integer)(SIZE_MAX / 2) ? LUA_MAXINTEGER : SIZE_MAX / 2);
    if (l + lsep < l || (lua_Unsigned)n > max / (l + lsep))
        return luaL_error(L, "resulting string too large");
    size_t total = (size_t)n * l + (size_t)(n - 1) * lsep;
    zb_budget *b = zbL_budget(L);
    if (b && zb_budget_depth(b) > 0 && total > zb_budget_room(b)) {
        zb_budget_trip_memory(b);
        return zbL_sandbox_stop(L, ZB_BUDGET_MEMORY);
    }
    zbL_sandbox_charge(L, total / REP_BYTES_PER_INSTR);
    luaL_Buffer buf;
    char *p = luaL_buffinitsize(L, &buf, total);
    for (lua_Integer i = 0; i < n; i++) {
        memcpy(p, s, l);
        p += l;
        if (lsep > 0 && i + 1 < n) {
            memcpy(p, sep, lsep);
            p += lsep;
        }
    }
    luaL_pushresultsize(&buf, total);
    return 1;
}

/* ---- patterns ---- */

static int charge_steps(void *ud, unsigned long steps)
{
    zb_budget *b = zbL_budget(ud);
    return b && zb_budget_depth(b) > 0 && (zb_budget_charge(b, steps) || zb_budget_tripped(b));
}

/* Raises the matcher's error or stop, if it has one. */
static void check(lua_State *L, zb_pattern *m)
{
    if (m->status == ZB_PATTERN_BAD)
        luaL_error(L, "%s", m->error);
    if (m->status == ZB_PATTERN_STOPPED) {
        zb_budget *b = zbL_budget(L);
        zbL_sandbox_stop(L, b && zb_budget_tripped(b) ? zb_budget_tripped(b) : ZB_BUDGET_INSTRUCTIONS);
    }
}

static void finish(lua_State *L, zb_pattern *m)
{
    zb_pattern_flush(m);
    check(L, m);
}

/* The i-th capture of the last match s..e (the whole match when the
 * pattern has none): [-0, +1, e] */
static void push_capture(lua_State *L, zb_pattern *m, int i, const char *s, const char *e)
{
    if (i >= m->level) {
        if (i != 0)
            luaL_error(L, "invalid capture index %%%d", i + 1);
        lua_pushlstring(L, s, (size_t)(e - s));
        return;
    }
    ptrdiff_t len = m->cap[i].len;
    if (len == ZB_CAP_UNFINISHED)
        luaL_error(L, "unfinished capture");
    if (len == ZB_CAP_POSITION)
        lua_pushinteger(L, (lua_Integer)(m->cap[i].init - m->src) + 1);
    else
        lua_pushlstring(L, m->cap[i].init, (size_t)len);
}

/* All captures (s NULL: only real captures, as find wants them). */
static int push_captures(lua_State *L, zb_pattern *m, const char *s, const char *e)
{
    int n = (m->level == 0 && s) ? 1 : m->level;
    luaL_checkstack(L, n, "too many captures");
    for (int i = 0; i < n; i++)
        push_capture(L, m, i, s, e);
    return n;
}

/* Lua's rule for a start position: negative counts from the end. */
static size_t start_at(lua_Integer pos, size_t len)
{
    if (pos > 0)
        return (size_t)pos;
    if (pos == 0)
        return 1;
    if (pos < -(lua_Integer)len)
        return 1;
    return len + (size_t)pos + 1;
}

static int find_aux(lua_State *L, int find)
{
    size_t ls, lp;
    const char *s = luaL_checklstring(L, 1, &ls);
    const char *p = luaL_checklstring(L, 2, &lp);
    size_t init = start_at(luaL_optinteger(L, 3, 1), ls) - 1;
    if (init > ls) {
        luaL_pushfail(L);
        return 1;
    }
    zb_pattern m;
    if (find && (lua_toboolean(L, 4) || zb_pattern_is_plain(p, lp))) {
        zb_pattern_init(&m, s, ls, p, lp, charge_steps, L);
        const char *hit = zb_pattern_find_plain(&m, s + init, p, lp);
        finish(L, &m);
        if (hit) {
            lua_pushinteger(L, (lua_Integer)(hit - s) + 1);
            lua_pushinteger(L, (lua_Integer)(hit - s) + (lua_Integer)lp);
            return 2;
        }
        luaL_pushfail(L);
        return 1;
    }
    int anchor = lp > 0 && *p == '^';
    zb_pattern_init(&m, s, ls, p + anchor, lp - (size_t)anchor, charge_steps, L);
    const char *s1 = s + init;
    do {
        const char *e = zb_pattern_match(&m, s1);
        check(L, &m);
        if (e) {
            finish(L, &m);
            if (find) {
                lua_pushinteger(L, (lua_Integer)(s1 - s) + 1);
                lua_pushinteger(L, (lua_Integer)(e - s));
                return push_captures(L, &m, NULL, NULL) + 2;
            }
            return push_captures(L, &m, s1, e);
        }
    } while (s1++ < m.src_end && !anchor);
    finish(L, &m);
    luaL_pushfail(L);
    return 1;
}

int zbL_sandbox_find(lua_State *L)
{
    return find_aux(L, 1);
}

static int s_match(lua_State *L)
{
    return find_aux(L, 0);
}

/* gmatch's iterator.  Upvalues: subject, pattern, position (an integer),
 * end of the last match (-1: none).  '^' has no special meaning here,
 * as in Lua. */
static int gmatch_next(lua_State *L)
{
    size_t ls, lp;
    const char *s = lua_tolstring(L, lua_upvalueindex(1), &ls);
    const char *p = lua_tolstring(L, lua_upvalueindex(2), &lp);
    size_t pos = (size_t)lua_tointeger(L, lua_upvalueindex(3));
    lua_Integer last = lua_tointeger(L, lua_upvalueindex(4));
    zb_pattern m;
    zb_pattern_init(&m, s, ls, p, lp, charge_steps, L);
    for (; pos <= ls; pos++) {
        const char *e = zb_pattern_match(&m, s + pos);
        check(L, &m);
        if (e && (lua_Integer)(e - s) != last) {
            lua_pushinteger(L, (lua_Integer)(e - s));
            lua_pushvalue(L, -1);
            lua_replace(L, lua_upvalueindex(3));
            lua_replace(L, lua_upvalueindex(4));
            finish(L, &m);
            return push_captures(L, &m, s + pos, e);
        }
    }
    lua_pushinteger(L, (lua_Integer)pos);
    lua_replace(L, lua_upvalueindex(3));
    finish(L, &m);
    return 0;
}

static int s_gmatch(lua_State *L)
{
    size_t ls;
    luaL_checklstring(L, 1, &ls);
    luaL_checkstring(L, 2);
    size_t init = start_at(luaL_optinteger(L, 3, 1), ls) - 1;
    if (init > ls)
        init = ls + 1; /* past the end: nothing to find */
    lua_settop(L, 2);
    lua_pushinteger(L, (lua_Integer)init);
    lua_pushinteger(L, -1);
    lua_pushcclosure(L, gmatch_next, 4);
    return 1;
}

/* The replacement string of gsub, with %0..%9 and %%. */
static void add_string(lua_State *L, luaL_Buffer *b, zb_pattern *m, const char *s, const char *e)
{
    size_t l;
    const char *r = lua_tolstring(L, 3, &l);
    const char *end = r + l;
    while (r < end) {
        const char *pc = memchr(r, '%', (size_t)(end - r));
        if (!pc) {
            luaL_addlstring(b, r, (size_t)(end - r));
            break;
        }
        luaL_addlstring(b, r, (size_t)(pc - r));
        pc++;
        char c = pc < end ? *pc : '\0';
        if (c == '%') {
            luaL_addchar(b, '%');
        } else if (c == '0') {
            luaL_addlstring(b, s, (size_t)(e - s));
        } else if (c >= '1' && c <= '9') {
            push_capture(L, m, c - '1', s, e);
            luaL_tolstring(L, -1, NULL); /* a position capture is a number */
            lua_remove(L, -2);
            luaL_addvalue(b);
        } else {
            luaL_error(L, "invalid use of '%c' in replacement string", '%');
        }
        r = pc + 1;
    }
}

/* Appends the replacement of the match s..e; returns whether it changed. */
static int add_value(lua_State *L, luaL_Buffer *b, zb_pattern *m, const char *s, const char *e, int tr)
{
    if (tr == LUA_TFUNCTION) {
        lua_pushvalue(L, 3);
        int n = push_captures(L, m, s, e);
        lua_call(L, n, 1);
    } else if (tr == LUA_TTABLE) {
        push_capture(L, m, 0, s, e);
        lua_gettable(L, 3);
    } else {
        add_string(L, b, m, s, e);
        return 1;
    }
    if (!lua_toboolean(L, -1)) {
        lua_pop(L, 1);
        luaL_addlstring(b, s, (size_t)(e - s));
        return 0;
    }
    if (!lua_isstring(L, -1))
        return luaL_error(L, "invalid replacement value (a %s)", luaL_typename(L, -1));
    luaL_addvalue(b);
    return 1;
}

static int s_gsub(lua_State *L)
{
    size_t ls, lp;
    const char *src = luaL_checklstring(L, 1, &ls);
    const char *p = luaL_checklstring(L, 2, &lp);
    int tr = lua_type(L, 3);
    lua_Integer max = luaL_optinteger(L, 4, (lua_Integer)ls + 1);
    luaL_argexpected(L, tr == LUA_TNUMBER || tr == LUA_TSTRING || tr == LUA_TFUNCTION || tr == LUA_TTABLE, 3,
                     "string/function/table");
    int anchor = lp > 0 && *p == '^';
    zb_pattern m;
    zb_pattern_init(&m, src, ls, p + anchor, lp - (size_t)anchor, charge_steps, L);
    luaL_Buffer b;
    luaL_buffinit(L, &b);
    const char *s = src, *last = NULL;
    lua_Integer n = 0;
    int changed = 0;
    while (n < max) {
        const char *e = zb_pattern_match(&m, s);
        check(L, &m);
        if (e && e != last) {
            n++;
            changed = add_value(L, &b, &m, s, e, tr) | changed;
            s = last = e;
        } else if (s < m.src_end) {
            luaL_addchar(&b, *s++);
        } else {
            break;
        }
        if (anchor)
            break;
    }
    finish(L, &m);
    if (!changed) {
        lua_pushvalue(L, 1);
    } else {
        luaL_addlstring(&b, s, (size_t)(m.src_end - s));
        luaL_pushresult(&b);
    }
    lua_pushinteger(L, n);
    return 2;
}

static const luaL_Reg string_funcs[] = {
    {"rep", s_rep},       {"find", zbL_sandbox_find}, {"match", s_match},
    {"gmatch", s_gmatch}, {"gsub", s_gsub}, {NULL, NULL},
};

void zbL_sandbox_string(lua_State *L)
{
    luaL_newlib(L, string_funcs);
}

/* ---- table.move and table.sort: charge, then the original ---- */

static int call_original(lua_State *L)
{
    int n = lua_gettop(L);
    lua_pushvalue(L, lua_upvalueindex(1));
    lua_insert(L, 1);
    lua_call(L, n, LUA_MULTRET);
    return lua_gettop(L);
}

static int t_move(lua_State *L)
{
    lua_Integer f = luaL_checkinteger(L, 2);
    lua_Integer e = luaL_checkinteger(L, 3);
    if (e >= f) {
        /* e - f may not fit: charge the most there is then. */
        lua_Unsigned count = (lua_Unsigned)e - (lua_Unsigned)f + 1u;
        zbL_sandbox_charge(L, count > (lua_Unsigned)ULLONG_MAX ? ULLONG_MAX : (unsigned long long)count);
    }
    return call_original(L);
}

static int t_sort(lua_State *L)
{
    luaL_checktype(L, 1, LUA_TTABLE);
    lua_Integer n = luaL_len(L, 1);
    if (n > 1) {
        unsigned long long logn = 0;
        for (lua_Integer k = n; k > 1; k >>= 1)
            logn++;
        zbL_sandbox_charge(L, (unsigned long long)n * (logn + 1));
    }
    return call_original(L);
}

void zbL_sandbox_table(lua_State *L, int tbl)
{
    tbl = lua_absindex(L, tbl);
    lua_createtable(L, 0, 2);
    if (lua_getfield(L, tbl, "move") == LUA_TFUNCTION) {
        lua_pushcclosure(L, t_move, 1);
        lua_setfield(L, -2, "move");
    } else {
        lua_pop(L, 1);
    }
    if (lua_getfield(L, tbl, "sort") == LUA_TFUNCTION) {
        lua_pushcclosure(L, t_sort, 1);
        lua_setfield(L, -2, "sort");
    } else {
        lua_pop(L, 1);
    }
}
