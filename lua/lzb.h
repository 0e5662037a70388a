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

#define ZB_DATASET_MT "zb.dataset"
#define ZB_VERSION "0.1.0"

/* Opens the zb module: [-0, +1, m] */
int luaopen_zb(lua_State *L);
/* Pushes a userdata that takes ownership of ds: [-0, +1, m] */
void zbL_pushdataset(lua_State *L, zb_dataset *ds);
/* The dataset at index idx, or raises a Lua argument error: [-0, +0, v] */
zb_dataset *zbL_checkdataset(lua_State *L, int idx);
/* Each area's opener adds its functions to the module table on top of the
 * stack: [-0, +0, m].  zbL_open_dataset also creates the dataset metatable,
 * so it runs before the others. */
void zbL_open_dataset(lua_State *L);
void zbL_opentext(lua_State *L);
void zbL_open_output(lua_State *L);
void zbL_open_xlsx(lua_State *L);
/* Allows writes under dir (NULL: none) for this state: [-0, +0, m] */
void zbL_set_output_dir(lua_State *L, const char *dir);
/* The full path of output file `name` (argument arg) inside the allowed
 * directory, pushed and returned; raises when writes are not allowed or the
 * name leaves the directory: [-0, +1, v] */
const char *zbL_output_path(lua_State *L, int arg, const char *name);
/* Adds methods to the dataset userdata (ds:name(...)): [-0, +0, m] */
void zbL_dataset_addmethods(lua_State *L, const luaL_Reg *methods);

#endif
