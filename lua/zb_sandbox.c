/* Calls under limits: the budgeted state, the count hook, the runner.
 *
 * A call runs on a thread of its own (lua_resume), which gives three things:
 * the count hook is set on that thread only (coroutines the script creates
 * inherit it, the host's thread keeps its own hooks); the script's stack is
 * left intact after an error, so the traceback shows the script's frames
 * and none of the host's; and no message handler runs script code after
 * the limits are lifted.
 */
#include "zb_sandbox.h"

#include <lauxlib.h>
#include <stdio.h>
#include <string.h>

#include "lzb.h"
#include "zb_lang.h"

/* The hook fires every so many instructions and charges them. */
#define HOOK_EVERY 1000

/* Registry keys (their addresses): the error objects of the two stops. */
static const char STOP_MEMORY_KEY = 'm';
static const char STOP_INSTR_KEY = 'i';
/* Written into a thread's extra space when a stop is raised in it. */
static const char STOPPED = 'x';

zb_limits zb_limits_default(void)
{
    zb_limits l = {ZB_SANDBOX_MEMORY_DEFAULT, ZB_SANDBOX_INSTRUCTIONS_DEFAULT};
    return l;
}

const char *zb_run_status_name(zb_run_status s)
{
    switch (s) {
    case ZB_RUN_OK: return "ok";
    case ZB_RUN_MEMORY: return "memory";
    case ZB_RUN_INSTRUCTIONS: return "instructions";
    default: return "error";
    }
}

static int panic(lua_State *L)
{
    const char *msg = lua_tostring(L, -1);
    fprintf(stderr, "zhibiao: %s\n", msg ? msg : "unprotected Lua error");
    return 0; /* Lua aborts */
}

lua_State *zb_sandbox_newstate(void)
{
    zb_budget *b = zb_budget_new();
    if (!b)
        return NULL;
    lua_State *L = lua_newstate(zb_budget_alloc, b);
    if (!L) {
        zb_budget_free(b);
        return NULL;
    }
    zb_budget_free_with_state(b);
    lua_atpanic(L, panic);
    /* New threads copy the main thread's extra space: no stop mark. */
    *(const void **)lua_getextraspace(L) = NULL;
    return L;
}

zb_budget *zbL_budget(lua_State *L)
{
    void *ud;
    return lua_getallocf(L, &ud) == zb_budget_alloc ? ud : NULL;
}

static void count_hook(lua_State *L, lua_Debug *ar);

int zbL_thread_stopped(lua_State *co)
{
    return *(const void **)lua_getextraspace(co) == &STOPPED;
}

int zbL_sandbox_stop(lua_State *L, int what)
{
    /* An error raised from a hook leaves the thread with hooks off (Lua
     * restores them only at the pcall that catches it): if the thread dies
     * of it, its pending __close handlers must never run, since nothing
     * could stop them.  The mark needs no allocation, which may be
     * impossible now. */
    *(const void **)lua_getextraspace(L) = &STOPPED;
    /* Every instruction from now on raises the stop again, so that a pcall
     * in the script cannot swallow it and carry on (as Redis does for
     * SCRIPT KILL). */
    lua_sethook(L, count_hook, LUA_MASKCOUNT, 1);
    /* A string made in advance: after the memory limit there may be no
     * room to make one. */
    lua_rawgetp(L, LUA_REGISTRYINDEX, what == ZB_BUDGET_MEMORY ? &STOP_MEMORY_KEY : &STOP_INSTR_KEY);
    return lua_error(L);
}

static void count_hook(lua_State *L, lua_Debug *ar)
{
    zb_budget *b = zbL_budget(L);
    if (!b || zb_budget_depth(b) == 0) {
        /* A coroutine from a finished call, resumed outside any call. */
        lua_sethook(L, NULL, 0, 0);
        return;
    }
    (void)ar;
    int tripped = zb_budget_tripped(b);
    if (!tripped && zb_budget_charge(b, (unsigned long long)lua_gethookcount(L)))
        tripped = ZB_BUDGET_INSTRUCTIONS;
    if (tripped)
        zbL_sandbox_stop(L, tripped);
}

void zbL_sandbox_charge(lua_State *L, unsigned long long n)
{
    zb_budget *b = zbL_budget(L);
    if (!b || zb_budget_depth(b) == 0)
        return;
    if (zb_budget_charge(b, n) || zb_budget_tripped(b))
        zbL_sandbox_stop(L, zb_budget_tripped(b));
}

static void make_stops(lua_State *L)
{
    if (lua_rawgetp(L, LUA_REGISTRYINDEX, &STOP_MEMORY_KEY) == LUA_TSTRING) {
        lua_pop(L, 1);
        return;
    }
    lua_pop(L, 1);
    lua_pushstring(L, ZB_T("内存超出限制", "memory limit exceeded"));
    lua_rawsetp(L, LUA_REGISTRYINDEX, &STOP_MEMORY_KEY);
    lua_pushstring(L, ZB_T("指令数超出限制", "instruction limit exceeded"));
    lua_rawsetp(L, LUA_REGISTRYINDEX, &STOP_INSTR_KEY);
}

/* zb.output_dir() as the zb module has it (nil without the module). */
static void push_output_dir(lua_State *L)
{
    lua_getfield(L, LUA_REGISTRYINDEX, LUA_LOADED_TABLE);
    if (lua_getfield(L, -1, "zb") == LUA_TTABLE && lua_getfield(L, -1, "output_dir") == LUA_TFUNCTION) {
        lua_call(L, 0, 1);
    } else {
        lua_settop(L, lua_gettop(L) - 1);
        lua_pushnil(L);
    }
    lua_replace(L, -3);
    lua_pop(L, 1);
}

/* "file:line: " of the innermost Lua frame of co (its stack as the error
 * left it), or "". [-0, +1, m] */
static void push_where(lua_State *L, lua_State *co)
{
    lua_Debug ar;
    for (int level = 0; lua_getstack(co, level, &ar); level++) {
        lua_getinfo(co, "Sl", &ar);
        if (ar.currentline > 0) {
            lua_pushfstring(L, "%s:%d: ", ar.short_src, ar.currentline);
            return;
        }
    }
    lua_pushliteral(L, "");
}

/* luaL_tolstring, for a thread of its own: [-1, +1, e] */
static int tostring_aux(lua_State *L)
{
    luaL_tolstring(L, 1, NULL);
    return 1;
}

/* The error object at the top of co as text: a string or number as it is;
 * anything else through its __tostring, run on a thread with the same
 * limits (the object came from the script), or its type.  [-0, +1, m] */
static void push_error_text(lua_State *L, lua_State *co)
{
    int t = lua_type(co, -1);
    if (t == LUA_TSTRING || t == LUA_TNUMBER) {
        lua_pushvalue(co, -1);
        lua_xmove(co, L, 1);
        lua_tostring(L, -1);
        return;
    }
    if (luaL_getmetafield(co, -1, "__tostring") != LUA_TNIL) {
        lua_pop(co, 1);
        lua_State *t2 = lua_newthread(L);
        lua_sethook(t2, count_hook, LUA_MASKCOUNT, HOOK_EVERY);
        lua_pushcfunction(t2, tostring_aux);
        lua_pushvalue(co, -1);
        lua_xmove(co, t2, 1);
        int n = 0;
        if (lua_resume(t2, L, 1, &n) == LUA_OK && n == 1 && lua_type(t2, -1) == LUA_TSTRING) {
            lua_xmove(t2, L, 1);
            lua_remove(L, -2); /* the thread */
            return;
        }
        lua_pop(L, 1);
    }
    lua_pushfstring(L, "(error object is a %s value)", luaL_typename(co, -1));
}

/* Small limits (a check given 48 KiB) in KiB or bytes: "0.0 MiB" would say
 * the limit was nothing. */
static void format_bytes(char *buf, size_t len, size_t bytes)
{
    double mib = (double)bytes / (1024.0 * 1024.0);
    if (bytes >= ((size_t)1 << 20) && bytes % ((size_t)1 << 20) == 0)
        snprintf(buf, len, "%zu MiB", bytes >> 20);
    else if (bytes >= ((size_t)1 << 20))
        snprintf(buf, len, "%.1f MiB", mib);
    else if (bytes >= 1024 && bytes % 1024 == 0)
        snprintf(buf, len, "%zu KiB", bytes >> 10);
    else if (bytes >= 1024)
        snprintf(buf, len, "%.1f KiB", (double)bytes / 1024.0);
    else
        snprintf(buf, len, "%zu B", bytes);
}

/* The message of a stop: "file:line: memory limit exceeded (256 MiB)". */
static void push_stop_text(lua_State *L, lua_State *co, zb_run_status rs, const zb_limits *lim)
{
    push_where(L, co);
    char num[64];
    if (rs == ZB_RUN_MEMORY) {
        if (lim && lim->max_memory) {
            format_bytes(num, sizeof num, lim->max_memory);
            lua_pushfstring(L, ZB_T("内存超出限制（%s）", "memory limit exceeded (%s)"), num);
        } else {
            lua_pushstring(L, ZB_T("内存超出限制", "memory limit exceeded"));
        }
    } else if (lim && lim->max_instructions) {
        snprintf(num, sizeof num, "%llu", lim->max_instructions);
        lua_pushfstring(L, ZB_T("指令数超出限制（%s 条）", "instruction limit exceeded (%s instructions)"), num);
    } else {
        lua_pushstring(L, ZB_T("指令数超出限制", "instruction limit exceeded"));
    }
    lua_concat(L, 2);
}

static void close_thread(lua_State *co, lua_State *from)
{
#if LUA_VERSION_NUM > 504 || LUA_VERSION_RELEASE_NUM >= 50406
    lua_closethread(co, from);
#else
    (void)from;
    lua_resetthread(co);
#endif
}

zb_run_status zb_sandbox_call(lua_State *L, int nargs, const zb_limits *lim, const char *out_dir, int *nres)
{
    int func = lua_gettop(L) - nargs;
    *nres = 0;
    make_stops(L);
    zb_budget *b = zbL_budget(L);
    if (!b && lim && (lim->max_memory || lim->max_instructions)) {
        lua_settop(L, func - 1);
        lua_pushstring(L, ZB_T("限制只能用于 zb_sandbox_newstate 建立的 Lua 状态",
                               "limits need a Lua state made by zb_sandbox_newstate"));
        lua_pushvalue(L, -1);
        *nres = 2;
        return ZB_RUN_ERROR;
    }
    push_output_dir(L);
    lua_insert(L, func); /* [saved dir, f, args...] */
    func++;
    lua_State *co = lua_newthread(L);
    *(const void **)lua_getextraspace(co) = NULL;
    lua_insert(L, func); /* [saved dir, co, f, args...] */
    lua_xmove(L, co, nargs + 1);
    zbL_set_output_dir(L, out_dir);

    zb_budget_frame frame;
    zb_limits none = {0, 0};
    if (!lim)
        lim = &none;
    if (b)
        zb_budget_enter(b, &frame, lim->max_memory, lim->max_instructions);
    int every = HOOK_EVERY;
    if (lim->max_instructions > 0 && lim->max_instructions < (unsigned long long)every)
        every = (int)lim->max_instructions;
    if (b)
        lua_sethook(co, count_hook, LUA_MASKCOUNT, every);

    int n = 0;
    int st = lua_resume(co, L, nargs, &n);
    if (b)
        zb_budget_settle(b);
    int tripped = b ? zb_budget_tripped(b) : 0;
    zb_run_status rs = ZB_RUN_OK;
    if (tripped == ZB_BUDGET_MEMORY || (!tripped && st == LUA_ERRMEM))
        rs = ZB_RUN_MEMORY;
    else if (tripped == ZB_BUDGET_INSTRUCTIONS)
        rs = ZB_RUN_INSTRUCTIONS;
    else if (st != LUA_OK)
        rs = ZB_RUN_ERROR;

    if (rs == ZB_RUN_OK) {
        luaL_checkstack(L, n, "too many results");
        lua_xmove(co, L, n);
        *nres = n;
    } else {
        /* Messages are made while the limits still hold: a __tostring of
         * the script's error object is the script's code. */
        if (rs != ZB_RUN_ERROR)
            push_stop_text(L, co, rs, lim);
        else if (st == LUA_YIELD)
            lua_pushstring(L, "attempt to yield from outside a coroutine");
        else
            push_error_text(L, co);
        luaL_traceback(L, co, lua_tostring(L, -1), 0);
        /* Pending to-be-closed variables are closed now, still limited;
         * not after a stop (zbL_sandbox_stop says why). */
        if (!zbL_thread_stopped(co))
            close_thread(co, L);
        *nres = 2;
    }
    if (b) {
        lua_sethook(co, NULL, 0, 0);
        zb_budget_leave(b, &frame);
    }
    /* [saved dir, co, results...] */
    lua_pushvalue(L, func - 1);
    zbL_set_output_dir(L, lua_tostring(L, -1));
    lua_pop(L, 1);
    lua_remove(L, func);
    lua_remove(L, func - 1);
    return rs;
}
