/* zb_diag: collecting problems and printing them as a bureau reads them,
 * with the source line and a caret. */
#include "zb_test.h"

#include "zb_reader.h"

typedef struct diag_state {
    zb_diags *d;
    char tmp[32];
    char path[512];
} diag_state;

static int setup(void **state)
{
    zb_lang_set(ZB_LANG_EN);
    diag_state *s = calloc(1, sizeof *s);
    if (!s || !(s->d = zb_diags_new()) || !zbt_tmpdir(s->tmp))
        return -1;
    *state = s;
    return 0;
}

static int teardown(void **state)
{
    diag_state *s = *state;
    zb_diags_free(s->d);
    zbt_rmdir(s->tmp);
    free(s);
    zb_lang_set(ZB_LANG_ZH);
    return 0;
}

/* What zb_diags_print writes, as a malloc'd string. */
static char *printed(const zb_diags *d, int show_source)
{
    FILE *f = tmpfile();
    assert_non_null(f);
    zb_diags_print(d, f, show_source);
    long len = ftell(f);
    assert_true(len >= 0);
    rewind(f);
    char *buf = malloc((size_t)len + 1);
    assert_non_null(buf);
    assert_int_equal(fread(buf, 1, (size_t)len, f), (size_t)len);
    buf[len] = '\0';
    fclose(f);
    return buf;
}

static void expect_contains(const char *out, const char *want)
{
    if (!strstr(out, want))
        fail_msg("expected to find\n%s\nin\n%s", want, out);
}

static void test_diag_prints_the_line_and_a_caret_under_the_column(void **state)
{
    diag_state *s = *state;
    zbt_write_str(zbt_path(s->path, s->tmp, "o.csv"), "region,value\n七星关区,4..03\n");
    /* 七星关区 is 4 characters, 8 columns wide: column 6 (the first '4')
     * is 9 display columns in, so the caret follows 4 + 9 spaces. */
    zb_diag_add(s->d, ZB_ERROR, s->path, 2, 6, "bad number");
    char *out = printed(s->d, 1);
    expect_contains(out, "o.csv:2:6: error: bad number\n    七星关区,4..03\n             ^\n");
    free(out);
}

static void test_diag_escapes_control_characters_in_messages_and_lines(void **state)
{
    diag_state *s = *state;
    zbt_write_str(zbt_path(s->path, s->tmp, "c.csv"), "a\tb,\x1b[2Jx\n");
    /* Column 5 is the ESC: "a\tb," shows as a, \t, b, comma = 5 columns,
     * so the caret follows 4 + 5 spaces. */
    zb_diag_add(s->d, ZB_ERROR, s->path, 1, 5, "found '\x1b[2J'");
    char *out = printed(s->d, 1);
    expect_contains(out, "error: found '\\x1b[2J'\n    a\\tb,\\x1b[2Jx\n         ^\n");
    assert_null(strchr(out, '\x1b'));
    free(out);
}

static void test_diag_shows_a_far_column_in_a_window(void **state)
{
    diag_state *s = *state;
    /* 5000 x's then "!" at column 5001. */
    char *line = malloc(5003);
    assert_non_null(line);
    memset(line, 'x', 5000);
    strcpy(line + 5000, "!\n");
    zbt_write_str(zbt_path(s->path, s->tmp, "w.csv"), line);
    free(line);
    zb_diag_add(s->d, ZB_ERROR, s->path, 1, 5001, "here");
    char *out = printed(s->d, 1);
    /* The window starts 30 characters before the column, after an
     * ellipsis: the caret is 4 + 1 + 30 spaces in, under the "!". */
    expect_contains(out, "\n    \xE2\x80\xA6xxxxxxxxxxxxxxxxxxxxxxxxxxxxxx!\n"
                         "                                   ^\n");
    free(out);
}

static void test_diag_cuts_a_long_line_with_an_ellipsis(void **state)
{
    diag_state *s = *state;
    char *line = malloc(1002);
    assert_non_null(line);
    memset(line, 'y', 1000);
    strcpy(line + 1000, "\n");
    zbt_write_str(zbt_path(s->path, s->tmp, "long.csv"), line);
    free(line);
    zb_diag_add(s->d, ZB_ERROR, s->path, 1, 1, "long");
    char *out = printed(s->d, 1);
    /* 300 bytes shown, then "…". */
    const char *shown = strstr(out, "\n    y");
    assert_non_null(shown);
    size_t ys = strspn(shown + 5, "y");
    assert_int_equal(ys, 300);
    assert_memory_equal(shown + 5 + ys, "\xE2\x80\xA6\n", 4);
    free(out);
}

static void test_diag_shows_a_gbk_line_decoded(void **state)
{
    diag_state *s = *state;
    /* 520502,七星关区 in GBK: the line is shown as Chinese, not as bytes. */
    zbt_write_str(zbt_path(s->path, s->tmp, "g.csv"), "code,name\n520502,\xC6\xDF\xD0\xC7\xB9\xD8\xC7\xF8\n");
    zb_diag_add(s->d, ZB_ERROR, s->path, 2, 8, "not UTF-8");
    char *out = printed(s->d, 1);
    expect_contains(out, "\n    520502,七星关区\n           ^\n");
    free(out);
}

/* A GBK file read with --encoding gbk: the line shown is converted as the
 * data was, so that a far column's window starts on the right character
 * and the caret sits under the character the column counts.  The line is
 * "a," then 70 七, then ",8..00," then 200 星: the second point is column
 * 76; the window starts 30 characters before, at 46, the 27th 七; the cut at
 * 300 bytes keeps 27 x 3 + 7 + 70 x 3 = 298 bytes (70 星).  The caret is
 * 4 + 1 + 27 x 2 + 3 = 62 display columns in. */
static void test_diag_shows_a_gbk_line_converted_under_the_right_column(void **state)
{
    diag_state *s = *state;
    char line[1024], *p = line;
    p += sprintf(p, "a,");
    for (int i = 0; i < 70; i++)
        p += sprintf(p, "\xC6\xDF"); /* 七 */
    p += sprintf(p, ",8..00,");
    for (int i = 0; i < 200; i++)
        p += sprintf(p, "\xD0\xC7"); /* 星 */
    sprintf(p, "\n");
    zbt_write_str(zbt_path(s->path, s->tmp, "gbk.csv"), line);
    zb_diags_set_encoding(s->d, "gbk");
    zb_diag_add(s->d, ZB_ERROR, s->path, 1, 76, "malformed");
    char *out = printed(s->d, 1);
    char want[2048], *w = want;
    w += sprintf(w, "\n    \xE2\x80\xA6");
    for (int i = 0; i < 27; i++)
        w += sprintf(w, "七");
    w += sprintf(w, ",8..00,");
    for (int i = 0; i < 70; i++)
        w += sprintf(w, "星");
    w += sprintf(w, "\xE2\x80\xA6\n%62s^\n", "");
    expect_contains(out, want);
    assert_null(strstr(out, "\\x"));
    free(out);
    /* Cleared diagnostics keep the encoding: it is the files', not theirs. */
    zb_diags_clear(s->d);
    zb_diag_add(s->d, ZB_ERROR, s->path, 1, 3, "first");
    out = printed(s->d, 1);
    expect_contains(out, "\n    a,七七");
    free(out);
}

static void test_diag_fetches_many_lines_of_a_file_and_keeps_the_order_of_messages(void **state)
{
    diag_state *s = *state;
    char text[4096] = "h\n";
    for (int i = 2; i <= 200; i++)
        snprintf(text + strlen(text), sizeof text - strlen(text), "%d\n", i * 7);
    zbt_write_str(zbt_path(s->path, s->tmp, "m.csv"), text);
    /* Out of order, and twice the same line: each message gets its line. */
    zb_diag_add(s->d, ZB_ERROR, s->path, 150, 1, "m150");
    zb_diag_add(s->d, ZB_ERROR, s->path, 3, 1, "m3");
    zb_diag_add(s->d, ZB_WARNING, s->path, 150, 2, "m150b");
    zb_diag_add(s->d, ZB_ERROR, s->path, 999, 1, "past the end");
    char *out = printed(s->d, 1);
    /* Line n holds 7n: 150 -> 1050, 3 -> 21. */
    expect_contains(out, "m150\n    1050\n    ^\n");
    expect_contains(out, "m3\n    21\n    ^\n");
    expect_contains(out, "m150b\n    1050\n     ^\n");
    expect_contains(out, "m.csv:999:1: error: past the end\n");
    assert_true(strstr(out, "m150\n") < strstr(out, "m3\n"));
    free(out);
}

static void test_diag_shows_nothing_under_a_message_about_an_empty_file(void **state)
{
    diag_state *s = *state;
    zbt_write_str(zbt_path(s->path, s->tmp, "e.csv"), "");
    zb_diag_add(s->d, ZB_ERROR, s->path, 1, 0, "empty");
    char *out = printed(s->d, 1);
    assert_true(strlen(out) > 0);
    assert_string_equal(strstr(out, "error: empty"), "error: empty\n");
    free(out);
}

static void test_diag_counts_past_the_cap_per_file(void **state)
{
    diag_state *s = *state;
    zb_diags_set_file_cap(s->d, 3);
    for (int i = 0; i < 5; i++)
        zb_diag_add(s->d, ZB_ERROR, "a.csv", (unsigned long)i + 1, 1, "e%d", i);
    zb_diag_add(s->d, ZB_ERROR, "b.csv", 1, 1, "other file");
    assert_int_equal(zb_diags_count(s->d), 4);
    assert_int_equal(zb_diags_errors(s->d), 6);
    assert_int_equal(zb_diags_suppressed(s->d), 2);
    char *out = printed(s->d, 0);
    expect_contains(out, "(2 more problems not shown)");
    free(out);
}

int main(void)
{
#define T(f) cmocka_unit_test_setup_teardown(f, setup, teardown)
    const struct CMUnitTest tests[] = {
        T(test_diag_prints_the_line_and_a_caret_under_the_column),
        T(test_diag_escapes_control_characters_in_messages_and_lines),
        T(test_diag_shows_a_far_column_in_a_window),
        T(test_diag_cuts_a_long_line_with_an_ellipsis),
        T(test_diag_shows_a_gbk_line_decoded),
        T(test_diag_shows_a_gbk_line_converted_under_the_right_column),
        T(test_diag_fetches_many_lines_of_a_file_and_keeps_the_order_of_messages),
        T(test_diag_shows_nothing_under_a_message_about_an_empty_file),
        T(test_diag_counts_past_the_cap_per_file),
    };
#undef T
    return cmocka_run_group_tests_name("zb_diag", tests, NULL, NULL);
}
