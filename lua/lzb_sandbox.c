/* zb.sandbox: the trusted side's handle on the sandbox (zb_sandbox.h).
 *
 * A check runner or report driver written in Lua loads each script into an
 * environment of its own and calls it under limits:
 *
 *   local fn, env = zb.sandbox.loadfile(path, {globals = {ds = ds}})
 *   local ok, kind, msg, tb = zb.sandbox.call(fn, {instructions = 1e8})
 *
 * Sandboxed code never sees zb.sandbox: the sandbox's view of zb leaves it
 * out (zb_sandbox_env.c).
 */
#include <lauxlib.h>
#include <limits.h>
#include <string.h>

#include "lzb.h"
#include "zb_lang.h"
#include "zb_sandbox.h"

/* The options of load/loadfile at index 2: copies opts.globals into the
 * new environment; returns the environment's index.  opts.path stays
 * pushed below the environment: a number made a string here, or a string
 * an __index made, lives only on the stack.  [-0, +2, v] */
static int new_env(lua_State *L)
{
    const char *path = NULL;
    int has_opts = !lua_isnoneornil(L, 2);
    if (has_opts) {
        luaL_checktype(L, 2, LUA_TTABLE);
        if (lua_getfield(L, 2, "path") != LUA_TNIL)
            path = luaL_checkstring(L, -1);
    } else {
        lua_pushnil(L);
    }
    zb_sandbox_newenv(L, path);
    int env = lua_gettop(L);
    if (has_opts && lua_getfield(L, 2, "globals") != LUA_TNIL) {
        luaL_checktype(L, -1, LUA_TTABLE);
        lua_pushnil(L);
        while (lua_next(L, -2)) {
            lua_pushvalue(L, -2);
            lua_insert(L, -2);
            lua_rawset(L, env);
        }
        lua_pop(L, 1);
    } else if (has_opts) {
        lua_pop(L, 1);
    }
    return env;
}

/* zb.sandbox.load(text [, opts]) -> fn, env | nil, message
 * opts: name (chunk name), globals (copied into the environment), path
 * (where require looks). */
static int l_load(lua_State *L)
{
    size_t len;
    const char *text = luaL_checklstring(L, 1, &len);
    lua_settop(L, 2);
    const char *chunkname = text;
    if (!lua_isnoneornil(L, 2)) {
        luaL_checktype(L, 2, LUA_TTABLE);
        if (lua_getfield(L, 2, "name") != LUA_TNIL)
            chunkname = lua_pushfstring(L, "=%s", luaL_checkstring(L, -1));
    }
    int env = new_env(L);
    if (zb_sandbox_loadbuffer(L, text, len, chunkname, env) != LUA_OK) {
        luaL_pushfail(L);
        lua_insert(L, -2);
        return 2;
    }
    lua_pushvalue(L, env);
    return 2;
}

/* zb.sandbox.loadfile(path [, opts]) -> fn, env | nil, message */
static int l_loadfile(lua_State *L)
{
    const char *path = luaL_checkstring(L, 1);
    lua_settop(L, 2);
    int env = new_env(L);
    if (zb_sandbox_loadfile(L, path, env) != LUA_OK) {
        luaL_pushfail(L);
        lua_insert(L, -2);
        return 2;
    }
    lua_pushvalue(L, env);
    return 2;
}

/* A limit field: absent -> the default; false or 0 -> none. */
static unsigned long long limit_field(lua_State *L, int t, const char *name, unsigned long long dflt)
{
    int type = lua_getfield(L, t, name);
    unsigned long long v = dflt;
    if (type == LUA_TBOOLEAN && !lua_toboolean(L, -1)) {
        v = 0;
    } else if (type != LUA_TNIL) {
        int ok;
        lua_Number x = lua_tonumberx(L, -1, &ok);
        if (!ok || x < 0 || x != x || x > 1.8e19)
            luaL_argerror(L, 2, lua_pushfstring(L, ZB_T("%s 应为非负数", "%s must be a non-negative number"), name));
        v = (unsigned long long)x;
    }
    lua_pop(L, 1);
    return v;
}

/* zb.sandbox.call(fn, limits, ...) -> true, ... | false, kind, message, traceback
 * limits: memory (bytes), instructions, out (the directory zb.write may
 * write to); nil: the defaults and no writes. */
static int l_call(lua_State *L)
{
    luaL_checktype(L, 1, LUA_TFUNCTION);
    if (lua_gettop(L) < 2)
        lua_settop(L, 2);
    zb_limits lim = zb_limits_default();
    const char *out = NULL;
    if (!lua_isnoneornil(L, 2)) {
        luaL_checktype(L, 2, LUA_TTABLE);
        lim.max_memory = (size_t)limit_field(L, 2, "memory", lim.max_memory);
        lim.max_instructions = limit_field(L, 2, "instructions", lim.max_instructions);
        if (lua_getfield(L, 2, "out") == LUA_TSTRING)
            out = lua_tostring(L, -1);
        else if (!lua_isnil(L, -1) && !(lua_isboolean(L, -1) && !lua_toboolean(L, -1)))
            luaL_argerror(L, 2, ZB_T("out 应为目录名", "out must be a directory name"));
        lua_replace(L, 2); /* keeps the string alive */
    }
    int nargs = lua_gettop(L) - 2;
    lua_pushvalue(L, 1);
    lua_rotate(L, 3, 1); /* fn, limits, fn, args... */
    int nres = 0;
    zb_run_status st = zb_sandbox_call(L, nargs, &lim, out, &nres);
    if (st == ZB_RUN_OK) {
        lua_pushboolean(L, 1);
        lua_rotate(L, 3, 1);
        return nres + 1;
    }
    lua_pushboolean(L, 0);
    lua_pushstring(L, zb_run_status_name(st));
    lua_rotate(L, -4, 2); /* false, kind, message, traceback */
    return 4;
}

/* zb.sandbox.limits() -> {memory = bytes, instructions = n}: the defaults. */
static int l_limits(lua_State *L)
{
    zb_limits lim = zb_limits_default();
    lua_createtable(L, 0, 2);
    lua_pushinteger(L, (lua_Integer)lim.max_memory);
    lua_setfield(L, -2, "memory");
    lua_pushinteger(L, (lua_Integer)lim.max_instructions);
    lua_setfield(L, -2, "instructions");
    return 1;
}

/* zb.sandbox.memory() -> bytes the state's heap holds now (nil when the
 * state does not count them). */
static int l_memory(lua_State *L)
{
    zb_budget *b = zbL_budget(L);
    if (!b)
        return 0;
    lua_pushinteger(L, (lua_Integer)zb_budget_used(b));
    return 1;
}

void zbL_charge(lua_State *L, size_t n, unsigned cost)
{
    unsigned long long units = (unsigned long long)n;
    if (n == 0 || cost == 0)
        return;
    zbL_sandbox_charge(L, units > ULLONG_MAX / cost ? ULLONG_MAX : units * cost);
}

static const luaL_Reg sandbox_funcs[] = {
    {"load", l_load},     {"loadfile", l_loadfile}, {"call", l_call},
    {"limits", l_limits}, {"memory", l_memory},     {NULL, NULL},
};

void zbL_open_sandbox(lua_State *L)
{
    luaL_newlib(L, sandbox_funcs);
    lua_setfield(L, -2, "sandbox");
}
