/* zhibiao run SCRIPT [--data DIR] [--encoding ENC] [ARGS...]
 *
 * Runs a Lua script (a path, or a bundled script by name) with `zb` loaded,
 * the dataset opened as the global `ds` when --data is given, and the other
 * arguments in `arg` (arg[0] is the script), as the lua command does. */
#include <lauxlib.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lzb.h"
#include "zb_host.h"
#include "zb_lang.h"
#include "zb_load.h"

static void usage(void)
{
    fprintf(stderr, "%s", ZB_T("用法：zhibiao run 脚本 [--data 目录] [--encoding gbk] [参数...]\n",
                               "usage: zhibiao run SCRIPT [--data DIR] [--encoding gbk] [ARGS...]\n"));
}

int zb_cmd_run(int argc, char **argv)
{
    const char *script = NULL, *data = NULL, *encoding = NULL;
    char **rest = calloc((size_t)argc + 1, sizeof *rest);
    int nrest = 0;
    if (!rest)
        return ZB_EXIT_USAGE;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--data") == 0 || strcmp(argv[i], "--encoding") == 0) {
            if (i + 1 >= argc) {
                fprintf(stderr, ZB_T("zhibiao run：%s 后面缺少值\n", "zhibiao run: %s needs a value\n"), argv[i]);
                free(rest);
                return ZB_EXIT_USAGE;
            }
            if (argv[i][2] == 'd')
                data = argv[++i];
            else
                encoding = argv[++i];
        } else if (!script) {
            script = argv[i];
        } else {
            rest[nrest++] = argv[i];
        }
    }
    if (!script) {
        usage();
        free(rest);
        return ZB_EXIT_USAGE;
    }
    char *path = zb_host_find_script(script);
    if (!path) {
        fprintf(stderr, ZB_T("zhibiao run：找不到脚本“%s”（既不是文件，也不是自带脚本的名字）\n",
                             "zhibiao run: no script '%s' (neither a file nor a bundled script's name)\n"),
                script);
        free(rest);
        return ZB_EXIT_USAGE;
    }
    lua_State *L = zb_host_newstate();
    if (!L) {
        fprintf(stderr, "zhibiao: %s\n", ZB_T("内存不足", "out of memory"));
        free(path);
        free(rest);
        return ZB_EXIT_FAIL;
    }
    int rc = ZB_EXIT_OK;
    /* A plain run is the user's own script: it writes where it is run. */
    zbL_set_output_dir(L, ".");
    if (data) {
        zb_load_options opt;
        memset(&opt, 0, sizeof opt);
        opt.encoding = encoding;
        zb_diags *diags = zb_diags_new();
        zb_dataset *ds = diags ? zb_dataset_load(data, &opt, diags) : NULL;
        if (!ds || zb_diags_errors(diags) > 0) {
            if (diags)
                zb_diags_print(diags, stderr, 1);
            fprintf(stderr, ZB_T("zhibiao run：数据集 %s 有错误，未运行脚本（可用 zhibiao validate 查看）\n",
                                 "zhibiao run: dataset %s has errors; the script was not run (see zhibiao validate)\n"),
                    data);
            zb_dataset_free(ds);
            zb_diags_free(diags);
            lua_close(L);
            free(path);
            free(rest);
            return ZB_EXIT_USAGE;
        }
        zb_diags_free(diags);
        zbL_pushdataset(L, ds);
        lua_setglobal(L, "ds");
    }
    lua_createtable(L, nrest, 2);
    lua_pushstring(L, path);
    lua_rawseti(L, -2, 0);
    for (int i = 0; i < nrest; i++) {
        lua_pushstring(L, rest[i]);
        lua_rawseti(L, -2, i + 1);
    }
    if (data) {
        lua_pushstring(L, data);
        lua_setfield(L, -2, "data");
    }
    lua_setglobal(L, "arg");
    if (luaL_loadfilex(L, path, "t") != LUA_OK) {
        fprintf(stderr, "zhibiao: %s\n", lua_tostring(L, -1));
        rc = ZB_EXIT_FAIL;
    } else {
        for (int i = 0; i < nrest; i++)
            lua_pushstring(L, rest[i]);
        if (zb_host_pcall(L, nrest) != LUA_OK)
            rc = ZB_EXIT_FAIL;
    }
    lua_close(L);
    free(path);
    free(rest);
    return rc;
}
