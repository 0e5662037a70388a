/* zhibiao test [DIR | FILE.lua]...
 *
 * Runs the fixtures of checks: for each check <dept>/<id>.lua, every folder
 * <dept>/<id>.fixtures/<case>/ with an `expected` file is a small dataset
 * and the findings the check must report on it.  Prints pass/fail per
 * check; exit 1 when a case fails, 2 for bad usage.  Without arguments, the
 * bundled checks are tested.  The work is in check_runner.test. */
#include <lauxlib.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "zb_checkhost.h"
#include "zb_host.h"
#include "zb_lang.h"

static void usage(FILE *out)
{
    fprintf(out, "%s", ZB_T("用法：zhibiao test [检查目录 | 检查文件.lua]...\n"
                               "  每个 <部门>/<编号>.fixtures/<样例>/ 文件夹是一个样例：小数据集加 expected 文件。\n",
                               "usage: zhibiao test [CHECKS_DIR | CHECK.lua]...\n"
                               "  each <dept>/<id>.fixtures/<case>/ folder is a case: a small dataset and an `expected` file.\n"));
}

/* "a/b/stats/x.lua" -> "a/b" (the check folder two levels up); NULL when the
 * path has no such folder.  Caller frees. */
static char *check_folder(const char *file)
{
    char *copy = strdup(file);
    if (!copy)
        return NULL;
    for (int up = 0; up < 2; up++) {
        char *slash = strrchr(copy, '/');
        if (!slash) {
            if (up == 1) {           /* "stats/x.lua": the current folder */
                strcpy(copy, ".");
                return copy;
            }
            free(copy);
            return NULL;
        }
        *slash = '\0';
    }
    if (!*copy)
        strcpy(copy, "/");
    return copy;
}

int zb_cmd_test(int argc, char **argv)
{
    zb_checkdirs dirs = {0};
    int rc = ZB_EXIT_USAGE, nfiles = 0;
    lua_State *L = zb_checkhost_newstate();
    if (!L) {
        zb_host_error("test", "%s", ZB_T("内存不足", "out of memory"));
        return ZB_EXIT_USAGE;
    }
    lua_newtable(L);   /* opts */
    lua_newtable(L);   /* only: the check files named */
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
            usage(stdout);
            rc = ZB_EXIT_OK;
            goto done;
        }
        if (a[0] == '-') {
            fprintf(stderr, ZB_T("zhibiao test：未知选项“%s”\n", "zhibiao test: unknown option '%s'\n"), a);
            usage(stderr);
            goto done;
        }
        size_t n = strlen(a);
        if (n > 4 && strcmp(a + n - 4, ".lua") == 0) {
            char *folder = check_folder(a);
            if (!folder || !zb_checkhost_isdir(folder)) {
                fprintf(stderr, ZB_T("zhibiao test：%s 不在 <检查目录>/<部门>/ 之下\n",
                                     "zhibiao test: %s is not inside <checks dir>/<department>/\n"), a);
                free(folder);
                goto done;
            }
            int add = zb_checkdirs_add(&dirs, folder, "arg");
            free(folder);
            if (add != 0)
                goto done;
            lua_pushboolean(L, 1);
            lua_setfield(L, -2, a);
            nfiles++;
        } else if (zb_checkhost_isdir(a)) {
            if (zb_checkdirs_add(&dirs, a, "arg") != 0)
                goto done;
        } else {
            fprintf(stderr, ZB_T("zhibiao test：%s 既不是文件夹也不是 .lua 检查文件\n",
                                 "zhibiao test: %s is neither a folder nor a .lua check file\n"), a);
            goto done;
        }
    }
    if (dirs.n == 0) {
        char buf[8192];
        snprintf(buf, sizeof buf, "%s/scripts/checks", zb_host_home());
        if (zb_checkdirs_add(&dirs, buf, "bundled") != 0)
            goto done;
    }
    if (nfiles > 0) {
        /* Named files alone: a folder given beside them is tested whole. */
        lua_setfield(L, -2, "only");
        if (nfiles < dirs.n)
            fprintf(stderr, "%s", ZB_T("zhibiao test：同时给出文件夹和文件时，只测试给出的文件\n",
                                       "zhibiao test: with folders and files given, only the files are tested\n"));
    } else {
        lua_pop(L, 1);
    }
    zb_checkdirs_push(L, &dirs);
    lua_setfield(L, -2, "dirs");
    zb_checkhost_pushhost(L);
    lua_setfield(L, -2, "host");
    lua_pushliteral(L, "test");
    lua_setfield(L, -2, "command");
    const char *text;
    size_t len;
    rc = zb_checkhost_call(L, "test", &text, &len);
    if (text && zb_checkhost_emit("test", text, len, NULL) != 0)
        rc = ZB_EXIT_USAGE;
done:
    lua_close(L);
    zb_checkdirs_free(&dirs);
    return rc;
}
