/* zb.xlsx.write: Excel workbooks through libxlsxwriter.
 *
 *   zb.xlsx.write(name, {
 *     properties = {title=, subject=, author=, company=, comments=},
 *     styles = {good = {bg="#d3f0dc", color="#0f5c2e", bold=true, align="center"}, ...},
 *     sheets = {
 *       {name = "主要指标", header = {"指标", "基期值（亿元）", ...},
 *        rows = {{"地区生产总值", {v=500.06, d=2}, {t="已实现", s="good"}}, ...},
 *        notes = {"注：……"}, freeze_cols = 1, filter = true, landscape = true},
 *     }}) -> path, {sheet names} | nil, message
 *
 * A cell is a number, a string, nil (blank), or a table: {v = number, d =
 * decimals} is stored as a number with the format 0.00 (so Excel computes
 * with it and shows the indicator's decimals), or with the number format f
 * when given ('0.00"%"', '+0.00"点"'); {t = text} as text; s names a style.
 * A number is stored without a float's noise: rounded to its decimals + 6
 * places (15 significant digits at most), -0 as 0, so that a gap of two
 * equal sums is 0 and not -1.1e-13 ("-0.00" in Excel), while a cell keeps
 * more digits than it shows for Excel to compute with.  Per cell work
 * stays here: formats are made once per
 * (style, decimals, wrap) and shared; column widths come from the display
 * width of the header and every cell (a Chinese character is two columns,
 * about two widths of "0"), capped, with wrapping past the cap.  Sheet names
 * are made valid for Excel (zb_sheetname).  The header row is frozen, has
 * an autofilter and repeats on every printed page; pages are A4.
 *
 * The file is written where zbL_output_path allows, under a temporary name
 * in the same directory (libxlsxwriter writes the file itself at
 * workbook_close) and renamed over the target when complete.
 */
#include <errno.h>
#include <fcntl.h>
#include <lauxlib.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <xlsxwriter.h>

#include "lzb.h"
#include "zb_lang.h"
#include "zb_outfile.h"
#include "zb_sheetname.h"
#include "zb_text.h"

#define XLSX_GUARD_MT "zb.xlsx.guard"

enum { MAX_COLS = 256, MAX_WIDTH = 48, MIN_WIDTH = 6, MAX_FORMATS = 512, MAX_SHEETS = 255 };

/* The workbook under construction, in a userdata so that a Lua error in
 * the middle (a bad argument, out of memory) frees it and removes the
 * temporary file through __gc. */
typedef struct xlsx_guard {
    lxw_workbook *wb;
    char tmp[4096];
    int have_tmp;
} xlsx_guard;

static int guard_gc(lua_State *L)
{
    xlsx_guard *g = luaL_checkudata(L, 1, XLSX_GUARD_MT);
    if (g->wb) {
        lxw_workbook_free(g->wb);
        g->wb = NULL;
    }
    if (g->have_tmp) {
        unlink(g->tmp);
        g->have_tmp = 0;
    }
    zb_outfile_forget(g->tmp); /* no longer removed on a signal: it is gone */
    return 0;
}

typedef struct fmt_entry {
    char style[64];
    char numfmt[160]; /* an explicit number format ("0.00\"%\"", "+0.0000\" 人/亿元/年\";…"), "" when none */
    int decimals;    /* -1: not a number */
    int wrap;
    lxw_format *f;
} fmt_entry;

typedef struct book {
    lua_State *L;
    xlsx_guard *g;
    int styles;     /* stack index of the styles table, 0 when none */
    fmt_entry fmts[MAX_FORMATS];
    int nfmts;
} book;

/* "#RRGGBB" -> colour; raises on anything else. */
static lxw_color_t check_color(lua_State *L, const char *s, const char *style)
{
    if (!s || s[0] != '#' || strlen(s) != 7)
        luaL_error(L, "zb.xlsx.write: style '%s': colour '#RRGGBB' expected, got '%s'", style, s ? s : "nil");
    char *end;
    unsigned long v = strtoul(s + 1, &end, 16);
    if (*end)
        luaL_error(L, "zb.xlsx.write: style '%s': colour '#RRGGBB' expected, got '%s'", style, s);
    return (lxw_color_t)v;
}

/* Applies the fields of the style table on top of the stack to f. */
static void apply_style(lua_State *L, lxw_format *f, const char *name)
{
    if (lua_getfield(L, -1, "bold") == LUA_TBOOLEAN && lua_toboolean(L, -1))
        format_set_bold(f);
    lua_pop(L, 1);
    if (lua_getfield(L, -1, "italic") == LUA_TBOOLEAN && lua_toboolean(L, -1))
        format_set_italic(f);
    lua_pop(L, 1);
    if (lua_getfield(L, -1, "color") == LUA_TSTRING)
        format_set_font_color(f, check_color(L, lua_tostring(L, -1), name));
    lua_pop(L, 1);
    if (lua_getfield(L, -1, "bg") == LUA_TSTRING) {
        format_set_pattern(f, LXW_PATTERN_SOLID);
        format_set_bg_color(f, check_color(L, lua_tostring(L, -1), name));
    }
    lua_pop(L, 1);
    if (lua_getfield(L, -1, "border") == LUA_TSTRING) {
        format_set_border(f, LXW_BORDER_THIN);
        format_set_border_color(f, check_color(L, lua_tostring(L, -1), name));
    }
    lua_pop(L, 1);
    if (lua_getfield(L, -1, "size") == LUA_TNUMBER)
        format_set_font_size(f, lua_tonumber(L, -1));
    lua_pop(L, 1);
    if (lua_getfield(L, -1, "align") == LUA_TSTRING) {
        const char *a = lua_tostring(L, -1);
        format_set_align(f, strcmp(a, "center") == 0 ? LXW_ALIGN_CENTER
                            : strcmp(a, "right") == 0 ? LXW_ALIGN_RIGHT : LXW_ALIGN_LEFT);
    }
    lua_pop(L, 1);
    if (lua_getfield(L, -1, "wrap") == LUA_TBOOLEAN && lua_toboolean(L, -1))
        format_set_text_wrap(f);
    lua_pop(L, 1);
}

/* The styles every workbook has unless the caller redefines them: the
 * header row, an ordinary cell, a note under a table. */
static void builtin_style(lua_State *L, lxw_format *f, const char *style)
{
    if (strcmp(style, "header") == 0) {
        format_set_bold(f);
        format_set_pattern(f, LXW_PATTERN_SOLID);
        format_set_bg_color(f, 0xEAEEF2);
        format_set_align(f, LXW_ALIGN_CENTER);
    } else if (strcmp(style, "note") == 0) {
        format_set_italic(f);
        format_set_font_color(f, 0x57606A);
        format_set_border(f, LXW_BORDER_NONE);
    } else if (strcmp(style, "cell") != 0) {
        luaL_error(L, "zb.xlsx.write: unknown style '%s'", style);
    }
}

/* The shared format for (style, number format or decimals, wrap); NULL for
 * the default. */
static lxw_format *get_format(book *b, const char *style, int decimals, const char *numfmt, int wrap)
{
    if (!style)
        style = "";
    if (!numfmt)
        numfmt = "";
    if (!*style && decimals < 0 && !*numfmt && !wrap)
        return NULL;
    for (int i = 0; i < b->nfmts; i++) {
        fmt_entry *e = &b->fmts[i];
        if (e->decimals == decimals && e->wrap == wrap && strcmp(e->style, style) == 0 &&
            strcmp(e->numfmt, numfmt) == 0)
            return e->f;
    }
    lua_State *L = b->L;
    if (b->nfmts == MAX_FORMATS)
        luaL_error(L, "zb.xlsx.write: more than %d distinct cell formats", MAX_FORMATS);
    if (strlen(style) >= sizeof b->fmts[0].style)
        luaL_error(L, "zb.xlsx.write: style name '%s' too long", style);
    if (strlen(numfmt) >= sizeof b->fmts[0].numfmt)
        luaL_error(L, "zb.xlsx.write: number format '%s' too long", numfmt);
    lxw_format *f = workbook_add_format(b->g->wb);
    if (!f)
        luaL_error(L, "zb.xlsx.write: %s", ZB_T("内存不足", "out of memory"));
    format_set_align(f, LXW_ALIGN_VERTICAL_CENTER);
    format_set_border(f, LXW_BORDER_THIN);
    format_set_border_color(f, 0xB0B7C0);
    if (*style) {
        if (b->styles && lua_getfield(L, b->styles, style) == LUA_TTABLE) {
            apply_style(L, f, style);
            lua_pop(L, 1);
        } else {
            if (b->styles)
                lua_pop(L, 1);
            builtin_style(L, f, style);
        }
    }
    if (*numfmt) {
        format_set_num_format(f, numfmt);
    } else if (decimals >= 0) {
        char nf[24] = "0";
        if (decimals > 0) {
            strcpy(nf, "0.");
            for (int d = 0; d < decimals && d < 15; d++)
                strcat(nf, "0");
        }
        format_set_num_format(f, nf);
    }
    if (wrap)
        format_set_text_wrap(f);
    fmt_entry *e = &b->fmts[b->nfmts++];
    snprintf(e->style, sizeof e->style, "%s", style);
    snprintf(e->numfmt, sizeof e->numfmt, "%s", numfmt);
    e->decimals = decimals;
    e->wrap = wrap;
    e->f = f;
    return f;
}

/* What a cell holds, read from the value at index idx (not popped). */
typedef struct cell {
    int type;            /* LUA_TNIL, LUA_TNUMBER or LUA_TSTRING */
    double num;
    const char *text;
    int decimals;        /* -1 unless a number */
    const char *numfmt;  /* f: an explicit number format, or NULL */
    const char *style;
} cell;

/* Reads the cell at idx.  The strings of a table cell (t, s, f) stay
 * pushed while the pointers are used, since a string an __index made lives
 * only on the stack: returns how many values the caller pops after the
 * cell (0, or 3 for a table).  [-0, +(0|3), v] */
static int read_cell(lua_State *L, int idx, cell *c, int sheet, lua_Integer row, int col)
{
    memset(c, 0, sizeof *c);
    c->decimals = -1;
    idx = lua_absindex(L, idx);
    switch (lua_type(L, idx)) {
    case LUA_TNIL:
        c->type = LUA_TNIL;
        return 0;
    case LUA_TNUMBER:
        c->type = LUA_TNUMBER;
        c->num = lua_tonumber(L, idx);
        return 0;
    case LUA_TSTRING:
        c->type = LUA_TSTRING;
        c->text = lua_tostring(L, idx);
        return 0;
    case LUA_TTABLE:
        break;
    default:
        luaL_error(L, "zb.xlsx.write: sheet %d row %d column %d: a number, a string or a {v=, t=, d=, s=} table expected, got %s",
                   sheet, (int)row, col, luaL_typename(L, idx));
    }
    if (lua_getfield(L, idx, "v") == LUA_TNUMBER) {
        c->type = LUA_TNUMBER;
        c->num = lua_tonumber(L, -1);
    }
    lua_pop(L, 1);
    if (c->type == LUA_TNUMBER) {
        lua_pushnil(L); /* in t's place */
    } else if (lua_getfield(L, idx, "t") != LUA_TNIL) {
        /* Only a string: a number made a string here could not be
         * told from a figure. */
        if (lua_type(L, -1) != LUA_TSTRING)
            luaL_error(L, "zb.xlsx.write: sheet %d row %d column %d: t must be a string", sheet, (int)row, col);
        c->type = LUA_TSTRING;
        c->text = lua_tostring(L, -1);
    }
    if (lua_getfield(L, idx, "d") == LUA_TNUMBER && c->type == LUA_TNUMBER) {
        lua_Integer d = lua_tointeger(L, -1);
        c->decimals = d < 0 ? 0 : d > 15 ? 15 : (int)d;
    }
    lua_pop(L, 1);
    if (lua_getfield(L, idx, "s") == LUA_TSTRING)
        c->style = lua_tostring(L, -1);
    if (lua_getfield(L, idx, "f") == LUA_TSTRING)
        c->numfmt = lua_tostring(L, -1);
    return 3;
}

/* Display width of a cell as Excel will show it. */
static size_t cell_width(const cell *c)
{
    if (c->type == LUA_TSTRING) {
        /* A multi-line text is as wide as its widest line. */
        size_t best = 0, cur = 0;
        const char *p = c->text;
        while (*p) {
            const char *nl = strchr(p, '\n');
            size_t len = nl ? (size_t)(nl - p) : strlen(p);
            char buf[1024];
            size_t n = len < sizeof buf - 1 ? len : sizeof buf - 1;
            memcpy(buf, p, n);
            buf[n] = '\0';
            cur = zb_text_width(buf);
            if (cur > best)
                best = cur;
            if (!nl)
                break;
            p = nl + 1;
        }
        return best;
    }
    if (c->type == LUA_TNUMBER) {
        char buf[64];
        snprintf(buf, sizeof buf, "%.*f", c->decimals < 0 ? 2 : c->decimals, c->num);
        /* A format with a sign or a unit ("+0.00\"点\"") shows a few more. */
        return strlen(buf) + (c->numfmt ? 3 : 0);
    }
    return 0;
}

/* v rounded to decimals + 6 places and 15 significant digits, never -0.
 * printf rounds correctly, which v * 10^k / 10^k does not. */
static double clean_number(double v, int decimals)
{
    int places = (decimals < 0 ? 2 : decimals) + 6;
    double mag = fabs(v);
    if (mag >= 1.0) {
        int digits = (int)floor(log10(mag)) + 1;
        if (places > 15 - digits)
            places = 15 - digits;
    }
    if (places < 0)
        places = 0;
    if (places > 15)
        places = 15;
    char buf[400];
    snprintf(buf, sizeof buf, "%.*f", places, v);
    double r = strtod(buf, NULL);
    return r == 0.0 ? 0.0 : r;
}

static void check_lxw(lua_State *L, lxw_error err, const char *what)
{
    if (err != LXW_NO_ERROR)
        luaL_error(L, "zb.xlsx.write: %s: %s", what, lxw_strerror(err));
}

/* Writes the sheet table at index si (the sheet's number k): two passes over
 * its rows, one for the widths and one for the cells. */
static void write_sheet(book *b, int si, int k, char names[][ZB_SHEET_NAME_BYTES], int nnames)
{
    lua_State *L = b->L;
    si = lua_absindex(L, si);
    luaL_checkstack(L, 10, NULL);
    const char *taken[MAX_SHEETS];
    for (int i = 0; i < nnames; i++)
        taken[i] = names[i];
    lua_getfield(L, si, "name");
    const char *raw = lua_tostring(L, -1);
    if (zb_sheet_name(raw ? raw : "", taken, (size_t)nnames, names[nnames], ZB_SHEET_NAME_BYTES) != 0)
        luaL_error(L, "zb.xlsx.write: sheet %d: no valid name", k);
    lua_pop(L, 1);
    lxw_worksheet *ws = workbook_add_worksheet(b->g->wb, names[nnames]);
    if (!ws)
        luaL_error(L, "zb.xlsx.write: sheet %d: Excel refuses the name '%s'", k, names[nnames]);

    if (lua_getfield(L, si, "header") != LUA_TTABLE)
        luaL_error(L, "zb.xlsx.write: sheet %d: header (a list of column labels) expected", k);
    int hidx = lua_gettop(L);
    lua_Integer ncols = luaL_len(L, hidx);
    if (ncols < 1 || ncols > MAX_COLS)
        luaL_error(L, "zb.xlsx.write: sheet %d: 1 to %d columns expected, got %d", k, MAX_COLS, (int)ncols);
    if (lua_getfield(L, si, "rows") != LUA_TTABLE)
        luaL_error(L, "zb.xlsx.write: sheet %d: rows expected", k);
    int ridx = lua_gettop(L);
    lua_Integer nrows = luaL_len(L, ridx);
    if (nrows > 1000000)
        luaL_error(L, "zb.xlsx.write: sheet %d: too many rows", k);

    size_t width[MAX_COLS];
    for (int c = 0; c < ncols; c++) {
        lua_rawgeti(L, hidx, c + 1);
        const char *h = lua_tostring(L, -1);
        if (!h)
            luaL_error(L, "zb.xlsx.write: sheet %d: header %d is not a string", k, c + 1);
        /* The header is bold: a little wider than its characters.  A long
         * one wraps (its format wraps) over two lines rather than widen
         * the column for one cell. */
        size_t hw = zb_text_width(h) + zb_text_width(h) / 8 + 1;
        width[c] = hw <= 14 ? hw : (hw + 1) / 2 + 1 > 14 ? (hw + 1) / 2 + 1 : 14;
        lua_pop(L, 1);
    }
    for (lua_Integer r = 1; r <= nrows; r++) {
        if (lua_rawgeti(L, ridx, r) != LUA_TTABLE)
            luaL_error(L, "zb.xlsx.write: sheet %d row %d: a list of cells expected", k, (int)r);
        zbL_charge(L, (size_t)ncols, ZBL_COST_VALUE); /* the workbook is the guard's */
        for (int c = 0; c < ncols; c++) {
            lua_rawgeti(L, -1, c + 1);
            cell ce;
            int kept = read_cell(L, -1, &ce, k, r, c + 1);
            size_t w = cell_width(&ce);
            if (w > width[c])
                width[c] = w;
            lua_pop(L, 1 + kept);
        }
        lua_pop(L, 1);
    }
    lua_Integer max_width = MAX_WIDTH;
    if (lua_getfield(L, si, "max_width") == LUA_TNUMBER)
        max_width = lua_tointeger(L, -1);
    lua_pop(L, 1);
    if (max_width < MIN_WIDTH || max_width > 255)
        max_width = MAX_WIDTH;
    int wrapcol[MAX_COLS];
    for (int c = 0; c < ncols; c++) {
        double w = (double)width[c] + 2;
        wrapcol[c] = w > (double)max_width;
        if (w > (double)max_width)
            w = (double)max_width;
        if (w < MIN_WIDTH)
            w = MIN_WIDTH;
        check_lxw(L, worksheet_set_column(ws, (lxw_col_t)c, (lxw_col_t)c, w, NULL), "set_column");
    }

    lxw_format *hf = get_format(b, "header", -1, NULL, 1);
    for (int c = 0; c < ncols; c++) {
        lua_rawgeti(L, hidx, c + 1);
        check_lxw(L, worksheet_write_string(ws, 0, (lxw_col_t)c, lua_tostring(L, -1), hf), "header");
        lua_pop(L, 1);
    }
    for (lua_Integer r = 1; r <= nrows; r++) {
        lua_rawgeti(L, ridx, r);
        zbL_charge(L, (size_t)ncols, ZBL_COST_VALUE);
        for (int c = 0; c < ncols; c++) {
            lua_rawgeti(L, -1, c + 1);
            cell ce;
            int kept = read_cell(L, -1, &ce, k, r, c + 1);
            lxw_row_t row = (lxw_row_t)r;
            lxw_col_t col = (lxw_col_t)c;
            if (ce.type == LUA_TNUMBER && isfinite(ce.num)) {
                lxw_format *f = get_format(b, ce.style, ce.decimals < 0 ? 2 : ce.decimals, ce.numfmt, 0);
                check_lxw(L, worksheet_write_number(ws, row, col, clean_number(ce.num, ce.decimals), f), "number");
            } else if (ce.type == LUA_TSTRING && ce.text[0]) {
                lxw_format *f = get_format(b, ce.style ? ce.style : "cell", -1, NULL, wrapcol[c]);
                check_lxw(L, worksheet_write_string(ws, row, col, ce.text, f), "string");
            } else {
                lxw_format *f = get_format(b, ce.style ? ce.style : "cell", -1, NULL, 0);
                check_lxw(L, worksheet_write_blank(ws, row, col, f), "blank");
            }
            lua_pop(L, 1 + kept);
        }
        lua_pop(L, 1);
    }

    lua_Integer freeze_cols = 0;
    if (lua_getfield(L, si, "freeze_cols") == LUA_TNUMBER)
        freeze_cols = lua_tointeger(L, -1);
    lua_pop(L, 1);
    if (freeze_cols < 0 || freeze_cols >= ncols)
        freeze_cols = 0;
    worksheet_freeze_panes(ws, 1, (lxw_col_t)freeze_cols);
    lua_getfield(L, si, "filter");
    int filter = lua_isnil(L, -1) || lua_toboolean(L, -1);
    lua_pop(L, 1);
    if (filter && nrows > 0)
        check_lxw(L, worksheet_autofilter(ws, 0, 0, (lxw_row_t)nrows, (lxw_col_t)(ncols - 1)), "autofilter");
    worksheet_set_paper(ws, 9); /* A4 */
    lua_getfield(L, si, "landscape");
    if (lua_toboolean(L, -1))
        worksheet_set_landscape(ws);
    lua_pop(L, 1);
    worksheet_fit_to_pages(ws, 1, 0);
    check_lxw(L, worksheet_repeat_rows(ws, 0, 0), "repeat_rows");

    /* Notes under the table, after a blank row, in the first column. */
    if (lua_getfield(L, si, "notes") == LUA_TTABLE) {
        lua_Integer nn = luaL_len(L, -1);
        lxw_format *nf = get_format(b, "note", -1, NULL, 0);
        for (lua_Integer i = 1; i <= nn; i++) {
            lua_rawgeti(L, -1, i);
            const char *s = lua_tostring(L, -1);
            if (s)
                check_lxw(L, worksheet_write_string(ws, (lxw_row_t)(nrows + 1 + i), 0, s, nf), "note");
            lua_pop(L, 1);
        }
    }
    lua_pop(L, 3); /* notes, rows, header */
}

/* A property's text.  It stays pushed until the properties are set: a
 * number made a string here, or a string an __index made, lives only on
 * the stack.  [-0, +1, m] */
static void set_prop(lua_State *L, int t, const char *key, char **slot)
{
    lua_getfield(L, t, key);
    *slot = (char *)lua_tostring(L, -1);
}

/* zb.xlsx.write(name, book) -> path, names | nil, message */
static int l_write(lua_State *L)
{
    const char *name = luaL_checkstring(L, 1);
    luaL_checktype(L, 2, LUA_TTABLE);
    const char *path = zbL_output_path(L, 1, name); /* pushed: index 3 */
    if (lua_getfield(L, 2, "sheets") != LUA_TTABLE)
        return luaL_argerror(L, 2, "sheets (a list of sheets) expected");
    int sheets = lua_gettop(L);
    lua_Integer nsheets = luaL_len(L, sheets);
    if (nsheets < 1 || nsheets > MAX_SHEETS)
        return luaL_argerror(L, 2, "1 to 255 sheets expected");

    xlsx_guard *g = lua_newuserdatauv(L, sizeof *g, 0);
    memset(g, 0, sizeof *g);
    luaL_setmetatable(L, XLSX_GUARD_MT);
    lua_toclose(L, -1); /* on an error or a return: free the workbook, remove the temporary file */

    /* A temporary name in the target's directory, so the rename is atomic. */
    const char *slash = strrchr(path, '/');
    int dirlen = slash ? (int)(slash - path) : 0;
    if (snprintf(g->tmp, sizeof g->tmp, "%.*s%s.%s.XXXXXX", dirlen, path, slash ? "/" : "",
                 slash ? slash + 1 : path) >= (int)sizeof g->tmp)
        return luaL_argerror(L, 1, "file name too long");
    int fd = mkstemp(g->tmp);
    if (fd < 0) {
        luaL_pushfail(L);
        lua_pushfstring(L, ZB_T("无法在 %s 的目录中建立临时文件：%s", "cannot create a temporary file beside %s: %s"),
                        path, zb_write_strerror(errno));
        return 2;
    }
    /* mkstemp creates 0600; a workbook should be as readable as any file. */
    mode_t mask = umask(0);
    umask(mask);
    fchmod(fd, 0666 & ~mask);
    close(fd);
    g->have_tmp = 1;
    zb_outfile_guard(g->tmp); /* removed if a signal ends the process first */
    g->wb = workbook_new(g->tmp);
    if (!g->wb) {
        luaL_pushfail(L);
        lua_pushfstring(L, ZB_T("无法建立工作簿 %s", "cannot create the workbook %s"), path);
        return 2;
    }

    book *b = lua_newuserdatauv(L, sizeof *b, 0); /* freed by the GC with the call */
    memset(b, 0, sizeof *b);
    b->L = L;
    b->g = g;
    if (lua_getfield(L, 2, "styles") == LUA_TTABLE)
        b->styles = lua_gettop(L);
    else
        lua_pop(L, 1);

    if (lua_getfield(L, 2, "properties") == LUA_TTABLE) {
        lxw_doc_properties props;
        memset(&props, 0, sizeof props);
        int p = lua_gettop(L);
        set_prop(L, p, "title", &props.title);
        set_prop(L, p, "subject", &props.subject);
        set_prop(L, p, "author", &props.author);
        set_prop(L, p, "company", &props.company);
        set_prop(L, p, "comments", &props.comments);
        check_lxw(L, workbook_set_properties(g->wb, &props), "properties");
        lua_pop(L, 5);
    }
    lua_pop(L, 1);

    char (*names)[ZB_SHEET_NAME_BYTES] = lua_newuserdatauv(L, (size_t)nsheets * ZB_SHEET_NAME_BYTES, 0);
    for (lua_Integer s = 1; s <= nsheets; s++) {
        if (lua_rawgeti(L, sheets, s) != LUA_TTABLE)
            return luaL_argerror(L, 2, lua_pushfstring(L, "sheet %d is not a table", (int)s));
        write_sheet(b, -1, (int)s, names, (int)s - 1);
        lua_pop(L, 1);
    }

    lxw_workbook *wb = g->wb;
    g->wb = NULL; /* workbook_close frees it, whatever it returns */
    errno = 0;
    lxw_error err = workbook_close(wb);
    if (err != LXW_NO_ERROR) {
        /* The library's own words are English; the system's reason (a
         * full disk) is said as every writer says it. */
        luaL_pushfail(L);
        lua_pushfstring(L, ZB_T("写入 %s 失败：%s", "writing %s failed: %s"), path,
                        errno ? zb_write_strerror(errno) : lxw_strerror(err));
        return 2;
    }
    zb_outfile_test_pause();
    /* Durable before it becomes visible under its name. */
    fd = open(g->tmp, O_RDONLY);
    if (fd >= 0) {
        fsync(fd);
        close(fd);
    }
    if (rename(g->tmp, path) != 0) {
        luaL_pushfail(L);
        lua_pushfstring(L, ZB_T("写入 %s 失败：%s", "writing %s failed: %s"), path, zb_write_strerror(errno));
        return 2; /* the guard removes the temporary file */
    }
    g->have_tmp = 0;
    zb_outfile_forget(g->tmp);
    lua_pushvalue(L, 3);
    lua_createtable(L, (int)nsheets, 0);
    for (lua_Integer s = 1; s <= nsheets; s++) {
        lua_pushstring(L, names[s - 1]);
        lua_rawseti(L, -2, s);
    }
    return 2;
}

static const luaL_Reg xlsx_funcs[] = {
    {"write", l_write},
    {NULL, NULL},
};

void zbL_open_xlsx(lua_State *L)
{
    if (luaL_newmetatable(L, XLSX_GUARD_MT)) {
        lua_pushcfunction(L, guard_gc);
        lua_setfield(L, -2, "__gc");
        lua_pushcfunction(L, guard_gc);
        lua_setfield(L, -2, "__close");
    }
    lua_pop(L, 1);
    luaL_newlib(L, xlsx_funcs);
    lua_setfield(L, -2, "xlsx");
}
