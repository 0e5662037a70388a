/* Line input for the REPL: libreadline (editing, history, Tab), the
 * history file, and what Ctrl-C does.
 *
 * Readline runs in its callback mode, fed by pselect(), so that Ctrl-C at
 * the prompt can abandon the line (and a pending multi-line chunk) without
 * a longjmp out of readline, as Python's REPL does it.  SIGINT is blocked
 * except inside pselect: it cannot slip in between the check and the wait.
 *
 * While a chunk runs, Ctrl-C sets a hook that raises an error at the next
 * Lua instruction, as lua.c's laction does.  Unlike lua.c the hook stays
 * set until the chunk has ended, so a pcall inside the user's loop cannot
 * swallow the stop.  A second Ctrl-C before the hook has fired (the code is
 * stuck inside a C function) ends the process, as in lua.c.
 */
#include <errno.h>
#include <fcntl.h>
#include <lauxlib.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/select.h>
#include <unistd.h>

#include <readline/history.h>
#include <readline/readline.h>

#include "zb_lang.h"
#include "zb_repl.h"

/* Entries kept in the history file. */
#define HISTORY_MAX 1000

static lua_State *complete_L;
static char *histfile;
static volatile sig_atomic_t got_sigint, got_sigwinch, hook_fired;
static lua_State *volatile running_L;
static struct sigaction old_sigint, old_sigwinch;

static enum { PENDING, DONE, AT_EOF } line_state;
static char *line_got;

/* Completions of the current Tab press, handed out by next_match. */
static char **cands;
static size_t ncands;

static void stop_hook(lua_State *L, lua_Debug *ar)
{
    (void)ar;
    hook_fired = 1;
    luaL_error(L, "%s", ZB_T("已中断（Ctrl-C）", "interrupted (Ctrl-C)"));
}

static void arm(lua_State *L)
{
    lua_sethook(L, stop_hook, LUA_MASKCALL | LUA_MASKRET | LUA_MASKLINE | LUA_MASKCOUNT, 1);
}

static void on_sigint(int sig)
{
    lua_State *L = running_L;
    if (L && got_sigint && !hook_fired) {
        static const char msg[] = "\nzhibiao: 中断 / interrupted\n";
        ssize_t w = write(STDERR_FILENO, msg, sizeof msg - 1);
        (void)w;
        signal(sig, SIG_DFL);
        raise(sig); /* delivered when this handler returns */
        return;
    }
    got_sigint = 1;
    if (L)
        arm(L); /* lua_sethook may be called from a signal handler */
}

static void on_sigwinch(int sig)
{
    (void)sig;
    got_sigwinch = 1;
}

void zb_rline_running(lua_State *L)
{
    if (L) {
        hook_fired = 0;
        running_L = L;
        if (got_sigint)
            arm(L); /* Ctrl-C came before the chunk started */
    } else {
        lua_State *was = running_L;
        running_L = NULL;
        if (was)
            lua_sethook(was, NULL, 0, 0);
        got_sigint = 0;
    }
}

static void on_line(char *line)
{
    rl_callback_handler_remove();
    line_got = line;
    line_state = line ? DONE : AT_EOF;
}

zb_rl_status zb_rline_read(const char *prompt, char **line)
{
    sigset_t block, orig;
    sigemptyset(&block);
    sigaddset(&block, SIGINT);
    sigaddset(&block, SIGWINCH);
    sigprocmask(SIG_BLOCK, &block, &orig);
    got_sigint = 0;
    line_state = PENDING;
    line_got = NULL;
    *line = NULL;
    fflush(stdout);
    fflush(stderr);
    rl_callback_handler_install(prompt, on_line);
    int fd = fileno(rl_instream ? rl_instream : stdin);
    zb_rl_status status = ZB_RL_LINE;
    while (line_state == PENDING) {
        fd_set fds;
        FD_ZERO(&fds);
        FD_SET(fd, &fds);
        int r = pselect(fd + 1, &fds, NULL, NULL, NULL, &orig);
        if (got_sigint) {
            /* Ctrl-C: show it after what was typed, drop the line. */
            rl_point = rl_end;
            rl_redisplay();
            fputs("^C", rl_outstream); /* before readline lets go of the terminal */
            fflush(rl_outstream);
            rl_free_line_state();
            rl_callback_sigcleanup();
            rl_callback_handler_remove();
            fputs("\n", stdout);
            got_sigint = 0;
            status = ZB_RL_CANCEL;
            break;
        }
        if (got_sigwinch) {
            got_sigwinch = 0;
            rl_resize_terminal();
        }
        if (r < 0 && errno != EINTR) {
            rl_callback_handler_remove();
            line_state = AT_EOF;
        } else if (r > 0) {
            rl_callback_read_char();
        }
    }
    sigprocmask(SIG_SETMASK, &orig, NULL);
    if (status == ZB_RL_CANCEL)
        return status;
    if (line_state == AT_EOF)
        return ZB_RL_EOF;
    *line = line_got;
    return ZB_RL_LINE;
}

void zb_rline_remember(const char *text)
{
    HIST_ENTRY *last = history_length > 0 ? history_get(history_base + history_length - 1) : NULL;
    if (!*text || (last && strcmp(last->line, text) == 0))
        return; /* no blank entries, no repeats */
    add_history(text);
    if (histfile)
        append_history(1, histfile);
}

/* readline's generator: hands out copies of cands (readline frees them). */
static char *next_match(const char *text, int state)
{
    static size_t i;
    (void)text;
    if (state == 0)
        i = 0;
    return i < ncands ? strdup(cands[i++]) : NULL;
}

static void free_cands(void)
{
    for (size_t i = 0; i < ncands; i++)
        free(cands[i]);
    free(cands);
    cands = NULL;
    ncands = 0;
}

static char **attempt(const char *text, int start, int end)
{
    lua_State *L = complete_L;
    int top = lua_gettop(L);
    int files = zb_complete_push(L, rl_line_buffer, start, end);
    free_cands();
    lua_Integer n = luaL_len(L, -1);
    cands = n > 0 ? calloc((size_t)n, sizeof *cands) : NULL;
    for (lua_Integer i = 1; cands && i <= n; i++) {
        lua_geti(L, -1, i);
        const char *s = lua_tostring(L, -1);
        if (s && (cands[ncands] = strdup(s)) != NULL)
            ncands++;
        lua_pop(L, 1);
    }
    lua_settop(L, top);
    if (ncands == 0 && files) {
        rl_attempted_completion_over = 0; /* readline's own file names */
        return NULL;
    }
    rl_attempted_completion_over = 1;
    rl_completion_suppress_append = 1; /* each candidate carries its own "(" */
    return ncands ? rl_completion_matches(text, next_match) : NULL;
}

/* Lists matches by what follows the last '.' or ':' (value(, not
 * ds:value(), as a shell lists file names without their directory, and
 * codes without their closing quote. */
static void display(char **matches, int n, int max)
{
    (void)max;
    size_t skip = 0;
    const char *w = matches[0];
    for (size_t i = 1; w[i]; i++)
        if (w[i] == '.' || w[i] == ':')
            skip = i + 1;
    char **shown = calloc((size_t)n + 2, sizeof *shown);
    if (!shown)
        return;
    int widest = 0, ok = 1;
    shown[0] = matches[0];
    for (int i = 1; i <= n && ok; i++) {
        const char *m = strlen(matches[i]) >= skip ? matches[i] + skip : matches[i];
        size_t len = strlen(m);
        if (len > 0 && (m[len - 1] == '"' || m[len - 1] == '\''))
            len--;
        ok = (shown[i] = strndup(m, len)) != NULL;
        if ((int)len > widest)
            widest = (int)len;
    }
    if (ok) {
        rl_display_match_list(shown, n, widest);
        rl_forced_update_display();
    }
    for (int i = 1; i <= n; i++)
        free(shown[i]);
    free(shown);
}

static char *word_breaks(void)
{
    /* readline's type has no const; it only reads the string */
    return (char *)(uintptr_t)zb_complete_breaks(rl_line_buffer, rl_point);
}

static void load_history(void)
{
    int fd = open(histfile, O_WRONLY | O_CREAT | O_APPEND, 0600);
    if (fd < 0) {
        fprintf(stderr, ZB_T("zhibiao repl：无法使用历史文件 %s：%s\n", "zhibiao repl: cannot use the history file %s: %s\n"),
                histfile, strerror(errno));
        free(histfile);
        histfile = NULL;
        return;
    }
    close(fd);
    read_history(histfile);
    if (history_length > HISTORY_MAX) {
        stifle_history(HISTORY_MAX);
        write_history(histfile); /* the file keeps the last HISTORY_MAX */
    }
    stifle_history(HISTORY_MAX);
}

int zb_rline_open(lua_State *L, const char *file)
{
    complete_L = L;
    rl_readline_name = "zhibiao";
    rl_catch_signals = 0; /* Ctrl-C is ours, see zb_rline_read */
    rl_catch_sigwinch = 0;
    rl_attempted_completion_function = attempt;
    rl_completion_display_matches_hook = display;
    rl_completion_word_break_hook = word_breaks;
    /* A code's candidate carries its closing quote; readline would add
     * another after the quote that opened the word. */
    rl_basic_quote_characters = "";
    /* Multi-line chunks come back from the file as one entry each. */
    history_comment_char = '#'; /* timestamps start with it, and need one */
    history_write_timestamps = 1;
    history_multiline_entries = 1;
    using_history();
    /* One Tab lists the choices when there are several: people new to
     * readline do not know to press it twice.  Before rl_initialize, so
     * that a personal ~/.inputrc still has the last word. */
    rl_variable_bind("show-all-if-ambiguous", "on");
    rl_initialize(); /* reads the inputrc; the screen size, before the first prompt */
    if (file) {
        histfile = strdup(file);
        if (histfile)
            load_history();
    }
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sigemptyset(&sa.sa_mask);
    sa.sa_handler = on_sigint; /* no SA_RESTART: pselect must see EINTR */
    sigaction(SIGINT, &sa, &old_sigint);
    sa.sa_handler = on_sigwinch;
    sigaction(SIGWINCH, &sa, &old_sigwinch);
    return histfile || !file ? 0 : -1;
}

void zb_rline_close(void)
{
    sigaction(SIGINT, &old_sigint, NULL);
    sigaction(SIGWINCH, &old_sigwinch, NULL);
    free_cands();
    clear_history();
    free(histfile);
    histfile = NULL;
    complete_L = NULL;
}

int zb_rline_interrupted(void) { return hook_fired; }

int zb_rline_columns(void)
{
    int rows = 0, cols = 0;
    rl_get_screen_size(&rows, &cols);
    return cols > 0 ? cols : 80;
}

int zb_rline_lines(void)
{
    int rows = 0, cols = 0;
    rl_get_screen_size(&rows, &cols);
    return rows > 0 ? rows : 24;
}
