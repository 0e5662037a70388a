#include "zb_pace.h"

#include "zb_lang.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

enum { UNIT_PERCENT, UNIT_PERMILLE, UNIT_OTHER, UNIT_NONE };

static int unit_class(const char *unit)
{
    if (!unit || !*unit)
        return UNIT_NONE;
    if (strcmp(unit, "%") == 0)
        return UNIT_PERCENT;
    if (strcmp(unit, "\xE2\x80\xB0") == 0)
        return UNIT_PERMILLE;
    return UNIT_OTHER;
}

int zb_pace_decimals(double v)
{
    double a = fabs(v);
    int d = 2;
    if (!(a > 0) || isinf(a))
        return d;
    /* Two significant digits: a >= 10^(1-d) shows at least two at d decimals. */
    while (d < 8 && a < pow(10.0, 1 - d))
        d++;
    /* ... and no trailing zeros past the second decimal (0.05, not 0.050). */
    char buf[64];
    int n = snprintf(buf, sizeof buf, "%.*f", d, a);
    while (d > 2 && n > 0 && buf[n - 1] == '0')
        d--, n--;
    return d;
}

/* v as shown at d decimals, with a value that rounds to zero made a plain
 * zero: floating-point noise (-1e-13) must read 0.00, never -0.00. */
static double snap(double v, int d)
{
    return fabs(v) < 0.5 * pow(10.0, -d) ? 0.0 : v;
}

/* v with zb_pace_decimals digits; with a sign when signed_. */
static void number(char *buf, size_t len, double v, int signed_)
{
    int d = zb_pace_decimals(v);
    snprintf(buf, len, signed_ ? "%+.*f" : "%.*f", d, snap(v, d));
}

char *zb_pace_suffix(int compound, const char *unit, char *buf, size_t len)
{
    if (compound) {
        snprintf(buf, len, "%%");
        return buf;
    }
    switch (unit_class(unit)) {
    case UNIT_PERCENT: snprintf(buf, len, "%s", ZB_T("点", " pt")); break;
    case UNIT_PERMILLE: snprintf(buf, len, "%s", ZB_T("千分点", " \xE2\x80\xB0 pt")); break;
    case UNIT_OTHER: snprintf(buf, len, ZB_T(" %s/年", " %s/yr"), unit); break;
    default: snprintf(buf, len, "%s", ZB_T("/年", " a year")); break;
    }
    return buf;
}

/* The unit of an amount in words: " 个百分点", " 个千分点", " 人/亿元", "". */
static void amount_unit(const char *unit, char *buf, size_t len)
{
    switch (unit_class(unit)) {
    case UNIT_PERCENT: snprintf(buf, len, "%s", ZB_T(" 个百分点", " points")); break;
    case UNIT_PERMILLE: snprintf(buf, len, "%s", ZB_T(" 个千分点", " per-mille points")); break;
    case UNIT_OTHER: snprintf(buf, len, " %s", unit); break;
    default: snprintf(buf, len, "%s", ""); break;
    }
}

char *zb_pace_format(char *buf, size_t len, double rate, int compound, const char *unit, zb_pace_style style)
{
    if (!len)
        return buf;
    if (isnan(rate)) {
        buf[0] = '\0';
        return buf;
    }
    if (isinf(rate)) {
        snprintf(buf, len, "%s", rate > 0 ? "∞" : "-∞");
        return buf;
    }
    char num[64], tail[96];
    if (compound) {
        double pct = snap(rate * 100.0, 2);
        switch (style) {
        case ZB_PACE_CELL: snprintf(buf, len, "%.2f%%", pct); break;
        case ZB_PACE_AMOUNT: snprintf(buf, len, "%.2f%%", fabs(pct)); break;
        case ZB_PACE_DELTA: snprintf(buf, len, "%+.2f%%", pct); break;
        default:
            snprintf(buf, len, "%s%.2f%%", pct >= 0 ? ZB_T("增长 ", "growth of ") : ZB_T("下降 ", "a fall of "), fabs(pct));
            break;
        }
        return buf;
    }
    switch (style) {
    case ZB_PACE_CELL:
        number(num, sizeof num, rate, 1);
        snprintf(buf, len, "%s%s", num, zb_pace_suffix(0, unit, tail, sizeof tail));
        break;
    case ZB_PACE_AMOUNT:
    case ZB_PACE_PHRASE:
        number(num, sizeof num, fabs(rate), 0);
        amount_unit(unit, tail, sizeof tail);
        if (style == ZB_PACE_AMOUNT)
            snprintf(buf, len, "%s%s", num, tail);
        else
            snprintf(buf, len, "%s%s%s", rate >= 0 ? ZB_T("提高 ", "a rise of ") : ZB_T("下降 ", "a fall of "), num, tail);
        break;
    default:
        number(num, sizeof num, rate, 1);
        amount_unit(unit, tail, sizeof tail);
        snprintf(buf, len, "%s%s", num, tail);
        break;
    }
    return buf;
}
