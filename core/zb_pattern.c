/* The matcher follows the semantics of the Lua 5.4 manual (§6.4.1) and the
 * behaviour of its string library in the corners the manual leaves open (a
 * ']' first in a set is literal, '$' is an anchor only at the very end),
 * so that the sandbox's string.find is Lua's string.find with a bound. */
#include "zb_pattern.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>

#define ESC '%'
#define SPECIALS "^$*+?.([%-"

static const char *fail(zb_pattern *m, const char *msg)
{
    if (m->status == ZB_PATTERN_OK) {
        m->status = ZB_PATTERN_BAD;
        snprintf(m->error, sizeof m->error, "%s", msg);
    }
    return NULL;
}

/* One step of work; returns 0 when the match must stop. */
static int step(zb_pattern *m, unsigned long n)
{
    m->steps += n;
    if (m->steps >= ZB_PATTERN_CHARGE_EVERY)
        return zb_pattern_flush(m) == 0;
    return 1;
}

int zb_pattern_flush(zb_pattern *m)
{
    unsigned long n = m->steps;
    m->steps = 0;
    if (m->charge && n > 0 && m->charge(m->ud, n)) {
        if (m->status == ZB_PATTERN_OK)
            m->status = ZB_PATTERN_STOPPED;
        return 1;
    }
    return m->status == ZB_PATTERN_STOPPED;
}

void zb_pattern_init(zb_pattern *m, const char *src, size_t srclen, const char *pat, size_t patlen,
                     zb_pattern_charge charge, void *ud)
{
    memset(m, 0, sizeof *m);
    m->src = src;
    m->src_end = src + srclen;
    m->pat = pat;
    m->pat_end = pat + patlen;
    m->charge = charge;
    m->ud = ud;
}

int zb_pattern_is_plain(const char *p, size_t len)
{
    for (size_t i = 0; i < len; i++)
        if (p[i] != '\0' && strchr(SPECIALS, p[i]))
            return 0;
    return 1;
}

/* Does byte c belong to the class named by letter cl (%a, %D, ...)?  Any
 * other letter stands for itself (%. is a dot). */
static int in_class(int c, int cl)
{
    int yes;
    switch (tolower(cl)) {
    case 'a': yes = isalpha(c); break;
    case 'c': yes = iscntrl(c); break;
    case 'd': yes = isdigit(c); break;
    case 'g': yes = isgraph(c); break;
    case 'l': yes = islower(c); break;
    case 'p': yes = ispunct(c); break;
    case 's': yes = isspace(c); break;
    case 'u': yes = isupper(c); break;
    case 'w': yes = isalnum(c); break;
    case 'x': yes = isxdigit(c); break;
    case 'z': yes = c == 0; break; /* deprecated in Lua 5.2, still accepted */
    default: return cl == c;
    }
    if (isupper(cl))
        yes = !yes;
    return yes != 0;
}

/* Does c belong to the set that opens at set[0] == '[' and closes at
 * close[0] == ']'? */
static int in_set(int c, const char *set, const char *close)
{
    int want = 1;
    const char *p = set + 1;
    if (*p == '^') {
        want = 0;
        p++;
    }
    while (p < close) {
        if (*p == ESC && p + 1 < close) {
            if (in_class(c, (unsigned char)p[1]))
                return want;
            p += 2;
        } else if (p + 2 < close && p[1] == '-') {
            if ((unsigned char)p[0] <= c && c <= (unsigned char)p[2])
                return want;
            p += 3;
        } else {
            if ((unsigned char)*p == c)
                return want;
            p++;
        }
    }
    return !want;
}

/* The end of the single-character class that starts at p. */
static const char *item_end(zb_pattern *m, const char *p)
{
    char c = *p++;
    if (c == ESC) {
        if (p >= m->pat_end)
            return fail(m, "malformed pattern (ends with '%')");
        return p + 1;
    }
    if (c == '[') {
        if (p < m->pat_end && *p == '^')
            p++;
        /* The first character of a set is a member even when it is ']'. */
        do {
            if (p >= m->pat_end)
                return fail(m, "malformed pattern (missing ']')");
            if (*p++ == ESC && p < m->pat_end)
                p++;
        } while (p >= m->pat_end || *p != ']');
        return p + 1;
    }
    return p;
}

/* Does the subject byte at s match the single class p..ep? */
static int single(zb_pattern *m, const char *s, const char *p, const char *ep)
{
    if (s >= m->src_end)
        return 0;
    int c = (unsigned char)*s;
    switch (*p) {
    case '.': return 1;
    case ESC: return in_class(c, (unsigned char)p[1]);
    case '[': return in_set(c, p, ep - 1);
    default: return (unsigned char)*p == c;
    }
}

static const char *match(zb_pattern *m, const char *s, const char *p);

static const char *greedy(zb_pattern *m, const char *s, const char *p, const char *ep)
{
    size_t n = 0;
    while (single(m, s + n, p, ep)) {
        n++;
        if (!step(m, 1))
            return NULL;
    }
    /* Longest first, giving back one character at a time. */
    for (;;) {
        const char *r = match(m, s + n, ep + 1);
        if (r || m->status)
            return r;
        if (n == 0)
            return NULL;
        n--;
    }
}

static const char *lazy(zb_pattern *m, const char *s, const char *p, const char *ep)
{
    for (;;) {
        const char *r = match(m, s, ep + 1);
        if (r || m->status)
            return r;
        if (!single(m, s, p, ep) || !step(m, 1))
            return NULL;
        s++;
    }
}

static const char *open_capture(zb_pattern *m, const char *s, const char *p, ptrdiff_t what)
{
    if (m->level >= ZB_PATTERN_MAXCAPTURES)
        return fail(m, "too many captures");
    m->cap[m->level].init = s;
    m->cap[m->level].len = what;
    m->level++;
    const char *r = match(m, s, p);
    if (!r)
        m->level--;
    return r;
}

static const char *close_capture(zb_pattern *m, const char *s, const char *p)
{
    int l = m->level - 1;
    while (l >= 0 && m->cap[l].len != ZB_CAP_UNFINISHED)
        l--;
    if (l < 0)
        return fail(m, "invalid pattern capture");
    m->cap[l].len = s - m->cap[l].init;
    const char *r = match(m, s, p);
    if (!r)
        m->cap[l].len = ZB_CAP_UNFINISHED;
    return r;
}

/* %bxy at s: x, then a balanced run up to the matching y. */
static const char *balanced(zb_pattern *m, const char *s, const char *p)
{
    if (p + 1 >= m->pat_end)
        return fail(m, "malformed pattern (missing arguments to '%b')");
    if (s >= m->src_end || *s != p[0])
        return NULL;
    char open = p[0], close = p[1];
    int depth = 1;
    while (++s < m->src_end) {
        if (!step(m, 1))
            return NULL;
        if (*s == close) {
            if (--depth == 0)
                return s + 1;
        } else if (*s == open) {
            depth++;
        }
    }
    return NULL;
}

/* %1..%9 at s: the same text as that capture. */
static const char *backref(zb_pattern *m, const char *s, int digit)
{
    int l = digit - '1';
    if (l < 0 || l >= m->level || m->cap[l].len == ZB_CAP_UNFINISHED) {
        snprintf(m->error, sizeof m->error, "invalid capture index %%%d", l + 1);
        if (m->status == ZB_PATTERN_OK)
            m->status = ZB_PATTERN_BAD;
        return NULL;
    }
    size_t len = (size_t)m->cap[l].len; /* a position capture is huge here and never matches */
    if (!step(m, 1 + len / 64))
        return NULL;
    if ((size_t)(m->src_end - s) >= len && memcmp(m->cap[l].init, s, len) == 0)
        return s + len;
    return NULL;
}

/* %f[set] at s: the previous byte is not in the set and this one is. */
static const char *frontier(zb_pattern *m, const char *s, const char *p, const char **next)
{
    if (p >= m->pat_end || *p != '[')
        return fail(m, "missing '[' after '%f' in pattern");
    const char *ep = item_end(m, p);
    if (!ep)
        return NULL;
    int prev = s == m->src ? 0 : (unsigned char)s[-1];
    int cur = s < m->src_end ? (unsigned char)*s : 0;
    if (!in_set(prev, p, ep - 1) && in_set(cur, p, ep - 1)) {
        *next = ep;
        return s;
    }
    return NULL;
}

static const char *match(zb_pattern *m, const char *s, const char *p)
{
    if (m->status)
        return NULL;
    if (m->depth-- <= 0) {
        m->depth++;
        return fail(m, "pattern too complex");
    }
    const char *r = NULL;
    for (;;) {
        if (!step(m, 1))
            break;
        if (p >= m->pat_end) {
            r = s;
            break;
        }
        if (*p == '(') {
            if (p + 1 < m->pat_end && p[1] == ')')
                r = open_capture(m, s, p + 2, ZB_CAP_POSITION);
            else
                r = open_capture(m, s, p + 1, ZB_CAP_UNFINISHED);
            break;
        }
        if (*p == ')') {
            r = close_capture(m, s, p + 1);
            break;
        }
        if (*p == '$' && p + 1 == m->pat_end) {
            r = s == m->src_end ? s : NULL;
            break;
        }
        if (*p == ESC && p + 1 < m->pat_end) {
            char c = p[1];
            if (c == 'b') {
                s = balanced(m, s, p + 2);
                if (!s)
                    break;
                p += 4;
                continue;
            }
            if (c == 'f') {
                const char *next;
                if (!frontier(m, s, p + 2, &next))
                    break;
                p = next;
                continue;
            }
            if (isdigit((unsigned char)c)) {
                s = backref(m, s, c);
                if (!s)
                    break;
                p += 2;
                continue;
            }
        }
        /* A single-character class, perhaps with a quantifier. */
        const char *ep = item_end(m, p);
        if (!ep)
            break;
        char q = ep < m->pat_end ? *ep : '\0';
        if (!single(m, s, p, ep)) {
            if (q == '*' || q == '?' || q == '-') {
                p = ep + 1; /* zero repetitions are fine */
                continue;
            }
            break;
        }
        if (q == '?') {
            r = match(m, s + 1, ep + 1);
            if (r || m->status)
                break;
            p = ep + 1;
            continue;
        }
        if (q == '+') {
            r = greedy(m, s + 1, p, ep);
            break;
        }
        if (q == '*') {
            r = greedy(m, s, p, ep);
            break;
        }
        if (q == '-') {
            r = lazy(m, s, p, ep);
            break;
        }
        s++;
        p = ep;
    }
    m->depth++;
    return m->status ? NULL : r;
}

const char *zb_pattern_match(zb_pattern *m, const char *s)
{
    m->level = 0;
    m->depth = ZB_PATTERN_MAXDEPTH;
    return match(m, s, m->pat);
}

const char *zb_pattern_find_plain(zb_pattern *m, const char *s, const char *p, size_t lp)
{
    if (lp == 0)
        return s;
    size_t left = (size_t)(m->src_end - s);
    while (left >= lp) {
        const char *hit = memchr(s, p[0], left - lp + 1);
        if (!hit)
            return NULL;
        if (!step(m, 1 + lp / 64))
            return NULL;
        if (memcmp(hit + 1, p + 1, lp - 1) == 0)
            return hit;
        left -= (size_t)(hit + 1 - s);
        s = hit + 1;
    }
    return NULL;
}
