/* zb_table — a CSV file's columns found by header name.
 *
 * Bureaus reorder, add and rename columns; the loader finds each column by
 * its header (English name or its Chinese alias), warns about columns it does
 * not know, and names a missing required column with the file.  Rows are
 * then read through the mapping, with each field's position kept for errors.
 *
 * Ownership: nothing allocated; the column arrays are the caller's.
 */
#ifndef ZB_TABLE_H
#define ZB_TABLE_H

#include <stddef.h>

#include "zb_csv.h"
#include "zb_diag.h"

typedef struct zb_column {
    const char *name;     /* header in English, as in docs/dataset-format.md */
    const char *alias;    /* Chinese header accepted too; may be NULL */
    int required;
    long index;           /* filled by zb_table_map: field index or -1 */
} zb_column;

/* Maps the header row.  Unknown columns are warnings; a missing required
 * column or a repeated column is an error.  Returns the number of errors. */
size_t zb_table_map(zb_column *cols, size_t ncols, const zb_csv_field *header,
                    size_t nheader, const char *file, zb_diags *diags);

/* The field of column c in a row, or a static empty field (with the row's
 * line and column 0) when the file has no such column. */
const zb_csv_field *zb_table_get(const zb_column *c, const zb_csv_field *row,
                                 size_t nrow, unsigned long line);

#endif
