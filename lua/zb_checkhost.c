#include "zb_checkhost.h"

#include <dirent.h>
#include <errno.h>
#include <lauxlib.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "lzb.h"
#include "zb_host.h"
#include "zb_lang.h"
#include "zb_load.h"
#include "zb_opts.h"
#include "zb_outfile.h"

int zb_checkhost_isdir(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

static int is_file(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

int zb_checkdirs_add(zb_checkdirs *d, const char *path, const char *origin)
{
    if (d->n == d->cap) {
        int cap = d->cap ? d->cap * 2 : 8;
        char **p = realloc(d->paths, (size_t)cap * sizeof *p);
        if (!p)
            return -1;
        d->paths = p;
        const char **o = realloc(d->origins, (size_t)cap * sizeof *o);
        if (!o)
            return -1;
        d->origins = o;
        d->cap = cap;
    }
    size_t len = strlen(path);
    while (len > 1 && path[len - 1] == '/')
        len--;
    char *copy = malloc(len + 1);
    if (!copy)
        return -1;
    memcpy(copy, path, len);
    copy[len] = '\0';
    d->paths[d->n] = copy;
    d->origins[d->n] = origin;
    d->n++;
    return 0;
}

int zb_checkdirs_default(zb_checkdirs *d)
{
    char buf[8192];
    snprintf(buf, sizeof buf, "%s/scripts/checks", zb_host_home());
    if (zb_checkhost_isdir(buf) && zb_checkdirs_add(d, buf, "bundled") != 0)
        return -1;
    const char *env = getenv("ZHIBIAO_PATH");
    if (!env || !*env)
        return 0;
    char *copy = strdup(env);
    if (!copy)
        return -1;
    int rc = 0;
    char *save = NULL;
    for (char *dir = strtok_r(copy, ":", &save); dir && rc == 0; dir = strtok_r(NULL, ":", &save)) {
        /* A bureau folder may hold its checks in checks/ beside its other
         * scripts, or be a check folder itself. */
        snprintf(buf, sizeof buf, "%s/checks", dir);
        rc = zb_checkdirs_add(d, zb_checkhost_isdir(buf) ? buf : dir, "ZHIBIAO_PATH");
    }
    free(copy);
    return rc;
}

void zb_checkdirs_free(zb_checkdirs *d)
{
    for (int i = 0; i < d->n; i++)
        free(d->paths[i]);
    free(d->paths);
    free(d->origins);
    memset(d, 0, sizeof *d);
}

void zb_checkdirs_push(lua_State *L, const zb_checkdirs *d)
{
    lua_createtable(L, d->n, 0);
    for (int i = 0; i < d->n; i++) {
        lua_createtable(L, 0, 2);
        lua_pushstring(L, d->paths[i]);
        lua_setfield(L, -2, "path");
        lua_pushstring(L, d->origins[i]);
        lua_setfield(L, -2, "origin");
        lua_rawseti(L, -2, i + 1);
    }
}

/* ---- host functions (trusted: given to the runner, never to a check) ---- */

typedef struct dirent_row {
    char *name;
    int dir;
} dirent_row;

static int cmp_rows(const void *a, const void *b)
{
    return strcmp(((const dirent_row *)a)->name, ((const dirent_row *)b)->name);
}

/* host.listdir(path) -> {{name =, dir = bool}, ...} sorted by name (hidden
 * names left out) | nil, message */
static int l_listdir(lua_State *L)
{
    const char *path = luaL_checkstring(L, 1);
    DIR *dir = opendir(path);
    if (!dir) {
        luaL_pushfail(L);
        lua_pushfstring(L, "%s: %s", path, strerror(errno));
        return 2;
    }
    dirent_row *rows = NULL;
    size_t n = 0, cap = 0;
    struct dirent *de;
    int oom = 0;
    while ((de = readdir(dir)) != NULL) {
        if (de->d_name[0] == '.')
            continue;
        if (n == cap) {
            cap = cap ? cap * 2 : 32;
            dirent_row *p = realloc(rows, cap * sizeof *p);
            if (!p) {
                oom = 1;
                break;
            }
            rows = p;
        }
        size_t plen = strlen(path) + strlen(de->d_name) + 2;
        char *full = malloc(plen);
        rows[n].name = strdup(de->d_name);
        if (!full || !rows[n].name) {
            free(full);
            free(rows[n].name);
            oom = 1;
            break;
        }
        snprintf(full, plen, "%s/%s", path, de->d_name);
        rows[n].dir = zb_checkhost_isdir(full);
        free(full);
        n++;
    }
    closedir(dir);
    if (!oom)
        qsort(rows, n, sizeof *rows, cmp_rows);
    /* Build the table only after the C memory is accounted for, so that a
     * Lua memory error cannot leak it: copy names first, then free. */
    if (!oom) {
        lua_createtable(L, (int)n, 0);
        for (size_t i = 0; i < n; i++) {
            lua_createtable(L, 0, 2);
            lua_pushstring(L, rows[i].name);
            lua_setfield(L, -2, "name");
            lua_pushboolean(L, rows[i].dir);
            lua_setfield(L, -2, "dir");
            lua_rawseti(L, -2, (lua_Integer)i + 1);
        }
    }
    for (size_t i = 0; i < n; i++)
        free(rows[i].name);
    free(rows);
    if (oom)
        return luaL_error(L, "out of memory");
    return 1;
}

/* The file of a kind in the case folder, else in the fixtures folder
 * (.csv or .csv.gz); NULL when neither has it.  Caller frees. */
static char *fixture_file(const char *case_dir, const char *root, int kind)
{
    const char *dirs[2] = {case_dir, root};
    const char *exts[2] = {".csv", ".csv.gz"};
    for (int d = 0; d < 2; d++) {
        if (!dirs[d])
            continue;
        for (int e = 0; e < 2; e++) {
            size_t len = strlen(dirs[d]) + strlen(zb_file_kind_name((zb_file_kind)kind)) + strlen(exts[e]) + 2;
            char *p = malloc(len);
            if (!p)
                return NULL;
            snprintf(p, len, "%s/%s%s", dirs[d], zb_file_kind_name((zb_file_kind)kind), exts[e]);
            if (is_file(p))
                return p;
            free(p);
        }
    }
    return NULL;
}

/* Loads a fixture: each file from the case folder, else from the fixtures
 * folder beside it (so that cases share regions and indicators).  Mirrors
 * zb_dataset_load's order.  Returns the dataset (also with errors; the
 * caller checks diags) or NULL when out of memory. */
static zb_dataset *load_fixture(const char *case_dir, const char *root, zb_diags *diags)
{
    zb_dataset *ds = zb_dataset_new();
    if (!ds)
        return NULL;
    ds->dir = strdup(case_dir);
    char *files[ZB_FILE_COUNT];
    for (int k = 0; k < ZB_FILE_COUNT; k++)
        files[k] = fixture_file(case_dir, root, k);
    zb_load_options opt;
    memset(&opt, 0, sizeof opt);
    for (int k = 0; k < ZB_FILE_COUNT; k++) {
        if (!files[k]) {
            if (k <= ZB_FILE_INDICATORS)
                zb_diag_add(diags, ZB_ERROR, case_dir, 0, 0, ZB_T("缺少 %s.csv（样例文件夹及其上一级都没有）",
                                                                   "%s.csv is missing (neither in the case nor beside it)"),
                            zb_file_kind_name((zb_file_kind)k));
            continue;
        }
        zb_load_file(ds, (zb_file_kind)k, files[k], &opt, diags);
        if (k == ZB_FILE_INDICATORS)
            zb_dataset_finish(ds, files[ZB_FILE_REGIONS], files[ZB_FILE_INDICATORS], diags);
    }
    if (!files[ZB_FILE_INDICATORS])
        zb_dataset_finish(ds, files[ZB_FILE_REGIONS], NULL, diags);
    else if (zb_obs_build_index(&ds->obs, ds->regions.count, ds->indicators.count) != 0)
        zb_diag_add(diags, ZB_ERROR, "", 0, 0, "%s", ZB_T("内存不足", "out of memory"));
    for (int k = 0; k < ZB_FILE_COUNT; k++)
        free(files[k]);
    return ds;
}

/* host.open_fixture(case_dir, fixtures_dir) -> dataset | nil, problems text */
static int l_open_fixture(lua_State *L)
{
    const char *case_dir = luaL_checkstring(L, 1);
    const char *root = luaL_optstring(L, 2, NULL);
    zb_diags *diags = zb_diags_new();
    if (!diags)
        return luaL_error(L, "out of memory");
    zb_dataset *ds = load_fixture(case_dir, root, diags);
    if (!ds) {
        zb_diags_free(diags);
        return luaL_error(L, "out of memory");
    }
    if (zb_diags_errors(diags) > 0) {
        char *buf = NULL;
        size_t len = 0;
        FILE *mem = open_memstream(&buf, &len);
        if (mem) {
            zb_diags_print(diags, mem, 0);
            fclose(mem);
        }
        zb_dataset_free(ds);
        zb_diags_free(diags);
        luaL_pushfail(L);
        lua_pushlstring(L, buf ? buf : "", buf ? len : 0);
        free(buf);
        return 2;
    }
    zb_diags_free(diags);
    zbL_pushdataset(L, ds);
    return 1;
}

static const luaL_Reg host_funcs[] = {
    {"listdir", l_listdir},
    {"open_fixture", l_open_fixture},
    {NULL, NULL},
};

void zb_checkhost_pushhost(lua_State *L)
{
    luaL_newlib(L, host_funcs);
}

lua_State *zb_checkhost_newstate(void)
{
    lua_State *L = zb_host_newstate();
    if (!L)
        return NULL;
    /* A check never writes files: findings are data the host renders. */
    zbL_set_output_dir(L, NULL);
    return L;
}

static int traceback(lua_State *L)
{
    const char *msg = lua_tostring(L, 1);
    luaL_traceback(L, L, msg ? msg : "(error object is not a string)", 1);
    return 1;
}

int zb_checkhost_call(lua_State *L, const char *fn, const char **text, size_t *len)
{
    *text = NULL;
    *len = 0;
    int opts = lua_gettop(L);
    lua_pushcfunction(L, traceback);
    lua_getglobal(L, "require");
    lua_pushliteral(L, "check_runner");
    if (lua_pcall(L, 1, 1, opts + 1) != LUA_OK)
        goto fail;
    lua_getfield(L, -1, fn);
    lua_remove(L, -2);
    lua_pushvalue(L, opts);
    if (lua_pcall(L, 1, 2, opts + 1) != LUA_OK)
        goto fail;
    int status = (int)luaL_optinteger(L, -1, ZB_EXIT_USAGE);
    lua_pop(L, 1);
    if (lua_type(L, -1) == LUA_TSTRING) {
        *text = lua_tolstring(L, -1, len);
        lua_replace(L, opts);   /* the text takes the options' slot */
        lua_settop(L, opts);
    } else {
        lua_settop(L, opts - 1);
    }
    return status;
fail:
    zb_host_error(fn, "%s", lua_tostring(L, -1));
    lua_settop(L, opts - 1);
    return ZB_EXIT_USAGE;
}

int zb_checkhost_emit(const char *command, const char *text, size_t len, const char *output)
{
    if (!output || strcmp(output, "-") == 0) {
        if (fwrite(text, 1, len, stdout) != len || fflush(stdout) != 0) {
            zb_host_error(command, "%s", zb_write_strerror(errno));
            return -1;
        }
        return 0;
    }
    char err[512];
    /* As every other command: the folder of -o is made when missing. */
    if (zb_opts_make_parent_dirs(output, err, sizeof err) != 0) {
        zb_host_error(command, "%s", err);
        return -1;
    }
    zb_outfile *o = zb_outfile_open(output, err, sizeof err);
    if (!o) {
        zb_host_error(command, "%s", err);
        return -1;
    }
    if (fwrite(text, 1, len, zb_outfile_stream(o)) != len) {
        zb_host_error(command, ZB_T("写入 %s 失败：%s", "writing %s failed: %s"), output, zb_write_strerror(errno));
        zb_outfile_abort(o);
        return -1;
    }
    if (zb_outfile_commit(o, err, sizeof err) != 0) {
        zb_host_error(command, "%s", err);
        return -1;
    }
    return 0;
}
