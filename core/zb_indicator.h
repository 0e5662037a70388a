/* zb_indicator — what an indicator is, and how it grows and aggregates.
 *
 * The kind decides the arithmetic (levels compound, rates move in points,
 * reductions are cumulative over a period); the aggregation rule decides how
 * a parent's value is made from its children's, with operands that name
 * other indicators (城镇化率 = ratio(urban_pop,resident_pop,100)).
 *
 * Ownership: a zb_indicators belongs to its dataset; pointers are borrowed
 * until the next add or the dataset's free.  Strings are strtab ids.
 */
#ifndef ZB_INDICATOR_H
#define ZB_INDICATOR_H

#include <stddef.h>
#include <stdint.h>

#include "zb_diag.h"
#include "zb_idmap.h"
#include "zb_strtab.h"

typedef enum {
    ZB_KIND_LEVEL = 0, ZB_KIND_RATE, ZB_KIND_PERCAP, ZB_KIND_STRUCTURE,
    ZB_KIND_REDUCTION, ZB_KIND_GROWTH, ZB_KIND_OTHER, ZB_KIND_COUNT
} zb_kind;

typedef enum { ZB_ATTR_NONE = 0, ZB_ATTR_ANTICIPATORY, ZB_ATTR_BINDING } zb_attribute;

typedef enum { ZB_DIR_UP = 0, ZB_DIR_DOWN, ZB_DIR_NONE } zb_direction;

typedef enum {
    ZB_AGG_NONE = 0, ZB_AGG_SUM, ZB_AGG_RATIO, ZB_AGG_WMEAN, ZB_AGG_STRUCTURE,
    ZB_AGG_GROWTH, ZB_AGG_MIN, ZB_AGG_MAX, ZB_AGG_COUNT
} zb_agg_rule;

enum { ZB_AGG_MAX_OPERANDS = 8 };

typedef struct zb_aggregation {
    zb_agg_rule rule;
    uint32_t noperands;
    uint32_t operand_code[ZB_AGG_MAX_OPERANDS]; /* strtab ids */
    int32_t operand[ZB_AGG_MAX_OPERANDS];       /* indicator index, -1 until linked */
    double scale;                               /* ratio only; 1 otherwise */
} zb_aggregation;

typedef struct zb_indicator {
    uint32_t code, name, name_en, unit, category, source, note; /* strtab ids */
    zb_attribute attribute;
    zb_kind kind;
    zb_direction direction;
    int decimals;
    zb_aggregation agg;
    int agg_given;             /* the file stated a rule (else default by kind) */
    unsigned long line, agg_col;
} zb_indicator;

typedef struct zb_indicators {
    zb_indicator *items;
    size_t count, cap;
    zb_idmap by_code;
    /* As for regions (zb_region.h): the indicators file failed as a whole,
     * and the codes of the rows dropped for errors (code id -> line), so
     * that rows and rules naming them are not reported once each. */
    int unread;
    zb_idmap dropped;
} zb_indicators;

void zb_indicators_init(zb_indicators *is);
void zb_indicators_free(zb_indicators *is);
/* Appends; returns the index, -1 on OOM, -2 when the code exists (then
 * *existing is the first one's index). */
long zb_indicators_add(zb_indicators *is, const zb_indicator *ind, long *existing);
long zb_indicators_find(const zb_indicators *is, uint32_t code_id);
/* Records an indicator row dropped for errors; -1 on OOM. */
int zb_indicators_drop(zb_indicators *is, uint32_t code_id, unsigned long line);
/* The line of the dropped row with this code, or 0. */
unsigned long zb_indicators_dropped(const zb_indicators *is, uint32_t code_id);
/* Resolves aggregation operands and checks the rules: operands exist and
 * are levels, only levels are summed (a rate or per-capita value never), and
 * each rule fits the kind (growth() for growth rates, structure() for
 * structures, ratio()/wmean() for rates, per-capita and other values).
 * Returns the number of errors. */
size_t zb_indicators_link(zb_indicators *is, const zb_strtab *strs,
                          const char *file, zb_diags *diags);

/* Parses "sum", "ratio(a,b,100)", "wmean(pop)", "structure(a,b,c)",
 * "growth(gdp)", "min", "max", "none" into agg, interning operand codes.
 * Returns 0, or -1 with a message and the 1-based column in *errcol. */
int zb_aggregation_parse(const char *text, zb_strtab *strs, zb_aggregation *agg,
                         char *msg, size_t msglen, size_t *errcol);
/* Writes the rule back as text. */
void zb_aggregation_format(const zb_aggregation *agg, const zb_strtab *strs,
                           char *buf, size_t len);
zb_agg_rule zb_default_aggregation(zb_kind kind);

int zb_kind_parse(const char *s);          /* -1 when unknown */
const char *zb_kind_name(zb_kind kind);    /* "level" */
const char *zb_kind_label(zb_kind kind);   /* 总量 / level, by language */
int zb_attribute_parse(const char *s);     /* 预期性/anticipatory; -1 unknown */
const char *zb_attribute_name(zb_attribute a);
const char *zb_attribute_label(zb_attribute a);
int zb_direction_parse(const char *s);
const char *zb_direction_name(zb_direction d);
const char *zb_agg_rule_name(zb_agg_rule r);

#endif
