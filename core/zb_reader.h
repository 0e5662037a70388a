/* zb_reader — a byte stream from a file, gzip or not, as UTF-8.
 *
 * zlib's gzread reads plain and gzip files alike, so `.csv.gz` costs the
 * loader nothing.  A UTF-8 BOM is dropped.  With encoding "gbk" (or any name
 * iconv knows) the bytes are converted to UTF-8 on the way through, for the
 * files that Excel/WPS on Chinese Windows export by default.
 *
 * Ownership: zb_reader_open allocates; close with zb_reader_close.
 * zb_reader_fetch_line allocates its result; the caller frees.
 */
#ifndef ZB_READER_H
#define ZB_READER_H

#include <stddef.h>

typedef struct zb_reader zb_reader;

/* Opens path; encoding NULL or "utf-8" means no conversion.  On failure
 * returns NULL and writes a message into err. */
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

/* Returns line `line` (1-based) of path, decompressed, BOM and line end
 * removed, cut to at most maxbytes on a character boundary; NULL when the
 * file or line cannot be read.  Used only to show an error's context. */
char *zb_reader_fetch_line(const char *path, unsigned long line,
                           size_t maxbytes);

#endif
