#include "zb_host.h"

#include <lauxlib.h>
#include <limits.h>
#include <lualib.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "lzb.h"
#include "zb_lang.h"
#include "zb_load.h"
#include "zb_reader.h"
#include "zb_sandbox.h"

static int is_dir(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

static int is_file(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

const char *zb_host_home(void)
{
    static char home[2 * PATH_MAX];
    if (home[0])
        return home;
    const char *env = getenv("ZHIBIAO_HOME");
    if (env && *env) {
        snprintf(home, sizeof home, "%s", env);
        return home;
    }
    char exe[PATH_MAX];
    ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    if (n > 0) {
        exe[n] = '\0';
        char *slash = strrchr(exe, '/');
        if (slash)
            *slash = '\0';
        char probe[PATH_MAX + 32];
        snprintf(probe, sizeof probe, "%s/scripts", exe);
        if (is_dir(probe)) {
            snprintf(home, sizeof home, "%s", exe);
            return home;
        }
        snprintf(probe, sizeof probe, "%s/../share/zhibiao", exe);
        if (is_dir(probe)) {
            snprintf(home, sizeof home, "%s", probe);
            return home;
        }
    }
    snprintf(home, sizeof home, ".");
    return home;
}

static char *try_path(const char *dir, const char *name, const char *suffix)
{
    size_t n = strlen(dir) + strlen(name) + strlen(suffix) + 2;
    char *p = malloc(n);
    if (!p)
        return NULL;
    snprintf(p, n, "%s%s%s%s", dir, *dir ? "/" : "", name, suffix);
    if (is_file(p))
        return p;
    free(p);
    return NULL;
}

char *zb_host_find_script(const char *name)
{
    char *p = try_path("", name, "");
    if (p)
        return p;
    if (strchr(name, '/'))
        return NULL; /* a path that does not exist is not a bundled name */
    const char *subdirs[] = {"scripts", "scripts/reports", NULL};
    const char *path = getenv("ZHIBIAO_PATH");
    if (path && *path) {
        char *copy = strdup(path);
        for (char *dir = copy ? strtok(copy, ":") : NULL; dir; dir = strtok(NULL, ":")) {
            if ((p = try_path(dir, name, ".lua")) || (p = try_path(dir, name, ""))) {
                free(copy);
                return p;
            }
        }
        free(copy);
    }
    for (int i = 0; subdirs[i]; i++) {
        char dir[PATH_MAX + 32];
        snprintf(dir, sizeof dir, "%s/%s", zb_host_home(), subdirs[i]);
        if ((p = try_path(dir, name, ".lua")))
            return p;
    }
    return NULL;
}

lua_State *zb_host_newstate(void)
{
    /* Through a byte budget, so that zb.sandbox.call can limit memory. */
    lua_State *L = zb_sandbox_newstate();
    if (!L)
        return NULL;
    luaL_openlibs(L);
    luaL_requiref(L, "zb", luaopen_zb, 1);
    lua_pop(L, 1);
    /* Scripts `require` the bundled Lua library by name. */
    lua_getglobal(L, "package");
    lua_pushfstring(L, "%s/lua/?.lua;%s/scripts/lib/?.lua;./?.lua", zb_host_home(), zb_host_home());
    lua_setfield(L, -2, "path");
    lua_pop(L, 1);
    return L;
}

static int traceback(lua_State *L)
{
    const char *msg = lua_tostring(L, 1);
    if (!msg) {
        if (luaL_callmeta(L, 1, "__tostring") && lua_type(L, -1) == LUA_TSTRING)
            return 1;
        msg = lua_pushfstring(L, "(error object is a %s value)", luaL_typename(L, 1));
    }
    luaL_traceback(L, L, msg, 1);
    return 1;
}

int zb_host_pcall(lua_State *L, int nargs)
{
    int base = lua_gettop(L) - nargs;
    lua_pushcfunction(L, traceback);
    lua_insert(L, base);
    int status = lua_pcall(L, nargs, 0, base);
    if (status != LUA_OK) {
        fprintf(stderr, "zhibiao: %s\n", lua_tostring(L, -1));
        lua_pop(L, 1);
    }
    lua_remove(L, base);
    return status;
}

void zb_host_error(const char *command, const char *fmt, ...)
{
    fprintf(stderr, ZB_T("zhibiao %s：", "zhibiao %s: "), command);
    va_list ap;
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputc('\n', stderr);
}

int zb_host_check_encoding(const char *command, const char *encoding)
{
    if (!encoding || zb_encoding_name(encoding))
        return 0;
    zb_host_error(command, ZB_T("不支持 --encoding %s：可用 %s", "--encoding %s is not supported: use %s"),
                  encoding, zb_encoding_list());
    return -1;
}

zb_dataset *zb_host_load_dataset(const char *command, const char *dir, const char *encoding,
                                 const char *not_done)
{
    zb_load_options opt;
    memset(&opt, 0, sizeof opt);
    opt.encoding = encoding;
    zb_diags *diags = zb_diags_new();
    zb_dataset *ds = diags ? zb_dataset_load(dir, &opt, diags) : NULL;
    if (!ds || zb_diags_errors(diags) > 0) {
        if (diags)
            zb_diags_print(diags, stderr, 1);
        if (not_done)
            zb_host_error(command, ZB_T("数据集 %s 有错误，%s（详见 zhibiao validate）",
                                        "dataset %s has errors; %s (see zhibiao validate)"), dir, not_done);
        else
            zb_host_error(command, ZB_T("数据集 %s 有错误（详见 zhibiao validate）",
                                        "dataset %s has errors (see zhibiao validate)"), dir);
        zb_dataset_free(ds);
        ds = NULL;
    }
    zb_diags_free(diags);
    return ds;
}
