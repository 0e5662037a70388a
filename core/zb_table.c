#include "zb_table.h"

#include "zb_lang.h"

#include <string.h>

/* Header cells are compared after trimming spaces: "year " from a hand-edited
 * header should not become an unknown column. */
static int header_is(const zb_csv_field *f, const char *name)
{
    if (!name)
        return 0;
    const char *s = f->text;
    size_t len = f->len;
    while (len && (*s == ' ' || *s == '\t'))
        s++, len--;
    while (len && (s[len - 1] == ' ' || s[len - 1] == '\t'))
        len--;
    return strlen(name) == len && strncmp(s, name, len) == 0;
}

size_t zb_table_map(zb_column *cols, size_t ncols, const zb_csv_field *header,
                    size_t nheader, const char *file, zb_diags *diags)
{
    size_t errors = 0;
    for (size_t c = 0; c < ncols; c++)
        cols[c].index = -1;
    for (size_t h = 0; h < nheader; h++) {
        int known = 0;
        for (size_t c = 0; c < ncols; c++) {
            if (!header_is(&header[h], cols[c].name) && !header_is(&header[h], cols[c].alias))
                continue;
            known = 1;
            if (cols[c].index >= 0) {
                zb_diag_add(diags, ZB_ERROR, file, header[h].line, header[h].col,
                            ZB_T("列“%s”重复出现（第 %ld 列已有）", "column '%s' appears twice (already column %ld)"),
                            cols[c].name, cols[c].index + 1);
                errors++;
            } else {
                cols[c].index = (long)h;
            }
        }
        if (!known) {
            zb_diag_add(diags, ZB_WARNING, file, header[h].line, header[h].col,
                        ZB_T("未知的列“%s”，已忽略", "unknown column '%s' ignored"),
                        header[h].text);
        }
    }
    for (size_t c = 0; c < ncols; c++) {
        if (cols[c].required && cols[c].index < 0) {
            zb_diag_add(diags, ZB_ERROR, file, nheader ? header[0].line : 1, 0,
                        ZB_T("缺少必需的列“%s”%s%s%s", "missing required column '%s'%s%s%s"),
                        cols[c].name, cols[c].alias ? ZB_T("（或“", " (or '") : "",
                        cols[c].alias ? cols[c].alias : "",
                        cols[c].alias ? ZB_T("”）", "')") : "");
            errors++;
        }
    }
    return errors;
}

const zb_csv_field *zb_table_get(const zb_column *c, const zb_csv_field *row,
                                 size_t nrow, unsigned long line)
{
    static zb_csv_field empty;
    if (c->index >= 0 && (size_t)c->index < nrow)
        return &row[c->index];
    empty.text = "";
    empty.len = 0;
    empty.line = line;
    empty.col = 0;
    return &empty;
}
