#include "zb_text.h"

#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

/* Decodes one code point; returns its byte length, or -1 when invalid. */
static int decode(const char *s, size_t avail, int32_t *cp)
{
    utf8proc_ssize_t n = utf8proc_iterate((const utf8proc_uint8_t *)s,
                                          (utf8proc_ssize_t)avail, cp);
    return n > 0 ? (int)n : -1;
}

static size_t char_width(int32_t cp)
{
    int w = utf8proc_charwidth(cp);
    return w < 0 ? 0 : (size_t)w;
}

size_t zb_text_width_prefix(const char *s, size_t nchars)
{
    size_t width = 0, len = strlen(s), i = 0;
    while (i < len && nchars > 0) {
        unsigned char c = (unsigned char)s[i];
        if (c < 0x80) {
            width += 1;
            i++;
        } else {
            int32_t cp;
            int n = decode(s + i, len - i, &cp);
            if (n < 0) {
                width += 1;
                i++;
            } else {
                width += char_width(cp);
                i += (size_t)n;
            }
        }
        nchars--;
    }
    return width;
}

size_t zb_text_width(const char *s) { return zb_text_width_prefix(s, (size_t)-1); }

size_t zb_text_cut(const char *s, size_t width)
{
    size_t used = 0, len = strlen(s), i = 0;
    while (i < len) {
        int32_t cp = (unsigned char)s[i];
        int n = 1;
        size_t w = 1;
        if (cp >= 0x80) {
            n = decode(s + i, len - i, &cp);
            if (n < 0)
                n = 1;
            else
                w = char_width(cp);
        }
        if (used + w > width)
            break;
        used += w;
        i += (size_t)n;
    }
    return i;
}

size_t zb_utf8_check(const char *s, size_t len)
{
    size_t i = 0;
    while (i < len) {
        if ((unsigned char)s[i] < 0x80) {
            i++;
            continue;
        }
        int32_t cp;
        int n = decode(s + i, len - i, &cp);
        if (n < 0)
            return i;
        i += (size_t)n;
    }
    return len;
}

size_t zb_utf8_chars(const char *s, size_t len)
{
    size_t n = 0;
    for (size_t i = 0; i < len; i++)
        if (((unsigned char)s[i] & 0xC0) != 0x80)
            n++;
    return n;
}

char *zb_text_escape_controls(const char *s)
{
    size_t len = strlen(s);
    char *out = malloc(len * 4 + 1);
    if (!out)
        return NULL;
    size_t o = 0, i = 0;
    static const char hex[] = "0123456789abcdef";
    while (i < len) {
        unsigned char c = (unsigned char)s[i];
        int n = 1, valid = 1;
        if (c >= 0x80) {
            int32_t cp;
            n = decode(s + i, len - i, &cp);
            if (n < 0) {
                n = 1;
                valid = 0;
            }
        }
        if (c == '\t') {
            out[o++] = '\\';
            out[o++] = 't';
        } else if (!valid || c < 0x20 || c == 0x7f) {
            out[o++] = '\\';
            out[o++] = 'x';
            out[o++] = hex[c >> 4];
            out[o++] = hex[c & 15];
        } else {
            memcpy(out + o, s + i, (size_t)n);
            o += (size_t)n;
        }
        i += (size_t)n;
    }
    out[o] = '\0';
    return out;
}
