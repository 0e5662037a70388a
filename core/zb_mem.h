/* zb_mem — advice to the kernel about large arrays.
 *
 * Ownership: nothing is allocated here; the caller keeps its memory.
 */
#ifndef ZB_MEM_H
#define ZB_MEM_H

#include <stddef.h>

/* Asks for 2 MiB pages (Linux's transparent huge pages in "madvise" mode)
 * for [p, p + bytes) when it is 4 MiB or more: an array written from start
 * to end then takes one page fault per 2 MiB instead of one per 4 KiB, and
 * in a virtual machine each fault is dear.  Advice only: where the system
 * has no such pages, or refuses, nothing changes.  Not for sparse arrays,
 * whose untouched pages should stay uncommitted. */
void zb_mem_advise_huge(void *p, size_t bytes);

#endif
