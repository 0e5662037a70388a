#include "zb_codes.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "zb_lang.h"
#include "zb_text.h"

enum { MAX_CELLS = 8 };

typedef struct md_cell {
    char *text;          /* trimmed, NUL-terminated inside the line buffer */
    unsigned long col;   /* 1-based, in characters */
} md_cell;

/* Splits a Markdown table line "| a | b |" in place; returns the cell count,
 * or 0 when the line is not a table row. */
static size_t split_row(char *line, md_cell *cells, size_t max)
{
    char *p = line;
    while (*p == ' ')
        p++;
    if (*p != '|')
        return 0;
    size_t n = 0;
    p++;
    while (*p && n < max) {
        char *end = strchr(p, '|');
        if (!end)
            break;
        char *a = p, *b = end;
        while (a < b && *a == ' ')
            a++;
        while (b > a && b[-1] == ' ')
            b--;
        *b = '\0';
        cells[n].text = a;
        cells[n].col = zb_utf8_chars(line, (size_t)(a - line)) + 1;
        n++;
        p = end + 1;
    }
    return n;
}

size_t zb_codes_load(zb_dataset *ds, const char *path, zb_diags *diags)
{
    FILE *f = fopen(path, "r");
    if (!f) {
        zb_diag_add(diags, ZB_ERROR, path, 0, 0, ZB_T("无法读取：%s", "cannot read it: %s"), path);
        return 1;
    }
    char *line = NULL;
    size_t cap = 0, errors = 0;
    unsigned long lineno = 0;
    const char *base = strrchr(path, '/');
    base = base ? base + 1 : path;
    while (getline(&line, &cap, f) > 0) {
        lineno++;
        line[strcspn(line, "\r\n")] = '\0';
        md_cell c[MAX_CELLS];
        size_t n = split_row(line, c, MAX_CELLS);
        if (n == 0 || strcmp(c[0].text, "code") == 0 || strncmp(c[0].text, "---", 3) == 0)
            continue;
        if (n < 5) {
            zb_diag_add(diags, ZB_ERROR, path, lineno, 1,
                        ZB_T("应有 5 列（code、指标、unit、kind、aggregation），只有 %zu 列",
                             "expected 5 cells (code, name, unit, kind, aggregation), found %zu"), n);
            errors++;
            continue;
        }
        zb_indicator ind;
        memset(&ind, 0, sizeof ind);
        int kind = zb_kind_parse(c[3].text);
        if (kind < 0) {
            zb_diag_add(diags, ZB_ERROR, path, lineno, c[3].col,
                        ZB_T("未知的指标类型“%s”", "unknown indicator kind '%s'"), c[3].text);
            errors++;
            continue;
        }
        /* "none (direction down)": the rule, then an optional direction. */
        char *agg = c[4].text;
        ind.direction = ZB_DIR_UP;
        char *paren = strstr(agg, "(direction ");
        if (paren) {
            char *word = paren + 11, *close = strchr(word, ')');
            if (close)
                *close = '\0';
            int dir = zb_direction_parse(word);
            ind.direction = dir < 0 ? ZB_DIR_UP : (zb_direction)dir;
            while (paren > agg && paren[-1] == ' ')
                paren--;
            *paren = '\0';
        }
        char msg[256];
        size_t errcol = 1;
        if (zb_aggregation_parse(agg, ds->strs, &ind.agg, msg, sizeof msg, &errcol) != 0) {
            zb_diag_add(diags, ZB_ERROR, path, lineno, c[4].col + (unsigned long)errcol - 1,
                        ZB_T("汇总规则“%s”有误：%s", "bad aggregation rule '%s': %s"), agg, msg);
            errors++;
            continue;
        }
        ind.agg_given = 1;
        ind.kind = (zb_kind)kind;
        ind.decimals = -1;
        ind.code = zb_strtab_intern(ds->strs, c[0].text, strlen(c[0].text));
        ind.name = zb_strtab_intern(ds->strs, c[1].text, strlen(c[1].text));
        const char *unit = strcmp(c[2].text, "(none)") == 0 ? "" : c[2].text;
        ind.unit = zb_strtab_intern(ds->strs, unit, strlen(unit));
        char src[256];
        snprintf(src, sizeof src, "%s:%lu", base, lineno);
        ind.source = zb_strtab_intern(ds->strs, src, strlen(src));
        ind.line = lineno;
        long existing;
        long idx = zb_indicators_add(&ds->indicators, &ind, &existing);
        if (idx == -2) {
            zb_diag_add(diags, ZB_ERROR, path, lineno, c[0].col,
                        ZB_T("指标代码“%s”重复：第 %lu 行已有", "duplicate code '%s': already on line %lu"),
                        c[0].text, ds->indicators.items[existing].line);
            errors++;
        } else if (idx < 0) {
            errors++;
            break;
        }
    }
    free(line);
    fclose(f);
    return errors;
}
