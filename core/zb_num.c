#include "zb_num.h"

#include "zb_lang.h"

#include <errno.h>
#include <stdint.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Longest number text we accept: 1e15 with grouping and decimals fits in far
 * less; anything longer is not a statistic. */
enum { MAX_DIGITS = 64 };

/* Reads one UTF-8 code point; returns its length (1 for an invalid byte). */
static size_t next_cp(const unsigned char *s, size_t len, unsigned *cp)
{
    unsigned c = s[0];
    if (c < 0x80 || len < 2) {
        *cp = c;
        return 1;
    }
    if ((c & 0xE0) == 0xC0 && (s[1] & 0xC0) == 0x80) {
        *cp = ((c & 0x1F) << 6) | (s[1] & 0x3F);
        return 2;
    }
    if ((c & 0xF0) == 0xE0 && len >= 3 && (s[1] & 0xC0) == 0x80 &&
        (s[2] & 0xC0) == 0x80) {
        *cp = ((c & 0x0F) << 12) | ((unsigned)(s[1] & 0x3F) << 6) | (s[2] & 0x3F);
        return 3;
    }
    if ((c & 0xF8) == 0xF0 && len >= 4) {
        *cp = ((c & 0x07) << 18) | ((unsigned)(s[1] & 0x3F) << 12) |
              ((unsigned)(s[2] & 0x3F) << 6) | (s[3] & 0x3F);
        return 4;
    }
    *cp = c;
    return 1;
}

/* Folds full-width forms to ASCII (the NFKC result for these characters). */
static unsigned fold(unsigned cp)
{
    if (cp >= 0xFF01 && cp <= 0xFF5E)
        return cp - 0xFF01 + 0x21;
    if (cp == 0x3000 || cp == 0x00A0)
        return ' ';
    if (cp == 0x2212) /* minus sign */
        return '-';
    return cp;
}

static const char *const missing_markers[] = {
    "", "-", "--", "\xE2\x80\x94", "\xE2\x80\x94\xE2\x80\x94", /* — —— */
    "\xE2\x80\x95\xE2\x80\x95",                                /* ―― */
    "\xE2\x80\xA6", "\xE2\x80\xA6\xE2\x80\xA6",                /* … …… */
    "/", "NA", "N/A", "n/a", "na", "\xEF\xBC\x8D",             /* － */
    "\xEF\xBC\x8D\xEF\xBC\x8D", NULL,
};

static int is_space_at(const unsigned char *s, size_t len, size_t *n)
{
    unsigned cp;
    *n = next_cp(s, len, &cp);
    return cp == ' ' || cp == '\t' || cp == 0x3000 || cp == 0x00A0;
}

static void trim(const char **s, size_t *len)
{
    const unsigned char *p = (const unsigned char *)*s;
    size_t n = *len, k;
    while (n > 0 && is_space_at(p, n, &k)) {
        p += k;
        n -= k;
    }
    /* Trailing: step back over ASCII space, U+3000 (E3 80 80), U+00A0 (C2 A0). */
    for (;;) {
        if (n >= 1 && (p[n - 1] == ' ' || p[n - 1] == '\t'))
            n--;
        else if (n >= 3 && p[n - 3] == 0xE3 && p[n - 2] == 0x80 && p[n - 1] == 0x80)
            n -= 3;
        else if (n >= 2 && p[n - 2] == 0xC2 && p[n - 1] == 0xA0)
            n -= 2;
        else
            break;
    }
    *s = (const char *)p;
    *len = n;
}

int zb_num_is_missing_marker(const char *s, size_t len)
{
    /* Every marker starts with a byte that no number starts with. */
    if (len > 0 && s[0] >= '0' && s[0] <= '9')
        return 0;
    trim(&s, &len);
    for (int i = 0; missing_markers[i]; i++)
        if (strlen(missing_markers[i]) == len && memcmp(missing_markers[i], s, len) == 0)
            return 1;
    return 0;
}

/* Words that a spreadsheet or a program writes where a number failed: they
 * get a message that says where they come from rather than "unexpected
 * character".  Compared without case after the sign. */
static const char *const not_numbers[] = {"nan", "inf", "infinity", "null", "none", NULL};
static const char *const excel_errors[] = {"#DIV/0!", "#VALUE!", "#REF!", "#NAME?", "#NUM!",
                                           "#N/A", "#NULL!", "#SPILL!", "#CALC!", "#GETTING_DATA",
                                           NULL};

static int word_is(const char *s, size_t len, const char *word, int fold_case)
{
    if (strlen(word) != len)
        return 0;
    for (size_t i = 0; i < len; i++) {
        char a = s[i], b = word[i];
        if (fold_case && a >= 'A' && a <= 'Z')
            a = (char)(a - 'A' + 'a');
        if (a != b)
            return 0;
    }
    return 1;
}

static zb_num_status fail(zb_num_error *err, size_t col, const char *fmt,
                          const char *found)
{
    if (err) {
        err->col = col;
        snprintf(err->message, sizeof err->message, fmt, found);
    }
    return ZB_NUM_BAD;
}

zb_num_status zb_num_parse(const char *s0, size_t len0, unsigned flags,
                           double *out, zb_num_error *err)
{
    const char *s = s0;
    size_t len = len0;
    trim(&s, &len);
    /* Column of the first kept character, counted in characters of s0. */
    size_t lead_chars = 0;
    for (const char *p = s0; p < s; p++)
        if (((unsigned char)*p & 0xC0) != 0x80)
            lead_chars++;
    if (zb_num_is_missing_marker(s, len))
        return ZB_NUM_MISSING;
    for (int i = 0; excel_errors[i]; i++)
        if (word_is(s, len, excel_errors[i], 0))
            return fail(err, lead_chars + 1,
                        ZB_T("“%s”是 Excel 公式的错误值：请在表格中改正公式后重新导出",
                             "'%s' is an Excel formula error: fix the formula in the spreadsheet and export again"),
                        excel_errors[i]);
    {
        size_t sign = len > 0 && (s[0] == '-' || s[0] == '+') ? 1 : 0;
        for (int i = 0; not_numbers[i]; i++)
            if (word_is(s + sign, len - sign, not_numbers[i], 1))
                return fail(err, lead_chars + 1 + sign,
                            ZB_T("“%s”不是统计数值：缺失值请留空或写“——”",
                                 "'%s' is not a figure: leave a missing value empty or write ——"),
                            not_numbers[i]);
    }

    char ascii[MAX_DIGITS + 1];
    size_t n = 0, col = lead_chars;
    int seen_digit = 0, seen_point = 0, seen_exp = 0, seen_suffix = 0;
    int int_digits = 0, group_len = -1; /* group_len: digits since last ',' */
    const unsigned char *p = (const unsigned char *)s;
    size_t i = 0;
    while (i < len) {
        unsigned cp;
        size_t k = next_cp(p + i, len - i, &cp);
        char found[8] = {0};
        memcpy(found, p + i, k < sizeof found - 1 ? k : sizeof found - 1);
        col++;
        unsigned c = fold(cp);
        if (seen_suffix)
            return fail(err, col, ZB_T("百分号后不应再有字符“%s”",
                                       "unexpected '%s' after the percent sign"), found);
        if (n >= MAX_DIGITS)
            return fail(err, col, ZB_T("数字过长（在“%s”处）",
                                       "number too long (at '%s')"), found);
        if (c >= '0' && c <= '9') {
            ascii[n++] = (char)c;
            seen_digit = 1;
            if (!seen_point && !seen_exp) {
                int_digits++;
                if (group_len >= 0)
                    group_len++;
            }
        } else if (c == '.' ) {
            if (seen_point)
                return fail(err, col, ZB_T("多余的小数点“%s”：一个数只能有一个小数点",
                                           "a second decimal point '%s': a number has at most one"), found);
            if (seen_exp)
                return fail(err, col, ZB_T("指数中不能有小数点“%s”",
                                           "decimal point '%s' in an exponent"), found);
            if (group_len >= 0 && group_len != 3)
                return fail(err, col, ZB_T("千位分隔符后应为三位数字（在“%s”前）",
                                           "thousands separator must be followed by three digits (before '%s')"), found);
            if (!seen_digit)
                return fail(err, col, ZB_T("小数点“%s”前应有数字",
                                           "expected a digit before the decimal point '%s'"), found);
            seen_point = 1;
            ascii[n++] = '.';
        } else if (c == ',') {
            if (seen_point || seen_exp || int_digits == 0 ||
                (group_len < 0 && int_digits > 3) || (group_len >= 0 && group_len != 3))
                return fail(err, col, ZB_T("千位分隔符“%s”位置不对：应为 1,234,567 的形式",
                                           "misplaced thousands separator '%s': expected the form 1,234,567"), found);
            group_len = 0;
        } else if ((c == '-' || c == '+') && n == 0) {
            ascii[n++] = (char)c;
        } else if ((c == 'e' || c == 'E') && seen_digit && !seen_exp) {
            seen_exp = 1;
            ascii[n++] = 'e';
            if (i + k < len && (p[i + k] == '-' || p[i + k] == '+')) {
                ascii[n++] = (char)p[i + k];
                k++;
                col++;
            }
            if (i + k >= len || p[i + k] < '0' || p[i + k] > '9')
                return fail(err, col, ZB_T("指数“%s”后应为数字",
                                           "expected digits after the exponent '%s'"), found);
        } else if (c == '%' && seen_digit) {
            if (!(flags & ZB_NUM_ALLOW_PERCENT))
                return fail(err, col, ZB_T("意外的“%s”：该指标单位不是 %%",
                                           "unexpected '%s': the indicator's unit is not %%"), found);
            seen_suffix = 1;
        } else if (cp == 0x2030 && seen_digit) { /* ‰ */
            if (!(flags & ZB_NUM_ALLOW_PERMILLE))
                return fail(err, col, ZB_T("意外的“%s”：该指标单位不是 ‰",
                                           "unexpected '%s': the indicator's unit is not ‰"), found);
            seen_suffix = 1;
        } else {
            return fail(err, col, ZB_T("意外的字符“%s”：应为数字（如 12.5、1,234、１２．５）或缺失标记（空、——）",
                                       "unexpected '%s': expected a number (12.5, 1,234) or a missing marker (empty, ——)"),
                        found);
        }
        i += k;
    }
    char shown[48];
    size_t shown_len = len < sizeof shown - 1 ? len : sizeof shown - 1;
    while (shown_len > 0 && shown_len < len &&
           ((unsigned char)s[shown_len] & 0xC0) == 0x80)
        shown_len--;
    memcpy(shown, s, shown_len);
    shown[shown_len] = '\0';
    if (!seen_digit)
        return fail(err, col ? col : 1, ZB_T("应为数字，却只有符号“%s”",
                                             "expected a number, found only '%s'"), shown);
    if (group_len >= 0 && group_len != 3 && !seen_point)
        return fail(err, col, ZB_T("千位分隔符后应为三位数字（“%s”）",
                                   "thousands separator must be followed by three digits ('%s')"), shown);
    if (n > 0 && ascii[n - 1] == '.')
        return fail(err, col, ZB_T("小数点后应有数字（“%s”）",
                                   "expected digits after the decimal point ('%s')"), shown);
    ascii[n] = '\0';
    if (zb_num_plain(ascii, n, out))
        return ZB_NUM_OK;
    errno = 0;
    char *end;
    double v = strtod(ascii, &end);
    if (*end != '\0' || !isfinite(v) || errno == ERANGE) {
        if (errno == ERANGE && isfinite(v)) {
            v = 0.0; /* underflow to zero is harmless for a statistic */
        } else {
            return fail(err, lead_chars + 1, ZB_T("数值“%s”超出范围",
                                                  "value '%s' is out of range"), ascii);
        }
    }
    *out = v;
    return ZB_NUM_OK;
}

/* Powers of ten that a double holds exactly (5^22 < 2^53). */
static const double exact_pow10[23] = {
    1e0,  1e1,  1e2,  1e3,  1e4,  1e5,  1e6,  1e7,  1e8,  1e9,  1e10, 1e11,
    1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};

int zb_num_plain(const char *s, size_t len, double *out)
{
    /* Up to 19 digits (the text after a '-' no longer than that) cannot
     * overflow m nor pass the 19 significant digits: a loop for the
     * integer part and one for the decimals, nothing to count.  Longer text
     * takes the loop below, which counts the significant digits; both
     * accept the same texts and give the same value. */
    const unsigned char *p = (const unsigned char *)s, *e = p + len;
    int negative = len > 0 && s[0] == '-';
    p += negative;
    if (e - p <= 19) {
        const unsigned char *first = p;
        uint64_t m = 0;
        unsigned d;
        while (p < e && (d = (unsigned)*p - '0') < 10) {
            m = m * 10 + d;
            p++;
        }
        if (p == first)
            return 0;
        size_t frac = 0;
        if (p < e) {
            if (*p != '.')
                return 0;
            const unsigned char *f0 = ++p;
            while (p < e && (d = (unsigned)*p - '0') < 10) {
                m = m * 10 + d;
                p++;
            }
            frac = (size_t)(p - f0);
            if (frac == 0 || p != e)
                return 0;
        }
        if (m > (UINT64_C(1) << 53))
            return 0;
        double v = (double)m / exact_pow10[frac];
        *out = negative ? -v : v;
        return 1;
    }
    size_t i = 0;
    int neg = 0;
    if (len > 0 && s[0] == '-') {
        neg = 1;
        i = 1;
    }
    uint64_t m = 0;
    unsigned digits = 0, frac = 0; /* digits: significant ones, in m */
    int point = 0, seen = 0;
    for (; i < len; i++) {
        unsigned d = (unsigned)(unsigned char)s[i] - '0';
        if (d < 10) {
            if (digits == 19) /* m could overflow: the general path */
                return 0;
            m = m * 10 + d;
            digits += m != 0;
            seen = 1;
            frac += (unsigned)point;
        } else if (s[i] == '.' && !point && seen) {
            point = 1;
        } else {
            return 0;
        }
    }
    if (!seen || (point && frac == 0) || frac > 22 || m > (UINT64_C(1) << 53))
        return 0;
    /* m and 10^frac are exact doubles, so one IEEE division rounds the true
     * quotient once: the correctly rounded value. */
    double v = (double)m / exact_pow10[frac];
    *out = neg ? -v : v;
    return 1;
}

/* Writes m with d decimals; returns its length or -1 when it does not fit.
 * The text is built backwards from the last digit, in one pass. */
static int put_decimal(char *buf, size_t len, int neg, uint64_t m, int d)
{
    char tmp[48];
    char *end = tmp + sizeof tmp, *p = end;
    for (int i = 0; i < d; i++) {
        *--p = (char)('0' + m % 10);
        m /= 10;
    }
    if (d > 0)
        *--p = '.';
    do {
        *--p = (char)('0' + m % 10);
        m /= 10;
    } while (m);
    if (neg)
        *--p = '-';
    size_t need = (size_t)(end - p);
    if (need + 1 > len)
        return -1;
    memcpy(buf, p, need);
    buf[need] = '\0';
    return (int)need;
}

#if defined(__SIZEOF_INT128__)
typedef unsigned __int128 zb_u128;

/* Does the nearest decimal with d decimals, m * 10^-d, read back as
 * a = M * 2^-E?  It does when it lies inside a's rounding interval, that is
 * when |m * 2^E - M * 10^d| < 10^d / 2 (a quarter below a power of two,
 * where the next double down is closer).  1 yes (*m set), 0 no, -1 when m
 * has more than 17 digits.  Everything fits in 128 bits for E <= 67. */
/* 10^d for d <= 19 as integers: 10^d as a double converted to 128 bits
 * was a library call (__fixunsdfti) on every try. */
static const uint64_t pow10_u64[20] = {
    UINT64_C(1), UINT64_C(10), UINT64_C(100), UINT64_C(1000), UINT64_C(10000), UINT64_C(100000),
    UINT64_C(1000000), UINT64_C(10000000), UINT64_C(100000000), UINT64_C(1000000000),
    UINT64_C(10000000000), UINT64_C(100000000000), UINT64_C(1000000000000), UINT64_C(10000000000000),
    UINT64_C(100000000000000), UINT64_C(1000000000000000), UINT64_C(10000000000000000),
    UINT64_C(100000000000000000), UINT64_C(1000000000000000000), UINT64_C(10000000000000000000)};

static int reads_back(uint64_t M, int E, int d, uint64_t *mout)
{
    zb_u128 p10 = d < 20 ? (zb_u128)pow10_u64[d] : (zb_u128)pow10_u64[19] * pow10_u64[d - 19];
    zb_u128 N = (zb_u128)M * p10;
    zb_u128 m = (N + ((zb_u128)1 << (E - 1))) >> E;
    if (m >= (zb_u128)100000000000000000ull)
        return -1;
    zb_u128 x = m << E;
    zb_u128 diff = x > N ? x - N : N - x;
    int below = x < N, pow2 = M == (UINT64_C(1) << 52);
    if (diff * (below && pow2 ? 4 : 2) >= p10)
        return 0;
    *mout = (uint64_t)m;
    return 1;
}

/* The shortest decimal with at most 17 significant digits that reads back
 * as a, for 2^-14 <= a < 2^53, by exact integer arithmetic.  Returns the
 * decimals d with *m set, or -1.  A decimal that reads back at d decimals
 * also does at d + 1 (the nearest one there is no farther), so the fewest
 * decimals are found by bisection: five tries instead of up to twenty. */
static int shortest_decimal(double a, uint64_t *mout)
{
    /* a = M * 2^-E with 2^52 <= M < 2^53, from its bits (a is normal,
     * a >= 2^-14): what frexp and ldexp give, without the two calls. */
    uint64_t bits;
    memcpy(&bits, &a, sizeof bits);
    uint64_t M = (bits & ((UINT64_C(1) << 52) - 1)) | (UINT64_C(1) << 52);
    int E = 1075 - (int)((bits >> 52) & 0x7FF);
    if (E < 1 || E > 67)
        return -1;
    if (M == (UINT64_C(1) << 52)) { /* a power of two: the interval is lopsided, try each */
        for (int d = 0; d <= 22; d++) {
            int r = reads_back(M, E, d, mout);
            if (r != 0)
                return r > 0 ? d : -1;
        }
        return -1;
    }
    int k = 0; /* digits before the point: 10^(k-1) <= a < 10^k */
    while (k < 16 && a >= exact_pow10[k])
        k++;
    while (k > -4 && a < exact_pow10[k + 4] / 1e5) /* a < 10^(k-1) */
        k--;
    int lo = 0, hi = 17 - k; /* 17 significant digits at most */
    if (hi > 22)
        hi = 22;
    uint64_t m_hi, m;
    if (hi < 0 || reads_back(M, E, hi, &m_hi) != 1)
        return -1;
    while (lo < hi) {
        int mid = (lo + hi) / 2;
        if (reads_back(M, E, mid, &m) == 1) {
            hi = mid;
            m_hi = m;
        } else {
            lo = mid + 1;
        }
    }
    *mout = m_hi;
    return hi;
}
#endif

int zb_num_format_exact(char *buf, size_t len, double v)
{
    double a = fabs(v);
#if defined(__SIZEOF_INT128__)
    if (isfinite(v) && a >= 0x1p-14 && a < 0x1p53) {
        uint64_t m;
        int d = shortest_decimal(a, &m);
        int n = d >= 0 ? put_decimal(buf, len, signbit(v) != 0, m, d) : -1;
        if (n >= 0)
            return n;
    }
#endif
    if (isfinite(v) && (a == 0 || (a >= 1e-9 && a < 1e15))) {
        for (int d = 0; d <= 22; d++) {
            double scaled = a * exact_pow10[d];
            if (scaled >= 9007199254740992.0) /* 2^53: m no longer exact */
                break;
            double m0 = nearbyint(scaled);
            /* a * 10^d is rounded, so the decimal may be one off either way;
             * the nearest comes first, as two may read back the same. */
            static const int step[3] = {0, -1, 1};
            for (int k = 0; k < 3; k++) {
                double m = m0 + step[k];
                /* m and 10^d are exact: the division rounds once, as strtod
                 * rounds the text "m / 10^d"; equal means it reads back. */
                if (m >= 0 && m < 9007199254740992.0 && m / exact_pow10[d] == a)
                    return put_decimal(buf, len, signbit(v) != 0, (uint64_t)m, d) >= 0
                               ? (int)strlen(buf)
                               : snprintf(buf, len, "%.17g", v);
            }
        }
    }
    return snprintf(buf, len, "%.17g", v);
}
