/* zb_budget — what a script may use: heap bytes and instructions.
 *
 * The memory half is an allocator with the lua_Alloc signature: a Lua state
 * created with it (lua_newstate(zb_budget_alloc, b)) counts every block, and
 * while a limit is in force a request that would pass it is refused.  Lua
 * answers a refusal with an emergency collection and one retry; only when
 * the retry is refused too does the script see a memory error, so only the
 * second refusal of the same request counts as the limit being hit.  Some
 * callers never retry (lauxlib's string buffers raise "not enough memory"
 * at once, and a pcall can catch that): a refusal not followed by its retry
 * before the next growing request, or still open when the call ends
 * (zb_budget_settle), counts as the limit being hit too.
 *
 * The instruction half is a counter the caller charges (a count hook charges
 * the Lua instructions it saw, the bounded string functions charge their
 * C work) and a limit it is compared against.
 *
 * Limits nest: zb_budget_enter starts a frame (a sandboxed call) with its own
 * limits, never looser than the frame around it; zb_budget_leave restores the
 * outer frame and charges it the inner frame's instructions.
 *
 * Ownership: zb_budget_new allocates; the caller frees with zb_budget_free,
 * or, once a Lua state allocates through the budget, calls
 * zb_budget_free_with_state and lets lua_close free it: the budget frees
 * itself when the state's last block is freed.  Frames live in the caller's
 * memory (usually its C stack).
 */
#ifndef ZB_BUDGET_H
#define ZB_BUDGET_H

#include <stddef.h>

/* What was exceeded (zb_budget_tripped). */
enum { ZB_BUDGET_MEMORY = 1, ZB_BUDGET_INSTRUCTIONS = 2 };

/* Bytes granted once after the memory limit is hit, so that the error can
 * still be reported (a message, a traceback) and cleanup can run. */
#define ZB_BUDGET_GRACE ((size_t)1 << 20)

typedef struct zb_budget_frame {
    size_t mem_limit;
    unsigned long long instr_used, instr_limit;
    int tripped, grace_used;
} zb_budget_frame;

typedef struct zb_budget zb_budget;

zb_budget *zb_budget_new(void);
void zb_budget_free(zb_budget *b);
/* From now on the budget frees itself when the last block allocated
 * through it is freed (lua_close frees the state's last block). */
void zb_budget_free_with_state(zb_budget *b);

/* The allocator (lua_Alloc).  ud is the zb_budget. */
void *zb_budget_alloc(void *ud, void *ptr, size_t osize, size_t nsize);

/* Bytes in use, the most ever in use, and the room left under the current
 * limit (SIZE_MAX without one). */
size_t zb_budget_used(const zb_budget *b);
size_t zb_budget_peak(const zb_budget *b);
size_t zb_budget_room(const zb_budget *b);

/* Starts a frame: at most max_memory more bytes than now (0: no new limit)
 * and max_instructions instructions (0: no new limit); the outer frame's
 * limits still hold.  The outer state is saved in *f. */
void zb_budget_enter(zb_budget *b, zb_budget_frame *f, size_t max_memory,
                     unsigned long long max_instructions);
/* Ends the frame started with f: the outer limits come back and the outer
 * frame is charged the instructions of this one. */
void zb_budget_leave(zb_budget *b, const zb_budget_frame *f);
/* Nesting depth: 0 when no frame is active. */
int zb_budget_depth(const zb_budget *b);

/* Charges n instructions.  Returns nonzero when the frame's instruction
 * limit is now exceeded (and marks it tripped). */
int zb_budget_charge(zb_budget *b, unsigned long long n);
unsigned long long zb_budget_instructions(const zb_budget *b);
/* Marks the memory limit as hit (for work refused before it allocates, such
 * as string.rep of 2^40 bytes) and grants the grace bytes. */
void zb_budget_trip_memory(zb_budget *b);
/* ZB_BUDGET_MEMORY, ZB_BUDGET_INSTRUCTIONS (which came first) or 0. */
/* A refusal still waiting for its retry is final: call when the limited
 * code has stopped running, before zb_budget_tripped. */
void zb_budget_settle(zb_budget *b);
int zb_budget_tripped(const zb_budget *b);

#endif
