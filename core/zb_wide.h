/* zb_wide — a plan table as bureaus keep it in Excel/WPS, read from CSV.
 *
 * One row per indicator; columns found by their headers: the name (指标),
 * unit (单位), category (类型, 类别; a merged cell exported as a value on the
 * group's first row only, carried down), a column per year (2020年,
 * 2025年目标), the annual growth (年均增速%), the attribute (指标属性), notes
 * (备注); 序号 is recognised and ignored.  Rows above the header are the
 * title; a row with one cell filled (a category, or a name without any
 * figure) starts a group; a row whose one cell starts with 注 or 资料来源
 * is a note.  Of the year columns, the one headed as a
 * target (目标, 规划) or else the latest is the target; the earliest of the
 * others is the base.  Texts are kept as they are (trimmed), with the line
 * and column of each cell, for the import to check and report.
 *
 * Ownership: zb_wide_read allocates the table (free with zb_wide_free),
 * also when it found errors; every string in it belongs to it.
 */
#ifndef ZB_WIDE_H
#define ZB_WIDE_H

#include <stddef.h>

#include "zb_diag.h"

typedef enum {
    ZB_WIDE_OTHER = 0, ZB_WIDE_NAME, ZB_WIDE_UNIT, ZB_WIDE_CATEGORY, ZB_WIDE_NUMBER,
    ZB_WIDE_GROWTH, ZB_WIDE_ATTRIBUTE, ZB_WIDE_NOTE, ZB_WIDE_YEAR
} zb_wide_role;

typedef struct zb_wide_col {
    zb_wide_role role;
    int year;           /* ZB_WIDE_YEAR */
    char *header;
    unsigned long col;  /* of the header cell */
} zb_wide_col;

typedef struct zb_wide_cell {
    char *text;         /* trimmed; "" when empty */
    unsigned long line, col; /* where the text starts (col 0: no such cell) */
} zb_wide_cell;

typedef struct zb_wide_row {
    unsigned long line;
    zb_wide_cell *cells;  /* one per column of the table */
    zb_wide_cell category; /* the row's category, carried down from its group */
} zb_wide_row;

typedef struct zb_wide_table {
    char *file;           /* as given to zb_wide_read */
    char *title;          /* the first line above the header; NULL when none */
    zb_wide_col *cols;
    size_t ncols;
    zb_wide_row *rows;
    size_t nrows, cap;
    long name_col, unit_col, category_col, growth_col, attribute_col, note_col;
    long base_col, target_col;  /* -1 when there is none */
    int base_year, target_year; /* 0 when there is none */
    unsigned long header_line;
} zb_wide_table;

typedef struct zb_wide_options {
    const char *encoding;   /* NULL: UTF-8 */
    int base_year;          /* for a column headed 基期值 without a year */
    int target_year;        /* for a column headed 目标值 without a year */
} zb_wide_options;

/* Reads path.  Problems go to diags with file:line:column; returns the
 * table (NULL only when out of memory). */
zb_wide_table *zb_wide_read(const char *path, const zb_wide_options *opt, zb_diags *diags);
void zb_wide_free(zb_wide_table *t);

/* The cell of column c (-1 allowed) in row r; an empty cell when absent. */
const zb_wide_cell *zb_wide_cell_at(const zb_wide_table *t, const zb_wide_row *r, long c);

#endif
