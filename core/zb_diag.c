#include "zb_diag.h"

#include "zb_lang.h"
#include "zb_reader.h"
#include "zb_text.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

struct zb_diags {
    zb_diag *items;
    size_t count, cap;
    size_t errors, warnings, suppressed;
    size_t file_cap;
    char *cap_file;        /* the file the running per-file count is for */
    size_t cap_file_count;
    int oom;
};

zb_diags *zb_diags_new(void)
{
    zb_diags *d = calloc(1, sizeof *d);
    if (d)
        d->file_cap = 100;
    return d;
}

void zb_diags_clear(zb_diags *d)
{
    for (size_t i = 0; i < d->count; i++) {
        free(d->items[i].file);
        free(d->items[i].message);
    }
    d->count = 0;
    d->errors = d->warnings = d->suppressed = 0;
    free(d->cap_file);
    d->cap_file = NULL;
    d->cap_file_count = 0;
    d->oom = 0;
}

void zb_diags_free(zb_diags *d)
{
    if (!d)
        return;
    zb_diags_clear(d);
    free(d->items);
    free(d);
}

void zb_diags_set_file_cap(zb_diags *d, size_t cap) { d->file_cap = cap; }

static char *dup_str(const char *s)
{
    size_t n = strlen(s) + 1;
    char *p = malloc(n);
    if (p)
        memcpy(p, s, n);
    return p;
}

/* True when this diagnostic is over its file's cap and should only be
 * counted. */
static int over_cap(zb_diags *d, const char *file)
{
    if (!d->cap_file || strcmp(d->cap_file, file) != 0) {
        free(d->cap_file);
        d->cap_file = dup_str(file);
        d->cap_file_count = 0;
    }
    return ++d->cap_file_count > d->file_cap;
}

void zb_diag_add(zb_diags *d, zb_severity sev, const char *file,
                 unsigned long line, unsigned long col, const char *fmt, ...)
{
    if (!file)
        file = "";
    if (sev == ZB_ERROR)
        d->errors++;
    else if (sev == ZB_WARNING)
        d->warnings++;
    if (over_cap(d, file)) {
        d->suppressed++;
        return;
    }
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n < 0)
        n = 0;
    char *msg = malloc((size_t)n + 1);
    if (!msg) {
        d->oom = 1;
        return;
    }
    va_start(ap, fmt);
    vsnprintf(msg, (size_t)n + 1, fmt, ap);
    va_end(ap);
    if (d->count == d->cap) {
        size_t cap = d->cap ? d->cap * 2 : 16;
        zb_diag *items = realloc(d->items, cap * sizeof *items);
        if (!items) {
            free(msg);
            d->oom = 1;
            return;
        }
        d->items = items;
        d->cap = cap;
    }
    char *fcopy = dup_str(file);
    if (!fcopy) {
        free(msg);
        d->oom = 1;
        return;
    }
    zb_diag *g = &d->items[d->count++];
    g->severity = sev;
    g->file = fcopy;
    g->line = line;
    g->col = col;
    g->message = msg;
}

size_t zb_diags_count(const zb_diags *d) { return d->count; }
size_t zb_diags_errors(const zb_diags *d) { return d->errors; }
size_t zb_diags_warnings(const zb_diags *d) { return d->warnings; }
size_t zb_diags_suppressed(const zb_diags *d) { return d->suppressed; }
int zb_diags_oom(const zb_diags *d) { return d->oom; }

const zb_diag *zb_diag_at(const zb_diags *d, size_t i)
{
    return i < d->count ? &d->items[i] : NULL;
}

long zb_diags_find(const zb_diags *d, const char *needle)
{
    for (size_t i = 0; i < d->count; i++)
        if (strstr(d->items[i].message, needle))
            return (long)i;
    return -1;
}

const char *zb_severity_name(zb_severity sev)
{
    switch (sev) {
    case ZB_ERROR: return ZB_T("错误", "error");
    case ZB_WARNING: return ZB_T("警告", "warning");
    default: return ZB_T("说明", "note");
    }
}

/* Shows the offending line under the message, with a caret at the column,
 * as compilers and jq do: the reader sees the cell without opening the file. */
static void print_source_line(FILE *out, const zb_diag *g)
{
    char *text = zb_reader_fetch_line(g->file, g->line, 512);
    if (!text)
        return;
    char *safe = zb_text_escape_controls(text);
    free(text);
    if (!safe)
        return;
    fprintf(out, "    %s\n", safe);
    if (g->col > 0) {
        /* The caret goes under the column's display position, so it lines up
         * under wide Chinese characters too. */
        size_t width = zb_text_width_prefix(safe, (size_t)(g->col - 1));
        fprintf(out, "    %*s^\n", (int)width, "");
    }
    free(safe);
}

void zb_diags_print(const zb_diags *d, FILE *out, int show_source)
{
    for (size_t i = 0; i < d->count; i++) {
        const zb_diag *g = &d->items[i];
        if (g->file[0] && g->line && g->col)
            fprintf(out, "%s:%lu:%lu: ", g->file, g->line, g->col);
        else if (g->file[0] && g->line)
            fprintf(out, "%s:%lu: ", g->file, g->line);
        else if (g->file[0])
            fprintf(out, "%s: ", g->file);
        fprintf(out, "%s: %s\n", zb_severity_name(g->severity), g->message);
        if (show_source && g->file[0] && g->line)
            print_source_line(out, g);
    }
    if (d->suppressed)
        fprintf(out, ZB_T("（另有 %zu 个问题未列出）\n",
                          "(%zu more problems not shown)\n"),
                d->suppressed);
    if (d->oom)
        fprintf(out, "%s", ZB_T("内存不足：部分问题未能记录\n",
                                "out of memory: some problems were not recorded\n"));
}
