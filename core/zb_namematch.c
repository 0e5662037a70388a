#include "zb_namematch.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

typedef struct entry {
    char *name, *full, *stripped;
    long id;
} entry;

struct zb_namematch {
    entry *items;
    size_t count, cap;
};

/* Appends code point cp as UTF-8. */
static size_t put(char *out, int32_t cp)
{
    return (size_t)utf8proc_encode_char(cp, (utf8proc_uint8_t *)out);
}

static int is_open(int32_t cp)
{
    return cp == '(' || cp == '[' || cp == '{' || cp == 0x3010 || cp == 0x3014 || cp == 0x3016 ||
           cp == 0x3008 || cp == 0x300A || cp == 0xFF08;
}

static int is_close(int32_t cp)
{
    return cp == ')' || cp == ']' || cp == '}' || cp == 0x3011 || cp == 0x3015 || cp == 0x3017 ||
           cp == 0x3009 || cp == 0x300B || cp == 0xFF09;
}

static int is_dropped(int32_t cp)
{
    /* spaces and the quotes a name is sometimes written with */
    return cp == ' ' || cp == '\t' || cp == '\r' || cp == '\n' || cp == 0x3000 || cp == 0xA0 ||
           cp == '"' || cp == '\'' || cp == 0x201C || cp == 0x201D || cp == 0x2018 || cp == 0x2019 ||
           cp == 0x300C || cp == 0x300D || cp == 0x300E || cp == 0x300F || cp == '*';
}

/* Removes a suffix equal to tail (when something is left before it). */
static void drop_suffix(char *s, const char *tail)
{
    size_t n = strlen(s), t = strlen(tail);
    if (t && n > t && strcmp(s + n - t, tail) == 0)
        s[n - t] = '\0';
}

char *zb_name_key(const char *name, int strip, const char *unit)
{
    utf8proc_uint8_t *norm = NULL;
    utf8proc_ssize_t len = utf8proc_map((const utf8proc_uint8_t *)name, 0, &norm,
                                        UTF8PROC_NULLTERM | UTF8PROC_STABLE | UTF8PROC_COMPOSE |
                                            UTF8PROC_COMPAT | UTF8PROC_CASEFOLD | UTF8PROC_IGNORE);
    if (len < 0)
        return NULL;
    char *out = malloc((size_t)len + 1);
    if (!out) {
        free(norm);
        return NULL;
    }
    size_t o = 0;
    int depth = 0;
    utf8proc_ssize_t i = 0;
    while (i < len) {
        int32_t cp;
        utf8proc_ssize_t n = utf8proc_iterate(norm + i, len - i, &cp);
        if (n <= 0)
            break;
        i += n;
        if (is_dropped(cp))
            continue;
        if (is_open(cp)) {
            depth++;
            if (!strip)
                out[o++] = '(';
            continue;
        }
        if (is_close(cp)) {
            if (depth > 0)
                depth--;
            if (!strip)
                out[o++] = ')';
            continue;
        }
        if (strip && depth > 0)
            continue;
        o += put(out + o, cp);
    }
    out[o] = '\0';
    free(norm);
    if (strip) {
        drop_suffix(out, "%");
        drop_suffix(out, "\xE2\x80\xB0"); /* ‰ */
        if (unit && *unit) {
            char *u = zb_name_key(unit, 0, NULL);
            if (u) {
                drop_suffix(out, u);
                free(u);
            }
        }
    }
    return out;
}

/* Decodes s into code points; returns the count (capped at max). */
static size_t decode(const char *s, int32_t *cps, size_t max)
{
    size_t n = 0, len = strlen(s), i = 0;
    while (i < len && n < max) {
        int32_t cp;
        utf8proc_ssize_t k = utf8proc_iterate((const utf8proc_uint8_t *)s + i, (utf8proc_ssize_t)(len - i), &cp);
        if (k <= 0) {
            cp = (unsigned char)s[i];
            k = 1;
        }
        cps[n++] = cp;
        i += (size_t)k;
    }
    return n;
}

enum { MAX_CPS = 256 };

size_t zb_name_distance(const char *a, const char *b)
{
    int32_t x[MAX_CPS], y[MAX_CPS];
    size_t n = decode(a, x, MAX_CPS), m = decode(b, y, MAX_CPS);
    size_t row[MAX_CPS + 1];
    for (size_t j = 0; j <= m; j++)
        row[j] = j;
    for (size_t i = 1; i <= n; i++) {
        size_t diag = row[0];
        row[0] = i;
        for (size_t j = 1; j <= m; j++) {
            size_t up = row[j];
            size_t best = diag + (x[i - 1] == y[j - 1] ? 0 : 1);
            if (up + 1 < best)
                best = up + 1;
            if (row[j - 1] + 1 < best)
                best = row[j - 1] + 1;
            row[j] = best;
            diag = up;
        }
    }
    return row[m];
}

zb_namematch *zb_namematch_new(void) { return calloc(1, sizeof(zb_namematch)); }

void zb_namematch_free(zb_namematch *m)
{
    if (!m)
        return;
    for (size_t i = 0; i < m->count; i++) {
        free(m->items[i].name);
        free(m->items[i].full);
        free(m->items[i].stripped);
    }
    free(m->items);
    free(m);
}

int zb_namematch_add(zb_namematch *m, const char *name, long id)
{
    if (m->count == m->cap) {
        size_t cap = m->cap ? m->cap * 2 : 64;
        entry *items = realloc(m->items, cap * sizeof *items);
        if (!items)
            return -1;
        m->items = items;
        m->cap = cap;
    }
    entry e = {strdup(name), zb_name_key(name, 0, NULL), zb_name_key(name, 1, NULL), id};
    if (!e.name || !e.full || !e.stripped) {
        free(e.name);
        free(e.full);
        free(e.stripped);
        return -1;
    }
    m->items[m->count++] = e;
    return 0;
}

/* Adds id to ids unless there; returns the new count. */
static size_t add_id(long *ids, size_t n, size_t max, long id, size_t *total)
{
    for (size_t i = 0; i < n; i++)
        if (ids[i] == id)
            return n;
    (*total)++;
    if (n < max)
        ids[n++] = id;
    return n;
}

long zb_namematch_find(const zb_namematch *m, const char *name, const char *unit,
                       long *ids, size_t nids, size_t *nfound)
{
    if (nfound)
        *nfound = 0;
    char *full = zb_name_key(name, 0, NULL);
    if (!full)
        return ZB_MATCH_NONE;
    long found = ZB_MATCH_NONE;
    for (size_t i = 0; i < m->count && found == ZB_MATCH_NONE; i++)
        if (strcmp(m->items[i].full, full) == 0)
            found = m->items[i].id;
    free(full);
    if (found != ZB_MATCH_NONE)
        return found;
    char *stripped = zb_name_key(name, 1, unit);
    if (!stripped || !*stripped) {
        free(stripped);
        return ZB_MATCH_NONE;
    }
    long local[8];
    size_t n = 0, total = 0;
    for (size_t i = 0; i < m->count; i++)
        if (strcmp(m->items[i].stripped, stripped) == 0)
            n = add_id(local, n, 8, m->items[i].id, &total);
    free(stripped);
    if (total == 1)
        return local[0];
    if (total == 0)
        return ZB_MATCH_NONE;
    for (size_t i = 0; i < n && i < nids; i++)
        ids[i] = local[i];
    if (nfound)
        *nfound = total;
    return ZB_MATCH_AMBIGUOUS;
}

/* Are the characters of a all in b, in order? */
static int is_subsequence(const char *a, const char *b)
{
    int32_t x[MAX_CPS], y[MAX_CPS];
    size_t n = decode(a, x, MAX_CPS), m = decode(b, y, MAX_CPS), j = 0;
    for (size_t i = 0; i < m && j < n; i++)
        if (y[i] == x[j])
            j++;
    return n > 0 && j == n;
}

size_t zb_namematch_suggest(const zb_namematch *m, const char *name, const char *unit,
                            long *ids, const char **names, size_t n)
{
    char *key = zb_name_key(name, 1, unit);
    if (!key || n == 0) {
        free(key);
        return 0;
    }
    int32_t tmp[MAX_CPS];
    size_t klen = decode(key, tmp, MAX_CPS);
    size_t limit = klen / 3 > 2 ? klen / 3 : 2;
    size_t count = 0;
    size_t dist[16];
    if (n > 16)
        n = 16;
    for (size_t i = 0; i < m->count; i++) {
        size_t d = zb_name_distance(key, m->items[i].stripped);
        /* A name with words left out (城镇居民可支配收入 for
         * 城镇常住居民人均可支配收入) is near however many were left out. */
        if (d > limit && !(klen >= 4 && (is_subsequence(key, m->items[i].stripped) ||
                                         is_subsequence(m->items[i].stripped, key))))
            continue;
        /* The same id by a nearer alias replaces its entry. */
        size_t at = count;
        for (size_t j = 0; j < count; j++)
            if (ids[j] == m->items[i].id)
                at = j;
        if (at < count) {
            if (d >= dist[at])
                continue;
            for (size_t j = at; j + 1 < count; j++) {
                ids[j] = ids[j + 1];
                dist[j] = dist[j + 1];
                if (names)
                    names[j] = names[j + 1];
            }
            count--;
        }
        /* Insert in order of distance, then of addition. */
        size_t pos = count;
        while (pos > 0 && dist[pos - 1] > d)
            pos--;
        if (pos >= n)
            continue;
        size_t last = count < n ? count : n - 1;
        for (size_t j = last; j > pos; j--) {
            ids[j] = ids[j - 1];
            dist[j] = dist[j - 1];
            if (names)
                names[j] = names[j - 1];
        }
        ids[pos] = m->items[i].id;
        dist[pos] = d;
        if (names)
            names[pos] = m->items[i].name;
        if (count < n)
            count++;
    }
    free(key);
    return count;
}
