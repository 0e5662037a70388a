/* zb_reader — a byte stream from a file, gzip or not, as UTF-8.
 *
 * zlib's gzread reads plain and gzip files alike, so `.csv.gz` costs the
 * loader nothing.  A UTF-8 BOM is dropped.  With encoding "gbk" (or gb18030)
 * the bytes are converted to UTF-8 on the way through, for the files that
 * Excel/WPS on Chinese Windows export by default.  Other encodings are
 * refused: data of Chinese bureaus is UTF-8 or GBK, and reading it as
 * latin1 or the like would only invent errors in the garbled text.
 *
 * Ownership: zb_reader_open allocates; close with zb_reader_close.
 * zb_reader_fetch_line and zb_reader_fetch_lines allocate the texts they
 * return; the caller frees them.
 */
#ifndef ZB_READER_H
#define ZB_READER_H

#include <stddef.h>

typedef struct zb_reader zb_reader;

/* The name iconv reads an encoding by, for one a user may give: "UTF-8"
 * for utf-8/utf8, "GBK" for gbk and its aliases gb2312, cp936, ms936,
 * windows-936, euc-cn (GB2312 is a subset of GBK, and files labelled so
 * often hold GBK characters), "GB18030" for gb18030; any case.  NULL for
 * any other name. */
const char *zb_encoding_name(const char *name);
/* The accepted names for a message: "utf-8, gbk, gb18030 (gb2312, cp936:
 * read as gbk)", in the current language. */
const char *zb_encoding_list(void);

/* Opens path; encoding NULL or "utf-8" means no conversion, an encoding
 * zb_encoding_name does not accept is an error.  On failure returns NULL
 * and writes a message into err. */
zb_reader *zb_reader_open(const char *path, const char *encoding, char *err,
                          size_t errlen);
/* Reads up to n bytes; returns the count, 0 at end, -1 on error (then
 * zb_reader_error says what: a truncated or corrupt gzip stream, a byte
 * that is not valid in the encoding). */
long zb_reader_read(zb_reader *r, char *buf, size_t n);
const char *zb_reader_error(const zb_reader *r);
/* Bytes of (decoded) input delivered so far. */
unsigned long long zb_reader_offset(const zb_reader *r);
/* Closes the reader; returns -1 if the stream turned out damaged at the end
 * (a gzip trailer missing), else 0. */
int zb_reader_close(zb_reader *r, char *err, size_t errlen);

/* True when the reader was given an encoding but found the file to be
 * UTF-8 already (a BOM, or valid UTF-8 text), and read it unconverted. */
int zb_reader_utf8_anyway(const zb_reader *r);

/* Lines of a file to show beside errors, fetched in one pass over the file
 * however many there are (a file with 100 errors is read once, not 100
 * times). */
typedef struct zb_line_request {
    unsigned long line;        /* 1-based; requests sorted by line */
    unsigned long first_char;  /* 1-based character of the line to start at */
    size_t maxbytes;           /* cut there, on a character boundary */
    char *text;                /* out: malloc'd, the caller frees; NULL when
                                  the line cannot be read */
    int cut_before, cut_after; /* out: text was cut at either end */
} zb_line_request;

/* Fills req[i].text with the text of each requested line of path, read as
 * the loader read it: decompressed, converted from encoding (NULL: none;
 * a file that is UTF-8 already is not converted), BOM and line end removed,
 * starting at its first_char and cut to maxbytes on a character boundary.
 * A line that is still not UTF-8 (a GBK file read without an encoding) is
 * decoded from GB18030 when it can be.  Used only to show an error's
 * context, so that its caret sits under the character the column counts. */
void zb_reader_fetch_lines(const char *path, const char *encoding, zb_line_request *req, size_t n);

/* One line, from its first character (see zb_reader_fetch_lines); the
 * caller frees; NULL when the file or line cannot be read. */
char *zb_reader_fetch_line(const char *path, unsigned long line,
                           size_t maxbytes);

#endif
