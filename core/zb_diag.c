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
    char *encoding;        /* the files' encoding, for the lines shown; NULL: UTF-8 */
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
    free(d->encoding);
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

void zb_diags_set_encoding(zb_diags *d, const char *encoding)
{
    free(d->encoding);
    d->encoding = encoding && *encoding ? dup_str(encoding) : NULL;
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

/* Source lines shown under messages: at most this many bytes; a column
 * further right than WINDOW_AT is shown in a window that starts
 * WINDOW_BEFORE characters before it, so the caret stays on screen however
 * long the line (a 10 MB field, a line of a million commas). */
enum { SHOW_BYTES = 300, WINDOW_AT = 60, WINDOW_BEFORE = 30 };

static unsigned long window_start(unsigned long col)
{
    return col > WINDOW_AT ? col - WINDOW_BEFORE : 1;
}

/* Display width of the first nchars characters of text once control
 * characters are escaped as they will be printed. */
static size_t escaped_width(const char *text, size_t nchars)
{
    size_t len = strlen(text), end = 0, seen = 0;
    while (end < len) {
        if (((unsigned char)text[end] & 0xC0) != 0x80) {
            if (seen == nchars)
                break;
            seen++;
        }
        end++;
    }
    char *prefix = malloc(end + 1);
    if (!prefix)
        return 0;
    memcpy(prefix, text, end);
    prefix[end] = '\0';
    char *safe = zb_text_escape_controls(prefix);
    free(prefix);
    size_t width = safe ? zb_text_width(safe) : 0;
    free(safe);
    return width;
}

/* Shows the offending line under the message, with a caret at the column,
 * as compilers and jq do: the reader sees the cell without opening the file. */
static void print_source_line(FILE *out, const zb_diag *g, const zb_line_request *r)
{
    if (!r || !r->text)
        return;
    if (r->text[0] == '\0' && !r->cut_before && !r->cut_after)
        return; /* an empty line (an empty file) shows nothing useful */
    char *safe = zb_text_escape_controls(r->text);
    if (!safe)
        return;
    const char *dots = "\xE2\x80\xA6";
    fprintf(out, "    %s%s%s\n", r->cut_before ? dots : "", safe, r->cut_after ? dots : "");
    if (g->col > 0 && g->col >= r->first_char) {
        /* The caret goes under the column's display position, so it lines up
         * under wide Chinese characters and escaped controls too. */
        size_t width = (r->cut_before ? 1 : 0) + escaped_width(r->text, (size_t)(g->col - r->first_char));
        fprintf(out, "    %*s^\n", (int)width, "");
    }
    free(safe);
}

typedef struct shown_line {
    const char *file;
    unsigned long line, first_char;
    size_t diag;
} shown_line;

static int shown_cmp(const void *a, const void *b)
{
    const shown_line *x = a, *y = b;
    int c = strcmp(x->file, y->file);
    if (c)
        return c;
    if (x->line != y->line)
        return x->line < y->line ? -1 : 1;
    if (x->first_char != y->first_char)
        return x->first_char < y->first_char ? -1 : 1;
    return x->diag < y->diag ? -1 : x->diag > y->diag;
}

/* Fetches every line the diagnostics point at, one pass per file.  Returns
 * the requests (texts to free) and, in *which, the request of each
 * diagnostic (or (size_t)-1); NULL when there is nothing to show. */
static zb_line_request *fetch_shown_lines(const zb_diags *d, size_t **which, size_t *nreq)
{
    *nreq = 0;
    *which = NULL;
    shown_line *sl = malloc((d->count ? d->count : 1) * sizeof *sl);
    size_t *w = malloc((d->count ? d->count : 1) * sizeof *w);
    zb_line_request *req = malloc((d->count ? d->count : 1) * sizeof *req);
    if (!sl || !w || !req) {
        free(sl);
        free(w);
        free(req);
        return NULL;
    }
    size_t n = 0;
    for (size_t i = 0; i < d->count; i++) {
        w[i] = (size_t)-1;
        const zb_diag *g = &d->items[i];
        if (g->file[0] && g->line)
            sl[n++] = (shown_line){g->file, g->line, window_start(g->col), i};
    }
    qsort(sl, n, sizeof *sl, shown_cmp);
    size_t nr = 0;
    for (size_t i = 0; i < n; i++) {
        if (nr == 0 || strcmp(sl[i].file, sl[i - 1].file) != 0 || sl[i].line != req[nr - 1].line ||
            sl[i].first_char != req[nr - 1].first_char)
            req[nr++] = (zb_line_request){sl[i].line, sl[i].first_char, SHOW_BYTES, NULL, 0, 0};
        w[sl[i].diag] = nr - 1;
    }
    /* Requests are grouped by file in the order of sl; fetch each group. */
    for (size_t i = 0, r = 0; i < n;) {
        size_t j = i, r0 = r;
        while (j < n && strcmp(sl[j].file, sl[i].file) == 0)
            j++;
        r = w[sl[j - 1].diag] + 1;
        zb_reader_fetch_lines(sl[i].file, d->encoding, req + r0, r - r0);
        i = j;
    }
    free(sl);
    *which = w;
    *nreq = nr;
    return req;
}

void zb_diags_print(const zb_diags *d, FILE *out, int show_source)
{
    size_t *which = NULL, nreq = 0;
    zb_line_request *req = show_source ? fetch_shown_lines(d, &which, &nreq) : NULL;
    for (size_t i = 0; i < d->count; i++) {
        const zb_diag *g = &d->items[i];
        if (g->file[0] && g->line && g->col)
            fprintf(out, "%s:%lu:%lu: ", g->file, g->line, g->col);
        else if (g->file[0] && g->line)
            fprintf(out, "%s:%lu: ", g->file, g->line);
        else if (g->file[0])
            fprintf(out, "%s: ", g->file);
        /* A message quotes the cell it is about, and a cell may hold control
         * characters (an escape sequence would drive the terminal): they
         * are shown escaped, as in the source line. */
        char *safe = zb_text_escape_controls(g->message);
        fprintf(out, "%s: %s\n", zb_severity_name(g->severity), safe ? safe : g->message);
        free(safe);
        if (req && which[i] != (size_t)-1)
            print_source_line(out, g, &req[which[i]]);
    }
    for (size_t k = 0; k < nreq; k++)
        free(req[k].text);
    free(req);
    free(which);
    if (d->suppressed)
        fprintf(out, ZB_T("（另有 %zu 个问题未列出）\n",
                          "(%zu more problems not shown)\n"),
                d->suppressed);
    if (d->oom)
        fprintf(out, "%s", ZB_T("内存不足：部分问题未能记录\n",
                                "out of memory: some problems were not recorded\n"));
}
