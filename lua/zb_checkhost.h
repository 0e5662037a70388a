/* zb_checkhost — what the check commands (check, test, new-check) share: the
 * check folders to search, a Lua state with the check runner
 * (lua/check_runner.lua), the trusted functions the runner needs and Lua
 * lacks (listing a folder, opening a fixture dataset), and writing the
 * rendered text to stdout or to a file atomically.
 *
 * Ownership: zb_checkdirs owns the paths it copied (zb_checkdirs_free);
 * zb_checkhost_newstate returns a state the caller closes with lua_close.
 */
#ifndef ZB_CHECKHOST_H
#define ZB_CHECKHOST_H

#include <lua.h>
#include <stddef.h>

typedef struct zb_checkdirs {
    char **paths;
    const char **origins;   /* "bundled", "ZHIBIAO_PATH", "--checks", "arg" */
    int n, cap;
} zb_checkdirs;

/* Adds a folder (copied).  Returns 0, or -1 when out of memory. */
int zb_checkdirs_add(zb_checkdirs *d, const char *path, const char *origin);
/* The bundled folder (<home>/scripts/checks), then each ZHIBIAO_PATH entry
 * (its checks/ subfolder when it has one). */
int zb_checkdirs_default(zb_checkdirs *d);
void zb_checkdirs_free(zb_checkdirs *d);
/* Pushes the folders as a list of {path =, origin =}: [-0, +1, m] */
void zb_checkdirs_push(lua_State *L, const zb_checkdirs *d);

/* Is path an existing directory? */
int zb_checkhost_isdir(const char *path);

/* A state with the zb module, no output directory (checks never write
 * files); NULL when out of memory. */
lua_State *zb_checkhost_newstate(void);
/* Pushes the runner's host table (listdir, open_fixture): [-0, +1, m] */
void zb_checkhost_pushhost(lua_State *L);

/* Calls check_runner[fn](opts) with the options table on top of the stack
 * (popped).  The runner returns text (or nil) and an exit status; *text
 * points into a string left on the stack (valid until the caller pops it,
 * one value).  On a runner error prints a traceback and returns 2 with
 * *text NULL and nothing left on the stack: [-1, +(0|1), -] */
int zb_checkhost_call(lua_State *L, const char *fn, const char **text, size_t *len);

/* Writes len bytes to stdout (output NULL or "-") or to the file output,
 * atomically.  Returns 0, or -1 after printing why (as `zhibiao COMMAND`). */
int zb_checkhost_emit(const char *command, const char *text, size_t len, const char *output);

#endif
