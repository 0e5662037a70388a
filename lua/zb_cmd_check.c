/* zhibiao check --data DIR [SELECTION...] [--format text|json|csv|junit]
 *               [-o FILE] [--checks DIR]... [--list]
 *
 * Runs the checks a selection picks (all by default) on a dataset, each one
 * isolated, and renders the findings.  Exit 0 when no error was found, 1
 * when errors were found or a check crashed, 2 for bad usage or bad data.
 * The work is in lua/check_runner.lua; this file reads the command line,
 * loads the dataset and writes the output. */
#include <lauxlib.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lzb.h"
#include "zb_checkhost.h"
#include "zb_host.h"
#include "zb_lang.h"
#include "zb_load.h"

static void usage(FILE *out)
{
    fprintf(out, "%s", ZB_T(
        "用法：zhibiao check --data 目录 [选择...] [--format text|json|csv|junit] [-o 文件]\n"
        "                     [--checks 检查目录]... [--encoding gbk] [--max-instructions N] [--max-memory MB]\n"
        "      zhibiao check --list [选择...] [--checks 检查目录]...\n"
        "选择：检查编号、部门、标签、严重程度或通配符（stats/*、*jump*），可用 and、or、not 和括号组合，\n"
        "      如 \"stats and not slow\"；多个选择或逗号分隔表示“或”。\n",
        "usage: zhibiao check --data DIR [SELECTION...] [--format text|json|csv|junit] [-o FILE]\n"
        "                     [--checks DIR]... [--encoding gbk] [--max-instructions N] [--max-memory MB]\n"
        "       zhibiao check --list [SELECTION...] [--checks DIR]...\n"
        "selection: a check id, department, tag, severity or glob (stats/*, *jump*), combined with\n"
        "           and, or, not and parentheses, e.g. \"stats and not slow\"; several (or commas) mean or.\n"));
}

/* The value of option argv[*i] ("--opt value" or "--opt=value"); NULL with a
 * message when it is missing. */
static const char *option_value(int argc, char **argv, int *i, const char *name)
{
    size_t n = strlen(name);
    if (argv[*i][n] == '=')
        return argv[*i] + n + 1;
    if (*i + 1 >= argc) {
        fprintf(stderr, ZB_T("zhibiao check：%s 后面缺少值\n", "zhibiao check: %s needs a value\n"), name);
        return NULL;
    }
    return argv[++*i];
}

static int is_opt(const char *arg, const char *name)
{
    size_t n = strlen(name);
    return strncmp(arg, name, n) == 0 && (arg[n] == '\0' || arg[n] == '=');
}

static zb_dataset *load_dataset(const char *dir, const char *encoding)
{
    return zb_host_load_dataset("check", dir, encoding, ZB_T("未运行检查", "no check was run"));
}

/* Parses a positive whole number; -1 when it is not one. */
static long long parse_count(const char *s)
{
    char *end;
    long long v = strtoll(s, &end, 10);
    return (end == s || *end || v <= 0) ? -1 : v;
}

int zb_cmd_check(int argc, char **argv)
{
    const char *data = NULL, *encoding = NULL, *format = "text", *output = NULL;
    long long max_instr = 0, max_mb = 0;
    int list = 0, rc = ZB_EXIT_USAGE;
    zb_checkdirs dirs = {0};
    char **sel = calloc((size_t)argc + 1, sizeof *sel);
    int nsel = 0;
    zb_dataset *ds = NULL;
    lua_State *L = NULL;
    if (!sel || zb_checkdirs_default(&dirs) != 0)
        goto oom;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i], *v;
        if (is_opt(a, "--data")) {
            if (!(data = option_value(argc, argv, &i, "--data")))
                goto done;
        } else if (is_opt(a, "--encoding")) {
            if (!(encoding = option_value(argc, argv, &i, "--encoding")))
                goto done;
        } else if (is_opt(a, "--format")) {
            if (!(format = option_value(argc, argv, &i, "--format")))
                goto done;
        } else if (is_opt(a, "-o") || is_opt(a, "--output")) {
            if (!(output = option_value(argc, argv, &i, a[1] == 'o' ? "-o" : "--output")))
                goto done;
        } else if (is_opt(a, "--checks")) {
            if (!(v = option_value(argc, argv, &i, "--checks")))
                goto done;
            if (!zb_checkhost_isdir(v)) {
                fprintf(stderr, ZB_T("zhibiao check：--checks %s 不是文件夹\n", "zhibiao check: --checks %s is not a folder\n"), v);
                goto done;
            }
            if (zb_checkdirs_add(&dirs, v, "--checks") != 0)
                goto oom;
        } else if (is_opt(a, "--max-instructions") || is_opt(a, "--max-memory")) {
            int instr = a[6] == 'i';
            if (!(v = option_value(argc, argv, &i, instr ? "--max-instructions" : "--max-memory")))
                goto done;
            long long n = parse_count(v);
            if (n < 0) {
                fprintf(stderr, ZB_T("zhibiao check：%s 应为正整数，而不是“%s”\n", "zhibiao check: %s must be a positive whole number, not '%s'\n"),
                        instr ? "--max-instructions" : "--max-memory", v);
                goto done;
            }
            if (instr)
                max_instr = n;
            else
                max_mb = n;
        } else if (strcmp(a, "--list") == 0) {
            list = 1;
        } else if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
            usage(stdout);
            rc = ZB_EXIT_OK;
            goto done;
        } else if (a[0] == '-' && a[1] != '\0') {
            fprintf(stderr, ZB_T("zhibiao check：未知选项“%s”\n", "zhibiao check: unknown option '%s'\n"), a);
            usage(stderr);
            goto done;
        } else {
            sel[nsel++] = argv[i];
        }
    }
    if (strcmp(format, "text") && strcmp(format, "json") && strcmp(format, "csv") && strcmp(format, "junit")) {
        fprintf(stderr, ZB_T("zhibiao check：--format 应为 text、json、csv 或 junit，而不是“%s”\n",
                             "zhibiao check: --format must be text, json, csv or junit, not '%s'\n"), format);
        goto done;
    }
    if (!list && !data) {
        fprintf(stderr, "%s", ZB_T("zhibiao check：缺少 --data 数据集目录\n", "zhibiao check: --data DIR is missing\n"));
        usage(stderr);
        goto done;
    }
    if (zb_host_check_encoding("check", encoding) != 0)
        goto done;
    if (!list && !(ds = load_dataset(data, encoding)))
        goto done;
    if (!(L = zb_checkhost_newstate()))
        goto oom;
    lua_newtable(L);
    if (ds) {
        zbL_pushdataset(L, ds);   /* the userdata owns it from here */
        ds = NULL;
        lua_setfield(L, -2, "ds");
        lua_pushstring(L, data);
        lua_setfield(L, -2, "data");
    }
    zb_checkdirs_push(L, &dirs);
    lua_setfield(L, -2, "dirs");
    lua_createtable(L, nsel, 0);
    for (int k = 0; k < nsel; k++) {
        lua_pushstring(L, sel[k]);
        lua_rawseti(L, -2, k + 1);
    }
    lua_setfield(L, -2, "selection");
    lua_pushstring(L, format);
    lua_setfield(L, -2, "format");
    lua_pushboolean(L, list);
    lua_setfield(L, -2, "list");
    /* CSV for people opens right in Excel/WPS with a BOM; on a pipe it
     * would only get in the way. */
    lua_pushboolean(L, output && strcmp(output, "-") != 0);
    lua_setfield(L, -2, "bom");
    lua_createtable(L, 0, 2);
    if (max_instr) {
        lua_pushinteger(L, (lua_Integer)max_instr);
        lua_setfield(L, -2, "instructions");
    }
    if (max_mb) {
        lua_pushinteger(L, (lua_Integer)(max_mb * 1024 * 1024));
        lua_setfield(L, -2, "memory");
    }
    lua_setfield(L, -2, "limits");
    zb_checkhost_pushhost(L);
    lua_setfield(L, -2, "host");
    lua_pushliteral(L, "check");
    lua_setfield(L, -2, "command");
    const char *text;
    size_t len;
    rc = zb_checkhost_call(L, "check", &text, &len);
    if (text && zb_checkhost_emit("check", text, len, output) != 0)
        rc = ZB_EXIT_USAGE;
    goto done;
oom:
    zb_host_error("check", "%s", ZB_T("内存不足", "out of memory"));
    rc = ZB_EXIT_USAGE;
done:
    if (L)
        lua_close(L);
    zb_dataset_free(ds);
    zb_checkdirs_free(&dirs);
    free(sel);
    return rc;
}
