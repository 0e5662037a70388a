/* zb_pattern — Lua patterns (manual §6.4.1) with a bound on the work.
 *
 * The matcher of Lua's string library backtracks: string.find(("a"):rep(40),
 * ("a*"):rep(40) .. "b") runs for longer than anyone waits, inside one C
 * call where no instruction hook fires.  This matcher accepts the same
 * patterns with the same results, and counts its steps: every so many steps
 * it calls the charge function, which can stop the match (the sandbox
 * charges the steps to the script's instruction limit).
 *
 * It works on byte strings with explicit lengths (embedded zeros allowed),
 * like Lua.  Errors in a pattern set status ZB_PATTERN_BAD and a message in
 * m->error that reads as Lua's own ("malformed pattern (missing ']')").
 *
 * Ownership: nothing allocates; a zb_pattern lives in the caller's memory
 * and points into the caller's subject and pattern.
 */
#ifndef ZB_PATTERN_H
#define ZB_PATTERN_H

#include <stddef.h>

#define ZB_PATTERN_MAXCAPTURES 32
/* Nesting of the matcher's recursion, as Lua's MAXCCALLS. */
#define ZB_PATTERN_MAXDEPTH 200
/* Steps between two calls of the charge function. */
#define ZB_PATTERN_CHARGE_EVERY 1024

enum { ZB_CAP_UNFINISHED = -1, ZB_CAP_POSITION = -2 };
enum { ZB_PATTERN_OK = 0, ZB_PATTERN_BAD = 1, ZB_PATTERN_STOPPED = 2 };

/* Called with the steps done since the last call; nonzero stops the match. */
typedef int (*zb_pattern_charge)(void *ud, unsigned long steps);

typedef struct zb_pattern {
    const char *src, *src_end; /* the subject */
    const char *pat, *pat_end; /* the pattern, after any '^' the caller took */
    int level;                 /* captures open or closed so far */
    struct {
        const char *init;
        ptrdiff_t len; /* a length, ZB_CAP_UNFINISHED or ZB_CAP_POSITION */
    } cap[ZB_PATTERN_MAXCAPTURES];
    int depth; /* recursion left */
    unsigned long steps;
    zb_pattern_charge charge;
    void *ud;
    int status;
    char error[96];
} zb_pattern;

/* Prepares a match of pat against src; charge may be NULL (no bound). */
void zb_pattern_init(zb_pattern *m, const char *src, size_t srclen, const char *pat, size_t patlen,
                     zb_pattern_charge charge, void *ud);
/* Tries the pattern at s (src <= s <= src_end), anchored there.  Returns
 * the end of the match, or NULL: no match, or m->status set. */
const char *zb_pattern_match(zb_pattern *m, const char *s);
/* Hands the steps not yet charged to the charge function; nonzero (and
 * status ZB_PATTERN_STOPPED) when it says stop. */
int zb_pattern_flush(zb_pattern *m);
/* Does p[0..len) have none of the characters that make it a pattern? */
int zb_pattern_is_plain(const char *p, size_t len);
/* Plain search for p in m's subject from s, charging as a match does.
 * Returns the start of the first occurrence or NULL (not found, or
 * m->status set). */
const char *zb_pattern_find_plain(zb_pattern *m, const char *s, const char *p, size_t lp);

#endif
