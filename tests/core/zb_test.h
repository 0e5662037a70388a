/* zb_test.h — helpers shared by the cmocka tests of the core.
 *
 * Everything here is static inline so that a test file that does not use a
 * helper does not warn about it.  Tests run from the repository root, so
 * paths such as tests/bad/... and datasets/... are relative to it.
 *
 *   zbt_tmpdir / zbt_rmdir         a scratch directory under /tmp
 *   zbt_write, zbt_gzip            write a plain or gzip file
 *   zbt_read_file                  read a whole file (malloc'd)
 *   ZBT_EXPECT_DIAG(d, sev, needle, line, col)
 *                                  the first diagnostic of that severity whose
 *                                  message contains needle must exist and sit
 *                                  at line:col (on failure all are printed)
 *   ZBT_EXPECT_NO_DIAG(d, needle)  no diagnostic contains needle
 *   ZBT_EXPECT_CLEAN(d)            no errors and no warnings
 *   zbt_fixture_setup/teardown     a dataset with tests/bad/fixture loaded
 *                                  and finished, diagnostics in English
 *   zbt_load_bad(f, "CASE.KIND.csv")
 *                                  loads tests/bad/CASE.KIND.csv as KIND
 */
#ifndef ZB_TEST_H
#define ZB_TEST_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>

#include "zb_dataset.h"
#include "zb_diag.h"
#include "zb_lang.h"
#include "zb_load.h"

#define ZBT_FIXTURE_DIR "tests/bad/fixture"
#define ZBT_BAD_DIR "tests/bad"

/* ---- files ---- */

/* Creates /tmp/zbtest.XXXXXX; buf must hold 32 bytes. */
static inline const char *zbt_tmpdir(char *buf)
{
    strcpy(buf, "/tmp/zbtest.XXXXXX");
    if (!mkdtemp(buf)) {
        print_error("mkdtemp failed\n");
        return NULL;
    }
    return buf;
}

/* Removes the files of a scratch directory (one level) and the directory. */
static inline void zbt_rmdir(const char *dir)
{
    DIR *d = opendir(dir);
    if (!d)
        return;
    struct dirent *e;
    char path[512];
    while ((e = readdir(d)) != NULL) {
        if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
            continue;
        snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
        unlink(path);
    }
    closedir(d);
    rmdir(dir);
}

/* dir/name into buf (512 bytes). */
static inline const char *zbt_path(char *buf, const char *dir, const char *name)
{
    snprintf(buf, 512, "%s/%s", dir, name);
    return buf;
}

static inline void zbt_write(const char *path, const void *data, size_t len)
{
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    assert_int_equal(fwrite(data, 1, len, f), len);
    assert_int_equal(fclose(f), 0);
}

static inline void zbt_write_str(const char *path, const char *s)
{
    zbt_write(path, s, strlen(s));
}

static inline void zbt_gzip(const char *path, const void *data, size_t len)
{
    gzFile gz = gzopen(path, "wb9");
    assert_non_null(gz);
    assert_int_equal(gzwrite(gz, data, (unsigned)len), (int)len);
    assert_int_equal(gzclose(gz), Z_OK);
}

/* The whole file, NUL-terminated; *len gets its size.  Caller frees. */
static inline char *zbt_read_file(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    assert_non_null(f);
    size_t cap = 4096, n = 0;
    char *buf = malloc(cap + 1);
    assert_non_null(buf);
    size_t got;
    while ((got = fread(buf + n, 1, cap - n, f)) > 0) {
        n += got;
        if (n == cap) {
            cap *= 2;
            buf = realloc(buf, cap + 1);
            assert_non_null(buf);
        }
    }
    fclose(f);
    buf[n] = '\0';
    if (len)
        *len = n;
    return buf;
}

/* The 1-based column (in characters) where field `field` (0-based) of a
 * CSV row starts; the row must have no quoted commas. */
static inline unsigned long zbt_field_col(const char *row, size_t field)
{
    unsigned long col = 1;
    for (const char *p = row; *p && field > 0; p++) {
        if (((unsigned char)*p & 0xC0) != 0x80)
            col++;
        if (*p == ',')
            field--;
    }
    return col;
}

/* ---- diagnostics ---- */

static inline void zbt_dump_diags(const zb_diags *d)
{
    size_t n = zb_diags_count(d);
    print_error("%zu diagnostic(s), %zu error(s), %zu warning(s):\n", n,
                zb_diags_errors(d), zb_diags_warnings(d));
    for (size_t i = 0; i < n; i++) {
        const zb_diag *g = zb_diag_at(d, i);
        print_error("  [%s] %s:%lu:%lu: %s\n",
                    g->severity == ZB_ERROR ? "error" : g->severity == ZB_WARNING ? "warning" : "note",
                    g->file, g->line, g->col, g->message);
    }
}

/* The first diagnostic of severity sev whose message contains needle. */
static inline const zb_diag *zbt_find_diag(const zb_diags *d, zb_severity sev, const char *needle)
{
    for (size_t i = 0; i < zb_diags_count(d); i++) {
        const zb_diag *g = zb_diag_at(d, i);
        if (g->severity == sev && strstr(g->message, needle))
            return g;
    }
    return NULL;
}

static inline const zb_diag *zbt_expect_diag(const zb_diags *d, zb_severity sev, const char *needle,
                                             unsigned long line, unsigned long col,
                                             const char *file, int at)
{
    const zb_diag *g = zbt_find_diag(d, sev, needle);
    if (!g) {
        print_error("no %s diagnostic containing \"%s\"\n",
                    sev == ZB_ERROR ? "error" : sev == ZB_WARNING ? "warning" : "note", needle);
        zbt_dump_diags(d);
        _fail(file, at);
        return NULL;
    }
    if (g->line != line || g->col != col) {
        print_error("\"%s\" is at %lu:%lu, expected %lu:%lu\n", g->message, g->line, g->col, line, col);
        zbt_dump_diags(d);
        _fail(file, at);
    }
    return g;
}

#define ZBT_EXPECT_DIAG(d, sev, needle, line, col) \
    zbt_expect_diag((d), (sev), (needle), (line), (col), __FILE__, __LINE__)

static inline void zbt_expect_no_diag(const zb_diags *d, const char *needle, const char *file, int at)
{
    long i = zb_diags_find(d, needle);
    if (i >= 0) {
        print_error("unexpected diagnostic containing \"%s\"\n", needle);
        zbt_dump_diags(d);
        _fail(file, at);
    }
}

#define ZBT_EXPECT_NO_DIAG(d, needle) zbt_expect_no_diag((d), (needle), __FILE__, __LINE__)

static inline void zbt_expect_clean(const zb_diags *d, const char *file, int at)
{
    if (zb_diags_errors(d) != 0 || zb_diags_warnings(d) != 0) {
        print_error("expected no errors and no warnings\n");
        zbt_dump_diags(d);
        _fail(file, at);
    }
}

#define ZBT_EXPECT_CLEAN(d) zbt_expect_clean((d), __FILE__, __LINE__)

static inline void zbt_expect_errors(const zb_diags *d, size_t n, const char *file, int at)
{
    if (zb_diags_errors(d) != n) {
        print_error("expected %zu error(s)\n", n);
        zbt_dump_diags(d);
        _fail(file, at);
    }
}

#define ZBT_EXPECT_ERRORS(d, n) zbt_expect_errors((d), (n), __FILE__, __LINE__)

/* ---- the tests/bad fixture: a province, a city, two counties; gdp (level,
 * 亿元), urbanization_rate (rate, %), income (percap, 元) ---- */

typedef struct zbt_fixture {
    zb_dataset *ds;
    zb_diags *diags;
    char tmp[32];      /* a scratch directory, made on demand */
} zbt_fixture;

static inline int zbt_fixture_setup(void **state)
{
    zb_lang_set(ZB_LANG_EN);
    zbt_fixture *f = calloc(1, sizeof *f);
    if (!f)
        return -1;
    f->ds = zb_dataset_new();
    f->diags = zb_diags_new();
    if (!f->ds || !f->diags)
        return -1;
    size_t errors = zb_load_file(f->ds, ZB_FILE_REGIONS, ZBT_FIXTURE_DIR "/regions.csv", NULL, f->diags);
    errors += zb_load_file(f->ds, ZB_FILE_INDICATORS, ZBT_FIXTURE_DIR "/indicators.csv", NULL, f->diags);
    errors += zb_dataset_finish(f->ds, ZBT_FIXTURE_DIR "/regions.csv", ZBT_FIXTURE_DIR "/indicators.csv",
                                f->diags);
    if (errors || zb_diags_count(f->diags) != 0 || f->ds->regions.count != 4 ||
        f->ds->indicators.count != 3) {
        print_error("the fixture in " ZBT_FIXTURE_DIR " does not load cleanly\n");
        zbt_dump_diags(f->diags);
        return -1;
    }
    *state = f;
    return 0;
}

static inline int zbt_fixture_teardown(void **state)
{
    zbt_fixture *f = *state;
    if (!f)
        return 0;
    if (f->tmp[0])
        zbt_rmdir(f->tmp);
    zb_dataset_free(f->ds);
    zb_diags_free(f->diags);
    free(f);
    zb_lang_set(ZB_LANG_ZH);
    return 0;
}

/* The fixture's scratch directory, created on first use. */
static inline const char *zbt_fixture_tmp(zbt_fixture *f)
{
    if (!f->tmp[0])
        assert_non_null(zbt_tmpdir(f->tmp));
    return f->tmp;
}

/* The kind named by a corpus file name: CASE.KIND.csv or CASE.KIND.csv.gz. */
static inline zb_file_kind zbt_kind_of(const char *name)
{
    static const char *const kinds[ZB_FILE_COUNT] = {
        ".regions.csv", ".indicators.csv", ".observations.csv", ".targets.csv", ".settings.csv"};
    for (int k = 0; k < ZB_FILE_COUNT; k++)
        if (strstr(name, kinds[k]))
            return (zb_file_kind)k;
    fail_msg("%s is not named CASE.KIND.csv", name);
    return ZB_FILE_COUNT;
}

/* Loads path as the kind its name says; opt may be NULL.  Returns the error
 * count zb_load_file reports. */
static inline size_t zbt_load_path(zbt_fixture *f, const char *path, const zb_load_options *opt)
{
    return zb_load_file(f->ds, zbt_kind_of(path), path, opt, f->diags);
}

/* Loads tests/bad/NAME; path_out (512 bytes, may be NULL) gets the path. */
static inline size_t zbt_load_bad(zbt_fixture *f, const char *name, char *path_out)
{
    char path[512];
    zbt_path(path, ZBT_BAD_DIR, name);
    if (path_out)
        strcpy(path_out, path);
    return zbt_load_path(f, path, NULL);
}

/* A region or indicator of the dataset by code, -1 when absent. */
static inline long zbt_region(const zbt_fixture *f, const char *code)
{
    return zb_ds_region(f->ds, code);
}

static inline long zbt_indicator(const zbt_fixture *f, const char *code)
{
    return zb_ds_indicator(f->ds, code);
}

/* The observation row of (region code, indicator code, year), -1 when none. */
static inline long zbt_obs_row(const zbt_fixture *f, const char *region, const char *indicator, int year)
{
    return zb_obs_find(&f->ds->obs, (int32_t)zbt_region(f, region), (int32_t)zbt_indicator(f, indicator),
                       year);
}

#endif
