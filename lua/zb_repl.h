/* zb_repl — the parts of the interactive environment (zhibiao repl):
 *
 *   zb_repl.c     the command, the read-eval-print loop, dot-commands
 *   zb_rline.c    line input (libreadline), history file, Ctrl-C
 *   zb_complete.c what Tab offers: globals, fields, methods, codes
 *   repl.lua      the dot-commands themselves (Lua side)
 *
 * Ownership: zb_rline_read returns a line the caller frees with free();
 * the Lua state given to zb_rline_open and zb_rline_running is borrowed
 * (the caller keeps it open until zb_rline_close).
 */
#ifndef ZB_REPL_H
#define ZB_REPL_H

#include <lua.h>

/* Registry key of the dot-command module (repl.lua), which the completer
 * asks for command names. */
#define ZB_REPL_KEY "zb.repl"

/* What zb_rline_read got. */
typedef enum { ZB_RL_LINE, ZB_RL_EOF, ZB_RL_CANCEL } zb_rl_status;

/* Sets up readline (completion against L, history from histfile, which may
 * be NULL for none) and the SIGINT handler.  Returns 0, or -1 when the
 * history file cannot be used (the REPL then runs without one). */
int zb_rline_open(lua_State *L, const char *histfile);
/* Restores the terminal and the signal handlers. */
void zb_rline_close(void);
/* Shows prompt and reads a line.  ZB_RL_LINE: *line is set (caller frees);
 * ZB_RL_EOF: Ctrl-D on an empty line or end of input; ZB_RL_CANCEL: Ctrl-C
 * cleared the line. */
zb_rl_status zb_rline_read(const char *prompt, char **line);
/* Keeps text (a whole chunk, possibly of several lines) in the history and
 * appends it to the history file. */
void zb_rline_remember(const char *text);
/* While L is given, Ctrl-C stops the Lua code running in it (a hook, as
 * lua.c does); NULL when the chunk has ended.  A Ctrl-C that arrived since
 * the last zb_rline_read also stops the chunk at once. */
void zb_rline_running(lua_State *L);
/* Did Ctrl-C stop the last chunk? */
int zb_rline_interrupted(void);
/* The terminal's width in columns (80 when unknown). */
int zb_rline_columns(void);
/* The terminal's height in lines (24 when unknown). */
int zb_rline_lines(void);

/* Pushes an array of the completions of line[start..end) (the word before
 * the cursor), each a full replacement for the word; never raises.
 * Returns 1 when file names suit the place (inside a string, after a
 * dot-command) should nothing else match: [-0, +1, m] */
int zb_complete_push(lua_State *L, const char *line, int start, int end);
/* The characters that end a word for completion at line[point]: Lua's
 * operators in code, only blanks and quotes in a string or after a
 * dot-command.  Returns a static string. */
const char *zb_complete_breaks(const char *line, int point);

#endif
