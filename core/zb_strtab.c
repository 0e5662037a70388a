#include "zb_strtab.h"

#include <stdlib.h>
#include <string.h>

/* Strings are packed into large blocks so interning a million codes costs a
 * handful of mallocs, not a million. */
enum { BLOCK_SIZE = 64 * 1024 };

typedef struct block {
    struct block *next;
    size_t used, cap;
    char data[];
} block;

struct zb_strtab {
    block *blocks;
    const char **strings; /* id -> string */
    uint32_t *lengths;
    size_t count, cap;    /* ids in use (including 0), capacity */
    uint32_t *slots;      /* open-addressing hash: id or 0 */
    size_t nslots;
    size_t bytes;
};

static uint64_t hash_bytes(const char *s, size_t len)
{
    uint64_t h = 1469598103934665603ULL; /* FNV-1a */
    for (size_t i = 0; i < len; i++) {
        h ^= (unsigned char)s[i];
        h *= 1099511628211ULL;
    }
    /* FNV's multiply carries each byte only upwards, and the slot is taken
     * from the low bits: codes such as K000001..K999000 crowd together.
     * MurmurHash3's finaliser mixes the high bits down. */
    h ^= h >> 33;
    h *= 0xff51afd7ed558ccdULL;
    h ^= h >> 33;
    h *= 0xc4ceb9fe1a85ec53ULL;
    h ^= h >> 33;
    return h;
}

zb_strtab *zb_strtab_new(void)
{
    zb_strtab *t = calloc(1, sizeof *t);
    if (!t)
        return NULL;
    t->cap = 64;
    t->strings = malloc(t->cap * sizeof *t->strings);
    t->lengths = malloc(t->cap * sizeof *t->lengths);
    t->nslots = 128;
    t->slots = calloc(t->nslots, sizeof *t->slots);
    if (!t->strings || !t->lengths || !t->slots) {
        zb_strtab_free(t);
        return NULL;
    }
    t->strings[0] = "";
    t->lengths[0] = 0;
    t->count = 1;
    return t;
}

void zb_strtab_free(zb_strtab *t)
{
    if (!t)
        return;
    block *b = t->blocks;
    while (b) {
        block *next = b->next;
        free(b);
        b = next;
    }
    free(t->strings);
    free(t->lengths);
    free(t->slots);
    free(t);
}

static char *arena_store(zb_strtab *t, const char *s, size_t len)
{
    block *b = t->blocks;
    if (!b || b->cap - b->used < len + 1) {
        size_t cap = len + 1 > BLOCK_SIZE ? len + 1 : BLOCK_SIZE;
        block *nb = malloc(sizeof *nb + cap);
        if (!nb)
            return NULL;
        nb->used = 0;
        nb->cap = cap;
        /* A big string gets its own block behind the current one so the
         * current block's free space is not wasted. */
        if (b && cap > BLOCK_SIZE) {
            nb->next = b->next;
            b->next = nb;
        } else {
            nb->next = b;
            t->blocks = nb;
        }
        b = nb;
    }
    char *p = b->data + b->used;
    memcpy(p, s, len);
    p[len] = '\0';
    b->used += len + 1;
    t->bytes += len + 1;
    return p;
}

static int grow_slots(zb_strtab *t)
{
    size_t n = t->nslots * 2;
    uint32_t *slots = calloc(n, sizeof *slots);
    if (!slots)
        return -1;
    for (size_t id = 1; id < t->count; id++) {
        size_t i = hash_bytes(t->strings[id], t->lengths[id]) & (n - 1);
        while (slots[i])
            i = (i + 1) & (n - 1);
        slots[i] = (uint32_t)id;
    }
    free(t->slots);
    t->slots = slots;
    t->nslots = n;
    return 0;
}

static size_t probe(const zb_strtab *t, const char *s, size_t len, uint64_t h)
{
    size_t i = h & (t->nslots - 1);
    while (t->slots[i]) {
        uint32_t id = t->slots[i];
        if (t->lengths[id] == len && memcmp(t->strings[id], s, len) == 0)
            return i;
        i = (i + 1) & (t->nslots - 1);
    }
    return i;
}

uint32_t zb_strtab_find(const zb_strtab *t, const char *s, size_t len)
{
    if (len == 0)
        return 0;
    return t->slots[probe(t, s, len, hash_bytes(s, len))];
}

uint32_t zb_strtab_intern(zb_strtab *t, const char *s, size_t len)
{
    if (len == 0)
        return 0;
    if (len > UINT32_MAX - 1)
        return UINT32_MAX;
    uint64_t h = hash_bytes(s, len);
    size_t i = probe(t, s, len, h);
    if (t->slots[i])
        return t->slots[i];
    if ((t->count + 1) * 4 > t->nslots * 3) { /* keep load under 3/4 */
        if (grow_slots(t) != 0)
            return UINT32_MAX;
        i = probe(t, s, len, h);
    }
    if (t->count == t->cap) {
        if (t->cap >= UINT32_MAX / 2)
            return UINT32_MAX;
        size_t cap = t->cap * 2;
        const char **strings = realloc(t->strings, cap * sizeof *strings);
        if (!strings)
            return UINT32_MAX;
        t->strings = strings;
        uint32_t *lengths = realloc(t->lengths, cap * sizeof *lengths);
        if (!lengths)
            return UINT32_MAX;
        t->lengths = lengths;
        t->cap = cap;
    }
    char *copy = arena_store(t, s, len);
    if (!copy)
        return UINT32_MAX;
    uint32_t id = (uint32_t)t->count++;
    t->strings[id] = copy;
    t->lengths[id] = (uint32_t)len;
    t->slots[i] = id;
    return id;
}

const char *zb_strtab_get(const zb_strtab *t, uint32_t id)
{
    if (id >= t->count)
        return "";
    return t->strings[id];
}

size_t zb_strtab_count(const zb_strtab *t) { return t->count - 1; }

size_t zb_strtab_bytes(const zb_strtab *t) { return t->bytes; }
