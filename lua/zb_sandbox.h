/* zb_sandbox — running scripts that bureaus share (checks, reports) inside
 * the zhibiao process without trusting them.
 *
 * Three pieces, usable apart:
 *
 *  - a Lua state whose allocator keeps a byte budget (zb_sandbox_newstate);
 *  - environments: each script gets a fresh globals table that sees an
 *    allow-list of the standard library and `zb` through read-only proxies,
 *    reading an undefined global raises, and text is loaded as text only
 *    (zb_sandbox_newenv, zb_sandbox_loadbuffer, zb_sandbox_loadfile);
 *  - calls under limits: memory, instructions (a count hook, plus the work
 *    of the C functions that could otherwise run unbounded), and the
 *    directory zb.write may write to (zb_sandbox_call).
 *
 * docs/sandbox.md says what is allowed and why; the Lua side is
 * zb.sandbox (lzb_sandbox.c).
 *
 * Ownership: the state owns everything here.  zb_sandbox_newstate's state is
 * closed with lua_close, which also frees the allocator's bookkeeping.
 * Nothing returns memory for the caller to free; results and messages are
 * left on the Lua stack.  Stack effects are noted as in the Lua manual.
 */
#ifndef ZB_SANDBOX_H
#define ZB_SANDBOX_H

#include <lua.h>
#include <stddef.h>

#include "zb_budget.h"

/* Limits of one call; 0 means no limit of that kind. */
typedef struct zb_limits {
    size_t max_memory;                   /* bytes the call may add to the heap */
    unsigned long long max_instructions; /* Lua instructions plus charged C work */
} zb_limits;

#define ZB_SANDBOX_MEMORY_DEFAULT ((size_t)256 << 20)
#define ZB_SANDBOX_INSTRUCTIONS_DEFAULT 1000000000ULL

typedef enum zb_run_status {
    ZB_RUN_OK = 0,
    ZB_RUN_ERROR,       /* an error raised by the script (or a syntax error) */
    ZB_RUN_MEMORY,      /* the memory limit was hit */
    ZB_RUN_INSTRUCTIONS /* the instruction limit was hit */
} zb_run_status;

/* The sandbox defaults (256 MiB, 10^9 instructions). */
zb_limits zb_limits_default(void);
/* "ok", "error", "memory", "instructions": the kinds zb.sandbox.call returns. */
const char *zb_run_status_name(zb_run_status s);

/* A new, empty Lua state (no libraries) allocating through a zb_budget.
 * NULL when out of memory.  Close with lua_close. */
lua_State *zb_sandbox_newstate(void);
/* The budget of a state from zb_sandbox_newstate, NULL for other states. */
zb_budget *zbL_budget(lua_State *L);

/* A fresh environment for one script: [-0, +1, m].
 * Builds the shared read-only views the first time (from the standard
 * libraries and `zb` as the state has them then; later changes to them are
 * not seen).  modpath is where `require` looks ("dir/?.lua;..."; NULL: the
 * bundled lua/ and scripts/lib/ of the installation). */
void zb_sandbox_newenv(lua_State *L, const char *modpath);
/* Loads text (never a binary chunk) as a function whose globals are the
 * environment at env.  Returns LUA_OK with the function pushed, or an error
 * status with the message pushed: [-0, +1, m] */
int zb_sandbox_loadbuffer(lua_State *L, const char *text, size_t len, const char *chunkname, int env);
/* The same for a file (chunk name "@path"): [-0, +1, m] */
int zb_sandbox_loadfile(lua_State *L, const char *path, int env);

/* Calls the function below the nargs arguments on top of the stack, on a
 * thread of its own, under lim (NULL: no limits), with zb.write allowed
 * under out_dir only (NULL: no writes).  On ZB_RUN_OK the results replace
 * function and arguments and *nres says how many; otherwise two strings
 * replace them: the message ("file:line: ...") and the traceback.
 * [-(nargs+1), +(*nres or 2), m] */
zb_run_status zb_sandbox_call(lua_State *L, int nargs, const zb_limits *lim, const char *out_dir, int *nres);

/* ---- for the sandbox's own library functions (zb_sandbox_lib.c) ---- */

/* Charges n instructions of C work to the running call; raises the stop
 * when that passes its limit: [-0, +0, v] */
void zbL_sandbox_charge(lua_State *L, unsigned long long n);
/* Raises the stop for what (ZB_BUDGET_MEMORY or ZB_BUDGET_INSTRUCTIONS) and
 * makes the current thread raise it again at every instruction: [-0, +0, v] */
int zbL_sandbox_stop(lua_State *L, int what);
/* Was a stop raised in thread co?  Its __close handlers must not run. */
int zbL_thread_stopped(lua_State *co);
/* The bounded string.find, for C code that matches a script's pattern
 * (a filter's pattern field): string.find(s, pattern [, init [, plain]]),
 * its steps charged inside a sandboxed call.  A lua_CFunction. */
int zbL_sandbox_find(lua_State *L);
/* Bounded string.rep, find, match, gmatch, gsub in a new table: [-0, +1, m] */
void zbL_sandbox_string(lua_State *L);
/* table.move and table.sort charged for their work, wrapping the originals
 * at index tbl (the real table library): [-0, +1, m] (a new table) */
void zbL_sandbox_table(lua_State *L, int tbl);

#endif
