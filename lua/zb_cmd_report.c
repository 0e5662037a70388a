/* zhibiao report NAME --data DIR [--region CODE] [--year Y] [--plan PLAN]
 *                [--format html|md|xlsx|csv|json|text] [-o FILE] [--no-bom]
 *                [--param KEY=VALUE]...
 * zhibiao report --list
 *
 * Finds the report script (a path, or NAME.lua in a ZHIBIAO_PATH folder's
 * reports/ or in the bundled scripts/reports/), opens the dataset, and hands
 * both to the Lua driver (lua/report/run.lua), which builds the document and
 * writes it.  Files are written only inside the directory of -o (created
 * when missing, as every command does), atomically.  The format comes from
 * --format, else from the extension of -o; without -o, or with -o -, the
 * report is printed (text by default; an xlsx workbook is never printed).
 */
#include <dirent.h>
#include <lauxlib.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "lzb.h"
#include "zb_host.h"
#include "zb_lang.h"
#include "zb_load.h"
#include "zb_opts.h"

enum { MAX_PARAMS = 32 };

typedef struct report_opts {
    const char *name, *data, *encoding, *region, *plan, *format, *output;
    int year, to_year, bom, list, quiet;
    const char *params[MAX_PARAMS];
    int nparams;
} report_opts;

static void usage(FILE *out)
{
    fprintf(out, "%s", ZB_T(
        "用法：zhibiao report 报表名 --data 目录 [--region 地区代码] [--year 年份] [--plan 规划]\n"
        "                      [--format html|md|xlsx|csv|json|text] [-o 文件] [--no-bom]\n"
        "                      [--param 名=值]...\n"
        "      zhibiao report --list                  列出可用的报表\n"
        "不给 --format 时按 -o 的扩展名定格式；不给 -o 时在终端显示。\n",
        "usage: zhibiao report NAME --data DIR [--region CODE] [--year Y] [--plan PLAN]\n"
        "                      [--format html|md|xlsx|csv|json|text] [-o FILE] [--no-bom]\n"
        "                      [--param KEY=VALUE]...\n"
        "       zhibiao report --list                 list the available reports\n"
        "Without --format the extension of -o decides; without -o the report is printed.\n"));
}

static int parse_year(const char *s, int *out)
{
    char *end;
    long v = strtol(s, &end, 10);
    if (!*s || *end || v < 1900 || v > 2200)
        return -1;
    *out = (int)v;
    return 0;
}

static int parse_args(int argc, char **argv, report_opts *o)
{
    memset(o, 0, sizeof *o);
    o->bom = 1;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (strcmp(a, "--list") == 0) { o->list = 1; continue; }
        if (strcmp(a, "--no-bom") == 0) { o->bom = 0; continue; }
        if (strcmp(a, "--quiet") == 0 || strcmp(a, "-q") == 0) { o->quiet = 1; continue; }
        if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) { usage(stdout); return 1; }
        if (a[0] == '-' && a[1]) {
            const char *v = i + 1 < argc ? argv[i + 1] : NULL;
            const char **slot = NULL;
            int *year = NULL;
            if (strcmp(a, "--data") == 0) slot = &o->data;
            else if (strcmp(a, "--encoding") == 0) slot = &o->encoding;
            else if (strcmp(a, "--region") == 0) slot = &o->region;
            else if (strcmp(a, "--plan") == 0) slot = &o->plan;
            else if (strcmp(a, "--format") == 0) slot = &o->format;
            else if (strcmp(a, "-o") == 0 || strcmp(a, "--output") == 0) slot = &o->output;
            else if (strcmp(a, "--year") == 0) year = &o->year;
            else if (strcmp(a, "--to") == 0) year = &o->to_year;
            else if (strcmp(a, "--param") == 0) {
                if (!v || !strchr(v, '=') || v[0] == '=') {
                    fprintf(stderr, "%s", ZB_T("zhibiao report：--param 应为 名=值\n",
                                               "zhibiao report: --param takes KEY=VALUE\n"));
                    return -1;
                }
                if (o->nparams == MAX_PARAMS) {
                    fprintf(stderr, "%s", ZB_T("zhibiao report：--param 太多\n", "zhibiao report: too many --param\n"));
                    return -1;
                }
                o->params[o->nparams++] = v;
                i++;
                continue;
            } else {
                fprintf(stderr, ZB_T("zhibiao report：未知选项“%s”\n", "zhibiao report: unknown option '%s'\n"), a);
                usage(stderr);
                return -1;
            }
            if (!v) {
                fprintf(stderr, ZB_T("zhibiao report：%s 后面缺少值\n", "zhibiao report: %s needs a value\n"), a);
                return -1;
            }
            if (year && parse_year(v, year) != 0) {
                fprintf(stderr, ZB_T("zhibiao report：%s 的值“%s”不是 1900—2200 之间的年份\n",
                                     "zhibiao report: %s '%s' is not a year between 1900 and 2200\n"), a, v);
                return -1;
            }
            if (slot)
                *slot = v;
            i++;
        } else if (!o->name) {
            o->name = a;
        } else {
            fprintf(stderr, ZB_T("zhibiao report：多余的参数“%s”\n", "zhibiao report: unexpected argument '%s'\n"), a);
            return -1;
        }
    }
    return 0;
}

static int is_file(const char *p)
{
    struct stat st;
    return stat(p, &st) == 0 && S_ISREG(st.st_mode);
}

/* Where reports live, in the order they are searched: each ZHIBIAO_PATH
 * folder's reports/, then the bundled scripts/reports/.  Returns the count;
 * each dirs[i] is malloc'd (caller frees). */
static int report_dirs(char **dirs, int max)
{
    int n = 0;
    const char *path = getenv("ZHIBIAO_PATH");
    if (path && *path) {
        char *copy = strdup(path), *save = NULL;
        for (char *d = copy ? strtok_r(copy, ":", &save) : NULL; d && n < max - 1; d = strtok_r(NULL, ":", &save)) {
            size_t len = strlen(d) + sizeof "/reports";
            if ((dirs[n] = malloc(len)) != NULL)
                snprintf(dirs[n++], len, "%s/reports", d);
        }
        free(copy);
    }
    size_t len = strlen(zb_host_home()) + sizeof "/scripts/reports";
    if (n < max && (dirs[n] = malloc(len)) != NULL)
        snprintf(dirs[n++], len, "%s/scripts/reports", zb_host_home());
    return n;
}

/* The script for a name or path; malloc'd, NULL when not found. */
static char *find_report(const char *name)
{
    if (strchr(name, '/') || (strlen(name) > 4 && strcmp(name + strlen(name) - 4, ".lua") == 0))
        return is_file(name) ? strdup(name) : NULL;
    char *dirs[16], *found = NULL;
    int n = report_dirs(dirs, 16);
    for (int i = 0; i < n; i++) {
        size_t len = strlen(dirs[i]) + strlen(name) + 6;
        char *p = malloc(len);
        if (p && !found) {
            snprintf(p, len, "%s/%s.lua", dirs[i], name);
            if (is_file(p)) {
                found = p;
                p = NULL;
            }
        }
        free(p);
        free(dirs[i]);
    }
    return found;
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Pushes a list of the report scripts' paths, first folder first, names
 * sorted, a name found earlier hiding a later one: [-0, +1, m] */
static void push_report_paths(lua_State *L)
{
    char *dirs[16];
    int n = report_dirs(dirs, 16);
    lua_newtable(L);  /* paths */
    lua_newtable(L);  /* names seen */
    lua_Integer k = 0;
    for (int i = 0; i < n; i++) {
        DIR *d = opendir(dirs[i]);
        char *names[512];
        size_t nn = 0;
        struct dirent *e;
        while (d && (e = readdir(d)) != NULL && nn < 512) {
            size_t len = strlen(e->d_name);
            if (len > 4 && strcmp(e->d_name + len - 4, ".lua") == 0 && e->d_name[0] != '.')
                if ((names[nn] = strdup(e->d_name)) != NULL)
                    nn++;
        }
        if (d)
            closedir(d);
        qsort(names, nn, sizeof names[0], cmp_str);
        for (size_t j = 0; j < nn; j++) {
            if (lua_getfield(L, -1, names[j]) == LUA_TNIL) {
                lua_pushboolean(L, 1);
                lua_setfield(L, -3, names[j]);
                lua_pushfstring(L, "%s/%s", dirs[i], names[j]);
                lua_rawseti(L, -4, ++k);
            }
            lua_pop(L, 1);
            free(names[j]);
        }
        free(dirs[i]);
    }
    lua_pop(L, 1);
}

static const char *known_formats[] = {"html", "md", "xlsx", "csv", "json", "text", NULL};

/* The format named by --format or by the extension of the output file. */
static const char *choose_format(const report_opts *o)
{
    if (o->format) {
        const char *f = strcmp(o->format, "markdown") == 0 ? "md" : strcmp(o->format, "txt") == 0 ? "text" : o->format;
        for (int i = 0; known_formats[i]; i++)
            if (strcmp(f, known_formats[i]) == 0)
                return known_formats[i];
        return NULL;
    }
    if (!o->output)
        return "text";
    const char *dot = strrchr(o->output, '.');
    const char *slash = strrchr(o->output, '/');
    if (!dot || (slash && dot < slash))
        return NULL;
    dot++;
    if (strcmp(dot, "htm") == 0) return "html";
    if (strcmp(dot, "markdown") == 0) return "md";
    if (strcmp(dot, "txt") == 0) return "text";
    for (int i = 0; known_formats[i]; i++)
        if (strcmp(dot, known_formats[i]) == 0)
            return known_formats[i];
    return NULL;
}

static void set_field_str(lua_State *L, const char *key, const char *v)
{
    if (v) {
        lua_pushstring(L, v);
        lua_setfield(L, -2, key);
    }
}

static int traceback(lua_State *L)
{
    const char *msg = lua_tostring(L, 1);
    luaL_traceback(L, L, msg ? msg : "(error object is not a string)", 1);
    return 1;
}

/* Calls the function below its nargs arguments with a traceback handler,
 * keeping nresults results; prints the error on failure: [-(nargs+1), +nresults|0, -] */
static int pcall_results(lua_State *L, int nargs, int nresults)
{
    int base = lua_gettop(L) - nargs;
    lua_pushcfunction(L, traceback);
    lua_insert(L, base);
    int status = lua_pcall(L, nargs, nresults, base);
    if (status != LUA_OK) {
        zb_host_error("report", "%s", lua_tostring(L, -1));
        lua_pop(L, 1);
    }
    lua_remove(L, base);
    return status;
}

static int run_list(void)
{
    lua_State *L = zb_host_newstate();
    if (!L)
        return ZB_EXIT_FAIL;
    int rc = ZB_EXIT_FAIL;
    lua_getglobal(L, "require");
    lua_pushliteral(L, "report.run");
    if (pcall_results(L, 1, 1) == LUA_OK) {
        lua_getfield(L, -1, "list");
        push_report_paths(L);
        if (pcall_results(L, 1, 1) == LUA_OK)
            rc = (int)lua_tointeger(L, -1);
    }
    lua_close(L);
    return rc;
}

int zb_cmd_report(int argc, char **argv)
{
    report_opts o;
    int p = parse_args(argc, argv, &o);
    if (p != 0)
        return p > 0 ? ZB_EXIT_OK : ZB_EXIT_USAGE;
    if (zb_host_check_encoding("report", o.encoding) != 0)
        return ZB_EXIT_USAGE;
    if (o.list)
        return run_list();
    if (!o.name) {
        usage(stderr);
        return ZB_EXIT_USAGE;
    }
    /* -o - is stdout, as for every other command: the report is printed. */
    int to_stdout = o.output && strcmp(o.output, "-") == 0;
    if (to_stdout)
        o.output = NULL;
    const char *format = choose_format(&o);
    if (!format) {
        if (o.format)
            fprintf(stderr, ZB_T("zhibiao report：未知格式“%s”（可用 html、md、xlsx、csv、json、text）\n",
                                 "zhibiao report: unknown format '%s' (html, md, xlsx, csv, json, text)\n"), o.format);
        else
            fprintf(stderr, ZB_T("zhibiao report：无法从文件名“%s”判断格式，请加 --format\n",
                                 "zhibiao report: cannot tell the format from '%s'; add --format\n"), o.output);
        return ZB_EXIT_USAGE;
    }
    if (strcmp(format, "xlsx") == 0 && !o.output) {
        if (to_stdout)
            fprintf(stderr, "%s", ZB_T("zhibiao report：xlsx 工作簿是二进制文件，不能写到标准输出（-o -）；请用 -o 文件.xlsx\n",
                                       "zhibiao report: an xlsx workbook is binary and is not written to stdout (-o -); use -o FILE.xlsx\n"));
        else
            fprintf(stderr, "%s", ZB_T("zhibiao report：xlsx 格式需要用 -o 指定文件\n",
                                       "zhibiao report: the xlsx format needs a file (-o FILE)\n"));
        return ZB_EXIT_USAGE;
    }
    if (!o.data) {
        fprintf(stderr, "%s", ZB_T("zhibiao report：需要 --data 目录\n", "zhibiao report: needs --data DIR\n"));
        return ZB_EXIT_USAGE;
    }
    char *script = find_report(o.name);
    if (!script) {
        fprintf(stderr, ZB_T("zhibiao report：找不到报表“%s”（zhibiao report --list 列出可用的报表）\n",
                             "zhibiao report: no report '%s' (zhibiao report --list shows them)\n"), o.name);
        return ZB_EXIT_USAGE;
    }
    char err[PATH_MAX + 128];
    if (o.output && zb_opts_make_parent_dirs(o.output, err, sizeof err) != 0) {
        fprintf(stderr, "zhibiao report：%s\n", err);
        free(script);
        return ZB_EXIT_USAGE;
    }

    zb_dataset *ds = zb_host_load_dataset("report", o.data, o.encoding, ZB_T("未生成报表", "no report made"));
    if (!ds) {
        free(script);
        return ZB_EXIT_USAGE;
    }

    lua_State *L = zb_host_newstate();
    if (!L) {
        zb_dataset_free(ds);
        free(script);
        return ZB_EXIT_FAIL;
    }
    /* Writes go only to the folder of -o; without -o, nowhere. */
    const char *base = NULL;
    if (o.output) {
        const char *slash = strrchr(o.output, '/');
        if (slash) {
            lua_pushlstring(L, o.output, (size_t)(slash - o.output));
            zbL_set_output_dir(L, lua_tostring(L, -1));
            lua_pop(L, 1);
            base = slash + 1;
        } else {
            zbL_set_output_dir(L, ".");
            base = o.output;
        }
    } else {
        zbL_set_output_dir(L, NULL);
    }
    int rc = ZB_EXIT_FAIL;
    lua_getglobal(L, "require");
    lua_pushliteral(L, "report.run");
    if (pcall_results(L, 1, 1) == LUA_OK) {
        lua_getfield(L, -1, "main");
        lua_pushstring(L, script);
        zbL_pushdataset(L, ds); /* the userdata owns ds from here */
        ds = NULL;
        lua_pushvalue(L, -1);
        lua_setglobal(L, "ds");
        lua_createtable(L, 0, 12);
        set_field_str(L, "region", o.region);
        set_field_str(L, "plan", o.plan);
        set_field_str(L, "format", format);
        set_field_str(L, "output", base);
        set_field_str(L, "data", o.data);
        if (o.year) {
            lua_pushinteger(L, o.year);
            lua_setfield(L, -2, "year");
        }
        if (o.to_year) {
            lua_pushinteger(L, o.to_year);
            lua_setfield(L, -2, "to");
        }
        lua_pushboolean(L, o.bom);
        lua_setfield(L, -2, "bom");
        lua_pushboolean(L, o.quiet);
        lua_setfield(L, -2, "quiet");
        lua_newtable(L);
        for (int i = 0; i < o.nparams; i++) {
            const char *eq = strchr(o.params[i], '=');
            lua_pushlstring(L, o.params[i], (size_t)(eq - o.params[i]));
            lua_pushstring(L, eq + 1);
            lua_settable(L, -3);
        }
        lua_setfield(L, -2, "params");
        if (pcall_results(L, 3, 1) == LUA_OK)
            rc = (int)lua_tointeger(L, -1);
    }
    fflush(stdout);
    lua_close(L);
    zb_dataset_free(ds);
    free(script);
    return rc;
}
