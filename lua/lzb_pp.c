/* zb.pp and zb.pformat: the pretty printer (lua/pp.lua) for scripts; the
 * REPL prints its results with the same module (zbL_pushpp).
 *
 * The module is loaded from the installation's lua/ directory, not through
 * package.path, so that a pp.lua in the current directory cannot stand in
 * for it, and so that it works where a sandbox hides `require`.  It is
 * loaded once per state and kept in the registry.
 */
#include <lauxlib.h>
#include <string.h>

#include "lzb.h"
#include "zb_host.h"
#include "zb_lang.h"

#define PP_KEY "zb.pp"

/* Pushes registry._LOADED.zb[name] (nil when absent): [-0, +1, -] */
static void push_zb_field(lua_State *L, const char *name)
{
    luaL_getsubtable(L, LUA_REGISTRYINDEX, LUA_LOADED_TABLE);
    if (lua_getfield(L, -1, "zb") == LUA_TTABLE)
        lua_getfield(L, -1, name);
    else
        lua_pushnil(L);
    lua_replace(L, -3);
    lua_pop(L, 1);
}

int zbL_pushpp(lua_State *L)
{
    if (lua_getfield(L, LUA_REGISTRYINDEX, PP_KEY) == LUA_TTABLE)
        return 1;
    lua_pop(L, 1);
    const char *path = lua_pushfstring(L, "%s/lua/pp.lua", zb_host_home());
    if (luaL_loadfilex(L, path, "t") != LUA_OK)
        return lua_error(L);
    lua_remove(L, -2);
    lua_createtable(L, 0, 3); /* the host's helpers, see pp.lua */
    push_zb_field(L, "width");
    lua_setfield(L, -2, "width");
    push_zb_field(L, "cut");
    lua_setfield(L, -2, "cut");
    lua_pushstring(L, zb_lang_get() == ZB_LANG_EN ? "en" : "zh");
    lua_setfield(L, -2, "lang");
    lua_call(L, 1, 1);
    if (!lua_istable(L, -1))
        return luaL_error(L, "%s did not return a table", path);
    lua_pushvalue(L, -1);
    lua_setfield(L, LUA_REGISTRYINDEX, PP_KEY);
    /* require "pp" then finds this very instance. */
    luaL_getsubtable(L, LUA_REGISTRYINDEX, LUA_LOADED_TABLE);
    lua_pushvalue(L, -2);
    lua_setfield(L, -2, "pp");
    lua_pop(L, 1);
    return 1;
}

/* Pushes pp.format(value at 1, options at 2): [-0, +1, e] */
static const char *pformat(lua_State *L)
{
    if (!lua_isnoneornil(L, 2))
        luaL_checktype(L, 2, LUA_TTABLE);
    lua_settop(L, 2);
    zbL_pushpp(L);
    lua_getfield(L, -1, "format");
    lua_pushvalue(L, 1);
    lua_pushvalue(L, 2);
    lua_call(L, 2, 1);
    lua_remove(L, -2);
    return luaL_checkstring(L, -1);
}

/* zb.pformat(value [, opts]) -> the text zb.pp would print */
static int l_pformat(lua_State *L)
{
    pformat(L);
    return 1;
}

/* Pushes the `print` of the function at level 1 (zb.pp's caller): the one
 * its _ENV holds, so that zb.pp prints where the script's own print does
 * (a sandbox or a test runner may give scripts their own).  Runs
 * protected, as _ENV's __index may raise.  [-0, +1, -] */
static int callers_print(lua_State *L)
{
    lua_Debug ar;
    if (lua_getstack(L, 2, &ar) && lua_getinfo(L, "f", &ar)) { /* 1 is this helper's caller, zb.pp */
        const char *name;
        for (int i = 1; (name = lua_getupvalue(L, -1, i)) != NULL; i++) {
            if (strcmp(name, "_ENV") == 0) {
                int t = lua_type(L, -1);
                if (t == LUA_TTABLE || t == LUA_TUSERDATA) {
                    lua_getfield(L, -1, "print");
                    return 1;
                }
            }
            lua_pop(L, 1);
        }
    }
    lua_pushnil(L);
    return 1;
}

/* zb.pp(value [, opts]): prints value as the REPL shows its results */
static int l_pp(lua_State *L)
{
    pformat(L);
    lua_pushcfunction(L, callers_print);
    if (lua_pcall(L, 0, 1, 0) != LUA_OK || !lua_isfunction(L, -1)) {
        lua_pop(L, 1);
        lua_getglobal(L, "print");
    }
    lua_insert(L, -2);
    lua_call(L, 1, 0);
    return 0;
}

static const luaL_Reg pp_funcs[] = {
    {"pp", l_pp},
    {"pformat", l_pformat},
    {NULL, NULL},
};

void zbL_open_pp(lua_State *L) { luaL_setfuncs(L, pp_funcs, 0); }
