#include "zb_idmap.h"

#include <stdlib.h>

static size_t slot_of(uint64_t key, size_t cap)
{
    /* The packed region/indicator/year keys differ in a few bits here and
     * there; a full 64-bit mix (murmur3's finaliser) spreads them over every
     * bit, so that linear probing sees short runs. */
    key ^= key >> 33;
    key *= 0xff51afd7ed558ccdULL;
    key ^= key >> 33;
    key *= 0xc4ceb9fe1a85ec53ULL;
    key ^= key >> 33;
    return (size_t)key & (cap - 1);
}

void zb_idmap_init(zb_idmap *m)
{
    m->keys = NULL;
    m->values = NULL;
    m->cap = 0;
    m->count = 0;
}

void zb_idmap_free(zb_idmap *m)
{
    free(m->keys);
    free(m->values);
    zb_idmap_init(m);
}

static int rehash(zb_idmap *m, size_t cap)
{
    uint64_t *keys = calloc(cap, sizeof *keys);
    uint32_t *values = malloc(cap * sizeof *values);
    if (!keys || !values) {
        free(keys);
        free(values);
        return -1;
    }
    for (size_t i = 0; i < m->cap; i++) {
        if (!m->keys[i])
            continue;
        size_t j = slot_of(m->keys[i] - 1, cap);
        while (keys[j])
            j = (j + 1) & (cap - 1);
        keys[j] = m->keys[i];
        values[j] = m->values[i];
    }
    free(m->keys);
    free(m->values);
    m->keys = keys;
    m->values = values;
    m->cap = cap;
    return 0;
}

int zb_idmap_reserve(zb_idmap *m, size_t n)
{
    size_t cap = m->cap ? m->cap : 16;
    while (cap / 4 * 3 < n)
        cap *= 2;
    return cap == m->cap ? 0 : rehash(m, cap);
}

int zb_idmap_put(zb_idmap *m, uint64_t key, uint32_t value, uint32_t *existing)
{
    if ((m->count + 1) * 4 > m->cap * 3 && zb_idmap_reserve(m, m->count + 1) != 0)
        return -1;
    size_t i = slot_of(key, m->cap);
    while (m->keys[i]) {
        if (m->keys[i] == key + 1) {
            if (existing)
                *existing = m->values[i];
            return 0;
        }
        i = (i + 1) & (m->cap - 1);
    }
    m->keys[i] = key + 1;
    m->values[i] = value;
    m->count++;
    return 1;
}

int zb_idmap_get(const zb_idmap *m, uint64_t key, uint32_t *value)
{
    if (m->cap == 0)
        return 0;
    size_t i = slot_of(key, m->cap);
    while (m->keys[i]) {
        if (m->keys[i] == key + 1) {
            *value = m->values[i];
            return 1;
        }
        i = (i + 1) & (m->cap - 1);
    }
    return 0;
}

size_t zb_idmap_probe_total(const zb_idmap *m)
{
    size_t total = 0;
    for (size_t i = 0; i < m->cap; i++)
        if (m->keys[i])
            total += ((i - slot_of(m->keys[i] - 1, m->cap)) & (m->cap - 1)) + 1;
    return total;
}
