/* fuzz_num — the number parser on arbitrary bytes.
 *
 * zb_num_parse takes a length and must never read past it (libFuzzer's
 * buffer is exactly `size` bytes, so ASan sees any over-read).  Invariants:
 * a parsed value is finite; an error names a column inside the text and a
 * message; "missing" agrees with zb_num_is_missing_marker; and a plain ASCII
 * decimal (optional minus, up to 15 digits, optional fraction) parses to
 * exactly what strtod gives.  The loader's fast path zb_num_plain, when
 * it accepts a text, gives the same double as strtod and as zb_num_parse;
 * zb_num_format_exact writes every parsed value so that strtod reads back
 * the same double.
 */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "zb_num.h"

static int plain_decimal(const uint8_t *s, size_t n)
{
    size_t i = 0, digits = 0;
    if (i < n && s[i] == '-')
        i++;
    while (i < n && s[i] >= '0' && s[i] <= '9')
        i++, digits++;
    if (digits == 0 || digits > 15)
        return 0;
    if (i < n && s[i] == '.') {
        i++;
        size_t frac = 0;
        while (i < n && s[i] >= '0' && s[i] <= '9')
            i++, frac++;
        if (frac == 0 || frac > 6)
            return 0;
    }
    return i == n;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    size_t chars = 0;
    for (size_t i = 0; i < size; i++)
        chars += (data[i] & 0xC0) != 0x80;
    int missing = zb_num_is_missing_marker((const char *)data, size);
    for (unsigned flags = 0; flags < 4; flags++) {
        double v = 12345.0;
        zb_num_error err;
        memset(&err, 0x55, sizeof err);
        zb_num_status st = zb_num_parse((const char *)data, size, flags, &v, &err);
        if (st == ZB_NUM_OK) {
            if (!isfinite(v) || missing)
                abort();
        } else if (st == ZB_NUM_MISSING) {
            if (!missing)
                abort();
        } else if (st == ZB_NUM_BAD) {
            if (err.col < 1 || err.col > chars + 1 || missing)
                abort();
            if (memchr(err.message, '\0', sizeof err.message) == NULL || err.message[0] == '\0')
                abort();
        } else {
            abort();
        }
        if (st == ZB_NUM_BAD && zb_num_parse((const char *)data, size, flags, &v, NULL) != ZB_NUM_BAD)
            abort(); /* err may be NULL, and the answer must not depend on it */
    }
    if (size < 64) {
        char buf[64];
        memcpy(buf, data, size);
        buf[size] = '\0';
        double fast, general;
        if (zb_num_plain((const char *)data, size, &fast)) {
            if (memchr(buf, '\0', size) || fast != strtod(buf, NULL) ||
                zb_num_parse((const char *)data, size, 0, &general, NULL) != ZB_NUM_OK || general != fast)
                abort();
        }
        if (zb_num_parse((const char *)data, size, ZB_NUM_ALLOW_PERCENT, &general, NULL) == ZB_NUM_OK) {
            char out[64];
            int n = zb_num_format_exact(out, sizeof out, general);
            if (n <= 0 || (size_t)n >= sizeof out || strtod(out, NULL) != general)
                abort();
        }
    }
    if (plain_decimal(data, size)) {
        char buf[32];
        memcpy(buf, data, size);
        buf[size] = '\0';
        double v;
        if (zb_num_parse((const char *)data, size, 0, &v, NULL) != ZB_NUM_OK || v != strtod(buf, NULL))
            abort();
    }
    return 0;
}
