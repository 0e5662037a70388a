/* zb_host — the command line's shared pieces: where bundled scripts live,
 * a Lua state with the zb module, running a chunk with a traceback.
 *
 * Ownership: zb_host_home returns a static string; zb_host_find_script
 * allocates its result (caller frees); zb_host_newstate returns a state the
 * caller closes with lua_close.
 */
#ifndef ZB_HOST_H
#define ZB_HOST_H

#include <lua.h>

#include "zb_dataset.h"

/* Exit statuses of the command line (DESIGN.md): 0 ok, 1 the checks or a
 * script failed, 2 bad usage or bad data. */
enum { ZB_EXIT_OK = 0, ZB_EXIT_FAIL = 1, ZB_EXIT_USAGE = 2 };

/* The installation's share directory: the one holding scripts/ and lua/
 * (beside the binary in a build tree, PREFIX/share/zhibiao when installed,
 * or $ZHIBIAO_HOME). */
const char *zb_host_home(void);
/* Resolves a script given by path or by bundled name ("plan_table"); NULL
 * when not found. */
char *zb_host_find_script(const char *name);
/* A new Lua state with the standard libraries, `zb` as a global and in
 * package.loaded, and package.path pointing at the bundled Lua library. */
lua_State *zb_host_newstate(void);
/* Runs the function on top of the stack (with nargs arguments below it)
 * under a traceback handler; on error prints "zhibiao: <traceback>" to
 * stderr.  Returns the lua_pcall status: [-(nargs+1), +0, -] */
int zb_host_pcall(lua_State *L, int nargs);

/* Checks the value of --encoding (NULL: not given): 0 when it is one the
 * reader accepts (zb_encoding_name), else -1 after printing, as command,
 * the accepted ones. */
/* Loads a dataset for a command.  When it has errors, prints them and
 * "zhibiao COMMAND：数据集 DIR 有错误，NOT_DONE（详见 zhibiao validate）"
 * (NOT_DONE may be NULL) and returns NULL.  The caller frees the dataset
 * with zb_dataset_free. */
zb_dataset *zb_host_load_dataset(const char *command, const char *dir, const char *encoding,
                                 const char *not_done);
int zb_host_check_encoding(const char *command, const char *encoding);

/* Prints a command's error to stderr in the one form every command uses:
 * "zhibiao COMMAND：message" in Chinese, "zhibiao COMMAND: message" in
 * English; the newline is added. */
void zb_host_error(const char *command, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;

/* Subcommands. */
int zb_cmd_validate(int argc, char **argv);
int zb_cmd_run(int argc, char **argv);
int zb_cmd_progress(int argc, char **argv);
int zb_cmd_consistency(int argc, char **argv);
int zb_cmd_project(int argc, char **argv);
int zb_cmd_rollup(int argc, char **argv);
int zb_cmd_report(int argc, char **argv);
int zb_cmd_import(int argc, char **argv);
int zb_cmd_repl(int argc, char **argv);
int zb_cmd_check(int argc, char **argv);
int zb_cmd_test(int argc, char **argv);
int zb_cmd_new_check(int argc, char **argv);

#endif
