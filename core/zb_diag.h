/* zb_diag — problems found in input, collected rather than thrown.
 *
 * Loading a file keeps going after an error so that a bureau sees every bad
 * cell of a file at once.  Each diagnostic names the file, 1-based line and
 * column (column counted in characters, as an editor shows it; 0 when the
 * problem has no position), the severity, and a message that says what was
 * found and what was expected.  Per-file caps stop a garbage file from
 * producing millions of messages: past the cap, problems are only counted.
 *
 * Ownership: the list owns its diagnostics and their strings; pointers
 * returned by zb_diag_at are borrowed until zb_diags_free or zb_diags_clear.
 */
#ifndef ZB_DIAG_H
#define ZB_DIAG_H

#include <stddef.h>
#include <stdio.h>

typedef enum { ZB_ERROR = 0, ZB_WARNING = 1, ZB_NOTE = 2 } zb_severity;

typedef struct zb_diag {
    zb_severity severity;
    char *file;      /* as given to the loader; may be "" */
    unsigned long line;
    unsigned long col;
    char *message;
} zb_diag;

typedef struct zb_diags zb_diags;

/* Allocates an empty list; caller frees with zb_diags_free.  NULL on OOM. */
zb_diags *zb_diags_new(void);
void zb_diags_free(zb_diags *d);
void zb_diags_clear(zb_diags *d);

/* Stops storing errors of one file past this many (counted all the same). */
void zb_diags_set_file_cap(zb_diags *d, size_t cap);

/* Adds a diagnostic; the message is formatted like printf.  Out of memory is
 * recorded as a flag (zb_diags_oom) rather than lost silently. */
void zb_diag_add(zb_diags *d, zb_severity sev, const char *file,
                 unsigned long line, unsigned long col, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 6, 7)))
#endif
    ;

size_t zb_diags_count(const zb_diags *d);
size_t zb_diags_errors(const zb_diags *d);   /* including uncapped ones */
size_t zb_diags_warnings(const zb_diags *d);
size_t zb_diags_suppressed(const zb_diags *d); /* counted past the cap */
int zb_diags_oom(const zb_diags *d);
const zb_diag *zb_diag_at(const zb_diags *d, size_t i);
/* Index of the first diagnostic whose message contains needle, or -1. */
long zb_diags_find(const zb_diags *d, const char *needle);

/* The encoding the files were read from (--encoding; NULL: UTF-8), so that
 * the lines shown under the messages are converted as the data was and the
 * caret lands under the right character.  Kept by zb_diags_clear. */
void zb_diags_set_encoding(zb_diags *d, const char *encoding);

/* Writes "file:line:col: 错误: message" lines; with show_source, the
 * offending line is re-read from the file (as zb_diags_set_encoding says)
 * and a caret marks the column. */
void zb_diags_print(const zb_diags *d, FILE *out, int show_source);
/* The severity word in the current language. */
const char *zb_severity_name(zb_severity sev);

#endif
