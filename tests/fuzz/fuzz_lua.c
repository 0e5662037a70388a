/* fuzz_lua — the Lua API called with random arguments, and random scripts
 * run in the sandbox.
 *
 * The state is the one the command line makes (zb_host_newstate: the
 * standard libraries, `zb`, the budgeted allocator), set up once: it opens
 * datasets/qixingguan and its rollup view (ds:rollup()), builds the
 * sandbox's shared views (zb.sandbox.load, which also locks the userdata
 * metatables, as the first check of a run does), and loads the driver,
 * tests/fuzz/fuzz_lua.lua.  The paths are relative: run from the top of the
 * source tree, as `make fuzz` and tests/cli/test_fuzz.sh do.
 *
 * The first byte of an input picks what the rest is:
 *   bits 0-1  0 or 1: a sequence of API calls (the driver's calls(), which
 *             says how the bytes are read), run by zb_sandbox_call under a
 *             memory limit (bits 4-5) and 3,000,000 instructions, zb.write
 *             allowed in a temporary directory, so that a loop or a huge
 *             request ends in a stop and not in a hang or an abort;
 *             2: a Lua script built from the bytes by the driver's small
 *             grammar, run through zb.sandbox.load and zb.sandbox.call;
 *             3: the bytes themselves as a script, run the same way
 *   bit 2     messages in English
 *   bit 3     the garbage collector in a frenzy (a step at every
 *             allocation, each step a whole cycle), so that a C function
 *             that keeps a pointer into a string no longer on the stack
 *             reads freed memory at once
 *   bits 4-5  the memory limit, in bytes more than in use: 0 the mode's
 *             usual one (64 MiB for calls, 32 MiB for a script), 1 1 MiB,
 *             2 256 KiB, 3 48 KiB; small ones make allocations fail inside
 *             the C functions, in the middle of their work, so that what a
 *             function holds when Lua's memory error unwinds it is tested
 *             (a block it leaks is a leak report).  0 keeps the meaning
 *             inputs had before these bits were read.
 * After each input the garbage collector runs twice (every __gc of the
 * input's series, frames and datasets runs inside the input) and the
 * temporary directory is emptied.
 *
 * A Lua error is an answer, not a defect; a sanitizer report, a leak, a
 * Lua panic (abort) or a timeout is.  The driver itself must not fail: an
 * error escaping it is reported and aborts, since it means calls() or
 * snippet() has a bug or a stop escaped zb_sandbox_call.
 *
 * Standard output goes to /dev/null (zb.pp prints) unless ZB_FUZZ_VERBOSE
 * is set.
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <fcntl.h>
#include <lauxlib.h>
#include <limits.h>
#include <lua.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "lzb.h"
#include "zb_host.h"
#include "zb_lang.h"
#include "zb_sandbox.h"

#define DRIVER "tests/fuzz/fuzz_lua.lua"
#define DATASET "datasets/qixingguan"

static lua_State *L;
static int driver_ref = LUA_NOREF;
static char outdir[PATH_MAX];

/* Empties the temporary directory (zb.write makes no subdirectories). */
static void clean_outdir(void)
{
    DIR *d = opendir(outdir);
    if (!d)
        return;
    struct dirent *e;
    while ((e = readdir(d))) {
        if (strcmp(e->d_name, ".") && strcmp(e->d_name, ".."))
            if (unlinkat(dirfd(d), e->d_name, 0) != 0)
                unlinkat(dirfd(d), e->d_name, AT_REMOVEDIR);
    }
    closedir(d);
}

static void at_exit(void)
{
    if (L) {
        lua_close(L);
        L = NULL;
    }
    clean_outdir();
    rmdir(outdir);
}

static void die(const char *what)
{
    fprintf(stderr, "fuzz_lua: %s: %s\n", what, L && lua_isstring(L, -1) ? lua_tostring(L, -1) : "?");
    abort();
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    const char *tmp = getenv("TMPDIR");
    snprintf(outdir, sizeof outdir, "%s/zb-fuzz-lua-XXXXXX", tmp && *tmp ? tmp : P_tmpdir);
    if (!mkdtemp(outdir)) {
        perror("fuzz_lua: mkdtemp");
        abort();
    }
    if (!getenv("ZB_FUZZ_VERBOSE")) {
        int fd = open("/dev/null", O_WRONLY);
        if (fd >= 0) {
            dup2(fd, STDOUT_FILENO);
            close(fd);
        }
    }
    L = zb_host_newstate();
    if (!L)
        die("zb_host_newstate");
    atexit(at_exit);
    if (luaL_dostring(L, "local ds = assert(zb.open('" DATASET "'))\n"
                         "local rv = assert(ds:rollup())\n"
                         "assert(zb.sandbox.load('return 1'))\n"
                         "return ds, rv") != LUA_OK)
        die("opening " DATASET " (run from the top of the source tree)");
    int rv = lua_gettop(L), ds = rv - 1;
    if (luaL_loadfile(L, DRIVER) != LUA_OK)
        die("loading " DRIVER);
    lua_getglobal(L, "zb");
    lua_pushvalue(L, ds);
    lua_pushvalue(L, rv);
    lua_pushstring(L, outdir);
    if (lua_pcall(L, 4, 1, 0) != LUA_OK || !lua_istable(L, -1))
        die("running " DRIVER);
    driver_ref = luaL_ref(L, LUA_REGISTRYINDEX);
    lua_settop(L, 0); /* ds and rv stay reachable through the driver */
    return 0;
}

/* snippet()'s memory argument: nil for its usual limit. */
static void push_memory(size_t mem)
{
    if (mem)
        lua_pushinteger(L, (lua_Integer)mem);
    else
        lua_pushnil(L);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size == 0)
        return 0;
    unsigned flags = data[0];
    const char *rest = (const char *)data + 1;
    size_t len = size - 1;
    zb_lang_set(flags & 4 ? ZB_LANG_EN : ZB_LANG_ZH);
    if (flags & 8) {
        /* pause 1 (Lua reads 0 as "unchanged"), a step size past any
         * debt; the collection starts the first cycle with them */
        lua_gc(L, LUA_GCINC, 1, 100, 40);
        lua_gc(L, LUA_GCCOLLECT, 0);
    }
    static const size_t memory[] = {0, (size_t)1 << 20, (size_t)256 << 10, (size_t)48 << 10};
    size_t mem = memory[(flags >> 4) & 3];
    lua_rawgeti(L, LUA_REGISTRYINDEX, driver_ref);
    switch (flags & 3) {
    case 0:
    case 1: {
        lua_getfield(L, -1, "calls");
        lua_pushlstring(L, rest, len);
        zb_limits lim = {mem ? mem : (size_t)64 << 20, 3000000};
        int nres = 0;
        zb_run_status st = zb_sandbox_call(L, 1, &lim, outdir, &nres);
        /* A stop or an error escaping calls() is the driver's bug, unless
         * a limit ended it. */
        if (st == ZB_RUN_ERROR) {
            lua_pop(L, 1); /* the traceback */
            die("calls()");
        }
        lua_pop(L, nres);
        break;
    }
    case 2:
        lua_getfield(L, -1, "snippet");
        lua_getfield(L, -2, "grammar");
        lua_pushlstring(L, rest, len);
        if (lua_pcall(L, 1, 1, 0) != LUA_OK)
            die("grammar()");
        push_memory(mem);
        if (lua_pcall(L, 2, 0, 0) != LUA_OK)
            die("snippet()");
        break;
    default:
        lua_getfield(L, -1, "snippet");
        lua_pushlstring(L, rest, len);
        push_memory(mem);
        if (lua_pcall(L, 2, 0, 0) != LUA_OK)
            die("snippet()");
        break;
    }
    lua_settop(L, 0);
    if (flags & 8)
        lua_gc(L, LUA_GCINC, 200, 100, 13); /* Lua's defaults */
    lua_gc(L, LUA_GCCOLLECT, 0);
    lua_gc(L, LUA_GCCOLLECT, 0);
    clean_outdir();
    zb_lang_set(ZB_LANG_ZH);
    return 0;
}
