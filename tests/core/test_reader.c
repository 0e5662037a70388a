/* zb_reader: plain and gzip files, BOM, encodings, damaged streams. */
#include "zb_test.h"

#include <iconv.h>

#include "zb_reader.h"

typedef struct reader_state {
    char tmp[32];
    char path[512];
} reader_state;

static int setup(void **state)
{
    zb_lang_set(ZB_LANG_EN);
    reader_state *s = calloc(1, sizeof *s);
    if (!s || !zbt_tmpdir(s->tmp))
        return -1;
    *state = s;
    return 0;
}

static int teardown(void **state)
{
    reader_state *s = *state;
    zbt_rmdir(s->tmp);
    free(s);
    zb_lang_set(ZB_LANG_ZH);
    return 0;
}

static const char *tmp_path(reader_state *s, const char *name)
{
    return zbt_path(s->path, s->tmp, name);
}

/* Reads r to its end (or error) into a malloc'd, NUL-terminated buffer, in
 * pieces of `piece` bytes.  *len gets the length, *rc the last read's
 * result (0 at a clean end, -1 on error). */
static char *read_all(zb_reader *r, size_t piece, size_t *len, long *rc)
{
    size_t cap = 1024, n = 0;
    char *buf = malloc(cap + 1);
    assert_non_null(buf);
    for (;;) {
        if (cap - n < piece) {
            while (cap - n < piece)
                cap *= 2;
            buf = realloc(buf, cap + 1);
            assert_non_null(buf);
        }
        long got = zb_reader_read(r, buf + n, piece);
        if (got <= 0) {
            *rc = got;
            break;
        }
        n += (size_t)got;
    }
    buf[n] = '\0';
    *len = n;
    return buf;
}

/* Opens path with encoding, reads it all, checks it equals want, closes. */
static void expect_content(const char *path, const char *encoding, const char *want)
{
    char err[256] = "";
    zb_reader *r = zb_reader_open(path, encoding, err, sizeof err);
    if (!r)
        fail_msg("cannot open %s: %s", path, err);
    size_t len;
    long rc;
    char *got = read_all(r, 4096, &len, &rc);
    assert_int_equal(rc, 0);
    assert_int_equal(len, strlen(want));
    assert_memory_equal(got, want, len);
    free(got);
    assert_int_equal(zb_reader_close(r, err, sizeof err), 0);
}

/* UTF-8 text converted to GBK by iconv (the test's own, not the reader's). */
static char *to_gbk(const char *utf8, size_t *outlen)
{
    iconv_t cd = iconv_open("GBK", "UTF-8");
    assert_true(cd != (iconv_t)-1);
    size_t inleft = strlen(utf8), cap = inleft * 2 + 8, outleft = cap;
    char *out = malloc(cap), *o = out;
    char *in = (char *)utf8;
    assert_non_null(out);
    assert_int_not_equal(iconv(cd, &in, &inleft, &o, &outleft), (size_t)-1);
    iconv_close(cd);
    *outlen = cap - outleft;
    return out;
}

/* Text of n bytes that deflate cannot shrink much: pseudo-random digits in
 * CSV rows, so a cut gzip still decodes a good part. */
static char *noisy_text(size_t n)
{
    char *t = malloc(n + 1);
    assert_non_null(t);
    uint32_t x = 12345;
    for (size_t i = 0; i < n; i++) {
        x = x * 1103515245u + 12345u;
        t[i] = (i % 32 == 31) ? '\n' : (i % 8 == 7) ? ',' : (char)('0' + (x >> 16) % 10);
    }
    t[n] = '\0';
    return t;
}

static void test_reader_reads_a_plain_file(void **state)
{
    reader_state *s = *state;
    const char *text = "code,name\n520502,七星关区\n";
    zbt_write_str(tmp_path(s, "plain.csv"), text);
    expect_content(s->path, NULL, text);
    expect_content(s->path, "UTF-8", text);
}

static void test_reader_counts_the_bytes_it_delivered(void **state)
{
    reader_state *s = *state;
    zbt_write_str(tmp_path(s, "plain.csv"), "abcdef");
    char err[256];
    zb_reader *r = zb_reader_open(s->path, NULL, err, sizeof err);
    assert_non_null(r);
    char buf[4];
    assert_int_equal(zb_reader_read(r, buf, 4), 4);
    assert_int_equal(zb_reader_offset(r), 4);
    assert_int_equal(zb_reader_read(r, buf, 4), 2);
    assert_int_equal(zb_reader_offset(r), 6);
    assert_int_equal(zb_reader_read(r, buf, 4), 0);
    assert_int_equal(zb_reader_close(r, err, sizeof err), 0);
}

static void test_reader_reads_a_gzip_file_transparently(void **state)
{
    reader_state *s = *state;
    const char *text = "region,indicator,year,value\n520502,gdp,2020,500.06\n";
    zbt_gzip(tmp_path(s, "obs.csv.gz"), text, strlen(text));
    /* The file on disk is gzip, not the text. */
    size_t n;
    char *disk = zbt_read_file(s->path, &n);
    assert_true((unsigned char)disk[0] == 0x1f && (unsigned char)disk[1] == 0x8b);
    free(disk);
    expect_content(s->path, NULL, text);
}

static void test_reader_reads_a_large_gzip_file_in_small_pieces(void **state)
{
    reader_state *s = *state;
    char *text = noisy_text(300000);
    zbt_gzip(tmp_path(s, "big.csv.gz"), text, 300000);
    char err[256];
    zb_reader *r = zb_reader_open(s->path, NULL, err, sizeof err);
    assert_non_null(r);
    size_t len;
    long rc;
    char *got = read_all(r, 1000, &len, &rc);
    assert_int_equal(rc, 0);
    assert_int_equal(len, 300000);
    assert_memory_equal(got, text, len);
    free(got);
    free(text);
    assert_int_equal(zb_reader_close(r, err, sizeof err), 0);
}

static void test_reader_drops_a_utf8_bom(void **state)
{
    reader_state *s = *state;
    zbt_write_str(tmp_path(s, "bom.csv"), "\xEF\xBB\xBF" "code,name\n");
    expect_content(s->path, NULL, "code,name\n");
}

static void test_reader_drops_a_bom_in_a_gzip_file(void **state)
{
    reader_state *s = *state;
    const char *text = "\xEF\xBB\xBF" "a,b\n";
    zbt_gzip(tmp_path(s, "bom.csv.gz"), text, strlen(text));
    expect_content(s->path, NULL, "a,b\n");
}

static void test_reader_keeps_a_bom_that_is_not_at_the_start(void **state)
{
    reader_state *s = *state;
    zbt_write_str(tmp_path(s, "mid.csv"), "a\xEF\xBB\xBF");
    expect_content(s->path, NULL, "a\xEF\xBB\xBF");
}

static void test_reader_returns_nothing_for_a_file_that_is_only_a_bom(void **state)
{
    reader_state *s = *state;
    zbt_write_str(tmp_path(s, "onlybom.csv"), "\xEF\xBB\xBF");
    expect_content(s->path, NULL, "");
}

static void test_reader_converts_gbk_to_utf8(void **state)
{
    reader_state *s = *state;
    const char *text = "code,name\n520502,七星关区\n520521,大方县\n";
    size_t n;
    char *gbk = to_gbk(text, &n);
    /* The GBK bytes of 七 are C6 DF: not UTF-8. */
    assert_memory_equal(gbk + 17, "\xC6\xDF", 2);
    zbt_write(tmp_path(s, "gbk.csv"), gbk, n);
    free(gbk);
    expect_content(s->path, "gbk", text);
    expect_content(s->path, "GB18030", text);
}

static void test_reader_converts_gbk_inside_a_gzip_file(void **state)
{
    reader_state *s = *state;
    const char *text = "地区,指标\n七星关区,地区生产总值\n";
    size_t n;
    char *gbk = to_gbk(text, &n);
    zbt_gzip(tmp_path(s, "gbk.csv.gz"), gbk, n);
    free(gbk);
    expect_content(s->path, "gbk", text);
}

static void test_reader_converts_a_large_gbk_file_across_buffers(void **state)
{
    reader_state *s = *state;
    /* 100,000 three-byte characters in UTF-8, two bytes each in GBK: the
     * raw buffer (64 KiB) ends in the middle of characters. */
    size_t reps = 100000;
    char *text = malloc(reps * 3 + 2);
    assert_non_null(text);
    for (size_t i = 0; i < reps; i++)
        memcpy(text + 3 * i, "区", 3);
    text[3 * reps] = '\n';
    text[3 * reps + 1] = '\0';
    size_t n;
    char *gbk = to_gbk(text, &n);
    assert_int_equal(n, 2 * reps + 1);
    zbt_write(tmp_path(s, "big-gbk.csv"), gbk, n);
    free(gbk);
    expect_content(s->path, "gbk", text);
    free(text);
}

static void test_reader_reports_a_byte_that_is_not_valid_in_the_encoding(void **state)
{
    reader_state *s = *state;
    zbt_write(tmp_path(s, "badgbk.csv"), "ab\xFF" "cd", 5);
    char err[256];
    zb_reader *r = zb_reader_open(s->path, "gbk", err, sizeof err);
    assert_non_null(r);
    size_t len;
    long rc;
    char *got = read_all(r, 64, &len, &rc);
    assert_int_equal(rc, -1);
    assert_string_equal(got, "ab");
    free(got);
    assert_non_null(strstr(zb_reader_error(r), "byte 3: 0xff is not valid in the chosen encoding"));
    zb_reader_close(r, NULL, 0);
}

static void test_reader_reports_a_file_ending_inside_a_multibyte_character(void **state)
{
    reader_state *s = *state;
    zbt_write(tmp_path(s, "cutgbk.csv"), "ab\xC6", 3);
    char err[256];
    zb_reader *r = zb_reader_open(s->path, "gbk", err, sizeof err);
    assert_non_null(r);
    size_t len;
    long rc;
    char *got = read_all(r, 64, &len, &rc);
    assert_int_equal(rc, -1);
    assert_string_equal(got, "ab");
    free(got);
    assert_non_null(strstr(zb_reader_error(r), "ends inside a multibyte character"));
    zb_reader_close(r, NULL, 0);
}

static void test_reader_refuses_an_unknown_encoding(void **state)
{
    reader_state *s = *state;
    zbt_write_str(tmp_path(s, "x.csv"), "a\n");
    char err[256] = "";
    assert_null(zb_reader_open(s->path, "klingon-8", err, sizeof err));
    assert_non_null(strstr(err, "unsupported encoding 'klingon-8'"));
    /* latin1 is a real encoding iconv knows, but reading GBK data through it
     * makes mojibake and invented errors: refused, with the ones to use. */
    assert_null(zb_reader_open(s->path, "latin1", err, sizeof err));
    assert_non_null(strstr(err, "unsupported encoding 'latin1': use utf-8, gbk, gb18030 (gb2312, cp936: read as gbk)"));
    assert_null(zb_reader_open(s->path, "UTF-16", err, sizeof err));
}

/* The names a bureau may write, in any case, and what iconv gets. */
static void test_reader_encoding_names(void **state)
{
    (void)state;
    assert_string_equal(zb_encoding_name("utf-8"), "UTF-8");
    assert_string_equal(zb_encoding_name("UTF8"), "UTF-8");
    assert_string_equal(zb_encoding_name("gbk"), "GBK");
    assert_string_equal(zb_encoding_name("GB2312"), "GBK");
    assert_string_equal(zb_encoding_name("cp936"), "GBK");
    assert_string_equal(zb_encoding_name("Windows-936"), "GBK");
    assert_string_equal(zb_encoding_name("gb18030"), "GB18030");
    assert_null(zb_encoding_name("latin1"));
    assert_null(zb_encoding_name("big5"));
    assert_null(zb_encoding_name(""));
    assert_null(zb_encoding_name(NULL));
}

/* gb2312 and cp936 read a GBK file as gbk does. */
static void test_reader_reads_gbk_under_its_aliases(void **state)
{
    reader_state *s = *state;
    const char *text = "code,name\n520502,七星关区\n";
    size_t n;
    char *gbk = to_gbk(text, &n);
    zbt_write(tmp_path(s, "alias.csv"), gbk, n);
    free(gbk);
    expect_content(s->path, "gb2312", text);
    expect_content(s->path, "CP936", text);
    expect_content(s->path, "gb18030", text);
}

static void test_reader_reports_a_missing_file(void **state)
{
    reader_state *s = *state;
    char err[256] = "";
    assert_null(zb_reader_open(tmp_path(s, "nope.csv"), NULL, err, sizeof err));
    assert_non_null(strstr(err, "cannot open file"));
    zb_lang_set(ZB_LANG_ZH);
    assert_null(zb_reader_open(s->path, "gbk", err, sizeof err));
    zb_lang_set(ZB_LANG_EN);
    assert_non_null(strstr(err, "无法打开文件"));
}

static void test_reader_reports_a_truncated_gzip_file(void **state)
{
    reader_state *s = *state;
    size_t full = 200000;
    char *text = noisy_text(full);
    zbt_gzip(tmp_path(s, "whole.csv.gz"), text, full);
    size_t n;
    char *gz = zbt_read_file(s->path, &n);
    /* The first half of the compressed bytes, as `head -c` would cut it. */
    zbt_write(tmp_path(s, "cut.csv.gz"), gz, n / 2);
    free(gz);
    char err[256] = "";
    zb_reader *r = zb_reader_open(s->path, NULL, err, sizeof err);
    assert_non_null(r);
    size_t len;
    long rc;
    char *got = read_all(r, 4096, &len, &rc);
    assert_int_equal(rc, -1);
    assert_non_null(strstr(zb_reader_error(r), "gzip file is truncated"));
    /* What came out before the cut is a true prefix of the text. */
    assert_true(len > 0 && len < full);
    assert_memory_equal(got, text, len);
    free(got);
    free(text);
    assert_int_equal(zb_reader_close(r, err, sizeof err), -1);
    assert_non_null(strstr(err, "gzip file is truncated"));
}

static void test_reader_reports_a_gzip_file_cut_right_after_its_header(void **state)
{
    reader_state *s = *state;
    const char *text = "a,b\n1,2\n";
    zbt_gzip(tmp_path(s, "whole.csv.gz"), text, strlen(text));
    size_t n;
    char *gz = zbt_read_file(s->path, &n);
    zbt_write(tmp_path(s, "cut.csv.gz"), gz, 12); /* 10-byte header + 2 */
    free(gz);
    char err[256];
    zb_reader *r = zb_reader_open(s->path, NULL, err, sizeof err);
    assert_non_null(r);
    size_t len;
    long rc;
    char *got = read_all(r, 4096, &len, &rc);
    free(got);
    assert_int_equal(rc, -1);
    assert_non_null(strstr(zb_reader_error(r), "truncated"));
    zb_reader_close(r, NULL, 0);
}

static void test_reader_reports_corrupt_gzip_data(void **state)
{
    reader_state *s = *state;
    size_t full = 100000;
    char *text = noisy_text(full);
    zbt_gzip(tmp_path(s, "whole.csv.gz"), text, full);
    free(text);
    size_t n;
    char *gz = zbt_read_file(s->path, &n);
    for (size_t i = n / 2; i < n / 2 + 16; i++)
        gz[i] = (char)~gz[i];
    zbt_write(tmp_path(s, "bad.csv.gz"), gz, n);
    free(gz);
    char err[256];
    zb_reader *r = zb_reader_open(s->path, NULL, err, sizeof err);
    assert_non_null(r);
    size_t len;
    long rc;
    char *got = read_all(r, 4096, &len, &rc);
    free(got);
    assert_int_equal(rc, -1);
    assert_non_null(strstr(zb_reader_error(r), "corrupt gzip data ("));
    zb_reader_close(r, NULL, 0);
}

static void test_reader_reports_a_wrong_gzip_checksum(void **state)
{
    reader_state *s = *state;
    const char *text = "a,b\n1,2\n";
    zbt_gzip(tmp_path(s, "whole.csv.gz"), text, strlen(text));
    size_t n;
    char *gz = zbt_read_file(s->path, &n);
    gz[n - 8] = (char)~gz[n - 8]; /* the CRC-32 in the trailer */
    zbt_write(tmp_path(s, "crc.csv.gz"), gz, n);
    free(gz);
    char err[256];
    zb_reader *r = zb_reader_open(s->path, NULL, err, sizeof err);
    assert_non_null(r);
    size_t len;
    long rc;
    char *got = read_all(r, 4096, &len, &rc);
    free(got);
    assert_int_equal(rc, -1);
    /* zlib's message names the check that failed; the path it puts in
     * front is dropped, as the caller shows the file already. */
    assert_non_null(strstr(zb_reader_error(r), "corrupt gzip data (incorrect data check)"));
    assert_null(strstr(zb_reader_error(r), "crc.csv.gz"));
    zb_reader_close(r, NULL, 0);
}

/* Reads path with encoding to its end; returns whether the reader found
 * the file to be UTF-8 already, and checks the text. */
static int utf8_anyway(const char *path, const char *encoding, const char *want, size_t want_len)
{
    char err[256] = "";
    zb_reader *r = zb_reader_open(path, encoding, err, sizeof err);
    assert_non_null(r);
    size_t len;
    long rc;
    char *got = read_all(r, 1000, &len, &rc);
    assert_int_equal(rc, 0);
    assert_int_equal(len, want_len);
    assert_memory_equal(got, want, len);
    free(got);
    int anyway = zb_reader_utf8_anyway(r);
    zb_reader_close(r, NULL, 0);
    return anyway;
}

static void test_reader_reads_a_utf8_file_as_it_is_even_with_an_encoding(void **state)
{
    reader_state *s = *state;
    /* Converting these UTF-8 bytes from GBK would garble them. */
    const char *text = "code,name\n520502,七星关区\n";
    zbt_write_str(tmp_path(s, "u.csv"), text);
    assert_true(utf8_anyway(s->path, "gbk", text, strlen(text)));
    /* With a BOM, which is dropped as usual. */
    zbt_write_str(tmp_path(s, "bom.csv"), "\xEF\xBB\xBF" "a,b\n");
    assert_true(utf8_anyway(s->path, "gbk", "a,b\n", 4));
    /* A GBK file is converted, and the reader says so. */
    size_t n;
    char *gbk = to_gbk(text, &n);
    zbt_write(tmp_path(s, "g.csv"), gbk, n);
    free(gbk);
    assert_false(utf8_anyway(s->path, "gbk", text, strlen(text)));
}

static void test_reader_decides_on_the_first_block_with_text_that_is_not_ascii(void **state)
{
    reader_state *s = *state;
    /* 100,000 bytes of ASCII (more than one 64 KiB block), then GBK: the
     * ASCII passes through and the GBK is still converted. */
    size_t ascii = 100000;
    char *text = noisy_text(ascii);
    size_t n;
    char *gbk = to_gbk("七星关区\n", &n);
    char *file = malloc(ascii + n);
    assert_non_null(file);
    memcpy(file, text, ascii);
    memcpy(file + ascii, gbk, n);
    zbt_write(tmp_path(s, "late.csv"), file, ascii + n);
    char *want = malloc(ascii + 32);
    assert_non_null(want);
    memcpy(want, text, ascii);
    strcpy(want + ascii, "七星关区\n");
    assert_false(utf8_anyway(s->path, "gbk", want, strlen(want)));
    /* The same with UTF-8 after the ASCII: read as it is. */
    zbt_write(s->path, want, strlen(want));
    assert_true(utf8_anyway(s->path, "gbk", want, strlen(want)));
    free(want);
    free(file);
    free(gbk);
    free(text);
}

static void test_reader_delivers_the_data_before_gzip_damage(void **state)
{
    reader_state *s = *state;
    size_t full = 300000;
    char *text = noisy_text(full);
    zbt_gzip(tmp_path(s, "whole.csv.gz"), text, full);
    size_t n;
    char *gz = zbt_read_file(s->path, &n);
    for (size_t i = n / 2; i < n / 2 + 16; i++)
        gz[i] = (char)~gz[i];
    zbt_write(tmp_path(s, "bad.csv.gz"), gz, n);
    free(gz);
    char err[256];
    zb_reader *r = zb_reader_open(s->path, NULL, err, sizeof err);
    assert_non_null(r);
    size_t len;
    long rc;
    char *got = read_all(r, 4096, &len, &rc);
    assert_int_equal(rc, -1);
    /* Damage half way through the compressed bytes: what came before it
     * (less one 16 KiB piece at most) is delivered, and is the text. */
    assert_true(len > full / 4);
    assert_true(len < full);
    assert_memory_equal(got, text, len);
    free(got);
    free(text);
    zb_reader_close(r, NULL, 0);
}

/* ---- zb_reader_fetch_line ---- */

static void test_reader_fetches_a_line_by_number(void **state)
{
    reader_state *s = *state;
    zbt_write_str(tmp_path(s, "lines.csv"), "one\ntwo\r\nthree");
    char *l = zb_reader_fetch_line(s->path, 2, 100);
    assert_string_equal(l, "two"); /* CR of the CRLF removed */
    free(l);
    l = zb_reader_fetch_line(s->path, 3, 100);
    assert_string_equal(l, "three"); /* no final newline */
    free(l);
    assert_null(zb_reader_fetch_line(s->path, 9, 100));
    assert_null(zb_reader_fetch_line(tmp_path(s, "missing.csv"), 1, 100));
}

static void test_reader_fetches_the_first_line_without_its_bom(void **state)
{
    reader_state *s = *state;
    zbt_write_str(tmp_path(s, "bom.csv"), "\xEF\xBB\xBF" "code,name\nx,y\n");
    char *l = zb_reader_fetch_line(s->path, 1, 100);
    assert_string_equal(l, "code,name");
    free(l);
}

static void test_reader_fetches_a_line_from_a_gzip_file(void **state)
{
    reader_state *s = *state;
    const char *text = "h\n520502,七星关区\n";
    zbt_gzip(tmp_path(s, "lines.csv.gz"), text, strlen(text));
    char *l = zb_reader_fetch_line(s->path, 2, 100);
    assert_string_equal(l, "520502,七星关区");
    free(l);
}

static void test_reader_cuts_a_fetched_line_on_a_character_boundary(void **state)
{
    reader_state *s = *state;
    zbt_write_str(tmp_path(s, "zh.csv"), "七星关区\n");
    /* 12 bytes of text: a cut after 4 or 5 bytes must not leave half of 星. */
    for (size_t max = 3; max <= 5; max++) {
        char *l = zb_reader_fetch_line(s->path, 1, max);
        assert_non_null(l);
        assert_string_equal(l, "七");
        free(l);
    }
    char *l = zb_reader_fetch_line(s->path, 1, 6);
    assert_string_equal(l, "七星");
    free(l);
    l = zb_reader_fetch_line(s->path, 1, 12);
    assert_string_equal(l, "七星关区");
    free(l);
    l = zb_reader_fetch_line(s->path, 1, 2);
    assert_string_equal(l, "");
    free(l);
}

int main(void)
{
#define T(f) cmocka_unit_test_setup_teardown(f, setup, teardown)
    const struct CMUnitTest tests[] = {
        T(test_reader_reads_a_plain_file),
        T(test_reader_counts_the_bytes_it_delivered),
        T(test_reader_reads_a_gzip_file_transparently),
        T(test_reader_reads_a_large_gzip_file_in_small_pieces),
        T(test_reader_drops_a_utf8_bom),
        T(test_reader_drops_a_bom_in_a_gzip_file),
        T(test_reader_keeps_a_bom_that_is_not_at_the_start),
        T(test_reader_returns_nothing_for_a_file_that_is_only_a_bom),
        T(test_reader_converts_gbk_to_utf8),
        T(test_reader_reads_a_utf8_file_as_it_is_even_with_an_encoding),
        T(test_reader_decides_on_the_first_block_with_text_that_is_not_ascii),
        T(test_reader_delivers_the_data_before_gzip_damage),
        T(test_reader_converts_gbk_inside_a_gzip_file),
        T(test_reader_converts_a_large_gbk_file_across_buffers),
        T(test_reader_reports_a_byte_that_is_not_valid_in_the_encoding),
        T(test_reader_reports_a_file_ending_inside_a_multibyte_character),
        T(test_reader_refuses_an_unknown_encoding),
        T(test_reader_encoding_names),
        T(test_reader_reads_gbk_under_its_aliases),
        T(test_reader_reports_a_missing_file),
        T(test_reader_reports_a_truncated_gzip_file),
        T(test_reader_reports_a_gzip_file_cut_right_after_its_header),
        T(test_reader_reports_corrupt_gzip_data),
        T(test_reader_reports_a_wrong_gzip_checksum),
        T(test_reader_fetches_a_line_by_number),
        T(test_reader_fetches_the_first_line_without_its_bom),
        T(test_reader_fetches_a_line_from_a_gzip_file),
        T(test_reader_cuts_a_fetched_line_on_a_character_boundary),
    };
#undef T
    return cmocka_run_group_tests_name("zb_reader", tests, NULL, NULL);
}
