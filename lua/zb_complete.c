/* Tab completion for the REPL: what to offer for the word before the cursor.
 *
 *   pri        globals and Lua keywords        -> print(
 *   zb.op      fields of a table               -> zb.open(
 *   ds:val     methods, from the metatable's   -> ds:value(
 *              __index (any userdata or table
 *              whose metatable has one; s:ca
 *              -> s:cagr( for a series)
 *   "gd        inside a string, with a dataset -> "gdp"
 *              as `ds`: region, indicator and
 *              plan codes
 *   .ind       dot-commands at the line start  -> .indicators
 *
 * Only names are looked up (a.b.c); nothing with a call or an index
 * expression is evaluated, so pressing Tab never runs the user's code
 * (beyond an __index metamethod on the path).  The lookup runs under
 * lua_pcall: an error there means no completions, never a lost session.
 */
#include <lauxlib.h>
#include <string.h>

#include "lzb.h"
#include "zb_repl.h"

static const char *const keywords[] = {
    "and", "break", "do", "else", "elseif", "end", "false", "for", "function", "goto", "if",
    "in", "local", "nil", "not", "or", "repeat", "return", "then", "true", "until", "while", NULL,
};

static int is_ident_start(int c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_'; }
static int is_ident_char(int c) { return is_ident_start(c) || (c >= '0' && c <= '9'); }

static int is_ident(const char *s, size_t len)
{
    if (len == 0 || !is_ident_start((unsigned char)s[0]))
        return 0;
    for (size_t i = 1; i < len; i++)
        if (!is_ident_char((unsigned char)s[i]))
            return 0;
    return 1;
}

/* Adds the identifier-named fields of the value at idx to the set at `set`
 * (name -> suffix: "(" for functions).  With methods_only, only functions.
 * Follows __index tables, as method lookup does; when __index is a function
 * (series and frames have one, for s[2020] and f[1]), the functions in the
 * tables among its upvalues and in the metatable are offered.
 * [-0, +0, e] */
static void collect(lua_State *L, int idx, int set, int methods_only, int depth)
{
    idx = lua_absindex(L, idx);
    if (depth > 4)
        return;
    if (lua_type(L, idx) == LUA_TTABLE) {
        lua_pushnil(L);
        while (lua_next(L, idx)) {
            size_t len;
            int is_fn = lua_type(L, -1) == LUA_TFUNCTION;
            if (lua_type(L, -2) == LUA_TSTRING && (is_fn || !methods_only)) {
                const char *k = lua_tolstring(L, -2, &len);
                if (is_ident(k, len) && !(depth > 0 && methods_only == 2 && k[0] == '_')) {
                    lua_pushvalue(L, -2);
                    lua_pushstring(L, is_fn ? "(" : "");
                    lua_rawset(L, set);
                }
            }
            lua_pop(L, 1);
        }
    }
    if (lua_getmetatable(L, idx)) {
        lua_pushliteral(L, "__index");
        int t = lua_rawget(L, -2);
        if (t == LUA_TTABLE) {
            collect(L, -1, set, methods_only, depth + 1);
        } else if (t == LUA_TFUNCTION) {
            /* An __index function (so that s[2020] works too) usually
             * keeps its methods in a table among its upvalues, or in the
             * metatable itself. */
            for (int up = 1; up <= 8 && lua_getupvalue(L, -1, up); up++) {
                if (lua_istable(L, -1))
                    collect(L, -1, set, 2, depth + 1);
                lua_pop(L, 1);
            }
            collect(L, -2, set, 2, depth + 1); /* the metatable, no __names */
        }
        lua_pop(L, 2);
    }
}

/* Adds the codes of the dataset `ds` (regions, indicators, plans) that a
 * string being typed may be meant to hold.  [-0, +0, e] */
static void collect_codes(lua_State *L, int set, const char *close)
{
    static const char *const lists[][2] = {{"regions", "code"}, {"indicators", "code"}, {"plans", "plan"}};
    if (lua_getglobal(L, "ds") != LUA_TUSERDATA || !luaL_testudata(L, -1, ZB_DATASET_MT)) {
        lua_pop(L, 1);
        return;
    }
    int ds = lua_gettop(L);
    for (size_t i = 0; i < sizeof lists / sizeof lists[0]; i++) {
        lua_getfield(L, ds, lists[i][0]);
        lua_pushvalue(L, ds);
        lua_call(L, 1, 1);
        lua_Integer n = luaL_len(L, -1);
        for (lua_Integer k = 1; k <= n; k++) {
            lua_geti(L, -1, k);
            if (lua_getfield(L, -1, lists[i][1]) == LUA_TSTRING) {
                lua_pushstring(L, close);
                lua_rawset(L, set);
            } else {
                lua_pop(L, 1);
            }
            lua_pop(L, 1);
        }
        lua_pop(L, 1);
    }
    lua_pop(L, 1);
}

/* The quote character of the string open at pos, or 0. */
static char string_at(const char *line, int pos)
{
    char quote = 0;
    for (int i = 0; i < pos; i++) {
        char c = line[i];
        if (quote) {
            if (c == '\\' && i + 1 < pos)
                i++;
            else if (c == quote)
                quote = 0;
        } else if (c == '"' || c == '\'') {
            quote = c;
        } else if (c == '-' && line[i + 1] == '-') {
            return 0; /* a comment */
        }
    }
    return quote;
}

/* The quote character of the string the word at `start` opens, or 0. */
static char opened_string(const char *line, int start)
{
    char quote = string_at(line, start);
    return quote && start > 0 && line[start - 1] == quote ? quote : 0;
}

const char *zb_complete_breaks(const char *line, int point)
{
    size_t lead = strspn(line, " \t");
    if (line[lead] == '.' || string_at(line, point))
        return " \t\n\"'"; /* file names and codes: data/x-1.csv, qxg-14fyp */
    return " \t\n\"'`<>=;+-*/%^~#&|,()[]{}"; /* '.' and ':' stay: ds:val */
}

/* complete(line, start, end) -> array of replacements, files wanted */
static int l_complete(lua_State *L)
{
    size_t linelen;
    const char *line = luaL_checklstring(L, 1, &linelen);
    lua_Integer start = luaL_checkinteger(L, 2), end = luaL_checkinteger(L, 3);
    luaL_argcheck(L, 0 <= start && start <= end && (size_t)end <= linelen, 2, "bad word");
    const char *word = line + start;
    size_t wlen = (size_t)(end - start);
    lua_newtable(L); /* 4: name -> suffix */
    int set = 4;
    size_t lead = strspn(line, " \t");
    int files = 0;
    const char *stem = word; /* what each name follows in the result */
    size_t stemlen = 0;
    const char *prefix = word;
    size_t prefixlen = wlen;

    char quote = opened_string(line, (int)start);
    if (quote) {
        char close[2] = {quote, 0};
        collect_codes(L, set, close);
        files = 1;
    } else if ((size_t)start == lead && wlen > 0 && word[0] == '.') {
        if (lua_getfield(L, LUA_REGISTRYINDEX, ZB_REPL_KEY) == LUA_TTABLE &&
            lua_getfield(L, -1, "commands") == LUA_TTABLE) {
            lua_Integer n = luaL_len(L, -1);
            for (lua_Integer k = 1; k <= n; k++) {
                lua_geti(L, -1, k);
                lua_pushliteral(L, " ");
                lua_rawset(L, set);
            }
        }
        stem = word;
        stemlen = 1;
        prefix = word + 1;
        prefixlen = wlen - 1;
    } else if (lead < linelen && line[lead] == '.') {
        files = 1; /* an argument of a dot-command: .data DIR */
    } else {
        const char *sep = NULL;
        for (const char *p = word; p < word + wlen; p++)
            if (*p == '.' || *p == ':')
                sep = p;
        if (!sep) {
            lua_pushglobaltable(L);
            collect(L, -1, set, 0, 0);
            lua_pop(L, 1);
            for (int k = 0; keywords[k]; k++) {
                lua_pushstring(L, keywords[k]);
                lua_pushliteral(L, "");
                lua_rawset(L, set);
            }
        } else {
            /* Resolve the path a.b.c before the last separator. */
            lua_pushglobaltable(L);
            const char *p = word;
            while (p < sep) {
                const char *q = p;
                while (q < sep && *q != '.' && *q != ':')
                    q++;
                if (!is_ident(p, (size_t)(q - p)) || (q < sep && *q == ':'))
                    return 0; /* not a plain name: offer nothing */
                int t = lua_type(L, -1);
                if (t != LUA_TTABLE && t != LUA_TUSERDATA)
                    return 0;
                lua_pushlstring(L, p, (size_t)(q - p));
                lua_gettable(L, -2);
                lua_remove(L, -2);
                p = q + 1;
            }
            collect(L, -1, set, *sep == ':', 0);
            lua_pop(L, 1);
            stem = word;
            stemlen = (size_t)(sep - word) + 1;
            prefix = sep + 1;
            prefixlen = wlen - stemlen;
        }
        for (size_t i = 0; i < prefixlen; i++)
            if (!is_ident_char((unsigned char)prefix[i]))
                return 0;
    }

    lua_settop(L, set);
    lua_newtable(L); /* 5: the result */
    lua_Integer n = 0;
    int show_hidden = prefixlen > 0 && prefix[0] == '_';
    lua_pushnil(L);
    while (lua_next(L, set)) {
        size_t klen;
        const char *k = lua_tolstring(L, -2, &klen);
        if (klen >= prefixlen && memcmp(k, prefix, prefixlen) == 0 &&
            (show_hidden || !(k[0] == '_' && k[1] == '_'))) {
            lua_pushlstring(L, stem, stemlen);
            lua_pushvalue(L, -3);
            lua_pushvalue(L, -3);
            lua_concat(L, 3);
            lua_rawseti(L, 5, ++n);
        }
        lua_pop(L, 1);
    }
    lua_pushboolean(L, files);
    return 2;
}

int zb_complete_push(lua_State *L, const char *line, int start, int end)
{
    lua_pushcfunction(L, l_complete);
    lua_pushstring(L, line);
    lua_pushinteger(L, start);
    lua_pushinteger(L, end);
    if (lua_pcall(L, 3, 2, 0) != LUA_OK) {
        lua_pop(L, 1);
        lua_newtable(L);
        return 0;
    }
    int files = lua_toboolean(L, -1);
    lua_pop(L, 1);
    if (!lua_istable(L, -1)) { /* an early return: nothing to offer */
        lua_pop(L, 1);
        lua_newtable(L);
    }
    return files;
}
