#define _DEFAULT_SOURCE
#include "zb_mem.h"

#include <stdint.h>
#include <sys/mman.h>
#include <unistd.h>

void zb_mem_advise_huge(void *p, size_t bytes)
{
#if defined(MADV_HUGEPAGE)
    long page = sysconf(_SC_PAGESIZE);
    if (!p || page <= 0 || bytes < ((size_t)4 << 20))
        return;
    /* madvise wants page-aligned bounds; malloc's block need not start on one. */
    uintptr_t start = ((uintptr_t)p + (uintptr_t)page - 1) & ~((uintptr_t)page - 1);
    uintptr_t end = ((uintptr_t)p + bytes) & ~((uintptr_t)page - 1);
    if (end > start)
        (void)madvise((void *)start, end - start, MADV_HUGEPAGE); /* advice: failure is harmless */
#else
    (void)p;
    (void)bytes;
#endif
}
