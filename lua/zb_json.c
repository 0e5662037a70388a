#include "zb_json.h"

#include <string.h>

#include "zb_text.h"

void zb_json_string(FILE *out, const char *s)
{
    fputc('"', out);
    size_t len = strlen(s);
    for (size_t i = 0; i < len;) {
        unsigned char c = (unsigned char)s[i];
        if (c == '"' || c == '\\') {
            fputc('\\', out);
            fputc(c, out);
            i++;
        } else if (c < 0x20) {
            if (c == '\n')
                fputs("\\n", out);
            else if (c == '\t')
                fputs("\\t", out);
            else if (c == '\r')
                fputs("\\r", out);
            else
                fprintf(out, "\\u%04x", c);
            i++;
        } else if (c < 0x80) {
            fputc(c, out);
            i++;
        } else {
            size_t valid = zb_utf8_check(s + i, len - i);
            if (valid == 0) {
                fputs("\\ufffd", out);
                i++;
            } else {
                /* copy the valid run up to the next ASCII byte */
                size_t run = 0;
                while (run < valid && (unsigned char)s[i + run] >= 0x80)
                    run++;
                fwrite(s + i, 1, run, out);
                i += run;
            }
        }
    }
    fputc('"', out);
}
