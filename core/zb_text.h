/* zb_text — UTF-8 text as a terminal shows it.
 *
 * Chinese characters take two terminal columns, combining marks none; tables
 * that count bytes or code points come out ragged (Miller, csvkit and xsv all
 * had that bug).  Widths come from utf8proc, with an ASCII fast path.
 *
 * Ownership: functions returning char * allocate; the caller frees.
 */
#ifndef ZB_TEXT_H
#define ZB_TEXT_H

#include <stddef.h>

/* Display width of a NUL-terminated UTF-8 string; invalid bytes count 1. */
size_t zb_text_width(const char *s);
/* Display width of the first nchars code points of s. */
size_t zb_text_width_prefix(const char *s, size_t nchars);
/* Byte length of the longest prefix of s whose width is <= width. */
size_t zb_text_cut(const char *s, size_t width);
/* Returns the byte offset of the first invalid UTF-8 sequence in s[0..len),
 * or len when all of it is valid. */
size_t zb_utf8_check(const char *s, size_t len);
/* Number of code points in s[0..len) (a continuation byte never starts one). */
size_t zb_utf8_chars(const char *s, size_t len);
/* A copy of s with control characters and invalid bytes shown as \xNN (tab
 * as \t), so a message never moves the cursor or rings the bell.  Allocates. */
char *zb_text_escape_controls(const char *s);

#endif
