/* lzb — the Lua side of zhibiao: the `zb` module and the host helpers.
 *
 * Stack effects are documented as in the Lua manual: [-pop, +push, errors].
 *
 * Ownership: a dataset userdata owns its zb_dataset and frees it in __gc (or
 * __close); C code that borrows the dataset from a userdata must keep the
 * userdata reachable while it uses it.
 */
#ifndef LZB_H
#define LZB_H

#include <lua.h>
#include <lauxlib.h>

#include "zb_dataset.h"
#include "zb_frame.h"

#define ZB_DATASET_MT "zb.dataset"
#define ZB_SERIES_MT "zb.series"
#define ZB_FRAME_MT "zb.frame"
#define ZB_VERSION "0.1.0"

/* Opens the zb module: [-0, +1, m] */
int luaopen_zb(lua_State *L);
/* Pushes a userdata that takes ownership of ds (a memory error raised
 * while making it frees ds first): [-0, +1, m] */
void zbL_pushdataset(lua_State *L, zb_dataset *ds);
/* The dataset at index idx, or raises a Lua argument error: [-0, +0, v] */
zb_dataset *zbL_checkdataset(lua_State *L, int idx);
/* The dataset at index idx, or NULL when it is not one or is closed: [-0, +0, -] */
zb_dataset *zbL_todataset(lua_State *L, int idx);
/* Each area's opener adds its functions to the module table on top of the
 * stack: [-0, +0, m].  zbL_open_dataset also creates the dataset metatable,
 * so it runs before the others. */
void zbL_open_dataset(lua_State *L);
void zbL_opentext(lua_State *L);
void zbL_open_output(lua_State *L);
void zbL_open_xlsx(lua_State *L);
void zbL_open_growth(lua_State *L);
void zbL_open_rollup(lua_State *L);
void zbL_open_pp(lua_State *L);
/* Pushes the pretty printer module (lua/pp.lua: format, results, grid),
 * loading it on first use: [-0, +1, e] */
int zbL_pushpp(lua_State *L);
/* zb.sandbox, the trusted side's API of the sandbox (zb_sandbox.h) */
void zbL_open_sandbox(lua_State *L);
/* The C work of zb functions, charged to a sandboxed call's instruction
 * limit.  The count hook sees Lua instructions only: without a charge,
 * `while true do ds:progress() end` does a few hundred microseconds of C
 * per five instructions, and 10^9 instructions last hours.  A unit is about
 * 10 ns of work in the release build (a Lua instruction takes 4 to 25 ns),
 * as measured on the bundled datasets. */
enum {
    ZBL_COST_ROW = 1,      /* a row, region, indicator or target tested or summed */
    ZBL_COST_VALUE = 4,    /* a value pushed into a result table */
    ZBL_COST_RECORD = 100, /* a result table of a dozen fields */
    ZBL_COST_ASSESS = 300  /* a target assessed, a series projected, a rollup cell */
};
/* Bytes of text scanned or built per unit (as string.rep in the sandbox). */
#define ZBL_BYTES_PER_UNIT 16
/* Charges n units of cost to the sandboxed call that is running (nothing
 * outside one) and raises its stop when that passes the limit: call it
 * only where the C side holds no memory of its own.  [-0, +0, v] */
void zbL_charge(lua_State *L, size_t n, unsigned cost);

/* Allows writes under dir (NULL: none) for this state: [-0, +0, m] */
void zbL_set_output_dir(lua_State *L, const char *dir);
/* The full path of output file `name` (argument arg) inside the allowed
 * directory, pushed and returned; raises when writes are not allowed or the
 * name leaves the directory: [-0, +1, v] */
const char *zbL_output_path(lua_State *L, int arg, const char *name);
/* Adds methods to the dataset userdata (ds:name(...)): [-0, +0, m] */
void zbL_dataset_addmethods(lua_State *L, const luaL_Reg *methods);

/* Argument checks every area shares, so that messages read like Lua's own:
 * "bad argument #1 to 'series' (region code expected, got nil)",
 * "... (unknown region code '999999')".  A region code may be given as a
 * number (520502).  They return the index of the region or indicator, or
 * the year: [-0, +0, v] */
long zbL_checkregion(lua_State *L, const zb_dataset *ds, int arg);
long zbL_checkindicator(lua_State *L, const zb_dataset *ds, int arg);
int zbL_checkyear(lua_State *L, int arg);
/* As zbL_checkyear, but dflt when the argument is none or nil: [-0, +0, v] */
int zbL_optyear(lua_State *L, int arg, int dflt);

/* Series: one region x indicator over the years (lua/lzb_series.c). */
void zbL_open_series(lua_State *L);
/* Pushes the series of region x indicator of the dataset userdata at dsidx,
 * which it keeps alive: [-0, +1, m] */
void zbL_pushseries(lua_State *L, int dsidx, long region, long indicator);

/* Frames: selected observation rows (lua/lzb_select.c). */
void zbL_open_select(lua_State *L);
/* Pushes an empty frame over the dataset userdata at dsidx (kept alive) and
 * returns its row set, for the caller to fill with malloc'd rows that the
 * frame then owns and frees: [-0, +1, m] */
zb_rows *zbL_newframe(lua_State *L, int dsidx);
/* The row set of the frame at idx (raises if it is not one): [-0, +0, v] */
zb_rows *zbL_checkframe(lua_State *L, int idx);

/* Filter tables ({level=, region=, indicator=, year=, ...}; lzb_filter.c).
 * fields says which groups of fields the caller accepts; any other key is
 * an argument error naming it. */
enum { ZBL_FILTER_REGIONS = 1, ZBL_FILTER_INDICATORS = 2, ZBL_FILTER_ROWS = 4,
       ZBL_FILTER_ALL = 7 };
/* Reads the filter table at arg (none or nil: no filter) into f.  Its flag
 * arrays live in a userdata pushed on the stack; keep it there while f is
 * used.  Returns the number of fields given: [-0, +1, v] */
int zbL_checkfilter(lua_State *L, const zb_dataset *ds, int arg, unsigned fields, zb_filter *f);

#endif
