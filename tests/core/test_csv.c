/* zb_csv: the streaming RFC 4180 reader and the positions it reports. */
#include "zb_test.h"

#include "zb_csv.h"
#include "zb_reader.h"

typedef struct rec {
    unsigned long line;
    size_t n;
    zb_csv_field *f; /* text points into texts[i] */
    char **texts;
} rec;

typedef struct csv_state {
    char tmp[32];
    zb_diags *diags;
    rec *recs;
    size_t nrecs, cap;
    size_t stop_after;  /* stop after this many records; 0: never */
    int keep;           /* store the records (off for huge ones) */
} csv_state;

static int setup(void **state)
{
    zb_lang_set(ZB_LANG_EN);
    csv_state *s = calloc(1, sizeof *s);
    if (!s || !zbt_tmpdir(s->tmp))
        return -1;
    s->diags = zb_diags_new();
    s->keep = 1;
    *state = s;
    return s->diags ? 0 : -1;
}

static void free_recs(csv_state *s)
{
    for (size_t i = 0; i < s->nrecs; i++) {
        for (size_t k = 0; k < s->recs[i].n; k++)
            free(s->recs[i].texts[k]);
        free(s->recs[i].texts);
        free(s->recs[i].f);
    }
    free(s->recs);
    s->recs = NULL;
    s->nrecs = s->cap = 0;
}

static int teardown(void **state)
{
    csv_state *s = *state;
    free_recs(s);
    zb_diags_free(s->diags);
    zbt_rmdir(s->tmp);
    free(s);
    zb_lang_set(ZB_LANG_ZH);
    return 0;
}

static int collect(void *ud, const zb_csv_field *fields, size_t n, unsigned long line)
{
    csv_state *s = ud;
    if (s->keep) {
        if (s->nrecs == s->cap) {
            s->cap = s->cap ? s->cap * 2 : 16;
            s->recs = realloc(s->recs, s->cap * sizeof *s->recs);
            assert_non_null(s->recs);
        }
        rec *r = &s->recs[s->nrecs];
        r->line = line;
        r->n = n;
        r->f = calloc(n ? n : 1, sizeof *r->f);
        r->texts = calloc(n ? n : 1, sizeof *r->texts);
        assert_non_null(r->f);
        assert_non_null(r->texts);
        for (size_t i = 0; i < n; i++) {
            /* The text is NUL-terminated at len. */
            assert_int_equal(fields[i].text[fields[i].len], '\0');
            r->texts[i] = malloc(fields[i].len + 1);
            assert_non_null(r->texts[i]);
            memcpy(r->texts[i], fields[i].text, fields[i].len + 1);
            r->f[i] = fields[i];
            r->f[i].text = r->texts[i];
        }
    }
    s->nrecs++;
    return s->stop_after && s->nrecs >= s->stop_after;
}

/* Writes data to a file and reads it with zb_csv_read. */
static int parse_bytes(csv_state *s, const char *data, size_t len, const zb_csv_limits *lim)
{
    char path[512];
    zbt_write(zbt_path(path, s->tmp, "in.csv"), data, len);
    char err[256];
    zb_reader *r = zb_reader_open(path, NULL, err, sizeof err);
    assert_non_null(r);
    int rc = zb_csv_read(r, "in.csv", s->diags, lim, collect, s);
    zb_reader_close(r, NULL, 0);
    return rc;
}

static int parse(csv_state *s, const char *data)
{
    return parse_bytes(s, data, strlen(data), NULL);
}

static void expect_field(const rec *r, size_t i, const char *text, unsigned long line,
                         unsigned long col, int quoted)
{
    assert_true(i < r->n);
    assert_string_equal(r->f[i].text, text);
    assert_int_equal(r->f[i].len, strlen(text));
    assert_int_equal(r->f[i].line, line);
    assert_int_equal(r->f[i].col, col);
    assert_int_equal(r->f[i].quoted, quoted);
}

static void test_csv_reads_records_with_their_lines_and_columns(void **state)
{
    csv_state *s = *state;
    assert_int_equal(parse(s, "a,bb,ccc\n1,22,333\n"), 0);
    ZBT_EXPECT_CLEAN(s->diags);
    assert_int_equal(s->nrecs, 2);
    assert_int_equal(s->recs[0].line, 1);
    assert_int_equal(s->recs[1].line, 2);
    assert_int_equal(s->recs[1].n, 3);
    expect_field(&s->recs[1], 0, "1", 2, 1, 0);
    expect_field(&s->recs[1], 1, "22", 2, 3, 0);
    expect_field(&s->recs[1], 2, "333", 2, 6, 0);
}

static void test_csv_keeps_commas_inside_quoted_fields(void **state)
{
    csv_state *s = *state;
    assert_int_equal(parse(s, "\"a,b\",c\n"), 0);
    assert_int_equal(s->nrecs, 1);
    assert_int_equal(s->recs[0].n, 2);
    expect_field(&s->recs[0], 0, "a,b", 1, 1, 1);
    expect_field(&s->recs[0], 1, "c", 1, 7, 0);
}

static void test_csv_unquotes_doubled_quotes(void **state)
{
    csv_state *s = *state;
    assert_int_equal(parse(s, "\"say \"\"hi\"\"\",x\n"), 0);
    assert_int_equal(s->nrecs, 1);
    expect_field(&s->recs[0], 0, "say \"hi\"", 1, 1, 1);
    expect_field(&s->recs[0], 1, "x", 1, 14, 0);
}

static void test_csv_keeps_newlines_inside_quotes_and_counts_the_lines(void **state)
{
    csv_state *s = *state;
    assert_int_equal(parse(s, "h1,h2\n\"line1\nline2\",b\nc,d\n"), 0);
    ZBT_EXPECT_CLEAN(s->diags);
    assert_int_equal(s->nrecs, 3);
    assert_int_equal(s->recs[1].line, 2);
    expect_field(&s->recs[1], 0, "line1\nline2", 2, 1, 1);
    expect_field(&s->recs[1], 1, "b", 3, 8, 0);
    /* The record after a two-line record starts on line 4. */
    assert_int_equal(s->recs[2].line, 4);
    expect_field(&s->recs[2], 1, "d", 4, 3, 0);
}

static void test_csv_keeps_a_crlf_inside_quotes_intact(void **state)
{
    csv_state *s = *state;
    assert_int_equal(parse(s, "\"a\r\nb\",c\r\nd,e\r\n"), 0);
    assert_int_equal(s->nrecs, 2);
    expect_field(&s->recs[0], 0, "a\r\nb", 1, 1, 1);
    expect_field(&s->recs[0], 1, "c", 2, 4, 0);
    assert_int_equal(s->recs[1].line, 3);
}

static void test_csv_treats_crlf_as_one_line_end(void **state)
{
    csv_state *s = *state;
    assert_int_equal(parse(s, "a,b\r\nc,d\r\n"), 0);
    assert_int_equal(s->nrecs, 2);
    expect_field(&s->recs[0], 1, "b", 1, 3, 0);
    assert_int_equal(s->recs[1].line, 2);
    expect_field(&s->recs[1], 1, "d", 2, 3, 0);
}

static void test_csv_treats_a_lone_cr_as_a_line_end(void **state)
{
    csv_state *s = *state;
    assert_int_equal(parse(s, "a,b\rc,d\re,f"), 0);
    assert_int_equal(s->nrecs, 3);
    assert_int_equal(s->recs[2].line, 3);
    expect_field(&s->recs[1], 0, "c", 2, 1, 0);
    expect_field(&s->recs[2], 1, "f", 3, 3, 0);
}

static void test_csv_skips_blank_lines_but_counts_them(void **state)
{
    csv_state *s = *state;
    assert_int_equal(parse(s, "a\n\n\nb\n\r\n\r\nc\n\n"), 0);
    assert_int_equal(s->nrecs, 3);
    assert_int_equal(s->recs[0].line, 1);
    assert_int_equal(s->recs[1].line, 4);
    assert_int_equal(s->recs[2].line, 7);
    expect_field(&s->recs[2], 0, "c", 7, 1, 0);
}

static void test_csv_keeps_a_line_of_only_commas(void **state)
{
    csv_state *s = *state;
    assert_int_equal(parse(s, ",\n"), 0);
    assert_int_equal(s->nrecs, 1);
    assert_int_equal(s->recs[0].n, 2);
    expect_field(&s->recs[0], 1, "", 1, 2, 0);
}

static void test_csv_reads_a_last_record_without_final_newline(void **state)
{
    csv_state *s = *state;
    assert_int_equal(parse(s, "a,b\nc,d"), 0);
    assert_int_equal(s->nrecs, 2);
    expect_field(&s->recs[1], 1, "d", 2, 3, 0);
}

static void test_csv_reads_a_quoted_last_field_without_final_newline(void **state)
{
    csv_state *s = *state;
    assert_int_equal(parse(s, "a,\"b,c\""), 0);
    assert_int_equal(s->nrecs, 1);
    expect_field(&s->recs[0], 1, "b,c", 1, 3, 1);
}

static void test_csv_gives_a_trailing_comma_an_empty_last_field(void **state)
{
    csv_state *s = *state;
    assert_int_equal(parse(s, "a,b,\nc,d,"), 0);
    assert_int_equal(s->nrecs, 2);
    assert_int_equal(s->recs[0].n, 3);
    expect_field(&s->recs[0], 2, "", 1, 5, 0);
    /* Also at the end of the file, without a newline. */
    assert_int_equal(s->recs[1].n, 3);
    expect_field(&s->recs[1], 2, "", 2, 5, 0);
}

static void test_csv_counts_field_columns_in_characters_for_chinese_text(void **state)
{
    csv_state *s = *state;
    assert_int_equal(parse(s, "七星关区,520502,“十四五”规划,x\n"), 0);
    assert_int_equal(s->nrecs, 1);
    expect_field(&s->recs[0], 0, "七星关区", 1, 1, 0);
    expect_field(&s->recs[0], 1, "520502", 1, 6, 0);
    expect_field(&s->recs[0], 2, "“十四五”规划", 1, 13, 0);
    expect_field(&s->recs[0], 3, "x", 1, 21, 0);
}

static void test_csv_marks_quoted_fields_including_empty_ones(void **state)
{
    csv_state *s = *state;
    assert_int_equal(parse(s, "\"x\",y,\"\"\n"), 0);
    assert_int_equal(s->nrecs, 1);
    assert_int_equal(s->recs[0].n, 3);
    expect_field(&s->recs[0], 0, "x", 1, 1, 1);
    expect_field(&s->recs[0], 1, "y", 1, 5, 0);
    expect_field(&s->recs[0], 2, "", 1, 7, 1);
}

static void test_csv_returns_zero_records_for_an_empty_file(void **state)
{
    csv_state *s = *state;
    assert_int_equal(parse(s, ""), 0);
    assert_int_equal(s->nrecs, 0);
    assert_int_equal(zb_diags_count(s->diags), 0);
}

static void test_csv_stops_when_the_callback_says_so(void **state)
{
    csv_state *s = *state;
    s->stop_after = 1;
    assert_int_equal(parse(s, "a\nb\nc\n"), 1);
    assert_int_equal(s->nrecs, 1);
    assert_string_equal(s->recs[0].f[0].text, "a");
}

static void test_csv_stops_at_a_last_record_without_newline_too(void **state)
{
    csv_state *s = *state;
    s->stop_after = 2;
    assert_int_equal(parse(s, "a\nb"), 1);
    assert_int_equal(s->nrecs, 2);
}

static void test_csv_reads_records_across_read_blocks(void **state)
{
    csv_state *s = *state;
    /* 400 KB: more than one 256 KiB block, with a quoted, multi-line field
     * every row so that some quote straddles a block boundary. */
    size_t rows = 20000;
    const char *row = "12345,\"a,\nb\",c\n"; /* 16 bytes, 2 lines */
    size_t rl = strlen(row);
    char *data = malloc(rows * rl + 1);
    assert_non_null(data);
    for (size_t i = 0; i < rows; i++)
        memcpy(data + i * rl, row, rl);
    data[rows * rl] = '\0';
    assert_int_equal(parse_bytes(s, data, rows * rl, NULL), 0);
    free(data);
    ZBT_EXPECT_CLEAN(s->diags);
    assert_int_equal(s->nrecs, rows);
    for (size_t i = 0; i < rows; i++) {
        assert_int_equal(s->recs[i].n, 3);
        assert_string_equal(s->recs[i].f[1].text, "a,\nb");
        assert_int_equal(s->recs[i].line, 2 * i + 1);
    }
    expect_field(&s->recs[rows - 1], 2, "c", 2 * rows, 4, 0);
}

/* ---- errors ---- */

static void test_csv_reports_a_stray_quote_in_an_unquoted_field_at_the_quote(void **state)
{
    csv_state *s = *state;
    assert_int_equal(parse(s, "a,b\nc,1\"2,e\n"), -1);
    ZBT_EXPECT_DIAG(s->diags, ZB_ERROR, "quote inside an unquoted field", 2, 4);
    ZBT_EXPECT_ERRORS(s->diags, 1);
    assert_int_equal(s->nrecs, 1);
    assert_string_equal(zb_diag_at(s->diags, 0)->file, "in.csv");
}

static void test_csv_reports_text_after_a_closing_quote(void **state)
{
    csv_state *s = *state;
    assert_int_equal(parse(s, "x,\"ab\"c,d\n"), -1);
    ZBT_EXPECT_DIAG(s->diags, ZB_ERROR, "'c' after a closing quote", 1, 7);
    assert_int_equal(s->nrecs, 0);
}

static void test_csv_shows_an_ellipsis_for_a_non_ascii_character_after_a_closing_quote(void **state)
{
    csv_state *s = *state;
    assert_int_equal(parse(s, "\"ab\"元\n"), -1);
    ZBT_EXPECT_DIAG(s->diags, ZB_ERROR, "'…' after a closing quote", 1, 5);
}

static void test_csv_reports_unterminated_quote_at_opening_quote(void **state)
{
    csv_state *s = *state;
    assert_int_equal(parse(s, "a,b\nc,\"d,e\nf,g\nh,i\n"), -1);
    ZBT_EXPECT_DIAG(s->diags, ZB_ERROR, "unterminated quote", 2, 3);
    ZBT_EXPECT_ERRORS(s->diags, 1);
    assert_int_equal(s->nrecs, 1);
}

static void test_csv_reports_unterminated_quote_in_chinese(void **state)
{
    csv_state *s = *state;
    zb_lang_set(ZB_LANG_ZH);
    assert_int_equal(parse(s, "地区,\"七星关"), -1);
    zb_lang_set(ZB_LANG_EN);
    ZBT_EXPECT_DIAG(s->diags, ZB_ERROR, "引号未闭合", 1, 4);
}

static void test_csv_reports_a_nul_byte_at_its_position(void **state)
{
    csv_state *s = *state;
    static const char data[] = "a,b\nc,d\0e\n";
    assert_int_equal(parse_bytes(s, data, sizeof data - 1, NULL), -1);
    ZBT_EXPECT_DIAG(s->diags, ZB_ERROR, "NUL byte", 2, 4);
    /* A NUL in the first block marks the file binary before any record is
     * handed on. */
    assert_int_equal(s->nrecs, 0);
    ZBT_EXPECT_ERRORS(s->diags, 1);
}

static void test_csv_calls_a_file_with_a_nul_binary_before_complaining_about_its_bytes(void **state)
{
    csv_state *s = *state;
    /* A PNG's first bytes: 0x89 would be "not UTF-8, maybe GBK" on line 1,
     * but the NUL on line 2 (after \r\n, then \x1a\n) says what it is. */
    static const char data[] = "\x89PNG\r\n\x1a\n\0\0\0\rIHDR";
    assert_int_equal(parse_bytes(s, data, sizeof data - 1, NULL), -1);
    ZBT_EXPECT_DIAG(s->diags, ZB_ERROR, "it is binary, not CSV text", 3, 1);
    ZBT_EXPECT_NO_DIAG(s->diags, "UTF-8");
    ZBT_EXPECT_ERRORS(s->diags, 1);
}

static void test_csv_names_a_workbook_a_utf16_file_and_a_pdf(void **state)
{
    csv_state *s = *state;
    static const struct { const char *data; size_t len; const char *needle; } cases[] = {
        {"PK\x03\x04\x14\0\x06\0", 8, "Excel workbook (.xlsx, a ZIP archive)"},
        {"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1\0\0", 10, "old Excel workbook (.xls)"},
        {"\xFF\xFEr\0e\0g\0", 8, "UTF-16 (Excel's \"Unicode Text\")"},
        {"%PDF-1.7\n", 9, "a PDF file"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        zb_diags_clear(s->diags);
        assert_int_equal(parse_bytes(s, cases[i].data, cases[i].len, NULL), -1);
        ZBT_EXPECT_DIAG(s->diags, ZB_ERROR, cases[i].needle, 1, 1);
        ZBT_EXPECT_ERRORS(s->diags, 1);
    }
}

static void test_csv_goes_on_after_a_misplaced_quote_to_list_every_one(void **state)
{
    csv_state *s = *state;
    /* Line 2: a stray quote; line 3: text after a closing quote; line 4 is
     * fine and is still read; line 5 has another stray quote. */
    assert_int_equal(parse(s, "a,b\nc,1\"2\n\"d\"x,e\nf,g\nh\",i\n"), -1);
    ZBT_EXPECT_ERRORS(s->diags, 3);
    ZBT_EXPECT_DIAG(s->diags, ZB_ERROR, "quote inside an unquoted field", 2, 4);
    ZBT_EXPECT_DIAG(s->diags, ZB_ERROR, "'x' after a closing quote", 3, 4);
    assert_int_equal(s->nrecs, 2);
    assert_string_equal(s->recs[1].f[0].text, "f");
    assert_int_equal(s->recs[1].line, 4);
    const zb_diag *last = zb_diag_at(s->diags, 2);
    assert_int_equal(last->line, 5);
    assert_int_equal(last->col, 2);
}

static void test_csv_refuses_control_characters_and_drops_their_rows(void **state)
{
    csv_state *s = *state;
    /* ESC in row 2 (column 3), a form feed on the second line of a quoted
     * field in row 3 (line 4, column 2), DEL in row 5; row 6 is fine.  Tab
     * and the line end inside quotes are text. */
    assert_int_equal(parse(s, "a,b\nx,\x1b[1m\n\"p\nq\x0c\",y\nt\tu,\"v\nw\"\nz,\x7f\nok,1\n"), -1);
    ZBT_EXPECT_ERRORS(s->diags, 3);
    ZBT_EXPECT_DIAG(s->diags, ZB_ERROR, "control character 0x1b in a cell", 2, 3);
    ZBT_EXPECT_DIAG(s->diags, ZB_ERROR, "control character 0x0c in a cell", 4, 2);
    ZBT_EXPECT_DIAG(s->diags, ZB_ERROR, "control character 0x7f in a cell", 7, 3);
    /* Kept: the header, the row with a tab and a quoted newline, "ok,1". */
    assert_int_equal(s->nrecs, 3);
    assert_string_equal(s->recs[1].f[0].text, "t\tu");
    assert_string_equal(s->recs[2].f[0].text, "ok");
}

static void test_csv_keeps_a_header_with_a_control_character(void **state)
{
    csv_state *s = *state;
    /* Dropping the header would read the first row as one. */
    assert_int_equal(parse(s, "a\x01,b\n1,2\n"), -1);
    ZBT_EXPECT_DIAG(s->diags, ZB_ERROR, "control character 0x01", 1, 2);
    assert_int_equal(s->nrecs, 2);
}

static void test_csv_stops_at_a_misplaced_quote_in_the_header(void **state)
{
    csv_state *s = *state;
    /* Reading on would take the row "1,2" for the header. */
    assert_int_equal(parse(s, "a,\"b\"x\n1,2\n3,4\n"), -1);
    ZBT_EXPECT_DIAG(s->diags, ZB_ERROR, "'x' after a closing quote", 1, 6);
    ZBT_EXPECT_ERRORS(s->diags, 1);
    assert_int_equal(s->nrecs, 0);
}

static void test_csv_gives_each_field_its_end_position(void **state)
{
    csv_state *s = *state;
    /* "ab" ends before the comma at column 3; the quoted field "c""d"
     * (columns 4-9) ends at column 10; the multi-line one ends on line 2. */
    assert_int_equal(parse(s, "ab,\"c\"\"d\",\"x\ny\"\n"), 0);
    assert_int_equal(s->recs[0].f[0].end_line, 1);
    assert_int_equal(s->recs[0].f[0].end_col, 3);
    assert_int_equal(s->recs[0].f[1].end_col, 10);
    assert_int_equal(s->recs[0].f[2].end_line, 2);
    assert_int_equal(s->recs[0].f[2].end_col, 3);
}

static void test_csv_reports_a_nul_byte_inside_quotes(void **state)
{
    csv_state *s = *state;
    static const char data[] = "\"ab\0\"\n";
    assert_int_equal(parse_bytes(s, data, sizeof data - 1, NULL), -1);
    ZBT_EXPECT_DIAG(s->diags, ZB_ERROR, "NUL byte", 1, 4);
}

static void test_csv_reports_gbk_bytes_as_invalid_utf8_with_the_encoding_hint(void **state)
{
    csv_state *s = *state;
    /* 七星关区 in GBK. */
    assert_int_equal(parse(s, "code,name\n520502,\xC6\xDF\xD0\xC7\xB9\xD8\xC7\xF8\n"), -1);
    const zb_diag *g = ZBT_EXPECT_DIAG(s->diags, ZB_ERROR, "not valid UTF-8 (byte 0xc6)", 2, 8);
    assert_non_null(strstr(g->message, "--encoding gbk"));
    ZBT_EXPECT_ERRORS(s->diags, 1);
    assert_int_equal(s->nrecs, 1); /* the header */
}

static void test_csv_reports_invalid_utf8_in_chinese_with_the_encoding_hint(void **state)
{
    csv_state *s = *state;
    zb_lang_set(ZB_LANG_ZH);
    assert_int_equal(parse(s, "\xC6\xDF\xD0\xC7\n"), -1);
    zb_lang_set(ZB_LANG_EN);
    const zb_diag *g = ZBT_EXPECT_DIAG(s->diags, ZB_ERROR, "不是有效的 UTF-8", 1, 1);
    assert_non_null(strstr(g->message, "--encoding gbk"));
}

static void test_csv_reports_invalid_utf8_at_the_bad_character_inside_a_field(void **state)
{
    csv_state *s = *state;
    assert_int_equal(parse(s, "x,ab七\xC6\xDF\n"), -1);
    ZBT_EXPECT_DIAG(s->diags, ZB_ERROR, "not valid UTF-8 (byte 0xc6)", 1, 6);
}

static void test_csv_reports_invalid_utf8_in_a_quoted_field_at_the_bad_byte(void **state)
{
    csv_state *s = *state;
    /* The quote is column 1, a 2, b 3: the bad byte is column 4. */
    assert_int_equal(parse(s, "\"ab\xC6\xDF\"\n"), -1);
    ZBT_EXPECT_DIAG(s->diags, ZB_ERROR, "not valid UTF-8 (byte 0xc6)", 1, 4);
}

static void test_csv_reports_a_field_over_max_field_bytes_at_its_start(void **state)
{
    csv_state *s = *state;
    zb_csv_limits lim = {8, 0};
    const char *data = "a,12345678\nb,123456789\n";
    assert_int_equal(parse_bytes(s, data, strlen(data), &lim), -1);
    ZBT_EXPECT_DIAG(s->diags, ZB_ERROR, "field longer than 8 bytes", 2, 3);
    ZBT_EXPECT_ERRORS(s->diags, 1);
    /* Exactly 8 bytes is fine. */
    assert_int_equal(s->nrecs, 1);
    assert_string_equal(s->recs[0].f[1].text, "12345678");
}

static void test_csv_counts_the_field_limit_on_unquoted_bytes(void **state)
{
    csv_state *s = *state;
    zb_csv_limits lim = {4, 0};
    /* Quotes do not count: "ab""c" holds 4 bytes. */
    const char *data = "\"ab\"\"c\"\n";
    assert_int_equal(parse_bytes(s, data, strlen(data), &lim), 0);
    assert_string_equal(s->recs[0].f[0].text, "ab\"c");
}

static void test_csv_reports_more_than_max_fields_at_the_extra_field(void **state)
{
    csv_state *s = *state;
    zb_csv_limits lim = {0, 3};
    const char *data = "a,b,c\nd,e,f,g\n";
    assert_int_equal(parse_bytes(s, data, strlen(data), &lim), -1);
    ZBT_EXPECT_DIAG(s->diags, ZB_ERROR, "more than 3 fields in one record", 2, 7);
    assert_int_equal(s->nrecs, 1);
    assert_int_equal(s->recs[0].n, 3);
}

static void test_csv_allows_4096_fields_by_default_and_no_more(void **state)
{
    csv_state *s = *state;
    size_t n = 4097;
    char *data = malloc(2 * n + 2);
    assert_non_null(data);
    /* Line 1: 4096 fields; line 2: 4097. */
    size_t len = 0;
    for (size_t i = 0; i < 4096; i++) {
        data[len++] = 'x';
        data[len++] = i + 1 < 4096 ? ',' : '\n';
    }
    assert_int_equal(parse_bytes(s, data, len, NULL), 0);
    assert_int_equal(s->nrecs, 1);
    assert_int_equal(s->recs[0].n, 4096);
    len = 0;
    for (size_t i = 0; i < n; i++) {
        data[len++] = 'x';
        data[len++] = i + 1 < n ? ',' : '\n';
    }
    assert_int_equal(parse_bytes(s, data, len, NULL), -1);
    free(data);
    ZBT_EXPECT_DIAG(s->diags, ZB_ERROR, "more than 4096 fields", 1, 8193);
}

static void test_csv_names_the_file_it_was_given(void **state)
{
    csv_state *s = *state;
    assert_int_equal(parse(s, "\"open"), -1);
    assert_int_equal(zb_diags_count(s->diags), 1);
    assert_string_equal(zb_diag_at(s->diags, 0)->file, "in.csv");
    assert_int_equal(zb_diag_at(s->diags, 0)->severity, ZB_ERROR);
}

/* Plain ASCII records are read a whole record at a time and the others a
 * byte at a time; both must give the same texts and positions, also across
 * the 256 KiB blocks the reader hands over.  30,000 records cycle through
 * five forms; record k sits on line k + 1 and its columns follow from the
 * lengths: 七 is one column, a quoted field's text starts after its quote,
 * an empty field is at its delimiter. */
static void test_csv_whole_record_path_matches_the_byte_path_across_blocks(void **state)
{
    csv_state *s = *state;
    enum { N = 30000 };
    size_t cap = N * 24, len = 0;
    char *data = malloc(cap);
    assert_non_null(data);
    for (int k = 0; k < N; k++) {
        switch (k % 5) {
        case 0: len += (size_t)sprintf(data + len, "r%d,%d,x\n", k, k); break;
        case 1: len += (size_t)sprintf(data + len, "\"q,%d\",%d\r\n", k, k); break;
        case 2: len += (size_t)sprintf(data + len, "\xE4\xB8\x83%d,,%d\n", k, k); break;
        case 3: len += (size_t)sprintf(data + len, "%d,a,\r", k); break;
        default: len += (size_t)sprintf(data + len, "z%d,%d\n", k, k); break;
        }
    }
    assert_true(len > 256 * 1024);
    assert_int_equal(parse_bytes(s, data, len, NULL), 0);
    free(data);
    ZBT_EXPECT_CLEAN(s->diags);
    assert_int_equal(s->nrecs, N);
    for (int k = 0; k < N; k++) {
        const rec *r = &s->recs[k];
        unsigned long line = (unsigned long)k + 1, w;
        char num[16], a[24];
        w = (unsigned long)sprintf(num, "%d", k);
        assert_int_equal(r->line, line);
        switch (k % 5) {
        case 0:
            sprintf(a, "r%d", k);
            assert_int_equal(r->n, 3);
            expect_field(r, 0, a, line, 1, 0);
            expect_field(r, 1, num, line, w + 3, 0);
            expect_field(r, 2, "x", line, 2 * w + 4, 0);
            break;
        case 1:
            sprintf(a, "q,%d", k);
            assert_int_equal(r->n, 2);
            expect_field(r, 0, a, line, 1, 1);
            expect_field(r, 1, num, line, w + 6, 0);
            break;
        case 2:
            sprintf(a, "\xE4\xB8\x83%d", k);
            assert_int_equal(r->n, 3);
            expect_field(r, 0, a, line, 1, 0);
            expect_field(r, 1, "", line, w + 3, 0);
            expect_field(r, 2, num, line, w + 4, 0);
            break;
        case 3:
            assert_int_equal(r->n, 3);
            expect_field(r, 0, num, line, 1, 0);
            expect_field(r, 1, "a", line, w + 2, 0);
            expect_field(r, 2, "", line, w + 4, 0);
            break;
        default:
            sprintf(a, "z%d", k);
            assert_int_equal(r->n, 2);
            expect_field(r, 0, a, line, 1, 0);
            expect_field(r, 1, num, line, w + 3, 0);
            break;
        }
    }
}

/* A tab is plain text for the whole-record path; other control bytes and
 * DEL leave it for the byte path (where stricter rules may apply): both
 * give the same texts and columns, one column a byte. */
static void test_csv_tabs_and_control_bytes_keep_their_columns(void **state)
{
    csv_state *s = *state;
    /* A tab is text; other control bytes and DEL are errors (their rows are
     * dropped), reported at their own columns by the byte-by-byte path. */
    assert_int_equal(parse(s, "a\tb,c\nx\x01y,z\nd\x7f,e\nf,g\n"), -1);
    assert_int_equal(s->nrecs, 2);
    expect_field(&s->recs[0], 0, "a\tb", 1, 1, 0);
    expect_field(&s->recs[0], 1, "c", 1, 5, 0);
    expect_field(&s->recs[1], 1, "g", 4, 3, 0);
    ZBT_EXPECT_DIAG(s->diags, ZB_ERROR, "control character 0x01", 2, 2);
    ZBT_EXPECT_DIAG(s->diags, ZB_ERROR, "control character 0x7f", 3, 2);
}

/* zb_csv_read_plain: plain records go to the plain callback, which here
 * takes those whose first field is "t" and writes down their fields; the
 * others (declined, or not plain) come to the record callback with their
 * positions as always. */
typedef struct plain_log {
    char text[512];
    size_t used;
} plain_log;

static int take_t(void *ud, const char *text, const uint32_t *end, size_t n, unsigned long line)
{
    plain_log *log = ud;
    if (end[0] != 1 || text[0] != 't')
        return 0;
    log->used += (size_t)snprintf(log->text + log->used, sizeof log->text - log->used, "%lu:", line);
    for (size_t k = 0; k < n; k++) {
        uint32_t start = k ? end[k - 1] + 1 : 0;
        log->used += (size_t)snprintf(log->text + log->used, sizeof log->text - log->used, "[%.*s]",
                                      (int)(end[k] - start), text + start);
    }
    log->used += (size_t)snprintf(log->text + log->used, sizeof log->text - log->used, " ");
    return 1;
}

typedef struct plain_state {
    plain_log log;
    csv_state *csv;
} plain_state;

static int plain_take(void *ud, const char *text, const uint32_t *end, size_t n, unsigned long line)
{
    return take_t(&((plain_state *)ud)->log, text, end, n, line);
}

static int plain_collect(void *ud, const zb_csv_field *fields, size_t n, unsigned long line)
{
    return collect(((plain_state *)ud)->csv, fields, n, line);
}

static void test_csv_offers_plain_records_and_reads_the_rest_as_usual(void **state)
{
    csv_state *s = *state;
    /* line 1 the header (never offered); 2 taken; 3 declined (first field
     * "x"); 4 taken, ending in CRLF; 5 "t" but quoted: not plain; 6 taken
     * with an empty last field and a tab; 7 blank; 8 taken, no final
     * newline: the end of the file is the record callback's. */
    const char *data = "h1,h2,h3\nt,1,2\nx,3,4\r\nt,5,6\r\n\"t\",7,8\nt,\t9,\n\nt,10,11";
    char path[512];
    zbt_write(zbt_path(path, s->tmp, "in.csv"), data, strlen(data));
    char err[256];
    zb_reader *r = zb_reader_open(path, NULL, err, sizeof err);
    assert_non_null(r);
    plain_state ps;
    memset(&ps, 0, sizeof ps);
    ps.csv = s;
    int rc = zb_csv_read_plain(r, "in.csv", s->diags, NULL, plain_collect, plain_take, &ps);
    zb_reader_close(r, NULL, 0);
    assert_int_equal(rc, 0);
    ZBT_EXPECT_CLEAN(s->diags);
    assert_string_equal(ps.log.text, "2:[t][1][2] 4:[t][5][6] 6:[t][\t9][] ");
    assert_int_equal(s->nrecs, 4);
    assert_int_equal(s->recs[0].line, 1);
    assert_int_equal(s->recs[1].line, 3);
    expect_field(&s->recs[1], 2, "4", 3, 5, 0);
    assert_int_equal(s->recs[2].line, 5);
    expect_field(&s->recs[2], 0, "t", 5, 1, 1);
    expect_field(&s->recs[2], 1, "7", 5, 5, 0);
    assert_int_equal(s->recs[3].line, 8);
    expect_field(&s->recs[3], 2, "11", 8, 6, 0);
}

int main(void)
{
#define T(f) cmocka_unit_test_setup_teardown(f, setup, teardown)
    const struct CMUnitTest tests[] = {
        T(test_csv_reads_records_with_their_lines_and_columns),
        T(test_csv_keeps_commas_inside_quoted_fields),
        T(test_csv_unquotes_doubled_quotes),
        T(test_csv_keeps_newlines_inside_quotes_and_counts_the_lines),
        T(test_csv_keeps_a_crlf_inside_quotes_intact),
        T(test_csv_treats_crlf_as_one_line_end),
        T(test_csv_treats_a_lone_cr_as_a_line_end),
        T(test_csv_skips_blank_lines_but_counts_them),
        T(test_csv_keeps_a_line_of_only_commas),
        T(test_csv_reads_a_last_record_without_final_newline),
        T(test_csv_reads_a_quoted_last_field_without_final_newline),
        T(test_csv_gives_a_trailing_comma_an_empty_last_field),
        T(test_csv_counts_field_columns_in_characters_for_chinese_text),
        T(test_csv_marks_quoted_fields_including_empty_ones),
        T(test_csv_returns_zero_records_for_an_empty_file),
        T(test_csv_stops_when_the_callback_says_so),
        T(test_csv_stops_at_a_last_record_without_newline_too),
        T(test_csv_reads_records_across_read_blocks),
        T(test_csv_reports_a_stray_quote_in_an_unquoted_field_at_the_quote),
        T(test_csv_reports_text_after_a_closing_quote),
        T(test_csv_shows_an_ellipsis_for_a_non_ascii_character_after_a_closing_quote),
        T(test_csv_reports_unterminated_quote_at_opening_quote),
        T(test_csv_reports_unterminated_quote_in_chinese),
        T(test_csv_reports_a_nul_byte_at_its_position),
        T(test_csv_calls_a_file_with_a_nul_binary_before_complaining_about_its_bytes),
        T(test_csv_names_a_workbook_a_utf16_file_and_a_pdf),
        T(test_csv_goes_on_after_a_misplaced_quote_to_list_every_one),
        T(test_csv_gives_each_field_its_end_position),
        T(test_csv_stops_at_a_misplaced_quote_in_the_header),
        T(test_csv_refuses_control_characters_and_drops_their_rows),
        T(test_csv_keeps_a_header_with_a_control_character),
        T(test_csv_reports_a_nul_byte_inside_quotes),
        T(test_csv_reports_gbk_bytes_as_invalid_utf8_with_the_encoding_hint),
        T(test_csv_reports_invalid_utf8_in_chinese_with_the_encoding_hint),
        T(test_csv_reports_invalid_utf8_at_the_bad_character_inside_a_field),
        T(test_csv_reports_invalid_utf8_in_a_quoted_field_at_the_bad_byte),
        T(test_csv_reports_a_field_over_max_field_bytes_at_its_start),
        T(test_csv_counts_the_field_limit_on_unquoted_bytes),
        T(test_csv_reports_more_than_max_fields_at_the_extra_field),
        T(test_csv_allows_4096_fields_by_default_and_no_more),
        T(test_csv_names_the_file_it_was_given),
        T(test_csv_whole_record_path_matches_the_byte_path_across_blocks),
        T(test_csv_tabs_and_control_bytes_keep_their_columns),
        T(test_csv_offers_plain_records_and_reads_the_rest_as_usual),
    };
#undef T
    return cmocka_run_group_tests_name("zb_csv", tests, NULL, NULL);
}
