#include "zb_csv.h"

#include "zb_lang.h"
#include "zb_prefetch.h"
#include "zb_text.h"

#include <stdlib.h>
#include <string.h>

enum { CHUNK = 256 * 1024 };

/* SKIP_LINE: after a misplaced quote, the rest of the physical line is
 * dropped and reading resumes on the next one. */
typedef enum { FIELD_START, UNQUOTED, QUOTED, QUOTE_IN_QUOTED, SKIP_LINE } csv_state;

typedef struct field_pos {
    size_t offset, len;
    unsigned long line, col;
    unsigned long end_line, end_col;
    int quoted;
} field_pos;

typedef struct parser {
    const char *file;
    zb_diags *diags;
    zb_csv_limits limits;
    zb_csv_record_fn fn;
    zb_csv_plain_fn plain_fn;
    void *ud;
    char *buf;          /* unquoted text of the current record */
    size_t buf_len, buf_cap;
    field_pos *pos;
    zb_csv_field *fields;
    size_t fields_alloc;
    size_t nfields, fields_cap;
    unsigned long line, col;       /* position of the next byte */
    unsigned long record_line;
    unsigned long quote_line, quote_col;
    int record_has_content;
    int pending_cr;                /* a CR was seen; a following LF is its pair */
    csv_state state;
    int utf8_reported;
    int had_error;                 /* a recovered error: the result is -1 */
    int record_bad;                /* a field of this record had an error: drop it */
    unsigned long records;         /* records handed to the callback */
} parser;

static int ensure_buf(parser *p, size_t extra)
{
    if (p->buf_len + extra <= p->buf_cap)
        return 0;
    size_t cap = p->buf_cap ? p->buf_cap : 4096;
    while (cap < p->buf_len + extra)
        cap *= 2;
    char *b = realloc(p->buf, cap);
    if (!b)
        return -1;
    p->buf = b;
    p->buf_cap = cap;
    return 0;
}

static int oom(parser *p)
{
    zb_diag_add(p->diags, ZB_ERROR, p->file, p->line, 0, "%s",
                ZB_T("内存不足", "out of memory"));
    return -1;
}

static int start_field(parser *p)
{
    if (p->nfields == p->limits.max_fields) {
        zb_diag_add(p->diags, ZB_ERROR, p->file, p->line, p->col,
                    ZB_T("一行的字段超过 %zu 个：这不像是指标数据文件",
                         "more than %zu fields in one record: this does not look like an indicator data file"),
                    p->limits.max_fields);
        return -1;
    }
    if (p->nfields == p->fields_cap) {
        size_t cap = p->fields_cap ? p->fields_cap * 2 : 32;
        field_pos *pos = realloc(p->pos, cap * sizeof *pos);
        if (!pos)
            return oom(p);
        p->pos = pos;
        p->fields_cap = cap;
    }
    field_pos *f = &p->pos[p->nfields++];
    f->offset = p->buf_len;
    f->len = 0;
    f->line = p->line;
    f->col = p->col;
    f->quoted = 0;
    return 0;
}

static int add_byte(parser *p, char c)
{
    field_pos *f = &p->pos[p->nfields - 1];
    if (f->len >= p->limits.max_field_bytes) {
        zb_diag_add(p->diags, ZB_ERROR, p->file, f->line, f->col,
                    ZB_T("字段超过 %zu 字节：可能是引号未闭合或文件不是 CSV",
                         "field longer than %zu bytes: an unclosed quote, or not a CSV file"),
                    p->limits.max_field_bytes);
        return -1;
    }
    if (ensure_buf(p, 2) != 0)
        return oom(p);
    p->buf[p->buf_len++] = c;
    f->len++;
    return 0;
}

/* Bytes that an unquoted field takes as they are: printable ASCII and the
 * tab, except the comma and the quote.  Everything else (CR, LF, NUL, other
 * control characters, DEL, every byte of a multibyte character) goes
 * through feed one at a time, with its rules and its column. */
static const unsigned char plain[256] = {
    /* 0x00-0x1F: only the tab */
    0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    /* 0x20-0x7F: all but '"' (0x22), ',' (0x2C) and DEL (0x7F) */
    1, 1, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0,
    /* 0x80-0xFF: zero */
};

static int plain_byte(unsigned char c) { return plain[c]; }

/* Appends a run of plain bytes to the current unquoted field at once: the
 * same as feeding them one by one, which is what data files are made of.
 * Returns 0, or 1 when the run would pass the field limit (the caller then
 * feeds it byte by byte, so that the error names the exact place). */
static int add_run(parser *p, const char *s, size_t n)
{
    field_pos *f = &p->pos[p->nfields - 1];
    if (f->len + n > p->limits.max_field_bytes || ensure_buf(p, n + 1) != 0)
        return 1;
    memcpy(p->buf + p->buf_len, s, n);
    p->buf_len += n;
    f->len += n;
    p->col += (unsigned long)n;
    return 0;
}

static int end_field(parser *p)
{
    if (ensure_buf(p, 1) != 0)
        return oom(p);
    p->buf[p->buf_len++] = '\0';
    field_pos *f = &p->pos[p->nfields - 1];
    f->end_line = p->line;
    f->end_col = p->col;
    const char *text = p->buf + f->offset;
    size_t bad = zb_utf8_check(text, f->len);
    if (bad < f->len && !p->utf8_reported) {
        p->utf8_reported = 1;
        unsigned long col = f->col + (f->quoted ? 1u : 0u) + (unsigned long)zb_utf8_chars(text, bad);
        zb_diag_add(p->diags, ZB_ERROR, p->file, f->line, col,
                    ZB_T("不是有效的 UTF-8 文本（字节 0x%02x）：文件可能是 GBK 编码，请加 --encoding gbk，或在 Excel/WPS 中另存为“CSV UTF-8”",
                         "not valid UTF-8 (byte 0x%02x): the file may be GBK-encoded; use --encoding gbk, or save it as \"CSV UTF-8\" in Excel/WPS"),
                    (unsigned)(unsigned char)text[bad]);
        return -1;
    }
    /* Control characters (other than tab and the line ends of a quoted
     * field) have no place in a table, and printed back in a message or a
     * report they would drive the terminal.  The record is dropped;
     * reading goes on. */
    size_t ctl = 0;
    while (ctl < f->len) {
        unsigned char ch = (unsigned char)text[ctl];
        if ((ch < 0x20 && ch != '\t' && ch != '\n' && ch != '\r') || ch == 0x7f)
            break;
        ctl++;
    }
    if (ctl < f->len && !p->record_bad) {
        p->record_bad = 1;
        p->had_error = 1;
        unsigned long line = f->line, col = f->col + (f->quoted ? 1u : 0u);
        size_t from = 0;
        for (size_t i = 0; i < ctl; i++)
            if (text[i] == '\n' || (text[i] == '\r' && text[i + 1] != '\n')) {
                line++;
                col = 1;
                from = i + 1;
            }
        col += (unsigned long)zb_utf8_chars(text + from, ctl - from);
        zb_diag_add(p->diags, ZB_ERROR, p->file, line, col,
                    ZB_T("单元格中有控制字符 0x%02x：表格里不应有不可见的字符（常是从别处复制时带入的），请删去",
                         "control character 0x%02x in a cell: a table should hold no invisible characters (often pasted in from elsewhere); remove it"),
                    (unsigned)(unsigned char)text[ctl]);
    }
    return 0;
}

static int end_record(parser *p)
{
    int rc = 0;
    /* A blank line is one empty unquoted field: skip it, as spreadsheets
     * often leave them at the end. */
    /* A bad record is dropped, except the first: it is the header, and
     * without it every row would be read against the wrong columns. */
    if (p->record_has_content && (!p->record_bad || p->records == 0)) {
        p->records++;
        if (p->fields_alloc < p->fields_cap) {
            zb_csv_field *grown = realloc(p->fields, p->fields_cap * sizeof *grown);
            if (!grown)
                return oom(p);
            p->fields = grown;
            p->fields_alloc = p->fields_cap;
        }
        zb_csv_field *fields = p->fields;
        for (size_t i = 0; i < p->nfields; i++) {
            fields[i].text = p->buf + p->pos[i].offset;
            fields[i].len = p->pos[i].len;
            fields[i].line = p->pos[i].line;
            fields[i].col = p->pos[i].col;
            fields[i].quoted = p->pos[i].quoted;
            fields[i].end_line = p->pos[i].end_line;
            fields[i].end_col = p->pos[i].end_col;
        }
        rc = p->fn(p->ud, fields, p->nfields, p->record_line) ? 1 : 0;
    }
    p->nfields = 0;
    p->buf_len = 0;
    p->record_has_content = 0;
    p->record_bad = 0;
    p->state = FIELD_START;
    return rc;
}

static void newline(parser *p)
{
    p->line++;
    p->col = 1;
}

/* A misplaced quote: the record is dropped and the rest of its line
 * skipped; the next line is read as usual.  In the header it stops the
 * file instead (returns -1): the next line read as the header would make
 * every row wrong. */
static int skip_line(parser *p)
{
    if (p->records == 0)
        return -1;
    p->record_bad = 0;
    p->nfields = 0;
    p->buf_len = 0;
    p->record_has_content = 0;
    p->state = SKIP_LINE;
    p->had_error = 1;
    return 0;
}

/* A whole record of plain ASCII fields ending in LF, CRLF or a CR within
 * s[0..n), read at once: the record and its positions are exactly what
 * feeding its bytes one by one would give (every byte is one column), and
 * such text needs no UTF-8 check.  Called only at the start of a record.
 * Returns the bytes consumed with the callback's verdict in *rc, or 0 when
 * the record is anything else (a quote, a multibyte character, a NUL, a
 * blank line, a limit, or the chunk's end), which then goes through feed
 * from its first byte: nothing has been changed. */
static long fast_record(parser *p, const char *s, long n, int *rc)
{
    /* Locals, not p's members: the stores into the fields would otherwise
     * make the compiler read p's members again after each one. */
    zb_csv_field *fields = p->fields;
    size_t alloc = p->fields_alloc, nf = 0, fstart = 0;
    const size_t max_fields = p->limits.max_fields, max_bytes = p->limits.max_field_bytes;
    const unsigned long line = p->line, col0 = p->col;
    long i = 0;
    /* The fields go straight into the array the callback gets: their text
     * offsets wait in col (col - col0) until the bytes are copied. */
    for (;; i++) {
        /* s[n] is a NUL sentinel (see zb_csv_read), which is not plain: the
         * scan needs no bound check of its own. */
        while (plain[(unsigned char)s[i]])
            i++;
        if (i >= n)
            return 0;
        unsigned char c = (unsigned char)s[i];
        if (c != ',' && c != '\n' && c != '\r')
            return 0;
        if (nf == max_fields || (size_t)i - fstart > max_bytes)
            return 0;
        if (nf == alloc) {
            alloc = alloc ? alloc * 2 : 32;
            zb_csv_field *grown = realloc(fields, alloc * sizeof *grown);
            if (!grown)
                return 0;
            p->fields = fields = grown;
            p->fields_alloc = alloc;
        }
        zb_csv_field *f = &fields[nf++];
        f->len = (size_t)i - fstart;
        f->line = line;
        f->col = col0 + (unsigned long)fstart;
        f->quoted = 0;
        f->end_line = line;
        f->end_col = col0 + (unsigned long)i;
        fstart = (size_t)i + 1;
        if (c == ',')
            continue;
        if (c == '\r' && i + 1 == n) /* is an LF next?  Not known yet */
            return 0;
        break;
    }
    if (nf == 1 && fields[0].len == 0) /* a blank line */
        return 0;
    if (ensure_buf(p, (size_t)i + 1) != 0)
        return 0;
    char *buf = p->buf;
    memcpy(buf, s, (size_t)i);
    for (size_t k = 0; k < nf; k++) {
        char *text = buf + (fields[k].col - col0);
        text[fields[k].len] = '\0';
        fields[k].text = text;
    }
    p->record_line = line;
    p->records++;
    *rc = p->fn(p->ud, fields, nf, line) ? 1 : 0;
    p->nfields = 0;
    p->buf_len = 0;
    p->record_has_content = 0;
    newline(p);
    long used = i + 1;
    if (s[i] == '\r' && s[i + 1] == '\n')
        used++;
    return used;
}

/* The most plain fields a record offered to plain_fn may have. */
enum { PLAIN_MAX_FIELDS = 64 };

#if defined(__GNUC__) && defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
/* Eight bytes at a time (SWAR: plain 64-bit integer arithmetic, no vector
 * instructions): for each byte of w, its high bit in the result is set
 * exactly when plain[] would say 0 for it.  No byte's sum carries into the
 * next one, so every test is exact, byte by byte. */
#define ONES UINT64_C(0x0101010101010101)
#define HIGH UINT64_C(0x8080808080808080)
#define LOW7 UINT64_C(0x7F7F7F7F7F7F7F7F)

static inline uint64_t bytes_equal(uint64_t w, unsigned char c)
{
    uint64_t t = w ^ (ONES * c); /* zero bytes where w has c */
    return ~(((t & LOW7) + LOW7) | t | LOW7);
}

static inline uint64_t not_plain8(uint64_t w)
{
    uint64_t low = w & LOW7;
    uint64_t control = ~(low + ONES * 0x60) & ~w & HIGH & ~bytes_equal(w, '\t'); /* < 0x20 */
    uint64_t del_or_high = ((low + ONES) | w) & HIGH;                              /* 0x7F, >= 0x80 */
    return control | del_or_high | bytes_equal(w, '"') | bytes_equal(w, ',');
}

/* The bytes of s[at .. at + 8) that are not plain, as not_plain8 marks
 * them; past n the bytes count as zeros, which are not plain either. */
static inline uint64_t special_mask(const char *s, long at, long n)
{
    uint64_t w = 0;
    if (n - at >= 8)
        memcpy(&w, s + at, 8);
    else
        memcpy(&w, s + at, (size_t)(n - at));
    return not_plain8(w);
}
#define HAVE_SPECIAL_MASK 1
#endif

/* Offers the whole plain records at the start of s[0..n) to plain_fn, one
 * after another, until one is declined or is not plain (or the block ends);
 * returns the bytes of those taken, each one line.  Called at the start of
 * a record, in column 1, after the header.  Plain bytes are those of
 * plain[], as for fast_record, so a record declined here is split there
 * or in feed exactly as it would have been. */
static long plain_records(parser *p, const char *s, long n)
{
    uint32_t end[PLAIN_MAX_FIELDS];
    const size_t max_fields = p->limits.max_fields < PLAIN_MAX_FIELDS ? p->limits.max_fields : PLAIN_MAX_FIELDS;
    const long max_bytes = p->limits.max_field_bytes < (size_t)n ? (long)p->limits.max_field_bytes : n;
    long i = 0, skip = -1; /* the record's start; the LF of a CRLF, already counted */
    size_t nf = 0;
#if HAVE_SPECIAL_MASK
    /* The bytes that are not plain, a word at a time: each word's mask is
     * made once and its bits taken in order. */
    long base = 0;
    uint64_t m = n > 0 ? special_mask(s, 0, n) : 0;
    for (;;) {
        while (m == 0) {
            base += 8;
            if (base >= n)
                return i;
            m = special_mask(s, base, n);
        }
        long j = base + (long)(__builtin_ctzll(m) >> 3);
        m &= m - 1;
        if (j == skip)
            continue;
#else
    long j = 0;
    (void)skip;
    for (;; j++) {
        while (plain[(unsigned char)s[j]])
            j++;
#endif
        if (j >= n || nf == max_fields)
            return i;
        end[nf++] = (uint32_t)(j - i);
        char c = s[j];
        if (c == ',')
            continue;
        if (c != '\n' && !(c == '\r' && j + 1 < n && s[j + 1] == '\n'))
            return i;
        /* A field over the limit (only a smaller limit than a block can
         * be), and a blank line, are fast_record's and feed's to judge. */
        if (j - i > max_bytes || (nf == 1 && end[0] == 0))
            return i;
        if (p->plain_fn(p->ud, s + i, end, nf, p->line) <= 0)
            return i;
        p->records++;
        p->line++;
        if (c == '\r')
            skip = ++j;
        i = j + 1;
        nf = 0;
    }
}

/* Handles one byte; returns 0 to go on, 1 when the callback stopped, -1 on a
 * fatal error. */
static int feed(parser *p, char c)
{
    unsigned char u = (unsigned char)c;
    if (p->pending_cr) {
        p->pending_cr = 0;
        if (c == '\n') {
            /* The LF of a CRLF already counted; inside quotes it is text. */
            if (p->state == QUOTED && add_byte(p, c) != 0)
                return -1;
            return 0;
        }
    }
    if (c == '\0') {
        zb_diag_add(p->diags, ZB_ERROR, p->file, p->line, p->col, "%s",
                    ZB_T("文件含有 NUL 字节：这是二进制文件，不是 CSV 文本",
                         "the file contains a NUL byte: it is binary, not CSV text"));
        return -1;
    }
    if (p->state == FIELD_START && p->nfields == 0)
        p->record_line = p->line;
    int rc = 0;
    switch (p->state) {
    case SKIP_LINE:
        if (c == '\n' || c == '\r') {
            p->state = FIELD_START;
            p->pending_cr = c == '\r';
            newline(p);
            return 0;
        }
        break;
    case FIELD_START:
        if (start_field(p) != 0)
            return -1;
        if (c == '"') {
            p->state = QUOTED;
            p->pos[p->nfields - 1].quoted = 1;
            p->quote_line = p->line;
            p->quote_col = p->col;
            p->record_has_content = 1;
        } else if (c == ',') {
            p->record_has_content = 1;
            if (end_field(p) != 0)
                return -1;
        } else if (c == '\n' || c == '\r') {
            if (end_field(p) != 0)
                return -1;
            rc = end_record(p);
            p->pending_cr = c == '\r';
            newline(p);
            return rc;
        } else {
            p->record_has_content = 1;
            p->state = UNQUOTED;
            if (add_byte(p, c) != 0)
                return -1;
        }
        break;
    case UNQUOTED:
        if (c == ',') {
            if (end_field(p) != 0)
                return -1;
            p->state = FIELD_START;
        } else if (c == '\n' || c == '\r') {
            if (end_field(p) != 0)
                return -1;
            rc = end_record(p);
            p->pending_cr = c == '\r';
            newline(p);
            return rc;
        } else if (c == '"') {
            zb_diag_add(p->diags, ZB_ERROR, p->file, p->line, p->col, "%s",
                        ZB_T("未加引号的字段中出现引号：含引号的字段应整体用引号括起，内部引号写成两个（\"\"）",
                             "quote inside an unquoted field: quote the whole field and double the inner quotes (\"\")"));
            if (skip_line(p) != 0)
                return -1;
        } else if (add_byte(p, c) != 0) {
            return -1;
        }
        break;
    case QUOTED:
        if (c == '"') {
            p->state = QUOTE_IN_QUOTED;
        } else {
            if (add_byte(p, c) != 0)
                return -1;
            if (c == '\n' || c == '\r') {
                p->pending_cr = c == '\r';
                newline(p);
                return 0;
            }
        }
        break;
    case QUOTE_IN_QUOTED:
        if (c == '"') {
            p->state = QUOTED;
            p->pos[p->nfields - 1].quoted = 1;
            if (add_byte(p, c) != 0)
                return -1;
        } else if (c == ',') {
            if (end_field(p) != 0)
                return -1;
            p->state = FIELD_START;
        } else if (c == '\n' || c == '\r') {
            if (end_field(p) != 0)
                return -1;
            rc = end_record(p);
            p->pending_cr = c == '\r';
            newline(p);
            return rc;
        } else {
            char found[5] = {c, 0};
            zb_diag_add(p->diags, ZB_ERROR, p->file, p->line, p->col,
                        ZB_T("右引号后出现“%s”：右引号后应为逗号或换行",
                             "'%s' after a closing quote: expected a comma or the end of the line"),
                        u >= 0x80 ? "\xE2\x80\xA6" : found);
            if (skip_line(p) != 0)
                return -1;
        }
        break;
    }
    if ((u & 0xC0) != 0x80)
        p->col++;
    return 0;
}

/* Files that people send in place of a CSV export, told apart by their
 * first bytes: naming the format says what to do about it. */
static const char *foreign_format(const char *b, long n)
{
    if (n >= 4 && memcmp(b, "PK\x03\x04", 4) == 0)
        return ZB_T("这是 Excel 工作簿（.xlsx，实为 ZIP 压缩包），不是 CSV 文本：请在 Excel/WPS 中“另存为”“CSV UTF-8（逗号分隔）”",
                    "this is an Excel workbook (.xlsx, a ZIP archive), not CSV text: in Excel/WPS use Save As \"CSV UTF-8 (comma delimited)\"");
    if (n >= 8 && memcmp(b, "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8) == 0)
        return ZB_T("这是旧版 Excel 工作簿（.xls），不是 CSV 文本：请在 Excel/WPS 中“另存为”“CSV UTF-8（逗号分隔）”",
                    "this is an old Excel workbook (.xls), not CSV text: in Excel/WPS use Save As \"CSV UTF-8 (comma delimited)\"");
    if (n >= 2 && (memcmp(b, "\xFF\xFE", 2) == 0 || memcmp(b, "\xFE\xFF", 2) == 0))
        return ZB_T("文件是 UTF-16 编码（Excel 的“Unicode 文本”）：请在 Excel/WPS 中“另存为”“CSV UTF-8（逗号分隔）”",
                    "the file is UTF-16 (Excel's \"Unicode Text\"): in Excel/WPS use Save As \"CSV UTF-8 (comma delimited)\"");
    if (n >= 5 && memcmp(b, "%PDF-", 5) == 0)
        return ZB_T("这是 PDF 文件，不是 CSV 文本：请提供表格软件导出的 CSV",
                    "this is a PDF file, not CSV text: export the table from a spreadsheet as CSV");
    return NULL;
}

int zb_csv_read(zb_reader *r, const char *file, zb_diags *diags,
                const zb_csv_limits *limits, zb_csv_record_fn fn, void *ud)
{
    return zb_csv_read_plain(r, file, diags, limits, fn, NULL, ud);
}

int zb_csv_read_plain(zb_reader *r, const char *file, zb_diags *diags,
                      const zb_csv_limits *limits, zb_csv_record_fn fn,
                      zb_csv_plain_fn plain_fn, void *ud)
{
    parser p;
    memset(&p, 0, sizeof p);
    p.file = file;
    p.diags = diags;
    p.limits.max_field_bytes = limits && limits->max_field_bytes ? limits->max_field_bytes : 1u << 20;
    p.limits.max_fields = limits && limits->max_fields ? limits->max_fields : 4096;
    p.fn = fn;
    p.plain_fn = plain_fn;
    p.ud = ud;
    p.line = 1;
    p.col = 1;
    p.state = FIELD_START;
    /* The bytes are read (and inflated) in a second thread while this one
     * parses; without a thread, read them here. */
    zb_prefetch *pf = zb_prefetch_start(r, CHUNK);
    char *chunk = pf ? NULL : malloc(CHUNK + 1); /* + 1: the sentinel */
    int result = 0, first = 1;
    if (!pf && !chunk) {
        oom(&p);
        return -1;
    }
    for (;;) {
        long got = pf ? zb_prefetch_next(pf, &chunk) : zb_reader_read(r, chunk, CHUNK);
        const char *foreign = first && got > 0 ? foreign_format(chunk, got) : NULL;
        if (foreign) {
            zb_diag_add(diags, ZB_ERROR, file, 1, 1, "%s", foreign);
            result = -1;
            break;
        }
        /* A binary file: say so at its first NUL rather than complain about
         * the bytes before it, which are seldom UTF-8 either. */
        const char *nul = first && got > 0 ? memchr(chunk, '\0', (size_t)got) : NULL;
        first = 0;
        if (nul) {
            unsigned long line = 1, col = 1;
            for (const char *c = chunk; c < nul; c++) {
                if (*c == '\n' || (*c == '\r' && c[1] != '\n')) {
                    line++;
                    col = 1;
                } else if (((unsigned char)*c & 0xC0) != 0x80 && *c != '\r') {
                    col++;
                }
            }
            zb_diag_add(diags, ZB_ERROR, file, line, col, "%s",
                        ZB_T("文件含有 NUL 字节：这是二进制文件，不是 CSV 文本",
                             "the file contains a NUL byte: it is binary, not CSV text"));
            result = -1;
            break;
        }
        if (got < 0) {
            zb_diag_add(diags, ZB_ERROR, file, p.line, 0, "%s", zb_reader_error(r));
            result = -1;
            break;
        }
        if (got == 0) {
            if (p.state == QUOTED) {
                zb_diag_add(diags, ZB_ERROR, file, p.quote_line, p.quote_col, "%s",
                            ZB_T("引号未闭合：从这里开始的引号直到文件结束都没有配对的右引号",
                                 "unterminated quote: the quote opened here is never closed"));
                result = -1;
            } else if (p.state != SKIP_LINE && (p.state != FIELD_START || p.nfields > 0)) {
                /* The file ends without a final newline; after a trailing
                 * comma the last (empty) field has not been started yet. */
                if (p.state == FIELD_START && start_field(&p) != 0)
                    result = -1;
                else if (end_field(&p) != 0)
                    result = -1;
                else
                    result = end_record(&p) > 0 ? 1 : 0;
            }
            break;
        }
        int rc = 0;
        chunk[got] = '\0'; /* stops fast_record's scan at the block's end */
        for (long i = 0; i < got;) {
            if (p.state == FIELD_START && p.nfields == 0 && !p.pending_cr) {
                if (plain_fn && p.records > 0 && p.col == 1) {
                    i += plain_records(&p, chunk + i, got - i);
                    if (i >= got)
                        break;
                }
                long used = fast_record(&p, chunk + i, got - i, &rc);
                if (used > 0) {
                    i += used;
                    if (rc != 0)
                        break;
                    continue;
                }
            }
            if (p.state == UNQUOTED && !p.pending_cr) {
                long j = i;
                while (j < got && plain_byte((unsigned char)chunk[j]))
                    j++;
                if (j > i && add_run(&p, chunk + i, (size_t)(j - i)) == 0) {
                    i = j;
                    continue;
                }
            }
            rc = feed(&p, chunk[i++]);
            if (rc != 0)
                break;
        }
        if (rc != 0) {
            result = rc;
            break;
        }
    }
    if (pf)
        zb_prefetch_stop(pf);
    else
        free(chunk);
    free(p.buf);
    free(p.pos);
    free(p.fields);
    return p.had_error && result == 0 ? -1 : result;
}
