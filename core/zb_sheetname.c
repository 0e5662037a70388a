#include "zb_sheetname.h"

#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <utf8proc.h>

/* ASCII characters Excel forbids in a sheet name, and the full-width forms
 * put in their place. */
static const char *replacement(unsigned char c)
{
    switch (c) {
    case ':': return "\xEF\xBC\x9A";  /* ： */
    case '\\': return "\xEF\xBC\xBC"; /* ＼ */
    case '/': return "\xEF\xBC\x8F";  /* ／ */
    case '?': return "\xEF\xBC\x9F";  /* ？ */
    case '*': return "\xEF\xBC\x8A";  /* ＊ */
    case '[': return "\xEF\xBC\xBB";  /* ［ */
    case ']': return "\xEF\xBC\xBD";  /* ］ */
    default: return NULL;
    }
}

/* Appends the valid form of name to out, at most max_units UTF-16 units;
 * returns the bytes written. */
static size_t clean(const char *name, char *out, size_t max_units)
{
    size_t len = strlen(name), i = 0, o = 0, units = 0;
    while (i < len) {
        unsigned char c = (unsigned char)name[i];
        const char *piece;
        char one[5];
        size_t n = 1, piece_len, piece_units = 1;
        if (c < 0x80) {
            piece = replacement(c);
            if (!piece) {
                one[0] = (c < 0x20 || c == 0x7f) ? '_' : (char)c;
                one[1] = '\0';
                piece = one;
            }
        } else {
            utf8proc_int32_t cp;
            utf8proc_ssize_t k = utf8proc_iterate((const utf8proc_uint8_t *)name + i,
                                                  (utf8proc_ssize_t)(len - i), &cp);
            if (k <= 0) {
                piece = "_";
            } else {
                n = (size_t)k;
                memcpy(one, name + i, n);
                one[n] = '\0';
                piece = one;
                piece_units = cp >= 0x10000 ? 2 : 1;
            }
        }
        piece_len = strlen(piece);
        if (units + piece_units > max_units)
            break;
        memcpy(out + o, piece, piece_len);
        o += piece_len;
        units += piece_units;
        i += n;
    }
    out[o] = '\0';
    return o;
}

/* Excel compares names without regard to (ASCII) case. */
static int same_name(const char *a, const char *b)
{
    for (; *a && *b; a++, b++) {
        unsigned char x = (unsigned char)*a, y = (unsigned char)*b;
        if (x >= 'A' && x <= 'Z')
            x = (unsigned char)(x - 'A' + 'a');
        if (y >= 'A' && y <= 'Z')
            y = (unsigned char)(y - 'A' + 'a');
        if (x != y)
            return 0;
    }
    return *a == *b;
}

static int is_taken(const char *name, const char *const *taken, size_t ntaken)
{
    for (size_t k = 0; k < ntaken; k++)
        if (taken[k] && same_name(name, taken[k]))
            return 1;
    return 0;
}

/* Removes apostrophes at either end (Excel refuses them there). */
static void trim_apostrophes(char *s)
{
    size_t start = 0, len = strlen(s);
    while (s[start] == '\'')
        start++;
    while (len > start && s[len - 1] == '\'')
        len--;
    memmove(s, s + start, len - start);
    s[len - start] = '\0';
}

int zb_sheet_name(const char *name, const char *const *taken, size_t ntaken,
                  char *out, size_t outlen)
{
    char base[ZB_SHEET_NAME_BYTES * 2];
    if (outlen < ZB_SHEET_NAME_BYTES)
        return -1;
    /* Full-width replacements are three bytes: clean into a roomy buffer,
     * counting UTF-16 units, never bytes. */
    clean(name ? name : "", base, ZB_SHEET_NAME_MAX);
    trim_apostrophes(base);
    if (!base[0])
        strcpy(base, "Sheet");
    if (same_name(base, "History"))
        strcpy(base, "History_");
    if (!is_taken(base, taken, ntaken)) {
        snprintf(out, outlen, "%s", base);
        return 0;
    }
    for (unsigned k = 2; k < 100000; k++) {
        char suffix[16], cut[ZB_SHEET_NAME_BYTES * 2];
        int slen = snprintf(suffix, sizeof suffix, " (%u)", k);
        clean(base, cut, ZB_SHEET_NAME_MAX - (size_t)slen);
        trim_apostrophes(cut);
        snprintf(out, outlen, "%s%s", cut, suffix);
        if (!is_taken(out, taken, ntaken))
            return 0;
    }
    return -1;
}
