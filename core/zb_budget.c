#include "zb_budget.h"

#include <limits.h>
#include <stdint.h>
#include <stdlib.h>

/* "No limit" is the largest value, so that comparisons need no special case
 * and a limit of 0 remaining can still be expressed. */
#define NO_MEMORY_LIMIT SIZE_MAX
#define NO_INSTR_LIMIT ULLONG_MAX

struct zb_budget {
    size_t used, peak, mem_limit;
    unsigned long long instr_used, instr_limit;
    int tripped, grace_used, depth, self_free;
    /* The last refused request, to recognise Lua's retry of it. */
    int pending;
    const void *pend_ptr;
    size_t pend_osize, pend_nsize;
};

zb_budget *zb_budget_new(void)
{
    zb_budget *b = calloc(1, sizeof *b);
    if (b) {
        b->mem_limit = NO_MEMORY_LIMIT;
        b->instr_limit = NO_INSTR_LIMIT;
    }
    return b;
}

void zb_budget_free(zb_budget *b)
{
    free(b);
}

void zb_budget_free_with_state(zb_budget *b)
{
    b->self_free = 1;
}

static void trip(zb_budget *b, int what)
{
    if (!b->tripped)
        b->tripped = what;
}

void zb_budget_trip_memory(zb_budget *b)
{
    trip(b, ZB_BUDGET_MEMORY);
    if (!b->grace_used && b->mem_limit != NO_MEMORY_LIMIT) {
        b->grace_used = 1;
        size_t base = b->used > b->mem_limit ? b->used : b->mem_limit;
        b->mem_limit = base > NO_MEMORY_LIMIT - ZB_BUDGET_GRACE ? NO_MEMORY_LIMIT : base + ZB_BUDGET_GRACE;
    }
}

/* A refused request.  Lua retries a refused allocation once after an
 * emergency collection; the same request refused again is the limit hit. */
static void *refuse(zb_budget *b, const void *ptr, size_t osize, size_t nsize)
{
    if (b->pending && b->pend_ptr == ptr && b->pend_osize == osize && b->pend_nsize == nsize) {
        b->pending = 0;
        zb_budget_trip_memory(b);
    } else {
        b->pending = 1;
        b->pend_ptr = ptr;
        b->pend_osize = osize;
        b->pend_nsize = nsize;
    }
    return NULL;
}

void *zb_budget_alloc(void *ud, void *ptr, size_t osize, size_t nsize)
{
    zb_budget *b = ud;
    size_t old = ptr ? osize : 0; /* without a block, osize tells the kind of object */
    if (nsize == 0) {
        free(ptr);
        b->used -= old;
        if (b->used == 0 && b->self_free)
            free(b); /* the state's last block: lua_close is done with us */
        return NULL;
    }
    if (b->pending && nsize > old &&
        !(b->pend_ptr == ptr && b->pend_osize == osize && b->pend_nsize == nsize)) {
        /* Another request grows memory before the refused one came back:
         * nobody retried it (lauxlib's buffers call the allocator directly
         * and raise at once), so that refusal was the limit being hit. */
        b->pending = 0;
        zb_budget_trip_memory(b);
    }
    if (nsize > old) {
        size_t grow = nsize - old;
        if (grow > b->mem_limit || b->used > b->mem_limit - grow)
            return refuse(b, ptr, osize, nsize);
    }
    void *p = realloc(ptr, nsize);
    if (!p)
        return NULL; /* the system is out of memory: not our limit */
    b->used = b->used - old + nsize;
    if (b->used > b->peak)
        b->peak = b->used;
    if (nsize > old)
        b->pending = 0;
    return p;
}

size_t zb_budget_used(const zb_budget *b)
{
    return b->used;
}

size_t zb_budget_peak(const zb_budget *b)
{
    return b->peak;
}

size_t zb_budget_room(const zb_budget *b)
{
    if (b->mem_limit == NO_MEMORY_LIMIT)
        return SIZE_MAX;
    return b->used >= b->mem_limit ? 0 : b->mem_limit - b->used;
}

void zb_budget_enter(zb_budget *b, zb_budget_frame *f, size_t max_memory,
                     unsigned long long max_instructions)
{
    f->mem_limit = b->mem_limit;
    f->instr_used = b->instr_used;
    f->instr_limit = b->instr_limit;
    f->tripped = b->tripped;
    f->grace_used = b->grace_used;
    if (max_memory > 0) {
        size_t want = max_memory > NO_MEMORY_LIMIT - b->used ? NO_MEMORY_LIMIT : b->used + max_memory;
        if (want < b->mem_limit)
            b->mem_limit = want;
    }
    unsigned long long outer_left =
        b->instr_limit == NO_INSTR_LIMIT ? NO_INSTR_LIMIT
        : b->instr_used >= b->instr_limit ? 0 : b->instr_limit - b->instr_used;
    unsigned long long mine = max_instructions > 0 ? max_instructions : NO_INSTR_LIMIT;
    b->instr_limit = mine < outer_left ? mine : outer_left;
    b->instr_used = 0;
    b->tripped = 0;
    b->grace_used = 0;
    b->pending = 0;
    b->depth++;
}

void zb_budget_leave(zb_budget *b, const zb_budget_frame *f)
{
    unsigned long long inner = b->instr_used;
    b->mem_limit = f->mem_limit;
    b->instr_limit = f->instr_limit;
    b->instr_used = f->instr_used > NO_INSTR_LIMIT - inner ? NO_INSTR_LIMIT : f->instr_used + inner;
    b->tripped = f->tripped;
    b->grace_used = f->grace_used;
    b->pending = 0;
    b->depth--;
    if (b->instr_limit != NO_INSTR_LIMIT && b->instr_used > b->instr_limit)
        trip(b, ZB_BUDGET_INSTRUCTIONS);
}

int zb_budget_depth(const zb_budget *b)
{
    return b->depth;
}

int zb_budget_charge(zb_budget *b, unsigned long long n)
{
    b->instr_used = b->instr_used > NO_INSTR_LIMIT - n ? NO_INSTR_LIMIT : b->instr_used + n;
    if (b->instr_limit != NO_INSTR_LIMIT && b->instr_used > b->instr_limit) {
        trip(b, ZB_BUDGET_INSTRUCTIONS);
        return 1;
    }
    return 0;
}

unsigned long long zb_budget_instructions(const zb_budget *b)
{
    return b->instr_used;
}

void zb_budget_settle(zb_budget *b)
{
    if (b->pending) {
        b->pending = 0;
        zb_budget_trip_memory(b);
    }
}

int zb_budget_tripped(const zb_budget *b)
{
    return b->tripped;
}
