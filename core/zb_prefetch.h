/* zb_prefetch — a reader's bytes produced in a second thread.
 *
 * Inflating a .csv.gz costs about as much as parsing it, and the two need
 * not wait for each other: a worker thread calls zb_reader_read into a ring
 * of blocks while the caller parses the previous ones.  On two cores the
 * load then takes about as long as the slower of the two, not their sum.
 * Only the worker touches the reader until it stops (after the end, an
 * error, or zb_prefetch_stop), so the reader needs no locking; its error
 * text may be read once zb_prefetch_next has returned -1.
 *
 * Ownership: zb_prefetch_start allocates; zb_prefetch_stop joins the worker
 * and frees.  A block handed out by zb_prefetch_next is borrowed until the
 * next call of zb_prefetch_next or zb_prefetch_stop.  The reader stays the
 * caller's.
 */
#ifndef ZB_PREFETCH_H
#define ZB_PREFETCH_H

#include <stddef.h>

#include "zb_reader.h"

typedef struct zb_prefetch zb_prefetch;

/* Starts reading r in blocks of up to block bytes.  NULL when out of memory
 * or when no thread can be started: the caller then reads r itself. */
zb_prefetch *zb_prefetch_start(zb_reader *r, size_t block);
/* The next block: returns its length (> 0) with *data set, 0 at the end of
 * the input, -1 on a read error (zb_reader_error says what).  The bytes are
 * the caller's to change until the next call, and so is one byte past them
 * (room for a sentinel). */
long zb_prefetch_next(zb_prefetch *p, char **data);
/* Stops the worker if it is still reading, waits for it and frees p.
 * Accepts NULL. */
void zb_prefetch_stop(zb_prefetch *p);

#endif
