/* zb.width, zb.pad, zb.cut: terminal-width aware text for Lua scripts, so a
 * report that lines up Chinese labels does not count bytes. */
#include <lauxlib.h>

#include "lzb.h"
#include "zb_text.h"

/* zb.width(s) -> display columns of s */
static int l_width(lua_State *L)
{
    size_t len;
    const char *s = luaL_checklstring(L, 1, &len);
    zbL_charge(L, len / ZBL_BYTES_PER_UNIT, ZBL_COST_ROW);
    lua_pushinteger(L, (lua_Integer)zb_text_width(s));
    return 1;
}

/* zb.cut(s, width) -> the longest prefix of s that fits in width columns */
static int l_cut(lua_State *L)
{
    size_t len;
    const char *s = luaL_checklstring(L, 1, &len);
    lua_Integer w = luaL_checkinteger(L, 2);
    luaL_argcheck(L, w >= 0, 2, "width must not be negative");
    zbL_charge(L, len / ZBL_BYTES_PER_UNIT, ZBL_COST_ROW);
    lua_pushlstring(L, s, zb_text_cut(s, (size_t)w));
    return 1;
}

/* zb.pad(s, width [, align]) -> s padded with spaces to width columns;
 * align is "left" (default), "right" or "center"; a longer s is cut. */
static int l_pad(lua_State *L)
{
    lua_Integer w = luaL_checkinteger(L, 2);
    static const char *const aligns[] = {"left", "right", "center", NULL};
    int align = luaL_checkoption(L, 3, "left", aligns);
    luaL_argcheck(L, w >= 0 && w <= 100000, 2, "width out of range");
    size_t len;
    const char *s = luaL_tolstring(L, 1, &len); /* pushed: read the options first */
    zbL_charge(L, (len + (size_t)w) / ZBL_BYTES_PER_UNIT, ZBL_COST_ROW);
    size_t cut = zb_text_cut(s, (size_t)w);
    size_t width = zb_text_width_prefix(s, zb_utf8_chars(s, cut));
    size_t gap = (size_t)w - width;
    size_t left = align == 1 ? gap : align == 2 ? gap / 2 : 0;
    luaL_Buffer b;
    luaL_buffinit(L, &b);
    for (size_t i = 0; i < left; i++)
        luaL_addchar(&b, ' ');
    luaL_addlstring(&b, s, cut);
    for (size_t i = 0; i < gap - left; i++)
        luaL_addchar(&b, ' ');
    luaL_pushresult(&b);
    return 1;
}

static const luaL_Reg text_funcs[] = {
    {"width", l_width},
    {"cut", l_cut},
    {"pad", l_pad},
    {NULL, NULL},
};

void zbL_opentext(lua_State *L) { luaL_setfuncs(L, text_funcs, 0); }
