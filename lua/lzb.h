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

#include "zb_dataset.h"

#define ZB_DATASET_MT "zb.dataset"
#define ZB_VERSION "0.1.0"

/* Opens the zb module: [-0, +1, m] */
int luaopen_zb(lua_State *L);
/* Pushes a userdata that takes ownership of ds: [-0, +1, m] */
void zbL_pushdataset(lua_State *L, zb_dataset *ds);
/* The dataset at index idx, or raises a Lua argument error: [-0, +0, v] */
zb_dataset *zbL_checkdataset(lua_State *L, int idx);
/* Adds the text helpers (width, pad, cut) to the table on top: [-0, +0, m] */
void zbL_opentext(lua_State *L);

#endif
