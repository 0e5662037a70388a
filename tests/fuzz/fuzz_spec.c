/* fuzz_spec — the target and growth text parser (and the aggregation rule
 * parser, the other free-text field of the tables) on arbitrary text.
 *
 * Invariants checked besides memory safety: a parse error names a column
 * inside the text (1 .. characters + 1) and a message; a numeric spec holds
 * finite numbers; a range is ordered; a ratio has 1..ZB_SPEC_MAX_PARTS
 * parts; the unit is a NUL-terminated string of its buffer.
 */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "zb_indicator.h"
#include "zb_spec.h"
#include "zb_strtab.h"

enum { MAX_INPUT = 4096 };

static size_t utf8_chars(const char *s)
{
    size_t n = 0;
    for (; *s; s++)
        n += ((unsigned char)*s & 0xC0) != 0x80;
    return n;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size > MAX_INPUT)
        return 0;
    /* The parser takes NUL-terminated text, as the string table holds it;
     * an embedded NUL ends the text there. */
    char *text = malloc(size + 1);
    if (!text)
        abort();
    memcpy(text, data, size);
    text[size] = '\0';

    zb_spec s;
    char err[256];
    size_t col = 0;
    int rc = zb_spec_parse(text, &s, err, sizeof err, &col);
    size_t chars = utf8_chars(text);
    if (rc < 0) {
        if (col < 1 || col > chars + 1 || err[0] == '\0')
            abort();
    } else if (rc != 0) {
        abort();
    }
    if (memchr(s.unit, '\0', sizeof s.unit) == NULL)
        abort();
    if (rc == 0 && zb_spec_is_numeric(&s) && (!isfinite(s.value) || !isfinite(s.value2)))
        abort();
    if (s.form == ZB_SPEC_RANGE && s.value > s.value2)
        abort();
    if (s.form == ZB_SPEC_RATIO) {
        if (s.nparts < 1 || s.nparts > ZB_SPEC_MAX_PARTS)
            abort();
        for (int i = 0; i < s.nparts; i++)
            if (!isfinite(s.parts[i]))
                abort();
    }
    static const char *const units[] = {"", "%", "亿元", "万人", "元", "人/千人", "万个", "‰"};
    for (size_t i = 0; i < sizeof units / sizeof units[0]; i++) {
        double scale = zb_spec_unit_scale(&s, units[i]);
        if (!isfinite(scale) || scale < 0)
            abort();
    }
    (void)zb_cmp_symbol(s.cmp);
    (void)zb_spec_form_name(s.form);

    zb_strtab *strs = zb_strtab_new();
    if (!strs)
        abort();
    zb_aggregation agg;
    memset(&agg, 0, sizeof agg);
    char msg[256];
    size_t errcol = 0;
    if (zb_aggregation_parse(text, strs, &agg, msg, sizeof msg, &errcol) == 0) {
        char buf[512];
        zb_aggregation_format(&agg, strs, buf, sizeof buf);
        if (memchr(buf, '\0', sizeof buf) == NULL)
            abort();
    } else if (errcol < 1 || errcol > chars + 1 || msg[0] == '\0') {
        abort();
    }
    zb_strtab_free(strs);
    free(text);
    return 0;
}
