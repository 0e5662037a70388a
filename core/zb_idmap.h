/* zb_idmap — an open-addressing hash map from 64-bit keys to 32-bit values.
 *
 * The store's O(1) lookups (region code -> region, region x indicator x year
 * -> observation row) are all integer keys; one flat table of 12-byte slots
 * beats a general map and allocates nothing per entry.
 *
 * Ownership: the map owns its slot array; zb_idmap_free releases it.  The
 * struct itself is the caller's (usually embedded in another struct).
 */
#ifndef ZB_IDMAP_H
#define ZB_IDMAP_H

#include <stddef.h>
#include <stdint.h>

typedef struct zb_idmap {
    uint64_t *keys;   /* key + 1, so that 0 marks an empty slot */
    uint32_t *values;
    size_t cap, count;
} zb_idmap;

void zb_idmap_init(zb_idmap *m);
void zb_idmap_free(zb_idmap *m);
/* Reserves room for n entries in all; returns -1 on OOM. */
int zb_idmap_reserve(zb_idmap *m, size_t n);
/* Inserts key -> value unless present.  Returns 1 if inserted, 0 if the key
 * was already there (*existing gets its value), -1 on OOM.  key must be
 * below UINT64_MAX. */
int zb_idmap_put(zb_idmap *m, uint64_t key, uint32_t value, uint32_t *existing);
/* Returns 1 and sets *value when found, else 0. */
int zb_idmap_get(const zb_idmap *m, uint64_t key, uint32_t *value);
/* The slots all lookups of present keys visit together (count when every
 * key sits in its own slot): a measure of how well keys spread, for tests
 * and benchmarks. */
size_t zb_idmap_probe_total(const zb_idmap *m);

#endif
