#include "zb_spec.h"

#include "zb_lang.h"
#include "zb_num.h"
#include "zb_pace.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { MAX_TEXT = 512 };

/* The text with full-width forms folded to ASCII, and for each byte of the
 * folded text the 1-based character column it came from. */
typedef struct folded {
    const char *orig;                 /* the text as given, for messages */
    char s[MAX_TEXT + 1];
    unsigned short col[MAX_TEXT + 1];
    size_t len;
} folded;

static void fold_text(const char *text, folded *f)
{
    const unsigned char *p = (const unsigned char *)text;
    size_t o = 0;
    unsigned short col = 0;
    while (*p && o + 4 < MAX_TEXT) {
        col++;
        unsigned c = p[0];
        /* U+FF01..U+FF5E (EF BC 81 .. EF BD 9E) are full-width ASCII. */
        if (c == 0xEF && (p[1] == 0xBC || p[1] == 0xBD) && (p[2] & 0xC0) == 0x80) {
            unsigned cp = 0xF000 | ((unsigned)(p[1] & 0x3F) << 6) | (p[2] & 0x3F);
            if (cp >= 0xFF01 && cp <= 0xFF5E) {
                f->col[o] = col;
                f->s[o++] = (char)(cp - 0xFF01 + 0x21);
                p += 3;
                continue;
            }
        }
        if (c == 0xE3 && p[1] == 0x80 && p[2] == 0x80) { /* ideographic space */
            f->col[o] = col;
            f->s[o++] = ' ';
            p += 3;
            continue;
        }
        size_t n = c < 0x80 ? 1 : (c & 0xE0) == 0xC0 ? 2 : (c & 0xF0) == 0xE0 ? 3 : (c & 0xF8) == 0xF0 ? 4 : 1;
        /* A character cut short (by the end of the text or by a byte that
         * is not a continuation) ends where its bytes end: stepping a whole
         * n would skip the terminating NUL or the next character. */
        size_t k = 0;
        while (k < n && p[k] && (k == 0 || (p[k] & 0xC0) == 0x80)) {
            f->col[o] = col;
            f->s[o++] = (char)p[k];
            k++;
        }
        p += k;
    }
    f->s[o] = '\0';
    f->col[o] = (unsigned short)(col + 1);
    f->len = o;
}

static int starts(const char *s, const char *word) { return strncmp(s, word, strlen(word)) == 0; }

static const char *skip_spaces(const char *s)
{
    while (*s == ' ' || *s == '\t')
        s++;
    return s;
}

/* Words before the number that set the comparison (longest first where one
 * is the prefix of another: 不超过 before 超过). */
static const struct { const char *word; int cmp; } prefixes[] = {
    {"不低于", ZB_CMP_GE}, {"不少于", ZB_CMP_GE}, {"不小于", ZB_CMP_GE},
    {"不超过", ZB_CMP_LE}, {"不高于", ZB_CMP_LE}, {"不大于", ZB_CMP_LE}, {"不多于", ZB_CMP_LE},
    {"高于", ZB_CMP_GT}, {"大于", ZB_CMP_GT}, {"超过", ZB_CMP_GT}, {"突破", ZB_CMP_GT},
    {"低于", ZB_CMP_LT}, {"小于", ZB_CMP_LT},
    {">=", ZB_CMP_GE}, {"\xE2\x89\xA5", ZB_CMP_GE}, {"<=", ZB_CMP_LE}, {"\xE2\x89\xA4", ZB_CMP_LE},
    {">", ZB_CMP_GT}, {"<", ZB_CMP_LT}, {"\xE2\x89\x88", ZB_CMP_ABOUT}, {"约", ZB_CMP_ABOUT},
    /* "reach" words: the comparison comes from a qualifier or stays '=' */
    {"稳定在", -1}, {"保持在", -1}, {"控制在", -1}, {"达到", -1}, {"提高到", -1}, {"提升到", -1},
    {"增加到", -1}, {"增长到", -1}, {"上升到", -1}, {"下降到", -1}, {"降低到", -1}, {"降至", -1},
    {"减少到", -1}, {"保持", -1}, {"达", -1}, {"为", -1},
};

static const struct { const char *word; int sign; } change_words[] = {
    {"提高", 1}, {"提升", 1}, {"增加", 1}, {"增长", 1}, {"上升", 1},
    {"下降", -1}, {"降低", -1}, {"减少", -1}, {"压减", -1}, {"缩小", -1},
};

static const struct { const char *word; int cmp; } qualifiers[] = {
    {"及以上", ZB_CMP_GE}, {"以上", ZB_CMP_GE}, {"左右", ZB_CMP_ABOUT},
    {"以内", ZB_CMP_LE}, {"以下", ZB_CMP_LE}, {"之内", ZB_CMP_LE},
};

static int is_digit(char c) { return c >= '0' && c <= '9'; }

/* Between the ends of a range: 5-6, 5~6 (and 5～6 folded), 5至6, 5到6, 5—6,
 * 5–6, 5〜6. */
static const char *const range_seps[] = {"-", "~", "至", "到", "\xE2\x80\x94", "\xE2\x80\x93", "\xE3\x80\x9C", NULL};

/* The range separator at p, or NULL. */
static const char *range_sep_at(const char *p)
{
    for (int i = 0; range_seps[i]; i++)
        if (starts(p, range_seps[i]))
            return range_seps[i];
    return NULL;
}

/* Is p (just after a separator) the end of a range that has no upper end:
 * nothing, a %, a qualifier or another separator ("5-", "5～%", "5-以上")? */
static int dangling_end(const char *p)
{
    p = skip_spaces(p);
    if (*p == '\0' || *p == '%' || starts(p, "\xE2\x80\xB0") || range_sep_at(p))
        return 1;
    for (size_t i = 0; i < sizeof qualifiers / sizeof qualifiers[0]; i++)
        if (starts(p, qualifiers[i].word))
            return 1;
    return 0;
}

static size_t col_at(const folded *f, const char *p) { return f->col[p - f->s]; }

/* Reads a number at *pp (digits, '.', ','), optionally signed.  Returns 1
 * with *value, 0 when no number starts here, -1 on a malformed number. */
static int read_number(const folded *f, const char **pp, int allow_sign, double *value,
                       char *err, size_t errlen, size_t *errcol)
{
    const char *p = *pp, *start = p;
    if (allow_sign && (*p == '-' || *p == '+') && (is_digit(p[1]) || p[1] == '.'))
        p++;
    if (!is_digit(*p) && !(*p == '.' && is_digit(p[1])))
        return 0;
    while (is_digit(*p) || *p == '.' || (*p == ',' && is_digit(p[1])))
        p++;
    zb_num_error nerr;
    if (zb_num_parse(start, (size_t)(p - start), 0, value, &nerr) != ZB_NUM_OK) {
        size_t offset = (size_t)(start - f->s);
        /* nerr.col counts characters in the (ASCII) span */
        *errcol = f->col[offset] + nerr.col - 1;
        snprintf(err, errlen, ZB_T("“%s”中的数字有误：%s", "malformed number in '%s': %s"), f->orig, nerr.message);
        return -1;
    }
    *pp = p;
    return 1;
}

static const char *read_suffix_percent(const char *p, zb_spec *out)
{
    p = skip_spaces(p);
    if (*p == '%') {
        out->percent = 1;
        return p + 1;
    }
    if (starts(p, "\xE2\x80\xB0")) { /* ‰ */
        out->permille = 1;
        return p + 3;
    }
    return p;
}

int zb_spec_parse(const char *text, zb_spec *out, char *err, size_t errlen, size_t *errcol)
{
    memset(out, 0, sizeof *out);
    out->text = text ? text : "";
    out->cmp = ZB_CMP_EQ;
    if (err && errlen)
        err[0] = '\0';
    size_t dummy_col;
    if (!errcol)
        errcol = &dummy_col;
    char dummy_err[8];
    if (!err || !errlen) {
        err = dummy_err;
        errlen = sizeof dummy_err;
    }
    folded *f = malloc(sizeof *f);
    if (!f) {
        out->form = ZB_SPEC_TEXT;
        return 0;
    }
    f->orig = out->text;
    fold_text(out->text, f);
    const char *p = skip_spaces(f->s);
    size_t len = strlen(p);
    while (len && (p[len - 1] == ' ' || p[len - 1] == '\t'))
        ((char *)p)[--len] = '\0';
    int rc = 0;
    if (*p == '\0') {
        out->form = ZB_SPEC_EMPTY;
        goto done;
    }
    if (zb_num_is_missing_marker(p, len)) {
        out->form = ZB_SPEC_NONE;
        goto done;
    }
    out->form = ZB_SPEC_TEXT;
    if (starts(p, "力争")) {
        out->aspirational = 1;
        p = skip_spaces(p + strlen("力争"));
    }
    if (starts(p, "累计"))
        p += strlen("累计");
    if (starts(p, "翻一番") || starts(p, "翻两番") || starts(p, "翻二番")) {
        out->form = ZB_SPEC_MULTIPLE;
        out->value = starts(p, "翻一番") ? 2.0 : 4.0;
        p += strlen("翻一番");
        if (*skip_spaces(p) != '\0')
            out->form = ZB_SPEC_TEXT;
        goto done;
    }
    int change = 0;
    for (size_t i = 0; i < sizeof prefixes / sizeof prefixes[0]; i++) {
        if (starts(p, prefixes[i].word)) {
            if (prefixes[i].cmp >= 0)
                out->cmp = (zb_cmp)prefixes[i].cmp;
            p = skip_spaces(p + strlen(prefixes[i].word));
            break;
        }
    }
    for (size_t i = 0; i < sizeof change_words / sizeof change_words[0]; i++) {
        if (starts(p, change_words[i].word)) {
            change = change_words[i].sign;
            p = skip_spaces(p + strlen(change_words[i].word));
            break;
        }
    }
    /* "至6", "~6": a range without its lower end.  Only when the rest is
     * one number (with a unit or qualifier); "至今…" stays free text.  A
     * leading '-' is a sign, and "到2025年…" reads as words. */
    const char *lead = range_sep_at(p);
    if (lead && *lead != '-' && strcmp(lead, "到") != 0) {
        zb_spec rest;
        if (zb_spec_parse(p + strlen(lead), &rest, NULL, 0, NULL) == 0 && rest.form == ZB_SPEC_VALUE) {
            *errcol = col_at(f, p);
            snprintf(err, errlen, ZB_T("“%s”的区间缺少下限", "the range in '%s' has no lower end"), f->orig);
            rc = -1;
            goto done;
        }
    }
    double v;
    int got = read_number(f, &p, !change, &v, err, errlen, errcol);
    if (got < 0) {
        rc = -1;
        goto done;
    }
    if (got == 0)
        goto done; /* free text */
    out->value = v;
    out->form = ZB_SPEC_VALUE;
    p = read_suffix_percent(p, out);
    p = skip_spaces(p);
    if (*p == ':' || starts(p, "\xEF\xBC\x9A")) { /* ratio a:b:c (full-width colon too) */
        out->form = ZB_SPEC_RATIO;
        out->parts[0] = v;
        out->nparts = 1;
        while (*p == ':' || starts(p, "\xEF\xBC\x9A")) {
            p += *p == ':' ? 1 : 3;
            double part;
            int r = read_number(f, &p, 0, &part, err, errlen, errcol);
            if (r < 0) {
                rc = -1;
                goto done;
            }
            if (r == 0 || out->nparts == ZB_SPEC_MAX_PARTS) {
                out->form = ZB_SPEC_TEXT;
                goto done;
            }
            out->parts[out->nparts++] = part;
        }
        if (*skip_spaces(p) != '\0') {
            out->form = ZB_SPEC_TEXT;
            out->text_col = col_at(f, skip_spaces(p));
        }
        goto done;
    }
    const char *sep = range_sep_at(p);
    if (sep) {
        const char *q = skip_spaces(p + strlen(sep));
        double hi;
        int r = read_number(f, &q, 0, &hi, err, errlen, errcol);
        if (r < 0) {
            rc = -1;
            goto done;
        }
        if (r == 1) {
            out->form = ZB_SPEC_RANGE;
            out->value2 = hi;
            if (hi < v) {
                out->value2 = v;
                out->value = hi;
            }
            p = read_suffix_percent(q, out);
        } else if (dangling_end(q)) {
            /* "5-", "5～": the upper end is missing, not a unit "-". */
            *errcol = col_at(f, p);
            snprintf(err, errlen, ZB_T("“%s”的区间缺少上限", "the range in '%s' has no upper end"), f->orig);
            rc = -1;
            goto done;
        }
    }
    p = skip_spaces(p);
    if (starts(p, "个百分点")) {
        p += strlen("个百分点");
        if (change) {
            out->form = ZB_SPEC_CHANGE_PP;
            out->value = change * v;
            change = 0;
        } else {
            out->form = ZB_SPEC_TEXT;
        }
    }
    /* A unit: anything up to a qualifier or the end, without digits. */
    const char *unit_start = p;
    while (*p) {
        int at_qualifier = 0;
        for (size_t i = 0; i < sizeof qualifiers / sizeof qualifiers[0]; i++)
            if (starts(p, qualifiers[i].word))
                at_qualifier = 1;
        if (at_qualifier || is_digit(*p))
            break;
        p++;
    }
    size_t unit_len = (size_t)(p - unit_start);
    while (unit_len && (unit_start[unit_len - 1] == ' ' || unit_start[unit_len - 1] == '\t'))
        unit_len--; /* "800亿元 以上" */
    if (unit_len >= sizeof out->unit) {
        out->form = ZB_SPEC_TEXT;
        out->text_col = col_at(f, unit_start);
        goto done;
    }
    memcpy(out->unit, unit_start, unit_len);
    out->unit[unit_len] = '\0';
    int qualified = 0;
    for (size_t i = 0; i < sizeof qualifiers / sizeof qualifiers[0]; i++) {
        if (starts(p, qualifiers[i].word)) {
            out->cmp = (zb_cmp)qualifiers[i].cmp;
            p += strlen(qualifiers[i].word);
            qualified = 1;
            break;
        }
    }
    if (*skip_spaces(p) != '\0') {
        /* More words follow: keep it as text, and remember where a text that
         * began as a number stopped reading as one (1x2: at the x). */
        out->form = ZB_SPEC_TEXT;
        out->text_col = col_at(f, !qualified && unit_len && is_digit(*p) ? unit_start : skip_spaces(p));
        goto done;
    }
    if (change) {
        if (out->percent || out->unit[0] == '\0') {
            out->form = ZB_SPEC_CHANGE_PCT;
            out->value = change * v;
        } else {
            out->form = ZB_SPEC_TEXT; /* 增加2万人: an absolute change, kept as text */
        }
    }
done:
    if (out->form == ZB_SPEC_TEXT || out->form == ZB_SPEC_NONE || out->form == ZB_SPEC_EMPTY) {
        out->cmp = ZB_CMP_EQ;
        if (rc == 0) {
            out->value = 0;
            out->unit[0] = '\0';
        }
    }
    free(f);
    return rc;
}

int zb_spec_check(const char *text, int one_number, const char *what, char *msg, size_t msglen,
                  size_t *at)
{
    zb_spec s;
    char err[300];
    *at = 0;
    if (zb_spec_parse(text, &s, err, sizeof err, at) != 0) {
        snprintf(msg, msglen, ZB_T("%s%s", "%s: %s"), what, err);
        return -1;
    }
    if (one_number && s.form == ZB_SPEC_TEXT && s.text_col) {
        *at = s.text_col;
        snprintf(msg, msglen, ZB_T("%s“%s”从第 %zu 个字符起不是数字：应为一个数（如 7、7%%左右、8以上）或留空",
                                   "%s '%s' stops being a number at character %zu: expected one number (7, 7%%左右, 8以上) or nothing"),
                 what, text, *at);
        return -1;
    }
    return 0;
}

int zb_spec_is_numeric(const zb_spec *s)
{
    return s->form == ZB_SPEC_VALUE || s->form == ZB_SPEC_RANGE || s->form == ZB_SPEC_CHANGE_PP ||
           s->form == ZB_SPEC_CHANGE_PCT || s->form == ZB_SPEC_MULTIPLE;
}

/* The multiplier a unit starts with (万 1e4, 亿 1e8, 千, 百) and, in *base,
 * what it multiplies; 1 and the unit itself when there is none. */
static double unit_multiplier(const char *unit, const char **base)
{
    static const struct { const char *prefix; double scale; } mult[] = {
        {"万", 1e4}, {"亿", 1e8}, {"千", 1e3}, {"百", 1e2}};
    for (size_t i = 0; i < sizeof mult / sizeof mult[0]; i++) {
        size_t n = strlen(mult[i].prefix);
        if (strncmp(unit, mult[i].prefix, n) == 0 && unit[n] != '\0') {
            *base = unit + n;
            return mult[i].scale;
        }
    }
    *base = unit;
    return 1.0;
}

double zb_spec_unit_scale(const zb_spec *s, const char *unit)
{
    const char *u = s->unit;
    if (!unit)
        unit = "";
    /* A target written with % or ‰ is a share: it fits an indicator in that
     * unit (or one without a unit), nothing else ("60%" of 亿元 is a slip). */
    if ((s->percent && *unit && strcmp(unit, "%") != 0) || (s->permille && *unit && strcmp(unit, "\xE2\x80\xB0") != 0))
        return 0.0;
    if (*u == '\0' || strcmp(u, unit) == 0)
        return 1.0;
    /* 万人 for 人, 亿元 for 万元: the same base unit with another multiplier. */
    const char *ubase, *ibase;
    double uf = unit_multiplier(u, &ubase), inf = unit_multiplier(unit, &ibase);
    if (strcmp(ubase, ibase) == 0)
        return uf / inf;
    /* "人" where the unit is "人/千人" or "人/亿元": the text names the
     * counted thing, the indicator's unit adds what it is counted per. */
    size_t ulen = strlen(u);
    if (strncmp(unit, u, ulen) == 0 && unit[ulen] == '/')
        return 1.0;
    return 0.0;
}

char *zb_spec_format(const zb_spec *s, zb_spec_style style, char *buf, size_t len)
{
    if (style == ZB_SPEC_AS_WRITTEN && s->form == ZB_SPEC_VALUE) {
        snprintf(buf, len, "%s", s->text);
        return buf;
    }
    return zb_spec_format_pace(s, style != ZB_SPEC_AS_POINTS, "%", buf, len);
}

char *zb_spec_format_pace(const zb_spec *s, int compound, const char *unit, char *buf, size_t len)
{
    if (s->form == ZB_SPEC_NONE || s->form == ZB_SPEC_EMPTY) {
        snprintf(buf, len, "%s", "");
        return buf;
    }
    if (s->form != ZB_SPEC_VALUE) {
        snprintf(buf, len, "%s", s->text);
        return buf;
    }
    char num[48], suffix[64];
    /* The number as written (%g), the unit as every pace shows it. */
    zb_pace_suffix(compound, unit, suffix, sizeof suffix);
    snprintf(num, sizeof num, compound ? "%g%s" : "%+g%s", s->value, suffix);
    const char *asp = s->aspirational ? ZB_T("力争", "aim ") : "";
    int en = zb_lang_get() == ZB_LANG_EN;
    switch (s->cmp) {
    case ZB_CMP_ABOUT: snprintf(buf, len, en ? "%sabout %s" : "%s%s左右", asp, num); break;
    case ZB_CMP_GE: snprintf(buf, len, en ? "%sat least %s" : "%s%s以上", asp, num); break;
    case ZB_CMP_LE: snprintf(buf, len, en ? "%sat most %s" : "%s%s以内", asp, num); break;
    case ZB_CMP_GT: snprintf(buf, len, "%s>%s", asp, num); break;
    case ZB_CMP_LT: snprintf(buf, len, "%s<%s", asp, num); break;
    default: snprintf(buf, len, "%s%s", asp, num); break;
    }
    return buf;
}

char *zb_spec_with_unit(const zb_spec *s, const char *unit, char *buf, size_t len)
{
    const char *text = s->text ? s->text : "";
    size_t n = strlen(text);
    int unitless = (s->form == ZB_SPEC_VALUE || s->form == ZB_SPEC_RANGE) && !s->unit[0] && !s->percent &&
                   !s->permille && unit && *unit;
    if (!unitless)
        snprintf(buf, len, "%s", text);
    else if (n && is_digit(text[n - 1]))
        snprintf(buf, len, "%s%s", text, unit); /* 800亿元, 4.2% */
    else
        snprintf(buf, len, ZB_T("%s（%s）", "%s (%s)"), text, unit); /* 4.2以内（%） */
    return buf;
}

const char *zb_cmp_symbol(zb_cmp c)
{
    switch (c) {
    case ZB_CMP_ABOUT: return "\xE2\x89\x88";
    case ZB_CMP_GE: return "\xE2\x89\xA5";
    case ZB_CMP_LE: return "\xE2\x89\xA4";
    case ZB_CMP_GT: return ">";
    case ZB_CMP_LT: return "<";
    default: return "=";
    }
}

const char *zb_spec_form_name(zb_spec_form f)
{
    static const char *const names[] = {"empty", "none", "value", "range", "ratio",
                                        "change_pp", "change_pct", "multiple", "text"};
    return (unsigned)f < sizeof names / sizeof names[0] ? names[f] : "?";
}
