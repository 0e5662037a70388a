/* zb_csv — a streaming RFC 4180 reader that knows where every field is.
 *
 * Why not libcsv: every error we report must name file:line:column, and
 * libcsv exposes neither; tracking positions beside it means running a second
 * quote state machine over the same bytes.  This reader is that one state
 * machine: it reads the stream in blocks (never the whole file), unquotes
 * fields into a reused record buffer, and hands each record to a callback
 * with every field's line and column (newlines inside quoted fields counted).
 *
 * Strict: a quote inside an unquoted field, text after a closing quote, an
 * unterminated quote, a NUL byte, a field or record over the limits, and
 * bytes that are not UTF-8 (with a hint that the file looks like GBK) are
 * errors with their position.  An Excel workbook (.xlsx, .xls) or a PDF given
 * in place of a CSV file is recognised by its first bytes and named.  CRLF,
 * CR and LF all end a record; blank lines are skipped.
 *
 * After a misplaced quote the record is dropped and reading resumes at the
 * next line, so that every such error of a file is listed; the other errors
 * stop the file (past them nothing can be trusted: a binary file, a
 * different encoding, a runaway quote, a size limit).
 *
 * Ownership: the fields passed to the callback are borrowed for the duration
 * of the call; nothing is left allocated when zb_csv_read returns.
 */
#ifndef ZB_CSV_H
#define ZB_CSV_H

#include <stddef.h>
#include <stdint.h>

#include "zb_diag.h"
#include "zb_reader.h"

typedef struct zb_csv_field {
    const char *text;   /* NUL-terminated, unquoted */
    size_t len;
    unsigned long line; /* where the field starts */
    unsigned long col;  /* 1-based, in characters */
    int quoted;         /* the field was in quotes: its text starts at col + 1 */
    unsigned long end_line, end_col; /* just past the field (its closing quote
                                        included): where a comma or the line end is */
} zb_csv_field;

/* Return 0 to go on, non-zero to stop reading (the reader then returns 1). */
typedef int (*zb_csv_record_fn)(void *ud, const zb_csv_field *fields,
                                size_t nfields, unsigned long line);

typedef struct zb_csv_limits {
    size_t max_field_bytes;  /* default 1 MiB */
    size_t max_fields;       /* default 4096 */
} zb_csv_limits;

/* Reads all records of r.  Errors go to diags under `file`.  Returns 0 when
 * the file was read to its end without error, 1 when the callback stopped
 * it, -1 when the file had errors (already in diags), whether they stopped
 * the reading or not.  limits may be NULL for the defaults. */
int zb_csv_read(zb_reader *r, const char *file, zb_diags *diags,
                const zb_csv_limits *limits, zb_csv_record_fn fn, void *ud);

/* The records that make up nearly all of a large data file, offered before
 * any field is copied or positioned: one line (ending in LF or CRLF) of
 * plain fields (printable ASCII and tabs; no quote, no comma inside a
 * field), after the header.  Field k is rec[start .. end[k]), where start
 * is 0 for the first field and end[k - 1] + 1 for the others; the text is
 * not NUL-terminated and is borrowed for the call.  Return 1 when the record
 * was taken; 0 to have it read as every other record is (zb_csv_record_fn,
 * with its positions), which must then do what it would have done anyway:
 * a record taken here can give no message of its own. */
typedef int (*zb_csv_plain_fn)(void *ud, const char *rec, const uint32_t *end,
                               size_t nfields, unsigned long line);

/* zb_csv_read with plain records offered to plain first (see above); plain
 * may be NULL. */
int zb_csv_read_plain(zb_reader *r, const char *file, zb_diags *diags,
                      const zb_csv_limits *limits, zb_csv_record_fn fn,
                      zb_csv_plain_fn plain, void *ud);

#endif
