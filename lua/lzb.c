/* luaopen_zb: the `zb` module, assembled from one opener per area.
 *
 * Each area (datasets, text, growth, rollup, ...) lives in its own
 * lzb_<area>.c with a zbL_open_<area> that adds its functions to the module
 * table and, where it has them, its methods to the dataset's metatable
 * (zbL_dataset_addmethods).  The dataset opener runs first: the others
 * extend the metatable it creates. */
#include <lauxlib.h>

#include "lzb.h"
#include "zb_lang.h"

int luaopen_zb(lua_State *L)
{
    lua_newtable(L);
    zbL_open_dataset(L);
    zbL_opentext(L);
    zbL_open_output(L);
    zbL_open_series(L);
    zbL_open_select(L);
    zbL_open_xlsx(L);
    zbL_open_growth(L);
    zbL_open_rollup(L);
    zbL_open_pp(L);
    zbL_open_sandbox(L);
    lua_pushliteral(L, ZB_VERSION);
    lua_setfield(L, -2, "version");
    lua_pushstring(L, zb_lang_get() == ZB_LANG_EN ? "en" : "zh");
    lua_setfield(L, -2, "lang");
    return 1;
}
