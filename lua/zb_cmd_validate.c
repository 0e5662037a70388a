/* zhibiao validate DIR [--format text|json] [--encoding ENC]
 *
 * Loads a dataset, lists every problem with its location, and summarises what
 * is in it: regions by level, indicators by kind, observations by year,
 * targets per plan, and the documents the figures come from. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "zb_host.h"
#include "zb_json.h"
#include "zb_lang.h"
#include "zb_load.h"
#include "zb_text.h"

/* A name -> count tally, kept in order of first appearance.  Names are
 * found through an interning table, so a file with a million distinct
 * sources costs a million lookups, not a million squared. */
typedef struct tally {
    char **names;
    size_t *counts;
    size_t n, cap;
    zb_strtab *index;    /* name -> id */
    size_t *pos_of_id;   /* id -> position + 1, 0 when not yet seen */
    size_t pos_cap;
} tally;

static void tally_add(tally *t, const char *name, size_t len)
{
    if (!t->index && !(t->index = zb_strtab_new()))
        return;
    uint32_t id = zb_strtab_intern(t->index, name, len);
    if (id == UINT32_MAX)
        return;
    if (id >= t->pos_cap) {
        size_t cap = t->pos_cap ? t->pos_cap : 64;
        while (cap <= id)
            cap *= 2;
        size_t *pos = realloc(t->pos_of_id, cap * sizeof *pos);
        if (!pos)
            return;
        memset(pos + t->pos_cap, 0, (cap - t->pos_cap) * sizeof *pos);
        t->pos_of_id = pos;
        t->pos_cap = cap;
    }
    if (t->pos_of_id[id]) {
        t->counts[t->pos_of_id[id] - 1]++;
        return;
    }
    if (t->n == t->cap) {
        size_t cap = t->cap ? t->cap * 2 : 16;
        char **names = realloc(t->names, cap * sizeof *names);
        if (!names)
            return;
        t->names = names;
        size_t *counts = realloc(t->counts, cap * sizeof *counts);
        if (!counts)
            return;
        t->counts = counts;
        t->cap = cap;
    }
    char *copy = malloc(len + 1);
    if (!copy)
        return;
    memcpy(copy, name, len);
    copy[len] = '\0';
    t->names[t->n] = copy;
    t->counts[t->n++] = 1;
    t->pos_of_id[id] = t->n;
}

static void tally_free(tally *t)
{
    for (size_t i = 0; i < t->n; i++)
        free(t->names[i]);
    free(t->names);
    free(t->counts);
    zb_strtab_free(t->index);
    free(t->pos_of_id);
}

/* Counts each cited document once per citation: "a.txt:12; b.txt:3-9". */
static void tally_sources(tally *t, const char *s)
{
    while (*s) {
        while (*s == ' ' || *s == ';')
            s++;
        const char *end = s;
        while (*end && *end != ';')
            end++;
        const char *colon = memchr(s, ':', (size_t)(end - s));
        size_t len = (size_t)((colon ? colon : end) - s);
        while (len && s[len - 1] == ' ')
            len--;
        if (len)
            tally_add(t, s, len);
        s = end;
    }
}

typedef struct summary {
    size_t levels[ZB_LEVEL_COUNT];
    size_t kinds[ZB_KIND_COUNT];
    size_t binding;
    tally years, plans, sources;
    size_t missing, obs_with_source, targets_with_source;
} summary;

static void summarise(const zb_dataset *ds, summary *s)
{
    memset(s, 0, sizeof *s);
    for (size_t i = 0; i < ds->regions.count; i++) {
        s->levels[ds->regions.items[i].level]++;
        tally_sources(&s->sources, zb_ds_str(ds, ds->regions.items[i].source));
    }
    for (size_t i = 0; i < ds->indicators.count; i++) {
        s->kinds[ds->indicators.items[i].kind]++;
        tally_sources(&s->sources, zb_ds_str(ds, ds->indicators.items[i].source));
        s->binding += ds->indicators.items[i].attribute == ZB_ATTR_BINDING;
    }
    for (int y = ds->obs.year_min; ds->obs.count && y <= ds->obs.year_max; y++) {
        size_t n;
        zb_obs_rows_for_year(&ds->obs, y, &n);
        if (n) {
            char name[8];
            snprintf(name, sizeof name, "%d", y);
            tally_add(&s->years, name, strlen(name));
            s->years.counts[s->years.n - 1] = n;
        }
    }
    for (size_t r = 0; r < ds->obs.count; r++) {
        s->missing += isnan(ds->obs.value[r]) && !ds->obs.raw[r];
        if (ds->obs.source[r]) {
            s->obs_with_source++;
            tally_sources(&s->sources, zb_ds_str(ds, ds->obs.source[r]));
        }
    }
    for (size_t k = 0; k < ds->targets.count; k++) {
        const zb_target *t = &ds->targets.items[k];
        const char *plan = zb_ds_str(ds, t->plan);
        tally_add(&s->plans, plan, strlen(plan));
        if (t->source) {
            s->targets_with_source++;
            tally_sources(&s->sources, zb_ds_str(ds, t->source));
        }
    }
}

static const char *plan_name(const zb_dataset *ds, const char *plan)
{
    for (size_t k = 0; k < ds->targets.count; k++)
        if (strcmp(zb_ds_str(ds, ds->targets.items[k].plan), plan) == 0 &&
            ds->targets.items[k].plan_name)
            return zb_ds_str(ds, ds->targets.items[k].plan_name);
    return "";
}

static void print_result(const zb_diags *d)
{
    size_t notes = zb_diags_count(d) - zb_diags_errors(d) - zb_diags_warnings(d) + zb_diags_suppressed(d);
    printf(ZB_T("结果：%zu 个错误，%zu 个警告，%zu 条说明\n", "result: %zu errors, %zu warnings, %zu notes\n"),
           zb_diags_errors(d), zb_diags_warnings(d), notes);
}

static void print_text(const zb_dataset *ds, const summary *s, const zb_diags *d)
{
    printf(ZB_T("数据集 %s\n", "dataset %s\n"), ds->dir);
    printf(ZB_T("  地区    %zu 个：", "  regions      %zu: "), ds->regions.count);
    const char *sep = "";
    for (int l = 0; l < ZB_LEVEL_COUNT; l++)
        if (s->levels[l]) {
            printf("%s%s %zu", sep, zb_level_label((zb_level)l), s->levels[l]);
            sep = ZB_T("，", ", ");
        }
    printf(ZB_T("\n  指标    %zu 个：", "\n  indicators   %zu: "), ds->indicators.count);
    sep = "";
    for (int k = 0; k < ZB_KIND_COUNT; k++)
        if (s->kinds[k]) {
            printf("%s%s %zu", sep, zb_kind_label((zb_kind)k), s->kinds[k]);
            sep = ZB_T("，", ", ");
        }
    printf(ZB_T("（其中约束性 %zu）\n", " (binding: %zu)\n"), s->binding);
    printf(ZB_T("  观测值  %zu 个", "  observations %zu"), ds->obs.count);
    if (ds->obs.count) {
        printf(ZB_T("，%d–%d 年：", ", %d-%d: "), ds->obs.year_min, ds->obs.year_max);
        for (size_t i = 0; i < s->years.n; i++)
            printf(ZB_T("%s%s 年 %zu", "%s%s: %zu"), i ? ZB_T("，", ", ") : "", s->years.names[i],
                   s->years.counts[i]);
        printf(ZB_T("；缺失 %zu；注明来源 %zu/%zu", "; missing %zu; with source %zu/%zu"), s->missing,
               s->obs_with_source, ds->obs.count);
    }
    printf(ZB_T("\n  目标    %zu 个", "\n  targets      %zu"), ds->targets.count);
    if (ds->targets.count)
        printf(ZB_T("，注明来源 %zu/%zu", ", with source %zu/%zu"), s->targets_with_source,
               ds->targets.count);
    printf("\n");
    /* A summary stays a summary: past SHOWN names the rest are counted
     * (--format json lists them all). */
    enum { SHOWN = 30 };
    for (size_t i = 0; i < s->plans.n && i < SHOWN; i++)
        printf(ZB_T("    %-16s %s：%zu 个\n", "    %-16s %s: %zu\n"), s->plans.names[i],
               plan_name(ds, s->plans.names[i]), s->plans.counts[i]);
    if (s->plans.n > SHOWN)
        printf(ZB_T("    （另有 %zu 个规划）\n", "    (%zu more plans)\n"), s->plans.n - SHOWN);
    /* The dataset's own choices, where settings.csv made one: they change
     * what a rollup means, so they belong in the summary. */
    const zb_settings *st = &ds->settings;
    if (st->rollup_zones_line || st->regions_complete_line) {
        printf("%s", ZB_T("  设置    ", "  settings     "));
        if (st->rollup_zones_line)
            printf("%s", zb_zones_label(st->rollup_zones));
        if (st->regions_complete_line)
            printf("%s%s", st->rollup_zones_line ? ZB_T("；", "; ") : "",
                   st->regions_complete ? ZB_T("地区表列全了下级", "every child listed in regions.csv")
                                        : ZB_T("地区表未列全下级（汇总各项均为不全）", "not every child listed in regions.csv (every rollup cell partial)"));
        printf("\n");
    }
    if (s->sources.n) {
        printf("%s", ZB_T("  来源文件（被引用次数）：\n", "  source documents (citations):\n"));
        for (size_t i = 0; i < s->sources.n && i < SHOWN; i++) {
            /* Padded by display width: a Chinese document name is twice as
             * wide as its characters count. */
            size_t w = zb_text_width(s->sources.names[i]);
            printf("    %s%*s %zu\n", s->sources.names[i], w < 32 ? (int)(32 - w) : 0, "",
                   s->sources.counts[i]);
        }
        if (s->sources.n > SHOWN)
            printf(ZB_T("    （另有 %zu 个来源文件）\n", "    (%zu more documents)\n"), s->sources.n - SHOWN);
    }
    print_result(d);
}

static void json_counts(const char *key, const char *const *names, const size_t *counts, int n)
{
    printf("  \"%s\": {", key);
    const char *sep = "";
    for (int i = 0; i < n; i++)
        if (counts[i]) {
            printf("%s\"%s\": %zu", sep, names[i], counts[i]);
            sep = ", ";
        }
    printf("},\n");
}

static void json_tally(const char *key, const tally *t, int last)
{
    printf("  \"%s\": {", key);
    for (size_t i = 0; i < t->n; i++) {
        printf("%s", i ? ", " : "");
        zb_json_string(stdout, t->names[i]);
        printf(": %zu", t->counts[i]);
    }
    printf("}%s\n", last ? "" : ",");
}

static void print_json(const zb_dataset *ds, const summary *s, const zb_diags *d)
{
    printf("{\n  \"dataset\": ");
    zb_json_string(stdout, ds->dir ? ds->dir : "");
    printf(",\n  \"errors\": %zu,\n  \"warnings\": %zu,\n  \"diagnostics\": [", zb_diags_errors(d),
           zb_diags_warnings(d));
    static const char *const sev[] = {"error", "warning", "note"};
    for (size_t i = 0; i < zb_diags_count(d); i++) {
        const zb_diag *g = zb_diag_at(d, i);
        printf("%s\n    {\"severity\": \"%s\", \"file\": ", i ? "," : "", sev[g->severity]);
        zb_json_string(stdout, g->file);
        printf(", \"line\": %lu, \"col\": %lu, \"message\": ", g->line, g->col);
        zb_json_string(stdout, g->message);
        printf("}");
    }
    printf("%s],\n", zb_diags_count(d) ? "\n  " : "");
    const char *levels[ZB_LEVEL_COUNT], *kinds[ZB_KIND_COUNT];
    for (int i = 0; i < ZB_LEVEL_COUNT; i++)
        levels[i] = zb_level_name((zb_level)i);
    for (int i = 0; i < ZB_KIND_COUNT; i++)
        kinds[i] = zb_kind_name((zb_kind)i);
    printf("  \"counts\": {\"regions\": %zu, \"indicators\": %zu, \"observations\": %zu, \"targets\": %zu},\n",
           ds->regions.count, ds->indicators.count, ds->obs.count, ds->targets.count);
    json_counts("regions_by_level", levels, s->levels, ZB_LEVEL_COUNT);
    json_counts("indicators_by_kind", kinds, s->kinds, ZB_KIND_COUNT);
    printf("  \"missing_values\": %zu,\n  \"observations_with_source\": %zu,\n  \"targets_with_source\": %zu,\n",
           s->missing, s->obs_with_source, s->targets_with_source);
    json_tally("observations_by_year", &s->years, 0);
    json_tally("targets_by_plan", &s->plans, 0);
    json_tally("sources", &s->sources, 1);
    printf("}\n");
}

static void usage(FILE *out)
{
    fprintf(out, "%s", ZB_T("用法：zhibiao validate 目录 [--format text|json] [--encoding gbk]\n"
                            "检查数据集：列出每个问题（文件:行:列、发现了什么、应为什么）并汇总内容。\n"
                            "退出码：0 没有错误（可有警告和说明）；2 有错误或用法有误。\n",
                            "usage: zhibiao validate DIR [--format text|json] [--encoding gbk]\n"
                            "Checks a dataset: lists every problem (file:line:column, what was found, what was\n"
                            "expected) and summarises the contents.\n"
                            "exit status: 0 no errors (warnings and notes allowed); 2 errors or bad usage.\n"));
}

int zb_cmd_validate(int argc, char **argv)
{
    const char *dir = NULL, *format = "text", *encoding = NULL;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "-h") == 0 || strcmp(argv[i], "--help") == 0) {
            usage(stdout);
            return ZB_EXIT_OK;
        } else if ((strcmp(argv[i], "--format") == 0 || strcmp(argv[i], "--encoding") == 0) && i + 1 < argc) {
            if (argv[i][2] == 'f')
                format = argv[++i];
            else
                encoding = argv[++i];
        } else if (argv[i][0] == '-' && argv[i][1]) {
            fprintf(stderr, ZB_T("zhibiao validate：未知选项“%s”\n", "zhibiao validate: unknown option '%s'\n"),
                    argv[i]);
            usage(stderr);
            return ZB_EXIT_USAGE;
        } else if (!dir) {
            dir = argv[i];
        } else {
            fprintf(stderr, "%s", ZB_T("zhibiao validate：只能给一个目录\n", "zhibiao validate: one directory only\n"));
            return ZB_EXIT_USAGE;
        }
    }
    int json = strcmp(format, "json") == 0;
    if (!dir || (!json && strcmp(format, "text") != 0)) {
        usage(stderr);
        return ZB_EXIT_USAGE;
    }
    if (zb_host_check_encoding("validate", encoding) != 0)
        return ZB_EXIT_USAGE;
    zb_load_options opt;
    memset(&opt, 0, sizeof opt);
    opt.encoding = encoding;
    zb_diags *diags = zb_diags_new();
    zb_dataset *ds = diags ? zb_dataset_load(dir, &opt, diags) : NULL;
    if (!ds) {
        zb_host_error("validate", "%s", ZB_T("内存不足", "out of memory"));
        zb_diags_free(diags);
        return ZB_EXIT_FAIL;
    }
    summary s;
    summarise(ds, &s);
    if (json) {
        print_json(ds, &s, diags);
    } else {
        zb_diags_print(diags, stdout, 1);
        if (zb_diags_count(diags))
            printf("\n");
        /* Nothing read at all (no such folder, an empty one): a summary of
         * zeros would only bury the error above it. */
        if (ds->regions.count || ds->indicators.count || ds->obs.count || ds->targets.count)
            print_text(ds, &s, diags);
        else
            print_result(diags);
    }
    int rc = zb_diags_errors(diags) ? ZB_EXIT_USAGE : ZB_EXIT_OK;
    tally_free(&s.years);
    tally_free(&s.plans);
    tally_free(&s.sources);
    zb_dataset_free(ds);
    zb_diags_free(diags);
    return rc;
}
