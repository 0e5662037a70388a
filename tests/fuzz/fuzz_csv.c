/* fuzz_csv — the loader on arbitrary bytes, for each file kind.
 *
 * The first byte of an input picks what to do with the rest:
 *   bits 0-2  the file kind: 0 regions, 1 indicators, 2 observations,
 *             3 targets, 4 settings; 5-7 a bureau's wide plan table as
 *             `zhibiao import` reads it (zb_wide_read, then zb_import_wide
 *             against the fixture)
 *   bit 3     read it with --encoding gbk (iconv on the way through)
 *   bit 4     messages in English
 *   bit 5     tiny limits (64-byte fields, 8 fields) so the limit paths run
 * The rest is the file, written to a memfd and loaded through its
 * /proc/self/fd path exactly as `zhibiao validate` loads a file: gzip
 * detection, BOM, CSV, header mapping, rows, then the checks that run after
 * a file (hierarchy, aggregation rules, indexes) and the printing of every
 * diagnostic with its source line (which re-reads the file).  Observations
 * and targets are loaded on top of a small fixture of regions and
 * indicators, so that their rows get past the code lookups.
 *
 * Besides memory errors (ASan) and undefined behaviour (UBSan) it checks
 * invariants: every diagnostic has a file and a message, and the error
 * count the loader returns is not more than the errors recorded.
 */
#define _GNU_SOURCE
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "zb_dataset.h"
#include "zb_diag.h"
#include "zb_import.h"
#include "zb_lang.h"
#include "zb_load.h"
#include "zb_spec.h"
#include "zb_wide.h"

static const char fixture_regions[] =
    "code,name,level,parent,name_en,source\n"
    "520000,贵州省,province,,Guizhou,fixture\n"
    "520500,毕节市,city,520000,Bijie,fixture\n"
    "520502,七星关区,county,520500,Qixingguan,fixture\n"
    "520500-JHH,金海湖新区,zone,520500,Jinhaihu,fixture\n";

static const char fixture_indicators[] =
    "code,name,name_en,unit,category,attribute,kind,aggregation,direction,decimals,source,note\n"
    "gdp,地区生产总值,GDP,亿元,经济,anticipatory,level,sum,up,2,fixture,\n"
    "pop,常住人口,Population,万人,民生,anticipatory,level,sum,up,2,fixture,\n"
    "urban_pop,城镇人口,Urban population,万人,民生,anticipatory,level,sum,up,2,fixture,\n"
    "urbanization_rate,城镇化率,Urbanization,%,民生,binding,rate,\"ratio(urban_pop,pop,100)\",up,2,fixture,\n"
    "income,人均收入,Income,元,民生,anticipatory,percap,wmean(pop),up,0,fixture,\n"
    "birth_rate,出生率,Birth rate,‰,民生,anticipatory,rate,none,none,2,fixture,\n"
    "structure,三次产业结构,Structure,,经济,anticipatory,structure,none,none,1,fixture,\n";

static int data_fd = -1;
static char data_path[64], regions_path[64], indicators_path[64];
static FILE *devnull;

static int memfd_with(const char *name, const char *text, char *path)
{
    int fd = memfd_create(name, 0);
    if (fd < 0)
        abort();
    if (text && write(fd, text, strlen(text)) != (ssize_t)strlen(text))
        abort();
    snprintf(path, 64, "/proc/self/fd/%d", fd);
    return fd;
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    data_fd = memfd_with("data.csv", NULL, data_path);
    memfd_with("regions.csv", fixture_regions, regions_path);
    memfd_with("indicators.csv", fixture_indicators, indicators_path);
    devnull = fopen("/dev/null", "w");
    if (!devnull)
        abort();
    return 0;
}

static void check_diags(const zb_diags *d, size_t reported_errors)
{
    size_t errors = 0;
    for (size_t i = 0; i < zb_diags_count(d); i++) {
        const zb_diag *g = zb_diag_at(d, i);
        if (!g || !g->file || !g->message || g->message[0] == '\0')
            abort();
        errors += g->severity == ZB_ERROR;
    }
    if (reported_errors > zb_diags_errors(d) || errors > zb_diags_errors(d))
        abort();
}

/* A fresh dataset with the fixture's regions and indicators. */
static zb_dataset *fixture(zb_diags *d)
{
    zb_dataset *ds = zb_dataset_new();
    if (!ds)
        abort();
    size_t e = zb_load_file(ds, ZB_FILE_REGIONS, regions_path, NULL, d);
    e += zb_load_file(ds, ZB_FILE_INDICATORS, indicators_path, NULL, d);
    e += zb_dataset_finish(ds, regions_path, indicators_path, d);
    if (e != 0)
        abort(); /* the fixture itself must load cleanly */
    return ds;
}

/* The import path: the file read as a wide plan table, made a dataset. */
static void import_wide(const zb_load_options *opt, zb_diags *d)
{
    zb_wide_options wopt;
    memset(&wopt, 0, sizeof wopt);
    wopt.encoding = opt->encoding;
    wopt.base_year = 2020;
    wopt.target_year = 2025;
    zb_wide_table *t = zb_wide_read(data_path, &wopt, d);
    if (!t)
        abort();
    zb_dataset *ref = fixture(d);
    zb_import_options iopt = {"fuzz-plan", NULL, "520502", "fuzz.csv"};
    zb_import_stats stats;
    zb_dataset *ds = zb_import_wide(t, ref, &iopt, &stats, d);
    zb_dataset_free(ds);
    zb_dataset_free(ref);
    zb_wide_free(t);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1)
        return 0;
    unsigned sel = data[0];
    data++;
    size--;
    zb_file_kind kind = (zb_file_kind)(sel & 7);
    zb_load_options opt;
    memset(&opt, 0, sizeof opt);
    opt.encoding = (sel & 8) ? "gbk" : NULL;
    if (sel & 32) {
        opt.limits.max_field_bytes = 64;
        opt.limits.max_fields = 8;
    }
    zb_lang_set((sel & 16) ? ZB_LANG_EN : ZB_LANG_ZH);

    if (ftruncate(data_fd, 0) != 0 || pwrite(data_fd, data, size, 0) != (ssize_t)size)
        abort();

    zb_diags *d = zb_diags_new();
    if (!d)
        abort();
    if (kind >= ZB_FILE_COUNT) {
        import_wide(&opt, d);
        check_diags(d, 0);
        zb_diags_print(d, devnull, 1);
        zb_diags_free(d);
        return 0;
    }
    zb_dataset *ds = kind == ZB_FILE_OBSERVATIONS || kind == ZB_FILE_TARGETS ? fixture(d) : zb_dataset_new();
    if (!ds)
        abort();
    size_t errors = zb_load_file(ds, kind, data_path, &opt, d);
    if (kind == ZB_FILE_REGIONS)
        errors += zb_dataset_finish(ds, data_path, NULL, d);
    else if (kind == ZB_FILE_INDICATORS)
        errors += zb_dataset_finish(ds, NULL, data_path, d);
    else
        errors += zb_dataset_finish(ds, NULL, NULL, d);
    check_diags(d, errors);

    /* What later stages do with a loaded target: parse its texts. */
    for (size_t k = 0; k < ds->targets.count; k++) {
        const zb_target *t = &ds->targets.items[k];
        const uint32_t texts[] = {t->base_text, t->target_text, t->growth_text, t->achieved_text,
                                  t->achieved_growth_text};
        for (size_t i = 0; i < sizeof texts / sizeof texts[0]; i++) {
            zb_spec s;
            char err[256];
            size_t col = 0;
            zb_spec_parse(zb_ds_str(ds, texts[i]), &s, err, sizeof err, &col);
        }
    }
    zb_diags_print(d, devnull, 1);
    zb_dataset_free(ds);
    zb_diags_free(d);
    return 0;
}
