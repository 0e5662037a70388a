/* zb_pace — a pace a year in words: the one place that decides its unit.
 *
 * A compound pace (levels, per-capita values, growth written with %) is a
 * percentage: "11.47%".  A linear pace is a change a year in the
 * indicator's own unit: percentage points for a value in % ("+1.40点",
 * "+1.40 pt"), per-mille points for one in ‰ ("+0.05千分点"), and the
 * unit itself a year for anything else ("+0.0086 人/亿元/年"): a death
 * rate per 亿元 is not a percentage, so "点" would be wrong.
 *
 * Digits of a linear pace: two decimals, more while fewer than two
 * significant digits show (0.0086, not 0.01), trailing zeros past the
 * second decimal dropped (0.05, not 0.050).  Compound paces keep two.
 *
 * Every table cell, sentence and Lua report that shows a pace goes through
 * zb_pace_format (Lua: zb.growth.pace), so the rule lives here only.
 *
 * Ownership: nothing here allocates; text goes into the caller's buffer.
 */
#ifndef ZB_PACE_H
#define ZB_PACE_H

#include <stddef.h>

typedef enum {
    ZB_PACE_CELL = 0,  /* signed, compact: "+1.40点", "+0.0086 人/亿元/年", "11.47%" */
    ZB_PACE_AMOUNT,    /* magnitude in words: "1.40 个百分点", "0.0086 人/亿元", "11.47%" */
    ZB_PACE_DELTA,     /* signed, in words: "+1.40 个百分点", "-0.0086 人/亿元", "+11.47%" */
    ZB_PACE_PHRASE,    /* with a verb: "提高 1.40 个百分点", "下降 0.0086 人/亿元", "增长 11.47%" */
} zb_pace_style;

/* Decimals a linear figure v is shown with (see above); 2 for 0 and NaN. */
int zb_pace_decimals(double v);

/* What follows the number of a pace in a table cell: "%" (compound),
 * "点"/" pt" (%), "千分点"/" ‰ pt" (‰), " UNIT/年"/" UNIT/yr" (other
 * units), "/年"/" a year" (no unit).  Writes into buf; returns buf. */
char *zb_pace_suffix(int compound, const char *unit, char *buf, size_t len);

/* Writes the pace rate (a fraction a year when compound, else a change a
 * year in the unit) in style; "" for NaN, "∞"/"-∞" for infinities.
 * unit may be NULL (no unit).  Returns buf. */
char *zb_pace_format(char *buf, size_t len, double rate, int compound, const char *unit, zb_pace_style style);

#endif
