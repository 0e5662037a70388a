/* zhibiao run [OPTIONS] SCRIPT [ARGS...]
 *
 * Runs a Lua script (a path, or a bundled script by name) with `zb` loaded,
 * the dataset opened as the global `ds` when --data is given, and the other
 * arguments in `arg` (arg[0] is the script) and as `...`, as the lua command
 * does.  With --sandbox the script runs in the sandbox (zb_sandbox.h):
 * allow-listed globals, memory and instruction limits, and files written
 * only through zb.write into the --out directory.
 *
 * Where options go: before the script name every argument starting with
 * '-' must be an option of run; after it, run's own option names are still
 * run's (zhibiao run plan_table --data DIR), anything else is the script's,
 * and everything after a lone "--" is the script's whatever it looks like.
 */
#include <errno.h>
#include <lauxlib.h>
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "lzb.h"
#include "zb_host.h"
#include "zb_lang.h"
#include "zb_load.h"
#include "zb_outfile.h"
#include "zb_sandbox.h"

typedef struct run_opts {
    const char *script, *data, *encoding, *out;
    int sandbox;
    long long max_memory_mb;      /* -1: not given */
    long long max_instructions;   /* -1: not given */
    char **rest;
    int nrest;
} run_opts;

static void usage(FILE *f)
{
    fprintf(f, "%s", ZB_T(
        "用法：zhibiao run [选项] 脚本 [参数...]\n"
        "  --data 目录             打开数据集，脚本中为全局变量 ds\n"
        "  --encoding gbk          数据集文件的编码\n"
        "  --sandbox               在沙箱中运行（只允许白名单中的库，限制内存与指令数）\n"
        "  --max-memory 兆字节     内存上限（沙箱默认 256，0 为不限）\n"
        "  --max-instructions N    指令数上限（沙箱默认 1000000000，0 为不限）\n"
        "  --out 目录              zb.write 写文件的目录（沙箱中不给则不许写文件）\n"
        "脚本名之后，run 自己的选项仍由 run 处理，其余参数交给脚本；“--”之后的参数全部交给脚本。\n",
        "usage: zhibiao run [OPTIONS] SCRIPT [ARGS...]\n"
        "  --data DIR              open a dataset, the global ds in the script\n"
        "  --encoding gbk          the encoding of the dataset's files\n"
        "  --sandbox               run sandboxed (allow-listed libraries, memory and instruction limits)\n"
        "  --max-memory MB         memory limit (sandbox default 256, 0 for none)\n"
        "  --max-instructions N    instruction limit (sandbox default 1000000000, 0 for none)\n"
        "  --out DIR               where zb.write writes (sandboxed without it: no files)\n"
        "After the script name, run's own options are still run's and the other arguments the script's;\n"
        "everything after \"--\" is the script's.\n"));
}

/* A non-negative integer, also written as 1e9; -1 when it is not one. */
static long long parse_count(const char *s)
{
    if (!*s)
        return -1;
    char *end;
    errno = 0;
    unsigned long long v = strtoull(s, &end, 10);
    if (*end == '\0' && errno == 0 && s[0] != '-' && v <= (unsigned long long)LLONG_MAX)
        return (long long)v;
    double d = strtod(s, &end);
    if (*end != '\0' || !(d >= 0) || d > 9.2e18 || d != floor(d))
        return -1;
    return (long long)d;
}

static const char *const value_options[] = {"--data", "--encoding", "--max-memory", "--max-instructions", "--out", NULL};

/* Is a the name of one of run's options (with or without "=value")?
 * Sets *value to what follows '=' if present. */
static int option_index(const char *a, const char **value)
{
    *value = NULL;
    if (strcmp(a, "--sandbox") == 0)
        return 100;
    for (int i = 0; value_options[i]; i++) {
        size_t n = strlen(value_options[i]);
        if (strncmp(a, value_options[i], n) == 0 && (a[n] == '\0' || a[n] == '=')) {
            if (a[n] == '=')
                *value = a + n + 1;
            return i;
        }
    }
    return -1;
}

/* Returns 0, or an exit status after printing the problem. */
static int parse(int argc, char **argv, run_opts *o)
{
    memset(o, 0, sizeof *o);
    o->max_memory_mb = o->max_instructions = -1;
    o->rest = calloc((size_t)argc + 1, sizeof *o->rest);
    if (!o->rest)
        return ZB_EXIT_FAIL;
    int only_args = 0;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (only_args) {
            o->rest[o->nrest++] = argv[i];
            continue;
        }
        if (strcmp(a, "--") == 0) {
            only_args = 1;
            continue;
        }
        if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
            if (!o->script) {
                usage(stdout);
                return -1;
            }
        }
        const char *value;
        int k = option_index(a, &value);
        if (k == 100) {
            o->sandbox = 1;
            continue;
        }
        if (k >= 0) {
            if (!value) {
                if (i + 1 >= argc) {
                    fprintf(stderr, ZB_T("zhibiao run：%s 后面缺少值\n", "zhibiao run: %s needs a value\n"), a);
                    return ZB_EXIT_USAGE;
                }
                value = argv[++i];
            }
            const char *name = value_options[k];
            if (k == 0) {
                o->data = value;
            } else if (k == 1) {
                o->encoding = value;
            } else if (k == 4) {
                o->out = value;
            } else {
                long long v = parse_count(value);
                if (v < 0 || (k == 2 && v > (1LL << 30))) {
                    fprintf(stderr, ZB_T("zhibiao run：%s 的值“%s”无效（应为非负整数）\n",
                                         "zhibiao run: invalid value '%s' for %s (a non-negative integer expected)\n"),
                            zb_lang_get() == ZB_LANG_EN ? value : name, zb_lang_get() == ZB_LANG_EN ? name : value);
                    return ZB_EXIT_USAGE;
                }
                if (k == 2)
                    o->max_memory_mb = v;
                else
                    o->max_instructions = v;
            }
            continue;
        }
        if (!o->script) {
            if (a[0] == '-' && a[1]) {
                fprintf(stderr, ZB_T("zhibiao run：未知选项“%s”\n", "zhibiao run: unknown option '%s'\n"), a);
                usage(stderr);
                return ZB_EXIT_USAGE;
            }
            o->script = a;
        } else {
            o->rest[o->nrest++] = argv[i];
        }
    }
    if (!o->script) {
        usage(stderr);
        return ZB_EXIT_USAGE;
    }
    if (zb_host_check_encoding("run", o->encoding) != 0)
        return ZB_EXIT_USAGE;
    return 0;
}

static int ensure_dir(const char *dir)
{
    struct stat st;
    if (stat(dir, &st) == 0 && S_ISDIR(st.st_mode))
        return 0;
    if (mkdir(dir, 0777) == 0)
        return 0;
    fprintf(stderr, ZB_T("zhibiao run：无法使用输出目录 %s：%s\n", "zhibiao run: cannot use the output directory %s: %s\n"),
            dir, zb_write_strerror(errno));
    return -1;
}

/* Opens the dataset and pushes it; prints the problems and returns -1 when
 * it has errors. */
static int push_dataset(lua_State *L, const run_opts *o)
{
    zb_dataset *ds = zb_host_load_dataset("run", o->data, o->encoding, ZB_T("未运行脚本", "the script was not run"));
    if (!ds)
        return -1;
    zbL_pushdataset(L, ds);
    return 0;
}

static void push_arg(lua_State *L, const run_opts *o, const char *path)
{
    lua_createtable(L, o->nrest, 2);
    lua_pushstring(L, path);
    lua_rawseti(L, -2, 0);
    for (int i = 0; i < o->nrest; i++) {
        lua_pushstring(L, o->rest[i]);
        lua_rawseti(L, -2, i + 1);
    }
    if (o->data) {
        lua_pushstring(L, o->data);
        lua_setfield(L, -2, "data");
    }
}

static void report(zb_run_status st, const char *traceback)
{
    zb_host_error("run", "%s", traceback);
    if (st == ZB_RUN_MEMORY)
        fprintf(stderr, "%s", ZB_T("zhibiao run：脚本超出了内存限制；确需更多内存时可用 --max-memory 兆字节 放宽\n",
                                   "zhibiao run: the script went over its memory limit; raise it with --max-memory MB if it really needs more\n"));
    else if (st == ZB_RUN_INSTRUCTIONS)
        fprintf(stderr, "%s", ZB_T("zhibiao run：脚本超出了指令数限制（死循环？）；确需更多时可用 --max-instructions N 放宽\n",
                                   "zhibiao run: the script went over its instruction limit (an endless loop?); raise it with --max-instructions N if it really needs more\n"));
}

static int run(lua_State *L, const run_opts *o, const char *path)
{
    zb_limits lim = {0, 0};
    if (o->sandbox)
        lim = zb_limits_default();
    if (o->max_memory_mb >= 0)
        lim.max_memory = (size_t)o->max_memory_mb << 20;
    if (o->max_instructions >= 0)
        lim.max_instructions = (unsigned long long)o->max_instructions;
    /* A plain run is the user's own script: it writes where it is run. */
    const char *out = o->out ? o->out : o->sandbox ? NULL : ".";
    if (o->out && ensure_dir(o->out) != 0)
        return ZB_EXIT_USAGE;

    int env = 0;
    if (o->sandbox) {
        zb_sandbox_newenv(L, NULL);
        env = lua_gettop(L);
    }
    if (o->data) {
        if (push_dataset(L, o) != 0)
            return ZB_EXIT_USAGE;
        if (env)
            lua_setfield(L, env, "ds");
        else
            lua_setglobal(L, "ds");
    }
    push_arg(L, o, path);
    if (env)
        lua_setfield(L, env, "arg");
    else
        lua_setglobal(L, "arg");

    int st = env ? zb_sandbox_loadfile(L, path, env) : luaL_loadfilex(L, path, "t");
    if (st != LUA_OK) {
        zb_host_error("run", "%s", lua_tostring(L, -1));
        return ZB_EXIT_FAIL;
    }
    for (int i = 0; i < o->nrest; i++)
        lua_pushstring(L, o->rest[i]);
    int nres = 0;
    zb_run_status rs = zb_sandbox_call(L, o->nrest, &lim, out, &nres);
    if (rs != ZB_RUN_OK) {
        report(rs, lua_tostring(L, -1));
        return ZB_EXIT_FAIL;
    }
    return ZB_EXIT_OK;
}

int zb_cmd_run(int argc, char **argv)
{
    run_opts o;
    int rc = parse(argc, argv, &o);
    if (rc != 0) {
        free(o.rest);
        return rc < 0 ? ZB_EXIT_OK : rc;
    }
    char *path = zb_host_find_script(o.script);
    if (!path) {
        fprintf(stderr, ZB_T("zhibiao run：找不到脚本“%s”（既不是文件，也不是自带脚本的名字）\n",
                             "zhibiao run: no script '%s' (neither a file nor a bundled script's name)\n"),
                o.script);
        free(o.rest);
        return ZB_EXIT_USAGE;
    }
    lua_State *L = zb_host_newstate();
    if (!L) {
        zb_host_error("run", "%s", ZB_T("内存不足", "out of memory"));
        free(path);
        free(o.rest);
        return ZB_EXIT_FAIL;
    }
    rc = run(L, &o, path);
    lua_close(L);
    free(path);
    free(o.rest);
    return rc;
}
