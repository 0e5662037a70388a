/* zb_num — numbers as Chinese statistical documents print them.
 *
 * Accepts plain decimals and also what a bureau's spreadsheet really holds:
 * full-width digits and punctuation (１２．５, －３), thousands separators in
 * groups of three (1,234.5), a trailing % (or ‰) when the caller allows it,
 * and surrounding spaces (including the ideographic space).  The missing
 * markers (empty, ——, —, -, --, …, /, NA, N/A) are reported as missing, not as
 * errors.  Anything else is an error that says where and what was expected:
 * `4..03` fails at column 3 ("a second decimal point").  No guessing.
 *
 * Ownership: nothing here allocates.
 */
#ifndef ZB_NUM_H
#define ZB_NUM_H

#include <stddef.h>

typedef enum { ZB_NUM_OK = 0, ZB_NUM_MISSING = 1, ZB_NUM_BAD = 2 } zb_num_status;

enum {
    ZB_NUM_ALLOW_PERCENT = 1,  /* a trailing % is accepted (value unchanged) */
    ZB_NUM_ALLOW_PERMILLE = 2, /* a trailing ‰ is accepted */
};

typedef struct zb_num_error {
    size_t col;          /* 1-based character position within the text */
    char message[160];   /* what was found and what was expected */
} zb_num_error;

/* Parses s[0..len).  On ZB_NUM_OK stores the value; on ZB_NUM_BAD fills err
 * (when not NULL).  Never reads past len; s need not be NUL-terminated. */
zb_num_status zb_num_parse(const char *s, size_t len, unsigned flags,
                           double *out, zb_num_error *err);

/* The plain ASCII decimal that data files hold almost everywhere: an
 * optional '-', digits, and optionally '.' and digits ("-1234.56"), at most
 * 19 significant digits and 22 decimals.  Returns 1 with the correctly
 * rounded value (the same double strtod gives), or 0 for any other text,
 * which the caller then hands to zb_num_parse for the full rules and the
 * error message.  Why not strtod: it is locale-aware and general, and was a
 * tenth of the loader's time; for these texts one integer and one division by
 * an exact power of ten round correctly (Clinger's fast path). */
int zb_num_plain(const char *s, size_t len, double *out);

/* Writes v so that it reads back as the same double: the shortest plain
 * decimal ("2181.5", "0.1") when one of at most 15 or so significant digits
 * does, else printf's "%.17g" (which always does).  Returns what snprintf
 * returns.  Made for output that other tools compare to the last bit; the
 * plain decimal needs no printf, which formats a double in microseconds. */
int zb_num_format_exact(char *buf, size_t len, double v);

/* True when the trimmed text is one of the missing-value markers. */
int zb_num_is_missing_marker(const char *s, size_t len);

#endif
