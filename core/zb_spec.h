/* zb_spec — what a target or growth text says, parsed.
 *
 * Plan tables write targets with qualifiers: `800`, `10左右` (about), `60以上`
 * (at least), `4.2以内` (at most), `力争5%` (aspirational), ranges (`5-6`),
 * ratios (`15.8:25:59.2`), changes (`提高2个百分点`, `下降13.5%`, `翻一番`),
 * `——` (no target) and free text (`控制在国家下达的指标范围内`).  The parsed
 * form keeps the number(s), the comparison, the form and the original text.
 * Free text is a form of its own, not an error; a malformed number (`4..03`)
 * is an error with its column.
 *
 * Ownership: a zb_spec borrows its text (the caller keeps it alive); nothing
 * here allocates.
 */
#ifndef ZB_SPEC_H
#define ZB_SPEC_H

#include <stddef.h>

typedef enum {
    ZB_SPEC_EMPTY = 0,  /* empty cell */
    ZB_SPEC_NONE,       /* —— : no target set */
    ZB_SPEC_VALUE,      /* a number with a comparison */
    ZB_SPEC_RANGE,      /* value .. value2 */
    ZB_SPEC_RATIO,      /* parts a:b:c */
    ZB_SPEC_CHANGE_PP,  /* change by value percentage points (signed) */
    ZB_SPEC_CHANGE_PCT, /* change by value % (signed): 下降13.5% is -13.5 */
    ZB_SPEC_MULTIPLE,   /* 翻一番: value is the factor (2, 4) */
    ZB_SPEC_TEXT,       /* free text, kept as it is */
} zb_spec_form;

typedef enum {
    ZB_CMP_EQ = 0, /* a plain number */
    ZB_CMP_ABOUT,  /* 左右, 约 */
    ZB_CMP_GE,     /* 以上, 不低于, ≥ */
    ZB_CMP_LE,     /* 以内, 以下, 不超过, ≤ */
    ZB_CMP_GT,     /* >, 高于 */
    ZB_CMP_LT,     /* <, 低于 */
} zb_cmp;

enum { ZB_SPEC_MAX_PARTS = 8 };

typedef struct zb_spec {
    zb_spec_form form;
    zb_cmp cmp;
    double value, value2;               /* value2: the upper end of a range */
    double parts[ZB_SPEC_MAX_PARTS];    /* ratio parts */
    int nparts;
    int aspirational;                   /* 力争 */
    int percent, permille;              /* written with % or ‰ */
    char unit[32];                      /* unit text after the number ("亿元"), "" if none */
    const char *text;                   /* the original text (borrowed) */
    size_t text_col;                    /* free text that begins as a number ("1x2", "7左右，力争8"):
                                           the 1-based column where it stops reading as one; else 0 */
} zb_spec;

/* Parses text (NUL-terminated UTF-8).  Returns 0 on success (free text
 * included); -1 when a number in it is malformed (4..03) or a range lacks
 * an end ("5-", "5～", "至6"), with a message in err and the 1-based
 * character column in *errcol. */
int zb_spec_parse(const char *text, zb_spec *out, char *err, size_t errlen, size_t *errcol);

/* What is wrong with the text of a target-table cell, as the loader and the
 * progress commands both say it: 0 when it reads (a number, a range, free
 * text, nothing); -1 with a message in msg and, in *at, the 1-based
 * character of text it is about: a malformed number (5..09), a range
 * without an end ("5-"), and, when one_number (a growth cell holds a number
 * or nothing), text that begins as a number and goes on with something else
 * (1x2).  what names the cell in the message, in the current language
 * ("目标" / "target", "年均增速" / "growth"). */
int zb_spec_check(const char *text, int one_number, const char *what, char *msg, size_t msglen,
                  size_t *at);

/* True when the spec carries a number to compare against (value, range,
 * change, multiple). */
int zb_spec_is_numeric(const zb_spec *s);

/* The factor that turns the spec's unit into the indicator's: 1 when they are
 * the same or the spec has none, 1e4 for 万 + unit, 1e8 for 亿 + unit (and the
 * inverses), 1 for a counted thing over the indicator's per-unit ("人" for
 * "人/千人"); 0 when they do not match, including a % or ‰ target for an
 * indicator measured in something else. */
double zb_spec_unit_scale(const zb_spec *s, const char *indicator_unit);

/* How a growth spec is shown: its number with the unit made explicit. */
typedef enum { ZB_SPEC_AS_WRITTEN = 0, ZB_SPEC_AS_PERCENT, ZB_SPEC_AS_POINTS } zb_spec_style;

/* Writes a VALUE spec back as text in the current language with its
 * qualifier: "10%左右" / "about 10%" (AS_PERCENT), "+0.68点左右" /
 * "about +0.68 pt" (AS_POINTS); other forms as their original text, ——
 * and empty as "".  Returns buf. */
char *zb_spec_format(const zb_spec *s, zb_spec_style style, char *buf, size_t len);
/* The same for a stated pace of an indicator in unit (zb_pace.h): "10%左右"
 * (compound), "+0.68点以上" (%), "+0.005 人/亿元/年" (other units). */
char *zb_spec_format_pace(const zb_spec *s, int compound, const char *unit, char *buf, size_t len);

/* The target text as printed, with the indicator's unit where the text
 * has none: appended when the text ends in a number ("800" -> "800亿元"),
 * in brackets after a qualifier ("4.2以内" -> "4.2以内（%）"); texts that
 * carry a unit, % or ‰, and texts that are not a value or range, as they
 * are.  Returns buf. */
char *zb_spec_with_unit(const zb_spec *s, const char *unit, char *buf, size_t len);

const char *zb_cmp_symbol(zb_cmp c);      /* "≈", "≥", "≤", "=", ">", "<" */
const char *zb_spec_form_name(zb_spec_form f);

#endif
