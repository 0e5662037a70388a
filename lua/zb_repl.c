/* zhibiao repl [--data DIR] [--encoding gbk] [--lang en]
 *
 * The interactive environment, after lua.c's: each line is tried first as
 * `return <line>` so that an expression shows its value; a chunk that ends
 * too early (its syntax error is at <eof>) asks for more lines; every chunk
 * runs under lua_pcall with a traceback handler, so an error prints and the
 * session goes on.  Results go through the pretty printer (lua/pp.lua);
 * lines that start with a dot are commands (lua/repl.lua).
 *
 * With stdin not a terminal, it runs stdin as one script instead (exit
 * status 1 when it fails), so `zhibiao repl < file.lua` and pipes work.
 */
#include <lauxlib.h>
#include <limits.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "lzb.h"
#include "zb_host.h"
#include "zb_lang.h"
#include "zb_load.h"
#include "zb_repl.h"

#define PROMPT "zb> "
#define PROMPT2 "..> "
#define EOFMARK "<eof>"

typedef struct options {
    const char *data, *encoding;
} options;

static void usage(FILE *out)
{
    fprintf(out, "%s", ZB_T("用法：zhibiao repl [--data 目录] [--encoding gbk]\n",
                               "usage: zhibiao repl [--data DIR] [--encoding gbk]\n"));
}

/* Message handler of every chunk: the message with a traceback, minus the
 * last line ("[C]: in ?", the REPL itself). */
static int msghandler(lua_State *L)
{
    const char *msg = lua_tostring(L, 1);
    if (!msg) {
        if (luaL_callmeta(L, 1, "__tostring") && lua_type(L, -1) == LUA_TSTRING)
            return 1;
        msg = lua_pushfstring(L, "(error object is a %s value)", luaL_typename(L, 1));
    }
    luaL_traceback(L, L, msg, 1);
    size_t len;
    const char *tb = lua_tolstring(L, -1, &len);
    static const char tail[] = "\n\t[C]: in ?";
    if (len >= sizeof tail - 1 && strcmp(tb + len - (sizeof tail - 1), tail) == 0)
        lua_pushlstring(L, tb, len - (sizeof tail - 1));
    return 1;
}

/* Calls the function below nargs arguments, Ctrl-C stopping it:
 * [-(nargs+1), +(nres|0), -] */
static int docall(lua_State *L, int nargs, int nres)
{
    int base = lua_gettop(L) - nargs;
    lua_pushcfunction(L, msghandler);
    lua_insert(L, base);
    fflush(stdout);
    zb_rline_running(L);
    int status = lua_pcall(L, nargs, nres, base);
    zb_rline_running(NULL);
    lua_remove(L, base);
    fflush(stdout);
    return status;
}

/* repl.hint(message): a did-you-mean line, or nothing.  Protected: a
 * broken hint must not hide the error itself.  [-0, +0, -] */
static void print_hint(lua_State *L, const char *msg)
{
    int top = lua_gettop(L);
    if (lua_getfield(L, LUA_REGISTRYINDEX, ZB_REPL_KEY) == LUA_TTABLE &&
        lua_getfield(L, -1, "hint") == LUA_TFUNCTION) {
        lua_pushstring(L, msg);
        if (lua_pcall(L, 1, 1, 0) == LUA_OK && lua_isstring(L, -1))
            fprintf(stderr, "%s\n", lua_tostring(L, -1));
    }
    lua_settop(L, top);
}

/* Prints the error on top of the stack and pops it: [-1, +0, -] */
static void report(lua_State *L)
{
    const char *msg = lua_tostring(L, -1);
    fflush(stdout);
    int interrupted = zb_rline_interrupted();
    if (interrupted)
        fputc('\n', stderr); /* after the ^C the terminal echoed */
    fprintf(stderr, "%s\n", msg ? msg : "(error object is not a string)");
    if (msg && !interrupted)
        print_hint(L, msg);
    fflush(stderr);
    lua_pop(L, 1);
}

/* The results (all of the stack) through pp.results, as one text. */
static int print_results(lua_State *L)
{
    int n = lua_gettop(L);
    zbL_pushpp(L);
    lua_getfield(L, -1, "results");
    lua_createtable(L, 0, 3);
    lua_pushinteger(L, zb_rline_columns());
    lua_setfield(L, -2, "width");
    int lines = zb_rline_lines() - 4;
    lua_pushinteger(L, lines < 20 ? 20 : lines);
    lua_setfield(L, -2, "max_lines");
    lua_pushboolean(L, 1); /* notes say how to see the rest through _ */
    lua_setfield(L, -2, "hints");
    for (int i = 1; i <= n; i++)
        lua_pushvalue(L, i);
    lua_call(L, n + 1, 1);
    size_t len;
    const char *s = lua_tolstring(L, -1, &len);
    fwrite(s, 1, len, stdout);
    fputc('\n', stdout);
    return 0;
}

static void show_results(lua_State *L)
{
    int n = lua_gettop(L);
    if (n == 0)
        return;
    lua_pushvalue(L, 1);
    lua_setglobal(L, "_"); /* the last result, for the next line */
    lua_pushcfunction(L, print_results);
    lua_insert(L, 1);
    if (docall(L, n, 0) != LUA_OK)
        report(L);
}

/* Is the load status a syntax error at the end of the text? */
static int incomplete(lua_State *L, int status)
{
    if (status != LUA_ERRSYNTAX)
        return 0;
    size_t len;
    const char *msg = lua_tolstring(L, -1, &len);
    size_t mark = sizeof EOFMARK - 1;
    return len >= mark && strcmp(msg + len - mark, EOFMARK) == 0;
}

/* Compiles the text at index 1, first as `return <text>`, then as it is,
 * reading continuation lines while either form is incomplete (so that a
 * table constructor may span lines, not only a statement).  Leaves
 * [text, fn] or [text, message]; returns the load status, or -1 when
 * Ctrl-C dropped the chunk. */
static int load_chunk(lua_State *L)
{
    for (;;) {
        size_t len;
        const char *text = lua_tolstring(L, 1, &len);
        const char *ret = lua_pushfstring(L, "return %s", text);
        int rstatus = luaL_loadbufferx(L, ret, strlen(ret), "=stdin", "t");
        if (rstatus == LUA_OK) {
            lua_remove(L, -2);
            return LUA_OK;
        }
        int more_expr = incomplete(L, rstatus);
        lua_pop(L, 2);
        int status = luaL_loadbufferx(L, text, len, "=stdin", "t");
        if (status == LUA_OK || !(more_expr || incomplete(L, status)))
            return status;
        char *more;
        zb_rl_status got = zb_rline_read(PROMPT2, &more);
        if (got == ZB_RL_CANCEL) {
            lua_settop(L, 0);
            return -1;
        }
        if (got == ZB_RL_EOF)
            return status; /* Ctrl-D: the incomplete chunk's own error */
        lua_pop(L, 1);
        lua_pushliteral(L, "\n");
        lua_pushstring(L, more);
        free(more);
        lua_concat(L, 3);
    }
}

/* lua.c's warning, for people who have not met it: every chunk is its own
 * function, so its locals are gone on the next line. */
static void check_local(const char *text)
{
    text += strspn(text, " \t");
    if (strncmp(text, "local", 5) == 0 && (text[5] == ' ' || text[5] == '\t'))
        fprintf(stderr, "%s", ZB_T("提示：每次输入单独运行，local 变量到下一行就没有了；要留着用，去掉 local。\n",
                                   "note: each input runs on its own, so its locals are gone on the next line; "
                                   "leave out `local` to keep them.\n"));
}

static int is_dot_command(const char *line)
{
    line += strspn(line, " \t");
    return line[0] == '.' && ((line[1] >= 'a' && line[1] <= 'z') || (line[1] >= 'A' && line[1] <= 'Z'));
}

/* Runs a dot-command through repl.lua; returns 1 when it asks to leave. */
static int dot_command(lua_State *L, const char *line)
{
    lua_getfield(L, LUA_REGISTRYINDEX, ZB_REPL_KEY);
    lua_getfield(L, -1, "command");
    lua_remove(L, -2);
    lua_pushstring(L, line);
    if (docall(L, 1, 1) != LUA_OK) {
        report(L);
        return 0;
    }
    int quit = lua_isstring(L, -1) && strcmp(lua_tostring(L, -1), "quit") == 0;
    lua_pop(L, 1);
    return quit;
}

static void repl_loop(lua_State *L)
{
    for (;;) {
        lua_settop(L, 0);
        char *line;
        zb_rl_status got = zb_rline_read(PROMPT, &line);
        if (got == ZB_RL_EOF)
            break;
        if (got == ZB_RL_CANCEL)
            continue;
        if (line[strspn(line, " \t")] == '\0') {
            free(line);
            continue;
        }
        if (is_dot_command(line)) {
            zb_rline_remember(line);
            int quit = dot_command(L, line);
            free(line);
            if (quit)
                return;
            continue;
        }
        lua_pushstring(L, line);
        free(line);
        int status = load_chunk(L);
        if (status < 0)
            continue;
        zb_rline_remember(lua_tostring(L, 1));
        if (status == LUA_OK)
            check_local(lua_tostring(L, 1));
        lua_remove(L, 1);
        if (status == LUA_OK)
            status = docall(L, 0, LUA_MULTRET);
        if (status == LUA_OK)
            show_results(L);
        else
            report(L);
    }
}

/* stdin is not a terminal: run it as one script. */
static int run_stdin(lua_State *L)
{
    luaL_Buffer b;
    luaL_buffinit(L, &b);
    size_t n;
    do {
        char *p = luaL_prepbuffer(&b);
        n = fread(p, 1, LUAL_BUFFERSIZE, stdin);
        luaL_addsize(&b, n);
    } while (n > 0);
    luaL_pushresult(&b);
    size_t len;
    const char *text = lua_tolstring(L, -1, &len);
    if (luaL_loadbufferx(L, text, len, "=stdin", "t") != LUA_OK) {
        zb_host_error("repl", "%s", lua_tostring(L, -1));
        /* A session pasted into a pipe brings its dot-commands along: say
         * why they fail here rather than leave a bare syntax error. */
        for (const char *line = text; line && line < text + len; line = memchr(line, '\n', (size_t)(text + len - line))) {
            if (*line == '\n')
                line++;
            if (line[0] == '.' && ((line[1] >= 'a' && line[1] <= 'z') || (line[1] >= 'A' && line[1] <= 'Z'))) {
                fputs(ZB_T("提示：.indicators、.regions 等点命令只能在终端的交互环境中使用；从管道或文件输入时全部按 Lua 脚本运行，"
                           "请改写为 Lua，如 print(zb.pp(ds:indicators()))。\n",
                           "hint: dot-commands such as .indicators and .regions work only in the interactive session on a terminal; "
                           "input from a pipe or file runs as one Lua script: write Lua instead, e.g. print(zb.pp(ds:indicators())).\n"),
                      stderr);
                break;
            }
        }
        return ZB_EXIT_FAIL;
    }
    lua_remove(L, -2);
    return zb_host_pcall(L, 0) == LUA_OK ? ZB_EXIT_OK : ZB_EXIT_FAIL;
}

/* The history file: $ZHIBIAO_HISTORY, else ~/.zhibiao_history; none when
 * neither is known.  Returns a static buffer or NULL. */
static const char *history_path(void)
{
    static char path[PATH_MAX];
    const char *env = getenv("ZHIBIAO_HISTORY");
    if (env)
        return *env ? env : NULL; /* set but empty: no history */
    const char *home = getenv("HOME");
    if (!home || !*home)
        return NULL;
    snprintf(path, sizeof path, "%s/.zhibiao_history", home);
    return path;
}

/* Chinese typed at the prompt needs a UTF-8 locale for readline (not for
 * Lua, which is byte-clean); when the environment names none, C.UTF-8. */
static void utf8_locale(void)
{
    const char *loc = setlocale(LC_CTYPE, "");
    if (!loc || (!strstr(loc, "UTF-8") && !strstr(loc, "utf8") && !strstr(loc, "UTF8")))
        setlocale(LC_CTYPE, "C.UTF-8");
}

/* The bundled dataset, as the banner suggests opening it (relative to the
 * current directory when it is the installation's). */
static void push_sample_data(lua_State *L)
{
    char probe[PATH_MAX + 32];
    struct stat st;
    snprintf(probe, sizeof probe, "%s/datasets/qixingguan", zb_host_home());
    if (stat(probe, &st) != 0 || !S_ISDIR(st.st_mode)) {
        lua_pushnil(L);
        return;
    }
    struct stat here, home;
    if (stat(".", &here) == 0 && stat(zb_host_home(), &home) == 0 && here.st_dev == home.st_dev &&
        here.st_ino == home.st_ino)
        lua_pushliteral(L, "datasets/qixingguan");
    else
        lua_pushstring(L, probe);
}

/* columns() -> the terminal's width now */
static int l_columns(lua_State *L)
{
    lua_pushinteger(L, zb_rline_columns());
    return 1;
}

/* Loads repl.lua with the options it needs and keeps it in the registry.
 * Leaves the stack as it was; returns 0 or -1 (the error printed). */
static int open_commands(lua_State *L, const options *o, const char *hist)
{
    lua_pushcfunction(L, zbL_pushpp); /* [pp] */
    if (docall(L, 0, 1) != LUA_OK) {
        report(L);
        return -1;
    }
    const char *path = lua_pushfstring(L, "%s/lua/repl.lua", zb_host_home());
    if (luaL_loadfilex(L, path, "t") != LUA_OK) {
        report(L);
        lua_pop(L, 2);
        return -1;
    }
    lua_remove(L, -2); /* [pp, chunk] */
    lua_createtable(L, 0, 4);
    if (o->encoding) {
        lua_pushstring(L, o->encoding);
        lua_setfield(L, -2, "encoding");
    }
    if (hist) {
        lua_pushstring(L, hist);
        lua_setfield(L, -2, "history");
    }
    push_sample_data(L);
    lua_setfield(L, -2, "sample_data");
    lua_pushcfunction(L, l_columns);
    lua_setfield(L, -2, "columns");
    lua_pushvalue(L, -3); /* [pp, chunk, opts, pp] */
    if (docall(L, 2, 1) != LUA_OK) {
        report(L);
        lua_pop(L, 1);
        return -1;
    }
    lua_setfield(L, LUA_REGISTRYINDEX, ZB_REPL_KEY);
    lua_pop(L, 1);
    return 0;
}

/* --data: as for `run`, a dataset with errors is refused with its list. */
static int open_dataset(lua_State *L, const options *o)
{
    zb_dataset *ds = zb_host_load_dataset("repl", o->data, o->encoding, NULL);
    if (!ds)
        return -1;
    zbL_pushdataset(L, ds);
    lua_setglobal(L, "ds");
    return 0;
}

static int parse_args(int argc, char **argv, options *o)
{
    memset(o, 0, sizeof *o);
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        int data = strcmp(a, "--data") == 0, enc = strcmp(a, "--encoding") == 0, lang = strcmp(a, "--lang") == 0;
        if (data || enc || lang) {
            if (i + 1 >= argc) {
                fprintf(stderr, ZB_T("zhibiao repl：%s 后面缺少值\n", "zhibiao repl: %s needs a value\n"), a);
                return -1;
            }
            const char *v = argv[++i];
            if (data)
                o->data = v;
            else if (enc)
                o->encoding = v;
            else if (zb_lang_parse(v) < 0) {
                zb_host_error("repl", "--lang zh|en");
                return -1;
            } else {
                zb_lang_set((zb_lang)zb_lang_parse(v));
            }
        } else if (strcmp(a, "-h") == 0 || strcmp(a, "--help") == 0) {
            return 1;
        } else {
            fprintf(stderr, ZB_T("zhibiao repl：未知选项“%s”\n", "zhibiao repl: unknown option '%s'\n"), a);
            return -1;
        }
    }
    return 0;
}

int zb_cmd_repl(int argc, char **argv)
{
    options o;
    int parsed = parse_args(argc, argv, &o);
    if (parsed == 0 && zb_host_check_encoding("repl", o.encoding) != 0)
        return ZB_EXIT_USAGE;
    if (parsed != 0) {
        /* Asked for (--help): the usage on stdout and success, as every command. */
        usage(parsed > 0 ? stdout : stderr);
        return parsed > 0 ? ZB_EXIT_OK : ZB_EXIT_USAGE;
    }
    lua_State *L = zb_host_newstate();
    if (!L) {
        zb_host_error("repl", "%s", ZB_T("内存不足", "out of memory"));
        return ZB_EXIT_FAIL;
    }
    /* The user's own session: files are written where it runs, as for run. */
    zbL_set_output_dir(L, ".");
    if (o.data && open_dataset(L, &o) != 0) {
        lua_close(L);
        return ZB_EXIT_USAGE;
    }
    int rc = ZB_EXIT_OK;
    if (!isatty(STDIN_FILENO)) {
        rc = run_stdin(L);
        lua_close(L);
        return rc;
    }
    utf8_locale();
    const char *hist = history_path();
    zb_rline_open(L, hist);
    if (open_commands(L, &o, hist) == 0) {
        lua_getfield(L, LUA_REGISTRYINDEX, ZB_REPL_KEY);
        lua_getfield(L, -1, "banner");
        lua_remove(L, -2);
        if (docall(L, 0, 0) != LUA_OK)
            report(L);
        repl_loop(L);
    } else {
        rc = ZB_EXIT_FAIL;
    }
    zb_rline_close();
    lua_close(L);
    return rc;
}
