#include "zb_out.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "zb_json.h"
#include "zb_lang.h"
#include "zb_text.h"

struct zb_out {
    const zb_out_col *cols;
    int ncols;
    char **cells;       /* rows * ncols; when streaming, the current row only */
    int rows, cap, filled;
    FILE *stream;       /* zb_out_stream: rows written as they are done */
    zb_out_format stream_format;
    /* Streaming: the current row's texts, one after another in one buffer
     * (no allocation per cell); cells point into it once the row is out. */
    char *rowbuf;
    size_t rowlen, rowcap;
    size_t *rowoff;
    int csv_fields;     /* streamed CSV: fields already in rowbuf's line */
    /* zb_out_select: the columns written, in this order, in every format;
     * nsel 0 means the columns' own flags decide.  picked[c] says whether
     * column c is among them. */
    int *sel, nsel;
    unsigned char *picked;
    int direct_csv;     /* streamed CSV built cell by cell into one line */
    int held;           /* streaming: the last row started is not written yet */
};

/* The k-th column written in this format, or -1 past the last. */
static int out_col(const zb_out *t, int k, zb_out_format format)
{
    if (t->nsel)
        return k < t->nsel ? t->sel[k] : -1;
    for (int c = 0; c < t->ncols; c++) {
        int shown = format == ZB_OUT_TEXT ? !t->cols[c].data_only : !t->cols[c].text_only;
        if (shown && k-- == 0)
            return c;
    }
    return -1;
}

/* Is column c written at all?  For a table not streamed the format is not
 * known yet: every column is kept unless a selection leaves it out. */
static int col_written(const zb_out *t, int c)
{
    if (t->nsel)
        return t->picked[c];
    if (t->stream)
        return !t->cols[c].text_only;
    return 1;
}

/* Room for extra more bytes in rowbuf. */
static int row_room(zb_out *t, size_t extra)
{
    if (t->rowlen + extra <= t->rowcap)
        return 0;
    size_t cap = t->rowcap ? t->rowcap : 256;
    while (cap < t->rowlen + extra)
        cap *= 2;
    char *b = realloc(t->rowbuf, cap);
    if (!b)
        return -1;
    t->rowbuf = b;
    t->rowcap = cap;
    return 0;
}

/* Streamed CSV: the cell goes straight into the line being built, quoted
 * when it must be; nothing is kept per cell. */
static int csv_append(zb_out *t, const char *s)
{
    size_t n = strlen(s);
    if (row_room(t, 2 * n + 5) != 0) /* quoted, every byte doubled, ',' and CRLF */
        return -1;
    char *b = t->rowbuf;
    size_t start = t->rowlen;
    if (t->csv_fields++)
        b[t->rowlen++] = ',';
    /* Copy while looking for what needs quotes: one pass for the usual
     * plain cell. */
    char *o = b + t->rowlen;
    size_t i = 0;
    for (; i < n; i++) {
        char c = s[i];
        if (c == ',' || c == '"' || c == '\r' || c == '\n')
            break;
        o[i] = c;
    }
    if (i == n) {
        t->rowlen += n;
        return 0;
    }
    t->rowlen = start + (t->csv_fields > 1);
    b[t->rowlen++] = '"';
    for (; *s; s++) {
        if (*s == '"')
            b[t->rowlen++] = '"';
        b[t->rowlen++] = *s;
    }
    b[t->rowlen++] = '"';
    return 0;
}

static void csv_row(const zb_out *t, FILE *out, char *const *cells);
static void json_row(const zb_out *t, FILE *out, char *const *cells, int first_row);

/* Streaming: points the row's cells at their texts in rowbuf. */
static char *const *stream_cells(const zb_out *t)
{
    for (int c = 0; c < t->ncols; c++)
        t->cells[c] = c < t->filled && t->rowoff[c] != (size_t)-1 ? t->rowbuf + t->rowoff[c] : NULL;
    return t->cells;
}

/* Streaming: writes the finished current row and empties the buffer. */
static void flush_row(zb_out *t)
{
    if (t->direct_csv) {
        /* Finished lines gather in the buffer and go out 64 KiB at a
         * time: one fwrite a row was a tenth of a rollup's output time. */
        if (row_room(t, 2) != 0) /* a row without cells has no buffer yet */
            return;
        memcpy(t->rowbuf + t->rowlen, "\r\n", 2);
        t->rowlen += 2;
        if (t->rowlen >= 65536) {
            fwrite(t->rowbuf, 1, t->rowlen, t->stream);
            t->rowlen = 0;
        }
        t->csv_fields = 0;
        return;
    }
    char *const *cells = stream_cells(t);
    if (t->stream_format == ZB_OUT_CSV)
        csv_row(t, t->stream, cells);
    else
        json_row(t, t->stream, cells, t->rows == 1);
    t->rowlen = 0;
}

zb_out *zb_out_new(const zb_out_col *cols, int ncols)
{
    zb_out *t = calloc(1, sizeof *t);
    if (t) {
        t->cols = cols;
        t->ncols = ncols;
    }
    return t;
}

void zb_out_free(zb_out *t)
{
    if (!t)
        return;
    if (!t->stream)
        for (int i = 0; i < t->rows * t->ncols; i++)
            free(t->cells[i]);
    free(t->rowbuf);
    free(t->rowoff);
    free(t->cells);
    free(t->sel);
    free(t->picked);
    free(t);
}

int zb_out_row(zb_out *t)
{
    if (t->stream && t->rows > 0) {
        if (t->held)
            flush_row(t);
        t->rows++;
        t->filled = 0;
        t->held = 1;
        return 0;
    }
    if (t->rows == t->cap) {
        int cap = t->cap ? t->cap * 2 : 32;
        char **cells = realloc(t->cells, (size_t)cap * (size_t)t->ncols * sizeof *cells);
        if (!cells)
            return -1;
        t->cells = cells;
        t->cap = cap;
    }
    for (int c = 0; c < t->ncols; c++)
        t->cells[t->rows * t->ncols + c] = NULL;
    t->rows++;
    t->filled = 0;
    t->held = t->stream != NULL;
    return 0;
}

int zb_out_cell(zb_out *t, const char *text)
{
    if (t->rows == 0 || t->filled >= t->ncols)
        return -1;
    int c = t->filled;
    if (!col_written(t, c)) {
        if (t->stream && !t->direct_csv)
            t->rowoff[c] = (size_t)-1;
        t->filled++;
        return 0;
    }
    if (t->direct_csv) {
        t->filled++;
        return csv_append(t, text ? text : "");
    }
    size_t n = strlen(text ? text : "");
    if (t->stream) {
        if (row_room(t, n + 1) != 0)
            return -1;
        memcpy(t->rowbuf + t->rowlen, text ? text : "", n + 1);
        t->rowoff[t->filled++] = t->rowlen;
        t->rowlen += n + 1;
        return 0;
    }
    char *copy = malloc(n + 1);
    if (!copy)
        return -1;
    memcpy(copy, text ? text : "", n + 1);
    t->cells[(size_t)(t->rows - 1) * (size_t)t->ncols + (size_t)t->filled++] = copy;
    return 0;
}

int zb_out_written(const zb_out *t, int col)
{
    return col >= 0 && col < t->ncols && col_written(t, col);
}

int zb_out_skip_to(zb_out *t, int col)
{
    if (t->rows == 0 || col < t->filled || col >= t->ncols)
        return -1;
    while (t->filled < col)
        if (!zb_out_skip(t) && zb_out_cell(t, "") != 0)
            return -1;
    return 0;
}

int zb_out_skip(zb_out *t)
{
    /* What zb_out_cell does with a cell not written, without the call: a
     * rollup skips fifteen columns of each of millions of rows. */
    int c = t->filled;
    if (t->rows == 0 || c >= t->ncols || col_written(t, c))
        return 0;
    if (t->stream && !t->direct_csv)
        t->rowoff[c] = (size_t)-1;
    t->filled++;
    return 1;
}

int zb_out_select(zb_out *t, const char *keys, char *err, size_t errlen)
{
    if (t->rows || t->stream)
        return -1;
    int *sel = malloc((size_t)(t->ncols ? t->ncols : 1) * sizeof *sel);
    unsigned char *picked = calloc((size_t)(t->ncols ? t->ncols : 1), 1);
    int n = 0;
    if (!sel || !picked) {
        free(sel);
        free(picked);
        snprintf(err, errlen, "%s", ZB_T("内存不足", "out of memory"));
        return -1;
    }
    for (const char *p = keys; *p;) {
        size_t len = strcspn(p, ",");
        int found = -1;
        for (int c = 0; c < t->ncols && found < 0; c++)
            if (strlen(t->cols[c].key) == len && memcmp(t->cols[c].key, p, len) == 0)
                found = c;
        if (found < 0 || picked[found]) {
            /* The known names, so that the fix is one look away. */
            size_t used = (size_t)snprintf(err, errlen,
                                           found < 0 ? ZB_T("未知的列“%.*s”：可选 ", "unknown column '%.*s': the columns are ")
                                                     : ZB_T("列“%.*s”写了两次：可选 ", "column '%.*s' named twice: the columns are "),
                                           (int)len, p);
            for (int c = 0; c < t->ncols && used < errlen; c++)
                used += (size_t)snprintf(err + used, errlen - used, "%s%s", c ? "," : "", t->cols[c].key);
            free(sel);
            free(picked);
            return -1;
        }
        picked[found] = 1;
        sel[n++] = found;
        p += len;
        if (*p == ',')
            p++;
    }
    if (n == 0) {
        snprintf(err, errlen, "%s", ZB_T("没有指定列", "no columns named"));
        free(sel);
        free(picked);
        return -1;
    }
    free(t->sel);
    free(t->picked);
    t->sel = sel;
    t->nsel = n;
    t->picked = picked;
    return 0;
}

int zb_out_cellf(zb_out *t, const char *fmt, ...)
{
    /* A column that is not written (a text-only one in streamed CSV or
     * JSON, one left out by zb_out_select) need not be formatted. */
    if (t->filled < t->ncols && !col_written(t, t->filled))
        return zb_out_cell(t, NULL);
    char buf[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    return zb_out_cell(t, buf);
}

int zb_out_cell_int(zb_out *t, long long v)
{
    char buf[24], *p = buf + sizeof buf - 1;
    unsigned long long u = v < 0 ? 0ull - (unsigned long long)v : (unsigned long long)v;
    *p = '\0';
    do {
        *--p = (char)('0' + u % 10);
        u /= 10;
    } while (u);
    if (v < 0)
        *--p = '-';
    return zb_out_cell(t, p);
}

int zb_out_rows(const zb_out *t) { return t->rows; }

static const char *cell(const zb_out *t, int r, int c)
{
    const char *s = t->cells[r * t->ncols + c];
    return s ? s : "";
}

static void pad(FILE *out, size_t n)
{
    for (size_t i = 0; i < n; i++)
        fputc(' ', out);
}

static void write_text(const zb_out *t, FILE *out)
{
    size_t *width = calloc((size_t)t->ncols, sizeof *width);
    if (!width)
        return;
    int c;
    for (int k = 0; (c = out_col(t, k, ZB_OUT_TEXT)) >= 0; k++) {
        width[c] = zb_text_width(t->cols[c].label);
        for (int r = 0; r < t->rows; r++) {
            size_t w = zb_text_width(cell(t, r, c));
            if (w > width[c])
                width[c] = w;
        }
    }
    for (int r = -1; r < t->rows; r++) {
        /* Spaces are held back until something follows them, so that no
         * line ends in blanks (empty trailing cells included). */
        size_t pending = 0;
        int first = 1;
        for (int k = 0; (c = out_col(t, k, ZB_OUT_TEXT)) >= 0; k++) {
            const char *s = r < 0 ? t->cols[c].label : cell(t, r, c);
            size_t gap = width[c] - zb_text_width(s);
            if (!first)
                pending += 2;
            first = 0;
            if (t->cols[c].numeric)
                pending += gap;
            if (*s) {
                pad(out, pending);
                pending = 0;
                fputs(s, out);
            }
            if (!t->cols[c].numeric)
                pending += gap;
        }
        fputc('\n', out);
        if (r < 0) {
            size_t total = 0;
            int shown = 0;
            for (int k = 0; (c = out_col(t, k, ZB_OUT_TEXT)) >= 0; k++) {
                total += width[c];
                shown++;
            }
            total += shown > 1 ? 2 * (size_t)(shown - 1) : 0;
            for (size_t i = 0; i < total; i++)
                fputc('-', out);
            fputc('\n', out);
        }
    }
    free(width);
}

static void csv_field(FILE *out, const char *s)
{
    if (!strpbrk(s, ",\"\r\n")) {
        fputs(s, out);
        return;
    }
    fputc('"', out);
    for (; *s; s++) {
        if (*s == '"')
            fputc('"', out);
        fputc(*s, out);
    }
    fputc('"', out);
}

/* One CSV line: the header when cells is NULL.  A line of plain fields is
 * put together in a buffer and written at once: stdio's per-call cost was
 * most of a streamed rollup's output time. */
static void csv_row(const zb_out *t, FILE *out, char *const *cells)
{
    char line[2048];
    size_t n = 0;
    int first = 1, c;
    for (int k = 0; (c = out_col(t, k, ZB_OUT_CSV)) >= 0; k++) {
        const char *s = !cells ? t->cols[c].label : cells[c] ? cells[c] : "";
        size_t len = 0;
        int plain = 1;
        for (; s[len]; len++)
            if (s[len] == ',' || s[len] == '"' || s[len] == '\r' || s[len] == '\n')
                plain = 0;
        if (!plain || n + len + 4 > sizeof line) {
            /* Quoting, or a long line: stdio, field by field. */
            fwrite(line, 1, n, out);
            n = 0;
            if (!first)
                fputc(',', out);
            csv_field(out, s);
        } else {
            if (!first)
                line[n++] = ',';
            memcpy(line + n, s, len);
            n += len;
        }
        first = 0;
    }
    memcpy(line + n, "\r\n", 2); /* RFC 4180, and what Excel writes */
    fwrite(line, 1, n + 2, out);
}

static void write_csv(const zb_out *t, FILE *out, int with_bom)
{
    if (with_bom)
        fputs("\xEF\xBB\xBF", out);
    csv_row(t, out, NULL);
    for (int r = 0; r < t->rows; r++)
        csv_row(t, out, t->cells + (size_t)r * (size_t)t->ncols);
}

/* Is s a JSON number, -?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)?, allowing
 * a leading + (which the writer drops)? */
static int is_json_number(const char *s)
{
    if (*s == '-' || *s == '+')
        s++;
    if (*s == '0')
        s++;
    else if (*s >= '1' && *s <= '9')
        while (*s >= '0' && *s <= '9')
            s++;
    else
        return 0;
    if (*s == '.') {
        if (!(*++s >= '0' && *s <= '9'))
            return 0;
        while (*s >= '0' && *s <= '9')
            s++;
    }
    if (*s == 'e' || *s == 'E') {
        s++;
        if (*s == '-' || *s == '+')
            s++;
        if (!(*s >= '0' && *s <= '9'))
            return 0;
        while (*s >= '0' && *s <= '9')
            s++;
    }
    return *s == '\0';
}

static void json_row(const zb_out *t, FILE *out, char *const *cells, int first_row)
{
    fputs(first_row ? "\n  {" : ",\n  {", out);
    int first = 1, c;
    for (int k = 0; (c = out_col(t, k, ZB_OUT_JSON)) >= 0; k++) {
        const char *s = cells[c] ? cells[c] : "";
        if (!first)
            fputs(", ", out);
        first = 0;
        zb_json_string(out, t->cols[c].key);
        fputs(": ", out);
        if (t->cols[c].boolean && (strcmp(s, "true") == 0 || strcmp(s, "false") == 0))
            fputs(s, out);
        else if (t->cols[c].boolean && !*s)
            fputs("null", out);
        else if (t->cols[c].numeric && is_json_number(s))
            fputs(s[0] == '+' ? s + 1 : s, out); /* JSON has no leading + */
        else if (t->cols[c].numeric && !*s)
            fputs("null", out);
        else
            zb_json_string(out, s);
    }
    fputs("}", out);
}

static void write_json(const zb_out *t, FILE *out)
{
    fputs("[", out);
    for (int r = 0; r < t->rows; r++)
        json_row(t, out, t->cells + (size_t)r * (size_t)t->ncols, r == 0);
    fputs(t->rows ? "\n]\n" : "]\n", out);
}

/* zb_out_stream and zb_out_stream_rows; header: BOM, header line or '['. */
static int start_stream(zb_out *t, FILE *out, zb_out_format format, int with_bom, int header)
{
    if (format == ZB_OUT_TEXT || t->stream || t->rows > 0 || (!header && format != ZB_OUT_CSV))
        return -1;
    t->rowoff = malloc((size_t)(t->ncols ? t->ncols : 1) * sizeof *t->rowoff);
    if (!t->rowoff)
        return -1;
    if (!header) {
        /* rows only: they follow another table's */
    } else if (format == ZB_OUT_CSV) {
        if (with_bom)
            fputs("\xEF\xBB\xBF", out);
        csv_row(t, out, NULL);
    } else {
        fputs("[", out);
    }
    t->stream = out;
    t->stream_format = format;
    /* CSV cells go straight into the line when they come in the order they
     * are written: always, unless a selection reorders them. */
    t->direct_csv = format == ZB_OUT_CSV;
    for (int k = 1; k < t->nsel; k++)
        if (t->sel[k] < t->sel[k - 1])
            t->direct_csv = 0;
    return 0;
}

int zb_out_stream(zb_out *t, FILE *out, zb_out_format format, int with_bom)
{
    return start_stream(t, out, format, with_bom, 1);
}

int zb_out_stream_rows(zb_out *t, FILE *out, zb_out_format format)
{
    return start_stream(t, out, format, 0, 0);
}

/* Streaming: writes the row held back, if any. */
static void write_held(zb_out *t)
{
    if (!t->held)
        return;
    if (t->direct_csv) {
        if (t->rowlen)
            fwrite(t->rowbuf, 1, t->rowlen, t->stream);
        fputs("\r\n", t->stream);
        t->rowlen = 0;
        t->csv_fields = 0;
    } else if (t->stream_format == ZB_OUT_CSV) {
        csv_row(t, t->stream, stream_cells(t));
        t->rowlen = 0;
    } else {
        json_row(t, t->stream, stream_cells(t), t->rows == 1);
        t->rowlen = 0;
    }
    t->held = 0;
}

int zb_out_append(zb_out *t, zb_out *more, FILE *more_file)
{
    if (!t->stream || t->stream_format != ZB_OUT_CSV || more->stream != more_file ||
        more->stream_format != ZB_OUT_CSV)
        return -1;
    write_held(t);
    write_held(more);
    if (fflush(more_file) != 0 || fseek(more_file, 0, SEEK_SET) != 0)
        return -1;
    char buf[1 << 16];
    size_t got;
    while ((got = fread(buf, 1, sizeof buf, more_file)) > 0)
        fwrite(buf, 1, got, t->stream);
    if (ferror(more_file))
        return -1;
    t->rows += more->rows;
    return 0;
}

void zb_out_write(const zb_out *t, FILE *out, zb_out_format format, int with_bom)
{
    if (t->stream) {
        /* Every row but the last is out already. */
        if (t->held && t->direct_csv) {
            if (t->rowlen)
                fwrite(t->rowbuf, 1, t->rowlen, t->stream);
            fputs("\r\n", t->stream);
        } else if (t->held && t->stream_format == ZB_OUT_CSV) {
            csv_row(t, t->stream, stream_cells(t));
        } else if (t->held) {
            json_row(t, t->stream, stream_cells(t), t->rows == 1);
        }
        if (t->stream_format == ZB_OUT_JSON)
            fputs(t->rows ? "\n]\n" : "]\n", t->stream);
        return;
    }
    switch (format) {
    case ZB_OUT_CSV: write_csv(t, out, with_bom); break;
    case ZB_OUT_JSON: write_json(t, out); break;
    default: write_text(t, out); break;
    }
}

int zb_out_format_of_name(const char *path)
{
    const char *dot = strrchr(path, '.');
    const char *slash = strrchr(path, '/');
    if (!dot || (slash && dot < slash) || dot == path || (slash && dot == slash + 1))
        return -1; /* no extension; a dot file (.csv) is a name, not an extension */
    char ext[8];
    size_t n = strlen(dot + 1);
    if (n == 0 || n >= sizeof ext)
        return -1;
    for (size_t i = 0; i <= n; i++)
        ext[i] = (char)tolower((unsigned char)dot[1 + i]);
    if (strcmp(ext, "csv") == 0)
        return ZB_OUT_CSV;
    if (strcmp(ext, "json") == 0)
        return ZB_OUT_JSON;
    if (strcmp(ext, "txt") == 0 || strcmp(ext, "text") == 0)
        return ZB_OUT_TEXT;
    return -1;
}

int zb_out_parse_format(const char *name)
{
    if (strcmp(name, "text") == 0 || strcmp(name, "table") == 0)
        return ZB_OUT_TEXT;
    if (strcmp(name, "csv") == 0)
        return ZB_OUT_CSV;
    if (strcmp(name, "json") == 0)
        return ZB_OUT_JSON;
    return -1;
}
