/* The sandbox's environments: what a script can see, and nothing more.
 *
 * An allow-list, not a deny-list (redis#2854: a deny-list leaked through
 * setmetatable(_G, nil)).  The allowed libraries are built once per state
 * into read-only proxies: an empty table whose metatable reads from a hidden
 * view and raises on writes, with __metatable set so that the metatable can
 * be neither fetched nor replaced, and rawset refusing them.  Each script
 * gets its own globals table on top (its own assignments stay its own), so
 * one script cannot change what another sees.  Stock Lua has no read-only
 * tables; Redis patched its Lua for them, proxies need no patch.
 *
 * The string metatable is shared by every string of the state: its __index
 * becomes the sandbox's read-only string library (so ("x"):rep(n) is the
 * bounded rep too) and its __metatable a read-only view of it.  The
 * metatables of zb's userdata are locked the same way, and the dataset's
 * __close does nothing inside a sandboxed call (a script must not close the
 * dataset other scripts use; __gc frees it later).
 */
#include "zb_sandbox.h"

#include <lauxlib.h>
#include <stdio.h>
#include <string.h>

#include "lzb.h"
#include "zb_host.h"
#include "zb_lang.h"

/* Registry key (its address) of the sandbox's shared table. */
static const char SANDBOX_KEY = 's';
/* Marks a module being loaded in a script's `loaded` table. */
static const char LOADING = 'l';

/* ---- read-only proxies ---- */

static const char *key_text(lua_State *L, int idx)
{
    if (lua_type(L, idx) == LUA_TSTRING || lua_type(L, idx) == LUA_TNUMBER)
        return lua_tostring(L, idx); /* a copy is made below if it is a number */
    return luaL_typename(L, idx);
}

/* __newindex of a proxy: upvalue 1 is the table's name. */
static int ro_newindex(lua_State *L)
{
    lua_pushvalue(L, 2);
    const char *k = key_text(L, -1);
    return luaL_error(L, ZB_T("不能修改只读表 %s（键“%s”）", "attempt to modify read-only table '%s' (key '%s')"),
                      lua_tostring(L, lua_upvalueindex(1)), k);
}

/* __index of a view, for keys it lacks: upvalue 1 the library's name,
 * upvalue 2 the names left out of it on purpose. */
static int ro_missing(lua_State *L)
{
    if (lua_type(L, 2) == LUA_TSTRING && lua_getfield(L, lua_upvalueindex(2), lua_tostring(L, 2)) != LUA_TNIL)
        return luaL_error(L, ZB_T("%s.%s 在沙箱中不可用", "%s.%s is not available in the sandbox"),
                          lua_tostring(L, lua_upvalueindex(1)), lua_tostring(L, 2));
    lua_pushnil(L);
    return 1;
}

static int ro_next(lua_State *L)
{
    lua_settop(L, 2);
    if (lua_next(L, lua_upvalueindex(1)))
        return 2;
    lua_pushnil(L);
    return 1;
}

/* __pairs: iterates the view, never handing it out. */
static int ro_pairs(lua_State *L)
{
    lua_pushvalue(L, lua_upvalueindex(1));
    lua_pushcclosure(L, ro_next, 1);
    lua_pushvalue(L, 1);
    lua_pushnil(L);
    return 3;
}

static int ro_len(lua_State *L)
{
    lua_pushinteger(L, (lua_Integer)lua_rawlen(L, lua_upvalueindex(1)));
    return 1;
}

static int in_list(const char *const *list, const char *s)
{
    for (; list && *list; list++)
        if (strcmp(*list, s) == 0)
            return 1;
    return 0;
}

/* The building context: indexes of the shared table and of a memo
 * (real table -> proxy) that keeps cycles (_G._G) finite. */
typedef struct build {
    int sb, memo;
} build;

static int is_locked(lua_State *L, const build *bd, int idx)
{
    idx = lua_absindex(L, idx);
    lua_getfield(L, bd->sb, "locked");
    lua_pushvalue(L, idx);
    int yes = lua_rawget(L, -2) != LUA_TNIL;
    lua_pop(L, 2);
    return yes;
}

static void mark_locked(lua_State *L, const build *bd, int idx)
{
    idx = lua_absindex(L, idx);
    lua_getfield(L, bd->sb, "locked");
    lua_pushvalue(L, idx);
    lua_pushboolean(L, 1);
    lua_rawset(L, -3);
    lua_pop(L, 1);
}

/* Pushes a read-only proxy of the table at idx: [-0, +1, m].
 * allow (NULL: every key) and skip choose the string keys kept; gone
 * (0: none) is a table of names left out on purpose, for the message.
 * Tables inside are proxied in turn. */
static void push_proxy(lua_State *L, const build *bd, int idx, const char *name,
                       const char *const *allow, const char *const *skip, int gone)
{
    idx = lua_absindex(L, idx);
    if (is_locked(L, bd, idx)) {
        lua_pushvalue(L, idx);
        return;
    }
    lua_pushvalue(L, idx);
    if (lua_rawget(L, bd->memo) != LUA_TNIL)
        return;
    lua_pop(L, 1);
    lua_newtable(L); /* the proxy */
    int proxy = lua_gettop(L);
    lua_pushvalue(L, idx);
    lua_pushvalue(L, proxy);
    lua_rawset(L, bd->memo);
    lua_newtable(L); /* the view */
    int view = lua_gettop(L);
    lua_pushnil(L);
    while (lua_next(L, idx)) {
        if (lua_type(L, -2) == LUA_TSTRING) {
            const char *k = lua_tostring(L, -2);
            if ((allow && !in_list(allow, k)) || in_list(skip, k)) {
                lua_pop(L, 1);
                continue;
            }
        }
        if (lua_type(L, -1) == LUA_TTABLE) {
            const char *sub = lua_type(L, -2) == LUA_TSTRING
                                  ? lua_pushfstring(L, "%s.%s", name, lua_tostring(L, -2))
                                  : lua_pushstring(L, name);
            push_proxy(L, bd, -2, sub, NULL, NULL, 0);
            lua_replace(L, -3);
            lua_pop(L, 1);
        }
        lua_pushvalue(L, -2);
        lua_insert(L, -2);
        lua_rawset(L, view);
    }
    if (gone) {
        lua_createtable(L, 0, 1);
        lua_pushstring(L, name);
        lua_pushvalue(L, gone);
        lua_pushcclosure(L, ro_missing, 2);
        lua_setfield(L, -2, "__index");
        lua_setmetatable(L, view);
    }
    lua_createtable(L, 0, 5);
    lua_pushvalue(L, view);
    lua_setfield(L, -2, "__index");
    lua_pushstring(L, name);
    lua_pushcclosure(L, ro_newindex, 1);
    lua_setfield(L, -2, "__newindex");
    lua_pushvalue(L, view);
    lua_pushcclosure(L, ro_pairs, 1);
    lua_setfield(L, -2, "__pairs");
    lua_pushvalue(L, view);
    lua_pushcclosure(L, ro_len, 1);
    lua_setfield(L, -2, "__len");
    lua_getfield(L, bd->sb, "marker");
    lua_setfield(L, -2, "__metatable");
    lua_setmetatable(L, proxy);
    lua_pop(L, 1); /* the view */
    mark_locked(L, bd, proxy);
}

/* A table of names, as a set: [-0, +1, m] */
static void push_set(lua_State *L, const char *const *names)
{
    lua_newtable(L);
    for (; *names; names++) {
        lua_pushboolean(L, 1);
        lua_setfield(L, -2, *names);
    }
}

/* ---- the allowed base functions that need a guard ---- */

static int is_locked_rt(lua_State *L, int idx)
{
    lua_rawgetp(L, LUA_REGISTRYINDEX, &SANDBOX_KEY);
    lua_getfield(L, -1, "locked");
    lua_pushvalue(L, idx);
    int yes = lua_rawget(L, -2) != LUA_TNIL;
    lua_pop(L, 3);
    return yes;
}

/* rawset, refusing the read-only tables and script environments. */
static int sb_rawset(lua_State *L)
{
    luaL_checktype(L, 1, LUA_TTABLE);
    luaL_checkany(L, 2);
    luaL_checkany(L, 3);
    if (is_locked_rt(L, 1))
        return luaL_error(L, "%s", ZB_T("rawset 不能修改只读表或全局变量表", "rawset cannot modify a read-only table or the globals table"));
    lua_settop(L, 3);
    lua_rawset(L, 1);
    return 1;
}

/* setmetatable without __gc: a finalizer runs during garbage collection,
 * where no hook fires, so an endless one would hang the process (also at
 * lua_close).  Upvalue 1 is the original. */
static int sb_setmetatable(lua_State *L)
{
    if (lua_type(L, 2) == LUA_TTABLE) {
        lua_pushliteral(L, "__gc");
        if (lua_rawget(L, 2) != LUA_TNIL)
            return luaL_error(L, "%s", ZB_T("沙箱中不允许 __gc 元方法（终结器在限制之外运行）",
                                            "__gc metamethods are not allowed in the sandbox (finalizers run outside the limits)"));
        lua_pop(L, 1);
    }
    lua_pushvalue(L, lua_upvalueindex(1));
    lua_insert(L, 1);
    lua_call(L, lua_gettop(L) - 1, 1);
    return 1;
}

/* collectgarbage: reading the count is harmless; a collection is charged
 * by the heap it walks; stopping the collector or changing its mode would
 * change the whole state, the host's part included.  Upvalue 1 is the
 * original. */
static int sb_collectgarbage(lua_State *L)
{
    const char *opt = luaL_optstring(L, 1, "collect");
    if (strcmp(opt, "collect") == 0 || strcmp(opt, "step") == 0) {
        zb_budget *b = zbL_budget(L);
        zbL_sandbox_charge(L, 100000 + (b ? zb_budget_used(b) / 16 : 0));
    } else if (strcmp(opt, "count") != 0 && strcmp(opt, "isrunning") != 0) {
        return luaL_error(L, ZB_T("collectgarbage(\"%s\") 在沙箱中不可用", "collectgarbage(\"%s\") is not available in the sandbox"),
                          opt);
    }
    int n = lua_gettop(L);
    lua_pushvalue(L, lua_upvalueindex(1));
    lua_insert(L, 1);
    lua_call(L, n, LUA_MULTRET);
    return lua_gettop(L);
}

/* io.write to standard output only; returns nothing (no file handle leaves
 * the sandbox). */
static int sb_write(lua_State *L)
{
    int n = lua_gettop(L);
    for (int i = 1; i <= n; i++) {
        if (lua_type(L, i) == LUA_TNUMBER) {
            if (lua_isinteger(L, i))
                printf(LUA_INTEGER_FMT, lua_tointeger(L, i));
            else
                printf(LUA_NUMBER_FMT, lua_tonumber(L, i));
        } else {
            size_t len;
            const char *s = luaL_checklstring(L, i, &len);
            fwrite(s, 1, len, stdout);
        }
    }
    return 0;
}

/* xpcall's handler, guarded: after a stop it hands the error on without
 * running the script's handler (a handler of an error raised from the hook
 * runs with hooks off, so nothing could stop it).  Upvalue 1 is the
 * script's handler. */
static int guarded_handler(lua_State *L)
{
    zb_budget *b = zbL_budget(L);
    if (b && zb_budget_depth(b) > 0 && zb_budget_tripped(b)) {
        lua_settop(L, 1);
        return 1;
    }
    lua_pushvalue(L, lua_upvalueindex(1));
    lua_insert(L, 1);
    lua_call(L, lua_gettop(L) - 1, 1);
    return 1;
}

/* xpcall(f, handler, ...) with the handler guarded.  Upvalue 1 is the
 * original xpcall. */
static int sb_xpcall(lua_State *L)
{
    int n = lua_gettop(L);
    luaL_checktype(L, 2, LUA_TFUNCTION);
    lua_pushvalue(L, 2);
    lua_pushcclosure(L, guarded_handler, 1);
    lua_replace(L, 2);
    lua_pushvalue(L, lua_upvalueindex(1));
    lua_insert(L, 1);
    lua_call(L, n, LUA_MULTRET);
    return lua_gettop(L);
}

/* coroutine.close: a coroutine a stop ended keeps its __close handlers
 * unrun.  Upvalue 1 is the original. */
static int sb_coclose(lua_State *L)
{
    lua_State *co = lua_tothread(L, 1);
    if (co && zbL_thread_stopped(co)) {
        luaL_pushfail(L);
        lua_pushstring(L, ZB_T("协程已因超出限制而停止", "the coroutine was stopped by a limit"));
        return 2;
    }
    lua_pushvalue(L, lua_upvalueindex(1));
    lua_insert(L, 1);
    lua_call(L, lua_gettop(L) - 1, LUA_MULTRET);
    return lua_gettop(L);
}

/* The function coroutine.wrap returns (as Lua's, but a coroutine a stop
 * ended is not reset, see sb_coclose).  Upvalue 1 is the coroutine. */
static int sb_wrapped(lua_State *L)
{
    lua_State *co = lua_tothread(L, lua_upvalueindex(1));
    int n = lua_gettop(L);
    if (!lua_checkstack(co, n))
        return luaL_error(L, "too many arguments to resume");
    lua_xmove(L, co, n);
    int nres = 0;
    int st = lua_resume(co, L, n, &nres);
    if (st == LUA_OK || st == LUA_YIELD) {
        if (!lua_checkstack(L, nres + 1)) {
            lua_pop(co, nres);
            return luaL_error(L, "too many results to resume");
        }
        lua_xmove(co, L, nres);
        return nres;
    }
    lua_xmove(co, L, 1);
    int cst = lua_status(co);
    if (cst != LUA_OK && cst != LUA_YIELD && !zbL_thread_stopped(co)) {
#if LUA_VERSION_NUM > 504 || LUA_VERSION_RELEASE_NUM >= 50406
        cst = lua_closethread(co, L);
#else
        cst = lua_resetthread(co);
#endif
        lua_pop(L, 1);
        lua_xmove(co, L, 1); /* the error, after the closing */
    }
    if (st != LUA_ERRMEM && lua_type(L, -1) == LUA_TSTRING) {
        luaL_where(L, 1);
        lua_insert(L, -2);
        lua_concat(L, 2);
    }
    return lua_error(L);
}

static int sb_cowrap(lua_State *L)
{
    luaL_checktype(L, 1, LUA_TFUNCTION);
    lua_State *co = lua_newthread(L);
    lua_pushvalue(L, 1);
    lua_xmove(L, co, 1);
    lua_pushcclosure(L, sb_wrapped, 1);
    return 1;
}

/* A module's __close, wrapped: does nothing inside a sandboxed call.
 * Upvalue 1 is the original. */
static int sb_close_outside(lua_State *L)
{
    zb_budget *b = zbL_budget(L);
    if (b && zb_budget_depth(b) > 0)
        return 0;
    lua_pushvalue(L, lua_upvalueindex(1));
    lua_insert(L, 1);
    lua_call(L, lua_gettop(L) - 1, 0);
    return 0;
}

/* ---- building the shared views ---- */

static const char *const base_allowed[] = {
    "assert", "error", "getmetatable", "ipairs", "next", "pairs", "pcall", "print", "rawequal",
    "rawget", "rawlen", "select", "tonumber", "tostring", "type", "_VERSION", NULL};
static const char *const base_gone[] = {
    "dofile", "loadfile", "loadstring", "debug", "package", "warn", "module", "setfenv", "getfenv", NULL};
static const char *const string_allowed[] = {
    "byte", "char", "find", "format", "gmatch", "gsub", "len", "lower", "match", "pack",
    "packsize", "rep", "reverse", "sub", "unpack", "upper", NULL};
static const char *const string_gone[] = {"dump", NULL};
static const char *const table_allowed[] = {
    "concat", "insert", "move", "pack", "remove", "sort", "unpack", NULL};
static const char *const os_allowed[] = {"clock", "date", "difftime", "time", NULL};
static const char *const os_gone[] = {
    "execute", "exit", "getenv", "remove", "rename", "setlocale", "tmpname", NULL};
static const char *const io_gone[] = {
    "open", "popen", "read", "lines", "input", "output", "close", "tmpfile", "stdin", "stdout",
    "stderr", "type", NULL};
/* zb functions that reach the file system on their own. */
static const char *const zb_skipped[] = {"sandbox", "open", NULL};
/* Userdata metatable fields a script must not call by hand. */
static const char *const mt_skipped[] = {"__gc", "__close", "__metatable", NULL};

/* Pushes package.loaded[name] (nil when that library is not open). */
static int push_loaded(lua_State *L, const char *name)
{
    lua_getfield(L, LUA_REGISTRYINDEX, LUA_LOADED_TABLE);
    int t = lua_getfield(L, -1, name);
    lua_remove(L, -2);
    return t;
}

/* Copies the names in list from the table at src into the table at dst. */
static void copy_fields(lua_State *L, int src, int dst, const char *const *list)
{
    src = lua_absindex(L, src);
    dst = lua_absindex(L, dst);
    for (; *list; list++) {
        if (lua_getfield(L, src, *list) != LUA_TNIL)
            lua_setfield(L, dst, *list);
        else
            lua_pop(L, 1);
    }
}

/* G.name = read-only proxy of the library (when the state has it). */
static void add_library(lua_State *L, const build *bd, int G, const char *name, const char *const *allow,
                        const char *const *gone)
{
    if (push_loaded(L, name) != LUA_TTABLE) {
        lua_pop(L, 1);
        return;
    }
    if (gone)
        push_set(L, gone);
    push_proxy(L, bd, gone ? -2 : -1, name, allow, NULL, gone ? lua_absindex(L, -1) : 0);
    lua_setfield(L, G, name);
    lua_pop(L, gone ? 2 : 1);
}

static void lock_string_metatable(lua_State *L, const build *bd, int G)
{
    lua_pushliteral(L, "");
    if (!lua_getmetatable(L, -1)) {
        lua_pop(L, 1);
        return;
    }
    int mt = lua_gettop(L);
    if (lua_getfield(L, G, "string") == LUA_TTABLE)
        lua_setfield(L, mt, "__index");
    else
        lua_pop(L, 1);
    push_proxy(L, bd, mt, "string metatable", NULL, mt_skipped, 0);
    lua_setfield(L, mt, "__metatable");
    lua_pop(L, 2);
}

/* Every metatable registered with luaL_newmetatable (registry[name] = mt,
 * mt.__name = name): locked; the dataset's __close neutralised inside
 * calls. */
static void lock_userdata_metatables(lua_State *L, const build *bd)
{
    lua_pushnil(L);
    while (lua_next(L, LUA_REGISTRYINDEX)) {
        if (lua_type(L, -2) == LUA_TSTRING && lua_type(L, -1) == LUA_TTABLE) {
            int mt = lua_gettop(L);
            lua_getfield(L, mt, "__name");
            int named = lua_type(L, -1) == LUA_TSTRING && strcmp(lua_tostring(L, -1), lua_tostring(L, -3)) == 0;
            lua_pop(L, 1);
            lua_pushliteral(L, "__metatable");
            int open = lua_rawget(L, mt) == LUA_TNIL;
            lua_pop(L, 1);
            if (named && open) {
                push_proxy(L, bd, mt, lua_tostring(L, -2), NULL, mt_skipped, 0);
                lua_setfield(L, mt, "__metatable");
                /* Only the dataset is handed from the host to every
                 * script; other types' __close stay (zb.xlsx.write closes
                 * its own guard through it). */
                lua_pushliteral(L, "__close");
                if (lua_rawget(L, mt) == LUA_TFUNCTION && strcmp(lua_tostring(L, -3), ZB_DATASET_MT) == 0) {
                    lua_pushcclosure(L, sb_close_outside, 1);
                    lua_setfield(L, mt, "__close");
                } else {
                    lua_pop(L, 1);
                }
            }
        }
        lua_pop(L, 1);
    }
}

static void push_default_path(lua_State *L)
{
    const char *home = zb_host_home();
    lua_pushfstring(L, "%s/lua/?.lua;%s/scripts/lib/?.lua", home, home);
}

static int global_missing(lua_State *L);

/* Builds the shared table once: [-0, +1, m] */
static void push_sandbox(lua_State *L)
{
    if (lua_rawgetp(L, LUA_REGISTRYINDEX, &SANDBOX_KEY) == LUA_TTABLE)
        return;
    lua_pop(L, 1);
    lua_newtable(L);
    build bd = {lua_gettop(L), 0};
    lua_newtable(L);
    bd.memo = lua_gettop(L);

    lua_newtable(L); /* locked: weak keys, so that finished scripts go */
    lua_createtable(L, 0, 1);
    lua_pushliteral(L, "k");
    lua_setfield(L, -2, "__mode");
    lua_setmetatable(L, -2);
    lua_setfield(L, bd.sb, "locked");

    /* What getmetatable returns for a protected table: empty, read-only. */
    lua_newtable(L);
    lua_createtable(L, 0, 2);
    lua_pushliteral(L, "metatable");
    lua_pushcclosure(L, ro_newindex, 1);
    lua_setfield(L, -2, "__newindex");
    lua_pushliteral(L, "read-only");
    lua_setfield(L, -2, "__metatable");
    lua_setmetatable(L, -2);
    mark_locked(L, &bd, -1);
    lua_setfield(L, bd.sb, "marker");

    push_set(L, base_gone);
    lua_setfield(L, bd.sb, "gone");
    push_default_path(L);
    lua_setfield(L, bd.sb, "path");

    lua_newtable(L);
    int G = lua_gettop(L);
    lua_pushglobaltable(L);
    int g = lua_gettop(L);
    copy_fields(L, g, G, base_allowed);
    lua_getfield(L, g, "load");
    lua_setfield(L, bd.sb, "load");
    static const struct {
        const char *name;
        lua_CFunction f;
    } wrapped[] = {{"setmetatable", sb_setmetatable}, {"collectgarbage", sb_collectgarbage}, {"xpcall", sb_xpcall}};
    for (size_t i = 0; i < sizeof wrapped / sizeof wrapped[0]; i++) {
        if (lua_getfield(L, g, wrapped[i].name) == LUA_TFUNCTION) {
            lua_pushcclosure(L, wrapped[i].f, 1);
            lua_setfield(L, G, wrapped[i].name);
        } else {
            lua_pop(L, 1);
        }
    }
    lua_pushcfunction(L, sb_rawset);
    lua_setfield(L, G, "rawset");
    lua_pop(L, 1); /* the real globals */

    /* string: the allowed functions, the bounded ones over them. */
    if (push_loaded(L, "string") == LUA_TTABLE) {
        lua_newtable(L);
        copy_fields(L, -2, -1, string_allowed);
        zbL_sandbox_string(L);
        lua_pushnil(L);
        while (lua_next(L, -2)) {
            lua_pushvalue(L, -2);
            lua_insert(L, -2);
            lua_settable(L, -5);
        }
        lua_pop(L, 1);
        push_set(L, string_gone);
        push_proxy(L, &bd, -2, "string", NULL, NULL, lua_absindex(L, -1));
        lua_setfield(L, G, "string");
        lua_pop(L, 2);
    }
    lua_pop(L, 1);
    if (push_loaded(L, "table") == LUA_TTABLE) {
        lua_newtable(L);
        copy_fields(L, -2, -1, table_allowed);
        zbL_sandbox_table(L, -2);
        lua_pushnil(L);
        while (lua_next(L, -2)) {
            lua_pushvalue(L, -2);
            lua_insert(L, -2);
            lua_settable(L, -5);
        }
        lua_pop(L, 1);
        push_proxy(L, &bd, -1, "table", NULL, NULL, 0);
        lua_setfield(L, G, "table");
        lua_pop(L, 1);
    }
    lua_pop(L, 1);
    add_library(L, &bd, G, "math", NULL, NULL);
    add_library(L, &bd, G, "utf8", NULL, NULL);
    if (push_loaded(L, "coroutine") == LUA_TTABLE) {
        lua_newtable(L);
        lua_pushnil(L);
        while (lua_next(L, -3)) {
            lua_pushvalue(L, -2);
            lua_insert(L, -2);
            lua_settable(L, -4);
        }
        if (lua_getfield(L, -1, "close") == LUA_TFUNCTION) {
            lua_pushcclosure(L, sb_coclose, 1);
            lua_setfield(L, -2, "close");
        } else {
            lua_pop(L, 1);
        }
        lua_pushcfunction(L, sb_cowrap);
        lua_setfield(L, -2, "wrap");
        push_proxy(L, &bd, -1, "coroutine", NULL, NULL, 0);
        lua_setfield(L, G, "coroutine");
        lua_pop(L, 1);
    }
    lua_pop(L, 1);
    add_library(L, &bd, G, "os", os_allowed, os_gone);

    lua_createtable(L, 0, 1); /* io: write to stdout, nothing else */
    lua_pushcfunction(L, sb_write);
    lua_setfield(L, -2, "write");
    push_set(L, io_gone);
    push_proxy(L, &bd, -2, "io", NULL, NULL, lua_absindex(L, -1));
    lua_setfield(L, G, "io");
    lua_pop(L, 2);

    if (push_loaded(L, "zb") == LUA_TTABLE) {
        push_proxy(L, &bd, -1, "zb", NULL, zb_skipped, 0);
        lua_setfield(L, G, "zb");
    }
    lua_pop(L, 1);

    lock_string_metatable(L, &bd, G);
    lock_userdata_metatables(L, &bd);
    lua_createtable(L, 0, 1);
    lua_getfield(L, bd.sb, "gone");
    lua_pushcclosure(L, global_missing, 1);
    lua_setfield(L, -2, "__index");
    lua_setmetatable(L, G);
    lua_setfield(L, bd.sb, "G");
    lua_pop(L, 1); /* memo */
    lua_pushvalue(L, bd.sb);
    lua_rawsetp(L, LUA_REGISTRYINDEX, &SANDBOX_KEY);
}

/* ---- one script's environment ---- */

/* A global lookup goes through tables only, so that it costs no C call:
 * the script's own globals E, then (E's __index) its own built-ins S
 * (_G, load, require), then (S's __index) the shared allowed globals G,
 * and only a name missing from all three reaches this, G's __index.
 * Upvalue 1: the names left out on purpose. */
static int global_missing(lua_State *L)
{
    lua_pushvalue(L, 2);
    const char *k = key_text(L, -1);
    lua_pushvalue(L, 2);
    if (lua_rawget(L, lua_upvalueindex(1)) != LUA_TNIL)
        return luaL_error(L, ZB_T("“%s”在沙箱中不可用", "'%s' is not available in the sandbox"), k);
    return luaL_error(L, ZB_T("未定义的全局变量“%s”", "undefined global variable '%s'"), k);
}

/* __newindex: a script's own globals are its own; the built-in ones stay. */
static int env_newindex(lua_State *L)
{
    lua_pushvalue(L, 2);
    int builtin = lua_rawget(L, lua_upvalueindex(1)) != LUA_TNIL;
    lua_pushvalue(L, 2);
    builtin = builtin || lua_rawget(L, lua_upvalueindex(2)) != LUA_TNIL;
    if (builtin) {
        lua_pushvalue(L, 2);
        return luaL_error(L, ZB_T("不能给内置的全局变量“%s”赋值", "cannot assign to the built-in global '%s'"),
                          key_text(L, -1));
    }
    lua_settop(L, 3);
    lua_rawset(L, 1);
    return 0;
}

/* load, text only, in the script's environment unless given another.
 * Upvalues: the original load, the script's environment. */
static int sb_load(lua_State *L)
{
    int has_env = !lua_isnone(L, 4);
    lua_settop(L, 4);
    const char *mode = luaL_optstring(L, 3, "bt");
    size_t len;
    const char *s = lua_type(L, 1) == LUA_TSTRING ? lua_tolstring(L, 1, &len) : NULL;
    if ((s && len > 0 && s[0] == LUA_SIGNATURE[0]) || !strchr(mode, 't')) {
        luaL_pushfail(L);
        lua_pushstring(L, ZB_T("沙箱只加载文本代码，不加载二进制代码块", "the sandbox loads text only, never binary chunks"));
        return 2;
    }
    int base = lua_gettop(L);
    lua_pushvalue(L, lua_upvalueindex(1));
    lua_pushvalue(L, 1);
    lua_pushvalue(L, 2);
    lua_pushliteral(L, "t");
    if (has_env)
        lua_pushvalue(L, 4);
    else
        lua_pushvalue(L, lua_upvalueindex(2));
    lua_call(L, 4, LUA_MULTRET);
    return lua_gettop(L) - base;
}

static void newenv(lua_State *L, int loaded, int path);

static int valid_module_name(const char *s)
{
    if (!*s)
        return 0;
    for (const char *p = s; *p; p++) {
        if (*p == '.') {
            if (p == s || p[1] == '\0' || p[1] == '.')
                return 0;
        } else if (!(*p == '_' || (*p >= '0' && *p <= '9') || (*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z'))) {
            return 0;
        }
    }
    return 1;
}

/* require of the bundled Lua modules, each loaded into its own environment
 * once per script.  Upvalues: the script's `loaded` table, the path. */
static int sb_require(lua_State *L)
{
    const char *name = luaL_checkstring(L, 1);
    lua_settop(L, 1);
    if (!valid_module_name(name))
        return luaL_argerror(L, 1, lua_pushfstring(L, ZB_T("模块名“%s”无效", "invalid module name '%s'"), name));
    lua_pushvalue(L, 1);
    if (lua_rawget(L, lua_upvalueindex(1)) != LUA_TNIL) {
        if (lua_touserdata(L, -1) == &LOADING)
            return luaL_error(L, ZB_T("模块“%s”循环加载或上次加载出错", "loop or previous error loading module '%s'"), name);
        return 1;
    }
    lua_pop(L, 1);
    lua_rawgetp(L, LUA_REGISTRYINDEX, &SANDBOX_KEY);
    int sb = lua_gettop(L);
    lua_getfield(L, sb, "G");
    lua_pushvalue(L, 1);
    if (lua_rawget(L, -2) == LUA_TTABLE && !strchr(name, '.'))
        return 1; /* a library the sandbox has: string, zb, ... */
    lua_pop(L, 2);
    lua_getfield(L, sb, "gone");
    if (lua_getfield(L, -1, name) != LUA_TNIL)
        return luaL_error(L, ZB_T("“%s”在沙箱中不可用", "'%s' is not available in the sandbox"), name);
    lua_pop(L, 2);

    /* name with '.' as '/', tried in each template of the path. */
    const char *file = luaL_gsub(L, name, ".", "/");
    const char *path = lua_tostring(L, lua_upvalueindex(2));
    const char *found = NULL;
    while (*path) {
        const char *end = strchr(path, ';');
        size_t n = end ? (size_t)(end - path) : strlen(path);
        lua_pushlstring(L, path, n);
        const char *candidate = luaL_gsub(L, lua_tostring(L, -1), "?", file);
        lua_remove(L, -2);
        FILE *f = fopen(candidate, "r");
        if (f) {
            fclose(f);
            found = candidate;
            break;
        }
        lua_pop(L, 1);
        path += n + (end ? 1 : 0);
    }
    if (!found) {
        /* The paths tried are left out: they are the installation's. */
        return luaL_error(L, ZB_T("找不到模块“%s”（沙箱只加载自带的 Lua 模块）",
                                  "module '%s' not found (the sandbox loads the bundled Lua modules only)"),
                          name);
    }
    int fidx = lua_gettop(L);
    lua_pushvalue(L, 1);
    lua_pushlightuserdata(L, (void *)&LOADING);
    lua_rawset(L, lua_upvalueindex(1));
    newenv(L, lua_upvalueindex(1), lua_upvalueindex(2));
    if (zb_sandbox_loadfile(L, found, lua_gettop(L)) != LUA_OK)
        return lua_error(L);
    lua_pushvalue(L, 1);
    lua_pushvalue(L, fidx);
    lua_call(L, 2, 1);
    if (!lua_isnil(L, -1)) {
        lua_pushvalue(L, 1);
        lua_pushvalue(L, -2);
        lua_rawset(L, lua_upvalueindex(1));
    }
    lua_pushvalue(L, 1);
    if (lua_rawget(L, lua_upvalueindex(1)) == LUA_TLIGHTUSERDATA) {
        lua_pushvalue(L, 1);
        lua_pushboolean(L, 1);
        lua_rawset(L, lua_upvalueindex(1));
        lua_pushboolean(L, 1);
    }
    lua_pushvalue(L, fidx);
    return 2;
}

/* A fresh environment sharing the `loaded` table at index loaded (0: a new
 * one) and the module path at index path: [-0, +1, m] */
static void newenv(lua_State *L, int loaded, int path)
{
    loaded = loaded ? lua_absindex(L, loaded) : 0;
    path = lua_absindex(L, path);
    push_sandbox(L);
    int sb = lua_gettop(L);
    lua_newtable(L); /* E: the script's globals */
    int E = lua_gettop(L);
    lua_newtable(L); /* S: the script's own built-ins */
    int S = lua_gettop(L);
    lua_pushvalue(L, E);
    lua_setfield(L, S, "_G");
    lua_getfield(L, sb, "load");
    lua_pushvalue(L, E);
    lua_pushcclosure(L, sb_load, 2);
    lua_setfield(L, S, "load");
    if (loaded)
        lua_pushvalue(L, loaded);
    else
        lua_newtable(L);
    lua_pushvalue(L, path);
    lua_pushcclosure(L, sb_require, 2);
    lua_setfield(L, S, "require");

    lua_createtable(L, 0, 1);
    lua_getfield(L, sb, "G");
    lua_setfield(L, -2, "__index");
    lua_setmetatable(L, S);

    lua_createtable(L, 0, 3);
    lua_pushvalue(L, S);
    lua_setfield(L, -2, "__index");
    lua_pushvalue(L, S);
    lua_getfield(L, sb, "G");
    lua_pushcclosure(L, env_newindex, 2);
    lua_setfield(L, -2, "__newindex");
    lua_getfield(L, sb, "marker");
    lua_setfield(L, -2, "__metatable");
    lua_setmetatable(L, E);

    lua_getfield(L, sb, "locked");
    lua_pushvalue(L, E);
    lua_pushboolean(L, 1);
    lua_rawset(L, -3);
    lua_pop(L, 2); /* locked, S */
    lua_replace(L, sb);
}

void zb_sandbox_newenv(lua_State *L, const char *modpath)
{
    if (modpath) {
        lua_pushstring(L, modpath);
    } else {
        push_sandbox(L);
        lua_getfield(L, -1, "path");
        lua_remove(L, -2);
    }
    newenv(L, 0, -1);
    lua_remove(L, -2);
}

static void set_env(lua_State *L, int env)
{
    lua_pushvalue(L, env);
    if (!lua_setupvalue(L, -2, 1))
        lua_pop(L, 1);
}

int zb_sandbox_loadbuffer(lua_State *L, const char *text, size_t len, const char *chunkname, int env)
{
    env = lua_absindex(L, env);
    int st = luaL_loadbufferx(L, text, len, chunkname, "t");
    if (st == LUA_OK)
        set_env(L, env);
    return st;
}

int zb_sandbox_loadfile(lua_State *L, const char *path, int env)
{
    env = lua_absindex(L, env);
    int st = luaL_loadfilex(L, path, "t");
    if (st == LUA_OK)
        set_env(L, env);
    return st;
}
