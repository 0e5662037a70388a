/* zb_prefetch: a reader's bytes from a second thread, in order, with the
 * end and errors where they are. */
#include "zb_test.h"

#include "zb_prefetch.h"
#include "zb_reader.h"

typedef struct pf_state {
    char tmp[32];
    char *data;   /* 1 MiB of numbered lines */
    size_t len;
} pf_state;

static int setup(void **state)
{
    pf_state *s = calloc(1, sizeof *s);
    if (!s || !zbt_tmpdir(s->tmp))
        return -1;
    s->data = malloc(1 << 20);
    if (!s->data)
        return -1;
    for (unsigned i = 0; s->len + 32 < (1u << 20); i++)
        s->len += (size_t)sprintf(s->data + s->len, "520502,gdp,%u,%u.5\n", 1900 + i % 300, i);
    *state = s;
    zb_lang_set(ZB_LANG_EN);
    return 0;
}

static int teardown(void **state)
{
    pf_state *s = *state;
    zbt_rmdir(s->tmp);
    free(s->data);
    free(s);
    zb_lang_set(ZB_LANG_ZH);
    return 0;
}

/* Reads everything through a prefetch of 64 KiB blocks into out; returns
 * the last status (0 end, -1 error) and the byte count in *n. */
static long drain(const char *path, char *out, size_t cap, size_t *n, char *err, size_t errlen)
{
    char e[256];
    zb_reader *r = zb_reader_open(path, NULL, e, sizeof e);
    assert_non_null(r);
    zb_prefetch *p = zb_prefetch_start(r, 64 * 1024);
    assert_non_null(p);
    long got;
    char *block;
    *n = 0;
    while ((got = zb_prefetch_next(p, &block)) > 0) {
        assert_true(got <= 64 * 1024);
        assert_true(*n + (size_t)got <= cap);
        memcpy(out + *n, block, (size_t)got);
        *n += (size_t)got;
    }
    /* The end (or the error) stays: asking again gives it again. */
    assert_int_equal(zb_prefetch_next(p, &block), got);
    zb_prefetch_stop(p);
    snprintf(err, errlen, "%s", zb_reader_error(r));
    zb_reader_close(r, NULL, 0);
    return got;
}

/* A plain and a gzip file of 1 MiB come out byte for byte, in 16 blocks
 * or more (64 KiB each at most), then the end. */
static void test_prefetch_delivers_every_byte_in_order(void **state)
{
    pf_state *s = *state;
    char path[512], err[256];
    char *out = malloc(s->len);
    assert_non_null(out);
    size_t n;
    zbt_write(zbt_path(path, s->tmp, "plain.csv"), s->data, s->len);
    assert_int_equal(drain(path, out, s->len, &n, err, sizeof err), 0);
    assert_int_equal(n, s->len);
    assert_memory_equal(out, s->data, s->len);
    zbt_gzip(zbt_path(path, s->tmp, "packed.csv.gz"), s->data, s->len);
    assert_int_equal(drain(path, out, s->len, &n, err, sizeof err), 0);
    assert_int_equal(n, s->len);
    assert_memory_equal(out, s->data, s->len);
    free(out);
}

/* A gzip file cut in half: the bytes before the cut come first, then -1
 * with the reader's message, which the caller may read once the worker
 * has stopped. */
static void test_prefetch_delivers_good_bytes_then_the_error(void **state)
{
    pf_state *s = *state;
    char path[512], err[256];
    zbt_gzip(zbt_path(path, s->tmp, "whole.csv.gz"), s->data, s->len);
    size_t glen;
    char *gz = zbt_read_file(path, &glen);
    assert_non_null(gz);
    zbt_write(zbt_path(path, s->tmp, "cut.csv.gz"), gz, glen / 2);
    free(gz);
    char *out = malloc(s->len);
    assert_non_null(out);
    size_t n;
    assert_int_equal(drain(path, out, s->len, &n, err, sizeof err), -1);
    assert_true(n > 0 && n < s->len);
    assert_memory_equal(out, s->data, n); /* what came is the file's start */
    assert_non_null(strstr(err, "truncated"));
    free(out);
}

/* Stopping after the first block, with the worker still reading or
 * waiting for room, ends cleanly (ASan and valgrind find no leak). */
static void test_prefetch_stops_early(void **state)
{
    pf_state *s = *state;
    char path[512], e[256];
    zbt_write(zbt_path(path, s->tmp, "plain.csv"), s->data, s->len);
    zb_reader *r = zb_reader_open(path, NULL, e, sizeof e);
    assert_non_null(r);
    zb_prefetch *p = zb_prefetch_start(r, 4096);
    assert_non_null(p);
    char *block;
    assert_int_equal(zb_prefetch_next(p, &block), 4096);
    assert_memory_equal(block, s->data, 4096);
    zb_prefetch_stop(p);
    zb_prefetch_stop(NULL);
    zb_reader_close(r, NULL, 0);
}

int main(void)
{
#define T(f) cmocka_unit_test_setup_teardown(f, setup, teardown)
    const struct CMUnitTest tests[] = {
        T(test_prefetch_delivers_every_byte_in_order),
        T(test_prefetch_delivers_good_bytes_then_the_error),
        T(test_prefetch_stops_early),
    };
#undef T
    return cmocka_run_group_tests_name("zb_prefetch", tests, NULL, NULL);
}
