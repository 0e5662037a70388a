/* zhibiao new-check DEPT/ID [--dir DIR]
 *
 * Writes a commented check skeleton DIR/DEPT/ID.lua (DIR: the current
 * folder) with a pass and a fire fixture, so that a bureau starts from a
 * rule that works and a test that passes.  Never overwrites a file: when
 * any of them exists, nothing is written (exit 2).  The texts come from
 * lua/check_skeleton.lua. */
#include <errno.h>
#include <lauxlib.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "zb_checkhost.h"
#include "zb_host.h"
#include "zb_lang.h"
#include "zb_outfile.h"

static void usage(FILE *out)
{
    fprintf(out, "%s", ZB_T("用法：zhibiao new-check 部门/编号 [--dir 检查目录]\n"
                               "  部门和编号只用字母、数字、_ 和 -，如 ecology/wetland_rate。\n",
                               "usage: zhibiao new-check DEPT/ID [--dir CHECKS_DIR]\n"
                               "  department and id use letters, digits, _ and - only, e.g. ecology/wetland_rate.\n"));
}

static int valid_name(const char *s, size_t n)
{
    if (n == 0 || n > 64)
        return 0;
    for (size_t i = 0; i < n; i++) {
        char c = s[i];
        if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-'))
            return 0;
    }
    return 1;
}

/* mkdir -p of the folder part of path.  Returns 0 or -1 (errno set). */
static int make_parents(const char *path)
{
    char *copy = strdup(path);
    if (!copy)
        return -1;
    for (char *p = copy + 1; *p; p++) {
        if (*p != '/')
            continue;
        *p = '\0';
        if (mkdir(copy, 0777) != 0 && errno != EEXIST) {
            free(copy);
            return -1;
        }
        *p = '/';
    }
    free(copy);
    return 0;
}

static int exists(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0;
}

int zb_cmd_new_check(int argc, char **argv)
{
    const char *name = NULL, *dir = ".";
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--dir") == 0 && i + 1 < argc) {
            dir = argv[++i];
        } else if (strncmp(argv[i], "--dir=", 6) == 0) {
            dir = argv[i] + 6;
        } else if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
            usage(stdout);
            return ZB_EXIT_OK;
        } else if (argv[i][0] != '-' && !name) {
            name = argv[i];
        } else {
            if (argv[i][0] == '-')
                zb_host_error("new-check", ZB_T("未知选项“%s”", "unknown option '%s'"), argv[i]);
            else
                zb_host_error("new-check", ZB_T("多余的参数“%s”", "unexpected argument '%s'"), argv[i]);
            usage(stderr);
            return ZB_EXIT_USAGE;
        }
    }
    const char *slash = name ? strchr(name, '/') : NULL;
    if (!slash || !valid_name(name, (size_t)(slash - name)) || !valid_name(slash + 1, strlen(slash + 1))) {
        if (name)
            fprintf(stderr, ZB_T("zhibiao new-check：“%s”应为 部门/编号（字母、数字、_、-）\n",
                                 "zhibiao new-check: '%s' must be DEPT/ID (letters, digits, _, -)\n"), name);
        usage(stderr);
        return ZB_EXIT_USAGE;
    }
    lua_State *L = zb_checkhost_newstate();
    if (!L) {
        zb_host_error("new-check", "%s", ZB_T("内存不足", "out of memory"));
        return ZB_EXIT_USAGE;
    }
    int rc = ZB_EXIT_USAGE;
    lua_getglobal(L, "require");
    lua_pushliteral(L, "check_skeleton");
    if (lua_pcall(L, 1, 1, 0) != LUA_OK) {
        zb_host_error("new-check", "%s", lua_tostring(L, -1));
        goto done;
    }
    lua_getfield(L, -1, "files");
    lua_pushlstring(L, name, (size_t)(slash - name));
    lua_pushstring(L, slash + 1);
    if (lua_pcall(L, 2, 1, 0) != LUA_OK) {
        zb_host_error("new-check", "%s", lua_tostring(L, -1));
        goto done;
    }
    int files = lua_gettop(L);
    lua_Integer n = luaL_len(L, files);
    /* Refuse before writing anything: a half-made check helps no one. */
    for (lua_Integer i = 1; i <= n; i++) {
        lua_rawgeti(L, files, i);
        lua_getfield(L, -1, "path");
        const char *full = lua_pushfstring(L, "%s/%s", dir, lua_tostring(L, -1));
        if (exists(full)) {
            fprintf(stderr, ZB_T("zhibiao new-check：%s 已存在，未写入任何文件\n",
                                 "zhibiao new-check: %s exists; nothing was written\n"), full);
            goto done;
        }
        lua_pop(L, 3);
    }
    for (lua_Integer i = 1; i <= n; i++) {
        lua_rawgeti(L, files, i);
        lua_getfield(L, -1, "path");
        const char *full = lua_pushfstring(L, "%s/%s", dir, lua_tostring(L, -1));
        lua_getfield(L, -3, "text");
        size_t len;
        const char *text = lua_tolstring(L, -1, &len);
        if (make_parents(full) != 0) {
            fprintf(stderr, ZB_T("zhibiao new-check：无法创建 %s 所在的文件夹：%s\n",
                                 "zhibiao new-check: cannot make the folder of %s: %s\n"), full, zb_write_strerror(errno));
            goto done;
        }
        if (zb_checkhost_emit("new-check", text, len, full) != 0)
            goto done;
        printf("%s %s\n", ZB_T("已写入", "wrote"), full);
        lua_pop(L, 4);
    }
    printf(ZB_T("\n下一步：编辑 %s/%s.lua，再运行\n  zhibiao test %s\n  zhibiao check --data 数据集目录 --checks %s %s\n",
                "\nnext: edit %s/%s.lua, then run\n  zhibiao test %s\n  zhibiao check --data DATASET_DIR --checks %s %s\n"),
           dir, name, dir, dir, name);
    rc = ZB_EXIT_OK;
done:
    lua_close(L);
    return rc;
}
