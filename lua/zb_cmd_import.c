/* zhibiao import FILE.csv --to DIR --plan CODE --region CODE
 *                [--plan-name NAME] [--encoding gbk] [--indicators DIR]
 *                [--base-year Y] [--target-year Y] [--force]
 *
 * A bureau's wide plan table, exported from Excel/WPS as CSV, into dataset
 * files (regions.csv, indicators.csv, targets.csv, observations.csv) that
 * `zhibiao validate` accepts.  Names are mapped to the indicator codes of
 * the dataset given with --indicators, else to the shared codes of
 * datasets/CODES.md (regions then come from the bundled Guizhou list).
 * Every problem is listed with FILE:LINE:COLUMN; with any error nothing is
 * written (exit 2).  Existing dataset files in DIR are kept unless --force.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "zb_codes.h"
#include "zb_host.h"
#include "zb_import.h"
#include "zb_lang.h"
#include "zb_load.h"
#include "zb_outfile.h"
#include "zb_wide.h"
#include "zb_write.h"

typedef struct import_opts {
    const char *file, *to, *plan, *plan_name, *region, *encoding, *indicators;
    int base_year, target_year, force;
} import_opts;

static void usage(FILE *out)
{
    fprintf(out, "%s", ZB_T(
        "用法：zhibiao import 表格.csv --to 目录 --plan 规划代码 --region 地区代码\n"
        "                     [--plan-name 规划名称] [--encoding gbk] [--indicators 数据集目录]\n"
        "                     [--base-year 年份] [--target-year 年份] [--force]\n"
        "把从 Excel/WPS 导出的规划指标表（每行一个指标，列为 指标、单位、各年份、年均增速、属性）\n"
        "转为数据集文件。指标名称按 --indicators 数据集（缺省为 datasets/CODES.md）对应到指标代码。\n",
        "usage: zhibiao import TABLE.csv --to DIR --plan CODE --region CODE\n"
        "                     [--plan-name NAME] [--encoding gbk] [--indicators DATASET]\n"
        "                     [--base-year Y] [--target-year Y] [--force]\n"
        "Turns a plan table exported from Excel/WPS (one row per indicator; columns: name, unit,\n"
        "years, annual growth, attribute) into dataset files, mapping names to the indicator codes of\n"
        "the --indicators dataset (default: datasets/CODES.md).\n"));
}

static int parse_year(const char *s, int *out)
{
    char *end;
    long v = strtol(s, &end, 10);
    if (!*s || *end || v < 1949 || v > 2100)
        return -1;
    *out = (int)v;
    return 0;
}

static int is_code(const char *s)
{
    if (!*s)
        return 0;
    for (; *s; s++)
        if (!((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') || (*s >= '0' && *s <= '9') || *s == '_' ||
              *s == '-' || *s == '.'))
            return 0;
    return 1;
}

static int parse_args(int argc, char **argv, import_opts *o)
{
    memset(o, 0, sizeof *o);
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
            usage(stdout);
            return 1;
        }
        if (strcmp(a, "--force") == 0) {
            o->force = 1;
            continue;
        }
        if (a[0] != '-' || !a[1]) {
            if (o->file) {
                fprintf(stderr, ZB_T("zhibiao import：多余的参数“%s”\n", "zhibiao import: unexpected argument '%s'\n"), a);
                return -1;
            }
            o->file = a;
            continue;
        }
        const char *v = i + 1 < argc ? argv[i + 1] : NULL;
        const char **slot = NULL;
        int *year = NULL;
        if (strcmp(a, "--to") == 0) slot = &o->to;
        else if (strcmp(a, "--plan") == 0) slot = &o->plan;
        else if (strcmp(a, "--plan-name") == 0) slot = &o->plan_name;
        else if (strcmp(a, "--region") == 0) slot = &o->region;
        else if (strcmp(a, "--encoding") == 0) slot = &o->encoding;
        else if (strcmp(a, "--indicators") == 0) slot = &o->indicators;
        else if (strcmp(a, "--base-year") == 0) year = &o->base_year;
        else if (strcmp(a, "--target-year") == 0) year = &o->target_year;
        else {
            fprintf(stderr, ZB_T("zhibiao import：未知选项“%s”\n", "zhibiao import: unknown option '%s'\n"), a);
            usage(stderr);
            return -1;
        }
        if (!v) {
            fprintf(stderr, ZB_T("zhibiao import：%s 后面缺少值\n", "zhibiao import: %s needs a value\n"), a);
            return -1;
        }
        if (year && parse_year(v, year) != 0) {
            fprintf(stderr, ZB_T("zhibiao import：%s 的值“%s”不是年份\n", "zhibiao import: %s '%s' is not a year\n"), a, v);
            return -1;
        }
        if (slot)
            *slot = v;
        i++;
    }
    const char *missing = !o->file ? ZB_T("表格文件", "the table file") : !o->to ? "--to" : !o->plan ? "--plan"
                          : !o->region ? "--region" : NULL;
    if (missing) {
        fprintf(stderr, ZB_T("zhibiao import：缺少 %s\n", "zhibiao import: %s is missing\n"), missing);
        usage(stderr);
        return -1;
    }
    if (zb_host_check_encoding("import", o->encoding) != 0)
        return -1;
    if (!is_code(o->plan)) {
        fprintf(stderr, ZB_T("zhibiao import：规划代码“%s”应只含字母、数字、- 和 _（如 qxg-14fyp）\n",
                             "zhibiao import: the plan code '%s' may hold only letters, digits, - and _ (qxg-14fyp)\n"),
                o->plan);
        return -1;
    }
    return 0;
}

/* The reference indicators and regions: a dataset, or CODES.md with the
 * bundled regions of Guizhou.  NULL after printing why. */
static zb_dataset *load_reference(const import_opts *o, zb_diags *diags)
{
    if (o->indicators) {
        zb_dataset *ref = zb_dataset_load(o->indicators, NULL, diags);
        if (ref && zb_diags_errors(diags) == 0)
            return ref;
        zb_diags_print(diags, stderr, 1);
        fprintf(stderr, ZB_T("zhibiao import：参考数据集 %s 有错误\n", "zhibiao import: the reference dataset %s has errors\n"),
                o->indicators);
        zb_dataset_free(ref);
        return NULL;
    }
    char regions[4096], codes[4096];
    snprintf(regions, sizeof regions, "%s/datasets/guizhou/regions.csv", zb_host_home());
    snprintf(codes, sizeof codes, "%s/datasets/CODES.md", zb_host_home());
    zb_dataset *ref = zb_dataset_new();
    if (!ref)
        return NULL;
    size_t errors = zb_load_file(ref, ZB_FILE_REGIONS, regions, NULL, diags);
    errors += zb_codes_load(ref, codes, diags);
    errors += zb_dataset_finish(ref, regions, codes, diags);
    if (errors == 0)
        return ref;
    zb_diags_print(diags, stderr, 0);
    fprintf(stderr, "%s", ZB_T("zhibiao import：自带的指标代码表或地区表有错误\n",
                               "zhibiao import: the bundled codes or regions have errors\n"));
    zb_dataset_free(ref);
    return NULL;
}

/* mkdir -p */
static int make_dirs(const char *dir)
{
    char buf[4096];
    if (snprintf(buf, sizeof buf, "%s", dir) >= (int)sizeof buf)
        return -1;
    for (char *p = buf + 1; *p; p++) {
        if (*p != '/')
            continue;
        *p = '\0';
        if (mkdir(buf, 0777) != 0 && errno != EEXIST)
            return -1;
        *p = '/';
    }
    return mkdir(buf, 0777) != 0 && errno != EEXIST ? -1 : 0;
}

static int exists(const char *dir, const char *name)
{
    char path[4096];
    struct stat st;
    snprintf(path, sizeof path, "%s/%s", dir, name);
    return stat(path, &st) == 0;
}

int zb_cmd_import(int argc, char **argv)
{
    import_opts o;
    int p = parse_args(argc, argv, &o);
    if (p != 0)
        return p > 0 ? ZB_EXIT_OK : ZB_EXIT_USAGE;
    zb_diags *diags = zb_diags_new();
    if (!diags)
        return ZB_EXIT_FAIL;
    zb_dataset *ref = load_reference(&o, diags);
    if (!ref) {
        zb_diags_free(diags);
        return ZB_EXIT_USAGE;
    }
    zb_diags_clear(diags);
    zb_wide_options wo = {o.encoding, o.base_year, o.target_year};
    zb_wide_table *t = zb_wide_read(o.file, &wo, diags);
    zb_dataset *nd = NULL;
    zb_import_stats st;
    memset(&st, 0, sizeof st);
    if (t && zb_diags_errors(diags) == 0) {
        const char *base = strrchr(o.file, '/');
        zb_import_options io = {o.plan, o.plan_name, o.region, base ? base + 1 : o.file};
        nd = zb_import_wide(t, ref, &io, &st, diags);
    }
    /* The lines shown under the messages are converted as the table was. */
    zb_diags_set_encoding(diags, o.encoding);
    zb_diags_print(diags, stderr, 1);
    int rc = ZB_EXIT_OK;
    if (!t || !nd || zb_diags_errors(diags) > 0) {
        fprintf(stderr, ZB_T("导入失败：%zu 个错误，未写入任何文件。\n", "import failed: %zu errors; nothing was written.\n"),
                zb_diags_errors(diags));
        rc = (!t || (t && !nd && zb_diags_errors(diags) == 0)) ? ZB_EXIT_FAIL : ZB_EXIT_USAGE;
        goto done;
    }
    static const char *const files[] = {"regions.csv", "indicators.csv", "observations.csv", "targets.csv"};
    if (make_dirs(o.to) != 0) {
        fprintf(stderr, ZB_T("zhibiao import：无法建立目录 %s：%s\n", "zhibiao import: cannot create %s: %s\n"), o.to,
                zb_write_strerror(errno));
        rc = ZB_EXIT_USAGE;
        goto done;
    }
    for (int i = 0; i < 4 && !o.force; i++) {
        if (exists(o.to, files[i])) {
            fprintf(stderr, ZB_T("zhibiao import：%s/%s 已存在；要覆盖请加 --force\n",
                                 "zhibiao import: %s/%s exists; add --force to replace it\n"), o.to, files[i]);
            rc = ZB_EXIT_USAGE;
            goto done;
        }
    }
    char err[512];
    if (zb_dataset_write(nd, o.to, err, sizeof err) != 0) {
        zb_host_error("import", "%s", err);
        rc = ZB_EXIT_USAGE; /* the output could not be written: not a finding */
        goto done;
    }
    /* What was written must load: the same checks as zhibiao validate. */
    zb_diags *check = zb_diags_new();
    zb_dataset *back = check ? zb_dataset_load(o.to, NULL, check) : NULL;
    if (!back || zb_diags_errors(check) > 0) {
        if (check)
            zb_diags_print(check, stderr, 1);
        fprintf(stderr, ZB_T("zhibiao import：写出的数据集 %s 未通过校验\n", "zhibiao import: the dataset written to %s does not validate\n"),
                o.to);
        rc = ZB_EXIT_FAIL;
    }
    zb_dataset_free(back);
    zb_diags_free(check);
    if (rc == ZB_EXIT_OK) {
        printf(ZB_T("已导入 %s：%zu 行指标 → 规划目标 %zu 条、观测值 %zu 个、指标 %zu 个",
                    "imported %s: %zu indicator rows -> %zu targets, %zu observations, %zu indicators"),
               o.file, st.rows, st.targets, st.observations, st.indicators);
        if (st.operands)
            printf(ZB_T("（另含汇总规则所需的指标 %zu 个）", " (and %zu indicators the aggregation rules need)"), st.operands);
        printf(ZB_T("\n基期 %d 年，目标 %d 年；警告 %zu 个。已写入 %s/\n", "\nbase year %d, target year %d; %zu warnings. Written to %s/\n"),
               t->base_year, t->target_year, zb_diags_warnings(diags), o.to);
    }
done:
    zb_dataset_free(nd);
    zb_wide_free(t);
    zb_dataset_free(ref);
    zb_diags_free(diags);
    return rc;
}
