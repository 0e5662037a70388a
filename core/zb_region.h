/* zb_region — the administrative hierarchy: province, city, county, zone.
 *
 * Regions are rows in one array, addressed by index; the code (GB/T 2260,
 * or PARENT-ABBR for a zone without one) maps to the index in O(1).  The
 * parent link and a first-child/next-sibling chain let rollup walk any depth
 * the regions file gives.
 *
 * Ownership: a zb_regions belongs to its dataset; zb_region pointers are
 * borrowed and valid until the next zb_regions_add or the dataset's free.
 * Names are strtab ids (see zb_strtab.h).
 */
#ifndef ZB_REGION_H
#define ZB_REGION_H

#include <stddef.h>
#include <stdint.h>

#include "zb_diag.h"
#include "zb_idmap.h"
#include "zb_strtab.h"

typedef enum {
    ZB_LEVEL_COUNTRY = 0,
    ZB_LEVEL_PROVINCE,
    ZB_LEVEL_CITY,
    ZB_LEVEL_COUNTY,
    ZB_LEVEL_ZONE,
    ZB_LEVEL_COUNT
} zb_level;

typedef struct zb_region {
    uint32_t code, name, name_en, source, parent_code; /* strtab ids */
    zb_level level;
    int32_t parent;        /* index, -1 at the top or until resolved */
    int32_t first_child, next_sibling;
    uint32_t nchildren;
    unsigned long line;        /* row in the regions file */
    unsigned long parent_col;  /* column of its parent cell, for errors */
} zb_region;

typedef struct zb_regions {
    zb_region *items;
    size_t count, cap;
    zb_idmap by_code;          /* code id -> index */
    /* What the loader could not read, so that a row naming such a region is
     * not reported again as an unknown code (one root cause, one error):
     * unread when the regions file failed as a whole (missing, not UTF-8,
     * no usable header, no row read), and the codes of the rows it dropped
     * for errors (code id -> line). */
    int unread;
    zb_idmap dropped;
} zb_regions;

void zb_regions_init(zb_regions *rs);
void zb_regions_free(zb_regions *rs);
/* Appends a region; returns its index, -1 on OOM, -2 when the code exists
 * (then *existing is the index of the first). */
long zb_regions_add(zb_regions *rs, const zb_region *r, long *existing);
/* Index of the region with this code id, or -1. */
long zb_regions_find(const zb_regions *rs, uint32_t code_id);
/* Records a region row dropped for errors (code id, its line); -1 on OOM. */
int zb_regions_drop(zb_regions *rs, uint32_t code_id, unsigned long line);
/* The line of the dropped row with this code, or 0 when none was dropped. */
unsigned long zb_regions_dropped(const zb_regions *rs, uint32_t code_id);
/* Resolves parents and checks the hierarchy: unknown parent, a cycle, a
 * parent not strictly above its child (a county above a city).  Problems
 * go to diags under file; returns the number of errors. */
size_t zb_regions_link(zb_regions *rs, const zb_strtab *strs, const char *file,
                       zb_diags *diags);

/* Checks a region code against its level and parent (docs/dataset-format.md):
 * six ASCII digits (GB/T 2260, 520502), or for a zone without a standard
 * code PARENT-ABBR (520500-JHH), PARENT being its parent's code and ABBR
 * letters and digits.  code and parent are NUL-terminated ("" for no
 * parent).  Returns 0, or -1 with a message (quoting the code, saying what
 * was found and what is expected) in msg and, in *col, the 1-based
 * character of code it is about (one past the end for a code cut short). */
int zb_region_code_check(const char *code, zb_level level, const char *parent, char *msg,
                         size_t msglen, size_t *col);

/* "province" ... ; -1 when unknown (Chinese names 省/市/县/区 accepted). */
int zb_level_parse(const char *s);
const char *zb_level_name(zb_level level);      /* "city" */
const char *zb_level_label(zb_level level);     /* 市 / city, by language */
/* Rank for the "strictly above" rule: zones sit with counties. */
int zb_level_rank(zb_level level);

#endif
