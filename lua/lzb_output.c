/* zb.write and zb.output_dir: the one way a script writes a file.
 *
 * A run allows writes under one output directory (set by the host: the
 * current directory for a plain `zhibiao run`, the --out directory for a
 * sandboxed run or a report, none at all for a check).  Names are relative
 * paths inside it; absolute paths and ".." are refused, so that a script
 * shared between bureaus cannot write elsewhere.  Every file is written to a
 * temporary name and renamed (zb_outfile), never left half-written.
 */
#include <errno.h>
#include <lauxlib.h>
#include <string.h>

#include "lzb.h"
#include "zb_lang.h"
#include "zb_outfile.h"

#define OUTPUT_DIR_KEY "zb.output_dir"

void zbL_set_output_dir(lua_State *L, const char *dir)
{
    if (dir)
        lua_pushstring(L, dir);
    else
        lua_pushnil(L);
    lua_setfield(L, LUA_REGISTRYINDEX, OUTPUT_DIR_KEY);
}

/* Is name a relative path that stays inside the directory it is joined to? */
static int name_stays_inside(const char *name)
{
    if (!*name || name[0] == '/')
        return 0;
    const char *p = name;
    while (*p) {
        const char *end = strchr(p, '/');
        size_t len = end ? (size_t)(end - p) : strlen(p);
        if (len == 0 || (len == 2 && p[0] == '.' && p[1] == '.'))
            return 0;
        if (!end)
            break;
        p = end + 1;
    }
    return p[0] != '\0';
}

const char *zbL_output_path(lua_State *L, int arg, const char *name)
{
    lua_getfield(L, LUA_REGISTRYINDEX, OUTPUT_DIR_KEY);
    const char *dir = lua_tostring(L, -1);
    if (!dir)
        luaL_error(L, "%s", ZB_T("本次运行不允许写文件（需用 --out 目录 指定输出目录）",
                                 "this run may not write files (give an output directory with --out DIR)"));
    if (!name_stays_inside(name))
        luaL_argerror(L, arg, lua_pushfstring(L, ZB_T("“%s”不是输出目录内的相对文件名",
                                                      "'%s' is not a relative file name inside the output directory"),
                                              name));
    const char *path = lua_pushfstring(L, "%s/%s", dir, name);
    lua_remove(L, -2);
    return path;
}

/* zb.write(name, text) -> path | nil, message */
static int l_write(lua_State *L)
{
    const char *name = luaL_checkstring(L, 1);
    size_t len;
    const char *text = luaL_checklstring(L, 2, &len);
    const char *path = zbL_output_path(L, 1, name);
    zbL_charge(L, len / ZBL_BYTES_PER_UNIT, ZBL_COST_ROW);
    char err[512];
    zb_outfile *o = zb_outfile_open(path, err, sizeof err);
    if (!o) {
        luaL_pushfail(L);
        lua_pushstring(L, err);
        return 2;
    }
    if (fwrite(text, 1, len, zb_outfile_stream(o)) != len) {
        snprintf(err, sizeof err, ZB_T("写入 %s 失败：%s", "writing %s failed: %s"), path, zb_write_strerror(errno));
        zb_outfile_abort(o);
        luaL_pushfail(L);
        lua_pushstring(L, err);
        return 2;
    }
    if (zb_outfile_commit(o, err, sizeof err) != 0) {
        luaL_pushfail(L);
        lua_pushstring(L, err);
        return 2;
    }
    return 1; /* the path */
}

/* zb.output_dir() -> dir | nil */
static int l_output_dir(lua_State *L)
{
    lua_getfield(L, LUA_REGISTRYINDEX, OUTPUT_DIR_KEY);
    return 1;
}

static const luaL_Reg output_funcs[] = {
    {"write", l_write},
    {"output_dir", l_output_dir},
    {NULL, NULL},
};

void zbL_open_output(lua_State *L)
{
    luaL_setfuncs(L, output_funcs, 0);
}
