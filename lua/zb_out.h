/* zb_out — a result table written as an aligned text table (CJK-aware),
 * CSV (UTF-8 with a BOM when written to a file, so Excel/WPS open it right)
 * or JSON (an array of objects).  Commands build rows of cells, then render.
 *
 * Ownership: zb_out_new allocates; zb_out_free frees the table and every
 * cell it copied.
 */
#ifndef ZB_OUT_H
#define ZB_OUT_H

#include <stdio.h>

typedef enum { ZB_OUT_TEXT = 0, ZB_OUT_CSV, ZB_OUT_JSON } zb_out_format;

typedef struct zb_out_col {
    const char *key;    /* JSON key */
    const char *label;  /* header for people (current language) */
    int numeric;        /* right-aligned; a JSON number when the cell parses */
    int data_only;      /* left out of the text table, kept in CSV/JSON */
    int text_only;      /* shown in the text table only (a formatted twin of a data column) */
    int boolean;        /* JSON true/false for cells "true"/"false", null when empty */
} zb_out_col;

typedef struct zb_out zb_out;

zb_out *zb_out_new(const zb_out_col *cols, int ncols);
void zb_out_free(zb_out *t);
/* Starts a row; then zb_out_cell once per column, in order. */
int zb_out_row(zb_out *t);
int zb_out_cell(zb_out *t, const char *text);
int zb_out_cellf(zb_out *t, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;
/* The next cell is not written (left out by zb_out_select, or a text-only
 * column of a streamed table): skips it and returns 1, so that the caller
 * need not format it; else returns 0 and the caller adds the cell. */
int zb_out_skip(zb_out *t);
/* Is column col (0-based, in the table's own order) written?  For a table
 * not streamed, every column selected (zb_out_select), or every column. */
int zb_out_written(const zb_out *t, int col);
/* Moves to column col of the current row, the cells before it left empty
 * (or skipped when not written): for a row that sets only the columns
 * written.  Returns 0, or -1 when col is behind the current column. */
int zb_out_skip_to(zb_out *t, int col);
/* Writes only the columns whose keys are listed in keys ("region_code,
 * year,value"), in that order, in every format (a text-only or data-only
 * column named is written too).  Call before the first row.  Returns 0, or
 * -1 with a message in err naming the unknown key and the known ones. */
int zb_out_select(zb_out *t, const char *keys, char *err, size_t errlen);
/* An integer cell, without printf (a rollup writes millions). */
int zb_out_cell_int(zb_out *t, long long v);
int zb_out_rows(const zb_out *t);
/* Writes the table. with_bom: a UTF-8 BOM before CSV.  After
 * zb_out_stream, writes only what is left (the last row, JSON's closing
 * bracket) to the stream's file. */
void zb_out_write(const zb_out *t, FILE *out, zb_out_format format, int with_bom);
/* CSV or JSON rows go to out as each is completed instead of being kept, so
 * that a result of millions of rows needs memory for one; the header (or
 * JSON's '[') is written now.  A text table needs all its rows for the
 * column widths: then nothing changes and -1 is returned. */
int zb_out_stream(zb_out *t, FILE *out, zb_out_format format, int with_bom);
/* Streamed CSV rows that continue another table's: as zb_out_stream, but
 * with neither BOM nor header.  For making the rows of one result in two
 * threads; -1 for a format other than CSV. */
int zb_out_stream_rows(zb_out *t, FILE *out, zb_out_format format);
/* Appends to t's stream, after t's own rows, the rows that `more` streamed
 * (zb_out_stream_rows) into more_file, a file open for reading and
 * writing, and counts them as t's.  Both must write the same columns.
 * Returns 0, or -1 when they are not both streamed CSV or more_file cannot
 * be read back. */
int zb_out_append(zb_out *t, zb_out *more, FILE *more_file);
/* "text", "table", "csv", "json" -> format; -1 when unknown. */
int zb_out_parse_format(const char *name);
/* The format a file name implies: .csv, .json, .txt/.text (any case) ->
 * format; -1 for any other extension or none. */
int zb_out_format_of_name(const char *path);

#endif
